/* test_cli_intro.c - `warmpath intro` on a workspace built from the bundled sample archives.
 *
 * Runs the built binary (the Makefile passes its path in $WARMPATH) after importing the five
 * members of examples/sample, with WARMPATH_NOW fixing the clock. Facts the checks rely on are
 * read from the workspace through other commands (people, ties) rather than assumed: a person's
 * e-mail, the people at a company, contacts whose only tie is to one member. Checked: chains to
 * a person by name and by e-mail start at a member and end at the person, each tie explained;
 * an unknown name gives suggestions and exit 2; --to-company ends every chain at someone of that
 * company; --avoid keeps a person off every chain; --targets with --max-asks keeps everyone
 * under the cap (recounted from the JSON) and reports the losers; JSON has the documented keys;
 * SVG output is an SVG document; DOT output parses back with cgraph's agmemread; bad input
 * gives one line and exit 2.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <graphviz/cgraph.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/support/cli_run.h"

#define SAMPLE "examples/sample"
#define BJORN "Björn Lindqvist"

static cli_run_result R; /* one per test process: too big for the stack */
static char dir[64], ws[128];

/* Imports the five sample members into a fresh workspace (dir, ws). */
static void setup_ws(void)
{
	char line[1024];
	snprintf(dir, sizeof(dir), "/tmp/wp_intro_XXXXXX");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
	snprintf(ws, sizeof(ws), "%s/lumen.wpw", dir);
	FILE *f = fopen(SAMPLE "/members.tsv", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL))); /* the header */
	int n = 0;
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL;
		char *path = strtok_r(line, "\t\n", &save);
		char *name = strtok_r(NULL, "\t\n", &save);
		char *url = strtok_r(NULL, "\t\n", &save);
		cr_assert(path && name && url);
		cli_run(&R, "import --workspace %s --member \"%s\" --member-url '%s' " SAMPLE "/%s",
		        ws, name, url, path);
		cr_assert(eq(int, R.status, 0), "%s: %s", name, R.err);
		n++;
	}
	fclose(f);
	cr_assert(eq(int, n, 5));
}

static void teardown_ws(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert(eq(int, system(cmd), 0));
}

/* The timeout only catches a hung process: under `make check` every warmpath runs inside
 * valgrind, 30 to 50 times slower. */
TestSuite(cli_intro, .init = setup_ws, .fini = teardown_ws, .timeout = 1800);

/* The members' names, from `members --format json`. */
static json_t *members_json(void)
{
	cli_run(&R, "members --workspace %s --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	return cli_run_json(R.out);
}

static bool is_member(json_t *members, const char *name)
{
	for (size_t i = 0; i < json_array_size(members); i++)
		if (strcmp(cli_run_jstr(json_array_get(members, i), "name"), name) == 0)
			return true;
	return false;
}

/* Checks the shape of one target's JSON and that each chain runs from a member to an end,
 * returns the chains array. */
static json_t *check_target(json_t *o, json_t *members)
{
	cr_assert(not(eq(ptr, json_object_get(o, "target"), NULL)));
	json_t *chains = json_object_get(o, "chains");
	bool arr = json_is_array(chains);
	cr_assert(arr);
	for (size_t c = 0; c < json_array_size(chains); c++) {
		json_t *ch = json_array_get(chains, c);
		json_int_t hops = cli_run_jint(ch, "hops");
		json_t *people = json_object_get(ch, "people"), *ties = json_object_get(ch, "ties");
		bool num = json_is_number(json_object_get(ch, "warmth"));
		cr_assert(num);
		cr_assert(eq(sz, json_array_size(people), (size_t)hops + 1));
		cr_assert(eq(sz, json_array_size(ties), (size_t)hops));
		cr_assert(is_member(members, json_string_value(json_array_get(people, 0))));
		int weakest = 0;
		for (json_int_t h = 0; h < hops; h++) {
			json_t *t = json_array_get(ties, (size_t)h);
			cr_assert(eq(str, (char *)cli_run_jstr(t, "from"),
			             (char *)json_string_value(json_array_get(people, (size_t)h))));
			cr_assert(eq(
			        str, (char *)cli_run_jstr(t, "to"),
			        (char *)json_string_value(json_array_get(people, (size_t)h + 1))));
			cr_assert(lt(sz, 0, strlen(cli_run_jstr(t, "evidence"))));
			cli_run_jstr(t, "bucket");
			weakest += json_is_true(json_object_get(t, "weakest"));
		}
		cr_assert(eq(int, weakest, hops > 0 ? 1 : 0), "exactly one weakest tie");
	}
	return chains;
}

static const char *last_person(json_t *chain)
{
	json_t *people = json_object_get(chain, "people");
	return json_string_value(json_array_get(people, json_array_size(people) - 1));
}

Test(cli_intro, a_chain_to_a_person_by_name_is_explained_hop_by_hop)
{
	json_t *members = members_json();
	cli_run(&R, "intro --workspace %s --to 'Aaron Romero' --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	json_t *chains = check_target(o, members);
	cr_assert(lt(sz, 0, json_array_size(chains)));
	for (size_t c = 0; c < json_array_size(chains); c++)
		cr_assert(eq(str, (char *)last_person(json_array_get(chains, c)), "Aaron Romero"));
	cr_assert(eq(str, (char *)cli_run_jstr(json_object_get(o, "target"), "name"),
	             "Aaron Romero"));
	cr_assert(eq(str, (char *)cli_run_jstr(o, "fate"), "best"));
	json_decref(o);
	cli_run(&R, "intro --workspace %s --to 'Aaron Romero'", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.out, "To Aaron Romero"), NULL)), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "the weakest"), NULL)), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "connected since"), NULL)), "%s", R.out);
	json_decref(members);
}

