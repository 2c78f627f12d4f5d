/* exports.h - reading one member's contact exports, whatever their kind, into a contact batch.
 *
 * A member hands over a mix of files: their LinkedIn archive (the .zip as downloaded, its
 * extracted folder, or single CSV files of it), address-book CSVs (Google, Outlook, any people
 * CSV) and vCard files. The kind of each path is decided here, once, for the `import` command and
 * for the pipelined import of many members (importers/import_members.h):
 *   - a folder or a .zip is a LinkedIn archive;
 *   - .vcf, .vcard and .vcf.gz are vCard files;
 *   - a CSV named like a file of a LinkedIn archive (Connections.csv, messages.csv, ...) is that
 *     file (wp_linkedin_is_file);
 *   - any other file is an address-book CSV.
 */
#ifndef WP_EXPORTS_H
#define WP_EXPORTS_H

#include "engine/contacts.h"
#include "engine/status.h"
#include "importers/addressbook.h"

typedef enum wp_export_kind {
	WP_EXPORT_LINKEDIN,
	WP_EXPORT_VCARD,
	WP_EXPORT_ADDRESSBOOK
} wp_export_kind;

/* The kind of the export at path (which must exist: WP_EIO "PATH: cannot open: REASON"). */
wp_status wp_export_kind_of(const char *path, wp_export_kind *kind, char *err);

/* Reads the export at path, of the given kind, into batch c (appending to what it holds). map
 * (may be NULL) is the --map column map for address-book CSVs. Errors are the readers'. */
wp_status wp_export_read(const char *path, wp_export_kind kind, const wp_addressbook_map *map,
                         wp_contacts *c, char *err);

#endif
