/* test_import_vcard.c - the vCard reader: writers' files, decoding, relations, limits, errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/identity.h"
#include "importers/addressbook.h"

#define FIXTURES "tests/fixtures/vcard/"

typedef struct loaded {
	wp_status st;
	char err[WP_ERR_LEN];
	wp_contacts c;
} loaded;

static void load_source(wp_source *src, bool strict, loaded *r)
{
	memset(r, 0, sizeof(*r));
	cr_assert(eq(int, wp_contacts_init(&r->c, "Owner Person", NULL, r->err), WP_OK));
	r->c.strict = strict;
	r->st = wp_import_vcard(src, &r->c, r->err);
}

/* Reads text[0..len) as a file named "c.vcf". */
static void load_n(const char *text, size_t len, bool strict, loaded *r)
{
	wp_source src;
	/* fmemopen refuses a zero-length buffer; an empty file is /dev/null. */
	FILE *f = len ? fmemopen((void *)text, len, "r") : fopen("/dev/null", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	wp_source_from_file(&src, f, "c.vcf");
	load_source(&src, strict, r);
	fclose(f);
}

static void load_text(const char *text, loaded *r)
{
	load_n(text, strlen(text), false, r);
}

static void load_file(const char *name, loaded *r)
{
	wp_source src;
	char err[WP_ERR_LEN] = "";
	char path[256];
	snprintf(path, sizeof(path), FIXTURES "%s", name);
	cr_assert(eq(int, wp_source_open(&src, path, err), WP_OK), "%s", err);
	load_source(&src, false, r);
	wp_source_close(&src);
}

static const char *text(const loaded *r, uint32_t id)
{
	return wp_contacts_text(&r->c, id);
}

/* The index of the person whose display name is full; fails the test if there is none. */
static uint32_t person(const loaded *r, const char *full)
{
	for (uint32_t i = 1; i < r->c.people_count; i++)
		if (strcmp(text(r, r->c.people[i].full), full) == 0)
			return i;
	cr_assert(false, "no person named \"%s\"", full);
	return UINT32_MAX;
}

static bool has_person(const loaded *r, const char *full)
{
	for (uint32_t i = 1; i < r->c.people_count; i++)
		if (strcmp(text(r, r->c.people[i].full), full) == 0)
			return true;
	return false;
}

static uint64_t evidence(const loaded *r, uint32_t kind, uint32_t a, uint32_t b)
{
	uint64_t n = 0;
	for (uint64_t i = 0; i < r->c.evidence_count; i++) {
		const wp_evidence_rec *e = &r->c.evidence[i];
		if (e->kind == kind && e->a == a && e->b == b)
			n++;
	}
	return n;
}

/* Whether any string of the batch (people's fields, file names, warnings) contains needle. */
static bool batch_contains(const loaded *r, const char *needle)
{
	for (uint32_t i = 0; i < r->c.strings.count; i++)
		if (strstr(wp_strtab_get(&r->c.strings, i), needle) != NULL)
			return true;
	for (uint32_t i = 0; i < r->c.warnings.count; i++)
		if (strstr(wp_strtab_get(&r->c.warnings, i), needle) != NULL)
			return true;
	return false;
}

static const char *warning(const loaded *r, uint32_t i)
{
	cr_assert(lt(u32, i, r->c.warnings.count), "only %u warnings", r->c.warnings.count);
	return wp_strtab_get(&r->c.warnings, i);
}

/* Every person has an address-book tie from the owner, at its card's line. */
static void assert_owner_ties(const loaded *r)
{
	for (uint32_t i = 1; i < r->c.people_count; i++)
		cr_assert(eq(u64, evidence(r, WP_EV_ADDRESS_BOOK, 0, i), 1), "person %u", i);
}

static void done(loaded *r)
{
	wp_contacts_free(&r->c);
}

static char *slug_of(const char *url, char *out)
{
	cr_assert(wp_identity_slug(url, out), "%s", url);
	return out;
}

/* ---- real writers' files ---- */

Test(vcard, reads_an_apple_contacts_export)
{
	loaded r;
	load_file("apple-3.0.vcf", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.files_count, 1));
	cr_assert(eq(str, (char *)text(&r, r.c.files[0].name), FIXTURES "apple-3.0.vcf"));
	cr_assert(eq(str, (char *)text(&r, r.c.files[0].kind), "vcard"));
	cr_assert(eq(u64, r.c.files[0].rows, 4));
	cr_assert(eq(u64, r.c.files[0].used, 3));
	cr_assert(eq(u64, r.c.files[0].skipped, 0));
	cr_assert(eq(u32, r.c.people_count, 4)); /* the company card is no person */
	uint32_t jane = person(&r, "Jane Doe");
	const wp_person_rec *p = &r.c.people[jane];
	cr_assert(eq(str, (char *)text(&r, p->first), "Jane"));
	cr_assert(eq(str, (char *)text(&r, p->last), "Doe"));
	cr_assert(eq(str, (char *)text(&r, p->email), "jane.doe@acme.example")); /* the pref one */
	cr_assert(eq(str, (char *)text(&r, p->company), "Acme, Inc."));
	cr_assert(eq(str, (char *)text(&r, p->position), "Head of Partnerships"));
	cr_assert(eq(str, (char *)text(&r, p->slug), "jane-doe-42"));
	cr_assert(eq(u32, p->line, 1));
	cr_assert(eq(u32, p->flags, 0));
	uint32_t bob = person(&r, "Bob Smith");
	cr_assert(eq(str, (char *)text(&r, r.c.people[bob].slug), "bob-smith-nyc"));
	uint32_t chidi = person(&r, "Chidi Okafor");
	cr_assert(eq(str, (char *)text(&r, r.c.people[chidi].slug), "chidi-okafor"));
	cr_assert(not(has_person(&r, "Acme Foundation")));
	assert_owner_ties(&r);
	/* X-ABRELATEDNAMES names Bob, who has a card of his own. */
	cr_assert(eq(u64, evidence(&r, WP_EV_RELATED, jane, bob), 1));
	cr_assert(eq(u64, r.c.evidence_count, 4));
	cr_assert(eq(u32, r.c.warnings.count, 0));
	/* Notes, addresses, phones and photos are never stored. */
	cr_assert(not(batch_contains(&r, "gala")));
	cr_assert(not(batch_contains(&r, "Springfield")));
	cr_assert(not(batch_contains(&r, "555")));
	cr_assert(not(batch_contains(&r, "/9j/")));
	cr_assert(not(batch_contains(&r, "jane.home")));
	done(&r);
}

