/* bench_centrality.c - the centrality benchmark: our kernels against igraph's, side by side.
 *
 * Inputs: real networks given as edge lists (--graph FILE, repeatable; bench/fetch_collection.py
 * writes graph-tool's collection networks as such), or found in --collection DIR (email-Enron.el
 * and cond-mat-2005.el there, when present), and a Kronecker graph of --scale S (bench/generate.h,
 * undirected, self-loops and duplicates removed by the builder). Each graph is loaded once and
 * every kernel of the table below runs on it; a kernel prints `key: value` lines (bench/README.md
 * explains them) and says whether it verified its result against igraph.
 *
 * The kernels are rows of `kernels[]`: a name (what --kernels selects), whether it runs on the
 * real and generated graphs, and a function that times ours and the baseline on one graph.
 * Adding a kernel (closeness, harmonic, PageRank) is adding a row and its function.
 *
 * betweenness: ours, exact, from every source, with each thread count of --threads (default
 * 1,2); igraph_betweenness on all sources of a 35k-vertex network takes minutes, so igraph is
 * timed with igraph_betweenness_subset from a fixed random sample of --sources K vertices
 * (seeded; all targets), which does exactly igraph_betweenness's work per source. Each of
 * --trials trials runs ours, then igraph, so that noise falls on both; medians are reported per
 * source (total time / sources) with their ratio. Our all-source time includes the searches that
 * leaves (degree-1 vertices) need not make; a second ratio compares ours from the same sample on
 * one thread, like with like. Verified: ours from the sample equals igraph_betweenness_subset
 * within 1e-9 relative, and the all-source results of every thread count are bitwise equal.
 *
 * closeness: closeness and harmonic centrality from every source (one bit-parallel pass computes
 * both) with each thread count, against igraph_closeness + igraph_harmonic_centrality on the same
 * --sources K sample; verified on the sample within 1e-9 relative.
 *
 * pagerank (every graph) and pagerank_kron (a Kronecker graph of --pagerank-scale, the issue's
 * 2^20 x 16): ours (Gauss-Seidel, the default, and Jacobi) at --pr-tolerance (GAPBS pr's
 * default 1e-4) with each thread count, and Gauss-Seidel at igraph's 1e-10 with each; igraph's
 * PRPACK; and, with each thread count, a port of GAPBS's pr.cc (pull, Gauss-Seidel, float
 * scores, epsilon = the same tolerance on the same quantity, at most 20 iterations, GAPBS's
 * defaults) compiled here with the same flags, so its time is measured in the same run (its
 * iterations may differ between thread counts: Gauss-Seidel reads whatever its neighbours have
 * already updated, which depends on the schedule). Verified: ours at 1e-10 within 1e-6 (L1) of
 * PRPACK, Jacobi bitwise equal across thread counts, Gauss-Seidel within its stated bound.
 *
 * kadabra: approximate betweenness (eps, delta) on a Kronecker graph of --kadabra-scale, timed
 * once per thread count, samples and the omega bound reported; verified on a small Kronecker
 * graph (scale 11) against our exact values (which igraph verifies above): every value within
 * eps. There is no igraph baseline for KADABRA; the figure is eps 0.01, delta 0.1 on
 * scale 22 in under 60 s.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench/generate.h"
#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "importers/import.h"
#include "queries/betweenness.h"
#include "queries/closeness.h"
#include "queries/pagerank.h"

#define MAX_TRIALS 100
#define MAX_GRAPHS 16
#define MAX_THREADS 8

typedef struct options {
	const char *graphs[MAX_GRAPHS];
	int graph_count;
	const char *collection;
	int scale; /* Kronecker graph for the exact kernels; 0: none */
	int edge_factor;
	int kadabra_scale;  /* 0: skip KADABRA */
	int pagerank_scale; /* 0: skip pagerank_kron */
	double pr_tolerance;
	double eps, delta;
	int sources; /* igraph's sample of sources */
	int trials;
	int threads[MAX_THREADS];
	int thread_count;
	uint64_t seed;
	const char *kernels; /* comma-separated names, NULL: all */
} options;

/* A loaded input: our graph and, made on demand, igraph's copy. */
typedef struct bench_graph {
	char name[256];
	bool generated;
	wp_graph g;
	igraph_t ig;
	bool have_ig;
} bench_graph;

typedef struct kernel {
	const char *name;
	bool on_graphs; /* runs on every real and generated graph (else once, on its own input) */
	wp_status (*run)(const options *o, bench_graph *bg, bool *verified, char *err);
} kernel;

static wp_status bench_betweenness(const options *o, bench_graph *bg, bool *verified, char *err);
static wp_status bench_kadabra(const options *o, bench_graph *bg, bool *verified, char *err);
static wp_status bench_closeness(const options *o, bench_graph *bg, bool *verified, char *err);
static wp_status bench_pagerank(const options *o, bench_graph *bg, bool *verified, char *err);
static wp_status bench_pagerank_kron(const options *o, bench_graph *bg, bool *verified, char *err);

static const kernel kernels[] = {
        {"betweenness", true, bench_betweenness},
        {"closeness", true, bench_closeness},
        {"pagerank", true, bench_pagerank},
        {"kadabra", false, bench_kadabra},
        {"pagerank_kron", false, bench_pagerank_kron},
};

