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

/* A CSV field, quoted when it must be. */
void scoreout_csv_field(FILE *f, const char *s);
void scoreout_csv_header(FILE *f, const struct sitting *st);
/* One candidate: pts holds the points of each item of the form. */
void scoreout_csv_row(FILE *f, const struct sitting *st, const char *cand,
    const char *name, const char *centre, long form, const double *pts);
/* scores.xlsx and report-*.html (as formats asks) from the tree's
 * scores.csv. Returns 0, or -1 with a message printed. */
int scoreout_derived(struct outdir *o, const struct sitting *st,
    unsigned formats);

#endif
