return { id = "G-same", knowledge = { "L5-K1.1.1" }, type = "judge", difficulty = 1, variants = 20,
  generate = function() return { stem = "货物已验收。", answer = true, explanation = "示例。" } end }
