/*
 * glyphs: Pango's laid-out text drawn by Cairo from fonts cut down to the
 * document's glyphs first. Cairo embeds a subset of every font a PDF uses,
 * but to make it reads the font's whole CFF table twice (some 20 MB for a
 * Noto CJK face), which was a third of a paper's time and most of its
 * memory. HarfBuzz's subsetter makes each face's subset from the glyphs
 * the layouts hold (glyph ids kept, so Pango's shaping stands), and Cairo
 * subsets that small font instead. The outlines are the same; the pages
 * look the same.
 *
 * Use: glyphs_collect every layout a document draws, glyphs_subset, then
 * glyphs_draw the same layouts; glyphs_free after the surface is finished.
 */
#ifndef TIKU_GLYPHS_H
#define TIKU_GLYPHS_H

#include <cairo.h>
#include <pango/pango.h>

struct glyphs;

/* Returns NULL with a message (a library missing) printed. */
struct glyphs *glyphs_new(void);
void glyphs_collect(struct glyphs *g, PangoLayout *l);
/* Returns 0, or -1 with a message printed. */
int glyphs_subset(struct glyphs *g);
/* Draws l with its top-left corner at (x, y) of cr's user space. */
void glyphs_draw(struct glyphs *g, cairo_t *cr, PangoLayout *l, double x,
    double y);
void glyphs_free(struct glyphs *g);
/* At exit, after Cairo's caches are reset: the FreeType library. */
void glyphs_release(void);

#endif
