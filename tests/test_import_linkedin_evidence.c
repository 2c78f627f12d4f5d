/* test_import_linkedin_evidence.c - Invitations, Recommendations, Endorsements, Notes, Profile and
 * Positions of a LinkedIn archive, each parser driven directly over a CSV reader. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importers/linkedin_internal.h"

#define FIXTURES "tests/fixtures/linkedin/evidence/"

typedef enum which {
	INVITATIONS,
	RECOMMENDATIONS_RECEIVED,
	RECOMMENDATIONS_GIVEN,
	ENDORSEMENTS_RECEIVED,
	ENDORSEMENTS_GIVEN,
	PROFILE,
	POSITIONS,
	NOTES
} which;

typedef struct run {
	wp_status st;
	char err[WP_ERR_LEN];
	wp_contacts c;
	uint32_t file;
} run;

/* Runs the parser of `w` over src as linkedin.c does: a file report, then the parser. */
static void parse_source(wp_source *src, which w, bool strict, run *r)
{
	wp_csvfile csv;
	memset(r, 0, sizeof(*r));
	cr_assert(eq(int, wp_contacts_init(&r->c, "Owner Person", NULL, r->err), WP_OK));
	r->c.strict = strict;
	cr_assert(eq(int, wp_contacts_add_file(&r->c, src->name, "test", &r->file, r->err), WP_OK));
	cr_assert(eq(int, wp_csvfile_open(&csv, src, r->err), WP_OK));
	wp_contacts *c = &r->c;
	switch (w) {
	case INVITATIONS:
		r->st = wpi_linkedin_invitations(&csv, r->file, c, r->err);
		break;
	case RECOMMENDATIONS_RECEIVED:
	case RECOMMENDATIONS_GIVEN:
		r->st = wpi_linkedin_recommendations(&csv, r->file, w == RECOMMENDATIONS_GIVEN, c,
		                                     r->err);
		break;
	case ENDORSEMENTS_RECEIVED:
	case ENDORSEMENTS_GIVEN:
		r->st = wpi_linkedin_endorsements(&csv, r->file, w == ENDORSEMENTS_GIVEN, c,
		                                  r->err);
		break;
	case PROFILE:
		r->st = wpi_linkedin_profile(&csv, r->file, c, r->err);
		break;
	case POSITIONS:
		r->st = wpi_linkedin_positions(&csv, r->file, c, r->err);
		break;
	case NOTES:
		r->st = wpi_linkedin_notes(&csv, r->file, c, r->err);
		break;
	}
	wp_csvfile_close(&csv);
}

/* Parses text as a file called name. */
static void parse_text(const char *text, const char *name, which w, bool strict, run *r)
{
	wp_source src;
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	cr_assert(not(eq(ptr, f, NULL)));
	wp_source_from_file(&src, f, name);
	parse_source(&src, w, strict, r);
	fclose(f);
}

static void parse_file(const char *name, which w, run *r)
{
	wp_source src;
	char err[WP_ERR_LEN] = "";
	char path[256];
	snprintf(path, sizeof(path), FIXTURES "%s", name);
	cr_assert(eq(int, wp_source_open(&src, path, err), WP_OK), "%s", err);
	parse_source(&src, w, false, r);
	wp_source_close(&src);
}

static const char *text(const run *r, uint32_t id)
{
	return wp_contacts_text(&r->c, id);
}

static uint32_t person(const run *r, const char *full)
{
	for (uint32_t i = 1; i < r->c.people_count; i++)
		if (strcmp(text(r, r->c.people[i].full), full) == 0)
			return i;
	cr_assert(false, "no person named \"%s\"", full);
	return UINT32_MAX;
}

static const char *warning(const run *r, uint32_t i)
{
	cr_assert(lt(u32, i, r->c.warnings.count), "only %u warnings", r->c.warnings.count);
	return wp_strtab_get(&r->c.warnings, i);
}

