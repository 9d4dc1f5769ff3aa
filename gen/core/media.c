#include "core/media.h"
#include "core/diag.h"
#include "core/model.h"
#include "core/util.h"

#include <cmark.h>
#include <string.h>
#include <sys/stat.h>

static const struct {
	const char *ext, *type;
} formats[] = {
	{ ".png", "image/png" }, { ".jpg", "image/jpeg" },
	{ ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
	{ ".webp", "image/webp" },
};

const char *
media_type(const char *path)
{
	size_t n = strlen(path), i;

	for (i = 0; i < sizeof formats / sizeof *formats; i++) {
		size_t e = strlen(formats[i].ext);

		if (n > e && strcmp(path + n - e, formats[i].ext) == 0)
			return formats[i].type;
	}
	return NULL;
}

/* The line of an inline node: its block's, plus the breaks before it. */
static int
line_of(cmark_node *n)
{
	int breaks = 0;

	for (; n && cmark_node_get_start_line(n) == 0;
	    n = cmark_node_parent(n))
		for (cmark_node *p = cmark_node_previous(n); p;
		    p = cmark_node_previous(p))
			if (cmark_node_get_type(p) == CMARK_NODE_SOFTBREAK ||
			    cmark_node_get_type(p) == CMARK_NODE_LINEBREAK)
				breaks++;
	return n ? cmark_node_get_start_line(n) + breaks : 0;
}

/* "scheme:" or "//host": anything a browser would fetch from elsewhere */
static int
is_remote(const char *url)
{
	const char *c = url;

	if (url[0] == '/' && url[1] == '/')
		return 1;
	if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')))
		return 0;
	while ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
	    (*c >= '0' && *c <= '9') || *c == '+' || *c == '-' || *c == '.')
		c++;
	return *c == ':';
}

/*
 * url taken relative to dir (both relative to the content directory) and
 * made canonical into out; -1 if it climbs out of the content.
 */
static int
resolve(const char *dir, const char *url, struct buf *out)
{
	buf_clear(out);
	buf_puts(out, dir);
	for (const char *c = url; *c;) {
		size_t n = strcspn(c, "/");

		if (n == 2 && strncmp(c, "..", 2) == 0) {
			char *slash;

			if (out->len == 0)
				return -1;
			slash = strrchr(out->data, '/');
			out->len = slash ? (size_t)(slash - out->data) : 0;
			out->data[out->len] = '\0';
		} else if (n > 0 && !(n == 1 && *c == '.')) {
			if (out->len > 0)
				buf_putc(out, '/');
			buf_add(out, c, n);
		}
		c += n;
		c += *c == '/';
	}
	return 0;
}

static const char *
check_one(struct standard *s, const char *dir, const char *url,
    struct buf *rel)
{
	struct stat st;
	char *full;
	int ok;

	if (is_remote(url))
		return "is remote; the site and the ePubs work offline: save the "
		    "image under the content directory and give its path "
		    "relative to this file";
	if (*url == '\0')
		return "has no path; give the image's path relative to this file";
	if (url[strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-/")] != '\0')
		return "may hold ASCII letters, digits, '.', '-', '_' and '/' only; "
		    "rename the file";
	if (*url == '/' || resolve(dir, url, rel) < 0 || rel->len == 0)
		return "leads out of the content directory; copy the image into "
		    "the content and give its path relative to this file";
	if (media_type(rel->data) == NULL)
		return "is not a PNG, JPEG, GIF or WebP file (.png, .jpg, .jpeg, "
		    ".gif, .webp; an SVG may carry scripts); convert it";
	full = arena_printf(&s->arena, "%s/%s", s->dir, rel->data);
	ok = stat(full, &st) == 0 && S_ISREG(st.st_mode);
	return ok ? NULL : "does not exist; put the file there or correct the path";
}

void
media_check(struct standard *s, struct cmark_node *doc, const char *file,
    struct diag *d)
{
	size_t dlen = strlen(s->dir), i;
	const char *rel_file = file, *slash;
	struct buf dir = {0}, rel = {0}, url = {0};
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	if (strncmp(file, s->dir, dlen) == 0 && file[dlen] == '/')
		rel_file = file + dlen + 1;
	if ((slash = strrchr(rel_file, '/')) != NULL)
		buf_add(&dir, rel_file, (size_t)(slash - rel_file));
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *why;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_IMAGE)
			continue;
		buf_clear(&url);
		buf_puts(&url, cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
		if ((why = check_one(s, dir.data ? dir.data : "", url.data,
		    &rel)) != NULL) {
			diag_add(d, file, line_of(n), "image '%s' %s", url.data, why);
			continue;
		}
		for (i = 0; i < s->n_media; i++)
			if (strcmp(s->media[i], rel.data) == 0)
				break;
		if (i == s->n_media)
			*ARENA_PUSH(&s->arena, s->media, s->n_media, s->cap_media) =
			    arena_strdup(&s->arena, rel.data);
		buf_clear(&url);
		buf_printf(&url, "media/%s", rel.data);
		cmark_node_set_url(n, url.data);
	}
	cmark_iter_free(it);
	buf_free(&dir);
	buf_free(&rel);
	buf_free(&url);
}

/* Where text shows an image of the content: "<img src=\"media/" with the
 * quote plain (HTML) or escaped (JSON); *skip: the bytes before media/ */
static const char *
next_image(const char *text, size_t *skip)
{
	static const char *const marks[] = {
		"<img src=\"media/", "<img src=\\\"media/",
	};
	const char *best = NULL;
	size_t i;

	for (i = 0; i < 2; i++) {
		const char *m = strstr(text, marks[i]);

		if (m && (best == NULL || m < best)) {
			best = m;
			*skip = strlen(marks[i]) - strlen("media/");
		}
	}
	return best;
}

char *
media_relocate(const char *text, const char *root)
{
	struct buf b = {0};
	const char *m;
	size_t skip;

	if (*root == '\0' || next_image(text, &skip) == NULL)
		return NULL;
	while ((m = next_image(text, &skip)) != NULL) {
		buf_add(&b, text, (size_t)(m - text) + skip);
		buf_puts(&b, root);
		text = m + skip;
	}
	buf_puts(&b, text);
	return b.data;
}

void
media_each(const char *text, void (*fn)(const char *path, void *arg),
    void *arg)
{
	const char *m;
	size_t skip;
	char path[1024];

	while ((m = next_image(text, &skip)) != NULL) {
		size_t n;

		m += skip;
		n = strcspn(m, "\"\\");
		if (n < sizeof path) {
			memcpy(path, m, n);
			path[n] = '\0';
			fn(path, arg);
		}
		text = m + n;
	}
}
