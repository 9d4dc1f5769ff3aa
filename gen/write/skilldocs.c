/*
 * skilldocs: what a test centre needs to run a skill exam (操作技能考核)
 * or a comprehensive review (综合评审) from one drawn form: the notices
 * to candidates and to the centre, the tasks, the examiners' score
 * records with 扣分/得分 columns, veto record and signatures, the live
 * observation records, and the paper's total score sheet; as PDF
 * (typeset.c), as print HTML (paper.css) and as Word (docx.c), written
 * once through a sink.
 */
#include "write/pdf.h"
#include "write/export.h"
#include "plan/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct typeset_style body = { TYPESET_SERIF, 10.5, 0,
	TYPESET_LEFT, 0, 0, 0 };
/* numbered rules: continuation lines under the text, not the number */
static const struct typeset_style rule = { TYPESET_SERIF, 10.5, 0,
	TYPESET_LEFT, 0, 16, 2 };
static const struct typeset_style cell = { TYPESET_SERIF, 9.5, 0,
	TYPESET_LEFT, 0, 0, 0 };
static const struct typeset_style cell_c = { TYPESET_SERIF, 9.5, 0,
	TYPESET_CENTER, 0, 0, 0 };

/*
 * Where the documents go: typeset pages (PDF), or print HTML. The
 * documents are written once, through these calls, so that both carry
 * the same text.
 */
struct sink {
	struct typeset *t;	/* PDF pages, or NULL */
	struct buf *html;	/* HTML, or NULL */
	struct buf *docx;	/* a Word document's body, or NULL */
	size_t start;		/* where the first document begins in html */
	int in_table;
};

/* A nominal text width for HTML, where widths become percentages. */
static double
sink_width(const struct sink *o)
{
	return o->t ? typeset_width(o->t) : 480;
}

static void
end_table(struct sink *o)
{
	if (o->in_table && o->docx)
		docx_table_end(o->docx);
	else if (o->in_table)
		buf_puts(o->html, "</table>\n");
	o->in_table = 0;
}

/* Text with its line breaks as <br>. */
static void
html_lines(struct buf *b, const char *text)
{
	struct buf line = {0};
	const char *nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		buf_clear(&line);
		buf_add(&line, text, (size_t)(nl - text));
		xml_text(b, line.data);
		buf_puts(b, "<br>");
		text = nl + 1;
	}
	xml_text(b, text);
	buf_free(&line);
}

/* A paragraph; bold sans text is a heading. */
static void
put_text(struct sink *o, const struct typeset_style *st, const char *text)
{
	int heading = st->face == TYPESET_SANS && st->bold;

	if (o->t) {
		typeset_text(o->t, st, text);
		return;
	}
	end_table(o);
	if (o->docx) {
		docx_text(o->docx, text, heading, st->align == TYPESET_CENTER);
		return;
	}
	buf_puts(o->html, heading ? "<h2>" : st->align == TYPESET_CENTER ?
	    "<p class=\"c\">" : "<p>");
	html_lines(o->html, text);
	buf_puts(o->html, heading ? "</h2>\n" : "</p>\n");
}

/* A table row; the first row of an HTML table is its head. */
static void
put_row(struct sink *o, const struct typeset_style *st, int n,
    const char *const *texts, const double *widths, int ruled)
{
	const char *tag = "td";
	double total = 0;
	int i;

	if (o->t) {
		typeset_row(o->t, st, n, texts, widths, ruled);
		return;
	}
	if (o->docx) {
		docx_row(o->docx, n, texts, widths, !o->in_table,
		    st->align == TYPESET_CENTER);
		o->in_table = 1;
		return;
	}
	if (!o->in_table) {
		for (i = 0; i < n; i++)
			total += widths[i];
		buf_puts(o->html, "<table>\n<colgroup>");
		for (i = 0; i < n; i++)
			buf_printf(o->html, "<col style=\"width:%.1f%%\">",
			    100 * widths[i] / total);
		buf_puts(o->html, "</colgroup>\n");
		o->in_table = 1;
		tag = "th";
	}
	buf_puts(o->html, "<tr>");
	for (i = 0; i < n; i++) {
		buf_printf(o->html, "<%s%s>", tag, st->align == TYPESET_CENTER &&
		    strcmp(tag, "td") == 0 ? " class=\"c\"" : "");
		html_lines(o->html, texts[i]);
		buf_printf(o->html, "</%s>", tag);
	}
	buf_puts(o->html, "</tr>\n");
}

