/* pagerank.c - PageRank by pull-based Gauss-Seidel or power iteration, with exact dangling
 * handling (pagerank.h).
 *
 * PageRank is the solution of (Page, Brin, Motwani and Winograd, "The PageRank citation
 * ranking", 1999; the dangling treatment of Langville and Meyer, "Deeper inside PageRank",
 * Internet Math. 1(3), 2004, which PRPACK (Gleich et al.) also solves):
 *
 *   x(v) = ((1 - d) + d D) r(v) + d sum_{u -> v} x(u) w(u, v) / W(u)
 *
 * where W(u) is u's out-weight (out-degree when unweighted), D the score held by dangling
 * vertices (W(u) = 0) and r the restart distribution. Both methods pull the sum over v's
 * in-arcs (for an undirected graph, its arcs), so each vertex is written by one thread only: no
 * atomics.
 *
 * Jacobi (jacobi()): power iteration on the Google matrix without forming it. Each iteration
 * reads the contributions c(u) = x(u) / W(u) of the previous one and writes the next ones into a
 * second array, so iteration k depends only on iteration k - 1, never on how threads interleave.
 * The vertices are cut into fixed blocks of BLOCK; each block sums its share of the change and
 * of the dangling mass in vertex order, and the block sums are added in block order. Together
 * with in-neighbours pulled in their sorted order this makes the result the same to the bit for
 * any number of threads. The walk loses no mass, so the scores sum to 1 throughout.
 *
 * Gauss-Seidel (gauss_seidel()): the same equations without the dangling term, in place, with a
 * mass correction between sweeps; see there. Fewer sweeps (on kron-20 at 1e-4: 5 against
 * Jacobi's 10 and GAPBS's 8), one array of contributions (float at loose tolerances), no global
 * sum inside a sweep.
 *
 * Both stop once a sweep changes the iterate by less than the tolerance (L1). Cost per sweep:
 * one pass over the in-arcs (4 bytes each, 8 more when weighted), one random read per arc (8
 * bytes, or 4 for float contributions), and 16 to 40 bytes per vertex of streaming traffic.
 * Memory beyond the scores: Jacobi 24 bytes per vertex; Gauss-Seidel 4 or 8 (plus 8 when
 * weighted); plus 8 for a personalised restart distribution.
 */
#include "queries/pagerank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"

enum {
	BLOCK = 2048,   /* vertices per block of Jacobi's fixed-order sums */
	GS_CHUNK = 4096 /* vertices a Gauss-Seidel thread takes at a time (hubs are spread out) */
};

/* Sum of a[0 .. count) in index order. */
static double ordered_sum(const double *a, uint32_t count)
{
	double s = 0;
	for (uint32_t i = 0; i < count; i++)
		s += a[i];
	return s;
}

/* The gather c[adj[a]] is what a sweep waits for: the targets are scattered over all of c, so
 * most reads miss the L2 cache, and the hardware prefetcher cannot guess them. But adj is read
 * as a sequential stream, so we can look ahead in it: prefetch the contributions PF_DISTANCE
 * arcs ahead, across vertex boundaries (end: the number of arcs, not to read past adj). Worth
 * about 10% of a sweep on kron-20 (64 ahead beat 32 and 128; one prefetch per arc beat one per
 * four). */
#define PF_DISTANCE 64
#define PREFETCH(c, adj, a, end)                                                \
	do {                                                                    \
		if ((a) + PF_DISTANCE + 4 <= (end)) {                           \
			__builtin_prefetch(&(c)[(adj)[(a) + PF_DISTANCE]]);     \
			__builtin_prefetch(&(c)[(adj)[(a) + PF_DISTANCE + 1]]); \
			__builtin_prefetch(&(c)[(adj)[(a) + PF_DISTANCE + 2]]); \
			__builtin_prefetch(&(c)[(adj)[(a) + PF_DISTANCE + 3]]); \
		}                                                               \
	} while (0)

/* sum of c[adj[a]] for a in [lo, hi), in four interleaved partial sums (a mod 4) added as
 * (s0 + s1) + (s2 + s3) + tail: a fixed order, so the same on every thread, but four independent
 * chains of additions instead of one, which the floating-point adder's latency would otherwise
 * bound (about 4x faster on graphs with long in-lists). Defined for double contributions (Jacobi,
 * and Gauss-Seidel at tight tolerances) and float ones (Gauss-Seidel at loose tolerances: half
 * the bytes of the random gather); the sums are double. */
