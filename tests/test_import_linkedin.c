/* test_import_linkedin.c - the LinkedIn archive: Connections and messages in every era, zip and
 * folder archives, file-name matching, zero-row files, strict mode, zip bombs, URL backfill.
 *
 * Parsers are fed strings through fmemopen; whole-archive tests use the files under
 * tests/fixtures/linkedin/ or build a zip in a temporary folder with libzip.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "engine/contacts.h"
#include "importers/linkedin.h"
#include "importers/linkedin_internal.h"

#define FIXTURES "tests/fixtures/linkedin/"

typedef wp_status (*parser_fn)(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err);

typedef struct run {
	wp_status st;
	char err[WP_ERR_LEN];
	wp_contacts c;
} run;

/* Starts a batch for member "Ada Member" (url may be NULL). */
static void start(run *r, const char *url, bool strict)
{
	memset(r, 0, sizeof(*r));
	cr_assert(eq(int, wp_contacts_init(&r->c, "Ada Member", url, r->err), WP_OK), "%s", r->err);
	r->c.strict = strict;
}

/* Runs parser fn over text as a file called name, into r (already started). */
static void feed(run *r, parser_fn fn, const char *name, const char *kind, const char *text)
{
	wp_source src;
	wp_csvfile csv;
	uint32_t file = 0;
	size_t len = strlen(text);
	FILE *f = len ? fmemopen((void *)text, len, "r") : fopen("/dev/null", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, wp_contacts_add_file(&r->c, name, kind, &file, r->err), WP_OK));
	wp_source_from_file(&src, f, name);
	cr_assert(eq(int, wp_csvfile_open(&csv, &src, r->err), WP_OK));
	r->st = fn(&csv, file, &r->c, r->err);
	wp_csvfile_close(&csv);
	fclose(f);
}

static void parse(run *r, parser_fn fn, const char *name, const char *text, bool strict)
{
	start(r, NULL, strict);
	feed(r, fn, name, "test", text);
}

static const char *text(const run *r, uint32_t id)
{
	return wp_contacts_text(&r->c, id);
}

/* The only person whose display name is full; fails the test if there is not exactly one. */
static uint32_t person(const run *r, const char *full)
{
	uint32_t found = UINT32_MAX, n = 0;
	for (uint32_t i = 0; i < r->c.people_count; i++)
		if (strcmp(text(r, r->c.people[i].full), full) == 0) {
			found = i;
			n++;
		}
	cr_assert(eq(u32, n, 1), "people named \"%s\": %u", full, n);
	return found;
}

static uint32_t count_named(const run *r, const char *full)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < r->c.people_count; i++)
		n += strcmp(text(r, r->c.people[i].full), full) == 0;
	return n;
}

/* The one evidence record of kind between a and b (either order); fails if not exactly one. */
static const wp_evidence_rec *evidence(const run *r, uint32_t kind, uint32_t a, uint32_t b)
{
	const wp_evidence_rec *found = NULL;
	uint32_t n = 0;
	for (uint64_t i = 0; i < r->c.evidence_count; i++) {
		const wp_evidence_rec *e = &r->c.evidence[i];
		if (e->kind == kind && ((e->a == a && e->b == b) || (e->a == b && e->b == a))) {
			found = e;
			n++;
		}
	}
	cr_assert(eq(u32, n, 1), "evidence %u between %u and %u: %u records", kind, a, b, n);
	return found;
}

static uint64_t count_kind(const run *r, uint32_t kind)
{
	uint64_t n = 0;
	for (uint64_t i = 0; i < r->c.evidence_count; i++)
		n += r->c.evidence[i].kind == kind;
	return n;
}

static const char *warning(const run *r, uint32_t i)
{
	cr_assert(lt(u32, i, r->c.warnings.count));
	return wp_strtab_get(&r->c.warnings, i);
}

/* Whether any stored string contains needle (message bodies must never be stored). */
static bool stored_anywhere(const run *r, const char *needle)
{
	for (uint32_t i = 0; i < r->c.strings.count; i++)
		if (strstr(wp_strtab_get(&r->c.strings, i), needle) != NULL)
			return true;
	for (uint32_t i = 0; i < r->c.warnings.count; i++)
		if (strstr(wp_strtab_get(&r->c.warnings, i), needle) != NULL)
			return true;
	return false;
}

static void finish(run *r)
{
	wp_contacts_free(&r->c);
}

/* ---- temporary folders ---------------------------------------------------------------------- */

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void make_temp(char *dir)
{
	strcpy(dir, "/tmp/wp-linkedin-XXXXXX");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
}

