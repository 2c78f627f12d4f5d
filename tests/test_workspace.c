/* test_workspace.c - Criterion tests for the workspace (engine/workspace*.c).
 *
 * Batches are built directly with the wp_contacts functions, never through the parsers, so these
 * tests pin the workspace's own rules: identity resolution (slug, e-mail, name + company; never
 * merging "LinkedIn Member", unnamed and conflicting profiles), idempotent re-import (compared as
 * full dumps of every content table), replacement by a newer export, forget (nothing left in the
 * file's bytes), merge and split decisions that later imports respect, manual strengths, shared
 * employers, the derived graph and its cache, file modes, schema refusal, a busy workspace, and a
 * crash test that kills an importing child at random moments and checks that the workspace is
 * intact and exactly as it was before or after the import. Each test works in its own temporary
 * directory (Criterion runs every test in its own process).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine/workspace.h"
#include "engine/contacts.h"
#include "engine/snapshot.h"

#define DAY 86400LL
#define NOW 1750000000LL /* 2025-06-15 */

static char dir[256];
static char path[320];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/wp-test-ws-XXXXXX");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
	snprintf(path, sizeof(path), "%s/w.db", dir);
}

static void teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", dir);
}

/* ---- Building batches --------------------------------------------------------------------------
 */

static uint32_t str(wp_contacts *c, const char *s)
{
	uint32_t id = 0;
	cr_assert(eq(int, wp_contacts_str(c, s, strlen(s), &id, NULL), WP_OK));
	return id;
}

static wp_contacts batch(const char *member, const char *url)
{
	wp_contacts c;
	uint32_t f;
	cr_assert(eq(int, wp_contacts_init(&c, member, url, NULL), WP_OK));
	cr_assert(eq(int, wp_contacts_add_file(&c, "Connections.csv", "connections", &f, NULL),
	             WP_OK));
	return c;
}

static uint32_t person_flags(wp_contacts *c, const char *name, const char *slug, const char *email,
                             const char *company, uint32_t flags)
{
	wp_person_rec p = {0};
	uint32_t index;
	p.full = str(c, name);
	p.slug = str(c, slug);
	p.email = str(c, email);
	p.company = str(c, company);
	p.position = str(c, *company ? "Director" : "");
	p.flags = flags;
	p.line = c->people_count + 1;
	cr_assert(eq(int, wp_contacts_add_person(c, &p, &index, NULL), WP_OK));
	return index;
}

static uint32_t person(wp_contacts *c, const char *name, const char *slug, const char *email,
                       const char *company)
{
	return person_flags(c, name, slug, email, company, 0);
}

static void evidence(wp_contacts *c, uint32_t a, uint32_t b, wp_evidence_kind kind, uint32_t sent,
                     uint32_t received, int64_t first, int64_t last)
{
	wp_evidence_rec e = {.a = a,
	                     .b = b,
	                     .kind = kind,
	                     .sent = sent,
	                     .received = received,
	                     .first = first,
	                     .last = last};
	cr_assert(eq(int, wp_contacts_add_evidence(c, &e, NULL), WP_OK));
	c->files[0].rows++;
	c->files[0].used++;
}

/* A connection of the member: person and a Connected On date. */
static uint32_t contact(wp_contacts *c, const char *name, const char *slug, const char *company)
{
	uint32_t p = person(c, name, slug, "", company);
	evidence(c, 0, p, WP_EV_CONNECTION, 0, 0, NOW - 400 * DAY, 0);
	return p;
}

static void position(wp_contacts *c, const char *company, int32_t start, int32_t end)
{
	wp_position_rec p = {.company = str(c, company),
	                     .title = str(c, "Manager"),
	                     .start_month = start,
	                     .end_month = end};
	cr_assert(eq(int, wp_contacts_add_position(c, &p, NULL), WP_OK));
}

/* ---- The workspace ----------------------------------------------------------------------------
 */

static wp_workspace *open_ws(void)
{
	wp_workspace *ws = NULL;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_open(&ws, path, true, err), WP_OK), "%s", err);
	wp_workspace_set_clock(ws, NOW);
	return ws;
}

static wp_import_summary import(wp_workspace *ws, const char *member, const wp_contacts *c)
{
	wp_import_summary s;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_import(ws, member, c, "test", &s, err), WP_OK), "%s", err);
	return s;
}

static int64_t pid(wp_workspace *ws, const char *ref)
{
	int64_t id = 0;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_person_resolve(ws, ref, &id, err), WP_OK), "%s", err);
	return id;
}

static wp_workspace_stats stats(wp_workspace *ws)
{
	wp_workspace_stats s;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_stats_get(ws, &s, err), WP_OK), "%s", err);
	return s;
}

static size_t find_count(wp_workspace *ws, const char *ref)
{
	wp_people p;
	cr_assert(eq(int, wp_workspace_people_find(ws, ref, &p, NULL), WP_OK));
	size_t n = p.count;
	wp_people_free(&p);
	return n;
}

static int line_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every content table of the workspace at file as sorted text lines: people, members (without
 * their last import date and count), mentions, links, shared, manual, positions, files,
 * decisions and meta. The log is left out (a repeated import logs itself). */
static char *dump_file(const char *file)
{
	static const char *const queries[] = {
	        "SELECT 'meta', * FROM meta",
	        "SELECT 'people', * FROM people",
	        "SELECT 'members', id, name, name_key, person_id, url, first_import FROM members",
	        "SELECT 'mentions', * FROM mentions",
	        "SELECT 'links', * FROM links",
	        "SELECT 'shared', * FROM shared",
	        "SELECT 'manual', * FROM manual",
	        "SELECT 'positions', * FROM positions",
	        "SELECT 'files', * FROM files",
	        "SELECT 'decisions', * FROM decisions",
	};
	sqlite3 *db = NULL;
	char **lines = NULL;
	size_t n = 0, cap = 0, total = 1;
	cr_assert(eq(int, sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK));
	for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		sqlite3_stmt *s = NULL;
		cr_assert(eq(int, sqlite3_prepare_v2(db, queries[q], -1, &s, NULL), SQLITE_OK),
		          "%s", sqlite3_errmsg(db));
		while (sqlite3_step(s) == SQLITE_ROW) {
			char line[8192];
			size_t used = 0;
			for (int i = 0; i < sqlite3_column_count(s) && used < sizeof(line); i++) {
				const unsigned char *t = sqlite3_column_text(s, i);
				used += (size_t)snprintf(line + used, sizeof(line) - used, "%s%s",
				                         i ? "|" : "",
				                         t ? (const char *)t : "NULL");
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				lines = realloc(lines, cap * sizeof(*lines));
			}
			lines[n++] = strdup(line);
			total += strlen(line) + 1;
		}
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	qsort(lines, n, sizeof(*lines), line_order);
	char *out = malloc(total);
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		used += (size_t)sprintf(out + used, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	return out;
}

static char *dump(void)
{
	return dump_file(path);
}

/* Whether bytes occur anywhere in file (0 if it does not exist). */
static bool file_contains(const char *file, const char *needle)
{
	FILE *f = fopen(file, "rb");
	if (f == NULL)
		return false;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)len + 1);
	size_t got = fread(buf, 1, (size_t)len, f);
	fclose(f);
	size_t len_n = strlen(needle);
	bool found = false;
	for (size_t i = 0; !found && i + len_n <= got; i++)
		found = memcmp(buf + i, needle, len_n) == 0;
	free(buf);
	return found;
}

static void copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	cr_assert(not(eq(ptr, a, NULL)));
	cr_assert(not(eq(ptr, b, NULL)));
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), a)) > 0)
		cr_assert(eq(sz, fwrite(buf, 1, n, b), n));
	fclose(a);
	fclose(b);
}

static int mode_of(const char *file)
{
	struct stat sb;
	cr_assert(eq(int, stat(file, &sb), 0), "%s: %s", file, strerror(errno));
	return (int)(sb.st_mode & 0777);
}

/* ---- Opening ----------------------------------------------------------------------------------
 */

Test(workspace, is_created_private_with_its_wal_and_shm, .init = setup, .fini = teardown)
{
	char wal[400], shm[400];
	mode_t old = umask(0);
	wp_workspace *ws = open_ws();
	wp_contacts c = batch("Ada Lovelace", NULL);
	contact(&c, "Charles Babbage", "charles-babbage", "Difference Engines");
	import(ws, "Ada Lovelace", &c);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	cr_assert(eq(int, mode_of(path), 0600));
	cr_assert(eq(int, mode_of(wal), 0600));
	cr_assert(eq(int, mode_of(shm), 0600));
	umask(old);
	wp_contacts_free(&c);
	wp_workspace_close(ws);
}

