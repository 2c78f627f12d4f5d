/* cmd_communities.c - `warmpath communities GRAPH`: Leiden or Louvain communities and a summary.
 *
 * As in cmd_centrality.c, loading, computing (the partition and a score per vertex to rank
 * people within their community) and printing (through a vertex-naming function) are separate
 * steps. With --workspace the graph is wp_workspace_graph's (people, ties, weights = warmth) and
 * each community's summary adds its most common companies and the organisation's members in it:
 * which circles the members already touch, and through whom.
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
#include "queries/pagerank.h"
#include "queries/structure.h"

static const char usage[] =
        "usage: warmpath communities GRAPH [--method leiden|louvain] [--resolution R] [--seed S]\n"
        "                            [--weighted] [--top K] [--rank-by degree|pagerank]\n"
        "                            [--format table|csv|json] [--threads N] [--input-format F]\n"
        "                            [--directed]\n"
        "       warmpath communities --workspace FILE [options]\n"
        "\n"
        "Splits the vertices into communities that maximise modularity, with igraph's Leiden\n"
        "(default) or Louvain (multilevel) algorithm, and prints each community's size and its\n"
        "most central members, and the partition's modularity. Communities are numbered from 0 by\n"
        "decreasing size (ties: the one holding the earlier vertex of the input first). A "
        "directed\n"
        "graph is taken as undirected (an edge wherever an arc goes either way). The result\n"
        "depends only on the graph and the options: the seed fixes the random choices.\n"
        "\n"
        "  --method M          leiden or louvain (default: leiden)\n"
        "  --resolution R      modularity's resolution, > 0 (default 1): larger R, smaller\n"
        "                      communities\n"
        "  --seed S            seed of the random choices (default 1)\n"
        "  --weighted          use edge weights as tie strengths\n"
        "  --top K             most central members shown per community (default 5; 0 = all)\n"
        "  --limit C           communities shown in the table (default 20; 0 = all)\n"
        "  --rank-by R         rank members by degree (default) or pagerank\n"
        "  --format F          table (default), csv (`vertex,community`, one row per vertex in\n"
        "                      input order) or json: {\"method\", \"resolution\", \"seed\",\n"
        "                      \"modularity\" (null if undefined), \"communities\": "
        "[{\"community\", \"size\",\n"
        "                      \"central\": [{\"vertex\", \"score\"}]}], \"membership\": "
        "[{\"vertex\",\n"
        "                      \"community\"}]}\n"
        "  --workspace FILE    the workspace's people and ties (weights: warmth) instead of a\n"
        "                      GRAPH; each community also lists its most common companies\n"
        "                      (\"companies\": [{\"company\", \"people\"}] in JSON) and the "
        "members\n"
        "                      in it (\"members\"); CSV adds company and member columns\n"
        "  --threads N         threads (default: all cores)\n"
        "  --input-format F    edgelist, graphml, gexf, pajek, mtx, gt or wpg\n"
        "                         (default: from the file's extension)\n"
        "  --directed          read an edge list as directed (default: undirected)\n";

typedef struct communities_args {
	wp_communities_opts opts;
	uint64_t top;
	uint64_t limit;
	bool by_pagerank;
	int threads;
} communities_args;

/* A vertex's display name: a label of a graph file, or (later) a person's name. */
typedef const char *(*vertex_name_fn)(const void *ctx, wp_vertex v);

