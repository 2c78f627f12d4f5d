/* test_paths_alternatives.c - alternative chains (queries/paths_alternatives.c).
 *
 * Every chain returned must be a simple path from a source to a target that avoids the avoid set
 * and respects the hop limit; no chain may be listed twice; the first `disjoint` chains must
 * share no introducer (interior vertex), each must be as short as a BFS that avoids the
 * introducers before it, and when fewer disjoint chains than asked are found, no chain may
 * remain that avoids them all (the fallback flag). Yen's phase is checked against exhaustive
 * enumeration: asked for more chains than exist, the result lists every simple path exactly
 * once, and Yen's chains come in rank order. Small named graphs pin the flags down.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <igraph.h>
#include <stdlib.h>
#include <string.h>

#include "engine/igraph_bridge.h"
#include "queries/paths.h"
#include "tests/ref/paths_ref.h"

static void init(void)
{
	wp_igraph_setup();
}

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint32_t next_rand(uint32_t bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % bound);
}

static void weighted_graph(const igraph_t *ig, wp_graph *g)
{
	char err[WP_ERR_LEN] = "";
	igraph_vector_t w;
	igraph_integer_t m = igraph_ecount(ig);
	igraph_vector_init(&w, m);
	for (igraph_integer_t i = 0; i < m; i++)
		VECTOR(w)[i] = (double)(1 + next_rand(20)) / 20.0;
	cr_assert(eq(int, wp_graph_from_igraph(g, ig, &w, err), WP_OK), "%s", err);
	igraph_vector_destroy(&w);
}

/* A graph from an edge list. */
static void small_graph(wp_graph *g, int n, const int (*edges)[2], int count, bool directed)
{
	igraph_t ig;
	igraph_vector_int_t e;
	char err[WP_ERR_LEN] = "";
	igraph_vector_int_init(&e, 2 * count);
	for (int i = 0; i < count; i++) {
		VECTOR(e)[2 * i] = edges[i][0];
		VECTOR(e)[2 * i + 1] = edges[i][1];
	}
	igraph_create(&ig, &e, n, directed);
	cr_assert(eq(int, wp_graph_from_igraph(g, &ig, NULL, err), WP_OK), "%s", err);
	igraph_destroy(&ig);
	igraph_vector_int_destroy(&e);
}

static const wp_vertex *chain_at(const wp_path_result *r, uint32_t i)
{
	return r->vertices + r->chains[i].first;
}

static void assert_chain(const wp_graph *g, const wp_vertex *path, uint32_t hops,
                         const wp_vertex *from, uint32_t nf, const wp_vertex *to, uint32_t nt,
                         const wp_vertex *avoid, uint32_t na)
{
	cr_assert(ref_in(from, nf, path[0]), "chain starts at %u, not a source", path[0]);
	cr_assert(ref_in(to, nt, path[hops]), "chain ends at %u, not a target", path[hops]);
	for (uint32_t i = 0; i <= hops; i++) {
		cr_assert(not(ref_in(avoid, na, path[i])), "chain includes avoided %u", path[i]);
		for (uint32_t j = 0; j < i; j++)
			cr_assert(not(eq(u32, path[i], path[j])), "chain repeats %u", path[i]);
		if (i < hops)
			cr_assert(not(eq(u64, wp_graph_find_arc(g, path[i], path[i + 1]),
			                 UINT64_MAX)),
			          "step %u of the chain is not an arc", i);
	}
}

