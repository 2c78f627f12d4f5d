/* test_cli.c - the warmpath command: exit statuses, one-line errors, stats, convert and path.
 *
 * Runs the built binary (the Makefile passes its path in $WARMPATH) through the shell and checks
 * what it prints. Fixtures are opened relative to the repository root. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define KARATE "tests/fixtures/edgelist/karate.txt"

typedef struct run_result {
	int status;
	char out[65536];
	char err[4096];
} run_result;

static const char *binary(void)
{
	const char *b = getenv("WARMPATH");
	return b ? b : "build/warmpath";
}

/* Runs `warmpath ARGS` with stdout and stderr captured. */
static void run(run_result *r, const char *args)
{
	char cmd[2048], errpath[] = "/tmp/wp_cli_err_XXXXXX";
	int fd = mkstemp(errpath);
	cr_assert(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s %s 2>%s", binary(), args, errpath);
	FILE *p = popen(cmd, "r");
	cr_assert(not(eq(ptr, p, NULL)));
	size_t got = fread(r->out, 1, sizeof(r->out) - 1, p);
	r->out[got] = '\0';
	int st = pclose(p);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	FILE *e = fopen(errpath, "r");
	got = fread(r->err, 1, sizeof(r->err) - 1, e);
	r->err[got] = '\0';
	fclose(e);
	unlink(errpath);
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

Test(cli, prints_version_and_help)
{
	run_result r;
	run(&r, "--version");
	cr_assert(eq(int, r.status, 0));
	cr_assert(eq(int, strncmp(r.out, "warmpath ", 9), 0));
	run(&r, "--help");
	cr_assert(eq(int, r.status, 0));
	cr_assert(not(eq(ptr, strstr(r.out, "stats"), NULL)));
	run(&r, "stats --help");
	cr_assert(eq(int, r.status, 0));
	cr_assert(not(eq(ptr, strstr(r.out, "usage: warmpath stats"), NULL)));
}

Test(cli, usage_errors_exit_with_status_1)
{
	run_result r;
	run(&r, "frobnicate");
	cr_assert(eq(int, r.status, 1));
	cr_assert(
	        eq(str, r.err, "warmpath: unknown command 'frobnicate'\nTry 'warmpath --help'.\n"));
	run(&r, "stats");
	cr_assert(eq(int, r.status, 1));
	run(&r, "stats " KARATE " --format xml");
	cr_assert(eq(int, r.status, 1));
	cr_assert(not(eq(ptr, strstr(r.err, "--format must be table or json"), NULL)));
	run(&r, "path " KARATE " --from 1");
	cr_assert(eq(int, r.status, 1));
}

Test(cli, stats_json_has_the_documented_keys_and_values)
{
	run_result r;
	run(&r, "stats " KARATE " --format json");
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	json_error_t je;
	json_t *o = json_loads(r.out, 0, &je);
	cr_assert(not(eq(ptr, o, NULL)), "%s", je.text);
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "vertices")), 34));
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "edges")), 78));
	bool directed = json_is_true(json_object_get(o, "directed"));
	cr_assert(not(directed));
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "self_loops_removed")), 0));
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "multi_edges_merged")), 0));
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "components")), 1));
	cr_assert(
	        eq(i64, json_integer_value(json_object_get(o, "largest_component_vertices")), 34));
	json_t *d = json_object_get(o, "degree");
	cr_assert(eq(i64, json_integer_value(json_object_get(d, "min")), 1));
	cr_assert(eq(i64, json_integer_value(json_object_get(d, "max")), 17));
	cr_assert(epsilon_eq(dbl, json_real_value(json_object_get(d, "mean")), 156.0 / 34, 1e-12));
	/* Karate's sorted degrees have 3 and 3 at ranks 16 and 17 (0-based). */
	cr_assert(epsilon_eq(dbl, json_real_value(json_object_get(d, "median")), 3.0, 1e-12));
	/* 8 bytes per vertex + 1 and 4 per stored arc (both directions of 78 edges). */
	cr_assert(
	        eq(i64, json_integer_value(json_object_get(o, "memory_bytes")), 35 * 8 + 156 * 4));
	json_decref(o);
}

