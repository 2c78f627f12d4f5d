/* test_paths.c - bidirectional BFS hop distances against igraph's BFS, and path validity. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <igraph.h>

#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "queries/paths.h"

/* Checks every query between the first 100 vertices (sources) and 100 others (targets), 10,000
 * pairs, against igraph_distances, and that each returned path is a real shortest path. */
static void check_against_igraph(igraph_t *ig)
{
	wp_graph g;
	wp_path_scratch s;
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
			/* Labels are the igraph ids as text; map them to our ids. */
			char la[32], lb[32];
			wp_vertex u, v;
			snprintf(la, sizeof(la), "%u", a);
			snprintf(lb, sizeof(lb), "%u", b);
			cr_assert(eq(int, wp_labels_lookup(&g.labels, la, strlen(la), &u, err), WP_OK));
			cr_assert(eq(int, wp_labels_lookup(&g.labels, lb, strlen(lb), &v, err), WP_OK));
			wp_path_shortest(&g, &s, u, v);
			igraph_real_t d = MATRIX(dist, a, j);
			if (d == IGRAPH_INFINITY) {
				cr_assert(eq(u32, s.hops, WP_NO_PATH), "%u->%u", a, b);
				continue;
			}
			cr_assert(eq(u32, s.hops, (uint32_t)d), "%u->%u", a, b);
			cr_assert(eq(u32, s.path[0], u));
			cr_assert(eq(u32, s.path[s.hops], v));
			for (uint32_t i = 0; i < s.hops; i++)
				cr_assert(not(eq(u64, wp_graph_find_arc(&g, s.path[i], s.path[i + 1]),
						 UINT64_MAX)),
					  "path step %u of %u->%u is not an arc", i, a, b);
		}
	}
	igraph_matrix_destroy(&dist);
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
}

static void init(void)
{
	wp_igraph_setup();
	igraph_rng_seed(igraph_rng_default(), 42);
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
