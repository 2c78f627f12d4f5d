/* reach.h - exact reach of a seed set within H hops: people at each distance, per seed, overlap.
 *
 * The campaign question "if these promoters each ask their networks, how many people do we reach
 * within H steps?". Let S be the seeds and N_H(s) the vertices at most H arcs from s (following
 * arcs forward in a directed graph; only arcs of weight >= min_weight when that is set). Then:
 *   - per_hop[d - 1] = vertices not in S whose distance to the nearest seed is exactly d (1..H);
 *   - reached = their sum = |U_s N_H(s) \ S|;
 *   - per_seed[i] = |N_H(s_i) \ S|, what seed i reaches on its own;
 *   - unique[i] = vertices of N_H(s_i) \ S in no other seed's N_H: reached through seed i only,
 *     the people lost if seed i drops out; their list is unique_people (per seed, by vertex id);
 *   - overlap = vertices reached through two or more seeds, so reached = overlap + sum unique.
 *
 * Method: multi-source bit-parallel BFS (as in closeness.c): each vertex holds one bit per seed,
 * 64 x words seeds per pass, and every level ORs each vertex's row with its (in-)neighbours'
 * rows that changed at the previous level (a pull, parallel over vertices). Per-seed counts come
 * from bit-sliced vertical counters (a few word operations per vertex and word, not one per set
 * bit). Everything is an integer count, so the result does not depend on the thread count or
 * on the words per pass. Cost: O(H (n + m) words) word operations per pass, ceil(|S| / 64 words)
 * passes; memory 16 bytes per vertex and word plus 6 bytes per vertex.
 *
 * Without per_seed, distances, overlap and unique come from one sweep whose cost does not grow
 * with the number of seeds: every vertex keeps up to two distinct seeds within d hops, level by
 * level (two seeds of a union are found among two seeds of each part), so after H levels a
 * vertex holds none (not reached), one (reached through that seed only) or two (overlap).
 * O(H (n + m)) time, 16 bytes per vertex.
 */
#ifndef WP_REACH_H
#define WP_REACH_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

#define WP_REACH_MAX_HOPS 250

typedef struct wp_reach_opts {
	uint32_t hops;    /* H, 1 .. WP_REACH_MAX_HOPS */
	float min_weight; /* follow only arcs with weight >= this; 0 follows every arc. An
	                   * unweighted graph counts every arc as weight 1 */
	bool per_seed;    /* count per_seed (bit-parallel passes); false: per_seed stays zero and
	                   * everything else comes from one cheaper sweep (see below) */
	uint32_t words;   /* 64-bit words of seeds per pass (1 .. 16); 0: automatic. Changes speed
	                   * and memory, never the result */
	int threads;      /* OpenMP threads; 0: wp_max_threads() */
} wp_reach_opts;

#define WP_REACH_DEFAULTS \
	((wp_reach_opts){.hops = 2, .min_weight = 0, .per_seed = true, .words = 0, .threads = 0})

typedef struct wp_reach {
	uint32_t hops;
	uint32_t seed_count;
	uint64_t *per_hop; /* hops entries; index 0 = distance 1 */
	uint64_t reached;
	uint64_t overlap;
	uint64_t *per_seed;       /* seed_count */
	uint64_t *unique;         /* seed_count */
	uint64_t *unique_offsets; /* seed_count + 1: seed i's people are unique_people[off[i] ..
	                           * off[i + 1]), ascending */
	wp_vertex *unique_people;
} wp_reach;

/* Computes the reach of seeds[0 .. count) (distinct vertices < g->n; count >= 1) as described
 * above into res (cleared on entry; free with wp_reach_free). Errors: WP_EARG for no seeds, a
 * repeated or out-of-range seed, or hops outside 1 .. WP_REACH_MAX_HOPS (the message names it);
 * WP_ENOMEM. On error res is zeroed. */
wp_status wp_reach_compute(const wp_graph *g, const wp_vertex *seeds, uint32_t count,
                           const wp_reach_opts *opts, wp_reach *res, char *err);

/* Releases res and zeroes it; accepts a zeroed or freed result. */
void wp_reach_free(wp_reach *res);

#endif
