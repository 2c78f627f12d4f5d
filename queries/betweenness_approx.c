/* betweenness_approx.c - approximate betweenness (KADABRA), the second half of betweenness.h.
 *
 * KADABRA (Borassi and Natale, "KADABRA is an ADaptive Algorithm for Betweenness
 * via Random Approximation", ESA 2016; JEA 2019), parallel as in van der Grinten, Angriman and
 * Meyerhenke, "Parallel Adaptive Sampling with almost no Synchronization", Euro-Par 2019. A
 * sample is a uniformly random ordered pair (s, t), s != t, and a uniformly random shortest s-t
 * path found by a balanced bidirectional BFS (the side with the smaller summed degree expands a
 * whole level; the first level that meets the other side yields every shortest path, sampled by
 * the product of the two sides' path counts and then backwards, predecessor by predecessor, in
 * proportion to their path counts; a pair in two weak components is a sample with no path). Each
 * interior vertex gains 1; b~(v) = count / samples estimates b(v). The number of samples is
 * bounded by omega = 0.5 / eps^2 (floor(log2(VD - 2)) + 1 + ln(2 / delta)) (Riondato and
 * Kornaropoulos's VC-dimension bound, failing with probability delta / 2), where VD bounds the
 * vertices of any shortest path: BFS-tree diameters for undirected graphs, the heaviest path
 * through the strong components for directed ones. The run stops earlier once, for every v,
 * f(b~, delta_L(v)) < eps and g(b~, delta_U(v)) < eps (the paper's adaptive bounds), with the
 * per-vertex failure budgets delta_L, delta_U summing to delta / 2 and shaped by a first round of
 * omega / 100 samples as the paper suggests (NetworKit's KadabraBetweenness does the same). The
 * top-k mode stops once the k best are separated from their neighbours in the ranking or known
 * within eps. Determinism: sample i draws from its own random stream derived from (seed, i) and
 * the condition is checked only after fixed sample counts (every 5 %), so which samples are used
 * never depends on thread timing; counts are integers, so their sum is exact in any order.
 * Cost: at most omega samples, each a bidirectional BFS (about sqrt(m) arcs on social graphs,
 * O(n + m) at worst), plus O(n + m) for the components and the VD bound; 20 bytes per vertex per
 * thread and 16 shared (24 in top-k mode).
 */
#include "queries/betweenness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"
#include "queries/components.h"

/* Share of delta spent on a floor under every vertex's failure budget (KADABRA's balancing
 * factor), so that no budget is zero. */
#define KADABRA_BALANCE 0.001
/* The first round estimates the betweenness that shapes the failure budgets: omega / 100
 * samples (NetworKit's startFactor), at least MIN_FIRST (or omega). */
#define KADABRA_FIRST_DIVISOR 100
#define KADABRA_MIN_FIRST 256
/* Checks of the stopping condition: after the first round's size, then every 5 % more samples
 * (at least CHECK_MIN_STEP): a run stops at most 5 % later than a check after every sample. */
#define KADABRA_GROWTH 1.05
#define KADABRA_CHECK_MIN_STEP 256
/* Samples handed to a thread at once. */
#define KADABRA_CHUNK 16

/* splitmix64 (Steele, Lea and Flood, OOPSLA 2014): one 64-bit state per stream, the finaliser
 * makes independent-looking streams from neighbouring seeds. */
static inline uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

typedef struct rng {
	uint64_t state;
} rng;

static inline uint64_t rng_next(rng *r)
{
	r->state += 0x9e3779b97f4a7c15ull;
	return mix64(r->state);
}

/* The stream of sample i of a phase: depends only on (seed, phase, i). */
static inline rng rng_stream(uint64_t seed, uint64_t phase, uint64_t i)
{
	rng r = {mix64(seed ^ 0x6a09e667f3bcc909ull) ^
	         mix64((i << 1 | phase) + 0x3c6ef372fe94f82bull)};
	return r;
}

/* Uniform in [0, 1) with 53 random bits. */
static inline double rng_unit(rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n): n below 2^32 against 53 random bits, a bias below 2^-21. */
static inline uint32_t rng_below(rng *r, uint32_t n)
{
	uint32_t x = (uint32_t)(rng_unit(r) * (double)n);
	return x < n ? x : n - 1;
}

/* One thread's sampler: bidirectional BFS state, reset by stamps, and the interior vertices of
 * the paths it sampled in the current epoch. */