Test(vcard, reads_a_google_export_with_escaped_colons_and_warns_about_a_nameless_card)
{
	loaded r;
	char slug[WP_KEY_LEN];
	load_file("google-3.0.vcf", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 3));
	cr_assert(eq(u64, r.c.files[0].used, 2));
	cr_assert(eq(u64, r.c.files[0].skipped, 1));
	uint32_t zoe = person(&r, "Zoë Brandt");
	const wp_person_rec *p = &r.c.people[zoe];
	cr_assert(eq(str, (char *)text(&r, p->first), "Zoë"));
	cr_assert(eq(str, (char *)text(&r, p->email), "zoe@example.org"));
	cr_assert(eq(str, (char *)text(&r, p->company), "Stripe, Inc."));
	cr_assert(eq(str, (char *)text(&r, p->position), "Senior \"Platform\" Engineer"));
	cr_assert(eq(str, (char *)text(&r, p->slug),
	             slug_of("https://de.linkedin.com/in/zo%C3%AB-brandt", slug)));
	uint32_t jose = person(&r, "José García");
	cr_assert(eq(u32, r.c.people[jose].slug, 0)); /* a blog is no LinkedIn profile */
	assert_owner_ties(&r);
	cr_assert(eq(u32, r.c.warnings.count, 1));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             FIXTURES "google-3.0.vcf:23: card has no name, e-mail address or LinkedIn "
	                      "URL; skipped"));
	cr_assert(not(batch_contains(&r, "Torstraße")));
	done(&r);
}

