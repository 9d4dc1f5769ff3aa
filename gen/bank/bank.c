#include "bank/bank.h"
#include "bank/itemstats.h"
#include "core/diag.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a knowledge id points: its level, area and work content. */
struct knowledge_ref {
	int level;
	const char *area;
	const char *wc_number;
	const struct work_content *wc;
};

static int
find_knowledge(const struct standard *s, const char *id,
    struct knowledge_ref *ref)
{
	size_t i, j, k, m;

	memset(ref, 0, sizeof *ref);
	for (i = 0; i < s->n_basic; i++)
		for (j = 0; j < s->basic[i].n_sections; j++) {
			const struct basic_section *sec = &s->basic[i].sections[j];

			ref->area = s->basic[i].name;
			if (sec->n_items == 0 && strcmp(sec->id, id) == 0)
				return 0;
			for (k = 0; k < sec->n_items; k++)
				if (strcmp(sec->items[k].id, id) == 0)
					return 0;
		}
	for (i = 0; i < s->n_levels; i++) {
		const struct level *lv = &s->levels[i];

		for (j = 0; j < lv->n_functions; j++)
			for (k = 0; k < lv->functions[j].n_work; k++) {
				const struct work_content *wc =
				    &lv->functions[j].work[k];

				for (m = 0; m < wc->n_knowledge; m++)
					if (strcmp(wc->knowledge[m].id, id) == 0) {
						ref->level = lv->number;
						ref->area = lv->functions[j].name;
						ref->wc_number = wc->number;
						ref->wc = wc;
						return 0;
					}
			}
	}
	return -1;
}

static const struct work_content *
find_work_content(const struct standard *s, const char *id, int *level,
    const char **area)
{
	size_t i, j, k;

	for (i = 0; i < s->n_levels; i++)
		for (j = 0; j < s->levels[i].n_functions; j++)
			for (k = 0; k < s->levels[i].functions[j].n_work; k++)
				if (strcmp(s->levels[i].functions[j].work[k].id,
				    id) == 0) {
					*level = s->levels[i].number;
					*area = s->levels[i].functions[j].name;
					return &s->levels[i].functions[j].work[k];
				}
	return NULL;
}

static const struct function *
find_function(const struct standard *s, const char *id, int *level)
{
	size_t i, j;

	for (i = 0; i < s->n_levels; i++)
		for (j = 0; j < s->levels[i].n_functions; j++)
			if (strcmp(s->levels[i].functions[j].id, id) == 0) {
				*level = s->levels[i].number;
				return &s->levels[i].functions[j];
			}
	return NULL;
}

