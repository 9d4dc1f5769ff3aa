#include "core/text.h"
#include "core/diag.h"

#include <cmark.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
collect_inlines(cmark_node *n, struct buf *b, struct text_error *e)
{
	cmark_node *c;

	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(b, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, '\n');
			break;
		case CMARK_NODE_HTML_INLINE:
			if (e->line == 0) {
				e->line = cmark_node_get_start_line(c);
				snprintf(e->message, sizeof e->message, "raw HTML "
				    "'%s' is not allowed; write the text as "
				    "Markdown", cmark_node_get_literal(c));
			}
			break;
		default:
			collect_inlines(c, b, e);
			break;
		}
	}
}

/* The code point that ends just before s[i], or 0 at the start. */
static unsigned
cp_before(const char *s, size_t i)
{
	size_t j = i;
	unsigned cp = 0;

	while (j > 0 && ((unsigned char)s[j - 1] & 0xC0) == 0x80)
		j--;
	if (j > 0)
		j--;
	if (j < i && utf8_decode(s + j, i - j, &cp) == 0)
		cp = 0;
	return cp;
}

static unsigned
cp_at(const char *s)
{
	unsigned cp = 0;

	if (*s && utf8_decode(s, strlen(s), &cp) == 0)
		cp = 0;
	return cp;
}

char *
inline_text(struct arena *a, cmark_node *block, struct text_error *e)
{
	struct buf b = {0}, out = {0};
	size_t i;
	char *t;

	collect_inlines(block, &b, e);
	buf_add(&b, "", 0);
	/* Join broken lines: nothing next to Chinese, a space between words. */
	for (i = 0; i < b.len; i++) {
		if (b.data[i] != '\n') {       /* the run up to the next break */
			const char *nl = memchr(b.data + i, '\n', b.len - i);
			size_t run = nl ? (size_t)(nl - b.data) - i : b.len - i;

			buf_add(&out, b.data + i, run);
			i += run - 1;
			continue;
		}
		while (out.len > 0 && out.data[out.len - 1] == ' ')
			out.len--;
		while (b.data[i + 1] == ' ')
			i++;
		if (out.len > 0 && !is_cjk(cp_before(out.data, out.len)) &&
		    !is_cjk(cp_at(b.data + i + 1)))
			buf_putc(&out, ' ');
	}
	buf_add(&out, "", 0);
	trim(out.data);
	t = arena_strdup(a, out.data);
	buf_free(&b);
	buf_free(&out);
	return t;
}

size_t
number_prefix(const char *text)
{
	const char *p = text;

	if (!isdigit((unsigned char)*p))
		return 0;
	for (;;) {
		while (isdigit((unsigned char)*p))
			p++;
		if (*p == '.' && isdigit((unsigned char)p[1]))
			p++;
		else
			break;
	}
	if (*p == '.')
		p++;
	return *p == ' ' || *p == '\0' ? (size_t)(p - text) : 0;
}

size_t
paren_number(const char *text, char **number, struct arena *a)
{
	static const char fw_open[] = "\xEF\xBC\x88", fw_close[] = "\xEF\xBC\x89";
	const char *p = text, *digits;
	size_t open;

	*number = NULL;
	if (*p == '(')
		open = 1;
	else if (strncmp(p, fw_open, 3) == 0)
		open = 3;
	else
		return 0;
	digits = p += open;
	while (isdigit((unsigned char)*p))
		p++;
	if (p == digits)
		return 0;
	if (*p == ')')
		*number = arena_strndup(a, digits, (size_t)(p - digits)), p++;
	else if (strncmp(p, fw_close, 3) == 0)
		*number = arena_strndup(a, digits, (size_t)(p - digits)), p += 3;
	else
		return 0;
	while (*p == ' ')
		p++;
	return (size_t)(p - text);
}

int
parse_level_list(const char *s, unsigned *mask)
{
	*mask = 0;
	while (*s) {
		char *end;
		long v;

		if (*s == ' ' || *s == ',') {
			s++;
			continue;
		}
		if (strncmp(s, "\xEF\xBC\x8C", 3) == 0 ||       /* ， */
		    strncmp(s, "\xE3\x80\x81", 3) == 0) {       /* 、 */
			s += 3;
			continue;
		}
		v = strtol(s, &end, 10);
		if (end == s || v < 1 || v > 9)
			return -1;
		*mask |= 1u << v;
		s = end;
	}
	return 0;
}

int
is_footnote_mark(const char *text)
{
	unsigned cp = cp_at(text);

	return cp >= 0x2460 && cp <= 0x2473;
}

/* Up to a few code points either side of byte i, for messages. */
static void
context(const char *text, size_t i, char *out, size_t size)
{
	size_t start = i, end = i;
	int k;

	for (k = 0; k < 6 && start > 0; k++) {
		start--;
		while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
			start--;
	}
	for (k = 0; k < 7 && text[end]; k++) {
		end++;
		while (((unsigned char)text[end] & 0xC0) == 0x80)
			end++;
	}
	snprintf(out, size, "%s%.*s%s", start > 0 ? "…" : "",
	    (int)(end - start), text + start, text[end] ? "…" : "");
}

