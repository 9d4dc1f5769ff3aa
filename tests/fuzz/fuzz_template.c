/*
 * fuzz_template: the template engine (lua/template.lua run by render.c in
 * its sandbox) on a template made from the input. The project's templates
 * are copied beside it so that include() finds them; the data is fixed:
 * the default standard's name, code and first level as `tiku dump --json`
 * gives them, and values of every JSON type, core-made HTML among them.
 * Each input gets a fresh sandbox, whose memory cap, instruction budget
 * and time limit must end every run, however the template loops or
 * allocates.
 */
#include "fuzz_common.h"

#include "core/diag.h"
#include "core/dump.h"
#include "core/model.h"
#include "script/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Far below the build's (256 MiB, 500 million): inputs that loop or
 * allocate until stopped are common, and each costs its whole budget.
 */
static const struct render_limits limits = {
	16u << 20,              /* 16 MiB */
	2000,                   /* 2 million instructions; 1 s */
};

static char *templates, *lua_dir, *template_file;
static json_t *data;

static const char fixed_data[] =
    "{\"title\": \"<b>标题</b> & \\\"x\\\"\", \"body_html\": \"<p>核心 HTML</p>\","
    " \"html\": \"<em>raw</em>\", \"list\": [\"a\", \"<b>\", 3, 2.5, true,"
    " null, {\"k\": \"v\"}], \"n\": 42, \"x\": -0.5, \"yes\": true,"
    " \"no\": false, \"nothing\": null, \"empty\": {}, \"none\": [],"
    " \"items\": [{\"id\": \"L5-1\", \"stem_html\": \"<p>题干</p>\","
    " \"options_html\": [\"甲\", \"乙\"], \"answer\": \"A\"}],"
    " \"epub\": false, \"epub_href\": \"x.epub\", \"minutes\": 90,"
    " \"mock_forms\": 3, \"papers\": {}}";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *top = fuzz_top(), *scratch = fuzz_scratch();
	char *content = fuzz_path(top, "content"), *from;
	struct standard s;
	struct diag d = {0};
	json_error_t err;
	json_t *standard, *levels;

	(void)argc;
	(void)argv;
	memset(&s, 0, sizeof s);
	if (standard_load(&s, content, &d) != 0) {
		diag_print(&d, stderr);
		exit(2);
	}
	if ((data = json_loads(fixed_data, 0, &err)) == NULL) {
		fprintf(stderr, "fuzz: fixed data: %s\n", err.text);
		exit(2);
	}
	/* The whole standard would take most of each run to convert. */
	standard = dump_standard(&s);
	levels = json_object_get(standard, "levels");
	while (json_array_size(levels) > 1)
		json_array_remove(levels, 1);
	json_object_set(data, "level", json_array_get(levels, 0));
	json_object_set_new(data, "standard", json_pack("{s:O, s:O, s:O}",
	    "name", json_object_get(standard, "name"),
	    "code", json_object_get(standard, "code"), "levels", levels));
	json_decref(standard);
	standard_free(&s);
	diag_free(&d);
	free(content);

	templates = fuzz_path(scratch, "templates");
	fuzz_mkdir(templates);
	from = fuzz_path(top, "templates");
	fuzz_copy_dir(from, templates);
	free(from);
	template_file = fuzz_path(templates, "fuzz.html");
	lua_dir = fuzz_path(top, "lua");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *input, size_t size)
{
	struct diag d = {0};
	struct render *r;
	char *html = NULL;

	fuzz_write(template_file, input, size);
	if ((r = render_new(templates, lua_dir, &limits, &d)) == NULL) {
		diag_print(&d, stderr);
		fprintf(stderr, "fuzz: cannot start the template engine\n");
		exit(2);
	}
	html = render_page(r, "fuzz.html", data, &d);
	if (fuzz_verbose) {
		diag_print(&d, stderr);
		if (html != NULL)
			fputs(html, stdout);
		fflush(stdout);
	}
	free(html);
	render_free(r);
	diag_free(&d);
	return 0;
}
