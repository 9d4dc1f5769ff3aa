/*
 * coursedocs: tiku course's files. The JSON is course_json's; the ICS
 * carries only what is deterministic: times are floating local times
 * from 09:00, UIDs and DTSTAMP derive from the content, not the clock.
 */
#include "write/coursedocs.h"
#include "write/site.h"
#include "write/export.h"
#include "write/pages.h"
#include "core/dump.h"
#include "core/model.h"
#include "core/outdir.h"
#include "core/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { DAY_START_HOUR = 9 };

/* A content line, folded before 75 octets, never inside a UTF-8 char. */
static void
put_line(struct buf *b, const char *line)
{
	size_t col = 0;

	for (; *line; line++) {
		size_t len = 1;

		if ((unsigned char)*line >= 0xC0)
			while ((line[len] & 0xC0) == 0x80)
				len++;
		if (col + len > 74) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_add(b, line, len);
		col += len;
		line += len - 1;
	}
	buf_puts(b, "\r\n");
}

/* TEXT value escaping (RFC 5545 3.3.11). */
static void
put_text(struct buf *b, const char *name, const char *text)
{
	struct buf v = {0};

	
	buf_puts(&v, name);
	buf_puts(&v, ":");
	for (; *text; text++)
		if (*text == '\\' || *text == ';' || *text == ',') {
			buf_add(&v, "\\", 1);
			buf_add(&v, text, 1);
		} else if (*text == '\n')
			buf_puts(&v, "\\n");
		else
			buf_add(&v, text, 1);
	put_line(b, v.data);
	buf_free(&v);
}

static void
put_time(struct buf *b, const char *name, long day, int hour)
{
	char date[11], line[64];

	course_format_date(day, date);
	snprintf(line, sizeof line, "%s:%.4s%.2s%.2sT%02d0000", name, date,
	    date + 5, date + 8, hour % 100);
	put_line(b, line);
}

static void
put_event(struct buf *b, const struct standard *s, const struct course *c,
    const struct course_session *se)
{
	const struct course_unit *u = &c->units[se->unit];
	const struct requirement *topics = se->kind == SESSION_THEORY ?
	    u->knowledge : u->skills;
	char start[11], *line;
	struct buf desc = {0};
	size_t i;

	course_format_date(c->opt.start, start);
	put_line(b, "BEGIN:VEVENT");
	line = xprintf("UID:%s-L%d-%s-%03d@tiku", s->code ? s->code : "course",
	    c->plan.level, start, se->no);
	put_line(b, line);
	free(line);
	line = xprintf("DTSTAMP:%.4s%.2s%.2sT000000Z", s->modified,
	    s->modified + 5, s->modified + 8);
	put_line(b, line);
	free(line);
	put_time(b, "DTSTART", se->date, DAY_START_HOUR + se->start_hour);
	put_time(b, "DTEND", se->date, DAY_START_HOUR + se->start_hour +
	    se->hours);
	line = xprintf("第%d次 %s %s %s", se->no, se->kind == SESSION_THEORY ?
	    "理论" : "实操", u->id, u->name);
	put_text(b, "SUMMARY", line);
	free(line);
	for (i = se->first; i < se->first + se->count; i++)
		buf_printf(&desc, "%s %s\n", topics[i].id, topics[i].text);
	if (se->n_quiz > 0)
		buf_printf(&desc, "课堂测验：%zu题\n", se->n_quiz);
	put_text(b, "DESCRIPTION", desc.data ? desc.data : "");
	put_text(b, "LOCATION", se->kind == SESSION_THEORY ? c->theory_place :
	    c->practice_place);
	put_line(b, "END:VEVENT");
	buf_free(&desc);
}

char *
coursedocs_ics(const struct standard *s, const struct course *c)
{
	const struct level *lv = standard_level(s, c->plan.level);
	struct buf b = {0};
	char *name;
	size_t i;

	put_line(&b, "BEGIN:VCALENDAR");
	put_line(&b, "VERSION:2.0");
	put_line(&b, "PRODID:-//tiku//course//ZH");
	put_line(&b, "CALSCALE:GREGORIAN");
	name = xprintf("%s %s 教学进度表", s->name, lv->name);
	put_text(&b, "X-WR-CALNAME", name);
	free(name);
	for (i = 0; i < c->n_sessions; i++)
		put_event(&b, s, c, &c->sessions[i]);
	put_line(&b, "END:VCALENDAR");
	return b.data;	/* the caller frees it */
}

