/*
 * lessonplan: the course's Word documents. course-LN.docx holds the
 * 课程规范, 考核规范 and 教学进度表 as tables; lessons-LN.docx a 教案 per
 * session, each on its own page, its 教学过程 from the steps template
 * (templates/lesson-steps.txt). Packaged by docx.c (export_docx_package).
 */
#include "write/coursedocs.h"
#include "write/coursetable.h"
#include "write/export.h"
#include "bank/itemstats.h"
#include "core/diag.h"
#include "core/text.h"
#include "core/util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the steps template ---- */

static int
parse_step(char *line, struct lesson_step *st)
{
	char *f[4], *p = line;
	int i;

	for (i = 0; i < 4; i++) {
		f[i] = p;
		p = i < 3 ? strchr(p, '|') : NULL;
		if (i < 3 && p == NULL)
			return -1;
		if (p)
			*p++ = '\0';
	}
	if (strcmp(f[0], "theory") == 0)
		st->kind = SESSION_THEORY;
	else if (strcmp(f[0], "practice") == 0)
		st->kind = SESSION_PRACTICE;
	else
		return -1;
	st->percent = atoi(f[1]);
	if (st->percent <= 0 || st->percent > 100 || !*f[2])
		return -1;
	st->name = xstrdup(f[2]);
	st->content = xstrdup(f[3]);
	return 0;
}

int
lessonplan_steps_load(struct lesson_steps *ls, const char *path,
    struct diag *d)
{
	size_t len, before = d->n;
	char *text = read_text(path, " the lesson steps", &len, d), *line, *save;
	int lineno = 0, sum[2] = { 0, 0 };

	memset(ls, 0, sizeof *ls);
	if (text == NULL)
		return -1;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL,
	    "\n", &save)) {
		struct lesson_step st;
		char *copy;

		lineno++;
		line[strcspn(line, "\r")] = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		copy = xstrdup(line);
		if (ls->n == LESSON_STEPS_MAX || parse_step(line, &st) < 0) {
			diag_add(d, path, lineno, "expected 'theory|PERCENT|STEP|"
			    "WHAT' or 'practice|…' (at most %d steps), not '%s'",
			    LESSON_STEPS_MAX, copy);
			free(copy);
			continue;
		}
		free(copy);
		sum[st.kind] += st.percent;
		ls->steps[ls->n++] = st;
	}
	free(text);
	if (d->n == before && (sum[0] != 100 || sum[1] != 100))
		diag_add(d, path, 0, "the steps take %d%% of a theory and %d%% of "
		    "a practice session; make each 100", sum[0], sum[1]);
	if (d->n > before) {
		lessonplan_steps_free(ls);
		return -1;
	}
	return 0;
}

void
lessonplan_steps_free(struct lesson_steps *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++) {
		free(ls->steps[i].name);
		free(ls->steps[i].content);
	}
	memset(ls, 0, sizeof *ls);
}

/* ---- WordprocessingML ---- */

static void
para(struct buf *b, const char *style, const char *text)
{
	buf_puts(b, "<w:p>");
	if (style)
		buf_printf(b, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
	if (text && *text) {
		buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
		xml_text(b, text);
		buf_puts(b, "</w:t></w:r>");
	}
	buf_puts(b, "</w:p>");
}

/* A paragraph per line of text. */
static void
para_lines(struct buf *b, const char *text)
{
	char *copy = xstrdup(text), *line, *save = NULL;

	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL,
	    "\n", &save))
		para(b, NULL, line);
	free(copy);
}

