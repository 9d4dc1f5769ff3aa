/*
 * responses: header recognition, then each row's cells checked and made
 * into bank options (or rubric points). Every problem of a row is
 * reported with the sheet's line; the row is then skipped.
 */
#include "analyse/responses.h"
#include "core/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_COLUMNS = 4096 };

struct response_reader {
	struct table *t;
	const struct sitting *st;
	enum response_layout layout;
	int candidate, centre, name, form, answers, examiner;
	long fixed_form;                /* Moodle: the form it answers */
	int *item_col;                  /* item number (0-based) -> column, or -1 */
	int n_item_cols;
	int *line_task, *line_no;       /* examiners: column -> task, line (1-based) */
	size_t n_header;
	unsigned *mask;
	double *points;
	char **norm;                    /* Moodle: normalised option texts, per item */
};

static int
is_name(const char *h, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp(h, *names) == 0)
			return 1;
	return 0;
}

static const char *const candidate_names[] = { "candidate", "candidate number",
    "准考证号", "考号", "考生号", NULL };
static const char *const centre_names[] = { "centre", "center", "考点", NULL };
static const char *const name_names[] = { "name", "姓名", NULL };
static const char *const form_names[] = { "form", "paper", "卷别", "试卷", NULL };
static const char *const answers_names[] = { "answers", "答案", NULL };
static const char *const examiner_names[] = { "examiner", "考评员", NULL };

/* "12", "Q12", "第12题" -> 12; 0 when h is not an item column. */
static int
item_number(const char *h, const char *prefix)
{
	char *end;
	long n;

	if (prefix != NULL) {
		size_t k = strlen(prefix);

		if (strncasecmp(h, prefix, k) != 0)
			return 0;
		h += k;
	} else if (*h == 'Q' || *h == 'q')
		h++;
	else if (strncmp(h, "第", 3) == 0)
		h += 3;
	if (!isdigit((unsigned char)*h))
		return 0;
	n = strtol(h, &end, 10);
	if (*end != '\0' && strcmp(end, "题") != 0)
		return 0;
	return n > 0 && n <= MAX_COLUMNS ? (int)n : 0;
}

