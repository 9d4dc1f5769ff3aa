/*
 * typeset: A4 pages laid out with Pango and drawn to PDF with Cairo (the
 * only users of pango.h and cairo.h). Flowing text goes down the page in
 * blocks (paragraphs, rows of cells, tables); a keep group moves to the
 * next page whole. Pages are kept as a display list until the end, so the
 * running footer can say "第 N 页 共 M 页". Fixed drawing (answer sheets)
 * places text, boxes and marks at absolute positions. Units are points.
 */
#ifndef TIKU_TYPESET_H
#define TIKU_TYPESET_H

#include <stddef.h>

enum { TYPESET_CELLS_MAX = 24 };

#define TYPESET_MM (72.0 / 25.4)        /* points per millimetre */
#define TYPESET_A4_W 595.276
#define TYPESET_A4_H 841.890

enum typeset_face { TYPESET_SERIF, TYPESET_SANS };
enum typeset_align { TYPESET_LEFT, TYPESET_CENTER, TYPESET_RIGHT };

struct typeset_style {
	enum typeset_face face;
	double size;                    /* points */
	int bold;
	enum typeset_align align;
	double indent;                  /* points from the left margin */
	double hanging;                 /* continuation lines start this far in */
	double space_before;
};

/* What every page carries: the national paper layout, or nothing. */
struct typeset_chrome {
	const char *header;             /* running header; NULL: none */
	int sealed;                     /* the 密封线 strip on the binding side */
	int page_numbers;               /* footer "第 N 页 共 M 页" */
};

struct typeset;

/*
 * A new document. chrome is copied; title and modified ("YYYY-MM-DD",
 * from the content) become the PDF's metadata, so two runs give the same
 * bytes. Returns a new document; free it with typeset_free.
 */
struct typeset *typeset_new(const struct typeset_chrome *chrome,
    const char *title, const char *modified);
/* Write the pages to path. Returns 0, or -1 with a message printed. */
int typeset_write(struct typeset *t, const char *path);
/* Write docs[i] to paths[i], in fonts subset once for all of them.
 * Returns 0, or -1 with a message printed (later paths not written). */
int typeset_write_all(struct typeset *const docs[], const char *const paths[],
    size_t n);
void typeset_free(struct typeset *t);

/* The width between the margins. */
double typeset_width(const struct typeset *t);
/* The width text would take on one line in style st. */
double typeset_measure(struct typeset *t, const struct typeset_style *st,
    const char *text);

/* A paragraph across the text width. */
void typeset_text(struct typeset *t, const struct typeset_style *st,
    const char *text);
/*
 * A row of n cells, cell i widths[i] points wide (they are placed from
 * the left margin plus st->indent), with ruled borders when ruled. Its
 * height is that of the tallest cell.
 */
void typeset_row(struct typeset *t, const struct typeset_style *st, int n,
    const char *const *texts, const double *widths, int ruled);
void typeset_space(struct typeset *t, double points);
/* An entry of the PDF's outline (bookmarks) at the flow's position; it
 * moves with a keep group like the text after it. */
void typeset_bookmark(struct typeset *t, const char *title);
void typeset_rule(struct typeset *t);
/* Between keep_begin and keep_end, blocks move to a new page together. */
void typeset_keep_begin(struct typeset *t);
void typeset_keep_end(struct typeset *t);
void typeset_page_break(struct typeset *t);

/* ---- fixed drawing on the current page ---- */

/* Start a new page (the first call starts the first one). */
void typeset_new_page(struct typeset *t);
/* Text with its top-left corner at (x, y), in a box w wide. */
void typeset_text_at(struct typeset *t, const struct typeset_style *st,
    double x, double y, double w, const char *text);
void typeset_box_at(struct typeset *t, double x, double y, double w, double h,
    double line, int filled);
void typeset_ellipse_at(struct typeset *t, double cx, double cy, double rx,
    double ry, double line);

/* Release the run's shared font map and the font libraries' process-wide
 * caches (cairo, fontconfig):
 * once, at exit, when no document is open. */
void typeset_release_fonts(void);

#endif
