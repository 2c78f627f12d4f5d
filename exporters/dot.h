/* dot.h - writing a wp_graph and its vertex results as Graphviz DOT.
 *
 * `graph` with `--` edges (undirected) or `digraph` with `->` (directed). Every vertex gets a
 * node statement, so isolated vertices survive; its ID is the vertex label as a quoted string,
 * followed by the result columns that have a value for it, as quoted attributes ("betweenness"=
 * "12.5"). Each edge, undirected ones once, carries "weight" when g is weighted. Graphviz's
 * agread, networkx (pydot/pygraphviz) and Gephi read the labels and attributes back.
 *
 * Quoting: Graphviz reads \" in a quoted string as a quote, backslash-newline as nothing (a line
 * continuation) and two backslashes as two backslashes (a pair, which does not escape what
 * follows); every other byte as it is. So quotes are written \", newlines and other bytes as
 * they are, backslashes as they are, except that an odd run of backslashes right before a quote,
 * a newline or the end of the string gets one more backslash (alone, the last one would be
 * misread); Graphviz then reads one backslash more than the label had. That is the one case DOT
 * cannot express exactly.
 */
#ifndef WP_EXPORT_DOT_H
#define WP_EXPORT_DOT_H

#include <stdio.h>

#include "engine/graph.h"
#include "engine/status.h"
#include "exporters/vertex_values.h"

/* Writes g and the columns of vv (may be NULL) to out as DOT, streaming. name is what messages
 * call the output (NULL: "<output>"). Errors: WP_EARG if vv does not cover g's vertices;
 * WP_EINPUT if a weight is not finite (both checked before writing); WP_EIO "name: cannot write:
 * reason". O(n + m + bytes of text). */
wp_status wp_export_dot(const wp_graph *g, const wp_vertex_values *vv, FILE *out, const char *name,
                        char *err);

#endif