Test(workspace, opening_a_missing_file_without_create_is_not_found, .init = setup, .fini = teardown)
{
	wp_workspace *ws = (wp_workspace *)1;
	char err[WP_ERR_LEN] = "", want[WP_ERR_LEN];
	cr_assert(eq(int, wp_workspace_open(&ws, path, false, err), WP_ENOTFOUND));
	snprintf(want, sizeof(want), "%s: no such workspace", path);
	cr_assert(eq(str, err, want));
	cr_assert(eq(ptr, ws, NULL));
	cr_assert(eq(int, access(path, F_OK), -1));
}

Test(workspace, refuses_a_file_from_a_newer_warmpath, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_workspace_close(ws);
	sqlite3 *db;
	cr_assert(eq(int, sqlite3_open(path, &db), SQLITE_OK));
	cr_assert(
	        eq(int, sqlite3_exec(db, "PRAGMA user_version = 2", NULL, NULL, NULL), SQLITE_OK));
	sqlite3_close(db);
	char *before = dump();
	char err[WP_ERR_LEN] = "", want[WP_ERR_LEN];
	cr_assert(eq(int, wp_workspace_open(&ws, path, true, err), WP_EINPUT));
	snprintf(
	        want, sizeof(want),
	        "%s was written by a newer warmpath (workspace schema 2; this warmpath reads up to "
	        "1); upgrade warmpath to use it",
	        path);
	cr_assert(eq(str, err, want));
	char *after = dump();
	cr_assert(eq(str, after, before));
	free(before);
	free(after);
}

Test(workspace, refuses_other_databases_and_other_files, .init = setup, .fini = teardown)
{
	wp_workspace *ws = NULL;
	char err[WP_ERR_LEN] = "", want[WP_ERR_LEN];
	sqlite3 *db;
	cr_assert(eq(int, sqlite3_open(path, &db), SQLITE_OK));
	cr_assert(eq(int, sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK));
	sqlite3_close(db);
	cr_assert(eq(int, wp_workspace_open(&ws, path, true, err), WP_EINPUT));
	snprintf(want, sizeof(want), "%s: not a warmpath workspace (another program's database)",
	         path);
	cr_assert(eq(str, err, want));

	char text[400];
	snprintf(text, sizeof(text), "%s/notes.txt", dir);
	FILE *f = fopen(text, "w");
	fputs("First Name,Last Name,URL\nAda,Lovelace,x\n", f);
	fclose(f);
	err[0] = '\0';
	cr_assert(eq(int, wp_workspace_open(&ws, text, true, err), WP_EINPUT));
	snprintf(want, sizeof(want), "%s: not a warmpath workspace", text);
	cr_assert(eq(int, strncmp(err, want, strlen(want)), 0), "%s", err);
	cr_assert(eq(ptr, ws, NULL));
}

Test(workspace, a_busy_workspace_fails_cleanly_and_changes_nothing, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	char *before = dump();
	sqlite3 *other;
	cr_assert(eq(int, sqlite3_open(path, &other), SQLITE_OK));
	cr_assert(eq(int, sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK));
	wp_workspace_set_busy_timeout(ws, 200);
	wp_contacts c = batch("Ada Lovelace", NULL);
	contact(&c, "Charles Babbage", "charles-babbage", "");
	char err[WP_ERR_LEN] = "", want[WP_ERR_LEN];
	cr_assert(eq(int, wp_workspace_import(ws, "Ada Lovelace", &c, NULL, NULL, err), WP_EIO));
	snprintf(want, sizeof(want),
	         "%s is busy: another warmpath is writing it (waited 0.2 s); try again when it has "
	         "finished",
	         path);
	cr_assert(eq(str, err, want));
	cr_assert(eq(int, sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK));
	sqlite3_close(other);
	char *after = dump();
	cr_assert(eq(str, after, before));
	import(ws, "Ada Lovelace", &c);
	cr_assert(eq(u64, stats(ws).people, 2));
	free(before);
	free(after);
	wp_contacts_free(&c);
	wp_workspace_close(ws);
}

Test(workspace, a_bad_batch_changes_nothing, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts c = batch("Ada Lovelace", NULL);
	contact(&c, "Charles Babbage", "charles-babbage", "");
	import(ws, "Ada Lovelace", &c);
	char *before = dump();
	char err[WP_ERR_LEN] = "";
	evidence(&c, 0, 7, WP_EV_MESSAGES, 1, 1, NOW, NOW);
	cr_assert(eq(int, wp_workspace_import(ws, "Ada Lovelace", &c, NULL, NULL, err), WP_EARG));
	cr_assert(eq(str, err, "evidence record 1 refers to person 7 of 2"));
	c.evidence[1].b = 1;
	c.evidence[1].kind = 99;
	err[0] = '\0';
	cr_assert(eq(int, wp_workspace_import(ws, "Ada Lovelace", &c, NULL, NULL, err), WP_EARG));
	cr_assert(eq(str, err, "evidence record 1 has an unknown kind 99"));
	err[0] = '\0';
	cr_assert(eq(int, wp_workspace_import(ws, " ", &c, NULL, NULL, err), WP_EARG));
	cr_assert(eq(str, err, "a member needs a name"));
	char *after = dump();
	cr_assert(eq(str, after, before));
	free(before);
	free(after);
	wp_contacts_free(&c);
	wp_workspace_close(ws);
}

/* ---- Identity ------------------------------------------------------------------------------- */

typedef struct identity_case {
	char name[64];
	char a_name[40], a_slug[40], a_email[40], a_company[40];
	uint32_t a_flags;
	char b_name[40], b_slug[40], b_email[40], b_company[40];
	uint32_t b_flags;
	bool same;
} identity_case;

