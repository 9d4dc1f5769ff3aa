#include "write/pages.h"
#include "bank/bank.h"
#include "core/diag.h"
#include "core/dump.h"
#include "core/media.h"
#include "write/epub.h"
#include "write/pdf.h"
#include "core/model.h"
#include "plan/paper.h"
#include "script/render.h"
#include "write/site.h"
#include "core/text.h"
#include "core/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct render_limits limits = {
	256u << 20,             /* 256 MiB */
	500000,                 /* 500 million instructions per page */
};

json_t *
crumb(const char *href, const char *label)
{
	json_t *o = json_object();

	json_object_set_new(o, "href", href ? json_string(href) : json_null());
	json_object_set_new(o, "label", json_string(label));
	return o;
}

json_t *
page_json(const char *title, const char *root, json_t *crumbs)
{
	json_t *o = json_object();

	json_object_set_new(o, "title", json_string(title));
	json_object_set_new(o, "root", json_string(root));
	json_object_set_new(o, "crumbs", crumbs ? crumbs : json_array());
	return o;
}

static json_t *
level_dump(const struct build *b, int level)
{
	json_t *levels = json_object_get(b->standard, "levels"), *lv;
	size_t i;

	json_array_foreach(levels, i, lv)
		if (json_integer_value(json_object_get(lv, "level")) == level)
			return lv;
	return NULL;
}

/* The overview's sections by number, and those tagged for one level. */
static json_t *
overview_by_no(const struct build *b)
{
	json_t *o = json_object(), *sec;
	size_t i;

	json_array_foreach(json_object_get(b->standard, "overview"), i, sec) {
		json_t *no = json_object_get(sec, "no");

		if (json_is_string(no))
			json_object_set(o, json_string_value(no), sec);
	}
	return o;
}

