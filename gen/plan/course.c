/*
 * course: learning units with hours and assessment shares, dated
 * sessions, classroom quizzes. Takes the model, the bank and the
 * teacher's calendar; gives a struct course (course.h) and its JSON.
 */
#include "plan/course.h"
#include "core/diag.h"
#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- calendar ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

long
course_parse_date(const char *text)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, used = 0, leap;

	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
	    sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 ||
	    used != 10 || y < 1970 || m < 1 || m > 12)
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d < 1 || d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	return days_from_civil(y, (unsigned)m, (unsigned)d);
}

void
course_format_date(long day, char out[11])
{
	long z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097, y;
	unsigned doe = (unsigned)(z - era * 146097), yoe, doy, mp, d, m;

	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y + (m <= 2)) % 10000u,
	    m % 100, d % 100);
}

int
course_weekday(long day)
{
	/* 1970-01-01 was a Thursday (3) */
	return (int)(((day % 7) + 7 + 3) % 7);
}

int
course_parse_days(const char *text, unsigned *days)
{
	static const char *const names[] = { "mon", "tue", "wed", "thu", "fri",
	    "sat", "sun" };
	const char *p = text;

	*days = 0;
	while (*p) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < 7; i++)
			if (len == 3 && strncmp(p, names[i], 3) == 0)
				break;
		if (len > 0 && i == 7)
			return -1;
		if (len > 0)
			*days |= 1u << i;
		p += len + (p[len] == ',');
	}
	return 0;
}

/* ---- units ---- */

static const struct module_hours *
module_of(const struct plan *p, const char *area)
{
	size_t i;

	for (i = 0; i < p->n_modules; i++)
		if (strcmp(p->modules[i].area, area) == 0)
			return &p->modules[i];
	return NULL;
}

/* A basic section without numbered items is itself the knowledge point. */
static void
add_basic_units(const struct standard *s, struct course *c)
{
	size_t i, j;

	for (i = 0; i < s->n_basic; i++)
		for (j = 0; j < s->basic[i].n_sections; j++) {
			const struct basic_section *sec = &s->basic[i].sections[j];
			struct course_unit *u = &c->units[c->n_units++];

			u->id = sec->id;
			u->module = s->basic[i].name;
			u->name = sec->title;
			if (sec->n_items > 0) {
				u->knowledge = sec->items;
				u->n_knowledge = sec->n_items;
			} else {
				struct requirement *self = xcalloc(1, sizeof *self);

				self->number = sec->number;
				self->id = sec->id;
				self->text = sec->title;
				self->at = sec->at;
				u->knowledge = self;
				u->n_knowledge = 1;
				u->own_knowledge = 1;
			}
		}
}

static void
add_units(const struct standard *s, const struct level *lv, struct course *c)
{
	size_t i, j, n = 0;

	for (i = 0; i < s->n_basic; i++)
		n += s->basic[i].n_sections;
	for (i = 0; i < lv->n_functions; i++)
		n += lv->functions[i].n_work;
	c->units = xcalloc(n + 1, sizeof *c->units);
	add_basic_units(s, c);
	for (i = 0; i < lv->n_functions; i++)
		for (j = 0; j < lv->functions[i].n_work; j++) {
			const struct work_content *wc = &lv->functions[i].work[j];
			struct course_unit *u = &c->units[c->n_units++];

			u->id = wc->id;
			u->module = lv->functions[i].name;
			u->name = wc->name;
			u->knowledge = wc->knowledge;
			u->n_knowledge = wc->n_knowledge;
			u->skills = wc->skills;
			u->n_skills = wc->n_skills;
		}
}

/* Does id name a unit of any level (so an override for another level is
 * not an error)? */
static int
is_unit_id(const struct standard *s, const char *id)
{
	size_t i, j, k;

	for (i = 0; i < s->n_basic; i++)
		for (j = 0; j < s->basic[i].n_sections; j++)
			if (strcmp(s->basic[i].sections[j].id, id) == 0)
				return 1;
	for (i = 0; i < s->n_levels; i++)
		for (j = 0; j < s->levels[i].n_functions; j++)
			for (k = 0; k < s->levels[i].functions[j].n_work; k++)
				if (strcmp(s->levels[i].functions[j].work[k].id, id) == 0)
					return 1;
	return 0;
}