ParameterizedTestParameters(workspace, resolves_identities_across_members)
{
	static identity_case cases[] = {
	        {"same slug, different spelling", "Zoë Brandt", "zoë-brandt", "", "Stripe", 0,
	         "Zoe Brandt-Meyer", "zoë-brandt", "", "", 0, true},
	        {"same e-mail, one without slug", "Sam Okafor", "sam-okafor", "sam@example.org", "",
	         0, "Samuel Okafor", "", "sam@example.org", "", 0, true},
	        {"name and company, accents and legal suffix", "Zoë Brandt", "zoe-b", "",
	         "Stripe, Inc.", 0, "ZOE  BRANDT", "", "", "stripe", 0, true},
	        {"same name, different company", "John Smith", "", "", "Acme", 0, "John Smith", "",
	         "", "Globex", 0, false},
	        {"same name, no company", "John Smith", "", "", "", 0, "John Smith", "", "", "", 0,
	         false},
	        {"same name and company, different slugs", "John Smith", "john-smith-1", "", "Acme",
	         0, "John Smith", "john-smith-2", "", "Acme", 0, false},
	        {"same e-mail, different slugs", "Kim Lee", "kim-lee-1", "kim@example.org", "", 0,
	         "Kim Lee", "kim-lee-2", "kim@example.org", "", 0, false},
	        {"LinkedIn Member is never merged", "LinkedIn Member", "", "", "", 0,
	         "LinkedIn Member", "", "", "", 0, false},
	        {"opted-out people are never merged", "private", "", "", "Acme", 1, "private", "",
	         "", "Acme", 1, false},
	        {"unnamed people are never merged", "", "", "", "Acme", 0, "", "", "", "Acme", 0,
	         false},
	        {"never-merge flag beats a shared e-mail", "Pat Doe", "", "pat@example.org", "", 1,
	         "Pat Doe", "", "pat@example.org", "", 0, false},
	};
	return cr_make_param_array(identity_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(identity_case *t, workspace, resolves_identities_across_members, .init = setup,
                  .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", "https://www.linkedin.com/in/ada-lovelace");
	wp_contacts b = batch("Grace Hopper", "https://www.linkedin.com/in/grace-hopper");
	uint32_t pa = person_flags(&a, t->a_name, t->a_slug, t->a_email, t->a_company, t->a_flags);
	uint32_t pb = person_flags(&b, t->b_name, t->b_slug, t->b_email, t->b_company, t->b_flags);
	evidence(&a, 0, pa, WP_EV_CONNECTION, 0, 0, NOW - DAY, 0);
	evidence(&b, 0, pb, WP_EV_CONNECTION, 0, 0, NOW - DAY, 0);
	import(ws, "Ada Lovelace", &a);
	wp_import_summary s = import(ws, "Grace Hopper", &b);
	cr_assert(eq(u64, stats(ws).people, t->same ? 3 : 4), "%s", t->name);
	cr_assert(eq(u64, s.people_added, t->same ? 1 : 2), "%s", t->name);
	/* Re-importing both changes nothing, however the identities resolved. */
	char *before = dump();
	s = import(ws, "Ada Lovelace", &a);
	cr_assert(s.unchanged, "%s", t->name);
	s = import(ws, "Grace Hopper", &b);
	cr_assert(s.unchanged, "%s", t->name);
	char *after = dump();
	cr_assert(eq(str, after, before), "%s", t->name);
	free(before);
	free(after);
	wp_contacts_free(&a);
	wp_contacts_free(&b);
	wp_workspace_close(ws);
}

Test(workspace, one_batch_folds_its_own_duplicates_but_not_linkedin_members, .init = setup,
     .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts c = batch("Ada Lovelace", NULL);
	uint32_t x = contact(&c, "Mary Somerville", "mary-somerville", "Royal Society");
	uint32_t y = person(&c, "Mary Somerville", "mary-somerville", "", "");
	evidence(&c, 0, y, WP_EV_MESSAGES, 5, 4, NOW - 100 * DAY, NOW - 10 * DAY);
	uint32_t m1 = person(&c, "LinkedIn Member", "", "", "");
	uint32_t m2 = person(&c, "LinkedIn Member", "", "", "");
	evidence(&c, m1, 0, WP_EV_MESSAGES, 1, 0, NOW - DAY, NOW - DAY);
	evidence(&c, m2, 0, WP_EV_MESSAGES, 1, 0, NOW - DAY, NOW - DAY);
	wp_import_summary s = import(ws, "Ada Lovelace", &c);
	cr_assert(eq(u64, s.people, 4));
	cr_assert(eq(u64, s.people_merged, 1));
	cr_assert(eq(u64, s.ties, 3));
	cr_assert(eq(sz, find_count(ws, "LinkedIn Member"), 2));
	wp_tie_info t;
	cr_assert(eq(int,
	             wp_workspace_tie_evidence(ws, pid(ws, "Ada Lovelace"),
	                                       pid(ws, "Mary Somerville"), &t, NULL),
	             WP_OK));
	cr_assert(eq(u32, t.ev.connections, 1));
	cr_assert(eq(u32, t.ev.msg_sent, 5));
	cr_assert(eq(u32, t.ev.msg_received, 4));
	cr_assert(eq(str, t.b_company, "Royal Society"));
	wp_tie_info_free(&t);
	(void)x;
	/* The two deleted accounts keep their ids on a re-import. */
	char *before = dump();
	s = import(ws, "Ada Lovelace", &c);
	cr_assert(s.unchanged);
	char *after = dump();
	cr_assert(eq(str, after, before));
	free(before);
	free(after);
	wp_contacts_free(&c);
	wp_workspace_close(ws);
}

Test(workspace, a_member_is_the_person_others_know, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	contact(&a, "Grace Hopper", "grace-hopper", "US Navy");
	import(ws, "Ada Lovelace", &a);
	wp_contacts g = batch("Grace Hopper", "https://www.linkedin.com/in/Grace-Hopper/?trk=x");
	contact(&g, "Alan Turing", "alan-turing", "");
	wp_import_summary s = import(ws, "Grace Hopper", &g);
	cr_assert(eq(u64, s.matched_slug, 1));
	cr_assert(eq(i64, s.member_person, pid(ws, "Grace Hopper")));
	wp_person_info p;
	cr_assert(eq(int, wp_workspace_person_get(ws, s.member_person, &p, NULL), WP_OK));
	cr_assert(p.member);
	cr_assert(eq(str, p.company, "US Navy"));
	cr_assert(eq(u32, p.mentions, 2));
	cr_assert(eq(u32, p.ties, 2));
	wp_person_info_free(&p);

	/* A member without a URL is found by name and current employer (Positions.csv). */
	wp_contacts t = batch("Alan Turing", NULL);
	position(&t, "Bletchley Park", 1939 * 12, 1945 * 12);
	wp_contacts h = batch("Hedy Lamarr", NULL);
	uint32_t k = person(&h, "Katherine Johnson", "", "", "NASA");
	evidence(&h, 0, k, WP_EV_ADDRESS_BOOK, 0, 0, 0, 0);
	import(ws, "Hedy Lamarr", &h);
	wp_contacts kj = batch("Katherine Johnson", NULL);
	position(&kj, "NASA", 1953 * 12, 0);
	s = import(ws, "Katherine Johnson", &kj);
	cr_assert(eq(u64, s.matched_name, 1));
	cr_assert(eq(sz, find_count(ws, "Katherine Johnson"), 1));
	wp_contacts_free(&a);
	wp_contacts_free(&g);
	wp_contacts_free(&t);
	wp_contacts_free(&h);
	wp_contacts_free(&kj);
	wp_workspace_close(ws);
}

/* The people table alone, as sorted text. */
static char *dump_people(void)
{
	char *all = dump();
	size_t len = strlen(all), used = 0;
	char *out = malloc(len + 1);
	for (char *line = strtok(all, "\n"); line != NULL; line = strtok(NULL, "\n"))
		if (strncmp(line, "people|", 7) == 0)
			used += (size_t)sprintf(out + used, "%s\n", line);
	out[used] = '\0';
	free(all);
	return out;
}

Test(workspace, people_rows_merge_mentions_alike_incrementally_and_in_full, .init = setup,
     .fini = teardown)
{
	/* Three members know the same people, each with some fields missing: the rows built
	 * mention by mention must equal the rows rebuilt from all mentions. */
	static const char *const companies[] = {"", "Acme", "Globex"};
	static const char *const emails[] = {"", "", "x@example.org"};
	wp_workspace *ws = open_ws();
	wp_contacts b[3];
	for (int m = 0; m < 3; m++) {
		char member[32];
		snprintf(member, sizeof(member), "Member %d", m);
		b[m] = batch(member, NULL);
		for (int i = 0; i < 30; i++) {
			char name[32], slug[32], email[32];
			snprintf(name, sizeof(name), "Person %d", i);
			snprintf(slug, sizeof(slug), "person-%d", i);
			snprintf(email, sizeof(email), "p%d@example.org", i);
			uint32_t p = person(&b[m], (i + m) % 4 ? name : "", (i + m) % 3 ? slug : "",
			                    (i * m) % 5 == 1 ? email : emails[m],
			                    companies[(i + m) % 3]);
			if ((i + m) % 3 == 0 && (i + m) % 4 == 0)
				b[m].people[p].full = str(&b[m], name);
			b[m].people[p].position = str(&b[m], (i + 2 * m) % 3 ? "" : "Trustee");
			evidence(&b[m], 0, p, WP_EV_CONNECTION, 0, 0, NOW - DAY, 0);
		}
		import(ws, member, &b[m]);
	}
	char *incremental = dump_people();
	/* Move every mention (new lines) so that each person is rebuilt from all mentions. */
	for (int m = 0; m < 3; m++) {
		char member[32];
		snprintf(member, sizeof(member), "Member %d", m);
		for (uint32_t i = 0; i < b[m].people_count; i++)
			b[m].people[i].line += 1000;
		import(ws, member, &b[m]);
	}
	char *full = dump_people();
	cr_assert(eq(str, full, incremental));
	free(incremental);
	free(full);
	for (int m = 0; m < 3; m++)
		wp_contacts_free(&b[m]);
	wp_workspace_close(ws);
}

/* ---- Replacement and forgetting ------------------------------------------------------------- */

Test(workspace, a_newer_export_replaces_only_that_members_ties, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	contact(&a, "Charles Babbage", "charles-babbage", "");
	contact(&a, "Mary Somerville", "mary-somerville", "");
	contact(&a, "Michael Faraday", "michael-faraday", "");
	import(ws, "Ada Lovelace", &a);
	wp_contacts b = batch("Grace Hopper", NULL);
	uint32_t m = contact(&b, "Mary Somerville", "mary-somerville", "");
	evidence(&b, 0, m, WP_EV_MESSAGES, 3, 3, NOW - 50 * DAY, NOW - 5 * DAY);
	import(ws, "Grace Hopper", &b);
	int64_t mary = pid(ws, "Mary Somerville"), babbage = pid(ws, "Charles Babbage");
	wp_tie_info before_b;
	cr_assert(eq(int,
	             wp_workspace_tie_evidence(ws, pid(ws, "Grace Hopper"), mary, &before_b, NULL),
	             WP_OK));

	/* Ada removed Mary and Faraday on LinkedIn and connected with Herschel. */
	wp_contacts a2 = batch("Ada Lovelace", NULL);
	contact(&a2, "Charles Babbage", "charles-babbage", "");
	contact(&a2, "John Herschel", "john-herschel", "");
	wp_import_summary s = import(ws, "Ada Lovelace", &a2);
	cr_assert(eq(u64, s.ties, 2));
	cr_assert(eq(u64, s.ties_added, 1));
	cr_assert(eq(u64, s.ties_removed, 2));
	cr_assert(eq(u64, s.people_added, 1));
	cr_assert(eq(u64, s.people_removed, 1)); /* Faraday: nobody else knows him */
	cr_assert(eq(sz, find_count(ws, "Michael Faraday"), 0));
	cr_assert(eq(i64, pid(ws, "Mary Somerville"), mary));
	cr_assert(eq(i64, pid(ws, "Charles Babbage"), babbage));
	wp_tie_info t;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, pid(ws, "Ada Lovelace"), mary, &t, err),
	             WP_ENOTFOUND));
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, pid(ws, "Grace Hopper"), mary, &t, NULL),
	             WP_OK));
	cr_assert(eq(u32, t.ev.msg_sent, before_b.ev.msg_sent));
	cr_assert(eq(dbl, t.warmth, before_b.warmth));
	cr_assert(eq(u32, t.sources_count, 1));
	cr_assert(eq(str, t.sources[0].member, "Grace Hopper"));
	wp_tie_info_free(&t);
	wp_tie_info_free(&before_b);
	wp_contacts_free(&a);
	wp_contacts_free(&a2);
	wp_contacts_free(&b);
	wp_workspace_close(ws);
}

