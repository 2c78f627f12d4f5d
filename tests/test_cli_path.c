/* test_cli_path.c - `warmpath path` end to end: one query, alternatives, weights, --pairs.
 *
 * Runs the built binary (the Makefile passes its path in $WARMPATH) on Zachary's karate club and
 * on small weighted graphs written to temporary files. Checks the JSON shape (from, to, hops,
 * path, alternatives; cost, warmth and weakest for weighted ranks), the table, the CSV of
 * --pairs (header, quoting, empty hops where there is no chain, comments and a header row in the
 * input, output independent of --threads), and the exit statuses and one-line messages of bad
 * input (2) and usage errors (1).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KARATE "tests/fixtures/edgelist/karate.txt"

typedef struct run_result {
	int status;
	char out[262144];
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
	char cmd[4096], errpath[] = "/tmp/wp_clip_err_XXXXXX";
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

/* Writes text to a new temporary file whose name ends in suffix; path receives its name. */
static void write_temp(char *path, size_t len, const char *suffix, const char *text)
{
	snprintf(path, len, "/tmp/wp_clip_XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	cr_assert(fd >= 0);
	cr_assert(eq(sz, (size_t)write(fd, text, strlen(text)), strlen(text)));
	close(fd);
}

static json_t *parse(const char *text)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);
	cr_assert(not(eq(ptr, o, NULL)), "%s: %s", je.text, text);
	return o;
}

/* A weighted social graph: Ann knows Bob warmly, Bob knows "Smith, Jane" coldly, and so on.
 * Warmest Ann -> Dan: Ann - Cat - Eve - Dan (0.9^3 = 0.729) beats Ann - Bob - Dan (0.9 x 0.2).
 * Widest: the same chain (weakest 0.9). Fewest hops: Ann - Bob - Dan. Gus is alone. */
static const char social[] = "source,target,weight\n"
                             "Ann,Bob,0.9\n"
                             "Bob,Dan,0.2\n"
                             "Ann,Cat,0.9\n"
                             "Cat,Eve,0.9\n"
                             "Eve,Dan,0.9\n"
                             "Bob,\"Smith, Jane\",0.3\n"
                             "Gus,Hal,1\n";

Test(cli_path, json_has_the_documented_shape)
{
	run_result r;
	run(&r, "path " KARATE " --from 1 --to 34 --format json --alternatives 3");
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	json_t *o = parse(r.out);
	const char *keys[] = {"from",    "to", "hops", "path", "alternatives", "disjoint_chains",
	                      "fallback"};
	size_t i = 0;
	const char *key;
	json_t *value;
	json_object_foreach(o, key, value)
	{
		cr_assert(lt(sz, i, sizeof(keys) / sizeof(keys[0])), "extra key %s", key);
		cr_assert(eq(str, (char *)key, (char *)keys[i]));
		i++;
	}
	cr_assert(eq(sz, i, sizeof(keys) / sizeof(keys[0])));
	cr_assert(eq(str, (char *)json_string_value(json_object_get(o, "from")), "1"));
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "hops")), 2));
	json_t *alts = json_object_get(o, "alternatives");
	cr_assert(eq(sz, json_array_size(alts), 2));
	for (size_t k = 0; k < 2; k++) {
		json_t *a = json_array_get(alts, k);
		cr_assert(eq(i64, json_integer_value(json_object_get(a, "hops")), 2));
		cr_assert(eq(sz, json_array_size(json_object_get(a, "path")), 3));
		bool disjoint = json_is_true(json_object_get(a, "disjoint"));
		cr_assert(disjoint);
	}
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "disjoint_chains")), 3));
	bool fallback = json_is_true(json_object_get(o, "fallback"));
	cr_assert(not(fallback));
	json_decref(o);

	/* No chain: hops null, empty path and alternatives. */
	char graph[64];
	write_temp(graph, sizeof(graph), ".csv", social);
	char args[256];
	snprintf(args, sizeof(args), "path %s --from Ann --to Gus --format json", graph);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	cr_assert(eq(str, r.out,
	             "{\"from\": \"Ann\", \"to\": \"Gus\", \"hops\": null, \"path\": [], "
	             "\"alternatives\": []}\n"));
	unlink(graph);
}

