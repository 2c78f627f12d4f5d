/* cmd_stats.c - `warmpath stats`: size, cleaning counts, components, degrees and memory.
 *
 * With --workspace, the workspace's counts (members, people, ties by bucket, imports, merges)
 * come first, then the same statistics of the people graph derived from it (cached as a
 * snapshot beside the workspace until the workspace changes).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "engine/workspace.h"
#include "queries/components.h"

static const char usage[] =
        "usage: warmpath stats GRAPH [--format table|json] [--input-format F] [--directed]\n"
        "                            [--threads N]\n"
        "       warmpath stats --workspace FILE [--format table|json] [--threads N]\n"
        "\n"
        "Prints the graph's vertices, edges (an undirected edge counted once, after self-loops "
        "are\n"
        "removed and parallel edges merged), how many self-loops and multi-edges the load "
        "removed,\n"
        "connected components (weakly, for directed graphs) and the largest one's size, the "
        "degree\n"
        "distribution's minimum, mean, median and maximum (in + out for directed graphs), and the\n"
        "memory of the compressed-sparse-row arrays. With --workspace, first the workspace's\n"
        "members, people, ties per warmth bucket, imports, merges, splits and strengths set by\n"
        "hand, then the same statistics of the people graph derived from it.\n"
        "\n"
        "  --workspace FILE       a workspace instead of a GRAPH file\n"
        "  --format table|json    output format (default: table)\n"
        "  --input-format F       edgelist, graphml, gexf, pajek, mtx, gt or wpg\n"
        "                         (default: from the file's extension)\n"
        "  --directed             read an edge list as directed (default: undirected)\n"
        "  --threads N            threads to use (default: all cores)\n";

typedef struct degree_summary {
	uint64_t min, max;
	double mean, median;
} degree_summary;

/* Degree summary in O(n + max degree): the median comes from a histogram, not a sort. */
static wp_status summarise_degrees(const wp_graph *g, degree_summary *d, char *err)
{
	wp_status st = WP_OK;
	uint64_t *hist = NULL;
	memset(d, 0, sizeof(*d));
	if (g->n == 0)
		return WP_OK;
	uint64_t min = UINT64_MAX, max = 0, sum = 0;
	for (wp_vertex v = 0; v < g->n; v++) {
		uint64_t k = wp_graph_degree(g, v);
		min = k < min ? k : min;
		max = k > max ? k : max;
		sum += k;
	}
	/* A degree is below 2^32 * 2, so max + 1 never wraps to 0. */
	/* NOLINTNEXTLINE(clang-analyzer-optin.portability.UnixAPI) */
	hist = calloc((size_t)max + 1, sizeof(*hist));
	if (hist == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a degree histogram");
	for (wp_vertex v = 0; v < g->n; v++)
		hist[wp_graph_degree(g, v)]++;
	/* The median of n values: the middle one, or the mean of the two middle ones. */
	uint64_t lo_rank = (g->n - 1) / 2, hi_rank = g->n / 2, seen = 0;
	uint64_t lo = 0, hi = 0;
	bool lo_set = false;
	for (uint64_t k = 0; k <= max; k++) {
		seen += hist[k];
		if (!lo_set && seen > lo_rank) {
			lo = k;
			lo_set = true;
		}
		if (seen > hi_rank) {
			hi = k;
			break;
		}
	}
	d->min = min;
	d->max = max;
	d->mean = (double)sum / (double)g->n;
	d->median = ((double)lo + (double)hi) / 2.0;
	free(hist);
	return WP_OK;
fail:
	free(hist);
	return st;
}

static void print_table(const wp_graph *g, const wp_components *c, const degree_summary *d)
{
	printf("%-28s %u\n", "vertices", g->n);
	printf("%-28s %llu\n", "edges", (unsigned long long)wp_graph_edges(g));
	printf("%-28s %s\n", "directed", g->directed ? "yes" : "no");
	printf("%-28s %s\n", "weighted", g->weights ? "yes" : "no");
	printf("%-28s %llu\n", "self-loops removed", (unsigned long long)g->self_loops_removed);
	printf("%-28s %llu\n", "multi-edges merged", (unsigned long long)g->multi_edges_merged);
	printf("%-28s %u\n", g->directed ? "weak components" : "components", c->count);
	printf("%-28s %u\n", "largest component vertices", c->largest_size);
	printf("%-28s %llu / %.3f / %g / %llu\n", "degree min/mean/median/max",
	       (unsigned long long)d->min, d->mean, d->median, (unsigned long long)d->max);
	printf("%-28s %llu bytes (%.1f MiB)\n", "memory (CSR)",
	       (unsigned long long)wp_graph_memory(g), (double)wp_graph_memory(g) / 1048576.0);
	printf("%-28s %llu bytes\n", "memory (labels)",
	       (unsigned long long)wp_labels_memory(&g->labels) +
	               (unsigned long long)wp_attrs_memory(&g->attrs));
}

/* The workspace's counts (stats --workspace), before the graph's. */
static void print_workspace_table(const char *path, const wp_workspace_stats *s, bool from_cache)
{
	typedef unsigned long long ull;
	char date[16];
	printf("%-28s %s\n", "workspace", path);
	printf("%-28s %llu\n", "members", (ull)s->members);
	printf("%-28s %llu (%llu never merged: \"LinkedIn Member\" and the like)\n", "people",
	       (ull)s->people, (ull)s->never_merge);
	printf("%-28s %llu\n", "ties", (ull)s->ties);
	printf("%-28s %llu / %llu / %llu / %llu\n", "strong/familiar/known/weak",
	       (ull)s->buckets[WP_BUCKET_STRONG], (ull)s->buckets[WP_BUCKET_FAMILIAR],
	       (ull)s->buckets[WP_BUCKET_KNOWN], (ull)s->buckets[WP_BUCKET_WEAK]);
	printf("%-28s %llu / %llu\n", "mentions / evidence reports", (ull)s->mentions,
	       (ull)s->contributions);
	printf("%-28s %llu%s%s%s\n", "imports", (ull)s->imports, s->last_import ? " (last " : "",
	       cli_date(s->last_import, date), s->last_import ? ")" : "");
	printf("%-28s %llu / %llu / %llu\n", "merges / splits / by hand", (ull)s->merges,
	       (ull)s->splits, (ull)s->manual);
	printf("%-28s %llu bytes (%.1f MiB)\n", "file size", (ull)s->file_bytes,
	       (double)s->file_bytes / 1048576.0);
	printf("%-28s %s\n", "graph",
	       from_cache ? "from the snapshot cache" : "built from the workspace");
}

static json_t *workspace_json(const char *path, const wp_workspace_stats *s, bool from_cache)
{
	char date[16];
	return json_pack(
	        "{s:s, s:i, s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I, s:I}, s:I, s:I, s:I, "
	        "s:o, s:I, s:I, s:I, s:I, s:I, s:b}",
	        "path", path, "schema", (int)s->schema, "members", (json_int_t)s->members, "people",
	        (json_int_t)s->people, "never_merge", (json_int_t)s->never_merge, "ties",
	        (json_int_t)s->ties, "buckets", "strong", (json_int_t)s->buckets[WP_BUCKET_STRONG],
	        "familiar", (json_int_t)s->buckets[WP_BUCKET_FAMILIAR], "known",
	        (json_int_t)s->buckets[WP_BUCKET_KNOWN], "weak",
	        (json_int_t)s->buckets[WP_BUCKET_WEAK], "mentions", (json_int_t)s->mentions,
	        "contributions", (json_int_t)s->contributions, "imports", (json_int_t)s->imports,
	        "last_import",
	        s->last_import ? json_string(cli_date(s->last_import, date)) : json_null(),
	        "merges", (json_int_t)s->merges, "splits", (json_int_t)s->splits, "manual",
	        (json_int_t)s->manual, "file_bytes", (json_int_t)s->file_bytes, "data_version",
	        (json_int_t)s->data_version, "graph_from_cache", from_cache);
}

/* Prints the graph's statistics as JSON, with the workspace's object (consumed; may be NULL)
 * under "workspace". */
static int print_json(const wp_graph *g, const wp_components *c, const degree_summary *d,
                      json_t *workspace)
{
	json_t *o = json_pack(
	        "{s:I, s:I, s:b, s:b, s:I, s:I, s:I, s:I, s:{s:I, s:f, s:f, s:I}, s:I, s:I}",
	        "vertices", (json_int_t)g->n, "edges", (json_int_t)wp_graph_edges(g), "directed",
	        g->directed, "weighted", g->weights != NULL, "self_loops_removed",
	        (json_int_t)g->self_loops_removed, "multi_edges_merged",
	        (json_int_t)g->multi_edges_merged, "components", (json_int_t)c->count,
	        "largest_component_vertices", (json_int_t)c->largest_size, "degree", "min",
	        (json_int_t)d->min, "mean", d->mean, "median", d->median, "max", (json_int_t)d->max,
	        "memory_bytes", (json_int_t)wp_graph_memory(g), "labels_memory_bytes",
	        (json_int_t)wp_labels_memory(&g->labels) + (json_int_t)wp_attrs_memory(&g->attrs));
	if (o != NULL && workspace != NULL && json_object_set_new(o, "workspace", workspace) != 0) {
		json_decref(o);
		o = NULL;
	} else if (o == NULL) {
		json_decref(workspace);
	}
	if (o == NULL) {
		fprintf(stderr, "warmpath: cannot build the JSON output\n");
		return CLI_INTERNAL;
	}
	json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(o);
	return CLI_OK;
}

int cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
	                                         CLI_GRAPH_LONGOPTS,
	                                         {"workspace", required_argument, NULL, 'w'},
	                                         {"help", no_argument, NULL, 'h'},
	                                         {NULL, 0, NULL, 0}};
	const char *ws_path = NULL;
	wp_workspace *ws = NULL;
	wp_workspace_stats wst = {0};
	bool from_cache = false;
	cli_graph_opts go = {0};
	cli_output out = CLI_TABLE;
	char err[WP_ERR_LEN] = "";
	wp_graph g = {0};
	wp_components comp = {0};
	degree_summary deg;
	wp_status st;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!cli_parse_output(optarg, CLI_TABLE | CLI_JSON, &out))
				return cli_usage_error("stats", "--format must be table or json");
			break;
		case 'w':
			ws_path = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_graph_option("stats", opt, optarg, &go);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("stats", "unknown option") : rc;
		}
	}
	if (ws_path != NULL) {
		if (optind != argc)
			return cli_usage_error("stats",
			                       "expected a GRAPH file or --workspace, not both");
		if (go.input_format != NULL || go.directed)
			return cli_usage_error("stats", "--input-format and --directed apply to "
			                                "GRAPH files, not to a workspace");
	} else if (optind != argc - 1) {
		return cli_usage_error("stats", "expected one GRAPH file");
	}

	if (ws_path != NULL) {
		wp_workspace_graph_options wo = WP_WORKSPACE_GRAPH_DEFAULTS;
		rc = cli_workspace_open("stats", ws_path, false, &ws);
		if (rc != CLI_OK)
			return rc;
		st = wp_workspace_stats_get(ws, &wst, err);
		if (st == WP_OK)
			st = wp_workspace_graph_opts(ws, &wo, &g, &from_cache, err);
	} else {
		st = cli_load_graph(argv[optind], &go, &g, err);
	}
	if (st == WP_OK)
		st = wp_components_find(&g, &comp, err);
	if (st == WP_OK)
		st = summarise_degrees(&g, &deg, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	if (out == CLI_JSON) {
		rc = print_json(&g, &comp, &deg,
		                ws ? workspace_json(ws_path, &wst, from_cache) : NULL);
	} else {
		if (ws != NULL)
			print_workspace_table(ws_path, &wst, from_cache);
		print_table(&g, &comp, &deg);
		rc = CLI_OK;
	}
done:
	wp_components_free(&comp);
	wp_graph_free(&g);
	wp_workspace_close(ws);
	return rc;
}