Test(vcard, decodes_outlook_21_quoted_printable_and_windows_1252)
{
	loaded r;
	char slug[WP_KEY_LEN];
	load_file("outlook-2.1.vcf", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 2));
	cr_assert(eq(u32, r.c.warnings.count, 0), "%s", r.c.warnings.count ? warning(&r, 0) : "");
	uint32_t j = person(&r, "Jürgen Müller");
	const wp_person_rec *p = &r.c.people[j];
	cr_assert(eq(str, (char *)text(&r, p->first), "Jürgen"));
	cr_assert(eq(str, (char *)text(&r, p->last), "Müller"));
	cr_assert(eq(str, (char *)text(&r, p->company), "Stadtwerke Köln GmbH"));
	cr_assert(eq(str, (char *)text(&r, p->email), "juergen.mueller@stadtwerke.example"));
	cr_assert(
	        eq(str, (char *)text(&r, p->slug),
	           slug_of("http://de.linkedin.com/pub/j%C3%BCrgen-m%C3%BCller/12/345/678", slug)));
	/* A 2.1 FN is not escaped: its comma stays; QP soft breaks join the lines. */
	uint32_t renee = person(&r, "Renée Lefèvre, Directrice générale");
	cr_assert(eq(str, (char *)text(&r, r.c.people[renee].first), "Renée"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[renee].last), "Lefèvre"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[renee].position), "Directrice = générale"));
	cr_assert(not(batch_contains(&r, "Stiftung")));
	cr_assert(not(batch_contains(&r, "Spende")));
	cr_assert(not(batch_contains(&r, "zweite Zeile")));
	cr_assert(not(batch_contains(&r, "jm@privat")));
	done(&r);
}

Test(vcard, reads_android_21_with_unindented_base64_and_skips_an_agent_card)
{
	loaded r;
	load_file("android-2.1.vcf", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.warnings.count, 0), "%s", r.c.warnings.count ? warning(&r, 0) : "");
	cr_assert(eq(u64, r.c.files[0].rows, 1));
	cr_assert(eq(u32, r.c.people_count, 2));
	uint32_t z = person(&r, "张伟");
	cr_assert(eq(str, (char *)text(&r, r.c.people[z].first), "伟"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[z].last), "张"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[z].email), "zhang.wei@example.cn"));
	cr_assert(not(batch_contains(&r, "Assistant")));
	cr_assert(not(batch_contains(&r, "li.assistant")));
	cr_assert(not(batch_contains(&r, "私人")));
	done(&r);
}

Test(vcard, resolves_40_relations_by_uid_email_url_and_name)
{
	loaded r;
	load_file("rfc6350-4.0.vcf", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.files[0].rows, 7));
	cr_assert(eq(u64, r.c.files[0].used, 5)); /* KIND:group and KIND:org make no person */
	cr_assert(eq(u32, r.c.people_count, 6));
	uint32_t ada = person(&r, "Ada Lovelace"), charles = person(&r, "Charles Babbage");
	uint32_t mary = person(&r, "Mary Somerville"), william = person(&r, "William King");
	uint32_t michael = person(&r, "Michael Faraday");
	cr_assert(eq(str, (char *)text(&r, r.c.people[ada].email), "ada@engines.example"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[charles].slug), "charles-babbage"));
	cr_assert(eq(str, (char *)text(&r, r.c.people[michael].slug), "michael-faraday"));
	assert_owner_ties(&r);
	cr_assert(eq(u64, evidence(&r, WP_EV_RELATED, ada, charles), 1));
	cr_assert(eq(u64, evidence(&r, WP_EV_RELATED, ada, mary), 1));
	cr_assert(eq(u64, evidence(&r, WP_EV_RELATED, ada, william), 1));
	cr_assert(eq(u64, evidence(&r, WP_EV_RELATED, ada, michael), 1));
	cr_assert(eq(u64, evidence(&r, WP_EV_RELATED, charles, ada), 1));
	/* The unknown uuid and "Somebody Unknown" name nobody in the file: ignored. */
	cr_assert(eq(u64, r.c.evidence_count, 10));
	for (uint64_t i = 0; i < r.c.evidence_count; i++)
		if (r.c.evidence[i].kind == WP_EV_RELATED && r.c.evidence[i].a == ada &&
		    r.c.evidence[i].b == charles)
			cr_assert(eq(u32, r.c.evidence[i].line, 10));
	cr_assert(not(batch_contains(&r, "Somebody")));
	cr_assert(not(batch_contains(&r, "Royal Society")));
	cr_assert(not(batch_contains(&r, "jabber")));
	done(&r);
}

