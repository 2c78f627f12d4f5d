/* bench_reach.c - the reach benchmark: exact reach of many seeds, and whom to recruit.
 *
 * Graph: a Kronecker graph (bench/generate.h; default 2^20 vertices x 16 edges per vertex, as
 * GAPBS's -g 20 -k 16), undirected.
 *
 * Reach: `--seeds` random vertices of non-zero degree (fixed seed), exact reach within `--hops`
 * (wp_reach_compute: per distance, per seed, overlap, unique) on `--threads` threads, median of
 * `--trials`. Baseline: igraph_neighborhood (order H, mindist 1) from the first `--igraph-seeds`
 * seeds, timed and extrapolated to every seed (igraph answers one seed per call: the per-seed
 * counts need one neighbourhood per seed), its counts checked against ours.
 *
 * Recruit: greedy maximum coverage, `--budget` picks at `--rps-hops` hops, every vertex a
 * candidate, lazy (CELF) with parallel gains, on a Kronecker graph of scale `--recruit-scale`
 * (default 20, as the reach graph). Baselines in the same run: (1) the naive greedy
 * (every candidate's gain recomputed every round) on a smaller Kronecker graph (`--small-scale`),
 * where both must give the same picks; (2) on the big graph, igraph_neighborhood_size at the same
 * order for `--igraph-sizes` sampled vertices, extrapolated to n: the cost of one round of naive
 * greedy's gains done by igraph. Output is `key: value` lines.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/generate.h"
#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "queries/reach.h"
#include "queries/recruit.h"

typedef struct options {
	int scale, edge_factor, small_scale, recruit_scale, threads, trials;
	uint32_t seeds, hops, igraph_seeds, budget, rec_hops, igraph_sizes;
	uint64_t seed;
} options;

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int build(wp_graph *g, int scale, int ef, uint64_t seed)
{
	char err[WP_ERR_LEN] = "";
	wp_edgebuf eb = {0};
	if (wp_generate_kronecker(&eb, scale, ef, seed, err) != WP_OK ||
	    wp_graph_build(g, &eb, false, err) != WP_OK) {
		fprintf(stderr, "bench_reach: %s\n", err);
		return -1;
	}
	return 0;
}

/* count distinct random vertices of non-zero degree. */
static wp_vertex *pick_vertices(const wp_graph *g, uint32_t count, uint64_t seed)
{
	wp_vertex *v = malloc((size_t)count * sizeof(*v));
	uint8_t *used = calloc(g->n, 1);
	uint64_t x = seed;
	for (uint32_t i = 0; i < count;) {
		wp_vertex u = (wp_vertex)(splitmix(&x) % g->n);
		if (used[u] || wp_graph_out_degree(g, u) == 0)
			continue;
		used[u] = 1;
		v[i++] = u;
	}
	free(used);
	return v;
}

