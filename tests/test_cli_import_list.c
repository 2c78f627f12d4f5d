/* test_cli_import_list.c - `warmpath import --members LIST.csv`: many members in one run.
 *
 * The oracle is the one-member-per-run import the rest of the suite already checks: importing
 * the sample's five members through a list must leave a workspace with the same members, people
 * and ties as importing them one `warmpath import` at a time. Then the list's own errors (each
 * one line with file:line, exit 2, and no workspace created), and a member whose archive is
 * unreadable: reported and skipped, the others imported.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/support/cli_run.h"

#define SAMPLE "examples/sample"

static cli_run_result R; /* too big for the stack */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert(not(eq(ptr, f, NULL)));
	fputs(text, f);
	fclose(f);
}

/* people, ties and members of the workspace at ws, from stats --workspace. */
static void counts(const char *ws, json_int_t *people, json_int_t *ties, json_int_t *members)
{
	cli_run(&R, "stats --workspace %s --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	json_t *w = json_object_get(o, "workspace");
	*people = cli_run_jint(w, "people");
	*ties = cli_run_jint(w, "ties");
	*members = cli_run_jint(w, "members");
	json_decref(o);
}

Test(cli_import_list, a_list_imports_like_one_run_per_member)
{
	char dir[64], listed[128], single[128];
	cli_run_tmpdir(dir, "implist");
	snprintf(listed, sizeof(listed), "%s/listed.wpw", dir);
	snprintf(single, sizeof(single), "%s/single.wpw", dir);

	cli_run(&R, "import --workspace %s --members " SAMPLE "/members.csv --format json", listed);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *a = cli_run_json(R.out);
	cr_assert(eq(sz, json_array_size(a), 5));
	for (size_t i = 0; i < 5; i++) {
		json_t *row = json_array_get(a, i);
		cr_assert(eq(str, (char *)cli_run_jstr(row, "status"), "imported"));
		cr_assert(lt(i64, 0, cli_run_jint(row, "ties")));
	}
	cr_assert(eq(str, (char *)cli_run_jstr(json_array_get(a, 0), "member"), "Zoë Brandt"));
	json_decref(a);

	/* The same five, one run each (the members file lists them in members.tsv's order). */
	FILE *f = fopen(SAMPLE "/members.tsv", "r");
	char line[1024];
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL)));
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL;
		char *path = strtok_r(line, "\t\n", &save);
		char *name = strtok_r(NULL, "\t\n", &save);
		char *url = strtok_r(NULL, "\t\n", &save);
		cli_run(&R, "import --workspace %s --member \"%s\" --member-url '%s' " SAMPLE "/%s",
		        single, name, url, path);
		cr_assert(eq(int, R.status, 0), "%s", R.err);
	}
	fclose(f);

	json_int_t p1, t1, m1, p2, t2, m2;
	counts(listed, &p1, &t1, &m1);
	counts(single, &p2, &t2, &m2);
	cr_assert(eq(i64, m1, 5));
	cr_assert(eq(i64, p1, p2));
	cr_assert(eq(i64, t1, t2));
	cr_assert(eq(i64, m1, m2));

	/* A second run of the list changes nothing. */
	cli_run(&R, "import --workspace %s --members " SAMPLE "/members.csv --format csv", listed);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(ptr, strstr(R.out, ",imported,"), NULL), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, ",unchanged,"), NULL)), "%s", R.out);
	cli_run_rmdir(dir);
}

Test(cli_import_list, an_unreadable_member_is_skipped_and_the_others_imported)
{
	char dir[64], cmd[512], path[128];
	cli_run_tmpdir(dir, "implist");
	snprintf(cmd, sizeof(cmd),
	         "cp " SAMPLE "/01-zoe-brandt/*.zip %s/zoe.zip && cp " SAMPLE
	         "/02-leila-haddad/*.zip %s/leila.zip",
	         dir, dir);
	cr_assert(eq(int, system(cmd), 0));
	snprintf(path, sizeof(path), "%s/bad.zip", dir);
	write_file(path, "this is not a zip archive\n");
	snprintf(path, sizeof(path), "%s/list.csv", dir);
	/* Paths are relative to the list; the columns may come in any order. */
	write_file(path, "path,member\nzoe.zip,Zoë Brandt\nbad.zip,Bad Archive\n"
	                 "leila.zip,Leïla Haddad\n");

	cli_run(&R, "import --workspace %s/ws.wpw --members %s", dir, path);
	cr_assert(eq(int, R.status, 2), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "warmpath: Bad Archive: not imported: "), NULL)), "%s",
	          R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "1 of 3 members not imported"), NULL)), "%s", R.err);

	cli_run(&R, "members --workspace %s/ws.wpw --format csv", dir);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.out, "Zoë Brandt"), NULL)), "%s", R.out);
	cr_assert(not(eq(ptr, strstr(R.out, "Leïla Haddad"), NULL)), "%s", R.out);
	cr_assert(eq(ptr, strstr(R.out, "Bad Archive"), NULL), "%s", R.out);
	cli_run_rmdir(dir);
}

