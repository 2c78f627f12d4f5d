/* linkedin_xml.h - the legacy LinkedIn API connections XML into a contact batch.
 *
 * Before 2015 the LinkedIn REST API (v1) answered GET people/~/connections with
 * `<connections total="N"><person><id>…</id><first-name>…</first-name><last-name>…</last-name>
 * <headline>…</headline><public-profile-url>…</public-profile-url>
 * <site-standard-profile-request><url>…</url></site-standard-profile-request>…</person>…`, and
 * tools of the time saved it as is. Opted-out members appear as `<id>private</id>` with the names
 * "private": each is kept as a separate person flagged WP_PERSON_NEVER_MERGE, never identified
 * with anyone (see ../shared/FORMATS.md).
 */
#ifndef WP_LINKEDIN_XML_H
#define WP_LINKEDIN_XML_H

#include <stdbool.h>

#include "engine/contacts.h"
#include "engine/status.h"
#include "importers/source.h"

/* Reads the connections XML from src into c (started by wp_contacts_init; the member is person
 * 0), streaming, with libxml2's reader set up as for every XML input (no network, no DTD, no
 * entities). Adds one file report of kind "connections-xml". Each <person> of <connections>
 * (the root, or inside a root <person> that is the member) adds a person (first and last name,
 * the public profile URL or else the site-standard profile URL as the slug where it is a
 * profile URL, e-mail address if present, headline as position) and WP_EV_CONNECTION evidence
 * 0 -> person (no date: the API gave none), line = the <person> line. A `private` person keeps
 * only the names and gets WP_PERSON_NEVER_MERGE. A person with neither name nor URL is a bad
 * row (warned and skipped; strict mode fails). Fails with WP_EINPUT and "name:line: what" on
 * malformed XML, another root element, or no <person> at all. O(file size); memory O(one person).
 */
wp_status wp_import_linkedin_xml(wp_source *src, wp_contacts *c, char *err);

/* Whether the file at path (plain or gzip) looks like that XML: its first element, after an
 * optional BOM, XML declaration, comments and DOCTYPE within the first 4 KiB, is <connections>
 * or <person>. False for unreadable files. */
bool wp_linkedin_xml_sniff(const char *path);

#endif
