/* Unit tests of parse_standard.c and check.c on real content. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/diag.h"
#include "core/model.h"

static void
load_ok(struct standard *s, const char *dir)
{
	struct diag d = {0};

	memset(s, 0, sizeof *s);
	assert_int_equal(standard_load(s, dir, &d), 0);
	standard_check(s, &d);
	if (d.n)
		diag_print(&d, stderr);
	assert_int_equal(d.n, 0);
	diag_free(&d);
}

static void
test_second_standard_parses_into_levels_functions_and_items(void **state)
{
	struct standard s;
	struct level *l4;

	(void)state;
	load_ok(&s, "tests/fixtures/other");
	assert_string_equal(s.name, "智能仓储作业员");
	assert_string_equal(s.code, "4-02-99-01");
	assert_int_equal(s.n_levels, 3);
	assert_int_equal(s.levels[0].number, 5);
	assert_int_equal(s.levels[2].number, 3);
	assert_int_equal(s.levels[1].training_hours, 90);
	assert_int_equal(s.pass_mark, 60);
	assert_int_equal(s.theory_minutes, 60);

	l4 = standard_level(&s, 4);
	assert_non_null(l4);
	assert_int_equal(l4->n_functions, 3);
	assert_string_equal(l4->functions[1].name, "库存管理");
	assert_string_equal(l4->functions[1].id, "L4-F2");
	assert_string_equal(l4->functions[1].work[0].id, "L4-W2.1");
	assert_int_equal(l4->functions[1].work[0].n_skills, 2);
	assert_string_equal(l4->functions[1].work[0].knowledge[1].id,
	    "L4-K2.1.2");
	assert_string_equal(l4->functions[1].work[0].knowledge[1].text,
	    "盘点差异分析方法");

	assert_int_equal(s.n_basic, 2);
	assert_string_equal(s.basic[1].name, "基础知识");
	assert_string_equal(s.basic[1].sections[0].items[1].id, "B-2.2.1.2");
	standard_free(&s);
}

static void
test_weights_are_read_by_level_and_dash_means_none(void **state)
{
	struct standard s;
	const struct weight_row *r;

	(void)state;
	load_ok(&s, "tests/fixtures/other");
	r = weights_row(&s.weights[WEIGHTS_THEORY], "库存管理");
	assert_non_null(r);
	assert_string_equal(r->group, "相关知识要求");
	assert_int_equal(r->percent[5], WEIGHT_NONE);
	assert_int_equal(r->percent[4], 25);
	assert_int_equal(r->percent[3], 45);
	assert_int_equal(s.weights[WEIGHTS_SKILL].total[3], 100);
	standard_free(&s);
}

static void
test_level_tags_apply_to_following_lists(void **state)
{
	struct standard s;
	const struct section *elig = NULL;
	size_t i;

	(void)state;
	load_ok(&s, "tests/fixtures/other");
	for (i = 0; i < s.overview.n_sections; i++)
		if (s.overview.sections[i].number &&
		    strcmp(s.overview.sections[i].number, "1.6.1") == 0)
			elig = &s.overview.sections[i];
	assert_non_null(elig);
	/* "`4` …" then two conditions, each inheriting level 4 */
	assert_int_equal(elig->entries[2].kind, ENTRY_PARAGRAPH);
	assert_int_equal(elig->entries[2].levels, 1u << 4);
	assert_int_equal(elig->entries[3].kind, ENTRY_ITEM);
	assert_string_equal(elig->entries[3].number, "1");
	assert_int_equal(elig->entries[4].levels, 1u << 4);
	assert_string_equal(elig->entries[4].text,
	    "取得本职业五级/初级工证书后，累计从事本职业工作满2年。");
	standard_free(&s);
}

static void
test_default_standard_keeps_the_corrected_misprint_with_its_note(void **state)
{
	struct standard s;
	const struct level *l4;
	const struct work_content *wc;

	(void)state;
	load_ok(&s, "content");
	assert_int_equal(s.n_levels, 5);
	l4 = standard_level(&s, 4);
	wc = &l4->functions[2].work[1];
	assert_string_equal(wc->number, "3.2");
	assert_int_equal(wc->n_knowledge, 4);
	assert_string_equal(wc->knowledge[3].id, "L4-K3.2.4");
	assert_int_equal(wc->knowledge[3].n_notes, 1);
	assert_non_null(strstr(wc->knowledge[3].notes[0].text, "2.2.4"));
	assert_true(standard_level(&s, 2)->has_review);
	assert_false(standard_level(&s, 3)->has_review);
	standard_free(&s);
}

static void
test_missing_directory_is_a_content_error(void **state)
{
	struct standard s = {0};
	struct diag d = {0};

	(void)state;
	assert_int_equal(standard_load(&s, "tests/no-such-dir", &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.entries[0].file, "tests/no-such-dir/standard");
	diag_free(&d);
	standard_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_second_standard_parses_into_levels_functions_and_items),
		cmocka_unit_test(test_weights_are_read_by_level_and_dash_means_none),
		cmocka_unit_test(test_level_tags_apply_to_following_lists),
		cmocka_unit_test(test_default_standard_keeps_the_corrected_misprint_with_its_note),
		cmocka_unit_test(test_missing_directory_is_a_content_error),
	};

	return cmocka_run_group_tests_name("parse_standard", tests, NULL, NULL);
}
