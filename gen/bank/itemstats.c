/*
 * itemstats: the text hash that keys an item's statistics, and the
 * reading of content/stats/ (written by tiku analyse --save).
 */
#include "bank/itemstats.h"
#include "core/diag.h"
#include "core/util.h"

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t
fnv(uint64_t h, const char *s)
{
	h = fnv1a(h, s ? s : "");
	h ^= 0xff;                      /* a separator: "ab","c" differs from "a","bc" */
	return h * 0x100000001b3ULL;
}

void
itemstats_hash(const struct item *it, char out[17])
{
	uint64_t h = FNV_OFFSET;
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

static double
number(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

static int
by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void
load_file(struct bank *b, struct arena *a, const char *path,
    const char *name, struct diag *d)
{
	json_error_t err;
	json_t *o = json_load_file(path, 0, &err), *items, *e;
	size_t i;

	items = o ? json_object_get(o, "items") : NULL;
	if (!json_is_array(items)) {
		diag_add(d, path, o ? 0 : err.line, "not item statistics%s%s; "
		    "tiku analyse --save writes them", o ? "" : ": ",
		    o ? "" : err.text);
		json_decref(o);
		return;
	}
	json_array_foreach(items, i, e) {
		const char *id = json_string_value(json_object_get(e, "id"));
		const char *hash = json_string_value(json_object_get(e, "hash"));
		const struct item *found = id ? bank_find(b, id) : NULL;
		struct item *it;
		struct item_stat *st;
		char now[17];

		if (found == NULL || hash == NULL)
			continue;               /* an item since removed */
		itemstats_hash(found, now);
		if (strcmp(now, hash) != 0)
			continue;               /* edited since: its statistics are void */
		it = &b->items[found - b->items];
		st = arena_alloc(a, sizeof *st);
		st->sitting = arena_strndup(a, name, strlen(name) - 5);
		st->n = (int)json_integer_value(json_object_get(e, "n"));
		st->p = number(e, "p");
		st->r_drop = number(e, "r_drop");
		st->b = number(e, "b");
		st->se = number(e, "se");
		st->infit = number(e, "infit");
		st->outfit = number(e, "outfit");
		st->flags = arena_strdup(a, json_string_value(json_object_get(e,
		    "flags")) ? json_string_value(json_object_get(e, "flags")) : "");
		it->stat = st;
	}
	json_decref(o);
}

void
itemstats_load(struct bank *b, struct arena *a, const char *dir,
    struct diag *d)
{
	char path[4096], **names = NULL;
	size_t n = 0, i;
	struct dirent *de;
	DIR *dp;

	snprintf(path, sizeof path, "%s/stats", dir);
	if ((dp = opendir(path)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0) {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(dp);
	if (names != NULL)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; names != NULL && i < n; i++) {
		snprintf(path, sizeof path, "%s/stats/%s", dir, names[i]);
		load_file(b, a, path, names[i], d);
		free(names[i]);
	}
	free(names);
}

int
itemstats_calibrated(const struct item *const *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (items[i]->stat == NULL || !isfinite(items[i]->stat->b))
			return 0;
	return n > 0;
}

static json_t *
rounded(double x)
{
	return isfinite(x) ? json_real(round(x * 1000) / 1000) : json_null();
}

json_t *
itemstats_json(const struct item_stat *st)
{
	json_t *o = json_object();

	json_object_set_new(o, "sitting", json_string(st->sitting));
	json_object_set_new(o, "n", json_integer(st->n));
	json_object_set_new(o, "p", rounded(st->p));
	json_object_set_new(o, "r_drop", rounded(st->r_drop));
	json_object_set_new(o, "b", rounded(st->b));
	json_object_set_new(o, "se", rounded(st->se));
	json_object_set_new(o, "infit", rounded(st->infit));
	json_object_set_new(o, "outfit", rounded(st->outfit));
	json_object_set_new(o, "flags", json_string(st->flags));
	return o;
}
