/* separation.h - degrees of separation: the distance distribution of a graph, its average
 * distance, effective diameter and "degrees of separation", exactly or by HyperANF.
 *
 * Definitions. d(x, y) is the number of arcs on a shortest path from x to y (along the arcs of a
 * directed graph; edge weights are ignored). The neighbourhood function N(t) is the number of
 * ordered pairs (x, y), x = y included, with d(x, y) <= t (Palmer, Gibbons and Faloutsos's ANF;
 * Boldi, Rosa and Vigna's HyperANF), so N(0) = n and N(t) grows to N(inf), the reachable pairs.
 *
 *  - distance distribution: pairs[d - 1] = the number of pairs at distance exactly d, for
 *    d = 1 .. max_distance. Pairs are counted as igraph_path_length_hist() counts them: unordered
 *    pairs {x, y} in an undirected graph (each once), ordered pairs (x, y) in a directed one.
 *    `unconnected` counts the pairs (same convention) with no path.
 *  - average distance: the mean of d(x, y) over pairs x != y with a path (igraph's
 *    igraph_average_path_length with unconn = true); NaN when no such pair exists.
 *  - effective diameter (at 90%): the 90th percentile of the distances, interpolated linearly
 *    between integer distances as in Leskovec, Kleinberg and Faloutsos (KDD 2005) and in the
 *    HyperANF paper and WebGraph's NeighbourhoodFunction.effectiveDiameter: with D the smallest t
 *    such that N(t) >= 0.9 N(inf), it is D - 1 + (0.9 N(inf) - N(D - 1)) / (N(D) - N(D - 1)),
 *    and 0 when D = 0. Like WebGraph, N counts ordered pairs with the n pairs (x, x) at distance 0.
 *  - degrees of separation: average distance - 1, the number of intermediaries between two people
 *    (Backstrom, Boldi, Rosa, Ugander and Vigna, "Four degrees of separation", WebSci 2012: 3.74
 *    on Facebook).
 *
 * Methods. Exact: one breadth-first search from every vertex, 64 x 4 searches at a time by
 * multi-source bit-parallel BFS (see separation_exact.c); O(n (n + m) / 256) word operations,
 * results are integers, identical whatever the thread count. Approximate: HyperANF (Boldi, Rosa
 * and Vigna, "HyperANF: approximating the neighbourhood function of very large graphs on a
 * budget", WWW 2011; see separation_hyperanf.c): one HyperLogLog counter of 2^b registers per
 * vertex, N(t) as the sum of the counters' estimates. Each counter has relative standard error
 * 1.04 / sqrt(2^b) (Flajolet, Fusy, Gandouet and Meunier, 2007); the estimate of N(t) has at most
 * that relative standard error too (the paper's Theorem 1), and is usually far better since the
 * vertices' errors partly cancel. Time O(D (n + m) 2^b / 12) word operations for D iterations
 * (the diameter, plus one); memory two counters of ceil(2^b / 12) words (rounded up to whole
 * cache lines: 128 bytes each at b = 7) per vertex, and a degree-ordered copy of the arcs (4 bytes
 * each). The result depends on the seed (which hashes the vertices), not on the thread count.
 *
 * WP_SEPARATION_AUTO runs the exact method when n x m <= WP_SEPARATION_EXACT_LIMIT (a few
 * seconds of one core; see docs/separation.md), HyperANF otherwise.
 */
#ifndef WP_SEPARATION_H
#define WP_SEPARATION_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

/* The largest n x m (vertices times stored arcs) for which WP_SEPARATION_AUTO runs exactly: a few
 * seconds of one core (kron-15, n x m = 2.9e10, took 3.2 s of CPU; docs/separation.md). */
#define WP_SEPARATION_EXACT_LIMIT 20000000000.0

typedef enum wp_separation_method {
	WP_SEPARATION_AUTO = 0,    /* exact up to WP_SEPARATION_EXACT_LIMIT, else HyperANF */
	WP_SEPARATION_EXACT = 1,   /* bit-parallel BFS from every vertex */
	WP_SEPARATION_HYPERANF = 2 /* HyperLogLog counters */
} wp_separation_method;

/* Registers per HyperANF counter: 2^b for b in [WP_SEPARATION_MIN_LOG2, WP_SEPARATION_MAX_LOG2]. */
#define WP_SEPARATION_MIN_LOG2 4
#define WP_SEPARATION_MAX_LOG2 16

/* Options; start from WP_SEPARATION_DEFAULTS and set what differs. */
typedef struct wp_separation_opts {
	wp_separation_method method;
	uint32_t log2_registers; /* HyperANF: b, 2^b registers per counter (default 7: relative
	                          * standard error 9.2% per counter) */
	uint64_t seed;           /* HyperANF: the hash seed; the result depends on it alone */
	int threads;             /* OpenMP threads; 0: wp_max_threads() */
} wp_separation_opts;

#define WP_SEPARATION_DEFAULTS \
	((wp_separation_opts){ \
	        .method = WP_SEPARATION_AUTO, .log2_registers = 7, .seed = 1, .threads = 0})

typedef struct wp_separation {
	bool exact;                   /* computed by BFS (else HyperANF) */
	bool directed;                /* pairs are ordered (else unordered) */
	uint32_t max_distance;        /* the largest finite distance seen; length of pairs */
	double *pairs;                /* max_distance: pairs at distance d = 1 .. max_distance in
	                               * pairs[d - 1]; integers when exact (exact below 2^53) */
	double *neighbourhood;        /* max_distance + 1: N(0) .. N(max_distance), ordered pairs */
	double reachable;             /* pairs x != y with a path (same convention as pairs) */
	double unconnected;           /* pairs x != y without a path (same convention as pairs) */
	double average_distance;      /* NaN when reachable = 0 */
	double effective_diameter;    /* 90th percentile, interpolated; 0 when reachable = 0 */
	double degrees_of_separation; /* average_distance - 1 */
	double relative_standard_error; /* of each HyperANF counter: 1.04 / sqrt(2^b); 0 if exact */
	uint32_t log2_registers;        /* b used (0 when exact) */
	uint32_t iterations;            /* BFS levels or HyperANF iterations run */
} wp_separation;

/* The distance distribution and its summaries for g (opts NULL = WP_SEPARATION_DEFAULTS). res is
 * cleared on entry and written only on success; release it with wp_separation_free(). Errors:
 * WP_EARG (log2_registers outside [4, 16], an unknown method), WP_ENOMEM. The null graph gives an
 * empty distribution with average distance NaN. Call outside OpenMP parallel regions. */
wp_status wp_separation_compute(const wp_graph *g, const wp_separation_opts *opts,
                                wp_separation *res, char *err);

/* Whether WP_SEPARATION_AUTO would compute g exactly. */
bool wp_separation_exact_feasible(const wp_graph *g);

/* The effective diameter at alpha in (0, 1] of a neighbourhood function N(0 .. len - 1), as
 * defined above (0 when len = 0 or N is constant). */
double wp_separation_effective_diameter(const double *N, uint32_t len, double alpha);

/* Releases res and zeroes it; accepts a zeroed or already freed struct. */
void wp_separation_free(wp_separation *res);

#endif