static int bench_reach(const wp_graph *g, const options *o)
{
	char err[WP_ERR_LEN] = "";
	wp_vertex *seeds = pick_vertices(g, o->seeds, o->seed);
	double *t = malloc((size_t)o->trials * sizeof(*t));
	wp_reach r = {0}, lite = {0};
	wp_reach_opts ro = WP_REACH_DEFAULTS;
	ro.hops = o->hops;
	ro.threads = o->threads;
	/* Per distance, overlap and unique (the one-sweep method), then with per-seed counts. */
	ro.per_seed = false;
	for (int i = 0; i < o->trials; i++) {
		wp_reach_free(&lite);
		double t0 = wp_wtime();
		if (wp_reach_compute(g, seeds, o->seeds, &ro, &lite, err) != WP_OK) {
			fprintf(stderr, "bench_reach: %s\n", err);
			return -1;
		}
		t[i] = wp_wtime() - t0;
	}
	qsort(t, (size_t)o->trials, sizeof(*t), cmp_double);
	double sweep = t[o->trials / 2];
	ro.per_seed = true;
	for (int i = 0; i < o->trials; i++) {
		wp_reach_free(&r);
		double t0 = wp_wtime();
		if (wp_reach_compute(g, seeds, o->seeds, &ro, &r, err) != WP_OK) {
			fprintf(stderr, "bench_reach: %s\n", err);
			return -1;
		}
		t[i] = wp_wtime() - t0;
	}
	qsort(t, (size_t)o->trials, sizeof(*t), cmp_double);
	double ours = t[o->trials / 2];
	printf("reach_seeds: %u\nreach_hops: %u\nreach_reached: %llu\nreach_overlap: %llu\n",
	       o->seeds, o->hops, (unsigned long long)r.reached, (unsigned long long)r.overlap);
	printf("reach_time_s: %.4f\n", sweep);
	printf("reach_with_per_seed_time_s: %.4f\n", ours);
	bool agree = lite.reached == r.reached && lite.overlap == r.overlap;
	for (uint32_t d = 0; d < o->hops; d++)
		agree = agree && lite.per_hop[d] == r.per_hop[d];
	printf("reach_methods_agree: %s\n", agree ? "yes" : "NO");

	/* igraph: one neighbourhood per seed, for a sample, checked and extrapolated. */
	igraph_t ig;
	igraph_vector_int_list_t nb;
	igraph_vector_int_t ids;
	igraph_vs_t vs;
	uint8_t *is_seed = calloc(g->n, 1);
	for (uint32_t i = 0; i < o->seeds; i++)
		is_seed[seeds[i]] = 1;
	if (wp_igraph_from_graph(g, &ig, NULL, err) != WP_OK) {
		fprintf(stderr, "bench_reach: %s\n", err);
		return -1;
	}
	uint32_t k = o->igraph_seeds < o->seeds ? o->igraph_seeds : o->seeds;
	igraph_vector_int_init(&ids, k);
	for (uint32_t i = 0; i < k; i++)
		VECTOR(ids)[i] = seeds[i];
	igraph_vs_vector(&vs, &ids);
	igraph_vector_int_list_init(&nb, 0);
	double t0 = wp_wtime();
	igraph_neighborhood(&ig, &nb, vs, o->hops, IGRAPH_ALL, 1);
	double ig_time = wp_wtime() - t0;
	int bad = 0;
	for (uint32_t i = 0; i < k; i++) {
		igraph_vector_int_t *l = igraph_vector_int_list_get_ptr(&nb, i);
		uint64_t c = 0;
		for (igraph_integer_t j = 0; j < igraph_vector_int_size(l); j++)
			c += !is_seed[VECTOR(*l)[j]];
		bad += c != r.per_seed[i];
	}
	double ig_all = ig_time / k * o->seeds;
	printf("igraph_neighborhood_seeds: %u\nigraph_neighborhood_time_s: %.4f\n", k, ig_time);
	printf("igraph_extrapolated_all_seeds_s: %.3f\n", ig_all);
	printf("reach_speedup_vs_igraph: %.1f\n", ig_all / sweep);
	printf("reach_with_per_seed_speedup_vs_igraph: %.1f\n", ig_all / ours);
	printf("reach_verified: %s\n", bad || !agree ? "NO" : "yes");
	wp_reach_free(&lite);
	igraph_vector_int_list_destroy(&nb);
	igraph_vs_destroy(&vs);
	igraph_vector_int_destroy(&ids);
	igraph_destroy(&ig);
	free(is_seed);
	wp_reach_free(&r);
	free(seeds);
	free(t);
	return bad || !agree ? -1 : 0;
}

/* Wall seconds in *secs, and CPU seconds of the process (all threads) in *cpu: on a shared,
 * loaded machine the CPU time says more about the work done than the wall time. */