static void
put_space(struct sink *o, double points)
{
	if (o->t)
		typeset_space(o->t, points);
}

static void
put_keep(struct sink *o, int begin)
{
	if (o->t && begin)
		typeset_keep_begin(o->t);
	else if (o->t)
		typeset_keep_end(o->t);
}

/* Core-made HTML: typeset, or as it is. */
static void
put_html(struct sink *o, const struct typeset_style *st, const char *html)
{
	if (o->t) {
		pdf_html(o->t, st, html);
		return;
	}
	end_table(o);
	if (o->docx) {
		docx_html(o->docx, html);
		return;
	}
	buf_puts(o->html, "<div class=\"html\">");
	buf_puts(o->html, html);
	buf_puts(o->html, "</div>\n");
}

static void
title(struct sink *o, const struct standard *s, const struct paper_set *set,
    const char *what)
{
	struct typeset_style st = { TYPESET_SANS, 13, 1, TYPESET_CENTER, 0, 0,
		0 };
	struct buf b = {0};

	buf_printf(&b, "%s（%s）%s", s->name, standard_level(s,
	    set->req.level)->name, paper_kind_label(set->req.kind));
	if (o->docx) {
		end_table(o);
		docx_title(o->docx, b.data, what, o->docx->len > 0);
		buf_free(&b);
		return;
	}
	if (o->html) {
		/* each document a section, printed from a new page */
		end_table(o);
		if (o->html->len > o->start)
			buf_puts(o->html, "</section>\n");
		buf_puts(o->html, "<section class=\"doc\">\n<p class=\"kicker\">");
		xml_text(o->html, b.data);
		buf_puts(o->html, "</p>\n<h1>");
		xml_text(o->html, what);
		buf_puts(o->html, "</h1>\n");
		buf_free(&b);
		return;
	}
	typeset_page_break(o->t);
	put_text(o, &st, b.data);
	st.size = 17;
	st.space_before = 4;
	put_text(o, &st, what);
	put_space(o, 8);
	buf_free(&b);
}

static void
heading(struct sink *o, const char *text)
{
	struct typeset_style st = { TYPESET_SANS, 10.5, 1, TYPESET_LEFT, 0, 0,
		6 };

	put_text(o, &st, text);
	put_space(o, 2);
}

/* A line of candidate fields, as every record carries. */
static void
candidate_line(struct sink *o, const char *extra)
{
	struct buf b = {0};

	buf_printf(&b, "考生姓名＿＿＿＿＿＿　准考证号＿＿＿＿＿＿＿＿＿＿　"
	    "%s＿＿＿＿＿＿", extra);
	put_text(o, &body, b.data);
	put_space(o, 4);
	buf_free(&b);
}

/* Signature lines: at least the standard's least number of examiners. */
static void
signatures(struct sink *o, const char *who, int n)
{
	struct buf b = {0};
	int i;

	put_space(o, 8);
	for (i = 0; i < (n < 1 ? 1 : n); i++)
		buf_printf(&b, "%s%d（签名）：＿＿＿＿＿＿＿　", who, i + 1);
	buf_puts(&b, "日期：＿＿＿＿年＿＿月＿＿日");
	put_text(o, &body, b.data);
	buf_free(&b);
}

/* A task's overtime rule (超时), or the standard one. */
static const char *
overtime_of(const struct item *it)
{
	return it->overtime ? it->overtime : "到时即停止操作，以停止时的成果评分。";
}

/* The kind's 评分通则 (content/papers.md), numbered. */
static void
put_rules(struct sink *o, const struct paper_set *set)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < set->n_rules; i++) {
		buf_clear(&b);
		buf_printf(&b, "%zu. %s", i + 1, set->rules[i]);
		put_text(o, &rule, b.data);
	}
	buf_free(&b);
}

