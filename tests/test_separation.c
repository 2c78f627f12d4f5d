/* test_separation.c - Criterion tests for queries/separation*.c (distance distribution, average
 * distance, effective diameter, degrees of separation; exact and HyperANF).
 *
 * The exact distribution must equal igraph_path_length_hist() (pairs at each distance and
 * unconnected pairs) and the average distance igraph_average_path_length(unconn = true), on
 * G(n, p), Barabasi-Albert and sparse many-component graphs, directed and undirected, with more
 * vertices than one 256-search pass holds; hand-checked answers on a path, a star and a directed
 * cycle; the igraph edge-case ladder (null graph, one vertex, isolated vertices, self-loops,
 * multi-edges). The broadword register maximum must equal a register-by-register maximum.
 * HyperANF is tested statistically against igraph's exact answer over 40 fixed seeds: N(t)
 * within three standard errors (and so each distance's pairs, a difference of two N's, within
 * the sum of their errors) in nearly every run, the mean error of the average distance and of
 * N(inf) small against the stated error. Both methods must give bitwise identical results
 * for 1, 2, 4 and 7 threads.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "queries/separation.h"
#include "queries/separation_internal.h"

static void setup(void)
{
	wp_igraph_setup();
}

TestSuite(separation, .init = setup);

enum kind { GNP, BA, SPARSE, KARATE };

/* Strings inline: Criterion copies parameters into worker processes. */
typedef struct graph_case {
	char name[32];
	int kind;
	int n;
	double p; /* edge probability (GNP, SPARSE) or edges per new vertex (BA) */
	bool directed;
	unsigned seed;
} graph_case;

static void make_igraph(const graph_case *c, igraph_t *ig)
{
	igraph_rng_seed(igraph_rng_default(), c->seed);
	switch (c->kind) {
	case GNP:
	case SPARSE:
		cr_assert(eq(int, igraph_erdos_renyi_game_gnp(ig, c->n, c->p, c->directed, false),
		             IGRAPH_SUCCESS));
		break;
	case BA:
		cr_assert(eq(int,
		             igraph_barabasi_game(ig, c->n, 1.0, (igraph_integer_t)c->p, NULL, true,
		                                  1.0, c->directed, IGRAPH_BARABASI_PSUMTREE, NULL),
		             IGRAPH_SUCCESS));
		break;
	default:
		cr_assert(eq(int, igraph_famous(ig, "Zachary"), IGRAPH_SUCCESS));
		break;
	}
}

static void to_graph(wp_graph *g, const igraph_t *ig)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_graph_from_igraph(g, ig, NULL, err), WP_OK), "%s", err);
}

/* A graph from a list of edges (pairs of ids) on n vertices. */
static void small_graph(wp_graph *g, int n, const int *edges, int count, bool directed)
{
	igraph_t ig;
	igraph_vector_int_t v;
	igraph_vector_int_init(&v, 2 * count);
	for (int i = 0; i < 2 * count; i++)
		VECTOR(v)[i] = edges[i];
	cr_assert(eq(int, igraph_create(&ig, &v, n, directed), IGRAPH_SUCCESS));
	to_graph(g, &ig);
	igraph_vector_int_destroy(&v);
	igraph_destroy(&ig);
}

static void compute(const wp_graph *g, wp_separation_method method, uint32_t b, uint64_t seed,
                    int threads, wp_separation *r)
{
	char err[WP_ERR_LEN] = "";
	wp_separation_opts o = WP_SEPARATION_DEFAULTS;
	o.method = method;
	o.log2_registers = b;
	o.seed = seed;
	o.threads = threads;
	cr_assert(eq(int, wp_separation_compute(g, &o, r, err), WP_OK), "%s", err);
	cr_assert(eq(str, err, ""));
}

/* igraph's answer: pairs at each distance, unconnected pairs and the average distance. */
typedef struct oracle {
	igraph_vector_t hist;
	double unconnected;
	double average;
} oracle;

static void ask_igraph(const igraph_t *ig, oracle *o)
{
	igraph_real_t unconn = 0, unconn_pairs = 0, avg = 0;
	cr_assert(eq(int, igraph_vector_init(&o->hist, 0), IGRAPH_SUCCESS));
	cr_assert(eq(int, igraph_path_length_hist(ig, &o->hist, &unconn, true), IGRAPH_SUCCESS));
	cr_assert(eq(int, igraph_average_path_length(ig, &avg, &unconn_pairs, true, true),
	             IGRAPH_SUCCESS));
	o->unconnected = unconn;
	o->average = avg;
}

