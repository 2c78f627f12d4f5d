/* session.c - opening the workspace a command works on (see session.h). */
#include "cli/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "importers/dates.h"

/* WARMPATH_NOW as Unix seconds: 0 when unset, -1 when malformed. */
static int64_t clock_from_env(void)
{
	const char *s = getenv("WARMPATH_NOW");
	int64_t t = 0;
	char *end = NULL;
	if (s == NULL || *s == '\0')
		return 0;
	long long v = strtoll(s, &end, 10);
	if (end != s && *end == '\0' && v > 0)
		return (int64_t)v;
	if (wp_date_parse(s, &t) && t > 0)
		return t;
	return -1;
}

int cli_workspace_open(const char *cmd, const char *path, bool create, wp_workspace **ws)
{
	char err[WP_ERR_LEN] = "";
	*ws = NULL;
	if (path == NULL)
		return cli_usage_error(cmd, "--workspace FILE is required");
	int64_t now = clock_from_env();
	if (now < 0)
		return cli_usage_error(cmd,
		                       "WARMPATH_NOW must be a date (YYYY-MM-DD) or Unix seconds");
	wp_status st = wp_workspace_open(ws, path, create, err);
	if (st != WP_OK)
		return cli_fail(st, err);
	if (now > 0)
		wp_workspace_set_clock(*ws, now);
	return CLI_OK;
}

int cli_workspace_option(const char *cmd, int opt, const char *arg, const char **ws_path,
                         cli_output *out)
{
	switch (opt) {
	case 'w':
		*ws_path = arg;
		return CLI_OK;
	case 'f':
		if (!cli_parse_output(arg, CLI_TABLE | CLI_CSV | CLI_JSON, out))
			return cli_usage_error(cmd, "--format must be table, csv or json");
		return CLI_OK;
	default:
		return -1;
	}
}

const char *cli_date(int64_t t, char *buf)
{
	time_t tt = (time_t)t;
	struct tm tm;
	buf[0] = '\0';
	if (t != 0 && gmtime_r(&tt, &tm) != NULL)
		strftime(buf, 16, "%Y-%m-%d", &tm);
	return buf;
}
