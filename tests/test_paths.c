/* test_paths.c - fewest-hop chains (queries/paths.c): igraph's BFS distances, sets, avoid sets,
 * hop limits, batches and the edge cases.
 *
 * Hop counts must equal igraph_distances on 10,000 pairs of each random graph (connected,
 * disconnected, directed, Barabasi-Albert); set queries must give the least distance over all
 * pairs, avoid sets the BFS distance in the graph without the avoided vertices (tests/ref/), and
 * every chain must be a real path from a source to a target that avoids what it must. Batches
 * must equal the serial answers for 1, 2, 4 and 7 threads.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <igraph.h>
#include <stdlib.h>
#include <string.h>

#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "queries/paths.h"
#include "tests/ref/paths_ref.h"

static void init(void)
{
	wp_igraph_setup();
	igraph_rng_seed(igraph_rng_default(), 42);
}

static uint64_t rng_state = 88172645463325252ull;

static uint32_t next_rand(uint32_t bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % bound);
}

/* Asserts that path[0..hops] is a simple chain of arcs from a source to a target that includes
 * no avoided vertex. */
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

/* Checks every query between the first 100 vertices (sources) and the last 100 (targets), 10,000
 * pairs, against igraph_distances; each chain must be a real shortest path, and wp_path_find must
 * agree with wp_path_shortest. */
