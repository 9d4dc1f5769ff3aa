/*
 * fuzz_items: the item parser (parse_items.c) and the bank's checks
 * (bank.c) on one file of content/items made from the input, against the
 * default standard (content/), loaded once. Each input's items and
 * strings go into an arena of their own, freed after the input, so the
 * standard stays as loaded.
 */
#include "fuzz_common.h"

#include "bank/bank.h"
#include "core/diag.h"
#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct standard standard;
static const char *content;     /* the scratch content directory */
static char *item_file;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *top = fuzz_top();
	char *dir = fuzz_path(top, "content");
	struct diag d = {0};
	char *items;

	(void)argc;
	(void)argv;
	if (standard_load(&standard, dir, &d) == 0) {
		standard_check(&standard, &d);
		settings_load(&standard, dir, &d);
	}
	if (d.n > 0) {
		diag_print(&d, stderr);
		fprintf(stderr, "fuzz: the default standard in %s does not "
		    "load cleanly\n", dir);
		exit(2);
	}
	diag_free(&d);
	content = fuzz_scratch();
	items = fuzz_path(content, "items");
	fuzz_mkdir(items);
	item_file = fuzz_path(items, "fuzz.md");
	free(items);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct standard s = standard;
	struct bank b = {0};
	struct diag d = {0};
	size_t i;

	memset(&s.arena, 0, sizeof s.arena);
	fuzz_write(item_file, data, size);
	bank_load(&b, &s, content, &d);
	bank_resolve(&b, &s, &d);
	/* What the outputs make of the items. */
	for (i = 0; i < s.n_levels; i++)
		json_decref(bank_json(&s, &b, s.levels[i].number));
	if (fuzz_verbose)
		diag_print(&d, stderr);
	bank_free(&b);
	arena_free(&s.arena);
	diag_free(&d);
	return 0;
}
