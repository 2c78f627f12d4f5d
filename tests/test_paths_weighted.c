/* test_paths_weighted.c - warmest, hop-limited and widest chains (queries/paths_weighted.c).
 *
 * Warmth is a random weight in (0, 1] per edge (a tenth of them exactly 1, some quantised so that
 * equal sums occur), cost = -ln(warmth). The warmest chain's cost must equal igraph's Dijkstra
 * (igraph_distances_dijkstra on the costs) within 1e-9 on 10,000 pairs of each random graph;
 * fewest-hops-then-warmest must equal a dynamic programme over BFS layers; the hop-limited warmest
 * chain must equal Bellman-Ford over (vertex, hops) states, including when the unlimited warmest
 * chain is longer than the limit; the bottleneck chain must equal exhaustive enumeration of
 * simple paths on small graphs (weakest tie, then hops). Avoid sets and sets of sources and
 * targets go through the same references, and weighted batches must be bitwise identical for 1,
 * 2, 4 and 7 threads.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "queries/paths.h"
#include "tests/ref/paths_ref.h"

static void init(void)
{
	wp_igraph_setup();
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t next_rand(uint32_t bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % bound);
}

/* A warmth in (0, 1]: exactly 1 a tenth of the time, a multiple of 1/20 a quarter of the time
 * (ties), otherwise any float; `bimodal` draws from {0.05, 0.99} only, so the warmest chains are
 * long. */
static float random_warmth(bool bimodal)
{
	if (bimodal)
		return next_rand(2) ? 0.99f : 0.05f;
	uint32_t k = next_rand(20);
	if (k < 2)
		return 1.0f;
	if (k < 7)
		return (float)(1 + next_rand(20)) / 20.0f;
	return (float)(1 + next_rand(1000000)) / 1000000.0f;
}

/* Builds g from ig with random warmths; costs (if not NULL, initialised) gets -ln(warmth) per
 * igraph edge, computed from the same floats g holds. */
