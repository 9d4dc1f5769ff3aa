/*
 * fuzz_standard: the standard's parser and checker (parse_standard.c,
 * check.c, settings.c) on a content directory made from the input.
 *
 * The input is a bundle: the files of content/standard separated by the
 * byte 0x1C, then optionally 0x1D and content/settings.md. The files are
 * written as standard/f00.md, f01.md, … (read in that order) and loaded
 * the way `tiku lint` does: standard_load, and when that found nothing,
 * standard_check and settings_load.
 */
#include "fuzz_common.h"

#include "core/diag.h"
#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FILES_MAX = 16, FILE_SEP = 0x1C, SETTINGS_SEP = 0x1D };

static const char *content;     /* the scratch content directory */
static char *standard_dir;
static size_t files_written;    /* f00.md … of the previous input */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	content = fuzz_scratch();
	standard_dir = fuzz_path(content, "standard");
	fuzz_mkdir(standard_dir);
	return 0;
}

static char *
file_path(size_t i)
{
	char name[32];

	snprintf(name, sizeof name, "f%02zu.md", i);
	return fuzz_path(standard_dir, name);
}

/* Write the standard's files; returns their count. */
static size_t
write_standard(const uint8_t *data, size_t size)
{
	size_t n = 0, start = 0, i;

	for (i = 0; i <= size; i++) {
		char *path;

		if (i < size && (data[i] != FILE_SEP || n == FILES_MAX - 1))
			continue;
		path = file_path(n++);
		fuzz_write(path, data + start, i - start);
		free(path);
		start = i + 1;
	}
	for (i = n; i < files_written; i++) {
		char *path = file_path(i);

		unlink(path);
		free(path);
	}
	files_written = n;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *settings = memchr(data, SETTINGS_SEP, size);
	char *settings_path = fuzz_path(content, "settings.md");
	struct standard s;
	struct diag d = {0};

	if (settings != NULL) {
		fuzz_write(settings_path, settings + 1,
		    size - (size_t)(settings - data) - 1);
		size = (size_t)(settings - data);
	} else
		unlink(settings_path);
	free(settings_path);
	write_standard(data, size);

	memset(&s, 0, sizeof s);
	if (standard_load(&s, content, &d) == 0) {
		standard_check(&s, &d);
		settings_load(&s, content, &d);
	}
	if (fuzz_verbose)
		diag_print(&d, stderr);
	standard_free(&s);
	diag_free(&d);
	return 0;
}
