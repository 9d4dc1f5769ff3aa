#include "plan/assemble_model.h"
#include "bank/itemstats.h"
#include "core/rng.h"
#include "core/strmap.h"
#include "core/util.h"

#include <float.h>
#include <glpk.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum relax {
	RELAX_DIFFICULTY = 1, RELAX_SPREAD = 2, RELAX_OWN = 4, RELAX_ENEMIES = 8,
	RELAX_CORE = 16,
};

static const char *const kind_names[] = { "theory", "skill", "review" };

const char *
paper_kind_name(enum paper_kind k)
{
	return kind_names[k];
}

/* s's number in t, counting distinct strings in the order first seen. */
static int
number_of(struct strmap *t, const char *s)
{
	int added;
	long *v = strmap_put(t, s, &added);

	if (added)
		*v = (long)t->n - 1;
	return (int)*v;
}

/* s's number, or -1 if it was never numbered. */
static int
numbering_find(const struct strmap *t, const char *s)
{
	const long *v = strmap_get(t, s);

	return v ? (int)*v : -1;
}

/* The cells of the paper, from the blueprint or the skill table. */
static int
make_cells(struct model *m, const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, struct paper_set *set, struct buf *why)
{
	const struct paper_request *req = m->req;
	size_t a;
	int t;

	if (req->kind == PAPER_THEORY) {
		if (blueprint_make(s, b, spec, req->level,
		    req->candidates ? 1 : req->forms, &set->bp, why) < 0)
			return -1;
		for (a = 0; a < set->bp.n_areas; a++) {
			m->groups[m->n_groups] = set->bp.areas[a].area;
			m->own_needed[m->n_groups] = set->bp.areas[a].own_needed;
			for (t = 0; t < THEORY_TYPES; t++) {
				struct cell *c;

				if (set->bp.areas[a].count[t] == 0)
					continue;
				c = &m->cells[m->n_cells++];
				c->group = set->bp.areas[a].area;
				c->group_index = (int)m->n_groups;
				c->type = (enum item_type)t;
				c->count = set->bp.areas[a].count[t];
				c->points = spec->points[t];
			}
			m->n_groups++;
		}
		set->minutes = spec->theory_minutes;
		return 0;
	}
	{
		const struct weight_table *sk = &s->weights[WEIGHTS_SKILL];
		int per = req->kind == PAPER_SKILL ? spec->tasks_per_function :
		    spec->questions_per_function;
		size_t r;

		if (req->kind == PAPER_REVIEW &&
		    !standard_level(s, req->level)->has_review) {
			buf_printf(why, "level %d has no comprehensive review\n",
			    req->level);
			return -1;
		}
		if (req->kind == PAPER_REVIEW && spec->review_minutes == 0) {
			buf_printf(why, "content/papers.md has no 'paper review' "
			    "spec\n");
			return -1;
		}
		for (r = 0; r < sk->n_rows && m->n_groups < AREAS_MAX; r++) {
			int w = sk->rows[r].percent[req->level];
			struct cell *c;

			if (w <= 0)
				continue;
			if (w % per) {
				buf_printf(why, "%s weighs %d points, which %d "
				    "items per function cannot share evenly\n",
				    sk->rows[r].area, w, per);
				return -1;
			}
			m->groups[m->n_groups] = sk->rows[r].area;
			c = &m->cells[m->n_cells++];
			c->group = sk->rows[r].area;
			c->group_index = (int)m->n_groups++;
			c->type = req->kind == PAPER_SKILL ? ITEM_SKILL : ITEM_REVIEW;
			c->count = per;
			c->points = w / per;
		}
		set->minutes = req->kind == PAPER_SKILL ? spec->skill_minutes :
		    spec->review_minutes;
	}
	return 0;
}

static int
compare_pairs(const void *a, const void *b)
{
	const int *p = a, *q = b;

	return p[0] != q[0] ? (p[0] > q[0]) - (p[0] < q[0]) :
	    (p[1] > q[1]) - (p[1] < q[1]);
}

/*
 * Enemies as candidate indices, both ways, ascending: two candidates of
 * different families are enemies when either names the other's id or
 * family. Names are looked up by hash, not compared pairwise.
 */
