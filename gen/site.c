#include "site.h"
#include "bank.h"
#include "diag.h"
#include "dump.h"
#include "epub.h"
#include "model.h"
#include "outdir.h"
#include "paper.h"
#include "render.h"
#include "syllabus.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct render_limits limits = {
	256u << 20,             /* 256 MiB */
	500000,                 /* 500 million instructions per page */
};

/* What every page of one build shares. */
struct build {
	const struct standard *s;
	const struct site_config *c;
	struct render *r;
	struct diag *d;
	json_t *standard;       /* the dump */
};

static json_t *
crumb(const char *href, const char *label)
{
	json_t *o = json_object();

	json_object_set_new(o, "href", href ? json_string(href) : json_null());
	json_object_set_new(o, "label", json_string(label));
	return o;
}

static json_t *
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
 * Render a body template, then wrap it in a layout. data gains body_html;
 * returns a new string or NULL (error in d).
 */
static char *
render_in_layout(struct build *b, const char *body, const char *layout,
    json_t *data)
{
	char *html = render_page(b->r, body, data, b->d), *page;

	if (html == NULL)
		return NULL;
	json_object_set_new(data, "body_html", json_string(html));
	free(html);
	page = render_page(b->r, layout, data, b->d);
	json_object_del(data, "body_html");
	return page;
}

static json_t *
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
	json_object_set_new(data, "epub", json_boolean(epub));
	json_object_set_new(data, "epub_href", json_sprintf("%sdownloads/"
	    "syllabus-%s.epub", root, lv->id));
	return data;
}

static char *
read_asset(struct build *b, const char *name, size_t *len)
{
	char path[4096];
	char *data;

	snprintf(path, sizeof path, "%s/%s", b->c->templates, name);
	if ((data = read_file(path, len)) == NULL)
		diag_add(b->d, path, 0, "cannot read: %s", strerror(errno));
	return data;
}

/* One level's syllabus as an ePub at path. Returns 0, 1 or 2. */
static int
write_syllabus_epub(struct build *b, int level, const struct plan *p,
    const char *path)
{
	const struct level *lv = standard_level(b->s, level);
	json_t *data = syllabus_data(b, level, p, "", 1);
	char *xhtml = render_in_layout(b, "syllabus.html", "layout.xhtml", data);
	char title[512], key[256], uuid[46];
	struct epub_meta meta;
	struct epub *e;
	size_t css_len;
	char *css;
	int rc;

	json_decref(data);
	if (xhtml == NULL)
		return 1;
	if ((css = read_asset(b, "epub.css", &css_len)) == NULL) {
		free(xhtml);
		return 1;
	}
	snprintf(title, sizeof title, "%s（%s）培训大纲", b->s->name, lv->name);
	snprintf(key, sizeof key, "%s/syllabus/%s", b->s->code, lv->id);
	epub_uuid(key, uuid);
	meta.title = title;
	meta.identifier = uuid;
	meta.language = "zh-CN";
	meta.creator = b->s->name;
	meta.modified = b->s->modified;
	e = epub_new(&meta);
	epub_add_asset(e, "style.css", "text/css", css, css_len);
	epub_add_document(e, "syllabus.xhtml", xhtml);
	rc = epub_write(e, path) < 0 ? 2 : 0;
	epub_free(e);
	free(css);
	free(xhtml);
	return rc;
}

static int
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
	return 0;
}

static void
build_close(struct build *b)
{
	render_free(b->r);
	json_decref(b->standard);
}

static int
write_string(struct outdir *o, const char *rel, const char *text)
{
	return outdir_write(o, rel, text, strlen(text));
}

static int
write_json(struct outdir *o, const char *rel, json_t *j)
{
	char *text = dump_string(j);
	int rc = write_string(o, rel, text);

	free(text);
	return rc;
}

static json_t *
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

/* A level's bank page and ePub into the site. Returns 0, 1 or 2. */
static int bank_page(struct build *b, struct outdir *o,
    const struct bank *bank, const struct level *lv);

static int site_sample_papers(struct build *b, struct outdir *o,
    const struct bank *bank, const struct paper_spec *spec,
    const struct level *lv, json_t *links);

