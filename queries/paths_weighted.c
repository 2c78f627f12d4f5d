/* paths_weighted.c - warmest, fewest-hops-then-warmest, hop-limited and widest chains (paths.h).
 *
 * Warmest chain: bidirectional Dijkstra. The cost of a tie of warmth w is -ln(w) >= 0, so the
 * cheapest chain has the highest product of warmths. Each side (sources forward along out-arcs,
 * targets backward along in-arcs) keeps an indexed binary heap of tentative keys; the side with
 * the smaller heap is advanced by one settled vertex. Every time a relaxation improves a vertex
 * the other side has reached, the chain through it is a candidate. The search stops once
 * top_f + top_b >= best: any better chain would have to pass through a vertex unsettled on both
 * sides, which costs at least that sum (Goldberg and Harrelson, "Computing the shortest path:
 * A* search meets graph theory", SODA 2005, section 3). Keys are lexicographic (cost, hops), a
 * translation-invariant order on non-negative arc keys (c, 1), for which Dijkstra and the
 * stopping rule hold as for numbers: among equally warm chains the shortest wins. Cost
 * O(explored arcs x log n); memory 32 bytes per vertex and side.
 *
 * Fewest hops, then warmest: the bidirectional BFS of paths.c, level by level, with each vertex
 * of a new level keeping the cheapest of its parents in the previous level (a dynamic programme
 * over the BFS layers: the least cost over fewest-hop chains to a vertex is its parents' least
 * plus the tie). When a level reaches vertices the other side holds, that level is finished (so
 * its costs are final) and the best sum over those vertices is the answer: every fewest-hop
 * chain passes through that level at such a vertex (see paths.c for why the first level that
 * meets gives the fewest hops). No heap; cost O(explored arcs) plus a logarithm per arc.
 *
 * Warmest chain with at most H hops: a resource-constrained shortest path, which the unlimited
 * search need not respect; solved exactly by bidirectional label setting. A label (c, h) at v
 * on a side is a chain of h hops and cost c from that side's roots; labels settle in (cost,
 * hops) order per side, and a new label is created only if no settled label at v has h' <= h
 * (settled ones are never dearer) and the cheapest waiting label does not dominate it, so each
 * vertex settles at most H + 1 labels per side, with strictly decreasing hops. Labels are
 * immutable (cost and parent fixed at creation) and listed per vertex and side; when a label is
 * created it is combined with every label of the other side at the same vertex whose hops fit
 * (h + h' <= H), so every pair at a vertex is tried once both exist. The search stops once the
 * two tops sum to at least the best chain (a side that runs dry counts as 0): as in bidirectional
 * Dijkstra, an optimal chain then has a vertex y whose prefix and suffix are both dominated by
 * created labels, which were combined. Before it, a bidirectional BFS says cheaply whether any
 * chain fits within H at all. Cost O(L log L) for L labels; the label pool and both heaps are
 * growable buffers kept in the scratch.
 *
 * Widest (bottleneck) chain: the strongest weakest tie b* is the largest threshold t for which
 * some chain of at most H hops uses only ties of warmth >= t; among those chains the fewest hops
 * win. Feasibility is monotone in t and changes only at weights, so a binary search over the
 * bit patterns of positive floats (which order like the floats) finds b* exactly: each probe is a
 * hop-limited bidirectional BFS on the arcs of weight >= t, and a feasible probe raises the lower
 * end to the weakest tie of the chain it found (>= t), which shortens the search. The chain of
 * the last feasible probe has weakest tie b* and is a fewest-hops chain among ties >= some
 * t <= b*, a superset of those >= b*, so it is the answer. At most 31 probes (the floats in
 * (0, 1]), usually far fewer. Lexicographic Dijkstra on (weakest, hops) would be wrong here: that
 * order is not preserved by extending chains, so shortest-subpath optimality fails (Kaibel and
 * Peinhardt, ZIB report 06-22, 2006, discuss the bottleneck shortest path problem).
 */
#include "queries/paths.h"

#include <string.h>

#include "queries/paths_internal.h"

