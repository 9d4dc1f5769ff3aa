/*
 * rasch: CML by Newton steps on the diagonal of the information (each
 * step is exact for one item given the others, so it converges quickly
 * and monotonically in practice), then the full information matrix once
 * for the standard errors. Elementary symmetric functions by the
 * summation algorithm (Fischer and Molenaar 1995, 3.1), which is stable.
 */
#include "analyse/rasch.h"
#include "core/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* gamma[0..k] of eps over the items, skipping up to two of them. */
static void
esf(const double *eps, const size_t *items, size_t k, size_t skip1,
    size_t skip2, double *gamma)
{
	size_t i, r, m = 0;

	gamma[0] = 1;
	for (r = 1; r <= k; r++)
		gamma[r] = 0;
	for (i = 0; i < k; i++) {
		double e;

		if (i == skip1 || i == skip2)
			continue;
		e = eps[items[i]];
		m++;
		for (r = m; r >= 1; r--)
			gamma[r] += e * gamma[r - 1];
	}
}

/* Expected number correct of every item and its variance, given b. */
static void
expected(const struct rasch_group *g, size_t n_groups, const double *eps,
    double *e, double *v, double *gamma, double *gi)
{
	size_t j, i, r;

	for (j = 0; j < n_groups; j++) {
		const struct rasch_group *gr = &g[j];

		esf(eps, gr->items, gr->k, (size_t)-1, (size_t)-1, gamma);
		for (i = 0; i < gr->k; i++) {
			size_t it = gr->items[i];

			esf(eps, gr->items, gr->k, i, (size_t)-1, gi);
			for (r = 1; r < gr->k; r++) {
				double p = eps[it] * gi[r - 1] / gamma[r];

				e[it] += gr->n_score[r] * p;
				v[it] += gr->n_score[r] * p * (1 - p);
			}
		}
	}
}

/* Items whose difficulties a group ties together, checked by a walk. */
static int
linked(size_t n_items, const struct rasch_group *g, size_t n_groups,
    const double *correct)
{
	char *seen = xcalloc(n_items + 1, 1), *gseen = xcalloc(n_groups + 1, 1);
	size_t i, j, reached = 0, total = 0;
	int grew = 1;

	for (i = 0; i < n_items; i++)
		total += isfinite(correct[i]) != 0;
	if (n_groups > 0 && g[0].k > 0)
		seen[g[0].items[0]] = 1;
	while (grew) {
		grew = 0;
		for (j = 0; j < n_groups; j++) {
			int touch = 0;

			if (gseen[j])
				continue;
			for (i = 0; i < g[j].k && !touch; i++)
				touch = seen[g[j].items[i]];
			if (!touch)
				continue;
			gseen[j] = grew = 1;
			for (i = 0; i < g[j].k; i++)
				seen[g[j].items[i]] = 1;
		}
	}
	for (i = 0; i < n_items; i++)
		reached += seen[i];
	free(seen);
	free(gseen);
	return reached >= total;
}

/* Shift the finite difficulties to sum 0 (eRm's default). */
static void
centre(double *b, size_t n)
{
	double sum = 0;
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (isfinite(b[i])) {
			sum += b[i];
			m++;
		}
	for (i = 0; i < n; i++)
		if (isfinite(b[i]))
			b[i] -= sum / (double)m;
}

/* Cholesky solve of A x = y in place (A symmetric positive definite). */
static int
invert(double *a, size_t n, double *inv)
{
	size_t i, j, k;

	for (j = 0; j < n; j++) {
		double d = a[j * n + j];

		for (k = 0; k < j; k++)
			d -= a[j * n + k] * a[j * n + k];
		if (d <= 0)
			return -1;
		a[j * n + j] = sqrt(d);
		for (i = j + 1; i < n; i++) {
			double s = a[i * n + j];

			for (k = 0; k < j; k++)
				s -= a[i * n + k] * a[j * n + k];
			a[i * n + j] = s / a[j * n + j];
		}
	}
	for (k = 0; k < n; k++) {       /* column k of the inverse */
		double *x = inv + k * n;

		for (i = 0; i < n; i++) {
			double s = i == k;

			for (j = 0; j < i; j++)
				s -= a[i * n + j] * x[j];
			x[i] = s / a[i * n + i];
		}
		for (i = n; i-- > 0;) {
			double s = x[i];

			for (j = i + 1; j < n; j++)
				s -= a[j * n + i] * x[j];
			x[i] = s / a[i * n + i];
		}
	}
	return 0;
}

/*
 * Standard errors under the sum-0 normalisation. The information is the
 * conditional covariance of the item scores given the raw score, summed
 * over score groups; its null space is the constant vector u, and the
 * covariance of the normalised estimates is the pseudo-inverse,
 * (I + uu')^-1 - uu'. map[item] is its row, or -1 when not estimated.
 */
