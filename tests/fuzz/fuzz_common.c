#define _XOPEN_SOURCE 700     /* nftw */

#include "fuzz_common.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fuzz_verbose;
static char *scratch;

static void
fail(const char *what, const char *path)
{
	fprintf(stderr, "fuzz: %s %s: %s\n", what, path, strerror(errno));
	exit(2);
}

const char *
fuzz_top(void)
{
	const char *top = getenv("TIKU_TOP");
	char *probe;
	struct stat st;

	if (top == NULL || *top == '\0')
		top = ".";
	probe = fuzz_path(top, "content/standard");
	if (stat(probe, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "fuzz: no %s; run from the project's top "
		    "directory or set TIKU_TOP\n", probe);
		exit(2);
	}
	free(probe);
	return top;
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void
remove_scratch(void)
{
	if (scratch != NULL)
		nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
fuzz_scratch(void)
{
	const char *tmp = getenv("TMPDIR");

	if (scratch != NULL)
		return scratch;
	fuzz_verbose = getenv("TIKU_FUZZ_VERBOSE") != NULL;
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	scratch = fuzz_path(tmp, "tiku-fuzz-XXXXXX");
	if (mkdtemp(scratch) == NULL)
		fail("cannot create", scratch);
	atexit(remove_scratch);
	return scratch;
}

char *
fuzz_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p == NULL)
		abort();
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

void
fuzz_mkdir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		fail("cannot create", path);
}

void
fuzz_write(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		fail("cannot write", path);
	if ((size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		fail("cannot write", path);
}

void
fuzz_copy_dir(const char *from, const char *to)
{
	DIR *dp = opendir(from);
	struct dirent *de;

	if (dp == NULL)
		fail("cannot read", from);
	while ((de = readdir(dp)) != NULL) {
		char *src, *dst, buf[65536];
		struct stat st;
		FILE *in, *out;
		size_t n;

		if (de->d_name[0] == '.')
			continue;
		src = fuzz_path(from, de->d_name);
		dst = fuzz_path(to, de->d_name);
		if (stat(src, &st) == 0 && S_ISREG(st.st_mode)) {
			if ((in = fopen(src, "rb")) == NULL)
				fail("cannot read", src);
			if ((out = fopen(dst, "wb")) == NULL)
				fail("cannot write", dst);
			while ((n = fread(buf, 1, sizeof buf, in)) > 0)
				if (fwrite(buf, 1, n, out) != n)
					fail("cannot write", dst);
			fclose(in);
			if (fclose(out) != 0)
				fail("cannot write", dst);
		}
		free(src);
		free(dst);
	}
	closedir(dp);
}
