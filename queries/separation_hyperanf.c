/* separation_hyperanf.c - the neighbourhood function by HyperANF (Boldi, Rosa and Vigna, WWW 2011).
 *
 * Every vertex x keeps a HyperLogLog counter (Flajolet, Fusy, Gandouet and Meunier, AofA 2007)
 * of the set B(x, t) of vertices within distance t of it. B(x, 0) = {x}, and
 * B(x, t) = B(x, t - 1) united with B(y, t - 1) for every out-neighbour y of x; a HyperLogLog
 * union is a register-wise maximum, done here a word (12 registers) at a time by the broadword
 * maximum of separation_internal.h. N(t) is the sum over x of the estimated |B(x, t)|. The
 * iteration stops when no counter changes, at t = the diameter (of the reachable part) + 1.
 *
 * Counter: m = 2^b registers of 5 bits. Vertex x is hashed (a splitmix64 mix of x and the seed)
 * to 64 bits h; its register is the low b bits of h and its rank the position of the lowest one
 * bit of h >> b (at most 64 - b + 1, clamped to 31). The estimate is the HyperLogLog one,
 * alpha_m m^2 / sum_j 2^-M[j] with alpha_16 = 0.673, alpha_32 = 0.697, alpha_64 = 0.709 and
 * alpha_m = 0.7213 / (1 + 1.079 / m) from m = 128 on; below 5m / 2 with a register still zero it
 * is replaced by linear counting, m ln(m / zeros) (the small-range correction; no large-range
 * correction is needed with 64-bit hashes). Relative standard error 1.04 / sqrt(m).
 *
 * Work saved as in the paper: a counter that did not change at step t - 1 adds nothing new to its
 * in-neighbours at step t, so x unites only the counters of neighbours that changed; x is not
 * touched at all when none did (its new value is its old one). Two arrays of counters alternate
 * (Jacobi iteration): step t reads only step t - 1's counters, so the vertices are processed in
 * parallel in any order and the counters, hence N(t), do not depend on the thread count; N(t)
 * is summed over fixed blocks of vertices in a fixed order for the same reason.
 *
 * The step is bound by memory latency (counters are read in random order), so vertices are
 * renumbered by decreasing in-degree (the hubs' counters, read most often, sit together and stay
 * cached), counters are padded to whole cache lines, and each thread prefetches the counters a
 * dozen arcs ahead.
 *
 * Cost per step: a scan of every arc (a flag test), plus W = ceil(m / 12) words of broadword
 * maximum per arc from a changed neighbour and an O(m) estimate per changed counter. Memory:
 * two counters of W words rounded up to 2, 4 or a multiple of 8 words per vertex, 14 bytes per
 * vertex of flags, estimates and order, and the renumbered arcs (4 bytes each).
 */
#include "queries/separation_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"

enum {
	BLOCK = 1 << 14, /* vertices per partial sum of N(t) */
	CHUNK = 512,     /* vertices per unit of parallel work in a step */
	PREFETCH = 12    /* arcs ahead whose counters are prefetched */
};

/* The word loops below (broadword maximum, compare, copy) vectorise; on x86-64 they are compiled
 * for AVX-512, AVX2 and the baseline's SSE2, and the loader picks the best the machine has, so
 * the same broadword maximum runs on 8, 4 or 2 words at a time. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
        !defined(__SANITIZE_ADDRESS__)
#define WP_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define WP_CLONES
#endif

typedef struct hll {
	uint32_t b, regs, words;
	uint32_t stride;        /* words from one counter to the next: words rounded up so that no
	                         * counter spans more cache lines than it must (2, 4, 8, then 8k) */
	double alpha_mm;        /* alpha_m x m^2 */
	double inverse_pow[32]; /* 2^-r */
} hll;

