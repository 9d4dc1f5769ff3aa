/*
 * analyse: one pass over each sitting's responses.tsv gathers the sums;
 * classical statistics come from them, the Rasch calibration from the
 * raw-score counts, and the fit statistics from a second pass over the
 * candidates' right/wrong bits (a few bytes each) once abilities are known.
 */
#include "analyse/analyse.h"
#include "core/util.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long
find_item(const struct analysis *a, const char *id)
{
	size_t i;

	for (i = 0; i < a->n_items; i++)
		if (strcmp(a->items[i].it->id, id) == 0)
			return (long)i;
	return -1;
}

static int
load_sittings(struct analysis *a, char *const *dirs, size_t n,
    struct diag *d)
{
	size_t s, i, f, cap = 0;
	int rc = 0;

	a->sittings = xcalloc(n + 1, sizeof *a->sittings);
	a->names = xcalloc(n + 1, sizeof *a->names);
	for (s = 0; s < n; s++) {
		struct sitting *st = &a->sittings[s];
		char path[4096];

		snprintf(path, sizeof path, "%s/sitting.json", dirs[s]);
		a->names[s] = xstrdup(dirs[s]);
		a->n_sittings++;
		if (sitting_load(st, path, d) < 0) {
			rc = -1;
			continue;
		}
		for (i = 0; i < st->n_items; i++) {
			if (!sitting_is_choice(&st->items[i])) {
				diag_add(d, path, 0, "a %s sitting: tiku analyse reads "
				    "theory sittings (judge, single and multi items)",
				    st->kind);
				rc = -1;
				break;
			}
			if (find_item(a, st->items[i].id) >= 0)
				continue;
			if (a->n_items == cap) {
				cap = cap ? 2 * cap : 256;
				a->items = xrealloc(a->items, cap * sizeof *a->items);
			}
			memset(&a->items[a->n_items], 0, sizeof *a->items);
			a->items[a->n_items++].it = &st->items[i];
		}
		for (f = 0; f < st->n_forms; f++)
			if (st->forms[f].full_marks > a->max_score)
				a->max_score = st->forms[f].full_marks;
	}
	return rc;
}

static void
make_groups(struct analysis *a)
{
	size_t s, f, k, total = 0, m = (size_t)a->max_score + 1;

	for (s = 0; s < a->n_sittings; s++)
		total += a->sittings[s].n_forms;
	a->groups = xcalloc(total + 1, sizeof *a->groups);
	for (s = 0; s < a->n_sittings; s++)
		for (f = 0; f < a->sittings[s].n_forms; f++) {
			const struct sit_form *fm = &a->sittings[s].forms[f];
			struct an_group *g = &a->groups[a->n_groups++];

			g->sitting = s;
			g->form = f;
			g->k = fm->n;
			g->items = xcalloc(fm->n + 1, sizeof *g->items);
			g->points = xcalloc(fm->n + 1, sizeof *g->points);
			g->right = xcalloc(fm->n + 1, sizeof *g->right);
			g->right_mid = xcalloc(fm->n + 1, sizeof *g->right_mid);
			g->n_raw = xcalloc(fm->n + 2, sizeof *g->n_raw);
			g->hist = xcalloc(m, sizeof *g->hist);
			g->full_marks = fm->full_marks;
			g->pass_mark = a->sittings[s].pass_mark;
			g->drawn = fm->drawn_difficulty;
			for (k = 0; k < fm->n; k++) {
				const struct sit_item *it =
				    &a->sittings[s].items[fm->items[k].item];

				g->items[k] = (size_t)find_item(a, it->id);
				g->points[k] = it->points;
			}
		}
	for (k = 0; k < a->n_items; k++) {
		a->items[k].takers = xcalloc(m, sizeof(double));
		a->items[k].right = xcalloc(m, sizeof(double));
		a->items[k].chose = xcalloc(SLOTS * m, sizeof(double));
	}
}

static unsigned
mask_of(const struct sit_item *it, const char *s, const char *end)
{
	unsigned m = 0;

	for (; s < end; s++)
		if (it->type == ITEM_JUDGE)
			m |= *s == 'T' ? 1u : *s == 'F' ? 2u : 1u << 8;
		else if (*s >= 'A' && *s < 'A' + it->n_options)
			m |= 1u << (*s - 'A');
		else
			m |= 1u << 8;           /* not an option: reported */
	return m;
}