/* A malformed list: its content and the exact message (after "warmpath: DIR/list.csv"). */
typedef struct bad_list {
	char text[256];
	char message[160];
} bad_list;

static bad_list bad_lists[] = {
        {"name,path\nZoë Brandt,zoe.zip\n",
         ":1: expected a header naming the columns member and path (and optionally "
         "member_url)"},
        {"", ":1: the list is empty; expected a header: member,member_url,path"},
        {"member,path\n", ": the list names no member (one row per export file)"},
        {"member,path\nZoë Brandt,zoe.zip\n,zoe.zip\n", ":3: the member's name is empty"},
        {"member,member_url,path\nZoë Brandt,,\n", ":2: the path is empty"},
        {"member,member_url,path\nZoë Brandt,https://example.org/zoe,zoe.zip\n",
         ":2: member_url must be a LinkedIn profile URL (https://www.linkedin.com/in/...)"},
        {"member,path\nZoë Brandt,zoe.zip\nZoë Brandt,missing.zip\n",
         ":3: DIR/missing.zip: cannot open: No such file or directory"},
        {"member,member_url,path\nZoë Brandt,https://www.linkedin.com/in/zoe,zoe.zip\n"
         "Zoë Brandt,https://www.linkedin.com/in/zoe-other,zoe.zip\n",
         ":3: member \"Zoë Brandt\" has another member_url on an earlier row; give one URL "
         "per member"},
};

ParameterizedTestParameters(cli_import_list, a_malformed_list_imports_nothing)
{
	return cr_make_param_array(bad_list, bad_lists, sizeof(bad_lists) / sizeof(bad_lists[0]));
}

ParameterizedTest(bad_list *b, cli_import_list, a_malformed_list_imports_nothing)
{
	char dir[64], list[128], zip[128], want[512], ws[128];
	cli_run_tmpdir(dir, "implist");
	snprintf(list, sizeof(list), "%s/list.csv", dir);
	snprintf(zip, sizeof(zip), "%s/zoe.zip", dir);
	snprintf(ws, sizeof(ws), "%s/ws.wpw", dir);
	write_file(list, b->text);
	write_file(zip, "a file that is never read: the list is refused first\n");

	cli_run(&R, "import --workspace %s --members %s", ws, list);
	cr_assert(eq(int, R.status, 2), "%s", R.err);
	/* DIR in the expected message stands for the temporary directory. */
	const char *d = strstr(b->message, "DIR");
	if (d != NULL)
		snprintf(want, sizeof(want), "warmpath: %s%.*s%s%s\n", list, (int)(d - b->message),
		         b->message, dir, d + 3);
	else
		snprintf(want, sizeof(want), "warmpath: %s%s\n", list, b->message);
	cr_assert(eq(str, R.err, want));
	struct stat sb;
	cr_assert(not(eq(int, stat(ws, &sb), 0)), "a refused list must not create the workspace");
	cli_run_rmdir(dir);
}

Test(cli_import_list, a_list_excludes_member_and_paths)
{
	cli_run(&R, "import --workspace /tmp/wp_never.wpw --members " SAMPLE
	            "/members.csv --member 'Zoë Brandt'");
	cr_assert(eq(int, R.status, 1), "%s", R.err);
	cr_assert(
	        not(eq(ptr, strstr(R.err, "give no --member, --member-url or PATH with it"), NULL)),
	        "%s", R.err);
	cli_run(&R, "import --workspace /tmp/wp_never.wpw --members " SAMPLE "/members.csv x.zip");
	cr_assert(eq(int, R.status, 1), "%s", R.err);
}