ParameterizedTestParameters(separation, exact_equals_igraph_path_length_hist)
{
	static graph_case cases[] = {
	        {"gnp-200", GNP, 200, 0.04, false, 1},
	        {"gnp-200-directed", GNP, 200, 0.03, true, 2},
	        {"gnp-700", GNP, 700, 0.01, false, 3},
	        {"gnp-700-directed", GNP, 700, 0.006, true, 4},
	        {"ba-600", BA, 600, 2, false, 5},
	        {"ba-600-directed", BA, 600, 3, true, 6},
	        {"sparse-500", SPARSE, 500, 0.002, false, 7},
	        {"sparse-500-directed", SPARSE, 500, 0.002, true, 8},
	        {"sparse-300-very", SPARSE, 300, 0.0015, false, 9},
	        {"karate", KARATE, 34, 0, false, 0},
	};
	return cr_make_param_array(graph_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(graph_case *c, separation, exact_equals_igraph_path_length_hist)
{
	igraph_t ig;
	wp_graph g = {0};
	oracle want;
	make_igraph(c, &ig);
	to_graph(&g, &ig);
	ask_igraph(&ig, &want);

	wp_separation r;
	compute(&g, WP_SEPARATION_EXACT, 7, 1, 2, &r);
	cr_assert(r.exact);
	cr_assert(eq(int, r.directed, c->directed));
	cr_assert(eq(u32, r.max_distance, (uint32_t)igraph_vector_size(&want.hist)), "%s", c->name);
	for (uint32_t d = 0; d < r.max_distance; d++)
		cr_assert(eq(dbl, r.pairs[d], VECTOR(want.hist)[d]), "%s: distance %u", c->name,
		          d + 1);
	cr_assert(eq(dbl, r.unconnected, want.unconnected), "%s", c->name);
	if (isnan(want.average))
		cr_assert(isnan(r.average_distance));
	else
		cr_assert(epsilon_eq(dbl, r.average_distance, want.average, 1e-12), "%s", c->name);
	cr_assert(epsilon_eq(dbl, r.degrees_of_separation, r.average_distance - 1, 1e-15));
	cr_assert(eq(dbl, r.relative_standard_error, 0));

	/* The same, bit for bit, on any number of threads; and AUTO takes the exact route. */
	int threads[] = {1, 4, 7};
	for (int i = 0; i < 3; i++) {
		wp_separation s;
		compute(&g, i == 2 ? WP_SEPARATION_AUTO : WP_SEPARATION_EXACT, 7, 1, threads[i],
		        &s);
		cr_assert(s.exact);
		cr_assert(eq(u32, s.max_distance, r.max_distance));
		cr_assert(eq(int, memcmp(s.pairs, r.pairs, r.max_distance * sizeof(double)), 0));
		cr_assert(eq(dbl, s.effective_diameter, r.effective_diameter));
		wp_separation_free(&s);
	}
	wp_separation_free(&r);
	wp_separation_free(&r); /* freeing twice is allowed */
	igraph_vector_destroy(&want.hist);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(separation, path_of_five_by_hand)
{
	/* 0-1-2-3-4: unordered pairs at distance 1..4: 4, 3, 2, 1; average (4+6+6+4)/10 = 2.
	 * Ordered N(t) with the 5 pairs (x, x): 5, 13, 19, 23, 25; 90% of 25 is 22.5, first
	 * reached at t = 3: 2 + (22.5 - 19) / (23 - 19) = 2.875. */
	int e[] = {0, 1, 1, 2, 2, 3, 3, 4};
	wp_graph g = {0};
	small_graph(&g, 5, e, 4, false);
	for (int m = 0; m < 2; m++) {
		wp_separation r;
		compute(&g, m ? WP_SEPARATION_AUTO : WP_SEPARATION_EXACT, 7, 1, 1, &r);
		cr_assert(eq(u32, r.max_distance, 4));
		double want[] = {4, 3, 2, 1}, nf[] = {5, 13, 19, 23, 25};
		for (int d = 0; d < 4; d++)
			cr_assert(eq(dbl, r.pairs[d], want[d]));
		for (int t = 0; t < 5; t++)
			cr_assert(eq(dbl, r.neighbourhood[t], nf[t]));
		cr_assert(eq(dbl, r.average_distance, 2.0));
		cr_assert(eq(dbl, r.degrees_of_separation, 1.0));
		cr_assert(epsilon_eq(dbl, r.effective_diameter, 2.875, 1e-12));
		cr_assert(eq(dbl, r.reachable, 10));
		cr_assert(eq(dbl, r.unconnected, 0));
		cr_assert(eq(u32, r.iterations, 4));
		wp_separation_free(&r);
	}
	wp_graph_free(&g);
}

Test(separation, directed_cycle_and_star_by_hand)
{
	/* Directed 4-cycle: every vertex reaches the others at 1, 2, 3: 4 ordered pairs each. */
	int cyc[] = {0, 1, 1, 2, 2, 3, 3, 0};
	wp_graph g = {0};
	small_graph(&g, 4, cyc, 4, true);
	wp_separation r;
	compute(&g, WP_SEPARATION_EXACT, 7, 1, 2, &r);
	cr_assert(eq(u32, r.max_distance, 3));
	for (int d = 0; d < 3; d++)
		cr_assert(eq(dbl, r.pairs[d], 4));
	cr_assert(eq(dbl, r.average_distance, 2.0));
	wp_separation_free(&r);
	wp_graph_free(&g);

	/* A directed star out of 0: 3 pairs at distance 1, 9 ordered pairs unconnected. */
	int star[] = {0, 1, 0, 2, 0, 3};
	small_graph(&g, 4, star, 3, true);
	compute(&g, WP_SEPARATION_EXACT, 7, 1, 2, &r);
	cr_assert(eq(u32, r.max_distance, 1));
	cr_assert(eq(dbl, r.pairs[0], 3));
	cr_assert(eq(dbl, r.unconnected, 9));
	cr_assert(eq(dbl, r.average_distance, 1.0));
	cr_assert(eq(dbl, r.degrees_of_separation, 0.0));
	/* N = 4, 7: 90% of 7 = 6.3, reached at t = 1: 0 + (6.3 - 4) / 3. */
	cr_assert(epsilon_eq(dbl, r.effective_diameter, 2.3 / 3, 1e-12));
	wp_separation_free(&r);
	wp_graph_free(&g);
}

Test(separation, edge_case_ladder)
{
	wp_graph g = {0};
	wp_separation r;
	for (int m = 1; m <= 2; m++) {
		/* The null graph. */
		small_graph(&g, 0, NULL, 0, false);
		compute(&g, (wp_separation_method)m, 7, 1, 2, &r);
		cr_assert(eq(u32, r.max_distance, 0));
		cr_assert(isnan(r.average_distance));
		cr_assert(isnan(r.degrees_of_separation));
		cr_assert(eq(dbl, r.effective_diameter, 0));
		cr_assert(eq(dbl, r.reachable, 0));
		wp_separation_free(&r);
		wp_graph_free(&g);
		/* One vertex; then isolated vertices: no pairs at any distance. */
		for (int n = 1; n <= 6; n += 5) {
			small_graph(&g, n, NULL, 0, m == 2);
			compute(&g, (wp_separation_method)m, 7, 1, 2, &r);
			cr_assert(eq(u32, r.max_distance, 0));
			cr_assert(isnan(r.average_distance));
			cr_assert(eq(dbl, r.unconnected, m == 2 ? n * (n - 1) : n * (n - 1) / 2.0));
			wp_separation_free(&r);
			wp_graph_free(&g);
		}
	}
	/* Self-loops and a multi-edge are dropped by the builder: a triangle plus a pendant. */
	int e[] = {0, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 0, 2, 3, 3, 3};
	small_graph(&g, 4, e, 8, false);
	compute(&g, WP_SEPARATION_EXACT, 7, 1, 2, &r);
	cr_assert(eq(u32, r.max_distance, 2));
	cr_assert(eq(dbl, r.pairs[0], 4));
	cr_assert(eq(dbl, r.pairs[1], 2));
	wp_separation_free(&r);
	wp_graph_free(&g);
}

Test(separation, rejects_bad_options)
{
	wp_graph g = {0};
	int e[] = {0, 1};
	small_graph(&g, 2, e, 1, false);
	wp_separation_opts o = WP_SEPARATION_DEFAULTS;
	wp_separation r;
	char err[WP_ERR_LEN] = "";
	o.log2_registers = 3;
	cr_assert(eq(int, wp_separation_compute(&g, &o, &r, err), WP_EARG));
	cr_assert(eq(str, err, "separation: --registers 3 is out of range (4 to 16)"));
	err[0] = '\0';
	o.log2_registers = 17;
	cr_assert(eq(int, wp_separation_compute(&g, &o, &r, err), WP_EARG));
	cr_assert(eq(str, err, "separation: --registers 17 is out of range (4 to 16)"));
	cr_assert(eq(ptr, r.pairs, NULL));
	wp_graph_free(&g);
}

Test(separation, auto_threshold_is_n_times_m)
{
	wp_graph g = {0};
	g.n = 100000;
	g.m = 200000; /* 2e10: exactly the limit */
	cr_assert(wp_separation_exact_feasible(&g));
	g.m = 200001;
	cr_assert(not(wp_separation_exact_feasible(&g)));
}

Test(separation, effective_diameter_interpolates_like_webgraph)
{
	double nf[] = {10, 40, 90, 100};
	/* 0.9 x 100 = 90 is reached exactly at t = 2: 1 + (90 - 40) / 50 = 2. */
	cr_assert(epsilon_eq(dbl, wp_separation_effective_diameter(nf, 4, 0.9), 2.0, 1e-12));
	/* 0.5 x 100 = 50 lies between N(1) = 40 and N(2) = 90: 1 + 10 / 50. */
	cr_assert(epsilon_eq(dbl, wp_separation_effective_diameter(nf, 4, 0.5), 1.2, 1e-12));
	cr_assert(eq(dbl, wp_separation_effective_diameter(nf, 4, 0.05), 0));
	cr_assert(eq(dbl, wp_separation_effective_diameter(nf, 0, 0.9), 0));
	cr_assert(epsilon_eq(dbl, wp_separation_effective_diameter(nf, 4, 1.0), 3.0, 1e-12));
}

Test(separation, broadword_max_equals_register_by_register_max)
{
	uint64_t x = 88172645463325252ull;
	for (int it = 0; it < 2000000; it++) {
		uint64_t a = 0, b = 0, want = 0;
		for (int i = 0; i < WPI_HLL_PER_WORD; i++) {
			/* xorshift64 */
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			uint64_t ra = x & 31, rb = (x >> 5) & 31;
			if (it % 4 == 0)
				rb = ra; /* ties */
			if (it % 4 == 1)
				rb = (ra + 1) & 31; /* neighbours, and 31 against 0 */
			a |= ra << (WPI_HLL_BITS * i);
			b |= rb << (WPI_HLL_BITS * i);
			want |= (ra > rb ? ra : rb) << (WPI_HLL_BITS * i);
		}
		cr_assert(eq(u64, wpi_hll_max(a, b), want), "max(%llx, %llx)",
		          (unsigned long long)a, (unsigned long long)b);
		cr_assert(eq(u64, wpi_hll_max(b, a), want));
	}
}

ParameterizedTestParameters(separation, hyperanf_is_within_its_stated_error)
{
	static graph_case cases[] = {
	        {"ba-1500", BA, 1500, 2, false, 11},
	        {"gnp-1200-directed", GNP, 1200, 0.004, true, 12},
	        {"sparse-2000", SPARSE, 2000, 0.0009, false, 13},
	};
	return cr_make_param_array(graph_case, cases, sizeof(cases) / sizeof(cases[0]));
}

/* Over 40 seeds with 2^6 registers (relative standard error 13%): N(t) is a sum of counters, so
 * its error is at most a counter's; a run's N(t) falls within 3 standard errors of the truth at
 * every t in at least 90% of runs (a normal error would do so in 99.7%); the errors average out:
 * the mean relative error of N(inf) and of the average distance over the 40 runs is within
 * 4 standard errors of the mean (RSE / sqrt(40)) of zero. The seeds are fixed, so the test is
 * deterministic; the margins say it is not tuned to them. */
ParameterizedTest(graph_case *c, separation, hyperanf_is_within_its_stated_error)
{
	enum { SEEDS = 40, B = 6 };
	igraph_t ig;
	wp_graph g = {0};
	oracle want;
	make_igraph(c, &ig);
	to_graph(&g, &ig);
	ask_igraph(&ig, &want);
	size_t dmax = igraph_vector_size(&want.hist);
	double per_pair = c->directed ? 1 : 2, n = g.n;
	double *truth = calloc(dmax + 1, sizeof(double));
	truth[0] = n;
	for (size_t d = 1; d <= dmax; d++)
		truth[d] = truth[d - 1] + per_pair * VECTOR(want.hist)[d - 1];

	double rse = 1.04 / sqrt(1 << B);
	int good_runs = 0;
	double sum_err_inf = 0, sum_err_avg = 0, sum_abs_avg = 0;
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		wp_separation r;
		compute(&g, WP_SEPARATION_HYPERANF, B, seed, 2, &r);
		cr_assert(not(r.exact));
		cr_assert(epsilon_eq(dbl, r.relative_standard_error, rse, 1e-12));
		bool good = true;
		for (size_t t = 0; t <= dmax; t++) {
			double est = t <= r.max_distance ? r.neighbourhood[t]
			                                 : r.neighbourhood[r.max_distance];
			if (fabs(est / truth[t] - 1) > 3 * rse)
				good = false;
			/* The distribution: pairs at t is N(t) - N(t - 1), so its error is
			 * within the two N's errors (3 RSE of each). */
			if (t >= 1) {
				double got = t <= r.max_distance ? r.pairs[t - 1] : 0;
				double tol = 3 * rse * (truth[t] + truth[t - 1]) / per_pair;
				if (fabs(got - VECTOR(want.hist)[t - 1]) > tol)
					good = false;
			}
		}
		/* Past the true diameter the counters can only have stopped changing. */
		for (size_t t = dmax + 1; t <= r.max_distance; t++)
			good = good && fabs(r.neighbourhood[t] / truth[dmax] - 1) <= 3 * rse;
		good_runs += good;
		sum_err_inf += r.neighbourhood[r.max_distance] / truth[dmax] - 1;
		sum_err_avg += r.average_distance / want.average - 1;
		sum_abs_avg += fabs(r.average_distance / want.average - 1);
		wp_separation_free(&r);
	}
	double sem = rse / sqrt(SEEDS);
	cr_assert(good_runs >= SEEDS * 9 / 10, "%s: %d of %d runs within 3 RSE", c->name, good_runs,
	          SEEDS);
	cr_assert(fabs(sum_err_inf / SEEDS) <= 4 * sem, "%s: mean error of N(inf) %g", c->name,
	          sum_err_inf / SEEDS);
	cr_assert(fabs(sum_err_avg / SEEDS) <= 4 * sem, "%s: mean error of the average %g", c->name,
	          sum_err_avg / SEEDS);
	cr_assert(sum_abs_avg / SEEDS <= rse / 2, "%s: mean |error| of the average %g", c->name,
	          sum_abs_avg / SEEDS);
	free(truth);
	igraph_vector_destroy(&want.hist);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(separation, hyperanf_does_not_depend_on_threads_but_on_the_seed)
{
	graph_case c = {"ba-3000", BA, 3000, 3, false, 21};
	igraph_t ig;
	wp_graph g = {0};
	make_igraph(&c, &ig);
	to_graph(&g, &ig);
	wp_separation base, other;
	compute(&g, WP_SEPARATION_HYPERANF, 7, 42, 1, &base);
	int threads[] = {2, 4, 7};
	for (int i = 0; i < 3; i++) {
		compute(&g, WP_SEPARATION_HYPERANF, 7, 42, threads[i], &other);
		cr_assert(eq(u32, other.max_distance, base.max_distance));
		cr_assert(eq(int,
		             memcmp(other.neighbourhood, base.neighbourhood,
		                    (base.max_distance + 1) * sizeof(double)),
		             0));
		cr_assert(eq(dbl, other.average_distance, base.average_distance));
		wp_separation_free(&other);
	}
	compute(&g, WP_SEPARATION_HYPERANF, 7, 43, 2, &other);
	cr_assert(not(eq(dbl, other.neighbourhood[other.max_distance],
	                 base.neighbourhood[base.max_distance])));
	wp_separation_free(&other);
	wp_separation_free(&base);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}
