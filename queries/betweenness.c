/* betweenness.c - exact betweenness centrality (Brandes), the first half of betweenness.h.
 *
 * Exact (Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 2001): from
 * every source s, a BFS (or Dijkstra) search counts the shortest paths sigma(v) and orders the
 * reached vertices by distance; a reverse sweep then accumulates the dependencies
 * delta(v) = sigma(v) x sum over successors w of (target(w) + delta(w)) / sigma(w). As in GAPBS's
 * bc.cc, the unweighted search marks the arcs that lie on shortest paths in a bitmap, so the
 * sweep visits only those (a word of bits at a time) instead of testing every arc's distance,
 * and it keeps c(w) = (target(w) + delta(w)) / sigma(w) in sigma's slot, one division per
 * vertex. The search is direction-optimising: a level whose frontier has more arcs than the
 * unreached vertices is found bottom up (each unreached vertex sums its parents' counts), which
 * cuts the arcs scanned by 20-50 % on social networks; the sweep then pushes to the parents
 * through the bits of those in-arcs. Levels are kept modulo 254 in one byte per vertex (a level
 * only meets its neighbours), so they stay in the L1 cache. A source of degree 1 in an
 * undirected graph (all sources and targets) needs no search of its own: its dependencies equal
 * its neighbour's everywhere but at that neighbour, so the neighbour's sweep counts it too
 * (Baglioni et al., "Fast exact computation of betweenness centrality in social networks",
 * ASONAM 2012). Weighted graphs use Dijkstra with an indexed binary heap, distances in double
 * offset by 1 as igraph keeps them, and igraph's test for equal lengths (relative difference
 * below 1e-10, igraph_cmp_epsilon), so equal-length paths are counted as igraph counts them.
 *
 * Parallel over sources; every thread owns its scratch (allocated once, reset only where a
 * search touched it). Determinism: the source list is cut into a fixed number of lanes
 * (contiguous runs of sources; up to MAX_LANES, fewer for short lists or huge graphs, never
 * depending on the threads); threads take whole lanes, and a lane's dependencies are summed,
 * source after source, into the lane's own accumulator; at the end each vertex adds its lanes in
 * lane order. No thread ever waits for another's progress, and every floating-point sum is
 * therefore done in an order fixed by the source list alone, and the output is bitwise the same
 * for any thread count. Time O(S (n + m)) unweighted, O(S (n + m) log n) weighted, for S
 * sources; memory per thread 26 bytes per vertex plus two bits per arc (28 bytes weighted), and
 * 8 bytes per vertex per lane (17 MB for a 33k-vertex graph's 64 lanes, at most 1 GiB).
 *
 * The approximate half of betweenness.h (KADABRA) is in betweenness_approx.c.
 */
#include "queries/betweenness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"

/* Lanes: the units of work and of the fixed summation order. At most MAX_LANES, each of at least
 * LANE_MIN_SOURCES sources (an accumulator costs O(n) to add), and all accumulators together
 * within LANE_BYTES (a 33k-vertex graph gets 64 lanes, 17 MB; a 4M-vertex one 32). */
#define MAX_LANES 64
#define LANE_MIN_SOURCES 32
#define LANE_BYTES (1ull << 30)

/* igraph's IGRAPH_SHORTEST_PATH_EPSILON: two path lengths are equal when their difference is
 * below this fraction of their sum. */
#define LENGTH_EPSILON 1e-10

#define SETTLED UINT32_MAX
/* Levels are kept modulo LEVELS in one byte, so a 33k-vertex graph's fit in the L1 cache. A
 * search expanding level d only asks whether a vertex is unseen, at level d or at level d + 1;
 * an older vertex whose level is congruent to one of these would answer wrongly (a directed back
 * arc can reach any older level), so every RELABEL levels all older vertices are set to OLD:
 * a level value is then never reused while a vertex still holds it. */
#define LEVELS 254
#define RELABEL 127
#define OLD 254
#define UNSEEN 255

