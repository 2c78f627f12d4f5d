/* paths.c - bidirectional BFS, the shared search machinery and batches (see paths.h).
 *
 * Breadth-first search from both ends. Side 0 starts at the sources (seeds) and follows out-arcs;
 * side 1 starts at the targets and follows in-arcs. A side expands one whole BFS level at a time;
 * the side chosen is the one whose frontier has the smaller sum of degrees (the work its
 * expansion will do), which keeps both balls small on skewed social graphs. The search stops at
 * the first vertex reached by both sides. Why that is a shortest chain: while no vertex is
 * shared, the forward ball of radius d_f and the backward ball of radius d_b are disjoint, so
 * every chain has at least d_f + d_b + 1 hops; a vertex found by side a while expanding level
 * d_a and already reached by the other side (at depth <= d_o) closes a chain of at most
 * d_a + 1 + d_o hops, which is that bound. So there is no need to finish the level. The chain is
 * read back from the parents of each side.
 *
 * Marks (the two sides' stamps and parents) sit in one 16-byte record per vertex, so discovering
 * a vertex and testing whether the other side has it costs one cache line. Nothing is cleared
 * between queries: a query takes a new stamp, and only on wrap-around (every 2^32 - 1 searches)
 * are the marks zeroed. Vertices a chain may not include (avoided people, introducers of earlier
 * chains) are stamped as already reached by both sides at the start of a search, so the inner
 * loop never tests for them. Cost: the arcs of the two explored balls, O(n + m) at worst.
 *
 * A hop limit H stops the search once d_f + d_b + 1 > H. The bottleneck search (paths_weighted.c)
 * runs this BFS on the arcs whose weight reaches a threshold.
 *
 * Batches run independent queries in parallel: OpenMP over queries with dynamic scheduling, one
 * scratch per thread allocated once per batch; a query's answer depends only on the graph and
 * the query, never on which thread ran it or what that thread ran before.
 */
#include "queries/paths.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/parallel.h"
#include "queries/paths_internal.h"

wp_status wp_path_scratch_init(wp_path_scratch *s, const wp_graph *g, char *err)
{
	wp_status st = WP_OK;
	size_t n = g->n ? g->n : 1;
	memset(s, 0, sizeof(*s));
	s->n = g->n;
	s->marks = calloc(n, sizeof(*s->marks));
	s->queue[0] = malloc(n * sizeof(wp_vertex));
	s->queue[1] = malloc(n * sizeof(wp_vertex));
	s->path = malloc((n + 1) * sizeof(wp_vertex));
	s->best = malloc((n + 1) * sizeof(wp_vertex));
	if (!s->marks || !s->queue[0] || !s->queue[1] || !s->path || !s->best)
		WP_FAIL(WP_ENOMEM, "cannot allocate path scratch for %zu vertices", n);
	if (g->weights != NULL) {
		s->weighted = true;
		for (int k = 0; k < 2; k++) {
			s->dist[k] = malloc(n * sizeof(*s->dist[k]));
			s->heap[k] = malloc(n * sizeof(*s->heap[k]));
			if (!s->dist[k] || !s->heap[k])
				WP_FAIL(WP_ENOMEM,
				        "cannot allocate weighted path scratch for %zu vertices",
				        n);
		}
	}
	s->hops = WP_NO_PATH;
	return WP_OK;
fail:
	wp_path_scratch_free(s);
	return st;
}

void wp_path_scratch_free(wp_path_scratch *s)
{
	free(s->marks);
	for (int k = 0; k < 2; k++) {
		free(s->queue[k]);
		free(s->dist[k]);
		free(s->heap[k]);
	}
	free(s->path);
	free(s->best);
	free(s->labels);
	free(s->lheap[0]);
	free(s->lheap[1]);
	free(s->seeds);
	free(s->blocked);
	free(s->pool);
	free(s->items);
	free(s->forbid);
	memset(s, 0, sizeof(*s));
}

