/* paths_alternatives.c - ranked queries with sets, avoid sets and alternative chains (paths.h).
 *
 * wp_path_find_opts() turns a query into searches (paths.c, paths_weighted.c) and assembles the
 * result. Chain 1 is the best chain. Alternatives come in two phases:
 *
 * 1. Disjoint chains, by successive searches: after each chain its introducers (interior
 *    vertices) are added to the blocked set, and the next search finds the best chain that
 *    avoids all of them. A direct tie (source - target, no introducer) may not be offered twice:
 *    its source is then seeded through its other neighbours (a seed with an origin, see
 *    paths_internal.h), so the used tie is the one arc the search cannot take. This ranks chains
 *    the way refusals happen: chain i + 1 is the best chain left if everyone asked for chains
 *    1..i says no. Greedy choice keeps chain 1 optimal, which a flow-based choice of a maximum
 *    set of disjoint chains (Suurballe, Networks 4, 1974; Bhandari 1999) would not; the price is
 *    that in contrived graphs it can stop before a maximum set is found, and the result says only
 *    that no chain avoids the introducers already listed.
 *
 * 2. When that phase runs dry before K chains, Yen's algorithm (Management Science 17(11), 1971)
 *    produces loopless chains in rank order, starting again from chain 1: for the last chain P
 *    accepted into Yen's list A and each spur vertex P[i], the spur search starts at P[i] with
 *    P[0..i-1] blocked and without the arcs P[i] -> Q[i+1] of every chain Q in A that shares the
 *    root P[0..i]; the root plus the spur chain is a candidate. The best candidate joins A, and
 *    is listed unless it is already one of the disjoint chains. With several sources a virtual
 *    source joins them (the spur at the virtual source restarts from the sources no chain of A
 *    starts with). Hop limits carry over (the spur gets what the root leaves).
 *
 * Cost: phase 1 up to K searches; phase 2 one search per spur vertex of every chain accepted,
 * plus O(K^2 hops) to compare candidates. All memory is the scratch's growable buffers.
 */
#include "queries/paths.h"

#include <stdlib.h>
#include <string.h>

#include "queries/paths_internal.h"

/* A chain of Yen's list A or a candidate, stored in s->pool. */
typedef struct alt_item {
	size_t start; /* first vertex in s->pool */
	uint32_t hops;
	double k1, k2; /* rank key, compared lexicographically */
	size_t seq;    /* creation order: the last tie-break */
	bool in_a;
} alt_item;

void wp_path_result_free(wp_path_result *res)
{
	free(res->chains);
	free(res->vertices);
	memset(res, 0, sizeof(*res));
}

static void rank_key(wp_path_rank rank, const wp_chain *c, double *k1, double *k2)
{
	switch (rank) {
	case WP_RANK_HOPS:
		*k1 = c->hops;
		*k2 = 0.0;
		return;
	case WP_RANK_HOPS_WARMTH:
		*k1 = c->hops;
		*k2 = c->cost;
		return;
	case WP_RANK_WARMTH:
		*k1 = c->cost;
		*k2 = c->hops;
		return;
	case WP_RANK_BOTTLENECK:
		*k1 = -c->weakest;
		*k2 = c->hops;
		return;
	}
}

/* Appends the chain path[0..hops] to res. */
static wp_status add_chain(const wp_graph *g, wp_path_result *res, const wp_vertex *path,
                           uint32_t hops, bool disjoint, char *err)
{
	wp_status st = WP_OK;
	size_t cap = res->chains_cap;
	WP_TRY(wpi_reserve((void **)&res->chains, &cap, (size_t)res->count + 1,
	                   sizeof(*res->chains), err));
	res->chains_cap = (uint32_t)cap;
	WP_TRY(wpi_reserve((void **)&res->vertices, &res->vertices_cap,
	                   res->vertices_len + hops + 1, sizeof(*res->vertices), err));
	wp_chain *c = &res->chains[res->count++];
	wpi_measure(g, path, hops, c);
	c->first = (uint32_t)res->vertices_len;
	c->disjoint = disjoint;
	memcpy(res->vertices + res->vertices_len, path, ((size_t)hops + 1) * sizeof(*path));
	res->vertices_len += (size_t)hops + 1;
	return WP_OK;
fail:
	return st;
}

static bool same_chain(const wp_vertex *a, uint32_t ha, const wp_vertex *b, uint32_t hb)
{
	return ha == hb && memcmp(a, b, ((size_t)ha + 1) * sizeof(*a)) == 0;
}