static json_t *
tagged_sections(const struct standard *s, int level)
{
	json_t *a = json_array();
	size_t i, j;

	for (i = 0; i < s->overview.n_sections; i++) {
		const struct section *sec = &s->overview.sections[i];
		json_t *entries = json_array(), *o;
		int tagged = 0;

		for (j = 0; j < sec->n_entries; j++) {
			const struct entry *e = &sec->entries[j];
			json_t *eo;

			/* footnotes go with the tagged text that cites them */
			if (e->kind != ENTRY_FOOTNOTE &&
			    (e->levels == 0 || !(e->levels & (1u << level))))
				continue;
			tagged |= e->kind != ENTRY_FOOTNOTE;
			eo = json_object();
			json_object_set_new(eo, "kind", json_string(
			    e->kind == ENTRY_ITEM ? "item" :
			    e->kind == ENTRY_FOOTNOTE ? "footnote" : "paragraph"));
			json_object_set_new(eo, "no", e->number ?
			    json_string(e->number) : json_null());
			json_object_set_new(eo, "text", json_string(e->text));
			json_array_append_new(entries, eo);
		}
		if (!tagged) {
			json_decref(entries);
			continue;
		}
		o = json_object();
		json_object_set_new(o, "no", sec->number ?
		    json_string(sec->number) : json_null());
		json_object_set_new(o, "title", json_string(sec->title));
		json_object_set_new(o, "entries", entries);
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * The standard's own sentences on how each exam is held: in the section
 * titled 评价方式, the sentence (between ；and 。) that starts with the
 * exam's name and says 方式. Absent kinds are left out, and the syllabus
 * then names the exam without its modes, rather than inventing them.
 */
static json_t *
assessment_modes(const struct standard *s)
{
	static const char *const kinds[][2] = { { "theory", "理论知识考试" },
	    { "skill", "操作技能考核" }, { "review", "综合评审" } };
	json_t *o = json_object();
	size_t i, j, k;

	for (i = 0; i < s->overview.n_sections; i++) {
		const struct section *sec = &s->overview.sections[i];

		if (strcmp(sec->title, "评价方式") != 0)
			continue;
		for (j = 0; j < sec->n_entries; j++) {
			const char *p = sec->entries[j].text;

			while (*p) {
				const char *end = p, *semi = strstr(p, "；"),
				    *stop = strstr(p, "。");

				if (semi && (!stop || semi < stop))
					stop = semi;
				end = stop ? stop : p + strlen(p);
				for (k = 0; k < 3; k++) {
					size_t n = strlen(kinds[k][1]);
					char *sentence;

					if (strncmp(p, kinds[k][1], n) != 0 ||
					    json_object_get(o, kinds[k][0]))
						continue;
					sentence = xmalloc((size_t)(end - p) + 1);
					memcpy(sentence, p, (size_t)(end - p));
					sentence[end - p] = '\0';
					if (strstr(sentence, "方式"))
						json_object_set_new(o, kinds[k][0],
						    json_string(sentence));
					free(sentence);
				}
				p = stop ? stop + 3 : end;
			}
		}
	}
	return o;
}

/*
 * Render a body template, then wrap it in a layout. data gains body_html;
 * returns a new string or NULL (error in d).
 */
char *
render_in_layout(struct build *b, const char *body, const char *layout,
    json_t *data)
{
	char *page;

	render_in_layouts(b->r, body, &layout, 1, data, &page, b->d);
	return page;
}

json_t *
syllabus_data(struct build *b, int level, const struct plan *p,
    const char *root, int epub)
{
	json_t *data = json_object(), *crumbs = json_array(), *inc = json_array();
	const struct level *lv = standard_level(b->s, level);
	char title[256];
	int l;

	snprintf(title, sizeof title, "%s", lv->name);
	json_array_append_new(crumbs, crumb("index.html", b->s->name));
	json_array_append_new(crumbs, crumb(NULL, lv->name));
	json_object_set_new(data, "page", page_json(title, root, crumbs));
	json_object_set(data, "standard", b->standard);
	json_object_set(data, "level", level_dump(b, level));
	json_object_set_new(data, "plan", plan_json(p));
	for (l = LEVEL_MAX; l >= 1; l--)
		if (p->includes & (1u << l))
			json_array_append(inc, level_dump(b, l));
	json_object_set_new(data, "included", inc);
	json_object_set_new(data, "tagged", tagged_sections(b->s, level));
	json_object_set_new(data, "overview_by_no", overview_by_no(b));
	json_object_set_new(data, "modes", assessment_modes(b->s));
	json_object_set_new(data, "epub", json_boolean(epub));
	json_object_set_new(data, "epub_href", json_sprintf("%sdownloads/"
	    "syllabus-%s.epub", root, lv->id));
	return data;
}

char *
read_asset(struct build *b, const char *name, size_t *len)
{
	char path[4096];
	char *data;

	snprintf(path, sizeof path, "%s/%s", b->c->templates, name);
	if ((data = read_file(path, len)) == NULL)
		diag_add(b->d, path, 0, "cannot read: %s", strerror(errno));
	return data;
}

struct book {
	struct build *b;
	struct epub *e;
	json_t *seen;           /* the images added, as keys */
	int rc;                 /* 2: an image could not be read */
};

/* An image a document shows, added to the book once (path: "media/…"). */
static void
add_media(const char *path, void *arg)
{
	struct book *bk = arg;
	char full[4096], *data;
	size_t len;

	if (json_object_get(bk->seen, path) != NULL || media_type(path) == NULL)
		return;
	json_object_set_new(bk->seen, path, json_true());
	snprintf(full, sizeof full, "%s/%s", bk->b->s->dir,
	    path + strlen("media/"));
	if ((data = read_file(full, &len)) == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", full, strerror(errno));
		bk->rc = 2;
		return;
	}
	epub_add_asset(bk->e, path, media_type(path), data, len);
	free(data);
}

/* A book with the ePub stylesheet; key makes its stable identifier.
 * Returns NULL (errors in b->d) if the stylesheet cannot be read. */
static struct book *
book_open(struct build *b, const char *title, const char *key)
{
	char uuid[46], *css;
	struct epub_meta meta;
	struct book *bk;
	size_t css_len;

	if ((css = read_asset(b, "epub.css", &css_len)) == NULL)
		return NULL;
	epub_uuid(key, uuid);
	meta.title = title;
	meta.identifier = uuid;
	meta.language = "zh-CN";
	meta.creator = b->s->name;
	meta.modified = b->s->modified;
	bk = xcalloc(1, sizeof *bk);
	bk->b = b;
	bk->e = epub_new(&meta);
	bk->seen = json_object();
	epub_add_asset(bk->e, "style.css", "text/css", css, css_len);
	free(css);
	return bk;
}

/* A document and the images it shows; with path, the document is read
 * from there when the book is written and xhtml is not kept. */
static void
book_add(struct book *bk, const char *name, const char *xhtml,
    const char *path)
{
	if (path)
		epub_add_document_file(bk->e, name, xhtml, path);
	else
		epub_add_document(bk->e, name, xhtml);
	media_each(xhtml, add_media, bk);
}

static void
book_free(struct book *bk)
{
	json_decref(bk->seen);
	epub_free(bk->e);
	free(bk);
}

/* Write the book at path and free it. Returns 0 or 2. */
static int
book_write(struct book *bk, const char *path)
{
	int rc = bk->rc ? bk->rc : epub_write(bk->e, path) < 0 ? 2 : 0;

	book_free(bk);
	return rc;
}

/*
 * Write documents (file names and XHTML) as one ePub at path, with the
 * ePub stylesheet and the images they show; key makes its stable
 * identifier. Returns 0, 1 or 2.
 */
static int
write_book(struct build *b, const char *title, const char *key,
    const char *const *names, char *const *xhtml, size_t n, const char *path)
{
	struct book *bk = book_open(b, title, key);
	size_t i;

	if (bk == NULL)
		return 1;
	for (i = 0; i < n; i++)
		book_add(bk, names[i], xhtml[i], NULL);
	return book_write(bk, path);
}

/* A body template rendered into one ePub document at path; data is
 * consumed. Returns 0, 1 or 2. */
static int
write_page_book(struct build *b, const char *body, json_t *data,
    const char *title, const char *key, const char *name, const char *path)
{
	char *xhtml = render_in_layout(b, body, "layout.xhtml", data);
	int rc;

	json_decref(data);
	if (xhtml == NULL)
		return 1;
	rc = write_book(b, title, key, &name, &xhtml, 1, path);
	free(xhtml);
	return rc;
}

/* One level's syllabus as an ePub at path. Returns 0, 1 or 2. */
int
write_syllabus_epub(struct build *b, int level, const struct plan *p,
    const char *path)
{
	const struct level *lv = standard_level(b->s, level);
	char title[512], key[256];

	snprintf(title, sizeof title, "%s（%s）培训大纲", b->s->name, lv->name);
	snprintf(key, sizeof key, "%s/syllabus/%s", b->s->code, lv->id);
	return write_page_book(b, "syllabus.html", syllabus_data(b, level, p, "",
	    1), title, key, "syllabus.xhtml", path);
}

int
build_open(struct build *b, const struct standard *s,
    const struct site_config *c, struct diag *d)
{
	memset(b, 0, sizeof *b);
	b->s = s;
	b->c = c;
	b->d = d;
	if ((b->r = render_new(c->templates, c->lua, &limits, d)) == NULL)
		return -1;
	b->standard = dump_standard(s);
	render_share_standard(b->r, b->standard);
	return 0;
}

void
build_close(struct build *b)
{
	render_free(b->r);
	json_decref(b->standard);
}

json_t *
index_data(struct build *b)
{
	json_t *data = json_object(), *levels = json_array();
	size_t i;

	json_object_set_new(data, "page", page_json(b->s->name, "", NULL));
	json_object_set(data, "standard", b->standard);
	for (i = 0; i < b->s->n_levels; i++) {
		const struct level *lv = &b->s->levels[i];
		json_t *o = json_object();

		json_object_set_new(o, "level", json_integer(lv->number));
		json_object_set_new(o, "id", json_string(lv->id));
		json_object_set_new(o, "name", json_string(lv->name));
		json_object_set_new(o, "training_hours",
		    json_integer(lv->training_hours));
		json_object_set_new(o, "has_review", json_boolean(lv->has_review));
		json_object_set_new(o, "syllabus_href",
		    json_sprintf("%s/syllabus.html", lv->id));
		json_object_set_new(o, "syllabus_epub",
		    json_sprintf("downloads/syllabus-%s.epub", lv->id));
		json_array_append_new(levels, o);
	}
	json_object_set_new(data, "levels", levels);
	json_object_set_new(data, "tagged_by_level", json_object());
	for (i = 0; i < b->s->n_levels; i++)
		json_object_set_new(json_object_get(data, "tagged_by_level"),
		    b->s->levels[i].id,
		    tagged_sections(b->s, b->s->levels[i].number));
	return data;
}

static json_t *
count_json(const int n[ITEM_TYPES], int own, int lower)
{
	json_t *o = json_object();
	int t, total = 0;

	for (t = 0; t < ITEM_TYPES; t++) {
		json_object_set_new(o, item_type_name((enum item_type)t),
		    json_integer(n[t]));
		total += n[t];
	}
	json_object_set_new(o, "total", json_integer(total));
	json_object_set_new(o, "own", json_integer(own));
	json_object_set_new(o, "lower", json_integer(lower));
	return o;
}

/* One section of a bank page: the pool of an area for some item types. */
static json_t *
bank_section(const struct standard *s, const struct bank *bank, int level,
    const char *kind, const char *area, const char *group, int weight,
    unsigned types)
{
	json_t *o = json_object(), *items = json_array();
	int n[ITEM_TYPES] = {0}, own = 0, lower = 0, pass;
	size_t i;

	/* the level's own items first, then those of lower levels */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < bank->n; i++) {
			const struct item *it = &bank->items[i];
			json_t *j;
			int mine = it->level == level || it->level == 0;

			if (!(types & (1u << it->type)) || mine != (pass == 0) ||
			    it->area == NULL || strcmp(it->area, area) ||
			    !item_in_pool(s, it, level))
				continue;
			j = item_json(it);
			json_object_set_new(j, "own", json_boolean(mine));
			json_array_append_new(items, j);
			n[it->type]++;
			own += mine;
			lower += !mine;
		}
	json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "area", json_string(area));
	json_object_set_new(o, "group", json_string(group ? group : ""));
	json_object_set_new(o, "weight", json_integer(weight));
	json_object_set_new(o, "counts", count_json(n, own, lower));
	json_object_set_new(o, "items", items);
	return o;
}

