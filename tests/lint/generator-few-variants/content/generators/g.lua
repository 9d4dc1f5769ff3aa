return { id = "G-few", knowledge = { "L5-K1.1.1" }, type = "judge", difficulty = 1, variants = 5,
  generate = function(_, _, k) return { stem = "第" .. k .. "批货物已验收。", answer = true, explanation = "示例。" } end }
