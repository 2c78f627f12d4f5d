/* vertex_values.h - named columns of per-vertex results that the graph writers emit.
 *
 * A wp_vertex_values holds columns over the vertices 0..n-1 of one graph: numbers (a centrality,
 * a community id, a member flag) or text (a company). Each writer turns a column into what its
 * format calls an attribute: a GraphML <key> with attr.type, a GEXF <attribute> with its type, a
 * DOT attribute, a CSV column. The type says how a value is written, so that the reading tool
 * gets the type back: WP_VALUE_DOUBLE (shortest decimal that reads back as the same double),
 * WP_VALUE_LONG (an integer), WP_VALUE_BOOL (true/false), WP_VALUE_TEXT.
 *
 * Missing values: NaN in a numeric column, "" in a text column. XML writers leave them out (the
 * reader's default applies: igraph reads a missing double as NaN); CSV writes "NaN" for a missing
 * number (as `warmpath centrality --format csv` does) and an empty field for missing text.
 *
 * Text columns are either owned (moved in) or borrowed from a wp_attrs, which must then outlive
 * the values. The writers' shared helpers (number formatting in the C locale, the XML 1.0 text
 * check) are in exporters/writers_internal.h, so each format's file only knows its syntax.
 */
#ifndef WP_VERTEX_VALUES_H
#define WP_VERTEX_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "engine/attrs.h"
#include "engine/labels.h"
#include "engine/status.h"
#include "engine/strtab.h"

typedef enum wp_value_type {
	WP_VALUE_DOUBLE = 0,
	WP_VALUE_LONG = 1, /* whole numbers of magnitude below 2^53, held as doubles */
	WP_VALUE_BOOL = 2, /* 0 false, anything else true */
	WP_VALUE_TEXT = 3
} wp_value_type;

typedef struct wp_value_column {
	char *name; /* owned */
	wp_value_type type;
	double *numbers;       /* n values of a numeric column (NaN = missing), owned; else NULL */
	wp_strtab owned;       /* the text of an owned text column */
	const wp_strtab *text; /* text column: &owned or a borrowed wp_attrs column; else NULL */
} wp_value_column;

typedef struct wp_vertex_values {
	uint32_t n; /* vertices every column covers */
	wp_value_column *cols;
	uint32_t count;
	uint32_t cap;
} wp_vertex_values;

/* Buffer size that wp_vertex_values_format() needs. */
#define WP_VALUE_BUF 40

/* Starts an empty set of columns over n vertices. Never fails; free with wp_vertex_values_free. */
void wp_vertex_values_init(wp_vertex_values *vv, uint32_t n);

/* Adds a numeric column (type DOUBLE, LONG or BOOL) holding a copy of x[0..n). A column of the
 * same name is replaced in place (so a computed "betweenness" replaces one read from the input).
 * Errors: WP_EARG for an empty name, a TEXT type, or a LONG value that is not a whole number
 * below 2^53 in magnitude; WP_ENOMEM. On error vv is unchanged. O(n). */
wp_status wp_vertex_values_add_numbers(wp_vertex_values *vv, const char *name, wp_value_type type,
                                       const double *x, char *err);

/* Adds a text column that takes over *text (which must hold n strings; it is left empty, also
 * on error). Replacement and errors as above; WP_EARG if text->count != n. O(1). */
wp_status wp_vertex_values_add_text(wp_vertex_values *vv, const char *name, wp_strtab *text,
                                    char *err);

/* Adds every column of a (finalized, over n vertices) as a borrowed text column, in a's order;
 * a must outlive vv. WP_EARG if a column does not have n values. O(columns). */
wp_status wp_vertex_values_add_attrs(wp_vertex_values *vv, const wp_attrs *a, char *err);

/* Index of the column called name, or -1. */
int wp_vertex_values_find(const wp_vertex_values *vv, const char *name);

/* Whether column c has no value for vertex v (NaN, or "" for text). */
bool wp_vertex_values_missing(const wp_vertex_values *vv, uint32_t c, wp_vertex v);

/* The value of column c for vertex v as the text a writer prints: "" when missing, the text
 * itself for a text column (returned directly, valid while vv lives), otherwise formatted into
 * buf (WP_VALUE_BUF bytes) in the C locale: shortest round-trip decimal, "INF"/"-INF" for
 * infinities (XML Schema's spelling), integers without a fraction, "true"/"false". */
const char *wp_vertex_values_format(const wp_vertex_values *vv, uint32_t c, wp_vertex v, char *buf);

/* Releases every column and zeroes vv; accepts a zeroed or already freed struct. */
void wp_vertex_values_free(wp_vertex_values *vv);

#endif
