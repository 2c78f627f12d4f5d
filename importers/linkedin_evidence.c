/* linkedin_evidence.c - Invitations, Recommendations, Endorsements and Notes of a LinkedIn archive.
 *
 * The smaller files that carry tie evidence besides Connections and messages (headers in
 * ../shared/FORMATS.md). Each is one pass over its rows, with columns found by name; only names,
 * profile URLs, companies, titles, dates and counts are kept. Invitation messages, recommendation
 * texts and note texts are never read into the batch (their columns are not even looked up).
 *
 * Decisions:
 *   - Invitations: Direction decides who invited whom (OUTGOING: member -> To, INCOMING: From ->
 *     member); the member's own profile URL, which Profile.csv lacks, is taken from the inviter
 *     (OUTGOING) or invitee (INCOMING) URL column of late-2023+ exports.
 *   - Recommendations count whatever their Status (VISIBLE, HIDDEN, PENDING, ...): the status is
 *     the recipient's display choice, while the evidence is that the recommender wrote one, which
 *     is what makes a tie strong. The status is not stored.
 *   - Endorsements are aggregated per endorsing (or endorsed) person: one WP_EV_ENDORSEMENT with
 *     sent = the number of distinct skills (case-insensitive) and first/last = the earliest and
 *     latest dates. A person is keyed by profile slug when the URL column (mid-2023+) gives one,
 *     else by normalised name; "LinkedIn Member" and nameless rows without a URL are never
 *     grouped (each is its own person, never merged). Every Endorsement Status counts: the other
 *     person endorsed, whether or not the member chose to show it. Aggregation sorts the rows:
 *     O(r log r) for r rows.
 *   - Notes: first = Created On, last = Edited On (Created On when never edited).
 *   - A date that does not parse is a bad row (warned, skipped); an empty date is unknown (0).
 */
#include "importers/linkedin_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/identity.h"
#include "engine/strtab.h"
#include "importers/dates.h"

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s == '\0';
}

static uint32_t line32(uint64_t line)
{
	return line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
}

/* Counts the current data row and checks it against the header's width. *ok is false (and the
 * row warned about) when it has non-empty cells beyond the header: an unquoted comma shifted
 * it, so no cell can be trusted. */
static wp_status begin_row(wp_csvfile *csv, uint32_t header_fields, uint32_t file, wp_contacts *c,
                           bool *ok, char *err)
{
	wp_status st = WP_OK;
	c->files[file].rows++;
	*ok = true;
	for (uint32_t i = header_fields; i < csv->count; i++)
		if (!blank(csv->fields[i])) {
			*ok = false;
			WP_TRY(wp_contacts_warn(c, file, csv->row_line, err,
			                        "%u fields where the header has %u (an unquoted "
			                        "comma?); row skipped",
			                        csv->count, header_fields));
			break;
		}
	return WP_OK;
fail:
	return st;
}

/* Parses the date in column `name`; an empty cell is 0. *ok is false (and the row warned about)
 * when the cell is not a date. */
static wp_status row_date(wp_csvfile *csv, int col, const char *name, uint32_t file, wp_contacts *c,
                          int64_t *t, bool *ok, char *err)
{
	wp_status st = WP_OK;
	const char *s = wpi_linkedin_field(csv, col);
	*t = 0;
	*ok = true;
	if (blank(s) || wp_date_parse(s, t))
		return WP_OK;
	*ok = false;
	WP_TRY(wp_contacts_warn(c, file, csv->row_line, err,
	                        "%s \"%.40s\" is not a date; row "
	                        "skipped",
	                        name, s));
	return WP_OK;
fail:
	return st;
}

/* Reads the next row that is not all empty; *got false at the end. */
static wp_status next_row(wp_csvfile *csv, bool *got, char *err)
{
	wp_status st = WP_OK;
	do
		WP_TRY(wp_csvfile_next(csv, got, err));
	while (*got && wp_csvfile_blank(csv));
	return WP_OK;
fail:
	return st;
}

/* ---- Invitations.csv ---- */

