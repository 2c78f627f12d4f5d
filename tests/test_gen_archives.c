/* test_gen_archives.c - the synthetic LinkedIn archive generator (bench/archives.h).
 *
 * The generator promises byte-identical output for the same options whatever the thread count
 * and time zone, another output for another seed, the same text in a zip and in a folder, and
 * every era's layout of shared/FORMATS.md among the first five members: file names, preambles,
 * headers, separators, line endings, dates, hidden-profile and dirty rows, multi-line quoted
 * messages, group threads shared between exports, deleted senders and a sponsored message.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "bench/archives.h"
#include "engine/identity.h"
#include "engine/parallel.h"

#define SAMPLE_MEMBERS 5
#define SAMPLE_CONNECTIONS 120

static wp_archives_opts small_opts(bool folders)
{
	wp_archives_opts o = WP_ARCHIVES_DEFAULTS;
	o.members = SAMPLE_MEMBERS;
	o.connections = SAMPLE_CONNECTIONS;
	o.folders = folders;
	return o;
}

/* Generates o into a new temporary directory (its path in dir, 64 bytes). */
static void generate(const wp_archives_opts *o, char *dir, wp_archives_report *r)
{
	char err[WP_ERR_LEN] = "";
	snprintf(dir, 64, "/tmp/wp_gen_XXXXXX");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
	wp_status st = wp_archives_generate(o, dir, r, err);
	cr_assert(eq(int, st, WP_OK), "%s", err);
	cr_assert(eq(str, err, ""));
}

static void remove_dir(const char *dir)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert(eq(int, system(cmd), 0));
}

/* The whole file at path (NUL-terminated; its length in *len), or NULL if it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	cr_assert(not(eq(ptr, s, NULL)));
	cr_assert(eq(sz, fread(s, 1, (size_t)n, f), (size_t)n));
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return s;
}

/* Member m's file `name` of a folders-mode output in dir. */
static char *member_file(const char *dir, const wp_archives_opts *o, uint32_t m, const char *name,
                         size_t *len)
{
	wp_archives_member info;
	char path[1024];
	wp_archives_member_info(o, m, &info);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, info.path, name);
	return slurp(path, len);
}

static bool same_file(const char *a, const char *b)
{
	size_t la = 0, lb = 0;
	char *x = slurp(a, &la), *y = slurp(b, &lb);
	bool same = x && y && la == lb && memcmp(x, y, la) == 0;
	free(x);
	free(y);
	return same;
}

static void assert_same_archives(const wp_archives_opts *o, const char *d1, const char *d2)
{
	char a[1024], b[1024];
	for (uint32_t m = 0; m < o->members; m++) {
		wp_archives_member info;
		wp_archives_member_info(o, m, &info);
		snprintf(a, sizeof(a), "%s/%s", d1, info.path);
		snprintf(b, sizeof(b), "%s/%s", d2, info.path);
		cr_assert(same_file(a, b), "%s differs", info.path);
	}
	snprintf(a, sizeof(a), "%s/members.tsv", d1);
	snprintf(b, sizeof(b), "%s/members.tsv", d2);
	cr_assert(same_file(a, b));
}

Test(gen_archives, the_same_seed_gives_identical_zips_whatever_the_threads_and_time_zone)
{
	wp_archives_opts o = small_opts(false);
	wp_archives_report r1, r2;
	char d1[64], d2[64];
	wp_set_threads(1);
	generate(&o, d1, &r1);
	wp_set_threads(2);
	setenv("TZ", "Pacific/Auckland", 1);
	tzset();
	generate(&o, d2, &r2);
	unsetenv("TZ");
	tzset();
	assert_same_archives(&o, d1, d2);
	cr_assert(eq(u64, r1.rows, r2.rows));
	cr_assert(eq(u64, r1.bytes, r2.bytes));
	remove_dir(d1);
	remove_dir(d2);
}