static json_t *
bank_sections(const struct standard *s, const struct bank *bank, int level)
{
	const struct weight_table *th = &s->weights[WEIGHTS_THEORY];
	const struct weight_table *sk = &s->weights[WEIGHTS_SKILL];
	const struct level *lv = standard_level(s, level);
	json_t *a = json_array();
	unsigned theory = 1u << ITEM_JUDGE | 1u << ITEM_SINGLE | 1u << ITEM_MULTI;
	size_t r;

	for (r = 0; r < th->n_rows; r++)
		if (th->rows[r].percent[level] > 0)
			json_array_append_new(a, bank_section(s, bank, level, "theory",
			    th->rows[r].area, th->rows[r].group,
			    th->rows[r].percent[level], theory));
	for (r = 0; r < sk->n_rows; r++)
		if (sk->rows[r].percent[level] > 0)
			json_array_append_new(a, bank_section(s, bank, level, "skill",
			    sk->rows[r].area, sk->rows[r].group,
			    sk->rows[r].percent[level], 1u << ITEM_SKILL));
	if (lv->has_review)
		for (r = 0; r < sk->n_rows; r++)
			if (sk->rows[r].percent[level] > 0)
				json_array_append_new(a, bank_section(s, bank, level,
				    "review", sk->rows[r].area, sk->rows[r].group,
				    sk->rows[r].percent[level], 1u << ITEM_REVIEW));
	return a;
}

