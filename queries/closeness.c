/* closeness.c - closeness and harmonic centrality by multi-source bit-parallel BFS (closeness.h).
 *
 * Multi-source BFS (Then, Kaufmann, Chirigati, Hoang-Vu, Pham, Kemper, Neumann and Vo, "The More
 * the Merrier: Efficient Multi-Source Graph Traversal", PVLDB 8(4), 2014): a pass runs up to
 * B = 64 x W breadth-first searches at once, one bit per search in W 64-bit words per vertex.
 * Three bitsets per vertex: seen (searches that have reached it), visit (searches whose frontier
 * holds it at this level) and next (searches that reach it at the next level). A level ORs the
 * visit words of every frontier vertex into the next words of its neighbours (one pass over the
 * arcs serves every search whose frontier holds the vertex), then keeps the bits not yet seen:
 * a bit that appears at vertex u at level d says that one search reached u at distance d.
 *
 * The searches run over the reversed arcs (for mode OUT): a bit of search t at u at level d means
 * d(u, t) = d. So the popcount of u's new bits at level d, times d, added to u's own counter,
 * sums u's distances to the pass's sources; over all sources that is the sum closeness needs,
 * without any per-source bookkeeping. Counters are integers (distance sums, reach counts) and,
 * for harmonic centrality, 64.64 fixed-point sums of 1/d (each 1/d rounded down to a multiple of
 * 2^-64, an error below 2^-64 per pair). Integer sums do not depend on the order of the passes,
 * so passes run in parallel (dynamic schedule) with per-thread counters added up at the end, and
 * the results are bitwise identical for any number of threads.
 *
 * A level either pushes (each frontier vertex ORs its visit words into its neighbours' next
 * words; cost: the frontier's arcs) or, when the frontier's arcs exceed m / 8, pulls (each vertex
 * that some search has not reached yet ORs its neighbours' visit words and stops as soon as it
 * holds every bit): direction-optimising BFS (Beamer, Asanovic and Patterson, SC 2012) applied to
 * the whole bitset, as in Kaufmann et al.'s MS-PBFS (2017).
 *
 * Cost: a pass scans each vertex's arcs once for every level at which some of its searches
 * visit it (a few levels on small-world graphs, instead of B separate scans), less on pulled
 * levels, plus O(n W) per level for the update. Exact: n / B passes; approximate: k / B. Memory per
 * thread: the three bitsets (24 W bytes per vertex), a frontier list and the counters (32 bytes per
 * vertex). Edge weights are ignored (hop distances), as bit-parallel BFS requires.
 */
#include "queries/closeness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"

__extension__ typedef unsigned __int128 wp_u128;

enum {
	MAX_WORDS = 16, /* 1024 searches per pass */
	AUTO_WORDS = 4, /* 256 searches per pass: the bitsets of a 35k-vertex graph fit in L2 */
	PULL_RATIO = 8  /* pull when the frontier's arcs exceed m / PULL_RATIO */
};

/* One thread's bitsets and counters. */
typedef struct scratch {
	uint64_t *seen, *visit, *next; /* n x W each */
	wp_vertex *frontier;           /* n */
	uint64_t *far;                 /* n: sum of distances to the sources that reached it */
	uint32_t *reach;               /* n: sources that reached it (itself excluded) */
	wp_u128 *harm;                 /* n: sum of 2^64 / d over those sources, rounded down */
} scratch;

static void scratch_free(scratch *s)
{
	free(s->seen);
	free(s->visit);
	free(s->next);
	free(s->frontier);
	free(s->far);
	free(s->reach);
	free(s->harm);
	memset(s, 0, sizeof(*s));
}

static bool scratch_init(scratch *s, uint32_t n, uint32_t words)
{
	size_t bits = (size_t)n * words;
	memset(s, 0, sizeof(*s));
	s->seen = malloc(bits * sizeof(uint64_t));
	s->visit = calloc(bits, sizeof(uint64_t));
	s->next = calloc(bits, sizeof(uint64_t));
	s->frontier = malloc((size_t)n * sizeof(wp_vertex));
	s->far = calloc(n, sizeof(uint64_t));
	s->reach = calloc(n, sizeof(uint32_t));
	s->harm = calloc(n, sizeof(wp_u128));
	if (s->seen && s->visit && s->next && s->frontier && s->far && s->reach && s->harm)
		return true;
	scratch_free(s);
	return false;
}

/* The arcs a pass walks: push (top-down) along `push`, pull (bottom-up) along `pull`, the
 * reverse of push (the same arrays for an undirected graph). */