Test(gen_archives, another_seed_gives_other_people)
{
	wp_archives_opts o = small_opts(true), p = small_opts(true);
	p.seed = o.seed + 1;
	char d1[64], d2[64];
	wp_archives_report r1, r2;
	generate(&o, d1, &r1);
	generate(&p, d2, &r2);
	size_t l1, l2;
	char *a = member_file(d1, &o, 0, "Connections.csv", &l1);
	char *b = member_file(d2, &p, 0, "Connections.csv", &l2);
	cr_assert(not(eq(ptr, a, NULL)));
	cr_assert(not(eq(ptr, b, NULL)));
	cr_assert(not(l1 == l2 && memcmp(a, b, l1) == 0));
	/* The fixed members keep their names whatever the seed. */
	cr_assert(not(eq(ptr, strstr(a, "Leïla,Haddad,"), NULL)));
	cr_assert(not(eq(ptr, strstr(b, "Leïla,Haddad,"), NULL)));
	free(a);
	free(b);
	remove_dir(d1);
	remove_dir(d2);
}

Test(gen_archives, zips_hold_the_same_text_as_folders)
{
	wp_archives_opts oz = small_opts(false), of = small_opts(true);
	char dz[64], df[64], path[1024];
	wp_archives_report rz, rf;
	generate(&oz, dz, &rz);
	generate(&of, df, &rf);
	cr_assert(eq(u64, rz.files, rf.files));
	uint64_t entries = 0;
	for (uint32_t m = 0; m < oz.members; m++) {
		wp_archives_member info;
		wp_archives_member_info(&oz, m, &info);
		cr_assert(not(eq(ptr, strstr(info.path, "/Basic_LinkedInDataExport_"), NULL)));
		snprintf(path, sizeof(path), "%s/%s", dz, info.path);
		int zerr = 0;
		zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
		cr_assert(not(eq(ptr, za, NULL)), "%s", path);
		zip_int64_t n = zip_get_num_entries(za, 0);
		for (zip_int64_t i = 0; i < n; i++) {
			zip_stat_t zs;
			cr_assert(eq(int, zip_stat_index(za, (zip_uint64_t)i, 0, &zs), 0));
			char *want = malloc(zs.size + 1);
			zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
			cr_assert(eq(i64, zip_fread(zf, want, zs.size), (zip_int64_t)zs.size));
			zip_fclose(zf);
			size_t len = 0;
			char *got = member_file(df, &of, m, zs.name, &len);
			cr_assert(not(eq(ptr, got, NULL)), "%s missing from the folder", zs.name);
			cr_assert(eq(sz, len, (size_t)zs.size));
			cr_assert(eq(int, memcmp(got, want, len), 0), "%s differs", zs.name);
			free(got);
			free(want);
			entries++;
		}
		zip_close(za);
	}
	cr_assert(eq(u64, entries, rz.files));
	remove_dir(dz);
	remove_dir(df);
}

Test(gen_archives, reports_rows_and_lists_members_in_members_tsv)
{
	wp_archives_opts o = small_opts(true);
	wp_archives_report r;
	char dir[64], path[128];
	generate(&o, dir, &r);
	cr_assert(eq(u64, r.archives, SAMPLE_MEMBERS));
	cr_assert(eq(u64, r.connection_rows, (uint64_t)SAMPLE_MEMBERS * SAMPLE_CONNECTIONS));
	cr_assert(eq(u64, r.hidden_rows, SAMPLE_MEMBERS * 1)); /* 1% of 120, at least one */
	cr_assert(eq(u64, r.dirty_rows, 2 + 1 + 2)); /* 2022 and excel: 2 rows; 2024: a message */
	cr_assert(lt(u64, 0, r.message_rows));
	cr_assert(lt(u64, r.connection_rows + r.message_rows, r.rows));
	snprintf(path, sizeof(path), "%s/members.tsv", dir);
	size_t len;
	char *tsv = slurp(path, &len);
	cr_assert(not(eq(ptr, tsv, NULL)));
	cr_assert(eq(str, tsv,
	             "path\tname\turl\trole\tera\texported\n"
	             "01-zoe-brandt/Basic_LinkedInDataExport_11-20-2026\tZoë Brandt\t"
	             "https://www.linkedin.com/in/zoe-brandt\tstaff\t2026\t2026-11-20\n"
	             "02-leila-haddad/Basic_LinkedInDataExport_06-14-2024\tLeïla Haddad\t"
	             "https://www.linkedin.com/in/le%C3%AFla-haddad\tboard\t2024\t2024-06-14\n"
	             "03-siobhan-oconnor/Basic_LinkedInDataExport_09-07-2022\tSiobhán O'Connor\t"
	             "https://www.linkedin.com/in/siobhan-oconnor-7b21a9\tstaff\t2022\t2022-09-07\n"
	             "04-bjorn-lindqvist/Basic_LinkedInDataExport_02-11-2020\tBjörn Lindqvist\t"
	             "https://www.linkedin.com/in/bjorn-lindqvist\tboard\t2019\t2020-02-11\n"
	             "05-elodie-marchand/Basic_LinkedInDataExport_03-02-2024\tÉlodie Marchand\t"
	             "https://www.linkedin.com/in/elodie-marchand-3c5d\tvolunteer\texcel\t"
	             "2024-03-02\n"));
	free(tsv);
	remove_dir(dir);
}

