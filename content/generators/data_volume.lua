-- Raw data volume of a sampling plan: points × rate × bytes × seconds.
-- The stem says how many of a sample's bytes are its 8-byte timestamp, so
-- the mistake of adding the timestamp again holds for every variant (a
-- sample is never smaller than 12 bytes: the timestamp and a value).
-- The timestamp is in play in every variant: where the key is not the
-- largest option, the timestamp added again (above the key) is always
-- offered; where it is (the key at D, a quarter of the variants, so that
-- the key's letter stays balanced and "pick the largest" wins no more
-- often than chance), the timestamp taken out of the sample (below the
-- key) is, so those variants are not made of omissions alone.
local kit = require("itemkit")

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-data-volume",
  knowledge = { "L3-K2.1.4" },
  type = "single",
  difficulty = 3,
  variants = 24,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(_, _, variant)
    local points, hz, bytes, days = kit.combo({
      { 40, 60, 80, 100, 120, 150, 200, 250, 300, 400 },
      { 1, 2, 5, 10, 20 },
      { 12, 16, 20, 24, 32 },        -- a sample holds an 8-byte timestamp and a value
      { 7, 10, 14, 30 },
    }, variant, 37)
    local per_day = points * hz * bytes * 86400
    local key = per_day * days / 1e9
    local fmt = function(v) return kit.sig(v, 3) .. " GB" end
    -- numeric_options takes the first mistakes of each side in list order.
    -- Above the key: the timestamp added again (first, so that every
    -- variant with a mistake above the key offers it), bits for bytes, MB
    -- for GB. Below it: the timestamp taken out (first only where the key
    -- is at D), a day of 3600 s, the points or the days not multiplied in,
    -- a day of 24×60 s.
    local position = kit.position(variant)
    local added = { key * (bytes + 8) / bytes, "把已含在样本中的8字节时间戳又加了一次" }
    local dropped = { key * (bytes - 8) / bytes, "把样本中已含的8字节时间戳扣掉，只按测量值的字节数计" }
    local mistakes = {
      added,
      { key / 24, "把一天按3600 s计" },
      { key * 8, "混淆位与字节，把字节数换算成位数后仍按字节计，多乘了8" },
      { key / points, "漏乘测点数" },
      { key / days, "漏乘天数" },
      { key / 60, "把一天按24×60 s计" },
      { key * 1000, "把MB当成GB" },
    }
    if position == 4 then table.insert(mistakes, 1, dropped) end
    local options, answer, why = kit.numeric_options(key, mistakes, fmt, position)
    return {
      stem = string.format("某产线数字孪生应用新增%d个测点，每个测点的采样频率为%d Hz，"
        .. "每个样本占%d字节（含8字节时间戳）。若原始数据不压缩连续存储%d天，按1 GB＝10⁹字节计，"
        .. "所需存储空间约为（　）。", points, hz, bytes, days),
      options = options,
      answer = answer,
      misconceptions = why,
      params = { points = points, hz = hz, bytes = bytes, days = days },
      explanation = string.format("数据量＝测点数×采样频率×每样本字节数×每天秒数×天数＝"
        .. "%d×%d×%d×86400×%d≈%s。每样本%d字节已含8字节时间戳，按%d字节计即可，时间戳既不另加也不扣除。",
        points, hz, bytes, days, fmt(key), bytes, bytes)
        .. kit.mistakes_text(options, why),
    }
  end,
}