/* ---- Indexed binary heap of one Dijkstra side -------------------------------------------- */

typedef struct dj_side {
	const uint64_t *offsets;
	const wp_vertex *targets;
	const float *weights;
	wp_path_dist *dist;
	wp_path_heap_entry *heap;
	uint32_t len;
	int k;
} dj_side;

/* Keys are (cost, hops), compared lexicographically. */
static inline bool key_less(double c1, uint32_t h1, double c2, uint32_t h2)
{
	return c1 < c2 || (c1 == c2 && h1 < h2);
}

static inline bool entry_less(const wp_path_heap_entry *a, const wp_path_heap_entry *b)
{
	return key_less(a->cost, a->hops, b->cost, b->hops);
}

static void sift_up(dj_side *a, uint32_t i)
{
	wp_path_heap_entry x = a->heap[i];
	while (i > 0) {
		uint32_t p = (i - 1) / 2;
		if (!entry_less(&x, &a->heap[p]))
			break;
		a->heap[i] = a->heap[p];
		a->dist[a->heap[i].item].pos = i;
		i = p;
	}
	a->heap[i] = x;
	a->dist[x.item].pos = i;
}

static void sift_down(dj_side *a, uint32_t i)
{
	wp_path_heap_entry x = a->heap[i];
	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= a->len)
			break;
		if (c + 1 < a->len && entry_less(&a->heap[c + 1], &a->heap[c]))
			c++;
		if (!entry_less(&a->heap[c], &x))
			break;
		a->heap[i] = a->heap[c];
		a->dist[a->heap[i].item].pos = i;
		i = c;
	}
	a->heap[i] = x;
	a->dist[x.item].pos = i;
}

static void heap_push(dj_side *a, wp_vertex v)
{
	a->heap[a->len] = (wp_path_heap_entry){a->dist[v].cost, a->dist[v].hops, v};
	sift_up(a, a->len++);
}

static void heap_decrease(dj_side *a, wp_vertex v)
{
	uint32_t i = a->dist[v].pos;
	a->heap[i].cost = a->dist[v].cost;
	a->heap[i].hops = a->dist[v].hops;
	sift_up(a, i);
}

static wp_vertex heap_pop(dj_side *a)
{
	wp_vertex v = a->heap[0].item;
	a->dist[v].pos = WPI_SETTLED;
	if (--a->len > 0) {
		a->heap[0] = a->heap[a->len];
		sift_down(a, 0);
	}
	return v;
}

/* ---- Bidirectional Dijkstra ----------------------------------------------------------------- */

typedef struct dj_best {
	double cost;
	uint32_t hops;
	wp_vertex meet;
} dj_best;

/* Offers the chain through w (reached by both sides) as the best so far. */
static inline void offer(dj_best *best, const wp_path_dist *x, const wp_path_dist *y, wp_vertex w)
{
	double c = x->cost + y->cost;
	uint32_t h = x->hops + y->hops;
	if (key_less(c, h, best->cost, best->hops)) {
		best->cost = c;
		best->hops = h;
		best->meet = w;
	}
}

