/* linkedin_profile.c - the member's own Profile.csv and Positions.csv from a LinkedIn archive.
 *
 * Profile.csv holds one row about the member (header in ../shared/FORMATS.md). Only the name is
 * read: it gives person 0 the first and last name LinkedIn shows, which is how the member appears
 * in other members' exports, and replaces person 0's display name with "First Last" (the batch
 * was started with the name typed on the command line, which the workspace receives separately to
 * identify the member). Maiden name, address, birth date, headline, summary, industry, zip code,
 * location, Twitter handles, websites and messenger ids are personal data that nothing in
 * warmpath uses (identity resolution needs slug, e-mail, name and company; warmth needs
 * evidence), so they are never read into the batch: data not kept cannot leak from a workspace.
 *
 * Positions.csv is the member's work history; each row becomes a wp_position_rec (company, title,
 * start and end month) from which the workspace derives shared-employer evidence. Descriptions
 * and locations are not kept. The member's current position (no Finished On; the latest start
 * among several) also gives person 0's company and title when the batch has none, so the
 * name-and-company identity key works for the member too. One pass each, O(rows).
 */
#include "importers/linkedin_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importers/dates.h"

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s == '\0';
}

/* s trimmed, stored in c; 0 when blank. */
static wp_status put(wp_contacts *c, const char *s, uint32_t *id, char *err)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	return wp_contacts_str(c, s, n, id, err);
}

/* Reads the next row that is not all empty, counts it and checks its width against the
 * header's; *ok false (and warned) when it has non-empty cells beyond the header. */
static wp_status next_row(wp_csvfile *csv, uint32_t header_fields, uint32_t file, wp_contacts *c,
                          bool *got, bool *ok, char *err)
{
	wp_status st = WP_OK;
	do
		WP_TRY(wp_csvfile_next(csv, got, err));
	while (*got && wp_csvfile_blank(csv));
	*ok = *got;
	if (!*got)
		return WP_OK;
	c->files[file].rows++;
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

/* ---- Profile.csv ---- */

enum { P_FIRST, P_LAST, P_COUNT };

static const char *const profile_columns[P_COUNT] = {
        [P_FIRST] = "First Name",
        [P_LAST] = "Last Name",
};

wp_status wpi_linkedin_profile(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	int col[P_COUNT];
	bool got, ok, done = false;
	char *full = NULL;
	WP_TRY(wpi_linkedin_header(csv, profile_columns, col, P_COUNT, err));
	const uint32_t header_fields = csv->count;
	for (;;) {
		WP_TRY(next_row(csv, header_fields, file, c, &got, &ok, err));
		if (!got)
			break;
		if (!ok || done)
			continue; /* one profile per file; later rows are counted, not used */
		const char *first = wpi_linkedin_field(csv, col[P_FIRST]);
		const char *last = wpi_linkedin_field(csv, col[P_LAST]);
		if (blank(first) && blank(last)) {
			WP_TRY(wp_contacts_warn(c, file, csv->row_line, err,
			                        "no First Name or Last Name; row skipped"));
			continue;
		}
		wp_person_rec *m = &c->people[0];
		WP_TRY(put(c, first, &m->first, err));
		WP_TRY(put(c, last, &m->last, err));
		const char *f = wp_contacts_text(c, m->first), *l = wp_contacts_text(c, m->last);
		size_t len = strlen(f) + strlen(l) + 2;
		full = malloc(len);
		if (full == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate the member's name");
		snprintf(full, len, "%s%s%s", f, f[0] && l[0] ? " " : "", l);
		WP_TRY(wp_contacts_str(c, full, strlen(full), &m->full, err));
		free(full);
		full = NULL;
		c->files[file].used++;
		done = true;
	}
	return WP_OK;
fail:
	free(full);
	return st;
}

/* ---- Positions.csv ---- */

enum { J_COMPANY, J_TITLE, J_STARTED, J_FINISHED, J_COUNT };

static const char *const position_columns[J_COUNT] = {
        [J_COMPANY] = "Company Name",
        [J_TITLE] = "Title",
        [J_STARTED] = "?Started On",
        [J_FINISHED] = "?Finished On",
};

/* Parses a month in column `name`: 0 for an empty cell; *ok false (and warned) otherwise. */
static wp_status row_month(wp_csvfile *csv, int col, const char *name, uint32_t file,
                           wp_contacts *c, int32_t *month, bool *ok, char *err)
{
	wp_status st = WP_OK;
	const char *s = wpi_linkedin_field(csv, col);
	*month = 0;
	*ok = true;
	if (blank(s) || wp_date_parse_month(s, month))
		return WP_OK;
	*ok = false;
	WP_TRY(wp_contacts_warn(c, file, csv->row_line, err,
	                        "%s \"%.40s\" is not a month; row skipped", name, s));
	return WP_OK;
fail:
	return st;
}

wp_status wpi_linkedin_positions(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	int col[J_COUNT];
	bool got, ok;
	uint32_t current = UINT32_MAX; /* index in c->positions of the current job */
	WP_TRY(wpi_linkedin_header(csv, position_columns, col, J_COUNT, err));
	const uint32_t header_fields = csv->count;
	for (;;) {
		WP_TRY(next_row(csv, header_fields, file, c, &got, &ok, err));
		if (!got)
			break;
		if (!ok)
			continue;
		const char *company = wpi_linkedin_field(csv, col[J_COMPANY]);
		if (blank(company)) {
			WP_TRY(wp_contacts_warn(c, file, csv->row_line, err,
			                        "no Company Name; row skipped"));
			continue;
		}
		wp_position_rec p = {0};
		WP_TRY(row_month(csv, col[J_STARTED], "Started On", file, c, &p.start_month, &ok,
		                 err));
		if (!ok)
			continue;
		WP_TRY(row_month(csv, col[J_FINISHED], "Finished On", file, c, &p.end_month, &ok,
		                 err));
		if (!ok)
			continue;
		if (p.start_month != 0 && p.end_month != 0 && p.end_month < p.start_month) {
			WP_TRY(wp_contacts_warn(c, file, csv->row_line, err,
			                        "Finished On is before Started On; row skipped"));
			continue;
		}
		WP_TRY(put(c, company, &p.company, err));
		WP_TRY(put(c, wpi_linkedin_field(csv, col[J_TITLE]), &p.title, err));
		WP_TRY(wp_contacts_add_position(c, &p, err));
		if (p.end_month == 0 &&
		    (current == UINT32_MAX || p.start_month > c->positions[current].start_month))
			current = c->positions_count - 1;
		c->files[file].used++;
	}
	if (current != UINT32_MAX && c->people[0].company == 0) {
		c->people[0].company = c->positions[current].company;
		c->people[0].position = c->positions[current].title;
	}
	return WP_OK;
fail:
	return st;
}