static int run_recruit(const wp_graph *g, const options *o, bool naive, wp_recruit *r, double *secs,
                       double *cpu)
{
	char err[WP_ERR_LEN] = "";
	wp_recruit_opts ro = WP_RECRUIT_DEFAULTS;
	ro.budget = o->budget;
	ro.hops = o->rec_hops;
	ro.threads = o->threads;
	ro.naive = naive;
	double t0 = wp_wtime();
	clock_t c0 = clock();
	if (wp_recruit_coverage(g, NULL, 0, &ro, r, err) != WP_OK) {
		fprintf(stderr, "bench_reach: %s\n", err);
		return -1;
	}
	*secs = wp_wtime() - t0;
	*cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
	return 0;
}

static int bench_recruit(const wp_graph *g, const options *o)
{
	char err[WP_ERR_LEN] = "";
	wp_recruit r = {0}, lazy = {0}, naive = {0};
	double ours, tl, tn, cpu, cl, cn;
	if (run_recruit(g, o, false, &r, &ours, &cpu) != 0)
		return -1;
	printf("recruit_budget: %u\nrecruit_hops: %u\nrecruit_time_s: %.3f\n", o->budget,
	       o->rec_hops, ours);
	printf("recruit_cpu_s: %.3f\n", cpu);
	printf("recruit_covered: %.0f\nrecruit_evaluations: %llu\n", r.covered[r.count - 1],
	       (unsigned long long)r.evaluations);

	/* igraph_neighborhood_size on sampled vertices: one naive round's gains, extrapolated. */
	igraph_t ig;
	igraph_vector_int_t res, ids;
	igraph_vs_t vs;
	wp_vertex *sample = pick_vertices(g, o->igraph_sizes, o->seed + 7);
	if (wp_igraph_from_graph(g, &ig, NULL, err) != WP_OK) {
		fprintf(stderr, "bench_reach: %s\n", err);
		return -1;
	}
	igraph_vector_int_init(&ids, o->igraph_sizes);
	for (uint32_t i = 0; i < o->igraph_sizes; i++)
		VECTOR(ids)[i] = sample[i];
	igraph_vs_vector(&vs, &ids);
	igraph_vector_int_init(&res, 0);
	double t0 = wp_wtime();
	igraph_neighborhood_size(&ig, &res, vs, o->rec_hops, IGRAPH_ALL, 0);
	double ig_time = wp_wtime() - t0, round = ig_time / o->igraph_sizes * g->n;
	printf("igraph_neighborhood_size_vertices: %u\nigraph_neighborhood_size_time_s: %.4f\n",
	       o->igraph_sizes, ig_time);
	printf("igraph_extrapolated_naive_round_s: %.1f\n", round);
	printf("igraph_extrapolated_naive_greedy_s: %.0f\n", round * o->budget);
	printf("recruit_speedup_vs_igraph_naive: %.0f\n", round * o->budget / ours);
	printf("recruit_cpu_speedup_vs_igraph_naive: %.0f\n", round * o->budget / cpu);
	igraph_vector_int_destroy(&res);
	igraph_vs_destroy(&vs);
	igraph_vector_int_destroy(&ids);
	igraph_destroy(&ig);
	free(sample);

	/* Naive greedy on a smaller graph, the same picks. */
	wp_graph small = {0};
	if (build(&small, o->small_scale, o->edge_factor, o->seed) != 0)
		return -1;
	if (run_recruit(&small, o, true, &naive, &tn, &cn) != 0 ||
	    run_recruit(&small, o, false, &lazy, &tl, &cl) != 0)
		return -1;
	bool same = lazy.count == naive.count &&
	            memcmp(lazy.picks, naive.picks, lazy.count * sizeof(wp_vertex)) == 0;
	printf("small_scale: %d\nsmall_lazy_time_s: %.3f\nsmall_naive_time_s: %.3f\n",
	       o->small_scale, tl, tn);
	printf("small_lazy_cpu_s: %.3f\nsmall_naive_cpu_s: %.3f\n", cl, cn);
	printf("small_lazy_evaluations: %llu\nsmall_naive_evaluations: %llu\n",
	       (unsigned long long)lazy.evaluations, (unsigned long long)naive.evaluations);
	printf("small_speedup_lazy_vs_naive: %.1f\nsmall_same_picks: %s\n", tn / tl,
	       same ? "yes" : "NO");
	wp_graph_free(&small);
	wp_recruit_free(&r);
	wp_recruit_free(&lazy);
	wp_recruit_free(&naive);
	return same ? 0 : -1;
}