Test(cli_intro, a_person_is_found_by_e_mail)
{
	json_t *members = members_json();
	cli_run(&R, "people --workspace %s --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *people = cli_run_json(R.out), *who = NULL;
	for (size_t i = 0; who == NULL && i < json_array_size(people); i++) {
		json_t *p = json_array_get(people, i);
		if (*cli_run_jstr(p, "email") && !json_is_true(json_object_get(p, "member")))
			who = p;
	}
	cr_assert(not(eq(ptr, who, NULL)), "the sample has e-mail addresses");
	cli_run(&R, "intro --workspace %s --to '%s' --format json", ws, cli_run_jstr(who, "email"));
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	cr_assert(
	        eq(i64, cli_run_jint(json_object_get(o, "target"), "id"), cli_run_jint(who, "id")));
	json_t *chains = check_target(o, members);
	cr_assert(lt(sz, 0, json_array_size(chains)));
	/* Personal data: the e-mail address is not echoed back. */
	cr_assert(eq(ptr, strstr(R.out, cli_run_jstr(who, "email") + 1), NULL));
	json_decref(o);
	json_decref(people);
	json_decref(members);
}

Test(cli_intro, an_unknown_name_gets_suggestions_and_exit_2)
{
	cli_run(&R, "intro --workspace %s --to 'Aron Romro'", ws);
	cr_assert(eq(int, R.status, 2));
	cr_assert(eq(str, R.out, ""));
	cr_assert(not(eq(ptr, strstr(R.err, "did you mean"), NULL)), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "\"Aaron Romero\""), NULL)), "%s", R.err);
	cr_assert(eq(int, (int)(strchr(R.err, '\n') - R.err), (int)strlen(R.err) - 1),
	          "one line: %s", R.err);
}

