/*
 * score: responses in, per-candidate results out. Theory sheets are
 * streamed row by row (a million candidates never sit in memory);
 * examiners' sheets are gathered per candidate first, since several
 * examiners' rows make one result. The spreadsheet and the centre
 * reports are made from scores.csv once every row was read cleanly.
 */
#include "analyse/score.h"
#include "analyse/responses.h"
#include "analyse/sitting.h"
#include "analyse/scoreout.h"
#include "core/outdir.h"
#include "core/strmap.h"
#include "core/util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A candidate of an examiners' sheet: the sums over examiners. */
struct marked {
	char *candidate, *centre, *name;
	long form;
	int line, n_examiners;
	double *sum, *lo, *hi;
};

struct run {
	const struct sitting *st;
	const struct score_options *o;
	struct outdir out;
	FILE *scores, *responses;
	struct buf line;        /* the rows of one candidate, written whole */
	struct strmap seen;     /* candidates (and examiners) seen: a line or index */
	struct marked *marked;
	size_t n_marked, cap_marked;
	double *item_points;
};

static int
open_outputs(struct run *r)
{
	char *p;

	if ((p = outdir_path(&r->out, "scores.csv")) == NULL)
		return -1;
	r->scores = fopen(p, "w");
	free(p);
	if ((p = outdir_path(&r->out, "responses.tsv")) == NULL)
		return -1;
	r->responses = fopen(p, "w");
	free(p);
	if (r->scores == NULL || r->responses == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", r->o->out, strerror(errno));
		return -1;
	}
	scoreout_csv_header(r->scores, r->st);
	return 0;
}

/* The result rows of one candidate, its points per item given. */
static void
put_candidate(struct run *r, const char *cand, const char *name,
    const char *centre, long form, const unsigned *mask, const double *pts)
{
	const struct sit_form *f = &r->st->forms[form];
	struct buf *b = &r->line;
	size_t k;

	buf_clear(b);
	scoreout_csv_row(b, r->st, cand, name, centre, form, pts);
	fwrite(b->data, 1, b->len, r->scores);
	buf_clear(b);
	buf_puts(b, cand);
	buf_putc(b, '\t');
	buf_puts(b, f->code);
	for (k = 0; k < f->n; k++) {
		const struct sit_item *it = &r->st->items[f->items[k].item];
		char letters[OPTIONS_MAX + 2];

		if (mask != NULL) {
			size_t n = sitting_letters(it, mask[k], letters + 1);

			letters[0] = '\t';
			buf_add(b, letters, n + 1);
		} else
			scoreout_points(b, '\t', pts[k]);
	}
	buf_putc(b, '\n');
	fwrite(b->data, 1, b->len, r->responses);
}

static void
score_row(struct run *r, const struct response *x)
{
	const struct sit_form *f = &r->st->forms[x->form];
	size_t k;

	for (k = 0; k < f->n; k++) {
		const struct sit_item *it = &r->st->items[f->items[k].item];

		r->item_points[k] = x->mask[k] == it->key ? it->points : 0;
	}
	put_candidate(r, x->candidate, x->name, x->centre, x->form, x->mask,
	    r->item_points);
}

/* One examiner's row into the candidate's sums. */
static void
mark_row(struct run *r, const struct response *x, struct diag *d)
{
	const struct sit_form *f = &r->st->forms[x->form];
	char key[512];
	struct marked *m;
	int added;
	long *seen;
	size_t k;

	snprintf(key, sizeof key, "%s\t%s", x->candidate, x->examiner);
	seen = strmap_put(&r->seen, key, &added);
	if (!added) {
		diag_add(d, r->o->responses, x->line, "candidate %s: examiner %s "
		    "already marked them on line %ld", x->candidate, x->examiner,
		    *seen);
		return;
	}
	*seen = x->line;
	seen = strmap_put(&r->seen, x->candidate, &added);
	if (added) {
		*seen = (long)r->n_marked;
		if (r->n_marked == r->cap_marked) {
			r->cap_marked = r->cap_marked ? 2 * r->cap_marked : 64;
			r->marked = xrealloc(r->marked, r->cap_marked *
			    sizeof *r->marked);
		}
		m = &r->marked[r->n_marked++];
		memset(m, 0, sizeof *m);
		m->candidate = xstrdup(x->candidate);
		m->centre = xstrdup(x->centre);
		m->name = xstrdup(x->name);
		m->form = x->form;
		m->line = x->line;
		m->sum = xcalloc(f->n + 1, sizeof *m->sum);
		m->lo = xcalloc(f->n + 1, sizeof *m->lo);
		m->hi = xcalloc(f->n + 1, sizeof *m->hi);
	}
	m = &r->marked[*seen];
	if (m->form != x->form) {
		diag_add(d, r->o->responses, x->line, "candidate %s: form %s here, "
		    "but form %s on line %d", x->candidate, f->code,
		    r->st->forms[m->form].code, m->line);
		return;
	}
	for (k = 0; k < f->n; k++) {
		double v = x->points[k];

		m->sum[k] += v;
		m->lo[k] = m->n_examiners == 0 || v < m->lo[k] ? v : m->lo[k];
		m->hi[k] = m->n_examiners == 0 || v > m->hi[k] ? v : m->hi[k];
	}
	m->n_examiners++;
}

