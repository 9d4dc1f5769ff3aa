/*
 * assemble_model: the assembly model that assemble.c builds and both
 * solvers read: the blueprint's cells and the pool's candidates, with
 * families, knowledge points and enemies as indices. Private to plan/.
 */
#ifndef TIKU_ASSEMBLE_MODEL_H
#define TIKU_ASSEMBLE_MODEL_H

#include <glpk.h>

#include "plan/assemble.h"

/* A cell of the blueprint: so many items of one type from one group. */
struct cell {
	const char *group;              /* an area or a function */
	int group_index;
	enum item_type type;
	int count;                      /* items per form */
	int points;                     /* points each */
};

struct candidate {
	const struct item *it;
	int cell;
	int family;                     /* index into the family table */
	int spread;                     /* knowledge point (or work content) */
	int own;                        /* on the level's own knowledge */
	int *enemies;                   /* candidate indices; -1 ends */
	int *cores;                     /* core points it covers; -1 ends */
	double b;                       /* what forms are made parallel on */
};

struct model {
	const struct paper_request *req;
	struct cell cells[AREAS_MAX * ITEM_TYPES];
	size_t n_cells;
	int own_needed[AREAS_MAX];      /* points per form, by group */
	const char *groups[AREAS_MAX];
	size_t n_groups;
	struct candidate *cand;
	size_t n_cand;
	int n_families, n_spread;
	int per_form;                   /* items on a form */
	int calibrated;                 /* some candidate has a calibrated b */
	double slope, intercept;        /* b the 1-5 label predicts, for the rest */
	size_t *by_cell;                /* candidate indices grouped by cell */
	const char **core;              /* --cover-core: the level's X points */
	size_t n_core;
	size_t cell_start[AREAS_MAX * ITEM_TYPES + 1];
};

/* Objective terms shared by both solvers: the mean-difficulty spread of
 * the forms (per unit of mean) and the per-item random term, < 1. */
#define ASSEMBLE_DIFFICULTY_WEIGHT 1000
#define ASSEMBLE_SPREAD_REWARD 20
#define ASSEMBLE_SPREAD_PENALTY 5

/* The most items of one knowledge point an area should take per form. */
int assemble_spread_cap(const struct model *m, int group);

/* The form column of candidate c in a full model (1-based), and the
 * node-budget callback both GLPK models use. */
struct search {
	int nodes, budget;
};
void assemble_node_budget(glp_tree *tree, void *info);

/*
 * The fast path for parallel forms without overlap: GLPK picks the items
 * of all forms at once (one variable per item, not per item and form),
 * then a deterministic local search deals them into forms that meet every
 * rule. Returns 0 with set->forms filled, or -1 when the deal cannot meet
 * a rule (the caller then solves the full model).
 */
int assemble_two_stage(const struct model *m, struct paper_set *set,
    int *nodes);

#endif