Test(workspace, forget_leaves_no_trace_in_the_files_bytes, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Quillon Vexmoor", "https://www.linkedin.com/in/quillon-vexmoor");
	position(&a, "Zarquon Dynamics", 2010 * 12, 0);
	uint32_t x = contact(&a, "Ysolde Pemberwick", "ysolde-pemberwick", "Throckle Ltd");
	evidence(&a, 0, x, WP_EV_MESSAGES, 4, 4, NOW - 90 * DAY, NOW - 9 * DAY);
	uint32_t shared = contact(&a, "Mary Somerville", "mary-somerville", "");
	uint32_t e = person(&a, "Odalric Fenwhistle", "", "odalric@fenwhistle.example", "");
	evidence(&a, 0, e, WP_EV_ADDRESS_BOOK, 0, 0, 0, 0);
	evidence(&a, x, shared, WP_EV_GROUP_THREAD, 2, 0, NOW - 30 * DAY, NOW - 20 * DAY);
	import(ws, "Quillon Vexmoor", &a);
	wp_contacts b = batch("Grace Hopper", NULL);
	position(&b, "Zarquon Dynamics", 2012 * 12, 2015 * 12);
	contact(&b, "Mary Somerville", "mary-somerville", "");
	import(ws, "Grace Hopper", &b);
	wp_graph g;
	cr_assert(eq(int, wp_workspace_graph(ws, &g, NULL), WP_OK));
	wp_graph_free(&g);
	char err0[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_merge(ws, "Mary Somerville", "Odalric Fenwhistle", err0),
	             WP_OK),
	          "%s", err0);
	cr_assert(eq(u64, stats(ws).merges, 1));
	wp_ties tb;
	cr_assert(eq(int, wp_workspace_ties(ws, pid(ws, "Grace Hopper"), &tb, NULL), WP_OK));
	cr_assert(eq(sz, tb.count, 2)); /* Mary, and Quillon through Zarquon Dynamics */
	wp_ties_free(&tb);

	wp_import_summary s;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_forget(ws, "quillon VEXMOOR", &s, err), WP_OK), "%s", err);
	cr_assert(eq(u64, s.people_removed, 2));
	cr_assert(eq(u64, s.ties_removed, 3));
	cr_assert(eq(u64, stats(ws).merges, 0));
	wp_members m;
	cr_assert(eq(int, wp_workspace_members(ws, &m, NULL), WP_OK));
	cr_assert(eq(sz, m.count, 1));
	cr_assert(eq(str, m.items[0].name, "Grace Hopper"));
	wp_members_free(&m);
	cr_assert(eq(u64, stats(ws).people, 2));
	cr_assert(eq(int, wp_workspace_ties(ws, pid(ws, "Grace Hopper"), &tb, NULL), WP_OK));
	cr_assert(eq(sz, tb.count, 1));
	cr_assert(eq(str, tb.items[0].b_name, "Mary Somerville"));
	wp_ties_free(&tb);
	wp_workspace_close(ws);

	const char *secrets[] = {"Quillon", "Vexmoor", "quillon-vexmoor", "Ysolde",  "Pemberwick",
	                         "ysolde",  "Odalric", "fenwhistle",      "Throckle"};
	char files[4][400];
	snprintf(files[0], sizeof(files[0]), "%s", path);
	snprintf(files[1], sizeof(files[1]), "%s-wal", path);
	snprintf(files[2], sizeof(files[2]), "%s.wpg", path);
	snprintf(files[3], sizeof(files[3]), "%s.wpg.key", path);
	for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		for (int f = 0; f < 4; f++)
			cr_assert(not(file_contains(files[f], secrets[i])), "%s found in %s",
			          secrets[i], files[f]);
	cr_assert(file_contains(path, "Grace Hopper"));
	wp_contacts_free(&a);
	wp_contacts_free(&b);
}

Test(workspace, forgetting_an_unknown_member_names_the_members, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	contact(&a, "Charles Babbage", "charles-babbage", "");
	import(ws, "Ada Lovelace", &a);
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_forget(ws, "Grace Hopper", NULL, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, "no member called \"Grace Hopper\" (members: Ada Lovelace)"));
	wp_contacts_free(&a);
	wp_workspace_close(ws);
}

/* ---- Decisions ------------------------------------------------------------------------------ */

Test(workspace, a_merge_survives_later_imports_and_a_split_undoes_it, .init = setup,
     .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	contact(&a, "Bob Stone", "bob-stone", "Acme");
	import(ws, "Ada Lovelace", &a);
	wp_contacts b = batch("Grace Hopper", NULL);
	uint32_t r = person(&b, "Robert Stone", "", "bob@stone.example", "Globex");
	evidence(&b, 0, r, WP_EV_ADDRESS_BOOK, 0, 0, 0, 0);
	import(ws, "Grace Hopper", &b);
	cr_assert(eq(u64, stats(ws).people, 4));

	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_merge(ws, "Bob Stone", "bob@stone.example", err), WP_OK),
	          "%s", err);
	cr_assert(eq(u64, stats(ws).people, 3));
	int64_t bob = pid(ws, "bob@stone.example");
	cr_assert(eq(i64, pid(ws, "https://www.linkedin.com/in/bob-stone"), bob));
	err[0] = '\0';
	cr_assert(eq(int, wp_workspace_merge(ws, "Bob Stone", "Robert Stone", err), WP_EINPUT));

	/* Re-imports keep the merge; so does re-importing after Grace is forgotten. */
	char *before = dump();
	import(ws, "Grace Hopper", &b);
	import(ws, "Ada Lovelace", &a);
	char *after = dump();
	cr_assert(eq(str, after, before));
	free(before);
	free(after);
	/* Grace's next export lacks Robert, the one after has him again: no mention holds his
	 * e-mail in between, and the decision still routes him to Bob. */
	wp_contacts b2 = batch("Grace Hopper", NULL);
	contact(&b2, "Alan Turing", "alan-turing", "");
	import(ws, "Grace Hopper", &b2);
	cr_assert(eq(i64, pid(ws, "Bob Stone"), bob));
	wp_import_summary s = import(ws, "Grace Hopper", &b);
	cr_assert(eq(u64, s.matched_name, 1));
	cr_assert(eq(u64, stats(ws).people, 3));
	cr_assert(eq(i64, pid(ws, "bob@stone.example"), bob));
	wp_contacts_free(&b2);

	uint32_t groups = 0;
	cr_assert(eq(int, wp_workspace_split(ws, "bob@stone.example", &groups, err), WP_OK), "%s",
	          err);
	cr_assert(eq(u32, groups, 2));
	cr_assert(eq(u64, stats(ws).people, 4));
	int64_t robert = pid(ws, "bob@stone.example");
	cr_assert(not(eq(i64, robert, pid(ws, "https://www.linkedin.com/in/bob-stone"))));
	before = dump();
	import(ws, "Grace Hopper", &b);
	import(ws, "Ada Lovelace", &a);
	after = dump();
	cr_assert(eq(str, after, before));
	free(before);
	free(after);
	cr_assert(eq(int, wp_workspace_split(ws, "Bob Stone", &groups, err), WP_EINPUT));
	wp_contacts_free(&a);
	wp_contacts_free(&b);
	wp_workspace_close(ws);
}

