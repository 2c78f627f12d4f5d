/* csvfile.h - reading CSV files row by row, with line numbers, through libcsv.
 *
 * Handles what real exports contain: a UTF-8 byte-order mark, CRLF or LF, quoted fields with
 * commas, doubled quotes and real line breaks, a missing newline after the last row, and `;`
 * as the separator (Excel in some locales): the separator is decided on the first line that has
 * a `,` or `;` outside quotes (a preamble line without either parses the same way whichever it
 * is). Each row reports the line it started on, so errors can say `file:line`. Bytes that are
 * not valid UTF-8 are replaced by U+FFFD, one per byte (docs/limits.md says why).
 */
#ifndef WP_CSVFILE_H
#define WP_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/status.h"
#include "importers/source.h"

#define WP_CSV_MAX_LINE (16u << 20) /* longest physical line accepted */
#define WP_CSV_MAX_FIELDS 4096      /* most fields in one row */
#define WP_CSV_MAX_ROW (16u << 20)  /* largest row, line breaks inside quotes included */

typedef struct wp_csvfile {
	wp_source *src; /* borrowed */
	void *parser;   /* struct csv_parser * (libcsv) */
	char delim;     /* ',' or ';' once decided; ',' before */
	bool delim_decided;
	bool in_quotes; /* quote state at the end of the last line fed */
	bool bom_checked;
	bool eof;
	bool row_ready;
	/* the current row */
	char **fields; /* count NUL-terminated fields, valid until the next call */
	size_t *lens;
	uint32_t count;
	uint32_t cap;
	size_t *offs;    /* where each field starts in row_bytes */
	char *row_bytes; /* the fields' bytes, packed */
	size_t row_used, row_cap;
	uint64_t row_line; /* line on which the current row started */
	bool row_started;
	uint64_t line; /* physical lines fed so far */
	uint64_t rows; /* rows returned so far */
	/* input buffer */
	char *buf;
	size_t buf_len, buf_pos, buf_cap;
	wp_status deferred; /* an error found inside a libcsv callback */
	char deferred_err[WP_ERR_LEN];
} wp_csvfile;

/* Prepares to read src (which must stay open). */
wp_status wp_csvfile_open(wp_csvfile *c, wp_source *src, char *err);

/* Reads the next row into c->fields / c->lens / c->count and sets *got; *got is false at the
 * end of the input. Blank lines are skipped. Errors: an unterminated quoted field at the end of
 * the input, a line over WP_CSV_MAX_LINE, a row over WP_CSV_MAX_ROW, too many fields, a bare
 * carriage return inside a line (old Mac line ends), read errors. */
wp_status wp_csvfile_next(wp_csvfile *c, bool *got, char *err);

/* Releases the parser and buffers; the source stays open. Accepts a zeroed or closed reader. */
void wp_csvfile_close(wp_csvfile *c);

/* Whether the current row holds only empty fields (",,,"). */
bool wp_csvfile_blank(const wp_csvfile *c);

/* Compares a header cell with a column name case-insensitively, ignoring spaces, underscores and
 * surrounding quotes ("Connected On" == "connected_on" == "CONNECTED ON"). */
bool wp_csv_name_eq(const char *cell, const char *name);

#endif
