/* separation_exact.c - the exact distance distribution by multi-source bit-parallel BFS.
 *
 * The approach of closeness.c (Then et al., "The More the Merrier", PVLDB 8(4), 2014): a pass
 * runs up to 64 x W breadth-first searches at once, one bit per search in W 64-bit words per
 * vertex, with three bitsets (seen, visit = this level's frontier, next). A bit of search s that
 * first appears at vertex u at level d says d(s, u) = d, so the popcount of all new bits at level
 * d is the number of pairs at distance d among the pass's sources: the distribution needs one
 * counter per level, nothing per vertex. A level pushes (frontier vertices OR their words into
 * their out-neighbours) or, when the frontier's arcs exceed m / 8, pulls (each vertex not yet
 * reached by every search ORs its in-neighbours' visit words and stops once it holds every bit):
 * direction-optimising BFS (Beamer, Asanovic and Patterson, SC 2012) on the whole bitset.
 *
 * Passes run in parallel (dynamic schedule), each thread adding into its own histogram; the
 * histograms are integers added at the end, so the result is the same for any thread count.
 * Time: n / (64 W) passes, each scanning a vertex's arcs once per level at which some search
 * visits it (a handful of levels on small-world graphs), plus O(n W) per level. Memory per thread:
 * 24 W bytes per vertex, a frontier list and the histogram (12 bytes per vertex).
 */
#include "queries/separation_internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"

enum {
	WORDS = 4,     /* 256 searches per pass */
	PULL_RATIO = 8 /* pull when the frontier's arcs exceed m / PULL_RATIO */
};

typedef struct scratch {
	uint64_t *seen, *visit, *next; /* n x WORDS each */
	wp_vertex *frontier;           /* n */
	uint64_t *hist;                /* n: ordered pairs at distance d in hist[d - 1] */
	uint32_t levels;               /* deepest level reached by this thread's passes */
} scratch;

static void scratch_free(scratch *s)
{
	free(s->seen);
	free(s->visit);
	free(s->next);
	free(s->frontier);
	free(s->hist);
	memset(s, 0, sizeof(*s));
}

static bool scratch_init(scratch *s, uint32_t n)
{
	size_t words = (size_t)n * WORDS;
	memset(s, 0, sizeof(*s));
	s->seen = malloc(words * sizeof(uint64_t));
	s->visit = calloc(words, sizeof(uint64_t));
	s->next = calloc(words, sizeof(uint64_t));
	s->frontier = malloc((size_t)n * sizeof(wp_vertex));
	s->hist = calloc(n, sizeof(uint64_t));
	if (s->seen && s->visit && s->next && s->frontier && s->hist)
		return true;
	scratch_free(s);
	return false;
}

static inline uint64_t popcount_words(const uint64_t *x)
{
	uint64_t c = 0;
	for (int w = 0; w < WORDS; w++)
		c += (uint64_t)__builtin_popcountll(x[w]);
	return c;
}

/* One pass: searches from vertices first .. first + count - 1 (count <= 64 WORDS). visit and
 * next are all zero on entry and on return (they may have been swapped). */
