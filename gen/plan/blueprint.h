/*
 * blueprint: paper specs (content/papers.md) and, for a theory paper of a
 * level, how many items of each type each area gets: the points per area
 * equal the theory weight table exactly, the counts per type equal the
 * spec exactly, and the split is as close to proportional as the pool
 * allows. Solved as a small integer program with GLPK.
 */
#ifndef TIKU_BLUEPRINT_H
#define TIKU_BLUEPRINT_H

#include <stddef.h>

#include "bank/bank.h"

enum { THEORY_TYPES = 3 };      /* judge, single, multi */

struct paper_spec {
	int count[THEORY_TYPES];        /* items of each theory type */
	int points[THEORY_TYPES];       /* points each */
	int theory_minutes, own_share;
	int tasks_per_function, skill_minutes;
	int questions_per_function, review_minutes;
	/* the scoring rules (评分通则) of the skill and review papers,
	 * indexed as enum paper_kind (the theory entry stays empty): one
	 * string a rule, in mem */
	const char **rules[3];
	size_t n_rules[3];
	struct arena mem;
};

/* Read dir/papers.md and check it against the standard's minimums. */
int spec_load(struct paper_spec *spec, const struct standard *s,
    const char *dir, struct diag *d);
void spec_free(struct paper_spec *spec);

struct blueprint_area {
	const char *area;
	int weight;                     /* points on a paper */
	int is_function;                /* else a basic-requirement area */
	int count[THEORY_TYPES];        /* items per form */
	/* what the level's pool holds (distinct families) */
	int pool[THEORY_TYPES];
	int own_pool_points;            /* usable points on own knowledge */
	int own_needed;                 /* least own points per form */
};

struct blueprint {
	int level, forms;
	size_t n_areas;
	struct blueprint_area areas[AREAS_MAX];
};

/*
 * Compute the blueprint of level for forms disjoint forms. On failure
 * (-1) why holds one line per unmet need, naming the area, the items
 * needed and the items available.
 */
int blueprint_make(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, int level, int forms,
    struct blueprint *bp, struct buf *why);

#endif
