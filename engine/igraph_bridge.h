/* igraph_bridge.h - conversions between wp_graph and igraph_t, and igraph error handling.
 *
 * The only library header that includes <igraph.h>. igraph (Debian's 0.10.2) is built with
 * IGRAPH_THREAD_SAFE 0 and aborts on any error by default, so a program first calls
 * wp_igraph_setup(), which installs an error handler that records igraph's reason and frees
 * igraph's temporaries (IGRAPH_FINALLY_FREE) so the failing call returns its error code instead
 * of aborting. wp_igraph_status() (or the WP_IGRAPH_TRY macro) then turns that code into
 * WP_EIGRAPH with the recorded reason in err. None of these functions may run inside an OpenMP
 * parallel region: igraph's error state, random number generator and finally stack are global.
 *
 * Vertex ids are the same on both sides. An undirected wp_graph stores every edge twice (u -> v
 * and v -> u); igraph holds it once.
 */
#ifndef WP_IGRAPH_BRIDGE_H
#define WP_IGRAPH_BRIDGE_H

#include <igraph.h>

#include "engine/graph.h"
#include "engine/status.h"

/* Installs warmpath's igraph error handler (records file, line and reason; calls
 * IGRAPH_FINALLY_FREE() and lets the igraph call return its error code) and a warning handler
 * that discards warnings. Idempotent; call it once at start-up, outside parallel regions. The
 * bridge functions below call it themselves. */
void wp_igraph_setup(void);

/* Forgets the reason recorded by the last igraph error, so the next failure records its own.
 * WP_IGRAPH_TRY calls this before each igraph call. */
void wp_igraph_clear(void);

/* Maps an igraph return code to a wp_status: WP_OK for IGRAPH_SUCCESS, otherwise WP_EIGRAPH with
 * "igraph: <igraph_strerror(code)>: <reason> (<file>:<line>)" written to err (first error wins;
 * the reason is the first one recorded since the last wp_igraph_clear()). Clears the record. */
wp_status wp_igraph_status(igraph_error_t code, char *err);

/* Evaluates an igraph call; on failure records WP_EIGRAPH and its reason and jumps to fail:.
 * Needs locals `st` and `err`, like WP_TRY. */
#define WP_IGRAPH_TRY(expr)                                          \
	do {                                                         \
		wp_igraph_clear();                                   \
		igraph_error_t wp_igraph_code_ = (expr);             \
		if (wp_igraph_code_ != IGRAPH_SUCCESS) {             \
			st = wp_igraph_status(wp_igraph_code_, err); \
			goto fail;                                   \
		}                                                    \
	} while (0)

/* Creates *out, an igraph graph with g's vertices (same ids), directedness and edges: every arc
 * of a directed graph, every undirected edge once. igraph's edge ids follow g's arc order: by
 * source, then target (undirected: the arcs u -> v with u < v). If weights_or_null is non-NULL
 * (an initialised vector), it is resized to the edge count and filled with each edge's weight in
 * that order, or with 1.0 when g is unweighted. On success the caller owns *out and must
 * igraph_destroy() it; on error *out is not initialised and the weights vector may have been
 * resized. Returns WP_EARG inside a parallel region, WP_EIGRAPH if igraph fails.
 * O(n + m) time, 16 bytes per edge of temporary memory plus igraph's own indexes. */
wp_status wp_igraph_from_graph(const wp_graph *g, igraph_t *out, igraph_vector_t *weights_or_null,
                               char *err);

/* Builds g from igraph graph ig with wp_graph_build(): vertex v is labelled with its decimal id
 * ("0" .. "n-1"), so ids are kept; self-loops are dropped and multi-edges merged as the builder
 * does (and counted in g). If weights_or_null is non-NULL it must hold one weight per igraph
 * edge, converted to float; g is then weighted (if it has any edges). g has no attributes.
 * On error g is zeroed. Returns WP_EARG inside a parallel region or for a weight vector of the
 * wrong length, WP_ELIMIT for more than WP_MAX_VERTICES vertices. O(n + m) plus the builder's
 * cost. */
wp_status wp_graph_from_igraph(wp_graph *g, const igraph_t *ig,
                               const igraph_vector_t *weights_or_null, char *err);

#endif
