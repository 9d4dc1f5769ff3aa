/* Unit tests of parse_items.c and bank.c on the second standard's bank. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "bank/bank.h"
#include "core/diag.h"

struct fixture {
	struct standard s;
	struct bank b;
};

static int
setup(void **state)
{
	static struct fixture f;
	struct diag d = {0};

	memset(&f, 0, sizeof f);
	if (standard_load(&f.s, "tests/fixtures/other", &d) < 0 ||
	    bank_load(&f.b, &f.s, "tests/fixtures/other", &d) < 0)
		return -1;
	bank_resolve(&f.b, &f.s, &d);
	if (d.n) {
		diag_print(&d, stderr);
		return -1;
	}
	diag_free(&d);
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	bank_free(&f->b);
	standard_free(&f->s);
	return 0;
}

static void
test_judge_item_keeps_answer_and_markdown(void **state)
{
	struct fixture *f = *state;
	const struct item *it = bank_find(&f->b, "W5-001");

	assert_non_null(it);
	assert_int_equal(it->type, ITEM_JUDGE);
	assert_int_equal(it->answer, 1);
	assert_int_equal(it->difficulty, 1);
	assert_int_equal(it->n_tags, 1);
	assert_string_equal(it->tags[0], "验收");
	assert_non_null(strstr(it->explanation_html, "<strong>留存证据</strong>"));
	assert_null(strstr(it->explanation_text, "解析"));
	assert_string_equal(it->area, "入库作业");
	assert_int_equal(it->level, 5);
	assert_string_equal(it->wc_number, "1.1");
}

static void
test_single_choice_options_and_key(void **state)
{
	struct fixture *f = *state;
	const struct item *it = bank_find(&f->b, "W5-002");

	assert_non_null(it);
	assert_int_equal(it->type, ITEM_SINGLE);
	assert_int_equal(it->n_options, 4);
	assert_string_equal(it->options[0].text, "送货单与实物的品名、数量");
	assert_string_equal(it->options[3].text, "仓库的照明亮度");
	assert_int_equal(it->answer, 1u << 0);
	assert_string_equal(it->stem_text, "仓库收到一批货物，验收时首先应核对的是（　）。");
	assert_int_equal(it->n_enemies, 1);
	assert_string_equal(it->enemies[0], "W5-003");
}

static void
test_multi_choice_options_in_the_stem_paragraph(void **state)
{
	struct fixture *f = *state;
	const struct item *it = bank_find(&f->b, "W5-003");

	/* the options follow the stem without a blank line */
	assert_non_null(it);
	assert_int_equal(it->type, ITEM_MULTI);
	assert_int_equal(it->n_options, 5);
	assert_string_equal(it->stem_text, "验收记录表中必须填写的有（　）。");
	assert_int_equal(it->answer, 0xFu);
	assert_true(it->fixed_order);
}

static void
test_skill_task_parts_and_rubric(void **state)
{
	struct fixture *f = *state;
	const struct item *it = bank_find(&f->b, "W5-T-001");

	assert_non_null(it);
	assert_int_equal(it->type, ITEM_SKILL);
	assert_int_equal(it->points, 60);
	assert_int_equal(it->minutes, 50);
	assert_string_equal(it->work_content, "L5-W1.1");
	assert_non_null(strstr(it->parts_html[PART_SCENARIO], "电子元件"));
	assert_non_null(strstr(it->parts_html[PART_TASKS], "<ol>"));
	assert_int_equal(it->n_rubric, 3);
	assert_int_equal(it->rubric[0].points, 25);
	assert_string_equal(it->rubric[1].text, "验收记录填写完整、与实物一致。");
	assert_true(it->rubric[2].veto);
}

static void
test_pool_takes_lower_levels_of_the_same_function(void **state)
{
	struct fixture *f = *state;
	const struct item *it = bank_find(&f->b, "W5-002");

	/* 入库作业 exists at level 4, not at level 3 */
	assert_true(item_in_pool(&f->s, it, 5));
	assert_true(item_in_pool(&f->s, it, 4));
	assert_false(item_in_pool(&f->s, it, 3));
	/* skill tasks serve their own level only */
	assert_false(item_in_pool(&f->s, bank_find(&f->b, "W5-T-001"), 4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judge_item_keeps_answer_and_markdown),
		cmocka_unit_test(test_single_choice_options_and_key),
		cmocka_unit_test(test_multi_choice_options_in_the_stem_paragraph),
		cmocka_unit_test(test_skill_task_parts_and_rubric),
		cmocka_unit_test(test_pool_takes_lower_levels_of_the_same_function),
	};

	return cmocka_run_group_tests_name("parse_items", tests, setup, teardown);
}
