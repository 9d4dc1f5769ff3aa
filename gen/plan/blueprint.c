#include "plan/blueprint.h"
#include "core/diag.h"
#include "core/text.h"

#include <cmark.h>
#include <errno.h>
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const theory_keys[THEORY_TYPES] = {
	"judge", "single", "multi",
};

/*
 * Bounds that keep every sum of counts and points far from overflowing
 * an int, and far past any real paper.
 */
enum { COUNT_MAX = 1000, POINTS_MAX = 100, NUMBER_MAX = 100000 };

/* "20 × 1", "20 x 1" or "20*1" */
static int
count_times_points(const char *v, int *count, int *points)
{
	char *end;
	long c = strtol(v, &end, 10), p;

	if (end == v || c < 0 || c > COUNT_MAX)
		return -1;
	while (*end == ' ')
		end++;
	if (strncmp(end, "×", 2) == 0)
		end += 2;
	else if (*end == 'x' || *end == '*')
		end++;
	else
		return -1;
	p = strtol(end, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || p <= 0 || p > POINTS_MAX)
		return -1;
	*count = (int)c;
	*points = (int)p;
	return 0;
}

static int
positive(const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (end == v || *end || n <= 0 || n > NUMBER_MAX)
		return -1;
	*out = (int)n;
	return 0;
}

static void
apply_spec(struct paper_spec *spec, const char *kind, const char *key,
    const char *value, const char *file, int line, struct diag *d)
{
	int k, ok = -1;

	if (strcmp(kind, "theory") == 0) {
		for (k = 0; k < THEORY_TYPES; k++)
			if (strcmp(key, theory_keys[k]) == 0) {
				if (count_times_points(value, &spec->count[k],
				    &spec->points[k]) < 0)
					diag_add(d, file, line, "%s: expected 'count × "
					    "points', e.g. '20 × 1' (count 0-%d, points "
					    "1-%d)", key, COUNT_MAX, POINTS_MAX);
				return;
			}
		if (strcmp(key, "minutes") == 0)
			ok = positive(value, &spec->theory_minutes);
		else if (strcmp(key, "own_share") == 0)
			ok = positive(value, &spec->own_share);
		else {
			diag_add(d, file, line, "unknown theory key '%s' (known: "
			    "judge, single, multi, minutes, own_share)", key);
			return;
		}
	} else if (strcmp(kind, "skill") == 0) {
		if (strcmp(key, "tasks_per_function") == 0)
			ok = positive(value, &spec->tasks_per_function);
		else if (strcmp(key, "minutes") == 0)
			ok = positive(value, &spec->skill_minutes);
		else {
			diag_add(d, file, line, "unknown skill key '%s' (known: "
			    "tasks_per_function, minutes)", key);
			return;
		}
	} else {
		if (strcmp(key, "questions_per_function") == 0)
			ok = positive(value, &spec->questions_per_function);
		else if (strcmp(key, "minutes") == 0)
			ok = positive(value, &spec->review_minutes);
		else {
			diag_add(d, file, line, "unknown review key '%s' (known: "
			    "questions_per_function, minutes)", key);
			return;
		}
	}
	if (ok < 0)
		diag_add(d, file, line, "%s: expected a whole number 1-%d, not "
		    "'%s'", key, NUMBER_MAX, value);
}

/*
 * A 'rules skill' or 'rules review' block: one rule a non-blank line.
 * They are numbered when printed, so a number of the writer's own would
 * print twice.
 */
