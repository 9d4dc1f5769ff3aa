#include "bank/generate.h"
#include "bank/bank.h"
#include "core/diag.h"
#include "core/strmap.h"
#include "core/util.h"
#include "core/dump.h"
#include "script/render.h"
#include "core/rng.h"

#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = { "judge", "single", "multi", NULL };

static char *
markdown_inline(struct standard *s, const char *md)
{
	char *html = render_markdown(md), *out;
	size_t n = strlen(html);

	while (n > 0 && html[n - 1] == '\n')
		n--;
	if (n >= 7 && strncmp(html, "<p>", 3) == 0 &&
	    strncmp(html + n - 4, "</p>", 4) == 0 && !strstr(html + 3, "<p>"))
		out = arena_strndup(&s->arena, html + 3, n - 7);
	else
		out = arena_strndup(&s->arena, html, n);
	free(html);
	return out;
}

static const char *
str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/*
 * Text a generator made goes where content goes: no control characters
 * but tabs and line breaks. Returns 0, or -1 after a message.
 */
static int
text_ok(const struct item *it, const char *what, const char *text,
    const char *file, struct diag *d)
{
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f) {
			diag_add(d, file, 0, "variant %s: control character U+%04X "
			    "in its %s", it->id, *p, what);
			return -1;
		}
	return 0;
}

/* Every string a variant gives: stem, explanation, options. */
static int
texts_ok(const struct item *it, const json_t *j, const char *file,
    struct diag *d)
{
	const json_t *opts = json_object_get(j, "options"), *o;
	size_t i;

	if (text_ok(it, "stem", str(j, "stem"), file, d) < 0 ||
	    text_ok(it, "explanation", str(j, "explanation"), file, d) < 0)
		return -1;
	json_array_foreach(opts, i, o)
		if (json_is_string(o) &&
		    text_ok(it, "options", json_string_value(o), file, d) < 0)
			return -1;
	return 0;
}

/*
 * A choice variant names the misconception behind every distractor
 * (misconceptions = { B = "…" }) and nothing else, so that each wrong
 * option is a mistake a candidate makes and a test can recompute it.
 */
static int
check_misconceptions(struct item *it, struct standard *s, const json_t *m,
    const char *file, struct diag *d)
{
	const char *letter;
	const json_t *v;
	char *text;
	int i;

	if (m != NULL && !json_is_object(m)) {
		diag_add(d, file, 0, "variant %s: misconceptions is a table of "
		    "option letters, { B = \"…\" }", it->id);
		return -1;
	}
	for (i = 0; i < it->n_options; i++) {
		char key[2] = { (char)('A' + i), '\0' };
		const char *why = str(m, key);

		if (!(it->answer & (1u << i)) && (why == NULL || *why == '\0')) {
			diag_add(d, file, 0, "variant %s: distractor %s names no "
			    "misconception; return misconceptions = { %s = \"…\" } "
			    "for every wrong option", it->id, key, key);
			return -1;
		}
	}
	json_object_foreach((json_t *)m, letter, v) {
		i = letter[0] - 'A';
		if (letter[1] != '\0' || i < 0 || i >= it->n_options ||
		    (it->answer & (1u << i)) || !json_is_string(v)) {
			diag_add(d, file, 0, "variant %s: misconceptions names '%s', "
			    "which is not a distractor", it->id, letter);
			return -1;
		}
	}
	if (m == NULL)
		return 0;
	text = json_dumps(m, JSON_COMPACT | JSON_SORT_KEYS);
	it->misconceptions = arena_strdup(&s->arena, text ? text : "{}");
	free(text);
	return 0;
}