static void
apply_overrides(const struct standard *s, struct course *c, struct diag *d)
{
	size_t i, k;

	for (i = 0; i < s->n_unit_hours; i++) {
		const struct unit_hours *o = &s->unit_hours[i];

		if (!is_unit_id(s, o->unit)) {
			diag_add(d, o->at.file, o->at.line, "%s: '%s' names "
			    "no learning unit: use a work content id (L5-W1.1) or a "
			    "basic-requirement section id (B-2.1.1)", o->method ?
			    "course_method" : "course_hours", o->unit);
			continue;
		}
		for (k = 0; k < c->n_units; k++)
			if (strcmp(c->units[k].id, o->unit) == 0 && o->method)
				c->units[k].method_override = o->method;
			else if (strcmp(c->units[k].id, o->unit) == 0) {
				c->units[k].theory_hours = o->theory;
				c->units[k].practice_hours = o->practice;
				c->units[k].overridden = 1;
				c->units[k].override = o;
			}
	}
}

/*
 * Spread one column (theory or practice) of a module over its units not
 * fixed in settings.md, by their knowledge (theory) or skill (practice)
 * points, largest remainder; evenly when none has points.
 */
static void
spread_column(struct course *c, const struct module_hours *m, int practice,
    struct diag *d)
{
	int total = practice ? m->practice_hours : m->theory_hours;
	int fixed = 0, *w, *out, any = 0;
	size_t i, free_units = 0;
	const struct unit_hours *last = NULL;

	w = xcalloc(c->n_units + 1, sizeof *w);
	out = xcalloc(c->n_units + 1, sizeof *out);
	for (i = 0; i < c->n_units; i++) {
		struct course_unit *u = &c->units[i];

		if (strcmp(u->module, m->area) != 0)
			continue;
		if (u->overridden) {
			fixed += practice ? u->practice_hours : u->theory_hours;
			last = u->override;
			continue;
		}
		free_units++;
		w[i] = (int)(practice ? u->n_skills : u->n_knowledge);
		any |= w[i] > 0;
	}
	if (last != NULL && (fixed > total || (free_units == 0 &&
	    fixed != total)))
		diag_add(d, last->at.file, last->at.line, "course_hours: the units "
		    "of %s fixed here take %d %s hours, but the syllabus gives the "
		    "module %d at level %d: %s", m->area, fixed, practice ?
		    "practice" : "theory", total, c->plan.level, fixed > total ?
		    "lower them" : "make them add up, or leave a unit out");
	for (i = 0; i < c->n_units && !any; i++)
		if (strcmp(c->units[i].module, m->area) == 0 &&
		    !c->units[i].overridden)
			w[i] = 1;
	if (fixed <= total) {
		apportion(w, c->n_units, total - fixed, out);
		for (i = 0; i < c->n_units; i++)
			if (strcmp(c->units[i].module, m->area) == 0 &&
			    !c->units[i].overridden) {
				if (practice)
					c->units[i].practice_hours = out[i];
				else
					c->units[i].theory_hours = out[i];
			}
	}
	free(w);
	free(out);
}

/* Units whose module has no hours at this level (no weight in either
 * table) keep none. */
static void
spread_hours(struct course *c, struct diag *d)
{
	size_t i;

	for (i = 0; i < c->plan.n_modules; i++) {
		spread_column(c, &c->plan.modules[i], 0, d);
		spread_column(c, &c->plan.modules[i], 1, d);
	}
	for (i = 0; i < c->n_units; i++)
		if (module_of(&c->plan, c->units[i].module) == NULL &&
		    !c->units[i].overridden)
			c->units[i].theory_hours = c->units[i].practice_hours = 0;
}

/*
 * The level's pool of theory items by knowledge point: (point, item)
 * pairs sorted by point, then by bank order, so that a point's items are
 * one range found by bisection. Scanning the bank for every point was a
 * sixth of tiku lint.
 */
struct point_index {
	struct point_entry {
		const char *point;
		size_t item;            /* index in the bank */
	} *e;
	size_t n;
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct point_entry *x = a, *y = b;
	int c = strcmp(x->point, y->point);

	return c ? c : (x->item > y->item) - (x->item < y->item);
}

