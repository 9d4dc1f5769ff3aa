/*
 * itemstats: the text hash that keys an item's statistics; the reading of
 * content/stats/ comes with the assembly that uses it.
 */
#include "bank/itemstats.h"

#include <stdint.h>
#include <stdio.h>

static uint64_t
fnv(uint64_t h, const char *s)
{
	if (s == NULL)
		s = "";
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;                      /* a separator: "ab","c" differs from "a","bc" */
	return h * 0x100000001b3ULL;
}

void
itemstats_hash(const struct item *it, char out[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char num[32];
	int i;
	size_t k;

	h = fnv(h, item_type_name(it->type));
	h = fnv(h, it->stem_text);
	for (i = 0; i < it->n_options; i++)
		h = fnv(h, it->options[i].text);
	snprintf(num, sizeof num, "%u/%d", it->answer, it->points);
	h = fnv(h, num);
	for (k = 0; k < it->n_rubric; k++) {
		snprintf(num, sizeof num, "%d/%d", it->rubric[k].points,
		    it->rubric[k].veto);
		h = fnv(fnv(h, num), it->rubric[k].text);
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
