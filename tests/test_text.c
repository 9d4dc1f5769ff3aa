/* Unit tests of text.c: printed numbers, level lists, table cells, hygiene. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/strmap.h"
#include "core/text.h"
#include "core/util.h"

static void
test_number_prefix_takes_dotted_numbers_before_a_space(void **state)
{
	(void)state;
	assert_int_equal(number_prefix("1.1.1 能安装"), 5);
	assert_int_equal(number_prefix("1. 平台运维"), 2);
	assert_int_equal(number_prefix("12 标题"), 2);
	assert_int_equal(number_prefix("2024年版"), 0);
	assert_int_equal(number_prefix("能安装"), 0);
	assert_int_equal(number_prefix("1.1.1"), 5);
}

static void
test_paren_number_reads_ascii_and_fullwidth(void **state)
{
	struct arena a = {0};
	char *n;

	(void)state;
	assert_int_equal(paren_number("(3) 软件测试", &n, &a), 4);
	assert_string_equal(n, "3");
	assert_int_equal(paren_number("（12）条", &n, &a), 8);
	assert_string_equal(n, "12");
	assert_int_equal(paren_number("(a) x", &n, &a), 0);
	assert_null(n);
	arena_free(&a);
}

static void
test_level_list_accepts_spaces_and_commas(void **state)
{
	unsigned mask;

	(void)state;
	assert_int_equal(parse_level_list("5 4", &mask), 0);
	assert_int_equal(mask, (1u << 5) | (1u << 4));
	assert_int_equal(parse_level_list("2, 1", &mask), 0);
	assert_int_equal(mask, (1u << 2) | (1u << 1));
	assert_int_equal(parse_level_list("4 三", &mask), -1);
	assert_int_equal(parse_level_list("0", &mask), -1);
}

static void
test_percent_cells(void **state)
{
	(void)state;
	assert_int_equal(parse_percent("30"), 30);
	assert_int_equal(parse_percent("0"), 0);
	assert_int_equal(parse_percent("—"), -1);
	assert_int_equal(parse_percent("20%"), -2);
	assert_int_equal(parse_percent("101"), -2);
	assert_int_equal(parse_percent(""), -2);
}

static void
test_split_row_trims_cells(void **state)
{
	struct arena a = {0};
	char *cells[4];
	const char *row = "| 基本要求 / 职业道德 | 5 |  — |";

	(void)state;
	assert_int_equal(split_row(&a, row, row + strlen(row), cells, 4), 3);
	assert_string_equal(cells[0], "基本要求 / 职业道德");
	assert_string_equal(cells[2], "—");
	assert_int_equal(split_row(&a, row, row + strlen(row), cells, 2), -1);
	arena_free(&a);
}

static void
test_pairs(void **state)
{
	struct arena a = {0};
	struct pair p[4];

	(void)state;
	assert_int_equal(split_pairs(&a, "5=160, 4=150，3=120", p, 4), 3);
	assert_string_equal(p[1].key, "4");
	assert_string_equal(p[2].value, "120");
	assert_int_equal(split_pairs(&a, "5=160, 4", p, 4), -1);
	arena_free(&a);
}

static void
test_hygiene_finds_stray_spaces_and_ascii_punctuation(void **state)
{
	char msg[256];

	(void)state;
	assert_int_equal(text_hygiene("能操控数字孪生应用，进行启动", msg, sizeof msg), 0);
	assert_int_equal(text_hygiene("不少于90 min", msg, sizeof msg), 0);
	assert_int_equal(text_hygiene("MQTT over TLS", msg, sizeof msg), 0);
	assert_int_equal(text_hygiene("数字 孪生", msg, sizeof msg), 1);
	assert_non_null(strstr(msg, "stray space"));
	assert_int_equal(text_hygiene("年满 16周岁", msg, sizeof msg), 1);
	assert_int_equal(text_hygiene("应用, 进行", msg, sizeof msg), 1);
	assert_non_null(strstr(msg, "use '，'"));
	assert_int_equal(text_hygiene("学力(或同等)", msg, sizeof msg), 1);
}

static void
test_inline_text_joins_chinese_lines_without_space(void **state)
{
	const char *md = "能按照操作规范安\n装数字孪生平台 and\nmore `code`\n";
	cmark_node *doc = cmark_parse_document(md, strlen(md), 0);
	struct arena a = {0};
	struct text_error e = {0};

	(void)state;
	assert_string_equal(inline_text(&a, cmark_node_first_child(doc), &e),
	    "能按照操作规范安装数字孪生平台 and more code");
	assert_int_equal(e.line, 0);
	cmark_node_free(doc);
	arena_free(&a);
}

static void
test_inline_text_reports_raw_html(void **state)
{
	const char *md = "一段\n文<span onclick=\"x()\">字</span>\n";
	cmark_node *doc = cmark_parse_document(md, strlen(md), 0);
	struct arena a = {0};
	struct text_error e = {0};

	(void)state;
	assert_string_equal(inline_text(&a, cmark_node_first_child(doc), &e),
	    "一段文字");
	assert_int_equal(e.line, 2);
	assert_non_null(strstr(e.message, "<span"));
	cmark_node_free(doc);
	arena_free(&a);
}

static void
test_search_key_folds_width_case_and_spaces(void **state)
{
	static const char *const cases[][2] = {
		{ "4～20 mA", "4~20ma" },
		{ "4~20mA", "4~20ma" },
		{ "OPC UA", "opcua" },
		{ "ＭＱＴＴ\xe3\x80\x80主题", "mqtt主题" },
		{ "Ａ－Ｚ，ａ\t\nb", "a-z,ab" },
		{ "数字孪生（平台）", "数字孪生(平台)" },
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *key = text_search_key(cases[i][0]);

		assert_string_equal(key, cases[i][1]);
		free(key);
	}
}

/* What the generator thread found follows what the main thread found, as
 * in a serial load; the blocks of its arena live on in the adopting one. */
