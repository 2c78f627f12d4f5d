/* cmd_bench.c - `warmpath bench`: kernels timed on generated and real graphs, igraph beside them.
 *
 * The jobs come from a suite file (bench/suite.h) or from the shorthand options; each dataset is
 * made once for the consecutive jobs that use it, every kernel is measured by bench_measure()
 * (bench/kernels.h) for each thread count, and the rows go to a table on stdout and to every
 * --out file (bench/report.h), written atomically. Progress goes to stderr, one line per
 * measurement, so a long suite shows where it is.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/generate.h"
#include "bench/kernels.h"
#include "bench/report.h"
#include "bench/suite.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "engine/parallel.h"
#include "engine/snapshot.h"

#define MAX_OUTS 8
#define MAX_GRAPHS 64

static const char usage[] =
        "usage: warmpath bench --suite FILE [--out FILE.json|.csv|.md ...] [options]\n"
        "       warmpath bench --graph DATASET [--graph DATASET ...] [--kernel LIST]\n"
        "                      [--threads LIST] [--trials N] [--out FILE ...] [options]\n"
        "       warmpath bench --graph DATASET --save FILE.el|FILE.wpg\n"
        "\n"
        "Times graph kernels on generated or real graphs, each beside igraph's same work in the\n"
        "same process, verified (against igraph on graphs up to 100,000 edges, by invariants\n"
        "such as Graph500's BFS checks on bigger ones). Each kernel: a warm-up, then N trials;\n"
        "min, median and max seconds, MTEPS for BFS, peak RSS, igraph's median and the ratio\n"
        "igraph / ours (above 1: we are faster), and the speed-up over 1 thread.\n"
        "\n"
        "DATASET: kron:S:K or uniform:S:K (2^S vertices, 2^S x K edges, Graph500 / GAPBS -u),\n"
        "ba:N:M (Barabasi-Albert), ws:N:K:P (Watts-Strogatz), gnp:N:P (G(n, p)), or a graph\n"
        "file (edge list, GraphML, GEXF, Pajek, Matrix Market, graph-tool .gt, .wpg; .gz).\n"
        "KERNELS: load, bfs, path, bc, bc-approx, closeness, harmonic, pagerank, cc, coreness,\n"
        "or all (see --list). bench/README.md has the suite format and how to read the output.\n"
        "\n"
        "  --suite FILE         jobs, one line each: DATASET KERNELS [threads=1,2] [trials=N]\n"
        "  --graph DATASET      a dataset (repeatable) measured with --kernel and --threads\n"
        "  --kernel LIST        comma-separated kernels (default: all)\n"
        "  --threads LIST       comma-separated thread counts (default: 1 and all cores)\n"
        "  --trials N           timed trials per measurement (default 5)\n"
        "  --seed S             generators' seed, sources and pairs (default 27491095)\n"
        "  --sample K           sources or pairs igraph runs on big graphs, scaled (default 64)\n"
        "  --pairs P            path queries per trial (default 1000)\n"
        "  --eps E              bc-approx's eps (default 0.01)\n"
        "  --directed           read edge-list files as directed\n"
        "  --no-baseline        skip igraph (verification still uses it on small graphs)\n"
        "  --out FILE           write the rows as JSON, CSV or Markdown by extension "
        "(repeatable)\n"
        "  --save FILE          write the (first) dataset's graph as an edge list or a .wpg\n"
        "                       snapshot and stop\n"
        "  --tmpdir DIR         where `load` writes generated graphs (default $TMPDIR or /tmp)\n"
        "  --list               list the kernels\n"
        "\n"
        "Exit status 0 when every result verified, 3 when one did not (the rows say which).\n";

enum {
	OPT_SUITE = 2000,
	OPT_GRAPH,
	OPT_KERNEL,
	OPT_THREADS,
	OPT_TRIALS,
	OPT_SEED,
	OPT_SAMPLE,
	OPT_PAIRS,
	OPT_EPS,
	OPT_DIRECTED,
	OPT_NO_BASELINE,
	OPT_OUT,
	OPT_SAVE,
	OPT_TMPDIR,
	OPT_LIST
};

/* What the command line asked for. */
typedef struct bench_args {
	const char *suite;
	const char *graphs[MAX_GRAPHS];
	size_t ngraphs;
	const char *kernels, *threads, *save, *tmpdir;
	const char *outs[MAX_OUTS];
	size_t nouts;
	bench_job shape; /* trials, seed, sample, pairs, eps, directed from the options */
	bool no_baseline;
} bench_args;

