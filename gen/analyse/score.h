/*
 * score: a sitting's responses against its manifest. Writes, into one
 * output folder replaced only when everything was read cleanly:
 * scores.csv and scores.xlsx (成绩单: per candidate the total, points per
 * area and per type, pass or fail), report-CENTRE.html per centre,
 * sitting.json and responses.tsv (what tiku analyse reads), and for
 * examiners' sheets disagreements.csv.
 */
#ifndef TIKU_SCORE_H
#define TIKU_SCORE_H

#include "bank/bank.h"
#include "core/diag.h"

enum { SCORE_CSV = 1, SCORE_XLSX = 2, SCORE_HTML = 4 };

struct score_options {
	const char *manifest, *responses, *out;
	const char *form;               /* Moodle: the form the report answers */
	double threshold;               /* examiners: points of disagreement listed */
	unsigned formats;               /* SCORE_*: the optional outputs */
};

/*
 * Score. Returns 0; or -1 with every malformed row in d (nothing
 * written); or -2 when a write failed (message printed, the previous
 * output folder intact).
 */
int score_run(const struct bank *b, const struct score_options *o,
    struct diag *d);

#endif