static void
test_adopted_diagnostics_and_arenas_follow_the_own(void **state)
{
	struct diag d = {0}, from = {0};
	struct arena a = {0}, b = {0};
	char *text;
	FILE *f;
	size_t len;

	(void)state;
	diag_add(&d, "items/x.md", 3, "own");
	diag_add(&from, "items/x.md", 3, "adopted");
	diag_add(&from, "gen.lua", 0, "second");
	diag_adopt(&d, &from);
	assert_int_equal(from.n, 0);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.entries[1].seq, 1);
	assert_int_equal(d.entries[2].seq, 2);
	f = open_memstream(&text, &len);
	assert_int_equal(diag_print(&d, f), 3);
	fclose(f);
	assert_string_equal(text, "gen.lua: second\nitems/x.md:3: own\n"
	    "items/x.md:3: adopted\n");
	free(text);
	diag_free(&d);

	assert_string_equal(arena_strdup(&b, "kept"), "kept");
	text = arena_strdup(&b, "kept");
	arena_strdup(&a, "own");
	arena_adopt(&a, &b);
	assert_null(b.head);
	assert_string_equal(text, "kept");
	arena_free(&a);         /* ASan: every block freed once */
}

/* Past its small chunks an arena takes 2 MiB ones: what it hands out
 * stays aligned, zeroed where asked, apart, and freed once (ASan). */
static void
test_a_grown_arena_keeps_its_blocks_apart_and_aligned(void **state)
{
	struct arena a = {0};
	char *first = NULL, *s = NULL;
	size_t i, *z;

	(void)state;
	for (i = 0; i < 40000; i++) {           /* about 3 MiB of strings */
		s = arena_printf(&a, "item-%05zu with some text to fill it", i);
		if (i == 0)
			first = s;
		assert_int_equal((uintptr_t)s % _Alignof(max_align_t), 0);
	}
	assert_true(a.chunks > 16);             /* the 2 MiB ones began */
	assert_string_equal(first, "item-00000 with some text to fill it");
	assert_string_equal(s, "item-39999 with some text to fill it");
	z = arena_alloc(&a, 3 << 20);            /* bigger than a chunk */
	for (i = 0; i < (3u << 20) / sizeof *z; i++)
		assert_int_equal(z[i], 0);
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.chunks, 0);
}

/* A strmap keeps every key's value through growth and copies its keys. */
static void
test_strmap_finds_every_key_after_growing(void **state)
{
	struct strmap t = {0};
	char key[32];
	long i;
	int added;

	(void)state;
	assert_null(strmap_get(&t, "none"));
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "id-%ld", i);
		*strmap_put(&t, key, &added) = i * 3;
		assert_true(added);
	}
	assert_int_equal(t.n, 1000);
	*strmap_put(&t, "id-7", &added) += 1;
	assert_false(added);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "id-%ld", i);
		assert_int_equal(*strmap_get(&t, key), i * 3 + (i == 7));
	}
	assert_null(strmap_get(&t, "id-1000"));
	strmap_free(&t);        /* ASan: the copied keys freed once */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_prefix_takes_dotted_numbers_before_a_space),
		cmocka_unit_test(test_paren_number_reads_ascii_and_fullwidth),
		cmocka_unit_test(test_level_list_accepts_spaces_and_commas),
		cmocka_unit_test(test_percent_cells),
		cmocka_unit_test(test_split_row_trims_cells),
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_hygiene_finds_stray_spaces_and_ascii_punctuation),
		cmocka_unit_test(test_inline_text_joins_chinese_lines_without_space),
		cmocka_unit_test(test_inline_text_reports_raw_html),
		cmocka_unit_test(test_search_key_folds_width_case_and_spaces),
		cmocka_unit_test(test_adopted_diagnostics_and_arenas_follow_the_own),
		cmocka_unit_test(test_a_grown_arena_keeps_its_blocks_apart_and_aligned),
		cmocka_unit_test(test_strmap_finds_every_key_after_growing),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
