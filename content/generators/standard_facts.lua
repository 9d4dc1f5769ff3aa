-- Facts of the standard itself that a training plan is built on, read
-- from the model so the items follow the content: the weights and the
-- training hours. The exam-administration counts (least numbers of
-- examiners, invigilators and review panel members) are not asked: they
-- belong to the organisation of the exam, not to 培训方案编制方法, and an
-- odd least number gives itself away among the options.
local kit = require("itemkit")

-- Every fact: { question, value, unit, wrong }, with wrong the named
-- mistakes { value, why }: another figure of the standard taken for this
-- one. In two lists: the weights, and the training hours.
-- Exam durations and the pass mark are left out: the standard has too few
-- figures a candidate could take for them to make three such mistakes.
local function facts(standard)
  local list, rules = {}, {}
  local levels = standard.levels
  for _, table_name in ipairs({ "theory_weights", "skill_weights" }) do
    local label = table_name == "theory_weights" and "理论知识权重表" or "技能要求权重表"
    local other = table_name == "theory_weights" and "skill_weights" or "theory_weights"
    local other_label = other == "theory_weights" and "理论知识权重表" or "技能要求权重表"
    for i, lv in ipairs(levels) do
      local col = standard[table_name][tostring(lv.level)]
      local names = {}
      for area in pairs(col) do names[#names + 1] = area end
      table.sort(names)
      for _, area in ipairs(names) do
        local wrong = {}
        local o = standard[other][tostring(lv.level)][area]
        if o then wrong[#wrong + 1] = { o, "把" .. label .. "与" .. other_label .. "混淆" } end
        for _, near in ipairs({ levels[i - 1], levels[i + 1] }) do
          local w = near and standard[table_name][tostring(near.level)]
          if w and w[area] then
            wrong[#wrong + 1] = { w[area], "取了" .. near.name .. "的比重" }
          end
        end
        for _, a in ipairs(names) do
          if a ~= area then wrong[#wrong + 1] = { col[a], "取了“" .. a .. "”的比重" } end
        end
        list[#list + 1] = {
          q = string.format("编制%s培训方案时，%s中“%s”所占的比重为（　）。",
            lv.name, label, area),
          value = col[area], unit = "%", wrong = wrong,
          params = { kind = "weight", table = table_name, level = lv.level, area = area },
          why = string.format("%s中%s的“%s”为%d%%。", label, lv.name, area, col[area]),
        }
      end
    end
  end
  -- the section that states a fact, so the explanation cites this standard
  local at = standard.fact_sections or {}
  local function cite(key) return "标准" .. (at[key] or "") .. "规定" end
  for _, lv in ipairs(levels) do
    local wrong = {}
    for _, other in ipairs(levels) do
      if other.level ~= lv.level then
        wrong[#wrong + 1] = { other.training_hours, "取了" .. other.name .. "的培训学时" }
      end
    end
    rules[#rules + 1] = {
      q = string.format("为%s开设的培训班，培训参考时长不得少于（　）。", lv.name),
      value = lv.training_hours, unit = " 标准学时", wrong = wrong,
      params = { kind = "training_hours", level = lv.level },
      why = string.format("%s%s不少于%d标准学时。", cite("training_hours"), lv.name,
        lv.training_hours),
    }
  end
  return list, rules
end

-- The options of a fact with its key at position (1-4, or the nearest
-- its mistakes allow), or nil when its mistakes are too few.
local function options_of(fact, position)
  local fmt = function(v) return kit.num(v) .. fact.unit end
  return kit.numeric_options(fact.value, fact.wrong, fmt, position)
end

-- Every different way to ask the facts of list: each fact with each key
-- position its mistakes allow (a small standard has few facts; asking one
-- with other mistakes is still a different item).
local function askable(list)
  local asks, seen = {}, {}
  for _, fact in ipairs(list) do
    for position = 1, 4 do
      local options, answer, why = options_of(fact, position)
      local key = options and fact.q .. table.concat(options, "|")
      if key and not seen[key] then
        seen[key] = true
        asks[#asks + 1] = { fact = fact, options = options, answer = answer, why = why }
      end
    end
  end
  return asks
end

-- A training-hours fact asked with its key at position when its mistakes allow, else
-- at the first position they do; nil when they cannot fill the options.
local function ask_rule(fact, position)
  local options, answer, why = options_of(fact, position)
  for p = 1, 4 do
    if options then break end
    options, answer, why = options_of(fact, p)
  end
  return options and { fact = fact, options = options, answer = answer, why = why }
end

-- Every level's training hours once, then the weights to spread over the
-- rest; a fact whose mistakes cannot fill three options is not asked.
-- Worked out once per standard: every variant asks from the same lists,
-- and making them was 5 ms a variant, most of loading the content.
local made_for, made_rules, made_asks
local function questions(standard)
  if made_for ~= standard then
    local weights, all_rules = facts(standard)
    made_rules = {}
    for _, fact in ipairs(all_rules) do
      made_rules[#made_rules + 1] = ask_rule(fact, kit.position(#made_rules + 1))
    end
    made_asks, made_for = askable(weights), standard
  end
  return made_rules, made_asks
end

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-standard-facts",
  knowledge = { "L2-K6.1.1" },
  type = "single",
  difficulty = 2,
  variants = 20,            -- a small standard has few facts to ask
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(_, standard, variant)
    local rules, asks = questions(standard)
    local ask = rules[variant] or kit.spread(asks, variant - #rules, 11)
    local fact, options, answer, why = ask.fact, ask.options, ask.answer, ask.why
    return {
      stem = "依据《" .. standard.name .. "国家职业标准》，" .. fact.q,
      options = options, answer = answer, misconceptions = why,
      params = fact.params,
      explanation = fact.why .. kit.mistakes_text(options, why),
    }
  end,
}