/* The rules on a page of their own, for the examiners or the panel. */
static void
rules_page(struct sink *o, const struct standard *s,
    const struct paper_set *set)
{
	if (set->n_rules == 0)
		return;
	title(o, s, set, "评分通则");
	put_text(o, &body, set->req.kind == PAPER_SKILL ?
	    "各题按本通则和该题的评分标准评分；评分标准另有规定的，按评分标准。" :
	    "各题按本通则和该题的评审要点、评分档次评分；评审要点另有规定的，"
	    "按评审要点。");
	put_space(o, 4);
	put_rules(o, set);
}

static void
candidate_notice(struct sink *o, const struct standard *s,
    const struct paper_set *set, const struct form *fm)
{
	const char *cols[4], *head[] = { "序号", "试题", "时限", "配分" };
	double w = sink_width(o), widths[] = { 50, 0, 70, 60 };
	char pts[24], mins[32], no[24];
	struct buf b = {0};
	size_t i;

	widths[1] = w - 180;
	title(o, s, set, "考生准备通知单");
	buf_printf(&b, "试卷代码 %s　考核时间 %d 分钟　满分 100 分，%d 分（含）以上为"
	    "合格。", fm->code, set->minutes, s->pass_mark);
	put_text(o, &body, b.data);
	heading(o, "一、考核内容");
	put_row(o, &cell_c, 4, head, widths, 1);
	for (i = 0; i < fm->n; i++) {
		const struct item *it = fm->items[i].it;

		snprintf(no, sizeof no, "%zu", i + 1);
		snprintf(mins, sizeof mins, "%d 分钟", it->minutes);
		snprintf(pts, sizeof pts, "%d", fm->items[i].points);
		cols[0] = no;
		cols[1] = it->id;
		cols[2] = it->minutes ? mins : "—";
		cols[3] = pts;
		put_row(o, &cell_c, 4, cols, widths, 1);
	}
	heading(o, "二、考生须携带");
	put_text(o, &body, "1. 准考证、有效身份证件；2. 黑色签字笔。"
	    "除考场提供的资料外，不得携带任何书籍、资料、存储介质和通信设备进入考场。");
	heading(o, "三、可使用的资料");
	put_text(o, &body, "各试题“环境与材料”中列出的手册、方案、模板和文件，"
	    "由考场在工位上提供；不得访问题目规定以外的网络。作答引用的数据只能"
	    "取自题目材料或本人在考场的实测、计算结果，并如实记录，不得编造。");
	heading(o, "四、成果文件的命名与保存");
	put_text(o, &body, "成果文件按各题“提交物”的规定命名；未规定的，以"
	    "“准考证号-题号-文件名”命名。一律保存在工位指定的考生文件夹中。命名或"
	    "保存不合规定的，按该题评分标准和评分通则扣分；考评员在考生文件夹中"
	    "找不到的成果视为未提交。提交的文件和截图中不得出现口令（密码）明文和"
	    "与本题无关的个人信息（如手机号）；考场提供的账号名可以出现。");
	heading(o, "五、超时规定");
	/* one line when every task has the same rule, as the bank's do */
	for (i = 1; i < fm->n && strcmp(overtime_of(fm->items[i].it),
	    overtime_of(fm->items[0].it)) == 0; i++)
		;
	if (fm->n > 1 && i == fm->n) {
		buf_clear(&b);
		buf_printf(&b, "各试题：%s", overtime_of(fm->items[0].it));
		put_text(o, &body, b.data);
	} else
		for (i = 0; i < fm->n; i++) {
			buf_clear(&b);
			buf_printf(&b, "试题 %zu：%s", i + 1,
			    overtime_of(fm->items[i].it));
			put_text(o, &body, b.data);
		}
	buf_free(&b);
	if (set->n_rules) {
		heading(o, "六、评分通则（评分标准另有规定的，按评分标准）");
		put_rules(o, set);
	}
}

