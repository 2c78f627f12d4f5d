/* cmd_separation.c - `warmpath separation`: how many degrees separate people in a graph or a
 * workspace (queries/separation.h computes; this file parses options and formats).
 *
 * Prints the distance distribution (pairs of people at each distance), the average distance, the
 * effective diameter and the degrees of separation (average distance - 1), saying whether they
 * are exact or HyperANF estimates with the estimate's relative standard error. No names are
 * printed: the answer is about the whole network.
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/chart.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "cli/table.h"
#include "engine/workspace.h"
#include "queries/separation.h"

static const char usage[] =
        "usage: warmpath separation GRAPH|--workspace W [--exact|--approx] [--registers B]\n"
        "                           [--seed S] [--threads N] [--format table|json|csv|svg]\n"
        "\n"
        "How many degrees separate people: the number of pairs of people at each distance\n"
        "(unordered pairs in an undirected graph, ordered ones in a directed graph, as igraph's\n"
        "path_length_hist counts them), the average distance between connected people, the\n"
        "effective diameter (the distance within which 90% of connected pairs lie, interpolated)\n"
        "and the degrees of separation, average distance - 1 (Backstrom et al. 2012 found 3.74\n"
        "on Facebook). Exact by breadth-first search from everyone when vertices x arcs is at\n"
        "most 2e10, otherwise estimated by HyperANF (Boldi, Rosa & Vigna 2011).\n"
        "\n"
        "  --exact             always compute exactly (time grows as vertices x arcs)\n"
        "  --approx            always estimate by HyperANF\n"
        "  --registers B       HyperANF counters of 2^B registers, 4 to 16 (default 7); the\n"
        "                      relative standard error per counter is 1.04 / sqrt(2^B) (9.2%% at\n"
        "                      7), memory 2 x ceil(2^B / 12) x 8 bytes per vertex\n"
        "  --seed S            HyperANF hash seed (default 1); the estimate depends only on it\n"
        "  --format F          table (default), json, csv (one row per distance) or svg (a bar\n"
        "                      chart of the distance distribution). JSON keys:\n"
        "                      distance_distribution (index 0 = distance 1), average_distance,\n"
        "                      effective_diameter, degrees_of_separation, exact,\n"
        "                      relative_standard_error\n"
        "  --workspace W       a workspace's people and ties instead of a GRAPH file\n"
        "  --input-format F, --directed, --threads N   as for every graph command\n";

enum { OPT_EXACT = 2000, OPT_APPROX, OPT_REGISTERS, OPT_SEED };

static bool parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	char *end = NULL;
	if (*s < '0' || *s > '9')
		return false;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* A JSON number, or null for NaN (no connected pair). */