static void weighted_graph(const igraph_t *ig, wp_graph *g, igraph_vector_t *costs, bool bimodal)
{
	char err[WP_ERR_LEN] = "";
	igraph_vector_t w;
	igraph_integer_t m = igraph_ecount(ig);
	igraph_vector_init(&w, m);
	if (costs)
		igraph_vector_resize(costs, m);
	for (igraph_integer_t i = 0; i < m; i++) {
		float x = random_warmth(bimodal);
		VECTOR(w)[i] = x;
		if (costs)
			VECTOR(*costs)[i] = ref_cost(x);
	}
	cr_assert(eq(int, wp_graph_from_igraph(g, ig, &w, err), WP_OK), "%s", err);
	igraph_vector_destroy(&w);
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

typedef struct random_case {
	char name[40];
	int n;
	int m;
	bool directed;
	bool ba;
} random_case;

static void make_random(const random_case *c, igraph_t *ig)
{
	igraph_rng_seed(igraph_rng_default(), 11);
	if (c->ba)
		igraph_barabasi_game(ig, c->n, 1, c->m, NULL, true, 1, c->directed,
		                     IGRAPH_BARABASI_PSUMTREE, NULL);
	else
		igraph_erdos_renyi_game_gnm(ig, c->n, c->m, c->directed, IGRAPH_NO_LOOPS);
}

ParameterizedTestParameters(paths_weighted, warmest_chains_cost_what_igraph_dijkstra_says)
{
	static random_case cases[] = {
	        {"connected undirected", 3000, 15000, false, false},
	        {"disconnected undirected", 5000, 3000, false, false},
	        {"directed", 3000, 9000, true, false},
	        {"barabasi-albert", 4000, 3, false, true},
	};
	return cr_make_param_array(random_case, cases, sizeof(cases) / sizeof(cases[0]));
}

/* 10,000 pairs: the first 100 vertices to the last 100. Also checks fewest-hops-then-warmest on
 * 400 of them against the layered dynamic programme. */
ParameterizedTest(random_case *c, paths_weighted, warmest_chains_cost_what_igraph_dijkstra_says,
                  .init = init)
{
	igraph_t ig;
	igraph_vector_t costs;
	igraph_matrix_t dist;
	igraph_vs_t from, to;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";

	make_random(c, &ig);
	igraph_integer_t n = igraph_vcount(&ig);
	igraph_vector_init(&costs, 0);
	weighted_graph(&ig, &g, &costs, false);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	igraph_matrix_init(&dist, 0, 0);
	igraph_vs_range(&from, 0, 100);
	igraph_vs_range(&to, n - 100, n);
	cr_assert(eq(int, igraph_distances_dijkstra(&ig, &dist, from, to, &costs, IGRAPH_OUT),
	             IGRAPH_SUCCESS));
	wp_path_opts o = WP_PATH_DEFAULTS;
	for (wp_vertex a = 0; a < 100; a++)
		for (wp_vertex j = 0; j < 100; j++) {
			wp_vertex b = (wp_vertex)(n - 100) + j;
			o.rank = WP_RANK_WARMTH;
			cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &b, 1, &o, &res, err),
			             WP_OK),
			          "%s", err);
			double d = MATRIX(dist, a, j);
			if (d == IGRAPH_INFINITY) {
				cr_assert(eq(u32, res.count, 0), "%s %u->%u", c->name, a, b);
				continue;
			}
			cr_assert(eq(u32, res.count, 1), "%s %u->%u", c->name, a, b);
			const wp_chain *ch = &res.chains[0];
			cr_assert(epsilon_eq(dbl, ch->cost, d, 1e-9),
			          "%s %u->%u: %.17g vs igraph %.17g", c->name, a, b, ch->cost, d);
			cr_assert(epsilon_eq(dbl, ch->warmth, exp(-d), 1e-9));
			assert_chain(&g, res.vertices, ch->hops, &a, 1, &b, 1, NULL, 0);
			if (a >= 20 || j >= 20)
				continue;
			uint32_t want_hops;
			double want = ref_hops_warmth(&g, &a, 1, &b, 1, &want_hops);
			o.rank = WP_RANK_HOPS_WARMTH;
			cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &b, 1, &o, &res, err),
			             WP_OK),
			          "%s", err);
			cr_assert(eq(u32, res.chains[0].hops, want_hops), "%s %u->%u", c->name, a,
			          b);
			cr_assert(epsilon_eq(dbl, res.chains[0].cost, want, 1e-9), "%s %u->%u",
			          c->name, a, b);
		}
	igraph_matrix_destroy(&dist);
	igraph_vector_destroy(&costs);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

ParameterizedTestParameters(paths_weighted, hop_limits_sets_and_avoid_sets_equal_bellman_ford)
{
	static random_case cases[] = {
	        {"undirected", 300, 900, false, false},
	        {"sparse undirected", 400, 500, false, false},
	        {"directed", 300, 1200, true, false},
	        {"barabasi-albert", 300, 2, false, true},
	};
	return cr_make_param_array(random_case, cases, sizeof(cases) / sizeof(cases[0]));
}

/* Random queries (sets of 1..4 on each side, 0..10 avoided vertices, limits 1..6 or none) on
 * graphs whose warmths are 0.05 or 0.99, so that the warmest chain often has more hops than the
 * limit allows and the label-setting search has to answer. */
