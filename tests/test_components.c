/* test_components.c - Criterion tests for queries/components.c (weakly connected components).
 *
 * igraph_connected_components(IGRAPH_WEAK) is the oracle. It numbers components in order of
 * their smallest vertex, as wp_components_find() promises, so memberships must match exactly,
 * as must the count and the largest component's size (and id, the lowest on ties). Random
 * graphs range from very sparse (thousands of small components and isolated vertices) to one
 * giant component; directed graphs include shapes where only in-arcs connect a vertex, which
 * Afforest reaches through the reverse adjacency. Results must not depend on the thread count.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "queries/components.h"

static void setup(void)
{
	wp_igraph_setup();
	igraph_rng_seed(igraph_rng_default(), 20240602);
}

TestSuite(components, .init = setup);

static void to_graph(wp_graph *g, const igraph_t *ig)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_graph_from_igraph(g, ig, NULL, err), WP_OK), "%s", err);
}

static void find(const wp_graph *g, wp_components *c)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_components_find(g, c, err), WP_OK), "%s", err);
	cr_assert(eq(str, err, ""));
}

/* c equals igraph's weak components of ig, vertex for vertex. */
static void assert_matches_igraph(const wp_components *c, const igraph_t *ig)
{
	igraph_vector_int_t membership, sizes;
	igraph_integer_t count = 0;
	igraph_integer_t n = igraph_vcount(ig);

	igraph_vector_int_init(&membership, 0);
	igraph_vector_int_init(&sizes, 0);
	cr_assert(eq(int, igraph_connected_components(ig, &membership, &sizes, &count, IGRAPH_WEAK),
	             IGRAPH_SUCCESS));
	cr_assert(eq(u32, c->count, (uint32_t)count));
	igraph_integer_t largest = 0;
	for (igraph_integer_t i = 1; i < count; i++)
		if (VECTOR(sizes)[i] > VECTOR(sizes)[largest])
			largest = i;
	cr_assert(eq(u32, c->largest_size, count ? (uint32_t)VECTOR(sizes)[largest] : 0));
	cr_assert(eq(u32, c->largest, (uint32_t)largest));
	for (igraph_integer_t v = 0; v < n; v++)
		cr_assert(eq(u32, c->membership[v], (uint32_t)VECTOR(membership)[v]), "vertex %lld",
		          (long long)v);
	igraph_vector_int_destroy(&membership);
	igraph_vector_int_destroy(&sizes);
}

/* Invariants that hold whatever the oracle: ids are dense and numbered by smallest vertex, and
 * no edge crosses two components. */
static void assert_consistent(const wp_components *c, const wp_graph *g)
{
	uint32_t next = 0;
	for (wp_vertex v = 0; v < g->n; v++) {
		cr_assert(le(u32, c->membership[v], next), "vertex %u opens component out of order",
		          v);
		if (c->membership[v] == next)
			next++;
		for (uint64_t i = g->offsets[v]; i < g->offsets[v + 1]; i++)
			cr_assert(eq(u32, c->membership[v], c->membership[g->targets[i]]));
	}
	cr_assert(eq(u32, next, c->count));
}

/* ---- random graphs ------------------------------------------------------------------------ */

enum model { GNM, BA };

typedef struct random_case {
	enum model model;
	int n;
	int param; /* GNM: edges; BA: edges added per vertex */
	bool directed;
	int threads;
} random_case;

