-- key-rank: options in fixed order and the key at B in every variant
return { id = "G-rank", knowledge = { "L5-K1.1.1" }, type = "single", difficulty = 1,
  variants = 20, fixed_order = true,
  generate = function(_, _, k)
    local n = 10 * k
    return { stem = "某测点读数为" .. n .. "，加上校准偏差1后为（　）。",
      options = { tostring(n - 1), tostring(n + 1), tostring(n + 2), tostring(n + 10) },
      answer = "B", params = { kind = "offset" }, explanation = "示例。",
      misconceptions = { A = "减去了偏差", C = "加了两次偏差", D = "把偏差当作10" } }
  end }
