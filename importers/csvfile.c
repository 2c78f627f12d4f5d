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

/* Length of the valid UTF-8 sequence at s[0..len), or 0 if it does not start one (overlong
 * forms, surrogates and code points over U+10FFFF are invalid, as RFC 3629 says). */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char b = s[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
	if (b < 0x80)
		return 1;
	if (b >= 0xC2 && b <= 0xDF)
		n = 2;
	else if (b >= 0xE0 && b <= 0xEF) {
		n = 3;
		lo = b == 0xE0 ? 0xA0 : 0x80;
		hi = b == 0xED ? 0x9F : 0xBF;
	} else if (b >= 0xF0 && b <= 0xF4) {
		n = 4;
		lo = b == 0xF0 ? 0x90 : 0x80;
		hi = b == 0xF4 ? 0x8F : 0xBF;
	} else
		return 0;
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

/* Bytes that data[0..len) takes once every byte outside a valid UTF-8 sequence is replaced by
 * U+FFFD (3 bytes); len itself when the text is valid, which is the common case. */
static size_t utf8_clean_len(const unsigned char *data, size_t len)
{
	size_t out = 0;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(data + i, len - i);
		out += n ? n : 3;
		i += n ? n : 1;
	}
	return out;
}

/* Copies data[0..len) to out, replacing invalid bytes as utf8_clean_len counts them. */
static void utf8_clean_copy(char *out, const unsigned char *data, size_t len)
{
	/* U+FFFD's three bytes, not a string: out is terminated by the caller. */
	static const unsigned char replacement[3] = {0xEF, 0xBF, 0xBD};
	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(data + i, len - i);
		if (n) {
			memcpy(out, data + i, n);
			out += n;
			i += n;
		} else {
			memcpy(out, replacement, sizeof(replacement));
			out += sizeof(replacement);
			i++;
		}
	}
}

static void on_field(void *data, size_t raw_len, void *ctx)
{
	wp_csvfile *c = ctx;
	if (c->deferred != WP_OK)
		return;
	/* Invalid UTF-8 is replaced, not refused (docs/limits.md): one stray byte in an export
	 * should not cost the whole file, and names must stay valid text for the identity keys. */
	size_t len = utf8_clean_len(data, raw_len);
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
	if (len == raw_len && len > 0)
		memcpy(c->row_bytes + c->row_used, data, len);
	else if (len > 0)
		utf8_clean_copy(c->row_bytes + c->row_used, data, raw_len);
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
	/* libcsv grows its field buffer by a fixed block (128 bytes by default), which makes a long
	 * field cost quadratic copying wherever realloc cannot remap (sanitizers, other libcs): a
	 * 16 MiB field took minutes under ASan. One 1 MiB block per reader keeps it linear. */
	csv_set_blk_size(c->parser, 1u << 20);
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
	uint64_t row_bytes = 0; /* of the row being read: quoted fields may span many lines */
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
		if (p->pstate == 0 /* ROW_NOT_BEGUN */) {
			c->row_line = c->line;
			row_bytes = 0;
		}
		row_bytes += len;
		if (row_bytes > WP_CSV_MAX_ROW)
			WP_FAIL(WP_ELIMIT,
			        "%s:%llu: row longer than %u bytes (a quoted field that never "
			        "ends?)",
			        c->src->name, (unsigned long long)c->row_line, WP_CSV_MAX_ROW);
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
