/* test_reach.c - Criterion tests for queries/reach.c (exact reach of a seed set within H hops).
 *
 * The oracle is igraph 0.10's igraph_neighborhood (order d, mindist 1, mode OUT): the union of
 * the seeds' d-hop neighbourhoods minus the seeds gives the people within d hops, so per_hop is
 * the difference of consecutive d; each seed's own list gives per_seed, unique and overlap. Run on
 * G(n, p), Barabasi-Albert and sparse graphs with isolated vertices, directed and undirected,
 * with seed sets larger than one pass (many words), with a minimum weight (the oracle deletes the
 * lighter edges first), for 1 and 2 threads and several words per pass (identical results); plus
 * a hand-checked path and the argument errors.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "queries/reach.h"

static void setup(void)
{
	wp_igraph_setup();
}

TestSuite(reach, .init = setup);

typedef struct reach_case {
	char name[32];
	int kind; /* 0 G(n,p), 1 Barabasi-Albert, 2 sparse */
	int n;
	double p;
	bool directed;
	int seeds;
	int hops;
	float min_weight;
	unsigned seed;
} reach_case;

static void make(const reach_case *c, igraph_t *ig)
{
	igraph_rng_seed(igraph_rng_default(), c->seed);
	if (c->kind == 1)
		cr_assert(eq(int,
		             igraph_barabasi_game(ig, c->n, 1.0, (igraph_integer_t)c->p, NULL, true,
		                                  1.0, c->directed, IGRAPH_BARABASI_PSUMTREE, NULL),
		             IGRAPH_SUCCESS));
	else
		cr_assert(eq(int, igraph_erdos_renyi_game_gnp(ig, c->n, c->p, c->directed, false),
		             IGRAPH_SUCCESS));
}

/* A weight per igraph edge from a hash, in (0, 1]. */
static void weights_for(const igraph_t *ig, igraph_vector_t *w, unsigned seed)
{
	igraph_integer_t m = igraph_ecount(ig);
	cr_assert(eq(int, igraph_vector_init(w, m), IGRAPH_SUCCESS));
	for (igraph_integer_t e = 0; e < m; e++) {
		uint64_t h = (uint64_t)e * 0x9e3779b97f4a7c15ull + seed;
		h ^= h >> 29;
		VECTOR(*w)[e] = (double)(1 + (h % 1000)) / 1000.0;
	}
}

static void random_seeds(uint32_t n, int count, unsigned seed, wp_vertex *out)
{
	uint32_t *perm = malloc(n * sizeof(*perm));
	uint64_t x = seed * 2654435761ull + 1;
	for (uint32_t i = 0; i < n; i++)
		perm[i] = i;
	for (uint32_t i = 0; i < (uint32_t)count; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		uint32_t j = i + (uint32_t)((x >> 33) % (n - i));
		uint32_t t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
		out[i] = perm[i];
	}
	free(perm);
}

/* Checks r against igraph on ig (already filtered by weight). */
static void assert_matches(const reach_case *c, const igraph_t *ig, const wp_vertex *seeds,
                           const wp_reach *r)
{
	uint32_t n = (uint32_t)igraph_vcount(ig), k = (uint32_t)c->seeds;
	bool *is_seed = calloc(n, sizeof(bool));
	uint32_t *cnt = calloc(n, sizeof(uint32_t)), *who = calloc(n, sizeof(uint32_t));
	igraph_vector_int_t vs_ids;
	igraph_vector_int_list_t nb;
	igraph_vs_t vs;
	for (uint32_t i = 0; i < k; i++)
		is_seed[seeds[i]] = true;
	cr_assert(eq(int, igraph_vector_int_init(&vs_ids, k), IGRAPH_SUCCESS));
	for (uint32_t i = 0; i < k; i++)
		VECTOR(vs_ids)[i] = seeds[i];
	igraph_vs_vector(&vs, &vs_ids);
	uint64_t prev = 0;
	for (int d = 1; d <= c->hops; d++) {
		cr_assert(eq(int, igraph_vector_int_list_init(&nb, 0), IGRAPH_SUCCESS));
		cr_assert(eq(int, igraph_neighborhood(ig, &nb, vs, d, IGRAPH_OUT, 1),
		             IGRAPH_SUCCESS));
		memset(cnt, 0, n * sizeof(uint32_t));
		for (uint32_t i = 0; i < k; i++) {
			igraph_vector_int_t *l = igraph_vector_int_list_get_ptr(&nb, i);
			uint64_t own = 0;
			for (igraph_integer_t j = 0; j < igraph_vector_int_size(l); j++) {
				uint32_t v = (uint32_t)VECTOR(*l)[j];
				if (is_seed[v])
					continue;
				cnt[v]++;
				who[v] = i;
				own++;
			}
			if (d == c->hops)
				cr_assert(eq(u64, r->per_seed[i], own), "per_seed[%u]", i);
		}
		uint64_t within = 0, overlap = 0;
		uint64_t *uniq = calloc(k, sizeof(uint64_t));
		for (uint32_t v = 0; v < n; v++) {
			within += cnt[v] > 0;
			overlap += cnt[v] > 1;
			if (cnt[v] == 1)
				uniq[who[v]]++;
		}
		cr_assert(eq(u64, r->per_hop[d - 1], within - prev), "per_hop[%d]", d - 1);
		prev = within;
		if (d == c->hops) {
			cr_assert(eq(u64, r->reached, within));
			cr_assert(eq(u64, r->overlap, overlap));
			for (uint32_t i = 0; i < k; i++) {
				cr_assert(eq(u64, r->unique[i], uniq[i]), "unique[%u]", i);
				for (uint64_t a = r->unique_offsets[i];
				     a < r->unique_offsets[i + 1]; a++) {
					wp_vertex v = r->unique_people[a];
					cr_assert(eq(u32, cnt[v], 1));
					cr_assert(eq(u32, who[v], i));
					if (a > r->unique_offsets[i])
						cr_assert(lt(u32, r->unique_people[a - 1], v));
				}
			}
		}
		free(uniq);
		igraph_vector_int_list_destroy(&nb);
	}
	igraph_vs_destroy(&vs);
	igraph_vector_int_destroy(&vs_ids);
	free(is_seed);
	free(cnt);
	free(who);
}

