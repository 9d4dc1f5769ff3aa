/*
 * sitting: a manifest and the bank made into the items and forms that
 * responses are scored against, and their sitting.json round trip.
 */
#include "analyse/sitting.h"
#include "bank/itemstats.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static const char *
jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static int
jint(const json_t *o, const char *key)
{
	return (int)json_integer_value(json_object_get(o, key));
}

static enum item_type
type_of(const char *name)
{
	int t;

	for (t = 0; t < ITEM_TYPES; t++)
		if (strcmp(item_type_name((enum item_type)t), name) == 0)
			return (enum item_type)t;
	return ITEM_TYPES;
}

int
sitting_is_choice(const struct sit_item *it)
{
	return it->type == ITEM_JUDGE || it->type == ITEM_SINGLE ||
	    it->type == ITEM_MULTI;
}

static const struct sitting *sort_st;

static int
by_code(const void *a, const void *b)
{
	return strcmp(sort_st->forms[*(const size_t *)a].code,
	    sort_st->forms[*(const size_t *)b].code);
}

static void
index_forms(struct sitting *st)
{
	size_t i;

	st->form_order = xcalloc(st->n_forms + 1, sizeof *st->form_order);
	for (i = 0; i < st->n_forms; i++)
		st->form_order[i] = i;
	sort_st = st;
	qsort(st->form_order, st->n_forms, sizeof *st->form_order, by_code);
}

