/*
 * sheet: where every mark of an answer sheet goes. The numbers follow
 * the usual optical answer sheets: bubbles 5 × 3.2 mm at a 7 mm pitch,
 * rows 5 mm apart in groups of five, registration squares in the corners.
 */
#include "plan/sheet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_PITCH 5.0
#define GROUP_GAP 2.5
#define BUBBLE_PITCH 7.0
#define COLUMN_PITCH 47.0
#define COLUMNS 4
#define ROWS_PER_COLUMN 15
#define LEFT 15.0

/* The bands of item rows on a page: the first page has the candidate's
 * block above them. */
static const double first_bands[] = { 115.0, 200.0 };
static const double later_bands[] = { 30.0, 115.0, 200.0 };

static void
set_square(struct sheet_square *q, double x, double y, double w, double h)
{
	q->x = x;
	q->y = y;
	q->w = w;
	q->h = h;
}

static void
set_bubble(struct sheet_bubble *b, double x, double y, const char *label)
{
	b->x = x;
	b->y = y;
	snprintf(b->label, sizeof b->label, "%s", label);
}

unsigned
sheet_code(size_t i)
{
	return (unsigned)(i + 1) & ((1u << SHEET_CODE_BITS) - 1);
}

static void
fixed_parts(struct sheet *sh)
{
	static const char *const forms = "ABCDEF";
	int i, d;

	sh->bubble_rx = 2.5;
	sh->bubble_ry = 1.6;
	set_square(&sh->registration[0], 8, 8, 6, 6);
	set_square(&sh->registration[1], 196, 8, 6, 6);
	set_square(&sh->registration[2], 8, 283, 6, 6);
	set_square(&sh->registration[3], 196, 283, 6, 6);
	for (i = 0; i < SHEET_CODE_BITS; i++)
		set_square(&sh->code_bits[i], 60 + 8.0 * i, 9, 4, 4);
	for (i = 0; i < SHEET_FORM_CHOICES; i++) {
		char l[2] = { forms[i], '\0' };

		set_bubble(&sh->form_choices[i], 125 + BUBBLE_PITCH * i, 98, l);
	}
	for (i = 0; i < SHEET_DIGITS; i++) {
		set_square(&sh->digit_boxes[i], LEFT + BUBBLE_PITCH * i, 47, 6, 7);
		for (d = 0; d < 10; d++) {
			char l[2] = { (char)('0' + d), '\0' };

			set_bubble(&sh->digits[i][d], LEFT + BUBBLE_PITCH * i + 3,
			    58 + 5.0 * d, l);
		}
	}
}

void
sheet_layout(struct sheet *sh, const struct form *fm)
{
	static const char *const tf[] = { "T", "F" };
	size_t i, per_page;
	int k;

	memset(sh, 0, sizeof *sh);
	fixed_parts(sh);
	sh->rows = xcalloc(fm->n + 1, sizeof *sh->rows);
	sh->n_rows = fm->n;
	per_page = 2 * COLUMNS * ROWS_PER_COLUMN;
	for (i = 0; i < fm->n; i++) {
		struct sheet_row *r = &sh->rows[i];
		const struct item *it = fm->items[i].it;
		size_t at = i, page = 0, band, col, row;
		double y0, x;

		/* fill the first page's two bands, then three bands a page */
		if (at >= per_page) {
			at -= per_page;
			page = 1 + at / (3 * COLUMNS * ROWS_PER_COLUMN);
			at %= 3 * COLUMNS * ROWS_PER_COLUMN;
		}
		band = at / (COLUMNS * ROWS_PER_COLUMN);
		col = at % (COLUMNS * ROWS_PER_COLUMN) / ROWS_PER_COLUMN;
		row = at % ROWS_PER_COLUMN;
		y0 = page == 0 ? first_bands[band] : later_bands[band];
		x = LEFT + COLUMN_PITCH * (double)col;
		r->number = (int)i + 1;
		r->type = it->type;
		r->page = (int)page;
		r->label_x = x;
		r->n = it->type == ITEM_JUDGE ? 2 : it->type == ITEM_SINGLE ? 4 :
		    OPTIONS_MAX;
		for (k = 0; k < r->n; k++) {
			char l[2] = { (char)('A' + k), '\0' };

			set_bubble(&r->bubbles[k], x + 11 + BUBBLE_PITCH * k,
			    y0 + ROW_PITCH * (double)row + GROUP_GAP *
			    (double)(row / 5), it->type == ITEM_JUDGE ? tf[k] : l);
		}
		sh->pages = (int)page + 1;
	}
	if (sh->pages == 0)
		sh->pages = 1;
}