/* What every thread reads: the graph and the options, resolved. */
typedef struct exact_job {
	const wp_graph *g;
	const float *weights;     /* NULL: unweighted */
	const uint8_t *is_target; /* NULL: every vertex is a target */
	const wp_vertex *sources; /* NULL: 0 .. n-1 */
	uint64_t source_count;
	const uint32_t *fold; /* all-pairs undirected: leaves folded into each vertex (count), or
	                       * NULL; a folded leaf's own search is skipped (UINT32_MAX) */
} exact_job;

/* One thread's scratch: allocated once, reset only where a search touched it. */
typedef struct exact_scratch {
	uint8_t *level;   /* unweighted: BFS depth modulo LEVELS, UNSEEN between searches */
	uint32_t *depth;  /* weighted: heap position, SETTLED once popped */
	double *dist;     /* weighted: 1 + distance, 0 = unreached between searches */
	double *sigma;    /* shortest-path counts; in the sweep, c(v) = (target + delta) / sigma */
	wp_vertex *order; /* reached vertices by nondecreasing distance */
	wp_vertex *heap;  /* weighted: indexed binary heap on dist */
	uint64_t *succ;   /* unweighted: bit e set when out-arc e leads to the next level */
	uint64_t *pred;   /* unweighted: bit e set when in-arc e comes from the previous level */
	double *push;     /* unweighted: sums pushed up from a level found bottom-up */
	uint32_t *starts; /* unweighted: level L is order[starts[L] .. starts[L + 1]) */
	uint8_t *bottom_up; /* unweighted: level L + 1 was found bottom-up from level L */
	double *block;      /* the current lane's accumulator (borrowed) */
} exact_scratch;

static void scratch_free(exact_scratch *s)
{
	free(s->level);
	free(s->depth);
	free(s->dist);
	free(s->sigma);
	free(s->order);
	free(s->heap);
	free(s->succ);
	free(s->pred);
	free(s->push);
	free(s->starts);
	free(s->bottom_up);
	memset(s, 0, sizeof(*s));
}

static wp_status scratch_init(exact_scratch *s, const wp_graph *g, bool weighted, char *err)
{
	wp_status st = WP_OK;
	size_t n = g->n ? g->n : 1, words = (size_t)(g->m / 64 + 1);
	memset(s, 0, sizeof(*s));
	s->sigma = malloc(n * sizeof(*s->sigma));
	s->order = malloc(n * sizeof(*s->order));
	if (weighted) {
		s->depth = malloc(n * sizeof(*s->depth));
		s->dist = calloc(n, sizeof(*s->dist));
		s->heap = malloc(n * sizeof(*s->heap));
	} else {
		s->level = malloc(n);
		s->succ = calloc(words, sizeof(*s->succ));
		s->pred = calloc(words, sizeof(*s->pred));
		s->push = malloc(n * sizeof(*s->push));
		s->starts = malloc((n + 2) * sizeof(*s->starts));
		s->bottom_up = malloc(n + 1);
	}
	if (!s->sigma || !s->order ||
	    (weighted ? !s->depth || !s->dist || !s->heap
	              : !s->level || !s->succ || !s->pred || !s->push || !s->starts ||
	                        !s->bottom_up))
		WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate scratch for %zu vertices", n);
	if (!weighted)
		memset(s->level, UNSEEN, n);
	return WP_OK;
fail:
	scratch_free(s);
	return st;
}

/* Unweighted search from s (direction-optimising, as Beamer, Asanovic and Patterson, SC 2012,
 * but without early exit: a vertex's path count needs all its parents). A level is expanded top
 * down (the frontier's out-arcs; bits in succ) while the frontier has fewer arcs than the
 * unreached vertices, else bottom up (every unreached vertex's in-arcs; bits in pred), which on
 * small-world graphs halves the arcs the middle levels scan. Fills level, sigma, order, starts
 * and bottom_up; returns the vertices reached and sets *levels. */