static bool listed(const wp_path_result *res, const wp_vertex *path, uint32_t hops)
{
	for (uint32_t i = 0; i < res->count; i++)
		if (same_chain(res->vertices + res->chains[i].first, res->chains[i].hops, path,
		               hops))
			return true;
	return false;
}

static wp_status add_seed(wp_path_scratch *s, wp_vertex v, wp_vertex origin, float warmth,
                          char *err)
{
	wp_status st = WP_OK;
	WP_TRY(wpi_reserve((void **)&s->seeds, &s->seeds_cap, s->seeds_len + 1, sizeof(*s->seeds),
	                   err));
	s->seeds[s->seeds_len++] = (wp_path_seed){v, origin, warmth};
	return WP_OK;
fail:
	return st;
}

static bool forbidden(const wp_path_scratch *s, wp_vertex u, wp_vertex v)
{
	for (size_t i = 0; i < s->forbid_len; i += 2)
		if (s->forbid[i] == u && s->forbid[i + 1] == v)
			return true;
	return false;
}

static bool forbids_from(const wp_path_scratch *s, wp_vertex u)
{
	for (size_t i = 0; i < s->forbid_len; i += 2)
		if (s->forbid[i] == u)
			return true;
	return false;
}

static wp_status add_forbid(wp_path_scratch *s, wp_vertex u, wp_vertex v, char *err)
{
	wp_status st = WP_OK;
	WP_TRY(wpi_reserve((void **)&s->forbid, &s->forbid_cap, s->forbid_len + 2,
	                   sizeof(*s->forbid), err));
	s->forbid[s->forbid_len++] = u;
	s->forbid[s->forbid_len++] = v;
	return WP_OK;
fail:
	return st;
}

/* Seeds a search at source u without its forbidden first hops: every other out-neighbour of u
 * becomes a seed with origin u. */
static wp_status seed_around(const wp_graph *g, wp_path_scratch *s, wp_vertex u, char *err)
{
	wp_status st = WP_OK;
	for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++) {
		wp_vertex x = g->targets[e];
		if (!forbidden(s, u, x))
			WP_TRY(add_seed(s, x, u, g->weights ? g->weights[e] : 1.0f, err));
	}
	return WP_OK;
fail:
	return st;
}

/* Sets the blocked list to the avoid set. */
static wp_status block_avoid(wp_path_scratch *s, const wp_path_opts *o, char *err)
{
	wp_status st = WP_OK;
	s->blocked_len = 0;
	for (uint32_t i = 0; i < o->avoid_count; i++)
		WP_TRY(wpi_block(s, o->avoid[i], err));
	return WP_OK;
fail:
	return st;
}

/* Phase 1: chains avoiding the introducers of every chain before them. */
static wp_status disjoint_chains(const wp_graph *g, wp_path_scratch *s, const wp_vertex *from,
                                 uint32_t from_count, wpi_request *rq, uint32_t want,
                                 wp_path_result *res, char *err)
{
	wp_status st = WP_OK;
	s->forbid_len = 0;
	while (res->count < want) {
		const wp_chain *last = &res->chains[res->count - 1];
		const wp_vertex *p = res->vertices + last->first;
		for (uint32_t i = 1; i < last->hops; i++)
			WP_TRY(wpi_block(s, p[i], err));
		if (last->hops == 1)
			WP_TRY(add_forbid(s, p[0], p[1], err));
		s->seeds_len = 0;
		for (uint32_t i = 0; i < from_count; i++) {
			if (forbids_from(s, from[i]))
				WP_TRY(seed_around(g, s, from[i], err));
			else
				WP_TRY(add_seed(s, from[i], WP_NO_VERTEX, 1.0f, err));
		}
		rq->seeds = s->seeds;
		rq->seed_count = (uint32_t)s->seeds_len;
		WP_TRY(wpi_search(g, s, rq, err));
		if (s->hops == WP_NO_PATH)
			break;
		WP_TRY(add_chain(g, res, s->path, s->hops, true, err));
	}
	return WP_OK;
fail:
	return st;
}

static alt_item *items(wp_path_scratch *s)
{
	return (alt_item *)s->items;
}

