/* linkedin.c - finding and dispatching the files of a LinkedIn data archive (see linkedin.h).
 *
 * The input is a zip (recognised by its signature, whatever its name), a folder, or one CSV file
 * (plain or gzip). Archive members and folder entries are matched by base name: ASCII case,
 * spaces, underscores, a ".csv" or ".csv.gz" extension and a browser's " (1)" copy suffix do not
 * matter; names nobody knows are ignored. Zip members are streamed through libzip: each is
 * wrapped as a FILE * with fopencookie() (glibc) so the ordinary wp_source/wp_csvfile stack reads
 * it without extracting anything to disk. Zip bombs are refused by the declared size of each
 * member and, in case the declaration lies, by counting the bytes actually inflated.
 *
 * The files are parsed in a fixed order (the member's own files first, messages last, so the
 * member's URL found in Invitations helps identify them in messages), each through its parser in
 * linkedin_*.c. Then slugs missing from pre-2023 Connections rows are backfilled from people of
 * the same archive that carry a URL and whose name key (engine/identity.h) belongs to exactly one
 * slug. Linear in the archive's size plus O(people) hash work for the backfill.
 */
#define _GNU_SOURCE /* fopencookie */
#include "importers/linkedin.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

#include "engine/identity.h"
#include "importers/csvfile.h"
#include "importers/linkedin_internal.h"
#include "importers/linkedin_xml.h"
#include "importers/source.h"

/* ---- the files we know ---------------------------------------------------------------------- */

typedef enum kind {
	K_PROFILE,
	K_POSITIONS,
	K_CONNECTIONS,
	K_INVITATIONS,
	K_ENDORSEMENTS_RECEIVED,
	K_ENDORSEMENTS_GIVEN,
	K_RECOMMENDATIONS_RECEIVED,
	K_RECOMMENDATIONS_GIVEN,
	K_NOTES,
	K_MESSAGES,
	K_COUNT,
	K_NONE = K_COUNT
} kind;

/* In processing order; `match` is the base name after normalise_name(). */
static const struct {
	const char *match;
	const char *kind; /* the file report's kind */
	const char *display;
} known[K_COUNT] = {
        [K_PROFILE] = {"profile", "profile", "Profile.csv"},
        [K_POSITIONS] = {"positions", "positions", "Positions.csv"},
        [K_CONNECTIONS] = {"connections", "connections", "Connections.csv"},
        [K_INVITATIONS] = {"invitations", "invitations", "Invitations.csv"},
        [K_ENDORSEMENTS_RECEIVED] = {"endorsementreceivedinfo", "endorsements_received",
                                     "Endorsement_Received_Info.csv"},
        [K_ENDORSEMENTS_GIVEN] = {"endorsementgiveninfo", "endorsements_given",
                                  "Endorsement_Given_Info.csv"},
        [K_RECOMMENDATIONS_RECEIVED] = {"recommendationsreceived", "recommendations_received",
                                        "Recommendations_Received.csv"},
        [K_RECOMMENDATIONS_GIVEN] = {"recommendationsgiven", "recommendations_given",
                                     "Recommendations_Given.csv"},
        [K_NOTES] = {"notes", "notes", "Notes.csv"},
        [K_MESSAGES] = {"messages", "messages", "messages.csv"},
};

static bool ends_with_ci(const char *s, size_t len, const char *suffix)
{
	size_t k = strlen(suffix);
	return len >= k && strncasecmp(s + len - k, suffix, k) == 0;
}

/* The kind of a file from its path: base name lower-cased without spaces and underscores, the
 * ".gz" and ".csv" extensions and a trailing "(N)" copy marker. */
static kind kind_of_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len = strlen(base);
	if (base[0] == '.' || len > 200)
		return K_NONE; /* dotfiles, macOS "._Connections.csv" resource forks */
	if (ends_with_ci(base, len, ".gz"))
		len -= 3;
	if (!ends_with_ci(base, len, ".csv"))
		return K_NONE;
	len -= 4;
	char name[256];
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = base[i];
		if (ch == ' ' || ch == '_')
			continue;
		name[n++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
	}
	name[n] = '\0';
	/* "connections(1)" from a second download */
	if (n > 2 && name[n - 1] == ')') {
		size_t i = n - 1;
		while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9')
			i--;
		if (i > 0 && i < n - 1 && name[i - 1] == '(') {
			n = i - 1;
			name[n] = '\0';
		}
	}
	for (int k = 0; k < K_COUNT; k++)
		if (strcmp(name, known[k].match) == 0)
			return (kind)k;
	return K_NONE;
}

