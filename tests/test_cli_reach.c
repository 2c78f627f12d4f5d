/* test_cli_reach.c - `warmpath reach` and `warmpath recruit` end to end.
 *
 * Runs the built binary ($WARMPATH) on a small hand-checked edge list and on a workspace imported
 * from the bundled sample archives (examples/sample), and checks the JSON keys and values, the
 * yield arithmetic (people x rate x gift per distance), the exact one-line errors of a bad seeds
 * file (exit 2) and of usage mistakes (exit 1), the SVG pictures, and that the output does not
 * depend on --threads.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SAMPLE "examples/sample"

typedef struct run_result {
	int status;
	char out[1 << 20];
	char err[8192];
} run_result;

static run_result R, R2;

static const char *binary(void)
{
	const char *b = getenv("WARMPATH");
	return b ? b : "build/warmpath";
}

static void run(run_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void run(run_result *r, const char *fmt, ...)
{
	char args[4096], cmd[8192], errpath[] = "/tmp/wp_clireach_err_XXXXXX";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	int fd = mkstemp(errpath);
	cr_assert(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "WARMPATH_NOW=2026-11-24 %s %s 2>%s", binary(), args, errpath);
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
	cr_assert(eq(ptr, strstr(r->err, "Sanitizer"), NULL), "%s", r->err);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert(not(eq(ptr, f, NULL)));
	fputs(text, f);
	fclose(f);
}

static json_t *parse(const char *text)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);
	cr_assert(not(eq(ptr, o, NULL)), "%s: %s", je.text, text);
	return o;
}

static json_int_t jint(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	bool ok = json_is_integer(v);
	cr_assert(ok, "no integer \"%s\"", key);
	return json_integer_value(v);
}

static double jnum(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	bool ok = json_is_number(v);
	cr_assert(ok, "no number \"%s\"", key);
	return json_number_value(v);
}

/* a-b-c-d-e, a-f-g, e-h: seeds a and e. Within 2 hops: b, f (1 from a), d, h (1 from e),
 * g (2 from a), c (2 from both). */
static char dir[64], graph[128], seeds[128];

static void fixture(void)
{
	snprintf(dir, sizeof(dir), "/tmp/wp_clireach_XXXXXX");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
	snprintf(graph, sizeof(graph), "%s/g.txt", dir);
	snprintf(seeds, sizeof(seeds), "%s/seeds.csv", dir);
	write_file(graph, "a b\nb c\nc d\nd e\na f\nf g\ne h\n");
	write_file(seeds, "label,role\n# the promoters\na,staff\n\ne,board\na,again\n");
}

static void cleanup(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert(eq(int, system(cmd), 0));
}

TestSuite(cli_reach, .init = fixture, .fini = cleanup);

Test(cli_reach, json_has_the_documented_keys_and_hand_checked_values)
{
	run(&R, "reach %s --seeds %s --hops 2 --format json", graph, seeds);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = parse(R.out);
	json_t *s = json_object_get(o, "seeds");
	cr_assert(eq(sz, json_array_size(s), 2)); /* the repeated a counts once */
	cr_assert(eq(str, (char *)json_string_value(json_array_get(s, 0)), "a"));
	cr_assert(eq(i64, jint(o, "hops"), 2));
	json_t *ph = json_object_get(o, "per_hop");
	cr_assert(eq(sz, json_array_size(ph), 2));
	cr_assert(eq(i64, json_integer_value(json_array_get(ph, 0)), 4));
	cr_assert(eq(i64, json_integer_value(json_array_get(ph, 1)), 2));
	cr_assert(eq(i64, jint(o, "reached"), 6));
	cr_assert(eq(i64, jint(o, "overlap"), 1));
	json_t *ps = json_object_get(o, "per_seed");
	cr_assert(eq(i64, jint(json_array_get(ps, 0), "reach"), 4)); /* b c f g */
	cr_assert(eq(i64, jint(json_array_get(ps, 0), "unique"), 3));
	cr_assert(eq(i64, jint(json_array_get(ps, 1), "reach"), 3)); /* c d h */
	bool nulls = json_is_null(json_object_get(o, "expected_responses")) &&
	             json_is_null(json_object_get(o, "expected_gross"));
	cr_assert(nulls, "no --rate: null yields");
	json_t *only = json_array_get(json_object_get(o, "only_through"), 0);
	json_t *people = json_object_get(only, "people");
	cr_assert(eq(sz, json_array_size(people), 3));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(people, 2)), "g"));
	json_decref(o);
}

