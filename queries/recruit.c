/* recruit.c - greedy maximum coverage of H-hop neighbourhoods with lazy (CELF) evaluation.
 *
 * State: covered[x] says whether x is within H hops of a pick; unc[u] counts u's out-neighbours
 * not yet covered. The gain of v is the number of uncovered vertices of N_H[v], counted by a BFS
 * truncated at depth H with visit stamps (no per-query clearing); at the last level a vertex u
 * with unc[u] = 0 is not expanded, since all it could add is covered already. Covering a pick's
 * ball decrements unc of the in-neighbours of every newly covered vertex: O(m) over the whole run.
 *
 * CELF: a max-heap of (bound, vertex, round). Initially the bound is a degree bound of |N_H[v]|:
 * B_1(v) = 1 + deg(v) and, for h >= 2, B_h(v) = 1 + sum over out-neighbours u of (B_{h-1}(u) - 1)
 * in an undirected graph (v itself lies in each N_{h-1}[u]) or of B_{h-1}(u) in a directed one,
 * each capped by the size of v's weakly connected component. It is exact for H = 1 and for
 * vertices of degree 1 at H = 2. A heap top whose bound was computed in the current round is the
 * best candidate (every other bound is no larger, by submodularity, and equal bounds are ordered
 * by vertex id); otherwise the top stale entries are re-evaluated in parallel batches (8 per
 * thread, doubling while a round keeps needing more, up to 512 per thread) and pushed back. The
 * batch only changes how much is evaluated, never the picks. The naive option evaluates every
 * remaining candidate every round instead.
 *
 * Limits: on small-world graphs the first pick's ball holds nearly all of the giant component
 * (98% on a scale-13 Kronecker graph), so no degree bound prunes the first round: every vertex is
 * evaluated once, O(sum of |N_H| arcs). Later rounds are cheap (most lists are skipped as
 * covered).
 */
#include "queries/recruit.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"
#include "queries/components.h"

typedef struct entry {
	uint64_t key; /* gain (fresh) or an upper bound of it (stale) */
	wp_vertex v;
	uint32_t round; /* the round whose covered set key was computed against; 0: the bound */
} entry;

typedef struct scratch {
	uint32_t *stamp;
	wp_vertex *queue;
	uint32_t gen;
	uint64_t *acc;      /* H = 2 with hubs: a bitmap of the ball */
	struct hub_set *hs; /* H = 2 with hubs: |union of hub lists \ covered| by hub set */
} scratch;

/* A cached count: the uncovered vertices in the union of the lists of up to HS_MAX hubs, valid
 * for the round it was computed in (the covered set changes between rounds). */
#define HS_MAX 8
#define HS_SLOTS (1u << 14)
typedef struct hub_set {
	uint32_t round; /* 0: empty */
	uint32_t len;
	int32_t hubs[HS_MAX];
	uint64_t count;
} hub_set;

typedef struct state {
	const wp_graph *g;
	uint32_t hops;
	uint8_t *covered;
	uint32_t *unc;
	scratch *sc;
	int threads;
	uint32_t round; /* the greedy round gains are computed in (keys the hub-set caches) */
	/* H = 2: the out-neighbourhoods of the hubs (hub_of[u] >= 0) as bitmaps, and the covered
	 * set as a bitmap, so a ball through hubs is a few sequential ORs and one masked popcount
	 * instead of a random stamp per arc. */
	size_t words;
	int32_t *hub_of;
	uint64_t *hub_bits, *cov_bits;
} state;

#define HUB_BITMAP_BYTES (128ull << 20)
#define HUB_COUNT_MAX 1024

void wp_recruit_free(wp_recruit *res)
{
	if (res == NULL)
		return;
	free(res->picks);
	free(res->gain);
	free(res->covered);
	memset(res, 0, sizeof(*res));
}

static inline bool better(const entry *a, const entry *b)
{
	return a->key > b->key || (a->key == b->key && a->v < b->v);
}

static void sift_down(entry *h, size_t len, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < len && better(&h[l], &h[m]))
			m = l;
		if (r < len && better(&h[r], &h[m]))
			m = r;
		if (m == i)
			return;
		entry t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static void sift_up(entry *h, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!better(&h[i], &h[p]))
			return;
		entry t = h[i];
		h[i] = h[p];
		h[p] = t;
		i = p;
	}
}

