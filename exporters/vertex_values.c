/* vertex_values.c - per-vertex result columns and the helpers the writers share (see
 * vertex_values.h).
 *
 * Columns are few (a handful of measures and person fields), so lookups by name are linear.
 * Numbers are formatted by trying 15, 16 then 17 significant digits and keeping the first that
 * strtod() reads back exactly: at most three snprintf calls per value, and "0.1" stays "0.1"
 * (any decimal of at most 15 digits survives a trip through a double, DBL_DIG, so "%.15g" finds
 * it; floats likewise start at 6 digits, FLT_DIG).
 */
#include "exporters/vertex_values.h"
#include "exporters/writers_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wp_vertex_values_init(wp_vertex_values *vv, uint32_t n)
{
	memset(vv, 0, sizeof(*vv));
	vv->n = n;
}

static void column_free(wp_value_column *c)
{
	free(c->name);
	free(c->numbers);
	wp_strtab_free(&c->owned);
	memset(c, 0, sizeof(*c));
}

int wp_vertex_values_find(const wp_vertex_values *vv, const char *name)
{
	for (uint32_t c = 0; c < vv->count; c++)
		if (strcmp(vv->cols[c].name, name) == 0)
			return (int)c;
	return -1;
}

/* Puts col (built but for its name) into vv under a copy of name: over the column of that name,
 * or at the end. On success col is emptied; on error it is left to the caller. */