/* Whether any string of the batch (people's fields, file names, warnings) contains needle. */
static bool batch_contains(const run *r, const char *needle)
{
	for (uint32_t i = 0; i < r->c.strings.count; i++)
		if (strstr(wp_strtab_get(&r->c.strings, i), needle) != NULL)
			return true;
	for (uint32_t i = 0; i < r->c.warnings.count; i++)
		if (strstr(wp_strtab_get(&r->c.warnings, i), needle) != NULL)
			return true;
	return false;
}

static const wp_evidence_rec *ev(const run *r, uint64_t i)
{
	cr_assert(lt(u64, i, r->c.evidence_count));
	return &r->c.evidence[i];
}

static void assert_report(const run *r, uint64_t rows, uint64_t used, uint64_t skipped)
{
	cr_assert(eq(u64, r->c.files[r->file].rows, rows));
	cr_assert(eq(u64, r->c.files[r->file].used, used));
	cr_assert(eq(u64, r->c.files[r->file].skipped, skipped));
	cr_assert(eq(u32, r->c.warnings.count, (uint32_t)skipped));
}

static void done(run *r)
{
	wp_contacts_free(&r->c);
}

/* ---- Invitations.csv ---- */

Test(linkedin_invitations, reads_both_directions_and_the_members_own_url)
{
	run r;
	parse_file("Invitations.csv", INVITATIONS, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 6, 3, 3);
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "owner-person"));
	uint32_t zoe = person(&r, "Zoë Brandt"), kwame = person(&r, "Kwame Mensah");
	uint32_t li = person(&r, "Li Wei");
	cr_assert(eq(str, (char *)text(&r, r.c.people[zoe].slug), "zoë-brandt"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[kwame].slug), "kwame-mensah"));
	cr_assert(eq(u32, r.c.people[li].slug, 0));
	cr_assert(eq(u64, r.c.evidence_count, 3));
	/* OUTGOING: the member invited Zoë (the row spans lines 2-3) */
	cr_assert(eq(u32, ev(&r, 0)->kind, WP_EV_INVITATION));
	cr_assert(eq(u32, ev(&r, 0)->a, 0));
	cr_assert(eq(u32, ev(&r, 0)->b, zoe));
	cr_assert(eq(i64, ev(&r, 0)->first, 1710493500)); /* 3/15/24, 9:05 AM */
	cr_assert(eq(u32, ev(&r, 0)->line, 2));
	/* INCOMING: Kwame invited the member */
	cr_assert(eq(u32, ev(&r, 1)->a, kwame));
	cr_assert(eq(u32, ev(&r, 1)->b, 0));
	cr_assert(eq(i64, ev(&r, 1)->first, 1698950400)); /* 11/2/23, 6:40 PM */
	cr_assert(eq(u32, ev(&r, 2)->a, 0));              /* "outgoing" in lower case */
	cr_assert(eq(u32, ev(&r, 2)->b, li));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             FIXTURES "Invitations.csv:6: Sent At \"yesterday\" is not a date; row "
	                      "skipped"));
	cr_assert(eq(str, (char *)warning(&r, 1),
	             FIXTURES "Invitations.csv:7: Direction \"PENDING\" is neither INCOMING nor "
	                      "OUTGOING; row skipped"));
	cr_assert(eq(str, (char *)warning(&r, 2),
	             FIXTURES "Invitations.csv:8: no name or profile URL for the invitee (To); row "
	                      "skipped"));
	/* Invitation messages are never stored. */
	cr_assert(not(batch_contains(&r, "gala")));
	cr_assert(not(batch_contains(&r, "stay in touch")));
	cr_assert(not(batch_contains(&r, "SECRET-INVITE-NOTE")));
	done(&r);
}

