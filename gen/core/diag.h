/*
 * diag: content errors collected during a run and reported together as
 * "file:line: message", sorted by file and line.
 */
#ifndef TIKU_DIAG_H
#define TIKU_DIAG_H

#include <stdio.h>

struct diag_entry {
	char *file;             /* owned */
	int line;               /* 0 when the whole file is meant */
	char *message;          /* owned */
	unsigned seq;           /* keeps insertion order among equal lines */
};

struct diag {
	struct diag_entry *entries;
	size_t n, cap;
};

void diag_add(struct diag *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Move every entry of from to the end of d, as if added there. */
void diag_adopt(struct diag *d, struct diag *from);
/* Print every entry, sorted, to f. Returns the number printed. */
size_t diag_print(struct diag *d, FILE *f);
void diag_free(struct diag *d);

#endif
