#include "write/epub.h"
#include "core/util.h"
#include "core/zipmem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

struct epub_file {
	char *name;             /* inside OEBPS/ */
	char *media_type;
	char *data;
	size_t len;
	char *path;             /* non-NULL: the data is in this file */
	int is_document;
};

struct nav_entry {
	char *href;             /* "doc.xhtml#id" */
	char *label;            /* XML text, already escaped */
	int rank;               /* 1-3 */
};

struct epub {
	struct epub_meta meta;
	struct epub_file *files;
	size_t n_files, cap_files;
	struct nav_entry *nav;
	size_t n_nav, cap_nav;
};

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct epub *
epub_new(const struct epub_meta *meta)
{
	struct epub *e = xcalloc(1, sizeof *e);

	e->meta.title = xstrdup(meta->title);
	e->meta.identifier = xstrdup(meta->identifier);
	e->meta.language = xstrdup(meta->language);
	e->meta.creator = dup_or_null(meta->creator);
	e->meta.modified = xstrdup(meta->modified);
	return e;
}

static struct epub_file *
add_file(struct epub *e, const char *name, const char *type, const void *data,
    size_t len)
{
	struct epub_file *f;

	if (e->n_files == e->cap_files) {
		e->cap_files = e->cap_files ? e->cap_files * 2 : 8;
		e->files = xrealloc(e->files, e->cap_files * sizeof *e->files);
	}
	f = &e->files[e->n_files++];
	f->name = xstrdup(name);
	f->media_type = xstrdup(type);
	f->data = xmalloc(len + 1);
	memcpy(f->data, data, len);
	f->data[len] = '\0';
	f->len = len;
	f->path = NULL;
	f->is_document = 0;
	return f;
}

/* Collect <h1-3 id="…">label</h1-3> of our own, well-formed output. */
static void
outline(struct epub *e, const char *file, const char *x)
{
	const char *p = x;

	while ((p = strstr(p, "<h")) != NULL) {
		int rank = p[2] - '0';
		const char *id, *id_end, *gt, *close;
		struct buf label = {0};
		struct nav_entry *n;
		char tag[6];

		p += 2;
		if (rank < 1 || rank > 3 || (p[1] != ' ' && p[1] != '>'))
			continue;
		gt = strchr(p, '>');
		id = strstr(p, " id=\"");
		if (gt == NULL || id == NULL || id > gt)
			continue;
		id += 5;
		id_end = strchr(id, '"');
		snprintf(tag, sizeof tag, "</h%d>", rank);
		close = strstr(gt, tag);
		if (id_end == NULL || close == NULL)
			continue;
		/* the label is the heading's text without its tags */
		for (const char *c = gt + 1; c < close; c++) {
			if (*c == '<') {
				while (c < close && *c != '>')
					c++;
				continue;
			}
			buf_putc(&label, *c);
		}
		if (e->n_nav == e->cap_nav) {
			e->cap_nav = e->cap_nav ? e->cap_nav * 2 : 16;
			e->nav = xrealloc(e->nav, e->cap_nav * sizeof *e->nav);
		}
		n = &e->nav[e->n_nav++];
		n->rank = rank;
		n->label = label.data ? label.data : xstrdup("");
		{
			struct buf href = {0};

			buf_printf(&href, "%s#%.*s", file, (int)(id_end - id), id);
			n->href = href.data;
		}
		p = close;
	}
}

void
epub_add_document(struct epub *e, const char *file, const char *xhtml)
{
	add_file(e, file, "application/xhtml+xml", xhtml,
	    strlen(xhtml))->is_document = 1;
	outline(e, file, xhtml);
}

void
epub_add_document_file(struct epub *e, const char *file, const char *xhtml,
    const char *path)
{
	struct epub_file *f = add_file(e, file, "application/xhtml+xml", "", 0);

	f->is_document = 1;
	f->path = xstrdup(path);
	outline(e, file, xhtml);
}

void
epub_add_asset(struct epub *e, const char *file, const char *media_type,
    const void *data, size_t len)
{
	add_file(e, file, media_type, data, len);
}

