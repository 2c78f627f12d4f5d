/* test_recruit.c - Criterion tests for queries/recruit.c and recruit_imm.c.
 *
 * Coverage: the lazy (CELF) greedy equals the naive greedy pick for pick and gain for gain, for
 * 1 and 2 threads, on random graphs (directed and undirected, 1 to 3 hops, all vertices or a
 * candidate subset); every cumulative coverage equals igraph's (the union of
 * igraph_neighborhood lists of the picks so far); on tiny graphs the greedy coverage is at least
 * (1 - 1/e) times the brute-force optimum over every K-subset; and the picks equal those of a
 * plain greedy written here on igraph's neighbourhood lists. IMM: the same picks for 1 and 2
 * threads; the picks' spread estimated from the RR sets within eps of the Monte-Carlo estimate
 * (plus its confidence interval); on tiny graphs the picks' Monte-Carlo spread at least (1 - 1/e -
 * eps) times the best K-subset's; with p = 1 the cascade is plain reachability, so Monte-Carlo is
 * exact.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "queries/recruit.h"

static void setup(void)
{
	wp_igraph_setup();
}

TestSuite(recruit, .init = setup);

typedef struct rc_case {
	char name[32];
	int kind; /* 0 G(n,p), 1 Barabasi-Albert */
	int n;
	double p;
	bool directed;
	int hops;
	int budget;
	int candidates; /* 0: all; else a random subset of this size */
	unsigned seed;
} rc_case;

static void make(int kind, int n, double p, bool directed, unsigned seed, igraph_t *ig)
{
	igraph_rng_seed(igraph_rng_default(), seed);
	if (kind == 1)
		cr_assert(eq(int,
		             igraph_barabasi_game(ig, n, 1.0, (igraph_integer_t)p, NULL, true, 1.0,
		                                  directed, IGRAPH_BARABASI_PSUMTREE, NULL),
		             IGRAPH_SUCCESS));
	else
		cr_assert(eq(int, igraph_erdos_renyi_game_gnp(ig, n, p, directed, false),
		             IGRAPH_SUCCESS));
}

static void to_graph(const igraph_t *ig, wp_graph *g)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_graph_from_igraph(g, ig, NULL, err), WP_OK), "%s", err);
}

/* The H-hop closed neighbourhood lists of every vertex, from igraph. */
static igraph_vector_int_list_t *balls(const igraph_t *ig, int hops)
{
	igraph_vector_int_list_t *nb = malloc(sizeof(*nb));
	cr_assert(eq(int, igraph_vector_int_list_init(nb, 0), IGRAPH_SUCCESS));
	cr_assert(eq(int, igraph_neighborhood(ig, nb, igraph_vss_all(), hops, IGRAPH_OUT, 0),
	             IGRAPH_SUCCESS));
	return nb;
}

static uint64_t union_size(igraph_vector_int_list_t *nb, const wp_vertex *set, int k, int n)
{
	char *in = calloc((size_t)n, 1);
	uint64_t c = 0;
	for (int i = 0; i < k; i++) {
		igraph_vector_int_t *l = igraph_vector_int_list_get_ptr(nb, set[i]);
		for (igraph_integer_t j = 0; j < igraph_vector_int_size(l); j++)
			if (!in[VECTOR(*l)[j]]++)
				c++;
	}
	free(in);
	return c;
}

/* The greedy written plainly on igraph's neighbourhood lists: every round, every candidate's
 * uncovered count, the largest (lowest id on ties); stops when nobody adds anyone. */
static uint32_t oracle_greedy(igraph_vector_int_list_t *nb, int n, const wp_vertex *cands, int cc,
                              int budget, wp_vertex *picks)
{
	char *cov = calloc((size_t)n, 1), *used = calloc((size_t)n, 1);
	uint32_t k = 0;
	for (; (int)k < budget; k++) {
		int64_t best = -1, bestg = 0;
		for (int i = 0; i < cc; i++) {
			wp_vertex v = cands ? cands[i] : (wp_vertex)i;
			if (used[v])
				continue;
			igraph_vector_int_t *l = igraph_vector_int_list_get_ptr(nb, v);
			int64_t gain = 0;
			for (igraph_integer_t j = 0; j < igraph_vector_int_size(l); j++)
				gain += !cov[VECTOR(*l)[j]];
			if (gain > bestg || (gain == bestg && gain > 0 && v < best))
				best = v, bestg = gain;
		}
		if (best < 0)
			break;
		used[best] = 1;
		picks[k] = (wp_vertex)best;
		igraph_vector_int_t *l = igraph_vector_int_list_get_ptr(nb, best);
		for (igraph_integer_t j = 0; j < igraph_vector_int_size(l); j++)
			cov[VECTOR(*l)[j]] = 1;
	}
	free(cov);
	free(used);
	return k;
}

