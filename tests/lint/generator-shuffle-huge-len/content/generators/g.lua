return { id = "G-bad", knowledge = { "L5-K1.1.1" }, type = "single", difficulty = 1, variants = 20,
  generate = function(rng, _, k) return { stem = "第" .. k .. "题（　）。", options = rng:shuffle(setmetatable({}, { __len = function() return math.maxinteger end })), answer = "A", explanation = "示例。" } end }