static uint32_t bfs_forward(const wp_graph *g, exact_scratch *x, wp_vertex s, uint32_t *levels)
{
	const uint64_t *off = g->offsets, *in_off = g->in_offsets;
	const wp_vertex *tg = g->targets, *in_tg = g->in_targets;
	const uint32_t n = g->n;
	uint8_t *level = x->level;
	double *sigma = x->sigma;
	wp_vertex *order = x->order;
	uint64_t *succ = x->succ, *pred = x->pred;
	uint32_t head = 0, tail = 1, L = 0;
	uint8_t cur = 0, next = 1; /* depths of levels L and L + 1, modulo LEVELS */
	uint64_t frontier_arcs = off[s + 1] - off[s],
	         unreached_arcs = g->m - (in_off[s + 1] - in_off[s]);

	order[0] = s;
	level[s] = 0;
	sigma[s] = 1.0;
	while (head < tail) {
		uint32_t end = tail;
		bool bu = frontier_arcs > unreached_arcs;
		if (L > 0 && L % RELABEL == 0)
			for (uint32_t i = 0; i < head; i++)
				level[order[i]] = OLD;
		x->starts[L] = head;
		x->bottom_up[L] = bu;
		if (!bu) {
			for (; head < end; head++) {
				wp_vertex u = order[head];
				double su = sigma[u];
				/* Arcs a bitmap word at a time: one store per word, not per arc. */
				for (uint64_t e = off[u], hi = off[u + 1]; e < hi;) {
					uint64_t stop = (e | 63) + 1 < hi ? (e | 63) + 1 : hi,
					         bits = 0;
					for (; e < stop; e++) {
						wp_vertex w = tg[e];
						uint8_t lw = level[w];
						if (lw == UNSEEN) {
							level[w] = next;
							sigma[w] = su;
							order[tail++] = w;
							bits |= 1ull << (e & 63);
						} else if (lw == next) {
							sigma[w] += su;
							bits |= 1ull << (e & 63);
						}
					}
					if (bits)
						succ[(e - 1) >> 6] |= bits;
				}
			}
		} else {
			for (wp_vertex v = 0; v < n; v++) {
				if (level[v] != UNSEEN)
					continue;
				double sv = 0.0;
				for (uint64_t e = in_off[v], hi = in_off[v + 1]; e < hi;) {
					uint64_t stop = (e | 63) + 1 < hi ? (e | 63) + 1 : hi,
					         bits = 0;
					for (; e < stop; e++) {
						wp_vertex u = in_tg[e];
						if (level[u] == cur) {
							sv += sigma[u];
							bits |= 1ull << (e & 63);
						}
					}
					if (bits)
						pred[(e - 1) >> 6] |= bits;
				}
				if (sv > 0.0) {
					level[v] = next;
					sigma[v] = sv;
					order[tail++] = v;
				}
			}
			head = end;
		}
		frontier_arcs = 0;
		for (uint32_t i = end; i < tail; i++) {
			wp_vertex w = order[i];
			frontier_arcs += off[w + 1] - off[w];
			unreached_arcs -= in_off[w + 1] - in_off[w];
		}
		L++;
		cur = next;
		next = next + 1 == LEVELS ? 0 : next + 1;
	}
	x->starts[L] = tail;
	x->bottom_up[L - 1] = false; /* the last level has no successors either way */
	*levels = L;
	return tail;
}

/* Sums c over the arcs of [lo, hi) whose bits are set in bits[], clearing them: a word at a
 * time, so unmarked arcs cost nothing. */
static inline double sum_marked(uint64_t *bits_of, uint64_t lo, uint64_t hi, const wp_vertex *tg,
                                const double *c)
{
	double acc = 0.0;
	for (uint64_t wi = lo >> 6; lo < hi && wi <= (hi - 1) >> 6; wi++) {
		uint64_t mask = ~0ull;
		if (wi == lo >> 6)
			mask &= ~0ull << (lo & 63);
		if (wi == (hi - 1) >> 6)
			mask &= ~0ull >> (63 - ((hi - 1) & 63));
		uint64_t word = bits_of[wi], bits = word & mask;
		if (bits == 0)
			continue;
		bits_of[wi] = word & ~mask;
		do {
			acc += c[tg[wi << 6 | (uint64_t)__builtin_ctzll(bits)]];
			bits &= bits - 1;
		} while (bits);
	}
	return acc;
}

