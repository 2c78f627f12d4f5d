/* vertex_csv.c - the CSV writer of vertex results (see vertex_csv.h). Streams row by row. */
#include "exporters/vertex_csv.h"
#include "exporters/writers_internal.h"

#include <errno.h>
#include <string.h>

void wp_csv_put_field(FILE *out, const char *s)
{
	size_t len = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL ||
	             (len > 0 &&
	              (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t'));
	if (!quote) {
		fwrite(s, 1, len, out);
		return;
	}
	putc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

wp_status wp_export_vertex_csv(const wp_graph *g, const wp_vertex_values *vv, FILE *out,
                               const char *name, char *err)
{
	wp_status st = WP_OK;
	wp_c_locale loc = {(locale_t)0, (locale_t)0};
	char num[WP_VALUE_BUF];
	uint32_t cols = vv != NULL ? vv->count : 0;

	if (name == NULL)
		name = "<output>";
	if (wp_labels_count(&g->labels) != g->n)
		WP_FAIL(WP_EARG, "%s: the graph has %u vertices but %u labels", name, g->n,
		        wp_labels_count(&g->labels));
	if (vv != NULL && vv->n != g->n)
		WP_FAIL(WP_EARG, "%s: the results cover %u vertices, the graph has %u", name, vv->n,
		        g->n);
	for (uint32_t c = 0; c < cols; c++)
		if (strcmp(vv->cols[c].name, "vertex") == 0)
			WP_FAIL(WP_EINPUT,
			        "%s: a column is called \"vertex\", like the column of labels; "
			        "rename the attribute",
			        name);
	WP_TRY(wp_c_locale_enter(&loc, err));
	fputs("vertex", out);
	for (uint32_t c = 0; c < cols; c++) {
		putc(',', out);
		wp_csv_put_field(out, vv->cols[c].name);
	}
	putc('\n', out);
	for (wp_vertex v = 0; v < g->n && !ferror(out); v++) {
		wp_csv_put_field(out, wp_labels_name(&g->labels, v));
		for (uint32_t c = 0; c < cols; c++) {
			putc(',', out);
			if (vv->cols[c].type != WP_VALUE_TEXT && wp_vertex_values_missing(vv, c, v))
				fputs("NaN", out);
			else
				wp_csv_put_field(out, wp_vertex_values_format(vv, c, v, num));
		}
		putc('\n', out);
	}
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		WP_FAIL(WP_EIO, "%s: cannot write: %s", name, strerror(errno ? errno : EIO));
	wp_c_locale_leave(&loc);
	return WP_OK;
fail:
	wp_c_locale_leave(&loc);
	return st;
}
