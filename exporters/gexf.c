/* gexf.c - the GEXF 1.3 writer (see gexf.h).
 *
 * As the GraphML writer: a first pass checks every string against XML 1.0 (escaping cannot save
 * a control character or broken UTF-8: no parser would read the file) and every weight for
 * finiteness, so a graph that cannot be written fails before a byte is out; the second pass
 * streams the document with stdio, escaping through wp_xml_put. Attribute ids are the column
 * indexes "0", "1", ...: GEXF ids only have to be unique, and titles carry the names. Node ids
 * are the labels themselves, so any GEXF reader (ours, Gephi's, networkx's) gets the labels back
 * as ids. O(n + m + bytes of text).
 */
#include "exporters/gexf.h"
#include "exporters/writers_internal.h"

#include <errno.h>
#include <string.h>

#define GEXF_NS "http://gexf.net/1.3"
#define GEXF_XSD "http://gexf.net/1.3/gexf.xsd"

static const char *gexf_type(wp_value_type t)
{
	switch (t) {
	case WP_VALUE_DOUBLE:
		return "double";
	case WP_VALUE_LONG:
		return "long";
	case WP_VALUE_BOOL:
		return "boolean";
	case WP_VALUE_TEXT:
		break;
	}
	return "string";
}

wp_status wp_export_gexf(const wp_graph *g, const wp_vertex_values *vv, FILE *out, const char *name,
                         char *err)
{
	wp_status st = WP_OK;
	wp_c_locale loc = {(locale_t)0, (locale_t)0};
	wp_vertex_values none;
	char num[WP_VALUE_BUF];
	uint64_t edge = 0;

	wp_vertex_values_init(&none, g->n);
	if (vv == NULL)
		vv = &none;
	if (name == NULL)
		name = "<output>";
	WP_TRY(wp_xml_check(&g->labels, g->n, vv, g->weights, g->weights ? g->m : 0, name, "GEXF",
	                    err));
	WP_TRY(wp_c_locale_enter(&loc, err));
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<gexf xmlns=\"" GEXF_NS "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	      "xsi:schemaLocation=\"" GEXF_NS " " GEXF_XSD "\" version=\"1.3\">\n"
	      "  <meta>\n    <creator>warmpath " WP_VERSION "</creator>\n  </meta>\n",
	      out);
	fprintf(out, "  <graph defaultedgetype=\"%s\" mode=\"static\">\n",
	        g->directed ? "directed" : "undirected");
	if (vv->count > 0) {
		fputs("    <attributes class=\"node\" mode=\"static\">\n", out);
		for (uint32_t c = 0; c < vv->count; c++) {
			fprintf(out, "      <attribute id=\"%u\" title=\"", c);
			wp_xml_put(out, vv->cols[c].name, true);
			fprintf(out, "\" type=\"%s\"/>\n", gexf_type(vv->cols[c].type));
		}
		fputs("    </attributes>\n", out);
	}
	fputs("    <nodes>\n", out);
	for (wp_vertex v = 0; v < g->n && !ferror(out); v++) {
		const char *label = wp_labels_name(&g->labels, v);
		fputs("      <node id=\"", out);
		wp_xml_put(out, label, true);
		fputs("\" label=\"", out);
		wp_xml_put(out, label, true);
		bool open = false;
		for (uint32_t c = 0; c < vv->count; c++) {
			if (wp_vertex_values_missing(vv, c, v))
				continue;
			fputs(open ? "" : "\">\n        <attvalues>\n", out);
			open = true;
			fprintf(out, "          <attvalue for=\"%u\" value=\"", c);
			wp_xml_put(out, wp_vertex_values_format(vv, c, v, num), true);
			fputs("\"/>\n", out);
		}
		fputs(open ? "        </attvalues>\n      </node>\n" : "\"/>\n", out);
	}
	fputs("    </nodes>\n    <edges>\n", out);
	for (wp_vertex u = 0; u < g->n && !ferror(out); u++)
		for (uint64_t i = g->offsets[u]; i < g->offsets[u + 1]; i++) {
			wp_vertex v = g->targets[i];
			if (!g->directed && v < u)
				continue;
			fprintf(out, "      <edge id=\"%llu\" source=\"",
			        (unsigned long long)edge++);
			wp_xml_put(out, wp_labels_name(&g->labels, u), true);
			fputs("\" target=\"", out);
			wp_xml_put(out, wp_labels_name(&g->labels, v), true);
			if (g->weights != NULL) {
				wp_format_float(g->weights[i], num);
				fprintf(out, "\" weight=\"%s", num);
			}
			fputs("\"/>\n", out);
		}
	fputs("    </edges>\n  </graph>\n</gexf>\n", out);
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		WP_FAIL(WP_EIO, "%s: cannot write: %s", name, strerror(errno ? errno : EIO));
	wp_c_locale_leave(&loc);
	return WP_OK;
fail:
	wp_c_locale_leave(&loc);
	return st;
}
