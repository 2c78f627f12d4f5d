/* xmlsafe_internal.h - libxml2's streaming reader set up safely, for the GEXF and LinkedIn XML
 * readers (GraphML keeps its own copy in graphml.c).
 *
 * The reader pulls the document from a wp_source (so .gz files and fmemopen() streams both
 * work) with XML_PARSE_NONET, no DTD loading, no entity substitution and no XML_PARSE_HUGE
 * (libxml2's own size limits stay on). A DOCTYPE that declares entities and any entity reference
 * are refused ("entity declarations are not accepted"): they are the only way to an
 * entity-expansion attack (billion laughs) or an external entity (XXE), and no writer of these
 * formats needs them. libxml2's errors go to a per-reader handler (never the global one); the
 * first is reported as "name:line: malformed XML: ...", a file cut short as "unexpected end of
 * file inside <x> (is the file truncated?)".
 */
#ifndef WP_XMLSAFE_INTERNAL_H
#define WP_XMLSAFE_INTERNAL_H

#include <stdbool.h>

#include <libxml/xmlreader.h>

#include "importers/source.h"

typedef struct wpi_xml {
	xmlTextReaderPtr reader;
	wp_source *src;
	const char *what; /* the format, for "expected GEXF" */
	wp_status io_status;
	int xml_code;
	unsigned long xml_line;
	unsigned long scan_line;   /* where the prolog scan is */
	unsigned long entity_line; /* line of the first "<!ENTITY" in the prolog, or 0 */
	unsigned entity_match;     /* bytes of "<!ENTITY" matched so far */
	bool prolog_done, prev_lt;
	bool eof, xml_failed, saw_content, cut_short;
	char open_name[64];
	char xml_msg[200];
	char io_err[WP_ERR_LEN];
} wpi_xml;

/* Starts reading src as XML; `what` names the expected format in messages ("GEXF"). */
wp_status wpi_xml_open(wpi_xml *x, wp_source *src, const char *what, char *err);

/* Moves to the next node (skip: past the current element's subtree); *got is false at the end
 * of the document. Fails with WP_EINPUT on malformed XML, entity declarations or references,
 * and passes read errors on. */
wp_status wpi_xml_next(wpi_xml *x, bool skip, bool *got, char *err);

/* Line of the current node. */
unsigned long wpi_xml_line(const wpi_xml *x);

/* Attribute `name` of the current element (xmlFree() it), or NULL. */
static inline char *wpi_xml_attr(const wpi_xml *x, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(x->reader, (const xmlChar *)name);
}

void wpi_xml_close(wpi_xml *x);

#endif
