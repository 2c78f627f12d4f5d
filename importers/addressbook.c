/* addressbook.c - Google, Outlook and people CSV address books (see addressbook.h).
 *
 * The header is classified column by column: each cell is reduced to a key (ASCII letters
 * lower-cased, digits, spaces and punctuation dropped, other bytes kept: "E-mail 2 Address" and
 * "E-Mail-Adresse" give "emailaddress" and "emailadresse") and looked up in one table of the
 * column names Google Contacts, Outlook (desktop and Outlook.com, English, German and French) and
 * hand-made sheets use. Dropping digits folds the repeated groups ("E-mail 1 - Value", "E-mail 2
 * - Value", ...) into one key, whatever their number. Outlook's "Title" (and French "Titre") is
 * the honorific ("Mr."), so a plain Title or Role column counts as the job title only when no
 * "Job Title", "Organization Title", "Position" or "Fonction" column exists. The layout's name,
 * reported in the file report, comes from columns only one exporter writes.
 *
 * The file is read whole before it is parsed (WP_ADDRESSBOOK_MAX_BYTES at most; address books
 * hold thousands of contacts, not millions): legacy Google exports are UTF-16 and Outlook desktop
 * writes the Windows ANSI code page, and both must become UTF-8 before the CSV reader
 * (importers/csvfile.h) sees them. The conversion goes through iconv; a file that is not valid
 * UTF-8 is read as Windows-1252, which is what such files are in practice.
 *
 * Also here: the pieces the vCard reader shares (addressbook_internal.h).
 */
#include "importers/addressbook.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/identity.h"
#include "importers/addressbook_internal.h"
#include "importers/csvfile.h"

#define HEADER_SCAN 10 /* rows examined for the header */
#define KEY_LEN 128    /* longest column key kept */

/* ---- text: UTF-8 validation and conversion ---- */

bool wpi_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned char ch = s[i];
		if (ch < 0x80) {
			i++;
			continue;
		}
		size_t need;
		uint32_t cp;
		if (ch >= 0xC2 && ch <= 0xDF) {
			need = 1;
			cp = ch & 0x1Fu;
		} else if (ch >= 0xE0 && ch <= 0xEF) {
			need = 2;
			cp = ch & 0x0Fu;
		} else if (ch >= 0xF0 && ch <= 0xF4) {
			need = 3;
			cp = ch & 0x07u;
		} else {
			return false;
		}
		if (len - i - 1 < need)
			return false;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3Fu);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += need + 1;
	}
	return true;
}

/* The iconv name to convert from, or NULL when charset means "UTF-8 if valid, else
 * Windows-1252". Latin-1 and ASCII labels are read as Windows-1252, as browsers do: files
 * labelled so are almost always Windows text. */
static const char *iconv_name(const char *charset)
{
	static const char *const windows[] = {"iso-8859-1", "iso8859-1",    "latin1",   "latin-1",
	                                      "l1",         "cp819",        "us-ascii", "ascii",
	                                      "cp1252",     "windows-1252", "ansi"};
	if (charset == NULL || charset[0] == '\0' || strcasecmp(charset, "utf-8") == 0 ||
	    strcasecmp(charset, "utf8") == 0)
		return NULL;
	for (size_t i = 0; i < sizeof(windows) / sizeof(windows[0]); i++)
		if (strcasecmp(charset, windows[i]) == 0)
			return "WINDOWS-1252";
	return charset;
}

