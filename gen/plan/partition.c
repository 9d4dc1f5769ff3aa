/*
 * partition: parallel forms in two stages. K forms without overlap hold
 * K × (items per form) distinct items; which items, and which form each
 * goes to, are separate questions. The first is a GLPK model with one
 * variable per item (the full model has one per item and form, K times
 * the columns and rows, and its root LP costs most of the time); the
 * second is a deterministic local search that swaps items of one cell
 * between forms until every rule holds and no swap improves the objective.
 */
#include "plan/assemble_model.h"
#include "core/rng.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Penalty per unit of a broken rule in the deal: above any objective. */
#define BROKEN 1e6
#define MAX_PASSES 100

/* Rows are built in these growing arrays, 1-based as GLPK wants them. */
struct row {
	int *ind;
	double *val;
	int n, cap;
};

static void
row_add(struct row *r, int col, double v)
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
row_emit(glp_prob *lp, struct row *r, int type, double lb, double ub)
{
	int i = glp_add_rows(lp, 1);

	glp_set_mat_row(lp, i, r->n, r->ind, r->val);
	glp_set_row_bnds(lp, i, type, lb, ub);
	r->n = 0;
}

/*
 * Stage 1: y(c) = 1 when candidate c is on some form. Each cell takes K
 * times its count, a family at most once, own knowledge at least K times
 * each area's need; a point's coverage u(k,d) ≤ min(K, its items) is the
 * sum over forms of the full model's per-form coverage once the deal
 * spreads the point's items over different forms, and likewise for the
 * excess over K × cap. Fills chosen[c]; returns 0, or -1.
 */
