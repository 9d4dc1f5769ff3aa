/* Unit tests of blueprint.c: the per-area type split is exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "plan/blueprint.h"
#include "core/diag.h"
#include "bank/generate.h"
#include "script/render.h"

static struct standard s;
static struct bank b;
static struct paper_spec spec;

static int
setup(void **state)
{
	struct diag d = {0};
	struct render_limits lim = { 256u << 20, 500000 };
	struct render *r;

	(void)state;
	if (standard_load(&s, "content", &d) < 0 ||
	    settings_load(&s, "content", &d) < 0 ||
	    bank_load(&b, &s, "content", &d) < 0 ||
	    spec_load(&spec, &s, "content", &d) < 0 ||
	    (r = render_new("templates", "lua", &lim, &d)) == NULL)
		return -1;
	bank_generate(&b, &s, r, "content", &d);
	render_free(r);
	bank_resolve(&b, &s, &d);
	return d.n ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	bank_free(&b);
	standard_free(&s);
	return 0;
}

static void
test_every_level_blueprint_is_exact(void **state)
{
	size_t i, a;

	(void)state;
	for (i = 0; i < s.n_levels; i++) {
		struct blueprint bp;
		struct buf why = {0};
		int l = s.levels[i].number, t, total[THEORY_TYPES] = {0};

		assert_int_equal(blueprint_make(&s, &b, &spec, l, 3, &bp, &why), 0);
		for (a = 0; a < bp.n_areas; a++) {
			const struct weight_row *row =
			    weights_row(&s.weights[WEIGHTS_THEORY], bp.areas[a].area);
			int points = 0;

			for (t = 0; t < THEORY_TYPES; t++) {
				points += bp.areas[a].count[t] * spec.points[t];
				total[t] += bp.areas[a].count[t];
				/* three disjoint forms fit in the pool */
				assert_true(bp.areas[a].count[t] * 3 <=
				    bp.areas[a].pool[t]);
			}
			assert_int_equal(points, row->percent[l]);
		}
		for (t = 0; t < THEORY_TYPES; t++)
			assert_int_equal(total[t], spec.count[t]);
		buf_free(&why);
	}
}

static void
test_blueprint_is_near_proportional(void **state)
{
	struct blueprint bp;
	struct buf why = {0};
	size_t a;
	int t;

	(void)state;
	/* level 5: every count within 2 of count × weight / 100 */
	assert_int_equal(blueprint_make(&s, &b, &spec, 5, 3, &bp, &why), 0);
	for (a = 0; a < bp.n_areas; a++)
		for (t = 0; t < THEORY_TYPES; t++) {
			double exact = spec.count[t] * bp.areas[a].weight / 100.0;

			assert_true(bp.areas[a].count[t] >= exact - 2 &&
			    bp.areas[a].count[t] <= exact + 2);
		}
	buf_free(&why);
}

static void
test_too_many_forms_name_the_shortage(void **state)
{
	struct blueprint bp;
	struct buf why = {0};

	(void)state;
	assert_int_equal(blueprint_make(&s, &b, &spec, 1, 30, &bp, &why), -1);
	assert_non_null(strstr(why.data, "level 1, 职业道德: 30 forms need 30 "
	    "判断题 items (1 per form), the pool has 6"));
	buf_free(&why);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_level_blueprint_is_exact),
		cmocka_unit_test(test_blueprint_is_near_proportional),
		cmocka_unit_test(test_too_many_forms_name_the_shortage),
	};

	return cmocka_run_group_tests_name("blueprint", tests, setup, teardown);
}