/* The examiners' means as results; a task whose examiners differ by more
 * than the threshold goes into disagreements.csv. */
static int
put_marked(struct run *r)
{
	FILE *dis;
	char *p = outdir_path(&r->out, "disagreements.csv");
	size_t i, k;

	if (p == NULL || (dis = fopen(p, "w")) == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", p ? p : r->o->out,
		    strerror(errno));
		free(p);
		return -1;
	}
	free(p);
	fputs("candidate,form,task,item,examiners,lowest,highest\n", dis);
	for (i = 0; i < r->n_marked; i++) {
		struct marked *m = &r->marked[i];
		const struct sit_form *f = &r->st->forms[m->form];

		for (k = 0; k < f->n; k++) {
			r->item_points[k] = m->sum[k] / m->n_examiners;
			if (m->hi[k] - m->lo[k] > r->o->threshold) {
				buf_clear(&r->line);
				scoreout_csv_field(&r->line, m->candidate);
				fwrite(r->line.data, 1, r->line.len, dis);
				fprintf(dis, ",%s,%zu,%s,%d,%g,%g\n", f->code, k + 1,
				    r->st->items[f->items[k].item].id, m->n_examiners,
				    m->lo[k], m->hi[k]);
			}
		}
		put_candidate(r, m->candidate, m->name, m->centre, m->form, NULL,
		    r->item_points);
	}
	return fclose(dis) == 0 ? 0 : -1;
}

static void
run_free(struct run *r)
{
	size_t i;

	for (i = 0; i < r->n_marked; i++) {
		free(r->marked[i].candidate);
		free(r->marked[i].centre);
		free(r->marked[i].name);
		free(r->marked[i].sum);
		free(r->marked[i].lo);
		free(r->marked[i].hi);
	}
	free(r->marked);
	free(r->item_points);
	strmap_free(&r->seen);
	buf_free(&r->line);
}

/* Every row of the sheet; the malformed ones into d. */
static void
read_rows(struct run *r, struct response_reader *rd, struct diag *d)
{
	struct response x;
	int rc, added;

	while ((rc = responses_next(rd, &x, d)) != 0) {
		long *seen;

		if (rc < 0)
			continue;
		if (responses_layout(rd) == LAYOUT_EXAMINER) {
			mark_row(r, &x, d);
			continue;
		}
		seen = strmap_put(&r->seen, x.candidate, &added);
		if (!added) {
			diag_add(d, r->o->responses, x.line, "candidate %s is already "
			    "on line %ld; one row per candidate", x.candidate, *seen);
			continue;
		}
		*seen = x.line;
		if (d->n == 0)
			score_row(r, &x);
	}
}

static int
close_outputs(struct run *r)
{
	int rc = 0;

	if (r->scores != NULL && fclose(r->scores) != 0)
		rc = -1;
	if (r->responses != NULL && fclose(r->responses) != 0)
		rc = -1;
	r->scores = r->responses = NULL;
	if (rc < 0)
		fprintf(stderr, "tiku: %s: %s\n", r->o->out, strerror(errno));
	return rc;
}

static int
write_sitting(struct run *r)
{
	json_t *j = sitting_json(r->st);
	char *text = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	int rc = outdir_write(&r->out, "sitting.json", text, strlen(text));

	free(text);
	json_decref(j);
	return rc;
}

int
score_run(const struct bank *b, const struct score_options *o,
    struct diag *d)
{
	struct sitting st;
	struct run r;
	struct response_reader *rd = NULL;
	size_t i, max = 0;
	int rc = -1, opened = 0;

	memset(&r, 0, sizeof r);
	r.o = o;
	r.st = &st;
	if (sitting_from_manifest(&st, o->manifest, b, d) < 0 ||
	    (rd = responses_open(o->responses, &st, o->form, d)) == NULL)
		goto out;
	for (i = 0; i < st.n_forms; i++)
		max = st.forms[i].n > max ? st.forms[i].n : max;
	r.item_points = xcalloc(max + 1, sizeof *r.item_points);
	rc = -2;
	if (outdir_open(&r.out, o->out) < 0)
		goto out;
	opened = 1;
	if (open_outputs(&r) < 0)
		goto out;
	rc = -1;
	read_rows(&r, rd, d);
	if (d->n == 0 && r.seen.n == 0)
		diag_add(d, o->responses, 0, "no candidates: the sheet holds a "
		    "header only");
	if (d->n > 0)
		goto out;
	rc = -2;
	if (responses_layout(rd) == LAYOUT_EXAMINER && put_marked(&r) < 0)
		goto out;
	if (close_outputs(&r) < 0 || write_sitting(&r) < 0 ||
	    scoreout_derived(&r.out, &st, o->formats) < 0)
		goto out;
	rc = outdir_commit(&r.out) < 0 ? -2 : 0;
	opened = 0;
out:
	close_outputs(&r);
	if (opened)
		outdir_abort(&r.out);
	responses_close(rd);
	run_free(&r);
	sitting_free(&st);
	return rc;
}