static int
select_items(const struct model *m, char *chosen, int *nodes)
{
	const struct paper_request *req = m->req;
	int F = req->forms, rc = -1, glp_rc, st;
	glp_prob *lp = glp_create_prob();
	struct row r = {0};
	struct search sr = { 0, 400 };
	struct rng g;
	glp_iocp parm;
	size_t c, k, d;
	int *members = xcalloc((size_t)m->n_families + 1, sizeof *members);
	int *in_group = xcalloc((size_t)m->n_spread + 1, sizeof *in_group);

	glp_set_obj_dir(lp, GLP_MIN);
	glp_add_cols(lp, (int)m->n_cand);
	rng_seed(&g, rng_derive(req->seed, "assemble"));
	for (c = 0; c < m->n_cand; c++) {
		glp_set_col_kind(lp, (int)c + 1, GLP_BV);
		glp_set_obj_coef(lp, (int)c + 1, rng_unit(&g));
		members[m->cand[c].family]++;
	}
	for (k = 0; k < m->n_cells; k++) {
		for (c = 0; c < m->n_cand; c++)
			if (m->cand[c].cell == (int)k)
				row_add(&r, (int)c + 1, 1);
		row_emit(lp, &r, GLP_FX, F * m->cells[k].count,
		    F * m->cells[k].count);
	}
	/* a family of one is already bounded by its binary */
	for (d = 0; d < (size_t)m->n_families; d++) {
		if (members[d] < 2)
			continue;
		for (c = 0; c < m->n_cand; c++)
			if (m->cand[c].family == (int)d)
				row_add(&r, (int)c + 1, 1);
		row_emit(lp, &r, GLP_UP, 0, 1);
	}
	if (F == 1)
		for (c = 0; c < m->n_cand; c++) {
			const int *e;

			for (e = m->cand[c].enemies; *e >= 0; e++)
				if ((size_t)*e > c) {
					row_add(&r, (int)c + 1, 1);
					row_add(&r, *e + 1, 1);
					row_emit(lp, &r, GLP_UP, 0, 1);
				}
		}
	if (req->kind == PAPER_THEORY)
		for (k = 0; k < m->n_groups; k++) {
			if (m->own_needed[k] == 0)
				continue;
			for (c = 0; c < m->n_cand; c++)
				if (m->cand[c].own &&
				    m->cells[m->cand[c].cell].group_index == (int)k)
					row_add(&r, (int)c + 1,
					    m->cells[m->cand[c].cell].points);
			row_emit(lp, &r, GLP_LO, F * m->own_needed[k], 0);
		}
	/* a difficulty total the forms can share equally: K × T (on the 1-5
	 * labels; calibrated b are real numbers, left to the deal) */
	if (!m->calibrated) {
		int total = glp_add_cols(lp, 1);

		glp_set_col_kind(lp, total, GLP_IV);
		glp_set_col_bnds(lp, total, GLP_LO, 0, 0);
		for (c = 0; c < m->n_cand; c++)
			row_add(&r, (int)c + 1, m->cand[c].it->difficulty);
		row_add(&r, total, -F);
		row_emit(lp, &r, GLP_FX, 0, 0);
	}
	for (k = 0; k < m->n_groups; k++) {
		int cap = assemble_spread_cap(m, (int)k);

		for (c = 0; c < m->n_cand; c++)
			if (m->cells[m->cand[c].cell].group_index == (int)k)
				in_group[m->cand[c].spread] = (int)k + 1;
		for (d = 0; d < (size_t)m->n_spread; d++) {
			int used, excess, pass;

			if (in_group[d] != (int)k + 1)
				continue;
			used = glp_add_cols(lp, 2);
			excess = used + 1;
			glp_set_col_kind(lp, used, GLP_IV);
			glp_set_col_bnds(lp, used, GLP_DB, 0, F);
			glp_set_obj_coef(lp, used, -ASSEMBLE_SPREAD_REWARD);
			glp_set_col_bnds(lp, excess, GLP_LO, 0, 0);
			glp_set_obj_coef(lp, excess, ASSEMBLE_SPREAD_PENALTY);
			/* used ≤ items on the point; excess ≥ items − K × cap */
			for (pass = 0; pass < 2; pass++) {
				for (c = 0; c < m->n_cand; c++)
					if (m->cand[c].spread == (int)d &&
					    m->cells[m->cand[c].cell].group_index ==
					    (int)k)
						row_add(&r, (int)c + 1, 1);
				row_add(&r, pass == 0 ? used : excess, -1);
				if (pass == 0)
					row_emit(lp, &r, GLP_LO, 0, 0);
				else
					row_emit(lp, &r, GLP_UP, 0, F * cap);
			}
		}
	}
	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
	parm.mip_gap = 0.02;
	parm.tm_lim = 300000;   /* a safety net only; the node budget rules */
	parm.cb_func = assemble_node_budget;
	parm.cb_info = &sr;
	glp_rc = glp_intopt(lp, &parm);
	st = glp_mip_status(lp);
	if ((glp_rc == 0 || glp_rc == GLP_ESTOP || glp_rc == GLP_ETMLIM ||
	    glp_rc == GLP_EMIPGAP) && (st == GLP_OPT || st == GLP_FEAS)) {
		for (c = 0; c < m->n_cand; c++)
			chosen[c] = glp_mip_col_val(lp, (int)c + 1) > 0.5;
		rc = 0;
	}
	*nodes += sr.nodes;
	free(r.ind);
	free(r.val);
	free(members);
	free(in_group);
	glp_delete_prob(lp);
	return rc;
}

/* The deal: which form each chosen candidate is on, and the tallies the
 * objective and the rules read. */
struct deal {
	const struct model *m;
	int F;
	int *form;              /* per candidate; -1 when not chosen */
	int *on_point;          /* [spread × F]: items of a point on a form */
	int *own_points;        /* [group × F] */
	double *difficulty;     /* [F]: sum of item difficulties */
	int *cap;               /* [group] */
	double max_range;       /* of difficulty sums, for theory forms */
};

static double
point_term(int n, int cap)
{
	return (n > 0 ? -ASSEMBLE_SPREAD_REWARD : 0) +
	    (n > cap ? ASSEMBLE_SPREAD_PENALTY * (n - cap) : 0);
}

static int
group_of(const struct deal *dl, size_t c)
{
	return dl->m->cells[dl->m->cand[c].cell].group_index;
}

/* Items on form f that are enemies of c, not counting skip. */
static int
enemies_on(const struct deal *dl, size_t c, int f, size_t skip)
{
	const int *e;
	int n = 0;

	for (e = dl->m->cand[c].enemies; *e >= 0; e++)
		if ((size_t)*e != skip && dl->form[*e] == f)
			n++;
	return n;
}

