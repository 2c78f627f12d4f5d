/* cmd_path.c - `warmpath path GRAPH`: introduction chains between people, one query or a file of
 * pairs (queries/paths.h does the work). */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "importers/csvfile.h"
#include "queries/paths.h"

#define MAX_ALTERNATIVES 100
#define MAX_HOPS_LIMIT 1000000

static const char usage[] =
        "usage: warmpath path GRAPH --from A --to B [--weighted | --bottleneck | --rank R]\n"
        "                           [--max-hops H] [--alternatives K] [--avoid V]...\n"
        "                           [--format table|json]\n"
        "       warmpath path GRAPH --pairs FILE [--format csv|json] [--weighted | ...]\n"
        "\n"
        "Finds introduction chains: who can introduce whom, from A to B, naming people by their\n"
        "labels in the input. In a directed graph chains follow the arcs. Several --from or --to\n"
        "make a set: the best chain from any source to any target. Without a weight option the "
        "best\n"
        "chain has the fewest hops. Edge weights are warmths in (0, 1] (the cost of a tie is\n"
        "-ln(warmth)): --weighted finds the chain with the highest product of warmths, "
        "--bottleneck\n"
        "the chain whose weakest tie is strongest (then the fewest hops).\n"
        "\n"
        "  --from A, --to B        the ends, by label (repeatable: sets)\n"
        "  --weighted              highest product of warmths, then fewest hops (--rank warmth)\n"
        "  --bottleneck            strongest weakest tie, then fewest hops (--rank bottleneck)\n"
        "  --rank R                hops (default), hops-warmth (fewest hops, then warmest),\n"
        "                          warmth or bottleneck\n"
        "  --max-hops H            longest chain allowed (exact also for --weighted)\n"
        "  --alternatives K        up to K chains, best first; each avoids the introducers of the\n"
        "                          chains before it, and when none does any more, the next best\n"
        "                          chains (Yen) are listed and marked as sharing introducers\n"
        "  --avoid V               never pass through V (repeatable)\n"
        "  --pairs FILE            many queries: a CSV file of `from,to` label pairs, one per "
        "line\n"
        "                          (`#` starts a comment line; an optional `from,to` header), run\n"
        "                          in parallel; prints from,to,hops (an empty hops field where\n"
        "                          there is no chain), plus warmth or weakest for weighted ranks\n"
        "  --format F              table or json for one query (default: table); csv or json for\n"
        "                          --pairs (default: csv). JSON: {\"from\":A, \"to\":B,\n"
        "                          \"hops\":n|null, \"path\":[labels...], \"alternatives\":[...]}\n"
        "                          with \"cost\", \"warmth\" and \"weakest\" for weighted ranks\n"
        "  --input-format F        edgelist, graphml, gexf, pajek, mtx, gt or wpg\n"
        "                         (default: from the file's extension)\n"
        "  --directed              read an edge list as directed (default: undirected)\n"
        "  --threads N             threads for loading and --pairs (default: all cores)\n";

enum {
	OPT_FROM = 'a',
	OPT_TO = 'b',
	OPT_FORMAT = 'f',
	OPT_WEIGHTED = 2000,
	OPT_BOTTLENECK,
	OPT_RANK,
	OPT_MAX_HOPS,
	OPT_ALTERNATIVES,
	OPT_AVOID,
	OPT_PAIRS
};

/* What the command line asked for. */
typedef struct request {
	const char **from, **to, **avoid;
	uint32_t from_count, to_count, avoid_count;
	const char *pairs;
	wp_path_opts opts;
	bool rank_set;
	cli_output out;
	bool out_set;
} request;

/* The pairs of a --pairs file, as vertex ids. */
typedef struct pairs {
	wp_vertex *from, *to;
	size_t count, cap;
} pairs;

static bool parse_count(const char *s, long lo, long hi, uint32_t *out)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = (uint32_t)v;
	return true;
}

static int set_rank(request *r, wp_path_rank rank, const char *opt)
{
	if (r->rank_set && r->opts.rank != rank)
		return cli_usage_error("path", "%s conflicts with another rank option", opt);
	r->rank_set = true;
	r->opts.rank = rank;
	return CLI_OK;
}

/* Looks up every label of names[0..count) into ids. */
static wp_status lookup_all(wp_graph *g, const char **names, uint32_t count, wp_vertex *ids,
                            char *err)
{
	wp_status st = WP_OK;
	for (uint32_t i = 0; i < count; i++)
		WP_TRY(wp_labels_lookup(&g->labels, names[i], strlen(names[i]), &ids[i], err));
	return WP_OK;
fail:
	return st;
}

