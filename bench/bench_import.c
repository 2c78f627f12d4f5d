/* bench_import.c - the import benchmark: many members' LinkedIn archives into a fresh workspace.
 *
 * Generates (once; later runs reuse them) the synthetic archives of a non-profit's members with
 * bench/archives.h, by default 200 members x 5,000 connections with their messages, invitations,
 * endorsements and the rest (about 1.4 million CSV rows, every era's layout), then times the whole
 * import as `warmpath import` does it, member after member into one fresh workspace: the LinkedIn
 * importer (unzip + parse into a contact batch) and the workspace's transaction (identity
 * resolution, evidence, shared employers). The target is under 10 s on a 2-core machine.
 * There is no baseline to run beside it: igraph (or any library we use) has nothing that imports
 * contact exports, so the output compares against the target instead of a ratio.
 *
 * Checks: every archive imports without error, the importers read exactly the Connections.csv and
 * messages.csv rows the generator wrote, and the workspace ends with every member and a non-empty
 * people graph. After the import the people graph is derived once (no cache) and timed, since the
 * workspace promises a CSR from 1M ties in under a second. Output is `key: value` lines;
 * bench/README.md explains each key.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench/archives.h"
#include "engine/graph.h"
#include "engine/parallel.h"
#include "engine/workspace.h"
#include "engine/contacts.h"
#include "importers/import_members.h"
#include "importers/linkedin.h"

#define MAX_TRIALS 20
#define MB 1e6

typedef struct options {
	wp_archives_opts gen;
	int trials;
	int threads;
	const char *dir;
} options;

typedef struct trial {
	double parse_s, workspace_s, total_s; /* pipelined: parse and workspace overlap */
	double serial_s;                      /* the same import member after member, no overlap */
	uint64_t rows, connection_rows, message_rows, skipped;
	uint32_t failed;
} trial;

/* Adds one member's file reports to the trial's row counts. */
static void count_rows(trial *t, const wp_contacts *c)
{
	for (uint32_t i = 0; i < c->files_count; i++) {
		const char *kind = wp_contacts_text(c, c->files[i].kind);
		t->rows += c->files[i].rows;
		t->skipped += c->files[i].skipped;
		if (strcmp(kind, "connections") == 0)
			t->connection_rows += c->files[i].rows;
		else if (strcmp(kind, "messages") == 0)
			t->message_rows += c->files[i].rows;
	}
}

static void on_member(void *ctx, const wp_member_result *r)
{
	trial *t = ctx;
	t->parse_s += r->read_s;
	t->workspace_s += r->write_s;
	t->failed += r->status != WP_OK;
	if (r->status != WP_OK)
		fprintf(stderr, "bench_import: member %zu: %s\n", r->index, r->err);
	count_rows(t, r->batch);
}

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
	return stat(path, &sb) == 0 ? (double)sb.st_size : 0;
}

/* What the generator reported, kept beside the archives so that a reused set can be checked. */
static wp_status save_report(const char *path, const wp_archives_report *r, char *err)
{
	wp_status st = WP_OK;
	FILE *f = fopen(path, "w");
	if (f == NULL)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	fprintf(f, "rows: %llu\nconnection_rows: %llu\nmessage_rows: %llu\nbytes: %llu\n",
	        (unsigned long long)r->rows, (unsigned long long)r->connection_rows,
	        (unsigned long long)r->message_rows, (unsigned long long)r->bytes);
	if (fclose(f) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	return WP_OK;
fail:
	return st;
}

static bool load_report(const char *path, wp_archives_report *r)
{
	unsigned long long rows, conn, msg, bytes;
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return false;
	int n = fscanf(f, "rows: %llu\nconnection_rows: %llu\nmessage_rows: %llu\nbytes: %llu",
	               &rows, &conn, &msg, &bytes);
	fclose(f);
	if (n != 4)
		return false;
	memset(r, 0, sizeof(*r));
	r->rows = rows;
	r->connection_rows = conn;
	r->message_rows = msg;
	r->bytes = bytes;
	return true;
}

/* The archives of o->gen in dir/archives-mM-kK-seedS, generated unless a complete set is there. */
static wp_status archives_input(const options *o, char *dir, size_t cap, bool *reused,
                                double *gen_s, wp_archives_report *r, char *err)
{
	wp_status st = WP_OK;
	char report[4200];
	snprintf(dir, cap, "%s/archives-m%u-k%u-seed%llu", o->dir, o->gen.members,
	         o->gen.connections, (unsigned long long)o->gen.seed);
	snprintf(report, sizeof(report), "%s/generated.txt", dir);
	*reused = load_report(report, r);
	*gen_s = 0;
	if (*reused)
		return WP_OK;
	double t0 = wp_wtime();
	WP_TRY(wp_archives_generate(&o->gen, dir, r, err));
	*gen_s = wp_wtime() - t0;
	WP_TRY(save_report(report, r, err));
	return WP_OK;
fail:
	return st;
}

/* Removes the workspace file and everything SQLite and the graph cache keep beside it. */
static void remove_workspace(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal", ".wpg", ".wpg.key"};
	char p[4400];
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffixes[i]);
		unlink(p);
	}
}

