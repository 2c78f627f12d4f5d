/* bench_separation.c - degrees of separation: exact bit-parallel BFS against igraph, HyperANF's
 * accuracy against exact, and HyperANF's time on a large Kronecker graph.
 *
 * Graphs are Kronecker graphs (bench/generate.h: R-MAT with Graph500's probabilities, 2^scale
 * vertices, edge factor 16 unless --edge-factor says otherwise, undirected, self-loops and
 * duplicates removed by the builder), generated from fixed seeds.
 *
 *  1. exact (--exact-scale E, default 13): our exact distribution with each --threads count
 *     against igraph_path_length_hist (serial BFS from every vertex, igraph 0.10), both timed
 *     over --trials runs (medians), with the ratio; verified equal, distance by distance.
 *  2. accuracy (--accuracy-scales, default 13,16): on graphs where exact is feasible, the
 *     exact average distance and effective diameter against HyperANF's with --registers B
 *     (default 7) and seeds 1 .. --seeds (default 5): each run's relative error and their mean.
 *  3. hyperanf (--scale S, default 22): HyperANF once on 2^S x edge factor (the figure:
 *     scale 22 in under 60 s), with its iterations, memory and estimates. Generation and build
 *     are timed separately and not counted. --scale 0 skips it.
 *
 * Output is `key: value` lines (bench/README.md); timings are wall-clock, on a shared machine.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/generate.h"
#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "queries/separation.h"

#define MAX_THREADS 8
#define MAX_SCALES 8

typedef struct options {
	int scale, exact_scale, edge_factor;
	int accuracy_scales[MAX_SCALES], accuracy_count;
	int threads[MAX_THREADS], thread_count;
	int trials, seeds;
	uint32_t registers;
	uint64_t seed;
} options;

static int parse_list(const char *s, int *out, int max)
{
	int k = 0;
	char *end = NULL;
	while (*s && k < max) {
		long v = strtol(s, &end, 10);
		if (end == s || v < 0)
			return -1;
		out[k++] = (int)v;
		s = *end == ',' ? end + 1 : end;
		if (*end != ',' && *end != '\0')
			return -1;
	}
	return k;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), by_value);
	return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static wp_status kronecker(wp_graph *g, int scale, int edge_factor, char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf eb = {0};
	double t0 = wp_wtime();
	WP_TRY(wp_generate_kronecker(&eb, scale, edge_factor, 27491095, err));
	WP_TRY(wp_graph_build(g, &eb, false, err));
	printf("graph: kron-%d x %d: %u vertices, %llu edges (generated and built in %.2f s)\n",
	       scale, edge_factor, g->n, (unsigned long long)wp_graph_edges(g), wp_wtime() - t0);
	return WP_OK;
fail:
	wp_edgebuf_free(&eb);
	return st;
}

/* CPU seconds used by the process, all threads: on a shared machine, wall time / threads can be
 * far above this when other jobs hold the cores. */
static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static wp_status run_sep(const wp_graph *g, wp_separation_method method, uint32_t b, uint64_t seed,
                         int threads, wp_separation *r, double *secs, char *err)
{
	wp_separation_opts o = WP_SEPARATION_DEFAULTS;
	o.method = method;
	o.log2_registers = b;
	o.seed = seed;
	o.threads = threads;
	double t0 = wp_wtime();
	wp_status st = wp_separation_compute(g, &o, r, err);
	*secs = wp_wtime() - t0;
	return st;
}

