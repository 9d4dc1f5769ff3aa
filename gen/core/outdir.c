#define _GNU_SOURCE
#include "core/outdir.h"
#include "core/util.h"

#include <dirent.h>
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

void
outdir_remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static const char marker_text[] =
    "This directory was written by tiku, which replaces it on the next "
    "build.\n";

/*
 * The absolute path target names, links resolved as far as it exists;
 * the rest must be plain names. Returns a new string, or NULL.
 */
static char *
canonical(const char *target)
{
	char *full, *parent, *base, *slash, *copy;
	struct buf b = {0};

	if ((full = realpath(target, NULL)) != NULL)
		return full;
	if (errno != ENOENT)
		return NULL;
	copy = xstrdup(target);
	while ((slash = strrchr(copy, '/')) != NULL && slash[1] == '\0' &&
	    slash != copy)
		*slash = '\0';        /* trailing slashes */
	slash = strrchr(copy, '/');
	base = slash ? slash + 1 : copy;
	if (slash == copy)
		parent = xstrdup("/");
	else if (slash) {
		*slash = '\0';
		parent = canonical(copy);
	} else
		parent = realpath(".", NULL);
	if (parent == NULL || *base == '\0' || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0) {
		free(parent);
		free(copy);
		return NULL;
	}
	buf_printf(&b, "%s%s%s", parent, strcmp(parent, "/") ? "/" : "", base);
	free(parent);
	free(copy);
	return b.data;
}

/* Is path a or inside b (both canonical)? */
static int
within(const char *a, const char *b)
{
	size_t n = strlen(b);

	if (strcmp(b, "/") == 0)
		return 1;
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/');
}

static int
exists_as(const char *dir, const char *name, mode_t type)
{
	struct buf path = {0};
	struct stat st;
	int ok;

	buf_printf(&path, "%s/%s", dir, name);
	ok = lstat(path.data, &st) == 0 && (st.st_mode & S_IFMT) == type;
	buf_free(&path);
	return ok;
}

/* Nothing in dir but . and .., or a marked (or older) tiku tree? */
static int
replaceable(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;

	if (d == NULL)
		return 0;
	while (empty && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty || exists_as(dir, OUTDIR_MARKER, S_IFREG) ||
	    (exists_as(dir, "tiku.js", S_IFREG) &&
	    exists_as(dir, "data/standard.json", S_IFREG));
}

static int
refuse(const char *target, const char *why, const char *what)
{
	fprintf(stderr, "tiku: --out %s: %s%s; choose another --out\n", target,
	    why, what ? what : "");
	return -1;
}

int
outdir_allowed(const char *target, enum outdir_use use,
    const char *const *keep)
{
	char *path = canonical(target), *cwd = realpath(".", NULL), *k;
	struct stat st;
	int rc = 0;

	if (path == NULL || cwd == NULL)
		rc = refuse(target, "not a usable path", NULL);
	else if (use == OUTDIR_REPLACE && strcmp(path, "/") == 0)
		rc = refuse(target, "refusing to replace the root directory", NULL);
	else if (use == OUTDIR_REPLACE && within(cwd, path))
		rc = refuse(target, "refusing to replace the working directory "
		    "or one that holds it", NULL);
	for (; rc == 0 && keep && *keep; keep++) {
		if ((k = realpath(*keep, NULL)) == NULL)
			continue;
		if (use == OUTDIR_REPLACE && strcmp(k, path) == 0)
			rc = refuse(target, "refusing to replace the input "
			    "directory ", *keep);
		else if (use == OUTDIR_REPLACE && within(k, path))
			rc = refuse(target, "refusing to replace a directory that "
			    "holds the input directory ", *keep);
		else if (within(path, k))
			rc = refuse(target, "refusing to write into the input "
			    "directory ", *keep);
		free(k);
	}
	if (rc == 0 && use == OUTDIR_REPLACE && lstat(path, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			rc = refuse(target, "not a directory", NULL);
		else if (!replaceable(path))
			rc = refuse(target, "refusing to replace a directory that "
			    "tiku did not write (it has no " OUTDIR_MARKER ")", NULL);
	}
	free(path);
	free(cwd);
	return rc;
}

static int
open_tree(struct outdir *o, const char *target, int marked)
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
	if (marked && outdir_write(o, OUTDIR_MARKER, marker_text,
	    strlen(marker_text)) < 0) {
		outdir_abort(o);
		return -1;
	}
	return 0;
}

int
outdir_open(struct outdir *o, const char *target)
{
	return open_tree(o, target, 1);
}

int
outdir_open_content(struct outdir *o, const char *target)
{
	return open_tree(o, target, 0);
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
		outdir_remove_tree(o->tmp);
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
		outdir_remove_tree(o->tmp);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
}

int
outdir_put_file(const char *path, const void *data, size_t len)
{
	struct buf tmp = {0};
	int fd, ok;
	FILE *f;

	buf_printf(&tmp, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp.data)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp.data);
		}
		buf_free(&tmp);
		return -1;
	}
	fchmod(fd, 0644);
	ok = fwrite(data, 1, len, f) == len;
	ok &= fclose(f) == 0;
	ok = ok && rename(tmp.data, path) == 0;
	if (!ok) {
		fprintf(stderr, "tiku: %s: %s\n", path, strerror(errno));
		unlink(tmp.data);
	}
	buf_free(&tmp);
	return ok ? 0 : -1;
}

char *
outdir_stage(const char *dir)
{
	struct buf path = {0};

	buf_printf(&path, "%s/.tiku-stage-XXXXXX", dir);
	if (mkdtemp(path.data) == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", dir, strerror(errno));
		buf_free(&path);
		return NULL;
	}
	return path.data;
}

int
outdir_unstage(const char *stage, const char *dir, int ok)
{
	struct buf from = {0}, to = {0};
	struct dirent *de;
	DIR *d;
	int rc = 0;

	if (ok && (d = opendir(stage)) != NULL) {
		while (rc == 0 && (de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			buf_clear(&from);
			buf_clear(&to);
			buf_printf(&from, "%s/%s", stage, de->d_name);
			buf_printf(&to, "%s/%s", dir, de->d_name);
			if (rename(from.data, to.data) < 0) {
				fprintf(stderr, "tiku: %s: %s\n", to.data,
				    strerror(errno));
				rc = -1;
			}
		}
		closedir(d);
	} else if (ok) {
		fprintf(stderr, "tiku: %s: %s\n", stage, strerror(errno));
		rc = -1;
	}
	outdir_remove_tree(stage);
	buf_free(&from);
	buf_free(&to);
	return rc;
}