static const char *graph_label(const void *ctx, wp_vertex v)
{
	return wp_labels_name(&((const wp_graph *)ctx)->labels, v);
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

/* Members of every community, each community's members by decreasing score (ties by vertex):
 * order[start[k] .. start[k + 1]) for community k. */
typedef struct ranking {
	double *score;    /* n */
	wp_vertex *order; /* n */
	uint32_t *start;  /* count + 1 */
} ranking;

typedef struct member {
	uint32_t community;
	double score;
	wp_vertex v;
} member;

static int cmp_member(const void *pa, const void *pb)
{
	const member *a = pa, *b = pb;
	if (a->community != b->community)
		return a->community < b->community ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (a->v > b->v) - (a->v < b->v);
}

static void ranking_free(ranking *r)
{
	free(r->score);
	free(r->order);
	free(r->start);
	memset(r, 0, sizeof(*r));
}

static wp_status rank_members(const wp_graph *g, const wp_communities *c, const communities_args *a,
                              ranking *r, char *err)
{
	wp_status st = WP_OK;
	member *m = NULL;
	uint64_t *deg = NULL;
	uint32_t n = g->n;

	memset(r, 0, sizeof(*r));
	r->score = malloc((size_t)n * sizeof(*r->score) + 1);
	r->order = calloc((size_t)n + 1, sizeof(*r->order));
	r->start = calloc((size_t)c->count + 1, sizeof(*r->start));
	m = malloc((size_t)n * sizeof(*m) + 1);
	deg = malloc((size_t)n * sizeof(*deg) + 1);
	if (!r->score || !r->order || !r->start || !m || !deg)
		WP_FAIL(WP_ENOMEM, "cannot allocate the ranking of %u vertices", n);
	if (a->by_pagerank) {
		wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
		o.weighted = a->opts.weighted;
		o.threads = a->threads;
		WP_TRY(wp_pagerank_compute_opts(g, &o, r->score, NULL, err));
	} else {
		wp_structure_degree(g, WP_STRUCTURE_ALL, deg);
		for (wp_vertex v = 0; v < n; v++)
			r->score[v] = (double)deg[v];
	}
	for (wp_vertex v = 0; v < n; v++)
		m[v] = (member){c->membership[v], r->score[v], v};
	qsort(m, n, sizeof(*m), cmp_member);
	for (wp_vertex i = 0; i < n; i++) {
		r->order[i] = m[i].v;
		r->start[m[i].community + 1]++;
	}
	for (uint32_t k = 0; k < c->count; k++)
		r->start[k + 1] += r->start[k];
	free(m);
	free(deg);
	return WP_OK;
fail:
	free(m);
	free(deg);
	ranking_free(r);
	return st;
}

/* What a workspace adds: per community, its most common companies and its members. */
#define TOP_COMPANIES 3
typedef struct company_count {
	const char *company; /* borrowed from the graph's attributes */
	uint32_t people;
} company_count;

typedef struct people_summary {
	int company, member;    /* attribute columns of the graph, or -1 */
	company_count *top;     /* count x TOP_COMPANIES, people 0 where fewer */
	wp_vertex *members;     /* the members, by community then vertex */
	uint32_t *member_start; /* count + 1 */
} people_summary;

typedef struct company_of {
	uint32_t community;
	const char *company;
} company_of;

static int cmp_company(const void *pa, const void *pb)
{
	const company_of *a = pa, *b = pb;
	if (a->community != b->community)
		return a->community < b->community ? -1 : 1;
	return strcmp(a->company, b->company);
}

static void summary_free(people_summary *p)
{
	free(p->top);
	free(p->members);
	free(p->member_start);
	memset(p, 0, sizeof(*p));
}

/* Counts each community's companies (exact strings; "" is no company) and keeps the
 * TOP_COMPANIES largest, ties by name; lists its members. O(n log n). */
static wp_status summarise_people(const wp_graph *g, const wp_communities *c, people_summary *p,
                                  char *err)
{
	wp_status st = WP_OK;
	company_of *list = NULL;
	uint32_t k = 0, count = 0;

	p->company = wp_attrs_find(&g->attrs, "company");
	p->member = wp_attrs_find(&g->attrs, "member");
	p->top = calloc((size_t)c->count * TOP_COMPANIES + 1, sizeof(*p->top));
	p->members = malloc(((size_t)g->n + 1) * sizeof(*p->members));
	p->member_start = calloc((size_t)c->count + 2, sizeof(*p->member_start));
	list = malloc(((size_t)g->n + 1) * sizeof(*list));
	if (!p->top || !p->members || !p->member_start || !list)
		WP_FAIL(WP_ENOMEM, "cannot allocate the summary of %u communities", c->count);
	for (wp_vertex v = 0; v < g->n; v++) {
		const char *co = p->company >= 0 ? wp_attrs_get(&g->attrs, p->company, v) : "";
		if (*co)
			list[count++] = (company_of){c->membership[v], co};
		if (p->member >= 0 && wp_attrs_get(&g->attrs, p->member, v)[0] == '1')
			p->member_start[c->membership[v] + 2]++;
	}
	qsort(list, count, sizeof(*list), cmp_company);
	for (uint32_t i = 0; i < count; i = k) {
		company_count run = {list[i].company, 0};
		for (k = i; k < count && cmp_company(&list[k], &list[i]) == 0; k++)
			run.people++;
		company_count *top = p->top + (size_t)list[i].community * TOP_COMPANIES;
		/* Insert into the community's best few: more people first, then by name (the run
		 * order), so an equal count never displaces an earlier name. */
		for (int j = 0; j < TOP_COMPANIES; j++)
			if (run.people > top[j].people) {
				company_count tmp = top[j];
				top[j] = run;
				run = tmp;
			}
	}
	for (uint32_t q = 0; q < c->count; q++)
		p->member_start[q + 2] += p->member_start[q + 1];
	for (wp_vertex v = 0; p->member >= 0 && v < g->n; v++)
		if (wp_attrs_get(&g->attrs, p->member, v)[0] == '1')
			p->members[p->member_start[c->membership[v] + 1]++] = v;
	free(list);
	return WP_OK;
fail:
	free(list);
	summary_free(p);
	return st;
}

static void print_companies(const people_summary *p, uint32_t k)
{
	const company_count *top = p->top + (size_t)k * TOP_COMPANIES;
	for (int j = 0; j < TOP_COMPANIES && top[j].people > 0; j++)
		printf("%s%s (%u)", j ? ", " : "", top[j].company, top[j].people);
}

static const char *method_name(wp_community_method m)
{
	return m == WP_COMMUNITIES_LOUVAIN ? "louvain" : "leiden";
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

static uint32_t shown(uint64_t want, uint32_t have)
{
	return want == 0 || want > have ? have : (uint32_t)want;
}

static void print_table(const wp_communities *c, const ranking *r, const communities_args *a,
                        vertex_name_fn label, const void *ctx, const people_summary *ps)
{
	if (r->start == NULL) /* rank_members() did not succeed */
		return;
	printf("%-12s %s (resolution %g, seed %llu)\n", "method", method_name(c->method),
	       a->opts.resolution, (unsigned long long)a->opts.seed);
	printf("%-12s %u\n", "communities", c->count);
	if (isnan(c->modularity))
		printf("%-12s undefined (no edges)\n", "modularity");
	else
		printf("%-12s %.6f\n", "modularity", c->modularity);
	printf("\n%-9s %-8s most central (by %s)\n", "community", "size",
	       a->by_pagerank ? "pagerank" : "degree");
	uint32_t ks = shown(a->limit, c->count);
	for (uint32_t k = 0; k < ks; k++) {
		printf("%-9u %-8u ", k, c->sizes[k]);
		uint32_t people = shown(a->top, c->sizes[k]);
		for (uint32_t i = 0; i < people; i++)
			printf("%s%s", i ? ", " : "", label(ctx, r->order[r->start[k] + i]));
		if (people < c->sizes[k])
			printf(", ...");
		putchar('\n');
		if (ps == NULL)
			continue;
		if (ps->top[(size_t)k * TOP_COMPANIES].people > 0) {
			printf("%-18s companies: ", "");
			print_companies(ps, k);
			putchar('\n');
		}
		for (uint32_t i = ps->member_start[k]; i < ps->member_start[k + 1]; i++)
			printf("%s%s",
			       i == ps->member_start[k] ? "                   members: " : ", ",
			       label(ctx, ps->members[i]));
		if (ps->member_start[k] < ps->member_start[k + 1])
			putchar('\n');
	}
	if (ks < c->count)
		printf("(%u of %u communities; --limit 0 shows all)\n", ks, c->count);
}

static void print_csv(const wp_communities *c, const wp_graph *g, vertex_name_fn label,
                      const void *ctx, const people_summary *ps)
{
	printf("vertex,community%s\n", ps ? ",company,member" : "");
	for (wp_vertex v = 0; v < c->n; v++) {
		cli_csv_field(stdout, label(ctx, v));
		printf(",%u", c->membership[v]);
		if (ps != NULL) {
			putchar(',');
			cli_csv_field(stdout, ps->company >= 0
			                              ? wp_attrs_get(&g->attrs, ps->company, v)
			                              : "");
			printf(",%s",
			       ps->member >= 0 && wp_attrs_get(&g->attrs, ps->member, v)[0] == '1'
			               ? "yes"
			               : "");
		}
		putchar('\n');
	}
}

static void print_json(const wp_communities *c, const ranking *r, const communities_args *a,
                       vertex_name_fn label, const void *ctx, const people_summary *ps)
{
	if (r->start == NULL) /* rank_members() did not succeed */
		return;
	printf("{\"method\": \"%s\", \"resolution\": %.17g, \"seed\": %llu, \"modularity\": ",
	       method_name(c->method), a->opts.resolution, (unsigned long long)a->opts.seed);
	if (isfinite(c->modularity))
		printf("%.17g", c->modularity);
	else
		fputs("null", stdout);
	printf(", \"rank_by\": \"%s\", \"communities\": [", a->by_pagerank ? "pagerank" : "degree");
	for (uint32_t k = 0; k < c->count; k++) {
		printf("%s\n  {\"community\": %u, \"size\": %u, \"central\": [", k ? "," : "", k,
		       c->sizes[k]);
		uint32_t people = shown(a->top, c->sizes[k]);
		for (uint32_t i = 0; i < people; i++) {
			wp_vertex v = r->order[r->start[k] + i];
			fputs(i ? ", {\"vertex\": " : "{\"vertex\": ", stdout);
			json_text(stdout, label(ctx, v));
			printf(", \"score\": %.17g}", r->score[v]);
		}
		fputs("]", stdout);
		if (ps != NULL) {
			const company_count *top = ps->top + (size_t)k * TOP_COMPANIES;
			fputs(", \"companies\": [", stdout);
			for (int j = 0; j < TOP_COMPANIES && top[j].people > 0; j++) {
				fputs(j ? ", {\"company\": " : "{\"company\": ", stdout);
				json_text(stdout, top[j].company);
				printf(", \"people\": %u}", top[j].people);
			}
			fputs("], \"members\": [", stdout);
			for (uint32_t i = ps->member_start[k]; i < ps->member_start[k + 1]; i++) {
				fputs(i > ps->member_start[k] ? ", " : "", stdout);
				json_text(stdout, label(ctx, ps->members[i]));
			}
			fputs("]", stdout);
		}
		fputs("}", stdout);
	}
	printf("%s], \"membership\": [", c->count ? "\n" : "");
	for (wp_vertex v = 0; v < c->n; v++) {
		fputs(v ? ",\n  {\"vertex\": " : "\n  {\"vertex\": ", stdout);
		json_text(stdout, label(ctx, v));
		printf(", \"community\": %u}", c->membership[v]);
	}
	printf("%s]}\n", c->n ? "\n" : "");
}

int cmd_communities(int argc, char **argv)
{
	enum {
		O_METHOD = 1,
		O_RESOLUTION,
		O_SEED,
		O_WEIGHTED,
		O_TOP,
		O_LIMIT,
		O_RANK_BY,
		O_FORMAT,
		O_WORKSPACE
	};
	static const struct option longopts[] = {
	        {"method", required_argument, NULL, O_METHOD},
	        {"resolution", required_argument, NULL, O_RESOLUTION},
	        {"seed", required_argument, NULL, O_SEED},
	        {"weighted", no_argument, NULL, O_WEIGHTED},
	        {"top", required_argument, NULL, O_TOP},
	        {"limit", required_argument, NULL, O_LIMIT},
	        {"rank-by", required_argument, NULL, O_RANK_BY},
	        {"format", required_argument, NULL, O_FORMAT},
	        {"workspace", required_argument, NULL, O_WORKSPACE},
	        CLI_GRAPH_LONGOPTS,
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0}};
	communities_args a = {.opts = WP_COMMUNITIES_DEFAULTS, .top = 5, .limit = 20};
	const char *ws_path = NULL;
	wp_workspace *ws = NULL;
	people_summary ps = {0};
	cli_graph_opts go = {0};
	cli_output out = CLI_TABLE;
	char err[WP_ERR_LEN] = "";
	wp_graph g = {0};
	wp_communities c = {0};
	ranking r = {0};
	wp_status st;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		char *end = NULL;
		switch (opt) {
		case O_METHOD:
			if (strcmp(optarg, "leiden") == 0)
				a.opts.method = WP_COMMUNITIES_LEIDEN;
			else if (strcmp(optarg, "louvain") == 0)
				a.opts.method = WP_COMMUNITIES_LOUVAIN;
			else
				return cli_usage_error("communities",
				                       "--method must be leiden or louvain");
			break;
		case O_RESOLUTION:
			errno = 0;
			a.opts.resolution = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || errno != 0 ||
			    !(a.opts.resolution > 0) || isinf(a.opts.resolution))
				return cli_usage_error("communities",
				                       "--resolution needs a number > 0");
			break;
		case O_SEED:
			if (!parse_u64(optarg, UINT64_MAX, &a.opts.seed))
				return cli_usage_error("communities",
				                       "--seed needs a non-negative integer");
			break;
		case O_WEIGHTED:
			a.opts.weighted = true;
			break;
		case O_TOP:
			if (!parse_u64(optarg, UINT32_MAX, &a.top))
				return cli_usage_error("communities",
				                       "--top needs a count (0 = all)");
			break;
		case O_LIMIT:
			if (!parse_u64(optarg, UINT32_MAX, &a.limit))
				return cli_usage_error("communities",
				                       "--limit needs a count (0 = all)");
			break;
		case O_RANK_BY:
			if (strcmp(optarg, "degree") == 0)
				a.by_pagerank = false;
			else if (strcmp(optarg, "pagerank") == 0)
				a.by_pagerank = true;
			else
				return cli_usage_error("communities",
				                       "--rank-by must be degree or pagerank");
			break;
		case O_FORMAT:
			if (!cli_parse_output(optarg, CLI_TABLE | CLI_CSV | CLI_JSON, &out))
				return cli_usage_error("communities",
				                       "--format must be table, csv or json");
			break;
		case O_WORKSPACE:
			ws_path = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_graph_option("communities", opt, optarg, &go);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("communities", "unknown option")
				              : rc;
		}
	}
	if (ws_path != NULL && optind != argc)
		return cli_usage_error("communities",
		                       "expected a GRAPH file or --workspace, not both");
	if (ws_path != NULL && (go.input_format != NULL || go.directed))
		return cli_usage_error("communities",
		                       "--input-format and --directed apply to GRAPH files");
	if (ws_path == NULL && optind != argc - 1)
		return cli_usage_error("communities", "expected one GRAPH file");
	a.threads = go.threads;

	if (ws_path != NULL) {
		rc = cli_workspace_open("communities", ws_path, false, &ws);
		if (rc != CLI_OK)
			return rc;
		st = wp_workspace_graph(ws, &g, err);
	} else {
		st = cli_load_graph(argv[optind], &go, &g, err);
	}
	if (st == WP_OK && a.opts.weighted && g.weights == NULL && g.m > 0)
		st = wp_error(err, WP_EINPUT, "%s: --weighted, but the graph has no edge weights",
		              ws_path ? ws_path : argv[optind]);
	if (st == WP_OK)
		st = wp_structure_communities_opts(&g, &a.opts, &c, err);
	if (st == WP_OK && out != CLI_CSV)
		st = rank_members(&g, &c, &a, &r, err);
	if (st == WP_OK && ws != NULL)
		st = summarise_people(&g, &c, &ps, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	const people_summary *psp = ws != NULL ? &ps : NULL;
	if (out == CLI_CSV)
		print_csv(&c, &g, graph_label, &g, psp);
	else if (out == CLI_JSON)
		print_json(&c, &r, &a, graph_label, &g, psp);
	else
		print_table(&c, &r, &a, graph_label, &g, psp);
	rc = CLI_OK;
done:
	summary_free(&ps);
	wp_workspace_close(ws);
	ranking_free(&r);
	wp_communities_free(&c);
	wp_graph_free(&g);
	return rc;
}