ParameterizedTest(random_case *c, paths_weighted, hop_limits_sets_and_avoid_sets_equal_bellman_ford,
                  .init = init)
{
	igraph_t ig;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0}, free_res = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex from[4], to[4], avoid[10];
	int constrained = 0;

	make_random(c, &ig);
	weighted_graph(&ig, &g, NULL, true);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	for (int q = 0; q < 800; q++) {
		uint32_t nf = 1 + next_rand(4), nt = 1 + next_rand(4), na = next_rand(11);
		uint32_t limit = next_rand(5) == 0 ? 0 : 1 + next_rand(6);
		for (uint32_t i = 0; i < nf; i++)
			from[i] = next_rand(g.n);
		for (uint32_t i = 0; i < nt; i++)
			to[i] = next_rand(g.n);
		for (uint32_t i = 0; i < na; i++)
			avoid[i] = next_rand(g.n);
		wp_path_opts o = WP_PATH_DEFAULTS;
		o.rank = WP_RANK_WARMTH;
		o.avoid = avoid;
		o.avoid_count = na;
		cr_assert(eq(int, wp_path_find_opts(&g, &s, from, nf, to, nt, &o, &free_res, err),
		             WP_OK),
		          "%s", err);
		o.max_hops = limit;
		cr_assert(
		        eq(int, wp_path_find_opts(&g, &s, from, nf, to, nt, &o, &res, err), WP_OK),
		        "%s", err);
		double want = ref_hop_limited(&g, from, nf, to, nt, avoid, na, limit ? limit : g.n);
		if (want == INFINITY) {
			cr_assert(eq(u32, res.count, 0), "%s query %d", c->name, q);
			continue;
		}
		cr_assert(eq(u32, res.count, 1), "%s query %d: no chain, want cost %g", c->name, q,
		          want);
		const wp_chain *ch = &res.chains[0];
		cr_assert(epsilon_eq(dbl, ch->cost, want, 1e-9),
		          "%s query %d (limit %u): %.17g vs %.17g", c->name, q, limit, ch->cost,
		          want);
		if (limit)
			cr_assert(le(u32, ch->hops, limit), "%s query %d", c->name, q);
		assert_chain(&g, res.vertices, ch->hops, from, nf, to, nt, avoid, na);
		if (limit && free_res.count && free_res.chains[0].hops > limit)
			constrained++;
	}
	cr_assert(lt(int, 10, constrained), "%s: only %d queries needed the hop-limited search",
	          c->name, constrained);
	wp_path_result_free(&res);
	wp_path_result_free(&free_res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* Small graphs: every pair, limits none, 2 and 3, against the best (weakest tie, then hops) of all
 * simple paths. */
Test(paths_weighted, bottleneck_chains_equal_exhaustive_search_on_small_graphs, .init = init)
{
	for (int trial = 0; trial < 40; trial++) {
		igraph_t ig;
		wp_graph g;
		wp_path_scratch s;
		wp_path_result res = {0};
		char err[WP_ERR_LEN] = "";
		bool directed = trial % 4 == 3;
		igraph_rng_seed(igraph_rng_default(), (unsigned long)trial);
		igraph_erdos_renyi_game_gnm(&ig, 9 + trial % 4, 14 + trial % 9, directed,
		                            IGRAPH_NO_LOOPS);
		weighted_graph(&ig, &g, NULL, false);
		/* Quantise to tenths so that many chains tie on their weakest tie. */
		for (uint64_t e = 0; e < g.m; e++)
			g.weights[e] = ceilf(g.weights[e] * 10.0f) / 10.0f;
		if (g.directed)
			for (wp_vertex u = 0; u < g.n; u++)
				for (uint64_t e = g.in_offsets[u]; e < g.in_offsets[u + 1]; e++)
					g.in_weights[e] = g.weights[wp_graph_find_arc(
					        &g, g.in_targets[e], u)];
		cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
		static const uint32_t limits[] = {0, 2, 3};
		for (wp_vertex a = 0; a < g.n; a++)
			for (wp_vertex b = 0; b < g.n; b++)
				for (int l = 0; l < 3; l++) {
					if (a == b)
						continue;
					wp_path_opts o = WP_PATH_DEFAULTS;
					o.rank = WP_RANK_BOTTLENECK;
					o.max_hops = limits[l];
					ref_widest want = {&g, -1.0f, UINT32_MAX};
					ref_simple_paths(&g, a, b, limits[l] ? limits[l] : g.n,
					                 ref_widest_visit, &want);
					cr_assert(eq(int,
					             wp_path_find_opts(&g, &s, &a, 1, &b, 1, &o,
					                               &res, err),
					             WP_OK),
					          "%s", err);
					if (want.weakest < 0) {
						cr_assert(eq(u32, res.count, 0));
						continue;
					}
					cr_assert(eq(u32, res.count, 1), "trial %d %u->%u", trial,
					          a, b);
					cr_assert(
					        eq(flt, (float)res.chains[0].weakest, want.weakest),
					        "trial %d %u->%u limit %u", trial, a, b, limits[l]);
					cr_assert(eq(u32, res.chains[0].hops, want.hops),
					          "trial %d %u->%u limit %u", trial, a, b,
					          limits[l]);
					assert_chain(&g, res.vertices, res.chains[0].hops, &a, 1,
					             &b, 1, NULL, 0);
				}
		wp_path_result_free(&res);
		wp_path_scratch_free(&s);
		wp_graph_free(&g);
		igraph_destroy(&ig);
	}
}

Test(paths_weighted, ties_of_warmth_one_cost_nothing_and_fewest_hops_break_the_tie, .init = init)
{
	igraph_t ig;
	igraph_vector_t w;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	igraph_rng_seed(igraph_rng_default(), 5);
	igraph_erdos_renyi_game_gnm(&ig, 500, 1500, IGRAPH_UNDIRECTED, IGRAPH_NO_LOOPS);
	igraph_vector_init(&w, igraph_ecount(&ig));
	igraph_vector_fill(&w, 1.0);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, &w, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	for (wp_vertex a = 0; a < 50; a++) {
		wp_vertex b = 499 - a;
		wp_path_shortest(&g, &s, a, b);
		uint32_t hops = s.hops;
		for (int r = WP_RANK_HOPS_WARMTH; r <= WP_RANK_BOTTLENECK; r++) {
			wp_path_opts o = WP_PATH_DEFAULTS;
			o.rank = (wp_path_rank)r;
			cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &b, 1, &o, &res, err),
			             WP_OK));
			if (hops == WP_NO_PATH) {
				cr_assert(eq(u32, res.count, 0));
				continue;
			}
			cr_assert(eq(u32, res.chains[0].hops, hops), "rank %d %u->%u", r, a, b);
			cr_assert(eq(dbl, res.chains[0].cost, 0.0));
			cr_assert(eq(dbl, res.chains[0].warmth, 1.0));
			cr_assert(eq(dbl, res.chains[0].weakest, 1.0));
		}
	}
	igraph_vector_destroy(&w);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* A weighted triangle 0 - 1 - 2 - 0 with one bad weight. */
