#include "core/diag.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The next entry of d, numbered in the order added (its file, line and
 * message left to the caller). */
static struct diag_entry *
diag_next(struct diag *d)
{
	struct diag_entry *e;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->entries = xrealloc(d->entries, d->cap * sizeof *d->entries);
	}
	e = &d->entries[d->n];
	e->seq = (unsigned)d->n++;
	return e;
}

void
diag_add(struct diag *d, const char *file, int line, const char *fmt, ...)
{
	struct diag_entry *e = diag_next(d);
	va_list ap;
	int n;

	e->file = xstrdup(file ? file : "");
	e->line = line;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	e->message = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(e->message, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

void
diag_adopt(struct diag *d, struct diag *from)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		struct diag_entry *e = diag_next(d);
		unsigned seq = e->seq;

		*e = from->entries[i];
		e->seq = seq;
	}
	free(from->entries);
	from->entries = NULL;
	from->n = from->cap = 0;
}

static int
diag_cmp(const void *pa, const void *pb)
{
	const struct diag_entry *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

size_t
diag_print(struct diag *d, FILE *f)
{
	size_t i, printed = 0;

	if (d->n > 0)
		qsort(d->entries, d->n, sizeof *d->entries, diag_cmp);
	for (i = 0; i < d->n; i++) {
		struct diag_entry *e = &d->entries[i];

		/* the same problem found twice (e.g. in every variant) once */
		if (i > 0 && e->line == e[-1].line && strcmp(e->file,
		    e[-1].file) == 0 && strcmp(e->message, e[-1].message) == 0)
			continue;
		if (e->line > 0)
			fprintf(f, "%s:%d: %s\n", e->file, e->line, e->message);
		else
			fprintf(f, "%s: %s\n", e->file, e->message);
		printed++;
	}
	return printed;
}

void
diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->entries[i].file);
		free(d->entries[i].message);
	}
	free(d->entries);
	d->entries = NULL;
	d->n = d->cap = 0;
}