ParameterizedTestParameters(components, match_igraph_weak_components)
{
	static random_case cases[] = {
	        /* Below the percolation threshold: thousands of components, many isolated. */
	        {GNM, 5000, 1000, false, 1},
	        {GNM, 5000, 1000, true, 2},
	        {GNM, 5000, 2000, false, 4},
	        {GNM, 5000, 2000, true, 7},
	        /* Around and above it: one giant component plus dust. */
	        {GNM, 20000, 10000, false, 2},
	        {GNM, 20000, 10000, true, 4},
	        {GNM, 20000, 30000, false, 7},
	        {GNM, 20000, 30000, true, 1},
	        {GNM, 100000, 60000, false, 7},
	        {GNM, 100000, 60000, true, 7},
	        /* Connected. */
	        {BA, 20000, 2, false, 4},
	        {BA, 20000, 1, true, 7},
	};
	return cr_make_param_array(random_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(random_case *rc, components, match_igraph_weak_components)
{
	igraph_t ig;
	wp_graph g;
	wp_components c;
	if (rc->model == GNM)
		cr_assert(eq(int,
		             igraph_erdos_renyi_game(&ig, IGRAPH_ERDOS_RENYI_GNM, rc->n, rc->param,
		                                     rc->directed, false),
		             IGRAPH_SUCCESS));
	else
		cr_assert(eq(int,
		             igraph_barabasi_game(&ig, rc->n, 1.0, rc->param, NULL, true, 1.0,
		                                  rc->directed, IGRAPH_BARABASI_PSUMTREE, NULL),
		             IGRAPH_SUCCESS));
	to_graph(&g, &ig);
	wp_set_threads(rc->threads);
	find(&g, &c);
	assert_matches_igraph(&c, &ig);
	assert_consistent(&c, &g);
	if (rc->model == BA)
		cr_assert(eq(u32, c.count, 1));
	else if (rc->param < rc->n / 2)
		cr_assert(lt(u32, (uint32_t)rc->n / 4, c.count), "the sparse cases have many");
	wp_components_free(&c);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(components, do_not_depend_on_the_thread_count)
{
	static const int threads[] = {1, 2, 4, 7};
	for (int directed = 0; directed <= 1; directed++) {
		igraph_t ig;
		wp_graph g;
		wp_components first;
		/* Mean degree 1.6: a giant component of about two thirds plus many small ones. */
		cr_assert(eq(int,
		             igraph_erdos_renyi_game(&ig, IGRAPH_ERDOS_RENYI_GNM, 400000, 320000,
		                                     directed, false),
		             IGRAPH_SUCCESS));
		to_graph(&g, &ig);
		for (size_t t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
			wp_components c;
			wp_set_threads(threads[t]);
			find(&g, t == 0 ? &first : &c);
			if (t == 0) {
				assert_matches_igraph(&first, &ig);
				continue;
			}
			cr_assert(eq(u32, c.count, first.count));
			cr_assert(eq(u32, c.largest, first.largest));
			cr_assert(eq(u32, c.largest_size, first.largest_size));
			cr_assert(eq(int,
			             memcmp(c.membership, first.membership, g.n * sizeof(uint32_t)),
			             0),
			          "%d threads", threads[t]);
			wp_components_free(&c);
		}
		wp_components_free(&first);
		wp_graph_free(&g);
		igraph_destroy(&ig);
	}
}

/* ---- shapes and the edge-case ladder ------------------------------------------------------- */

enum shape { PATH, CYCLE, STAR_OUT, STAR_IN, STAR_UNDIRECTED, FULL, MATCHING, EMPTY };

typedef struct shape_case {
	enum shape shape;
	int n;
	bool directed;
	uint32_t count; /* expected components */
} shape_case;

ParameterizedTestParameters(components, handle_paths_stars_cliques_and_the_ladder)
{
	static shape_case cases[] = {
	        {EMPTY, 0, false, 0},         {EMPTY, 0, true, 0},
	        {EMPTY, 1, false, 1},         {EMPTY, 1, true, 1},
	        {EMPTY, 6, false, 6},         {EMPTY, 6, true, 6},
	        {PATH, 1000, false, 1},       {PATH, 1000, true, 1},
	        {CYCLE, 1000, true, 1},       {STAR_OUT, 5000, true, 1},
	        {STAR_IN, 5000, true, 1},     {STAR_UNDIRECTED, 5000, false, 1},
	        {FULL, 60, false, 1},         {FULL, 60, true, 1},
	        {MATCHING, 1000, false, 500}, {MATCHING, 1000, true, 500},
	};
	return cr_make_param_array(shape_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(shape_case *sc, components, handle_paths_stars_cliques_and_the_ladder)
{
	igraph_t ig;
	wp_graph g;
	wp_components c;
	igraph_error_t e = IGRAPH_SUCCESS;
	switch (sc->shape) {
	case PATH:
	case CYCLE:
		/* At most two neighbours each: the sampling rounds alone must join them. */
		e = igraph_ring(&ig, sc->n, sc->directed, false, sc->shape == CYCLE);
		break;
	case STAR_OUT:
		e = igraph_star(&ig, sc->n, IGRAPH_STAR_OUT, sc->n / 2);
		break;
	case STAR_IN:
		e = igraph_star(&ig, sc->n, IGRAPH_STAR_IN, sc->n - 1);
		break;
	case STAR_UNDIRECTED:
		e = igraph_star(&ig, sc->n, IGRAPH_STAR_UNDIRECTED, 0);
		break;
	case FULL:
		e = igraph_full(&ig, sc->n, sc->directed, false);
		break;
	case MATCHING: {
		igraph_vector_int_t edges;
		igraph_vector_int_init(&edges, sc->n);
		/* Pairs (v, n-1-v): each component's vertices are far apart. */
		for (int v = 0; v < sc->n / 2; v++) {
			VECTOR(edges)[2 * v] = sc->n - 1 - v;
			VECTOR(edges)[2 * v + 1] = v;
		}
		e = igraph_create(&ig, &edges, sc->n, sc->directed);
		igraph_vector_int_destroy(&edges);
		break;
	}
	case EMPTY:
		e = igraph_empty(&ig, sc->n, sc->directed);
		break;
	}
	cr_assert(eq(int, e, IGRAPH_SUCCESS));
	to_graph(&g, &ig);
	wp_set_threads(4);
	find(&g, &c);
	cr_assert(eq(u32, c.count, sc->count));
	assert_matches_igraph(&c, &ig);
	assert_consistent(&c, &g);
	if (sc->n == 0) {
		cr_assert(zero(ptr, c.membership));
		cr_assert(eq(u32, c.largest_size, 0));
		cr_assert(eq(u32, c.largest, 0));
	}
	wp_components_free(&c);
	wp_components_free(&c);
	cr_assert(zero(ptr, c.membership));
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* Directed arcs only into a vertex, and a chain held together by in-arcs alone: vertex 0 points
 * at everything, the rest point at nothing. */
Test(components, join_vertices_reached_only_by_in_arcs)
{
	wp_edgebuf eb = {0};
	wp_graph g;
	wp_components c;
	char err[WP_ERR_LEN] = "", label[16];
	for (uint32_t v = 0; v < 3000; v++) {
		wp_vertex id;
		int len = snprintf(label, sizeof(label), "%u", v);
		cr_assert(eq(int, wp_labels_intern(&eb.labels, label, (size_t)len, &id, NULL, err),
		             WP_OK));
	}
	/* Component A: 0 -> 1..999. Component B: 1000 <- 1001 <- ... <- 1999 (each points down).
	 * Component C: 2999 -> 2000 and 2998 -> 2000, ..., all into 2000. */
	for (uint32_t v = 1; v < 1000; v++)
		cr_assert(eq(int, wp_edgebuf_push(&eb, 0, v, err), WP_OK));
	for (uint32_t v = 1001; v < 2000; v++)
		cr_assert(eq(int, wp_edgebuf_push(&eb, v, v - 1, err), WP_OK));
	for (uint32_t v = 2001; v < 3000; v++)
		cr_assert(eq(int, wp_edgebuf_push(&eb, v, 2000, err), WP_OK));
	cr_assert(eq(int, wp_graph_build(&g, &eb, true, err), WP_OK), "%s", err);
	wp_set_threads(2);
	find(&g, &c);
	cr_assert(eq(u32, c.count, 3));
	for (wp_vertex v = 0; v < 3000; v++)
		cr_assert(eq(u32, c.membership[v], v / 1000), "vertex %u", v);
	cr_assert(eq(u32, c.largest_size, 1000));
	cr_assert(eq(u32, c.largest, 0), "ties go to the lowest id");
	wp_components_free(&c);
	wp_graph_free(&g);
}

Test(components, clear_the_output_when_given_a_null_graph)
{
	wp_edgebuf eb = {0};
	wp_graph g;
	wp_components c;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_graph_build(&g, &eb, false, err), WP_OK));
	memset(&c, 0x7F, sizeof(c));
	cr_assert(eq(int, wp_components_find(&g, &c, err), WP_OK));
	cr_assert(eq(u32, c.count, 0));
	cr_assert(zero(ptr, c.membership));
	cr_assert(eq(u32, c.largest_size, 0));
	cr_assert(eq(u32, c.largest, 0));
	wp_components_free(&c);
	wp_graph_free(&g);
}