Test(cli_path, weighted_and_bottleneck_chains_report_their_warmth)
{
	run_result r;
	char graph[64], args[512];
	write_temp(graph, sizeof(graph), ".csv", social);

	snprintf(args, sizeof(args), "path %s --from Ann --to Dan --weighted --format json", graph);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	json_t *o = parse(r.out);
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "hops")), 3));
	json_t *p = json_object_get(o, "path");
	cr_assert(eq(str, (char *)json_string_value(json_array_get(p, 1)), "Cat"));
	double w = (double)0.9f;
	cr_assert(epsilon_eq(dbl, json_real_value(json_object_get(o, "warmth")), w * w * w, 1e-9));
	cr_assert(epsilon_eq(dbl, json_real_value(json_object_get(o, "cost")), -3 * log(w), 1e-9));
	cr_assert(epsilon_eq(dbl, json_real_value(json_object_get(o, "weakest")), w, 1e-9));
	json_decref(o);

	/* With at most 2 hops the warmest chain is the cold one through Bob. */
	snprintf(args, sizeof(args), "path %s --from Ann --to Dan --weighted --max-hops 2", graph);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	cr_assert(eq(str, r.out, "Ann -> Bob -> Dan\n2 hops, warmth 0.18, weakest tie 0.2\n"));

	snprintf(args, sizeof(args), "path %s --from Ann --to Dan --bottleneck", graph);
	run(&r, args);
	cr_assert(eq(str, r.out,
	             "Ann -> Cat -> Eve -> Dan\n3 hops, warmth 0.729, weakest tie 0.9\n"));

	snprintf(args, sizeof(args), "path %s --from Ann --to Dan", graph);
	run(&r, args);
	cr_assert(eq(str, r.out, "Ann -> Bob -> Dan\n2 hops\n"));

	snprintf(args, sizeof(args), "path %s --from Ann --to Dan --avoid Bob --max-hops 2", graph);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	cr_assert(eq(str, r.out,
	             "no chain from Ann to Dan within 2 hops that avoids everyone in --avoid\n"));

	snprintf(args, sizeof(args), "path %s --from Ann --to Dan --alternatives 3", graph);
	run(&r, args);
	cr_assert(eq(str, r.out,
	             "chain 1: Ann -> Bob -> Dan  (2 hops)\n"
	             "chain 2: Ann -> Cat -> Eve -> Dan  (3 hops)\n"
	             "note: only 2 chains avoid each other's introducers\n"
	             "note: no further chain exists\n"));
	unlink(graph);
}

Test(cli_path, bad_weights_and_unknown_people_exit_with_status_2)
{
	run_result r;
	char graph[64], args[512];
	write_temp(graph, sizeof(graph), ".txt", "a b 0.5\nb c 2\n");
	snprintf(args, sizeof(args), "path %s --from a --to c --weighted", graph);
	run(&r, args);
	cr_assert(eq(int, r.status, 2));
	char want[256];
	snprintf(want, sizeof(want),
	         "warmpath: %s: the tie 'b' - 'c' has weight 2; warmth must be in (0, 1]\n", graph);
	cr_assert(eq(str, r.err, want));
	/* Fewest hops never reads the weights. */
	snprintf(args, sizeof(args), "path %s --from a --to c", graph);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	unlink(graph);

	run(&r, "path " KARATE " --from 1 --to 2 --weighted");
	cr_assert(eq(int, r.status, 2));
	cr_assert(eq(str, r.err,
	             "warmpath: " KARATE
	             ": the graph has no edge weights; warmth-ranked chains need "
	             "a warmth in (0, 1] on every edge\n"));
	run(&r, "path " KARATE " --from 1 --to 2 --avoid 99");
	cr_assert(eq(int, r.status, 2));
	cr_assert(eq(str, r.err, "warmpath: no vertex labelled '99'\n"));
}

Test(cli_path, usage_errors_exit_with_status_1)
{
	static const char *const bad[] = {
	        "path " KARATE " --from 1 --to 2 --weighted --bottleneck",
	        "path " KARATE " --from 1 --to 2 --max-hops 0",
	        "path " KARATE " --from 1 --to 2 --alternatives x",
	        "path " KARATE " --from 1 --to 2 --avoid 1",
	        "path " KARATE " --from 1 --to 2 --format csv",
	        "path " KARATE " --from 1 --pairs x.csv",
	        "path " KARATE " --pairs x.csv --alternatives 2",
	        "path " KARATE " --pairs x.csv --format table",
	        "path " KARATE " --from 1 --to 2 --rank warmest",
	        "path " KARATE,
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		run_result r;
		run(&r, bad[i]);
		cr_assert(eq(int, r.status, 1), "%s: %s", bad[i], r.err);
		cr_assert(eq(int, strncmp(r.err, "warmpath path: ", 15), 0), "%s", r.err);
	}
}

