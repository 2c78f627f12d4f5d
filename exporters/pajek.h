/* pajek.h - writing a wp_graph as a Pajek network (.net), as Pajek, igraph and networkx read it.
 *
 * "*Vertices n", then "i \"label\"" for i = 1..n in vertex order, then "*Edges" (undirected,
 * each edge once, lower vertex first) or "*Arcs" (directed), one "i j" or "i j weight" per line.
 * Pajek has no escape inside its quoted labels: a double quote in a label is written as a single
 * quote, and a line break or other control character as a space (the only changes made; the
 * vertex order and numbering are exact, so results written alongside by vertex number still
 * match). Vertex result columns are not part of the format: write them as CSV (vertex_csv.h).
 */
#ifndef WP_EXPORT_PAJEK_H
#define WP_EXPORT_PAJEK_H

#include <stdio.h>

#include "engine/graph.h"
#include "engine/status.h"

/* Writes g to out as described above, weights in the shortest decimal that reads back as the
 * same float. name is what messages call the output (NULL: "<output>"). Errors: WP_EINPUT if a
 * weight is not finite (checked before anything is written); WP_EIO "name: cannot write:
 * reason". O(n + m + bytes of labels), streaming. */
wp_status wp_export_pajek(const wp_graph *g, FILE *out, const char *name, char *err);

#endif
