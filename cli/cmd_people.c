/* cmd_people.c - `warmpath people`, `warmpath merge` and `warmpath split`: listing and searching
 * the people of a workspace, the likely duplicates that were not merged, and a person's own
 * decisions about who is who (which later imports respect).
 *
 * People are shown by display name with their id ("#12"), which merge, split and ties accept when a
 * name alone is ambiguous.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "cli/table.h"

static const char people_usage[] =
        "usage: warmpath people --workspace FILE [--search TEXT] [--duplicates] [--limit N]\n"
        "                       [--format table|csv|json]\n"
        "\n"
        "Lists the people of the workspace by name, or those whose name, company, e-mail address\n"
        "or LinkedIn profile contains TEXT (case and accents ignored). With --duplicates, lists\n"
        "pairs of people who are probably one individual but were kept apart (same name with\n"
        "another company, same e-mail with another profile), with the reason: `warmpath merge`\n"
        "joins a pair, `warmpath split` undoes a wrong match.\n"
        "\n"
        "  --workspace FILE         the workspace\n"
        "  --search TEXT            only people matching TEXT\n"
        "  --duplicates             likely duplicates instead of people\n"
        "  --limit N                at most N people (default: all)\n"
        "  --format table|csv|json  output format (default: table)\n";

static const char merge_usage[] =
        "usage: warmpath merge --workspace FILE [--format table|csv|json] PERSON PERSON\n"
        "\n"
        "Records that two people of the workspace are one individual and merges them: the\n"
        "second's mentions and evidence move to the first (the lower id is kept). Later imports\n"
        "respect the decision; `warmpath split` undoes it. A PERSON is a name, #ID, LinkedIn URL\n"
        "or e-mail.\n";

static const char split_usage[] =
        "usage: warmpath split --workspace FILE [--format table|csv|json] PERSON\n"
        "\n"
        "Splits a person whom matching by name and company (or a merge) joined wrongly: their\n"
        "mentions are regrouped by LinkedIn profile and e-mail address only, each group becomes a\n"
        "person, and later imports keep them apart. A PERSON is a name, #ID, LinkedIn URL or\n"
        "e-mail.\n";

/* Parses the options shared by merge and split; returns -1 to go on, else an exit status. */
static int parse_simple(int argc, char **argv, const char *cmd, const char *usage,
                        const char **ws_path, cli_output *out)
{
	static const struct option longopts[] = {CLI_WORKSPACE_OPTIONS, {NULL, 0, NULL, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default: {
			int rc = cli_workspace_option(cmd, opt, optarg, ws_path, out);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error(cmd, "unknown option") : rc;
		}
		}
	}
	return -1;
}

static json_t *person_json(const wp_person_info *p)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:i}", "id", (json_int_t)p->id,
	                 "name", p->name, "company", p->company, "position", p->position, "slug",
	                 p->slug, "email", p->email, "member", p->member, "mentions",
	                 (int)p->mentions);
}