static void hll_init(hll *h, uint32_t b)
{
	h->b = b;
	h->regs = 1u << b;
	h->words = (h->regs + WPI_HLL_PER_WORD - 1) / WPI_HLL_PER_WORD;
	h->stride = h->words <= 2 ? 2 : h->words <= 4 ? 4 : (h->words + 7) / 8 * 8;
	double m = (double)h->regs;
	double alpha = h->regs == 16   ? 0.673
	               : h->regs == 32 ? 0.697
	               : h->regs == 64 ? 0.709
	                               : 0.7213 / (1.0 + 1.079 / m);
	h->alpha_mm = alpha * m * m;
	for (int r = 0; r < 32; r++)
		h->inverse_pow[r] = ldexp(1.0, -r);
}

/* The HyperLogLog estimate of one counter, with the small-range correction. */
static double hll_estimate(const hll *h, const uint64_t *c)
{
	double s = 0;
	uint32_t zeros = 0, j = 0;
	for (uint32_t w = 0; w < h->words; w++) {
		uint64_t x = c[w];
		for (uint32_t k = 0; k < WPI_HLL_PER_WORD && j < h->regs; k++, j++) {
			uint32_t r = (uint32_t)(x & 31);
			x >>= WPI_HLL_BITS;
			zeros += r == 0;
			s += h->inverse_pow[r];
		}
	}
	double e = h->alpha_mm / s;
	if (e <= 2.5 * (double)h->regs && zeros > 0)
		e = (double)h->regs * log((double)h->regs / (double)zeros);
	return e;
}

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Puts vertex v into the empty counter c. */
static void hll_add_vertex(const hll *h, uint64_t *c, wp_vertex v, uint64_t key)
{
	uint64_t x = mix64((uint64_t)v * 0x9E3779B97F4A7C15ull + key);
	uint32_t j = (uint32_t)(x & (h->regs - 1));
	uint64_t rest = x >> h->b;
	uint32_t rank = rest ? (uint32_t)__builtin_ctzll(rest) + 1 : 64 - h->b + 1;
	if (rank > 31)
		rank = 31;
	c[j / WPI_HLL_PER_WORD] |= (uint64_t)rank << (WPI_HLL_BITS * (j % WPI_HLL_PER_WORD));
}

/* What one step reads and writes (see the top comment): counters of step t - 1 in cur, of
 * step t into nxt; was[u] says u's counter changed at step t - 1, now[v] receives whether v's
 * changes at step t; est[v] is v's current estimate. */
typedef struct step {
	const uint64_t *offsets; /* the graph relabelled in degree order (see relabel) */
	const wp_vertex *adj;
	const hll *h;
	const uint64_t *cur;
	uint64_t *nxt;
	const uint8_t *was;
	uint8_t *now;
	double *est;
} step;

/* One step for vertices lo .. hi - 1; returns the number of counters that changed. */
WP_CLONES static uint64_t update_range(const step *s, uint32_t lo, uint32_t hi)
{
	const uint32_t W = s->h->words, S = s->h->stride;
	const uint64_t *restrict offsets = s->offsets;
	const wp_vertex *restrict targets = s->adj;
	const uint64_t last = offsets[hi];
	uint64_t changed = 0;
	for (uint32_t v = lo; v < hi; v++) {
		const uint64_t *cv = s->cur + (size_t)v * S;
		uint64_t *restrict nv = s->nxt + (size_t)v * S;
		bool touched = false;
		for (uint64_t a = offsets[v]; a < offsets[v + 1]; a++) {
			/* The counters are read in random order and the step is bound by memory
			 * latency: ask for the counter PREFETCH arcs ahead now (the arcs of the
			 * range are contiguous). */
			if (a + PREFETCH < last) {
				wp_vertex p = targets[a + PREFETCH];
				if (s->was[p]) {
					const char *c = (const char *)(s->cur + (size_t)p * S);
					__builtin_prefetch(c);
					if (S > 8)
						__builtin_prefetch(c + 64);
				}
			}
			wp_vertex u = targets[a];
			if (!s->was[u])
				continue;
			if (!touched) {
				for (uint32_t w = 0; w < W; w++)
					nv[w] = cv[w];
				touched = true;
			}
			const uint64_t *cu = s->cur + (size_t)u * S;
			for (uint32_t w = 0; w < W; w++)
				nv[w] = wpi_hll_max(nv[w], cu[w]);
		}
		uint64_t diff = 0;
		if (touched) {
			for (uint32_t w = 0; w < W; w++)
				diff |= nv[w] ^ cv[w];
			if (diff) {
				s->est[v] = hll_estimate(s->h, nv);
				changed++;
			}
		} else if (s->was[v]) {
			/* nxt still holds step t - 2's counter, which differs. */
			for (uint32_t w = 0; w < W; w++)
				nv[w] = cv[w];
		}
		s->now[v] = diff != 0;
	}
	return changed;
}