Test(linkedin_invitations, reads_the_layout_before_profile_urls_and_skips_a_shifted_row)
{
	run r;
	parse_file("Invitations_2019.csv", INVITATIONS, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 2, 1, 1);
	cr_assert(eq(u32, r.c.people[0].slug, 0));
	uint32_t ana = person(&r, "Ana Souza");
	cr_assert(eq(u32, ev(&r, 0)->a, ana));
	cr_assert(eq(i64, ev(&r, 0)->first, 1559376900)); /* 6/1/19, 8:15 AM */
	cr_assert(eq(str, (char *)warning(&r, 0),
	             FIXTURES "Invitations_2019.csv:3: 6 fields where the header has 5 (an "
	                      "unquoted comma?); row skipped"));
	cr_assert(not(batch_contains(&r, "connect")));
	done(&r);
}

Test(linkedin_invitations, keeps_a_member_url_already_known)
{
	run r;
	memset(&r, 0, sizeof(r));
	parse_text("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
	           "Owner Person,Al Bo,\"3/15/24, 9:05 AM\",,OUTGOING,"
	           "https://www.linkedin.com/in/first-url,https://www.linkedin.com/in/al-bo\n"
	           "Owner Person,Cy Do,\"3/16/24, 9:05 AM\",,OUTGOING,"
	           "https://www.linkedin.com/in/second-url,https://www.linkedin.com/in/cy-do\n",
	           "Invitations.csv", INVITATIONS, false, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].slug), "first-url"));
	done(&r);
}

/* ---- Recommendations ---- */

Test(linkedin_recommendations, reads_received_ones_whatever_their_status)
{
	run r;
	parse_file("Recommendations_Received.csv", RECOMMENDATIONS_RECEIVED, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 4, 2, 2);
	uint32_t grace = person(&r, "Grace Hopper"), alan = person(&r, "Alan Turing");
	const wp_person_rec *p = &r.c.people[grace];
	cr_assert(eq(str, (char *)text(&r, p->first), "Grace"));
	cr_assert(eq(str, (char *)text(&r, p->last), "Hopper"));
	cr_assert(eq(str, (char *)text(&r, p->company), "US Navy"));
	cr_assert(eq(str, (char *)text(&r, p->position), "Rear Admiral"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[alan].company), "Bletchley Park, Ltd."));
	cr_assert(eq(u32, ev(&r, 0)->kind, WP_EV_RECOMMENDATION));
	cr_assert(eq(u32, ev(&r, 0)->a, grace));
	cr_assert(eq(u32, ev(&r, 0)->b, 0));
	cr_assert(eq(i64, ev(&r, 0)->first, 1710460800)); /* 03/15/24 */
	cr_assert(eq(u32, ev(&r, 1)->a, alan));           /* HIDDEN counts too */
	cr_assert(eq(i64, ev(&r, 1)->first, 1688169600)); /* 07/01/23 */
	cr_assert(eq(str, (char *)warning(&r, 0),
	             FIXTURES "Recommendations_Received.csv:5: no name of the recommender; row "
	                      "skipped"));
	cr_assert(eq(str, (char *)warning(&r, 1),
	             FIXTURES "Recommendations_Received.csv:6: Creation Date \"not a date\" is "
	                      "not a date; row skipped"));
	/* Recommendation texts and statuses are never stored. */
	cr_assert(not(batch_contains(&r, "TRUSTWORTHY-RECO-TEXT")));
	cr_assert(not(batch_contains(&r, "seriously")));
	cr_assert(not(batch_contains(&r, "Short note")));
	cr_assert(not(batch_contains(&r, "VISIBLE")));
	done(&r);
}

Test(linkedin_recommendations, reads_given_ones_re_saved_by_excel)
{
	run r;
	parse_file("Recommendations_Given.csv", RECOMMENDATIONS_GIVEN, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 1, 1, 0);
	uint32_t kwame = person(&r, "Kwame Mensah");
	cr_assert(eq(u32, ev(&r, 0)->a, 0));
	cr_assert(eq(u32, ev(&r, 0)->b, kwame));
	cr_assert(eq(i64, ev(&r, 0)->first, 1617494400)); /* 4-Apr-21 */
	cr_assert(eq(str, (char *)text(&r, r.c.people[kwame].company), "Ghana Health Trust"));
	cr_assert(not(batch_contains(&r, "GIVEN-RECO-TEXT")));
	done(&r);
}

