/* test_cli_workspace.c - the workspace commands: import, members, people, ties, merge, split,
 * forget, ties-import and stats --workspace.
 *
 * Runs the built binary (the Makefile passes its path in $WARMPATH) on the bundled sample
 * archives (examples/sample, five members of a fictional non-profit, every era's layout) and
 * checks exit statuses, the exact one-line messages of bad input and usage errors, that a failed
 * command leaves the workspace unchanged (its data_version, from stats --workspace), and the
 * shapes of the JSON and CSV outputs. WARMPATH_NOW fixes the clock, so warmth does not drift.
 * Numbers that only the identity resolution decides are checked by their relations (added +
 * matched = people), numbers the sample fixes (rows read, hidden profiles) exactly.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/cli_run.h"

#define SAMPLE "examples/sample"

/* A member of the sample, from examples/sample/members.tsv. */
typedef struct member {
	char path[256], name[128], url[256];
} member;

static int sample_members(member *m, int max)
{
	FILE *f = fopen(SAMPLE "/members.tsv", "r");
	char line[1024];
	int n = 0;
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL))); /* the header */
	while (n < max && fgets(line, sizeof(line), f)) {
		char *save = NULL;
		char *path = strtok_r(line, "\t\n", &save);
		char *name = strtok_r(NULL, "\t\n", &save);
		char *url = strtok_r(NULL, "\t\n", &save);
		cr_assert(path && name && url);
		snprintf(m[n].path, sizeof(m[n].path), "%s", path);
		snprintf(m[n].name, sizeof(m[n].name), "%s", name);
		snprintf(m[n].url, sizeof(m[n].url), "%s", url);
		n++;
	}
	fclose(f);
	return n;
}

/* A fresh directory holding the workspace path ws (its path in dir and ws). */
static void fresh(char *dir, char *ws)
{
	snprintf(dir, 64, "/tmp/wp_cliws_XXXXXX");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
	snprintf(ws, 128, "%s/lumen.wpw", dir);
}

static void remove_dir(const char *dir)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert(eq(int, system(cmd), 0));
}

/* Imports the first n members of the sample into ws. */
static void import_sample(const char *ws, int n)
{
	member m[8];
	cli_run_result *r = malloc(sizeof(*r));
	cr_assert(eq(int, sample_members(m, 8), 5));
	for (int i = 0; i < n; i++) {
		cli_run(r, "import --workspace %s --member \"%s\" --member-url '%s' " SAMPLE "/%s",
		        ws, m[i].name, m[i].url, m[i].path);
		cr_assert(eq(int, r->status, 0), "%s: %s", m[i].name, r->err);
	}
	free(r);
}

/* The workspace's data_version: bumped by every change. */
static json_int_t data_version(const char *ws)
{
	cli_run_result *r = malloc(sizeof(*r));
	cli_run(r, "stats --workspace %s --format json", ws);
	cr_assert(eq(int, r->status, 0), "%s", r->err);
	json_t *o = cli_run_json(r->out);
	json_int_t v = cli_run_jint(json_object_get(o, "workspace"), "data_version");
	json_decref(o);
	free(r);
	return v;
}

static cli_run_result R; /* one per test process: too big for the stack */

