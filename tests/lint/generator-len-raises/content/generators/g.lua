return setmetatable({ id = "G-bad", knowledge = { "L5-K1.1.1" }, type = "single", difficulty = 1, variants = 20,
  generate = function(_, _, k) return setmetatable({ stem = "第" .. k .. "题（　）。", options = setmetatable({ "甲", "乙", "丙", "丁" }, { __len = function() error("boom") end, __index = function() error("boom") end }), answer = "A", misconceptions = { B = "乙", C = "丙", D = "丁" }, explanation = "示例。" }, { __len = function() error("boom") end }) end },
  { __len = function() error("boom") end, __index = function() error("boom") end })