static json_t *json_path(const wp_graph *g, const wp_vertex *p, uint32_t hops)
{
	json_t *a = json_array();
	for (uint32_t i = 0; a != NULL && p != NULL && i <= hops; i++)
		json_array_append_new(a, json_string(wp_labels_name(&g->labels, p[i])));
	return a;
}

/* A label, or an array of labels when the set has several. */
static json_t *json_ends(const char **names, uint32_t count)
{
	if (count == 1)
		return json_string(names[0]);
	json_t *a = json_array();
	for (uint32_t i = 0; a != NULL && i < count; i++)
		json_array_append_new(a, json_string(names[i]));
	return a;
}

/* Adds hops, path and (weighted ranks) cost, warmth and weakest of chain c (NULL: none). */
static void json_chain(json_t *o, const wp_graph *g, const wp_path_result *res, const wp_chain *c,
                       wp_path_rank rank)
{
	json_object_set_new(o, "hops", c ? json_integer(c->hops) : json_null());
	json_object_set_new(o, "path",
	                    c ? json_path(g, res->vertices + c->first, c->hops) : json_array());
	if (!wp_path_rank_weighted(rank))
		return;
	json_object_set_new(o, "cost", c ? json_real(c->cost) : json_null());
	json_object_set_new(o, "warmth", c ? json_real(c->warmth) : json_null());
	json_object_set_new(o, "weakest", c ? json_real(c->weakest) : json_null());
}

static int print_json(const wp_graph *g, const request *r, const wp_path_result *res)
{
	json_t *o = json_object(), *alts = json_array();
	if (o == NULL || alts == NULL) {
		json_decref(o);
		json_decref(alts);
		fprintf(stderr, "warmpath: cannot build the JSON output\n");
		return CLI_INTERNAL;
	}
	json_object_set_new(o, "from", json_ends(r->from, r->from_count));
	json_object_set_new(o, "to", json_ends(r->to, r->to_count));
	json_chain(o, g, res, res->count ? &res->chains[0] : NULL, r->opts.rank);
	for (uint32_t i = 1; i < res->count; i++) {
		json_t *a = json_object();
		json_chain(a, g, res, &res->chains[i], r->opts.rank);
		json_object_set_new(a, "disjoint", json_boolean(res->chains[i].disjoint));
		json_array_append_new(alts, a);
	}
	json_object_set_new(o, "alternatives", alts);
	if (r->opts.alternatives > 1) {
		json_object_set_new(o, "disjoint_chains", json_integer(res->disjoint));
		json_object_set_new(o, "fallback", json_boolean(res->fallback));
	}
	json_dumpf(o, stdout, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	putchar('\n');
	json_decref(o);
	return CLI_OK;
}

static void print_ends(const char **names, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++)
		printf("%s%s", i ? (i + 1 == count ? " or " : ", ") : "", names[i]);
}

/* The chain's arrows and, on a second line or in brackets, its measures. */
static void print_chain(const wp_graph *g, const wp_path_result *res, const wp_chain *c,
                        wp_path_rank rank, bool inline_measures)
{
	const wp_vertex *p = res->vertices + c->first;
	for (uint32_t i = 0; i <= c->hops; i++)
		printf("%s%s", i ? " -> " : "", wp_labels_name(&g->labels, p[i]));
	printf(inline_measures ? "  (" : "\n");
	printf("%u hop%s", c->hops, c->hops == 1 ? "" : "s");
	if (wp_path_rank_weighted(rank) && c->hops > 0)
		printf(", warmth %.3g, weakest tie %.3g", c->warmth, c->weakest);
	if (inline_measures && !c->disjoint)
		printf("; shares introducers with an earlier chain");
	printf(inline_measures ? ")\n" : "\n");
}

static int print_table(const wp_graph *g, const request *r, const wp_path_result *res)
{
	if (res->count == 0) {
		printf("no chain from ");
		print_ends(r->from, r->from_count);
		printf(" to ");
		print_ends(r->to, r->to_count);
		if (r->opts.max_hops)
			printf(" within %u hop%s", r->opts.max_hops,
			       r->opts.max_hops == 1 ? "" : "s");
		if (r->avoid_count)
			printf(" that avoids everyone in --avoid");
		printf("\n");
		return CLI_OK;
	}
	if (r->opts.alternatives <= 1) {
		print_chain(g, res, &res->chains[0], r->opts.rank, false);
		return CLI_OK;
	}
	for (uint32_t i = 0; i < res->count; i++) {
		printf("chain %u: ", i + 1);
		print_chain(g, res, &res->chains[i], r->opts.rank, true);
	}
	if (res->fallback && res->chains[0].hops > 0 && res->disjoint == 1)
		printf("note: every other chain shares an introducer with chain 1\n");
	else if (res->fallback && res->chains[0].hops > 0)
		printf("note: only %u chains avoid each other's introducers\n", res->disjoint);
	if (res->exhausted)
		printf("note: no further chain exists\n");
	return CLI_OK;
}