static wp_status dijkstra(const wp_graph *g, wp_path_scratch *s, const wpi_request *rq, char *err)
{
	wp_status st = WP_OK;
	wp_path_mark *marks = s->marks;
	dj_side sides[2] = {
	        {g->offsets, g->targets, g->weights, s->dist[0], s->heap[0], 0, 0},
	        {g->in_offsets, g->in_targets, g->in_weights, s->dist[1], s->heap[1], 0, 1}};
	dj_best best = {INFINITY, UINT32_MAX, WP_NO_VERTEX};
	uint32_t stamp;

	wpi_paths_begin(s, rq);
	stamp = s->stamp;
	s->hops = WP_NO_PATH;
	for (uint32_t i = 0; i < rq->target_count; i++) {
		wp_vertex t = rq->targets[i];
		if (marks[t].stamp[1] == stamp)
			continue;
		marks[t].stamp[1] = stamp;
		marks[t].parent[1] = t;
		sides[1].dist[t] = (wp_path_dist){0.0, 0, 0};
		heap_push(&sides[1], t);
	}
	for (uint32_t i = 0; i < rq->seed_count; i++) {
		const wp_path_seed *sd = &rq->seeds[i];
		wp_vertex v = sd->v;
		wp_path_dist d = {0.0, 0, 0};
		if (sd->origin != WP_NO_VERTEX) {
			if (!wpi_warmth_ok(sd->warmth)) {
				st = wpi_bad_weight(g, sd->origin, v, sd->warmth, err);
				goto fail;
			}
			d.cost = wpi_cost(sd->warmth);
			d.hops = 1;
		}
		wp_path_dist *dv = &sides[0].dist[v];
		if (marks[v].stamp[0] == stamp) {
			if (dv->pos == WPI_SETTLED || !key_less(d.cost, d.hops, dv->cost, dv->hops))
				continue;
			dv->cost = d.cost;
			dv->hops = d.hops;
			heap_decrease(&sides[0], v);
		} else {
			marks[v].stamp[0] = stamp;
			*dv = d;
			heap_push(&sides[0], v);
		}
		marks[v].parent[0] = sd->origin != WP_NO_VERTEX ? sd->origin : v;
		if (marks[v].stamp[1] == stamp)
			offer(&best, dv, &sides[1].dist[v], v);
	}

	while (sides[0].len > 0 && sides[1].len > 0) {
		const wp_path_heap_entry *tf = &sides[0].heap[0], *tb = &sides[1].heap[0];
		if (best.meet != WP_NO_VERTEX &&
		    !key_less(tf->cost + tb->cost, tf->hops + tb->hops, best.cost, best.hops))
			break;
		dj_side *a = sides[0].len <= sides[1].len ? &sides[0] : &sides[1];
		dj_side *o = &sides[1 - a->k];
		const int k = a->k, ok = 1 - a->k;
		wp_vertex u = heap_pop(a);
		const wp_path_dist du = a->dist[u];
		uint64_t lo = a->offsets[u], hi = a->offsets[u + 1];
		s->explored += hi - lo;
		for (uint64_t e = lo; e < hi; e++) {
			wp_vertex w = a->targets[e];
			float wt = a->weights[e];
			if (!wpi_warmth_ok(wt)) {
				st = k == 0 ? wpi_bad_weight(g, u, w, wt, err)
				            : wpi_bad_weight(g, w, u, wt, err);
				goto fail;
			}
			double c = du.cost + wpi_cost(wt);
			uint32_t h = du.hops + 1;
			wp_path_mark *m = &marks[w];
			wp_path_dist *dw = &a->dist[w];
			if (m->stamp[k] == stamp) {
				if (dw->pos == WPI_SETTLED || !key_less(c, h, dw->cost, dw->hops))
					continue;
				dw->cost = c;
				dw->hops = h;
				heap_decrease(a, w);
			} else {
				m->stamp[k] = stamp;
				dw->cost = c;
				dw->hops = h;
				heap_push(a, w);
			}
			m->parent[k] = u;
			if (m->stamp[ok] == stamp)
				offer(&best, dw, &o->dist[w], w);
		}
	}
	if (best.meet != WP_NO_VERTEX)
		wpi_build_path(s, best.meet);
	return WP_OK;
fail:
	s->hops = WP_NO_PATH;
	return st;
}

/* ---- Fewest hops, then warmest: BFS levels with a dynamic programme --------------------- */

typedef struct lay_side {
	const uint64_t *offsets;
	const wp_vertex *targets;
	const float *weights;
	wp_path_dist *dist; /* cost: least cost over the fewest-hop chains; hops: the level */
	wp_vertex *queue;   /* current level [head, level_end), next level [level_end, tail) */
	uint32_t head, level_end, tail;
	uint64_t work, next_work;
	uint32_t depth;
	int k;
} lay_side;

/* Expands the whole current level of side a: a vertex first reached joins the next level; a
 * vertex already in the next level keeps the cheaper of its parents. *met says whether the next
 * level holds a vertex the other side has reached. */