/* Imports every member's archive into a fresh workspace at ws_path one after the other, each
 * parsed then written, as separate `warmpath import` runs do: the baseline. */
static wp_status run_serial(const options *o, const char *dir, const char *ws_path, double *secs,
                            char *err)
{
	wp_status st = WP_OK;
	wp_workspace *ws = NULL;
	wp_contacts c = {0};
	char path[4400];

	remove_workspace(ws_path);
	double t0 = wp_wtime();
	WP_TRY(wp_workspace_open(&ws, ws_path, true, err));
	for (uint32_t m = 0; m < o->gen.members; m++) {
		wp_archives_member info;
		wp_import_summary sum;
		wp_archives_member_info(&o->gen, m, &info);
		snprintf(path, sizeof(path), "%s/%s", dir, info.path);
		WP_TRY(wp_contacts_init(&c, info.name, info.url, err));
		WP_TRY(wp_import_linkedin(path, &c, err));
		WP_TRY(wp_workspace_import(ws, info.name, &c, path, &sum, err));
		wp_contacts_free(&c);
	}
	wp_workspace_close(ws);
	ws = NULL;
	*secs = wp_wtime() - t0;
	return WP_OK;
fail:
	wp_contacts_free(&c);
	wp_workspace_close(ws);
	return st;
}

/* Imports every member's archive into a fresh workspace at ws_path as `warmpath import
 * --members` does: wp_import_members, reading the next archive while writing the current one. */
static wp_status run_pipelined(const options *o, const char *dir, const char *ws_path, trial *t,
                               char *err)
{
	wp_status st = WP_OK;
	wp_workspace *ws = NULL;
	const uint32_t n = o->gen.members;
	wp_member_export *members = calloc(n, sizeof(*members));
	char **paths = calloc(n, sizeof(*paths));
	char **names = calloc(2 * (size_t)n, sizeof(*names));
	if (members == NULL || paths == NULL || names == NULL)
		WP_FAIL(WP_ENOMEM, "cannot list %u members", n);
	for (uint32_t m = 0; m < n; m++) {
		wp_archives_member info;
		char path[4400];
		wp_archives_member_info(&o->gen, m, &info);
		snprintf(path, sizeof(path), "%s/%s", dir, info.path);
		paths[m] = strdup(path);
		names[2 * m] = strdup(info.name);
		names[2 * m + 1] = strdup(info.url);
		if (paths[m] == NULL || names[2 * m] == NULL || names[2 * m + 1] == NULL)
			WP_FAIL(WP_ENOMEM, "cannot list %u members", n);
		members[m] = (wp_member_export){.name = names[2 * m],
		                                .url = names[2 * m + 1],
		                                .paths = (const char *const *)&paths[m],
		                                .paths_count = 1};
	}
	remove_workspace(ws_path);
	double t0 = wp_wtime();
	WP_TRY(wp_workspace_open(&ws, ws_path, true, err));
	wp_import_members_opts opts = {.report = on_member, .ctx = t};
	WP_TRY(wp_import_members(ws, members, n, &opts, err));
	wp_workspace_close(ws);
	ws = NULL;
	t->total_s = wp_wtime() - t0;
fail:
	wp_workspace_close(ws);
	for (uint32_t m = 0; paths != NULL && names != NULL && m < n; m++) {
		free(paths[m]);
		free(names[2 * m]);
		free(names[2 * m + 1]);
	}
	free(paths);
	free(names);
	free(members);
	return st;
}

