/* cmd_intro.c - `warmpath intro`: who of us should ask whom for an introduction to a prospect.
 *
 * The workspace's people graph (warmth on every tie) is searched from the members (or one
 * --from person) to the target: one person (--to, resolved by name, #ID, LinkedIn URL or
 * e-mail, with suggestions when nothing matches), everyone whose current company matches
 * (--to-company, a multi-target search), or each row of a CSV of prospects (--targets; read by
 * cli/intro_targets.c). The
 * searches are the kernels of queries/paths.h (bidirectional BFS or Dijkstra, hop-limited),
 * run in parallel over targets with one scratch per thread; every chain is then explained from
^ * the evidence of its ties (cli/intro_explain.c), and with --targets the chains are assigned so
 * that nobody is asked for more than --max-asks introductions (queries/intro_plan.h). Output:
 * cli/intro_output.c. docs/intro.md describes it all for users.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/intro_internal.h"
#include "cli/session.h"
#include "engine/parallel.h"

static const char usage[] =
        "usage: warmpath intro --workspace FILE (--to PERSON | --to-company ORG | --targets CSV)\n"
        "                      [--from MEMBER] [--rank hops|warmth|bottleneck] [--max-hops N]\n"
        "                      [--avoid PERSON]... [--alternatives K] [--max-asks N]\n"
        "                      [--format table|json|csv|svg|dot] [--out FILE] [--threads N]\n"
        "\n"
        "Finds who of your members should ask whom for a warm introduction, and explains each\n"
        "chain hop by hop from the evidence (connections, messages, shared employers,\n"
        "recommendations, endorsements, strengths set by hand).\n"
        "\n"
        "  --to PERSON          a name, #ID, LinkedIn profile URL or e-mail address\n"
        "  --to-company ORG     anyone whose current company is ORG\n"
        "  --targets CSV        one prospect per row: columns name, email, linkedin, company\n"
        "                       (a header names them; without one: reference[,company])\n"
        "  --from MEMBER        start from this person only (default: any member)\n"
        "  --rank R             hops: fewest hops, then warmest (default); warmth: highest\n"
        "                       product of warmths; bottleneck: strongest weakest tie\n"
        "  --max-hops N         longest chain (default 4)\n"
        "  --avoid PERSON       never route through PERSON (repeatable)\n"
        "  --alternatives K     up to K chains through different introducers (default 3)\n"
        "  --max-asks N         with --targets: ask nobody for more than N introductions\n"
        "  --format F           table (default), json, csv, svg or dot (drawn by Graphviz)\n"
        "  --out FILE           write to FILE (atomically) instead of standard output\n"
        "  --threads N          threads for the searches (default: all cores)\n";

enum {
	OPT_TO = 2000,
	OPT_COMPANY,
	OPT_TARGETS,
	OPT_FROM,
	OPT_RANK,
	OPT_MAXHOPS,
	OPT_AVOID,
	OPT_ALT,
	OPT_ASKS,
	OPT_OUT
};

/* Resolves a reference to a vertex ("warmpath intro: ..." errors, with suggestions). */
static wp_status resolve_vertex(intro_run *r, const char *ref, wp_vertex *v, char *err)
{
	int64_t id = 0;
	wp_status st = wp_workspace_person_resolve(r->ws, ref, &id, err);
	if (st != WP_OK)
		return st;
	*v = wp_workspace_vertex(r->g, id);
	if (*v == WP_NO_VERTEX)
		return wp_error(err, WP_EINPUT, "\"%s\" is not in the workspace's graph", ref);
	return WP_OK;
}

/* The threads for count searches: as asked (default: all cores), at most one per search and at
 * least one. A function called in the num_threads clause, not a local: clang's analyser does not
 * see the clause read a local and reported the store to it as dead. */
static int search_threads(int threads, size_t count)
{
	int nt = threads > 0 ? threads : wp_max_threads();
	if ((size_t)nt > count)
		nt = (int)(count ? count : 1);
	return nt;
}

/* Runs the search of every target with want[i] set (want NULL: all) in parallel: one scratch
 * per thread, dynamic schedule (targets differ widely in cost). Each result depends only on
 * its own inputs, so the output does not depend on the thread count. */