Test(cli_workspace, import_reports_files_rows_people_and_ties)
{
	char dir[64], ws[128];
	member m[8];
	fresh(dir, ws);
	sample_members(m, 8);
	cli_run(&R,
	        "import --workspace %s --member \"%s\" --member-url %s " SAMPLE "/%s --format json",
	        ws, m[0].name, m[0].url, m[0].path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(str, R.err, ""));
	json_t *o = cli_run_json(R.out);
	cr_assert(eq(str, (char *)cli_run_jstr(o, "member"), "Zoë Brandt"));
	cr_assert(eq(str, (char *)cli_run_jstr(o, "workspace"), ws));
	json_t *files = json_object_get(o, "files");
	cr_assert(eq(sz, json_array_size(files), 10)); /* the ten files that carry contacts */
	/* Data rows of those files: 1 + 3 + 400 + 9 + 6 + 3 + 3 + 1 + 3 + 199. */
	cr_assert(eq(i64, cli_run_jint(o, "rows_read"), 628));
	cr_assert(eq(i64, cli_run_jint(o, "rows_hidden"), 4));
	cr_assert(eq(i64, cli_run_jint(o, "rows_skipped"), 0));
	cr_assert(lt(i64, 300, cli_run_jint(o, "people")));
	cr_assert(eq(i64, cli_run_jint(o, "people_added") + cli_run_jint(o, "people_matched"),
	             cli_run_jint(o, "people")));
	cr_assert(eq(i64, cli_run_jint(o, "people_matched"), 0),
	          "a fresh workspace matches nobody");
	cr_assert(lt(i64, 300, cli_run_jint(o, "ties")));
	cr_assert(eq(i64, cli_run_jint(o, "ties_added"), cli_run_jint(o, "ties")));
	{
		bool yes = json_is_false(json_object_get(o, "unchanged"));
		cr_assert(yes);
	}
	json_t *f = json_array_get(files, 2);
	cr_assert(eq(str, (char *)cli_run_jstr(f, "name"), "Connections.csv"));
	cr_assert(eq(str, (char *)cli_run_jstr(f, "kind"), "connections"));
	cr_assert(eq(i64, cli_run_jint(f, "rows"), 400));
	cr_assert(eq(i64, cli_run_jint(f, "hidden"), 4));
	json_decref(o);

	/* The workspace holds personal data: owner-only. */
	struct stat sb;
	cr_assert(eq(int, stat(ws, &sb), 0));
	cr_assert(eq(int, (int)(sb.st_mode & 0777), 0600));

	/* The table: the files read, then the summary. */
	cli_run(&R, "import --workspace %s --member \"%s\" " SAMPLE "/%s", ws, m[0].name,
	        m[0].path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, strncmp(R.out, "file ", 5), 0), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "\nmember             Zoë Brandt\n"), NULL)), "%s",
	          R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "(unchanged: same export)"), NULL)), "%s", R.out);
	remove_dir(dir);
}

Test(cli_workspace, reimporting_the_same_export_changes_nothing)
{
	char dir[64], ws[128];
	member m[8];
	fresh(dir, ws);
	sample_members(m, 8);
	import_sample(ws, 2);
	json_int_t v = data_version(ws);
	cli_run(&R,
	        "import --workspace %s --member \"%s\" --member-url %s " SAMPLE "/%s --format csv",
	        ws, m[1].name, m[1].url, m[1].path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, strncmp(R.out, "key,value\nworkspace,", 20), 0), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "\nmember,Leïla Haddad\n"), NULL)));
	cr_assert(not(eq(ptr, strstr(R.out, "\npeople_added,0\n"), NULL)));
	cr_assert(not(
	        eq(ptr, strstr(R.out, "\nties_added,0\nties_changed,0\nties_removed,0\n"), NULL)));
	cr_assert(not(eq(ptr, strstr(R.out, "\nunchanged,yes\n"), NULL)), "%s", R.out);
	cr_assert(eq(i64, data_version(ws), v));
	remove_dir(dir);
}

Test(cli_workspace, skipped_rows_are_warned_on_stderr_with_file_and_line)
{
	char dir[64], ws[128];
	member m[8];
	fresh(dir, ws);
	sample_members(m, 8);
	cli_run(&R, "import --workspace %s --member \"%s\" " SAMPLE "/%s", ws, m[2].name,
	        m[2].path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(str, R.err,
	             "warmpath: warning: Connections.csv:53: Connected On \"31 Foo 2022\" is not a "
	             "date; row skipped\n"
	             "warmpath: 1 bad row skipped (--strict rejects the import instead)\n"));
	remove_dir(dir);
}

Test(cli_workspace, strict_import_fails_in_one_line_and_changes_nothing)
{
	char dir[64], ws[128];
	member m[8];
	fresh(dir, ws);
	sample_members(m, 8);
	import_sample(ws, 1);
	json_int_t v = data_version(ws);
	cli_run(&R, "import --workspace %s --member \"%s\" --strict " SAMPLE "/%s", ws, m[2].name,
	        m[2].path);
	cr_assert(eq(int, R.status, 2));
	cr_assert(eq(str, R.out, ""));
	cr_assert(
	        eq(str, R.err,
	           "warmpath: Connections.csv:53: Connected On \"31 Foo 2022\" is not a date; row "
	           "skipped (--strict rejects the whole file)\n"));
	cr_assert(eq(i64, data_version(ws), v));
	cli_run(&R, "members --workspace %s --format csv", ws);
	cr_assert(eq(int, cli_run_lines(R.out), 2), "only Zoë: %s", R.out);
	remove_dir(dir);
}

