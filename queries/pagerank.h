/* pagerank.h - PageRank and personalised PageRank by pull-based Gauss-Seidel or power iteration.
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
 * igraph_personalized_pagerank(IGRAPH_PAGERANK_ALGO_PRPACK, directed = true) within the bound
 * below: with the default damping and tolerance, within 1e-6 in L1 norm whatever the graph (the
 * tests check it; the distance is typically near 1e-8).
 *
 * Two iterations (opts.method), both pulling over the in-adjacency and stopping once a sweep
 * changes the iterate by less than `tolerance` in L1 (sum_v |x_new(v) - x_old(v)| < tolerance,
 * the criterion of GAPBS's pr, so times at one tolerance compare like with like):
 * - Gauss-Seidel (the default; faster: fewer sweeps, one array of contributions, and at
 *   tolerance >= WP_PAGERANK_FLOAT_TOLERANCE those contributions in float, half the bytes of the
 *   random gather). It iterates on PageRank without the dangling term, whose solution is
 *   PageRank scaled by `sum` <= 1 (GAPBS's pr iterates on the same equations), corrects the
 *   overall level between sweeps (pagerank.c), and divides by the sum at the end. Updates in
 *   place; in parallel each thread reads whatever the others have written, so the scores depend
 *   on the thread count, within the bound below.
 * - Jacobi (power iteration on the scores themselves, which sum to 1 throughout): iteration k
 *   reads only iteration k - 1, global sums are added block by block in a fixed order, so the
 *   scores are bitwise identical whatever the thread count.
 * Error bound (both methods): the L1 distance of the scores to the exact ones is at most
 * wp_pagerank_error_bound() = 2 d/(1 - d) (change / sum + u), where d is the damping, change and
 * sum are in wp_pagerank_info, and u the rounding of the stored contributions (2^-24 in float,
 * 1e-15 in double). So two runs (any methods, any thread counts) differ by at most the sum of
 * their bounds; with damping 0.85 and the default tolerance 1e-8, each bound is below
 * 1.2e-7 / sum, and sum >= 1 - d. Why: every value a sweep reads is a vertex's value before or
 * after its update in that sweep, so the residual of the result is at most d x change; the
 * factor 2 covers the final division by the sum (see pagerank.c).
 */
#ifndef WP_PAGERANK_H
#define WP_PAGERANK_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

/* Gauss-Seidel stores contributions in float from this tolerance up: their rounding then adds
 * 2 d/(1 - d) 2^-24 (6.8e-7 at damping 0.85) to the error bound, a small part of what the
 * tolerance already allows (at least 2 d/(1 - d) tolerance); below it, in double. */
#define WP_PAGERANK_FLOAT_TOLERANCE 1e-6

typedef enum wp_pagerank_method {
	WP_PAGERANK_GAUSS_SEIDEL = 0, /* in place; the default, faster */
	WP_PAGERANK_JACOBI = 1        /* power iteration, bitwise thread-independent */
} wp_pagerank_method;

/* Options; start from WP_PAGERANK_DEFAULTS and set what differs. */
typedef struct wp_pagerank_opts {
	wp_pagerank_method method;
	double damping;            /* probability of following an arc, 0 <= damping < 1 */
	double tolerance;          /* stop once a sweep changes the iterate by less than this in
	                            * L1 (sum_v |x_new(v) - x_old(v)|); bound: see above */
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

#define WP_PAGERANK_DEFAULTS                                    \
	((wp_pagerank_opts){.method = WP_PAGERANK_GAUSS_SEIDEL, \
	                    .damping = 0.85,                    \
	                    .tolerance = 1e-8,                  \
	                    .max_iterations = 1000,             \
	                    .weighted = false,                  \
	                    .personal = NULL,                   \
	                    .personal_count = 0,                \
	                    .reset = NULL,                      \
	                    .threads = 0})

/* What a run did. */
typedef struct wp_pagerank_info {
	uint32_t iterations; /* iterations (sweeps) run */
	double change;       /* L1 change of the last iteration */
	bool converged;      /* change < tolerance (false: stopped by max_iterations) */
	bool single;         /* contributions were stored in float (Gauss-Seidel at a loose
	                      * tolerance), so u = 2^-24 in the error bound */
	double sum;          /* the sum of the iterate, which the scores were divided by: 1 up
	                      * to rounding for Jacobi; for Gauss-Seidel, 1 minus the mass lost
	                      * at dangling vertices (at least 1 - damping) */
} wp_pagerank_info;

/* The bound above on the L1 distance between the scores of a run that returned info and the
 * exact PageRank with this damping. */
static inline double wp_pagerank_error_bound(double damping, const wp_pagerank_info *info)
{
	double u = info->single ? 0x1p-24 : 1e-15;
	return 2 * damping / (1 - damping) * (info->change / info->sum + u);
}

/* PageRank of every vertex of g into scores (n doubles, caller-allocated), damping 0.85,
 * unweighted, uniform restart: wp_pagerank_compute_opts() with WP_PAGERANK_DEFAULTS. */
wp_status wp_pagerank_compute(const wp_graph *g, double *scores, char *err);

/* PageRank with options (opts NULL = WP_PAGERANK_DEFAULTS); info, if non-NULL, receives what the
 * run did. Not converging within max_iterations is not an error: the scores of the last
 * iteration are returned and info->converged is false. scores and info are written only on
 * success. Errors: WP_EARG (an unknown method, damping outside [0, 1), tolerance not positive,
 * weighted on an unweighted graph, a negative or NaN weight or reset value, reset values summing to
 * 0, a personal vertex out of range or an empty personal set), WP_ENOMEM. Time O(n + m) per
 * iteration; memory beyond the scores 24 bytes per vertex (Jacobi), 4 or 8 (Gauss-Seidel; 8
 * more when weighted), plus 8 with a personalised restart. Call outside OpenMP parallel regions (it
 * opens its own). */
wp_status wp_pagerank_compute_opts(const wp_graph *g, const wp_pagerank_opts *opts, double *scores,
                                   wp_pagerank_info *info, char *err);

#endif
