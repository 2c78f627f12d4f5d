/* graphml.c - the GraphML writer, through libxml2's xmlTextWriter (see graphml.h).
 *
 * Two passes: the first checks that every label, attribute name and value is UTF-8 made of XML
 * 1.0 characters (libxml2's writer escapes markup characters, but passes control characters and
 * broken UTF-8 through, which would make a file no XML parser reads) and that every weight is
 * finite, so a graph that cannot be written fails before a byte is written. The second streams
 * the document: the writer escapes & < > " and turns newline, tab and carriage return inside
 * attribute values (and carriage return in text) into character references, so labels keep them
 * when read back. O(n + m + bytes of text); the writer buffers about 4 KiB.
 *
 * Output errors are recorded by the write callback, which never reports failure to libxml2
 * (that would print through libxml2's global error handler); they are returned at the end.
 */
#include "exporters/graphml.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define GRAPHML_XSD "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

typedef struct sink {
	FILE *out;
	int error; /* errno of the first failed write, or 0 */
	bool failed;
} sink;

static int write_out(void *ctx, const char *buf, int len)
{
	sink *s = ctx;
	if (s->failed || len <= 0)
		return len > 0 ? len : 0;
	errno = 0;
	if (fwrite(buf, 1, (size_t)len, s->out) != (size_t)len) {
		s->failed = true;
		s->error = errno ? errno : EIO;
	}
	return len;
}

/* Finds the first character of s[0..len) that XML 1.0 cannot hold. Returns true if there is
 * none; otherwise *cp is the code point, or UINT32_MAX where the bytes are not UTF-8. */
static bool xml_text_ok(const char *text, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < len) {
		uint32_t c = s[i], min = 0;
		size_t n = 1;
		if (c >= 0x80) {
			if ((c & 0xE0) == 0xC0) {
				n = 2, c &= 0x1F, min = 0x80;
			} else if ((c & 0xF0) == 0xE0) {
				n = 3, c &= 0x0F, min = 0x800;
			} else if ((c & 0xF8) == 0xF0) {
				n = 4, c &= 0x07, min = 0x10000;
			} else {
				*cp = UINT32_MAX;
				return false;
			}
			if (i + n > len) {
				*cp = UINT32_MAX;
				return false;
			}
			for (size_t k = 1; k < n; k++) {
				if ((s[i + k] & 0xC0) != 0x80) {
					*cp = UINT32_MAX;
					return false;
				}
				c = (c << 6) | (s[i + k] & 0x3F);
			}
			if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
				*cp = UINT32_MAX;
				return false;
			}
		}
		bool ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
		          (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
		if (!ok) {
			*cp = c;
			return false;
		}
		i += n;
	}
	return true;
}

/* Says in err why text (described by what) cannot be written. */
static wp_status bad_text(const char *name, const char *what, uint32_t cp, char *err)
{
	if (cp == UINT32_MAX)
		return wp_error(err, WP_EINPUT, "%s: %s is not valid UTF-8, which GraphML requires",
		                name, what);
	return wp_error(err, WP_EINPUT, "%s: %s contains U+%04X, which XML 1.0 cannot represent",
	                name, what, (unsigned)cp);
}