/* An input that must be refused: the arguments after `import --workspace WS --member M` (%s is
 * the test's directory), a file to create first, and the message (%s: the directory). */
typedef struct bad_case {
	char file[32];     /* created in the directory ("" = none) */
	char content[128]; /* its content */
	char args[128];
	char err[256];
} bad_case;

static bad_case bad_cases[] = {
        {"", "", "%s/missing.zip",
         "warmpath: %s/missing.zip: cannot open: No such file or directory\n"},
        {"Connections.csv",
         "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
         "%s/Connections.csv",
         "warmpath: %s/Connections.csv:1: no rows: a header but no data rows\n"},
        {"ties.txt", "not a zip\n", "%s/ties.txt",
         "warmpath: %s/ties.txt:1: no rows: no address-book header in the first 10 lines "
         "(expected Google Contacts, Outlook or columns such as Name and E-mail; name the "
         "columns with --map COLUMN=FIELD)\n"},
};

ParameterizedTestParameters(cli_workspace, bad_input_exits_2_in_one_line_and_changes_nothing)
{
	return cr_make_param_array(bad_case, bad_cases, sizeof(bad_cases) / sizeof(bad_cases[0]));
}

ParameterizedTest(bad_case *c, cli_workspace, bad_input_exits_2_in_one_line_and_changes_nothing)
{
	char dir[64], ws[128], args[512], want[512], path[256];
	fresh(dir, ws);
	if (c->file[0]) {
		snprintf(path, sizeof(path), "%s/%s", dir, c->file);
		FILE *f = fopen(path, "w");
		fputs(c->content, f);
		fclose(f);
	}
	snprintf(args, sizeof(args), c->args, dir);
	snprintf(want, sizeof(want), c->err, dir);
	/* Into no workspace: none is created. */
	cli_run(&R, "import --workspace %s --member \"Zoë Brandt\" %s", ws, args);
	cr_assert(eq(int, R.status, 2), "%s", R.err);
	cr_assert(eq(str, R.err, want));
	cr_assert(eq(int, cli_run_lines(R.err), 1));
	cr_assert(not(eq(int, access(ws, F_OK), 0)), "a failed import created the workspace");
	/* Into a workspace: it is unchanged. */
	import_sample(ws, 1);
	json_int_t v = data_version(ws);
	cli_run(&R, "import --workspace %s --member \"Zoë Brandt\" %s", ws, args);
	cr_assert(eq(int, R.status, 2), "%s", R.err);
	cr_assert(eq(str, R.err, want));
	cr_assert(eq(i64, data_version(ws), v));
	remove_dir(dir);
}

/* A usage error: the arguments (%s: a workspace path) and the first line of stderr. */
typedef struct usage_case {
	char args[160];
	char err[200];
} usage_case;

static usage_case usage_cases[] = {
        {"import --member X " SAMPLE, "warmpath import: --workspace FILE is required\n"},
        {"import --workspace %s " SAMPLE,
         "warmpath import: --member \"Full Name\" is required: whose export is this?\n"},
        {"import --workspace %s --member X --member-url https://example.com/x " SAMPLE,
         "warmpath import: --member-url must be a LinkedIn profile URL "
         "(https://www.linkedin.com/in/...), got 'https://example.com/x'\n"},
        {"import --workspace %s --member X",
         "warmpath import: expected at least one PATH to import\n"},
        {"import --workspace %s --member X --map Name=bogus " SAMPLE,
         "warmpath import: --map \"Name=bogus\": unknown field \"bogus\" (fields: first, last, "
         "name, "
         "email, company, title, url)\n"},
        {"import --workspace %s --member X --map Name=name " SAMPLE "/01-zoe-brandt",
         "warmpath import: --map applies to address-book CSV files, and no PATH is one\n"},
        {"members --workspace %s --format xml",
         "warmpath members: --format must be table, csv or json\n"},
        {"members", "warmpath members: --workspace FILE is required\n"},
        {"people --workspace %s --duplicates --search x",
         "warmpath people: --duplicates and --search cannot be combined\n"},
        {"people --workspace %s --limit 0", "warmpath people: --limit needs a positive number\n"},
        {"ties --workspace %s", "warmpath ties: expected one PERSON\n"},
        {"merge --workspace %s 'Zoë Brandt'", "warmpath merge: expected two PERSONs\n"},
        {"split --workspace %s", "warmpath split: expected one PERSON\n"},
        {"forget --workspace %s", "warmpath forget: --member NAME is required\n"},
        {"ties-import --workspace %s", "warmpath ties-import: expected one TIES.csv file\n"},
        {"stats --workspace %s " SAMPLE "/members.tsv",
         "warmpath stats: expected a GRAPH file or --workspace, not both\n"},
};