/* Checks every documented property of one result (see the top of this file). */
static void check_result(const wp_graph *g, const wp_vertex *from, uint32_t nf, const wp_vertex *to,
                         uint32_t nt, const wp_path_opts *o, const wp_path_result *r, int q)
{
	uint32_t want = o->alternatives ? o->alternatives : 1;
	wp_vertex *blocked = malloc(((size_t)g->n + o->avoid_count + 1) * sizeof(*blocked));
	uint32_t *dist = malloc(((size_t)g->n + 1) * sizeof(*dist));
	uint32_t nb = 0;
	bool direct_before = false;
	for (uint32_t i = 0; i < o->avoid_count; i++)
		blocked[nb++] = o->avoid[i];
	cr_assert(le(u32, r->count, want));
	cr_assert(le(u32, r->disjoint, r->count));
	if (r->count > 0 && r->chains[0].hops == 0) { /* a source is a target: no alternatives */
		cr_assert(eq(u32, r->count, 1));
		goto done;
	}
	if (!r->exhausted)
		cr_assert(eq(u32, r->count, want), "query %d: %u chains without exhaustion", q,
		          r->count);
	for (uint32_t i = 0; i < r->count; i++) {
		const wp_vertex *p = chain_at(r, i);
		uint32_t h = r->chains[i].hops;
		assert_chain(g, p, h, from, nf, to, nt, o->avoid, o->avoid_count);
		if (o->max_hops)
			cr_assert(le(u32, h, o->max_hops));
		for (uint32_t j = 0; j < i; j++)
			cr_assert(not(h == r->chains[j].hops &&
			              memcmp(p, chain_at(r, j), (h + 1) * sizeof(*p)) == 0),
			          "query %d: chains %u and %u are the same", q, j, i);
		cr_assert(eq(int, r->chains[i].disjoint, i < r->disjoint), "query %d chain %u", q,
		          i);
		if (i >= r->disjoint)
			continue;
		/* Disjoint: no introducer of an earlier chain; and (rank hops, no direct tie
		 * before, whose exclusion the reference does not model) as short as a BFS that
		 * avoids them. */
		for (uint32_t k = 1; k < h; k++)
			cr_assert(not(ref_in(blocked + o->avoid_count, nb - o->avoid_count, p[k])),
			          "query %d: chain %u reuses introducer %u", q, i, p[k]);
		if (o->rank == WP_RANK_HOPS && !direct_before) {
			ref_bfs(g, from, nf, blocked, nb, dist);
			uint32_t best = UINT32_MAX;
			for (uint32_t k = 0; k < nt; k++)
				if (!ref_in(blocked, nb, to[k]) && dist[to[k]] < best)
					best = dist[to[k]];
			cr_assert(eq(u32, h, best), "query %d: disjoint chain %u", q, i);
		}
		for (uint32_t k = 1; k < h; k++)
			blocked[nb++] = p[k];
		direct_before |= h == 1;
	}
	if (r->fallback) {
		cr_assert(lt(u32, r->disjoint, want));
		if (!direct_before && !o->max_hops) {
			ref_bfs(g, from, nf, blocked, nb, dist);
			for (uint32_t k = 0; k < nt; k++)
				cr_assert(ref_in(blocked, nb, to[k]) || dist[to[k]] == UINT32_MAX,
				          "query %d: a chain avoids every introducer, yet fallback",
				          q);
		}
	} else {
		cr_assert(eq(u32, r->disjoint, r->count));
	}
done:
	free(blocked);
	free(dist);
}

typedef struct random_case {
	char name[40];
	int n;
	int m;
	bool directed;
	bool ba;
} random_case;

