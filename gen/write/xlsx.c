/*
 * xlsx: a bank as an Excel workbook, written by libxlsxwriter (the only
 * user of xlsxwriter.h). Sheet 题库 has every field tiku keeps; sheet
 * 导入模板 is laid out as the bulk-import templates of Chinese exam
 * platforms (题型 names, 多选 answers with a separator, 难度 as words,
 * 知识点 as text). Header rows styled and frozen, strings shared, document
 * properties set, the creation date from the content: same content, same
 * bytes.
 */
#include "write/export.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* 多选 answers in the template sheet: "A,B,C" */
#define ANSWER_SEPARATOR ","
/* several knowledge points in one cell */
#define KNOWLEDGE_SEPARATOR "；"

struct column {
	const char *title;
	double width;
};

static const struct column bank_columns[] = {
	{ "题型", 8 }, { "题干", 60 }, { "选项A", 24 }, { "选项B", 24 },
	{ "选项C", 24 }, { "选项D", 24 }, { "选项E", 24 }, { "答案", 8 },
	{ "解析", 50 }, { "难度", 6 }, { "知识点", 16 }, { "职业功能", 14 },
	{ "分值", 6 }, { "试题编号", 14 }, { "题组", 14 },
};

static const struct column template_columns[] = {
	{ "题型", 8 }, { "题干", 60 }, { "选项A", 24 }, { "选项B", 24 },
	{ "选项C", 24 }, { "选项D", 24 }, { "选项E", 24 }, { "答案", 12 },
	{ "解析", 50 }, { "难度", 6 }, { "知识点", 40 }, { "分值", 6 },
};

/* 1..5 as the platforms name their difficulty levels */
static const char *const difficulty_words[] = {
	"易", "较易", "中等", "较难", "难",
};

struct sheet_formats {
	lxw_format *header, *text, *center;
};

/*
 * A cell of text. Leading and trailing white space is dropped: it means
 * nothing in a cell, and libxlsxwriter would keep it with xml:space, an
 * attribute the ECMA-376 schema does not allow on a string.
 */
static lxw_error
text_cell(lxw_worksheet *ws, int row, int col, const char *text,
    lxw_format *fmt)
{
	size_t len;
	char *copy;
	lxw_error err;

	if (text == NULL)
		text = "";
	while (*text && isspace((unsigned char)*text))
		text++;
	len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	if (len == 0)
		return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, fmt);
	copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	err = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, copy,
	    fmt);
	free(copy);
	return err;
}

static lxw_error
header_row(lxw_worksheet *ws, const struct column *cols, int n,
    const struct sheet_formats *f, int rows)
{
	lxw_error err = LXW_NO_ERROR;
	int c;

	for (c = 0; c < n && err == LXW_NO_ERROR; c++) {
		err = worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c].title,
		    f->header);
		if (err == LXW_NO_ERROR)
			err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
			    cols[c].width, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	if (err == LXW_NO_ERROR)
		err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)rows,
		    (lxw_col_t)(n - 1));
	return err;
}

/* Plain text of a rubric, one "N分：…" line per point. */
static char *
rubric_text(const struct item *it)
{
	struct buf b = {0};
	size_t k;

	for (k = 0; k < it->n_rubric; k++) {
		if (k)
			buf_putc(&b, '\n');
		if (it->rubric[k].veto)
			buf_printf(&b, "否决：%s", it->rubric[k].text);
		else
			buf_printf(&b, "%d分：%s", it->rubric[k].points,
			    it->rubric[k].text);
	}
	return b.data ? b.data : xstrdup("");
}

/* What a candidate reads: the stem, or a task's parts as text. */
static char *
stem_text(const struct item *it)
{
	char *task, *text;

	if (it->type != ITEM_SKILL)
		return xstrdup(it->stem_text);
	task = task_html(it);
	text = html_text(task);
	free(task);
	return text;
}

/* The key letters of a choice item, separated by sep. */
static void
answer_letters(const struct item *it, const char *sep, char *out, size_t size)
{
	size_t n = 0;
	int k;

	out[0] = '\0';
	for (k = 0; k < it->n_options; k++)
		if ((it->answer >> k) & 1)
			n += (size_t)snprintf(out + n, size - n, "%s%c",
			    n && sep ? sep : "", 'A' + k);
}

static const char *
requirement_text(const struct requirement *r, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(r[i].id, id) == 0)
			return r[i].text;
	return NULL;
}

/* The text of a knowledge id ("L2-K1.1.1", "B-2.2.1.3") in the standard;
 * the id itself when it is not found (lint has refused such ids). */
static const char *
knowledge_text(const struct standard *s, const char *id)
{
	const char *t;
	size_t i, j, k;

	for (i = 0; i < s->n_basic; i++)
		for (j = 0; j < s->basic[i].n_sections; j++) {
			const struct basic_section *sec = &s->basic[i].sections[j];

			if (strcmp(sec->id, id) == 0)
				return sec->title;
			if ((t = requirement_text(sec->items, sec->n_items, id)))
				return t;
		}
	for (i = 0; i < s->n_levels; i++)
		for (j = 0; j < s->levels[i].n_functions; j++)
			for (k = 0; k < s->levels[i].functions[j].n_work; k++) {
				const struct work_content *wc =
				    &s->levels[i].functions[j].work[k];

				if ((t = requirement_text(wc->knowledge,
				    wc->n_knowledge, id)))
					return t;
			}
	return id;
}

