-- Performance-test figures: the average TPS of a load test, from the
-- transactions completed and the duration (one division, with minutes
-- turned into seconds). Throughput by Little's law is little_law.lua.
local kit = require("itemkit")

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-throughput",
  knowledge = { "L3-K3.3.2" },
  type = "single",
  difficulty = 2,            -- recognise TPS in a plain case: one division
  variants = 24,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(_, _, variant)
    local minutes, tps, users = kit.combo({
      { 5, 10, 15, 20, 30 },
      { 12, 25, 40, 48, 60, 75, 90, 120 },
      { 10, 20, 30 },
    }, variant, 7)
    local done = tps * minutes * 60
    local fmt = function(v) return kit.fixed(v, 1) end
    -- the mistakes: the system's TPS shared out per virtual user (the one
    -- the explanation warns against first), minutes not turned into seconds,
    -- the minutes left out, minutes taken as hours, and the reverse of the
    -- first: the system's TPS taken for one user's and added up over the
    -- users. Two give less than the key, the per-user one first, so at B or
    -- C the per-user mistake is always offered; at A (a key below every
    -- mistake) the added-up one stands in for it. Positions over twelve
    -- variants: A 2, B 5, C 5; the variants at A (3, 9, 15, 21) have
    -- users ~= minutes, so the added-up value is not the minutes-left-out one
    local position = ({ 3, 2, 1, 2, 3, 3, 2, 3, 1, 2, 3, 2 })[(variant - 1) % 12 + 1]
    local options, answer, why = kit.numeric_options(tps, {
      { done / (minutes * 60 * users), "又除以虚拟用户数、算成了每个用户的TPS" },
      { done / minutes, "直接除以分钟数、得到每分钟事务数" },
      { done / 60, "只除以60、漏除持续的分钟数" },
      { done / (minutes * 3600), "把分钟当作小时换算成秒" },
      { done * users / (minutes * 60), "把算出的TPS当作每个用户的TPS、又乘以虚拟用户数" },
    }, fmt, position)
    return {
      stem = string.format("性能测试报告记录：%d个虚拟用户持续压测%d min，共成功完成%d笔事务。"
        .. "该测试期间系统的平均TPS（每秒事务数）为（　）。", users, minutes, done),
      options = options, answer = answer, misconceptions = why,
      params = { kind = "tps", done = done, minutes = minutes, users = users },
      explanation = string.format("TPS是整个系统每秒完成的事务数，不按虚拟用户数分摊，也不按虚拟用户数累加："
        .. "TPS＝成功事务数/持续秒数＝%d/(%d×60)＝%s。", done, minutes, fmt(tps))
        .. kit.mistakes_text(options, why),
    }
  end,
}
