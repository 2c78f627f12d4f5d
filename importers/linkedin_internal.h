/* linkedin_internal.h - what the LinkedIn archive's per-file parsers share (not installed).
 *
 * importers/linkedin.c finds the archive's files (zip, folder or single CSV), opens each as a
 * wp_csvfile, starts its file report with wp_contacts_add_file and calls the file's parser below
 * with that report's index. A parser:
 *   - finds its header with wpi_linkedin_header (never a fixed skip) and reads the columns by
 *     name through wpi_linkedin_field (a short row gives "" for missing cells);
 *   - counts every data row in c->files[file].rows, rows that produced a person or evidence in
 *     .used, hidden-profile rows in .hidden; bad rows go to wp_contacts_warn (which counts them
 *     as skipped) and the parser stops if that returns an error (strict mode);
 *   - adds people through wpi_linkedin_person, so names, slugs and e-mail addresses are
 *     normalised in one place, and evidence with wp_contacts_add_evidence (the member is person
 *     0); dates go through wp_date_parse (importers/dates.h);
 *   - never stores message, note or recommendation text.
 * After a parser returns WP_OK, linkedin.c fails the import if the file had zero data rows
 * ("<file>:<line>: no rows: ..."), so parsers need not check that themselves. After all files,
 * linkedin.c backfills missing slugs from people of the same archive whose names match uniquely.
 */
#ifndef WP_LINKEDIN_INTERNAL_H
#define WP_LINKEDIN_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/status.h"
#include "engine/contacts.h"
#include "importers/csvfile.h"

/* How many rows wpi_linkedin_header examines before giving up. */
#define WPI_LINKEDIN_HEADER_SCAN 10

/* Finds the header among the first WPI_LINKEDIN_HEADER_SCAN rows of csv: the first row holding
 * every required name of names[0..ncols). Each names[i] is a column name compared with
 * wp_csv_name_eq ("Connected On" matches "connected_on"); "A|B" accepts either spelling; a
 * leading '?' marks the column optional ("?URL"). On success columns[i] holds the field index of
 * names[i] (-1 for an absent optional column) and the next wp_csvfile_next returns the first
 * data row. If no row qualifies (an empty file, a preamble only, another file's header) it fails
 * with WP_EINPUT and "<file>:<line>: no rows: no header with First Name, Last Name, ... in the
 * first 10 lines" (required names only, first spellings), <line> being the last line examined
 * (1 for an empty file). Read errors of csv are passed on. */
wp_status wpi_linkedin_header(wp_csvfile *csv, const char *const *names, int *columns, int ncols,
                              char *err);

/* The current row's cell in column `col` (an index from wpi_linkedin_header), or "" when col is
 * -1 or the row is shorter. Valid until the next wp_csvfile_next. */
static inline const char *wpi_linkedin_field(const wp_csvfile *csv, int col)
{
	return col >= 0 && (uint32_t)col < csv->count ? csv->fields[col] : "";
}

/* Adds a person mentioned on `line` of file `file` and returns its index in *index. first and
 * last are the name parts as exported; when last is NULL, first is a full display name ("Zoë
 * Brandt") kept as `full` with no parts. url (any linkedin.com/in/ or /pub/ form, with or
 * without scheme) is stored as its slug (wp_identity_slug; a non-profile URL is dropped), email
 * lower-cased if it looks like an address, company and position as given; any argument may be
 * NULL or "". Surrounding spaces are trimmed. The person gets WP_PERSON_NEVER_MERGE when the
 * name is "LinkedIn Member" or "private", or empty without a profile URL to identify them
 * (wp_identity_never_merge). Always appends: the
 * workspace, not the parser, decides who is who. O(length of the strings). */
wp_status wpi_linkedin_person(wp_contacts *c, const char *first, const char *last, const char *url,
                              const char *email, const char *company, const char *position,
                              uint32_t file, uint32_t line, uint32_t *index, char *err);

/* Records the member's own profile URL (from Invitations' OUTGOING inviterProfileUrl, say) as
 * person 0's slug, unless person 0 already has one or url is not a profile URL. */
wp_status wpi_linkedin_member_url(wp_contacts *c, const char *url, char *err);

/* The per-file parsers. Each reads csv (opened by linkedin.c, header not yet read) to its end
 * and reports into c->files[file]. */

/* Connections.csv (linkedin_connections.c): WP_EV_CONNECTION member -> person, first = Connected
 * On; hidden-profile rows counted in .hidden. */
wp_status wpi_linkedin_connections(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err);

/* messages.csv (linkedin_messages.c): WP_EV_MESSAGES member <-> counterpart, WP_EV_GROUP_THREAD
 * between the other participants of group conversations. */
wp_status wpi_linkedin_messages(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err);

/* Invitations.csv: WP_EV_INVITATION in the exported direction. */
wp_status wpi_linkedin_invitations(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err);

/* Recommendations_Received.csv (given = false) and Recommendations_Given.csv (given = true):
 * WP_EV_RECOMMENDATION from recommender to recommendee. */
wp_status wpi_linkedin_recommendations(wp_csvfile *csv, uint32_t file, bool given, wp_contacts *c,
                                       char *err);

/* Endorsement_Received_Info.csv (given = false) and Endorsement_Given_Info.csv (given = true):
 * WP_EV_ENDORSEMENT from endorser to endorsee. */
wp_status wpi_linkedin_endorsements(wp_csvfile *csv, uint32_t file, bool given, wp_contacts *c,
                                    char *err);

/* Profile.csv: the member's own name (person 0), nothing else stored. */
wp_status wpi_linkedin_profile(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err);

/* Positions.csv: the member's work history into c->positions. */
wp_status wpi_linkedin_positions(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err);

/* Notes.csv (2026): WP_EV_NOTE member -> person, first/last = Created On/Edited On. */
wp_status wpi_linkedin_notes(wp_csvfile *csv, uint32_t file, wp_contacts *c, char *err);

#endif