static void
enemy_lists(struct model *m)
{
	struct strmap names = {0};
	size_t c, k, n_pairs = 0, cap = 0, *start;
	int *members, (*pairs)[2] = NULL, name;

	/* the candidates by name (their id and their family), in CSR */
	for (c = 0; c < m->n_cand; c++) {
		number_of(&names, m->cand[c].it->id);
		number_of(&names, m->cand[c].it->family);
	}
	start = xcalloc(names.n + 2, sizeof *start);
	members = xcalloc(2 * m->n_cand + 1, sizeof *members);
	for (c = 0; c < m->n_cand; c++) {
		const struct item *it = m->cand[c].it;

		start[numbering_find(&names, it->id) + 2]++;
		if (strcmp(it->family, it->id) != 0)
			start[numbering_find(&names, it->family) + 2]++;
	}
	for (k = 2; k < names.n + 2; k++)
		start[k] += start[k - 1];
	for (c = 0; c < m->n_cand; c++) {
		const struct item *it = m->cand[c].it;

		members[start[numbering_find(&names, it->id) + 1]++] = (int)c;
		if (strcmp(it->family, it->id) != 0)
			members[start[numbering_find(&names, it->family) + 1]++] =
			    (int)c;
	}
	for (c = 0; c < m->n_cand; c++)
		for (k = 0; k < m->cand[c].it->n_enemies; k++) {
			size_t i;

			if ((name = numbering_find(&names,
			    m->cand[c].it->enemies[k])) < 0)
				continue;
			for (i = start[name]; i < start[name + 1]; i++) {
				int j = members[i];

				if (m->cand[j].family == m->cand[c].family)
					continue;
				if (n_pairs + 2 > cap) {
					cap = cap ? 2 * cap : 64;
					pairs = xrealloc(pairs, cap * sizeof *pairs);
				}
				pairs[n_pairs][0] = (int)c;
				pairs[n_pairs++][1] = j;
				pairs[n_pairs][0] = j;
				pairs[n_pairs++][1] = (int)c;
			}
		}
	if (n_pairs > 0)       /* qsort wants an array, even of none */
		qsort(pairs, n_pairs, sizeof *pairs, compare_pairs);
	/* each candidate's pairs are a sorted run: copy it without repeats */
	for (c = 0, k = 0; c < m->n_cand; c++) {
		size_t end = k, n = 0;

		while (end < n_pairs && pairs[end][0] == (int)c)
			end++;
		m->cand[c].enemies = xcalloc(end - k + 1, sizeof(int));
		for (; k < end; k++)
			if (n == 0 || m->cand[c].enemies[n - 1] != pairs[k][1])
				m->cand[c].enemies[n++] = pairs[k][1];
		m->cand[c].enemies[n] = -1;
	}
	free(pairs);
	free(members);
	free(start);
	strmap_free(&names);
}

/*
 * Forms are made parallel on calibrated difficulty once a past sitting
 * calibrated some candidates; the others get the b their 1-5 label
 * predicts by least squares over the calibrated ones, so all share one
 * scale.
 */
static void
calibration(struct model *m)
{
	double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
	size_t c;

	for (c = 0; c < m->n_cand; c++) {
		const struct item *it = m->cand[c].it;

		if (it->stat == NULL || !isfinite(it->stat->b))
			continue;
		n++;
		sx += it->difficulty;
		sy += it->stat->b;
		sxx += (double)it->difficulty * it->difficulty;
		sxy += it->difficulty * it->stat->b;
	}
	m->calibrated = n > 0;
	m->slope = n > 1 && sxx - sx * sx / n > 0 ?
	    (sxy - sx * sy / n) / (sxx - sx * sx / n) : 0;
	m->intercept = n > 0 ? (sy - m->slope * sx) / n : 0;
}

/* What forms are made parallel on: the 1-5 label, or once calibrated,
 * the b of content/stats/ or the one the label predicts. */
static double
item_b(const struct model *m, const struct item *it)
{
	if (!m->calibrated)
		return it->difficulty;
	if (it->stat != NULL && isfinite(it->stat->b))
		return it->stat->b;
	return m->intercept + m->slope * it->difficulty;
}

static void
core_add(const struct standard *s, const char *id, const char ***out,
    size_t *n)
{
	if (standard_importance(s, id) != 'X')
		return;
	*out = xrealloc(*out, (*n + 1) * sizeof **out);
	(*out)[(*n)++] = id;
}

size_t
paper_core_points(const struct standard *s, int level, const char ***out)
{
	const struct level *lv = standard_level(s, level);
	size_t i, j, k, n = 0;

	*out = NULL;
	for (i = 0; i < s->n_basic; i++)
		for (j = 0; j < s->basic[i].n_sections; j++) {
			const struct basic_section *sec = &s->basic[i].sections[j];

			if (sec->n_items == 0)
				core_add(s, sec->id, out, &n);
			for (k = 0; k < sec->n_items; k++)
				core_add(s, sec->items[k].id, out, &n);
		}
	for (i = 0; lv && i < lv->n_functions; i++)
		for (j = 0; j < lv->functions[i].n_work; j++) {
			const struct work_content *wc = &lv->functions[i].work[j];

			for (k = 0; k < wc->n_knowledge; k++)
				core_add(s, wc->knowledge[k].id, out, &n);
		}
	return n;
}

/* --cover-core: the level's X points, and for each candidate the ones
 * its item covers. */
static void
core_points(struct model *m, const struct standard *s)
{
	size_t i, k, c;

	for (c = 0; c < m->n_cand; c++) {
		m->cand[c].cores = xcalloc(1, sizeof(int));
		m->cand[c].cores[0] = -1;
	}
	if (!m->req->cover_core || m->req->kind != PAPER_THEORY)
		return;
	m->n_core = paper_core_points(s, m->req->level, &m->core);
	for (c = 0; c < m->n_cand; c++) {
		const struct item *it = m->cand[c].it;
		size_t n = 0;

		m->cand[c].cores = xrealloc(m->cand[c].cores, (m->n_core + 1) *
		    sizeof(int));
		for (i = 0; i < m->n_core; i++)
			for (k = 0; k < it->n_knowledge; k++)
				if (strcmp(it->knowledge[k], m->core[i]) == 0) {
					m->cand[c].cores[n++] = (int)i;
					break;
				}
		m->cand[c].cores[n] = -1;
	}
}

