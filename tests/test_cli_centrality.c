/* test_cli_centrality.c - `warmpath centrality` and `warmpath communities` end to end.
 *
 * Runs the built binary (the Makefile passes its path in $WARMPATH) on Zachary's karate club,
 * whose fixture numbers the members 1..34 as in the paper, so label L is igraph_famous's vertex
 * L - 1. Every measure's CSV must hold one row per vertex in input order and equal igraph's
 * values (full precision); the table shows the top K sorted with ties in input order; JSON parses
 * and says null for NaN; the output does not depend on --threads; usage errors exit 1 and bad
 * input 2, each with one line. Communities: one row per vertex, and the reported modularity is
 * igraph's for the printed membership.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <igraph.h>
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
	char cmd[2048], errpath[] = "/tmp/wp_clic_err_XXXXXX";
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

/* Parses CSV output "vertex,<measure>" of karate into values[label - 1]; checks the header and
 * that rows come in the fixture's input order. */
static void parse_csv(const char *out, const char *measure, double values[34])
{
	/* First appearance of each label in karate.txt's edge list. */
	static const int input_order[34] = {2,  1,  3,  4,  5,  6,  7,  8,  9,  11, 12, 13,
	                                    14, 18, 20, 22, 32, 31, 28, 29, 33, 10, 17, 34,
	                                    15, 16, 19, 21, 23, 26, 24, 30, 25, 27};
	char header[64];
	snprintf(header, sizeof(header), "vertex,%s\n", measure);
	cr_assert(eq(int, strncmp(out, header, strlen(header)), 0), "%s", out);
	const char *p = out + strlen(header);
	for (int i = 0; i < 34; i++) {
		char *end = NULL;
		long label = strtol(p, &end, 10);
		cr_assert(eq(chr, *end, ','), "row %d: %.40s", i, p);
		cr_assert(eq(int, (int)label, input_order[i]), "row %d", i);
		values[label - 1] = strtod(end + 1, &end);
		cr_assert(eq(chr, *end, '\n'));
		p = end + 1;
	}
	cr_assert(eq(chr, *p, '\0'));
}

enum oracle {
	CLOSENESS,
	CLOSENESS_NORM,
	HARMONIC,
	PAGERANK,
	DEGREE,
	CORENESS,
	EIGENVECTOR,
	CLUSTERING,
	BETWEENNESS,
	BETWEENNESS_NORM
};

typedef struct measure_case {
	char measure[16];
	char extra[32];
	int oracle;
} measure_case;

static measure_case measure_cases[] = {
        {"closeness", "", CLOSENESS},     {"closeness", "--normalized", CLOSENESS_NORM},
        {"harmonic", "", HARMONIC},       {"pagerank", "", PAGERANK},
        {"degree", "", DEGREE},           {"coreness", "", CORENESS},
        {"eigenvector", "", EIGENVECTOR}, {"clustering", "", CLUSTERING},
        {"betweenness", "", BETWEENNESS}, {"betweenness", "--normalized", BETWEENNESS_NORM},
};

static void igraph_values(int oracle, const igraph_t *ig, double want[34])
{
	igraph_vector_t v;
	igraph_vector_int_t iv;
	igraph_vector_init(&v, 0);
	igraph_vector_int_init(&iv, 0);
	switch (oracle) {
	case CLOSENESS:
	case CLOSENESS_NORM:
		igraph_closeness(ig, &v, NULL, NULL, igraph_vss_all(), IGRAPH_OUT, NULL,
		                 oracle == CLOSENESS_NORM);
		break;
	case HARMONIC:
		igraph_harmonic_centrality(ig, &v, igraph_vss_all(), IGRAPH_OUT, NULL, false);
		break;
	case PAGERANK:
		igraph_pagerank(ig, IGRAPH_PAGERANK_ALGO_PRPACK, &v, NULL, igraph_vss_all(), true,
		                0.85, NULL, NULL);
		break;
	case DEGREE:
		igraph_strength(ig, &v, igraph_vss_all(), IGRAPH_ALL, true, NULL);
		break;
	case CORENESS:
		igraph_coreness(ig, &iv, IGRAPH_ALL);
		igraph_vector_resize(&v, 34);
		for (int i = 0; i < 34; i++)
			VECTOR(v)[i] = (double)VECTOR(iv)[i];
		break;
	case EIGENVECTOR: {
		igraph_arpack_options_t o;
		igraph_arpack_options_init(&o);
		igraph_eigenvector_centrality(ig, &v, NULL, true, true, NULL, &o);
		break;
	}
	case CLUSTERING:
		igraph_transitivity_local_undirected(ig, &v, igraph_vss_all(),
		                                     IGRAPH_TRANSITIVITY_NAN);
		break;
	default:
		igraph_betweenness(ig, &v, igraph_vss_all(), true, NULL);
		if (oracle == BETWEENNESS_NORM)
			for (int i = 0; i < 34; i++)
				VECTOR(v)[i] *= 2.0 / (33.0 * 32.0);
		break;
	}
	for (int i = 0; i < 34; i++)
		want[i] = VECTOR(v)[i];
	igraph_vector_destroy(&v);
	igraph_vector_int_destroy(&iv);
}