long
sitting_form(const struct sitting *st, const char *code)
{
	size_t lo = 0, hi = st->n_forms;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(code, st->forms[st->form_order[mid]].code);

		if (c == 0)
			return (long)st->form_order[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

char *
sitting_form_list(const struct sitting *st)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < st->n_forms && i < 6; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", st->forms[i].code);
	if (st->n_forms > 6)
		buf_printf(&b, " … %s", st->forms[st->n_forms - 1].code);
	return b.data != NULL ? b.data : xstrdup("");
}

int
sitting_bank_option(const struct sit_form_item *fi, int shown)
{
	if (fi->order[0] == '\0' || shown >= (int)strlen(fi->order))
		return shown;
	return fi->order[shown] - 'A';
}

size_t
sitting_letters(const struct sit_item *it, unsigned mask, char *out)
{
	int i, n = 0;

	if (it->type == ITEM_JUDGE) {
		if (mask & 1)
			out[n++] = 'T';
		if (mask & 2)
			out[n++] = 'F';
	} else
		for (i = 0; i < it->n_options; i++)
			if (mask & (1u << i))
				out[n++] = (char)('A' + i);
	out[n] = '\0';
	return (size_t)n;
}

/* The item of a bank item, added when new; slot[bank index] remembers it
 * (+1), so 10,000 per-candidate papers cost no search. */
static long
add_item(struct sitting *st, const struct bank *b, const struct item *bi,
    int points, size_t *cap, long *slot)
{
	struct sit_item *si;
	size_t k;

	if (slot[bi - b->items] > 0)
		return slot[bi - b->items] - 1;
	slot[bi - b->items] = (long)st->n_items + 1;
	if (st->n_items == *cap) {
		*cap = *cap ? 2 * *cap : 128;
		st->items = xrealloc(st->items, *cap * sizeof *st->items);
	}
	si = &st->items[st->n_items];
	memset(si, 0, sizeof *si);
	si->id = xstrdup(bi->id);
	si->type = bi->type;
	si->points = points;
	si->n_options = bi->type == ITEM_JUDGE ? 2 : bi->n_options;
	si->key = bi->type == ITEM_JUDGE ? (bi->answer ? 1u : 2u) : bi->answer;
	si->difficulty = bi->difficulty;
	si->area = xstrdup(bi->area ? bi->area : "");
	si->file = xstrdup(bi->at.file ? bi->at.file : "");
	si->line = bi->at.line;
	si->bank = bi;
	itemstats_hash(bi, si->hash);
	si->n_lines = (int)bi->n_rubric;
	si->line_points = xcalloc(bi->n_rubric + 1, sizeof *si->line_points);
	for (k = 0; k < bi->n_rubric; k++)
		si->line_points[k] = bi->rubric[k].veto ? -1 :
		    bi->rubric[k].points;
	return (long)st->n_items++;
}

/* The index of area in st->areas, added when new. */
static size_t
add_area(struct sitting *st, const char *area)
{
	size_t i;

	for (i = 0; i < st->n_areas; i++)
		if (strcmp(st->areas[i], area) == 0)
			return i;
	st->areas = xrealloc(st->areas, (st->n_areas + 1) * sizeof *st->areas);
	st->areas[st->n_areas] = xstrdup(area);
	return st->n_areas++;
}

/* One form of a manifest; bank-less problems go to d. */
static int
read_form(struct sitting *st, const json_t *fo, const struct bank *b,
    const char *path, struct diag *d, size_t *cap, long *slot)
{
	struct sit_form *f = &st->forms[st->n_forms];
	const json_t *items = json_object_get(fo, "items"), *io;
	size_t i;
	int bad = 0;

	f->code = xstrdup(jstr(fo, "code"));
	f->drawn_difficulty = json_number_value(json_object_get(fo,
	    "difficulty_mean"));
	f->items = xcalloc(json_array_size(items) + 1, sizeof *f->items);
	json_array_foreach(items, i, io) {
		const char *id = jstr(io, "id"), *order = jstr(io, "options_order");
		const struct item *bi = bank_find(b, id);
		long k;

		if (bi == NULL) {
			diag_add(d, path, 0, "form %s: item %s is not in the bank; "
			    "score with the content the paper was drawn from",
			    f->code, id);
			bad = 1;
			continue;
		}
		if (strlen(order) > OPTIONS_MAX ||
		    (order[0] && (int)strlen(order) != bi->n_options)) {
			diag_add(d, path, 0, "form %s: item %s: options_order '%s' "
			    "does not fit its %d options", f->code, id, order,
			    bi->n_options);
			bad = 1;
			continue;
		}
		k = add_item(st, b, bi, jint(io, "points"), cap, slot);
		f->items[f->n].item = (size_t)k;
		strcpy(f->items[f->n].order, order);
		f->full_marks += st->items[k].points;
		f->n++;
		st->items[k].area_no = add_area(st, st->items[k].area);
	}
	st->n_forms++;
	return bad ? -1 : 0;
}

int
sitting_from_manifest(struct sitting *st, const char *path,
    const struct bank *b, struct diag *d)
{
	json_error_t err;
	json_t *man = json_load_file(path, 0, &err), *forms, *fo;
	size_t i, cap = 0;
	long *slot;
	int rc = 0;

	memset(st, 0, sizeof *st);
	if (man == NULL) {
		diag_add(d, path, err.line, "not a paper manifest: %s", err.text);
		return -1;
	}
	forms = json_object_get(man, "forms");
	if (!json_is_array(forms) || json_array_size(forms) == 0 ||
	    !json_is_string(json_object_get(man, "kind"))) {
		diag_add(d, path, 0, "not a paper manifest: no \"kind\" or no "
		    "\"forms\"; give the manifest-*.json that tiku paper wrote");
		json_decref(man);
		return -1;
	}
	st->level = jint(man, "level");
	st->kind = xstrdup(jstr(man, "kind"));
	st->pass_mark = jint(man, "pass_mark");
	st->forms = xcalloc(json_array_size(forms), sizeof *st->forms);
	slot = xcalloc(b->n + 1, sizeof *slot);
	json_array_foreach(forms, i, fo)
		if (read_form(st, fo, b, path, d, &cap, slot) < 0)
			rc = -1;
	free(slot);
	index_forms(st);
	json_decref(man);
	return rc;
}

json_t *
sitting_json(const struct sitting *st)
{
	json_t *o = json_object(), *items = json_array(), *forms = json_array();
	size_t i, k;
	int l;

	json_object_set_new(o, "level", json_integer(st->level));
	json_object_set_new(o, "kind", json_string(st->kind));
	json_object_set_new(o, "pass_mark", json_integer(st->pass_mark));
	for (i = 0; i < st->n_items; i++) {
		const struct sit_item *it = &st->items[i];
		json_t *io = json_object(), *lines = json_array();
		char key[OPTIONS_MAX + 1];

		sitting_letters(it, it->key, key);
		json_object_set_new(io, "id", json_string(it->id));
		json_object_set_new(io, "type", json_string(item_type_name(it->type)));
		json_object_set_new(io, "points", json_integer(it->points));
		json_object_set_new(io, "key", json_string(key));
		json_object_set_new(io, "options", json_integer(it->n_options));
		json_object_set_new(io, "difficulty", json_integer(it->difficulty));
		json_object_set_new(io, "area", json_string(it->area));
		json_object_set_new(io, "file", json_string(it->file));
		json_object_set_new(io, "line", json_integer(it->line));
		json_object_set_new(io, "hash", json_string(it->hash));
		for (l = 0; l < it->n_lines; l++)
			json_array_append_new(lines, json_integer(it->line_points[l]));
		json_object_set_new(io, "rubric", lines);
		json_array_append_new(items, io);
	}
	for (i = 0; i < st->n_forms; i++) {
		const struct sit_form *f = &st->forms[i];
		json_t *fo = json_object(), *ids = json_array(), *ord = json_array();

		json_object_set_new(fo, "code", json_string(f->code));
		json_object_set_new(fo, "difficulty_mean",
		    json_real(f->drawn_difficulty));
		for (k = 0; k < f->n; k++) {
			json_array_append_new(ids,
			    json_string(st->items[f->items[k].item].id));
			json_array_append_new(ord, json_string(f->items[k].order));
		}
		json_object_set_new(fo, "items", ids);
		json_object_set_new(fo, "options_order", ord);
		json_array_append_new(forms, fo);
	}
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "forms", forms);
	return o;
}