enum { I_FROM, I_TO, I_SENT, I_DIRECTION, I_FROM_URL, I_TO_URL, I_COUNT };

static const char *const invitation_columns[I_COUNT] = {
        [I_FROM] = "From",
        [I_TO] = "To",
        [I_SENT] = "Sent At",
        [I_DIRECTION] = "Direction",
        [I_FROM_URL] = "?inviterProfileUrl",
        [I_TO_URL] = "?inviteeProfileUrl",
};

wp_status wpi_linkedin_invitations(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	int col[I_COUNT];
	bool got, ok;
	WP_TRY(wpi_linkedin_header(csv, invitation_columns, col, I_COUNT, err));
	const uint32_t header_fields = csv->count;
	for (;;) {
		WP_TRY(next_row(csv, &got, err));
		if (!got)
			break;
		uint32_t line = line32(csv->row_line);
		WP_TRY(begin_row(csv, header_fields, file, c, &ok, err));
		if (!ok)
			continue;
		const char *dir = wpi_linkedin_field(csv, col[I_DIRECTION]);
		while (*dir == ' ')
			dir++;
		bool outgoing = wp_csv_name_eq(dir, "OUTGOING");
		if (!outgoing && !wp_csv_name_eq(dir, "INCOMING")) {
			WP_TRY(wp_contacts_warn(c, file, line, err,
			                        "Direction \"%.40s\" is neither INCOMING nor "
			                        "OUTGOING; row skipped",
			                        dir));
			continue;
		}
		int64_t when;
		WP_TRY(row_date(csv, col[I_SENT], "Sent At", file, c, &when, &ok, err));
		if (!ok)
			continue;
		const char *name = wpi_linkedin_field(csv, col[outgoing ? I_TO : I_FROM]);
		const char *url = wpi_linkedin_field(csv, col[outgoing ? I_TO_URL : I_FROM_URL]);
		const char *own = wpi_linkedin_field(csv, col[outgoing ? I_FROM_URL : I_TO_URL]);
		if (blank(name) && blank(url)) {
			WP_TRY(wp_contacts_warn(c, file, line, err,
			                        "no name or profile URL for the %s; row skipped",
			                        outgoing ? "invitee (To)" : "inviter (From)"));
			continue;
		}
		uint32_t person;
		WP_TRY(wpi_linkedin_person(c, name, NULL, url, NULL, NULL, NULL, file, line,
		                           &person, err));
		if (!blank(own))
			WP_TRY(wpi_linkedin_member_url(c, own, err));
		wp_evidence_rec e = {.a = outgoing ? 0 : person,
		                     .b = outgoing ? person : 0,
		                     .kind = WP_EV_INVITATION,
		                     .first = when,
		                     .file = file,
		                     .line = line};
		WP_TRY(wp_contacts_add_evidence(c, &e, err));
		c->files[file].used++;
	}
	return WP_OK;
fail:
	return st;
}

/* ---- Recommendations_Received.csv, Recommendations_Given.csv ---- */

enum { R_FIRST, R_LAST, R_COMPANY, R_TITLE, R_DATE, R_COUNT };

static const char *const recommendation_columns[R_COUNT] = {
        [R_FIRST] = "First Name", [R_LAST] = "Last Name",      [R_COMPANY] = "?Company",
        [R_TITLE] = "?Job Title", [R_DATE] = "?Creation Date",
};