/* The first pass: everything the writer will need is checked here. */
static wp_status check_graph(const wp_graph *g, const char *name, char *err)
{
	wp_status st = WP_OK;
	char what[160];
	uint32_t cp = 0;
	if (wp_labels_count(&g->labels) != g->n)
		WP_FAIL(WP_EARG, "%s: the graph has %u vertices but %u labels", name, g->n,
		        wp_labels_count(&g->labels));
	for (wp_vertex v = 0; v < g->n; v++) {
		size_t len = wp_labels_len(&g->labels, v);
		if (len == 0)
			WP_FAIL(WP_EARG, "%s: vertex %u has an empty label", name, v);
		if (!xml_text_ok(wp_labels_name(&g->labels, v), len, &cp)) {
			snprintf(what, sizeof(what), "the label of vertex %u", v);
			st = bad_text(name, what, cp, err);
			goto fail;
		}
	}
	for (uint32_t c = 0; c < g->attrs.count; c++) {
		const wp_attr_column *col = &g->attrs.cols[c];
		if (col->owners != NULL || col->values.count != g->n)
			WP_FAIL(WP_EARG, "%s: attribute '%s' has %u values for %u vertices", name,
			        col->name, col->values.count, g->n);
		if (!xml_text_ok(col->name, strlen(col->name), &cp)) {
			snprintf(what, sizeof(what), "the name of attribute %u", c);
			st = bad_text(name, what, cp, err);
			goto fail;
		}
		for (wp_vertex v = 0; v < g->n; v++)
			if (!xml_text_ok(wp_strtab_get(&col->values, v),
			                 wp_strtab_len(&col->values, v), &cp)) {
				snprintf(what, sizeof(what), "attribute '%.60s' of vertex %u",
				         col->name, v);
				st = bad_text(name, what, cp, err);
				goto fail;
			}
	}
	if (g->weights != NULL)
		for (uint64_t i = 0; i < g->m; i++)
			if (!isfinite(g->weights[i]))
				WP_FAIL(WP_EINPUT, "%s: edge weight %g (arc %llu) is not finite",
				        name, (double)g->weights[i], (unsigned long long)i);
	return WP_OK;
fail:
	return st;
}

/* The shortest "%g" form of w that strtof() reads back as w ("0.1", not "0.100000001"). */
static void format_weight(float w, char *buf, size_t len)
{
	for (int prec = 1; prec <= 9; prec++) {
		snprintf(buf, len, "%.*g", prec, (double)w);
		if (strtof(buf, NULL) == w)
			return;
	}
}

static wp_status write_failed(const sink *s, const char *name, char *err)
{
	if (s->failed)
		return wp_error(err, WP_EIO, "%s: cannot write: %s", name, strerror(s->error));
	return wp_error(err, WP_EIO, "%s: cannot write: the XML writer failed (out of memory?)",
	                name);
}

/* Runs one xmlTextWriter call; on failure records why and jumps to fail. */
#define XW(call)                                          \
	do {                                              \
		if ((call) < 0) {                         \
			st = write_failed(&s, name, err); \
			goto fail;                        \
		}                                         \
	} while (0)

#define X(str) ((const xmlChar *)(str))

