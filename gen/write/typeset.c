/*
 * typeset: text laid out by Pango (CJK line breaking, kinsoku included)
 * into a display list of pages, then drawn by Cairo into a PDF whose
 * fonts are embedded as subsets and whose dates come from the content.
 */
#include "write/typeset.h"
#include "write/fontcut.h"
#include "write/glyphs.h"
#include "core/dl.h"
#include "core/util.h"

#include <fontconfig/fontconfig.h>
#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The binding side is on the left: the sealed strip takes its margin. */
#define MARGIN_LEFT (30 * TYPESET_MM)
#define MARGIN_RIGHT (16 * TYPESET_MM)
#define MARGIN_TOP (22 * TYPESET_MM)
#define MARGIN_BOTTOM (20 * TYPESET_MM)
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5

/*
 * The typesetting stack (Pango, Cairo, HarfBuzz, FreeType, fontconfig,
 * GLib: some 40 libraries) is loaded when the first document is made:
 * linked in, resolving it was two thirds of every command's start-up,
 * and most commands print nothing. Prototypes come from the headers; the
 * names are looked up once in libpangocairo, whose dependencies hold the
 * rest.
 */
#define TYPESET_LIB "libpangocairo-1.0.so.0"
#define TYPESET_SYMBOLS(X) \
	X(FcFini) X(cairo_arc) X(cairo_create) \
	X(cairo_debug_reset_static_data) X(cairo_destroy) X(cairo_fill) \
	X(cairo_font_options_create) X(cairo_font_options_destroy) \
	X(cairo_font_options_set_hint_metrics) \
	X(cairo_font_options_set_hint_style) X(cairo_get_target) \
	X(cairo_line_to) X(cairo_move_to) X(cairo_new_path) \
	X(cairo_pdf_surface_add_outline) X(cairo_pdf_surface_create) \
	X(cairo_pdf_surface_set_metadata) X(cairo_rectangle) \
	X(cairo_restore) X(cairo_rotate) X(cairo_save) X(cairo_scale) \
	X(cairo_set_dash) X(cairo_set_line_width) X(cairo_set_source_rgb) \
	X(cairo_show_page) X(cairo_status_to_string) X(cairo_stroke) \
	X(cairo_surface_destroy) X(cairo_surface_finish) \
	X(cairo_surface_status) X(cairo_translate) X(g_object_unref) \
	X(pango_cairo_context_set_font_options) \
	X(pango_cairo_context_set_resolution) X(pango_cairo_font_map_new) \
	X(pango_font_description_free) \
	X(pango_font_description_new) \
	X(pango_font_description_set_absolute_size) \
	X(pango_font_description_set_family) \
	X(pango_font_description_set_weight) \
	X(pango_font_map_create_context) X(pango_layout_get_size) \
	X(pango_layout_new) X(pango_layout_set_alignment) \
	X(pango_layout_set_font_description) X(pango_layout_set_indent) \
	X(pango_layout_set_text) X(pango_layout_set_width) \
	X(pango_layout_set_wrap)
static struct {
	TYPESET_SYMBOLS(DL_DECLARE)
} lib;
static const char *const lib_names[] = { TYPESET_SYMBOLS(DL_NAME) NULL };
static void **const lib_slots[] = { TYPESET_SYMBOLS(DL_SLOT) };
static struct dl_lib stack = { TYPESET_LIB, lib_names, lib_slots, 0, "" };

enum op_kind { OP_TEXT, OP_BOX, OP_ELLIPSE, OP_MARK };

struct op {
	enum op_kind kind;
	int page;
	double x, y, w, h, line;
	int filled;
	PangoLayout *layout;            /* OP_TEXT: owned */
	char *mark;                     /* OP_MARK: the bookmark's title */
};

struct typeset {
	struct typeset_chrome chrome;
	char *title, *date;
	PangoContext *context;
	struct op *ops;
	size_t n_ops, cap_ops;
	int pages;                      /* pages started so far */
	double y;                       /* the flow's cursor on the last page */
	int keeping;
	size_t keep_from;               /* first op of the keep group */
	double keep_y;
};

static double
bottom_limit(void)
{
	return TYPESET_A4_H - MARGIN_BOTTOM;
}

double
typeset_width(const struct typeset *t)
{
	(void)t;
	return TYPESET_A4_W - MARGIN_LEFT - MARGIN_RIGHT;
}

