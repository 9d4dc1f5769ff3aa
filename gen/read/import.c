/*
 * import: the published text of a standard -> a content folder. Lines are
 * read (from the PDF through poppler's glib API, or from extracted text),
 * cleared of page furniture, cut into the four parts by their fixed
 * headings, and each part rebuilt as tiku's Markdown by the rules of
 * README.md, "Importing a standard". What no rule decides is listed.
 */
#include "read/import.h"
#include "core/diag.h"
#include "core/dl.h"
#include "core/outdir.h"
#include "core/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

struct line {
	char *text;             /* trimmed, owned */
	int no;                 /* in the input */
};

struct entry {
	int kind;               /* 'p' paragraph, 'i' item, 'f' footnote */
	char *number;           /* "(n)" items */
	char *tag;              /* "5 4": the levels a tagged entry names */
	struct buf raw;         /* the joined lines, not yet normalised */
	char *note;
	int no, closed;
};

struct section {
	char *number, *title;
	struct entry *entries;
	size_t n, cap;
	struct buf facts;
	int no;
};

struct level_name {
	int number;
	char *name;
};

struct importer {
	const char *file;       /* the input, for diagnostics */
	struct line *lines;
	size_t n, cap;
	struct diag *unclear, *d;
	struct level_name levels[9];
	size_t n_levels;
	char *modified;         /* the publication date, when stated */
	int has_review, theory_minutes, skill_minutes, review_minutes;
};

static const char *const circled[] = { "①", "②", "③", "④", "⑤", "⑥",
    "⑦", "⑧", "⑨", "⑩", NULL };

/* ---- reading ---- */

/*
 * poppler, loaded when a PDF is read: linked in, its library and the 16
 * it pulls in (libstdc++, lcms, openjpeg, nss …) were half the start-up
 * of every tiku command, and only import reads PDFs. The prototypes come
 * from poppler.h; the names are looked up once.
 */
#define POPPLER_LIB "libpoppler-glib.so.8"
#define POPPLER_SYMBOLS(X) \
	X(poppler_document_new_from_file) X(poppler_document_get_n_pages) \
	X(poppler_document_get_page) X(poppler_page_get_text) \
	X(g_filename_to_uri) X(g_canonicalize_filename) X(g_error_free) \
	X(g_free) X(g_object_unref)
static struct {
	POPPLER_SYMBOLS(DL_DECLARE)
} lib;
static const char *const pop_names[] = { POPPLER_SYMBOLS(DL_NAME) NULL };
static void **const pop_slots[] = { POPPLER_SYMBOLS(DL_SLOT) };
/* GLib's functions come with poppler-glib, which depends on it */
static struct dl_lib pop_lib = { POPPLER_LIB, pop_names, pop_slots, 0, "" };

static int
poppler_load(const char *path, struct diag *d)
{
	if (dl_load(&pop_lib) == 0)
		return 0;
	diag_add(d, path, 0, "cannot read PDFs: %s; install Debian's "
	    "libpoppler-glib8 (make does), or give the text: pdftotext "
	    "-layout FILE.pdf FILE.txt", pop_lib.why);
	return -1;
}

/* The text of every page of a PDF, pages ending in a line break. */
static char *
pdf_text(const char *path, struct diag *d)
{
	GError *err = NULL;
	PopplerDocument *doc;
	struct buf b = {0};
	char *abs, *uri;
	int i, n;

	if (poppler_load(path, d) < 0)
		return NULL;
	abs = lib.g_canonicalize_filename(path, NULL);
	uri = lib.g_filename_to_uri(abs, NULL, &err);
	lib.g_free(abs);
	if (uri == NULL || (doc = lib.poppler_document_new_from_file(uri, NULL,
	    &err)) == NULL) {
		diag_add(d, path, 0, "cannot read the PDF: %s",
		    err ? err->message : "unknown error");
		if (err)
			lib.g_error_free(err);
		lib.g_free(uri);
		return NULL;
	}
	lib.g_free(uri);
	n = lib.poppler_document_get_n_pages(doc);
	for (i = 0; i < n; i++) {
		PopplerPage *page = lib.poppler_document_get_page(doc, i);
		char *text = page ? lib.poppler_page_get_text(page) : NULL;

		if (text) {
			buf_puts(&b, text);
			buf_putc(&b, '\n');
		}
		lib.g_free(text);
		if (page)
			lib.g_object_unref(page);
	}
	lib.g_object_unref(doc);
	if (b.data == NULL)
		buf_puts(&b, "");
	return b.data;
}

