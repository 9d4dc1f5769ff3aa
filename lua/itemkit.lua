-- itemkit: helpers for parametric item generators (CONTENT/generators/).

local M = {}

-- Format a number with at most `places` decimals, dropping trailing zeros;
-- negatives take the minus sign U+2212 of Chinese typesetting.
function M.num(x, places)
  local s = string.format("%." .. (places or 2) .. "f", x)
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  if s == "-0" then s = "0" end
  return (s:gsub("^%-", "−"))
end

-- Format a number with exactly `places` decimals, so that the options of
-- one item look alike (a key with more digits would stand out); minus
-- sign as in M.num.
function M.fixed(x, places)
  local s = string.format("%." .. places .. "f", x)
  if s:match("^%-0%.?0*$") then s = s:sub(2) end
  return (s:gsub("^%-", "−"))
end

-- Format a number to `digits` significant figures (at least the units).
function M.sig(x, digits)
  if x == 0 then return "0" end
  local places = digits - 1 - math.floor(math.log(math.abs(x), 10))
  return M.num(x, places > 0 and places or 0)
end

-- Options for a numeric single-choice item: the key and three distractors
-- in ascending order (the natural order for numbers), all distinct once
-- formatted by fmt (which may return nil to refuse a value). Every
-- distractor is a named mistake: `mistakes` lists { value, why } with why
-- the misconception, said as what the candidate did ("把一天按3600 s计"),
-- the typical ones first. Values that coincide with the key or with an
-- earlier mistake once formatted are dropped, so a mistake that happens to
-- give the key is never offered. The key lands at `position` (1-4) where
-- the mistakes allow, else at the nearest position they allow: callers
-- spread positions over variants so keys do not cluster. Returns options,
-- the answer letter and the misconceptions { B = why, … }; nil when fewer
-- than three mistakes remain.
function M.numeric_options(key, mistakes, fmt, position)
  local seen = { [fmt(key)] = true }
  local below, above = {}, {}
  for _, m in ipairs(mistakes) do
    local d = m[1]
    if d == d and d ~= math.huge and d ~= -math.huge then
      local t = fmt(d)
      if t ~= nil and not seen[t] then
        seen[t] = true
        if d < key then below[#below + 1] = m else above[#above + 1] = m end
      end
    end
  end
  local function fits(p) return #below >= p - 1 and #above >= 4 - p end
  position = position or 2
  local chosen
  for _, delta in ipairs({ 0, -1, 1, -2, 2, -3, 3 }) do
    local p = position + delta
    if p >= 1 and p <= 4 and fits(p) then chosen = p break end
  end
  if not chosen then return nil end
  local picked = { { key } }
  for i = 1, chosen - 1 do picked[#picked + 1] = below[i] end
  for i = 1, 4 - chosen do picked[#picked + 1] = above[i] end
  table.sort(picked, function(x, y) return x[1] < y[1] end)
  local options, answer, why = {}, nil, {}
  for i, m in ipairs(picked) do
    local letter = string.char(64 + i)
    options[i] = fmt(m[1])
    if m[2] == nil then answer = letter else why[letter] = m[2] end
  end
  return options, answer, why
end

-- The explanation's account of the distractors: for each wrong option in
-- letter order, the misconception that gives it, so that the explanation
-- claims exactly the mistakes this variant's options contain.
function M.mistakes_text(options, misconceptions)
  local parts = {}
  for i = 1, #options do
    local letter = string.char(64 + i)
    if misconceptions[letter] then
      parts[#parts + 1] = letter .. "（" .. options[i] .. "）是" .. misconceptions[letter]
        .. "的结果"
    end
  end
  return "错误选项中，" .. table.concat(parts, "；") .. "。"
end

-- The key position for a variant: A, B, C, D in turn.
function M.position(variant)
  return (variant - 1) % 4 + 1
end

-- Greatest common divisor, for strides that visit every element once.
function M.gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return a
end

-- The variant-th element of list visited with a stride coprime to #list:
-- variants 1..#list are all different and spread over the list.
function M.spread(list, variant, stride)
  local n = #list
  stride = stride or 7
  while M.gcd(stride, n) ~= 1 do stride = stride + 1 end
  return list[((variant - 1) * stride) % n + 1]
end

-- The variant-th combination of several lists (their Cartesian product),
-- visited with a stride coprime to the product's size: variants
-- 1..size are all different. Returns one value per list.
function M.combo(lists, variant, stride)
  local size = 1
  for _, l in ipairs(lists) do size = size * #l end
  stride = stride or 7
  while M.gcd(stride, size) ~= 1 do stride = stride + 1 end
  local index = ((variant - 1) * stride) % size
  local out = {}
  for i, l in ipairs(lists) do
    out[i] = l[index % #l + 1]
    index = index // #l
  end
  return table.unpack(out)
end

return M