wp_status wpi_reserve(void **buf, size_t *cap, size_t need, size_t size, char *err)
{
	wp_status st = WP_OK;
	if (need <= *cap)
		return WP_OK;
	size_t c = *cap ? *cap : 16;
	while (c < need)
		c *= 2;
	void *p = realloc(*buf, c * size);
	if (p == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %zu path search entries", c);
	*buf = p;
	*cap = c;
	return WP_OK;
fail:
	return st;
}

wp_status wpi_block(wp_path_scratch *s, wp_vertex v, char *err)
{
	wp_status st = WP_OK;
	WP_TRY(wpi_reserve((void **)&s->blocked, &s->blocked_cap, s->blocked_len + 1,
	                   sizeof(*s->blocked), err));
	s->blocked[s->blocked_len++] = v;
	return WP_OK;
fail:
	return st;
}

/* Starts a new query generation; on wrap-around the marks are cleared once. */
static void next_stamp(wp_path_scratch *s)
{
	if (++s->stamp == 0) {
		memset(s->marks, 0, (size_t)(s->n ? s->n : 1) * sizeof(*s->marks));
		s->stamp = 1;
	}
}

static void block_mark(wp_path_scratch *s, wp_vertex v)
{
	wp_path_mark *m = &s->marks[v];
	m->stamp[0] = m->stamp[1] = s->stamp;
	m->parent[0] = m->parent[1] = WP_NO_VERTEX;
	if (s->weighted)
		for (int k = 0; k < 2; k++)
			s->dist[k][v] = (wp_path_dist){INFINITY, UINT32_MAX, WPI_SETTLED};
}

void wpi_paths_begin(wp_path_scratch *s, const wpi_request *rq)
{
	next_stamp(s);
	for (size_t i = 0; i < s->blocked_len; i++)
		block_mark(s, s->blocked[i]);
	for (uint32_t i = 0; i < rq->seed_count; i++)
		if (rq->seeds[i].origin != WP_NO_VERTEX)
			block_mark(s, rq->seeds[i].origin);
}

void wpi_build_path(wp_path_scratch *s, wp_vertex meet)
{
	const wp_path_mark *marks = s->marks;
	uint32_t k = 0;
	/* Side 0: count the hops back to a root (parent = itself) or an origin (parent none). */
	for (wp_vertex v = meet;;) {
		wp_vertex p = marks[v].parent[0];
		if (p == v || p == WP_NO_VERTEX)
			break;
		v = p;
		k++;
	}
	uint32_t i = k;
	for (wp_vertex v = meet;; v = marks[v].parent[0]) {
		s->path[i] = v;
		if (i-- == 0)
			break;
	}
	for (wp_vertex v = meet; marks[v].parent[1] != v;) {
		v = marks[v].parent[1];
		s->path[++k] = v;
	}
	s->hops = k;
}

/* One BFS side: its adjacency (and weights for the threshold), its queue holding the current
 * level [head, level_end) followed by the next one [level_end, tail), and its depth. */
typedef struct bfs_side {
	const uint64_t *offsets;
	const wp_vertex *targets;
	const float *weights;
	wp_vertex *queue;
	uint32_t head, level_end, tail;
	uint64_t work;      /* summed degree of the current level: what expanding it will cost */
	uint64_t next_work; /* summed degree of what the next level already holds */
	uint32_t depth;     /* of the current level */
	int k;              /* 0: from the sources, 1: from the targets */
} bfs_side;

/* Expands the current level of side a. Returns the first vertex it reaches that the other side
 * has reached (the search is then over), or WP_NO_VERTEX. The threshold test is compiled away
 * where `filter` is a constant false. */
static inline wp_vertex bfs_expand(wp_path_scratch *s, bfs_side *a, const bool filter,
                                   float threshold)
{
	wp_path_mark *marks = s->marks;
	const uint32_t stamp = s->stamp;
	const int k = a->k, o = 1 - a->k;
	const uint64_t *offsets = a->offsets;
	const wp_vertex *targets = a->targets;
	wp_vertex *queue = a->queue;
	uint64_t explored = 0, work = a->next_work;
	uint32_t tail = a->tail;
	for (uint32_t q = a->head; q < a->level_end; q++) {
		wp_vertex u = queue[q];
		uint64_t lo = offsets[u], hi = offsets[u + 1];
		for (uint64_t e = lo; e < hi; e++) {
			if (filter && !(a->weights[e] >= threshold))
				continue;
			wp_vertex w = targets[e];
			wp_path_mark *m = &marks[w];
			if (m->stamp[k] == stamp)
				continue;
			m->stamp[k] = stamp;
			m->parent[k] = u;
			if (m->stamp[o] == stamp) {
				s->explored += explored + (e - lo + 1);
				return w;
			}
			queue[tail++] = w;
			work += offsets[w + 1] - offsets[w];
		}
		explored += hi - lo;
	}
	s->explored += explored;
	a->head = a->level_end;
	a->level_end = a->tail = tail;
	a->work = work;
	a->next_work = 0;
	a->depth++;
	return WP_NO_VERTEX;
}

/* Alternates expansions until the sides meet, one runs dry, or the hop limit rules out any
 * further chain. */
static inline void bfs_loop(wp_path_scratch *s, bfs_side *f, bfs_side *b, uint32_t max_hops,
                            const bool filter, float threshold)
{
	while (f->head < f->level_end && b->head < b->level_end) {
		if ((uint64_t)f->depth + b->depth + 1 > max_hops)
			return;
		bfs_side *a = f->work <= b->work ? f : b;
		wp_vertex meet = bfs_expand(s, a, filter, threshold);
		if (meet != WP_NO_VERTEX) {
			wpi_build_path(s, meet);
			return;
		}
	}
}

void wp_path_shortest(const wp_graph *g, wp_path_scratch *s, wp_vertex from, wp_vertex to)
{
	assert(s->marks != NULL && s->path != NULL); /* an initialised scratch */
	next_stamp(s);
	s->hops = WP_NO_PATH;
	s->explored = 0;
	if (from == to) {
		s->path[0] = from;
		s->hops = 0;
		return;
	}
	bfs_side f = {g->offsets, g->targets, NULL, s->queue[0],
	              0,          1,          1,    g->offsets[from + 1] - g->offsets[from],
	              0,          0,          0};
	bfs_side b = {g->in_offsets,
	              g->in_targets,
	              NULL,
	              s->queue[1],
	              0,
	              1,
	              1,
	              g->in_offsets[to + 1] - g->in_offsets[to],
	              0,
	              0,
	              1};
	f.queue[0] = from;
	b.queue[0] = to;
	s->marks[from].stamp[0] = s->marks[to].stamp[1] = s->stamp;
	s->marks[from].parent[0] = from;
	s->marks[to].parent[1] = to;
	bfs_loop(s, &f, &b, UINT32_MAX, false, 0.0f);
}

void wpi_bfs(const wp_graph *g, wp_path_scratch *s, const wpi_request *rq, float threshold)
{
	const bool filter = threshold > 0.0f && g->weights != NULL;
	wp_path_mark *marks = s->marks;
	uint32_t stamp;
	bfs_side f = {g->offsets, g->targets, g->weights, s->queue[0], 0, 0, 0, 0, 0, 0, 0};
	bfs_side b = {
	        g->in_offsets, g->in_targets, g->in_weights, s->queue[1], 0, 0, 0, 0, 0, 0, 1};

	wpi_paths_begin(s, rq);
	stamp = s->stamp;
	s->hops = WP_NO_PATH;
	for (uint32_t i = 0; i < rq->target_count; i++) {
		wp_vertex t = rq->targets[i];
		if (marks[t].stamp[1] == stamp)
			continue; /* a duplicate, or blocked */
		marks[t].stamp[1] = stamp;
		marks[t].parent[1] = t;
		b.queue[b.tail++] = t;
		b.work += g->in_offsets[t + 1] - g->in_offsets[t];
	}
	b.level_end = b.tail;
	/* Seeds without an origin form level 0, seeds with one level 1; the first seed that is
	 * also a target is the shortest chain of all. */
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 0; i < rq->seed_count; i++) {
			const wp_path_seed *sd = &rq->seeds[i];
			wp_vertex v = sd->v;
			if ((sd->origin != WP_NO_VERTEX) != (pass == 1))
				continue;
			if (marks[v].stamp[0] == stamp)
				continue;
			if (pass == 1 && filter && !(sd->warmth >= threshold))
				continue;
			marks[v].stamp[0] = stamp;
			marks[v].parent[0] = pass == 0 ? v : sd->origin;
			if (marks[v].stamp[1] == stamp) {
				if ((uint32_t)pass <= rq->max_hops)
					wpi_build_path(s, v);
				return;
			}
			f.queue[f.tail++] = v;
			uint64_t d = g->offsets[v + 1] - g->offsets[v];
			if (pass == 0)
				f.work += d;
			else
				f.next_work += d;
		}
		if (pass == 0)
			f.level_end = f.tail;
	}
	if (f.level_end == 0) { /* only origin seeds: they are the first level */
		f.level_end = f.tail;
		f.work = f.next_work;
		f.next_work = 0;
		f.depth = 1;
	}
	if (filter)
		bfs_loop(s, &f, &b, rq->max_hops, true, threshold);
	else
		bfs_loop(s, &f, &b, rq->max_hops, false, 0.0f);
}

