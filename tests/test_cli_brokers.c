/* test_cli_brokers.c - the structure commands on a workspace: `warmpath brokers`, and
 * `centrality` and `communities` with --workspace.
 *
 * Imports the bundled sample (examples/sample: five members of a fictional non-profit) into a
 * fresh workspace with the built binary ($WARMPATH), then checks the commands' output against
 * oracles computed here from the same workspace through the library: brokerage against
 * igraph_betweenness_subset from the members to the prospects (doubled: an undirected pair is
 * counted once, not halved), centrality against igraph_betweenness and igraph's degree, member
 * reach against igraph's two-hop neighbourhoods, and the communities' companies and members
 * against counts made from the CSV membership. Error cases: exact one-line messages, exit 1 for
 * usage and 2 for bad input. WARMPATH_NOW fixes the clock, so warmth does not drift.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <igraph.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/identity.h"
#include "engine/igraph_bridge.h"
#include "engine/workspace.h"
#include "tests/support/cli_run.h"

#define SAMPLE "examples/sample"

static cli_run_result R; /* too big for the stack */

static char dir[64], ws_path[128];

/* A fresh workspace holding the whole sample (five members). */
static void setup(void)
{
	char line[1024];
	wp_igraph_setup();
	snprintf(dir, sizeof(dir), "/tmp/wp_clibr_XXXXXX");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
	snprintf(ws_path, sizeof(ws_path), "%s/lumen.wpw", dir);
	FILE *f = fopen(SAMPLE "/members.tsv", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL))); /* the header */
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL, *path = strtok_r(line, "\t\n", &save);
		char *name = strtok_r(NULL, "\t\n", &save);
		cr_assert(path && name);
		cli_run(&R, "import --workspace %s --member \"%s\" " SAMPLE "/%s", ws_path, name,
		        path);
		cr_assert(eq(int, R.status, 0), "%s: %s", name, R.err);
	}
	fclose(f);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert(eq(int, system(cmd), 0));
}

static double jnum(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	bool ok = json_is_number(v);
	cr_assert(ok, "no number \"%s\"", key);
	return json_number_value(v);
}

/* The workspace's graph as the commands see it, with igraph's copy and the member flags. */
typedef struct oracle {
	wp_graph g;
	igraph_t ig;
	bool *member;
	int member_col, company_col;
	uint32_t members;
} oracle;

static void oracle_load(oracle *o)
{
	char err[WP_ERR_LEN] = "";
	wp_workspace *ws = NULL;
	int64_t now = 0;
	memset(o, 0, sizeof(*o));
	cr_assert(eq(int, wp_workspace_open(&ws, ws_path, false, err), WP_OK), "%s", err);
	now = 1795478400; /* 2026-11-24, as WARMPATH_NOW */
	wp_workspace_set_clock(ws, now);
	cr_assert(eq(int, wp_workspace_graph(ws, &o->g, err), WP_OK), "%s", err);
	wp_workspace_close(ws);
	cr_assert(eq(int, wp_igraph_from_graph(&o->g, &o->ig, NULL, err), WP_OK), "%s", err);
	o->member_col = wp_attrs_find(&o->g.attrs, "member");
	o->company_col = wp_attrs_find(&o->g.attrs, "company");
	cr_assert(o->member_col >= 0 && o->company_col >= 0);
	o->member = calloc(o->g.n, sizeof(*o->member));
	for (wp_vertex v = 0; v < o->g.n; v++) {
		o->member[v] = wp_attrs_get(&o->g.attrs, o->member_col, v)[0] == '1';
		o->members += o->member[v];
	}
	cr_assert(eq(u32, o->members, 5));
}

static void oracle_free(oracle *o)
{
	igraph_destroy(&o->ig);
	wp_graph_free(&o->g);
	free(o->member);
}

static wp_vertex vertex_named(oracle *o, const char *label)
{
	wp_vertex v = WP_NO_VERTEX;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_labels_lookup(&o->g.labels, label, strlen(label), &v, err), WP_OK),
	          "%s", err);
	return v;
}