/* ---- decoding, one card at a time ---- */

typedef struct decode_case {
	char name[64];
	char vcf[320];
	char first[32], last[32], full[64], email[48], company[48], title[48], slug[48];
} decode_case;

ParameterizedTestParameters(vcard, decodes_values)
{
	static decode_case cases[] = {
	        {"folded with a space and a tab",
	         "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n  Lee\r\nTITLE:Chief\r\n\tof Staff\r\n"
	         "END:VCARD\r\n",
	         "", "", "Ann Lee", "", "", "Chiefof Staff", ""},
	        {"escapes in 3.0",
	         "BEGIN:VCARD\nVERSION:3.0\nN:O\\;Neil;Pat\\,Sam;;;\nFN:Pat O\\;Neil\\\\\\n\n"
	         "ORG:A\\; B\\, C;Dept\nEND:VCARD\n",
	         "Pat,Sam", "O;Neil", "Pat O;Neil\\", "", "A; B, C", "", ""},
	        {"unescaped commas in N lists become spaces",
	         "BEGIN:VCARD\nVERSION:3.0\nN:Smith;Mary,Ann;;;\nEND:VCARD\n", "Mary Ann", "Smith",
	         "Mary Ann Smith", "", "", "", ""},
	        {"only \\; is an escape in 2.1",
	         "BEGIN:VCARD\nVERSION:2.1\nFN:C:\\new\\dir\nN:Dir\\;ect;Al\nEND:VCARD\n", "Al",
	         "Dir;ect", "C:\\new\\dir", "", "", "", ""},
	        {"lower-case names, groups and parameters",
	         "begin:vcard\nversion:3.0\nitem7.fn;charset=utf-8:Kim Park\n"
	         "item8.email;type=internet:KIM@Park.Example\nend:vcard\n",
	         "", "", "Kim Park", "kim@park.example", "", "", ""},
	        {"X-SOCIALPROFILE in capitals and a URL without scheme",
	         "BEGIN:VCARD\nVERSION:3.0\nFN:Lu Chen\nX-SOCIALPROFILE;TYPE=LINKEDIN:"
	         "www.linkedin.com/in/Lu-Chen\nEND:VCARD\n",
	         "", "", "Lu Chen", "", "", "", "lu-chen"},
	        {"a LinkedIn URL in a plain URL wins over a later one",
	         "BEGIN:VCARD\nVERSION:4.0\nFN:Ines\nURL:https://example.org\nURL:"
	         "https://linkedin.com/in/ines-a?trk=x\nURL:https://linkedin.com/in/ines-b\n"
	         "END:VCARD\n",
	         "", "", "Ines", "", "", "", "ines-a"},
	        {"IMPP with a linkedin scheme",
	         "BEGIN:VCARD\nVERSION:4.0\nFN:Raj\nIMPP:linkedin:raj-k\nEND:VCARD\n", "", "",
	         "Raj", "", "", "", "raj-k"},
	        {"IMPP marked as LinkedIn's by X-SERVICE-TYPE",
	         "BEGIN:VCARD\nVERSION:3.0\nFN:Mo\nIMPP;X-SERVICE-TYPE=LinkedIn;type=pref:"
	         "x-apple:mo-ali\nEND:VCARD\n",
	         "", "", "Mo", "", "", "", "mo-ali"},
	        {"an X-SOCIALPROFILE of another network is no slug",
	         "BEGIN:VCARD\nVERSION:3.0\nFN:Mo\nX-SOCIALPROFILE;type=twitter;x-user=mo:"
	         "x-apple:mo\nEND:VCARD\n",
	         "", "", "Mo", "", "", "", ""},
	        {"no FN: the name comes from N",
	         "BEGIN:VCARD\nVERSION:3.0\nN:Nakamura;Yui;;Ms.;\nEND:VCARD\n", "Yui", "Nakamura",
	         "Yui Nakamura", "", "", "", ""},
	        {"quoted parameter values may hold ':' and ';'",
	         "BEGIN:VCARD\nVERSION:4.0\nFN;ALTID=\"a:b;c\":Noor Haddad\nEND:VCARD\n", "", "",
	         "Noor Haddad", "", "", "", ""},
	        {"latin-1 charset",
	         "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=ISO-8859-1:Fran\xe7ois\nEND:VCARD\n", "", "",
	         "François", "", "", "", ""},
	        {"no charset and not UTF-8: Windows-1252",
	         "BEGIN:VCARD\nVERSION:3.0\nFN:Ren\xe9 \x80\nEND:VCARD\n", "", "", "René €", "", "",
	         "", ""},
	        {"an invalid e-mail is dropped, a later valid one kept",
	         "BEGIN:VCARD\nVERSION:3.0\nFN:Tom\nEMAIL:n/a\nEMAIL:mailto:Tom@X.org\nEND:VCARD\n",
	         "", "", "Tom", "tom@x.org", "", "", ""},
	        {"spaces around VCARD", "BEGIN: VCARD \nVERSION:3.0\nFN:Eva\nEND:VCARD \n", "", "",
	         "Eva", "", "", "", ""},
	        {"a UTF-8 BOM and no final line end",
	         "\xEF\xBB\xBF"
	         "BEGIN:VCARD\nVERSION:3.0\nFN:Eva\nEND:VCARD",
	         "", "", "Eva", "", "", "", ""},
	};
	return cr_make_param_array(decode_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(decode_case *t, vcard, decodes_values)
{
	loaded r;
	load_text(t->vcf, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s: %s", t->name, r.err);
	cr_assert(eq(u32, r.c.people_count, 2), "%s", t->name);
	cr_assert(eq(u32, r.c.warnings.count, 0), "%s", t->name);
	const wp_person_rec *p = &r.c.people[1];
	cr_assert(eq(str, (char *)text(&r, p->first), t->first), "%s", t->name);
	cr_assert(eq(str, (char *)text(&r, p->last), t->last), "%s", t->name);
	cr_assert(eq(str, (char *)text(&r, p->full), t->full), "%s", t->name);
	cr_assert(eq(str, (char *)text(&r, p->email), t->email), "%s", t->name);
	cr_assert(eq(str, (char *)text(&r, p->company), t->company), "%s", t->name);
	cr_assert(eq(str, (char *)text(&r, p->position), t->title), "%s", t->name);
	cr_assert(eq(str, (char *)text(&r, p->slug), t->slug), "%s", t->name);
	cr_assert(eq(u64, evidence(&r, WP_EV_ADDRESS_BOOK, 0, 1), 1), "%s", t->name);
	done(&r);
}

Test(vcard, keeps_an_email_only_or_url_only_card)
{
	loaded r;
	load_text("BEGIN:VCARD\nVERSION:3.0\nEMAIL:solo@example.org\nEND:VCARD\n"
	          "BEGIN:VCARD\nVERSION:3.0\nURL:https://www.linkedin.com/in/only-url\nEND:VCARD\n",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.people_count, 3));
	cr_assert(eq(str, (char *)text(&r, r.c.people[1].email), "solo@example.org"));
	cr_assert(eq(u32, r.c.people[1].full, 0));
	cr_assert(eq(u32, r.c.people[1].flags, 0));
	cr_assert(eq(str, (char *)text(&r, r.c.people[2].slug), "only-url"));
	done(&r);
}

Test(vcard, flags_a_linkedin_member_card_as_never_merged)
{
	loaded r;
	load_text("BEGIN:VCARD\nVERSION:3.0\nFN:LinkedIn Member\nEMAIL:x@y.org\nEND:VCARD\n", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.people[1].flags, WP_PERSON_NEVER_MERGE));
	done(&r);
}

Test(vcard, ignores_a_relation_to_an_ambiguous_name_or_to_itself)
{
	loaded r;
	load_text("BEGIN:VCARD\nVERSION:4.0\nFN:Sam Lee\nEMAIL:sam1@x.org\nEND:VCARD\n"
	          "BEGIN:VCARD\nVERSION:4.0\nFN:Sam Lee\nEMAIL:sam2@x.org\nEND:VCARD\n"
	          "BEGIN:VCARD\nVERSION:4.0\nUID:me\nFN:Kai\nRELATED;VALUE=text:Sam Lee\n"
	          "RELATED:me\nRELATED:mailto:sam2@x.org\nEND:VCARD\n",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.evidence_count, 4)); /* three owner ties and the e-mail relation */
	cr_assert(eq(u64, evidence(&r, WP_EV_RELATED, 3, 2), 1));
	done(&r);
}