/* One candidate's line into the sums; -1 when malformed. */
static int
add_line(struct analysis *a, size_t s, size_t base, char *line,
    unsigned *mask, const char *path, int ln, struct diag *d)
{
	const struct sitting *st = &a->sittings[s];
	char *form = strchr(line, '\t'), *p;
	const struct sit_form *fm;
	struct an_group *g;
	long f;
	size_t k, m = (size_t)a->max_score + 1;
	int total = 0, raw = 0;
	uint32_t gi;

	if (form == NULL) {
		diag_add(d, path, ln, "no form: a line is number, form, answers, "
		    "separated by tabs");
		return -1;
	}
	*form++ = '\0';
	if ((p = strchr(form, '\t')) != NULL)
		*p++ = '\0';
	if ((f = sitting_form(st, form)) < 0) {
		diag_add(d, path, ln, "candidate %s: form '%s' is not in "
		    "sitting.json", line, form);
		return -1;
	}
	fm = &st->forms[f];
	g = &a->groups[base + (size_t)f];
	for (k = 0; k < fm->n; k++) {
		const struct sit_item *it = &st->items[fm->items[k].item];
		char *end;

		if (p == NULL) {
			diag_add(d, path, ln, "candidate %s: %zu answers for the %zu "
			    "items of form %s", line, k, fm->n, fm->code);
			return -1;
		}
		end = p + strcspn(p, "\t\n");
		mask[k] = mask_of(it, p, end);
		if (mask[k] >> 8) {
			diag_add(d, path, ln, "candidate %s, item %zu: '%.*s' is not "
			    "an answer to a %s item", line, k + 1, (int)(end - p), p,
			    item_type_name(it->type));
			return -1;
		}
		p = *end == '\t' ? end + 1 : NULL;
		if (mask[k] == it->key) {
			total += it->points;
			raw++;
		}
	}
	gi = (uint32_t)(base + (size_t)f);
	if (a->bits_len + 4 + fm->n / 8 + 1 > a->bits_cap) {
		a->bits_cap = 2 * a->bits_cap + 4096;
		a->bits = xrealloc(a->bits, a->bits_cap);
	}
	memcpy(a->bits + a->bits_len, &gi, 4);
	memset(a->bits + a->bits_len + 4, 0, fm->n / 8 + 1);
	for (k = 0; k < fm->n; k++) {
		const struct sit_item *it = &st->items[fm->items[k].item];
		struct an_item *ai = &a->items[g->items[k]];
		int right = mask[k] == it->key, o;
		double x = right ? it->points : 0;

		if (right)
			a->bits[a->bits_len + 4 + k / 8] |= (unsigned char)(1u << (k % 8));
		ai->n++;
		ai->sx += x;
		ai->sxx += x * x;
		ai->sxt += x * total;
		ai->st += total;
		ai->stt += (double)total * total;
		ai->takers[total]++;
		ai->right[total] += right;
		for (o = 0; o < OPTIONS_MAX; o++)
			if (mask[k] & (1u << o))
				ai->chose[(size_t)o * m + (size_t)total]++;
		if (mask[k] == 0)
			ai->chose[(size_t)OPTIONS_MAX * m + (size_t)total]++;
		g->right[k] += right;
		if (raw > 0 && (size_t)raw < fm->n)
			g->right_mid[k] += right;
	}
	a->bits_len += 4 + fm->n / 8 + 1;
	g->n++;
	g->n_raw[raw]++;
	g->hist[total]++;
	g->st += total;
	g->stt += (double)total * total;
	a->candidates++;
	return 0;
}

static int
read_responses(struct analysis *a, size_t s, size_t base, struct diag *d)
{
	char path[4096], *line = NULL;
	size_t cap = 0, max = 0, f;
	unsigned *mask;
	FILE *in;
	int ln = 0, bad = 0;
	ssize_t len;

	snprintf(path, sizeof path, "%s/responses.tsv", a->names[s]);
	if ((in = fopen(path, "r")) == NULL) {
		diag_add(d, path, 0, "cannot read the responses: %s; give a "
		    "folder that tiku score wrote", strerror(errno));
		return -1;
	}
	for (f = 0; f < a->sittings[s].n_forms; f++)
		max = a->sittings[s].forms[f].n > max ? a->sittings[s].forms[f].n :
		    max;
	mask = xcalloc(max + 1, sizeof *mask);
	while ((len = getline(&line, &cap, in)) > 0) {
		ln++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (add_line(a, s, base, line, mask, path, ln, d) < 0 && ++bad > 20)
			break;
	}
	free(line);
	free(mask);
	fclose(in);
	return bad ? -1 : 0;
}