int main(int argc, char **argv)
{
	options o = {.scale = 20,
	             .edge_factor = 16,
	             .small_scale = 14,
	             .recruit_scale = 20,
	             .threads = 2,
	             .trials = 3,
	             .seeds = 1000,
	             .hops = 3,
	             .igraph_seeds = 10,
	             .budget = 24,
	             .rec_hops = 2,
	             .igraph_sizes = 200,
	             .seed = 27491};
	static const struct option longopts[] = {{"scale", required_argument, NULL, 's'},
	                                         {"edge-factor", required_argument, NULL, 'e'},
	                                         {"small-scale", required_argument, NULL, 'S'},
	                                         {"recruit-scale", required_argument, NULL, 'R'},
	                                         {"threads", required_argument, NULL, 't'},
	                                         {"trials", required_argument, NULL, 'n'},
	                                         {"seeds", required_argument, NULL, 'k'},
	                                         {"hops", required_argument, NULL, 'H'},
	                                         {"igraph-seeds", required_argument, NULL, 'i'},
	                                         {"budget", required_argument, NULL, 'b'},
	                                         {"recruit-hops", required_argument, NULL, 'r'},
	                                         {"igraph-sizes", required_argument, NULL, 'z'},
	                                         {NULL, 0, NULL, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		long v = optarg ? strtol(optarg, NULL, 10) : 0;
		if (v < 1) {
			fprintf(stderr, "bench_reach: every option takes a positive number\n");
			return 1;
		}
		switch (opt) {
		case 's':
			o.scale = (int)v;
			break;
		case 'e':
			o.edge_factor = (int)v;
			break;
		case 'S':
			o.small_scale = (int)v;
			break;
		case 'R':
			o.recruit_scale = (int)v;
			break;
		case 't':
			o.threads = (int)v;
			break;
		case 'n':
			o.trials = (int)v;
			break;
		case 'k':
			o.seeds = (uint32_t)v;
			break;
		case 'H':
			o.hops = (uint32_t)v;
			break;
		case 'i':
			o.igraph_seeds = (uint32_t)v;
			break;
		case 'b':
			o.budget = (uint32_t)v;
			break;
		case 'r':
			o.rec_hops = (uint32_t)v;
			break;
		case 'z':
			o.igraph_sizes = (uint32_t)v;
			break;
		default:
			return 1;
		}
	}
	wp_igraph_setup();
	wp_set_threads(o.threads);
	wp_graph g = {0};
	double t0 = wp_wtime();
	if (build(&g, o.scale, o.edge_factor, o.seed) != 0)
		return 1;
	printf("graph: kronecker scale %d edge factor %d\nvertices: %u\nedges: %llu\n", o.scale,
	       o.edge_factor, g.n, (unsigned long long)wp_graph_edges(&g));
	printf("threads: %d\nbuild_time_s: %.2f\n", o.threads, wp_wtime() - t0);
	fflush(stdout);
	int rc = bench_reach(&g, &o);
	fflush(stdout);
	if (rc == 0 && o.recruit_scale != o.scale) {
		wp_graph_free(&g);
		if (build(&g, o.recruit_scale, o.edge_factor, o.seed) != 0)
			return 1;
		printf("recruit_graph: kronecker scale %d edge factor %d\nrecruit_vertices: %u\n",
		       o.recruit_scale, o.edge_factor, g.n);
	}
	if (rc == 0)
		rc = bench_recruit(&g, &o);
	wp_graph_free(&g);
	return rc == 0 ? 0 : 1;
}