/* ---- shared helpers for the parsers ---------------------------------------------------------- */

/* Whether cell matches spec (alternatives separated by '|', an optional leading '?'). */
static bool spec_matches(const char *cell, const char *spec)
{
	char alt[128];
	if (*spec == '?')
		spec++;
	while (*spec) {
		const char *bar = strchr(spec, '|');
		size_t len = bar ? (size_t)(bar - spec) : strlen(spec);
		if (len >= sizeof(alt))
			len = sizeof(alt) - 1;
		memcpy(alt, spec, len);
		alt[len] = '\0';
		if (wp_csv_name_eq(cell, alt))
			return true;
		if (bar == NULL)
			break;
		spec = bar + 1;
	}
	return false;
}

wp_status wpi_linkedin_header(wp_csvfile *csv, const char *const *names, int *columns, int ncols,
                              char *err)
{
	wp_status st = WP_OK;
	for (int row = 0; row < WPI_LINKEDIN_HEADER_SCAN; row++) {
		bool got = false;
		WP_TRY(wp_csvfile_next(csv, &got, err));
		if (!got)
			break;
		bool all = true;
		for (int i = 0; i < ncols; i++) {
			columns[i] = -1;
			for (uint32_t f = 0; f < csv->count && columns[i] < 0; f++)
				if (spec_matches(csv->fields[f], names[i]))
					columns[i] = (int)f;
			if (columns[i] < 0 && names[i][0] != '?')
				all = false;
		}
		if (all)
			return WP_OK;
	}
	/* The required names, first spellings, for the message. */
	char want[WP_ERR_LEN / 2];
	size_t n = 0;
	want[0] = '\0';
	for (int i = 0; i < ncols; i++) {
		if (names[i][0] == '?')
			continue;
		const char *bar = strchr(names[i], '|');
		int len = bar ? (int)(bar - names[i]) : (int)strlen(names[i]);
		int k = snprintf(want + n, sizeof(want) - n, "%s%.*s", n ? ", " : "", len,
		                 names[i]);
		if (k < 0 || (size_t)k >= sizeof(want) - n)
			break;
		n += (size_t)k;
	}
	WP_FAIL(WP_EINPUT, "%s:%llu: no rows: no header with %s in the first %d lines",
	        csv->src->name, (unsigned long long)(csv->line ? csv->line : 1), want,
	        WPI_LINKEDIN_HEADER_SCAN);
fail:
	return st;
}

/* s without surrounding white space, as a pointer and a length. */
static const char *trimmed(const char *s, size_t *len)
{
	if (s == NULL) {
		*len = 0;
		return "";
	}
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	*len = n;
	return s;
}

