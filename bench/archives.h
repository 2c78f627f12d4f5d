/* archives.h - synthetic LinkedIn data archives of a fictional non-profit, from a fixed seed.
 *
 * The Lumen Literacy Collective has staff, a board and volunteers ("members"); each member
 * downloads their LinkedIn archive, and warmpath merges them. This generator writes one
 * Basic_LinkedInDataExport_MM-DD-YYYY.zip (or the extracted folder) per member, with what real
 * archives hold (shared/FORMATS.md): Connections.csv, messages.csv (direct and group threads,
 * both directions, deleted "LinkedIn Member" senders, a sponsored message), Invitations.csv,
 * Recommendations_Received/Given.csv, Endorsement_Received/Given_Info.csv, Profile.csv,
 * Positions.csv (tenures, with employers shared between pairs of members), Notes.csv (2026),
 * Company Follows.csv, Skills.csv and Email Addresses.csv.
 *
 * Every era's layout appears, member m using era m mod 5 (WP_ARCHIVES_ERAS):
 *   "2026"  all-quoted messages.csv with 13 columns and multi-line CONTENT (LF and CRLF inside),
 *           Notes.csv, the `Notes:` preamble and URL column, no newline after the last row;
 *   "2024"  `"Notes:"` (quoted) preamble, URL column, lower-case connections.csv,
 *           Company_Follows.csv, 11-column messages, inviter/invitee URLs, endorser URLs
 *           without scheme, a message with a bad DATE, no newline after the last row;
 *   "2022"  `Notes:` preamble without the URL column, 9-column messages, a row with too few
 *           fields and a row with a bad date in Connections.csv;
 *   "2019"  no preamble, no URL column, 9-column messages (exported in February 2020);
 *   "excel" the 2024 layout whose Connections.csv was re-saved by Excel: BOM, CRLF, `;`
 *           separators, rows padded with separators, `7-Feb-22` dates, the Email Address
 *           column gone, a row with too few fields and one with a bad date.
 * Connections.csv always holds about 1% hidden-profile rows (`,,,,,,07 Jun 2022`), rows sorted
 * newest first as LinkedIn writes them. Names are international (Zoë, Leïla, Siobhán O'Connor,
 * Björn, Élodie, Nguyễn, "Okafor, CFRE"), companies carry legal suffixes after commas
 * ("Quillpay, Inc."), some slugs keep their accents and are percent-encoded in URLs, and URLs
 * come in the variants real files show (upper case, trailing '/', query string). Same-name
 * different people occur, as they do in life.
 *
 * Networks overlap: members are connected to most other members (the same Connected On date
 * in both exports), and besides their personal contacts each draws from a community pool and a
 * pool of their role (staff, board, volunteer) sized so that a pooled person is known by about
 * three members. A person's company depends on the export date (people change jobs), so an old
 * export and a new one disagree as real ones do.
 *
 * Output depends only on the options (never on the thread count or the clock): zip entries are
 * stamped with the export date, so the same seed gives byte-identical files. Members are
 * generated in parallel (OpenMP), each from its own random stream.
 */
#ifndef WP_ARCHIVES_H
#define WP_ARCHIVES_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/status.h"

#define WP_ARCHIVES_ERAS 5
#define WP_ARCHIVES_MAX_MEMBERS 10000
#define WP_ARCHIVES_MIN_CONNECTIONS 10
#define WP_ARCHIVES_MAX_CONNECTIONS 30000 /* LinkedIn's limit per profile */

typedef struct wp_archives_opts {
	uint32_t members;     /* 1 .. WP_ARCHIVES_MAX_MEMBERS */
	uint32_t connections; /* data rows of each Connections.csv (hidden and dirty rows
	                       * included), WP_ARCHIVES_MIN_CONNECTIONS .. _MAX_CONNECTIONS */
	uint64_t seed;
	bool folders; /* extracted folders instead of .zip files */
} wp_archives_opts;

#define WP_ARCHIVES_DEFAULTS ((wp_archives_opts){5, 300, 20261124, false})

/* Who member m is and where their archive goes. */
typedef struct wp_archives_member {
	char name[256];    /* display name, "First Last" */
	char url[256];     /* their profile URL */
	char role[16];     /* "staff", "board" or "volunteer" */
	char era[16];      /* "2026", "2024", "2022", "2019" or "excel" */
	char exported[16]; /* export date, YYYY-MM-DD */
	char path[256];    /* the archive relative to the output directory:
	                    * "01-zoe-brandt/Basic_LinkedInDataExport_11-20-2026.zip" */
} wp_archives_member;

/* What was written. Rows are CSV data rows (headers and preambles not counted). */
typedef struct wp_archives_report {
	uint64_t archives;        /* one per member */
	uint64_t files;           /* CSV files inside them */
	uint64_t rows;            /* data rows of all files */
	uint64_t connection_rows; /* of Connections.csv, hidden and dirty rows included */
	uint64_t hidden_rows;     /* hidden-profile rows of Connections.csv */
	uint64_t dirty_rows;      /* rows a parser must reject: too few fields, bad dates */
	uint64_t message_rows;    /* of messages.csv */
	uint64_t bytes;           /* of the CSV files before compression */
} wp_archives_report;

/* Checks the options: WP_EARG with a message naming the option ("--members must be ...") if
 * one is out of range. */
wp_status wp_archives_check(const wp_archives_opts *o, char *err);

/* Describes member m (< o->members) of the archives o would generate. O(1). */
void wp_archives_member_info(const wp_archives_opts *o, uint32_t m, wp_archives_member *info);

/* Writes the archives of o into the directory out (created if missing, with its parents), one
 * sub-folder per member as wp_archives_member_info's path says, plus out/members.tsv: a header
 * line, then per member `path TAB name TAB url TAB role TAB era TAB exported`. Existing files of
 * the same names are replaced; other files in out are left alone. Fills *report (may be NULL).
 * Errors: WP_EARG for bad options, WP_EIO "PATH: cannot write: reason", WP_ENOMEM; files
 * written before an error are left. O(members * connections) work, in parallel over members;
 * memory O(connections) per thread. Call outside OpenMP parallel regions. */
wp_status wp_archives_generate(const wp_archives_opts *o, const char *out,
                               wp_archives_report *report, char *err);

#endif