typedef struct sampler {
	uint32_t *mark;   /* 2 stamp: reached from s; 2 stamp + 1: reached from t */
	uint32_t *dist;   /* hops from s or to t, valid where mark is current */
	double *sigma;    /* shortest paths from s (to t), valid where mark is current */
	wp_vertex *queue; /* both sides' levels, each level contiguous */
	uint32_t stamp;
	wp_vertex *meet; /* pairs (a, b): this side's vertex, the other side's vertex */
	uint64_t meet_cap;
	wp_vertex *path; /* interior vertices of this epoch's paths */
	uint64_t path_len, path_cap;
	bool failed; /* an allocation failed */
} sampler;

static void sampler_free(sampler *S)
{
	free(S->mark);
	free(S->dist);
	free(S->sigma);
	free(S->queue);
	free(S->meet);
	free(S->path);
	memset(S, 0, sizeof(*S));
}

static wp_status sampler_init(sampler *S, uint32_t n, char *err)
{
	wp_status st = WP_OK;
	size_t k = n ? n : 1;
	memset(S, 0, sizeof(*S));
	S->mark = calloc(k, sizeof(*S->mark));
	S->dist = malloc(k * sizeof(*S->dist));
	S->sigma = malloc(k * sizeof(*S->sigma));
	S->queue = malloc(k * sizeof(*S->queue));
	S->meet_cap = 1024;
	S->meet = malloc(2 * S->meet_cap * sizeof(*S->meet));
	S->path_cap = 4096;
	S->path = malloc(S->path_cap * sizeof(*S->path));
	if (!S->mark || !S->dist || !S->sigma || !S->queue || !S->meet || !S->path)
		WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate a sampler for %zu vertices", k);
	return WP_OK;
fail:
	sampler_free(S);
	return st;
}

/* Doubles the meeting-arc buffer; false (and S->failed) if memory runs out. */
static bool meet_grow(sampler *S)
{
	uint64_t cap = S->meet_cap ? 2 * S->meet_cap : 1024;
	wp_vertex *p = realloc(S->meet, 2 * cap * sizeof(*p));
	if (p == NULL) {
		S->failed = true;
		return false;
	}
	S->meet = p;
	S->meet_cap = cap;
	return true;
}

static bool path_push(sampler *S, wp_vertex v)
{
	if (S->path_len == S->path_cap) {
		uint64_t cap = S->path_cap ? 2 * S->path_cap : 4096;
		wp_vertex *p = realloc(S->path, cap * sizeof(*p));
		if (p == NULL) {
			S->failed = true;
			return false;
		}
		S->path = p;
		S->path_cap = cap;
	}
	S->path[S->path_len++] = v;
	return true;
}

/* Walks from v back to the root of its side (mark `side`), choosing each predecessor with
 * probability sigma(p) / sigma(v) among the neighbours (through the arcs given) one hop closer
 * to the root, and records every vertex but the root. */
static void backtrack(sampler *S, const uint64_t *off, const wp_vertex *tg, uint32_t side,
                      wp_vertex v, rng *r)
{
	while (S->dist[v] > 0) {
		if (!path_push(S, v))
			return;
		double pick = rng_unit(r) * S->sigma[v], acc = 0.0;
		uint32_t want = S->dist[v] - 1;
		wp_vertex chosen = WP_NO_VERTEX;
		for (uint64_t e = off[v], hi = off[v + 1]; e < hi; e++) {
			wp_vertex p = tg[e];
			if (S->mark[p] != side || S->dist[p] != want)
				continue;
			chosen = p;
			acc += S->sigma[p];
			if (acc > pick)
				break;
		}
		v = chosen; /* the last predecessor if rounding left pick above the sum */
	}
}

/* Draws one sample: a random ordered pair (s, t), s != t, and, if t is reachable, a uniformly
 * random shortest s-t path, whose interior vertices are appended to S->path. */
