/* paths.h - point-to-point shortest paths (hop counts) by bidirectional breadth-first search.
 *
 * A query costs only what it explores: the scratch space is allocated once per thread and reset
 * by generation stamps, never by clearing O(n) arrays. Reuse one scratch per thread across any
 * number of queries on the same graph.
 */
#ifndef WP_PATHS_H
#define WP_PATHS_H

#include <stdint.h>

#include "engine/graph.h"

#define WP_NO_PATH UINT32_MAX

typedef struct wp_path_scratch {
	uint32_t n;
	uint32_t stamp;      /* generation of the current query */
	uint32_t *seen_fwd;  /* == stamp when reached from the source side */
	uint32_t *seen_bwd;  /* == stamp when reached from the target side */
	uint32_t *dist_fwd;  /* hops from the source, valid where seen_fwd == stamp */
	uint32_t *dist_bwd;  /* hops to the target, valid where seen_bwd == stamp */
	wp_vertex *parent_fwd;
	wp_vertex *parent_bwd;
	wp_vertex *queue_fwd; /* current and next frontier of each side, packed */
	wp_vertex *queue_bwd;
	wp_vertex *path;      /* the last path found: path[0] = source ... path[hops] = target */
	uint32_t hops;        /* WP_NO_PATH when the last query found none */
	uint64_t explored;    /* arcs scanned by the last query */
} wp_path_scratch;

/* Allocates scratch for graphs of up to g->n vertices. O(n) once. */
wp_status wp_path_scratch_init(wp_path_scratch *s, const wp_graph *g, char *err);

void wp_path_scratch_free(wp_path_scratch *s);

/* Finds a shortest path from `from` to `to` (following arc directions in a directed graph).
 * Sets s->hops (WP_NO_PATH if `to` is unreachable) and s->path (hops + 1 vertices, valid until
 * the next query on s). Expands, level by level, the side whose frontier has the smaller summed
 * degree; stops after the first level in which the two searches meet, taking the best meeting
 * of that level, which is a shortest path. Ties between equally short paths are broken by the
 * sorted neighbour order, so the answer is deterministic. */
void wp_path_shortest(const wp_graph *g, wp_path_scratch *s, wp_vertex from, wp_vertex to);

#endif