static void same(const wp_reach *a, const wp_reach *b)
{
	cr_assert(eq(u64, a->reached, b->reached));
	cr_assert(eq(u64, a->overlap, b->overlap));
	for (uint32_t d = 0; d < a->hops; d++)
		cr_assert(eq(u64, a->per_hop[d], b->per_hop[d]));
	for (uint32_t i = 0; i < a->seed_count; i++) {
		cr_assert(eq(u64, a->per_seed[i], b->per_seed[i]));
		cr_assert(eq(u64, a->unique[i], b->unique[i]));
	}
	uint64_t len = a->unique_offsets[a->seed_count];
	cr_assert(eq(int, memcmp(a->unique_people, b->unique_people, len * sizeof(wp_vertex)), 0));
}

ParameterizedTestParameters(reach, equals_igraph_neighbourhoods)
{
	static reach_case cases[] = {
	        {"gnp undirected", 0, 300, 0.01, false, 7, 2, 0, 1},
	        {"gnp undirected 3 hops", 0, 400, 0.006, false, 20, 3, 0, 2},
	        {"gnp directed", 0, 300, 0.012, true, 9, 3, 0, 3},
	        {"sparse isolated", 0, 500, 0.002, false, 30, 4, 0, 4},
	        {"barabasi", 1, 600, 2, false, 12, 2, 0, 5},
	        {"barabasi directed", 1, 600, 3, true, 40, 3, 0, 6},
	        {"many seeds (3 words)", 0, 700, 0.004, false, 150, 2, 0, 7},
	        {"over 1024 seeds", 0, 1500, 0.002, false, 1100, 2, 0, 8},
	        {"min weight", 0, 400, 0.02, false, 10, 3, 0.5f, 9},
	        {"min weight directed", 0, 400, 0.02, true, 10, 3, 0.3f, 10},
	        {"one hop", 0, 200, 0.05, false, 5, 1, 0, 11},
	};
	return cr_make_param_array(reach_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(reach_case *c, reach, equals_igraph_neighbourhoods)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	igraph_vector_t w;
	wp_graph g = {0};
	make(c, &ig);
	weights_for(&ig, &w, c->seed);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, &w, err), WP_OK), "%s", err);
	if (c->min_weight > 0) {
		/* The oracle graph keeps only the edges at least min_weight warm. */
		igraph_vector_int_t del;
		igraph_vector_int_init(&del, 0);
		for (igraph_integer_t e = 0; e < igraph_ecount(&ig); e++)
			if ((float)VECTOR(w)[e] < c->min_weight)
				igraph_vector_int_push_back(&del, e);
		cr_assert(
		        eq(int, igraph_delete_edges(&ig, igraph_ess_vector(&del)), IGRAPH_SUCCESS));
		igraph_vector_int_destroy(&del);
	}
	wp_vertex *seeds = malloc((size_t)c->seeds * sizeof(*seeds));
	random_seeds(g.n, c->seeds, c->seed, seeds);
	wp_reach r1 = {0}, r2 = {0}, r3 = {0};
	wp_reach_opts o = WP_REACH_DEFAULTS;
	o.hops = (uint32_t)c->hops;
	o.min_weight = c->min_weight;
	o.threads = 1;
	cr_assert(eq(int, wp_reach_compute(&g, seeds, (uint32_t)c->seeds, &o, &r1, err), WP_OK),
	          "%s", err);
	assert_matches(c, &ig, seeds, &r1);
	o.threads = 2;
	cr_assert(eq(int, wp_reach_compute(&g, seeds, (uint32_t)c->seeds, &o, &r2, err), WP_OK));
	same(&r1, &r2);
	o.words = 1; /* many passes */
	cr_assert(eq(int, wp_reach_compute(&g, seeds, (uint32_t)c->seeds, &o, &r3, err), WP_OK));
	same(&r1, &r3);
	/* Without per-seed counts, the one-sweep method gives the same everything else. */
	wp_reach r4 = {0};
	o.per_seed = false;
	cr_assert(eq(int, wp_reach_compute(&g, seeds, (uint32_t)c->seeds, &o, &r4, err), WP_OK));
	cr_assert(eq(u64, r4.reached, r1.reached));
	cr_assert(eq(u64, r4.overlap, r1.overlap));
	for (int d = 0; d < c->hops; d++)
		cr_assert(eq(u64, r4.per_hop[d], r1.per_hop[d]));
	for (int i = 0; i < c->seeds; i++) {
		cr_assert(eq(u64, r4.unique[i], r1.unique[i]));
		cr_assert(eq(u64, r4.per_seed[i], 0));
	}
	cr_assert(eq(int,
	             memcmp(r4.unique_people, r1.unique_people,
	                    r1.unique_offsets[c->seeds] * sizeof(wp_vertex)),
	             0));
	wp_reach_free(&r4);
	wp_reach_free(&r1);
	wp_reach_free(&r2);
	wp_reach_free(&r3);
	free(seeds);
	igraph_vector_destroy(&w);
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