static void sample_path(const wp_graph *g, const uint32_t *comp, sampler *S, rng *r)
{
	wp_vertex s = rng_below(r, g->n), t = rng_below(r, g->n - 1);
	if (t >= s)
		t++;
	if (comp[s] != comp[t])
		return;
	if (++S->stamp >= UINT32_MAX / 2) {
		memset(S->mark, 0, (size_t)g->n * sizeof(*S->mark));
		S->stamp = 1;
	}
	const uint32_t F = 2 * S->stamp, B = F + 1;
	uint32_t *mark = S->mark, *dist = S->dist;
	double *sigma = S->sigma;
	wp_vertex *q = S->queue;
	/* Each side's current level is q[lo, hi) at depth d; work = its summed degree. */
	uint32_t flo = 0, fhi = 1, blo = 1, bhi = 2, end = 2, fd = 0, bd = 0;
	uint64_t fwork = wp_graph_out_degree(g, s), bwork = wp_graph_in_degree(g, t);
	uint64_t meets = 0;
	bool fwd = true;

	mark[s] = F;
	mark[t] = B;
	dist[s] = dist[t] = 0;
	sigma[s] = sigma[t] = 1.0;
	q[0] = s;
	q[1] = t;
	for (;;) {
		fwd = fwork <= bwork;
		const uint64_t *off = fwd ? g->offsets : g->in_offsets;
		const wp_vertex *tg = fwd ? g->targets : g->in_targets;
		const uint64_t *next_off = fwd ? g->offsets : g->in_offsets;
		uint32_t mine = fwd ? F : B, other = fwd ? B : F;
		uint32_t lo = fwd ? flo : blo, hi = fwd ? fhi : bhi, d = fwd ? fd : bd;
		uint32_t start = end;
		uint64_t work = 0;
		if (lo == hi)
			return; /* this side is exhausted: t is unreachable from s */
		for (uint32_t i = lo; i < hi; i++) {
			wp_vertex u = q[i];
			double su = sigma[u];
			for (uint64_t e = off[u], ehi = off[u + 1]; e < ehi; e++) {
				wp_vertex y = tg[e];
				uint32_t my = mark[y];
				if (my == other) {
					if (meets == S->meet_cap && !meet_grow(S))
						return;
					S->meet[2 * meets] = u;
					S->meet[2 * meets + 1] = y;
					meets++;
				} else if (meets == 0) {
					if (my != mine) {
						mark[y] = mine;
						dist[y] = d + 1;
						sigma[y] = su;
						q[end++] = y;
						work += next_off[y + 1] - next_off[y];
					} else if (dist[y] == d + 1) {
						sigma[y] += su;
					}
				}
			}
		}
		if (meets > 0)
			break;
		if (fwd) {
			flo = start, fhi = end, fd = d + 1, fwork = work;
		} else {
			blo = start, bhi = end, bd = d + 1, bwork = work;
		}
	}

	/* Every shortest path crosses exactly one meeting arc, through which run
	 * sigma(a) sigma(b) of them. */
	double total = 0.0;
	for (uint64_t i = 0; i < meets; i++)
		total += sigma[S->meet[2 * i]] * sigma[S->meet[2 * i + 1]];
	double pick = rng_unit(r) * total, acc = 0.0;
	uint64_t k = 0;
	for (; k + 1 < meets; k++) {
		acc += sigma[S->meet[2 * k]] * sigma[S->meet[2 * k + 1]];
		if (acc > pick)
			break;
	}
	wp_vertex a = S->meet[2 * k], b = S->meet[2 * k + 1];
	wp_vertex fv = fwd ? a : b, bv = fwd ? b : a;
	/* From s's side back along in-arcs, from t's side forward along out-arcs. */
	backtrack(S, g->in_offsets, g->in_targets, F, fv, r);
	backtrack(S, g->offsets, g->targets, B, bv, r);
}

typedef struct kadabra_job {
	const wp_graph *g;
	const uint32_t *comp; /* weak component of every vertex */
	sampler *samplers;
	int threads;
	uint64_t seed;
	uint32_t *counts;   /* n: paths through each vertex in this phase */
	wp_vertex *touched; /* vertices with counts > 0, in the order they were first counted */
	uint32_t touched_count;
	uint64_t *keys; /* top-k mode: n sort keys */
} kadabra_job;

/* Draws samples [lo, hi) of a phase in parallel and adds their interior vertices to counts.
 * Which samples are drawn, and so the counts, do not depend on the threads. */
static wp_status run_samples(kadabra_job *J, uint64_t phase, uint64_t lo, uint64_t hi, char *err)
{
	wp_status st = WP_OK;
	uint64_t chunks = (hi - lo + KADABRA_CHUNK - 1) / KADABRA_CHUNK;
	const int threads =
	        chunks < (uint64_t)J->threads ? (chunks > 0 ? (int)chunks : 1) : J->threads;
	(void)threads; /* unused in a serial build */
	for (int t = 0; t < J->threads; t++)
		J->samplers[t].path_len = 0;

#pragma omp parallel num_threads(threads)
	{
		sampler *S = &J->samplers[wp_thread_id()];

#pragma omp for schedule(dynamic, KADABRA_CHUNK)
		for (uint64_t i = lo; i < hi; i++) {
			if (S->failed)
				continue;
			rng r = rng_stream(J->seed, phase, i);
			sample_path(J->g, J->comp, S, &r);
		}
	}
	for (int t = 0; t < J->threads; t++) {
		sampler *S = &J->samplers[t];
		if (S->failed)
			WP_FAIL(WP_ENOMEM, "betweenness: out of memory while sampling paths");
		for (uint64_t i = 0; i < S->path_len; i++) {
			wp_vertex v = S->path[i];
			if (J->counts[v]++ == 0)
				J->touched[J->touched_count++] = v;
		}
	}
	return WP_OK;
fail:
	return st;
}

