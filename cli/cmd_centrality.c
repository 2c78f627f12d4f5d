/* cmd_centrality.c - `warmpath centrality GRAPH --measure M`: one centrality value per vertex.
 *
 * The command is three steps kept apart so that a `--workspace` source can reuse the last two:
 * load a graph (cli_load_graph), compute one value per vertex into a double array
 * (compute_measure, which knows every measure's options), and print the values, naming vertices
 * through a naming function (labels of a graph file, or the people's display names, which are a
 * workspace graph's labels).
 *
 * With --workspace the graph is wp_workspace_graph's (people, ties, weights = warmth) and every
 * row also shows the person's company, whether they are a member, and their member reach: the
 * members other than them at most two hops away (a tie, or one introduction), the people who
 * could make the ask.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "cli/table.h"
#include "queries/betweenness.h"
#include "queries/closeness.h"
#include "queries/pagerank.h"
#include "queries/structure.h"

static const char usage[] =
        "usage: warmpath centrality GRAPH --measure M [--normalized] [--top K]\n"
        "                           [--format table|csv|json] [--threads N] [--input-format F]\n"
        "                           [--directed] [measure options]\n"
        "       warmpath centrality --workspace FILE --measure M [options]\n"
        "\n"
        "Computes one centrality value per vertex. M is one of:\n"
        "  betweenness  shortest paths through the vertex (Brandes; igraph's values: an "
        "undirected\n"
        "               pair counted once); with --approx, KADABRA sampling\n"
        "  closeness    1 / sum of hop distances to the vertices it reaches (igraph 0.10: over\n"
        "               reachable vertices only; NaN if it reaches none); --normalized: reached\n"
        "               vertices / that sum, one over the mean distance\n"
        "  harmonic     sum of 1 / distance over the vertices it reaches; --normalized: / (n - 1)\n"
        "  pagerank     PageRank (damping 0.85, dangling vertices restart like the walk does);\n"
        "               scores sum to 1\n"
        "  degree       neighbours (directed: in + out arcs); --normalized: / (n - 1)\n"
        "  coreness     the largest k such that the vertex is in the k-core\n"
        "  eigenvector  eigenvector centrality, largest value 1 (directed: along in-arcs)\n"
        "  clustering   fraction of the vertex's neighbour pairs that are linked (NaN below 2\n"
        "               neighbours; directed graphs: arcs taken as undirected edges)\n"
        "Directed graphs use out-distances (paths from the vertex) unless --mode in.\n"
        "\n"
        "Output: a table of the K highest values (ties by input order); CSV `vertex,M` and JSON\n"
        "give every vertex in input order, or the K highest if --top is given. CSV prints full\n"
        "precision and NaN as `NaN`. JSON: {\"measure\": M, \"directed\": bool, \"normalized\": "
        "bool,\n"
        "\"approximate\": bool, \"vertices\": n, \"values\": [{\"vertex\": label, M: value}, "
        "...]},\n"
        "with null for NaN.\n"
        "With --workspace, vertices are the workspace's people (their display names), edges its\n"
        "ties, weights their warmth (a strength: --weighted applies to pagerank and eigenvector);\n"
        "each row adds company, member (yes for members) and members_2_hops: the members other\n"
        "than the person at most two hops away. --personalize takes names, #IDs, URLs, e-mails.\n"
        "\n"
        "  --workspace FILE      a workspace instead of a GRAPH file\n"
        "  --measure M           the measure (required)\n"
        "  --normalized          normalised values, as described above\n"
        "  --top K               rows to show (table default 20; 0 = all)\n"
        "  --format F            table, csv or json (default: table)\n"
        "  --approx EPS          betweenness: every value within EPS of exact on KADABRA's scale\n"
        "                        (divided by n (n - 1)), shown on the exact values' scale;\n"
        "                        closeness, harmonic: from sampled sources, normalised harmonic\n"
        "                        within EPS (see docs); with probability 1 - D\n"
        "  --delta D             failure probability of --approx (default 0.1)\n"
        "  --seed S              seed of --approx's sampling (default 1)\n"
        "  --cutoff H            closeness, harmonic: ignore paths longer than H hops\n"
        "  --mode out|in         closeness, harmonic: distances from (out) or to (in) the vertex;\n"
        "                        degree, coreness: out-, in- or (all, the default) both arcs\n"
        "  --damping D           pagerank: probability of following an arc (default 0.85)\n"
        "  --personalize LABEL   pagerank: restart at this vertex (repeat for a set, e.g. "
        "members)\n"
        "  --weighted            use edge weights: as lengths (betweenness) or strengths\n"
        "                        (pagerank, eigenvector)\n"
        "  --threads N           threads (default: all cores)\n"
        "  --input-format F      edgelist, graphml, gexf, pajek, mtx, gt or wpg\n"
        "                         (default: from the file's extension)\n"
        "  --directed            read an edge list as directed (default: undirected)\n";

typedef enum measure {
	M_NONE,
	M_BETWEENNESS,
	M_CLOSENESS,
	M_HARMONIC,
	M_PAGERANK,
	M_DEGREE,
	M_CORENESS,
	M_EIGENVECTOR,
	M_CLUSTERING
} measure;

static const char *const measure_names[] = {"",         "betweenness", "closeness",
                                            "harmonic", "pagerank",    "degree",
                                            "coreness", "eigenvector", "clustering"};

/* Everything the command line says about the computation. */
typedef struct centrality_args {
	measure m;
	bool normalized;
	double approx; /* 0: exact */
	double delta;
	uint64_t seed;
	int64_t cutoff; /* < 0: none */
	int mode;       /* 0 all/out default, 1 out, 2 in */
	bool mode_set;
	double damping;
	const char **personal_labels; /* --personalize, as given */
	wp_vertex *personal;          /* the same, resolved to vertices */
	uint32_t personal_count;
	bool weighted;
	int threads;
} centrality_args;