/*
 * One font map for the run: finding and sorting the CJK faces took a
 * quarter of a PDF's instructions when every document made its own. The
 * map holds no per-document state (each PDF surface subsets its own fonts),
 * so sharing it leaves the bytes of every PDF as they were.
 */
static PangoFontMap *font_map;

/*
 * Cairo and fontconfig keep process-wide caches that only these calls
 * free; made once, at exit, after every document is freed, so that the
 * leak checker sees only real leaks.
 */
void
typeset_release_fonts(void)
{
	if (stack.state != 1) {
		fontcut_release();      /* fontconfig without typesetting */
		return;
	}
	if (font_map != NULL)
		lib.g_object_unref(font_map);
	font_map = NULL;
	lib.cairo_debug_reset_static_data();
	glyphs_release();
	lib.FcFini();
}

struct typeset *
typeset_new(const struct typeset_chrome *chrome, const char *title,
    const char *modified)
{
	struct typeset *t = xcalloc(1, sizeof *t);
	cairo_font_options_t *fo;
	char date[64];

	t->chrome = *chrome;
	t->chrome.header = chrome->header ? xstrdup(chrome->header) : NULL;
	t->title = xstrdup(title);
	snprintf(date, sizeof date, "%.10sT00:00:00", modified ? modified :
	    "2000-01-01");
	t->date = xstrdup(date);
	t->y = MARGIN_TOP;
	/* without the libraries the document is built empty and
	 * typeset_write says why */
	if (dl_load(&stack) < 0)
		return t;
	if (font_map == NULL)
		font_map = lib.pango_cairo_font_map_new();
	t->context = lib.pango_font_map_create_context(font_map);
	lib.pango_cairo_context_set_resolution(t->context, 72);
	/* unhinted metrics: the layout does not depend on a screen */
	fo = lib.cairo_font_options_create();
	lib.cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	lib.cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	lib.pango_cairo_context_set_font_options(t->context, fo);
	lib.cairo_font_options_destroy(fo);
	return t;
}

void
typeset_free(struct typeset *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n_ops; i++) {
		if (t->ops[i].layout)
			lib.g_object_unref(t->ops[i].layout);
		free(t->ops[i].mark);
	}
	free(t->ops);
	if (t->context)
		lib.g_object_unref(t->context);
	free((char *)t->chrome.header);
	free(t->title);
	free(t->date);
	free(t);
}

static PangoLayout *
make_layout(struct typeset *t, const struct typeset_style *st, double width,
    const char *text)
{
	static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT,
		PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT };
	PangoLayout *l;
	PangoFontDescription *fd;

	if (t->context == NULL)         /* no libraries: nothing to lay out */
		return NULL;
	l = lib.pango_layout_new(t->context);
	fd = lib.pango_font_description_new();

	lib.pango_font_description_set_family(fd, fontcut_family(st->face));
	lib.pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
	lib.pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	lib.pango_layout_set_font_description(l, fd);
	lib.pango_font_description_free(fd);
	if (width > 0) {
		lib.pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		lib.pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	lib.pango_layout_set_alignment(l, aligns[st->align]);
	if (st->hanging > 0)
		lib.pango_layout_set_indent(l, (int)(-st->hanging * PANGO_SCALE));
	lib.pango_layout_set_text(l, text, -1);
	return l;
}

