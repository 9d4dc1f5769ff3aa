/*
 * util: allocation that never returns NULL, a bump arena for everything
 * that lives as long as the run, a growable byte buffer, and UTF-8 checks.
 */
#ifndef TIKU_UTIL_H
#define TIKU_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Abort with a message naming the size when memory runs out. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
/* A new formatted string (printf), never NULL; the caller frees it. */
char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* FNV-1a over s, continued from h (FNV_OFFSET to start): the one cheap,
 * stable string hash of the program (ids, seeds, tables, content hashes). */
#define FNV_OFFSET 0xcbf29ce484222325ULL
uint64_t fnv1a(uint64_t h, const char *s);
/* The same over n bytes at p. */
uint64_t fnv1a_mem(uint64_t h, const void *p, size_t n);

/* A bump allocator: many small allocations, one free. */
struct arena {
	struct arena_chunk *head;
	size_t chunks;
};

void *arena_alloc(struct arena *a, size_t size);          /* zeroed */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Grow an arena array to hold at least n + 1 elements of size bytes;
 * *cap tracks its capacity. Returns the (possibly moved) array.
 */
void *arena_grow(struct arena *a, void *array, size_t n, size_t *cap,
    size_t size);
void arena_free(struct arena *a);
/* Move every block of from into a (from is left empty): what another
 * thread allocated lives as long as a. */
void arena_adopt(struct arena *a, struct arena *from);

/* Append one element to an arena array: ARENA_PUSH(arena, arr, n, cap). */
#define ARENA_PUSH(a, arr, n, cap) \
	((arr) = arena_grow((a), (arr), (n), &(cap), sizeof *(arr)), \
	 &(arr)[(n)++])

/* A growable NUL-terminated byte buffer. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_clear(struct buf *b);
void buf_free(struct buf *b);

/*
 * Decode one UTF-8 code point at s (n bytes available). Returns its
 * length and stores the code point, or returns 0 for an invalid sequence.
 */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);
/* Offset of the first invalid UTF-8 byte in s, or n if all is valid. */
size_t utf8_invalid_at(const char *s, size_t n);
/* True for Han ideographs and CJK punctuation (full-width forms included). */
int is_cjk(unsigned cp);

/* Read a whole file into a new NUL-terminated string; the caller frees it.
 * Returns NULL and sets errno on failure. */
char *read_file(const char *path, size_t *len);

/* Print "tiku: " and the message to stderr and exit(2). */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