/* What the computation reports beside the values. */
typedef struct centrality_info {
	bool approximate;
	char note[256]; /* a warning for stderr, or "" */
} centrality_info;

/* A vertex's display name: a label of a graph file, or a person's name. */
typedef const char *(*vertex_name_fn)(const void *ctx, wp_vertex v);

/* What a workspace adds to each row; NULL for a graph file. */
typedef struct person_cols {
	const wp_attrs *attrs;
	int company, member;   /* attribute columns, or -1 */
	const uint32_t *reach; /* members within two hops */
} person_cols;

/* reach[v] = members m != v at most two hops from v; each member stamps what it reaches with its
 * own number, so nobody is counted twice for one member. O(sum over members of the arcs within
 * two hops). (cmd_brokers.c has the same count for its rows.) */
static wp_status members_within_2(const wp_graph *g, uint32_t *reach, char *err)
{
	wp_status st = WP_OK;
	int col = wp_attrs_find(&g->attrs, "member");
	uint32_t *stamp = calloc((size_t)g->n + 1, sizeof(*stamp)), mark = 0;
	if (stamp == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u stamps", g->n);
	memset(reach, 0, (size_t)g->n * sizeof(*reach));
	for (wp_vertex m = 0; col >= 0 && m < g->n; m++) {
		if (wp_attrs_get(&g->attrs, col, m)[0] != '1')
			continue;
		stamp[m] = ++mark;
		for (uint64_t e = g->offsets[m]; e < g->offsets[m + 1]; e++) {
			wp_vertex u = g->targets[e];
			if (stamp[u] != mark) {
				stamp[u] = mark;
				reach[u]++;
			}
			for (uint64_t f = g->offsets[u]; f < g->offsets[u + 1]; f++) {
				wp_vertex w = g->targets[f];
				if (stamp[w] != mark) {
					stamp[w] = mark;
					reach[w]++;
				}
			}
		}
	}
	free(stamp);
	return WP_OK;
fail:
	return st;
}

static const char *person_attr(const person_cols *p, int col, wp_vertex v)
{
	return col >= 0 ? wp_attrs_get(p->attrs, col, v) : "";
}

static const char *graph_label(const void *ctx, wp_vertex v)
{
	return wp_labels_name(&((const wp_graph *)ctx)->labels, v);
}

static bool parse_double(const char *s, double lo, double hi, double *x)
{
	char *end = NULL;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !(v >= lo && v <= hi))
		return false;
	*x = v;
	return true;
}