int
site_build(const struct standard *s, const struct bank *bank,
    const struct paper_spec *spec, const struct site_config *c,
    const char *out, struct diag *d)
{
	json_t *paper_links = json_object(), *data;
	struct build b;
	struct outdir o = {0};
	size_t i, css_len;
	char *page, *css;
	int rc = 1, erc = 0;

	if (build_open(&b, s, c, d) < 0) {
		json_decref(paper_links);
		return 1;
	}
	if (outdir_open(&o, out) < 0) {
		build_close(&b);
		json_decref(paper_links);
		return 2;
	}
	if ((css = read_asset(&b, "style.css", &css_len)) == NULL)
		goto fail;
	erc = outdir_write(&o, "style.css", css, css_len) < 0 ? 2 : 0;
	free(css);
	for (i = 0; i < s->n_levels && erc == 0; i++) {
		const struct level *lv = &s->levels[i];
		char rel[256], *path;
		struct plan p;
		json_t *links = json_array();

		plan_make(s, lv->number, &p);
		data = syllabus_data(&b, lv->number, &p, "../", 0);
		page = render_in_layout(&b, "syllabus.html", "layout.html", data);
		json_decref(data);
		if (page == NULL) {
			plan_free(&p);
			json_decref(links);
			goto fail;
		}
		snprintf(rel, sizeof rel, "%s/syllabus.html", lv->id);
		erc = write_string(&o, rel, page) < 0 ? 2 : 0;
		free(page);
		snprintf(rel, sizeof rel, "downloads/syllabus-%s.epub", lv->id);
		if (erc == 0 && (path = outdir_path(&o, rel)) != NULL) {
			erc = write_syllabus_epub(&b, lv->number, &p, path);
			free(path);
		} else if (erc == 0)
			erc = 2;
		plan_free(&p);
		if (erc == 0)
			erc = bank_page(&b, &o, bank, lv);
		if (erc == 0)
			erc = site_sample_papers(&b, &o, bank, spec, lv, links);
		json_object_set_new(paper_links, lv->id, links);
	}
	if (erc == 1)
		goto fail;
	if (erc == 2)
		goto fail_write;

	data = index_data(&b);
	json_object_set(data, "papers", paper_links);
	page = render_in_layout(&b, "index.html", "layout.html", data);
	json_decref(data);
	if (page == NULL)
		goto fail;
	erc = write_string(&o, "index.html", page);
	free(page);
	if (erc < 0 || write_json(&o, "data/standard.json", b.standard) < 0)
		goto fail_write;
	build_close(&b);
	json_decref(paper_links);
	return outdir_commit(&o) < 0 ? 2 : 0;
fail_write:
	rc = 2;
fail:
	outdir_abort(&o);
	build_close(&b);
	json_decref(paper_links);
	return rc;
}

/* Write a finished file into dir: a temporary name, then rename. */
static int
put_file(const char *dir, const char *name, const char *data, size_t len)
{
	struct buf path = {0}, tmp = {0};
	FILE *f;
	int ok;

	buf_printf(&path, "%s/%s", dir, name);
	buf_printf(&tmp, "%s/.%s.tmp", dir, name);
	if ((f = fopen(tmp.data, "wb")) == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", tmp.data, strerror(errno));
		ok = 0;
	} else {
		ok = fwrite(data, 1, len, f) == len;
		ok &= fclose(f) == 0;
		ok = ok && rename(tmp.data, path.data) == 0;
		if (!ok) {
			fprintf(stderr, "tiku: %s: %s\n", path.data, strerror(errno));
			remove(tmp.data);
		}
	}
	buf_free(&path);
	buf_free(&tmp);
	return ok ? 0 : -1;
}

