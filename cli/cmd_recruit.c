/* cmd_recruit.c - `warmpath recruit`: the K people to recruit as promoters to reach the most,
 * by greedy maximum coverage or by influence maximisation (queries/recruit.h). */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/chart.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/seeds.h"
#include "cli/table.h"
#include "queries/recruit.h"

static const char usage[] =
        "usage: warmpath recruit GRAPH|--workspace W --budget K --hops H\n"
        "                        [--candidates members|all|FILE] [--format table|json|csv|svg]\n"
        "       warmpath recruit GRAPH|--workspace W --budget K --model ic [--p P] [--eps E]\n"
        "                        [--l L] [--seed S] [--mc-runs N] [--candidates ...]\n"
        "\n"
        "Chooses K promoters among the candidates to reach the most people. The default model,\n"
        "coverage, counts the people within H hops of some promoter (the promoters included) and\n"
        "picks greedily, each time the candidate who adds most (ties: the earliest in the input):\n"
        "the picks cover at least 1 - 1/e (63%) of what the best K candidates could. Each pick is\n"
        "shown with its gain and the cumulative coverage: the reach curve.\n"
        "\n"
        "--model ic is the independent cascade: each tie passes the message on once with\n"
        "probability P (--p), or with its warmth on a workspace or weighted graph when --p is\n"
        "not given. Picks come from IMM (Tang, Shi & Xiao 2015): with probability at least\n"
        "1 - 1/n^L their expected spread is at least 1 - 1/e - E of the best K candidates'. Gains\n"
        "are spread estimates; the picks' spread is then simulated --mc-runs times, with a 95%\n"
        "confidence interval.\n"
        "\n"
        "  --budget K          promoters to choose (1 to 100000)\n"
        "  --hops H            coverage: how far a request travels (1 to 250)\n"
        "  --candidates C      all (default), members (a workspace's members) or a FILE of\n"
        "                      people, one per line as for `reach --seeds`\n"
        "  --model M           coverage (default) or ic\n"
        "  --p P               ic: the probability of every tie, in (0, 1]\n"
        "  --eps E             ic: approximation slack, in (0, 1) (default 0.5)\n"
        "  --l L               ic: confidence exponent (default 1)\n"
        "  --seed S            ic: random seed (default 1); the picks depend only on it\n"
        "  --mc-runs N         ic: simulations of the picks' spread (default 10000; 0: none)\n"
        "  --format F          table (default), json, csv or svg (the reach curve). JSON:\n"
        "                      {\"picks\":[{\"vertex\":name,\"gain\":g,\"covered\":c}],\n"
        "                      \"guarantee\":{...}, ...}\n"
        "  --workspace W       a workspace instead of a GRAPH file\n"
        "  --input-format F, --directed, --threads N   as for every graph command\n";

enum {
	OPT_BUDGET = 2000,
	OPT_HOPS,
	OPT_CANDIDATES,
	OPT_MODEL,
	OPT_P,
	OPT_EPS,
	OPT_L,
	OPT_SEED,
	OPT_MC
};

typedef struct request {
	const char *ws_path, *graph_path, *candidates;
	uint32_t budget, hops;
	bool ic, p_set;
	wp_imm_opts imm;
	cli_output out;
} request;

