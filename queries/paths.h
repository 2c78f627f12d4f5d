/* paths.h - introduction chains: shortest, warmest and widest paths, alternatives, batches.
 *
 * A chain joins a source to a target along the graph's arcs (an undirected graph walks edges both
 * ways). Its weight is warmth: every arc weight must lie in (0, 1]; the cost of a tie is
 * -ln(warmth), so the cheapest chain is the one whose warmths have the highest product. A chain
 * is ranked by one of four orders (wp_path_rank):
 *
 *   WP_RANK_HOPS          fewest hops                                 bidirectional BFS
 *   WP_RANK_HOPS_WARMTH   fewest hops, then highest product of warmths bidirectional Dijkstra
 *   WP_RANK_WARMTH        highest product of warmths, then fewest hops bidirectional Dijkstra
 *   WP_RANK_BOTTLENECK    strongest weakest tie, then fewest hops      threshold search over BFS
 *
 * Every query may start from a set of sources and end at any of a set of targets ("any of our
 * members to anyone at Acme"), may avoid a set of people (never on a chain, neither inside it nor
 * at its ends), may cap the hops (max_hops), and may ask for up to K alternative chains that do
 * not share introducers. Algorithms, each in its file:
 *
 * - paths.c: bidirectional breadth-first search seeded with both sets. Each step expands a whole
 *   level of the side whose frontier has the smaller summed degree, and stops at the first
 *   vertex the two searches share: while no vertex is shared, the balls of radius d_f and d_b
 *   are disjoint, so every chain has at least d_f + d_b + 1 hops, which is exactly what the
 *   first meeting found during the next expansion gives. Cost: the arcs of the explored balls.
 *   Batches run queries in parallel (OpenMP over queries, one scratch per thread).
 * - paths_weighted.c: the warmest chain by bidirectional Dijkstra with a binary heap on (cost,
 *   hops) keys, stopping once top_f + top_b >= best (Goldberg and Harrelson, SODA 2005, for the
 *   rule); fewest hops then warmest by the same bidirectional BFS with a dynamic programme over
 *   its levels (no heap); the warmest chain within H hops, a resource-constrained shortest path,
 *   solved exactly by bidirectional label setting over (cost, hops) labels (Dijkstra on
 *   (vertex, hops) states, pruned by dominance); and the bottleneck chain by binary search on
 *   the weakest warmth allowed, each probe a hop-limited bidirectional BFS on the arcs at least
 *   that warm (Kaibel and Peinhardt, "On the bottleneck shortest path problem", ZIB report
 *   06-22, 2006).
 * - paths_alternatives.c: alternatives by successive searches that avoid the introducers of the
 *   chains already found, then loopless alternatives by Yen's algorithm (Yen, "Finding the K
 *   shortest loopless paths in a network", Management Science 17(11), 1971).
 *
 * A chain is a list of vertices; the kernels know nothing of people. A workspace graph
 * (engine/workspace.h: weights = warmth, attributes person_id, company, member) feeds them
 * directly, and the caller explains each hop from the evidence of the tie between consecutive
 * people (wp_workspace_tie_evidence), maps "anyone at Acme" or "any member" to vertex sets, and
 * turns refusals into avoid sets.
 *
 * Queries cost only what they explore: the per-thread scratch (wp_path_scratch) is allocated
 * once and reset by generation stamps, never by clearing O(n) arrays, and is reused across any
 * number of queries on the same graph. The kernels never print and never touch global state;
 * given the same graph and query they return the same chain whatever the thread, stamp or
 * history of the scratch. Ties between equally ranked chains are broken by the sorted neighbour
 * order (and, for weighted ranks, by floating-point rounding of equal sums), so answers are
 * deterministic.
 */
#ifndef WP_PATHS_H
#define WP_PATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

#define WP_NO_PATH UINT32_MAX

/* How chains are ranked (see the top of this file). */
typedef enum wp_path_rank {
	WP_RANK_HOPS = 0,
	WP_RANK_HOPS_WARMTH,
	WP_RANK_WARMTH,
	WP_RANK_BOTTLENECK
} wp_path_rank;

/* Per-vertex marks of one search: a vertex belongs to side k (0 = from the sources, 1 = from the
 * targets) of the current query when stamp[k] equals the scratch's stamp. */
typedef struct wp_path_mark {
	uint32_t stamp[2];
	wp_vertex parent[2]; /* the neighbour it was reached from; itself at a root */
} wp_path_mark;

/* A weighted search's per-vertex state on one side (valid where the mark's stamp is current). */
typedef struct wp_path_dist {
	double cost; /* sum of -ln(warmth) from the side's roots */
	uint32_t hops;
	uint32_t pos; /* index in the side's heap, or UINT32_MAX once settled */
} wp_path_dist;

