/*
 * text: the small lexical pieces shared by the content parsers: plain text
 * from cmark inlines, printed numbers, level lists, table rows, and the
 * hygiene check for Chinese text.
 */
#ifndef TIKU_TEXT_H
#define TIKU_TEXT_H

#include <stddef.h>

#include "core/util.h"

struct cmark_node;
struct diag;

/*
 * A content file's text, or NULL with the problem in d: it cannot be read
 * ("cannot read<what>: reason"), it is not UTF-8, or it holds a control
 * character other than tab and line breaks (a NUL would end a C string
 * early, and cmark would silently replace it). The caller frees it.
 */
char *read_text(const char *path, const char *what, size_t *len,
    struct diag *d);

struct text_error {
	int line;               /* 0: no error */
	char message[256];
};

/*
 * The plain text of a block's inlines, in the arena. Soft line breaks
 * vanish next to Chinese and become a space between Latin words. Raw
 * inline HTML is dropped and reported through e.
 */
char *inline_text(struct arena *a, struct cmark_node *block,
    struct text_error *e);

/*
 * Length of a leading printed number "1", "1.1.1" or "1." that a space
 * follows; 0 if text does not start so.
 */
size_t number_prefix(const char *text);
/*
 * A leading "(1) " or "（1）": stores "1" in *number (NULL if none) and
 * returns the length to skip, spaces included.
 */
size_t paren_number(const char *text, char **number, struct arena *a);
/* "5 4" or "2, 1" → bit mask of levels; -1 on a bad token. */
int parse_level_list(const char *s, unsigned *mask);
/* True when text starts with a circled number ①…⑳. */
int is_footnote_mark(const char *text);
/*
 * Look for a stray space or ASCII punctuation in Chinese text; on a find,
 * describe it in problem and return 1.
 */
int text_hygiene(const char *text, char *problem, size_t size);

struct pair {
	char *key, *value;
};

/* "5=160, 4=150" → pairs; returns their count, or -1 when malformed. */
int split_pairs(struct arena *a, const char *s, struct pair *pairs, int max);
/* Split a "| a | b |" row into trimmed cells; -1 if more than max. */
int split_row(struct arena *a, const char *line, const char *eol,
    char **cells, int max);
int is_separator_row(const char *line, const char *eol);
/* A whole percentage 0..100 → its value; "—" → -1; anything else → -2. */
int parse_percent(const char *cell);
/* A "key: value" line of a fenced data block (facts, settings, specs). */
struct kv_line {
	char *key, *value;      /* trimmed, in the arena */
	int line;               /* its line in the file */
};

/*
 * Step through the "key: value" lines of a block's text: *cursor starts at
 * the text and *line at its first line number. Blank lines are skipped.
 * Returns 1 with *kv filled, 0 at the end, -1 for a line without a colon
 * (kv->line tells which; the caller reports it and calls again).
 */
int kv_next(struct arena *a, const char **cursor, int *line,
    struct kv_line *kv);
/* The first ':' or '：' in [s, eol); *value points past it. */
const char *find_colon(const char *s, const char *eol, const char **value);
int span_is_blank(const char *s, const char *eol);
/* Remove leading and trailing ASCII whitespace in place. */
void trim(char *s);
/* trim() of s whose length is known; returns the new length. */
size_t trim_len(char *s, size_t n);
/*
 * The search key of a text: full-width ASCII (U+FF01..U+FF5E) made half
 * width, ASCII letters lower case, ASCII white space and U+3000 dropped;
 * tiku.js folds a query the same way. Returns a new string; the caller
 * frees it.
 */
char *text_search_key(const char *text);

#endif
