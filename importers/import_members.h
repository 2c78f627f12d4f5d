/* import_members.h - importing many members' exports in one run, reading ahead on a second core.
 *
 * An organisation collects dozens or hundreds of archives and imports them together. Each
 * member is imported exactly as `warmpath import` would (one transaction per member, so a member
 * whose files cannot be read changes nothing and the others still land), but while member i is
 * written into the workspace, member i+1's files are already being parsed on another thread:
 * parsing and writing each take about half of an import, so the run takes about as long as the
 * writing alone. The workspace is only touched from the calling thread.
 */
#ifndef WP_IMPORT_MEMBERS_H
#define WP_IMPORT_MEMBERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/contacts.h"
#include "engine/workspace.h"
#include "importers/addressbook.h"

typedef struct wp_member_export {
	const char *name;         /* the member, as their name should appear */
	const char *url;          /* their LinkedIn profile URL, or NULL */
	const char *const *paths; /* their export files (see importers/exports.h), at least one */
	uint32_t paths_count;
} wp_member_export;

/* What became of one member, handed to the report callback in member order. */
typedef struct wp_member_result {
	size_t index;                     /* into the members array */
	const wp_contacts *batch;         /* what was read (file reports, warnings); valid during
	                                   * the callback only */
	wp_status status;                 /* WP_OK: imported */
	const char *err;                  /* the reason when status is not WP_OK */
	const wp_import_summary *summary; /* when imported */
	double read_s, write_s;           /* seconds parsing the files, writing the workspace */
} wp_member_result;

typedef void (*wp_member_report)(void *ctx, const wp_member_result *r);

typedef struct wp_import_members_opts {
	const wp_addressbook_map *map; /* --map for address-book CSVs, or NULL */
	bool strict;                   /* reject a member's export with any bad row */
	wp_member_report report;       /* called once per member (may be NULL) */
	void *ctx;
} wp_import_members_opts;

/* Imports members[0..count) in order into ws, each in its own transaction. A member whose files
 * cannot be read, or whose import is refused for their data (WP_EINPUT, WP_EARG), is reported
 * and skipped. Returns WP_OK if every member was imported; otherwise the status of the first
 * member that failed (err holds its reason), after trying all of them. A workspace error
 * (WP_EIO such as a full disk or a busy workspace, WP_ENOMEM) stops the run at once: the members
 * before it are imported, the rest are not, and the report says which. */
wp_status wp_import_members(wp_workspace *ws, const wp_member_export *members, size_t count,
                            const wp_import_members_opts *opts, char *err);

#endif
