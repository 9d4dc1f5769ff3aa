#include "plan/paper.h"
#include "bank/itemstats.h"
#include "plan/sheet.h"
#include "core/util.h"
#include "core/dump.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* json_dump_callback's sink: the dump hashed as it is written, the same
 * value as hashing its text, without building the text. */
static int
hash_chunk(const char *buf, size_t size, void *data)
{
	uint64_t *h = data;
	size_t i;

	for (i = 0; i < size; i++) {
		*h ^= (unsigned char)buf[i];
		*h *= 0x100000001b3ULL;
	}
	return 0;
}

void
content_hash(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, char out[17])
{
	uint64_t h = FNV_OFFSET;
	char buf[256];
	int t;

	if (!b->has_model_hash) {
		/* the bank is not const to its owner: the hash is kept there */
		struct bank *keep = (struct bank *)b;
		json_t *j = dump_standard(s);
		size_t i;

		json_dump_callback(j, hash_chunk, &h, JSON_COMPACT |
		    JSON_SORT_KEYS);
		json_decref(j);
		for (i = 0; i < b->n; i++) {
			j = item_json(&b->items[i]);
			json_dump_callback(j, hash_chunk, &h, JSON_COMPACT |
			    JSON_SORT_KEYS);
			json_decref(j);
		}
		keep->model_hash = h;
		keep->has_model_hash = 1;
	}
	h = b->model_hash;
	for (t = 0; t < THEORY_TYPES; t++) {
		snprintf(buf, sizeof buf, "%d×%d;", spec->count[t], spec->points[t]);
		h = fnv1a(h, buf);
	}
	snprintf(buf, sizeof buf, "%d;%d;%d;%d;%d;%d;%d", spec->theory_minutes,
	    spec->own_share, spec->tasks_per_function, spec->skill_minutes,
	    spec->questions_per_function, spec->review_minutes, s->pass_mark);
	h = fnv1a(h, buf);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static void
add_int(json_t *o, const char *key, int n)
{
	json_t *v = json_object_get(o, key);

	json_object_set_new(o, key, json_integer(
	    (v ? json_integer_value(v) : 0) + n));
}

/* Points by area, type and work content of one form. */
static void
form_sums(const struct form *fm, json_t *by_area, json_t *by_type,
    json_t *by_wc)
{
	size_t i;

	for (i = 0; i < fm->n; i++) {
		const struct item *it = fm->items[i].it;
		char wc[64];

		add_int(by_area, it->area, fm->items[i].points);
		add_int(by_type, item_type_name(it->type), fm->items[i].points);
		if (it->wc_number) {
			snprintf(wc, sizeof wc, "L%d-W%s", it->level, it->wc_number);
			add_int(by_wc, wc, fm->items[i].points);
		}
	}
}

static json_t *
spec_json(const struct paper_spec *spec)
{
	json_t *o = json_object();
	int t;

	for (t = 0; t < THEORY_TYPES; t++) {
		json_t *c = json_object();

		json_object_set_new(c, "count", json_integer(spec->count[t]));
		json_object_set_new(c, "points", json_integer(spec->points[t]));
		json_object_set_new(o, item_type_name((enum item_type)t), c);
	}
	json_object_set_new(o, "theory_minutes", json_integer(spec->theory_minutes));
	json_object_set_new(o, "own_share", json_integer(spec->own_share));
	json_object_set_new(o, "tasks_per_function",
	    json_integer(spec->tasks_per_function));
	json_object_set_new(o, "skill_minutes", json_integer(spec->skill_minutes));
	json_object_set_new(o, "questions_per_function",
	    json_integer(spec->questions_per_function));
	json_object_set_new(o, "review_minutes", json_integer(spec->review_minutes));
	return o;
}

static json_t *
round2(double x)
{
	return json_real(round(x * 1000) / 1000);
}

static json_t *
manifest_form(const struct form *fm, int calibrated)
{
	json_t *fo = json_object(), *items = json_array();
	json_t *area = json_object(), *type = json_object(), *wc = json_object();
	size_t i;

	json_object_set_new(fo, "code", json_string(fm->code));
	for (i = 0; i < fm->n; i++) {
		const struct form_item *fi = &fm->items[i];
		json_t *io = json_object();

		json_object_set_new(io, "id", json_string(fi->it->id));
		json_object_set_new(io, "type",
		    json_string(item_type_name(fi->it->type)));
		json_object_set_new(io, "points", json_integer(fi->points));
		json_object_set_new(io, "area", json_string(fi->it->area));
		json_object_set_new(io, "level", json_integer(fi->it->level));
		json_object_set_new(io, "difficulty", json_integer(fi->it->difficulty));
		if (fi->order[0])
			json_object_set_new(io, "options_order", json_string(fi->order));
		json_array_append_new(items, io);
	}
	json_object_set_new(fo, "items", items);
	form_sums(fm, area, type, wc);
	json_object_set_new(fo, "points_by_area", area);
	json_object_set_new(fo, "points_by_type", type);
	json_object_set_new(fo, "points_by_work_content", wc);
	json_object_set_new(fo, "difficulty_mean", round2(fm->difficulty_mean));
	if (calibrated)
		json_object_set_new(fo, "b_mean", round2(fm->b_mean));
	return fo;
}

/* The manifest without its forms. */
static json_t *
manifest_head(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct paper_set *set)
{
	json_t *o = json_object(), *opts = json_object();
	char hash[17];

	content_hash(s, b, spec, hash);
	json_object_set_new(o, "seed", json_integer((json_int_t)set->req.seed));
	json_object_set_new(o, "level", json_integer(set->req.level));
	json_object_set_new(o, "kind", json_string(paper_kind_name(set->req.kind)));
	json_object_set_new(o, "content_hash", json_string(hash));
	json_object_set_new(o, "code", json_string(s->code));
	json_object_set_new(o, "spec", spec_json(spec));
	json_object_set_new(opts, "forms", json_integer((json_int_t)set->n_forms));
	json_object_set_new(opts, "max_overlap", json_real(set->req.max_overlap));
	json_object_set_new(opts, "candidates", json_integer(set->req.candidates));
	json_object_set_new(opts, "exposure", json_real(set->req.exposure));
	if (set->req.use_flagged)
		json_object_set_new(opts, "use_flagged", json_true());
	if (set->req.cover_core)
		json_object_set_new(opts, "cover_core", json_true());
	json_object_set_new(o, "options", opts);
	json_object_set_new(o, "minutes", json_integer(set->minutes));
	json_object_set_new(o, "full_marks", json_integer(100));
	json_object_set_new(o, "pass_mark", json_integer(s->pass_mark));
	json_object_set_new(o, "matched_on", json_string(set->calibrated ?
	    "b" : "difficulty"));
	if (set->calibrated)
		json_object_set_new(o, "uncalibrated_b", json_pack("{s:f,s:f}",
		    "intercept", round(set->intercept * 1e6) / 1e6, "slope",
		    round(set->slope * 1e6) / 1e6));
	if (set->req.kind == PAPER_THEORY && set->n_forms > 0) {
		/* every form has the same types in the same order: one layout */
		struct sheet sh;

		sheet_layout(&sh, &set->forms[0]);
		json_object_set_new(o, "answer_sheet", sheet_json(&sh, set));
		sheet_release(&sh);
	}
	return o;
}

json_t *
paper_manifest(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct paper_set *set)
{
	json_t *o = manifest_head(s, b, spec, set), *forms = json_array();
	size_t f;

	for (f = 0; f < set->n_forms; f++)
		json_array_append_new(forms, manifest_form(&set->forms[f], set->calibrated));
	json_object_set_new(o, "forms", forms);
	return o;
}

/* text with every line after the first indented by two more spaces */
static int
put_indented(const char *text, FILE *out)
{
	for (; *text; text++)
		if (putc(*text, out) == EOF ||
		    (*text == '\n' && fputs("  ", out) == EOF))
			return -1;
	return 0;
}

/*
 * The same manifest written form by form, byte for byte what the tree
 * dumps with one space of indent (and no newline at the end), so that
 * ten thousand papers never sit in memory as one JSON tree.
 */
int
paper_manifest_write(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct paper_set *set, FILE *out)
{
	json_t *head = manifest_head(s, b, spec, set);
	char *text = json_dumps(head, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	size_t f, len = strlen(text);
	int rc = 0;

	/* reopen the head object: drop its "\n}" */
	while (len > 0 && text[len - 1] != '}')
		len--;
	if (len < 2 || fwrite(text, 1, len - 2, out) != len - 2 ||
	    fputs(",\n \"forms\": [", out) == EOF)
		rc = -1;
	free(text);
	json_decref(head);
	for (f = 0; rc == 0 && f < set->n_forms; f++) {
		json_t *fo = manifest_form(&set->forms[f], set->calibrated);

		text = json_dumps(fo, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		if (fputs(f ? ",\n  " : "\n  ", out) == EOF ||
		    put_indented(text, out) < 0)
			rc = -1;
		free(text);
		json_decref(fo);
	}
	if (rc == 0 && fputs(set->n_forms ? "\n ]\n}" : "]\n}", out) == EOF)
		rc = -1;
	return rc < 0 || ferror(out) ? -1 : 0;
}

/* ---- the form as template data ---- */

static const char *const section_titles[ITEM_TYPES] = {
	"判断题", "单项选择题", "多项选择题", "操作技能考核", "综合评审",
};

const char *
paper_section_title(enum item_type t)
{
	return section_titles[t];
}

const char *
paper_kind_label(enum paper_kind k)
{
	static const char *const labels[] = {
		"理论知识考试", "操作技能考核", "综合评审" };

	return labels[k];
}

json_t *
paper_form_json(const struct standard *s, const struct paper_set *set,
    const struct form *fm)
{
	json_t *o = json_object(), *paper = json_object(), *sections = json_array();
	json_t *sec = NULL;
	int type = -1, number = 0, sec_points = 0;
	size_t i;
	const struct level *lv = standard_level(s, set->req.level);

	json_object_set_new(paper, "level", json_integer(set->req.level));
	json_object_set_new(paper, "level_name", json_string(lv->name));
	json_object_set_new(paper, "kind", json_string(
	    paper_kind_name(set->req.kind)));
	json_object_set_new(paper, "kind_label",
	    json_string(paper_kind_label(set->req.kind)));
	json_object_set_new(paper, "code", json_string(fm->code));
	json_object_set_new(paper, "seed", json_integer((json_int_t)set->req.seed));
	json_object_set_new(paper, "minutes", json_integer(set->minutes));
	json_object_set_new(paper, "full_marks", json_integer(100));
	json_object_set_new(paper, "pass_mark", json_integer(s->pass_mark));
	json_object_set_new(paper, "items", json_integer((json_int_t)fm->n));
	json_object_set_new(paper, "difficulty_mean", round2(fm->difficulty_mean));
	if (set->n_rules) {
		json_t *rules = json_array();

		for (i = 0; i < set->n_rules; i++)
			json_array_append_new(rules, json_string(set->rules[i]));
		json_object_set_new(paper, "rules", rules);
	}
	for (i = 0; i < fm->n; i++) {
		const struct form_item *fi = &fm->items[i];
		const struct item *it = fi->it;
		json_t *io = item_json(it), *opts, *shown = json_array();
		char letters[OPTIONS_MAX + 1];
		int k, nk = 0;

		if ((int)it->type != type) {
			if (sec)
				json_object_set_new(sec, "points",
				    json_integer(sec_points));
			sec = json_object();
			type = (int)it->type;
			sec_points = 0;
			json_object_set_new(sec, "type",
			    json_string(item_type_name(it->type)));
			json_object_set_new(sec, "title",
			    json_string(section_titles[it->type]));
			json_object_set_new(sec, "items", json_array());
			json_array_append_new(sections, sec);
		}
		number++;
		sec_points += fi->points;
		json_object_set_new(io, "number", json_integer(number));
		json_object_set_new(io, "points", json_integer(fi->points));
		/* options in this form's order, and the key re-lettered */
		opts = json_object_get(io, "options_html");
		for (k = 0; fi->order[k]; k++) {
			int orig = fi->order[k] - 'A';

			json_array_append(shown, json_array_get(opts, (size_t)orig));
			if (it->answer & (1u << orig))
				letters[nk++] = (char)('A' + k);
		}
		letters[nk] = '\0';
		json_object_set_new(io, "options_html", shown);
		if (it->type == ITEM_SINGLE || it->type == ITEM_MULTI)
			json_object_set_new(io, "answer", json_string(letters));
		json_array_append_new(json_object_get(sec, "items"), io);
	}
	if (sec)
		json_object_set_new(sec, "points", json_integer(sec_points));
	json_object_set_new(o, "paper", paper);
	json_object_set_new(o, "sections", sections);
	return o;
}

/* ---- audit ---- */

static int
violation(FILE *f, int *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
violation(FILE *f, int *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	return ++*n;
}

/* The bank's items found in a form of the manifest (unknown ids skipped). */
static size_t
form_items(const struct bank *b, const json_t *form, const struct item **v)
{
	const json_t *io;
	size_t i, n = 0;

	json_array_foreach(json_object_get(form, "items"), i, io) {
		const struct item *it = bank_find(b, json_string_value(
		    json_object_get(io, "id")));

		if (it)
			v[n++] = it;
	}
	return n;
}

/* Per-candidate papers: no item on more papers than the exposure allows. */
static void
audit_exposure(const struct bank *b, const json_t *man, const json_t *forms,
    FILE *out, int *n)
{
	double exposure = json_real_value(json_object_get(
	    json_object_get(man, "options"), "exposure"));
	size_t nf = json_array_size(forms), fi, i, k;
	int limit = (int)ceil(exposure * (double)nf - 1e-9), *uses;
	const struct item **v = xcalloc(b->n + 1, sizeof *v);
	const json_t *fo;

	uses = xcalloc(b->n + 1, sizeof *uses);
	json_array_foreach(forms, fi, fo) {
		if (json_array_size(json_object_get(fo, "items")) > b->n)
			continue;       /* more than the bank: reported above */
		k = form_items(b, fo, v);
		for (i = 0; i < k; i++)
			uses[v[i] - b->items]++;
	}
	for (i = 0; i < b->n; i++)
		if (uses[i] > (limit < 1 ? 1 : limit))
			violation(out, n, "%s is on %d papers; the exposure limit "
			    "allows %d", b->items[i].id, uses[i], limit);
	free(uses);
	free((void *)v);
}

static int
by_family(const void *x, const void *y)
{
	return strcmp((*(const struct item *const *)x)->family,
	    (*(const struct item *const *)y)->family);
}

/*
 * Fixed sets: a form shares an item with another form when that form
 * holds one of its family; shared items, counted per other form, stay
 * within the overlap the draw allowed. Linear in the items of the set: a
 * family number per bank item, and the number of forms holding each.
 */
static void
audit_overlap(const struct bank *b, const json_t *forms, double overlap,
    FILE *out, int *n)
{
	const struct item **sorted = xcalloc(b->n + 1, sizeof *sorted);
	const struct item **v = xcalloc(b->n + 1, sizeof *v);
	size_t *family = xcalloc(b->n + 1, sizeof *family);
	size_t *holders = xcalloc(b->n + 1, sizeof *holders);
	size_t *last = xcalloc(b->n + 1, sizeof *last);   /* form + 1 */
	size_t nf = json_array_size(forms), a, i, k, f = 0;

	for (i = 0; i < b->n; i++)
		sorted[i] = &b->items[i];
	qsort(sorted, b->n, sizeof *sorted, by_family);
	for (i = 0; i < b->n; i++) {
		if (i > 0 && strcmp(sorted[i]->family, sorted[i - 1]->family))
			f++;
		family[sorted[i] - b->items] = f;
	}
	for (a = 0; a < nf; a++) {
		if (json_array_size(json_object_get(json_array_get(forms, a),
		    "items")) > b->n)
			continue;
		k = form_items(b, json_array_get(forms, a), v);
		for (i = 0; i < k; i++) {
			size_t fam = family[v[i] - b->items];

			if (last[fam] != a + 1) {
				last[fam] = a + 1;
				holders[fam]++;
			}
		}
	}
	for (a = 0; a < nf; a++) {
		const json_t *fo = json_array_get(forms, a);
		size_t size = json_array_size(json_object_get(fo, "items"));
		int shared = 0, allowed = (int)floor(overlap * (double)size + 1e-9);
		const char *code = json_string_value(json_object_get(fo, "code"));

		if (size > b->n)
			continue;
		k = form_items(b, fo, v);
		for (i = 0; i < k; i++)
			shared += (int)holders[family[v[i] - b->items]] - 1;
		if (shared > allowed)
			violation(out, n, "form %s shares %d item%s with other forms; "
			    "the draw allowed %d", code ? code : "?", shared,
			    shared == 1 ? "" : "s", allowed);
	}
	free((void *)sorted);
	free((void *)v);
	free(family);
	free(holders);
	free(last);
}

/* --cover-core: every X point of the level on every form. */
static void
audit_core(const struct standard *s, const struct bank *b, int level,
    const json_t *forms, FILE *out, int *n)
{
	const char **core;
	size_t n_core = paper_core_points(s, level, &core), fi, i, k, x;
	const json_t *fo, *io;

	json_array_foreach(forms, fi, fo) {
		const char *code = json_string_value(json_object_get(fo, "code"));

		for (x = 0; x < n_core; x++) {
			int found = 0;

			json_array_foreach(json_object_get(fo, "items"), i, io) {
				const struct item *it = bank_find(b, json_string_value(
				    json_object_get(io, "id")) ? json_string_value(
				    json_object_get(io, "id")) : "");

				for (k = 0; it && k < it->n_knowledge && !found; k++)
					found = strcmp(it->knowledge[k], core[x]) == 0;
			}
			if (!found)
				violation(out, n, "form %s: no item on X point %s "
				    "(--cover-core)", code ? code : "?", core[x]);
		}
	}
	free(core);
}

int
paper_audit(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const json_t *man, FILE *out)
{
	const char *kind = json_string_value(json_object_get(man, "kind"));
	const char *matched = json_string_value(json_object_get(man,
	    "matched_on"));
	int on_b = matched != NULL && strcmp(matched, "b") == 0;
	const json_t *line = json_object_get(man, "uncalibrated_b");
	double intercept = json_number_value(json_object_get(line, "intercept"));
	double slope = json_number_value(json_object_get(line, "slope"));
	int level = (int)json_integer_value(json_object_get(man, "level"));
	const json_t *forms = json_object_get(man, "forms"), *fo;
	double overlap = json_real_value(json_object_get(
	    json_object_get(man, "options"), "max_overlap"));
	int candidates = (int)json_integer_value(json_object_get(
	    json_object_get(man, "options"), "candidates"));
	const struct weight_table *t;
	const struct level *lv = standard_level(s, level);
	char hash[17];
	int n = 0, theory;
	double dmin = 1e9, dmax = -1e9;
	size_t fi, i, j, r;

	if (lv == NULL || kind == NULL || !json_is_array(forms) ||
	    (strcmp(kind, "theory") && strcmp(kind, "skill") &&
	    strcmp(kind, "review"))) {
		violation(out, &n, "not a tiku paper manifest (level, kind, forms)");
		return n;
	}
	content_hash(s, b, spec, hash);
	if (strcmp(hash, json_string_value(json_object_get(man,
	    "content_hash")) ? json_string_value(json_object_get(man,
	    "content_hash")) : ""))
		violation(out, &n, "content changed since the draw: content_hash "
		    "%s, the content now hashes to %s",
		    json_string_value(json_object_get(man, "content_hash")), hash);
	theory = strcmp(kind, "theory") == 0;
	t = &s->weights[theory ? WEIGHTS_THEORY : WEIGHTS_SKILL];
	json_array_foreach(forms, fi, fo) {
		const char *code = json_string_value(json_object_get(fo, "code"));
		const json_t *items = json_object_get(fo, "items"), *io;

		if (code == NULL)
			code = "?";
		int by_type[ITEM_TYPES] = {0}, count = 0;
		double dsum = 0;
		json_t *area = json_object();
		const struct item **seen = xcalloc(json_array_size(items) + 1,
		    sizeof *seen);

		json_array_foreach(items, i, io) {
			const char *id = json_string_value(json_object_get(io, "id"));
			const struct item *it = id ? bank_find(b, id) : NULL;
			int pts = (int)json_integer_value(json_object_get(io, "points"));
			int want;

			if (id == NULL) {
				violation(out, &n, "form %s: item %zu has no id string",
				    code, i + 1);
				continue;
			}
			if (it == NULL) {
				violation(out, &n, "form %s: item %s is not in the bank",
				    code, id);
				continue;
			}
			want = item_is_theory(it) ? spec->points[it->type] : it->points;
			if (pts != want)
				violation(out, &n, "form %s: %s carries %d points, its type "
				    "gives %d", code, id, pts, want);
			if (!item_in_pool(s, it, level))
				violation(out, &n, "form %s: %s is not in level %d's pool",
				    code, id, level);
			for (j = 0; j < (size_t)count; j++) {
				if (strcmp(seen[j]->family, it->family) == 0)
					violation(out, &n, "form %s: %s and %s are of one "
					    "family", code, seen[j]->id, id);
				for (r = 0; r < it->n_enemies; r++)
					if (strcmp(it->enemies[r], seen[j]->id) == 0)
						violation(out, &n, "form %s: enemies %s and %s "
						    "share the form", code, id, seen[j]->id);
			}
			seen[count++] = it;
			by_type[it->type]++;
			if (on_b && it->stat && it->stat->flags[0] && !json_is_true(
			    json_object_get(json_object_get(man, "options"),
			    "use_flagged")))
				violation(out, &n, "form %s: %s is flagged (%s) in "
				    "content/stats/%s", code, id, it->stat->flags,
				    it->stat->sitting);
			dsum += !on_b ? it->difficulty : it->stat &&
			    isfinite(it->stat->b) ? it->stat->b : intercept +
			    slope * it->difficulty;
			add_int(area, it->area, pts);
		}
		/* points per area equal the weight table */
		for (r = 0; r < t->n_rows; r++) {
			int w = t->rows[r].percent[level];
			json_t *got = json_object_get(area, t->rows[r].area);
			int g = got ? (int)json_integer_value(got) : 0;

			if (w > 0 && g != w)
				violation(out, &n, "form %s: %s has %d points, the %s "
				    "weight table says %d", code, t->rows[r].area, g,
				    theory ? "theory" : "skill", w);
		}
		if (theory) {
			int k;

			for (k = 0; k < THEORY_TYPES; k++)
				if (by_type[k] != spec->count[k])
					violation(out, &n, "form %s: %d %s, the spec says "
					    "%d", code, by_type[k],
					    item_type_label((enum item_type)k),
					    spec->count[k]);
		}
		if (count > 0) {
			double mean = (double)dsum / count;

			dmin = mean < dmin ? mean : dmin;
			dmax = mean > dmax ? mean : dmax;
		}
		json_decref(area);
		free((void *)seen);
	}
	if (candidates)
		audit_exposure(b, man, forms, out, &n);
	else
		audit_overlap(b, forms, overlap, out, &n);
	if (theory && json_is_true(json_object_get(json_object_get(man,
	    "options"), "cover_core")))
		audit_core(s, b, level, forms, out, &n);
	if (theory && !candidates && dmax - dmin > 0.1 + 1e-9)
		violation(out, &n, "the forms' mean %s differ by %.3f, more than "
		    "0.1", on_b ? "calibrated difficulties (b)" : "difficulties",
		    dmax - dmin);
	if (theory && !candidates && dmax >= dmin)
		fprintf(out, "matched on %s: form means %.3f to %.3f\n", on_b ?
		    "calibrated difficulty b (content/stats/)" :
		    "the 1-5 difficulty labels", dmin, dmax);
	return n;
}
