/*
 * fuzz_generator: parametric item generators and the Lua bridge
 * (generate.c, render.c, sandbox.c) on a generator made from the input:
 * lua/items/fuzz.lua beside the project's own modules, run against the
 * second standard (tests/fixtures/other), loaded once. Each input gets a
 * fresh sandbox, with a small memory cap and budget, and its items go into
 * an arena of their own, freed after the input. Whatever the Lua source
 * returns, raises or loops on, the run must end with diagnostics, never a
 * crash, a leak or a hang.
 */
#include "fuzz_common.h"

#include "bank/bank.h"
#include "bank/generate.h"
#include "core/diag.h"
#include "core/model.h"
#include "script/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Far below the build's (256 MiB, 500 million): most inputs that run at
 * all loop or allocate until stopped. */
static const struct render_limits limits = {
	16u << 20,              /* 16 MiB */
	2000,                   /* 2 million instructions; 1 s */
};

static struct standard standard;
static char *templates, *lua_dir, *content_dir, *generator_file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *top = fuzz_top(), *scratch = fuzz_scratch();
	char *content = fuzz_path(top, "tests/fixtures/other"), *generators;
	struct diag d = {0};

	(void)argc;
	(void)argv;
	if (standard_load(&standard, content, &d) == 0) {
		standard_check(&standard, &d);
		settings_load(&standard, content, &d);
	}
	if (d.n > 0) {
		diag_print(&d, stderr);
		fprintf(stderr, "fuzz: the second standard in %s does not load "
		    "cleanly\n", content);
		exit(2);
	}
	diag_free(&d);
	free(content);
	/* the project's engine and shared modules; the only generator is the
	 * input, in a content folder of its own */
	lua_dir = fuzz_path(top, "lua");
	content_dir = fuzz_path(scratch, "content");
	fuzz_mkdir(content_dir);
	generators = fuzz_path(content_dir, "generators");
	fuzz_mkdir(generators);
	generator_file = fuzz_path(generators, "fuzz.lua");
	free(generators);
	templates = fuzz_path(top, "templates");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct standard s = standard;
	struct bank b = {0};
	struct diag d = {0};
	struct render *r;

	memset(&s.arena, 0, sizeof s.arena);
	fuzz_write(generator_file, data, size);
	if ((r = render_new(templates, lua_dir, &limits, &d)) == NULL) {
		diag_print(&d, stderr);
		fprintf(stderr, "fuzz: cannot start the sandbox\n");
		exit(2);
	}
	bank_generate(&b, &s, r, content_dir, &d);
	render_free(r);
	bank_resolve(&b, &s, &d);
	json_decref(bank_json(&s, &b, s.levels[0].number));
	if (fuzz_verbose)
		diag_print(&d, stderr);
	bank_free(&b);
	arena_free(&s.arena);
	diag_free(&d);
	return 0;
}
