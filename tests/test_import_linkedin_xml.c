/* test_import_linkedin_xml.c - the legacy LinkedIn API connections XML: people and evidence,
 * opted-out `private` people kept apart, nothing secret stored, dispatch from `import`, and
 * malformed input with its exact errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/contacts.h"
#include "importers/exports.h"
#include "importers/linkedin.h"
#include "importers/linkedin_xml.h"
#include "tests/support/cli_run.h"

#define FIXTURES "tests/fixtures/linkedin_xml/"

static void start(wp_contacts *c)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_contacts_init(c, "Member Person", NULL, err), WP_OK), "%s", err);
}

static wp_status read_text(const char *text, wp_contacts *c, char *err)
{
	FILE *f =
	        strlen(text) ? fmemopen((void *)text, strlen(text), "r") : fopen("/dev/null", "r");
	wp_source src;
	cr_assert(not(eq(ptr, f, NULL)));
	wp_source_from_file(&src, f, "c.xml");
	wp_status st = wp_import_linkedin_xml(&src, c, err);
	fclose(f);
	return st;
}

static const char *text(const wp_contacts *c, uint32_t id)
{
	return wp_contacts_text(c, id);
}

Test(import_linkedin_xml, reads_people_and_keeps_private_ones_apart)
{
	wp_contacts c;
	char err[WP_ERR_LEN] = "";
	start(&c);
	cr_assert(eq(int, wp_import_linkedin(FIXTURES "connections.xml", &c, err), WP_OK), "%s",
	          err);
	cr_assert(eq(u32, c.people_count, 5), "the member and four connections");
	cr_assert(eq(u32, c.files_count, 1));
	cr_assert(eq(str, (char *)text(&c, c.files[0].kind), "connections-xml"));
	cr_assert(eq(u64, c.files[0].rows, 4));
	cr_assert(eq(u64, c.files[0].used, 4));
	const wp_person_rec *z = &c.people[1];
	cr_assert(eq(str, (char *)text(&c, z->full), "Zoë Brandt"));
	cr_assert(eq(str, (char *)text(&c, z->slug), "zoebrandt"), "public-profile-url");
	cr_assert(eq(str, (char *)text(&c, z->position), "Programme Director at Open Harbour"));
	cr_assert(eq(u32, z->line, 3));
	cr_assert(eq(u32, z->flags & WP_PERSON_NEVER_MERGE, 0));
	for (int i = 2; i <= 3; i++) {
		const wp_person_rec *p = &c.people[i];
		cr_assert(eq(u32, p->flags & WP_PERSON_NEVER_MERGE, WP_PERSON_NEVER_MERGE),
		          "private person %d is never merged", i);
		cr_assert(eq(u32, p->slug, 0));
		cr_assert(eq(u32, p->email, 0));
	}
	cr_assert(eq(u32, c.people[4].slug, 0), "Sam has no URL");
	cr_assert(eq(str, (char *)text(&c, c.people[4].full), "Sam Okafor"));
	cr_assert(eq(u64, c.evidence_count, 4));
	for (uint64_t i = 0; i < c.evidence_count; i++) {
		cr_assert(eq(u32, c.evidence[i].a, 0));
		cr_assert(eq(u32, c.evidence[i].b, (uint32_t)i + 1));
		cr_assert(eq(u32, c.evidence[i].kind, WP_EV_CONNECTION));
	}
	/* API tokens, locations and pictures are read past, never stored. */
	for (uint32_t i = 0; i < c.strings.count; i++) {
		cr_assert(eq(ptr, strstr(wp_strtab_get(&c.strings, i), "SECRETTOKEN"), NULL));
		cr_assert(eq(ptr, strstr(wp_strtab_get(&c.strings, i), "Berlin"), NULL));
	}
	wp_contacts_free(&c);
}

Test(import_linkedin_xml, reads_connections_wrapped_in_the_members_own_person)
{
	wp_contacts c;
	char err[WP_ERR_LEN] = "";
	start(&c);
	cr_assert(eq(int, wp_import_linkedin(FIXTURES "member-wrapped.xml", &c, err), WP_OK), "%s",
	          err);
	cr_assert(eq(u32, c.people_count, 2), "the member's own <person> is not a connection");
	cr_assert(eq(str, (char *)text(&c, c.people[1].slug), "ada-quist"));
	wp_contacts_free(&c);
}

