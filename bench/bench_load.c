/* bench_load.c - the loader benchmark: our edge-list and GraphML readers against igraph's.
 *
 * Generates a Kronecker graph (bench/generate.h), writes it once as an edge-list text file (reused
 * by later runs with the same parameters), then runs N trials of our loader (wp_import_graph:
 * read + CSR build, with --threads threads), of the parse alone on one thread (wp_source +
 * wp_import_edgelist into an edge buffer) followed by the build, and of igraph's
 * igraph_read_graph_edgelist on the same file, interleaved so that the machine's noise falls on
 * both. It prints the medians and the ratio igraph / ours, then checks the result: after
 * igraph_simplify, igraph's graph must have our vertices (those named in the file), our edge
 * count and, vertex by vertex, our neighbour sets. The same is done for GraphML on a smaller
 * Kronecker graph written by igraph_write_graph_graphml.
 *
 * Memory: wp_graph_memory of the built CSR, its bytes per stored arc, and the peak resident
 * memory of a load divided by the final CSR. Peaks are measured in a child process (this program
 * re-executed with --peak-child, since libgomp cannot run a parallel region in a plain fork()ed
 * child): it resets the kernel's high-water mark (/proc/self/clear_refs, "5"), loads, and reports
 * VmHWM minus its resident size before the load. The child measures the whole wp_import_graph,
 * and separately the parse and the build with the edge buffer shrunk to fit first, so that the
 * slack of the parse's doubling growth is not charged to the builder. igraph's peak is measured
 * the same way. Output is `key: value` lines, as GAPBS prints; bench/README.md explains each key.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/generate.h"
#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "engine/snapshot.h"
#include "importers/import.h"

#define MAX_TRIALS 100
#define MB 1e6

typedef struct options {
	int scale;
	int edge_factor;
	int trials;
	int threads;
	int graphml_scale;
	uint64_t seed;
	const char *dir;
} options;

/* What a --peak-child run reports, in bytes (-1 when not measured). */
typedef struct peak {
	double peak;       /* whole load: VmHWM - VmRSS before it */
	double parse_peak; /* parse only, edge buffer grown by doubling */
	double build_peak; /* build only, edge buffer shrunk to fit first */
	double edgebuf;    /* edge buffer bytes after the parse (capacity, before shrinking) */
	double graph;      /* wp_graph_memory of the result */
	double labels;     /* wp_labels_memory of the result */
} peak;

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

static double file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (double)sb.st_size : -1;
}

/* A value from /proc/self/status ("VmRSS", "VmHWM") in bytes, or -1. */
static double proc_status(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	double v = -1;
	size_t k = strlen(key);
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, key, k) == 0 && line[k] == ':')
			v = 1024.0 * strtod(line + k + 1, NULL);
	fclose(f);
	return v;
}

/* Resets VmHWM to the current resident size; false where the kernel does not allow it. */
static bool reset_peak(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (f == NULL)
		return false;
	bool ok = fputs("5", f) >= 0;
	return fclose(f) == 0 && ok;
}

static wp_status make_dir(const char *dir, char *err)
{
	wp_status st = WP_OK;
	char path[1024];
	if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path))
		WP_FAIL(WP_EARG, "%s: directory name too long", dir);
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			WP_FAIL(WP_EIO, "%s: cannot create: %s", path, strerror(errno));
		*p = c;
		if (c == '\0')
			break;
	}
	return WP_OK;
fail:
	return st;
}

/* Reads the file once so that every trial finds it in the page cache. */
static wp_status warm_cache(const char *path, char *err)
{
	wp_status st = WP_OK;
	char *buf = malloc(1u << 20);
	FILE *f = fopen(path, "rb");
	if (buf == NULL || f == NULL)
		WP_FAIL(WP_EIO, "%s: cannot read: %s", path,
		        buf ? strerror(errno) : "out of memory");
	while (fread(buf, 1, 1u << 20, f) > 0)
		;
	fclose(f);
	free(buf);
	return WP_OK;
fail:
	if (f != NULL)
		fclose(f);
	free(buf);
	return st;
}

/* Writes the edge list of a generated Kronecker graph to path unless it exists; *gen_s is the
 * generation time. The file is written under a temporary name and renamed, so an interrupted run
 * never leaves a partial file to be reused. */
