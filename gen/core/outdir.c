#define _GNU_SOURCE
#include "core/outdir.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(path);
}

static void
remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
outdir_open(struct outdir *o, const char *target)
{
	size_t n = strlen(target);

	while (n > 1 && target[n - 1] == '/')
		n--;
	o->target = xmalloc(n + 1);
	memcpy(o->target, target, n);
	o->target[n] = '\0';
	o->tmp = xmalloc(n + 16);
	snprintf(o->tmp, n + 16, "%s.tmp-XXXXXX", o->target);
	if (mkdtemp(o->tmp) == NULL) {
		fprintf(stderr, "tiku: %s: cannot create a directory beside it: "
		    "%s\n", o->target, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	chmod(o->tmp, 0755);
	return 0;
}

/* A path from content must stay inside the tree. */
static int
safe_relpath(const char *p)
{
	const char *seg = p;

	if (*p == '\0' || *p == '/')
		return 0;
	for (;;) {
		const char *end = strchr(seg, '/');
		size_t len = end ? (size_t)(end - seg) : strlen(seg);

		if (len == 0 || (len == 1 && seg[0] == '.') ||
		    (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (end == NULL)
			break;
		seg = end + 1;
	}
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return 1;
}

char *
outdir_path(struct outdir *o, const char *relpath)
{
	struct buf path = {0};
	const char *slash;

	if (!safe_relpath(relpath)) {
		fprintf(stderr, "tiku: refusing to write '%s': output paths must "
		    "stay inside the output directory\n", relpath);
		return NULL;
	}
	for (slash = strchr(relpath, '/'); slash; slash = strchr(slash + 1, '/')) {
		buf_clear(&path);
		buf_printf(&path, "%s/%.*s", o->tmp, (int)(slash - relpath),
		    relpath);
		if (mkdir(path.data, 0755) < 0 && errno != EEXIST) {
			fprintf(stderr, "tiku: %s: %s\n", path.data,
			    strerror(errno));
			buf_free(&path);
			return NULL;
		}
	}
	buf_clear(&path);
	buf_printf(&path, "%s/%s", o->tmp, relpath);
	return path.data;
}

int
outdir_write(struct outdir *o, const char *relpath, const void *data,
    size_t len)
{
	char *path = outdir_path(o, relpath);
	FILE *f;
	int ok;

	if (path == NULL)
		return -1;
	if ((f = fopen(path, "wb")) == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok &= fclose(f) == 0;
	if (!ok)
		fprintf(stderr, "tiku: %s: %s\n", path, strerror(errno));
	free(path);
	return ok ? 0 : -1;
}

int
outdir_commit(struct outdir *o)
{
	struct stat st;

	if (lstat(o->target, &st) < 0) {
		if (rename(o->tmp, o->target) == 0)
			goto done;
	} else if (S_ISDIR(st.st_mode) &&
	    renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->target,
	    RENAME_EXCHANGE) == 0) {
		/* The old tree now sits at the temporary name. */
		remove_tree(o->tmp);
		goto done;
	} else if (!S_ISDIR(st.st_mode))
		errno = ENOTDIR;
	fprintf(stderr, "tiku: %s: cannot put the new output in place: %s\n",
	    o->target, strerror(errno));
	outdir_abort(o);
	return -1;
done:
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
	return 0;
}

void
outdir_abort(struct outdir *o)
{
	if (o->tmp)
		remove_tree(o->tmp);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
}