static bool parse_num(const char *s, double lo, double hi, double *x)
{
	char *end = NULL;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !(v >= lo && v <= hi))
		return false;
	*x = v;
	return true;
}

static int parse_args(int argc, char **argv, bench_args *a)
{
	static const struct option longopts[] = {
	        {"suite", required_argument, NULL, OPT_SUITE},
	        {"graph", required_argument, NULL, OPT_GRAPH},
	        {"kernel", required_argument, NULL, OPT_KERNEL},
	        {"kernels", required_argument, NULL, OPT_KERNEL},
	        {"threads", required_argument, NULL, OPT_THREADS},
	        {"trials", required_argument, NULL, OPT_TRIALS},
	        {"seed", required_argument, NULL, OPT_SEED},
	        {"sample", required_argument, NULL, OPT_SAMPLE},
	        {"pairs", required_argument, NULL, OPT_PAIRS},
	        {"eps", required_argument, NULL, OPT_EPS},
	        {"directed", no_argument, NULL, OPT_DIRECTED},
	        {"no-baseline", no_argument, NULL, OPT_NO_BASELINE},
	        {"out", required_argument, NULL, OPT_OUT},
	        {"save", required_argument, NULL, OPT_SAVE},
	        {"tmpdir", required_argument, NULL, OPT_TMPDIR},
	        {"list", no_argument, NULL, OPT_LIST},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0}};
	int opt;
	double x = 0;
	bench_job_defaults(&a->shape);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_SUITE:
			a->suite = optarg;
			break;
		case OPT_GRAPH:
			if (a->ngraphs == MAX_GRAPHS)
				return cli_usage_error("bench", "at most %d --graph options",
				                       MAX_GRAPHS);
			a->graphs[a->ngraphs++] = optarg;
			break;
		case OPT_KERNEL:
			a->kernels = optarg;
			break;
		case OPT_THREADS:
			a->threads = optarg;
			break;
		case OPT_TRIALS:
			if (!parse_num(optarg, 1, 1000, &x) || x != floor(x))
				return cli_usage_error("bench",
				                       "--trials must be a number in 1..1000");
			a->shape.trials = (uint32_t)x;
			break;
		case OPT_SEED:
			if (!parse_num(optarg, 0, 1e18, &x) || x != floor(x))
				return cli_usage_error("bench",
				                       "--seed must be an unsigned number");
			a->shape.seed = (uint64_t)x;
			break;
		case OPT_SAMPLE:
			if (!parse_num(optarg, 1, 1e6, &x) || x != floor(x))
				return cli_usage_error("bench",
				                       "--sample must be a number in 1..1000000");
			a->shape.sample = (uint32_t)x;
			break;
		case OPT_PAIRS:
			if (!parse_num(optarg, 1, 1e7, &x) || x != floor(x))
				return cli_usage_error("bench",
				                       "--pairs must be a number in 1..10000000");
			a->shape.pairs = (uint32_t)x;
			break;
		case OPT_EPS:
			if (!parse_num(optarg, 1e-6, 0.999999, &x))
				return cli_usage_error("bench", "--eps must be a number in (0, 1)");
			a->shape.eps = x;
			break;
		case OPT_DIRECTED:
			a->shape.directed = true;
			break;
		case OPT_NO_BASELINE:
			a->no_baseline = true;
			break;
		case OPT_OUT:
			if (a->nouts == MAX_OUTS)
				return cli_usage_error("bench", "at most %d --out files", MAX_OUTS);
			a->outs[a->nouts++] = optarg;
			break;
		case OPT_SAVE:
			a->save = optarg;
			break;
		case OPT_TMPDIR:
			a->tmpdir = optarg;
			break;
		case OPT_LIST:
			for (size_t i = 0; i < bench_kernel_count; i++)
				printf("%-10s %s\n", bench_kernels[i]->name,
				       bench_kernels[i]->summary);
			return -1;
		case 'h':
			fputs(usage, stdout);
			return -1;
		default:
			return cli_usage_error("bench", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("bench", "unexpected argument '%s'", argv[optind]);
	if ((a->suite != NULL) == (a->ngraphs > 0))
		return cli_usage_error("bench", "give either --suite FILE or --graph DATASET");
	if (a->save != NULL && a->ngraphs == 0)
		return cli_usage_error("bench", "--save needs --graph");
	for (size_t i = 0; i < a->nouts; i++) {
		bench_format f;
		char err[WP_ERR_LEN] = "";
		if (bench_format_from_path(a->outs[i], &f, err) != WP_OK)
			return cli_usage_error("bench", "%s", err);
	}
	return CLI_OK;
}