static void
xml_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default: buf_putc(b, *s); break;
		}
	}
}

static char *
package_document(const struct epub *e)
{
	struct buf b = {0};
	size_t i;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	    "unique-identifier=\"bookid\" xml:lang=\"");
	xml_escape(&b, e->meta.language);
	buf_puts(&b, "\">\n  <metadata xmlns:dc=\"http://purl.org/dc/elements/"
	    "1.1/\">\n    <dc:identifier id=\"bookid\">");
	xml_escape(&b, e->meta.identifier);
	buf_puts(&b, "</dc:identifier>\n    <dc:title>");
	xml_escape(&b, e->meta.title);
	buf_puts(&b, "</dc:title>\n    <dc:language>");
	xml_escape(&b, e->meta.language);
	buf_puts(&b, "</dc:language>\n");
	if (e->meta.creator) {
		buf_puts(&b, "    <dc:creator>");
		xml_escape(&b, e->meta.creator);
		buf_puts(&b, "</dc:creator>\n");
	}
	buf_printf(&b, "    <meta property=\"dcterms:modified\">%sT00:00:00Z"
	    "</meta>\n  </metadata>\n  <manifest>\n"
	    "    <item id=\"nav\" href=\"nav.xhtml\" media-type=\""
	    "application/xhtml+xml\" properties=\"nav\"/>\n", e->meta.modified);
	for (i = 0; i < e->n_files; i++) {
		buf_printf(&b, "    <item id=\"f%zu\" href=\"", i + 1);
		xml_escape(&b, e->files[i].name);
		buf_printf(&b, "\" media-type=\"%s\"/>\n", e->files[i].media_type);
	}
	buf_puts(&b, "  </manifest>\n  <spine>\n    <itemref idref=\"nav\"/>\n");
	for (i = 0; i < e->n_files; i++)
		if (e->files[i].is_document)
			buf_printf(&b, "    <itemref idref=\"f%zu\"/>\n", i + 1);
	buf_puts(&b, "  </spine>\n</package>\n");
	return b.data;
}

/* The toc as nested lists: deeper ranks nest under the previous entry. */
static char *
nav_document(const struct epub *e)
{
	struct buf b = {0};
	int depth = 0;
	size_t i;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"");
	xml_escape(&b, e->meta.language);
	buf_puts(&b, "\" lang=\"");
	xml_escape(&b, e->meta.language);
	buf_puts(&b, "\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
	xml_escape(&b, e->meta.title);
	buf_puts(&b, "</title>\n");
	for (i = 0; i < e->n_files; i++)
		if (strcmp(e->files[i].media_type, "text/css") == 0) {
			buf_puts(&b, "<link rel=\"stylesheet\" href=\"");
			xml_escape(&b, e->files[i].name);
			buf_puts(&b, "\"/>\n");
		}
	buf_puts(&b, "</head>\n<body>\n<nav epub:type=\"toc\" id=\"toc\">\n<h1>");
	xml_escape(&b, e->meta.title);
	buf_puts(&b, "</h1>\n");
	for (i = 0; i < e->n_nav; i++) {
		/* never skip a level: rank jumps nest one list at a time */
		int want = i == 0 ? 1 : e->nav[i].rank - e->nav[0].rank + 1;

		if (want < 1)
			want = 1;
		if (want > depth + 1)
			want = depth + 1;
		if (want > depth) {
			buf_puts(&b, "<ol>\n");
			depth = want;
		} else {
			buf_puts(&b, "</li>\n");
			while (depth > want) {
				buf_puts(&b, "</ol>\n</li>\n");
				depth--;
			}
		}
		buf_puts(&b, "<li><a href=\"");
		xml_escape(&b, e->nav[i].href);
		buf_puts(&b, "\">");
		buf_puts(&b, e->nav[i].label);
		buf_puts(&b, "</a>");
	}
	if (depth == 0)
		buf_puts(&b, "<ol>\n<li><a href=\"nav.xhtml#toc\">—</a>");
	buf_puts(&b, "</li>\n");
	while (depth-- > 1)
		buf_puts(&b, "</ol>\n</li>\n");
	buf_puts(&b, "</ol>\n</nav>\n</body>\n</html>\n");
	return b.data;
}

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" "
    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"OEBPS/package.opf\" "
    "media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";