/* 1: exact against igraph_path_length_hist. */
static wp_status bench_exact(const options *opt, char *err)
{
	wp_status st = WP_OK;
	wp_graph g = {0};
	igraph_t ig;
	bool have_ig = false;
	igraph_vector_t hist;
	bool have_hist = false;
	wp_separation r = {0};
	double ours[MAX_THREADS][16], theirs[16], secs;

	printf("\n== exact: bit-parallel BFS against igraph_path_length_hist\n");
	WP_TRY(kronecker(&g, opt->exact_scale, opt->edge_factor, err));
	WP_TRY(wp_igraph_from_graph(&g, &ig, NULL, err));
	have_ig = true;
	if (igraph_vector_init(&hist, 0) != IGRAPH_SUCCESS)
		WP_FAIL(WP_ENOMEM, "cannot allocate igraph's histogram");
	have_hist = true;
	bool verified = true;
	for (int t = 0; t < opt->trials; t++) {
		igraph_real_t unconn = 0;
		double t0 = wp_wtime();
		if (igraph_path_length_hist(&ig, &hist, &unconn, true) != IGRAPH_SUCCESS)
			WP_FAIL(WP_EIGRAPH, "igraph_path_length_hist failed");
		theirs[t] = wp_wtime() - t0;
		for (int k = 0; k < opt->thread_count; k++) {
			wp_separation_free(&r);
			WP_TRY(run_sep(&g, WP_SEPARATION_EXACT, 7, 1, opt->threads[k], &r, &secs,
			               err));
			ours[k][t] = secs;
			bool same = r.max_distance == (uint32_t)igraph_vector_size(&hist) &&
			            r.unconnected == unconn;
			for (uint32_t d = 0; same && d < r.max_distance; d++)
				same = r.pairs[d] == VECTOR(hist)[d];
			verified = verified && same;
		}
	}
	double base = median(theirs, opt->trials);
	printf("exact_average_distance: %.6f\nexact_effective_diameter: %.4f\n", r.average_distance,
	       r.effective_diameter);
	printf("igraph_path_length_hist_s: %.3f\n", base);
	for (int k = 0; k < opt->thread_count; k++) {
		double m = median(ours[k], opt->trials);
		printf("ours_exact_%dt_s: %.3f\nratio_igraph_over_ours_%dt: %.1f\n",
		       opt->threads[k], m, opt->threads[k], base / m);
	}
	printf("exact_verified: %s\n", verified ? "yes (equal to igraph at every distance)" : "NO");
	printf("verified: %s\n", verified ? "yes" : "no");
	if (!verified)
		WP_FAIL(WP_EINPUT, "the exact distribution differs from igraph's");
fail:
	wp_separation_free(&r);
	if (have_hist)
		igraph_vector_destroy(&hist);
	if (have_ig)
		igraph_destroy(&ig);
	wp_graph_free(&g);
	return st;
}

/* 2: HyperANF's estimates against exact ones. */
static wp_status bench_accuracy(const options *opt, int scale, char *err)
{
	wp_status st = WP_OK;
	wp_graph g = {0};
	wp_separation ex = {0}, r = {0};
	double secs, secs_ex, sum = 0, worst = 0, sum_ed = 0;
	int threads = opt->threads[opt->thread_count - 1];

	printf("\n== accuracy: HyperANF (2^%u registers) against exact\n", opt->registers);
	WP_TRY(kronecker(&g, scale, opt->edge_factor, err));
	WP_TRY(run_sep(&g, WP_SEPARATION_EXACT, 7, 1, threads, &ex, &secs_ex, err));
	printf("exact_average_distance: %.6f\nexact_effective_diameter: %.4f\nexact_s: %.3f\n",
	       ex.average_distance, ex.effective_diameter, secs_ex);
	for (int s = 1; s <= opt->seeds; s++) {
		wp_separation_free(&r);
		WP_TRY(run_sep(&g, WP_SEPARATION_HYPERANF, opt->registers, (uint64_t)s, threads, &r,
		               &secs, err));
		double e = r.average_distance / ex.average_distance - 1;
		double ed = r.effective_diameter / ex.effective_diameter - 1;
		printf("hyperanf_seed_%d: average_distance %.6f (error %+.2f%%), "
		       "effective_diameter "
		       "%.4f (error %+.2f%%), %.3f s\n",
		       s, r.average_distance, 100 * e, r.effective_diameter, 100 * ed, secs);
		sum += fabs(e);
		sum_ed += fabs(ed);
		worst = fmax(worst, fabs(e));
	}
	printf("hyperanf_mean_abs_error_average_distance_pct: %.2f\n", 100 * sum / opt->seeds);
	printf("hyperanf_worst_abs_error_average_distance_pct: %.2f\n", 100 * worst);
	printf("hyperanf_mean_abs_error_effective_diameter_pct: %.2f\n", 100 * sum_ed / opt->seeds);
	printf("hyperanf_within_2pct: %s\n", worst <= 0.02 ? "yes" : "NO");
fail:
	wp_separation_free(&r);
	wp_separation_free(&ex);
	wp_graph_free(&g);
	return st;
}

