/*
 * scoreout: the result files of a scored sitting: the rows of scores.csv
 * as they are scored, then, made from scores.csv, the 成绩单 workbook
 * (libxlsxwriter: shared strings, styles, a frozen header, one sheet per
 * candidate list and one per centre summary) and one HTML report per
 * centre.
 */
#ifndef TIKU_SCOREOUT_H
#define TIKU_SCOREOUT_H

#include <stdio.h>

#include "analyse/sitting.h"
#include "core/outdir.h"
#include "core/util.h"

/* A CSV field appended to b, quoted when it must be. */
void scoreout_csv_field(struct buf *b, const char *s);
void scoreout_csv_header(FILE *f, const struct sitting *st);
/* sep, then v as %g would write it, appended to b. */
void scoreout_points(struct buf *b, char sep, double v);
/* One candidate's row appended to b: pts holds the points of each item
 * of the form. (Rows are built in memory and written whole: a stdio
 * call per field was a fifth of scoring a million candidates.) */
void scoreout_csv_row(struct buf *b, const struct sitting *st, const char *cand,
    const char *name, const char *centre, long form, const double *pts);
/* scores.xlsx and report-*.html (as formats asks) from the tree's
 * scores.csv. Returns 0, or -1 with a message printed. */
int scoreout_derived(struct outdir *o, const struct sitting *st,
    unsigned formats);

#endif
