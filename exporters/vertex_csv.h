/* vertex_csv.h - writing vertex results as CSV: one row per vertex, one column per result.
 *
 * Header `vertex,<col>,...`, then one row per vertex in id order (the input's order): the label,
 * then each column's value. Quoting follows RFC 4180: a field holding a comma, a double quote, a
 * CR or LF (or starting or ending with a space, which some readers trim) is enclosed in double
 * quotes with quotes doubled; everything else is written as is. Lines end with LF, as every other
 * CSV warmpath prints. Numbers as in vertex_values.h; a missing number is `NaN` (as `warmpath
 * centrality --format csv` prints), missing text an empty field.
 */
#ifndef WP_EXPORT_VERTEX_CSV_H
#define WP_EXPORT_VERTEX_CSV_H

#include <stdio.h>

#include "engine/graph.h"
#include "engine/status.h"
#include "exporters/vertex_values.h"

/* Writes the labels of g and the columns of vv (may be NULL: labels only) to out, streaming.
 * name is what messages call the output (NULL: "<output>"). Errors: WP_EARG if vv does not cover
 * g's vertices; WP_EINPUT if a column is called "vertex" (the header would be ambiguous), both
 * before anything is written; WP_EIO "name: cannot write: reason". O(n x columns + bytes). */
wp_status wp_export_vertex_csv(const wp_graph *g, const wp_vertex_values *vv, FILE *out,
                               const char *name, char *err);

/* Writes s[0..] as one RFC 4180 field (quoted when needed). */
void wp_csv_put_field(FILE *out, const char *s);

#endif
