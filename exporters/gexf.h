/* gexf.h - writing a wp_graph and its vertex results as GEXF 1.3, the format Gephi opens.
 *
 * The document follows the GEXF 1.3 schema (namespace http://gexf.net/1.3, version="1.3"):
 * <meta> with the creator, <graph defaultedgetype="directed|undirected" mode="static">, one
 * <attributes class="node" mode="static"> declaring every result column with its GEXF type
 * (double, long, boolean, string) before any node uses it, <nodes> whose id and label are the
 * vertex label and whose <attvalues> hold the values that are not missing, and <edges> with ids
 * 0.. in CSR order (undirected edges once, lower vertex first) and the weight attribute when g is
 * weighted. Gephi shows the columns in its Data Laboratory and can colour and size by them.
 */
#ifndef WP_EXPORT_GEXF_H
#define WP_EXPORT_GEXF_H

#include <stdio.h>

#include "engine/graph.h"
#include "engine/status.h"
#include "exporters/vertex_values.h"

/* Writes g and the columns of vv (may be NULL: no columns) to out as GEXF 1.3 (UTF-8, indented),
 * streaming (& < > " escaped, and tab, newline and carriage return in attribute values written as
 * character references, so labels keep them). name is what messages call the output (NULL:
 * "<output>"). Errors: WP_EINPUT when a label, column name or text value is not UTF-8 of XML 1.0
 * characters or a weight is not finite, checked before anything is written; WP_EARG if vv does not
 * cover g's vertices; WP_EIO "name: cannot write: reason" (output then partial). O(n + m + bytes).
 */
wp_status wp_export_gexf(const wp_graph *g, const wp_vertex_values *vv, FILE *out, const char *name,
                         char *err);

#endif
