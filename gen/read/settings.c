/*
 * settings: content/settings.md, the choices that are not the standard's:
 * how a level's training hours split into theory and practice, the date
 * that outputs (ePub dcterms:modified, zip entries) carry, the course's
 * unit overrides and the knowledge points' importance marks.
 */
#include "core/model.h"
#include "core/diag.h"
#include "core/text.h"

#include <cmark.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A calendar date that zip entries can carry too: their DOS dates run
 * from 1980 to 2107, and 2024-02-31 would silently become March 2nd.
 */
static int
valid_date(const char *v)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };
	int y, m, d, leap;
	char tail;

	if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d,
	    &tail) != 3 || y < 1980 || y > 2107 || m < 1 || m > 12)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

/*
 * course_hours: UNIT=THEORY+PRACTICE, … ("L5-W1.1=4+6"). Whether the
 * units exist and the hours still add up is plan/course.c's to check.
 */
static void
course_hours(struct standard *s, struct diag *d, const char *file, int line,
    const char *value)
{
	struct pair pairs[64];
	int i, n = split_pairs(&s->arena, value, pairs, 64);

	if (n <= 0) {
		diag_add(d, file, line, "course_hours: expected 'UNIT=THEORY+"
		    "PRACTICE, …' (at most 64 per line), e.g. 'L5-W1.1=4+6'");
		return;
	}
	for (i = 0; i < n; i++) {
		struct unit_hours *u;
		int th, pr, used = 0;

		if (sscanf(pairs[i].value, "%3d+%3d%n", &th, &pr, &used) != 2 ||
		    pairs[i].value[used] != '\0' || th < 0 || pr < 0) {
			diag_add(d, file, line, "course_hours: '%s=%s' is not "
			    "UNIT=THEORY+PRACTICE in whole hours, e.g. "
			    "'L5-W1.1=4+6'", pairs[i].key, pairs[i].value);
			continue;
		}
		u = ARENA_PUSH(&s->arena, s->unit_hours, s->n_unit_hours,
		    s->cap_unit_hours);
		u->unit = pairs[i].key;
		u->theory = th;
		u->practice = pr;
		u->at.file = file;
		u->at.line = line;
	}
}

/* course_method: UNIT=METHOD; … ("L5-W1.1=案例、实操"), the methods
 * joined by 、 so that units are separated by ; */
static void
course_method(struct standard *s, struct diag *d, const char *file,
    int line, const char *value)
{
	char *copy = arena_strdup(&s->arena, value), *entry, *save = NULL;

	for (entry = strtok_r(copy, ";；", &save); entry; entry = strtok_r(NULL,
	    ";；", &save)) {
		char *eq = strchr(entry, '=');
		struct unit_hours *u;

		if (eq == NULL || eq == entry || eq[1] == '\0') {
			diag_add(d, file, line, "course_method: '%s' is not UNIT="
			    "METHOD, e.g. 'L5-W1.1=案例、实操'; separate units with ;",
			    entry);
			continue;
		}
		*eq = '\0';
		u = ARENA_PUSH(&s->arena, s->unit_hours, s->n_unit_hours,
		    s->cap_unit_hours);
		u->unit = entry;
		trim(u->unit);
		u->method = eq + 1;
		trim(u->method);
		u->theory = u->practice = -1;
		u->at.file = file;
		u->at.line = line;
	}
}

/* Whether id names a knowledge point: a basic item, a basic section
 * without items (its own point), or a level's knowledge. */
static int
is_knowledge_point(const struct standard *s, const char *id)
{
	size_t i, j, k, m;

	for (i = 0; i < s->n_basic; i++)
		for (j = 0; j < s->basic[i].n_sections; j++) {
			const struct basic_section *sec = &s->basic[i].sections[j];

			if (sec->n_items == 0 && strcmp(sec->id, id) == 0)
				return 1;
			for (k = 0; k < sec->n_items; k++)
				if (strcmp(sec->items[k].id, id) == 0)
					return 1;
		}
	for (i = 0; i < s->n_levels; i++)
		for (j = 0; j < s->levels[i].n_functions; j++) {
			const struct function *fn = &s->levels[i].functions[j];

			for (k = 0; k < fn->n_work; k++)
				for (m = 0; m < fn->work[k].n_knowledge; m++)
					if (strcmp(fn->work[k].knowledge[m].id, id) == 0)
						return 1;
		}
	return 0;
}

char
standard_importance(const struct standard *s, const char *point)
{
	size_t i;

	for (i = 0; i < s->n_importance; i++)
		if (strcmp(s->importance[i].point, point) == 0)
			return s->importance[i].mark;
	return 0;
}

