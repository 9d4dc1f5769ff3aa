return { id = "G-bad", knowledge = { "L5-K1.1.1" }, type = "single", difficulty = 1, variants = 20,
  generate = function(_, _, k) return { stem = "第" .. k .. "题（　）。", options = { "甲", "乙", "丙", "丁" }, answer = "A", misconceptions = { B = "乙", C = "丙", D = "丁" }, explanation = "示例。", params = setmetatable({ k }, { __len = function() return 1000000000 end }) } end }