Test(vcard, drops_the_relations_of_a_skipped_card)
{
	loaded r;
	load_text("BEGIN:VCARD\nVERSION:4.0\nFN:Bo\nEND:VCARD\n"
	          "BEGIN:VCARD\nVERSION:4.0\nRELATED;VALUE=text:Bo\nTEL:1\nEND:VCARD\n",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.c.evidence_count, 1));
	cr_assert(eq(u32, r.c.warnings.count, 1));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             "c.vcf:5: card has no name, e-mail address or LinkedIn URL; skipped"));
	done(&r);
}

/* ---- bad lines and structure ---- */

Test(vcard, warns_about_text_outside_cards_and_lines_that_are_no_property)
{
	loaded r;
	load_text("Exported contacts\n\nBEGIN:VCARD\nVERSION:3.0\nFN:Al\njust some text\n"
	          "END:VCARD\nX-TRAILER:1\n  folded trailer\n",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.people_count, 2));
	cr_assert(eq(u32, r.c.warnings.count, 3));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             "c.vcf:1: text outside a vCard (no BEGIN:VCARD before it); ignored"));
	cr_assert(eq(str, (char *)warning(&r, 1),
	             "c.vcf:6: not a vCard property (NAME:value); ignored"));
	cr_assert(eq(str, (char *)warning(&r, 2),
	             "c.vcf:8: text outside a vCard (no BEGIN:VCARD before it); ignored"));
	done(&r);
}

