/* cmd_brokers.c - `warmpath brokers --workspace W`: the people who carry the most shortest chains
 * from the organisation's members to its prospects.
 *
 * Members M are the people whose exports the workspace holds; prospects P are everyone else, or
 * the people of --to-company, or those listed in --targets. A person's brokerage is
 *
 *   broker(v) = sum over m in M, p in P, v not in {m, p}, of sigma_mp(v) / sigma_mp,
 *
 * where sigma_mp counts the shortest (fewest-hop) chains from m to p and sigma_mp(v) those that
 * pass through v: each member-prospect pair hands out one unit, split evenly among its shortest
 * chains, and v collects what passes through it. It is igraph_betweenness_subset with sources M
 * and targets P, which on an undirected graph halves every pair; M and P are disjoint, so each
 * pair is seen once and we double it back to whole pairs. Computed by Brandes's algorithm from the
 * members only (queries/betweenness.c), O(|M| (n + m)). A pair all of whose shortest chains pass
 * through v gives v a whole unit, and removing v lengthens or cuts that pair's chain; a pair with
 * several routes gives each broker a fraction. So brokerage counts the pairs that depend on v.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "cli/table.h"
#include "engine/identity.h"
#include "queries/betweenness.h"
#include "queries/components.h"

static const char usage[] =
        "usage: warmpath brokers --workspace FILE [--top K] [--to-company ORG | --targets FILE]\n"
        "                        [--non-members] [--format table|csv|json] [--threads N]\n"
        "\n"
        "Ranks people by how many of the shortest introduction chains from the organisation's\n"
        "members to its prospects pass through them: brokerage = the sum over (member, prospect)\n"
        "pairs of the share of the pair's shortest chains (fewest hops) that go through the "
        "person.\n"
        "Prospects are every person who is not a member, or the people at ORG, or those listed "
        "in\n"
        "FILE (one name, #ID, LinkedIn URL or e-mail per line). Brokers make good ambassadors: "
        "they\n"
        "connect the members to many prospects, and losing them lengthens or cuts those chains.\n"
        "\n"
        "Columns: rank, person, company, member (yes if the broker is a member), brokerage, share\n"
        "(brokerage / the member-prospect pairs joined by some chain), members_2_hops (members\n"
        "at most two hops from the broker, by a tie or one common acquaintance: who can ask\n"
        "them). People with brokerage 0 are not listed.\n"
        "\n"
        "  --workspace FILE    the workspace\n"
        "  --top K             rows to show (default 20; 0 = all)\n"
        "  --to-company ORG    prospects: the people whose company is ORG (case, accents and\n"
        "                      legal suffixes such as Inc or GmbH ignored)\n"
        "  --targets FILE      prospects: the people listed in FILE\n"
        "  --non-members       list only people who are not members: the ambassadors to "
        "recruit\n"
        "  --format F          table (default), csv or json\n"
        "  --threads N         threads (default: all cores)\n";

/* reach[v] = members m != v at most two hops from v (members_2_hops): each member stamps its
 * neighbours and theirs with its own number, so that nobody is counted twice for one member.
 * O(sum over members of the arcs within two hops). cmd_centrality.c counts the same for its rows
 * (by the graph's member flags); both are small enough not to share a file. */
