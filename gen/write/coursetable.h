/*
 * coursetable: the tables of the course document (课程规范, the two 考核规范
 * tables, 教学进度表) as rows of text cells, built once from a planned
 * course and drawn by both sinks: the Word file (lessonplan.c) and the
 * PDF (coursepdf.c), so the two can never disagree.
 */
#ifndef TIKU_COURSETABLE_H
#define TIKU_COURSETABLE_H

#include "plan/course.h"

enum { COURSE_TABLE_COLS = 8 };

enum course_table_kind {
	COURSE_TABLE_UNITS,     /* 课程规范: module, unit, hours, method, shares */
	COURSE_TABLE_POINTS,    /* 考核规范（理论知识）: by knowledge point */
	COURSE_TABLE_SKILLS,    /* 考核规范（操作技能）: by unit and task */
	COURSE_TABLE_SCHEDULE,  /* 教学进度表: a row per session */
};

struct course_table {
	const char *note;       /* a line above the table, or NULL */
	int cols;
	const char *head[COURSE_TABLE_COLS];
	double share[COURSE_TABLE_COLS];        /* of the text width */
	char **cells;                           /* rows × cols, owned */
	size_t rows;
};

extern const char *const course_weekday_names[7];       /* 一 … 日 */

/* "ID TEXT" with the requirement's notes (注, 勘误) on lines of their own,
 * as the course documents print a requirement. A new string. */
char *course_requirement_text(const struct requirement *r);

void course_table_make(struct course_table *t, enum course_table_kind kind,
    const struct course *c);
void course_table_free(struct course_table *t);
/* Row r's cells, cols of them. */
const char *const *course_table_row(const struct course_table *t, size_t r);

#endif
