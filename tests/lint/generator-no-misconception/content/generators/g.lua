return { id = "G-nomis", knowledge = { "L5-K1.1.1" }, type = "single", difficulty = 1, variants = 20,
  generate = function(_, _, k) return { stem = "第" .. k .. "题（　）。", options = { "甲", "乙", "丙", "丁" }, answer = "A",
    misconceptions = { C = "把乙当作丙", D = "把乙当作丁" }, explanation = "示例。" } end }
