/* edgelist.c - the SNAP-style edge-list reader.
 *
 * One edge per line: two vertex labels and an optional weight, separated by spaces, tabs or a
 * comma; `#` and `%` start comment lines; blank lines are skipped; CRLF is accepted. Columns after
 * the weight (KONECT's timestamps) are ignored. Labels are kept as text (numeric ids are labels
 * too) and may be double-quoted, with "" for a quote, as spreadsheet CSV writes them. A first line
 * that reads `source,target[,weight]` or `from,to[,weight]` (any case) is taken as a header.
 *
 * The input is read in 1 MiB blocks and parsed in place (no per-line allocation); a line may be
 * at most WP_EDGELIST_MAX_LINE bytes. The cost per edge is the parse plus two label lookups,
 * which for canonical decimal ids is a direct array access (see labels.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importers/import.h"

#define BLOCK (1u << 20)
#define WP_EDGELIST_MAX_LINE (16u << 20)
#define MAX_FIELDS 3

typedef struct field {
	char *s;
	size_t len;
} field;

typedef struct reader {
	wp_source *src;
	wp_edgebuf *eb;
	uint64_t line;
	bool saw_data; /* a non-comment line was seen (so a header is no longer possible) */
} reader;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Reads one double-quoted field starting at *p (on the quote), unescaping "" in place. */
static wp_status quoted_field(reader *r, char **p, char *end, field *f, char *err)
{
	wp_status st = WP_OK;
	char *in = *p + 1, *out = *p + 1;
	f->s = out;
	for (;;) {
		if (in >= end)
			WP_FAIL(WP_EINPUT, "%s:%llu: unterminated quoted label", r->src->name,
			        (unsigned long long)r->line);
		if (*in == '"') {
			if (in + 1 < end && in[1] == '"') {
				*out++ = '"';
				in += 2;
				continue;
			}
			in++;
			break;
		}
		*out++ = *in++;
	}
	f->len = (size_t)(out - f->s);
	*p = in;
	return WP_OK;
fail:
	return st;
}

/* Splits [s, end) into fields; returns their count (at most MAX_FIELDS kept) in *count. */
static wp_status split(reader *r, char *s, char *end, field *fields, int *count, char *err)
{
	wp_status st = WP_OK;
	int k = 0;
	char *p = s;
	for (;;) {
		while (p < end && is_space(*p))
			p++;
		if (p >= end)
			break;
		field f;
		if (*p == '"') {
			WP_TRY(quoted_field(r, &p, end, &f, err));
		} else {
			f.s = p;
			while (p < end && !is_space(*p) && *p != ',')
				p++;
			f.len = (size_t)(p - f.s);
		}
		while (p < end && is_space(*p))
			p++;
		if (p < end && *p == ',') {
			p++;
			/* "a,,b" or a trailing comma leaves an empty field: a label is missing. */
			char *q = p;
			while (q < end && is_space(*q))
				q++;
			if (q >= end || *q == ',')
				WP_FAIL(WP_EINPUT, "%s:%llu: empty field after a comma",
				        r->src->name, (unsigned long long)r->line);
		}
		if (k < MAX_FIELDS)
			fields[k] = f;
		k++;
	}
	*count = k;
	return WP_OK;
fail:
	return st;
}

static bool field_is(const field *f, const char *word)
{
	return f->len == strlen(word) && strncasecmp(f->s, word, f->len) == 0;
}

static bool is_header(const field *f, int count)
{
	if (count < 2 || count > 3)
		return false;
	bool names = (field_is(&f[0], "source") && field_is(&f[1], "target")) ||
	             (field_is(&f[0], "from") && field_is(&f[1], "to"));
	return names && (count == 2 || field_is(&f[2], "weight"));
}

static wp_status parse_weight(reader *r, field *f, float *w, char *err)
{
	wp_status st = WP_OK;
	char buf[64], *endp = NULL;
	if (f->len == 0 || f->len >= sizeof(buf))
		WP_FAIL(WP_EINPUT, "%s:%llu: bad weight '%.*s': expected a number", r->src->name,
		        (unsigned long long)r->line, (int)(f->len > 40 ? 40 : f->len), f->s);
	memcpy(buf, f->s, f->len);
	buf[f->len] = '\0';
	errno = 0;
	double d = strtod(buf, &endp);
	if (*endp != '\0' || endp == buf)
		WP_FAIL(WP_EINPUT, "%s:%llu: bad weight '%s': expected a number", r->src->name,
		        (unsigned long long)r->line, buf);
	if (!isfinite(d) || fabs(d) > 3.4e38)
		WP_FAIL(WP_EINPUT, "%s:%llu: weight '%s' is not a finite single-precision number",
		        r->src->name, (unsigned long long)r->line, buf);
	*w = (float)d;
	return WP_OK;
fail:
	return st;
}

/* Whether s[0..len) is valid UTF-8 (RFC 3629: no overlong forms, surrogates or code points
 * over U+10FFFF). ASCII, the usual case, costs one pass over the bytes. */