static void
centre_notice(struct sink *o, const struct standard *s,
    const struct paper_set *set, const struct form *fm)
{
	struct buf b = {0};
	size_t i, k;

	title(o, s, set, "考场准备通知单");
	buf_printf(&b, "试卷代码 %s。每个考场至少配备考评员 %d 名（考评人员与考生"
	    "配比 %s），监考人员不少于 %d 名（监考人员与考生配比 %s）。各工位按下列"
	    "要求准备，考前由考评组逐项核对。", fm->code, s->examiners_min,
	    s->examiner_ratio ? s->examiner_ratio : "—", s->invigilators_min,
	    s->invigilator_ratio ? s->invigilator_ratio : "—");
	put_text(o, &body, b.data);
	for (i = 0; i < fm->n; i++) {
		const struct item *it = fm->items[i].it;

		buf_clear(&b);
		buf_printf(&b, "试题 %zu（%s，%d 分钟）", i + 1, it->id, it->minutes);
		heading(o, b.data);
		if (it->station_html && *it->station_html)
			put_html(o, &body, it->station_html);
		else {
			put_text(o, &body, "按试题的“环境与材料”准备：");
			put_html(o, &body, it->parts_html[PART_MATERIALS]);
		}
		if (it->n_attachments) {
			put_text(o, &body, "随题附件（随本文件提供；考场准备另有说明的按说明使用，未说明的考前复制到各工位）：");
			for (k = 0; k < it->n_attachments; k++) {
				buf_clear(&b);
				buf_printf(&b, "・%s", it->attachments[k]);
				put_text(o, &body, b.data);
			}
		}
	}
	buf_free(&b);
}

static const char *
point_kind(const struct score_point *sp)
{
	return sp->professional ? "职业素养" : sp->observed ? "现场操作" :
	    "操作成果";
}

/* 评分记录表: one row per scoring point, the veto record, signatures. */
static void
score_record(struct sink *o, const struct standard *s,
    const struct paper_set *set, const struct form_item *fi, size_t no)
{
	const struct item *it = fi->it;
	const char *head[] = { "序号", "考核内容", "配分", "评分标准", "扣分",
		"得分" };
	const char *cols[6];
	double w = sink_width(o), widths[6] = { 28, 56, 30, 0, 34, 34 };
	char n[24], pts[24];
	struct buf b = {0};
	size_t r, k = 0;

	widths[3] = w - 28 - 56 - 30 - 34 - 34;
	buf_printf(&b, "评分记录表　试题 %zu（%s，%d 分）", no, it->id, fi->points);
	title(o, s, set, b.data);
	candidate_line(o, "工位号");
	put_row(o, &cell_c, 6, head, widths, 1);
	for (r = 0; r < it->n_rubric; r++) {
		const struct score_point *sp = &it->rubric[r];

		if (sp->veto)
			continue;
		snprintf(n, sizeof n, "%zu", ++k);
		snprintf(pts, sizeof pts, "%d", sp->points);
		cols[0] = n;
		cols[1] = point_kind(sp);
		cols[2] = pts;
		cols[3] = sp->text;
		cols[4] = cols[5] = "";
		put_keep(o, 1);
		put_row(o, &cell, 6, cols, widths, 1);
		put_keep(o, 0);
	}
	snprintf(pts, sizeof pts, "%d", fi->points);
	cols[0] = "";
	cols[1] = "合计";
	cols[2] = pts;
	cols[3] = cols[4] = cols[5] = "";
	put_row(o, &cell_c, 6, cols, widths, 1);
	heading(o, "否决项记录（发生任一项，本题记 0 分）");
	for (r = 0; r < it->n_rubric; r++)
		if (it->rubric[r].veto) {
			buf_clear(&b);
			buf_printf(&b, "□ 未发生　□ 发生：%s　记录（时间、现象、证据）："
			    "＿＿＿＿＿＿＿＿＿＿＿＿", it->rubric[r].text);
			put_text(o, &body, b.data);
		}
	if (k == it->n_rubric)
		put_text(o, &body, "本题无否决项。");
	signatures(o, "考评员", s->examiners_min);
	buf_free(&b);
}

/* 现场观察记录: the points an examiner must see being done. */
static void
observation_record(struct sink *o, const struct standard *s,
    const struct paper_set *set, const struct form_item *fi, size_t no)
{
	const struct item *it = fi->it;
	const char *head[] = { "观察要点", "时间", "观察记录", "结论" };
	const char *cols[4];
	double w = sink_width(o), widths[4];
	struct buf b = {0};
	size_t r;

	for (r = 0; r < it->n_rubric && !it->rubric[r].observed; r++)
		;
	if (r == it->n_rubric)
		return;
	widths[0] = w * 0.42;
	widths[1] = w * 0.12;
	widths[2] = w * 0.32;
	widths[3] = w * 0.14;
	buf_printf(&b, "现场观察记录　试题 %zu（%s）", no, it->id);
	title(o, s, set, b.data);
	candidate_line(o, "工位号");
	put_row(o, &cell_c, 4, head, widths, 1);
	for (r = 0; r < it->n_rubric; r++)
		if (it->rubric[r].observed) {
			cols[0] = it->rubric[r].text;
			cols[1] = "";
			cols[2] = "";
			cols[3] = "□ 符合\n□ 不符合";
			put_row(o, &cell, 4, cols, widths, 1);
		}
	signatures(o, "考评员", s->examiners_min);
	buf_free(&b);
}