ParameterizedTestParameters(cli_workspace, usage_errors_exit_1)
{
	return cr_make_param_array(usage_case, usage_cases,
	                           sizeof(usage_cases) / sizeof(usage_cases[0]));
}

ParameterizedTest(usage_case *c, cli_workspace, usage_errors_exit_1)
{
	char dir[64], ws[128], args[512];
	fresh(dir, ws);
	snprintf(args, sizeof(args), c->args, ws);
	cli_run(&R, "%s", args);
	cr_assert(eq(int, R.status, 1), "%s: %s", args, R.err);
	cr_assert(eq(int, strncmp(R.err, c->err, strlen(c->err)), 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "Try 'warmpath "), NULL)));
	cr_assert(eq(str, R.out, ""));
	remove_dir(dir);
}

Test(cli_workspace, a_missing_workspace_is_bad_input)
{
	cli_run(&R, "members --workspace /tmp/wp_cliws_nowhere.wpw");
	cr_assert(eq(int, R.status, 2));
	cr_assert(eq(str, R.err, "warmpath: /tmp/wp_cliws_nowhere.wpw: no such workspace\n"));
	cr_assert(not(eq(int, access("/tmp/wp_cliws_nowhere.wpw", F_OK), 0)));
}

Test(cli_workspace, members_lists_every_member_in_three_formats)
{
	char dir[64], ws[128];
	fresh(dir, ws);
	import_sample(ws, 5);
	cli_run(&R, "members --workspace %s --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *a = cli_run_json(R.out);
	cr_assert(eq(sz, json_array_size(a), 5));
	bool seen_zoe = false;
	for (size_t i = 0; i < 5; i++) {
		json_t *o = json_array_get(a, i);
		cr_assert(lt(i64, 300, cli_run_jint(o, "people")));
		cr_assert(lt(i64, 300, cli_run_jint(o, "ties")));
		cr_assert(eq(i64, cli_run_jint(o, "imports"), 1));
		cr_assert(eq(int, strncmp(cli_run_jstr(o, "last_import"), CLI_RUN_NOW "T", 11), 0));
		cr_assert(eq(int,
		             strncmp(cli_run_jstr(o, "url"), "https://www.linkedin.com/in/", 28),
		             0));
		cr_assert(not(eq(ptr, strstr(cli_run_jstr(o, "files"), "onnections.csv"), NULL)));
		seen_zoe |= strcmp(cli_run_jstr(o, "name"), "Zoë Brandt") == 0;
	}
	cr_assert(seen_zoe);
	json_decref(a);
	cli_run(&R, "members --workspace %s --format csv", ws);
	cr_assert(eq(int, R.status, 0));
	cr_assert(eq(
	        int,
	        strncmp(R.out, "name,people,ties,imports,first_import,last_import,url,files\n", 60),
	        0));
	cr_assert(eq(int, cli_run_lines(R.out), 6));
	cli_run(&R, "members --workspace %s", ws);
	cr_assert(eq(int, R.status, 0));
	cr_assert(eq(int, strncmp(R.out, "name ", 5), 0));
	cr_assert(not(eq(ptr, strstr(R.out, "\nZoë Brandt "), NULL)), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "  " CLI_RUN_NOW "  "), NULL)), "%s", R.out);
	remove_dir(dir);
}

