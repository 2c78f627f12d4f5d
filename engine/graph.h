/* graph.h - wp_graph, the immutable compressed-sparse-row graph every query runs on.
 *
 * Vertex ids are uint32_t (0..n-1), offsets uint64_t. Vertex v's out-neighbours are
 * targets[offsets[v] .. offsets[v+1]), sorted ascending, without duplicates or v itself; the
 * optional weights run parallel to targets. An undirected graph stores each edge in both
 * directions (its in_* arrays alias the out arrays); a directed graph also stores the reverse
 * adjacency in in_offsets/in_targets. Memory: 8 bytes per vertex and 4 per stored arc (8 with
 * weights), twice for directed graphs. Read-only after wp_graph_build(), so any number of threads
 * may share one graph without locks.
 */
#ifndef WP_GRAPH_H
#define WP_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/attrs.h"
#include "engine/edgebuf.h"
#include "engine/labels.h"
#include "engine/status.h"

typedef struct wp_graph {
	uint32_t n; /* vertices */
	uint64_t m; /* stored out-arcs: 2 x edges if undirected, edges if directed */
	bool directed;
	uint64_t *offsets;     /* n + 1 */
	wp_vertex *targets;    /* m, each list sorted ascending */
	float *weights;        /* m, or NULL for an unweighted graph */
	uint64_t *in_offsets;  /* directed: n + 1 of the reverse graph; undirected: == offsets */
	wp_vertex *in_targets; /* directed: m; undirected: == targets */
	float *in_weights;     /* directed and weighted: m; undirected: == weights */
	wp_labels labels;      /* label of every vertex */
	wp_attrs attrs;        /* vertex attributes from the input (may have no columns) */
	uint64_t self_loops_removed; /* input edges u-u dropped by the build */
	uint64_t multi_edges_merged; /* input edges dropped as duplicates of another (undirected:
	                              * u-v and v-u are the same edge) */
	void *mapping;               /* non-NULL when the arrays live in an mmap-ed snapshot */
	size_t mapping_len;
} wp_graph;

/* Builds g from the edges in eb, in O(n + m) plus the sort of each neighbour list, in parallel.
 * Rules: self-loops are removed; parallel edges (and, undirected, u-v with v-u) are merged into
 * one, keeping the maximum weight; both are counted in g. Moves eb's labels and attributes into g
 * and releases eb's edges as early as possible (peak memory about twice the final graph), so eb
 * is left empty whether or not the build succeeds. On error g is zeroed. */
wp_status wp_graph_build(wp_graph *g, wp_edgebuf *eb, bool directed, char *err);

/* Number of edges as a user counts them: undirected edges once. */
static inline uint64_t wp_graph_edges(const wp_graph *g)
{
	return g->directed ? g->m : g->m / 2;
}

static inline uint64_t wp_graph_out_degree(const wp_graph *g, wp_vertex v)
{
	return g->offsets[v + 1] - g->offsets[v];
}

static inline uint64_t wp_graph_in_degree(const wp_graph *g, wp_vertex v)
{
	return g->in_offsets[v + 1] - g->in_offsets[v];
}

/* Degree as users count it: out + in for directed graphs, neighbours for undirected ones. */
static inline uint64_t wp_graph_degree(const wp_graph *g, wp_vertex v)
{
	return g->directed ? wp_graph_out_degree(g, v) + wp_graph_in_degree(g, v)
	                   : wp_graph_out_degree(g, v);
}

/* Bytes held by the CSR arrays (offsets, targets, weights, and the reverse arrays of a directed
 * graph); labels and attributes are reported separately. */
uint64_t wp_graph_memory(const wp_graph *g);

/* Index of arc u -> v in targets (binary search in u's sorted list), or UINT64_MAX. */
uint64_t wp_graph_find_arc(const wp_graph *g, wp_vertex u, wp_vertex v);

/* Releases g (or unmaps its snapshot) and zeroes it; accepts a zeroed or already freed graph. */
void wp_graph_free(wp_graph *g);

#endif