static bool parse_u32(const char *s, uint32_t lo, uint32_t hi, uint32_t *out)
{
	char *end = NULL;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool parse_real(const char *s, double *out)
{
	char *end = NULL;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static void guarantee_text(const request *q, const wp_recruit *r, char *buf, size_t cap)
{
	if (!q->ic)
		snprintf(
		        buf, cap,
		        "greedy maximum coverage: the picks cover at least 1 - 1/e = 63.2%% of the "
		        "best %u candidates' coverage (Nemhauser, Wolsey & Fisher 1978)",
		        q->budget);
	else
		snprintf(buf, cap,
		         "IMM: with probability at least %.6g, the picks' expected spread is at "
		         "least "
		         "1 - 1/e - %g = %.1f%% of the best %u candidates' (Tang, Shi & Xiao 2015)",
		         r->probability, q->imm.eps, 100 * r->approximation, q->budget);
}

static int print_json(const cli_source *s, const request *q, const wp_recruit *r, uint32_t cands)
{
	char text[512];
	json_t *o = json_object(), *picks = json_array();
	for (uint32_t i = 0; i < r->count; i++) {
		json_t *p = json_pack("{s:s}", "vertex", cli_source_name(s, r->picks[i]));
		json_object_set_new(p, "gain",
		                    q->ic ? json_real(r->gain[i])
		                          : json_integer((json_int_t)r->gain[i]));
		json_object_set_new(p, "covered",
		                    q->ic ? json_real(r->covered[i])
		                          : json_integer((json_int_t)r->covered[i]));
		json_array_append_new(picks, p);
	}
	guarantee_text(q, r, text, sizeof(text));
	json_object_set_new(o, "model", json_string(q->ic ? "ic" : "coverage"));
	if (!q->ic)
		json_object_set_new(o, "hops", json_integer(q->hops));
	json_object_set_new(o, "budget", json_integer(q->budget));
	json_object_set_new(o, "candidates", json_integer(cands));
	json_object_set_new(o, "picks", picks);
	json_object_set_new(o, "guarantee",
	                    json_pack("{s:f, s:f, s:s}", "approximation",
	                              q->ic ? r->approximation : 1 - exp(-1.0), "probability",
	                              q->ic ? r->probability : 1.0, "text", text));
	if (q->ic) {
		json_object_set_new(
		        o, "p", q->imm.use_weights ? json_string("warmth") : json_real(q->imm.p));
		json_object_set_new(o, "eps", json_real(q->imm.eps));
		json_object_set_new(o, "l", json_real(q->imm.ell));
		json_object_set_new(o, "seed", json_integer((json_int_t)q->imm.seed));
		json_object_set_new(o, "rr_sets", json_integer((json_int_t)r->rr_sets));
		if (r->mc_runs > 0)
			json_object_set_new(o, "spread",
			                    json_pack("{s:f, s:[f, f], s:i}", "mean", r->mc_mean,
			                              "ci95", r->mc_mean - r->mc_half_width,
			                              r->mc_mean + r->mc_half_width, "runs",
			                              (int)r->mc_runs));
	} else {
		json_object_set_new(o, "evaluations", json_integer((json_int_t)r->evaluations));
	}
	int rc = json_dumpf(o, stdout,
	                    JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	putchar('\n');
	json_decref(o);
	return rc == 0 ? CLI_OK
	               : cli_fail(WP_EIO, "warmpath recruit: cannot write the JSON output");
}

static int print_rows(const cli_source *s, const request *q, const wp_recruit *r, cli_output out)
{
	static const cli_column cols[] = {{"rank", true, 0},
	                                  {"vertex", false, 40},
	                                  {"gain", true, 0},
	                                  {"covered", true, 0},
	                                  {"share", true, 0}};
	cli_table t;
	cli_table_init(&t, cols, out == CLI_CSV ? 4 : 5);
	for (uint32_t i = 0; i < r->count; i++) {
		cli_table_addf(&t, "%u", i + 1);
		cli_table_add(&t, cli_source_name(s, r->picks[i]));
		if (q->ic) {
			cli_table_addf(&t, "%.1f", r->gain[i]);
			cli_table_addf(&t, "%.1f", r->covered[i]);
		} else {
			cli_table_addf(&t, "%.0f", r->gain[i]);
			cli_table_addf(&t, "%.0f", r->covered[i]);
		}
		if (out != CLI_CSV)
			cli_table_addf(&t, "%.1f%%", 100.0 * r->covered[i] / (s->g.n ? s->g.n : 1));
	}
	int rc = cli_table_print(&t, out, stdout);
	cli_table_free(&t);
	return rc;
}

static void print_header(const request *q, const wp_recruit *r, uint32_t cands)
{
	char text[512];
	if (q->ic)
		printf("%u promoter%s by IMM under the independent cascade (%s), from %u "
		       "candidates, %llu RR sets\n",
		       r->count, r->count == 1 ? "" : "s",
		       q->imm.use_weights ? "each tie passes on with its warmth"
		                          : "tie probability p",
		       cands, (unsigned long long)r->rr_sets);
	else
		printf("%u promoter%s by greedy coverage of %u-hop neighbourhoods, from %u "
		       "candidates\n",
		       r->count, r->count == 1 ? "" : "s", q->hops, cands);
	guarantee_text(q, r, text, sizeof(text));
	printf("%s\n", text);
	if (q->ic && r->mc_runs > 0)
		printf("expected spread of the picks: %.1f (95%% confidence %.1f to %.1f, %u "
		       "simulations)\n",
		       r->mc_mean, r->mc_mean - r->mc_half_width, r->mc_mean + r->mc_half_width,
		       r->mc_runs);
	if (!q->ic && r->count < q->budget)
		printf("only %u pick%s added anyone: every other candidate's people were covered\n",
		       r->count, r->count == 1 ? "" : "s");
	printf("\n");
}

static int print_svg(const request *q, const wp_recruit *r)
{
	double *x = malloc(((size_t)r->count + 1) * sizeof(*x));
	double *y = malloc(((size_t)r->count + 1) * sizeof(*y));
	if (x == NULL || y == NULL) {
		free(x);
		free(y);
		return cli_fail(WP_ENOMEM, "warmpath recruit: cannot allocate the chart");
	}
	for (uint32_t i = 0; i < r->count; i++) {
		x[i] = i + 1;
		y[i] = r->covered[i];
	}
	cli_chart c = {CLI_CHART_LINE,
	               q->ic ? "Reach curve: expected spread against promoters recruited"
	                     : "Reach curve: people covered against promoters recruited",
	               "promoters recruited",
	               q->ic ? "expected people reached" : "people covered",
	               x,
	               y,
	               NULL,
	               r->count};
	int rc = cli_chart_svg(stdout, &c);
	free(x);
	free(y);
	return rc == 0 ? CLI_OK : cli_fail(WP_EIO, "warmpath recruit: cannot write the chart");
}

/* The candidates: NULL ids for everyone. */
static int candidates(cli_source *s, const request *q, cli_seeds *c)
{
	char err[WP_ERR_LEN] = "";
	wp_status st = WP_OK;
	if (q->candidates == NULL || strcmp(q->candidates, "all") == 0)
		return CLI_OK;
	if (strcmp(q->candidates, "members") == 0) {
		if (s->ws == NULL)
			return cli_usage_error("recruit",
			                       "--candidates members needs a --workspace");
		st = cli_seeds_members(s, c, err);
	} else {
		st = cli_seeds_read(s, q->candidates, c, err);
	}
	return st == WP_OK ? CLI_OK : cli_fail(st, err);
}

static int check_probabilities(const wp_graph *g)
{
	for (uint64_t a = 0; g->weights != NULL && a < g->m; a++)
		if (!(g->weights[a] > 0 && g->weights[a] <= 1))
			return cli_fail(WP_EINPUT,
			                "warmpath recruit: tie weights must be in (0, 1] to "
			                "serve as probabilities; give --p P instead");
	return CLI_OK;
}

int cmd_recruit(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"budget", required_argument, NULL, OPT_BUDGET},
	        {"hops", required_argument, NULL, OPT_HOPS},
	        {"candidates", required_argument, NULL, OPT_CANDIDATES},
	        {"model", required_argument, NULL, OPT_MODEL},
	        {"p", required_argument, NULL, OPT_P},
	        {"eps", required_argument, NULL, OPT_EPS},
	        {"l", required_argument, NULL, OPT_L},
	        {"seed", required_argument, NULL, OPT_SEED},
	        {"mc-runs", required_argument, NULL, OPT_MC},
	        {"workspace", required_argument, NULL, 'w'},
	        {"format", required_argument, NULL, 'f'},
	        CLI_GRAPH_LONGOPTS,
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0}};
	request q = {.out = CLI_TABLE, .imm = WP_IMM_DEFAULTS};
	cli_graph_opts go = {0};
	cli_source src = {0};
	cli_seeds cand = {0};
	wp_recruit r = {0};
	char err[WP_ERR_LEN] = "";
	double v = 0;
	uint32_t u = 0;
	int opt, rc = CLI_OK;
	wp_status st;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_BUDGET:
			if (!parse_u32(optarg, 1, 100000, &q.budget))
				return cli_usage_error("recruit",
				                       "--budget needs a number from 1 to 100000");
			break;
		case OPT_HOPS:
			if (!parse_u32(optarg, 1, WP_RECRUIT_MAX_HOPS, &q.hops))
				return cli_usage_error("recruit",
				                       "--hops needs a number from 1 to %d",
				                       WP_RECRUIT_MAX_HOPS);
			break;
		case OPT_CANDIDATES:
			q.candidates = optarg;
			break;
		case OPT_MODEL:
			if (strcmp(optarg, "ic") != 0 && strcmp(optarg, "coverage") != 0)
				return cli_usage_error("recruit", "--model must be coverage or ic");
			q.ic = strcmp(optarg, "ic") == 0;
			break;
		case OPT_P:
			if (!parse_real(optarg, &v) || !(v > 0 && v <= 1))
				return cli_usage_error("recruit",
				                       "--p needs a probability in (0, 1]");
			q.imm.p = v;
			q.p_set = true;
			break;
		case OPT_EPS:
			if (!parse_real(optarg, &v) || !(v > 0 && v < 1))
				return cli_usage_error("recruit", "--eps needs a number in (0, 1)");
			q.imm.eps = v;
			break;
		case OPT_L:
			if (!parse_real(optarg, &v) || !(v > 0 && v <= 100))
				return cli_usage_error("recruit", "--l needs a number in (0, 100]");
			q.imm.ell = v;
			break;
		case OPT_SEED:
			if (!parse_u32(optarg, 0, UINT32_MAX, &u))
				return cli_usage_error("recruit", "--seed needs a whole number");
			q.imm.seed = u;
			break;
		case OPT_MC:
			if (!parse_u32(optarg, 0, 100000000, &q.imm.mc_runs))
				return cli_usage_error("recruit",
				                       "--mc-runs needs a number from 0 to 1e8");
			break;
		case 'w':
			q.ws_path = optarg;
			break;
		case 'f':
			if (!cli_parse_output(optarg, CLI_TABLE | CLI_JSON | CLI_CSV | CLI_SVG,
			                      &q.out))
				return cli_usage_error("recruit",
				                       "--format must be table, json, csv or svg");
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_graph_option("recruit", opt, optarg, &go);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("recruit", "unknown option") : rc;
		}
	}
	if (q.ws_path != NULL && optind != argc)
		return cli_usage_error("recruit", "expected a GRAPH file or --workspace, not both");
	if (q.ws_path == NULL && optind != argc - 1)
		return cli_usage_error("recruit", "expected one GRAPH file (or --workspace W)");
	q.graph_path = q.ws_path ? NULL : argv[optind];
	if (q.budget == 0)
		return cli_usage_error("recruit", "--budget K is required");
	if (!q.ic && q.hops == 0)
		return cli_usage_error("recruit", "--hops H is required for the coverage model");
	if (q.ic && q.hops != 0)
		return cli_usage_error("recruit", "--hops applies to the coverage model, not ic");
	if (q.candidates && strcmp(q.candidates, "members") == 0 && q.ws_path == NULL)
		return cli_usage_error("recruit", "--candidates members needs a --workspace");
	rc = cli_source_open("recruit", q.graph_path, q.ws_path, &go, &src);
	if (rc != CLI_OK)
		return rc;
	if (q.ic && !q.p_set) {
		if (src.g.weights == NULL && src.g.m > 0) {
			rc = cli_usage_error("recruit", "--model ic needs --p P on a graph without "
			                                "tie warmths");
			goto done;
		}
		q.imm.use_weights = true;
		rc = check_probabilities(&src.g);
		if (rc != CLI_OK)
			goto done;
	}
	rc = candidates(&src, &q, &cand);
	if (rc != CLI_OK)
		goto done;
	uint32_t cc = cand.ids ? cand.count : src.g.n;
	if (q.ic) {
		q.imm.budget = q.budget;
		q.imm.threads = go.threads;
		st = wp_recruit_imm(&src.g, cand.ids, cand.count, &q.imm, &r, err);
	} else {
		wp_recruit_opts o = WP_RECRUIT_DEFAULTS;
		o.budget = q.budget;
		o.hops = q.hops;
		o.threads = go.threads;
		st = wp_recruit_coverage(&src.g, cand.ids, cand.count, &o, &r, err);
	}
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	switch (q.out) {
	case CLI_JSON:
		rc = print_json(&src, &q, &r, cc);
		break;
	case CLI_SVG:
		rc = print_svg(&q, &r);
		break;
	case CLI_CSV:
		rc = print_rows(&src, &q, &r, CLI_CSV);
		break;
	default:
		print_header(&q, &r, cc);
		rc = print_rows(&src, &q, &r, CLI_TABLE);
	}
done:
	wp_recruit_free(&r);
	cli_seeds_free(&cand);
	cli_source_close(&src);
	return rc;
}
