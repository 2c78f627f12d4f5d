/* betweenness.h - betweenness centrality: exact (Brandes) and approximate with a guarantee
 * (KADABRA).
 *
 * Betweenness of v: B(v) = sum over ordered pairs (s, t), s != v != t, s != t, of
 * sigma_st(v) / sigma_st, where sigma_st counts the shortest s-t paths and sigma_st(v) those
 * through v. For an undirected graph every unordered pair is counted once (the ordered sum is
 * halved), exactly as igraph_betweenness() and networkx (normalized=False) report it.
 *
 * Exact: Brandes's algorithm (one BFS or Dijkstra search per source plus a reverse dependency
 * sweep), parallel over sources. Approximate: KADABRA (Borassi and Natale, ESA 2016), adaptive
 * sampling of random shortest paths, every value within +-eps of the exact *normalised* value
 * b(v) = B_ordered(v) / (n (n - 1)) with probability at least 1 - delta. Both give results that
 * depend only on the graph and the options (and the seed), never on the thread count: bitwise
 * identical for 1, 2, 4 or 7 threads. The exact kernels are in betweenness.c, KADABRA in
 * betweenness_approx.c.
 */
#ifndef WP_BETWEENNESS_H
#define WP_BETWEENNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

/* Options of exact betweenness; start from WP_BETWEENNESS_DEFAULTS and set what differs. */
typedef struct wp_betweenness_opts {
	const float *weights;     /* arc lengths parallel to g->targets (m entries), all finite
	                           * and > 0, e.g. g->weights; NULL: every arc has length 1 (BFS) */
	bool normalized;          /* divide by the pairs that avoid v: undirected B(v) x
	                           * 2 / ((n - 1)(n - 2)), directed B(v) / ((n - 1)(n - 2)) (igraph's
	                           * and networkx's convention); no change when n <= 2 */
	const wp_vertex *sources; /* only paths from these vertices (one listed twice counts twice,
	                           * as in igraph); NULL: all */
	uint32_t source_count;
	const wp_vertex *targets; /* only paths to these vertices; NULL: all */
	uint32_t target_count;
	int threads; /* OpenMP threads; 0: wp_max_threads() */
} wp_betweenness_opts;

#define WP_BETWEENNESS_DEFAULTS                     \
	((wp_betweenness_opts){.weights = NULL,     \
	                       .normalized = false, \
	                       .sources = NULL,     \
	                       .source_count = 0,   \
	                       .targets = NULL,     \
	                       .target_count = 0,   \
	                       .threads = 0})

/* Exact, unweighted betweenness of every vertex of g into scores (n doubles, caller-allocated),
 * identical to igraph_betweenness(g, scores, all, directed = true, weights = NULL) within
 * rounding (1e-9 relative). Arc directions are followed in a directed graph. Same as
 * wp_betweenness_exact_opts() with WP_BETWEENNESS_DEFAULTS. */
wp_status wp_betweenness_exact(const wp_graph *g, double *scores, char *err);

/* Exact betweenness with options (opts NULL = WP_BETWEENNESS_DEFAULTS).
 *
 * With sources S and/or targets T, scores[v] = sum over s in S, t in T, s != t, v not in
 * {s, t}, of sigma_st(v) / sigma_st, halved for an undirected graph: igraph_betweenness_subset()
 * (used for "brokers": the people on the shortest chains from members to prospects). Weighted:
 * path lengths are sums of arc lengths, computed in double; two lengths count as equal when they
 * agree within igraph's relative tolerance (1e-10), as igraph_betweenness does.
 *
 * scores is written only on success. Errors: WP_EARG (a weight <= 0, infinite or NaN; a source
 * or target out of range; a count with a NULL list), WP_ENOMEM. Time O(|S| (n + m)) unweighted,
 * O(|S| (n + m) log n) weighted; memory: per thread 26 bytes per vertex plus two bits per arc
 * (unweighted) or 28 bytes per vertex (weighted), and one double per vertex for each of up to
 * 64 lanes of sources (capped at 1 GiB). Lanes are summed in a fixed order, so scores are
 * bitwise identical for any thread count. Call outside OpenMP parallel regions (it opens its
 * own). */
wp_status wp_betweenness_exact_opts(const wp_graph *g, const wp_betweenness_opts *opts,
                                    double *scores, char *err);

/* Options of approximate betweenness; start from WP_KADABRA_DEFAULTS. */
typedef struct wp_kadabra_opts {
	double eps;     /* absolute error bound on the normalised value b(v), 0 < eps < 1 */
	double delta;   /* failure probability, 0 < delta < 1 */
	uint32_t top_k; /* 0: every value within eps; k > 0: stop as soon as the k largest are
	                 * separated from the rest or known within eps (KADABRA's top-k mode) */
	uint64_t seed;  /* the output depends only on (graph, eps, delta, top_k, seed) */
	int threads;    /* OpenMP threads; 0: wp_max_threads() */
} wp_kadabra_opts;

#define WP_KADABRA_DEFAULTS \
	((wp_kadabra_opts){.eps = 0.01, .delta = 0.1, .top_k = 0, .seed = 1, .threads = 0})

/* What a KADABRA run did. */
typedef struct wp_kadabra_info {
	uint64_t samples;         /* samples behind the scores (random pairs, connected or not);
	                           * the first round's max(omega / 100, 256) come on top */
	uint64_t omega;           /* the worst-case sample count from the vertex-diameter bound */
	uint32_t vertex_diameter; /* the upper bound on the vertices of a shortest path used */
	uint32_t epochs;          /* stopping-condition checks made */
	bool stopped_early;       /* the adaptive condition held before omega samples */
	uint32_t top_separated;   /* top-k mode: how many of the first k are certainly ranked */
} wp_kadabra_info;

/* Approximate normalised betweenness b(v) = B_ordered(v) / (n (n - 1)) of every vertex into
 * scores (n doubles, caller-allocated): with probability >= 1 - delta, |scores[v] - b(v)| <= eps
 * for every v at once. In terms of wp_betweenness_exact (igraph's scale): B(v) ~= scores[v] x
 * n (n - 1) / 2 for undirected graphs and x n (n - 1) for directed ones; the normalised exact
 * value (opts.normalized) is b(v) x n / (n - 2) for both. Unweighted only (hop
 * counts; g->weights are ignored). Same as wp_betweenness_approx_opts() with
 * WP_KADABRA_DEFAULTS and the given eps, delta and seed. */
wp_status wp_betweenness_approx(const wp_graph *g, double eps, double delta, uint64_t seed,
                                double *scores, char *err);

/* KADABRA with options (opts NULL = WP_KADABRA_DEFAULTS); info, if non-NULL, receives the
 * statistics of the run. Samples are pairs drawn uniformly (s != t), each with a random
 * shortest path found by balanced bidirectional BFS; sample i uses its own random stream made
 * from (seed, i), and the stopping condition is checked only at fixed sample counts, so the
 * result is the same for every thread count. scores and info are written only on success.
 * Errors: WP_EARG (eps or delta outside (0, 1), top_k > n, or eps so small that omega would
 * pass 4e9 samples), WP_ENOMEM. Time: at most omega samples, each costing a bidirectional BFS
 * (far below O(n + m) on social graphs), plus O(n + m); memory 20 bytes per vertex per thread
 * and 16 shared. */
wp_status wp_betweenness_approx_opts(const wp_graph *g, const wp_kadabra_opts *opts, double *scores,
                                     wp_kadabra_info *info, char *err);

#endif