static wp_status search_all(intro_run *r, const wp_vertex *from, uint32_t from_count,
                            const wp_path_opts *opts, const bool *want, int threads, char *err)
{
#pragma omp parallel num_threads(search_threads(threads, r->count))
	{
		wp_path_scratch s = {0};
		char serr[WP_ERR_LEN] = "";
		wp_status sst = wp_path_scratch_init(&s, r->g, serr);

#pragma omp for schedule(dynamic, 8)
		for (size_t i = 0; i < r->count; i++) {
			intro_target *t = &r->targets[i];
			if (want != NULL && !want[i])
				continue;
			if (sst != WP_OK) {
				t->st = sst;
				snprintf(t->err, sizeof(t->err), "%s", serr);
				continue;
			}
			t->st = wp_path_find_opts(r->g, &s, from, from_count, t->to, t->to_count,
			                          opts, &t->res, t->err);
		}
		wp_path_scratch_free(&s);
	}
	for (size_t i = 0; i < r->count; i++)
		if (r->targets[i].st != WP_OK)
			return wp_error(err, r->targets[i].st, "%s", r->targets[i].err);
	return WP_OK;
}

/* A batch's best chains from one shortest-path tree: every target shares the source set, so
 * one search from the sources (wp_path_tree_build: BFS with the warmth programme over levels,
 * or Dijkstra) answers them all, instead of one bidirectional search each. A target's best
 * chain has the hops and cost wp_path_find_opts would give (the tree may pick another among
 * equally ranked chains); of a target set (a company), the best-ranked member is taken, the
 * lowest index among equals. Fills each target's result with that one chain. */
static wp_status tree_all(intro_run *r, const wp_vertex *from, uint32_t from_count,
                          const wp_path_opts *opts, char *err)
{
	wp_status st = WP_OK;
	wp_path_tree tree = {0};
	WP_TRY(wp_path_tree_build(r->g, from, from_count, opts, &tree, err));
	for (size_t i = 0; i < r->count; i++) {
		intro_target *t = &r->targets[i];
		wp_vertex best = WP_NO_VERTEX;
		for (uint32_t k = 0; k < t->to_count; k++) {
			wp_vertex v = t->to[k];
			if (tree.hops[v] == WP_NO_PATH)
				continue;
			if (best == WP_NO_VERTEX) {
				best = v;
				continue;
			}
			double c1 = tree.cost[v], c2 = tree.cost[best];
			uint32_t h1 = tree.hops[v], h2 = tree.hops[best];
			bool better = opts->rank == WP_RANK_WARMTH
			                      ? c1 < c2 || (c1 == c2 && h1 < h2)
			                      : h1 < h2 || (h1 == h2 && c1 < c2);
			if (better)
				best = v;
		}
		memset(&t->res, 0, sizeof(t->res));
		if (best == WP_NO_VERTEX)
			continue;
		uint32_t hops = tree.hops[best];
		t->res.chains = calloc(1, sizeof(wp_chain));
		t->res.vertices = malloc(((size_t)hops + 1) * sizeof(wp_vertex));
		if (t->res.chains == NULL || t->res.vertices == NULL)
			WP_FAIL(WP_ENOMEM, "out of memory for the chains");
		wp_path_tree_chain(&tree, best, t->res.vertices);
		wp_chain *c = &t->res.chains[0];
		c->hops = hops;
		c->weakest = 1.0;
		c->disjoint = true;
		for (uint32_t h = 0; h < hops; h++) {
			uint64_t arc =
			        wp_graph_find_arc(r->g, t->res.vertices[h], t->res.vertices[h + 1]);
			double w = arc != UINT64_MAX ? r->g->weights[arc] : 1.0;
			c->cost -= log(w);
			c->weakest = w < c->weakest ? w : c->weakest;
		}
		c->warmth = exp(-c->cost);
		t->res.count = t->res.disjoint = 1;
		t->res.chains_cap = 1;
		t->res.vertices_len = t->res.vertices_cap = (size_t)hops + 1;
	}
fail:
	wp_path_tree_free(&tree);
	return st;
}

