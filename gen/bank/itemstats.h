/*
 * itemstats: the statistics of past sittings that content/stats/ keeps per
 * item (written by tiku analyse --save), read back for assembly, the bank
 * page and lint --coverage. An entry counts only while the item's text
 * hash still matches: an edited item drops its old statistics.
 */
#ifndef TIKU_ITEMSTATS_H
#define TIKU_ITEMSTATS_H

#include "bank/bank.h"

/* FNV-1a 64 of what a candidate reads and the key: stem, options, answer,
 * rubric. 16 hex digits and a NUL in out. */
void itemstats_hash(const struct item *it, char out[17]);

#endif