Test(cli_intro, a_company_target_ends_every_chain_at_someone_there)
{
	json_t *members = members_json();
	cli_run(&R, "people --workspace %s --format json", ws);
	json_t *people = cli_run_json(R.out);
	size_t there = 0;
	for (size_t i = 0; i < json_array_size(people); i++)
		there += strcmp(cli_run_jstr(json_array_get(people, i), "company"),
		                "Fourth Coffee") == 0;
	cr_assert(lt(sz, 1, there));
	cli_run(&R,
	        "intro --workspace %s --to-company 'fourth coffee' --alternatives 4 --format json",
	        ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	cr_assert(eq(i64, cli_run_jint(json_object_get(o, "target"), "people"), (json_int_t)there));
	json_t *chains = check_target(o, members);
	cr_assert(lt(sz, 1, json_array_size(chains)));
	for (size_t c = 0; c < json_array_size(chains); c++) {
		const char *end = last_person(json_array_get(chains, c));
		bool found = false;
		for (size_t i = 0; i < json_array_size(people); i++) {
			json_t *p = json_array_get(people, i);
			found |= strcmp(cli_run_jstr(p, "name"), end) == 0 &&
			         strcmp(cli_run_jstr(p, "company"), "Fourth Coffee") == 0;
		}
		cr_assert(found, "%s is not at Fourth Coffee", end);
	}
	cli_run(&R, "intro --workspace %s --to-company 'No Such Org'", ws);
	cr_assert(eq(int, R.status, 2));
	cr_assert(eq(str, R.err, "warmpath: nobody's current company matches \"No Such Org\"\n"));
	json_decref(o);
	json_decref(people);
	json_decref(members);
}

/* Ids of up to max non-members whose only tie is to Björn. */
static int bjorn_only_contacts(json_int_t *ids, int max)
{
	cli_run(&R, "ties '" BJORN "' --workspace %s --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out), *ties = json_object_get(o, "ties");
	int got = 0;
	static cli_run_result r2;
	for (size_t i = 0; got < max && i < json_array_size(ties); i++) {
		json_int_t id = cli_run_jint(json_array_get(ties, i), "id");
		cli_run(&r2, "ties '#%lld' --workspace %s --format json", (long long)id, ws);
		cr_assert(eq(int, r2.status, 0), "%s", r2.err);
		json_t *p = cli_run_json(r2.out);
		if (cli_run_jint(p, "tie_count") == 1 &&
		    !json_is_true(json_object_get(json_object_get(p, "person"), "member")))
			ids[got++] = id;
		json_decref(p);
	}
	json_decref(o);
	return got;
}

Test(cli_intro, avoid_keeps_a_person_off_every_chain)
{
	json_int_t ids[1];
	cr_assert(eq(int, bjorn_only_contacts(ids, 1), 1));
	cli_run(&R, "intro --workspace %s --to '#%lld' --from 'Zoë Brandt' --format json", ws,
	        (long long)ids[0]);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.out, BJORN), NULL)), "Björn is the only way in");
	cli_run(&R,
	        "intro --workspace %s --to '#%lld' --from 'Zoë Brandt' --avoid '" BJORN
	        "' --format json",
	        ws, (long long)ids[0]);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	cr_assert(eq(sz, json_array_size(json_object_get(o, "chains")), 0));
	cr_assert(eq(str, (char *)cli_run_jstr(o, "fate"), "no chain"));
	json_decref(o);
	/* A person reachable otherwise: nobody on the chains is avoided. */
	cli_run(&R,
	        "intro --workspace %s --to 'Aaron Romero' --avoid 'Élodie Marchand' --format json",
	        ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(ptr, strstr(R.out, "Élodie Marchand"), NULL), "%s", R.out);
	cli_run(&R, "intro --workspace %s --to 'Aaron Romero' --avoid 'Nobody Whatsoever'", ws);
	cr_assert(eq(int, R.status, 2));
}