static void
collect_candidates(struct model *m, const struct standard *s,
    const struct bank *b)
{
	struct strmap families = {0}, spreads = {0};
	size_t i, c;

	m->cand = xcalloc(b->n + 1, sizeof *m->cand);
	for (i = 0; i < b->n; i++) {
		const struct item *it = &b->items[i];

		if (!item_in_pool(s, it, m->req->level) || it->area == NULL)
			continue;
		if (it->stat && it->stat->flags[0] && !m->req->use_flagged)
			continue;               /* flagged by a past sitting */
		for (c = 0; c < m->n_cells; c++) {
			const struct cell *cl = &m->cells[c];
			struct candidate *cd;
			const char *key;

			if (cl->type != it->type || strcmp(cl->group, it->area))
				continue;
			if (!item_is_theory(it) && it->points != cl->points)
				continue;       /* a task of other points */
			cd = &m->cand[m->n_cand++];
			cd->it = it;
			cd->cell = (int)c;
			cd->family = number_of(&families, it->family);
			/* spread knowledge points; tasks over work contents */
			key = item_is_theory(it) && it->n_knowledge ?
			    it->knowledge[0] : it->work_content ? it->work_content :
			    it->id;
			cd->spread = number_of(&spreads, key);
			cd->own = it->level == m->req->level;
		}
	}
	m->n_families = (int)families.n;
	m->n_spread = (int)spreads.n;
	strmap_free(&families);
	strmap_free(&spreads);
	calibration(m);
	for (c = 0; c < m->n_cand; c++)
		m->cand[c].b = item_b(m, m->cand[c].it);
	m->per_form = 0;
	for (c = 0; c < m->n_cells; c++)
		m->per_form += m->cells[c].count;
	/* candidates by cell, for the sampler */
	m->by_cell = xcalloc(m->n_cand + 1, sizeof *m->by_cell);
	for (c = 0, i = 0; c < m->n_cells; c++) {
		size_t j;

		m->cell_start[c] = i;
		for (j = 0; j < m->n_cand; j++)
			if (m->cand[j].cell == (int)c)
				m->by_cell[i++] = j;
	}
	m->cell_start[m->n_cells] = i;
	enemy_lists(m);
	core_points(m, s);
}

int
assemble_spread_cap(const struct model *m, int group)
{
	int n_items = 0, n_points = 0;
	int *seen = xcalloc((size_t)m->n_spread + 1, sizeof *seen);
	size_t c;

	for (c = 0; c < m->n_cells; c++)
		if (m->cells[c].group_index == group)
			n_items += m->cells[c].count;
	for (c = 0; c < m->n_cand; c++)
		if (m->cells[m->cand[c].cell].group_index == group &&
		    !seen[m->cand[c].spread]) {
			seen[m->cand[c].spread] = 1;
			n_points++;
		}
	free(seen);
	return n_points ? (n_items + n_points - 1) / n_points : 1;
}

/* Capacity per cell: enough distinct families for the forms requested? */
static int
check_capacity(const struct model *m, struct buf *why)
{
	size_t c, i;
	int ok = 0, forms = m->req->forms;

	for (c = 0; c < m->n_cells; c++) {
		const struct cell *cl = &m->cells[c];
		int *seen = xcalloc((size_t)m->n_families + 1, sizeof *seen), n = 0;
		int need = m->req->max_overlap > 0 ? cl->count : cl->count * forms;

		for (i = 0; i < m->n_cand; i++)
			if (m->cand[i].cell == (int)c && !seen[m->cand[i].family]) {
				seen[m->cand[i].family] = 1;
				n++;
			}
		free(seen);
		if (n < need) {
			buf_printf(why, "level %d, %s: %d form%s need%s %d %s items "
			    "(%d per form), the pool has %d\n", m->req->level,
			    cl->group, forms, forms == 1 ? "" : "s",
			    forms == 1 ? "s" : "", need, item_type_label(cl->type),
			    cl->count, n);
			ok = -1;
		}
	}
	return ok;
}

/* --cover-core: enough families on each X point for the forms (one for
 * per-candidate papers and sets that may share items). */
static int
check_core(const struct model *m, struct buf *why)
{
	size_t c, i;
	int ok = 0, forms = m->req->candidates ? 1 : m->req->forms;

	for (c = 0; c < m->n_core; c++) {
		int *seen = xcalloc((size_t)m->n_families + 1, sizeof *seen), n = 0;
		int need = m->req->max_overlap > 0 ? 1 : forms;
		const int *k;

		for (i = 0; i < m->n_cand; i++)
			for (k = m->cand[i].cores; *k >= 0; k++)
				if (*k == (int)c && !seen[m->cand[i].family]) {
					seen[m->cand[i].family] = 1;
					n++;
				}
		free(seen);
		if (n < need) {
			buf_printf(why, "--cover-core: level %d, X point %s: %d form%s "
			    "need%s %d items on it, the pool has %d; write items on "
			    "it or mark it Y in settings.md\n", m->req->level,
			    m->core[c], forms, forms == 1 ? "" : "s",
			    forms == 1 ? "s" : "", need, n);
			ok = -1;
		}
	}
	return ok;
}

/* Stop branch and bound after a fixed number of nodes once a solution is
 * known: a node budget, unlike a time limit, gives the same forms on any
 * machine. */
