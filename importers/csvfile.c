/* csvfile.c - row-at-a-time CSV reading over libcsv, with line numbers (see csvfile.h).
 *
 * The input is fed to libcsv one physical line at a time, so the line a row starts on is known
 * exactly (libcsv itself keeps no positions) and a quoted field may span any number of lines.
 * libcsv hands each field to a callback whose pointer is valid only during the call, so fields
 * are copied into one growing row buffer.
 */
#include "importers/csvfile.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define READ_BLOCK (1u << 20)

static void defer(wp_csvfile *c, wp_status st, const char *what)
{
	if (c->deferred != WP_OK)
		return;
	c->deferred = st;
	snprintf(c->deferred_err, sizeof(c->deferred_err), "%s:%llu: %s", c->src->name,
	         (unsigned long long)c->line, what);
}

static void on_field(void *data, size_t len, void *ctx)
{
	wp_csvfile *c = ctx;
	if (c->deferred != WP_OK)
		return;
	if (c->count == WP_CSV_MAX_FIELDS) {
		defer(c, WP_ELIMIT, "more than 4096 fields in one row");
		return;
	}
	if (c->count == c->cap) {
		uint32_t cap = c->cap ? c->cap * 2 : 32;
		size_t *offs = realloc(c->offs, cap * sizeof(*offs));
		if (offs)
			c->offs = offs;
		size_t *lens = realloc(c->lens, cap * sizeof(*lens));
		if (lens)
			c->lens = lens;
		char **fields = realloc(c->fields, cap * sizeof(*fields));
		if (fields)
			c->fields = fields;
		if (!offs || !lens || !fields) {
			defer(c, WP_ENOMEM, "out of memory for a row's fields");
			return;
		}
		c->cap = cap;
	}
	if (c->row_used + len + 1 > c->row_cap) {
		size_t cap = c->row_cap ? c->row_cap : 4096;
		while (cap < c->row_used + len + 1)
			cap *= 2;
		char *b = realloc(c->row_bytes, cap);
		if (b == NULL) {
			defer(c, WP_ENOMEM, "out of memory for a row");
			return;
		}
		c->row_bytes = b;
		c->row_cap = cap;
	}
	if (len > 0)
		memcpy(c->row_bytes + c->row_used, data, len);
	c->row_bytes[c->row_used + len] = '\0';
	c->offs[c->count] = c->row_used;
	c->lens[c->count] = len;
	c->row_used += len + 1;
	c->count++;
}

static void on_row(int term, void *ctx)
{
	wp_csvfile *c = ctx;
	(void)term;
	if (c->row_ready)
		defer(c, WP_EINPUT,
		      "a bare carriage return inside a line (old Mac line ends?); "
		      "convert the file to LF or CRLF line ends");
	c->row_ready = true;
}