/* ---- Endorsements ---- */

Test(linkedin_endorsements, aggregates_received_ones_per_person)
{
	run r;
	parse_file("Endorsement_Received_Info.csv", ENDORSEMENTS_RECEIVED, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 9, 7, 2);
	cr_assert(eq(u32, r.c.people_count, 5)); /* Zoë, Kwame and two "LinkedIn Member"s */
	cr_assert(eq(u64, r.c.evidence_count, 4));
	uint32_t zoe = person(&r, "Zoë Brandt"), kwame = person(&r, "Kwame Mensah");
	cr_assert(eq(str, (char *)text(&r, r.c.people[zoe].slug), "zoë-brandt"));
	/* Zoë: three rows, two distinct skills ("Fundraising" twice in two cases). */
	const wp_evidence_rec *e = ev(&r, 0);
	cr_assert(eq(u32, e->kind, WP_EV_ENDORSEMENT));
	cr_assert(eq(u32, e->a, zoe));
	cr_assert(eq(u32, e->b, 0));
	cr_assert(eq(u32, e->sent, 2));
	cr_assert(eq(i64, e->first, 1672646400)); /* 2023/01/02 08:00:00 UTC */
	cr_assert(eq(i64, e->last, 1710498060));  /* 2024/03/15 10:21:00 UTC */
	cr_assert(eq(u32, e->line, 2));
	/* Kwame: the same slug written two ways; a REJECTED endorsement still counts. */
	e = ev(&r, 1);
	cr_assert(eq(u32, e->a, kwame));
	cr_assert(eq(u32, e->sent, 2));
	cr_assert(eq(i64, e->first, 1651752000));
	cr_assert(eq(i64, e->last, 1659916800));
	cr_assert(eq(u32, e->line, 5));
	/* Deleted accounts are never grouped: one person each, never merged. */
	for (uint64_t i = 2; i < 4; i++) {
		e = ev(&r, i);
		cr_assert(eq(u32, e->sent, 1));
		cr_assert(eq(str, (char *)text(&r, r.c.people[e->a].full), "LinkedIn Member"));
		cr_assert(eq(u32, r.c.people[e->a].flags, WP_PERSON_NEVER_MERGE));
	}
	cr_assert(eq(i64, ev(&r, 2)->first, 1654516800));
	cr_assert(eq(i64, ev(&r, 3)->first, 1654603200));
	cr_assert(not(eq(u32, ev(&r, 2)->a, ev(&r, 3)->a)));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             FIXTURES "Endorsement_Received_Info.csv:8: no name or profile URL; row "
	                      "skipped"));
	cr_assert(eq(str, (char *)warning(&r, 1),
	             FIXTURES "Endorsement_Received_Info.csv:10: Endorsement Date \"last week\" is "
	                      "not a date; row skipped"));
	/* Skill names are counted, not stored. */
	cr_assert(not(batch_contains(&r, "Fundraising")));
	cr_assert(not(batch_contains(&r, "Public Speaking")));
	done(&r);
}

Test(linkedin_endorsements, groups_given_ones_by_name_before_urls_existed)
{
	run r;
	parse_file("Endorsement_Given_Info.csv", ENDORSEMENTS_GIVEN, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 2, 2, 0);
	cr_assert(eq(u32, r.c.people_count, 2));
	uint32_t ana = person(&r, "Ana Souza"); /* the first row's spelling */
	cr_assert(eq(u64, r.c.evidence_count, 1));
	cr_assert(eq(u32, ev(&r, 0)->a, 0));
	cr_assert(eq(u32, ev(&r, 0)->b, ana));
	cr_assert(eq(u32, ev(&r, 0)->sent, 2));
	cr_assert(eq(i64, ev(&r, 0)->first, 1549166706));
	cr_assert(eq(i64, ev(&r, 0)->last, 1549166707));
	done(&r);
}

