/* test_pagerank.c - Criterion tests for queries/pagerank.c (PageRank, personalised PageRank).
 *
 * igraph_personalized_pagerank with PRPACK (directed = true) is the oracle: scores within 1e-6
 * in L1 norm, for both methods (Gauss-Seidel and Jacobi), on G(n, p), Barabasi-Albert and
 * sparse graphs full of dangling and isolated vertices, directed and undirected, weighted
 * (including weight-0 arcs) and not, with uniform restart, a restart set and a restart vector.
 * At loose tolerances (float contributions included) every result must lie within its stated
 * bound, wp_pagerank_error_bound(), of PRPACK's. Jacobi's scores must be bitwise identical for
 * 1, 2, 4 and 7 threads; Gauss-Seidel's within the sum of the two runs' bounds (pagerank.h).
 * Then the edge-case ladder and the argument errors, by exact message.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "queries/pagerank.h"

static void setup(void)
{
	wp_igraph_setup();
}

TestSuite(pagerank, .init = setup);

enum kind { GNP, BA, SPARSE };
enum restart { UNIFORM, SET, VECTOR_ };

typedef struct pr_case {
	char name[40];
	int kind;
	int n;
	double p;
	bool directed;
	bool weighted;
	int restart;
	double damping;
	unsigned seed;
} pr_case;

static void make_igraph(const pr_case *c, igraph_t *ig)
{
	igraph_rng_seed(igraph_rng_default(), c->seed);
	if (c->kind == BA)
		cr_assert(eq(int,
		             igraph_barabasi_game(ig, c->n, 1.0, (igraph_integer_t)c->p, NULL, true,
		                                  1.0, c->directed, IGRAPH_BARABASI_PSUMTREE, NULL),
		             IGRAPH_SUCCESS));
	else
		cr_assert(eq(int, igraph_erdos_renyi_game_gnp(ig, c->n, c->p, c->directed, false),
		             IGRAPH_SUCCESS));
}

/* Weights 0, 0.25, ..., 2 (exact in float), drawn from igraph's generator. */
static void random_weights(const igraph_t *ig, igraph_vector_t *w)
{
	igraph_integer_t m = igraph_ecount(ig);
	igraph_vector_init(w, m);
	for (igraph_integer_t e = 0; e < m; e++)
		VECTOR(*w)[e] = (double)RNG_INTEGER(0, 8) / 4.0;
}

static double l1(const double *a, const igraph_vector_t *b, uint32_t n)
{
	double s = 0;
	for (uint32_t v = 0; v < n; v++)
		s += fabs(a[v] - VECTOR(*b)[v]);
	return s;
}

static pr_case pr_cases[] = {
        {"gnp-undirected", GNP, 500, 0.01, false, false, UNIFORM, 0.85, 1},
        {"gnp-directed", GNP, 500, 0.005, true, false, UNIFORM, 0.85, 2},
        {"ba-directed", BA, 800, 2, true, false, UNIFORM, 0.85, 3},
        {"ba-undirected", BA, 800, 3, false, false, UNIFORM, 0.5, 4},
        {"sparse-directed-dangling", SPARSE, 600, 0.002, true, false, UNIFORM, 0.85, 5},
        {"sparse-undirected-isolated", SPARSE, 600, 0.002, false, false, UNIFORM, 0.85, 6},
        {"gnp-directed-weighted", GNP, 400, 0.01, true, true, UNIFORM, 0.85, 7},
        {"ba-undirected-weighted", BA, 400, 2, false, true, UNIFORM, 0.85, 8},
        {"sparse-directed-set", SPARSE, 600, 0.003, true, false, SET, 0.85, 9},
        {"gnp-undirected-set", GNP, 400, 0.01, false, false, SET, 0.9, 10},
        {"ba-directed-vector-weighted", BA, 500, 2, true, true, VECTOR_, 0.85, 11},
        {"sparse-undirected-vector", SPARSE, 500, 0.003, false, false, VECTOR_, 0.7, 12},
        {"gnp-directed-damping-0", GNP, 200, 0.02, true, false, SET, 0.0, 13},
};

ParameterizedTestParameters(pagerank, equals_igraph_prpack)
{
	return cr_make_param_array(pr_case, pr_cases, sizeof(pr_cases) / sizeof(pr_cases[0]));
}

