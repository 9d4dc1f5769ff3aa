/*
 * syllabus: the hours plan of a level's training. The level's minimum
 * training hours split into theory and practice (settings), then over the
 * modules (areas of the weight tables) in proportion to the theory and
 * skill weights, in whole hours that add up exactly (largest remainder).
 */
#ifndef TIKU_SYLLABUS_H
#define TIKU_SYLLABUS_H

#include <jansson.h>
#include <stddef.h>

struct standard;

struct module_hours {
	const char *area;
	const char *group;      /* from the theory table; "" if only skill */
	const char *function_id;        /* NULL for basic-requirement areas */
	int theory_weight;      /* WEIGHT_NONE when the area has none */
	int skill_weight;
	int theory_hours;
	int practice_hours;
};

struct plan {
	int level;
	int training_hours, theory_share, theory_hours, practice_hours;
	struct module_hours *modules;   /* owned */
	size_t n_modules;
	unsigned includes;      /* bit L: lower level L's requirements included */
};

/*
 * Split total over n weights in proportion, whole numbers summing to total:
 * floors first, then one more to the largest remainders, ties to the
 * earlier weight. Weights below 0 get 0.
 */
void apportion(const int *weights, size_t n, int total, int *out);
/* Fill p for a level of s; returns -1 if s has no such level. */
int plan_make(const struct standard *s, int level, struct plan *p);
void plan_free(struct plan *p);
/* The plan as JSON: level, hours, modules, includes_levels. */
json_t *plan_json(const struct plan *p);

#endif
