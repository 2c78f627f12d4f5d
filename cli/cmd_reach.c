/* cmd_reach.c - `warmpath reach`: how many people a set of promoters reaches within H hops, and
 * what that may yield (queries/reach.h does the counting). */
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
#include "queries/reach.h"

#define NAMES_SHOWN 10

static const char usage[] =
        "usage: warmpath reach GRAPH|--workspace W --seeds FILE|--members --hops H\n"
        "                      [--rate 1:0.05,2:0.01] [--gift 10] [--min-warmth X] [--top N]\n"
        "                      [--format table|json|csv|svg]\n"
        "\n"
        "Counts the people within H hops of the seeds (the promoters), the seeds left out: how\n"
        "many at each distance, how many each seed reaches alone, how many are reached through\n"
        "two or more seeds (overlap) and through one seed only (the people lost if that seed\n"
        "drops out). With --rate, the expected responses at each distance are people x rate; with\n"
        "--gift also the expected gross, people x rate x gift, the arithmetic shown per hop.\n"
        "\n"
        "  --seeds FILE        one person per line (a CSV's first column; `#` comments); on a\n"
        "                      workspace a name, #ID, LinkedIn URL or e-mail\n"
        "  --members           the workspace's members are the seeds\n"
        "  --hops H            how far a request travels: 1 = the seeds' own contacts (1 to 250)\n"
        "  --rate D:R,...      share R (0 to 1) of the people at distance D who respond; other\n"
        "                      distances respond at 0\n"
        "  --gift AMOUNT       amount per response\n"
        "  --min-warmth X      follow only ties at least X warm (0 to 1; a workspace or a\n"
        "                      weighted graph)\n"
        "  --top N             seeds whose only-through-them people are listed (default 3)\n"
        "  --no-per-seed       skip each seed's reach alone (null in JSON): one sweep instead of\n"
        "                      a bit per seed, much faster for thousands of seeds on big graphs\n"
        "  --format F          table (default), json, csv (per distance) or svg (a bar chart\n"
        "                      of people per distance). JSON keys: seeds, hops, per_hop (index 0\n"
        "                      = distance 1), reached, overlap, per_seed, only_through, yield,\n"
        "                      expected_responses, expected_gross\n"
        "  --workspace W       a workspace instead of a GRAPH file\n"
        "  --input-format F, --directed, --threads N   as for every graph command\n";

enum {
	OPT_SEEDS = 2000,
	OPT_MEMBERS,
	OPT_HOPS,
	OPT_RATE,
	OPT_GIFT,
	OPT_MIN_WARMTH,
	OPT_TOP,
	OPT_NO_PER_SEED
};

typedef struct request {
	const char *seeds_path, *ws_path, *graph_path;
	bool members, no_per_seed;
	uint32_t hops, top;
	double *rates; /* hops entries, or NULL without --rate */
	const char *rate_arg;
	double gift;
	bool has_gift;
	double min_warmth;
	cli_output out;
} request;

/* Parses "1:0.05,2:0.01" into rates[0 .. hops). Returns false with a message in why. */
static bool parse_rates(const char *s, uint32_t hops, double *rates, char *why, size_t cap)
{
	const char *p = s;
	for (uint32_t i = 0; i < hops; i++)
		rates[i] = 0;
	while (*p) {
		char *end = NULL;
		long d = strtol(p, &end, 10);
		if (end == p || *end != ':') {
			snprintf(why, cap,
			         "--rate expects DISTANCE:RATE pairs such as 1:0.05,2:0.01");
			return false;
		}
		if (d < 1 || (unsigned long)d > hops) {
			snprintf(why, cap, "--rate names distance %ld, outside 1 to --hops %u", d,
			         hops);
			return false;
		}
		p = end + 1;
		double r = strtod(p, &end);
		if (end == p || !(r >= 0 && r <= 1)) {
			snprintf(why, cap, "--rate for distance %ld must be a share from 0 to 1",
			         d);
			return false;
		}
		rates[d - 1] = r;
		p = end;
		if (*p == ',')
			p++;
		else if (*p) {
			snprintf(why, cap,
			         "--rate expects DISTANCE:RATE pairs such as 1:0.05,2:0.01");
			return false;
		}
	}
	return true;
}