static wp_status lay_expand(const wp_graph *g, wp_path_scratch *s, lay_side *a, bool *met,
                            char *err)
{
	wp_status st = WP_OK;
	wp_path_mark *marks = s->marks;
	const uint32_t stamp = s->stamp, next = a->depth + 1;
	const int k = a->k, o = 1 - a->k;
	uint64_t work = a->next_work;
	uint32_t tail = a->tail;
	for (uint32_t q = a->head; q < a->level_end; q++) {
		wp_vertex u = a->queue[q];
		double cu = a->dist[u].cost;
		uint64_t lo = a->offsets[u], hi = a->offsets[u + 1];
		s->explored += hi - lo;
		for (uint64_t e = lo; e < hi; e++) {
			wp_vertex w = a->targets[e];
			wp_path_mark *m = &marks[w];
			bool seen = m->stamp[k] == stamp;
			if (seen && a->dist[w].hops != next)
				continue; /* an earlier level, or blocked */
			float wt = a->weights[e];
			if (!wpi_warmth_ok(wt)) {
				st = k == 0 ? wpi_bad_weight(g, u, w, wt, err)
				            : wpi_bad_weight(g, w, u, wt, err);
				goto fail;
			}
			double c = cu + wpi_cost(wt);
			if (seen) {
				if (c < a->dist[w].cost) {
					a->dist[w].cost = c;
					m->parent[k] = u;
				}
				continue;
			}
			m->stamp[k] = stamp;
			m->parent[k] = u;
			a->dist[w] = (wp_path_dist){c, next, 0};
			a->queue[tail++] = w;
			work += a->offsets[w + 1] - a->offsets[w];
			if (m->stamp[o] == stamp)
				*met = true;
		}
	}
	a->head = a->level_end;
	a->level_end = a->tail = tail;
	a->work = work;
	a->next_work = 0;
	a->depth++;
	return WP_OK;
fail:
	return st;
}

static wp_status layered(const wp_graph *g, wp_path_scratch *s, const wpi_request *rq, char *err)
{
	wp_status st = WP_OK;
	wp_path_mark *marks = s->marks;
	lay_side f = {g->offsets, g->targets, g->weights, s->dist[0], s->queue[0], 0,
	              0,          0,          0,          0,          0,           0};
	lay_side b = {g->in_offsets,
	              g->in_targets,
	              g->in_weights,
	              s->dist[1],
	              s->queue[1],
	              0,
	              0,
	              0,
	              0,
	              0,
	              0,
	              1};
	wp_vertex meet = WP_NO_VERTEX;
	double best = INFINITY;
	uint32_t stamp;

	wpi_paths_begin(s, rq);
	stamp = s->stamp;
	s->hops = WP_NO_PATH;
	for (uint32_t i = 0; i < rq->target_count; i++) {
		wp_vertex t = rq->targets[i];
		if (marks[t].stamp[1] == stamp)
			continue;
		marks[t].stamp[1] = stamp;
		marks[t].parent[1] = t;
		b.dist[t] = (wp_path_dist){0.0, 0, 0};
		b.queue[b.tail++] = t;
		b.work += g->in_offsets[t + 1] - g->in_offsets[t];
	}
	b.level_end = b.tail;
	/* Level 0: plain seeds; level 1: seeds with an origin. A seed that is a target ends the
	 * search: at 0 hops at once, at 1 hop the cheapest such seed. */
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; i < rq->seed_count; i++) {
			const wp_path_seed *sd = &rq->seeds[i];
			wp_vertex v = sd->v;
			double c = 0.0;
			if ((sd->origin != WP_NO_VERTEX) != (pass == 1))
				continue;
			if (pass == 1) {
				if (!wpi_warmth_ok(sd->warmth)) {
					st = wpi_bad_weight(g, sd->origin, v, sd->warmth, err);
					goto fail;
				}
				c = wpi_cost(sd->warmth);
			}
			if (marks[v].stamp[0] == stamp) {
				if (pass == 1 && f.dist[v].hops == 1 && c < f.dist[v].cost) {
					f.dist[v].cost = c;
					marks[v].parent[0] = sd->origin;
				}
				continue;
			}
			marks[v].stamp[0] = stamp;
			marks[v].parent[0] = pass == 0 ? v : sd->origin;
			f.dist[v] = (wp_path_dist){c, (uint32_t)pass, 0};
			f.queue[f.tail++] = v;
			uint64_t d = g->offsets[v + 1] - g->offsets[v];
			if (pass == 0)
				f.work += d;
			else
				f.next_work += d;
		}
		if (pass == 0)
			f.level_end = f.tail;
		for (uint32_t q = pass == 0 ? 0 : f.level_end; q < f.tail; q++) {
			wp_vertex v = f.queue[q];
			if (marks[v].stamp[1] == stamp && f.dist[v].cost < best) {
				best = f.dist[v].cost;
				meet = v;
			}
		}
		if (meet != WP_NO_VERTEX) {
			if ((uint32_t)pass <= rq->max_hops)
				wpi_build_path(s, meet);
			return WP_OK;
		}
	}
	if (f.level_end == 0) {
		f.level_end = f.tail;
		f.work = f.next_work;
		f.next_work = 0;
		f.depth = 1;
	}
	while (f.head < f.level_end && b.head < b.level_end) {
		if ((uint64_t)f.depth + b.depth + 1 > rq->max_hops)
			return WP_OK;
		lay_side *a = f.work <= b.work ? &f : &b, *o = a == &f ? &b : &f;
		bool met = false;
		uint32_t first = a->level_end;
		WP_TRY(lay_expand(g, s, a, &met, err));
		if (!met)
			continue;
		/* Every chain of the fewest hops passes through the level just made at a vertex
		 * the other side holds at its frontier; both costs there are final. */
		for (uint32_t q = first; q < a->tail; q++) {
			wp_vertex v = a->queue[q];
			if (marks[v].stamp[o->k] != stamp)
				continue;
			double c = a->dist[v].cost + o->dist[v].cost;
			if (c < best) {
				best = c;
				meet = v;
			}
		}
		wpi_build_path(s, meet);
		return WP_OK;
	}
	return WP_OK;
