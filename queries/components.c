/* components.c - weakly connected components with Afforest (see components.h).
 *
 * Afforest (Sutton, Ben-Nun and Barak, "Optimizing Parallel Graph Connectivity Computation via
 * Subgraph Sampling", IPDPS 2018), as in GAPBS's cc.cc. Every vertex starts as its own tree in
 * comp[] (a parent array). Link(u, v) joins the trees of u and v by hooking the larger of the two
 * roots under the smaller value with a compare-and-swap, so comp[x] <= x always holds and each
 * tree's root is its smallest vertex. First, two sampling rounds link every vertex with its
 * first and second neighbour only and compress the trees to stars; that sparse subgraph already
 * gathers most of a social network's giant component. A sample of 1024 vertices then names the
 * most frequent root, and the final round links the remaining neighbours of every vertex
 * outside that component only (for directed graphs: the remaining out-neighbours plus all
 * in-neighbours, which covers every arc with an endpoint outside it). A last compression makes
 * every tree a star, whose root is the component's smallest vertex, so the result does not
 * depend on the order in which threads linked. Components are then numbered by a parallel
 * prefix sum over the roots, in vertex order.
 *
 * Reads and writes of comp[] race by design; they go through relaxed __atomic builtins, which
 * compile to plain loads and stores on x86 and ARM but make the races well defined.
 * Expected O(n + m) work; the final round skips most of the edges of the giant component.
 */
#include "queries/components.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"

enum {
	NEIGHBOR_ROUNDS = 2, /* sampling rounds: neighbours linked before the full round */
	SAMPLES = 1024,      /* vertices sampled to find the largest intermediate component */
	MAX_BLOCKS = 256     /* most threads the prefix sum over roots uses */
};