/* Converts with cd; bytes that do not convert become U+FFFD (one per `unit` bytes skipped). */
static wp_status convert(iconv_t cd, const char *s, size_t len, size_t unit, char **out,
                         size_t *out_len, char *err)
{
	wp_status st = WP_OK;
	size_t cap = 3 * len + 8, used = 0;
	char *buf = malloc(cap);
	if (buf == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %zu bytes to convert text to UTF-8", cap);
	char *in = (char *)s;
	size_t in_left = len;
	while (in_left > 0) {
		char *o = buf + used;
		size_t o_left = cap - used - 1;
		size_t r = iconv(cd, &in, &in_left, &o, &o_left);
		used = (size_t)(o - buf);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG || cap - used < 8) {
			char *b = realloc(buf, cap * 2);
			if (b == NULL)
				WP_FAIL(WP_ENOMEM, "cannot allocate %zu bytes for UTF-8 text",
				        cap * 2);
			buf = b;
			cap *= 2;
			if (errno == E2BIG)
				continue;
		}
		/* EILSEQ (an undefined byte) or EINVAL (a sequence cut at the end). */
		memcpy(buf + used, "\xEF\xBF\xBD", 3);
		used += 3;
		size_t skip = in_left < unit ? in_left : unit;
		in += skip;
		in_left -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	buf[used] = '\0';
	*out = buf;
	*out_len = used;
	return WP_OK;
fail:
	free(buf);
	return st;
}

/* Opens a converter from `from` to UTF-8; false if iconv does not know the charset. */
static bool open_converter(const char *from, iconv_t *cd)
{
	*cd = iconv_open("UTF-8", from);
	return *cd != (iconv_t)-1; /* NOLINT(performance-no-int-to-ptr): iconv's error value */
}

wp_status wpi_text_to_utf8(const char *s, size_t len, const char *charset, char **out,
                           size_t *out_len, char *err)
{
	wp_status st = WP_OK;
	iconv_t cd;
	bool open = false;
	const char *from = iconv_name(charset);
	*out = NULL;
	*out_len = 0;
	if (from != NULL) {
		open = open_converter(from, &cd);
		if (!open)
			from = NULL; /* an unknown charset: fall back to the default */
	}
	if (from == NULL && wpi_utf8_valid(s, len)) {
		char *copy = malloc(len + 1);
		if (copy == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %zu bytes of text", len + 1);
		memcpy(copy, s, len);
		copy[len] = '\0';
		*out = copy;
		*out_len = len;
		return WP_OK;
	}
	if (from == NULL) {
		from = "WINDOWS-1252";
		open = open_converter(from, &cd);
		if (!open)
			WP_FAIL(WP_ENOMEM, "cannot open a Windows-1252 converter (iconv)");
	}
	size_t unit = strncasecmp(from, "UTF-16", 6) == 0 ? 2 : 1;
	WP_TRY(convert(cd, s, len, unit, out, out_len, err));
	iconv_close(cd);
	return WP_OK;
fail:
	if (open)
		iconv_close(cd);
	return st;
}

/* ---- tokens: e-mail addresses and LinkedIn URLs in free-form cells ---- */

static bool is_sep(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == ',' || ch == ';';
}

/* Copies the next token of *s into tok (WP_KEY_LEN bytes), without surrounding <>"'() and a
 * trailing '.', and advances *s; false at the end. A token too long to be an address or a
 * profile URL comes back empty. */
static bool next_token(const char **s, char *tok)
{
	const char *p = *s;
	while (*p && is_sep(*p))
		p++;
	if (*p == '\0') {
		*s = p;
		return false;
	}
	const char *start = p;
	while (*p && !is_sep(*p))
		p++;
	*s = p;
	const char *end = p;
	while (start < end && strchr("<\"'(", *start) != NULL)
		start++;
	while (end > start && strchr(">\"')", end[-1]) != NULL)
		end--;
	size_t n = (size_t)(end - start);
	if (n >= WP_KEY_LEN)
		n = 0;
	memcpy(tok, start, n);
	tok[n] = '\0';
	return true;
}

bool wpi_find_email(const char *s, char *out)
{
	char tok[WP_KEY_LEN];
	out[0] = '\0';
	if (s == NULL)
		return false;
	while (next_token(&s, tok))
		if (tok[0] != '\0' && wp_identity_email(tok, out))
			return true;
	out[0] = '\0';
	return false;
}

bool wpi_find_slug(const char *s, char *out)
{
	char tok[WP_KEY_LEN];
	out[0] = '\0';
	if (s == NULL)
		return false;
	while (next_token(&s, tok))
		if (tok[0] != '\0' && wp_identity_slug(tok, out))
			return true;
	out[0] = '\0';
	return false;
}

/* ---- one contact into the batch ---- */

static bool is_blank(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f';
}

/* s without surrounding white space: *len bytes from the returned pointer. */
static const char *trim(const char *s, size_t *len)
{
	if (s == NULL) {
		*len = 0;
		return "";
	}
	size_t n = strlen(s);
	while (n > 0 && is_blank((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_blank((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

/* Stores s trimmed; 0 for NULL or blank. */
static wp_status put_trimmed(wp_contacts *c, const char *s, uint32_t *id, char *err)
{
	size_t len;
	const char *t = trim(s, &len);
	return wp_contacts_str(c, t, len, id, err);
}

wp_status wpi_addressbook_contact(wp_contacts *c, const wpi_contact *k, uint32_t file,
                                  uint64_t line, uint32_t *index, char *err)
{
	wp_status st = WP_OK;
	wp_person_rec p = {0};
	wp_evidence_rec e = {0};
	char email[WP_KEY_LEN];
	char *full = NULL;
	size_t flen = 0, first_len, last_len;
	*index = UINT32_MAX;
	const char *given = trim(k->full, &flen);
	const char *first = trim(k->first, &first_len);
	const char *last = trim(k->last, &last_len);
	full = malloc(first_len + last_len + flen + 2);
	if (full == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a contact's name");
	if (flen > 0) {
		memcpy(full, given, flen);
	} else {
		memcpy(full, first, first_len);
		flen = first_len;
		if (first_len > 0 && last_len > 0)
			full[flen++] = ' ';
		memcpy(full + flen, last, last_len);
		flen += last_len;
	}
	full[flen] = '\0';
	bool has_email = k->email != NULL && wp_identity_email(k->email, email);
	bool unmergeable = flen > 0 && wp_identity_never_merge(full);
	bool has_name = flen > 0 && !unmergeable;
	if (!has_name && !has_email && k->slug[0] == '\0') {
		free(full);
		return WP_OK;
	}
	WP_TRY(wp_contacts_str(c, first, first_len, &p.first, err));
	WP_TRY(wp_contacts_str(c, last, last_len, &p.last, err));
	WP_TRY(wp_contacts_str(c, full, flen, &p.full, err));
	WP_TRY(wp_contacts_str(c, k->slug, strlen(k->slug), &p.slug, err));
	if (has_email)
		WP_TRY(wp_contacts_str(c, email, strlen(email), &p.email, err));
	WP_TRY(put_trimmed(c, k->company, &p.company, err));
	WP_TRY(put_trimmed(c, k->title, &p.position, err));
	p.flags = unmergeable ? WP_PERSON_NEVER_MERGE : 0;
	p.file = file;
	p.line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
	uint32_t person;
	WP_TRY(wp_contacts_add_person(c, &p, &person, err));
	e.a = 0;
	e.b = person;
	e.kind = WP_EV_ADDRESS_BOOK;
	e.file = file;
	e.line = p.line;
	WP_TRY(wp_contacts_add_evidence(c, &e, err));
	if (file < c->files_count)
		c->files[file].used++;
	*index = person;
	free(full);
	return WP_OK;
fail:
	free(full);
	return st;
}

/* ---- column maps ---- */

static const char *const field_names[] = {NULL,    "first",   "last",  "name",
                                          "email", "company", "title", "url"};

/* The key of a column name: ASCII letters lower-cased, digits kept if keep_digits, other ASCII
 * dropped, non-ASCII bytes kept (Latin-1 capitals in UTF-8, "É", lower-cased). */
static void column_key(const char *cell, bool keep_digits, char *out)
{
	const unsigned char *s = (const unsigned char *)cell;
	size_t n = 0;
	for (size_t i = 0; s[i] != '\0' && n < KEY_LEN - 1; i++) {
		unsigned char ch = s[i];
		if (ch >= 'A' && ch <= 'Z')
			out[n++] = (char)(ch - 'A' + 'a');
		else if (ch >= 'a' && ch <= 'z')
			out[n++] = (char)ch;
		else if (ch >= '0' && ch <= '9') {
			if (keep_digits)
				out[n++] = (char)ch;
		} else if (ch >= 0x80) {
			unsigned char next = s[i + 1];
			if (ch == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97 &&
			    n < KEY_LEN - 2) {
				out[n++] = (char)ch;
				out[n++] = (char)(next + 0x20);
				i++;
			} else {
				out[n++] = (char)ch;
			}
		}
	}
	out[n] = '\0';
}

wp_status wp_addressbook_map_add(wp_addressbook_map *m, const char *spec, char *err)
{
	wp_status st = WP_OK;
	const char *eq = strrchr(spec, '=');
	if (eq == NULL)
		WP_FAIL(WP_EARG, "--map \"%s\": expected COLUMN=FIELD", spec);
	size_t clen, flen;
	const char *col = trim(spec, &clen);
	if (col > eq)
		clen = 0;
	else
		clen = (size_t)(eq - col);
	while (clen > 0 && is_blank((unsigned char)col[clen - 1]))
		clen--;
	const char *field = trim(eq + 1, &flen);
	if (clen == 0)
		WP_FAIL(WP_EARG, "--map \"%s\": the column name is empty", spec);
	if (clen >= WP_ADDRESSBOOK_COLUMN_LEN)
		WP_FAIL(WP_EARG, "--map \"%s\": the column name is longer than %d bytes", spec,
		        WP_ADDRESSBOOK_COLUMN_LEN - 1);
	uint32_t f = 0;
	for (uint32_t i = 1; i < sizeof(field_names) / sizeof(field_names[0]); i++)
		if (strlen(field_names[i]) == flen && strncasecmp(field, field_names[i], flen) == 0)
			f = i;
	if (f == 0)
		WP_FAIL(WP_EARG,
		        "--map \"%s\": unknown field \"%.*s\" (fields: first, last, name, email, "
		        "company, title, url)",
		        spec, (int)flen, field);
	char name[WP_ADDRESSBOOK_COLUMN_LEN], key[KEY_LEN], other[KEY_LEN];
	memcpy(name, col, clen);
	name[clen] = '\0';
	column_key(name, true, key);
	for (uint32_t i = 0; i < m->count; i++) {
		column_key(m->entries[i].column, true, other);
		if (strcmp(key, other) == 0)
			WP_FAIL(WP_EARG, "--map \"%s\": column \"%s\" is already mapped (to %s)",
			        spec, m->entries[i].column, field_names[m->entries[i].field]);
	}
	if (m->count == WP_ADDRESSBOOK_MAP_MAX)
		WP_FAIL(WP_EARG, "--map \"%s\": more than %d mapped columns", spec,
		        WP_ADDRESSBOOK_MAP_MAX);
	memcpy(m->entries[m->count].column, name, clen + 1);
	m->entries[m->count].field = f;
	m->count++;
	return WP_OK;
fail:
	return st;
}

/* ---- header detection ---- */

#define WEAK 1u /* a column that counts only when no strong one of its field exists */

/* Column keys (column_key without digits) of the address-book exporters and of hand-made
 * sheets. Keys not listed (phones, addresses, notes, "E-mail Display Name", ...) are not read. */
static const struct known_column {
	const char *key;
	uint8_t field;
	uint8_t flags;
} known_columns[] = {
        /* English (Google, Outlook, sheets) */
        {"firstname", WP_AB_FIRST, 0},
        {"givenname", WP_AB_FIRST, 0},
        {"first", WP_AB_FIRST, 0},
        {"forename", WP_AB_FIRST, 0},
        {"lastname", WP_AB_LAST, 0},
        {"familyname", WP_AB_LAST, 0},
        {"surname", WP_AB_LAST, 0},
        {"last", WP_AB_LAST, 0},
        {"name", WP_AB_NAME, 0},
        {"fullname", WP_AB_NAME, 0},
        {"displayname", WP_AB_NAME, 0},
        {"contactname", WP_AB_NAME, 0},
        {"emailaddress", WP_AB_EMAIL, 0},
        {"emailvalue", WP_AB_EMAIL, 0},
        {"email", WP_AB_EMAIL, 0},
        {"emails", WP_AB_EMAIL, 0},
        {"mail", WP_AB_EMAIL, 0},
        {"workemail", WP_AB_EMAIL, 0},
        {"businessemail", WP_AB_EMAIL, 0},
        {"homeemail", WP_AB_EMAIL, 0},
        {"personalemail", WP_AB_EMAIL, 0},
        {"company", WP_AB_COMPANY, 0},
        {"companyname", WP_AB_COMPANY, 0},
        {"organization", WP_AB_COMPANY, 0},
        {"organisation", WP_AB_COMPANY, 0},
        {"organizationname", WP_AB_COMPANY, 0},
        {"organisationname", WP_AB_COMPANY, 0},
        {"employer", WP_AB_COMPANY, 0},
        {"jobtitle", WP_AB_TITLE, 0},
        {"organizationtitle", WP_AB_TITLE, 0},
        {"position", WP_AB_TITLE, 0},
        {"title", WP_AB_TITLE, WEAK},
        {"role", WP_AB_TITLE, WEAK},
        {"webpage", WP_AB_URL, 0},
        {"personalwebpage", WP_AB_URL, 0},
        {"businesswebpage", WP_AB_URL, 0},
        {"websitevalue", WP_AB_URL, 0},
        {"website", WP_AB_URL, 0},
        {"websites", WP_AB_URL, 0},
        {"url", WP_AB_URL, 0},
        {"homepage", WP_AB_URL, 0},
        {"linkedin", WP_AB_URL, 0},
        {"linkedinurl", WP_AB_URL, 0},
        {"linkedinprofile", WP_AB_URL, 0},
        {"linkedinprofileurl", WP_AB_URL, 0},
        {"profileurl", WP_AB_URL, 0},
        /* German (Outlook) */
        {"vorname", WP_AB_FIRST, 0},
        {"nachname", WP_AB_LAST, 0},
        {"emailadresse", WP_AB_EMAIL, 0},
        {"firma", WP_AB_COMPANY, 0},
        {"webseite", WP_AB_URL, 0},
        {"webseitegeschäftlich", WP_AB_URL, 0},
        {"webseiteprivat", WP_AB_URL, 0},
        /* French (Outlook) */
        {"prénom", WP_AB_FIRST, 0},
        {"prenom", WP_AB_FIRST, 0},
        {"nom", WP_AB_LAST, 0},
        {"nomdefamille", WP_AB_LAST, 0},
        {"adressedemessagerie", WP_AB_EMAIL, 0},
        {"courriel", WP_AB_EMAIL, 0},
        {"société", WP_AB_COMPANY, 0},
        {"societe", WP_AB_COMPANY, 0},
        {"entreprise", WP_AB_COMPANY, 0},
        {"fonction", WP_AB_TITLE, 0},
        {"titre", WP_AB_TITLE, WEAK},
        {"pageweb", WP_AB_URL, 0},
        {"siteweb", WP_AB_URL, 0},
};

static const struct known_column *known(const char *key)
{
	for (size_t i = 0; i < sizeof(known_columns) / sizeof(known_columns[0]); i++)
		if (strcmp(key, known_columns[i].key) == 0)
			return &known_columns[i];
	return NULL;
}

static bool is_identity(uint8_t field)
{
	return field == WP_AB_FIRST || field == WP_AB_LAST || field == WP_AB_NAME ||
	       field == WP_AB_EMAIL || field == WP_AB_URL;
}

/* What a header says about the file. */
typedef struct header {
	uint8_t *fields;  /* wp_addressbook_field per column, 0 = not read */
	uint32_t count;   /* columns */
	const char *kind; /* the layout's name */
	uint64_t line;    /* line of the header */
} header;

static bool has_key(const wp_csvfile *csv, const char *const *keys)
{
	char key[KEY_LEN];
	for (uint32_t i = 0; i < csv->count; i++) {
		column_key(csv->fields[i], false, key);
		for (size_t k = 0; keys[k] != NULL; k++)
			if (strcmp(key, keys[k]) == 0)
				return true;
	}
	return false;
}

/* The exporter, from columns only it writes. */
static const char *layout_name(const wp_csvfile *csv)
{
	static const char *const google[] = {"emailvalue",        "organizationname",
	                                     "organizationtitle", "websitevalue",
	                                     "phonevalue",        NULL};
	static const char *const google_legacy[] = {"givenname", "familyname", NULL};
	static const char *const outlook_mail[] = {"emailaddress", "emailadresse",
	                                           "adressedemessagerie", NULL};
	static const char *const outlook_suffix[] = {"suffix", "suffixe", NULL};
	static const char *const honorific[] = {"title", "anrede", "titre", NULL};
	if (has_key(csv, google))
		return has_key(csv, google_legacy) ? "google-contacts-legacy" : "google-contacts";
	if (has_key(csv, outlook_mail) && has_key(csv, outlook_suffix)) {
		char key[KEY_LEN];
		column_key(csv->fields[0], false, key);
		for (size_t k = 0; honorific[k] != NULL; k++)
			if (strcmp(key, honorific[k]) == 0)
				return "outlook";
		return "outlook.com";
	}
	return "people-csv";
}

/* Classifies the current row as a detected header; true if it has an identity column. */
static bool detect_header(const wp_csvfile *csv, uint8_t *fields)
{
	char key[KEY_LEN];
	bool identity = false, strong_title = false;
	for (uint32_t i = 0; i < csv->count; i++) {
		column_key(csv->fields[i], false, key);
		const struct known_column *k = known(key);
		fields[i] = 0;
		if (k == NULL)
			continue;
		fields[i] = k->field;
		if (k->field == WP_AB_TITLE && !(k->flags & WEAK))
			strong_title = true;
		if (is_identity(k->field))
			identity = true;
	}
	if (strong_title)
		for (uint32_t i = 0; i < csv->count; i++) {
			column_key(csv->fields[i], false, key);
			const struct known_column *k = known(key);
			if (k != NULL && (k->flags & WEAK))
				fields[i] = 0;
		}
	return identity;
}

/* Classifies the current row with the map; true if every mapped column is present. The names
 * of missing columns go to missing (for the error message). */
static bool map_header(const wp_csvfile *csv, const wp_addressbook_map *map, uint8_t *fields,
                       char *missing, size_t missing_len)
{
	char key[KEY_LEN], want[KEY_LEN];
	bool all = true;
	size_t used = 0;
	missing[0] = '\0';
	memset(fields, 0, csv->count);
	for (uint32_t e = 0; e < map->count; e++) {
		bool found = false;
		column_key(map->entries[e].column, true, want);
		for (uint32_t i = 0; i < csv->count; i++) {
			column_key(csv->fields[i], true, key);
			if (strcmp(key, want) == 0) {
				fields[i] = (uint8_t)map->entries[e].field;
				found = true;
			}
		}
		if (!found) {
			int k = snprintf(missing + used, missing_len - used, "%s\"%s\"",
			                 all ? "" : ", ", map->entries[e].column);
			if (k > 0 && (size_t)k < missing_len - used)
				used += (size_t)k;
			all = false;
		}
	}
	return all;
}

static wp_status find_header(wp_csvfile *csv, const wp_addressbook_map *map, header *h, char *err)
{
	wp_status st = WP_OK;
	char missing[WP_ERR_LEN / 2] = "";
	bool got = false;
	uint64_t last_line = 1;
	for (int row = 0; row < HEADER_SCAN; row++) {
		WP_TRY(wp_csvfile_next(csv, &got, err));
		if (!got)
			break;
		last_line = csv->row_line;
		uint8_t *fields = realloc(h->fields, csv->count ? csv->count : 1);
		if (fields == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate a header of %u columns", csv->count);
		h->fields = fields;
		bool ok = map != NULL ? map_header(csv, map, fields, missing, sizeof(missing))
		                      : detect_header(csv, fields);
		if (ok) {
			h->count = csv->count;
			h->line = csv->row_line;
			h->kind = map != NULL ? "people-csv" : layout_name(csv);
			return WP_OK;
		}
	}
	if (map != NULL)
		WP_FAIL(WP_EINPUT,
		        "%s:%llu: no rows: no header with the mapped column%s %s in the "
		        "first %d lines",
		        csv->src->name, (unsigned long long)last_line,
		        strchr(missing, ',') ? "s" : "", missing, HEADER_SCAN);
	WP_FAIL(WP_EINPUT,
	        "%s:%llu: no rows: no address-book header in the first %d lines (expected Google "
	        "Contacts, Outlook or columns such as Name and E-mail; name the columns with --map "
	        "COLUMN=FIELD)",
	        csv->src->name, (unsigned long long)last_line, HEADER_SCAN);
fail:
	return st;
}

/* ---- rows ---- */

/* The text of a cell up to Google's " ::: " value separator, into buf (cap bytes). */
static const char *first_value(const char *cell, char *buf, size_t cap)
{
	const char *sep = strstr(cell, " ::: ");
	if (sep == NULL)
		return cell;
	size_t n = (size_t)(sep - cell);
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, cell, n);
	buf[n] = '\0';
	return buf;
}

static wp_status read_row(wp_csvfile *csv, const header *h, uint32_t file, wp_contacts *c,
                          char *err)
{
	wp_status st = WP_OK;
	wpi_contact k = {0};
	const char *text[WP_AB_URL + 1] = {0};
	char email[WP_KEY_LEN] = "";
	char bufs[WP_AB_URL + 1][WP_KEY_LEN];
	uint64_t line = csv->row_line;
	uint32_t person;
	c->files[file].rows++;
	if (csv->count > h->count)
		for (uint32_t i = h->count; i < csv->count; i++)
			if (csv->lens[i] != 0) {
				WP_TRY(wp_contacts_warn(c, file, line, err,
				                        "%u cells, but the header on line %llu has "
				                        "%u; skipped",
				                        csv->count, (unsigned long long)h->line,
				                        h->count));
				return WP_OK;
			}
	uint32_t n = csv->count < h->count ? csv->count : h->count;
	for (uint32_t i = 0; i < n; i++) {
		uint8_t f = h->fields[i];
		const char *cell = csv->fields[i];
		if (f == 0 || csv->lens[i] == 0)
			continue;
		if (f == WP_AB_EMAIL) {
			if (email[0] == '\0')
				wpi_find_email(cell, email);
		} else if (f == WP_AB_URL) {
			if (k.slug[0] == '\0')
				wpi_find_slug(cell, k.slug);
		} else if (text[f] == NULL) {
			size_t len;
			const char *t = trim(first_value(cell, bufs[f], WP_KEY_LEN), &len);
			if (len > 0)
				text[f] = t;
		}
	}
	k.first = text[WP_AB_FIRST];
	k.last = text[WP_AB_LAST];
	k.full = k.first == NULL && k.last == NULL ? text[WP_AB_NAME] : NULL;
	k.email = email;
	k.company = text[WP_AB_COMPANY];
	k.title = text[WP_AB_TITLE];
	WP_TRY(wpi_addressbook_contact(c, &k, file, line, &person, err));
	if (person == UINT32_MAX)
		WP_TRY(wp_contacts_warn(c, file, line, err,
		                        "no name, e-mail address or LinkedIn URL; skipped"));
	return WP_OK;
fail:
	return st;
}

/* ---- reading the file ---- */

static wp_status slurp(wp_source *src, char **out, size_t *out_len, char *err)
{
	wp_status st = WP_OK;
	size_t cap = 1u << 16, len = 0;
	char *buf = malloc(cap);
	*out = NULL;
	*out_len = 0;
	if (buf == NULL)
		WP_FAIL(WP_ENOMEM, "%s: cannot allocate a read buffer", src->name);
	for (;;) {
		if (cap - len < 4096) {
			/* Never more than the limit and a little: doubling past it would read (and
			 * hold) up to twice the limit before refusing the file. */
			size_t grow = cap * 2 > (size_t)WP_ADDRESSBOOK_MAX_BYTES + (1u << 16)
			                      ? (size_t)WP_ADDRESSBOOK_MAX_BYTES + (1u << 16)
			                      : cap * 2;
			char *b = realloc(buf, grow);
			if (b == NULL)
				WP_FAIL(WP_ENOMEM, "%s: cannot allocate %zu bytes", src->name,
				        grow);
			buf = b;
			cap = grow;
		}
		size_t got = 0;
		WP_TRY(wp_source_read(src, buf + len, cap - len, &got, err));
		if (got == 0)
			break;
		len += got;
		if (len > WP_ADDRESSBOOK_MAX_BYTES)
			WP_FAIL(WP_ELIMIT,
			        "%s: larger than %u MiB, more than any address book holds: is it "
			        "the right file?",
			        src->name, WP_ADDRESSBOOK_MAX_BYTES >> 20);
	}
	*out = buf;
	*out_len = len;
	return WP_OK;
fail:
	free(buf);
	return st;
}

/* Turns the file's bytes into UTF-8 without a byte-order mark: *text is raw itself (moved) or a
 * new buffer (raw freed). */
static wp_status to_utf8(char *raw, size_t len, char **text, size_t *text_len, char *err)
{
	wp_status st = WP_OK;
	const unsigned char *u = (const unsigned char *)raw;
	const char *from = NULL;
	size_t skip = 0;
	*text = raw;
	*text_len = 0;
	if (raw == NULL || len == 0)
		return WP_OK;
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		from = "UTF-16LE";
		skip = 2;
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		from = "UTF-16BE";
		skip = 2;
	} else if (len >= 2 && u[0] != 0 && u[1] == 0) {
		from = "UTF-16LE"; /* no BOM, but ASCII text every other byte */
	} else if (len >= 2 && u[0] == 0 && u[1] != 0) {
		from = "UTF-16BE";
	} else if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		skip = 3;
	}
	if (from == NULL && wpi_utf8_valid(raw + skip, len - skip)) {
		memmove(raw, raw + skip, len - skip);
		*text = raw;
		*text_len = len - skip;
		return WP_OK;
	}
	WP_TRY(wpi_text_to_utf8(raw + skip, len - skip, from, text, text_len, err));
	free(raw);
	return WP_OK;
fail:
	free(raw);
	return st;
}

wp_status wp_import_addressbook_csv(wp_source *src, const wp_addressbook_map *map, wp_contacts *c,
                                    char *err)
{
	wp_status st = WP_OK;
	char *raw = NULL, *text = NULL;
	size_t len = 0;
	FILE *f = NULL;
	wp_source mem;
	wp_csvfile csv = {0};
	header h = {.kind = "people-csv"};
	uint32_t file;
	bool got;
	if (map != NULL) {
		bool identity = false;
		for (uint32_t i = 0; i < map->count; i++)
			identity = identity || is_identity((uint8_t)map->entries[i].field);
		if (!identity)
			WP_FAIL(WP_EARG,
			        "%s: the column map names no first, last, name, email or "
			        "url column",
			        src->name);
	}
	WP_TRY(wp_contacts_add_file(c, src->name, "people-csv", &file, err));
	WP_TRY(slurp(src, &raw, &len, err));
	char *bytes = raw;
	raw = NULL; /* to_utf8 takes it */
	WP_TRY(to_utf8(bytes, len, &text, &len, err));
	if (len == 0)
		WP_FAIL(WP_EINPUT, "%s:1: no rows: the file is empty", src->name);
	f = fmemopen(text, len, "r");
	if (f == NULL)
		WP_FAIL(WP_ENOMEM, "%s: cannot open the text in memory", src->name);
	wp_source_from_file(&mem, f, src->name);
	WP_TRY(wp_csvfile_open(&csv, &mem, err));
	WP_TRY(find_header(&csv, map, &h, err));
	WP_TRY(wp_contacts_str(c, h.kind, strlen(h.kind), &c->files[file].kind, err));
	for (;;) {
		WP_TRY(wp_csvfile_next(&csv, &got, err));
		if (!got)
			break;
		if (wp_csvfile_blank(&csv))
			continue;
		WP_TRY(read_row(&csv, &h, file, c, err));
	}
	if (c->files[file].rows == 0)
		WP_FAIL(WP_EINPUT, "%s:%llu: no rows: nothing follows the header", src->name,
		        (unsigned long long)h.line);
	if (c->files[file].used == 0)
		WP_FAIL(WP_EINPUT,
		        "%s: no contacts: none of the %llu rows names a person (see the warnings)",
		        src->name, (unsigned long long)c->files[file].rows);
	wp_csvfile_close(&csv);
	fclose(f);
	free(text);
	free(h.fields);
	return WP_OK;
fail:
	wp_csvfile_close(&csv);
	if (f != NULL)
		fclose(f);
	free(raw);
	free(text);
	free(h.fields);
	return st;
}
