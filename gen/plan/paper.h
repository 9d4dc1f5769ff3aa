/*
 * paper: what a drawn set of forms becomes: the JSON manifest that lets a
 * board re-derive and audit it, the data the paper and key templates
 * print, and the audit of a manifest against the content.
 */
#ifndef TIKU_PAPER_H
#define TIKU_PAPER_H

#include <jansson.h>
#include <stdio.h>

#include "plan/assemble.h"

/* A hash of everything that decides a draw: the model, the bank, the
 * spec. FNV-1a 64 over their JSON, as 16 hex digits (a change detector,
 * not a signature). Writes 17 bytes. */
void content_hash(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, char out[17]);

/* The manifest of a set (see README). */
json_t *paper_manifest(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct paper_set *set);

/* The manifest written form by form to out, the same bytes as
 * paper_manifest dumped with one space of indent; 0 or -1. */
int paper_manifest_write(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct paper_set *set, FILE *out);

/* "单项选择题": the title of a paper's part of one item type. */
const char *paper_section_title(enum item_type t);
/* "理论知识考试": what a paper of a kind is called. */
const char *paper_kind_label(enum paper_kind k);

/* The data of one form for templates: paper, sections with numbered
 * items in their shown option order, and the key. */
json_t *paper_form_json(const struct standard *s, const struct paper_set *set,
    const struct form *fm);

/* Re-check a manifest against the content; prints every violation to f
 * and returns their number. */
int paper_audit(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const json_t *manifest, FILE *f);

#endif