int
site_syllabus(const struct standard *s, const struct site_config *c,
    int level, unsigned formats, const char *out, struct diag *d)
{
	const struct level *lv = standard_level(s, level);
	char *html = NULL, *css = NULL, *json = NULL;
	size_t css_len = 0;
	struct build b;
	struct plan p;
	char name[256];
	int rc = 1;

	if (build_open(&b, s, c, d) < 0)
		return 1;
	plan_make(s, level, &p);
	if (formats & FORMAT_JSON) {
		json_t *j = plan_json(&p);

		json = dump_string(j);
		json_decref(j);
	}
	if (formats & FORMAT_HTML) {
		json_t *data = syllabus_data(&b, level, &p, "", 0);

		/* a standalone page: its stylesheet sits beside it */
		json_object_set_new(json_object_get(data, "page"), "standalone",
		    json_true());
		html = render_in_layout(&b, "syllabus.html", "layout.html", data);
		json_decref(data);
		if (html == NULL ||
		    (css = read_asset(&b, "style.css", &css_len)) == NULL)
			goto done;
	}
	rc = 2;
	if (mkdir(out, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "tiku: %s: %s\n", out, strerror(errno));
		goto done;
	}
	if (formats & FORMAT_EPUB) {
		struct buf path = {0}, tmp = {0};
		int erc;

		buf_printf(&path, "%s/syllabus-%s.epub", out, lv->id);
		buf_printf(&tmp, "%s/.syllabus-%s.epub.tmp", out, lv->id);
		erc = write_syllabus_epub(&b, level, &p, tmp.data);
		if (erc == 0 && rename(tmp.data, path.data) < 0) {
			fprintf(stderr, "tiku: %s: %s\n", path.data,
			    strerror(errno));
			erc = 2;
		}
		if (erc)
			remove(tmp.data);
		buf_free(&path);
		buf_free(&tmp);
		if (erc) {
			rc = erc;
			goto done;
		}
	}
	if (html) {
		snprintf(name, sizeof name, "syllabus-%s.html", lv->id);
		if (put_file(out, name, html, strlen(html)) < 0 ||
		    put_file(out, "style.css", css, css_len) < 0)
			goto done;
	}
	if (json) {
		snprintf(name, sizeof name, "syllabus-%s.json", lv->id);
		if (put_file(out, name, json, strlen(json)) < 0)
			goto done;
	}
	rc = 0;
done:
	free(html);
	free(css);
	free(json);
	plan_free(&p);
	build_close(&b);
	return rc;
}

/* ---- item banks ---- */

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

static json_t *
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
	json_object_set_new(data, "epub", json_boolean(epub));
	json_object_set_new(data, "epub_href", json_sprintf("%sdownloads/"
	    "bank-%s.epub", root, lv->id));
	return data;
}

static int
write_bank_epub(struct build *b, const struct bank *bank, int level,
    const char *path)
{
	const struct level *lv = standard_level(b->s, level);
	json_t *data = bank_data(b, bank, level, "", 1);
	char *xhtml = render_in_layout(b, "bank.html", "layout.xhtml", data);
	char title[512], key[256], uuid[46];
	struct epub_meta meta;
	struct epub *e;
	size_t css_len;
	char *css;
	int rc;

	json_decref(data);
	if (xhtml == NULL)
		return 1;
	if ((css = read_asset(b, "epub.css", &css_len)) == NULL) {
		free(xhtml);
		return 1;
	}
	snprintf(title, sizeof title, "%s（%s）题库", b->s->name, lv->name);
	snprintf(key, sizeof key, "%s/bank/%s", b->s->code, lv->id);
	epub_uuid(key, uuid);
	meta.title = title;
	meta.identifier = uuid;
	meta.language = "zh-CN";
	meta.creator = b->s->name;
	meta.modified = b->s->modified;
	e = epub_new(&meta);
	epub_add_asset(e, "style.css", "text/css", css, css_len);
	epub_add_document(e, "bank.xhtml", xhtml);
	rc = epub_write(e, path) < 0 ? 2 : 0;
	epub_free(e);
	free(css);
	free(xhtml);
	return rc;
}

