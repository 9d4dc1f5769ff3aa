/*
 * export: the bank and paper forms in the formats other systems import:
 * Moodle XML for an LMS, an IMS QTI 3.0 content package for computer-based
 * exam systems, an Excel sheet in the columns Chinese exam platforms use
 * for bulk import, and Word documents of paper forms and keys. The zip
 * containers are written with libzip, their times fixed by the content.
 */
#ifndef TIKU_EXPORT_H
#define TIKU_EXPORT_H

#include <stddef.h>
#include <time.h>

#include "plan/assemble.h"
#include "core/util.h"

struct zip_part {
	const char *name;
	const char *data;
	size_t len;
};

/*
 * Moodle XML of items, in categories level ▸ area ▸ work content (or, for
 * a paper form, ▸ form). items are the bank items to export. Returns a
 * new string the caller frees.
 */
char *export_moodle(const struct standard *s, const struct item *const *items,
    size_t n, int level, const char *form);
/* The items as an Excel workbook at path (xlsx.c): sheet 题库 with every
 * field, sheet 导入模板 in the Chinese platforms' import layout. Returns 0,
 * or -1 (message printed). */
int export_xlsx(const struct standard *s, const struct item *const *items,
    size_t n, const char *path);

/*
 * An IMS QTI 3.0 content package at path: one qti-assessment-item per
 * item, and for a paper set (set not NULL) one qti-assessment-test per
 * form. Returns 0, or -1 (message printed).
 */
int export_qti(const struct standard *s, const struct item *const *items,
    size_t n, int level, const struct paper_set *set, const char *path);

/* A form (key = 0) or its key (key = 1) as an A4 Word document at path.
 * Returns 0, or -1 (message printed). */
int export_docx(const struct standard *s, const struct paper_set *set,
    const struct form *fm, int key, const char *path);

/*
 * Word documents of other modules (skilldocs.c), built as a body of
 * WordprocessingML appended to b, then packaged by docx_write: A4, 2.2 cm
 * margins, the running header text on every page, 第 N 页 共 M 页 below.
 */
/* A document's kicker and title, from a new page when new_page. */
void docx_title(struct buf *b, const char *kicker, const char *title,
    int new_page);
/* A paragraph (a heading when heading), line breaks kept. */
void docx_text(struct buf *b, const char *text, int heading, int center);
/* Core-made HTML as paragraphs. */
void docx_html(struct buf *b, const char *html);
/* A table row of n cells, widths relative; the first row opens the table
 * and is its bold head. End the table with docx_table_end. */
void docx_row(struct buf *b, int n, const char *const *cells,
    const double *widths, int first, int center);
void docx_table_end(struct buf *b);
/* The body as a Word document at path. Returns 0, or -1 (message
 * printed). */
int docx_write(const struct standard *s, const char *body, const char *header,
    const char *path);

/* A Word document at path around body (WordprocessingML paragraphs and
 * tables): the package, styles (Title, Heading1, Heading2, TableGrid)
 * and page-number footer of the papers. Returns 0, or -1 (printed). */
int export_docx_package(const struct standard *s, const char *body,
    const char *path);

enum { XLSX_TABLE_COLUMNS = 16 };

/* A sheet of text: styled, frozen header row, then nrows rows of ncols
 * cells (row-major; digits-only cells become numbers). */
struct xlsx_table {
	const char *sheet, *title;
	const char *const *titles;
	const double *widths;
	int ncols;
	const char *const *cells;
	size_t nrows;
};

/* t as a one-sheet workbook at path (xlsx.c), dated by the content.
 * Returns 0, or -1 (message printed). */
int export_xlsx_table(const struct standard *s, const struct xlsx_table *t,
    const char *path);

/* ---- shared by the writers ---- */

/* The time every export carries: noon UTC of modified ("YYYY-MM-DD",
 * the content's date), 2024-01-01 when it is missing. */
time_t content_time(const char *modified);
/* A zip of parts at path, entry times from modified ("YYYY-MM-DD"). */
int zip_write(const char *path, const struct zip_part *parts, size_t n,
    const char *modified);
/* XML text: & < > " escaped; control characters other than tab and
 * newline dropped (XML 1.0 cannot carry them). */
void xml_text(struct buf *b, const char *s);
/* The character of the entity core-made HTML has at s ("&amp;" …) and
 * the entity's length, or NULL (and length 1) when s holds none. */
const char *html_entity(const char *s, size_t *len);
/* Plain text of core-made HTML: tags dropped, entities decoded, a line
 * break after each paragraph and list entry. The caller frees it. */
char *html_text(const char *html);
/* What a candidate reads of a skill task, as one piece of HTML. */
char *task_html(const struct item *it);
/* Points of an item outside a paper: 2 for 多选, 1 for the other theory
 * types, its own points for tasks and review questions. */
int item_points(const struct item *it);

#endif
