/* test_closeness.c - Criterion tests for queries/closeness.c (closeness and harmonic centrality).
 *
 * igraph 0.10's igraph_closeness_cutoff and igraph_harmonic_centrality_cutoff (unweighted) are
 * the oracle: values within 1e-9 relative (closeness is usually bit-equal), NaN where igraph gives
 * NaN, and the same reachable counts and all_reachable flag, on G(n, p) graphs, Barabasi-Albert
 * graphs, sparse graphs with many components and isolated vertices, directed and undirected,
 * with and without a cutoff, normalised or not, and on Zachary's karate club. Results must be
 * bitwise identical for 1, 2, 4 and 7 threads and for any number of words per pass. The sampled
 * approximation must equal the exact values when it samples every vertex, and stay within its
 * stated bound on connected graphs over several seeds.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "queries/closeness.h"

static void setup(void)
{
	wp_igraph_setup();
}

TestSuite(closeness, .init = setup);

enum kind { GNP, BA, SPARSE, KARATE };

/* One random or named graph; `p` is the edge probability (GNP, SPARSE) or edges per new vertex
 * (BA). Strings inline: Criterion copies parameters into worker processes. */
typedef struct graph_case {
	char name[32];
	int kind;
	int n;
	double p;
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
	cr_assert(eq(u32, g->n, (uint32_t)igraph_vcount(ig)));
}

static void compute(const wp_graph *g, const wp_closeness_opts *o, wp_closeness *r)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_closeness_compute_opts(g, o, r, err), WP_OK), "%s", err);
	cr_assert(eq(str, err, ""));
}

static void assert_close(double ours, double theirs, double rel, const char *what, int v)
{
	if (isnan(theirs)) {
		cr_assert(isnan(ours), "%s of vertex %d: ours %.17g, igraph NaN", what, v, ours);
		return;
	}
	cr_assert(le(dbl, fabs(ours - theirs), rel * fabs(theirs)),
	          "%s of vertex %d: ours %.17g, igraph %.17g", what, v, ours, theirs);
}

/* r equals igraph's closeness and harmonic centrality of ig with the same options. */
static void assert_matches_igraph(const wp_closeness *r, const igraph_t *ig,
                                  const wp_closeness_opts *o)
{
	igraph_vector_t clo, harm;
	igraph_vector_int_t reach;
	igraph_bool_t all = false;
	igraph_neimode_t mode = o->mode == WP_CLOSENESS_IN ? IGRAPH_IN : IGRAPH_OUT;
	igraph_real_t cutoff = o->cutoff < 0 ? -1 : (igraph_real_t)o->cutoff;

	igraph_vector_init(&clo, 0);
	igraph_vector_init(&harm, 0);
	igraph_vector_int_init(&reach, 0);
	cr_assert(eq(int,
	             igraph_closeness_cutoff(ig, &clo, &reach, &all, igraph_vss_all(), mode, NULL,
	                                     o->normalized, cutoff),
	             IGRAPH_SUCCESS));
	cr_assert(eq(int,
	             igraph_harmonic_centrality_cutoff(ig, &harm, igraph_vss_all(), mode, NULL,
	                                               o->normalized, cutoff),
	             IGRAPH_SUCCESS));
	cr_assert(eq(int, r->all_reachable, (bool)all));
	cr_assert(not(r->approximate));
	cr_assert(eq(u32, r->sources, r->n));
	for (int v = 0; v < (int)r->n; v++) {
		cr_assert(eq(u32, r->reachable[v], (uint32_t)VECTOR(reach)[v]), "vertex %d", v);
		assert_close(r->closeness[v], VECTOR(clo)[v], 1e-9, "closeness", v);
		assert_close(r->harmonic[v], VECTOR(harm)[v], 1e-9, "harmonic", v);
	}
	igraph_vector_destroy(&clo);
	igraph_vector_destroy(&harm);
	igraph_vector_int_destroy(&reach);
}