Test(cli_intro, targets_are_planned_under_the_cap_and_losers_reported)
{
	json_int_t ids[4];
	char csv[160], line[512];
	cr_assert(eq(int, bjorn_only_contacts(ids, 4), 4));
	snprintf(csv, sizeof(csv), "%s/prospects.csv", dir);
	FILE *f = fopen(csv, "w");
	fputs("name,company\n", f);
	for (int i = 0; i < 4; i++) {
		snprintf(line, sizeof(line), "#%lld,\n", (long long)ids[i]);
		fputs(line, f);
	}
	fputs("Nobody Atall,\n", f);
	fclose(f);
	cli_run(&R,
	        "intro --workspace %s --targets %s --from 'Zoë Brandt' --max-asks 1 --format json",
	        ws, csv);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	/* The bad row: file:line: reason, and the rest still planned. */
	snprintf(line, sizeof(line), "%s:6: no person matches \"Nobody Atall\"", csv);
	cr_assert(eq(int, strncmp(R.err, line, strlen(line)), 0), "%s", R.err);
	json_t *o = cli_run_json(R.out), *res = json_object_get(o, "results");
	json_t *plan = json_object_get(o, "plan");
	cr_assert(eq(sz, json_array_size(res), 4));
	/* Recount the asks of the planned chains: interior people, at most once each. */
	char asked[4][256];
	int nasked = 0, kept = 0;
	for (size_t i = 0; i < 4; i++) {
		json_t *t = json_array_get(res, i), *a = json_object_get(t, "assigned");
		if (json_is_null(a))
			continue;
		kept++;
		json_t *ch =
		        json_array_get(json_object_get(t, "chains"), (size_t)json_integer_value(a));
		json_t *people = json_object_get(ch, "people");
		for (size_t k = 1; k + 1 < json_array_size(people); k++) {
			const char *who = json_string_value(json_array_get(people, k));
			for (int j = 0; j < nasked; j++)
				cr_assert(not(eq(str, asked[j], (char *)who)), "%s asked twice",
				          who);
			snprintf(asked[nasked++], 256, "%s", who);
		}
	}
	/* Every chain goes through Björn (their only tie), so one target keeps a chain. */
	cr_assert(eq(int, kept, 1));
	cr_assert(eq(i64, cli_run_jint(plan, "capped"), 3));
	cr_assert(eq(i64, cli_run_jint(plan, "max_load"), 1));
	cr_assert(eq(i64, cli_run_jint(plan, "rows_skipped"), 1));
	cr_assert(eq(sz, json_array_size(json_object_get(plan, "left_without_chain")), 3));
	json_decref(o);
	/* Without the cap every target keeps its best chain, and Björn is asked four times. */
	cli_run(&R, "intro --workspace %s --targets %s --from 'Zoë Brandt' --format json", ws, csv);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	o = cli_run_json(R.out);
	plan = json_object_get(o, "plan");
	cr_assert(eq(i64, cli_run_jint(plan, "kept_best"), 4));
	cr_assert(eq(i64, cli_run_jint(plan, "max_load"), 4));
	json_decref(o);
	/* The table says who lost out. */
	cli_run(&R, "intro --workspace %s --targets %s --from 'Zoë Brandt' --max-asks 1", ws, csv);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.out, "left without a chain by the cap (3)"), NULL)), "%s",
	          R.out);
}

Test(cli_intro, svg_output_is_an_svg_document)
{
	char out[160];
	snprintf(out, sizeof(out), "%s/chains.svg", dir);
	cli_run(&R, "intro --workspace %s --to 'Aaron Romero' --format svg --out %s", ws, out);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(str, R.out, ""));
	FILE *f = fopen(out, "r");
	cr_assert(not(eq(ptr, f, NULL)));
	static char buf[1 << 20];
	size_t got = fread(buf, 1, sizeof(buf) - 1, f);
	buf[got] = '\0';
	fclose(f);
	cr_assert(eq(int, strncmp(buf, "<?xml", 5), 0));
	cr_assert(not(eq(ptr, strstr(buf, "<svg"), NULL)));
	cr_assert(not(eq(ptr, strstr(buf, "</svg>"), NULL)));
	cr_assert(not(eq(ptr, strstr(buf, "Aaron Romero"), NULL)));
	struct stat sb;
	cr_assert(eq(int, stat(out, &sb), 0));
	cr_assert(eq(int, sb.st_mode & 0777, 0600), "outputs hold personal data");
}