wp_status wpi_linkedin_person(wp_contacts *c, const char *first, const char *last, const char *url,
                              const char *email, const char *company, const char *position,
                              uint32_t file, uint32_t line, uint32_t *index, char *err)
{
	wp_status st = WP_OK;
	wp_person_rec p = {0};
	char key[WP_KEY_LEN];
	char stack[512];
	char *full = stack;
	size_t fl, ll, len;
	const char *f = trimmed(first, &fl);
	const char *l = trimmed(last, &ll);
	p.file = file;
	p.line = line;
	if (last == NULL) {
		WP_TRY(wp_contacts_str(c, f, fl, &p.full, err));
	} else {
		WP_TRY(wp_contacts_str(c, f, fl, &p.first, err));
		WP_TRY(wp_contacts_str(c, l, ll, &p.last, err));
		if (fl == 0 || ll == 0) {
			p.full = fl ? p.first : p.last;
		} else {
			if (fl + ll + 2 > sizeof(stack)) {
				full = malloc(fl + ll + 2);
				if (full == NULL)
					WP_FAIL(WP_ENOMEM, "cannot allocate a name");
			}
			memcpy(full, f, fl);
			full[fl] = ' ';
			memcpy(full + fl + 1, l, ll);
			WP_TRY(wp_contacts_str(c, full, fl + 1 + ll, &p.full, err));
		}
	}
	if (url != NULL && url[0] != '\0' && wp_identity_slug(url, key))
		WP_TRY(wp_contacts_str(c, key, strlen(key), &p.slug, err));
	if (email != NULL && email[0] != '\0' && wp_identity_email(email, key))
		WP_TRY(wp_contacts_str(c, key, strlen(key), &p.email, err));
	const char *s = trimmed(company, &len);
	WP_TRY(wp_contacts_str(c, s, len, &p.company, err));
	s = trimmed(position, &len);
	WP_TRY(wp_contacts_str(c, s, len, &p.position, err));
	/* An empty name with a slug is still someone: the slug identifies them. */
	if ((p.full != 0 || p.slug == 0) && wp_identity_never_merge(wp_contacts_text(c, p.full)))
		p.flags |= WP_PERSON_NEVER_MERGE;
	WP_TRY(wp_contacts_add_person(c, &p, index, err));
	if (full != stack)
		free(full);
	return WP_OK;
fail:
	if (full != stack)
		free(full);
	return st;
}

wp_status wpi_linkedin_member_url(wp_contacts *c, const char *url, char *err)
{
	wp_status st = WP_OK;
	char slug[WP_KEY_LEN];
	if (c->people_count == 0 || c->people[0].slug != 0 || !wp_identity_slug(url, slug))
		return WP_OK;
	uint32_t id;
	WP_TRY(wp_contacts_str(c, slug, strlen(slug), &id, err));
	c->people[0].slug = id;
	return WP_OK;
fail:
	return st;
}

/* The legacy API's connections XML is recognised by its content, whatever its name. */
bool wp_linkedin_is_file(const char *path)
{
	return kind_of_name(path) != K_NONE || wp_linkedin_xml_sniff(path);
}

static wp_status parse_xml(const char *path, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	WP_TRY(wp_source_open(&src, path, err));
	WP_TRY(wp_import_linkedin_xml(&src, c, err));
	wp_source_close(&src);
	return WP_OK;
fail:
	wp_source_close(&src);
	return st;
}

/* ---- one file ------------------------------------------------------------------------------- */

/* Parses src as a file of kind k called name, into a new file report of c. A file with a header
 * but no data rows is an error when it was given alone, or when it is Connections.csv (whose
 * emptiness means a parser went wrong); inside an archive, the other files are often just a
 * header (a member who never wrote a recommendation), which is no error. */
static wp_status parse_file(kind k, bool alone, wp_source *src, const char *name, wp_contacts *c,
                            char *err)
{
	wp_status st = WP_OK;
	wp_csvfile csv = {0};
	uint32_t file = 0;
	WP_TRY(wp_contacts_add_file(c, name, known[k].kind, &file, err));
	WP_TRY(wp_csvfile_open(&csv, src, err));
	switch (k) {
	case K_PROFILE:
		WP_TRY(wpi_linkedin_profile(&csv, file, c, err));
		break;
	case K_POSITIONS:
		WP_TRY(wpi_linkedin_positions(&csv, file, c, err));
		break;
	case K_CONNECTIONS:
		WP_TRY(wpi_linkedin_connections(&csv, file, c, err));
		break;
	case K_INVITATIONS:
		WP_TRY(wpi_linkedin_invitations(&csv, file, c, err));
		break;
	case K_ENDORSEMENTS_RECEIVED:
	case K_ENDORSEMENTS_GIVEN:
		WP_TRY(wpi_linkedin_endorsements(&csv, file, k == K_ENDORSEMENTS_GIVEN, c, err));
		break;
	case K_RECOMMENDATIONS_RECEIVED:
	case K_RECOMMENDATIONS_GIVEN:
		WP_TRY(wpi_linkedin_recommendations(&csv, file, k == K_RECOMMENDATIONS_GIVEN, c,
		                                    err));
		break;
	case K_NOTES:
		WP_TRY(wpi_linkedin_notes(&csv, file, c, err));
		break;
	case K_MESSAGES:
		WP_TRY(wpi_linkedin_messages(&csv, file, c, err));
		break;
	case K_COUNT:
		WP_FAIL(WP_EARG, "%s: unknown file kind", name);
	}
	if (c->files[file].rows == 0 && (alone || k == K_CONNECTIONS))
		WP_FAIL(WP_EINPUT, "%s:%llu: no rows: a header but no data rows", name,
		        (unsigned long long)(csv.line ? csv.line : 1));
	wp_csvfile_close(&csv);
	return WP_OK;
fail:
	wp_csvfile_close(&csv);
	return st;
}