/* The skill and review papers' 评分通则, for the banks' rubrics:
 * {skill: [...], review: [...]}, a kind without rules left out. */
static json_t *
rules_json(const struct paper_spec *spec)
{
	json_t *rules = json_object();
	int k;

	for (k = PAPER_SKILL; k <= PAPER_REVIEW; k++) {
		json_t *list = json_array();
		size_t i;

		for (i = 0; i < spec->n_rules[k]; i++)
			json_array_append_new(list, json_string(spec->rules[k][i]));
		if (json_array_size(list))
			json_object_set_new(rules, paper_kind_name((enum paper_kind)k),
			    list);
		else
			json_decref(list);
	}
	return rules;
}

json_t *
bank_data(struct build *b, const struct bank *bank, int level,
    const char *root, int epub)
{
	json_t *data = json_object(), *crumbs = json_array();
	const struct level *lv = standard_level(b->s, level);
	char title[256];

	snprintf(title, sizeof title, "%s题库", lv->name);
	json_array_append_new(crumbs, crumb("index.html", b->s->name));
	json_array_append_new(crumbs, crumb(NULL, title));
	json_object_set_new(data, "page", page_json(title, root, crumbs));
	json_object_set(data, "standard", b->standard);
	json_object_set(data, "level", level_dump(b, level));
	json_object_set_new(data, "sections", bank_sections(b->s, bank, level));
	if (b->spec)
		json_object_set_new(data, "rules", rules_json(b->spec));
	json_object_set_new(data, "epub", json_boolean(epub));
	json_object_set_new(data, "epub_href", json_sprintf("%sdownloads/"
	    "bank-%s.epub", root, lv->id));
	return data;
}

/* Pages of near-equal size: page j of k holds items [j*n/k, (j+1)*n/k). */
static size_t
page_count(size_t n)
{
	return n == 0 ? 1 : (n + BANK_PAGE_ITEMS - 1) / BANK_PAGE_ITEMS;
}

/* The page j of k that holds item at of n (the split of bank_split). */
static size_t
page_of(size_t at, size_t n, size_t k)
{
	size_t j = 0;

	while ((j + 1) * n / k <= at)
		j++;
	return j;
}

/* The page of section sec that is page j of k: title and crumbs. */
static json_t *
part_page(json_t *data, json_t *sec, size_t j, size_t k)
{
	static const char *const kinds[][2] = {{"theory", "理论知识"},
	    {"skill", "操作技能"}, {"review", "综合评审"}};
	json_t *page = json_object_get(data, "page"), *crumbs = json_array();
	const char *kind = json_string_value(json_object_get(sec, "kind"));
	const char *label = kind, *bank_title;
	char title[512], bank_href[64];
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i][0], kind) == 0)
			label = kinds[i][1];
	bank_title = json_string_value(json_object_get(page, "title"));
	if (k > 1)
		snprintf(title, sizeof title, "%s·%s（%zu/%zu）", label,
		    json_string_value(json_object_get(sec, "area")), j + 1, k);
	else
		snprintf(title, sizeof title, "%s·%s", label,
		    json_string_value(json_object_get(sec, "area")));
	json_array_append(crumbs, json_array_get(json_object_get(page, "crumbs"),
	    0));
	snprintf(bank_href, sizeof bank_href, "%s/bank.html", json_string_value(
	    json_object_get(json_object_get(data, "level"), "id")));
	json_array_append_new(crumbs, crumb(bank_href, bank_title));
	json_array_append_new(crumbs, crumb(NULL, title));
	return page_json(title, json_string_value(json_object_get(page, "root")),
	    crumbs);
}

json_t *
bank_split(json_t *data)
{
	json_t *sections = json_object_get(data, "sections"), *sec;
	json_t *parts = json_array();
	size_t i, j, number = 0, total = 0;

	json_array_foreach(sections, i, sec)
		total += page_count(json_array_size(json_object_get(sec, "items")));
	json_array_foreach(sections, i, sec) {
		json_t *items = json_object_get(sec, "items"), *pages = json_array();
		size_t n = json_array_size(items), k = page_count(n);

		for (j = 0; j < k; j++) {
			json_t *part = json_copy(data), *one = json_copy(sec);
			json_t *slice = json_array();
			size_t at, first = j * n / k, last = (j + 1) * n / k;

			number++;
			for (at = first; at < last; at++)
				json_array_append(slice, json_array_get(items, at));
			json_object_set_new(one, "items", slice);
			json_object_set_new(one, "first", json_integer(first + 1));
			json_object_set_new(part, "sections", json_pack("[o]", one));
			json_object_set_new(part, "page", part_page(data, sec, j, k));
			json_object_set_new(part, "part", json_pack("{s:i,s:i,s:i,s:i}",
			    "number", (json_int_t)number, "total", (json_int_t)total,
			    "section", (json_int_t)i + 1, "of", (json_int_t)k));
			json_object_set_new(part, "pager", json_pack("{s:o,s:o}",
			    "prev", number > 1 ? json_sprintf("bank-%zu.html",
			    number - 1) : json_null(), "next", number < total ?
			    json_sprintf("bank-%zu.html", number + 1) : json_null()));
			json_object_set_new(part, "file", json_sprintf("bank-%zu.html",
			    number));
			json_array_append_new(parts, part);
			json_array_append_new(pages, json_pack("{s:o,s:i,s:i}",
			    "href", json_sprintf("bank-%zu.html", number),
			    "first", (json_int_t)first + 1, "last", (json_int_t)last));
		}
		json_object_set_new(sec, "pages", pages);
		json_object_set_new(sec, "items", json_array());
	}
	json_object_set_new(data, "index", json_true());
	json_object_set_new(data, "page_items", json_integer(BANK_PAGE_ITEMS));
	return parts;
}

