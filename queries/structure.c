/* structure.c - degree, and coreness, eigenvector, clustering and communities via igraph.
 *
 * Each igraph-backed function converts the graph with the bridge (for clustering and communities
 * of a directed graph, to the undirected graph of its arcs, built here), runs one igraph routine
 * and copies the result out, so nothing of igraph outlives a call. All of it is serial and must
 * run outside OpenMP parallel regions (igraph 0.10.2 is built without thread safety). Costs are
 * igraph's plus O(n + m) for the conversion. Communities are renumbered by decreasing size (ties:
 * smallest vertex), so that the numbering depends only on the partition. References: Batagelj and
 * Zaversnik, "An O(m) algorithm for cores decomposition of networks" (2003); Traag, Waltman and
 * van Eck, "From Louvain to Leiden" (Sci. Rep. 9, 2019); Blondel, Guillaume, Lambiotte and
 * Lefebvre, "Fast unfolding of communities in large networks" (J. Stat. Mech., 2008).
 */
#include "queries/structure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/igraph_bridge.h"
#include "engine/parallel.h"

void wp_structure_degree(const wp_graph *g, wp_structure_mode mode, uint64_t *degrees)
{
	for (wp_vertex v = 0; v < g->n; v++) {
		if (!g->directed || mode == WP_STRUCTURE_OUT)
			degrees[v] = wp_graph_out_degree(g, v);
		else if (mode == WP_STRUCTURE_IN)
			degrees[v] = wp_graph_in_degree(g, v);
		else
			degrees[v] = wp_graph_degree(g, v);
	}
}

static igraph_neimode_t neimode(wp_structure_mode mode)
{
	return mode == WP_STRUCTURE_OUT  ? IGRAPH_OUT
	       : mode == WP_STRUCTURE_IN ? IGRAPH_IN
	                                 : IGRAPH_ALL;
}

/* The undirected graph of a directed g's arcs: one edge {u, v} wherever u -> v or v -> u, with
 * the larger weight of the two when both exist; edges in order of (min, max) endpoint. */
static wp_status undirected_view(const wp_graph *g, bool weighted, igraph_t *out,
                                 igraph_vector_t *weights, char *err)
{
	wp_status st = WP_OK;
	igraph_vector_int_t edges;
	bool have_edges = false;

	WP_IGRAPH_TRY(igraph_vector_int_init(&edges, 0));
	have_edges = true;
	if (weighted)
		WP_IGRAPH_TRY(igraph_vector_resize(weights, 0));
	for (wp_vertex u = 0; u < g->n; u++) {
		for (uint64_t a = g->offsets[u]; a < g->offsets[u + 1]; a++) {
			wp_vertex v = g->targets[a];
			uint64_t back = wp_graph_find_arc(g, v, u);
			if (v < u && back != UINT64_MAX)
				continue; /* added from v's side */
			WP_IGRAPH_TRY(igraph_vector_int_push_back(&edges, u));
			WP_IGRAPH_TRY(igraph_vector_int_push_back(&edges, v));
			if (weighted) {
				double w = g->weights[a];
				if (back != UINT64_MAX && g->weights[back] > w)
					w = g->weights[back];
				WP_IGRAPH_TRY(igraph_vector_push_back(weights, w));
			}
		}
	}
	WP_IGRAPH_TRY(igraph_create(out, &edges, (igraph_integer_t)g->n, IGRAPH_UNDIRECTED));
	igraph_vector_int_destroy(&edges);
	return WP_OK;
fail:
	if (have_edges)
		igraph_vector_int_destroy(&edges);
	return st;
}

/* g as an igraph graph, undirected if `undirected` (the view above for a directed g), with its
 * weights in *weights when `weighted` (weights must be initialised). */
static wp_status convert(const wp_graph *g, bool undirected, bool weighted, igraph_t *out,
                         igraph_vector_t *weights, char *err)
{
	wp_status st = WP_OK;
	if (wp_in_parallel())
		WP_FAIL(WP_EARG, "structure: called inside a parallel region, but igraph is not "
		                 "thread-safe");
	if (weighted && g->m > 0 && g->weights == NULL)
		WP_FAIL(WP_EARG, "structure: weights requested, but the graph is unweighted");
	wp_igraph_setup();
	if (undirected && g->directed)
		WP_TRY(undirected_view(g, weighted, out, weights, err));
	else
		WP_TRY(wp_igraph_from_graph(g, out, weighted ? weights : NULL, err));
	return WP_OK;
fail:
	return st;
}