static wp_status members_within_2(const wp_graph *g, const wp_vertex *members, uint32_t count,
                                  uint32_t *reach, char *err)
{
	wp_status st = WP_OK;
	uint32_t *stamp = calloc((size_t)g->n + 1, sizeof(*stamp));
	if (stamp == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u stamps", g->n);
	memset(reach, 0, (size_t)g->n * sizeof(*reach));
	for (uint32_t i = 0; i < count; i++) {
		wp_vertex m = members[i];
		uint32_t mark = i + 1;
		stamp[m] = mark;
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

/* Adds the people listed in path (one reference a line, blank lines skipped) to is_target. */
static wp_status read_targets(wp_workspace *ws, const wp_graph *g, const char *path,
                              uint8_t *is_target, char *err)
{
	wp_status st = WP_OK;
	char line[4096], why[WP_ERR_LEN];
	unsigned long lineno = 0;
	FILE *f = fopen(path, "r");
	if (f == NULL)
		WP_FAIL(WP_EINPUT, "%s: cannot open: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t len = strlen(line);
		lineno++;
		if (len == sizeof(line) - 1 && line[len - 1] != '\n')
			WP_FAIL(WP_EINPUT, "%s:%lu: line longer than %zu bytes", path, lineno,
			        sizeof(line) - 2);
		while (len > 0 && strchr(" \t\r\n", line[len - 1]) != NULL)
			line[--len] = '\0';
		char *ref = line + strspn(line, " \t");
		if (*ref == '\0')
			continue;
		int64_t id = 0;
		why[0] = '\0';
		wp_status rs = wp_workspace_person_resolve(ws, ref, &id, why);
		if (rs != WP_OK)
			WP_FAIL(rs == WP_ENOTFOUND ? WP_EINPUT : rs, "%s:%lu: %s", path, lineno,
			        why);
		wp_vertex v = wp_workspace_vertex(g, id);
		if (v == WP_NO_VERTEX)
			WP_FAIL(WP_EINPUT, "%s:%lu: person #%lld is not in the graph", path, lineno,
			        (long long)id);
		is_target[v] = 1;
	}
	if (ferror(f))
		WP_FAIL(WP_EINPUT, "%s: cannot read: %s", path, strerror(errno));
	fclose(f);
	return WP_OK;
fail:
	if (f != NULL)
		fclose(f);
	return st;
}

/* Marks the people whose company key equals ORG's; fails if nobody matches. */
static wp_status company_targets(const wp_graph *g, const char *org, uint8_t *is_target, char *err)
{
	wp_status st = WP_OK;
	char want[WP_KEY_LEN], key[WP_KEY_LEN];
	int col = wp_attrs_find(&g->attrs, "company");
	uint32_t found = 0;
	if (!wp_identity_company_key(org, want) || want[0] == '\0')
		WP_FAIL(WP_EINPUT, "--to-company \"%s\" is not a company name", org);
	for (wp_vertex v = 0; col >= 0 && v < g->n; v++)
		if (wp_identity_company_key(wp_attrs_get(&g->attrs, col, v), key) &&
		    strcmp(key, want) == 0) {
			is_target[v] = 1;
			found++;
		}
	if (found == 0)
		WP_FAIL(WP_EINPUT, "nobody in the workspace works at \"%s\"", org);
	return WP_OK;
fail:
	return st;
}

typedef struct broker_row {
	double score;
	wp_vertex v;
} broker_row;

static int cmp_row(const void *pa, const void *pb)
{
	const broker_row *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (a->v > b->v) - (a->v < b->v);
}

/* Everything a run holds, released in one place. */
typedef struct brokers_run {
	wp_graph g;
	uint8_t *is_member, *is_target;
	wp_vertex *members, *targets;
	uint32_t member_count, target_count;
	double *score;
	uint32_t *reach;
	broker_row *rows;
	wp_components comp;
	uint64_t pairs; /* member-prospect pairs joined by some chain */
} brokers_run;

static void run_free(brokers_run *r)
{
	wp_graph_free(&r->g);
	free(r->is_member);
	free(r->is_target);
	free(r->members);
	free(r->targets);
	free(r->score);
	free(r->reach);
	free(r->rows);
	wp_components_free(&r->comp);
}

/* Finds members and prospects, computes brokerage, member reach and the connected pairs. */
static wp_status compute(wp_workspace *ws, const char *org, const char *targets_path, int threads,
                         brokers_run *r, char *err)
{
	wp_status st = WP_OK;
	uint32_t n;
	uint64_t *per_comp = NULL;

	WP_TRY(wp_workspace_graph(ws, &r->g, err));
	n = r->g.n;
	int col = wp_attrs_find(&r->g.attrs, "member");
	r->is_member = calloc((size_t)n + 1, 1);
	r->is_target = calloc((size_t)n + 1, 1);
	r->members = malloc(((size_t)n + 1) * sizeof(*r->members));
	r->targets = malloc(((size_t)n + 1) * sizeof(*r->targets));
	r->score = malloc(((size_t)n + 1) * sizeof(*r->score));
	r->reach = malloc(((size_t)n + 1) * sizeof(*r->reach));
	r->rows = malloc(((size_t)n + 1) * sizeof(*r->rows));
	if (!r->is_member || !r->is_target || !r->members || !r->targets || !r->score ||
	    !r->reach || !r->rows)
		WP_FAIL(WP_ENOMEM, "cannot allocate the brokerage of %u people", n);
	for (wp_vertex v = 0; col >= 0 && v < n; v++)
		if (wp_attrs_get(&r->g.attrs, col, v)[0] == '1') {
			r->is_member[v] = 1;
			r->members[r->member_count++] = v;
		}
	if (r->member_count == 0)
		WP_FAIL(WP_EINPUT,
		        "%s: the workspace has no members (import a member's export first)",
		        wp_workspace_path(ws));
	if (targets_path != NULL)
		WP_TRY(read_targets(ws, &r->g, targets_path, r->is_target, err));
	else if (org != NULL)
		WP_TRY(company_targets(&r->g, org, r->is_target, err));
	else
		memset(r->is_target, 1, n);
	/* Prospects are never members: a member listed in FILE or working at ORG is a source. */
	for (wp_vertex v = 0; v < n; v++)
		if (r->is_target[v] && !r->is_member[v])
			r->targets[r->target_count++] = v;
	if (r->target_count == 0)
		WP_FAIL(WP_EINPUT, "no prospects: %s",
		        targets_path ? "everyone listed is a member"
		        : org        ? "everyone there is a member"
		                     : "everyone is a member");

	wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
	o.sources = r->members;
	o.source_count = r->member_count;
	o.targets = r->targets;
	o.target_count = r->target_count;
	o.threads = threads;
	WP_TRY(wp_betweenness_exact_opts(&r->g, &o, r->score, err));
	if (!r->g.directed) /* igraph's convention halves undirected pairs; M and P are disjoint */
		for (wp_vertex v = 0; v < n; v++)
			r->score[v] *= 2.0;
	WP_TRY(members_within_2(&r->g, r->members, r->member_count, r->reach, err));

	WP_TRY(wp_components_find(&r->g, &r->comp, err));
	per_comp = calloc((size_t)r->comp.count + 1, sizeof(*per_comp));
	if (per_comp == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u component counts", r->comp.count);
	for (uint32_t i = 0; i < r->target_count; i++)
		per_comp[r->comp.membership[r->targets[i]]]++;
	for (uint32_t i = 0; i < r->member_count; i++)
		r->pairs += per_comp[r->comp.membership[r->members[i]]];
	free(per_comp);
	return WP_OK;
fail:
	free(per_comp);
	return st;
}

static int print_rows(const brokers_run *r, uint64_t top, bool non_members, cli_output out)
{
	static const cli_column cols[] = {{"rank", true, 0},          {"person", false, 32},
	                                  {"company", false, 28},     {"member", false, 0},
	                                  {"brokerage", true, 0},     {"share", true, 0},
	                                  {"members_2_hops", true, 0}};
	const wp_graph *g = &r->g;
	int ccol = wp_attrs_find(&g->attrs, "company");
	uint32_t count = 0;
	broker_row *rows = r->rows;
	cli_table t;

	for (wp_vertex v = 0; v < g->n; v++)
		if (r->score[v] > 0 && !(non_members && r->is_member[v]))
			rows[count++] = (broker_row){r->score[v], v};
	qsort(rows, count, sizeof(*rows), cmp_row);
	uint32_t shown = top == 0 || top > count ? count : (uint32_t)top;
	cli_table_init(&t, cols, sizeof(cols) / sizeof(cols[0]));
	for (uint32_t i = 0; i < shown; i++) {
		wp_vertex v = rows[i].v;
		double share = r->pairs ? rows[i].score / (double)r->pairs : 0.0;
		cli_table_addf(&t, "%u", i + 1);
		cli_table_add(&t, wp_labels_name(&g->labels, v));
		cli_table_add(&t, ccol >= 0 ? wp_attrs_get(&g->attrs, ccol, v) : "");
		cli_table_add(&t, r->is_member[v] ? "yes" : "");
		if (out == CLI_TABLE) {
			cli_table_addf(&t, "%.1f", rows[i].score);
			cli_table_addf(&t, "%.3g%%", 100.0 * share);
		} else {
			cli_table_addf(&t, "%.17g", rows[i].score);
			cli_table_addf(&t, "%.17g", share);
		}
		cli_table_addf(&t, "%u", r->reach[v]);
	}
	if (out == CLI_TABLE)
		printf("%u member%s, %u prospect%s, %llu member-prospect pairs joined by a "
		       "chain\n\n",
		       r->member_count, r->member_count == 1 ? "" : "s", r->target_count,
		       r->target_count == 1 ? "" : "s", (unsigned long long)r->pairs);
	int rc = cli_table_print(&t, out, stdout);
	cli_table_free(&t);
	if (rc == CLI_OK && out == CLI_TABLE && shown < count)
		printf("(%u of %u brokers; --top 0 shows all)\n", shown, count);
	return rc;
}

int cmd_brokers(int argc, char **argv)
{
	enum { O_TOP = 1, O_COMPANY, O_TARGETS, O_NON_MEMBERS };
	static const struct option longopts[] = {CLI_WORKSPACE_OPTIONS,
	                                         {"top", required_argument, NULL, O_TOP},
	                                         {"to-company", required_argument, NULL, O_COMPANY},
	                                         {"targets", required_argument, NULL, O_TARGETS},
	                                         {"non-members", no_argument, NULL, O_NON_MEMBERS},
	                                         {"threads", required_argument, NULL, 't'},
	                                         {NULL, 0, NULL, 0}};
	const char *ws_path = NULL, *org = NULL, *targets = NULL;
	cli_output out = CLI_TABLE;
	uint64_t top = 20;
	bool non_members = false;
	int threads = 0, opt, rc;
	char err[WP_ERR_LEN] = "";
	wp_workspace *ws = NULL;
	brokers_run r = {0};

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		char *end = NULL;
		switch (opt) {
		case O_TOP:
			errno = 0;
			top = strtoull(optarg, &end, 10);
			if (end == optarg || *end != '\0' || errno != 0 || optarg[0] == '-' ||
			    top > UINT32_MAX)
				return cli_usage_error("brokers", "--top needs a count (0 = all)");
			break;
		case O_COMPANY:
			org = optarg;
			break;
		case O_TARGETS:
			targets = optarg;
			break;
		case O_NON_MEMBERS:
			non_members = true;
			break;
		case 't':
			if (!cli_parse_threads(optarg, &threads))
				return cli_usage_error("brokers",
				                       "--threads needs a number from 1 to 1024");
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_workspace_option("brokers", opt, optarg, &ws_path, &out);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("brokers", "unknown option") : rc;
		}
	}
	if (optind != argc)
		return cli_usage_error("brokers", "unexpected argument '%s'", argv[optind]);
	if (org != NULL && targets != NULL)
		return cli_usage_error("brokers", "give --to-company or --targets, not both");
	rc = cli_workspace_open("brokers", ws_path, false, &ws);
	if (rc != CLI_OK)
		return rc;
	wp_status st = compute(ws, org, targets, threads, &r, err);
	if (st != WP_OK)
		rc = cli_fail(st, err);
	else
		rc = print_rows(&r, top, non_members, out);
	run_free(&r);
	wp_workspace_close(ws);
	return rc;
}
