/*
 * itemstats: the statistics of past sittings that content/stats/ keeps per
 * item (written by tiku analyse --save), read back for assembly, the bank
 * page and lint --coverage. An entry counts only while the item's text
 * hash still matches: an edited item drops its old statistics.
 */
#ifndef TIKU_ITEMSTATS_H
#define TIKU_ITEMSTATS_H

#include "bank/bank.h"

struct diag;

/* One item's statistics from the last sitting that holds it. */
struct item_stat {
	const char *sitting;    /* content/stats/NAME.json it came from */
	int n;                  /* candidates */
	double p, r_drop, b, se, infit, outfit;     /* NaN when not estimated */
	const char *flags;      /* "hard, misfit", or "" */
};

/* FNV-1a 64 of what a candidate reads and the key: stem, options, answer,
 * rubric. 16 hex digits and a NUL in out. */
void itemstats_hash(const struct item *it, char out[17]);

/*
 * Read every .json file of dir/stats (in name order, so a later sitting's entry
 * replaces an earlier one) and set it->stat of each item whose id and
 * text hash match; an edited item keeps none. Statistics live in the
 * arena. A malformed file is reported in d. No stats folder: nothing.
 */
void itemstats_load(struct bank *b, struct arena *a, const char *dir,
    struct diag *d);
/* {"sitting", "n", "p", "r_drop", "b", "se", "infit", "outfit", "flags"}:
 * what the bank JSON and page show of an item's statistics. */
json_t *itemstats_json(const struct item_stat *st);
/* Whether every item of items has a calibrated difficulty. */
int itemstats_calibrated(const struct item *const *items, size_t n);

#endif
