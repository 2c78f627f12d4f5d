/* suite.h - `warmpath bench` suites: the suite file parser and the datasets it names.
 *
 * A suite is a list of jobs; a job is one dataset, a list of kernels, a list of thread counts and
 * the run's settings, measured as the cross product (one row per dataset x kernel x threads).
 * A suite file holds one job per line (bench/README.md has the format):
 *
 *   # comment
 *   DATASET  KERNEL[,KERNEL...]|all  [threads=1,2] [trials=5] [seed=S] [sample=K] [pairs=P]
 *                                    [eps=E] [directed]
 *
 * Datasets: kron:S:K and uniform:S:K (2^S vertices, 2^S K edges), ba:N:M (Barabasi-Albert, M
 * edges per vertex), ws:N:K:P (Watts-Strogatz), gnp:N:P (G(n, p)), or a path to any graph file
 * the importers read (edge list, GraphML, GEXF, Pajek, Matrix Market, graph-tool .gt, snapshot,
 * optionally .gz).
 */
#ifndef WP_BENCH_SUITE_H
#define WP_BENCH_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench/kernels.h"
#include "engine/graph.h"
#include "engine/status.h"

#define BENCH_MAX_KERNELS 32
#define BENCH_MAX_THREADS 16
#define BENCH_DEFAULT_TRIALS 5
#define BENCH_DEFAULT_SEED 27491095u

typedef enum bench_source {
	BENCH_FILE = 0,
	BENCH_KRON,
	BENCH_UNIFORM,
	BENCH_BA,
	BENCH_WS,
	BENCH_GNP
} bench_source;

/* A dataset as named: a generator with its parameters, or a file. */
typedef struct bench_dataset {
	bench_source source;
	char text[256]; /* as written: the name in reports */
	uint64_t a, b;  /* scale and edge factor; n and edges per vertex; n and k; n */
	double p;       /* ws, gnp */
} bench_dataset;

typedef struct bench_job {
	bench_dataset dataset;
	const bench_kernel *kernels[BENCH_MAX_KERNELS];
	size_t nkernels;
	int threads[BENCH_MAX_THREADS];
	size_t nthreads;
	uint32_t trials;
	uint64_t seed;
	uint32_t sample; /* igraph's sources or pairs on big graphs (default 64) */
	uint32_t pairs;  /* path queries per trial (default 1000) */
	double eps;      /* bc-approx (default 0.01) */
	bool directed;   /* edge-list files read as directed */
} bench_job;

typedef struct bench_suite {
	bench_job *jobs;
	size_t count, cap;
} bench_suite;

/* Parses a dataset name into d. WP_EINPUT with what is wrong in err (no position). */
wp_status bench_dataset_parse(const char *text, bench_dataset *d, char *err);

/* Parses a comma-separated kernel list ("all" for every kernel of the registry) into job. */
wp_status bench_job_kernels(bench_job *job, const char *list, char *err);

/* Parses a comma-separated thread list (each 1 .. 1024, at most BENCH_MAX_THREADS). */
wp_status bench_job_threads(bench_job *job, const char *list, char *err);

/* A job with the defaults: threads 1, trials 5, seed BENCH_DEFAULT_SEED, sample 64, pairs
 * 1000, eps 0.01, no kernels, no dataset. */
void bench_job_defaults(bench_job *job);

/* Appends a copy of job to s. Errors: WP_ENOMEM. */
wp_status bench_suite_add(bench_suite *s, const bench_job *job, char *err);

/* Reads the suite file at path and appends its jobs to s. Errors: WP_EIO (cannot read),
 * WP_EINPUT "path:line: what is wrong" for the first bad line (s then holds nothing new),
 * WP_ENOMEM. */
wp_status bench_suite_parse_file(const char *path, bench_suite *s, char *err);

/* Parses the text of a suite (name is used in the messages), as above. */
wp_status bench_suite_parse(const char *name, const char *text, bench_suite *s, char *err);

void bench_suite_free(bench_suite *s);

/* Makes the dataset's graph into g: generates (in parallel, seeded) and builds it, or imports
 * the file (directed: edge lists read as directed). *seconds and *cpu_seconds receive the wall
 * and process CPU time of the generation alone (the build excluded), or of the import.
 * Errors: those of the generator, the importer and the builder. */
wp_status bench_dataset_open(const bench_dataset *d, uint64_t seed, bool directed, wp_graph *g,
                             double *seconds, double *cpu_seconds, char *err);

#endif