/*
 * The share of each score group in the lower (from the bottom) or upper
 * 27 % of an item's takers; the group at the boundary counts in part, so
 * ties never make the groups uneven (Kelley 1939).
 */
static void
extreme_weights(const double *takers, int max, double n, int upper,
    double *w)
{
	double want = 0.27 * n, got = 0;
	int t;

	for (t = 0; t <= max; t++)
		w[t] = 0;
	for (t = 0; t <= max; t++) {
		int s = upper ? max - t : t;
		double take = takers[s] < want - got ? takers[s] : want - got;

		if (got >= want)
			break;
		if (takers[s] > 0) {
			w[s] = take / takers[s];
			got += take;
		}
	}
}

static double
corr(double n, double sx, double sxx, double sy, double syy, double sxy)
{
	double vx = sxx - sx * sx / n, vy = syy - sy * sy / n;

	return vx > 0 && vy > 0 ? (sxy - sx * sy / n) / sqrt(vx * vy) : NAN;
}

static void
classical(struct analysis *a, struct an_item *ai)
{
	int max = a->max_score, t, o;
	size_t m = (size_t)max + 1;
	double *lo = xcalloc(m, sizeof *lo), *up = xcalloc(m, sizeof *up);
	double n = (double)ai->n, nlo = 0, nup = 0, plo = 0, pup = 0;
	double pts = ai->it->points;

	if (ai->n == 0) {
		ai->p = ai->r_pb = ai->r_drop = ai->d = NAN;
		free(lo);
		free(up);
		return;
	}
	ai->p = ai->sx / pts / n;
	ai->r_pb = corr(n, ai->sx, ai->sxx, ai->st, ai->stt, ai->sxt);
	/* total minus the item itself: t - x */
	ai->r_drop = corr(n, ai->sx, ai->sxx, ai->st - ai->sx,
	    ai->stt - 2 * ai->sxt + ai->sxx, ai->sxt - ai->sxx);
	extreme_weights(ai->takers, max, n, 0, lo);
	extreme_weights(ai->takers, max, n, 1, up);
	for (t = 0; t <= max; t++) {
		nlo += lo[t] * ai->takers[t];
		nup += up[t] * ai->takers[t];
		plo += lo[t] * ai->right[t];
		pup += up[t] * ai->right[t];
	}
	ai->d = nup > 0 && nlo > 0 ? pup / nup - plo / nlo : NAN;
	for (o = 0; o < SLOTS; o++) {
		double all = 0, u = 0, l = 0;

		for (t = 0; t <= max; t++) {
			double c = ai->chose[(size_t)o * m + (size_t)t];

			all += c;
			u += up[t] * c;
			l += lo[t] * c;
		}
		ai->share[o] = all / n;
		ai->upper[o] = nup > 0 ? u / nup : NAN;
		ai->lower[o] = nlo > 0 ? l / nlo : NAN;
	}
	ai->omit = ai->share[OPTIONS_MAX];
	free(lo);
	free(up);
}

/* Subkoviak's (1976) single-administration decision consistency: each
 * score's true proportion by Kelley's regression, a binomial model of
 * the full marks for passing again; kappa against chance agreement. */
static void
consistency(struct an_group *g)
{
	double agree = 0, pass = 0, F = g->full_marks;
	int t, x;

	for (t = 0; t <= g->full_marks; t++) {
		double tau, lp = 0;

		if (g->hist[t] == 0)
			continue;
		tau = g->alpha * t / F + (1 - g->alpha) * g->mean / F;
		tau = tau < 1e-9 ? 1e-9 : tau > 1 - 1e-9 ? 1 - 1e-9 : tau;
		for (x = g->pass_mark; x <= g->full_marks; x++)
			lp += exp(lgamma(F + 1) - lgamma(x + 1) - lgamma(F - x + 1) +
			    x * log(tau) + (F - x) * log(1 - tau));
		lp = lp > 1 ? 1 : lp;
		agree += g->hist[t] * (lp * lp + (1 - lp) * (1 - lp));
		pass += g->hist[t] * lp;
	}
	g->consistency = agree / g->n;
	pass /= g->n;
	g->kappa = (g->consistency - (pass * pass + (1 - pass) * (1 - pass))) /
	    (1 - (pass * pass + (1 - pass) * (1 - pass)));
}

