/* graphml.c - the GraphML writer (see graphml.h).
 *
 * Two passes: the first checks that every label, attribute name and value is UTF-8 made of XML
 * 1.0 characters and that every weight is finite, so a graph that cannot be written fails
 * before a byte is written (escaping cannot help a control character or broken UTF-8: no XML
 * parser would read the file). The second streams the document with stdio, escaping markup
 * characters (wp_xml_put) and turning newline, tab and carriage return inside attribute values
 * into character references, so labels keep them when read back. The layout is the one
 * libxml2's xmlTextWriter produced with a two-space indent (the first version used it; writing
 * directly skips its per-call overhead, and the time now goes to printing numbers). O(n + m +
 * bytes of text).
 */
#include "exporters/graphml.h"
#include "exporters/writers_internal.h"

#include <errno.h>
#include <string.h>

#include "exporters/vertex_values.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define GRAPHML_XSD "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

/* The GraphML attr.type of a column. */
static const char *key_type(wp_value_type t)
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

wp_status wp_export_graphml_values(const wp_graph *g, const wp_vertex_values *vv, FILE *out,
                                   const char *name, char *err)
{
	wp_status st = WP_OK;
	wp_c_locale loc = {(locale_t)0, (locale_t)0};
	char num[WP_VALUE_BUF];

	if (name == NULL)
		name = "<output>";
	WP_TRY(wp_xml_check(&g->labels, g->n, vv, g->weights, g->weights ? g->m : 0, name,
	                    "GraphML", err));
	/* Numbers are printed in the "C" locale, whatever the program's. */
	WP_TRY(wp_c_locale_enter(&loc, err));
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"" GRAPHML_NS "\" "
	      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	      "xsi:schemaLocation=\"" GRAPHML_NS " " GRAPHML_XSD "\">\n",
	      out);
	for (uint32_t c = 0; c < vv->count; c++) {
		fprintf(out, "  <key id=\"v%u\" for=\"node\" attr.name=\"", c);
		wp_xml_put(out, vv->cols[c].name, true);
		fprintf(out, "\" attr.type=\"%s\"/>\n", key_type(vv->cols[c].type));
	}
	if (g->weights != NULL)
		fputs("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" "
		      "attr.type=\"double\"/>\n",
		      out);
	fprintf(out, "  <graph id=\"G\" edgedefault=\"%s\">\n",
	        g->directed ? "directed" : "undirected");
	for (wp_vertex v = 0; v < g->n && !ferror(out); v++) {
		fputs("    <node id=\"", out);
		wp_xml_put(out, wp_labels_name(&g->labels, v), true);
		bool open = false;
		for (uint32_t c = 0; c < vv->count; c++) {
			if (wp_vertex_values_missing(vv, c, v))
				continue;
			fputs(open ? "" : "\">\n", out);
			open = true;
			fprintf(out, "      <data key=\"v%u\">", c);
			wp_xml_put(out, wp_vertex_values_format(vv, c, v, num), false);
			fputs("</data>\n", out);
		}
		fputs(open ? "    </node>\n" : "\"/>\n", out);
	}
	for (wp_vertex u = 0; u < g->n && !ferror(out); u++)
		for (uint64_t i = g->offsets[u]; i < g->offsets[u + 1]; i++) {
			wp_vertex v = g->targets[i];
			if (!g->directed && v < u)
				continue;
			fputs("    <edge source=\"", out);
			wp_xml_put(out, wp_labels_name(&g->labels, u), true);
			fputs("\" target=\"", out);
			wp_xml_put(out, wp_labels_name(&g->labels, v), true);
			if (g->weights != NULL) {
				wp_format_float(g->weights[i], num);
				fprintf(out,
				        "\">\n      <data key=\"weight\">%s</data>\n    </edge>\n",
				        num);
			} else {
				fputs("\"/>\n", out);
			}
		}
	fputs("  </graph>\n</graphml>\n", out);
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		WP_FAIL(WP_EIO, "%s: cannot write: %s", name, strerror(errno ? errno : EIO));
	wp_c_locale_leave(&loc);
	return WP_OK;
fail:
	wp_c_locale_leave(&loc);
	return st;
}

wp_status wp_export_graphml(const wp_graph *g, FILE *out, const char *name, char *err)
{
	wp_status st = WP_OK;
	wp_vertex_values vv;
	wp_vertex_values_init(&vv, g->n);
	if (name == NULL)
		name = "<output>";
	for (uint32_t c = 0; c < g->attrs.count; c++) {
		const wp_attr_column *col = &g->attrs.cols[c];
		if (col->owners != NULL || col->values.count != g->n)
			WP_FAIL(WP_EARG, "%s: attribute '%s' has %u values for %u vertices", name,
			        col->name, col->values.count, g->n);
	}
	WP_TRY(wp_vertex_values_add_attrs(&vv, &g->attrs, err));
	WP_TRY(wp_export_graphml_values(g, &vv, out, name, err));
fail:
	wp_vertex_values_free(&vv);
	return st;
}