typedef struct arcs {
	const uint64_t *push_offs, *pull_offs;
	const wp_vertex *push_adj, *pull_adj;
	uint64_t m;
} arcs;

/* The number of bits set in x[0 .. W). */
static inline __attribute__((always_inline)) uint64_t count_new(const uint64_t *x, const uint32_t W)
{
	uint64_t c = 0;
	for (uint32_t w = 0; w < W; w++)
		c += (uint64_t)__builtin_popcountll(x[w]);
	return c;
}

/* One pass: the searches from src[0 .. count) (count <= 64 W, distinct vertices), adding each
 * vertex's new bits at every level to its counters. A level is a push (frontier vertices OR
 * their visit words into their neighbours' next words) or, when the frontier's arcs exceed
 * m / PULL_RATIO, a pull (every vertex not yet reached by all searches ORs its neighbours'
 * visit words, stopping early once it has every bit): the direction-optimising idea of Beamer
 * et al. (SC 2012) applied per level to the whole bitset. Bits of unused search slots start out
 * seen everywhere, so "reached by all" is an all-ones test. visit and next are all zero on entry
 * and on return (they may have been swapped). always_inline with a constant W lets the compiler
 * unroll and vectorise the word loops for each W the dispatcher names. */
static inline __attribute__((always_inline)) void run_pass(const arcs *g, uint32_t n,
                                                           const wp_vertex *src, uint32_t count,
                                                           int64_t cutoff, scratch *s,
                                                           const uint32_t W)
{
	uint64_t *restrict seen = s->seen, *visit = s->visit, *next = s->next;
	wp_vertex *restrict frontier = s->frontier;
	uint64_t unused[MAX_WORDS];
	uint32_t len = 0;
	uint64_t frontier_arcs = 0;

	for (uint32_t w = 0; w < W; w++) {
		uint32_t lo = 64 * w;
		unused[w] = count >= lo + 64 ? 0 : count <= lo ? ~0ull : ~0ull << (count - lo);
	}
	for (uint32_t u = 0; u < n; u++)
		for (uint32_t w = 0; w < W; w++)
			seen[(size_t)u * W + w] = unused[w];
	for (uint32_t j = 0; j < count; j++) {
		wp_vertex v = src[j];
		uint64_t bit = 1ull << (j % 64);
		seen[(size_t)v * W + j / 64] |= bit;
		visit[(size_t)v * W + j / 64] |= bit;
		frontier[len++] = v;
		frontier_arcs += g->push_offs[v + 1] - g->push_offs[v];
	}
	for (uint64_t d = 1; len > 0 && (cutoff < 0 || (int64_t)d <= cutoff); d++) {
		wp_u128 rd = ((wp_u128)1 << 64) / d;
		bool pull = frontier_arcs * PULL_RATIO > g->m;
		frontier_arcs = 0;
		if (!pull) {
			/* Push: every frontier vertex ORs its searches into its neighbours. */
			for (uint32_t i = 0; i < len; i++) {
				wp_vertex v = frontier[i];
				const uint64_t *vv = visit + (size_t)v * W;
				for (uint64_t a = g->push_offs[v]; a < g->push_offs[v + 1]; a++) {
					uint64_t *nu = next + (size_t)g->push_adj[a] * W;
					for (uint32_t w = 0; w < W; w++)
						nu[w] |= vv[w];
				}
			}
			/* New bits become the next frontier and are counted at distance d. */
			len = 0;
			for (uint32_t u = 0; u < n; u++) {
				uint64_t *nu = next + (size_t)u * W, *su = seen + (size_t)u * W;
				uint64_t *vu = visit + (size_t)u * W;
				for (uint32_t w = 0; w < W; w++) {
					uint64_t x = nu[w] & ~su[w];
					nu[w] = 0;
					vu[w] = x;
					su[w] |= x;
				}
				uint64_t c = count_new(vu, W);
				if (c) {
					s->far[u] += c * d;
					s->reach[u] += (uint32_t)c;
					s->harm[u] += c * rd;
					frontier[len++] = u;
					frontier_arcs += g->push_offs[u + 1] - g->push_offs[u];
				}
			}
		} else {
			/* Pull into next (all zero), which then becomes visit; the old visit is
			 * cleared to serve as next. */
			len = 0;
			for (uint32_t u = 0; u < n; u++) {
				uint64_t *su = seen + (size_t)u * W, acc[MAX_WORDS];
				uint64_t full = ~0ull;
				for (uint32_t w = 0; w < W; w++)
					full &= su[w];
				if (full == ~0ull)
					continue;
				for (uint32_t w = 0; w < W; w++)
					acc[w] = su[w];
				for (uint64_t a = g->pull_offs[u]; a < g->pull_offs[u + 1]; a++) {
					const uint64_t *vv = visit + (size_t)g->pull_adj[a] * W;
					full = ~0ull;
					for (uint32_t w = 0; w < W; w++) {
						acc[w] |= vv[w];
						full &= acc[w];
					}
					if (full == ~0ull)
						break;
				}
				uint64_t *nu = next + (size_t)u * W;
				for (uint32_t w = 0; w < W; w++) {
					nu[w] = acc[w] & ~su[w];
					su[w] = acc[w];
				}
				uint64_t c = count_new(nu, W);
				if (c) {
					s->far[u] += c * d;
					s->reach[u] += (uint32_t)c;
					s->harm[u] += c * rd;
					frontier[len++] = u;
					frontier_arcs += g->push_offs[u + 1] - g->push_offs[u];
				}
			}
			memset(visit, 0, (size_t)n * W * sizeof(uint64_t));
			uint64_t *t = visit;
			visit = next;
			next = t;
		}
	}
	/* Stopped by the cutoff: the last frontier's visit words are still set. */
	for (uint32_t i = 0; i < len; i++)
		memset(visit + (size_t)frontier[i] * W, 0, W * sizeof(uint64_t));
	s->visit = visit;
	s->next = next;
}

