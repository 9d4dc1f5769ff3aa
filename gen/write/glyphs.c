#include "write/glyphs.h"
#include "core/dl.h"
#include "core/util.h"

#include <cairo-ft.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pango, Cairo and FreeType: libpangocairo and its dependencies. */
#define STACK_SYMBOLS(X) \
	X(FT_Done_Face) X(FT_Done_FreeType) X(FT_Init_FreeType) \
	X(FT_New_Memory_Face) X(cairo_font_face_destroy) \
	X(cairo_font_face_set_user_data) X(cairo_font_options_create) \
	X(cairo_font_options_destroy) X(cairo_ft_font_face_create_for_ft_face) \
	X(cairo_scaled_font_get_font_matrix) \
	X(cairo_scaled_font_get_font_options) X(cairo_set_font_face) \
	X(cairo_set_font_matrix) X(cairo_set_font_options) X(cairo_move_to) \
	X(cairo_show_text_glyphs) X(pango_cairo_font_get_scaled_font) \
	X(pango_cairo_show_glyph_item) X(pango_font_get_hb_font) \
	X(pango_glyph_item_iter_init_start) \
	X(pango_glyph_item_iter_next_cluster) X(pango_layout_get_iter) \
	X(pango_layout_get_text) X(pango_layout_iter_free) \
	X(pango_layout_iter_get_baseline) \
	X(pango_layout_iter_get_run_extents) \
	X(pango_layout_iter_get_run_readonly) X(pango_layout_iter_next_run)
/* HarfBuzz's subsetter, and HarfBuzz through it. */
#define SUBSET_SYMBOLS(X) \
	X(hb_blob_destroy) X(hb_blob_get_data) X(hb_face_destroy) \
	X(hb_face_reference) X(hb_face_reference_blob) X(hb_font_get_face) \
	X(hb_set_add) X(hb_set_create) X(hb_set_destroy) X(hb_set_union) \
	X(hb_subset_input_create_or_fail) X(hb_subset_input_destroy) \
	X(hb_subset_input_glyph_set) X(hb_subset_input_set) \
	X(hb_subset_input_set_flags) \
	X(hb_map_get) X(hb_subset_plan_create_or_fail) \
	X(hb_subset_plan_destroy) X(hb_subset_plan_execute_or_fail) \
	X(hb_subset_plan_old_to_new_glyph_mapping)
#define ALL_SYMBOLS(X) STACK_SYMBOLS(X) SUBSET_SYMBOLS(X)

static struct {
	ALL_SYMBOLS(DL_DECLARE)
} lib;
static const char *const stack_names[] = { STACK_SYMBOLS(DL_NAME) NULL };
static void **const stack_slots[] = { STACK_SYMBOLS(DL_SLOT) };
static const char *const subset_names[] = { SUBSET_SYMBOLS(DL_NAME) NULL };
static void **const subset_slots[] = { SUBSET_SYMBOLS(DL_SLOT) };
static struct dl_lib stack = { "libpangocairo-1.0.so.0", stack_names,
	stack_slots, 0, "" };
static struct dl_lib subsetter = { "libharfbuzz-subset.so.0", subset_names,
	subset_slots, 0, "" };

/* Tables Cairo does not read to embed a font: layout, vertical metrics. */
static const char drop_tables[][5] = { "GSUB", "GPOS", "GDEF", "BASE",
	"JSTF", "MATH", "vhea", "vmtx", "VORG", "DSIG" };

struct face {
	hb_face_t *source;              /* Pango's face of the whole font */
	hb_set_t *glyphs;               /* what the document shows of it */
	hb_subset_plan_t *plan;         /* the subset's glyph ids by Pango's */
	cairo_font_face_t *subset;      /* NULL until glyphs_subset */
};

struct glyphs {
	struct face *faces;
	size_t n, cap;
};

/* FreeType faces of the subsets live as long as Cairo keeps them. */
static FT_Library freetype;
struct held {
	FT_Face face;
	hb_blob_t *bytes;
};
static const cairo_user_data_key_t held_key;

static void
release_held(void *p)
{
	struct held *h = p;

	lib.FT_Done_Face(h->face);
	lib.hb_blob_destroy(h->bytes);
	free(h);
}