/* The difficulty part: the spread of the forms' means, weighted, and the
 * amount by which it breaks the 0.1 rule. */
static double
difficulty_score(const struct deal *dl, const double *sum)
{
	double lo = DBL_MAX, hi = -DBL_MAX, range;
	int f;

	for (f = 0; f < dl->F; f++) {
		lo = sum[f] < lo ? sum[f] : lo;
		hi = sum[f] > hi ? sum[f] : hi;
	}
	range = hi - lo;
	return ASSEMBLE_DIFFICULTY_WEIGHT * range / dl->m->per_form +
	    (range > dl->max_range ? BROKEN * (range - dl->max_range) : 0);
}

static double
own_score(const struct deal *dl, int k, int points)
{
	int need = dl->m->req->kind == PAPER_THEORY ? dl->m->own_needed[k] : 0;

	return points < need ? BROKEN * (need - points) : 0;
}

/* The change of the score if a (on form fa) and b (on form fb, same cell)
 * change places. */
static double
swap_delta(const struct deal *dl, size_t a, size_t b)
{
	const struct model *m = dl->m;
	int F = dl->F, fa = dl->form[a], fb = dl->form[b];
	int k = group_of(dl, a), cap = dl->cap[k];
	int pa = m->cand[a].spread, pb = m->cand[b].spread;
	double delta = 0, sum[64];
	int f;

	if (pa != pb) {
		int *n = dl->on_point;

		delta -= point_term(n[pa * F + fa], cap) +
		    point_term(n[pa * F + fb], cap) +
		    point_term(n[pb * F + fa], cap) +
		    point_term(n[pb * F + fb], cap);
		delta += point_term(n[pa * F + fa] - 1, cap) +
		    point_term(n[pa * F + fb] + 1, cap) +
		    point_term(n[pb * F + fa] + 1, cap) +
		    point_term(n[pb * F + fb] - 1, cap);
	}
	if (m->cand[a].own != m->cand[b].own) {
		int pts = m->cells[m->cand[a].cell].points;
		int da = (m->cand[b].own - m->cand[a].own) * pts;
		int oa = dl->own_points[k * F + fa], ob = dl->own_points[k * F + fb];

		delta += own_score(dl, k, oa + da) + own_score(dl, k, ob - da) -
		    own_score(dl, k, oa) - own_score(dl, k, ob);
	}
	if (m->cand[a].b != m->cand[b].b) {
		double dd = m->cand[b].b - m->cand[a].b;

		for (f = 0; f < F; f++)
			sum[f] = dl->difficulty[f];
		delta -= difficulty_score(dl, sum);
		sum[fa] += dd;
		sum[fb] -= dd;
		delta += difficulty_score(dl, sum);
	}
	delta += BROKEN * (enemies_on(dl, a, fb, b) + enemies_on(dl, b, fa, a) -
	    enemies_on(dl, a, fa, b) - enemies_on(dl, b, fb, a));
	return delta;
}

static void
place(struct deal *dl, size_t c, int f, int sign)
{
	const struct model *m = dl->m;
	int k = group_of(dl, c);

	dl->on_point[m->cand[c].spread * dl->F + f] += sign;
	if (m->cand[c].own)
		dl->own_points[k * dl->F + f] +=
		    sign * m->cells[m->cand[c].cell].points;
	dl->difficulty[f] += sign * m->cand[c].b;
}

static void
do_swap(struct deal *dl, size_t a, size_t b)
{
	int fa = dl->form[a], fb = dl->form[b];

	place(dl, a, fa, -1);
	place(dl, b, fb, -1);
	dl->form[a] = fb;
	dl->form[b] = fa;
	place(dl, a, fb, 1);
	place(dl, b, fa, 1);
}

/* Every rule of the full model holds for the deal. */
static int
deal_is_valid(const struct deal *dl)
{
	const struct model *m = dl->m;
	size_t c, k;
	int f;

	for (c = 0; c < m->n_cand; c++)
		if (dl->form[c] >= 0 && enemies_on(dl, c, dl->form[c], c) > 0)
			return 0;
	for (k = 0; k < m->n_groups; k++)
		for (f = 0; f < dl->F; f++)
			if (own_score(dl, (int)k, dl->own_points[k * dl->F + f]) > 0)
				return 0;
	return difficulty_score(dl, dl->difficulty) < BROKEN / 2;
}