/* Eccentricity of r within its strong component (comp[v] == k), following the given arcs;
 * mark holds `stamp` for the vertices reached, queue is scratch. */
static uint32_t scc_eccentricity(const uint64_t *off, const wp_vertex *tg, const uint32_t *comp,
                                 uint32_t k, wp_vertex r, uint32_t *mark, uint32_t stamp,
                                 wp_vertex *queue)
{
	uint32_t head = 0, tail = 1, ecc = 0;
	queue[0] = r;
	mark[r] = stamp;
	while (head < tail) {
		uint32_t end = tail;
		for (; head < end; head++) {
			wp_vertex u = queue[head];
			for (uint64_t e = off[u]; e < off[u + 1]; e++) {
				wp_vertex w = tg[e];
				if (comp[w] == k && mark[w] != stamp) {
					mark[w] = stamp;
					queue[tail++] = w;
				}
			}
		}
		if (tail > end)
			ecc++;
	}
	return ecc;
}

/* The directed bound. A shortest path crosses the strong components in topological order and
 * stays in each for a stretch that is a shortest path inside it, so it has at most
 * w(C) = min(|C|, ecc_in(r) + ecc_out(r) + 1) vertices in component C (any r in C; eccentricities
 * within C); the bound is the heaviest path of the condensation weighted by w. Strong components
 * by Tarjan's algorithm without recursion, which numbers them sinks first (a topological order
 * reversed), so one pass in component order computes the heaviest paths. O(n + m) time, about
 * 40 bytes per vertex for the duration. */
static wp_status directed_vertex_diameter(const wp_graph *g, sampler *S, uint32_t *vd, char *err)
{
	wp_status st = WP_OK;
	const uint32_t n = g->n, NONE = UINT32_MAX;
	const size_t k1 = (size_t)n + 1;
	uint32_t *index = malloc(k1 * sizeof(*index));
	uint32_t *low = malloc(k1 * sizeof(*low));
	uint32_t *comp = calloc(k1, sizeof(*comp));
	uint64_t *next_arc = malloc(k1 * sizeof(*next_arc));
	wp_vertex *stack = malloc(k1 * sizeof(*stack));
	wp_vertex *frames = malloc(k1 * sizeof(*frames));
	uint32_t *start = NULL, *heaviest = NULL;
	wp_vertex *members = NULL;
	uint32_t count = 0, counter = 0, best = 1;
	if (!index || !low || !comp || !next_arc || !stack || !frames)
		WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate strong components of %u vertices",
		        n);
	for (wp_vertex v = 0; v < n; v++)
		index[v] = NONE;
	for (wp_vertex r = 0; r < n; r++) {
		uint32_t depth = 0, top = 0;
		if (index[r] != NONE)
			continue;
		frames[depth++] = r;
		index[r] = low[r] = counter++;
		next_arc[r] = g->offsets[r];
		stack[top++] = r;
		while (depth > 0) {
			wp_vertex v = frames[depth - 1];
			if (next_arc[v] < g->offsets[v + 1]) {
				wp_vertex w = g->targets[next_arc[v]++];
				if (index[w] == NONE) {
					index[w] = low[w] = counter++;
					next_arc[w] = g->offsets[w];
					stack[top++] = w;
					frames[depth++] = w;
				} else if (low[w] != NONE && index[w] < low[v]) { /* on the stack */
					low[v] = index[w];
				}
				continue;
			}
			depth--;
			if (low[v] == index[v]) {
				wp_vertex x;
				do {
					x = stack[--top];
					comp[x] = count;
					low[x] = NONE; /* closed: no longer on the stack */
				} while (x != v);
				count++;
			}
			if (depth > 0) {
				wp_vertex p = frames[depth - 1];
				if (low[v] != NONE && low[v] < low[p])
					low[p] = low[v];
			}
		}
	}
	/* Members of each component, contiguous (a counting sort by component). */
	start = calloc((size_t)count + 1, sizeof(*start));
	heaviest = malloc(((size_t)count + 1) * sizeof(*heaviest));
	members = malloc(((size_t)n + 1) * sizeof(*members));
	if (!start || !heaviest || !members)
		WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate %u strong components", count);
	for (wp_vertex v = 0; v < n; v++)
		start[comp[v] + 1]++;
	for (uint32_t k = 0; k < count; k++)
		start[k + 1] += start[k];
	for (uint32_t k = 0; k < count; k++)
		index[k] = start[k]; /* index is free now: the cursor of each component */
	for (wp_vertex v = 0; v < n; v++)
		members[index[comp[v]]++] = v;
	/* Components are disjoint and each search stays in its own: stamps 1 and 2 suffice. */
	memset(S->mark, 0, (size_t)n * sizeof(*S->mark));
	for (uint32_t k = 0; k < count; k++) {
		uint32_t size = start[k + 1] - start[k], w = 1, below = 0;
		if (size > 1) {
			wp_vertex r = members[start[k]];
			w = scc_eccentricity(g->offsets, g->targets, comp, k, r, S->mark, 1,
			                     S->queue) +
			    scc_eccentricity(g->in_offsets, g->in_targets, comp, k, r, S->mark, 2,
			                     S->queue) +
			    1;
			if (w > size)
				w = size;
		}
		for (uint32_t i = start[k]; i < start[k + 1]; i++) {
			wp_vertex u = members[i];
			for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++) {
				uint32_t kw = comp[g->targets[e]];
				if (kw != k && heaviest[kw] > below)
					below = heaviest[kw];
			}
		}
		heaviest[k] = w + below;
		if (heaviest[k] > best)
			best = heaviest[k];
	}
	memset(S->mark, 0, (size_t)n * sizeof(*S->mark));
	S->stamp = 0;
	*vd = best;