/* Reverse sweep of an unweighted search, level by level from the deepest: delta(v) =
 * sigma(v) x the sum of c(w) over v's successors, pulled through v's succ bits when the next
 * level was found top down, or pushed by the successors through their pred bits when it was
 * found bottom up; then c(v) = (target(v) + delta(v)) / sigma(v) replaces sigma(v). Adds
 * mult x delta(v) to the lane for v != s and clears every bit and level the search set. */
static void bfs_sweep(const wp_graph *g, const exact_job *job, exact_scratch *x, uint32_t levels,
                      double mult)
{
	const uint64_t *off = g->offsets, *in_off = g->in_offsets;
	const wp_vertex *tg = g->targets, *in_tg = g->in_targets;
	const uint8_t *is_target = job->is_target;
	double *c = x->sigma, *block = x->block, *push = x->push;
	const wp_vertex *order = x->order;
	const uint32_t *starts = x->starts;

	for (uint32_t L = levels; L-- > 1;) {
		bool pulled = !x->bottom_up[L];
		for (uint32_t i = starts[L]; i < starts[L + 1]; i++) {
			wp_vertex v = order[i];
			double acc =
			        pulled ? sum_marked(x->succ, off[v], off[v + 1], tg, c) : push[v];
			double delta = c[v] * acc;
			block[v] += mult * delta;
			c[v] = ((is_target == NULL || is_target[v]) ? 1.0 + delta : delta) / c[v];
			x->level[v] = UNSEEN;
		}
		if (x->bottom_up[L - 1]) {
			/* Level L was found bottom up: its vertices push c to their parents. */
			for (uint32_t i = starts[L - 1]; i < starts[L]; i++)
				push[order[i]] = 0.0;
			for (uint32_t i = starts[L]; i < starts[L + 1]; i++) {
				wp_vertex v = order[i];
				uint64_t lo = in_off[v], hi = in_off[v + 1];
				for (uint64_t wi = lo >> 6; lo < hi && wi <= (hi - 1) >> 6; wi++) {
					uint64_t mask = ~0ull;
					if (wi == lo >> 6)
						mask &= ~0ull << (lo & 63);
					if (wi == (hi - 1) >> 6)
						mask &= ~0ull >> (63 - ((hi - 1) & 63));
					uint64_t word = x->pred[wi], bits = word & mask;
					if (bits == 0)
						continue;
					x->pred[wi] = word & ~mask;
					do {
						push[in_tg[wi << 6 | (uint64_t)__builtin_ctzll(
						                             bits)]] += c[v];
						bits &= bits - 1;
					} while (bits);
				}
			}
		}
	}
	/* The source's out-arcs (level 0 expanded top down): every other bit is clear by now, so
	 * whole words may be zeroed. */
	wp_vertex s = order[0];
	if (!x->bottom_up[0] && off[s + 1] > off[s])
		for (uint64_t w = off[s] >> 6, last = (off[s + 1] - 1) >> 6; w <= last; w++)
			x->succ[w] = 0;
	x->level[s] = UNSEEN;
}

/* Signed comparison of path lengths with igraph's relative tolerance: 0 when equal. */
static inline int cmp_length(double a, double b)
{
	if (a == b)
		return 0;
	double diff = a - b, sum = fabs(a) + fabs(b);
	if (fabs(diff) < LENGTH_EPSILON * sum)
		return 0;
	return diff < 0 ? -1 : 1;
}

