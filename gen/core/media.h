/*
 * media: the images the content shows. An image must be a file under the
 * content directory, named by a path relative to the Markdown file that
 * shows it, in a raster format a browser and an ePub reader show without
 * running anything (PNG, JPEG, GIF, WebP); a remote image would make the
 * site and the ePubs load from the network, an SVG may carry scripts.
 * Checked images are rewritten to "media/PATH" (PATH relative to the
 * content directory) and recorded in the standard; the writers copy them
 * to media/PATH of the site and of each ePub that shows them.
 */
#ifndef TIKU_MEDIA_H
#define TIKU_MEDIA_H

#include <stddef.h>

struct cmark_node;
struct diag;
struct standard;

/*
 * Check and rewrite every image of doc, parsed from file (a path under
 * s->dir). Problems go to d as file:line; accepted images are added to
 * s->media once each.
 */
void media_check(struct standard *s, struct cmark_node *doc, const char *file,
    struct diag *d);

/* The media type of a checked image's path ("image/png"), or NULL. */
const char *media_type(const char *path);

/*
 * text with every image of the content (an <img src="media/…">, also
 * inside a JSON string) pointed at root ("../") instead of the top. A
 * new string, or NULL when text shows none.
 */
char *media_relocate(const char *text, const char *root);

/*
 * Calls fn(path, arg) once for each image text shows (path: "media/…"),
 * in order of first appearance; the caller dedupes if it must.
 */
void media_each(const char *text, void (*fn)(const char *path, void *arg),
    void *arg);

#endif
