/* addressbook.h - address books into a contact batch: Google and Outlook CSV, people CSV, vCard.
 *
 * An address book says that its owner (the member, person 0 of the batch) knows each contact in
 * it: every contact becomes a person and WP_EV_ADDRESS_BOOK evidence from person 0 to them. Only
 * what identifies a person is kept (name parts and display name, one e-mail address, company, job
 * title, LinkedIn slug); phone numbers, postal addresses, birthdays, notes and photos are read
 * past and never stored. A LinkedIn profile URL anywhere a web address may stand (a website cell,
 * a vCard URL, X-SOCIALPROFILE or IMPP) becomes the person's slug, the strongest identity key.
 *
 * CSV (wp_import_addressbook_csv): the layout is detected from the header, which may sit below a
 * preamble of up to 10 lines: Google Contacts (current and legacy), Outlook desktop and
 * Outlook.com, with English, German or French column names, or any header with recognisable name
 * and e-mail columns ("people-csv"); or it is given as a column map (wp_addressbook_map, the
 * command line's --map column=field). The file may be UTF-8 (with or without a BOM), UTF-16 with
 * a BOM (legacy Google exports) or Windows-1252 (Outlook desktop writes the ANSI code page), with
 * `,` or `;` separators (docs/address-books.md has the column table; FORMATS.md in the
 * shared folder the exporters' headers).
 *
 * vCard (wp_import_vcard): 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350), streamed card by card.
 */
#ifndef WP_ADDRESSBOOK_H
#define WP_ADDRESSBOOK_H

#include <stdint.h>

#include "engine/status.h"
#include "engine/contacts.h"
#include "importers/source.h"

/* The fields a column map may name. */
typedef enum wp_addressbook_field {
	WP_AB_FIRST = 1, /* given name */
	WP_AB_LAST,      /* family name */
	WP_AB_NAME,      /* full display name (used when first and last are both empty) */
	WP_AB_EMAIL,     /* e-mail address(es): the first valid one is kept */
	WP_AB_COMPANY,   /* current company */
	WP_AB_TITLE,     /* job title */
	WP_AB_URL        /* web address(es): a LinkedIn profile URL becomes the slug */
} wp_addressbook_field;

#define WP_ADDRESSBOOK_MAP_MAX 32     /* most columns a map names */
#define WP_ADDRESSBOOK_COLUMN_LEN 128 /* longest column name in a map, with its NUL */

/* Largest CSV address book read (it is read whole to detect its encoding: see the .c file). */
#define WP_ADDRESSBOOK_MAX_BYTES (256u << 20)

/* vCard limits: longest physical line, largest unfolded property that is kept (names, e-mail
 * addresses, URLs: never near it), largest card (photos included) and most properties in a card.
 * Exceeding one fails the import with WP_ELIMIT and the line. */
#define WP_VCARD_MAX_LINE (8u << 20)
#define WP_VCARD_MAX_PROPERTY (64u << 10)
#define WP_VCARD_MAX_CARD (32u << 20)
#define WP_VCARD_MAX_PROPERTIES 5000u

/* Which column holds which field, for CSV files whose header is not detected. Start from a
 * zeroed map ({0}) and add entries with wp_addressbook_map_add; there is nothing to free.
 * Columns are matched by name ignoring case, spaces and punctuation ("E-mail 1 - Value" ==
 * "email 1 value"); one field may have several columns (the first non-empty one wins). */
typedef struct wp_addressbook_map {
	uint32_t count;
	struct {
		char column[WP_ADDRESSBOOK_COLUMN_LEN];
		uint32_t field; /* wp_addressbook_field */
	} entries[WP_ADDRESSBOOK_MAP_MAX];
} wp_addressbook_map;

/* Adds one "Column Name=field" entry to m (the text after the last '=' is the field: first, last,
 * name, email, company, title or url, any case; spaces around either part are trimmed). Fails
 * with WP_EARG and the reason (no '=', empty column, unknown field with the accepted ones listed,
 * column name too long, the same column twice, more than WP_ADDRESSBOOK_MAP_MAX entries), leaving
 * m unchanged. O(m->count * column length). */
