return { id = "G-bad", knowledge = { "L5-K1.1.1" }, type = "single", difficulty = 1, variants = 20,
  generate = function(_, _, k) return { stem = k, options = { "甲", "乙" }, answer = "A", explanation = "示例。" } end }