static int
put_file(const char *dir, const char *name, const char *text)
{
	char *path = xprintf("%s/%s", dir, name);
	int rc = outdir_put_file(path, text, strlen(text));

	free(path);
	return rc < 0 ? 2 : 0;
}

/* course-LN.docx and lessons-LN.docx into dir. Returns 0 or 2. */
static int
write_docx(const struct standard *s, const struct bank *b,
    const struct course *c, const struct lesson_steps *ls, const char *dir)
{
	char *body, *name;
	int rc;

	body = lessonplan_course_body(s, c);
	name = xprintf("%s/course-L%d.docx", dir, c->plan.level);
	rc = export_docx_package(s, body, name) < 0 ? 2 : 0;
	free(name);
	free(body);
	if (rc == 0) {
		body = lessonplan_lessons_body(s, b, c, ls);
		name = xprintf("%s/lessons-L%d.docx", dir, c->plan.level);
		rc = export_docx_package(s, body ? body : "", name) < 0 ? 2 : 0;
		free(name);
		free(body);
	}
	return rc;
}

/* The schedule as an Excel sheet (教学进度表), the Word table's columns. */
static int
write_xlsx(const struct standard *s, const struct course *c, const char *dir)
{
	static const char *const titles[] = { "次", "日期", "星期", "开始",
	    "学习单元", "单元名称", "模块", "类型", "学时", "内容", "课堂测验" };
	static const double widths[] = { 5, 12, 6, 7, 12, 24, 14, 6, 6, 60, 40 };
	static const char *const days[] = { "一", "二", "三", "四", "五", "六",
	    "日" };
	enum { NCOLS = 11 };
	const char **cells = xcalloc(c->n_sessions * NCOLS + 1, sizeof *cells);
	char **owned = xcalloc(c->n_sessions * 6 + 1, sizeof *owned);
	struct xlsx_table t = { "教学进度表", NULL, titles, widths, NCOLS, cells,
	    c->n_sessions };
	size_t i, k, n_owned = 0;
	char *path, *title;
	int rc;

	for (i = 0; i < c->n_sessions; i++) {
		const struct course_session *se = &c->sessions[i];
		const struct course_unit *u = &c->units[se->unit];
		const struct requirement *r = se->kind == SESSION_THEORY ?
		    u->knowledge : u->skills;
		const char **row = cells + i * NCOLS;
		struct buf topics = {0}, quiz = {0};
		char date[11];

		course_format_date(se->date, date);
		for (k = se->first; k < se->first + se->count; k++)
			buf_printf(&topics, "%s%s %s", k > se->first ? "\n" : "",
			    r[k].id, r[k].text);
		for (k = 0; k < se->n_quiz; k++)
			buf_printf(&quiz, "%s%s", k ? "、" : "", se->quiz[k]->id);
		row[0] = owned[n_owned++] = xprintf("%d", se->no);
		row[1] = owned[n_owned++] = xstrdup(date);
		row[2] = days[course_weekday(se->date)];
		row[3] = owned[n_owned++] = xprintf("%02d:00", DAY_START_HOUR +
		    se->start_hour);
		row[4] = u->id;
		row[5] = u->name;
		row[6] = u->module;
		row[7] = se->kind == SESSION_THEORY ? "理论" : "实操";
		row[8] = owned[n_owned++] = xprintf("%d", se->hours);
		row[9] = topics.data ? topics.data : "";
		row[10] = owned[n_owned++] = quiz.data ? quiz.data : xstrdup("");
		if (topics.data)
			owned[n_owned++] = topics.data;
	}
	title = xprintf("%s 教学进度表（L%d）", s->name, c->plan.level);
	t.title = title;
	path = xprintf("%s/schedule-L%d.xlsx", dir, c->plan.level);
	rc = export_xlsx_table(s, &t, path) < 0 ? 2 : 0;
	for (i = 0; i < n_owned; i++)
		free(owned[i]);
	free(owned);
	free(cells);
	free(path);
	free(title);
	return rc;
}