static void run_pass(const wp_graph *g, wp_vertex first, uint32_t count, scratch *s)
{
	const uint32_t n = g->n;
	uint64_t *restrict seen = s->seen, *visit = s->visit, *next = s->next;
	wp_vertex *restrict frontier = s->frontier;
	uint64_t unused[WORDS];
	uint32_t len = 0;
	uint64_t frontier_arcs = 0;

	/* Bits of unused search slots start out seen, so "reached by every search" is all ones. */
	for (uint32_t w = 0; w < WORDS; w++) {
		uint32_t lo = 64 * w;
		unused[w] = count >= lo + 64 ? 0 : count <= lo ? ~0ull : ~0ull << (count - lo);
	}
	for (uint32_t u = 0; u < n; u++)
		for (uint32_t w = 0; w < WORDS; w++)
			seen[(size_t)u * WORDS + w] = unused[w];
	for (uint32_t j = 0; j < count; j++) {
		wp_vertex v = first + j;
		uint64_t bit = 1ull << (j % 64);
		seen[(size_t)v * WORDS + j / 64] |= bit;
		visit[(size_t)v * WORDS + j / 64] |= bit;
		frontier[len++] = v;
		frontier_arcs += g->offsets[v + 1] - g->offsets[v];
	}
	for (uint32_t d = 1; len > 0; d++) {
		bool pull = frontier_arcs * PULL_RATIO > g->m;
		uint64_t found = 0;
		frontier_arcs = 0;
		if (!pull) {
			for (uint32_t i = 0; i < len; i++) {
				wp_vertex v = frontier[i];
				const uint64_t *vv = visit + (size_t)v * WORDS;
				for (uint64_t a = g->offsets[v]; a < g->offsets[v + 1]; a++) {
					uint64_t *nu = next + (size_t)g->targets[a] * WORDS;
					for (uint32_t w = 0; w < WORDS; w++)
						nu[w] |= vv[w];
				}
			}
			len = 0;
			for (uint32_t u = 0; u < n; u++) {
				uint64_t *nu = next + (size_t)u * WORDS,
				         *su = seen + (size_t)u * WORDS;
				uint64_t *vu = visit + (size_t)u * WORDS;
				for (uint32_t w = 0; w < WORDS; w++) {
					uint64_t x = nu[w] & ~su[w];
					nu[w] = 0;
					vu[w] = x;
					su[w] |= x;
				}
				uint64_t c = popcount_words(vu);
				if (c) {
					found += c;
					frontier[len++] = u;
					frontier_arcs += g->offsets[u + 1] - g->offsets[u];
				}
			}
		} else {
			/* Pull into next (all zero), which becomes visit; the old visit, cleared,
			 * becomes next. */
			len = 0;
			for (uint32_t u = 0; u < n; u++) {
				uint64_t *su = seen + (size_t)u * WORDS, acc[WORDS];
				uint64_t full = ~0ull;
				for (uint32_t w = 0; w < WORDS; w++)
					full &= su[w];
				if (full == ~0ull)
					continue;
				for (uint32_t w = 0; w < WORDS; w++)
					acc[w] = su[w];
				for (uint64_t a = g->in_offsets[u]; a < g->in_offsets[u + 1]; a++) {
					const uint64_t *vv =
					        visit + (size_t)g->in_targets[a] * WORDS;
					full = ~0ull;
					for (uint32_t w = 0; w < WORDS; w++) {
						acc[w] |= vv[w];
						full &= acc[w];
					}
					if (full == ~0ull)
						break;
				}
				uint64_t *nu = next + (size_t)u * WORDS;
				for (uint32_t w = 0; w < WORDS; w++) {
					nu[w] = acc[w] & ~su[w];
					su[w] = acc[w];
				}
				uint64_t c = popcount_words(nu);
				if (c) {
					found += c;
					frontier[len++] = u;
					frontier_arcs += g->offsets[u + 1] - g->offsets[u];
				}
			}
			memset(visit, 0, (size_t)n * WORDS * sizeof(uint64_t));
			uint64_t *t = visit;
			visit = next;
			next = t;
		}
		if (found) {
			s->hist[d - 1] += found;
			if (d > s->levels)
				s->levels = d;
		}
	}
	s->visit = visit;
	s->next = next;
}

wp_status wpi_separation_exact(const wp_graph *g, int threads, uint64_t **hist, uint32_t *len,
                               uint32_t *levels, char *err)
{
	wp_status st = WP_OK;
	scratch *parts = NULL;
	uint64_t *out = NULL;
	const uint32_t n = g->n;
	const uint32_t batch = 64 * WORDS;
	uint32_t passes = (uint32_t)(((uint64_t)n + batch - 1) / batch);
	int nparts = 0, failed = 0;

	*hist = NULL;
	*len = 0;
	*levels = 0;
	if (n == 0)
		return WP_OK;
	if (threads <= 0)
		threads = wp_max_threads();
	if ((uint32_t)threads > passes)
		threads = (int)passes;
	parts = calloc((size_t)threads, sizeof(*parts));
	if (parts == NULL)
		WP_FAIL(WP_ENOMEM, "separation: cannot allocate %d thread states", threads);
	nparts = threads;

#pragma omp parallel num_threads(threads)
	{
		scratch *s = &parts[wp_thread_id()];
		if (!scratch_init(s, n)) {
#pragma omp atomic write
			failed = 1;
		}

#pragma omp for schedule(dynamic, 1)
		for (uint32_t p = 0; p < passes; p++) {
			int stop;
#pragma omp atomic read
			stop = failed;
			if (stop)
				continue;
			uint32_t first = p * batch;
			run_pass(g, first, n - first < batch ? n - first : batch, s);
		}
	}
	if (failed)
		WP_FAIL(WP_ENOMEM, "separation: cannot allocate %d-word bitsets for %u vertices",
		        WORDS, n);

	uint32_t depth = 0;
	for (int t = 0; t < nparts; t++)
		depth = parts[t].levels > depth ? parts[t].levels : depth;
	out = calloc(depth ? depth : 1, sizeof(*out));
	if (out == NULL)
		WP_FAIL(WP_ENOMEM, "separation: cannot allocate a histogram of %u distances",
		        depth);
	for (int t = 0; t < nparts; t++)
		for (uint32_t d = 0; d < depth; d++)
			out[d] += parts[t].hist[d];
	for (int t = 0; t < nparts; t++)
		scratch_free(&parts[t]);
	free(parts);
	*hist = out;
	*len = depth;
	*levels = depth;
	return WP_OK;
fail:
	for (int t = 0; t < nparts; t++)
		scratch_free(&parts[t]);
	free(parts);
	free(out);
	return st;
}
