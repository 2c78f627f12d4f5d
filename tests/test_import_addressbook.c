/* test_import_addressbook.c - Google, Outlook and people CSV address books: layouts, encodings,
 * column maps, bad rows and exact errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importers/addressbook.h"

#define FIXTURES "tests/fixtures/addressbook/"

typedef struct loaded {
	wp_status st;
	char err[WP_ERR_LEN];
	wp_contacts c;
} loaded;

static void load_source(wp_source *src, const wp_addressbook_map *map, bool strict, loaded *r)
{
	memset(r, 0, sizeof(*r));
	cr_assert(eq(int, wp_contacts_init(&r->c, "Owner Person", NULL, r->err), WP_OK));
	r->c.strict = strict;
	r->st = wp_import_addressbook_csv(src, map, &r->c, r->err);
}

/* Reads text[0..len) as a file named "a.csv". */
static void load_n(const char *text, size_t len, const wp_addressbook_map *map, bool strict,
                   loaded *r)
{
	wp_source src;
	/* fmemopen refuses a zero-length buffer; an empty file is /dev/null. */
	FILE *f = len ? fmemopen((void *)text, len, "r") : fopen("/dev/null", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	wp_source_from_file(&src, f, "a.csv");
	load_source(&src, map, strict, r);
	fclose(f);
}

static void load_text(const char *text, loaded *r)
{
	load_n(text, strlen(text), NULL, false, r);
}

static void load_file(const char *name, const wp_addressbook_map *map, loaded *r)
{
	wp_source src;
	char err[WP_ERR_LEN] = "";
	char path[256];
	snprintf(path, sizeof(path), FIXTURES "%s", name);
	cr_assert(eq(int, wp_source_open(&src, path, err), WP_OK), "%s", err);
	load_source(&src, map, false, r);
	wp_source_close(&src);
}

static const char *text(const loaded *r, uint32_t id)
{
	return wp_contacts_text(&r->c, id);
}

static uint32_t person(const loaded *r, const char *full)
{
	for (uint32_t i = 1; i < r->c.people_count; i++)
		if (strcmp(text(r, r->c.people[i].full), full) == 0)
			return i;
	cr_assert(false, "no person named \"%s\"", full);
	return UINT32_MAX;
}

static const char *warning(const loaded *r, uint32_t i)
{
	cr_assert(lt(u32, i, r->c.warnings.count), "only %u warnings", r->c.warnings.count);
	return wp_strtab_get(&r->c.warnings, i);
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

/* Each person has exactly one address-book tie from the owner, at the person's line, and the
 * batch holds no other evidence. */
static void assert_owner_ties(const loaded *r)
{
	cr_assert(eq(u64, r->c.evidence_count, r->c.people_count - 1));
	for (uint64_t i = 0; i < r->c.evidence_count; i++) {
		const wp_evidence_rec *e = &r->c.evidence[i];
		cr_assert(eq(u32, e->kind, WP_EV_ADDRESS_BOOK));
		cr_assert(eq(u32, e->a, 0));
		cr_assert(eq(u32, e->b, (uint32_t)i + 1));
		cr_assert(eq(u32, e->line, r->c.people[e->b].line));
		cr_assert(eq(u32, e->file, 0));
	}
}

static void done(loaded *r)
{
	wp_contacts_free(&r->c);
}

/* Checks a person's fields ("" = none). */
static void assert_person(const loaded *r, uint32_t i, const char *first, const char *last,
                          const char *email, const char *company, const char *title,
                          const char *slug)
{
	const wp_person_rec *p = &r->c.people[i];
	cr_assert(eq(str, (char *)text(r, p->first), (char *)first));
	cr_assert(eq(str, (char *)text(r, p->last), (char *)last));
	cr_assert(eq(str, (char *)text(r, p->email), (char *)email));
	cr_assert(eq(str, (char *)text(r, p->company), (char *)company));
	cr_assert(eq(str, (char *)text(r, p->position), (char *)title));
	cr_assert(eq(str, (char *)text(r, p->slug), (char *)slug));
}

/* ---- the exporters' files ---- */

typedef struct fixture_case {
	char file[40];
	char kind[32];
	uint64_t rows, used, skipped;
} fixture_case;

ParameterizedTestParameters(addressbook, reads_each_exporters_file)
{
	static fixture_case cases[] = {
	        {"google-contacts.csv", "google-contacts", 5, 4, 1},
	        {"google-contacts-legacy.csv", "google-contacts-legacy", 2, 2, 0},
	        {"outlook.csv", "outlook", 2, 2, 0},
	        {"outlook-com.csv", "outlook.com", 2, 2, 0},
	        {"outlook-de.csv", "outlook", 2, 2, 0},
	        {"outlook-fr.csv", "outlook", 2, 2, 0},
	        {"people.csv", "people-csv", 4, 2, 2},
	};
	return cr_make_param_array(fixture_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(fixture_case *t, addressbook, reads_each_exporters_file)
{
	loaded r;
	char name[128];
	load_file(t->file, NULL, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s: %s", t->file, r.err);
	snprintf(name, sizeof(name), FIXTURES "%s", t->file);
	cr_assert(eq(u32, r.c.files_count, 1));
	cr_assert(eq(str, (char *)text(&r, r.c.files[0].name), name));
	cr_assert(eq(str, (char *)text(&r, r.c.files[0].kind), t->kind));
	cr_assert(eq(u64, r.c.files[0].rows, t->rows), "%s", t->file);
	cr_assert(eq(u64, r.c.files[0].used, t->used), "%s", t->file);
	cr_assert(eq(u64, r.c.files[0].skipped, t->skipped), "%s", t->file);
	cr_assert(eq(u32, r.c.warnings.count, t->skipped));
	cr_assert(eq(u32, r.c.people_count, t->used + 1));
	assert_owner_ties(&r);
	/* Notes, phones, postal addresses, labels, spouses and birthdays are never stored. */
	static const char *const private_bits[] = {
	        "gala",           "Torstraße",    "555",         "Donors",
	        "WhatsApp",       "Confidential", "€",           "Haussmann",
	        "Jane Smith",     "Private note", "vertraulich", "Domplatz",
	        "dîner",          "0/0/00",       "Mobile",      "+49",
	        "Board prospects"};
	for (size_t i = 0; i < sizeof(private_bits) / sizeof(private_bits[0]); i++)
		cr_assert(not(batch_contains(&r, private_bits[i])), "%s: %s", t->file,
		          private_bits[i]);
	done(&r);
}

Test(addressbook, reads_google_multi_values_and_websites)
{
	loaded r;
	load_file("google-contacts.csv", NULL, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	/* Middle names and prefixes are left out of the display name; the first e-mail of the
	 * ' ::: ' list is kept; a LinkedIn URL second in a website cell is found. */
	uint32_t zoe = person(&r, "Zoë Brandt");
	assert_person(&r, zoe, "Zoë", "Brandt", "zoe@stripe.example", "Stripe, Inc.",
	              "Senior \"Platform\" Engineer", "zoe-brandt");
	cr_assert(eq(u32, r.c.people[zoe].line, 2));
	uint32_t kwame = person(&r, "Kwame Mensah");
	assert_person(&r, kwame, "Kwame", "Mensah", "", "Ghana Health Trust", "", "kwame-mensah");
	cr_assert(eq(u32, r.c.people[kwame].line, 5)); /* the row before spans three lines */
	cr_assert(eq(str, (char *)warning(&r, 0),
	             FIXTURES "google-contacts.csv:6: no name, e-mail address or LinkedIn URL; "
	                      "skipped"));
	/* An address-only contact is someone: the e-mail identifies them. */
	cr_assert(eq(u32, r.c.people[3].full, 0));
	cr_assert(eq(str, (char *)text(&r, r.c.people[3].email), "info@nameless.example"));
	cr_assert(eq(u32, r.c.people[3].flags, 0));
	assert_person(&r, person(&r, "Priya Raman"), "Priya", "Raman", "priya@seva.example",
	              "Seva Foundation", "Director", "");
	cr_assert(not(batch_contains(&r, "zoe.b@")));
	cr_assert(not(batch_contains(&r, "zoe@home")));
	cr_assert(not(batch_contains(&r, "/in/other")));
	done(&r);
}

Test(addressbook, reads_legacy_google_csv_in_utf16)
{
	loaded r;
	load_file("google-contacts-legacy.csv", NULL, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_person(&r, person(&r, "Ana Souza"), "Ana", "Souza", "ana@esperanca.example.br",
	              "ONG Esperança", "Diretora", "anasouza");
	/* Only the Name column: it is the display name. */
	assert_person(&r, person(&r, "Kenji Watanabe"), "", "", "kenji@example.jp", "", "", "");
	done(&r);
}

Test(addressbook, reads_outlook_desktop_in_windows_1252_without_honorifics_or_exchange_ids)
{
	loaded r;
	load_file("outlook.csv", NULL, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_person(&r, person(&r, "François Dupont"), "François", "Dupont",
	              "francois.dupont@socgen.example", "Société Générale", "Directeur",
	              "francois-dupont");
	/* "Dr." is the Title column (an honorific); the EX address is no e-mail address, so the
	 * second one is used. */
	assert_person(&r, person(&r, "John Smith"), "John", "Smith", "john.smith@corp.example",
	              "Corp Ltd", "", "");
	cr_assert(not(batch_contains(&r, "ExchangeLabs")));
	cr_assert(not(batch_contains(&r, "Mr.")));
	done(&r);
}

Test(addressbook, reads_outlook_com)
{
	loaded r;
	load_file("outlook-com.csv", NULL, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_person(&r, person(&r, "Maria Rossi"), "Maria", "Rossi",
	              "maria.rossi@fondazione.example", "Fondazione Aurora",
	              "Responsabile raccolta fondi", "maria-rossi-123");
	assert_person(&r, person(&r, "Tomás Ortega"), "Tomás", "Ortega", "tomas@ortega.example",
	              "Ortega & Hijos", "", "");
	done(&r);
}

Test(addressbook, reads_german_and_french_outlook_with_semicolons)
{
	loaded r;
	load_file("outlook-de.csv", NULL, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_person(&r, person(&r, "Jürgen Groß"), "Jürgen", "Groß",
	              "j.gross@buergerstiftung.example", "Bürgerstiftung Köln", "Vorstand",
	              "juergen-gross");
	assert_person(&r, person(&r, "Lukas Weiß"), "Lukas", "Weiß", "lukas@weiss.example",
	              "Weiß & Söhne GmbH", "", "");
	done(&r);
	load_file("outlook-fr.csv", NULL, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	assert_person(&r, person(&r, "Hélène Lefèvre"), "Hélène", "Lefèvre",
	              "helene.lefevre@fdf.example", "Fondation de France", "Chargée de mission",
	              "helene-lefevre");
	assert_person(&r, person(&r, "Éric Martin"), "Éric", "Martin", "", "Crédit Agricole",
	              "Directeur", "");
	cr_assert(not(batch_contains(&r, "Mme")));
	done(&r);
}

/* ---- header detection, one file at a time ---- */

typedef struct detect_case {
	char name[56];
	char csv[300];
	char kind[24];
	char first[24], last[24], full[32], email[32], company[24], title[24], slug[24];
} detect_case;

ParameterizedTestParameters(addressbook, detects_headers)
{
	static detect_case cases[] = {
	        {"a plain sheet",
	         "Name,Email,Company,Title,LinkedIn\nAl Bo,al@x.org,X,CEO,"
	         "linkedin.com/in/al-bo\n",
	         "people-csv", "", "", "Al Bo", "al@x.org", "X", "CEO", "al-bo"},
	        {"a title next to a job title is an honorific",
	         "Title,First Name,Last Name,Job Title\nDr.,Al,Bo,CTO\n", "people-csv", "Al", "Bo",
	         "Al Bo", "", "", "CTO", ""},
	        {"header below a preamble, CRLF",
	         "Exported 2024-05-01\r\n\r\nFirst Name,Last Name,E-mail Address\r\n"
	         "Al,Bo,al@x.org\r\n",
	         "people-csv", "Al", "Bo", "Al Bo", "al@x.org", "", "", ""},
	        {"column names in any case and punctuation",
	         "FIRST_NAME;last-name;E-MAIL;web site\n"
	         "Al;Bo;<al@x.org>;http://www.linkedin.com/in/AB\n",
	         "people-csv", "Al", "Bo", "Al Bo", "al@x.org", "", "", "ab"},
	        {"e-mail cells with several addresses",
	         "Name,Emails\nAl,\"n/a; Al <al@x.org>, b@y.org\"\n", "people-csv", "", "", "Al",
	         "al@x.org", "", "", ""},
	        {"a short row is padded with empty cells", "Name,Email,Company\nAl\n", "people-csv",
	         "", "", "Al", "", "", "", ""},
	        {"trailing empty cells are not extra cells", "Name,Email\nAl,al@x.org,,,\n",
	         "people-csv", "", "", "Al", "al@x.org", "", "", ""},
	        {"an ANSI (Windows-1252) file", "First Name,Last Name\nJos\xe9,N\xfa\xf1\x65z\n",
	         "people-csv", "José", "Núñez", "José Núñez", "", "", "", ""},
	        {"Google current by its e-mail groups",
	         "First Name,Last Name,E-mail 1 - Value\nA,B,a@b.co\n", "google-contacts", "A", "B",
	         "A B", "a@b.co", "", "", ""},
	        {"Outlook.com by its suffix column",
	         "First Name,Last Name,Suffix,E-mail Address\nA,B,Jr.,a@b.co\n", "outlook.com", "A",
	         "B", "A B", "a@b.co", "", "", ""},
	};
	return cr_make_param_array(detect_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(detect_case *t, addressbook, detects_headers)
{
	loaded r;
	load_text(t->csv, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s: %s", t->name, r.err);
	cr_assert(eq(str, (char *)text(&r, r.c.files[0].kind), t->kind), "%s", t->name);
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
	done(&r);
}

Test(addressbook, reads_utf16_without_a_bom_and_big_endian_with_one)
{
	static const char le[] = "N\0a\0m\0e\0\n\0Z\0o\0\xeb\0\n\0";
	static const char be[] = "\xfe\xff\0N\0a\0m\0e\0\n\0Z\0o\0\xeb\0\n";
	loaded r;
	load_n(le, sizeof(le) - 1, NULL, false, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(str, (char *)text(&r, r.c.people[1].full), "Zoë"));
	done(&r);
	load_n(be, sizeof(be) - 1, NULL, false, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(str, (char *)text(&r, r.c.people[1].full), "Zoë"));
	done(&r);
}

Test(addressbook, flags_a_linkedin_member_row_as_never_merged)
{
	loaded r;
	load_text("Name,Email\nLinkedIn Member,lm@x.org\n", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.people[1].flags, WP_PERSON_NEVER_MERGE));
	done(&r);
}

/* ---- column maps ---- */

Test(addressbook, reads_a_sheet_through_a_column_map)
{
	wp_addressbook_map m = {0};
	char err[WP_ERR_LEN] = "";
	static const char *const specs[] = {"Full name=name", "Work email=email",
	                                    "Organisation=company", "Role = TITLE",
	                                    " LinkedIn profile =url"};
	for (size_t i = 0; i < 5; i++)
		cr_assert(eq(int, wp_addressbook_map_add(&m, specs[i], err), WP_OK), "%s", err);
	cr_assert(eq(u32, m.count, 5));
	cr_assert(eq(str, m.entries[4].column, "LinkedIn profile"));
	cr_assert(eq(u32, m.entries[4].field, WP_AB_URL));
	loaded r;
	load_file("people.csv", &m, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(str, (char *)text(&r, r.c.files[0].kind), "people-csv"));
	cr_assert(eq(u64, r.c.files[0].rows, 4));
	cr_assert(eq(u64, r.c.files[0].used, 2));
	assert_owner_ties(&r);
	assert_person(&r, person(&r, "Grace Hopper"), "", "", "grace@navy.example", "US Navy",
	              "Rear Admiral", "grace-hopper");
	assert_person(&r, person(&r, "Lee, Min-jun"), "", "", "minjun@example.kr", "Samsung, Inc.",
	              "Engineer", "");
	cr_assert(eq(u32, r.c.people[1].line, 3));
	cr_assert(eq(u32, r.c.warnings.count, 2));
	cr_assert(eq(str, (char *)warning(&r, 0),
	             FIXTURES "people.csv:5: no name, e-mail address or LinkedIn URL; skipped"));
	cr_assert(eq(str, (char *)warning(&r, 1),
	             FIXTURES "people.csv:6: 6 cells, but the header on line 2 has 5; skipped"));
	cr_assert(not(batch_contains(&r, "Nobody Corp")));
	done(&r);
}

Test(addressbook, reads_only_the_mapped_columns)
{
	wp_addressbook_map m = {0};
	cr_assert(eq(int, wp_addressbook_map_add(&m, "E-mail 2 Address=email", NULL), WP_OK));
	loaded r;
	const char *csv = "First Name,E-mail Address,E-mail 2 Address\nAl,a1@x.org,a2@x.org\n";
	load_n(csv, strlen(csv), &m, false, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.c.people[1].full, 0));
	cr_assert(eq(str, (char *)text(&r, r.c.people[1].email), "a2@x.org"));
	done(&r);
}

#define X10 "xxxxxxxxxx"
#define X130 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10

typedef struct map_case {
	char spec[160];
	char err[240];
} map_case;

ParameterizedTestParameters(addressbook, rejects_bad_map_entries)
{
	static map_case cases[] = {
	        {"Email", "--map \"Email\": expected COLUMN=FIELD"},
	        {" = email", "--map \" = email\": the column name is empty"},
	        {"Phone=phone",
	         "--map \"Phone=phone\": unknown field \"phone\" (fields: first, last, name, "
	         "email, company, title, url)"},
	        {"Name=", "--map \"Name=\": unknown field \"\" (fields: first, last, name, email, "
	                  "company, title, url)"},
	        {"work_email=url",
	         "--map \"work_email=url\": column \"Work Email\" is already mapped (to email)"},
	        {X130 "=name", "--map \"" X130 "=name\": the column name is longer than 127 bytes"},
	};
	return cr_make_param_array(map_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(map_case *t, addressbook, rejects_bad_map_entries)
{
	wp_addressbook_map m = {0};
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_addressbook_map_add(&m, "Work Email=email", err), WP_OK));
	cr_assert(eq(int, wp_addressbook_map_add(&m, t->spec, err), WP_EARG), "%s", t->spec);
	cr_assert(eq(str, err, t->err));
	cr_assert(eq(u32, m.count, 1));
}

Test(addressbook, rejects_a_map_entry_over_the_limit)
{
	wp_addressbook_map m = {0};
	char spec[32], err[WP_ERR_LEN] = "";
	for (int i = 0; i < WP_ADDRESSBOOK_MAP_MAX; i++) {
		snprintf(spec, sizeof(spec), "c%d=url", i);
		cr_assert(eq(int, wp_addressbook_map_add(&m, spec, err), WP_OK), "%s", err);
	}
	cr_assert(eq(int, wp_addressbook_map_add(&m, "one more=url", err), WP_EARG));
	cr_assert(eq(str, err, "--map \"one more=url\": more than 32 mapped columns"));
}

/* ---- bad rows and errors ---- */

Test(addressbook, strict_mode_fails_on_the_first_bad_row)
{
	loaded r;
	const char *csv = "Name,Email\nAl,al@x.org\n,\"no address\"\n";
	load_n(csv, strlen(csv), NULL, true, &r);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err,
	             "a.csv:3: no name, e-mail address or LinkedIn URL; skipped (--strict rejects "
	             "the whole file)"));
	done(&r);
}

typedef struct error_case {
	char name[48];
	char csv[200];
	char map[64]; /* one map entry, or "" for detection */
	int status;
	char err[300];
} error_case;

ParameterizedTestParameters(addressbook, rejects_files)
{
	static error_case cases[] = {
	        {"empty file", "", "", WP_EINPUT, "a.csv:1: no rows: the file is empty"},
	        {"only a BOM", "\xEF\xBB\xBF", "", WP_EINPUT,
	         "a.csv:1: no rows: the file is empty"},
	        {"no header", "x,y\n1,2\n3,4\n", "", WP_EINPUT,
	         "a.csv:3: no rows: no address-book header in the first 10 lines (expected "
	         "Google Contacts, Outlook or columns such as Name and E-mail; name the columns "
	         "with --map COLUMN=FIELD)"},
	        {"a header and nothing else", "First Name,Last Name\r\n,\r\n", "", WP_EINPUT,
	         "a.csv:1: no rows: nothing follows the header"},
	        {"no row names a person", "Name,Company\n,A\n,B\n", "", WP_EINPUT,
	         "a.csv: no contacts: none of the 2 rows names a person (see the warnings)"},
	        {"a mapped column is missing", "Name,Mail\nAl,a@x.org\n", "Courriel=email",
	         WP_EINPUT,
	         "a.csv:2: no rows: no header with the mapped column \"Courriel\" in the first 10 "
	         "lines"},
	        {"a map without an identity column", "Name,Org\nAl,X\n", "Org=company", WP_EARG,
	         "a.csv: the column map names no first, last, name, email or url column"},
	        {"an unterminated quote", "Name\n\"Al\n", "", WP_EINPUT,
	         "a.csv:2: unterminated quoted field (it starts on this line)"},
	};
	return cr_make_param_array(error_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(error_case *t, addressbook, rejects_files)
{
	wp_addressbook_map m = {0};
	char err[WP_ERR_LEN] = "";
	if (t->map[0] != '\0')
		cr_assert(eq(int, wp_addressbook_map_add(&m, t->map, err), WP_OK), "%s", err);
	loaded r;
	load_n(t->csv, strlen(t->csv), t->map[0] ? &m : NULL, false, &r);
	cr_assert(eq(int, r.st, t->status), "%s: %s", t->name, r.err);
	cr_assert(eq(str, r.err, t->err), "%s", t->name);
	done(&r);
}

Test(addressbook, rejects_a_file_over_the_size_limit)
{
	wp_source src;
	FILE *f = fopen("/dev/zero", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	wp_source_from_file(&src, f, "zero.csv");
	loaded r;
	load_source(&src, NULL, false, &r);
	cr_assert(eq(int, r.st, WP_ELIMIT));
	cr_assert(eq(str, r.err,
	             "zero.csv: larger than 256 MiB, more than any address book holds: is it the "
	             "right file?"));
	done(&r);
	fclose(f);
}
