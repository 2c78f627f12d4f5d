/* graph.c - the immutable CSR graph and its builder.
 *
 * The builder is a counting sort, as in GAPBS's builder.h: count each vertex's arcs (atomic
 * increments, parallel over edges), turn the counts into offsets with a parallel prefix sum,
 * scatter every arc to its slot (atomic cursor per vertex), then sort and deduplicate each
 * neighbour list independently (parallel over vertices, dynamic schedule for skewed degrees) and
 * close the gaps that merged duplicates left. O(n + m) plus sum(d log d) for the per-list sorts;
 * the whole edge list is never comparison-sorted. The scatter order depends on the threads, but
 * the per-list sort makes the result identical for any thread count.
 *
 * Peak memory: the edge buffer (8 bytes per edge) plus the unmerged arrays; the edge buffer is
 * released as soon as the last scatter is done, so the peak is about twice the final graph.
 */
#include "engine/graph.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "engine/parallel.h"

/* In-place inclusive prefix sum of a[0..len), in parallel: each thread sums its block, the
 * block totals are scanned serially, then each thread adds its block's offset. */
static void prefix_sum(uint64_t *a, uint64_t len)
{
	uint64_t totals[256] = {0};
	int wanted = wp_threads_for(len, 1u << 16);
	const int threads = wanted > 255 ? 255 : wanted;
	(void)threads; /* unused in a serial build */

#pragma omp parallel num_threads(threads)
	{
		int t = wp_thread_id(), nt = wp_num_threads();
		uint64_t lo = len * (uint64_t)t / (uint64_t)nt,
		         hi = len * (uint64_t)(t + 1) / (uint64_t)nt;
		uint64_t s = 0;
		for (uint64_t i = lo; i < hi; i++) {
			s += a[i];
			a[i] = s;
		}
		totals[t + 1] = s;
#pragma omp barrier
#pragma omp single
		for (int i = 1; i <= nt; i++)
			totals[i] += totals[i - 1];
		uint64_t add = totals[t];
		if (add != 0)
			for (uint64_t i = lo; i < hi; i++)
				a[i] += add;
	}
}

/* Introsort for one element type: quicksort with a median-of-three pivot, insertion sort for
 * short ranges, heapsort once the recursion is deeper than 2 log2(n), so the worst case stays
 * O(n log n). Generated for uint32_t (unweighted lists, sorted in place) and uint64_t (target and
 * weight packed together), the two shapes the builder sorts. The macro's first argument is a
 * type, which cannot be parenthesised. */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define DEFINE_SORT(T, name)                                                     \
	static void name##_insertion(T *a, size_t n)                             \
	{                                                                        \
		for (size_t i = 1; i < n; i++) {                                 \
			T x = a[i];                                              \
			size_t j = i;                                            \
			for (; j > 0 && a[j - 1] > x; j--)                       \
				a[j] = a[j - 1];                                 \
			a[j] = x;                                                \
		}                                                                \
	}                                                                        \
	static void name##_sift(T *a, size_t root, size_t n)                     \
	{                                                                        \
		for (;;) {                                                       \
			size_t c = 2 * root + 1;                                 \
			if (c >= n)                                              \
				return;                                          \
			if (c + 1 < n && a[c + 1] > a[c])                        \
				c++;                                             \
			if (a[root] >= a[c])                                     \
				return;                                          \
			T t = a[root];                                           \
			a[root] = a[c];                                          \
			a[c] = t;                                                \
			root = c;                                                \
		}                                                                \
	}                                                                        \
	static void name##_heap(T *a, size_t n)                                  \
	{                                                                        \
		for (size_t i = n / 2; i-- > 0;)                                 \
			name##_sift(a, i, n);                                    \
		for (size_t end = n; end-- > 1;) {                               \
			T t = a[0];                                              \
			a[0] = a[end];                                           \
			a[end] = t;                                              \
			name##_sift(a, 0, end);                                  \
		}                                                                \
	}                                                                        \
	static void name##_intro(T *a, size_t n, int depth)                      \
	{                                                                        \
		while (n > 16) {                                                 \
			if (depth-- == 0) {                                      \
				name##_heap(a, n);                               \
				return;                                          \
			}                                                        \
			T x = a[0], y = a[n / 2], z = a[n - 1];                  \
			T pivot = x < y ? (y < z ? y : (x < z ? z : x))          \
			                : (x < z ? x : (y < z ? z : y));         \
			size_t i = 0, j = n - 1;                                 \
			for (;;) {                                               \
				while (a[i] < pivot)                             \
					i++;                                     \
				while (a[j] > pivot)                             \
					j--;                                     \
				if (i >= j)                                      \
					break;                                   \
				T t = a[i];                                      \
				a[i] = a[j];                                     \
				a[j] = t;                                        \
				i++;                                             \
				j--;                                             \
			}                                                        \
			size_t left = j + 1; /* recurse into the smaller part */ \
			if (left < n - left) {                                   \
				name##_intro(a, left, depth);                    \
				a += left;                                       \
				n -= left;                                       \
			} else {                                                 \
				name##_intro(a + left, n - left, depth);         \
				n = left;                                        \
			}                                                        \
		}                                                                \
		name##_insertion(a, n);                                          \
	}                                                                        \
	static void name(T *a, size_t n)                                         \
	{                                                                        \
		int depth = 0;                                                   \
		for (size_t k = n; k > 1; k >>= 1)                               \
			depth += 2;                                              \
		name##_intro(a, n, depth);                                       \
	}

