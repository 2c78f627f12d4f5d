/* pagerank.c - PageRank by pull-based power iteration with exact dangling handling (pagerank.h).
 *
 * Power iteration on the Google matrix without forming it (Page, Brin, Motwani and Winograd,
 * "The PageRank citation ranking", 1999; the dangling treatment of Langville and Meyer, "Deeper
 * inside PageRank", Internet Math. 1(3), 2004, which PRPACK (Gleich et al.) also solves):
 *
 *   x'(v) = ((1 - d) + d D) r(v) + d sum_{u -> v} x(u) w(u, v) / W(u)
 *
 * where W(u) is u's out-weight (out-degree when unweighted), D the score held by dangling
 * vertices (W(u) = 0) and r the restart distribution. The sum is pulled over v's in-arcs (for an
 * undirected graph, its arcs), so each vertex is written by one thread only: no atomics. Each
 * iteration reads the contributions c(u) = x(u) / W(u) of the previous one and writes the next
 * ones into a second array, so iteration k depends only on iteration k - 1 (Jacobi), never on how
 * threads interleave. The vertices are cut into fixed blocks of BLOCK; each block sums its share
 * of the change and of the dangling mass in vertex order, and the block sums are added in block
 * order. Together with in-neighbours pulled in their sorted order this makes the result the same
 * to the bit for any number of threads.
 *
 * The iteration contracts the L1 error by the damping factor at least, so it stops once an
 * iteration changes the scores by less than the tolerance (L1); the scores are finally divided by
 * their sum (which is 1 up to rounding, as the walk loses no mass). Cost per iteration: one pass
 * over the in-arcs (4 bytes each, 8 more when weighted) plus 40 bytes per vertex of streaming
 * traffic and one random 8-byte read per arc; memory 40 bytes per vertex (plus 8 for a
 * personalised restart distribution).
 */
#include "queries/pagerank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"

enum { BLOCK = 2048 }; /* vertices per block of the fixed-order sums */

/* Sum of a[0 .. count) in index order. */
static double ordered_sum(const double *a, uint32_t count)
{
	double s = 0;
	for (uint32_t i = 0; i < count; i++)
		s += a[i];
	return s;
}

/* sum of c[adj[a]] for a in [lo, hi), in four interleaved partial sums (a mod 4) added as
 * (s0 + s1) + (s2 + s3) + tail: a fixed order, so the same on every thread, but four independent
 * chains of additions instead of one, which the floating-point adder's latency would otherwise
 * bound (about 4x faster on graphs with long in-lists). */
static inline double pull(const double *restrict c, const wp_vertex *restrict adj, uint64_t lo,
                          uint64_t hi)
{
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	uint64_t a = lo;
	for (; a + 4 <= hi; a += 4) {
		s0 += c[adj[a]];
		s1 += c[adj[a + 1]];
		s2 += c[adj[a + 2]];
		s3 += c[adj[a + 3]];
	}
	for (; a < hi; a++)
		s0 += c[adj[a]];
	return (s0 + s1) + (s2 + s3);
}

/* The same with arc weights. */
static inline double pull_weighted(const double *restrict c, const wp_vertex *restrict adj,
                                   const float *restrict w, uint64_t lo, uint64_t hi)
{
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	uint64_t a = lo;
	for (; a + 4 <= hi; a += 4) {
		s0 += c[adj[a]] * (double)w[a];
		s1 += c[adj[a + 1]] * (double)w[a + 1];
		s2 += c[adj[a + 2]] * (double)w[a + 2];
		s3 += c[adj[a + 3]] * (double)w[a + 3];
	}
	for (; a < hi; a++)
		s0 += c[adj[a]] * (double)w[a];
	return (s0 + s1) + (s2 + s3);
}

