/* edgebuf.h - the edge buffer: edges as importers and generators produce them.
 *
 * A flat list of (source, target[, weight]) over vertex ids, plus the labels (and vertex
 * attributes) that name those ids. Self-loops and parallel edges are allowed here; the graph
 * builder removes and counts them. Memory: 8 bytes per edge, 12 with weights.
 */
#ifndef WP_EDGEBUF_H
#define WP_EDGEBUF_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/attrs.h"
#include "engine/labels.h"
#include "engine/status.h"

typedef struct wp_edgebuf {
	wp_vertex *src;
	wp_vertex *dst;
	float *weights; /* NULL until the first weighted edge; then one per edge (1 = default) */
	uint64_t count;
	uint64_t cap;
	wp_labels labels; /* names vertices 0..count-1; every edge endpoint is below that count */
	wp_attrs attrs;
} wp_edgebuf;

/* Grows the arrays to hold at least `cap` edges. */
wp_status wp_edgebuf_reserve(wp_edgebuf *eb, uint64_t cap, char *err);

/* Appends edge u -> v (weight 1 if the buffer is weighted). Amortised O(1). */
wp_status wp_edgebuf_push(wp_edgebuf *eb, wp_vertex u, wp_vertex v, char *err);

/* Appends edge u -> v with weight w, making the buffer weighted (earlier edges get weight 1). */
wp_status wp_edgebuf_push_weighted(wp_edgebuf *eb, wp_vertex u, wp_vertex v, float w, char *err);

/* Releases the edge arrays, keeping labels and attributes (the builder calls this early to
 * lower its peak memory). */
void wp_edgebuf_release_edges(wp_edgebuf *eb);

/* Releases everything; accepts a zeroed or already freed struct. */
void wp_edgebuf_free(wp_edgebuf *eb);

#endif