/* The plan over every target's chains: candidates in rank order, introducers = interiors. */
static wp_status plan_all(intro_run *r, char *err)
{
	wp_status st = WP_OK;
	size_t T = r->count, C = 0, I = 0;
	for (size_t i = 0; i < T; i++)
		for (uint32_t c = 0; c < r->targets[i].res.count; c++) {
			C++;
			uint32_t h = r->targets[i].res.chains[c].hops;
			I += h > 1 ? h - 1 : 0;
		}
	uint32_t *cand_first = malloc((T + 1) * sizeof(uint32_t));
	uint64_t *intro_first = malloc((C + 1) * sizeof(uint64_t));
	wp_vertex *intro = malloc((I + 1) * sizeof(wp_vertex));
	if (cand_first == NULL || intro_first == NULL || intro == NULL)
		WP_FAIL(WP_ENOMEM, "out of memory for the plan");
	size_t c = 0, k = 0;
	cand_first[0] = 0;
	intro_first[0] = 0;
	for (size_t i = 0; i < T; i++) {
		const intro_target *t = &r->targets[i];
		for (uint32_t j = 0; j < t->res.count; j++) {
			const wp_vertex *v = intro_chain(t, j);
			for (uint32_t h = 1; h + 1 <= t->res.chains[j].hops; h++)
				intro[k++] = v[h];
			intro_first[++c] = k;
		}
		cand_first[i + 1] = (uint32_t)c;
	}
	wp_intro_batch b = {.targets = (uint32_t)T,
	                    .cand_first = cand_first,
	                    .intro_first = intro_first,
	                    .introducers = intro,
	                    .people = r->g->n,
	                    .max_asks = r->max_asks};
	WP_TRY(wp_intro_plan_make(&b, &r->plan, err));
	for (size_t i = 0; i < T; i++) {
		r->targets[i].chosen = r->plan.choice[i];
		r->targets[i].fate = r->plan.fate[i];
	}
	r->planned = true;
fail:
	free(cand_first);
	free(intro_first);
	free(intro);
	return st;
}

static void run_free(intro_run *r)
{
	for (size_t i = 0; i < r->count; i++) {
		intro_target *t = &r->targets[i];
		for (uint32_t c = 0; t->tie_ix && c < t->res.count; c++)
			free(t->tie_ix[c]);
		free(t->tie_ix);
		wp_path_result_free(&t->res);
		free(t->query);
		free(t->where);
		free(t->company);
		free(t->to);
	}
	free(r->targets);
	for (size_t i = 0; r->ties && i < r->npairs; i++)
		wp_tie_info_free(&r->ties[i].info);
	free(r->ties);
	free(r->pairs);
	wp_intro_plan_free(&r->plan);
}

static bool parse_count(const char *s, uint32_t lo, uint32_t hi, uint32_t *out)
{
	char *end = NULL;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = (uint32_t)v;
	return true;
}

