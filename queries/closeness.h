/* closeness.h - closeness and harmonic centrality (hop distances), exact or from sampled sources.
 *
 * Definitions are igraph 0.10's (igraph_closeness, igraph_harmonic_centrality and their _cutoff
 * variants, unweighted), so that the two can be compared value for value. Let d(v, u) be the
 * number of arcs on a shortest path from v to u (mode OUT; with mode IN, from u to v; undirected
 * graphs have one d), R(v) the vertices u != v with d(v, u) finite and, when a cutoff h >= 0 is
 * given, d(v, u) <= h:
 *
 *   closeness(v) = 1 / sum_{u in R(v)} d(v, u)        normalised: |R(v)| / sum_{u in R(v)} d(v, u)
 *   harmonic(v)  = sum_{u in R(v)} 1 / d(v, u)        normalised: harmonic(v) / (n - 1)
 *
 * so closeness on a disconnected graph is taken over the vertices v reaches (normalised: one over
 * the mean distance to them), a vertex that reaches nothing has closeness NaN and harmonic 0, and
 * a one-vertex graph has harmonic 0 whether normalised or not. Edge weights are ignored: every
 * arc has length 1.
 *
 * Exact values come from one breadth-first search per vertex, run 64 x `words` searches at a time
 * by multi-source bit-parallel BFS (MS-BFS); see closeness.c. They are sums of integers (or of
 * fixed-point reciprocals, for harmonic), so they are bitwise identical whatever the thread count.
 *
 * Approximate values come from k sources sampled uniformly without replacement (seeded), scaled
 * by n / k: harmonic is the standard unbiased estimate, closeness the Eppstein-Wang estimate
 * (Eppstein and Wang, "Fast approximation of centrality", J. Graph Algorithms Appl. 8(1), 2004).
 * With k = wp_closeness_sample_size(n, eps, delta) sources, Hoeffding's inequality (which holds
 * for sampling without replacement) and a union bound over the n vertices give, with probability
 * at least 1 - delta, for every vertex v at once:
 *   - |estimated - exact| <= eps x n / (n - 1) for normalised harmonic centrality (any graph);
 *   - on a (strongly) connected graph of diameter D without cutoff, the estimated mean distance
 *     1 / normalised closeness is within (eps + 1/k) D of the exact one.
 * On a disconnected graph the closeness estimate is a ratio of sampled sums (the mean distance to
 * the sampled sources v reaches); it has no such bound when v reaches few vertices.
 */
#ifndef WP_CLOSENESS_H
#define WP_CLOSENESS_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

/* Which distances a directed graph uses; undirected graphs ignore it. */
typedef enum wp_closeness_mode {
	WP_CLOSENESS_OUT = 0, /* d(v, u) along the arcs, from v: igraph's IGRAPH_OUT */
	WP_CLOSENESS_IN = 1   /* d(u, v), paths into v: igraph's IGRAPH_IN */
} wp_closeness_mode;

/* Options; start from WP_CLOSENESS_DEFAULTS and set what differs. */
typedef struct wp_closeness_opts {
	wp_closeness_mode mode;
	bool normalized;  /* closeness x |R(v)|, harmonic / (n - 1), as above */
	int64_t cutoff;   /* longest distance counted (igraph's cutoff); negative: no limit */
	uint32_t samples; /* 0 or >= n: exact, every vertex a source; otherwise approximate from
	                   * this many sampled sources (see wp_closeness_sample_size) */
	uint64_t seed;    /* the sample depends only on (n, samples, seed) */
	uint32_t words;   /* 64-bit words of sources per vertex in one pass (1 .. 16); 0: automatic.
	                   * Changes speed and memory, never the result */
	int threads;      /* OpenMP threads; 0: wp_max_threads() */
} wp_closeness_opts;

#define WP_CLOSENESS_DEFAULTS                          \
	((wp_closeness_opts){.mode = WP_CLOSENESS_OUT, \
	                     .normalized = false,      \
	                     .cutoff = -1,             \
	                     .samples = 0,             \
	                     .seed = 1,                \
	                     .words = 0,               \
	                     .threads = 0})

/* Closeness and harmonic centrality of every vertex. */
typedef struct wp_closeness {
	uint32_t n;
	double *closeness;   /* n; NaN where R(v) is empty */
	double *harmonic;    /* n */
	uint32_t *reachable; /* n: |R(v)| (igraph's reachable_count); approximate: the number of
	                      * sampled sources in R(v) */
	bool all_reachable;  /* |R(v)| = n - 1 for every v (igraph's all_reachable; true for the
	                      * null graph); approximate: every v reaches every sampled source */
	bool approximate;    /* values are estimates from `sources` sampled sources */
	uint32_t sources;    /* searches run: n when exact */
	uint32_t words;      /* words per vertex used (64 x words sources per pass) */
} wp_closeness;

/* Exact, unnormalised closeness and harmonic centrality of every vertex of g along out-arcs:
 * wp_closeness_compute_opts() with WP_CLOSENESS_DEFAULTS. */
wp_status wp_closeness_compute(const wp_graph *g, wp_closeness *res, char *err);

/* Closeness and harmonic centrality with options (opts NULL = WP_CLOSENESS_DEFAULTS). res is
 * cleared on entry and written only on success; release it with wp_closeness_free(). Errors:
 * WP_EARG (words above 16), WP_ENOMEM. Time O(k (n + m)) for k sources (k = n when exact), in
 * passes of 64 x words sources per thread; memory per thread 24 x words + 32 bytes per vertex.
 * Call outside OpenMP parallel regions (it opens its own). */
wp_status wp_closeness_compute_opts(const wp_graph *g, const wp_closeness_opts *opts,
                                    wp_closeness *res, char *err);

/* Sources that make the approximation's guarantee hold (see above) for n vertices:
 * ceil(ln(2n / delta) / (2 eps^2)), at most n (then the result is exact); 0 for n = 0 or for eps
 * or delta outside (0, 1). For eps = 0.05 and delta = 0.1: 2,692 sources for 35,000
 * vertices and 3,363 for a million. */
uint32_t wp_closeness_sample_size(uint32_t n, double eps, double delta);

/* Releases res and zeroes it; accepts a zeroed or already freed struct. */
void wp_closeness_free(wp_closeness *res);

#endif