static void remove_temp(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void write_file(const char *dir, const char *name, const char *content, size_t len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	cr_assert(not(eq(ptr, f, NULL)), "%s", path);
	cr_assert(eq(sz, fwrite(content, 1, len, f), len));
	fclose(f);
}

typedef struct member {
	const char *name;
	const char *data;
	size_t len; /* 0 = strlen(data) */
} member;

/* Writes a zip at path holding the members. */
static void write_zip(const char *path, const member *m, size_t n)
{
	int code = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	cr_assert(not(eq(ptr, za, NULL)));
	for (size_t i = 0; i < n; i++) {
		size_t len = m[i].len ? m[i].len : strlen(m[i].data);
		zip_source_t *s = zip_source_buffer(za, m[i].data, len, 0);
		cr_assert(not(eq(ptr, s, NULL)));
		cr_assert(ge(i64, zip_file_add(za, m[i].name, s, ZIP_FL_ENC_UTF_8), 0), "%s",
		          zip_strerror(za));
	}
	cr_assert(eq(int, zip_close(za), 0));
}

static void import(run *r, const char *path, const wp_linkedin_opts *opts, bool strict)
{
	start(r, NULL, strict);
	r->st = wp_import_linkedin_opts(path, opts, &r->c, r->err);
}

/* ---- Connections.csv ------------------------------------------------------------------------ */

#define NOTES_TEXT                                                                                \
	"\"When exporting your connection data, you may notice that some of the email addresses " \
	"are missing. You will only see email addresses for connections who have allowed their "  \
	"connections to see or download their email address using this setting "                  \
	"https://www.linkedin.com/psettings/privacy/email. You can learn more about connections " \
	"here: https://www.linkedin.com/help/linkedin/answer/566\"\n"

#define CONNECTIONS_HEADER "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

static const char current_era[] =
        "Notes:\n" NOTES_TEXT "\n" CONNECTIONS_HEADER
        "Zo\xc3\xab,Brandt,https://www.linkedin.com/in/zo%C3%AB-brandt,,\"Stripe, Inc.\","
        "\"Senior \"\"Platform\"\" Engineer\",07 Jun 2022\n"
        "John,Smith,HTTPS://WWW.LINKEDIN.COM/in/John-Smith-42/?trk=people,John@Example.COM,Acme,"
        "CEO,15 Mar 2024\n"
        ",,,,,,07 Jun 2022\n"
        "Bo,Lee,https://www.linkedin.com/in/bolee,,,,01 Jan 2020";

Test(linkedin_connections, reads_the_current_era_with_preamble_and_urls)
{
	run r;
	parse(&r, wpi_linkedin_connections, "Connections.csv", current_era, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	const wp_file_report *f = &r.c.files[0];
	cr_assert(eq(u64, f->rows, 4));
	cr_assert(eq(u64, f->used, 3));
	cr_assert(eq(u64, f->hidden, 1));
	cr_assert(eq(u64, f->skipped, 0));
	cr_assert(eq(u32, r.c.people_count, 4)); /* the member and three connections */
	uint32_t zoe = person(&r, "Zo\xc3\xab Brandt");
	const wp_person_rec *p = &r.c.people[zoe];
	cr_assert(eq(str, (char *)text(&r, p->first), "Zo\xc3\xab"));
	cr_assert(eq(str, (char *)text(&r, p->last), "Brandt"));
	cr_assert(eq(str, (char *)text(&r, p->slug), "zo\xc3\xab-brandt"));
	cr_assert(eq(str, (char *)text(&r, p->company), "Stripe, Inc."));
	cr_assert(eq(str, (char *)text(&r, p->position), "Senior \"Platform\" Engineer"));
	cr_assert(eq(u32, p->email, 0));
	cr_assert(eq(u32, p->flags, 0));
	cr_assert(eq(u32, p->line, 5));
	const wp_evidence_rec *e = evidence(&r, WP_EV_CONNECTION, 0, zoe);
	cr_assert(eq(u32, e->a, 0));
	cr_assert(eq(i64, e->first, 1654560000));
	cr_assert(eq(u32, e->line, 5));
	uint32_t john = person(&r, "John Smith");
	cr_assert(eq(str, (char *)text(&r, r.c.people[john].slug), "john-smith-42"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[john].email), "john@example.com"));
	cr_assert(eq(i64, evidence(&r, WP_EV_CONNECTION, 0, john)->first, 1710460800));
	uint32_t bo = person(&r, "Bo Lee");
	cr_assert(eq(u32, r.c.people[bo].line, 8));
	cr_assert(eq(u32, r.c.people[bo].company, 0));
	cr_assert(eq(u64, r.c.evidence_count, 3));
	finish(&r);
}

Test(linkedin_connections, reads_a_quoted_notes_preamble)
{
	run r;
	parse(&r, wpi_linkedin_connections, "Connections.csv",
	      "\"Notes:\"\n" NOTES_TEXT "\n" CONNECTIONS_HEADER
	      "Ann,Lee,https://www.linkedin.com/in/annlee,,Initech,Analyst,02 Feb 2023\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 1));
	uint32_t ann = person(&r, "Ann Lee");
	cr_assert(eq(u32, r.c.people[ann].line, 5));
	cr_assert(eq(str, (char *)text(&r, r.c.people[ann].slug), "annlee"));
	finish(&r);
}

Test(linkedin_connections, reads_the_pre_2021_era_without_preamble_or_url)
{
	run r;
	parse(&r, wpi_linkedin_connections, "Connections.csv",
	      "First Name,Last Name,Email Address,Company,Position,Connected On\n"
	      "Ann,Lee,ann@example.org,Initech,Analyst,02 Feb 2019\n"
	      "Ben,Ode,,,,03 Feb 2019\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 2));
	cr_assert(eq(u64, r.c.files[0].used, 2));
	uint32_t ann = person(&r, "Ann Lee");
	cr_assert(eq(u32, r.c.people[ann].slug, 0));
	cr_assert(eq(str, (char *)text(&r, r.c.people[ann].email), "ann@example.org"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[ann].position), "Analyst"));
	cr_assert(eq(u32, r.c.people[ann].line, 2));
	cr_assert(eq(i64, evidence(&r, WP_EV_CONNECTION, 0, ann)->first, 1549065600));
	finish(&r);
}

Test(linkedin_connections, reads_an_excel_resave_with_bom_crlf_semicolons_and_lost_columns)
{
	run r;
	import(&r, FIXTURES "excel/Connections.csv", NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	const wp_file_report *f = &r.c.files[0];
	cr_assert(eq(str, (char *)text(&r, f->name), FIXTURES "excel/Connections.csv"));
	cr_assert(eq(str, (char *)text(&r, f->kind), "connections"));
	cr_assert(eq(u64, f->rows, 3));
	cr_assert(eq(u64, f->used, 2));
	cr_assert(eq(u64, f->hidden, 1));
	uint32_t anna = person(&r, "Anna M\xc3\xbcller");
	cr_assert(eq(str, (char *)text(&r, r.c.people[anna].slug), "anna-m\xc3\xbcller"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[anna].company), "Acme; Europe"));
	cr_assert(eq(u32, r.c.people[anna].position, 0));
	cr_assert(eq(u32, r.c.people[anna].line, 5));
	cr_assert(eq(i64, evidence(&r, WP_EV_CONNECTION, 0, anna)->first, 1644192000));
	uint32_t paul = person(&r, "Paul Roe");
	cr_assert(eq(i64, evidence(&r, WP_EV_CONNECTION, 0, paul)->first, 1710460800));
	finish(&r);
}

Test(linkedin_connections, counts_hidden_profiles_without_making_people)
{
	run r;
	parse(&r, wpi_linkedin_connections, "Connections.csv",
	      CONNECTIONS_HEADER ",,,,,,07 Jun 2022\n,,,,,,08 Jun 2022\r\n,,,,,,\n"
	                         "Al,Bo,,,,,09 Jun 2022\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 3)); /* the all-empty row is padding, not a row */
	cr_assert(eq(u64, r.c.files[0].hidden, 2));
	cr_assert(eq(u64, r.c.files[0].used, 1));
	cr_assert(eq(u32, r.c.people_count, 2));
	finish(&r);
}

Test(linkedin_connections, flags_linkedin_member_and_nameless_rows_never_merge)
{
	run r;
	parse(&r, wpi_linkedin_connections, "Connections.csv",
	      CONNECTIONS_HEADER "LinkedIn,Member,,,,,07 Jun 2022\n"
	                         ",,,,Acme,CEO,07 Jun 2022\n"
	                         ",,https://www.linkedin.com/in/nameless,,,,07 Jun 2022\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.people_count, 4));
	cr_assert(eq(u32, r.c.people[1].flags, WP_PERSON_NEVER_MERGE));
	cr_assert(eq(u32, r.c.people[2].flags, WP_PERSON_NEVER_MERGE));
	cr_assert(eq(u32, r.c.people[3].flags, 0)); /* the slug identifies them */
	cr_assert(eq(str, (char *)text(&r, r.c.people[3].slug), "nameless"));
	finish(&r);
}

Test(linkedin_connections, warns_about_bad_dates_and_shifted_rows)
{
	run r;
	parse(&r, wpi_linkedin_connections, "Connections.csv",
	      CONNECTIONS_HEADER "Ann,Lee,,,,,31 Feb 2022\n"
	                         "Ben,Ode,,,Stripe, Inc.,CTO,07 Jun 2022\n"
	                         "Cy,Ru,,,,,07 Jun 2022,,\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 3));
	cr_assert(eq(u64, r.c.files[0].skipped, 2));
	cr_assert(eq(u64, r.c.files[0].used, 1));
	cr_assert(eq(u32, r.c.warnings.count, 2));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             "Connections.csv:2: Connected On \"31 Feb 2022\" is not a date; row skipped"));
	cr_assert(eq(str, (char *)warning(&r, 1),
	             "Connections.csv:3: 8 fields where the header has 7 (an unquoted comma?); "
	             "row skipped"));
	cr_assert(eq(u32, count_named(&r, "Cy Ru"), 1));
	finish(&r);
}

Test(linkedin_connections, strict_mode_fails_on_the_first_bad_row)
{
	run r;
	parse(&r, wpi_linkedin_connections, "Connections.csv",
	      CONNECTIONS_HEADER "Ann,Lee,,,,,07 Jun 2022\nBen,Ode,,,,,7 Juno 2022\n", true);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err,
	             "Connections.csv:3: Connected On \"7 Juno 2022\" is not a date; row skipped "
	             "(--strict rejects the whole file)"));
	finish(&r);
}

typedef struct no_rows {
	char file[32];
	char content[600];
	char err[200];
} no_rows;

ParameterizedTestParameters(linkedin, zero_row_files_are_errors)
{
	static no_rows cases[] = {
	        /* the preamble alone: a parser taking "Notes:" as the header would "succeed" */
	        {"Connections.csv", "Notes:\n" NOTES_TEXT "\n",
	         "Connections.csv:3: no rows: no header with First Name, Last Name in the first 10 "
	         "lines"},
	        {"Connections.csv", "\"Notes:\"\n" NOTES_TEXT "\n",
	         "Connections.csv:3: no rows: no header with First Name, Last Name in the first 10 "
	         "lines"},
	        {"Connections.csv", "Notes:\n" NOTES_TEXT "\n" CONNECTIONS_HEADER,
	         "Connections.csv:4: no rows: a header but no data rows"},
	        {"Connections.csv", "",
	         "Connections.csv:1: no rows: no header with First Name, Last "
	         "Name in the first 10 lines"},
	        {"Connections.csv",
	         "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n" CONNECTIONS_HEADER "A,B,,,,,\n",
	         "Connections.csv:10: no rows: no header with First Name, Last Name in the first "
	         "10 "
	         "lines"},
	        {"messages.csv", "CONVERSATION ID,FROM,TO,DATE\n",
	         "messages.csv:1: no rows: a header but no data rows"},
	        {"messages.csv", "First Name,Last Name\nA,B\n",
	         "messages.csv:2: no rows: no header with CONVERSATION ID, FROM, TO, DATE in the "
	         "first "
	         "10 lines"},
	};
	return cr_make_param_array(no_rows, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(no_rows *k, linkedin, zero_row_files_are_errors)
{
	char dir[64], path[128], want[400];
	run r;
	make_temp(dir);
	write_file(dir, k->file, k->content, strlen(k->content));
	snprintf(path, sizeof(path), "%s/%s", dir, k->file);
	import(&r, path, NULL, false);
	snprintf(want, sizeof(want), "%s/%s", dir, k->err);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err, want));
	finish(&r);
	remove_temp(dir);
}

/* ---- messages.csv --------------------------------------------------------------------------- */

#define MSG_HEADER_2023                                                                    \
	"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE " \
	"URLS,DATE,"                                                                       \
	"SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
#define ADA "https://www.linkedin.com/in/ada-member"
#define ZOE "https://www.linkedin.com/in/zo%C3%AB-brandt"
#define JOHN "https://www.linkedin.com/in/john-smith-42"
#define KIM "https://www.linkedin.com/in/kim-park"

Test(linkedin_messages, counts_sent_and_received_per_counterpart_and_finds_the_member)
{
	run r;
	parse(&r, wpi_linkedin_messages, "messages.csv",
	      MSG_HEADER_2023
	      "c1,,Zo\xc3\xab Brandt," ZOE ",Ada Member," ADA
	      ",2024-03-01 10:00:00 UTC,,secret one,"
	      "INBOX,,No\n"
	      "c1,,Ada Member," ADA ",Zo\xc3\xab Brandt," ZOE
	      ",2024-03-02 10:00:00 UTC,,secret two,"
	      "INBOX,,No\n"
	      "c1,,Ada Member," ADA ",Zo\xc3\xab Brandt," ZOE "/,2024-03-05 11:00:00 UTC,,secret 3,"
	      "INBOX,,No\n"
	      "c2,,John Smith," JOHN ",Ada Member," ADA ",2023-01-01 09:00:00 UTC,Hello,secret 4,"
	      "ARCHIVE,,No\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 4));
	cr_assert(eq(u64, r.c.files[0].used, 4));
	/* The member takes part in every message: their URL becomes person 0's slug. */
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "ada-member"));
	cr_assert(eq(u32, r.c.people_count, 3));
	uint32_t zoe = person(&r, "Zo\xc3\xab Brandt");
	cr_assert(eq(str, (char *)text(&r, r.c.people[zoe].slug), "zo\xc3\xab-brandt"));
	cr_assert(eq(u32, r.c.people[zoe].line, 2));
	const wp_evidence_rec *e = evidence(&r, WP_EV_MESSAGES, 0, zoe);
	cr_assert(eq(u32, e->a, 0));
	cr_assert(eq(u32, e->sent, 2));
	cr_assert(eq(u32, e->received, 1));
	cr_assert(eq(i64, e->first, 1709287200));
	cr_assert(eq(i64, e->last, 1709636400));
	cr_assert(eq(u32, e->line, 2));
	uint32_t john = person(&r, "John Smith");
	e = evidence(&r, WP_EV_MESSAGES, 0, john);
	cr_assert(eq(u32, e->sent, 0));
	cr_assert(eq(u32, e->received, 1));
	cr_assert(eq(u64, count_kind(&r, WP_EV_GROUP_THREAD), 0));
	cr_assert(not(stored_anywhere(&r, "secret")));
	cr_assert(not(stored_anywhere(&r, "Hello")));
	finish(&r);
}

