/*
 * sheet: the geometry of a theory paper's answer sheet (答题卡), in mm from
 * the top-left corner of an A4 page: four corner registration marks, the
 * form code as filled squares (and, on the generic sheet of a level, a
 * row of bubbles the candidate fills instead), a candidate-number grid,
 * and one bubble row per item in paper order (T/F, A–D or A–E by type).
 * Pure computation: the drawing (write/answersheet.c) and the manifest
 * (paper.c) read the same numbers, so a scanner needs nothing else.
 */
#ifndef TIKU_SHEET_H
#define TIKU_SHEET_H

#include <jansson.h>

#include "plan/assemble.h"

enum { SHEET_DIGITS = 10, SHEET_CODE_BITS = 5, SHEET_FORM_CHOICES = 6 };

struct sheet_square {
	double x, y, w, h;              /* top-left corner and size */
};

struct sheet_bubble {
	double x, y;                    /* centre */
	char label[4];                  /* "A", "T", "7" */
};

struct sheet_row {
	int number;                     /* the item's number on the paper */
	enum item_type type;
	int page;                       /* 0-based */
	double label_x;                 /* where the number is printed */
	struct sheet_bubble bubbles[OPTIONS_MAX];
	int n;
};

struct sheet {
	double bubble_rx, bubble_ry;    /* half axes of every bubble */
	struct sheet_square registration[4];
	struct sheet_square code_bits[SHEET_CODE_BITS];
	struct sheet_bubble form_choices[SHEET_FORM_CHOICES];
	struct sheet_square digit_boxes[SHEET_DIGITS];
	struct sheet_bubble digits[SHEET_DIGITS][10];
	struct sheet_row *rows;
	size_t n_rows;
	int pages;
};

/* Lay out the sheet of a form: one row per item, in its order. Release
 * with sheet_release. */
void sheet_layout(struct sheet *sh, const struct form *fm);
void sheet_release(struct sheet *sh);

/* The squares of the code mark filled for the form at index i (0-based):
 * bit k set means code_bits[k] is filled. 0 is the generic sheet. */
unsigned sheet_code(size_t i);

/* The geometry as JSON for the manifest (see README); forms are the
 * set's, for their code marks. */
json_t *sheet_json(const struct sheet *sh, const struct paper_set *set);

#endif
