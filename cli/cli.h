/* cli.h - what the command-line front end's commands share: exit codes, error printing, output
 * formats, loading a graph with progress, and writing an output file atomically. */
#ifndef WP_CLI_H
#define WP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "engine/graph.h"

/* Exit statuses, as DESIGN.md fixes them. */
enum { CLI_OK = 0, CLI_USAGE = 1, CLI_BAD_INPUT = 2, CLI_INTERNAL = 3 };

/* Output formats, as bits so a command can say which it allows. SVG and DOT are pictures: the
 * commands that draw (intro, reach, recruit, separation) accept them. */
typedef enum cli_output {
	CLI_TABLE = 1,
	CLI_JSON = 2,
	CLI_CSV = 4,
	CLI_SVG = 8,
	CLI_DOT = 16
} cli_output;

/* Options every graph-reading command accepts. */
typedef struct cli_graph_opts {
	const char *input_format; /* --input-format, or NULL for the file's extension */
	bool directed;            /* --directed (edge lists) */
	int threads;              /* --threads, 0 = all cores */
} cli_graph_opts;

/* getopt_long codes of the options every graph-reading command shares; list CLI_GRAPH_LONGOPTS in
 * a command's option table and pass unknown codes to cli_graph_option(). */
enum { CLI_OPT_INPUT_FORMAT = 1000, CLI_OPT_DIRECTED, CLI_OPT_THREADS };
#define CLI_GRAPH_LONGOPTS                                               \
	{"input-format", required_argument, NULL, CLI_OPT_INPUT_FORMAT}, \
	        {"directed", no_argument, NULL, CLI_OPT_DIRECTED},       \
	{                                                                \
		"threads", required_argument, NULL, CLI_OPT_THREADS      \
	}

/* Handles one of the shared graph options for command cmd: returns CLI_OK when it took the
 * option, CLI_USAGE (after printing why) for a bad value, and -1 when opt is not one of them. */
int cli_graph_option(const char *cmd, int opt, const char *arg, cli_graph_opts *o);

/* The exit status for a library status: bad input 2, internal errors 3. */
int cli_exit_code(wp_status st);

/* Prints err (one line) to stderr and returns the exit status for st. */
int cli_fail(wp_status st, const char *err);

/* Prints "warmpath CMD: message" and a hint to stderr; returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses --format's argument among the formats in `allowed` (a mask of cli_output). */
bool cli_parse_output(const char *s, unsigned allowed, cli_output *out);

/* Parses --threads' argument (1..1024); applies it to OpenMP. */
bool cli_parse_threads(const char *s, int *threads);

/* Loads the graph file at path, showing progress on a terminal for loads over a second. */
wp_status cli_load_graph(const char *path, const cli_graph_opts *o, wp_graph *g, char *err);

/* Writes a file through write(f, ctx, err) into a temporary file (mode 0600) beside path, then
 * renames it over path, so a failure leaves no half-written output. */
typedef wp_status (*cli_writer)(FILE *f, const char *path, void *ctx, char *err);
wp_status cli_write_atomic(const char *path, cli_writer write, void *ctx, char *err);

/* Writes s as a JSON string or a CSV field (quoted when needed) to f. */
void cli_csv_field(FILE *f, const char *s);

#endif