/* The jobs of the shorthand: every --graph with the same kernels and threads. */
static wp_status shorthand_suite(const bench_args *a, bench_suite *s, char *err)
{
	wp_status st = WP_OK;
	bench_job job = a->shape;
	char threads[64];
	int max = wp_max_threads();
	if (a->threads == NULL)
		snprintf(threads, sizeof(threads), max > 1 ? "1,%d" : "1", max);
	WP_TRY(bench_job_kernels(&job, a->kernels ? a->kernels : "all", err));
	WP_TRY(bench_job_threads(&job, a->threads ? a->threads : threads, err));
	for (size_t i = 0; i < a->ngraphs; i++) {
		WP_TRY(bench_dataset_parse(a->graphs[i], &job.dataset, err));
		WP_TRY(bench_suite_add(s, &job, err));
	}
fail:
	return st;
}

/* Writes every edge as a "label label" line (cli_write_atomic's writer). */
static wp_status write_edge_list(FILE *f, const char *path, void *ctx, char *err)
{
	const wp_graph *g = ctx;
	for (wp_vertex u = 0; u < g->n; u++)
		for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++)
			if (g->directed || u < g->targets[e])
				fprintf(f, "%s %s\n", wp_labels_name(&g->labels, u),
				        wp_labels_name(&g->labels, g->targets[e]));
	if (ferror(f))
		return wp_error(err, WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	return WP_OK;
}

typedef struct report_ctx {
	bench_format fmt;
	const bench_row *rows;
	size_t count;
	const bench_meta *meta;
} report_ctx;

static wp_status write_report(FILE *f, const char *path, void *ctx_, char *err)
{
	const report_ctx *c = ctx_;
	(void)path;
	return bench_report_write(f, c->fmt, c->rows, c->count, c->meta, err);
}

/* A cell with x to `decimals` places (-1: 4 significant digits), or "-" when it does not apply. */
static void fmt_num(cli_table *t, double x, int decimals)
{
	if (!isfinite(x))
		cli_table_add(t, "-");
	else if (decimals < 0)
		cli_table_addf(t, "%.4g", x);
	else
		cli_table_addf(t, "%.*f", decimals, x);
}