Test(cli_path, pairs_give_one_csv_row_per_line_in_order)
{
	run_result r;
	char graph[64], pairs[64], args[512];
	write_temp(graph, sizeof(graph), ".csv", social);
	write_temp(pairs, sizeof(pairs), ".csv",
	           "from,to\n"
	           "# a comment\n"
	           "Ann,Dan\n"
	           "Ann,\"Smith, Jane\"\n"
	           "\n"
	           "Gus,Ann\n"
	           "Hal,Hal\n");
	snprintf(args, sizeof(args), "path %s --pairs %s", graph, pairs);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	cr_assert(eq(str, r.out,
	             "from,to,hops\n"
	             "Ann,Dan,2\n"
	             "Ann,\"Smith, Jane\",2\n"
	             "Gus,Ann,\n"
	             "Hal,Hal,0\n"));

	snprintf(args, sizeof(args), "path %s --pairs %s --weighted", graph, pairs);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	cr_assert(eq(str, r.out,
	             "from,to,hops,warmth\n"
	             "Ann,Dan,3,0.729\n"
	             "Ann,\"Smith, Jane\",2,0.27\n"
	             "Gus,Ann,,\n"
	             "Hal,Hal,0,1\n"));

	snprintf(args, sizeof(args), "path %s --pairs %s --format json --bottleneck --threads 1",
	         graph, pairs);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	json_t *a = parse(r.out);
	cr_assert(eq(sz, json_array_size(a), 4));
	json_t *q = json_array_get(a, 2);
	bool nulls = json_is_null(json_object_get(q, "hops")) &&
	             json_is_null(json_object_get(q, "weakest"));
	cr_assert(nulls);
	cr_assert(epsilon_eq(dbl, json_real_value(json_object_get(json_array_get(a, 0), "weakest")),
	                     (double)0.9f, 1e-9));
	json_decref(a);
	unlink(pairs);

	write_temp(pairs, sizeof(pairs), ".csv", "Ann,Dan\nAnn,Zed\n");
	snprintf(args, sizeof(args), "path %s --pairs %s", graph, pairs);
	run(&r, args);
	cr_assert(eq(int, r.status, 2));
	char want[256];
	snprintf(want, sizeof(want), "warmpath: %s:2: no vertex labelled 'Zed'\n", pairs);
	cr_assert(eq(str, r.err, want));
	cr_assert(eq(str, r.out, ""));
	unlink(pairs);

	write_temp(pairs, sizeof(pairs), ".csv", "Ann,Dan\nAnn\n");
	snprintf(args, sizeof(args), "path %s --pairs %s", graph, pairs);
	run(&r, args);
	cr_assert(eq(int, r.status, 2));
	snprintf(want, sizeof(want), "warmpath: %s:2: expected two labels (from,to), got 1 field\n",
	         pairs);
	cr_assert(eq(str, r.err, want));
	unlink(pairs);
	unlink(graph);
}

static int count_rows(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

Test(cli_path, pairs_output_does_not_depend_on_the_thread_count)
{
	char pairs[64], args[512], *text = malloc(1 << 20);
	size_t len = 0;
	unsigned x = 12345;
	for (int i = 0; i < 3000; i++) {
		x = x * 1103515245u + 12345u;
		int a = 1 + (int)((x >> 8) % 34);
		x = x * 1103515245u + 12345u;
		int b = 1 + (int)((x >> 8) % 34);
		len += (size_t)snprintf(text + len, 64, "%d,%d\n", a, b);
	}
	write_temp(pairs, sizeof(pairs), ".csv", text);
	static run_result one[2], many;
	static const char *const extra[2] = {"", "--avoid 34 --max-hops 3"};
	for (int k = 0; k < 2; k++) {
		snprintf(args, sizeof(args), "path " KARATE " --pairs %s --threads 1 %s", pairs,
		         extra[k]);
		run(&one[k], args);
		cr_assert(eq(int, one[k].status, 0), "%s", one[k].err);
		cr_assert(eq(int, count_rows(one[k].out), 3001));
	}
	static const char *const threads[] = {"2", "4", "7"};
	for (int t = 0; t < 3; t++)
		for (int k = 0; k < 2; k++) {
			snprintf(args, sizeof(args), "path " KARATE " --pairs %s --threads %s %s",
			         pairs, threads[t], extra[k]);
			run(&many, args);
			cr_assert(eq(int, many.status, 0), "%s", many.err);
			cr_assert(eq(str, many.out, one[k].out), "%s threads %s", threads[t],
			          extra[k]);
		}
	unlink(pairs);
	free(text);
}

Test(cli_path, a_cut_vertex_is_reported_in_the_table)
{
	run_result r;
	char graph[64], args[512];
	write_temp(graph, sizeof(graph), ".txt", "s a\ns b\na c\nb c\nc t\n");
	snprintf(args, sizeof(args), "path %s --from s --to t --alternatives 2", graph);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	cr_assert(
	        eq(str, r.out,
	           "chain 1: s -> a -> c -> t  (3 hops)\n"
	           "chain 2: s -> b -> c -> t  (3 hops; shares introducers with an earlier chain)\n"
	           "note: every other chain shares an introducer with chain 1\n"));
	unlink(graph);
}