/* One trial: the pipelined import (the figure) and the serial one (the baseline), alternating
 * which goes first so that a noisy neighbour does not always fall on the same one. */
static wp_status run_trial(const options *o, const char *dir, const char *ws_path, int index,
                           trial *t, char *err)
{
	wp_status st = WP_OK;
	memset(t, 0, sizeof(*t));
	if (index % 2 == 1)
		WP_TRY(run_serial(o, dir, ws_path, &t->serial_s, err));
	WP_TRY(run_pipelined(o, dir, ws_path, t, err));
	if (index % 2 == 0) {
		/* The pipelined run's workspace is what the checks below read: keep it. */
		char serial_path[4300];
		snprintf(serial_path, sizeof(serial_path), "%s.serial", ws_path);
		WP_TRY(run_serial(o, dir, serial_path, &t->serial_s, err));
		remove_workspace(serial_path);
	}
fail:
	return st;
}

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: bench_import [--members N] [--connections K] [--seed S] [--trials T]\n"
	        "                    [--threads T] [--dir DIR]\n"
	        "\n"
	        "Times importing N synthetic LinkedIn archives (K connections each, with "
	        "messages)\n"
	        "into a fresh workspace. Defaults: 200 members, 5000 connections, 1 trial, inputs\n"
	        "cached in build/bench-data.\n");
}

