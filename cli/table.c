/* table.c - rows of text printed as an aligned table, CSV or JSON (see table.h). */
#include "cli/table.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define DEFAULT_MAX_WIDTH 40

void cli_table_init(cli_table *t, const cli_column *cols, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols < CLI_TABLE_MAX_COLS ? ncols : CLI_TABLE_MAX_COLS;
	memcpy(t->cols, cols, t->ncols * sizeof(*cols));
}

static void add_owned(cli_table *t, char *s)
{
	if (s == NULL || t->oom) {
		t->oom = true;
		free(s);
		return;
	}
	size_t used = t->rows * t->ncols + t->filled;
	if (used == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64 * t->ncols;
		char **cells = realloc(t->cells, cap * sizeof(*cells));
		if (cells == NULL) {
			t->oom = true;
			free(s);
			return;
		}
		t->cells = cells;
		t->cap = cap;
	}
	t->cells[used] = s;
	if (++t->filled == t->ncols) {
		t->rows++;
		t->filled = 0;
	}
}

void cli_table_add(cli_table *t, const char *s)
{
	add_owned(t, strdup(s ? s : ""));
}

void cli_table_addf(cli_table *t, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && (s = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	add_owned(t, s);
}

int cli_display_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int width = 0;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) { /* invalid UTF-8: count the byte as one column */
			p++;
			width++;
			continue;
		}
		int w = utf8proc_charwidth(c);
		width += w > 0 ? w : 0;
		p += n;
	}
	return width;
}

/* Prints s cut to at most `width` columns, ending with an ellipsis if it was cut; returns the
 * columns printed. */
static int print_cut(FILE *f, const char *s, int width)
{
	if (cli_display_width(s) <= width) {
		fputs(s, f);
		return cli_display_width(s);
	}
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int used = 0;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		int w = n > 0 ? utf8proc_charwidth(c) : 1;
		if (n <= 0)
			n = 1;
		if (used + (w > 0 ? w : 0) > width - 1)
			break;
		fwrite(p, 1, (size_t)n, f);
		used += w > 0 ? w : 0;
		p += n;
	}
	fputs("\xe2\x80\xa6", f); /* … */
	return used + 1;
}

void cli_print_padded(FILE *f, const char *s, int width)
{
	fputs(s, f);
	for (int w = cli_display_width(s); w < width; w++)
		putc(' ', f);
}

static void print_text(const cli_table *t, FILE *f)
{
	int width[CLI_TABLE_MAX_COLS];
	for (size_t c = 0; c < t->ncols; c++) {
		int max = t->cols[c].max_width ? t->cols[c].max_width : DEFAULT_MAX_WIDTH;
		width[c] = cli_display_width(t->cols[c].name);
		for (size_t r = 0; r < t->rows; r++) {
			int w = cli_display_width(t->cells[r * t->ncols + c]);
			width[c] = w > width[c] ? w : width[c];
		}
		width[c] = width[c] < max ? width[c] : max;
	}
	for (size_t r = 0; r <= t->rows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = r == 0 ? t->cols[c].name : t->cells[(r - 1) * t->ncols + c];
			bool last = c + 1 == t->ncols;
			int w = cli_display_width(s);
			w = w < width[c] ? w : width[c];
			if (t->cols[c].numeric)
				for (int k = w; k < width[c]; k++)
					putc(' ', f);
			print_cut(f, s, width[c]);
			if (!t->cols[c].numeric && !last)
				for (int k = w; k < width[c]; k++)
					putc(' ', f);
			if (!last)
				fputs("  ", f);
		}
		putc('\n', f);
	}
}

static void print_csv(const cli_table *t, FILE *f)
{
	for (size_t r = 0; r <= t->rows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c > 0)
				putc(',', f);
			cli_csv_field(f,
			              r == 0 ? t->cols[c].name : t->cells[(r - 1) * t->ncols + c]);
		}
		putc('\n', f);
	}
}

/* A numeric cell as a JSON number: an integer if it is one, else a real; "" is null. */
static json_t *json_number_of(const char *s)
{
	char *end = NULL;
	if (*s == '\0')
		return json_null();
	long long i = strtoll(s, &end, 10);
	if (*end == '\0')
		return json_integer(i);
	double d = strtod(s, &end);
	if (*end == '\0')
		return json_real(d);
	return json_string(s);
}

static int print_json(const cli_table *t, FILE *f)
{
	json_t *a = json_array();
	bool ok = a != NULL;
	for (size_t r = 0; ok && r < t->rows; r++) {
		json_t *o = json_object();
		ok = o != NULL && json_array_append_new(a, o) == 0;
		for (size_t c = 0; ok && c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			json_t *v = t->cols[c].numeric ? json_number_of(s) : json_string(s);
			ok = v != NULL && json_object_set_new(o, t->cols[c].name, v) == 0;
		}
	}
	if (ok)
		ok = json_dumpf(a, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
	json_decref(a);
	if (!ok) {
		fprintf(stderr, "warmpath: cannot build the JSON output\n");
		return CLI_INTERNAL;
	}
	putc('\n', f);
	return CLI_OK;
}

int cli_table_print(const cli_table *t, cli_output out, FILE *f)
{
	if (t->oom) {
		fprintf(stderr, "warmpath: out of memory while formatting the output\n");
		return CLI_INTERNAL;
	}
	if (out == CLI_JSON)
		return print_json(t, f);
	if (out == CLI_CSV)
		print_csv(t, f);
	else
		print_text(t, f);
	return CLI_OK;
}

void cli_table_free(cli_table *t)
{
	size_t used = t->rows * t->ncols + t->filled;
	for (size_t i = 0; i < used && t->cells; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
