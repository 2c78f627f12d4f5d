/* paths.c - bidirectional BFS for point-to-point hop distance (see paths.h).
 *
 * Each side keeps its own visited stamps and parents. A side expands a whole BFS level at a
 * time; the side chosen is the one whose frontier has the smaller sum of degrees (the work the
 * expansion will do), which keeps both balls small on skewed social graphs. When an expansion
 * touches a vertex the other side has seen, every meeting in that level is considered and the
 * one with the fewest total hops wins; no later level can do better, because any shorter path
 * would have had to meet in an earlier level. Cost: the arcs of the explored balls, O(n + m) in
 * the worst case, usually far less.
 */
#include "queries/paths.h"

#include <stdlib.h>
#include <string.h>

wp_status wp_path_scratch_init(wp_path_scratch *s, const wp_graph *g, char *err)
{
	wp_status st = WP_OK;
	size_t n = g->n ? g->n : 1;
	memset(s, 0, sizeof(*s));
	s->n = g->n;
	s->seen_fwd = calloc(n, sizeof(uint32_t));
	s->seen_bwd = calloc(n, sizeof(uint32_t));
	s->dist_fwd = malloc(n * sizeof(uint32_t));
	s->dist_bwd = malloc(n * sizeof(uint32_t));
	s->parent_fwd = malloc(n * sizeof(wp_vertex));
	s->parent_bwd = malloc(n * sizeof(wp_vertex));
	s->queue_fwd = malloc(n * sizeof(wp_vertex));
	s->queue_bwd = malloc(n * sizeof(wp_vertex));
	s->path = malloc((n + 1) * sizeof(wp_vertex));
	if (!s->seen_fwd || !s->seen_bwd || !s->dist_fwd || !s->dist_bwd || !s->parent_fwd || !s->parent_bwd ||
	    !s->queue_fwd || !s->queue_bwd || !s->path)
		WP_FAIL(WP_ENOMEM, "cannot allocate path scratch for %zu vertices", n);
	s->hops = WP_NO_PATH;
	return WP_OK;
fail:
	wp_path_scratch_free(s);
	return st;
}

void wp_path_scratch_free(wp_path_scratch *s)
{
	free(s->seen_fwd);
	free(s->seen_bwd);
	free(s->dist_fwd);
	free(s->dist_bwd);
	free(s->parent_fwd);
	free(s->parent_bwd);
	free(s->queue_fwd);
	free(s->queue_bwd);
	free(s->path);
	memset(s, 0, sizeof(*s));
}

/* Starts a new query generation; on wrap-around the stamps are cleared once. */
static void next_stamp(wp_path_scratch *s)
{
	if (++s->stamp == 0) {
		memset(s->seen_fwd, 0, (size_t)s->n * sizeof(uint32_t));
		memset(s->seen_bwd, 0, (size_t)s->n * sizeof(uint32_t));
		s->stamp = 1;
	}
}

/* One BFS side: its adjacency, stamps, depths, parents and frontier [head, tail) in its queue. */
typedef struct side {
	const uint64_t *offsets;
	const wp_vertex *targets;
	uint32_t *seen;
	uint32_t *dist;
	wp_vertex *parent;
	wp_vertex *queue;
	uint32_t head, tail;
	uint64_t work; /* summed degree of the frontier: what expanding it will cost */
	uint32_t depth;
} side;

/* Writes source .. meet (forward parents, reversed) then meet .. target (backward parents). */
static void build_path(wp_path_scratch *s, wp_vertex meet)
{
	uint32_t k = s->dist_fwd[meet];
	for (wp_vertex v = meet;; v = s->parent_fwd[v]) {
		s->path[k] = v;
		if (k-- == 0)
			break;
	}
	k = s->dist_fwd[meet];
	for (wp_vertex v = meet; s->dist_bwd[v] != 0;) {
		v = s->parent_bwd[v];
		s->path[++k] = v;
	}
	s->hops = k;
}

/* Expands one whole level of side a. Returns the fewest total hops over the vertices where this
 * level meets the other side (WP_NO_PATH if none) and stores the first such vertex in *meet. */
static uint32_t expand(wp_path_scratch *s, side *a, const side *other, wp_vertex *meet)
{
	uint32_t best = WP_NO_PATH, stamp = s->stamp;
	uint32_t end = a->tail;
	a->work = 0;
	for (uint32_t q = a->head; q < end; q++) {
		wp_vertex u = a->queue[q];
		uint64_t lo = a->offsets[u], hi = a->offsets[u + 1];
		s->explored += hi - lo;
		for (uint64_t e = lo; e < hi; e++) {
			wp_vertex w = a->targets[e];
			if (a->seen[w] == stamp)
				continue;
			a->seen[w] = stamp;
			a->dist[w] = a->depth + 1;
			a->parent[w] = u;
			a->queue[a->tail++] = w;
			a->work += a->offsets[w + 1] - a->offsets[w];
			if (other->seen[w] == stamp && a->depth + 1 + other->dist[w] < best) {
				best = a->depth + 1 + other->dist[w];
				*meet = w;
			}
		}
	}
	a->head = end;
	a->depth++;
	return best;
}

void wp_path_shortest(const wp_graph *g, wp_path_scratch *s, wp_vertex from, wp_vertex to)
{
	next_stamp(s);
	s->hops = WP_NO_PATH;
	s->explored = 0;
	if (from == to) {
		s->path[0] = from;
		s->hops = 0;
		return;
	}
	side f = {g->offsets, g->targets, s->seen_fwd, s->dist_fwd, s->parent_fwd, s->queue_fwd,
		  0, 1, g->offsets[from + 1] - g->offsets[from], 0};
	side b = {g->in_offsets, g->in_targets, s->seen_bwd, s->dist_bwd, s->parent_bwd, s->queue_bwd,
		  0, 1, g->in_offsets[to + 1] - g->in_offsets[to], 0};
	f.queue[0] = from;
	b.queue[0] = to;
	f.seen[from] = b.seen[to] = s->stamp;
	f.dist[from] = b.dist[to] = 0;
	f.parent[from] = from;
	b.parent[to] = to;

	while (f.head < f.tail && b.head < b.tail) {
		wp_vertex meet = WP_NO_VERTEX;
		uint32_t best = f.work <= b.work ? expand(s, &f, &b, &meet) : expand(s, &b, &f, &meet);
		if (best != WP_NO_PATH) {
			build_path(s, meet);
			return;
		}
	}
}