static void
total_sheet(struct sink *o, const struct standard *s,
    const struct paper_set *set, const struct form *fm)
{
	const char *head[] = { "序号", "试题", "配分", "得分", "否决", "考评员签名" };
	const char *cols[6];
	double w = sink_width(o), widths[6] = { 30, 0, 40, 50, 40, 110 };
	char n[24], pts[24];
	size_t i;

	widths[1] = w - 30 - 40 - 50 - 40 - 110;
	title(o, s, set, "总成绩表");
	candidate_line(o, "考场");
	put_row(o, &cell_c, 6, head, widths, 1);
	for (i = 0; i < fm->n; i++) {
		snprintf(n, sizeof n, "%zu", i + 1);
		snprintf(pts, sizeof pts, "%d", fm->items[i].points);
		cols[0] = n;
		cols[1] = fm->items[i].it->id;
		cols[2] = pts;
		cols[3] = cols[5] = "";
		cols[4] = "□";
		put_row(o, &cell_c, 6, cols, widths, 1);
	}
	cols[0] = "";
	cols[1] = "合计";
	cols[2] = "100";
	cols[3] = cols[4] = cols[5] = "";
	put_row(o, &cell_c, 6, cols, widths, 1);
	put_space(o, 6);
	put_text(o, &body, "总成绩 ＿＿＿＿ 分（满分 100 分）　结论：□ 合格　"
	    "□ 不合格");
	signatures(o, "考评员", s->examiners_min);
	put_text(o, &body, "考评组长（签名）：＿＿＿＿＿＿＿");
}

/* A score band "lo～hi", one score, or "—" where a small point count
 * leaves the band empty (4 points: 优 4, 良 3, 中 none, 差 0～2). */
static void
band(char *out, size_t size, int lo, int hi)
{
	if (lo > hi)
		snprintf(out, size, "—");
	else if (lo == hi)
		snprintf(out, size, "%d", lo);
	else
		snprintf(out, size, "%d～%d", lo, hi);
}

/* 综合评审: per question the points, score bands and follow-up room. */
static void
review_sheet(struct sink *o, const struct standard *s,
    const struct paper_set *set, const struct form_item *fi, size_t no)
{
	const struct item *it = fi->it;
	const char *head[] = { "评审要点", "配分", "优", "良", "中", "差", "得分" };
	const char *cols[7];
	double w = sink_width(o), widths[7];
	char bands[4][32], pts[16];
	struct buf b = {0};
	size_t r;
	int k;

	widths[0] = w - 6 * 46;
	for (k = 1; k < 7; k++)
		widths[k] = 46;
	buf_printf(&b, "评分表　答辩题 %zu（%s，%d 分）", no, it->id, fi->points);
	title(o, s, set, b.data);
	candidate_line(o, "答辩时间");
	put_text(o, &body, "题目：");
	put_html(o, &body, it->stem_html);
	put_space(o, 4);
	put_text(o, &cell, "评分档次：优（90%～100% 配分）、良（75%～89%）、"
	    "中（60%～74%）、差（60% 以下），按档次在配分范围内给分。");
	put_row(o, &cell_c, 7, head, widths, 1);
	for (r = 0; r < it->n_rubric; r++) {
		int p = it->rubric[r].points;

		/* the band edges in whole points, as the panel writes them:
		 * from 90 %, 75 % and 60 % of the points rounded up */
		snprintf(pts, sizeof pts, "%d", p);
		band(bands[0], sizeof bands[0], (p * 9 + 9) / 10, p);
		band(bands[1], sizeof bands[1], (p * 3 + 3) / 4, (p * 9 + 9) / 10 - 1);
		band(bands[2], sizeof bands[2], (p * 3 + 4) / 5, (p * 3 + 3) / 4 - 1);
		band(bands[3], sizeof bands[3], 0, (p * 3 + 4) / 5 - 1);
		cols[0] = it->rubric[r].text;
		cols[1] = pts;
		for (k = 0; k < 4; k++)
			cols[2 + k] = bands[k];
		cols[6] = "";
		put_row(o, &cell, 7, cols, widths, 1);
	}
	heading(o, "追问记录（评审组就要点中答得不清的部分追问，记录问题与回答要点）");
	for (k = 0; k < 3; k++) {
		buf_clear(&b);
		buf_printf(&b, "追问 %d：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿"
		    "＿＿＿＿＿＿＿＿", k + 1);
		put_text(o, &body, b.data);
	}
	signatures(o, "评审组成员", s->review_panel_min);
	buf_free(&b);
}

