/*
 * import: a national occupational standard as published (the PDF, read
 * through poppler, or text extracted from it) -> a content folder in
 * tiku's Markdown: standard/NAME.md with the facts derived from the text,
 * settings.md and papers.md with the standard's own numbers, and an empty
 * items/ with a README. The extraction's mess is undone by fixed rules
 * (README, "Importing a standard"); every place they cannot decide is
 * reported as "FILE:LINE: what is unclear" for a person to settle.
 */
#ifndef TIKU_IMPORT_H
#define TIKU_IMPORT_H

struct diag;

/*
 * Read path (a PDF when it starts with "%PDF", else UTF-8 text) and
 * write the content folder out (replaced only when all was written).
 * Places to settle by hand go to unclear (the folder is still written);
 * input that is not a standard of the published shape goes to d and
 * nothing is written. Returns 0, 1 (content errors in d) or 2 (a failed
 * read or write, printed).
 */
int import_standard(const char *path, const char *out, struct diag *unclear,
    struct diag *d);

/*
 * tiku init: write out, a content folder holding the smallest standard
 * (one level, one function, placeholders in （）) with the rest of a
 * folder as import writes it. Returns 0, 1 or 2 as import_standard.
 */
int import_init(const char *out, struct diag *d);

#endif
