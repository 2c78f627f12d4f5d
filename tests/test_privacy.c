/* test_privacy.c - what warmpath writes about people stays private, end to end through the CLI.
 *
 * - Every file it creates (the workspace, its WAL and shared-memory files, the graph cache,
 *   snapshots written by convert) has mode 0600 even under umask 000.
 * - Message subjects and bodies never reach the disk: after importing a messages.csv whose
 *   texts hold made-up words, no file next to the workspace contains them, while the
 *   correspondents' names (which are kept) are found by the same scan, so the scan can fail.
 * - `forget` leaves no trace: after forgetting a member, the bytes of every workspace file hold
 *   none of the names, profile URLs or e-mail addresses that only that member brought.
 * - Errors about bad rows name the file and line, never the person in the row.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/support/cli_run.h"

static cli_run_result R;
static char dir[64], ws[128];

static void setup(void)
{
	cli_run_tmpdir(dir, "privacy");
	snprintf(ws, sizeof(ws), "%s/w.db", dir);
}

static void teardown(void)
{
	cli_run_rmdir(dir);
}

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	mkdir(path, 0700);
	*slash = '/';
	FILE *f = fopen(path, "w");
	cr_assert(not(eq(ptr, f, NULL)), "%s", path);
	fputs(text, f);
	fclose(f);
}

/* How many files in dir whose name starts with "w.db" (the workspace and its companions)
 * contain needle, and how many such files there are. */
static int files_containing(const char *needle, int *files)
{
	DIR *d = opendir(dir);
	cr_assert(not(eq(ptr, d, NULL)));
	struct dirent *e;
	int hits = 0;
	*files = 0;
	size_t n = strlen(needle);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "w.db", 4) != 0)
			continue;
		char path[400];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		cr_assert(not(eq(ptr, f, NULL)));
		fseek(f, 0, SEEK_END);
		long size = ftell(f);
		rewind(f);
		char *buf = malloc((size_t)size + 1);
		cr_assert(eq(sz, fread(buf, 1, (size_t)size, f), (size_t)size));
		fclose(f);
		(*files)++;
		hits += size > 0 && memmem(buf, (size_t)size, needle, n) != NULL;
		free(buf);
	}
	closedir(d);
	return hits;
}

static int mode_of(const char *path)
{
	struct stat sb;
	cr_assert(eq(int, stat(path, &sb), 0), "%s", path);
	return (int)(sb.st_mode & 0777);
}

#define CONNECTIONS_HEADER "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
#define MESSAGES_HEADER                                                               \
	"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT," \
	"CONTENT,FOLDER\n"

/* Ada's export: two connections and a conversation whose texts hold words found nowhere else. */
static void ada_export(void)
{
	write_file("ada/Connections.csv", CONNECTIONS_HEADER
	           "Ottoline,Grimsditch,https://www.linkedin.com/in/ottoline-grimsditch-7q,"
	           "ottoline@grimsditch.example,Quokka Works,CEO,01 Jan 2020\n"
	           "Bartholomew,Quillfeather,https://www.linkedin.com/in/bart-quillfeather,,"
	           "Acme,CTO,02 Feb 2021\n");
	write_file("ada/messages.csv", MESSAGES_HEADER
	           "c1,Zanzibarquokka plans,Ottoline Grimsditch,"
	           "https://www.linkedin.com/in/ottoline-grimsditch-7q,Ada Lovelace,"
	           "2024-03-01 10:00:00 UTC,Subject Xylophonewombat,"
	           "\"Body Marmalizard, with a line\nbreak Pomegranatequasar\",INBOX\n"
	           "c1,Zanzibarquokka plans,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,"
	           "Ottoline Grimsditch,2024-03-02 10:00:00 UTC,,Reply Thunderbassoon,INBOX\n");
}

static void import_ada(void)
{
	cli_run(&R,
	        "import --workspace %s --member 'Ada Lovelace' --member-url "
	        "https://www.linkedin.com/in/ada-lovelace %s/ada",
	        ws, dir);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
}

Test(privacy, files_are_created_0600_under_a_permissive_umask, .init = setup, .fini = teardown)
{
	mode_t old = umask(0);
	ada_export();
	import_ada();
	/* A query that builds the graph writes the cache next to the workspace. */
	cli_run(&R, "stats --workspace %s", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	int files = 0;
	files_containing("", &files);
	cr_assert(ge(int, files, 1));
	DIR *d = opendir(dir);
	struct dirent *e;
	int checked = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "ada") == 0)
			continue;
		char path[400];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		cr_assert(eq(int, mode_of(path), 0600), "%s", path);
		checked++;
	}
	closedir(d);
	cr_assert(ge(int, checked, 1));
	/* A snapshot written by convert. */
	char out[200];
	snprintf(out, sizeof(out), "%s/karate.wpg", dir);
	cli_run(&R, "convert tests/fixtures/edgelist/karate.txt %s", out);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, mode_of(out), 0600));
	umask(old);
}