fail:
	free(index);
	free(low);
	free(comp);
	free(next_arc);
	free(stack);
	free(frames);
	free(start);
	free(heaviest);
	free(members);
	return st;
}

/* A BFS tree of component k from r: S->queue gets the component in BFS order, parent[] the tree
 * and S->dist the depths (S->mark = 1 once reached). Direction-optimising, serially (Beamer et
 * al., SC 2012): a level whose frontier has more than 1/15 of the component's unreached arcs is
 * found bottom up, each unreached vertex taking its first neighbour (in sorted order) on the
 * frontier as parent, which on a giant small-world component skips most arcs. Deterministic.
 * Returns the component's size. */
static uint32_t tree_bfs(const wp_graph *g, const wp_components *c, uint32_t k, wp_vertex r,
                         uint32_t size, uint64_t arcs, sampler *S, uint32_t *parent)
{
	const uint64_t *off = g->offsets;
	const wp_vertex *tg = g->targets;
	uint32_t *mark = S->mark, *depth = S->dist;
	wp_vertex *q = S->queue;
	uint32_t head = 0, tail = 1, d = 0;
	uint64_t frontier = off[r + 1] - off[r], unreached = arcs - frontier;
	bool big = size >= 4096; /* else bottom-up's scan of all n vertices would not pay */

	q[0] = r;
	mark[r] = 1;
	depth[r] = 0;
	parent[r] = r;
	while (head < tail) {
		uint32_t end = tail;
		if (big && frontier * 15 > unreached) {
			for (wp_vertex v = 0; v < g->n; v++) {
				if (mark[v] || c->membership[v] != k)
					continue;
				for (uint64_t e = off[v]; e < off[v + 1]; e++) {
					wp_vertex u = tg[e];
					if (mark[u] && depth[u] == d) {
						mark[v] = 1;
						depth[v] = d + 1;
						parent[v] = u;
						q[tail++] = v;
						break;
					}
				}
			}
		} else {
			for (uint32_t i = head; i < end; i++) {
				wp_vertex u = q[i];
				for (uint64_t e = off[u]; e < off[u + 1]; e++) {
					wp_vertex w = tg[e];
					if (!mark[w]) {
						mark[w] = 1;
						depth[w] = d + 1;
						parent[w] = u;
						q[tail++] = w;
					}
				}
			}
		}
		head = end;
		frontier = 0;
		for (uint32_t i = end; i < tail; i++)
			frontier += off[q[i] + 1] - off[q[i]];
		unreached -= frontier < unreached ? frontier : unreached;
		d++;
	}
	return tail;
}

/* An upper bound on the vertices of any shortest path. Undirected: per component, the diameter
 * of a BFS tree rooted at the component's highest-degree vertex bounds the graph's (tree paths
 * are paths), plus one. Directed: directed_vertex_diameter(). */
