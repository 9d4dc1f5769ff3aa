/*
 * check: the rules that need the whole standard at once: consecutive
 * numbering, weights that sum to 100 and name real areas, facts that
 * agree with the text beside them, every level present.
 */
#include "core/model.h"
#include "core/diag.h"
#include "core/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Split "1.2.3" into its parent "1.2" and last component 3. */
static int
last_component(const char *number, char *parent, size_t size)
{
	const char *dot = strrchr(number, '.');
	size_t n = dot ? (size_t)(dot - number) : 0;

	if (n >= size)
		n = size - 1;
	memcpy(parent, number, n);
	parent[n] = '\0';
	return atoi(dot ? dot + 1 : number);
}

/*
 * Numbers of siblings must run 1, 2, 3 … under their parent prefix.
 * expect_parent, when not NULL, is the prefix every number must carry.
 */
struct numbering {
	char parent[64];
	int last;
};

static void
check_number(struct diag *d, struct numbering *nb, const char *number,
    const char *expect_parent, const char *what, const struct origin *at)
{
	char parent[64];
	int k;

	if (number == NULL || strcmp(number, "?") == 0)
		return;
	k = last_component(number, parent, sizeof parent);
	if (expect_parent && strcmp(parent, expect_parent) != 0) {
		diag_add(d, at->file, at->line, "%s %s does not belong under "
		    "%s; its number must start with %s.", what, number,
		    expect_parent, expect_parent);
		return;
	}
	if (strcmp(parent, nb->parent) != 0) {
		snprintf(nb->parent, sizeof nb->parent, "%s", parent);
		nb->last = 0;
	}
	if (k == nb->last)
		diag_add(d, at->file, at->line, "%s %s is numbered twice",
		    what, number);
	else if (k != nb->last + 1)
		diag_add(d, at->file, at->line, "%s %s breaks the numbering: "
		    "expected %s%s%d", what, number, parent, *parent ? "." : "",
		    nb->last + 1);
	nb->last = k;
}

static void
check_text_sections(struct diag *d, const struct text_part *part)
{
	struct numbering nb[7];
	size_t i;

	memset(nb, 0, sizeof nb);
	for (i = 0; i < part->n_sections; i++) {
		const struct section *sec = &part->sections[i];
		size_t j;
		struct numbering items = {{0}, 0};

		if (sec->number && sec->depth > 1)
			check_number(d, &nb[sec->depth], sec->number, NULL,
			    "section", &sec->at);
		if (sec->depth < 6)
			memset(&nb[sec->depth + 1], 0,
			    sizeof nb[0] * (size_t)(6 - sec->depth));
		for (j = 0; j < sec->n_entries; j++) {
			const struct entry *e = &sec->entries[j];

			if (e->kind == ENTRY_PARAGRAPH)
				items.last = 0;
			if (e->kind == ENTRY_ITEM && e->number)
				check_number(d, &items, e->number, NULL, "item",
				    &e->at);
		}
	}
}

static void
check_level(struct diag *d, const struct level *lv)
{
	struct numbering fnb = {{0}, 0};
	size_t i, j, k;

	if (lv->n_functions == 0)
		diag_add(d, lv->at.file, lv->at.line, "level %d (%s) has no "
		    "functions ('## 1. …')", lv->number, lv->name);
	for (i = 0; i < lv->n_functions; i++) {
		const struct function *fn = &lv->functions[i];
		struct numbering wnb = {{0}, 0};
		char fno[16];

		snprintf(fno, sizeof fno, "%d", fn->number);
		if (fn->number > 0)
			check_number(d, &fnb, fno, NULL, "function", &fn->at);
		if (fn->n_work == 0)
			diag_add(d, fn->at.file, fn->at.line, "function %d %s has "
			    "no work contents ('### %d.1 …')", fn->number,
			    fn->name, fn->number);
		for (j = 0; j < fn->n_work; j++) {
			const struct work_content *wc = &fn->work[j];
			struct numbering snb = {{0}, 0}, knb = {{0}, 0};

			check_number(d, &wnb, wc->number, fno, "work content",
			    &wc->at);
			if (wc->n_skills == 0)
				diag_add(d, wc->at.file, wc->at.line, "work content "
				    "%s has no skills ('#### 技能要求')", wc->number);
			if (wc->n_knowledge == 0)
				diag_add(d, wc->at.file, wc->at.line, "work content "
				    "%s has no knowledge items ('#### 相关知识要求')",
				    wc->number);
			for (k = 0; k < wc->n_skills; k++)
				check_number(d, &snb, wc->skills[k].number,
				    wc->number, "skill", &wc->skills[k].at);
			for (k = 0; k < wc->n_knowledge; k++)
				check_number(d, &knb, wc->knowledge[k].number,
				    wc->number, "knowledge item",
				    &wc->knowledge[k].at);
		}
	}
}

