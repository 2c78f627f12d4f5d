/* generate.c - seeded, thread-count-independent Kronecker and uniform graph generators, and a fast
 * edge-list writer for benchmark inputs (see generate.h).
 *
 * Random numbers: xoshiro256** streams (generate_internal.h). Edges are made in blocks of BLOCK
 * edges; block b draws from a stream seeded by splitmix64 of (seed, b), so any thread may make any
 * block and the buffer is the same for every thread count (GAPBS's generator.h does the same with
 * one std::mt19937 per block).
 *
 * Kronecker (R-MAT): each edge descends `scale` levels of the adjacency matrix, choosing a
 * quadrant with probabilities A, B, C, D = 1 - A - B - C. One 64-bit draw serves two levels: each
 * 32-bit half is compared with the cumulative thresholds A, A+B, A+B+C scaled to 2^32, and the
 * two id bits follow without branches (src bit = r >= A+B; dst bit = (r >= A) ^ (r >= A+B) ^
 * (r >= A+B+C)). The ids are then scrambled by a Fisher-Yates shuffle (Lemire's unbiased bounded
 * draw), applied while the edges are made. Cost: scale/2 draws per edge, about 1 ns each.
 */
#include "bench/generate.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/generate_internal.h"
#include "engine/graph.h"
#include "engine/parallel.h"
#include "engine/snapshot.h"

#define BLOCK (1u << 14)              /* edges per random stream */
#define PERM_STREAM UINT64_MAX        /* the stream of the vertex permutation */
#define WRITE_BUF (4u << 20)          /* bytes formatted before each fwrite */
#define MAX_EDGES (UINT64_C(1) << 40) /* far beyond memory, but keeps the products in range */

/* R-MAT's cumulative quadrant probabilities, as fractions of 2^32. */
#define RMAT_A ((uint32_t)(0.57 * 4294967296.0))
#define RMAT_AB ((uint32_t)(0.76 * 4294967296.0))
#define RMAT_ABC ((uint32_t)(0.95 * 4294967296.0))

typedef enum kind { KRONECKER, UNIFORM } kind;

typedef wpi_rng rng;

/* One R-MAT level: appends the quadrant chosen by r to the ids. */
static inline void rmat_step(uint32_t r, uint32_t *u, uint32_t *v)
{
	uint32_t lo = r >= RMAT_A, mid = r >= RMAT_AB, hi = r >= RMAT_ABC;
	*u = (*u << 1) | mid;
	*v = (*v << 1) | (lo ^ mid ^ hi);
}

/* Makes edges [first, last) of block `block` into src/dst. */
static void make_block(kind k, int scale, uint64_t seed, uint64_t block, const uint32_t *perm,
                       wp_vertex *src, wp_vertex *dst, uint64_t first, uint64_t last)
{
	rng r;
	wpi_rng_seed(&r, seed, block);
	if (k == UNIFORM) {
		int shift = 32 - scale;
		for (uint64_t i = first; i < last; i++) {
			uint64_t x = wpi_rng_next(&r);
			src[i] = (uint32_t)(x >> 32) >> shift;
			dst[i] = (uint32_t)x >> shift;
		}
		return;
	}
	for (uint64_t i = first; i < last; i++) {
		uint32_t u = 0, v = 0;
		int d = 0;
		for (; d + 2 <= scale; d += 2) {
			uint64_t x = wpi_rng_next(&r);
			rmat_step((uint32_t)x, &u, &v);
			rmat_step((uint32_t)(x >> 32), &u, &v);
		}
		if (d < scale)
			rmat_step((uint32_t)wpi_rng_next(&r), &u, &v);
		src[i] = perm[u];
		dst[i] = perm[v];
	}
}

static const char digit_pairs[201] = "00010203040506070809"
                                     "10111213141516171819"
                                     "20212223242526272829"
                                     "30313233343536373839"
                                     "40414243444546474849"
                                     "50515253545556575859"
                                     "60616263646566676869"
                                     "70717273747576777879"
                                     "80818283848586878889"
                                     "90919293949596979899";

/* Writes v in decimal at p (at most 10 bytes) and returns the end; two digits per division. */
static char *put_u32(char *p, uint32_t v)
{
	char tmp[10];
	char *end = tmp + sizeof(tmp), *q = end;
	while (v >= 100) {
		uint32_t r = v % 100;
		v /= 100;
		q -= 2;
		memcpy(q, digit_pairs + (size_t)r * 2, 2);
	}
	if (v >= 10) {
		q -= 2;
		memcpy(q, digit_pairs + (size_t)v * 2, 2);
	} else {
		*--q = (char)('0' + v);
	}
	memcpy(p, q, (size_t)(end - q));
	return p + (end - q);
}

wp_status wpi_generate_label(wp_edgebuf *eb, uint64_t n, char *err)
{
	wp_status st = WP_OK;
	char text[16];
	for (uint64_t i = 0; i < n; i++) {
		size_t len = (size_t)(put_u32(text, (uint32_t)i) - text);
		wp_vertex id = WP_NO_VERTEX;
		WP_TRY(wp_labels_intern(&eb->labels, text, len, &id, NULL, err));
	}
	return WP_OK;
fail:
	return st;
}