static void
load_rules(struct paper_spec *spec, const char *kind, cmark_node *n,
    const char *file, struct diag *d)
{
	const char *p = cmark_node_get_literal(n), *eol;
	int line = cmark_node_get_start_line(n), k;
	size_t cap = 0;

	k = strcmp(kind, "skill") == 0 ? 1 : strcmp(kind, "review") == 0 ? 2 : 0;
	if (k == 0) {
		diag_add(d, file, line, "scoring rules are for the 'skill' or "
		    "'review' paper, not '%s'; name the block 'rules skill' or "
		    "'rules review'", kind);
		return;
	}
	if (spec->rules[k]) {
		diag_add(d, file, line, "a second 'rules %s' block; put all the "
		    "rules of a paper in one block", kind);
		return;
	}
	spec->rules[k] = arena_alloc(&spec->mem, sizeof *spec->rules[k]);
	for (; p && *p; p = *eol ? eol + 1 : eol) {
		const char *q = p;

		line++;
		eol = p + strcspn(p, "\n");
		if (span_is_blank(p, eol))
			continue;
		while (q < eol && *q >= '0' && *q <= '9')
			q++;
		if (q > p && q < eol && (*q == '.' || strncmp(q, "、", 3) == 0 ||
		    strncmp(q, "．", 3) == 0)) {
			diag_add(d, file, line, "a rule starts with a number of its "
			    "own; write the rule only (rules are numbered when "
			    "printed)");
			continue;
		}
		spec->rules[k] = arena_grow(&spec->mem, spec->rules[k],
		    spec->n_rules[k], &cap, sizeof *spec->rules[k]);
		spec->rules[k][spec->n_rules[k]] = arena_strndup(&spec->mem,
		    p, (size_t)(eol - p));
		trim((char *)spec->rules[k][spec->n_rules[k]++]);
	}
	if (spec->n_rules[k] == 0)
		diag_add(d, file, cmark_node_get_start_line(n), "the 'rules %s' "
		    "block holds no rule; write one rule a line", kind);
}

void
spec_free(struct paper_spec *spec)
{
	arena_free(&spec->mem);
	memset(spec, 0, sizeof *spec);
}

int
spec_load(struct paper_spec *spec, const struct standard *s, const char *dir,
    struct diag *d)
{
	char file[4096];
	size_t len, before = d->n;
	char *data;
	cmark_node *doc, *n;
	struct arena scratch = {0};     /* keys and values, read once */
	int k, total = 0, seen[3] = {0};

	memset(spec, 0, sizeof *spec);
	snprintf(file, sizeof file, "%s/papers.md", dir);
	if ((data = read_text(file, " the paper specs", &len, d)) == NULL)
		return -1;
	doc = cmark_parse_document(data, len, CMARK_OPT_DEFAULT);
	free(data);
	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		const char *info, *cursor, *kind;
		struct kv_line kv;
		int line, rc;

		if (cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK)
			continue;
		info = cmark_node_get_fence_info(n);
		if (strncmp(info, "rules ", 6) == 0) {
			load_rules(spec, info + 6, n, file, d);
			continue;
		}
		if (strncmp(info, "paper ", 6) != 0)
			continue;
		kind = info + 6;
		line = cmark_node_get_start_line(n);
		if (strcmp(kind, "theory") && strcmp(kind, "skill") &&
		    strcmp(kind, "review")) {
			diag_add(d, file, line, "unknown paper kind '%s' (theory, "
			    "skill or review)", kind);
			continue;
		}
		seen[kind[0] == 't' ? 0 : kind[0] == 's' ? 1 : 2] = line;
		cursor = cmark_node_get_literal(n);
		line++;
		while ((rc = kv_next(&scratch, &cursor, &line, &kv)) != 0)
			if (rc < 0)
				diag_add(d, file, kv.line, "expected 'key: value'");
			else
				apply_spec(spec, kind, kv.key, kv.value, file, kv.line, d);
	}
	arena_free(&scratch);
	cmark_node_free(doc);
	if (!seen[0] || !seen[1])
		diag_add(d, file, 0, "a 'paper theory' and a 'paper skill' block "
		    "are required");
	if (seen[0]) {
		for (k = 0; k < THEORY_TYPES; k++)
			total += spec->count[k] * spec->points[k];
		if (total != 100)
			diag_add(d, file, seen[0], "the theory paper totals %d "
			    "points; the standard's papers are out of 100", total);
		if (spec->theory_minutes < s->theory_minutes)
			diag_add(d, file, seen[0], "the theory paper lasts %d min; "
			    "the standard's minimum is %d min",
			    spec->theory_minutes, s->theory_minutes);
		if (spec->own_share > 100)
			diag_add(d, file, seen[0], "own_share is a percentage "
			    "(0-100)");
	}
	if (seen[1]) {
		if (spec->tasks_per_function < 1)
			spec->tasks_per_function = 1;
		if (spec->skill_minutes < s->skill_minutes)
			diag_add(d, file, seen[1], "the skill paper lasts %d min; "
			    "the standard's minimum is %d min",
			    spec->skill_minutes, s->skill_minutes);
	}
	if (seen[2]) {
		if (spec->questions_per_function < 1)
			spec->questions_per_function = 1;
		if (spec->review_minutes < s->review_minutes)
			diag_add(d, file, seen[2], "the review lasts %d min; the "
			    "standard's minimum is %d min", spec->review_minutes,
			    s->review_minutes);
	}
	return d->n > before ? -1 : 0;
}

