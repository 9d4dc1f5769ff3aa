#include "bank/generate.h"
#include "bank/bank.h"
#include "core/diag.h"
#include "core/dump.h"
#include "script/render.h"
#include "core/rng.h"

#include <dirent.h>
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

/* One variant's table into an item; NULL (with a message) if malformed. */
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
	return 0;
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

static int
run_generator(struct bank *b, struct standard *s, struct render *r,
    const char *dir, const char *name, const json_t *standard,
    struct diag *d)
{
	char module[256], file[4096 + 256];
	json_t *info;
	const char *family, *type;
	const json_t *know, *v;
	int variants, difficulty, k, t, rc = 0;
	size_t first = b->n, i, j;
	char **sigs;

	snprintf(module, sizeof module, "generators.%s", name);
	snprintf(file, sizeof file, "%s/%s.lua", dir, name);
	if ((info = render_module_info(r, module, d)) == NULL)
		return -1;
	family = str(info, "id");
	type = str(info, "type");
	know = json_object_get(info, "knowledge");
	v = json_object_get(info, "variants");
	variants = json_is_integer(v) ? (int)json_integer_value(v) : MIN_VARIANTS;
	difficulty = json_is_integer(json_object_get(info, "difficulty")) ?
	    (int)json_integer_value(json_object_get(info, "difficulty")) : 0;
	for (t = 0; type && type_names[t] && strcmp(type_names[t], type); t++)
		;
	if (family == NULL || type == NULL || type_names[t] == NULL ||
	    !json_is_array(know) || json_array_size(know) == 0 ||
	    difficulty < 1 || difficulty > 5) {
		diag_add(d, file, 0, "a generator returns { id = \"G-…\", knowledge "
		    "= { \"L3-K2.1.4\" }, type = \"judge|single|multi\", difficulty "
		    "= 1-5, variants = N, generate = function(rng, standard) … end }");
		json_decref(info);
		return -1;
	}
	if (variants < MIN_VARIANTS) {
		diag_add(d, file, 0, "generator %s makes %d variants; at least %d "
		    "are required", family, variants, MIN_VARIANTS);
		rc = -1;
	}
	for (k = 1; k <= variants; k++) {
		struct item *it;
		json_t *vj;

		vj = render_generate(r, module, k, rng_derive((uint64_t)k, family),
		    standard, d);
		if (vj == NULL) {
			rc = -1;
			break;
		}
		it = ARENA_PUSH(&s->arena, b->items, b->n, b->cap);
		it->id = arena_printf(&s->arena, "%s-%02d", family, k);
		it->family = arena_strdup(&s->arena, family);
		it->generated = 1;
		it->type = (enum item_type)t;
		it->difficulty = difficulty;
		it->fixed_order = json_is_true(json_object_get(info, "fixed_order"));
		it->n_knowledge = json_array_size(know);
		it->knowledge = arena_alloc(&s->arena,
		    it->n_knowledge * sizeof *it->knowledge);
		for (i = 0; i < it->n_knowledge; i++)
			it->knowledge[i] = arena_strdup(&s->arena,
			    json_string_value(json_array_get(know, i)) ?
			    json_string_value(json_array_get(know, i)) : "");
		it->at.file = arena_strdup(&s->arena, file);
		it->at.line = 0;
		rc = fill_item(it, s, vj, file, d);
		json_decref(vj);
		if (rc < 0)
			break;  /* one report is enough: the others fail alike */
	}
	/* variants must differ from one another */
	sigs = xcalloc(b->n - first + 1, sizeof *sigs);
	for (i = first; i < b->n; i++)
		sigs[i - first] = signature(&b->items[i]);
	for (i = first; i < b->n && rc == 0; i++)
		for (j = first; j < i; j++)
			if (strcmp(sigs[i - first], sigs[j - first]) == 0) {
				diag_add(d, file, 0, "generator %s gives the same item "
				    "as variants %zu and %zu; every variant must differ",
				    family, j - first + 1, i - first + 1);
				rc = -1;
				break;
			}
	for (i = first; i < b->n; i++)
		free(sigs[i - first]);
	free(sigs);
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
