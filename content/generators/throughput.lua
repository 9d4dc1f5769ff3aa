-- Performance-test figures: throughput from Little's law, or TPS.
local kit = require("itemkit")

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-throughput",
  knowledge = { "L3-K3.3.2" },
  type = "single",
  difficulty = 4,
  variants = 24,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(_, _, variant)
    local half = (variant + 1) // 2
    if variant % 2 == 1 then
      local users, resp, think = kit.combo({
        { 50, 100, 150, 200, 300, 400, 500, 600 },
        { 0.2, 0.4, 0.5, 0.8, 1.0, 1.5, 2.0 },
        { 1, 2, 3, 4, 5, 8 },
      }, half, 29)
      local key = users / (resp + think)
      local fmt = function(v) return kit.fixed(v, 1) .. " 次/s" end
      local options, answer, why = kit.numeric_options(key, {
        { users / resp, "忽略思考时间" },
        { users / think, "忽略响应时间" },
        { key * 60, "把每分钟的请求数当作每秒的吞吐量" },
        { key / 60, "把每秒的吞吐量又除以60" },
      }, fmt, kit.position(variant))
      return {
        stem = string.format("对数字孪生平台做负载测试：%d个虚拟用户循环执行同一业务，"
          .. "平均响应时间为%s s，每次请求后思考时间为%d s。系统处于稳定状态时，吞吐量约为（　）。",
          users, kit.num(resp), think),
        options = options, answer = answer, misconceptions = why,
        params = { kind = "little", users = users, response = resp, think = think },
        explanation = string.format("由利特尔定律，并发用户数＝吞吐量×（响应时间＋思考时间），"
          .. "吞吐量＝%d/(%s＋%d)≈%s。", users, kit.num(resp), think, fmt(key))
          .. kit.mistakes_text(options, why),
      }
    end
    local minutes, tps = kit.combo({
      { 5, 10, 15, 20, 30 },
      { 12, 25, 40, 48, 60, 75, 90, 120 },
    }, half, 3)
    local done = tps * minutes * 60
    local fmt = function(v) return kit.fixed(v, 1) end
    local options, answer, why = kit.numeric_options(tps, {
      { done / minutes, "直接除以分钟数、得到每分钟事务数" },
      { done / (minutes * 3600), "把分钟当作小时换算成秒" },
      { done / (minutes * 100), "按1 min＝100 s换算" },
      { done / 60, "只除以60、漏除持续的分钟数" },
    }, fmt, kit.position(variant))
    return {
      stem = string.format("性能测试报告记录：持续压测%d min，共成功完成%d笔事务。"
        .. "该测试期间的平均TPS（每秒事务数）为（　）。", minutes, done),
      options = options, answer = answer, misconceptions = why,
      params = { kind = "tps", done = done, minutes = minutes },
      explanation = string.format("TPS＝成功事务数/持续秒数＝%d/(%d×60)＝%s。",
        done, minutes, fmt(tps)) .. kit.mistakes_text(options, why),
    }
  end,
}
