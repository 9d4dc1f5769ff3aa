/*
 * coursedocs: the documents of tiku course, rendered from a planned
 * struct course (plan/course.h): course-LN.json (the contract) and
 * course-LN.ics (the schedule as RFC 5545 events) here; course-LN.docx
 * (课程规范, 考核规范, 教学进度表) and lessons-LN.docx (a 教案 per session) in
 * lessonplan.c.
 */
#ifndef TIKU_COURSEDOCS_H
#define TIKU_COURSEDOCS_H

#include "plan/course.h"

enum { COURSE_ICS = 512 };      /* beside write/site.h's FORMAT_* bits */

struct diag;
struct site_config;

enum { LESSON_STEPS_MAX = 32 };

/* A step of 教学过程 from templates/lesson-steps.txt. */
struct lesson_step {
	enum session_kind kind;
	int percent;            /* of the session's time */
	char *name, *content;   /* owned */
};

struct lesson_steps {
	struct lesson_step steps[LESSON_STEPS_MAX];
	size_t n;
};

/* Read the steps template at path: "theory|PERCENT|STEP|WHAT" lines, each
 * kind's percentages adding up to 100. Returns 0, or -1 with the errors
 * as path:line in d. */
int lessonplan_steps_load(struct lesson_steps *ls, const char *path,
    struct diag *d);
void lessonplan_steps_free(struct lesson_steps *ls);
/* The session's knowledge points whose items a sitting found hard
 * (facility < 0.5, content/stats/), a line each; NULL when none. New
 * string; the caller frees it. */
char *lessonplan_hard_points(const struct bank *b, const struct course *c,
    const struct course_session *se);
/* The steps of se's kind (their indexes into ls in idx) and their
 * minutes, adding up to the session; returns how many. */
size_t lessonplan_minutes(const struct lesson_steps *ls,
    const struct course_session *se, size_t *idx, int *minutes);
/* What both lesson plans (Word and PDF) print, as new strings: a quiz
 * item's key line (答案, 解析, id), a skill task's title and text, and the
 * session's homework. */
char *lessonplan_quiz_key(const struct item *it);
char *lessonplan_task_title(const struct item *task);
char *lessonplan_task_text(const struct item *task);
char *lessonplan_homework(const struct course *c,
    const struct course_session *se);
/* The course specification with the schedule, and the lesson plans, as
 * A4 PDF through typeset.c (coursepdf.c). Return 0, or -1 (printed). */
int coursepdf_course(const struct standard *s, const struct course *c,
    const char *path);
int coursepdf_lessons(const struct standard *s, const struct bank *b,
    const struct course *c, const struct lesson_steps *ls, const char *path);
/* WordprocessingML bodies for export_docx_package (write/export.h): the
 * course specification with the schedule, and every session's lesson
 * plan. New strings; the caller frees them. */
char *lessonplan_course_body(const struct standard *s, const struct course *c);
char *lessonplan_lessons_body(const struct standard *s, const struct bank *b,
    const struct course *c, const struct lesson_steps *ls);

/* What templates/course.html reads besides page and standard: course
 * (course_json) and items (the quiz items by id, as item_json). New. */
json_t *coursedocs_page_data(const struct standard *s, const struct course *c);

/* The schedule as an iCalendar file: one VEVENT per session, UIDs and
 * DTSTAMP from the content, CRLF lines folded at 75 octets. Returns a new
 * string; the caller frees it. */
char *coursedocs_ics(const struct standard *s, const struct course *c);

/*
 * Write the formats (FORMAT_JSON, COURSE_ICS, FORMAT_DOCX, FORMAT_XLSX,
 * FORMAT_HTML) of c into the directory out, together: into a staging
 * directory first, moved in only when every file was written. cfg's
 * templates hold lesson-steps.txt, course.html and present.js. Returns
 * 0, 1 (template errors in d, nothing written) or 2 (message printed).
 */
int coursedocs_write(const struct standard *s, const struct bank *b,
    const struct course *c, unsigned formats, const struct site_config *cfg,
    const char *out, struct diag *d);

#endif