static void
point_index_make(struct point_index *px, const struct standard *s,
    const struct bank *b, int level)
{
	size_t j, k, cap = 0;

	px->e = NULL;
	px->n = 0;
	for (j = 0; j < b->n; j++) {
		const struct item *it = &b->items[j];

		if (!item_is_theory(it) || !item_in_pool(s, it, level))
			continue;
		for (k = 0; k < it->n_knowledge; k++) {
			if (px->n == cap) {
				cap = cap ? 2 * cap : 256;
				px->e = xrealloc(px->e, cap * sizeof *px->e);
			}
			px->e[px->n].point = it->knowledge[k];
			px->e[px->n++].item = j;
		}
	}
	if (px->n)
		qsort(px->e, px->n, sizeof *px->e, entry_cmp);
}

/* The entries on point: *n of them from the returned one. */
static const struct point_entry *
point_items(const struct point_index *px, const char *point, size_t *n)
{
	size_t lo = 0, hi = px->n, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(px->e[mid].point, point) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < px->n && strcmp(px->e[end].point, point) == 0;
	    end++)
		;
	*n = end - lo;
	return px->e + lo;
}

/*
 * The assessment: a module's theory weight (in hundredths of a percent)
 * spread evenly over its knowledge points, its skill weight over its
 * units by skill points; both exact by largest remainder.
 */
static void
assessment(const struct bank *b, const struct point_index *px,
    struct course *c)
{
	size_t i, j, k, m;

	for (m = 0; m < c->plan.n_modules; m++) {
		const struct module_hours *mh = &c->plan.modules[m];
		size_t npts = 0, at = 0;
		int *w, *out, *sw, *sout;

		for (i = 0; i < c->n_units; i++)
			if (strcmp(c->units[i].module, mh->area) == 0)
				npts += c->units[i].n_knowledge;
		w = xcalloc(npts + 1, sizeof *w);
		out = xcalloc(npts + 1, sizeof *out);
		sw = xcalloc(c->n_units + 1, sizeof *sw);
		sout = xcalloc(c->n_units + 1, sizeof *sout);
		for (j = 0; j < npts; j++)
			w[j] = 1;
		apportion(w, npts, mh->theory_weight > 0 ? mh->theory_weight * 100 :
		    0, out);
		for (i = 0; i < c->n_units; i++)
			if (strcmp(c->units[i].module, mh->area) == 0)
				sw[i] = (int)c->units[i].n_skills;
		apportion(sw, c->n_units, mh->skill_weight > 0 ?
		    mh->skill_weight * 100 : 0, sout);
		for (i = 0; i < c->n_units; i++) {
			struct course_unit *u = &c->units[i];

			if (strcmp(u->module, mh->area) != 0)
				continue;
			u->skill_share = sout[i];
			for (k = 0; k < u->n_knowledge; k++) {
				u->point_share[k] = out[at++];
				u->theory_share += u->point_share[k];
			}
		}
		free(w);
		free(out);
		free(sw);
		free(sout);
	}
	for (i = 0; i < c->n_units; i++) {
		struct course_unit *u = &c->units[i];

		for (k = 0; k < u->n_knowledge; k++) {
			size_t n;

			point_items(px, u->knowledge[k].id, &n);
			u->point_items[k] = (int)n;
		}
		for (j = 0; j < b->n && u->task == NULL; j++)
			if (b->items[j].type == ITEM_SKILL &&
			    b->items[j].work_content != NULL &&
			    strcmp(b->items[j].work_content, u->id) == 0)
				u->task = &b->items[j];
		u->method = u->method_override ? u->method_override :
		    u->practice_hours > 0 ? (u->theory_hours > 0 ?
		    "讲授、演示、实操" : "演示、实操") : "讲授、案例";
	}
}

/* ---- schedule ---- */

static int
is_teaching_day(const struct course_options *o, long day)
{
	size_t i;

	if (!(o->days & (1u << course_weekday(day))))
		return 0;
	for (i = 0; i < o->n_skip; i++)
		if (o->skip[i] == day)
			return 0;
	return 1;
}

struct cursor {
	long day;
	int used;               /* hours of the day taken */
	int started;
};

/* The slot for up to want hours: the rest of today, or the next day. */
static int
take_slot(const struct course_options *o, struct cursor *cur, int want)
{
	if (!cur->started || cur->used == o->session_hours) {
		cur->day = cur->started ? cur->day + 1 : o->start;
		while (!is_teaching_day(o, cur->day))
			cur->day++;
		cur->used = 0;
		cur->started = 1;
	}
	return want < o->session_hours - cur->used ? want :
	    o->session_hours - cur->used;
}