/* Members other than v within two hops of v, by igraph's neighbourhood. */
static uint32_t members_2_hops(const oracle *o, wp_vertex v)
{
	igraph_vector_int_list_t res;
	uint32_t count = 0;
	igraph_vector_int_list_init(&res, 0);
	igraph_neighborhood(&o->ig, &res, igraph_vss_1(v), 2, IGRAPH_ALL, 1);
	igraph_vector_int_t *nb = igraph_vector_int_list_get_ptr(&res, 0);
	for (igraph_integer_t i = 0; i < igraph_vector_int_size(nb); i++)
		count += o->member[VECTOR(*nb)[i]];
	igraph_vector_int_list_destroy(&res);
	return count;
}

/* Brokerage as the command defines it: subset betweenness from the members to the prospects
 * (is_target and not a member), doubled. */
static void oracle_brokerage(const oracle *o, const bool *is_target, igraph_vector_t *res)
{
	igraph_vector_int_t sv, tv;
	igraph_vector_int_init(&sv, 0);
	igraph_vector_int_init(&tv, 0);
	for (wp_vertex v = 0; v < o->g.n; v++) {
		if (o->member[v])
			igraph_vector_int_push_back(&sv, v);
		else if (is_target == NULL || is_target[v])
			igraph_vector_int_push_back(&tv, v);
	}
	igraph_vector_init(res, 0);
	cr_assert(
	        eq(int,
	           igraph_betweenness_subset(&o->ig, res, igraph_vss_all(), false,
	                                     igraph_vss_vector(&sv), igraph_vss_vector(&tv), NULL),
	           IGRAPH_SUCCESS));
	igraph_vector_scale(res, 2.0);
	igraph_vector_int_destroy(&sv);
	igraph_vector_int_destroy(&tv);
}

static bool close_enough(double a, double b)
{
	double scale = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= 1e-9 * scale || scale < 1e-12;
}

/* Checks a brokers JSON array: every row's brokerage, member flag and member reach equal the
 * oracle's, rows in decreasing brokerage, and (when all is true) every person with brokerage > 0
 * listed. Returns the number of rows. */
static size_t check_brokers(oracle *o, const char *text, const igraph_vector_t *want, bool all,
                            bool non_members)
{
	json_t *a = cli_run_json(text);
	size_t rows = json_array_size(a), positive = 0;
	double last = INFINITY;
	for (size_t i = 0; i < rows; i++) {
		json_t *row = json_array_get(a, i);
		wp_vertex v = vertex_named(o, cli_run_jstr(row, "person"));
		double b = jnum(row, "brokerage");
		cr_assert(close_enough(b, VECTOR(*want)[v]), "%s: %.17g, igraph %.17g",
		          cli_run_jstr(row, "person"), b, VECTOR(*want)[v]);
		cr_assert(le(dbl, b, last), "rows out of order at %zu", i);
		last = b;
		cr_assert(eq(dbl, jnum(row, "rank"), (double)(i + 1)));
		cr_assert(eq(str, (char *)cli_run_jstr(row, "member"), o->member[v] ? "yes" : ""));
		bool member_listed = non_members && o->member[v];
		cr_assert(not(member_listed), "a member listed with --non-members");
		cr_assert(eq(str, (char *)cli_run_jstr(row, "company"),
		             (char *)wp_attrs_get(&o->g.attrs, o->company_col, v)));
		if (i < 40)
			cr_assert(eq(dbl, jnum(row, "members_2_hops"), members_2_hops(o, v)), "%s",
			          cli_run_jstr(row, "person"));
	}
	for (wp_vertex v = 0; v < o->g.n; v++)
		positive += VECTOR(*want)[v] > 1e-12 && !(non_members && o->member[v]);
	if (all)
		cr_assert(eq(sz, rows, positive));
	json_decref(a);
	return rows;
}

