/* structure.h - degree, coreness, eigenvector centrality, local clustering and communities.
 *
 * Everything but degree goes through igraph (engine/igraph_bridge.h), single-threaded: we do not
 * re-implement these (yet), and igraph's versions are the reference ones. The functions convert
 * the graph for each call (O(n + m)), call igraph outside any parallel region, map its errors to
 * WP_EIGRAPH with igraph's reason in err, and never leave igraph objects behind. Directed graphs:
 * coreness counts in + out arcs unless told otherwise; eigenvector centrality follows in-arcs (a
 * vertex is central when central vertices point to it), as igraph does; local clustering and
 * communities use the undirected graph with an edge wherever an arc goes either way (weight: the
 * larger of the two arcs' weights, the builder's merge rule).
 *
 * Not thread-safe: igraph's state (error handling, random number generator) is global. Call from
 * one thread, outside OpenMP parallel regions; every function returns WP_EARG when called inside
 * one. Communities reseed igraph's default random number generator with the given seed.
 */
#ifndef WP_STRUCTURE_H
#define WP_STRUCTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

/* Which arcs of a directed graph count; undirected graphs ignore it. */
typedef enum wp_structure_mode {
	WP_STRUCTURE_ALL = 0, /* in + out */
	WP_STRUCTURE_OUT = 1,
	WP_STRUCTURE_IN = 2
} wp_structure_mode;

/* degrees[v] = v's degree: neighbours (undirected), or out-, in- or in + out arcs (directed),
 * after the builder removed self-loops and merged multi-edges; equal to igraph_degree(loops =
 * true) on the same graph. degrees has n entries, caller-allocated. O(n). Never fails. */
void wp_structure_degree(const wp_graph *g, wp_structure_mode mode, uint64_t *degrees);

/* cores[v] = the largest k such that v is in the k-core (the maximal subgraph in which every
 * vertex has degree >= k, degree as in mode): igraph_coreness(). cores has n entries,
 * caller-allocated, written only on success. Errors: WP_EARG in a parallel region, WP_EIGRAPH,
 * WP_ENOMEM. O(n + m). */
wp_status wp_structure_coreness(const wp_graph *g, wp_structure_mode mode, uint32_t *cores,
                                char *err);

/* Options of eigenvector centrality. */
typedef struct wp_eigenvector_opts {
	bool weighted; /* use g's weights (g must be weighted; weights must be >= 0) */
} wp_eigenvector_opts;

#define WP_EIGENVECTOR_DEFAULTS ((wp_eigenvector_opts){.weighted = false})

/* Eigenvector centrality scaled so that the largest score is 1 (igraph_eigenvector_centrality,
 * scale = true, directed along in-arcs, ARPACK with igraph's defaults). On a disconnected
 * undirected graph only the component with the largest eigenvalue gets non-zero scores; an
 * edgeless graph gets all 1. scores has n entries, caller-allocated, written only on success.
 * Same as wp_structure_eigenvector_opts() with WP_EIGENVECTOR_DEFAULTS. */
wp_status wp_structure_eigenvector(const wp_graph *g, double *scores, char *err);

/* Eigenvector centrality with options (opts NULL = defaults); eigenvalue, if non-NULL, receives
 * the leading eigenvalue. Errors: WP_EARG (weighted on an unweighted graph, in a parallel
 * region), WP_EIGRAPH (for example a negative weight), WP_ENOMEM. Time: ARPACK iterations of
 * O(n + m) each. */
wp_status wp_structure_eigenvector_opts(const wp_graph *g, const wp_eigenvector_opts *opts,
                                        double *scores, double *eigenvalue, char *err);

/* Local clustering coefficient: the fraction of pairs of v's neighbours that are adjacent
 * (igraph_transitivity_local_undirected); a vertex with fewer than two neighbours gets NaN, or 0
 * if zero_low_degree (networkx's convention). scores has n entries, caller-allocated, written
 * only on success. Errors: WP_EARG in a parallel region, WP_EIGRAPH, WP_ENOMEM. O(m d) for
 * maximum degree d, in igraph's implementation. */
wp_status wp_structure_clustering(const wp_graph *g, bool zero_low_degree, double *scores,
                                  char *err);

typedef enum wp_community_method {
	WP_COMMUNITIES_LEIDEN = 0, /* igraph_community_leiden, modularity objective */
	WP_COMMUNITIES_LOUVAIN = 1 /* igraph_community_multilevel */
} wp_community_method;

/* Options of community detection; start from WP_COMMUNITIES_DEFAULTS. */
typedef struct wp_communities_opts {
	wp_community_method method;
	double resolution; /* modularity's resolution gamma (> 0): higher gives smaller communities
	                    */
	bool weighted;     /* use g's weights (g must be weighted; weights must be >= 0) */
	uint64_t seed;     /* igraph's random number generator is seeded with this */
	double beta;       /* Leiden's randomness in the refinement step (igraph's beta) */
	int iterations;    /* Leiden: passes; negative: until the partition stops changing */
} wp_communities_opts;

#define WP_COMMUNITIES_DEFAULTS                                 \
	((wp_communities_opts){.method = WP_COMMUNITIES_LEIDEN, \
	                       .resolution = 1.0,               \
	                       .weighted = false,               \
	                       .seed = 1,                       \
	                       .beta = 0.01,                    \
	                       .iterations = -1})

/* A partition of the vertices. */
typedef struct wp_communities {
	uint32_t n;
	uint32_t count;       /* communities (n for an edgeless graph: one per vertex) */
	uint32_t *membership; /* n: community of each vertex, numbered by decreasing size, ties by
	                       * the smallest vertex id in the community */
	uint32_t *sizes;      /* count */
	double modularity;    /* igraph_modularity() of the partition at the given resolution
	                       * (NaN for a graph without edges, as igraph returns) */
	wp_community_method method;
} wp_communities;

/* Communities of g by Leiden with modularity (WP_COMMUNITIES_DEFAULTS). */
wp_status wp_structure_communities(const wp_graph *g, wp_communities *c, char *err);

/* Communities with options (opts NULL = defaults). Leiden optimises modularity: node weights
 * are the (weighted) degrees and igraph's resolution parameter is resolution / (2 W) for total
 * edge weight W. Louvain is igraph's multilevel algorithm at the given resolution. The result
 * depends only on the graph and the options: igraph's generator is seeded before the call. c is
 * cleared on entry and written only on success; release it with wp_communities_free(). Errors:
 * WP_EARG (resolution not positive, weighted on an unweighted graph, in a parallel region),
 * WP_EIGRAPH, WP_ENOMEM. Time: near-linear in m per pass (igraph's implementations). */
wp_status wp_structure_communities_opts(const wp_graph *g, const wp_communities_opts *opts,
                                        wp_communities *c, char *err);

/* Releases c and zeroes it; accepts a zeroed or already freed struct. */
void wp_communities_free(wp_communities *c);

#endif