int
text_hygiene(const char *text, char *problem, size_t size)
{
	static const char ascii[] = ",;:()";
	static const char *const fullwidth[] = { "，", "；", "：", "（", "）" };
	size_t i, n = strlen(text);
	char ctx[160];

	for (i = 0; i < n; i++) {
		char c = text[i];
		const char *hit = strchr(ascii, c);
		unsigned before, after;
		size_t j;

		if (c != ' ' && (hit == NULL || c == '\0'))
			continue;
		before = cp_before(text, i);
		for (j = i + 1; text[j] == ' '; j++)
			;
		after = cp_at(text + j);
		if (c == ' ') {
			int b_cjk = is_cjk(before), a_cjk = is_cjk(after);

			if ((b_cjk && (a_cjk || isdigit((int)after))) ||
			    (a_cjk && isdigit((int)before))) {
				context(text, i, ctx, sizeof ctx);
				snprintf(problem, size, "stray space in Chinese "
				    "text: \"%s\"", ctx);
				return 1;
			}
		} else if (is_cjk(before) || is_cjk(after)) {
			context(text, i, ctx, sizeof ctx);
			snprintf(problem, size, "ASCII '%c' in Chinese text; use "
			    "'%s': \"%s\"", c, fullwidth[hit - ascii], ctx);
			return 1;
		}
	}
	return 0;
}

size_t
trim_len(char *s, size_t n)
{
	size_t start = 0;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	s[n] = '\0';
	while (isspace((unsigned char)s[start]))
		start++;
	if (start)
		memmove(s, s + start, n - start + 1);
	return n - start;
}

void
trim(char *s)
{
	trim_len(s, strlen(s));
}

int
span_is_blank(const char *s, const char *eol)
{
	for (; s < eol; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

const char *
find_colon(const char *s, const char *eol, const char **value)
{
	for (; s < eol; s++) {
		if (*s == ':') {
			*value = s + 1;
			return s;
		}
		if (eol - s >= 3 && strncmp(s, "\xEF\xBC\x9A", 3) == 0) {
			*value = s + 3;
			return s;
		}
	}
	return NULL;
}

int
split_pairs(struct arena *a, const char *s, struct pair *pairs, int max)
{
	int n = 0;

	while (*s) {
		const char *end = s, *eq;
		size_t len;

		while (*end && *end != ',' && strncmp(end, "\xEF\xBC\x8C", 3) &&
		    strncmp(end, "\xE3\x80\x81", 3))
			end++;
		len = (size_t)(end - s);
		if (!span_is_blank(s, end)) {
			char *item = arena_strndup(a, s, len);

			if (n == max || (eq = strchr(item, '=')) == NULL)
				return -1;
			item[eq - item] = '\0';
			pairs[n].key = item;
			pairs[n].value = item + (eq - item) + 1;
			trim(pairs[n].key);
			trim(pairs[n].value);
			if (!*pairs[n].key || !*pairs[n].value)
				return -1;
			n++;
		}
		if (*end == '\0')
			break;
		s = end + (*end == ',' ? 1 : 3);
	}
	return n;
}

int
is_separator_row(const char *s, const char *eol)
{
	int dash = 0;

	for (; s < eol; s++) {
		if (*s == '-')
			dash = 1;
		else if (*s != '|' && *s != ':' && *s != ' ' && *s != '\t')
			return 0;
	}
	return dash;
}

int
split_row(struct arena *a, const char *s, const char *eol, char **cells,
    int max)
{
	int n = 0;

	while (s < eol && isspace((unsigned char)*s))
		s++;
	while (eol > s && isspace((unsigned char)eol[-1]))
		eol--;
	if (s < eol && *s == '|')
		s++;
	if (eol > s && eol[-1] == '|')
		eol--;
	for (;;) {
		const char *bar = memchr(s, '|', (size_t)(eol - s));
		const char *end = bar ? bar : eol;

		if (n == max)
			return -1;
		cells[n] = arena_strndup(a, s, (size_t)(end - s));
		trim(cells[n]);
		n++;
		if (bar == NULL)
			break;
		s = bar + 1;
	}
	return n;
}

int
parse_percent(const char *cell)
{
	char *end;
	long v;

	if (strcmp(cell, "—") == 0 || strcmp(cell, "–") == 0 ||
	    strcmp(cell, "-") == 0)
		return -1;
	v = strtol(cell, &end, 10);
	if (*cell == '\0' || *end != '\0' || v < 0 || v > 100 ||
	    !isdigit((unsigned char)*cell))
		return -2;
	return (int)v;
}

int
kv_next(struct arena *a, const char **cursor, int *line, struct kv_line *kv)
{
	while (**cursor) {
		const char *lit = *cursor, *eol = strchr(lit, '\n'), *colon, *v;

		if (eol == NULL)
			eol = lit + strlen(lit);
		*cursor = *eol ? eol + 1 : eol;
		kv->line = (*line)++;
		if (span_is_blank(lit, eol))
			continue;
		if ((colon = find_colon(lit, eol, &v)) == NULL)
			return -1;
		kv->key = arena_strndup(a, lit, (size_t)(colon - lit));
		kv->value = arena_strndup(a, v, (size_t)(eol - v));
		trim(kv->key);
		trim(kv->value);
		return 1;
	}
	return 0;
}

/*
 * What a numeric character reference at p ("&#…;" or "&#x…;") stands
 * for, when it is one cmark would turn into a character that no text
 * may hold: C0 and C1 controls (tab and line breaks aside), surrogates,
 * noncharacters, or past U+10FFFF. Returns NULL for a harmless one.
 */
static const char *
bad_reference(const char *p, unsigned long *cp, size_t *len)
{
	const char *q = p + 2;
	int hex = *q == 'x' || *q == 'X', digits = 0;
	unsigned long v = 0;

	q += hex;
	for (; hex ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q);
	    q++, digits++)
		if (v <= 0x10FFFF)
			v = v * (hex ? 16 : 10) + (unsigned long)(isdigit(
			    (unsigned char)*q) ? *q - '0' : (tolower(*q) - 'a' + 10));
	if (digits == 0 || *q != ';')
		return NULL;
	*cp = v;
	*len = (size_t)(q - p) + 1;
	if (v > 0x10FFFF)
		return "past U+10FFFF";
	if ((v < 0x20 && v != '\t' && v != '\n' && v != '\r') ||
	    (v >= 0x7f && v <= 0x9f))
		return "a control character";
	if (v >= 0xD800 && v <= 0xDFFF)
		return "a surrogate, not a character";
	if ((v >= 0xFDD0 && v <= 0xFDEF) || (v & 0xFFFE) == 0xFFFE)
		return "a noncharacter";
	return NULL;
}

/* Numeric references cmark would decode into what the text may not hold.
 * Returns the number found, each reported with its line. */
static size_t
check_references(const char *path, const char *data, struct diag *d)
{
	const char *p = data, *counted = data, *why;
	unsigned long cp;
	size_t n = 0, len;
	int line = 1;

	/* strchr and memchr run a word at a time: files have few '&' */
	while ((p = strchr(p, '&')) != NULL) {
		if (p[1] == '#' && (why = bad_reference(p, &cp, &len)) != NULL) {
			const char *nl;

			while ((nl = memchr(counted, '\n', (size_t)(p - counted)))) {
				line++;
				counted = nl + 1;
			}
			diag_add(d, path, line, "the character reference '%.*s' is "
			    "%s (U+%04lX); remove it", (int)len, p, why, cp);
			n++;
		}
		p++;
	}
	return n;
}

/* The first byte that is a control character (other than tab, CR and
 * LF) or that starts no valid UTF-8 character; len when there is none. */
static size_t
first_bad_byte(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c < 0x80) {
			if (c != '\n' && c != '\t' && c != '\r')
				return i;
			i++;
		} else if (c >= 0xE1 && c <= 0xEC && i + 2 < len &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			i += 3;         /* most of Chinese text: U+1000..U+CFFF */
		} else if ((n = utf8_decode(data + i, len - i, &cp)) == 0)
			return i;
		else
			i += n;
	}
	return len;
}