typedef struct wp_path_heap_entry {
	double cost;
	uint32_t hops;
	uint32_t item; /* a vertex (Dijkstra) or a label (hop-limited search) */
} wp_path_heap_entry;

typedef struct wp_path_label wp_path_label; /* see paths_weighted.c */
typedef struct wp_path_seed wp_path_seed;   /* see paths_internal.h */

/* Per-thread working memory of the path kernels. Allocate one per thread with
 * wp_path_scratch_init() and reuse it for any number of queries on the graph it was made for.
 * The fields below the line are internal. */
typedef struct wp_path_scratch {
	wp_vertex *path;   /* the chain found by the last search: path[0] (a source) ..
	                    * path[hops] (a target); valid until the next query */
	uint32_t hops;     /* its hops, WP_NO_PATH when the last search found none */
	uint64_t explored; /* arcs scanned by the last query (all of its searches) */
	/* ---- */
	uint32_t n;
	bool weighted; /* the graph has weights, and the weighted arrays below exist */
	uint32_t stamp;
	wp_path_mark *marks;
	wp_vertex *queue[2];
	wp_path_dist *dist[2];
	wp_path_heap_entry *heap[2];
	uint32_t heap_len[2];
	/* growable buffers, kept between queries */
	wp_path_label *labels;
	size_t labels_len, labels_cap;
	wp_path_heap_entry *lheap[2]; /* hop-limited search: one label heap per side */
	size_t lheap_len[2], lheap_cap[2];
	wp_path_seed *seeds;
	size_t seeds_len, seeds_cap;
	wp_vertex *blocked;
	size_t blocked_len, blocked_cap;
	wp_vertex *best; /* a copy of the best chain while a query compares several */
	uint32_t best_hops;
	wp_vertex *pool; /* alternatives: chains of Yen's list and candidates, packed */
	size_t pool_len, pool_cap;
	void *items; /* alternatives: Yen's list and candidates (see paths_alternatives.c) */
	size_t items_len, items_cap;
	wp_vertex *forbid; /* alternatives: (source, first hop) pairs no chain may take */
	size_t forbid_len, forbid_cap;
} wp_path_scratch;

/* Allocates scratch for queries on g: 32 bytes per vertex for unweighted searches, plus 64 bytes
 * per vertex when g is weighted (distances and heaps of the weighted searches). O(n) once; the
 * growable buffers start empty and keep their capacity between queries. Errors: WP_ENOMEM (s is
 * then zeroed). */
wp_status wp_path_scratch_init(wp_path_scratch *s, const wp_graph *g, char *err);

/* Releases s and zeroes it; accepts a zeroed or already freed scratch. */
void wp_path_scratch_free(wp_path_scratch *s);

/* ---- The fast point-to-point query ---------------------------------------------------------- */

/* Finds a chain with the fewest hops from `from` to `to` (both < g->n) by bidirectional BFS.
 * Sets s->hops (WP_NO_PATH if `to` is unreachable) and s->path (hops + 1 vertices, valid until
 * the next query on s); s->explored counts the arcs scanned. O(arcs of the explored balls);
 * never allocates, never fails. */
void wp_path_shortest(const wp_graph *g, wp_path_scratch *s, wp_vertex from, wp_vertex to);

/* ---- Ranked chains, sets, avoid sets, alternatives ------------------------------------------ */

/* Options of wp_path_find_opts() and wp_path_batch_opts(); start from WP_PATH_DEFAULTS. */
typedef struct wp_path_opts {
	wp_path_rank rank;
	uint32_t max_hops;      /* longest chain allowed; 0: no limit */
	uint32_t alternatives;  /* chains wanted, best first (0 counts as 1); batches ignore it */
	const wp_vertex *avoid; /* people no chain may include (neither inside nor at an end) */
	uint32_t avoid_count;
	int threads; /* batches: OpenMP threads; 0: wp_max_threads() */
} wp_path_opts;

#define WP_PATH_DEFAULTS                      \
	((wp_path_opts){.rank = WP_RANK_HOPS, \
	                .max_hops = 0,        \
	                .alternatives = 1,    \
	                .avoid = NULL,        \
	                .avoid_count = 0,     \
	                .threads = 0})

/* One chain of a result, measured along its arcs from source to target. */
typedef struct wp_chain {
	uint32_t hops;  /* WP_NO_PATH: no chain (batches) */
	uint32_t first; /* index of its source in wp_path_result.vertices (0 in batches) */
	double cost;    /* sum of -ln(warmth) over its ties; 0 on an unweighted graph */
	double warmth;  /* product of its warmths, exp(-cost); 1 on an unweighted graph */
	double weakest; /* warmth of its weakest tie; 1 for no ties or an unweighted graph */
	bool disjoint;  /* shares no introducer with the chains before it (true for the first) */
} wp_chain;