Test(linkedin_messages, reads_the_2026_all_quoted_form_with_line_breaks_in_content)
{
	run r;
	parse(&r, wpi_linkedin_messages, "messages.csv",
	      "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\","
	      "\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\","
	      "\"ATTACHMENTS\",\"IS MESSAGE DRAFT\",\"IS CONVERSATION DRAFT\"\r\n"
	      "\"c1\",\"\",\"Kim Park\",\"" KIM "\",\"Ada Member\",\"" ADA "\","
	      "\"2026-01-02 03:04:05 UTC\",\"\",\"secret line one\nsecret line two\r\n"
	      "and \"\"quoted\"\", too, with commas\",\"INBOX\",\"\",\"No\",\"No\"\r\n"
	      "\"c1\",\"\",\"Ada Member\",\"" ADA "\",\"Kim Park\",\"" KIM "\","
	      "\"2026-01-03 03:04:05 UTC\",\"\",\"secret\r\n\r\nreply\",\"INBOX\",\"\",\"No\","
	      "\"No\"\r\n"
	      "\"c9\",\"\",\"Ada Member\",\"" ADA "\",\"Kim Park\",\"" KIM "\","
	      "\"2026-01-04 03:04:05 UTC\",\"\",\"secret draft\",\"\",\"\",\"No\",\"Yes\"",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 3));
	cr_assert(eq(u64, r.c.files[0].used, 2)); /* not the conversation draft */
	uint32_t kim = person(&r, "Kim Park");
	cr_assert(eq(u32, r.c.people[kim].line, 2));
	const wp_evidence_rec *e = evidence(&r, WP_EV_MESSAGES, 0, kim);
	cr_assert(eq(u32, e->sent, 1));
	cr_assert(eq(u32, e->received, 1));
	cr_assert(eq(u32, e->line, 2));
	cr_assert(eq(i64, e->last, 1767409445));
	cr_assert(not(stored_anywhere(&r, "secret")));
	cr_assert(not(stored_anywhere(&r, "quoted")));
	finish(&r);
}