/* A file of one member's archive and what it must start with, contain, or match. */
typedef struct layout_case {
	uint32_t member;
	char file[40];
	char starts[224];   /* the file begins with this ("" = no check) */
	char contains[120]; /* and contains this somewhere ("" = no check) */
	char regex[80];     /* and some line matches this extended regex ("" = no check) */
	int final_newline;  /* 1: ends with a newline, 0: does not, -1: no check */
} layout_case;

static layout_case layout_cases[] = {
        /* 2026: Notes: preamble, URL column, all-quoted 13-column messages with CRLF inside. */
        {0, "Connections.csv",
         "Notes:\n\"When exporting your connection data, you may notice that some of the email "
         "addresses are missing.",
         "\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
         "^,,,,,,[0-9]{2} [A-Z][a-z]{2} [0-9]{4}$", 0},
        {0, "messages.csv",
         "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\","
         "\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"ATTACHMENTS\","
         "\"IS MESSAGE DRAFT\",\"IS CONVERSATION DRAFT\"\n",
         ",\"Hi ", "^\"2-[A-Za-z0-9+/]{44}==\",\"\",\"LinkedIn Member\",\"\",", 0},
        {0, "messages.csv", "", "%FIRSTNAME%",
         "\"Sponsored Conversation\",\"Quillpay Business\",\"\"", -1},
        {0, "messages.csv", "", "Lumen Literacy Collective – board & staff", "\r$", -1},
        {0, "Notes.csv",
         "Connection First Name,Connection Last Name,Connection Profile URL,Note,Created On,"
         "Edited On\n",
         "", "UTC,[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} UTC$", 1},
        {0, "Company Follows.csv", "Organization,Followed On\n", "", "", 1},
        {0, "Invitations.csv",
         "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
         "https://www.linkedin.com/in/zoe-brandt",
         "\"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}, [0-9]{1,2}:[0-9]{2} [AP]M\"", 1},
        {0, "Endorsement_Received_Info.csv",
         "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
         "Endorsement Status\n",
         ",www.linkedin.com/in/", "^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9:]{8} UTC,", 1},
        {0, "Positions.csv", "Company Name,Title,Description,Location,Started On,Finished On\n",
         "Lumen Literacy Collective,Executive Director,", ",[A-Z][a-z]{2} [0-9]{4},$", 1},
        {0, "Profile.csv",
         "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
         "Geo Location,Twitter Handles,Websites,Instant Messengers\nZoë,Brandt,",
         "", "", 1},
        /* 2024: "Notes:" quoted, lower-case connections.csv, Company_Follows.csv, 11 columns, a
         * message with a bad date. */
        {1, "connections.csv", "\"Notes:\"\n\"When exporting",
         "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n", "%[0-9A-F]{2}",
         0},
        {1, "Company_Follows.csv", "Organization,Followed On\n", "", "", 1},
        {1, "messages.csv",
         "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
         "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS\n",
         ",unknown,", "^2-[A-Za-z0-9+/]{44}==,,", 0},
        /* 2022: Notes: preamble without the URL column; two dirty rows; 9-column messages. */
        {2, "Connections.csv", "Notes:\n\"When exporting",
         "\n\nFirst Name,Last Name,Email Address,Company,Position,Connected On\n", ",31 Foo 2022$",
         1},
        {2, "Connections.csv", "", "", "^[^,]+,[^,]+,(\"[^\"]*\"|[^,]+)$", 1},
        {2, "Connections.csv", "", "", "^,,,,,[0-9]{2} [A-Z][a-z]{2} [0-9]{4}$", 1},
        {2, "messages.csv",
         "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,"
         "FOLDER\n",
         "Siobhán O'Connor", "", 1},
        {2, "Invitations.csv", "From,To,Sent At,Message,Direction\n", "", "", 1},
        {2, "Endorsement_Given_Info.csv",
         "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsement Status\n",
         "", "", 1},
        /* 2019: no preamble at all. */
        {3, "Connections.csv", "First Name,Last Name,Email Address,Company,Position,Connected On\n",
         "", ",[0-9]{2} [A-Z][a-z]{2} (20[01][0-9]|2020)$", 1},
        {3, "Recommendations_Received.csv",
         "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n",
         "\"I worked with Björn", ",[0-9]{2}/[0-9]{2}/[0-9]{2},VISIBLE$", 1},
        /* Excel: BOM, CRLF, ';', padded preamble, Email column gone, 7-Feb-22 dates. */
        {4, "Connections.csv",
         "\xef\xbb\xbfNotes:;;;;;\r\nWhen exporting your connection data, you",
         ";;;;;\r\nFirst Name;Last Name;URL;Company;Position;Connected On\r\n",
         "^[^;]+;[^;]+;https?://[^;]+;[^;]*;[^;]*;[0-9]{1,2}-[A-Z][a-z]{2}-[0-9]{2}\r$", 1},
        {4, "Connections.csv", "", ";n/a\r\n", "^;;;;;[0-9]{1,2}-[A-Z][a-z]{2}-[0-9]{2}\r$", 1},
        {4, "Connections.csv", "", "", "^[^;]+;[^;]+;[^;]+\r$", 1},
};

