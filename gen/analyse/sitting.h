/*
 * sitting: what a scored sitting is made of. A paper manifest read against
 * the bank gives the items (with their keys, file:line and text hash) and
 * the forms (each item with the option order it was printed in); score.c
 * writes the sitting as sitting.json beside the responses, and analyse
 * reads it back from there without the content.
 */
#ifndef TIKU_SITTING_H
#define TIKU_SITTING_H

#include <jansson.h>
#include <stddef.h>

#include "bank/bank.h"
#include "core/diag.h"

/* An item of the sitting: one per id, however many forms hold it. */
struct sit_item {
	char *id;
	enum item_type type;
	int points;
	unsigned key;           /* bank options: bit i = option i; judge: bit 0 true, bit 1 false */
	int n_options;          /* judge: 2 */
	int difficulty;         /* the bank's 1-5 label */
	char *area;
	size_t area_no;         /* index into sitting.areas */
	char *file;             /* where the item is written */
	int line;
	char hash[17];          /* itemstats_hash of its text */
	int n_lines;            /* skill and review: rubric lines */
	int *line_points;       /* their points; -1 for a veto (否决) line */
	const struct item *bank;        /* from a manifest; NULL from sitting.json */
};

struct sit_form_item {
	size_t item;            /* index into sitting.items */
	char order[OPTIONS_MAX + 1];    /* shown option k had bank letter order[k]; "" = bank order */
};

struct sit_form {
	char *code;
	struct sit_form_item *items;
	size_t n;
	double drawn_difficulty;        /* the manifest's difficulty_mean */
	int full_marks;
};

struct sitting {
	int level;
	char *kind;             /* theory, skill, review */
	int pass_mark;
	char **areas;           /* in the order of the manifest's first form */
	size_t n_areas;
	struct sit_item *items;
	size_t n_items;
	struct sit_form *forms;
	size_t n_forms;
	size_t *form_order;     /* form indexes sorted by code, for sitting_form */
};

/*
 * Read a paper manifest against the bank. Problems (not a manifest, an
 * item no longer in the bank) go to d as path:line. Returns 0 or -1; free
 * with sitting_free either way.
 */
int sitting_from_manifest(struct sitting *st, const char *path,
    const struct bank *b, struct diag *d);
/* The sitting as JSON (sitting.json), and back. */
json_t *sitting_json(const struct sitting *st);
int sitting_load(struct sitting *st, const char *path, struct diag *d);
void sitting_free(struct sitting *st);

/* The form with this code, or -1. */
long sitting_form(const struct sitting *st, const char *code);
/* "A, B, C" (the first few codes), for messages; the caller frees it. */
char *sitting_form_list(const struct sitting *st);
/* The bank option a shown letter (0-based) stands for on a form. */
int sitting_bank_option(const struct sit_form_item *fi, int shown);
/* "AC", "T", "F" or "" of a response mask; out holds OPTIONS_MAX + 1.
 * Returns the number of letters. */
size_t sitting_letters(const struct sit_item *it, unsigned mask, char *out);
/* True for the item types scored from responses (judge, single, multi). */
int sitting_is_choice(const struct sit_item *it);

#endif
