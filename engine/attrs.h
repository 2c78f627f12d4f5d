/* attrs.h - named string attributes of vertices (a GraphML node's "name" or "label", say).
 *
 * Importers set values as vertices appear, in any order and only for some vertices; once the
 * vertex count is final, wp_attrs_finalize() turns each column into a dense table indexed by
 * vertex id, with "" where a vertex has no value. Before that, values sit in a sparse list.
 */
#ifndef WP_ATTRS_H
#define WP_ATTRS_H

#include <stdint.h>

#include "engine/labels.h"
#include "engine/strtab.h"

typedef struct wp_attr_column {
	char *name;       /* attribute name, owned */
	wp_strtab values; /* dense: values.count == vertex count once finalized */
	wp_vertex
	        *owners; /* sparse phase: owners[i] is the vertex of values string i; NULL after */
} wp_attr_column;

typedef struct wp_attrs {
	wp_attr_column *cols;
	uint32_t count;
	uint32_t cap;
} wp_attrs;

/* Index of the column called name, or -1. */
int wp_attrs_find(const wp_attrs *a, const char *name);

/* Sets attribute `name` of vertex v to value[0..len) (no NUL inside), adding the column if
 * needed. Only before finalize; a later value for the same vertex replaces an earlier one. */
wp_status wp_attrs_set(wp_attrs *a, const char *name, wp_vertex v, const char *value, size_t len,
                       char *err);

/* Makes every column dense over vertices 0..n-1. On error the attributes are unchanged. */
wp_status wp_attrs_finalize(wp_attrs *a, uint32_t n, char *err);

/* Value of column c for vertex v after finalize ("" when unset). */
static inline const char *wp_attrs_get(const wp_attrs *a, int c, wp_vertex v)
{
	return wp_strtab_get(&a->cols[c].values, v);
}

uint64_t wp_attrs_memory(const wp_attrs *a);

void wp_attrs_move(wp_attrs *to, wp_attrs *from);

/* Releases everything; accepts a zeroed or already freed struct. */
void wp_attrs_free(wp_attrs *a);

#endif