static void
page_break(struct buf *b)
{
	buf_puts(b, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

static void
table_open(struct buf *b, const int *widths, int n)
{
	int i;

	buf_puts(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW "
	    "w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/></w:tblPr>"
	    "<w:tblGrid>");
	for (i = 0; i < n; i++)
		buf_printf(b, "<w:gridCol w:w=\"%d\"/>", widths[i]);
	buf_puts(b, "</w:tblGrid>");
}

/* A row of cells; a header row repeats on each page and is bold. */
static void
row(struct buf *b, const int *widths, const char *const *cells, int n,
    int header)
{
	int i;

	buf_puts(b, "<w:tr>");
	if (header)
		buf_puts(b, "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	else
		buf_puts(b, "<w:trPr><w:cantSplit/></w:trPr>");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>"
		    "</w:tcPr><w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr>", widths[i]);
		if (cells[i] && *cells[i]) {
			const char *p = cells[i], *nl;

			buf_puts(b, header ? "<w:r><w:rPr><w:b/></w:rPr>" : "<w:r>");
			for (;;) {      /* a line break for each '\n' */
				char *line;

				nl = strchr(p, '\n');
				line = xprintf("%.*s", nl ? (int)(nl - p) : (int)strlen(p),
				    p);
				buf_puts(b, "<w:t xml:space=\"preserve\">");
				xml_text(b, line);
				buf_puts(b, "</w:t>");
				free(line);
				if (nl == NULL)
					break;
				buf_puts(b, "<w:br/>");
				p = nl + 1;
			}
			buf_puts(b, "</w:r>");
		}
		buf_puts(b, "</w:p></w:tc>");
	}
	buf_puts(b, "</w:tr>");
}

/* A table of the course document. */
static void
course_table(struct buf *b, enum course_table_kind kind,
    const struct course *c)
{
	struct course_table ct;
	int w[COURSE_TABLE_COLS], i;
	size_t r;

	course_table_make(&ct, kind, c);
	if (ct.note)
		para(b, NULL, ct.note);
	for (i = 0; i < ct.cols; i++)
		w[i] = (int)(ct.share[i] * 9400 + 0.5);
	table_open(b, w, ct.cols);
	row(b, w, ct.head, ct.cols, 1);
	for (r = 0; r < ct.rows; r++)
		row(b, w, course_table_row(&ct, r), ct.cols, 0);
	buf_puts(b, "</w:tbl>");
	course_table_free(&ct);
}

char *
lessonplan_course_body(const struct standard *s, const struct course *c)
{
	const struct level *lv = standard_level(s, c->plan.level);
	struct buf b = {0};
	char *t = xprintf("%s（%s）课程规范与教学进度表", s->name, lv->name);
	char start[11];

	para(&b, "Title", t);
	free(t);
	course_format_date(c->opt.start, start);
	t = xprintf("培训总学时 %d（理论 %d，实操 %d）；开课日期 %s，每个教学日 %d "
	    "学时。", c->plan.training_hours, c->plan.theory_hours,
	    c->plan.practice_hours, start, c->opt.session_hours);
	para(&b, NULL, t);
	free(t);
	para(&b, "Heading1", "一、课程规范");
	t = xprintf("理论培训场所：%s；实操培训场所：%s", c->theory_place,
	    c->practice_place);
	para(&b, NULL, t);
	free(t);
	course_table(&b, COURSE_TABLE_UNITS, c);
	para(&b, "Heading1", "二、考核规范（理论知识）");
	course_table(&b, COURSE_TABLE_POINTS, c);
	para(&b, "Heading1", "三、考核规范（操作技能）");
	course_table(&b, COURSE_TABLE_SKILLS, c);
	para(&b, "Heading1", "四、教学进度表");
	course_table(&b, COURSE_TABLE_SCHEDULE, c);
	return b.data;
}

/* ---- lessons-LN.docx ---- */

static void
facts_table(struct buf *b, const struct standard *s, const struct course *c,
    const struct course_session *se)
{
	static const int w[] = { 1500, 3200, 1500, 3200 };
	const struct level *lv = standard_level(s, c->plan.level);
	const struct course_unit *u = &c->units[se->unit];
	char date[11], *dw, *h = xprintf("%d", se->hours);
	char *unit = xprintf("%s %s", u->id, u->name);
	const char *r1[] = { "课程", s->name, "级别", lv->name };
	const char *r2[4] = { "日期", NULL, "学时", h };
	const char *r3[] = { "学习单元", unit, "课型", se->kind ==
	    SESSION_THEORY ? "理论课" : "实操课" };
	const char *r4[] = { "教学方法", u->method, "教学场所", se->kind ==
	    SESSION_THEORY ? c->theory_place : c->practice_place };

	course_format_date(se->date, date);
	dw = xprintf("%s（星期%s）", date, course_weekday_names[course_weekday(se->date)]);
	r2[1] = dw;
	table_open(b, w, 4);
	row(b, w, r1, 4, 0);
	row(b, w, r2, 4, 0);
	row(b, w, r3, 4, 0);
	row(b, w, r4, 4, 0);
	buf_puts(b, "</w:tbl>");
	free(dw), free(h), free(unit);
}

char *
lessonplan_hard_points(const struct bank *bk, const struct course *c,
    const struct course_session *se)
{
	const struct course_unit *u = &c->units[se->unit];
	struct buf b = {0};
	size_t i, k, m;

	for (k = se->first; se->kind == SESSION_THEORY &&
	    k < se->first + se->count; k++)
		for (i = 0; i < bk->n; i++) {
			const struct item *it = &bk->items[i];

			if (it->stat == NULL || isnan(it->stat->p) || it->stat->p >= 0.5)
				continue;
			for (m = 0; m < it->n_knowledge; m++)
				if (strcmp(it->knowledge[m], u->knowledge[k].id) == 0) {
					buf_printf(&b, "%s难点：%s %s（试题 %s 通过率 %.2f，%s）",
					    b.len ? "\n" : "", u->knowledge[k].id,
					    u->knowledge[k].text, it->id, it->stat->p,
					    it->stat->sitting);
					break;
				}
		}
	return b.data;
}

size_t
lessonplan_minutes(const struct lesson_steps *ls,
    const struct course_session *se, size_t *idx, int *minutes)
{
	int pct[LESSON_STEPS_MAX] = {0};
	size_t i, n = 0;

	for (i = 0; i < ls->n; i++)
		if (ls->steps[i].kind == se->kind) {
			idx[n] = i;
			pct[n++] = ls->steps[i].percent;
		}
	/* minutes that add up to the session exactly */
	apportion(pct, n, se->hours * 60, minutes);
	return n;
}

static void
key_points(struct buf *b, const struct bank *bk, const struct course *c,
    const struct course_session *se)
{
	char *hard = lessonplan_hard_points(bk, c, se), *line, *save = NULL;

	para(b, "Heading2", "重点与难点");
	if (hard == NULL) {
		para(b, NULL, "重点：");
		para(b, NULL, "难点：");
		return;
	}
	for (line = strtok_r(hard, "\n", &save); line; line = strtok_r(NULL,
	    "\n", &save))
		para(b, NULL, line);
	free(hard);
}

static void
process_table(struct buf *b, const struct lesson_steps *ls,
    const struct course_session *se)
{
	static const int w[] = { 1800, 1200, 6400 };
	static const char *const head[] = { "教学环节", "时间（分钟）",
	    "教学内容与方法" };
	int min[LESSON_STEPS_MAX] = {0};
	size_t i, idx[LESSON_STEPS_MAX], n = lessonplan_minutes(ls, se, idx, min);

	table_open(b, w, 3);
	row(b, w, head, 3, 1);
	for (i = 0; i < n; i++) {
		char *m = xprintf("%d", min[i]);
		const char *cells[] = { ls->steps[idx[i]].name, m,
		    ls->steps[idx[i]].content };

		row(b, w, cells, 3, 0);
		free(m);
	}
	buf_puts(b, "</w:tbl>");
}

/* ---- text both the Word and the PDF lesson plans print ---- */

char *
lessonplan_quiz_key(const struct item *it)
{
	struct buf key = {0};
	int o;

	if (it->type == ITEM_JUDGE)
		buf_puts(&key, it->answer ? "答案：√" : "答案：×");
	else {
		buf_puts(&key, "答案：");
		for (o = 0; o < it->n_options; o++)
			if (it->answer & (1u << o))
				buf_putc(&key, (char)('A' + o));
	}
	if (it->explanation_text && *it->explanation_text)
		buf_printf(&key, "。解析：%s", it->explanation_text);
	buf_printf(&key, "（%s）", it->id);
	return key.data;
}

char *
lessonplan_task_title(const struct item *task)
{
	return xprintf("%s（%d 分，%d 分钟）", task->id, task->points,
	    task->minutes);
}

char *
lessonplan_task_text(const struct item *task)
{
	char *html = task_html(task), *text = html_text(html);

	free(html);
	return text;
}

char *
lessonplan_homework(const struct course *c, const struct course_session *se)
{
	const struct course_unit *u = &c->units[se->unit];
	const struct requirement *r = se->kind == SESSION_THEORY ? u->knowledge :
	    u->skills;
	struct buf ids = {0};
	char *t;
	size_t k;

	for (k = se->first; k < se->first + se->count; k++)
		buf_printf(&ids, "%s%s", k > se->first ? "、" : "", r[k].id);
	if (se->kind == SESSION_THEORY && ids.data)
		t = xprintf("在自学站点本级别的练习（L%d/practice.html）中练习知识点 "
		    "%s。", c->plan.level, ids.data);
	else
		t = xprintf("在自学站点本级别的练习（L%d/practice.html）中练习本单元"
		    "（%s）的知识点。", c->plan.level, u->id);
	buf_free(&ids);
	return t;
}

static void
quiz(struct buf *b, const struct course *c, const struct course_session *se)
{
	const struct course_unit *u = &c->units[se->unit];
	size_t i;
	int o;

	if (se->kind == SESSION_PRACTICE) {
		para(b, "Heading2", "实操任务");
		if (u->task == NULL) {
			para(b, NULL, "（题库中尚无本单元的操作技能试题，请自拟任务。）");
			return;
		}
		{
			char *t = lessonplan_task_title(u->task);
			char *text = lessonplan_task_text(u->task);

			para(b, NULL, t);
			para(b, NULL, text);
			free(t), free(text);
		}
		return;
	}
	para(b, "Heading2", "课堂测验");
	for (i = 0; i < se->n_quiz; i++) {
		const struct item *it = se->quiz[i];
		char *t = xprintf("%zu. [%s] %s", i + 1, item_type_label(it->type),
		    it->stem_text);

		para(b, NULL, t);
		free(t);
		for (o = 0; o < it->n_options; o++) {
			t = xprintf("%c. %s", 'A' + o, it->options[o].text);
			para(b, NULL, t);
			free(t);
		}
		t = lessonplan_quiz_key(it);
		para(b, NULL, t);
		free(t);
	}
	if (se->n_quiz < COURSE_QUIZ_ITEMS) {
		char *t = xprintf("（题库中本次知识点的试题只有 %zu 道，少于 %d 道。）",
		    se->n_quiz, COURSE_QUIZ_ITEMS);

		para(b, NULL, t);
		free(t);
	}
}

static void
lesson(struct buf *b, const struct standard *s, const struct bank *bk,
    const struct course *c, const struct lesson_steps *ls,
    const struct course_session *se)
{
	const struct course_unit *u = &c->units[se->unit];
	const struct requirement *r = se->kind == SESSION_THEORY ? u->knowledge :
	    u->skills;
	size_t k;
	char *t = xprintf("教案（第 %d 次课）", se->no);

	para(b, "Title", t);
	free(t);
	facts_table(b, s, c, se);
	para(b, "Heading2", "教学目标");
	for (k = se->first; k < se->first + se->count; k++) {
		t = course_requirement_text(&r[k]);
		para_lines(b, t);
		free(t);
	}
	key_points(b, bk, c, se);
	para(b, "Heading2", "教学过程");
	process_table(b, ls, se);
	quiz(b, c, se);
	para(b, "Heading2", "课后作业");
	t = lessonplan_homework(c, se);
	para(b, NULL, t);
	free(t);
	para(b, "Heading2", "教学反思");
	para(b, NULL, "");
	para(b, NULL, "");
}

char *
lessonplan_lessons_body(const struct standard *s, const struct bank *bk,
    const struct course *c, const struct lesson_steps *ls)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < c->n_sessions; i++) {
		if (i > 0)
			page_break(&b);
		lesson(&b, s, bk, c, ls, &c->sessions[i]);
	}
	return b.data;
}
