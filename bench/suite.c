/* suite.c - the suite file parser and the datasets of `warmpath bench` (see suite.h).
 *
 * The parser is line-oriented and strict: every field is checked, ranges included, and the first
 * bad line is reported as "file:line: what is wrong" before anything runs, so a typo on the last
 * line of a long suite does not surface an hour into it.
 */
#include "bench/suite.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/generate.h"
#include "engine/parallel.h"
#include "importers/import.h"

#define MAX_LINE 4096
#define MAX_FIELDS 32

void bench_job_defaults(bench_job *job)
{
	memset(job, 0, sizeof(*job));
	job->threads[0] = 1;
	job->nthreads = 1;
	job->trials = BENCH_DEFAULT_TRIALS;
	job->seed = BENCH_DEFAULT_SEED;
	job->sample = 64;
	job->pairs = 1000;
	job->eps = 0.01;
}

/* Parses all of s as an unsigned decimal in [lo, hi]. */
static bool parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *x)
{
	char *end = NULL;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < lo || v > hi)
		return false;
	*x = v;
	return true;
}

static bool parse_prob(const char *s, double *p)
{
	char *end = NULL;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !(v >= 0.0 && v <= 1.0))
		return false;
	*p = v;
	return true;
}

/* Splits s at `sep` into at most max pieces (in place). Returns the count, or max + 1 if more. */
static size_t split(char *s, char sep, char **parts, size_t max)
{
	size_t count = 0;
	for (;;) {
		if (count == max)
			return max + 1;
		parts[count++] = s;
		char *c = strchr(s, sep);
		if (c == NULL)
			return count;
		*c = '\0';
		s = c + 1;
	}
}

wp_status bench_dataset_parse(const char *text, bench_dataset *d, char *err)
{
	static const struct {
		const char *prefix;
		bench_source source;
		size_t fields;
		const char *form;
	} models[] = {
	        {"kron", BENCH_KRON, 3, "kron:SCALE:EDGE_FACTOR"},
	        {"uniform", BENCH_UNIFORM, 3, "uniform:SCALE:EDGE_FACTOR"},
	        {"ba", BENCH_BA, 3, "ba:N:EDGES_PER_VERTEX"},
	        {"ws", BENCH_WS, 4, "ws:N:K:P"},
	        {"gnp", BENCH_GNP, 3, "gnp:N:P"},
	};
	char copy[256];
	char *f[5];
	memset(d, 0, sizeof(*d));
	if (text[0] == '\0')
		return wp_error(err, WP_EINPUT, "empty dataset");
	if (strlen(text) >= sizeof(copy))
		return wp_error(err, WP_EINPUT, "dataset name longer than %zu bytes",
		                sizeof(copy) - 1);
	snprintf(d->text, sizeof(d->text), "%s", text);
	snprintf(copy, sizeof(copy), "%s", text);
	size_t nf = split(copy, ':', f, 4);
	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
		if (strcmp(f[0], models[i].prefix) != 0)
			continue;
		if (nf != models[i].fields)
			return wp_error(err, WP_EINPUT, "dataset '%s' should be %s", text,
			                models[i].form);
		d->source = models[i].source;
		bool ok = true;
		switch (d->source) {
		case BENCH_KRON:
		case BENCH_UNIFORM:
			ok = parse_u64(f[1], 1, 30, &d->a) && parse_u64(f[2], 1, 1024, &d->b);
			break;
		case BENCH_BA:
			ok = parse_u64(f[1], 2, WP_GENERATE_MAX_VERTICES, &d->a) &&
			     parse_u64(f[2], 1, 1024, &d->b);
			break;
		case BENCH_WS:
			ok = parse_u64(f[1], 3, WP_GENERATE_MAX_VERTICES, &d->a) &&
			     parse_u64(f[2], 2, d->a - 1, &d->b) && d->b % 2 == 0 &&
			     parse_prob(f[3], &d->p);
			break;
		case BENCH_GNP:
			ok = parse_u64(f[1], 2, WP_GENERATE_MAX_VERTICES, &d->a) &&
			     parse_prob(f[2], &d->p);
			break;
		case BENCH_FILE:
			break;
		}
		if (!ok)
			return wp_error(
			        err, WP_EINPUT,
			        "dataset '%s' should be %s (scale 1..30, edge factor and edges "
			        "per vertex 1..1024, K even and below N, P in [0, 1])",
			        text, models[i].form);
		return WP_OK;
	}
	d->source = BENCH_FILE; /* anything else names a graph file */
	return WP_OK;
}