void wpi_measure(const wp_graph *g, const wp_vertex *path, uint32_t hops, wp_chain *c)
{
	double cost = 0.0;
	float weakest = 1.0f;
	c->hops = hops;
	c->first = 0;
	c->disjoint = true;
	if (g->weights != NULL)
		for (uint32_t i = 0; i < hops; i++) {
			float w = g->weights[wp_graph_find_arc(g, path[i], path[i + 1])];
			cost += wpi_cost(w);
			if (w < weakest)
				weakest = w;
		}
	c->cost = cost;
	c->warmth = exp(-cost);
	c->weakest = weakest;
}

wp_status wpi_bad_weight(const wp_graph *g, wp_vertex u, wp_vertex v, float w, char *err)
{
	return wp_error(err, WP_EINPUT,
	                "the tie '%s' %s '%s' has weight %g; warmth must be in (0, 1]",
	                wp_labels_name(&g->labels, u), g->directed ? "->" : "-",
	                wp_labels_name(&g->labels, v), (double)w);
}

wp_status wp_path_check_warmth(const wp_graph *g, char *err)
{
	if (g->weights == NULL)
		return wp_error(err, WP_EINPUT,
		                "the graph has no edge weights; warmth-ranked chains need a warmth "
		                "in (0, 1] on every edge");
	for (wp_vertex u = 0; u < g->n; u++)
		for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++)
			if (!wpi_warmth_ok(g->weights[e]))
				return wpi_bad_weight(g, u, g->targets[e], g->weights[e], err);
	return WP_OK;
}

