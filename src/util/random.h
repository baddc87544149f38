/* A small deterministic random number generator (splitmix64), for the demo
 * school: the same seed gives the same school on every machine. Not for
 * anything secret: tokens and passwords use libsodium. */
#ifndef WAYMARK_RANDOM_H
#define WAYMARK_RANDOM_H

#include <stdint.h>

struct rng {
	uint64_t state;
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t rng_below(struct rng *r, uint32_t n);
/* Uniform in [0, 1). */
double rng_unit(struct rng *r);
/* True with probability p. */
int rng_chance(struct rng *r, double p);

#endif