ParameterizedTestParameters(gen_archives, writes_every_eras_layout)
{
	return cr_make_param_array(layout_case, layout_cases,
	                           sizeof(layout_cases) / sizeof(layout_cases[0]));
}

/* Whether some line of s (split at '\n') matches re. */
static bool some_line_matches(const char *s, const char *re)
{
	regex_t rx;
	cr_assert(eq(int, regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0), "%s", re);
	bool found = false;
	char *copy = strdup(s), *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line && !found;
	     line = strtok_r(NULL, "\n", &save))
		found = regexec(&rx, line, 0, NULL, 0) == 0;
	free(copy);
	regfree(&rx);
	return found;
}

ParameterizedTest(layout_case *c, gen_archives, writes_every_eras_layout)
{
	wp_archives_opts o = small_opts(true);
	wp_archives_report r;
	char dir[64];
	size_t len = 0;
	generate(&o, dir, &r);
	char *s = member_file(dir, &o, c->member, c->file, &len);
	cr_assert(not(eq(ptr, s, NULL)), "member %u has no %s", c->member, c->file);
	if (c->starts[0])
		cr_assert(eq(int, strncmp(s, c->starts, strlen(c->starts)), 0),
		          "%s does not start with %s", c->file, c->starts);
	if (c->contains[0])
		cr_assert(not(eq(ptr, strstr(s, c->contains), NULL)), "%s lacks %s", c->file,
		          c->contains);
	if (c->regex[0])
		cr_assert(some_line_matches(s, c->regex), "no line of %s matches %s", c->file,
		          c->regex);
	if (c->final_newline >= 0)
		cr_assert(eq(int, len > 0 && s[len - 1] == '\n', c->final_newline));
	free(s);
	remove_dir(dir);
}