static bool parse_u64(const char *s, uint64_t max, uint64_t *x)
{
	char *end = NULL;
	errno = 0;
	if (*s == '-')
		return false;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v > max)
		return false;
	*x = v;
	return true;
}

static measure parse_measure(const char *s)
{
	for (int i = 1; i < (int)(sizeof(measure_names) / sizeof(measure_names[0])); i++)
		if (strcmp(s, measure_names[i]) == 0)
			return (measure)i;
	return M_NONE;
}

/* Resolves the --personalize labels to vertices of g (whose label index it may build), or, on a
 * workspace ws, the person references. */
static wp_status personal_vertices(wp_graph *g, wp_workspace *ws, centrality_args *a, char *err)
{
	wp_status st = WP_OK;
	a->personal = malloc((size_t)a->personal_count * sizeof(*a->personal) + 1);
	if (a->personal == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u personalisation vertices",
		        a->personal_count);
	for (uint32_t i = 0; i < a->personal_count; i++) {
		int64_t id = 0;
		if (ws == NULL) {
			WP_TRY(wp_labels_lookup(&g->labels, a->personal_labels[i],
			                        strlen(a->personal_labels[i]), &a->personal[i],
			                        err));
			continue;
		}
		WP_TRY(wp_workspace_person_resolve(ws, a->personal_labels[i], &id, err));
		a->personal[i] = wp_workspace_vertex(g, id);
		if (a->personal[i] == WP_NO_VERTEX)
			WP_FAIL(WP_EINPUT, "person #%lld is not in the workspace's graph",
			        (long long)id);
	}
	return WP_OK;
fail:
	return st;
}

/* KADABRA's b(v) = B_ordered(v) / (n (n - 1)) on the scale of exact betweenness. */
static void kadabra_to_exact_scale(const wp_graph *g, bool normalized, double *x)
{
	double n = g->n, pairs = g->directed ? n * (n - 1) : n * (n - 1) / 2;
	double norm = g->n > 2 ? (g->directed ? 1.0 : 2.0) / ((n - 1) * (n - 2)) : 1.0;
	for (wp_vertex v = 0; v < g->n; v++)
		x[v] = x[v] * pairs * (normalized ? norm : 1.0);
}