ParameterizedTest(pr_case *c, pagerank, equals_igraph_prpack)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	igraph_vector_t w, reset, theirs;
	wp_graph g;
	wp_vertex personal[5] = {3, 17, 17, 40, 199};
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	wp_pagerank_info info;

	make_igraph(c, &ig);
	if (c->weighted)
		random_weights(&ig, &w);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, c->weighted ? &w : NULL, err), WP_OK), "%s",
	          err);
	igraph_vector_init(&reset, c->n);
	if (c->restart == SET)
		for (int i = 0; i < 5; i++)
			VECTOR(reset)[personal[i]] += 1;
	else
		for (int v = 0; v < c->n; v++)
			VECTOR(reset)[v] = (double)(v % 7);
	o.damping = c->damping;
	o.weighted = c->weighted;
	if (c->restart == SET) {
		o.personal = personal;
		o.personal_count = 5;
	} else if (c->restart == VECTOR_) {
		o.reset = VECTOR(reset);
	}
	double *ours = malloc((size_t)c->n * sizeof(*ours));
	igraph_vector_init(&theirs, 0);
	cr_assert(eq(int,
	             igraph_personalized_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &theirs, NULL,
	                                          igraph_vss_all(), true, c->damping,
	                                          c->restart == UNIFORM ? NULL : &reset,
	                                          c->weighted ? &w : NULL, NULL),
	             IGRAPH_SUCCESS));
	static const wp_pagerank_method methods[] = {WP_PAGERANK_GAUSS_SEIDEL, WP_PAGERANK_JACOBI};
	for (int k = 0; k < 2; k++) {
		o.method = methods[k];
		cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, ours, &info, err), WP_OK), "%s",
		          err);
		cr_assert(info.converged, "%s, method %d: %u iterations, change %g", c->name, k,
		          info.iterations, info.change);
		cr_assert(lt(dbl, info.change, o.tolerance));
		cr_assert(not(info.single)); /* 1e-8 is below WP_PAGERANK_FLOAT_TOLERANCE */
		double dist = l1(ours, &theirs, g.n);
		cr_assert(le(dbl, dist, 1e-6), "method %d: L1 %g after %u iterations", k, dist,
		          info.iterations);
		cr_assert(le(dbl, dist, wp_pagerank_error_bound(c->damping, &info) + 1e-9),
		          "method %d: L1 %g over the stated bound %g", k, dist,
		          wp_pagerank_error_bound(c->damping, &info));
		double sum = 0;
		for (uint32_t v = 0; v < g.n; v++)
			sum += ours[v];
		cr_assert(epsilon_eq(dbl, sum, 1.0, 1e-12));
	}

	free(ours);
	igraph_vector_destroy(&theirs);
	igraph_vector_destroy(&reset);
	if (c->weighted)
		igraph_vector_destroy(&w);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* 40,000 vertices and 120,000 arcs: enough for pagerank.c to use all 7 threads (it caps the
 * threads at (n + m) / 16384). */
static void thread_test_graph(wp_graph *g, igraph_t *ig, bool directed)
{
	char err[WP_ERR_LEN] = "";
	pr_case c = {"ba", BA, 40000, 3, directed, false, UNIFORM, 0.85, 21};
	make_igraph(&c, ig);
	cr_assert(eq(int, wp_graph_from_igraph(g, ig, NULL, err), WP_OK), "%s", err);
}

Test(pagerank, jacobi_is_bitwise_identical_for_1_2_4_and_7_threads)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	wp_graph g;
	thread_test_graph(&g, &ig, true);
	double *ref = malloc(g.n * sizeof(double)), *x = malloc(g.n * sizeof(double));
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	wp_pagerank_info a, b;
	o.method = WP_PAGERANK_JACOBI;
	o.threads = 1;
	cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, ref, &a, err), WP_OK), "%s", err);
	static const int threads[] = {2, 4, 7};
	for (int t = 0; t < 3; t++) {
		o.threads = threads[t];
		cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, x, &b, err), WP_OK), "%s", err);
		cr_assert(eq(int, memcmp(ref, x, g.n * sizeof(double)), 0), "%d threads",
		          threads[t]);
		cr_assert(eq(u32, a.iterations, b.iterations));
	}
	free(ref);
	free(x);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* Gauss-Seidel at a tight (double) and a loose (float) tolerance, directed (dangling vertices,
 * so sum < 1) and undirected: 2, 4 and 7 threads within the two runs' bounds of 1 thread, and
 * every run within its own bound of PRPACK. */
