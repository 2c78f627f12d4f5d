/* cmd_export.c - `warmpath export`: a graph or a workspace, with computed results as attributes.
 *
 * Three steps, in an order that keeps a failure from leaving anything behind: load the graph
 * (a file, or a workspace's people graph with warmth as edge weights), compute every requested
 * result into a wp_vertex_values (centralities with the kernels of queries/, with the same
 * defaults as `warmpath centrality`; communities as `warmpath communities` finds them), then
 * write the chosen format through cli_write_atomic (a 0600 temporary file renamed into place).
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "engine/workspace.h"
#include "exporters/dot.h"
#include "exporters/edgelist.h"
#include "exporters/gexf.h"
#include "exporters/graphml.h"
#include "exporters/pajek.h"
#include "exporters/vertex_csv.h"
#include "exporters/vertex_values.h"
#include "queries/betweenness.h"
#include "queries/closeness.h"
#include "queries/pagerank.h"
#include "queries/structure.h"

static const char usage[] =
        "usage: warmpath export GRAPH OUT [--format F] [--with centrality=M,...]\n"
        "                       [--with communities=leiden|louvain] [--threads N]\n"
        "                       [--input-format F] [--directed]\n"
        "       warmpath export --workspace FILE OUT [--format F] [--with ...] [--threads N]\n"
        "\n"
        "Writes the graph (vertices, labels, edges and their weights) with the requested results\n"
        "as vertex attributes, for Gephi, igraph, networkx, Pajek or Graphviz. From a workspace\n"
        "the graph is its people: each person's person_id, company, position and member flag are\n"
        "attributes and each tie's warmth is the edge weight. OUT is written to a temporary file\n"
        "(mode 0600: it may hold personal data) and renamed into place, so a failure leaves no\n"
        "partial file.\n"
        "\n"
        "  --format F        graphml, gexf (Gephi), pajek, edgelist, dot or csv (one row per\n"
        "                    vertex: `vertex,<result>,...`); default: from OUT's extension\n"
        "                    (.graphml .gexf .net .pajek .txt .el .edges .tsv .dot .gv .csv)\n"
        "  --with centrality=M,...   add columns: betweenness, closeness, harmonic, pagerank,\n"
        "                    degree, coreness, eigenvector, clustering (as `warmpath centrality`\n"
        "                    computes them without options)\n"
        "  --with communities=leiden|louvain   add a `community` column (as `warmpath\n"
        "                    communities` numbers them: 0 is the largest; seed 1)\n"
        "  --workspace FILE  export a workspace's people graph instead of a GRAPH file\n"
        "  --threads N       threads (default: all cores)\n"
        "  --input-format F  the GRAPH file's format (default: from its extension)\n"
        "  --directed        read an edge list as directed (default: undirected)\n"
        "Pajek and edge lists cannot hold vertex attributes: --with needs another format.\n";

typedef enum out_format { F_NONE, F_GRAPHML, F_GEXF, F_PAJEK, F_EDGELIST, F_DOT, F_CSV } out_format;

static const struct {
	const char *name;
	out_format f;
} format_names[] = {{"graphml", F_GRAPHML},   {"gexf", F_GEXF}, {"pajek", F_PAJEK},
                    {"edgelist", F_EDGELIST}, {"dot", F_DOT},   {"csv", F_CSV}};

static const struct {
	const char *ext;
	out_format f;
} extensions[] = {{".graphml", F_GRAPHML}, {".gexf", F_GEXF},    {".net", F_PAJEK},
                  {".pajek", F_PAJEK},     {".txt", F_EDGELIST}, {".el", F_EDGELIST},
                  {".edges", F_EDGELIST},  {".tsv", F_EDGELIST}, {".dot", F_DOT},
                  {".gv", F_DOT},          {".csv", F_CSV}};

/* The measures --with centrality= accepts, with the type of their column. */
typedef enum measure {
	M_BETWEENNESS,
	M_CLOSENESS,
	M_HARMONIC,
	M_PAGERANK,
	M_DEGREE,
	M_CORENESS,
	M_EIGENVECTOR,
	M_CLUSTERING,
	M_COUNT
} measure;

