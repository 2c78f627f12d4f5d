/* generate_internal.h - what generate.c shares with generate_models.c: the seeded random streams
 * and the vertex labelling. Not part of generate.h's contract.
 *
 * Random numbers: xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021), seeded through splitmix64 (Steele, Lea and Flood, OOPSLA
 * 2014) as its authors advise. A generator splits its work into fixed blocks and gives block b
 * the stream (seed, b), so the output never depends on the thread count.
 */
#ifndef WP_GENERATE_INTERNAL_H
#define WP_GENERATE_INTERNAL_H

#include <stdint.h>

#include "engine/edgebuf.h"
#include "engine/status.h"

typedef struct wpi_rng {
	uint64_t s[4];
} wpi_rng;

static inline uint64_t wpi_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Seeds stream `stream` of `seed`: the seed is hashed first, so nearby seeds and nearby streams
 * give unrelated states. */
static inline void wpi_rng_seed(wpi_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed;
	uint64_t hashed = wpi_splitmix64(&x);
	x = hashed ^ (stream * 0xD1B54A32D192ED03ull);
	for (int i = 0; i < 4; i++)
		r->s[i] = wpi_splitmix64(&x);
}

static inline uint64_t wpi_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256**: the next 64 random bits. */
static inline uint64_t wpi_rng_next(wpi_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = wpi_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = wpi_rotl(s[3], 45);
	return result;
}

/* A double uniform in [0, 1), 53 random bits. */
static inline double wpi_rng_unit(wpi_rng *r)
{
	return (double)(wpi_rng_next(r) >> 11) * 0x1.0p-53;
}

/* A uniform integer in [0, range), range >= 1, without bias (Lemire, "Fast random integer
 * generation in an interval", ACM TOMACS 29(1), 2019). */
static inline uint32_t wpi_rng_below(wpi_rng *r, uint32_t range)
{
	uint64_t m = (uint64_t)(uint32_t)wpi_rng_next(r) * range;
	uint32_t low = (uint32_t)m;
	if (low < range) {
		uint32_t threshold = (uint32_t)-range % range;
		while (low < threshold) {
			m = (uint64_t)(uint32_t)wpi_rng_next(r) * range;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

/* Labels vertices 0 .. n-1 of eb with their decimal ids, in order. */
wp_status wpi_generate_label(wp_edgebuf *eb, uint64_t n, char *err);

/* WP_EARG "<what> generator: the edge buffer must be empty" unless eb is empty. */
wp_status wpi_generate_check_empty(const wp_edgebuf *eb, const char *what, char *err);

#endif
