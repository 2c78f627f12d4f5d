/* test_structure.c - Criterion tests for queries/structure.c (the igraph-backed measures).
 *
 * These wrap igraph, so the tests check what the wrapping adds: the conversion (ids, directions,
 * the undirected view of a directed graph with max-weight merging), the copy of the results,
 * community renumbering (by decreasing size, ties by smallest vertex) and seeding, igraph errors
 * mapped to WP_EIGRAPH, the refusal to run inside a parallel region, and known answers on
 * Zachary's karate club. The edge-case ladder runs over every measure.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "queries/structure.h"

static void setup(void)
{
	wp_igraph_setup();
}

TestSuite(structure, .init = setup);

static void from_igraph(wp_graph *g, const igraph_t *ig, const igraph_vector_t *w)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_graph_from_igraph(g, ig, w, err), WP_OK), "%s", err);
}

static void karate(igraph_t *ig, wp_graph *g)
{
	cr_assert(eq(int, igraph_famous(ig, "Zachary"), IGRAPH_SUCCESS));
	from_igraph(g, ig, NULL);
}

/* Builds a graph over labels "0" .. "n-1" from "u v" pairs, with weights if w is non-NULL. */
static void build(wp_graph *g, uint32_t n, const uint32_t *edges, const float *w, size_t count,
                  bool directed)
{
	char err[WP_ERR_LEN] = "";
	wp_edgebuf eb = {0};
	for (uint32_t v = 0; v < n; v++) {
		char label[16];
		wp_vertex id;
		int len = snprintf(label, sizeof(label), "%u", v);
		cr_assert(eq(int, wp_labels_intern(&eb.labels, label, (size_t)len, &id, NULL, err),
		             WP_OK));
	}
	for (size_t i = 0; i < count; i++) {
		if (w)
			cr_assert(eq(int,
			             wp_edgebuf_push_weighted(&eb, edges[2 * i], edges[2 * i + 1],
			                                      w[i], err),
			             WP_OK));
		else
			cr_assert(eq(int, wp_edgebuf_push(&eb, edges[2 * i], edges[2 * i + 1], err),
			             WP_OK));
	}
	cr_assert(eq(int, wp_graph_build(g, &eb, directed, err), WP_OK), "%s", err);
}