static bool parse_u32(const char *s, uint32_t lo, uint32_t hi, uint32_t *out)
{
	char *end = NULL;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || s[0] == '-' || v < lo || v > hi)
		return false;
	*out = (uint32_t)v;
	return true;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {{"members", required_argument, NULL, 'm'},
	                                         {"connections", required_argument, NULL, 'k'},
	                                         {"seed", required_argument, NULL, 's'},
	                                         {"trials", required_argument, NULL, 'n'},
	                                         {"threads", required_argument, NULL, 't'},
	                                         {"dir", required_argument, NULL, 'd'},
	                                         {"help", no_argument, NULL, 'h'},
	                                         {NULL, 0, NULL, 0}};
	options o = {
	        .gen = WP_ARCHIVES_DEFAULTS, .trials = 1, .threads = 0, .dir = "build/bench-data"};
	char err[WP_ERR_LEN] = "", dir[4096], ws_path[4200];
	wp_archives_report gen_report;
	trial trials[MAX_TRIALS];
	double parse_s[MAX_TRIALS], ws_s[MAX_TRIALS], total_s[MAX_TRIALS], serial_s[MAX_TRIALS];
	bool reused = false;
	double gen_s = 0;
	wp_workspace *ws = NULL;
	wp_workspace_stats stats = {0};
	wp_graph g = {0};
	uint32_t v;
	wp_status st;
	int opt;

	o.gen.members = 200;
	o.gen.connections = 5000;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			if (!parse_u32(optarg, 1, WP_ARCHIVES_MAX_MEMBERS, &o.gen.members))
				goto bad;
			break;
		case 'k':
			if (!parse_u32(optarg, WP_ARCHIVES_MIN_CONNECTIONS,
			               WP_ARCHIVES_MAX_CONNECTIONS, &o.gen.connections))
				goto bad;
			break;
		case 's': {
			char *end = NULL;
			o.gen.seed = strtoull(optarg, &end, 10);
			if (end == optarg || *end != '\0')
				goto bad;
			break;
		}
		case 'n':
			if (!parse_u32(optarg, 1, MAX_TRIALS, &v))
				goto bad;
			o.trials = (int)v;
			break;
		case 't':
			if (!parse_u32(optarg, 1, 1024, &v))
				goto bad;
			o.threads = (int)v;
			wp_set_threads(o.threads);
			break;
		case 'd':
			o.dir = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (optind != argc)
		goto bad;

	printf("members: %u\n", o.gen.members);
	printf("connections_per_member: %u\n", o.gen.connections);
	printf("seed: %llu\n", (unsigned long long)o.gen.seed);
	printf("threads: %d\n", wp_max_threads());
	st = archives_input(&o, dir, sizeof(dir), &reused, &gen_s, &gen_report, err);
	if (st != WP_OK)
		goto fail;
	double zip_bytes = 0;
	for (uint32_t m = 0; m < o.gen.members; m++) {
		wp_archives_member info;
		char path[4400];
		wp_archives_member_info(&o.gen, m, &info);
		snprintf(path, sizeof(path), "%s/%s", dir, info.path);
		zip_bytes += file_size(path);
	}
	printf("archives_dir: %s\n", dir);
	if (reused)
		printf("archives: reused\n");
	else
		printf("archives: generated\ngenerate_s: %.3f\n", gen_s);
	printf("archives_mb: %.1f\n", zip_bytes / MB);
	printf("csv_mb: %.1f\n", (double)gen_report.bytes / MB);
	printf("baseline: the same import member after member without reading ahead (serial_s); "
	       "no library we use imports contact exports\n");
	fflush(stdout);

	snprintf(ws_path, sizeof(ws_path), "%s/bench-import.wpw", o.dir);
	for (int i = 0; i < o.trials; i++) {
		st = run_trial(&o, dir, ws_path, i, &trials[i], err);
		if (st != WP_OK)
			goto fail;
		parse_s[i] = trials[i].parse_s;
		ws_s[i] = trials[i].workspace_s;
		total_s[i] = trials[i].total_s;
		serial_s[i] = trials[i].serial_s;
		printf("trial_%d: import_s %.3f (parse_s %.3f overlapping workspace_s %.3f), "
		       "serial_s %.3f\n",
		       i + 1, trials[i].total_s, trials[i].parse_s, trials[i].workspace_s,
		       trials[i].serial_s);
		fflush(stdout);
	}
	const trial *t = &trials[o.trials - 1];
	double import_s = median(total_s, o.trials);
	printf("rows: %llu\n", (unsigned long long)t->rows);
	printf("connection_rows: %llu\n", (unsigned long long)t->connection_rows);
	printf("message_rows: %llu\n", (unsigned long long)t->message_rows);
	printf("rows_skipped: %llu\n", (unsigned long long)t->skipped);
	printf("parse_s: %.3f\n", median(parse_s, o.trials));
	printf("workspace_s: %.3f\n", median(ws_s, o.trials));
	printf("import_s: %.3f\n", import_s);
	printf("serial_s: %.3f\n", median(serial_s, o.trials));
	printf("pipeline_ratio: %.2f\n", median(serial_s, o.trials) / import_s);
	printf("rows_per_s: %.0f\n", (double)t->rows / import_s);
	printf("target_s: 10\n");
	printf("within_target: %s\n", import_s < 10.0 ? "yes" : "no");

	/* The workspace as the last trial left it, and its people graph derived once, uncached. */
	st = wp_workspace_open(&ws, ws_path, false, err);
	if (st == WP_OK)
		st = wp_workspace_stats_get(ws, &stats, err);
	if (st != WP_OK)
		goto fail;
	wp_workspace_graph_options go = WP_WORKSPACE_GRAPH_DEFAULTS;
	go.use_cache = false;
	double g0 = wp_wtime();
	st = wp_workspace_graph_opts(ws, &go, &g, NULL, err);
	if (st != WP_OK)
		goto fail;
	double graph_s = wp_wtime() - g0;
	printf("people: %llu\n", (unsigned long long)stats.people);
	printf("ties: %llu\n", (unsigned long long)stats.ties);
	printf("workspace_mb: %.1f\n", (double)stats.file_bytes / MB);
	printf("graph_s: %.3f\n", graph_s);
	printf("graph_vertices: %u\n", g.n);
	printf("graph_edges: %llu\n", (unsigned long long)wp_graph_edges(&g));
	bool verified = t->failed == 0 && t->connection_rows == gen_report.connection_rows &&
	                t->message_rows == gen_report.message_rows &&
	                stats.members == o.gen.members && stats.people > 0 && stats.ties > 0 &&
	                g.n == stats.people && wp_graph_edges(&g) == stats.ties;
	printf("verified: %s\n", verified ? "yes" : "no");
	wp_graph_free(&g);
	wp_workspace_close(ws);
	remove_workspace(ws_path); /* hundreds of MB, and the next run starts afresh anyway */
	return verified ? 0 : 1;
fail:
	wp_graph_free(&g);
	wp_workspace_close(ws);
	fprintf(stderr, "bench_import: %s\n", err);
	printf("verified: no\n");
	return 2;
bad:
	usage(stderr);
	return 1;
}