void
assemble_node_budget(glp_tree *tree, void *info)
{
	struct search *sr = info;

	if (glp_ios_reason(tree) != GLP_ISELECT)
		return;
	sr->nodes++;
	/* an incumbent exists once the gap is finite */
	if (sr->nodes >= sr->budget && glp_ios_mip_gap(tree) < DBL_MAX)
		glp_ios_terminate(tree);
	else if (sr->nodes >= 20 * sr->budget)
		glp_ios_terminate(tree);
}

static int
col_of(const struct model *m, size_t c, int f)
{
	return (int)(c * (size_t)m->req->forms) + f + 1;
}

/* Sparse rows are built in these growing arrays. */
struct rowbuf {
	int *ind;
	double *val;
	int n, cap;
};

static void
row_add(struct rowbuf *r, int col, double v)
{
	if (r->n + 2 > r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->ind = xrealloc(r->ind, (size_t)r->cap * sizeof *r->ind);
		r->val = xrealloc(r->val, (size_t)r->cap * sizeof *r->val);
	}
	r->n++;
	r->ind[r->n] = col;
	r->val[r->n] = v;
}

static void
row_emit(glp_prob *lp, struct rowbuf *r, int type, double lb, double ub)
{
	int row = glp_add_rows(lp, 1);

	glp_set_mat_row(lp, row, r->n, r->ind, r->val);
	glp_set_row_bnds(lp, row, type, lb, ub);
	r->n = 0;
}


/*
 * Build and solve the model. Returns 0 with the forms filled, or -1.
 */
