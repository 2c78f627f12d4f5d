/* test_betweenness.c - exact betweenness against igraph, thread independence, and KADABRA's
 * guarantee against exact values.
 *
 * Exact values must equal igraph_betweenness (or igraph_betweenness_subset) within 1e-9
 * relative on random graphs of every kind (G(n,p), Barabasi-Albert, disconnected, directed,
 * weighted with integer and real lengths), on Zachary's karate club and on the edge-case ladder,
 * and be bitwise identical for 1, 2, 4 and 7 threads. KADABRA's estimates must lie within eps of
 * the exact normalised values for at least the share of seeds delta promises, and be identical
 * for any thread count. Graphs stay small so that the suite runs in seconds under ASan.
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
#include "queries/betweenness.h"

static void init(void)
{
	wp_igraph_setup();
	igraph_rng_seed(igraph_rng_default(), 20261124);
}

/* |a - b| <= 1e-9 relative to the larger magnitude (or both below 1e-12). */
static bool close_enough(double a, double b)
{
	double scale = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= 1e-9 * scale || scale < 1e-12;
}

/* Length kinds of a random case. */
enum { UNWEIGHTED, INTEGER, REAL };

/* Builds our graph from ig (multi-edges merged, loops dropped), with lengths of the given kind
 * (integers 1..5 or reals in [0.05, 2.05), as floats), and re-exports it to *clean with the
 * weights igraph needs, so both sides see exactly the same graph. */
static void both_graphs(igraph_t *ig, int kind, unsigned seed, wp_graph *g, igraph_t *clean,
                        igraph_vector_t *w)
{
	char err[WP_ERR_LEN] = "";
	igraph_vector_t w0;
	igraph_integer_t m = igraph_ecount(ig);
	igraph_vector_init(&w0, m);
	srand(seed);
	for (igraph_integer_t e = 0; e < m; e++)
		VECTOR(w0)
	[e] = kind == INTEGER ? (double)(1 + rand() % 5)
	                      : (double)(float)(0.05 + 2.0 * rand() / ((double)RAND_MAX + 1));
	cr_assert(eq(int, wp_graph_from_igraph(g, ig, kind == UNWEIGHTED ? NULL : &w0, err), WP_OK),
	          "%s", err);
	igraph_vector_init(w, 0);
	cr_assert(eq(int, wp_igraph_from_graph(g, clean, w, err), WP_OK), "%s", err);
	igraph_vector_destroy(&w0);
}

static void assert_close_to(const double *ours, const igraph_vector_t *theirs, uint32_t n,
                            const char *what)
{
	cr_assert(eq(i64, igraph_vector_size(theirs), (int64_t)n));
	for (uint32_t v = 0; v < n; v++)
		cr_assert(close_enough(ours[v], VECTOR(*theirs)[v]),
		          "%s: vertex %u: ours %.17g, igraph %.17g", what, v, ours[v],
		          VECTOR(*theirs)[v]);
}

/* Exact betweenness of ours and igraph's on the same graph, with 1, 2, 4 and 7 threads; all four
 * of ours must be bitwise equal. */
static void check_exact(igraph_t *ig, int kind, unsigned seed, const char *what)
{
	wp_graph g;
	igraph_t clean;
	igraph_vector_t w, res;
	char err[WP_ERR_LEN] = "";
	both_graphs(ig, kind, seed, &g, &clean, &w);
	igraph_vector_init(&res, 0);
	cr_assert(eq(int,
	             igraph_betweenness(&clean, &res, igraph_vss_all(), true,
	                                kind == UNWEIGHTED ? NULL : &w),
	             IGRAPH_SUCCESS));
	double *first = malloc(((size_t)g.n + 1) * sizeof(double));
	double *other = malloc(((size_t)g.n + 1) * sizeof(double));
	static const int threads[] = {1, 2, 4, 7};
	for (int i = 0; i < 4; i++) {
		wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
		o.weights = kind == UNWEIGHTED ? NULL : g.weights;
		o.threads = threads[i];
		double *out = i == 0 ? first : other;
		cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, out, err), WP_OK), "%s", err);
		if (i == 0)
			assert_close_to(first, &res, g.n, what);
		else
			cr_assert(eq(int, memcmp(first, other, (size_t)g.n * sizeof(double)), 0),
			          "%s: %d threads differ from 1", what, threads[i]);
	}
	free(first);
	free(other);
	igraph_vector_destroy(&res);
	igraph_vector_destroy(&w);
	igraph_destroy(&clean);
	wp_graph_free(&g);
}

