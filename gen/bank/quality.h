/*
 * quality: the item-writing flaws a program can see (tiku lint --quality).
 * Takes a resolved bank and its standard; gives findings
 * "file:line: rule: message", each one waived or not by a 豁免 line of its
 * item, and a summary per level, type and rule. The rules and their
 * references are in the README (The item bank ▸ Item-writing flaws).
 */
#ifndef TIKU_QUALITY_H
#define TIKU_QUALITY_H

#include <stdio.h>

struct bank;
struct diag;
struct standard;

/* True if a 豁免 line may name rule (an item-level rule). */
int quality_rule_known(const char *rule);
/* The waivable rules, comma-separated. Borrowed (static). */
const char *quality_rule_names(void);

/*
 * Check every item of b, print the unwaived findings (sorted by file and
 * line) and then the summary to out. Returns the number of unwaived
 * findings, or -1 when the word segmenter cannot start (the reason on
 * stderr).
 */
int quality_check(const struct standard *s, const struct bank *b, FILE *out);

#endif