static double median(const double *a, int n)
{
	double s[MAX_TRIALS];
	memcpy(s, a, (size_t)n * sizeof(*s));
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && s[j - 1] > s[j]; j--) {
			double t = s[j];
			s[j] = s[j - 1];
			s[j - 1] = t;
		}
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static bool close_enough(double a, double b)
{
	double scale = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= 1e-9 * scale || scale < 1e-12;
}

static wp_status need_igraph(bench_graph *bg, char *err)
{
	wp_status st = WP_OK;
	if (!bg->have_ig) {
		WP_TRY(wp_igraph_from_graph(&bg->g, &bg->ig, NULL, err));
		bg->have_ig = true;
	}
	return WP_OK;
fail:
	return st;
}

/* A fixed random sample of k distinct vertices (partial Fisher-Yates with splitmix64). */
static wp_status sample_vertices(uint32_t n, uint32_t k, uint64_t seed, wp_vertex **out, char *err)
{
	wp_status st = WP_OK;
	wp_vertex *all = calloc(n ? n : 1, sizeof(*all));
	if (all == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u vertices", n);
	for (uint32_t i = 0; i < n; i++)
		all[i] = i;
	uint64_t x = seed;
	for (uint32_t i = 0; i < k && i < n; i++) {
		x += 0x9e3779b97f4a7c15ull;
		uint64_t z = x;
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		z ^= z >> 31;
		uint32_t j = i + (uint32_t)(z % (n - i));
		wp_vertex t = all[i];
		all[i] = all[j];
		all[j] = t;
	}
	*out = all;
	return WP_OK;
fail:
	return st;
}

static wp_status bench_betweenness(const options *o, bench_graph *bg, bool *verified, char *err)
{
	wp_status st = WP_OK;
	const wp_graph *g = &bg->g;
	wp_vertex *sample = NULL;
	double *ours = NULL, *first = NULL, *sub = NULL;
	igraph_vector_t res;
	igraph_vector_int_t sv;
	bool have_res = false, have_sv = false;
	uint32_t k = (uint32_t)o->sources < g->n ? (uint32_t)o->sources : g->n;
	double per_source[MAX_THREADS] = {0};
	char why[256] = "";

	*verified = false;
	ours = malloc(((size_t)g->n + 1) * sizeof(*ours));
	first = malloc(((size_t)g->n + 1) * sizeof(*first));
	sub = malloc(((size_t)g->n + 1) * sizeof(*sub));
	if (!ours || !first || !sub)
		WP_FAIL(WP_ENOMEM, "cannot allocate scores");
	WP_TRY(sample_vertices(g->n, k, o->seed, &sample, err));
	printf("betweenness_method: ours all %u sources; igraph_betweenness_subset from %u random "
	       "sources (seed %llu), all targets\n",
	       g->n, k, (unsigned long long)o->seed);

	/* Warm-up: a few sources, so that page faults and thread start-up are not timed. */
	wp_betweenness_opts wo = WP_BETWEENNESS_DEFAULTS;
	wo.sources = sample;
	wo.source_count = k < 64 ? k : 64;
	WP_TRY(wp_betweenness_exact_opts(g, &wo, ours, err));

	WP_TRY(need_igraph(bg, err));
	WP_IGRAPH_TRY(igraph_vector_init(&res, 0));
	have_res = true;
	WP_IGRAPH_TRY(igraph_vector_int_init(&sv, k));
	have_sv = true;
	for (uint32_t i = 0; i < k; i++)
		VECTOR(sv)[i] = sample[i];

	/* Trials: ours from all sources with each thread count, then igraph on the sample, so that
	 * the machine's noise falls on both. */
	double times[MAX_THREADS][MAX_TRIALS], ig_times[MAX_TRIALS];
	for (int t = 0; t < o->trials; t++) {
		for (int i = 0; i < o->thread_count; i++) {
			wp_betweenness_opts bo = WP_BETWEENNESS_DEFAULTS;
			bo.threads = o->threads[i];
			double t0 = wp_wtime();
			WP_TRY(wp_betweenness_exact_opts(g, &bo, i == 0 ? first : ours, err));
			times[i][t] = wp_wtime() - t0;
			if (i > 0 && memcmp(first, ours, (size_t)g->n * sizeof(*ours)) != 0 &&
			    why[0] == '\0')
				snprintf(why, sizeof(why), "%d threads differ bitwise from %d",
				         o->threads[i], o->threads[0]);
		}
		double t0 = wp_wtime();
		WP_IGRAPH_TRY(igraph_betweenness_subset(&bg->ig, &res, igraph_vss_all(), true,
		                                        igraph_vss_vector(&sv), igraph_vss_all(),
		                                        NULL));
		ig_times[t] = wp_wtime() - t0;
		printf("betweenness_trial_%d:", t + 1);
		for (int i = 0; i < o->thread_count; i++)
			printf(" ours %d threads %.3f s,", o->threads[i], times[i][t]);
		printf(" igraph %u sources %.3f s\n", k, ig_times[t]);
		fflush(stdout);
	}
	double ig_per = median(ig_times, o->trials) * 1e3 / (k ? k : 1);
	for (int i = 0; i < o->thread_count; i++) {
		double s = median(times[i], o->trials);
		per_source[i] = s * 1e3 / (g->n ? g->n : 1);
		printf("betweenness_s_threads_%d: %.3f (median of %d)\n", o->threads[i], s,
		       o->trials);
		printf("betweenness_ms_per_source_threads_%d: %.4f\n", o->threads[i],
		       per_source[i]);
	}
	if (o->thread_count > 1 && per_source[o->thread_count - 1] > 0)
		printf("betweenness_speedup: %.2f (threads %d over %d)\n",
		       per_source[0] / per_source[o->thread_count - 1],
		       o->threads[o->thread_count - 1], o->threads[0]);
	printf("igraph_ms_per_source: %.4f (median of %d, %u sources)\n", ig_per, o->trials, k);
	for (int i = 0; i < o->thread_count; i++)
		if (per_source[i] > 0)
			printf("betweenness_ratio_threads_%d: %.2f (igraph per source / ours; "
			       "> 1: we are faster)\n",
			       o->threads[i], ig_per / per_source[i]);

	/* Ours from the same sample, one thread, no leaf folding: the same work as igraph's. */
	wp_betweenness_opts so = WP_BETWEENNESS_DEFAULTS;
	so.sources = sample;
	so.source_count = k;
	so.threads = 1;
	double t0 = wp_wtime();
	WP_TRY(wp_betweenness_exact_opts(g, &so, sub, err));
	double sub_per = (wp_wtime() - t0) * 1e3 / (k ? k : 1);
	printf("betweenness_sample_ms_per_source: %.4f (ours from the same %u sources, 1 thread)\n",
	       sub_per, k);
	printf("betweenness_sample_ratio: %.2f (igraph / ours, same sources, both serial)\n",
	       ig_per / sub_per);
	for (uint32_t v = 0; v < g->n && why[0] == '\0'; v++)
		if (!close_enough(sub[v], VECTOR(res)[v]))
			snprintf(why, sizeof(why), "vertex %u: ours %.17g, igraph %.17g", v, sub[v],
			         VECTOR(res)[v]);
	*verified = why[0] == '\0';
	printf("betweenness_verified: %s%s%s\n", *verified ? "yes" : "no", *verified ? "" : ": ",
	       why);
	st = WP_OK;
fail:
	if (have_res)
		igraph_vector_destroy(&res);
	if (have_sv)
		igraph_vector_int_destroy(&sv);
	free(sample);
	free(ours);
	free(first);
	free(sub);
	return st;
}

static wp_status kronecker(wp_graph *g, int scale, int edge_factor, uint64_t seed, double *gen_s,
                           char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf eb = {0};
	double t0 = wp_wtime();
	WP_TRY(wp_generate_kronecker(&eb, scale, edge_factor, seed, err));
	WP_TRY(wp_graph_build(g, &eb, false, err));
	*gen_s = wp_wtime() - t0;
	wp_edgebuf_free(&eb);
	return WP_OK;
fail:
	wp_edgebuf_free(&eb);
	return st;
}

static wp_status bench_kadabra(const options *o, bench_graph *unused, bool *verified, char *err)
{
	wp_status st = WP_OK;
	wp_graph g = {0}, small = {0};
	double *scores = NULL, *exact = NULL, *first = NULL;
	double gen_s = 0;
	(void)unused;

	*verified = false;
	/* Verification on a graph where exact values are cheap. */
	WP_TRY(kronecker(&small, 11, o->edge_factor, o->seed, &gen_s, err));
	scores = malloc(((size_t)small.n + 1) * sizeof(*scores));
	exact = malloc(((size_t)small.n + 1) * sizeof(*exact));
	if (!scores || !exact)
		WP_FAIL(WP_ENOMEM, "cannot allocate scores");
	WP_TRY(wp_betweenness_exact(&small, exact, err));
	wp_kadabra_opts ko = WP_KADABRA_DEFAULTS;
	ko.eps = o->eps;
	ko.delta = o->delta;
	ko.seed = o->seed;
	WP_TRY(wp_betweenness_approx_opts(&small, &ko, scores, NULL, err));
	double worst = 0, f = 2.0 / ((double)small.n * (small.n - 1.0));
	for (uint32_t v = 0; v < small.n; v++)
		worst = fmax(worst, fabs(scores[v] - exact[v] * f));
	printf("kadabra_check_graph: kron-11 (%u vertices, %llu edges)\n", small.n,
	       (unsigned long long)wp_graph_edges(&small));
	printf("kadabra_check_max_error: %.5f (eps %g)\n", worst, o->eps);
	*verified = worst <= o->eps;
	free(scores);
	free(exact);
	scores = exact = NULL;
	wp_graph_free(&small);

	if (o->kadabra_scale > 0) {
		WP_TRY(kronecker(&g, o->kadabra_scale, o->edge_factor, o->seed, &gen_s, err));
		printf("kadabra_graph: kron-%d (%u vertices, %llu edges, generated and built in "
		       "%.1f s)\n",
		       o->kadabra_scale, g.n, (unsigned long long)wp_graph_edges(&g), gen_s);
		scores = malloc(((size_t)g.n + 1) * sizeof(*scores));
		first = calloc((size_t)g.n + 1, sizeof(*first));
		if (!scores || !first)
			WP_FAIL(WP_ENOMEM, "cannot allocate scores");
		for (int i = 0; i < o->thread_count; i++) {
			wp_kadabra_info info;
			ko.threads = o->threads[i];
			double t0 = wp_wtime();
			WP_TRY(wp_betweenness_approx_opts(&g, &ko, i == 0 ? first : scores, &info,
			                                  err));
			double s = wp_wtime() - t0;
			printf("kadabra_s_threads_%d: %.2f (eps %g, delta %g)\n", o->threads[i], s,
			       o->eps, o->delta);
			printf("kadabra_samples: %llu of omega %llu (vertex diameter bound %u, "
			       "%u checks, stopped early: %s)\n",
			       (unsigned long long)info.samples, (unsigned long long)info.omega,
			       info.vertex_diameter, info.epochs,
			       info.stopped_early ? "yes" : "no");
			if (i > 0 && memcmp(first, scores, (size_t)g.n * sizeof(*first)) != 0) {
				printf("kadabra_deterministic: no (%d threads differ from %d)\n",
				       o->threads[i], o->threads[0]);
				*verified = false;
			}
			fflush(stdout);
		}
		double best = 0;
		wp_vertex arg = 0;
		for (uint32_t v = 0; v < g.n; v++)
			if (first[v] > best)
				best = first[v], arg = v;
		printf("kadabra_top_vertex: %u (b = %.4f)\n", arg, best);
	}
	printf("kadabra_verified: %s\n", *verified ? "yes" : "no");
	st = WP_OK;
fail:
	free(scores);
	free(exact);
	free(first);
	wp_graph_free(&g);
	wp_graph_free(&small);
	return st;
}

static wp_status bench_closeness(const options *o, bench_graph *bg, bool *verified, char *err)
{
	wp_status st = WP_OK;
	const wp_graph *g = &bg->g;
	wp_vertex *sample = NULL;
	wp_closeness first = {0}, other = {0};
	igraph_vector_t cl, hm;
	igraph_vector_int_t sv;
	bool have_ig = false;
	uint32_t k = (uint32_t)o->sources < g->n ? (uint32_t)o->sources : g->n;
	double times[MAX_THREADS][MAX_TRIALS], ig_cl[MAX_TRIALS], ig_hm[MAX_TRIALS];
	char why[256] = "";

	*verified = false;
	WP_TRY(sample_vertices(g->n, k, o->seed, &sample, err));
	WP_TRY(need_igraph(bg, err));
	WP_IGRAPH_TRY(igraph_vector_init(&cl, 0));
	WP_IGRAPH_TRY(igraph_vector_init(&hm, 0));
	WP_IGRAPH_TRY(igraph_vector_int_init(&sv, k));
	have_ig = true;
	for (uint32_t i = 0; sample != NULL && i < k; i++)
		VECTOR(sv)[i] = sample[i];
	for (int t = 0; t < o->trials; t++) {
		for (int i = 0; i < o->thread_count; i++) {
			wp_closeness_opts co = WP_CLOSENESS_DEFAULTS;
			wp_closeness *r = i == 0 ? &first : &other;
			co.threads = o->threads[i];
			wp_closeness_free(r);
			double t0 = wp_wtime();
			WP_TRY(wp_closeness_compute_opts(g, &co, r, err));
			times[i][t] = wp_wtime() - t0;
			printf("closeness_trial_threads_%d_%d: %.3f s\n", o->threads[i], t + 1,
			       times[i][t]);
			if (i > 0 && why[0] == '\0' &&
			    (memcmp(first.closeness, other.closeness, g->n * sizeof(double)) != 0 ||
			     memcmp(first.harmonic, other.harmonic, g->n * sizeof(double)) != 0))
				snprintf(why, sizeof(why), "%d threads differ bitwise from %d",
				         o->threads[i], o->threads[0]);
		}
		double t0 = wp_wtime();
		WP_IGRAPH_TRY(igraph_closeness(&bg->ig, &cl, NULL, NULL, igraph_vss_vector(&sv),
		                               IGRAPH_OUT, NULL, false));
		ig_cl[t] = wp_wtime() - t0;
		t0 = wp_wtime();
		WP_IGRAPH_TRY(igraph_harmonic_centrality(&bg->ig, &hm, igraph_vss_vector(&sv),
		                                         IGRAPH_OUT, NULL, false));
		ig_hm[t] = wp_wtime() - t0;
		fflush(stdout);
	}
	double cl_per = median(ig_cl, o->trials) * 1e3 / (k ? k : 1),
	       hm_per = median(ig_hm, o->trials) * 1e3 / (k ? k : 1);
	printf("igraph_closeness_ms_per_source: %.4f (median of %d, %u sources)\n", cl_per,
	       o->trials, k);
	printf("igraph_harmonic_ms_per_source: %.4f\n", hm_per);
	printf("igraph_closeness_all_sources_s: %.1f (estimated: both calls per source x n)\n",
	       (cl_per + hm_per) * g->n / 1e3);
	for (int i = 0; i < o->thread_count; i++) {
		double sec = median(times[i], o->trials), per = sec * 1e3 / (g->n ? g->n : 1);
		printf("closeness_s_threads_%d: %.3f (median of %d)\n", o->threads[i], sec,
		       o->trials);
		printf("closeness_ms_per_source_threads_%d: %.5f\n", o->threads[i], per);
		if (per > 0)
			printf("closeness_ratio_threads_%d: %.1f (igraph closeness + harmonic per "
			       "source / ours)\n",
			       o->threads[i], (cl_per + hm_per) / per);
	}
	for (uint32_t i = 0; sample && first.closeness && i < k && why[0] == '\0'; i++) {
		wp_vertex v = sample[i];
		double a = first.closeness[v], b = VECTOR(cl)[i];
		if (!(isnan(a) && isnan(b)) && !close_enough(a, b))
			snprintf(why, sizeof(why), "closeness of %u: ours %.17g, igraph %.17g", v,
			         a, b);
		else if (!close_enough(first.harmonic[v], VECTOR(hm)[i]))
			snprintf(why, sizeof(why), "harmonic of %u: ours %.17g, igraph %.17g", v,
			         first.harmonic[v], VECTOR(hm)[i]);
	}
	*verified = why[0] == '\0';
	printf("closeness_verified: %s%s%s\n", *verified ? "yes" : "no", *verified ? "" : ": ",
	       why);
	st = WP_OK;
fail:
	if (have_ig) {
		igraph_vector_destroy(&cl);
		igraph_vector_destroy(&hm);
		igraph_vector_int_destroy(&sv);
	}
	wp_closeness_free(&first);
	wp_closeness_free(&other);
	free(sample);
	return st;
}

/* GAPBS's PageRankPullGS (pr.cc), ported line for line: float scores, each vertex pulls its
 * in-neighbours' contributions and updates its own contribution at once (Gauss-Seidel), until
 * the L1 change is below epsilon or max_iters pass. It does not redistribute the dangling
 * vertices' mass (on an undirected graph only isolated vertices dangle). Returns iterations. */
static int gapbs_pagerank(const wp_graph *g, int threads, double epsilon, int max_iters,
                          float *scores, float *contrib)
{
	const float damp = 0.85f, init = 1.0f / (float)g->n, base = (1.0f - damp) / (float)g->n;
	const int64_t n = g->n;
	const uint64_t *in_off = g->directed ? g->in_offsets : g->offsets;
	const wp_vertex *in_tg = g->directed ? g->in_targets : g->targets;
	int iter = 0;
	(void)threads; /* unused in a serial build */

#pragma omp parallel for num_threads(threads)
	for (int64_t u = 0; u < n; u++) {
		uint64_t deg = g->offsets[u + 1] - g->offsets[u];
		scores[u] = init;
		contrib[u] = deg ? init / (float)deg : 0.0f;
	}
	while (iter < max_iters) {
		double error = 0;
		iter++;

#pragma omp parallel for num_threads(threads) reduction(+ : error) schedule(dynamic, 16384)
		for (int64_t u = 0; u < n; u++) {
			float incoming = 0;
			for (uint64_t e = in_off[u]; e < in_off[u + 1]; e++)
				incoming += contrib[in_tg[e]];
			float old = scores[u];
			uint64_t deg = g->offsets[u + 1] - g->offsets[u];
			scores[u] = base + damp * incoming;
			error += fabs((double)scores[u] - (double)old);
			contrib[u] = deg ? scores[u] / (float)deg : 0.0f;
		}
		if (error < epsilon)
			break;
	}
	return iter;
}

static double l1(const double *a, const double *b, uint32_t n)
{
	double d = 0;
	for (uint32_t v = 0; v < n; v++)
		d += fabs(a[v] - b[v]);
	return d;
}

/* Ours with one method at one tolerance, timed (wall clock). */
static wp_status time_pagerank(const wp_graph *g, wp_pagerank_method method, double tolerance,
                               int threads, double *scores, wp_pagerank_info *info, double *seconds,
                               char *err)
{
	wp_pagerank_opts po = WP_PAGERANK_DEFAULTS;
	po.method = method;
	po.tolerance = tolerance;
	po.threads = threads;
	double t0 = wp_wtime();
	wp_status st = wp_pagerank_compute_opts(g, &po, scores, info, err);
	*seconds = wp_wtime() - t0;
	return st;
}

/* Each trial runs, for each thread count, ours (Gauss-Seidel, the default, then Jacobi) and the
 * GAPBS-style port at TOL, so that load falls on all of them alike. Then ours at 1e-10 once per
 * thread count, and PRPACK (serial) once. Verified: ours at 1e-10 within 1e-6 of PRPACK; Jacobi
 * bitwise equal across thread counts; Gauss-Seidel across thread counts within the sum of the
 * runs' stated bounds (wp_pagerank_error_bound). */
static wp_status bench_pagerank(const options *o, bench_graph *bg, bool *verified, char *err)
{
	wp_status st = WP_OK;
	const wp_graph *g = &bg->g;
	size_t n = g->n ? g->n : 1;
	double *first = malloc(n * sizeof(*first)), *ours = malloc(n * sizeof(*ours));
	double *jfirst = malloc(n * sizeof(*jfirst)), *strict = malloc(n * sizeof(*strict));
	double *gap = malloc(n * sizeof(*gap));
	float *gs = calloc(n, sizeof(*gs)), *gc = calloc(n, sizeof(*gc));
	igraph_vector_t pr;
	bool have_pr = false;
	double times[MAX_THREADS][MAX_TRIALS], jtimes[MAX_THREADS][MAX_TRIALS];
	double gtimes[MAX_THREADS][MAX_TRIALS], strict_s[MAX_THREADS] = {0};
	wp_pagerank_info info[MAX_THREADS] = {0}, jinfo[MAX_THREADS] = {0},
	                 sinfo[MAX_THREADS] = {0};
	wp_pagerank_info finfo = {0};
	int giters[MAX_THREADS] = {0};
	double worst_gap = 0, worst_bound = 0, d_strict = 0, unused_s = 0;
	char why[256] = "";

	*verified = false;
	if (!first || !ours || !jfirst || !strict || !gap || !gs || !gc)
		WP_FAIL(WP_ENOMEM, "cannot allocate PageRank vectors");
	WP_TRY(time_pagerank(g, WP_PAGERANK_GAUSS_SEIDEL, o->pr_tolerance,
	                     o->threads[o->thread_count - 1], ours, NULL, &unused_s, err));
	for (int t = 0; t < o->trials; t++)
		for (int i = 0; i < o->thread_count; i++) {
			int th = o->threads[i];
			WP_TRY(time_pagerank(g, WP_PAGERANK_GAUSS_SEIDEL, o->pr_tolerance, th,
			                     i ? ours : first, &info[i], &times[i][t], err));
			if (i == 0)
				finfo = info[0];
			double diff = i ? l1(first, ours, g->n) : 0;
			double bound = wp_pagerank_error_bound(0.85, &finfo) +
			               wp_pagerank_error_bound(0.85, &info[i]);
			if (i > 0 && diff >= worst_gap) {
				worst_gap = diff;
				worst_bound = bound;
			}
			if (i > 0 && why[0] == '\0' && !(diff <= bound))
				snprintf(why, sizeof(why),
				         "Gauss-Seidel, %d threads: L1 %.3g from %d threads, over "
				         "the bound %.3g",
				         th, diff, o->threads[0], bound);
			WP_TRY(time_pagerank(g, WP_PAGERANK_JACOBI, o->pr_tolerance, th,
			                     i ? ours : jfirst, &jinfo[i], &jtimes[i][t], err));
			if (i > 0 && why[0] == '\0' &&
			    memcmp(jfirst, ours, g->n * sizeof(double)) != 0)
				snprintf(why, sizeof(why),
				         "Jacobi: %d threads differ bitwise from %d", th,
				         o->threads[0]);
			double t0 = wp_wtime();
			giters[i] = gapbs_pagerank(g, th, o->pr_tolerance, 20, gs, gc);
			gtimes[i][t] = wp_wtime() - t0;
		}
	for (uint32_t v = 0; v < g->n; v++)
		gap[v] = gs[v];
	for (int i = 0; i < o->thread_count; i++)
		WP_TRY(time_pagerank(g, WP_PAGERANK_GAUSS_SEIDEL, 1e-10, o->threads[i], strict,
		                     &sinfo[i], &strict_s[i], err));
	WP_TRY(need_igraph(bg, err));
	WP_IGRAPH_TRY(igraph_vector_init(&pr, 0));
	have_pr = true;
	double t0 = wp_wtime();
	WP_IGRAPH_TRY(igraph_pagerank(&bg->ig, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, NULL,
	                              igraph_vss_all(), true, 0.85, NULL, NULL));
	double prpack_s = wp_wtime() - t0;

	for (int i = 0; i < o->thread_count; i++) {
		int th = o->threads[i];
		double ms = median(times[i], o->trials), js = median(jtimes[i], o->trials);
		double gms = median(gtimes[i], o->trials);
		printf("pagerank_s_threads_%d: %.4f (Gauss-Seidel, median of %d, tolerance %g, %u "
		       "sweeps)\n",
		       th, ms, o->trials, o->pr_tolerance, info[i].iterations);
		printf("pagerank_jacobi_s_threads_%d: %.4f (median of %d, tolerance %g, %u "
		       "iterations)\n",
		       th, js, o->trials, o->pr_tolerance, jinfo[i].iterations);
		printf("gapbs_pr_s_threads_%d: %.4f (median of %d, epsilon %g, %d iterations)\n",
		       th, gms, o->trials, o->pr_tolerance, giters[i]);
		printf("pagerank_gapbs_ratio_threads_%d: %.2f (GAPBS-style pull / ours; > 1: we "
		       "are faster; Jacobi: %.2f)\n",
		       th, gms / ms, gms / js);
		printf("pagerank_ratio_threads_%d: %.2f (PRPACK at 1e-10 / ours at %g)\n", th,
		       prpack_s / ms, o->pr_tolerance);
		printf("pagerank_strict_s_threads_%d: %.4f (tolerance 1e-10, %u sweeps)\n", th,
		       strict_s[i], sinfo[i].iterations);
		printf("pagerank_strict_ratio_threads_%d: %.2f (PRPACK / ours, both to 1e-10)\n",
		       th, prpack_s / strict_s[i]);
	}
	printf("igraph_prpack_s: %.4f\n", prpack_s);
	d_strict = l1(strict, VECTOR(pr), g->n);
	printf("pagerank_l1_vs_prpack: %.3g (ours at 1e-10), %.3g (ours at %g; its bound %.3g), "
	       "%.3g (Jacobi at %g), %.3g (GAPBS-style at %g)\n",
	       d_strict, l1(first, VECTOR(pr), g->n), o->pr_tolerance,
	       wp_pagerank_error_bound(0.85, &finfo), l1(jfirst, VECTOR(pr), g->n), o->pr_tolerance,
	       l1(gap, VECTOR(pr), g->n), o->pr_tolerance);
	printf("pagerank_thread_spread: %.3g (largest L1 between Gauss-Seidel thread counts at %g; "
	       "bound %.3g)\n",
	       worst_gap, o->pr_tolerance, worst_bound);
	if (why[0] == '\0' && !(d_strict <= 1e-6))
		snprintf(why, sizeof(why), "L1 distance to PRPACK %.3g > 1e-6", d_strict);
	*verified = why[0] == '\0';
	printf("pagerank_verified: %s%s%s\n", *verified ? "yes" : "no", *verified ? "" : ": ", why);
	st = WP_OK;
fail:
	if (have_pr)
		igraph_vector_destroy(&pr);
	free(first);
	free(ours);
	free(jfirst);
	free(strict);
	free(gap);
	free(gs);
	free(gc);
	return st;
}

static wp_status bench_pagerank_kron(const options *o, bench_graph *unused, bool *verified,
                                     char *err)
{
	wp_status st = WP_OK;
	bench_graph bg = {0};
	double gen_s = 0;
	(void)unused;
	*verified = o->pagerank_scale == 0;
	if (o->pagerank_scale == 0)
		return WP_OK;
	WP_TRY(kronecker(&bg.g, o->pagerank_scale, o->edge_factor, o->seed, &gen_s, err));
	printf("pagerank_graph: kron-%d (edge factor %d): %u vertices, %llu edges, built in %.1f "
	       "s\n",
	       o->pagerank_scale, o->edge_factor, bg.g.n, (unsigned long long)wp_graph_edges(&bg.g),
	       gen_s);
	WP_TRY(bench_pagerank(o, &bg, verified, err));
fail:
	if (bg.have_ig)
		igraph_destroy(&bg.ig);
	wp_graph_free(&bg.g);
	return st;
}

static bool selected(const options *o, const char *name)
{
	if (o->kernels == NULL)
		return true;
	size_t len = strlen(name);
	for (const char *p = o->kernels; *p;) {
		const char *comma = strchr(p, ',');
		size_t k = comma ? (size_t)(comma - p) : strlen(p);
		if (k == len && strncmp(p, name, len) == 0)
			return true;
		p += k + (comma != NULL);
	}
	return false;
}

/* Runs every selected per-graph kernel on one graph. */
static bool run_graph(const options *o, bench_graph *bg)
{
	char err[WP_ERR_LEN] = "";
	bool all = true;
	printf("graph: %s\n", bg->name);
	printf("vertices: %u\n", bg->g.n);
	printf("edges: %llu\n", (unsigned long long)wp_graph_edges(&bg->g));
	for (size_t i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++) {
		bool ok = false;
		if (!kernels[i].on_graphs || !selected(o, kernels[i].name))
			continue;
		err[0] = '\0';
		if (kernels[i].run(o, bg, &ok, err) != WP_OK) {
			printf("%s_error: %s\n", kernels[i].name, err);
			ok = false;
		}
		all = all && ok;
		fflush(stdout);
	}
	return all;
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && sb.st_size > 0;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static bool parse_threads(const char *s, options *o)
{
	char buf[128];
	if (snprintf(buf, sizeof(buf), "%s", s) >= (int)sizeof(buf))
		return false;
	o->thread_count = 0;
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (o->thread_count == MAX_THREADS ||
		    !parse_int(tok, 1, 1024, &o->threads[o->thread_count]))
			return false;
		o->thread_count++;
	}
	return o->thread_count > 0;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: bench_centrality [--graph FILE]... [--collection DIR] [--scale S]\n"
	             "         [--edge-factor K] [--kadabra-scale S2] [--eps E] [--delta D]\n"
	             "         [--sources N] [--trials T] [--threads LIST] [--seed X]\n"
	             "         [--kernels LIST] [--pagerank-scale S3] [--pr-tolerance TOL]\n"
	             "Times our centrality kernels against igraph's on real networks (edge\n"
	             "lists; DIR/email-Enron.el and DIR/cond-mat-2005.el when present, from\n"
	             "bench/fetch_collection.py) and a Kronecker graph. Defaults: S 14, K 16,\n"
	             "S2 18 (0 skips), E 0.01, D 0.1, N 256 sources sampled for igraph, T 1,\n"
	             "LIST 1,2, S3 20 (0 skips), TOL 1e-4, every kernel (betweenness,\n"
	             "closeness,pagerank,kadabra,pagerank_kron). bench/README.md explains\n"
	             "the output.\n");
}

