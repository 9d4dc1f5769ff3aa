/*
 * table: the rows of a response sheet, whether CSV (RFC 4180: quoted
 * fields, doubled quotes, CRLF, a UTF-8 byte-order mark) or the first
 * worksheet of an .xlsx workbook (read with libzip and libxml2's
 * streaming reader). Rows come one at a time with the line (CSV) or row
 * number (xlsx) that diagnostics name, so a million-row sheet is never
 * held whole.
 */
#ifndef TIKU_TABLE_H
#define TIKU_TABLE_H

#include <stddef.h>

#include "core/diag.h"

struct table_row {
	char **cells;           /* trimmed; owned by the table until the next row */
	size_t n;
	int line;
};

struct table;

/* Open path (.xlsx by its zip signature, else CSV). NULL with the reason
 * in d. */
struct table *table_open(const char *path, struct diag *d);
/* The next row that is not blank: 1, or 0 at the end, or -1 after adding
 * what is wrong (an unterminated quote, a broken workbook) to d. */
int table_next(struct table *t, struct table_row *row, struct diag *d);
const char *table_path(const struct table *t);
void table_close(struct table *t);

#endif