Test(linkedin_messages, reads_the_nine_column_era_and_resolves_recipients_by_name)
{
	run r;
	/* No RECIPIENT PROFILE URLS: recipients are names, and "Doe, Jane" contains ", ". */
	parse(&r, wpi_linkedin_messages, "messages.csv",
	      "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,"
	      "FOLDER\n"
	      "c1,,Ada Member," ADA ",\"Doe, Jane\",2020-05-01 10:00:00 UTC,,x,INBOX\n"
	      "c1,,\"Doe, Jane\",https://www.linkedin.com/in/janedoe,Ada Member,"
	      "2020-05-02 10:00:00 UTC,,y,INBOX\n"
	      "c2,,Ada Member," ADA ",\"Kim Park, Doe, Jane\",2020-06-01 10:00:00 UTC,,z,INBOX\n"
	      "c2,,Kim Park," KIM ",\"ADA MEMBER, Doe, Jane\",2020-06-02 10:00:00 UTC,,z,INBOX\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "ada-member"));
	cr_assert(eq(u32, r.c.people_count, 3));
	uint32_t jane = person(&r, "Doe, Jane");
	cr_assert(eq(str, (char *)text(&r, r.c.people[jane].slug), "janedoe"));
	const wp_evidence_rec *e = evidence(&r, WP_EV_MESSAGES, 0, jane);
	cr_assert(eq(u32, e->sent, 2));
	cr_assert(eq(u32, e->received, 1));
	uint32_t kim = person(&r, "Kim Park");
	e = evidence(&r, WP_EV_MESSAGES, 0, kim);
	cr_assert(eq(u32, e->sent, 1));
	cr_assert(eq(u32, e->received, 1));
	/* c2 has three participants: Kim and Jane shared a group thread. */
	e = evidence(&r, WP_EV_GROUP_THREAD, kim, jane);
	cr_assert(eq(u32, e->sent, 1));
	cr_assert(eq(i64, e->last, 1591092000));
	finish(&r);
}

Test(linkedin_messages, splits_recipient_urls_by_shape_and_links_group_members)
{
	run r;
	/* Names contain ", " so their count disagrees with the URLs': names come from FROM. */
	parse(&r, wpi_linkedin_messages, "messages.csv",
	      MSG_HEADER_2023
	      "g1,Board,Ada Member," ADA ",\"Lee, Ann, Bo Ode, Jr., Cy\","
	      "\"https://www.linkedin.com/in/ann-lee,http://www.linkedin.com/in/bo-ode,"
	      "www.linkedin.com/in/cy%2Cz\",2024-01-01 00:00:00 UTC,,x,INBOX,,No\n"
	      "g1,Board,\"Lee, Ann\",https://www.linkedin.com/in/ann-lee,\"Ada Member, Bo Ode, "
	      "Jr., "
	      "Cy\",\"" ADA ",https://www.linkedin.com/in/bo-ode,https://www.linkedin.com/in/"
	      "cy%2Cz\",2024-01-02 00:00:00 UTC,,x,INBOX,,No\n"
	      "g2,,Ada Member," ADA ",\"Lee, Ann, Bo Ode, Jr.\","
	      "\"https://www.linkedin.com/in/ann-lee,https://www.linkedin.com/in/bo-ode\","
	      "2024-02-01 00:00:00 UTC,,x,INBOX,,No\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.people_count, 4));
	uint32_t ann = person(&r, "Lee, Ann");
	cr_assert(eq(str, (char *)text(&r, r.c.people[ann].slug), "ann-lee"));
	uint32_t bo = 0, cy = 0;
	for (uint32_t i = 1; i < r.c.people_count; i++) {
		if (strcmp(text(&r, r.c.people[i].slug), "bo-ode") == 0)
			bo = i;
		if (strcmp(text(&r, r.c.people[i].slug), "cy,z") == 0)
			cy = i;
	}
	cr_assert(lt(u32, 0, bo));
	cr_assert(lt(u32, 0, cy));
	cr_assert(eq(u32, r.c.people[bo].full, 0)); /* never named unambiguously */
	cr_assert(eq(u32, r.c.people[bo].flags, 0));
	cr_assert(eq(u32, evidence(&r, WP_EV_MESSAGES, 0, ann)->sent, 2));
	cr_assert(eq(u32, evidence(&r, WP_EV_MESSAGES, 0, ann)->received, 1));
	cr_assert(eq(u32, evidence(&r, WP_EV_MESSAGES, 0, bo)->sent, 2));
	cr_assert(eq(u32, evidence(&r, WP_EV_MESSAGES, 0, cy)->sent, 1));
	/* g1 (4 people) and g2 (3 people) are groups: Ann and Bo share two threads. */
	const wp_evidence_rec *e = evidence(&r, WP_EV_GROUP_THREAD, ann, bo);
	cr_assert(eq(u32, e->sent, 2));
	cr_assert(eq(i64, e->first, 1704067200));
	cr_assert(eq(i64, e->last, 1706745600));
	cr_assert(eq(u32, e->line, 2));
	cr_assert(lt(u32, e->a, e->b));
	cr_assert(eq(u32, evidence(&r, WP_EV_GROUP_THREAD, ann, cy)->sent, 1));
	cr_assert(eq(u32, evidence(&r, WP_EV_GROUP_THREAD, bo, cy)->sent, 1));
	cr_assert(eq(u64, count_kind(&r, WP_EV_GROUP_THREAD), 3));
	finish(&r);
}

Test(linkedin_messages, keeps_deleted_accounts_apart_and_skips_sponsored_drafts_and_spam)
{
	run r;
	parse(&r, wpi_linkedin_messages, "messages.csv",
	      MSG_HEADER_2023
	      "d1,,LinkedIn Member,,Ada Member," ADA ",2024-01-01 00:00:00 UTC,,hi,INBOX,,No\n"
	      "d2,,LinkedIn Member,,Ada Member," ADA ",2024-01-02 00:00:00 UTC,,hi,INBOX,,No\n"
	      "d3,,Gone Person,,Ada Member," ADA ",2024-01-03 00:00:00 UTC,,hi,INBOX,,No\n"
	      "s1,Sponsored,Acme Recruiting,,Ada Member," ADA ",2024-01-04 00:00:00 UTC,"
	      "\"%FIRSTNAME%, a job for you\",\"Dear %FIRSTNAME% %LASTNAME%\",INBOX,,No\n"
	      "k1,,Ada Member," ADA ",Kim Park," KIM ",2024-01-05 00:00:00 UTC,,draft,INBOX,,Yes\n"
	      "k2,,Kim Park," KIM ",Ada Member," ADA ",2024-01-06 00:00:00 UTC,,buy,SPAM,,No\n"
	      "k3,,Kim Park," KIM ",Ada Member," ADA ",2024-01-07 00:00:00 UTC,,ok,INBOX,,No\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 7));
	cr_assert(eq(u64, r.c.files[0].used, 4));
	cr_assert(eq(u32, count_named(&r, "Acme Recruiting"), 0));
	cr_assert(eq(u32, count_named(&r, "LinkedIn Member"), 2)); /* one per conversation */
	for (uint32_t i = 1; i < r.c.people_count; i++) {
		const char *name = text(&r, r.c.people[i].full);
		bool gone =
		        strcmp(name, "LinkedIn Member") == 0 || strcmp(name, "Gone Person") == 0;
		cr_assert(eq(u32, r.c.people[i].flags, gone ? WP_PERSON_NEVER_MERGE : 0), "%s",
		          name);
		if (gone)
			cr_assert(eq(u32, evidence(&r, WP_EV_MESSAGES, 0, i)->received, 1));
	}
	uint32_t kim = person(&r, "Kim Park");
	const wp_evidence_rec *e = evidence(&r, WP_EV_MESSAGES, 0, kim);
	cr_assert(eq(u32, e->sent, 0));     /* the draft */
	cr_assert(eq(u32, e->received, 1)); /* not the spam */
	cr_assert(eq(u32, r.c.people_count, 5));
	finish(&r);
}

Test(linkedin_messages, uses_the_member_url_when_every_message_has_both_parties)
{
	run r;
	const char *one_chat = MSG_HEADER_2023
	        "c1,,Kim Park," KIM ",Ada Lovelace," ADA ",2024-01-01 00:00:00 UTC,,x,INBOX,,No\n"
	        "c1,,Ada Lovelace," ADA ",Kim Park," KIM ",2024-01-02 00:00:00 UTC,,x,INBOX,,No\n"
	        "c1,,Ada Lovelace," ADA ",Kim Park," KIM ",2024-01-03 00:00:00 UTC,,x,INBOX,,No\n";
	/* Both take part in every message and neither is called "Ada Member": undecided. */
	parse(&r, wpi_linkedin_messages, "messages.csv", one_chat, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.warnings.count, 1));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             "messages.csv:1: cannot tell which participant is the member (Ada Member); "
	             "messages not used: give the member's profile URL"));
	cr_assert(eq(u64, r.c.evidence_count, 0));
	cr_assert(eq(u32, r.c.people_count, 1));
	finish(&r);
	/* Strict mode refuses it. */
	parse(&r, wpi_linkedin_messages, "messages.csv", one_chat, true);
	cr_assert(eq(int, r.st, WP_EINPUT));
	finish(&r);
	/* With the member's URL (any form) it is clear. */
	start(&r, "linkedin.com/in/ADA-member/", false);
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "ada-member")); /* normalised */
	feed(&r, wpi_linkedin_messages, "messages.csv", "messages", one_chat);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	uint32_t kim = person(&r, "Kim Park");
	cr_assert(eq(u32, evidence(&r, WP_EV_MESSAGES, 0, kim)->sent, 2));
	cr_assert(eq(u32, evidence(&r, WP_EV_MESSAGES, 0, kim)->received, 1));
	finish(&r);
}

