/*
 * fontcut: the CJK faces typesetting uses, cut once to the characters a
 * run can print and kept in a cache, so that Pango shapes and HarfBuzz
 * subsets from a 1 MB font instead of mapping the system's 20–27 MB
 * Noto CJK collections (the kernel maps up to 16 pages around every glyph
 * read, so the whole file ended up resident: 37 of a PDF run's 87 MiB).
 *
 * The cut keeps the source's glyph ids, outlines, metrics and layout
 * tables for the characters of the content, the templates, the Lua
 * modules and tiku's own messages; it is registered with fontconfig for
 * the run under its own family ("tiku Serif", "tiku Sans"), listed before
 * the system family, so that a character it lacks (a name in a roster)
 * falls back to the full face. PDFs print the same pages and text with or
 * without it.
 *
 * Use: fontcut_prepare before anything starts a thread (it forks to cut,
 * and the site's workers fork after it); typesetting then asks
 * fontcut_family.
 */
#ifndef TIKU_FONTCUT_H
#define TIKU_FONTCUT_H

/*
 * Cut (or find in the cache) the faces for the characters of the files
 * under dirs (NULL-terminated; a missing one is skipped) and register
 * them. The cache is $XDG_CACHE_HOME/tiku/fonts, else ~/.cache/tiku/fonts;
 * a cached cut is checked against the characters it must hold before it
 * is used. Anything missing (the libraries, the Noto faces, a writable
 * cache) leaves the system faces in use. Returns 0 when the cuts are in
 * use, -1 when the system faces stay.
 */
int fontcut_prepare(const char *const *dirs);

/* The family list for a Pango font description: face 0 serif, 1 sans. */
const char *fontcut_family(int face);

/* fontconfig's caches freed at exit by a process that loaded it here
 * but typeset nothing (typeset_release_fonts calls it). */
void fontcut_release(void);

#endif
