#include "write/coursetable.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *const course_weekday_names[7] = { "一", "二", "三", "四", "五",
    "六", "日" };

/* Column widths in twips of the Word page's 9,400-twip text width. */
static void
columns(struct course_table *t, int cols, const char *const *head,
    const int *twips)
{
	int i;

	t->cols = cols;
	for (i = 0; i < cols; i++) {
		t->head[i] = head[i];
		t->share[i] = twips[i] / 9400.0;
	}
}

/* Append a row of t->cols cells (new strings, owned by t). */
static void
add_row(struct course_table *t, ...)
{
	va_list ap;
	int i;

	t->cells = xrealloc(t->cells, (t->rows + 1) * (size_t)t->cols *
	    sizeof *t->cells);
	va_start(ap, t);
	for (i = 0; i < t->cols; i++) {
		const char *s = va_arg(ap, const char *);

		t->cells[t->rows * (size_t)t->cols + (size_t)i] = xstrdup(s ? s :
		    "");
	}
	va_end(ap);
	t->rows++;
}

char *
course_requirement_text(const struct requirement *r)
{
	struct buf b = {0};
	size_t i;

	buf_printf(&b, "%s %s", r->id, r->text);
	for (i = 0; i < r->n_notes; i++)
		buf_printf(&b, "\n%s", r->notes[i].text);
	return b.data;
}

/* Hundredths of a percent as "12.50". */
static char *
percent(int bp)
{
	return xprintf("%d.%02d", bp / 100, bp % 100);
}

static void
units(struct course_table *t, const struct course *c)
{
	static const char *const head[] = { "模块", "学习单元", "理论学时",
	    "实操学时", "培训方法", "考核比重（理论/技能）%" };
	static const int w[] = { 1500, 2900, 900, 900, 1700, 1500 };
	size_t i;

	columns(t, 6, head, w);
	for (i = 0; i < c->n_units; i++) {
		const struct course_unit *u = &c->units[i];
		char *name = xprintf("%s %s", u->id, u->name);
		char *th = xprintf("%d", u->theory_hours);
		char *pr = xprintf("%d", u->practice_hours);
		char *ts = percent(u->theory_share), *ss = percent(u->skill_share);
		char *shares = xprintf("%s / %s", ts, ss);

		add_row(t, u->module, name, th, pr, u->method, shares);
		free(name), free(th), free(pr), free(ts), free(ss), free(shares);
	}
}

/* Whether any of the course's knowledge points carries an X/Y/Z mark. */
static int
any_importance(const struct course *c)
{
	size_t i, k;

	for (i = 0; i < c->n_units; i++)
		for (k = 0; k < c->units[i].n_knowledge; k++)
			if (c->units[i].importance[k])
				return 1;
	return 0;
}

static void
points(struct course_table *t, const struct course *c)
{
	static const char *const head[] = { "学习单元", "知识点", "鉴定比重 %",
	    "题库题数" };
	static const int w[] = { 1500, 4900, 1500, 1500 };
	static const char *const head_marked[] = { "学习单元", "知识点",
	    "重要程度", "鉴定比重 %", "题库题数" };
	static const int w_marked[] = { 1400, 4400, 1000, 1300, 1300 };
	int marked = any_importance(c);
	size_t i, k;

	if (marked) {
		columns(t, 5, head_marked, w_marked);
		t->note = "重要程度：X 核心要素，Y 一般要素，Z 辅助要素。";
	}
	else
		columns(t, 4, head, w);
	for (i = 0; i < c->n_units; i++) {
		const struct course_unit *u = &c->units[i];

		for (k = 0; k < u->n_knowledge; k++) {
			char *pt = course_requirement_text(&u->knowledge[k]);
			char *sh = percent(u->point_share[k]);
			char *n = xprintf("%d", u->point_items[k]);
			char mark[2] = { u->importance[k], '\0' };
			const char *unit = k == 0 ? u->id : "";

			if (marked)
				add_row(t, unit, pt, mark, sh, n);
			else
				add_row(t, unit, pt, sh, n);
			free(pt), free(sh), free(n);
		}
	}
}

static void
skills(struct course_table *t, const struct course *c)
{
	static const char *const head[] = { "学习单元", "技能点", "鉴定比重 %",
	    "考核任务（题库）" };
	static const int w[] = { 3400, 1500, 1500, 3000 };
	size_t i;

	columns(t, 4, head, w);
	for (i = 0; i < c->n_units; i++) {
		const struct course_unit *u = &c->units[i];
		char *name, *n, *sh;

		if (u->n_skills == 0)
			continue;
		name = xprintf("%s %s", u->id, u->name);
		n = xprintf("%zu", u->n_skills);
		sh = percent(u->skill_share);
		add_row(t, name, n, sh, u->task ? u->task->id : "（无）");
		free(name), free(n), free(sh);
	}
}

/* A row per session; its topics (the requirements it teaches) a line
 * each. */
static void
schedule(struct course_table *t, const struct course *c)
{
	static const char *const head[] = { "次", "日期", "星期", "学习单元",
	    "类型", "学时", "内容" };
	static const int w[] = { 600, 1300, 600, 2700, 700, 600, 2900 };
	size_t i, k;

	columns(t, 7, head, w);
	for (i = 0; i < c->n_sessions; i++) {
		const struct course_session *se = &c->sessions[i];
		const struct course_unit *u = &c->units[se->unit];
		const struct requirement *r = se->kind == SESSION_THEORY ?
		    u->knowledge : u->skills;
		char date[11], *no = xprintf("%d", se->no);
		char *h = xprintf("%d", se->hours);
		char *unit = xprintf("%s %s", u->id, u->name);
		struct buf topics = {0};

		course_format_date(se->date, date);
		for (k = se->first; k < se->first + se->count; k++)
			buf_printf(&topics, "%s%s", k > se->first ? "\n" : "",
			    r[k].text);
		add_row(t, no, date, course_weekday_names[course_weekday(se->date)],
		    unit, se->kind == SESSION_THEORY ? "理论" : "实操", h,
		    topics.data);
		free(no), free(h), free(unit);
		buf_free(&topics);
	}
}

void
course_table_make(struct course_table *t, enum course_table_kind kind,
    const struct course *c)
{
	memset(t, 0, sizeof *t);
	switch (kind) {
	case COURSE_TABLE_UNITS:
		units(t, c);
		break;
	case COURSE_TABLE_POINTS:
		points(t, c);
		break;
	case COURSE_TABLE_SKILLS:
		skills(t, c);
		break;
	case COURSE_TABLE_SCHEDULE:
		schedule(t, c);
		break;
	}
}

void
course_table_free(struct course_table *t)
{
	size_t i;

	for (i = 0; i < t->rows * (size_t)t->cols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

const char *const *
course_table_row(const struct course_table *t, size_t r)
{
	return (const char *const *)&t->cells[r * (size_t)t->cols];
}