fail:
	s->hops = WP_NO_PATH;
	return st;
}

/* ---- Hop-limited warmest chain: bidirectional label setting ------------------------------- */

/* The best pair of labels met so far at one vertex: the chain of label l0 (side 0) to it, then
 * the chain of label l1 (side 1) from it. */
typedef struct ls_best {
	double cost;
	uint32_t hops;
	uint32_t l0, l1;
} ls_best;

static inline bool ls_less(double c1, uint32_t h1, double c2, uint32_t h2)
{
	return c1 < c2 || (c1 == c2 && h1 < h2);
}

static inline bool lheap_less(const wp_path_heap_entry *a, const wp_path_heap_entry *b)
{
	return a->cost < b->cost ||
	       (a->cost == b->cost &&
	        (a->hops < b->hops || (a->hops == b->hops && a->item < b->item)));
}

static wp_status label_new(wp_path_scratch *s, double cost, uint32_t hops, wp_vertex v,
                           uint32_t parent, uint32_t *idx, char *err)
{
	wp_status st = WP_OK;
	if (s->labels_len >= UINT32_MAX - 1)
		WP_FAIL(WP_ELIMIT, "the hop-limited search needs more than %u labels",
		        UINT32_MAX - 1);
	WP_TRY(wpi_reserve((void **)&s->labels, &s->labels_cap, s->labels_len + 1,
	                   sizeof(*s->labels), err));
	*idx = (uint32_t)s->labels_len++;
	s->labels[*idx] = (wp_path_label){cost, hops, v, parent, UINT32_MAX};
	return WP_OK;
fail:
	return st;
}