Test(cli_reach, yield_is_people_times_rate_times_gift_per_distance)
{
	run(&R, "reach %s --seeds %s --hops 2 --rate 1:0.05,2:0.25 --gift 10 --format json", graph,
	    seeds);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = parse(R.out);
	cr_assert(epsilon_eq(dbl, jnum(o, "expected_responses"), 4 * 0.05 + 2 * 0.25, 1e-9));
	cr_assert(epsilon_eq(dbl, jnum(o, "expected_gross"), (4 * 0.05 + 2 * 0.25) * 10, 1e-9));
	json_t *y = json_array_get(json_object_get(o, "yield"), 1);
	cr_assert(epsilon_eq(dbl, jnum(y, "gross"), 5.0, 1e-9));
	json_decref(o);
	run(&R, "reach %s --seeds %s --hops 2 --rate 1:0.05,2:0.25 --gift 10", graph, seeds);
	cr_assert(eq(int, R.status, 0));
	cr_assert(not(eq(ptr, strstr(R.out, "2.00 = 4 x 0.05 x 10.00"), NULL)), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "5.00 = 2 x 0.25 x 10.00"), NULL)), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "only through a: b, f, g"), NULL)), "%s", R.out);
	run(&R, "reach %s --seeds %s --hops 2 --rate 1:0.5 --format csv", graph, seeds);
	cr_assert(eq(str, R.out,
	             "distance,people,rate,expected_responses,expected_gross\n"
	             "1,4,0.5,2,\n2,2,0,0,\ntotal,6,,2,\n"));
}

Test(cli_reach, a_bad_seeds_file_names_the_line_and_exits_2)
{
	char bad[160];
	snprintf(bad, sizeof(bad), "%s/bad.txt", dir);
	write_file(bad, "a\n# fine\nzz\n");
	run(&R, "reach %s --seeds %s --hops 2", graph, bad);
	cr_assert(eq(int, R.status, 2));
	char want[256];
	snprintf(want, sizeof(want), "warmpath: %s:3: no vertex labelled 'zz'\n", bad);
	cr_assert(eq(str, R.err, want));
	cr_assert(eq(str, R.out, ""));
	run(&R, "recruit %s --budget 2 --hops 1 --candidates %s", graph, bad);
	cr_assert(eq(int, R.status, 2));
	cr_assert(eq(str, R.err, want));
	write_file(bad, "# nobody\n");
	run(&R, "reach %s --seeds %s --hops 2", graph, bad);
	cr_assert(eq(int, R.status, 2));
	run(&R, "reach %s --seeds %s/missing.txt --hops 2", graph, dir);
	cr_assert(eq(int, R.status, 2));
}

Test(cli_reach, usage_errors_exit_1)
{
	const char *cases[][2] = {
	        {"reach %s --seeds %s", "warmpath reach: --hops H is required"},
	        {"reach %s --seeds %s --hops 2 --rate 3:0.1", "outside 1 to --hops 2"},
	        {"reach %s --seeds %s --hops 2 --rate 1:2", "must be a share from 0 to 1"},
	        {"reach %s --seeds %s --hops 2 --gift 5", "--gift needs --rate"},
	        {"reach %s --seeds %s --hops 2 --members", "give either --seeds FILE or --members"},
	        {"reach %s --seeds %s --hops 0", "--hops needs a number from 1 to 250"},
	        {"reach %s --seeds %s --hops 2 --min-warmth 0.5", "--min-warmth needs tie warmths"},
	        {"recruit %s --budget 2 --candidates %s", "--hops H is required"},
	        {"recruit %s --hops 2 --candidates %s", "--budget K is required"},
	        {"recruit %s --budget 2 --model ic --candidates %s", "--model ic needs --p P"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run(&R, cases[i][0], graph, seeds);
		cr_assert(eq(int, R.status, 1), "%s: %s", cases[i][0], R.err);
		cr_assert(not(eq(ptr, strstr(R.err, cases[i][1]), NULL)), "%s: %s", cases[i][0],
		          R.err);
	}
}

Test(cli_reach, recruit_json_lists_the_reach_curve_and_the_guarantee)
{
	run(&R, "recruit %s --budget 3 --hops 1 --format json", graph);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = parse(R.out);
	json_t *picks = json_object_get(o, "picks");
	cr_assert(eq(sz, json_array_size(picks), 3));
	const char *want[] = {"a", "d", "e"};
	json_int_t gains[] = {3, 3, 1}, cov[] = {3, 6, 7};
	for (size_t i = 0; i < 3; i++) {
		json_t *p = json_array_get(picks, i);
		cr_assert(eq(str, (char *)json_string_value(json_object_get(p, "vertex")),
		             (char *)want[i]));
		cr_assert(eq(i64, jint(p, "gain"), gains[i]));
		cr_assert(eq(i64, jint(p, "covered"), cov[i]));
	}
	json_t *g = json_object_get(o, "guarantee");
	cr_assert(epsilon_eq(dbl, jnum(g, "approximation"), 1 - exp(-1.0), 1e-9));
	json_decref(o);
}

Test(cli_reach, output_does_not_depend_on_the_thread_count)
{
	run(&R, "recruit %s --budget 3 --model ic --p 0.4 --mc-runs 2000 --format json --threads 1",
	    graph);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	run(&R2,
	    "recruit %s --budget 3 --model ic --p 0.4 --mc-runs 2000 --format json --threads 2",
	    graph);
	cr_assert(eq(str, R.out, R2.out));
	run(&R, "reach %s --seeds %s --hops 2 --format json --no-per-seed", graph, seeds);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = parse(R.out);
	json_t *first = json_array_get(json_object_get(o, "per_seed"), 0);
	bool null_reach = json_is_null(json_object_get(first, "reach"));
	cr_assert(null_reach);
	cr_assert(eq(i64, jint(first, "unique"), 3));
	cr_assert(eq(i64, jint(o, "reached"), 6));
	json_decref(o);
	run(&R, "reach %s --seeds %s --hops 3 --format json --threads 1", graph, seeds);
	run(&R2, "reach %s --seeds %s --hops 3 --format json --threads 2", graph, seeds);
	cr_assert(eq(int, R.status, 0));
	cr_assert(eq(str, R.out, R2.out));
}

Test(cli_reach, svg_draws_the_distribution_and_the_curve)
{
	run(&R, "reach %s --seeds %s --hops 2 --format svg", graph, seeds);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.out, "<svg"), NULL)));
	cr_assert(not(eq(ptr, strstr(R.out, "</svg>"), NULL)));
	run(&R, "recruit %s --budget 3 --hops 1 --format svg", graph);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.out, "</svg>"), NULL)));
}