wp_status wp_structure_coreness(const wp_graph *g, wp_structure_mode mode, uint32_t *cores,
                                char *err)
{
	wp_status st = WP_OK;
	igraph_t ig;
	igraph_vector_int_t res;
	bool have_graph = false, have_res = false;

	WP_TRY(convert(g, false, false, &ig, NULL, err));
	have_graph = true;
	WP_IGRAPH_TRY(igraph_vector_int_init(&res, 0));
	have_res = true;
	WP_IGRAPH_TRY(igraph_coreness(&ig, &res, neimode(mode)));
	for (wp_vertex v = 0; v < g->n; v++)
		cores[v] = (uint32_t)VECTOR(res)[v];
	st = WP_OK;
fail:
	if (have_res)
		igraph_vector_int_destroy(&res);
	if (have_graph)
		igraph_destroy(&ig);
	return st;
}

wp_status wp_structure_eigenvector(const wp_graph *g, double *scores, char *err)
{
	return wp_structure_eigenvector_opts(g, NULL, scores, NULL, err);
}

wp_status wp_structure_eigenvector_opts(const wp_graph *g, const wp_eigenvector_opts *opts,
                                        double *scores, double *eigenvalue, char *err)
{
	wp_status st = WP_OK;
	wp_eigenvector_opts o = opts ? *opts : WP_EIGENVECTOR_DEFAULTS;
	igraph_t ig;
	igraph_vector_t res, w;
	igraph_arpack_options_t arpack;
	bool have_graph = false, have_res = false, have_w = false;
	igraph_real_t value = 0;

	if (g->n == 0) {
		if (eigenvalue)
			*eigenvalue = 0;
		return WP_OK;
	}
	WP_IGRAPH_TRY(igraph_vector_init(&w, 0));
	have_w = true;
	bool weighted = o.weighted && g->weights != NULL;
	WP_TRY(convert(g, false, o.weighted, &ig, &w, err));
	have_graph = true;
	WP_IGRAPH_TRY(igraph_vector_init(&res, 0));
	have_res = true;
	igraph_arpack_options_init(&arpack);
	WP_IGRAPH_TRY(igraph_eigenvector_centrality(&ig, &res, &value, true, true,
	                                            weighted ? &w : NULL, &arpack));
	memcpy(scores, VECTOR(res), (size_t)g->n * sizeof(*scores));
	if (eigenvalue)
		*eigenvalue = value;
	st = WP_OK;
fail:
	if (have_res)
		igraph_vector_destroy(&res);
	if (have_graph)
		igraph_destroy(&ig);
	if (have_w)
		igraph_vector_destroy(&w);
	return st;
}