/* ---- zip archives --------------------------------------------------------------------------- */

/* Deflate can expand 1 byte to about 1,032; real CSV exports compress 4 to 20 times. A member
 * that inflates to more than ZIP_MAX_RATIO times its compressed size (past a floor, so tiny
 * repetitive files pass) is a zip bomb and is refused as soon as it crosses the line, long before
 * max_entry_bytes. */
#define ZIP_MAX_RATIO 200u
#define ZIP_RATIO_FLOOR (8u << 20)

/* The state behind a zip member's FILE *. */
typedef struct zip_reader {
	zip_file_t *zf;
	uint64_t read, limit;
	uint64_t packed; /* the member's compressed size: libzip inflates at most that many bytes */
	bool over_limit; /* more bytes inflated than the limit */
	bool over_ratio; /* more than ZIP_MAX_RATIO bytes inflated per compressed byte */
	bool failed;     /* zip_fread reported an error (message in why) */
	char why[200];
} zip_reader;

static ssize_t zip_cookie_read(void *cookie, char *buf, size_t size)
{
	zip_reader *r = cookie;
	zip_int64_t got = zip_fread(r->zf, buf, size);
	if (got < 0) {
		r->failed = true;
		snprintf(r->why, sizeof(r->why), "%s", zip_file_strerror(r->zf));
		errno = EIO;
		return -1;
	}
	r->read += (uint64_t)got;
	/* The sizes in the archive's directory are claims; what counts is what was inflated. */
	if (r->read > r->limit) {
		r->over_limit = true;
		errno = EFBIG;
		return -1;
	}
	if (r->read > ZIP_RATIO_FLOOR && r->read / ZIP_MAX_RATIO > r->packed) {
		r->over_ratio = true;
		errno = EFBIG;
		return -1;
	}
	return (ssize_t)got;
}

/* Reads member `index` of za (called name) as a file of kind k. */
static wp_status parse_zip_member(zip_t *za, zip_uint64_t index, const char *archive,
                                  const char *name, kind k, const wp_linkedin_opts *opts,
                                  wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	zip_reader r = {0};
	FILE *f = NULL;
	wp_source src;
	char inner[WP_ERR_LEN] = "";
	zip_stat_t zs;
	zip_stat_init(&zs);
	if (zip_stat_index(za, index, 0, &zs) != 0)
		WP_FAIL(WP_EIO, "%s: %s: cannot read: %s", archive, name, zip_strerror(za));
	if ((zs.valid & ZIP_STAT_SIZE) && zs.size > opts->max_entry_bytes)
		WP_FAIL(WP_ELIMIT,
		        "%s: %s: %llu bytes uncompressed, over the limit of %llu bytes "
		        "(a zip bomb?); refusing the archive",
		        archive, name, (unsigned long long)zs.size,
		        (unsigned long long)opts->max_entry_bytes);
	r.limit = opts->max_entry_bytes;
	r.packed = (zs.valid & ZIP_STAT_COMP_SIZE) ? zs.comp_size : 0;
	r.zf = zip_fopen_index(za, index, 0);
	if (r.zf == NULL)
		WP_FAIL(WP_EIO, "%s: %s: cannot open: %s", archive, name, zip_strerror(za));
	f = fopencookie(&r, "r", (cookie_io_functions_t){.read = zip_cookie_read});
	if (f == NULL)
		WP_FAIL(WP_ENOMEM, "%s: %s: cannot open a stream", archive, name);
	wp_source_from_file(&src, f, name);
	st = parse_file(k, false, &src, name, c, inner);
	if (r.over_limit)
		WP_FAIL(WP_ELIMIT,
		        "%s: %s: more than %llu bytes uncompressed (a zip bomb?); "
		        "refusing the archive",
		        archive, name, (unsigned long long)opts->max_entry_bytes);
	if (r.over_ratio)
		WP_FAIL(WP_ELIMIT,
		        "%s: %s: inflates to more than %u times its compressed size (a zip "
		        "bomb?); refusing the archive",
		        archive, name, ZIP_MAX_RATIO);
	if (r.failed)
		WP_FAIL(WP_EIO, "%s: %s: cannot read: %s", archive, name, r.why);
	if (st != WP_OK)
		WP_FAIL(st, "%s", inner);
	fclose(f);
	zip_fclose(r.zf);
	return WP_OK;
fail:
	if (f != NULL)
		fclose(f);
	if (r.zf != NULL)
		zip_fclose(r.zf);
	return st;
}

