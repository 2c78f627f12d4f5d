/* session.h - what the workspace commands share: opening --workspace, the clock, dates, people.
 *
 * Every workspace command takes `--workspace FILE`; import creates the file, the others require
 * it. The environment variable WARMPATH_NOW (YYYY-MM-DD or Unix seconds) fixes the clock that
 * warmth and import dates use, for reproducible runs and tests. Errors are printed here, as one
 * line on stderr, and come back as the command's exit status.
 */
#ifndef WP_CLI_SESSION_H
#define WP_CLI_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/cli.h"
#include "engine/workspace.h"

/* Opens the workspace at path (creating it when create is true) into *ws and applies
 * WARMPATH_NOW. Returns CLI_OK, or prints the reason and returns the exit status: CLI_USAGE if
 * path is NULL ("--workspace FILE is required") or WARMPATH_NOW is malformed, CLI_BAD_INPUT for
 * a missing or foreign file. On failure *ws is NULL. */
int cli_workspace_open(const char *cmd, const char *path, bool create, wp_workspace **ws);

/* Handles --workspace ('w') and --format ('f', table, csv or json) for command cmd: returns
 * CLI_OK when it took the option, CLI_USAGE (after printing why) for a bad format, and -1 when
 * opt is neither. */
int cli_workspace_option(const char *cmd, int opt, const char *arg, const char **ws_path,
                         cli_output *out);

/* "YYYY-MM-DD" of Unix seconds t (UTC) into buf (16 bytes), or "" for 0. Returns buf. */
const char *cli_date(int64_t t, char *buf);

/* The --workspace, --format and --help options every workspace command accepts, for
 * getopt_long: values 'w', 'f' and 'h'. */
#define CLI_WORKSPACE_OPTIONS                                                                  \
	{"workspace", required_argument, NULL, 'w'}, {"format", required_argument, NULL, 'f'}, \
	{                                                                                      \
		"help", no_argument, NULL, 'h'                                                 \
	}

#endif
