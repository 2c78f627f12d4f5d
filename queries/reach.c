/* reach.c - exact reach of a seed set within H hops by multi-source bit-parallel BFS.
 *
 * Each pass takes up to 64 x W seeds. Vertex u holds a row of W words, bit j set when seed j of
 * the pass is within the current number of hops. Level d computes next[u] = row[u] OR the rows
 * of u's in-neighbours (arcs a -> u) whose row changed at level d - 1 (only those can bring new
 * bits): a pull, so every vertex is written by one thread and no atomics are needed. A vertex's
 * distance to the seed set is the first level at which its row becomes non-zero (the minimum
 * over passes); its owner is the one seed whose bit it holds, or "several" (across passes too).
 * Per-seed totals are the column sums of the final rows, counted by bit-sliced vertical counters
 * (carry-save addition of whole words into 16 bit planes, flushed every 65,535 vertices), per
 * thread, then summed: integers throughout, so the result is the same for any thread count.
 * See reach.h for the definitions. Reference for MS-BFS: Then et al., "The more the merrier:
 * efficient multi-source graph traversal", VLDB 2015.
 */
#include "queries/reach.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"
#include "queries/components.h"

#define MAX_WORDS 16
#define PLANES 16 /* vertical counter bits: counts up to 65,535 */
#define FLUSH_EVERY ((1u << PLANES) - 1)
#define OWNER_NONE UINT32_MAX
#define OWNER_MANY (UINT32_MAX - 1)
#define BUDGET_BYTES (256ull << 20) /* rows memory a pass aims to stay under */

/* Per-thread column counters: planes[w][k] is bit plane k of the counts of word w's 64 bits. */
typedef struct vcount {
	uint64_t planes[MAX_WORDS][PLANES];
	uint64_t *totals; /* 64 W totals */
	uint32_t added;
} vcount;

static void vcount_flush(vcount *c, uint32_t W)
{
	for (uint32_t w = 0; w < W; w++)
		for (uint32_t k = 0; k < PLANES; k++) {
			uint64_t p = c->planes[w][k];
			while (p) {
				int b = __builtin_ctzll(p);
				c->totals[64 * w + (uint32_t)b] += 1ull << k;
				p &= p - 1;
			}
			c->planes[w][k] = 0;
		}
	c->added = 0;
}

static inline void vcount_add(vcount *c, const uint64_t *row, uint32_t W)
{
	for (uint32_t w = 0; w < W; w++) {
		uint64_t carry = row[w];
		for (uint32_t k = 0; carry && k < PLANES; k++) {
			uint64_t t = c->planes[w][k] & carry;
			c->planes[w][k] ^= carry;
			carry = t;
		}
	}
	if (++c->added == FLUSH_EVERY)
		vcount_flush(c, W);
}

void wp_reach_free(wp_reach *res)
{
	if (res == NULL)
		return;
	free(res->per_hop);
	free(res->per_seed);
	free(res->unique);
	free(res->unique_offsets);
	free(res->unique_people);
	memset(res, 0, sizeof(*res));
}

/* Words per pass: enough for every seed, at most MAX_WORDS, rows within BUDGET_BYTES. */
static uint32_t choose_words(uint32_t n, uint32_t count, uint32_t asked)
{
	uint32_t need = (count + 63) / 64;
	if (asked >= 1 && asked <= MAX_WORDS)
		return asked < need ? asked : need;
	uint64_t fit = BUDGET_BYTES / (16ull * (n ? n : 1));
	uint32_t w = need < MAX_WORDS ? need : MAX_WORDS;
	if (fit < w)
		w = fit ? (uint32_t)fit : 1;
	return w;
}

/* One pass over seeds[base .. base + cnt): levels 1..H of pulls, then distances, owners and
 * per-seed totals. row and next hold n x W words (row is zero on entry); act and nact n bytes. */
