/*
 * rng: the one random generator of tiku. xoshiro256** (Blackman and
 * Vigna, 2018), its state filled by splitmix64 from a 64-bit seed, so
 * that anyone can re-derive a paper from its seed. Uniform integers
 * come from rejection sampling, with no modulo bias.
 */
#ifndef TIKU_RNG_H
#define TIKU_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [0, 1). */
double rng_unit(struct rng *r);
/* A seed for a named stream: FNV-1a of name, mixed with seed. */
uint64_t rng_derive(uint64_t seed, const char *name);

#endif