Test(cli_workspace, people_are_searched_and_likely_duplicates_listed)
{
	char dir[64], ws[128];
	fresh(dir, ws);
	import_sample(ws, 5);
	cli_run(&R, "people --workspace %s --search HADDAD --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *a = cli_run_json(R.out);
	bool leila = false;
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *o = json_array_get(a, i);
		cr_assert(lt(i64, 0, cli_run_jint(o, "id")));
		if (strcmp(cli_run_jstr(o, "name"), "Leïla Haddad") == 0) {
			leila = true;
			{
				bool yes = json_is_true(json_object_get(o, "member"));
				cr_assert(yes);
			}
			cr_assert(eq(str, (char *)cli_run_jstr(o, "slug"), "leïla-haddad"));
			cr_assert(eq(i64, cli_run_jint(o, "mentions"), 5),
			          "every export mentions her");
		}
	}
	cr_assert(leila);
	json_decref(a);
	cli_run(&R, "people --workspace %s --search haddad --format csv", ws);
	cr_assert(eq(int, strncmp(R.out, "id,name,company,position,known_by,member,linkedin\n", 50),
	             0));
	cli_run(&R, "people --workspace %s --limit 3 --format csv", ws);
	cr_assert(eq(int, cli_run_lines(R.out), 4));

	cli_run(&R, "people --workspace %s --duplicates --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	a = cli_run_json(R.out);
	cr_assert(lt(sz, 0, json_array_size(a)), "the sample has namesakes");
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *d = json_array_get(a, i);
		json_t *x = json_object_get(d, "a"), *y = json_object_get(d, "b");
		cr_assert(lt(i64, cli_run_jint(x, "id"), cli_run_jint(y, "id")));
		cr_assert(lt(sz, 0, strlen(cli_run_jstr(d, "reason"))));
	}
	json_decref(a);
	cli_run(&R, "people --workspace %s --duplicates", ws);
	cr_assert(eq(int, R.status, 0));
	cr_assert(eq(sz, strcspn(R.out, "\n"), strcspn(strstr(R.out, "id_a"), "\n") + 1),
	          "the header line starts with a right-aligned id_a: %s", R.out);
	remove_dir(dir);
}

Test(cli_workspace, ties_show_warmth_evidence_and_the_members_who_report_them)
{
	char dir[64], ws[128];
	fresh(dir, ws);
	import_sample(ws, 5);
	cli_run(&R, "ties 'Björn Lindqvist' --workspace %s --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	json_t *who = json_object_get(o, "person");
	cr_assert(eq(str, (char *)cli_run_jstr(who, "name"), "Björn Lindqvist"));
	{
		bool yes = json_is_true(json_object_get(who, "member"));
		cr_assert(yes);
	}
	json_t *ties = json_object_get(o, "ties");
	cr_assert(eq(i64, cli_run_jint(o, "tie_count"), (json_int_t)json_array_size(ties)));
	double prev = 2;
	json_t *leila = NULL;
	for (size_t i = 0; i < json_array_size(ties); i++) {
		json_t *t = json_array_get(ties, i);
		double w = json_real_value(json_object_get(t, "warmth"));
		cr_assert(le(dbl, w, prev), "warmest first");
		cr_assert(lt(dbl, 0, w));
		prev = w;
		if (strcmp(cli_run_jstr(t, "name"), "Leïla Haddad") == 0)
			leila = t;
	}
	/* Both exports list the connection: both members report the tie. */
	cr_assert(not(eq(ptr, leila, NULL)));
	json_t *ev = json_object_get(leila, "evidence");
	{
		bool yes = json_is_string(json_object_get(ev, "connected_on"));
		cr_assert(yes);
	}
	cr_assert(eq(i64, cli_run_jint(ev, "connections"), 2));
	json_t *by = json_object_get(leila, "reported_by");
	bool from_bjorn = false, from_leila = false;
	for (size_t i = 0; i < json_array_size(by); i++) {
		const char *name = cli_run_jstr(json_array_get(by, i), "member");
		from_bjorn |= strcmp(name, "Björn Lindqvist") == 0;
		from_leila |= strcmp(name, "Leïla Haddad") == 0;
	}
	cr_assert(from_bjorn && from_leila);
	json_decref(o);

	cli_run(&R, "ties 'Björn Lindqvist' --workspace %s --limit 3", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, strncmp(R.out, "Björn Lindqvist (#", 18), 0), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "ties, the 3 warmest shown\n\nwarmth  bucket"), NULL)),
	          "%s", R.out);
	cr_assert(eq(int, cli_run_lines(R.out), 2 + 1 + 3));
	cli_run(&R, "ties 'Björn Lindqvist' --workspace %s --limit 3 --format csv", ws);
	cr_assert(eq(int, strncmp(R.out, "id,name,company,warmth,bucket,connected_on,", 43), 0));
	cr_assert(eq(int, cli_run_lines(R.out), 4));
	remove_dir(dir);
}