typedef struct random_case {
	char name[40];
	char model[8]; /* "gnp", "gnm" (sparse, disconnected), "ba" */
	int n;
	double param; /* gnp: p; gnm: edges per vertex; ba: edges per new vertex */
	bool directed;
	int kind;
} random_case;

static void make_random(igraph_t *ig, const random_case *c)
{
	if (strcmp(c->model, "gnp") == 0)
		igraph_erdos_renyi_game_gnp(ig, c->n, c->param, c->directed, IGRAPH_NO_LOOPS);
	else if (strcmp(c->model, "gnm") == 0)
		igraph_erdos_renyi_game_gnm(ig, c->n, (igraph_integer_t)(c->param * c->n),
		                            c->directed, IGRAPH_NO_LOOPS);
	else
		igraph_barabasi_game(ig, c->n, 1, (igraph_integer_t)c->param, NULL, true, 1,
		                     c->directed, IGRAPH_BARABASI_PSUMTREE, NULL);
}

ParameterizedTestParameters(betweenness, exact_values_equal_igraph_for_any_thread_count)
{
	static random_case cases[] = {
	        {"gnp undirected", "gnp", 400, 0.02, false, UNWEIGHTED},
	        {"gnp directed", "gnp", 400, 0.015, true, UNWEIGHTED},
	        {"gnp undirected integer", "gnp", 400, 0.02, false, INTEGER},
	        {"gnp directed integer", "gnp", 400, 0.015, true, INTEGER},
	        {"gnp undirected real", "gnp", 400, 0.02, false, REAL},
	        {"gnp directed real", "gnp", 400, 0.015, true, REAL},
	        {"ba undirected", "ba", 600, 2, false, UNWEIGHTED},
	        {"ba directed", "ba", 600, 3, true, UNWEIGHTED},
	        {"ba tree", "ba", 600, 1, false, UNWEIGHTED},
	        {"ba undirected integer", "ba", 600, 2, false, INTEGER},
	        {"ba undirected real", "ba", 600, 2, false, REAL},
	        {"disconnected undirected", "gnm", 800, 0.7, false, UNWEIGHTED},
	        {"disconnected directed", "gnm", 800, 1.2, true, UNWEIGHTED},
	        {"disconnected integer", "gnm", 800, 0.7, false, INTEGER},
	        {"disconnected directed real", "gnm", 800, 1.2, true, REAL},
	        {"dense integer", "gnp", 80, 0.5, false, INTEGER},
	};
	return cr_make_param_array(random_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(random_case *c, betweenness, exact_values_equal_igraph_for_any_thread_count,
                  .init = init)
{
	igraph_t ig;
	make_random(&ig, c);
	check_exact(&ig, c->kind, (unsigned)c->n, c->name);
	igraph_destroy(&ig);
}

Test(betweenness, zachary_karate_club_equals_igraph_and_known_values, .init = init)
{
	igraph_t ig;
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	double scores[34];
	igraph_famous(&ig, "Zachary");
	check_exact(&ig, UNWEIGHTED, 1, "karate");
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_betweenness_exact(&g, scores, err), WP_OK), "%s", err);
	/* Known values (networkx, igraph): vertex 0 has 231.0714..., vertex 33 has 160.5515... */
	cr_assert(epsilon_eq(dbl, scores[0], 231.07142857142858, 1e-9));
	cr_assert(epsilon_eq(dbl, scores[33], 160.55158730158729, 1e-9));
	cr_assert(epsilon_eq(dbl, scores[11], 0.0, 1e-12));
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* A small graph given by its edges, and the betweenness every vertex must get. */
typedef struct ladder_case {
	char name[32];
	int n;
	int count;
	int edges[12][2];
	bool directed;
	double expected[10];
} ladder_case;

ParameterizedTestParameters(betweenness, walks_the_edge_case_ladder)
{
	static ladder_case cases[] = {
	        {"null graph", 0, 0, {{0}}, false, {0}},
	        {"null graph directed", 0, 0, {{0}}, true, {0}},
	        {"one vertex", 1, 0, {{0}}, false, {0}},
	        {"one vertex directed", 1, 0, {{0}}, true, {0}},
	        {"isolated vertices", 4, 0, {{0}}, false, {0, 0, 0, 0}},
	        {"one edge", 2, 1, {{0, 1}}, false, {0, 0}},
	        {"self-loops and multi-edges",
	         3,
	         6,
	         {{0, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 2}, {2, 2}},
	         false,
	         {0, 1, 0}},
	        {"star of 5 leaves",
	         6,
	         5,
	         {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}},
	         false,
	         {10, 0, 0, 0, 0, 0}},
	        {"star out-directed", 6, 5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}}, true, {0}},
	        {"path of 6",
	         6,
	         5,
	         {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}},
	         false,
	         {0, 4, 6, 6, 4, 0}},
	        {"directed path of 6",
	         6,
	         5,
	         {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}},
	         true,
	         {0, 4, 6, 6, 4, 0}},
	        {"path and isolated vertices",
	         7,
	         2,
	         {{1, 2}, {2, 3}},
	         false,
	         {0, 0, 1, 0, 0, 0, 0}},
	        {"two triangles joined",
	         6,
	         7,
	         {{0, 1}, {1, 2}, {0, 2}, {2, 3}, {3, 4}, {4, 5}, {3, 5}},
	         false,
	         {0, 0, 6, 6, 0, 0}},
	        {"square: two shortest paths",
	         4,
	         4,
	         {{0, 1}, {1, 2}, {2, 3}, {3, 0}},
	         false,
	         {0.5, 0.5, 0.5, 0.5}},
	        {"directed cycle of 4", 4, 4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}}, true, {3, 3, 3, 3}},
	};
	return cr_make_param_array(ladder_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(ladder_case *c, betweenness, walks_the_edge_case_ladder, .init = init)
{
	igraph_t ig;
	igraph_vector_int_t edges;
	igraph_vector_int_init(&edges, 2 * c->count);
	for (int i = 0; i < c->count; i++) {
		VECTOR(edges)[2 * i] = c->edges[i][0];
		VECTOR(edges)[2 * i + 1] = c->edges[i][1];
	}
	cr_assert(eq(int, igraph_create(&ig, &edges, c->n, c->directed), IGRAPH_SUCCESS));
	check_exact(&ig, UNWEIGHTED, 1, c->name);
	check_exact(&ig, INTEGER, 2, c->name);

	wp_graph g;
	char err[WP_ERR_LEN] = "";
	double scores[10] = {0}, approx[10] = {0};
	wp_kadabra_info info;
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_betweenness_exact(&g, scores, err), WP_OK), "%s", err);
	for (int v = 0; v < c->n; v++)
		cr_assert(epsilon_eq(dbl, scores[v], c->expected[v], 1e-12), "%s: vertex %d: %g",
		          c->name, v, scores[v]);
	/* KADABRA on the same graph: within 0.05 of b = (directed ? 1 : 2) B / (n (n - 1)). */
	wp_kadabra_opts ko = WP_KADABRA_DEFAULTS;
	ko.eps = 0.05;
	cr_assert(eq(int, wp_betweenness_approx_opts(&g, &ko, approx, &info, err), WP_OK), "%s",
	          err);
	for (int v = 0; v < c->n; v++) {
		double b = c->n > 1 ? (c->directed ? 1.0 : 2.0) * c->expected[v] /
		                              (c->n * (c->n - 1.0))
		                    : 0.0;
		cr_assert(le(dbl, fabs(approx[v] - b), 0.05), "%s: vertex %d: %g vs %g", c->name, v,
		          approx[v], b);
	}
	wp_graph_free(&g);
	igraph_vector_int_destroy(&edges);
	igraph_destroy(&ig);
}