Test(cli_brokers, ranks_people_by_member_to_prospect_brokerage, .init = setup, .fini = teardown)
{
	oracle o;
	igraph_vector_t want;
	oracle_load(&o);
	oracle_brokerage(&o, NULL, &want);
	cli_run(&R, "brokers --workspace %s --top 0 --format json --threads 2", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(lt(sz, 10, check_brokers(&o, R.out, &want, true, false)));
	/* --non-members: the same values, the members left out. */
	cli_run(&R, "brokers --workspace %s --top 0 --format json --non-members", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(lt(sz, 5, check_brokers(&o, R.out, &want, true, true)));
	cli_run(&R, "brokers --workspace %s --top 0 --format json", ws_path);
	/* The same bytes with one thread or seven. */
	char *two = strdup(R.out);
	cli_run(&R, "brokers --workspace %s --top 0 --format json --threads 1", ws_path);
	cr_assert(eq(str, R.out, two));
	cli_run(&R, "brokers --workspace %s --top 0 --format json --threads 7", ws_path);
	cr_assert(eq(str, R.out, two));
	free(two);

	/* The table: the summary line, then the 20 highest. */
	cli_run(&R, "brokers --workspace %s", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, strncmp(R.out, "5 members, ", 11), 0), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "brokerage"), NULL)));
	cli_run(&R, "brokers --workspace %s --top 3", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.out, "--top 0 shows all"), NULL)), "%s", R.out);
	cli_run(&R, "brokers --workspace %s --top 3 --format csv", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int,
	             strncmp(R.out, "rank,person,company,member,brokerage,share,members_2_hops\n",
	                     58),
	             0),
	          "%s", R.out);
	int lines = 0;
	for (const char *s = R.out; *s; s++)
		lines += *s == '\n';
	cr_assert(eq(int, lines, 4));
	igraph_vector_destroy(&want);
	oracle_free(&o);
}

