/* Unit tests of syllabus.c: largest-remainder hours that sum exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/diag.h"
#include "core/model.h"
#include "plan/syllabus.h"

static void
test_apportion_uses_largest_remainders_ties_to_the_earlier(void **state)
{
	/* 48 h over 5/30/20/15/30: 2.4 14.4 9.6 7.2 14.4 → 3 14 10 7 14 */
	const int w[] = { 5, 30, 20, 15, 30 };
	int out[5];

	(void)state;
	apportion(w, 5, 48, out);
	assert_int_equal(out[0], 3);
	assert_int_equal(out[1], 14);
	assert_int_equal(out[2], 10);
	assert_int_equal(out[3], 7);
	assert_int_equal(out[4], 14);
}

static void
test_apportion_always_sums_to_the_total(void **state)
{
	unsigned seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 2000; round++) {
		int w[9], out[9], n, i, total, sum = 0, wsum = 0;

		seed = seed * 1103515245u + 12345u;
		n = 1 + (int)(seed >> 16) % 9;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			w[i] = (int)(seed >> 16) % 41 - 5;     /* some "none" */
			wsum += w[i] > 0 ? w[i] : 0;
		}
		seed = seed * 1103515245u + 12345u;
		total = (int)(seed >> 16) % 300;
		apportion(w, (size_t)n, total, out);
		for (i = 0; i < n; i++) {
			sum += out[i];
			if (w[i] <= 0)
				assert_int_equal(out[i], 0);
			else    /* within one hour of the exact share */
				assert_true(out[i] * wsum - w[i] * total > -wsum &&
				    out[i] * wsum - w[i] * total < wsum);
		}
		assert_int_equal(sum, wsum ? total : 0);
	}
}

static void
test_every_level_plan_adds_up(void **state)
{
	struct standard s = {0};
	struct diag d = {0};
	size_t i, m;

	(void)state;
	assert_int_equal(standard_load(&s, "content", &d), 0);
	assert_int_equal(settings_load(&s, "content", &d), 0);
	for (i = 0; i < s.n_levels; i++) {
		struct plan p;
		int th = 0, pr = 0;

		assert_int_equal(plan_make(&s, s.levels[i].number, &p), 0);
		assert_int_equal(p.training_hours, s.levels[i].training_hours);
		assert_int_equal(p.theory_hours + p.practice_hours,
		    p.training_hours);
		for (m = 0; m < p.n_modules; m++) {
			th += p.modules[m].theory_hours;
			pr += p.modules[m].practice_hours;
		}
		assert_int_equal(th, p.theory_hours);
		assert_int_equal(pr, p.practice_hours);
		/* level 5 is the lowest: it includes none; level 1 all four */
		if (s.levels[i].number == 5)
			assert_int_equal(p.includes, 0);
		if (s.levels[i].number == 1)
			assert_int_equal(p.includes, 0x3Cu);
		plan_free(&p);
	}
	diag_free(&d);
	standard_free(&s);
}

static void
test_level_5_plan_matches_the_weight_tables(void **state)
{
	struct standard s = {0};
	struct diag d = {0};
	struct plan p;

	(void)state;
	assert_int_equal(standard_load(&s, "content", &d), 0);
	assert_int_equal(settings_load(&s, "content", &d), 0);
	plan_make(&s, 5, &p);
	assert_int_equal(p.theory_hours, 48);           /* 30 % of 160 */
	assert_int_equal(p.practice_hours, 112);
	assert_int_equal(p.n_modules, 5);
	assert_string_equal(p.modules[2].area, "平台运维");
	assert_string_equal(p.modules[2].function_id, "L5-F1");
	assert_int_equal(p.modules[2].theory_hours, 10);    /* 9.6 */
	assert_int_equal(p.modules[2].practice_hours, 45);  /* 44.8 */
	assert_int_equal(p.modules[0].practice_hours, 0);   /* 职业道德 */
	plan_free(&p);
	diag_free(&d);
	standard_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apportion_uses_largest_remainders_ties_to_the_earlier),
		cmocka_unit_test(test_apportion_always_sums_to_the_total),
		cmocka_unit_test(test_every_level_plan_adds_up),
		cmocka_unit_test(test_level_5_plan_matches_the_weight_tables),
	};

	return cmocka_run_group_tests_name("syllabus", tests, NULL, NULL);
}