static void
form_stats(struct analysis *a, struct an_group *g)
{
	double n = (double)g->n, var, sumvar = 0, passed = 0, bsum = 0;
	size_t k, nb = 0;
	int t;

	if (g->n < 2) {
		g->mean = g->sd = g->alpha = g->sem = NAN;
		return;
	}
	g->mean = g->st / n;
	var = (g->stt - g->st * g->st / n) / (n - 1);
	g->sd = sqrt(var);
	g->p_mean = 0;
	for (k = 0; k < g->k; k++) {
		double p = g->right[k] / n, x = g->points[k];

		sumvar += x * x * p * (1 - p) * n / (n - 1);
		g->p_mean += p / (double)g->k;
		if (a->rasch_ok && isfinite(a->rasch.b[g->items[k]])) {
			bsum += a->rasch.b[g->items[k]];
			nb++;
		}
	}
	g->b_mean = nb ? bsum / (double)nb : NAN;
	g->alpha = var > 0 ? (double)g->k / (double)(g->k - 1) *
	    (1 - sumvar / var) : NAN;
	g->sem = g->sd * sqrt(1 - g->alpha);
	for (t = g->pass_mark; t <= g->full_marks; t++)
		passed += g->hist[t];
	g->pass_rate = passed / n;
	consistency(g);
}

static void
calibrate(struct analysis *a)
{
	struct rasch_group *rg = xcalloc(a->n_groups + 1, sizeof *rg);
	double *correct = xcalloc(a->n_items + 1, sizeof *correct);
	size_t j, k, used = 0;

	for (j = 0; j < a->n_groups; j++) {
		struct an_group *g = &a->groups[j];

		if (g->n == 0)
			continue;
		rg[used].k = g->k;
		rg[used].items = g->items;
		rg[used].n_score = g->n_raw;
		used++;
		for (k = 0; k < g->k; k++)
			correct[g->items[k]] += g->right_mid[k];
	}
	a->rasch_ok = rasch_cml(&a->rasch, a->n_items, rg, used, correct) == 0;
	free(rg);
	free(correct);
}

/* Infit and outfit mean squares over the candidates with 0 < raw < k
 * (extreme scores have no finite ability), from their right/wrong bits. */
static void
fit(struct analysis *a)
{
	double **theta = xcalloc(a->n_groups + 1, sizeof *theta);
	size_t off = 0, j, k;

	for (j = 0; j < a->n_groups; j++) {
		struct an_group *g = &a->groups[j];
		int r;

		theta[j] = xcalloc(g->k + 1, sizeof **theta);
		for (r = 1; (size_t)r < g->k; r++)
			theta[j][r] = g->n_raw[r] > 0 ?
			    rasch_theta(&a->rasch, g->items, g->k, r) : 0;
	}
	while (off < a->bits_len) {
		uint32_t gi;
		const unsigned char *x;
		struct an_group *g;
		int raw = 0;

		memcpy(&gi, a->bits + off, 4);
		g = &a->groups[gi];
		x = a->bits + off + 4;
		for (k = 0; k < g->k; k++)
			raw += (x[k / 8] >> (k % 8)) & 1;
		off += 4 + g->k / 8 + 1;
		if (raw == 0 || (size_t)raw == g->k)
			continue;
		for (k = 0; k < g->k; k++) {
			struct an_item *ai = &a->items[g->items[k]];
			double p, w, res;

			if (!isfinite(a->rasch.b[g->items[k]]))
				continue;
			p = 1 / (1 + exp(a->rasch.b[g->items[k]] - theta[gi][raw]));
			w = p * (1 - p);
			res = ((x[k / 8] >> (k % 8)) & 1) - p;
			ai->fit_z2 += res * res / w;
			ai->fit_res2 += res * res;
			ai->fit_w += w;
			ai->fit_n++;
		}
	}
	for (k = 0; k < a->n_items; k++) {
		struct an_item *ai = &a->items[k];

		ai->b = a->rasch.b[k];
		ai->se = a->rasch.se[k];
		ai->outfit = ai->fit_n > 0 ? ai->fit_z2 / ai->fit_n : NAN;
		ai->infit = ai->fit_w > 0 ? ai->fit_res2 / ai->fit_w : NAN;
	}
	for (j = 0; j < a->n_groups; j++)
		free(theta[j]);
	free(theta);
}