Test(linkedin_messages, finds_the_member_despite_a_damaged_conversation)
{
	run r;
	static char text_[8192];
	size_t n = (size_t)snprintf(text_, sizeof(text_), "%s", MSG_HEADER_2023);
	for (int i = 0; i < 10; i++)
		n += (size_t)snprintf(text_ + n, sizeof(text_) - n,
		                      "c%d,,P%d,https://www.linkedin.com/in/p%d,Me," ADA
		                      ",2024-01-01 00:00:00 UTC,,x,INBOX,,No\n",
		                      i, i, i);
	/* The eleventh conversation lost its recipients: the member is in 10 of 11. */
	snprintf(text_ + n, sizeof(text_) - n,
	         "c10,,Q,https://www.linkedin.com/in/q,,,2024-01-01 00:00:00 UTC,,x,INBOX,,No\n");
	parse(&r, wpi_linkedin_messages, "messages.csv", text_, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "ada-member"));
	cr_assert(eq(u64, count_kind(&r, WP_EV_MESSAGES), 10));
	cr_assert(eq(u32, r.c.warnings.count, 0));
	finish(&r);
}

Test(linkedin_messages, decides_a_single_chat_by_the_member_name)
{
	run r;
	parse(&r, wpi_linkedin_messages, "messages.csv",
	      MSG_HEADER_2023 "c1,,Kim Park," KIM ",ADA MEMBER," ADA
	                      ",2024-01-01 00:00:00 UTC,,x,INBOX,,No\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "ada-member"));
	cr_assert(eq(u32, evidence(&r, WP_EV_MESSAGES, 0, person(&r, "Kim Park"))->received, 1));
	finish(&r);
}

Test(linkedin_messages, warns_about_bad_dates_and_missing_conversations)
{
	run r;
	parse(&r, wpi_linkedin_messages, "messages.csv",
	      MSG_HEADER_2023
	      "c1,,Kim Park," KIM ",Ada Member," ADA ",yesterday,,x,INBOX,,No\n"
	      ",,Kim Park," KIM ",Ada Member," ADA ",2024-01-01 00:00:00 UTC,,x,INBOX,,No\n"
	      "c1,,Kim Park," KIM ",Ada Member," ADA ",2024-01-01 00:00:00 UTC,,x,INBOX,,No\n",
	      false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].skipped, 2));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             "messages.csv:2: DATE \"yesterday\" is not a date; row skipped"));
	cr_assert(
	        eq(str, (char *)warning(&r, 1), "messages.csv:3: no CONVERSATION ID; row skipped"));
	finish(&r);
	parse(&r, wpi_linkedin_messages, "messages.csv",
	      MSG_HEADER_2023 "c1,,Kim Park," KIM ",Ada Member," ADA ",yesterday,,x,INBOX,,No\n",
	      true);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err,
	             "messages.csv:2: DATE \"yesterday\" is not a date; row skipped (--strict "
	             "rejects the whole file)"));
	finish(&r);
}

Test(linkedin_messages, ignores_broadcasts_larger_than_fifty_for_group_threads)
{
	run r;
	static char big[64 * 1024];
	size_t n = (size_t)snprintf(big, sizeof(big), "%s", MSG_HEADER_2023);
	/* One conversation with the member and 51 others; one with the member and 2 others. */
	n += (size_t)snprintf(big + n, sizeof(big) - n, "b1,,Ada Member," ADA ",x,\"");
	for (int i = 0; i < 51; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%shttps://www.linkedin.com/in/p%d",
		                      i ? "," : "", i);
	n += (size_t)snprintf(
	        big + n, sizeof(big) - n,
	        "\",2024-01-01 00:00:00 UTC,,x,INBOX,,No\n"
	        "b2,,Ada Member," ADA ",\"A, B\",\"https://www.linkedin.com/in/p1,"
	        "https://www.linkedin.com/in/p2\",2024-01-02 00:00:00 UTC,,x,INBOX,,No\n");
	cr_assert(lt(sz, n, sizeof(big) - 1));
	parse(&r, wpi_linkedin_messages, "messages.csv", big, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, count_kind(&r, WP_EV_MESSAGES), 51));
	cr_assert(eq(u64, count_kind(&r, WP_EV_GROUP_THREAD), 1));
	finish(&r);
}

/* ---- archives ------------------------------------------------------------------------------- */

static const char zip_connections[] =
        "Notes:\n" NOTES_TEXT "\n" CONNECTIONS_HEADER
        "Kim,Park,https://www.linkedin.com/in/kim-park,,Acme,CTO,07 Jun 2022\n"
        "Zo\xc3\xab,Brandt,,,Stripe,CEO,08 Jun 2022\n";