/* values[v] = the measure of every vertex of g. */
static wp_status compute_measure(const wp_graph *g, const centrality_args *a, double *values,
                                 centrality_info *info, char *err)
{
	wp_status st = WP_OK;
	uint64_t *deg = NULL;
	uint32_t *cores = NULL;
	wp_closeness clo = {0};
	wp_structure_mode smode = a->mode == 1   ? WP_STRUCTURE_OUT
	                          : a->mode == 2 ? WP_STRUCTURE_IN
	                                         : WP_STRUCTURE_ALL;

	memset(info, 0, sizeof(*info));
	switch (a->m) {
	case M_BETWEENNESS:
		if (a->approx > 0) {
			wp_kadabra_opts o = WP_KADABRA_DEFAULTS;
			o.eps = a->approx;
			o.delta = a->delta;
			o.seed = a->seed;
			o.threads = a->threads;
			WP_TRY(wp_betweenness_approx_opts(g, &o, values, NULL, err));
			kadabra_to_exact_scale(g, a->normalized, values);
			info->approximate = true;
		} else {
			wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
			o.normalized = a->normalized;
			o.weights = a->weighted ? g->weights : NULL;
			o.threads = a->threads;
			WP_TRY(wp_betweenness_exact_opts(g, &o, values, err));
		}
		break;
	case M_CLOSENESS:
	case M_HARMONIC: {
		wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
		o.normalized = a->normalized;
		o.cutoff = a->cutoff;
		o.mode = a->mode == 2 ? WP_CLOSENESS_IN : WP_CLOSENESS_OUT;
		o.seed = a->seed;
		o.threads = a->threads;
		if (a->approx > 0)
			o.samples = wp_closeness_sample_size(g->n, a->approx, a->delta);
		WP_TRY(wp_closeness_compute_opts(g, &o, &clo, err));
		if (g->n > 0)
			memcpy(values, a->m == M_CLOSENESS ? clo.closeness : clo.harmonic,
			       (size_t)g->n * sizeof(*values));
		info->approximate = clo.approximate;
		break;
	}
	case M_PAGERANK: {
		wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
		wp_pagerank_info pi;
		o.damping = a->damping;
		o.weighted = a->weighted;
		o.threads = a->threads;
		if (a->personal_count > 0) {
			o.personal = a->personal;
			o.personal_count = a->personal_count;
		}
		WP_TRY(wp_pagerank_compute_opts(g, &o, values, &pi, err));
		if (!pi.converged)
			snprintf(info->note, sizeof(info->note),
			         "pagerank did not converge in %u iterations (last change %g)",
			         pi.iterations, pi.change);
		break;
	}
	case M_DEGREE:
		deg = malloc((size_t)g->n * sizeof(*deg) + 1);
		if (deg == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate degrees of %u vertices", g->n);
		wp_structure_degree(g, smode, deg);
		for (wp_vertex v = 0; v < g->n; v++)
			values[v] = a->normalized && g->n > 1 ? (double)deg[v] / (g->n - 1.0)
			                                      : (double)deg[v];
		break;
	case M_CORENESS:
		cores = malloc((size_t)g->n * sizeof(*cores) + 1);
		if (cores == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate coreness of %u vertices", g->n);
		WP_TRY(wp_structure_coreness(g, smode, cores, err));
		for (wp_vertex v = 0; v < g->n; v++)
			values[v] = cores[v];
		break;
	case M_EIGENVECTOR: {
		wp_eigenvector_opts o = WP_EIGENVECTOR_DEFAULTS;
		o.weighted = a->weighted;
		WP_TRY(wp_structure_eigenvector_opts(g, &o, values, NULL, err));
		break;
	}
	case M_CLUSTERING:
		WP_TRY(wp_structure_clustering(g, false, values, err));
		break;
	case M_NONE:
		WP_FAIL(WP_EARG, "no measure");
	}
	st = WP_OK;
fail:
	wp_closeness_free(&clo);
	free(deg);
	free(cores);
	return st;
}

typedef struct ranked {
	double value;
	wp_vertex v;
} ranked;

/* Larger values first, NaN last, ties by vertex id (input order). */
static int cmp_ranked(const void *pa, const void *pb)
{
	const ranked *a = pa, *b = pb;
	bool na = isnan(a->value), nb = isnan(b->value);
	if (na != nb)
		return na ? 1 : -1;
	if (!na && a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return (a->v > b->v) - (a->v < b->v);
}

/* The vertices to print: all in input order (count = n, sorted false), or the top K sorted. */
static wp_status select_rows(const double *values, uint32_t n, uint64_t top, bool sorted,
                             wp_vertex **rows, uint32_t *count, char *err)
{
	wp_status st = WP_OK;
	ranked *r = NULL;
	wp_vertex *out = malloc((size_t)n * sizeof(*out) + 1);
	if (out == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate the output order of %u vertices", n);
	if (!sorted) {
		for (uint32_t v = 0; v < n; v++)
			out[v] = v;
		*count = n;
	} else {
		r = malloc((size_t)n * sizeof(*r) + 1);
		if (r == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate the ranking of %u vertices", n);
		for (uint32_t v = 0; v < n; v++)
			r[v] = (ranked){values[v], v};
		qsort(r, n, sizeof(*r), cmp_ranked);
		*count = top == 0 || top > n ? n : (uint32_t)top;
		for (uint32_t i = 0; i < *count; i++)
			out[i] = r[i].v;
		free(r);
	}
	*rows = out;
	return WP_OK;
fail:
	free(out);
	free(r);
	return st;
}

/* A value as CSV or JSON text: full precision, NaN and infinities as `nan_text`. */
static void print_value(FILE *f, double x, const char *nan_text)
{
	if (isfinite(x))
		fprintf(f, "%.17g", x);
	else
		fputs(nan_text, f);
}

static void json_text(FILE *f, const char *s)
{
	json_t *j = json_string(s);
	if (j == NULL) /* not UTF-8 (importers check it, but a snapshot might not): as is */
		j = json_string_nocheck(s);
	if (j == NULL)
		return;
	json_dumpf(j, f, JSON_ENCODE_ANY);
	json_decref(j);
}

/* The table of a workspace: people with their company, membership and member reach. */
static void print_people(const char *name, const double *values, const wp_vertex *rows,
                         uint32_t count, vertex_name_fn label, const void *ctx,
                         const person_cols *pc)
{
	const cli_column cols[] = {{"rank", true, 0},      {"person", false, 32},
	                           {"company", false, 28}, {"member", false, 0},
	                           {name, true, 0},        {"members_2_hops", true, 0}};
	cli_table t;
	cli_table_init(&t, cols, sizeof(cols) / sizeof(cols[0]));
	for (uint32_t i = 0; i < count; i++) {
		wp_vertex v = rows[i];
		cli_table_addf(&t, "%u", i + 1);
		cli_table_add(&t, label(ctx, v));
		cli_table_add(&t, person_attr(pc, pc->company, v));
		cli_table_add(&t, person_attr(pc, pc->member, v)[0] == '1' ? "yes" : "");
		cli_table_addf(&t, "%.6g", values[v]);
		cli_table_addf(&t, "%u", pc->reach[v]);
	}
	cli_table_print(&t, CLI_TABLE, stdout);
	cli_table_free(&t);
}

static void print_table(const char *name, const double *values, const wp_vertex *rows,
                        uint32_t count, uint32_t n, vertex_name_fn label, const void *ctx,
                        const centrality_info *info, const person_cols *pc)
{
	int width = 6;
	for (uint32_t i = 0; i < count; i++) {
		int len = (int)strlen(label(ctx, rows[i]));
		width = len > width ? (len > 40 ? 40 : len) : width;
	}
	if (pc != NULL) {
		print_people(name, values, rows, count, label, ctx, pc);
	} else {
		printf("%-6s %-*s %s\n", "rank", width, "vertex", name);
		for (uint32_t i = 0; i < count; i++)
			printf("%-6u %-*s %.6g\n", i + 1, width, label(ctx, rows[i]),
			       values[rows[i]]);
	}
	if (count < n)
		printf("(%u of %u vertices; --top 0 shows all)\n", count, n);
	if (info->approximate)
		printf("(approximate values)\n");
}

static void print_csv(const char *name, const double *values, const wp_vertex *rows, uint32_t count,
                      vertex_name_fn label, const void *ctx, const person_cols *pc)
{
	printf("vertex,%s%s\n", name, pc ? ",company,member,members_2_hops" : "");
	for (uint32_t i = 0; i < count; i++) {
		cli_csv_field(stdout, label(ctx, rows[i]));
		putchar(',');
		print_value(stdout, values[rows[i]], "NaN");
		if (pc != NULL) {
			putchar(',');
			cli_csv_field(stdout, person_attr(pc, pc->company, rows[i]));
			printf(",%s,%u",
			       person_attr(pc, pc->member, rows[i])[0] == '1' ? "yes" : "",
			       pc->reach[rows[i]]);
		}
		putchar('\n');
	}
}

static void print_json(const char *name, const double *values, const wp_vertex *rows,
                       uint32_t count, uint32_t n, bool directed, bool normalized,
                       vertex_name_fn label, const void *ctx, const centrality_info *info,
                       const person_cols *pc)
{
	printf("{\"measure\": \"%s\", \"directed\": %s, \"normalized\": %s, \"approximate\": %s, "
	       "\"vertices\": %u, \"values\": [",
	       name, directed ? "true" : "false", normalized ? "true" : "false",
	       info->approximate ? "true" : "false", n);
	for (uint32_t i = 0; i < count; i++) {
		fputs(i ? ",\n  {\"vertex\": " : "\n  {\"vertex\": ", stdout);
		json_text(stdout, label(ctx, rows[i]));
		printf(", \"%s\": ", name);
		print_value(stdout, values[rows[i]], "null");
		if (pc != NULL) {
			fputs(", \"company\": ", stdout);
			json_text(stdout, person_attr(pc, pc->company, rows[i]));
			printf(", \"member\": %s, \"members_2_hops\": %u",
			       person_attr(pc, pc->member, rows[i])[0] == '1' ? "true" : "false",
			       pc->reach[rows[i]]);
		}
		putchar('}');
	}
	printf("%s]}\n", count ? "\n" : "");
}

/* Checks that the options given make sense for the measure; prints a usage error if not. */
static int check_args(const centrality_args *a)
{
	bool paths = a->m == M_CLOSENESS || a->m == M_HARMONIC;
	if (a->m == M_NONE)
		return cli_usage_error("centrality", "--measure is required");
	if (a->approx > 0 && !paths && a->m != M_BETWEENNESS)
		return cli_usage_error("centrality",
		                       "--approx applies to betweenness, closeness and harmonic");
	if (a->cutoff >= 0 && !paths)
		return cli_usage_error("centrality", "--cutoff applies to closeness and harmonic");
	if ((a->personal_count > 0 || a->damping != 0.85) && a->m != M_PAGERANK)
		return cli_usage_error("centrality",
		                       "--damping and --personalize apply to pagerank");
	if (a->weighted && a->m != M_PAGERANK && a->m != M_EIGENVECTOR && a->m != M_BETWEENNESS)
		return cli_usage_error(
		        "centrality",
		        "--weighted applies to betweenness, pagerank and eigenvector");
	if (a->weighted && a->approx > 0)
		return cli_usage_error("centrality", "--approx cannot use weights");
	if (a->mode_set && !paths && a->m != M_DEGREE && a->m != M_CORENESS)
		return cli_usage_error(
		        "centrality", "--mode applies to closeness, harmonic, degree and coreness");
	if (a->mode_set && paths && a->mode == 0)
		return cli_usage_error("centrality", "--mode for %s must be out or in",
		                       measure_names[a->m]);
	if (a->normalized && (a->m == M_PAGERANK || a->m == M_CORENESS || a->m == M_EIGENVECTOR ||
	                      a->m == M_CLUSTERING))
		return cli_usage_error("centrality", "--normalized does not apply to %s",
		                       measure_names[a->m]);
	return CLI_OK;
}

int cmd_centrality(int argc, char **argv)
{
	enum {
		O_MEASURE = 1,
		O_NORMALIZED,
		O_TOP,
		O_FORMAT,
		O_APPROX,
		O_DELTA,
		O_SEED,
		O_CUTOFF,
		O_MODE,
		O_DAMPING,
		O_PERSONALIZE,
		O_WEIGHTED,
		O_WORKSPACE
	};
	static const struct option longopts[] = {
	        {"measure", required_argument, NULL, O_MEASURE},
	        {"normalized", no_argument, NULL, O_NORMALIZED},
	        {"top", required_argument, NULL, O_TOP},
	        {"format", required_argument, NULL, O_FORMAT},
	        {"approx", required_argument, NULL, O_APPROX},
	        {"delta", required_argument, NULL, O_DELTA},
	        {"seed", required_argument, NULL, O_SEED},
	        {"cutoff", required_argument, NULL, O_CUTOFF},
	        {"mode", required_argument, NULL, O_MODE},
	        {"damping", required_argument, NULL, O_DAMPING},
	        {"personalize", required_argument, NULL, O_PERSONALIZE},
	        {"weighted", no_argument, NULL, O_WEIGHTED},
	        {"workspace", required_argument, NULL, O_WORKSPACE},
	        CLI_GRAPH_LONGOPTS,
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0}};
	centrality_args a = {.m = M_NONE, .delta = 0.1, .seed = 1, .cutoff = -1, .damping = 0.85};
	cli_graph_opts go = {0};
	cli_output out = CLI_TABLE;
	const char *ws_path = NULL;
	wp_workspace *ws = NULL;
	uint32_t *reach = NULL;
	person_cols pcols = {0};
	uint64_t top = 20, u = 0;
	bool top_set = false;
	char err[WP_ERR_LEN] = "";
	wp_graph g = {0};
	double *values = NULL;
	wp_vertex *rows = NULL;
	uint32_t count = 0;
	centrality_info info;
	wp_status st;
	int opt, rc;

	a.personal_labels = calloc((size_t)argc + 1, sizeof(*a.personal_labels));
	if (a.personal_labels == NULL)
		return cli_fail(WP_ENOMEM, "cannot allocate the argument list");
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		rc = CLI_OK;
		switch (opt) {
		case O_MEASURE:
			a.m = parse_measure(optarg);
			if (a.m == M_NONE)
				rc = cli_usage_error(
				        "centrality",
				        "unknown measure '%s'; see --help for the list", optarg);
			break;
		case O_NORMALIZED:
			a.normalized = true;
			break;
		case O_TOP:
			if (!parse_u64(optarg, UINT32_MAX, &top))
				rc = cli_usage_error("centrality", "--top needs a count (0 = all)");
			top_set = true;
			break;
		case O_FORMAT:
			if (!cli_parse_output(optarg, CLI_TABLE | CLI_CSV | CLI_JSON, &out))
				rc = cli_usage_error("centrality",
				                     "--format must be table, csv or json");
			break;
		case O_APPROX:
			if (!parse_double(optarg, 1e-9, 1, &a.approx) || a.approx >= 1)
				rc = cli_usage_error("centrality",
				                     "--approx needs an EPS in (0, 1)");
			break;
		case O_DELTA:
			if (!parse_double(optarg, 1e-300, 1, &a.delta) || a.delta >= 1)
				rc = cli_usage_error("centrality",
				                     "--delta needs a probability in (0, 1)");
			break;
		case O_SEED:
			if (!parse_u64(optarg, UINT64_MAX, &a.seed))
				rc = cli_usage_error("centrality",
				                     "--seed needs a non-negative integer");
			break;
		case O_CUTOFF:
			if (!parse_u64(optarg, INT64_MAX, &u))
				rc = cli_usage_error("centrality",
				                     "--cutoff needs a hop count >= 0");
			a.cutoff = (int64_t)u;
			break;
		case O_MODE:
			a.mode_set = true;
			if (strcmp(optarg, "all") == 0)
				a.mode = 0;
			else if (strcmp(optarg, "out") == 0)
				a.mode = 1;
			else if (strcmp(optarg, "in") == 0)
				a.mode = 2;
			else
				rc = cli_usage_error("centrality", "--mode must be out, in or all");
			break;
		case O_DAMPING:
			if (!parse_double(optarg, 0, 1, &a.damping) || a.damping >= 1)
				rc = cli_usage_error("centrality",
				                     "--damping needs a number in [0, 1)");
			break;
		case O_PERSONALIZE:
			a.personal_labels[a.personal_count++] = optarg;
			break;
		case O_WEIGHTED:
			a.weighted = true;
			break;
		case O_WORKSPACE:
			ws_path = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			free(a.personal_labels);
			return CLI_OK;
		default:
			rc = cli_graph_option("centrality", opt, optarg, &go);
			if (rc < 0)
				rc = cli_usage_error("centrality", "unknown option");
		}
		if (rc != CLI_OK) {
			free(a.personal_labels);
			return rc;
		}
	}
	a.threads = go.threads;
	if (ws_path != NULL && optind != argc)
		rc = cli_usage_error("centrality",
		                     "expected a GRAPH file or --workspace, not both");
	else if (ws_path != NULL && (go.input_format != NULL || go.directed))
		rc = cli_usage_error("centrality",
		                     "--input-format and --directed apply to GRAPH files");
	else if (ws_path != NULL && a.weighted && a.m == M_BETWEENNESS)
		rc = cli_usage_error("centrality", "--weighted betweenness needs lengths; a "
		                                   "workspace's weights are warmth (a strength)");
	else if (ws_path == NULL && optind != argc - 1)
		rc = cli_usage_error("centrality", "expected one GRAPH file");
	else
		rc = check_args(&a);
	if (rc != CLI_OK) {
		free(a.personal_labels);
		return rc;
	}

	if (ws_path != NULL) {
		rc = cli_workspace_open("centrality", ws_path, false, &ws);
		if (rc != CLI_OK)
			goto done;
		st = wp_workspace_graph(ws, &g, err);
		if (st == WP_OK) {
			reach = malloc((size_t)g.n * sizeof(*reach) + 1);
			st = reach != NULL
			             ? members_within_2(&g, reach, err)
			             : wp_error(err, WP_ENOMEM, "cannot allocate the member reach");
		}
		pcols = (person_cols){&g.attrs, wp_attrs_find(&g.attrs, "company"),
		                      wp_attrs_find(&g.attrs, "member"), reach};
	} else {
		st = cli_load_graph(argv[optind], &go, &g, err);
	}
	if (st == WP_OK && a.weighted && g.weights == NULL && g.m > 0)
		st = wp_error(err, WP_EINPUT, "%s: --weighted, but the graph has no edge weights",
		              ws_path ? ws_path : argv[optind]);
	if (st == WP_OK && a.personal_count > 0)
		st = personal_vertices(&g, ws, &a, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	values = malloc((size_t)g.n * sizeof(*values) + 1);
	if (values == NULL) {
		rc = cli_fail(WP_ENOMEM, "cannot allocate the values");
		goto done;
	}
	st = compute_measure(&g, &a, values, &info, err);
	if (st == WP_OK)
		st = select_rows(values, g.n, top, out == CLI_TABLE || top_set, &rows, &count, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	if (info.note[0])
		fprintf(stderr, "warmpath: warning: %s\n", info.note);
	const char *name = measure_names[a.m];
	const person_cols *pc = reach != NULL ? &pcols : NULL; /* a workspace */
	if (out == CLI_CSV)
		print_csv(name, values, rows, count, graph_label, &g, pc);
	else if (out == CLI_JSON)
		print_json(name, values, rows, count, g.n, g.directed, a.normalized, graph_label,
		           &g, &info, pc);
	else
		print_table(name, values, rows, count, g.n, graph_label, &g, &info, pc);
	rc = CLI_OK;
done:
	free(reach);
	wp_workspace_close(ws);
	free(a.personal_labels);
	free(a.personal);
	free(values);
	free(rows);
	wp_graph_free(&g);
	return rc;
}