static wp_status import_zip(const char *path, const wp_linkedin_opts *opts, wp_contacts *c,
                            char *err)
{
	wp_status st = WP_OK;
	int code = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &code);
	zip_int64_t found[K_COUNT];
	if (za == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, code);
		st = wp_error(err, WP_EINPUT, "%s: not a readable zip archive: %s", path,
		              zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto fail;
	}
	zip_int64_t entries = zip_get_num_entries(za, 0);
	if (entries < 0 || (uint64_t)entries > opts->max_entries)
		WP_FAIL(WP_ELIMIT,
		        "%s: %lld entries, over the limit of %llu (a zip bomb?); refusing "
		        "the archive",
		        path, (long long)entries, (unsigned long long)opts->max_entries);
	for (int k = 0; k < K_COUNT; k++)
		found[k] = -1;
	bool any = false;
	for (zip_int64_t i = 0; i < entries; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		if (name == NULL || strncmp(name, "__MACOSX/", 9) == 0)
			continue;
		size_t len = strlen(name);
		if (len == 0 || name[len - 1] == '/')
			continue;
		kind k = kind_of_name(name);
		if (k >= K_COUNT)
			continue;
		if (found[k] >= 0)
			WP_FAIL(WP_EINPUT,
			        "%s: holds two %s files (%s and %s); extract the one to "
			        "import",
			        path, known[k].display, zip_get_name(za, (zip_uint64_t)found[k], 0),
			        name);
		found[k] = i;
		any = true;
	}
	if (!any)
		WP_FAIL(WP_EINPUT,
		        "%s: no LinkedIn export files in the archive (expected "
		        "Connections.csv, messages.csv, ...)",
		        path);
	for (int k = 0; k < K_COUNT; k++) {
		if (found[k] < 0)
			continue;
		const char *name = zip_get_name(za, (zip_uint64_t)found[k], 0);
		char copy[256];
		snprintf(copy, sizeof(copy), "%s", name ? name : known[k].display);
		WP_TRY(parse_zip_member(za, (zip_uint64_t)found[k], path, copy, (kind)k, opts, c,
		                        err));
	}
	zip_discard(za);
	return WP_OK;
fail:
	if (za != NULL)
		zip_discard(za);
	return st;
}

/* ---- folders and single files --------------------------------------------------------------- */

static wp_status parse_path(const char *path, kind k, bool alone, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	WP_TRY(wp_source_open(&src, path, err));
	WP_TRY(parse_file(k, alone, &src, path, c, err));
	wp_source_close(&src);
	return WP_OK;
fail:
	wp_source_close(&src);
	return st;
}

#define PATH_BYTES 4096

