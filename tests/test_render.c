/* Unit tests of render.c and lua/template.lua: output and the sandbox. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "script/render.h"

static const struct render_limits small = { 64u << 20, 20000 };

static struct render *
sandbox(struct diag *d)
{
	struct render *r = render_new("tests/templates", "lua", &small, d);

	assert_non_null(r);
	return r;
}

/* Render name and return the single diagnostic it must produce. */
static char *
render_error(const char *name)
{
	struct diag d = {0};
	struct render *r = sandbox(&d);
	json_t *data = json_pack("{s:[s]}", "list", "a");
	char *html = render_page(r, name, data, &d), *msg;

	assert_null(html);
	assert_int_equal(d.n, 1);
	msg = malloc(strlen(d.entries[0].file) + strlen(d.entries[0].message) + 32);
	sprintf(msg, "%s:%d: %s", d.entries[0].file, d.entries[0].line,
	    d.entries[0].message);
	json_decref(data);
	render_free(r);
	diag_free(&d);
	return msg;
}

static void
test_expressions_are_escaped_and_core_html_is_raw(void **state)
{
	struct diag d = {0};
	struct render *r = sandbox(&d);
	json_t *data = json_pack("{s:s, s:[s,s], s:s}", "title", "A & <B>",
	    "list", "x", "\"y\"", "body_html", "<em>ok</em>");
	char *html = render_page(r, "ok.html", data, &d);

	(void)state;
	assert_non_null(html);
	assert_non_null(strstr(html, "<p>A &amp; &lt;B&gt;</p>\n"));
	assert_non_null(strstr(html, "<p>3 4</p>\n"));
	assert_non_null(strstr(html, "<i>1=x</i>\n<i>2=&quot;y&quot;</i>\n"));
	assert_non_null(strstr(html, "<em>ok</em>"));
	assert_non_null(strstr(html, "<span>&lt;b&gt;</span>"));
	/* statement lines leave no blank line; comments vanish */
	assert_null(strstr(html, "\n\n"));
	assert_null(strstr(html, "comment"));
	/* #list works on read-only data; the string metatable is hidden;
	   string.dump is gone */
	assert_non_null(strstr(html, "<p>2 false true</p>"));
	free(html);
	json_decref(data);
	render_free(r);
	diag_free(&d);
}

static void
test_os_is_not_available(void **state)
{
	char *m = render_error("os_execute.html");

	(void)state;
	assert_string_equal(m, "tests/templates/os_execute.html:2: attempt to "
	    "index a nil value (global 'os')");
	assert_int_equal(access("/tmp/tiku-pwned", F_OK), -1);
	free(m);
}

static void
test_io_is_not_available(void **state)
{
	char *m = render_error("open_file.html");

	(void)state;
	assert_string_equal(m, "tests/templates/open_file.html:1: attempt to "
	    "index a nil value (global 'io')");
	free(m);
}

static void
test_require_reaches_only_the_lua_directory(void **state)
{
	char *m = render_error("require_os.html");

	(void)state;
	assert_string_equal(m, "tests/templates/require_os.html:1: module 'os' "
	    "not found: modules come from lua/ only");
	free(m);
}

/* ("").dump reaches the string library through the string metatable. */
static void
test_string_dump_is_gone_from_string_methods(void **state)
{
	char *m = render_error("string_method_dump.html");

	(void)state;
	assert_string_equal(m, "tests/templates/string_method_dump.html:1: "
	    "attempt to call a nil value (field 'dump')");
	free(m);
}

/* A message cannot move the terminal's cursor or forge a diagnostic. */
static void
test_control_characters_in_messages_are_escaped(void **state)
{
	char *m = render_error("control_message.html");

	(void)state;
	assert_string_equal(m, "tests/templates/control_message.html:1: "
	    "\\x1B[2J\\x0Aforged.md:1: x");
	free(m);
}

static void
test_load_is_not_available(void **state)
{
	char *m = render_error("load_string.html");

	(void)state;
	assert_string_equal(m, "tests/templates/load_string.html:1: attempt to "
	    "call a nil value (global 'load')");
	free(m);
}

static void
test_endless_loop_hits_the_instruction_budget(void **state)
{
	char *m = render_error("loop.html");

	(void)state;
	assert_string_equal(m, "tests/templates/loop.html:3: instruction budget "
	    "of 20 million exceeded: an endless loop?");
	free(m);
}

static void
test_unbounded_allocation_hits_the_memory_cap(void **state)
{
	char *m = render_error("alloc.html");

	(void)state;
	assert_string_equal(m, "tests/templates/alloc.html:0: the template "
	    "exceeded the memory cap of 64 MiB");
	free(m);
}

static void
test_syntax_error_names_the_template_line(void **state)
{
	char *m = render_error("syntax.html");

	(void)state;
	assert_string_equal(m, "tests/templates/syntax.html:3: 'end' expected "
	    "(to close 'if' at line 2) near <eof>");
	free(m);
}

static void
test_runtime_error_names_the_template_line(void **state)
{
	char *m = render_error("runtime_error.html");

	(void)state;
	assert_string_equal(m, "tests/templates/runtime_error.html:3: attempt to "
	    "index a nil value (global 'nothing')");
	free(m);
}