/* Fills r with the restart distribution from o (NULL r: uniform, nothing to fill). */
static wp_status restart_vector(const wp_graph *g, const wp_pagerank_opts *o, double *r, char *err)
{
	wp_status st = WP_OK;
	uint32_t n = g->n;
	if (o->personal != NULL) {
		if (o->personal_count == 0)
			WP_FAIL(WP_EARG, "pagerank: the personalisation set is empty");
		memset(r, 0, (size_t)n * sizeof(*r));
		for (uint32_t i = 0; i < o->personal_count; i++) {
			if (o->personal[i] >= n)
				WP_FAIL(WP_EARG,
				        "pagerank: personalisation vertex %u is out of range (n = "
				        "%u)",
				        o->personal[i], n);
			r[o->personal[i]] += 1.0;
		}
		for (uint32_t v = 0; v < n; v++)
			r[v] /= (double)o->personal_count;
		return WP_OK;
	}
	double sum = 0;
	for (uint32_t v = 0; v < n; v++) {
		double x = o->reset[v];
		if (!(x >= 0) || isinf(x))
			WP_FAIL(WP_EARG,
			        "pagerank: reset value of vertex %u is %g; it must be finite "
			        "and >= 0",
			        v, x);
		sum += x;
	}
	if (!(sum > 0))
		WP_FAIL(WP_EARG, "pagerank: the reset values sum to 0");
	for (uint32_t v = 0; v < n; v++)
		r[v] = o->reset[v] / sum;
	return WP_OK;
fail:
	return st;
}

/* inv[u] = 1 / W(u), or 0 for a dangling vertex. Weighted: W(u) sums u's out-arc weights in arc
 * order; *bad receives the first arc with a negative, NaN or infinite weight, or UINT64_MAX. */
static void inverse_out_weights(const wp_graph *g, bool weighted, double *inv, uint64_t *bad,
                                int threads)
{
	uint64_t first_bad = UINT64_MAX;
	(void)threads; /* unused in a serial build */

#pragma omp parallel for num_threads(threads) schedule(dynamic, BLOCK) reduction(min : first_bad)
	for (uint32_t u = 0; u < g->n; u++) {
		double w = 0;
		if (weighted) {
			for (uint64_t a = g->offsets[u]; a < g->offsets[u + 1]; a++) {
				float x = g->weights[a];
				if (!(x >= 0) || isinf(x)) {
					if (a < first_bad)
						first_bad = a;
					break;
				}
				w += (double)x;
			}
		} else {
			w = (double)(g->offsets[u + 1] - g->offsets[u]);
		}
		inv[u] = w > 0 ? 1.0 / w : 0.0;
	}
	*bad = first_bad;
}