static wp_status vertex_diameter(const wp_graph *g, const wp_components *c, sampler *S,
                                 uint32_t *vd, char *err)
{
	wp_status st = WP_OK;
	uint32_t n = g->n, best = 1;
	uint32_t *parent = NULL, *h1 = NULL, *h2 = NULL, *root = NULL, *size = NULL;
	uint64_t *arcs = NULL;
	if (n == 0) {
		*vd = 0;
		return WP_OK;
	}
	if (g->directed)
		return directed_vertex_diameter(g, S, vd, err);
	parent = malloc((size_t)n * sizeof(*parent));
	h1 = calloc(n, sizeof(*h1));
	h2 = calloc(n, sizeof(*h2));
	root = malloc((size_t)c->count * sizeof(*root));
	size = calloc(c->count, sizeof(*size));
	arcs = calloc(c->count, sizeof(*arcs));
	if (!parent || !h1 || !h2 || !root || !size || !arcs)
		WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate the diameter bound's arrays");
	for (uint32_t k = 0; k < c->count; k++)
		root[k] = WP_NO_VERTEX;
	for (wp_vertex v = 0; v < n; v++) {
		uint32_t k = c->membership[v];
		size[k]++;
		arcs[k] += wp_graph_out_degree(g, v);
		if (root[k] == WP_NO_VERTEX ||
		    wp_graph_out_degree(g, v) > wp_graph_out_degree(g, root[k]))
			root[k] = v;
	}
	memset(S->mark, 0, (size_t)n * sizeof(*S->mark));
	for (uint32_t k = 0; k < c->count; k++) {
		wp_vertex r = root[k];
		uint32_t tail = tree_bfs(g, c, k, r, size[k], arcs[k], S, parent);
		/* h1, h2: the two longest downward branches (in edges) below each vertex. */
		for (uint32_t i = tail; i-- > 0;) {
			wp_vertex v = S->queue[i];
			if (h1[v] + h2[v] + 1 > best)
				best = h1[v] + h2[v] + 1;
			if (v == r)
				break;
			wp_vertex p = parent[v];
			uint32_t len = h1[v] + 1;
			if (len > h1[p]) {
				h2[p] = h1[p];
				h1[p] = len;
			} else if (len > h2[p]) {
				h2[p] = len;
			}
		}
	}
	memset(S->mark, 0, (size_t)n * sizeof(*S->mark));
	S->stamp = 0;
	*vd = best;
	free(parent);
	free(h1);
	free(h2);
	free(root);
	free(size);
	free(arcs);
	return WP_OK;
fail:
	free(parent);
	free(h1);
	free(h2);
	free(root);
	free(size);
	free(arcs);
	return st;
}

/* KADABRA's error bounds for an estimate b after tau samples, with L = log(1 / budget): with
 * probability at least 1 - delta_L, b(v) >= b - f (f uses delta_L), and with probability at
 * least 1 - delta_U, b(v) <= b + g (g uses delta_U). */
static double kadabra_f(double b, double L, double omega, double tau)
{
	double a = 1.0 / 3.0 - omega / tau;
	double e = L / tau * (a + sqrt(a * a + 2.0 * b * omega / L));
	return e < b ? e : b;
}

static double kadabra_g(double b, double L, double omega, double tau)
{
	double a = 1.0 / 3.0 + omega / tau;
	double e = L / tau * (a + sqrt(a * a + 2.0 * b * omega / L));
	return e < 1.0 - b ? e : 1.0 - b;
}

/* Failure budgets from the first round (counts0 after tau0 samples): every vertex whose first
 * estimate is b' = c / tau0 gets delta_L = delta_U = exp(-C eps^2 / b') + delta beta / (4 n),
 * with C the smallest constant that keeps the sum over all vertices of both within delta / 2.
 * Writes log(1 / budget) for every first-round count c in 0 .. max_count into logs. */
static void failure_budgets(const uint32_t *hist, uint32_t max_count, uint64_t tau0, uint32_t n,
                            double eps, double delta, double *logs)
{
	double target = delta / 2.0 * (1.0 - KADABRA_BALANCE);
	double floor_share = delta * KADABRA_BALANCE / (4.0 * (double)n);
	double lo = 0.0, hi = 1.0 / (eps * eps) * log(4.0 * (double)n / target) + 1.0;
	/* sum(C) = sum over counts c > 0 of hist[c] x 2 exp(-C eps^2 tau0 / c), decreasing in C. */
	for (;;) {
		double sum = 0.0;
		for (uint32_t c = 1; c <= max_count; c++)
			if (hist[c])
				sum += 2.0 * hist[c] * exp(-hi * eps * eps * (double)tau0 / c);
		if (sum <= target)
			break;
		hi *= 2.0;
	}
	for (int it = 0; it < 100 && hi - lo > 1e-9 * hi; it++) {
		double mid = (lo + hi) / 2.0, sum = 0.0;
		for (uint32_t c = 1; c <= max_count; c++)
			if (hist[c])
				sum += 2.0 * hist[c] * exp(-mid * eps * eps * (double)tau0 / c);
		if (sum <= target)
			hi = mid;
		else
			lo = mid;
	}
	logs[0] = -log(floor_share);
	for (uint32_t c = 1; c <= max_count; c++)
		logs[c] = -log(exp(-hi * eps * eps * (double)tau0 / c) + floor_share);
}