static int
solve(const struct model *m, struct paper_set *set, unsigned relax,
    int *nodes)
{
	const struct paper_request *req = m->req;
	int F = req->forms, f, lo_col, hi_col, ncols, rc;
	glp_prob *lp = glp_create_prob();
	struct rowbuf r = {0};
	struct search sr = { 0, 400 };
	struct rng g;
	glp_iocp parm;
	size_t c, d, k;
	int *fam_first = NULL;

	glp_set_obj_dir(lp, GLP_MIN);
	ncols = (int)m->n_cand * F;
	glp_add_cols(lp, ncols + 2);
	rng_seed(&g, rng_derive(req->seed, "assemble"));
	for (c = 0; c < m->n_cand; c++)
		for (f = 0; f < F; f++) {
			int col = col_of(m, c, f);

			glp_set_col_kind(lp, col, GLP_BV);
			/* the seeded random term: different seeds, other forms */
			glp_set_obj_coef(lp, col, rng_unit(&g));
		}
	lo_col = ncols + 1;
	hi_col = ncols + 2;
	glp_set_col_bnds(lp, lo_col, GLP_DB, m->calibrated ? -20 : 1,
	    m->calibrated ? 20 : 5);
	glp_set_col_bnds(lp, hi_col, GLP_DB, m->calibrated ? -20 : 1,
	    m->calibrated ? 20 : 5);
	glp_set_obj_coef(lp, lo_col, -ASSEMBLE_DIFFICULTY_WEIGHT);
	glp_set_obj_coef(lp, hi_col, ASSEMBLE_DIFFICULTY_WEIGHT);

	/* the blueprint: each cell filled exactly on every form */
	for (k = 0; k < m->n_cells; k++)
		for (f = 0; f < F; f++) {
			for (c = 0; c < m->n_cand; c++)
				if (m->cand[c].cell == (int)k)
					row_add(&r, col_of(m, c, f), 1);
			row_emit(lp, &r, GLP_FX, m->cells[k].count,
			    m->cells[k].count);
		}
	/* families: once per form; across forms once unless overlap allowed */
	fam_first = xcalloc((size_t)m->n_families + 1, sizeof *fam_first);
	for (d = 0; d < (size_t)m->n_families; d++) {
		if (req->max_overlap <= 0) {
			for (c = 0; c < m->n_cand; c++)
				if (m->cand[c].family == (int)d)
					for (f = 0; f < F; f++)
						row_add(&r, col_of(m, c, f), 1);
			row_emit(lp, &r, GLP_UP, 0, 1);
		} else
			for (f = 0; f < F; f++) {
				for (c = 0; c < m->n_cand; c++)
					if (m->cand[c].family == (int)d)
						row_add(&r, col_of(m, c, f), 1);
				row_emit(lp, &r, GLP_UP, 0, 1);
			}
	}
	if (req->max_overlap > 0 && F > 1) {
		/* shared[d] = 1 lets family d serve several forms; a form holds
		 * at most max_overlap × its items of shared families */
		int base = glp_add_cols(lp, m->n_families * (1 + F));
		int limit = (int)floor(req->max_overlap * m->per_form + 1e-9);

		for (d = 0; d < (size_t)m->n_families; d++) {
			int shared = base + (int)d;

			glp_set_col_kind(lp, shared, GLP_BV);
			for (c = 0; c < m->n_cand; c++)
				if (m->cand[c].family == (int)d)
					for (f = 0; f < F; f++)
						row_add(&r, col_of(m, c, f), 1);
			row_add(&r, shared, -(F - 1));
			row_emit(lp, &r, GLP_UP, 0, 1);
			for (f = 0; f < F; f++) {
				int w = base + m->n_families + (int)d * F + f;

				glp_set_col_kind(lp, w, GLP_BV);
				for (c = 0; c < m->n_cand; c++)
					if (m->cand[c].family == (int)d)
						row_add(&r, col_of(m, c, f), 1);
				row_add(&r, shared, 1);
				row_add(&r, w, -1);
				row_emit(lp, &r, GLP_UP, 0, 1);
			}
		}
		for (f = 0; f < F; f++) {
			for (d = 0; d < (size_t)m->n_families; d++)
				row_add(&r, base + m->n_families + (int)d * F + f, 1);
			row_emit(lp, &r, GLP_UP, 0, limit);
		}
	}
	/* enemies never share a form */
	if (!(relax & RELAX_ENEMIES))
		for (c = 0; c < m->n_cand; c++) {
			const int *e;

			for (e = m->cand[c].enemies; *e >= 0; e++)
				if ((size_t)*e > c)
					for (f = 0; f < F; f++) {
						row_add(&r, col_of(m, c, f), 1);
						row_add(&r, col_of(m, (size_t)*e, f), 1);
						row_emit(lp, &r, GLP_UP, 0, 1);
					}
		}
	/* the level's own knowledge carries at least own_share of each area */
	if (!(relax & RELAX_OWN) && req->kind == PAPER_THEORY)
		for (k = 0; k < m->n_groups; k++) {
			if (m->own_needed[k] == 0)
				continue;
			for (f = 0; f < F; f++) {
				for (c = 0; c < m->n_cand; c++)
					if (m->cand[c].own && m->cells[m->cand[c].cell]
					    .group_index == (int)k)
						row_add(&r, col_of(m, c, f),
						    m->cells[m->cand[c].cell].points);
				row_emit(lp, &r, GLP_LO, m->own_needed[k], 0);
			}
		}
	/* knowledge spread, as the objective: a reward for every knowledge
	 * point an area uses on a form (as many different points as the bank
	 * allows), a penalty for each use beyond an even share */
	if (!(relax & RELAX_SPREAD))
		for (k = 0; k < m->n_groups; k++) {
			int cap = assemble_spread_cap(m, (int)k);
			int *seen = xcalloc((size_t)m->n_spread + 1, sizeof *seen);

			for (c = 0; c < m->n_cand; c++)
				if (m->cells[m->cand[c].cell].group_index == (int)k)
					seen[m->cand[c].spread] = 1;
			for (d = 0; d < (size_t)m->n_spread; d++) {
				if (!seen[d])
					continue;
				for (f = 0; f < F; f++) {
					int used = glp_add_cols(lp, 2), excess = used + 1;

					glp_set_col_kind(lp, used, GLP_BV);
					glp_set_obj_coef(lp, used, -ASSEMBLE_SPREAD_REWARD);
					glp_set_col_bnds(lp, excess, GLP_LO, 0, 0);
					glp_set_obj_coef(lp, excess, ASSEMBLE_SPREAD_PENALTY);
					/* used ≤ items on the point; excess ≥ items − cap */
					for (c = 0; c < m->n_cand; c++)
						if (m->cand[c].spread == (int)d &&
						    m->cells[m->cand[c].cell].group_index ==
						    (int)k)
							row_add(&r, col_of(m, c, f), 1);
					row_add(&r, used, -1);
					row_emit(lp, &r, GLP_LO, 0, 0);
					for (c = 0; c < m->n_cand; c++)
						if (m->cand[c].spread == (int)d &&
						    m->cells[m->cand[c].cell].group_index ==
						    (int)k)
							row_add(&r, col_of(m, c, f), 1);
					row_add(&r, excess, -1);
					row_emit(lp, &r, GLP_UP, 0, cap);
				}
			}
			free(seen);
		}
	/* --cover-core: every X point on every form */
	if (!(relax & RELAX_CORE))
		for (k = 0; k < m->n_core; k++)
			for (f = 0; f < F; f++) {
				for (c = 0; c < m->n_cand; c++) {
					const int *p;

					for (p = m->cand[c].cores; *p >= 0; p++)
						if (*p == (int)k)
							row_add(&r, col_of(m, c, f), 1);
				}
				row_emit(lp, &r, GLP_LO, 1, 0);
			}
	/* parallel difficulty: every form's mean within [lo, hi] */
	for (f = 0; f < F; f++) {
		for (c = 0; c < m->n_cand; c++)
			row_add(&r, col_of(m, c, f), m->cand[c].b);
		row_add(&r, hi_col, -m->per_form);
		row_emit(lp, &r, GLP_UP, 0, 0);
		for (c = 0; c < m->n_cand; c++)
			row_add(&r, col_of(m, c, f), m->cand[c].b);
		row_add(&r, lo_col, -m->per_form);
		row_emit(lp, &r, GLP_LO, 0, 0);
	}
	if (!(relax & RELAX_DIFFICULTY) && req->kind == PAPER_THEORY) {
		row_add(&r, hi_col, 1);
		row_add(&r, lo_col, -1);
		row_emit(lp, &r, GLP_UP, 0, 0.1);
	}
	free(r.ind);
	free(r.val);
	free(fam_first);

	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
		parm.mip_gap = 0.02;
	parm.tm_lim = 300000;   /* a safety net only; the node budget rules */
	parm.cb_func = assemble_node_budget;
	parm.cb_info = &sr;
	rc = glp_intopt(lp, &parm);
	*nodes = sr.nodes;
	if (!((rc == 0 || rc == GLP_ESTOP || rc == GLP_ETMLIM ||
	    rc == GLP_EMIPGAP) &&
	    (glp_mip_status(lp) == GLP_OPT || glp_mip_status(lp) == GLP_FEAS))) {
		glp_delete_prob(lp);
		return -1;
	}
	set->forms = xcalloc((size_t)F, sizeof *set->forms);
	set->n_forms = (size_t)F;
	for (f = 0; f < F; f++) {
		struct form *fm = &set->forms[f];

		fm->items = xcalloc((size_t)m->per_form + 1, sizeof *fm->items);
		for (c = 0; c < m->n_cand; c++)
			if (glp_mip_col_val(lp, col_of(m, c, f)) > 0.5) {
				fm->items[fm->n].it = m->cand[c].it;
				fm->items[fm->n].points = m->cells[m->cand[c].cell].points;
				fm->n++;
			}
	}
	glp_delete_prob(lp);
	return 0;
}