static wp_vertex *subset(int n, int count, unsigned seed)
{
	wp_vertex *perm = malloc((size_t)n * sizeof(*perm));
	uint64_t x = seed * 0x9e3779b97f4a7c15ull + 7;
	for (int i = 0; i < n; i++)
		perm[i] = (wp_vertex)i;
	for (int i = 0; i < count; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		int j = i + (int)((x >> 33) % (uint64_t)(n - i));
		wp_vertex t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	return perm;
}

ParameterizedTestParameters(recruit, lazy_greedy_equals_naive_greedy_and_igraph_coverage)
{
	static rc_case cases[] = {
	        {"gnp 2 hops", 0, 400, 0.008, false, 2, 10, 0, 1},
	        {"gnp 1 hop", 0, 300, 0.02, false, 1, 12, 0, 2},
	        {"gnp 3 hops sparse", 0, 500, 0.003, false, 3, 15, 0, 3},
	        {"directed 2 hops", 0, 400, 0.01, true, 2, 10, 0, 4},
	        {"barabasi 2 hops", 1, 800, 2, false, 2, 24, 0, 5},
	        {"candidates subset", 1, 600, 2, false, 2, 8, 50, 6},
	        {"budget over candidates", 0, 200, 0.01, false, 2, 30, 20, 7},
	        {"isolated vertices", 0, 300, 0.001, false, 2, 40, 0, 8},
	};
	return cr_make_param_array(rc_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(rc_case *c, recruit, lazy_greedy_equals_naive_greedy_and_igraph_coverage)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	wp_graph g = {0};
	wp_recruit lazy = {0}, naive = {0}, two = {0};
	make(c->kind, c->n, c->p, c->directed, c->seed, &ig);
	to_graph(&ig, &g);
	wp_vertex *cands = c->candidates ? subset(c->n, c->candidates, c->seed) : NULL;
	wp_recruit_opts o = WP_RECRUIT_DEFAULTS;
	o.budget = (uint32_t)c->budget;
	o.hops = (uint32_t)c->hops;
	o.threads = 1;
	cr_assert(eq(int, wp_recruit_coverage(&g, cands, (uint32_t)c->candidates, &o, &lazy, err),
	             WP_OK),
	          "%s", err);
	o.naive = true;
	cr_assert(eq(int, wp_recruit_coverage(&g, cands, (uint32_t)c->candidates, &o, &naive, err),
	             WP_OK));
	o.naive = false;
	o.threads = 2;
	cr_assert(eq(int, wp_recruit_coverage(&g, cands, (uint32_t)c->candidates, &o, &two, err),
	             WP_OK));
	cr_assert(eq(u32, lazy.count, naive.count));
	cr_assert(eq(u32, lazy.count, two.count));
	cr_assert(lt(u32, 0, lazy.count));
	igraph_vector_int_list_t *nb = balls(&ig, c->hops);
	wp_vertex *oracle = malloc((size_t)c->budget * sizeof(*oracle));
	uint32_t ok = oracle_greedy(nb, c->n, cands, c->candidates ? c->candidates : c->n,
	                            c->budget, oracle);
	cr_assert(eq(u32, lazy.count, ok));
	for (uint32_t i = 0; i < ok; i++)
		cr_assert(eq(u32, lazy.picks[i], oracle[i]), "pick %u against the plain greedy", i);
	free(oracle);
	for (uint32_t i = 0; i < lazy.count; i++) {
		cr_assert(eq(u32, lazy.picks[i], naive.picks[i]), "pick %u", i);
		cr_assert(eq(u32, lazy.picks[i], two.picks[i]), "pick %u", i);
		cr_assert(eq(dbl, lazy.gain[i], naive.gain[i]));
		uint64_t cov = union_size(nb, lazy.picks, (int)i + 1, c->n);
		cr_assert(eq(dbl, lazy.covered[i], (double)cov), "coverage after pick %u", i);
	}
	if (c->candidates == 0 || (uint32_t)c->budget <= (uint32_t)c->candidates)
		cr_assert(le(u64, lazy.evaluations, naive.evaluations));
	igraph_vector_int_list_destroy(nb);
	free(nb);
	wp_recruit_free(&lazy);
	wp_recruit_free(&naive);
	wp_recruit_free(&two);
	free(cands);
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

/* Best coverage over every k-subset of n vertices (n <= 14). */
static uint64_t brute_force(igraph_vector_int_list_t *nb, int n, int k)
{
	uint64_t best = 0;
	wp_vertex set[8];
	for (uint32_t mask = 0; mask < (1u << n); mask++) {
		if (__builtin_popcount(mask) != k)
			continue;
		int j = 0;
		for (int v = 0; v < n; v++)
			if (mask >> v & 1)
				set[j++] = (wp_vertex)v;
		uint64_t c = union_size(nb, set, k, n);
		if (c > best)
			best = c;
	}
	return best;
}

Test(recruit, greedy_is_within_one_minus_one_over_e_of_the_optimum_on_tiny_graphs)
{
	for (unsigned seed = 1; seed <= 40; seed++) {
		char err[WP_ERR_LEN] = "";
		igraph_t ig;
		wp_graph g = {0};
		wp_recruit r = {0};
		int n = 8 + (int)(seed % 6), k = 1 + (int)(seed % 4), hops = 1 + (int)(seed % 2);
		make(0, n, 0.18, seed % 3 == 0, seed, &ig);
		to_graph(&ig, &g);
		wp_recruit_opts o = WP_RECRUIT_DEFAULTS;
		o.budget = (uint32_t)k;
		o.hops = (uint32_t)hops;
		cr_assert(eq(int, wp_recruit_coverage(&g, NULL, 0, &o, &r, err), WP_OK));
		igraph_vector_int_list_t *nb = balls(&ig, hops);
		uint64_t opt = brute_force(nb, n, k);
		double got = r.count ? r.covered[r.count - 1] : 0;
		cr_assert(ge(dbl, got, (1 - exp(-1.0)) * (double)opt), "seed %u: %g vs %llu", seed,
		          got, (unsigned long long)opt);
		cr_assert(le(dbl, got, (double)opt));
		igraph_vector_int_list_destroy(nb);
		free(nb);
		wp_recruit_free(&r);
		igraph_destroy(&ig);
		wp_graph_free(&g);
	}
}

Test(recruit, ties_go_to_the_lowest_vertex_id)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	wp_graph g = {0};
	wp_recruit r = {0};
	/* Two disjoint stars of the same size: centres 3 and 9; the lower wins first. */
	igraph_small(&ig, 12, IGRAPH_UNDIRECTED, 3, 0, 3, 1, 3, 2, 3, 4, 9, 6, 9, 7, 9, 8, 9, 10,
	             -1);
	to_graph(&ig, &g);
	wp_recruit_opts o = WP_RECRUIT_DEFAULTS;
	o.budget = 3;
	o.hops = 1;
	cr_assert(eq(int, wp_recruit_coverage(&g, NULL, 0, &o, &r, err), WP_OK));
	cr_assert(eq(u32, r.count, 3));
	cr_assert(eq(u32, r.picks[0], 3));
	cr_assert(eq(u32, r.picks[1], 9));
	cr_assert(eq(u32, r.picks[2], 5)); /* isolated vertices 5 and 11 gain 1: lowest first */
	cr_assert(eq(dbl, r.covered[2], 11.0));
	wp_recruit_free(&r);
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

Test(recruit, bad_arguments_are_refused)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	wp_graph g = {0};
	wp_recruit r = {0};
	igraph_ring(&ig, 5, false, false, false);
	to_graph(&ig, &g);
	wp_recruit_opts o = WP_RECRUIT_DEFAULTS;
	wp_vertex dup[] = {1, 1};
	cr_assert(eq(int, wp_recruit_coverage(&g, dup, 2, &o, &r, err), WP_EARG));
	cr_assert(eq(str, err, "candidate 1 is given twice"));
	err[0] = '\0';
	o.budget = 0;
	cr_assert(eq(int, wp_recruit_coverage(&g, NULL, 0, &o, &r, err), WP_EARG));
	cr_assert(eq(str, err, "the budget must be at least 1"));
	wp_imm_opts io = WP_IMM_DEFAULTS;
	io.eps = 1.5;
	err[0] = '\0';
	cr_assert(eq(int, wp_recruit_imm(&g, NULL, 0, &io, &r, err), WP_EARG));
	cr_assert(eq(str, err, "eps must be in (0, 1), not 1.5"));
	io = WP_IMM_DEFAULTS;
	io.use_weights = true;
	err[0] = '\0';
	cr_assert(eq(int, wp_recruit_imm(&g, NULL, 0, &io, &r, err), WP_EARG));
	cr_assert(eq(str, err, "the graph has no weights to use as probabilities"));
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

Test(recruit, with_p_one_the_spread_is_plain_reachability)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	wp_graph g = {0};
	double mean, half;
	make(0, 200, 0.004, true, 11, &ig);
	to_graph(&ig, &g);
	wp_imm_opts o = WP_IMM_DEFAULTS;
	o.p = 1.0;
	wp_vertex s[] = {0, 5, 17};
	cr_assert(eq(int, wp_recruit_spread(&g, s, 3, &o, 50, &mean, &half, err), WP_OK));
	igraph_vector_int_list_t *nb = balls(&ig, 200);
	cr_assert(eq(dbl, mean, (double)union_size(nb, s, 3, 200)));
	cr_assert(eq(dbl, half, 0.0));
	igraph_vector_int_list_destroy(nb);
	free(nb);
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

Test(recruit, imm_is_deterministic_and_its_estimate_agrees_with_monte_carlo)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	wp_graph g = {0};
	wp_recruit a = {0}, b = {0};
	make(1, 2000, 3, false, 21, &ig);
	to_graph(&ig, &g);
	wp_imm_opts o = WP_IMM_DEFAULTS;
	o.budget = 10;
	o.p = 0.05;
	o.eps = 0.3;
	o.mc_runs = 4000;
	o.threads = 1;
	cr_assert(eq(int, wp_recruit_imm(&g, NULL, 0, &o, &a, err), WP_OK), "%s", err);
	o.threads = 2;
	cr_assert(eq(int, wp_recruit_imm(&g, NULL, 0, &o, &b, err), WP_OK), "%s", err);
	cr_assert(eq(u32, a.count, 10));
	cr_assert(eq(int, memcmp(a.picks, b.picks, 10 * sizeof(wp_vertex)), 0));
	cr_assert(eq(dbl, a.mc_mean, b.mc_mean));
	cr_assert(eq(u64, a.rr_sets, b.rr_sets));
	double est = a.covered[9];
	cr_assert(le(dbl, fabs(est - a.mc_mean), o.eps * a.mc_mean + a.mc_half_width),
	          "RR estimate %g, Monte-Carlo %g +- %g", est, a.mc_mean, a.mc_half_width);
	cr_assert(epsilon_eq(dbl, a.approximation, 1 - exp(-1.0) - 0.3, 1e-12));
	wp_recruit_free(&a);
	wp_recruit_free(&b);
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

Test(recruit, imm_picks_are_within_its_guarantee_of_the_best_set_on_tiny_graphs)
{
	for (unsigned seed = 1; seed <= 6; seed++) {
		char err[WP_ERR_LEN] = "";
		igraph_t ig;
		wp_graph g = {0};
		wp_recruit r = {0};
		int n = 10, k = 2;
		make(0, n, 0.25, false, 100 + seed, &ig);
		to_graph(&ig, &g);
		wp_imm_opts o = WP_IMM_DEFAULTS;
		o.budget = (uint32_t)k;
		o.p = 0.3;
		o.eps = 0.2;
		o.mc_runs = 20000;
		cr_assert(eq(int, wp_recruit_imm(&g, NULL, 0, &o, &r, err), WP_OK), "%s", err);
		double best = 0, best_half = 0;
		for (wp_vertex u = 0; u < (wp_vertex)n; u++)
			for (wp_vertex v = u + 1; v < (wp_vertex)n; v++) {
				wp_vertex s[2] = {u, v};
				double m, h;
				cr_assert(eq(int,
				             wp_recruit_spread(&g, s, 2, &o, 20000, &m, &h, err),
				             WP_OK));
				if (m > best)
					best = m, best_half = h;
			}
		double bound = (1 - exp(-1.0) - o.eps) * best;
		cr_assert(ge(dbl, r.mc_mean + r.mc_half_width + best_half, bound),
		          "seed %u: picks %g, best %g", seed, r.mc_mean, best);
		wp_recruit_free(&r);
		igraph_destroy(&ig);
		wp_graph_free(&g);
	}
}