int
site_bank(const struct standard *s, const struct bank *bank,
    const struct site_config *c, int level, unsigned formats,
    const char *out, struct diag *d)
{
	const struct level *lv = standard_level(s, level);
	char *html = NULL, *css = NULL, *json = NULL;
	size_t css_len = 0;
	struct build b;
	char name[256];
	int rc = 1;

	if (build_open(&b, s, c, d) < 0)
		return 1;
	if (formats & FORMAT_JSON) {
		json_t *j = bank_json(s, bank, level);

		json = dump_string(j);
		json_decref(j);
	}
	if (formats & FORMAT_HTML) {
		json_t *data = bank_data(&b, bank, level, "", 0);

		json_object_set_new(json_object_get(data, "page"), "standalone",
		    json_true());
		html = render_in_layout(&b, "bank.html", "layout.html", data);
		json_decref(data);
		if (html == NULL ||
		    (css = read_asset(&b, "style.css", &css_len)) == NULL)
			goto done;
	}
	rc = 2;
	if (mkdir(out, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "tiku: %s: %s\n", out, strerror(errno));
		goto done;
	}
	if (formats & FORMAT_EPUB) {
		struct buf path = {0}, tmp = {0};
		int erc;

		buf_printf(&path, "%s/bank-%s.epub", out, lv->id);
		buf_printf(&tmp, "%s/.bank-%s.epub.tmp", out, lv->id);
		erc = write_bank_epub(&b, bank, level, tmp.data);
		if (erc == 0 && rename(tmp.data, path.data) < 0) {
			fprintf(stderr, "tiku: %s: %s\n", path.data,
			    strerror(errno));
			erc = 2;
		}
		if (erc)
			remove(tmp.data);
		buf_free(&path);
		buf_free(&tmp);
		if (erc) {
			rc = erc;
			goto done;
		}
	}
	if (html) {
		snprintf(name, sizeof name, "bank-%s.html", lv->id);
		if (put_file(out, name, html, strlen(html)) < 0 ||
		    put_file(out, "style.css", css, css_len) < 0)
			goto done;
	}
	if (json) {
		snprintf(name, sizeof name, "bank-%s.json", lv->id);
		if (put_file(out, name, json, strlen(json)) < 0)
			goto done;
	}
	rc = 0;
done:
	free(html);
	free(css);
	free(json);
	build_close(&b);
	return rc;
}

static int
bank_page(struct build *b, struct outdir *o, const struct bank *bank,
    const struct level *lv)
{
	json_t *data = bank_data(b, bank, lv->number, "../", 0);
	char *page = render_in_layout(b, "bank.html", "layout.html", data);
	char rel[256], *path;
	int rc;

	json_decref(data);
	if (page == NULL)
		return 1;
	snprintf(rel, sizeof rel, "%s/bank.html", lv->id);
	rc = write_string(o, rel, page) < 0 ? 2 : 0;
	free(page);
	if (rc)
		return rc;
	snprintf(rel, sizeof rel, "downloads/bank-%s.epub", lv->id);
	if ((path = outdir_path(o, rel)) == NULL)
		return 2;
	rc = write_bank_epub(b, bank, lv->number, path);
	free(path);
	return rc;
}

/* ---- paper sets ---- */

struct rendered {
	char *name;             /* file name */
	char *html, *xhtml;     /* page for the site, document for the ePub */
};

static json_t *
form_data(struct build *b, const struct paper_set *set, const struct form *fm,
    const char *root, int key)
{
	json_t *data = paper_form_json(b->s, set, fm), *crumbs = json_array();
	const struct level *lv = standard_level(b->s, set->req.level);
	char title[256];

	snprintf(title, sizeof title, "%s%s（%s卷）%s", lv->name,
	    json_string_value(json_object_get(json_object_get(data, "paper"),
	    "kind_label")), fm->code, key ? "答案" : "");
	json_array_append_new(crumbs, crumb("index.html", b->s->name));
	json_array_append_new(crumbs, crumb(NULL, title));
	json_object_set_new(data, "page", page_json(title, root, crumbs));
	json_object_set(data, "standard", b->standard);
	return data;
}

/*
 * Render every form and key of a set, for the site (root: the relative
 * path to the site root) and for the ePub. Returns 0 or 1 (errors in d).
 */
static int
render_set(struct build *b, const struct paper_set *set, const char *root,
    int standalone, struct rendered **out, size_t *n_out)
{
	const struct level *lv = standard_level(b->s, set->req.level);
	struct rendered *r = xcalloc(set->n_forms * 2 + 1, sizeof *r);
	size_t f, n = 0;
	int key;

	for (key = 0; key < 2; key++)
		for (f = 0; f < set->n_forms; f++) {
			const struct form *fm = &set->forms[f];
			json_t *data = form_data(b, set, fm, root, key);
			const char *tpl = key ? "key.html" : "paper.html";

			if (standalone)
				json_object_set_new(json_object_get(data, "page"),
				    "standalone", json_true());
			r[n].name = arena_printf((struct arena *)&b->s->arena,
			    "%s-%s-%s-%s.html", key ? "key" : "paper", lv->id,
			    paper_kind_name(set->req.kind), fm->code);
			r[n].html = render_in_layout(b, tpl, "layout.html", data);
			r[n].xhtml = r[n].html ? render_in_layout(b, tpl,
			    "layout.xhtml", data) : NULL;
			json_decref(data);
			if (r[n].xhtml == NULL) {
				free(r[n].html);
				*out = r;
				*n_out = n;
				return 1;
			}
			n++;
		}
	*out = r;
	*n_out = n;
	return 0;
}