static const char *const measure_names[M_COUNT] = {"betweenness", "closeness", "harmonic",
                                                   "pagerank",    "degree",    "coreness",
                                                   "eigenvector", "clustering"};
#define MEASURE_LIST                                                                  \
	"betweenness, closeness, harmonic, pagerank, degree, coreness, eigenvector, " \
	"clustering"

typedef struct export_args {
	bool want[M_COUNT];
	measure order[M_COUNT]; /* columns in the order first asked for */
	uint32_t measures;
	bool communities;
	wp_community_method method;
	int threads;
} export_args;

static out_format format_from_name(const char *s)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcmp(s, format_names[i].name) == 0)
			return format_names[i].f;
	return F_NONE;
}

static out_format format_from_path(const char *path)
{
	size_t len = strlen(path);
	for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
		size_t k = strlen(extensions[i].ext);
		if (len > k && strcasecmp(path + len - k, extensions[i].ext) == 0)
			return extensions[i].f;
	}
	return F_NONE;
}

/* Parses one --with argument into a; prints a usage error and returns CLI_USAGE if it is bad. */
static int parse_with(const char *arg, export_args *a)
{
	if (strncmp(arg, "centrality=", 11) == 0) {
		const char *p = arg + 11;
		if (*p == '\0')
			return cli_usage_error("export", "--with centrality= needs measures: %s",
			                       MEASURE_LIST);
		while (*p) {
			size_t len = strcspn(p, ",");
			int m = -1;
			for (int i = 0; i < M_COUNT; i++)
				if (strlen(measure_names[i]) == len &&
				    strncmp(p, measure_names[i], len) == 0)
					m = i;
			if (m < 0)
				return cli_usage_error("export",
				                       "unknown measure '%.*s'; valid: %s",
				                       (int)len, p, MEASURE_LIST);
			if (!a->want[m]) {
				a->want[m] = true;
				a->order[a->measures++] = (measure)m;
			}
			p += len;
			if (*p == ',')
				p++;
		}
		return CLI_OK;
	}
	if (strncmp(arg, "communities=", 12) == 0) {
		const char *m = arg + 12;
		if (strcmp(m, "leiden") == 0)
			a->method = WP_COMMUNITIES_LEIDEN;
		else if (strcmp(m, "louvain") == 0)
			a->method = WP_COMMUNITIES_LOUVAIN;
		else
			return cli_usage_error(
			        "export", "unknown community method '%s'; valid: leiden, louvain",
			        m);
		a->communities = true;
		return CLI_OK;
	}
	return cli_usage_error("export",
	                       "--with takes centrality=M,... or communities=leiden|louvain, not "
	                       "'%s'",
	                       arg);
}