/* One variant's table into an item; -1 (with a message) if malformed. */
static int
fill_item(struct item *it, struct standard *s, const json_t *j,
    const char *file, struct diag *d)
{
	const char *stem = str(j, "stem"), *expl = str(j, "explanation");
	const json_t *opts = json_object_get(j, "options");
	const json_t *ans = json_object_get(j, "answer");
	size_t i;

	if (stem == NULL || expl == NULL) {
		diag_add(d, file, 0, "variant %s needs 'stem' and 'explanation' "
		    "strings", it->id);
		return -1;
	}
	if (texts_ok(it, j, file, d) < 0)
		return -1;
	it->stem_text = arena_strdup(&s->arena, stem);
	it->stem_html = arena_printf(&s->arena, "<p>%s</p>",
	    markdown_inline(s, stem));
	it->explanation_text = arena_strdup(&s->arena, expl);
	if (json_object_get(j, "params")) {
		char *p = json_dumps(json_object_get(j, "params"),
		    JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);

		it->params = arena_strdup(&s->arena, p ? p : "null");
		free(p);
	}
	it->explanation_html = arena_printf(&s->arena, "<p>%s</p>",
	    markdown_inline(s, expl));
	if (it->type == ITEM_JUDGE) {
		if (!json_is_boolean(ans)) {
			diag_add(d, file, 0, "variant %s: a judge item's answer is "
			    "true or false", it->id);
			return -1;
		}
		it->answer = json_is_true(ans);
		return 0;
	}
	if (!json_is_array(opts) || json_array_size(opts) > OPTIONS_MAX ||
	    !json_is_string(ans)) {
		diag_add(d, file, 0, "variant %s needs 'options' (up to %d "
		    "strings) and an 'answer' of option letters", it->id,
		    OPTIONS_MAX);
		return -1;
	}
	for (i = 0; i < json_array_size(opts); i++) {
		const json_t *o = json_array_get(opts, i);

		if (!json_is_string(o)) {
			diag_add(d, file, 0, "variant %s: options are strings",
			    it->id);
			return -1;
		}
		it->options[i].text = arena_strdup(&s->arena, json_string_value(o));
		it->options[i].html = markdown_inline(s, json_string_value(o));
	}
	it->n_options = (int)i;
	for (const char *c = json_string_value(ans); *c; c++) {
		if (*c < 'A' || *c > 'E') {
			diag_add(d, file, 0, "variant %s: answer '%s' must be option "
			    "letters", it->id, json_string_value(ans));
			return -1;
		}
		it->answer |= 1u << (*c - 'A');
	}
	return check_misconceptions(it, s, json_object_get(j, "misconceptions"),
	    file, d);
}

/* stem and options, to tell variants apart */
static char *
signature(const struct item *it)
{
	struct buf b = {0};
	int i;

	buf_puts(&b, it->stem_text);
	for (i = 0; i < it->n_options; i++) {
		buf_putc(&b, '\x1f');
		buf_puts(&b, it->options[i].text);
	}
	return b.data;
}

/*
 * Variants items[0..n) must differ from one another: one pass through a
 * hash of their signatures (a pairwise check took a minute for 20,000
 * variants). Returns 0, or -1 after a message naming the first repeat.
 */
static int
variants_differ(const struct item *items, size_t n, const char *family,
    const char *file, struct diag *d)
{
	struct strmap seen = {0};
	size_t i;
	int rc = 0, added;

	for (i = 0; i < n && rc == 0; i++) {
		char *sig = signature(&items[i]);
		long *first = strmap_put(&seen, sig, &added);

		if (added)
			*first = (long)i + 1;
		else {
			diag_add(d, file, 0, "generator %s gives the same item as "
			    "variants %ld and %zu; every variant must differ",
			    family, *first, i + 1);
			rc = -1;
		}
		free(sig);
	}
	strmap_free(&seen);
	return rc;
}

/* A whole number in [lo, hi] from the module's table, or def if absent. */
static int
info_int(const json_t *info, const char *key, int def, int lo, int hi,
    int *v)
{
	const json_t *j = json_object_get(info, key);

	if (j == NULL) {
		*v = def;
		return 0;
	}
	if (!json_is_integer(j) || json_integer_value(j) < lo ||
	    json_integer_value(j) > hi)
		return -1;
	*v = (int)json_integer_value(j);
	return 0;
}

/* The module's table: its id, type, knowledge and counts. */
static int
check_info(const json_t *info, const char *file, int *type, int *variants,
    int *difficulty, struct diag *d)
{
	const char *family = str(info, "id"), *tname = str(info, "type");
	const json_t *know = json_object_get(info, "knowledge"), *k;
	size_t i;
	int t;

	for (t = 0; tname && type_names[t] && strcmp(type_names[t], tname); t++)
		;
	*type = t;
	json_array_foreach(know, i, k)
		if (!json_is_string(k))
			know = NULL;
	if (family == NULL || tname == NULL || type_names[t] == NULL ||
	    !json_is_array(know) || json_array_size(know) == 0 ||
	    info_int(info, "difficulty", 0, 1, 5, difficulty) < 0 ||
	    *difficulty == 0) {
		diag_add(d, file, 0, "a generator returns { id = \"G-…\", knowledge "
		    "= { \"L3-K2.1.4\" }, type = \"judge|single|multi\", difficulty "
		    "= 1-5, variants = N, generate = function(rng, standard) … end }");
		return -1;
	}
	if (!bank_valid_id(family)) {
		diag_add(d, file, 0, "generator id '%s' may hold letters, digits, "
		    "'.' and '-' only", family);
		return -1;
	}
	if (info_int(info, "variants", MIN_VARIANTS, INT_MIN, INT_MAX,
	    variants) < 0 || *variants > VARIANTS_MAX) {
		diag_add(d, file, 0, "generator %s: variants is a whole number "
		    "%d-%d", family, MIN_VARIANTS, VARIANTS_MAX);
		return -1;
	}
	if (*variants < MIN_VARIANTS) {
		diag_add(d, file, 0, "generator %s makes %d variants; at least %d "
		    "are required", family, *variants, MIN_VARIANTS);
		return -1;
	}
	return 0;
}

