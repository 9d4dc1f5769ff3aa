/*
 * pages: what the site's pages and books hold. Builds the data each
 * template receives, renders bodies inside layouts, and writes ePubs.
 * Internal to the site writers (site.c); site.h is the public contract.
 */
#ifndef TIKU_PAGES_H
#define TIKU_PAGES_H

#include <jansson.h>
#include <stddef.h>

#include "plan/assemble.h"
#include "plan/syllabus.h"

struct diag;
struct paper_spec;
struct render;
struct site_config;

/* What every page of one build shares. */
struct build {
	const struct standard *s;
	const struct site_config *c;
	struct render *r;
	struct diag *d;
	json_t *standard;       /* the dump */
	const struct paper_spec *spec;  /* the 评分通则 for the banks; may be NULL */
};

/* A rendered form or key: for the site and for the ePub. */
struct rendered {
	char *name;             /* file name */
	char *html, *xhtml;     /* page for the site, document for the ePub */
};

/* A breadcrumb {href, label}; href NULL marks the current page. */
json_t *crumb(const char *href, const char *label);
/* A page's {title, root, crumbs}; root is the relative path to the site. */
json_t *page_json(const char *title, const char *root, json_t *crumbs);
/* Render a body template, then wrap it in a layout; data gains body_html
 * for the layout. Returns a new string, or NULL (error in b->d). */
char *render_in_layout(struct build *b, const char *body, const char *layout,
    json_t *data);
/* A syllabus page's data; the caller json_decref()s it. */
json_t *syllabus_data(struct build *b, int level, const struct plan *p,
    const char *root, int epub);
/* A file of the templates directory; the caller frees it (NULL: in d). */
char *read_asset(struct build *b, const char *name, size_t *len);
/* One level's syllabus as an ePub at path. Returns 0, 1 or 2. */
int write_syllabus_epub(struct build *b, int level, const struct plan *p,
    const char *path);
/* Open a build: the sandbox and the model dump. Returns 0 or -1. */
int build_open(struct build *b, const struct standard *s,
    const struct site_config *c, struct diag *d);
void build_close(struct build *b);
/* The home page's data. */
json_t *index_data(struct build *b);
/* A bank page's data. */
json_t *bank_data(struct build *b, const struct bank *bank, int level,
    const char *root, int epub);
/* The most items on one page of the site's bank (a page loads fast). */
#define BANK_PAGE_ITEMS 50
/*
 * Split a bank page's data (bank_data) into the site's pages of at most
 * BANK_PAGE_ITEMS items, numbered bank-1.html … in section order, a
 * section split evenly. data becomes the index: index = true, page_items
 * = BANK_PAGE_ITEMS, and each
 * section gains pages [{href, first, last}] and loses its items. Returns
 * an array of each page's data (sections: its one section with items and
 * first, the item number of its first; part {number, total, section, of};
 * pager {prev, next}: hrefs or null; file); the caller json_decref()s it.
 */
json_t *bank_split(json_t *data);
/* Where the site puts each item of a level's bank: {id: "bank-N.html"}
 * as bank_split numbers the pages. The caller json_decref()s it. */
json_t *bank_item_pages(struct build *b, const struct bank *bank, int level);
/* One level's bank as an ePub at path. Returns 0, 1 or 2. */
int write_bank_epub(struct build *b, const struct bank *bank, int level,
    const char *path);
enum { RENDER_HTML = 1, RENDER_XHTML = 2 };
/* One form (key: or its key) rendered as want says, for the site (root:
 * the path to its top) and the ePub; r->name is set. Returns 0, or 1
 * with nothing kept (errors in b->d). */
int render_form(struct build *b, const struct paper_set *set, size_t form,
    int key, const char *root, int standalone, unsigned want,
    struct rendered *r);
/* Render every form and key of a set (papers first), for the site and
 * the ePub. Returns 0 or 1 (errors in b->d); free with free_rendered. */
int render_set(struct build *b, const struct paper_set *set, const char *root,
    int standalone, struct rendered **out, size_t *n_out);
void free_rendered(struct rendered *r, size_t n);
/*
 * A set's ePub one document at a time, so that memory stays flat in the
 * number of forms: set_book_open (NULL: errors in b->d), set_book_add in
 * reading order (the document's text is read for its outline and images
 * now; with path, the entry is read from that file, which must hold the
 * same text, when the book is written), then set_book_write, which frees
 * it and returns 0 or 2.
 */
struct book;
struct book *set_book_open(struct build *b, const struct paper_set *set);
void set_book_add(struct book *bk, const struct rendered *r, const char *path);
int set_book_write(struct book *bk, const char *path);
void set_book_free(struct book *bk);     /* unwritten */
/* The set as one ePub: the papers, then the keys. Returns 0, 1 or 2. */
int write_set_epub(struct build *b, const struct paper_set *set,
    const struct rendered *r, size_t n, const char *path);
/* The set's manifest as a new string. */
char *manifest_text(struct build *b, const struct bank *bank,
    const struct paper_spec *spec, const struct paper_set *set);
/* A level's study data as a script calling tiku.level({…}): areas,
 * work contents, its pool's theory items, and the mock forms. */
char *level_script(struct build *b, const struct bank *bank, int level,
    const struct paper_set *mock);
/* The search index as a script calling tiku.search([…]). */
char *search_script(struct build *b, const struct bank *bank);

#endif
