-- 4-20 mA signals: the measured value of a loop current.
local kit = require("itemkit")

local ranges = {
  { 0, 1.6, "MPa", "压力变送器", "压力", 2 },
  { 0, 2.5, "MPa", "压力变送器", "压力", 3 },
  { 0, 100, "℃", "温度变送器", "温度", 1 },
  { -50, 150, "℃", "温度变送器", "温度", 1 },
  { 0, 200, "m³/h", "流量计", "流量", 1 },
  { 0, 5, "m", "液位计", "液位", 2 },
}

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-current-loop",
  knowledge = { "B-2.2.3.4" },
  type = "single",
  difficulty = 3,
  variants = 24,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(_, _, variant)
    local r, whole, tenth = kit.combo({
      ranges,
      { 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19 },
      { 0, 0.4, 0.8 },
    }, variant, 47)
    local lo, hi, unit, device, quantity, places = r[1], r[2], r[3], r[4], r[5], r[6]
    local ma = whole + tenth
    local span = hi - lo
    local key = lo + (ma - 4) / 16 * span
    -- A value outside the transmitter's range is refused: a candidate
    -- rules it out at sight, so it would not test the formula (forgetting
    -- the live zero gives more than full scale whenever I > 16 mA).
    local fmt = function(v)
      if v < lo - 1e-9 or v > hi + 1e-9 then return nil end
      return kit.fixed(v, places) .. " " .. unit
    end
    local options, answer, why = kit.numeric_options(key, {
      { lo + ma / 20 * span, "把0 mA当作量程零点、按20 mA满量程计算" },
      { lo + (ma - 4) / 20 * span, "减去4 mA后仍用20作分母" },
      { (ma - 4) / 16 * span, "漏加量程下限" },
      { lo + ma / 16 * span, "忘记减去4 mA的活零点" },
      -- only differs from the key when the lower limit is not 0
      { lo + (ma - 4) / 16 * hi, "把量程上限当作量程、没有减去下限" },
      { hi - (ma - 4) / 16 * span, "把量程方向弄反、从上限往下算" },
    }, fmt, kit.position(variant))
    return {
      stem = string.format("某%s量程为%s～%s %s，输出4～20 mA信号。数据采集模块读到的电流为%s mA，"
        .. "对应的%s约为（　）。", device, kit.num(lo), kit.num(hi), unit, kit.num(ma), quantity),
      options = options, answer = answer, misconceptions = why,
      params = { low = lo, high = hi, current = ma },
      explanation = string.format("4～20 mA以4 mA为零点（活零点），测量值＝下限＋(I−4)/16×(上限−下限)＝"
        .. "%s＋(%s−4)/16×%s≈%s。", kit.num(lo), kit.num(ma), kit.num(span), fmt(key))
        .. kit.mistakes_text(options, why),
    }
  end,
}
