/*
 * export: the bank and paper forms in the formats other systems import:
 * Moodle XML for an LMS, and an Excel sheet (Office Open XML, written
 * with libzip) in the columns Chinese exam platforms use for bulk import.
 */
#ifndef TIKU_EXPORT_H
#define TIKU_EXPORT_H

#include <stddef.h>

#include "assemble.h"

/*
 * Moodle XML of items, in categories level ▸ area ▸ work content (or, for
 * a paper form, ▸ form). items are the bank items to export. Returns a
 * new string the caller frees.
 */
char *export_moodle(const struct standard *s, const struct item *const *items,
    size_t n, int level, const char *form);
/* The items as one worksheet at path. Returns 0, or -1 (message printed). */
int export_xlsx(const struct standard *s, const struct item *const *items,
    size_t n, const char *path);

#endif