static void run_pass_any(const arcs *g, uint32_t n, const wp_vertex *src, uint32_t count,
                         int64_t cutoff, scratch *s, uint32_t words)
{
	switch (words) {
	case 1:
		run_pass(g, n, src, count, cutoff, s, 1);
		break;
	case 2:
		run_pass(g, n, src, count, cutoff, s, 2);
		break;
	case 4:
		run_pass(g, n, src, count, cutoff, s, 4);
		break;
	case 8:
		run_pass(g, n, src, count, cutoff, s, 8);
		break;
	default:
		run_pass(g, n, src, count, cutoff, s, words);
		break;
	}
}

/* splitmix64: the sampler's generator (Steele, Lea and Flood, OOPSLA 2014). */
static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* src[0 .. k) = k distinct vertices: all of them in order when k = n, else the first k of a
 * seeded Fisher-Yates shuffle (multiply-shift ranges; the bias below 2^-32 is irrelevant here). */
static void choose_sources(wp_vertex *src, uint32_t n, uint32_t k, uint64_t seed)
{
	uint64_t x = seed;
	for (uint32_t v = 0; v < n; v++)
		src[v] = v;
	if (k >= n)
		return;
	for (uint32_t i = 0; i < k; i++) {
		uint32_t j = i + (uint32_t)(((splitmix64(&x) >> 32) * (uint64_t)(n - i)) >> 32);
		wp_vertex t = src[i];
		src[i] = src[j];
		src[j] = t;
	}
}

static double fixed_to_double(wp_u128 x)
{
	return (double)(uint64_t)(x >> 64) + (double)(uint64_t)x * 0x1p-64;
}

uint32_t wp_closeness_sample_size(uint32_t n, double eps, double delta)
{
	if (n == 0 || !(eps > 0 && eps < 1) || !(delta > 0 && delta < 1))
		return 0;
	double k = ceil(log(2.0 * (double)n / delta) / (2.0 * eps * eps));
	return k >= (double)n ? n : (uint32_t)k;
}

wp_status wp_closeness_compute(const wp_graph *g, wp_closeness *res, char *err)
{
	return wp_closeness_compute_opts(g, NULL, res, err);
}