Test(workspace, a_split_keeps_name_matches_apart_in_later_imports, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	uint32_t x = person(&a, "John Smith", "", "", "Acme");
	evidence(&a, 0, x, WP_EV_ADDRESS_BOOK, 0, 0, 0, 0);
	import(ws, "Ada Lovelace", &a);
	wp_contacts b = batch("Grace Hopper", NULL);
	uint32_t y = person(&b, "John Smith", "", "", "ACME Inc.");
	evidence(&b, 0, y, WP_EV_ADDRESS_BOOK, 0, 0, 0, 0);
	import(ws, "Grace Hopper", &b);
	cr_assert(eq(sz, find_count(ws, "John Smith"), 1));
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_split(ws, "John Smith", NULL, err), WP_OK), "%s", err);
	cr_assert(eq(sz, find_count(ws, "John Smith"), 2));
	err[0] = '\0';
	cr_assert(eq(int, wp_workspace_person_resolve(ws, "John Smith", &(int64_t){0}, err),
	             WP_EINPUT));
	cr_assert(eq(int, strncmp(err, "\"John Smith\" is ambiguous: #", 28), 0), "%s", err);
	/* Grace drops her John Smith and adds him back: he stays apart from Ada's. */
	wp_contacts b2 = batch("Grace Hopper", NULL);
	contact(&b2, "Alan Turing", "alan-turing", "");
	import(ws, "Grace Hopper", &b2);
	cr_assert(eq(sz, find_count(ws, "John Smith"), 1));
	import(ws, "Grace Hopper", &b);
	cr_assert(eq(sz, find_count(ws, "John Smith"), 2));
	wp_contacts_free(&b2);
	/* Forgetting Grace forgets the decision about her contact too. */
	cr_assert(eq(int, wp_workspace_forget(ws, "Grace Hopper", NULL, err), WP_OK));
	cr_assert(eq(u64, stats(ws).splits, 0));
	wp_duplicates d;
	cr_assert(eq(int, wp_workspace_duplicates(ws, &d, NULL), WP_OK));
	cr_assert(eq(sz, d.count, 0));
	wp_duplicates_free(&d);
	wp_contacts_free(&a);
	wp_contacts_free(&b);
	wp_workspace_close(ws);
}

Test(workspace, lists_likely_duplicates_with_the_reason, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	contact(&a, "John Smith", "john-smith-a", "Acme");
	contact(&a, "Kim Lee", "kim-lee-1", "");
	wp_contacts b = batch("Grace Hopper", NULL);
	contact(&b, "John Smith", "john-smith-g", "Globex");
	uint32_t k = person(&b, "Kim Lee", "kim-lee-2", "kim@example.org", "");
	evidence(&b, 0, k, WP_EV_CONNECTION, 0, 0, NOW - DAY, 0);
	uint32_t lm = person(&b, "LinkedIn Member", "", "", "");
	evidence(&b, lm, 0, WP_EV_MESSAGES, 1, 0, NOW, NOW);
	import(ws, "Ada Lovelace", &a);
	import(ws, "Grace Hopper", &b);
	wp_duplicates d;
	cr_assert(eq(int, wp_workspace_duplicates(ws, &d, NULL), WP_OK));
	cr_assert(eq(sz, d.count, 2));
	cr_assert(eq(str, d.items[0].a.name, "John Smith"));
	cr_assert(eq(str, d.items[0].reason, "same name, different company (Acme / Globex)"));
	cr_assert(eq(str, d.items[0].a.label, "John Smith (Acme)"));
	cr_assert(eq(str, d.items[1].a.name, "Kim Lee"));
	cr_assert(eq(str, d.items[1].reason, "same name, one has no company"));
	wp_duplicates_free(&d);
	wp_contacts_free(&a);
	wp_contacts_free(&b);
	wp_workspace_close(ws);
}

/* ---- Ties, warmth, manual strengths, shared employers ------------------------------------- */

Test(workspace, ties_show_every_piece_of_evidence_oriented, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	uint32_t c = contact(&a, "Charles Babbage", "charles-babbage", "Difference Engines");
	evidence(&a, 0, c, WP_EV_MESSAGES, 30, 25, NOW - 900 * DAY, NOW - 3 * DAY);
	evidence(&a, c, 0, WP_EV_RECOMMENDATION, 0, 0, NOW - 800 * DAY, 0);
	evidence(&a, 0, c, WP_EV_ENDORSEMENT, 3, 0, NOW - 700 * DAY, NOW - 600 * DAY);
	import(ws, "Ada Lovelace", &a);
	int64_t ada = pid(ws, "Ada Lovelace"), bab = pid(ws, "Charles Babbage");
	wp_tie_info t;
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, ada, bab, &t, NULL), WP_OK));
	cr_assert(eq(u32, t.ev.msg_sent, 30));
	cr_assert(eq(u32, t.ev.msg_received, 25));
	cr_assert(eq(u32, t.ev.rec_received, 1));
	cr_assert(eq(u32, t.ev.rec_given, 0));
	cr_assert(eq(u32, t.ev.end_given, 3));
	cr_assert(eq(i64, t.ev.connected_on, NOW - 400 * DAY));
	cr_assert(eq(int, t.bucket, WP_BUCKET_STRONG));
	cr_assert(eq(str, t.a_name, "Ada Lovelace"));
	cr_assert(eq(str, t.b_name, "Charles Babbage"));
	double w = t.warmth;
	wp_tie_info_free(&t);
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, bab, ada, &t, NULL), WP_OK));
	cr_assert(eq(u32, t.ev.msg_sent, 25));
	cr_assert(eq(u32, t.ev.rec_given, 1));
	cr_assert(eq(u32, t.ev.end_received, 3));
	cr_assert(eq(dbl, t.warmth, w));
	wp_tie_info_free(&t);
	wp_contacts_free(&a);
	wp_workspace_close(ws);
}

Test(workspace, manual_strength_overrides_and_can_be_removed, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	uint32_t c = contact(&a, "Charles Babbage", "charles-babbage", "");
	evidence(&a, 0, c, WP_EV_MESSAGES, 30, 25, NOW - 900 * DAY, NOW - 3 * DAY);
	contact(&a, "Mary Somerville", "mary-somerville", "");
	import(ws, "Ada Lovelace", &a);
	int64_t ada = pid(ws, "Ada Lovelace"), bab = pid(ws, "Charles Babbage");
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_set_manual(ws, "Ada Lovelace", "Charles Babbage", 0.05, err),
	             WP_OK),
	          "%s", err);
	wp_tie_info t;
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, ada, bab, &t, NULL), WP_OK));
	cr_assert(epsilon_eq(dbl, t.warmth, 0.05, 1e-6));
	cr_assert(eq(int, t.bucket, WP_BUCKET_WEAK));
	wp_tie_info_free(&t);
	/* A manual strength between two people without evidence creates the tie. */
	cr_assert(eq(int,
	             wp_workspace_set_manual(ws, "charles babbage", "Mary Somerville",
	                                     wp_bucket_strength(WP_BUCKET_STRONG), err),
	             WP_OK));
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, bab, pid(ws, "Mary Somerville"), &t, NULL),
	             WP_OK));
	cr_assert(eq(int, t.bucket, WP_BUCKET_STRONG));
	wp_tie_info_free(&t);
	cr_assert(eq(u64, stats(ws).ties, 3));
	cr_assert(eq(u64, stats(ws).manual, 2));
	/* Re-importing the export does not touch manual strengths. */
	import(ws, "Ada Lovelace", &a);
	cr_assert(eq(u64, stats(ws).manual, 2));
	cr_assert(eq(int, wp_workspace_set_manual(ws, "Ada Lovelace", "Charles Babbage", 0, err),
	             WP_OK));
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, ada, bab, &t, NULL), WP_OK));
	cr_assert(lt(dbl, 0.5, t.warmth));
	wp_tie_info_free(&t);
	err[0] = '\0';
	cr_assert(eq(int, wp_workspace_set_manual(ws, "Ada Lovelace", "Charles Babbage", 1.5, err),
	             WP_EARG));
	cr_assert(eq(str, err, "strength 1.5 is outside [0, 1]"));
	err[0] = '\0';
	cr_assert(eq(int, wp_workspace_set_manual(ws, "Ada Lovelace", "Nobody Atall", 0.5, err),
	             WP_ENOTFOUND));
	cr_assert(eq(str, err, "no person matches \"Nobody Atall\""));
	wp_contacts_free(&a);
	wp_workspace_close(ws);
}

