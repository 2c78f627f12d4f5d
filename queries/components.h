/* components.h - weakly connected components.
 *
 * Two vertices are in the same weakly connected component when a path joins them, ignoring arc
 * directions (for an undirected graph: the connected components). Components are numbered
 * 0..count-1 in order of each component's smallest vertex id, so the numbering is canonical: it
 * depends only on the graph, never on the thread count, and matches igraph's
 * igraph_connected_components(..., IGRAPH_WEAK).
 */
#ifndef WP_COMPONENTS_H
#define WP_COMPONENTS_H

#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

typedef struct wp_components {
	uint32_t count;        /* components; 0 only for the null graph */
	uint32_t *membership;  /* n: component id per vertex, numbered 0.. in order of each
	                        * component's smallest vertex; NULL for the null graph */
	uint32_t largest_size; /* vertices in the largest component (0 for the null graph) */
	uint32_t largest;      /* id of the largest component, the lowest id on ties (0 for the
	                        * null graph) */
} wp_components;

/* Finds the weakly connected components of g (arc directions ignored; a directed graph's
 * in-adjacency is used, so no transpose is built) with the Afforest algorithm, in parallel.
 * c is cleared on entry and written only on success; the caller releases it with
 * wp_components_free(). Errors: WP_ENOMEM. O(n + m) expected work; memory 4 bytes per vertex
 * for the result plus 4 per vertex and 4 per component of scratch. */
wp_status wp_components_find(const wp_graph *g, wp_components *c, char *err);

/* Releases c and zeroes it; accepts a zeroed or already freed struct. */
void wp_components_free(wp_components *c);

#endif