/* The indexed min-heap on dist: heap[0..len) holds vertices, depth[v] their positions. */
static inline void heap_up(exact_scratch *x, uint32_t i)
{
	wp_vertex *h = x->heap;
	const double *dist = x->dist;
	wp_vertex v = h[i];
	double dv = dist[v];
	while (i > 0) {
		uint32_t p = (i - 1) / 2;
		if (dist[h[p]] <= dv)
			break;
		h[i] = h[p];
		x->depth[h[i]] = i;
		i = p;
	}
	h[i] = v;
	x->depth[v] = i;
}

static inline wp_vertex heap_pop(exact_scratch *x, uint32_t *len)
{
	wp_vertex *h = x->heap;
	const double *dist = x->dist;
	wp_vertex top = h[0], v = h[--*len];
	uint32_t n = *len, i = 0;
	double dv = dist[v];
	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && dist[h[c + 1]] < dist[h[c]])
			c++;
		if (dist[h[c]] >= dv)
			break;
		h[i] = h[c];
		x->depth[h[i]] = i;
		i = c;
	}
	if (n > 0) {
		h[i] = v;
		x->depth[v] = i;
	}
	x->depth[top] = SETTLED;
	return top;
}

/* Weighted search from s (Dijkstra): dist = 1 + length (igraph's convention), sigma counts the
 * paths whose lengths tie within the tolerance, order lists vertices as settled. Returns the
 * number of vertices reached. */
static uint32_t dijkstra_forward(const wp_graph *g, const float *wt, exact_scratch *x, wp_vertex s)
{
	const uint64_t *off = g->offsets;
	const wp_vertex *tg = g->targets;
	double *dist = x->dist, *sigma = x->sigma;
	uint32_t len = 0, reached = 0;

	dist[s] = 1.0;
	sigma[s] = 1.0;
	x->heap[len++] = s;
	x->depth[s] = 0;
	while (len > 0) {
		wp_vertex u = heap_pop(x, &len);
		double du = dist[u], su = sigma[u];
		x->order[reached++] = u;
		for (uint64_t e = off[u], hi = off[u + 1]; e < hi; e++) {
			wp_vertex w = tg[e];
			double alt = du + (double)wt[e], cur = dist[w];
			if (cur == 0.0) {
				dist[w] = alt;
				sigma[w] = su;
				x->heap[len] = w;
				heap_up(x, len++);
				continue;
			}
			if (x->depth[w] == SETTLED)
				continue;
			int c = cmp_length(alt, cur);
			if (c < 0) {
				dist[w] = alt;
				sigma[w] = su;
				heap_up(x, x->depth[w]);
			} else if (c == 0) {
				sigma[w] += su;
			}
		}
	}
	return reached;
}

/* Reverse sweep of a weighted search: the successors of v are the out-neighbours w with
 * dist(v) + length = dist(w) within the tolerance. Resets dist for the next search. */
static void dijkstra_sweep(const wp_graph *g, const exact_job *job, exact_scratch *x,
                           uint32_t reached, double mult)
{
	const uint64_t *off = g->offsets;
	const wp_vertex *tg = g->targets;
	const float *wt = job->weights;
	const uint8_t *is_target = job->is_target;
	double *c = x->sigma, *dist = x->dist, *block = x->block;

	for (uint32_t i = reached; i-- > 1;) {
		wp_vertex v = x->order[i];
		double dv = dist[v], acc = 0.0;
		for (uint64_t e = off[v], hi = off[v + 1]; e < hi; e++) {
			wp_vertex w = tg[e];
			if (cmp_length(dv + (double)wt[e], dist[w]) == 0)
				acc += c[w];
		}
		double delta = c[v] * acc;
		block[v] += mult * delta;
		c[v] = ((is_target == NULL || is_target[v]) ? 1.0 + delta : delta) / c[v];
	}
	for (uint32_t i = 0; i < reached; i++)
		dist[x->order[i]] = 0.0;
}

/* One source's search and sweep, adding its dependencies (and those of the leaves folded into
 * it) to the block. */