static wp_status place(wp_vertex_values *vv, const char *name, wp_value_column *col, char *err)
{
	wp_status st = WP_OK;
	char *copy = strdup(name);
	if (copy == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a column name");
	int at = wp_vertex_values_find(vv, name);
	if (at < 0 && vv->count == vv->cap) {
		uint32_t cap = vv->cap ? vv->cap * 2 : 8;
		wp_value_column *cols = realloc(vv->cols, (size_t)cap * sizeof(*cols));
		if (cols == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %u result columns", cap);
		vv->cols = cols;
		vv->cap = cap;
	}
	if (at >= 0)
		column_free(&vv->cols[at]);
	else
		at = (int)vv->count++;
	vv->cols[at] = *col;
	vv->cols[at].name = copy;
	/* An owned text column points into itself: fix the pointer after the copy. */
	if (col->text == &col->owned)
		vv->cols[at].text = &vv->cols[at].owned;
	memset(col, 0, sizeof(*col));
	return WP_OK;
fail:
	free(copy);
	return st;
}

static wp_status check_name(const char *name, char *err)
{
	if (name == NULL || name[0] == '\0')
		return wp_error(err, WP_EARG, "a result column needs a name");
	return WP_OK;
}

wp_status wp_vertex_values_add_numbers(wp_vertex_values *vv, const char *name, wp_value_type type,
                                       const double *x, char *err)
{
	wp_status st = WP_OK;
	wp_value_column col = {0};
	WP_TRY(check_name(name, err));
	if (type == WP_VALUE_TEXT)
		WP_FAIL(WP_EARG, "column '%s': text is added with wp_vertex_values_add_text", name);
	if (type == WP_VALUE_LONG)
		for (uint32_t v = 0; v < vv->n; v++)
			if (!isnan(x[v]) &&
			    (x[v] != floor(x[v]) || fabs(x[v]) >= 9007199254740992.0))
				WP_FAIL(WP_EARG,
				        "column '%s': value %g of vertex %u is not an integer",
				        name, x[v], v);
	col.type = type;
	col.numbers = malloc((size_t)vv->n * sizeof(*col.numbers) + 1);
	if (col.numbers == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate column '%s' of %u values", name, vv->n);
	if (vv->n > 0)
		memcpy(col.numbers, x, (size_t)vv->n * sizeof(*col.numbers));
	WP_TRY(place(vv, name, &col, err));
	return WP_OK;
fail:
	column_free(&col);
	return st;
}

wp_status wp_vertex_values_add_text(wp_vertex_values *vv, const char *name, wp_strtab *text,
                                    char *err)
{
	wp_status st = WP_OK;
	wp_value_column col = {0};
	col.owned = *text;
	memset(text, 0, sizeof(*text));
	WP_TRY(check_name(name, err));
	if (col.owned.count != vv->n)
		WP_FAIL(WP_EARG, "column '%s' has %u values for %u vertices", name, col.owned.count,
		        vv->n);
	col.type = WP_VALUE_TEXT;
	col.text = &col.owned;
	WP_TRY(place(vv, name, &col, err));
	return WP_OK;
fail:
	column_free(&col);
	return st;
}

wp_status wp_vertex_values_add_attrs(wp_vertex_values *vv, const wp_attrs *a, char *err)
{
	wp_status st = WP_OK;
	wp_value_column col = {0};
	for (uint32_t c = 0; c < a->count; c++) {
		const wp_attr_column *ac = &a->cols[c];
		if (ac->owners != NULL || ac->values.count != vv->n)
			WP_FAIL(WP_EARG, "attribute '%s' has %u values for %u vertices", ac->name,
			        ac->values.count, vv->n);
		col.type = WP_VALUE_TEXT;
		col.text = &ac->values;
		WP_TRY(place(vv, ac->name, &col, err));
	}
	return WP_OK;
fail:
	return st;
}

bool wp_vertex_values_missing(const wp_vertex_values *vv, uint32_t c, wp_vertex v)
{
	const wp_value_column *col = &vv->cols[c];
	if (col->type == WP_VALUE_TEXT)
		return wp_strtab_len(col->text, v) == 0;
	return isnan(col->numbers[v]);
}

/* "%.*g" sends glibc's printf down its slow positional path; literal precisions stay on the
 * fast one (a third of the time of a GraphML export went there). */
static void print_g(char *buf, int prec, double x)
{
	switch (prec) {
	case 6:
		snprintf(buf, WP_VALUE_BUF, "%.6g", x);
		break;
	case 7:
		snprintf(buf, WP_VALUE_BUF, "%.7g", x);
		break;
	case 8:
		snprintf(buf, WP_VALUE_BUF, "%.8g", x);
		break;
	case 9:
		snprintf(buf, WP_VALUE_BUF, "%.9g", x);
		break;
	case 15:
		snprintf(buf, WP_VALUE_BUF, "%.15g", x);
		break;
	case 16:
		snprintf(buf, WP_VALUE_BUF, "%.16g", x);
		break;
	default:
		snprintf(buf, WP_VALUE_BUF, "%.17g", x);
		break;
	}
}

void wp_format_double(double x, char *buf)
{
	for (int prec = 15; prec <= 17; prec++) {
		print_g(buf, prec, x);
		if (prec == 17 || strtod(buf, NULL) == x)
			return;
	}
}

void wp_format_float(float w, char *buf)
{
	/* Any decimal of at most 6 digits survives a trip through a float (FLT_DIG), so when one
	 * reads back as w, "%.6g" (which drops trailing zeros) prints it: start there. */
	for (int prec = 6; prec <= 9; prec++) {
		print_g(buf, prec, (double)w);
		if (prec == 9 || strtof(buf, NULL) == w)
			return;
	}
}

const char *wp_vertex_values_format(const wp_vertex_values *vv, uint32_t c, wp_vertex v, char *buf)
{
	const wp_value_column *col = &vv->cols[c];
	if (col->type == WP_VALUE_TEXT)
		return wp_strtab_get(col->text, v);
	double x = col->numbers[v];
	if (isnan(x))
		buf[0] = '\0';
	else if (col->type == WP_VALUE_BOOL)
		snprintf(buf, WP_VALUE_BUF, "%s", x != 0 ? "true" : "false");
	else if (isinf(x))
		snprintf(buf, WP_VALUE_BUF, "%s", x > 0 ? "INF" : "-INF");
	else if (col->type == WP_VALUE_LONG)
		snprintf(buf, WP_VALUE_BUF, "%lld", (long long)x);
	else
		wp_format_double(x, buf);
	return buf;
}

void wp_vertex_values_free(wp_vertex_values *vv)
{
	for (uint32_t c = 0; c < vv->count; c++)
		column_free(&vv->cols[c]);
	free(vv->cols);
	memset(vv, 0, sizeof(*vv));
}

wp_status wp_c_locale_enter(wp_c_locale *l, char *err)
{
	l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (l->c == (locale_t)0) {
		l->old = (locale_t)0;
		return wp_error(err, WP_ENOMEM, "cannot create the C locale");
	}
	l->old = uselocale(l->c);
	return WP_OK;
}

void wp_c_locale_leave(wp_c_locale *l)
{
	if (l->c == (locale_t)0)
		return;
	uselocale(l->old);
	freelocale(l->c);
	l->c = (locale_t)0;
}

bool wp_xml_text_ok(const char *text, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < len) {
		uint32_t c = s[i], min = 0;
		size_t n = 1;
		if (c >= 0x80) {
			if ((c & 0xE0) == 0xC0)
				n = 2, c &= 0x1F, min = 0x80;
			else if ((c & 0xF0) == 0xE0)
				n = 3, c &= 0x0F, min = 0x800;
			else if ((c & 0xF8) == 0xF0)
				n = 4, c &= 0x07, min = 0x10000;
			else
				goto not_utf8;
			if (i + n > len)
				goto not_utf8;
			for (size_t k = 1; k < n; k++) {
				if ((s[i + k] & 0xC0) != 0x80)
					goto not_utf8;
				c = (c << 6) | (s[i + k] & 0x3F);
			}
			if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
				goto not_utf8;
		}
		bool ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
		          (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
		if (!ok) {
			*cp = c;
			return false;
		}
		i += n;
	}
	return true;
not_utf8:
	*cp = UINT32_MAX;
	return false;
}

void wp_xml_put(FILE *out, const char *s, bool attribute)
{
	const char *special = attribute ? "&<>\"\t\n\r" : "&<>\r";
	for (;;) {
		size_t span = strcspn(s, special);
		fwrite(s, 1, span, out);
		s += span;
		switch (*s) {
		case '\0':
			return;
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\t':
			fputs("&#9;", out);
			break;
		case '\n':
			fputs("&#10;", out);
			break;
		default: /* '\r' */
			fputs("&#13;", out);
			break;
		}
		s++;
	}
}

/* Says in err why text (described by what) cannot be written. */
static wp_status bad_text(const char *name, const char *format, const char *what, uint32_t cp,
                          char *err)
{
	if (cp == UINT32_MAX)
		return wp_error(err, WP_EINPUT, "%s: %s is not valid UTF-8, which %s requires",
		                name, what, format);
	return wp_error(err, WP_EINPUT, "%s: %s contains U+%04X, which XML 1.0 cannot represent",
	                name, what, (unsigned)cp);
}

wp_status wp_xml_check(const wp_labels *labels, uint32_t n, const wp_vertex_values *vv,
                       const float *weights, uint64_t m, const char *name, const char *format,
                       char *err)
{
	wp_status st = WP_OK;
	char what[160];
	uint32_t cp = 0;
	if (wp_labels_count(labels) != n)
		WP_FAIL(WP_EARG, "%s: the graph has %u vertices but %u labels", name, n,
		        wp_labels_count(labels));
	if (vv != NULL && vv->n != n)
		WP_FAIL(WP_EARG, "%s: the results cover %u vertices, the graph has %u", name, vv->n,
		        n);
	for (wp_vertex v = 0; v < n; v++) {
		size_t len = wp_labels_len(labels, v);
		if (len == 0)
			WP_FAIL(WP_EARG, "%s: vertex %u has an empty label", name, v);
		if (!wp_xml_text_ok(wp_labels_name(labels, v), len, &cp)) {
			snprintf(what, sizeof(what), "the label of vertex %u", v);
			st = bad_text(name, format, what, cp, err);
			goto fail;
		}
	}
	for (uint32_t c = 0; vv != NULL && c < vv->count; c++) {
		const wp_value_column *col = &vv->cols[c];
		if (!wp_xml_text_ok(col->name, strlen(col->name), &cp)) {
			snprintf(what, sizeof(what), "the name of attribute %u", c);
			st = bad_text(name, format, what, cp, err);
			goto fail;
		}
		if (col->type != WP_VALUE_TEXT)
			continue;
		for (wp_vertex v = 0; v < n; v++)
			if (!wp_xml_text_ok(wp_strtab_get(col->text, v),
			                    wp_strtab_len(col->text, v), &cp)) {
				snprintf(what, sizeof(what), "attribute '%.60s' of vertex %u",
				         col->name, v);
				st = bad_text(name, format, what, cp, err);
				goto fail;
			}
	}
	for (uint64_t i = 0; weights != NULL && i < m; i++)
		if (!isfinite(weights[i]))
			WP_FAIL(WP_EINPUT, "%s: edge weight %g (arc %llu) is not finite", name,
			        (double)weights[i], (unsigned long long)i);
	return WP_OK;
fail:
	return st;
}
