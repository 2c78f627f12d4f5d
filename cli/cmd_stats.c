/* cmd_stats.c - `warmpath stats`: size, cleaning counts, components, degrees and memory. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "queries/components.h"

static const char usage[] =
	"usage: warmpath stats GRAPH [--format table|json] [--input-format F] [--directed]\n"
	"                            [--threads N]\n"
	"\n"
	"Prints the graph's vertices, edges (an undirected edge counted once, after self-loops are\n"
	"removed and parallel edges merged), how many self-loops and multi-edges the load removed,\n"
	"connected components (weakly, for directed graphs) and the largest one's size, the degree\n"
	"distribution's minimum, mean, median and maximum (in + out for directed graphs), and the\n"
	"memory of the compressed-sparse-row arrays.\n"
	"\n"
	"  --format table|json    output format (default: table)\n"
	"  --input-format F       edgelist, graphml or wpg (default: from the file's extension)\n"
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
	hist = calloc((size_t)max + 1, sizeof(*hist)); /* NOLINT(clang-analyzer-optin.portability.UnixAPI) */
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

static int print_json(const wp_graph *g, const wp_components *c, const degree_summary *d)
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
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
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
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_graph_option("stats", opt, optarg, &go);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("stats", "unknown option") : rc;
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("stats", "expected one GRAPH file");

	st = cli_load_graph(argv[optind], &go, &g, err);
	if (st == WP_OK)
		st = wp_components_find(&g, &comp, err);
	if (st == WP_OK)
		st = summarise_degrees(&g, &deg, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	if (out == CLI_JSON) {
		rc = print_json(&g, &comp, &deg);
	} else {
		print_table(&g, &comp, &deg);
		rc = CLI_OK;
	}
done:
	wp_components_free(&comp);
	wp_graph_free(&g);
	return rc;
}
