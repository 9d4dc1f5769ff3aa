/*
 * responses: a response sheet read row by row as candidates' answers on
 * their forms. The header decides the layout: one column per item
 * ("1", "2" … or "Q1" …), one answer string ("answers"), Moodle's quiz
 * responses report ("Response 1" …, options given by their text), or an
 * examiners' sheet ("examiner", then "TASK.LINE" columns of rubric
 * points). Answers become bank options through the form's option order.
 */
#ifndef TIKU_RESPONSES_H
#define TIKU_RESPONSES_H

#include "analyse/sitting.h"
#include "analyse/table.h"

enum response_layout { LAYOUT_COLUMNS, LAYOUT_STRING, LAYOUT_MOODLE,
    LAYOUT_EXAMINER };

/* One row: borrowed strings and arrays, valid until the next row. */
struct response {
	const char *candidate, *centre, *name, *examiner;
	long form;              /* index into the sitting's forms */
	unsigned *mask;         /* per form item: bank options chosen, 0 = none */
	double *points;         /* examiners' sheets: per form item, its points */
	int line;
};

struct response_reader;

/*
 * Open a sheet and read its header. moodle_form names the form a Moodle
 * report answers (needed when the sitting has several). NULL with what
 * is wrong in d.
 */
struct response_reader *responses_open(const char *path,
    const struct sitting *st, const char *moodle_form, struct diag *d);
enum response_layout responses_layout(const struct response_reader *r);
/* The next row: 1, 0 at the end, or -1 for a malformed row (its problems
 * added to d; call again for the next). */
int responses_next(struct response_reader *r, struct response *out,
    struct diag *d);
void responses_close(struct response_reader *r);

#endif
