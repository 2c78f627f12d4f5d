/* lines.c - line reading, number parsing and mixed-direction edges for the text readers (see
 * lines_internal.h). */
#include "importers/lines_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK (1u << 20)

wp_status wpi_lines_init(wpi_lines *r, wp_source *src, char *err)
{
	wp_status st = WP_OK;
	memset(r, 0, sizeof(*r));
	r->src = src;
	r->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (r->c_locale == (locale_t)0)
		WP_FAIL(WP_ENOMEM, "cannot create the C locale");
	r->cap = 2 * (size_t)BLOCK;
	r->buf = malloc(r->cap);
	if (r->buf == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a read buffer");
	return WP_OK;
fail:
	wpi_lines_free(r);
	return st;
}

void wpi_lines_free(wpi_lines *r)
{
	free(r->buf);
	if (r->c_locale != (locale_t)0)
		freelocale(r->c_locale);
	memset(r, 0, sizeof(*r));
}

wp_status wpi_lines_next(wpi_lines *r, char **s, size_t *len, bool *got, char *err)
{
	wp_status st = WP_OK;
	*got = false;
	for (;;) {
		char *start = r->buf + r->pos;
		char *nl = memchr(start, '\n', r->have - r->pos);
		if (nl != NULL || (r->eof && r->pos < r->have)) {
			char *end = nl != NULL ? nl : r->buf + r->have;
			r->pos = nl != NULL ? (size_t)(nl - r->buf) + 1 : r->have;
			r->line++;
			if (memchr(start, '\0', (size_t)(end - start)) != NULL)
				WP_FAIL(WP_EINPUT, "%s:%llu: NUL byte (is this a binary file?)",
				        r->src->name, (unsigned long long)r->line);
			if (end > start && end[-1] == '\r')
				end--;
			*end = '\0';
			*s = start;
			*len = (size_t)(end - start);
			*got = true;
			return WP_OK;
		}
		if (r->eof)
			return WP_OK;
		/* Move the partial line to the front and read more behind it; one byte is kept
		 * free for the NUL of a last line without a newline. */
		r->have -= r->pos;
		memmove(r->buf, r->buf + r->pos, r->have);
		r->pos = 0;
		if (r->cap - r->have < BLOCK + 1) {
			if (r->have > WPI_MAX_LINE)
				WP_FAIL(WP_ELIMIT, "%s:%llu: line longer than %u bytes",
				        r->src->name, (unsigned long long)r->line + 1,
				        WPI_MAX_LINE);
			char *bigger = realloc(r->buf, r->cap * 2);
			if (bigger == NULL)
				WP_FAIL(WP_ENOMEM, "cannot grow the read buffer");
			r->buf = bigger;
			r->cap *= 2;
		}
		size_t n = 0;
		WP_TRY(wp_source_read(r->src, r->buf + r->have, r->cap - r->have - 1, &n, err));
		if (n == 0)
			r->eof = true;
		r->have += n;
	}
fail:
	return st;
}

bool wpi_number(const wpi_lines *r, const char *s, double *d)
{
	char *end = NULL;
	if (*s == '\0')
		return false;
	locale_t old = uselocale(r->c_locale);
	*d = strtod(s, &end);
	uselocale(old);
	return *end == '\0' && isfinite(*d);
}

bool wpi_index(const char *s, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	if (*s == '\0')
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		x = x * 10 + (uint64_t)(*s - '0');
		if (x > max)
			return false;
	}
	*v = x;
	return x >= 1;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

char *wpi_token(char **p, bool *quoted, bool *unterminated)
{
	char *s = *p, *tok;
	*quoted = false;
	*unterminated = false;
	while (is_space(*s))
		s++;
	if (*s == '\0') {
		*p = s;
		return NULL;
	}
	if (*s == '"') {
		/* igraph writes \" and \\ inside labels (and \n for a line break); other
		 * backslashes are kept, as Pajek itself does not escape. */
		char *out;
		*quoted = true;
		tok = out = ++s;
		while (*s && *s != '"') {
			if (s[0] == '\\' && (s[1] == '"' || s[1] == '\\' || s[1] == 'n')) {
				*out++ = s[1] == 'n' ? '\n' : s[1];
				s += 2;
				continue;
			}
			*out++ = *s++;
		}
		if (*s == '\0')
			*unterminated = true;
		else
			s++;
		*out = '\0';
		*p = s;
		return tok;
	}
	tok = s;
	while (*s && !is_space(*s))
		s++;
	if (*s)
		*s++ = '\0';
	*p = s;
	return tok;
}

wp_status wpi_dirs_mark(wpi_dirs *d, uint64_t index, bool undirected, char *err)
{
	wp_status st = WP_OK;
	if (undirected) {
		d->undirected++;
		if (index / 64 >= d->words) {
			uint64_t words = d->words ? d->words * 2 : 1024;
			while (index / 64 >= words)
				words *= 2;
			uint64_t *b = realloc(d->bits, words * sizeof(*b));
			if (b == NULL)
				WP_FAIL(WP_ENOMEM, "cannot allocate the edge directions");
			memset(b + d->words, 0, (words - d->words) * sizeof(*b));
			d->bits = b;
			d->words = words;
		}
		d->bits[index / 64] |= 1ull << (index % 64);
	} else {
		d->directed++;
	}
	return WP_OK;
fail:
	return st;
}

wp_status wpi_dirs_finish(wpi_dirs *d, wp_edgebuf *eb, bool default_directed, bool *directed,
                          char *err)
{
	wp_status st = WP_OK;
	uint64_t m = eb->count;
	*directed = d->directed > 0 || (d->undirected == 0 && default_directed);
	if (*directed && d->undirected > 0) {
		/* Mixed: an undirected edge is the pair of arcs u->v and v->u. */
		for (uint64_t i = 0; i < m; i++) {
			if (i / 64 >= d->words || !(d->bits[i / 64] >> (i % 64) & 1))
				continue;
			if (eb->weights != NULL)
				WP_TRY(wp_edgebuf_push_weighted(eb, eb->dst[i], eb->src[i],
				                                eb->weights[i], err));
			else
				WP_TRY(wp_edgebuf_push(eb, eb->dst[i], eb->src[i], err));
		}
	}
	wpi_dirs_free(d);
	return WP_OK;
fail:
	wpi_dirs_free(d);
	return st;
}

void wpi_dirs_free(wpi_dirs *d)
{
	free(d->bits);
	memset(d, 0, sizeof(*d));
}

wp_status wpi_number_labels(wp_labels *l, uint64_t n, unsigned first, char *err)
{
	wp_status st = WP_OK;
	char buf[24];
	for (uint64_t i = 0; i < n; i++) {
		int len = snprintf(buf, sizeof(buf), "%llu", (unsigned long long)i + first);
		wp_vertex v = 0;
		WP_TRY(wp_labels_intern(l, buf, (size_t)len, &v, NULL, err));
	}
	return WP_OK;
fail:
	return st;
}