/* Strip spaces, ideographic spaces included, from both ends. */
static void
trim_wide(char *s)
{
	size_t n = strlen(s), start = 0;

	for (;;) {
		if (n > 0 && isspace((unsigned char)s[n - 1]))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	for (;;) {
		if (isspace((unsigned char)s[start]))
			start++;
		else if (strncmp(s + start, "\xe3\x80\x80", 3) == 0)
			start += 3;
		else
			break;
	}
	memmove(s, s + start, n - start + 1);
}

/* s without its spaces (ASCII and ideographic), as a new string. */
static char *
squeeze(const char *s)
{
	struct buf b = {0};

	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			continue;
		if (strncmp(s, "\xe3\x80\x80", 3) == 0) {
			s += 2;
			continue;
		}
		buf_putc(&b, *s);
	}
	return b.data ? b.data : xstrdup("");
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* The running header every page of the body carries: "职业编码: CODE". */
static int
is_running_header(const char *s)
{
	return strncmp(s, "职业编码:", strlen("职业编码:")) == 0 ||
	    strncmp(s, "职业编码：", strlen("职业编码：")) == 0;
}

/*
 * Page furniture: the running header, a page number beside it, "续表"
 * and the table head repeated on every page of a table.
 */
static int
is_furniture(char *const *v, size_t n, size_t i)
{
	char *sq = squeeze(v[i]);
	int yes = is_running_header(v[i]) || strcmp(sq, "续表") == 0 ||
	    strcmp(sq, "职业") == 0 || strcmp(sq, "功能") == 0 ||
	    strcmp(sq, "职业功能") == 0 ||
	    strcmp(sq, "工作内容技能要求相关知识要求") == 0;

	/* a page number is a bare number next to the running header */
	if (!yes && all_digits(v[i]))
		yes = (i + 1 < n && is_running_header(v[i + 1])) ||
		    (i > 0 && is_running_header(v[i - 1]));
	free(sq);
	return yes;
}

/*
 * The lines of path, or of given (a built-in text) when not NULL.
 * Returns 0, 1 (content error in d) or 2 (printed).
 */
static int
read_lines(struct importer *im, const char *path, const char *given)
{
	char *text, *p, **v = NULL;
	size_t len, n = 0, cap = 0, i;

	if (given)
		len = strlen(text = xstrdup(given));
	else if ((text = read_file(path, &len)) == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (len >= 4 && memcmp(text, "%PDF", 4) == 0) {
		free(text);
		if ((text = pdf_text(path, im->d)) == NULL)
			return 1;
		len = strlen(text);
	}
	if (utf8_invalid_at(text, len) != len) {
		diag_add(im->d, path, 0, "not UTF-8 text; give the PDF or its "
		    "text as UTF-8");
		free(text);
		return 1;
	}
	for (p = text; p && *p; ) {
		char *eol = strchr(p, '\n');

		if (eol)
			*eol = '\0';
		if (n == cap)
			v = xrealloc(v, (cap = cap ? 2 * cap : 256) * sizeof *v);
		v[n++] = p;
		p = eol ? eol + 1 : NULL;
	}
	/* blank lines carry nothing: the PDF puts them between wrapped lines */
	for (i = 0; i < n; i++)
		trim_wide(v[i]);
	{
		char **kept = xcalloc(n + 1, sizeof *kept);
		int *nos = xcalloc(n + 1, sizeof *nos);
		size_t k = 0;

		for (i = 0; i < n; i++)
			if (v[i][0] != '\0') {
				nos[k] = (int)i + 1;
				kept[k++] = v[i];
			}
		for (i = 0; i < k; i++)
			if (!is_furniture(kept, k, i)) {
				struct line *l;

				if (im->n == im->cap)
					im->lines = xrealloc(im->lines, (im->cap =
					    im->cap ? 2 * im->cap : 256) * sizeof *l);
				l = &im->lines[im->n++];
				l->text = xstrdup(kept[i]);
				l->no = nos[i];
			}
		free(kept);
		free(nos);
	}
	free(v);
	free(text);
	return 0;
}

/* ---- text rules ---- */

static int
is_ascii_word(unsigned c)
{
	return c < 0x80 && (isalnum((int)c) || c == '%' || c == '.');
}

/*
 * Undo the typesetting of one run of text: spaces vanish except between
 * two Latin letters or digits ("90 min"); an ideographic space keeps one
 * ideographic space; ASCII , : ; ( ) ? ! next to Chinese become their
 * full-width forms.
 */
static char *
normalise(const char *s)
{
	static const char *const wide[][2] = { { ",", "，" }, { ":", "：" },
	    { ";", "；" }, { "(", "（" }, { ")", "）" }, { "?", "？" },
	    { "!", "！" } };
	size_t n = strlen(s), i = 0, k;
	unsigned prev = 0;
	struct buf b = {0};

	while (i < n) {
		unsigned c, next = 0;
		size_t len = utf8_decode(s + i, n - i, &c), j;

		if (len == 0)
			len = 1, c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == 0x3000) {
			int wide_space = c == 0x3000;

			for (j = i; j < n; ) {
				unsigned d;
				size_t l = utf8_decode(s + j, n - j, &d);

				if (l == 0 || !(d == ' ' || d == '\t' || d == 0x3000))
					break;
				wide_space |= d == 0x3000;
				j += l;
			}
			if (j < n)
				utf8_decode(s + j, n - j, &next);
			if (wide_space && prev && next && is_cjk(prev) &&
			    is_cjk(next))
				buf_puts(&b, "\xe3\x80\x80");
			else if (is_ascii_word(prev) && is_ascii_word(next))
				buf_putc(&b, ' ');
			i = j;
			continue;
		}
		for (k = 0; k < sizeof wide / sizeof wide[0]; k++)
			if (c == (unsigned char)wide[k][0][0])
				break;
		if (k < sizeof wide / sizeof wide[0]) {
			size_t after = i + 1;

			while (after < n && s[after] == ' ')
				after++;
			if (after < n)
				utf8_decode(s + after, n - after, &next);
			if (prev >= 0x80 || next >= 0x80) {
				buf_puts(&b, wide[k][1]);
				prev = 0xFF0C;
				i += len;
				continue;
			}
		}
		buf_add(&b, s + i, len);
		prev = c;
		i += len;
	}
	return b.data ? b.data : xstrdup("");
}

/* Join a continuation line: a space only between two Latin words. */
static void
join_line(struct buf *b, const char *line)
{
	if (b->len > 0 && is_ascii_word((unsigned char)b->data[b->len - 1]) &&
	    is_ascii_word((unsigned char)line[0]))
		buf_putc(b, ' ');
	buf_puts(b, line);
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* A line that closes its paragraph or item: it ends a sentence. */
static int
closes(const char *s)
{
	return ends_with(s, "。") || ends_with(s, "：") || ends_with(s, ":");
}

/*
 * A printed number at the start of s: "1. 8. 1" or "2.2.4", components
 * separated by a dot and optional spaces. Returns its length in s and
 * writes the number without spaces to out (dots between components, no
 * trailing dot); 0 when s does not start with one.
 */
static size_t
leading_number(const char *s, char *out, size_t size, int *parts)
{
	const char *p = s, *end = s;
	size_t o = 0;

	*parts = 0;
	while (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*p) && o + 2 < size)
			out[o++] = *p++;
		(*parts)++;
		end = p;
		if (*p != '.')
			break;
		p++;
		while (*p == ' ')
			p++;
		if (isdigit((unsigned char)*p))
			out[o++] = '.';
		else
			end = p;        /* "1." then the title */
	}
	out[o] = '\0';
	return *parts ? (size_t)(end - s) : 0;
}

/* The circled mark s starts with (index into circled), or -1. */
static int
circled_mark(const char *s)
{
	int i;

	for (i = 0; circled[i]; i++)
		if (strncmp(s, circled[i], strlen(circled[i])) == 0)
			return i;
	return -1;
}

/*
 * A section heading of the running parts: a number of two or more parts,
 * space, then a short title with no sentence punctuation.
 */
static int
is_heading(const char *s, char *number, size_t size, const char **title)
{
	int parts;
	size_t n = leading_number(s, number, size, &parts);
	const char *t = s + n;

	if (n == 0 || parts < 2 || !(*t == ' ' || strncmp(t, "　", 3) == 0))
		return 0;
	while (*t == ' ' || strncmp(t, "　", 3) == 0)
		t += *t == ' ' ? 1 : 3;
	if (*t == '\0' || strlen(t) > 90 || strpbrk(t, ",;:") ||
	    strstr(t, "，") || strstr(t, "。") || strstr(t, "；") ||
	    strstr(t, "：") || isdigit((unsigned char)*t))
		return 0;
	*title = t;
	return 1;
}

/*
 * A heading's number printed apart from its title (PDF text puts the
 * wide gap between them as a line break): "1. 2" then "职业编码".
 */
static void
join_numbers(struct importer *im)
{
	size_t i, k = 0;

	for (i = 0; i < im->n; i++) {
		char number[64], *s = im->lines[i].text;
		int parts;
		size_t len = leading_number(s, number, sizeof number, &parts);

		if (parts >= 2 && s[len] == '\0' && i + 1 < im->n &&
		    !isdigit((unsigned char)im->lines[i + 1].text[0])) {
			char *both = xmalloc(strlen(s) + strlen(im->lines[i + 1].text)
			    + 2);

			sprintf(both, "%s %s", s, im->lines[i + 1].text);
			free(s);
			free(im->lines[i + 1].text);
			im->lines[i + 1].text = both;
			continue;       /* the joined line keeps the title's place */
		}
		im->lines[k++] = im->lines[i];
	}
	im->n = k;
}

/* The four parts, by their fixed first-level headings. */
static const char *const part_titles[] = { "职业概况", "基本要求", "工作要求",
    "权重表", NULL };

static int
part_heading(const char *s)
{
	char number[16], *sq;
	int parts, k, found = 0;
	size_t n = leading_number(s, number, sizeof number, &parts);

	if (n == 0 || parts != 1)
		return 0;
	sq = squeeze(s + n);
	for (k = 0; part_titles[k]; k++)
		if (strcmp(sq, part_titles[k]) == 0 && atoi(number) == k + 1)
			found = k + 1;
	free(sq);
	return found;
}