wp_status wpi_linkedin_recommendations(wp_csvfile *csv, uint32_t file, bool given, wp_contacts *c,
                                       char *err)
{
	wp_status st = WP_OK;
	int col[R_COUNT];
	bool got, ok;
	WP_TRY(wpi_linkedin_header(csv, recommendation_columns, col, R_COUNT, err));
	const uint32_t header_fields = csv->count;
	for (;;) {
		WP_TRY(next_row(csv, &got, err));
		if (!got)
			break;
		uint32_t line = line32(csv->row_line);
		WP_TRY(begin_row(csv, header_fields, file, c, &ok, err));
		if (!ok)
			continue;
		const char *first = wpi_linkedin_field(csv, col[R_FIRST]);
		const char *last = wpi_linkedin_field(csv, col[R_LAST]);
		if (blank(first) && blank(last)) {
			WP_TRY(wp_contacts_warn(c, file, line, err,
			                        "no name of the %s; row skipped",
			                        given ? "recommended person" : "recommender"));
			continue;
		}
		int64_t when;
		WP_TRY(row_date(csv, col[R_DATE], "Creation Date", file, c, &when, &ok, err));
		if (!ok)
			continue;
		uint32_t person;
		WP_TRY(wpi_linkedin_person(
		        c, first, last, NULL, NULL, wpi_linkedin_field(csv, col[R_COMPANY]),
		        wpi_linkedin_field(csv, col[R_TITLE]), file, line, &person, err));
		wp_evidence_rec e = {.a = given ? 0 : person,
		                     .b = given ? person : 0,
		                     .kind = WP_EV_RECOMMENDATION,
		                     .first = when,
		                     .file = file,
		                     .line = line};
		WP_TRY(wp_contacts_add_evidence(c, &e, err));
		c->files[file].used++;
	}
	return WP_OK;
fail:
	return st;
}

/* ---- Endorsement_Received_Info.csv, Endorsement_Given_Info.csv ---- */

enum { E_DATE, E_SKILL, E_FIRST, E_LAST, E_URL, E_COUNT };

static const char *const endorsement_received_columns[E_COUNT] = {
        [E_DATE] = "Endorsement Date",     [E_SKILL] = "Skill Name",
        [E_FIRST] = "Endorser First Name", [E_LAST] = "Endorser Last Name",
        [E_URL] = "?Endorser Public Url",
};

static const char *const endorsement_given_columns[E_COUNT] = {
        [E_DATE] = "Endorsement Date",     [E_SKILL] = "Skill Name",
        [E_FIRST] = "Endorsee First Name", [E_LAST] = "Endorsee Last Name",
        [E_URL] = "?Endorsee Public Url",
};

/* One endorsement row, kept until the file is read. Strings are ids in a scratch table. */
typedef struct endorsement {
	uint32_t key; /* who: "s:<slug>", "n:<name key>" or "r:<line>" */
	uint32_t first, last, url;
	uint64_t skill; /* hash of the lower-cased skill name */
	int64_t when;
	uint32_t line;
} endorsement;

/* FNV-1a of s, ASCII lower-cased, so "Fundraising" and "fundraising" are one skill. */
static uint64_t skill_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		h = (h ^ ch) * 1099511628211ull;
	}
	return h;
}

/* A row as qsort sees it: qsort passes no context, so each element carries what it is compared
 * by (no global state: parsers of different batches may run in different threads). */
typedef struct by_key {
	const wp_strtab *strings;
	const endorsement *rows;
	uint32_t row;
} by_key;

