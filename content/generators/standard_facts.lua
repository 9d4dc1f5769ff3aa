-- Organising the hours of a training plan by the standard's weight
-- tables: a 技师 plans training for 三级/高级工 and below (6.1.2), gives
-- the plan's theory hours and practice hours, and spreads them over the
-- modules by the standard's weights: theory hours by the theory weight
-- table, practice hours by the skill weight table. An item asks one
-- module's hours in all (its theory hours plus its practice hours). The
-- stem gives the trainee level's column of both tables, every row of it
-- (the 基本要求 rows of the theory table too), as a trainer has the
-- standard open: the candidate must know which table governs which part,
-- apply each to its own hours and add the two. Recall of a weight, or of
-- another level's figures, is not asked: a trainer who knows the method
-- looks the figures up, and misremembering 40 % or 45 % is not a fault of
-- 培训方案编制方法. So every distractor is a mistake made with the figures
-- the stem gives: the tables swapped, the total hours times one table's
-- weight, the practice part alone, a neighbouring row. The
-- exam-administration counts (least numbers of examiners, invigilators,
-- review panel members) are not asked either: they belong to the
-- organisation of the exam.
local kit = require("itemkit")

-- The trainee levels: those a 技师 trains (level number 3 and above,
-- i.e. 三级/高级工 and below); all levels when the standard has none.
local function trainee_levels(levels)
  local out = {}
  for _, lv in ipairs(levels) do
    if lv.level >= 3 then out[#out + 1] = lv end
  end
  if #out == 0 then
    for _, lv in ipairs(levels) do out[#out + 1] = lv end
  end
  return out
end

-- The plan's theory and practice hours for a level: theory 40 or 60
-- hours, practice a multiple of 20 hours and more than the theory hours
-- (with equal hours, swapping the tables gives the right total and is no
-- mistake), so that the plan reaches the level's minimum training hours
-- (1.8.1), or 20 hours more.
local function plans(lv)
  local out = {}
  for _, theory in ipairs({ 40, 60 }) do
    local practice = math.max(theory + 20,
      math.ceil((lv.training_hours - theory) / 20) * 20)
    for _, extra in ipairs({ 0, 20 }) do
      out[#out + 1] = { theory = theory, practice = practice + extra }
    end
  end
  return out
end

-- The rows of a level's column of one table, in the table's order: the
-- basic requirements first, then the level's functions; any other area
-- with a weight after them, sorted.
local function rows(standard, lv, weights)
  local out, seen = {}, {}
  local function add(name)
    if weights[name] and not seen[name] then
      seen[name] = true
      out[#out + 1] = name
    end
  end
  local basic = standard.basic_requirements and standard.basic_requirements.areas or {}
  for _, a in ipairs(basic) do add(a.name) end
  for _, f in ipairs(lv.functions or {}) do add(f.name) end
  local rest = {}
  for name in pairs(weights) do
    if not seen[name] then rest[#rest + 1] = name end
  end
  table.sort(rest)
  for _, name in ipairs(rest) do add(name) end
  return out
end

local function column(names, weights)
  local t = {}
  for i, name in ipairs(names) do t[i] = name .. kit.num(weights[name]) .. "%" end
  return table.concat(t, "、")
end

-- One question: a module's hours in all, with its named mistakes
-- { value, why }, the typical ones first. Every mistake uses only the
-- hours and the weights the stem gives.
local function question(standard, lv, plan, area, modules, excerpt)
  local level = tostring(lv.level)
  local tw, sw = standard.theory_weights[level], standard.skill_weights[level]
  local T, P = plan.theory, plan.practice
  local total = function(a) return T * tw[a] / 100 + P * sw[a] / 100 end
  local wrong = {
    { T * sw[area] / 100 + P * tw[area] / 100,
      "把两张权重表用反（理论学时乘技能要求权重、实操学时乘理论知识权重）" },
    { (T + P) * tw[area] / 100, "把理论与实操的总学时乘以理论知识权重" },
    { (T + P) * sw[area] / 100, "把理论与实操的总学时乘以技能要求权重" },
    { P * sw[area] / 100, "只算了实操训练学时、漏了理论教学学时" },
  }
  -- a row read next to the module's: the nearest modules first
  local at
  for i, m in ipairs(modules) do if m == area then at = i end end
  for d = 1, #modules do
    for _, j in ipairs({ at - d, at + d }) do
      local m = modules[j]
      if m then wrong[#wrong + 1] = { total(m), "看错了行、用了“" .. m .. "”模块的两项权重" } end
    end
  end
  wrong[#wrong + 1] = { T * tw[area] / 100, "只算了理论教学学时、漏了实操训练学时" }
  return {
    q = string.format("为%s培训班编制培训方案，共安排理论教学%d学时、实操训练%d学时，"
      .. "各模块的学时按《%s国家职业标准》的权重表分配，表中%s一列的权重为——%s。"
      .. "方案中“%s”模块的理论教学与实操训练合计应安排（　）。",
      lv.name, T, P, standard.name, lv.name, excerpt, area),
    value = total(area), wrong = wrong,
    params = { kind = "module_total", level = lv.level, area = area,
      theory = T, practice = P },
    why = string.format("理论教学学时按理论知识权重表分配，实操训练学时按技能要求权重表分配，"
      .. "一个模块的学时是这两部分之和。理论知识权重表中%s的“%s”为%s%%，技能要求权重表中为%s%%，"
      .. "应安排%d×%s%%＋%d×%s%%＝%s＋%s＝%s学时。",
      lv.name, area, kit.num(tw[area]), kit.num(sw[area]),
      T, kit.num(tw[area]), P, kit.num(sw[area]),
      kit.num(T * tw[area] / 100), kit.num(P * sw[area] / 100), kit.num(total(area))),
  }
end

-- Every question of the standard: { q, value, wrong, params, why }, for
-- each trainee level, plan and module.
local function facts(standard)
  local list = {}
  for _, lv in ipairs(trainee_levels(standard.levels)) do
    local level = tostring(lv.level)
    local tw = standard.theory_weights[level] or {}
    local sw = standard.skill_weights[level] or {}
    local trows, srows = rows(standard, lv, tw), rows(standard, lv, sw)
    local excerpt = "理论知识权重表：" .. column(trows, tw)
      .. "；技能要求权重表：" .. column(srows, sw)
    -- the modules in both tables, in the skill table's order; asked only
    -- where the two weights differ: where they are equal, the total
    -- hours times either weight and the tables swapped give the key
    local modules, asked = {}, {}
    for _, area in ipairs(srows) do
      if tw[area] then
        modules[#modules + 1] = area
        if tw[area] ~= sw[area] then asked[#asked + 1] = area end
      end
    end
    for _, plan in ipairs(plans(lv)) do
      for _, area in ipairs(asked) do
        list[#list + 1] = question(standard, lv, plan, area, modules, excerpt)
      end
    end
  end
  return list
end

local VARIANTS = 20

-- The asks of every variant, worked out once per standard: each variant
-- a different question, the key at A, B, C, D in turn. Where a module's
-- skill weight is above its theory weight (every module of this
-- standard) and practice hours exceed theory hours, the swapped tables,
-- the total times the theory weight and the practice part alone fall
-- below the key, the total times the skill weight above it, and the
-- neighbouring rows on either side: a key at A or B needs rows above.
-- A variant takes the first unused question, in a spread order, that
-- puts the key at its position; if none does, the first unused one with
-- the key where it fits.
local made_for, made_asks
local function asks_of(standard)
  if made_for == standard then return made_asks end
  local fmt = function(v) return kit.num(v) .. " 学时" end
  -- the key must not repeat a number of the stem (a weight or the hours)
  local function repeats_stem(fact)
    local key = kit.num(fact.value)
    for n in fact.q:gmatch("%d+%.?%d*") do
      if n == key then return true end
    end
    return false
  end
  local list = {}
  for _, fact in ipairs(facts(standard)) do
    -- a question whose mistakes cannot fill three options is not asked
    if not repeats_stem(fact) and kit.numeric_options(fact.value, fact.wrong, fmt, 2) then
      list[#list + 1] = fact
    end
  end
  local used, asks = {}, {}
  for variant = 1, VARIANTS do
    local position = kit.position(variant)
    local first
    for k = 1, #list do
      local fact = kit.spread(list, variant + k - 1, 7)
      if not used[fact] then
        local options, answer, why = kit.numeric_options(fact.value, fact.wrong, fmt, position)
        local ask = { fact = fact, options = options, answer = answer, why = why }
        first = first or ask
        if answer == string.char(64 + position) then first = ask break end
      end
    end
    if first then used[first.fact] = true end
    asks[variant] = first
  end
  made_for, made_asks = standard, asks
  return asks
end

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-standard-facts",
  knowledge = { "L2-K6.1.1" },
  type = "single",
  difficulty = 3,            -- apply the allocation rule to a concrete plan
  variants = VARIANTS,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(_, standard, variant)
    local ask = asks_of(standard)[variant]
    local fact, options, answer, why = ask.fact, ask.options, ask.answer, ask.why
    return {
      stem = fact.q,
      options = options, answer = answer, misconceptions = why,
      params = fact.params,
      explanation = fact.why .. kit.mistakes_text(options, why),
    }
  end,
}