/* Creates a label at v on side k, adds it to v's list of labels on that side, and queues it. */
static wp_status label_push(wp_path_scratch *s, int k, double cost, uint32_t hops, wp_vertex v,
                            uint32_t parent, char *err)
{
	wp_status st = WP_OK;
	uint32_t idx = 0;
	WP_TRY(label_new(s, cost, hops, v, parent, &idx, err));
	s->labels[idx].next = s->marks[v].parent[k];
	s->marks[v].parent[k] = idx;
	WP_TRY(wpi_reserve((void **)&s->lheap[k], &s->lheap_cap[k], s->lheap_len[k] + 1,
	                   sizeof(*s->lheap[k]), err));
	wp_path_heap_entry x = {cost, hops, idx}, *h = s->lheap[k];
	size_t i = s->lheap_len[k]++;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!lheap_less(&x, &h[p]))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = x;
	return WP_OK;
fail:
	return st;
}

static wp_path_heap_entry label_pop(wp_path_scratch *s, int k)
{
	wp_path_heap_entry *h = s->lheap[k];
	wp_path_heap_entry top = h[0], x = h[--s->lheap_len[k]];
	size_t i = 0, len = s->lheap_len[k];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= len)
			break;
		if (c + 1 < len && lheap_less(&h[c + 1], &h[c]))
			c++;
		if (!lheap_less(&h[c], &x))
			break;
		h[i] = h[c];
		i = c;
	}
	if (len > 0)
		h[i] = x;
	return top;
}

/* Whether a new label (c, h) at w on side k is worth creating: no label settled at w on that
 * side (never dearer) may have h' <= h, and the cheapest label waiting there must not dominate
 * it. Per side, dist.hops holds the fewest hops settled, dist.cost and dist.pos the cost and hops
 * of the cheapest waiting label, and the mark's parent the list of settled labels. */
static bool label_useful(wp_path_scratch *s, int k, wp_vertex w, double c, uint32_t h)
{
	wp_path_mark *m = &s->marks[w];
	wp_path_dist *d = &s->dist[k][w];
	if (m->stamp[k] != s->stamp) {
		m->stamp[k] = s->stamp;
		m->parent[k] = UINT32_MAX;
		*d = (wp_path_dist){INFINITY, UINT32_MAX, UINT32_MAX};
	}
	if (d->hops <= h || (d->cost <= c && d->pos <= h))
		return false;
	if (ls_less(c, h, d->cost, d->pos)) {
		d->cost = c;
		d->pos = h;
	}
	return true;
}

/* Offers the chains made of a new label (c, h) at w on side k and every label the other side
 * has at w, within the hop limit. Every pair of labels at one vertex is offered when the later of
 * the two is created; a label never made because another dominated it is covered by that one. */
static void ls_meet(const wp_path_scratch *s, ls_best *best, int k, double c, uint32_t h,
                    wp_vertex w, uint32_t max_hops)
{
	const int o = 1 - k;
	uint32_t label = (uint32_t)s->labels_len; /* the one about to be created */
	if (s->marks[w].stamp[o] != s->stamp)
		return;
	for (uint32_t l = s->marks[w].parent[o]; l != UINT32_MAX; l = s->labels[l].next) {
		const wp_path_label *x = &s->labels[l];
		if ((uint64_t)h + x->hops > max_hops ||
		    !ls_less(c + x->cost, h + x->hops, best->cost, best->hops))
			continue;
		*best = (ls_best){c + x->cost, h + x->hops, k == 0 ? label : l, k == 0 ? l : label};
	}
}

/* Writes the chain of `best` to s->path, removing any cycle (there is none unless ties of
 * warmth 1 make a detour free, and then the shortcut is as warm and shorter). */
static void ls_build(wp_path_scratch *s, const ls_best *best)
{
	const wp_path_label *L = s->labels;
	uint32_t h0 = L[best->l0].hops, k = h0 + 1;
	uint32_t idx = best->l0;
	for (uint32_t i = h0 + 1; i-- > 0; idx = L[idx].parent)
		s->path[i] = L[idx].v;
	for (idx = L[best->l1].parent; idx != UINT32_MAX; idx = L[idx].parent)
		s->path[k++] = L[idx].v;
	for (uint32_t i = 0; i < k; i++)
		for (uint32_t j = k; j-- > i + 1;)
			if (s->path[j] == s->path[i]) {
				memmove(s->path + i + 1, s->path + j + 1,
				        (size_t)(k - j - 1) * sizeof(*s->path));
				k -= j - i;
				break;
			}
	s->hops = k - 1;
}