static void run_pass(const wp_graph *g, const wp_vertex *seeds, uint32_t base, uint32_t cnt,
                     const wp_reach_opts *o, uint32_t W, const uint8_t *is_seed, uint64_t *row,
                     uint64_t *next, uint8_t *act, uint8_t *nact, uint8_t *dist, uint32_t *owner,
                     uint64_t *per_seed, int threads, vcount *vc, const uint32_t *comp,
                     uint32_t *cidx, uint64_t *masks)
{
	const uint32_t n = g->n;
	const uint64_t *off = g->in_offsets;
	const wp_vertex *adj = g->in_targets;
	const float *wt = g->in_weights;
	const float minw = o->min_weight;
	const bool filter = wt != NULL && minw > 0;

	/* masks[cidx[c]] = the seeds of the pass in component c: every bit a row of c can get
	 * (arcs never leave a weak component). A vertex holding all of them is done, and a pull
	 * stops as soon as it has them all: on small-world graphs the hubs, whose long lists
	 * dominate the cost, get there first. */
	uint32_t used = 0;
	memset(act, 0, n);
	for (uint32_t j = 0; j < cnt; j++) {
		wp_vertex s = seeds[base + j];
		uint32_t c = comp[s];
		if (cidx[c] == UINT32_MAX) {
			cidx[c] = used++;
			memset(masks + (size_t)cidx[c] * W, 0, W * sizeof(uint64_t));
		}
		masks[(size_t)cidx[c] * W + j / 64] |= 1ull << (j % 64);
		row[(size_t)s * W + j / 64] |= 1ull << (j % 64);
		act[s] = 1;
	}
	for (uint32_t d = 1; d <= o->hops; d++) {
		uint64_t changed = 0;

#pragma omp parallel for num_threads(threads) schedule(dynamic, 1024) reduction(+ : changed)
		for (uint32_t u = 0; u < n; u++) {
			uint64_t acc[MAX_WORDS];
			const uint64_t *ru = row + (size_t)u * W;
			uint64_t was = 0, diff = 0, miss = 0;
			uint32_t ci = cidx[comp[u]];
			const uint64_t *all = masks + (size_t)(ci == UINT32_MAX ? 0 : ci) * W;
			if (ci == UINT32_MAX) {
				nact[u] = 0;
				continue; /* no seed in u's component: its row stays empty */
			}
			for (uint32_t w = 0; w < W; w++) {
				acc[w] = ru[w];
				was |= ru[w];
				miss |= all[w] & ~ru[w];
			}
			for (uint64_t a = off[u]; miss && a < off[u + 1]; a++) {
				wp_vertex v = adj[a];
				if (!act[v] || (filter && wt[a] < minw))
					continue;
				const uint64_t *rv = row + (size_t)v * W;
				miss = 0;
				for (uint32_t w = 0; w < W; w++) {
					acc[w] |= rv[w];
					miss |= all[w] & ~acc[w];
				}
			}
			uint64_t *nu = next + (size_t)u * W;
			for (uint32_t w = 0; w < W; w++) {
				diff |= acc[w] ^ ru[w];
				nu[w] = acc[w];
			}
			nact[u] = diff != 0;
			changed += diff != 0;
			if (diff && !was && (uint8_t)d < dist[u])
				dist[u] = (uint8_t)d;
		}
		uint64_t *t = row;
		row = next;
		next = t;
		uint8_t *ta = act;
		act = nact;
		nact = ta;
		if (changed == 0)
			break;
	}
	/* Owners and column sums of the final rows (seeds excluded). The final rows may sit in
	 * either buffer after the swaps: `row` names them. */

	for (int t = 0; t < threads; t++) {
		memset(vc[t].planes, 0, sizeof(vc[t].planes));
		vc[t].added = 0;
		memset(vc[t].totals, 0, 64 * (size_t)W * sizeof(uint64_t));
	}

#pragma omp parallel num_threads(threads)
	{
		vcount *c = &vc[wp_thread_id()];

#pragma omp for schedule(static, 4096)
		for (uint32_t u = 0; u < n; u++) {
			const uint64_t *ru = row + (size_t)u * W;
			if (is_seed[u])
				continue;
			uint32_t pc = 0, first = 0;
			for (uint32_t w = 0; w < W; w++) {
				uint32_t k = (uint32_t)__builtin_popcountll(ru[w]);
				if (k && pc == 0)
					first = 64 * w + (uint32_t)__builtin_ctzll(ru[w]);
				pc += k;
			}
			if (pc == 0)
				continue;
			if (pc == 1 && owner[u] == OWNER_NONE)
				owner[u] = base + first;
			else
				owner[u] = OWNER_MANY;
			vcount_add(c, ru, W);
		}
		vcount_flush(c, W);
	}
	for (int t = 0; t < threads; t++)
		for (uint32_t j = 0; j < cnt; j++)
			per_seed[base + j] += vc[t].totals[j];
	for (uint32_t j = 0; j < cnt; j++)
		cidx[comp[seeds[base + j]]] = UINT32_MAX;
	/* Leave zeroed rows for the next pass: both buffers may hold bits. */
	memset(row, 0, (size_t)n * W * sizeof(uint64_t));
	memset(next, 0, (size_t)n * W * sizeof(uint64_t));
}

#define NO_SEED UINT32_MAX