static void path_graph(wp_graph *g, int n)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	cr_assert(eq(int, igraph_ring(&ig, n, false, false, false), IGRAPH_SUCCESS));
	cr_assert(eq(int, wp_graph_from_igraph(g, &ig, NULL, err), WP_OK));
	igraph_destroy(&ig);
}

Test(reach, a_path_with_seeds_at_both_ends_by_hand)
{
	char err[WP_ERR_LEN] = "";
	wp_graph g = {0};
	wp_reach r = {0};
	path_graph(&g, 5); /* 0-1-2-3-4 */
	wp_vertex seeds[] = {0, 4};
	wp_reach_opts o = WP_REACH_DEFAULTS;
	o.hops = 2;
	cr_assert(eq(int, wp_reach_compute(&g, seeds, 2, &o, &r, err), WP_OK));
	cr_assert(eq(u64, r.per_hop[0], 2)); /* 1 and 3 */
	cr_assert(eq(u64, r.per_hop[1], 1)); /* 2 */
	cr_assert(eq(u64, r.reached, 3));
	cr_assert(eq(u64, r.overlap, 1)); /* 2 is two hops from both */
	cr_assert(eq(u64, r.per_seed[0], 2));
	cr_assert(eq(u64, r.per_seed[1], 2));
	cr_assert(eq(u64, r.unique[0], 1));
	cr_assert(eq(u64, r.unique[1], 1));
	cr_assert(eq(u32, r.unique_people[0], 1));
	cr_assert(eq(u32, r.unique_people[1], 3));
	wp_reach_free(&r);
	wp_graph_free(&g);
}

Test(reach, a_seed_that_reaches_another_seed_does_not_count_it)
{
	char err[WP_ERR_LEN] = "";
	wp_graph g = {0};
	wp_reach r = {0};
	path_graph(&g, 4); /* 0-1-2-3 */
	wp_vertex seeds[] = {1, 2};
	wp_reach_opts o = WP_REACH_DEFAULTS;
	o.hops = 1;
	cr_assert(eq(int, wp_reach_compute(&g, seeds, 2, &o, &r, err), WP_OK));
	cr_assert(eq(u64, r.reached, 2));
	cr_assert(eq(u64, r.per_seed[0], 1));
	cr_assert(eq(u64, r.per_seed[1], 1));
	cr_assert(eq(u64, r.overlap, 0));
	wp_reach_free(&r);
	wp_graph_free(&g);
}

Test(reach, bad_arguments_are_refused_with_a_message)
{
	char err[WP_ERR_LEN] = "";
	wp_graph g = {0};
	wp_reach r = {0};
	path_graph(&g, 4);
	wp_vertex dup[] = {1, 1}, out[] = {9};
	wp_reach_opts o = WP_REACH_DEFAULTS;
	cr_assert(eq(int, wp_reach_compute(&g, dup, 2, &o, &r, err), WP_EARG));
	cr_assert(eq(str, err, "seed 1 is given twice"));
	err[0] = '\0';
	cr_assert(eq(int, wp_reach_compute(&g, out, 1, &o, &r, err), WP_EARG));
	cr_assert(eq(str, err, "seed 9 is not a vertex (the graph has 4)"));
	err[0] = '\0';
	o.hops = 0;
	cr_assert(eq(int, wp_reach_compute(&g, dup, 1, &o, &r, err), WP_EARG));
	cr_assert(eq(str, err, "hops must be 1 to 250, not 0"));
	err[0] = '\0';
	o.hops = 2;
	cr_assert(eq(int, wp_reach_compute(&g, dup, 0, &o, &r, err), WP_EARG));
	cr_assert(eq(ptr, r.per_hop, NULL));
	wp_graph_free(&g);
}