static const char *const rank_names[] = {"hops", "hops-warmth", "warmth", "bottleneck"};

const char *wp_path_rank_name(wp_path_rank rank)
{
	return (unsigned)rank < sizeof(rank_names) / sizeof(rank_names[0]) ? rank_names[rank] : "?";
}

wp_status wp_path_rank_parse(const char *s, wp_path_rank *rank, char *err)
{
	for (size_t i = 0; i < sizeof(rank_names) / sizeof(rank_names[0]); i++)
		if (strcasecmp(s, rank_names[i]) == 0) {
			*rank = (wp_path_rank)i;
			return WP_OK;
		}
	return wp_error(err, WP_EINPUT,
	                "unknown rank '%s'; expected hops, hops-warmth, warmth or bottleneck", s);
}

wp_status wp_path_batch(const wp_graph *g, const wp_vertex *from, const wp_vertex *to, size_t count,
                        uint32_t *hops, char *err)
{
	wp_status st = WP_OK;
	bool failed = false;
	for (size_t i = 0; i < count; i++)
		if (from[i] >= g->n || to[i] >= g->n)
			WP_FAIL(WP_EARG, "query %zu: vertex %u out of range (n = %u)", i,
			        from[i] >= g->n ? from[i] : to[i], g->n);
	int threads = wp_threads_for(count, 64);
	(void)threads; /* unused in a serial build */

#pragma omp parallel num_threads(threads)
	{
		wp_path_scratch s;
		char terr[WP_ERR_LEN] = "";
		bool ok = wp_path_scratch_init(&s, g, terr) == WP_OK;
		if (!ok) {
#pragma omp atomic write
			failed = true;
		}
#pragma omp for schedule(dynamic, 64)
		for (size_t i = 0; i < count; i++) {
			if (!ok)
				continue;
			wp_path_shortest(g, &s, from[i], to[i]);
			hops[i] = s.hops;
		}
		wp_path_scratch_free(&s);
	}
	if (failed)
		WP_FAIL(WP_ENOMEM, "cannot allocate path scratch for %u vertices per thread", g->n);
	return WP_OK;
fail:
	return st;
}

