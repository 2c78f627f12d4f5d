/* table.h - rows of text printed as an aligned table, CSV or JSON: the list commands' output.
 *
 * A command adds rows of cells (strings; numbers formatted by the caller) and prints them once
 * in the format the user asked for. The table format aligns columns by display width (UTF-8
 * aware through utf8proc: "Zoë" takes three columns, CJK characters two) and cuts cells wider
 * than the column's limit with an ellipsis; CSV quotes where RFC 4180 needs it and always has a
 * header; JSON is an array of objects keyed by the column names, with the columns marked numeric
 * written as numbers (an empty numeric cell is null).
 */
#ifndef WP_CLI_TABLE_H
#define WP_CLI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"

#define CLI_TABLE_MAX_COLS 16

typedef struct cli_column {
	const char *name; /* header in table and CSV, key in JSON */
	bool numeric;     /* right-aligned in tables, a number in JSON */
	int max_width;    /* cells wider than this are cut in tables (0 = 40) */
} cli_column;

typedef struct cli_table {
	cli_column cols[CLI_TABLE_MAX_COLS];
	size_t ncols;
	char **cells; /* rows * ncols strings, owned */
	size_t rows, cap;
	size_t filled; /* cells of the current row so far */
	bool oom;      /* an allocation failed: printing reports it */
} cli_table;

/* Starts an empty table with ncols (<= CLI_TABLE_MAX_COLS) columns; cols is copied. */
void cli_table_init(cli_table *t, const cli_column *cols, size_t ncols);

/* Appends a cell to the current row (a new row starts after ncols cells). s NULL is "". */
void cli_table_add(cli_table *t, const char *s);

/* Appends a printf-formatted cell. */
void cli_table_addf(cli_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints the table to f in format out (table, csv or json). Returns CLI_OK, or CLI_INTERNAL
 * with a message on stderr if memory ran out while it was filled or printed. */
int cli_table_print(const cli_table *t, cli_output out, FILE *f);

/* Releases the cells; accepts a zeroed or freed table. */
void cli_table_free(cli_table *t);

/* Display width of the UTF-8 string s in terminal columns. */
int cli_display_width(const char *s);

/* Prints s to f, then spaces up to `width` display columns (nothing if s is wider). */
void cli_print_padded(FILE *f, const char *s, int width);

#endif
