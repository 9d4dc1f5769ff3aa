/* Unit tests of course.c on the default standard and the second
 * occupation (tests/fixtures/other), every level: unit hours add up to
 * the syllabus, every requirement is in one unit, the sessions keep the
 * calendar, the quizzes lie on their points and repeat only when the
 * bank has no other item. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "plan/course.h"
#include "write/coursedocs.h"
#include "bank/itemstats.h"
#include <math.h>
#include "core/diag.h"
#include "bank/generate.h"
#include "script/render.h"

struct content {
	struct standard s;
	struct bank b;
};

static struct content both[2];
static const char *const dirs[2] = { "content", "tests/fixtures/other" };

static int
setup(void **state)
{
	struct diag d = {0};
	struct render_limits lim = { 256u << 20, 500000 };
	struct render *r;
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		if (standard_load(&both[i].s, dirs[i], &d) < 0 ||
		    settings_load(&both[i].s, dirs[i], &d) < 0 ||
		    bank_load(&both[i].b, &both[i].s, dirs[i], &d) < 0 ||
		    (r = render_new("templates", "lua", &lim, &d)) == NULL)
			return -1;
		bank_generate(&both[i].b, &both[i].s, r, dirs[i], &d);
		render_free(r);
		bank_resolve(&both[i].b, &both[i].s, &d);
	}
	return d.n ? -1 : 0;
}

static int
teardown(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		bank_free(&both[i].b);
		standard_free(&both[i].s);
	}
	return 0;
}

static void
test_dates_round_trip_and_know_their_weekday(void **state)
{
	char out[11];
	unsigned days;

	(void)state;
	assert_int_equal(course_parse_date("1970-01-01"), 0);
	assert_int_equal(course_parse_date("2026-03-02"), 20514);
	assert_int_equal(course_weekday(20514), 0);        /* a Monday */
	assert_int_equal(course_parse_date("2024-02-29") + 1,
	    course_parse_date("2024-03-01"));
	assert_int_equal(course_parse_date("2026-02-29"), -1);
	assert_int_equal(course_parse_date("2026-3-2"), -1);
	assert_int_equal(course_parse_date("2026-03-02x"), -1);
	course_format_date(course_parse_date("2100-12-31"), out);
	assert_string_equal(out, "2100-12-31");
	assert_int_equal(course_parse_days("mon,wed,fri", &days), 0);
	assert_int_equal(days, 0x15);
	assert_int_equal(course_parse_days("mon,xyz", &days), -1);
	assert_int_equal(course_parse_days(",", &days), 0);
	assert_int_equal(days, 0);
}

/* Every knowledge and skill requirement of the level and the basic
 * requirements, each in exactly one unit. */
static void
check_coverage(const struct standard *s, const struct course *c)
{
	const struct level *lv = standard_level(s, c->plan.level);
	size_t f, w, k, u, i, j, seen;

	for (f = 0; f < lv->n_functions; f++)
		for (w = 0; w < lv->functions[f].n_work; w++) {
			const struct work_content *wc = &lv->functions[f].work[w];

			for (k = 0; k < wc->n_knowledge + wc->n_skills; k++) {
				const char *id = k < wc->n_knowledge ?
				    wc->knowledge[k].id :
				    wc->skills[k - wc->n_knowledge].id;

				seen = 0;
				for (u = 0; u < c->n_units; u++) {
					for (j = 0; j < c->units[u].n_knowledge; j++)
						seen += strcmp(c->units[u].knowledge[j].id,
						    id) == 0;
					for (j = 0; j < c->units[u].n_skills; j++)
						seen += strcmp(c->units[u].skills[j].id, id) == 0;
				}
				assert_int_equal(seen, 1);
			}
		}
	for (i = 0; i < s->n_basic; i++)
		for (j = 0; j < s->basic[i].n_sections; j++) {
			const struct basic_section *sec = &s->basic[i].sections[j];

			for (k = 0; k < (sec->n_items ? sec->n_items : 1); k++) {
				const char *id = sec->n_items ? sec->items[k].id : sec->id;
				size_t m;

				seen = 0;
				for (u = 0; u < c->n_units; u++)
					for (m = 0; m < c->units[u].n_knowledge; m++)
						seen += strcmp(c->units[u].knowledge[m].id,
						    id) == 0;
				assert_int_equal(seen, 1);
			}
		}
}

static void
check_hours(const struct course *c)
{
	size_t m, u;
	int th = 0, pr = 0;

	for (m = 0; m < c->plan.n_modules; m++) {
		const struct module_hours *mh = &c->plan.modules[m];
		int t = 0, p = 0;

		for (u = 0; u < c->n_units; u++)
			if (strcmp(c->units[u].module, mh->area) == 0) {
				t += c->units[u].theory_hours;
				p += c->units[u].practice_hours;
			}
		assert_int_equal(t, mh->theory_hours);
		assert_int_equal(p, mh->practice_hours);
		th += t;
		pr += p;
	}
	assert_int_equal(th, c->plan.theory_hours);
	assert_int_equal(pr, c->plan.practice_hours);
}

static int
on_point(const struct item *it, const char *id)
{
	size_t k;

	for (k = 0; k < it->n_knowledge; k++)
		if (strcmp(it->knowledge[k], id) == 0)
			return 1;
	return 0;
}

/* Sessions: add up to the level's hours, within a day's hours, on the
 * teaching days only, in order, a unit's theory before its practice. */
