/* linkedin_xml.c - the legacy LinkedIn API connections XML (see linkedin_xml.h).
 *
 * Streamed with libxml2's reader through importers/xmlsafe.c: each field of a <person> is read
 * with xmlTextReaderReadString and its subtree skipped, so memory is one person's fields. Only
 * the identifying fields are kept (names, profile URLs, e-mail, headline); location, industry,
 * pictures, API tokens (api-standard-profile-request headers) and the rest are read past and
 * never stored. One pass, O(file size).
 */
#include "importers/linkedin_xml.h"

#include <string.h>
#include <strings.h>

#include "importers/linkedin_internal.h"
#include "importers/xmlsafe_internal.h"

#define MAX_FIELD (64u << 10)
#define SNIFF_BYTES 4096

enum { F_ID, F_FIRST, F_LAST, F_HEADLINE, F_PUBLIC_URL, F_SITE_URL, F_EMAIL, F_COUNT };

static const char *const field_names[F_COUNT] = {
        [F_ID] = "id",
        [F_FIRST] = "first-name",
        [F_LAST] = "last-name",
        [F_HEADLINE] = "headline",
        [F_PUBLIC_URL] = "public-profile-url",
        [F_SITE_URL] = "site-standard-profile-request",
        [F_EMAIL] = "email-address",
};

typedef struct parser {
	wpi_xml x;
	wp_contacts *c;
	uint32_t file;
	unsigned long person_line;
	char *fields[F_COUNT]; /* xmlFree()d */
	int depth;             /* 0 outside the root; 1 in the root; ... */
	int list_depth;        /* depth of the open <connections>, 0 if none */
	int person_depth;      /* depth of the open connection <person>, 0 if none */
} parser;

static void clear_fields(parser *p)
{
	for (int i = 0; i < F_COUNT; i++) {
		xmlFree(p->fields[i]);
		p->fields[i] = NULL;
	}
}