static const char *const relax_names[] = {
	"parallel difficulty: the forms' mean difficulties cannot all lie "
	    "within 0.1 of each other",
	"knowledge spread",
	"own-level share: the level's own knowledge cannot carry the "
	    "required share of an area's points on every form",
	"enemy rules: items marked 互斥 cannot all be kept apart",
	"--cover-core: every X point cannot be on every form together with "
	    "the other rules",
};

/* Items by type, then area order, work content, id: the order of a form. */
static const struct model *sort_model;

static int
form_item_cmp(const void *pa, const void *pb)
{
	const struct item *a = ((const struct form_item *)pa)->it;
	const struct item *b = ((const struct form_item *)pb)->it;
	size_t i;
	int ga = 0, gb = 0, c;

	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	for (i = 0; i < sort_model->n_groups; i++) {
		if (strcmp(sort_model->groups[i], a->area) == 0)
			ga = (int)i;
		if (strcmp(sort_model->groups[i], b->area) == 0)
			gb = (int)i;
	}
	if (ga != gb)
		return ga < gb ? -1 : 1;
	if (a->level != b->level)       /* lower levels after the own */
		return a->level < b->level ? -1 : 1;
	c = strcmp(a->wc_number ? a->wc_number : "", b->wc_number ?
	    b->wc_number : "");
	return c ? c : strcmp(a->id, b->id);
}

/* Order items, shuffle options (unless fixed) and name the forms. */
static void
finish_forms(const struct model *m, struct paper_set *set)
{
	size_t f, i;

	set->calibrated = m->calibrated;
	set->slope = m->slope;
	set->intercept = m->intercept;
	for (f = 0; f < set->n_forms; f++) {
		struct form *fm = &set->forms[f];
		double sum = 0, bsum = 0;

		if (set->req.candidates)
			snprintf(fm->code, sizeof fm->code, "%04zu", f + 1);
		else if (f < 26)
			snprintf(fm->code, sizeof fm->code, "%c", (char)('A' + f));
		else
			snprintf(fm->code, sizeof fm->code, "F%zu", f + 1);
		sort_model = m;
		qsort(fm->items, fm->n, sizeof *fm->items, form_item_cmp);
		for (i = 0; i < fm->n; i++) {
			struct form_item *fi = &fm->items[i];
			const struct item *it = fi->it;
			int k, n = it->n_options;

			sum += it->difficulty;
			bsum += item_b(m, it);
			for (k = 0; k < n; k++)
				fi->order[k] = (char)('A' + k);
			fi->order[n] = '\0';
			if (!it->fixed_order && n > 1) {
				char key[128];
				struct rng g;

				snprintf(key, sizeof key, "%s/%s", fm->code, it->id);
				rng_seed(&g, rng_derive(set->req.seed, key));
				for (k = n - 1; k > 0; k--) {
					int j = (int)rng_below(&g, (uint64_t)k + 1);
					char t = fi->order[k];

					fi->order[k] = fi->order[j];
					fi->order[j] = t;
				}
			}
		}
		fm->difficulty_mean = fm->n ? sum / (double)fm->n : 0;
		fm->b_mean = fm->n ? bsum / (double)fm->n : 0;
	}
	/* a skill or review exam lasts at least what its tasks' own times
	 * add up to (the spec's minutes are the standard's least, 1.9.4);
	 * the forms of a set share the longest form's time */
	if (set->req.kind != PAPER_THEORY)
		for (f = 0; f < set->n_forms; f++) {
			int total = 0;

			for (i = 0; i < set->forms[f].n; i++)
				total += set->forms[f].items[i].it->minutes;
			if (total > set->minutes)
				set->minutes = total;
		}
}

/* ---- per-candidate papers: a stratified sampler with exposure limits */

struct sampler {
	const struct model *m;
	int limit;                      /* papers an item may be on */
	int stamp;                      /* the paper being drawn, 1.. */
	int *uses, *on, *fam_on, *spread_on, *core_on, *placed;
	struct rng g;
};

static int
covers(const struct candidate *cd, int core)
{
	const int *k;

	for (k = cd->cores; *k >= 0; k++)
		if (*k == core)
			return 1;
	return 0;
}

/*
 * The best candidate of cell k for the paper, or SIZE_MAX: own level, a
 * knowledge point not yet on the paper, least used, then random. With
 * core >= 0 only those on that X point, least used first; without, items
 * on X points last (they are kept for covering). *best_key gets its key.
 */