int cmd_intro(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"workspace", required_argument, NULL, 'w'},
	        {"format", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {"to", required_argument, NULL, OPT_TO},
	        {"to-company", required_argument, NULL, OPT_COMPANY},
	        {"targets", required_argument, NULL, OPT_TARGETS},
	        {"from", required_argument, NULL, OPT_FROM},
	        {"rank", required_argument, NULL, OPT_RANK},
	        {"max-hops", required_argument, NULL, OPT_MAXHOPS},
	        {"avoid", required_argument, NULL, OPT_AVOID},
	        {"alternatives", required_argument, NULL, OPT_ALT},
	        {"max-asks", required_argument, NULL, OPT_ASKS},
	        {"out", required_argument, NULL, OPT_OUT},
	        {"threads", required_argument, NULL, CLI_OPT_THREADS},
	        {NULL, 0, NULL, 0}};
	const char *ws_path = NULL, *to = NULL, *company = NULL, *targets = NULL, *from = NULL;
	const char *out_path = NULL, **avoid_refs = NULL;
	size_t navoid = 0;
	cli_output fmt = CLI_TABLE;
	intro_run r = {0};
	company_index ci = {0};
	wp_graph g = {0};
	wp_vertex *sources = NULL, *avoid = NULL;
	bool *want = NULL;
	uint32_t nsources = 0;
	int threads = 0, opt, rc = CLI_OK;
	char err[WP_ERR_LEN] = "";
	wp_status st = WP_OK;
	r.rank = WP_RANK_HOPS_WARMTH;
	r.max_hops = 4;
	r.alternatives = 3;

	avoid_refs = calloc((size_t)argc + 1, sizeof(*avoid_refs));
	if (avoid_refs == NULL)
		return cli_fail(WP_ENOMEM, "warmpath intro: out of memory");
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(usage, stdout);
			goto done;
		case 'w':
			ws_path = optarg;
			break;
		case 'f':
			if (!cli_parse_output(optarg,
			                      CLI_TABLE | CLI_JSON | CLI_CSV | CLI_SVG | CLI_DOT,
			                      &fmt)) {
				rc = cli_usage_error(
				        "intro", "--format must be table, json, csv, svg or dot");
				goto done;
			}
			break;
		case OPT_TO:
			to = optarg;
			break;
		case OPT_COMPANY:
			company = optarg;
			break;
		case OPT_TARGETS:
			targets = optarg;
			break;
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_RANK:
			if (strcmp(optarg, "hops") == 0)
				r.rank = WP_RANK_HOPS_WARMTH;
			else if (strcmp(optarg, "warmth") == 0)
				r.rank = WP_RANK_WARMTH;
			else if (strcmp(optarg, "bottleneck") == 0)
				r.rank = WP_RANK_BOTTLENECK;
			else {
				rc = cli_usage_error("intro",
				                     "--rank must be hops, warmth or bottleneck");
				goto done;
			}
			break;
		case OPT_MAXHOPS:
			if (!parse_count(optarg, 1, 64, &r.max_hops)) {
				rc = cli_usage_error("intro",
				                     "--max-hops needs a number from 1 to 64");
				goto done;
			}
			break;
		case OPT_AVOID:
			avoid_refs[navoid++] = optarg;
			break;
		case OPT_ALT:
			if (!parse_count(optarg, 1, 100, &r.alternatives)) {
				rc = cli_usage_error("intro",
				                     "--alternatives needs a number from 1 to 100");
				goto done;
			}
			break;
		case OPT_ASKS:
			if (!parse_count(optarg, 1, 1000000, &r.max_asks)) {
				rc = cli_usage_error("intro", "--max-asks needs a positive number");
				goto done;
			}
			break;
		case OPT_OUT:
			out_path = optarg;
			break;
		case CLI_OPT_THREADS:
			if (!cli_parse_threads(optarg, &threads)) {
				rc = cli_usage_error("intro",
				                     "--threads needs a number from 1 to 1024");
				goto done;
			}
			break;
		default:
			rc = cli_usage_error("intro", "unknown option");
			goto done;
		}
	}
	if (optind < argc) {
		rc = cli_usage_error("intro", "unexpected argument '%s'", argv[optind]);
		goto done;
	}
	if ((to != NULL) + (company != NULL) + (targets != NULL) != 1) {
		rc = cli_usage_error("intro",
		                     "give exactly one of --to, --to-company and --targets");
		goto done;
	}
	if (r.max_asks && targets == NULL) {
		rc = cli_usage_error("intro", "--max-asks plans a batch: use it with --targets");
		goto done;
	}
	rc = cli_workspace_open("intro", ws_path, false, &r.ws);
	if (rc != CLI_OK)
		goto done;
	/* One moment for the whole run, so every thread's handle computes the same warmth. */
	wp_workspace_set_clock(r.ws, wp_workspace_now(r.ws));
	WP_TRY(wp_workspace_graph(r.ws, &g, err));
	if (g.n == 0 || g.weights == NULL)
		WP_FAIL(WP_EINPUT,
		        "%s: the workspace has no ties yet; import members' exports first",
		        ws_path);
	r.g = &g;
	r.company_col = wp_attrs_find(&g.attrs, "company");
	r.member_col = wp_attrs_find(&g.attrs, "member");
	r.person_col = wp_attrs_find(&g.attrs, "person_id");

	/* Sources: --from, or every member. */
	sources = malloc(((size_t)g.n + 1) * sizeof(wp_vertex));
	avoid = malloc((navoid + 1) * sizeof(wp_vertex));
	if (sources == NULL || avoid == NULL)
		WP_FAIL(WP_ENOMEM, "out of memory");
	if (from != NULL) {
		WP_TRY(resolve_vertex(&r, from, &sources[0], err));
		nsources = 1;
	} else {
		for (wp_vertex v = 0; v < g.n; v++)
			if (intro_is_member(&r, v))
				sources[nsources++] = v;
		if (nsources == 0)
			WP_FAIL(WP_EINPUT, "%s: the workspace has no members", ws_path);
	}
	for (size_t i = 0; i < navoid; i++)
		WP_TRY(resolve_vertex(&r, avoid_refs[i], &avoid[i], err));

	/* Targets. */
	if (targets != NULL) {
		r.batch = true;
		WP_TRY(intro_read_targets(&r, targets, &ci, err));
	} else {
		size_t cap = 0;
		if (!intro_grow_targets(&r, &cap))
			WP_FAIL(WP_ENOMEM, "out of memory");
		intro_target *t = &r.targets[0];
		if (to != NULL) {
			int64_t id = 0;
			WP_TRY(wp_workspace_person_resolve(r.ws, to, &id, err));
			WP_TRY(intro_person_target(&r, id, t, err));
			t->query = strdup(to);
		} else {
			WP_TRY(intro_company_index_build(&r, &ci, err));
			WP_TRY(intro_company_targets(&ci, company, t, err));
			if (t->to_count == 0)
				WP_FAIL(WP_ENOTFOUND, "nobody's current company matches \"%s\"",
				        company);
			t->query = strdup(company);
			t->company = strdup(company);
		}
		r.count = 1;
		if (t->query == NULL)
			WP_FAIL(WP_ENOMEM, "out of memory");
	}

	wp_path_opts po = WP_PATH_DEFAULTS;
	po.rank = r.rank;
	po.max_hops = r.max_hops;
	po.alternatives = r.alternatives;
	po.avoid = avoid;
	po.avoid_count = (uint32_t)navoid;
	if (r.batch && r.rank != WP_RANK_BOTTLENECK) {
		/* The best chains from one tree; alternatives only where the best chain needs an
		 * introducer (a direct tie asks nobody, so the cap can never take it away). */
		WP_TRY(tree_all(&r, sources, nsources, &po, err));
		want = calloc(r.count + 1, sizeof(*want));
		if (want == NULL)
			WP_FAIL(WP_ENOMEM, "out of memory");
		for (size_t i = 0; i < r.count; i++)
			want[i] = r.alternatives > 1 && r.targets[i].res.count > 0 &&
			          r.targets[i].res.chains[0].hops >= 2;
		WP_TRY(search_all(&r, sources, nsources, &po, want, threads, err));
	} else {
		WP_TRY(search_all(&r, sources, nsources, &po, NULL, threads, err));
	}
	if (r.batch) {
		WP_TRY(plan_all(&r, err));
	} else {
		r.targets[0].chosen = r.targets[0].res.count ? 0 : WP_INTRO_NONE;
		r.targets[0].fate = r.targets[0].res.count ? WP_INTRO_BEST : WP_INTRO_NO_CHAIN;
	}
	r.ws_path = ws_path;
	r.threads = threads;
	WP_TRY(intro_explain(&r, err));

	cli_writer w = fmt == CLI_JSON  ? intro_write_json
	               : fmt == CLI_CSV ? intro_write_csv
	               : fmt == CLI_SVG ? intro_write_svg
	               : fmt == CLI_DOT ? intro_write_dot
	                                : intro_write_table;
	if (out_path != NULL) {
		WP_TRY(cli_write_atomic(out_path, w, &r, err));
	} else {
		WP_TRY(w(stdout, "standard output", &r, err));
		if (fflush(stdout) != 0)
			WP_FAIL(WP_EIO, "standard output: cannot write");
	}
	goto done;
fail:
	rc = cli_fail(st, err);
done:
	intro_company_index_free(&ci);
	run_free(&r);
	wp_graph_free(&g);
	wp_workspace_close(r.ws);
	free(sources);
	free(avoid);
	free(want);
	free(avoid_refs);
	return rc;
}
