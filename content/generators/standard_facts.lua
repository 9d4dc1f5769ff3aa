-- Organising the hours of a training plan by the standard's weight
-- tables: a 技师 plans training for 三级/高级工 and below (6.1.2), gives
-- the plan's theory hours and practice hours, and spreads them over the
-- modules by the standard's weights: theory hours by the theory weight
-- table, practice hours by the skill weight table. An item asks one
-- module's theory or practice hours. The stem gives the module's two
-- weights for the trainee level (theory table and skill table): the
-- candidate must know which table governs which part and which hours it
-- is applied to. Recall of a weight, or of another level's figures, is
-- not asked: a trainer who knows the method looks the figures up in the
-- standard, and misremembering 40 % or 45 % is not a fault of
-- 培训方案编制方法. So every distractor is a mistake made with the figures
-- the stem gives, never a recalled figure. The exam-administration counts (least
-- numbers of examiners, invigilators, review panel members) are not asked
-- either: they belong to the organisation of the exam.
local kit = require("itemkit")

-- The trainee levels: those a 技师 trains (level number 3 and above,
-- i.e. 三级/高级工 and below); all levels when the standard has none.
local function trainee_levels(levels)
  local out = {}
  for i, lv in ipairs(levels) do
    if lv.level >= 3 then out[#out + 1] = { lv = lv, i = i } end
  end
  if #out == 0 then
    for i, lv in ipairs(levels) do out[#out + 1] = { lv = lv, i = i } end
  end
  return out
end

-- The plan's theory and practice hours for a level: theory 40 or 60
-- hours, practice a multiple of 20 hours, no less than the theory hours,
-- so that the plan reaches the level's minimum training hours (1.8.1),
-- or 20 hours more.
local function plans(lv)
  local out = {}
  for _, theory in ipairs({ 40, 60 }) do
    local practice = math.max(theory, math.ceil((lv.training_hours - theory) / 20) * 20)
    for _, extra in ipairs({ 0, 20 }) do
      out[#out + 1] = { theory = theory, practice = practice + extra }
    end
  end
  return out
end

-- The two parts of a plan: theory hours spread by the theory weight
-- table, practice hours by the skill weight table. Each names its table,
-- its hours and the mistakes that mix them up with the other part's,
-- the single mistakes first, then the one that makes two at once.
local PARTS = {
  { name = "theory", what = "理论教学", table = "theory_weights", label = "理论知识权重表",
    hours = "theory", other_hours = "practice",
    wrong_table = "用技能要求权重分配理论学时",
    wrong_total = "把理论与实操的总学时乘以理论知识权重",
    wrong_part = "算成了该模块的实操学时",
    wrong_hours = "用理论知识权重乘了实操学时",
    wrong_both = "把理论与实操的总学时乘以技能要求权重" },
  { name = "practice", what = "实操训练", table = "skill_weights", label = "技能要求权重表",
    hours = "practice", other_hours = "theory",
    wrong_table = "用理论知识权重分配实操学时",
    wrong_total = "把理论与实操的总学时乘以技能要求权重",
    wrong_part = "算成了该模块的理论学时",
    wrong_hours = "用技能要求权重乘了理论学时",
    wrong_both = "把理论与实操的总学时乘以理论知识权重" },
}

-- One question: a module's hours of one part of a plan, with its named
-- mistakes { value, why }, the typical ones first. Every mistake uses
-- only the hours and the two weights the stem gives.
local function question(standard, lv, plan, part, area)
  local level = tostring(lv.level)
  local w = standard[part.table][level][area]
  local other = part.table == "theory_weights" and "skill_weights" or "theory_weights"
  local ow = standard[other][level][area]
  local H, OH = plan[part.hours], plan[part.other_hours]
  local wrong = {
    { H * ow / 100, part.wrong_table },
    { (H + OH) * w / 100, part.wrong_total },
    { OH * ow / 100, part.wrong_part },
    { OH * w / 100, part.wrong_hours },
    { (H + OH) * ow / 100, part.wrong_both },
  }
  return {
    q = string.format("为%s培训班编制培训方案，共安排理论教学%d学时、实操训练%d学时，"
      .. "各模块的学时按《%s国家职业标准》的权重表分配（该标准中%s“%s”模块的"
      .. "理论知识权重为%s%%，技能要求权重为%s%%）。方案中“%s”模块的%s应安排（　）。",
      lv.name, plan.theory, plan.practice, standard.name, lv.name, area,
      kit.num(standard.theory_weights[level][area]), kit.num(standard.skill_weights[level][area]),
      area, part.what),
    value = H * w / 100, wrong = wrong, part = part.name,
    params = { kind = "allocation", part = part.name, level = lv.level, area = area,
      theory = plan.theory, practice = plan.practice },
    why = string.format("理论教学学时按理论知识权重表分配，实操训练学时按技能要求权重表分配。"
      .. "%s中%s的“%s”为%s%%，应安排%d×%s%%＝%s学时。",
      part.label, lv.name, area, kit.num(w), H, kit.num(w), kit.num(H * w / 100)),
  }
end

-- Every question of the standard: { q, value, wrong, part, params, why },
-- for each trainee level, plan, part and module.
local function facts(standard)
  local list = {}
  local levels = standard.levels
  for _, t in ipairs(trainee_levels(levels)) do
    local lv = t.lv
    local col = standard.theory_weights[tostring(lv.level)] or {}
    local skill = standard.skill_weights[tostring(lv.level)] or {}
    local names = {}
    -- only the modules in both tables whose two weights differ: in the
    -- others, taking one table's weight for the other's is no mistake
    for area, w in pairs(col) do
      if skill[area] and skill[area] ~= w then names[#names + 1] = area end
    end
    table.sort(names)
    for _, plan in ipairs(plans(lv)) do
      for _, part in ipairs(PARTS) do
        for _, area in ipairs(names) do
          list[#list + 1] = question(standard, lv, plan, part, area)
        end
      end
    end
  end
  return list
end

local VARIANTS = 20

-- The asks of every variant, worked out once per standard: each variant
-- a different question, the key at A, B, C, D in turn. Theory hours are
-- asked with the key at A, practice hours at B, C or D: where a module's
-- theory weight is below its skill weight (every module of this
-- standard), each mistake with the given figures gives more theory hours
-- than the key, and practice hours fall on both sides of the key.
-- A variant takes the first unused question of its part, in a spread
-- order, that puts the key at its position; if none does, the first
-- unused one with the key where it fits.
local made_for, made_asks
local function asks_of(standard)
  if made_for == standard then return made_asks end
  local fmt = function(v) return kit.num(v) .. " 学时" end
  local lists = { theory = {}, practice = {} }
  -- the key must not repeat a number of the stem: with 100 practice
  -- hours the key would equal the skill weight the stem gives
  local function repeats_stem(fact)
    local key = kit.num(fact.value)
    for n in fact.q:gmatch("%d+%.?%d*") do
      if n == key then return true end
    end
    return false
  end
  for _, fact in ipairs(facts(standard)) do
    -- a question whose mistakes cannot fill three options is not asked
    if not repeats_stem(fact) and kit.numeric_options(fact.value, fact.wrong, fmt, 2) then
      local list = lists[fact.part]
      list[#list + 1] = fact
    end
  end
  local used, asks = {}, {}
  for variant = 1, VARIANTS do
    local position = kit.position(variant)
    local list = lists[position == 1 and "theory" or "practice"]
    if #list == 0 then list = #lists.theory > 0 and lists.theory or lists.practice end
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