static entry heap_pop(entry *h, size_t *len)
{
	entry top = h[0];
	h[0] = h[--*len];
	sift_down(h, *len, 0);
	return top;
}

/* H = 2 through bitmaps: v, its out-neighbours and theirs (hubs by OR), minus the covered. */
static uint64_t ball_gain_bits(const state *s, wp_vertex v, scratch *sc)
{
	const wp_graph *g = s->g;
	const size_t W = s->words;
	uint64_t *acc = sc->acc, gain = 0;
	memset(acc, 0, W * sizeof(*acc));
	acc[v / 64] |= 1ull << (v % 64);
	for (uint64_t a = g->offsets[v]; a < g->offsets[v + 1]; a++) {
		wp_vertex u = g->targets[a];
		acc[u / 64] |= 1ull << (u % 64);
		if (s->unc[u] == 0)
			continue;
		int32_t h = s->hub_of[u];
		if (h >= 0) {
			const uint64_t *b = s->hub_bits + (size_t)h * W;
			for (size_t w = 0; w < W; w++)
				acc[w] |= b[w];
			continue;
		}
		for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++)
			acc[g->targets[e] / 64] |= 1ull << (g->targets[e] % 64);
	}
	for (size_t w = 0; w < W; w++)
		gain += (uint64_t)__builtin_popcountll(acc[w] & ~s->cov_bits[w]);
	return gain;
}

static inline bool in_hubs(const state *s, const int32_t *hubs, uint32_t k, wp_vertex x)
{
	for (uint32_t i = 0; i < k; i++)
		if (s->hub_bits[(size_t)hubs[i] * s->words + x / 64] >> (x % 64) & 1)
			return true;
	return false;
}

/* The same count split in two: U, the union of the lists of v's hub neighbours (those with an
 * uncovered neighbour), whose uncovered count is cached per hub set and round (many vertices
 * hang off the same few hubs, and streaming a hub's bitmap from memory is the expensive part),
 * plus the rest of the ball outside U, counted with visit stamps and bit tests. Falls back to
 * ball_gain_bits for more than HS_MAX hub neighbours. */
static uint64_t ball_gain_cached(const state *s, wp_vertex v, scratch *sc)
{
	const wp_graph *g = s->g;
	int32_t hubs[HS_MAX] = {0}; /* read only up to k, but the analyser cannot tell */
	uint32_t k = 0;
	for (uint64_t a = g->offsets[v]; a < g->offsets[v + 1]; a++) {
		wp_vertex u = g->targets[a];
		int32_t h = s->hub_of[u];
		if (h < 0 || s->unc[u] == 0)
			continue;
		if (k == HS_MAX)
			return ball_gain_bits(s, v, sc);
		uint32_t i = k++;
		for (; i > 0 && hubs[i - 1] > h; i--)
			hubs[i] = hubs[i - 1];
		hubs[i] = h;
	}
	uint64_t key = 0x9e3779b97f4a7c15ull * (k + 1);
	for (uint32_t i = 0; i < k; i++)
		key = (key ^ (uint64_t)hubs[i]) * 0xbf58476d1ce4e5b9ull;
	hub_set *e = &sc->hs[(key >> 40) & (HS_SLOTS - 1)];
	if (e->round != s->round || e->len != k || memcmp(e->hubs, hubs, k * sizeof(*hubs)) != 0) {
		const size_t W = s->words;
		uint64_t *acc = sc->acc, c = 0;
		memset(acc, 0, W * sizeof(*acc));
		for (uint32_t i = 0; i < k; i++) {
			const uint64_t *b = s->hub_bits + (size_t)hubs[i] * W;
			for (size_t w = 0; w < W; w++)
				acc[w] |= b[w];
		}
		for (size_t w = 0; k > 0 && w < W; w++)
			c += (uint64_t)__builtin_popcountll(acc[w] & ~s->cov_bits[w]);
		e->round = s->round;
		e->len = k;
		memcpy(e->hubs, hubs, k * sizeof(*hubs));
		e->count = c;
	}
	uint64_t gain = e->count;
	if (++sc->gen == 0) {
		memset(sc->stamp, 0, (size_t)g->n * sizeof(*sc->stamp));
		sc->gen = 1;
	}
	const uint32_t gen = sc->gen;
#define COUNT_OUTSIDE(x)                                                     \
	do {                                                                 \
		wp_vertex x_ = (x);                                          \
		if (sc->stamp[x_] != gen) {                                  \
			sc->stamp[x_] = gen;                                 \
			gain += !s->covered[x_] && !in_hubs(s, hubs, k, x_); \
		}                                                            \
	} while (0)
	COUNT_OUTSIDE(v);
	for (uint64_t a = g->offsets[v]; a < g->offsets[v + 1]; a++) {
		wp_vertex u = g->targets[a];
		COUNT_OUTSIDE(u);
		if (s->unc[u] == 0 || s->hub_of[u] >= 0)
			continue;
		for (uint64_t f = g->offsets[u]; f < g->offsets[u + 1]; f++)
			COUNT_OUTSIDE(g->targets[f]);
	}
#undef COUNT_OUTSIDE
	return gain;
}