static graph_case graph_cases[] = {
        {"gnp-undirected", GNP, 400, 0.02, false, 11},
        {"gnp-directed", GNP, 400, 0.01, true, 12},
        {"ba-undirected", BA, 600, 3, false, 13},
        {"ba-directed", BA, 300, 2, true, 14},
        {"sparse-undirected", SPARSE, 500, 0.002, false, 15},
        {"sparse-directed", SPARSE, 500, 0.003, true, 16},
        {"karate", KARATE, 34, 0, false, 17},
};

ParameterizedTestParameters(closeness, equals_igraph_on_random_graphs)
{
	return cr_make_param_array(graph_case, graph_cases,
	                           sizeof(graph_cases) / sizeof(graph_cases[0]));
}

ParameterizedTest(graph_case *c, closeness, equals_igraph_on_random_graphs)
{
	igraph_t ig;
	wp_graph g;
	make_igraph(c, &ig);
	to_graph(&g, &ig);
	static const int64_t cutoffs[] = {-1, 0, 1, 2, 3};
	for (size_t i = 0; i < sizeof(cutoffs) / sizeof(cutoffs[0]); i++)
		for (int norm = 0; norm < 2; norm++)
			for (int mode = 0; mode < (c->directed ? 2 : 1); mode++) {
				wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
				wp_closeness r;
				o.cutoff = cutoffs[i];
				o.normalized = norm;
				o.mode = mode ? WP_CLOSENESS_IN : WP_CLOSENESS_OUT;
				compute(&g, &o, &r);
				assert_matches_igraph(&r, &ig, &o);
				wp_closeness_free(&r);
			}
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(closeness, karate_club_known_values)
{
	/* networkx.closeness_centrality(karate)[0] = 0.5689655172413793 (= 33 / 58): vertex 0 is
	 * at total distance 58 from the 33 others; harmonic: 1 x 16 + 9 / 2 + 8 / 3 = 23.1666... */
	igraph_t ig;
	wp_graph g;
	wp_closeness r;
	graph_case c = {"karate", KARATE, 34, 0, false, 1};
	wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
	make_igraph(&c, &ig);
	to_graph(&g, &ig);
	o.normalized = true;
	compute(&g, &o, &r);
	cr_assert(eq(dbl, r.closeness[0], 33.0 / 58.0));
	cr_assert(epsilon_eq(dbl, r.harmonic[0] * 33.0, 16.0 + 9.0 / 2.0 + 8.0 / 3.0, 1e-12));
	cr_assert(r.all_reachable);
	wp_closeness_free(&r);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

static void assert_same(const wp_closeness *a, const wp_closeness *b)
{
	cr_assert(eq(u32, a->n, b->n));
	cr_assert(eq(int, memcmp(a->closeness, b->closeness, a->n * sizeof(double)), 0));
	cr_assert(eq(int, memcmp(a->harmonic, b->harmonic, a->n * sizeof(double)), 0));
	cr_assert(eq(int, memcmp(a->reachable, b->reachable, a->n * sizeof(uint32_t)), 0));
	cr_assert(eq(int, a->all_reachable, b->all_reachable));
}

Test(closeness, bitwise_identical_for_any_thread_count_and_word_count)
{
	igraph_t ig;
	wp_graph g;
	graph_case c = {"ba", BA, 2000, 3, true, 21};
	make_igraph(&c, &ig);
	to_graph(&g, &ig);
	for (int approx = 0; approx < 2; approx++) {
		wp_closeness ref;
		wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
		o.threads = 1;
		o.words = 1;
		o.samples = approx ? 500 : 0;
		compute(&g, &o, &ref);
		static const int threads[] = {1, 2, 4, 7};
		static const uint32_t words[] = {0, 1, 2, 3, 4, 8, 16};
		for (size_t t = 0; t < 4; t++)
			for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
				wp_closeness r;
				o.threads = threads[t];
				o.words = words[w];
				compute(&g, &o, &r);
				assert_same(&ref, &r);
				wp_closeness_free(&r);
			}
		wp_closeness_free(&ref);
	}
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

/* Builds a graph from an edge list "u v" pairs over n labelled vertices "0" .. "n-1". */
static void build(wp_graph *g, uint32_t n, const uint32_t *edges, size_t count, bool directed)
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
	for (size_t i = 0; i < count; i++)
		cr_assert(
		        eq(int, wp_edgebuf_push(&eb, edges[2 * i], edges[2 * i + 1], err), WP_OK));
	cr_assert(eq(int, wp_graph_build(g, &eb, directed, err), WP_OK), "%s", err);
}

Test(closeness, null_graph_has_no_values_and_all_reachable)
{
	wp_graph g;
	wp_closeness r;
	build(&g, 0, NULL, 0, false);
	compute(&g, NULL, &r);
	cr_assert(eq(u32, r.n, 0));
	cr_assert(eq(ptr, r.closeness, NULL));
	cr_assert(r.all_reachable);
	wp_closeness_free(&r);
	wp_closeness_free(&r); /* freeing twice is allowed */
	wp_graph_free(&g);
}

Test(closeness, one_vertex_has_nan_closeness_and_zero_harmonic)
{
	wp_graph g;
	wp_closeness r;
	wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
	build(&g, 1, NULL, 0, false);
	o.normalized = true;
	compute(&g, &o, &r);
	cr_assert(isnan(r.closeness[0]));
	cr_assert(eq(dbl, r.harmonic[0], 0.0));
	cr_assert(eq(u32, r.reachable[0], 0));
	cr_assert(r.all_reachable);
	wp_closeness_free(&r);
	wp_graph_free(&g);
}

Test(closeness, self_loops_and_multi_edges_do_not_change_distances)
{
	/* 0-1-2 path with a self-loop on 1, the edge 0-1 three times and 2-1 once more; 3-4 and an
	 * isolated 5. Same as igraph on the simple graph. */
	static const uint32_t edges[] = {0, 1, 1, 1, 1, 0, 0, 1, 1, 2, 2, 1, 3, 4, 5, 5};
	wp_graph g;
	wp_closeness r;
	wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
	build(&g, 6, edges, 8, false);
	compute(&g, &o, &r);
	static const double clo[] = {1.0 / 3, 0.5, 1.0 / 3, 1, 1};
	static const double harm[] = {1.5, 2, 1.5, 1, 1, 0};
	static const uint32_t reach[] = {2, 2, 2, 1, 1, 0};
	for (int v = 0; v < 6; v++) {
		if (v < 5)
			cr_assert(epsilon_eq(dbl, r.closeness[v], clo[v], 1e-15), "vertex %d", v);
		cr_assert(epsilon_eq(dbl, r.harmonic[v], harm[v], 1e-15), "vertex %d", v);
		cr_assert(eq(u32, r.reachable[v], reach[v]));
	}
	cr_assert(isnan(r.closeness[5]));
	cr_assert(not(r.all_reachable));
	wp_closeness_free(&r);
	wp_graph_free(&g);
}

Test(closeness, directed_graph_uses_out_distances)
{
	/* 0 -> 1 -> 2, 3 -> 0: igraph_closeness(OUT) = 1/3, 1, NaN, 1/6. */
	static const uint32_t edges[] = {0, 1, 1, 2, 3, 0};
	wp_graph g;
	wp_closeness r;
	build(&g, 4, edges, 3, true);
	compute(&g, NULL, &r);
	cr_assert(epsilon_eq(dbl, r.closeness[0], 1.0 / 3, 1e-15));
	cr_assert(epsilon_eq(dbl, r.closeness[1], 1.0, 1e-15));
	cr_assert(isnan(r.closeness[2]));
	cr_assert(epsilon_eq(dbl, r.closeness[3], 1.0 / 6, 1e-15));
	cr_assert(epsilon_eq(dbl, r.harmonic[3], 1 + 1.0 / 2 + 1.0 / 3, 1e-15));
	wp_closeness_free(&r);
	wp_graph_free(&g);
}

Test(closeness, sampling_every_vertex_is_exact)
{
	igraph_t ig;
	wp_graph g;
	wp_closeness exact, all;
	graph_case c = {"gnp", GNP, 300, 0.02, false, 31};
	wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
	make_igraph(&c, &ig);
	to_graph(&g, &ig);
	compute(&g, &o, &exact);
	o.samples = g.n;
	compute(&g, &o, &all);
	cr_assert(not(all.approximate));
	assert_same(&exact, &all);
	wp_closeness_free(&exact);
	wp_closeness_free(&all);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(closeness, sampled_estimates_stay_within_the_stated_bound)
{
	/* A connected BA graph: normalised harmonic within eps n / (n - 1), and mean distance
	 * (1 / normalised closeness) within (eps + 1/k) x diameter, for every vertex and seed. */
	igraph_t ig;
	wp_graph g;
	wp_closeness exact;
	graph_case c = {"ba", BA, 3000, 2, false, 41};
	const double eps = 0.05, delta = 0.1;
	wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
	igraph_real_t diameter = 0;
	make_igraph(&c, &ig);
	to_graph(&g, &ig);
	cr_assert(eq(int, igraph_diameter(&ig, &diameter, NULL, NULL, NULL, NULL, false, true),
	             IGRAPH_SUCCESS));
	o.normalized = true;
	compute(&g, &o, &exact);
	cr_assert(exact.all_reachable);
	uint32_t k = wp_closeness_sample_size(g.n, eps, delta);
	cr_assert(lt(u32, k, g.n));
	o.samples = k;
	for (uint64_t seed = 1; seed <= 5; seed++) {
		wp_closeness est;
		o.seed = seed;
		compute(&g, &o, &est);
		cr_assert(est.approximate);
		cr_assert(eq(u32, est.sources, k));
		double hbound = eps * g.n / (g.n - 1.0), dbound = (eps + 1.0 / k) * diameter;
		for (uint32_t v = 0; v < g.n; v++) {
			cr_assert(le(dbl, fabs(est.harmonic[v] - exact.harmonic[v]), hbound),
			          "seed %llu vertex %u", (unsigned long long)seed, v);
			cr_assert(le(dbl, fabs(1 / est.closeness[v] - 1 / exact.closeness[v]),
			             dbound),
			          "seed %llu vertex %u", (unsigned long long)seed, v);
		}
		wp_closeness_free(&est);
	}
	wp_closeness_free(&exact);
	wp_graph_free(&g);
	igraph_destroy(&ig);
}

Test(closeness, sample_size_follows_hoeffding_and_union_bound)
{
	cr_assert(eq(u32, wp_closeness_sample_size(0, 0.1, 0.1), 0));
	cr_assert(eq(u32, wp_closeness_sample_size(1000, 0, 0.1), 0));
	cr_assert(eq(u32, wp_closeness_sample_size(1000, 0.1, 1.5), 0));
	cr_assert(eq(u32, wp_closeness_sample_size(1000, 0.01, 0.1), 1000)); /* capped at n */
	/* ceil(ln(2e6 / 0.1) / (2 x 0.05^2)) = ceil(16.8112 / 0.005) = 3363 */
	cr_assert(eq(u32, wp_closeness_sample_size(1000000, 0.05, 0.1), 3363));
}

Test(closeness, too_many_words_is_an_argument_error)
{
	wp_graph g;
	wp_closeness r;
	wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
	char err[WP_ERR_LEN] = "";
	build(&g, 3, NULL, 0, false);
	o.words = 17;
	cr_assert(eq(int, wp_closeness_compute_opts(&g, &o, &r, err), WP_EARG));
	cr_assert(eq(str, err, "closeness: 17 words per vertex requested; the most is 16"));
	cr_assert(eq(ptr, r.closeness, NULL));
	wp_graph_free(&g);
}
