/* igraph_bridge.c - wp_graph <-> igraph_t conversion and igraph error capture (igraph_bridge.h).
 *
 * igraph reports an error by calling the installed handler once for the failing call and once
 * more (with an empty reason) for every IGRAPH_CHECK it unwinds through, so the handler keeps the
 * first reason it sees, replacing only a record that had no reason text, until
 * wp_igraph_clear() or wp_igraph_status() forgets it. The record is a static buffer: igraph
 * here is not thread-safe anyway, and every call into it happens outside parallel regions.
 *
 * The conversions fill igraph's edge vector serially: igraph_create() then sorts and indexes the
 * edges serially itself and dominates the time, so a parallel fill would not pay.
 */
#include "engine/igraph_bridge.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "engine/edgebuf.h"
#include "engine/parallel.h"

enum { REASON_LEN = 384 };

static bool installed;
static int recorded; /* 0: nothing, 1: location only, 2: location and reason */
static char reason_text[REASON_LEN];

static void on_error(const char *reason, const char *file, int line, igraph_error_t code)
{
	bool has_reason = reason != NULL && reason[0] != '\0';
	if (recorded == 0 || (recorded == 1 && has_reason)) {
		if (has_reason)
			snprintf(reason_text, sizeof(reason_text), "%s: %s (%s:%d)",
			         igraph_strerror(code), reason, file ? file : "?", line);
		else
			snprintf(reason_text, sizeof(reason_text), "%s (%s:%d)",
			         igraph_strerror(code), file ? file : "?", line);
		recorded = has_reason ? 2 : 1;
	}
	IGRAPH_FINALLY_FREE();
}

static void on_warning(const char *reason, const char *file, int line)
{
	(void)reason;
	(void)file;
	(void)line;
}

void wp_igraph_setup(void)
{
	if (installed)
		return;
	igraph_set_error_handler(on_error);
	igraph_set_warning_handler(on_warning);
	installed = true;
}

void wp_igraph_clear(void)
{
	recorded = 0;
	reason_text[0] = '\0';
}

wp_status wp_igraph_status(igraph_error_t code, char *err)
{
	wp_status st = WP_OK;
	if (code == IGRAPH_SUCCESS)
		return WP_OK;
	if (recorded)
		st = wp_error(err, WP_EIGRAPH, "igraph: %s", reason_text);
	else
		st = wp_error(err, WP_EIGRAPH, "igraph: %s", igraph_strerror(code));
	wp_igraph_clear();
	return st;
}

wp_status wp_igraph_from_graph(const wp_graph *g, igraph_t *out, igraph_vector_t *weights_or_null,
                               char *err)
{
	wp_status st = WP_OK;
	igraph_vector_int_t edges;
	bool have_edges = false;

	if (wp_in_parallel())
		WP_FAIL(WP_EARG,
		        "wp_igraph_from_graph: called inside a parallel region, but igraph "
		        "is not thread-safe");
	wp_igraph_setup();

	uint64_t count = wp_graph_edges(g);
	WP_IGRAPH_TRY(igraph_vector_int_init(&edges, (igraph_integer_t)(2 * count)));
	have_edges = true;
	if (weights_or_null != NULL)
		WP_IGRAPH_TRY(igraph_vector_resize(weights_or_null, (igraph_integer_t)count));

	igraph_integer_t *e = VECTOR(edges);
	igraph_real_t *w = weights_or_null ? VECTOR(*weights_or_null) : NULL;
	uint64_t k = 0;
	for (wp_vertex u = 0; u < g->n; u++) {
		for (uint64_t i = g->offsets[u]; i < g->offsets[u + 1]; i++) {
			wp_vertex v = g->targets[i];
			if (!g->directed && v < u)
				continue;
			e[2 * k] = u;
			e[2 * k + 1] = v;
			if (w)
				w[k] = g->weights ? (igraph_real_t)g->weights[i] : 1.0;
			k++;
		}
	}
	/* An undirected wp_graph is symmetric without self-loops, so exactly m/2 arcs have u < v.
	 */
	if (k != count)
		WP_FAIL(WP_EARG,
		        "wp_igraph_from_graph: undirected graph is not symmetric "
		        "(%llu edges with u < v, expected %llu)",
		        (unsigned long long)k, (unsigned long long)count);

	WP_IGRAPH_TRY(igraph_create(out, &edges, (igraph_integer_t)g->n, g->directed));
	igraph_vector_int_destroy(&edges);
	return WP_OK;
fail:
	if (have_edges)
		igraph_vector_int_destroy(&edges);
	return st;
}

wp_status wp_graph_from_igraph(wp_graph *g, const igraph_t *ig,
                               const igraph_vector_t *weights_or_null, char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf eb = {0};

	memset(g, 0, sizeof(*g));
	if (wp_in_parallel())
		WP_FAIL(WP_EARG,
		        "wp_graph_from_igraph: called inside a parallel region, but igraph "
		        "is not thread-safe");
	wp_igraph_setup();

	igraph_integer_t n = igraph_vcount(ig), count = igraph_ecount(ig);
	if ((uint64_t)n > WP_MAX_VERTICES)
		WP_FAIL(WP_ELIMIT, "igraph graph has %lld vertices; warmpath's limit is %u",
		        (long long)n, (unsigned)WP_MAX_VERTICES);
	if (weights_or_null != NULL && igraph_vector_size(weights_or_null) != count)
		WP_FAIL(WP_EARG, "igraph graph has %lld edges but %lld weights", (long long)count,
		        (long long)igraph_vector_size(weights_or_null));

	for (igraph_integer_t v = 0; v < n; v++) {
		char label[24];
		wp_vertex id;
		int len = snprintf(label, sizeof(label), "%lld", (long long)v);
		WP_TRY(wp_labels_intern(&eb.labels, label, (size_t)len, &id, NULL, err));
	}
	if (count > 0)
		WP_TRY(wp_edgebuf_reserve(&eb, (uint64_t)count, err));
	for (igraph_integer_t i = 0; i < count; i++) {
		wp_vertex u = (wp_vertex)IGRAPH_FROM(ig, i), v = (wp_vertex)IGRAPH_TO(ig, i);
		if (weights_or_null != NULL)
			WP_TRY(wp_edgebuf_push_weighted(&eb, u, v,
			                                (float)VECTOR(*weights_or_null)[i], err));
		else
			WP_TRY(wp_edgebuf_push(&eb, u, v, err));
	}
	WP_TRY(wp_graph_build(g, &eb, igraph_is_directed(ig), err));
	return WP_OK;
fail:
	wp_edgebuf_free(&eb);
	memset(g, 0, sizeof(*g));
	return st;
}
