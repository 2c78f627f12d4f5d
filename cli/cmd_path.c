/* cmd_path.c - `warmpath path GRAPH --from A --to B`: a shortest chain of people. */
#include <getopt.h>
#include <jansson.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "queries/paths.h"

static const char usage[] =
	"usage: warmpath path GRAPH --from A --to B [--format table|json] [--input-format F]\n"
	"                           [--directed]\n"
	"\n"
	"Finds a shortest chain (fewest hops) from vertex A to vertex B, naming vertices by their\n"
	"labels in the input, by bidirectional breadth-first search. In a directed graph the chain\n"
	"follows the arcs. Prints the chain and its length, or says that B cannot be reached.\n"
	"\n"
	"  --from A, --to B        the two ends, by label\n"
	"  --format table|json     output format (default: table); JSON:\n"
	"                          {\"from\":A, \"to\":B, \"hops\":n|null, \"path\":[labels...]}\n"
	"  --input-format F        edgelist, graphml or wpg (default: from the file's extension)\n"
	"  --directed              read an edge list as directed (default: undirected)\n"
	"  --threads N             threads for loading (default: all cores)\n";

static int print_result(const wp_graph *g, const wp_path_scratch *s, const char *from,
			const char *to, cli_output out)
{
	if (out == CLI_JSON) {
		json_t *path = json_array();
		json_t *o = json_pack("{s:s, s:s}", "from", from, "to", to);
		if (path == NULL || o == NULL) {
			json_decref(path);
			json_decref(o);
			fprintf(stderr, "warmpath: cannot build the JSON output\n");
			return CLI_INTERNAL;
		}
		if (s->hops != WP_NO_PATH)
			for (uint32_t i = 0; i <= s->hops; i++)
				json_array_append_new(
					path, json_string(wp_labels_name(&g->labels, s->path[i])));
		json_object_set_new(o, "hops",
				    s->hops == WP_NO_PATH ? json_null() : json_integer(s->hops));
		json_object_set_new(o, "path", path);
		json_dumpf(o, stdout, JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
		return CLI_OK;
	}
	if (s->hops == WP_NO_PATH) {
		printf("no path from %s to %s\n", from, to);
		return CLI_OK;
	}
	for (uint32_t i = 0; i <= s->hops; i++)
		printf("%s%s", i ? " -> " : "", wp_labels_name(&g->labels, s->path[i]));
	printf("\n%u hop%s\n", s->hops, s->hops == 1 ? "" : "s");
	return CLI_OK;
}

int cmd_path(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"from", required_argument, NULL, 'a'},    {"to", required_argument, NULL, 'b'},
		{"format", required_argument, NULL, 'f'},  CLI_GRAPH_LONGOPTS,
		{"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
	cli_graph_opts go = {0};
	cli_output out = CLI_TABLE;
	const char *from = NULL, *to = NULL;
	char err[WP_ERR_LEN] = "";
	wp_graph g = {0};
	wp_path_scratch s = {0};
	wp_vertex a, b;
	wp_status st;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'a':
			from = optarg;
			break;
		case 'b':
			to = optarg;
			break;
		case 'f':
			if (!cli_parse_output(optarg, CLI_TABLE | CLI_JSON, &out))
				return cli_usage_error("path", "--format must be table or json");
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_graph_option("path", opt, optarg, &go);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("path", "unknown option") : rc;
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("path", "expected one GRAPH file");
	if (from == NULL || to == NULL)
		return cli_usage_error("path", "--from and --to are required");

	st = cli_load_graph(argv[optind], &go, &g, err);
	if (st == WP_OK)
		st = wp_labels_lookup(&g.labels, from, strlen(from), &a, err);
	if (st == WP_OK)
		st = wp_labels_lookup(&g.labels, to, strlen(to), &b, err);
	if (st == WP_OK)
		st = wp_path_scratch_init(&s, &g, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	wp_path_shortest(&g, &s, a, b);
	rc = print_result(&g, &s, from, to, out);
done:
	wp_path_scratch_free(&s);
	wp_graph_free(&g);
	return rc;
}
