/*
 * epub: EPUB 3 books written with libzip. A book is opened with its
 * metadata, given XHTML documents (in reading order) and assets, and
 * written in one go. The navigation document is made from the documents'
 * headings that carry an id (h1-h3, nested by rank). Output is
 * deterministic: fixed entry order, times from the metadata's date.
 */
#ifndef TIKU_EPUB_H
#define TIKU_EPUB_H

#include <stddef.h>

struct epub;

struct epub_meta {
	const char *title;
	const char *identifier;         /* stable: e.g. urn:uuid:… */
	const char *language;           /* "zh-CN" */
	const char *creator;            /* may be NULL */
	const char *modified;           /* "YYYY-MM-DD" */
};

/* Strings of meta are copied. */
struct epub *epub_new(const struct epub_meta *meta);
/* Add a content document; xhtml is copied. file: "syllabus.xhtml". */
void epub_add_document(struct epub *e, const char *file, const char *xhtml);
/* Add a content document kept in a file: xhtml (the file's text) is
 * read now for the outline, not kept; path is read when the book is
 * written. libzip records the file's mode in the entry: make it 0666,
 * what a document given as text gets, or the bytes follow the umask. */
void epub_add_document_file(struct epub *e, const char *file,
    const char *xhtml, const char *path);
/* Add a resource such as a stylesheet; data is copied. */
void epub_add_asset(struct epub *e, const char *file, const char *media_type,
    const void *data, size_t len);
/* Write the book to path. Returns 0, or -1 with a message printed. */
int epub_write(struct epub *e, const char *path);
void epub_free(struct epub *e);

/*
 * A stable urn:uuid (RFC 9562 version 8, from a 128-bit FNV-1a hash of
 * key) for books whose key stays the same across editions. Writes 46 bytes.
 */
void epub_uuid(const char *key, char out[46]);

#endif