static wp_status edgelist_input(const options *o, const char *path, bool *reused, double *gen_s,
                                uint64_t *pushed, char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf eb = {0};
	char tmp[1100];
	double t = wp_wtime();
	WP_TRY(wp_generate_kronecker(&eb, o->scale, o->edge_factor, o->seed, err));
	*gen_s = wp_wtime() - t;
	*pushed = eb.count;
	*reused = file_size(path) > 0;
	if (!*reused) {
		snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
		WP_TRY(wp_generate_write_edgelist(&eb, tmp, err));
		if (rename(tmp, path) != 0) {
			remove(tmp);
			WP_FAIL(WP_EIO, "%s: cannot rename to %s: %s", tmp, path, strerror(errno));
		}
	}
	wp_edgebuf_free(&eb);
	return WP_OK;
fail:
	wp_edgebuf_free(&eb);
	return st;
}

/* Writes a generated Kronecker graph (self-loops and multi-edges included, undirected) to path as
 * GraphML with igraph's writer, unless the file exists. */
static wp_status graphml_input(const options *o, const char *path, bool *reused, char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf eb = {0};
	igraph_vector_int_t edges;
	igraph_t ig;
	bool have_edges = false, have_graph = false;
	FILE *f = NULL;
	char tmp[1100];

	*reused = file_size(path) > 0;
	if (*reused)
		return WP_OK;
	WP_TRY(wp_generate_kronecker(&eb, o->graphml_scale, o->edge_factor, o->seed, err));
	WP_IGRAPH_TRY(igraph_vector_int_init(&edges, 2 * (igraph_integer_t)eb.count));
	have_edges = true;
	for (uint64_t i = 0; i < eb.count; i++) {
		VECTOR(edges)[2 * i] = eb.src[i];
		VECTOR(edges)[2 * i + 1] = eb.dst[i];
	}
	WP_IGRAPH_TRY(igraph_create(&ig, &edges, (igraph_integer_t)wp_labels_count(&eb.labels),
	                            IGRAPH_UNDIRECTED));
	have_graph = true;
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	f = fopen(tmp, "wb");
	if (f == NULL)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", tmp, strerror(errno));
	WP_IGRAPH_TRY(igraph_write_graph_graphml(&ig, f, true));
	FILE *done = f;
	f = NULL;
	if (fclose(done) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", tmp, strerror(errno));
	if (rename(tmp, path) != 0)
		WP_FAIL(WP_EIO, "%s: cannot rename to %s: %s", tmp, path, strerror(errno));
	igraph_destroy(&ig);
	igraph_vector_int_destroy(&edges);
	wp_edgebuf_free(&eb);
	return WP_OK;
fail:
	if (f != NULL) {
		fclose(f);
		remove(tmp);
	}
	if (have_graph)
		igraph_destroy(&ig);
	if (have_edges)
		igraph_vector_int_destroy(&edges);
	wp_edgebuf_free(&eb);
	return st;
}

/* Our loader: wp_import_graph, timed. g receives the graph. */
static wp_status time_ours(const char *path, wp_graph *g, double *secs, char *err)
{
	wp_import_opts opts = WP_IMPORT_DEFAULTS;
	double t = wp_wtime();
	wp_status st = wp_import_graph(g, path, WP_FORMAT_AUTO, &opts, err);
	*secs = wp_wtime() - t;
	return st;
}

/* Parses an edge list into eb on one thread (the reader is serial; one thread keeps it honest). */
static wp_status parse_edgelist(const char *path, wp_edgebuf *eb, char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	wp_import_opts opts = WP_IMPORT_DEFAULTS;
	WP_TRY(wp_source_open(&src, path, err));
	WP_TRY(wp_import_edgelist(&src, &opts, eb, err));
	wp_source_close(&src);
	return WP_OK;
fail:
	wp_source_close(&src);
	return st;
}

/* The parse alone on one thread, then the build with `threads` threads, timed separately. */
static wp_status time_parse_build(const char *path, int threads, double *parse_s, double *build_s,
                                  char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf eb = {0};
	wp_graph g = {0};
	wp_set_threads(1);
	double t = wp_wtime();
	st = parse_edgelist(path, &eb, err);
	*parse_s = wp_wtime() - t;
	wp_set_threads(threads);
	if (st != WP_OK)
		goto fail;
	t = wp_wtime();
	WP_TRY(wp_graph_build(&g, &eb, false, err));
	*build_s = wp_wtime() - t;
	wp_graph_free(&g);
	return WP_OK;
fail:
	wp_edgebuf_free(&eb);
	return st;
}

/* igraph's reader of the same file, timed; on success *ig is initialised. */
static wp_status time_igraph(const char *path, bool graphml, igraph_t *ig, double *secs, char *err)
{
	wp_status st = WP_OK;
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		WP_FAIL(WP_EIO, "%s: cannot open: %s", path, strerror(errno));
	double t = wp_wtime();
	if (graphml)
		WP_IGRAPH_TRY(igraph_read_graph_graphml(ig, f, 0));
	else
		WP_IGRAPH_TRY(igraph_read_graph_edgelist(ig, f, 0, IGRAPH_UNDIRECTED));
	*secs = wp_wtime() - t;
	fclose(f);
	return WP_OK;
fail:
	if (f != NULL)
		fclose(f);
	return st;
}

/* igraph's vertex id for one of our labels: the decimal after an optional "n" (igraph's GraphML
 * node ids are n0, n1, ...), or -1. */
static int64_t igraph_id(const char *label)
{
	char *end = NULL;
	if (*label == 'n')
		label++;
	if (*label < '0' || *label > '9')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(label, &end, 10);
	return *end == '\0' && errno == 0 && v < INT64_MAX ? (int64_t)v : -1;
}

/* Whether every neighbour set of g equals igraph's (al) through map (our id -> igraph id);
 * stamp holds one zeroed entry per igraph vertex. Writes the first difference to why. */
static bool same_neighbours(const wp_graph *g, igraph_adjlist_t *al, const int64_t *map,
                            uint32_t *stamp, char *why, size_t why_len)
{
	for (wp_vertex v = 0; v < g->n; v++) {
		igraph_vector_int_t *nei = igraph_adjlist_get(al, map[v]);
		igraph_integer_t d = igraph_vector_int_size(nei);
		if ((igraph_integer_t)wp_graph_degree(g, v) != d) {
			snprintf(why, why_len, "degree of '%s': ours %llu, igraph %lld",
			         wp_labels_name(&g->labels, v),
			         (unsigned long long)wp_graph_degree(g, v), (long long)d);
			return false;
		}
		/* Stamps are v + 1, so nothing is cleared between vertices. Our lists have no
		 * duplicates and the degrees agree, so inclusion means equality. */
		for (igraph_integer_t j = 0; j < d; j++)
			stamp[VECTOR(*nei)[j]] = v + 1;
		for (uint64_t a = g->offsets[v]; a < g->offsets[v + 1]; a++)
			if (stamp[map[g->targets[a]]] != v + 1) {
				snprintf(why, why_len, "edge '%s' - '%s' is not in igraph's graph",
				         wp_labels_name(&g->labels, v),
				         wp_labels_name(&g->labels, g->targets[a]));
				return false;
			}
	}
	return true;
}

/* Checks g against igraph's reading of the same file: igraph_simplify (timed into *simplify_s),
 * then the vertex count (of vertices named in the file if `named_only`, else all), the edge count
 * and every neighbour set through the labels. *ok tells the outcome and why the first difference;
 * the status is for failures of the check itself. */
static wp_status verify(const wp_graph *g, igraph_t *ig, bool named_only, bool *ok,
                        double *simplify_s, char *why, size_t why_len, char *err)
{
	wp_status st = WP_OK;
	igraph_vector_int_t deg;
	igraph_adjlist_t al;
	bool have_deg = false, have_al = false;
	int64_t *map = NULL;
	uint32_t *stamp = NULL;
	igraph_integer_t N = igraph_vcount(ig);

	*ok = false;
	snprintf(why, why_len, "ok");
	WP_IGRAPH_TRY(igraph_vector_int_init(&deg, 0));
	have_deg = true;
	WP_IGRAPH_TRY(igraph_degree(ig, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
	igraph_integer_t named = 0;
	for (igraph_integer_t i = 0; i < N; i++)
		named += VECTOR(deg)[i] > 0;
	double t = wp_wtime();
	WP_IGRAPH_TRY(igraph_simplify(ig, true, true, NULL));
	*simplify_s = wp_wtime() - t;

	igraph_integer_t want_n = named_only ? named : N;
	if ((igraph_integer_t)g->n != want_n) {
		snprintf(why, why_len, "vertices: ours %u, igraph %lld", g->n, (long long)want_n);
	} else if ((igraph_integer_t)wp_graph_edges(g) != igraph_ecount(ig)) {
		snprintf(why, why_len, "edges: ours %llu, igraph %lld",
		         (unsigned long long)wp_graph_edges(g), (long long)igraph_ecount(ig));
	} else {
		map = malloc(((size_t)g->n + 1) * sizeof(*map));
		stamp = calloc((size_t)N + 1, sizeof(*stamp));
		if (map == NULL || stamp == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate the verification maps");
		*ok = true;
		for (wp_vertex v = 0; v < g->n && *ok; v++) {
			map[v] = igraph_id(wp_labels_name(&g->labels, v));
			if (map[v] < 0 || map[v] >= N || stamp[map[v]] != 0) {
				snprintf(why, why_len, "label '%s' names no igraph vertex, or two",
				         wp_labels_name(&g->labels, v));
				*ok = false;
			} else {
				stamp[map[v]] = 1;
			}
		}
		if (*ok) {
			memset(stamp, 0, ((size_t)N + 1) * sizeof(*stamp));
			WP_IGRAPH_TRY(igraph_adjlist_init(ig, &al, IGRAPH_ALL, IGRAPH_NO_LOOPS,
			                                  IGRAPH_NO_MULTIPLE));
			have_al = true;
			*ok = same_neighbours(g, &al, map, stamp, why, why_len);
		}
	}
	/* Success falls through: the cleanup is the same. */
fail:
	if (have_al)
		igraph_adjlist_destroy(&al);
	if (have_deg)
		igraph_vector_int_destroy(&deg);
	free(map);
	free(stamp);
	return st;
}

/* Runs this program again as `--peak-child MODE PATH` with `threads` threads and collects the
 * `key value` lines it prints. */
static wp_status run_peak_child(const char *mode, const char *path, int threads, peak *p, char *err)
{
	wp_status st = WP_OK;
	int fd[2] = {-1, -1};
	FILE *in = NULL;
	pid_t pid = -1;
	char threads_arg[32], line[256];

	*p = (peak){-1, -1, -1, -1, -1, -1};
	snprintf(threads_arg, sizeof(threads_arg), "%d", threads);
	fflush(stdout);
	if (pipe(fd) != 0)
		WP_FAIL(WP_EIO, "cannot create a pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		WP_FAIL(WP_EIO, "cannot fork: %s", strerror(errno));
	if (pid == 0) {
		char *args[] = {"bench_load", "--threads",  threads_arg, "--peak-child",
		                (char *)mode, (char *)path, NULL};
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execv("/proc/self/exe", args);
		_exit(127);
	}
	close(fd[1]);
	fd[1] = -1;
	in = fdopen(fd[0], "r");
	if (in == NULL)
		WP_FAIL(WP_EIO, "cannot read from the child: %s", strerror(errno));
	fd[0] = -1;
	while (fgets(line, sizeof(line), in) != NULL) {
		char key[64];
		double v;
		if (sscanf(line, "%63s %lf", key, &v) != 2)
			continue;
		if (strcmp(key, "peak") == 0)
			p->peak = v;
		else if (strcmp(key, "parse_peak") == 0)
			p->parse_peak = v;
		else if (strcmp(key, "build_peak") == 0)
			p->build_peak = v;
		else if (strcmp(key, "edgebuf") == 0)
			p->edgebuf = v;
		else if (strcmp(key, "graph") == 0)
			p->graph = v;
		else if (strcmp(key, "labels") == 0)
			p->labels = v;
		else if (strcmp(key, "error") == 0)
			WP_FAIL(WP_EIO, "peak child (%s): %s", mode, line);
	}
	fclose(in);
	in = NULL;
	int status = 0;
	pid_t waited = waitpid(pid, &status, 0);
	pid = -1;
	if (waited < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		WP_FAIL(WP_EIO, "peak child (%s) failed (status %d)", mode, status);
	return WP_OK;
fail:
	if (in != NULL)
		fclose(in);
	if (fd[0] >= 0)
		close(fd[0]);
	if (fd[1] >= 0)
		close(fd[1]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return st;
}

/* The child's side: one measured load, `key value` lines on stdout. Modes: "import" (the whole
 * wp_import_graph), "phases" (parse, shrink the edge buffer to fit, build), "igraph" (igraph's
 * edge-list reader). */
static int peak_child(const char *mode, const char *path)
{
	char err[WP_ERR_LEN] = "";
	wp_status st = WP_OK;
	wp_graph g = {0};
	wp_edgebuf eb = {0};
	wp_import_opts opts = WP_IMPORT_DEFAULTS;
	bool reset = reset_peak();
	double base = proc_status("VmRSS");

	if (strcmp(mode, "import") == 0) {
		st = wp_import_graph(&g, path, WP_FORMAT_AUTO, &opts, err);
		printf("peak %.0f\n", proc_status("VmHWM") - base);
	} else if (strcmp(mode, "phases") == 0 && reset) {
		st = parse_edgelist(path, &eb, err);
		if (st == WP_OK) {
			printf("parse_peak %.0f\n", proc_status("VmHWM") - base);
			printf("edgebuf %.0f\n", (double)eb.cap * 2 * sizeof(wp_vertex));
			/* Shrink to fit: a realloc that only shrinks keeps the data in place. */
			wp_vertex *s = realloc(eb.src, eb.count * sizeof(*s));
			if (s != NULL)
				eb.src = s;
			wp_vertex *d = realloc(eb.dst, eb.count * sizeof(*d));
			if (d != NULL)
				eb.dst = d;
			if (s != NULL && d != NULL)
				eb.cap = eb.count;
			reset_peak();
			st = wp_graph_build(&g, &eb, false, err);
			printf("build_peak %.0f\n", proc_status("VmHWM") - base);
		}
	} else if (strcmp(mode, "igraph") == 0) {
		igraph_t ig;
		double secs = 0;
		wp_igraph_setup();
		st = time_igraph(path, false, &ig, &secs, err);
		printf("peak %.0f\n", proc_status("VmHWM") - base);
		if (st == WP_OK)
			igraph_destroy(&ig);
	} else {
		st = wp_error(err, WP_EARG, "unknown peak mode '%s'%s", mode,
		              reset ? "" : " (or /proc/self/clear_refs is not writable)");
	}
	if (st != WP_OK) {
		printf("error %s\n", err);
		wp_edgebuf_free(&eb);
		return 1;
	}
	if (g.n > 0) {
		printf("graph %.0f\n", (double)wp_graph_memory(&g));
		printf("labels %.0f\n", (double)wp_labels_memory(&g.labels));
	}
	wp_graph_free(&g);
	return 0;
}

static void print_peak(const char *prefix, const peak *p)
{
	if (p->peak >= 0 && p->graph > 0)
		printf("%s_peak_ratio: %.2f (peak %.1f MB / CSR %.1f MB; labels %.1f MB more)\n",
		       prefix, p->peak / p->graph, p->peak / MB, p->graph / MB, p->labels / MB);
	if (p->build_peak >= 0 && p->graph > 0) {
		printf("%s_parse_peak_mb: %.1f (edge buffer %.1f MB of it)\n", prefix,
		       p->parse_peak / MB, p->edgebuf / MB);
		printf("%s_build_peak_ratio: %.2f (edge buffer shrunk to fit; peak %.1f MB)\n",
		       prefix, p->build_peak / p->graph, p->build_peak / MB);
	}
}

/* The edge-list half of the benchmark. Returns whether the result was verified. */
static wp_status bench_edgelist(const options *o, bool *verified, char *err)
{
	wp_status st = WP_OK;
	char path[1024] = "", why[512] = "";
	double ours[MAX_TRIALS] = {0}, parse[MAX_TRIALS] = {0}, build[MAX_TRIALS] = {0};
	double ig_s[MAX_TRIALS] = {0};
	double gen_s = 0, simplify_s = 0;
	uint64_t pushed = 0;
	bool reused = false, have_ig = false;
	wp_graph g = {0};
	igraph_t ig;
	peak import_peak, phases_peak, igraph_peak;

	*verified = false;
	snprintf(path, sizeof(path), "%s/kron-s%d-k%d-seed%llu.el", o->dir, o->scale,
	         o->edge_factor, (unsigned long long)o->seed);
	WP_TRY(edgelist_input(o, path, &reused, &gen_s, &pushed, err));
	printf("generate_s: %.3f (Kronecker scale %d, edge factor %d: %llu edges pushed)\n", gen_s,
	       o->scale, o->edge_factor, (unsigned long long)pushed);
	double bytes = file_size(path);
	printf("edgelist_file: %s (%s)\n", path, reused ? "reused" : "written");
	printf("edgelist_mb: %.1f\n", bytes / MB);
	fflush(stdout);
	WP_TRY(warm_cache(path, err));

	for (int t = 0; t < o->trials; t++) {
		WP_TRY(time_ours(path, &g, &ours[t], err));
		WP_TRY(time_parse_build(path, o->threads, &parse[t], &build[t], err));
		WP_TRY(time_igraph(path, false, &ig, &ig_s[t], err));
		have_ig = true;
		printf("edgelist_trial_%d: ours %.3f s, parse %.3f + build %.3f s, igraph %.3f s\n",
		       t + 1, ours[t], parse[t], build[t], ig_s[t]);
		fflush(stdout);
		if (t == 0) {
			printf("vertices: %u\n", g.n);
			printf("edges: %llu (self-loops removed %llu, multi-edges merged %llu)\n",
			       (unsigned long long)wp_graph_edges(&g),
			       (unsigned long long)g.self_loops_removed,
			       (unsigned long long)g.multi_edges_merged);
			printf("graph_memory_mb: %.1f\n", (double)wp_graph_memory(&g) / MB);
			printf("graph_bytes_per_arc: %.2f (arcs %llu; 4 per target + offsets)\n",
			       (double)wp_graph_memory(&g) / (double)g.m, (unsigned long long)g.m);
			printf("labels_memory_mb: %.1f\n",
			       (double)wp_labels_memory(&g.labels) / MB);
			WP_TRY(verify(&g, &ig, true, verified, &simplify_s, why, sizeof(why), err));
			printf("igraph_simplify_s: %.3f\n", simplify_s);
			printf("verified: %s%s%s\n", *verified ? "yes" : "no",
			       *verified ? "" : ": ", *verified ? "" : why);
		}
		igraph_destroy(&ig);
		have_ig = false;
		wp_graph_free(&g);
	}

	double m_ours = median(ours, o->trials), m_parse = median(parse, o->trials);
	double m_build = median(build, o->trials), m_ig = median(ig_s, o->trials);
	printf("load_s: %.3f (wp_import_graph: read + build, %d thread%s, median of %d)\n", m_ours,
	       o->threads, o->threads == 1 ? "" : "s", o->trials);
	printf("load_mb_per_s: %.1f\n", bytes / MB / m_ours);
	printf("parse_s: %.3f (1 thread)\n", m_parse);
	printf("parse_mb_per_s: %.1f (1 thread; target >= 100)\n", bytes / MB / m_parse);
	printf("build_s: %.3f (%d thread%s)\n", m_build, o->threads, o->threads == 1 ? "" : "s");
	printf("igraph_read_s: %.3f (igraph_read_graph_edgelist, no simplify)\n", m_ig);
	printf("edgelist_ratio: %.2f (igraph read / our read + build; > 1: we are faster)\n",
	       m_ig / m_ours);
	printf("edgelist_ratio_with_simplify: %.2f ((igraph read + simplify) / ours)\n",
	       (m_ig + simplify_s) / m_ours);
	fflush(stdout);

	WP_TRY(run_peak_child("import", path, o->threads, &import_peak, err));
	print_peak("load", &import_peak);
	if (run_peak_child("phases", path, o->threads, &phases_peak, err) == WP_OK) {
		print_peak("load", &phases_peak);
	} else {
		printf("load_build_peak_ratio: not measured (%s)\n", err);
		err[0] = '\0'; /* not fatal: let a later error be reported as itself */
	}
	WP_TRY(run_peak_child("igraph", path, 1, &igraph_peak, err));
	printf("igraph_peak_mb: %.1f (ours %.1f: igraph / ours %.2f)\n", igraph_peak.peak / MB,
	       import_peak.peak / MB, igraph_peak.peak / import_peak.peak);
	return WP_OK;
fail:
	if (have_ig)
		igraph_destroy(&ig);
	wp_graph_free(&g);
	return st;
}

/* Snapshot reload: the edge-list graph written once as .wpg, then mapped back N times (mmap,
 * checksum and structural checks) and compared array by array with the graph it came from. */
static wp_status bench_snapshot(const options *o, bool *verified, char *err)
{
	wp_status st = WP_OK;
	char el[1024], wpg[1024];
	double load[MAX_TRIALS] = {0}, t0, write_s, m_load, m_el;
	wp_graph g = {0}, back = {0};

	*verified = false;
	snprintf(el, sizeof(el), "%s/kron-s%d-k%d-seed%llu.el", o->dir, o->scale, o->edge_factor,
	         (unsigned long long)o->seed);
	snprintf(wpg, sizeof(wpg), "%s/kron-s%d-k%d-seed%llu.wpg", o->dir, o->scale, o->edge_factor,
	         (unsigned long long)o->seed);
	WP_TRY(time_ours(el, &g, &m_el, err));
	t0 = wp_wtime();
	WP_TRY(wp_snapshot_write(&g, wpg, err));
	write_s = wp_wtime() - t0;
	WP_TRY(warm_cache(wpg, err));
	for (int t = 0; t < o->trials; t++) {
		t0 = wp_wtime();
		WP_TRY(wp_snapshot_load(&back, wpg, err));
		load[t] = wp_wtime() - t0;
		if (t == 0)
			*verified = back.n == g.n && back.m == g.m &&
			            memcmp(back.offsets, g.offsets, ((size_t)g.n + 1) * 8) == 0 &&
			            memcmp(back.targets, g.targets, (size_t)g.m * 4) == 0;
		wp_graph_free(&back);
	}
	m_load = median(load, o->trials);
	printf("snapshot_mb: %.1f\n", file_size(wpg) / MB);
	printf("snapshot_write_s: %.3f (incl. fsync)\n", write_s);
	printf("snapshot_load_ms: %.1f (mmap + checksum + structural checks, median of %d)\n",
	       1e3 * m_load, o->trials);
	printf("snapshot_vs_edgelist: %.1f (edge-list load %.3f s / snapshot load)\n",
	       m_el / m_load, m_el);
	printf("snapshot_verified: %s\n", *verified ? "yes" : "no");
	wp_graph_free(&g);
	return WP_OK;
fail:
	wp_graph_free(&back);
	wp_graph_free(&g);
	return st;
}

/* The GraphML half: a smaller Kronecker graph written by igraph, read by both. */
static wp_status bench_graphml(const options *o, bool *verified, char *err)
{
	wp_status st = WP_OK;
	char path[1024] = "", why[512] = "";
	double ours[MAX_TRIALS] = {0}, ig_s[MAX_TRIALS] = {0};
	double simplify_s = 0;
	bool reused = false, have_ig = false;
	wp_graph g = {0};
	igraph_t ig;

	*verified = false;
	snprintf(path, sizeof(path), "%s/kron-s%d-k%d-seed%llu.graphml", o->dir, o->graphml_scale,
	         o->edge_factor, (unsigned long long)o->seed);
	WP_TRY(graphml_input(o, path, &reused, err));
	double bytes = file_size(path);
	printf("graphml_file: %s (%s)\n", path, reused ? "reused" : "written by igraph");
	printf("graphml_mb: %.1f\n", bytes / MB);
	fflush(stdout);
	WP_TRY(warm_cache(path, err));

	for (int t = 0; t < o->trials; t++) {
		WP_TRY(time_ours(path, &g, &ours[t], err));
		WP_TRY(time_igraph(path, true, &ig, &ig_s[t], err));
		have_ig = true;
		printf("graphml_trial_%d: ours %.3f s, igraph %.3f s\n", t + 1, ours[t], ig_s[t]);
		fflush(stdout);
		if (t == 0) {
			printf("graphml_vertices: %u\n", g.n);
			printf("graphml_edges: %llu\n", (unsigned long long)wp_graph_edges(&g));
			WP_TRY(verify(&g, &ig, false, verified, &simplify_s, why, sizeof(why),
			              err));
			printf("graphml_verified: %s%s%s\n", *verified ? "yes" : "no",
			       *verified ? "" : ": ", *verified ? "" : why);
		}
		igraph_destroy(&ig);
		have_ig = false;
		wp_graph_free(&g);
	}
	double m_ours = median(ours, o->trials), m_ig = median(ig_s, o->trials);
	printf("graphml_load_s: %.3f (median of %d)\n", m_ours, o->trials);
	printf("graphml_mb_per_s: %.1f\n", bytes / MB / m_ours);
	printf("graphml_igraph_read_s: %.3f\n", m_ig);
	printf("graphml_ratio: %.2f (igraph / ours; > 1: we are faster)\n", m_ig / m_ours);
	return WP_OK;
fail:
	if (have_ig)
		igraph_destroy(&ig);
	wp_graph_free(&g);
	return st;
}

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: bench_load [--scale S] [--edge-factor K] [--trials N] [--threads T]\n"
	        "                  [--graphml-scale S2] [--seed X] [--dir DIR]\n"
	        "Times our edge-list and GraphML loaders against igraph's on Kronecker graphs\n"
	        "(defaults: S 20, K 16, N 3, T all cores, S2 16 (0 skips GraphML), DIR\n"
	        "build/bench-data). bench/README.md explains the output.\n");
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

int main(int argc, char **argv)
{
	char err[WP_ERR_LEN] = "";
	options o = {.scale = 20,
	             .edge_factor = 16,
	             .trials = 3,
	             .threads = wp_max_threads(),
	             .graphml_scale = 16,
	             .seed = 27491095,
	             .dir = "build/bench-data"};
	const char *child_mode = NULL;
	static const struct option longopts[] = {
	        {"scale", required_argument, NULL, 's'},
	        {"edge-factor", required_argument, NULL, 'k'},
	        {"trials", required_argument, NULL, 'n'},
	        {"threads", required_argument, NULL, 't'},
	        {"graphml-scale", required_argument, NULL, 'g'},
	        {"seed", required_argument, NULL, 'x'},
	        {"dir", required_argument, NULL, 'd'},
	        {"peak-child", required_argument, NULL, 'p'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c, opt_index = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, &opt_index)) != -1) {
		bool ok = true;
		switch (c) {
		case 's':
			ok = parse_int(optarg, 1, WP_GENERATE_MAX_SCALE, &o.scale);
			break;
		case 'k':
			ok = parse_int(optarg, 1, 1 << 20, &o.edge_factor);
			break;
		case 'n':
			ok = parse_int(optarg, 1, MAX_TRIALS, &o.trials);
			break;
		case 't':
			ok = parse_int(optarg, 1, 1024, &o.threads);
			break;
		case 'g':
			ok = parse_int(optarg, 0, WP_GENERATE_MAX_SCALE, &o.graphml_scale);
			break;
		case 'x': {
			char *end = NULL;
			errno = 0;
			o.seed = strtoull(optarg, &end, 0);
			ok = errno == 0 && end != optarg && *end == '\0';
			break;
		}
		case 'd':
			o.dir = optarg;
			break;
		case 'p':
			child_mode = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
		if (!ok) {
			fprintf(stderr, "bench_load: bad value '%s' for --%s\n", optarg,
			        longopts[opt_index].name);
			return 1;
		}
	}
	wp_set_threads(o.threads);
	if (child_mode != NULL) {
		if (optind != argc - 1) {
			fprintf(stderr, "bench_load: --peak-child MODE takes one file\n");
			return 1;
		}
		return peak_child(child_mode, argv[optind]);
	}
	if (optind != argc) {
		usage(stderr);
		return 1;
	}
	wp_igraph_setup();

	bool el_ok = false, gml_ok = true;
	printf("benchmark: load\n");
	printf("threads: %d\n", o.threads);
	printf("seed: %llu\n", (unsigned long long)o.seed);
	if (make_dir(o.dir, err) != WP_OK || bench_edgelist(&o, &el_ok, err) != WP_OK) {
		printf("error: %s\n", err);
		return 3;
	}
	bool snap_ok = false;
	if (bench_snapshot(&o, &snap_ok, err) != WP_OK) {
		printf("snapshot_error: %s\n", err);
		err[0] = '\0';
	}
	if (o.graphml_scale > 0 && bench_graphml(&o, &gml_ok, err) != WP_OK) {
		printf("graphml_error: %s\n", err);
		gml_ok = false;
	}
	printf("all_verified: %s\n", el_ok && gml_ok && snap_ok ? "yes" : "no");
	return el_ok && gml_ok && snap_ok ? 0 : 2;
}