static inline uint32_t load(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline void store(uint32_t *p, uint32_t x)
{
	__atomic_store_n(p, x, __ATOMIC_RELAXED);
}

/* Puts u and v in the same tree. Only roots are hooked (CAS from comp[high] == high), always
 * under a smaller value; a failed CAS means another thread hooked `high` first, so retry from
 * the new parents. */
static void link_trees(uint32_t *comp, uint32_t u, uint32_t v)
{
	uint32_t p1 = load(&comp[u]), p2 = load(&comp[v]);
	while (p1 != p2) {
		uint32_t high = p1 > p2 ? p1 : p2, low = p1 > p2 ? p2 : p1;
		uint32_t p_high = load(&comp[high]);
		if (p_high == low)
			break;
		if (p_high == high) {
			uint32_t expected = high;
			if (__atomic_compare_exchange_n(&comp[high], &expected, low, false,
			                                __ATOMIC_RELAXED, __ATOMIC_RELAXED))
				break;
		}
		p1 = load(&comp[load(&comp[high])]);
		p2 = load(&comp[low]);
	}
}

/* Makes every tree a star: comp[v] becomes v's root. Only the thread handling v writes comp[v]. */
static void compress(uint32_t *comp, uint32_t n, int threads)
{
	(void)threads; /* unused in a serial build */

#pragma omp parallel for num_threads(threads) schedule(dynamic, 16384)
	for (uint32_t v = 0; v < n; v++) {
		uint32_t p = load(&comp[v]), pp;
		while (p != (pp = load(&comp[p]))) {
			store(&comp[v], pp);
			p = pp;
		}
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The most frequent root among SAMPLES vertices drawn with a fixed-seed generator (ties: the
 * smallest root). comp must be compressed. Only a hint: any value gives correct components. */
static uint32_t frequent_root(const uint32_t *comp, uint32_t n)
{
	uint32_t sample[SAMPLES];
	uint64_t x = 0x9E3779B97F4A7C15ull;
	for (int i = 0; i < SAMPLES; i++) {
		/* splitmix64 */
		uint64_t z = (x += 0x9E3779B97F4A7C15ull);
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
		z ^= z >> 31;
		sample[i] = comp[(uint32_t)(((z >> 32) * n) >> 32)];
	}
	qsort(sample, SAMPLES, sizeof(sample[0]), cmp_u32);
	uint32_t best = sample[0], best_run = 0, run = 0;
	for (int i = 0; i < SAMPLES; i++) {
		run = i > 0 && sample[i] == sample[i - 1] ? run + 1 : 1;
		if (run > best_run) {
			best_run = run;
			best = sample[i];
		}
	}
	return best;
}

/* Afforest: leaves comp[v] = smallest vertex of v's weak component. */
static void afforest(const wp_graph *g, uint32_t *comp, int threads)
{
	uint32_t n = g->n;

#pragma omp parallel for num_threads(threads) schedule(static)
	for (uint32_t v = 0; v < n; v++)
		comp[v] = v;

	for (uint64_t r = 0; r < NEIGHBOR_ROUNDS; r++) {
#pragma omp parallel for num_threads(threads) schedule(dynamic, 16384)
		for (uint32_t u = 0; u < n; u++) {
			uint64_t i = g->offsets[u] + r;
			if (i < g->offsets[u + 1])
				link_trees(comp, u, g->targets[i]);
		}
		compress(comp, n, threads);
	}

	uint32_t big = frequent_root(comp, n);

#pragma omp parallel for num_threads(threads) schedule(dynamic, 4096)
	for (uint32_t u = 0; u < n; u++) {
		/* A vertex whose parent is `big` is already in the big tree; its other edges are
		 * linked from their other endpoints when those are outside it. */
		if (load(&comp[u]) == big)
			continue;
		for (uint64_t i = g->offsets[u] + NEIGHBOR_ROUNDS; i < g->offsets[u + 1]; i++)
			link_trees(comp, u, g->targets[i]);
		if (g->directed)
			for (uint64_t i = g->in_offsets[u]; i < g->in_offsets[u + 1]; i++)
				link_trees(comp, u, g->in_targets[i]);
	}
	compress(comp, n, threads);
}

/* Turns roots into component numbers in vertex order: ids[r] = number of roots below r, for
 * every root r (comp[r] == r); returns the root count. Parallel blocks, serial scan of totals. */
static uint32_t number_roots(const uint32_t *comp, uint32_t *ids, uint32_t n, int threads)
{
	uint32_t totals[MAX_BLOCKS + 1] = {0};
	int blocks = 1;
	(void)threads; /* unused in a serial build */

#pragma omp parallel num_threads(threads < MAX_BLOCKS ? threads : MAX_BLOCKS)
	{
		int t = wp_thread_id(), nt = wp_num_threads();
		uint32_t lo = (uint32_t)((uint64_t)n * (uint64_t)t / (uint64_t)nt);
		uint32_t hi = (uint32_t)((uint64_t)n * (uint64_t)(t + 1) / (uint64_t)nt);
		uint32_t roots = 0;
		for (uint32_t v = lo; v < hi; v++)
			roots += comp[v] == v;
		totals[t + 1] = roots;
#pragma omp barrier
#pragma omp single
		{
			for (int i = 1; i <= nt; i++)
				totals[i] += totals[i - 1];
			blocks = nt;
		}
		uint32_t next = totals[t];
		for (uint32_t v = lo; v < hi; v++)
			if (comp[v] == v)
				ids[v] = next++;
	}
	return totals[blocks];
}

wp_status wp_components_find(const wp_graph *g, wp_components *c, char *err)
{
	wp_status st = WP_OK;
	uint32_t *comp = NULL, *ids = NULL, *sizes = NULL;
	uint32_t n = g->n;

	memset(c, 0, sizeof(*c));
	if (n == 0)
		return WP_OK;
	comp = malloc((size_t)n * sizeof(*comp));
	ids = malloc((size_t)n * sizeof(*ids));
	if (comp == NULL || ids == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate component arrays for %u vertices", n);

	int threads = wp_threads_for((uint64_t)n + g->m, 1u << 15);
	afforest(g, comp, threads);
	uint32_t count = number_roots(comp, ids, n, threads);
	assert(count > 0); /* vertex 0 is always a root */

	sizes = calloc(count, sizeof(*sizes));
	if (sizes == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate sizes of %u components", count);
	/* The sampled giant component would make every thread hit one counter; count it in a
	 * reduction instead and the rest with atomic increments (rarely contended). */
	uint32_t big = ids[comp[frequent_root(comp, n)]];
	uint32_t big_size = 0;

#pragma omp parallel for num_threads(threads) schedule(static) reduction(+ : big_size)
	for (uint32_t v = 0; v < n; v++) {
		uint32_t id = ids[comp[v]];
		comp[v] = id;
		if (id == big)
			big_size++;
		else
			__atomic_fetch_add(&sizes[id], 1u, __ATOMIC_RELAXED);
	}
	sizes[big] = big_size;

	/* Largest size, lowest id on ties: the maximum of (size, UINT32_MAX - id). */
	uint64_t best = 0;

#pragma omp parallel for num_threads(threads) schedule(static) reduction(max : best)
	for (uint32_t i = 0; i < count; i++) {
		uint64_t key = ((uint64_t)sizes[i] << 32) | (UINT32_MAX - i);
		if (key > best)
			best = key;
	}
	uint32_t largest = UINT32_MAX - (uint32_t)best;

	c->count = count;
	c->membership = comp;
	c->largest = largest;
	c->largest_size = sizes[largest];
	free(ids);
	free(sizes);
	return WP_OK;
fail:
	free(comp);
	free(ids);
	free(sizes);
	return st;
}

void wp_components_free(wp_components *c)
{
	free(c->membership);
	memset(c, 0, sizeof(*c));
}
