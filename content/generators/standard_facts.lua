-- Facts of the standard itself, read from the model so the items follow
-- the content: weights, training hours, exam durations, the pass mark and
-- the least numbers of examiners, invigilators and review panel members.
local kit = require("itemkit")

-- Every fact: { question, value, unit, distractors }, in two lists: the
-- weights, and the exam rules (hours, durations, pass mark, numbers).
local function facts(standard)
  local list, rules = {}, {}
  local levels = standard.levels
  local function level_name(l)
    for _, lv in ipairs(levels) do if lv.level == l then return lv.name end end
  end
  for _, table_name in ipairs({ "theory_weights", "skill_weights" }) do
    local label = table_name == "theory_weights" and "理论知识权重表" or "技能要求权重表"
    local other = table_name == "theory_weights" and "skill_weights" or "theory_weights"
    for i, lv in ipairs(levels) do
      local col = standard[table_name][tostring(lv.level)]
      local names = {}
      for area in pairs(col) do names[#names + 1] = area end
      table.sort(names)
      for _, area in ipairs(names) do
        local wrong = {}
        local o = standard[other][tostring(lv.level)][area]
        if o then wrong[#wrong + 1] = o end
        for _, near in ipairs({ levels[i - 1], levels[i + 1] }) do
          local w = standard[table_name][tostring(near.level)]
          if w and w[area] then wrong[#wrong + 1] = w[area] end
        end
        for _, a in ipairs(names) do wrong[#wrong + 1] = col[a] end
        for _, d in ipairs({ 5, 10, -5, 15 }) do wrong[#wrong + 1] = col[area] + d end
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
  local has_review = false
  for _, lv in ipairs(levels) do has_review = has_review or lv.has_review end
  for i, lv in ipairs(levels) do
    local wrong = {}
    for _, other in ipairs(levels) do wrong[#wrong + 1] = other.training_hours end
    rules[#rules + 1] = {
      q = string.format("为%s开设的培训班，培训参考时长不得少于（　）。", lv.name),
      value = lv.training_hours, unit = " 标准学时", wrong = wrong,
      params = { kind = "training_hours", level = lv.level },
      why = string.format("%s%s不少于%d标准学时。", cite("training_hours"), lv.name,
        lv.training_hours),
    }
  end
  local f = standard.facts
  -- only the exams this standard has: no 综合评审, no review items
  local times = { { "理论知识考试", f.theory_minutes, "theory_minutes" },
    { "操作技能考核", f.skill_minutes, "skill_minutes" } }
  if has_review and f.review_minutes > 0 then
    times[#times + 1] = { "综合评审", f.review_minutes, "review_minutes" }
  end
  local stated = {}
  for _, t in ipairs(times) do stated[#stated + 1] = string.format("%s不少于%d min", t[1], t[2]) end
  for _, t in ipairs(times) do
    rules[#rules + 1] = {
      q = string.format("组织职业技能评价时，%s时间不少于（　）。", t[1]),
      value = t[2], unit = " min",
      params = { kind = "fact", fact = t[3] },
      wrong = { f.theory_minutes, f.skill_minutes, f.review_minutes, 60, 45, 150 },
      why = cite("theory_minutes") .. table.concat(stated, "、") .. "。",
    }
  end
  local exams = has_review and "理论知识考试、操作技能考核和综合评审" or "理论知识考试和操作技能考核"
  local counts = {
    { "职业技能评价中，" .. exams .. "的合格分数线为（　）。",
      f.pass_mark, " 分", "pass_mark", { 60, 70, 75, 80, 50, 90 },
      cite("pass_mark") .. "均实行百分制，成绩皆达%d分（含）以上为合格。" },
    { "组织操作技能考核时，考评人员至少应为（　）（且为单数）。",
      f.examiners_min, " 人", "examiners_min", { 2, 3, 5, 7, 1 },
      cite("examiners_min") .. "考评人员为%d人（含）以上单数。" },
    { "组织理论知识考试时，每个考场的监考人员不少于（　）。",
      f.invigilators_min, " 名", "invigilators_min", { 1, 2, 3, 4 },
      cite("invigilators_min") .. "每个考场不少于%d名监考人员。" },
  }
  if has_review then
    counts[#counts + 1] = { "组织综合评审时，评审委员至少应为（　）（且为单数）。",
      f.review_panel_min, " 人", "review_panel_min", { 2, 3, 5, 7, 1 },
      cite("review_panel_min") .. "综合评审委员为%d人（含）以上单数。" }
  end
  for _, c in ipairs(counts) do
    if c[2] and c[2] > 0 then
      rules[#rules + 1] = {
        q = c[1], value = c[2], unit = c[3], wrong = c[5],
        params = { kind = "fact", fact = c[4] },
        why = string.format(c[6], c[2]),
      }
    end
  end
  return list, rules
end

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-standard-facts",
  knowledge = { "L2-K6.1.1" },
  type = "single",
  difficulty = 2,
  variants = 24,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(_, standard, variant)
    -- every exam rule once, then the weights spread over the rest
    local weights, rules = facts(standard)
    local fact = rules[variant] or kit.spread(weights, variant - #rules, 11)
    local fmt = function(v) return kit.num(v) .. fact.unit end
    local options, answer = kit.numeric_options(fact.value, fact.wrong, fmt,
      kit.position(variant))
    return {
      stem = "依据《" .. standard.name .. "国家职业标准》，" .. fact.q,
      options = options, answer = answer,
      params = fact.params,
      explanation = fact.why .. "培训方案的学时和内容比重应以标准的规定为依据。",
    }
  end,
}