Test(linkedin_endorsements, keeps_the_direction_of_the_file)
{
	run r;
	/* A received file read as a given one has no Endorsee columns. */
	parse_text("Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name\n"
	           "2024/03/15 10:20:30 UTC,Python,Al,Bo\n",
	           "Endorsement_Given_Info.csv", ENDORSEMENTS_GIVEN, false, &r);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err,
	             "Endorsement_Given_Info.csv:2: no rows: no header with Endorsement Date, "
	             "Skill Name, Endorsee First Name, Endorsee Last Name in the first 10 lines"));
	done(&r);
}

/* ---- Notes.csv ---- */

Test(linkedin_notes, reads_created_and_edited_dates_but_never_the_note)
{
	run r;
	parse_file("Notes.csv", NOTES, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 4, 2, 2);
	uint32_t zoe = person(&r, "Zoë Brandt"), kwame = person(&r, "Kwame Mensah");
	cr_assert(eq(str, (char *)text(&r, r.c.people[zoe].slug), "zoë-brandt"));
	cr_assert(eq(u32, ev(&r, 0)->kind, WP_EV_NOTE));
	cr_assert(eq(u32, ev(&r, 0)->a, 0));
	cr_assert(eq(u32, ev(&r, 0)->b, zoe));
	cr_assert(eq(i64, ev(&r, 0)->first, 1768035600));
	cr_assert(eq(i64, ev(&r, 0)->last, 1769940000));
	cr_assert(eq(u32, ev(&r, 1)->b, kwame));
	cr_assert(eq(i64, ev(&r, 1)->first, 1768122000));
	cr_assert(eq(i64, ev(&r, 1)->last, 1768122000)); /* never edited */
	cr_assert(eq(str, (char *)warning(&r, 0),
	             FIXTURES "Notes.csv:5: no name or profile URL; row skipped"));
	cr_assert(eq(str, (char *)warning(&r, 1),
	             FIXTURES "Notes.csv:6: Edited On \"someday\" is not a date; row skipped"));
	cr_assert(not(batch_contains(&r, "PRIVATE-NOTE-TEXT")));
	cr_assert(not(batch_contains(&r, "not phone")));
	cr_assert(not(batch_contains(&r, "Second note")));
	cr_assert(not(batch_contains(&r, "orphan")));
	done(&r);
}

/* ---- Profile.csv and Positions.csv ---- */

Test(linkedin_profile, takes_the_members_name_and_nothing_else)
{
	run r;
	parse_file("Profile.csv", PROFILE, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 1, 1, 0);
	cr_assert(eq(u32, r.c.people_count, 1));
	cr_assert(eq(u64, r.c.evidence_count, 0));
	const wp_person_rec *m = &r.c.people[0];
	cr_assert(eq(str, (char *)text(&r, m->first), "Zoë"));
	cr_assert(eq(str, (char *)text(&r, m->last), "Brandt-Okafor"));
	cr_assert(eq(str, (char *)text(&r, m->full), "Zoë Brandt-Okafor"));
	static const char *const private_bits[] = {
	        "Schmidt",        "Torstraße",   "1985",  "Head of Partnerships",
	        "SUMMARY-SECRET", "Non-profit",  "10115", "Germany",
	        "zoe_tweets",     "zoe.example", "SKYPE"};
	for (size_t i = 0; i < sizeof(private_bits) / sizeof(private_bits[0]); i++)
		cr_assert(not(batch_contains(&r, private_bits[i])), "%s", private_bits[i]);
	done(&r);
}