DEFINE_SORT(uint32_t, sort_u32)
DEFINE_SORT(uint64_t, sort_u64)
/* NOLINTEND(bugprone-macro-parentheses) */

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

/* LSD radix sort of a[0..n) in three passes of 11 bits (32 bits in all), through tmp[0..n).
 * Long lists (the hubs of a social graph) sort several times faster this way than by comparison;
 * short ones stay with introsort, whose setup is cheaper than three histograms. */
#define RADIX_MIN 1024
#define RADIX_BITS 11
static void radix_sort_u32(uint32_t *a, uint32_t *tmp, size_t n)
{
	uint32_t *from = a, *to = tmp;
	for (int shift = 0; shift < 32; shift += RADIX_BITS) {
		size_t count[1u << RADIX_BITS] = {0};
		for (size_t i = 0; i < n; i++)
			count[(from[i] >> shift) & ((1u << RADIX_BITS) - 1)]++;
		size_t sum = 0;
		for (size_t b = 0; b < (1u << RADIX_BITS); b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[(from[i] >> shift) & ((1u << RADIX_BITS) - 1)]++] = from[i];
		uint32_t *swap = from;
		from = to;
		to = swap;
	}
	/* Three passes leave the result in tmp. */
	memcpy(a, from, n * sizeof(*a));
}

/* Whether t[0..d) is strictly increasing: inputs that list each vertex's neighbours in order
 * (many edge-list files do) skip the sort. */
static bool sorted_unique(const wp_vertex *t, uint64_t d)
{
	for (uint64_t i = 1; i < d; i++)
		if (t[i - 1] >= t[i])
			return false;
	return true;
}

/* Sorts list [t, t+d) (with weights w, may be NULL) by target, merges duplicates keeping the
 * largest weight, and returns the new length. scratch holds at least d entries. */
static uint64_t sort_merge_list(wp_vertex *t, float *w, uint64_t d, uint64_t *scratch)
{
	if (d < 2 || sorted_unique(t, d))
		return d;
	if (w == NULL) {
		/* Unweighted: sort the targets in place, then drop repeats. */
		if (d >= RADIX_MIN)
			radix_sort_u32(t, (uint32_t *)scratch, (size_t)d);
		else
			sort_u32(t, (size_t)d);
		uint64_t k = 1;
		for (uint64_t i = 1; i < d; i++)
			if (t[i] != t[k - 1])
				t[k++] = t[i];
		return k;
	}
	/* Weighted: sort (target, weight) pairs packed in 64 bits so weights travel along. */
	for (uint64_t i = 0; i < d; i++)
		scratch[i] = ((uint64_t)t[i] << 32) | float_bits(w[i]);
	sort_u64(scratch, (size_t)d);
	uint64_t k = 0;
	for (uint64_t i = 0; i < d; i++) {
		wp_vertex v = (wp_vertex)(scratch[i] >> 32);
		float x = bits_float((uint32_t)scratch[i]);
		if (k > 0 && t[k - 1] == v) {
			if (x > w[k - 1])
				w[k - 1] = x;
			continue;
		}
		t[k] = v;
		w[k] = x;
		k++;
	}
	return k;
}

/* One CSR direction under construction. */
typedef struct csr {
	uint64_t *offsets;
	wp_vertex *targets;
	float *weights;
	uint64_t *cursor; /* scatter cursors, then the merged degree of each vertex */
	uint64_t arcs;
} csr;

static void csr_free(csr *c)
{
	free(c->offsets);
	free(c->targets);
	free(c->weights);
	free(c->cursor);
	memset(c, 0, sizeof(*c));
}