static void exact_source(const exact_job *job, exact_scratch *x, wp_vertex s)
{
	const wp_graph *g = job->g;
	double mult = 1.0;
	if (job->fold != NULL) {
		if (job->fold[s] == UINT32_MAX)
			return; /* a leaf, counted by its neighbour */
		mult += (double)job->fold[s];
	}
	uint32_t reached;
	if (job->weights != NULL) {
		reached = dijkstra_forward(g, job->weights, x, s);
		dijkstra_sweep(g, job, x, reached, mult);
	} else {
		uint32_t levels;
		reached = bfs_forward(g, x, s, &levels);
		bfs_sweep(g, job, x, levels, mult);
	}
	/* Each folded leaf l depends on s for every target but l and s. */
	if (mult > 1.0 && reached > 2)
		x->block[s] += (mult - 1.0) * (double)(reached - 2);
}

/* Marks the degree-1 vertices whose neighbour has degree > 1 as folded (UINT32_MAX) and counts,
 * for every other vertex, the leaves folded into it. Only for undirected graphs with all
 * sources and targets. Two adjacent leaves (a component of two vertices) are not folded. */
static uint32_t *fold_leaves(const wp_graph *g, char *err)
{
	uint32_t *fold = calloc(g->n ? g->n : 1, sizeof(*fold));
	if (fold == NULL) {
		wp_error(err, WP_ENOMEM, "betweenness: cannot allocate %u leaf counts", g->n);
		return NULL;
	}
	for (wp_vertex v = 0; v < g->n; v++) {
		if (wp_graph_out_degree(g, v) != 1)
			continue;
		wp_vertex u = g->targets[g->offsets[v]];
		if (wp_graph_out_degree(g, u) > 1) {
			fold[v] = UINT32_MAX;
			fold[u]++;
		}
	}
	return fold;
}

/* Runs the lanes on `threads` threads (at least one): lane l sums the dependencies of its
 * sources, in list order, into acc[l n ..]; then every vertex adds its lanes in lane order. */
static void run_lanes(const exact_job *job, exact_scratch *scratch, int threads, uint32_t lanes,
                      double *acc, double *scores)
{
	const uint32_t n = job->g->n;
	const uint64_t count = job->source_count;
	(void)threads; /* unused in a serial build */

#pragma omp parallel num_threads(threads)
	{
		exact_scratch *x = &scratch[wp_thread_id()];

#pragma omp for schedule(dynamic, 1)
		for (uint32_t l = 0; l < lanes; l++) {
			uint64_t lo = count * l / lanes, hi = count * (l + 1) / lanes;
			x->block = acc + (size_t)l * n;
			for (uint64_t i = lo; i < hi; i++)
				exact_source(job, x, job->sources ? job->sources[i] : (wp_vertex)i);
		}

#pragma omp for schedule(static)
		for (uint32_t v = 0; v < n; v++) {
			double sum = 0.0;
			for (uint32_t l = 0; l < lanes; l++)
				sum += acc[(size_t)l * n + v];
			scores[v] = sum;
		}
	}
}

static wp_status check_vertices(const wp_graph *g, const wp_vertex *list, uint32_t count,
                                const char *what, char *err)
{
	wp_status st = WP_OK;
	if (list == NULL && count > 0)
		WP_FAIL(WP_EARG, "betweenness: %s_count is %u but %ss is NULL", what, count, what);
	for (uint32_t i = 0; list != NULL && i < count; i++)
		if (list[i] >= g->n)
			WP_FAIL(WP_EARG,
			        "betweenness: %s %u is vertex %u, but the graph has %u vertices",
			        what, i, list[i], g->n);
	return WP_OK;
fail:
	return st;
}

wp_status wp_betweenness_exact(const wp_graph *g, double *scores, char *err)
{
	return wp_betweenness_exact_opts(g, NULL, scores, err);
}