Test(workspace, derives_shared_employers_from_positions, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	position(&a, "Analytical Engines Ltd", 2015 * 12, 2020 * 12 + 5);
	position(&a, "Royal Society", 2021 * 12, 0);
	uint32_t c = contact(&a, "Charles Babbage", "charles-babbage", "Analytical Engines");
	contact(&a, "Mary Somerville", "mary-somerville", "Somewhere Else");
	(void)c;
	import(ws, "Ada Lovelace", &a);
	wp_contacts g = batch("Grace Hopper", NULL);
	position(&g, "analytical engines", 2018 * 12, 2022 * 12);
	import(ws, "Grace Hopper", &g);
	int64_t ada = pid(ws, "Ada Lovelace"), grace = pid(ws, "Grace Hopper");
	wp_tie_info t;
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, ada, grace, &t, NULL), WP_OK));
	cr_assert(eq(u32, t.ev.shared_months, 30)); /* Jan 2018 .. Jun 2020 */
	cr_assert(eq(str, t.shared_company, "Analytical Engines Ltd"));
	cr_assert(eq(int, t.bucket, WP_BUCKET_STRONG));
	wp_tie_info_free(&t);
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, ada, pid(ws, "Charles Babbage"), &t, NULL),
	             WP_OK));
	cr_assert(t.ev.shared_employer);
	cr_assert(eq(u32, t.ev.shared_months, 0));
	cr_assert(eq(str, t.shared_company, "Analytical Engines Ltd"));
	wp_tie_info_free(&t);
	cr_assert(eq(int, wp_workspace_tie_evidence(ws, ada, pid(ws, "Mary Somerville"), &t, NULL),
	             WP_OK));
	cr_assert(not(t.ev.shared_employer));
	wp_tie_info_free(&t);
	/* Grace leaves: the overlap goes with her. */
	cr_assert(eq(int, wp_workspace_forget(ws, "Grace Hopper", NULL, NULL), WP_OK));
	cr_assert(eq(u64, stats(ws).ties, 2));
	wp_contacts_free(&a);
	wp_contacts_free(&g);
	wp_workspace_close(ws);
}

/* ---- Listings ------------------------------------------------------------------------------- */

Test(workspace, finds_people_by_any_reference, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	contact(&a, "Zoë Brandt", "zoë-brandt", "Stripe");
	uint32_t e = person(&a, "Sam Okafor", "", "sam@example.org", "Oxfam");
	evidence(&a, 0, e, WP_EV_ADDRESS_BOOK, 0, 0, 0, 0);
	import(ws, "Ada Lovelace", &a);
	int64_t zoe = pid(ws, "Zoë Brandt");
	cr_assert(eq(i64, pid(ws, "zoe brandt"), zoe));
	cr_assert(eq(i64, pid(ws, "https://www.linkedin.com/in/zo%C3%AB-brandt/"), zoe));
	cr_assert(eq(i64, pid(ws, "Zoe Brandt (Stripe)"), zoe));
	char ref[32];
	snprintf(ref, sizeof(ref), "#%lld", (long long)zoe);
	cr_assert(eq(i64, pid(ws, ref), zoe));
	cr_assert(eq(i64, pid(ws, "SAM@example.org"), pid(ws, "Sam Okafor")));
	wp_people p;
	cr_assert(eq(int, wp_workspace_people_search(ws, "zoe", 0, &p, NULL), WP_OK));
	cr_assert(eq(sz, p.count, 1));
	cr_assert(eq(str, p.items[0].name, "Zoë Brandt"));
	wp_people_free(&p);
	cr_assert(eq(int, wp_workspace_people_search(ws, "oxfam", 0, &p, NULL), WP_OK));
	cr_assert(eq(sz, p.count, 1));
	wp_people_free(&p);
	cr_assert(eq(int, wp_workspace_people_search(ws, "", 0, &p, NULL), WP_OK));
	cr_assert(eq(sz, p.count, 3));
	cr_assert(eq(str, p.items[0].name, "Ada Lovelace"));
	wp_people_free(&p);
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_person_resolve(ws, "Zoe Brant", &(int64_t){0}, err),
	             WP_ENOTFOUND));
	cr_assert(eq(str, err, "no person matches \"Zoe Brant\"; did you mean \"Zoë Brandt\"?"));
	wp_contacts_free(&a);
	wp_workspace_close(ws);
}

Test(workspace, lists_members_with_dates_and_counts, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", "https://www.linkedin.com/in/ada-lovelace");
	contact(&a, "Charles Babbage", "charles-babbage", "");
	contact(&a, "Mary Somerville", "mary-somerville", "");
	position(&a, "Analytical Engines", 2015 * 12, 0);
	import(ws, "Ada Lovelace", &a);
	wp_workspace_set_clock(ws, NOW + 7 * DAY);
	import(ws, "Ada Lovelace", &a);
	wp_members m;
	cr_assert(eq(int, wp_workspace_members(ws, &m, NULL), WP_OK));
	cr_assert(eq(sz, m.count, 1));
	cr_assert(eq(str, m.items[0].name, "Ada Lovelace"));
	cr_assert(eq(str, m.items[0].url, "https://www.linkedin.com/in/ada-lovelace"));
	cr_assert(eq(i64, m.items[0].first_import, NOW));
	cr_assert(eq(i64, m.items[0].last_import, NOW + 7 * DAY));
	cr_assert(eq(u32, m.items[0].imports, 2));
	cr_assert(eq(u64, m.items[0].people, 3));
	cr_assert(eq(u64, m.items[0].ties, 2));
	cr_assert(eq(u64, m.items[0].positions, 1));
	cr_assert(eq(str, m.items[0].files, "Connections.csv"));
	wp_members_free(&m);
	wp_log l;
	cr_assert(eq(int, wp_workspace_log(ws, &l, NULL), WP_OK));
	cr_assert(eq(sz, l.count, 2));
	cr_assert(eq(str, l.items[1].detail,
	             "3 people (+0 new, 0 removed), 2 ties (+0, -0, 0 changed), 0 rows skipped, "
	             "nothing changed"));
	wp_log_free(&l);
	wp_contacts_free(&a);
	wp_workspace_close(ws);
}

/* ---- The graph ------------------------------------------------------------------------------ */

Test(workspace, the_graph_is_the_ties_with_warmth_as_weights, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	uint32_t c = contact(&a, "Charles Babbage", "charles-babbage", "Acme");
	evidence(&a, 0, c, WP_EV_MESSAGES, 30, 25, NOW - 900 * DAY, NOW - 3 * DAY);
	uint32_t j1 = contact(&a, "John Smith", "john-smith-1", "Acme");
	uint32_t j2 = contact(&a, "John Smith", "john-smith-2", "Acme");
	uint32_t j3 = contact(&a, "John Smith", "john-smith-3", "Globex");
	evidence(&a, j1, j2, WP_EV_GROUP_THREAD, 1, 0, NOW - 10 * DAY, 0);
	(void)j3;
	import(ws, "Ada Lovelace", &a);
	wp_contacts g = batch("Grace Hopper", NULL);
	contact(&g, "Charles Babbage", "charles-babbage", "");
	import(ws, "Grace Hopper", &g);

	wp_graph gr;
	bool cached = true;
	wp_workspace_graph_options o = WP_WORKSPACE_GRAPH_DEFAULTS;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_graph_opts(ws, &o, &gr, &cached, err), WP_OK), "%s", err);
	cr_assert(not(cached));
	cr_assert(eq(u32, gr.n, 6));
	cr_assert(eq(u64, wp_graph_edges(&gr), 6));
	cr_assert(not(gr.directed));
	int pc = wp_attrs_find(&gr.attrs, "person_id"), cc = wp_attrs_find(&gr.attrs, "company");
	int mc = wp_attrs_find(&gr.attrs, "member");
	cr_assert(ge(int, pc, 0));
	cr_assert(ge(int, cc, 0));
	cr_assert(ge(int, mc, 0));
	const char *labels[] = {"Ada Lovelace",         "Charles Babbage",     "John Smith (Acme)",
	                        "John Smith (Acme) #2", "John Smith (Globex)", "Grace Hopper"};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		wp_vertex v;
		cr_assert(eq(int,
		             wp_labels_lookup(&gr.labels, labels[i], strlen(labels[i]), &v, NULL),
		             WP_OK),
		          "%s", labels[i]);
		int64_t p = wp_workspace_vertex_person(&gr, v);
		cr_assert(eq(u32, wp_workspace_vertex(&gr, p), v));
		cr_assert(eq(i64, p, pid(ws, labels[i])));
	}
	/* Every arc is a tie with its warmth; every tie is an edge. */
	uint64_t total = 0;
	for (wp_vertex v = 0; v < gr.n; v++) {
		int64_t p = wp_workspace_vertex_person(&gr, v);
		bool member = strcmp(wp_attrs_get(&gr.attrs, mc, v), "1") == 0;
		wp_person_info info;
		cr_assert(eq(int, wp_workspace_person_get(ws, p, &info, NULL), WP_OK));
		cr_assert(eq(int, member, info.member));
		cr_assert(eq(str, (char *)wp_attrs_get(&gr.attrs, cc, v), info.company));
		cr_assert(eq(str, (char *)wp_labels_name(&gr.labels, v), info.label));
		cr_assert(eq(u64, wp_graph_degree(&gr, v), info.ties));
		wp_person_info_free(&info);
		for (uint64_t e = gr.offsets[v]; e < gr.offsets[v + 1]; e++) {
			wp_tie_info t;
			int64_t q = wp_workspace_vertex_person(&gr, gr.targets[e]);
			cr_assert(eq(int, wp_workspace_tie_evidence(ws, p, q, &t, NULL), WP_OK));
			cr_assert(epsilon_eq(flt, gr.weights[e], (float)t.warmth, 1e-6f));
			cr_assert(lt(flt, 0.0f, gr.weights[e]));
			cr_assert(le(flt, gr.weights[e], 1.0f));
			wp_tie_info_free(&t);
			total++;
		}
	}
	cr_assert(eq(u64, total, 2 * stats(ws).ties));
	wp_graph_free(&gr);

	/* The cache: reused while nothing changes, rebuilt after a change or on another day. */
	cr_assert(eq(int, wp_workspace_graph_opts(ws, &o, &gr, &cached, err), WP_OK));
	cr_assert(cached);
	cr_assert(eq(u64, wp_graph_edges(&gr), 6));
	wp_graph_free(&gr);
	o.now = NOW + 2 * DAY;
	cr_assert(eq(int, wp_workspace_graph_opts(ws, &o, &gr, &cached, err), WP_OK));
	cr_assert(not(cached));
	wp_graph_free(&gr);
	cr_assert(eq(int, wp_workspace_graph_opts(ws, &o, &gr, &cached, err), WP_OK));
	cr_assert(cached);
	wp_graph_free(&gr);
	cr_assert(eq(int, wp_workspace_set_manual(ws, "Grace Hopper", "Ada Lovelace", 0.9, err),
	             WP_OK));
	cr_assert(eq(int, wp_workspace_graph_opts(ws, &o, &gr, &cached, err), WP_OK));
	cr_assert(not(cached));
	cr_assert(eq(u64, wp_graph_edges(&gr), 7));
	wp_graph_free(&gr);
	char snap[400];
	snprintf(snap, sizeof(snap), "%s.wpg", path);
	cr_assert(eq(int, mode_of(snap), 0600));
	wp_contacts_free(&a);
	wp_contacts_free(&g);
	wp_workspace_close(ws);
}