/* Trimmed field i, or "" when absent. */
static const char *field(parser *p, int i)
{
	char *s = p->fields[i];
	if (s == NULL)
		return "";
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static wp_status end_person(parser *p, char *err)
{
	wp_status st = WP_OK;
	wp_contacts *c = p->c;
	uint32_t line = p->person_line > UINT32_MAX ? UINT32_MAX : (uint32_t)p->person_line;
	const char *id = field(p, F_ID), *first = field(p, F_FIRST), *last = field(p, F_LAST);
	const char *url = field(p, F_PUBLIC_URL);
	uint32_t person = 0;
	bool opted_out = strcasecmp(id, "private") == 0;
	c->files[p->file].rows++;
	if (url[0] == '\0')
		url = field(p, F_SITE_URL);
	if (first[0] == '\0' && last[0] == '\0' && (url[0] == '\0' || opted_out)) {
		WP_TRY(wp_contacts_warn(c, p->file, p->person_line, err,
		                        "a <person> with no name and no profile URL; skipped"));
		clear_fields(p);
		return WP_OK;
	}
	/* An opted-out person keeps their placeholder names only: nothing that could identify
	 * them with anyone else. */
	WP_TRY(wpi_linkedin_person(
	        c, first, last, opted_out ? NULL : url, opted_out ? NULL : field(p, F_EMAIL), NULL,
	        opted_out ? NULL : field(p, F_HEADLINE), p->file, line, &person, err));
	if (opted_out)
		c->people[person].flags |= WP_PERSON_NEVER_MERGE;
	wp_evidence_rec e = {
	        .a = 0, .b = person, .kind = WP_EV_CONNECTION, .file = p->file, .line = line};
	WP_TRY(wp_contacts_add_evidence(c, &e, err));
	c->files[p->file].used++;
	clear_fields(p);
	return WP_OK;
fail:
	clear_fields(p);
	return st;
}

/* An element start at depth p->depth + 1; *skip asks to skip its subtree. */
static wp_status on_element(parser *p, bool *skip, char *err)
{
	wp_status st = WP_OK;
	const char *local = (const char *)xmlTextReaderConstLocalName(p->x.reader);
	bool empty = xmlTextReaderIsEmptyElement(p->x.reader) == 1;
	unsigned long line = wpi_xml_line(&p->x);
	int depth = p->depth + 1;
	bool enter = false;
	*skip = false;
	if (local == NULL)
		local = "";
	if (depth == 1) {
		if (strcmp(local, "connections") != 0 && strcmp(local, "person") != 0)
			WP_FAIL(WP_EINPUT,
			        "%s:%lu: the root element is <%.60s>, expected <connections> (the "
			        "LinkedIn API connections XML)",
			        p->x.src->name, line, local);
		if (strcmp(local, "connections") == 0)
			p->list_depth = 1;
		enter = true;
	} else if (p->person_depth == 0 && p->list_depth == 0 && depth == 2 &&
	           strcmp(local, "connections") == 0) {
		p->list_depth = depth; /* the member's own <person> wraps their connections */
		enter = true;
	} else if (p->person_depth == 0 && p->list_depth != 0 && depth == p->list_depth + 1 &&
	           strcmp(local, "person") == 0) {
		p->person_depth = depth;
		p->person_line = line;
		clear_fields(p);
		if (empty)
			WP_TRY(end_person(p, err));
		enter = true;
	} else if (p->person_depth != 0 && depth == p->person_depth + 1) {
		for (int i = 0; i < F_COUNT; i++)
			if (strcmp(local, field_names[i]) == 0 && p->fields[i] == NULL) {
				p->fields[i] = (char *)xmlTextReaderReadString(p->x.reader);
				if (p->fields[i] != NULL && strlen(p->fields[i]) > MAX_FIELD)
					WP_FAIL(WP_ELIMIT, "%s:%lu: <%s> longer than %u bytes",
					        p->x.src->name, line, local, MAX_FIELD);
			}
	}
	if (!enter) {
		*skip = !empty;
		return WP_OK;
	}
	if (!empty)
		p->depth = depth;
	else if (depth == p->person_depth)
		p->person_depth = 0;
	return WP_OK;
fail:
	return st;
}

static wp_status on_end(parser *p, char *err)
{
	wp_status st = WP_OK;
	if (p->depth == p->person_depth && p->person_depth != 0) {
		p->person_depth = 0;
		WP_TRY(end_person(p, err));
	}
	p->depth--;
	return WP_OK;
fail:
	return st;
}

wp_status wp_import_linkedin_xml(wp_source *src, wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	parser p;
	bool skip = false, got = false;
	memset(&p, 0, sizeof(p));
	p.c = c;
	WP_TRY(wp_contacts_add_file(c, src->name, "connections-xml", &p.file, err));
	WP_TRY(wpi_xml_open(&p.x, src, "the LinkedIn connections XML", err));
	for (;;) {
		WP_TRY(wpi_xml_next(&p.x, skip, &got, err));
		if (!got)
			break;
		skip = false;
		int type = xmlTextReaderNodeType(p.x.reader);
		if (type == XML_READER_TYPE_ELEMENT)
			WP_TRY(on_element(&p, &skip, err));
		else if (type == XML_READER_TYPE_END_ELEMENT && p.depth > 0)
			WP_TRY(on_end(&p, err));
	}
	if (c->files[p.file].rows == 0)
		WP_FAIL(WP_EINPUT, "%s:%lu: no rows: no <person> inside <connections>", src->name,
		        p.x.reader ? (unsigned long)xmlTextReaderGetParserLineNumber(p.x.reader)
		                   : 1);
	wpi_xml_close(&p.x);
	return WP_OK;
fail:
	clear_fields(&p);
	wpi_xml_close(&p.x);
	return st;
}

/* Skips white space, a BOM, <?...?>, <!--...--> and <!...> at s; returns the first element
 * start, or NULL. */
static const char *first_element(const char *s, const char *end)
{
	if (end - s >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			s++;
			continue;
		}
		if (*s != '<' || s + 1 >= end)
			return NULL;
		const char *close = NULL, *stop = NULL;
		if (s[1] == '?')
			stop = "?>";
		else if (end - s >= 4 && memcmp(s, "<!--", 4) == 0)
			stop = "-->";
		else if (s[1] == '!')
			stop = ">";
		else
			return s + 1;
		close = strstr(s, stop);
		if (close == NULL)
			return NULL;
		s = close + strlen(stop);
	}
	return NULL;
}

static bool starts_element(const char *s, const char *name)
{
	size_t k = strlen(name);
	return strncmp(s, name, k) == 0 && (s[k] == '>' || s[k] == '/' || s[k] == ' ' ||
	                                    s[k] == '\t' || s[k] == '\r' || s[k] == '\n');
}

bool wp_linkedin_xml_sniff(const char *path)
{
	wp_source src;
	char buf[SNIFF_BYTES + 1];
	size_t have = 0;
	if (wp_source_open(&src, path, NULL) != WP_OK)
		return false;
	while (have < SNIFF_BYTES) {
		size_t got = 0;
		if (wp_source_read(&src, buf + have, SNIFF_BYTES - have, &got, NULL) != WP_OK ||
		    got == 0)
			break;
		have += got;
	}
	wp_source_close(&src);
	buf[have] = '\0';
	if (memchr(buf, '\0', have) != NULL)
		return false;
	const char *e = first_element(buf, buf + have);
	return e != NULL && (starts_element(e, "connections") || starts_element(e, "person"));
}