json_t *
bank_item_pages(struct build *b, const struct bank *bank, int level)
{
	json_t *sections = bank_sections(b->s, bank, level), *sec, *it;
	json_t *where = json_object();
	size_t i, at, number = 0;

	json_array_foreach(sections, i, sec) {
		json_t *items = json_object_get(sec, "items");
		size_t n = json_array_size(items), k = page_count(n);

		json_array_foreach(items, at, it)
			json_object_set_new(where, json_string_value(json_object_get(it,
			    "id")), json_sprintf("bank-%zu.html",
			    number + 1 + page_of(at, n, k)));
		number += k;
	}
	json_decref(sections);
	return where;
}

/* The data of one document of a bank's ePub (bankbook.html): data with
 * doc, files, keys and sections; for a part or key also its section. */
static json_t *
book_doc(json_t *data, const char *doc, json_t *files, json_t *keys,
    json_t *sections, size_t number)
{
	json_t *d = json_copy(data);

	json_object_set_new(d, "doc", json_string(doc));
	json_object_set(d, "files", files);
	json_object_set(d, "keys", keys);
	json_object_set(d, "sections", sections);
	if (number > 0) {
		json_object_set(d, "sec", json_array_get(json_object_get(data,
		    "sections"), number - 1));
		json_object_set_new(d, "number", json_integer((json_int_t)number));
	}
	return d;
}

/*
 * A level's bank as an ePub: the count table, a document per section
 * (no chapter is large, and the contents list each), then the key, a
 * document per section too.
 */
int
write_bank_epub(struct build *b, const struct bank *bank, int level,
    const char *path)
{
	const struct level *lv = standard_level(b->s, level);
	json_t *data = bank_data(b, bank, level, "", 1), *files = json_array();
	json_t *sections = json_object_get(data, "sections"), *light, *sec, *d;
	json_t *keys = json_array(), *none = json_array();
	size_t s = json_array_size(sections), n = 2 * s + 1, i, done = 0;
	char **names = xcalloc(n, sizeof *names), **xhtml = xcalloc(n,
	    sizeof *xhtml);
	char title[512], key[256];
	int rc = 1;

	snprintf(title, sizeof title, "%s（%s）题库", b->s->name, lv->name);
	snprintf(key, sizeof key, "%s/bank/%s", b->s->code, lv->id);
	light = json_array();
	json_array_foreach(sections, i, sec) {
		json_t *counts_only = json_copy(sec);

		json_object_del(counts_only, "items");
		json_array_append_new(light, counts_only);
		names[1 + i] = xprintf("part-%zu.xhtml", i + 1);
		names[1 + s + i] = xprintf("key-%zu.xhtml", i + 1);
		json_array_append_new(files, json_string(names[1 + i]));
		json_array_append_new(keys, json_string(names[1 + s + i]));
	}
	names[0] = xstrdup("bank.xhtml");
	for (i = 0; i < n && (i == 0 || xhtml[i - 1] != NULL); i++) {
		d = book_doc(data, i == 0 ? "front" : i <= s ? "part" : "key",
		    files, keys, i == 0 ? light : none,
		    i == 0 ? 0 : i <= s ? i : i - s);
		xhtml[i] = render_in_layout(b, "bankbook.html", "layout.xhtml", d);
		json_decref(d);
	}
	for (i = 0; i < n; i++)
		done += xhtml[i] != NULL;
	if (done == n)
		rc = write_book(b, title, key, (const char *const *)names, xhtml, n,
		    path);
	for (i = 0; i < n; i++) {
		free(names[i]);
		free(xhtml[i]);
	}
	free(names);
	free(xhtml);
	json_decref(light);
	json_decref(none);
	json_decref(files);
	json_decref(keys);
	json_decref(data);
	return rc;
}

static json_t *
form_data(struct build *b, const struct paper_set *set, const struct form *fm,
    const char *root, int key)
{
	json_t *data = paper_form_json(b->s, set, fm), *crumbs = json_array();
	const struct level *lv = standard_level(b->s, set->req.level);
	char title[256], *header;

	snprintf(title, sizeof title, "%s%s（%s卷）%s", lv->name,
	    json_string_value(json_object_get(json_object_get(data, "paper"),
	    "kind_label")), fm->code, key ? "答案" : "");
	json_array_append_new(crumbs, crumb("index.html", b->s->name));
	json_array_append_new(crumbs, crumb(NULL, title));
	json_object_set_new(data, "page", page_json(title, root, crumbs));
	/* the running header of the printed page (layout.html, paper.css) */
	header = pdf_header(b->s, set, fm, key ? "答案与评分标准" : "试卷");
	json_object_set_new(json_object_get(data, "page"), "print_header",
	    json_string(header));
	free(header);
	json_object_set(data, "standard", b->standard);
	return data;
}