/* Stores chain path[0..hops] as a candidate unless Yen's list or the candidates hold it. */
static wp_status add_candidate(const wp_graph *g, wp_path_scratch *s, wp_path_rank rank,
                               const wp_vertex *path, uint32_t hops, char *err)
{
	wp_status st = WP_OK;
	wp_chain c;
	for (size_t i = 0; i < s->items_len; i++)
		if (same_chain(s->pool + items(s)[i].start, items(s)[i].hops, path, hops))
			return WP_OK;
	WP_TRY(wpi_reserve(&s->items, &s->items_cap, s->items_len + 1, sizeof(alt_item), err));
	WP_TRY(wpi_reserve((void **)&s->pool, &s->pool_cap, s->pool_len + hops + 1,
	                   sizeof(*s->pool), err));
	wpi_measure(g, path, hops, &c);
	alt_item *it = &items(s)[s->items_len];
	it->start = s->pool_len;
	it->hops = hops;
	rank_key(rank, &c, &it->k1, &it->k2);
	it->seq = s->items_len++;
	it->in_a = false;
	memcpy(s->pool + s->pool_len, path, ((size_t)hops + 1) * sizeof(*path));
	s->pool_len += (size_t)hops + 1;
	return WP_OK;
fail:
	return st;
}

static bool item_better(const alt_item *a, const alt_item *b)
{
	if (a->k1 != b->k1)
		return a->k1 < b->k1;
	if (a->k2 != b->k2)
		return a->k2 < b->k2;
	return a->seq < b->seq;
}

/* One spur search of Yen's algorithm from position i of chain `last` of A (i = -1: the virtual
 * source). The candidate, if any, goes to the candidates. */
static wp_status spur(const wp_graph *g, wp_path_scratch *s, const wp_vertex *from,
                      uint32_t from_count, const wp_path_opts *o, wpi_request *rq, size_t last,
                      int64_t i, char *err)
{
	wp_status st = WP_OK;
	uint32_t max_hops = o->max_hops ? o->max_hops : UINT32_MAX;
	const alt_item *p = &items(s)[last];
	size_t root_len = (size_t)(i + 1); /* vertices P[0..i] */

	WP_TRY(block_avoid(s, o, err));
	for (int64_t j = 0; j < i; j++)
		WP_TRY(wpi_block(s, s->pool[p->start + (size_t)j], err));
	/* The next vertex after the root of every chain of A that shares the root is forbidden. */
	s->forbid_len = 0;
	wp_vertex spur_v = i >= 0 ? s->pool[p->start + (size_t)i] : WP_NO_VERTEX;
	for (size_t a = 0; a < s->items_len; a++) {
		const alt_item *q = &items(s)[a];
		if (!q->in_a || q->hops < root_len ||
		    memcmp(s->pool + q->start, s->pool + p->start, root_len * sizeof(wp_vertex)) !=
		            0)
			continue;
		WP_TRY(add_forbid(s, spur_v, s->pool[q->start + root_len], err));
	}
	s->seeds_len = 0;
	if (i < 0) {
		for (uint32_t k = 0; k < from_count; k++)
			if (!forbidden(s, WP_NO_VERTEX, from[k]))
				WP_TRY(add_seed(s, from[k], WP_NO_VERTEX, 1.0f, err));
		rq->max_hops = max_hops;
	} else {
		if ((uint64_t)i >= max_hops)
			return WP_OK;
		WP_TRY(seed_around(g, s, spur_v, err));
		rq->max_hops = max_hops == UINT32_MAX ? UINT32_MAX : max_hops - (uint32_t)i;
	}
	rq->seeds = s->seeds;
	rq->seed_count = (uint32_t)s->seeds_len;
	if (rq->seed_count == 0)
		return WP_OK;
	WP_TRY(wpi_search(g, s, rq, err));
	if (s->hops == WP_NO_PATH)
		return WP_OK;
	/* Candidate: P[0..i-1] then the spur chain (which starts at P[i]). */
	size_t hops = (size_t)(i > 0 ? i : 0) + s->hops;
	if (i > 0) {
		memmove(s->path + i, s->path, ((size_t)s->hops + 1) * sizeof(*s->path));
		memcpy(s->path, s->pool + p->start, (size_t)i * sizeof(*s->path));
	}
	WP_TRY(add_candidate(g, s, o->rank, s->path, (uint32_t)hops, err));
	return WP_OK;
fail:
	return st;
}

