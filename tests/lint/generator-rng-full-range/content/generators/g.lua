return { id = "G-bad", knowledge = { "L5-K1.1.1" }, type = "single", difficulty = 1, variants = 20,
  generate = function(rng) return { stem = "第" .. rng:int(math.mininteger, math.maxinteger) .. "号（　）。", options = { "甲", "乙", "丙", "丁" }, answer = "A", misconceptions = { B = "乙", C = "丙", D = "丁" }, explanation = "示例。" } end }
