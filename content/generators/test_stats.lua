-- Statistics of test data: median, sample standard deviation, pass rate.
local kit = require("itemkit")

local function mean(xs)
  local s = 0
  for _, x in ipairs(xs) do s = s + x end
  return s / #xs
end

local function sorted(xs)
  local c = {}
  for i, x in ipairs(xs) do c[i] = x end
  table.sort(c)
  return c
end

local function median(xs)
  local c, n = sorted(xs), #xs
  if n % 2 == 1 then return c[(n + 1) // 2] end
  return (c[n // 2] + c[n // 2 + 1]) / 2
end

local function list(xs)
  local t = {}
  for i, x in ipairs(xs) do t[i] = tostring(x) end
  return table.concat(t, "、")
end

local kinds = {}

-- median of an even number of response times
kinds[1] = function(rng, position)
  local xs, c
  repeat
    xs = {}
    for i = 1, 8 do xs[i] = rng:int(8, 60) * 5 end
    c = sorted(xs)
    -- equal middle values would make the median a value of the list and
    -- the two one-sided mistakes the key itself
  until median(xs) ~= mean(xs) and median(xs) ~= xs[4] and c[4] ~= c[5]
  local key = median(xs)
  local fmt = function(v) return kit.num(v, 1) .. " ms" end
  local options, answer, why = kit.numeric_options(key, {
    { mean(xs), "用平均数代替中位数" },
    { c[4], "只取了排序后中间两个数中较小的一个" },
    { c[5], "只取了排序后中间两个数中较大的一个" },
    { (xs[4] + xs[5]) / 2, "没有排序、直接取原顺序中间两个数的平均值" },
    { (c[1] + c[8]) / 2, "把最大值与最小值的平均值当作中位数" },
  }, fmt, position)
  if not options then return nil end
  return {
    stem = "对数字孪生应用的查询接口连续测试8次，响应时间（ms）依次为：" .. list(xs)
      .. "。这组数据的中位数是（　）。",
    options = options, answer = answer, misconceptions = why,
    params = { kind = "median", values = xs },
    explanation = "先排序得" .. list(c) .. "，数据个数为偶数，中位数取中间两个数"
      .. c[4] .. "与" .. c[5] .. "的平均值，即" .. fmt(key) .. "。"
      .. kit.mistakes_text(options, why),
  }
end

-- sample standard deviation (n - 1) of a test bench's readings: the
-- winding temperatures of five motors of one type at rated load, the
-- spread of a real sample (a deterministic model's output would not vary)
kinds[2] = function(rng, position)
  local xs, m
  repeat
    xs = {}
    for i = 1, 5 do xs[i] = rng:int(90, 110) end
    m = mean(xs)
  until m == math.floor(m)
  local ss = 0
  for _, x in ipairs(xs) do ss = ss + (x - m) ^ 2 end
  if ss == 0 then return nil end
  local s = math.sqrt(ss / 4)
  local mad = 0
  for _, x in ipairs(xs) do mad = mad + math.abs(x - m) / 5 end
  local fmt = function(v) return kit.num(v, 2) end
  local options, answer, why = kit.numeric_options(s, {
    { math.sqrt(ss / 5), "除以n、算成了总体标准差" },
    { mad, "算成了平均偏差（各离差绝对值的平均）" },
    { ss / 4, "没有开方、算成了样本方差" },
    { ss / 5, "除以n且没有开方、算成了总体方差" },
    { math.sqrt(ss), "离差平方和没有除以n−1就开方" },
  }, fmt, position)
  if not options then return nil end
  return {
    stem = "为验证电机数字孪生模型对绕组温度的预测，在试验台上让同型号的5台电机在额定负载下运行至热稳定，"
      .. "测得各台的绕组温度（℃）为：" .. list(xs) .. "。这组数据的样本标准差约为（　）。",
    options = options, answer = answer, misconceptions = why,
    params = { kind = "sd", values = xs },
    explanation = "平均值为" .. kit.num(m) .. "，离差平方和为" .. kit.num(ss)
      .. "，样本标准差s＝√(离差平方和/(n−1))＝√(" .. kit.num(ss) .. "/4)≈"
      .. fmt(s) .. "。" .. kit.mistakes_text(options, why),
  }
end

-- pass rate over executed cases
kinds[3] = function(rng, position)
  local passed = rng:int(60, 180)
  local failed = rng:int(5, 30)
  local blocked = rng:int(3, 20)
  local executed = passed + failed
  local total = executed + blocked
  local pct = function(v) return kit.num(v * 100, 1) .. "%" end
  local options, answer, why = kit.numeric_options(passed / executed, {
    { passed / total, "把阻塞未执行的用例计入分母" },
    { (passed + blocked) / total, "把阻塞用例算作通过" },
    { failed / executed, "算成了失败率" },
    { executed / total, "算成了用例执行率（已执行用例占设计用例的比例）" },
    { failed / total, "算成了失败用例占设计用例的比例" },
    { passed / (passed + blocked), "把失败用例当作未执行、从分母中扣除" },
  }, pct, position)
  if not options then return nil end
  return {
    stem = string.format("某版本数字孪生应用共设计测试用例%d个，其中通过%d个、失败%d个，"
      .. "另有%d个因环境问题阻塞未执行。按已执行用例计算，该版本的测试通过率为（　）。",
      total, passed, failed, blocked),
    options = options, answer = answer, misconceptions = why,
    params = { kind = "pass_rate", passed = passed, failed = failed, blocked = blocked },
    explanation = string.format("已执行用例＝通过＋失败＝%d个，通过率＝%d/%d≈%s。",
      executed, passed, executed, pct(passed / executed)) .. kit.mistakes_text(options, why),
  }
end

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-test-stats",
  knowledge = { "L4-K2.2.2" },
  type = "single",
  difficulty = 3,
  variants = 24,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(rng, _, variant)
    -- each kind takes every third variant and its key moves from one of
    -- them to the next (kit.numeric_options takes the nearest place its
    -- mistakes allow); B comes up more often, as this area's other
    -- single-choice keys stand at B least
    local places = { 1, 2, 3, 2, 4, 2, 3, 2 }
    local k = (variant - 1) % #kinds + 1
    local item
    repeat
      item = kinds[k](rng, places[((variant - 1) // #kinds + 3 * k) % #places + 1])
    until item
    return item
  end,
}