static wp_status hop_limited(const wp_graph *g, wp_path_scratch *s, const wpi_request *rq,
                             char *err)
{
	wp_status st = WP_OK;
	const uint32_t max_hops = rq->max_hops;
	const uint64_t *offsets[2] = {g->offsets, g->in_offsets};
	const wp_vertex *targets[2] = {g->targets, g->in_targets};
	const float *weights[2] = {g->weights, g->in_weights};
	ls_best best = {INFINITY, UINT32_MAX, UINT32_MAX, UINT32_MAX};

	wpi_paths_begin(s, rq);
	s->hops = WP_NO_PATH;
	s->labels_len = 0;
	s->lheap_len[0] = s->lheap_len[1] = 0;
	/* Blocked vertices (and origins) count as settled at 0 hops: every label there is
	 * dominated. */
	for (size_t i = 0; i < s->blocked_len; i++)
		s->dist[0][s->blocked[i]].hops = s->dist[1][s->blocked[i]].hops = 0;
	for (uint32_t i = 0; i < rq->seed_count; i++)
		if (rq->seeds[i].origin != WP_NO_VERTEX)
			s->dist[0][rq->seeds[i].origin].hops =
			        s->dist[1][rq->seeds[i].origin].hops = 0;
	for (uint32_t i = 0; i < rq->target_count; i++)
		if (label_useful(s, 1, rq->targets[i], 0.0, 0)) {
			ls_meet(s, &best, 1, 0.0, 0, rq->targets[i], max_hops);
			WP_TRY(label_push(s, 1, 0.0, 0, rq->targets[i], UINT32_MAX, err));
		}
	for (uint32_t i = 0; i < rq->seed_count; i++) {
		const wp_path_seed *sd = &rq->seeds[i];
		double c = 0.0;
		uint32_t h = 0, parent = UINT32_MAX;
		if (sd->origin != WP_NO_VERTEX) {
			if (!wpi_warmth_ok(sd->warmth)) {
				st = wpi_bad_weight(g, sd->origin, sd->v, sd->warmth, err);
				goto fail;
			}
			c = wpi_cost(sd->warmth);
			h = 1;
		}
		if (!label_useful(s, 0, sd->v, c, h))
			continue; /* blocked, or a dominated duplicate */
		if (sd->origin != WP_NO_VERTEX)
			WP_TRY(label_new(s, 0.0, 0, sd->origin, UINT32_MAX, &parent, err));
		ls_meet(s, &best, 0, c, h, sd->v, max_hops);
		WP_TRY(label_push(s, 0, c, h, sd->v, parent, err));
	}
	/* A side that runs dry has settled all its labels; the other goes on until its top alone
	 * reaches the best chain. */
	static const wp_path_heap_entry none = {0.0, 0, 0};
	while (s->lheap_len[0] > 0 || s->lheap_len[1] > 0) {
		const wp_path_heap_entry *t0 = s->lheap_len[0] ? &s->lheap[0][0] : &none;
		const wp_path_heap_entry *t1 = s->lheap_len[1] ? &s->lheap[1][0] : &none;
		if (best.l0 != UINT32_MAX &&
		    !ls_less(t0->cost + t1->cost, t0->hops + t1->hops, best.cost, best.hops))
			break;
		const int k = s->lheap_len[1] == 0 || (s->lheap_len[0] > 0 &&
		                                       s->lheap_len[0] <= s->lheap_len[1])
		                      ? 0
		                      : 1;
		wp_path_heap_entry top = label_pop(s, k);
		const wp_path_label lab = s->labels[top.item];
		wp_path_dist *d = &s->dist[k][lab.v];
		if (d->hops <= lab.hops)
			continue; /* dominated by a label settled since it was queued */
		d->hops = lab.hops;
		if (lab.hops >= max_hops)
			continue;
		uint64_t lo = offsets[k][lab.v], hi = offsets[k][lab.v + 1];
		s->explored += hi - lo;
		for (uint64_t e = lo; e < hi; e++) {
			wp_vertex w = targets[k][e];
			float wt = weights[k][e];
			if (!wpi_warmth_ok(wt)) {
				st = k == 0 ? wpi_bad_weight(g, lab.v, w, wt, err)
				            : wpi_bad_weight(g, w, lab.v, wt, err);
				goto fail;
			}
			double c = lab.cost + wpi_cost(wt);
			if (!label_useful(s, k, w, c, lab.hops + 1))
				continue;
			ls_meet(s, &best, k, c, lab.hops + 1, w, max_hops);
			WP_TRY(label_push(s, k, c, lab.hops + 1, w, top.item, err));
		}
	}
	if (best.l0 != UINT32_MAX)
		ls_build(s, &best);
	return WP_OK;
fail:
	s->hops = WP_NO_PATH;
	return st;
}