static void
check_basic(struct diag *d, const struct standard *s)
{
	struct numbering anb = {{0}, 0};
	size_t i, j, k;

	if (s->n_basic == 0 && s->basic_at.file)
		diag_add(d, s->basic_at.file, s->basic_at.line, "the basic "
		    "requirements have no areas ('## 2.1 …')");
	for (i = 0; i < s->n_basic; i++) {
		const struct basic_area *a = &s->basic[i];
		struct numbering snb = {{0}, 0};

		check_number(d, &anb, a->number, "2", "area", &a->at);
		for (j = 0; j < a->n_sections; j++) {
			const struct basic_section *sec = &a->sections[j];
			struct numbering inb = {{0}, 0};

			check_number(d, &snb, sec->number, a->number, "section",
			    &sec->at);
			for (k = 0; k < sec->n_items; k++)
				check_number(d, &inb, sec->items[k].number, NULL,
				    "item", &sec->items[k].at);
		}
	}
}

static int
is_basic_area(const struct standard *s, const char *area)
{
	size_t i;

	for (i = 0; i < s->n_basic; i++)
		if (strcmp(s->basic[i].name, area) == 0)
			return 1;
	return 0;
}

static const struct function *
level_function(const struct level *lv, const char *name)
{
	size_t i;

	for (i = 0; i < lv->n_functions; i++)
		if (strcmp(lv->functions[i].name, name) == 0)
			return &lv->functions[i];
	return NULL;
}

/* Rows with points at level l: the areas a paper of l is planned over. */
static int
weighted_areas(const struct weight_table *t, int l)
{
	size_t r;
	int n = 0;

	for (r = 0; r < t->n_rows; r++)
		n += t->rows[r].percent[l] > 0;
	return n;
}

static void
check_weights(struct diag *d, const struct standard *s, enum weight_kind kind)
{
	const struct weight_table *t = &s->weights[kind];
	const char *kname = weight_kind_name(kind);
	size_t i, r;

	if (!t->present) {
		diag_add(d, s->dir, 0, "the standard has no 'weights %s' table",
		    kname);
		return;
	}
	for (i = 0; i < s->n_levels; i++) {
		const struct level *lv = &s->levels[i];
		int l = lv->number, sum = 0;

		if (!(t->levels & (1u << l))) {
			diag_add(d, t->at.file, t->at.line, "weights %s: no column "
			    "for level %d (%s)", kname, l, lv->name);
			continue;
		}
		for (r = 0; r < t->n_rows; r++) {
			const struct weight_row *row = &t->rows[r];

			if (row->percent[l] == WEIGHT_NONE)
				continue;
			sum += row->percent[l];
			if (level_function(lv, row->area) == NULL &&
			    !(kind == WEIGHTS_THEORY && is_basic_area(s, row->area)))
				diag_add(d, row->at.file, row->at.line, "weights %s: "
				    "'%s' has a weight at level %d (%s), which has "
				    "no such %s", kname, row->area, l, lv->name,
				    kind == WEIGHTS_THEORY ? "function or basic area" :
				    "function");
		}
		if (weighted_areas(t, l) > AREAS_MAX)
			diag_add(d, t->at.file, t->at.line, "weights %s: level %d "
			    "(%s) has %d weighted areas; tiku plans papers over at "
			    "most %d, so merge areas or split the level", kname, l,
			    lv->name, weighted_areas(t, l), AREAS_MAX);
		if (sum != 100)
			diag_add(d, t->at.file, t->at.line, "weights %s: level %d "
			    "(%s) sums to %d, not 100", kname, l, lv->name, sum);
		if (t->total[l] != WEIGHT_NONE && t->total[l] != sum)
			diag_add(d, t->at.file, t->at.line, "weights %s: the 合计 "
			    "of level %d says %d but the column sums to %d", kname,
			    l, t->total[l], sum);
		for (r = 0; r < lv->n_functions; r++) {
			const struct function *fn = &lv->functions[r];
			const struct weight_row *row = weights_row(t, fn->name);

			if (row == NULL || row->percent[l] == WEIGHT_NONE)
				diag_add(d, fn->at.file, fn->at.line, "function %d %s "
				    "of level %d has no weight in the %s table",
				    fn->number, fn->name, l, kname);
		}
		if (kind == WEIGHTS_THEORY)
			for (r = 0; r < s->n_basic; r++) {
				const struct weight_row *row =
				    weights_row(t, s->basic[r].name);

				if (row == NULL || row->percent[l] == WEIGHT_NONE)
					diag_add(d, s->basic[r].at.file,
					    s->basic[r].at.line, "basic area %s has "
					    "no weight at level %d in the theory "
					    "table", s->basic[r].name, l);
			}
	}
}

