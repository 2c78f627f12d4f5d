/* test_paths_tree.c - one source set to every vertex (queries/paths_tree.c).
 *
 * The tree's chain to each vertex must be a valid chain from a source that avoids the avoid set,
 * its recorded hops and cost must be what the chain measures, and both must equal the
 * point-to-point answer of wp_path_find_opts() (hops exactly for the hop ranks, cost within
 * 1e-9) for every rank the tree supports, with and without hop limits, on random weighted graphs
 * (undirected, directed, Barabasi-Albert, disconnected). Errors are checked by exact message.
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

static uint64_t rng_state = 0x853c49e6748fea9bull;

static uint32_t next_rand(uint32_t bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % bound);
}

typedef struct tree_case {
	char name[40];
	int n;
	int m;
	bool directed;
	bool ba;
	bool bimodal; /* warmths 0.05 or 0.99 only: long warm chains, hop limits bite */
} tree_case;

ParameterizedTestParameters(paths_tree, every_vertex_gets_the_point_to_point_answer)
{
	static tree_case cases[] = {
	        {"undirected", 1500, 6000, false, false, false},
	        {"undirected bimodal", 1500, 6000, false, false, true},
	        {"disconnected", 2000, 1500, false, false, false},
	        {"directed", 1500, 6000, true, false, true},
	        {"barabasi-albert", 2000, 3, false, true, false},
	};
	return cr_make_param_array(tree_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(tree_case *c, paths_tree, every_vertex_gets_the_point_to_point_answer,
                  .init = init)
{
	igraph_t ig;
	igraph_vector_t w;
	wp_graph g;
	wp_path_scratch s;
	wp_path_result res = {0};
	wp_path_tree t = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex members[5], avoid[8], *path;

	igraph_rng_seed(igraph_rng_default(), 23);
	if (c->ba)
		igraph_barabasi_game(&ig, c->n, 1, c->m, NULL, true, 1, c->directed,
		                     IGRAPH_BARABASI_PSUMTREE, NULL);
	else
		igraph_erdos_renyi_game_gnm(&ig, c->n, c->m, c->directed, IGRAPH_NO_LOOPS);
	igraph_vector_init(&w, igraph_ecount(&ig));
	for (igraph_integer_t i = 0; i < igraph_ecount(&ig); i++) {
		double x = c->bimodal ? (next_rand(2) ? 0.99 : 0.05)
		                      : (double)(1 + next_rand(1000)) / 1000.0;
		VECTOR(w)[i] = x;
	}
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, &w, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_scratch_init(&s, &g, err), WP_OK), "%s", err);
	path = malloc((g.n + 1) * sizeof(*path));
	for (int trial = 0; trial < 12; trial++) {
		uint32_t nm = 1 + next_rand(5), na = next_rand(9);
		for (uint32_t i = 0; i < nm; i++)
			members[i] = next_rand(g.n);
		for (uint32_t i = 0; i < na; i++)
			avoid[i] = next_rand(g.n);
		wp_path_opts o = WP_PATH_DEFAULTS;
		o.rank = (wp_path_rank)(trial % 3);
		o.max_hops = trial % 2 ? 2 + next_rand(4) : 0;
		o.avoid = avoid;
		o.avoid_count = na;
		cr_assert(eq(int, wp_path_tree_build(&g, members, nm, &o, &t, err), WP_OK), "%s",
		          err);
		for (int q = 0; q < 150; q++) {
			wp_vertex target = next_rand(g.n);
			cr_assert(eq(int,
			             wp_path_find_opts(&g, &s, members, nm, &target, 1, &o, &res,
			                               err),
			             WP_OK),
			          "%s", err);
			uint32_t hops = wp_path_tree_chain(&t, target, path);
			if (res.count == 0) {
				cr_assert(eq(u32, hops, WP_NO_PATH), "%s trial %d: tree reaches %u",
				          c->name, trial, target);
				continue;
			}
			cr_assert(not(eq(u32, hops, WP_NO_PATH)), "%s trial %d: tree misses %u",
			          c->name, trial, target);
			cr_assert(eq(u32, hops, t.hops[target]));
			cr_assert(ref_in(members, nm, path[0]));
			cr_assert(eq(u32, path[hops], target));
			for (uint32_t i = 0; i <= hops; i++) {
				cr_assert(not(ref_in(avoid, na, path[i])));
				if (i < hops)
					cr_assert(not(
					        eq(u64, wp_graph_find_arc(&g, path[i], path[i + 1]),
					           UINT64_MAX)));
			}
			if (o.max_hops)
				cr_assert(le(u32, hops, o.max_hops));
			if (o.rank != WP_RANK_WARMTH)
				cr_assert(eq(u32, hops, res.chains[0].hops),
				          "%s trial %d rank %d -> %u", c->name, trial, o.rank,
				          target);
			if (o.rank == WP_RANK_HOPS)
				continue;
			double cost = 0.0;
			for (uint32_t i = 0; i < hops; i++)
				cost += ref_cost(
				        g.weights[wp_graph_find_arc(&g, path[i], path[i + 1])]);
			cr_assert(epsilon_eq(dbl, cost, t.cost[target], 1e-9));
			cr_assert(epsilon_eq(dbl, t.cost[target], res.chains[0].cost, 1e-9),
			          "%s trial %d rank %d max %u -> %u: %.17g vs %.17g", c->name,
			          trial, o.rank, o.max_hops, target, t.cost[target],
			          res.chains[0].cost);
		}
	}
	free(path);
	wp_path_tree_free(&t);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	igraph_vector_destroy(&w);
	igraph_destroy(&ig);
}

Test(paths_tree, bad_arguments_fail_with_exact_messages_and_leave_the_tree_alone, .init = init)
{
	igraph_t ig;
	wp_graph g;
	wp_path_tree t = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex a = 0, big = 9;
	igraph_ring(&ig, 5, IGRAPH_UNDIRECTED, false, true);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_path_tree_build(&g, &a, 1, NULL, &t, err), WP_OK), "%s", err);
	cr_assert(eq(u32, t.hops[3], 2));
	wp_path_opts o = WP_PATH_DEFAULTS;
	o.rank = WP_RANK_BOTTLENECK;
	cr_assert(eq(int, wp_path_tree_build(&g, &a, 1, &o, &t, err), WP_EARG));
	cr_assert(eq(str, err,
	             "a tree ranks by hops, hops-warmth or warmth, not bottleneck; ask per "
	             "target"));
	err[0] = '\0';
	o.rank = WP_RANK_WARMTH;
	cr_assert(eq(int, wp_path_tree_build(&g, &a, 1, &o, &t, err), WP_EARG));
	cr_assert(
	        eq(str, err, "ranking chains by warmth needs a weighted graph (warmth in (0, 1])"));
	err[0] = '\0';
	cr_assert(eq(int, wp_path_tree_build(&g, &big, 1, NULL, &t, err), WP_EARG));
	cr_assert(eq(str, err, "source 9 out of range (n = 5)"));
	err[0] = '\0';
	cr_assert(eq(int, wp_path_tree_build(&g, &a, 0, NULL, &t, err), WP_EARG));
	cr_assert(eq(str, err, "a chain needs at least one source"));
	/* The tree built first is still there. */
	cr_assert(eq(u32, t.hops[3], 2));
	wp_vertex path[5];
	cr_assert(eq(u32, wp_path_tree_chain(&t, 3, path), 2));
	cr_assert(eq(u32, wp_path_tree_chain(&t, 99, path), WP_NO_PATH));
	wp_path_tree_free(&t);
	wp_path_tree_free(&t);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}
