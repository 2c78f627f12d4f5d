/* writers_internal.h - what the graph writers share: numbers in the C locale, shortest exact
 * decimals, and checking and escaping text for XML. Not part of the public API (locale_t needs
 * POSIX 2008, which library users may not compile with). */
#ifndef WP_WRITERS_INTERNAL_H
#define WP_WRITERS_INTERNAL_H

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "engine/labels.h"
#include "engine/status.h"
#include "exporters/vertex_values.h"

/* The shortest "%g" form of x (finite) that strtod() reads back as x, into buf (WP_VALUE_BUF). */
void wp_format_double(double x, char *buf);

/* The shortest "%g" form of the float w that strtof() reads back as w ("0.1", not
 * "0.100000001"). */
void wp_format_float(float w, char *buf);

/* Switches the calling thread to the "C" numeric locale until wp_c_locale_leave(), so decimals
 * print with a point whatever the program's locale. WP_ENOMEM if the locale cannot be made. */
typedef struct wp_c_locale {
	locale_t c, old;
} wp_c_locale;
wp_status wp_c_locale_enter(wp_c_locale *l, char *err);
void wp_c_locale_leave(wp_c_locale *l);

/* Whether text[0..len) is UTF-8 made only of characters XML 1.0 allows. If not, *cp is the
 * first offending code point, or UINT32_MAX where the bytes are not UTF-8. */
bool wp_xml_text_ok(const char *text, size_t len, uint32_t *cp);

/* Writes s to out with what XML markup needs escaped: in an attribute value (attribute true)
 * & < > " as entities and tab, newline and carriage return as character references (so a reader
 * does not normalise them to spaces); in element text & < > and carriage return. s must have
 * passed wp_xml_text_ok(). Write errors are left in ferror(out). */
void wp_xml_put(FILE *out, const char *s, bool attribute);

/* Checks that every label of labels (n of them, none empty), every column name and every text
 * value of vv (may be NULL) can be written as XML 1.0, and that weights[0..m) (may be NULL) are
 * finite. Messages name the output (name), e.g. "out.gexf: the label of vertex 1 contains U+0001,
 * which XML 1.0 cannot represent". WP_EINPUT or WP_EARG. O(n + m + bytes of text). */
wp_status wp_xml_check(const wp_labels *labels, uint32_t n, const wp_vertex_values *vv,
                       const float *weights, uint64_t m, const char *name, const char *format,
                       char *err);

#endif