Test(cli_intro, dot_output_parses_back_with_agread)
{
	cli_run(&R, "intro --workspace %s --to 'Aaron Romero' --format dot", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	Agraph_t *g = agmemread(R.out);
	cr_assert(not(eq(ptr, g, NULL)), "%s", R.out);
	Agnode_t *t = agnode(g, (char *)"Aaron Romero", 0);
	cr_assert(not(eq(ptr, t, NULL)));
	cr_assert(lt(int, 1, agnnodes(g)));
	cr_assert(lt(int, 0, agnedges(g)));
	Agedge_t *e = agfstedge(g, t);
	cr_assert(not(eq(ptr, e, NULL)));
	char *label = agget(e, (char *)"label");
	cr_assert(not(eq(ptr, label, NULL)));
	double w = strtod(label, NULL);
	cr_assert(lt(dbl, 0.0, w));
	cr_assert(le(dbl, w, 1.0));
	agclose(g);
}

Test(cli_intro, warmth_rank_is_at_least_as_warm_as_the_default)
{
	json_t *members = members_json();
	cli_run(&R, "intro --workspace %s --to-company 'Fourth Coffee' --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *a = cli_run_json(R.out);
	cli_run(&R, "intro --workspace %s --to-company 'Fourth Coffee' --rank warmth --format json",
	        ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *b = cli_run_json(R.out);
	check_target(b, members);
	double wa = json_real_value(
	        json_object_get(json_array_get(json_object_get(a, "chains"), 0), "warmth"));
	double wb = json_real_value(
	        json_object_get(json_array_get(json_object_get(b, "chains"), 0), "warmth"));
	cr_assert(ge(dbl, wb, wa * (1 - 1e-5)));
	json_decref(a);
	json_decref(b);
	json_decref(members);
}

Test(cli_intro, bad_input_and_usage_errors)
{
	cli_run(&R, "intro --workspace %s", ws);
	cr_assert(eq(int, R.status, 1));
	cli_run(&R, "intro --workspace %s --to 'Aaron Romero' --max-asks 2", ws);
	cr_assert(eq(int, R.status, 1));
	cli_run(&R, "intro --workspace %s --to 'Aaron Romero' --format pdf", ws);
	cr_assert(eq(int, R.status, 1));
	cli_run(&R, "intro --workspace %s --targets %s/missing.csv", ws, dir);
	cr_assert(eq(int, R.status, 2));
	char csv[160];
	snprintf(csv, sizeof(csv), "%s/bad.csv", dir);
	FILE *f = fopen(csv, "w");
	fputs("name\nNobody Atall\n", f);
	fclose(f);
	cli_run(&R, "intro --workspace %s --targets %s --out %s/out.json --format json", ws, csv,
	        dir);
	cr_assert(eq(int, R.status, 2));
	char want[512];
	snprintf(want, sizeof(want), "%s:2: no person matches \"Nobody Atall\"", csv);
	cr_assert(eq(int, strncmp(R.err, want, strlen(want)), 0), "%s", R.err);
	snprintf(want, sizeof(want), "%s/out.json", dir);
	cr_assert(not(eq(int, access(want, F_OK), 0)), "nothing half-written");
}

/* s quoted for the shell: 'it'\''s'. */
static const char *shq(const char *s, char *buf, size_t cap)
{
	size_t n = 0;
	buf[n++] = '\'';
	for (; *s && n + 5 < cap; s++) {
		if (*s == '\'') {
			memcpy(buf + n, "'\\''", 4);
			n += 4;
		} else {
			buf[n++] = *s;
		}
	}
	buf[n++] = '\'';
	buf[n] = '\0';
	return buf;
}

/* Every tie of the chains to check, explained by intro's bulk reader, against `ties` (which
 * reads the same pair through wp_workspace_ties, an independent path). */
static void check_ties_against_ties_command(json_t *chains)
{
	static cli_run_result r2;
	for (size_t c = 0; c < json_array_size(chains); c++) {
		json_t *ch = json_array_get(chains, c), *people = json_object_get(ch, "people");
		json_t *ties = json_object_get(ch, "ties");
		for (size_t h = 0; h < json_array_size(ties); h++) {
			json_t *t = json_array_get(ties, h);
			char q[1024];
			cli_run(&r2, "ties --workspace %s %s --format json", ws,
			        shq(json_string_value(json_array_get(people, h)), q, sizeof(q)));
			cr_assert(eq(int, r2.status, 0), "%s", r2.err);
			json_t *o = cli_run_json(r2.out), *list = json_object_get(o, "ties"),
			       *m = NULL;
			for (size_t i = 0; m == NULL && i < json_array_size(list); i++)
				if (strcmp(cli_run_jstr(json_array_get(list, i), "name"),
				           cli_run_jstr(t, "to")) == 0)
					m = json_array_get(list, i);
			cr_assert(not(eq(ptr, m, NULL)), "%s - %s not in ties",
			          cli_run_jstr(t, "from"), cli_run_jstr(t, "to"));
			json_t *ev = json_object_get(m, "evidence");
			cr_assert(epsilon_eq(dbl, json_real_value(json_object_get(t, "warmth")),
			                     json_real_value(json_object_get(m, "warmth")), 1e-9));
			cr_assert(eq(str, (char *)cli_run_jstr(t, "shared_company"),
			             (char *)cli_run_jstr(m, "shared_company")));
			static const char *const same[] = {"messages_sent", "messages_received",
			                                   "shared_months", "endorsements_given",
			                                   "endorsements_received"};
			for (size_t k = 0; k < sizeof(same) / sizeof(same[0]); k++)
				cr_assert(eq(i64, cli_run_jint(t, same[k]),
				             cli_run_jint(ev, same[k])),
				          "%s", same[k]);
			json_t *d1 = json_object_get(t, "connected_on"),
			       *d2 = json_object_get(ev, "connected_on");
			bool both_null = json_is_null(d1) && json_is_null(d2);
			if (!both_null)
				cr_assert(eq(str, (char *)json_string_value(d1),
				             (char *)json_string_value(d2)));
			json_decref(o);
		}
	}
}

Test(cli_intro, evidence_equals_what_the_ties_command_reports)
{
	cli_run(&R,
	        "intro --workspace %s --to-company 'Fourth Coffee' --alternatives 5 --format json",
	        ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	check_ties_against_ties_command(json_object_get(o, "chains"));
	json_decref(o);
	/* Member-to-member ties (shared employers, links) on the way to Björn's contacts. */
	json_int_t ids[2];
	cr_assert(eq(int, bjorn_only_contacts(ids, 2), 2));
	cli_run(&R,
	        "intro --workspace %s --to '#%lld' --from 'Zoë Brandt' --alternatives 3 --format "
	        "json",
	        ws, (long long)ids[1]);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	o = cli_run_json(R.out);
	cr_assert(lt(sz, 0, json_array_size(json_object_get(o, "chains"))));
	check_ties_against_ties_command(json_object_get(o, "chains"));
	json_decref(o);
}

Test(cli_intro, batch_chains_equal_single_runs_and_do_not_depend_on_threads)
{
	/* Prospects: everyone at two companies, by #ID, plus two of Björn's contacts (chains with
	 * an introducer, which get alternatives in a batch). */
	cli_run(&R, "people --workspace %s --format json", ws);
	json_t *people = cli_run_json(R.out);
	json_int_t ids[2];
	cr_assert(eq(int, bjorn_only_contacts(ids, 2), 2));
	char csv[160];
	snprintf(csv, sizeof(csv), "%s/batch.csv", dir);
	FILE *f = fopen(csv, "w");
	int rows = 0;
	for (size_t i = 0; i < json_array_size(people); i++) {
		json_t *p = json_array_get(people, i);
		const char *co = cli_run_jstr(p, "company");
		if (strcmp(co, "Fourth Coffee") == 0 || strcmp(co, "Nordlys AS") == 0) {
			fprintf(f, "#%lld\n", (long long)cli_run_jint(p, "id"));
			rows++;
		}
	}
	fprintf(f, "#%lld\n#%lld\n", (long long)ids[0], (long long)ids[1]);
	rows += 2;
	fclose(f);
	json_decref(people);
	static cli_run_result one;
	cli_run(&R, "intro --workspace %s --targets %s --format json --threads 1", ws, csv);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cli_run(&one, "intro --workspace %s --targets %s --format json --threads 2", ws, csv);
	cr_assert(eq(int, one.status, 0), "%s", one.err);
	cr_assert(eq(str, R.out, one.out), "the thread count changed the output");
	json_t *o = cli_run_json(R.out), *res = json_object_get(o, "results");
	cr_assert(eq(sz, json_array_size(res), (size_t)rows));
	for (size_t i = 0; i < json_array_size(res); i++) {
		json_t *t = json_array_get(res, i);
		json_int_t id = cli_run_jint(json_object_get(t, "target"), "id");
		cli_run(&one, "intro --workspace %s --to '#%lld' --format json", ws, (long long)id);
		cr_assert(eq(int, one.status, 0), "%s", one.err);
		json_t *s = cli_run_json(one.out);
		json_t *bc = json_object_get(t, "chains"), *sc = json_object_get(s, "chains");
		cr_assert(eq(sz, json_array_size(bc) > 0, json_array_size(sc) > 0));
		if (json_array_size(sc) > 0) {
			json_t *b0 = json_array_get(bc, 0), *s0 = json_array_get(sc, 0);
			cr_assert(eq(i64, cli_run_jint(b0, "hops"), cli_run_jint(s0, "hops")),
			          "#%lld", (long long)id);
			cr_assert(epsilon_eq(dbl, json_real_value(json_object_get(b0, "warmth")),
			                     json_real_value(json_object_get(s0, "warmth")), 1e-5),
			          "#%lld", (long long)id);
			/* Chains needing an introducer get the same alternatives as a single run.
			 */
			if (cli_run_jint(s0, "hops") >= 2)
				cr_assert(eq(sz, json_array_size(bc), json_array_size(sc)));
		}
		json_decref(s);
	}
	json_decref(o);
}