static unsigned
mask_of(const char *letters, enum item_type t)
{
	unsigned m = 0;

	for (; *letters; letters++)
		if (t == ITEM_JUDGE)
			m |= *letters == 'T' ? 1u : 2u;
		else
			m |= 1u << (*letters - 'A');
	return m;
}

static void
load_items(struct sitting *st, const json_t *items)
{
	const json_t *io, *lp;
	size_t i, l;

	st->items = xcalloc(json_array_size(items) + 1, sizeof *st->items);
	json_array_foreach(items, i, io) {
		struct sit_item *it = &st->items[st->n_items++];

		it->id = xstrdup(jstr(io, "id"));
		it->type = type_of(jstr(io, "type"));
		it->points = jint(io, "points");
		it->key = mask_of(jstr(io, "key"), it->type);
		it->n_options = jint(io, "options");
		it->difficulty = jint(io, "difficulty");
		it->area = xstrdup(jstr(io, "area"));
		it->file = xstrdup(jstr(io, "file"));
		it->line = jint(io, "line");
		snprintf(it->hash, sizeof it->hash, "%s", jstr(io, "hash"));
		lp = json_object_get(io, "rubric");
		it->line_points = xcalloc(json_array_size(lp) + 1, sizeof(int));
		for (l = 0; l < json_array_size(lp); l++)
			it->line_points[it->n_lines++] =
			    (int)json_integer_value(json_array_get(lp, l));
		it->area_no = add_area(st, it->area);
	}
}

static int
by_id(const void *a, const void *b)
{
	return strcmp(sort_st->items[*(const size_t *)a].id,
	    sort_st->items[*(const size_t *)b].id);
}

/* The index of an id through ids (item indexes sorted by id), or -1. */
static long
item_index(const struct sitting *st, const size_t *ids, const char *id)
{
	size_t lo = 0, hi = st->n_items;

	while (id != NULL && lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, st->items[ids[mid]].id);

		if (c == 0)
			return (long)ids[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

int
sitting_load(struct sitting *st, const char *path, struct diag *d)
{
	json_error_t err;
	json_t *o = json_load_file(path, 0, &err), *forms, *fo;
	size_t i, k, *ids_sorted;
	int rc = 0;

	memset(st, 0, sizeof *st);
	if (o == NULL) {
		diag_add(d, path, err.line, "not a scored sitting: %s; give a "
		    "folder that tiku score wrote", err.text);
		return -1;
	}
	st->level = jint(o, "level");
	st->kind = xstrdup(jstr(o, "kind"));
	st->pass_mark = jint(o, "pass_mark");
	load_items(st, json_object_get(o, "items"));
	ids_sorted = xcalloc(st->n_items + 1, sizeof *ids_sorted);
	for (i = 0; i < st->n_items; i++)
		ids_sorted[i] = i;
	sort_st = st;
	qsort(ids_sorted, st->n_items, sizeof *ids_sorted, by_id);
	forms = json_object_get(o, "forms");
	st->forms = xcalloc(json_array_size(forms) + 1, sizeof *st->forms);
	json_array_foreach(forms, i, fo) {
		struct sit_form *f = &st->forms[st->n_forms++];
		const json_t *ids = json_object_get(fo, "items");
		const json_t *ord = json_object_get(fo, "options_order");

		f->code = xstrdup(jstr(fo, "code"));
		f->drawn_difficulty = json_number_value(json_object_get(fo,
		    "difficulty_mean"));
		f->items = xcalloc(json_array_size(ids) + 1, sizeof *f->items);
		for (k = 0; k < json_array_size(ids); k++) {
			long x = item_index(st, ids_sorted,
			    json_string_value(json_array_get(ids, k)));
			const char *or = json_string_value(json_array_get(ord, k));

			if (x < 0 || or == NULL || strlen(or) > OPTIONS_MAX) {
				diag_add(d, path, 0, "form %s: item %zu is not among "
				    "the sitting's items", f->code, k + 1);
				rc = -1;
				continue;
			}
			f->items[f->n].item = (size_t)x;
			strcpy(f->items[f->n].order, or);
			f->full_marks += st->items[x].points;
			f->n++;
		}
	}
	free(ids_sorted);
	index_forms(st);
	json_decref(o);
	return rc;
}

void
sitting_free(struct sitting *st)
{
	size_t i;

	for (i = 0; i < st->n_items; i++) {
		free(st->items[i].id);
		free(st->items[i].area);
		free(st->items[i].file);
		free(st->items[i].line_points);
	}
	for (i = 0; i < st->n_forms; i++) {
		free(st->forms[i].code);
		free(st->forms[i].items);
	}
	for (i = 0; i < st->n_areas; i++)
		free(st->areas[i]);
	free(st->areas);
	free(st->items);
	free(st->forms);
	free(st->form_order);
	free(st->kind);
	memset(st, 0, sizeof *st);
}