Test(cli, bad_input_gives_one_line_and_status_2)
{
	char path[] = "/tmp/wp_cli_bad_XXXXXX.txt";
	int fd = mkstemps(path, 4);
	cr_assert(fd >= 0);
	cr_assert(eq(int, (int)write(fd, "1 2\n2\n", 6), 6));
	close(fd);
	run_result r;
	char args[256];
	snprintf(args, sizeof(args), "stats %s", path);
	run(&r, args);
	cr_assert(eq(int, r.status, 2));
	char want[512];
	snprintf(want, sizeof(want), "warmpath: %s:2: expected two vertex labels, got 1\n", path);
	cr_assert(eq(str, r.err, want));
	cr_assert(eq(int, count_lines(r.err), 1));
	cr_assert(eq(str, r.out, ""));
	unlink(path);

	run(&r, "stats /nonexistent.txt");
	cr_assert(eq(int, r.status, 2));
	cr_assert(eq(str, r.err,
	             "warmpath: /nonexistent.txt: cannot open: No such file or directory\n"));
}

Test(cli, path_names_vertices_by_label_and_reports_unknown_ones)
{
	run_result r;
	run(&r, "path " KARATE " --from 1 --to 34 --format json");
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	json_t *o = json_loads(r.out, 0, NULL);
	cr_assert(not(eq(ptr, o, NULL)));
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "hops")), 2));
	json_t *p = json_object_get(o, "path");
	cr_assert(eq(sz, json_array_size(p), 3));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(p, 0)), "1"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(p, 2)), "34"));
	json_decref(o);

	run(&r, "path " KARATE " --from 1 --to 99");
	cr_assert(eq(int, r.status, 2));
	cr_assert(eq(str, r.err, "warmpath: no vertex labelled '99'\n"));
}

Test(cli, convert_round_trips_through_graphml_and_snapshot)
{
	char dir[] = "/tmp/wp_cli_convert_XXXXXX";
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
	char args[512];
	run_result r, before, after;

	run(&before, "stats " KARATE " --format json");
	snprintf(args, sizeof(args), "convert " KARATE " %s/k.graphml", dir);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	snprintf(args, sizeof(args), "convert %s/k.graphml %s/k.wpg", dir, dir);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	snprintf(args, sizeof(args), "convert %s/k.wpg %s/k.txt", dir, dir);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	snprintf(args, sizeof(args), "stats %s/k.txt --format json", dir);
	run(&after, args);
	cr_assert(eq(int, after.status, 0), "%s", after.err);
	cr_assert(eq(str, after.out, before.out));

	struct stat sb;
	snprintf(args, sizeof(args), "%s/k.wpg", dir);
	cr_assert(eq(int, stat(args, &sb), 0));
	cr_assert(eq(int, (int)(sb.st_mode & 0777), 0600), "snapshots hold personal data");

	snprintf(args, sizeof(args), "rm -rf %s", dir);
	cr_assert(eq(int, system(args), 0));
}

Test(cli, a_failed_convert_leaves_no_output_file)
{
	char dir[] = "/tmp/wp_cli_fail_XXXXXX";
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
	char args[512], out[300];
	run_result r;
	snprintf(args, sizeof(args), "printf 'a b\\nc\\n' > %s/bad.txt", dir);
	cr_assert(eq(int, system(args), 0));
	snprintf(args, sizeof(args), "convert %s/bad.txt %s/out.graphml", dir, dir);
	run(&r, args);
	cr_assert(eq(int, r.status, 2));
	snprintf(out, sizeof(out), "%s/out.graphml", dir);
	cr_assert(not(eq(int, access(out, F_OK), 0)), "no output after a failed conversion");
	snprintf(args, sizeof(args), "ls %s | wc -l | grep -qx 1", dir);
	cr_assert(eq(int, system(args), 0), "no temporary file left behind");
	snprintf(args, sizeof(args), "rm -rf %s", dir);
	cr_assert(eq(int, system(args), 0));
}