Test(cli_workspace, unknown_and_ambiguous_people_exit_2_in_one_line)
{
	char dir[64], ws[128];
	fresh(dir, ws);
	import_sample(ws, 5);
	cli_run(&R, "ties 'Nobody Atall' --workspace %s", ws);
	cr_assert(eq(int, R.status, 2));
	cr_assert(eq(int, strncmp(R.err, "warmpath: no person matches \"Nobody Atall\"", 42), 0),
	          "%s", R.err);
	cr_assert(eq(int, cli_run_lines(R.err), 1));
	cr_assert(eq(str, R.out, ""));

	/* A namesake pair makes its name ambiguous. */
	cli_run(&R, "people --workspace %s --duplicates --format json", ws);
	json_t *a = cli_run_json(R.out);
	char name[256] = "";
	for (size_t i = 0; i < json_array_size(a) && !name[0]; i++) {
		json_t *d = json_array_get(a, i);
		const char *x = cli_run_jstr(json_object_get(d, "a"), "name");
		if (strcmp(x, cli_run_jstr(json_object_get(d, "b"), "name")) == 0 &&
		    !strchr(x, '\''))
			snprintf(name, sizeof(name), "%s", x);
	}
	json_decref(a);
	cr_assert(not(eq(str, name, "")));
	cli_run(&R, "ties '%s' --workspace %s", name, ws);
	cr_assert(eq(int, R.status, 2));
	cr_assert(not(eq(ptr, strstr(R.err, "is ambiguous"), NULL)), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "use #ID"), NULL)), "%s", R.err);
	cr_assert(eq(int, cli_run_lines(R.err), 1));
	remove_dir(dir);
}

