/*
 * analyse: scored sittings (the folders tiku score writes) in, item and
 * form statistics out: classical item statistics, per-form reliability
 * and decision consistency, a Rasch calibration of all the sittings'
 * choice items on one scale, and flags by fixed rules with the item's
 * file:line. The responses are read once and kept only as each
 * candidate's form and right/wrong bits; everything else is sums.
 */
#ifndef TIKU_ANALYSE_H
#define TIKU_ANALYSE_H

#include <stddef.h>

#include "analyse/rasch.h"
#include "analyse/sitting.h"
#include "core/diag.h"

enum { SLOTS = OPTIONS_MAX + 1 };       /* the options, then "no answer" */

enum item_flag {
	FLAG_HARD = 1,          /* p < 0.20 */
	FLAG_EASY = 2,          /* p > 0.95 */
	FLAG_LOW_DISC = 4,      /* corrected item-total r < 0.15 */
	FLAG_MISFIT = 8,        /* infit or outfit MSQ outside 0.7-1.3 */
	FLAG_WRONG_KEY = 16,    /* the upper group prefers a distractor to the key */
	FLAG_DEAD = 32,         /* a distractor chosen by under 1 % */
	FLAG_ATTRACTIVE = 64,   /* a distractor the upper group picks more than the lower */
	FLAG_KINDS = 7
};

struct an_item {
	const struct sit_item *it;      /* as the first sitting has it */
	size_t n;                       /* candidates who had it */
	double sx, sxx, sxt, st, stt;   /* sums of points x and totals t */
	double *takers, *right;         /* [score]: takers, right answers */
	double *chose;                  /* [slot * (max + 1) + score] */
	/* results */
	double p, r_pb, r_drop, d, omit;
	double share[SLOTS], upper[SLOTS], lower[SLOTS];
	double b, se, infit, outfit;
	double fit_z2, fit_res2, fit_w, fit_n;
	unsigned flags;
	int worst_slot;                 /* the distractor a flag names */
};

struct an_group {
	size_t sitting, form;
	size_t k;
	size_t *items;          /* into analysis.items */
	double *points;         /* per item */
	size_t n;
	double *n_raw;          /* [0..k] */
	double *hist;           /* [0..max score] */
	double *right;          /* [k]: right answers */
	double *right_mid;      /* [k]: right answers at 0 < raw < k */
	double st, stt;
	int full_marks, pass_mark;
	/* results */
	double mean, sd, alpha, sem, pass_rate, consistency, kappa;
	double p_mean, b_mean, drawn;
};

struct analysis {
	struct sitting *sittings;
	char **names;           /* each sitting's folder */
	size_t n_sittings;
	struct an_item *items;
	size_t n_items;
	struct an_group *groups;
	size_t n_groups;
	int max_score;
	size_t candidates;
	struct rasch rasch;
	int rasch_ok;
	unsigned char *bits;    /* per candidate: group (4 bytes), right/wrong bits */
	size_t bits_len, bits_cap;
};

/*
 * Read the scored folders and compute everything. Problems with the input
 * go to d (file:line). Returns 0 or -1; free with analysis_free either way.
 */
int analysis_run(struct analysis *a, char *const *dirs, size_t n,
    struct diag *d);
void analysis_free(struct analysis *a);
/* "hard, low discrimination": a flag set as words. */
void analysis_flag_words(unsigned flags, char *out, size_t size);

#endif