Test(linkedin_profile, warns_about_a_profile_without_a_name)
{
	run r;
	parse_text("First Name,Last Name,Headline\n,,Fundraiser\n", "Profile.csv", PROFILE, false,
	           &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 1, 0, 1);
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].full), "Owner Person"));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             "Profile.csv:2: no First Name or Last Name; row skipped"));
	done(&r);
}

Test(linkedin_positions, reads_the_work_history_and_the_current_job)
{
	run r;
	parse_file("Positions.csv", POSITIONS, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 6, 3, 3);
	cr_assert(eq(u32, r.c.positions_count, 3));
	const wp_position_rec *p = r.c.positions;
	cr_assert(eq(str, (char *)text(&r, p[0].company), "Hope Trust"));
	cr_assert(eq(str, (char *)text(&r, p[0].title), "Head of Partnerships"));
	cr_assert(eq(i32, p[0].start_month, 2021 * 12 + 5));
	cr_assert(eq(i32, p[0].end_month, 0));
	cr_assert(eq(str, (char *)text(&r, p[1].company), "Stripe, Inc."));
	cr_assert(eq(i32, p[1].start_month, 2017 * 12 + 2));
	cr_assert(eq(i32, p[1].end_month, 2021 * 12 + 4));
	cr_assert(eq(str, (char *)text(&r, p[2].company), "Red Cross"));
	cr_assert(eq(i32, p[2].start_month, 2015 * 12));
	/* Two current jobs: the later one is the member's company. */
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].company), "Hope Trust"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].position), "Head of Partnerships"));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             FIXTURES "Positions.csv:6: Finished On is before Started On; row skipped"));
	cr_assert(eq(str, (char *)warning(&r, 1),
	             FIXTURES "Positions.csv:7: no Company Name; row skipped"));
	cr_assert(eq(str, (char *)warning(&r, 2),
	             FIXTURES "Positions.csv:8: Started On \"sometime\" is not a month; row "
	                      "skipped"));
	cr_assert(not(batch_contains(&r, "POSITION-DESCRIPTION-SECRET")));
	cr_assert(not(batch_contains(&r, "Dublin")));
	done(&r);
}

Test(linkedin_positions, leaves_a_known_member_company_alone)
{
	run r;
	memset(&r, 0, sizeof(r));
	wp_source src;
	const char *csv = "Company Name,Title,Started On,Finished On\nNew Org,Lead,Jan 2024,\n";
	FILE *f = fmemopen((void *)csv, strlen(csv), "r");
	cr_assert(not(eq(ptr, f, NULL)));
	wp_source_from_file(&src, f, "Positions.csv");
	wp_csvfile reader;
	cr_assert(eq(int, wp_contacts_init(&r.c, "Owner Person", NULL, r.err), WP_OK));
	cr_assert(
	        eq(int, wp_contacts_str(&r.c, "Old Org", 7, &r.c.people[0].company, r.err), WP_OK));
	cr_assert(eq(int, wp_contacts_add_file(&r.c, "Positions.csv", "positions", &r.file, r.err),
	             WP_OK));
	cr_assert(eq(int, wp_csvfile_open(&reader, &src, r.err), WP_OK));
	r.st = wpi_linkedin_positions(&reader, r.file, &r.c, r.err);
	wp_csvfile_close(&reader);
	fclose(f);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(str, (char *)text(&r, r.c.people[0].company), "Old Org"));
	cr_assert(eq(u32, r.c.positions_count, 1));
	done(&r);
}

/* ---- what every parser shares ---- */

typedef struct strict_case {
	char name[40];
	int which;
	char csv[200];
	char err[200];
} strict_case;