static void bad_triangle(wp_graph *g, double bad)
{
	igraph_t ig;
	igraph_vector_t w;
	char err[WP_ERR_LEN] = "";
	igraph_ring(&ig, 3, IGRAPH_UNDIRECTED, false, true); /* edges 0-1, 1-2, 0-2 */
	igraph_vector_init(&w, 3);
	VECTOR(w)[0] = 0.5;
	VECTOR(w)[1] = bad;
	VECTOR(w)[2] = 0.25;
	cr_assert(eq(int, wp_graph_from_igraph(g, &ig, &w, err), WP_OK), "%s", err);
	igraph_vector_destroy(&w);
	igraph_destroy(&ig);
}

Test(paths_weighted, weights_outside_0_1_are_refused_with_the_tie_named, .init = init)
{
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex a = 0, b = 2;
	bad_triangle(&g, 1.5);
	cr_assert(eq(int, wp_path_check_warmth(&g, err), WP_EINPUT));
	cr_assert(eq(str, err, "the tie '1' - '2' has weight 1.5; warmth must be in (0, 1]"));
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, (err[0] = '\0', err)), WP_OK), "%s", err);
	/* 0 -> 1 -> 2 is the warmest chain on paper (0.5 x 1.5): the search meets the bad tie. */
	wp_path_opts o = WP_PATH_DEFAULTS;
	o.rank = WP_RANK_WARMTH;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &b, 1, &o, &res, err), WP_EINPUT));
	cr_assert(not(eq(ptr, strstr(err, "has weight 1.5; warmth must be in (0, 1]"), NULL)), "%s",
	          err);
	cr_assert(eq(u32, res.count, 0));
	wp_path_scratch_free(&s);
	wp_graph_free(&g);

	bad_triangle(&g, 0.0);
	err[0] = '\0';
	cr_assert(eq(int, wp_path_check_warmth(&g, err), WP_EINPUT));
	cr_assert(eq(str, err, "the tie '1' - '2' has weight 0; warmth must be in (0, 1]"));
	wp_graph_free(&g);

	igraph_t ig;
	igraph_ring(&ig, 3, IGRAPH_UNDIRECTED, false, true);
	err[0] = '\0';
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK));
	cr_assert(eq(int, wp_path_check_warmth(&g, err), WP_EINPUT));
	cr_assert(eq(str, err,
	             "the graph has no edge weights; warmth-ranked chains need a warmth in (0, 1] "
	             "on every edge"));
	wp_graph_free(&g);
	igraph_destroy(&ig);
	wp_path_result_free(&res);
}