/* ---- levels ---- */

/* 五级/初级工 -> 5: the Chinese numeral before 级. */
static int
level_number(const char *name)
{
	static const char *const numerals[] = { "一", "二", "三", "四", "五",
	    "六", "七", "八", "九", NULL };
	int i;

	for (i = 0; numerals[i]; i++)
		if (strncmp(name, numerals[i], 3) == 0 &&
		    strncmp(name + 3, "级", 3) == 0)
			return i + 1;
	return 0;
}

static const char *
level_name_of(const struct importer *im, int number)
{
	size_t i;

	for (i = 0; i < im->n_levels; i++)
		if (im->levels[i].number == number)
			return im->levels[i].name;
	return "?";
}

/* The levels named in s, in their order there, as "5 4". */
static char *
levels_named(const struct importer *im, const char *s)
{
	struct buf b = {0};
	const char *hit[9] = {0};
	size_t i, j;

	for (i = 0; i < im->n_levels; i++)
		hit[i] = strstr(s, im->levels[i].name);
	for (;;) {
		size_t best = im->n_levels;

		for (j = 0; j < im->n_levels; j++)
			if (hit[j] && (best == im->n_levels || hit[j] < hit[best]))
				best = j;
		if (best == im->n_levels)
			break;
		buf_printf(&b, "%s%d", b.len ? " " : "", im->levels[best].number);
		hit[best] = NULL;
	}
	return b.data;
}

/* ---- running text: preface, overview, basic requirements ---- */

static struct section *
new_section(struct section **v, size_t *n, size_t *cap, const char *number,
    const char *title, int no)
{
	struct section *s;

	if (*n == *cap)
		*v = xrealloc(*v, (*cap = *cap ? 2 * *cap : 16) * sizeof **v);
	s = &(*v)[(*n)++];
	memset(s, 0, sizeof *s);
	s->number = number ? xstrdup(number) : NULL;
	s->title = normalise(title);
	s->no = no;
	return s;
}

static struct entry *
new_entry(struct section *s, int kind, int no)
{
	struct entry *e;

	if (s->n == s->cap)
		s->entries = xrealloc(s->entries, (s->cap = s->cap ? 2 * s->cap :
		    8) * sizeof *e);
	e = &s->entries[s->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->no = no;
	return e;
}

/* "(3) …" or "（3）…": the item number, and where its text starts. */
static const char *
item_number(const char *s, char *number, size_t size)
{
	const char *p = s;
	size_t o = 0;

	if (*p == '(')
		p++;
	else if (strncmp(p, "（", 3) == 0)
		p += 3;
	else
		return NULL;
	while (*p == ' ')
		p++;
	while (isdigit((unsigned char)*p) && o + 1 < size)
		number[o++] = *p++;
	number[o] = '\0';
	while (*p == ' ')
		p++;
	if (o == 0 || !(*p == ')' || strncmp(p, "）", 3) == 0))
		return NULL;
	p += *p == ')' ? 1 : 3;
	while (*p == ' ')
		p++;
	return p;
}

/* An eligibility lead-in names the level it opens: "……可申报四级/中级工：". */
static void
close_entry(struct importer *im, struct entry *e)
{
	char *text;

	if (e == NULL || e->kind != 'p' || e->tag || e->raw.data == NULL)
		return;
	text = normalise(e->raw.data);
	if (ends_with(text, "：") && strstr(text, "申报"))
		e->tag = levels_named(im, strstr(text, "申报"));
	free(text);
}

/* A footnote mark printed on its own whose text never came. */
static void
unresolved(struct importer *im, const struct section *sec, int mark, int no)
{
	diag_add(im->unclear, im->file, no, "footnote mark %s has no text; add "
	    "the footnote under section %s", circled[mark], sec && sec->number ?
	    sec->number : "说明");
}

/*
 * Lines [from, to) of a running part into sections. Headings open
 * sections; "(n)" opens an item; a line that ends a sentence (。or ：)
 * closes its paragraph or item, any other line runs on into the next.
 * Footnotes (a circled mark, then text up to its 。) are kept apart; a
 * mark printed on a line of its own takes the next text that opens.
 */
static void
parse_running(struct importer *im, size_t from, size_t to,
    struct section **secs, size_t *n, size_t *cap)
{
	struct section *sec = *n ? &(*secs)[*n - 1] : NULL;
	struct entry *cur = NULL;
	int pending[16], pending_no[16], n_pending = 0, first = 0;
	size_t i;

	for (i = from; i < to; i++) {
		const char *s = im->lines[i].text, *title, *rest;
		char number[64];
		int mark, no = im->lines[i].no;

		if (is_heading(s, number, sizeof number, &title)) {
			close_entry(im, cur);
			cur = NULL;
			for (; first < n_pending; first++)
				unresolved(im, sec, pending[first], pending_no[first]);
			first = n_pending = 0;
			sec = new_section(secs, n, cap, number, title, no);
			continue;
		}
		if (sec == NULL) {
			diag_add(im->unclear, im->file, no, "text before the first "
			    "heading: '%s'; it was left out", s);
			continue;
		}
		if ((mark = circled_mark(s)) >= 0) {
			close_entry(im, cur);
			cur = NULL;
			rest = s + strlen(circled[mark]);
			while (*rest == ' ')
				rest++;
			if (*rest == '\0') {
				if (n_pending < 16) {
					pending_no[n_pending] = no;
					pending[n_pending++] = mark;
				}
				continue;
			}
			cur = new_entry(sec, 'f', no);
			buf_puts(&cur->raw, circled[mark]);
			buf_puts(&cur->raw, rest);
			cur->closed = closes(s);
			continue;
		}
		if (first < n_pending && (cur == NULL || cur->closed) &&
		    item_number(s, number, sizeof number) == NULL) {
			cur = new_entry(sec, 'f', no);
			buf_puts(&cur->raw, circled[pending[first++]]);
			buf_puts(&cur->raw, s);
			cur->closed = closes(s);
			if (first == n_pending)
				first = n_pending = 0;
			continue;
		}
		if ((rest = item_number(s, number, sizeof number)) != NULL) {
			/* footnote texts follow their marks before the text goes on */
			for (; first < n_pending; first++)
				unresolved(im, sec, pending[first], pending_no[first]);
			first = n_pending = 0;
			close_entry(im, cur);
			cur = new_entry(sec, 'i', no);
			cur->number = xstrdup(number);
			buf_puts(&cur->raw, rest);
		} else if (cur && !cur->closed)
			join_line(&cur->raw, s);
		else {
			close_entry(im, cur);
			cur = new_entry(sec, 'p', no);
			buf_puts(&cur->raw, s);
		}
		cur->closed = closes(s);
	}
	close_entry(im, cur);
	for (; first < n_pending; first++)
		unresolved(im, sec, pending[first], pending_no[first]);
}

/* The section titled title, or NULL. */
static struct section *
titled(struct section *v, size_t n, const char *title)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].title, title) == 0)
			return &v[i];
	return NULL;
}

/* The normalised text of a section's entries, footnotes left out. */
static char *
section_text(const struct section *s)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->entries[i].kind != 'f' && s->entries[i].raw.data) {
			char *t = normalise(s->entries[i].raw.data);

			buf_puts(&b, t);
			free(t);
		}
	return b.data ? b.data : xstrdup("");
}

