/* dot.c - the Graphviz DOT writer (see dot.h for the quoting rules and their one lossy case).
 *
 * Graphviz's scanner (cgraph's scan.l) reads a quoted string as: \" -> ", backslash-newline ->
 * nothing, \\ -> \\ (kept, but consumed as a pair), anything else as is. put_string() writes
 * the inverse wherever one exists. Streams statement by statement; O(n + m + bytes).
 */
#include "exporters/dot.h"
#include "exporters/writers_internal.h"

#include <errno.h>
#include <math.h>
#include <string.h>

static void put_string(FILE *out, const char *s)
{
	putc('"', out);
	for (;;) {
		size_t span = strcspn(s, "\"\\");
		fwrite(s, 1, span, out);
		s += span;
		if (*s == '\0')
			break;
		if (*s == '"') {
			fputs("\\\"", out);
			s++;
			continue;
		}
		/* A run of backslashes is read in pairs; an odd run before ", a newline or the
		 * closing quote would be misread, so it gets one more. */
		size_t run = strspn(s, "\\");
		char next = s[run];
		fwrite(s, 1, run, out);
		if (run % 2 == 1 && (next == '"' || next == '\n' || next == '\0'))
			putc('\\', out);
		s += run;
	}
	putc('"', out);
}

wp_status wp_export_dot(const wp_graph *g, const wp_vertex_values *vv, FILE *out, const char *name,
                        char *err)
{
	wp_status st = WP_OK;
	wp_c_locale loc = {(locale_t)0, (locale_t)0};
	char num[WP_VALUE_BUF];
	const char *arrow = g->directed ? " -> " : " -- ";

	if (name == NULL)
		name = "<output>";
	if (wp_labels_count(&g->labels) != g->n)
		WP_FAIL(WP_EARG, "%s: the graph has %u vertices but %u labels", name, g->n,
		        wp_labels_count(&g->labels));
	if (vv != NULL && vv->n != g->n)
		WP_FAIL(WP_EARG, "%s: the results cover %u vertices, the graph has %u", name, vv->n,
		        g->n);
	for (uint64_t i = 0; g->weights != NULL && i < g->m; i++)
		if (!isfinite(g->weights[i]))
			WP_FAIL(WP_EINPUT, "%s: edge weight %g (arc %llu) is not finite", name,
			        (double)g->weights[i], (unsigned long long)i);
	WP_TRY(wp_c_locale_enter(&loc, err));
	fprintf(out, "%s \"warmpath\" {\n", g->directed ? "digraph" : "graph");
	for (wp_vertex v = 0; v < g->n && !ferror(out); v++) {
		putc('\t', out);
		put_string(out, wp_labels_name(&g->labels, v));
		bool open = false;
		for (uint32_t c = 0; vv != NULL && c < vv->count; c++) {
			if (wp_vertex_values_missing(vv, c, v))
				continue;
			fputs(open ? ", " : " [", out);
			open = true;
			put_string(out, vv->cols[c].name);
			putc('=', out);
			put_string(out, wp_vertex_values_format(vv, c, v, num));
		}
		fputs(open ? "];\n" : ";\n", out);
	}
	for (wp_vertex u = 0; u < g->n && !ferror(out); u++)
		for (uint64_t i = g->offsets[u]; i < g->offsets[u + 1]; i++) {
			wp_vertex v = g->targets[i];
			if (!g->directed && v < u)
				continue;
			putc('\t', out);
			put_string(out, wp_labels_name(&g->labels, u));
			fputs(arrow, out);
			put_string(out, wp_labels_name(&g->labels, v));
			if (g->weights != NULL) {
				wp_format_float(g->weights[i], num);
				fprintf(out, " [weight=%s]", num);
			}
			fputs(";\n", out);
		}
	fputs("}\n", out);
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		WP_FAIL(WP_EIO, "%s: cannot write: %s", name, strerror(errno ? errno : EIO));
	wp_c_locale_leave(&loc);
	return WP_OK;
fail:
	wp_c_locale_leave(&loc);
	return st;
}
