return { id = "G-err", knowledge = { "L5-K1.1.1" }, type = "single", difficulty = 1, variants = 20,
  generate = function(rng)
    local t = nil
    return { stem = t.x }
  end }