ParameterizedTestParameters(cli_centrality, csv_equals_igraph_on_karate)
{
	return cr_make_param_array(measure_case, measure_cases,
	                           sizeof(measure_cases) / sizeof(measure_cases[0]));
}

ParameterizedTest(measure_case *c, cli_centrality, csv_equals_igraph_on_karate)
{
	static run_result r;
	char args[256];
	double got[34], want[34];
	igraph_t ig;
	snprintf(args, sizeof(args), "centrality " KARATE " --measure %s %s --format csv",
	         c->measure, c->extra);
	run(&r, args);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	parse_csv(r.out, c->measure, got);
	igraph_famous(&ig, "Zachary");
	igraph_values(c->oracle, &ig, want);
	double tol = c->oracle == PAGERANK ? 1e-6 : 1e-9;
	for (int i = 0; i < 34; i++) {
		if (isnan(want[i])) {
			cr_assert(isnan(got[i]), "label %d: %.17g, igraph NaN", i + 1, got[i]);
			continue;
		}
		cr_assert(le(dbl, fabs(got[i] - want[i]), tol * fmax(1.0, fabs(want[i]))),
		          "label %d: ours %.17g, igraph %.17g", i + 1, got[i], want[i]);
	}
	igraph_destroy(&ig);
}

Test(cli_centrality, table_shows_the_top_k_with_ties_in_input_order)
{
	static run_result r;
	run(&r, "centrality " KARATE " --measure coreness --top 3");
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	/* Coreness 4 is shared by 1, 2, 3, 4, 8, 14; input order starts 2, 1, 3. */
	cr_assert(eq(str, r.out,
	             "rank   vertex coreness\n"
	             "1      2      4\n"
	             "2      1      4\n"
	             "3      3      4\n"
	             "(3 of 34 vertices; --top 0 shows all)\n"));
	run(&r, "centrality " KARATE " --measure degree");
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	int lines = 0;
	for (const char *p = r.out; *p; p++)
		lines += *p == '\n';
	cr_assert(eq(int, lines, 22)); /* header, 20 rows, the "(20 of 34" line */
	cr_assert(eq(int,
	             strncmp(r.out + strlen("rank   vertex degree\n"), "1      34     17\n", 17),
	             0),
	          "%s", r.out);
}

Test(cli_centrality, json_has_the_documented_shape_and_null_for_nan)
{
	static run_result r;
	char path[] = "/tmp/wp_clic_XXXXXX.txt";
	int fd = mkstemps(path, 4);
	cr_assert(fd >= 0);
	/* a -> b -> c: c reaches nothing, so its closeness is NaN. */
	cr_assert(eq(int, (int)write(fd, "a b\nb c\n", 8), 8));
	close(fd);
	char args[256];
	snprintf(args, sizeof(args), "centrality %s --directed --measure closeness --format json",
	         path);
	run(&r, args);
	unlink(path);
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	json_error_t je;
	json_t *o = json_loads(r.out, 0, &je);
	cr_assert(not(eq(ptr, o, NULL)), "%s: %s", je.text, r.out);
	cr_assert(eq(str, (char *)json_string_value(json_object_get(o, "measure")), "closeness"));
	bool directed = json_is_true(json_object_get(o, "directed"));
	bool approximate = json_is_true(json_object_get(o, "approximate"));
	cr_assert(directed);
	cr_assert(not(approximate));
	cr_assert(eq(i64, json_integer_value(json_object_get(o, "vertices")), 3));
	json_t *values = json_object_get(o, "values");
	cr_assert(eq(sz, json_array_size(values), 3));
	json_t *a = json_array_get(values, 0), *c = json_array_get(values, 2);
	cr_assert(eq(str, (char *)json_string_value(json_object_get(a, "vertex")), "a"));
	cr_assert(eq(dbl, json_real_value(json_object_get(a, "closeness")), 1.0 / 3));
	cr_assert(eq(str, (char *)json_string_value(json_object_get(c, "vertex")), "c"));
	bool is_null = json_is_null(json_object_get(c, "closeness"));
	cr_assert(is_null);
	json_decref(o);
}