/*
 * "培训五级/初级工、四级/中级工的教师应具有……；培训三级/高级工的教师……"
 * printed as one paragraph: one item per clause, tagged with the levels
 * it names, as tiku reads teacher qualifications.
 */
static void
split_teachers(struct importer *im, struct section *s)
{
	char *text, *p, *semi;
	struct entry *e;
	int clauses = 0;

	if (s->n != 1 || s->entries[0].kind != 'p' || s->entries[0].tag)
		return;
	text = normalise(s->entries[0].raw.data);
	for (p = text; p && *p; p = semi ? semi + 3 : NULL) {
		semi = strstr(p, "；");
		if (strncmp(p, "培训", 6) != 0 || strstr(p, "的教师") == NULL ||
		    (semi && strstr(p, "的教师") > semi)) {
			free(text);
			return;
		}
		clauses++;
	}
	if (clauses < 2) {
		free(text);
		return;
	}
	e = &s->entries[0];
	buf_free(&e->raw);
	s->n = 0;
	for (p = text; p && *p; p = semi ? semi + 3 : NULL) {
		struct entry *item = new_entry(s, 'i', e->no);
		char *who = xstrdup(p), *cut = strstr(who, "的教师");

		semi = strstr(p, "；");
		*cut = '\0';
		item->tag = levels_named(im, who);
		buf_add(&item->raw, p, semi ? (size_t)(semi + 3 - p) : strlen(p));
		free(who);
	}
	free(text);
}

/* Text that would read as Markdown syntax is escaped. */
static void
put_text(struct buf *md, const char *text)
{
	for (; *text; text++) {
		if (strchr("\\`*_[]<>#|", *text))
			buf_putc(md, '\\');
		buf_putc(md, *text);
	}
}

static void
write_entry(struct buf *md, const struct entry *e)
{
	char *text = normalise(e->raw.data ? e->raw.data : "");

	if (e->kind == 'i')
		buf_puts(md, "- ");
	if (e->number)
		buf_printf(md, "(%s) ", e->number);
	if (e->tag)
		buf_printf(md, "`%s` ", e->tag);
	put_text(md, text);
	buf_puts(md, "\n");
	if (e->note)
		buf_printf(md, "\n%s> %s\n", e->kind == 'i' ? "  " : "", e->note);
	free(text);
}

/* Sections as Markdown: entries, the facts block, then footnotes. */
static void
write_sections(struct buf *md, const struct section *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct section *s = &v[i];
		int depth = 1;
		const char *c;
		char prev = 0;

		for (c = s->number; c && *c; c++)
			depth += *c == '.';
		if (i > 0)
			buf_putc(md, '\n');
		if (s->number == NULL)
			buf_printf(md, "# %s\n", s->title);
		else
			buf_printf(md, "%.*s %s %s\n", depth, "######", s->number,
			    s->title);
		for (j = 0; j < s->n; j++) {
			const struct entry *e = &s->entries[j];

			if (e->kind == 'f')
				continue;
			/* consecutive items make one list */
			if (!(e->kind == 'i' && prev == 'i' && !s->entries[j - 1].note))
				buf_putc(md, '\n');
			write_entry(md, e);
			prev = (char)e->kind;
		}
		if (s->facts.data)
			buf_printf(md, "\n```facts\n%s```\n", s->facts.data);
		for (j = 0; j < s->n; j++)
			if (s->entries[j].kind == 'f') {
				buf_putc(md, '\n');
				write_entry(md, &s->entries[j]);
			}
	}
}

static void
free_sections(struct section *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].n; j++) {
			free(v[i].entries[j].number);
			free(v[i].entries[j].tag);
			free(v[i].entries[j].note);
			buf_free(&v[i].entries[j].raw);
		}
		free(v[i].entries);
		free(v[i].number);
		free(v[i].title);
		buf_free(&v[i].facts);
	}
	free(v);
}

/* ---- facts, from the sentences that state them ---- */

/* The whole number right after marker in text (spaces skipped), or 0. */
static int
number_after(const char *text, const char *marker)
{
	const char *p = strstr(text, marker);

	if (p == NULL)
		return 0;
	p += strlen(marker);
	while (*p == ' ')
		p++;
	return atoi(p);
}

/* "1∶15" right after marker, or NULL; the caller frees it. */
static char *
ratio_after(const char *text, const char *marker)
{
	const char *p = strstr(text, marker), *q;

	if (p == NULL)
		return NULL;
	p += strlen(marker);
	q = p;
	while (isdigit((unsigned char)*q))
		q++;
	if (q == p || strncmp(q, "∶", 3) != 0 || !isdigit((unsigned char)q[3]))
		return NULL;
	q += 3;
	while (isdigit((unsigned char)*q))
		q++;
	{
		char *r = xmalloc((size_t)(q - p) + 1);

		memcpy(r, p, (size_t)(q - p));
		r[q - p] = '\0';
		return r;
	}
}

static void
fact_int(struct importer *im, struct section *s, const char *text,
    const char *key, const char *marker, int required)
{
	int v = number_after(text, marker);

	if (v > 0)
		buf_printf(&s->facts, "%s: %d\n", key, v);
	else if (required)
		diag_add(im->unclear, im->file, s->no, "section %s %s does not "
		    "state '%s…'; write the fact '%s' by hand", s->number,
		    s->title, marker, key);
}

static void
fact_ratio(struct section *s, const char *text, const char *key,
    const char *marker)
{
	char *r = ratio_after(text, marker);

	if (r)
		buf_printf(&s->facts, "%s: %s\n", key, r);
	free(r);
}

/* The levels of 职业技能等级: "……分别为：五级/初级工、……、一级/高级技师。" */
static void
read_levels(struct importer *im, struct section *s, const char *text)
{
	const char *p = strstr(text, "分别为：");
	char *list, *tok, *save = NULL;

	if (p == NULL) {
		diag_add(im->unclear, im->file, s->no, "section %s %s does not "
		    "list the levels after '分别为：'; write the fact 'levels' by "
		    "hand", s->number, s->title);
		return;
	}
	list = xstrdup(p + strlen("分别为："));
	for (tok = list; (tok = strstr(tok, "、")) != NULL; )
		memcpy(tok, ",  ", 3);
	if (ends_with(list, "。"))
		list[strlen(list) - 3] = '\0';
	buf_puts(&s->facts, "levels: ");
	for (tok = strtok_r(list, ",", &save); tok && im->n_levels < 9;
	    tok = strtok_r(NULL, ",", &save)) {
		char *name = squeeze(tok);
		int number = level_number(name);

		if (number == 0) {
			diag_add(im->unclear, im->file, s->no, "'%s' in section %s "
			    "is not a level name of the form 五级/初级工", name,
			    s->number);
			free(name);
			continue;
		}
		im->levels[im->n_levels].number = number;
		im->levels[im->n_levels++].name = name;
		buf_printf(&s->facts, "%s%d=%s", im->n_levels > 1 ? ", " : "",
		    number, name);
	}
	buf_putc(&s->facts, '\n');
	free(list);
}

