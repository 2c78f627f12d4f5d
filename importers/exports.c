/* exports.c - the kind of a member's export file, and reading it with the matching parser. */
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "importers/exports.h"
#include "importers/linkedin.h"
#include "importers/source.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

wp_status wp_export_kind_of(const char *path, wp_export_kind *kind, char *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return wp_error(err, WP_EIO, "%s: cannot open: %s", path, strerror(errno));
	/* A directory or a .zip is a LinkedIn archive; a vCard by its extension; otherwise a file
	 * LinkedIn's exports contain, or else an address book CSV. */
	bool archive = S_ISDIR(sb.st_mode) || ends_with(path, ".zip");
	bool vcard = !archive && (ends_with(path, ".vcf") || ends_with(path, ".vcard") ||
	                          ends_with(path, ".vcf.gz"));
	if (archive || (!vcard && wp_linkedin_is_file(path)))
		*kind = WP_EXPORT_LINKEDIN;
	else if (vcard)
		*kind = WP_EXPORT_VCARD;
	else
		*kind = WP_EXPORT_ADDRESSBOOK;
	return WP_OK;
}

wp_status wp_export_read(const char *path, wp_export_kind kind, const wp_addressbook_map *map,
                         wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	if (kind == WP_EXPORT_LINKEDIN)
		return wp_import_linkedin(path, c, err);
	WP_TRY(wp_source_open(&src, path, err));
	if (kind == WP_EXPORT_VCARD)
		st = wp_import_vcard(&src, c, err);
	else
		st = wp_import_addressbook_csv(&src, map, c, err);
	wp_source_close(&src);
	return st;
fail:
	return st;
}
