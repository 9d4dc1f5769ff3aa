/*
 * pdf: paper forms and keys typeset as PDF in the layout of the national
 * vocational skill exams: the candidate's copy with its sealed strip,
 * header, footer and compact first page; the key with the answer grid,
 * explanations and rubrics, and the seed that re-derives the set.
 */
#include "write/pdf.h"
#include "write/export.h"
#include "plan/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const numerals[] = { "一", "二", "三", "四", "五", "六" };
static const char *const part_rules[ITEM_TYPES] = {
	"正确的填“√”，错误的填“×”",
	"选择一个正确的答案，将相应的字母填入题内的括号中",
	"选择两个或两个以上正确的答案，将相应的字母填入题内的括号中；"
	    "错选、少选、多选均不得分",
	"按任务要求在规定时间内完成操作，并提交规定的成果",
	"结合本人工作实际作答，答辩时长以考评人员掌握为准",
};

/* 五号 (10.5 pt) Song for the body, as printed papers use. */
static const struct typeset_style body = { TYPESET_SERIF, 10.5, 0,
	TYPESET_LEFT, 0, 0, 0 };

static struct typeset_style
style(enum typeset_face face, double size, int bold, enum typeset_align al)
{
	struct typeset_style st = body;

	st.face = face;
	st.size = size;
	st.bold = bold;
	st.align = al;
	return st;
}

char *
pdf_header(const struct standard *s, const struct paper_set *set,
    const struct form *fm, const char *what)
{
	struct buf b = {0};

	buf_printf(&b, "%s（%s）%s%s　%s卷", s->name,
	    standard_level(s, set->req.level)->name,
	    paper_kind_label(set->req.kind), what, fm->code);
	return b.data;
}

/* ---- core-made HTML as paragraphs ---- */

static void
end_paragraph(struct buf *b, char ***v, size_t *n)
{
	if (b->len == 0)
		return;
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = xstrdup(b->data);
	buf_clear(b);
}

size_t
pdf_paragraphs(const char *html, char ***out)
{
	struct buf b = {0};
	char **v = NULL;
	size_t n = 0;
	int counter[8] = {0}, depth = 0;

	while (*html) {
		const char *ch;
		size_t len;

		if (*html != '<') {
			if ((ch = html_entity(html, &len)) != NULL) {
				buf_puts(&b, ch);
				html += len;
			} else if (*html == '\n') {
				html++;
			} else
				buf_putc(&b, *html++);
			continue;
		}
		if (strncmp(html, "<ol", 3) == 0 && depth < 7)
			counter[++depth] = 1;
		else if (strncmp(html, "<ul", 3) == 0 && depth < 7)
			counter[++depth] = 0;
		else if ((strncmp(html, "</ol", 4) == 0 ||
		    strncmp(html, "</ul", 4) == 0) && depth > 0)
			depth--;
		else if (strncmp(html, "<li", 3) == 0) {
			end_paragraph(&b, &v, &n);
			if (depth > 0 && counter[depth] > 0)
				buf_printf(&b, "%d. ", counter[depth]++);
			else
				buf_puts(&b, "・");
		} else if (strncmp(html, "</p>", 4) == 0 ||
		    strncmp(html, "</li>", 5) == 0 || strncmp(html, "<br", 3) == 0)
			end_paragraph(&b, &v, &n);
		while (*html && *html != '>')
			html++;
		if (*html)
			html++;
	}
	end_paragraph(&b, &v, &n);
	buf_free(&b);
	*out = v;
	return n;
}