/* True when number occurs in text as a whole number, not inside another. */
static int
has_number(const char *text, const char *number, size_t len)
{
	const char *p = text;

	while ((p = strstr(p, number)) != NULL) {
		int before = p > text && isdigit((unsigned char)p[-1]);
		int after = isdigit((unsigned char)p[len]);

		if (!before && !after)
			return 1;
		p++;
	}
	return 0;
}

static void
section_text(const struct section *sec, struct buf *b)
{
	size_t i;

	buf_puts(b, sec->title);
	for (i = 0; i < sec->n_entries; i++) {
		buf_putc(b, '\n');
		buf_puts(b, sec->entries[i].text);
	}
}

/*
 * Facts are checked against the sentence that states them, not against
 * any number of the section: "五级/初级工不少于160标准学时" states level 5's
 * hours, so 5=90 fails even when 90 is level 4's. A clause (text between
 * ，；。 or line breaks) states a value when it holds the key's marker
 * and the value. Keys without a marker (names, codes) need the value
 * anywhere in the section. For "5=160" lists the marker is the level's
 * name; review_levels names levels, so their names are looked for.
 */
static const struct {
	const char *key, *marker;
} fact_markers[] = {
	{ "training_hours", NULL },     /* each level's name */
	{ "review_levels", "综合评审" },
	{ "pass_mark", "合格" },
	{ "invigilator_ratio", "监考人员与考生配比" },
	{ "invigilators_min", "名监考人员" },
	{ "examiner_ratio", "考评人员与考生配比" },
	{ "examiners_min", "考评人员为" },
	{ "review_panel_min", "评审委员" },
	{ "theory_minutes", "理论知识考试时间" },
	{ "skill_minutes", "操作技能考核时间" },
	{ "review_minutes", "综合评审时间" },
};

/* Full-width separators become ASCII commas for strtok_r. */
static void
ascii_separators(char *s)
{
	static const char *const wide[] = { "，", "、" };
	size_t i;
	char *p;

	for (i = 0; i < 2; i++)
		for (p = s; (p = strstr(p, wide[i])) != NULL; p += 3)
			memcpy(p, ",  ", 3);
}

/* The text split into clauses, one per line. */
static void
clauses(const char *text, struct buf *out)
{
	static const char *const stops[] = { "，", "；", "。", "：" };
	const char *p;
	size_t i;

	for (p = text; *p; p++) {
		for (i = 0; i < 4; i++)
			if (strncmp(p, stops[i], 3) == 0)
				break;
		if (i < 4) {
			buf_putc(out, '\n');
			p += 2;
		} else
			buf_putc(out, *p);
	}
}

static int
states(const char *clause, const char *value)
{
	size_t i;

	for (i = 0; value[i]; i++)
		if (!isdigit((unsigned char)value[i]))
			return strstr(clause, value) != NULL;
	return has_number(clause, value, i);
}

/*
 * Whether a clause of text holds both marker and value; else the first
 * clause holding the marker goes to quote (empty when none does).
 */
