/*
 * coursepdf: the course's printed documents through typeset.c (the exam
 * kit's typesetting): course-LN.pdf with the units, the assessment and
 * the schedule, and
 * lessons-LN.pdf with a 教案 per session, each from a new page. Rows are
 * kept whole; a lesson's header and objectives move together.
 */
#include "write/coursedocs.h"
#include "write/coursetable.h"
#include "write/export.h"
#include "write/typeset.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct typeset_style
style(enum typeset_face face, double size, int bold, enum typeset_align al)
{
	struct typeset_style st = { face, size, bold, al, 0, 0, 0 };

	return st;
}

/* Column widths as shares of the text width. */
static void
widths_of(struct typeset *t, const double *share, int n, double *out)
{
	int i;

	for (i = 0; i < n; i++)
		out[i] = typeset_width(t) * share[i];
}

static void
heading(struct typeset *t, const char *text)
{
	struct typeset_style h = style(TYPESET_SANS, 12, 1, TYPESET_LEFT);

	h.space_before = 10;
	typeset_text(t, &h, text);
}

/* A table of the course document under its heading, which never stays
 * behind at a page's foot: it moves with the header and the first row. */
static void
course_table(struct typeset *t, const char *title,
    enum course_table_kind kind, const struct course *c)
{
	struct typeset_style hs = style(TYPESET_SANS, 9, 1, TYPESET_CENTER);
	struct typeset_style st = style(TYPESET_SERIF, 9, 0, TYPESET_LEFT);
	struct course_table ct;
	double w[COURSE_TABLE_COLS];
	size_t r;

	course_table_make(&ct, kind, c);
	typeset_keep_begin(t);
	heading(t, title);
	if (ct.note) {
		struct typeset_style note = style(TYPESET_SERIF, 9, 0,
		    TYPESET_LEFT);

		typeset_text(t, &note, ct.note);
	}
	widths_of(t, ct.share, ct.cols, w);
	typeset_row(t, &hs, ct.cols, ct.head, w, 1);
	for (r = 0; r < ct.rows; r++) {
		typeset_row(t, &st, ct.cols, course_table_row(&ct, r), w, 1);
		if (r == 0)
			typeset_keep_end(t);
	}
	if (ct.rows == 0)
		typeset_keep_end(t);
	course_table_free(&ct);
}

int
coursepdf_course(const struct standard *s, const struct course *c,
    const char *path)
{
	const struct level *lv = standard_level(s, c->plan.level);
	struct typeset_chrome chrome = { NULL, 0, 1 };
	struct typeset_style title = style(TYPESET_SANS, 16, 1, TYPESET_CENTER);
	struct typeset_style body = style(TYPESET_SERIF, 10.5, 0, TYPESET_LEFT);
	char *text = xprintf("%s（%s）课程规范与教学进度表", s->name, lv->name);
	struct typeset *t = typeset_new(&chrome, text, s->modified);
	char start[11];
	int rc;

	typeset_text(t, &title, text);
	free(text);
	course_format_date(c->opt.start, start);
	text = xprintf("培训总学时 %d（理论 %d，实操 %d）；开课日期 %s，每个教学日 "
	    "%d 学时。理论培训场所：%s；实操培训场所：%s", c->plan.training_hours,
	    c->plan.theory_hours, c->plan.practice_hours, start,
	    c->opt.session_hours, c->theory_place, c->practice_place);
	typeset_text(t, &body, text);
	free(text);
	course_table(t, "一、课程规范", COURSE_TABLE_UNITS, c);
	course_table(t, "二、考核规范（理论知识）", COURSE_TABLE_POINTS, c);
	course_table(t, "三、考核规范（操作技能）", COURSE_TABLE_SKILLS, c);
	course_table(t, "四、教学进度表", COURSE_TABLE_SCHEDULE, c);
	rc = typeset_write(t, path);
	typeset_free(t);
	return rc;
}

static void
lesson_head(struct typeset *t, const struct standard *s,
    const struct course *c, const struct course_session *se)
{
	static const double share[] = { 0.15, 0.35, 0.15, 0.35 };
	const struct level *lv = standard_level(s, c->plan.level);
	const struct course_unit *u = &c->units[se->unit];
	struct typeset_style title = style(TYPESET_SANS, 16, 1, TYPESET_CENTER);
	struct typeset_style st = style(TYPESET_SERIF, 9.5, 0, TYPESET_LEFT);
	char date[11], *text = xprintf("教案（第 %d 次课）", se->no), *d, *h, *unit;
	double w[4];

	course_format_date(se->date, date);
	{
		char *mark = xprintf("第 %d 次课 %s %s", se->no, date, u->name);

		typeset_bookmark(t, mark);
		free(mark);
	}
	typeset_text(t, &title, text);
	free(text);
	widths_of(t, share, 4, w);
	d = xprintf("%s（星期%s）", date, course_weekday_names[course_weekday(se->date)]);
	h = xprintf("%d", se->hours);
	unit = xprintf("%s %s", u->id, u->name);
	{
		const char *r1[] = { "课程", s->name, "级别", lv->name };
		const char *r2[] = { "日期", d, "学时", h };
		const char *r3[] = { "学习单元", unit, "课型", se->kind ==
		    SESSION_THEORY ? "理论课" : "实操课" };
		const char *r4[] = { "教学方法", u->method, "教学场所", se->kind ==
		    SESSION_THEORY ? c->theory_place : c->practice_place };

		typeset_row(t, &st, 4, r1, w, 1);
		typeset_row(t, &st, 4, r2, w, 1);
		typeset_row(t, &st, 4, r3, w, 1);
		typeset_row(t, &st, 4, r4, w, 1);
	}
	free(d), free(h), free(unit);
}

