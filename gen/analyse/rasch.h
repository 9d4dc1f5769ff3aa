/*
 * rasch: the dichotomous Rasch model (1PL) calibrated by conditional
 * maximum likelihood, as eRm's RM() does (Fischer and Molenaar 1995,
 * ch. 3): the person parameters drop out given the raw score, so only
 * each design group's raw-score counts and each item's number correct are
 * needed. A design group is the set of items a form gave; forms that share
 * items are calibrated on one scale. Difficulties are normalised to sum 0.
 */
#ifndef TIKU_RASCH_H
#define TIKU_RASCH_H

#include <stddef.h>

struct rasch_group {
	size_t k;               /* items on the form */
	const size_t *items;    /* their indexes into the calibration */
	const double *n_score;  /* [0..k]: candidates with raw score r */
};

struct rasch {
	size_t n_items;
	double *b, *se;         /* difficulty (logits), its standard error */
	int iterations;
	int converged;
};

/*
 * Calibrate n items from the groups; correct[i] is item i's number correct
 * among candidates with neither a zero nor a full raw score. An item all
 * or none answered correctly has no finite estimate: its b is NaN. Returns
 * 0, or -1 when the items are not linked into one scale.
 */
int rasch_cml(struct rasch *r, size_t n_items, const struct rasch_group *g,
    size_t n_groups, const double *correct);
/* The maximum-likelihood ability for raw score 0 < raw < k on a form. */
double rasch_theta(const struct rasch *r, const size_t *items, size_t k,
    int raw);
void rasch_free(struct rasch *r);

#endif