/* The graph relabelled by decreasing in-degree (ties by id): order[p] is the vertex with new id
 * p, and offs/adj its out-arcs in new ids; false (nothing allocated) if memory ran out. A counter
 * is read once per arc into its vertex, so the hubs' counters, read most, end up side by side at
 * the front where they stay in cache; on skewed (social, Kronecker) graphs this halves the step's
 * cache misses. O(n + m). */
static bool relabel(const wp_graph *g, int threads, wp_vertex **order_out, uint64_t **offs_out,
                    wp_vertex **adj_out)
{
	const uint32_t n = g->n;
	uint64_t maxdeg = 0, *count = NULL, *offs = NULL;
	wp_vertex *order = NULL, *pos = NULL, *adj = NULL;
	for (uint32_t v = 0; v < n; v++)
		maxdeg = wp_graph_in_degree(g, v) > maxdeg ? wp_graph_in_degree(g, v) : maxdeg;
	count = calloc(maxdeg + 2, sizeof(*count));
	order = malloc((size_t)n * sizeof(*order));
	pos = malloc((size_t)n * sizeof(*pos));
	offs = malloc(((size_t)n + 1) * sizeof(*offs));
	adj = malloc((g->m ? g->m : 1) * sizeof(*adj));
	if (!count || !order || !pos || !offs || !adj)
		goto fail;
	/* Counting sort by maxdeg - degree, stable, so ties keep ascending ids. */
	for (uint32_t v = 0; v < n; v++)
		count[maxdeg - wp_graph_in_degree(g, v) + 1]++;
	for (uint64_t k = 1; k <= maxdeg + 1; k++)
		count[k] += count[k - 1];
	for (uint32_t v = 0; v < n; v++) {
		uint64_t p = count[maxdeg - wp_graph_in_degree(g, v)]++;
		order[p] = v;
		pos[v] = (wp_vertex)p;
	}
	offs[0] = 0;
	for (uint32_t p = 0; p < n; p++)
		offs[p + 1] = offs[p] + wp_graph_out_degree(g, order[p]);

#pragma omp parallel for num_threads(threads) schedule(dynamic, 1024)
	for (uint32_t p = 0; p < n; p++) {
		wp_vertex v = order[p];
		uint64_t to = offs[p];
		for (uint64_t a = g->offsets[v]; a < g->offsets[v + 1]; a++)
			adj[to++] = pos[g->targets[a]];
	}
	free(count);
	free(pos);
	*order_out = order;
	*offs_out = offs;
	*adj_out = adj;
	return true;
fail:
	free(count);
	free(order);
	free(pos);
	free(offs);
	free(adj);
	return false;
}

/* N(t) = the sum of est[], in fixed blocks added in a fixed order. */
static double sum_estimates(const double *est, uint32_t n, double *partial, int threads)
{
	uint32_t blocks = (n + BLOCK - 1) / BLOCK;

#pragma omp parallel for num_threads(threads) schedule(static)
	for (uint32_t k = 0; k < blocks; k++) {
		uint32_t lo = k * BLOCK, hi = n - lo < BLOCK ? n : lo + BLOCK;
		double s = 0;
		for (uint32_t v = lo; v < hi; v++)
			s += est[v];
		partial[k] = s;
	}
	double total = 0;
	for (uint32_t k = 0; k < blocks; k++)
		total += partial[k];
	return total;
}