/* Sources and targets: igraph_betweenness_subset, weighted or not, directed or not. */
typedef struct subset_case {
	char name[32];
	bool directed;
	int kind;
	bool all_targets;
} subset_case;

ParameterizedTestParameters(betweenness, subsets_equal_igraph_betweenness_subset)
{
	static subset_case cases[] = {
	        {"undirected", false, UNWEIGHTED, false},
	        {"directed", true, UNWEIGHTED, false},
	        {"undirected real", false, REAL, false},
	        {"directed integer", true, INTEGER, false},
	        {"sources only", false, UNWEIGHTED, true},
	        {"sources only directed", true, REAL, true},
	};
	return cr_make_param_array(subset_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(subset_case *c, betweenness, subsets_equal_igraph_betweenness_subset,
                  .init = init)
{
	igraph_t ig, clean;
	igraph_vector_t w, res;
	igraph_vector_int_t sv, tv;
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	wp_vertex sources[40], targets[60];
	igraph_barabasi_game(&ig, 500, 1, 2, NULL, true, 1, c->directed, IGRAPH_BARABASI_PSUMTREE,
	                     NULL);
	both_graphs(&ig, c->kind, 5, &g, &clean, &w);
	igraph_vector_int_init(&sv, 40);
	igraph_vector_int_init(&tv, 60);
	for (int i = 0; i < 40; i++)
		VECTOR(sv)[i] = sources[i] = (wp_vertex)(i * 12 + 3);
	for (int i = 0; i < 60; i++)
		VECTOR(tv)[i] = targets[i] = (wp_vertex)(i * 8 + 1); /* some are sources too */
	igraph_vector_init(&res, 0);
	cr_assert(eq(int,
	             igraph_betweenness_subset(
	                     &clean, &res, igraph_vss_all(), true, igraph_vss_vector(&sv),
	                     c->all_targets ? igraph_vss_all() : igraph_vss_vector(&tv),
	                     c->kind == UNWEIGHTED ? NULL : &w),
	             IGRAPH_SUCCESS));
	double first[500], other[500];
	static const int threads[] = {1, 2, 4, 7};
	for (int i = 0; i < 4; i++) {
		wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
		o.weights = c->kind == UNWEIGHTED ? NULL : g.weights;
		o.sources = sources;
		o.source_count = 40;
		if (!c->all_targets) {
			o.targets = targets;
			o.target_count = 60;
		}
		o.threads = threads[i];
		cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, i ? other : first, err), WP_OK),
		          "%s", err);
		if (i == 0)
			assert_close_to(first, &res, g.n, c->name);
		else
			cr_assert(eq(int, memcmp(first, other, sizeof(first)), 0));
	}
	igraph_vector_int_destroy(&sv);
	igraph_vector_int_destroy(&tv);
	igraph_vector_destroy(&res);
	igraph_vector_destroy(&w);
	igraph_destroy(&clean);
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

