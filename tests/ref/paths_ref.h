/* paths_ref.h - slow, obvious reference versions of the path kernels, for the tests only.
 *
 * Header-only (static functions) so that each test file that checks queries/paths* includes it
 * without a build rule. Every function is the textbook version of its problem, written for
 * clarity on small or medium graphs: breadth-first search over all vertices; Bellman-Ford over
 * (vertex, hops) states for the hop-limited warmest chain; a layered dynamic programme for the
 * warmest among the fewest-hop chains; exhaustive enumeration of simple paths (depth-first) for
 * the bottleneck chain and the alternatives. Costs are -ln(warmth) in double precision, summed
 * from the source, as the kernels report them.
 */
#ifndef WP_TESTS_PATHS_REF_H
#define WP_TESTS_PATHS_REF_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/graph.h"

static inline double ref_cost(float w)
{
	return -log((double)w);
}

static inline bool ref_in(const wp_vertex *set, uint32_t count, wp_vertex v)
{
	for (uint32_t i = 0; i < count; i++)
		if (set[i] == v)
			return true;
	return false;
}

/* Hop distances from a set of sources to every vertex (UINT32_MAX: unreachable), never entering
 * a blocked vertex (a blocked source is not a source). dist has n entries; order, if not NULL,
 * receives the reached vertices in BFS order (n entries). Returns how many were reached. */
static inline uint32_t ref_bfs_order(const wp_graph *g, const wp_vertex *from, uint32_t from_count,
                                     const wp_vertex *blocked, uint32_t blocked_count,
                                     uint32_t *dist, wp_vertex *order)
{
	wp_vertex *q = order ? order : malloc(((size_t)g->n + 1) * sizeof(*q));
	uint32_t head = 0, tail = 0;
	for (uint32_t v = 0; v < g->n; v++)
		dist[v] = UINT32_MAX;
	for (uint32_t i = 0; i < from_count; i++)
		if (!ref_in(blocked, blocked_count, from[i]) && dist[from[i]] == UINT32_MAX) {
			dist[from[i]] = 0;
			q[tail++] = from[i];
		}
	while (head < tail) {
		wp_vertex u = q[head++];
		for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++) {
			wp_vertex w = g->targets[e];
			if (dist[w] != UINT32_MAX || ref_in(blocked, blocked_count, w))
				continue;
			dist[w] = dist[u] + 1;
			q[tail++] = w;
		}
	}
	if (order == NULL)
		free(q);
	return tail;
}

static inline void ref_bfs(const wp_graph *g, const wp_vertex *from, uint32_t from_count,
                           const wp_vertex *blocked, uint32_t blocked_count, uint32_t *dist)
{
	ref_bfs_order(g, from, from_count, blocked, blocked_count, dist, NULL);
}

/* Least cost of a chain from the sources to any target with at most max_hops hops, by
 * Bellman-Ford over (vertex, hops) states: best[h][v] = least cost of a walk of at most h hops.
 * Returns INFINITY when there is none. Walks and chains give the same least cost (costs are >= 0,
 * so a cycle never helps). */
static inline double ref_hop_limited(const wp_graph *g, const wp_vertex *from, uint32_t from_count,
                                     const wp_vertex *to, uint32_t to_count,
                                     const wp_vertex *blocked, uint32_t blocked_count,
                                     uint32_t max_hops)
{
	double *cur = malloc(((size_t)g->n + 1) * sizeof(*cur));
	double *next = malloc(((size_t)g->n + 1) * sizeof(*next));
	double best = INFINITY;
	for (uint32_t v = 0; v < g->n; v++)
		cur[v] = INFINITY;
	for (uint32_t i = 0; i < from_count; i++)
		if (!ref_in(blocked, blocked_count, from[i]))
			cur[from[i]] = 0.0;
	for (uint32_t h = 0;; h++) {
		for (uint32_t i = 0; i < to_count; i++)
			if (cur[to[i]] < best)
				best = cur[to[i]];
		if (h == max_hops)
			break;
		memcpy(next, cur, (size_t)g->n * sizeof(*cur));
		for (wp_vertex u = 0; u < g->n; u++) {
			if (cur[u] == INFINITY || ref_in(to, to_count, u))
				continue; /* chains end at their first target */
			for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++) {
				wp_vertex w = g->targets[e];
				if (ref_in(blocked, blocked_count, w))
					continue;
				double c = cur[u] + ref_cost(g->weights[e]);
				if (c < next[w])
					next[w] = c;
			}
		}
		double *t = cur;
		cur = next;
		next = t;
	}
	free(cur);
	free(next);
	return best;
}