wp_status wp_export_graphml(const wp_graph *g, FILE *out, const char *name, char *err)
{
	wp_status st = WP_OK;
	sink s = {.out = out, .error = 0, .failed = false};
	xmlOutputBufferPtr buf = NULL;
	xmlTextWriterPtr w = NULL;
	locale_t c_locale = (locale_t)0, old_locale = (locale_t)0;
	char key[32], num[32];

	if (name == NULL)
		name = "<output>";
	WP_TRY(check_graph(g, name, err));
	/* Weights are printed and checked in the "C" locale, whatever the program's. */
	c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c_locale == (locale_t)0)
		WP_FAIL(WP_ENOMEM, "cannot create the C locale");
	old_locale = uselocale(c_locale);

	buf = xmlOutputBufferCreateIO(write_out, NULL, &s, NULL);
	if (buf == NULL)
		WP_FAIL(WP_ENOMEM, "%s: cannot create the XML output buffer", name);
	w = xmlNewTextWriter(buf);
	if (w == NULL)
		WP_FAIL(WP_ENOMEM, "%s: cannot create the XML writer", name);
	buf = NULL; /* the writer owns it now */
	XW(xmlTextWriterSetIndent(w, 1));
	XW(xmlTextWriterSetIndentString(w, X("  ")));
	XW(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	XW(xmlTextWriterStartElement(w, X("graphml")));
	XW(xmlTextWriterWriteAttribute(w, X("xmlns"), X(GRAPHML_NS)));
	XW(xmlTextWriterWriteAttribute(w, X("xmlns:xsi"),
	                               X("http://www.w3.org/2001/XMLSchema-instance")));
	XW(xmlTextWriterWriteAttribute(w, X("xsi:schemaLocation"), X(GRAPHML_NS " " GRAPHML_XSD)));
	for (uint32_t c = 0; c < g->attrs.count; c++) {
		snprintf(key, sizeof(key), "v%u", c);
		XW(xmlTextWriterStartElement(w, X("key")));
		XW(xmlTextWriterWriteAttribute(w, X("id"), X(key)));
		XW(xmlTextWriterWriteAttribute(w, X("for"), X("node")));
		XW(xmlTextWriterWriteAttribute(w, X("attr.name"), X(g->attrs.cols[c].name)));
		XW(xmlTextWriterWriteAttribute(w, X("attr.type"), X("string")));
		XW(xmlTextWriterEndElement(w));
	}
	if (g->weights != NULL) {
		XW(xmlTextWriterStartElement(w, X("key")));
		XW(xmlTextWriterWriteAttribute(w, X("id"), X("weight")));
		XW(xmlTextWriterWriteAttribute(w, X("for"), X("edge")));
		XW(xmlTextWriterWriteAttribute(w, X("attr.name"), X("weight")));
		XW(xmlTextWriterWriteAttribute(w, X("attr.type"), X("double")));
		XW(xmlTextWriterEndElement(w));
	}
	XW(xmlTextWriterStartElement(w, X("graph")));
	XW(xmlTextWriterWriteAttribute(w, X("id"), X("G")));
	XW(xmlTextWriterWriteAttribute(w, X("edgedefault"),
	                               X(g->directed ? "directed" : "undirected")));
	for (wp_vertex v = 0; v < g->n; v++) {
		XW(xmlTextWriterStartElement(w, X("node")));
		XW(xmlTextWriterWriteAttribute(w, X("id"), X(wp_labels_name(&g->labels, v))));
		for (uint32_t c = 0; c < g->attrs.count; c++) {
			const char *value = wp_attrs_get(&g->attrs, (int)c, v);
			if (value[0] == '\0')
				continue;
			snprintf(key, sizeof(key), "v%u", c);
			XW(xmlTextWriterStartElement(w, X("data")));
			XW(xmlTextWriterWriteAttribute(w, X("key"), X(key)));
			XW(xmlTextWriterWriteString(w, X(value)));
			XW(xmlTextWriterEndElement(w));
		}
		XW(xmlTextWriterEndElement(w));
	}
	for (wp_vertex u = 0; u < g->n; u++)
		for (uint64_t i = g->offsets[u]; i < g->offsets[u + 1]; i++) {
			wp_vertex v = g->targets[i];
			if (!g->directed && v < u)
				continue;
			XW(xmlTextWriterStartElement(w, X("edge")));
			XW(xmlTextWriterWriteAttribute(w, X("source"),
			                               X(wp_labels_name(&g->labels, u))));
			XW(xmlTextWriterWriteAttribute(w, X("target"),
			                               X(wp_labels_name(&g->labels, v))));
			if (g->weights != NULL) {
				format_weight(g->weights[i], num, sizeof(num));
				XW(xmlTextWriterStartElement(w, X("data")));
				XW(xmlTextWriterWriteAttribute(w, X("key"), X("weight")));
				XW(xmlTextWriterWriteString(w, X(num)));
				XW(xmlTextWriterEndElement(w));
			}
			XW(xmlTextWriterEndElement(w));
		}
	XW(xmlTextWriterEndDocument(w));
	XW(xmlTextWriterFlush(w));
	xmlFreeTextWriter(w);
	w = NULL;
	if (s.failed)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", name, strerror(s.error));
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		WP_FAIL(WP_EIO, "%s: cannot write: %s", name, strerror(errno ? errno : EIO));
	uselocale(old_locale);
	freelocale(c_locale);
	return WP_OK;
fail:
	if (w != NULL)
		xmlFreeTextWriter(w);
	if (buf != NULL)
		xmlOutputBufferClose(buf);
	if (c_locale != (locale_t)0) {
		uselocale(old_locale);
		freelocale(c_locale);
	}
	return st;
}