static int cmp_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
	return a < b ? -1 : a > b;
}

/* Sorts J->touched by decreasing count, then increasing id (keys: n entries of scratch). */
static void rank_touched(kadabra_job *J, uint64_t *keys)
{
	for (uint32_t i = 0; i < J->touched_count; i++) {
		wp_vertex v = J->touched[i];
		keys[i] = (uint64_t)(UINT32_MAX - J->counts[v]) << 32 | v;
	}
	qsort(keys, J->touched_count, sizeof(*keys), cmp_u64);
	for (uint32_t i = 0; i < J->touched_count; i++)
		J->touched[i] = (wp_vertex)keys[i];
}

/* The stopping condition after tau samples. Absolute mode (top_k = 0): every vertex's interval
 * [b - f, b + g] is narrower than eps on both sides. Top-k: each of the k best is within eps or
 * separated from its neighbours in the ranking, and every other vertex is within eps or below
 * the k-th's lower bound. Vertices never sampled share one bound (the smallest budget). */
static bool kadabra_done(kadabra_job *J, const uint32_t *counts0, const double *logs, double eps,
                         uint32_t top_k, double omega, uint64_t tau, uint32_t *separated)
{
	uint32_t n = J->g->n, touched = J->touched_count;
	double t = (double)tau;
	double g0 = kadabra_g(0.0, logs[0], omega, t);
	*separated = 0;
	if (top_k == 0) {
		if (touched < n && !(g0 < eps))
			return false;
		for (uint32_t i = 0; i < touched; i++) {
			wp_vertex v = J->touched[i];
			double b = J->counts[v] / t, L = logs[counts0[v]];
			if (!(kadabra_f(b, L, omega, t) < eps) ||
			    !(kadabra_g(b, L, omega, t) < eps))
				return false;
		}
		return true;
	}
	/* Rank the sampled vertices; positions >= touched are unsampled (b = 0). */
	rank_touched(J, J->keys);
#define RANK_B(i) ((i) < touched ? J->counts[J->touched[i]] / t : 0.0)
#define RANK_L(i) ((i) < touched ? logs[counts0[J->touched[i]]] : logs[0])
	bool done = true;
	uint32_t k = top_k;
	double kb = RANK_B(k - 1), klo = kb - kadabra_f(kb, RANK_L(k - 1), omega, t);
	for (uint32_t i = 0; i < n; i++) {
		double b = RANK_B(i), L = RANK_L(i);
		double f = i < touched ? kadabra_f(b, L, omega, t) : 0.0;
		double g = i < touched ? kadabra_g(b, L, omega, t) : g0;
		bool within = f < eps && g < eps, sep;
		if (i < k) {
			sep = true;
			if (i > 0) {
				double pb = RANK_B(i - 1);
				sep = sep && pb - kadabra_f(pb, RANK_L(i - 1), omega, t) > b + g;
			}
			if (i + 1 < n) {
				double nb = RANK_B(i + 1);
				double ng = i + 1 < touched ? kadabra_g(nb, RANK_L(i + 1), omega, t)
				                            : g0;
				sep = sep && b - f > nb + ng;
			}
			if (sep)
				(*separated)++;
		} else {
			sep = klo > b + g;
		}
		if (!within && !sep)
			done = false;
		if (i >= touched && i >= k)
			break; /* every later vertex is unsampled too: the same verdict */
	}
#undef RANK_B
#undef RANK_L
	return done;
}

wp_status wp_betweenness_approx(const wp_graph *g, double eps, double delta, uint64_t seed,
                                double *scores, char *err)
{
	wp_kadabra_opts o = WP_KADABRA_DEFAULTS;
	o.eps = eps;
	o.delta = delta;
	o.seed = seed;
	return wp_betweenness_approx_opts(g, &o, scores, NULL, err);
}

