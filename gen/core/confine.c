#include "core/confine.h"
#include "core/diag.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Content trees are shallow; deeper nesting is not followed. */
enum { DEPTH_MAX = 8 };

static int
inside(const char *root, const char *path)
{
	size_t n = strlen(root);

	return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* A name as it can be shown: control characters as \xNN. */
static int
plain_name(const char *name, struct buf *shown)
{
	int plain = 1;

	for (; *name; name++)
		if ((unsigned char)*name < 0x20 || *name == 0x7f) {
			buf_printf(shown, "\\x%02X", (unsigned char)*name);
			plain = 0;
		} else
			buf_putc(shown, *name);
	return plain;
}

/* What a file that is neither regular nor a directory is, for a message. */
static const char *
kind_of(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	return "not a regular file";
}

static void
walk(const char *root, const char *what, const char *dir, int depth,
    struct diag *d)
{
	struct buf shown = {0};
	struct dirent *de;
	DIR *dp;

	if (depth > DEPTH_MAX || (dp = opendir(dir)) == NULL)
		return;         /* unreadable parts are reported by their reader */
	while ((de = readdir(dp)) != NULL) {
		struct buf path = {0};
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		buf_printf(&path, "%s/%s", dir, de->d_name);
		if (!plain_name(de->d_name, &shown)) {
			diag_add(d, dir, 0, "the name '%s' holds a control "
			    "character; rename it", shown.data);
			buf_clear(&shown);
			buf_free(&path);
			continue;
		}
		buf_clear(&shown);
		if (lstat(path.data, &st) < 0)
			;       /* gone since readdir: nothing to read */
		else if (S_ISLNK(st.st_mode)) {
			char *target = realpath(path.data, NULL);

			if (target == NULL)
				diag_add(d, path.data, 0, "a symbolic link that leads "
				    "nowhere (%s); remove it", strerror(errno));
			else if (!inside(root, target))
				diag_add(d, path.data, 0, "a symbolic link out of the "
				    "%s directory (to %s); copy it into the %s "
				    "instead", what, target, what);
			else if (stat(target, &st) == 0 && !S_ISREG(st.st_mode) &&
			    !S_ISDIR(st.st_mode))
				diag_add(d, path.data, 0, "a symbolic link to %s; only "
				    "regular files are read", kind_of(st.st_mode));
			free(target);
		} else if (S_ISDIR(st.st_mode))
			walk(root, what, path.data, depth + 1, d);
		else if (!S_ISREG(st.st_mode))
			/* a FIFO would hang the reader, a device feed it forever */
			diag_add(d, path.data, 0, "%s, not a regular file; remove it",
			    kind_of(st.st_mode));
		else if (st.st_size > CONTENT_FILE_MAX)
			diag_add(d, path.data, 0, "%.1f MB is over the limit of %ld MB "
			    "for a content file; split it", st.st_size / 1e6,
			    CONTENT_FILE_MAX >> 20);

		buf_free(&path);
	}
	closedir(dp);
	buf_free(&shown);
}

int
content_confined(const char *dir, const char *what, struct diag *d)
{
	char *root = realpath(dir, NULL);
	size_t before = d->n;

	if (root == NULL)
		return 0;       /* a missing directory is the loader's to report */
	walk(root, what, dir, 0, d);
	free(root);
	return d->n > before ? -1 : 0;
}
