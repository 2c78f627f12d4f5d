/* linkedin_connections.c - Connections.csv of a LinkedIn archive, every era.
 *
 * Eras (../shared/FORMATS.md): with or without the "Notes:" preamble (three lines before the
 * header since 2021-2022), with or without the URL column (mid-2023), and Excel re-saves (BOM,
 * CRLF, ';', "7-Feb-22" dates, lost columns). The header is found by wpi_linkedin_header, so the
 * preamble is simply a few rows that do not qualify; only First Name and Last Name are required,
 * every other column is read by name when present. Each data row gives a person and a
 * WP_EV_CONNECTION from the member (person 0) dated Connected On. A row with nothing but the
 * date is a hidden or closed profile: counted in the report's `hidden`, no person made. One pass,
 * O(1) work per row besides the strings kept.
 */
#include "importers/linkedin_internal.h"

#include <stdio.h>
#include <string.h>

#include "importers/dates.h"

enum { C_FIRST, C_LAST, C_URL, C_EMAIL, C_COMPANY, C_POSITION, C_CONNECTED, C_COUNT };

static const char *const columns_wanted[C_COUNT] = {
        [C_FIRST] = "First Name",        [C_LAST] = "Last Name",
        [C_URL] = "?URL|Profile URL",    [C_EMAIL] = "?Email Address|E-mail Address|Email",
        [C_COMPANY] = "?Company",        [C_POSITION] = "?Position",
        [C_CONNECTED] = "?Connected On",
};

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

wp_status wpi_linkedin_connections(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	int col[C_COUNT];
	WP_TRY(wpi_linkedin_header(csv, columns_wanted, col, C_COUNT, err));
	const uint32_t header_fields = csv->count;
	for (;;) {
		bool got = false;
		WP_TRY(wp_csvfile_next(csv, &got, err));
		if (!got)
			break;
		if (wp_csvfile_blank(csv))
			continue; /* ",,,,,," padding rows of an Excel re-save */
		uint64_t line = csv->row_line;
		wp_file_report *r = &c->files[file];
		r->rows++;
		/* More cells than the header, some not empty: an unquoted comma shifted the row. */
		bool extra = false;
		for (uint32_t i = header_fields; i < csv->count; i++)
			if (!blank(csv->fields[i]))
				extra = true;
		if (extra) {
			WP_TRY(wp_contacts_warn(c, file, line, err,
			                        "%u fields where the header has %u (an unquoted "
			                        "comma?); row skipped",
			                        csv->count, header_fields));
			continue;
		}
		const char *first = wpi_linkedin_field(csv, col[C_FIRST]);
		const char *last = wpi_linkedin_field(csv, col[C_LAST]);
		const char *url = wpi_linkedin_field(csv, col[C_URL]);
		const char *email = wpi_linkedin_field(csv, col[C_EMAIL]);
		const char *company = wpi_linkedin_field(csv, col[C_COMPANY]);
		const char *position = wpi_linkedin_field(csv, col[C_POSITION]);
		const char *date = wpi_linkedin_field(csv, col[C_CONNECTED]);
		if (blank(first) && blank(last) && blank(url) && blank(email) && blank(company) &&
		    blank(position)) {
			r->hidden++; /* a hidden or closed profile: only the date */
			continue;
		}
		int64_t when = 0;
		if (!blank(date) && !wp_date_parse(date, &when)) {
			WP_TRY(wp_contacts_warn(c, file, line, err,
			                        "Connected On \"%.40s\" is not a date; row skipped",
			                        date));
			continue;
		}
		uint32_t person = 0;
		uint32_t at = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
		WP_TRY(wpi_linkedin_person(c, first, last, url, email, company, position, file, at,
		                           &person, err));
		wp_evidence_rec e = {.a = 0,
		                     .b = person,
		                     .kind = WP_EV_CONNECTION,
		                     .first = when,
		                     .file = file,
		                     .line = at};
		WP_TRY(wp_contacts_add_evidence(c, &e, err));
		c->files[file].used++;
	}
	return WP_OK;
fail:
	return st;
}