Test(privacy, message_subjects_and_bodies_never_reach_the_disk, .init = setup, .fini = teardown)
{
	ada_export();
	import_ada();
	cli_run(&R, "stats --workspace %s", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	int files = 0;
	/* The scan works: what is kept is found. */
	cr_assert(ge(int, files_containing("Grimsditch", &files), 1));
	const char *secret[] = {"Zanzibarquokka", "Xylophonewombat", "Marmalizard",
	                        "Pomegranatequasar", "Thunderbassoon"};
	for (size_t i = 0; i < sizeof(secret) / sizeof(secret[0]); i++)
		cr_assert(eq(int, files_containing(secret[i], &files), 0), "%s is stored",
		          secret[i]);
}

Test(privacy, forget_leaves_no_trace_of_what_only_that_member_brought, .init = setup,
     .fini = teardown)
{
	ada_export();
	import_ada();
	/* Bob knows Bartholomew too, but not Ottoline. */
	write_file("bob/Connections.csv", CONNECTIONS_HEADER
	           "Bartholomew,Quillfeather,https://www.linkedin.com/in/"
	           "bart-quillfeather,,Acme,CTO,03 Mar 2022\n"
	           "Wilhelmina,Stonecrop,https://www.linkedin.com/in/w-stonecrop,,"
	           "Globex,CFO,04 Apr 2022\n");
	cli_run(&R,
	        "import --workspace %s --member 'Bob Marley' --member-url "
	        "https://www.linkedin.com/in/bob-marley %s/bob",
	        ws, dir);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cli_run(&R, "stats --workspace %s", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	const char *ada_only[] = {"Grimsditch",   "ottoline-grimsditch-7q", "grimsditch.example",
	                          "Quokka Works", "ada-lovelace",           "Lovelace"};
	int files = 0;
	for (size_t i = 0; i < sizeof(ada_only) / sizeof(ada_only[0]); i++)
		cr_assert(ge(int, files_containing(ada_only[i], &files), 1), "%s before forget",
		          ada_only[i]);

	cli_run(&R, "forget --workspace %s --member 'Ada Lovelace'", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cli_run(&R, "stats --workspace %s", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	for (size_t i = 0; i < sizeof(ada_only) / sizeof(ada_only[0]); i++)
		cr_assert(eq(int, files_containing(ada_only[i], &files), 0),
		          "%s is still in a workspace file after forget", ada_only[i]);
	/* What Bob brought stays. */
	cr_assert(ge(int, files_containing("Stonecrop", &files), 1));
	cr_assert(ge(int, files_containing("Quillfeather", &files), 1));
}

static void assert_no_name(const char *text, const char *what)
{
	const char *names[] = {"Ottoline", "Grimsditch", "ottoline@", "Quokka"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		cr_assert(eq(ptr, strstr(text, names[i]), NULL), "%s shows %s: %s", what, names[i],
		          text);
}

Test(privacy, bad_rows_are_reported_by_file_and_line_without_the_person, .init = setup,
     .fini = teardown)
{
	/* An unquoted comma in the company: one cell too many. */
	write_file("bad/Connections.csv", CONNECTIONS_HEADER
	           "Bartholomew,Quillfeather,https://www.linkedin.com/in/bq,,"
	           "Acme,CTO,02 Feb 2021\n"
	           "Ottoline,Grimsditch,https://www.linkedin.com/in/og,"
	           "ottoline@grimsditch.example,Quokka, Works,CEO,01 Jan 2020\n");
	cli_run(&R, "import --workspace %s --member 'Ada Lovelace' %s/bad", ws, dir);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "Connections.csv:3: "), NULL)), "%s", R.err);
	assert_no_name(R.err, "the warning");
	cli_run(&R, "import --workspace %s --member 'Ada Lovelace' --strict %s/bad", ws, dir);
	cr_assert(eq(int, R.status, 2), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "Connections.csv:3: "), NULL)), "%s", R.err);
	assert_no_name(R.err, "the strict error");

	/* An address book row with more cells than its header, and a vCard without a name. */
	write_file("book.csv", "First Name,Last Name,E-mail Address\n"
	                       "Bartholomew,Quillfeather,bq@example.org\n"
	                       "Ottoline,Grimsditch,ottoline@grimsditch.example,Quokka\n");
	cli_run(&R, "import --workspace %s --member 'Ada Lovelace' --strict %s/book.csv", ws, dir);
	cr_assert(eq(int, R.status, 2), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "book.csv:3: "), NULL)), "%s", R.err);
	assert_no_name(R.err, "the address book error");

	/* An edge list with a broken line naming people. */
	write_file("people.txt", "\"Bartholomew Quillfeather\" \"Wilhelmina Stonecrop\"\n"
	                         "\"Ottoline Grimsditch\" \"Quokka\n");
	cli_run(&R, "stats %s/people.txt", dir);
	cr_assert(eq(int, R.status, 2), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.err, "people.txt:2: "), NULL)), "%s", R.err);
	assert_no_name(R.err, "the edge list error");
}