static void
read_hours(struct importer *im, struct section *s, const char *text)
{
	size_t i;
	char marker[128];

	buf_puts(&s->facts, "training_hours: ");
	for (i = 0; i < im->n_levels; i++) {
		int h;

		snprintf(marker, sizeof marker, "%s不少于", im->levels[i].name);
		if ((h = number_after(text, marker)) == 0)
			diag_add(im->unclear, im->file, s->no, "section %s states no "
			    "training hours for %s; add them to the text and to the "
			    "fact 'training_hours'", s->number, im->levels[i].name);
		buf_printf(&s->facts, "%s%d=%d", i ? ", " : "",
		    im->levels[i].number, h);
	}
	buf_putc(&s->facts, '\n');
}

/*
 * Every fact from the overview's sections, found by their titles (fixed
 * by the 编制技术规程) and the clauses that state them, so nothing is
 * typed twice.
 */
static void
derive_facts(struct importer *im, struct section *v, size_t n)
{
	struct section *s;
	char *text;

	if ((s = titled(v, n, "职业名称")) != NULL && s->n > 0) {
		text = section_text(s);
		buf_printf(&s->facts, "name: %s\n", text);
		free(text);
	}
	if ((s = titled(v, n, "职业编码")) != NULL && s->n > 0) {
		text = section_text(s);
		buf_printf(&s->facts, "code: %s\n", text);
		free(text);
	}
	if ((s = titled(v, n, "职业技能等级")) != NULL) {
		text = section_text(s);
		read_levels(im, s, text);
		free(text);
	}
	if (im->n_levels == 0)
		diag_add(im->d, im->file, 0, "no section 职业技能等级 lists the "
		    "levels ('分别为：五级/初级工、……'); is this a national "
		    "occupational standard?");
	if ((s = titled(v, n, "培训参考时长")) != NULL) {
		text = section_text(s);
		read_hours(im, s, text);
		free(text);
	}
	if ((s = titled(v, n, "评价方式")) != NULL) {
		char *review;

		text = section_text(s);
		if ((review = strstr(text, "综合评审主要针对")) != NULL) {
			char *cut = strstr(review, "，"), *named;

			if (cut)
				*cut = '\0';
			if ((named = levels_named(im, review)) != NULL) {
				char *c;

				buf_printf(&s->facts, "review_levels: ");
				for (c = named; *c; c++)
					if (*c == ' ')
						buf_puts(&s->facts, ", ");
					else
						buf_putc(&s->facts, *c);
				buf_putc(&s->facts, '\n');
				im->has_review = 1;
				free(named);
			}
		}
		free(text);
		text = section_text(s);
		fact_int(im, s, text, "pass_mark", "成绩皆达", 1);
		free(text);
	}
	if ((s = titled(v, n, "监考人员、考评人员与考生配比")) != NULL) {
		text = section_text(s);
		fact_ratio(s, text, "invigilator_ratio", "监考人员与考生配比不低于");
		fact_int(im, s, text, "invigilators_min", "每个考场不少于", 0);
		fact_ratio(s, text, "examiner_ratio", "考评人员与考生配比不低于");
		fact_int(im, s, text, "examiners_min", "考评人员为", 0);
		fact_int(im, s, text, "review_panel_min", "评审委员为", 0);
		free(text);
	}
	if ((s = titled(v, n, "评价时长")) != NULL) {
		text = section_text(s);
		fact_int(im, s, text, "theory_minutes", "理论知识考试时间不少于", 1);
		fact_int(im, s, text, "skill_minutes", "操作技能考核时间不少于", 1);
		if (im->has_review)
			fact_int(im, s, text, "review_minutes", "综合评审时间不少于",
			    1);
		im->theory_minutes = number_after(text, "理论知识考试时间不少于");
		im->skill_minutes = number_after(text, "操作技能考核时间不少于");
		im->review_minutes = number_after(text, "综合评审时间不少于");
		free(text);
	}
}

/*
 * The occupation's name printed with the digital-occupation mark "S"
 * (大典 2022): the name without it, and a note saying so.
 */
static void
name_mark(struct section *v, size_t n, const char *preface)
{
	struct section *s = titled(v, n, "职业名称");
	const char *ed = preface ? strstr(preface, "职业分类大典（") : NULL;
	struct entry *e;

	if (s == NULL || s->n == 0 || !ends_with((e = &s->entries[0])->raw.data,
	    " S"))
		return;
	e->raw.data[e->raw.len -= 2] = '\0';
	if (ed) {
		const char *close = strstr(ed, "）");

		e->note = xmalloc(512);
		snprintf(e->note, 512, "注：原标准职业名称后标有“S”，为《中华人民"
		    "共和国%.*s》的数字职业标识。", close ? (int)(close + 3 - ed) :
		    0, ed);
	} else
		e->note = xstrdup("注：原标准职业名称后标有“S”，为数字职业标识。");
}

/* ---- work requirements: the tables of part 3 ---- */

enum cell { IN_NONE, IN_FUNCTION, IN_FUNCTION_AGAIN, IN_WORK, IN_REQ };

struct table_state {
	enum cell in;
	int function;           /* number of the open function */
	char work[64];          /* number of the open work content */
	int knowledge;          /* the open work content's knowledge began */
	int last;               /* last component of the previous requirement */
	struct buf *open;       /* text the next continuation line joins */
	struct buf name, text;
};

/* Flush the open name or requirement into md. */
static void
flush(struct buf *md, struct table_state *t)
{
	char *text;

	if (t->in == IN_FUNCTION || t->in == IN_WORK) {
		text = normalise(t->name.data ? t->name.data : "");
		put_text(md, text);
		buf_puts(md, "\n");
		free(text);
		buf_clear(&t->name);
	} else if (t->in == IN_REQ && t->text.len) {
		text = normalise(t->text.data);
		put_text(md, text);
		buf_puts(md, "\n");
		free(text);
		buf_clear(&t->text);
	}
}

/* One requirement line "N.M.K text" of work content t->work. */
static void
requirement(struct importer *im, struct buf *md, struct table_state *t,
    const char *number, const char *rest, int no, struct buf *notes)
{
	char printed[96], *dot = strrchr(number, '.');
	int k = atoi(dot + 1), skill_text = strncmp(rest, "能", 3) == 0;

	snprintf(printed, sizeof printed, "%s", number);
	if (t->work[0] == '\0') {
		diag_add(im->unclear, im->file, no, "requirement %s outside any "
		    "work content; it was left out", number);
		return;
	}
	if (!t->knowledge && t->last && k <= t->last) {
		t->knowledge = 1;       /* the numbering restarts: knowledge */
		buf_puts(md, "\n#### 相关知识要求\n\n");
	} else if (t->last == 0)
		buf_puts(md, "\n#### 技能要求\n\n");
	if (skill_text == t->knowledge)
		diag_add(im->unclear, im->file, no, "%s %s is read as a %s but %s "
		    "with 能; check which it is", number, rest, t->knowledge ?
		    "knowledge item" : "skill", skill_text ? "starts" : "does not "
		    "start");
	t->last = k;
	if ((size_t)(dot - number) != strlen(t->work) ||
	    strncmp(number, t->work, strlen(t->work)) != 0) {
		/* an evident misprint: the number of another work content */
		snprintf(printed, sizeof printed, "%s.%d", t->work, k);
		buf_printf(notes, "勘误：原标准此条编号印作“%s”，位于工作内容%s之下，"
		    "按编号规则应为%s。", number, t->work, printed);
		diag_add(im->unclear, im->file, no, "%s %s is printed under work "
		    "content %s; stored as %s with a note: check it",
		    t->knowledge ? "knowledge item" : "skill", number, t->work,
		    printed);
	}
	buf_printf(md, "- %s ", printed);
	t->in = IN_REQ;
	buf_puts(&t->text, rest);
}

