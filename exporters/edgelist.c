/* edgelist.c - writes a wp_graph as a SNAP-style edge list (see edgelist.h). */
#include "exporters/edgelist.h"

#include <errno.h>
#include <string.h>

static bool needs_quotes(const char *s)
{
	if (s[0] == '#' || s[0] == '%' || s[0] == '"')
		return true;
	return strpbrk(s, " \t\r\n\v\f,\"") != NULL;
}

static void put_label(FILE *out, const char *s)
{
	if (!needs_quotes(s)) {
		fputs(s, out);
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

wp_status wp_export_edgelist(const wp_graph *g, FILE *out, const char *name, char *err)
{
	wp_status st = WP_OK;
	uint32_t isolated = 0;
	for (wp_vertex v = 0; v < g->n; v++)
		isolated += wp_graph_degree(g, v) == 0;
	fprintf(out, "# warmpath edge list: %u vertices, %llu %s edges%s\n", g->n,
	        (unsigned long long)wp_graph_edges(g), g->directed ? "directed" : "undirected",
	        g->weights ? ", weighted" : "");
	if (isolated > 0)
		fprintf(out, "# %u isolated vertices are not listed\n", isolated);
	for (wp_vertex u = 0; u < g->n; u++) {
		for (uint64_t a = g->offsets[u]; a < g->offsets[u + 1]; a++) {
			wp_vertex v = g->targets[a];
			if (!g->directed && v < u)
				continue;
			put_label(out, wp_labels_name(&g->labels, u));
			putc(' ', out);
			put_label(out, wp_labels_name(&g->labels, v));
			if (g->weights)
				fprintf(out, " %.9g", (double)g->weights[a]);
			putc('\n', out);
		}
		if (ferror(out))
			break;
	}
	if (fflush(out) != 0 || ferror(out))
		WP_FAIL(WP_EIO, "%s: cannot write: %s", name, strerror(errno));
	return WP_OK;
fail:
	return st;
}