wp_status bench_job_kernels(bench_job *job, const char *list, char *err)
{
	char copy[MAX_LINE];
	char *names[BENCH_MAX_KERNELS];
	snprintf(copy, sizeof(copy), "%s", list);
	size_t count = split(copy, ',', names, BENCH_MAX_KERNELS);
	job->nkernels = 0;
	if (count > BENCH_MAX_KERNELS)
		return wp_error(err, WP_EINPUT, "more than %d kernels", BENCH_MAX_KERNELS);
	for (size_t i = 0; i < count; i++) {
		if (strcmp(names[i], "all") == 0) {
			for (size_t k = 0;
			     k < bench_kernel_count && job->nkernels < BENCH_MAX_KERNELS; k++)
				job->kernels[job->nkernels++] = bench_kernels[k];
			continue;
		}
		const bench_kernel *k = bench_kernel_find(names[i]);
		if (k == NULL) {
			char known[512] = "";
			for (size_t j = 0; j < bench_kernel_count; j++)
				snprintf(known + strlen(known), sizeof(known) - strlen(known),
				         "%s%s", j ? ", " : "", bench_kernels[j]->name);
			return wp_error(err, WP_EINPUT, "unknown kernel '%s' (known: %s, all)",
			                names[i], known);
		}
		if (job->nkernels == BENCH_MAX_KERNELS)
			return wp_error(err, WP_EINPUT, "more than %d kernels", BENCH_MAX_KERNELS);
		job->kernels[job->nkernels++] = k;
	}
	return WP_OK;
}

wp_status bench_job_threads(bench_job *job, const char *list, char *err)
{
	char copy[MAX_LINE];
	char *items[BENCH_MAX_THREADS];
	snprintf(copy, sizeof(copy), "%s", list);
	size_t count = split(copy, ',', items, BENCH_MAX_THREADS);
	if (count > BENCH_MAX_THREADS)
		return wp_error(err, WP_EINPUT, "more than %d thread counts", BENCH_MAX_THREADS);
	for (size_t i = 0; i < count; i++) {
		uint64_t t = 0;
		if (!parse_u64(items[i], 1, 1024, &t))
			return wp_error(err, WP_EINPUT,
			                "thread count '%s' is not a number in 1..1024", items[i]);
		job->threads[i] = (int)t;
	}
	job->nthreads = count;
	return WP_OK;
}

wp_status bench_suite_add(bench_suite *s, const bench_job *job, char *err)
{
	if (s->count == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		bench_job *jobs = realloc(s->jobs, cap * sizeof(*jobs));
		if (jobs == NULL)
			return wp_error(err, WP_ENOMEM, "cannot allocate %zu jobs", cap);
		s->jobs = jobs;
		s->cap = cap;
	}
	s->jobs[s->count++] = *job;
	return WP_OK;
}

/* Parses one line's fields (already split on blanks) into job; err gets what is wrong. */
static wp_status parse_job(char **field, size_t nf, bench_job *job, char *err)
{
	wp_status st = WP_OK;
	bench_job_defaults(job);
	if (nf < 2)
		return wp_error(err, WP_EINPUT, "expected DATASET KERNELS [key=value ...]");
	WP_TRY(bench_dataset_parse(field[0], &job->dataset, err));
	WP_TRY(bench_job_kernels(job, field[1], err));
	for (size_t i = 2; i < nf; i++) {
		char *key = field[i], *value = strchr(key, '=');
		uint64_t x = 0;
		if (strcmp(key, "directed") == 0) {
			job->directed = true;
			continue;
		}
		if (value == NULL)
			WP_FAIL(WP_EINPUT, "expected key=value, got '%s'", key);
		*value++ = '\0';
		if (strcmp(key, "threads") == 0) {
			WP_TRY(bench_job_threads(job, value, err));
		} else if (strcmp(key, "trials") == 0) {
			if (!parse_u64(value, 1, 1000, &x))
				WP_FAIL(WP_EINPUT, "trials '%s' is not a number in 1..1000", value);
			job->trials = (uint32_t)x;
		} else if (strcmp(key, "seed") == 0) {
			if (!parse_u64(value, 0, UINT64_MAX, &x))
				WP_FAIL(WP_EINPUT, "seed '%s' is not an unsigned number", value);
			job->seed = x;
		} else if (strcmp(key, "sample") == 0) {
			if (!parse_u64(value, 1, 1000000, &x))
				WP_FAIL(WP_EINPUT, "sample '%s' is not a number in 1..1000000",
				        value);
			job->sample = (uint32_t)x;
		} else if (strcmp(key, "pairs") == 0) {
			if (!parse_u64(value, 1, 10000000, &x))
				WP_FAIL(WP_EINPUT, "pairs '%s' is not a number in 1..10000000",
				        value);
			job->pairs = (uint32_t)x;
		} else if (strcmp(key, "eps") == 0) {
			char *end = NULL;
			double e = strtod(value, &end);
			if (end == value || *end != '\0' || !(e > 0.0 && e < 1.0))
				WP_FAIL(WP_EINPUT, "eps '%s' is not a number in (0, 1)", value);
			job->eps = e;
		} else {
			WP_FAIL(WP_EINPUT,
			        "unknown setting '%s' (threads, trials, seed, sample, pairs, eps, "
			        "directed)",
			        key);
		}
	}
	return WP_OK;
fail:
	return st;
}

