/*
 * course: a level's course down to the session (tiku course). The
 * syllabus's module hours (plan/syllabus.c) spread over learning units
 * (one per 工作内容, one per basic-requirement section), the units laid
 * out as dated sessions on the teaching days, and a classroom quiz of
 * bank items per theory session. Pure computation over the model and
 * the bank: no I/O; the writers (write/coursedocs.c) render the result.
 */
#ifndef TIKU_COURSE_H
#define TIKU_COURSE_H

#include <jansson.h>
#include <stddef.h>

#include "bank/bank.h"
#include "plan/syllabus.h"

struct diag;

enum { COURSE_QUIZ_ITEMS = 5 };

/* What the teacher chose on the command line. */
struct course_options {
	int level;
	long start;             /* days since 1970-01-01 */
	int session_hours;      /* a teaching day's hours, 1..8 */
	unsigned days;          /* bit 0 Monday … bit 6 Sunday */
	const long *skip;       /* days since 1970-01-01; borrowed */
	size_t n_skip;
};

struct course_unit {
	const char *id;         /* "L5-W1.1", "B-2.1.1"; borrowed */
	const char *module;     /* the weight-table area */
	const char *name;
	const struct requirement *knowledge, *skills;   /* borrowed arrays */
	size_t n_knowledge, n_skills;
	int theory_hours, practice_hours;
	int overridden;         /* hours from settings.md course_hours */
	const struct unit_hours *override;      /* that line; borrowed */
	int own_knowledge;      /* knowledge is a section's own point: owned */
	/* shares of the assessment, hundredths of a percent */
	int theory_share, skill_share;
	int *point_share;       /* per knowledge point; owned */
	int *point_items;       /* bank items per knowledge point; owned */
	char *importance;       /* per point: 'X', 'Y', 'Z' or 0; owned */
	const char *method;     /* 讲授、演示、实操、案例 */
	const char *method_override;    /* settings.md course_method */
	const struct item *task;        /* a skill task of the unit; or NULL */
};

enum session_kind { SESSION_THEORY, SESSION_PRACTICE };

struct course_session {
	int no;                 /* 1.. */
	long date;              /* days since 1970-01-01 */
	int start_hour;         /* hours after the day's start */
	size_t unit;            /* index into units */
	enum session_kind kind;
	int hours;
	size_t first, count;    /* its topics: requirements of the unit */
	const struct item *quiz[COURSE_QUIZ_ITEMS];
	size_t n_quiz;
	int quiz_repeats;       /* quiz items already used earlier */
};

struct course {
	struct plan plan;
	struct course_options opt;
	struct course_unit *units;      /* owned */
	size_t n_units;
	struct course_session *sessions;        /* owned */
	size_t n_sessions;
	char *theory_place, *practice_place;    /* 1.8.3, owned; "" if absent */
};

/*
 * Plan the course of o->level: units, hours, sessions, quizzes. The
 * level must exist. Settings errors (a course_hours line naming no unit,
 * or hours that do not add up to the module's) go to d as file:line;
 * returns 0, or -1 when there were any (c is then freed).
 */
int course_make(const struct standard *s, const struct bank *b,
    const struct course_options *o, struct course *c, struct diag *d);
void course_free(struct course *c);

/* The course as JSON (README: "tiku course"). A new reference. */
json_t *course_json(const struct standard *s, const struct course *c);

/* Days since 1970-01-01 of "YYYY-MM-DD" (1970..9999); -1 if malformed. */
long course_parse_date(const char *text);
/* "YYYY-MM-DD" of a day number into out[11]. */
void course_format_date(long day, char out[11]);
/* 0 Monday … 6 Sunday. */
int course_weekday(long day);
/* "mon,wed,fri" → bits; returns -1 on an unknown name, 0 for none. */
int course_parse_days(const char *text, unsigned *days);

#endif
