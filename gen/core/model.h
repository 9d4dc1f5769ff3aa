/*
 * model: the in-memory standard. Parsing (parse_standard.c) fills it from
 * the .md files of content/standard; checking (check.c) validates it; everything that
 * renders reads it. All strings and arrays live in the model's arena.
 */
#ifndef TIKU_MODEL_H
#define TIKU_MODEL_H

#include <stddef.h>

#include "core/util.h"

enum { LEVEL_MAX = 9 };         /* levels are numbered 1..LEVEL_MAX */
/* Weighted areas of one level in one table that papers can use; lint
 * refuses more (check.c), so none is dropped when papers are planned. */
enum { AREAS_MAX = 16 };

/* Where a thing was written, for diagnostics. */
struct origin {
	const char *file;
	int line;
};

/* A note (注, 勘误) attached to a section or item: a block quote. */
struct note {
	char *text;
	struct origin at;
};

enum entry_kind { ENTRY_PARAGRAPH, ENTRY_ITEM, ENTRY_FOOTNOTE };

/* A paragraph or list item of a text section (overview, preface). */
struct entry {
	enum entry_kind kind;
	char *number;           /* "1" for "(1) …" items; NULL otherwise */
	char *text;             /* without number and level tag */
	unsigned levels;        /* bit L set: applies to level L; 0: to all */
	struct note *notes;
	size_t n_notes, cap_notes;
	struct origin at;
};

/* A numbered section of running text: "1.8.1 培训参考时长". */
struct section {
	char *number;           /* "1.8.1"; NULL for an unnumbered heading */
	char *title;
	int depth;              /* heading level, 1..6 */
	struct entry *entries;
	size_t n_entries, cap_entries;
	struct note *notes;
	size_t n_notes, cap_notes;
	struct origin at;
};

/* A part of the standard that is running text (preface, overview, intro). */
struct text_part {
	struct section *sections;
	size_t n_sections, cap_sections;
	const char *file;
};

/* A numbered requirement: a skill, a knowledge item or a basic item. */
struct requirement {
	char *number;           /* printed: "1.1.1", or "3" for "(3)" */
	char *id;               /* "L5-K1.1.1", "B-2.2.1.3" */
	char *text;
	struct note *notes;
	size_t n_notes, cap_notes;
	struct origin at;
};

struct work_content {
	char *number;           /* "1.1" */
	char *id;               /* "L5-W1.1" */
	char *name;
	struct requirement *skills, *knowledge;
	size_t n_skills, cap_skills, n_knowledge, cap_knowledge;
	struct note *notes;
	size_t n_notes, cap_notes;
	struct origin at;
};

struct function {
	int number;
	char *id;               /* "L5-F1" */
	char *name;             /* the area name in the weight tables */
	struct work_content *work;
	size_t n_work, cap_work;
	struct origin at;
};

struct level {
	int number;             /* 5 = lowest … 1 = highest, as the standard */
	char *id;               /* "L5" */
	char *name;             /* "五级/初级工" */
	char *part_number;      /* "3.1": the printed number of its chapter */
	int training_hours;     /* 0 when not stated */
	int has_review;
	struct function *functions;
	size_t n_functions, cap_functions;
	struct origin at;       /* its work-requirements heading */
};

/* A basic-requirements section (2.1.2 职业守则) with its items. */
struct basic_section {
	char *number;           /* "2.1.2" */
	char *id;               /* "B-2.1.2" */
	char *title;
	struct requirement *items;
	size_t n_items, cap_items;
	struct note *notes;
	size_t n_notes, cap_notes;
	struct origin at;
};

/* A basic-requirements area (2.1 职业道德): an area of the theory table. */
struct basic_area {
	char *number;           /* "2.1" */
	char *name;
	struct basic_section *sections;
	size_t n_sections, cap_sections;
	struct origin at;
};

enum weight_kind { WEIGHTS_THEORY, WEIGHTS_SKILL, WEIGHTS_KINDS };