static void
free_rendered(struct rendered *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].html);
		free(r[i].xhtml);
	}
	free(r);
}

/* The set as one ePub: the papers, then the keys. Returns 0, 1 or 2. */
static int
write_set_epub(struct build *b, const struct paper_set *set,
    const struct rendered *r, size_t n, const char *path)
{
	const struct level *lv = standard_level(b->s, set->req.level);
	char title[512], key[256], uuid[46];
	struct epub_meta meta;
	struct epub *e;
	size_t css_len, i;
	char *css;
	int rc;

	if ((css = read_asset(b, "epub.css", &css_len)) == NULL)
		return 1;
	snprintf(title, sizeof title, "%s（%s）%s试卷 种子%llu", b->s->name,
	    lv->name, set->req.kind == PAPER_THEORY ? "理论知识考试" :
	    set->req.kind == PAPER_SKILL ? "操作技能考核" : "综合评审",
	    (unsigned long long)set->req.seed);
	snprintf(key, sizeof key, "%s/papers/%s/%s/%llu/%zu", b->s->code, lv->id,
	    paper_kind_name(set->req.kind), (unsigned long long)set->req.seed,
	    set->n_forms);
	epub_uuid(key, uuid);
	meta.title = title;
	meta.identifier = uuid;
	meta.language = "zh-CN";
	meta.creator = b->s->name;
	meta.modified = b->s->modified;
	e = epub_new(&meta);
	epub_add_asset(e, "style.css", "text/css", css, css_len);
	for (i = 0; i < n; i++) {
		char doc[256];

		snprintf(doc, sizeof doc, "%.*s.xhtml", (int)strlen(r[i].name) - 5,
		    r[i].name);
		epub_add_document(e, doc, r[i].xhtml);
	}
	rc = epub_write(e, path) < 0 ? 2 : 0;
	epub_free(e);
	free(css);
	return rc;
}

static char *
manifest_text(struct build *b, const struct bank *bank,
    const struct paper_spec *spec, const struct paper_set *set)
{
	json_t *j = paper_manifest(b->s, bank, spec, set);
	char *text = dump_string(j);

	json_decref(j);
	return text;
}

int
site_papers(const struct standard *s, const struct bank *bank,
    const struct paper_spec *spec, const struct site_config *c,
    const struct paper_set *set, unsigned formats, const char *out,
    struct diag *d)
{
	const struct level *lv = standard_level(s, set->req.level);
	struct rendered *r = NULL;
	size_t n = 0, i, css_len = 0;
	char *css = NULL, name[256];
	struct build b;
	int rc = 1;

	if (build_open(&b, s, c, d) < 0)
		return 1;
	if ((formats & (FORMAT_HTML | FORMAT_EPUB)) &&
	    (render_set(&b, set, "", 1, &r, &n) != 0 ||
	    (css = read_asset(&b, "style.css", &css_len)) == NULL))
		goto done;
	rc = 2;
	if (mkdir(out, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "tiku: %s: %s\n", out, strerror(errno));
		goto done;
	}
	if (formats & FORMAT_EPUB) {
		struct buf path = {0}, tmp = {0};
		int erc;

		buf_printf(&path, "%s/papers-%s-%s.epub", out, lv->id,
		    paper_kind_name(set->req.kind));
		buf_printf(&tmp, "%s/.papers.epub.tmp", out);
		erc = write_set_epub(&b, set, r, n, tmp.data);
		if (erc == 0 && rename(tmp.data, path.data) < 0) {
			fprintf(stderr, "tiku: %s: %s\n", path.data, strerror(errno));
			erc = 2;
		}
		if (erc)
			remove(tmp.data);
		buf_free(&path);
		buf_free(&tmp);
		if (erc) {
			rc = erc;
			goto done;
		}
	}
	if (formats & FORMAT_HTML) {
		for (i = 0; i < n; i++)
			if (put_file(out, r[i].name, r[i].html, strlen(r[i].html)) < 0)
				goto done;
		if (put_file(out, "style.css", css, css_len) < 0)
			goto done;
	}
	if (formats & FORMAT_JSON) {
		char *text = manifest_text(&b, bank, spec, set);
		int w;

		snprintf(name, sizeof name, "manifest-%s-%s.json", lv->id,
		    paper_kind_name(set->req.kind));
		w = put_file(out, name, text, strlen(text));
		free(text);
		if (w < 0)
			goto done;
	}
	rc = 0;
done:
	free_rendered(r, n);
	free(css);
	build_close(&b);
	return rc;
}

