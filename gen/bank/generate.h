/*
 * generate: parametric items. Each module CONTENT/generators/NAME.lua
 * (the occupation's own, beside its items; it may require the helpers of
 * lua/, such as itemkit) returns
 * { id, knowledge, type, difficulty, variants, generate = function(rng,
 * standard) … end }; variant k is generate() run with the rng seeded by
 * rng_derive(k, id), so the bank is the same on every build. Variants of
 * one module form a family: a paper never holds two of them.
 */
#ifndef TIKU_GENERATE_H
#define TIKU_GENERATE_H

struct bank;
struct diag;
struct render;
struct standard;

/* A generator's variants: enough to draw from, few enough to check. */
enum { MIN_VARIANTS = 20, VARIANTS_MAX = 1000 };

/* Add every variant of every generator in content_dir/generators to b.
 * Returns 0 or -1 (errors in d). */
int bank_generate(struct bank *b, struct standard *s, struct render *r,
    const char *content_dir, struct diag *d);

#endif