static int
clause_states(const char *text, const char *marker, const char *value,
    struct buf *quote)
{
	struct buf all = {0};
	char *line, *save = NULL;
	int found = 0;

	clauses(text, &all);
	for (line = all.data ? strtok_r(all.data, "\n", &save) : NULL; line;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, marker) == NULL)
			continue;
		if (states(line, value)) {
			found = 1;
			break;
		}
		if (quote->len == 0)
			buf_puts(quote, line);
	}
	buf_free(&all);
	return found;
}

/* Check one value of fact f against its section's text. */
static void
check_fact_value(struct diag *d, const struct standard *s,
    const struct fact *f, const char *text, const char *token)
{
	const char *where = f->section->number ? f->section->number :
	    f->section->title;
	const char *eq = strchr(token, '='), *value = eq ? eq + 1 : token;
	const char *marker = NULL;
	const struct level *lv = NULL;
	struct buf quote = {0};
	size_t i;
	int keyed = 0;

	for (i = 0; i < sizeof fact_markers / sizeof fact_markers[0]; i++)
		if (strcmp(f->key, fact_markers[i].key) == 0) {
			marker = fact_markers[i].marker;
			keyed = 1;
		}
	if (keyed && eq) {
		lv = standard_level(s, atoi(token));
		marker = lv ? lv->name : NULL;
	} else if (keyed && strcmp(f->key, "review_levels") == 0) {
		lv = standard_level(s, atoi(token));
		value = lv ? lv->name : NULL;
	}
	if (!keyed) {
		if (!states(text, value))
			diag_add(d, f->at.file, f->at.line, "fact '%s': '%s' does "
			    "not appear in the text of section %s", f->key, value,
			    where);
	} else if (marker == NULL || value == NULL)
		return;         /* an unknown level: parse_standard reports it */
	else if (!clause_states(text, marker, value, &quote)) {
		if (quote.len)
			diag_add(d, f->at.file, f->at.line, "fact '%s': '%s' is not "
			    "what section %s states: '%s'", f->key, token, where,
			    quote.data);
		else
			diag_add(d, f->at.file, f->at.line, "fact '%s': no sentence "
			    "of section %s states it (one naming '%s')", f->key,
			    where, marker);
	}
	buf_free(&quote);
}

static void
check_fact_text(struct diag *d, const struct standard *s,
    const struct fact *f)
{
	struct buf text = {0};
	char *value, *token, *save = NULL;

	if (f->section == NULL) {
		diag_add(d, f->at.file, f->at.line, "fact '%s' must sit in a "
		    "section (below a heading)", f->key);
		return;
	}
	section_text(f->section, &text);
	value = xstrdup(f->value);
	ascii_separators(value);
	for (token = strtok_r(value, ",", &save); token;
	    token = strtok_r(NULL, ",", &save)) {
		char *eq;

		trim(token);
		if ((eq = strchr(token, '=')) != NULL)
			trim(eq + 1);
		if (*token != '\0' && (eq == NULL || eq[1] != '\0'))
			check_fact_value(d, s, f, text.data, token);
	}
	free(value);
	buf_free(&text);
}

void
standard_check(const struct standard *s, struct diag *d)
{
	size_t i;
	int k;

	for (i = 0; i < s->n_facts; i++)
		check_fact_text(d, s, &s->facts[i]);
	check_text_sections(d, &s->preface);
	check_text_sections(d, &s->overview);
	check_text_sections(d, &s->work_intro);
	check_basic(d, s);
	if (s->basic_at.file == NULL && s->n_levels)
		diag_add(d, s->dir, 0, "the standard has no basic requirements "
		    "('# 2 基本要求')");
	for (i = 0; i < s->n_levels; i++) {
		const struct level *lv = &s->levels[i];

		if (lv->part_number == NULL)
			diag_add(d, s->overview.file, 0, "level %d (%s) has no work "
			    "requirements: add a file starting '# 3.N %s'",
			    lv->number, lv->name, lv->name);
		else
			check_level(d, lv);
	}
	for (k = 0; k < WEIGHTS_KINDS; k++)
		check_weights(d, s, (enum weight_kind)k);
}