static int
popcount(unsigned x)
{
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

static void
check_choices(const struct item *it, struct diag *d)
{
	const char *f = it->at.file;
	int line = it->at.line, i, j, keys = popcount(it->answer);

	if (it->type == ITEM_JUDGE) {
		if (it->n_options > 0)
			diag_add(d, f, line, "判断题 %s has options; it is one claim, "
			    "answered 正确 or 错误", it->id);
		return;
	}
	if (it->type == ITEM_SINGLE && it->n_options != 4)
		diag_add(d, f, line, "单选题 %s needs exactly 4 options (found %d)",
		    it->id, it->n_options);
	if (it->type == ITEM_MULTI && (it->n_options < 4 || it->n_options > 5))
		diag_add(d, f, line, "多选题 %s needs 4 or 5 options (found %d)",
		    it->id, it->n_options);
	if (it->answer >> it->n_options)
		diag_add(d, f, line, "answer of %s names an option it does not "
		    "have", it->id);
	else if (it->type == ITEM_SINGLE && keys != 1 && it->answer)
		diag_add(d, f, line, "单选题 %s needs exactly one correct option "
		    "(found %d)", it->id, keys);
	else if (it->type == ITEM_MULTI && it->answer &&
	    (keys < 2 || keys > 4))
		diag_add(d, f, line, "多选题 %s needs %s correct options (found %d)",
		    it->id, keys < 2 ? "at least two" : "at most four", keys);
	for (i = 0; i < it->n_options; i++) {
		if (*it->options[i].text == '\0')
			diag_add(d, f, line, "option %c of %s is empty", 'A' + i,
			    it->id);
		for (j = 0; j < i; j++)
			if (strcmp(it->options[i].text, it->options[j].text) == 0)
				diag_add(d, f, line, "options %c and %c of %s are "
				    "the same", 'A' + j, 'A' + i, it->id);
	}
}

static void
resolve_item(struct item *it, const struct standard *s, struct diag *d)
{
	const char *f = it->at.file;
	int line = it->at.line;
	size_t i;

	it->level = -1;
	for (i = 0; i < it->n_knowledge; i++) {
		struct knowledge_ref ref;

		if (find_knowledge(s, it->knowledge[i], &ref) < 0) {
			diag_add(d, f, line, "unknown knowledge id '%s' (ids look "
			    "like L5-K1.1.1 or B-2.2.1.3)", it->knowledge[i]);
			continue;
		}
		if (it->level < 0) {
			it->level = ref.level;
			it->area = ref.area;
			it->wc_number = ref.wc_number;
		} else if (ref.level != it->level || strcmp(ref.area, it->area))
			diag_add(d, f, line, "knowledge ids of %s lie in different "
			    "areas or levels (%s)", it->id, it->knowledge[i]);
		else if (it->wc_number && ref.wc_number &&
		    strcmp(ref.wc_number, it->wc_number))
			it->wc_number = NULL;   /* spans work contents */
	}
	switch (it->type) {
	case ITEM_SKILL: {
		const struct work_content *wc = NULL;
		int level = 0;
		const char *area = NULL;

		if (it->work_content == NULL)
			diag_add(d, f, line, "操作技能题 %s needs '工作内容：' (a work "
			    "content id such as L5-W1.1)", it->id);
		else if ((wc = find_work_content(s, it->work_content, &level,
		    &area)) == NULL)
			diag_add(d, f, line, "unknown work content '%s'",
			    it->work_content);
		else {
			if (it->level >= 0 && it->level != level)
				diag_add(d, f, line, "knowledge of %s is not at the "
				    "level of %s", it->id, it->work_content);
			it->level = level;
			it->area = area;
			it->wc_number = wc->number;
		}
		if (it->points <= 0)
			diag_add(d, f, line, "操作技能题 %s needs '分值：'", it->id);
		if (it->minutes <= 0)
			diag_add(d, f, line, "操作技能题 %s needs '时限：'", it->id);
		break;
	}
	case ITEM_REVIEW: {
		const struct function *fn = NULL;
		int level = 0;

		if (it->function == NULL)
			diag_add(d, f, line, "综合评审 %s needs '职业功能：' (a function "
			    "id such as L2-F1)", it->id);
		else if ((fn = find_function(s, it->function, &level)) == NULL)
			diag_add(d, f, line, "unknown function '%s'", it->function);
		else if (!standard_level(s, level)->has_review)
			diag_add(d, f, line, "综合评审 %s: level %d has no "
			    "comprehensive review", it->id, level);
		else {
			it->level = level;
			it->area = fn->name;
			it->wc_number = NULL;
		}
		if (it->points <= 0)
			diag_add(d, f, line, "综合评审 %s needs '分值：'", it->id);
		break;
	}
	default:
		if (it->n_knowledge == 0)
			diag_add(d, f, line, "item %s needs '知识点：'", it->id);
		check_choices(it, d);
		if (*it->explanation_text == '\0')
			diag_add(d, f, line, "解析 of %s is empty", it->id);
		break;
	}
	if (*it->stem_html == '\0' && it->type != ITEM_SKILL)
		diag_add(d, f, line, "item %s has no stem", it->id);
	if (it->type >= ITEM_SKILL && it->n_rubric > 0) {
		int sum = 0;

		for (i = 0; i < it->n_rubric; i++)
			sum += it->rubric[i].points;
		if (sum != it->points && it->points > 0)
			diag_add(d, f, line, "%s of %s add up to %d, not its 分值 %d",
			    it->type == ITEM_SKILL ? "评分标准 points" : "要点 points",
			    it->id, sum, it->points);
	}
	if (it->level < 0)
		it->level = 0;
}

static int
id_cmp(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;

	return strcmp(x->id, y->id);
}

void
bank_resolve(struct bank *b, const struct standard *s, struct diag *d)
{
	const struct item **sorted = xcalloc(b->n + 1, sizeof *sorted);
	size_t i, j;

	b->has_model_hash = 0;          /* the items may have changed */
	free((void *)b->by_id);

	for (i = 0; i < b->n; i++) {
		resolve_item(&b->items[i], s, d);
		sorted[i] = &b->items[i];
	}
	qsort(sorted, b->n, sizeof *sorted, id_cmp);
	for (i = 1; i < b->n; i++)
		if (strcmp(sorted[i]->id, sorted[i - 1]->id) == 0) {
			const struct item *first = sorted[i - 1], *dup = sorted[i];

			if (first->at.line > dup->at.line &&
			    strcmp(first->at.file, dup->at.file) == 0) {
				const struct item *t = first;

				first = dup;
				dup = t;
			}
			diag_add(d, dup->at.file, dup->at.line, "duplicate item id "
			    "'%s' (first at %s:%d)", dup->id, first->at.file,
			    first->at.line);
		}
	b->by_id = sorted;
	for (i = 0; i < b->n; i++)
		for (j = 0; j < b->items[i].n_enemies; j++)
			if (bank_find(b, b->items[i].enemies[j]) == NULL)
				diag_add(d, b->items[i].at.file, b->items[i].at.line,
				    "互斥 of %s names '%s', which is not an item",
				    b->items[i].id, b->items[i].enemies[j]);
}

const struct item *
bank_find(const struct bank *b, const char *id)
{
	size_t lo = 0, hi = b->by_id && id ? b->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(b->by_id[mid]->id, id);

		if (c == 0)
			return b->by_id[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The pool rule: a level draws, for each area, the items on its own
 * knowledge of that area and, because higher levels cover lower ones,
 * those of the same function at lower levels. Basic-requirement items
 * serve every level. Skill tasks and review questions: own level only.
 */
int
item_in_pool(const struct standard *s, const struct item *it, int level)
{
	const struct level *lv = standard_level(s, level);
	size_t i, here = 0, there = 0;

	if (lv == NULL || it->area == NULL)
		return 0;
	if (it->level == 0)
		return item_is_theory(it);
	if (it->level == level)
		return 1;
	if (!item_is_theory(it))
		return 0;
	/* the standard lists levels from the lowest: lower = earlier */
	for (i = 0; i < s->n_levels; i++) {
		if (s->levels[i].number == level)
			here = i;
		if (s->levels[i].number == it->level)
			there = i;
	}
	if (there >= here)
		return 0;
	for (i = 0; i < lv->n_functions; i++)
		if (strcmp(lv->functions[i].name, it->area) == 0)
			return 1;
	return 0;
}

static json_t *
strings_json(char **v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* The printed number of a knowledge id: "L5-K1.1.1" → "1.1.1". */
static const char *
knowledge_number(const char *id)
{
	const char *k = strstr(id, "-K");

	return k ? k + 2 : (strncmp(id, "B-", 2) == 0 ? id + 2 : id);
}

json_t *
item_json(const struct item *it)
{
	static const char *const part_keys[TASK_PARTS] = {
		"scenario_html", "materials_html", "tasks_html",
		"deliverables_html",
	};
	json_t *o = json_object(), *k = json_array();
	size_t i;

	json_object_set_new(o, "id", json_string(it->id));
	json_object_set_new(o, "type", json_string(item_type_name(it->type)));
	json_object_set_new(o, "type_label", json_string(item_type_label(it->type)));
	json_object_set_new(o, "area", it->area ? json_string(it->area) :
	    json_null());
	json_object_set_new(o, "level", json_integer(it->level));
	json_object_set_new(o, "work_content", it->wc_number ?
	    json_string(it->wc_number) : json_null());
	for (i = 0; i < it->n_knowledge; i++)
		json_array_append_new(k, json_string(
		    knowledge_number(it->knowledge[i])));
	json_object_set_new(o, "knowledge", k);
	json_object_set_new(o, "knowledge_ids",
	    strings_json(it->knowledge, it->n_knowledge));
	json_object_set_new(o, "difficulty", json_integer(it->difficulty));
	json_object_set_new(o, "family", json_string(it->family));
	json_object_set_new(o, "generated", json_boolean(it->generated));
	if (it->stat)
		json_object_set_new(o, "stats", itemstats_json(it->stat));
	if (it->params)
		json_object_set_new(o, "params", json_loads(it->params, 0, NULL));
	if (it->misconceptions)
		json_object_set_new(o, "misconceptions",
		    json_loads(it->misconceptions, 0, NULL));
	if (it->n_tags)
		json_object_set_new(o, "tags", strings_json(it->tags, it->n_tags));
	if (it->n_enemies)
		json_object_set_new(o, "enemies",
		    strings_json(it->enemies, it->n_enemies));
	json_object_set_new(o, "stem", json_string(it->stem_text));
	json_object_set_new(o, "stem_html", json_string(it->stem_html));
	if (item_is_theory(it)) {
		json_t *opts = json_array(), *opts_html = json_array();
		char letters[OPTIONS_MAX + 1];
		int n = 0;

		for (i = 0; i < (size_t)it->n_options; i++) {
			json_array_append_new(opts, json_string(it->options[i].text));
			json_array_append_new(opts_html,
			    json_string(it->options[i].html));
			if (it->answer & (1u << i))
				letters[n++] = (char)('A' + i);
		}
		letters[n] = '\0';
		json_object_set_new(o, "options", opts);
		json_object_set_new(o, "options_html", opts_html);
		json_object_set_new(o, "fixed_order", json_boolean(it->fixed_order));
		if (it->type == ITEM_JUDGE)
			json_object_set_new(o, "answer", json_boolean(it->answer));
		else
			json_object_set_new(o, "answer", json_string(letters));
		json_object_set_new(o, "explanation",
		    json_string(it->explanation_text));
		json_object_set_new(o, "explanation_html",
		    json_string(it->explanation_html));
		json_object_set_new(o, "points", json_integer(
		    it->type == ITEM_MULTI ? 2 : 1));
	} else {
		json_t *rubric = json_array();

		json_object_set_new(o, "points", json_integer(it->points));
		if (it->type == ITEM_SKILL) {
			json_object_set_new(o, "minutes", json_integer(it->minutes));
			for (i = 0; i < TASK_PARTS; i++)
				json_object_set_new(o, part_keys[i],
				    json_string(it->parts_html[i]));
		}
		for (i = 0; i < it->n_rubric; i++) {
			json_t *r = json_object();

			json_object_set_new(r, "points",
			    json_integer(it->rubric[i].points));
			json_object_set_new(r, "veto", json_boolean(it->rubric[i].veto));
			json_object_set_new(r, "text", json_string(it->rubric[i].text));
			json_object_set_new(r, "html", json_string(it->rubric[i].html));
			json_array_append_new(rubric, r);
		}
		json_object_set_new(o, it->type == ITEM_SKILL ? "rubric" :
		    "points_to_look_for", rubric);
	}
	return o;
}

json_t *
bank_json(const struct standard *s, const struct bank *b, int level)
{
	json_t *o = json_object(), *items = json_array();
	size_t i;

	json_object_set_new(o, "level", json_integer(level));
	for (i = 0; i < b->n; i++)
		if (item_in_pool(s, &b->items[i], level))
			json_array_append_new(items, item_json(&b->items[i]));
	json_object_set_new(o, "items", items);
	return o;
}

int
bank_valid_id(const char *id)
{
	if (*id == '\0' || *id == '.' || *id == '-')
		return 0;
	for (; *id; id++)
		if (!isalnum((unsigned char)*id) && *id != '.' && *id != '-')
			return 0;
	return 1;
}
