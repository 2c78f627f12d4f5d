/* pagerank.h - PageRank and personalised PageRank by pull-based power iteration.
 *
 * The scores are the stationary distribution of a random walk that, at each step, with
 * probability `damping` follows an out-arc of its vertex (chosen in proportion to the arc's
 * weight, or uniformly) and otherwise restarts at a vertex drawn from the restart distribution r:
 * uniform (1/n) for PageRank, or concentrated on a set of vertices (for example "our members"),
 * or any non-negative weights, for personalised PageRank. A dangling vertex (no out-arc, or only
 * arcs of weight 0) restarts with probability 1, that is, its score goes to r, which is how
 * igraph's PRPACK solver treats it (igraph_personalized_pagerank() passes its normalised reset
 * vector to PRPACK as both the teleport and the dangling distribution). An undirected graph walks
 * both ways along every edge. Scores sum to 1, and they match
 * igraph_personalized_pagerank(IGRAPH_PAGERANK_ALGO_PRPACK, directed = true) within the
 * iteration's tolerance: with the default tolerance, within 1e-7 in L1 norm.
 *
 * Each iteration pulls, for every vertex in parallel, the contributions of its in-neighbours in
 * their sorted order; global sums (the dangling mass and the change) are added block by block in
 * a fixed order. So the scores are bitwise identical whatever the thread count.
 */
#ifndef WP_PAGERANK_H
#define WP_PAGERANK_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

/* Options; start from WP_PAGERANK_DEFAULTS and set what differs. */
typedef struct wp_pagerank_opts {
	double damping;            /* probability of following an arc, 0 <= damping < 1 */
	double tolerance;          /* stop once sum_v |x_new(v) - x_old(v)| < tolerance; the L1
	                            * distance to the exact scores is then below
	                            * tolerance x damping / (1 - damping) */
	uint32_t max_iterations;   /* stop after this many iterations even if not converged */
	bool weighted;             /* walk arcs in proportion to g's weights (g must be weighted;
	                            * weights >= 0, arcs of weight 0 are never walked) */
	const wp_vertex *personal; /* restart uniformly at these vertices (duplicates count
	                            * once more each); NULL: see reset */
	uint32_t personal_count;
	const double *reset; /* n non-negative restart weights, not all 0 (igraph's reset
	                      * vector), used when personal is NULL; NULL: uniform */
	int threads;         /* OpenMP threads; 0: wp_max_threads() */
} wp_pagerank_opts;

#define WP_PAGERANK_DEFAULTS                        \
	((wp_pagerank_opts){.damping = 0.85,        \
	                    .tolerance = 1e-8,      \
	                    .max_iterations = 1000, \
	                    .weighted = false,      \
	                    .personal = NULL,       \
	                    .personal_count = 0,    \
	                    .reset = NULL,          \
	                    .threads = 0})

/* What a run did. */
typedef struct wp_pagerank_info {
	uint32_t iterations; /* iterations run */
	double change;       /* L1 change of the last iteration */
	bool converged;      /* change < tolerance (false: stopped by max_iterations) */
} wp_pagerank_info;

/* PageRank of every vertex of g into scores (n doubles, caller-allocated), damping 0.85,
 * unweighted, uniform restart: wp_pagerank_compute_opts() with WP_PAGERANK_DEFAULTS. */
wp_status wp_pagerank_compute(const wp_graph *g, double *scores, char *err);

/* PageRank with options (opts NULL = WP_PAGERANK_DEFAULTS); info, if non-NULL, receives what the
 * run did. Not converging within max_iterations is not an error: the scores of the last
 * iteration are returned and info->converged is false. scores and info are written only on
 * success. Errors: WP_EARG (damping outside [0, 1), tolerance not positive, weighted on an
 * unweighted graph, a negative or NaN weight or reset value, reset values summing to 0, a personal
 * vertex out of range or an empty personal set), WP_ENOMEM. Time O(n + m) per iteration;
 * memory 32 bytes per vertex. Call outside OpenMP parallel regions (it opens its own). */
wp_status wp_pagerank_compute_opts(const wp_graph *g, const wp_pagerank_opts *opts, double *scores,
                                   wp_pagerank_info *info, char *err);

#endif