/* Count the families of the level's pool per area and type. */
static void
measure_pool(const struct standard *s, const struct bank *b, int level,
    const struct paper_spec *spec, struct blueprint *bp)
{
	size_t i, a, j;

	for (a = 0; a < bp->n_areas; a++) {
		struct blueprint_area *ar = &bp->areas[a];
		const char **seen = xcalloc(b->n + 1, sizeof *seen);
		size_t n_seen = 0;
		int own[THEORY_TYPES] = {0};

		for (i = 0; i < b->n; i++) {
			const struct item *it = &b->items[i];

			if (!item_is_theory(it) || strcmp(it->area, ar->area) ||
			    !item_in_pool(s, it, level))
				continue;
			for (j = 0; j < n_seen; j++)
				if (strcmp(seen[j], it->family) == 0)
					break;
			if (j < n_seen)
				continue;
			seen[n_seen++] = it->family;
			ar->pool[it->type]++;
			if (it->level == level)
				own[it->type]++;
		}
		free(seen);
		ar->own_pool_points = 0;
		for (j = 0; j < THEORY_TYPES; j++)
			ar->own_pool_points += own[j] * spec->points[j];
	}
}

/*
 * The integer program: n[a][t] items of type t in area a per form.
 *   sum_a n[a][t] = count[t]            (the spec)
 *   sum_t points[t] n[a][t] = weight[a] (the weight table)
 *   n[a][t] <= pool[a][t] / forms       (when capped)
 *   minimise sum |n[a][t] - count[t] weight[a] / 100|
 */
static int
solve(struct blueprint *bp, const struct paper_spec *spec, int capped)
{
	int na = (int)bp->n_areas, a, t, col, row, rc;
	int nvars = na * THEORY_TYPES * 3;
	glp_prob *lp = glp_create_prob();
	glp_iocp parm;

	glp_set_obj_dir(lp, GLP_MIN);
	glp_add_cols(lp, nvars);
	for (a = 0; a < na; a++)
		for (t = 0; t < THEORY_TYPES; t++) {
			int base = (a * THEORY_TYPES + t) * 3 + 1;
			int cap = capped ? bp->areas[a].pool[t] / bp->forms : 1000;

			glp_set_col_kind(lp, base, GLP_IV);
			if (cap > 0)
				glp_set_col_bnds(lp, base, GLP_DB, 0, cap);
			else
				glp_set_col_bnds(lp, base, GLP_FX, 0, 0);
			glp_set_col_bnds(lp, base + 1, GLP_LO, 0, 0);
			glp_set_col_bnds(lp, base + 2, GLP_LO, 0, 0);
			glp_set_obj_coef(lp, base + 1, 1);
			glp_set_obj_coef(lp, base + 2, 1);
		}
	/* rows: types, areas, deviations */
	glp_add_rows(lp, THEORY_TYPES + na + na * THEORY_TYPES);
	for (t = 0; t < THEORY_TYPES; t++) {
		int ind[AREAS_MAX + 1];
		double val[AREAS_MAX + 1];

		for (a = 0; a < na; a++) {
			ind[a + 1] = (a * THEORY_TYPES + t) * 3 + 1;
			val[a + 1] = 1;
		}
		glp_set_mat_row(lp, t + 1, na, ind, val);
		glp_set_row_bnds(lp, t + 1, GLP_FX, spec->count[t], spec->count[t]);
	}
	for (a = 0; a < na; a++) {
		int ind[THEORY_TYPES + 1];
		double val[THEORY_TYPES + 1];

		for (t = 0; t < THEORY_TYPES; t++) {
			ind[t + 1] = (a * THEORY_TYPES + t) * 3 + 1;
			val[t + 1] = spec->points[t];
		}
		row = THEORY_TYPES + a + 1;
		glp_set_mat_row(lp, row, THEORY_TYPES, ind, val);
		glp_set_row_bnds(lp, row, GLP_FX, bp->areas[a].weight,
		    bp->areas[a].weight);
	}
	for (a = 0; a < na; a++)
		for (t = 0; t < THEORY_TYPES; t++) {
			int ind[4];
			double val[4] = { 0, 1, -1, 1 };
			double target = (double)spec->count[t] *
			    bp->areas[a].weight / 100.0;

			col = (a * THEORY_TYPES + t) * 3 + 1;
			ind[1] = col;
			ind[2] = col + 1;
			ind[3] = col + 2;
			row = THEORY_TYPES + na + a * THEORY_TYPES + t + 1;
			/* n - dev+ + dev- = target */
			glp_set_mat_row(lp, row, 3, ind, val);
			glp_set_row_bnds(lp, row, GLP_FX, target, target);
		}
	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = 10000;
	rc = glp_intopt(lp, &parm);
	if (rc == 0 && (glp_mip_status(lp) == GLP_OPT ||
	    glp_mip_status(lp) == GLP_FEAS)) {
		for (a = 0; a < na; a++)
			for (t = 0; t < THEORY_TYPES; t++)
				bp->areas[a].count[t] = (int)lround(glp_mip_col_val(lp,
				    (a * THEORY_TYPES + t) * 3 + 1));
		rc = 0;
	} else
		rc = -1;
	glp_delete_prob(lp);
	return rc;
}