/* Uncovered vertices of N_H[v]: BFS truncated at depth H (see the top of the file), or, for
 * H = 2 when the arcs to scan outnumber the bitmap's words, ball_gain_bits. */
static uint64_t ball_gain(const state *s, wp_vertex v, scratch *sc)
{
	const wp_graph *g = s->g;
	if (s->hub_bits != NULL) {
		uint64_t work = 0;
		for (uint64_t a = g->offsets[v]; a < g->offsets[v + 1] && work <= s->words; a++)
			work += wp_graph_out_degree(g, g->targets[a]);
		if (work > s->words)
			return ball_gain_cached(s, v, sc);
	}
	if (++sc->gen == 0) {
		memset(sc->stamp, 0, (size_t)g->n * sizeof(*sc->stamp));
		sc->gen = 1;
	}
	const uint32_t gen = sc->gen;
	uint32_t *stamp = sc->stamp;
	wp_vertex *q = sc->queue;
	size_t head = 0, tail = 0;
	uint64_t gain = !s->covered[v];
	stamp[v] = gen;
	q[tail++] = v;
	for (uint32_t d = 1; d <= s->hops && head < tail; d++) {
		size_t end = tail;
		bool last = d == s->hops;
		for (; head < end; head++) {
			wp_vertex u = q[head];
			if (last && s->unc[u] == 0)
				continue;
			for (uint64_t a = g->offsets[u]; a < g->offsets[u + 1]; a++) {
				wp_vertex x = g->targets[a];
				if (stamp[x] == gen)
					continue;
				stamp[x] = gen;
				gain += !s->covered[x];
				if (!last)
					q[tail++] = x;
			}
		}
	}
	return gain;
}

static void mark(state *s, wp_vertex x)
{
	const wp_graph *g = s->g;
	s->covered[x] = 1;
	if (s->cov_bits != NULL)
		s->cov_bits[x / 64] |= 1ull << (x % 64);
	for (uint64_t a = g->in_offsets[x]; a < g->in_offsets[x + 1]; a++)
		s->unc[g->in_targets[a]]--;
}

/* Covers N_H[v]; returns how many vertices became covered. */
static uint64_t cover_ball(state *s, wp_vertex v)
{
	const wp_graph *g = s->g;
	scratch *sc = &s->sc[0];
	if (++sc->gen == 0) {
		memset(sc->stamp, 0, (size_t)g->n * sizeof(*sc->stamp));
		sc->gen = 1;
	}
	const uint32_t gen = sc->gen;
	size_t head = 0, tail = 0;
	uint64_t added = 0;
	sc->stamp[v] = gen;
	sc->queue[tail++] = v;
	for (uint32_t d = 0; head < tail; d++) {
		size_t end = tail;
		for (; head < end; head++) {
			wp_vertex u = sc->queue[head];
			if (!s->covered[u]) {
				mark(s, u);
				added++;
			}
			if (d == s->hops)
				continue;
			for (uint64_t a = g->offsets[u]; a < g->offsets[u + 1]; a++) {
				wp_vertex x = g->targets[a];
				if (sc->stamp[x] != gen) {
					sc->stamp[x] = gen;
					sc->queue[tail++] = x;
				}
			}
		}
	}
	return added;
}