static void
task_page(struct sink *o, const struct standard *s,
    const struct paper_set *set, const struct form_item *fi, size_t no)
{
	char *html = task_html(fi->it);
	struct buf b = {0};

	buf_printf(&b, "试题 %zu（%s）", no, fi->it->id);
	title(o, s, set, b.data);
	put_html(o, &body, html);
	if (fi->it->reference_html && *fi->it->reference_html) {
		/* a page of its own: the task pages go to the candidates */
		buf_clear(&b);
		buf_printf(&b, "参考答案　试题 %zu（%s，考评员用）", no, fi->it->id);
		title(o, s, set, b.data);
		put_html(o, &body, fi->it->reference_html);
	}
	free(html);
	buf_free(&b);
}

/* The documents of a skill or review form, in order. */
static void
documents(struct sink *o, const struct standard *s,
    const struct paper_set *set, const struct form *fm)
{
	size_t i;

	if (set->req.kind == PAPER_SKILL) {
		candidate_notice(o, s, set, fm);
		centre_notice(o, s, set, fm);
		rules_page(o, s, set);
		for (i = 0; i < fm->n; i++) {
			task_page(o, s, set, &fm->items[i], i + 1);
			score_record(o, s, set, &fm->items[i], i + 1);
			observation_record(o, s, set, &fm->items[i], i + 1);
		}
	} else {
		rules_page(o, s, set);
		for (i = 0; i < fm->n; i++)
			review_sheet(o, s, set, &fm->items[i], i + 1);
	}
	total_sheet(o, s, set, fm);
}

struct typeset *
pdf_skill_documents(const struct standard *s, const struct paper_set *set,
    const struct form *fm)
{
	char *header = pdf_header(s, set, fm, "考务文件");
	struct typeset_chrome chrome = { header, 0, 1 };
	struct sink o = { NULL, NULL, NULL, 0, 0 };

	o.t = typeset_new(&chrome, header, s->modified);
	documents(&o, s, set, fm);
	free(header);
	return o.t;
}

char *
skilldocs_html(const struct standard *s, const struct paper_set *set,
    const struct form *fm)
{
	char *header = pdf_header(s, set, fm, "考务文件");
	struct buf b = {0};
	struct sink o = { NULL, &b, NULL, 0, 0 };

	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	xml_text(&b, header);
	buf_puts(&b, "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n"
	    "<link rel=\"stylesheet\" href=\"paper.css\">\n"
	    "<style>@page { @top-center { content: \"");
	xml_text(&b, header);
	buf_puts(&b, "\"; } }</style>\n</head>\n<body>\n<main class=\"paper key "
	    "docs\">\n");
	o.start = b.len;
	documents(&o, s, set, fm);
	end_table(&o);
	buf_puts(&b, "</section>\n</main>\n</body>\n</html>\n");
	free(header);
	return b.data;
}

int
skilldocs_docx(const struct standard *s, const struct paper_set *set,
    const struct form *fm, const char *path)
{
	char *header = pdf_header(s, set, fm, "考务文件");
	struct buf b = {0};
	struct sink o = { NULL, NULL, &b, 0, 0 };
	int rc;

	documents(&o, s, set, fm);
	end_table(&o);
	rc = docx_write(s, b.data, header, path);
	buf_free(&b);
	free(header);
	return rc;
}