#define DEFINE_PULL(NAME, T)                                                                       \
	static inline double NAME(const T *restrict c, const wp_vertex *restrict adj, uint64_t lo, \
	                          uint64_t hi, uint64_t end)                                       \
	{                                                                                          \
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;                                             \
		uint64_t a = lo;                                                                   \
		for (; a + 4 <= hi; a += 4) {                                                      \
			PREFETCH(c, adj, a, end);                                                  \
			s0 += (double)c[adj[a]];                                                   \
			s1 += (double)c[adj[a + 1]];                                               \
			s2 += (double)c[adj[a + 2]];                                               \
			s3 += (double)c[adj[a + 3]];                                               \
		}                                                                                  \
		for (; a < hi; a++)                                                                \
			s0 += (double)c[adj[a]];                                                   \
		return (s0 + s1) + (s2 + s3);                                                      \
	}

/* The same with arc weights. */
#define DEFINE_PULL_WEIGHTED(NAME, T)                                                              \
	static inline double NAME(const T *restrict c, const wp_vertex *restrict adj,              \
	                          const float *restrict w, uint64_t lo, uint64_t hi, uint64_t end) \
	{                                                                                          \
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;                                             \
		uint64_t a = lo;                                                                   \
		for (; a + 4 <= hi; a += 4) {                                                      \
			PREFETCH(c, adj, a, end);                                                  \
			s0 += (double)c[adj[a]] * (double)w[a];                                    \
			s1 += (double)c[adj[a + 1]] * (double)w[a + 1];                            \
			s2 += (double)c[adj[a + 2]] * (double)w[a + 2];                            \
			s3 += (double)c[adj[a + 3]] * (double)w[a + 3];                            \
		}                                                                                  \
		for (; a < hi; a++)                                                                \
			s0 += (double)c[adj[a]] * (double)w[a];                                    \
		return (s0 + s1) + (s2 + s3);                                                      \
	}

DEFINE_PULL(pull, double)
DEFINE_PULL(pull_float, float)
DEFINE_PULL_WEIGHTED(pull_weighted, double)
DEFINE_PULL_WEIGHTED(pull_weighted_float, float)

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

/* What both iterations read and write. */
typedef struct pr_run {
	uint32_t n, blocks;
	int threads;
	double d, uniform, tolerance;
	uint32_t max_iterations;
	const double *r;   /* restart distribution; NULL: uniform */
	const double *inv; /* 1 / out-weight, 0: dangling; NULL: 1 / out-degree from out_off */
	const uint64_t *out_off;
	const uint64_t *in_off;
	const wp_vertex *in_adj;
	const float *in_w;                   /* NULL: unweighted */
	double *x;                           /* the scores */
	double *change_part, *dangling_part; /* per block (Jacobi) */
} pr_run;

