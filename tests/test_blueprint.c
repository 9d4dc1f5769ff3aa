/* Unit tests of blueprint.c and assemble.c: the per-area type split is
 * exact; parallel forms meet every rule, by either solver. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "plan/assemble.h"
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
	spec_free(&spec);
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

/* Every rule the full model states, checked on the drawn forms. */
static void
assert_forms_meet_rules(const struct paper_set *set, int level)
{
	size_t f, i, j, a;
	double lo = 9, hi = 0;

	for (f = 0; f < set->n_forms; f++) {
		const struct form *fm = &set->forms[f];

		lo = fm->difficulty_mean < lo ? fm->difficulty_mean : lo;
		hi = fm->difficulty_mean > hi ? fm->difficulty_mean : hi;
		for (a = 0; a < set->bp.n_areas; a++) {
			int points = 0, own = 0;

			for (i = 0; i < fm->n; i++)
				if (strcmp(fm->items[i].it->area,
				    set->bp.areas[a].area) == 0) {
					points += fm->items[i].points;
					if (fm->items[i].it->level == level)
						own += fm->items[i].points;
				}
			assert_int_equal(points, set->bp.areas[a].weight);
			assert_true(own >= set->bp.areas[a].own_needed);
		}
		for (i = 0; i < fm->n; i++)
			for (j = 0; j < fm->n; j++) {
				size_t e;

				if (i == j)
					continue;
				/* one family member per form, no enemies */
				assert_true(strcmp(fm->items[i].it->family,
				    fm->items[j].it->family) != 0);
				for (e = 0; e < fm->items[i].it->n_enemies; e++)
					assert_true(strcmp(fm->items[i].it->enemies[e],
					    fm->items[j].it->id) != 0);
			}
		/* no family on two forms */
		for (j = f + 1; j < set->n_forms; j++)
			for (i = 0; i < fm->n; i++) {
				size_t k;

				for (k = 0; k < set->forms[j].n; k++)
					assert_true(strcmp(fm->items[i].it->family,
					    set->forms[j].items[k].it->family) != 0);
			}
	}
	assert_true(hi - lo <= 0.1 + 1e-9);
}

static void
test_parallel_forms_meet_every_rule(void **state)
{
	size_t l;

	(void)state;
	for (l = 0; l < s.n_levels; l++) {
		struct paper_request req = { .level = s.levels[l].number,
		    .kind = PAPER_THEORY, .forms = 3, .seed = 7, .exposure = 0.35 };
		struct paper_set set;
		struct buf why = {0};

		assert_int_equal(paper_assemble(&s, &b, &spec, &req, &set, &why), 0);
		assert_int_equal(set.n_forms, 3);
		assert_string_equal(set.solver, "two-stage");
		assert_forms_meet_rules(&set, req.level);
		paper_set_free(&set);
		buf_free(&why);
	}
}

static void
test_overlap_uses_the_full_model(void **state)
{
	struct paper_request req = { .level = 5, .kind = PAPER_THEORY,
	    .forms = 2, .seed = 3, .max_overlap = 0.2, .exposure = 0.35 };
	struct paper_set set;
	struct buf why = {0};

	(void)state;
	assert_int_equal(paper_assemble(&s, &b, &spec, &req, &set, &why), 0);
	assert_string_equal(set.solver, "full model");
	paper_set_free(&set);
	buf_free(&why);
}

/* The 评分通则 blocks: one rule a line, kept in order, per paper kind;
 * a skill set carries its kind's rules to the documents. */
static void
test_scoring_rules_are_read_per_kind(void **state)
{
	struct paper_request req = { .kind = PAPER_SKILL, .level = 3,
		.forms = 1, .seed = 7 };
	struct paper_set set;
	struct buf why = {0};

	(void)state;
	assert_int_equal(spec.n_rules[PAPER_THEORY], 0);
	assert_int_equal(spec.n_rules[PAPER_SKILL], 11);
	assert_int_equal(spec.n_rules[PAPER_REVIEW], 6);
	assert_string_equal(spec.rules[PAPER_SKILL][0], "评分以考生的提交物和考评员的"
	    "现场观察记录为依据；两者中都找不到的内容，不得该项分。");
	assert_true(strncmp(spec.rules[PAPER_SKILL][6], "成果文件的命名", 21) == 0);
	assert_true(strncmp(spec.rules[PAPER_REVIEW][5], "评审要点写明", 18) == 0);
	assert_int_equal(paper_assemble(&s, &b, &spec, &req, &set, &why), 0);
	assert_int_equal(set.n_rules, 11);
	assert_ptr_equal(set.rules, spec.rules[PAPER_SKILL]);
	paper_set_free(&set);
	buf_free(&why);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_level_blueprint_is_exact),
		cmocka_unit_test(test_blueprint_is_near_proportional),
		cmocka_unit_test(test_too_many_forms_name_the_shortage),
		cmocka_unit_test(test_parallel_forms_meet_every_rule),
		cmocka_unit_test(test_overlap_uses_the_full_model),
		cmocka_unit_test(test_scoring_rules_are_read_per_kind),
	};

	return cmocka_run_group_tests_name("blueprint", tests, setup, teardown);
}
