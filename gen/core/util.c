#include "core/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("tiku: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die("out of memory (%zu × %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		die("out of memory (%zu bytes)", size);
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

uint64_t
fnv1a(uint64_t h, const char *s)
{
	return fnv1a_mem(h, s, strlen(s));
}

uint64_t
fnv1a_mem(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--) {
		h ^= *b++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	char *out;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("cannot format '%s'", fmt);
	out = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(out, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return out;
}

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

/*
 * An arena's first chunks are small; one that has grown past SMALL_CHUNKS
 * of them (the content's, a big page's) takes 2 MiB chunks aligned for
 * the kernel's transparent huge pages: one page fault per chunk instead
 * of 512, which was a fifth of loading the content (perf, lint).
 */
enum { ARENA_CHUNK = 64 * 1024, SMALL_CHUNKS = 16, HUGE_CHUNK = 2 << 20 };

static struct arena_chunk *
new_chunk(struct arena *a, size_t size)
{
	struct arena_chunk *c;
	size_t want = size > ARENA_CHUNK ? size : ARENA_CHUNK;

	if (a->chunks >= SMALL_CHUNKS && sizeof *c + want <= HUGE_CHUNK) {
		if ((c = aligned_alloc(HUGE_CHUNK, HUGE_CHUNK)) == NULL)
			die("out of memory (%d bytes)", HUGE_CHUNK);
		(void)madvise(c, HUGE_CHUNK, MADV_HUGEPAGE);  /* a hint only */
		want = HUGE_CHUNK - sizeof *c;
	} else
		c = xmalloc(sizeof *c + want);
	c->used = 0;
	c->size = want;
	c->next = a->head;
	a->head = c;
	a->chunks++;
	return c;
}

/* size bytes, not cleared: for what the caller fills at once */
static void *
arena_take(struct arena *a, size_t size)
{
	struct arena_chunk *c = a->head;
	size_t align = sizeof(max_align_t);
	void *p;

	size = (size + align - 1) / align * align;
	if (c == NULL || c->size - c->used < size)
		c = new_chunk(a, size);
	p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	return memset(arena_take(a, size), 0, size);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p = arena_take(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
arena_grow(struct arena *a, void *array, size_t n, size_t *cap, size_t size)
{
	void *bigger;

	if (n < *cap)
		return array;
	*cap = *cap ? *cap * 2 : 8;
	bigger = arena_alloc(a, *cap * size);
	if (n)
		memcpy(bigger, array, n * size);
	return bigger;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->chunks = 0;
}

void
arena_adopt(struct arena *a, struct arena *from)
{
	struct arena_chunk *c = from->head;

	if (c == NULL)
		return;
	while (c->next != NULL)
		c = c->next;
	c->next = a->head;
	a->head = from->head;
	a->chunks += from->chunks;
	from->head = NULL;
	from->chunks = 0;
}

static void
buf_reserve(struct buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	b->cap = (b->len + more + 1) * 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

size_t
utf8_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	unsigned c, min;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t
utf8_invalid_at(const char *s, size_t n)
{
	size_t i = 0, len;
	unsigned cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {       /* most bytes: no call */
			i++;
			continue;
		}
		if ((len = utf8_decode(s + i, n - i, &cp)) == 0)
			return i;
		i += len;
	}
	return n;
}

int
is_cjk(unsigned cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* unified ideographs */
	    (cp >= 0x3400 && cp <= 0x4DBF) ||      /* extension A */
	    (cp >= 0x3000 && cp <= 0x303F) ||      /* CJK punctuation */
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||      /* full-width forms */
	    (cp >= 0x2460 && cp <= 0x24FF) ||      /* circled numbers */
	    cp == 0x201C || cp == 0x201D;          /* “ ” */
}

char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	int saved;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		saved = errno;
		fclose(f);
		buf_free(&b);
		errno = saved;
		return NULL;
	}
	fclose(f);
	if (b.data == NULL)
		buf_add(&b, "", 0);
	if (len)
		*len = b.len;
	return b.data;
}