wp_status wp_betweenness_approx_opts(const wp_graph *g, const wp_kadabra_opts *opts, double *scores,
                                     wp_kadabra_info *info, char *err)
{
	wp_status st = WP_OK;
	wp_kadabra_opts o = opts ? *opts : WP_KADABRA_DEFAULTS;
	wp_kadabra_info inf = {0};
	wp_components comp = {0};
	kadabra_job J = {0};
	uint32_t *counts0 = NULL, *hist = NULL;
	double *logs = NULL;
	uint32_t vd = 0, n = g->n;

	if (wp_in_parallel())
		WP_FAIL(WP_EARG, "betweenness: called inside a parallel region");
	if (!(o.eps > 0.0 && o.eps < 1.0))
		WP_FAIL(WP_EARG, "betweenness: eps is %g; it must lie in (0, 1)", o.eps);
	if (!(o.delta > 0.0 && o.delta < 1.0))
		WP_FAIL(WP_EARG, "betweenness: delta is %g; it must lie in (0, 1)", o.delta);
	if (o.top_k > n)
		WP_FAIL(WP_EARG, "betweenness: top %u asked of a graph of %u vertices", o.top_k, n);
	J.g = g;
	J.seed = o.seed;
	J.threads = o.threads > 0 ? o.threads : wp_max_threads();
	J.samplers = calloc((size_t)J.threads, sizeof(*J.samplers));
	if (J.samplers == NULL)
		WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate %d samplers", J.threads);
	for (int t = 0; t < J.threads; t++)
		WP_TRY(sampler_init(&J.samplers[t], n, err));
	J.counts = calloc(n ? n : 1, sizeof(*J.counts));
	J.touched = malloc((n ? n : 1) * sizeof(*J.touched));
	counts0 = malloc((n ? n : 1) * sizeof(*counts0));
	if (o.top_k > 0)
		J.keys = malloc((n ? n : 1) * sizeof(*J.keys));
	if (!J.counts || !J.touched || !counts0 || (o.top_k > 0 && !J.keys))
		WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate counters for %u vertices", n);
	WP_TRY(wp_components_find(g, &comp, err));
	J.comp = comp.membership;
	WP_TRY(vertex_diameter(g, &comp, &J.samplers[0], &vd, err));
	inf.vertex_diameter = vd;

	if (vd >= 3) {
		double omega = 0.5 / (o.eps * o.eps) *
		               (floor(log2((double)vd - 2.0)) + 1.0 + log(2.0 / o.delta));
		if (omega > 4e9)
			WP_FAIL(WP_EARG,
			        "betweenness: eps %g and delta %g need up to %.3g samples; "
			        "use a larger eps",
			        o.eps, o.delta, omega);
		uint64_t om = (uint64_t)ceil(omega);
		inf.omega = om;
		uint64_t tau0 = om / KADABRA_FIRST_DIVISOR;
		if (tau0 < KADABRA_MIN_FIRST)
			tau0 = om < KADABRA_MIN_FIRST ? om : KADABRA_MIN_FIRST;

		/* First round: estimates that shape the failure budgets. */
		WP_TRY(run_samples(&J, 0, 0, tau0, err));
		uint32_t max_count = 0;
		for (uint32_t i = 0; i < J.touched_count; i++)
			if (J.counts[J.touched[i]] > max_count)
				max_count = J.counts[J.touched[i]];
		hist = calloc((size_t)max_count + 1, sizeof(*hist));
		logs = malloc(((size_t)max_count + 1) * sizeof(*logs));
		if (!hist || !logs)
			WP_FAIL(WP_ENOMEM, "betweenness: cannot allocate %u budget entries",
			        max_count + 1);
		for (uint32_t i = 0; i < J.touched_count; i++)
			hist[J.counts[J.touched[i]]]++;
		failure_budgets(hist, max_count, tau0, n, o.eps, o.delta, logs);
		memcpy(counts0, J.counts, (size_t)n * sizeof(*counts0));
		for (uint32_t i = 0; i < J.touched_count; i++)
			J.counts[J.touched[i]] = 0;
		J.touched_count = 0;

		/* Main rounds, with fresh samples, checked at fixed sample counts. */
		uint64_t tau = 0, next = tau0;
		for (;;) {
			if (next > om)
				next = om;
			WP_TRY(run_samples(&J, 1, tau, next, err));
			tau = next;
			inf.epochs++;
			if (kadabra_done(&J, counts0, logs, o.eps, o.top_k, omega, tau,
			                 &inf.top_separated)) {
				inf.stopped_early = tau < om;
				break;
			}
			if (tau >= om)
				break;
			uint64_t step = (uint64_t)((double)tau * (KADABRA_GROWTH - 1.0));
			next = tau +
			       (step > KADABRA_CHECK_MIN_STEP ? step : KADABRA_CHECK_MIN_STEP);
		}
		inf.samples = tau;
		for (wp_vertex v = 0; v < n; v++)
			scores[v] = (double)J.counts[v] / (double)tau;
	} else {
		/* No shortest path has an interior vertex. */
		for (wp_vertex v = 0; v < n; v++)
			scores[v] = 0.0;
	}
	if (info != NULL)
		*info = inf;
	st = WP_OK;
fail:
	for (int t = 0; J.samplers != NULL && t < J.threads; t++)
		sampler_free(&J.samplers[t]);
	free(J.samplers);
	free(J.counts);
	free(J.touched);
	free(J.keys);
	free(counts0);
	free(hist);
	free(logs);
	wp_components_free(&comp);
	return st;
}