/* The table of one level, lines [from, to), as Markdown. */
static void
parse_level(struct importer *im, size_t from, size_t to, struct buf *md)
{
	struct table_state t;
	struct buf notes = {0};
	size_t i;

	memset(&t, 0, sizeof t);
	for (i = from; i < to; i++) {
		const char *s = im->lines[i].text, *rest;
		char number[64];
		int parts, no = im->lines[i].no;
		size_t len = leading_number(s, number, sizeof number, &parts);

		rest = s + len;
		while (*rest == ' ' || strncmp(rest, "　", 3) == 0)
			rest += *rest == ' ' ? 1 : 3;
		if (len && parts == 1 && *rest == '\0' && strchr(s, '.')) {
			flush(md, &t);
			if (notes.len) {
				buf_printf(md, "\n  > %s\n", notes.data);
				buf_clear(&notes);
			}
			if (atoi(number) == t.function) {
				t.in = IN_FUNCTION_AGAIN;  /* the table goes on */
				continue;
			}
			t.function = atoi(number);
			t.work[0] = '\0';
			t.in = IN_FUNCTION;
			buf_printf(md, "\n## %d. ", t.function);
		} else if (len && (parts == 2 || parts == 3) && *rest) {
			flush(md, &t);
			if (notes.len) {
				buf_printf(md, "\n  > %s\n", notes.data);
				buf_clear(&notes);
			}
			if (parts == 3) {
				requirement(im, md, &t, number, rest, no, &notes);
				continue;
			}
			if (atoi(number) != t.function)
				diag_add(im->unclear, im->file, no, "work content %s is "
				    "printed under function %d; check its number",
				    number, t.function);
			snprintf(t.work, sizeof t.work, "%s", number);
			t.knowledge = t.last = 0;
			t.in = IN_WORK;
			buf_printf(md, "\n### %s ", number);
			buf_puts(&t.name, rest);
		} else if (t.in == IN_FUNCTION || t.in == IN_WORK)
			join_line(&t.name, s);
		else if (t.in == IN_REQ)
			join_line(&t.text, s);
		else if (t.in != IN_FUNCTION_AGAIN)
			diag_add(im->unclear, im->file, no, "'%s' belongs to no "
			    "function, work content or requirement; it was left out",
			    s);
	}
	flush(md, &t);
	if (notes.len)
		buf_printf(md, "\n  > %s\n", notes.data);
	buf_free(&notes);
	buf_free(&t.name);
	buf_free(&t.text);
}

/* ---- the weight tables of part 4 ---- */

static int
is_cell(const char *tok)
{
	return all_digits(tok) || strcmp(tok, "—") == 0 ||
	    strcmp(tok, "-") == 0 || strcmp(tok, "－") == 0;
}

/* A row "职业道德 5 5 5 5 5": the area and its cells; 0 if not a row. */
static int
weight_row(const char *s, struct buf *area, char cells[][8], int max)
{
	char *copy = xstrdup(s), *tok, *save = NULL, *toks[32];
	int n = 0, i, first;

	for (tok = strtok_r(copy, " ", &save); tok && n < 32;
	    tok = strtok_r(NULL, " ", &save))
		toks[n++] = tok;
	for (first = n; first > 0 && is_cell(toks[first - 1]); first--)
		;
	if (first == n || first == 0) {
		free(copy);
		return 0;
	}
	buf_clear(area);
	for (i = 0; i < first; i++)
		buf_puts(area, toks[i]);
	for (i = first; i < n && i - first < max; i++)
		snprintf(cells[i - first], 8, "%s", is_cell(toks[i]) &&
		    !all_digits(toks[i]) ? "—" : toks[i]);
	free(copy);
	return n - first;
}

/* One weight table, lines [from, to), as a fenced block. */
static void
parse_weights(struct importer *im, size_t from, size_t to, const char *kind,
    struct buf *md)
{
	struct buf head = {0}, group = {0}, area = {0}, rows = {0};
	int columns[9], n_columns = 0, in_group = 0;
	char cells[16][8];
	size_t i;

	for (i = from; i < to; i++) {
		const char *s = im->lines[i].text;
		int n = weight_row(s, &area, cells, 16), c;

		if (n == 0 && rows.len == 0 && group.len == 0 &&
		    (strstr(s, "%") || strstr(s, "级") || strstr(s, "工") ||
		    strstr(s, "师") || strstr(s, "项目"))) {
			char *sq = squeeze(s);

			buf_puts(&head, sq);
			free(sq);
			continue;
		}
		if (n == 0) {
			char *sq = squeeze(s);

			if (!in_group)
				buf_clear(&group);
			buf_puts(&group, sq);
			in_group = 1;
			free(sq);
			continue;
		}
		in_group = 0;
		if (n_columns == 0) {
			/* the head: "技能等级项目五级/初级工(%)四级/中级工(%)…" */
			char *p = head.data ? head.data : "", *cut;

			while ((cut = strstr(p, "(%)")) || (cut = strstr(p,
			    "（%）"))) {
				size_t j;

				for (j = 0; j < im->n_levels; j++) {
					const char *hit = strstr(p, im->levels[j].name);

					if (hit && hit < cut)
						columns[n_columns] = im->levels[j].number;
				}
				if (n_columns < 9)
					n_columns++;
				p = cut + (*cut == '(' ? 3 : 7);
			}
			buf_puts(md, "| 项目");
			for (c = 0; c < n_columns; c++)
				buf_printf(md, " | %s", level_name_of(im, columns[c]));
			buf_puts(md, " |\n");
		}
		if (n != n_columns)
			diag_add(im->unclear, im->file, im->lines[i].no, "weight row "
			    "'%s' has %d cells for %d levels; complete it in "
			    "standard/4-weights.md", area.data, n, n_columns);
		if (strcmp(area.data, "合计") == 0)
			buf_puts(md, "| 合计");
		else
			buf_printf(md, "| %s / %s", group.len ? group.data : kind,
			    area.data);
		for (c = 0; c < n && c < 16; c++)
			buf_printf(md, " | %s", cells[c]);
		buf_puts(md, " |\n");
		buf_puts(&rows, "x");
	}
	if (n_columns == 0)
		diag_add(im->unclear, im->file, from < im->n ?
		    im->lines[from].no : 0, "no rows of the %s weight table were "
		    "found; write them by hand", kind);
	buf_free(&head);
	buf_free(&group);
	buf_free(&area);
	buf_free(&rows);
}

/* ---- the content folder ---- */

static const char generators_readme[] =
    "# Generators\n\n"
    "Parametric item generators of this occupation: one Lua module per\n"
    "family, `NAME.lua`, returning { id, knowledge, type, difficulty,\n"
    "variants, generate = function(rng, standard, variant) … end }; see\n"
    "\"Parametric items\" in tiku's README. They may require tiku's helpers\n"
    "(itemkit) from its lua/ folder.\n";

static const char items_readme[] =
    "# Items\n\n"
    "The item bank of this occupation: one Markdown file per function and\n"
    "level (`L5-F1.md`, …), each item tied to the knowledge points it tests.\n"
    "The format is that of tiku's own content (content/items/README.md in\n"
    "its repository or in PREFIX/share/tiku). `tiku lint --coverage --todo`\n"
    "lists and stubs what the bank still needs.\n";