wp_status wpi_separation_hyperanf(const wp_graph *g, uint32_t b, uint64_t seed, int threads,
                                  double **N, uint32_t *len, uint32_t *iterations, char *err)
{
	wp_status st = WP_OK;
	uint64_t *cur = NULL, *nxt = NULL;
	uint8_t *was = NULL, *now = NULL;
	double *est = NULL, *partial = NULL, *nf = NULL;
	wp_vertex *order = NULL, *adj = NULL;
	uint64_t *offs = NULL;
	const uint32_t n = g->n;
	hll h;

	*N = NULL;
	*len = 0;
	*iterations = 0;
	if (b < 4 || b > 16)
		WP_FAIL(WP_EARG, "separation: 2^%u registers per counter; b must be 4 to 16", b);
	if (n == 0)
		return WP_OK;
	if (threads <= 0)
		threads = wp_max_threads();
	hll_init(&h, b);
	const uint32_t W = h.words, S = h.stride;
	size_t cells = (size_t)n * S;
	/* Cache-line aligned, padding words zero (they are never written again). */
	size_t bytes = (cells * sizeof(uint64_t) + 63) / 64 * 64;
	cur = aligned_alloc(64, bytes);
	nxt = aligned_alloc(64, bytes);
	if (cur != NULL && nxt != NULL) {
		memset(cur, 0, bytes);
		memset(nxt, 0, bytes);
	}
	was = malloc(n);
	now = calloc(n, 1);
	est = malloc((size_t)n * sizeof(double));
	partial = malloc(((size_t)n + BLOCK - 1) / BLOCK * sizeof(double));
	uint32_t cap = 32;
	nf = malloc(cap * sizeof(double));
	if (!cur || !nxt || !was || !now || !est || !partial || !nf)
		WP_FAIL(WP_ENOMEM,
		        "separation: cannot allocate HyperANF counters (%zu MB for %u vertices "
		        "with "
		        "2^%u registers); try fewer registers",
		        2 * cells * sizeof(uint64_t) >> 20, n, b);

	if (!relabel(g, threads, &order, &offs, &adj))
		WP_FAIL(WP_ENOMEM, "separation: cannot allocate the degree order of %u vertices",
		        n);
	uint64_t key = mix64(seed ^ 0x5DEECE66Dull);

#pragma omp parallel for num_threads(threads) schedule(static)
	for (uint32_t p = 0; p < n; p++) {
		uint64_t *c = cur + (size_t)p * S;
		hll_add_vertex(&h, c, order[p], key); /* the hash is the vertex's, not its rank's */
		memcpy(nxt + (size_t)p * S, c, W * sizeof(uint64_t));
		est[p] = hll_estimate(&h, c);
		was[p] = 1; /* every counter changed at step 0, from empty to {v} */
	}
	nf[0] = sum_estimates(est, n, partial, threads);
	step ctx = {offs, adj, &h, NULL, NULL, NULL, NULL, est};
	uint32_t t = 1;
	for (;; t++) {
		ctx.cur = cur;
		ctx.nxt = nxt;
		ctx.was = was;
		ctx.now = now;
		uint64_t changed = 0;

#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) reduction(+ : changed)
		for (uint32_t lo = 0; lo < n; lo += CHUNK) {
			uint32_t hi = n - lo < CHUNK ? n : lo + CHUNK;
			changed += update_range(&ctx, lo, hi);
		}
		if (changed == 0)
			break;
		if (t == cap) {
			double *grown = realloc(nf, 2 * (size_t)cap * sizeof(double));
			if (grown == NULL)
				WP_FAIL(WP_ENOMEM,
				        "separation: cannot grow the neighbourhood function");
			nf = grown;
			cap *= 2;
		}
		nf[t] = sum_estimates(est, n, partial, threads);
		uint64_t *tc = cur;
		cur = nxt;
		nxt = tc;
		uint8_t *tf = was;
		was = now;
		now = tf;
	}
	free(cur);
	free(nxt);
	free(was);
	free(now);
	free(est);
	free(partial);
	free(order);
	free(offs);
	free(adj);
	*N = nf;
	*len = t;
	*iterations = t;
	return WP_OK;
fail:
	free(cur);
	free(nxt);
	free(was);
	free(now);
	free(est);
	free(partial);
	free(order);
	free(offs);
	free(adj);
	free(nf);
	return st;
}
