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

-- Format a number to `digits` significant figures (at least the units).
function M.sig(x, digits)
  if x == 0 then return "0" end
  local places = digits - 1 - math.floor(math.log(math.abs(x), 10))
  return M.num(x, places > 0 and places or 0)
end

-- Options for a numeric single-choice item: the key and three distractors
-- in ascending order (the natural order for numbers), all distinct once
-- formatted by fmt (which may return nil to refuse a value). Distractors are taken in the order given (the typical
-- mistakes first), then near misses if needed, so that the key lands at
-- `position` (1-4) where the candidates allow: callers spread positions
-- over variants so keys do not cluster. Returns options, answer letter.
function M.numeric_options(key, distractors, fmt, position)
  local seen = { [fmt(key)] = true }
  local below, above = {}, {}
  local function consider(d)
    if d ~= d or d == math.huge or d == -math.huge then return end
    local t = fmt(d)
    if t == nil or seen[t] then return end
    seen[t] = true
    if d < key then below[#below + 1] = d else above[#above + 1] = d end
  end
  for _, d in ipairs(distractors) do consider(d) end
  -- the requested position if the typical mistakes can fill it, else the
  -- nearest one they can; near misses only when none can
  local function fits(p) return #below >= p - 1 and #above >= 4 - p end
  position = position or 2
  local chosen
  for _, delta in ipairs({ 0, -1, 1, -2, 2, -3, 3 }) do
    local p = position + delta
    if p >= 1 and p <= 4 and fits(p) then chosen = p break end
  end
  if not chosen then
    local step = key ~= 0 and math.abs(key) or 1
    for _, f in ipairs({ 0.2, 0.5, 0.75 }) do
      consider(key - step * f)
      consider(key + step * f)
    end
    chosen = math.max(1, math.min(position, #below + 1, 4))
    if not fits(chosen) then chosen = 4 - math.min(#above, 3) end
    if not fits(chosen) then return nil end
  end
  local want_below, want_above = chosen - 1, 4 - chosen
  local values = { key }
  for i = 1, want_below do values[#values + 1] = below[i] end
  for i = 1, want_above do values[#values + 1] = above[i] end
  table.sort(values)
  local options, answer = {}, nil
  for i, v in ipairs(values) do
    options[i] = fmt(v)
    if v == key then answer = string.char(64 + i) end
  end
  return options, answer
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