static size_t
sampler_pick(struct sampler *sp, size_t k, int core, uint64_t *best_key)
{
	const struct model *m = sp->m;
	size_t best = SIZE_MAX, x;

	for (x = m->cell_start[k]; x < m->cell_start[k + 1]; x++) {
		size_t c = m->by_cell[x];
		const struct candidate *cd = &m->cand[c];
		const int *e;
		uint64_t key;

		if (sp->uses[c] >= sp->limit || sp->fam_on[cd->family] == sp->stamp)
			continue;
		for (e = cd->enemies; *e >= 0; e++)
			if (sp->on[*e] == sp->stamp)
				break;
		if (*e >= 0 || (core >= 0 && !covers(cd, core)))
			continue;
		if (core >= 0)  /* the least used first: spare the X items */
			key = (uint64_t)sp->uses[c] << 42 |
			    (uint64_t)(!cd->own) << 41 |
			    (uint64_t)(sp->spread_on[cd->spread] == sp->stamp) << 40 |
			    (rng_next(&sp->g) >> 24);
		else            /* filling: items on no X point first */
			key = (uint64_t)(cd->cores[0] >= 0) << 63 |
			    (uint64_t)(!cd->own) << 62 |
			    (uint64_t)(sp->spread_on[cd->spread] == sp->stamp) << 61 |
			    (uint64_t)sp->uses[c] << 32 | (rng_next(&sp->g) >> 32);
		if (best == SIZE_MAX || key < *best_key) {
			best = c;
			*best_key = key;
		}
	}
	return best;
}

static void
sampler_place(struct sampler *sp, struct form *fm, size_t c)
{
	const struct candidate *cd = &sp->m->cand[c];
	const int *k;

	sp->uses[c]++;
	sp->on[c] = sp->stamp;
	sp->fam_on[cd->family] = sp->stamp;
	sp->spread_on[cd->spread] = sp->stamp;
	for (k = cd->cores; *k >= 0; k++)
		sp->core_on[*k] = sp->stamp;
	sp->placed[cd->cell]++;
	fm->items[fm->n].it = cd->it;
	fm->items[fm->n].points = sp->m->cells[cd->cell].points;
	fm->n++;
}

/*
 * --cover-core: before the cells are filled, one item on each X point
 * the paper lacks, the scarcest points first (core_order), from
 * whichever cell with room offers the best.
 */
static int
sampler_cover(struct sampler *sp, struct form *fm, const size_t *core_order,
    int N, struct buf *why)
{
	const struct model *m = sp->m;
	size_t i, k;

	for (i = 0; i < m->n_core; i++) {
		int x = (int)core_order[i];
		size_t best = SIZE_MAX;
		uint64_t best_key = 0;

		if (sp->core_on[x] == sp->stamp)
			continue;
		for (k = 0; k < m->n_cells; k++) {
			uint64_t key;
			size_t c;

			if (sp->placed[k] >= m->cells[k].count)
				continue;
			c = sampler_pick(sp, k, x, &key);
			if (c != SIZE_MAX && (best == SIZE_MAX || key < best_key)) {
				best = c;
				best_key = key;
			}
		}
		if (best == SIZE_MAX) {
			buf_printf(why, "--cover-core: paper %d of %d: no item on X "
			    "point %s is left within the exposure limit of %d papers "
			    "per item; raise --exposure or write items on it\n",
			    sp->stamp, N, m->core[x], sp->limit);
			return -1;
		}
		sampler_place(sp, fm, best);
	}
	return 0;
}

/* Capacity first: each cell's families × limit must cover its uses. */
static int
sampler_capacity(const struct model *m, int N, int limit, struct buf *why)
{
	size_t k, x;
	int rc = 0;

	for (k = 0; k < m->n_cells; k++) {
		int *seen = xcalloc((size_t)m->n_families + 1, sizeof *seen);
		long families = 0, need = (long)m->cells[k].count * N;

		for (x = m->cell_start[k]; x < m->cell_start[k + 1]; x++)
			if (!seen[m->cand[m->by_cell[x]].family]) {
				seen[m->cand[m->by_cell[x]].family] = 1;
				families++;
			}
		free(seen);
		if (families * limit < need) {
			buf_printf(why, "exposure: %s, %s: %d papers need %ld "
			    "placements; %ld items at most %d papers each allow %ld: "
			    "--exposure must be at least %.2f\n", m->cells[k].group,
			    item_type_label(m->cells[k].type), N, need, families,
			    limit, families * limit, families ?
			    ceil(100.0 * m->cells[k].count / (double)families) / 100 :
			    1.0);
			rc = -1;
		}
	}
	return rc;
}