Test(betweenness, deep_searches_equal_igraph_beyond_the_byte_levels, .init = init)
{
	/* Levels live modulo 254 in a byte: searches over 600 levels, undirected (a path with
	 * chords) and directed (a ring whose back arcs reach levels 253 older, congruent to the
	 * next level modulo 254). */
	igraph_vector_int_t edges;
	igraph_t ig;
	for (int directed = 0; directed < 2; directed++) {
		igraph_vector_int_init(&edges, 0);
		for (int i = 0; i + 1 < 700; i++) {
			igraph_vector_int_push_back(&edges, i);
			igraph_vector_int_push_back(&edges, i + 1);
		}
		if (directed) {
			igraph_vector_int_push_back(&edges, 699);
			igraph_vector_int_push_back(&edges, 0);
		}
		for (int i = 300; i < 700; i += 37) {
			igraph_vector_int_push_back(&edges, i);
			igraph_vector_int_push_back(&edges, directed ? i - 253 : i - 2);
		}
		igraph_create(&ig, &edges, 700, directed);
		check_exact(&ig, UNWEIGHTED, 9, directed ? "deep directed" : "deep undirected");
		igraph_destroy(&ig);
		igraph_vector_int_destroy(&edges);
	}
}

Test(betweenness, normalisation_divides_by_the_pairs_that_avoid_the_vertex, .init = init)
{
	igraph_t ig;
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	double raw[300], norm[300];
	for (int directed = 0; directed < 2; directed++) {
		igraph_barabasi_game(&ig, 300, 1, 2, NULL, true, 1, directed,
		                     IGRAPH_BARABASI_PSUMTREE, NULL);
		cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
		wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
		cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, raw, err), WP_OK), "%s", err);
		o.normalized = true;
		cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, norm, err), WP_OK), "%s", err);
		/* networkx: undirected 2 / ((n-1)(n-2)), directed 1 / ((n-1)(n-2)). */
		double f = (directed ? 1.0 : 2.0) / (299.0 * 298.0);
		for (int v = 0; v < 300; v++)
			cr_assert(close_enough(norm[v], raw[v] * f), "vertex %d", v);
		wp_graph_free(&g);
		igraph_destroy(&ig);
	}
}