/* Jacobi: iteration k reads only iteration k - 1's contributions (c_old) and writes c_new. */
static void jacobi(const pr_run *p, double *c_old, double *c_new, wp_pagerank_info *done)
{
	const uint32_t n = p->n, blocks = p->blocks;
	const double d = p->d, uniform = p->uniform, *r = p->r, *inv = p->inv;
	const uint64_t *in_off = p->in_off;
	const wp_vertex *in_adj = p->in_adj;
	const float *in_w = p->in_w;
	double *x = p->x, *change_part = p->change_part, *dangling_part = p->dangling_part;
	const uint64_t end = in_off[n];

	/* Start from the restart distribution. */

#pragma omp parallel for num_threads(p->threads) schedule(static)
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
	done->converged = false;
	bool more = p->max_iterations > 0;
	double base = (1.0 - d) + d * dangling;

#pragma omp parallel num_threads(p->threads)
	while (more) {

#pragma omp for schedule(dynamic, 1)
		for (uint32_t b = 0; b < blocks; b++) {
			uint32_t lo = b * BLOCK, hi = lo + BLOCK < n ? lo + BLOCK : n;
			double ch = 0, dg = 0;
			for (uint32_t v = lo; v < hi; v++) {
				double s =
				        in_w ? pull_weighted(c_old, in_adj, in_w, in_off[v],
				                             in_off[v + 1], end)
				             : pull(c_old, in_adj, in_off[v], in_off[v + 1], end);
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
			done->change = ordered_sum(change_part, blocks);
			done->iterations++;
			done->converged = done->change < p->tolerance;
			more = !done->converged && done->iterations < p->max_iterations;
		}
	}
}

/* 1 / W(v) from inv, or, unweighted, from the out-degree: the division costs less than
 * streaming another array through the sweep. */
static inline double inverse(const double *inv, const uint64_t *out_off, uint32_t v)
{
	if (inv)
		return inv[v];
	uint64_t deg = out_off[v + 1] - out_off[v];
	return deg ? 1.0 / (double)deg : 0.0;
}

/* The mass correction between two sweeps. At the solution, summing y = (1 - d) r + d P'^T y
 * over all vertices gives (1 - d) sum(y) = (1 - d) - d D, D the mass on dangling vertices: what
 * a dangling vertex does not lose is passed on. Once the first sweeps have removed the rest,
 * Gauss-Seidel's slowest error is mostly a wrong overall level of the vertices (on kron-20 it
 * shrinks by about d^2 per sweep, and dominates from the fourth sweep on), which this balance
 * measures. So scale the vertices with in-arcs (the others are exact since the first sweep) by
 * the factor alpha that satisfies it: with M and Dm the sums over them (not dangling, dangling)
 * and F and Df over the others, alpha = ((1 - d)(1 - F) - Df) / ((1 - d) M + Dm). This is one
 * step of iterative aggregation-disaggregation with a single aggregate (Takahashi 1975; W. J.
 * Stewart, "Introduction to the numerical solution of Markov chains", 1994, ch. 6), for the
 * cost of one pass over n values. It cannot spoil the error bound, which rests on the last
 * sweep alone: the next sweep simply starts from the scaled values. A factor far from 1 is not
 * applied; and IAD steps can slow some iterations down (they do on sparse directed graphs whose
 * dangling vertices receive mass), so gauss_seidel stops correcting as soon as a correction is
 * not followed by a smaller change. correction() returns alpha, or 1 for no correction. */
static double correction(const pr_run *p, double moving, double moving_dangling, double fixed_out,
                         double fixed_dangling)
{
	double d = p->d;
	double alpha = ((1.0 - d) * (1.0 - fixed_out) - fixed_dangling) /
	               ((1.0 - d) * moving + moving_dangling);
	return moving + moving_dangling > 0 && alpha > 0.5 && alpha < 2.0 ? alpha : 1.0;
}

/* Scales the vertices with in-arcs by alpha; an orphaned loop, shared by the threads of the
 * caller's parallel region. */
static void rescale(const pr_run *p, void *c, bool single, double alpha)
{
	float *cf = single ? c : NULL;
	double *cd = single ? NULL : c;

#pragma omp for schedule(static)
	for (uint32_t v = 0; v < p->n; v++) {
		if (p->in_off[v] == p->in_off[v + 1])
			continue;
		p->x[v] *= alpha;
		if (single)
			cf[v] = (float)(cf[v] * alpha);
		else
			cd[v] *= alpha;
	}
}

/* Gauss-Seidel on the system without the dangling term: y = (1 - d) r + d P'^T y, where P' is
 * the walk with the dangling vertices' rows left empty (their mass is dropped, as GAPBS's pr
 * drops it). Its solution is proportional to PageRank with the dangling mass sent to r: x
 * satisfies x = (1 - d + d D(x)) r + d P'^T x, so x = y (1 - d + d D(x)) / (1 - d), and
 * dividing y by its sum at the end gives x exactly (Del Corso, Gulli and Romani, "Fast PageRank
 * computation via a sparse linear system", Internet Math. 2(3), 2005; PRPACK uses the same
 * reduction when r is also the dangling distribution). Without the dangling term the iteration
 * need not conserve mass, and no global sum enters a vertex's update: each sweep is one pass.
 *
 * One array of contributions, updated in place, so a vertex pulls the values its in-neighbours
 * already have in this sweep (all earlier vertices on one thread; on several threads, whatever
 * the others have written so far, as GAPBS's pr does). Every value read is a vertex's value
 * before or after its update in this sweep, so the residual of the result is P'^T delta for a
 * 0/1 selection of the sweep's changes delta, of L1 norm at most d |delta|, which gives the bound
 * in pagerank.h. Threads read contributions other threads are writing: aligned 4- and 8-byte
 * stores are single-copy atomic on the machines we target, so a read sees the old or the new
 * value (GAPBS relies on the same). The change is measured on y, as GAPBS measures it on its
 * scores (which are this same iterate, in float, without the mass correction); y sums to S <= 1,
 * so the returned y / S moved by change / S, and pagerank.h states the bound with S. Between
 * sweeps, the mass correction (rescale) removes the slowest error. Vertices without in-arcs are
 * (1 - d) r(v) after the first sweep and are skipped after it (38% of kron-20's vertices are
 * isolated). single: contributions in float (c holds n floats), else double. */
static void gauss_seidel(const pr_run *p, void *c, bool single, wp_pagerank_info *done)
{
	const uint32_t n = p->n;
	const double d = p->d, *r = p->r, *inv = p->inv;
	const double base = (1.0 - d) * p->uniform;
	const uint64_t *in_off = p->in_off;
	const wp_vertex *in_adj = p->in_adj;
	const float *in_w = p->in_w;
	const uint64_t *out_off = p->out_off;
	double *x = p->x;
	const uint64_t end = in_off[n];
	/* Branches test single, not cf: c is never NULL, so one of the two is set. */
	float *cf = single ? c : NULL;
	double *cd = single ? NULL : c;

#pragma omp parallel for num_threads(p->threads) schedule(static)
	for (uint32_t v = 0; v < n; v++) {
		x[v] = r ? r[v] : p->uniform;
		double iv = inverse(inv, out_off, v);
		if (single)
			cf[v] = (float)(x[v] * iv);
		else
			cd[v] = x[v] * iv;
	}

	/* One parallel region for all sweeps (a fork per sweep costs more than a sweep on small
	 * graphs): the sums are reduced into these shared variables, and one thread does the
	 * bookkeeping between the loops, whose barriers keep all threads in step. */
	done->converged = false;
	bool more = p->max_iterations > 0, correct = true, corrected = false;
	double change = 0, moving = 0, dangling = 0, f_out = 0, f_dangling = 0;
	double fixed_out = 0, fixed_dangling = 0; /* sums over the vertices without in-arcs */
	double last_change = INFINITY, alpha = 1.0;

#pragma omp parallel num_threads(p->threads)
	while (more) {
		bool first_done = done->iterations > 0;

#pragma omp for schedule(dynamic, GS_CHUNK) reduction(+ : change, moving, dangling, f_out, f_dangling)
		for (uint32_t v = 0; v < n; v++) {
			uint64_t lo = in_off[v], hi = in_off[v + 1];
			if (lo == hi && first_done)
				continue; /* no in-arcs: (1 - d) r(v) since the first sweep */
			double s =
			        single ? (in_w ? pull_weighted_float(cf, in_adj, in_w, lo, hi, end)
			                       : pull_float(cf, in_adj, lo, hi, end))
			               : (in_w ? pull_weighted(cd, in_adj, in_w, lo, hi, end)
			                       : pull(cd, in_adj, lo, hi, end));
			double xn = (r ? (1.0 - d) * r[v] : base) + d * s;
			change += fabs(xn - x[v]);
			x[v] = xn;
			double iv = inverse(inv, out_off, v);
			if (single)
				cf[v] = (float)(xn * iv);
			else
				cd[v] = xn * iv;
			if (lo == hi && iv > 0)
				f_out += xn;
			else if (lo == hi)
				f_dangling += xn;
			else if (iv > 0)
				moving += xn;
			else
				dangling += xn;
		}

#pragma omp single
		{
			if (!first_done) {
				fixed_out = f_out;
				fixed_dangling = f_dangling;
			}
			done->change = change;
			done->iterations++;
			done->converged = done->change < p->tolerance;
			more = !done->converged && done->iterations < p->max_iterations;
			/* A correction that did not make the next sweep change less than the one
			 * before it is not tried again: plain Gauss-Seidel converges on its own. */
			if (corrected && !(change < last_change))
				correct = false;
			last_change = change;
			alpha = more && correct
			                ? correction(p, moving, dangling, fixed_out, fixed_dangling)
			                : 1.0;
			corrected = alpha != 1.0;
			change = moving = dangling = f_out = f_dangling = 0;
		}
		if (alpha != 1.0)
			rescale(p, c, single, alpha);
	}
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
	void *c = NULL;
	double *change_part = NULL, *dangling_part = NULL;
	uint32_t n = g->n;
	wp_pagerank_info done = {0, 0.0, true, false, 1.0};

	if (o.method != WP_PAGERANK_GAUSS_SEIDEL && o.method != WP_PAGERANK_JACOBI)
		WP_FAIL(WP_EARG, "pagerank: unknown method %d", (int)o.method);
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
	bool jacobi_method = o.method == WP_PAGERANK_JACOBI;
	done.single = !jacobi_method && o.tolerance >= WP_PAGERANK_FLOAT_TOLERANCE;
	int threads = o.threads > 0 ? o.threads : wp_max_threads();
	uint64_t useful = ((uint64_t)n + g->m) >> 14; /* small graphs: fewer threads */
	if (useful < (uint64_t)threads)
		threads = useful < 1 ? 1 : (int)useful;
	uint32_t blocks = (n + BLOCK - 1) / BLOCK;

	/* Gauss-Seidel, unweighted, needs no inverse out-weights (it divides by the out-degree);
	 * Jacobi keeps them, so that its arithmetic, and its bitwise result, stay as they were. */
	bool need_inv = jacobi_method || weighted;
	if (jacobi_method) {
		c_old = malloc((size_t)n * sizeof(*c_old));
		c_new = malloc((size_t)n * sizeof(*c_new));
	} else {
		c = malloc((size_t)n * (done.single ? sizeof(float) : sizeof(double)));
	}
	if (need_inv)
		inv = malloc((size_t)n * sizeof(*inv));
	change_part = malloc((size_t)blocks * sizeof(*change_part));
	dangling_part = malloc((size_t)blocks * sizeof(*dangling_part));
	if (personalised)
		r = malloc((size_t)n * sizeof(*r));
	if ((jacobi_method && (!c_old || !c_new)) || (!jacobi_method && !c) || (need_inv && !inv) ||
	    !change_part || !dangling_part || (personalised && !r))
		WP_FAIL(WP_ENOMEM, "pagerank: cannot allocate scores for %u vertices", n);
	if (personalised)
		WP_TRY(restart_vector(g, &o, r, err));

	uint64_t bad = UINT64_MAX;
	if (need_inv)
		inverse_out_weights(g, weighted, inv, &bad, threads);
	if (bad != UINT64_MAX)
		WP_FAIL(WP_EARG,
		        "pagerank: arc %u -> %u has weight %g; weights must be finite and >= 0",
		        arc_source(g, bad), g->targets[bad], (double)g->weights[bad]);

	x = scores; /* no error can happen from here on, so scores serve as the iterate */
	pr_run p = {.n = n,
	            .blocks = blocks,
	            .threads = threads,
	            .d = o.damping,
	            .uniform = 1.0 / (double)n,
	            .tolerance = o.tolerance,
	            .max_iterations = o.max_iterations,
	            .r = r,
	            .inv = inv,
	            .out_off = g->offsets,
	            .in_off = g->in_offsets,
	            .in_adj = g->in_targets,
	            .in_w = weighted ? g->in_weights : NULL,
	            .x = x,
	            .change_part = change_part,
	            .dangling_part = dangling_part};
	if (jacobi_method)
		jacobi(&p, c_old, c_new, &done);
	else
		gauss_seidel(&p, c, done.single, &done);

		/* Divide by the sum (1 up to rounding and, for Gauss-Seidel, up to its error),
		 * summed in block order. */

#pragma omp parallel for num_threads(threads) schedule(static)
	for (uint32_t b = 0; b < blocks; b++) {
		uint32_t lo = b * BLOCK, hi = lo + BLOCK < n ? lo + BLOCK : n;
		double s = 0;
		for (uint32_t v = lo; v < hi; v++)
			s += x[v];
		change_part[b] = s;
	}
	double total = ordered_sum(change_part, blocks);
	done.sum = total;

#pragma omp parallel for num_threads(threads) schedule(static)
	for (uint32_t v = 0; v < n; v++)
		x[v] /= total;
	if (info)
		*info = done;
	st = WP_OK;
fail:
	free(c);
	free(c_old);
	free(c_new);
	free(inv);
	free(r);
	free(change_part);
	free(dangling_part);
	return st;
}