wp_status wp_betweenness_exact_opts(const wp_graph *g, const wp_betweenness_opts *opts,
                                    double *scores, char *err)
{
	wp_status st = WP_OK;
	wp_betweenness_opts o = opts ? *opts : WP_BETWEENNESS_DEFAULTS;
	exact_scratch *scratch = NULL;
	uint8_t *is_target = NULL;
	uint32_t *fold = NULL;
	double *acc = NULL;
	int threads = 0;
	exact_job job = {0};

	if (wp_in_parallel())
		WP_FAIL(WP_EARG, "betweenness: called inside a parallel region");
	WP_TRY(check_vertices(g, o.sources, o.source_count, "source", err));
	WP_TRY(check_vertices(g, o.targets, o.target_count, "target", err));
	if (o.weights != NULL)
		for (uint64_t e = 0; e < g->m; e++)
			if (!(o.weights[e] > 0.0f) || isinf(o.weights[e]))
				WP_FAIL(WP_EARG,
				        "betweenness: arc %llu has length %g; lengths must be "
				        "finite and > 0",
				        (unsigned long long)e, (double)o.weights[e]);
	job.g = g;
	job.weights = o.weights;
	job.sources = o.sources;
	job.source_count = o.sources ? o.source_count : g->n;
	/* Lanes: a function of the source count and n only. */
	uint64_t lanes = (job.source_count + LANE_MIN_SOURCES - 1) / LANE_MIN_SOURCES;
	uint64_t fit = LANE_BYTES / (8ull * (g->n ? g->n : 1));
	if (lanes > MAX_LANES)
		lanes = MAX_LANES;
	if (lanes > fit)
		lanes = fit > 0 ? fit : 1;
	if (o.targets != NULL && job.source_count > 0) {
		is_target = calloc(g->n ? g->n : 1, 1);
		if (is_target == NULL)
			WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate %u target flags", g->n);
		for (uint32_t i = 0; i < o.target_count; i++)
			is_target[o.targets[i]] = 1;
		job.is_target = is_target;
	}
	if (!g->directed && o.sources == NULL && o.targets == NULL && job.source_count > 0) {
		fold = fold_leaves(g, err);
		if (fold == NULL)
			WP_FAIL(WP_ENOMEM, "betweenness: out of memory");
		job.fold = fold;
	}
	threads = o.threads > 0 ? o.threads : wp_max_threads();
	if ((uint64_t)threads > lanes)
		threads = (int)lanes;
	if (job.source_count > 0) {
		acc = calloc((size_t)lanes * g->n + 1, sizeof(*acc));
		if (acc == NULL)
			WP_FAIL(WP_ENOMEM,
			        "betweenness: cannot allocate %llu lane sums of %u vertices",
			        (unsigned long long)lanes, g->n);
		scratch = calloc((size_t)(threads > 0 ? threads : 1), sizeof(*scratch));
		if (scratch == NULL)
			WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate %d scratch spaces",
			        threads);
	}
	for (int t = 0; t < threads; t++)
		WP_TRY(scratch_init(&scratch[t], g, o.weights != NULL, err));

	/* Nothing can fail from here on: scores is written. */
	if (job.source_count > 0)
		run_lanes(&job, scratch, threads, (uint32_t)lanes, acc, scores);
	else
		for (wp_vertex v = 0; v < g->n; v++)
			scores[v] = 0.0;

	/* Undirected: each unordered pair was counted from both ends. */
	double factor = g->directed ? 1.0 : 0.5;
	if (o.normalized && g->n > 2)
		factor = (g->directed ? 1.0 : 2.0) * factor /
		         ((double)(g->n - 1) * (double)(g->n - 2));
	if (factor != 1.0)
		for (wp_vertex v = 0; v < g->n; v++)
			scores[v] *= factor;
	for (int t = 0; scratch != NULL && t < threads; t++)
		scratch_free(&scratch[t]);
	free(scratch);
	free(is_target);
	free(fold);
	free(acc);
	return WP_OK;
fail:
	for (int t = 0; scratch != NULL && t < threads; t++)
		scratch_free(&scratch[t]);
	free(scratch);
	free(is_target);
	free(fold);
	free(acc);
	return st;
}