struct glyphs *
glyphs_new(void)
{
	if (dl_load(&stack) < 0 || dl_load(&subsetter) < 0) {
		fprintf(stderr, "tiku: cannot typeset PDFs: %s; install Debian's "
		    "%s (make does)\n", stack.state < 0 ? stack.why :
		    subsetter.why, stack.state < 0 ? "libpangocairo-1.0-0" :
		    "libharfbuzz-subset0");
		return NULL;
	}
	if (freetype == NULL && lib.FT_Init_FreeType(&freetype) != 0) {
		fprintf(stderr, "tiku: cannot typeset PDFs: FreeType did not "
		    "start\n");
		return NULL;
	}
	return xcalloc(1, sizeof(struct glyphs));
}

static struct face *
face_of(struct glyphs *g, PangoFont *font)
{
	hb_face_t *src = lib.hb_font_get_face(lib.pango_font_get_hb_font(font));
	struct face *f;
	size_t i;

	for (i = 0; i < g->n; i++)
		if (g->faces[i].source == src)
			return &g->faces[i];
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 4;
		g->faces = xrealloc(g->faces, g->cap * sizeof *g->faces);
	}
	f = &g->faces[g->n++];
	f->source = lib.hb_face_reference(src);
	f->glyphs = lib.hb_set_create();
	f->plan = NULL;
	f->subset = NULL;
	return f;
}

static int
drawable(const PangoGlyphString *gs)
{
	int i;

	for (i = 0; i < gs->num_glyphs; i++)
		if (gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			return 0;
	return 1;
}

void
glyphs_collect(struct glyphs *g, PangoLayout *l)
{
	PangoLayoutIter *it = lib.pango_layout_get_iter(l);

	do {
		PangoLayoutRun *run = lib.pango_layout_iter_get_run_readonly(it);
		struct face *f;
		int i;

		/* a line's end, or a missing character Pango draws itself */
		if (run == NULL || !drawable(run->glyphs))
			continue;
		f = face_of(g, run->item->analysis.font);
		for (i = 0; i < run->glyphs->num_glyphs; i++)
			if (run->glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY)
				lib.hb_set_add(f->glyphs, run->glyphs->glyphs[i].glyph);
	} while (lib.pango_layout_iter_next_run(it));
	lib.pango_layout_iter_free(it);
}

/*
 * One face's subset as a Cairo font face. Its subroutines are expanded:
 * subsetting them is most of HarfBuzz's time, and Cairo makes its own
 * subset of what is left. Glyphs get new ids, which the plan maps; no
 * character map is kept, as the PDF maps glyphs to text by the clusters
 * drawn with them.
 */
static int
subset_face(struct face *f)
{
	hb_subset_input_t *in = lib.hb_subset_input_create_or_fail();
	hb_face_t *cut;
	struct held *h;
	const char *data;
	unsigned len;
	size_t i;

	if (in == NULL)
		return -1;
	lib.hb_set_union(lib.hb_subset_input_glyph_set(in), f->glyphs);
	for (i = 0; i < sizeof drop_tables / sizeof *drop_tables; i++)
		lib.hb_set_add(lib.hb_subset_input_set(in,
		    HB_SUBSET_SETS_DROP_TABLE_TAG), HB_TAG(drop_tables[i][0],
		    drop_tables[i][1], drop_tables[i][2], drop_tables[i][3]));
	lib.hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE);
	f->plan = lib.hb_subset_plan_create_or_fail(f->source, in);
	lib.hb_subset_input_destroy(in);
	if (f->plan == NULL ||
	    (cut = lib.hb_subset_plan_execute_or_fail(f->plan)) == NULL)
		return -1;
	h = xcalloc(1, sizeof *h);
	h->bytes = lib.hb_face_reference_blob(cut);
	lib.hb_face_destroy(cut);
	data = lib.hb_blob_get_data(h->bytes, &len);
	if (lib.FT_New_Memory_Face(freetype, (const FT_Byte *)data,
	    (FT_Long)len, 0, &h->face) != 0) {
		lib.hb_blob_destroy(h->bytes);
		free(h);
		return -1;
	}
	f->subset = lib.cairo_ft_font_face_create_for_ft_face(h->face, 0);
	lib.cairo_font_face_set_user_data(f->subset, &held_key, h,
	    release_held);
	return 0;
}

int
glyphs_subset(struct glyphs *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (subset_face(&g->faces[i]) < 0) {
			fprintf(stderr, "tiku: cannot typeset PDFs: HarfBuzz could "
			    "not subset a font\n");
			return -1;
		}
	return 0;
}