static double
layout_height(PangoLayout *l)
{
	int w, h;

	if (l == NULL)
		return 0;
	lib.pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

double
typeset_measure(struct typeset *t, const struct typeset_style *st,
    const char *text)
{
	PangoLayout *l = make_layout(t, st, 0, text);
	int w, h;

	if (l == NULL)
		return 0;
	lib.pango_layout_get_size(l, &w, &h);
	lib.g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

static struct op *
add_op(struct typeset *t, enum op_kind kind)
{
	struct op *o;

	if (t->pages == 0)
		typeset_new_page(t);
	if (t->n_ops == t->cap_ops) {
		t->cap_ops = t->cap_ops ? 2 * t->cap_ops : 256;
		t->ops = xrealloc(t->ops, t->cap_ops * sizeof *t->ops);
	}
	o = &t->ops[t->n_ops++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->page = t->pages - 1;
	return o;
}

void
typeset_new_page(struct typeset *t)
{
	t->pages++;
	t->y = MARGIN_TOP;
}

void
typeset_page_break(struct typeset *t)
{
	if (t->pages == 0 || t->y > MARGIN_TOP)
		typeset_new_page(t);
}

/* Room for h more points of flow; inside a keep group the group decides. */
static void
need(struct typeset *t, double h)
{
	if (t->pages == 0)
		typeset_new_page(t);
	else if (!t->keeping && t->y + h > bottom_limit() && t->y > MARGIN_TOP)
		typeset_new_page(t);
}

void
typeset_keep_begin(struct typeset *t)
{
	if (t->pages == 0)
		typeset_new_page(t);
	t->keeping = 1;
	t->keep_from = t->n_ops;
	t->keep_y = t->y;
}

void
typeset_keep_end(struct typeset *t)
{
	double shift, end;
	size_t i;

	t->keeping = 0;
	if (t->y <= bottom_limit() || t->keep_y <= MARGIN_TOP)
		return;
	/* the group overflows: move it whole to a new page */
	shift = MARGIN_TOP - t->keep_y;
	end = t->y + shift;
	typeset_new_page(t);
	for (i = t->keep_from; i < t->n_ops; i++) {
		t->ops[i].page = t->pages - 1;
		t->ops[i].y += shift;
	}
	t->y = end;
}

void
typeset_bookmark(struct typeset *t, const char *title)
{
	struct op *o;

	need(t, 0);
	o = add_op(t, OP_MARK);
	o->x = MARGIN_LEFT;
	o->y = t->y;
	o->mark = xstrdup(title);
}

void
typeset_space(struct typeset *t, double points)
{
	if (t->pages == 0)
		typeset_new_page(t);
	if (t->y > MARGIN_TOP)
		t->y += points;
}

void
typeset_text(struct typeset *t, const struct typeset_style *st,
    const char *text)
{
	double w = typeset_width(t) - st->indent;
	PangoLayout *l = make_layout(t, st, w, text);
	double h = layout_height(l);
	struct op *o;

	typeset_space(t, st->space_before);
	need(t, h);
	o = add_op(t, OP_TEXT);
	o->x = MARGIN_LEFT + st->indent;
	o->y = t->y;
	o->w = w;
	o->layout = l;
	t->y += h;
}

void
typeset_row(struct typeset *t, const struct typeset_style *st, int n,
    const char *const *texts, const double *widths, int ruled)
{
	PangoLayout *l[TYPESET_CELLS_MAX];
	double h = 0, x = MARGIN_LEFT + st->indent, pad = ruled ? CELL_PAD_X : 0;
	double vpad = ruled ? CELL_PAD_Y : 0;
	int i;

	if (n > TYPESET_CELLS_MAX)
		n = TYPESET_CELLS_MAX;
	for (i = 0; i < n; i++) {
		double lh;

		l[i] = make_layout(t, st, widths[i] - 2 * pad, texts[i] ? texts[i] :
		    "");
		lh = layout_height(l[i]);
		h = lh > h ? lh : h;
	}
	h += 2 * vpad;
	typeset_space(t, st->space_before);
	need(t, h);
	for (i = 0; i < n; i++) {
		struct op *o = add_op(t, OP_TEXT);

		/* cells centred vertically, as in a printed table */
		o->x = x + pad;
		o->y = t->y + (h - layout_height(l[i])) / 2;
		o->w = widths[i] - 2 * pad;
		o->layout = l[i];
		if (ruled) {
			o = add_op(t, OP_BOX);
			o->x = x;
			o->y = t->y;
			o->w = widths[i];
			o->h = h;
			o->line = 0.6;
		}
		x += widths[i];
	}
	t->y += h;
}

void
typeset_rule(struct typeset *t)
{
	struct op *o;

	need(t, 1);
	o = add_op(t, OP_BOX);
	o->x = MARGIN_LEFT;
	o->y = t->y;
	o->w = typeset_width(t);
	o->h = 0;
	o->line = 0.5;
	t->y += 1;
}

void
typeset_text_at(struct typeset *t, const struct typeset_style *st,
    double x, double y, double w, const char *text)
{
	struct op *o = add_op(t, OP_TEXT);

	o->x = x;
	o->y = y;
	o->w = w;
	o->layout = make_layout(t, st, w, text);
}

void
typeset_box_at(struct typeset *t, double x, double y, double w, double h,
    double line, int filled)
{
	struct op *o = add_op(t, OP_BOX);

	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	o->line = line;
	o->filled = filled;
}

void
typeset_ellipse_at(struct typeset *t, double cx, double cy, double rx,
    double ry, double line)
{
	struct op *o = add_op(t, OP_ELLIPSE);

	o->x = cx;
	o->y = cy;
	o->w = rx;
	o->h = ry;
	o->line = line;
}

/* ---- drawing ---- */

/*
 * The pages are walked twice: once to collect the glyphs every layout
 * shows (cr NULL), then to draw them from the fonts cut down to those.
 */
struct painter {
	cairo_t *cr;
	struct glyphs *glyphs;
};

static void
show(struct painter *p, PangoLayout *l, double x, double y)
{
	if (p->cr == NULL)
		glyphs_collect(p->glyphs, l);
	else
		glyphs_draw(p->glyphs, p->cr, l, x, y);
}

static void
draw_op(struct painter *p, const struct op *o)
{
	cairo_t *cr = p->cr;

	if (o->kind == OP_TEXT) {
		show(p, o->layout, o->x, o->y);
		return;
	}
	if (cr == NULL)
		return;
	switch (o->kind) {
	case OP_TEXT:
		break;
	case OP_BOX:
		lib.cairo_rectangle(cr, o->x, o->y, o->w, o->h);
		if (o->filled)
			lib.cairo_fill(cr);
		else {
			lib.cairo_set_line_width(cr, o->line);
			lib.cairo_stroke(cr);
		}
		break;
	case OP_MARK: {         /* an entry of the PDF's outline */
		char *at = xprintf("page=%d pos=[%.2f %.2f]", o->page + 1, o->x,
		    o->y);

		lib.cairo_pdf_surface_add_outline(lib.cairo_get_target(cr),
		    CAIRO_PDF_OUTLINE_ROOT, o->mark, at, 0);
		free(at);
		break;
	}
	case OP_ELLIPSE:
		lib.cairo_save(cr);
		lib.cairo_translate(cr, o->x, o->y);
		lib.cairo_scale(cr, o->w, o->h);
		lib.cairo_new_path(cr);
		lib.cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
		lib.cairo_restore(cr);
		lib.cairo_set_line_width(cr, o->line);
		lib.cairo_stroke(cr);
		break;
	}
}

/* Text laid out along the binding edge, reading upwards, centred on x. */
static void
draw_upright(struct typeset *t, struct painter *p,
    const struct typeset_style *st, double x, double y0, double y1,
    const char *text)
{
	PangoLayout *l = make_layout(t, st, y1 - y0, text);
	double h = layout_height(l);

	if (p->cr != NULL) {
		lib.cairo_save(p->cr);
		lib.cairo_translate(p->cr, x - h / 2, y1);
		lib.cairo_rotate(p->cr, -M_PI / 2);
	}
	show(p, l, 0, 0);
	if (p->cr != NULL)
		lib.cairo_restore(p->cr);
	lib.g_object_unref(l);
}

/*
 * The sealed strip (密封线): the candidate's fields, and a dashed line
 * broken by its warning; the margin outside it is cut off the script
 * before marking, so a marker never sees who wrote it.
 */
static void
draw_strip(struct typeset *t, struct painter *p)
{
	static const struct typeset_style fields = { TYPESET_SERIF, 10.5, 0,
		TYPESET_CENTER, 0, 0, 0 };
	static const struct typeset_style warn = { TYPESET_SANS, 9, 1,
		TYPESET_CENTER, 0, 0, 0 };
	double line_x = 22 * TYPESET_MM, top = MARGIN_TOP, bot = bottom_limit();
	double mid = (top + bot) / 2, gap = 30 * TYPESET_MM;
	static const double dash[] = { 3, 2 };

	cairo_t *cr = p->cr;

	draw_upright(t, p, &fields, 11 * TYPESET_MM, top, bot,
	    "单位＿＿＿＿＿＿＿＿　考场＿＿＿＿　准考证号＿＿＿＿＿＿＿＿　"
	    "姓名＿＿＿＿＿＿");
	draw_upright(t, p, &warn, line_x, mid - gap, mid + gap,
	    "密封线内不要答题");
	if (cr == NULL)
		return;
	lib.cairo_save(cr);
	lib.cairo_set_dash(cr, dash, 2, 0);
	lib.cairo_set_line_width(cr, 0.6);
	lib.cairo_move_to(cr, line_x, top);
	lib.cairo_line_to(cr, line_x, mid - gap);
	lib.cairo_move_to(cr, line_x, mid + gap);
	lib.cairo_line_to(cr, line_x, bot);
	lib.cairo_stroke(cr);
	lib.cairo_restore(cr);
}

static void
draw_chrome(struct typeset *t, struct painter *p, int page)
{
	cairo_t *cr = p->cr;
	static const struct typeset_style small = { TYPESET_SERIF, 9, 0,
		TYPESET_CENTER, 0, 0, 0 };
	double w = typeset_width(t);
	char footer[64];
	PangoLayout *l;

	if (t->chrome.header) {
		l = make_layout(t, &small, w, t->chrome.header);
		show(p, l, MARGIN_LEFT, MARGIN_TOP - 8 * TYPESET_MM);
		lib.g_object_unref(l);
		if (cr != NULL) {
			lib.cairo_set_line_width(cr, 0.5);
			lib.cairo_move_to(cr, MARGIN_LEFT, MARGIN_TOP - 3 *
			    TYPESET_MM);
			lib.cairo_line_to(cr, MARGIN_LEFT + w, MARGIN_TOP - 3 *
			    TYPESET_MM);
			lib.cairo_stroke(cr);
		}
	}
	if (t->chrome.page_numbers) {
		snprintf(footer, sizeof footer, "第 %d 页 共 %d 页", page + 1,
		    t->pages);
		l = make_layout(t, &small, w, footer);
		show(p, l, MARGIN_LEFT, TYPESET_A4_H - 13 * TYPESET_MM);
		lib.g_object_unref(l);
	}
	if (t->chrome.sealed)
		draw_strip(t, p);
}

/* Every page, chrome first, in the order the pages are drawn. */
static void
paint_pages(struct typeset *t, struct painter *p)
{
	size_t i;
	int page;

	for (page = 0; page < t->pages; page++) {
		if (p->cr != NULL)
			lib.cairo_set_source_rgb(p->cr, 0, 0, 0);
		draw_chrome(t, p, page);
		for (i = 0; i < t->n_ops; i++)
			if (t->ops[i].page == page)
				draw_op(p, &t->ops[i]);
		if (p->cr != NULL)
			lib.cairo_show_page(p->cr);
	}
}

/* One document's pages at path, in the fonts p->glyphs holds subset. */
static int
write_pdf(struct typeset *t, struct painter *p, const char *path)
{
	cairo_surface_t *sf;
	cairo_status_t st;

	sf = lib.cairo_pdf_surface_create(path, TYPESET_A4_W, TYPESET_A4_H);
	p->cr = lib.cairo_create(sf);
	lib.cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, t->title);
	lib.cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "tiku");
	/* dates from the content, not the clock: reruns give the same bytes */
	lib.cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE,
	    t->date);
	lib.cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, t->date);
	paint_pages(t, p);
	lib.cairo_destroy(p->cr);
	p->cr = NULL;
	lib.cairo_surface_finish(sf);
	st = lib.cairo_surface_status(sf);
	lib.cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "tiku: %s: %s\n", path, lib.cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int
typeset_write(struct typeset *t, const char *path)
{
	return typeset_write_all(&t, &path, 1);
}

/*
 * The fonts are subset once for all the documents: HarfBuzz's plan took
 * a third of a PDF's time, and a paper, its key and its sheet show
 * nearly the same glyphs.
 */
int
typeset_write_all(struct typeset *const docs[], const char *const paths[],
    size_t n)
{
	struct painter p = { NULL, NULL };
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		if (docs[i]->context == NULL) {
			/* paths are staging files, of no use to the reader */
			fprintf(stderr, "tiku: cannot typeset PDFs: %s; install "
			    "Debian's libpangocairo-1.0-0 and fonts-noto-cjk (make "
			    "does)\n", stack.why);
			return -1;
		}
	if ((p.glyphs = glyphs_new()) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (docs[i]->pages == 0)
			typeset_new_page(docs[i]);
		paint_pages(docs[i], &p);
	}
	if (glyphs_subset(p.glyphs) < 0)
		rc = -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = write_pdf(docs[i], &p, paths[i]);
	glyphs_free(p.glyphs);
	return rc;
}