Test(structure, degree_matches_igraph_in_every_mode)
{
	igraph_t ig;
	wp_graph g;
	igraph_rng_seed(igraph_rng_default(), 5);
	cr_assert(
	        eq(int, igraph_erdos_renyi_game_gnp(&ig, 300, 0.02, true, false), IGRAPH_SUCCESS));
	from_igraph(&g, &ig, NULL);
	uint64_t *deg = malloc(g.n * sizeof(*deg));
	static const wp_structure_mode modes[] = {WP_STRUCTURE_ALL, WP_STRUCTURE_OUT,
	                                          WP_STRUCTURE_IN};
	static const igraph_neimode_t theirs[] = {IGRAPH_ALL, IGRAPH_OUT, IGRAPH_IN};
	for (int i = 0; i < 3; i++) {
		igraph_vector_int_t d;
		igraph_vector_int_init(&d, 0);
		igraph_degree(&ig, &d, igraph_vss_all(), theirs[i], true);
		wp_structure_degree(&g, modes[i], deg);
		for (uint32_t v = 0; v < g.n; v++)
			cr_assert(eq(u64, deg[v], (uint64_t)VECTOR(d)[v]), "mode %d vertex %u", i,
			          v);
		igraph_vector_int_destroy(&d);
	}
	free(deg);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(structure, coreness_matches_igraph)
{
	char err[WP_ERR_LEN] = "";
	for (int directed = 0; directed < 2; directed++) {
		igraph_t ig;
		wp_graph g;
		igraph_rng_seed(igraph_rng_default(), 6 + directed);
		cr_assert(eq(int,
		             igraph_barabasi_game(&ig, 500, 1.0, 3, NULL, true, 1.0, directed,
		                                  IGRAPH_BARABASI_PSUMTREE, NULL),
		             IGRAPH_SUCCESS));
		from_igraph(&g, &ig, NULL);
		uint32_t *cores = malloc(g.n * sizeof(*cores));
		igraph_vector_int_t c;
		igraph_vector_int_init(&c, 0);
		cr_assert(eq(int, wp_structure_coreness(&g, WP_STRUCTURE_ALL, cores, err), WP_OK),
		          "%s", err);
		igraph_coreness(&ig, &c, IGRAPH_ALL);
		for (uint32_t v = 0; v < g.n; v++)
			cr_assert(eq(u32, cores[v], (uint32_t)VECTOR(c)[v]));
		igraph_vector_int_destroy(&c);
		free(cores);
		wp_graph_free(&g);
		igraph_destroy(&ig);
	}
}

Test(structure, karate_coreness_eigenvector_and_clustering)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	wp_graph g;
	uint32_t cores[34];
	double eig[34], clu[34], value = 0;
	karate(&ig, &g);
	cr_assert(eq(int, wp_structure_coreness(&g, WP_STRUCTURE_ALL, cores, err), WP_OK), "%s",
	          err);
	cr_assert(eq(u32, cores[0], 4)); /* networkx.core_number(karate)[0] = 4 */
	cr_assert(eq(u32, cores[11], 1));
	cr_assert(eq(int, wp_structure_eigenvector_opts(&g, NULL, eig, &value, err), WP_OK), "%s",
	          err);
	/* Leading eigenvector scaled to max 1 (3,000 steps of power iteration on A + I, in
	 * Python): vertex 33 is 1, vertex 0 0.9521323664766566; eigenvalue 6.725697727631732. */
	cr_assert(epsilon_eq(dbl, eig[33], 1.0, 1e-9));
	cr_assert(epsilon_eq(dbl, eig[0], 0.9521323664766566, 1e-9));
	cr_assert(epsilon_eq(dbl, value, 6.725697727631732, 1e-9));
	cr_assert(eq(int, wp_structure_clustering(&g, false, clu, err), WP_OK), "%s", err);
	cr_assert(epsilon_eq(dbl, clu[0], 0.15, 1e-12)); /* networkx.clustering(karate)[0] */
	cr_assert(epsilon_eq(dbl, clu[33], 0.11029411764705882, 1e-12));
	cr_assert(isnan(clu[11]));
	cr_assert(eq(int, wp_structure_clustering(&g, true, clu, err), WP_OK), "%s", err);
	cr_assert(eq(dbl, clu[11], 0.0));
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(structure, directed_clustering_uses_the_undirected_view)
{
	/* A directed triangle 0 -> 1 -> 2 -> 0 plus 1 -> 0 (a mutual pair) and 2 -> 3: the view has
	 * the edges 01, 12, 02, 23, so vertex 0 and 1 have clustering 1, vertex 2 has 1/3. */
	static const uint32_t edges[] = {0, 1, 1, 2, 2, 0, 1, 0, 2, 3};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	double clu[4];
	build(&g, 4, edges, NULL, 5, true);
	cr_assert(eq(int, wp_structure_clustering(&g, false, clu, err), WP_OK), "%s", err);
	cr_assert(epsilon_eq(dbl, clu[0], 1.0, 1e-15));
	cr_assert(epsilon_eq(dbl, clu[1], 1.0, 1e-15));
	cr_assert(epsilon_eq(dbl, clu[2], 1.0 / 3, 1e-15));
	cr_assert(isnan(clu[3]));
	wp_graph_free(&g);
}

typedef struct community_case {
	char name[16];
	int method;
	double min_modularity;
} community_case;

static community_case community_cases[] = {
        {"leiden", WP_COMMUNITIES_LEIDEN, 0.41},
        {"louvain", WP_COMMUNITIES_LOUVAIN, 0.41},
};

ParameterizedTestParameters(structure, karate_communities_are_good_canonical_and_seeded)
{
	return cr_make_param_array(community_case, community_cases,
	                           sizeof(community_cases) / sizeof(community_cases[0]));
}

ParameterizedTest(community_case *c, structure, karate_communities_are_good_canonical_and_seeded)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	wp_graph g;
	wp_communities a, b;
	wp_communities_opts o = WP_COMMUNITIES_DEFAULTS;
	karate(&ig, &g);
	o.method = (wp_community_method)c->method;
	o.seed = 42;
	cr_assert(eq(int, wp_structure_communities_opts(&g, &o, &a, err), WP_OK), "%s", err);
	cr_assert(ge(dbl, a.modularity, c->min_modularity)); /* the best partition has 0.4198 */
	cr_assert(ge(u32, a.count, 3));
	cr_assert(le(u32, a.count, 5));
	/* Canonical numbering: sizes non-increasing, ties ordered by smallest vertex. */
	uint32_t total = 0, *firsts = calloc(a.count, sizeof(uint32_t));
	for (uint32_t k = 0; k < a.count; k++)
		firsts[k] = UINT32_MAX;
	for (uint32_t v = 34; v-- > 0;)
		firsts[a.membership[v]] = v;
	for (uint32_t k = 0; k < a.count; k++) {
		total += a.sizes[k];
		if (k > 0) {
			cr_assert(ge(u32, a.sizes[k - 1], a.sizes[k]));
			if (a.sizes[k - 1] == a.sizes[k])
				cr_assert(lt(u32, firsts[k - 1], firsts[k]));
		}
	}
	cr_assert(eq(u32, total, 34));
	free(firsts);
	/* The reported modularity is igraph's for this membership. */
	igraph_vector_int_t m;
	igraph_real_t q = 0;
	igraph_vector_int_init(&m, 34);
	for (int v = 0; v < 34; v++)
		VECTOR(m)[v] = a.membership[v];
	igraph_modularity(&ig, &m, NULL, 1.0, false, &q);
	cr_assert(epsilon_eq(dbl, a.modularity, q, 1e-12));
	igraph_vector_int_destroy(&m);
	/* Same seed, same partition. */
	cr_assert(eq(int, wp_structure_communities_opts(&g, &o, &b, err), WP_OK), "%s", err);
	cr_assert(eq(int, memcmp(a.membership, b.membership, 34 * sizeof(uint32_t)), 0));
	wp_communities_free(&a);
	wp_communities_free(&b);
	wp_communities_free(&b);
	/* A higher resolution gives at least as many communities. */
	o.resolution = 3.0;
	cr_assert(eq(int, wp_structure_communities_opts(&g, &o, &b, err), WP_OK), "%s", err);
	cr_assert(lt(u32, 4, b.count));
	wp_communities_free(&b);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(structure, weighted_communities_follow_the_heavy_edges)
{
	/* Two triangles joined by heavy edges across: 0-1-2 and 3-4-5 (weight 1), 0-3, 1-4, 2-5
	 * (weight 10). Weighted, the communities pair the heavy edges' ends. */
	static const uint32_t edges[] = {0, 1, 1, 2, 0, 2, 3, 4, 4, 5, 3, 5, 0, 3, 1, 4, 2, 5};
	static const float w[] = {1, 1, 1, 1, 1, 1, 10, 10, 10};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	wp_communities c;
	wp_communities_opts o = WP_COMMUNITIES_DEFAULTS;
	build(&g, 6, edges, w, 9, false);
	o.weighted = true;
	cr_assert(eq(int, wp_structure_communities_opts(&g, &o, &c, err), WP_OK), "%s", err);
	cr_assert(eq(u32, c.membership[0], c.membership[3]));
	cr_assert(eq(u32, c.membership[1], c.membership[4]));
	cr_assert(eq(u32, c.membership[2], c.membership[5]));
	cr_assert(eq(u32, c.count, 3));
	wp_communities_free(&c);
	wp_graph_free(&g);
}

Test(structure, directed_communities_use_the_undirected_view)
{
	static const uint32_t edges[] = {0, 1, 1, 2, 2, 0, 3, 4, 4, 5, 5, 3, 2, 3};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	wp_communities c;
	build(&g, 6, edges, NULL, 7, true);
	cr_assert(eq(int, wp_structure_communities(&g, &c, err), WP_OK), "%s", err);
	cr_assert(eq(u32, c.count, 2));
	cr_assert(eq(u32, c.membership[0], 0)); /* equal sizes: the one holding vertex 0 first */
	cr_assert(eq(u32, c.membership[2], 0));
	cr_assert(eq(u32, c.membership[5], 1));
	cr_assert(epsilon_eq(dbl, c.modularity, 5.0 / 14, 1e-12));
	wp_communities_free(&c);
	wp_graph_free(&g);
}

Test(structure, edge_case_ladder)
{
	char err[WP_ERR_LEN] = "";
	for (int directed = 0; directed < 2; directed++) {
		/* null graph */
		wp_graph g;
		wp_communities c;
		build(&g, 0, NULL, NULL, 0, directed);
		cr_assert(eq(int, wp_structure_communities(&g, &c, err), WP_OK), "%s", err);
		cr_assert(eq(u32, c.count, 0));
		cr_assert(isnan(c.modularity));
		wp_communities_free(&c);
		cr_assert(eq(int, wp_structure_eigenvector(&g, NULL, err), WP_OK), "%s", err);
		cr_assert(eq(int, wp_structure_coreness(&g, WP_STRUCTURE_ALL, NULL, err), WP_OK));
		cr_assert(eq(int, wp_structure_clustering(&g, false, NULL, err), WP_OK));
		wp_graph_free(&g);

		/* isolated vertices only (one vertex, then three): one community each, NaN */
		for (uint32_t n = 1; n <= 3; n += 2) {
			double eig[3], clu[3];
			uint32_t cores[3];
			build(&g, n, NULL, NULL, 0, directed);
			cr_assert(eq(int, wp_structure_communities(&g, &c, err), WP_OK), "%s", err);
			cr_assert(eq(u32, c.count, n));
			cr_assert(isnan(c.modularity));
			for (uint32_t v = 0; v < n; v++)
				cr_assert(eq(u32, c.membership[v], v));
			wp_communities_free(&c);
			cr_assert(eq(int, wp_structure_eigenvector(&g, eig, err), WP_OK), "%s",
			          err);
			cr_assert(eq(dbl, eig[0], 1.0));
			cr_assert(eq(int, wp_structure_coreness(&g, WP_STRUCTURE_ALL, cores, err),
			             WP_OK));
			cr_assert(eq(u32, cores[0], 0));
			cr_assert(eq(int, wp_structure_clustering(&g, false, clu, err), WP_OK));
			cr_assert(isnan(clu[0]));
			wp_graph_free(&g);
		}

		/* self-loops, multi-edges and an isolated vertex: the simple graph's answers */
		static const uint32_t edges[] = {0, 1, 1, 0, 0, 1, 1, 1, 1, 2, 0, 2, 2, 2};
		uint32_t cores[4];
		double clu[4];
		build(&g, 4, edges, NULL, 7, directed);
		cr_assert(eq(int, wp_structure_coreness(&g, WP_STRUCTURE_ALL, cores, err), WP_OK),
		          "%s", err);
		cr_assert(eq(u32, cores[3], 0));
		cr_assert(eq(u32, cores[0],
		             2)); /* directed: 0 <-> 1 gives 0 and 1 degree 3, 2 has 2 */
		cr_assert(eq(int, wp_structure_clustering(&g, false, clu, err), WP_OK), "%s", err);
		cr_assert(eq(dbl, clu[0], 1.0));
		cr_assert(eq(dbl, clu[1], 1.0));
		cr_assert(isnan(clu[3]));
		wp_graph_free(&g);
	}
}

Test(structure, argument_and_igraph_errors_have_messages)
{
	static const uint32_t edges[] = {0, 1, 1, 2};
	static const float negative[] = {1, -1};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	wp_communities c;
	wp_communities_opts o = WP_COMMUNITIES_DEFAULTS;
	build(&g, 3, edges, NULL, 2, false);
	o.resolution = 0;
	cr_assert(eq(int, wp_structure_communities_opts(&g, &o, &c, err), WP_EARG));
	cr_assert(eq(str, err, "communities: resolution is 0; it must be positive"));
	err[0] = '\0';
	o = WP_COMMUNITIES_DEFAULTS;
	o.weighted = true;
	cr_assert(eq(int, wp_structure_communities_opts(&g, &o, &c, err), WP_EARG));
	cr_assert(eq(str, err, "structure: weights requested, but the graph is unweighted"));
	wp_graph_free(&g);

	err[0] = '\0';
	build(&g, 3, edges, negative, 2, false);
	o.method = WP_COMMUNITIES_LOUVAIN;
	cr_assert(eq(int, wp_structure_communities_opts(&g, &o, &c, err), WP_EIGRAPH));
	/* "igraph: Invalid value: weights must be positive (src/community/louvain.c:357)" */
	static const char want[] = "igraph: Invalid value: weights must be positive (";
	cr_assert(eq(int, strncmp(err, want, sizeof(want) - 1), 0), "%s", err);
	cr_assert(eq(ptr, c.membership, NULL));
	wp_graph_free(&g);
}

Test(structure, refuses_to_run_inside_a_parallel_region)
{
	static const uint32_t edges[] = {0, 1};
	wp_graph g;
	int st = WP_OK;
	char err[WP_ERR_LEN] = "";
	build(&g, 2, edges, NULL, 1, false);
	uint32_t cores[2];

#pragma omp parallel num_threads(2)
	{
#pragma omp master
		st = wp_structure_coreness(&g, WP_STRUCTURE_ALL, cores, err);
	}
	cr_assert(eq(int, st, WP_EARG));
	cr_assert(eq(str, err,
	             "structure: called inside a parallel region, but igraph is not "
	             "thread-safe"));
	wp_graph_free(&g);
}
