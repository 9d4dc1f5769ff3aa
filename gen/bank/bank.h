/*
 * bank: the item bank. parse_items.c reads the .md files of content/items (authored
 * items) and generate.c runs CONTENT/generators/ (parametric items); bank.c ties
 * every item to the standard (its area, level, work content), checks it,
 * and answers which items a level may draw for an area.
 */
#ifndef TIKU_BANK_H
#define TIKU_BANK_H

#include <jansson.h>
#include <stddef.h>

#include "core/model.h"

enum item_type { ITEM_JUDGE, ITEM_SINGLE, ITEM_MULTI, ITEM_SKILL, ITEM_REVIEW,
    ITEM_TYPES };

enum { OPTIONS_MAX = 5 };

struct choice {
	char *html;             /* inline HTML, cmark safe mode */
	char *text;
	int line;               /* its line in the file; 0 for generated */
};

/* A 豁免 header line: a reviewer accepts one quality finding of the item
 * (see quality.h), with the reason. */
struct waiver {
	char *rule, *reason;
	int line;
};

/* A rubric line of a skill task or a 要点 of a review question. */
struct score_point {
	int points;             /* 0 for a veto */
	int veto;               /* 否决 */
	int professional;       /* 职业素养: conduct, not the task's product */
	int observed;           /* 现场观察: seen live, not in the deliverables */
	char *html, *text;
	struct origin at;
};

enum task_part { PART_SCENARIO, PART_MATERIALS, PART_TASKS, PART_DELIVERABLES,
    TASK_PARTS };

struct item {
	char *id;
	enum item_type type;
	int difficulty;                 /* 1-5 */
	char **knowledge;               /* knowledge ids as written */
	size_t n_knowledge;
	char *work_content;             /* "L5-W1.1" for skill tasks */
	char *function;                 /* "L2-F1" for review questions */
	char **tags, **enemies;
	size_t n_tags, n_enemies;
	int fixed_order;                /* 选项顺序：固定 */
	struct waiver *waivers;         /* 豁免 */
	size_t n_waivers, cap_waivers;
	int points, minutes;            /* skill tasks and review questions */

	char *stem_html, *stem_text;
	struct choice options[OPTIONS_MAX];
	int n_options;
	unsigned answer;                /* choice: bit i = option i; judge: 1 true */
	char *explanation_html, *explanation_text;
	char *parts_html[TASK_PARTS];   /* skill tasks: what candidates read */
	/* skill tasks, for the exam centre and the examiners only */
	char *station_html;             /* 考场准备: how a station is set up */
	char *reference_html;           /* 参考答案 */
	char *overtime;                 /* 超时: the overtime rule; NULL: none */
	char **attachments;             /* 附件: paths under the content dir */
	size_t n_attachments;
	struct score_point *rubric;     /* skill rubric or review 要点 */
	size_t n_rubric, cap_rubric;

	char *family;                   /* its generator, or its own id */
	int generated;
	char *params;                   /* a generator's parameters, JSON */
	char *misconceptions;           /* a generator's {"B": "…"}, JSON */

	/* resolved by bank_resolve */
	int level;                      /* of its knowledge; 0 = basic requirements */
	const char *area;               /* the weight-table area */
	const char *wc_number;          /* "1.1"; NULL for basic requirements */
	struct origin at;
	const struct item_stat *stat;   /* content/stats/ (itemstats.h); NULL if none */
};

struct bank {
	struct item *items;
	size_t n, cap;
	const struct item **by_id;      /* sorted by id, made by bank_resolve */
	/* FNV-1a of the model's and every item's JSON: plan/paper.c's
	 * content hash, computed on first use and kept (it costs as much as
	 * loading the content) */
	unsigned long long model_hash;
	int has_model_hash;
};

/*
 * Read every *.md of dir/items into b, strings in s's arena. Errors go to
 * d. Returns 0 if none were found, else -1.
 */
int bank_load(struct bank *b, struct standard *s, const char *dir,
    struct diag *d);
/* Tie items to the standard and check them as a whole (ids, enemies). */
void bank_resolve(struct bank *b, const struct standard *s, struct diag *d);
void bank_free(struct bank *b);

const char *item_type_name(enum item_type t);   /* "judge" … */
const char *item_type_label(enum item_type t);  /* "判断题" … */
int item_is_theory(const struct item *it);
/* True if level may draw it into its papers for its area (pool rule). */
int item_in_pool(const struct standard *s, const struct item *it, int level);
/* Letters, digits, '.' and '-', not first: an item id that is safe as a
 * file name, a zip entry and an XML attribute. */
int bank_valid_id(const char *id);
const struct item *bank_find(const struct bank *b, const char *id);

/* The bank of one level as JSON (see README). */
json_t *bank_json(const struct standard *s, const struct bank *b, int level);
json_t *item_json(const struct item *it);

#endif