void
sheet_release(struct sheet *sh)
{
	free(sh->rows);
	sh->rows = NULL;
	sh->n_rows = 0;
}

static json_t *
mm(double v)
{
	return json_real(round(v * 100) / 100);
}

static json_t *
square_json(const struct sheet_square *q)
{
	return json_pack("{s:o,s:o,s:o,s:o}", "x", mm(q->x), "y", mm(q->y),
	    "w", mm(q->w), "h", mm(q->h));
}

static json_t *
bubble_json(const struct sheet_bubble *b)
{
	return json_pack("{s:s,s:o,s:o}", "label", b->label, "x", mm(b->x),
	    "y", mm(b->y));
}

static json_t *
form_code_json(const struct sheet *sh, const struct paper_set *set)
{
	json_t *o = json_object(), *sq = json_array(), *forms = json_object();
	json_t *choices = json_array();
	size_t i;

	for (i = 0; i < SHEET_CODE_BITS; i++)
		json_array_append_new(sq, square_json(&sh->code_bits[i]));
	for (i = 0; i < set->n_forms && set->req.candidates == 0; i++)
		json_object_set_new(forms, set->forms[i].code,
		    json_integer(sheet_code(i)));
	for (i = 0; i < SHEET_FORM_CHOICES; i++)
		json_array_append_new(choices, bubble_json(&sh->form_choices[i]));
	json_object_set_new(o, "squares", sq);
	json_object_set_new(o, "forms", forms);
	json_object_set_new(o, "generic", json_integer(0));
	json_object_set_new(o, "choices", choices);
	return o;
}

json_t *
sheet_json(const struct sheet *sh, const struct paper_set *set)
{
	json_t *o = json_object(), *reg = json_array(), *cand = json_object();
	json_t *boxes = json_array(), *digits = json_array(), *items = json_array();
	size_t i;
	int k;

	json_object_set_new(o, "unit", json_string("mm"));
	json_object_set_new(o, "page", json_pack("{s:i,s:i}", "width", 210,
	    "height", 297));
	json_object_set_new(o, "pages", json_integer(sh->pages));
	json_object_set_new(o, "bubble", json_pack("{s:o,s:o}", "rx",
	    mm(sh->bubble_rx), "ry", mm(sh->bubble_ry)));
	for (i = 0; i < 4; i++)
		json_array_append_new(reg, square_json(&sh->registration[i]));
	json_object_set_new(o, "registration", reg);
	json_object_set_new(o, "form_code", form_code_json(sh, set));
	for (i = 0; i < SHEET_DIGITS; i++) {
		json_t *col = json_array();

		json_array_append_new(boxes, square_json(&sh->digit_boxes[i]));
		for (k = 0; k < 10; k++)
			json_array_append_new(col, bubble_json(&sh->digits[i][k]));
		json_array_append_new(digits, col);
	}
	json_object_set_new(cand, "boxes", boxes);
	json_object_set_new(cand, "digits", digits);
	json_object_set_new(o, "candidate_number", cand);
	for (i = 0; i < sh->n_rows; i++) {
		const struct sheet_row *r = &sh->rows[i];
		json_t *io = json_object(), *bs = json_array();

		json_object_set_new(io, "number", json_integer(r->number));
		json_object_set_new(io, "type", json_string(item_type_name(r->type)));
		json_object_set_new(io, "page", json_integer(r->page));
		for (k = 0; k < r->n; k++)
			json_array_append_new(bs, bubble_json(&r->bubbles[k]));
		json_object_set_new(io, "bubbles", bs);
		json_array_append_new(items, io);
	}
	json_object_set_new(o, "items", items);
	return o;
}