/* settings.md: what the standard leaves open, with tiku's defaults. */
static void
write_settings(const struct importer *im, struct buf *md)
{
	size_t i;

	buf_puts(md, "# Settings\n\nChoices of this content that the standard "
	    "itself does not make\n(see tiku's README). Imported with tiku's "
	    "defaults: review them.\n\n## Theory and practice in the syllabi\n\n"
	    "```settings\ntheory_share: ");
	for (i = 0; i < im->n_levels; i++)
		buf_printf(md, "%s%d=30", i ? ", " : "", im->levels[i].number);
	buf_printf(md, "\n```\n\n## The date of the outputs\n\nThe standard's "
	    "date of publication%s.\n\n```settings\nmodified: %s\n```\n",
	    im->modified ? "" : " was not found: set it", im->modified ?
	    im->modified : "2000-01-01");
}

/* papers.md: the standard's own durations; item counts are tiku's. */
static void
write_papers(const struct importer *im, struct buf *md)
{
	buf_printf(md, "# Paper specs\n\nHow `tiku paper` builds each kind of "
	    "exam. The durations are the\nstandard's minimums; the item types "
	    "and counts are tiku's defaults.\n\n## 理论知识考试 (theory)\n\n"
	    "```paper theory\njudge: 20 × 1\nsingle: 50 × 1\nmulti: 15 × 2\n"
	    "minutes: %d\nown_share: 70\n```\n\n## 操作技能考核 (skill)\n\n"
	    "```paper skill\ntasks_per_function: 1\nminutes: %d\n```\n",
	    im->theory_minutes, im->skill_minutes);
	if (im->has_review)
		buf_printf(md, "\n## 综合评审 (review, levels with a review only)\n\n"
		    "```paper review\nquestions_per_function: 1\nminutes: %d\n"
		    "```\n", im->review_minutes);
}

/* "2024年1月31日" in the preface: the date the outputs carry. */
static void
find_date(struct importer *im, const char *text)
{
	const char *p;

	for (p = text; p && (p = strstr(p, "年")) != NULL; p += 3) {
		const char *y = p;
		int year, month, day;

		while (y > text && isdigit((unsigned char)y[-1]))
			y--;
		if (p - y != 4 || sscanf(p + 3, "%d", &month) != 1)
			continue;
		year = atoi(y);
		{
			const char *m = strstr(p + 3, "月");

			if (m == NULL || m - p > 9 || sscanf(m + 3, "%d", &day) != 1 ||
			    strstr(m + 3, "日") == NULL || strstr(m + 3, "日") - m > 9)
				continue;
		}
		im->modified = xmalloc(16);
		snprintf(im->modified, 16, "%04d-%02d-%02d", year, month, day);
		return;
	}
}

struct parts {
	size_t start[5];        /* line of each part heading; [0] the preface */
	size_t end;
};

/* A file of running text: its part heading, then its sections. */
static void
running_file(struct importer *im, struct outdir *o, const char *name,
    const char *heading, size_t from, size_t to, int *rc)
{
	struct section *v = NULL;
	size_t n = 0, cap = 0, i;
	struct buf md = {0};

	new_section(&v, &n, &cap, heading, part_titles[heading[0] - '1'],
	    from > 0 ? im->lines[from - 1].no : 0);
	parse_running(im, from, to, &v, &n, &cap);
	for (i = 0; i < n; i++)
		split_teachers(im, &v[i]);
	write_sections(&md, v, n);
	if (*rc == 0 && outdir_write(o, name, md.data, md.len) < 0)
		*rc = 2;
	buf_free(&md);
	free_sections(v, n);
}

/* The preface: 说明 up to the title page (lines with no sentence). Its
 * text, for the rules that read it, is returned; the caller frees it. */
static char *
write_preface(struct importer *im, const struct parts *p, struct outdir *o,
    int *rc)
{
	struct section *pre = NULL;
	size_t n_pre = 0, c_pre = 0, end = p->start[1];
	struct buf md = {0};
	char *text = NULL;

	while (end > p->start[0] + 1 && !strpbrk(im->lines[end - 1].text, ",;:") &&
	    !strstr(im->lines[end - 1].text, "，") &&
	    !strstr(im->lines[end - 1].text, "。"))
		end--;
	if (p->start[0] >= p->start[1])
		return NULL;
	new_section(&pre, &n_pre, &c_pre, NULL, "说明", im->lines[p->start[0]].no);
	parse_running(im, p->start[0] + 1, end, &pre, &n_pre, &c_pre);
	text = section_text(&pre[0]);
	find_date(im, text);
	write_sections(&md, pre, n_pre);
	if (outdir_write(o, "standard/0-preface.md", md.data, md.len) < 0)
		*rc = 2;
	buf_free(&md);
	free_sections(pre, n_pre);
	return text;
}

/* Part 4: each weight table as a fenced block under its heading. */
static void
write_weights(struct importer *im, const struct parts *p, struct buf *md)
{
	size_t t[3], n_t = 0, i;

	buf_puts(md, "# 4 权重表\n");
	for (i = p->start[4] + 1; i < p->end && n_t < 2; i++) {
		char number[16];
		const char *title;

		if (is_heading(im->lines[i].text, number, sizeof number, &title))
			t[n_t++] = i;
	}
	t[n_t] = p->end;
	for (i = 0; i < n_t; i++) {
		char number[16], *name;
		const char *title;

		is_heading(im->lines[t[i]].text, number, sizeof number, &title);
		name = squeeze(title);
		buf_printf(md, "\n## %s %s\n\n```weights %s\n", number, name,
		    strstr(name, "理论") ? "theory" : "skill");
		parse_weights(im, t[i] + 1, t[i + 1], strstr(name, "理论") ?
		    "相关知识要求" : "技能要求", md);
		buf_puts(md, "```\n");
		free(name);
	}
}