static void
free_paragraphs(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Whether html holds text as a paragraph that is all bold,
 * "<p><strong>text</strong></p>". */
static int
all_strong(const char *html, const char *text)
{
	struct buf b = {0};
	int found;

	buf_printf(&b, "<p><strong>%s</strong></p>", text);
	found = strstr(html, b.data) != NULL;
	buf_free(&b);
	return found;
}

void
pdf_html(struct typeset *t, const struct typeset_style *st, const char *html)
{
	char **v;
	size_t n = pdf_paragraphs(html, &v), i;

	for (i = 0; i < n; i++) {
		struct typeset_style p = *st;

		if (v[i][0] >= '0' && v[i][0] <= '9')
			p.hanging = 1.5 * st->size;
		if (all_strong(html, v[i])) {
			/* a label such as a task's 情境 or 任务: a heading */
			p.face = TYPESET_SANS;
			p.bold = 1;
			p.space_before = 4;
		}
		typeset_text(t, &p, v[i]);
	}
	free_paragraphs(v, n);
}

/* ---- the candidate's copy ---- */

static void
first_page(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form *fm, json_t *secs)
{
	const struct level *lv = standard_level(s, set->req.level);
	struct typeset_style st = style(TYPESET_SANS, 15, 1, TYPESET_CENTER);
	struct buf b = {0};
	const char *cells[TYPESET_CELLS_MAX];
	double widths[TYPESET_CELLS_MAX], w = typeset_width(t);
	char pts[8][16];
	size_t n = json_array_size(secs), i;
	static const char *const notes[] = {
		"1. 考试时间为 %d 分钟，满分 %d 分，%d 分（含）以上为合格。",
		"2. 请首先按要求在试卷的标封处填写您的姓名、准考证号、考场和所在单位的名称。",
		"3. 请仔细阅读各种题目的回答要求，在规定的位置填写您的答案。",
		"4. 不要在试卷上乱写乱画，不要在标封区填写无关的内容。",
	};

	buf_printf(&b, "%s（%s）", s->name, lv->name);
	typeset_text(t, &st, b.data);
	buf_clear(&b);
	st.size = 18;
	st.space_before = 4;
	buf_printf(&b, "%s试卷（%s卷）", paper_kind_label(set->req.kind),
	    fm->code);
	typeset_text(t, &st, b.data);
	buf_clear(&b);
	st = style(TYPESET_SERIF, 10.5, 0, TYPESET_CENTER);
	st.space_before = 6;
	buf_printf(&b, "职业编码 %s　考试时间 %d 分钟　满分 100 分　合格分数 %d 分"
	    "　试卷代码 %s", s->code, set->minutes, s->pass_mark, fm->code);
	typeset_text(t, &st, b.data);
	st = style(TYPESET_SANS, 10.5, 1, TYPESET_LEFT);
	st.space_before = 8;
	typeset_text(t, &st, "注　意　事　项");
	st = body;
	st.hanging = 1.5 * body.size;
	for (i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		buf_clear(&b);
		buf_printf(&b, notes[i], set->minutes, 100, s->pass_mark);
		typeset_text(t, &st, b.data);
	}
	buf_free(&b);
	/* 得分/评分人: one column per part, the total and who totalled */
	typeset_space(t, 8);
	st = style(TYPESET_SERIF, 10.5, 0, TYPESET_CENTER);
	for (i = 0; i < n + 3; i++)
		widths[i] = w / (double)(n + 3);
	cells[0] = "题　号";
	for (i = 0; i < n; i++)
		cells[i + 1] = numerals[i];
	cells[n + 1] = "总　分";
	cells[n + 2] = "总分人";
	typeset_row(t, &st, (int)n + 3, cells, widths, 1);
	cells[0] = "分　值";
	for (i = 0; i < n && i < 8; i++) {
		snprintf(pts[i], sizeof pts[i], "%lld", json_integer_value(
		    json_object_get(json_array_get(secs, i), "points")));
		cells[i + 1] = pts[i];
	}
	cells[n + 1] = "100";
	cells[n + 2] = "";
	typeset_row(t, &st, (int)n + 3, cells, widths, 1);
	cells[0] = "得　分";
	for (i = 1; i < n + 3; i++)
		cells[i] = "";
	typeset_row(t, &st, (int)n + 3, cells, widths, 1);
	typeset_space(t, 10);
}

/* Options "A. …" in 4, 2 or 1 columns: the most that fit the widest. */
static void
put_options(struct typeset *t, json_t *opts)
{
	struct typeset_style st = body;
	size_t n = json_array_size(opts), i;
	char **v = xcalloc(n + 1, sizeof *v);
	double avail, widest = 0, widths[4];
	int cols = 1;

	st.indent = 2 * body.size;
	avail = typeset_width(t) - st.indent;
	for (i = 0; i < n; i++) {
		char *text = html_text(json_string_value(json_array_get(opts, i)));
		struct buf b = {0};
		double w;

		buf_printf(&b, "%c. %s", (int)('A' + i), text);
		free(text);
		v[i] = b.data;
		w = typeset_measure(t, &st, v[i]);
		widest = w > widest ? w : widest;
	}
	if (widest + 2 * body.size <= avail / 4)
		cols = 4;
	else if (widest + 2 * body.size <= avail / 2)
		cols = 2;
	for (i = 0; i < 4; i++)
		widths[i] = avail / cols;
	for (i = 0; i < n; i += (size_t)cols) {
		int k = (int)(n - i) < cols ? (int)(n - i) : cols;

		if (cols == 1) {
			st.hanging = 1.5 * body.size;
			typeset_text(t, &st, v[i]);
		} else
			typeset_row(t, &st, k, (const char *const *)&v[i], widths, 0);
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The small 得分/评分人 box a marker signs before each part. */
static void
score_box(struct typeset *t)
{
	struct typeset_style st = style(TYPESET_SERIF, 9, 0, TYPESET_CENTER);
	const char *row1[] = { "得　分", "" }, *row2[] = { "评分人", "" };
	double widths[] = { 42, 56 };

	typeset_row(t, &st, 2, row1, widths, 1);
	typeset_row(t, &st, 2, row2, widths, 1);
}

static void
part_heading(struct typeset *t, json_t *sec, size_t i, int candidate)
{
	struct typeset_style st = style(TYPESET_SANS, 10.5, 1, TYPESET_LEFT);
	json_t *items = json_object_get(sec, "items");
	const char *type = json_string_value(json_object_get(sec, "type"));
	size_t n = json_array_size(items);
	long long first = json_integer_value(json_object_get(
	    json_array_get(items, 0), "number"));
	long long each = json_integer_value(json_object_get(
	    json_array_get(items, 0), "points"));
	long long total = json_integer_value(json_object_get(sec, "points"));
	int k;
	struct buf b = {0};

	for (k = 0; k < ITEM_TYPES; k++)
		if (strcmp(item_type_name((enum item_type)k), type) == 0)
			break;
	if (candidate)
		score_box(t);
	st.space_before = 4;
	buf_printf(&b, "%s、%s", numerals[i], paper_section_title(
	    (enum item_type)k));
	if (!candidate)
		buf_printf(&b, "（共 %lld 分）", total);
	else if (k < ITEM_SKILL)
		buf_printf(&b, "（第 %lld 题～第 %lld 题。%s。每题 %lld 分，满分 "
		    "%lld 分。）", first, first + (long long)n - 1, part_rules[k],
		    each, total);
	else
		buf_printf(&b, "（共 %zu 题。%s。满分 %lld 分。）", n, part_rules[k],
		    total);
	typeset_text(t, &st, b.data);
	buf_free(&b);
	typeset_space(t, 4);
}

static void
put_item(struct typeset *t, const struct form_item *fi, json_t *q)
{
	const struct item *it = fi->it;
	long long no = json_integer_value(json_object_get(q, "number"));
	struct typeset_style st = body;
	struct buf b = {0};

	st.hanging = 1.5 * body.size;
	st.space_before = 3;
	if (it->type == ITEM_SKILL || it->type == ITEM_REVIEW) {
		char *html = it->type == ITEM_SKILL ? task_html(it) :
		    xstrdup(it->stem_html);
		struct typeset_style h = style(TYPESET_SANS, 10.5, 1,
		    TYPESET_LEFT);

		h.space_before = 6;
		buf_printf(&b, "%s %lld（%d 分）", it->type == ITEM_SKILL ?
		    "试题" : "答辩题", no, fi->points);
		typeset_text(t, &h, b.data);
		pdf_html(t, &body, html);
		free(html);
	} else {
		char *stem = html_text(it->stem_html);

		buf_printf(&b, "%lld. %s%s", no, stem, it->type == ITEM_JUDGE ?
		    "（　　）" : "");
		free(stem);
		typeset_text(t, &st, b.data);
		if (it->type != ITEM_JUDGE)
			put_options(t, json_object_get(q, "options_html"));
	}
	buf_free(&b);
}

static void
candidate_copy(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form *fm, json_t *data)
{
	json_t *secs = json_object_get(data, "sections"), *sec, *q;
	struct typeset_style st = style(TYPESET_SANS, 12, 1, TYPESET_CENTER);
	size_t i, j, k = 0;

	first_page(t, s, set, fm, secs);
	st.space_before = 12;
	json_array_foreach(secs, i, sec) {
		json_array_foreach(json_object_get(sec, "items"), j, q) {
			/* a part's heading stays with its first item, and the
			 * end mark with the last: it never stands on a page alone */
			typeset_keep_begin(t);
			if (j == 0)
				part_heading(t, sec, i, 1);
			put_item(t, &fm->items[k++], q);
			if (k == fm->n)
				typeset_text(t, &st, "—— 试卷结束 ——");
			typeset_keep_end(t);
		}
		if (k < fm->n)
			typeset_space(t, 8);
	}
}

/* ---- the key ---- */

static void
answer_grid(struct typeset *t, json_t *items)
{
	struct typeset_style st = style(TYPESET_SERIF, 10.5, 0, TYPESET_CENTER);
	const char *nums[11], *ans[11];
	char nbuf[10][12];
	double widths[11];
	size_t n = json_array_size(items), i, c;

	widths[0] = 2.5 * body.size + 6;
	for (c = 1; c < 11; c++)
		widths[c] = (typeset_width(t) - widths[0]) / 10;
	for (i = 0; i < n; i += 10) {
		nums[0] = "题号";
		ans[0] = "答案";
		for (c = 0; c < 10; c++) {
			json_t *q = json_array_get(items, i + c);
			const char *a;

			if (q == NULL) {
				nums[c + 1] = ans[c + 1] = "";
				continue;
			}
			snprintf(nbuf[c], sizeof nbuf[c], "%lld", json_integer_value(
			    json_object_get(q, "number")));
			nums[c + 1] = nbuf[c];
			a = json_string_value(json_object_get(q, "answer"));
			if (a == NULL)
				a = json_is_true(json_object_get(q, "answer")) ? "√" :
				    "×";
			ans[c + 1] = a;
		}
		typeset_keep_begin(t);
		typeset_row(t, &st, 11, nums, widths, 1);
		typeset_row(t, &st, 11, ans, widths, 1);
		typeset_keep_end(t);
	}
}

static void
rubric_table(struct typeset *t, const struct item *it)
{
	struct typeset_style st = body;
	double w = typeset_width(t), widths[] = { w - 60, 60 };
	const char *cells[2];
	char pts[16];
	size_t r;

	st.size = 10;
	cells[0] = it->type == ITEM_SKILL ? "评分要点" : "评审要点";
	cells[1] = "分值";
	typeset_row(t, &st, 2, cells, widths, 1);
	for (r = 0; r < it->n_rubric; r++) {
		const struct score_point *sp = &it->rubric[r];

		snprintf(pts, sizeof pts, "%d", sp->points);
		cells[0] = sp->text;
		cells[1] = sp->veto ? "否决" : pts;
		typeset_row(t, &st, 2, cells, widths, 1);
	}
	snprintf(pts, sizeof pts, "%d", it->points);
	cells[0] = "合计";
	cells[1] = pts;
	typeset_row(t, &st, 2, cells, widths, 1);
}

/* A skill or review key opens with the paper's 评分通则. */
static void
key_rules(struct typeset *t, const struct paper_set *set)
{
	struct typeset_style h = style(TYPESET_SANS, 10.5, 1, TYPESET_LEFT);
	struct typeset_style r = body;
	struct buf b = {0};
	size_t i;

	if (set->n_rules == 0)
		return;
	typeset_text(t, &h, "评分通则");
	r.space_before = 2;
	typeset_text(t, &r, set->req.kind == PAPER_SKILL ?
	    "各题按本通则和该题的评分标准评分；评分标准另有规定的，按评分标准。" :
	    "各题按本通则和该题的评审要点、评分档次评分；评审要点另有规定的，"
	    "按评审要点。");
	r.hanging = 16;
	for (i = 0; i < set->n_rules; i++) {
		buf_clear(&b);
		buf_printf(&b, "%zu. %s", i + 1, set->rules[i]);
		typeset_text(t, &r, b.data);
	}
	buf_free(&b);
	typeset_space(t, 8);
}

static void
key_copy(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form *fm, json_t *data)
{
	json_t *secs = json_object_get(data, "sections"), *sec, *q;
	struct typeset_style st = style(TYPESET_SANS, 15, 1, TYPESET_CENTER);
	struct typeset_style ex = body;
	struct buf b = {0};
	size_t i, j, k = 0;

	buf_printf(&b, "%s（%s）", s->name, standard_level(s,
	    set->req.level)->name);
	typeset_text(t, &st, b.data);
	buf_clear(&b);
	st.size = 18;
	st.space_before = 4;
	buf_printf(&b, "%s答案与评分标准（%s卷）", paper_kind_label(
	    set->req.kind), fm->code);
	typeset_text(t, &st, b.data);
	buf_clear(&b);
	st = style(TYPESET_SERIF, 10.5, 0, TYPESET_CENTER);
	st.space_before = 6;
	buf_printf(&b, "试卷代码 %s　组卷种子 %llu　满分 100 分，%d 分（含）以上"
	    "合格　平均难度 %.3f", fm->code, (unsigned long long)set->req.seed,
	    s->pass_mark, fm->difficulty_mean);
	typeset_text(t, &st, b.data);
	buf_free(&b);
	typeset_space(t, 8);
	key_rules(t, set);
	ex.size = 9.5;
	ex.hanging = 2 * ex.size;
	ex.space_before = 2;
	json_array_foreach(secs, i, sec) {
		json_t *items = json_object_get(sec, "items");

		int tasks = fm->items[k].it->type >= ITEM_SKILL;

		if (!tasks) {
			part_heading(t, sec, i, 0);
			answer_grid(t, items);
			typeset_space(t, 6);
		}
		json_array_foreach(items, j, q) {
			const struct item *it = fm->items[k++].it;
			struct buf e = {0};

			typeset_keep_begin(t);
			if (tasks && j == 0)    /* the heading goes with its first task */
				part_heading(t, sec, i, 0);
			if (it->type < ITEM_SKILL) {
				char *text = html_text(it->explanation_html);

				buf_printf(&e, "%lld. [%s] %s", json_integer_value(
				    json_object_get(q, "number")), it->id, text);
				free(text);
				typeset_text(t, &ex, e.data);
			} else {
				struct typeset_style h = style(TYPESET_SANS, 10.5, 1,
				    TYPESET_LEFT);

				h.space_before = 6;
				buf_printf(&e, "%s %lld（%d 分）　%s", it->type ==
				    ITEM_SKILL ? "试题" : "答辩题", json_integer_value(
				    json_object_get(q, "number")), it->points, it->id);
				typeset_text(t, &h, e.data);
				rubric_table(t, it);
			}
			typeset_keep_end(t);
			buf_free(&e);
		}
		typeset_space(t, 8);
	}
}

struct typeset *
pdf_paper(const struct standard *s, const struct paper_set *set,
    const struct form *fm, int key)
{
	char *header = pdf_header(s, set, fm, key ? "答案与评分标准" : "试卷");
	struct typeset_chrome chrome = { header, !key, 1 };
	struct typeset *t = typeset_new(&chrome, header, s->modified);
	json_t *data = paper_form_json(s, set, fm);

	if (key)
		key_copy(t, s, set, fm, data);
	else
		candidate_copy(t, s, set, fm, data);
	json_decref(data);
	free(header);
	return t;
}
