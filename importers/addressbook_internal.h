/* addressbook_internal.h - what the CSV and vCard address-book readers share (not installed).
 *
 * Both readers collect a contact's fields as text, then hand them to wpi_addressbook_contact,
 * which normalises them the same way for every address-book format and records the owner's tie.
 * Text conversion to UTF-8 (Windows-1252, Latin-1, UTF-16, any iconv charset) lives here too.
 * Implemented in addressbook.c.
 */
#ifndef WP_ADDRESSBOOK_INTERNAL_H
#define WP_ADDRESSBOOK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/identity.h"
#include "engine/status.h"
#include "engine/contacts.h"

/* One contact as an address book gives it. Every pointer may be NULL or "" and points to
 * UTF-8; slug is already normalised (wp_identity_slug) or empty. */
typedef struct wpi_contact {
	const char *first, *last; /* name parts */
	const char *full;         /* display name; built from first and last when NULL or "" */
	const char *email;        /* one address, not yet normalised */
	const char *company, *title;
	char slug[WP_KEY_LEN];
} wpi_contact;

/* Adds k as a person (names, company and title trimmed; e-mail lower-cased if it is an address,
 * else dropped) with WP_EV_ADDRESS_BOOK evidence from person 0, both at `line` of file `file`,
 * counts the file report's row as used and stores the person's index in *index. When k has no
 * name, no valid e-mail address and no slug, nothing is added and *index is UINT32_MAX (the
 * caller warns in its own words). The person gets WP_PERSON_NEVER_MERGE only for a name that
 * marks an unmergeable account ("LinkedIn Member", "private") and no other key. Errors: out of
 * memory. */
wp_status wpi_addressbook_contact(wp_contacts *c, const wpi_contact *k, uint32_t file,
                                  uint64_t line, uint32_t *index, char *err);

/* Whether s[0..len) is valid UTF-8 (no overlong forms, surrogates or code points over
 * U+10FFFF). O(len). */
bool wpi_utf8_valid(const char *s, size_t len);

/* Converts s[0..len) in `charset` (an iconv name: "ISO-8859-1", "windows-1252", "UTF-16LE", ...)
 * to UTF-8 in a new NUL-terminated string *out (*out_len bytes, the caller frees it). charset
 * NULL, "" or UTF-8: s is copied when it is valid UTF-8 and read as Windows-1252 otherwise; an
 * unknown charset is treated the same way. Bytes the charset does not define become U+FFFD.
 * Errors: out of memory (*out is then NULL). O(len). */
wp_status wpi_text_to_utf8(const char *s, size_t len, const char *charset, char **out,
                           size_t *out_len, char *err);

/* The first token of s (tokens are separated by white space, ',' and ';'; Google's ":::" is a
 * token of its own and never an address) that wp_identity_email accepts, copied into out
 * (WP_KEY_LEN bytes; surrounding "<>" and "mailto:" removed); false if there is none. */
bool wpi_find_email(const char *s, char *out);

/* The slug of the first LinkedIn profile URL among the tokens of s (as wpi_find_email splits
 * them) into out (WP_KEY_LEN bytes); false if there is none. */
bool wpi_find_slug(const char *s, char *out);

#endif