Test(pagerank, gauss_seidel_within_the_stated_bound_for_1_2_4_and_7_threads)
{
	char err[WP_ERR_LEN] = "";
	static const double tolerances[] = {1e-8, 1e-4};
	static const int threads[] = {1, 2, 4, 7};
	for (int dir = 0; dir < 2; dir++) {
		igraph_t ig;
		igraph_vector_t theirs;
		wp_graph g;
		thread_test_graph(&g, &ig, dir == 0);
		igraph_vector_init(&theirs, 0);
		cr_assert(eq(int,
		             igraph_personalized_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &theirs,
		                                          NULL, igraph_vss_all(), true, 0.85, NULL,
		                                          NULL, NULL),
		             IGRAPH_SUCCESS));
		double *ref = malloc(g.n * sizeof(double)), *x = malloc(g.n * sizeof(double));
		for (int k = 0; k < 2; k++) {
			wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
			wp_pagerank_info a, b;
			o.tolerance = tolerances[k];
			for (int t = 0; t < 4; t++) {
				o.threads = threads[t];
				cr_assert(eq(int,
				             wp_pagerank_compute_opts(&g, &o, t ? x : ref,
				                                      t ? &b : &a, err),
				             WP_OK),
				          "%s", err);
				wp_pagerank_info *in = t ? &b : &a;
				cr_assert(in->converged);
				cr_assert(eq(int, in->single,
				             o.tolerance >= WP_PAGERANK_FLOAT_TOLERANCE));
				if (dir == 0)
					cr_assert(lt(dbl, in->sum,
					             1.0)); /* dangling vertices lose mass */
				double bound = wp_pagerank_error_bound(0.85, in);
				double dist = l1(t ? x : ref, &theirs, g.n);
				cr_assert(le(dbl, dist, bound + 1e-9),
				          "tolerance %g, %d threads: L1 %g to PRPACK, bound %g",
				          o.tolerance, threads[t], dist, bound);
				if (t == 0)
					continue;
				double diff = 0;
				for (uint32_t v = 0; v < g.n; v++)
					diff += fabs(ref[v] - x[v]);
				cr_assert(le(dbl, diff, wp_pagerank_error_bound(0.85, &a) + bound),
				          "tolerance %g, %d threads: L1 %g from 1 thread",
				          o.tolerance, threads[t], diff);
			}
		}
		free(ref);
		free(x);
		igraph_vector_destroy(&theirs);
		wp_graph_free(&g);
		igraph_destroy(&ig);
	}
}

/* At loose tolerances the bound is what the scores promise: check it on every oracle case, for
 * both methods, at tolerances from 1e-2 to 1e-6 (float contributions from 1e-6 up). */
ParameterizedTestParameters(pagerank, loose_tolerances_keep_the_stated_bound)
{
	return cr_make_param_array(pr_case, pr_cases, sizeof(pr_cases) / sizeof(pr_cases[0]));
}

ParameterizedTest(pr_case *c, pagerank, loose_tolerances_keep_the_stated_bound)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	igraph_vector_t w, reset, theirs;
	wp_graph g;
	wp_vertex personal[5] = {3, 17, 17, 40, 199};
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	wp_pagerank_info info;

	make_igraph(c, &ig);
	if (c->weighted)
		random_weights(&ig, &w);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, c->weighted ? &w : NULL, err), WP_OK), "%s",
	          err);
	igraph_vector_init(&reset, c->n);
	for (int v = 0; v < c->n; v++)
		VECTOR(reset)[v] = c->restart == SET ? 0 : (double)(v % 7);
	if (c->restart == SET)
		for (int i = 0; i < 5; i++)
			VECTOR(reset)[personal[i]] += 1;
	o.damping = c->damping;
	o.weighted = c->weighted;
	if (c->restart == SET) {
		o.personal = personal;
		o.personal_count = 5;
	} else if (c->restart == VECTOR_) {
		o.reset = VECTOR(reset);
	}
	igraph_vector_init(&theirs, 0);
	cr_assert(eq(int,
	             igraph_personalized_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &theirs, NULL,
	                                          igraph_vss_all(), true, c->damping,
	                                          c->restart == UNIFORM ? NULL : &reset,
	                                          c->weighted ? &w : NULL, NULL),
	             IGRAPH_SUCCESS));
	double *ours = malloc((size_t)c->n * sizeof(*ours));
	static const double tolerances[] = {1e-2, 1e-3, 1e-4, 1e-6};
	for (int k = 0; k < 2; k++)
		for (int t = 0; t < 4; t++) {
			o.method = k ? WP_PAGERANK_JACOBI : WP_PAGERANK_GAUSS_SEIDEL;
			o.tolerance = tolerances[t];
			cr_assert(
			        eq(int, wp_pagerank_compute_opts(&g, &o, ours, &info, err), WP_OK),
			        "%s", err);
			cr_assert(eq(int, info.single, k == 0 && tolerances[t] >= 1e-6));
			double dist = l1(ours, &theirs, g.n);
			double bound = wp_pagerank_error_bound(c->damping, &info);
			cr_assert(le(dbl, dist, bound + 1e-9),
			          "method %d, tolerance %g: L1 %g over the bound %g (%u sweeps)", k,
			          tolerances[t], dist, bound, info.iterations);
		}
	free(ours);
	igraph_vector_destroy(&theirs);
	igraph_vector_destroy(&reset);
	if (c->weighted)
		igraph_vector_destroy(&w);
	wp_graph_free(&g);
	igraph_destroy(&ig);
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