Test(paths_weighted, weighted_batches_are_identical_for_1_2_4_and_7_threads, .init = init)
{
	igraph_t ig;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	enum { Q = 1500 };
	static wp_vertex from[Q], to[Q], members[3] = {1, 2, 3}, avoid[2] = {7, 8};
	static wp_path_ends ends[Q];
	static wp_chain serial[Q], chains[Q];

	igraph_rng_seed(igraph_rng_default(), 3);
	igraph_erdos_renyi_game_gnm(&ig, 2000, 5000, IGRAPH_UNDIRECTED, IGRAPH_NO_LOOPS);
	weighted_graph(&ig, &g, NULL, true);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	for (int r = WP_RANK_HOPS_WARMTH; r <= WP_RANK_BOTTLENECK; r++) {
		wp_path_opts o = WP_PATH_DEFAULTS;
		o.rank = (wp_path_rank)r;
		o.max_hops = r == WP_RANK_HOPS_WARMTH ? 0 : 5;
		o.avoid = avoid;
		o.avoid_count = 2;
		for (int i = 0; i < Q; i++) {
			from[i] = next_rand(g.n);
			to[i] = next_rand(g.n);
			ends[i] = i % 4 ? (wp_path_ends){&from[i], 1, &to[i], 1}
			                : (wp_path_ends){members, 3, &to[i], 1};
			cr_assert(eq(int,
			             wp_path_find_opts(&g, &s, ends[i].from, ends[i].from_count,
			                               ends[i].to, 1, &o, &res, err),
			             WP_OK),
			          "%s", err);
			serial[i] = res.count ? res.chains[0]
			                      : (wp_chain){WP_NO_PATH, 0, INFINITY, 0.0, 0.0, true};
		}
		static const int threads[] = {1, 2, 4, 7};
		for (int t = 0; t < 4; t++) {
			o.threads = threads[t];
			memset(chains, 0, sizeof(chains));
			cr_assert(eq(int, wp_path_batch_opts(&g, ends, Q, &o, chains, err), WP_OK),
			          "%s", err);
			for (int i = 0; i < Q; i++) {
				cr_assert(eq(u32, chains[i].hops, serial[i].hops));
				cr_assert(
				        eq(int,
				           memcmp(&chains[i].cost, &serial[i].cost, sizeof(double)),
				           0),
				        "rank %d, %d threads, query %d", r, threads[t], i);
				cr_assert(eq(int,
				             memcmp(&chains[i].weakest, &serial[i].weakest,
				                    sizeof(double)),
				             0));
			}
		}
	}
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}