wp_status wp_csvfile_open(wp_csvfile *c, wp_source *src, char *err)
{
	wp_status st = WP_OK;
	memset(c, 0, sizeof(*c));
	c->src = src;
	c->delim = ',';
	c->parser = malloc(sizeof(struct csv_parser));
	c->buf_cap = (size_t)2 * READ_BLOCK;
	c->buf = malloc(c->buf_cap);
	if (c->parser == NULL || c->buf == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a CSV reader");
	if (csv_init(c->parser, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		WP_FAIL(WP_ENOMEM, "cannot initialise the CSV parser");
	return WP_OK;
fail:
	free(c->parser);
	free(c->buf);
	memset(c, 0, sizeof(*c));
	return st;
}

/* Decides the separator from the first line with a ',' or ';' outside quotes, and tracks the
 * quote state across lines. */
static void scan_line(wp_csvfile *c, const char *s, size_t len)
{
	size_t commas = 0, semis = 0;
	bool q = c->in_quotes;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q && s[i] == ',')
			commas++;
		else if (!q && s[i] == ';')
			semis++;
	}
	c->in_quotes = q;
	if (!c->delim_decided && (commas || semis)) {
		c->delim = semis > commas ? ';' : ',';
		csv_set_delim(c->parser, (unsigned char)c->delim);
		c->delim_decided = true;
	}
}

/* Ensures buf holds a whole line (or the rest of the input) from buf_pos; sets *line_len. */
static wp_status fill_line(wp_csvfile *c, size_t *line_len, char *err)
{
	wp_status st = WP_OK;
	for (;;) {
		char *start = c->buf + c->buf_pos;
		size_t avail = c->buf_len - c->buf_pos;
		char *nl = memchr(start, '\n', avail);
		if (nl != NULL) {
			*line_len = (size_t)(nl - start) + 1;
			return WP_OK;
		}
		if (c->eof) {
			*line_len = avail;
			return WP_OK;
		}
		if (avail > WP_CSV_MAX_LINE)
			WP_FAIL(WP_ELIMIT, "%s:%llu: line longer than %u bytes", c->src->name,
			        (unsigned long long)c->line + 1, WP_CSV_MAX_LINE);
		/* Move the partial line to the front and read more behind it. */
		memmove(c->buf, start, avail);
		c->buf_len = avail;
		c->buf_pos = 0;
		if (c->buf_cap - c->buf_len < READ_BLOCK) {
			char *b = realloc(c->buf, c->buf_cap * 2);
			if (b == NULL)
				WP_FAIL(WP_ENOMEM, "cannot grow the CSV read buffer");
			c->buf = b;
			c->buf_cap *= 2;
		}
		size_t got = 0;
		WP_TRY(wp_source_read(c->src, c->buf + c->buf_len, c->buf_cap - c->buf_len, &got,
		                      err));
		if (!c->bom_checked) {
			c->bom_checked = true;
			if (c->buf_len == 0 && got >= 3 && memcmp(c->buf, "\xEF\xBB\xBF", 3) == 0) {
				memmove(c->buf, c->buf + 3, got - 3);
				got -= 3;
			}
		}
		c->buf_len += got;
		if (got == 0)
			c->eof = true;
	}
fail:
	return st;
}

static void finish_row(wp_csvfile *c)
{
	for (uint32_t i = 0; i < c->count; i++)
		c->fields[i] = c->row_bytes + c->offs[i];
	c->rows++;
}

wp_status wp_csvfile_next(wp_csvfile *c, bool *got, char *err)
{
	wp_status st = WP_OK;
	struct csv_parser *p = c->parser;
	*got = false;
	c->count = 0;
	c->row_used = 0;
	c->row_ready = false;
	for (;;) {
		size_t len = 0;
		WP_TRY(fill_line(c, &len, err));
		if (len == 0) {
			/* End of input: a row still open is completed, unless a quoted field is
			 * still open (libcsv's states: 2 = inside a field; `quoted` = it began with
			 * a quote). */
			if ((p->pstate == 2 && p->quoted) || csv_fini(p, on_field, on_row, c) != 0)
				WP_FAIL(WP_EINPUT,
				        "%s:%llu: unterminated quoted field (it starts on "
				        "this line)",
				        c->src->name, (unsigned long long)c->row_line);
			if (c->deferred != WP_OK)
				WP_FAIL(c->deferred, "%s", c->deferred_err);
			if (c->row_ready) {
				finish_row(c);
				*got = true;
			}
			return WP_OK;
		}
		const char *line = c->buf + c->buf_pos;
		c->line++;
		if (p->pstate == 0 /* ROW_NOT_BEGUN */)
			c->row_line = c->line;
		scan_line(c, line, len);
		if (csv_parse(p, line, len, on_field, on_row, c) != len)
			WP_FAIL(WP_EINPUT, "%s:%llu: %s", c->src->name, (unsigned long long)c->line,
			        csv_strerror(csv_error(p)));
		c->buf_pos += len;
		if (c->deferred != WP_OK)
			WP_FAIL(c->deferred, "%s", c->deferred_err);
		if (c->row_ready) {
			finish_row(c);
			*got = true;
			return WP_OK;
		}
	}
fail:
	return st;
}

void wp_csvfile_close(wp_csvfile *c)
{
	if (c->parser != NULL) {
		csv_free(c->parser);
		free(c->parser);
	}
	free(c->buf);
	free(c->fields);
	free(c->lens);
	free(c->offs);
	free(c->row_bytes);
	memset(c, 0, sizeof(*c));
}

bool wp_csvfile_blank(const wp_csvfile *c)
{
	for (uint32_t i = 0; i < c->count; i++)
		if (c->lens[i] != 0)
			return false;
	return true;
}

/* Next character of a column name that counts: not a space, underscore or quote. */
static const char *skip_ignored(const char *s)
{
	while (*s == ' ' || *s == '_' || *s == '"' || *s == '\t')
		s++;
	return s;
}

bool wp_csv_name_eq(const char *cell, const char *name)
{
	const char *a = skip_ignored(cell), *b = skip_ignored(name);
	while (*a && *b) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
		a = skip_ignored(a + 1);
		b = skip_ignored(b + 1);
	}
	return *a == '\0' && *b == '\0';
}