int
blueprint_make(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, int level, int forms,
    struct blueprint *bp, struct buf *why)
{
	const struct weight_table *t = &s->weights[WEIGHTS_THEORY];
	const struct level *lv = standard_level(s, level);
	size_t r, i;
	int k, ok = 0;

	memset(bp, 0, sizeof *bp);
	bp->level = level;
	bp->forms = forms;
	glp_term_out(GLP_OFF);
	for (r = 0; r < t->n_rows && bp->n_areas < AREAS_MAX; r++) {
		struct blueprint_area *ar;

		if (t->rows[r].percent[level] <= 0)
			continue;
		ar = &bp->areas[bp->n_areas++];
		ar->area = t->rows[r].area;
		ar->weight = t->rows[r].percent[level];
		for (i = 0; i < lv->n_functions; i++)
			if (strcmp(lv->functions[i].name, ar->area) == 0)
				ar->is_function = 1;
		/* own-level share, rounded up: a floor, never a target */
		ar->own_needed = ar->is_function ?
		    (ar->weight * spec->own_share + 99) / 100 : 0;
	}
	measure_pool(s, b, level, spec, bp);
	if (solve(bp, spec, 1) < 0) {
		/* Say what the pool lacks against the uncapped blueprint. */
		if (solve(bp, spec, 0) < 0) {
			buf_printf(why, "level %d: the spec's item types cannot make "
			    "up the weight table's points per area\n", level);
			return -1;
		}
		for (i = 0; i < bp->n_areas; i++)
			for (k = 0; k < THEORY_TYPES; k++) {
				struct blueprint_area *ar = &bp->areas[i];

				if (ar->count[k] * forms > ar->pool[k]) {
					buf_printf(why, "level %d, %s: %d form%s need%s %d "
					    "%s items (%d per form), the pool has %d\n",
					    level, ar->area, forms, forms == 1 ? "" : "s",
					    forms == 1 ? "s" : "", ar->count[k] * forms,
					    item_type_label((enum item_type)k),
					    ar->count[k], ar->pool[k]);
					ok = -1;
				}
			}
		if (ok == 0)
			buf_printf(why, "level %d: the pool cannot fill every area "
			    "and type at once for %d forms\n", level, forms);
		return -1;
	}
	for (i = 0; i < bp->n_areas; i++) {
		struct blueprint_area *ar = &bp->areas[i];
		int usable = ar->own_pool_points;

		if (ar->is_function && usable < ar->own_needed * forms) {
			buf_printf(why, "level %d, %s: %d forms need %d points on "
			    "the level's own knowledge (%d%% of %d per form), the "
			    "pool has %d\n", level, ar->area, forms,
			    ar->own_needed * forms, spec->own_share, ar->weight,
			    usable);
			ok = -1;
		}
	}
	return ok;
}