/* values[v] = measure m of every vertex, with `warmpath centrality`'s defaults. */
static wp_status compute_measure(const wp_graph *g, measure m, int threads, double *values,
                                 char *err)
{
	wp_status st = WP_OK;
	uint64_t *deg = NULL;
	uint32_t *cores = NULL;
	wp_closeness clo = {0};

	switch (m) {
	case M_BETWEENNESS: {
		wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
		o.threads = threads;
		WP_TRY(wp_betweenness_exact_opts(g, &o, values, err));
		break;
	}
	case M_CLOSENESS:
	case M_HARMONIC: {
		wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
		o.threads = threads;
		WP_TRY(wp_closeness_compute_opts(g, &o, &clo, err));
		if (g->n > 0)
			memcpy(values, m == M_CLOSENESS ? clo.closeness : clo.harmonic,
			       (size_t)g->n * sizeof(*values));
		break;
	}
	case M_PAGERANK: {
		wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
		o.threads = threads;
		WP_TRY(wp_pagerank_compute_opts(g, &o, values, NULL, err));
		break;
	}
	case M_DEGREE:
		deg = malloc((size_t)g->n * sizeof(*deg) + 1);
		if (deg == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate degrees of %u vertices", g->n);
		wp_structure_degree(g, WP_STRUCTURE_ALL, deg);
		for (wp_vertex v = 0; v < g->n; v++)
			values[v] = (double)deg[v];
		break;
	case M_CORENESS:
		cores = malloc((size_t)g->n * sizeof(*cores) + 1);
		if (cores == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate coreness of %u vertices", g->n);
		WP_TRY(wp_structure_coreness(g, WP_STRUCTURE_ALL, cores, err));
		for (wp_vertex v = 0; v < g->n; v++)
			values[v] = cores[v];
		break;
	case M_EIGENVECTOR:
		WP_TRY(wp_structure_eigenvector(g, values, err));
		break;
	case M_CLUSTERING:
		WP_TRY(wp_structure_clustering(g, false, values, err));
		break;
	case M_COUNT:
		WP_FAIL(WP_EARG, "no measure");
	}
fail:
	wp_closeness_free(&clo);
	free(deg);
	free(cores);
	return st;
}

/* Adds the requested centralities and communities to vv. */
static wp_status compute_results(const wp_graph *g, const export_args *a, wp_vertex_values *vv,
                                 char *err)
{
	wp_status st = WP_OK;
	wp_communities com = {0};
	double *values = malloc((size_t)g->n * sizeof(*values) + 1);
	if (values == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate the values of %u vertices", g->n);
	for (uint32_t i = 0; i < a->measures; i++) {
		measure m = a->order[i];
		WP_TRY(compute_measure(g, m, a->threads, values, err));
		wp_value_type t =
		        m == M_DEGREE || m == M_CORENESS ? WP_VALUE_LONG : WP_VALUE_DOUBLE;
		WP_TRY(wp_vertex_values_add_numbers(vv, measure_names[m], t, values, err));
	}
	if (a->communities) {
		wp_communities_opts o = WP_COMMUNITIES_DEFAULTS;
		o.method = a->method;
		WP_TRY(wp_structure_communities_opts(g, &o, &com, err));
		for (wp_vertex v = 0; v < g->n; v++)
			values[v] = com.membership[v];
		WP_TRY(wp_vertex_values_add_numbers(vv, "community", WP_VALUE_LONG, values, err));
	}
fail:
	wp_communities_free(&com);
	free(values);
	return st;
}

/* The person columns of a workspace graph: person_id, company, position, member. The graph
 * holds person_id, company and member as attributes; positions come from one listing of the
 * people table (a lookup per person cost 0.6 ms each, most of an export's time). */
static wp_status workspace_columns(wp_workspace *ws, const wp_graph *g, wp_vertex_values *vv,
                                   char *err)
{
	wp_status st = WP_OK;
	wp_strtab positions = {0};
	wp_people people = {0};
	const char **position = calloc((size_t)g->n + 1, sizeof(*position));
	double *x = malloc((size_t)g->n * sizeof(*x) + 1);
	int company = wp_attrs_find(&g->attrs, "company");
	int member = wp_attrs_find(&g->attrs, "member");
	if (x == NULL || position == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate the columns of %u people", g->n);
	for (wp_vertex v = 0; v < g->n; v++)
		x[v] = (double)wp_workspace_vertex_person(g, v);
	WP_TRY(wp_vertex_values_add_numbers(vv, "person_id", WP_VALUE_LONG, x, err));
	if (company >= 0) {
		wp_attrs one = {.cols = &g->attrs.cols[company], .count = 1, .cap = 1};
		WP_TRY(wp_vertex_values_add_attrs(vv, &one, err));
	}
	WP_TRY(wp_workspace_people_search(ws, "", 0, &people, err));
	for (size_t i = 0; i < people.count; i++) {
		wp_vertex v = wp_workspace_vertex(g, people.items[i].id);
		if (v != WP_NO_VERTEX)
			position[v] = people.items[i].position;
	}
	for (wp_vertex v = 0; v < g->n; v++) {
		const char *p = position[v] ? position[v] : "";
		WP_TRY(wp_strtab_append(&positions, p, strlen(p), err));
	}
	WP_TRY(wp_vertex_values_add_text(vv, "position", &positions, err));
	for (wp_vertex v = 0; v < g->n; v++)
		x[v] = member >= 0 && wp_attrs_get(&g->attrs, member, v)[0] == '1';
	WP_TRY(wp_vertex_values_add_numbers(vv, "member", WP_VALUE_BOOL, x, err));
fail:
	wp_people_free(&people);
	wp_strtab_free(&positions);
	free(position);
	free(x);
	return st;
}

typedef struct write_ctx {
	const wp_graph *g;
	const wp_vertex_values *vv;
	out_format f;
} write_ctx;

static wp_status write_output(FILE *f, const char *path, void *ctx, char *err)
{
	const write_ctx *c = ctx;
	switch (c->f) {
	case F_GRAPHML:
		return wp_export_graphml_values(c->g, c->vv, f, path, err);
	case F_GEXF:
		return wp_export_gexf(c->g, c->vv, f, path, err);
	case F_PAJEK:
		return wp_export_pajek(c->g, f, path, err);
	case F_DOT:
		return wp_export_dot(c->g, c->vv, f, path, err);
	case F_CSV:
		return wp_export_vertex_csv(c->g, c->vv, f, path, err);
	case F_EDGELIST:
	case F_NONE:
		break;
	}
	return wp_export_edgelist(c->g, f, path, err);
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {{"workspace", required_argument, NULL, 'w'},
	                                         {"format", required_argument, NULL, 'f'},
	                                         {"with", required_argument, NULL, 'W'},
	                                         CLI_GRAPH_LONGOPTS,
	                                         {"help", no_argument, NULL, 'h'},
	                                         {NULL, 0, NULL, 0}};
	export_args a = {.method = WP_COMMUNITIES_LEIDEN};
	cli_graph_opts go = {0};
	const char *ws_path = NULL, *format = NULL;
	char err[WP_ERR_LEN] = "";
	wp_workspace *ws = NULL;
	wp_graph g = {0};
	wp_vertex_values vv = {0};
	out_format f;
	wp_status st = WP_OK;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		rc = CLI_OK;
		switch (opt) {
		case 'w':
			ws_path = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'W':
			rc = parse_with(optarg, &a);
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_graph_option("export", opt, optarg, &go);
			if (rc < 0)
				rc = cli_usage_error("export", "unknown option");
		}
		if (rc != CLI_OK)
			return rc;
	}
	a.threads = go.threads;
	int want_args = ws_path ? 1 : 2;
	if (argc - optind != want_args)
		return cli_usage_error("export", ws_path ? "expected one OUT file with --workspace"
		                                         : "expected a GRAPH file and an OUT file");
	if (ws_path && (go.input_format || go.directed))
		return cli_usage_error("export", "--input-format and --directed apply to GRAPH "
		                                 "files, not to a workspace");
	const char *out = argv[argc - 1];
	if (format != NULL) {
		f = format_from_name(format);
		if (f == F_NONE)
			return cli_usage_error("export",
			                       "unknown format '%s'; valid: graphml, gexf, pajek, "
			                       "edgelist, dot, csv",
			                       format);
	} else {
		f = format_from_path(out);
		if (f == F_NONE)
			return cli_usage_error(
			        "export",
			        "%s: cannot tell the format from the file name; name "
			        "it with --format graphml|gexf|pajek|edgelist|dot|csv",
			        out);
	}
	if ((f == F_PAJEK || f == F_EDGELIST) && (a.measures > 0 || a.communities))
		return cli_usage_error(
		        "export",
		        "%s files cannot hold vertex results; use graphml, gexf, dot "
		        "or csv (or export the results to csv beside it)",
		        f == F_PAJEK ? "Pajek" : "edge list");

	if (ws_path != NULL) {
		rc = cli_workspace_open("export", ws_path, false, &ws);
		if (rc != CLI_OK)
			return rc;
		st = wp_workspace_graph(ws, &g, err);
	} else {
		st = cli_load_graph(argv[optind], &go, &g, err);
	}
	if (st != WP_OK)
		goto done;
	wp_vertex_values_init(&vv, g.n);
	if (ws != NULL)
		st = workspace_columns(ws, &g, &vv, err);
	else
		st = wp_vertex_values_add_attrs(&vv, &g.attrs, err);
	if (st == WP_OK)
		st = compute_results(&g, &a, &vv, err);
	if (st == WP_OK) {
		write_ctx ctx = {.g = &g, .vv = &vv, .f = f};
		st = cli_write_atomic(out, write_output, &ctx, err);
	}
done:
	rc = st == WP_OK ? CLI_OK : cli_fail(st, err);
	wp_vertex_values_free(&vv);
	wp_graph_free(&g);
	wp_workspace_close(ws);
	return rc;
}
