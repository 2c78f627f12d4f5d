/* test_bench_suite.c - `warmpath bench`: the suite parser, and tiny suites end to end.
 *
 * The parser is tested directly (bench/suite.h): what a good suite expands to, and the exact
 * one-line `file:line: what` message of each kind of mistake, with nothing half-added. Then the
 * built binary ($WARMPATH) runs tiny suites with verification on, and its JSON, CSV and Markdown
 * reports are parsed and checked for every column, one row per dataset x kernel x threads, and
 * every verdict "yes" (or "n/a" where no check applies). Timings are printed, never asserted.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/generate.h"
#include "bench/suite.h"
#include "importers/import.h"
#include "tests/support/cli_run.h"

#define KARATE "tests/fixtures/edgelist/karate.txt"

static cli_run_result r;

/* Parses text as suite "s.suite" and returns the status; err receives the message. */
static wp_status parse(const char *text, bench_suite *s, char *err)
{
	err[0] = '\0';
	return bench_suite_parse("s.suite", text, s, err);
}

Test(bench_suite, expands_datasets_kernels_threads_and_settings)
{
	bench_suite s = {0};
	char err[WP_ERR_LEN];
	const char *text = "# a comment line\n"
	                   "\n"
	                   "kron:12:16   bfs,cc            threads=1,2   # trailing comment\n"
	                   "ba:5000:4\tpagerank trials=3 seed=9 sample=10 pairs=50 eps=0.05\n"
	                   "ws:1000:6:0.25 all\n"
	                   "gnp:100:0.5 load directed\n"
	                   "uniform:3:1 coreness\n"
	                   "some/graph.graphml.gz path,bc-approx\n";
	cr_assert(eq(int, parse(text, &s, err), WP_OK), "%s", err);
	cr_assert(eq(sz, s.count, 6));
	bench_job *j = s.jobs;
	cr_assert(eq(int, j[0].dataset.source, BENCH_KRON));
	cr_assert(eq(u64, j[0].dataset.a, 12));
	cr_assert(eq(u64, j[0].dataset.b, 16));
	cr_assert(eq(str, j[0].dataset.text, "kron:12:16"));
	cr_assert(eq(sz, j[0].nkernels, 2));
	cr_assert(eq(str, (char *)j[0].kernels[0]->name, "bfs"));
	cr_assert(eq(str, (char *)j[0].kernels[1]->name, "cc"));
	cr_assert(eq(sz, j[0].nthreads, 2));
	cr_assert(eq(int, j[0].threads[1], 2));
	cr_assert(eq(u32, j[0].trials, BENCH_DEFAULT_TRIALS));
	cr_assert(eq(u64, j[0].seed, BENCH_DEFAULT_SEED));

	cr_assert(eq(int, j[1].dataset.source, BENCH_BA));
	cr_assert(eq(u32, j[1].trials, 3));
	cr_assert(eq(u64, j[1].seed, 9));
	cr_assert(eq(u32, j[1].sample, 10));
	cr_assert(eq(u32, j[1].pairs, 50));
	cr_assert(eq(dbl, j[1].eps, 0.05));
	cr_assert(eq(sz, j[1].nthreads, 1), "threads default to 1 in a suite");

	cr_assert(eq(int, j[2].dataset.source, BENCH_WS));
	cr_assert(eq(dbl, j[2].dataset.p, 0.25));
	cr_assert(eq(sz, j[2].nkernels, bench_kernel_count), "all is every registered kernel");
	cr_assert(eq(int, j[3].dataset.source, BENCH_GNP));
	cr_assert(j[3].directed);
	cr_assert(eq(int, j[4].dataset.source, BENCH_UNIFORM));
	cr_assert(eq(int, j[5].dataset.source, BENCH_FILE));
	cr_assert(eq(str, j[5].dataset.text, "some/graph.graphml.gz"));
	bench_suite_free(&s);
}

typedef struct bad_case {
	char text[128];
	char message[320];
} bad_case;