/* "2.3" -> task 2, line 3; 0 when h is not a rubric column. */
static int
rubric_column(const char *h, int *task, int *line)
{
	char *end;

	if (!isdigit((unsigned char)*h))
		return 0;
	*task = (int)strtol(h, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return 0;
	*line = (int)strtol(end + 1, &end, 10);
	return *end == '\0' && *task > 0 && *line > 0 && *task <= MAX_COLUMNS;
}

static void
map_item(struct response_reader *r, int number, int col)
{
	if (number > r->n_item_cols) {
		r->item_col = xrealloc(r->item_col, (size_t)number *
		    sizeof *r->item_col);
		while (r->n_item_cols < number)
			r->item_col[r->n_item_cols++] = -1;
	}
	r->item_col[number - 1] = col;
}

/* Plain text for comparing a Moodle response with an option: tags gone,
 * runs of white space one space. */
static char *
normalise(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	int tag = 0, space = 0;

	for (; *s; s++) {
		if (*s == '<')
			tag = 1;
		else if (*s == '>' && tag)
			tag = 0;
		else if (tag)
			continue;
		else if (isspace((unsigned char)*s))
			space = o > out;
		else {
			if (space)
				*o++ = ' ';
			space = 0;
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

static int
moodle_header(struct response_reader *r, const struct table_row *h,
    const char *form, struct diag *d)
{
	const char *path = table_path(r->t);
	size_t c;
	int idnumber = -1, username = -1, email = -1, n;

	for (c = 0; c < h->n; c++) {
		if ((n = item_number(h->cells[c], "Response ")) > 0)
			map_item(r, n, (int)c);
		else if (strcasecmp(h->cells[c], "ID number") == 0)
			idnumber = (int)c;
		else if (strcasecmp(h->cells[c], "Username") == 0)
			username = (int)c;
		else if (strcasecmp(h->cells[c], "Email address") == 0)
			email = (int)c;
		else if (strcasecmp(h->cells[c], "Surname") == 0)
			r->name = (int)c;
	}
	r->candidate = idnumber >= 0 ? idnumber : username >= 0 ? username :
	    email;
	if (r->candidate < 0) {
		diag_add(d, path, h->line, "a Moodle report without 'ID number', "
		    "'Username' or 'Email address'; download it with one of "
		    "them shown");
		return -1;
	}
	if (form == NULL && r->st->n_forms == 1)
		form = r->st->forms[0].code;
	if (form == NULL || (r->fixed_form = sitting_form(r->st, form)) < 0) {
		char *list = sitting_form_list(r->st);

		diag_add(d, path, h->line, "a Moodle report answers one form; say "
		    "which with --form (%s)", list);
		free(list);
		return -1;
	}
	return 0;
}

/* Which column is what; 0, or -1 with the problems in d. */
static int
read_header(struct response_reader *r, const struct table_row *h,
    const char *moodle_form, struct diag *d)
{
	const char *path = table_path(r->t);
	size_t c;
	int bad = 0, n, task, line;

	r->candidate = r->centre = r->name = r->form = r->answers =
	    r->examiner = -1;
	r->n_header = h->n;
	for (c = 0; c < h->n; c++)
		if (item_number(h->cells[c], "Response ") > 0) {
			r->layout = LAYOUT_MOODLE;
			return moodle_header(r, h, moodle_form, d);
		}
	r->line_task = xcalloc(h->n + 1, sizeof *r->line_task);
	r->line_no = xcalloc(h->n + 1, sizeof *r->line_no);
	for (c = 0; c < h->n; c++) {
		const char *cell = h->cells[c];

		if (is_name(cell, candidate_names))
			r->candidate = (int)c;
		else if (is_name(cell, centre_names))
			r->centre = (int)c;
		else if (is_name(cell, name_names))
			r->name = (int)c;
		else if (is_name(cell, form_names))
			r->form = (int)c;
		else if (is_name(cell, answers_names))
			r->answers = (int)c;
		else if (is_name(cell, examiner_names))
			r->examiner = (int)c;
		else if (rubric_column(cell, &task, &line)) {
			r->line_task[c] = task;
			r->line_no[c] = line;
		} else if ((n = item_number(cell, NULL)) > 0)
			map_item(r, n, (int)c);
		else {
			diag_add(d, path, h->line, "column %zu: unknown heading "
			    "'%s'; the headings are candidate, centre, name, form, "
			    "then 1, 2 … (or answers), or examiner and TASK.LINE",
			    c + 1, cell);
			bad = 1;
		}
	}
	if (r->candidate < 0 || r->form < 0) {
		diag_add(d, path, h->line, "the header needs a 'candidate' and a "
		    "'form' column (or 准考证号 and 卷别)");
		bad = 1;
	}
	r->layout = r->examiner >= 0 ? LAYOUT_EXAMINER : r->answers >= 0 ?
	    LAYOUT_STRING : LAYOUT_COLUMNS;
	if (r->layout != LAYOUT_EXAMINER && sitting_is_choice(&r->st->items[0])
	    == 0) {
		diag_add(d, path, h->line, "a %s paper is scored from examiners' "
		    "sheets: add an 'examiner' column and TASK.LINE columns of "
		    "points", r->st->kind);
		bad = 1;
	} else if (r->layout == LAYOUT_EXAMINER &&
	    sitting_is_choice(&r->st->items[0])) {
		diag_add(d, path, h->line, "an examiners' sheet for a %s paper; "
		    "score a theory paper from the candidates' answers",
		    r->st->kind);
		bad = 1;
	} else if (r->layout == LAYOUT_COLUMNS && r->n_item_cols == 0) {
		diag_add(d, path, h->line, "no answer columns: head them 1, 2 … "
		    "(one per item) or give one 'answers' column");
		bad = 1;
	}
	return bad ? -1 : 0;
}

struct response_reader *
responses_open(const char *path, const struct sitting *st,
    const char *moodle_form, struct diag *d)
{
	struct response_reader *r;
	struct table_row h;
	size_t max = 0, i;
	int rc;

	r = xcalloc(1, sizeof *r);
	r->st = st;
	if ((r->t = table_open(path, d)) == NULL) {
		free(r);
		return NULL;
	}
	if ((rc = table_next(r->t, &h, d)) <= 0) {
		if (rc == 0)
			diag_add(d, path, 0, "the sheet is empty: a header row and "
			    "one row per candidate were expected");
		responses_close(r);
		return NULL;
	}
	if (read_header(r, &h, moodle_form, d) < 0) {
		responses_close(r);
		return NULL;
	}
	for (i = 0; i < st->n_forms; i++)
		if (st->forms[i].n > max)
			max = st->forms[i].n;
	r->mask = xcalloc(max + 1, sizeof *r->mask);
	r->points = xcalloc(max + 1, sizeof *r->points);
	if (r->layout == LAYOUT_MOODLE) {
		r->norm = xcalloc(st->n_items * OPTIONS_MAX + 1, sizeof *r->norm);
		for (i = 0; i < st->n_items; i++) {
			int k;

			for (k = 0; st->items[i].bank && k < st->items[i].n_options &&
			    st->items[i].type != ITEM_JUDGE; k++)
				r->norm[i * OPTIONS_MAX + k] =
				    normalise(st->items[i].bank->options[k].text);
		}
	}
	return r;
}

enum response_layout
responses_layout(const struct response_reader *r)
{
	return r->layout;
}

static int
judge_value(const char *s, unsigned *mask)
{
	static const char *const yes[] = { "T", "TRUE", "Y", "√", "✓", "对",
	    "正确", NULL };
	static const char *const no[] = { "F", "FALSE", "N", "×", "✗", "X",
	    "错", "错误", NULL };

	if (s[0] != '\0' && s[1] == '\0') {   /* the common case, T or F */
		switch (toupper((unsigned char)s[0])) {
		case 'T': case 'Y': *mask = 1; return 0;
		case 'F': case 'N': case 'X': *mask = 2; return 0;
		default: return -1;
		}
	}
	if (is_name(s, yes))
		*mask = 1;
	else if (is_name(s, no))
		*mask = 2;
	else
		return -1;
	return 0;
}

/*
 * One answer as written on the form (shown letters) into bank options.
 * Two marks on a single-choice item are the candidate's mistake, scored
 * wrong, not a malformed sheet. Returns 0, or -1 with the reason in why.
 */
static int
parse_answer(const struct sit_item *it, const struct sit_form_item *fi,
    const char *s, unsigned *mask, char *why, size_t size)
{
	*mask = 0;
	if (*s == '\0' || strcmp(s, "-") == 0 || strcmp(s, ".") == 0)
		return 0;
	if (it->type == ITEM_JUDGE) {
		if (judge_value(s, mask) == 0)
			return 0;
		snprintf(why, size, "'%s' is not a true/false answer: write T or "
		    "F (√/×, 对/错), or leave it empty", s);
		return -1;
	}
	for (; *s; s++) {
		int shown = toupper((unsigned char)*s) - 'A';

		if (*s == ' ' || *s == ',')
			continue;
		if (shown < 0 || shown >= it->n_options) {
			snprintf(why, size, "'%.8s' is not an option of this "
			    "%d-option item: write letters A-%c, or leave it empty",
			    s, it->n_options, 'A' + it->n_options - 1);
			return -1;
		}
		*mask |= 1u << sitting_bank_option(fi, shown);
	}
	return 0;
}

/* An answer string: one symbol per item, a multi item's letters in
 * brackets ("(AC)" or "[AC]"), '-' or '.' for no answer. */
static int
split_string(struct response_reader *r, const struct sit_form *f,
    const char *s, int line, const char *cand, struct diag *d)
{
	const char *path = table_path(r->t);
	size_t k = 0;
	int bad = 0;

	while (*s) {
		char token[64], why[200];
		size_t len;
		unsigned cp;

		if (*s == ' ') {
			s++;
			continue;
		}
		if (*s == '(' || *s == '[') {
			const char *close = strpbrk(s, ")]");

			if (close == NULL || close - s - 1 >= (long)sizeof token) {
				diag_add(d, path, line, "candidate %s: answer %zu: '%c' "
				    "is never closed", cand, k + 1, *s);
				return -1;
			}
			len = (size_t)(close - s - 1);
			memcpy(token, s + 1, len);
			s = close + 1;
		} else {
			len = utf8_decode(s, strlen(s), &cp);
			if (len == 0)
				len = 1;
			memcpy(token, s, len);
			s += len;
		}
		token[len] = '\0';
		if (k >= f->n) {
			k++;
			continue;
		}
		if (parse_answer(&r->st->items[f->items[k].item], &f->items[k],
		    token, &r->mask[k], why, sizeof why) < 0) {
			diag_add(d, path, line, "candidate %s, item %zu: %s", cand,
			    k + 1, why);
			bad = 1;
		}
		k++;
	}
	if (k != f->n) {
		diag_add(d, path, line, "candidate %s: %zu answers for the %zu "
		    "items of form %s", cand, k, f->n, f->code);
		return -1;
	}
	return bad ? -1 : 0;
}

static int
read_columns(struct response_reader *r, const struct sit_form *f,
    const struct table_row *row, const char *cand, struct diag *d)
{
	const char *path = table_path(r->t);
	size_t k;
	int c, bad = 0;
	char why[200];

	for (c = (int)f->n; c < r->n_item_cols; c++)
		if (r->item_col[c] >= 0 && (size_t)r->item_col[c] < row->n &&
		    row->cells[r->item_col[c]][0]) {
			diag_add(d, path, row->line, "candidate %s: an answer to "
			    "item %d, but form %s has %zu items", cand, c + 1,
			    f->code, f->n);
			return -1;
		}
	for (k = 0; k < f->n; k++) {
		int col = (int)k < r->n_item_cols ? r->item_col[k] : -1;
		const char *cell = col >= 0 && (size_t)col < row->n ?
		    row->cells[col] : NULL;

		if (col < 0) {
			diag_add(d, path, row->line, "no column for item %zu of "
			    "form %s's %zu items; add a column headed %zu", k + 1,
			    f->code, f->n, k + 1);
			return -1;
		}
		if (parse_answer(&r->st->items[f->items[k].item], &f->items[k],
		    cell ? cell : "", &r->mask[k], why, sizeof why) < 0) {
			diag_add(d, path, row->line, "candidate %s, item %zu: %s",
			    cand, k + 1, why);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* Moodle gives the chosen options' text ("a; b" for several). */
static int
read_moodle(struct response_reader *r, const struct sit_form *f,
    const struct table_row *row, const char *cand, struct diag *d)
{
	size_t k;
	int bad = 0;

	for (k = 0; k < f->n; k++) {
		size_t i = f->items[k].item;
		const struct sit_item *it = &r->st->items[i];
		int col = (int)k < r->n_item_cols ? r->item_col[k] : -1;
		const char *cell = col >= 0 && (size_t)col < row->n ?
		    row->cells[col] : "";
		char *copy, *part, *save = NULL;

		r->mask[k] = 0;
		if (*cell == '\0' || strcmp(cell, "-") == 0)
			continue;
		if (it->type == ITEM_JUDGE) {
			if (judge_value(cell, &r->mask[k]) == 0)
				continue;
			diag_add(d, table_path(r->t), row->line, "candidate %s, "
			    "Response %zu: '%s' is not True or False", cand, k + 1,
			    cell);
			bad = 1;
			continue;
		}
		copy = xstrdup(cell);
		for (part = strtok_r(copy, ";", &save); part;
		    part = strtok_r(NULL, ";", &save)) {
			char *n = normalise(part);
			int o, found = -1;

			for (o = 0; o < it->n_options; o++)
				if (r->norm[i * OPTIONS_MAX + o] &&
				    strcmp(n, r->norm[i * OPTIONS_MAX + o]) == 0)
					found = o;
			if (found < 0) {
				diag_add(d, table_path(r->t), row->line, "candidate %s, "
				    "Response %zu: '%s' is none of item %s's options; "
				    "is this the report of form %s?", cand, k + 1, n,
				    it->id, f->code);
				bad = 1;
			} else
				r->mask[k] |= 1u << found;
			free(n);
		}
		free(copy);
	}
	return bad ? -1 : 0;
}

/* Rubric points: a number within the line's points, or for a veto line
 * empty/0 (not applied) or 1/否决 (applied: the task scores 0). */
static int
read_rubric(struct response_reader *r, const struct sit_form *f,
    const struct table_row *row, const char *cand, struct diag *d)
{
	const char *path = table_path(r->t);
	size_t c, k;
	int bad = 0, *veto = xcalloc(f->n + 1, sizeof *veto);

	for (k = 0; k < f->n; k++)
		r->points[k] = 0;
	for (c = 0; c < row->n && c < r->n_header; c++) {
		int task = r->line_task[c], ln = r->line_no[c], max;
		const struct sit_item *it;
		const char *cell = row->cells[c];
		char *end;
		double v;

		if (task == 0 || *cell == '\0')
			continue;
		if ((size_t)task > f->n ||
		    ln > (it = &r->st->items[f->items[task - 1].item])->n_lines) {
			diag_add(d, path, row->line, "candidate %s: column %d.%d: "
			    "form %s has no such task and rubric line", cand, task,
			    ln, f->code);
			bad = 1;
			continue;
		}
		max = it->line_points[ln - 1];
		v = strtod(cell, &end);
		if (max < 0 && (strcmp(cell, "否决") == 0 || strcasecmp(cell,
		    "veto") == 0 || (*end == '\0' && (v == 0 || v == 1)))) {
			veto[task - 1] |= strcmp(cell, "0") != 0;
			continue;
		}
		if (*end != '\0' || end == cell || v < 0 || v > max) {
			if (max < 0)
				diag_add(d, path, row->line, "candidate %s, %d.%d: a "
				    "veto line takes 1 or 否决 (applied) or 0, not '%s'",
				    cand, task, ln, cell);
			else
				diag_add(d, path, row->line, "candidate %s, %d.%d: "
				    "'%s' is not points 0-%d", cand, task, ln, cell, max);
			bad = 1;
			continue;
		}
		r->points[task - 1] += v;
	}
	for (k = 0; k < f->n; k++)
		if (veto[k])
			r->points[k] = 0;
	free(veto);
	return bad ? -1 : 0;
}

static const char *
cell_at(const struct table_row *row, int col)
{
	return col >= 0 && (size_t)col < row->n ? row->cells[col] : "";
}

int
responses_next(struct response_reader *r, struct response *out,
    struct diag *d)
{
	struct table_row row;
	const struct sit_form *f;
	const char *path = table_path(r->t), *code;
	int rc;

	if ((rc = table_next(r->t, &row, d)) <= 0)
		return rc;
	memset(out, 0, sizeof *out);
	out->line = row.line;
	out->candidate = cell_at(&row, r->candidate);
	out->centre = cell_at(&row, r->centre);
	out->name = cell_at(&row, r->name);
	out->examiner = cell_at(&row, r->examiner);
	out->mask = r->mask;
	out->points = r->points;
	if (r->layout == LAYOUT_MOODLE && strncasecmp(row.cells[0],
	    "Overall average", 15) == 0)
		return responses_next(r, out, d);
	if (r->layout != LAYOUT_MOODLE && row.n > r->n_header) {
		diag_add(d, path, row.line, "%zu cells, but the header has %zu "
		    "columns", row.n, r->n_header);
		return -1;
	}
	if (*out->candidate == '\0') {
		diag_add(d, path, row.line, "no candidate number");
		return -1;
	}
	if (r->layout == LAYOUT_EXAMINER && *out->examiner == '\0') {
		diag_add(d, path, row.line, "candidate %s: no examiner named",
		    out->candidate);
		return -1;
	}
	code = cell_at(&row, r->form);
	out->form = r->layout == LAYOUT_MOODLE ? r->fixed_form :
	    sitting_form(r->st, code);
	if (out->form < 0) {
		char *list = sitting_form_list(r->st);

		diag_add(d, path, row.line, "candidate %s: form '%s' is not in the "
		    "manifest (%s)", out->candidate, code, list);
		free(list);
		return -1;
	}
	f = &r->st->forms[out->form];
	switch (r->layout) {
	case LAYOUT_STRING:
		return split_string(r, f, cell_at(&row, r->answers), row.line,
		    out->candidate, d) < 0 ? -1 : 1;
	case LAYOUT_COLUMNS:
		return read_columns(r, f, &row, out->candidate, d) < 0 ? -1 : 1;
	case LAYOUT_MOODLE:
		return read_moodle(r, f, &row, out->candidate, d) < 0 ? -1 : 1;
	case LAYOUT_EXAMINER:
		return read_rubric(r, f, &row, out->candidate, d) < 0 ? -1 : 1;
	}
	return -1;
}

void
responses_close(struct response_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->norm)
		for (i = 0; i < r->st->n_items * OPTIONS_MAX; i++)
			free(r->norm[i]);
	free(r->norm);
	table_close(r->t);
	free(r->item_col);
	free(r->line_task);
	free(r->line_no);
	free(r->mask);
	free(r->points);
	free(r);
}