int main(int argc, char **argv)
{
	options o = {.scale = 14,
	             .edge_factor = 16,
	             .kadabra_scale = 18,
	             .pagerank_scale = 20,
	             .pr_tolerance = 1e-4,
	             .eps = 0.01,
	             .delta = 0.1,
	             .sources = 256,
	             .trials = 1,
	             .threads = {1, 2},
	             .thread_count = 2,
	             .seed = 27491095};
	static const struct option longopts[] = {
	        {"graph", required_argument, NULL, 'g'},
	        {"collection", required_argument, NULL, 'c'},
	        {"scale", required_argument, NULL, 's'},
	        {"edge-factor", required_argument, NULL, 'k'},
	        {"kadabra-scale", required_argument, NULL, 'a'},
	        {"eps", required_argument, NULL, 'e'},
	        {"delta", required_argument, NULL, 'd'},
	        {"sources", required_argument, NULL, 'n'},
	        {"trials", required_argument, NULL, 'r'},
	        {"threads", required_argument, NULL, 't'},
	        {"seed", required_argument, NULL, 'x'},
	        {"kernels", required_argument, NULL, 'K'},
	        {"pagerank-scale", required_argument, NULL, 'p'},
	        {"pr-tolerance", required_argument, NULL, 'T'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c, opt_index = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, &opt_index)) != -1) {
		bool ok = true;
		char *end = NULL;
		switch (c) {
		case 'g':
			ok = o.graph_count < MAX_GRAPHS;
			if (ok)
				o.graphs[o.graph_count++] = optarg;
			break;
		case 'c':
			o.collection = optarg;
			break;
		case 's':
			ok = parse_int(optarg, 0, WP_GENERATE_MAX_SCALE, &o.scale);
			break;
		case 'k':
			ok = parse_int(optarg, 1, 1 << 20, &o.edge_factor);
			break;
		case 'a':
			ok = parse_int(optarg, 0, WP_GENERATE_MAX_SCALE, &o.kadabra_scale);
			break;
		case 'p':
			ok = parse_int(optarg, 0, WP_GENERATE_MAX_SCALE, &o.pagerank_scale);
			break;
		case 'e':
		case 'd':
		case 'T': {
			errno = 0;
			double v = strtod(optarg, &end);
			ok = errno == 0 && end != optarg && *end == '\0' && v > 0 && v < 1;
			*(c == 'e' ? &o.eps : c == 'd' ? &o.delta : &o.pr_tolerance) = v;
			break;
		}
		case 'n':
			ok = parse_int(optarg, 1, 1 << 30, &o.sources);
			break;
		case 'r':
			ok = parse_int(optarg, 1, MAX_TRIALS, &o.trials);
			break;
		case 't':
			ok = parse_threads(optarg, &o);
			break;
		case 'x':
			errno = 0;
			o.seed = strtoull(optarg, &end, 0);
			ok = errno == 0 && end != optarg && *end == '\0';
			break;
		case 'K':
			o.kernels = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
		if (!ok) {
			fprintf(stderr, "bench_centrality: bad value '%s' for --%s\n", optarg,
			        longopts[opt_index].name);
			return 1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 1;
	}
	wp_igraph_setup();

	bool all = true;
	char err[WP_ERR_LEN] = "";
	printf("benchmark: centrality\n");
	printf("threads:");
	for (int i = 0; i < o.thread_count; i++)
		printf("%s%d", i ? "," : " ", o.threads[i]);
	printf("\nseed: %llu\n", (unsigned long long)o.seed);

	/* The inputs: given files, the collection's networks, the Kronecker graph. */
	const char *files[MAX_GRAPHS + 2];
	char paths[2][1024];
	int count = 0;
	for (int i = 0; i < o.graph_count; i++)
		files[count++] = o.graphs[i];
	static const char *const collection[] = {"email-Enron", "cond-mat-2005"};
	for (int i = 0; o.collection != NULL && i < 2; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s/%s.el", o.collection, collection[i]);
		if (exists(paths[i]))
			files[count++] = paths[i];
		else
			printf("note: %s is missing (bench/fetch_collection.py writes it)\n",
			       paths[i]);
	}
	for (int i = 0; i <= count; i++) {
		bench_graph bg = {0};
		wp_import_opts io = WP_IMPORT_DEFAULTS;
		err[0] = '\0';
		if (i < count) {
			const char *base = strrchr(files[i], '/');
			snprintf(bg.name, sizeof(bg.name), "%s", base ? base + 1 : files[i]);
			if (wp_import_graph(&bg.g, files[i], WP_FORMAT_AUTO, &io, err) != WP_OK) {
				printf("error: %s\n", err);
				all = false;
				continue;
			}
		} else {
			double gen_s;
			if (o.scale == 0)
				break;
			snprintf(bg.name, sizeof(bg.name), "kron-%d (edge factor %d)", o.scale,
			         o.edge_factor);
			if (kronecker(&bg.g, o.scale, o.edge_factor, o.seed, &gen_s, err) !=
			    WP_OK) {
				printf("error: %s\n", err);
				all = false;
				continue;
			}
		}
		all = run_graph(&o, &bg) && all;
		if (bg.have_ig)
			igraph_destroy(&bg.ig);
		wp_graph_free(&bg.g);
	}
	for (size_t i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++) {
		bool ok = false;
		if (kernels[i].on_graphs || !selected(&o, kernels[i].name))
			continue;
		err[0] = '\0';
		if (kernels[i].run(&o, NULL, &ok, err) != WP_OK) {
			printf("%s_error: %s\n", kernels[i].name, err);
			ok = false;
		}
		all = all && ok;
	}
	printf("all_verified: %s\n", all ? "yes" : "no");
	return all ? 0 : 2;
}