/* 知识点 of the template sheet: knowledge texts, or for a task or a review
 * question (tied to a work content or a function) its area. */
static char *
knowledge_cell(const struct standard *s, const struct item *it, int as_text)
{
	struct buf b = {0};
	size_t k;

	for (k = 0; k < it->n_knowledge; k++)
		buf_printf(&b, "%s%s", k ? (as_text ? KNOWLEDGE_SEPARATOR : "、") :
		    "", as_text ? knowledge_text(s, it->knowledge[k]) :
		    it->knowledge[k]);
	if (b.len == 0 && as_text && it->area)
		buf_puts(&b, it->area);
	return b.data ? b.data : xstrdup("");
}

/* One row of sheet 题库: every field tiku keeps, ids as ids. */
static lxw_error
bank_row(lxw_worksheet *ws, int row, const struct item *it,
    const struct sheet_formats *f)
{
	char answer[16] = "";
	char *stem = stem_text(it), *explanation, *knowledge;
	lxw_error err;
	int k;

	if (it->type == ITEM_JUDGE)
		snprintf(answer, sizeof answer, "%s", it->answer ? "正确" : "错误");
	else if (item_is_theory(it))
		answer_letters(it, NULL, answer, sizeof answer);
	explanation = item_is_theory(it) ? xstrdup(it->explanation_text) :
	    rubric_text(it);
	knowledge = knowledge_cell(NULL, it, 0);
	err = text_cell(ws, row, 0, item_type_label(it->type), f->center);
	err = err ? err : text_cell(ws, row, 1, stem, f->text);
	for (k = 0; k < OPTIONS_MAX && !err; k++)
		err = text_cell(ws, row, 2 + k, k < it->n_options ?
		    it->options[k].text : NULL, f->text);
	err = err ? err : text_cell(ws, row, 7, answer, f->center);
	err = err ? err : text_cell(ws, row, 8, explanation, f->text);
	err = err ? err : worksheet_write_number(ws, (lxw_row_t)row, 9,
	    it->difficulty, f->center);
	err = err ? err : text_cell(ws, row, 10, knowledge, f->text);
	err = err ? err : text_cell(ws, row, 11, it->area, f->text);
	err = err ? err : worksheet_write_number(ws, (lxw_row_t)row, 12,
	    item_points(it), f->center);
	err = err ? err : text_cell(ws, row, 13, it->id, f->text);
	err = err ? err : text_cell(ws, row, 14, it->family, f->text);
	free(stem);
	free(explanation);
	free(knowledge);
	return err;
}

/* One row of sheet 导入模板, in the platforms' words. */
static lxw_error
template_row(lxw_worksheet *ws, int row, const struct standard *s,
    const struct item *it, const struct sheet_formats *f)
{
	static const char *const types[ITEM_TYPES] = {
		"判断题", "单选题", "多选题", "问答题", "问答题" };
	char answer[4 * OPTIONS_MAX + 1] = "";
	char *stem = stem_text(it), *answer_text, *knowledge;
	const char *explanation = "";
	int k, d = it->difficulty;
	lxw_error err;

	if (it->type == ITEM_JUDGE)
		snprintf(answer, sizeof answer, "%s", it->answer ? "正确" : "错误");
	else if (item_is_theory(it))
		answer_letters(it, ANSWER_SEPARATOR, answer, sizeof answer);
	/* a 问答题's reference answer is its rubric, point by point */
	answer_text = item_is_theory(it) ? xstrdup(answer) : rubric_text(it);
	if (item_is_theory(it))
		explanation = it->explanation_text;
	knowledge = knowledge_cell(s, it, 1);
	err = text_cell(ws, row, 0, types[it->type], f->center);
	err = err ? err : text_cell(ws, row, 1, stem, f->text);
	for (k = 0; k < OPTIONS_MAX && !err; k++)
		err = text_cell(ws, row, 2 + k, k < it->n_options ?
		    it->options[k].text : NULL, f->text);
	err = err ? err : text_cell(ws, row, 7, answer_text,
	    item_is_theory(it) ? f->center : f->text);
	err = err ? err : text_cell(ws, row, 8, explanation, f->text);
	err = err ? err : text_cell(ws, row, 9, difficulty_words[d < 1 ? 0 :
	    d > 5 ? 4 : d - 1], f->center);
	err = err ? err : text_cell(ws, row, 10, knowledge, f->text);
	err = err ? err : worksheet_write_number(ws, (lxw_row_t)row, 11,
	    item_points(it), f->center);
	free(stem);
	free(answer_text);
	free(knowledge);
	return err;
}

