/*
 * dump: the model as JSON (jansson), for `tiku dump --json` and for the
 * data files of the site. Key order is fixed, so output is deterministic.
 */
#ifndef TIKU_DUMP_H
#define TIKU_DUMP_H

#include <jansson.h>

struct standard;

/* A new JSON object holding the whole standard; the caller json_decref()s. */
json_t *dump_standard(const struct standard *s);
/* Serialise with fixed formatting; returns a new string the caller frees. */
char *dump_string(const json_t *j);

#endif