static const wp_graph *order_graph;
static int by_degree(const void *a, const void *b)
{
	wp_vertex x = *(const wp_vertex *)a, y = *(const wp_vertex *)b;
	uint64_t dx = wp_graph_out_degree(order_graph, x), dy = wp_graph_out_degree(order_graph, y);
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Degree bounds of |N_H[v]| for every vertex (see the top of the file). */
static wp_status initial_bounds(const wp_graph *g, uint32_t hops, int threads, uint64_t *bound,
                                char *err)
{
	wp_status st = WP_OK;
	wp_components comp = {0};
	double *cur = NULL, *nxt = NULL;
	uint32_t *size = NULL;
	const uint32_t n = g->n;

	WP_TRY(wp_components_find(g, &comp, err));
	cur = malloc(((size_t)n + 1) * sizeof(*cur));
	nxt = malloc(((size_t)n + 1) * sizeof(*nxt));
	size = calloc((size_t)comp.count + 1, sizeof(*size));
	if (cur == NULL || nxt == NULL || size == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate the bounds of %u vertices", n);
	for (uint32_t v = 0; v < n; v++)
		size[comp.membership[v]]++;
	for (uint32_t v = 0; v < n; v++) {
		double b = 1.0 + (double)wp_graph_out_degree(g, v), c = size[comp.membership[v]];
		cur[v] = b < c ? b : c;
	}
	const double self = g->directed ? 0.0 : 1.0;
	for (uint32_t h = 2; h <= hops; h++) {

#pragma omp parallel for num_threads(threads) schedule(dynamic, 1024)
		for (uint32_t v = 0; v < n; v++) {
			double b = 1.0, c = size[comp.membership[v]];
			for (uint64_t a = g->offsets[v]; a < g->offsets[v + 1] && b < c; a++)
				b += cur[g->targets[a]] - self;
			nxt[v] = b < c ? b : c;
		}
		double *t = cur;
		cur = nxt;
		nxt = t;
	}
	for (uint32_t v = 0; v < n; v++)
		bound[v] = (uint64_t)ceil(cur[v]);
fail:
	wp_components_free(&comp);
	free(cur);
	free(nxt);
	free(size);
	return st;
}

/* Chooses the hubs for H = 2: the highest out-degrees, as long as a hub's list is longer than a
 * quarter of a bitmap (an OR of words sequential words beats that many random bit sets), at
 * most HUB_COUNT_MAX and HUB_BITMAP_BYTES. No hubs: the bitmaps are not used at all. */
static wp_status setup_hubs(state *s, char *err)
{
	wp_status st = WP_OK;
	const wp_graph *g = s->g;
	const uint32_t n = g->n;
	wp_vertex *ids = NULL;
	s->words = ((size_t)n + 63) / 64;
	uint64_t min_deg = s->words / 4 > 32 ? s->words / 4 : 32;
	uint32_t cap = (uint32_t)(HUB_BITMAP_BYTES / (s->words * 8 + 1));
	cap = cap < HUB_COUNT_MAX ? cap : HUB_COUNT_MAX;
	uint32_t hubs = 0;
	for (uint32_t v = 0; v < n; v++)
		hubs += wp_graph_out_degree(g, v) >= min_deg;
	if (hubs == 0 || cap == 0)
		return WP_OK;
	hubs = hubs < cap ? hubs : cap;
	ids = malloc(((size_t)n + 1) * sizeof(*ids));
	s->hub_of = malloc(((size_t)n + 1) * sizeof(*s->hub_of));
	s->hub_bits = calloc((size_t)hubs * s->words + 1, sizeof(uint64_t));
	s->cov_bits = calloc(s->words + 1, sizeof(uint64_t));
	if (ids == NULL || s->hub_of == NULL || s->hub_bits == NULL || s->cov_bits == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u hub bitmaps", hubs);
	for (int t = 0; t < s->threads; t++) {
		s->sc[t].acc = malloc((s->words + 1) * sizeof(uint64_t));
		s->sc[t].hs = calloc(HS_SLOTS, sizeof(hub_set));
		if (s->sc[t].acc == NULL || s->sc[t].hs == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate a bitmap of %u vertices", n);
	}
	for (uint32_t v = 0; v < n; v++) {
		ids[v] = v;
		s->hub_of[v] = -1;
	}
	order_graph = g;
	qsort(ids, n, sizeof(*ids), by_degree);
	for (uint32_t i = 0; i < hubs; i++)
		s->hub_of[ids[i]] = (int32_t)i;

#pragma omp parallel for num_threads(s->threads) schedule(dynamic, 1)
	for (uint32_t i = 0; i < hubs; i++) {
		uint64_t *row = s->hub_bits + (size_t)i * s->words;
		for (uint64_t a = g->offsets[ids[i]]; a < g->offsets[ids[i] + 1]; a++)
			row[g->targets[a] / 64] |= 1ull << (g->targets[a] % 64);
	}
fail:
	free(ids);
	if (st != WP_OK) {
		free(s->hub_of);
		free(s->hub_bits);
		free(s->cov_bits);
		s->hub_of = NULL;
		s->hub_bits = s->cov_bits = NULL;
	}
	return st;
}

/* Records pick v with gain gain. */
static void record(wp_recruit *res, wp_vertex v, uint64_t gain)
{
	uint32_t i = res->count++;
	res->picks[i] = v;
	res->gain[i] = (double)gain;
	res->covered[i] = (i ? res->covered[i - 1] : 0.0) + (double)gain;
}

/* The calling thread's scratch. Every region that calls this has num_threads(s->threads), so the
 * thread's id is below s->threads: one of the scratches allocated (with the hub caches when
 * setup_hubs made hubs). */
static inline scratch *thread_scratch(const state *s)
{
	int t = wp_thread_id();
	assert(t >= 0 && t < s->threads);
	return &s->sc[t];
}

static void run_naive(state *s, wp_vertex *cand, uint32_t cc, uint32_t budget, wp_recruit *res,
                      uint64_t *gains)
{
	while (res->count < budget && cc > 0) {
		s->round = res->count + 1;

#pragma omp parallel for num_threads(s->threads) schedule(dynamic, 1)
		for (uint32_t i = 0; i < cc; i++)
			gains[i] = ball_gain(s, cand[i], thread_scratch(s));
		res->evaluations += cc;
		uint32_t best = 0;
		for (uint32_t i = 1; i < cc; i++)
			if (gains[i] > gains[best] ||
			    (gains[i] == gains[best] && cand[i] < cand[best]))
				best = i;
		if (gains[best] == 0)
			break;
		wp_vertex v = cand[best];
		cand[best] = cand[--cc];
		record(res, v, cover_ball(s, v));
	}
}

static void run_celf(state *s, entry *heap, size_t len, uint32_t budget, wp_recruit *res,
                     entry *batch)
{
	const size_t B0 = 8 * (size_t)s->threads, BMAX = 512 * (size_t)s->threads;
	size_t B = B0;
	for (uint32_t round = 1; res->count < budget && len > 0;) {
		if (heap[0].round == round) {
			entry top = heap_pop(heap, &len);
			if (top.key == 0)
				break;
			record(res, top.v, cover_ball(s, top.v));
			round++;
			B = B0;
			continue;
		}
		/* A round that needs many evaluations gets doubling batches: fewer barriers,
		 * at most about twice the evaluations needed. */
		size_t b = 0;
		s->round = round;
		while (len > 0 && b < B && heap[0].round != round)
			batch[b++] = heap_pop(heap, &len);

#pragma omp parallel for num_threads(s->threads) schedule(dynamic, 1)
		for (size_t i = 0; i < b; i++) {
			batch[i].key = ball_gain(s, batch[i].v, thread_scratch(s));
			batch[i].round = round;
		}
		res->evaluations += b;
		for (size_t i = 0; i < b; i++) {
			heap[len] = batch[i];
			sift_up(heap, len++);
		}
		B = 2 * B < BMAX ? 2 * B : BMAX;
	}
}

wp_status wp_recruit_coverage(const wp_graph *g, const wp_vertex *cands, uint32_t cand_count,
                              const wp_recruit_opts *opts, wp_recruit *res, char *err)
{
	wp_status st = WP_OK;
	wp_recruit_opts o = opts ? *opts : WP_RECRUIT_DEFAULTS;
	const uint32_t n = g->n;
	state s = {.g = g, .hops = o.hops};
	uint64_t *bound = NULL;
	entry *heap = NULL, *batch = NULL;
	wp_vertex *cand = NULL;
	uint8_t *seen = NULL;

	memset(res, 0, sizeof(*res));
	s.threads = o.threads > 0 ? o.threads : wp_max_threads();
	if (s.threads < 1) /* OpenMP's maximum is at least 1; thread_scratch needs one scratch */
		s.threads = 1;
	if (o.budget == 0)
		WP_FAIL(WP_EARG, "the budget must be at least 1");
	if (o.hops < 1 || o.hops > WP_RECRUIT_MAX_HOPS)
		WP_FAIL(WP_EARG, "hops must be 1 to %d, not %u", WP_RECRUIT_MAX_HOPS, o.hops);
	uint32_t cc = cands ? cand_count : n;
	s.covered = calloc((size_t)n + 1, 1);
	s.unc = malloc(((size_t)n + 1) * sizeof(*s.unc));
	s.sc = calloc((size_t)s.threads, sizeof(*s.sc));
	cand = malloc(((size_t)cc + 1) * sizeof(*cand));
	seen = calloc((size_t)n + 1, 1);
	uint32_t want = o.budget < cc ? o.budget : cc;
	res->picks = malloc(((size_t)want + 1) * sizeof(*res->picks));
	res->gain = malloc(((size_t)want + 1) * sizeof(*res->gain));
	res->covered = malloc(((size_t)want + 1) * sizeof(*res->covered));
	if (!s.covered || !s.unc || !s.sc || !cand || !seen || !res->picks || !res->gain ||
	    !res->covered)
		WP_FAIL(WP_ENOMEM, "cannot allocate the greedy state for %u vertices", n);
	for (uint32_t i = 0; i < cc; i++) {
		wp_vertex v = cands ? cands[i] : i;
		if (v >= n)
			WP_FAIL(WP_EARG, "candidate %u is not a vertex (the graph has %u)", v, n);
		if (seen[v])
			WP_FAIL(WP_EARG, "candidate %u is given twice", v);
		seen[v] = 1;
		cand[i] = v;
	}
	for (int t = 0; t < s.threads; t++) {
		s.sc[t].stamp = calloc((size_t)n + 1, sizeof(uint32_t));
		s.sc[t].queue = malloc(((size_t)n + 1) * sizeof(wp_vertex));
		if (s.sc[t].stamp == NULL || s.sc[t].queue == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate the search scratch of %u vertices", n);
	}
	for (uint32_t u = 0; u < n; u++)
		s.unc[u] = (uint32_t)wp_graph_out_degree(g, u);
	if (o.hops == 2)
		WP_TRY(setup_hubs(&s, err));
	if (o.naive) {
		bound = malloc(((size_t)cc + 1) * sizeof(*bound));
		if (bound == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %u gains", cc);
		run_naive(&s, cand, cc, want, res, bound);
	} else {
		bound = malloc(((size_t)n + 1) * sizeof(*bound));
		heap = malloc(((size_t)cc + 1) * sizeof(*heap));
		batch = malloc((512 * (size_t)s.threads + 1) * sizeof(*batch));
		if (bound == NULL || heap == NULL || batch == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate the queue of %u candidates", cc);
		WP_TRY(initial_bounds(g, o.hops, s.threads, bound, err));
		for (uint32_t i = 0; i < cc; i++)
			heap[i] = (entry){bound[cand[i]], cand[i], o.hops == 1 ? 1u : 0u};
		for (size_t i = cc / 2; i-- > 0;)
			sift_down(heap, cc, i);
		run_celf(&s, heap, cc, want, res, batch);
	}
fail:
	if (st != WP_OK)
		wp_recruit_free(res);
	for (int t = 0; s.sc != NULL && t < s.threads; t++) {
		free(s.sc[t].stamp);
		free(s.sc[t].queue);
		free(s.sc[t].acc);
		free(s.sc[t].hs);
	}
	free(s.hub_of);
	free(s.hub_bits);
	free(s.cov_bits);
	free(s.sc);
	free(s.covered);
	free(s.unc);
	free(cand);
	free(seen);
	free(bound);
	free(heap);
	free(batch);
	return st;
}