/* Seeds ordered by people only through them, then reach alone, then input order. */
static const wp_reach *sort_ctx;
static int by_unique(const void *a, const void *b)
{
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	const wp_reach *r = sort_ctx;
	if (r->unique[i] != r->unique[j])
		return r->unique[i] > r->unique[j] ? -1 : 1;
	if (r->per_seed[i] != r->per_seed[j])
		return r->per_seed[i] > r->per_seed[j] ? -1 : 1;
	return i < j ? -1 : i > j;
}

static double responses(const request *q, const wp_reach *r, uint32_t d)
{
	return (double)r->per_hop[d] * q->rates[d];
}

static int print_json(const cli_source *s, const request *q, const cli_seeds *seeds,
                      const wp_reach *r, const uint32_t *order)
{
	json_t *o = json_object(), *sa = json_array(), *ph = json_array(), *ps = json_array();
	json_t *only = json_array(), *y = json_array();
	double tr = 0, tg = 0;
	for (uint32_t i = 0; i < seeds->count; i++) {
		const char *name = cli_source_name(s, seeds->ids[i]);
		json_array_append_new(sa, json_string(name));
		json_t *e = json_pack("{s:s}", "seed", name);
		json_object_set_new(e, "reach",
		                    q->no_per_seed ? json_null()
		                                   : json_integer((json_int_t)r->per_seed[i]));
		json_object_set_new(e, "unique", json_integer((json_int_t)r->unique[i]));
		json_array_append_new(ps, e);
	}
	for (uint32_t k = 0; k < q->top && k < seeds->count; k++) {
		uint32_t i = order[k];
		json_t *people = json_array();
		for (uint64_t a = r->unique_offsets[i]; a < r->unique_offsets[i + 1]; a++)
			json_array_append_new(people,
			                      json_string(cli_source_name(s, r->unique_people[a])));
		json_array_append_new(only, json_pack("{s:s, s:o}", "seed",
		                                      cli_source_name(s, seeds->ids[i]), "people",
		                                      people));
	}
	for (uint32_t d = 0; d < r->hops; d++) {
		json_array_append_new(ph, json_integer((json_int_t)r->per_hop[d]));
		if (q->rates == NULL)
			continue;
		double resp = responses(q, r, d);
		tr += resp;
		tg += resp * q->gift;
		json_t *row = json_pack("{s:i, s:I, s:f, s:f}", "distance", (int)d + 1, "people",
		                        (json_int_t)r->per_hop[d], "rate", q->rates[d], "responses",
		                        resp);
		json_object_set_new(row, "gross",
		                    q->has_gift ? json_real(resp * q->gift) : json_null());
		json_array_append_new(y, row);
	}
	json_object_set_new(o, "seeds", sa);
	json_object_set_new(o, "hops", json_integer(r->hops));
	if (q->min_warmth > 0)
		json_object_set_new(o, "min_warmth", json_real(q->min_warmth));
	json_object_set_new(o, "per_hop", ph);
	json_object_set_new(o, "reached", json_integer((json_int_t)r->reached));
	json_object_set_new(o, "overlap", json_integer((json_int_t)r->overlap));
	json_object_set_new(o, "per_seed", ps);
	json_object_set_new(o, "only_through", only);
	json_object_set_new(o, "yield", y);
	json_object_set_new(o, "expected_responses", q->rates ? json_real(tr) : json_null());
	json_object_set_new(o, "expected_gross",
	                    q->rates && q->has_gift ? json_real(tg) : json_null());
	int rc = json_dumpf(o, stdout,
	                    JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	putchar('\n');
	json_decref(o);
	return rc == 0 ? CLI_OK : cli_fail(WP_EIO, "warmpath reach: cannot write the JSON output");
}

static void print_csv(const request *q, const wp_reach *r)
{
	double tr = 0, tg = 0;
	printf("distance,people,rate,expected_responses,expected_gross\n");
	for (uint32_t d = 0; d < r->hops; d++) {
		printf("%u,%llu", d + 1, (unsigned long long)r->per_hop[d]);
		if (q->rates) {
			double resp = responses(q, r, d);
			tr += resp;
			tg += resp * q->gift;
			printf(",%.10g,%.10g,", q->rates[d], resp);
			if (q->has_gift)
				printf("%.10g", resp * q->gift);
		} else {
			printf(",,,");
		}
		putchar('\n');
	}
	printf("total,%llu,", (unsigned long long)r->reached);
	if (q->rates) {
		printf(",%.10g,", tr);
		if (q->has_gift)
			printf("%.10g", tg);
	} else {
		printf(",,");
	}
	putchar('\n');
}

static void print_table(const cli_source *s, const request *q, const cli_seeds *seeds,
                        const wp_reach *r, const uint32_t *order)
{
	double tr = 0, tg = 0;
	printf("%u seed%s reach %llu %s within %u hop%s", seeds->count,
	       seeds->count == 1 ? "" : "s", (unsigned long long)r->reached,
	       r->reached == 1 ? "person" : "people", r->hops, r->hops == 1 ? "" : "s");
	if (q->min_warmth > 0)
		printf(" along ties at least %.2f warm", q->min_warmth);
	printf(" (the seeds not counted)\n\n");
	printf("%-9s %12s", "distance", "people");
	if (q->rates)
		printf("  %-8s %12s%s", "rate", "responses", q->has_gift ? "  gross" : "");
	printf("\n");
	for (uint32_t d = 0; d < r->hops; d++) {
		printf("%-9u %12llu", d + 1, (unsigned long long)r->per_hop[d]);
		if (q->rates) {
			double resp = responses(q, r, d);
			tr += resp;
			tg += resp * q->gift;
			printf("  %-8.4g %12.2f", q->rates[d], resp);
			if (q->has_gift)
				printf("  %.2f = %llu x %.4g x %.2f", resp * q->gift,
				       (unsigned long long)r->per_hop[d], q->rates[d], q->gift);
			else
				printf("  = %llu x %.4g", (unsigned long long)r->per_hop[d],
				       q->rates[d]);
		}
		printf("\n");
	}
	printf("%-9s %12llu", "total", (unsigned long long)r->reached);
	if (q->rates) {
		printf("  %-8s %12.2f", "", tr);
		if (q->has_gift)
			printf("  %.2f", tg);
	}
	printf("\n\n%llu of them reached through two or more seeds, %llu through one only\n\n",
	       (unsigned long long)r->overlap, (unsigned long long)(r->reached - r->overlap));
	cli_table t;
	static const cli_column cols[] = {
	        {"seed", false, 40}, {"reach alone", true, 0}, {"only through them", true, 0}};
	cli_table_init(&t, cols, 3);
	for (uint32_t k = 0; k < seeds->count; k++) {
		uint32_t i = order[k];
		cli_table_add(&t, cli_source_name(s, seeds->ids[i]));
		if (q->no_per_seed)
			cli_table_add(&t, "-");
		else
			cli_table_addf(&t, "%llu", (unsigned long long)r->per_seed[i]);
		cli_table_addf(&t, "%llu", (unsigned long long)r->unique[i]);
	}
	cli_table_print(&t, CLI_TABLE, stdout);
	cli_table_free(&t);
	for (uint32_t k = 0; k < q->top && k < seeds->count; k++) {
		uint32_t i = order[k];
		uint64_t lo = r->unique_offsets[i], hi = r->unique_offsets[i + 1];
		if (hi == lo)
			break;
		printf("%sonly through %s: ", k ? "" : "\n", cli_source_name(s, seeds->ids[i]));
		for (uint64_t a = lo; a < hi && a < lo + NAMES_SHOWN; a++)
			printf("%s%s", a > lo ? ", " : "", cli_source_name(s, r->unique_people[a]));
		if (hi - lo > NAMES_SHOWN)
			printf(" and %llu more", (unsigned long long)(hi - lo - NAMES_SHOWN));
		printf("\n");
	}
}

static int print_svg(const request *q, const wp_reach *r)
{
	double *x = malloc(((size_t)r->hops + 1) * sizeof(*x));
	double *y = malloc(((size_t)r->hops + 1) * sizeof(*y));
	char title[128];
	if (x == NULL || y == NULL) {
		free(x);
		free(y);
		return cli_fail(WP_ENOMEM, "warmpath reach: cannot allocate the chart");
	}
	for (uint32_t d = 0; d < r->hops; d++) {
		x[d] = d + 1;
		y[d] = (double)r->per_hop[d];
	}
	snprintf(title, sizeof(title), "People reached at each distance (%llu in all)%s",
	         (unsigned long long)r->reached, q->min_warmth > 0 ? ", warm ties only" : "");
	cli_chart c = {CLI_CHART_BARS, title,  "distance from the nearest seed (hops)",
	               "people",       x,      y,
	               NULL,           r->hops};
	int rc = cli_chart_svg(stdout, &c);
	free(x);
	free(y);
	return rc == 0 ? CLI_OK : cli_fail(WP_EIO, "warmpath reach: cannot write the chart");
}

static bool parse_u32(const char *s, uint32_t lo, uint32_t hi, uint32_t *out)
{
	char *end = NULL;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool parse_real(const char *s, double lo, double hi, double *out)
{
	char *end = NULL;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || !(v >= lo && v <= hi))
		return false;
	*out = v;
	return true;
}

int cmd_reach(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"seeds", required_argument, NULL, OPT_SEEDS},
	        {"members", no_argument, NULL, OPT_MEMBERS},
	        {"hops", required_argument, NULL, OPT_HOPS},
	        {"rate", required_argument, NULL, OPT_RATE},
	        {"gift", required_argument, NULL, OPT_GIFT},
	        {"min-warmth", required_argument, NULL, OPT_MIN_WARMTH},
	        {"top", required_argument, NULL, OPT_TOP},
	        {"no-per-seed", no_argument, NULL, OPT_NO_PER_SEED},
	        {"workspace", required_argument, NULL, 'w'},
	        {"format", required_argument, NULL, 'f'},
	        CLI_GRAPH_LONGOPTS,
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0}};
	request q = {.top = 3, .out = CLI_TABLE};
	cli_graph_opts go = {0};
	cli_source src = {0};
	cli_seeds seeds = {0};
	wp_reach r = {0};
	uint32_t *order = NULL;
	char err[WP_ERR_LEN] = "", why[256];
	int opt, rc = CLI_OK;
	wp_status st;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_SEEDS:
			q.seeds_path = optarg;
			break;
		case OPT_MEMBERS:
			q.members = true;
			break;
		case OPT_HOPS:
			if (!parse_u32(optarg, 1, WP_REACH_MAX_HOPS, &q.hops))
				return cli_usage_error("reach",
				                       "--hops needs a number from 1 to %d",
				                       WP_REACH_MAX_HOPS);
			break;
		case OPT_RATE:
			q.rate_arg = optarg;
			break;
		case OPT_GIFT:
			if (!parse_real(optarg, 0, 1e12, &q.gift))
				return cli_usage_error("reach",
				                       "--gift needs an amount of at least 0");
			q.has_gift = true;
			break;
		case OPT_MIN_WARMTH:
			if (!parse_real(optarg, 0, 1, &q.min_warmth))
				return cli_usage_error("reach",
				                       "--min-warmth needs a warmth from 0 to 1");
			break;
		case OPT_TOP:
			if (!parse_u32(optarg, 0, 1000000, &q.top))
				return cli_usage_error("reach",
				                       "--top needs a number from 0 to 1000000");
			break;
		case OPT_NO_PER_SEED:
			q.no_per_seed = true;
			break;
		case 'w':
			q.ws_path = optarg;
			break;
		case 'f':
			if (!cli_parse_output(optarg, CLI_TABLE | CLI_JSON | CLI_CSV | CLI_SVG,
			                      &q.out))
				return cli_usage_error("reach",
				                       "--format must be table, json, csv or svg");
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_graph_option("reach", opt, optarg, &go);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("reach", "unknown option") : rc;
		}
	}
	if (q.ws_path != NULL && optind != argc)
		return cli_usage_error("reach", "expected a GRAPH file or --workspace, not both");
	if (q.ws_path == NULL && optind != argc - 1)
		return cli_usage_error("reach", "expected one GRAPH file (or --workspace W)");
	q.graph_path = q.ws_path ? NULL : argv[optind];
	if (q.hops == 0)
		return cli_usage_error("reach", "--hops H is required");
	if ((q.seeds_path != NULL) == q.members)
		return cli_usage_error("reach", "give either --seeds FILE or --members");
	if (q.members && q.ws_path == NULL)
		return cli_usage_error("reach", "--members needs a --workspace");
	if (q.has_gift && q.rate_arg == NULL)
		return cli_usage_error("reach", "--gift needs --rate (the share who respond)");
	if (q.rate_arg != NULL) {
		q.rates = malloc(q.hops * sizeof(*q.rates));
		if (q.rates == NULL)
			return cli_fail(WP_ENOMEM, "warmpath reach: cannot allocate the rates");
		if (!parse_rates(q.rate_arg, q.hops, q.rates, why, sizeof(why))) {
			rc = cli_usage_error("reach", "%s", why);
			goto done;
		}
	}
	rc = cli_source_open("reach", q.graph_path, q.ws_path, &go, &src);
	if (rc != CLI_OK)
		goto done;
	if (q.min_warmth > 0 && src.g.weights == NULL && src.g.m > 0) {
		rc = cli_usage_error("reach", "--min-warmth needs tie warmths: a --workspace or a "
		                              "weighted graph");
		goto done;
	}
	st = q.members ? cli_seeds_members(&src, &seeds, err)
	               : cli_seeds_read(&src, q.seeds_path, &seeds, err);
	wp_reach_opts o = WP_REACH_DEFAULTS;
	o.hops = q.hops;
	o.min_weight = (float)q.min_warmth;
	o.threads = go.threads;
	o.per_seed = !q.no_per_seed;
	if (st == WP_OK)
		st = wp_reach_compute(&src.g, seeds.ids, seeds.count, &o, &r, err);
	if (st == WP_OK) {
		order = malloc(((size_t)seeds.count + 1) * sizeof(*order));
		if (order == NULL) {
			/* st set directly: the analyser cannot see wp_error return it */
			wp_error(err, WP_ENOMEM, "cannot allocate %u seeds", seeds.count);
			st = WP_ENOMEM;
		}
	}
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	for (uint32_t i = 0; i < seeds.count; i++)
		order[i] = i;
	sort_ctx = &r;
	qsort(order, seeds.count, sizeof(*order), by_unique);
	if (seeds.duplicates > 0 && q.out == CLI_TABLE)
		fprintf(stderr, "warmpath reach: %u repeated name%s counted once\n",
		        seeds.duplicates, seeds.duplicates == 1 ? "" : "s");
	switch (q.out) {
	case CLI_JSON:
		rc = print_json(&src, &q, &seeds, &r, order);
		break;
	case CLI_CSV:
		print_csv(&q, &r);
		break;
	case CLI_SVG:
		rc = print_svg(&q, &r);
		break;
	default:
		print_table(&src, &q, &seeds, &r, order);
	}
done:
	free(order);
	free(q.rates);
	wp_reach_free(&r);
	cli_seeds_free(&seeds);
	cli_source_close(&src);
	return rc;
}
