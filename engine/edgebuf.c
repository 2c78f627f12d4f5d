/* edgebuf.c - the growable edge list that importers and generators fill (see edgebuf.h). */
#include "engine/edgebuf.h"

#include <stdlib.h>
#include <string.h>

wp_status wp_edgebuf_reserve(wp_edgebuf *eb, uint64_t cap, char *err)
{
	wp_status st = WP_OK;
	if (cap <= eb->cap)
		return WP_OK;
	wp_vertex *src = realloc(eb->src, cap * sizeof(*src));
	if (src == NULL)
		WP_FAIL(WP_ENOMEM, "cannot grow the edge buffer to %llu edges",
		        (unsigned long long)cap);
	eb->src = src;
	wp_vertex *dst = realloc(eb->dst, cap * sizeof(*dst));
	if (dst == NULL)
		WP_FAIL(WP_ENOMEM, "cannot grow the edge buffer to %llu edges",
		        (unsigned long long)cap);
	eb->dst = dst;
	if (eb->weights != NULL) {
		float *w = realloc(eb->weights, cap * sizeof(*w));
		if (w == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow the edge weights to %llu edges",
			        (unsigned long long)cap);
		eb->weights = w;
	}
	/* Only now is every array at least cap long. */
	eb->cap = cap;
	return WP_OK;
fail:
	return st;
}

static wp_status grow(wp_edgebuf *eb, char *err)
{
	return wp_edgebuf_reserve(eb, eb->cap ? eb->cap * 2 : 4096, err);
}

wp_status wp_edgebuf_push(wp_edgebuf *eb, wp_vertex u, wp_vertex v, char *err)
{
	if (eb->count == eb->cap) {
		wp_status st = grow(eb, err);
		if (st != WP_OK)
			return st;
	}
	eb->src[eb->count] = u;
	eb->dst[eb->count] = v;
	if (eb->weights != NULL)
		eb->weights[eb->count] = 1.0f;
	eb->count++;
	return WP_OK;
}

wp_status wp_edgebuf_push_weighted(wp_edgebuf *eb, wp_vertex u, wp_vertex v, float w, char *err)
{
	wp_status st = WP_OK;
	if (eb->weights == NULL) {
		uint64_t cap = eb->cap ? eb->cap : 4096;
		float *ws = malloc(cap * sizeof(*ws));
		if (ws == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate edge weights for %llu edges",
			        (unsigned long long)cap);
		for (uint64_t i = 0; i < eb->count; i++)
			ws[i] = 1.0f;
		eb->weights = ws;
		if (eb->cap == 0)
			WP_TRY(wp_edgebuf_reserve(eb, cap, err));
	}
	if (eb->count == eb->cap)
		WP_TRY(grow(eb, err));
	eb->src[eb->count] = u;
	eb->dst[eb->count] = v;
	eb->weights[eb->count] = w;
	eb->count++;
	return WP_OK;
fail:
	return st;
}

void wp_edgebuf_release_edges(wp_edgebuf *eb)
{
	free(eb->src);
	free(eb->dst);
	free(eb->weights);
	eb->src = eb->dst = NULL;
	eb->weights = NULL;
	eb->count = eb->cap = 0;
}

void wp_edgebuf_free(wp_edgebuf *eb)
{
	wp_edgebuf_release_edges(eb);
	wp_labels_free(&eb->labels);
	wp_attrs_free(&eb->attrs);
}