/* Adds seed x to the pair (*a, *b) of distinct seeds unless it is there or the pair is full. */
static inline void pair_add(uint32_t *a, uint32_t *b, uint32_t x)
{
	if (x == NO_SEED || x == *a || x == *b)
		return;
	if (*a == NO_SEED)
		*a = x;
	else if (*b == NO_SEED)
		*b = x;
}

/* The sweep without per-seed counts (see reach.h): lab[u] packs up to two distinct seed indices
 * (low and high 32 bits, NO_SEED when absent). Levels are double-buffered, so each vertex is
 * written by one thread from the previous level's values: the pairs do not depend on the
 * thread count. A vertex whose pair is full is final. Fills dist and owner as the passes do. */
static wp_status label_sweep(const wp_graph *g, const wp_vertex *seeds, uint32_t count,
                             const wp_reach_opts *o, int threads, uint8_t *act, uint8_t *nact,
                             uint8_t *dist, uint32_t *owner, char *err)
{
	wp_status st = WP_OK;
	const uint32_t n = g->n;
	const uint64_t *off = g->in_offsets;
	const wp_vertex *adj = g->in_targets;
	const float *wt = g->in_weights;
	const float minw = o->min_weight;
	const bool filter = wt != NULL && minw > 0;
	uint64_t *lab = malloc(((size_t)n + 1) * sizeof(*lab));
	uint64_t *nlab = malloc(((size_t)n + 1) * sizeof(*nlab));
	if (lab == NULL || nlab == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate the labels of %u vertices", n);
	for (uint32_t u = 0; u < n; u++)
		lab[u] = ~0ull;
	memset(act, 0, n);
	for (uint32_t j = 0; j < count; j++) {
		lab[seeds[j]] = ((uint64_t)NO_SEED << 32) | j;
		act[seeds[j]] = 1;
	}
	for (uint32_t d = 1; d <= o->hops; d++) {
		uint64_t changed = 0;

#pragma omp parallel for num_threads(threads) schedule(dynamic, 1024) reduction(+ : changed)
		for (uint32_t u = 0; u < n; u++) {
			uint32_t a = (uint32_t)lab[u], b = (uint32_t)(lab[u] >> 32);
			const uint32_t a0 = a, b0 = b;
			for (uint64_t e = off[u]; b == NO_SEED && e < off[u + 1]; e++) {
				wp_vertex v = adj[e];
				if (!act[v] || (filter && wt[e] < minw))
					continue;
				pair_add(&a, &b, (uint32_t)lab[v]);
				pair_add(&a, &b, (uint32_t)(lab[v] >> 32));
			}
			nlab[u] = ((uint64_t)b << 32) | a;
			nact[u] = a != a0 || b != b0;
			changed += nact[u];
			if (a0 == NO_SEED && a != NO_SEED)
				dist[u] = (uint8_t)d;
		}
		uint64_t *t = lab;
		lab = nlab;
		nlab = t;
		uint8_t *ta = act;
		act = nact;
		nact = ta;
		if (changed == 0)
			break;
	}
	for (uint32_t u = 0; u < n; u++) {
		uint32_t a = (uint32_t)lab[u], b = (uint32_t)(lab[u] >> 32);
		owner[u] = a == NO_SEED ? OWNER_NONE : b == NO_SEED ? a : OWNER_MANY;
	}
fail:
	free(lab);
	free(nlab);
	return st;
}

wp_status wp_reach_compute(const wp_graph *g, const wp_vertex *seeds, uint32_t count,
                           const wp_reach_opts *opts, wp_reach *res, char *err)
{
	wp_status st = WP_OK;
	wp_reach_opts o = opts ? *opts : WP_REACH_DEFAULTS;
	const uint32_t n = g->n;
	uint8_t *is_seed = NULL, *act = NULL, *nact = NULL, *dist = NULL;
	uint32_t *owner = NULL;
	uint64_t *row = NULL, *next = NULL, *totals = NULL, *masks = NULL;
	uint32_t *cidx = NULL;
	wp_components comp = {0};
	vcount *vc = NULL;

	memset(res, 0, sizeof(*res));
	if (o.hops < 1 || o.hops > WP_REACH_MAX_HOPS)
		WP_FAIL(WP_EARG, "hops must be 1 to %d, not %u", WP_REACH_MAX_HOPS, o.hops);
	if (count == 0)
		WP_FAIL(WP_EARG, "no seeds");
	int threads = o.threads > 0 ? o.threads : wp_max_threads();
	uint32_t W = choose_words(n, count, o.words);
	is_seed = calloc((size_t)n + 1, 1);
	act = malloc((size_t)n + 1);
	nact = malloc((size_t)n + 1);
	dist = malloc((size_t)n + 1);
	owner = malloc(((size_t)n + 1) * sizeof(*owner));
	size_t rows = o.per_seed ? (size_t)n * W : 0;
	row = calloc(rows + 1, sizeof(*row));
	next = calloc(rows + 1, sizeof(*next));
	vc = calloc((size_t)threads, sizeof(*vc));
	masks = malloc(((size_t)(count < 64 * W ? count : 64 * W) + 1) * W * sizeof(*masks));
	totals = calloc((size_t)threads * 64 * W, sizeof(*totals));
	res->per_hop = calloc(o.hops, sizeof(uint64_t));
	res->per_seed = calloc(count, sizeof(uint64_t));
	res->unique = calloc(count, sizeof(uint64_t));
	res->unique_offsets = calloc((size_t)count + 1, sizeof(uint64_t));
	if (!is_seed || !act || !nact || !dist || !owner || !row || !next || !vc || !totals ||
	    !res->per_hop || !res->per_seed || !res->unique || !res->unique_offsets)
		WP_FAIL(WP_ENOMEM, "cannot allocate the reach of %u seeds over %u vertices", count,
		        n);
	for (uint32_t i = 0; i < count; i++) {
		if (seeds[i] >= n)
			WP_FAIL(WP_EARG, "seed %u is not a vertex (the graph has %u)", seeds[i], n);
		if (is_seed[seeds[i]])
			WP_FAIL(WP_EARG, "seed %u is given twice", seeds[i]);
		is_seed[seeds[i]] = 1;
	}
	for (int t = 0; t < threads; t++)
		vc[t].totals = totals + (size_t)t * 64 * W;
	if (o.per_seed)
		WP_TRY(wp_components_find(g, &comp, err));
	cidx = malloc(((size_t)comp.count + 1) * sizeof(*cidx));
	if (cidx == NULL || masks == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u component masks", comp.count);
	for (uint32_t c = 0; c < comp.count; c++)
		cidx[c] = UINT32_MAX;
	memset(dist, 0xff, n);
	for (uint32_t u = 0; u < n; u++)
		owner[u] = OWNER_NONE;
	if (!o.per_seed)
		WP_TRY(label_sweep(g, seeds, count, &o, threads, act, nact, dist, owner, err));
	for (uint32_t base = 0; o.per_seed && base < count; base += 64 * W) {
		uint32_t cnt = count - base < 64 * W ? count - base : 64 * W;
		run_pass(g, seeds, base, cnt, &o, W, is_seed, row, next, act, nact, dist, owner,
		         res->per_seed, threads, vc, comp.membership, cidx, masks);
	}
	/* Distances, overlap and the unique people, in one serial sweep (O(n), cheap). */
	for (uint32_t u = 0; u < n; u++) {
		if (is_seed[u] || dist[u] == 0xff)
			continue;
		res->per_hop[dist[u] - 1]++;
		res->reached++;
		if (owner[u] == OWNER_MANY)
			res->overlap++;
		else
			res->unique[owner[u]]++;
	}
	for (uint32_t i = 0; i < count; i++)
		res->unique_offsets[i + 1] = res->unique_offsets[i] + res->unique[i];
	res->unique_people = malloc((res->unique_offsets[count] + 1) * sizeof(*res->unique_people));
	if (res->unique_people == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %llu people",
		        (unsigned long long)res->unique_offsets[count]);
	/* Fill each seed's list in vertex order. */
	{
		uint64_t *cur = calloc(count, sizeof(*cur));
		if (cur == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %u cursors", count);
		for (uint32_t u = 0; u < n; u++)
			if (!is_seed[u] && dist[u] != 0xff && owner[u] < OWNER_MANY) {
				uint32_t s = owner[u];
				res->unique_people[res->unique_offsets[s] + cur[s]++] = u;
			}
		free(cur);
	}
	res->hops = o.hops;
	res->seed_count = count;
	free(is_seed);
	free(act);
	free(nact);
	free(dist);
	free(owner);
	free(row);
	free(next);
	free(vc);
	free(totals);
	free(masks);
	free(cidx);
	wp_components_free(&comp);
	return WP_OK;
fail:
	free(is_seed);
	free(act);
	free(nact);
	free(dist);
	free(owner);
	free(row);
	free(next);
	free(vc);
	free(totals);
	free(masks);
	free(cidx);
	wp_components_free(&comp);
	wp_reach_free(res);
	return st;
}