Test(workspace, labels_stay_unique_for_names_that_look_like_labels, .init = setup, .fini = teardown)
{
	/* People literally named like made labels, shared names with and without companies, and
	 * several people with one name and company. */
	static const char *const people[][2] = {
	        {"John Smith", "Acme"},
	        {"John Smith", "Acme"},
	        {"John Smith", ""},
	        {"John Smith", ""},
	        {"John Smith (Acme)", ""},
	        {"John Smith (Acme) #2", ""},
	        {"John Smith (Acme) #2", "Acme"},
	        {"John Smith #2", ""},
	        {"Ann Lee", "Acme"},
	        {"Ann Lee (Acme)", "Globex"},
	};
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	for (size_t i = 0; i < sizeof(people) / sizeof(people[0]); i++) {
		char slug[32];
		snprintf(slug, sizeof(slug), "person-%zu", i);
		contact(&a, people[i][0], slug, people[i][1]);
	}
	import(ws, "Ada Lovelace", &a);
	wp_graph g;
	cr_assert(eq(int, wp_workspace_graph(ws, &g, NULL), WP_OK));
	cr_assert(eq(u32, g.n, 11));
	for (wp_vertex v = 0; v < g.n; v++) {
		for (wp_vertex w = v + 1; w < g.n; w++)
			cr_assert(not(eq(str, (char *)wp_labels_name(&g.labels, v),
			                 (char *)wp_labels_name(&g.labels, w))),
			          "vertices %u and %u share a label", v, w);
		/* Every label finds its person: alone, or among others of that display name. */
		int64_t p = wp_workspace_vertex_person(&g, v);
		wp_people found;
		cr_assert(
		        eq(int,
		           wp_workspace_people_find(ws, wp_labels_name(&g.labels, v), &found, NULL),
		           WP_OK));
		bool hit = false;
		for (size_t k = 0; k < found.count; k++)
			hit = hit || found.items[k].id == p;
		cr_assert(hit, "%s", wp_labels_name(&g.labels, v));
		if (found.count > 1)
			cr_assert(
			        eq(str, found.items[0].name, (char *)wp_labels_name(&g.labels, v)));
		wp_people_free(&found);
	}
	wp_graph_free(&g);
	wp_contacts_free(&a);
	wp_workspace_close(ws);
}

Test(workspace, an_empty_workspace_gives_an_empty_graph, .init = setup, .fini = teardown)
{
	wp_workspace *ws = open_ws();
	wp_graph g;
	cr_assert(eq(int, wp_workspace_graph(ws, &g, NULL), WP_OK));
	cr_assert(eq(u32, g.n, 0));
	cr_assert(eq(u64, g.m, 0));
	cr_assert(eq(u32, wp_workspace_vertex(&g, 1), WP_NO_VERTEX));
	wp_graph_free(&g);
	wp_workspace_close(ws);
}

/* ---- Crashes ----------------------------------------------------------------------------------
 */

static wp_contacts big_batch(uint32_t contacts)
{
	wp_contacts c = batch("Grace Hopper", "https://www.linkedin.com/in/grace-hopper");
	position(&c, "US Navy", 1943 * 12, 1986 * 12);
	for (uint32_t i = 0; i < contacts; i++) {
		char name[64], slug[64], company[64];
		snprintf(name, sizeof(name), "Person %u Surname%u", i, i * 7919u % 1000);
		snprintf(slug, sizeof(slug), "person-%u-%x", i, i * 2654435761u);
		snprintf(company, sizeof(company), "Company %u", i % 300);
		uint32_t p = contact(&c, name, slug, company);
		if (i % 3 == 0)
			evidence(&c, 0, p, WP_EV_MESSAGES, i % 11, i % 7, NOW - 300 * DAY,
			         NOW - (int64_t)(i % 200) * DAY);
	}
	return c;
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void remove_companions(const char *file)
{
	char buf[512];
	snprintf(buf, sizeof(buf), "%s-wal", file);
	unlink(buf);
	snprintf(buf, sizeof(buf), "%s-shm", file);
	unlink(buf);
}

static char *integrity(const char *file)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	cr_assert(eq(int, sqlite3_open(file, &db), SQLITE_OK));
	cr_assert(
	        eq(int, sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL), SQLITE_OK));
	cr_assert(eq(int, sqlite3_step(s), SQLITE_ROW));
	char *r = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return r;
}