Test(cli_centrality, output_does_not_depend_on_the_thread_count)
{
	static run_result one, r;
	static const char *measures[] = {"closeness", "harmonic", "pagerank", "betweenness"};
	for (int m = 0; m < 4; m++) {
		char args[256];
		snprintf(args, sizeof(args),
		         "centrality " KARATE " --measure %s --format csv --threads 1",
		         measures[m]);
		run(&one, args);
		cr_assert(eq(int, one.status, 0), "%s", one.err);
		for (int t = 2; t <= 7; t++) {
			snprintf(args, sizeof(args),
			         "centrality " KARATE " --measure %s --format csv --threads %d",
			         measures[m], t);
			run(&r, args);
			cr_assert(eq(str, r.out, one.out), "%s with %d threads", measures[m], t);
		}
	}
}

Test(cli_centrality, approximate_closeness_says_so)
{
	static run_result r;
	run(&r, "centrality " KARATE " --measure harmonic --approx 0.5 --seed 3 --format json");
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	json_t *o = json_loads(r.out, 0, NULL);
	cr_assert(not(eq(ptr, o, NULL)));
	bool approximate = json_is_true(json_object_get(o, "approximate"));
	cr_assert(approximate);
	json_decref(o);
	run(&r, "centrality " KARATE " --measure closeness --approx 0.5");
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	cr_assert(not(eq(ptr, strstr(r.out, "(approximate values)"), NULL)));
}

Test(cli_centrality, personalised_pagerank_from_members)
{
	static run_result r;
	double got[34];
	run(&r, "centrality " KARATE " --measure pagerank --personalize 1 --personalize 34 "
	        "--format csv");
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	parse_csv(r.out, "pagerank", got);
	igraph_t ig;
	igraph_vector_t v, reset;
	igraph_famous(&ig, "Zachary");
	igraph_vector_init(&v, 0);
	igraph_vector_init(&reset, 34);
	VECTOR(reset)[0] = VECTOR(reset)[33] = 1;
	igraph_personalized_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &v, NULL, igraph_vss_all(),
	                             true, 0.85, &reset, NULL, NULL);
	double l1 = 0;
	for (int i = 0; i < 34; i++)
		l1 += fabs(got[i] - VECTOR(v)[i]);
	cr_assert(le(dbl, l1, 1e-6));
	igraph_vector_destroy(&v);
	igraph_vector_destroy(&reset);
	igraph_destroy(&ig);

	run(&r, "centrality " KARATE " --measure pagerank --personalize nobody");
	cr_assert(eq(int, r.status, 2));
	cr_assert(not(eq(ptr, strstr(r.err, "nobody"), NULL)), "%s", r.err);
}

typedef struct usage_case {
	char args[96];
	char message[96];
} usage_case;

static usage_case usage_cases[] = {
        {"centrality " KARATE, "--measure is required"},
        {"centrality " KARATE " --measure fame", "unknown measure 'fame'"},
        {"centrality --measure degree", "expected one GRAPH file"},
        {"centrality " KARATE " --measure pagerank --cutoff 2", "--cutoff applies to closeness"},
        {"centrality " KARATE " --measure degree --approx 0.1", "--approx applies to betweenness"},
        {"centrality " KARATE " --measure closeness --approx 2", "--approx needs an EPS in (0, 1)"},
        {"centrality " KARATE " --measure degree --format xml",
         "--format must be table, csv or json"},
        {"centrality " KARATE " --measure closeness --damping 0.5", "--damping and --personalize"},
        {"centrality " KARATE " --measure closeness --mode all", "--mode for closeness must be"},
        {"centrality " KARATE " --measure pagerank --normalized", "--normalized does not apply"},
        {"communities " KARATE " --method magic", "--method must be leiden or louvain"},
        {"communities " KARATE " --resolution -1", "--resolution needs a number > 0"},
        {"communities", "expected one GRAPH file"},
};

ParameterizedTestParameters(cli_centrality, usage_errors_exit_1_with_one_reason)
{
	return cr_make_param_array(usage_case, usage_cases,
	                           sizeof(usage_cases) / sizeof(usage_cases[0]));
}

ParameterizedTest(usage_case *c, cli_centrality, usage_errors_exit_1_with_one_reason)
{
	static run_result r;
	run(&r, c->args);
	cr_assert(eq(int, r.status, 1), "%s", r.err);
	cr_assert(not(eq(ptr, strstr(r.err, c->message), NULL)), "%s", r.err);
	cr_assert(eq(str, r.out, ""));
}

Test(cli_centrality, weighted_needs_weights_in_the_file)
{
	static run_result r;
	run(&r, "centrality " KARATE " --measure pagerank --weighted");
	cr_assert(eq(int, r.status, 2));
	cr_assert(eq(str, r.err,
	             "warmpath: " KARATE ": --weighted, but the graph has no edge "
	             "weights\n"));
}