enum { WEIGHT_NONE = -1 };      /* "—": the area does not apply */

struct weight_row {
	char *group;            /* "基本要求", "相关知识要求", "技能要求" */
	char *area;
	int percent[LEVEL_MAX + 1];     /* by level number; WEIGHT_NONE */
	struct origin at;
};

struct weight_table {
	int present;
	char *title;            /* the heading above the block */
	struct weight_row *rows;
	size_t n_rows, cap_rows;
	int total[LEVEL_MAX + 1];       /* the 合计 row; WEIGHT_NONE if absent */
	unsigned levels;        /* bit L: the table has a column for level L */
	struct origin at;
};

/* A course_hours or course_method entry of settings.md: one learning
 * unit's hours or training method fixed by the school (tiku course),
 * checked against the units by plan/course.c. */
struct unit_hours {
	char *unit;             /* "L5-W1.1", "B-2.1.1" */
	int theory, practice;   /* -1 for a course_method entry */
	char *method;           /* course_method; NULL for course_hours */
	struct origin at;
};

/* An importance mark of settings.md: a knowledge point as X core, Y general
 * or Z auxiliary (the 鉴定要素细目表's marks), shown in the course's
 * assessment tables; tiku paper --cover-core puts every X point on every
 * form. */
struct importance {
	char *point;            /* "L3-K1.1.1", "B-2.2.1.3" */
	char mark;              /* 'X', 'Y' or 'Z' */
	struct origin at;
};

/* A machine-readable fact, with the section whose text must state it. */
struct fact {
	char *key, *value;
	struct section *section;
	struct origin at;
};

struct standard {
	struct arena arena;
	const char *dir;        /* the content directory */

	char *name;
	char *code;
	struct level levels[LEVEL_MAX];  /* in the standard's order */
	size_t n_levels;
	int pass_mark;
	int theory_minutes, skill_minutes, review_minutes;
	int invigilators_min, examiners_min, review_panel_min;
	char *invigilator_ratio, *examiner_ratio;

	struct fact *facts;
	size_t n_facts, cap_facts;

	struct text_part preface, overview, work_intro;
	struct basic_area *basic;
	size_t n_basic, cap_basic;
	struct origin basic_at;
	struct weight_table weights[WEIGHTS_KINDS];

	/* content/settings.md */
	int theory_share[LEVEL_MAX + 1];   /* % of training hours, by level */
	char *modified;         /* "2024-01-31": the date outputs carry */
	struct unit_hours *unit_hours;  /* course_hours overrides */
	size_t n_unit_hours, cap_unit_hours;
	struct importance *importance;  /* in settings order */
	size_t n_importance, cap_importance;

	const char **files;     /* the files read, in order */
	size_t n_files, cap_files;
	/* the images the content shows, relative to dir (core/media.h) */
	const char **media;
	size_t n_media, cap_media;
};

struct diag;

/*
 * Read every *.md of dir/standard into s (which must be zeroed). Content
 * errors go to d; returns 0 if none were found, -1 otherwise. Free with
 * standard_free even on failure.
 */
int standard_load(struct standard *s, const char *dir, struct diag *d);
/*
 * Read dir/settings.md (the syllabus split, the outputs' date) into s,
 * which must hold a loaded standard. Returns 0, or -1 with errors in d.
 */
int settings_load(struct standard *s, const char *dir, struct diag *d);
/* Check the cross-references and sums of a loaded standard. */
void standard_check(const struct standard *s, struct diag *d);
void standard_free(struct standard *s);

/* Lookups; NULL when absent. */
struct level *standard_level(const struct standard *s, int number);
const struct weight_row *weights_row(const struct weight_table *t,
    const char *area);
const char *weight_kind_name(enum weight_kind k);
/* A knowledge point's importance mark ('X', 'Y', 'Z'), or 0 if unmarked. */
char standard_importance(const struct standard *s, const char *point);

#endif
