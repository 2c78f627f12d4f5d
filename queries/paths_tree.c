/* paths_tree.c - the best chain from one set of sources to every vertex at once (see paths.h).
 *
 * When many queries share their sources (a fundraiser's members against 10,000 prospects), one
 * search from the sources answers them all: the point-to-point kernels would repeat the sources'
 * side of the work for every target. Four searches, one per rank:
 *
 * - WP_RANK_HOPS: breadth-first search from the sources; parent = first discoverer.
 * - WP_RANK_HOPS_WARMTH: the same search, a vertex of level d + 1 keeping the cheapest parent of
 *   level d (the dynamic programme over BFS layers of paths_weighted.c).
 * - WP_RANK_WARMTH: Dijkstra with an indexed binary heap on (cost, hops) keys.
 * - WP_RANK_WARMTH with at most H hops: hop-layered Bellman-Ford. F_h(v), the least cost of a
 *   chain of at most h hops, is F_{h-1}(v) improved through the vertices whose value changed in
 *   layer h - 1 (the frontier), relaxed from their layer h - 1 values, so that a chain found in
 *   layer h has at most h hops. A vertex improved in layer h records its parent in layer h's own
 *   parent row; since the parent was improved in layer h - 1, the chain is read back one row per
 *   hop. A strict improvement keeps the earliest layer on ties, so among the cheapest chains the
 *   one with the fewest hops wins, as in the point-to-point search.
 *
 * Avoided vertices are never entered. Serial: a tree is one search; independent trees (several
 * source sets) can run in parallel. Costs O(n + m), O((n + m) log n) and O(H (n + m)).
 */
#include "queries/paths.h"

#include <stdlib.h>
#include <string.h>

#include "queries/paths_internal.h"

#define BLOCKED (UINT32_MAX - 1) /* in hops[] while building: an avoided vertex */

void wp_path_tree_free(wp_path_tree *t)
{
	free(t->hops);
	free(t->cost);
	free(t->parent);
	memset(t, 0, sizeof(*t));
}

/* Breadth-first search (with the cheapest parent per level when `warm`). */
static wp_status tree_bfs(const wp_graph *g, wp_path_tree *t, wp_vertex *queue, uint32_t tail,
                          bool warm, uint32_t max_hops, char *err)
{
	wp_status st = WP_OK;
	uint32_t head = 0;
	for (uint32_t depth = 0; head < tail && depth < max_hops; depth++) {
		uint32_t end = tail;
		for (; head < end; head++) {
			wp_vertex u = queue[head];
			for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++) {
				wp_vertex w = g->targets[e];
				uint32_t hw = t->hops[w];
				if (hw != WP_NO_PATH && (!warm || hw != depth + 1))
					continue;
				double c = 0.0;
				if (warm) {
					float wt = g->weights[e];
					if (!wpi_warmth_ok(wt)) {
						st = wpi_bad_weight(g, u, w, wt, err);
						goto fail;
					}
					c = t->cost[u] + wpi_cost(wt);
				}
				if (hw == WP_NO_PATH) {
					t->hops[w] = depth + 1;
					t->cost[w] = c;
					t->parent[w] = u;
					queue[tail++] = w;
				} else if (c < t->cost[w]) {
					t->cost[w] = c;
					t->parent[w] = u;
				}
			}
		}
	}
	return WP_OK;
fail:
	return st;
}

typedef struct heap_item {
	double cost;
	uint32_t hops;
	wp_vertex v;
} heap_item;

static inline bool item_less(const heap_item *a, const heap_item *b)
{
	return a->cost < b->cost || (a->cost == b->cost && a->hops < b->hops);
}

static void sift_up(heap_item *h, uint32_t *pos, uint32_t i)
{
	heap_item x = h[i];
	while (i > 0) {
		uint32_t p = (i - 1) / 2;
		if (!item_less(&x, &h[p]))
			break;
		h[i] = h[p];
		pos[h[i].v] = i;
		i = p;
	}
	h[i] = x;
	pos[x.v] = i;
}

static void sift_down(heap_item *h, uint32_t *pos, uint32_t len, uint32_t i)
{
	heap_item x = h[i];
	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= len)
			break;
		if (c + 1 < len && item_less(&h[c + 1], &h[c]))
			c++;
		if (!item_less(&h[c], &x))
			break;
		h[i] = h[c];
		pos[h[i].v] = i;
		i = c;
	}
	h[i] = x;
	pos[x.v] = i;
}