static int one_query(wp_graph *g, const request *r)
{
	char err[WP_ERR_LEN] = "";
	wp_vertex *ids = NULL;
	wp_path_scratch s = {0};
	wp_path_result res = {0};
	wp_status st = WP_OK;
	int rc;
	uint32_t total = r->from_count + r->to_count + r->avoid_count;

	ids = malloc(((size_t)total + 1) * sizeof(*ids));
	if (ids == NULL) {
		rc = cli_fail(WP_ENOMEM, "cannot allocate the query");
		goto done;
	}
	wp_vertex *from = ids, *to = ids + r->from_count, *avoid = to + r->to_count;
	st = lookup_all(g, r->from, r->from_count, from, err);
	if (st == WP_OK)
		st = lookup_all(g, r->to, r->to_count, to, err);
	if (st == WP_OK)
		st = lookup_all(g, r->avoid, r->avoid_count, avoid, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	for (uint32_t i = 0; i < r->avoid_count; i++)
		for (uint32_t j = 0; j < r->from_count + r->to_count; j++)
			if (avoid[i] == ids[j]) {
				rc = cli_usage_error(
				        "path", "cannot --avoid '%s': it is an end of the chain",
				        r->avoid[i]);
				goto done;
			}
	wp_path_opts o = r->opts;
	o.avoid = avoid;
	o.avoid_count = r->avoid_count;
	st = wp_path_scratch_init(&s, g, err);
	if (st == WP_OK)
		st = wp_path_find_opts(g, &s, from, r->from_count, to, r->to_count, &o, &res, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	rc = r->out == CLI_JSON ? print_json(g, r, &res) : print_table(g, r, &res);
done:
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	free(ids);
	return rc;
}

static wp_status pairs_push(pairs *p, wp_vertex a, wp_vertex b, char *err)
{
	wp_status st = WP_OK;
	if (p->count == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 1024;
		wp_vertex *f = realloc(p->from, cap * sizeof(*f));
		if (f == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %zu pairs", cap);
		p->from = f;
		wp_vertex *t = realloc(p->to, cap * sizeof(*t));
		if (t == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %zu pairs", cap);
		p->to = t;
		p->cap = cap;
	}
	p->from[p->count] = a;
	p->to[p->count++] = b;
	return WP_OK;
fail:
	return st;
}

/* Reads a --pairs file: rows of two labels; `#` comment rows; an optional from,to header. */
static wp_status read_pairs(wp_graph *g, const char *path, pairs *p, char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	wp_csvfile csv = {0};
	bool got = false, first = true;

	WP_TRY(wp_source_open(&src, path, err));
	WP_TRY(wp_csvfile_open(&csv, &src, err));
	for (;;) {
		WP_TRY(wp_csvfile_next(&csv, &got, err));
		if (!got)
			break;
		if (wp_csvfile_blank(&csv) || (csv.count > 0 && csv.fields[0][0] == '#'))
			continue;
		unsigned long long line = (unsigned long long)csv.row_line;
		if (csv.count != 2)
			WP_FAIL(WP_EINPUT, "%s:%llu: expected two labels (from,to), got %u field%s",
			        path, line, csv.count, csv.count == 1 ? "" : "s");
		wp_vertex ids[2];
		wp_status found[2];
		for (int k = 0; k < 2; k++)
			found[k] = wp_labels_lookup(&g->labels, csv.fields[k], csv.lens[k], &ids[k],
			                            NULL);
		if (first && wp_csv_name_eq(csv.fields[0], "from") &&
		    wp_csv_name_eq(csv.fields[1], "to") &&
		    (found[0] != WP_OK || found[1] != WP_OK)) {
			first = false;
			continue; /* a header */
		}
		first = false;
		for (int k = 0; k < 2; k++)
			if (found[k] != WP_OK)
				WP_FAIL(WP_ENOTFOUND, "%s:%llu: no vertex labelled '%s'", path,
				        line, csv.fields[k]);
		WP_TRY(pairs_push(p, ids[0], ids[1], err));
	}
	wp_csvfile_close(&csv);
	wp_source_close(&src);
	return WP_OK;
fail:
	wp_csvfile_close(&csv);
	wp_source_close(&src);
	return st;
}

static int many_queries(wp_graph *g, const request *r)
{
	char err[WP_ERR_LEN] = "";
	pairs p = {0};
	wp_vertex *avoid = NULL;
	uint32_t *hops = NULL;
	wp_chain *chains = NULL;
	wp_path_ends *ends = NULL;
	json_t *arr = NULL;
	wp_status st = WP_OK;
	int rc = CLI_OK;
	wp_path_opts o = r->opts;
	bool weighted = wp_path_rank_weighted(o.rank);

	avoid = malloc(((size_t)r->avoid_count + 1) * sizeof(*avoid));
	if (avoid == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate the avoid set");
	WP_TRY(lookup_all(g, r->avoid, r->avoid_count, avoid, err));
	WP_TRY(read_pairs(g, r->pairs, &p, err));
	o.avoid = avoid;
	o.avoid_count = r->avoid_count;
	if (o.rank == WP_RANK_HOPS && o.max_hops == 0 && o.avoid_count == 0) {
		hops = malloc((p.count + 1) * sizeof(*hops));
		if (hops == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %zu results", p.count);
		WP_TRY(wp_path_batch(g, p.from, p.to, p.count, hops, err));
	} else {
		chains = malloc((p.count + 1) * sizeof(*chains));
		ends = malloc((p.count + 1) * sizeof(*ends));
		if (chains == NULL || ends == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %zu results", p.count);
		for (size_t i = 0; i < p.count; i++)
			ends[i] = (wp_path_ends){&p.from[i], 1, &p.to[i], 1};
		WP_TRY(wp_path_batch_opts(g, ends, p.count, &o, chains, err));
	}

	const char *extra = o.rank == WP_RANK_BOTTLENECK ? "weakest" : weighted ? "warmth" : NULL;
	if (r->out == CLI_JSON) {
		arr = json_array();
		if (arr == NULL)
			WP_FAIL(WP_ENOMEM, "cannot build the JSON output");
	} else {
		printf("from,to,hops%s%s\n", extra ? "," : "", extra ? extra : "");
	}
	for (size_t i = 0; i < p.count; i++) {
		uint32_t h = hops ? hops[i] : chains[i].hops;
		double x = !chains                        ? 0.0
		           : o.rank == WP_RANK_BOTTLENECK ? chains[i].weakest
		                                          : chains[i].warmth;
		const char *a = wp_labels_name(&g->labels, p.from[i]);
		const char *b = wp_labels_name(&g->labels, p.to[i]);
		if (arr != NULL) {
			json_t *q = json_pack("{s:s, s:s}", "from", a, "to", b);
			if (q == NULL)
				WP_FAIL(WP_ENOMEM, "cannot build the JSON output");
			json_object_set_new(q, "hops",
			                    h == WP_NO_PATH ? json_null() : json_integer(h));
			if (extra)
				json_object_set_new(q, extra,
				                    h == WP_NO_PATH ? json_null() : json_real(x));
			json_array_append_new(arr, q);
			continue;
		}
		cli_csv_field(stdout, a);
		putchar(',');
		cli_csv_field(stdout, b);
		putchar(',');
		if (h != WP_NO_PATH)
			printf("%u", h);
		if (extra) {
			putchar(',');
			if (h != WP_NO_PATH)
				printf("%.6g", x);
		}
		putchar('\n');
	}
	if (arr != NULL) {
		json_dumpf(arr, stdout, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
		putchar('\n');
	}
	/* Success falls through: the cleanup is the same. */
fail:
	if (st != WP_OK)
		rc = cli_fail(st, err);
	json_decref(arr);
	free(p.from);
	free(p.to);
	free(avoid);
	free(hops);
	free(chains);
	free(ends);
	return rc;
}

/* Appends arg to a list of at most argc names. */
static void add_name(const char **list, uint32_t *count, const char *arg)
{
	list[(*count)++] = arg;
}

int cmd_path(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"from", required_argument, NULL, OPT_FROM},
	        {"to", required_argument, NULL, OPT_TO},
	        {"format", required_argument, NULL, OPT_FORMAT},
	        {"weighted", no_argument, NULL, OPT_WEIGHTED},
	        {"bottleneck", no_argument, NULL, OPT_BOTTLENECK},
	        {"rank", required_argument, NULL, OPT_RANK},
	        {"max-hops", required_argument, NULL, OPT_MAX_HOPS},
	        {"alternatives", required_argument, NULL, OPT_ALTERNATIVES},
	        {"avoid", required_argument, NULL, OPT_AVOID},
	        {"pairs", required_argument, NULL, OPT_PAIRS},
	        CLI_GRAPH_LONGOPTS,
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0}};
	cli_graph_opts go = {0};
	request r = {.opts = WP_PATH_DEFAULTS, .out = CLI_TABLE};
	char err[WP_ERR_LEN] = "";
	const char **names = NULL;
	wp_graph g = {0};
	wp_status st;
	wp_path_rank rank;
	int opt, rc = CLI_OK;

	/* Every repeatable option takes an argument, so argc bounds each list. */
	names = calloc(3 * (size_t)argc + 3, sizeof(*names));
	if (names == NULL)
		return cli_fail(WP_ENOMEM, "cannot allocate the argument lists");
	r.from = names;
	r.to = names + argc + 1;
	r.avoid = names + 2 * (size_t)argc + 2;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_FROM:
			add_name(r.from, &r.from_count, optarg);
			break;
		case OPT_TO:
			add_name(r.to, &r.to_count, optarg);
			break;
		case OPT_AVOID:
			add_name(r.avoid, &r.avoid_count, optarg);
			break;
		case OPT_PAIRS:
			r.pairs = optarg;
			break;
		case OPT_FORMAT:
			if (!cli_parse_output(optarg, CLI_TABLE | CLI_JSON | CLI_CSV, &r.out)) {
				rc = cli_usage_error("path", "--format must be table, json or csv");
				goto done;
			}
			r.out_set = true;
			break;
		case OPT_WEIGHTED:
			rc = set_rank(&r, WP_RANK_WARMTH, "--weighted");
			break;
		case OPT_BOTTLENECK:
			rc = set_rank(&r, WP_RANK_BOTTLENECK, "--bottleneck");
			break;
		case OPT_RANK:
			if (wp_path_rank_parse(optarg, &rank, err) != WP_OK) {
				rc = cli_usage_error("path", "%s", err);
				goto done;
			}
			rc = set_rank(&r, rank, "--rank");
			break;
		case OPT_MAX_HOPS:
			if (!parse_count(optarg, 1, MAX_HOPS_LIMIT, &r.opts.max_hops))
				rc = cli_usage_error("path",
				                     "--max-hops needs a number from 1 to %d",
				                     MAX_HOPS_LIMIT);
			break;
		case OPT_ALTERNATIVES:
			if (!parse_count(optarg, 1, MAX_ALTERNATIVES, &r.opts.alternatives))
				rc = cli_usage_error("path",
				                     "--alternatives needs a number from 1 to %d",
				                     MAX_ALTERNATIVES);
			break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			rc = cli_graph_option("path", opt, optarg, &go);
			if (rc < 0)
				rc = cli_usage_error("path", "unknown option");
		}
		if (rc != CLI_OK)
			goto done;
	}
	if (optind != argc - 1) {
		rc = cli_usage_error("path", "expected one GRAPH file");
		goto done;
	}
	if (r.pairs != NULL) {
		if (r.from_count || r.to_count) {
			rc = cli_usage_error("path", "--pairs replaces --from and --to");
			goto done;
		}
		if (r.opts.alternatives > 1) {
			rc = cli_usage_error("path",
			                     "--alternatives applies to one query, not --pairs");
			goto done;
		}
		if (!r.out_set)
			r.out = CLI_CSV;
		if (r.out == CLI_TABLE) {
			rc = cli_usage_error("path", "--pairs writes csv or json");
			goto done;
		}
	} else {
		if (r.from_count == 0 || r.to_count == 0) {
			rc = cli_usage_error("path",
			                     "--from and --to are required (or --pairs FILE)");
			goto done;
		}
		if (r.out == CLI_CSV) {
			rc = cli_usage_error("path",
			                     "--format must be table or json (csv is for --pairs)");
			goto done;
		}
	}

	st = cli_load_graph(argv[optind], &go, &g, err);
	if (st == WP_OK && wp_path_rank_weighted(r.opts.rank)) {
		st = wp_path_check_warmth(&g, err);
		if (st != WP_OK) {
			char msg[WP_ERR_LEN];
			snprintf(msg, sizeof(msg), "%.200s: %.300s", argv[optind], err);
			memcpy(err, msg, sizeof(err));
		}
	}
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	rc = r.pairs ? many_queries(&g, &r) : one_query(&g, &r);
done:
	wp_graph_free(&g);
	free(names);
	return rc;
}