static int print_duplicates(wp_workspace *ws, cli_output out)
{
	static const cli_column cols[] = {{"id_a", true, 0},        {"name_a", false, 30},
	                                  {"company_a", false, 30}, {"id_b", true, 0},
	                                  {"name_b", false, 30},    {"company_b", false, 30},
	                                  {"reason", false, 70}};
	char err[WP_ERR_LEN] = "";
	wp_duplicates d = {0};
	int rc;
	wp_status st = wp_workspace_duplicates(ws, &d, err);
	if (st != WP_OK)
		return cli_fail(st, err);
	if (out == CLI_JSON) {
		json_t *a = json_array();
		bool ok = a != NULL;
		for (size_t i = 0; ok && i < d.count; i++)
			ok = json_array_append_new(a, json_pack("{s:o, s:o, s:s}", "a",
			                                        person_json(&d.items[i].a), "b",
			                                        person_json(&d.items[i].b),
			                                        "reason", d.items[i].reason)) == 0;
		ok = ok && json_dumpf(a, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
		json_decref(a);
		wp_duplicates_free(&d);
		if (!ok) {
			fprintf(stderr, "warmpath: cannot build the JSON output\n");
			return CLI_INTERNAL;
		}
		putchar('\n');
		return CLI_OK;
	}
	cli_table t;
	cli_table_init(&t, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < d.count; i++) {
		const wp_duplicate *p = &d.items[i];
		cli_table_addf(&t, out == CLI_TABLE ? "#%lld" : "%lld", (long long)p->a.id);
		cli_table_add(&t, p->a.name);
		cli_table_add(&t, p->a.company);
		cli_table_addf(&t, out == CLI_TABLE ? "#%lld" : "%lld", (long long)p->b.id);
		cli_table_add(&t, p->b.name);
		cli_table_add(&t, p->b.company);
		cli_table_add(&t, p->reason);
	}
	rc = cli_table_print(&t, out, stdout);
	cli_table_free(&t);
	wp_duplicates_free(&d);
	return rc;
}

int cmd_people(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_WORKSPACE_OPTIONS,
	                                         {"search", required_argument, NULL, 's'},
	                                         {"duplicates", no_argument, NULL, 'd'},
	                                         {"limit", required_argument, NULL, 'l'},
	                                         {NULL, 0, NULL, 0}};
	static const cli_column cols[] = {{"id", true, 0},        {"name", false, 36},
	                                  {"company", false, 32}, {"position", false, 32},
	                                  {"known_by", true, 0},  {"member", false, 0},
	                                  {"linkedin", false, 50}};
	const char *ws_path = NULL, *search = "";
	cli_output out = CLI_TABLE;
	bool duplicates = false;
	size_t limit = 0;
	char err[WP_ERR_LEN] = "";
	wp_workspace *ws = NULL;
	wp_people p = {0};
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			search = optarg;
			break;
		case 'd':
			duplicates = true;
			break;
		case 'l': {
			char *end = NULL;
			long long v = strtoll(optarg, &end, 10);
			if (end == optarg || *end != '\0' || v < 1)
				return cli_usage_error("people", "--limit needs a positive number");
			limit = (size_t)v;
			break;
		}
		case 'h':
			fputs(people_usage, stdout);
			return CLI_OK;
		default:
			rc = cli_workspace_option("people", opt, optarg, &ws_path, &out);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("people", "unknown option") : rc;
		}
	}
	if (optind != argc)
		return cli_usage_error("people", "unexpected argument '%s' (use --search TEXT)",
		                       argv[optind]);
	if (duplicates && search[0] != '\0')
		return cli_usage_error("people", "--duplicates and --search cannot be combined");
	rc = cli_workspace_open("people", ws_path, false, &ws);
	if (rc != CLI_OK)
		return rc;
	if (duplicates) {
		rc = print_duplicates(ws, out);
		goto done;
	}
	wp_status st = wp_workspace_people_search(ws, search, limit, &p, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	if (out == CLI_JSON) {
		json_t *a = json_array();
		bool ok = a != NULL;
		for (size_t i = 0; ok && i < p.count; i++)
			ok = json_array_append_new(a, person_json(&p.items[i])) == 0;
		ok = ok && json_dumpf(a, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
		json_decref(a);
		if (!ok) {
			fprintf(stderr, "warmpath: cannot build the JSON output\n");
			rc = CLI_INTERNAL;
		} else {
			putchar('\n');
		}
		goto done;
	}
	cli_table t;
	cli_table_init(&t, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < p.count; i++) {
		const wp_person_info *pi = &p.items[i];
		cli_table_addf(&t, out == CLI_TABLE ? "#%lld" : "%lld", (long long)pi->id);
		cli_table_add(&t, pi->name);
		cli_table_add(&t, pi->company);
		cli_table_add(&t, pi->position);
		cli_table_addf(&t, "%u", pi->mentions);
		cli_table_add(&t, pi->member ? "yes" : "");
		if (pi->slug[0])
			cli_table_addf(&t, "https://www.linkedin.com/in/%s", pi->slug);
		else
			cli_table_add(&t, "");
	}
	rc = cli_table_print(&t, out, stdout);
	cli_table_free(&t);
done:
	wp_people_free(&p);
	wp_workspace_close(ws);
	return rc;
}

/* "#12 Name (Company)" or "#12 Name" of person id into buf, and the bare name
 * into name (may be NULL; cap bytes each). */
static void describe(wp_workspace *ws, int64_t id, char *buf, char *name, size_t cap)
{
	wp_person_info pi = {0};
	char err[WP_ERR_LEN] = "";
	if (name != NULL)
		name[0] = '\0';
	if (wp_workspace_person_get(ws, id, &pi, err) != WP_OK) {
		snprintf(buf, cap, "#%lld", (long long)id);
		return;
	}
	if (name != NULL)
		snprintf(name, cap, "%s", pi.name);
	if (pi.company[0])
		snprintf(buf, cap, "#%lld %s (%s)", (long long)id, pi.name, pi.company);
	else
		snprintf(buf, cap, "#%lld %s", (long long)id, pi.name);
	wp_person_info_free(&pi);
}

/* The machine-readable result of merge (other = the id merged away) or split (groups). Tables
 * are printed by the callers. */
static int print_result(cli_output out, const char *action, int64_t id, const char *name,
                        int64_t other, uint32_t groups)
{
	if (out == CLI_JSON) {
		json_t *o = other ? json_pack("{s:s, s:I, s:s, s:I}", "action", action, "id",
		                              (json_int_t)id, "name", name, "merged_id",
		                              (json_int_t)other)
		                  : json_pack("{s:s, s:I, s:s, s:i}", "action", action, "id",
		                              (json_int_t)id, "name", name, "people", (int)groups);
		bool ok = o != NULL &&
		          json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
		json_decref(o);
		if (!ok) {
			fprintf(stderr, "warmpath: cannot build the JSON output\n");
			return CLI_INTERNAL;
		}
		putchar('\n');
	} else if (out == CLI_CSV) {
		printf("action,id,name,%s\n%s,%lld,", other ? "merged_id" : "people", action,
		       (long long)id);
		cli_csv_field(stdout, name);
		printf(",%lld\n", other ? (long long)other : (long long)groups);
	}
	return CLI_OK;
}

int cmd_merge(int argc, char **argv)
{
	const char *ws_path = NULL;
	char err[WP_ERR_LEN] = "", ref_a[32], ref_b[32], a_desc[512], b_desc[512], kept[512];
	char name[512];
	cli_output out = CLI_TABLE;
	wp_workspace *ws = NULL;
	int64_t a = 0, b = 0;
	int rc = parse_simple(argc, argv, "merge", merge_usage, &ws_path, &out);
	if (rc >= 0)
		return rc;
	if (argc - optind != 2)
		return cli_usage_error("merge", "expected two PERSONs");
	rc = cli_workspace_open("merge", ws_path, false, &ws);
	if (rc != CLI_OK)
		return rc;
	wp_status st = wp_workspace_person_resolve(ws, argv[optind], &a, err);
	if (st == WP_OK)
		st = wp_workspace_person_resolve(ws, argv[optind + 1], &b, err);
	if (st == WP_OK) {
		describe(ws, a, a_desc, NULL, sizeof(a_desc));
		describe(ws, b, b_desc, NULL, sizeof(b_desc));
		snprintf(ref_a, sizeof(ref_a), "#%lld", (long long)a);
		snprintf(ref_b, sizeof(ref_b), "#%lld", (long long)b);
		st = wp_workspace_merge(ws, ref_a, ref_b, err);
	}
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	int64_t k = a < b ? a : b;
	describe(ws, k, kept, name, sizeof(kept));
	rc = print_result(out, "merged", k, name, a == k ? b : a, 0);
	if (out == CLI_TABLE)
		printf("merged %s and %s into %s\n", a_desc, b_desc, kept);
done:
	wp_workspace_close(ws);
	return rc;
}

int cmd_split(int argc, char **argv)
{
	const char *ws_path = NULL;
	char err[WP_ERR_LEN] = "", ref[32], desc[512], name[512];
	cli_output out = CLI_TABLE;
	wp_workspace *ws = NULL;
	int64_t id = 0;
	uint32_t groups = 0;
	int rc = parse_simple(argc, argv, "split", split_usage, &ws_path, &out);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error("split", "expected one PERSON");
	rc = cli_workspace_open("split", ws_path, false, &ws);
	if (rc != CLI_OK)
		return rc;
	wp_status st = wp_workspace_person_resolve(ws, argv[optind], &id, err);
	if (st == WP_OK) {
		describe(ws, id, desc, name, sizeof(desc));
		snprintf(ref, sizeof(ref), "#%lld", (long long)id);
		st = wp_workspace_split(ws, ref, &groups, err);
	}
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	rc = print_result(out, "split", id, name, 0, groups);
	if (out == CLI_TABLE)
		printf("split %s into %u people\n", desc, groups);
done:
	wp_workspace_close(ws);
	return rc;
}