static const char zip_messages[] = MSG_HEADER_2023
        "c1,,Kim Park," KIM ",Ada Member," ADA ",2024-01-01 00:00:00 UTC,,x,INBOX,,No\n"
        "c2,,ZOE BRANDT," ZOE ",Ada Member," ADA ",2024-01-02 00:00:00 UTC,,x,INBOX,,No\n";

Test(linkedin_archive, reads_a_zip_with_any_file_name_case_and_separators)
{
	char dir[64], path[128];
	make_temp(dir);
	snprintf(path, sizeof(path), "%s/Basic_LinkedInDataExport_03-15-2024.zip", dir);
	const member m[] = {
	        {"MESSAGES.CSV", zip_messages, 0},
	        {"Company Follows.csv", "Organization,Followed On\nAcme,x\n", 0},
	        {"Company_Follows.csv", "Organization,Followed On\nAcme,x\n", 0},
	        {"__MACOSX/._connections.csv", "\x00\x05\x16\x07", 4},
	        {"connections.csv", zip_connections, 0},
	        {"Articles/Articles/post.html", "<html></html>", 0},
	};
	write_zip(path, m, sizeof(m) / sizeof(m[0]));
	run r;
	import(&r, path, NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.files_count, 2));
	cr_assert(eq(str, (char *)text(&r, r.c.files[0].name), "connections.csv"));
	cr_assert(eq(str, (char *)text(&r, r.c.files[0].kind), "connections"));
	cr_assert(eq(u64, r.c.files[0].rows, 2));
	cr_assert(eq(str, (char *)text(&r, r.c.files[1].name), "MESSAGES.CSV"));
	cr_assert(eq(str, (char *)text(&r, r.c.files[1].kind), "messages"));
	cr_assert(eq(u64, r.c.files[1].rows, 2));
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "ada-member"));
	/* The connection without a URL got Zoë's slug from messages (same name key). */
	uint32_t zoe = person(&r, "Zo\xc3\xab Brandt");
	cr_assert(eq(str, (char *)text(&r, r.c.people[zoe].slug), "zo\xc3\xab-brandt"));
	cr_assert(eq(u64, count_kind(&r, WP_EV_CONNECTION), 2));
	cr_assert(eq(u64, count_kind(&r, WP_EV_MESSAGES), 2));
	finish(&r);
	remove_temp(dir);
}

Test(linkedin_archive, reads_an_extracted_folder_and_backfills_unique_names_only)
{
	run r;
	import(&r, FIXTURES "archive-2019", NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.files_count, 2));
	cr_assert(eq(str, (char *)text(&r, r.c.files[0].name),
	             FIXTURES "archive-2019/Connections.csv"));
	cr_assert(
	        eq(str, (char *)text(&r, r.c.files[1].name), FIXTURES "archive-2019/messages.csv"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "ada-member"));
	/* Connections (no URLs): Zoë, John Smith, Bo Lee; messages: Zoë, two John Smiths. */
	cr_assert(eq(u32, r.c.people_count, 7));
	uint32_t zoe_connection = 1, john_connection = 2, bo = 3;
	cr_assert(eq(str, (char *)text(&r, r.c.people[zoe_connection].full), "Zo\xc3\xab Brandt"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[zoe_connection].slug), "zo\xc3\xab-brandt"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[john_connection].full), "John Smith"));
	cr_assert(eq(u32, r.c.people[john_connection].slug, 0)); /* two John Smiths: ambiguous */
	cr_assert(eq(str, (char *)text(&r, r.c.people[john_connection].email),
	             "john.smith@example.com"));
	cr_assert(eq(u32, r.c.people[bo].slug, 0));
	cr_assert(eq(u32, count_named(&r, "John Smith"), 3));
	finish(&r);
}

/* A group thread of an archive without URLs names people by name alone: they take the company
 * (and title) of the one connection of that name, and nobody's when two connections share it. */
Test(linkedin_archive, name_only_records_borrow_the_company_of_a_unique_namesake)
{
	char dir[64];
	run r;
	make_temp(dir);
	static const char connections[] =
	        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
	        "Elif,Kovács,,Riverside Primary School,Solicitor,20 Feb 2022\n"
	        "John,Smith,,Acme,CEO,08 Jun 2019\n"
	        "John,Smith,,Globex,CFO,09 Jun 2019\n";
	static const char messages[] =
	        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,"
	        "CONTENT,FOLDER\n"
	        "g1,,Ada Member,https://www.linkedin.com/in/ada-member,\"Elif Kovács, John Smith, "
	        "Kim Park\",2022-08-20 10:00:00 UTC,,x,INBOX\n";
	write_file(dir, "Connections.csv", connections, strlen(connections));
	write_file(dir, "messages.csv", messages, strlen(messages));
	import(&r, dir, NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	bool elif_borrowed = false, john_borrowed = false, kim_alone = false;
	uint32_t elifs = 0;
	for (uint32_t i = 1; i < r.c.people_count; i++) {
		const wp_person_rec *p = &r.c.people[i];
		const char *name = text(&r, p->full), *company = text(&r, p->company);
		if (strcmp(name, "Elif Kovács") == 0) {
			elifs++;
			elif_borrowed |= p->file == 1 &&
			                 strcmp(company, "Riverside Primary School") == 0 &&
			                 strcmp(text(&r, p->position), "Solicitor") == 0;
		} else if (strcmp(name, "John Smith") == 0 && p->file == 1) {
			john_borrowed |= p->company != 0;
		} else if (strcmp(name, "Kim Park") == 0) {
			kim_alone = p->company == 0;
		}
	}
	cr_assert(eq(u32, elifs, 2), "the connection and the thread's participant");
	cr_assert(elif_borrowed, "the thread's Elif Kovács takes her connection's company");
	cr_assert(not(john_borrowed), "two John Smiths: the thread's one stays unattributed");
	cr_assert(kim_alone, "no connection named Kim Park: nothing to borrow");
	finish(&r);
	remove_temp(dir);
}

Test(linkedin_archive, reads_a_single_file_and_a_second_download_copy)
{
	char dir[64], path[128];
	run r;
	import(&r, FIXTURES "archive-2019/Connections.csv", NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.files_count, 1));
	cr_assert(eq(u32, r.c.people_count, 4));
	finish(&r);
	make_temp(dir);
	write_file(dir, "Connections (1).csv", current_era, strlen(current_era));
	snprintf(path, sizeof(path), "%s/Connections (1).csv", dir);
	import(&r, path, NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].used, 3));
	finish(&r);
	remove_temp(dir);
}