wp_status wp_structure_clustering(const wp_graph *g, bool zero_low_degree, double *scores,
                                  char *err)
{
	wp_status st = WP_OK;
	igraph_t ig;
	igraph_vector_t res;
	bool have_graph = false, have_res = false;

	WP_TRY(convert(g, true, false, &ig, NULL, err));
	have_graph = true;
	WP_IGRAPH_TRY(igraph_vector_init(&res, 0));
	have_res = true;
	WP_IGRAPH_TRY(igraph_transitivity_local_undirected(
	        &ig, &res, igraph_vss_all(),
	        zero_low_degree ? IGRAPH_TRANSITIVITY_ZERO : IGRAPH_TRANSITIVITY_NAN));
	if (g->n > 0)
		memcpy(scores, VECTOR(res), (size_t)g->n * sizeof(*scores));
	st = WP_OK;
fail:
	if (have_res)
		igraph_vector_destroy(&res);
	if (have_graph)
		igraph_destroy(&ig);
	return st;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Renumbers raw community ids (igraph's, in any order) by decreasing size, ties by smallest
 * vertex, into c->membership, c->sizes and c->count. */
static wp_status renumber(const igraph_vector_int_t *raw, uint32_t n, wp_communities *c, char *err)
{
	wp_status st = WP_OK;
	uint32_t count = 0, used = 0, *size = NULL, *first = NULL, *rank = NULL;
	uint64_t *keys = NULL;

	for (uint32_t v = 0; v < n; v++)
		if ((uint32_t)VECTOR(*raw)[v] + 1 > count)
			count = (uint32_t)VECTOR(*raw)[v] + 1;
	/* + 1: never a zero-byte allocation (n > 0 here, so count > 0, but say so). */
	size = calloc((size_t)count + 1, sizeof(*size));
	first = calloc((size_t)count + 1, sizeof(*first));
	rank = calloc((size_t)count + 1, sizeof(*rank));
	keys = calloc((size_t)count + 1, sizeof(*keys));
	c->membership = calloc((size_t)n + 1, sizeof(*c->membership));
	c->sizes = calloc((size_t)count + 1, sizeof(*c->sizes));
	if (!size || !first || !rank || !keys || !c->membership || !c->sizes)
		WP_FAIL(WP_ENOMEM, "communities: cannot allocate %u communities", count);
	for (uint32_t v = 0; v < n; v++) {
		uint32_t k = (uint32_t)VECTOR(*raw)[v];
		if (size[k]++ == 0)
			first[k] = v;
	}
	/* Key: larger size first, then smaller first vertex; ids igraph left unused are skipped. */
	for (uint32_t k = 0; k < count; k++)
		if (size[k] > 0)
			keys[used++] = ((uint64_t)(UINT32_MAX - size[k]) << 32) | first[k];
	qsort(keys, used, sizeof(*keys), cmp_u64);
	for (uint32_t i = 0; i < used; i++) {
		uint32_t k = (uint32_t)VECTOR(*raw)[keys[i] & UINT32_MAX];
		rank[k] = i;
		c->sizes[i] = size[k];
	}
	for (uint32_t v = 0; v < n; v++)
		c->membership[v] = rank[VECTOR(*raw)[v]];
	c->count = used;
	free(size);
	free(first);
	free(rank);
	free(keys);
	return WP_OK;
fail:
	free(size);
	free(first);
	free(rank);
	free(keys);
	free(c->membership);
	free(c->sizes);
	c->membership = NULL;
	c->sizes = NULL;
	return st;
}

wp_status wp_structure_communities(const wp_graph *g, wp_communities *c, char *err)
{
	return wp_structure_communities_opts(g, NULL, c, err);
}

wp_status wp_structure_communities_opts(const wp_graph *g, const wp_communities_opts *opts,
                                        wp_communities *c, char *err)
{
	wp_status st = WP_OK;
	wp_communities_opts o = opts ? *opts : WP_COMMUNITIES_DEFAULTS;
	igraph_t ig;
	igraph_vector_t w, strength, levels;
	igraph_vector_int_t membership;
	bool have_graph = false, have_w = false, have_strength = false, have_levels = false,
	     have_membership = false;
	wp_communities out = {0};

	memset(c, 0, sizeof(*c));
	if (!(o.resolution > 0) || isinf(o.resolution))
		WP_FAIL(WP_EARG, "communities: resolution is %g; it must be positive",
		        o.resolution);
	if (o.method != WP_COMMUNITIES_LEIDEN && o.method != WP_COMMUNITIES_LOUVAIN)
		WP_FAIL(WP_EARG, "communities: unknown method %d", (int)o.method);
	out.method = o.method;
	if (g->n == 0) {
		out.modularity = NAN;
		*c = out;
		return WP_OK;
	}
	WP_IGRAPH_TRY(igraph_vector_init(&w, 0));
	have_w = true;
	bool weighted = o.weighted && g->weights != NULL;
	WP_TRY(convert(g, true, o.weighted, &ig, &w, err));
	have_graph = true;
	WP_IGRAPH_TRY(igraph_vector_int_init(&membership, 0));
	have_membership = true;
	const igraph_vector_t *wp = weighted ? &w : NULL;
	igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)o.seed);

	if (igraph_ecount(&ig) == 0) {
		/* Modularity is undefined without edges: every vertex is its own community. */
		WP_IGRAPH_TRY(igraph_vector_int_resize(&membership, (igraph_integer_t)g->n));
		for (wp_vertex v = 0; v < g->n; v++)
			VECTOR(membership)[v] = v;
	} else if (o.method == WP_COMMUNITIES_LEIDEN) {
		igraph_integer_t clusters = 0;
		igraph_real_t quality = 0, total = weighted ? igraph_vector_sum(&w)
		                                            : (igraph_real_t)igraph_ecount(&ig);
		WP_IGRAPH_TRY(igraph_vector_init(&strength, 0));
		have_strength = true;
		WP_IGRAPH_TRY(
		        igraph_strength(&ig, &strength, igraph_vss_all(), IGRAPH_ALL, true, wp));
		if (!(total > 0))
			WP_FAIL(WP_EARG,
			        "communities: the edge weights sum to %g; they must sum to "
			        "more than 0",
			        (double)total);
		WP_IGRAPH_TRY(igraph_community_leiden(
		        &ig, wp, &strength, o.resolution / (2.0 * total), o.beta, false,
		        o.iterations, &membership, &clusters, &quality));
	} else {
		WP_IGRAPH_TRY(igraph_vector_init(&levels, 0));
		have_levels = true;
		WP_IGRAPH_TRY(igraph_community_multilevel(&ig, wp, o.resolution, &membership, NULL,
		                                          &levels));
	}
	igraph_real_t q = NAN;
	WP_IGRAPH_TRY(igraph_modularity(&ig, &membership, wp, o.resolution, false, &q));
	out.modularity = q;
	out.n = g->n;
	WP_TRY(renumber(&membership, g->n, &out, err));
	*c = out;
	st = WP_OK;
fail:
	if (have_levels)
		igraph_vector_destroy(&levels);
	if (have_strength)
		igraph_vector_destroy(&strength);
	if (have_membership)
		igraph_vector_int_destroy(&membership);
	if (have_graph)
		igraph_destroy(&ig);
	if (have_w)
		igraph_vector_destroy(&w);
	return st;
}

void wp_communities_free(wp_communities *c)
{
	free(c->membership);
	free(c->sizes);
	memset(c, 0, sizeof(*c));
}