static void check_against_igraph(igraph_t *ig)
{
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	igraph_matrix_t dist;
	igraph_vs_t from, to;
	igraph_integer_t n = igraph_vcount(ig);
	cr_assert(n >= 200);

	cr_assert(eq(int, wp_graph_from_igraph(&g, ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	igraph_matrix_init(&dist, 0, 0);
	igraph_vs_range(&from, 0, 100);
	igraph_vs_range(&to, n - 100, n);
	cr_assert(eq(int, igraph_distances(ig, &dist, from, to, IGRAPH_OUT), IGRAPH_SUCCESS));

	for (wp_vertex a = 0; a < 100; a++) {
		for (wp_vertex j = 0; j < 100; j++) {
			wp_vertex b = (wp_vertex)(n - 100) + j;
			wp_path_shortest(&g, &s, a, b);
			igraph_real_t d = MATRIX(dist, a, j);
			cr_assert(eq(int, wp_path_find(&g, &s, a, b, &res, err), WP_OK), "%s", err);
			if (d == IGRAPH_INFINITY) {
				cr_assert(eq(u32, s.hops, WP_NO_PATH), "%u->%u", a, b);
				cr_assert(eq(u32, res.count, 0));
				continue;
			}
			cr_assert(eq(u32, s.hops, (uint32_t)d), "%u->%u", a, b);
			assert_chain(&g, s.path, s.hops, &a, 1, &b, 1, NULL, 0);
			cr_assert(eq(u32, res.count, 1));
			cr_assert(eq(u32, res.chains[0].hops, (uint32_t)d));
			cr_assert(eq(u32, res.vertices[0], a));
		}
	}
	igraph_matrix_destroy(&dist);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
}

Test(paths, hop_counts_equal_igraph_on_a_connected_random_graph, .init = init)
{
	igraph_t ig;
	igraph_erdos_renyi_game_gnm(&ig, 3000, 15000, IGRAPH_UNDIRECTED, IGRAPH_NO_LOOPS);
	check_against_igraph(&ig);
	igraph_destroy(&ig);
}

Test(paths, hop_counts_equal_igraph_on_a_disconnected_random_graph, .init = init)
{
	igraph_t ig;
	/* Average degree 1.2: many components, many unreachable pairs. */
	igraph_erdos_renyi_game_gnm(&ig, 5000, 3000, IGRAPH_UNDIRECTED, IGRAPH_NO_LOOPS);
	check_against_igraph(&ig);
	igraph_destroy(&ig);
}

Test(paths, hop_counts_equal_igraph_on_a_directed_random_graph, .init = init)
{
	igraph_t ig;
	igraph_erdos_renyi_game_gnm(&ig, 3000, 9000, IGRAPH_DIRECTED, IGRAPH_NO_LOOPS);
	check_against_igraph(&ig);
	igraph_destroy(&ig);
}

Test(paths, hop_counts_equal_igraph_on_a_barabasi_albert_graph, .init = init)
{
	igraph_t ig;
	igraph_barabasi_game(&ig, 4000, 1, 3, NULL, true, 1, IGRAPH_UNDIRECTED,
	                     IGRAPH_BARABASI_PSUMTREE, NULL);
	check_against_igraph(&ig);
	igraph_destroy(&ig);
}

Test(paths, a_vertex_reaches_itself_in_zero_hops_and_scratch_survives_many_queries, .init = init)
{
	igraph_t ig;
	wp_graph g;
	wp_path_scratch s;
	char err[WP_ERR_LEN] = "";
	igraph_ring(&ig, 10, IGRAPH_UNDIRECTED, false, true);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	wp_path_shortest(&g, &s, 3, 3);
	cr_assert(eq(u32, s.hops, 0));
	cr_assert(eq(u32, s.path[0], 3));
	/* Force the stamp to wrap: the next queries must still be right. */
	s.stamp = UINT32_MAX - 1;
	for (int i = 0; i < 4; i++) {
		wp_path_shortest(&g, &s, 0, 5);
		cr_assert(eq(u32, s.hops, 5));
	}
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* A random graph for the set, avoid and limit tests. */
typedef struct random_case {
	char name[40];
	int n;
	int m;
	bool directed;
	bool ba;
} random_case;

ParameterizedTestParameters(paths, set_avoid_and_limit_queries_equal_a_plain_bfs)
{
	static random_case cases[] = {
	        {"connected undirected", 2000, 8000, false, false},
	        {"disconnected undirected", 3000, 1800, false, false},
	        {"directed", 2000, 6000, true, false},
	        {"barabasi-albert", 3000, 3, false, true},
	};
	return cr_make_param_array(random_case, cases, sizeof(cases) / sizeof(cases[0]));
}

static void make_random(const random_case *c, igraph_t *ig)
{
	igraph_rng_seed(igraph_rng_default(), 7);
	if (c->ba)
		igraph_barabasi_game(ig, c->n, 1, c->m, NULL, true, 1, c->directed,
		                     IGRAPH_BARABASI_PSUMTREE, NULL);
	else
		igraph_erdos_renyi_game_gnm(ig, c->n, c->m, c->directed, IGRAPH_NO_LOOPS);
}

/* 600 queries with random sets (1..8 vertices each side), random avoid sets (0..30) and random
 * hop limits (none or 1..6): the hops equal a plain BFS from the source set that never enters an
 * avoided vertex, and the chain is valid. */
ParameterizedTest(random_case *c, paths, set_avoid_and_limit_queries_equal_a_plain_bfs,
                  .init = init)
{
	igraph_t ig;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	uint32_t *dist;
	wp_vertex from[8], to[8], avoid[30];

	make_random(c, &ig);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	dist = malloc(g.n * sizeof(*dist));
	for (int q = 0; q < 600; q++) {
		uint32_t nf = 1 + next_rand(8), nt = 1 + next_rand(8), na = next_rand(31);
		uint32_t limit = next_rand(3) == 0 ? 1 + next_rand(6) : 0;
		for (uint32_t i = 0; i < nf; i++)
			from[i] = next_rand(g.n);
		for (uint32_t i = 0; i < nt; i++)
			to[i] = next_rand(g.n);
		for (uint32_t i = 0; i < na; i++)
			avoid[i] = next_rand(g.n);
		wp_path_opts o = WP_PATH_DEFAULTS;
		o.avoid = avoid;
		o.avoid_count = na;
		o.max_hops = limit;
		cr_assert(
		        eq(int, wp_path_find_opts(&g, &s, from, nf, to, nt, &o, &res, err), WP_OK),
		        "%s", err);
		ref_bfs(&g, from, nf, avoid, na, dist);
		uint32_t want = UINT32_MAX;
		for (uint32_t i = 0; i < nt; i++)
			if (!ref_in(avoid, na, to[i]) && dist[to[i]] < want)
				want = dist[to[i]];
		if (limit && want != UINT32_MAX && want > limit)
			want = UINT32_MAX;
		if (want == UINT32_MAX) {
			cr_assert(eq(u32, res.count, 0), "%s query %d: found a chain of %u hops",
			          c->name, q, res.count ? res.chains[0].hops : 0);
			continue;
		}
		cr_assert(eq(u32, res.count, 1), "%s query %d: no chain, want %u hops", c->name, q,
		          want);
		cr_assert(eq(u32, res.chains[0].hops, want), "%s query %d", c->name, q);
		assert_chain(&g, res.vertices, res.chains[0].hops, from, nf, to, nt, avoid, na);
	}
	free(dist);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(paths, batches_equal_the_serial_answers_for_1_2_4_and_7_threads, .init = init)
{
	igraph_t ig;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	enum { Q = 3000 };
	static wp_vertex from[Q], to[Q], avoid[5] = {1, 2, 3, 4, 5}, members[4] = {10, 20, 30, 40};
	static uint32_t serial[Q], hops[Q];
	static wp_chain serial_opts[Q], chains[Q];
	static wp_path_ends ends[Q];

	igraph_erdos_renyi_game_gnm(&ig, 4000, 7000, IGRAPH_UNDIRECTED, IGRAPH_NO_LOOPS);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	wp_path_opts o = WP_PATH_DEFAULTS;
	o.avoid = avoid;
	o.avoid_count = 5;
	o.max_hops = 9;
	for (int i = 0; i < Q; i++) {
		from[i] = next_rand(g.n);
		to[i] = next_rand(g.n);
		/* Every third query starts from a set of "members". */
		ends[i] = i % 3 ? (wp_path_ends){&from[i], 1, &to[i], 1}
		                : (wp_path_ends){members, 4, &to[i], 1};
		wp_path_shortest(&g, &s, from[i], to[i]);
		serial[i] = s.hops;
		cr_assert(eq(int,
		             wp_path_find_opts(&g, &s, ends[i].from, ends[i].from_count, ends[i].to,
		                               1, &o, &res, err),
		             WP_OK));
		serial_opts[i] = res.count ? res.chains[0]
		                           : (wp_chain){WP_NO_PATH, 0, INFINITY, 0.0, 0.0, true};
	}
	static const int threads[] = {1, 2, 4, 7};
	for (size_t t = 0; t < 4; t++) {
		wp_set_threads(threads[t]);
		memset(hops, 0xab, sizeof(hops));
		cr_assert(eq(int, wp_path_batch(&g, from, to, Q, hops, err), WP_OK), "%s", err);
		cr_assert(eq(int, memcmp(hops, serial, sizeof(hops)), 0), "%d threads", threads[t]);
		o.threads = threads[t];
		cr_assert(eq(int, wp_path_batch_opts(&g, ends, Q, &o, chains, err), WP_OK), "%s",
		          err);
		for (int i = 0; i < Q; i++)
			cr_assert(eq(u32, chains[i].hops, serial_opts[i].hops),
			          "%d threads, query %d", threads[t], i);
	}
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* A small graph given by its edges, and one query with its expected hops (-1: none). */
typedef struct ladder_case {
	char name[40];
	int n;
	int count;
	int edges[8][2];
	bool directed;
	int from, to;
	int hops;
} ladder_case;

ParameterizedTestParameters(paths, walks_the_edge_case_ladder)
{
	static ladder_case cases[] = {
	        {"one vertex", 1, 0, {{0}}, false, 0, 0, 0},
	        {"one vertex directed", 1, 0, {{0}}, true, 0, 0, 0},
	        {"isolated vertices", 3, 0, {{0}}, false, 0, 2, -1},
	        {"one edge", 2, 1, {{0, 1}}, false, 1, 0, 1},
	        {"one arc, against it", 2, 1, {{0, 1}}, true, 1, 0, -1},
	        {"one arc, along it", 2, 1, {{0, 1}}, true, 0, 1, 1},
	        {"self-loops and multi-edges",
	         3,
	         6,
	         {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}, {1, 2}},
	         false,
	         0,
	         2,
	         2},
	        {"disconnected", 4, 2, {{0, 1}, {2, 3}}, false, 0, 3, -1},
	        {"directed cycle", 4, 4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}}, true, 1, 0, 3},
	};
	return cr_make_param_array(ladder_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(ladder_case *c, paths, walks_the_edge_case_ladder, .init = init)
{
	igraph_t ig;
	igraph_vector_int_t edges;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex from = (wp_vertex)c->from, to = (wp_vertex)c->to;
	igraph_vector_int_init(&edges, 2 * c->count);
	for (int i = 0; i < c->count; i++) {
		VECTOR(edges)[2 * i] = c->edges[i][0];
		VECTOR(edges)[2 * i + 1] = c->edges[i][1];
	}
	igraph_create(&ig, &edges, c->n, c->directed);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	wp_path_shortest(&g, &s, from, to);
	cr_assert(eq(u32, s.hops, c->hops < 0 ? WP_NO_PATH : (uint32_t)c->hops), "%s", c->name);
	cr_assert(eq(int, wp_path_find(&g, &s, from, to, &res, err), WP_OK), "%s", err);
	cr_assert(eq(u32, res.count, c->hops < 0 ? 0 : 1), "%s", c->name);
	if (c->hops >= 0) {
		cr_assert(eq(u32, res.chains[0].hops, (uint32_t)c->hops), "%s", c->name);
		assert_chain(&g, res.vertices, res.chains[0].hops, &from, 1, &to, 1, NULL, 0);
	}
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
	igraph_vector_int_destroy(&edges);
}

Test(paths, the_null_graph_has_no_vertex_to_ask_about, .init = init)
{
	igraph_t ig;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex v = 0;
	uint32_t hops = 7;
	igraph_empty(&ig, 0, IGRAPH_UNDIRECTED);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_find(&g, &s, v, v, &res, err), WP_EARG));
	cr_assert(eq(str, err, "source 0 out of range (n = 0)"));
	cr_assert(eq(int, wp_path_batch(&g, &v, &v, 0, &hops, err), WP_OK));
	cr_assert(eq(u32, hops, 7));
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(paths, a_vertex_in_both_sets_and_avoided_ends_behave_as_documented, .init = init)
{
	igraph_t ig;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	igraph_ring(&ig, 8, IGRAPH_UNDIRECTED, false, true);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	wp_vertex from[2] = {0, 4}, to[2] = {6, 4};
	wp_path_opts o = WP_PATH_DEFAULTS;
	o.alternatives = 3;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, from, 2, to, 2, &o, &res, err), WP_OK));
	cr_assert(eq(u32, res.count, 1));
	cr_assert(eq(u32, res.chains[0].hops, 0));
	cr_assert(eq(u32, res.vertices[0], 4));
	/* Avoiding 4 drops it from both sets: 0 -> 7 -> 6 remains. */
	wp_vertex avoid = 4;
	o.avoid = &avoid;
	o.avoid_count = 1;
	o.alternatives = 1;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, from, 2, to, 2, &o, &res, err), WP_OK));
	cr_assert(eq(u32, res.count, 1));
	cr_assert(eq(u32, res.chains[0].hops, 2));
	cr_assert(eq(u32, res.vertices[1], 7));
	/* Avoiding the only target leaves nothing. */
	cr_assert(eq(int, wp_path_find_opts(&g, &s, from, 1, &avoid, 1, &o, &res, err), WP_OK));
	cr_assert(eq(u32, res.count, 0));
	cr_assert(res.exhausted);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(paths, bad_arguments_fail_with_exact_messages, .init = init)
{
	igraph_t ig, other;
	wp_graph g, h;
	wp_path_scratch s;
	wp_path_result res = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex a = 0, big = 99;
	igraph_ring(&ig, 5, IGRAPH_UNDIRECTED, false, true);
	igraph_ring(&other, 6, IGRAPH_UNDIRECTED, false, true);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_graph_from_igraph(&h, &other, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);

	cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 0, &a, 1, NULL, &res, err), WP_EARG));
	cr_assert(eq(str, err, "a chain needs at least one source and one target"));
	err[0] = '\0';
	cr_assert(eq(int, wp_path_find(&g, &s, a, big, &res, err), WP_EARG));
	cr_assert(eq(str, err, "target 99 out of range (n = 5)"));
	err[0] = '\0';
	wp_path_opts o = WP_PATH_DEFAULTS;
	o.avoid = &big;
	o.avoid_count = 1;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &a, 1, &o, &res, err), WP_EARG));
	cr_assert(eq(str, err, "avoided vertex 99 out of range (n = 5)"));
	err[0] = '\0';
	o = WP_PATH_DEFAULTS;
	o.rank = WP_RANK_WARMTH;
	cr_assert(eq(int, wp_path_find_opts(&g, &s, &a, 1, &a, 1, &o, &res, err), WP_EARG));
	cr_assert(
	        eq(str, err, "ranking chains by warmth needs a weighted graph (warmth in (0, 1])"));
	err[0] = '\0';
	cr_assert(eq(int, wp_path_find(&h, &s, a, a, &res, err), WP_EARG));
	cr_assert(eq(str, err, "the path scratch was made for a graph of 5 vertices, not 6"));
	err[0] = '\0';
	cr_assert(eq(int, wp_path_batch(&g, &a, &big, 1, NULL, err), WP_EARG));
	cr_assert(eq(str, err, "query 0: vertex 99 out of range (n = 5)"));
	err[0] = '\0';
	wp_path_rank r;
	cr_assert(eq(int, wp_path_rank_parse("Warmth", &r, err), WP_OK));
	cr_assert(eq(int, (int)r, WP_RANK_WARMTH));
	cr_assert(eq(int, wp_path_rank_parse("warmest", &r, err), WP_EINPUT));
	cr_assert(eq(str, err,
	             "unknown rank 'warmest'; expected hops, hops-warmth, warmth or bottleneck"));
	cr_assert(eq(str, (char *)wp_path_rank_name(WP_RANK_HOPS_WARMTH), "hops-warmth"));
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	wp_graph_free(&h);
	igraph_destroy(&ig);
	igraph_destroy(&other);
}
