/*
 * assemble: draws paper forms from the bank. K parallel forms are one
 * integer program (GLPK): binary item-to-form variables; the blueprint,
 * overlap, family, enemy, own-level share and knowledge-spread rules as
 * constraints; the spread of mean difficulty plus a seeded random term as
 * the objective. Per-candidate papers (--candidates) use a stratified
 * sampler instead, with an exposure limit.
 */
#ifndef TIKU_ASSEMBLE_H
#define TIKU_ASSEMBLE_H

#include <stddef.h>

#include "plan/blueprint.h"

enum paper_kind { PAPER_THEORY, PAPER_SKILL, PAPER_REVIEW };

struct form_item {
	const struct item *it;
	int points;
	char order[OPTIONS_MAX + 1];    /* shown options, as letters: "BADC" */
};

struct form {
	char code[32];
	struct form_item *items;        /* grouped by type, numbered in order */
	size_t n;
	double difficulty_mean;
	double b_mean;                  /* calibrated sets: the mean Rasch b */
};

struct paper_request {
	int level;
	enum paper_kind kind;
	int forms;
	unsigned long long seed;
	double max_overlap;             /* share of a form's items; 0 = none */
	int candidates;                 /* > 0: per-candidate papers */
	double exposure;                /* candidates: max share of papers */
	int use_flagged;                /* draw items content/stats/ flagged */
	int cover_core;                 /* every X point on every form */
};

struct paper_set {
	struct paper_request req;
	struct blueprint bp;            /* theory: the per-area type split */
	struct form *forms;
	size_t n_forms;
	int minutes;
	double solve_seconds;
	int nodes;                      /* branch-and-bound nodes used */
	const char *solver;             /* "two-stage", "full model", "sampler" */
	int calibrated;                 /* parallel on calibrated b, not the 1-5 labels */
	double slope, intercept;        /* b = intercept + slope * label, for items uncalibrated */
	const char *const *rules;       /* the kind's 评分通则, owned by the spec */
	size_t n_rules;
};

/*
 * Draw the forms. On failure returns -1 with one line per unmet need in
 * why: the constraint group, the area, the items needed and available.
 */
int paper_assemble(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct paper_request *req,
    struct paper_set *set, struct buf *why);
void paper_set_free(struct paper_set *set);

const char *paper_kind_name(enum paper_kind k);

/* The knowledge points --cover-core puts on every theory form of level:
 * those settings.md marks X among the level's own and the basic
 * requirements'. Returns how many, the ids in *out (free the array). */
size_t paper_core_points(const struct standard *s, int level,
    const char ***out);

#endif