static void
check_sessions(const struct content *ct, const struct course *c)
{
	const struct item **used = calloc(ct->b.n + 1, sizeof *used);
	size_t i, j, k, n_used = 0;
	int total = 0, day_hours = 0;
	long day = -1;

	assert_non_null(used);
	for (i = 0; i < c->n_sessions; i++) {
		const struct course_session *se = &c->sessions[i];
		const struct course_unit *u = &c->units[se->unit];

		total += se->hours;
		assert_true(se->hours >= 1 && se->hours <= c->opt.session_hours);
		assert_true(c->opt.days & (1u << course_weekday(se->date)));
		for (j = 0; j < c->opt.n_skip; j++)
			assert_true(se->date != c->opt.skip[j]);
		assert_true(se->date >= c->opt.start && se->date >= day);
		day_hours = se->date == day ? day_hours + se->hours : se->hours;
		day = se->date;
		assert_true(day_hours <= c->opt.session_hours);
		if (se->kind == SESSION_PRACTICE)   /* no theory of it after */
			for (j = i + 1; j < c->n_sessions; j++)
				assert_false(c->sessions[j].unit == se->unit &&
				    c->sessions[j].kind == SESSION_THEORY);
		if (se->kind != SESSION_THEORY) {
			assert_int_equal(se->n_quiz, 0);
			continue;
		}
		for (j = 0; j < se->n_quiz; j++) {
			int on = 0;

			assert_true(item_is_theory(se->quiz[j]));
			assert_true(item_in_pool(&ct->s, se->quiz[j], c->plan.level));
			for (k = se->first; k < se->first + se->count; k++)
				on |= on_point(se->quiz[j], u->knowledge[k].id);
			assert_true(on);
		}
		/* a repeat only when every item on its points was asked */
		if (se->quiz_repeats > 0)
			for (j = 0; j < ct->b.n; j++) {
				const struct item *it = &ct->b.items[j];
				int on = 0, asked = 0;

				for (k = se->first; k < se->first + se->count; k++)
					on |= on_point(it, u->knowledge[k].id);
				if (!on || !item_is_theory(it) ||
				    !item_in_pool(&ct->s, it, c->plan.level))
					continue;
				for (k = 0; k < n_used; k++)
					asked |= used[k] == it;
				for (k = 0; k < se->n_quiz; k++)
					asked |= se->quiz[k] == it;
				assert_true(asked);
			}
		for (j = 0; j < se->n_quiz; j++) {
			int repeat = 0;

			for (k = 0; k < n_used; k++)
				repeat |= used[k] == se->quiz[j];
			if (!repeat)
				used[n_used++] = se->quiz[j];
		}
	}
	assert_int_equal(total, c->plan.training_hours);
	free(used);
}

static void
test_every_level_of_both_occupations_adds_up(void **state)
{
	static const long skip[] = { 20515, 20520 };    /* a Tue, a Sun */
	int i, h;
	size_t l;

	(void)state;
	for (i = 0; i < 2; i++)
		for (l = 0; l < both[i].s.n_levels; l++)
			for (h = 1; h <= 8; h += 3) {
				struct course_options o = { both[i].s.levels[l].number,
				    20514, h, 0x15 | 0x40, skip, 2 };
				struct course c;
				struct diag d = {0};

				assert_int_equal(course_make(&both[i].s, &both[i].b, &o,
				    &c, &d), 0);
				check_hours(&c);
				check_coverage(&both[i].s, &c);
				check_sessions(&both[i], &c);
				course_free(&c);
				diag_free(&d);
			}
}

/* The default bank has enough items that no quiz repeats one. */
static void
test_default_bank_never_repeats_a_quiz_item(void **state)
{
	size_t l, i;

	(void)state;
	for (l = 0; l < both[0].s.n_levels; l++) {
		struct course_options o = { both[0].s.levels[l].number, 20514, 4,
		    0x1f, NULL, 0 };
		struct course c;
		struct diag d = {0};

		assert_int_equal(course_make(&both[0].s, &both[0].b, &o, &c, &d),
		    0);
		for (i = 0; i < c.n_sessions; i++)
			assert_int_equal(c.sessions[i].quiz_repeats, 0);
		course_free(&c);
		diag_free(&d);
	}
}

/* 重点/难点 come only from statistics: none without them, and with a
 * hard item on the session's point, that point and the item. */
static void
test_hard_points_come_from_statistics_only(void **state)
{
	struct course_options o = { 5, 20514, 4, 0x1f, NULL, 0 };
	struct item_stat st = { "sitting-1", 40, 0.3, 0.2, NAN, NAN, NAN, NAN,
	    "hard" };
	struct course c;
	struct diag d = {0};
	struct item *it;
	char *text, *want;

	(void)state;
	assert_int_equal(course_make(&both[0].s, &both[0].b, &o, &c, &d), 0);
	assert_true(c.sessions[0].n_quiz > 0);
	assert_null(lessonplan_hard_points(&both[0].b, &c, &c.sessions[0]));
	it = (struct item *)c.sessions[0].quiz[0];
	it->stat = &st;
	text = lessonplan_hard_points(&both[0].b, &c, &c.sessions[0]);
	it->stat = NULL;
	assert_non_null(text);
	want = malloc(strlen(it->id) + 64);
	sprintf(want, "试题 %s 通过率 0.30，sitting-1", it->id);
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, c.units[c.sessions[0].unit].knowledge[
	    c.sessions[0].first].id));
	free(want);
	free(text);
	course_free(&c);
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_round_trip_and_know_their_weekday),
		cmocka_unit_test(test_every_level_of_both_occupations_adds_up),
		cmocka_unit_test(test_default_bank_never_repeats_a_quiz_item),
		cmocka_unit_test(test_hard_points_come_from_statistics_only),
	};

	return cmocka_run_group_tests_name("course", tests, setup, teardown);
}