Test(gen_archives, the_org_thread_is_the_same_conversation_in_each_participants_export)
{
	wp_archives_opts o = small_opts(true);
	wp_archives_report r;
	char dir[64];
	size_t l0, l1;
	generate(&o, dir, &r);
	char *zoe = member_file(dir, &o, 0, "messages.csv", &l0);
	char *leila = member_file(dir, &o, 1, "messages.csv", &l1);
	const char *title = "Lumen Literacy Collective – board & staff";
	char *a = strstr(zoe, title), *b = strstr(leila, title);
	cr_assert(not(eq(ptr, a, NULL)));
	cr_assert(not(eq(ptr, b, NULL)));
	/* The 48-character id precedes the title: "2-...==","title" (2026: all quoted) and
	 * 2-...==,title (2024). */
	char id_a[64], id_b[64];
	snprintf(id_a, sizeof(id_a), "%.48s", a - 51);
	snprintf(id_b, sizeof(id_b), "%.48s", b - 49);
	cr_assert(eq(int, strncmp(id_a, "2-", 2), 0), "%s", id_a);
	cr_assert(eq(str, id_a, id_b));
	/* Volunteers are not in it. */
	size_t l4;
	char *elodie = member_file(dir, &o, 4, "messages.csv", &l4);
	cr_assert(eq(ptr, strstr(elodie, title), NULL));
	free(zoe);
	free(leila);
	free(elodie);
	remove_dir(dir);
}

Test(gen_archives, pairs_of_members_share_an_employer_with_overlapping_tenures)
{
	wp_archives_opts o = small_opts(true);
	wp_archives_report r;
	char dir[64];
	size_t l0, l1;
	generate(&o, dir, &r);
	char *zoe = member_file(dir, &o, 0, "Positions.csv", &l0);
	char *leila = member_file(dir, &o, 1, "Positions.csv", &l1);
	/* Both worked at Northwind Traders (member pair 0 shares CAREER[0]). */
	cr_assert(not(eq(ptr, strstr(zoe, "\"Northwind Traders, Inc.\","), NULL)));
	cr_assert(not(eq(ptr, strstr(leila, "\"Northwind Traders, Inc.\","), NULL)));
	free(zoe);
	free(leila);
	remove_dir(dir);
}

Test(gen_archives, rejects_bad_options_naming_the_option)
{
	char err[WP_ERR_LEN] = "";
	wp_archives_opts o = small_opts(false);
	o.members = 0;
	cr_assert(eq(int, wp_archives_generate(&o, "/tmp/wp_gen_never", NULL, err), WP_EARG));
	cr_assert(eq(str, err, "--members must be from 1 to 10000"));
	o = small_opts(false);
	o.connections = 30001;
	err[0] = '\0';
	cr_assert(eq(int, wp_archives_check(&o, err), WP_EARG));
	cr_assert(eq(str, err, "--connections must be from 10 to 30000"));
	cr_assert(not(eq(int, access("/tmp/wp_gen_never", F_OK), 0)));
}

Test(gen_archives, reports_an_unwritable_directory)
{
	char err[WP_ERR_LEN] = "";
	wp_archives_opts o = small_opts(false);
	cr_assert(eq(int, wp_archives_generate(&o, "/proc/wp_gen/out", NULL, err), WP_EIO));
	cr_assert(eq(int, strncmp(err, "/proc/wp_gen: cannot write: ", 28), 0), "%s", err);
}

Test(gen_archives, every_member_has_a_name_of_their_own)
{
	/* The workspace tells members apart by name (accents and case folded). */
	wp_archives_opts o = small_opts(false);
	o.members = 3000;
	char(*keys)[WP_KEY_LEN] = calloc(o.members, sizeof(*keys));
	cr_assert(not(eq(ptr, keys, NULL)));
	for (uint32_t m = 0; m < o.members; m++) {
		wp_archives_member info;
		wp_archives_member_info(&o, m, &info);
		cr_assert(lt(sz, 3, strlen(info.name)));
		cr_assert(wp_identity_name_key(info.name, keys[m]), "%s", info.name);
	}
	for (uint32_t a = 0; a < o.members; a++)
		for (uint32_t b = a + 1; b < o.members; b++)
			cr_assert(not(eq(str, keys[a], keys[b])), "members %u and %u share a name",
			          a, b);
	free(keys);
}