/* The source of arc a (binary search in offsets). */
static wp_vertex arc_source(const wp_graph *g, uint64_t a)
{
	uint32_t lo = 0, hi = g->n;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (g->offsets[mid] <= a)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

wp_status wp_pagerank_compute(const wp_graph *g, double *scores, char *err)
{
	return wp_pagerank_compute_opts(g, NULL, scores, NULL, err);
}

wp_status wp_pagerank_compute_opts(const wp_graph *g, const wp_pagerank_opts *opts, double *scores,
                                   wp_pagerank_info *info, char *err)
{
	wp_status st = WP_OK;
	wp_pagerank_opts o = opts ? *opts : WP_PAGERANK_DEFAULTS;
	double *x = NULL, *c_old = NULL, *c_new = NULL, *inv = NULL, *r = NULL;
	double *change_part = NULL, *dangling_part = NULL;
	uint32_t n = g->n;
	wp_pagerank_info done = {0, 0.0, true};

	if (!(o.damping >= 0 && o.damping < 1))
		WP_FAIL(WP_EARG, "pagerank: damping is %g; it must be in [0, 1)", o.damping);
	if (!(o.tolerance > 0))
		WP_FAIL(WP_EARG, "pagerank: tolerance is %g; it must be positive", o.tolerance);
	if (o.weighted && g->m > 0 && g->weights == NULL)
		WP_FAIL(WP_EARG, "pagerank: weighted PageRank needs a weighted graph");
	if (n == 0) {
		if (info)
			*info = done;
		return WP_OK;
	}
	bool weighted = o.weighted && g->weights != NULL;
	bool personalised = o.personal != NULL || o.reset != NULL;
	int threads = o.threads > 0 ? o.threads : wp_max_threads();
	uint64_t useful = ((uint64_t)n + g->m) >> 14; /* small graphs: fewer threads */
	if (useful < (uint64_t)threads)
		threads = useful < 1 ? 1 : (int)useful;
	uint32_t blocks = (n + BLOCK - 1) / BLOCK;

	x = malloc((size_t)n * sizeof(*x));
	c_old = malloc((size_t)n * sizeof(*c_old));
	c_new = malloc((size_t)n * sizeof(*c_new));
	inv = malloc((size_t)n * sizeof(*inv));
	change_part = malloc((size_t)blocks * sizeof(*change_part));
	dangling_part = malloc((size_t)blocks * sizeof(*dangling_part));
	if (personalised)
		r = malloc((size_t)n * sizeof(*r));
	if (!x || !c_old || !c_new || !inv || !change_part || !dangling_part ||
	    (personalised && !r))
		WP_FAIL(WP_ENOMEM, "pagerank: cannot allocate scores for %u vertices", n);
	if (personalised)
		WP_TRY(restart_vector(g, &o, r, err));

	uint64_t bad = UINT64_MAX;
	inverse_out_weights(g, weighted, inv, &bad, threads);
	if (bad != UINT64_MAX)
		WP_FAIL(WP_EARG,
		        "pagerank: arc %u -> %u has weight %g; weights must be finite and >= 0",
		        arc_source(g, bad), g->targets[bad], (double)g->weights[bad]);

	const double d = o.damping, uniform = 1.0 / (double)n;
	const uint64_t *in_off = g->in_offsets;
	const wp_vertex *in_adj = g->in_targets;
	const float *in_w = weighted ? g->in_weights : NULL;

	/* Start from the restart distribution. */

#pragma omp parallel for num_threads(threads) schedule(static)
	for (uint32_t b = 0; b < blocks; b++) {
		uint32_t lo = b * BLOCK, hi = lo + BLOCK < n ? lo + BLOCK : n;
		double dg = 0;
		for (uint32_t v = lo; v < hi; v++) {
			x[v] = r ? r[v] : uniform;
			c_old[v] = x[v] * inv[v];
			if (inv[v] == 0)
				dg += x[v];
		}
		dangling_part[b] = dg;
	}
	double dangling = ordered_sum(dangling_part, blocks);

	/* One parallel region for all iterations: a fork per iteration costs more than the
	 * iteration itself on small graphs. Each iteration ends with one thread reducing the
	 * block sums in order and deciding whether to go on; the barriers keep all in step. */
	done.converged = false;
	bool more = o.max_iterations > 0;
	double base = (1.0 - d) + d * dangling;

#pragma omp parallel num_threads(threads)
	while (more) {

#pragma omp for schedule(dynamic, 1)
		for (uint32_t b = 0; b < blocks; b++) {
			uint32_t lo = b * BLOCK, hi = lo + BLOCK < n ? lo + BLOCK : n;
			double ch = 0, dg = 0;
			for (uint32_t v = lo; v < hi; v++) {
				double s = in_w ? pull_weighted(c_old, in_adj, in_w, in_off[v],
				                                in_off[v + 1])
				                : pull(c_old, in_adj, in_off[v], in_off[v + 1]);
				double xn = base * (r ? r[v] : uniform) + d * s;
				ch += fabs(xn - x[v]);
				x[v] = xn;
				c_new[v] = xn * inv[v];
				if (inv[v] == 0)
					dg += xn;
			}
			change_part[b] = ch;
			dangling_part[b] = dg;
		}

#pragma omp single
		{
			double *t = c_old;
			c_old = c_new;
			c_new = t;
			dangling = ordered_sum(dangling_part, blocks);
			base = (1.0 - d) + d * dangling;
			done.change = ordered_sum(change_part, blocks);
			done.iterations++;
			done.converged = done.change < o.tolerance;
			more = !done.converged && done.iterations < o.max_iterations;
		}
	}

	/* Divide by the sum (1 up to rounding), summed in block order. */

#pragma omp parallel for num_threads(threads) schedule(static)
	for (uint32_t b = 0; b < blocks; b++) {
		uint32_t lo = b * BLOCK, hi = lo + BLOCK < n ? lo + BLOCK : n;
		double s = 0;
		for (uint32_t v = lo; v < hi; v++)
			s += x[v];
		change_part[b] = s;
	}
	double total = ordered_sum(change_part, blocks);

#pragma omp parallel for num_threads(threads) schedule(static)
	for (uint32_t v = 0; v < n; v++)
		scores[v] = x[v] / total;
	if (info)
		*info = done;
	st = WP_OK;
fail:
	free(x);
	free(c_old);
	free(c_new);
	free(inv);
	free(r);
	free(change_part);
	free(dangling_part);
	return st;
}
