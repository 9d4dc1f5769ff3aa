/*
 * anreport: an analysis written out: analysis.json (every statistic),
 * report.html (tables and inline SVG: score histograms per form, the
 * item map of difficulties against abilities, option curves of the
 * flagged items by score group) and analysis.xlsx (the same tables).
 */
#ifndef TIKU_ANREPORT_H
#define TIKU_ANREPORT_H

#include <jansson.h>

#include "analyse/analyse.h"
#include "core/outdir.h"

json_t *anreport_json(const struct analysis *a);
/* Write the three files into o. Returns 0, or -1 (message printed). */
int anreport_write(const struct analysis *a, struct outdir *o);

/*
 * --save: each sitting's items into content/stats/NAME.json (NAME from the
 * sitting's folder), keyed by id and text hash; b on the joint scale.
 * Each file is written beside and renamed into place. Returns 0, or -1
 * with a message printed.
 */
int anreport_save(const struct analysis *a, const char *content);

#endif
