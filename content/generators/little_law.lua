-- Performance-test figures: the throughput of a closed load test by
-- Little's law, N = X × (R + Z). The TPS of a load test is throughput.lua.
local kit = require("itemkit")

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-little-law",
  knowledge = { "L3-K3.3.2" },
  type = "single",
  difficulty = 3,            -- apply a rule (Little's law) to a concrete case
  variants = 24,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(_, _, variant)
    local users, resp, think = kit.combo({
      { 50, 100, 150, 200, 300, 400, 500, 600 },
      { 0.2, 0.4, 0.5, 0.8, 1.0, 1.5, 2.0 },
      { 1, 2, 3, 4, 5, 8 },
    }, variant, 29)
    local key = users / (resp + think)
    -- two mistakes give less than the key (a minute's division too many, one
    -- user's rate), so the key can stand at A, B or C: turn over the three
    local fmt = function(v) return kit.fixed(v, 1) .. " 次/s" end
    local options, answer, why = kit.numeric_options(key, {
      { users / resp, "忽略思考时间" },
      { users / think, "忽略响应时间" },
      { key * 60, "把每分钟的请求数当作每秒的吞吐量" },
      { key / 60, "把每秒的吞吐量又除以60" },
      { 1 / (resp + think), "漏乘并发用户数、算成了单个用户每秒的请求数" },
    }, fmt, (variant - 1) % 3 + 1)
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
  end,
}