/* X points by how many candidates cover them, fewest first. */
static size_t *
core_order_of(const struct model *m)
{
	size_t *order = xcalloc(m->n_core + 1, sizeof *order);
	int *n = xcalloc(m->n_core + 1, sizeof *n);
	size_t i, j, c;
	const int *k;

	for (c = 0; c < m->n_cand; c++)
		for (k = m->cand[c].cores; *k >= 0; k++)
			n[*k]++;
	for (i = 0; i < m->n_core; i++) {
		for (j = i; j > 0 && n[order[j - 1]] > n[i]; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	free(n);
	return order;
}

static int
sample_candidates(const struct model *m, struct paper_set *set,
    struct buf *why)
{
	const struct paper_request *req = m->req;
	struct sampler sp;
	int N = req->candidates, f, rc = 0;
	size_t k, *core_order = core_order_of(m);

	memset(&sp, 0, sizeof sp);
	sp.m = m;
	/* no item on more than exposure × N papers (at least one) */
	sp.limit = (int)ceil(req->exposure * N - 1e-9);
	if (sp.limit < 1)
		sp.limit = 1;
	if (sampler_capacity(m, N, sp.limit, why) < 0) {
		free(core_order);
		return -1;
	}
	sp.uses = xcalloc(m->n_cand + 1, sizeof *sp.uses);
	sp.on = xcalloc(m->n_cand + 1, sizeof *sp.on);
	sp.fam_on = xcalloc((size_t)m->n_families + 1, sizeof *sp.fam_on);
	sp.spread_on = xcalloc((size_t)m->n_spread + 1, sizeof *sp.spread_on);
	sp.core_on = xcalloc(m->n_core + 1, sizeof *sp.core_on);
	sp.placed = xcalloc(m->n_cells + 1, sizeof *sp.placed);
	rng_seed(&sp.g, rng_derive(req->seed, "candidates"));
	set->forms = xcalloc((size_t)N, sizeof *set->forms);
	set->n_forms = (size_t)N;
	for (f = 0; f < N && rc == 0; f++) {
		struct form *fm = &set->forms[f];

		sp.stamp = f + 1;
		memset(sp.placed, 0, m->n_cells * sizeof *sp.placed);
		fm->items = xcalloc((size_t)m->per_form + 1, sizeof *fm->items);
		rc = sampler_cover(&sp, fm, core_order, N, why);
		for (k = 0; k < m->n_cells && rc == 0; k++)
			while (sp.placed[k] < m->cells[k].count) {
				uint64_t key;
				size_t best = sampler_pick(&sp, k, -1, &key);

				if (best == SIZE_MAX) {
					buf_printf(why, "exposure: paper %d of %d: %s has "
					    "no %s left within the exposure limit of %d "
					    "papers per item\n", f + 1, N, m->cells[k].group,
					    item_type_label(m->cells[k].type), sp.limit);
					rc = -1;
					break;
				}
				sampler_place(&sp, fm, best);
			}
	}
	free(sp.uses);
	free(sp.on);
	free(sp.fam_on);
	free(sp.spread_on);
	free(sp.core_on);
	free(sp.placed);
	free(core_order);
	return rc;
}

int
paper_assemble(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct paper_request *req,
    struct paper_set *set, struct buf *why)
{
	struct model m;
	struct timespec t0, t1;
	int rc = -1, nodes = 0;

	memset(&m, 0, sizeof m);
	memset(set, 0, sizeof *set);
	set->req = *req;
	m.req = &set->req;
	glp_term_out(GLP_OFF);
	if (make_cells(&m, s, b, spec, set, why) < 0)
		return -1;
	collect_candidates(&m, s, b);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (req->cover_core && m.n_core == 0) {
		buf_printf(why, "--cover-core: settings.md marks no knowledge point "
		    "of level %d or of the basic requirements X; add "
		    "'importance: POINT=X, …' or drop --cover-core\n", req->level);
		rc = -1;
	} else if (check_core(&m, why) < 0)
		rc = -1;
	else if (req->candidates > 0) {
		rc = sample_candidates(&m, set, why);
		set->solver = "sampler";
	} else if (check_capacity(&m, why) == 0) {
		/* the two-stage fast path, else the full model (which alone
		 * holds the core rows) */
		rc = req->max_overlap > 0 || m.n_core ? -1 :
		    assemble_two_stage(&m, set, &nodes);
		set->solver = "two-stage";
		if (rc < 0) {
			paper_set_free(set);
			rc = solve(&m, set, 0, &nodes);
			set->solver = "full model";
		}
		if (rc < 0) {
			unsigned relax[] = { RELAX_DIFFICULTY, RELAX_SPREAD,
			    RELAX_OWN, RELAX_ENEMIES, RELAX_CORE };
			size_t i;
			int found = 0;

			/* which constraint group is to blame: relax one at a time */
			for (i = 0; i < 5 && !found; i++) {
				struct paper_set probe;

				memset(&probe, 0, sizeof probe);
				probe.req = *req;
				if (solve(&m, &probe, relax[i], &nodes) == 0) {
					buf_printf(why, "%s (level %d, %d form%s)\n",
					    relax_names[i], req->level, req->forms,
					    req->forms == 1 ? "" : "s");
					found = 1;
				}
				paper_set_free(&probe);
			}
			if (!found)
				buf_printf(why, "overlap and families: the pool cannot "
				    "give %d forms without sharing items (level %d); "
				    "try --max-overlap\n", req->forms, req->level);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	set->solve_seconds = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	set->nodes = nodes;
	if (rc == 0)
		finish_forms(&m, set);
	set->rules = spec->rules[req->kind];
	set->n_rules = spec->n_rules[req->kind];
	for (size_t c = 0; c < m.n_cand; c++) {
		free(m.cand[c].enemies);
		free(m.cand[c].cores);
	}
	free(m.core);
	free(m.cand);
	free(m.by_cell);
	return rc;
}

void
paper_set_free(struct paper_set *set)
{
	size_t f;

	for (f = 0; f < set->n_forms; f++)
		free(set->forms[f].items);
	free(set->forms);
	set->forms = NULL;
	set->n_forms = 0;
}