/* A unit's block of one kind as sessions; topics spread in proportion. */
static void
schedule_block(struct course *c, struct cursor *cur, size_t unit,
    enum session_kind kind, size_t *cap)
{
	const struct course_unit *u = &c->units[unit];
	int total = kind == SESSION_THEORY ? u->theory_hours : u->practice_hours;
	size_t npts = kind == SESSION_THEORY ? u->n_knowledge : u->n_skills;
	int done = 0;

	while (done < total) {
		int h = take_slot(&c->opt, cur, total - done);
		struct course_session *se;
		size_t first = (size_t)done * npts / (size_t)total;
		size_t end = (size_t)(done + h) * npts / (size_t)total;

		if (c->n_sessions == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			c->sessions = xrealloc(c->sessions, *cap * sizeof *se);
		}
		se = &c->sessions[c->n_sessions];
		memset(se, 0, sizeof *se);
		se->no = (int)++c->n_sessions;
		se->date = cur->day;
		se->start_hour = cur->used;
		se->unit = unit;
		se->kind = kind;
		se->hours = h;
		if (end <= first && npts > 0) {
			first = first < npts ? first : npts - 1;
			end = first + 1;
		}
		se->first = first;
		se->count = end - first;
		cur->used += h;
		done += h;
	}
}

/* ---- quizzes ---- */

static int
in_quiz(const struct course_session *se, const struct item *it)
{
	size_t i;

	for (i = 0; i < se->n_quiz; i++)
		if (se->quiz[i] == it)
			return 1;
	return 0;
}

/*
 * Up to five items on the session's points, a point at a time in turn so
 * that each is asked; items unused in the course first, used ones only
 * when the bank has no other.
 */
static void
fill_quiz(const struct bank *b, const struct point_index *px,
    struct course *c, struct course_session *se, unsigned char *used)
{
	const struct course_unit *u = &c->units[se->unit];
	int reuse, progress;

	for (reuse = 0; reuse < 2; reuse++)
		do {
			size_t k;

			progress = 0;
			for (k = se->first; k < se->first + se->count &&
			    se->n_quiz < COURSE_QUIZ_ITEMS; k++) {
				size_t e, n;
				const struct point_entry *on = point_items(px,
				    u->knowledge[k].id, &n);

				for (e = 0; e < n; e++) {
					size_t j = on[e].item;
					const struct item *it = &b->items[j];

					if (used[j] != reuse || in_quiz(se, it))
						continue;
					se->quiz[se->n_quiz++] = it;
					se->quiz_repeats += reuse;
					used[j] = 1;
					progress = 1;
					break;
				}
			}
		} while (progress && se->n_quiz < COURSE_QUIZ_ITEMS);
}

static void
quizzes(const struct bank *b, const struct point_index *px, struct course *c)
{
	unsigned char *used = xcalloc(b->n + 1, 1);
	size_t i;

	for (i = 0; i < c->n_sessions; i++)
		if (c->sessions[i].kind == SESSION_THEORY)
			fill_quiz(b, px, c, &c->sessions[i], used);
	free(used);
}

/*
 * 1.8.3: where theory and practice are trained. Its text may give both in
 * one paragraph, clause by clause (；); the clause naming 理论 is the
 * theory place, the other the practice place.
 */
static void
places(const struct standard *s, struct course *c)
{
	size_t i, j;

	for (i = 0; i < s->overview.n_sections; i++) {
		const struct section *sec = &s->overview.sections[i];

		if (sec->number == NULL || strcmp(sec->number, "1.8.3") != 0)
			continue;
		for (j = 0; j < sec->n_entries; j++) {
			const char *t = sec->entries[j].text;

			while (*t) {
				const char *end = strstr(t, "；");
				size_t len = end ? (size_t)(end - t) : strlen(t);
				char *clause = xcalloc(len + 1, 1);

				memcpy(clause, t, len);
				if (strstr(clause, "理论") && c->theory_place == NULL)
					c->theory_place = clause;
				else if (c->practice_place == NULL)
					c->practice_place = clause;
				else
					free(clause);
				t += len + (end ? strlen("；") : 0);
			}
		}
	}
	if (c->theory_place == NULL)
		c->theory_place = xstrdup("");
	if (c->practice_place == NULL)
		c->practice_place = xstrdup("");
}