/* 3: HyperANF on the big graph, once. */
static wp_status bench_hyperanf(const options *opt, char *err)
{
	wp_status st = WP_OK;
	wp_graph g = {0};
	wp_separation r = {0};
	double secs;
	int threads = opt->threads[opt->thread_count - 1];

	printf("\n== hyperanf: 2^%u registers, %d threads\n", opt->registers, threads);
	WP_TRY(kronecker(&g, opt->scale, opt->edge_factor, err));
	double cpu0 = cpu_seconds();
	WP_TRY(run_sep(&g, WP_SEPARATION_HYPERANF, opt->registers, opt->seed, threads, &r, &secs,
	               err));
	printf("hyperanf_cpu_s: %.2f (all threads; wall time on an idle machine is about this / "
	       "threads)\n",
	       cpu_seconds() - cpu0);
	uint64_t words = ((1u << opt->registers) + 11) / 12;
	words = words <= 2 ? 2 : words <= 4 ? 4 : (words + 7) / 8 * 8; /* padded to cache lines */
	printf("hyperanf_s: %.2f\nhyperanf_iterations: %u\nhyperanf_counter_memory_mb: %.0f\n",
	       secs, r.iterations, 2.0 * 8 * (double)words * g.n / 1048576.0);
	printf("average_distance: %.4f\neffective_diameter: %.3f\ndegrees_of_separation: %.4f\n"
	       "relative_standard_error: %.4f\n",
	       r.average_distance, r.effective_diameter, r.degrees_of_separation,
	       r.relative_standard_error);
	printf("under_60_s: %s\n", secs < 60 ? "yes" : "NO");
fail:
	wp_separation_free(&r);
	wp_graph_free(&g);
	return st;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {{"scale", required_argument, NULL, 's'},
	                                         {"exact-scale", required_argument, NULL, 'e'},
	                                         {"accuracy-scales", required_argument, NULL, 'a'},
	                                         {"edge-factor", required_argument, NULL, 'k'},
	                                         {"threads", required_argument, NULL, 't'},
	                                         {"trials", required_argument, NULL, 'n'},
	                                         {"seeds", required_argument, NULL, 'S'},
	                                         {"registers", required_argument, NULL, 'b'},
	                                         {"seed", required_argument, NULL, 'r'},
	                                         {"help", no_argument, NULL, 'h'},
	                                         {NULL, 0, NULL, 0}};
	options opt = {.scale = 22,
	               .exact_scale = 13,
	               .edge_factor = 16,
	               .accuracy_scales = {13, 16},
	               .accuracy_count = 2,
	               .threads = {2},
	               .thread_count = 1,
	               .trials = 3,
	               .seeds = 5,
	               .registers = 7,
	               .seed = 1};
	char err[WP_ERR_LEN] = "";
	int c;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			opt.scale = atoi(optarg);
			break;
		case 'e':
			opt.exact_scale = atoi(optarg);
			break;
		case 'a':
			opt.accuracy_count = parse_list(optarg, opt.accuracy_scales, MAX_SCALES);
			break;
		case 'k':
			opt.edge_factor = atoi(optarg);
			break;
		case 't':
			opt.thread_count = parse_list(optarg, opt.threads, MAX_THREADS);
			break;
		case 'n':
			opt.trials = atoi(optarg);
			break;
		case 'S':
			opt.seeds = atoi(optarg);
			break;
		case 'b':
			opt.registers = (uint32_t)atoi(optarg);
			break;
		case 'r':
			opt.seed = strtoull(optarg, NULL, 10);
			break;
		default:
			printf("usage: bench_separation [--scale S] [--exact-scale E] "
			       "[--accuracy-scales A,B] [--edge-factor K] [--threads 1,2] "
			       "[--trials N] "
			       "[--seeds N] [--registers B] [--seed S]\n(0 skips a part)\n");
			return c == 'h' ? 0 : 1;
		}
	}
	if (opt.thread_count < 1 || opt.accuracy_count < 0 || opt.trials < 1 || opt.trials > 16 ||
	    opt.seeds < 1 || opt.edge_factor < 1) {
		fprintf(stderr, "bench_separation: bad arguments; see --help\n");
		return 1;
	}
	for (int k = 0; k < opt.thread_count; k++)
		if (opt.threads[k] < 1) {
			fprintf(stderr, "bench_separation: --threads needs counts of at least 1\n");
			return 1;
		}
	wp_igraph_setup();
	printf("threads_available: %d\n", wp_max_threads());
	wp_status st = WP_OK;
	if (opt.exact_scale > 0)
		st = bench_exact(&opt, err);
	for (int i = 0; st == WP_OK && i < opt.accuracy_count; i++)
		if (opt.accuracy_scales[i] > 0)
			st = bench_accuracy(&opt, opt.accuracy_scales[i], err);
	if (st == WP_OK && opt.scale > 0)
		st = bench_hyperanf(&opt, err);
	if (st != WP_OK) {
		fprintf(stderr, "bench_separation: %s\n", err);
		return 1;
	}
	return 0;
}