json_t *
coursedocs_page_data(const struct standard *s, const struct course *c)
{
	json_t *data = json_object(), *items = json_object();
	size_t i, k;

	json_object_set_new(data, "course", course_json(s, c));
	for (i = 0; i < c->n_sessions; i++)
		for (k = 0; k < c->sessions[i].n_quiz; k++)
			json_object_set_new(items, c->sessions[i].quiz[k]->id,
			    item_json(c->sessions[i].quiz[k]));
	json_object_set_new(data, "items", items);
	return data;
}

/*
 * The teacher's page: course.html in the layout, standalone, with
 * present.js and style.css beside it. Renders before anything is
 * written. Returns 0, 1 (template errors in d) or 2.
 */
static int
render_html(const struct standard *s, const struct course *c,
    const struct site_config *cfg, struct diag *d, char **html, char **css,
    size_t *css_len, char **js, size_t *js_len)
{
	const struct level *lv = standard_level(s, c->plan.level);
	json_t *data, *page;
	struct build b;

	if (build_open(&b, s, cfg, d) < 0)
		return 1;
	data = coursedocs_page_data(s, c);
	page = page_json(lv->name, "", NULL);
	json_object_set_new(page, "standalone", json_true());
	json_object_set_new(data, "page", page);
	json_object_set(data, "standard", b.standard);
	*html = render_in_layout(&b, "course.html", "layout.html", data);
	json_decref(data);
	if (*html != NULL) {
		*css = read_asset(&b, "style.css", css_len);
		*js = read_asset(&b, "present.js", js_len);
	}
	build_close(&b);
	return *html && *css && *js ? 0 : 1;
}

int
coursedocs_write(const struct standard *s, const struct bank *b,
    const struct course *c, unsigned formats, const struct site_config *cfg,
    const char *out, struct diag *d)
{
	struct lesson_steps ls = { .n = 0 };
	char *stage, *name, *text, *html = NULL, *css = NULL, *js = NULL;
	size_t css_len = 0, js_len = 0;
	int rc = 0;

	if ((formats & FORMAT_HTML) && (rc = render_html(s, c, cfg, d, &html,
	    &css, &css_len, &js, &js_len)) != 0)
		goto out;

	/* the template is read first: its errors leave nothing behind */
	if (formats & (FORMAT_DOCX | FORMAT_PDF)) {
		name = xprintf("%s/lesson-steps.txt", cfg->templates);
		rc = lessonplan_steps_load(&ls, name, d) < 0 ? 1 : 0;
		free(name);
		if (rc)
			goto out;
	}
	rc = 2;
	if (mkdir(out, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "tiku: %s: %s\n", out, strerror(errno));
		goto out;
	}
	if ((stage = outdir_stage(out)) == NULL)
		goto out;
	rc = 0;
	if (html != NULL) {
		name = xprintf("course-L%d.html", c->plan.level);
		rc = put_file(stage, name, html);
		free(name);
		if (rc == 0)
			rc = put_file(stage, "present.js", js);
		if (rc == 0)
			rc = put_file(stage, "style.css", css);
	}
	if (formats & FORMAT_JSON) {
		json_t *j = course_json(s, c);

		text = dump_string(j);
		json_decref(j);
		name = xprintf("course-L%d.json", c->plan.level);
		rc = put_file(stage, name, text);
		free(name);
		free(text);
	}
	if (rc == 0 && (formats & COURSE_ICS)) {
		text = coursedocs_ics(s, c);
		name = xprintf("course-L%d.ics", c->plan.level);
		rc = put_file(stage, name, text);
		free(name);
		free(text);
	}
	if (rc == 0 && (formats & FORMAT_XLSX))
		rc = write_xlsx(s, c, stage);
	if (rc == 0 && (formats & FORMAT_DOCX))
		rc = write_docx(s, b, c, &ls, stage);
	if (rc == 0 && (formats & FORMAT_PDF)) {
		name = xprintf("%s/course-L%d.pdf", stage, c->plan.level);
		rc = coursepdf_course(s, c, name) < 0 ? 2 : 0;
		free(name);
	}
	if (rc == 0 && (formats & FORMAT_PDF)) {
		name = xprintf("%s/lessons-L%d.pdf", stage, c->plan.level);
		rc = coursepdf_lessons(s, b, c, &ls, name) < 0 ? 2 : 0;
		free(name);
	}
	if (outdir_unstage(stage, out, rc == 0) < 0 && rc == 0)
		rc = 2;
	free(stage);
out:
	lessonplan_steps_free(&ls);
	free(html);
	free(css);
	free(js);
	return rc;
}