wp_status wp_closeness_compute_opts(const wp_graph *g, const wp_closeness_opts *opts,
                                    wp_closeness *res, char *err)
{
	wp_status st = WP_OK;
	wp_closeness_opts o = opts ? *opts : WP_CLOSENESS_DEFAULTS;
	wp_vertex *src = NULL;
	scratch *parts = NULL;
	double *clo = NULL, *harm = NULL;
	uint32_t *reach = NULL;
	uint8_t *sampled = NULL;
	uint32_t n = g->n;
	int nparts = 0;

	memset(res, 0, sizeof(*res));
	if (o.words > MAX_WORDS)
		WP_FAIL(WP_EARG, "closeness: %u words per vertex requested; the most is %d",
		        o.words, MAX_WORDS);
	if (n == 0) {
		res->all_reachable = true;
		return WP_OK;
	}
	uint32_t k = o.samples == 0 || o.samples >= n ? n : o.samples;
	bool approximate = k < n;
	int threads = o.threads > 0 ? o.threads : wp_max_threads();
	uint32_t words = o.words;
	if (words == 0) {
		/* Enough passes to keep every thread busy, at most AUTO_WORDS words. */
		uint64_t per_thread = ((uint64_t)k + (uint64_t)threads - 1) / (uint64_t)threads;
		words = (uint32_t)((per_thread + 63) / 64);
		words = words < 1 ? 1 : words > AUTO_WORDS ? AUTO_WORDS : words;
	}
	uint32_t batch = 64 * words;
	uint32_t passes = (k + batch - 1) / batch;
	if ((uint32_t)threads > passes)
		threads = (int)passes;

	src = calloc(n, sizeof(*src));
	parts = calloc((size_t)threads, sizeof(*parts));
	clo = malloc((size_t)n * sizeof(*clo));
	harm = malloc((size_t)n * sizeof(*harm));
	reach = malloc((size_t)n * sizeof(*reach));
	if (src == NULL || parts == NULL || clo == NULL || harm == NULL || reach == NULL)
		WP_FAIL(WP_ENOMEM, "closeness: cannot allocate results for %u vertices", n);
	nparts = threads;
	choose_sources(src, n, k, o.seed);
	sampled = calloc(n, sizeof(*sampled));
	if (sampled == NULL)
		WP_FAIL(WP_ENOMEM, "closeness: cannot allocate results for %u vertices", n);
	for (uint32_t i = 0; i < k; i++)
		sampled[src[i]] = 1;

	/* Passes search over the reversed arcs of the distances wanted (see the top comment). */
	bool reverse = g->directed && o.mode == WP_CLOSENESS_OUT;
	arcs walk = {.push_offs = reverse ? g->in_offsets : g->offsets,
	             .push_adj = reverse ? g->in_targets : g->targets,
	             .pull_offs = reverse ? g->offsets : g->in_offsets,
	             .pull_adj = reverse ? g->targets : g->in_targets,
	             .m = g->m};
	int failed = 0;

#pragma omp parallel num_threads(threads)
	{
		scratch *s = &parts[wp_thread_id()];
		bool ok = scratch_init(s, n, words);
		if (!ok) {
#pragma omp atomic write
			failed = 1;
		}

#pragma omp for schedule(dynamic, 1)
		for (uint32_t p = 0; p < passes; p++) {
			int stop;
#pragma omp atomic read
			stop = failed;
			if (stop)
				continue;
			uint32_t first = p * batch;
			uint32_t count = k - first < batch ? k - first : batch;
			run_pass_any(&walk, n, src + first, count, o.cutoff, s, words);
		}
	}
	if (failed)
		WP_FAIL(WP_ENOMEM, "closeness: cannot allocate %u-word bitsets for %u vertices",
		        words, n);

	double scale = (double)n / (double)k;
	int all = 1;

#pragma omp parallel for num_threads(threads) schedule(static) reduction(& : all)
	for (uint32_t v = 0; v < n; v++) {
		uint64_t far = 0;
		uint32_t r = 0;
		wp_u128 h = 0;
		for (int t = 0; t < nparts; t++) {
			far += parts[t].far[v];
			r += parts[t].reach[v];
			h += parts[t].harm[v];
		}
		double hv = fixed_to_double(h), fv = (double)far;
		if (approximate) {
			hv *= scale;
			fv *= scale;
		}
		if (far == 0)
			clo[v] = NAN;
		else
			clo[v] = o.normalized ? (double)r / (double)far : 1.0 / fv;
		harm[v] = o.normalized && n > 1 ? hv / (double)(n - 1) : hv;
		reach[v] = r;
		/* Reaches every source other than itself (all n when exact). */
		all &= r + sampled[v] == k;
	}

	for (int t = 0; t < nparts; t++)
		scratch_free(&parts[t]);
	free(parts);
	free(src);
	free(sampled);
	res->n = n;
	res->closeness = clo;
	res->harmonic = harm;
	res->reachable = reach;
	res->all_reachable = all != 0;
	res->approximate = approximate;
	res->sources = k;
	res->words = words;
	return WP_OK;
fail:
	for (int t = 0; t < nparts; t++)
		scratch_free(&parts[t]);
	free(parts);
	free(src);
	free(sampled);
	free(clo);
	free(harm);
	free(reach);
	return st;
}

void wp_closeness_free(wp_closeness *res)
{
	free(res->closeness);
	free(res->harmonic);
	free(res->reachable);
	memset(res, 0, sizeof(*res));
}