/* ---- Bottleneck chain: threshold search ----------------------------------------------------- */

static uint32_t float_bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof(u));
	return u;
}

static float bits_float(uint32_t u)
{
	float f;
	memcpy(&f, &u, sizeof(f));
	return f;
}

/* The weakest warmth on s->path; WP_EINPUT for a weight outside (0, 1]. */
static wp_status path_weakest(const wp_graph *g, const wp_path_scratch *s, float *weakest,
                              char *err)
{
	float least = 1.0f;
	for (uint32_t i = 0; i < s->hops; i++) {
		float w = g->weights[wp_graph_find_arc(g, s->path[i], s->path[i + 1])];
		if (!wpi_warmth_ok(w))
			return wpi_bad_weight(g, s->path[i], s->path[i + 1], w, err);
		if (w < least)
			least = w;
	}
	*weakest = least;
	return WP_OK;
}

static void keep_best(wp_path_scratch *s)
{
	memcpy(s->best, s->path, ((size_t)s->hops + 1) * sizeof(*s->path));
	s->best_hops = s->hops;
}

static wp_status bottleneck(const wp_graph *g, wp_path_scratch *s, const wpi_request *rq, char *err)
{
	wp_status st = WP_OK;
	float weakest = 1.0f;

	wpi_bfs(g, s, rq, 0.0f);
	if (s->hops == WP_NO_PATH)
		return WP_OK;
	WP_TRY(path_weakest(g, s, &weakest, err));
	keep_best(s);
	uint32_t lo = float_bits(weakest), hi = float_bits(1.0f);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo + 1) / 2;
		wpi_bfs(g, s, rq, bits_float(mid));
		if (s->hops == WP_NO_PATH) {
			hi = mid - 1;
			continue;
		}
		WP_TRY(path_weakest(g, s, &weakest, err));
		lo = float_bits(weakest);
		keep_best(s);
	}
	memcpy(s->path, s->best, ((size_t)s->best_hops + 1) * sizeof(*s->path));
	s->hops = s->best_hops;
	return WP_OK;
fail:
	s->hops = WP_NO_PATH;
	return st;
}

wp_status wpi_search(const wp_graph *g, wp_path_scratch *s, const wpi_request *rq, char *err)
{
	wp_status st = WP_OK;
	switch (rq->rank) {
	case WP_RANK_HOPS:
		wpi_bfs(g, s, rq, 0.0f);
		break;
	case WP_RANK_HOPS_WARMTH:
		WP_TRY(layered(g, s, rq, err));
		break;
	case WP_RANK_WARMTH:
		if (rq->max_hops == UINT32_MAX) {
			WP_TRY(dijkstra(g, s, rq, err));
			break;
		}
		/* No chain within the limit at all: a BFS says so cheaply. */
		wpi_bfs(g, s, rq, 0.0f);
		if (s->hops != WP_NO_PATH)
			WP_TRY(hop_limited(g, s, rq, err));
		break;
	case WP_RANK_BOTTLENECK:
		WP_TRY(bottleneck(g, s, rq, err));
		break;
	}
	return WP_OK;
fail:
	return st;
}