ParameterizedTestParameters(linkedin_evidence, strict_mode_rejects_the_first_bad_row)
{
	static strict_case cases[] = {
	        {"Invitations.csv", INVITATIONS,
	         "From,To,Sent At,Message,Direction\nA,B,\"1/2/24, 3:04 PM\",,SIDEWAYS\n",
	         "Invitations.csv:2: Direction \"SIDEWAYS\" is neither INCOMING nor OUTGOING; row "
	         "skipped (--strict rejects the whole file)"},
	        {"Recommendations_Given.csv", RECOMMENDATIONS_GIVEN,
	         "First Name,Last Name,Creation Date\n,,01/02/24\n",
	         "Recommendations_Given.csv:2: no name of the recommended person; row skipped "
	         "(--strict rejects the whole file)"},
	        {"Endorsement_Given_Info.csv", ENDORSEMENTS_GIVEN,
	         "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name\nsoon,X,A,B\n",
	         "Endorsement_Given_Info.csv:2: Endorsement Date \"soon\" is not a date; row "
	         "skipped (--strict rejects the whole file)"},
	        {"Notes.csv", NOTES,
	         "Connection First Name,Connection Last Name,Note,Created On\nA,B,x,y,z\n",
	         "Notes.csv:2: 5 fields where the header has 4 (an unquoted comma?); row skipped "
	         "(--strict rejects the whole file)"},
	        {"Positions.csv", POSITIONS, "Company Name,Title,Started On\n,Boss,2020\n",
	         "Positions.csv:2: no Company Name; row skipped (--strict rejects the whole file)"},
	        {"Profile.csv", PROFILE, "First Name,Last Name\n,\n\" \",\"\"\n",
	         "Profile.csv:3: no First Name or Last Name; row skipped (--strict rejects the "
	         "whole file)"},
	};
	return cr_make_param_array(strict_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(strict_case *t, linkedin_evidence, strict_mode_rejects_the_first_bad_row)
{
	run r;
	parse_text(t->csv, t->name, (which)t->which, true, &r);
	cr_assert(eq(int, r.st, WP_EINPUT), "%s: %s", t->name, r.err);
	cr_assert(eq(str, r.err, t->err), "%s", t->name);
	done(&r);
}

typedef struct header_case {
	char name[40];
	int which;
	char csv[120];
	char err[240];
} header_case;

ParameterizedTestParameters(linkedin_evidence, finds_no_header_in_another_files_layout)
{
	static header_case cases[] = {
	        {"Invitations.csv", INVITATIONS, "First Name,Last Name\nA,B\n",
	         "Invitations.csv:2: no rows: no header with From, To, Sent At, Direction in the "
	         "first 10 lines"},
	        {"Recommendations_Received.csv", RECOMMENDATIONS_RECEIVED, "From,To\nA,B\n",
	         "Recommendations_Received.csv:2: no rows: no header with First Name, Last Name in "
	         "the first 10 lines"},
	        {"Notes.csv", NOTES, "Notes:\n\"When exporting...\"\n\n",
	         "Notes.csv:3: no rows: no header with Connection First Name, Connection Last Name "
	         "in the first 10 lines"},
	        {"Positions.csv", POSITIONS, "Company,Title\nA,B\n",
	         "Positions.csv:2: no rows: no header with Company Name, Title in the first 10 "
	         "lines"},
	};
	return cr_make_param_array(header_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(header_case *t, linkedin_evidence, finds_no_header_in_another_files_layout)
{
	run r;
	parse_text(t->csv, t->name, (which)t->which, false, &r);
	cr_assert(eq(int, r.st, WP_EINPUT), "%s: %s", t->name, r.err);
	cr_assert(eq(str, r.err, t->err), "%s", t->name);
	done(&r);
}

Test(linkedin_evidence, skips_empty_padding_rows_without_counting_them)
{
	run r;
	parse_text("Connection First Name,Connection Last Name,Created On\n,,\nA,B,\n,,\n",
	           "Notes.csv", NOTES, false, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_report(&r, 1, 1, 0);
	cr_assert(eq(i64, ev(&r, 0)->first, 0)); /* an empty date is unknown */
	done(&r);
}