/* Least cost among the chains with the fewest hops from the sources to the nearest target, by a
 * dynamic programme over the BFS layers. *hops receives that hop count (UINT32_MAX: none). */
static inline double ref_hops_warmth(const wp_graph *g, const wp_vertex *from, uint32_t from_count,
                                     const wp_vertex *to, uint32_t to_count, uint32_t *hops)
{
	uint32_t *dist = malloc(((size_t)g->n + 1) * sizeof(*dist));
	double *cost = malloc(((size_t)g->n + 1) * sizeof(*cost));
	wp_vertex *order = malloc(((size_t)g->n + 1) * sizeof(*order));
	uint32_t count, best_h = UINT32_MAX;
	double best = INFINITY;
	count = ref_bfs_order(g, from, from_count, NULL, 0, dist, order);
	for (uint32_t v = 0; v < g->n; v++)
		cost[v] = dist[v] == 0 ? 0.0 : INFINITY;
	/* BFS order lists vertices by distance, so every u is final before it is extended. */
	for (uint32_t i = 0; i < count; i++) {
		wp_vertex u = order[i];
		for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++) {
			wp_vertex w = g->targets[e];
			if (dist[w] == dist[u] + 1 && cost[u] + ref_cost(g->weights[e]) < cost[w])
				cost[w] = cost[u] + ref_cost(g->weights[e]);
		}
	}
	for (uint32_t i = 0; i < to_count; i++) {
		wp_vertex t = to[i];
		if (dist[t] < best_h || (dist[t] == best_h && cost[t] < best)) {
			best_h = dist[t];
			best = cost[t];
		}
	}
	*hops = best_h;
	free(dist);
	free(cost);
	free(order);
	return best;
}

/* Exhaustive enumeration of the simple chains from s to t (t != s) of at most max_hops hops:
 * visit(path, hops, ctx) is called for each. For small graphs only. */
typedef void (*ref_visit)(const wp_vertex *path, uint32_t hops, void *ctx);

static inline void ref_simple_paths_from(const wp_graph *g, wp_vertex *path, bool *on, uint32_t k,
                                         wp_vertex t, uint32_t max_hops, ref_visit visit, void *ctx)
{
	wp_vertex u = path[k];
	if (u == t) {
		visit(path, k, ctx);
		return;
	}
	if (k == max_hops)
		return;
	for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++) {
		wp_vertex w = g->targets[e];
		if (on[w])
			continue;
		on[w] = true;
		path[k + 1] = w;
		ref_simple_paths_from(g, path, on, k + 1, t, max_hops, visit, ctx);
		on[w] = false;
	}
}

static inline void ref_simple_paths(const wp_graph *g, wp_vertex s, wp_vertex t, uint32_t max_hops,
                                    ref_visit visit, void *ctx)
{
	wp_vertex *path = malloc(((size_t)g->n + 1) * sizeof(*path));
	bool *on = calloc((size_t)g->n + 1, sizeof(*on));
	path[0] = s;
	on[s] = true;
	ref_simple_paths_from(g, path, on, 0, t, max_hops, visit, ctx);
	free(path);
	free(on);
}

/* The weakest warmth on a chain (1 for no ties). */
static inline float ref_weakest(const wp_graph *g, const wp_vertex *path, uint32_t hops)
{
	float least = 1.0f;
	for (uint32_t i = 0; i < hops; i++) {
		float w = g->weights[wp_graph_find_arc(g, path[i], path[i + 1])];
		if (w < least)
			least = w;
	}
	return least;
}

/* Collects the best (weakest tie, then hops) over enumerated chains. */
typedef struct ref_widest {
	const wp_graph *g;
	float weakest; /* -1: none yet */
	uint32_t hops;
} ref_widest;

static inline void ref_widest_visit(const wp_vertex *path, uint32_t hops, void *ctx)
{
	ref_widest *r = ctx;
	float w = ref_weakest(r->g, path, hops);
	if (w > r->weakest || (w == r->weakest && hops < r->hops)) {
		r->weakest = w;
		r->hops = hops;
	}
}

#endif