Test(import_linkedin_xml, falls_back_to_the_site_standard_url_and_warns_on_empty_people)
{
	wp_contacts c;
	char err[WP_ERR_LEN] = "";
	start(&c);
	cr_assert(eq(int,
	             read_text("<connections>\n<person><first-name>A</first-name>"
	                       "<site-standard-profile-request><url>https://www.linkedin.com/in/"
	                       "a-b</url></site-standard-profile-request></person>\n<person><id>x"
	                       "</id></person></connections>",
	                       &c, err),
	             WP_OK),
	          "%s", err);
	cr_assert(eq(u32, c.people_count, 2));
	cr_assert(eq(str, (char *)text(&c, c.people[1].slug), "a-b"));
	cr_assert(eq(u64, c.files[0].rows, 2));
	cr_assert(eq(u64, c.files[0].skipped, 1));
	cr_assert(eq(str, (char *)wp_strtab_get(&c.warnings, 0),
	             "c.xml:3: a <person> with no name and no profile URL; skipped"));
	wp_contacts_free(&c);
}

typedef struct bad_case {
	char text[200];
	char message[200];
} bad_case;

ParameterizedTestParameters(import_linkedin_xml, rejects_malformed_files)
{
	static bad_case cases[] = {
	        {"", "c.xml:1: empty file, expected the LinkedIn connections XML"},
	        {"<?xml version=\"1.0\"?>\n<people/>",
	         "c.xml:2: the root element is <people>, expected <connections> (the LinkedIn API "
	         "connections XML)"},
	        {"<connections total=\"0\">\n</connections>\n",
	         "c.xml:3: no rows: no <person> inside <connections>"},
	        {"<connections>\n<person><first-name>A</person></connections>",
	         "c.xml:2: malformed XML: Opening and ending tag mismatch: first-name line 2 and "
	         "person"},
	        {"<connections>\n<person><first-name>A</first-name>",
	         "c.xml:2: unexpected end of file inside <person> (is the file truncated?)"},
	        {"<?xml version=\"1.0\"?>\n<!DOCTYPE c [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">"
	         "]>\n<connections><person><first-name>&x;</first-name></person></connections>",
	         "c.xml:3: entity declarations are not accepted (DTDs are not read, for safety)"},
	};
	return cr_make_param_array(bad_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(bad_case *bc, import_linkedin_xml, rejects_malformed_files)
{
	wp_contacts c;
	char err[WP_ERR_LEN] = "";
	start(&c);
	cr_assert(eq(int, read_text(bc->text, &c, err), WP_EINPUT), "%s", err);
	cr_assert(eq(str, err, bc->message));
	wp_contacts_free(&c);
}

Test(import_linkedin_xml, is_recognised_by_content_for_import)
{
	wp_export_kind kind = WP_EXPORT_ADDRESSBOOK;
	char err[WP_ERR_LEN] = "";
	cr_assert(wp_linkedin_xml_sniff(FIXTURES "connections.xml"));
	cr_assert(wp_linkedin_xml_sniff(FIXTURES "member-wrapped.xml"));
	cr_assert(not(wp_linkedin_xml_sniff("tests/fixtures/gexf/networkx.gexf")));
	cr_assert(not(wp_linkedin_xml_sniff("tests/fixtures/pajek/igraph.net")));
	cr_assert(not(wp_linkedin_xml_sniff("/nonexistent.xml")));
	cr_assert(eq(int, wp_export_kind_of(FIXTURES "connections.xml", &kind, err), WP_OK), "%s",
	          err);
	cr_assert(eq(int, kind, WP_EXPORT_LINKEDIN));
}

Test(import_linkedin_xml, imports_through_the_cli)
{
	static cli_run_result R;
	char dir[64];
	cli_run_tmpdir(dir, "lixml");
	cli_run(&R, "import --workspace %s/ws.db --member 'Member Person' --format json %s", dir,
	        FIXTURES "connections.xml");
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(not(eq(ptr, strstr(R.out, "connections-xml"), NULL)), "%s", R.out);
	cli_run(&R, "import --workspace %s/ws2.db --member 'Member Person' %s", dir,
	        "tests/fixtures/linkedin_xml/bad.xml");
	cr_assert(eq(int, R.status, 2), "%s", R.err);
	cli_run_rmdir(dir);
}