static void
make_formats(lxw_workbook *wb, struct sheet_formats *f)
{
	f->header = workbook_add_format(wb);
	format_set_bold(f->header);
	format_set_bg_color(f->header, 0xD9E1F2);
	format_set_pattern(f->header, LXW_PATTERN_SOLID);
	format_set_border(f->header, LXW_BORDER_THIN);
	format_set_align(f->header, LXW_ALIGN_CENTER);
	format_set_align(f->header, LXW_ALIGN_VERTICAL_CENTER);
	f->text = workbook_add_format(wb);
	format_set_text_wrap(f->text);
	format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
	f->center = workbook_add_format(wb);
	format_set_align(f->center, LXW_ALIGN_CENTER);
	format_set_align(f->center, LXW_ALIGN_VERTICAL_TOP);
}

int
export_xlsx(const struct standard *s, const struct item *const *items,
    size_t n, const char *path)
{
	lxw_workbook *wb;
	lxw_worksheet *bank, *tmpl;
	lxw_doc_properties props = {0};
	struct sheet_formats f;
	struct buf title = {0};
	lxw_error err;
	size_t i;

	if ((wb = workbook_new(path)) == NULL) {
		fprintf(stderr, "tiku: %s: cannot create the workbook\n", path);
		return -1;
	}
	buf_printf(&title, "%s题库", s->name);
	props.title = title.data;
	props.subject = "职业技能等级认定题库";
	props.keywords = "题库, 导入模板";
	props.comments = "written by tiku";
	/* the content's date, not the clock: the same content, same bytes */
	props.created = content_time(s->modified);
	err = workbook_set_properties(wb, &props);
	make_formats(wb, &f);
	bank = workbook_add_worksheet(wb, "题库");
	tmpl = workbook_add_worksheet(wb, "导入模板");
	if (err == LXW_NO_ERROR)
		err = header_row(bank, bank_columns, (int)(sizeof bank_columns /
		    sizeof bank_columns[0]), &f, (int)n);
	if (err == LXW_NO_ERROR)
		err = header_row(tmpl, template_columns, (int)(sizeof
		    template_columns / sizeof template_columns[0]), &f, (int)n);
	for (i = 0; i < n && err == LXW_NO_ERROR; i++) {
		err = bank_row(bank, (int)i + 1, items[i], &f);
		if (err == LXW_NO_ERROR)
			err = template_row(tmpl, (int)i + 1, s, items[i], &f);
		if (err != LXW_NO_ERROR)
			fprintf(stderr, "tiku: %s: item %s: %s\n", path, items[i]->id,
			    lxw_strerror(err));
	}
	if (err == LXW_NO_ERROR && (err = workbook_close(wb)) != LXW_NO_ERROR)
		fprintf(stderr, "tiku: %s: %s\n", path, lxw_strerror(err));
	else if (err != LXW_NO_ERROR) {
		/* closing is the only way to free the workbook, and it writes
		 * the file: remove what it wrote */
		workbook_close(wb);
		remove(path);
	}
	buf_free(&title);
	return err == LXW_NO_ERROR ? 0 : -1;
}

/* Digits only: written as a number, so a spreadsheet can add it up. */
static int
is_count(const char *text)
{
	size_t i;

	for (i = 0; text[i]; i++)
		if (!isdigit((unsigned char)text[i]))
			return 0;
	return i > 0 && i < 10;
}

int
export_xlsx_table(const struct standard *s, const struct xlsx_table *t,
    const char *path)
{
	struct column cols[XLSX_TABLE_COLUMNS];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_doc_properties props = {0};
	struct sheet_formats f;
	lxw_error err;
	size_t r;
	int c;

	if (t->ncols > XLSX_TABLE_COLUMNS)
		return -1;
	if ((wb = workbook_new(path)) == NULL) {
		fprintf(stderr, "tiku: %s: cannot create the workbook\n", path);
		return -1;
	}
	props.title = (char *)t->title;       /* libxlsxwriter only reads it */
	props.comments = "written by tiku";
	props.created = content_time(s->modified);
	err = workbook_set_properties(wb, &props);
	make_formats(wb, &f);
	ws = workbook_add_worksheet(wb, t->sheet);
	for (c = 0; c < t->ncols; c++) {
		cols[c].title = t->titles[c];
		cols[c].width = t->widths[c];
	}
	if (err == LXW_NO_ERROR)
		err = header_row(ws, cols, t->ncols, &f, (int)t->nrows);
	for (r = 0; r < t->nrows && err == LXW_NO_ERROR; r++)
		for (c = 0; c < t->ncols && err == LXW_NO_ERROR; c++) {
			const char *cell = t->cells[r * (size_t)t->ncols + (size_t)c];

			err = is_count(cell) ? worksheet_write_number(ws,
			    (lxw_row_t)(r + 1), (lxw_col_t)c, atof(cell), f.center) :
			    text_cell(ws, (int)r + 1, c, cell, f.text);
		}
	if (err == LXW_NO_ERROR && (err = workbook_close(wb)) != LXW_NO_ERROR)
		fprintf(stderr, "tiku: %s: %s\n", path, lxw_strerror(err));
	else if (err != LXW_NO_ERROR) {
		fprintf(stderr, "tiku: %s: %s\n", path, lxw_strerror(err));
		workbook_close(wb);
		remove(path);
	}
	return err == LXW_NO_ERROR ? 0 : -1;
}