static bool utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char b = s[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		size_t n = b >= 0xC2 && b <= 0xDF   ? 2
		           : b >= 0xE0 && b <= 0xEF ? 3
		           : b >= 0xF0 && b <= 0xF4 ? 4
		                                    : 0;
		if (n == 0 || len - i < n)
			return false;
		unsigned char lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
		unsigned char hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (size_t k = 2; k < n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return false;
		i += n;
	}
	return true;
}

static wp_status vertex(reader *r, const field *f, wp_vertex *id, char *err)
{
	wp_status st = WP_OK;
	if (f->len == 0)
		WP_FAIL(WP_EINPUT, "%s:%llu: empty vertex label", r->src->name,
		        (unsigned long long)r->line);
	if (memchr(f->s, '\0', f->len) != NULL)
		WP_FAIL(WP_EINPUT, "%s:%llu: NUL byte in a vertex label (is this a binary file?)",
		        r->src->name, (unsigned long long)r->line);
	/* Labels are refused, not repaired, when they are not UTF-8: replacing bytes could make
	 * two different labels one vertex (docs/limits.md). */
	if (!utf8_valid((const unsigned char *)f->s, f->len))
		WP_FAIL(WP_EINPUT,
		        "%s:%llu: a vertex label is not valid UTF-8; convert the file to UTF-8",
		        r->src->name, (unsigned long long)r->line);
	st = wp_labels_intern(&r->eb->labels, f->s, f->len, id, NULL, err);
	if (st == WP_ELIMIT)
		WP_FAIL(st, "%s:%llu: too many vertices", r->src->name,
		        (unsigned long long)r->line);
	if (st != WP_OK)
		goto fail;
	return WP_OK;
fail:
	return st;
}

/* Parses one line [s, end) (end excluded, no newline inside). */
static wp_status parse_line(reader *r, char *s, char *end, char *err)
{
	wp_status st = WP_OK;
	field f[MAX_FIELDS] = {{NULL, 0}};
	int count = 0;
	char *p = s;
	/* The read buffer grows by doubling, so it alone would let lines up to twice the limit
	 * through: the line's own length is what is checked. */
	if ((size_t)(end - s) > WP_EDGELIST_MAX_LINE)
		WP_FAIL(WP_ELIMIT, "%s:%llu: line longer than %u bytes", r->src->name,
		        (unsigned long long)r->line, WP_EDGELIST_MAX_LINE);
	while (p < end && is_space(*p))
		p++;
	if (p == end || *p == '#' || *p == '%')
		return WP_OK;
	WP_TRY(split(r, p, end, f, &count, err));
	if (!r->saw_data) {
		r->saw_data = true;
		if (is_header(f, count))
			return WP_OK;
	}
	if (count < 2)
		WP_FAIL(WP_EINPUT, "%s:%llu: expected two vertex labels, got %d", r->src->name,
		        (unsigned long long)r->line, count);
	wp_vertex u = 0, v = 0;
	WP_TRY(vertex(r, &f[0], &u, err));
	WP_TRY(vertex(r, &f[1], &v, err));
	if (count >= 3) {
		float w = 1.0f;
		WP_TRY(parse_weight(r, &f[2], &w, err));
		WP_TRY(wp_edgebuf_push_weighted(r->eb, u, v, w, err));
	} else {
		WP_TRY(wp_edgebuf_push(r->eb, u, v, err));
	}
	return WP_OK;
fail:
	return st;
}

wp_status wp_import_edgelist(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb, char *err)
{
	wp_status st = WP_OK;
	reader r = {.src = src, .eb = eb, .line = 1};
	size_t cap = (size_t)2 * BLOCK, have = 0;
	char *buf = malloc(cap);
	(void)opts;
	if (buf == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a read buffer");
	for (;;) {
		if (cap - have < BLOCK) {
			if (cap >= WP_EDGELIST_MAX_LINE + BLOCK)
				WP_FAIL(WP_ELIMIT, "%s:%llu: line longer than %u bytes", src->name,
				        (unsigned long long)r.line, WP_EDGELIST_MAX_LINE);
			char *bigger = realloc(buf, cap * 2);
			if (bigger == NULL)
				WP_FAIL(WP_ENOMEM, "cannot grow the read buffer");
			buf = bigger;
			cap *= 2;
		}
		size_t got = 0;
		WP_TRY(wp_source_read(src, buf + have, cap - have, &got, err));
		have += got;
		char *p = buf, *end = buf + have;
		char *nl;
		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			WP_TRY(parse_line(&r, p, nl, err));
			r.line++;
			p = nl + 1;
		}
		if (got == 0) {
			/* End of input: the last line may lack its newline. */
			if (p < end)
				WP_TRY(parse_line(&r, p, end, err));
			break;
		}
		have = (size_t)(end - p);
		memmove(buf, p, have);
	}
	if (eb->count == 0)
		WP_FAIL(WP_EINPUT, "%s:1: no edges: the file is empty or holds only comments",
		        src->name);
	free(buf);
	return WP_OK;
fail:
	free(buf);
	return st;
}