static void
lesson_quiz(struct typeset *t, const struct course *c,
    const struct course_session *se)
{
	const struct course_unit *u = &c->units[se->unit];
	struct typeset_style body = style(TYPESET_SERIF, 10.5, 0, TYPESET_LEFT);
	size_t i;
	int o;

	if (se->kind == SESSION_PRACTICE) {
		heading(t, "实操任务");
		if (u->task == NULL) {
			typeset_text(t, &body, "（题库中尚无本单元的操作技能试题，请自拟"
			    "任务。）");
			return;
		}
		{
			char *title = lessonplan_task_title(u->task);
			char *text = lessonplan_task_text(u->task);

			typeset_text(t, &body, title);
			typeset_text(t, &body, text);
			free(title), free(text);
		}
		return;
	}
	heading(t, "课堂测验");
	for (i = 0; i < se->n_quiz; i++) {
		const struct item *it = se->quiz[i];
		struct buf q = {0};
		char *key;

		buf_printf(&q, "%zu. [%s] %s", i + 1, item_type_label(it->type),
		    it->stem_text);
		for (o = 0; o < it->n_options; o++)
			buf_printf(&q, "\n%c. %s", 'A' + o, it->options[o].text);
		key = lessonplan_quiz_key(it);
		buf_printf(&q, "\n%s", key);
		free(key);
		typeset_keep_begin(t);
		typeset_text(t, &body, q.data);
		typeset_keep_end(t);
		buf_free(&q);
	}
}

static void
lesson(struct typeset *t, const struct standard *s, const struct bank *bk,
    const struct course *c, const struct lesson_steps *ls,
    const struct course_session *se)
{
	static const double share[] = { 0.2, 0.15, 0.65 };
	static const char *const head[] = { "教学环节", "时间（分钟）",
	    "教学内容与方法" };
	const struct course_unit *u = &c->units[se->unit];
	const struct requirement *r = se->kind == SESSION_THEORY ? u->knowledge :
	    u->skills;
	struct typeset_style body = style(TYPESET_SERIF, 10.5, 0, TYPESET_LEFT);
	struct typeset_style hs = style(TYPESET_SANS, 9.5, 1, TYPESET_CENTER);
	struct typeset_style st = style(TYPESET_SERIF, 9.5, 0, TYPESET_LEFT);
	int min[LESSON_STEPS_MAX] = {0};
	size_t idx[LESSON_STEPS_MAX], n, i, k;
	char *hard;
	double w[3];

	lesson_head(t, s, c, se);
	heading(t, "教学目标");
	for (k = se->first; k < se->first + se->count; k++) {
		char *text = course_requirement_text(&r[k]);

		typeset_text(t, &body, text);
		free(text);
	}
	heading(t, "重点与难点");
	hard = lessonplan_hard_points(bk, c, se);
	if (hard)
		typeset_text(t, &body, hard);
	else {          /* fields to fill by hand, with room to write */
		typeset_text(t, &body, "重点：");
		typeset_space(t, 28);
		typeset_text(t, &body, "难点：");
		typeset_space(t, 28);
	}
	free(hard);
	heading(t, "教学过程");
	widths_of(t, share, 3, w);
	typeset_row(t, &hs, 3, head, w, 1);
	n = lessonplan_minutes(ls, se, idx, min);
	for (i = 0; i < n; i++) {
		char *m = xprintf("%d", min[i]);
		const char *cells[] = { ls->steps[idx[i]].name, m,
		    ls->steps[idx[i]].content };

		typeset_row(t, &st, 3, cells, w, 1);
		free(m);
	}
	lesson_quiz(t, c, se);
	heading(t, "课后作业");
	{
		char *text = lessonplan_homework(c, se);

		typeset_text(t, &body, text);
		free(text);
	}
	typeset_keep_begin(t);  /* the heading with its room to write */
	heading(t, "教学反思");
	typeset_space(t, 60);
	typeset_keep_end(t);
}

int
coursepdf_lessons(const struct standard *s, const struct bank *bk,
    const struct course *c, const struct lesson_steps *ls, const char *path)
{
	const struct level *lv = standard_level(s, c->plan.level);
	struct typeset_chrome chrome = { NULL, 0, 1 };
	char *title = xprintf("%s（%s）教案", s->name, lv->name);
	struct typeset *t = typeset_new(&chrome, title, s->modified);
	size_t i;
	int rc;

	free(title);
	for (i = 0; i < c->n_sessions; i++) {
		if (i > 0)
			typeset_page_break(t);
		lesson(t, s, bk, c, ls, &c->sessions[i]);
	}
	rc = typeset_write(t, path);
	typeset_free(t);
	return rc;
}
