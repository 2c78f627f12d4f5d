/* cmd_convert.c - `warmpath convert IN OUT`: between edge lists, GraphML and snapshots. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "engine/snapshot.h"
#include "exporters/edgelist.h"
#include "exporters/graphml.h"
#include "importers/import.h"

static const char usage[] =
        "usage: warmpath convert IN OUT [--input-format F] [--output-format F] [--directed]\n"
        "\n"
        "Reads the graph IN and writes it to OUT. Formats come from the extensions (.txt .el "
        ".edges\n"
        ".tsv .csv: edge list; .graphml: GraphML; .wpg: warmpath snapshot; IN may end in .gz) or\n"
        "are named with the options. OUT is written to a temporary file and renamed into place, "
        "so\n"
        "a failed conversion leaves no partial file. Edge lists cannot hold isolated vertices.\n"
        "\n"
        "  --input-format F    edgelist, graphml or wpg\n"
        "  --output-format F   edgelist, graphml or wpg\n"
        "  --directed          read an edge list as directed (default: undirected)\n"
        "  --threads N         threads to use (default: all cores)\n";

static wp_status write_edgelist(FILE *f, const char *path, void *ctx, char *err)
{
	return wp_export_edgelist(ctx, f, path, err);
}

static wp_status write_graphml(FILE *f, const char *path, void *ctx, char *err)
{
	return wp_export_graphml(ctx, f, path, err);
}

int cmd_convert(int argc, char **argv)
{
	static const struct option longopts[] = {{"output-format", required_argument, NULL, 'o'},
	                                         CLI_GRAPH_LONGOPTS,
	                                         {"help", no_argument, NULL, 'h'},
	                                         {NULL, 0, NULL, 0}};
	cli_graph_opts go = {0};
	const char *out_name = NULL;
	wp_format out_format = WP_FORMAT_AUTO;
	char err[WP_ERR_LEN] = "";
	wp_graph g = {0};
	wp_status st;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			out_name = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_graph_option("convert", opt, optarg, &go);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("convert", "unknown option") : rc;
		}
	}
	if (optind != argc - 2)
		return cli_usage_error("convert", "expected an input and an output file");
	const char *in = argv[optind], *out = argv[optind + 1];
	size_t out_len = strlen(out);
	if (out_name == NULL && out_len > 3 && strcmp(out + out_len - 3, ".gz") == 0)
		return cli_usage_error("convert",
		                       "%s: writing .gz is not supported; write the plain "
		                       "file and compress it with gzip",
		                       out);
	st = out_name ? wp_format_parse(out_name, &out_format, err)
	              : wp_format_from_path(out, &out_format, err);
	if (st != WP_OK)
		return cli_usage_error("convert", "%s", err);

	st = cli_load_graph(in, &go, &g, err);
	if (st == WP_OK) {
		if (out_format == WP_FORMAT_SNAPSHOT)
			st = wp_snapshot_write(&g, out, err);
		else if (out_format == WP_FORMAT_GRAPHML)
			st = cli_write_atomic(out, write_graphml, &g, err);
		else
			st = cli_write_atomic(out, write_edgelist, &g, err);
	}
	wp_graph_free(&g);
	return st == WP_OK ? CLI_OK : cli_fail(st, err);
}