int
course_make(const struct standard *s, const struct bank *b,
    const struct course_options *o, struct course *c, struct diag *d)
{
	const struct level *lv = standard_level(s, o->level);
	size_t before = d->n, i, cap = 0;
	struct cursor cur = { 0, 0, 0 };
	struct point_index px;

	memset(c, 0, sizeof *c);
	if (lv == NULL || plan_make(s, o->level, &c->plan) < 0)
		return -1;
	c->opt = *o;
	add_units(s, lv, c);
	for (i = 0; i < c->n_units; i++) {
		c->units[i].point_share = xcalloc(c->units[i].n_knowledge + 1,
		    sizeof (int));
		c->units[i].point_items = xcalloc(c->units[i].n_knowledge + 1,
		    sizeof (int));
		c->units[i].importance = xcalloc(c->units[i].n_knowledge + 1, 1);
		for (size_t k = 0; k < c->units[i].n_knowledge; k++)
			c->units[i].importance[k] = standard_importance(s,
			    c->units[i].knowledge[k].id);
	}
	apply_overrides(s, c, d);
	spread_hours(c, d);
	if (d->n > before) {
		course_free(c);
		return -1;
	}
	point_index_make(&px, s, b, c->plan.level);
	assessment(b, &px, c);
	places(s, c);
	for (i = 0; i < c->n_units; i++) {
		schedule_block(c, &cur, i, SESSION_THEORY, &cap);
		schedule_block(c, &cur, i, SESSION_PRACTICE, &cap);
	}
	quizzes(b, &px, c);
	free(px.e);
	return 0;
}

void
course_free(struct course *c)
{
	size_t i;

	for (i = 0; i < c->n_units; i++) {
		if (c->units[i].own_knowledge)
			free((void *)c->units[i].knowledge);
		free(c->units[i].point_share);
		free(c->units[i].point_items);
		free(c->units[i].importance);
	}
	free(c->units);
	free(c->sessions);
	free(c->theory_place);
	free(c->practice_place);
	plan_free(&c->plan);
	memset(c, 0, sizeof *c);
}

/* ---- JSON ---- */

static const char *const day_names[] = { "mon", "tue", "wed", "thu", "fri",
    "sat", "sun" };

static json_t *
date_json(long day)
{
	char text[11];

	course_format_date(day, text);
	return json_string(text);
}

static json_t *
ids_json(const struct requirement *r, size_t first, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = first; i < first + n; i++)
		json_array_append_new(a, json_string(r[i].id));
	return a;
}

static json_t *
unit_json(const struct course *c, const struct course_unit *u)
{
	json_t *o = json_object(), *reqs = json_array(), *pts = json_array();
	size_t k;

	json_object_set_new(o, "id", json_string(u->id));
	json_object_set_new(o, "module", json_string(u->module));
	json_object_set_new(o, "name", json_string(u->name));
	json_object_set_new(o, "theory_hours", json_integer(u->theory_hours));
	json_object_set_new(o, "practice_hours", json_integer(u->practice_hours));
	json_object_set_new(o, "hours_from", json_string(u->overridden ?
	    "settings" : "syllabus"));
	json_object_set_new(o, "knowledge", ids_json(u->knowledge, 0,
	    u->n_knowledge));
	json_object_set_new(o, "skills", ids_json(u->skills, 0, u->n_skills));
	for (k = 0; k < u->n_skills; k++) {
		json_t *r = json_object();

		json_object_set_new(r, "id", json_string(u->skills[k].id));
		json_object_set_new(r, "kind", json_string("skill"));
		json_object_set_new(r, "text", json_string(u->skills[k].text));
		json_array_append_new(reqs, r);
	}
	for (k = 0; k < u->n_knowledge; k++) {
		json_t *r = json_object(), *p = json_object();

		json_object_set_new(r, "id", json_string(u->knowledge[k].id));
		json_object_set_new(r, "kind", json_string("knowledge"));
		json_object_set_new(r, "text", json_string(u->knowledge[k].text));
		if (u->knowledge[k].n_notes) {
			json_t *notes = json_array();

			for (size_t n = 0; n < u->knowledge[k].n_notes; n++)
				json_array_append_new(notes, json_string(
				    u->knowledge[k].notes[n].text));
			json_object_set_new(r, "notes", notes);
		}
		json_array_append_new(reqs, r);
		json_object_set_new(p, "id", json_string(u->knowledge[k].id));
		json_object_set_new(p, "share_bp", json_integer(u->point_share[k]));
		json_object_set_new(p, "bank_items", json_integer(u->point_items[k]));
		json_object_set_new(p, "importance", u->importance[k] ?
		    json_stringn(&u->importance[k], 1) : json_null());
		json_array_append_new(pts, p);
	}
	json_object_set_new(o, "requirements", reqs);
	json_object_set_new(o, "method", json_string(u->method));
	json_object_set_new(o, "theory_place", json_string(c->theory_place));
	json_object_set_new(o, "practice_place", json_string(c->practice_place));
	json_object_set_new(o, "theory_share_bp", json_integer(u->theory_share));
	json_object_set_new(o, "skill_share_bp", json_integer(u->skill_share));
	json_object_set_new(o, "knowledge_points", pts);
	json_object_set_new(o, "skill_task", u->task ? json_string(u->task->id) :
	    json_null());
	return o;
}