static wp_status import_folder(const char *path, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	char *found = NULL; /* K_COUNT paths of PATH_BYTES each, "" = not found */
	DIR *d = opendir(path);
	if (d == NULL)
		WP_FAIL(WP_EIO, "%s: cannot open the folder: %s", path, strerror(errno));
	found = calloc(K_COUNT, PATH_BYTES);
	if (found == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %d paths", K_COUNT);
	bool any = false;
	const char *sep = path[strlen(path) - 1] == '/' ? "" : "/";
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		kind k = kind_of_name(e->d_name);
		if (k >= K_COUNT)
			continue;
		char full[PATH_BYTES];
		int len = snprintf(full, sizeof(full), "%s%s%s", path, sep, e->d_name);
		if (len < 0 || (size_t)len >= sizeof(full))
			WP_FAIL(WP_ELIMIT, "%s%s%s: path longer than %d bytes", path, sep,
			        e->d_name, PATH_BYTES - 1);
		struct stat sb;
		if (stat(full, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		char *slot = found + (size_t)k * PATH_BYTES;
		if (slot[0] != '\0')
			WP_FAIL(WP_EINPUT,
			        "%s: holds two %s files (%s and %s); keep the one to import", path,
			        known[k].display, slot, full);
		memcpy(slot, full, (size_t)len + 1);
		any = true;
	}
	closedir(d);
	d = NULL;
	if (!any)
		WP_FAIL(WP_EINPUT,
		        "%s: no LinkedIn export files in the folder (expected "
		        "Connections.csv, messages.csv, ...)",
		        path);
	for (int k = 0; k < K_COUNT; k++)
		if (found[(size_t)k * PATH_BYTES] != '\0')
			WP_TRY(parse_path(found + (size_t)k * PATH_BYTES, (kind)k, false, c, err));
	free(found);
	return WP_OK;
fail:
	if (d != NULL)
		closedir(d);
	free(found);
	return st;
}

/* ---- backfilling identities ----------------------------------------------------------------- */

/* Exports from before 2023 name many people without a profile URL, and messages and
 * endorsements name people by name alone. Within one member's archive a name is as good as an
 * identity when only one person of that name carries more: such records borrow it, so that they
 * resolve to the same person as the connection they mean (and a second import of the archive
 * resolves them exactly as the first did). */
typedef enum borrowed { BORROW_SLUG, BORROW_COMPANY } borrowed;

/* An open-addressing map from name keys to the person who can lend their identity. */
typedef struct slot {
	uint64_t hash;
	uint32_t key;    /* string id in keys (0 = empty slot) */
	uint32_t lender; /* person index; UINT32_MAX = several disagree */
} slot;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h | 1;
}

static slot *find_slot(slot *slots, size_t mask, const wp_strtab *keys, const char *key, uint64_t h)
{
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask)
		if (slots[i].key == 0 ||
		    (slots[i].hash == h && strcmp(wp_strtab_get(keys, slots[i].key), key) == 0))
			return &slots[i];
}

/* The string a person lends (their slug or their company), or 0. */
static uint32_t lent(const wp_person_rec *p, borrowed what)
{
	return what == BORROW_SLUG ? p->slug : p->company;
}

/* Whether p lacks what it could borrow: a slug; or, for a company, any identity at all. */
static bool borrows(const wp_person_rec *p, borrowed what)
{
	if (what == BORROW_SLUG)
		return p->slug == 0;
	return p->slug == 0 && p->email == 0 && p->company == 0;
}

/* Two lenders agree when they lend the same text (a company also brings its title along). */
static bool same_loan(const wp_contacts *c, const wp_person_rec *a, const wp_person_rec *b,
                      borrowed what)
{
	if (strcmp(wp_contacts_text(c, lent(a, what)), wp_contacts_text(c, lent(b, what))) != 0)
		return false;
	return what == BORROW_SLUG || a->slug == b->slug;
}

/* Gives each person who lacks it the slug (or the company and title) of the one person of the
 * same name key who has it; where several differ, nobody borrows. Never-merge people neither
 * lend nor borrow. */
