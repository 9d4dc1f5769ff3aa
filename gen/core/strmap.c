#include "core/strmap.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static size_t
slot_of(const struct strmap *t, const char *key)
{
	size_t i = (size_t)fnv1a(FNV_OFFSET, key) & (t->cap - 1);

	while (t->keys[i] != NULL && strcmp(t->keys[i], key) != 0)
		i = (i + 1) & (t->cap - 1);
	return i;
}

long *
strmap_put(struct strmap *t, const char *key, int *added)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		struct strmap old = *t;

		t->cap = t->cap ? 2 * t->cap : 64;
		t->keys = xcalloc(t->cap, sizeof *t->keys);
		t->values = xcalloc(t->cap, sizeof *t->values);
		for (i = 0; i < old.cap; i++)
			if (old.keys[i] != NULL) {
				size_t j = slot_of(t, old.keys[i]);

				t->keys[j] = old.keys[i];
				t->values[j] = old.values[i];
			}
		free(old.keys);
		free(old.values);
	}
	i = slot_of(t, key);
	*added = t->keys[i] == NULL;
	if (*added) {
		t->keys[i] = xstrdup(key);
		t->n++;
	}
	return &t->values[i];
}

long *
strmap_get(const struct strmap *t, const char *key)
{
	size_t i;

	if (t->cap == 0)
		return NULL;
	i = slot_of(t, key);
	return t->keys[i] != NULL ? &t->values[i] : NULL;
}

void
strmap_free(struct strmap *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->values);
	memset(t, 0, sizeof *t);
}