static int
write_folder(struct importer *im, const struct parts *p, struct outdir *o)
{
	struct section *ov = NULL;
	size_t n_ov = 0, c_ov = 0, i, lv_start[10];
	size_t n_lv = 0;
	struct buf md = {0};
	char *pretext = NULL;
	int rc = 0;

	pretext = write_preface(im, p, o, &rc);
	/* the overview, with the facts it states */
	new_section(&ov, &n_ov, &c_ov, "1", part_titles[0],
	    im->lines[p->start[1]].no);
	parse_running(im, p->start[1] + 1, p->start[2], &ov, &n_ov, &c_ov);
	name_mark(ov, n_ov, pretext);
	derive_facts(im, ov, n_ov);
	for (i = 0; i < n_ov; i++) {
		size_t j;

		/* tags name levels, known only now */
		for (j = 0; j < ov[i].n; j++)
			close_entry(im, &ov[i].entries[j]);
		split_teachers(im, &ov[i]);
	}
	write_sections(&md, ov, n_ov);
	if (rc == 0 && outdir_write(o, "standard/1-overview.md", md.data,
	    md.len) < 0)
		rc = 2;
	buf_clear(&md);
	running_file(im, o, "standard/2-basic.md", "2", p->start[2] + 1,
	    p->start[3], &rc);
	/* part 3: its introduction, then one table per level */
	for (i = p->start[3] + 1; i < p->start[4]; i++) {
		char number[16];
		const char *title;

		if (is_heading(im->lines[i].text, number, sizeof number, &title) &&
		    strncmp(number, "3.", 2) == 0 && n_lv < 9) {
			/* a level's heading names a level: "3. 1　五级/初级工" */
			char *name = squeeze(title);
			size_t j;

			for (j = 0; j < im->n_levels; j++)
				if (strcmp(im->levels[j].name, name) == 0)
					break;
			if (j < im->n_levels)
				lv_start[n_lv++] = i;
			free(name);
		}
	}
	lv_start[n_lv] = p->start[4];
	running_file(im, o, "standard/3-work.md", "3", p->start[3] + 1,
	    n_lv ? lv_start[0] : p->start[4], &rc);
	for (i = 0; i < n_lv; i++) {
		char number[16], file[64], *name;
		const char *title;
		int l;

		is_heading(im->lines[lv_start[i]].text, number, sizeof number,
		    &title);
		name = squeeze(title);
		l = level_number(name);
		buf_printf(&md, "# %s %s\n", number, name);
		if (l == 0 || strcmp(level_name_of(im, l), name) != 0)
			diag_add(im->unclear, im->file, im->lines[lv_start[i]].no,
			    "'%s' is not one of the levels of 职业技能等级", name);
		parse_level(im, lv_start[i] + 1, lv_start[i + 1], &md);
		snprintf(file, sizeof file, "standard/%s-level%d.md", number, l);
		if (rc == 0 && outdir_write(o, file, md.data, md.len) < 0)
			rc = 2;
		buf_clear(&md);
		free(name);
	}
	write_weights(im, p, &md);
	if (rc == 0 && outdir_write(o, "standard/4-weights.md", md.data,
	    md.len) < 0)
		rc = 2;
	buf_clear(&md);
	write_settings(im, &md);
	if (rc == 0 && outdir_write(o, "settings.md", md.data, md.len) < 0)
		rc = 2;
	buf_clear(&md);
	write_papers(im, &md);
	if (rc == 0 && (outdir_write(o, "papers.md", md.data, md.len) < 0 ||
	    outdir_write(o, "items/README.md", items_readme,
	    sizeof items_readme - 1) < 0 ||
	    outdir_write(o, "generators/README.md", generators_readme,
	    sizeof generators_readme - 1) < 0))
		rc = 2;
	buf_free(&md);
	free(pretext);
	free_sections(ov, n_ov);
	return rc;
}

/* Where each part begins; -1 (in d) when one is missing. */
static int
find_parts(struct importer *im, struct parts *p)
{
	size_t i;
	int k, rc = 0;

	memset(p, 0, sizeof *p);
	p->end = im->n;
	for (k = 1; k <= 4; k++)
		p->start[k] = im->n;
	p->start[0] = im->n;
	for (i = 0; i < im->n; i++) {
		char *sq = squeeze(im->lines[i].text);

		if (p->start[0] == im->n && strcmp(sq, "说明") == 0)
			p->start[0] = i;
		else if (p->start[0] == im->n && strcmp(sq, "说") == 0 &&
		    i + 1 < im->n && strcmp(im->lines[i + 1].text, "明") == 0)
			p->start[0] = ++i;      /* 说 and 明 set apart */
		free(sq);
		if ((k = part_heading(im->lines[i].text)) && p->start[k] == im->n)
			p->start[k] = i;
	}
	for (k = 1; k <= 4; k++)
		if (p->start[k] == im->n || (k > 1 && p->start[k] < p->start[k - 1])) {
			diag_add(im->d, im->file, 0, "no part '%d. %s' (in order); a "
			    "national occupational standard has 1. 职业概况, "
			    "2. 基本要求, 3. 工作要求 and 4. 权重表", k,
			    part_titles[k - 1]);
			rc = -1;
		}
	if (p->start[0] > p->start[1])
		p->start[0] = p->start[1];
	return rc;
}

/*
 * The skeleton of `tiku init`: the smallest standard of the published
 * shape, imported like any other, so that it is right by construction.
 */
static const char skeleton[] =
    "1. 职业概况\n1. 1　职业名称\n（职业名称）\n1. 2　职业编码\n0-00-00-00\n"
    "1. 3　职业定义\n（职业定义）。\n1. 4　职业技能等级\n"
    "本职业共设一个等级，分别为：五级/初级工。\n1. 5　职业培训要求\n"
    "1. 5. 1　培训参考时长\n五级/初级工不少于100标准学时。\n"
    "1. 6　职业技能评价要求\n1. 6. 1　评价方式\n"
    "理论知识考试和操作技能考核均实行百分制，成绩皆达60分（含）以上为合格。\n"
    "1. 6. 2　评价时长\n"
    "理论知识考试时间不少于90 min，操作技能考核时间不少于120 min。\n"
    "2. 基本要求\n2. 1　职业道德\n2. 1. 1　职业守则\n(1) （职业守则）。\n"
    "2. 2　基础知识\n2. 2. 1　（基础知识）\n(1) （基础知识）。\n"
    "3. 工作要求\n本标准对五级/初级工的技能要求和相关知识要求作了规定。\n"
    "3. 1　五级/初级工\n1.\n职\n业\n功\n能\n一\n1. 1 工作内容一\n"
    "1. 1. 1 能（技能要求）\n1. 1. 1 （相关知识要求）\n4. 权重表\n"
    "4. 1　理论知识权重表\n技能等级\n项目\n五级/初级工(%)\n基本\n要求\n"
    "职业道德 10\n基础知识 30\n相关\n知识\n要求\n职业功能一 60\n合计 100\n"
    "4. 2　技能要求权重表\n技能等级\n项目\n五级/初级工(%)\n技能\n要求\n"
    "职业功能一 100\n合计 100\n";

static int
import_text(const char *path, const char *given, const char *out,
    struct diag *unclear, struct diag *d);

int
import_init(const char *out, struct diag *d)
{
	struct diag unclear = {0};
	int rc = import_text("(skeleton)", skeleton, out, &unclear, d);

	diag_free(&unclear);
	return rc;
}

int
import_standard(const char *path, const char *out, struct diag *unclear,
    struct diag *d)
{
	return import_text(path, NULL, out, unclear, d);
}

static int
import_text(const char *path, const char *given, const char *out,
    struct diag *unclear, struct diag *d)
{
	struct importer im;
	struct parts p;
	struct outdir o;
	size_t i;
	int rc;

	memset(&im, 0, sizeof im);
	im.file = path;
	im.unclear = unclear;
	im.d = d;
	if ((rc = read_lines(&im, path, given)) == 0)
		join_numbers(&im);
	if (rc == 0 && find_parts(&im, &p) < 0)
		rc = 1;
	if (rc == 0 && outdir_open_content(&o, out) < 0)
		rc = 2;
	else if (rc == 0) {
		rc = write_folder(&im, &p, &o);
		if (rc == 0 && d->n)
			rc = 1;
		if (rc == 0 && outdir_commit(&o) < 0)
			rc = 2;
		if (rc != 0)
			outdir_abort(&o);
	}
	for (i = 0; i < im.n; i++)
		free(im.lines[i].text);
	free(im.lines);
	for (i = 0; i < im.n_levels; i++)
		free(im.levels[i].name);
	free(im.modified);
	return rc;
}
