/*
 * skilldocs: what a test centre needs to run a skill exam (操作技能考核)
 * or a comprehensive review (综合评审) from one drawn form: the notices
 * to candidates and to the centre, the tasks, the examiners' score
 * records with 扣分/得分 columns, veto record and signatures, the live
 * observation records, and the paper's total score sheet.
 */
#include "write/pdf.h"
#include "write/export.h"
#include "plan/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct typeset_style body = { TYPESET_SERIF, 10.5, 0,
	TYPESET_LEFT, 0, 0, 0 };
static const struct typeset_style cell = { TYPESET_SERIF, 9.5, 0,
	TYPESET_LEFT, 0, 0, 0 };
static const struct typeset_style cell_c = { TYPESET_SERIF, 9.5, 0,
	TYPESET_CENTER, 0, 0, 0 };

static void
title(struct typeset *t, const struct standard *s, const struct paper_set *set,
    const char *what)
{
	struct typeset_style st = { TYPESET_SANS, 13, 1, TYPESET_CENTER, 0, 0,
		0 };
	struct buf b = {0};

	typeset_page_break(t);
	buf_printf(&b, "%s（%s）%s", s->name, standard_level(s,
	    set->req.level)->name, paper_kind_label(set->req.kind));
	typeset_text(t, &st, b.data);
	st.size = 17;
	st.space_before = 4;
	typeset_text(t, &st, what);
	typeset_space(t, 8);
	buf_free(&b);
}

static void
heading(struct typeset *t, const char *text)
{
	struct typeset_style st = { TYPESET_SANS, 10.5, 1, TYPESET_LEFT, 0, 0,
		6 };

	typeset_text(t, &st, text);
	typeset_space(t, 2);
}

/* A line of candidate fields, as every record carries. */
static void
candidate_line(struct typeset *t, const char *extra)
{
	struct buf b = {0};

	buf_printf(&b, "考生姓名＿＿＿＿＿＿　准考证号＿＿＿＿＿＿＿＿＿＿　"
	    "%s＿＿＿＿＿＿", extra);
	typeset_text(t, &body, b.data);
	typeset_space(t, 4);
	buf_free(&b);
}

/* Signature lines: at least the standard's least number of examiners. */
static void
signatures(struct typeset *t, const char *who, int n)
{
	struct buf b = {0};
	int i;

	typeset_space(t, 8);
	for (i = 0; i < (n < 1 ? 1 : n); i++)
		buf_printf(&b, "%s%d（签名）：＿＿＿＿＿＿＿　", who, i + 1);
	buf_puts(&b, "日期：＿＿＿＿年＿＿月＿＿日");
	typeset_text(t, &body, b.data);
	buf_free(&b);
}

static void
candidate_notice(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form *fm)
{
	const char *cols[4], *head[] = { "试题", "题号", "时限", "配分" };
	double w = typeset_width(t), widths[] = { 50, 80, 60, 60 };
	char pts[24], mins[32], no[24];
	struct buf b = {0};
	size_t i;

	widths[0] = w - 200;
	title(t, s, set, "考生准备通知单");
	buf_printf(&b, "试卷代码 %s　考核时间 %d 分钟　满分 100 分，%d 分（含）以上为"
	    "合格。", fm->code, set->minutes, s->pass_mark);
	typeset_text(t, &body, b.data);
	heading(t, "一、考核内容");
	typeset_row(t, &cell_c, 4, head, widths, 1);
	for (i = 0; i < fm->n; i++) {
		const struct item *it = fm->items[i].it;

		snprintf(no, sizeof no, "%zu", i + 1);
		snprintf(mins, sizeof mins, "%d 分钟", it->minutes);
		snprintf(pts, sizeof pts, "%d", fm->items[i].points);
		cols[0] = no;
		cols[1] = it->id;
		cols[2] = it->minutes ? mins : "—";
		cols[3] = pts;
		typeset_row(t, &cell_c, 4, cols, widths, 1);
	}
	heading(t, "二、考生须携带");
	typeset_text(t, &body, "1. 准考证、有效身份证件；2. 黑色签字笔。"
	    "除考场提供的资料外，不得携带任何书籍、资料、存储介质和通信设备进入考场。");
	heading(t, "三、可使用的资料");
	typeset_text(t, &body, "各试题“环境与材料”中列出的手册、方案、模板和文件，"
	    "由考场在工位上提供；不得访问题目规定以外的网络。");
	heading(t, "四、成果文件的命名与保存");
	typeset_text(t, &body, "成果文件一律以“准考证号-题号-文件名”命名，保存在"
	    "工位指定的考生文件夹中；未按要求命名或保存的成果视为未提交。");
	heading(t, "五、超时规定");
	for (i = 0; i < fm->n; i++) {
		const struct item *it = fm->items[i].it;

		buf_clear(&b);
		buf_printf(&b, "试题 %zu：%s", i + 1, it->overtime ? it->overtime :
		    "到时即停止操作，以停止时的成果评分。");
		typeset_text(t, &body, b.data);
	}
	buf_free(&b);
}

