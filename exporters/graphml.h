/* graphml.h - writing a wp_graph as GraphML.
 *
 * The output is what wp_import_graphml() reads back into the same graph (same vertex order,
 * labels, label-like attributes and weights), and what igraph, networkx, graph-tool and Gephi
 * read: node ids are the vertex labels, every vertex attribute column becomes a string node key
 * (or, through wp_export_graphml_values, any typed result column), edge weights (if any) a double
 * edge key named "weight".
 */
#ifndef WP_EXPORT_GRAPHML_H
#define WP_EXPORT_GRAPHML_H

#include <stdio.h>

#include "engine/graph.h"
#include "engine/status.h"
#include "exporters/vertex_values.h"

/* Writes g to out as GraphML (UTF-8, indented): <key>s for the attribute columns and the weight,
 * <graph edgedefault> from g->directed, one <node> per vertex in id order (with a <data> for each
 * non-empty attribute value), then the edges in CSR order, undirected ones once (u < v). Weights
 * are written in the shortest decimal form that reads back as the same float.
 * name is what messages call the output (a path, or NULL for "<output>").
 * Errors: WP_EINPUT when a label, attribute name or value cannot be written as XML 1.0 (invalid
 * UTF-8 or a control character other than tab, newline and carriage return) or a weight is not
 * finite, checked before anything is written; WP_EARG if g's labels or attributes do not match
 * its vertex count; WP_EIO "name: cannot write: reason" if out fails (output is then partial).
 * out is not closed. O(n + m + bytes of text). */
wp_status wp_export_graphml(const wp_graph *g, FILE *out, const char *name, char *err);

/* Writes g with the columns of vv (over g's n vertices) instead of g's own attributes (add them
 * to vv with wp_vertex_values_add_attrs to keep them): one <key> per column, in vv's order, with
 * the attr.type of its type (double, long, boolean, string), and a <data> for every value that
 * is not missing. igraph reads the columns back as numeric, boolean and string attributes, Gephi
 * as typed node attributes. Errors as for wp_export_graphml, plus WP_EARG if vv->n != g->n. */
wp_status wp_export_graphml_values(const wp_graph *g, const wp_vertex_values *vv, FILE *out,
                                   const char *name, char *err);

#endif
