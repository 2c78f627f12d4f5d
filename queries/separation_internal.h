/* separation_internal.h - the two kernels behind wp_separation_compute (separation.h). */
#ifndef WP_SEPARATION_INTERNAL_H
#define WP_SEPARATION_INTERNAL_H

#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

/* Exact: *hist (allocated, *len entries) receives the number of ordered pairs (x, y), x != y,
 * at distance d in (*hist)[d - 1], d = 1 .. *len; *levels the BFS levels run. On error nothing
 * is allocated. separation_exact.c. */
wp_status wpi_separation_exact(const wp_graph *g, int threads, uint64_t **hist, uint32_t *len,
                               uint32_t *levels, char *err);

/* HyperANF with 2^b registers per counter: *N (allocated, *len entries) receives the estimated
 * neighbourhood function N(0) .. N(*len - 1), where *len - 1 is the last iteration that changed a
 * counter (so N(*len - 1) = N(inf)); *iterations the iterations run (the last changed nothing).
 * On error nothing is allocated. separation_hyperanf.c. */
wp_status wpi_separation_hyperanf(const wp_graph *g, uint32_t b, uint64_t seed, int threads,
                                  double **N, uint32_t *len, uint32_t *iterations, char *err);

/* HyperANF's registers: WPI_HLL_BITS bits each, WPI_HLL_PER_WORD to a 64-bit word (the top 4
 * bits of a word unused), so no register straddles two words. A register holds a rank of at most
 * 31: ranks above it (probability 2^-31 per element) are clamped, an error far below the
 * counters' own. */
#define WPI_HLL_BITS 5
#define WPI_HLL_PER_WORD 12
#define WPI_HLL_HIGH 0x0842108421084210ull /* the top bit of each of the 12 registers */

/* The lowest bit of each of the 12 registers. */
static inline uint64_t wpi_hll_low(void)
{
	return WPI_HLL_HIGH >> (WPI_HLL_BITS - 1);
}

/* The register-wise maximum of two words of packed registers, without unpacking them: the
 * broadword (SWAR) comparison and mask of the HyperANF paper, section 4.1 (after Knuth, TAOCP
 * 7.1.3). z holds the top bit of each register where x's value is at least y's (a subtraction
 * per register that cannot borrow across registers, since each minuend has its top bit set);
 * mask is all ones in the other registers, where y's is larger, and the result takes y's
 * registers there. Unused top bits must be zero in x and y, and stay zero. */
static inline uint64_t wpi_hll_max(uint64_t x, uint64_t y)
{
	const uint64_t H = WPI_HLL_HIGH, L = wpi_hll_low();
	uint64_t z = ((((y | H) - (x & ~H)) | (x ^ y)) ^ (y | ~x)) & H;
	uint64_t mask = ((((z >> (WPI_HLL_BITS - 1)) | H) - L) | H) ^ z;
	return x ^ ((x ^ y) & mask);
}

#endif