/*
 * The sample sets of the site: for a level, three theory forms, one skill
 * form, and a review form where the level has a review, each with keys,
 * an ePub and its manifest, under LN/papers/. Returns 0, 1 or 2; on a
 * bank that cannot meet them, 1 with the reason in d.
 */
static int
site_sample_papers(struct build *b, struct outdir *o, const struct bank *bank,
    const struct paper_spec *spec, const struct level *lv, json_t *links)
{
	struct { enum paper_kind kind; int forms; } sets[] = {
		{ PAPER_THEORY, 3 }, { PAPER_SKILL, 1 }, { PAPER_REVIEW, 1 },
	};
	size_t k, i;

	for (k = 0; k < 3; k++) {
		struct paper_request req;
		struct paper_set set;
		struct rendered *r = NULL;
		struct buf why = {0};
		size_t n = 0;
		char rel[512], *path, *text;
		json_t *group;
		int rc;

		if (sets[k].kind == PAPER_REVIEW && !lv->has_review)
			continue;
		memset(&req, 0, sizeof req);
		req.level = lv->number;
		req.kind = sets[k].kind;
		req.forms = sets[k].forms;
		req.seed = b->c->seed;
		if (paper_assemble(b->s, bank, spec, &req, &set, &why) < 0) {
			/* a small bank still gets its site, without sample papers */
			const char *reason = why.data ? why.data : "";
			int len = (int)strcspn(reason, "\n");

			fprintf(stderr, "tiku: note: no sample %s papers for level %d: "
			    "%.*s%s\n", paper_kind_name(req.kind), lv->number, len,
			    reason, reason[len] && reason[len + 1] ? " …" : "");
			buf_free(&why);
			continue;
		}
		if (render_set(b, &set, "../../", 0, &r, &n) != 0) {
			free_rendered(r, n);
			paper_set_free(&set);
			return 1;
		}
		group = json_object();
		json_object_set_new(group, "kind", json_string(paper_kind_name(
		    req.kind)));
		json_object_set_new(group, "forms", json_array());
		rc = 0;
		for (i = 0; i < n && rc == 0; i++) {
			snprintf(rel, sizeof rel, "%s/papers/%s", lv->id, r[i].name);
			rc = write_string(o, rel, r[i].html) < 0 ? 2 : 0;
			json_array_append_new(json_object_get(group, "forms"),
			    json_string(rel));
		}
		snprintf(rel, sizeof rel, "downloads/papers-%s-%s.epub", lv->id,
		    paper_kind_name(req.kind));
		json_object_set_new(group, "epub", json_string(rel));
		if (rc == 0 && (path = outdir_path(o, rel)) != NULL) {
			rc = write_set_epub(b, &set, r, n, path);
			free(path);
		} else if (rc == 0)
			rc = 2;
		snprintf(rel, sizeof rel, "%s/papers/manifest-%s.json", lv->id,
		    paper_kind_name(req.kind));
		json_object_set_new(group, "manifest", json_string(rel));
		if (rc == 0) {
			text = manifest_text(b, bank, spec, &set);
			rc = write_string(o, rel, text) < 0 ? 2 : 0;
			free(text);
		}
		json_array_append_new(links, group);
		free_rendered(r, n);
		paper_set_free(&set);
		if (rc)
			return rc;
	}
	return 0;
}
