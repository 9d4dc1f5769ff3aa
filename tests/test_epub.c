/* Unit tests of epub.c: the OCF container as the specification wants it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "write/epub.h"
#include "core/util.h"

static const char doc[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title>"
    "</head><body><h1 id=\"a\">甲</h1><h2 id=\"b\">乙<span>丙</span></h2>"
    "<h3 id=\"c\">丁</h3><h2 id=\"d\">戊</h2></body></html>\n";

static char *
write_book(const char *path)
{
	struct epub_meta m = { "书名", "urn:uuid:x", "zh-CN", NULL, "2024-01-31" };
	struct epub *e = epub_new(&m);
	zip_t *za;
	zip_stat_t st;
	zip_file_t *f;
	char *nav;
	int err;

	epub_add_asset(e, "style.css", "text/css", "p{}", 3);
	epub_add_document(e, "doc.xhtml", doc);
	assert_int_equal(epub_write(e, path), 0);
	epub_free(e);

	za = zip_open(path, ZIP_RDONLY, &err);
	assert_non_null(za);
	/* mimetype first, stored, with its exact content */
	assert_string_equal(zip_get_name(za, 0, 0), "mimetype");
	assert_int_equal(zip_stat_index(za, 0, 0, &st), 0);
	assert_int_equal(st.comp_method, ZIP_CM_STORE);
	assert_int_equal(st.size, 20);
	assert_string_equal(zip_get_name(za, 1, 0), "META-INF/container.xml");
	assert_true(zip_name_locate(za, "OEBPS/package.opf", 0) >= 0);
	assert_true(zip_name_locate(za, "OEBPS/doc.xhtml", 0) >= 0);
	assert_int_equal(zip_stat(za, "OEBPS/nav.xhtml", 0, &st), 0);
	nav = xcalloc(1, st.size + 1);
	f = zip_fopen(za, "OEBPS/nav.xhtml", 0);
	assert_int_equal(zip_fread(f, nav, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_close(za);
	return nav;
}

static void
test_book_has_ocf_layout_and_nested_nav(void **state)
{
	char *nav;

	(void)state;
	mkdir("tests/build", 0755);
	nav = write_book("tests/build/test.epub");
	/* h1 > h2 (tags stripped from the label) > h3, then h2 again */
	assert_non_null(strstr(nav, "<ol>\n<li><a href=\"doc.xhtml#a\">甲</a><ol>\n"
	    "<li><a href=\"doc.xhtml#b\">乙丙</a><ol>\n"
	    "<li><a href=\"doc.xhtml#c\">丁</a></li>\n</ol>\n</li>\n"
	    "<li><a href=\"doc.xhtml#d\">戊</a></li>\n</ol>\n</li>\n</ol>"));
	free(nav);
}

static void
test_same_book_twice_is_byte_identical(void **state)
{
	size_t a_len, b_len;
	char *a, *b;

	(void)state;
	free(write_book("tests/build/one.epub"));
	free(write_book("tests/build/two.epub"));
	a = read_file("tests/build/one.epub", &a_len);
	b = read_file("tests/build/two.epub", &b_len);
	assert_int_equal(a_len, b_len);
	assert_memory_equal(a, b, a_len);
	free(a);
	free(b);
}

static void
test_uuid_is_stable_and_version_8(void **state)
{
	char a[46], b[46], c[46];

	(void)state;
	epub_uuid("4-04-05-10/syllabus/L5", a);
	epub_uuid("4-04-05-10/syllabus/L5", b);
	epub_uuid("4-04-05-10/syllabus/L4", c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strlen(a), 45);
	assert_int_equal(a[23], '8');           /* version nibble */
	assert_non_null(strchr("89ab", a[28])); /* RFC variant */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_book_has_ocf_layout_and_nested_nav),
		cmocka_unit_test(test_same_book_twice_is_byte_identical),
		cmocka_unit_test(test_uuid_is_stable_and_version_8),
	};

	return cmocka_run_group_tests_name("epub", tests, NULL, NULL);
}