Test(cli_brokers, prospects_at_a_company_or_from_a_file, .init = setup, .fini = teardown)
{
	oracle o;
	igraph_vector_t want;
	char company[512] = "", path[192];
	oracle_load(&o);
	bool *is_target = calloc(o.g.n, sizeof(*is_target));
	/* The company of the last non-member who has one; its people by company key (case,
	 * accents and legal suffixes ignored). */
	for (wp_vertex v = 0; v < o.g.n; v++)
		if (!o.member[v] && wp_attrs_get(&o.g.attrs, o.company_col, v)[0])
			snprintf(company, sizeof(company), "%s",
			         wp_attrs_get(&o.g.attrs, o.company_col, v));
	cr_assert(company[0] != '\0');
	char want_key[WP_KEY_LEN], key[WP_KEY_LEN];
	cr_assert(wp_identity_company_key(company, want_key));
	for (wp_vertex v = 0; v < o.g.n; v++)
		is_target[v] =
		        wp_identity_company_key(wp_attrs_get(&o.g.attrs, o.company_col, v), key) &&
		        strcmp(key, want_key) == 0;
	oracle_brokerage(&o, is_target, &want);
	cli_run(&R, "brokers --workspace %s --to-company \"%s\" --top 0 --format json", ws_path,
	        company);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	check_brokers(&o, R.out, &want, true, false);
	igraph_vector_destroy(&want);

	/* Case, spaces and legal suffixes do not matter: "Quillpay, Inc." is "QUILLPAY". */
	char *exact = NULL;
	cli_run(&R, "brokers --workspace %s --to-company \"Quillpay, Inc.\" --format csv", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	exact = strdup(R.out);
	cli_run(&R, "brokers --workspace %s --to-company QUILLPAY --format csv", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(str, R.out, exact));
	cr_assert(lt(sz, 60, strlen(exact)), "%s", exact); /* the header and some rows */
	free(exact);

	/* Three prospects named in a file, by #ID and by name, with a blank line. */
	memset(is_target, 0, o.g.n * sizeof(*is_target));
	snprintf(path, sizeof(path), "%s/targets.txt", dir);
	FILE *f = fopen(path, "w");
	cr_assert(not(eq(ptr, f, NULL)));
	int listed = 0;
	for (wp_vertex v = o.g.n; v-- > 0 && listed < 3;) {
		if (o.member[v])
			continue;
		is_target[v] = true;
		if (listed++ == 1)
			fprintf(f, "\n%s\n", wp_labels_name(&o.g.labels, v));
		else
			fprintf(f, "#%lld\n", (long long)wp_workspace_vertex_person(&o.g, v));
	}
	fclose(f);
	oracle_brokerage(&o, is_target, &want);
	cli_run(&R, "brokers --workspace %s --targets %s --top 0 --format json", ws_path, path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	check_brokers(&o, R.out, &want, true, false);
	igraph_vector_destroy(&want);

	/* A line naming nobody: file:line, exit 2. */
	f = fopen(path, "w");
	fprintf(f, "#%lld\nNobody Atall Zzyzx\n",
	        (long long)wp_workspace_vertex_person(&o.g, o.g.n - 1));
	fclose(f);
	cli_run(&R, "brokers --workspace %s --targets %s", ws_path, path);
	cr_assert(eq(int, R.status, 2));
	char prefix[300];
	snprintf(prefix, sizeof(prefix), "warmpath: %s:2: no person matches", path);
	cr_assert(eq(int, strncmp(R.err, prefix, strlen(prefix)), 0), "%s", R.err);
	cr_assert(eq(str, R.out, ""));
	free(is_target);
	oracle_free(&o);
}

Test(cli_brokers, bad_input_and_usage_errors_say_why_in_one_line, .init = setup, .fini = teardown)
{
	cli_run(&R, "brokers --workspace %s --to-company \"Zzyzx Holdings\"", ws_path);
	cr_assert(eq(int, R.status, 2));
	cr_assert(
	        eq(str, R.err, "warmpath: nobody in the workspace works at \"Zzyzx Holdings\"\n"));
	cr_assert(eq(str, R.out, ""));
	cli_run(&R, "brokers --workspace %s --targets %s/missing.txt", ws_path, dir);
	cr_assert(eq(int, R.status, 2));
	cr_assert(not(eq(ptr, strstr(R.err, "missing.txt: cannot open: No such file"), NULL)), "%s",
	          R.err);
	/* Only members listed: nobody to reach. A directory: cannot be read. */
	char path[192];
	snprintf(path, sizeof(path), "%s/members.txt", dir);
	FILE *f = fopen(path, "w");
	cr_assert(not(eq(ptr, f, NULL)));
	fputs("Zoë Brandt\nleila haddad\n", f);
	fclose(f);
	cli_run(&R, "brokers --workspace %s --targets %s", ws_path, path);
	cr_assert(eq(int, R.status, 2));
	cr_assert(eq(str, R.err, "warmpath: no prospects: everyone listed is a member\n"));
	cli_run(&R, "brokers --workspace %s --targets %s", ws_path, dir);
	cr_assert(eq(int, R.status, 2));
	cr_assert(not(eq(ptr, strstr(R.err, ": cannot read: Is a directory\n"), NULL)), "%s",
	          R.err);
	cli_run(&R, "brokers --workspace %s --to-company Acme --targets x.txt", ws_path);
	cr_assert(eq(int, R.status, 1));
	cr_assert(eq(str, R.err,
	             "warmpath brokers: give --to-company or --targets, not both\n"
	             "Try 'warmpath brokers --help'.\n"));
	cli_run(&R, "brokers --top -1 --workspace %s", ws_path);
	cr_assert(eq(int, R.status, 1));
	cli_run(&R, "brokers");
	cr_assert(eq(int, R.status, 1));
	cr_assert(eq(str, R.err,
	             "warmpath brokers: --workspace FILE is required\n"
	             "Try 'warmpath brokers --help'.\n"));
	cli_run(&R, "brokers --workspace %s/none.wpw", dir);
	cr_assert(eq(int, R.status, 2));
	cli_run(&R, "centrality %s/x.txt --workspace %s --measure degree", dir, ws_path);
	cr_assert(eq(int, R.status, 1));
	cr_assert(eq(str, R.err,
	             "warmpath centrality: expected a GRAPH file or --workspace, not both\n"
	             "Try 'warmpath centrality --help'.\n"));
	cli_run(&R, "centrality --workspace %s --measure betweenness --weighted", ws_path);
	cr_assert(eq(int, R.status, 1));
	cli_run(&R, "communities --workspace %s --directed", ws_path);
	cr_assert(eq(int, R.status, 1));
}

Test(cli_brokers, centrality_on_a_workspace_names_people_with_company_and_member_reach,
     .init = setup, .fini = teardown)
{
	oracle o;
	igraph_vector_t want;
	oracle_load(&o);
	igraph_vector_init(&want, 0);
	cr_assert(eq(int, igraph_betweenness(&o.ig, &want, igraph_vss_all(), false, NULL),
	             IGRAPH_SUCCESS));
	cli_run(&R, "centrality --workspace %s --measure betweenness --format json", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *root = cli_run_json(R.out);
	json_t *values = json_object_get(root, "values");
	cr_assert(eq(sz, json_array_size(values), o.g.n));
	for (wp_vertex v = 0; v < o.g.n; v++) { /* every person, in vertex order */
		json_t *row = json_array_get(values, v);
		cr_assert(eq(str, (char *)cli_run_jstr(row, "vertex"),
		             (char *)wp_labels_name(&o.g.labels, v)));
		cr_assert(close_enough(jnum(row, "betweenness"), VECTOR(want)[v]));
		cr_assert(eq(str, (char *)cli_run_jstr(row, "company"),
		             (char *)wp_attrs_get(&o.g.attrs, o.company_col, v)));
		bool member = json_is_true(json_object_get(row, "member"));
		cr_assert(eq(int, member, o.member[v]));
		if (v % 7 == 0 || o.member[v])
			cr_assert(eq(dbl, jnum(row, "members_2_hops"), members_2_hops(&o, v)));
	}
	json_decref(root);

	/* The table of the top 5: people with company, member and reach. */
	cli_run(&R, "centrality --workspace %s --measure degree --top 5", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, strncmp(R.out, "rank", 4), 0), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "members_2_hops"), NULL)), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "(5 of "), NULL)), "%s", R.out);
	cli_run(&R,
	        "centrality --workspace %s --measure pagerank --weighted --format csv "
	        "--personalize \"Zoë Brandt\"",
	        ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, strncmp(R.out, "vertex,pagerank,company,member,members_2_hops\n", 46), 0),
	          "%.200s", R.out);
	igraph_vector_destroy(&want);
	oracle_free(&o);
}

