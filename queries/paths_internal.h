/* paths_internal.h - what paths.c, paths_weighted.c and paths_alternatives.c share.
 *
 * One search of the family is described by a wpi_request: seeds (where chains start), targets,
 * the rank and a hop limit. The vertices no chain may include are listed in the scratch
 * (s->blocked); each search starts a new stamp generation and marks them as already reached by
 * both sides, so the inner loops never test for them. A seed may carry an origin: the search
 * starts at v, one hop after the origin, and every chain it finds begins origin, v, ... That is
 * how the alternatives keep a source while forbidding some of its first hops, and how Yen's spur
 * searches leave a vertex; the origin is itself blocked, so no chain passes through it again.
 * Every search leaves its chain in s->path / s->hops (WP_NO_PATH if none).
 */
#ifndef WP_PATHS_INTERNAL_H
#define WP_PATHS_INTERNAL_H

#include <math.h>

#include "queries/paths.h"

struct wp_path_seed {
	wp_vertex v;
	wp_vertex origin; /* WP_NO_VERTEX, or the vertex every chain from v starts with */
	float warmth;     /* warmth of the tie origin - v (1 without an origin) */
};

struct wp_path_label {
	double cost;
	uint32_t hops;
	wp_vertex v;
	uint32_t parent; /* label index, or UINT32_MAX at a root */
	uint32_t next;   /* the next label settled at v on the same side, or UINT32_MAX */
};

typedef struct wpi_request {
	const wp_path_seed *seeds;
	uint32_t seed_count;
	const wp_vertex *targets;
	uint32_t target_count;
	wp_path_rank rank;
	uint32_t max_hops; /* UINT32_MAX: no limit */
} wpi_request;

#define WPI_SETTLED UINT32_MAX

/* Starts a new generation of marks and marks every vertex of s->blocked, and every seed's
 * origin, as reached by both sides (with parent WP_NO_VERTEX, settled, infinite cost). */
void wpi_paths_begin(wp_path_scratch *s, const wpi_request *rq);

/* Bidirectional BFS for rq (any rank: hops only) on the arcs of weight >= threshold (threshold
 * <= 0: all arcs). Leaves the chain in s->path / s->hops. */
void wpi_bfs(const wp_graph *g, wp_path_scratch *s, const wpi_request *rq, float threshold);

/* The best chain of rq by its rank (dispatching to BFS, Dijkstra, label setting or the
 * bottleneck search), in s->path / s->hops. Errors: WP_EINPUT (a weight outside (0, 1]),
 * WP_ENOMEM. */
wp_status wpi_search(const wp_graph *g, wp_path_scratch *s, const wpi_request *rq, char *err);

/* Writes the chain that meets at `meet`: side 0's parents back to a root (or an origin), then
 * side 1's parents forward to a root. Sets s->path and s->hops. */
void wpi_build_path(wp_path_scratch *s, wp_vertex meet);

/* Measures a chain of `hops` arcs along g: cost, warmth and weakest tie (1 and 0 cost on an
 * unweighted graph). Every arc must exist. */
void wpi_measure(const wp_graph *g, const wp_vertex *path, uint32_t hops, wp_chain *c);

/* Grows *buf (elements of size `size`) to hold at least `need`; WP_ENOMEM. */
wp_status wpi_reserve(void **buf, size_t *cap, size_t need, size_t size, char *err);

/* Appends v to s->blocked. */
wp_status wpi_block(wp_path_scratch *s, wp_vertex v, char *err);

/* The cost of a tie of warmth w: -ln(w), 0 for w = 1. */
static inline double wpi_cost(float w)
{
	return -log((double)w);
}

/* Whether w is a warmth: 0 < w <= 1 (false for NaN). */
static inline bool wpi_warmth_ok(float w)
{
	return w > 0.0f && w <= 1.0f;
}

/* WP_EINPUT naming the tie u - v (u -> v when directed) and its weight. */
wp_status wpi_bad_weight(const wp_graph *g, wp_vertex u, wp_vertex v, float w, char *err);

#endif