/* importance: POINT=X, POINT=Y, … (X core, Y general, Z auxiliary). */
static void
importance(struct standard *s, struct diag *d, const char *file, int line,
    const char *value)
{
	struct pair pairs[64];
	int i, n = split_pairs(&s->arena, value, pairs, 64);

	if (n <= 0) {
		diag_add(d, file, line, "importance: expected 'POINT=X|Y|Z, …' "
		    "(at most 64 per line), e.g. 'L3-K1.1.1=X'");
		return;
	}
	for (i = 0; i < n; i++) {
		const char *v = pairs[i].value;
		struct importance *im;

		if (!is_knowledge_point(s, pairs[i].key)) {
			diag_add(d, file, line, "importance: '%s' is not a knowledge "
			    "point of the standard (e.g. 'L3-K1.1.1', 'B-2.2.1.3')",
			    pairs[i].key);
			continue;
		}
		if (strlen(v) != 1 || strchr("XYZ", v[0]) == NULL) {
			diag_add(d, file, line, "importance: '%s=%s': the mark is X "
			    "(core), Y (general) or Z (auxiliary)", pairs[i].key, v);
			continue;
		}
		if (standard_importance(s, pairs[i].key)) {
			diag_add(d, file, line, "importance: '%s' is marked twice; "
			    "keep one mark", pairs[i].key);
			continue;
		}
		im = ARENA_PUSH(&s->arena, s->importance, s->n_importance,
		    s->cap_importance);
		im->point = pairs[i].key;
		im->mark = v[0];
		im->at.file = file;
		im->at.line = line;
	}
}

static void
apply(struct standard *s, struct diag *d, const char *file, int line,
    const char *key, const char *value)
{
	if (strcmp(key, "theory_share") == 0) {
		struct pair pairs[LEVEL_MAX + 1];
		int i, n = split_pairs(&s->arena, value, pairs, LEVEL_MAX + 1);

		if (n <= 0) {
			diag_add(d, file, line, "theory_share: expected 'N=percent, "
			    "…', e.g. '5=30'");
			return;
		}
		for (i = 0; i < n; i++) {
			char *end;
			long pct = strtol(pairs[i].value, &end, 10);
			struct level *lv = standard_level(s, atoi(pairs[i].key));

			if (lv == NULL)
				diag_add(d, file, line, "theory_share: '%s' is not a "
				    "level of the standard", pairs[i].key);
			else if (*end || pct < 0 || pct > 100)
				diag_add(d, file, line, "theory_share: '%s' is not a "
				    "percentage 0-100", pairs[i].value);
			else
				s->theory_share[lv->number] = (int)pct;
		}
	} else if (strcmp(key, "modified") == 0) {
		if (!valid_date(value))
			diag_add(d, file, line, "modified: expected a calendar date "
			    "YYYY-MM-DD from 1980 to 2107, not '%s'", value);
		else
			s->modified = arena_strdup(&s->arena, value);
	} else if (strcmp(key, "course_hours") == 0)
		course_hours(s, d, file, line, value);
	else if (strcmp(key, "course_method") == 0)
		course_method(s, d, file, line, value);
	else if (strcmp(key, "importance") == 0)
		importance(s, d, file, line, value);
	else
		diag_add(d, file, line, "unknown setting '%s' (known: "
		    "theory_share, modified, course_hours, course_method, "
		    "importance)", key);
}

int
settings_load(struct standard *s, const char *dir, struct diag *d)
{
	char *file = arena_printf(&s->arena, "%s/settings.md", dir);
	size_t len, before = d->n, i;
	char *data = read_text(file, " the settings", &len, d);
	cmark_node *doc, *n;

	for (i = 0; i <= LEVEL_MAX; i++)
		s->theory_share[i] = -1;
	if (data == NULL)
		return -1;
	doc = cmark_parse_document(data, len, CMARK_OPT_DEFAULT);
	free(data);
	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		const char *cursor;
		struct kv_line kv;
		int line, rc;

		if (cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK ||
		    strcmp(cmark_node_get_fence_info(n), "settings") != 0)
			continue;
		cursor = cmark_node_get_literal(n);
		line = cmark_node_get_start_line(n) + 1;
		while ((rc = kv_next(&s->arena, &cursor, &line, &kv)) != 0)
			if (rc < 0)
				diag_add(d, file, kv.line, "expected 'key: value'");
			else
				apply(s, d, file, kv.line, kv.key, kv.value);
	}
	cmark_node_free(doc);
	if (s->modified == NULL)
		diag_add(d, file, 0, "missing setting 'modified' (the date the "
		    "outputs carry)");
	for (i = 0; i < s->n_levels; i++)
		if (s->theory_share[s->levels[i].number] < 0)
			diag_add(d, file, 0, "theory_share gives no share for level "
			    "%d (%s)", s->levels[i].number, s->levels[i].name);
	return d->n > before ? -1 : 0;
}
