/* xmlsafe.c - libxml2's streaming reader with network, DTDs and entities off (see
 * xmlsafe_internal.h). */
#include "importers/xmlsafe_internal.h"

#include <string.h>

#include <libxml/parser.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_ptr;
#else
typedef xmlErrorPtr xml_error_ptr;
#endif

static bool is_xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
	       c >= 0x80;
}

/* Watches the prolog for "<!ENTITY", so that a refused document is blamed on its first entity
 * declaration even when libxml2 stops on it before the reader reports the DOCTYPE. Stops at the
 * first element start, so only the first bytes are scanned. */
static void scan_prolog(wpi_xml *x, const char *buf, size_t len)
{
	static const char pattern[] = "<!ENTITY";
	for (size_t i = 0; i < len && !x->prolog_done; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n')
			x->scan_line++;
		if (x->prev_lt && is_name_start(c)) {
			x->prolog_done = true;
			break;
		}
		x->prev_lt = c == '<';
		if (c == (unsigned char)pattern[x->entity_match]) {
			if (++x->entity_match == sizeof(pattern) - 1) {
				if (x->entity_line == 0)
					x->entity_line = x->scan_line;
				x->entity_match = 0;
			}
		} else {
			x->entity_match = c == '<' ? 1 : 0;
		}
	}
}

/* libxml2's read callback: a read error is recorded and reported as the end of the input, since
 * returning -1 would make libxml2 print through its global handler. */
static int read_input(void *ctx, char *buf, int len)
{
	wpi_xml *x = ctx;
	size_t got = 0;
	if (x->io_status != WP_OK || len <= 0)
		return 0;
	x->io_status = wp_source_read(x->src, buf, (size_t)len, &got, x->io_err);
	if (x->io_status != WP_OK)
		return 0;
	if (got == 0)
		x->eof = true;
	for (size_t i = 0; i < got && !x->saw_content; i++)
		x->saw_content = !is_xml_space((unsigned char)buf[i]);
	if (!x->prolog_done)
		scan_prolog(x, buf, got);
	return (int)got;
}

static void on_xml_error(void *ctx, xml_error_ptr e)
{
	wpi_xml *x = ctx;
	if (e == NULL || e->level < XML_ERR_ERROR || x->xml_failed)
		return;
	x->xml_failed = true;
	x->xml_code = e->code;
	x->xml_line = e->line > 0 ? (unsigned long)e->line : 1;
	snprintf(x->xml_msg, sizeof(x->xml_msg), "%s", e->message ? e->message : "unknown error");
	size_t n = strlen(x->xml_msg);
	while (n > 0 && is_xml_space((unsigned char)x->xml_msg[n - 1]))
		x->xml_msg[--n] = '\0';
	/* Cut short: the input is exhausted and the parser stopped at its very end, or reached the
	 * end with elements still open (see graphml.c). */
	const xmlParserCtxt *pc = e->ctxt;
	if (e->domain != XML_FROM_PARSER || pc == NULL || !x->eof || pc->input == NULL ||
	    pc->input->cur == NULL || pc->input->end == NULL)
		return;
	if (pc->input->end - pc->input->cur == 0 ||
	    (e->code == XML_ERR_DOCUMENT_END && pc->nameNr > 0)) {
		x->cut_short = true;
		if (pc->nameNr > 0 && pc->name != NULL)
			snprintf(x->open_name, sizeof(x->open_name), "%s", (const char *)pc->name);
	}
}

unsigned long wpi_xml_line(const wpi_xml *x)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(x->reader);
	if (n != NULL && n->line > 0 && n->line < 65535)
		return n->line;
	int line = xmlTextReaderGetParserLineNumber(x->reader);
	return line > 0 ? (unsigned long)line : 1;
}

static wp_status failure(wpi_xml *x, char *err)
{
	const char *name = x->src->name;
	if (x->io_status != WP_OK)
		return wp_error(err, x->io_status, "%s", x->io_err);
	if (x->entity_line > 0)
		return wp_error(err, WP_EINPUT,
		                "%s:%lu: entity declarations are not accepted (DTDs are not read, "
		                "for safety)",
		                name, x->entity_line);
	if (!x->saw_content)
		return wp_error(err, WP_EINPUT, "%s:1: empty file, expected %s", name, x->what);
	if (!x->xml_failed)
		return wp_error(err, WP_EINPUT, "%s:%lu: malformed XML", name, wpi_xml_line(x));
	if (x->xml_code == XML_ERR_DOCUMENT_EMPTY)
		return wp_error(err, WP_EINPUT, "%s:%lu: not an XML file, expected %s", name,
		                x->xml_line, x->what);
	if (x->cut_short && x->open_name[0] != '\0')
		return wp_error(err, WP_EINPUT,
		                "%s:%lu: unexpected end of file inside <%s> (is the file "
		                "truncated?)",
		                name, x->xml_line, x->open_name);
	if (x->cut_short)
		return wp_error(err, WP_EINPUT,
		                "%s:%lu: unexpected end of file before the root element is "
		                "complete (is the file truncated?)",
		                name, x->xml_line);
	return wp_error(err, WP_EINPUT, "%s:%lu: malformed XML: %s", name, x->xml_line, x->xml_msg);
}

wp_status wpi_xml_open(wpi_xml *x, wp_source *src, const char *what, char *err)
{
	wp_status st = WP_OK;
	memset(x, 0, sizeof(*x));
	x->src = src;
	x->what = what;
	x->scan_line = 1;
	/* No XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE (header comment). */
	x->reader = xmlReaderForIO(read_input, NULL, x, NULL, NULL,
	                           XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES);
	if (x->reader == NULL)
		WP_FAIL(x->io_status != WP_OK ? x->io_status : WP_ENOMEM,
		        "%s: cannot start the XML reader%s%s", src->name,
		        x->io_status != WP_OK ? ": " : "", x->io_status != WP_OK ? x->io_err : "");
	xmlTextReaderSetStructuredErrorHandler(x->reader, on_xml_error, x);
	return WP_OK;
fail:
	return st;
}

wp_status wpi_xml_next(wpi_xml *x, bool skip, bool *got, char *err)
{
	wp_status st = WP_OK;
	int ret = skip ? xmlTextReaderNext(x->reader) : xmlTextReaderRead(x->reader);
	*got = false;
	if (x->io_status != WP_OK || x->xml_failed || ret < 0)
		return failure(x, err);
	if (ret == 0) {
		if (!x->saw_content)
			return failure(x, err);
		return WP_OK;
	}
	int type = xmlTextReaderNodeType(x->reader);
	if (type == XML_READER_TYPE_ENTITY_REFERENCE)
		WP_FAIL(WP_EINPUT,
		        "%s:%lu: entity references are not accepted (DTDs are not read, for "
		        "safety)",
		        x->src->name, wpi_xml_line(x));
	if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
		const xmlDtd *dtd = (const xmlDtd *)xmlTextReaderCurrentNode(x->reader);
		if (dtd != NULL && dtd->type == XML_DTD_NODE &&
		    (dtd->entities != NULL || dtd->pentities != NULL))
			WP_FAIL(WP_EINPUT,
			        "%s:%lu: entity declarations are not accepted (DTDs are not read, "
			        "for safety)",
			        x->src->name, x->entity_line ? x->entity_line : wpi_xml_line(x));
	}
	*got = true;
	return WP_OK;
fail:
	return st;
}

void wpi_xml_close(wpi_xml *x)
{
	if (x->reader != NULL)
		xmlFreeTextReader(x->reader);
	memset(x, 0, sizeof(*x));
}