int
render_form(struct build *b, const struct paper_set *set, size_t f, int key,
    const char *root, int standalone, unsigned want, struct rendered *r)
{
	const struct level *lv = standard_level(b->s, set->req.level);
	const struct form *fm = &set->forms[f];
	json_t *data = form_data(b, set, fm, root, key);
	const char *tpl = key ? "key.html" : "paper.html", *layouts[2];
	char *pages[2] = { NULL, NULL };
	size_t n = 0;
	int rc;

	if (standalone)
		json_object_set_new(json_object_get(data, "page"), "standalone",
		    json_true());
	r->name = arena_printf((struct arena *)&b->s->arena, "%s-%s-%s-%s.html",
	    key ? "key" : "paper", lv->id, paper_kind_name(set->req.kind),
	    fm->code);
	if (want & RENDER_HTML)
		layouts[n++] = "layout.html";
	if (want & RENDER_XHTML)
		layouts[n++] = "layout.xhtml";
	rc = render_in_layouts(b->r, tpl, layouts, n, data, pages, b->d);
	json_decref(data);
	r->html = (want & RENDER_HTML) ? pages[0] : NULL;
	r->xhtml = (want & RENDER_XHTML) ? pages[n - 1] : NULL;
	return rc < 0 ? 1 : 0;
}

/*
 * Render every form and key of a set, for the site (root: the relative
 * path to the site root) and for the ePub. Returns 0 or 1 (errors in d).
 */
int
render_set(struct build *b, const struct paper_set *set, const char *root,
    int standalone, struct rendered **out, size_t *n_out)
{
	struct rendered *r = xcalloc(set->n_forms * 2 + 1, sizeof *r);
	size_t f, n = 0;
	int key;

	*out = r;
	for (key = 0; key < 2; key++)
		for (f = 0; f < set->n_forms; f++) {
			if (render_form(b, set, f, key, root, standalone,
			    RENDER_HTML | RENDER_XHTML, &r[n]) != 0) {
				*n_out = n;
				return 1;
			}
			n++;
		}
	*n_out = n;
	return 0;
}

void
free_rendered(struct rendered *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].html);
		free(r[i].xhtml);
	}
	free(r);
}

/* A rendered form's name in the ePub: paper-L3-theory-A.html → .xhtml */
static const char *
book_name(struct build *b, const struct rendered *r)
{
	return arena_printf((struct arena *)&b->s->arena, "%.*sxhtml",
	    (int)strlen(r->name) - 4, r->name);
}

struct book *
set_book_open(struct build *b, const struct paper_set *set)
{
	const struct level *lv = standard_level(b->s, set->req.level);
	char title[512], key[256];

	snprintf(title, sizeof title, "%s（%s）%s试卷 种子%llu", b->s->name,
	    lv->name, set->req.kind == PAPER_THEORY ? "理论知识考试" :
	    set->req.kind == PAPER_SKILL ? "操作技能考核" : "综合评审",
	    (unsigned long long)set->req.seed);
	snprintf(key, sizeof key, "%s/papers/%s/%s/%llu/%zu", b->s->code, lv->id,
	    paper_kind_name(set->req.kind), (unsigned long long)set->req.seed,
	    set->n_forms);
	return book_open(b, title, key);
}

void
set_book_add(struct book *bk, const struct rendered *r, const char *path)
{
	book_add(bk, book_name(bk->b, r), r->xhtml, path);
}

int
set_book_write(struct book *bk, const char *path)
{
	return book_write(bk, path);
}

void
set_book_free(struct book *bk)
{
	book_free(bk);
}

/* The set as one ePub: the papers, then the keys. Returns 0, 1 or 2. */
int
write_set_epub(struct build *b, const struct paper_set *set,
    const struct rendered *r, size_t n, const char *path)
{
	struct book *bk = set_book_open(b, set);
	size_t i;

	if (bk == NULL)
		return 1;
	for (i = 0; i < n; i++)
		set_book_add(bk, &r[i], NULL);
	return set_book_write(bk, path);
}

char *
manifest_text(struct build *b, const struct bank *bank,
    const struct paper_spec *spec, const struct paper_set *set)
{
	json_t *j = paper_manifest(b->s, bank, spec, set);
	char *text = dump_string(j);

	json_decref(j);
	return text;
}

/* ---- the self-study data: scripts, so that pages work from file:// ---- */

/* Wrap JSON as a script that hands it to tiku.js. Returns a new string. */
static char *
as_script(const char *fn, json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct buf b = {0};

	/* "</" never ends the script early; U+2028/9 are fine in JSON only */
	buf_printf(&b, "tiku.%s(", fn);
	for (const char *c = text; *c; c++) {
		if (c[0] == '<' && c[1] == '/')
			buf_puts(&b, "<\\/"), c++;
		else if (strncmp(c, "\xe2\x80\xa8", 3) == 0)
			buf_puts(&b, "\\u2028"), c += 2;
		else if (strncmp(c, "\xe2\x80\xa9", 3) == 0)
			buf_puts(&b, "\\u2029"), c += 2;
		else
			buf_putc(&b, *c);
	}
	buf_puts(&b, ");\n");
	free(text);
	return b.data;
}