static int by_key_cmp(const void *a, const void *b)
{
	const by_key *x = a, *y = b;
	int r = strcmp(wp_strtab_get(x->strings, x->rows[x->row].key),
	               wp_strtab_get(y->strings, y->rows[y->row].key));
	if (r != 0)
		return r;
	return (x->rows[x->row].line > y->rows[y->row].line) -
	       (x->rows[x->row].line < y->rows[y->row].line);
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* One person's endorsements, as evidence to add in file order. */
typedef struct endorsement_group {
	uint32_t row;        /* the person's first row */
	uint32_t rows;       /* how many rows */
	uint32_t skills;     /* distinct skills */
	int64_t first, last; /* dates, 0 = unknown */
} endorsement_group;

static int group_cmp(const void *a, const void *b)
{
	const endorsement_group *x = a, *y = b;
	return (x->row > y->row) - (x->row < y->row);
}

static wp_status str_of(wp_strtab *t, const char *s, uint32_t *id, char *err)
{
	*id = t->count;
	return wp_strtab_append(t, s, strlen(s), err);
}

/* Reads the rows into *rows (n of them). */
static wp_status read_endorsements(wp_csvfile *csv, uint32_t file, wp_contacts *c, const int *col,
                                   wp_strtab *strings, endorsement **rows, uint32_t *n, char *err)
{
	wp_status st = WP_OK;
	uint32_t cap = 0;
	bool got, ok;
	char key[WP_KEY_LEN + 2], slug[WP_KEY_LEN], name_key[WP_KEY_LEN];
	const uint32_t header_fields = csv->count;
	for (;;) {
		WP_TRY(next_row(csv, &got, err));
		if (!got)
			break;
		uint32_t line = line32(csv->row_line);
		WP_TRY(begin_row(csv, header_fields, file, c, &ok, err));
		if (!ok)
			continue;
		const char *first = wpi_linkedin_field(csv, col[E_FIRST]);
		const char *last = wpi_linkedin_field(csv, col[E_LAST]);
		const char *url = wpi_linkedin_field(csv, col[E_URL]);
		if (blank(first) && blank(last) && blank(url)) {
			WP_TRY(wp_contacts_warn(c, file, line, err,
			                        "no name or profile URL; row skipped"));
			continue;
		}
		endorsement e = {.line = line};
		WP_TRY(row_date(csv, col[E_DATE], "Endorsement Date", file, c, &e.when, &ok, err));
		if (!ok)
			continue;
		size_t fl = strlen(first), ll = strlen(last);
		char *full = malloc(fl + ll + 2);
		if (full == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate a name");
		snprintf(full, fl + ll + 2, "%s %s", first, last);
		if (!blank(url) && wp_identity_slug(url, slug))
			snprintf(key, sizeof(key), "s:%s", slug);
		else if (!wp_identity_never_merge(full) && wp_identity_name_key(full, name_key))
			snprintf(key, sizeof(key), "n:%s", name_key);
		else
			snprintf(key, sizeof(key), "r:%u", line);
		free(full);
		e.skill = skill_hash(wpi_linkedin_field(csv, col[E_SKILL]));
		WP_TRY(str_of(strings, key, &e.key, err));
		WP_TRY(str_of(strings, first, &e.first, err));
		WP_TRY(str_of(strings, last, &e.last, err));
		WP_TRY(str_of(strings, url, &e.url, err));
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			endorsement *r = realloc(*rows, (size_t)cap * sizeof(*r));
			if (r == NULL)
				WP_FAIL(WP_ENOMEM, "cannot allocate %u endorsements", cap);
			*rows = r;
		}
		(*rows)[(*n)++] = e;
	}
	return WP_OK;
fail:
	return st;
}

wp_status wpi_linkedin_endorsements(wp_csvfile *csv, uint32_t file, bool given, wp_contacts *c,
                                    char *err)
{
	wp_status st = WP_OK;
	int col[E_COUNT];
	wp_strtab strings = {0};
	endorsement *rows = NULL;
	by_key *order = NULL;
	uint64_t *skills = NULL;
	endorsement_group *groups = NULL;
	uint32_t n = 0, ngroups = 0;
	WP_TRY(wpi_linkedin_header(csv,
	                           given ? endorsement_given_columns : endorsement_received_columns,
	                           col, E_COUNT, err));
	WP_TRY(read_endorsements(csv, file, c, col, &strings, &rows, &n, err));
	order = malloc(((size_t)n + 1) * sizeof(*order));
	skills = malloc(((size_t)n + 1) * sizeof(*skills));
	groups = malloc(((size_t)n + 1) * sizeof(*groups));
	if (order == NULL || skills == NULL || groups == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate the order of %u endorsements", n);
	for (uint32_t i = 0; i < n; i++)
		order[i] = (by_key){.strings = &strings, .rows = rows, .row = i};
	qsort(order, n, sizeof(*order), by_key_cmp);
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i;
		const char *key = wp_strtab_get(&strings, rows[order[i].row].key);
		endorsement_group g = {.row = order[i].row};
		while (j < n && strcmp(wp_strtab_get(&strings, rows[order[j].row].key), key) == 0) {
			const endorsement *e = &rows[order[j].row];
			skills[j - i] = e->skill;
			if (e->when != 0 && (g.first == 0 || e->when < g.first))
				g.first = e->when;
			if (e->when > g.last)
				g.last = e->when;
			j++;
		}
		g.rows = j - i;
		qsort(skills, g.rows, sizeof(*skills), u64_cmp);
		for (uint32_t k = 0; k < g.rows; k++)
			if (k == 0 || skills[k] != skills[k - 1])
				g.skills++;
		groups[ngroups++] = g;
		i = j;
	}
	/* Rows are numbered in file order, so sorting by first row restores it. */
	qsort(groups, ngroups, sizeof(*groups), group_cmp);
	for (uint32_t i = 0; i < ngroups; i++) {
		const endorsement *e = &rows[groups[i].row];
		uint32_t person;
		WP_TRY(wpi_linkedin_person(c, wp_strtab_get(&strings, e->first),
		                           wp_strtab_get(&strings, e->last),
		                           wp_strtab_get(&strings, e->url), NULL, NULL, NULL, file,
		                           e->line, &person, err));
		wp_evidence_rec ev = {.a = given ? 0 : person,
		                      .b = given ? person : 0,
		                      .kind = WP_EV_ENDORSEMENT,
		                      .sent = groups[i].skills,
		                      .first = groups[i].first,
		                      .last = groups[i].last,
		                      .file = file,
		                      .line = e->line};
		WP_TRY(wp_contacts_add_evidence(c, &ev, err));
		c->files[file].used += groups[i].rows;
	}
	free(groups);
	free(skills);
	free(order);
	free(rows);
	wp_strtab_free(&strings);
	return WP_OK;
fail:
	free(groups);
	free(skills);
	free(order);
	free(rows);
	wp_strtab_free(&strings);
	return st;
}

/* ---- Notes.csv ---- */

enum { N_FIRST, N_LAST, N_URL, N_CREATED, N_EDITED, N_COUNT };

static const char *const note_columns[N_COUNT] = {
        [N_FIRST] = "Connection First Name", [N_LAST] = "Connection Last Name",
        [N_URL] = "?Connection Profile URL", [N_CREATED] = "?Created On",
        [N_EDITED] = "?Edited On",
};

wp_status wpi_linkedin_notes(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	int col[N_COUNT];
	bool got, ok;
	WP_TRY(wpi_linkedin_header(csv, note_columns, col, N_COUNT, err));
	const uint32_t header_fields = csv->count;
	for (;;) {
		WP_TRY(next_row(csv, &got, err));
		if (!got)
			break;
		uint32_t line = line32(csv->row_line);
		WP_TRY(begin_row(csv, header_fields, file, c, &ok, err));
		if (!ok)
			continue;
		const char *first = wpi_linkedin_field(csv, col[N_FIRST]);
		const char *last = wpi_linkedin_field(csv, col[N_LAST]);
		const char *url = wpi_linkedin_field(csv, col[N_URL]);
		if (blank(first) && blank(last) && blank(url)) {
			WP_TRY(wp_contacts_warn(c, file, line, err,
			                        "no name or profile URL; row skipped"));
			continue;
		}
		int64_t created, edited;
		WP_TRY(row_date(csv, col[N_CREATED], "Created On", file, c, &created, &ok, err));
		if (!ok)
			continue;
		WP_TRY(row_date(csv, col[N_EDITED], "Edited On", file, c, &edited, &ok, err));
		if (!ok)
			continue;
		uint32_t person;
		WP_TRY(wpi_linkedin_person(c, first, last, url, NULL, NULL, NULL, file, line,
		                           &person, err));
		wp_evidence_rec e = {.a = 0,
		                     .b = person,
		                     .kind = WP_EV_NOTE,
		                     .first = created,
		                     .last = edited != 0 ? edited : created,
		                     .file = file,
		                     .line = line};
		WP_TRY(wp_contacts_add_evidence(c, &e, err));
		c->files[file].used++;
	}
	return WP_OK;
fail:
	return st;
}