/* The rules; each flag is documented in the README. */
static void
flag(struct an_item *ai)
{
	int o, best = -1;
	unsigned key = ai->it->key;

	ai->worst_slot = -1;
	if (ai->n == 0)
		return;
	if (ai->p < 0.20)
		ai->flags |= FLAG_HARD;
	if (ai->p > 0.95)
		ai->flags |= FLAG_EASY;
	if (!(ai->r_drop >= 0.15))
		ai->flags |= FLAG_LOW_DISC;
	if (isfinite(ai->infit) && (ai->infit < 0.7 || ai->infit > 1.3 ||
	    ai->outfit < 0.7 || ai->outfit > 1.3))
		ai->flags |= FLAG_MISFIT;
	for (o = 0; o < ai->it->n_options; o++) {
		if (key & (1u << o))
			continue;
		if (best < 0 || ai->upper[o] > ai->upper[best])
			best = o;
		if (ai->share[o] < 0.01) {
			ai->flags |= FLAG_DEAD;
			ai->worst_slot = o;
		}
		if (ai->upper[o] - ai->lower[o] > 0.05) {
			ai->flags |= FLAG_ATTRACTIVE;
			ai->worst_slot = o;
		}
	}
	/* a single key: the upper group prefers a distractor to it */
	if (best >= 0 && ai->it->type != ITEM_MULTI) {
		int k = __builtin_ctz(key);

		if (ai->upper[best] > ai->upper[k] && ai->d < 0) {
			ai->flags |= FLAG_WRONG_KEY;
			ai->worst_slot = best;
		}
	} else if (best >= 0 && ai->d < 0 && ai->upper[best] > 0.5) {
		ai->flags |= FLAG_WRONG_KEY;
		ai->worst_slot = best;
	}
}

void
analysis_flag_words(unsigned flags, char *out, size_t size)
{
	static const char *const words[] = { "hard", "easy", "low discrimination",
	    "misfit", "likely wrong key", "dead distractor",
	    "attractive distractor" };
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < FLAG_KINDS; i++)
		if (flags & (1u << i))
			len += (size_t)snprintf(out + len, len < size ? size - len : 0,
			    "%s%s", len ? ", " : "", words[i]);
}

int
analysis_run(struct analysis *a, char *const *dirs, size_t n,
    struct diag *d)
{
	size_t s, base = 0, k;

	memset(a, 0, sizeof *a);
	if (load_sittings(a, dirs, n, d) < 0)
		return -1;
	make_groups(a);
	for (s = 0; s < a->n_sittings; s++) {
		if (read_responses(a, s, base, d) < 0)
			return -1;
		base += a->sittings[s].n_forms;
	}
	if (a->candidates < 2) {
		diag_add(d, a->names[0], 0, "fewer than 2 candidates: nothing to "
		    "analyse");
		return -1;
	}
	for (k = 0; k < a->n_items; k++)
		classical(a, &a->items[k]);
	calibrate(a);
	fit(a);
	for (k = 0; k < a->n_groups; k++)
		form_stats(a, &a->groups[k]);
	for (k = 0; k < a->n_items; k++)
		flag(&a->items[k]);
	return 0;
}

void
analysis_free(struct analysis *a)
{
	size_t i;

	for (i = 0; i < a->n_items; i++) {
		free(a->items[i].takers);
		free(a->items[i].right);
		free(a->items[i].chose);
	}
	for (i = 0; i < a->n_groups; i++) {
		free(a->groups[i].items);
		free(a->groups[i].points);
		free(a->groups[i].n_raw);
		free(a->groups[i].hist);
		free(a->groups[i].right);
		free(a->groups[i].right_mid);
	}
	for (i = 0; i < a->n_sittings; i++) {
		sitting_free(&a->sittings[i]);
		free(a->names[i]);
	}
	free(a->sittings);
	free(a->names);
	free(a->items);
	free(a->groups);
	free(a->bits);
	rasch_free(&a->rasch);
	memset(a, 0, sizeof *a);
}