wp_status bench_suite_parse(const char *name, const char *text, bench_suite *s, char *err)
{
	wp_status st = WP_OK;
	size_t before = s->count;
	char line[MAX_LINE];
	int lineno = 0;
	const char *p = text;
	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		lineno++;
		if (len >= sizeof(line))
			WP_FAIL(WP_EINPUT, "%s:%d: line longer than %d bytes", name, lineno,
			        MAX_LINE - 1);
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (eol != NULL);
		char *hash = strchr(line, '#');
		if (hash != NULL)
			*hash = '\0';
		char *field[MAX_FIELDS];
		size_t nf = 0;
		for (char *tok = strtok(line, " \t\r"); tok != NULL; tok = strtok(NULL, " \t\r")) {
			if (nf == MAX_FIELDS)
				WP_FAIL(WP_EINPUT, "%s:%d: more than %d fields", name, lineno,
				        MAX_FIELDS);
			field[nf++] = tok;
		}
		if (nf == 0)
			continue;
		bench_job job;
		char why[WP_ERR_LEN] = "";
		st = parse_job(field, nf, &job, why);
		if (st != WP_OK)
			WP_FAIL(st, "%s:%d: %s", name, lineno, why);
		WP_TRY(bench_suite_add(s, &job, err));
	}
	if (s->count == before)
		WP_FAIL(WP_EINPUT,
		        "%s: no jobs (expected lines of DATASET KERNELS [key=value ...])", name);
	return WP_OK;
fail:
	s->count = before;
	return st;
}

wp_status bench_suite_parse_file(const char *path, bench_suite *s, char *err)
{
	wp_status st = WP_OK;
	char *text = NULL;
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return wp_error(err, WP_EIO, "%s: cannot read: %s", path, strerror(errno));
	size_t cap = 1 << 16, len = 0;
	text = malloc(cap);
	if (text == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %zu bytes", cap);
	for (;;) {
		size_t got = fread(text + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
		if (len + 1 == cap) {
			if (cap >= (64u << 20))
				WP_FAIL(WP_ELIMIT, "%s: a suite file is at most 64 MB", path);
			char *bigger = realloc(text, cap * 2);
			if (bigger == NULL)
				WP_FAIL(WP_ENOMEM, "cannot allocate %zu bytes", cap * 2);
			text = bigger;
			cap *= 2;
		}
	}
	if (ferror(f))
		WP_FAIL(WP_EIO, "%s: cannot read: %s", path, strerror(errno));
	text[len] = '\0';
	if (memchr(text, '\0', len) != NULL)
		WP_FAIL(WP_EINPUT, "%s: a suite file is text; this one holds NUL bytes", path);
	WP_TRY(bench_suite_parse(path, text, s, err));
fail:
	fclose(f);
	free(text);
	return st;
}

void bench_suite_free(bench_suite *s)
{
	free(s->jobs);
	memset(s, 0, sizeof(*s));
}

/* CPU seconds of the whole process, all threads: on a shared machine the wall time says how busy
 * the machine was as much as how long the work took. */
static double cpu_now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		return NAN;
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

wp_status bench_dataset_open(const bench_dataset *d, uint64_t seed, bool directed, wp_graph *g,
                             double *seconds, double *cpu_seconds, char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf eb = {0};
	memset(g, 0, sizeof(*g));
	double t0 = wp_wtime(), c0 = cpu_now();
	switch (d->source) {
	case BENCH_FILE: {
		wp_import_opts o = WP_IMPORT_DEFAULTS;
		o.directed = directed;
		WP_TRY(wp_import_graph(g, d->text, WP_FORMAT_AUTO, &o, err));
		*seconds = wp_wtime() - t0;
		*cpu_seconds = cpu_now() - c0;
		return WP_OK;
	}
	case BENCH_KRON:
		WP_TRY(wp_generate_kronecker(&eb, (int)d->a, (int)d->b, seed, err));
		break;
	case BENCH_UNIFORM:
		WP_TRY(wp_generate_uniform(&eb, (int)d->a, (int)d->b, seed, err));
		break;
	case BENCH_BA:
		WP_TRY(wp_generate_barabasi(&eb, (uint32_t)d->a, (uint32_t)d->b, seed, err));
		break;
	case BENCH_WS:
		WP_TRY(wp_generate_watts_strogatz(&eb, (uint32_t)d->a, (uint32_t)d->b, d->p, seed,
		                                  err));
		break;
	case BENCH_GNP:
		WP_TRY(wp_generate_gnp(&eb, (uint32_t)d->a, d->p, seed, err));
		break;
	}
	*seconds = wp_wtime() - t0;
	*cpu_seconds = cpu_now() - c0;
	WP_TRY(wp_graph_build(g, &eb, false, err));
	return WP_OK;
fail:
	wp_edgebuf_free(&eb);
	return st;
}