Test(pagerank, null_graph_succeeds_with_nothing_to_write)
{
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	wp_pagerank_info info = {7, 7, false, false, 7};
	build(&g, 0, NULL, NULL, 0, true);
	cr_assert(eq(int, wp_pagerank_compute_opts(&g, NULL, NULL, &info, err), WP_OK), "%s", err);
	cr_assert(eq(u32, info.iterations, 0));
	cr_assert(info.converged);
	wp_graph_free(&g);
}

Test(pagerank, one_vertex_has_score_1)
{
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	double x = 0;
	build(&g, 1, NULL, NULL, 0, false);
	cr_assert(eq(int, wp_pagerank_compute(&g, &x, err), WP_OK), "%s", err);
	cr_assert(eq(dbl, x, 1.0));
	wp_graph_free(&g);
}

Test(pagerank, edgeless_graph_returns_the_restart_distribution)
{
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	double x[4];
	double reset[4] = {1, 0, 3, 0};
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	build(&g, 4, NULL, NULL, 0, true);
	cr_assert(eq(int, wp_pagerank_compute(&g, x, err), WP_OK), "%s", err);
	for (int v = 0; v < 4; v++)
		cr_assert(epsilon_eq(dbl, x[v], 0.25, 1e-15));
	o.reset = reset;
	cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, x, NULL, err), WP_OK), "%s", err);
	cr_assert(epsilon_eq(dbl, x[0], 0.25, 1e-15));
	cr_assert(epsilon_eq(dbl, x[2], 0.75, 1e-15));
	cr_assert(eq(dbl, x[1], 0.0));
	wp_graph_free(&g);
}

Test(pagerank, self_loops_and_multi_edges_are_dropped_as_the_builder_does)
{
	/* 0 -> 1 twice, 1 -> 1, 1 -> 2, 3 -> 0: the simple graph 0 -> 1 -> 2, 3 -> 0, for which
	 * igraph (PRPACK) gives 0.214888 0.298811 0.370145 0.116156 (6 digits). */
	static const uint32_t edges[] = {0, 1, 0, 1, 1, 1, 1, 2, 3, 0};
	static const double want[] = {0.214888, 0.298811, 0.370145, 0.116156};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	double x[4];
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	build(&g, 4, edges, NULL, 5, true);
	for (int k = 0; k < 2; k++) {
		o.method = k ? WP_PAGERANK_JACOBI : WP_PAGERANK_GAUSS_SEIDEL;
		cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, x, NULL, err), WP_OK), "%s",
		          err);
		for (int v = 0; v < 4; v++)
			cr_assert(epsilon_eq(dbl, x[v], want[v], 1e-6), "method %d, vertex %d: %g",
			          k, v, x[v]);
	}
	wp_graph_free(&g);
}

Test(pagerank, max_iterations_stops_without_error)
{
	static const uint32_t edges[] = {0, 1, 1, 2, 2, 0, 2, 3};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	double x[4];
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	wp_pagerank_info info;
	build(&g, 4, edges, NULL, 4, true);
	o.max_iterations = 2;
	for (int k = 0; k < 2; k++) {
		o.method = k ? WP_PAGERANK_JACOBI : WP_PAGERANK_GAUSS_SEIDEL;
		cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, x, &info, err), WP_OK), "%s",
		          err);
		cr_assert(eq(u32, info.iterations, 2));
		cr_assert(not(info.converged));
		cr_assert(epsilon_eq(dbl, x[0] + x[1] + x[2] + x[3], 1.0, 1e-12));
	}
	wp_graph_free(&g);
}

/* A directed 3-cycle 0 -> 1 -> 2 -> 0 plus 2 -> 3, vertex 3 dangling, solved by hand: with
 * a = 0.85 and s = (0.15 + a x3) / 4 (the restart plus 3's mass, spread uniformly),
 * x0 = a x2 / 2 + s, x1 = a x0 + s, x2 = a x1 + s, x3 = a x2 / 2 + s. Solved in exact rational
 * arithmetic: the values below (9 digits); they sum to 1, and x0 = x3 as the equations say. */
