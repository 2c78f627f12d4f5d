/* pajek.c - the Pajek .net writer (see pajek.h).
 *
 * Pajek's quoted strings end at the next double quote and cannot span lines (Pajek's own reader,
 * igraph's lexer and networkx's shlex split all agree on this), so those characters are mapped to
 * look-alikes rather than escaped. Streams line by line; O(n + m).
 */
#include "exporters/pajek.h"
#include "exporters/writers_internal.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "exporters/vertex_values.h"

static void put_label(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"')
			c = '\'';
		else if (c < 0x20 || c == 0x7F)
			c = ' ';
		putc(c, out);
	}
	putc('"', out);
}

wp_status wp_export_pajek(const wp_graph *g, FILE *out, const char *name, char *err)
{
	wp_status st = WP_OK;
	wp_c_locale loc = {(locale_t)0, (locale_t)0};
	char num[WP_VALUE_BUF];

	if (name == NULL)
		name = "<output>";
	if (wp_labels_count(&g->labels) != g->n)
		WP_FAIL(WP_EARG, "%s: the graph has %u vertices but %u labels", name, g->n,
		        wp_labels_count(&g->labels));
	for (uint64_t i = 0; g->weights != NULL && i < g->m; i++)
		if (!isfinite(g->weights[i]))
			WP_FAIL(WP_EINPUT, "%s: edge weight %g (arc %llu) is not finite", name,
			        (double)g->weights[i], (unsigned long long)i);
	WP_TRY(wp_c_locale_enter(&loc, err));
	fprintf(out, "*Vertices %u\n", g->n);
	for (wp_vertex v = 0; v < g->n; v++) {
		fprintf(out, "%u ", v + 1);
		put_label(out, wp_labels_name(&g->labels, v));
		putc('\n', out);
	}
	fputs(g->directed ? "*Arcs\n" : "*Edges\n", out);
	for (wp_vertex u = 0; u < g->n && !ferror(out); u++)
		for (uint64_t i = g->offsets[u]; i < g->offsets[u + 1]; i++) {
			wp_vertex v = g->targets[i];
			if (!g->directed && v < u)
				continue;
			if (g->weights != NULL) {
				wp_format_float(g->weights[i], num);
				fprintf(out, "%u %u %s\n", u + 1, v + 1, num);
			} else {
				fprintf(out, "%u %u\n", u + 1, v + 1);
			}
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