static wp_status generate(wp_edgebuf *eb, kind k, int scale, int edge_factor, uint64_t seed,
                          char *err)
{
	wp_status st = WP_OK;
	uint32_t *perm = NULL;
	const char *what = k == KRONECKER ? "Kronecker" : "uniform";

	st = wpi_generate_check_empty(eb, what, err);
	if (st != WP_OK)
		return st;
	if (scale < 1 || scale > WP_GENERATE_MAX_SCALE)
		return wp_error(err, WP_EARG, "%s generator: scale %d is outside 1..%d", what,
		                scale, WP_GENERATE_MAX_SCALE);
	if (edge_factor < 1)
		return wp_error(err, WP_EARG, "%s generator: edge factor %d is below 1", what,
		                edge_factor);
	uint64_t n = UINT64_C(1) << scale;
	if ((uint64_t)edge_factor > MAX_EDGES / n)
		return wp_error(err, WP_ELIMIT, "%s generator: 2^%d x %d edges is too many", what,
		                scale, edge_factor);
	uint64_t m = n * (uint64_t)edge_factor;

	WP_TRY(wp_edgebuf_reserve(eb, m, err));
	WP_TRY(wpi_generate_label(eb, n, err));
	if (k == KRONECKER) {
		perm = malloc((size_t)n * sizeof(*perm));
		if (perm == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate a permutation of %llu vertices",
			        (unsigned long long)n);
		for (uint64_t i = 0; i < n; i++)
			perm[i] = (uint32_t)i;
		rng r;
		wpi_rng_seed(&r, seed, PERM_STREAM);
		for (uint64_t i = n - 1; i > 0; i--) {
			uint32_t j = wpi_rng_below(&r, (uint32_t)(i + 1));
			uint32_t t = perm[i];
			perm[i] = perm[j];
			perm[j] = t;
		}
	}

	uint64_t blocks = (m + BLOCK - 1) / BLOCK;
	wp_vertex *src = eb->src, *dst = eb->dst;

#pragma omp parallel for schedule(dynamic, 4)
	for (uint64_t b = 0; b < blocks; b++) {
		uint64_t first = b * BLOCK, last = first + BLOCK < m ? first + BLOCK : m;
		make_block(k, scale, seed, b, perm, src, dst, first, last);
	}
	eb->count = m;
	free(perm);
	return WP_OK;
fail:
	free(perm);
	wp_edgebuf_free(eb);
	return st;
}

wp_status wpi_generate_check_empty(const wp_edgebuf *eb, const char *what, char *err)
{
	if (eb->count != 0 || eb->cap != 0 || wp_labels_count(&eb->labels) != 0 ||
	    eb->attrs.count != 0)
		return wp_error(err, WP_EARG, "%s generator: the edge buffer must be empty", what);
	return WP_OK;
}

wp_status wp_generate_kronecker(wp_edgebuf *eb, int scale, int edge_factor, uint64_t seed,
                                char *err)
{
	return generate(eb, KRONECKER, scale, edge_factor, seed, err);
}

wp_status wp_generate_uniform(wp_edgebuf *eb, int scale, int edge_factor, uint64_t seed, char *err)
{
	return generate(eb, UNIFORM, scale, edge_factor, seed, err);
}

wp_status wp_generate_write_edgelist(const wp_edgebuf *eb, const char *path, char *err)
{
	wp_status st = WP_OK;
	FILE *f = NULL;
	bool created = false;
	char *buf = malloc(WRITE_BUF);
	if (buf == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a %u-byte write buffer", WRITE_BUF);
	f = fopen(path, "wb");
	if (f == NULL)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	created = true;
	/* Our blocks are large: stdio's own buffer would only add a copy. */
	setvbuf(f, NULL, _IONBF, 0);
	char *p = buf, *limit = buf + WRITE_BUF - 32; /* room for one more line */
	for (uint64_t i = 0; i < eb->count; i++) {
		p = put_u32(p, eb->src[i]);
		*p++ = ' ';
		p = put_u32(p, eb->dst[i]);
		*p++ = '\n';
		if (p >= limit || i + 1 == eb->count) {
			size_t len = (size_t)(p - buf);
			if (fwrite(buf, 1, len, f) != len)
				WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
			p = buf;
		}
	}
	FILE *done = f;
	f = NULL;
	if (fclose(done) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	free(buf);
	return WP_OK;
fail:
	if (f != NULL)
		fclose(f);
	if (created)
		remove(path);
	free(buf);
	return st;
}

wp_status wp_generate_write_snapshot(wp_edgebuf *eb, const char *path, char *err)
{
	wp_status st = WP_OK;
	wp_graph g = {0};
	WP_TRY(wp_graph_build(&g, eb, false, err));
	WP_TRY(wp_snapshot_write(&g, path, err));
	wp_graph_free(&g);
	return WP_OK;
fail:
	wp_graph_free(&g);
	wp_edgebuf_free(eb);
	return st;
}
