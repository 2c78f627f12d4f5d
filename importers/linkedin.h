/* linkedin.h - reading a member's LinkedIn data archive into a contact batch.
 *
 * LinkedIn's "Get a copy of your data" gives a zip of CSV files (docs: ../shared/FORMATS.md).
 * The importer takes the zip as downloaded, the folder it was extracted to, or one of its CSV
 * files, finds the files it knows by name (case, spaces, underscores and the .csv extension do
 * not matter: "Company Follows.csv" == "company_follows.csv"), ignores the others, and parses
 * Connections, messages, Invitations, Recommendations, Endorsements, Profile, Positions and Notes
 * into a wp_contacts (engine/contacts.h). Each file is streamed row by row; message subjects
 * and bodies are never stored. Pre-2023 exports lack profile URLs in Connections.csv: those are
 * backfilled from the same archive's messages, invitations and endorsements where the normalised
 * names match exactly one URL.
 */
#ifndef WP_LINKEDIN_H
#define WP_LINKEDIN_H

#include <stdint.h>

#include "engine/status.h"
#include "engine/contacts.h"

/* Limits that keep a hostile zip (a "zip bomb") from exhausting memory or time. */
typedef struct wp_linkedin_opts {
	uint64_t max_entry_bytes; /* largest uncompressed archive member read */
	uint64_t max_entries;     /* most members an archive may hold */
} wp_linkedin_opts;

#define WP_LINKEDIN_DEFAULTS \
	((wp_linkedin_opts){.max_entry_bytes = 512ull << 20, .max_entries = 10000})

/* Reads the archive, folder or CSV file at path into c, which the caller has started with
 * wp_contacts_init (the member is person 0; c->strict decides whether a bad row fails the
 * import). Files are read in a fixed order (Profile, Positions, Connections, Invitations,
 * Endorsements, Recommendations, Notes, messages) whatever the archive's order. A known file with
 * no data rows, an unreadable file, a single file whose name is not a known LinkedIn file, a
 * folder or archive holding none, or an archive over a limit fails with a message naming the
 * file and line. On error c holds whatever was read before the failure; the caller discards it
 * (the workspace stores a batch only whole). Linear in the archive's size. */
wp_status wp_import_linkedin(const char *path, wp_contacts *c, char *err);

/* Whether the base name of path names one of the archive's files that warmpath reads
 * (Connections.csv, messages.csv, ...), matched as the importer matches them: case, spaces and
 * underscores ignored, ".csv" (and ".gz") and a download's " (1)" copy marker stripped; or
 * whether the file, whatever its name, holds the legacy API's connections XML (recognised by its
 * first element: importers/linkedin_xml.h), which wp_import_linkedin then reads. */
bool wp_linkedin_is_file(const char *path);

/* wp_import_linkedin with explicit limits (opts NULL = WP_LINKEDIN_DEFAULTS). */
wp_status wp_import_linkedin_opts(const char *path, const wp_linkedin_opts *opts, wp_contacts *c,
                                  char *err);

#endif