/* Variant k of a checked generator into the bank. Returns 0 or -1. */
static int
add_variant(struct bank *b, struct standard *s, struct render *r,
    const json_t *info, int type, int difficulty, int k, const char *module,
    const char *file, const json_t *standard, struct diag *d)
{
	const char *family = str(info, "id");
	const json_t *know = json_object_get(info, "knowledge");
	struct item it = {0};
	json_t *vj;
	size_t i;
	int rc;

	vj = render_generate(r, module, k, rng_derive((uint64_t)k, family),
	    standard, d);
	if (vj == NULL)
		return -1;
	it.id = arena_printf(&s->arena, "%s-%02d", family, k);
	it.family = arena_strdup(&s->arena, family);
	it.generated = 1;
	it.type = (enum item_type)type;
	it.difficulty = difficulty;
	it.fixed_order = json_is_true(json_object_get(info, "fixed_order"));
	it.n_knowledge = json_array_size(know);
	it.knowledge = arena_alloc(&s->arena,
	    it.n_knowledge * sizeof *it.knowledge);
	for (i = 0; i < it.n_knowledge; i++)
		it.knowledge[i] = arena_strdup(&s->arena,
		    json_string_value(json_array_get(know, i)));
	it.at.file = arena_strdup(&s->arena, file);
	it.at.line = 0;
	/* checked whole before the bank holds it */
	if ((rc = fill_item(&it, s, vj, file, d)) == 0)
		*ARENA_PUSH(&s->arena, b->items, b->n, b->cap) = it;
	json_decref(vj);
	return rc;
}

static int
run_generator(struct bank *b, struct standard *s, struct render *r,
    const char *dir, const char *name, const json_t *standard,
    struct diag *d)
{
	char module[256], file[4096 + 256];
	json_t *info;
	int variants, difficulty, type, k, rc = 0;
	size_t first = b->n;

	snprintf(module, sizeof module, "generators.%s", name);
	snprintf(file, sizeof file, "%s/%s.lua", dir, name);
	if ((info = render_module_info(r, module, d)) == NULL)
		return -1;
	if (check_info(info, file, &type, &variants, &difficulty, d) < 0) {
		json_decref(info);
		return -1;
	}
	for (k = 1; k <= variants && rc == 0; k++)
		/* one report is enough: the others fail alike */
		rc = add_variant(b, s, r, info, type, difficulty, k, module, file,
		    standard, d);
	if (rc == 0)
		rc = variants_differ(b->items + first, b->n - first,
		    str(info, "id"), file, d);
	json_decref(info);
	return rc;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
bank_generate(struct bank *b, struct standard *s, struct render *r,
    const char *content_dir, struct diag *d)
{
	char path[4096];
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	json_t *standard;
	DIR *dp;
	int rc = 0;

	snprintf(path, sizeof path, "%s/generators", content_dir);
	if ((dp = opendir(path)) == NULL)
		return 0;               /* no generators */
	render_set_generators(r, path);
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 4 && strcmp(de->d_name + len - 4, ".lua") == 0 &&
		    de->d_name[0] != '.')
			*ARENA_PUSH(&s->arena, names, n, cap) =
			    arena_strndup(&s->arena, de->d_name, len - 4);
	}
	closedir(dp);
	if (n > 1)         /* qsort may not be given NULL, even for none */
		qsort(names, n, sizeof *names, name_cmp);
	standard = dump_standard(s);
	for (i = 0; i < n; i++)
		if (run_generator(b, s, r, path, names[i], standard, d) < 0)
			rc = -1;
	json_decref(standard);
	return rc;
}
