/* import_list.h - `warmpath import --members FILE`: many members' exports in one run
 * (cli/import_list.c says what FILE holds). */
#ifndef WP_CLI_IMPORT_LIST_H
#define WP_CLI_IMPORT_LIST_H

#include "cli/cli.h"
#include "importers/import_members.h"

/* Imports every member listed in list_path into the workspace at ws_path (created if needed)
 * with the map and strictness of opts, prints one row per member in format fmt, and returns the
 * exit status: 0 when all were imported, 2 when the list is malformed (nothing imported) or some
 * member's files were unreadable (the others imported), 3 on an internal error. */
int cli_import_list(const char *ws_path, const char *list_path, const wp_import_members_opts *opts,
                    cli_output fmt);

#endif