static int print_table(const bench_row *rows, size_t count, const bench_meta *meta)
{
	static const cli_column cols[] = {
	        {"dataset", false, 28}, {"kernel", false, 0},  {"threads", true, 0},
	        {"median s", true, 0},  {"min s", true, 0},    {"max s", true, 0},
	        {"MTEPS", true, 0},     {"igraph s", true, 0}, {"ratio", true, 0},
	        {"speed-up", true, 0},  {"RSS MB", true, 0},   {"verified", false, 0}};
	cli_table t;
	cli_table_init(&t, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < count; i++) {
		const bench_row *r = &rows[i];
		/* A file by its name only: the reports keep the whole path. */
		const char *slash = strrchr(r->dataset, '/');
		cli_table_add(&t, slash != NULL && slash[1] != '\0' ? slash + 1 : r->dataset);
		cli_table_add(&t, r->kernel);
		cli_table_addf(&t, "%d", r->threads);
		fmt_num(&t, r->median_s, -1);
		fmt_num(&t, r->min_s, -1);
		fmt_num(&t, r->max_s, -1);
		fmt_num(&t, r->mteps, 1);
		fmt_num(&t, r->baseline_s, -1);
		fmt_num(&t, r->ratio, 2);
		fmt_num(&t, r->speedup, 2);
		fmt_num(&t, r->rss_mb, 0);
		cli_table_add(&t, bench_verdict_name(r->verified));
	}
	printf("warmpath bench, %s, revision %s, %s\n", meta->date, meta->revision, meta->machine);
	int rc = cli_table_print(&t, CLI_TABLE, stdout);
	cli_table_free(&t);
	/* How each baseline was measured, once per kernel and dataset size class. */
	printf("\nigraph baselines (ratio = igraph s / median s; scaled ones ran on a sample):\n");
	for (size_t i = 0; i < count; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(rows[j].kernel, rows[i].kernel) == 0 &&
			       strcmp(rows[j].baseline_note, rows[i].baseline_note) == 0;
		if (!seen)
			printf("  %-10s %s\n", rows[i].kernel, rows[i].baseline_note);
	}
	for (size_t i = 0; i < count; i++)
		if (rows[i].verified == BENCH_FAILED)
			printf("NOT VERIFIED: %s %s threads %d: %s\n", rows[i].dataset,
			       rows[i].kernel, rows[i].threads, rows[i].check);
	return rc;
}

/* Runs every job; rows grow as measurements finish. */
static wp_status run_suite(const bench_suite *s, const bench_args *a, bench_row **rows,
                           size_t *count, char *err)
{
	wp_status st = WP_OK;
	wp_graph g = {0};
	bench_input in = {0};
	bool open = false;
	size_t cap = 0;
	const char *tmpdir = a->tmpdir ? a->tmpdir : getenv("TMPDIR");
	if (tmpdir == NULL || tmpdir[0] == '\0')
		tmpdir = "/tmp";
	for (size_t j = 0; j < s->count; j++) {
		const bench_job *job = &s->jobs[j];
		const bench_job *prev = j > 0 ? &s->jobs[j - 1] : NULL;
		bool same = open && strcmp(prev->dataset.text, job->dataset.text) == 0 &&
		            prev->seed == job->seed && prev->directed == job->directed;
		if (!same) {
			if (open) {
				bench_input_free(&in);
				wp_graph_free(&g);
				open = false;
			}
			double secs = 0, cpu = 0;
			WP_TRY(bench_dataset_open(&job->dataset, job->seed, job->directed, &g,
			                          &secs, &cpu, err));
			fprintf(stderr,
			        "bench: %s: %u vertices, %llu edges (%s in %.2f s, %.2f s of "
			        "CPU)\n",
			        job->dataset.text, g.n, (unsigned long long)wp_graph_edges(&g),
			        job->dataset.source == BENCH_FILE ? "read" : "generated", secs,
			        cpu);
			if (g.n == 0)
				WP_FAIL(WP_EINPUT, "%s: the graph has no vertices",
				        job->dataset.text);
			WP_TRY(bench_input_init(&in, &g, job->dataset.text, tmpdir, job->seed,
			                        err));
			if (job->dataset.source == BENCH_FILE)
				in.path = job->dataset.text;
			open = true;
		}
		in.seed = job->seed;
		in.sample = job->sample;
		in.pairs = job->pairs;
		in.eps = job->eps;
		/* One row per thread count (the suite parser gives every job at least one); read
		 * once, so the rows made room for are the rows bench_measure fills and printed. */
		const size_t nt = job->nthreads;
		for (size_t k = 0; k < job->nkernels; k++) {
			if (*count + nt > cap) {
				size_t ncap = cap ? 2 * cap : 64;
				while (ncap < *count + nt)
					ncap *= 2;
				bench_row *bigger = realloc(*rows, ncap * sizeof(*bigger));
				if (bigger == NULL)
					WP_FAIL(WP_ENOMEM, "cannot allocate %zu rows", ncap);
				*rows = bigger;
				cap = ncap;
			}
			bench_row *r = *rows + *count;
			WP_TRY(bench_measure(job->kernels[k], &in, job->threads, nt, job->trials,
			                     !a->no_baseline, r, err));
			for (size_t i = 0; i < nt; i++)
				fprintf(stderr,
				        "bench: %s %s threads %d: median %.4g s, ratio %.3g, "
				        "verified %s\n",
				        r[i].dataset, r[i].kernel, r[i].threads, r[i].median_s,
				        r[i].ratio, bench_verdict_name(r[i].verified));
			*count += nt;
		}
	}
fail:
	if (open)
		bench_input_free(&in);
	wp_graph_free(&g);
	return st;
}