ParameterizedTestParameters(paths_alternatives, random_queries_keep_every_promise)
{
	static random_case cases[] = {
	        {"undirected", 400, 1000, false, false},
	        {"sparse undirected", 500, 600, false, false},
	        {"directed", 400, 1600, true, false},
	        {"barabasi-albert", 500, 2, false, true},
	};
	return cr_make_param_array(random_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(random_case *c, paths_alternatives, random_queries_keep_every_promise,
                  .init = init)
{
	igraph_t ig;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex from[3], to[3], avoid[6];
	int fallbacks = 0, yen = 0;

	igraph_rng_seed(igraph_rng_default(), 17);
	if (c->ba)
		igraph_barabasi_game(&ig, c->n, 1, c->m, NULL, true, 1, c->directed,
		                     IGRAPH_BARABASI_PSUMTREE, NULL);
	else
		igraph_erdos_renyi_game_gnm(&ig, c->n, c->m, c->directed, IGRAPH_NO_LOOPS);
	weighted_graph(&ig, &g);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	for (int q = 0; q < 400; q++) {
		uint32_t nf = 1 + next_rand(3), nt = 1 + next_rand(3), na = next_rand(7);
		for (uint32_t i = 0; i < nf; i++)
			from[i] = next_rand(g.n);
		for (uint32_t i = 0; i < nt; i++)
			to[i] = next_rand(g.n);
		for (uint32_t i = 0; i < na; i++)
			avoid[i] = next_rand(g.n);
		wp_path_opts o = WP_PATH_DEFAULTS;
		o.rank = (wp_path_rank)(q % 4);
		o.alternatives = 2 + next_rand(7);
		o.max_hops = next_rand(3) == 0 ? 3 + next_rand(4) : 0;
		o.avoid = avoid;
		o.avoid_count = na;
		cr_assert(
		        eq(int, wp_path_find_opts(&g, &s, from, nf, to, nt, &o, &res, err), WP_OK),
		        "%s", err);
		check_result(&g, from, nf, to, nt, &o, &res, q);
		fallbacks += res.fallback;
		yen += res.count > res.disjoint;
	}
	cr_assert(lt(int, 5, fallbacks), "%s: the fallback was never exercised", c->name);
	cr_assert(lt(int, 5, yen), "%s: Yen's phase never listed a chain", c->name);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* Collects enumerated simple paths: count and a flat copy. */
typedef struct collected {
	uint32_t count;
	uint32_t hops[4096];
	wp_vertex path[4096][16];
} collected;

static void collect(const wp_vertex *path, uint32_t hops, void *ctx)
{
	collected *c = ctx;
	if (c->count < 4096 && hops < 16) {
		c->hops[c->count] = hops;
		memcpy(c->path[c->count], path, (hops + 1) * sizeof(*path));
	}
	c->count++;
}

Test(paths_alternatives, asked_for_more_chains_than_exist_every_simple_path_is_listed_once,
     .init = init)
{
	static collected all;
	for (int trial = 0; trial < 30; trial++) {
		igraph_t ig;
		wp_graph g;
		wp_path_scratch s;
		wp_path_result res = {0};
		char err[WP_ERR_LEN] = "";
		igraph_rng_seed(igraph_rng_default(), (unsigned long)(100 + trial));
		igraph_erdos_renyi_game_gnm(&ig, 8, 12 + trial % 5, trial % 3 == 2,
		                            IGRAPH_NO_LOOPS);
		weighted_graph(&ig, &g);
		cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
		wp_vertex a = 0, b = 7;
		all.count = 0;
		ref_simple_paths(&g, a, b, g.n, collect, &all);
		cr_assert(lt(u32, all.count, 4096));
		for (int r = 0; r < 4; r++) {
			wp_path_opts o = WP_PATH_DEFAULTS;
			o.rank = (wp_path_rank)r;
			o.alternatives = all.count + 3;
			cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &b, 1, &o, &res, err),
			             WP_OK),
			          "%s", err);
			check_result(&g, &a, 1, &b, 1, &o, &res, trial);
			cr_assert(eq(u32, res.count, all.count), "trial %d rank %d", trial, r);
			cr_assert(eq(int, res.exhausted, 1));
			for (uint32_t i = 0; i < all.count; i++) {
				bool found = false;
				for (uint32_t j = 0; j < res.count && !found; j++)
					found = res.chains[j].hops == all.hops[i] &&
					        memcmp(chain_at(&res, j), all.path[i],
					               (all.hops[i] + 1) * sizeof(wp_vertex)) == 0;
				cr_assert(found, "trial %d rank %d: a simple path is missing",
				          trial, r);
			}
			/* Yen's chains come in rank order (additive ranks). */
			for (uint32_t j = res.disjoint + 1; j < res.count; j++) {
				const wp_chain *x = &res.chains[j - 1], *y = &res.chains[j];
				if (r == WP_RANK_HOPS || r == WP_RANK_HOPS_WARMTH)
					cr_assert(le(u32, x->hops, y->hops), "trial %d rank %d",
					          trial, r);
				if (r == WP_RANK_WARMTH)
					cr_assert(le(dbl, x->cost, y->cost + 1e-12), "trial %d",
					          trial);
			}
		}
		wp_path_result_free(&res);
		wp_path_scratch_free(&s);
		wp_graph_free(&g);
		igraph_destroy(&ig);
	}
}