Test(cli_brokers, communities_on_a_workspace_list_companies_and_members, .init = setup,
     .fini = teardown)
{
	oracle o;
	oracle_load(&o);
	cli_run(&R, "communities --workspace %s --format json --seed 3", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *root = cli_run_json(R.out);
	json_t *comms = json_object_get(root, "communities");
	json_t *membership = json_object_get(root, "membership");
	cr_assert(eq(sz, json_array_size(membership), o.g.n));
	uint32_t *of = calloc(o.g.n, sizeof(*of)), members_seen = 0;
	for (wp_vertex v = 0; v < o.g.n; v++)
		of[v] = (uint32_t)jnum(json_array_get(membership, v), "community");
	for (size_t k = 0; k < json_array_size(comms); k++) {
		json_t *c = json_array_get(comms, k);
		/* Members: exactly the members whose community is k, in vertex order. */
		json_t *mem = json_object_get(c, "members");
		size_t i = 0;
		for (wp_vertex v = 0; v < o.g.n; v++)
			if (o.member[v] && of[v] == k) {
				json_t *name = json_array_get(mem, i++);
				cr_assert(eq(str, (char *)json_string_value(name),
				             (char *)wp_labels_name(&o.g.labels, v)));
			}
		cr_assert(eq(sz, json_array_size(mem), i));
		members_seen += (uint32_t)i;
		/* Companies: counts as made from the membership, largest first, at most 3, and
		 * no company left out has more people than the last one shown. */
		json_t *cos = json_object_get(c, "companies");
		cr_assert(le(sz, json_array_size(cos), 3));
		uint32_t last = UINT32_MAX;
		for (size_t j = 0; j < json_array_size(cos); j++) {
			json_t *e = json_array_get(cos, j);
			const char *name = cli_run_jstr(e, "company");
			uint32_t count = 0;
			for (wp_vertex v = 0; v < o.g.n; v++)
				count += of[v] == k &&
				         strcmp(wp_attrs_get(&o.g.attrs, o.company_col, v), name) ==
				                 0;
			cr_assert(eq(dbl, jnum(e, "people"), count), "%s", name);
			cr_assert(le(u32, count, last));
			last = count;
		}
	}
	cr_assert(eq(u32, members_seen, 5));
	json_decref(root);
	free(of);

	cli_run(&R, "communities --workspace %s --seed 3", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.out, "companies: "), NULL)), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "members: "), NULL)), "%s", R.out);
	cli_run(&R, "communities --workspace %s --format csv", ws_path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, strncmp(R.out, "vertex,community,company,member\n", 32), 0));
	oracle_free(&o);
}