/* Phase 2: Yen's loopless chains, listed unless already listed, until res holds `want`. */
static wp_status yen_chains(const wp_graph *g, wp_path_scratch *s, const wp_vertex *from,
                            uint32_t from_count, const wp_path_opts *o, wpi_request *rq,
                            uint32_t want, wp_path_result *res, char *err)
{
	wp_status st = WP_OK;
	s->items_len = 0;
	s->pool_len = 0;
	const wp_chain *c0 = &res->chains[0];
	WP_TRY(add_candidate(g, s, o->rank, res->vertices + c0->first, c0->hops, err));
	items(s)[0].in_a = true;
	size_t last = 0;
	while (res->count < want) {
		uint32_t hops = items(s)[last].hops;
		for (int64_t i = from_count > 1 ? -1 : 0; i < (int64_t)hops; i++)
			WP_TRY(spur(g, s, from, from_count, o, rq, last, i, err));
		size_t best = SIZE_MAX;
		for (size_t k = 0; k < s->items_len; k++)
			if (!items(s)[k].in_a &&
			    (best == SIZE_MAX || item_better(&items(s)[k], &items(s)[best])))
				best = k;
		if (best == SIZE_MAX) {
			res->exhausted = true;
			break;
		}
		items(s)[best].in_a = true;
		last = best;
		const alt_item *it = &items(s)[best];
		/* add_chain may not be handed pool memory that moves: the pool does not grow here.
		 */
		if (!listed(res, s->pool + it->start, it->hops))
			WP_TRY(add_chain(g, res, s->pool + it->start, it->hops, false, err));
	}
	return WP_OK;
fail:
	return st;
}

wp_status wp_path_find(const wp_graph *g, wp_path_scratch *s, wp_vertex from, wp_vertex to,
                       wp_path_result *res, char *err)
{
	return wp_path_find_opts(g, s, &from, 1, &to, 1, NULL, res, err);
}

wp_status wp_path_find_opts(const wp_graph *g, wp_path_scratch *s, const wp_vertex *from,
                            uint32_t from_count, const wp_vertex *to, uint32_t to_count,
                            const wp_path_opts *opts, wp_path_result *res, char *err)
{
	wp_status st = WP_OK;
	const wp_path_opts o = opts ? *opts : WP_PATH_DEFAULTS;
	const uint32_t want = o.alternatives ? o.alternatives : 1;
	wpi_request rq = {NULL, 0, to, to_count, o.rank, o.max_hops ? o.max_hops : UINT32_MAX};

	res->count = 0;
	res->disjoint = 0;
	res->fallback = false;
	res->exhausted = false;
	res->vertices_len = 0;
	res->explored = 0;
	s->explored = 0;
	if (s->n != g->n || s->marks == NULL)
		WP_FAIL(WP_EARG, "the path scratch was made for a graph of %u vertices, not %u",
		        s->n, g->n);
	if (from_count == 0 || to_count == 0)
		WP_FAIL(WP_EARG, "a chain needs at least one source and one target");
	if ((unsigned)o.rank > WP_RANK_BOTTLENECK)
		WP_FAIL(WP_EARG, "unknown rank %d", (int)o.rank);
	if (wp_path_rank_weighted(o.rank) && (g->weights == NULL || !s->weighted))
		WP_FAIL(WP_EARG, "ranking chains by %s needs a weighted graph (warmth in (0, 1])",
		        wp_path_rank_name(o.rank));
	for (uint32_t i = 0; i < from_count; i++)
		if (from[i] >= g->n)
			WP_FAIL(WP_EARG, "source %u out of range (n = %u)", from[i], g->n);
	for (uint32_t i = 0; i < to_count; i++)
		if (to[i] >= g->n)
			WP_FAIL(WP_EARG, "target %u out of range (n = %u)", to[i], g->n);
	for (uint32_t i = 0; i < o.avoid_count; i++)
		if (o.avoid[i] >= g->n)
			WP_FAIL(WP_EARG, "avoided vertex %u out of range (n = %u)", o.avoid[i],
			        g->n);

	WP_TRY(block_avoid(s, &o, err));
	s->seeds_len = 0;
	for (uint32_t i = 0; i < from_count; i++)
		WP_TRY(add_seed(s, from[i], WP_NO_VERTEX, 1.0f, err));
	rq.seeds = s->seeds;
	rq.seed_count = from_count;
	WP_TRY(wpi_search(g, s, &rq, err));
	if (s->hops == WP_NO_PATH) {
		res->exhausted = true;
		res->explored = s->explored;
		return WP_OK;
	}
	WP_TRY(add_chain(g, res, s->path, s->hops, true, err));
	if (s->hops > 0 && want > 1) {
		WP_TRY(disjoint_chains(g, s, from, from_count, &rq, want, res, err));
		res->disjoint = res->count;
		if (res->count < want) {
			res->fallback = true;
			WP_TRY(yen_chains(g, s, from, from_count, &o, &rq, want, res, err));
		}
	}
	res->disjoint = res->disjoint ? res->disjoint : res->count;
	res->explored = s->explored;
	return WP_OK;
fail:
	res->count = 0;
	res->vertices_len = 0;
	return st;
}