/* Dijkstra on (cost, hops) from the `count` distinct sources in queue (already at hops 0, cost
 * 0 in t). */
static wp_status tree_dijkstra(const wp_graph *g, wp_path_tree *t, const wp_vertex *queue,
                               uint32_t count, char *err)
{
	wp_status st = WP_OK;
	heap_item *heap = malloc(((size_t)g->n + 1) * sizeof(*heap));
	uint32_t *pos = malloc(((size_t)g->n + 1) * sizeof(*pos));
	uint32_t len = 0;
	if (heap == NULL || pos == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a heap for %u vertices", g->n);
	for (uint32_t i = 0; i < count; i++) {
		heap[len] = (heap_item){0.0, 0, queue[i]};
		sift_up(heap, pos, len++);
	}
	while (len > 0) {
		heap_item top = heap[0];
		pos[top.v] = WPI_SETTLED;
		if (--len > 0) {
			heap[0] = heap[len];
			sift_down(heap, pos, len, 0);
		}
		for (uint64_t e = g->offsets[top.v]; e < g->offsets[top.v + 1]; e++) {
			wp_vertex w = g->targets[e];
			float wt = g->weights[e];
			uint32_t hw = t->hops[w];
			if (hw == BLOCKED || (hw != WP_NO_PATH && pos[w] == WPI_SETTLED))
				continue;
			if (!wpi_warmth_ok(wt)) {
				st = wpi_bad_weight(g, top.v, w, wt, err);
				goto fail;
			}
			heap_item x = {top.cost + wpi_cost(wt), top.hops + 1, w};
			if (hw == WP_NO_PATH) {
				heap[len] = x;
				sift_up(heap, pos, len++);
			} else if (item_less(&x, &heap[pos[w]])) {
				heap[pos[w]] = x;
				sift_up(heap, pos, pos[w]);
			} else {
				continue;
			}
			t->hops[w] = x.hops;
			t->cost[w] = x.cost;
			t->parent[w] = top.v;
		}
	}
	free(heap);
	free(pos);
	return WP_OK;
fail:
	free(heap);
	free(pos);
	return st;
}

/* Hop-layered Bellman-Ford from the sources (the first frontier, `count` of them in queue). */
static wp_status tree_layered(const wp_graph *g, wp_path_tree *t, wp_vertex *queue, uint32_t count,
                              char *err)
{
	wp_status st = WP_OK;
	const size_t n = g->n;
	wp_vertex *next = malloc((n + 1) * sizeof(*next));
	double *fcost = malloc((n + 1) * sizeof(*fcost));
	uint32_t *in_next = malloc((n + 1) * sizeof(*in_next));
	if (next == NULL || fcost == NULL || in_next == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate layers for %zu vertices", n);
	for (size_t v = 0; v < n; v++)
		in_next[v] = 0;
	for (uint32_t i = 0; i < count; i++)
		fcost[i] = 0.0;
	for (uint32_t h = 1; h <= t->max_hops && count > 0; h++) {
		wp_vertex *row = t->parent + (size_t)h * n;
		uint32_t next_count = 0;
		for (uint32_t i = 0; i < count; i++) {
			wp_vertex u = queue[i];
			for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++) {
				wp_vertex w = g->targets[e];
				if (t->hops[w] == BLOCKED)
					continue;
				float wt = g->weights[e];
				if (!wpi_warmth_ok(wt)) {
					st = wpi_bad_weight(g, u, w, wt, err);
					goto fail;
				}
				double c = fcost[i] + wpi_cost(wt);
				if (!(c < t->cost[w]))
					continue;
				t->cost[w] = c;
				t->hops[w] = h;
				row[w] = u;
				if (in_next[w] != h) {
					in_next[w] = h;
					next[next_count++] = w;
				}
			}
		}
		/* The next frontier, with the values this layer ended with. */
		for (uint32_t i = 0; i < next_count; i++) {
			queue[i] = next[i];
			fcost[i] = t->cost[next[i]];
		}
		count = next_count;
	}
	free(next);
	free(fcost);
	free(in_next);
	return WP_OK;
fail:
	free(next);
	free(fcost);
	free(in_next);
	return st;
}

wp_status wp_path_tree_build(const wp_graph *g, const wp_vertex *from, uint32_t from_count,
                             const wp_path_opts *opts, wp_path_tree *t, char *err)
{
	wp_status st = WP_OK;
	const wp_path_opts o = opts ? *opts : WP_PATH_DEFAULTS;
	wp_path_tree x = {0};
	wp_vertex *queue = NULL;
	const size_t n = g->n;
	uint32_t count = 0;

	if (from_count == 0)
		WP_FAIL(WP_EARG, "a chain needs at least one source");
	if ((unsigned)o.rank > WP_RANK_WARMTH)
		WP_FAIL(WP_EARG,
		        "a tree ranks by hops, hops-warmth or warmth, not %s; ask per target",
		        wp_path_rank_name(o.rank));
	if (wp_path_rank_weighted(o.rank) && g->weights == NULL)
		WP_FAIL(WP_EARG, "ranking chains by %s needs a weighted graph (warmth in (0, 1])",
		        wp_path_rank_name(o.rank));
	for (uint32_t i = 0; i < from_count; i++)
		if (from[i] >= g->n)
			WP_FAIL(WP_EARG, "source %u out of range (n = %u)", from[i], g->n);
	for (uint32_t i = 0; i < o.avoid_count; i++)
		if (o.avoid[i] >= g->n)
			WP_FAIL(WP_EARG, "avoided vertex %u out of range (n = %u)", o.avoid[i],
			        g->n);
	x.n = g->n;
	x.rank = o.rank;
	x.max_hops = o.max_hops;
	x.layers = o.rank == WP_RANK_WARMTH && o.max_hops ? o.max_hops + 1 : 1;
	x.hops = malloc((n + 1) * sizeof(*x.hops));
	x.cost = malloc((n + 1) * sizeof(*x.cost));
	x.parent = malloc(((size_t)x.layers * n + 1) * sizeof(*x.parent));
	queue = malloc((n + 1) * sizeof(*queue));
	if (!x.hops || !x.cost || !x.parent || !queue)
		WP_FAIL(WP_ENOMEM, "cannot allocate a chain tree for %zu vertices", n);
	for (size_t v = 0; v < n; v++) {
		x.hops[v] = WP_NO_PATH;
		x.cost[v] = INFINITY;
	}
	for (size_t i = 0; i < (size_t)x.layers * n; i++)
		x.parent[i] = WP_NO_VERTEX;
	for (uint32_t i = 0; i < o.avoid_count; i++)
		x.hops[o.avoid[i]] = BLOCKED;
	for (uint32_t i = 0; i < from_count; i++) {
		wp_vertex v = from[i];
		if (x.hops[v] != WP_NO_PATH)
			continue; /* avoided, or a duplicate */
		x.hops[v] = 0;
		x.cost[v] = 0.0;
		x.parent[v] = v;
		queue[count++] = v;
	}
	if (o.rank == WP_RANK_WARMTH && o.max_hops)
		WP_TRY(tree_layered(g, &x, queue, count, err));
	else if (o.rank == WP_RANK_WARMTH)
		WP_TRY(tree_dijkstra(g, &x, queue, count, err));
	else
		WP_TRY(tree_bfs(g, &x, queue, count, o.rank == WP_RANK_HOPS_WARMTH,
		                o.max_hops ? o.max_hops : UINT32_MAX, err));
	for (size_t v = 0; v < n; v++)
		if (x.hops[v] == BLOCKED)
			x.hops[v] = WP_NO_PATH;
	free(queue);
	wp_path_tree_free(t);
	*t = x;
	return WP_OK;
fail:
	free(queue);
	wp_path_tree_free(&x);
	return st;
}

uint32_t wp_path_tree_chain(const wp_path_tree *t, wp_vertex target, wp_vertex *path)
{
	if (target >= t->n || t->hops[target] == WP_NO_PATH)
		return WP_NO_PATH;
	uint32_t hops = t->hops[target];
	wp_vertex v = target;
	for (uint32_t i = hops;; i--) {
		path[i] = v;
		if (i == 0)
			break;
		/* Layered: the parent of v in the layer that set it (the hops left), which was
		 * itself improved in the layer before. */
		v = t->layers > 1 ? t->parent[(size_t)i * t->n + v] : t->parent[v];
	}
	return hops;
}
