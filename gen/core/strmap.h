#ifndef TIKU_STRMAP_H
#define TIKU_STRMAP_H

#include <stddef.h>

/*
 * Strings to numbers by hash (open addressing, FNV-1a, at most half
 * full): what a linear search by strcmp did for candidates, families and
 * ids. Keys are copied; a new key's value starts at 0. A value pointer
 * holds until the next strmap_put.
 */
struct strmap {
	char **keys;
	long *values;
	size_t cap, n;
};

/* key's value, added if new (*added says which). */
long *strmap_put(struct strmap *t, const char *key, int *added);
/* key's value, or NULL if key was never put. */
long *strmap_get(const struct strmap *t, const char *key);
void strmap_free(struct strmap *t);

#endif