wp_status wp_addressbook_map_add(wp_addressbook_map *m, const char *spec, char *err);

/* Reads a CSV address book from src into c (started by wp_contacts_init; the owner is person 0).
 * map NULL detects the layout from the header; otherwise the map's columns are used and no other
 * column is read (a map must name a first, last, name, email or url column: WP_EARG otherwise).
 * Adds one file report named after src with kind "google-contacts", "google-contacts-legacy",
 * "outlook", "outlook.com" or "people-csv". Each data row naming a person (a name, a valid e-mail
 * address or a LinkedIn URL) adds a person and WP_EV_ADDRESS_BOOK evidence 0 -> person, line =
 * the row's line; multiple values in a cell (Google's " ::: ", or separated by ';', ',' or
 * spaces in e-mail and web cells) are all examined. First and last name make the display name
 * ("First Last"; middle names and prefixes are left out, as LinkedIn shows names); the name
 * column is used when both are empty. A row without a name, e-mail address or LinkedIn URL, or
 * with more cells than the header, is a bad row: "file:line: reason" in c->warnings and skipped
 * (in strict mode the import fails with WP_EINPUT instead). Fails with WP_EINPUT when no header
 * is found in the first 10 lines, when the file has no data rows, or when no row names a
 * person; with WP_ELIMIT over WP_ADDRESSBOOK_MAX_BYTES; with read errors of src. On error c
 * keeps what was added so far: the caller discards the batch. O(file size); the file is held in
 * memory while it is read. */
wp_status wp_import_addressbook_csv(wp_source *src, const wp_addressbook_map *map, wp_contacts *c,
                                    char *err);

/* Reads vCards (.vcf; 2.1, 3.0, 4.0; any number of cards) from src into c, streaming. Lines are
 * unfolded (CRLF or LF followed by a space or tab), quoted-printable values decoded (with their
 * soft line breaks), CHARSET= values converted to UTF-8 (values without one are UTF-8, or
 * Windows-1252 when they are not valid UTF-8), escapes \, \; \\ \n undone; property names and
 * parameters are case-insensitive and may carry a group ("item1.URL"). Properties read: FN, N
 * (family;given;additional;prefix;suffix), EMAIL (a PREF one first), ORG (first component),
 * TITLE, URL, X-SOCIALPROFILE and IMPP (LinkedIn ones: by URL shape, TYPE=linkedin,
 * X-SERVICE-TYPE=LinkedIn or X-USER=), UID, KIND, RELATED and Apple's X-ABRELATEDNAMES; every
 * other property (PHOTO and other base64 blobs, NOTE, TEL, ADR, ...) is skipped without being
 * stored. Each card naming a person adds a person and WP_EV_ADDRESS_BOOK evidence 0 -> person
 * (line = its BEGIN:VCARD line); cards of KIND group, org or location and Apple company cards
 * (X-ABShowAs:COMPANY) are counted but make no person; a card with no name, e-mail address or
 * LinkedIn URL is a bad row (warned and skipped; strict mode fails). A nested 2.1 AGENT card is
 * skipped with its parent's properties kept.
 *
 * RELATED (4.0) and X-ABRELATEDNAMES (3.0) add WP_EV_RELATED from the card's person to another
 * card's person of the same file, when the value names exactly one such card: by UID
 * ("urn:uuid:..." or any text equal to a UID, case-insensitive), by e-mail ("mailto:" or a bare
 * address), by LinkedIn URL, or by display name (VALUE=text, X-ABRELATEDNAMES, or a value that
 * is not a URI; the name key must be unique in the file). A relation that names nobody in the
 * file, or more than one card, is ignored: a person known only by a name in someone's card is
 * not a contact of the owner, and guessing would invent ties.
 *
 * Fails with WP_EINPUT and the line for BEGIN:VCARD inside a card, END:VCARD without a card, a
 * card the file ends inside, and a file with no card or no card naming a person; with WP_ELIMIT
 * for the limits above; with read errors of src. On error c keeps what was added so far. O(file
 * size); memory O(largest kept property + number of cards). */
wp_status wp_import_vcard(wp_source *src, wp_contacts *c, char *err);

#endif