/* The first likely-duplicate pair whose two people have different LinkedIn profiles. */
static void profile_pair(const char *ws, long long *x, long long *y)
{
	cli_run(&R, "people --workspace %s --duplicates --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *a = cli_run_json(R.out);
	*x = *y = 0;
	for (size_t i = 0; i < json_array_size(a) && !*x; i++) {
		json_t *d = json_array_get(a, i);
		json_t *p = json_object_get(d, "a"), *q = json_object_get(d, "b");
		if (cli_run_jstr(p, "slug")[0] && cli_run_jstr(q, "slug")[0]) {
			*x = cli_run_jint(p, "id");
			*y = cli_run_jint(q, "id");
		}
	}
	json_decref(a);
	cr_assert(lt(i64, 0, *x), "no pair with two profiles");
}

Test(cli_workspace, merge_and_split_record_decisions)
{
	char dir[64], ws[128], want[64];
	long long x, y;
	fresh(dir, ws);
	import_sample(ws, 5);
	profile_pair(ws, &x, &y);
	json_int_t v = data_version(ws);

	cli_run(&R, "merge --workspace %s '#%lld' '#%lld'", ws, x, y);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	snprintf(want, sizeof(want), "merged #%lld ", x);
	cr_assert(eq(int, strncmp(R.out, want, strlen(want)), 0), "%s", R.out);
	snprintf(want, sizeof(want), " into #%lld ", x);
	cr_assert(not(eq(ptr, strstr(R.out, want), NULL)), "%s", R.out);
	cr_assert(eq(int, cli_run_lines(R.out), 1));
	cr_assert(lt(i64, v, data_version(ws)));

	/* The merged-away id is gone; merging again is bad input and changes nothing. */
	v = data_version(ws);
	cli_run(&R, "ties '#%lld' --workspace %s", y, ws);
	cr_assert(eq(int, R.status, 2));
	cli_run(&R, "merge --workspace %s '#%lld' '#%lld'", ws, x, y);
	cr_assert(eq(int, R.status, 2));
	cr_assert(eq(int, cli_run_lines(R.err), 1), "%s", R.err);
	cr_assert(eq(i64, data_version(ws), v));

	cli_run(&R, "split --workspace %s '#%lld' --format json", ws, x);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	cr_assert(eq(str, (char *)cli_run_jstr(o, "action"), "split"));
	cr_assert(eq(i64, cli_run_jint(o, "id"), x));
	cr_assert(eq(i64, cli_run_jint(o, "people"), 2));
	json_decref(o);
	remove_dir(dir);
}

Test(cli_workspace, forget_removes_a_member_and_only_what_they_brought)
{
	char dir[64], ws[128];
	fresh(dir, ws);
	import_sample(ws, 5);
	cli_run(&R, "forget --workspace %s --member 'élodie marchand' --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	cr_assert(lt(i64, 100, cli_run_jint(o, "people_removed")));
	cr_assert(lt(i64, 100, cli_run_jint(o, "ties_removed")));
	json_decref(o);
	cli_run(&R, "members --workspace %s --format csv", ws);
	cr_assert(eq(int, cli_run_lines(R.out), 5));
	cr_assert(eq(ptr, strstr(R.out, "Élodie"), NULL));
	/* Zoë's export still lists her: the tie stays, reported by Zoë alone now. */
	cli_run(&R, "ties 'Zoë Brandt' --workspace %s --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	o = cli_run_json(R.out);
	json_t *ties = json_object_get(o, "ties"), *elodie = NULL;
	cr_assert(lt(sz, 300, json_array_size(ties)));
	for (size_t i = 0; i < json_array_size(ties); i++)
		if (strcmp(cli_run_jstr(json_array_get(ties, i), "name"), "Élodie Marchand") == 0)
			elodie = json_array_get(ties, i);
	cr_assert(not(eq(ptr, elodie, NULL)));
	json_t *by = json_object_get(elodie, "reported_by");
	cr_assert(eq(sz, json_array_size(by), 1));
	cr_assert(eq(str, (char *)cli_run_jstr(json_array_get(by, 0), "member"), "Zoë Brandt"));
	cr_assert(eq(i64, cli_run_jint(json_object_get(elodie, "evidence"), "connections"), 1));
	json_decref(o);

	json_int_t v = data_version(ws);
	cli_run(&R, "forget --workspace %s --member 'Élodie Marchand'", ws);
	cr_assert(eq(int, R.status, 2));
	cr_assert(eq(int, strncmp(R.err, "warmpath: no member called ", 27), 0), "%s", R.err);
	cr_assert(eq(int, cli_run_lines(R.err), 1));
	cr_assert(eq(i64, data_version(ws), v));
	remove_dir(dir);
}

Test(cli_workspace, ties_import_checks_the_whole_file_before_changing_anything)
{
	char dir[64], ws[128], path[128], want[256];
	fresh(dir, ws);
	import_sample(ws, 5);
	snprintf(path, sizeof(path), "%s/ties.csv", dir);
	FILE *f = fopen(path, "w");
	fputs("person_a,person_b,strength\n"
	      "Zoë Brandt,Björn Lindqvist,strong\n"
	      "Zoë Brandt,Nobody Atall,0.5\n",
	      f);
	fclose(f);
	json_int_t v = data_version(ws);
	cli_run(&R, "ties-import --workspace %s %s", ws, path);
	cr_assert(eq(int, R.status, 2));
	snprintf(want, sizeof(want), "warmpath: %s:3: no person matches \"Nobody Atall\"", path);
	cr_assert(eq(int, strncmp(R.err, want, strlen(want)), 0), "%s", R.err);
	cr_assert(eq(int, cli_run_lines(R.err), 1));
	cr_assert(eq(i64, data_version(ws), v), "the good first row was not applied");

	f = fopen(path, "w");
	fputs("Zoë Brandt,Björn Lindqvist,sometimes\n", f);
	fclose(f);
	cli_run(&R, "ties-import --workspace %s %s", ws, path);
	cr_assert(eq(int, R.status, 2));
	snprintf(want, sizeof(want), "warmpath: %s:1: ", path);
	cr_assert(eq(int, strncmp(R.err, want, strlen(want)), 0), "%s", R.err);
	cr_assert(eq(int, cli_run_lines(R.err), 1));

	f = fopen(path, "w");
	fputs("Zoë Brandt,Björn Lindqvist,strong\nLeïla Haddad,Siobhán O'Connor,0.3\n", f);
	fclose(f);
	cli_run(&R, "ties-import --workspace %s %s", ws, path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(str, R.out, "2 tie strengths set by hand, 0 cleared\n"));
	cli_run(&R, "ties 'Zoë Brandt' --workspace %s --format json", ws);
	json_t *o = cli_run_json(R.out);
	json_t *ties = json_object_get(o, "ties");
	bool found = false;
	for (size_t i = 0; i < json_array_size(ties); i++) {
		json_t *t = json_array_get(ties, i);
		if (strcmp(cli_run_jstr(t, "name"), "Björn Lindqvist") != 0)
			continue;
		found = true;
		double manual =
		        json_real_value(json_object_get(json_object_get(t, "evidence"), "manual"));
		cr_assert(epsilon_eq(dbl, manual, 0.80, 1e-9));
		cr_assert(eq(str, (char *)cli_run_jstr(t, "bucket"), "strong"));
	}
	cr_assert(found);
	json_decref(o);
	remove_dir(dir);
}

Test(cli_workspace, stats_describe_the_workspace_and_its_people_graph)
{
	char dir[64], ws[128];
	fresh(dir, ws);
	import_sample(ws, 5);
	cli_run(&R, "stats --workspace %s --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	json_t *w = json_object_get(o, "workspace");
	cr_assert(eq(i64, cli_run_jint(w, "members"), 5));
	cr_assert(eq(i64, cli_run_jint(w, "imports"), 5));
	cr_assert(eq(i64, cli_run_jint(o, "vertices"), cli_run_jint(w, "people")));
	cr_assert(eq(i64, cli_run_jint(o, "edges"), cli_run_jint(w, "ties")));
	json_t *b = json_object_get(w, "buckets");
	cr_assert(eq(i64,
	             cli_run_jint(b, "strong") + cli_run_jint(b, "familiar") +
	                     cli_run_jint(b, "known") + cli_run_jint(b, "weak"),
	             cli_run_jint(w, "ties")));
	{
		bool yes = json_is_true(json_object_get(o, "weighted"));
		cr_assert(yes);
	}
	json_decref(o);
	cli_run(&R, "stats --workspace %s", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, strncmp(R.out, "workspace ", 10), 0), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "\nmembers                      5\n"), NULL)), "%s",
	          R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "\nvertices "), NULL)), "%s", R.out);
	remove_dir(dir);
}