/*
 * An item's topic, the practice filter below the area: its work content
 * ("L4-W1.2"), or for the basic requirements the section its knowledge
 * id falls in ("B-2.2.1"). NULL when it has none.
 */
static const char *
item_topic(const struct standard *s, const struct item *it)
{
	static char uid[64];
	size_t a, k, i;

	if (it->level > 0 && it->wc_number != NULL) {
		snprintf(uid, sizeof uid, "L%d-W%s", it->level, it->wc_number);
		return uid;
	}
	for (k = 0; k < it->n_knowledge; k++)
		for (a = 0; a < s->n_basic; a++)
			for (i = 0; i < s->basic[a].n_sections; i++) {
				const char *id = s->basic[a].sections[i].id;
				size_t n = strlen(id);

				if (strncmp(it->knowledge[k], id, n) == 0 &&
				    (it->knowledge[k][n] == '\0' ||
				    it->knowledge[k][n] == '.'))
					return id;
			}
	return NULL;
}

/* What a practice or mock page needs of an item. */
static json_t *
study_item(const struct standard *s, const struct item *it)
{
	json_t *full = item_json(it), *o = json_object();
	static const char *const keep[] = { "id", "type", "area", "level",
	    "work_content", "knowledge_ids", "difficulty", "stem_html",
	    "options_html", "answer", "explanation_html", "fixed_order", NULL };
	const char *topic = item_topic(s, it);
	int i;

	for (i = 0; keep[i]; i++)
		json_object_set(o, keep[i], json_object_get(full, keep[i]));
	json_object_set_new(o, "topic", topic ? json_string(topic) : json_null());
	json_decref(full);
	return o;
}

/* Append a topic {id, area, label} when some item of the pool has it. */
static void
add_topic(json_t *topics, json_t *used, const char *id, const char *area,
    json_t *label)
{
	if (json_object_get(used, id) == NULL) {
		json_decref(label);
		return;
	}
	json_array_append_new(topics, json_pack("{s:s,s:s,s:o}", "id", id,
	    "area", area, "label", label));
}

/*
 * The practice topics in the weight table's order: the basic sections,
 * then each area's work contents level by level, labelled with their
 * level since a name ("1.2 平台维护") recurs from level to level.
 */
static json_t *
study_topics(const struct standard *s, const struct weight_table *th,
    int level, json_t *used)
{
	json_t *topics = json_array();
	size_t r, a, i, l, f, w;

	for (r = 0; r < th->n_rows; r++) {
		const char *area = th->rows[r].area;

		if (th->rows[r].percent[level] <= 0)
			continue;
		for (a = 0; a < s->n_basic; a++)
			for (i = 0; strcmp(s->basic[a].name, area) == 0 &&
			    i < s->basic[a].n_sections; i++) {
				const struct basic_section *bs = &s->basic[a].sections[i];

				add_topic(topics, used, bs->id, area, json_sprintf("%s %s",
				    bs->number, bs->title));
			}
		for (l = 0; l < s->n_levels; l++) {
			const struct level *lv = &s->levels[l];
			int short_name = (int)strcspn(lv->name, "/");

			for (f = 0; f < lv->n_functions; f++)
				for (w = 0; strcmp(lv->functions[f].name, area) == 0 &&
				    w < lv->functions[f].n_work; w++) {
					const struct work_content *wc = &lv->functions[f].work[w];

					add_topic(topics, used, wc->id, area, json_sprintf(
					    "%s %s（%.*s）", wc->number, wc->name, short_name,
					    lv->name));
				}
		}
	}
	return topics;
}

char *
level_script(struct build *b, const struct bank *bank, int level,
    const struct paper_set *mock)
{
	const struct level *lv = standard_level(b->s, level);
	const struct weight_table *th = &b->s->weights[WEIGHTS_THEORY];
	json_t *o = json_object(), *items = json_array(), *areas = json_array();
	json_t *used = json_object(), *forms = json_array();
	size_t i, r, f;
	char *text;

	json_object_set_new(o, "code", json_string(b->s->code));
	json_object_set_new(o, "level", json_integer(level));
	json_object_set_new(o, "name", json_string(lv->name));
	json_object_set_new(o, "minutes", json_integer(mock->minutes));
	json_object_set_new(o, "pass_mark", json_integer(b->s->pass_mark));
	for (r = 0; r < th->n_rows; r++)
		if (th->rows[r].percent[level] > 0) {
			json_t *a = json_object();

			json_object_set_new(a, "area", json_string(th->rows[r].area));
			json_object_set_new(a, "weight",
			    json_integer(th->rows[r].percent[level]));
			json_array_append_new(areas, a);
		}
	json_object_set_new(o, "areas", areas);
	for (i = 0; i < bank->n; i++)
		if (item_is_theory(&bank->items[i]) &&
		    item_in_pool(b->s, &bank->items[i], level)) {
			json_t *it = study_item(b->s, &bank->items[i]);
			json_t *topic = json_object_get(it, "topic");

			if (json_is_string(topic))
				json_object_set_new(used, json_string_value(topic),
				    json_true());
			json_array_append_new(items, it);
		}
	json_object_set_new(o, "topics", study_topics(b->s, th, level, used));
	json_decref(used);
	json_object_set_new(o, "items", items);
	for (f = 0; f < mock->n_forms; f++) {
		const struct form *fm = &mock->forms[f];
		json_t *fo = json_object(), *list = json_array();

		json_object_set_new(fo, "code", json_string(fm->code));
		for (i = 0; i < fm->n; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "id", json_string(fm->items[i].it->id));
			json_object_set_new(e, "points",
			    json_integer(fm->items[i].points));
			json_object_set_new(e, "order", json_string(fm->items[i].order));
			json_array_append_new(list, e);
		}
		json_object_set_new(fo, "items", list);
		json_array_append_new(forms, fo);
	}
	json_object_set_new(o, "mock", forms);
	text = as_script("level", o);
	json_decref(o);
	return text;
}