Test(linkedin_archive, refuses_unknown_files_and_archives_without_known_files)
{
	char dir[64], path[128], want[300];
	run r;
	make_temp(dir);
	snprintf(path, sizeof(path), "%s/contacts.csv", dir);
	write_file(dir, "contacts.csv", "a,b\n1,2\n", 8);
	import(&r, path, NULL, false);
	cr_assert(eq(int, r.st, WP_EINPUT));
	snprintf(want, sizeof(want),
	         "%s: not a LinkedIn export file (expected a .zip archive, its folder, or a file "
	         "such as Connections.csv or messages.csv)",
	         path);
	cr_assert(eq(str, r.err, want));
	finish(&r);
	import(&r, dir, NULL, false);
	cr_assert(eq(int, r.st, WP_EINPUT));
	snprintf(want, sizeof(want),
	         "%s: no LinkedIn export files in the folder (expected Connections.csv, "
	         "messages.csv, ...)",
	         dir);
	cr_assert(eq(str, r.err, want));
	finish(&r);
	snprintf(path, sizeof(path), "%s/other.zip", dir);
	const member m[] = {{"Company Follows.csv", "Organization\nAcme\n", 0}};
	write_zip(path, m, 1);
	import(&r, path, NULL, false);
	cr_assert(eq(int, r.st, WP_EINPUT));
	snprintf(want, sizeof(want),
	         "%s: no LinkedIn export files in the archive (expected Connections.csv, "
	         "messages.csv, ...)",
	         path);
	cr_assert(eq(str, r.err, want));
	finish(&r);
	snprintf(path, sizeof(path), "%s/missing.zip", dir);
	import(&r, path, NULL, false);
	cr_assert(eq(int, r.st, WP_EIO));
	snprintf(want, sizeof(want), "%s: cannot open: No such file or directory", path);
	cr_assert(eq(str, r.err, want));
	finish(&r);
	remove_temp(dir);
}

Test(linkedin_archive, reads_gzip_compressed_csv_and_refuses_a_broken_zip)
{
	char dir[64], path[128], want[300];
	make_temp(dir);
	snprintf(path, sizeof(path), "%s/Connections.csv.gz", dir);
	gzFile gz = gzopen(path, "wb");
	cr_assert(not(eq(ptr, gz, NULL)));
	cr_assert(eq(int, gzputs(gz, current_era), (int)strlen(current_era)));
	cr_assert(eq(int, gzclose(gz), Z_OK));
	run r;
	import(&r, path, NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].used, 3));
	finish(&r);
	snprintf(path, sizeof(path), "%s/export.zip", dir);
	static const char broken[] = "PK\x03\x04 not really a zip";
	write_file(dir, "export.zip", broken, sizeof(broken) - 1);
	import(&r, path, NULL, false);
	cr_assert(eq(int, r.st, WP_EINPUT));
	snprintf(want, sizeof(want), "%s: not a readable zip archive: Not a zip archive", path);
	cr_assert(eq(str, r.err, want));
	finish(&r);
	remove_temp(dir);
}

Test(linkedin_archive, refuses_two_files_of_one_kind)
{
	char dir[64], want[512];
	run r;
	make_temp(dir);
	write_file(dir, "Connections.csv", current_era, strlen(current_era));
	write_file(dir, "connections.csv", current_era, strlen(current_era));
	import(&r, dir, NULL, false);
	cr_assert(eq(int, r.st, WP_EINPUT));
	char a[128], b[128];
	snprintf(a, sizeof(a), "%s/Connections.csv", dir);
	snprintf(b, sizeof(b), "%s/connections.csv", dir);
	/* readdir order decides which is named first */
	char want2[512];
	snprintf(want, sizeof(want),
	         "%s: holds two Connections.csv files (%s and %s); keep the one to import", dir, a,
	         b);
	snprintf(want2, sizeof(want2),
	         "%s: holds two Connections.csv files (%s and %s); keep the one to import", dir, b,
	         a);
	cr_assert(strcmp(r.err, want) == 0 || strcmp(r.err, want2) == 0, "%s", r.err);
	finish(&r);
	remove_temp(dir);
}

Test(linkedin_archive, dispatches_every_known_file_in_a_fixed_order)
{
	char dir[64];
	make_temp(dir);
	/* Written in an order unlike the processing order, with varied names. */
	static const struct {
		const char *name, *content;
	} files[] = {
	        {"messages.csv", MSG_HEADER_2023
	         "c1,,Kim Park," KIM ",Someone Else," ADA ",2024-01-01 00:00:00 UTC,,x,INBOX,,No\n"
	         "c2,,Bo Ode,https://www.linkedin.com/in/bo-ode,Someone "
	         "Else," ADA ",2024-01-02 00:00:00 UTC,,x,INBOX,,No\n"},
	        {"NOTES.csv",
	         "Connection First Name,Connection Last Name,Connection Profile URL,Note,"
	         "Created On,Edited On\nKim,Park," KIM ",met at a gala,2026-01-01 "
	         "10:00:00 UTC,2026-01-02 10:00:00 UTC\n"},
	        {"Recommendations Given.csv",
	         "First Name,Last Name,Company,Job Title,Text,Creation "
	         "Date,Status\nKim,Park,Acme,CTO,Great,03/15/24,"
	         "VISIBLE\n"},
	        {"recommendations_received.csv", "First Name,Last Name,Company,Job Title,Text,"
	                                         "Creation Date,Status\nBo,Ode,Initech,CEO,Good,"
	                                         "03/16/24,VISIBLE\n"},
	        {"Endorsement_Given_Info.csv", "Endorsement Date,Skill Name,Endorsee First Name,"
	                                       "Endorsee Last Name,Endorsee Public Url,Endorsement "
	                                       "Status\n2024/03/15 10:20:30 UTC,C,Kim,Park,"
	                                       "www.linkedin.com/in/kim-park,ACCEPTED\n"},
	        {"Endorsement Received Info.csv",
	         "Endorsement Date,Skill Name,Endorser First Name,"
	         "Endorser Last Name,Endorser Public Url,"
	         "Endorsement Status\n2024/03/15 10:20:30 UTC,C,Kim,"
	         "Park,www.linkedin.com/in/kim-park,ACCEPTED\n"},
	        {"Invitations.csv", "From,To,Sent At,Message,Direction,inviterProfileUrl,"
	                            "inviteeProfileUrl\nAda Member,Kim Park,\"3/15/24, 9:05 AM\",,"
	                            "OUTGOING," ADA "," KIM "\n"},
	        {"Connections.csv", CONNECTIONS_HEADER "Kim,Park," KIM ",,Acme,CTO,07 Jun 2022\n"},
	        {"Positions.csv", "Company Name,Title,Description,Location,Started On,Finished On\n"
	                          "Acme,Director,,,Jun 2019,\n"},
	        {"Profile.csv",
	         "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,"
	         "Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant "
	         "Messengers\nAda,Member,,,,,,,,,,,\n"},
	        {"Rich_Media.csv", "Date/Time,Media Description,Media Link\nx,y,z\n"},
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		write_file(dir, files[i].name, files[i].content, strlen(files[i].content));
	run r;
	import(&r, dir, NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	static const char *const kinds[] = {"profile",
	                                    "positions",
	                                    "connections",
	                                    "invitations",
	                                    "endorsements_received",
	                                    "endorsements_given",
	                                    "recommendations_received",
	                                    "recommendations_given",
	                                    "notes",
	                                    "messages"};
	cr_assert(eq(u32, r.c.files_count, 10));
	for (uint32_t i = 0; i < 10; i++) {
		cr_assert(eq(str, (char *)text(&r, r.c.files[i].kind), (char *)kinds[i]));
		cr_assert(eq(u64, r.c.files[i].rows, i == 9 ? 2 : 1), "%s", kinds[i]);
	}
	/* Invitations (read before messages) gave the member's URL: in messages the member is
	 * known by it although they are named differently and no one is in every message. */
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "ada-member"));
	cr_assert(eq(u32, r.c.warnings.count, 0), "%s", r.c.warnings.count ? warning(&r, 0) : "");
	cr_assert(eq(u64, count_kind(&r, WP_EV_MESSAGES), 2));
	cr_assert(eq(u64, count_kind(&r, WP_EV_CONNECTION), 1));
	cr_assert(eq(u64, count_kind(&r, WP_EV_INVITATION), 1));
	cr_assert(eq(u64, count_kind(&r, WP_EV_RECOMMENDATION), 2));
	cr_assert(eq(u64, count_kind(&r, WP_EV_ENDORSEMENT), 2));
	cr_assert(eq(u64, count_kind(&r, WP_EV_NOTE), 1));
	cr_assert(eq(u32, r.c.positions_count, 1));
	finish(&r);
	remove_temp(dir);
}