/* Imports c into the workspace at file in a child process and returns its exit status. */
static int import_in_child(const char *file, bool create, const char *member, const wp_contacts *c)
{
	pid_t child = fork();
	cr_assert(ge(int, child, 0));
	if (child == 0) {
		wp_workspace *w = NULL;
		if (wp_workspace_open(&w, file, create, NULL) != WP_OK)
			_exit(2);
		wp_workspace_set_clock(w, NOW);
		int st = wp_workspace_import(w, member, c, "big", NULL, NULL);
		wp_workspace_close(w);
		_exit(st == WP_OK ? 0 : 3);
	}
	int status = 0;
	cr_assert(eq(int, waitpid(child, &status, 0), child));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Test(workspace, a_killed_import_leaves_the_workspace_before_or_after, .init = setup,
     .fini = teardown, .timeout = 300)
{
	enum { TRIALS = 50 }; /* issue 9 asks for at least 50 */
	char base[400], after_file[400], trial[400];
	snprintf(base, sizeof(base), "%s/base.db", dir);
	snprintf(after_file, sizeof(after_file), "%s/after.db", dir);
	snprintf(trial, sizeof(trial), "%s/trial.db", dir);

	/* The state before: one member imported; the file closed (checkpointed, no WAL). Every
	 * import runs in a child: a parent that ran OpenMP regions itself would hand its children
	 * a thread pool that no longer exists after fork(), and they would hang in their first
	 * parallel region (so no trial would ever reach the commit). */
	wp_contacts a = batch("Ada Lovelace", NULL);
	for (int i = 0; i < 200; i++) {
		char name[64], slug[64];
		snprintf(name, sizeof(name), "Person %d Surname%u", i * 5,
		         (unsigned)(i * 5) * 7919u % 1000);
		snprintf(slug, sizeof(slug), "person-%d-%x", i * 5,
		         (unsigned)(i * 5) * 2654435761u);
		contact(&a, name, slug, "");
	}
	cr_assert(eq(int, import_in_child(path, true, "Ada Lovelace", &a), 0));
	copy_file(path, base);
	wp_contacts big = big_batch(12000);

	/* The state after, and how long the import takes. */
	copy_file(base, after_file);
	double t0 = seconds();
	cr_assert(eq(int, import_in_child(after_file, false, "Grace Hopper", &big), 0));
	double duration = seconds() - t0;
	char *before = dump_file(base), *after = dump_file(after_file);
	cr_assert(not(eq(str, before, after)));

	srand(20240611);
	int saw_before = 0, saw_after = 0, mid_write = 0;
	for (int t = 0; t < TRIALS; t++) {
		copy_file(base, trial);
		remove_companions(trial);
		pid_t child = fork();
		cr_assert(ge(int, child, 0));
		if (child == 0) {
			wp_workspace *wc = NULL;
			if (wp_workspace_open(&wc, trial, false, NULL) != WP_OK)
				_exit(2);
			wp_workspace_set_clock(wc, NOW);
			int st = wp_workspace_import(wc, "Grace Hopper", &big, "big", NULL, NULL);
			wp_workspace_close(wc);
			_exit(st == WP_OK ? 0 : 3);
		}
		/* Kill anywhere from before the open to after the commit. */
		useconds_t delay = (useconds_t)((double)rand() / RAND_MAX * duration * 1.6e6);
		usleep(delay);
		kill(child, SIGKILL);
		struct stat wal;
		char wal_path[512];
		snprintf(wal_path, sizeof(wal_path), "%s-wal", trial);
		mid_write += stat(wal_path, &wal) == 0 && wal.st_size > 0;
		int status = 0;
		cr_assert(eq(int, waitpid(child, &status, 0), child));
		bool ended = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0);
		cr_assert(ended, "trial %d: child exited with %d", t, WEXITSTATUS(status));

		char *check = integrity(trial);
		cr_assert(eq(str, check, "ok"), "trial %d", t);
		free(check);
		char *now_state = dump_file(trial);
		bool is_before = strcmp(now_state, before) == 0;
		bool is_after = strcmp(now_state, after) == 0;
		cr_assert(is_before || is_after, "trial %d (killed after %u us): neither state", t,
		          (unsigned)delay);
		saw_before += is_before;
		saw_after += is_after;
		free(now_state);
		/* The workspace is still usable: the import can be finished now. */
		if (t == TRIALS - 1 && is_before) {
			wp_workspace *wr = NULL;
			cr_assert(eq(int, wp_workspace_open(&wr, trial, false, NULL), WP_OK));
			wp_workspace_set_clock(wr, NOW);
			cr_assert(
			        eq(int,
			           wp_workspace_import(wr, "Grace Hopper", &big, "big", NULL, NULL),
			           WP_OK));
			wp_workspace_close(wr);
			char *done = dump_file(trial);
			cr_assert(eq(str, done, after));
			free(done);
		}
		remove_companions(trial);
	}
	cr_log_info("crash test: %d trials before, %d after, %d killed while writing (import takes "
	            "%.0f ms)",
	            saw_before, saw_after, mid_write, duration * 1e3);
	/* Kills spread over 1.6 times the import's length land on both sides of the commit; a run
	 * that only ever saw one side would not have tested the other. */
	cr_assert(saw_before > 0 && saw_after > 0, "%d before, %d after", saw_before, saw_after);
	free(before);
	free(after);
	wp_contacts_free(&a);
	wp_contacts_free(&big);
}

/* A full disk, simulated with RLIMIT_FSIZE in a child (SIGXFSZ ignored, so a write past the limit
 * fails with EFBIG as it would with ENOSPC): the import fails with a message naming the
 * workspace, and the file is intact and exactly as before. */
Test(workspace, a_full_disk_fails_the_import_cleanly_and_changes_nothing, .init = setup,
     .fini = teardown, .timeout = 120)
{
	wp_workspace *ws = open_ws();
	wp_contacts a = batch("Ada Lovelace", NULL);
	contact(&a, "Charles Babbage", "charles-babbage", "Difference Engines");
	import(ws, "Ada Lovelace", &a);
	wp_workspace_close(ws);
	char *before = dump();
	struct stat sb;
	cr_assert(eq(int, stat(path, &sb), 0));
	wp_contacts big = big_batch(3000);
	int fds[2];
	cr_assert(eq(int, pipe(fds), 0));
	pid_t child = fork();
	cr_assert(ge(int, child, 0));
	if (child == 0) {
		close(fds[0]);
		signal(SIGXFSZ, SIG_IGN);
		/* Room for a few pages of WAL, far less than the import needs. */
		struct rlimit rl = {.rlim_cur = (rlim_t)sb.st_size + 64 * 1024,
		                    .rlim_max = (rlim_t)sb.st_size + 64 * 1024};
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(4);
		char err[WP_ERR_LEN] = "";
		wp_workspace *wc = NULL;
		wp_status st = wp_workspace_open(&wc, path, false, err);
		if (st == WP_OK) {
			wp_workspace_set_clock(wc, NOW);
			st = wp_workspace_import(wc, "Grace Hopper", &big, "big", NULL, err);
			wp_workspace_close(wc);
		}
		if (write(fds[1], err, strlen(err)) < 0)
			_exit(5);
		_exit(st == WP_EIO ? 0 : 3);
	}
	close(fds[1]);
	char msg[WP_ERR_LEN + 1] = "";
	ssize_t got = read(fds[0], msg, WP_ERR_LEN);
	msg[got > 0 ? got : 0] = '\0';
	close(fds[0]);
	int status = 0;
	cr_assert(eq(int, waitpid(child, &status, 0), child));
	bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	cr_assert(clean, "child: %d, message '%s'", WEXITSTATUS(status), msg);
	char want[WP_ERR_LEN];
	snprintf(want, sizeof(want), "%s: ", path);
	cr_assert(eq(int, strncmp(msg, want, strlen(want)), 0), "%s", msg);
	cr_assert(not(eq(ptr,
	                 strstr(msg, "cannot write to the disk (is it full?); nothing was changed"),
	                 NULL)),
	          "%s", msg);
	char *check = integrity(path);
	cr_assert(eq(str, check, "ok"));
	free(check);
	char *after = dump();
	cr_assert(eq(str, after, before));
	/* With room again, the same import succeeds. */
	ws = open_ws();
	cr_assert(eq(int, wp_workspace_import(ws, "Grace Hopper", &big, "big", NULL, NULL), WP_OK));
	wp_workspace_close(ws);
	free(before);
	free(after);
	wp_contacts_free(&a);
	wp_contacts_free(&big);
}

static size_t count_entries(const char *d)
{
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", d);
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	cr_assert(eq(int, fscanf(p, "%zu", &n), 1));
	pclose(p);
	return n;
}

/* The same for a snapshot (what `convert` and the graph cache write): the old file survives
 * byte for byte and no temporary file is left behind. */
Test(workspace, a_full_disk_leaves_an_older_snapshot_untouched, .init = setup, .fini = teardown)
{
	char out[400], old_bytes[4096], now_bytes[4096];
	wp_graph g;
	cr_assert(eq(int, wp_snapshot_load(&g, "fuzz/seeds/wpg/attrs.wpg", NULL), WP_OK));
	snprintf(out, sizeof(out), "%s/g.wpg", dir);
	FILE *f = fopen(out, "w");
	fputs("an older snapshot", f);
	fclose(f);
	size_t entries = count_entries(dir);
	pid_t child = fork();
	cr_assert(ge(int, child, 0));
	if (child == 0) {
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit rl = {.rlim_cur = 512, .rlim_max = 512};
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(4);
		char err[WP_ERR_LEN] = "", want[WP_ERR_LEN];
		wp_status st = wp_snapshot_write(&g, out, err);
		snprintf(want, sizeof(want), "%s: cannot write: ", out);
		_exit(st == WP_EIO && strncmp(err, want, strlen(want)) == 0 ? 0 : 3);
	}
	int status = 0;
	cr_assert(eq(int, waitpid(child, &status, 0), child));
	bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	cr_assert(clean, "child: %d", WEXITSTATUS(status));
	f = fopen(out, "r");
	size_t n = fread(now_bytes, 1, sizeof(now_bytes) - 1, f);
	fclose(f);
	now_bytes[n] = '\0';
	snprintf(old_bytes, sizeof(old_bytes), "an older snapshot");
	cr_assert(eq(str, now_bytes, old_bytes));
	cr_assert(eq(sz, count_entries(dir), entries));
	wp_graph_free(&g);
}
