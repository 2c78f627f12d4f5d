/* generate_models.c - Barabasi-Albert, Watts-Strogatz and G(n, p) generators (see generate.h).
 *
 * All three are parallel and give the same buffer for every thread count: Barabasi-Albert
 * because each edge's endpoint is a pure function of (seed, edge index); the other two because
 * their work is cut into fixed blocks whose random streams depend only on (seed, block).
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "bench/generate.h"
#include "bench/generate_internal.h"
#include "engine/parallel.h"

#define BLOCK (1u << 14)              /* Watts-Strogatz edges per random stream */
#define MAX_EDGES (UINT64_C(1) << 40) /* as in generate.c */
#define GNP_RANGE_EDGES 65536.0       /* expected edges per G(n, p) range */
#define GNP_MAX_RANGES (UINT64_C(1) << 20)

__extension__ typedef unsigned __int128 u128;

static wp_status check_n(uint32_t n, const char *what, char *err)
{
	if (n < 1 || n > WP_GENERATE_MAX_VERTICES)
		return wp_error(err, WP_EARG, "%s generator: %u vertices is outside 1..%u", what, n,
		                WP_GENERATE_MAX_VERTICES);
	return WP_OK;
}

/* ---- Barabasi-Albert --------------------------------------------------------------------------
 */

/* r(j), the slot whose endpoint edge j copies: uniform in [0, 2j] from a hash of (key, j). The
 * multiply-shift reduction's bias is below (2j + 1) / 2^64, far under anything measurable. */
static inline uint64_t ba_slot(uint64_t key, uint64_t j)
{
	uint64_t x = key ^ (j * 0xD1B54A32D192ED03ull);
	uint64_t h = wpi_splitmix64(&x);
	return (uint64_t)(((u128)h * (2 * j + 1)) >> 64);
}

/* The target of edge j: follow copied slots back until one is a source slot (even), whose
 * endpoint is the vertex that made that edge. Each step lands on an even slot with probability
 * about 1/2, so the expected chain is 2 steps. */
static inline wp_vertex ba_target(uint64_t key, uint64_t j, uint32_t per_vertex)
{
	for (;;) {
		uint64_t r = ba_slot(key, j);
		if ((r & 1) == 0)
			return (wp_vertex)((r >> 1) / per_vertex);
		j = r >> 1;
	}
}

wp_status wp_generate_barabasi(wp_edgebuf *eb, uint32_t n, uint32_t edges_per_vertex, uint64_t seed,
                               char *err)
{
	wp_status st = WP_OK;
	const char *what = "Barabasi-Albert";
	/* Refusals return at once: a non-empty buffer is the caller's and stays as it was. */
	if ((st = wpi_generate_check_empty(eb, what, err)) != WP_OK ||
	    (st = check_n(n, what, err)) != WP_OK)
		return st;
	if (edges_per_vertex < 1 || edges_per_vertex > 1024)
		return wp_error(err, WP_EARG,
		                "%s generator: %u edges per vertex is outside 1..1024", what,
		                edges_per_vertex);
	uint64_t m = (uint64_t)n * edges_per_vertex;
	if (m > MAX_EDGES)
		return wp_error(err, WP_ELIMIT, "%s generator: %llu edges is too many", what,
		                (unsigned long long)m);
	WP_TRY(wp_edgebuf_reserve(eb, m, err));
	WP_TRY(wpi_generate_label(eb, n, err));
	uint64_t x = seed;
	uint64_t key = wpi_splitmix64(&x);
	wp_vertex *src = eb->src, *dst = eb->dst;
#pragma omp parallel for schedule(static, 4096)
	for (uint64_t j = 0; j < m; j++) {
		src[j] = (wp_vertex)(j / edges_per_vertex);
		dst[j] = ba_target(key, j, edges_per_vertex);
	}
	eb->count = m;
	return WP_OK;
fail:
	wp_edgebuf_free(eb);
	return st;
}

/* ---- Watts-Strogatz ---------------------------------------------------------------------------
 */

wp_status wp_generate_watts_strogatz(wp_edgebuf *eb, uint32_t n, uint32_t k, double p,
                                     uint64_t seed, char *err)
{
	wp_status st = WP_OK;
	const char *what = "Watts-Strogatz";
	/* Refusals return at once: a non-empty buffer is the caller's and stays as it was. */
	if ((st = wpi_generate_check_empty(eb, what, err)) != WP_OK ||
	    (st = check_n(n, what, err)) != WP_OK)
		return st;
	if (k < 2 || k % 2 != 0 || k >= n)
		return wp_error(err, WP_EARG,
		                "%s generator: k = %u must be even, at least 2 and below n = %u",
		                what, k, n);
	if (!(p >= 0.0 && p <= 1.0))
		return wp_error(err, WP_EARG, "%s generator: p = %g is outside [0, 1]", what, p);
	uint32_t half = k / 2;
	uint64_t m = (uint64_t)n * half;
	if (m > MAX_EDGES)
		return wp_error(err, WP_ELIMIT, "%s generator: %llu edges is too many", what,
		                (unsigned long long)m);
	WP_TRY(wp_edgebuf_reserve(eb, m, err));
	WP_TRY(wpi_generate_label(eb, n, err));
	/* p as a 53-bit threshold, so p = 1 rewires every edge and p = 0 none. */
	uint64_t threshold = p >= 1.0 ? UINT64_MAX : (uint64_t)(p * 0x1.0p53);
	uint64_t blocks = (m + BLOCK - 1) / BLOCK;
	wp_vertex *src = eb->src, *dst = eb->dst;
#pragma omp parallel for schedule(static)
	for (uint64_t b = 0; b < blocks; b++) {
		wpi_rng r;
		wpi_rng_seed(&r, seed, b);
		uint64_t last = (b + 1) * BLOCK < m ? (b + 1) * BLOCK : m;
		for (uint64_t e = b * BLOCK; e < last; e++) {
			uint32_t v = (uint32_t)(e / half), d = (uint32_t)(e % half) + 1;
			uint32_t w = (uint32_t)(((uint64_t)v + d) % n);
			if (threshold == UINT64_MAX || (wpi_rng_next(&r) >> 11) < threshold) {
				/* Uniform among the n - 1 others: draw in [0, n - 1), skip v. */
				w = wpi_rng_below(&r, n - 1);
				w += w >= v;
			}
			src[e] = v;
			dst[e] = w;
		}
	}
	eb->count = m;
	return WP_OK;
fail:
	wp_edgebuf_free(eb);
	return st;
}

