/* cli_run.h - running the built `warmpath` from a test and reading what it printed.
 *
 * The binary is $WARMPATH (the Makefile sets it to the configuration's build), else
 * build/warmpath. WARMPATH_NOW is fixed to CLI_RUN_NOW so that warmth does not drift with the
 * calendar. Every helper asserts (through Criterion) instead of returning errors.
 */
#ifndef WP_TEST_CLI_RUN_H
#define WP_TEST_CLI_RUN_H

#include <jansson.h>

#define CLI_RUN_NOW "2026-11-24"

typedef struct cli_run_result {
	int status; /* the exit status, or -1 if the process did not exit normally */
	char out[4 << 20];
	char err[16384];
} cli_run_result;

/* Runs `warmpath ARGS` (ARGS a shell command line) with stdout and stderr captured into r, and
 * fails the test if a sanitizer reported anything. r is large: allocate it, or make it static. */
void cli_run(cli_run_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The JSON document in text (fails the test if it does not parse); json_decref it. */
json_t *cli_run_json(const char *text);

/* The string or integer member key of object o (fails the test if missing or of another type). */
const char *cli_run_jstr(json_t *o, const char *key);
json_int_t cli_run_jint(json_t *o, const char *key);

/* The number of lines (newline characters) in s. */
int cli_run_lines(const char *s);

/* Makes a fresh directory /tmp/wp_PREFIX_XXXXXX into dir (64 bytes). */
void cli_run_tmpdir(char *dir, const char *prefix);

/* Removes a directory made by cli_run_tmpdir, with everything in it. */
void cli_run_rmdir(const char *dir);

#endif