wp_status wp_path_batch_opts(const wp_graph *g, const wp_path_ends *queries, size_t count,
                             const wp_path_opts *opts, wp_chain *out, char *err)
{
	wp_status st = WP_OK;
	wp_path_opts o = opts ? *opts : WP_PATH_DEFAULTS;
	size_t fail_at = SIZE_MAX;
	wp_status fail_st = WP_OK;
	char fail_err[WP_ERR_LEN] = "";
	bool no_scratch = false;
	int threads = o.threads > 0 ? o.threads : wp_max_threads();
	int useful = wp_threads_for(count, 16);
	if (threads > useful)
		threads = useful;
	o.alternatives = 1;
	(void)threads; /* unused in a serial build */

#pragma omp parallel num_threads(threads)
	{
		wp_path_scratch s;
		wp_path_result res = {0};
		char terr[WP_ERR_LEN] = "";
		size_t my_fail = SIZE_MAX;
		wp_status my_st = WP_OK;
		bool ok = wp_path_scratch_init(&s, g, terr) == WP_OK;
		if (!ok) {
#pragma omp atomic write
			no_scratch = true;
		}
#pragma omp for schedule(dynamic, 16)
		for (size_t i = 0; i < count; i++) {
			if (!ok || my_fail != SIZE_MAX)
				continue;
			const wp_path_ends *q = &queries[i];
			wp_status qs = wp_path_find_opts(g, &s, q->from, q->from_count, q->to,
			                                 q->to_count, &o, &res, terr);
			if (qs != WP_OK) {
				my_fail = i;
				my_st = qs;
				continue;
			}
			if (res.count == 0)
				out[i] = (wp_chain){WP_NO_PATH, 0, INFINITY, 0.0, 0.0, true};
			else
				out[i] = res.chains[0];
		}
#pragma omp critical(wp_path_batch_error)
		if (my_fail < fail_at) {
			fail_at = my_fail;
			fail_st = my_st;
			memcpy(fail_err, terr, sizeof(fail_err));
		}
		wp_path_result_free(&res);
		wp_path_scratch_free(&s);
	}
	if (no_scratch)
		WP_FAIL(WP_ENOMEM, "cannot allocate path scratch for %u vertices per thread", g->n);
	if (fail_at != SIZE_MAX) {
		if (fail_err[0] != '\0')
			WP_FAIL(fail_st, "query %zu: %s", fail_at, fail_err);
		WP_FAIL(fail_st, "query %zu: %s", fail_at, wp_status_name(fail_st));
	}
	return WP_OK;
fail:
	return st;
}