/* The first n members of the sample, imported into dir/lumen.wpw. */
static void import_sample(char *ws, size_t cap)
{
	FILE *f = fopen(SAMPLE "/members.tsv", "r");
	char line[1024];
	cr_assert(not(eq(ptr, f, NULL)));
	snprintf(ws, cap, "%s/lumen.wpw", dir);
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL)));
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL;
		char *path = strtok_r(line, "\t\n", &save);
		char *name = strtok_r(NULL, "\t\n", &save);
		char *url = strtok_r(NULL, "\t\n", &save);
		run(&R, "import --workspace %s --member \"%s\" --member-url '%s' " SAMPLE "/%s", ws,
		    name, url, path);
		cr_assert(eq(int, R.status, 0), "%s: %s", name, R.err);
	}
	fclose(f);
}

Test(cli_reach, workspace_members_are_seeds_and_candidates)
{
	char ws[160], file[160], want[512];
	import_sample(ws, sizeof(ws));
	run(&R, "reach --workspace %s --members --hops 2 --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = parse(R.out);
	cr_assert(eq(sz, json_array_size(json_object_get(o, "seeds")), 5));
	json_t *ph = json_object_get(o, "per_hop");
	json_int_t sum = 0;
	for (size_t i = 0; i < json_array_size(ph); i++)
		sum += json_integer_value(json_array_get(ph, i));
	cr_assert(eq(i64, sum, jint(o, "reached")));
	cr_assert(lt(i64, 100, sum));
	json_int_t all = sum;
	json_decref(o);
	/* Warm ties only: fewer people. */
	run(&R, "reach --workspace %s --members --hops 2 --min-warmth 0.5 --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	o = parse(R.out);
	cr_assert(lt(i64, jint(o, "reached"), all));
	json_decref(o);
	/* A seeds file of names; an unknown name is an error naming its line. */
	snprintf(file, sizeof(file), "%s/promoters.txt", dir);
	write_file(file, "Zoë Brandt\nleila haddad\n");
	run(&R, "reach --workspace %s --seeds %s --hops 1 --format json", ws, file);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	o = parse(R.out);
	json_t *s = json_object_get(o, "seeds");
	cr_assert(eq(str, (char *)json_string_value(json_array_get(s, 0)), "Zoë Brandt"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(s, 1)), "Leïla Haddad"));
	json_decref(o);
	write_file(file, "Zoë Brandt\nNobody Atall Xq\n");
	run(&R, "reach --workspace %s --seeds %s --hops 1", ws, file);
	cr_assert(eq(int, R.status, 2));
	snprintf(want, sizeof(want), "warmpath: %s:2: ", file);
	cr_assert(eq(int, strncmp(R.err, want, strlen(want)), 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "Nobody Atall Xq"), NULL)), "%s", R.err);
	/* Recruit among the members, and by IMM with warmths as probabilities. */
	run(&R, "recruit --workspace %s --budget 2 --hops 2 --candidates members --format json",
	    ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	o = parse(R.out);
	json_t *p = json_array_get(json_object_get(o, "picks"), 0);
	cr_assert(eq(str, (char *)json_string_value(json_object_get(p, "vertex")), "Zoë Brandt"));
	json_decref(o);
	run(&R, "recruit --workspace %s --budget 2 --model ic --mc-runs 500 --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	o = parse(R.out);
	cr_assert(eq(str, (char *)json_string_value(json_object_get(o, "p")), "warmth"));
	cr_assert(eq(sz, json_array_size(json_object_get(o, "picks")), 2));
	json_decref(o);
	run(&R, "recruit %s --budget 2 --hops 1 --candidates members", graph);
	cr_assert(eq(int, R.status, 1));
}
