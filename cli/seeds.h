/* seeds.h - what `reach` and `recruit` share: the graph they run on (a GRAPH file or a
 * workspace's people graph), and sets of people read from a file or taken from the members.
 *
 * A seeds (or candidates) file names one person per line: a vertex label of a graph file, or on a
 * workspace any person reference (a name, #ID, LinkedIn URL or e-mail; see workspace.h). A CSV
 * file's first column is used and its other columns ignored; lines whose first field starts with
 * `#` and blank lines are skipped; a first row that names nobody and reads `label`, `name`,
 * `seed`, `person`, `vertex` or `candidate` is a header. A reference that names nobody is an
 * error `FILE:LINE: ...` naming it. A person named twice counts once (duplicates are counted).
 */
#ifndef WP_CLI_SEEDS_H
#define WP_CLI_SEEDS_H

#include <stdint.h>

#include "cli/cli.h"
#include "engine/workspace.h"

/* The graph a command runs on. */
typedef struct cli_source {
	wp_graph g;
	wp_workspace *ws; /* NULL for a GRAPH file */
} cli_source;

/* Loads GRAPH (graph_path) or the workspace's graph (ws_path; exactly one is non-NULL). Prints
 * the reason and returns the exit status on failure; on success returns CLI_OK. */
int cli_source_open(const char *cmd, const char *graph_path, const char *ws_path,
                    const cli_graph_opts *go, cli_source *s);

void cli_source_close(cli_source *s);

/* A set of distinct vertices, in the order first named. */
typedef struct cli_seeds {
	wp_vertex *ids;
	uint32_t count;
	uint32_t duplicates; /* names that repeated an earlier one */
} cli_seeds;

/* Reads path as described above into out (cleared on entry). Errors: WP_EIO for an unreadable
 * file, WP_EINPUT "path:line: ..." for a name that fits nobody (or several people), WP_EINPUT
 * "path: names nobody" for a file without any name. */
wp_status cli_seeds_read(cli_source *s, const char *path, cli_seeds *out, char *err);

/* The workspace's members as vertices, by member name. WP_EINPUT if the workspace has none. */
wp_status cli_seeds_members(cli_source *s, cli_seeds *out, char *err);

void cli_seeds_free(cli_seeds *seeds);

/* The name to print for vertex v: its label (a person's display name on a workspace). */
static inline const char *cli_source_name(const cli_source *s, wp_vertex v)
{
	return wp_labels_name(&s->g.labels, v);
}

#endif