static const double HAND[4] = {0.213762154, 0.264622289, 0.307853403, 0.213762154};

Test(pagerank, hand_solved_cycle_with_a_dangling_vertex)
{
	static const uint32_t edges[] = {0, 1, 1, 2, 2, 0, 2, 3};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	double x[4];
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	build(&g, 4, edges, NULL, 4, true);
	for (int k = 0; k < 2; k++) {
		o.method = k ? WP_PAGERANK_JACOBI : WP_PAGERANK_GAUSS_SEIDEL;
		cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, x, NULL, err), WP_OK), "%s",
		          err);
		for (int v = 0; v < 4; v++)
			cr_assert(epsilon_eq(dbl, x[v], HAND[v], 1e-7),
			          "method %d, vertex %d: %.9f", k, v, x[v]);
	}
	wp_graph_free(&g);
}

Test(pagerank, rejects_an_unknown_method)
{
	static const uint32_t edges[] = {0, 1};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	double x[2] = {-1, -1};
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	build(&g, 2, edges, NULL, 1, true);
	o.method = (wp_pagerank_method)7;
	cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, x, NULL, err), WP_EARG));
	cr_assert(eq(str, err, "pagerank: unknown method 7"));
	cr_assert(eq(dbl, x[0], -1.0));
	wp_graph_free(&g);
}

typedef struct error_case {
	char name[32];
	double damping;
	double tolerance;
	bool weighted;
	int personal; /* 0: none, 1: out of range, 2: empty */
	int reset;    /* 0: none, 1: negative, 2: all zero */
	bool negative_weight;
	char message[160];
} error_case;

static error_case error_cases[] = {
        {"damping", 1.0, 1e-8, false, 0, 0, false, "pagerank: damping is 1; it must be in [0, 1)"},
        {"tolerance", 0.85, 0, false, 0, 0, false, "pagerank: tolerance is 0; it must be positive"},
        {"personal-range", 0.85, 1e-8, false, 1, 0, false,
         "pagerank: personalisation vertex 9 is out of range (n = 3)"},
        {"personal-empty", 0.85, 1e-8, false, 2, 0, false,
         "pagerank: the personalisation set is empty"},
        {"reset-negative", 0.85, 1e-8, false, 0, 1, false,
         "pagerank: reset value of vertex 1 is -1; it must be finite and >= 0"},
        {"reset-zero", 0.85, 1e-8, false, 0, 2, false, "pagerank: the reset values sum to 0"},
        {"negative-weight", 0.85, 1e-8, true, 0, 0, true,
         "pagerank: arc 1 -> 2 has weight -2; weights must be finite and >= 0"},
};

ParameterizedTestParameters(pagerank, rejects_bad_arguments_with_a_message)
{
	return cr_make_param_array(error_case, error_cases,
	                           sizeof(error_cases) / sizeof(error_cases[0]));
}

ParameterizedTest(error_case *c, pagerank, rejects_bad_arguments_with_a_message)
{
	static const uint32_t edges[] = {0, 1, 1, 2};
	float w[] = {1, c->negative_weight ? -2.0f : 1.0f};
	wp_vertex personal[] = {9};
	double reset_neg[] = {1, -1, 0}, reset_zero[] = {0, 0, 0};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	double x[3] = {-1, -1, -1};
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	build(&g, 3, edges, w, 2, true);
	o.damping = c->damping;
	o.tolerance = c->tolerance;
	o.weighted = c->weighted;
	if (c->personal) {
		o.personal = personal;
		o.personal_count = c->personal == 1 ? 1 : 0;
	}
	if (c->reset)
		o.reset = c->reset == 1 ? reset_neg : reset_zero;
	cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, x, NULL, err), WP_EARG));
	cr_assert(eq(str, err, c->message));
	cr_assert(eq(dbl, x[0], -1.0)); /* untouched on error */
	wp_graph_free(&g);
}

Test(pagerank, weighted_needs_a_weighted_graph)
{
	static const uint32_t edges[] = {0, 1};
	char err[WP_ERR_LEN] = "";
	wp_graph g;
	double x[2];
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	build(&g, 2, edges, NULL, 1, false);
	o.weighted = true;
	cr_assert(eq(int, wp_pagerank_compute_opts(&g, &o, x, NULL, err), WP_EARG));
	cr_assert(eq(str, err, "pagerank: weighted PageRank needs a weighted graph"));
	wp_graph_free(&g);
}