/* Candidates of cell k that were chosen, in candidate order. */
static size_t
chosen_in_cell(const struct model *m, const char *chosen, size_t k,
    size_t *out)
{
	size_t x, n = 0;

	for (x = m->cell_start[k]; x < m->cell_start[k + 1]; x++)
		if (chosen[m->by_cell[x]])
			out[n++] = m->by_cell[x];
	return n;
}

static const struct model *cmp_model;

/* Deal order within a cell: by knowledge point, so that round robin puts
 * a point's items on different forms; then by candidate order. */
static int
by_point(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int sa = cmp_model->cand[a].spread, sb = cmp_model->cand[b].spread;

	if (sa != sb)
		return sa < sb ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Stage 2: deal round robin, then swap within cells while it helps. */
static int
deal_forms(const struct model *m, const char *chosen, int *form)
{
	struct deal dl;
	size_t k, i, j, n, *cell = xcalloc(m->n_cand + 1, sizeof *cell);
	int F = m->req->forms, pass, improved = 1, ok;

	memset(&dl, 0, sizeof dl);
	dl.m = m;
	dl.F = F;
	dl.form = form;
	dl.on_point = xcalloc((size_t)(m->n_spread + 1) * (size_t)F, sizeof(int));
	dl.own_points = xcalloc(m->n_groups * (size_t)F + 1, sizeof(int));
	dl.difficulty = xcalloc((size_t)F, sizeof(double));
	dl.cap = xcalloc(m->n_groups + 1, sizeof(int));
	dl.max_range = m->req->kind == PAPER_THEORY ?
	    0.1 * m->per_form + 1e-9 : DBL_MAX;
	for (k = 0; k < m->n_groups; k++)
		dl.cap[k] = assemble_spread_cap(m, (int)k);
	for (i = 0; i < m->n_cand; i++)
		form[i] = -1;
	cmp_model = m;
	for (k = 0; k < m->n_cells; k++) {
		n = chosen_in_cell(m, chosen, k, cell);
		qsort(cell, n, sizeof *cell, by_point);
		for (i = 0; i < n; i++) {
			form[cell[i]] = (int)(i % (size_t)F);
			place(&dl, cell[i], form[cell[i]], 1);
		}
	}
	for (pass = 0; pass < MAX_PASSES && improved; pass++) {
		improved = 0;
		for (k = 0; k < m->n_cells; k++) {
			n = chosen_in_cell(m, chosen, k, cell);
			for (i = 0; i < n; i++)
				for (j = i + 1; j < n; j++)
					if (form[cell[i]] != form[cell[j]] &&
					    swap_delta(&dl, cell[i], cell[j]) < -1e-9) {
						do_swap(&dl, cell[i], cell[j]);
						improved = 1;
					}
		}
	}
	ok = deal_is_valid(&dl);
	free(dl.on_point);
	free(dl.own_points);
	free(dl.difficulty);
	free(dl.cap);
	free(cell);
	return ok ? 0 : -1;
}

int
assemble_two_stage(const struct model *m, struct paper_set *set, int *nodes)
{
	int F = m->req->forms, f;
	char *chosen = xcalloc(m->n_cand + 1, 1);
	int *form = xcalloc(m->n_cand + 1, sizeof *form);
	int rc = -1;
	size_t c;

	if (F > 64 || select_items(m, chosen, nodes) < 0 ||
	    deal_forms(m, chosen, form) < 0)
		goto out;
	set->forms = xcalloc((size_t)F, sizeof *set->forms);
	set->n_forms = (size_t)F;
	for (f = 0; f < F; f++)
		set->forms[f].items = xcalloc((size_t)m->per_form + 1,
		    sizeof *set->forms[f].items);
	for (c = 0; c < m->n_cand; c++)
		if (form[c] >= 0) {
			struct form *fm = &set->forms[form[c]];

			fm->items[fm->n].it = m->cand[c].it;
			fm->items[fm->n].points = m->cells[m->cand[c].cell].points;
			fm->n++;
		}
	rc = 0;
out:
	free(chosen);
	free(form);
	return rc;
}
