/* attrs.c - named string attributes of vertices, sparse while importing, dense after (attrs.h). */
#include "engine/attrs.h"

#include <stdlib.h>
#include <string.h>

int wp_attrs_find(const wp_attrs *a, const char *name)
{
	for (uint32_t i = 0; i < a->count; i++)
		if (strcmp(a->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

static wp_status add_column(wp_attrs *a, const char *name, int *index, char *err)
{
	wp_status st = WP_OK;
	char *copy = NULL;
	if (a->count == a->cap) {
		uint32_t cap = a->cap ? a->cap * 2 : 4;
		wp_attr_column *cols = realloc(a->cols, cap * sizeof(*cols));
		if (cols == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate attribute columns");
		a->cols = cols;
		a->cap = cap;
	}
	copy = strdup(name);
	if (copy == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate an attribute name");
	memset(&a->cols[a->count], 0, sizeof(a->cols[a->count]));
	a->cols[a->count].name = copy;
	*index = (int)a->count++;
	return WP_OK;
fail:
	free(copy);
	return st;
}

wp_status wp_attrs_set(wp_attrs *a, const char *name, wp_vertex v, const char *value, size_t len,
                       char *err)
{
	wp_status st = WP_OK;
	int c = wp_attrs_find(a, name);
	if (c < 0)
		WP_TRY(add_column(a, name, &c, err));
	wp_attr_column *col = &a->cols[c];
	uint32_t i = col->values.count;
	/* The owner list's capacity is implied by its length: 1024, then doubling at each power of
	 * two, so appending n values costs O(n) in all. */
	if (i == 0 || (i >= 1024 && (i & (i - 1)) == 0)) {
		size_t cap = i == 0 ? 1024 : (size_t)i * 2;
		wp_vertex *o = realloc(col->owners, cap * sizeof(*o));
		if (o == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow attribute '%s'", name);
		col->owners = o;
	}
	WP_TRY(wp_strtab_append(&col->values, value, len, err));
	col->owners[i] = v;
	return WP_OK;
fail:
	return st;
}

/* Builds the dense table of one column: for each vertex, its last value or "". */
static wp_status densify(wp_attr_column *col, uint32_t n, wp_strtab *dense, char *err)
{
	wp_status st = WP_OK;
	uint32_t *latest = malloc(((size_t)n + 1) * sizeof(*latest));
	if (latest == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate attribute index for %u vertices", n);
	memset(latest, 0xFF, ((size_t)n + 1) * sizeof(*latest));
	for (uint32_t i = 0; i < col->values.count; i++)
		if (col->owners[i] < n)
			latest[col->owners[i]] = i;
	for (uint32_t v = 0; v < n; v++) {
		uint32_t i = latest[v];
		if (i == UINT32_MAX)
			WP_TRY(wp_strtab_append(dense, "", 0, err));
		else
			WP_TRY(wp_strtab_append(dense, wp_strtab_get(&col->values, i),
			                        wp_strtab_len(&col->values, i), err));
	}
	free(latest);
	return WP_OK;
fail:
	free(latest);
	wp_strtab_free(dense);
	return st;
}

wp_status wp_attrs_finalize(wp_attrs *a, uint32_t n, char *err)
{
	wp_status st = WP_OK;
	wp_strtab *dense = NULL;
	if (a->count == 0)
		return WP_OK;
	dense = calloc(a->count, sizeof(*dense));
	if (dense == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate attribute tables");
	/* Build every dense table before replacing any, so an error changes nothing. */
	for (uint32_t c = 0; c < a->count; c++) {
		if (a->cols[c].owners == NULL)
			continue; /* already dense */
		WP_TRY(densify(&a->cols[c], n, &dense[c], err));
	}
	for (uint32_t c = 0; c < a->count; c++) {
		if (a->cols[c].owners == NULL)
			continue;
		wp_strtab_free(&a->cols[c].values);
		a->cols[c].values = dense[c];
		free(a->cols[c].owners);
		a->cols[c].owners = NULL;
	}
	free(dense);
	return WP_OK;
fail:
	if (dense != NULL)
		for (uint32_t c = 0; c < a->count; c++)
			wp_strtab_free(&dense[c]);
	free(dense);
	return st;
}

uint64_t wp_attrs_memory(const wp_attrs *a)
{
	uint64_t bytes = 0;
	for (uint32_t c = 0; c < a->count; c++)
		bytes += wp_strtab_memory(&a->cols[c].values);
	return bytes;
}

void wp_attrs_move(wp_attrs *to, wp_attrs *from)
{
	*to = *from;
	memset(from, 0, sizeof(*from));
}

void wp_attrs_free(wp_attrs *a)
{
	for (uint32_t c = 0; c < a->count; c++) {
		free(a->cols[c].name);
		free(a->cols[c].owners);
		wp_strtab_free(&a->cols[c].values);
	}
	free(a->cols);
	memset(a, 0, sizeof(*a));
}