/* Counts the arcs of each vertex (from[i] -> to[i], plus to[i] -> from[i] when `both`), skipping
 * self-loops, and allocates c's arrays for them. */
static wp_status csr_alloc(csr *c, const wp_edgebuf *eb, uint32_t n, const wp_vertex *from,
                           const wp_vertex *to, bool both, char *err)
{
	wp_status st = WP_OK;
	uint64_t count = eb->count;
	c->offsets = calloc((size_t)n + 1, sizeof(*c->offsets));
	c->cursor = malloc(((size_t)n + 1) * sizeof(*c->cursor));
	if (c->offsets == NULL || c->cursor == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate offsets for %u vertices", n);
	uint64_t *deg = c->offsets + 1;

#pragma omp parallel for schedule(static)
	for (uint64_t i = 0; i < count; i++) {
		wp_vertex u = from[i], v = to[i];
		if (u == v)
			continue;
#pragma omp atomic
		deg[u]++;
		if (both) {
#pragma omp atomic
			deg[v]++;
		}
	}
	prefix_sum(deg, n);
	c->arcs = c->offsets[n];
	c->targets = malloc((size_t)(c->arcs ? c->arcs : 1) * sizeof(*c->targets));
	if (c->targets == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %llu arcs", (unsigned long long)c->arcs);
	if (eb->weights != NULL) {
		c->weights = malloc((size_t)(c->arcs ? c->arcs : 1) * sizeof(*c->weights));
		if (c->weights == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %llu arc weights",
			        (unsigned long long)c->arcs);
	}
	memcpy(c->cursor, c->offsets, ((size_t)n + 1) * sizeof(*c->cursor));
	return WP_OK;
fail:
	return st;
}

/* Places every arc at its vertex's cursor. */
static void csr_scatter(csr *c, const wp_edgebuf *eb, const wp_vertex *from, const wp_vertex *to,
                        bool both)
{
	const float *w = eb->weights;
	uint64_t count = eb->count;

#pragma omp parallel for schedule(static)
	for (uint64_t i = 0; i < count; i++) {
		wp_vertex u = from[i], v = to[i];
		uint64_t p;
		if (u == v)
			continue;
#pragma omp atomic capture
		p = c->cursor[u]++;
		c->targets[p] = v;
		if (w)
			c->weights[p] = w[i];
		if (both) {
#pragma omp atomic capture
			p = c->cursor[v]++;
			c->targets[p] = u;
			if (w)
				c->weights[p] = w[i];
		}
	}
}

/* Sorts and merges every list, then closes the gaps; returns the number of arcs removed. */
static wp_status csr_finish(csr *c, uint32_t n, uint64_t *removed, char *err)
{
	wp_status st = WP_OK;
	uint64_t max_deg = 0;
	int failed = 0;

#pragma omp parallel for reduction(max : max_deg) schedule(static)
	for (uint32_t v = 0; v < n; v++) {
		uint64_t d = c->offsets[v + 1] - c->offsets[v];
		if (d > max_deg)
			max_deg = d;
	}

#pragma omp parallel reduction(| : failed)
	{
		uint64_t *scratch = malloc((size_t)(max_deg ? max_deg : 1) * sizeof(*scratch));
		/* Every thread reaches the loop (a worksharing loop), but does no work without
		 * scratch; the failure is reported after the region. */
		if (scratch == NULL)
			failed = 1;

#pragma omp for schedule(dynamic, 256)
		for (uint32_t v = 0; v < n; v++) {
			if (scratch == NULL)
				continue;
			uint64_t o = c->offsets[v];
			c->cursor[v] =
			        sort_merge_list(c->targets + o, c->weights ? c->weights + o : NULL,
			                        c->offsets[v + 1] - o, scratch);
		}
		free(scratch);
	}
	if (failed)
		WP_FAIL(WP_ENOMEM, "cannot allocate sort scratch for %llu neighbours",
		        (unsigned long long)max_deg);

	/* Close the gaps serially: lists only move left, in vertex order, so memmove is safe. */
	uint64_t out = 0;
	for (uint32_t v = 0; v < n; v++) {
		uint64_t o = c->offsets[v], k = c->cursor[v];
		if (o != out) {
			memmove(c->targets + out, c->targets + o, k * sizeof(*c->targets));
			if (c->weights)
				memmove(c->weights + out, c->weights + o, k * sizeof(*c->weights));
		}
		c->offsets[v] = out;
		out += k;
	}
	c->offsets[n] = out;
	*removed = c->arcs - out;
	c->arcs = out;
	free(c->cursor);
	c->cursor = NULL;
	if (out > 0) {
		/* Shrinking never fails in practice; if it does, the larger block is still valid.
		 */
		wp_vertex *t = realloc(c->targets, out * sizeof(*t));
		if (t)
			c->targets = t;
		if (c->weights) {
			float *w = realloc(c->weights, out * sizeof(*w));
			if (w)
				c->weights = w;
		}
	}
	return WP_OK;
fail:
	return st;
}

static wp_status check_ids(const wp_edgebuf *eb, uint32_t n, char *err)
{
	wp_status st = WP_OK;
	uint64_t bad = UINT64_MAX;
	uint64_t count = eb->count;

#pragma omp parallel for reduction(min : bad) schedule(static)
	for (uint64_t i = 0; i < count; i++)
		if (eb->src[i] >= n || eb->dst[i] >= n)
			bad = i < bad ? i : bad;
	if (bad != UINT64_MAX)
		WP_FAIL(WP_EARG, "edge %llu names vertex %u but the buffer has %u labels",
		        (unsigned long long)bad, eb->src[bad] >= n ? eb->src[bad] : eb->dst[bad],
		        n);
	return WP_OK;
fail:
	return st;
}

wp_status wp_graph_build(wp_graph *g, wp_edgebuf *eb, bool directed, char *err)
{
	wp_status st = WP_OK;
	csr out = {0}, in = {0};
	uint64_t loops = 0, removed = 0, removed_in = 0;
	uint32_t n = wp_labels_count(&eb->labels);

	memset(g, 0, sizeof(*g));
	WP_TRY(check_ids(eb, n, err));
	WP_TRY(wp_attrs_finalize(&eb->attrs, n, err));

#pragma omp parallel for reduction(+ : loops) schedule(static)
	for (uint64_t i = 0; i < eb->count; i++)
		loops += eb->src[i] == eb->dst[i];

	WP_TRY(csr_alloc(&out, eb, n, eb->src, eb->dst, !directed, err));
	csr_scatter(&out, eb, eb->src, eb->dst, !directed);
	if (directed) {
		WP_TRY(csr_alloc(&in, eb, n, eb->dst, eb->src, false, err));
		csr_scatter(&in, eb, eb->dst, eb->src, false);
	}
	wp_edgebuf_release_edges(eb);
	WP_TRY(csr_finish(&out, n, &removed, err));
	if (directed)
		WP_TRY(csr_finish(&in, n, &removed_in, err));

	g->n = n;
	g->m = out.arcs;
	g->directed = directed;
	g->offsets = out.offsets;
	g->targets = out.targets;
	g->weights = out.weights;
	if (directed) {
		g->in_offsets = in.offsets;
		g->in_targets = in.targets;
		g->in_weights = in.weights;
	} else {
		g->in_offsets = out.offsets;
		g->in_targets = out.targets;
		g->in_weights = out.weights;
	}
	g->self_loops_removed = loops;
	g->multi_edges_merged = directed ? removed : removed / 2;
	wp_labels_move(&g->labels, &eb->labels);
	wp_attrs_move(&g->attrs, &eb->attrs);
	wp_edgebuf_free(eb);
	return WP_OK;
fail:
	csr_free(&out);
	csr_free(&in);
	wp_edgebuf_free(eb);
	memset(g, 0, sizeof(*g));
	return st;
}

uint64_t wp_graph_memory(const wp_graph *g)
{
	uint64_t per_dir = ((uint64_t)g->n + 1) * sizeof(uint64_t) + g->m * sizeof(wp_vertex) +
	                   (g->weights ? g->m * sizeof(float) : 0);
	return g->directed ? 2 * per_dir : per_dir;
}

uint64_t wp_graph_find_arc(const wp_graph *g, wp_vertex u, wp_vertex v)
{
	uint64_t lo = g->offsets[u], hi = g->offsets[u + 1];
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (g->targets[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->offsets[u + 1] && g->targets[lo] == v ? lo : UINT64_MAX;
}

void wp_graph_free(wp_graph *g)
{
	if (g->mapping != NULL) {
		munmap(g->mapping, g->mapping_len);
	} else {
		if (g->in_offsets != g->offsets)
			free(g->in_offsets);
		if (g->in_targets != g->targets)
			free(g->in_targets);
		if (g->in_weights != g->weights)
			free(g->in_weights);
		free(g->offsets);
		free(g->targets);
		free(g->weights);
	}
	wp_labels_free(&g->labels);
	wp_attrs_free(&g->attrs);
	memset(g, 0, sizeof(*g));
}