/* --save: the first dataset's graph, as a snapshot (.wpg) or an edge list. */
static int save_graph(const bench_suite *s, const char *path)
{
	char err[WP_ERR_LEN] = "";
	wp_graph g = {0};
	double secs = 0, cpu = 0;
	if (s->count == 0) /* parse_args asks --save for a --graph, so there is a first job */
		return cli_usage_error("bench", "--save needs --graph");
	const bench_job *job = &s->jobs[0];
	wp_status st =
	        bench_dataset_open(&job->dataset, job->seed, job->directed, &g, &secs, &cpu, err);
	if (st == WP_OK) {
		size_t len = strlen(path);
		bool snapshot = len > 4 && strcmp(path + len - 4, ".wpg") == 0;
		st = snapshot ? wp_snapshot_write(&g, path, err)
		              : cli_write_atomic(path, write_edge_list, &g, err);
	}
	if (st == WP_OK)
		fprintf(stderr,
		        "bench: %s: %u vertices, %llu edges (made in %.2f s, %.2f s of CPU) "
		        "written to %s\n",
		        job->dataset.text, g.n, (unsigned long long)wp_graph_edges(&g), secs, cpu,
		        path);
	wp_graph_free(&g);
	return st == WP_OK ? CLI_OK : cli_fail(st, err);
}

int cmd_bench(int argc, char **argv)
{
	bench_args a;
	memset(&a, 0, sizeof(a));
	int rc = parse_args(argc, argv, &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	char err[WP_ERR_LEN] = "";
	bench_suite suite = {0};
	bench_row *rows = NULL;
	size_t count = 0;
	bench_meta meta;
	wp_status st = a.suite ? bench_suite_parse_file(a.suite, &suite, err)
	                       : shorthand_suite(&a, &suite, err);
	if (st != WP_OK) {
		bench_suite_free(&suite);
		if (a.suite == NULL)
			return cli_usage_error("bench", "%s", err);
		return cli_fail(st, err);
	}
	if (a.save != NULL) {
		rc = save_graph(&suite, a.save);
		bench_suite_free(&suite);
		return rc;
	}
	int restore = wp_max_threads();
	bench_meta_collect(&meta);
	st = run_suite(&suite, &a, &rows, &count, err);
	wp_set_threads(restore);
	if (st == WP_OK) {
		rc = print_table(rows, count, &meta);
		for (size_t i = 0; st == WP_OK && i < a.nouts; i++) {
			report_ctx ctx = {BENCH_JSON, rows, count, &meta};
			st = bench_format_from_path(a.outs[i], &ctx.fmt, err);
			if (st == WP_OK)
				st = cli_write_atomic(a.outs[i], write_report, &ctx, err);
		}
	}
	if (st != WP_OK)
		rc = cli_fail(st, err);
	size_t failed = 0;
	for (size_t i = 0; i < count; i++)
		failed += rows[i].verified == BENCH_FAILED;
	if (rc == CLI_OK && failed > 0) {
		fprintf(stderr, "warmpath bench: %zu measurement%s failed verification\n", failed,
		        failed == 1 ? "" : "s");
		rc = CLI_INTERNAL;
	}
	free(rows);
	bench_suite_free(&suite);
	return rc;
}