ParameterizedTestParameters(bench_suite, reports_each_mistake_as_file_line_what)
{
	static bad_case cases[] = {
	        {"kron:10:16 bfs\nkron:10:16 bfx\n",
	         "s.suite:2: unknown kernel 'bfx' (known: load, bfs, path, bc, bc-approx, "
	         "closeness, harmonic, pagerank, cc, coreness, all)"},
	        {"kron:x:16 bfs\n",
	         "s.suite:1: dataset 'kron:x:16' should be kron:SCALE:EDGE_FACTOR (scale 1..30, "
	         "edge "
	         "factor and edges per vertex 1..1024, K even and below N, P in [0, 1])"},
	        {"# c\n\nkron:31:16 bfs\n",
	         "s.suite:3: dataset 'kron:31:16' should be kron:SCALE:EDGE_FACTOR (scale 1..30, "
	         "edge factor and edges per vertex 1..1024, K even and below N, P in [0, 1])"},
	        {"ws:100:5:0.1 cc\n",
	         "s.suite:1: dataset 'ws:100:5:0.1' should be ws:N:K:P (scale 1..30, edge factor "
	         "and edges per vertex 1..1024, K even and below N, P in [0, 1])"},
	        {"gnp:100 cc\n", "s.suite:1: dataset 'gnp:100' should be gnp:N:P"},
	        {"ba:100:2 cc threads=1,0\n",
	         "s.suite:1: thread count '0' is not a number in 1..1024"},
	        {"ba:100:2 cc threads=1,,2\n",
	         "s.suite:1: thread count '' is not a number in 1..1024"},
	        {"ba:100:2\n", "s.suite:1: expected DATASET KERNELS [key=value ...]"},
	        {"ba:100:2 cc trials=0\n", "s.suite:1: trials '0' is not a number in 1..1000"},
	        {"ba:100:2 cc eps=2\n", "s.suite:1: eps '2' is not a number in (0, 1)"},
	        {"ba:100:2 cc fast\n", "s.suite:1: expected key=value, got 'fast'"},
	        {"ba:100:2 cc colour=red\n",
	         "s.suite:1: unknown setting 'colour' (threads, trials, seed, sample, pairs, eps, "
	         "directed)"},
	        {"# nothing but comments\n\n",
	         "s.suite: no jobs (expected lines of DATASET KERNELS [key=value ...])"},
	};
	return cr_make_param_array(bad_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(bad_case *c, bench_suite, reports_each_mistake_as_file_line_what)
{
	bench_suite s = {0};
	char err[WP_ERR_LEN];
	cr_assert(eq(int, parse("kron:4:1 bfs\n", &s, err), WP_OK));
	cr_assert(eq(int, parse(c->text, &s, err), WP_EINPUT));
	cr_assert(eq(str, err, c->message));
	cr_assert(eq(sz, s.count, 1), "a bad suite adds none of its lines");
	bench_suite_free(&s);
}

Test(bench_suite, a_bad_suite_file_exits_2_with_one_line_and_writes_nothing)
{
	char dir[64], cmd[512];
	cli_run_tmpdir(dir, "bsuite");
	snprintf(cmd, sizeof(cmd),
	         "printf 'kron:6:4 bfs\\nkron:6:4 cc threads=x\\n' > %s/bad.suite", dir);
	cr_assert(eq(int, system(cmd), 0));
	cli_run(&r, "bench --suite %s/bad.suite --out %s/out.json", dir, dir);
	cr_assert(eq(int, r.status, 2));
	char want[256];
	snprintf(want, sizeof(want),
	         "warmpath: %s/bad.suite:2: thread count 'x' is not a number in 1..1024\n", dir);
	cr_assert(eq(str, r.err, want));
	cr_assert(eq(str, r.out, ""));
	snprintf(cmd, sizeof(cmd), "%s/out.json", dir);
	cr_assert(not(eq(int, access(cmd, F_OK), 0)), "no report for a suite that did not run");

	cli_run(&r, "bench --suite %s/missing.suite", dir);
	cr_assert(eq(int, r.status, 2));
	cr_assert(not(eq(ptr, strstr(r.err, "missing.suite: cannot read"), NULL)), "%s", r.err);
	cli_run_rmdir(dir);
}

Test(bench_suite, usage_errors_exit_1)
{
	cli_run(&r, "bench");
	cr_assert(eq(int, r.status, 1));
	cr_assert(not(eq(ptr, strstr(r.err, "give either --suite FILE or --graph DATASET"), NULL)));
	cli_run(&r, "bench --graph kron:4:1 --out x.txt");
	cr_assert(eq(int, r.status, 1));
	cr_assert(not(eq(ptr,
	                 strstr(r.err, "x.txt: the output's extension must be .json, .csv or "
	                               ".md"),
	                 NULL)));
	cli_run(&r, "bench --graph kron:4:1 --kernel bogus");
	cr_assert(eq(int, r.status, 1));
	cr_assert(not(eq(ptr, strstr(r.err, "unknown kernel 'bogus'"), NULL)));
	cli_run(&r, "bench --graph nosuch/file.el --kernel cc");
	cr_assert(eq(int, r.status, 2), "a missing graph file is bad input");
}

static const char *const row_keys[] = {"dataset",  "n",          "m",        "kernel",  "threads",
                                       "trials",   "min_s",      "median_s", "max_s",   "mteps",
                                       "rss_mb",   "baseline_s", "baseline", "ratio",   "speedup",
                                       "verified", "check",      "machine",  "revision"};

Test(bench_suite, a_tiny_suite_runs_end_to_end_with_verification, .timeout = 300)
{
	char dir[64], cmd[1024];
	cli_run_tmpdir(dir, "bsuite");
	/* Every kernel on a small Kronecker graph with 1 and 2 threads; three other generators;
	 * a real network from a file. */
	snprintf(cmd, sizeof(cmd),
	         "printf '# tiny\\nkron:8:8 all threads=1,2 trials=2\\n"
	         "ba:600:3 bfs,cc trials=2\\nws:400:6:0.1 path,closeness trials=2 pairs=40\\n"
	         "gnp:300:0.03 coreness,harmonic trials=1\\n"
	         "%s load,bfs,bc,pagerank trials=2\\n' > %s/tiny.suite",
	         KARATE, dir);
	cr_assert(eq(int, system(cmd), 0));
	cli_run(&r,
	        "bench --suite %s/tiny.suite --tmpdir %s --out %s/r.json --out %s/r.csv --out "
	        "%s/r.md",
	        dir, dir, dir, dir, dir);
	cr_log_info("%s", r.out); /* the timings, for whoever reads the log */
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	cr_assert(not(eq(ptr, strstr(r.out, "verified"), NULL)));

	size_t want_rows = 10 * 2 + 2 + 2 + 2 + 4;
	snprintf(cmd, sizeof(cmd), "%s/r.json", dir);
	json_error_t je;
	json_t *doc = json_load_file(cmd, 0, &je);
	cr_assert(not(eq(ptr, doc, NULL)), "%s", je.text);
	json_t *rows = json_object_get(doc, "rows");
	bool is_array = json_is_array(rows);
	cr_assert(is_array);
	cr_assert(eq(sz, json_array_size(rows), want_rows));
	cr_assert(not(eq(ptr, json_object_get(doc, "machine"), NULL)));
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		for (size_t k = 0; k < sizeof(row_keys) / sizeof(row_keys[0]); k++)
			cr_assert(not(eq(ptr, json_object_get(row, row_keys[k]), NULL)),
			          "row %zu has no %s", i, row_keys[k]);
		const char *kernel = cli_run_jstr(row, "kernel");
		const char *verified = cli_run_jstr(row, "verified");
		bool ok = strcmp(verified, "yes") == 0;
		cr_assert(ok, "row %zu (%s on %s): verified %s: %s", i, kernel,
		          cli_run_jstr(row, "dataset"), verified, cli_run_jstr(row, "check"));
		cr_assert(ge(int, (int)cli_run_jint(row, "trials"), 1));
		json_t *median = json_object_get(row, "median_s");
		bool real = json_is_real(median);
		cr_assert(real, "row %zu: median_s is a number", i);
		/* MTEPS only for BFS; a baseline for every kernel igraph has. */
		bool mteps = json_is_real(json_object_get(row, "mteps"));
		cr_assert(eq(int, mteps, strcmp(kernel, "bfs") == 0), "row %zu (%s): mteps", i,
		          kernel);
		bool base = json_is_real(json_object_get(row, "baseline_s"));
		bool wants_base = strcmp(kernel, "bc-approx") != 0 &&
		                  !(strcmp(kernel, "load") == 0 &&
		                    strcmp(cli_run_jstr(row, "dataset"), KARATE) == 0);
		cr_assert(eq(int, base, wants_base), "row %zu (%s on %s): baseline", i, kernel,
		          cli_run_jstr(row, "dataset"));
	}
	/* The 2-thread row of a kernel has a speed-up against its 1-thread row. */
	json_t *second = json_array_get(rows, 1);
	cr_assert(eq(int, (int)cli_run_jint(second, "threads"), 2));
	bool speedup = json_is_real(json_object_get(second, "speedup"));
	cr_assert(speedup);
	json_decref(doc);

	snprintf(cmd, sizeof(cmd), "%s/r.csv", dir);
	FILE *f = fopen(cmd, "r");
	cr_assert(not(eq(ptr, f, NULL)));
	char line[2048];
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL)));
	cr_assert(eq(str, line,
	             "dataset,n,m,kernel,threads,trials,min_s,median_s,max_s,mteps,rss_mb,"
	             "baseline_s,ratio,speedup,verified,check,baseline,machine,revision,date\n"));
	size_t lines = 0;
	while (fgets(line, sizeof(line), f) != NULL)
		lines++;
	fclose(f);
	cr_assert(eq(sz, lines, want_rows));

	snprintf(cmd, sizeof(cmd), "grep -c '^| kron:8:8 | 256 |' %s/r.md > %s/count", dir, dir);
	cr_assert(eq(int, system(cmd), 0));
	snprintf(cmd, sizeof(cmd), "%s/count", dir);
	f = fopen(cmd, "r");
	int md_rows = 0;
	cr_assert(eq(int, fscanf(f, "%d", &md_rows), 1));
	fclose(f);
	cr_assert(eq(int, md_rows, 20), "one Markdown row per kron:8:8 measurement");
	snprintf(cmd, sizeof(cmd), "ls %s | grep -c warmpath-bench > /dev/null", dir);
	cr_assert(not(eq(int, system(cmd), 0)), "load's temporary edge lists are removed");
	cli_run_rmdir(dir);
}

Test(bench_suite, save_writes_the_generated_graph_as_edge_list_or_snapshot)
{
	char dir[64], path[128], err[WP_ERR_LEN] = "";
	cli_run_tmpdir(dir, "bsave");
	wp_edgebuf eb = {0};
	wp_graph want = {0};
	cr_assert(eq(int, wp_generate_barabasi(&eb, 3000, 3, BENCH_DEFAULT_SEED, err), WP_OK));
	cr_assert(eq(int, wp_graph_build(&want, &eb, false, err), WP_OK));
	static const char *const names[] = {"g.el", "g.wpg"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		cli_run(&r, "bench --graph ba:3000:3 --save %s", path);
		cr_assert(eq(int, r.status, 0), "%s", r.err);
		wp_graph g = {0};
		wp_import_opts o = WP_IMPORT_DEFAULTS;
		cr_assert(eq(int, wp_import_graph(&g, path, WP_FORMAT_AUTO, &o, err), WP_OK), "%s",
		          err);
		cr_assert(eq(u64, wp_graph_edges(&g), wp_graph_edges(&want)), "%s", names[i]);
		wp_graph_free(&g);
	}
	wp_graph_free(&want);
	cli_run_rmdir(dir);
}