static void
centre_notice(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form *fm)
{
	struct buf b = {0};
	size_t i, k;

	title(t, s, set, "考场准备通知单");
	buf_printf(&b, "试卷代码 %s。每个考场至少配备考评员 %d 名（考评人员与考生"
	    "配比 %s），监考人员不少于 %d 名（监考人员与考生配比 %s）。各工位按下列"
	    "要求准备，考前由考评组逐项核对。", fm->code, s->examiners_min,
	    s->examiner_ratio ? s->examiner_ratio : "—", s->invigilators_min,
	    s->invigilator_ratio ? s->invigilator_ratio : "—");
	typeset_text(t, &body, b.data);
	for (i = 0; i < fm->n; i++) {
		const struct item *it = fm->items[i].it;

		buf_clear(&b);
		buf_printf(&b, "试题 %zu（%s，%d 分钟）", i + 1, it->id, it->minutes);
		heading(t, b.data);
		if (it->station_html && *it->station_html)
			pdf_html(t, &body, it->station_html);
		else {
			typeset_text(t, &body, "按试题的“环境与材料”准备：");
			pdf_html(t, &body, it->parts_html[PART_MATERIALS]);
		}
		if (it->n_attachments) {
			typeset_text(t, &body, "随题附件（随本文件提供，考前复制到各工位）：");
			for (k = 0; k < it->n_attachments; k++) {
				buf_clear(&b);
				buf_printf(&b, "・%s", it->attachments[k]);
				typeset_text(t, &body, b.data);
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
score_record(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form_item *fi, size_t no)
{
	const struct item *it = fi->it;
	const char *head[] = { "序号", "考核内容", "配分", "评分标准", "扣分",
		"得分" };
	const char *cols[6];
	double w = typeset_width(t), widths[6] = { 28, 56, 30, 0, 34, 34 };
	char n[24], pts[24];
	struct buf b = {0};
	size_t r, k = 0;

	widths[3] = w - 28 - 56 - 30 - 34 - 34;
	buf_printf(&b, "评分记录表　试题 %zu（%s，%d 分）", no, it->id, fi->points);
	title(t, s, set, b.data);
	candidate_line(t, "工位号");
	typeset_row(t, &cell_c, 6, head, widths, 1);
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
		typeset_keep_begin(t);
		typeset_row(t, &cell, 6, cols, widths, 1);
		typeset_keep_end(t);
	}
	snprintf(pts, sizeof pts, "%d", fi->points);
	cols[0] = "";
	cols[1] = "合计";
	cols[2] = pts;
	cols[3] = cols[4] = cols[5] = "";
	typeset_row(t, &cell_c, 6, cols, widths, 1);
	heading(t, "否决项记录（发生任一项，本题记 0 分）");
	for (r = 0; r < it->n_rubric; r++)
		if (it->rubric[r].veto) {
			buf_clear(&b);
			buf_printf(&b, "□ 未发生　□ 发生：%s　记录（时间、现象、证据）："
			    "＿＿＿＿＿＿＿＿＿＿＿＿", it->rubric[r].text);
			typeset_text(t, &body, b.data);
		}
	if (k == it->n_rubric)
		typeset_text(t, &body, "本题无否决项。");
	signatures(t, "考评员", s->examiners_min);
	buf_free(&b);
}

/* 现场观察记录: the points an examiner must see being done. */
static void
observation_record(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form_item *fi, size_t no)
{
	const struct item *it = fi->it;
	const char *head[] = { "观察要点", "时间", "观察记录", "结论" };
	const char *cols[4];
	double w = typeset_width(t), widths[4];
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
	title(t, s, set, b.data);
	candidate_line(t, "工位号");
	typeset_row(t, &cell_c, 4, head, widths, 1);
	for (r = 0; r < it->n_rubric; r++)
		if (it->rubric[r].observed) {
			cols[0] = it->rubric[r].text;
			cols[1] = "";
			cols[2] = "";
			cols[3] = "□ 符合\n□ 不符合";
			typeset_row(t, &cell, 4, cols, widths, 1);
		}
	signatures(t, "考评员", s->examiners_min);
	buf_free(&b);
}

static void
total_sheet(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form *fm)
{
	const char *head[] = { "序号", "试题", "配分", "得分", "否决", "考评员签名" };
	const char *cols[6];
	double w = typeset_width(t), widths[6] = { 30, 0, 40, 50, 40, 110 };
	char n[24], pts[24];
	size_t i;

	widths[1] = w - 30 - 40 - 50 - 40 - 110;
	title(t, s, set, "总成绩表");
	candidate_line(t, "考场");
	typeset_row(t, &cell_c, 6, head, widths, 1);
	for (i = 0; i < fm->n; i++) {
		snprintf(n, sizeof n, "%zu", i + 1);
		snprintf(pts, sizeof pts, "%d", fm->items[i].points);
		cols[0] = n;
		cols[1] = fm->items[i].it->id;
		cols[2] = pts;
		cols[3] = cols[5] = "";
		cols[4] = "□";
		typeset_row(t, &cell_c, 6, cols, widths, 1);
	}
	cols[0] = "";
	cols[1] = "合计";
	cols[2] = "100";
	cols[3] = cols[4] = cols[5] = "";
	typeset_row(t, &cell_c, 6, cols, widths, 1);
	typeset_space(t, 6);
	typeset_text(t, &body, "总成绩 ＿＿＿＿ 分（满分 100 分）　结论：□ 合格　"
	    "□ 不合格");
	signatures(t, "考评员", s->examiners_min);
	typeset_text(t, &body, "考评组长（签名）：＿＿＿＿＿＿＿");
}

/* 综合评审: per question the points, score bands and follow-up room. */
static void
review_sheet(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form_item *fi, size_t no)
{
	const struct item *it = fi->it;
	const char *head[] = { "评审要点", "配分", "优", "良", "中", "差", "得分" };
	const char *cols[7];
	double w = typeset_width(t), widths[7];
	char bands[4][32], pts[16];
	struct buf b = {0};
	size_t r;
	int k;

	widths[0] = w - 6 * 46;
	for (k = 1; k < 7; k++)
		widths[k] = 46;
	buf_printf(&b, "评分表　答辩题 %zu（%s，%d 分）", no, it->id, fi->points);
	title(t, s, set, b.data);
	candidate_line(t, "答辩时间");
	typeset_text(t, &body, "题目：");
	pdf_html(t, &body, it->stem_html);
	typeset_space(t, 4);
	typeset_text(t, &cell, "评分档次：优（90%～100% 配分）、良（75%～89%）、"
	    "中（60%～74%）、差（60% 以下），按档次在配分范围内给分。");
	typeset_row(t, &cell_c, 7, head, widths, 1);
	for (r = 0; r < it->n_rubric; r++) {
		int p = it->rubric[r].points;

		/* the band edges in whole points, as the panel writes them */
		snprintf(pts, sizeof pts, "%d", p);
		snprintf(bands[0], sizeof bands[0], "%d～%d", (p * 9 + 9) / 10, p);
		snprintf(bands[1], sizeof bands[1], "%d～%d", (p * 3 + 3) / 4,
		    (p * 9 + 9) / 10 - 1);
		snprintf(bands[2], sizeof bands[2], "%d～%d", (p * 3 + 4) / 5,
		    (p * 3 + 3) / 4 - 1);
		snprintf(bands[3], sizeof bands[3], "0～%d", (p * 3 + 4) / 5 - 1);
		cols[0] = it->rubric[r].text;
		cols[1] = pts;
		for (k = 0; k < 4; k++)
			cols[2 + k] = bands[k];
		cols[6] = "";
		typeset_row(t, &cell, 7, cols, widths, 1);
	}
	heading(t, "追问记录（评审组就要点中答得不清的部分追问，记录问题与回答要点）");
	for (k = 0; k < 3; k++) {
		buf_clear(&b);
		buf_printf(&b, "追问 %d：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿"
		    "＿＿＿＿＿＿＿＿", k + 1);
		typeset_text(t, &body, b.data);
	}
	signatures(t, "评审组成员", s->review_panel_min);
	buf_free(&b);
}

static void
task_page(struct typeset *t, const struct standard *s,
    const struct paper_set *set, const struct form_item *fi, size_t no)
{
	char *html = task_html(fi->it);
	struct buf b = {0};

	buf_printf(&b, "试题 %zu（%s）", no, fi->it->id);
	title(t, s, set, b.data);
	pdf_html(t, &body, html);
	if (fi->it->reference_html && *fi->it->reference_html) {
		/* a page of its own: the task pages go to the candidates */
		buf_clear(&b);
		buf_printf(&b, "参考答案　试题 %zu（%s，考评员用）", no, fi->it->id);
		title(t, s, set, b.data);
		pdf_html(t, &body, fi->it->reference_html);
	}
	free(html);
	buf_free(&b);
}

int
pdf_skill_documents(const struct standard *s, const struct paper_set *set,
    const struct form *fm, const char *path)
{
	char *header = pdf_header(s, set, fm, "考务文件");
	struct typeset_chrome chrome = { header, 0, 1 };
	struct typeset *t = typeset_new(&chrome, header, s->modified);
	size_t i;
	int rc;

	if (set->req.kind == PAPER_SKILL) {
		candidate_notice(t, s, set, fm);
		centre_notice(t, s, set, fm);
		for (i = 0; i < fm->n; i++) {
			task_page(t, s, set, &fm->items[i], i + 1);
			score_record(t, s, set, &fm->items[i], i + 1);
			observation_record(t, s, set, &fm->items[i], i + 1);
		}
		total_sheet(t, s, set, fm);
	} else {
		for (i = 0; i < fm->n; i++)
			review_sheet(t, s, set, &fm->items[i], i + 1);
		total_sheet(t, s, set, fm);
	}
	rc = typeset_write(t, path);
	typeset_free(t);
	free(header);
	return rc;
}