static json_t *number(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static int print_json(const wp_separation *r)
{
	json_t *o = json_object(), *dist = json_array();
	for (uint32_t d = 0; d < r->max_distance; d++)
		json_array_append_new(dist, r->exact ? json_integer((json_int_t)r->pairs[d])
		                                     : json_real(r->pairs[d]));
	json_object_set_new(o, "distance_distribution", dist);
	json_object_set_new(o, "average_distance", number(r->average_distance));
	json_object_set_new(o, "effective_diameter", number(r->effective_diameter));
	json_object_set_new(o, "degrees_of_separation", number(r->degrees_of_separation));
	json_object_set_new(o, "exact", json_boolean(r->exact));
	json_object_set_new(o, "relative_standard_error", json_real(r->relative_standard_error));
	int rc = json_dumpf(o, stdout,
	                    JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	putchar('\n');
	json_decref(o);
	return rc == 0 ? CLI_OK : cli_fail(WP_EIO, "warmpath separation: cannot write the output");
}

/* A count as text: exact counts in full, estimates to the nearest whole pair. */
static void format_pairs(char *buf, size_t len, double x)
{
	snprintf(buf, len, "%.0f", x);
}

static int print_distribution(const wp_separation *r, cli_output out)
{
	static const cli_column cols[] = {{"distance", true, 0},
	                                  {"pairs", true, 0},
	                                  {"share", true, 0},
	                                  {"cumulative_share", true, 0}};
	cli_table t;
	char buf[64];
	double cum = 0;
	cli_table_init(&t, cols, 4);
	for (uint32_t d = 0; d < r->max_distance; d++) {
		double share = r->reachable > 0 ? r->pairs[d] / r->reachable : 0;
		cum += share;
		cli_table_addf(&t, "%u", d + 1);
		format_pairs(buf, sizeof(buf), r->pairs[d]);
		cli_table_add(&t, buf);
		if (out == CLI_TABLE) {
			cli_table_addf(&t, "%.1f%%", 100 * share);
			cli_table_addf(&t, "%.1f%%", 100 * fmin(cum, 1.0));
		} else {
			cli_table_addf(&t, "%.6g", share);
			cli_table_addf(&t, "%.6g", fmin(cum, 1.0));
		}
	}
	int rc = cli_table_print(&t, out, stdout);
	cli_table_free(&t);
	return rc;
}

static int print_table(const wp_separation *r, const wp_graph *g, const char *source)
{
	char a[64], b[64];
	printf("separation in %s: %u %s, %llu %s (%s)\n", source, g->n,
	       g->n == 1 ? "vertex" : "vertices", (unsigned long long)wp_graph_edges(g),
	       wp_graph_edges(g) == 1 ? "edge" : "edges", g->directed ? "directed" : "undirected");
	if (r->exact)
		printf("exact: a breadth-first search from every vertex\n\n");
	else
		printf("estimated by HyperANF: 2^%u registers per counter, relative standard error "
		       "%.1f%% per counter (the totals are usually much closer)\n\n",
		       r->log2_registers, 100 * r->relative_standard_error);
	if (r->max_distance == 0) {
		printf("no two %s are connected\n", g->n == 1 ? "vertices (only one)" : "vertices");
		return CLI_OK;
	}
	int rc = print_distribution(r, CLI_TABLE);
	if (rc != CLI_OK)
		return rc;
	/* All pairs, known exactly even when the connected ones are estimated (and an estimate
	 * may exceed it by its error). */
	double n = (double)g->n, all = g->directed ? n * (n - 1) : n * (n - 1) / 2;
	format_pairs(a, sizeof(a), fmin(r->reachable, all)); /* no estimate above the total */
	format_pairs(b, sizeof(b), all);
	printf("\n%-28s %.4g\n", "average distance", r->average_distance);
	printf("%-28s %.4g (people between two people, on average)\n", "degrees of separation",
	       r->degrees_of_separation);
	printf("%-28s %.4g (the 90th percentile of distances, interpolated)\n",
	       "effective diameter", r->effective_diameter);
	printf("%-28s %s%s of %s%s (%.1f%%)\n", "connected pairs", r->exact ? "" : "about ", a, b,
	       g->directed ? " ordered" : "",
	       all > 0 ? fmin(100.0, 100 * r->reachable / all) : 0.0);
	return CLI_OK;
}

static int print_svg(const wp_separation *r)
{
	size_t n = r->max_distance;
	double *x = malloc((n + 1) * sizeof(*x));
	char title[160];
	if (x == NULL)
		return cli_fail(WP_ENOMEM, "warmpath separation: cannot allocate the chart");
	for (size_t d = 0; d < n; d++)
		x[d] = (double)(d + 1);
	if (isfinite(r->average_distance))
		snprintf(title, sizeof(title),
		         "Distance distribution: %.2f degrees of separation%s",
		         r->degrees_of_separation, r->exact ? "" : " (HyperANF estimate)");
	else
		snprintf(title, sizeof(title), "Distance distribution");
	cli_chart c = {CLI_CHART_BARS,
	               title,
	               "distance (hops)",
	               r->directed ? "ordered pairs of people" : "pairs of people",
	               x,
	               r->pairs,
	               NULL,
	               n};
	int rc = cli_chart_svg(stdout, &c);
	free(x);
	return rc == 0 ? CLI_OK : cli_fail(WP_EIO, "warmpath separation: cannot write the chart");
}

int cmd_separation(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"exact", no_argument, NULL, OPT_EXACT},
	        {"approx", no_argument, NULL, OPT_APPROX},
	        {"registers", required_argument, NULL, OPT_REGISTERS},
	        {"seed", required_argument, NULL, OPT_SEED},
	        CLI_WORKSPACE_OPTIONS,
	        CLI_GRAPH_LONGOPTS,
	        {NULL, 0, NULL, 0}};
	wp_separation_opts o = WP_SEPARATION_DEFAULTS;
	cli_graph_opts go = {0};
	cli_output out = CLI_TABLE;
	const char *ws_path = NULL;
	wp_workspace *ws = NULL;
	wp_graph g = {0};
	wp_separation r = {0};
	bool exact = false, approx = false, tuned = false;
	char err[WP_ERR_LEN] = "";
	uint64_t u = 0;
	int opt, rc = CLI_OK;
	wp_status st;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_EXACT:
			exact = true;
			break;
		case OPT_APPROX:
			approx = true;
			break;
		case OPT_REGISTERS:
			if (!parse_u64(optarg, WP_SEPARATION_MIN_LOG2, WP_SEPARATION_MAX_LOG2, &u))
				return cli_usage_error(
				        "separation", "--registers needs B from %d to %d",
				        WP_SEPARATION_MIN_LOG2, WP_SEPARATION_MAX_LOG2);
			o.log2_registers = (uint32_t)u;
			tuned = true;
			break;
		case OPT_SEED:
			if (!parse_u64(optarg, 0, UINT64_MAX, &o.seed))
				return cli_usage_error("separation",
				                       "--seed needs a non-negative integer");
			tuned = true;
			break;
		case 'w':
			ws_path = optarg;
			break;
		case 'f':
			if (!cli_parse_output(optarg, CLI_TABLE | CLI_JSON | CLI_CSV | CLI_SVG,
			                      &out))
				return cli_usage_error("separation",
				                       "--format must be table, json, csv or svg");
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_graph_option("separation", opt, optarg, &go);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("separation", "unknown option")
				              : rc;
		}
	}
	if (exact && approx)
		return cli_usage_error("separation", "give --exact or --approx, not both");
	if (exact && tuned)
		return cli_usage_error("separation", "--registers and --seed apply to HyperANF, "
		                                     "not to --exact");
	if (ws_path != NULL && optind != argc)
		return cli_usage_error("separation",
		                       "expected a GRAPH file or --workspace, not both");
	if (ws_path != NULL && (go.input_format != NULL || go.directed))
		return cli_usage_error("separation",
		                       "--input-format and --directed apply to GRAPH files");
	if (ws_path == NULL && optind != argc - 1)
		return cli_usage_error("separation", "expected one GRAPH file (or --workspace W)");
	o.method = exact    ? WP_SEPARATION_EXACT
	           : approx ? WP_SEPARATION_HYPERANF
	                    : WP_SEPARATION_AUTO;
	o.threads = go.threads;

	if (ws_path != NULL) {
		rc = cli_workspace_open("separation", ws_path, false, &ws);
		if (rc != CLI_OK)
			goto done;
		st = wp_workspace_graph(ws, &g, err);
	} else {
		st = cli_load_graph(argv[optind], &go, &g, err);
	}
	if (st == WP_OK)
		st = wp_separation_compute(&g, &o, &r, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	switch (out) {
	case CLI_JSON:
		rc = print_json(&r);
		break;
	case CLI_CSV:
		rc = print_distribution(&r, CLI_CSV);
		break;
	case CLI_SVG:
		rc = print_svg(&r);
		break;
	default:
		rc = print_table(&r, &g, ws_path ? "the workspace" : "the graph");
	}
	if (rc == CLI_OK && fflush(stdout) != 0)
		rc = cli_fail(WP_EIO, "warmpath separation: cannot write the output");
done:
	wp_separation_free(&r);
	wp_graph_free(&g);
	wp_workspace_close(ws);
	return rc;
}