Test(cli_workspace, address_books_and_vcards_are_read_by_their_own_parsers)
{
	char dir[64], ws[128];
	fresh(dir, ws);
	cli_run(&R,
	        "import --workspace %s --member 'Zoë Brandt' --format json "
	        "tests/fixtures/addressbook/google-contacts.csv "
	        "tests/fixtures/vcard/rfc6350-4.0.vcf",
	        ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	json_t *files = json_object_get(o, "files");
	cr_assert(eq(sz, json_array_size(files), 2));
	cr_assert(
	        eq(str, (char *)cli_run_jstr(json_array_get(files, 0), "kind"), "google-contacts"));
	cr_assert(eq(str, (char *)cli_run_jstr(json_array_get(files, 1), "kind"), "vcard"));
	cr_assert(lt(i64, 0, cli_run_jint(o, "ties")));
	json_decref(o);
	/* --map names the columns of a CSV whose header is not recognised. */
	cli_run(&R,
	        "import --workspace %s --member 'Leïla Haddad' --map 'Full name=name' "
	        "--map 'Work email=email' --map 'LinkedIn profile=url' --format json "
	        "tests/fixtures/addressbook/people.csv",
	        ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	o = cli_run_json(R.out);
	cr_assert(eq(str,
	             (char *)cli_run_jstr(json_array_get(json_object_get(o, "files"), 0), "kind"),
	             "people-csv"));
	json_decref(o);
	remove_dir(dir);
}
