/*
 * answersheet: a theory form's answer sheet (答题卡) drawn from the
 * geometry of plan/sheet.c: what is printed is exactly what the manifest
 * tells a scanner.
 */
#include "write/pdf.h"
#include "plan/paper.h"
#include "plan/sheet.h"

#include <stdio.h>
#include <stdlib.h>

#define MM TYPESET_MM

static const struct typeset_style label_style = { TYPESET_SANS, 6.5, 0,
	TYPESET_CENTER, 0, 0, 0 };
static const struct typeset_style text_style = { TYPESET_SERIF, 10, 0,
	TYPESET_LEFT, 0, 0, 0 };

static void
square(struct typeset *t, const struct sheet_square *q, int filled)
{
	typeset_box_at(t, q->x * MM, q->y * MM, q->w * MM, q->h * MM, 0.6,
	    filled);
}

/* A bubble with its label inside, as scanners expect. */
static void
bubble(struct typeset *t, const struct sheet *sh, const struct sheet_bubble *b)
{
	typeset_ellipse_at(t, b->x * MM, b->y * MM, sh->bubble_rx * MM,
	    sh->bubble_ry * MM, 0.5);
	typeset_text_at(t, &label_style, (b->x - 3) * MM, (b->y - 1.5) * MM,
	    6 * MM, b->label);
}

static void
candidate_block(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct sheet *sh, size_t fi,
    int generic)
{
	struct typeset_style st = { TYPESET_SANS, 14, 1, TYPESET_CENTER, 0, 0,
		0 };
	static const char *const fields[] = { "姓　名", "考　场", "单　位" };
	static const char *const rules =
	    "填涂说明\n1. 用 2B 铅笔将所选答案对应的圆圈涂满涂黑；修改时用橡皮擦净。\n"
	    "2. 准考证号：在方框内写数字，并在下方涂对应的数字。\n"
	    "3. 判断题 T 表示正确，F 表示错误。\n"
	    "4. 保持卡面清洁，不要折叠，不要在定位标记和代码区书写。";
	struct buf b = {0};
	size_t i;
	int d;

	buf_printf(&b, "%s（%s）%s答题卡", s->name, standard_level(s,
	    set->req.level)->name, paper_kind_label(set->req.kind));
	typeset_text_at(t, &st, 15 * MM, 15 * MM, 180 * MM, b.data);
	for (i = 0; i < 3; i++) {
		typeset_text_at(t, &text_style, (15 + 62.0 * i) * MM, 29 * MM,
		    14 * MM, fields[i]);
		typeset_box_at(t, (29 + 62.0 * i) * MM, 27 * MM, 44 * MM, 8 * MM,
		    0.6, 0);
	}
	typeset_text_at(t, &text_style, 15 * MM, 41 * MM, 40 * MM, "准考证号");
	for (i = 0; i < SHEET_DIGITS; i++) {
		square(t, &sh->digit_boxes[i], 0);
		for (d = 0; d < 10; d++)
			bubble(t, sh, &sh->digits[i][d]);
	}
	typeset_text_at(t, &text_style, 100 * MM, 44 * MM, 95 * MM, rules);
	typeset_text_at(t, &text_style, 100 * MM, 96 * MM, 24 * MM, "试卷代码");
	buf_clear(&b);
	if (generic) {
		for (i = 0; i < SHEET_FORM_CHOICES; i++)
			bubble(t, sh, &sh->form_choices[i]);
	} else {
		st.size = 16;
		st.align = TYPESET_LEFT;
		buf_printf(&b, "%s 卷", set->forms[fi].code);
		typeset_text_at(t, &st, 125 * MM, 94.5 * MM, 40 * MM, b.data);
	}
	buf_free(&b);
}

struct typeset *
pdf_answer_sheet(const struct standard *s, const struct paper_set *set,
    size_t fi, int generic)
{
	struct typeset_chrome none = { NULL, 0, 0 };
	const struct form *fm = &set->forms[fi];
	char *title = pdf_header(s, set, fm, "答题卡");
	struct typeset *t = typeset_new(&none, title, s->modified);
	unsigned code = generic ? 0 : sheet_code(fi);
	struct sheet sh;
	size_t i;
	int page, k;

	sheet_layout(&sh, fm);
	for (page = 0; page < sh.pages; page++) {
		typeset_new_page(t);
		for (k = 0; k < 4; k++)
			square(t, &sh.registration[k], 1);
		/* the code mark: a filled square per set bit */
		for (k = 0; k < SHEET_CODE_BITS; k++)
			square(t, &sh.code_bits[k], (code >> k) & 1);
		if (page == 0)
			candidate_block(t, s, set, &sh, fi, generic);
		for (i = 0; i < sh.n_rows; i++) {
			const struct sheet_row *r = &sh.rows[i];
			struct typeset_style num = text_style;
			char no[16];

			if (r->page != page)
				continue;
			num.size = 8;
			num.align = TYPESET_RIGHT;
			snprintf(no, sizeof no, "%d", r->number);
			typeset_text_at(t, &num, r->label_x * MM, (r->bubbles[0].y -
			    1.9) * MM, 6.5 * MM, no);
			for (k = 0; k < r->n; k++)
				bubble(t, &sh, &r->bubbles[k]);
		}
	}
	sheet_release(&sh);
	free(title);
	return t;
}