char *
read_text(const char *path, const char *what, size_t *len, struct diag *d)
{
	char *data = read_file(path, len);
	size_t bad, i;
	int line = 1;

	if (data == NULL) {
		diag_add(d, path, 0, "cannot read%s: %s", what, strerror(errno));
		return NULL;
	}
	if ((bad = first_bad_byte(data, *len)) < *len) {
		unsigned char c = (unsigned char)data[bad];

		for (i = 0; i < bad; i++)
			line += data[i] == '\n';
		if (c < 0x80)
			diag_add(d, path, line, "control character U+%04X; remove "
			    "it", c);
		else
			diag_add(d, path, line, "invalid UTF-8 (byte 0x%02X); save "
			    "the file as UTF-8", c);
		free(data);
		return NULL;
	}
	if (check_references(path, data, d) > 0) {
		free(data);
		return NULL;
	}
	return data;
}

/*
 * The search site folds text so that what people type finds what the
 * standard prints: "4～20 mA" and "4~20mA", "OPC UA" and "opcua".
 */
char *
text_search_key(const char *text)
{
	struct buf b = {0};
	const unsigned char *p = (const unsigned char *)text;

	while (*p) {
		unsigned c = *p;

		if (c == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) &&
		    (p[2] & 0xC0) == 0x80) {
			/* U+FF01..U+FF5E: full-width ASCII */
			unsigned cp = 0xF000 | (unsigned)(p[1] & 0x3F) << 6 |
			    (p[2] & 0x3F);

			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				c = cp - 0xFEE0;
				p += 3;
				if (c >= 'A' && c <= 'Z')
					c += 'a' - 'A';
				buf_putc(&b, (char)c);
				continue;
			}
		}
		if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3;         /* U+3000 ideographic space */
			continue;
		}
		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			p++;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		buf_putc(&b, (char)c);
		p++;
	}
	return b.data != NULL ? b.data : xstrdup("");
}