static void
standard_errors(struct rasch *r, const struct rasch_group *g,
    size_t n_groups, const double *eps, const size_t *map, size_t m)
{
	double *info = xcalloc(m * m + 1, sizeof *info);
	double *inv = xcalloc(m * m + 1, sizeof *inv);
	double *gamma, *gij, *pi;
	size_t j, i, l, s, kmax = 0;

	for (j = 0; j < n_groups; j++)
		kmax = g[j].k > kmax ? g[j].k : kmax;
	gamma = xcalloc(kmax + 2, sizeof *gamma);
	gij = xcalloc(kmax + 2, sizeof *gij);
	pi = xcalloc((kmax + 1) * (kmax + 1), sizeof *pi);
	for (j = 0; j < n_groups; j++) {
		const struct rasch_group *gr = &g[j];
		size_t k = gr->k;

		esf(eps, gr->items, k, (size_t)-1, (size_t)-1, gamma);
		for (i = 0; i < k; i++) {
			esf(eps, gr->items, k, i, (size_t)-1, gij);
			for (s = 1; s < k; s++)
				pi[i * (kmax + 1) + s] = eps[gr->items[i]] * gij[s - 1] /
				    gamma[s];
		}
		for (i = 0; i < k; i++) {
			size_t a = map[gr->items[i]];

			if (a == (size_t)-1)
				continue;
			for (s = 1; s < k; s++) {
				double p = pi[i * (kmax + 1) + s];

				info[a * m + a] += gr->n_score[s] * p * (1 - p);
			}
			for (l = i + 1; l < k; l++) {
				size_t c = map[gr->items[l]];
				double sum = 0;

				if (c == (size_t)-1)
					continue;
				esf(eps, gr->items, k, i, l, gij);
				for (s = 2; s < k; s++)
					sum += gr->n_score[s] * (eps[gr->items[i]] *
					    eps[gr->items[l]] * gij[s - 2] / gamma[s] -
					    pi[i * (kmax + 1) + s] * pi[l * (kmax + 1) + s]);
				sum -= gr->n_score[1] * pi[i * (kmax + 1) + 1] *
				    pi[l * (kmax + 1) + 1];
				info[a * m + c] += sum;
				info[c * m + a] += sum;
			}
		}
	}
	for (i = 0; i < m * m; i++)
		info[i] += 1.0 / (double)m;
	if (invert(info, m, inv) == 0)
		for (i = 0; i < r->n_items; i++)
			if (map[i] != (size_t)-1)
				r->se[i] = sqrt(inv[map[i] * m + map[i]] - 1.0 /
				    (double)m);
	free(info);
	free(inv);
	free(gamma);
	free(gij);
	free(pi);
}

int
rasch_cml(struct rasch *r, size_t n_items, const struct rasch_group *g,
    size_t n_groups, const double *correct)
{
	double *eps, *e, *v, *gamma, *gi;
	size_t i, j, kmax = 0, *map, m = 0;

	memset(r, 0, sizeof *r);
	r->n_items = n_items;
	r->b = xcalloc(n_items + 1, sizeof *r->b);
	r->se = xcalloc(n_items + 1, sizeof *r->se);
	e = xcalloc(n_items + 1, sizeof *e);
	v = xcalloc(n_items + 1, sizeof *v);
	eps = xcalloc(n_items + 1, sizeof *eps);
	map = xcalloc(n_items + 1, sizeof *map);
	for (j = 0; j < n_groups; j++)
		kmax = g[j].k > kmax ? g[j].k : kmax;
	gamma = xcalloc(kmax + 2, sizeof *gamma);
	gi = xcalloc(kmax + 2, sizeof *gi);
	/* the takers with 0 < raw < k: an item all or none of them answered
	 * has no finite estimate */
	for (j = 0; j < n_groups; j++)
		for (i = 0; i < g[j].k; i++) {
			size_t s;

			for (s = 1; s < g[j].k; s++)
				e[g[j].items[i]] += g[j].n_score[s];
		}
	for (i = 0; i < n_items; i++) {
		r->b[i] = correct[i] > 0 && correct[i] < e[i] ? 0 : NAN;
		r->se[i] = NAN;
	}
	for (r->iterations = 0; r->iterations < 200 && !r->converged;
	    r->iterations++) {
		double worst = 0;

		for (i = 0; i < n_items; i++) {
			eps[i] = isfinite(r->b[i]) ? exp(-r->b[i]) : 0;
			e[i] = v[i] = 0;
		}
		expected(g, n_groups, eps, e, v, gamma, gi);
		for (i = 0; i < n_items; i++) {
			double step;

			if (!isfinite(r->b[i]))
				continue;
			step = (e[i] - correct[i]) / v[i];
			step = step > 1 ? 1 : step < -1 ? -1 : step;
			r->b[i] += step;
			worst = fabs(step) > worst ? fabs(step) : worst;
		}
		centre(r->b, n_items);
		r->converged = worst < 1e-7;
	}
	for (i = 0; i < n_items; i++) {
		eps[i] = isfinite(r->b[i]) ? exp(-r->b[i]) : 0;
		map[i] = isfinite(r->b[i]) ? m++ : (size_t)-1;
	}
	standard_errors(r, g, n_groups, eps, map, m);
	free(e);
	free(v);
	free(eps);
	free(map);
	free(gamma);
	free(gi);
	return linked(n_items, g, n_groups, r->b) ? 0 : -1;
}

double
rasch_theta(const struct rasch *r, const size_t *items, size_t k, int raw)
{
	double theta = log((double)raw / (double)(k - (size_t)raw));
	int it;

	for (it = 0; it < 100; it++) {
		double sum = 0, info = 0, step;
		size_t i;

		for (i = 0; i < k; i++) {
			double b = r->b[items[i]], p;

			if (!isfinite(b))
				continue;
			p = 1 / (1 + exp(b - theta));
			sum += p;
			info += p * (1 - p);
		}
		step = (raw - sum) / info;
		step = step > 2 ? 2 : step < -2 ? -2 : step;
		theta += step;
		if (fabs(step) < 1e-10)
			break;
	}
	return theta;
}

void
rasch_free(struct rasch *r)
{
	free(r->b);
	free(r->se);
	memset(r, 0, sizeof *r);
}