static void
test_raw_output_refuses_plain_strings(void **state)
{
	char *m = render_error("raw_string.html");

	(void)state;
	assert_string_equal(m, "tests/templates/raw_string.html:1: {{{ }}} prints "
	    "only HTML made by the core (Markdown, include()); use {{ }} to "
	    "print text escaped");
	free(m);
}

static void
test_data_is_read_only(void **state)
{
	char *m = render_error("write_data.html");

	(void)state;
	assert_string_equal(m, "tests/templates/write_data.html:1: template data "
	    "is read-only (assigning '1')");
	free(m);
}

static void
test_missing_template_is_reported(void **state)
{
	char *m = render_error("no-such.html");

	(void)state;
	assert_non_null(strstr(m, "tests/templates/no-such.html: No such file"));
	free(m);
}

static void
test_pcall_cannot_swallow_the_budget(void **state)
{
	char *m = render_error("pcall_loop.html");

	(void)state;
	assert_string_equal(m, "tests/templates/pcall_loop.html:1: instruction "
	    "budget of 20 million exceeded: an endless loop?");
	free(m);
}

static void
test_string_work_counts_against_the_budget(void **state)
{
	char *m = render_error("string_work.html");

	(void)state;
	assert_string_equal(m, "tests/templates/string_work.html:2: "
	    "instruction budget of 20 million exceeded: an endless loop?");
	free(m);
}

static void
test_output_counts_against_the_memory_cap(void **state)
{
	char *m = render_error("output_flood.html");

	(void)state;
	assert_string_equal(m, "tests/templates/output_flood.html:0: the "
	    "template exceeded the memory cap of 64 MiB");
	free(m);
}

static void
test_backtracking_pattern_is_refused(void **state)
{
	char *m = render_error("pattern.html");

	(void)state;
	assert_string_equal(m, "tests/templates/pattern.html:1: pattern "
	    "'.-.-.-b' could backtrack for hours on 30000 bytes; use a plain "
	    "find or a simpler pattern");
	free(m);
}

static void
test_markdown_is_rendered_safely(void **state)
{
	char *html = render_markdown("*a* <script>x()</script> "
	    "[l](javascript:alert(1))");

	(void)state;
	assert_non_null(strstr(html, "<em>a</em>"));
	assert_null(strstr(html, "<script>"));
	assert_null(strstr(html, "javascript:"));
	free(html);
}

/* The body is rendered once; every layout sees the data and body_html,
 * which replaces a body_html of the data. */
static void
test_one_body_in_several_layouts(void **state)
{
	struct diag d = {0};
	struct render *r = sandbox(&d);
	json_t *data = json_pack("{s:s, s:[s,s], s:s}", "title", "A & B",
	    "list", "x", "<y>", "body_html", "<s>old</s>");
	const char *layouts[] = { "frame.html", "frame2.html" };
	char *pages[2];

	(void)state;
	assert_int_equal(render_in_layouts(r, "body.html", layouts, 2, data,
	    pages, &d), 0);
	assert_string_equal(pages[0], "<main><b>A &amp; B</b><i>x</i><i>&lt;y&gt;"
	    "</i>\n</main><h1>A &amp; B</h1>\n");
	assert_string_equal(pages[1], "<div title=\"A &amp; B\"><b>A &amp; B</b>"
	    "<i>x</i><i>&lt;y&gt;</i>\n</div>\n");
	assert_int_equal(d.n, 0);
	free(pages[0]);
	free(pages[1]);
	/* a failing layout: no page, one message naming it */
	layouts[1] = "runtime_error.html";
	assert_int_equal(render_in_layouts(r, "body.html", layouts, 2, data,
	    pages, &d), -1);
	assert_null(pages[0]);
	assert_null(pages[1]);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.entries[0].file, "tests/templates/runtime_error.html");
	/* a failing body: no layout is rendered */
	assert_int_equal(render_in_layouts(r, "runtime_error.html", layouts, 1,
	    data, pages, &d), -1);
	assert_null(pages[0]);
	assert_int_equal(d.n, 2);
	json_decref(data);
	render_free(r);
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expressions_are_escaped_and_core_html_is_raw),
		cmocka_unit_test(test_os_is_not_available),
		cmocka_unit_test(test_io_is_not_available),
		cmocka_unit_test(test_require_reaches_only_the_lua_directory),
		cmocka_unit_test(test_load_is_not_available),
		cmocka_unit_test(test_endless_loop_hits_the_instruction_budget),
		cmocka_unit_test(test_unbounded_allocation_hits_the_memory_cap),
		cmocka_unit_test(test_pcall_cannot_swallow_the_budget),
		cmocka_unit_test(test_string_work_counts_against_the_budget),
		cmocka_unit_test(test_output_counts_against_the_memory_cap),
		cmocka_unit_test(test_backtracking_pattern_is_refused),
		cmocka_unit_test(test_syntax_error_names_the_template_line),
		cmocka_unit_test(test_runtime_error_names_the_template_line),
		cmocka_unit_test(test_raw_output_refuses_plain_strings),
		cmocka_unit_test(test_data_is_read_only),
		cmocka_unit_test(test_one_body_in_several_layouts),
		cmocka_unit_test(test_missing_template_is_reported),
		cmocka_unit_test(test_markdown_is_rendered_safely),
		cmocka_unit_test(test_string_dump_is_gone_from_string_methods),
		cmocka_unit_test(test_control_characters_in_messages_are_escaped),
	};

	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