/* The chains of one query, best first. Reuse one result across queries: its arrays keep their
 * capacity. */
typedef struct wp_path_result {
	wp_chain *chains;
	uint32_t count;      /* chains found: 0 when no source reaches a target */
	uint32_t disjoint;   /* the first `disjoint` chains share no introducer (interior vertex) */
	bool fallback;       /* fewer disjoint chains than asked for: once the introducers of chains
	                      * 1..disjoint are avoided, no chain remains, and the chains after
	                      * them are Yen's loopless alternatives, which share introducers */
	bool exhausted;      /* fewer chains than asked for exist at all (within max_hops) */
	wp_vertex *vertices; /* chain i is vertices[chains[i].first .. + chains[i].hops] */
	size_t vertices_len;
	uint64_t explored; /* arcs scanned by all the searches of the query */
	uint32_t chains_cap;
	size_t vertices_cap;
} wp_path_result;

/* Releases res and zeroes it; accepts a zeroed or already freed result. */
void wp_path_result_free(wp_path_result *res);

/* The fewest-hops chain from `from` to `to`: wp_path_find_opts() with WP_PATH_DEFAULTS. */
wp_status wp_path_find(const wp_graph *g, wp_path_scratch *s, wp_vertex from, wp_vertex to,
                       wp_path_result *res, char *err);

/* Finds up to opts->alternatives chains from any of the from_count sources to any of the
 * to_count targets, ranked by opts->rank (opts NULL = WP_PATH_DEFAULTS), with at most
 * opts->max_hops hops, none of them including a vertex of opts->avoid. Duplicates in the sets
 * are allowed; an avoided source or target is dropped from its set. A vertex in both sets gives
 * the 0-hop chain [v], and then no alternatives.
 *
 * Alternatives: chain 1 is the best chain; chain i + 1 is the best chain that includes none of
 * the introducers (interior vertices) of chains 1..i and is not one of them (so a direct tie, which
 * has no introducer, is not offered twice). This is what a refusal means: if everyone asked for
 * chains 1..i declines, chain i + 1 is the best that remains. When no such chain remains before
 * K are found, res->fallback is set and the rest are Yen's next loopless chains in rank order
 * (exact K-best order for the additive ranks; for WP_RANK_BOTTLENECK, Yen's spur searches
 * maximise the weakest tie of the spur, a heuristic order), skipping chains already listed;
 * res->exhausted says that even those ran out. Greedy successive searches can, in contrived
 * graphs, find fewer disjoint chains than exist (a flow-based choice such as Suurballe's would
 * find more, but would not keep the best chain first): the flag means exactly what it says
 * above.
 *
 * Weighted ranks need g to be weighted (WP_EARG otherwise) with every weight in (0, 1]; a weight
 * outside that range met by the search is WP_EINPUT naming the tie (wp_path_check_warmth()
 * checks the whole graph once). res is cleared on entry; on error res->count is 0. Errors:
 * WP_EARG (a vertex >= n, an empty set, a scratch made for another graph, a weighted rank on an
 * unweighted graph), WP_EINPUT (a weight outside (0, 1]), WP_ENOMEM.
 *
 * Complexity, for one chain: HOPS and HOPS_WARMTH O(explored arcs) (HOPS_WARMTH finishes the
 * level in which the two searches meet, and takes a logarithm per arc); WARMTH O(explored arcs x
 * log n) (the two searches settle vertices until top_f + top_b >= best); WARMTH with max_hops H
 * O(L log L) for L labels, at most H + 1 settled per vertex and side (in practice close to the
 * unlimited search); BOTTLENECK O(BFS x log2(distinct float values between the fewest-hop
 * chain's weakest tie and 1)), at most 31 hop-limited BFS. K alternatives: up to K searches,
 * plus, in the fallback, one search per vertex of each of Yen's chains. Memory: the scratch,
 * whose growable buffers (labels, Yen's candidates) keep their size between queries. Call from
 * any thread with its own scratch and result; g is only read. */
wp_status wp_path_find_opts(const wp_graph *g, wp_path_scratch *s, const wp_vertex *from,
                            uint32_t from_count, const wp_vertex *to, uint32_t to_count,
                            const wp_path_opts *opts, wp_path_result *res, char *err);

/* Checks that g is weighted and every weight is a warmth in (0, 1] (NaN is not). Errors:
 * WP_EINPUT "the graph has no edge weights; warmth-ranked chains need a warmth in (0, 1] on
 * every edge" or "the tie 'a' - 'b' has weight 1.5; warmth must be in (0, 1]" (the first such
 * arc in arc order; "->" for a directed graph). O(m). */
wp_status wp_path_check_warmth(const wp_graph *g, char *err);

/* The rank's name as the command line spells it: "hops", "hops-warmth", "warmth",
 * "bottleneck". */
const char *wp_path_rank_name(wp_path_rank rank);