Test(betweenness, leaves_folded_into_their_neighbour_count_as_their_own_searches, .init = init)
{
	/* All sources (leaves folded) against the same sources given as a list (no folding). */
	igraph_t ig;
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	double folded[700], listed[700];
	wp_vertex all[700];
	igraph_barabasi_game(&ig, 700, 1, 1, NULL, true, 1, false, IGRAPH_BARABASI_PSUMTREE, NULL);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	for (int v = 0; v < 700; v++)
		all[v] = (wp_vertex)v;
	wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, folded, err), WP_OK), "%s", err);
	o.sources = all;
	o.source_count = 700;
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, listed, err), WP_OK), "%s", err);
	for (int v = 0; v < 700; v++)
		cr_assert(close_enough(folded[v], listed[v]), "vertex %d: %g vs %g", v, folded[v],
		          listed[v]);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(betweenness, rejects_bad_lengths_and_vertices_with_exact_messages, .init = init)
{
	igraph_t ig;
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	double scores[5] = {7, 7, 7, 7, 7};
	float bad[8];
	wp_vertex far = 5;
	igraph_ring(&ig, 4, false, false, true);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	for (int e = 0; e < 8; e++)
		bad[e] = 1.0f;
	bad[3] = 0.0f;
	wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
	o.weights = bad;
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, scores, err), WP_EARG));
	cr_assert(eq(str, err, "betweenness: arc 3 has length 0; lengths must be finite and > 0"));
	cr_assert(eq(dbl, scores[0], 7.0)); /* untouched on error */
	bad[3] = NAN;
	err[0] = '\0';
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, scores, err), WP_EARG));
	cr_assert(
	        eq(str, err, "betweenness: arc 3 has length nan; lengths must be finite and > 0"));
	o = WP_BETWEENNESS_DEFAULTS;
	o.sources = &far;
	o.source_count = 1;
	err[0] = '\0';
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, scores, err), WP_EARG));
	cr_assert(eq(str, err, "betweenness: source 0 is vertex 5, but the graph has 4 vertices"));
	o = WP_BETWEENNESS_DEFAULTS;
	o.target_count = 2;
	err[0] = '\0';
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, scores, err), WP_EARG));
	cr_assert(eq(str, err, "betweenness: target_count is 2 but targets is NULL"));

	wp_kadabra_opts ko = WP_KADABRA_DEFAULTS;
	ko.eps = 0.0;
	err[0] = '\0';
	cr_assert(eq(int, wp_betweenness_approx_opts(&g, &ko, scores, NULL, err), WP_EARG));
	cr_assert(eq(str, err, "betweenness: eps is 0; it must lie in (0, 1)"));
	ko = WP_KADABRA_DEFAULTS;
	ko.delta = 1.0;
	err[0] = '\0';
	cr_assert(eq(int, wp_betweenness_approx_opts(&g, &ko, scores, NULL, err), WP_EARG));
	cr_assert(eq(str, err, "betweenness: delta is 1; it must lie in (0, 1)"));
	ko = WP_KADABRA_DEFAULTS;
	ko.top_k = 5;
	err[0] = '\0';
	cr_assert(eq(int, wp_betweenness_approx_opts(&g, &ko, scores, NULL, err), WP_EARG));
	cr_assert(eq(str, err, "betweenness: top 5 asked of a graph of 4 vertices"));
	cr_assert(eq(dbl, scores[0], 7.0));
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* KADABRA: over 30 seeds, every value within eps of the exact normalised betweenness in all but
 * a few runs (delta = 0.1 allows 3 failures on average; we allow 6), and identical output for 1,
 * 2, 4 and 7 threads with the same seed. */
