/* kernels.h - the registry behind `warmpath bench`: each kernel's own run, igraph's baseline of
 * the same work, a verification and the edges it traverses, and the runner that times them.
 *
 * A kernel is one entry of bench_kernels[] (kernels.c): a name and five callbacks over a private
 * state. Adding a kernel (reach, recruit, separation...) is writing those callbacks and adding
 * the entry; the suite parser, the runner and the reports need no change.
 *
 * The runner measures one kernel on one dataset for a list of thread counts: setup once, the
 * baseline once (as many igraph runs as trials, fewer once they took 20 s; median), then per thread
 * count a warm-up run, N timed trials (min, median, max), the process's peak resident memory over
 * them, and a verification of the last trial's result. Kernels time themselves, around the kernel
 * call only, so per-trial preparation (picking a source, freeing the previous result) is not
 * counted.
 */
#ifndef WP_BENCH_KERNELS_H
#define WP_BENCH_KERNELS_H

#include <igraph.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

/* Graphs with at most this many edges are verified against igraph on everything; bigger ones by
 * invariants and on the sampled sources or pairs. */
#define BENCH_SMALL_EDGES 100000u

/* What a kernel runs on: one dataset, shared by every kernel measured on it. */
typedef struct bench_input {
	const wp_graph *g;
	const char *name;   /* the dataset as the suite names it */
	const char *path;   /* a file holding exactly g (edge list of its labels), for `load`;
	                     * NULL until bench_input_file() writes one */
	bool path_is_temp;  /* path was written by bench_input_file() (removed by
	                     * bench_input_free()) */
	bool path_numeric;  /* the file's labels are 0-based integers igraph can read */
	const char *tmpdir; /* where bench_input_file() writes */
	uint64_t seed;      /* sources, pairs and samples depend only on it */
	uint32_t sample;    /* sources or pairs igraph runs on when the whole work is too big */
	uint32_t pairs;     /* path: point-to-point queries per trial */
	double eps;         /* bc-approx: KADABRA's eps */
	bool small;         /* g has at most BENCH_SMALL_EDGES edges */
	wp_vertex *pool;    /* the vertices of g's largest component, ascending */
	uint32_t pool_len;
	igraph_t ig; /* igraph's copy of g, made on first use by bench_input_igraph() */
	bool has_ig;
} bench_input;

/* Prepares in for g: the largest component's vertices and the flags. in keeps pointers to g,
 * name and tmpdir. Errors: WP_ENOMEM. */
wp_status bench_input_init(bench_input *in, const wp_graph *g, const char *name, const char *tmpdir,
                           uint64_t seed, char *err);

/* igraph's copy of in->g (converted once, outside any timing). */
wp_status bench_input_igraph(bench_input *in, const igraph_t **ig, char *err);

/* A file holding in->g: in->path if set, else an edge list written once to tmpdir. */
wp_status bench_input_file(bench_input *in, char *err);

/* Releases the pool and igraph's copy and removes a temporary file. */
void bench_input_free(bench_input *in);

/* The i-th pseudo-random vertex of the pool for stream `stream` (sources, pairs, samples). */
wp_vertex bench_input_pick(const bench_input *in, uint64_t stream, uint64_t i);

typedef enum bench_verdict {
	BENCH_UNCHECKED = 0, /* no check applies (reported as "n/a") */
	BENCH_VERIFIED,      /* "yes" */
	BENCH_FAILED         /* "no": the runner's caller must make the exit status say so */
} bench_verdict;

typedef struct bench_check {
	bench_verdict verdict;
	char how[192]; /* what was compared, or what differed */
} bench_check;

/* One kernel. Callbacks get the state (state_size bytes, zeroed before setup) and the input. */
typedef struct bench_kernel {
	const char *name;
	const char *summary; /* one line for --help and the README */
	size_t state_size;
	/* Prepares (sources, pairs, buffers); may be NULL. */
	wp_status (*setup)(void *st, bench_input *in, char *err);
	/* One run of ours with `threads` threads; trial counts 0, 1, ... (the warm-up is 0 too).
	 * Sets *seconds to the kernel call's wall time and *edges to the edges it traversed
	 * (0 when not a traversal: no MTEPS). Keeps the result for verify. */
	wp_status (*run)(void *st, bench_input *in, int threads, uint32_t trial, double *seconds,
	                 uint64_t *edges, char *err);
	/* One run of igraph's same work (serial); *seconds is the time the whole work would take
	 * (scaled up from a sample when note says so). NULL: igraph has no such kernel. */
	wp_status (*baseline)(void *st, bench_input *in, uint32_t trial, double *seconds,
	                      char *note, size_t note_len, char *err);
	/* Checks the last run's result. */
	wp_status (*verify)(void *st, bench_input *in, bench_check *check, char *err);
	/* Releases the state; may be NULL. */
	void (*cleanup)(void *st);
} bench_kernel;

/* The registry, in the order `--kernel all` runs them. */
extern const bench_kernel *const bench_kernels[];
extern const size_t bench_kernel_count;

/* The kernel named name, or NULL. */
const bench_kernel *bench_kernel_find(const char *name);

/* One measurement: a kernel on a dataset with a thread count. */
typedef struct bench_row {
	char dataset[128];
	uint32_t n;
	uint64_t m; /* edges (undirected counted once) */
	char kernel[32];
	int threads;
	uint32_t trials;
	double min_s, median_s, max_s;
	double mteps;      /* million edges traversed per second at the median; NaN if none */
	double rss_mb;     /* peak resident memory of the process during the trials */
	double baseline_s; /* igraph's median (whole work, scaled if sampled); NaN if none */
	char baseline_note[160];
	double ratio;   /* baseline_s / median_s; NaN if none */
	double speedup; /* 1-thread median / this median; NaN without a 1-thread row */
	bench_verdict verified;
	char check[192];
} bench_row;

/* Measures kernel k on in for each of nthreads thread counts into rows[0 .. nthreads): see the
 * top of this file. A failed verification is not an error (the row says "no"); errors are the
 * kernel's own (a bad input, memory). Call outside parallel regions. */
wp_status bench_measure(const bench_kernel *k, bench_input *in, const int *threads, size_t nthreads,
                        uint32_t trials, bool baseline, bench_row *rows, char *err);

/* The process's peak resident memory in MB since the last reset (VmHWM), and the reset
 * (/proc/self/clear_refs); NaN / nothing where Linux's /proc is missing. */
double bench_peak_rss_mb(void);
void bench_reset_peak_rss(void);

/* Shared by the kernel files: wall-clock seconds. */
double bench_now(void);

/* Kernels defined in kernels_centrality.c. */
extern const bench_kernel bench_kernel_bc, bench_kernel_bc_approx, bench_kernel_closeness,
        bench_kernel_harmonic, bench_kernel_pagerank, bench_kernel_coreness;

#endif
