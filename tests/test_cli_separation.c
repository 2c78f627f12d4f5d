/* test_cli_separation.c - `warmpath separation` end to end.
 *
 * Runs the built binary (the Makefile passes its path in $WARMPATH) on Zachary's karate club,
 * whose distance distribution igraph gives as 78, 265, 137, 73, 8 unordered pairs at distances
 * 1 to 5 (average 2.4082), on small hand-checked directed and disconnected graphs, and on a
 * workspace built from the bundled sample (checked against the same workspace exported to
 * GraphML). Checks the JSON keys and values, CSV, the table, the SVG chart (well-formed, one bar
 * per distance carrying its count), HyperANF's output (flagged, its standard error stated, its
 * estimate within it, identical for any --threads), and the statuses and one-line messages of
 * bad input (2) and usage errors (1).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KARATE "tests/fixtures/edgelist/karate.txt"
#define SAMPLE "examples/sample"

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

/* Runs `warmpath ARGS` (printf-style) with stdout and stderr captured. */
static void run(run_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void run(run_result *r, const char *fmt, ...)
{
	char args[2048], cmd[4096], errpath[] = "/tmp/wp_clisep_err_XXXXXX";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
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

static run_result *new_result(void)
{
	run_result *r = malloc(sizeof(*r));
	cr_assert(not(eq(ptr, r, NULL)));
	return r;
}

/* Writes text to a new temporary file whose name ends in suffix. */
static void write_temp(char *path, size_t len, const char *suffix, const char *text)
{
	snprintf(path, len, "/tmp/wp_clisep_XXXXXX%s", suffix);
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

static double num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	bool ok = json_is_number(v);
	cr_assert(ok, "no number \"%s\"", key);
	return json_number_value(v);
}

/* The error output is exactly one line. */
static void one_line(const char *err)
{
	const char *nl = strchr(err, '\n');
	cr_assert(not(eq(ptr, (void *)nl, NULL)), "no message");
	cr_assert(eq(str, (char *)nl + 1, ""), "more than one line: %s", err);
}

Test(cli_separation, json_has_exactly_the_documented_keys_and_igraphs_answer)
{
	run_result *r = new_result();
	run(r, "separation " KARATE " --format json");
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	json_t *o = parse(r->out);
	const char *keys[] = {"distance_distribution",
	                      "average_distance",
	                      "effective_diameter",
	                      "degrees_of_separation",
	                      "exact",
	                      "relative_standard_error"};
	cr_assert(eq(sz, json_object_size(o), 6));
	for (int i = 0; i < 6; i++)
		cr_assert(not(eq(ptr, json_object_get(o, keys[i]), NULL)), "%s", keys[i]);
	json_t *d = json_object_get(o, "distance_distribution");
	json_int_t want[] = {78, 265, 137, 73, 8};
	cr_assert(eq(sz, json_array_size(d), 5));
	for (size_t i = 0; i < 5; i++) {
		bool is_int = json_is_integer(json_array_get(d, i));
		cr_assert(is_int);
		cr_assert(eq(i64, json_integer_value(json_array_get(d, i)), want[i]));
	}
	/* igraph_average_path_length on karate: 1351 / 561. */
	cr_assert(epsilon_eq(dbl, num(o, "average_distance"), 1351.0 / 561, 1e-9));
	cr_assert(epsilon_eq(dbl, num(o, "degrees_of_separation"), 1351.0 / 561 - 1, 1e-9));
	/* Ordered N(t): 34, 190, 720, 994, 1140, 1156; 0.9 x 1156 = 1040.4 reached at t = 4:
	 * 3 + (1040.4 - 994) / 146. */
	cr_assert(epsilon_eq(dbl, num(o, "effective_diameter"), 3 + 46.4 / 146, 1e-9));
	bool exact = json_is_true(json_object_get(o, "exact"));
	cr_assert(exact);
	cr_assert(eq(dbl, num(o, "relative_standard_error"), 0));
	json_decref(o);
	free(r);
}

Test(cli_separation, hyperanf_is_flagged_with_its_error_and_independent_of_threads)
{
	run_result *r = new_result();
	run(r, "separation " KARATE " --approx --format json --seed 5 --threads 1");
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	json_t *o = parse(r->out);
	bool exact = json_is_false(json_object_get(o, "exact"));
	cr_assert(exact);
	double rse = num(o, "relative_standard_error");
	cr_assert(epsilon_eq(dbl, rse, 1.04 / sqrt(128), 1e-9));
	cr_assert(fabs(num(o, "average_distance") / (1351.0 / 561) - 1) <= 3 * rse);
	char *first = strdup(r->out);
	run(r, "separation " KARATE " --approx --format json --seed 5 --threads 3");
	cr_assert(eq(str, r->out, first));
	free(first);
	run(r, "separation " KARATE " --approx --registers 4 --format json");
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	json_t *o4 = parse(r->out);
	cr_assert(epsilon_eq(dbl, num(o4, "relative_standard_error"), 0.26, 1e-9));
	json_decref(o4);
	json_decref(o);
	/* The table says it is an estimate and how good. */
	run(r, "separation " KARATE " --approx");
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	cr_assert(not(eq(ptr,
	                 strstr(r->out, "estimated by HyperANF: 2^7 registers per counter, "
	                                "relative standard error 9.2% per counter"),
	                 NULL)),
	          "%s", r->out);
	free(r);
}

Test(cli_separation, table_and_csv)
{
	run_result *r = new_result();
	run(r, "separation " KARATE);
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	const char *want[] = {"34 vertices, 78 edges (undirected)",
	                      "exact:", "average distance             2.408",
	                      "degrees of separation        1.408",
	                      "connected pairs              561 of 561 (100.0%)"};
	for (int i = 0; i < 5; i++)
		cr_assert(not(eq(ptr, strstr(r->out, want[i]), NULL)), "%s in:\n%s", want[i],
		          r->out);
	run(r, "separation " KARATE " --format csv");
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	cr_assert(eq(int, strncmp(r->out, "distance,pairs,share,cumulative_share\n1,78,", 43), 0),
	          "%s", r->out);
	cr_assert(not(eq(ptr, strstr(r->out, "\n5,8,"), NULL)));
	cr_assert(not(eq(ptr, strstr(r->out, ",1\n"), NULL))); /* cumulative share ends at 1 */
	free(r);
}

Test(cli_separation, directed_and_disconnected_graphs)
{
	char path[64];
	/* a -> b -> c, and d - e apart: ordered pairs at 1: 3 (a-b, b-c, d-e), at 2: 1 (a-c). */
	write_temp(path, sizeof(path), ".txt", "a b\nb c\nd e\n");
	run_result *r = new_result();
	run(r, "separation %s --directed --format json", path);
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	json_t *o = parse(r->out);
	json_t *d = json_object_get(o, "distance_distribution");
	cr_assert(eq(sz, json_array_size(d), 2));
	cr_assert(eq(i64, json_integer_value(json_array_get(d, 0)), 3));
	cr_assert(eq(i64, json_integer_value(json_array_get(d, 1)), 1));
	cr_assert(epsilon_eq(dbl, num(o, "average_distance"), 5.0 / 4, 1e-12));
	json_decref(o);
	run(r, "separation %s --directed", path);
	cr_assert(not(eq(ptr, strstr(r->out, "4 of 20 ordered (20.0%)"), NULL)), "%s", r->out);
	unlink(path);

	/* No edge at all: JSON nulls, not NaN. */
	write_temp(path, sizeof(path), ".graphml",
	           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph "
	           "edgedefault=\"undirected\"><node id=\"a\"/><node id=\"b\"/></graph></graphml>");
	run(r, "separation %s --format json", path);
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	o = parse(r->out);
	cr_assert(eq(sz, json_array_size(json_object_get(o, "distance_distribution")), 0));
	bool null_avg = json_is_null(json_object_get(o, "average_distance"));
	cr_assert(null_avg);
	json_decref(o);
	run(r, "separation %s --format svg", path);
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	cr_assert(not(eq(ptr, strstr(r->out, ">no data</text>"), NULL)));
	unlink(path);
	free(r);
}

Test(cli_separation, svg_draws_one_bar_per_distance)
{
	run_result *r = new_result();
	run(r, "separation " KARATE " --format svg");
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	xmlDocPtr doc = xmlReadMemory(r->out, (int)strlen(r->out), "chart.svg", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	cr_assert(not(eq(ptr, doc, NULL)), "not XML:\n%s", r->out);
	xmlXPathContextPtr xp = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(xp, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
	xmlXPathObjectPtr bars = xmlXPathEvalExpression(BAD_CAST "//s:rect[@class='bar']", xp);
	cr_assert(eq(int, bars->nodesetval->nodeNr, 5));
	double want[] = {78, 265, 137, 73, 8};
	for (int i = 0; i < 5; i++) {
		xmlChar *v = xmlGetProp(bars->nodesetval->nodeTab[i], BAD_CAST "data-value");
		cr_assert(eq(dbl, strtod((char *)v, NULL), want[i]));
		xmlFree(v);
	}
	xmlXPathFreeObject(bars);
	xmlXPathFreeContext(xp);
	xmlFreeDoc(doc);
	cr_assert(not(eq(ptr, strstr(r->out, "1.41 degrees of separation"), NULL)));
	cr_assert(not(eq(ptr, strstr(r->out, ">distance (hops)<"), NULL)));
	free(r);
}

Test(cli_separation, workspace_matches_its_exported_graph)
{
	char dir[64], ws[128], graphml[160], line[1024];
	snprintf(dir, sizeof(dir), "/tmp/wp_clisep_ws_XXXXXX");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
	snprintf(ws, sizeof(ws), "%s/lumen.wpw", dir);
	snprintf(graphml, sizeof(graphml), "%s/people.graphml", dir);
	run_result *r = new_result();
	FILE *f = fopen(SAMPLE "/members.tsv", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL))); /* the header */
	for (int i = 0; i < 2 && fgets(line, sizeof(line), f); i++) {
		char *save = NULL;
		char *path = strtok_r(line, "\t\n", &save);
		char *name = strtok_r(NULL, "\t\n", &save);
		run(r, "import --workspace %s --member \"%s\" " SAMPLE "/%s", ws, name, path);
		cr_assert(eq(int, r->status, 0), "%s", r->err);
	}
	fclose(f);
	run(r, "separation --workspace %s --format json", ws);
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	char *from_ws = strdup(r->out);
	json_t *o = parse(from_ws);
	cr_assert(json_array_size(json_object_get(o, "distance_distribution")) >= 2);
	json_decref(o);
	run(r, "export --workspace %s %s", ws, graphml);
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	run(r, "separation %s --format json", graphml);
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	cr_assert(eq(str, r->out, from_ws));
	/* No personal data in the table: it speaks of the whole network. */
	run(r, "separation --workspace %s", ws);
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	cr_assert(eq(ptr, strstr(r->out, "Zo"), NULL));
	free(from_ws);
	snprintf(line, sizeof(line), "rm -rf '%s'", dir);
	cr_assert(eq(int, system(line), 0));
	free(r);
}

Test(cli_separation, bad_input_exits_2_with_one_line)
{
	char path[64];
	run_result *r = new_result();
	run(r, "separation /nonexistent/graph.txt");
	cr_assert(eq(int, r->status, 2));
	cr_assert(eq(str, r->err,
	             "warmpath: /nonexistent/graph.txt: cannot open: No such file or "
	             "directory\n"));
	write_temp(path, sizeof(path), ".txt", "a b\nc\n");
	run(r, "separation %s --format json", path);
	cr_assert(eq(int, r->status, 2));
	cr_assert(not(eq(ptr, strstr(r->err, ":2: "), NULL)), "%s", r->err);
	one_line(r->err);
	cr_assert(eq(str, r->out, ""));
	unlink(path);
	write_temp(path, sizeof(path), ".graphml", "<graphml><graph><node id=\"a\"></graph>");
	run(r, "separation %s --format svg", path);
	cr_assert(eq(int, r->status, 2));
	one_line(r->err);
	cr_assert(eq(str, r->out, ""));
	unlink(path);
	run(r, "separation --workspace /nonexistent/ws.wpw");
	cr_assert(eq(int, r->status, 2));
	one_line(r->err);
	free(r);
}

Test(cli_separation, usage_errors_exit_1)
{
	const char *bad[] = {"separation",
	                     "separation " KARATE " --exact --approx",
	                     "separation " KARATE " --registers 3",
	                     "separation " KARATE " --registers 17",
	                     "separation " KARATE " --registers 7x",
	                     "separation " KARATE " --seed -1",
	                     "separation " KARATE " --exact --seed 2",
	                     "separation " KARATE " --format xml",
	                     "separation " KARATE " --threads 0",
	                     "separation " KARATE " " KARATE,
	                     "separation --workspace x.wpw " KARATE,
	                     "separation --workspace x.wpw --directed",
	                     "separation " KARATE " --bogus"};
	run_result *r = new_result();
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		run(r, "%s", bad[i]);
		cr_assert(eq(int, r->status, 1), "%s: %d %s", bad[i], r->status, r->err);
		cr_assert(not(eq(ptr, strstr(r->err, "warmpath separation"), NULL)), "%s: %s",
		          bad[i], r->err);
		cr_assert(eq(str, r->out, ""));
	}
	run(r, "separation --help");
	cr_assert(eq(int, r->status, 0));
	cr_assert(not(eq(ptr, strstr(r->out, "distance_distribution"), NULL)));
	free(r);
}
