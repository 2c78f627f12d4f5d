/* cmd_convert.c - `warmpath convert IN OUT`: between edge lists, GraphML, GEXF, Pajek, DOT and
 * snapshots. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "engine/snapshot.h"
#include "exporters/dot.h"
#include "exporters/edgelist.h"
#include "exporters/gexf.h"
#include "exporters/graphml.h"
#include "exporters/pajek.h"
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
        "  --input-format F    edgelist, graphml, gexf, pajek, mtx, gt or wpg (.gexf, .net,\n"
        "                      .mtx, .gt)\n"
        "  --output-format F   edgelist, graphml, gexf, pajek, dot or wpg (.gexf, .net, .dot)\n"
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

static wp_status write_pajek(FILE *f, const char *path, void *ctx, char *err)
{
	return wp_export_pajek(ctx, f, path, err);
}

/* GEXF and DOT carry the input's vertex attributes as string columns, as GraphML does. */
static wp_status write_with_attrs(FILE *f, const char *path, const wp_graph *g, bool dot, char *err)
{
	wp_vertex_values vv;
	wp_vertex_values_init(&vv, g->n);
	wp_status st = wp_vertex_values_add_attrs(&vv, &g->attrs, err);
	if (st == WP_OK)
		st = dot ? wp_export_dot(g, &vv, f, path, err)
		         : wp_export_gexf(g, &vv, f, path, err);
	wp_vertex_values_free(&vv);
	return st;
}

static wp_status write_gexf(FILE *f, const char *path, void *ctx, char *err)
{
	return write_with_attrs(f, path, ctx, false, err);
}

static wp_status write_dot(FILE *f, const char *path, void *ctx, char *err)
{
	return write_with_attrs(f, path, ctx, true, err);
}

/* The writer of each output format (snapshots are written by wp_snapshot_write, DOT, which no
 * reader handles, is recognised by name or extension before the readers' format table). */
static const struct {
	wp_format format;
	cli_writer write;
} writers[] = {{WP_FORMAT_EDGELIST, write_edgelist},
               {WP_FORMAT_GRAPHML, write_graphml},
               {WP_FORMAT_GEXF, write_gexf},
               {WP_FORMAT_PAJEK, write_pajek}};

static bool is_dot(const char *out_name, const char *out, size_t out_len)
{
	if (out_name != NULL)
		return strcmp(out_name, "dot") == 0;
	return (out_len > 4 && strcmp(out + out_len - 4, ".dot") == 0) ||
	       (out_len > 3 && strcmp(out + out_len - 3, ".gv") == 0);
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
	cli_writer write = NULL;
	if (is_dot(out_name, out, out_len)) {
		write = write_dot;
	} else {
		st = out_name ? wp_format_parse(out_name, &out_format, err)
		              : wp_format_from_path(out, &out_format, err);
		if (st != WP_OK)
			return cli_usage_error("convert", "%s", err);
		for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
			if (writers[i].format == out_format)
				write = writers[i].write;
		if (write == NULL && out_format != WP_FORMAT_SNAPSHOT)
			return cli_usage_error(
			        "convert",
			        "cannot write %s; output formats: edgelist, graphml, "
			        "gexf, pajek, dot, wpg",
			        wp_format_name(out_format));
	}

	st = cli_load_graph(in, &go, &g, err);
	if (st == WP_OK) {
		if (write == NULL)
			st = wp_snapshot_write(&g, out, err);
		else
			st = cli_write_atomic(out, write, &g, err);
	}
	wp_graph_free(&g);
	return st == WP_OK ? CLI_OK : cli_fail(st, err);
}
