/*
 * coverage: does the bank meet its minimums? Per knowledge point (theory
 * items), per work content (skill tasks), per function of a level with a
 * review (review questions), and per level and area (enough items of each
 * type for disjoint forms on the blueprint).
 */
#ifndef TIKU_COVERAGE_H
#define TIKU_COVERAGE_H

#include <stdio.h>

struct bank;
struct paper_spec;
struct standard;

enum {
	MIN_THEORY_PER_KNOWLEDGE = 4,
	MIN_TASKS_PER_WORK_CONTENT = 2,
	MIN_REVIEW_PER_FUNCTION = 1,
	COVERAGE_FORMS = 3,
};

/* Theory items of the bank naming knowledge id. */
int coverage_knowledge_items(const struct bank *b, const char *id);

/* Print the report to f; returns the number of unmet minimums. */
int coverage_report(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, FILE *f);

#endif