static time_t
date_time(const char *date)
{
	struct tm tm = {0};

	if (sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;        /* noon: the DOS time in the zip is local */
	return timegm(&tm);
}

/* An entry from data, or (path non-NULL) from the file at path. */
static int
add_entry(zip_t *za, const char *name, const void *data, size_t len,
    const char *path, time_t mtime, int store)
{
	zip_source_t *src = path ? zip_source_file(za, path, 0, -1) :
	    zip_source_buffer(za, data, len, 0);
	zip_int64_t idx;

	if (src == NULL)
		return -1;
	if ((idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_set_file_compression(za, (zip_uint64_t)idx,
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, ZIPMEM_LEVEL) < 0)
		return -1;
	return zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0);
}

int
epub_write(struct epub *e, const char *path)
{
	char *opf = package_document(e), *nav = nav_document(e);
	time_t mtime = date_time(e->meta.modified);
	struct buf name = {0};
	struct zipmem z;
	zip_t *za;
	int rc = -1;
	size_t i;

	for (i = 0; i < e->n_files && e->files[i].path == NULL; i++)
		;
	/* documents kept in files (many per-candidate papers) are zipped
	 * through a file, so that memory stays flat in their number */
	if ((i < e->n_files ? zipmem_open_file(&z, path) :
	    zipmem_open(&z, path)) < 0)
		goto done;
	za = z.za;
	/* mimetype first and stored, as OCF requires */
	if (add_entry(za, "mimetype", "application/epub+zip", 20, NULL, mtime,
	    1) < 0 ||
	    add_entry(za, "META-INF/container.xml", container_xml,
	    sizeof container_xml - 1, NULL, mtime, 0) < 0 ||
	    add_entry(za, "OEBPS/package.opf", opf, strlen(opf), NULL, mtime,
	    0) < 0 ||
	    add_entry(za, "OEBPS/nav.xhtml", nav, strlen(nav), NULL, mtime, 0) < 0)
		goto zip_failed;
	for (i = 0; i < e->n_files; i++) {
		buf_clear(&name);
		buf_printf(&name, "OEBPS/%s", e->files[i].name);
		if (add_entry(za, name.data, e->files[i].data, e->files[i].len,
		    e->files[i].path, mtime, 0) < 0)
			goto zip_failed;
	}
	rc = zipmem_close(&z, path);
	goto done;
zip_failed:
	fprintf(stderr, "tiku: %s: %s\n", path, zip_strerror(za));
	zipmem_discard(&z);
done:
	buf_free(&name);
	free(opf);
	free(nav);
	return rc;
}

void
epub_free(struct epub *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->n_files; i++) {
		free(e->files[i].name);
		free(e->files[i].media_type);
		free(e->files[i].data);
		free(e->files[i].path);
	}
	for (i = 0; i < e->n_nav; i++) {
		free(e->nav[i].href);
		free(e->nav[i].label);
	}
	free(e->files);
	free(e->nav);
	free((char *)e->meta.title);
	free((char *)e->meta.identifier);
	free((char *)e->meta.language);
	free((char *)e->meta.creator);
	free((char *)e->meta.modified);
	free(e);
}

void
epub_uuid(const char *key, char out[46])
{
	uint64_t hi = fnv1a(FNV_OFFSET, key);
	uint64_t lo = fnv1a(hi ^ 0x9e3779b97f4a7c15ULL, key);

	hi = (hi & ~0xF000ULL) | 0x8000ULL;             /* version 8 */
	lo = (lo & ~(3ULL << 62)) | (2ULL << 62);       /* RFC variant */
	snprintf(out, 46, "urn:uuid:%08x-%04x-%04x-%04x-%012llx",
	    (unsigned)(hi >> 32), (unsigned)(hi >> 16) & 0xFFFF,
	    (unsigned)hi & 0xFFFF, (unsigned)(lo >> 48),
	    (unsigned long long)(lo & 0xFFFFFFFFFFFFULL));
}