Test(linkedin_archive, reports_a_bad_file_inside_a_zip_with_its_member_name)
{
	char dir[64], path[128];
	make_temp(dir);
	snprintf(path, sizeof(path), "%s/export.zip", dir);
	const member m[] = {{"Connections.csv", "Notes:\n" NOTES_TEXT "\n", 0}};
	write_zip(path, m, 1);
	run r;
	import(&r, path, NULL, false);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err,
	             "Connections.csv:3: no rows: no header with First Name, Last Name in the "
	             "first 10 lines"));
	finish(&r);
	remove_temp(dir);
}

Test(linkedin_archive, refuses_zip_bombs_by_entry_size_and_count)
{
	char dir[64], path[128], want[300];
	make_temp(dir);
	snprintf(path, sizeof(path), "%s/bomb.zip", dir);
	/* 2 MiB of one byte compresses to a few kilobytes. */
	size_t big = 2u << 20;
	char *zeros = malloc(big);
	cr_assert(not(eq(ptr, zeros, NULL)));
	memset(zeros, 'a', big);
	memcpy(zeros, CONNECTIONS_HEADER, strlen(CONNECTIONS_HEADER));
	const member m[] = {{"Connections.csv", zeros, big}};
	write_zip(path, m, 1);
	free(zeros);
	struct stat sb;
	cr_assert(eq(int, stat(path, &sb), 0));
	cr_assert(lt(i64, (int64_t)sb.st_size, 100000));
	wp_linkedin_opts opts = WP_LINKEDIN_DEFAULTS;
	opts.max_entry_bytes = 1u << 20;
	run r;
	import(&r, path, &opts, false);
	cr_assert(eq(int, r.st, WP_ELIMIT));
	snprintf(want, sizeof(want),
	         "%s: Connections.csv: 2097152 bytes uncompressed, over the limit of 1048576 "
	         "bytes (a zip bomb?); refusing the archive",
	         path);
	cr_assert(eq(str, r.err, want));
	finish(&r);
	/* Too many entries. */
	member many[5];
	for (int i = 0; i < 5; i++)
		many[i] = (member){
		        i == 0 ? "Connections.csv"
		               : (i == 1 ? "a.csv"
		                         : (i == 2 ? "b.csv" : (i == 3 ? "c.csv" : "d.csv"))),
		        current_era, 0};
	write_zip(path, many, 5);
	opts = WP_LINKEDIN_DEFAULTS;
	opts.max_entries = 4;
	import(&r, path, &opts, false);
	cr_assert(eq(int, r.st, WP_ELIMIT));
	snprintf(want, sizeof(want),
	         "%s: 5 entries, over the limit of 4 (a zip bomb?); refusing the archive", path);
	cr_assert(eq(str, r.err, want));
	finish(&r);
	/* The defaults accept it. */
	import(&r, path, NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].used, 3));
	finish(&r);
	remove_temp(dir);
}

/* Overwrites the little-endian 32-bit value at off in the file at path. */
static void patch_u32(const char *path, long off, uint32_t v)
{
	unsigned char b[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24};
	FILE *f = fopen(path, "r+b");
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, fseek(f, off, SEEK_SET), 0));
	cr_assert(eq(sz, fwrite(b, 1, 4, f), 4));
	fclose(f);
}

/* Where the 4-byte signature sig first occurs in the file at path. */
static long find_signature(const char *path, const char *sig)
{
	FILE *f = fopen(path, "rb");
	cr_assert(not(eq(ptr, f, NULL)));
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	for (size_t i = 0; i + 4 <= n; i++)
		if (memcmp(buf + i, sig, 4) == 0)
			return (long)i;
	cr_assert(false, "signature %s not found", sig);
	return -1;
}

Test(linkedin_archive, stops_inflating_past_the_limit_when_the_declared_size_lies)
{
	char dir[64], path[128], want[300];
	make_temp(dir);
	snprintf(path, sizeof(path), "%s/liar.zip", dir);
	size_t big = 2u << 20;
	char *data = malloc(big);
	cr_assert(not(eq(ptr, data, NULL)));
	memset(data, 'a', big);
	memcpy(data, CONNECTIONS_HEADER, strlen(CONNECTIONS_HEADER));
	const member m[] = {{"Connections.csv", data, big}};
	write_zip(path, m, 1);
	free(data);
	/* Declare 100 bytes in both the local header and the central directory. */
	patch_u32(path, find_signature(path, "PK\x03\x04") + 22, 100);
	patch_u32(path, find_signature(path, "PK\x01\x02") + 24, 100);
	wp_linkedin_opts opts = WP_LINKEDIN_DEFAULTS;
	opts.max_entry_bytes = 1u << 20;
	run r;
	import(&r, path, &opts, false);
	cr_assert(eq(int, r.st, WP_ELIMIT), "%s", r.err);
	snprintf(want, sizeof(want),
	         "%s: Connections.csv: more than 1048576 bytes uncompressed (a zip bomb?); "
	         "refusing the archive",
	         path);
	cr_assert(eq(str, r.err, want));
	finish(&r);
	remove_temp(dir);
}

/* A member who never wrote a recommendation gets a header-only Recommendations_Given.csv: inside
 * an archive or folder that is no error, but the same file given alone is (nothing to import),
 * and an empty Connections.csv is an error everywhere. */
Test(linkedin_archive, accepts_header_only_optional_files_inside_an_archive_only)
{
	char dir[64], zip[128], alone[128];
	static const char reco_header[] =
	        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n";
	static const char connections[] =
	        CONNECTIONS_HEADER "Zoë,Brandt,https://www.linkedin.com/in/zoe-brandt,,Acme,CTO,"
	                           "07 Jun 2022\n";
	make_temp(dir);
	snprintf(zip, sizeof(zip), "%s/export.zip", dir);
	member members[] = {{"Connections.csv", connections, 0},
	                    {"Recommendations_Given.csv", reco_header, 0}};
	write_zip(zip, members, 2);
	run r;
	import(&r, zip, NULL, false);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.files_count, 2));
	cr_assert(eq(u64, count_kind(&r, WP_EV_CONNECTION), 1));
	finish(&r);

	write_file(dir, "Recommendations_Given.csv", reco_header, strlen(reco_header));
	snprintf(alone, sizeof(alone), "%s/Recommendations_Given.csv", dir);
	import(&r, alone, NULL, false);
	cr_assert(eq(int, r.st, WP_EINPUT));
	char want[256];
	snprintf(want, sizeof(want), "%s:1: no rows: a header but no data rows", alone);
	cr_assert(eq(str, r.err, want));
	finish(&r);
	remove_temp(dir);
}