/* One entry of the search index; text and href are consumed. */
static void
search_entry(json_t *entries, const char *group, const char *kind,
    int from_standard, char *text, char *href)
{
	json_t *e = json_object();
	char *key = text_search_key(text);

	json_object_set_new(e, "group", json_string(group));
	json_object_set_new(e, "kind", json_string(kind));
	json_object_set_new(e, "source", json_string(from_standard ?
	    "standard" : "bank"));
	json_object_set_new(e, "text", json_string(text));
	/* the folded text only where folding changed it, to keep it small */
	if (strcmp(key, text) != 0)
		json_object_set_new(e, "key", json_string(key));
	json_object_set_new(e, "href", json_string(href));
	json_array_append_new(entries, e);
	free(key);
	free(text);
	free(href);
}

/* The basic requirements, common to every level: in the lowest level's
 * syllabus, which prints them like every other. */
static void
search_basic(const struct standard *s, json_t *entries)
{
	const char *lid = s->levels[0].id;
	size_t a, i, k;

	for (a = 0; a < s->n_basic; a++)
		for (i = 0; i < s->basic[a].n_sections; i++) {
			const struct basic_section *bs = &s->basic[a].sections[i];

			search_entry(entries, "B", "基本要求", 1, xprintf("%s %s",
			    bs->number, bs->title), xprintf("%s/syllabus.html#%s", lid,
			    bs->id));
			for (k = 0; k < bs->n_items; k++)
				search_entry(entries, "B", "基本要求", 1, xprintf("%s（%s）%s",
				    bs->number, bs->items[k].number, bs->items[k].text),
				    xprintf("%s/syllabus.html#%s", lid, bs->items[k].id));
		}
}

/* A level's skills and knowledge, each at its line of the syllabus. */
static void
search_level(const struct level *lv, json_t *entries)
{
	size_t f, w, k;
	int li;

	for (f = 0; f < lv->n_functions; f++)
		for (w = 0; w < lv->functions[f].n_work; w++) {
			const struct work_content *wc = &lv->functions[f].work[w];

			for (li = 0; li < 2; li++) {
				const struct requirement *rq = li ? wc->knowledge : wc->skills;
				size_t n = li ? wc->n_knowledge : wc->n_skills;

				for (k = 0; k < n; k++)
					search_entry(entries, lv->id, li ? "相关知识要求" :
					    "技能要求", 1, xprintf("%s %s", rq[k].number,
					    rq[k].text), xprintf("%s/syllabus.html#%s",
					    lv->id, rq[k].id));
			}
		}
}

/*
 * The search index, grouped: the basic requirements (and the items on
 * them, which every level draws), then each level's requirements and
 * items. Theory items open in practice; skill tasks and review questions
 * at their place in the bank.
 */
/* The bank page of an item in its level (the index if not in its pool). */
static const char *
bank_href(json_t *pages, const char *level, const char *id)
{
	const char *href = json_string_value(json_object_get(json_object_get(
	    pages, level), id));

	return href ? href : "bank.html";
}

char *
search_script(struct build *b, const struct bank *bank)
{
	const struct standard *s = b->s;
	json_t *o = json_object(), *groups = json_array(), *entries = json_array();
	json_t *pages = json_object();  /* level id -> {item id -> page} */
	size_t i;
	char *text;

	json_array_append_new(groups, json_pack("{s:s,s:s}", "id", "B",
	    "name", "基本要求（各级通用）"));
	for (i = 0; i < s->n_levels; i++)
		json_object_set_new(pages, s->levels[i].id,
		    bank_item_pages(b, bank, s->levels[i].number));
	for (i = 0; i < s->n_levels; i++)
		json_array_append_new(groups, json_pack("{s:s,s:s}", "id",
		    s->levels[i].id, "name", s->levels[i].name));
	search_basic(s, entries);
	for (i = 0; i < s->n_levels; i++)
		search_level(&s->levels[i], entries);
	for (i = 0; i < bank->n; i++) {
		const struct item *it = &bank->items[i];
		/* basic items practise at the lowest level, labelled as common */
		const struct level *lv = it->level ? standard_level(s, it->level) :
		    &s->levels[0];

		if (lv == NULL)
			continue;
		search_entry(entries, it->level ? lv->id : "B",
		    item_type_label(it->type), 0, xstrdup(it->stem_text),
		    item_is_theory(it) ? xprintf("%s/practice.html?item=%s",
		    lv->id, it->id) : xprintf("%s/%s#%s", lv->id,
		    bank_href(pages, lv->id, it->id), it->id));
	}
	json_decref(pages);
	json_object_set_new(o, "groups", groups);
	json_object_set_new(o, "entries", entries);
	text = as_script("search", o);
	json_decref(o);
	return text;
}