/* ---- G(n, p) ----------------------------------------------------------------------------------
 */

/* The pair of linear index t = v (v - 1) / 2 + w, w < v: v from the square root, then corrected
 * by at most a step either way for the double's rounding. */
static inline void gnp_pair(uint64_t t, wp_vertex *v, wp_vertex *w)
{
	uint64_t a = (uint64_t)((1.0 + sqrt(1.0 + 8.0 * (double)t)) / 2.0);
	while (a > 1 && a * (a - 1) / 2 > t)
		a--;
	while ((a + 1) * a / 2 <= t)
		a++;
	*v = (wp_vertex)a;
	*w = (wp_vertex)(t - a * (a - 1) / 2);
}

/* Walks the edges among pairs [first, last) of range `range`: counts them, and writes them at
 * src/dst when those are non-NULL. The same stream both times, so both passes agree. */
static uint64_t gnp_range(uint64_t seed, uint64_t range, uint64_t first, uint64_t last, double p,
                          double log_q, wp_vertex *src, wp_vertex *dst)
{
	wpi_rng r;
	wpi_rng_seed(&r, seed, range);
	uint64_t count = 0;
	uint64_t t = first;
	for (;;) {
		if (p < 1.0) {
			/* Gap ~ Geometric(p): floor(ln(1 - U) / ln(1 - p)) pairs skipped. */
			double gap = floor(log1p(-wpi_rng_unit(&r)) / log_q);
			if (!(gap < (double)(last - t)))
				break;
			t += (uint64_t)gap;
		}
		if (t >= last)
			break;
		if (src != NULL)
			gnp_pair(t, &src[count], &dst[count]);
		count++;
		t++;
	}
	return count;
}

wp_status wp_generate_gnp(wp_edgebuf *eb, uint32_t n, double p, uint64_t seed, char *err)
{
	wp_status st = WP_OK;
	uint64_t *start = NULL;
	const char *what = "G(n, p)";
	/* Refusals return at once: a non-empty buffer is the caller's and stays as it was. */
	if ((st = wpi_generate_check_empty(eb, what, err)) != WP_OK ||
	    (st = check_n(n, what, err)) != WP_OK)
		return st;
	if (!(p >= 0.0 && p <= 1.0))
		return wp_error(err, WP_EARG, "%s generator: p = %g is outside [0, 1]", what, p);
	uint64_t pairs = (uint64_t)n * (n - 1) / 2;
	double expected = (double)pairs * p;
	if (expected > (double)MAX_EDGES)
		return wp_error(err, WP_ELIMIT, "%s generator: %.3g expected edges is too many",
		                what, expected);
	WP_TRY(wpi_generate_label(eb, n, err));
	if (pairs == 0 || p == 0.0)
		return WP_OK;
	uint64_t ranges = (uint64_t)ceil(expected / GNP_RANGE_EDGES);
	ranges = ranges < 1 ? 1 : ranges > GNP_MAX_RANGES ? GNP_MAX_RANGES : ranges;
	ranges = ranges > pairs ? pairs : ranges;
	uint64_t span = (pairs + ranges - 1) / ranges;
	double log_q = log1p(-p);
	start = calloc((size_t)ranges + 1, sizeof(*start));
	if (start == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %llu range counts", (unsigned long long)ranges);
#pragma omp parallel for schedule(dynamic, 1)
	for (uint64_t i = 0; i < ranges; i++) {
		uint64_t first = i * span, last = first + span < pairs ? first + span : pairs;
		start[i + 1] =
		        first < last ? gnp_range(seed, i, first, last, p, log_q, NULL, NULL) : 0;
	}
	for (uint64_t i = 0; i < ranges; i++)
		start[i + 1] += start[i];
	uint64_t m = start[ranges];
	if (m > MAX_EDGES)
		WP_FAIL(WP_ELIMIT, "%s generator: %llu edges is too many", what,
		        (unsigned long long)m);
	WP_TRY(wp_edgebuf_reserve(eb, m > 0 ? m : 1, err));
	wp_vertex *src = eb->src, *dst = eb->dst;
#pragma omp parallel for schedule(dynamic, 1)
	for (uint64_t i = 0; i < ranges; i++) {
		uint64_t first = i * span, last = first + span < pairs ? first + span : pairs;
		if (first < last)
			gnp_range(seed, i, first, last, p, log_q, src + start[i], dst + start[i]);
	}
	eb->count = m;
	free(start);
	return WP_OK;
fail:
	free(start);
	wp_edgebuf_free(eb);
	return st;
}
