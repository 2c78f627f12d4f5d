/* import_readers.h - helpers shared by the tests of the interchange readers (GEXF, Pajek,
 * Matrix Market, graph-tool): load a string or a file through one reader, build the graph, and
 * look at vertices, arcs, weights and attributes by label. Every helper asserts. */
#ifndef WP_TEST_IMPORT_READERS_H
#define WP_TEST_IMPORT_READERS_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>

#include "importers/import.h"

typedef wp_status (*reader_fn)(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb,
                               bool *directed, char *err);

typedef struct loaded {
	wp_status st;
	char err[WP_ERR_LEN];
	bool directed;
	uint64_t edges_read; /* edges in the buffer before the build */
	wp_graph g;
} loaded;

/* Reads src with fn and, on success, builds the graph into r->g. */
static inline void load_source(reader_fn fn, wp_source *src, loaded *r)
{
	wp_edgebuf eb = {0};
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	memset(r, 0, sizeof(*r));
	r->st = fn(src, &o, &eb, &r->directed, r->err);
	r->edges_read = eb.count;
	if (r->st == WP_OK)
		r->st = wp_graph_build(&r->g, &eb, r->directed, r->err);
	wp_edgebuf_free(&eb);
}

/* Reads data[0..len) as a file called name. */
static inline void load_mem(reader_fn fn, const char *name, const void *data, size_t len, loaded *r)
{
	/* fmemopen refuses a zero-length buffer; an empty file is /dev/null. */
	FILE *f = len ? fmemopen((void *)data, len, "r") : fopen("/dev/null", "r");
	wp_source src;
	cr_assert(not(eq(ptr, f, NULL)));
	wp_source_from_file(&src, f, name);
	load_source(fn, &src, r);
	fclose(f);
}

static inline void load_text(reader_fn fn, const char *name, const char *text, loaded *r)
{
	load_mem(fn, name, text, strlen(text), r);
}

static inline void load_path(reader_fn fn, const char *path, loaded *r)
{
	wp_source src;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_source_open(&src, path, err), WP_OK), "%s", err);
	load_source(fn, &src, r);
	wp_source_close(&src);
}

static inline wp_vertex id_of(const loaded *r, const char *label)
{
	wp_vertex v = WP_NO_VERTEX;
	cr_assert(eq(int,
	             wp_labels_lookup((wp_labels *)&r->g.labels, label, strlen(label), &v, NULL),
	             WP_OK),
	          "label %s missing", label);
	return v;
}

static inline bool has_arc(const loaded *r, const char *a, const char *b)
{
	return wp_graph_find_arc(&r->g, id_of(r, a), id_of(r, b)) != UINT64_MAX;
}

static inline float arc_weight(const loaded *r, const char *a, const char *b)
{
	uint64_t i = wp_graph_find_arc(&r->g, id_of(r, a), id_of(r, b));
	cr_assert(not(eq(u64, i, UINT64_MAX)), "no arc %s -> %s", a, b);
	cr_assert(not(eq(ptr, r->g.weights, NULL)), "the graph is unweighted");
	return r->g.weights[i];
}

/* Attribute `name` of the vertex labelled `label` ("" when unset). */
static inline const char *attr_of(const loaded *r, const char *name, const char *label)
{
	int c = wp_attrs_find(&r->g.attrs, name);
	cr_assert(c >= 0, "no attribute %s", name);
	return wp_attrs_get(&r->g.attrs, c, id_of(r, label));
}

#endif