Test(vcard, strict_mode_fails_on_the_first_bad_card)
{
	loaded r;
	const char *vcf = "BEGIN:VCARD\nVERSION:3.0\nFN:Al\nEND:VCARD\n"
	                  "BEGIN:VCARD\nVERSION:3.0\nNOTE:nobody\nEND:VCARD\n";
	load_n(vcf, strlen(vcf), true, &r);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err,
	             "c.vcf:5: card has no name, e-mail address or LinkedIn URL; skipped "
	             "(--strict rejects the whole file)"));
	done(&r);
}

typedef struct error_case {
	char name[48];
	char vcf[200];
	int status;
	char err[200];
} error_case;

ParameterizedTestParameters(vcard, rejects_broken_files)
{
	static error_case cases[] = {
	        {"empty file", "", WP_EINPUT,
	         "c.vcf: no rows: no vCard (BEGIN:VCARD ... END:VCARD) in the file"},
	        {"not a vCard", "hello\nworld\n", WP_EINPUT,
	         "c.vcf: no rows: no vCard (BEGIN:VCARD ... END:VCARD) in the file"},
	        {"BEGIN without END at the end of the file",
	         "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n", WP_EINPUT,
	         "c.vcf:4: the card begun here has no END:VCARD (the file ends inside it)"},
	        {"BEGIN inside a card", "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n",
	         WP_EINPUT,
	         "c.vcf:3: BEGIN:VCARD inside the card begun on line 1 (is its END:VCARD "
	         "missing?)"},
	        {"END without BEGIN", "BEGIN:VCARD\nFN:A\nEND:VCARD\nFN:B\nEND:VCARD\n", WP_EINPUT,
	         "c.vcf:5: END:VCARD without BEGIN:VCARD"},
	        {"no card names a person", "BEGIN:VCARD\nTEL:1\nEND:VCARD\n", WP_EINPUT,
	         "c.vcf: no contacts: none of the 1 cards names a person (see the warnings)"},
	        {"UTF-16",
	         "\xFF\xFE"
	         "B\0E\0G\0",
	         WP_EINPUT, "c.vcf:1: the file is UTF-16; save it as UTF-8 and import it again"},
	};
	return cr_make_param_array(error_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(error_case *t, vcard, rejects_broken_files)
{
	loaded r;
	size_t len = strlen(t->vcf);
	if (strncmp(t->vcf, "\xFF\xFE", 2) == 0)
		len = 8;
	load_n(t->vcf, len, false, &r);
	cr_assert(eq(int, r.st, t->status), "%s: %s", t->name, r.err);
	cr_assert(eq(str, r.err, t->err), "%s", t->name);
	done(&r);
}

/* Builds a card: head, then `count` copies of line, then tail. */
static char *repeat(const char *head, const char *line, size_t count, const char *tail, size_t *len)
{
	size_t h = strlen(head), l = strlen(line), t = strlen(tail);
	char *s = malloc(h + l * count + t + 1);
	cr_assert(not(eq(ptr, s, NULL)));
	memcpy(s, head, h);
	for (size_t i = 0; i < count; i++)
		memcpy(s + h + i * l, line, l);
	memcpy(s + h + l * count, tail, t + 1);
	*len = h + l * count + t;
	return s;
}

Test(vcard, rejects_a_line_over_the_limit)
{
	loaded r;
	size_t len;
	char *s = repeat("BEGIN:VCARD\nFN:A\nNOTE:", "x", WP_VCARD_MAX_LINE, "\nEND:VCARD\n", &len);
	load_n(s, len, false, &r);
	cr_assert(eq(int, r.st, WP_ELIMIT));
	cr_assert(eq(str, r.err, "c.vcf:3: line longer than 8388608 bytes"));
	done(&r);
	free(s);
}

Test(vcard, skips_a_long_unread_property_but_rejects_a_long_kept_one)
{
	loaded r;
	size_t len;
	/* A photo of several MiB folded into short lines costs nothing. */
	char *s = repeat("BEGIN:VCARD\nFN:A\nPHOTO;ENCODING=b:", "\n QUJDREVGR0g=", 400000,
	                 "\nEND:VCARD\n", &len);
	load_n(s, len, false, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.people_count, 2));
	cr_assert(not(batch_contains(&r, "QUJD")));
	done(&r);
	free(s);
	s = repeat("BEGIN:VCARD\nFN:A\nTITLE:", "\n yyyyyyyyyyyyyyy", 5000, "\nEND:VCARD\n", &len);
	load_n(s, len, false, &r);
	cr_assert(eq(int, r.st, WP_ELIMIT));
	cr_assert(eq(str, r.err, "c.vcf:3: TITLE property longer than 65536 bytes"));
	done(&r);
	free(s);
}

Test(vcard, rejects_a_card_over_the_size_limit)
{
	loaded r;
	size_t len;
	char line[1025];
	line[0] = '\n';
	line[1] = ' ';
	memset(line + 2, 'z', sizeof(line) - 3);
	line[sizeof(line) - 1] = '\0';
	char *s = repeat("BEGIN:VCARD\nFN:A\nNOTE:", line, (WP_VCARD_MAX_CARD >> 10) + 10,
	                 "\nEND:VCARD\n", &len);
	load_n(s, len, false, &r);
	cr_assert(eq(int, r.st, WP_ELIMIT));
	cr_assert(eq(str, r.err, "c.vcf:32771: the card begun on line 1 is larger than 32 MiB"));
	done(&r);
	free(s);
}

Test(vcard, rejects_a_card_with_too_many_properties)
{
	loaded r;
	size_t len;
	char *s = repeat("BEGIN:VCARD\nFN:A\n", "TEL:1\n", WP_VCARD_MAX_PROPERTIES, "END:VCARD\n",
	                 &len);
	load_n(s, len, false, &r);
	cr_assert(eq(int, r.st, WP_ELIMIT));
	cr_assert(eq(str, r.err,
	             "c.vcf:5002: more than 5000 properties in the card begun on line 1"));
	done(&r);
	free(s);
}
