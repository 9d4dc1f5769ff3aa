-- Performance-test figures: the average TPS of a load test, from the
-- transactions completed and the duration (one division, with minutes
-- turned into seconds). Throughput by Little's law is little_law.lua.
local kit = require("itemkit")

-- The figures (minutes, TPS, virtual users) a variant may take. The users
-- never equal the minutes: with 10 users for 10 min, 15000 transactions ÷ 10
-- is both the per-minute rate and the transactions per user, and
-- 15000 ÷ (10 users × 60) gives the key, so the variant could not tell which
-- number the candidate divided by. Neither is 60, where ÷ 60 alone would
-- coincide with ÷ minutes or ÷ users. Such combinations are not offered.
local FIGURES = {}
for _, minutes in ipairs({ 5, 10, 15, 20, 30 }) do
  for _, tps in ipairs({ 12, 25, 40, 48, 60, 75, 90, 120 }) do
    for _, users in ipairs({ 10, 20, 30 }) do
      if users ~= minutes and users ~= 60 and minutes ~= 60 then
        FIGURES[#FIGURES + 1] = { minutes, tps, users }
      end
    end
  end
end

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-throughput",
  knowledge = { "L3-K3.3.2" },
  type = "single",
  difficulty = 3,            -- apply the TPS formula to given figures: minutes to
                             -- seconds, and the virtual users not divided into it
  variants = 24,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(_, _, variant)
    local minutes, tps, users = table.unpack(kit.spread(FIGURES, variant, 7))
    local done = tps * minutes * 60
    -- one decimal, rounded half up (四舍五入) as the candidate rounds: 75 ÷ 60
    -- = 1.25 shows as 1.3, not as the 1.2 of printf's round-half-even
    local fmt = function(v) return kit.fixed(math.floor(v * 10 + 0.5) / 10, 1) end
    -- the mistakes: the division by the virtual users, the most tempting
    -- one, in one of its two forms in every variant (the system's TPS
    -- taken per user, below the key; the transactions per user taken as
    -- the TPS, above it), the minutes taken as hours (below), a per-minute
    -- rate and a division by 60 alone (both above). Turning minutes the
    -- wrong way round (÷ min/60) gives rates thousands of times the key
    -- that no candidate picks: not offered. The key stands at A (the three
    -- above), B or C in turn
    local options, answer, why = kit.numeric_options(tps, {
      { done / (minutes * 60 * users), "又除以虚拟用户数、算成了每个用户的TPS" },
      { done / minutes, "直接除以分钟数、得到每分钟事务数" },
      { done / 60, "只除以60、漏除持续的分钟数" },
      { done / users, "用事务数除以虚拟用户数、把每个用户完成的事务数当作TPS" },
      { done / (minutes * 3600), "把分钟当作小时换算成秒" },
    }, fmt, variant % 3 + 1)
    return {
      stem = string.format("性能测试报告记录：%d个虚拟用户持续压测%d min，共成功完成%d笔事务。"
        .. "该测试期间系统的平均TPS（每秒事务数）为（　）。", users, minutes, done),
      options = options, answer = answer, misconceptions = why,
      params = { kind = "tps", done = done, minutes = minutes, users = users },
      explanation = string.format("TPS是整个系统每秒完成的事务数，不按虚拟用户数分摊："
        .. "TPS＝成功事务数/持续秒数＝%d/(%d×60)＝%s。", done, minutes, fmt(tps))
        .. kit.mistakes_text(options, why),
    }
  end,
}
