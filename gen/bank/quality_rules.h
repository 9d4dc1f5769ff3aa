/*
 * quality_rules: what the parts of the quality checker share. quality.c
 * runs the rules, collects and waives findings and prints the summary;
 * quality_text.c holds the rules that read one item's wording,
 * quality_words.c those that need word segmentation (libfriso) or
 * character n-grams. Only quality.h is for the rest of tiku.
 */
#ifndef TIKU_QUALITY_RULES_H
#define TIKU_QUALITY_RULES_H

#include <stddef.h>

struct item;
struct standard;
struct bank;

/* Item-level rules come first: a 豁免 may name them. */
enum quality_rule {
	Q_KEY_LONGEST, Q_WORD_CLUE, Q_ABSOLUTE, Q_ALL_OF_ABOVE, Q_NEGATIVE,
	Q_MULTI_KEYS, Q_NEAR_DUPLICATE, Q_RESTATES_HEADING, Q_MISCONDUCT,
	Q_RUBRIC_FACT, Q_RUBRIC_SPLIT, Q_RUBRIC_VETO, Q_OPTION_LETTER,
	Q_OPTION_ORDER,
	Q_WAIVABLE,
	Q_KEY_LONGEST_SHARE = Q_WAIVABLE, Q_JUDGE_BALANCE, Q_KEY_POSITION,
	Q_JUDGE_CUE, Q_KEY_RANK,
	Q_UNUSED_WAIVER,
	Q_RULES
};

struct quality_run;

/*
 * Record a finding of rule r on item it (NULL for a bank-level finding at
 * file:line). A finding is waived when it holds a 豁免 of r, or, for a
 * near-duplicate, when also (the other item of the pair) holds one.
 */
void quality_add(struct quality_run *q, const struct item *it,
    const struct item *also, const char *file, int line, enum quality_rule r,
    const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Length in characters (code points), spaces not counted. */
size_t quality_text_length(const char *s);
struct buf;
/* Append the text of core-made HTML: tags dropped, entities decoded. */
void quality_text_html(struct buf *out, const char *html);
/* The rules on one item's own text (every rule of quality_text.c). */
void quality_text_item(struct quality_run *q, const struct item *it);

struct quality_words;

/* The segmenter with its dictionary; NULL (reason on stderr) if missing. */
struct quality_words *quality_words_new(void);
void quality_words_free(struct quality_words *w);
/* word-clue on one choice item. */
/* Count in how many theory stems each word occurs (before any clue). */
void quality_words_index(struct quality_words *w, const struct bank *b);
void quality_words_clue(struct quality_words *w, struct quality_run *q,
    const struct item *it);
/* restates-heading on one theory item. */
void quality_words_heading(struct quality_run *q, const struct standard *s,
    const struct item *it);
/* near-duplicate over the whole bank. */
void quality_words_duplicates(struct quality_run *q, const struct bank *b);

#endif