typedef struct approx_case {
	char name[32];
	char model[8];
	int n;
	double param;
	bool directed;
	double eps;
} approx_case;

ParameterizedTestParameters(betweenness, kadabra_is_within_eps_of_exact_over_many_seeds)
{
	static approx_case cases[] = {
	        {"ba undirected", "ba", 400, 2, false, 0.02},
	        {"ba directed", "ba", 400, 3, true, 0.02},
	        {"sparse disconnected", "gnm", 500, 0.8, false, 0.01},
	        {"gnp directed", "gnp", 300, 0.01, true, 0.03},
	};
	return cr_make_param_array(approx_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(approx_case *c, betweenness, kadabra_is_within_eps_of_exact_over_many_seeds,
                  .init = init)
{
	igraph_t ig;
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	random_case rc = {"", "", c->n, c->param, c->directed, UNWEIGHTED};
	memcpy(rc.model, c->model, sizeof(rc.model));
	make_random(&ig, &rc);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	double *exact = malloc(g.n * sizeof(double)), *approx = malloc(g.n * sizeof(double));
	double *again = malloc(g.n * sizeof(double));
	cr_assert(eq(int, wp_betweenness_exact(&g, exact, err), WP_OK), "%s", err);
	double f = (g.directed ? 1.0 : 2.0) / ((double)g.n * (g.n - 1.0));
	int failures = 0;
	for (uint64_t seed = 1; seed <= 30; seed++) {
		wp_kadabra_opts o = WP_KADABRA_DEFAULTS;
		wp_kadabra_info info;
		o.eps = c->eps;
		o.seed = seed;
		o.threads = 2;
		cr_assert(eq(int, wp_betweenness_approx_opts(&g, &o, approx, &info, err), WP_OK),
		          "%s", err);
		cr_assert(lt(u64, 0, info.samples));
		cr_assert(le(u64, info.samples, info.omega));
		double worst = 0.0;
		for (uint32_t v = 0; v < g.n; v++)
			worst = fmax(worst, fabs(approx[v] - exact[v] * f));
		failures += worst > c->eps;
		if (seed <= 2) {
			static const int threads[] = {1, 4, 7};
			for (int i = 0; i < 3; i++) {
				o.threads = threads[i];
				cr_assert(eq(int,
				             wp_betweenness_approx_opts(&g, &o, again, NULL, err),
				             WP_OK));
				cr_assert(eq(int, memcmp(approx, again, g.n * sizeof(double)), 0),
				          "%s: seed %llu: %d threads differ from 2", c->name,
				          (unsigned long long)seed, threads[i]);
			}
		}
	}
	cr_assert(le(int, failures, 6), "%s: %d of 30 runs missed eps", c->name, failures);
	free(exact);
	free(approx);
	free(again);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(betweenness, kadabra_top_k_ranks_well_separated_vertices_exactly, .init = init)
{
	/* Stars of 40, 30, 20, 10 and 5 leaves whose centres form a path: the centres' values are
	 * far apart, so the top 3 must come out in the exact order. */
	static const int leaves[] = {40, 30, 20, 10, 5};
	igraph_vector_int_t edges;
	igraph_t ig;
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	int n = 5;
	igraph_vector_int_init(&edges, 0);
	for (int c = 0; c < 5; c++) {
		if (c > 0) {
			igraph_vector_int_push_back(&edges, c - 1);
			igraph_vector_int_push_back(&edges, c);
		}
		for (int l = 0; l < leaves[c]; l++) {
			igraph_vector_int_push_back(&edges, c);
			igraph_vector_int_push_back(&edges, n++);
		}
	}
	igraph_create(&ig, &edges, n, false);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
	double *exact = malloc(g.n * sizeof(double)), *approx = malloc(g.n * sizeof(double));
	cr_assert(eq(int, wp_betweenness_exact(&g, exact, err), WP_OK), "%s", err);
	for (uint64_t seed = 1; seed <= 5; seed++) {
		wp_kadabra_opts o = WP_KADABRA_DEFAULTS;
		wp_kadabra_info info;
		o.top_k = 3;
		o.eps = 0.01;
		o.seed = seed;
		cr_assert(eq(int, wp_betweenness_approx_opts(&g, &o, approx, &info, err), WP_OK),
		          "%s", err);
		cr_assert(eq(u32, info.top_separated, 3));
		cr_assert(info.stopped_early);
		/* Centres 1, 0 and 2 lead, in that order: B = 4363, 3540 and 3194 (the pairs each
		 * one separates), then centre 3 with 1593. */
		cr_assert(lt(dbl, approx[0], approx[1]));
		cr_assert(lt(dbl, approx[2], approx[0]));
		for (uint32_t v = 3; v < g.n; v++)
			cr_assert(lt(dbl, approx[v], approx[2]), "vertex %u", v);
	}
	cr_assert(epsilon_eq(dbl, exact[1], 4363.0, 1e-9));
	cr_assert(epsilon_eq(dbl, exact[0], 3540.0, 1e-9));
	cr_assert(epsilon_eq(dbl, exact[2], 3194.0, 1e-9));
	free(exact);
	free(approx);
	igraph_vector_int_destroy(&edges);
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

Test(betweenness, kadabra_vertex_diameter_bound_is_never_below_the_true_one, .init = init)
{
	/* omega is only a guarantee if the bound holds: directed graphs go through their strong
	 * components, undirected ones through BFS trees (bottom-up levels in big components). */
	for (int i = 0; i < 11; i++) {
		igraph_t ig;
		wp_graph g;
		char err[WP_ERR_LEN] = "";
		igraph_real_t diameter;
		wp_kadabra_info info;
		int n = i < 9 ? 200 + 50 * i
		              : 6000; /* 6000: a component big enough for bottom-up */
		if (i == 9)
			igraph_barabasi_game(&ig, n, 1, 2, NULL, true, 1, IGRAPH_UNDIRECTED,
			                     IGRAPH_BARABASI_PSUMTREE, NULL);
		else if (i == 10)
			igraph_erdos_renyi_game_gnm(&ig, n, 2 * n, IGRAPH_UNDIRECTED, false);
		else if (i % 3 == 0)
			igraph_erdos_renyi_game_gnm(&ig, n, n * (1 + i % 4), IGRAPH_DIRECTED,
			                            false);
		else if (i % 3 == 1)
			igraph_barabasi_game(&ig, n, 1, 2, NULL, true, 1, IGRAPH_DIRECTED,
			                     IGRAPH_BARABASI_PSUMTREE, NULL);
		else
			igraph_erdos_renyi_game_gnm(&ig, n, n, IGRAPH_UNDIRECTED, false);
		cr_assert(eq(int,
		             igraph_diameter(&ig, &diameter, NULL, NULL, NULL, NULL, true, true),
		             IGRAPH_SUCCESS));
		cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, NULL, err), WP_OK), "%s", err);
		double *scores = malloc((size_t)n * sizeof(double));
		wp_kadabra_opts o = WP_KADABRA_DEFAULTS;
		o.eps = 0.2;
		cr_assert(eq(int, wp_betweenness_approx_opts(&g, &o, scores, &info, err), WP_OK),
		          "%s", err);
		cr_assert(ge(u32, info.vertex_diameter, (uint32_t)diameter + 1), "graph %d", i);
		cr_assert(le(u32, info.vertex_diameter, (uint32_t)n), "graph %d", i);
		free(scores);
		wp_graph_free(&g);
		igraph_destroy(&ig);
	}
}