/*
 * One run as Pango's renderer draws it (glyph positions from the
 * shaping, clusters so that the PDF maps glyphs back to the text), but
 * in the subset of its face at the size and options of Pango's font.
 */
static void
draw_run(const struct face *face, cairo_t *cr, const char *text,
    PangoLayoutRun *run, double x, double y)
{
	const PangoGlyphString *gs = run->glyphs;
	cairo_scaled_font_t *sf = lib.pango_cairo_font_get_scaled_font(
	    (PangoCairoFont *)run->item->analysis.font);
	cairo_glyph_t *cg = xmalloc((size_t)gs->num_glyphs * sizeof *cg + 1);
	cairo_text_cluster_t *cl = xmalloc((size_t)gs->num_glyphs * sizeof *cl +
	    1);
	cairo_font_options_t *fo = lib.cairo_font_options_create();
	PangoGlyphItemIter it;
	cairo_matrix_t m;
	int have, n = 0, nc = 0, pos = 0, k;

	for (have = lib.pango_glyph_item_iter_init_start(&it, run, text); have;
	    have = lib.pango_glyph_item_iter_next_cluster(&it)) {
		int in_cluster = 0;

		for (k = it.start_glyph; k < it.end_glyph; k++) {
			const PangoGlyphInfo *gi = &gs->glyphs[k];

			if (gi->glyph != PANGO_GLYPH_EMPTY) {
				cg[n].index = lib.hb_map_get(
				    lib.hb_subset_plan_old_to_new_glyph_mapping(
				    face->plan), gi->glyph);
				cg[n].x = x + (double)(pos + gi->geometry.x_offset) /
				    PANGO_SCALE;
				cg[n].y = y + (double)gi->geometry.y_offset / PANGO_SCALE;
				n++;
				in_cluster++;
			}
			pos += gi->geometry.width;
		}
		cl[nc].num_bytes = it.end_index - it.start_index;
		cl[nc].num_glyphs = in_cluster;
		nc++;
	}
	lib.cairo_scaled_font_get_font_matrix(sf, &m);
	lib.cairo_scaled_font_get_font_options(sf, fo);
	lib.cairo_set_font_face(cr, face->subset);
	lib.cairo_set_font_matrix(cr, &m);
	lib.cairo_set_font_options(cr, fo);
	lib.cairo_show_text_glyphs(cr, text + run->item->offset,
	    run->item->length, cg, n, cl, nc, 0);
	lib.cairo_font_options_destroy(fo);
	free(cg);
	free(cl);
}

void
glyphs_draw(struct glyphs *g, cairo_t *cr, PangoLayout *l, double x, double y)
{
	const char *text = lib.pango_layout_get_text(l);
	PangoLayoutIter *it = lib.pango_layout_get_iter(l);

	do {
		PangoLayoutRun *run = lib.pango_layout_iter_get_run_readonly(it);
		const struct face *face;
		PangoRectangle r;
		double rx, ry;

		if (run == NULL)
			continue;
		lib.pango_layout_iter_get_run_extents(it, NULL, &r);
		rx = x + (double)r.x / PANGO_SCALE;
		ry = y + (double)lib.pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		face = drawable(run->glyphs) ? face_of(g,
		    run->item->analysis.font) : NULL;
		if (face != NULL && face->subset != NULL)
			draw_run(face, cr, text, run, rx, ry);
		else {
			/* Pango draws the hex box of a character no font has */
			lib.cairo_move_to(cr, rx, ry);
			lib.pango_cairo_show_glyph_item(cr, text, run);
		}
	} while (lib.pango_layout_iter_next_run(it));
	lib.pango_layout_iter_free(it);
}

void
glyphs_free(struct glyphs *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++) {
		lib.hb_face_destroy(g->faces[i].source);
		lib.hb_set_destroy(g->faces[i].glyphs);
		if (g->faces[i].subset)
			lib.cairo_font_face_destroy(g->faces[i].subset);
		if (g->faces[i].plan)
			lib.hb_subset_plan_destroy(g->faces[i].plan);
	}
	free(g->faces);
	free(g);
}

void
glyphs_release(void)
{
	if (freetype != NULL)
		lib.FT_Done_FreeType(freetype);
	freetype = NULL;
}