/* Parses a rank name (as above, case-insensitive). WP_EINPUT naming the accepted words. */
wp_status wp_path_rank_parse(const char *s, wp_path_rank *rank, char *err);

/* Whether a rank reads the graph's weights. */
static inline bool wp_path_rank_weighted(wp_path_rank rank)
{
	return rank != WP_RANK_HOPS;
}

/* ---- Batches --------------------------------------------------------------------------------- */

/* One query of a batch: sets of sources and targets (arrays may be shared between queries). */
typedef struct wp_path_ends {
	const wp_vertex *from;
	uint32_t from_count;
	const wp_vertex *to;
	uint32_t to_count;
} wp_path_ends;

/* Hop counts of count point-to-point queries from[i] -> to[i] into hops[i] (WP_NO_PATH where
 * unreachable), in parallel with all threads. The same as wp_path_shortest() on each pair.
 * Errors: WP_EARG (a vertex >= n), WP_ENOMEM; hops is untouched on WP_EARG and unspecified
 * after WP_ENOMEM. */
wp_status wp_path_batch(const wp_graph *g, const wp_vertex *from, const wp_vertex *to, size_t count,
                        uint32_t *hops, char *err);

/* The best chain of each query (wp_path_find_opts() with opts, alternatives ignored) measured
 * into out[i] (hops WP_NO_PATH where there is none), in parallel over queries with opts->threads
 * threads: OpenMP dynamic scheduling, one scratch per thread allocated once. Every query is
 * answered by one thread alone from the same inputs, so out is identical whatever the thread
 * count. Errors as wp_path_find_opts(); the error reported is that of the lowest-numbered
 * failing query; after an error out is unspecified. Call outside OpenMP parallel regions. Memory:
 * one scratch per thread (see wp_path_scratch_init). */
wp_status wp_path_batch_opts(const wp_graph *g, const wp_path_ends *queries, size_t count,
                             const wp_path_opts *opts, wp_chain *out, char *err);

/* ---- One source set, every target: the tree ------------------------------------------------- */

/* The best chain from a set of sources to every vertex at once (paths_tree.c), for batches that
 * share their sources ("our members to each of 10,000 prospects"): one search instead of one
 * per target. Read chains with wp_path_tree_chain(). */
typedef struct wp_path_tree {
	uint32_t n;
	wp_path_rank rank;
	uint32_t max_hops; /* 0: no limit */
	uint32_t *hops;    /* n: hops of the best chain to v, WP_NO_PATH if none */
	double *cost;      /* n: its cost (sum of -ln(warmth); 0 for WP_RANK_HOPS) */
	wp_vertex *parent; /* n, or (max_hops + 1) x n by layer for WARMTH with a limit */
	uint32_t layers;   /* 1, or max_hops + 1 */
} wp_path_tree;

/* Builds into t the best chain from the sources to every vertex for opts->rank (WP_RANK_HOPS,
 * WP_RANK_HOPS_WARMTH or WP_RANK_WARMTH), within opts->max_hops, avoiding opts->avoid
 * (alternatives and threads are ignored). t is replaced only on success: on error a tree already
 * in t stays valid (a zeroed t is fine). Each vertex's chain has the same hops and cost as
 * wp_path_find_opts() from the same sources to that vertex alone (costs within floating-point
 * rounding); where several chains tie, the tree may pick another. Algorithms: BFS (HOPS); BFS
 * with the dynamic programme over levels (HOPS_WARMTH); Dijkstra on (cost, hops) keys (WARMTH);
 * hop-layered Bellman-Ford, F_h(v) = least cost with at most h hops, keeping a parent per layer
 * (WARMTH with max_hops H). Errors: WP_EARG (a vertex out of range, an empty source set,
 * WP_RANK_BOTTLENECK, a weighted rank on an unweighted graph), WP_EINPUT (a weight outside
 * (0, 1]), WP_ENOMEM. Time O(n + m), O((n + m) log n) for WARMTH, O(H (n + m)) with a limit;
 * memory 16 bytes per vertex, 4 (H + 1) more with a limit, plus temporary arrays while building.
 * Serial; build trees for several source sets in parallel if needed. */
wp_status wp_path_tree_build(const wp_graph *g, const wp_vertex *from, uint32_t from_count,
                             const wp_path_opts *opts, wp_path_tree *t, char *err);

/* Writes the tree's chain to target into path (room for hops + 1 <= n vertices: sources first)
 * and returns its hops, or WP_NO_PATH (path untouched). O(hops), O(hops + H) with a limit. */
uint32_t wp_path_tree_chain(const wp_path_tree *t, wp_vertex target, wp_vertex *path);

/* Releases t and zeroes it; accepts a zeroed or already freed tree. */
void wp_path_tree_free(wp_path_tree *t);

#endif
