/* cmd_members.c - `warmpath members` and `warmpath forget`: the members whose exports a workspace
 * holds, and removing everything one of them contributed.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "cli/table.h"

static const char members_usage[] =
        "usage: warmpath members --workspace FILE [--format table|csv|json]\n"
        "\n"
        "Lists the members whose exports the workspace holds: how many people and ties each\n"
        "export brought, how often and when it was imported, and which files were read last time.\n"
        "\n"
        "  --workspace FILE         the workspace\n"
        "  --format table|csv|json  output format (default: table)\n";

static const char forget_usage[] =
        "usage: warmpath forget --workspace FILE --member NAME [--format table|csv|json]\n"
        "\n"
        "Deletes everything the member's exports contributed: their ties and evidence, their work\n"
        "history, the import log entries, and the people nobody else's export mentions. The file\n"
        "is then vacuumed, so none of it remains on disk. Other members' evidence is untouched.\n"
        "\n"
        "  --workspace FILE         the workspace\n"
        "  --member NAME            the member to forget (as `warmpath members` lists them)\n"
        "  --format table|csv|json  output format (default: table)\n";

/* ISO 8601 UTC time of Unix seconds t, or "" for 0 (buf: 32 bytes). */
static const char *iso_time(int64_t t, char *buf)
{
	time_t tt = (time_t)t;
	struct tm tm;
	buf[0] = '\0';
	if (t != 0 && gmtime_r(&tt, &tm) != NULL)
		strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

int cmd_members(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_WORKSPACE_OPTIONS, {NULL, 0, NULL, 0}};
	static const cli_column cols[] = {{"name", false, 0},         {"people", true, 0},
	                                  {"ties", true, 0},          {"imports", true, 0},
	                                  {"first_import", false, 0}, {"last_import", false, 0},
	                                  {"url", false, 60},         {"files", false, 60}};
	const char *ws_path = NULL;
	cli_output out = CLI_TABLE;
	char err[WP_ERR_LEN] = "", first[32], last[32];
	wp_workspace *ws = NULL;
	wp_members m = {0};
	cli_table t;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(members_usage, stdout);
			return CLI_OK;
		default:
			rc = cli_workspace_option("members", opt, optarg, &ws_path, &out);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("members", "unknown option") : rc;
		}
	}
	if (optind != argc)
		return cli_usage_error("members", "unexpected argument '%s'", argv[optind]);
	rc = cli_workspace_open("members", ws_path, false, &ws);
	if (rc != CLI_OK)
		return rc;
	wp_status st = wp_workspace_members(ws, &m, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	cli_table_init(&t, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < m.count; i++) {
		const wp_member_info *mi = &m.items[i];
		cli_table_add(&t, mi->name);
		cli_table_addf(&t, "%llu", (unsigned long long)mi->people);
		cli_table_addf(&t, "%llu", (unsigned long long)mi->ties);
		cli_table_addf(&t, "%u", mi->imports);
		if (out == CLI_TABLE) {
			cli_table_add(&t, cli_date(mi->first_import, first));
			cli_table_add(&t, cli_date(mi->last_import, last));
		} else {
			cli_table_add(&t, iso_time(mi->first_import, first));
			cli_table_add(&t, iso_time(mi->last_import, last));
		}
		cli_table_add(&t, mi->url);
		cli_table_add(&t, mi->files);
	}
	rc = cli_table_print(&t, out, stdout);
	cli_table_free(&t);
done:
	wp_members_free(&m);
	wp_workspace_close(ws);
	return rc;
}

int cmd_forget(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_WORKSPACE_OPTIONS,
	                                         {"member", required_argument, NULL, 'm'},
	                                         {NULL, 0, NULL, 0}};
	const char *ws_path = NULL, *member = NULL;
	cli_output out = CLI_TABLE;
	char err[WP_ERR_LEN] = "";
	wp_workspace *ws = NULL;
	wp_import_summary s = {0};
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			member = optarg;
			break;
		case 'h':
			fputs(forget_usage, stdout);
			return CLI_OK;
		default:
			rc = cli_workspace_option("forget", opt, optarg, &ws_path, &out);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("forget", "unknown option") : rc;
		}
	}
	if (member == NULL || member[0] == '\0')
		return cli_usage_error("forget", "--member NAME is required");
	if (optind != argc)
		return cli_usage_error("forget", "unexpected argument '%s'", argv[optind]);
	rc = cli_workspace_open("forget", ws_path, false, &ws);
	if (rc != CLI_OK)
		return rc;
	wp_status st = wp_workspace_forget(ws, member, &s, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	if (out == CLI_JSON) {
		json_t *o = json_pack("{s:s, s:I, s:I}", "member", member, "people_removed",
		                      (json_int_t)s.people_removed, "ties_removed",
		                      (json_int_t)s.ties_removed);
		if (o == NULL || json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
			fprintf(stderr, "warmpath: cannot build the JSON output\n");
			rc = CLI_INTERNAL;
		} else {
			putchar('\n');
		}
		json_decref(o);
	} else if (out == CLI_CSV) {
		printf("member,people_removed,ties_removed\n");
		cli_csv_field(stdout, member);
		printf(",%llu,%llu\n", (unsigned long long)s.people_removed,
		       (unsigned long long)s.ties_removed);
	} else {
		printf("forgot %s: %llu people and %llu ties removed; the workspace was vacuumed\n",
		       member, (unsigned long long)s.people_removed,
		       (unsigned long long)s.ties_removed);
	}
done:
	wp_workspace_close(ws);
	return rc;
}