static json_t *
session_json(const struct course *c, const struct course_session *se)
{
	const struct course_unit *u = &c->units[se->unit];
	json_t *o = json_object(), *quiz = json_array();
	size_t i;

	json_object_set_new(o, "no", json_integer(se->no));
	json_object_set_new(o, "date", date_json(se->date));
	json_object_set_new(o, "weekday", json_string(
	    day_names[course_weekday(se->date)]));
	json_object_set_new(o, "start_hour", json_integer(se->start_hour));
	json_object_set_new(o, "unit", json_string(u->id));
	json_object_set_new(o, "kind", json_string(se->kind == SESSION_THEORY ?
	    "theory" : "practice"));
	json_object_set_new(o, "hours", json_integer(se->hours));
	json_object_set_new(o, "topics", ids_json(se->kind == SESSION_THEORY ?
	    u->knowledge : u->skills, se->first, se->count));
	for (i = 0; i < se->n_quiz; i++)
		json_array_append_new(quiz, json_string(se->quiz[i]->id));
	json_object_set_new(o, "quiz", quiz);
	json_object_set_new(o, "quiz_repeats", json_integer(se->quiz_repeats));
	json_object_set_new(o, "task", se->kind == SESSION_PRACTICE && u->task ?
	    json_string(u->task->id) : json_null());
	return o;
}

json_t *
course_json(const struct standard *s, const struct course *c)
{
	const struct level *lv = standard_level(s, c->plan.level);
	json_t *o = json_object(), *a;
	size_t i;

	json_object_set_new(o, "occupation", json_string(s->name));
	json_object_set_new(o, "level", json_integer(c->plan.level));
	json_object_set_new(o, "level_name", json_string(lv->name));
	json_object_set_new(o, "start", date_json(c->opt.start));
	json_object_set_new(o, "session_hours", json_integer(
	    c->opt.session_hours));
	a = json_array();
	for (i = 0; i < 7; i++)
		if (c->opt.days & (1u << i))
			json_array_append_new(a, json_string(day_names[i]));
	json_object_set_new(o, "days", a);
	a = json_array();
	for (i = 0; i < c->opt.n_skip; i++)
		json_array_append_new(a, date_json(c->opt.skip[i]));
	json_object_set_new(o, "skip", a);
	json_object_set_new(o, "syllabus", plan_json(&c->plan));
	a = json_array();
	for (i = 0; i < c->n_units; i++)
		json_array_append_new(a, unit_json(c, &c->units[i]));
	json_object_set_new(o, "units", a);
	a = json_array();
	for (i = 0; i < c->n_sessions; i++)
		json_array_append_new(a, session_json(c, &c->sessions[i]));
	json_object_set_new(o, "sessions", a);
	a = json_array();
	for (i = 0; i < c->n_sessions; i++) {
		const struct course_session *se = &c->sessions[i];
		json_t *sf;

		if (se->kind != SESSION_THEORY || se->n_quiz == COURSE_QUIZ_ITEMS)
			continue;
		sf = json_object();
		json_object_set_new(sf, "session", json_integer(se->no));
		json_object_set_new(sf, "wanted", json_integer(COURSE_QUIZ_ITEMS));
		json_object_set_new(sf, "found", json_integer((json_int_t)se->n_quiz));
		json_array_append_new(a, sf);
	}
	json_object_set_new(o, "quiz_shortfalls", a);
	return o;
}