Test(paths_alternatives, a_cut_vertex_forces_the_fallback_and_then_exhaustion, .init = init)
{
	static const int edges[][2] = {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}};
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex a = 0, b = 4;
	small_graph(&g, 5, edges, 5, false);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	wp_path_opts o = WP_PATH_DEFAULTS;
	o.alternatives = 2;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &b, 1, &o, &res, err), WP_OK));
	cr_assert(eq(u32, res.count, 2));
	cr_assert(eq(u32, res.disjoint, 1));
	cr_assert(res.fallback);
	cr_assert(not(res.exhausted));
	cr_assert(eq(u32, chain_at(&res, 0)[1], 1));
	cr_assert(eq(u32, chain_at(&res, 1)[1], 2));
	cr_assert(not(res.chains[1].disjoint));
	o.alternatives = 3;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &b, 1, &o, &res, err), WP_OK));
	cr_assert(eq(u32, res.count, 2));
	cr_assert(res.exhausted);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
}

Test(paths_alternatives, a_direct_tie_is_offered_once_and_introducers_are_not_shared, .init = init)
{
	/* 0 - 4 directly, and through 1, 2 and 3 (3 also via 5). */
	static const int edges[][2] = {{0, 4}, {0, 1}, {1, 4}, {0, 2},
	                               {2, 4}, {0, 3}, {3, 5}, {5, 4}};
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex a = 0, b = 4;
	small_graph(&g, 6, edges, 8, false);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	wp_path_opts o = WP_PATH_DEFAULTS;
	o.alternatives = 10;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &b, 1, &o, &res, err), WP_OK));
	check_result(&g, &a, 1, &b, 1, &o, &res, 0);
	cr_assert(eq(u32, res.count, 4));
	cr_assert(eq(u32, res.disjoint, 4));
	cr_assert(eq(u32, res.chains[0].hops, 1));
	cr_assert(eq(u32, res.chains[1].hops, 2));
	cr_assert(eq(u32, res.chains[2].hops, 2));
	cr_assert(eq(u32, res.chains[3].hops, 3));
	cr_assert(res.fallback);
	cr_assert(res.exhausted);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
}

Test(paths_alternatives, sets_of_sources_give_disjoint_chains_from_different_members, .init = init)
{
	/* Members 0 and 1; target 6; 0 - 2 - 6, 1 - 3 - 6, 0 - 4 - 5 - 6, and 1 - 2. */
	static const int edges[][2] = {{0, 2}, {2, 6}, {1, 3}, {3, 6},
	                               {0, 4}, {4, 5}, {5, 6}, {1, 2}};
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex members[2] = {0, 1}, b = 6, avoid = 4;
	small_graph(&g, 7, edges, 8, false);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	wp_path_opts o = WP_PATH_DEFAULTS;
	o.alternatives = 3;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, members, 2, &b, 1, &o, &res, err), WP_OK));
	check_result(&g, members, 2, &b, 1, &o, &res, 0);
	cr_assert(eq(u32, res.disjoint, 3));
	cr_assert(eq(u32, res.chains[2].hops, 3));
	o.avoid = &avoid;
	o.avoid_count = 1;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, members, 2, &b, 1, &o, &res, err), WP_OK));
	check_result(&g, members, 2, &b, 1, &o, &res, 1);
	cr_assert(eq(u32, res.disjoint, 2));
	cr_assert(res.fallback);
	/* Yen's third chain: 1 - 2 - 6 (shares introducer 2 with 0 - 2 - 6). */
	cr_assert(eq(u32, res.count, 3));
	cr_assert(eq(u32, chain_at(&res, 2)[0], 1));
	cr_assert(eq(u32, chain_at(&res, 2)[1], 2));
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
}