Test(cli_centrality, help_lists_the_commands_and_measures)
{
	static run_result r;
	run(&r, "--help");
	cr_assert(not(eq(ptr, strstr(r.out, "centrality"), NULL)));
	cr_assert(not(eq(ptr, strstr(r.out, "communities"), NULL)));
	run(&r, "centrality --help");
	cr_assert(eq(int, r.status, 0));
	cr_assert(not(eq(ptr, strstr(r.out, "eigenvector"), NULL)));
	run(&r, "communities --help");
	cr_assert(eq(int, r.status, 0));
	cr_assert(not(eq(ptr, strstr(r.out, "louvain"), NULL)));
}

/* Reads CSV "vertex,community" of karate into an igraph membership vector. */
static void parse_membership(const char *out, igraph_vector_int_t *m)
{
	cr_assert(eq(int, strncmp(out, "vertex,community\n", 17), 0), "%s", out);
	const char *p = out + 17;
	igraph_vector_int_init(m, 34);
	for (int i = 0; i < 34; i++) {
		char *end = NULL;
		long label = strtol(p, &end, 10);
		cr_assert(eq(chr, *end, ','));
		VECTOR(*m)[label - 1] = strtol(end + 1, &end, 10);
		cr_assert(eq(chr, *end, '\n'));
		p = end + 1;
	}
	cr_assert(eq(chr, *p, '\0'));
}

Test(cli_communities, csv_and_json_agree_and_modularity_is_igraphs)
{
	static run_result csv, js;
	static const char *methods[] = {"leiden", "louvain"};
	for (int i = 0; i < 2; i++) {
		char args[256];
		snprintf(args, sizeof(args),
		         "communities " KARATE " --method %s --seed 7 --format csv", methods[i]);
		run(&csv, args);
		cr_assert(eq(int, csv.status, 0), "%s", csv.err);
		snprintf(args, sizeof(args),
		         "communities " KARATE " --method %s --seed 7 --format json", methods[i]);
		run(&js, args);
		cr_assert(eq(int, js.status, 0), "%s", js.err);
		igraph_vector_int_t m;
		parse_membership(csv.out, &m);
		json_error_t je;
		json_t *o = json_loads(js.out, 0, &je);
		cr_assert(not(eq(ptr, o, NULL)), "%s", je.text);
		cr_assert(eq(str, (char *)json_string_value(json_object_get(o, "method")),
		             (char *)methods[i]));
		json_t *members = json_object_get(o, "membership");
		cr_assert(eq(sz, json_array_size(members), 34));
		for (size_t j = 0; j < 34; j++) {
			json_t *row = json_array_get(members, j);
			long label =
			        strtol(json_string_value(json_object_get(row, "vertex")), NULL, 10);
			cr_assert(eq(i64, json_integer_value(json_object_get(row, "community")),
			             VECTOR(m)[label - 1]));
		}
		igraph_t ig;
		igraph_real_t q = 0;
		igraph_famous(&ig, "Zachary");
		igraph_modularity(&ig, &m, NULL, 1.0, false, &q);
		cr_assert(epsilon_eq(dbl, json_real_value(json_object_get(o, "modularity")), q,
		                     1e-12));
		cr_assert(lt(dbl, 0.37, q));
		/* Sizes add up and the most central member of each community is in it. */
		json_t *comms = json_object_get(o, "communities");
		json_int_t total = 0;
		for (size_t k = 0; k < json_array_size(comms); k++) {
			json_t *ck = json_array_get(comms, k);
			total += json_integer_value(json_object_get(ck, "size"));
			json_t *top = json_array_get(json_object_get(ck, "central"), 0);
			long label =
			        strtol(json_string_value(json_object_get(top, "vertex")), NULL, 10);
			cr_assert(eq(i64, VECTOR(m)[label - 1], (json_int_t)k));
		}
		cr_assert(eq(i64, total, 34));
		json_decref(o);
		igraph_vector_int_destroy(&m);
		igraph_destroy(&ig);
	}
}

Test(cli_communities, table_has_the_summary)
{
	static run_result r;
	run(&r, "communities " KARATE " --top 2");
	cr_assert(eq(int, r.status, 0), "%s", r.err);
	static const char first[] = "method       leiden (resolution 1, seed 1)\n";
	cr_assert(eq(int, strncmp(r.out, first, sizeof(first) - 1), 0), "%s", r.out);
	cr_assert(not(eq(ptr, strstr(r.out, "modularity   0.4"), NULL)), "%s", r.out);
	cr_assert(not(eq(ptr, strstr(r.out, "0         13       34, 33, ...\n"), NULL)), "%s",
	          r.out);
}