static wp_status backfill(wp_contacts *c, borrowed what, char *err)
{
	wp_status st = WP_OK;
	wp_strtab keys = {0};
	slot *slots = NULL;
	char key[WP_KEY_LEN];
	uint32_t with = 0, without = 0;
	for (uint32_t i = 1; i < c->people_count; i++) {
		const wp_person_rec *p = &c->people[i];
		if (p->flags & WP_PERSON_NEVER_MERGE)
			continue;
		with += lent(p, what) != 0;
		without += borrows(p, what);
	}
	if (with == 0 || without == 0)
		return WP_OK;
	size_t cap = 16;
	while (cap < (size_t)with * 2)
		cap *= 2;
	slots = calloc(cap, sizeof(*slots));
	if (slots == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %zu name slots", cap);
	WP_TRY(wp_strtab_append(&keys, "", 0, err));
	for (uint32_t i = 1; i < c->people_count; i++) {
		const wp_person_rec *p = &c->people[i];
		if ((p->flags & WP_PERSON_NEVER_MERGE) || lent(p, what) == 0 ||
		    !wp_identity_name_key(wp_contacts_text(c, p->full), key) || key[0] == '\0')
			continue;
		uint64_t h = hash_str(key);
		slot *s = find_slot(slots, cap - 1, &keys, key, h);
		if (s->key == 0) {
			s->key = keys.count;
			WP_TRY(wp_strtab_append(&keys, key, strlen(key), err));
			s->hash = h;
			s->lender = i;
		} else if (s->lender != UINT32_MAX &&
		           !same_loan(c, &c->people[s->lender], p, what)) {
			s->lender = UINT32_MAX;
		}
	}
	for (uint32_t i = 1; i < c->people_count; i++) {
		wp_person_rec *p = &c->people[i];
		if ((p->flags & WP_PERSON_NEVER_MERGE) || !borrows(p, what) ||
		    !wp_identity_name_key(wp_contacts_text(c, p->full), key) || key[0] == '\0')
			continue;
		slot *s = find_slot(slots, cap - 1, &keys, key, hash_str(key));
		if (s->key == 0 || s->lender == UINT32_MAX)
			continue;
		const wp_person_rec *l = &c->people[s->lender];
		if (what == BORROW_SLUG) {
			p->slug = l->slug;
		} else {
			p->company = l->company;
			p->position = l->position;
		}
	}
	free(slots);
	wp_strtab_free(&keys);
	return WP_OK;
fail:
	free(slots);
	wp_strtab_free(&keys);
	return st;
}

/* ---- entry points --------------------------------------------------------------------------- */

wp_status wp_import_linkedin_opts(const char *path, const wp_linkedin_opts *opts, wp_contacts *c,
                                  char *err)
{
	wp_status st = WP_OK;
	wp_linkedin_opts defaults = WP_LINKEDIN_DEFAULTS;
	struct stat sb;
	if (opts == NULL)
		opts = &defaults;
	if (stat(path, &sb) != 0)
		WP_FAIL(WP_EIO, "%s: cannot open: %s", path, strerror(errno));
	if (S_ISDIR(sb.st_mode)) {
		WP_TRY(import_folder(path, c, err));
	} else {
		unsigned char magic[4] = {0};
		FILE *f = fopen(path, "rb");
		if (f == NULL)
			WP_FAIL(WP_EIO, "%s: cannot open: %s", path, strerror(errno));
		size_t got = fread(magic, 1, sizeof(magic), f);
		fclose(f);
		if (got == 4 && magic[0] == 'P' && magic[1] == 'K' &&
		    ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6))) {
			WP_TRY(import_zip(path, opts, c, err));
		} else if (kind_of_name(path) == K_NONE && wp_linkedin_xml_sniff(path)) {
			WP_TRY(parse_xml(path, c, err));
		} else {
			kind k = kind_of_name(path);
			if (k == K_NONE)
				WP_FAIL(WP_EINPUT,
				        "%s: not a LinkedIn export file (expected a .zip "
				        "archive, its folder, or a file such as "
				        "Connections.csv or messages.csv)",
				        path);
			WP_TRY(parse_path(path, k, true, c, err));
		}
	}
	/* Slugs first: a record that borrows a slug no longer needs a company to be matched. */
	WP_TRY(backfill(c, BORROW_SLUG, err));
	WP_TRY(backfill(c, BORROW_COMPANY, err));
	return WP_OK;
fail:
	return st;
}

wp_status wp_import_linkedin(const char *path, wp_contacts *c, char *err)
{
	return wp_import_linkedin_opts(path, NULL, c, err);
}
