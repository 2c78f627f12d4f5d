/* matrixmarket.c - the Matrix Market coordinate reader (SuiteSparse, NIST, scipy.io.mmwrite).
 *
 * A file is a banner `%%MatrixMarket matrix coordinate FIELD SYMMETRY`, comment lines starting
 * with '%', a size line `M N NNZ`, then NNZ entries `i j [value]` with 1-based indices. As a graph,
 * entry (i, j) is the arc i -> j (row to column, as scipy and networkx read adjacency matrices):
 * - FIELD real, double or integer: the value is the edge weight (a finite number that fits a
 *   float; explicit zeros are kept as weight-0 edges); pattern: no value, an unweighted graph.
 *   complex fields and the dense `array` format are errors.
 * - SYMMETRY general: a directed graph; symmetric: an undirected one (each stored entry one
 *   edge; the file holds one triangle); skew-symmetric: a directed graph where entry (i, j, v)
 *   gives i -> j weighing v and j -> i weighing -v, and diagonal entries are errors; hermitian
 *   (complex only) is an error.
 * - The matrix must be square (M = N): its vertices are "1".."N", isolated ones included, and N
 *   may be at most WP_IMPORT_MAX_DECLARED (checked before anything is sized from it; labels are
 *   made only after every entry has been read). The number of entries must equal NNZ: more is an
 *   error at the first extra line, fewer at the end of the file.
 * Banner words are case-insensitive; blank lines are skipped; CRLF ends are accepted.
 * One pass, O(bytes + N).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importers/import.h"
#include "importers/lines_internal.h"

typedef enum field { F_PATTERN, F_REAL, F_INTEGER } field;
typedef enum symmetry { Y_GENERAL, Y_SYMMETRIC, Y_SKEW } symmetry;

typedef struct reader {
	wpi_lines in;
	wp_edgebuf *eb;
	uint64_t n, nnz, entries;
	uint64_t size_line; /* 0 until the size line is read */
	field field;
	symmetry sym;
} reader;

static wp_status banner(reader *r, char *s, char *err)
{
	wp_status st = WP_OK;
	bool q, open;
	const char *name = r->in.src->name;
	char *p = s;
	char *w[5];
	for (int i = 0; i < 5; i++)
		w[i] = wpi_token(&p, &q, &open);
	if (w[0] == NULL || strcasecmp(w[0], "%%MatrixMarket") != 0)
		WP_FAIL(WP_EINPUT,
		        "%s:1: expected the banner %%%%MatrixMarket matrix coordinate ...: "
		        "is this a Matrix Market file?",
		        name);
	if (w[4] == NULL)
		WP_FAIL(WP_EINPUT,
		        "%s:1: the banner needs 4 words after %%%%MatrixMarket (object, "
		        "format, field, symmetry)",
		        name);
	if (strcasecmp(w[1], "matrix") != 0)
		WP_FAIL(WP_EINPUT, "%s:1: object '%.40s' is not supported (only matrix)", name,
		        w[1]);
	if (strcasecmp(w[2], "array") == 0)
		WP_FAIL(WP_EINPUT,
		        "%s:1: the dense array format is not supported (only coordinate)", name);
	if (strcasecmp(w[2], "coordinate") != 0)
		WP_FAIL(WP_EINPUT, "%s:1: format '%.40s' is not supported (only coordinate)", name,
		        w[2]);
	if (strcasecmp(w[3], "pattern") == 0)
		r->field = F_PATTERN;
	else if (strcasecmp(w[3], "real") == 0 || strcasecmp(w[3], "double") == 0)
		r->field = F_REAL;
	else if (strcasecmp(w[3], "integer") == 0)
		r->field = F_INTEGER;
	else
		WP_FAIL(WP_EINPUT,
		        "%s:1: field '%.40s' is not supported (pattern, real or integer)", name,
		        w[3]);
	if (strcasecmp(w[4], "general") == 0)
		r->sym = Y_GENERAL;
	else if (strcasecmp(w[4], "symmetric") == 0)
		r->sym = Y_SYMMETRIC;
	else if (strcasecmp(w[4], "skew-symmetric") == 0)
		r->sym = Y_SKEW;
	else
		WP_FAIL(WP_EINPUT,
		        "%s:1: symmetry '%.40s' is not supported (general, symmetric or "
		        "skew-symmetric)",
		        name, w[4]);
	return WP_OK;
fail:
	return st;
}

/* A non-negative decimal count (0 allowed). */
static bool count(const char *t, uint64_t *v)
{
	if (t != NULL && strcmp(t, "0") == 0) {
		*v = 0;
		return true;
	}
	return t != NULL && wpi_index(t, UINT64_MAX / 10, v);
}

static wp_status size_line(reader *r, char *p, char *err)
{
	wp_status st = WP_OK;
	bool q, open;
	const char *name = r->in.src->name;
	unsigned long long line = (unsigned long long)r->in.line;
	uint64_t rows = 0, cols = 0;
	char *a = wpi_token(&p, &q, &open), *b = wpi_token(&p, &q, &open);
	char *c = wpi_token(&p, &q, &open), *d = wpi_token(&p, &q, &open);
	if (!count(a, &rows) || !count(b, &cols) || !count(c, &r->nnz) || d != NULL)
		WP_FAIL(WP_EINPUT, "%s:%llu: expected the size line 'rows columns entries'", name,
		        line);
	if (rows != cols)
		WP_FAIL(WP_EINPUT,
		        "%s:%llu: the matrix is %llu x %llu: only a square matrix is a "
		        "graph",
		        name, line, (unsigned long long)rows, (unsigned long long)cols);
	if (rows > WP_IMPORT_MAX_DECLARED)
		WP_FAIL(WP_ELIMIT,
		        "%s:%llu: %llu rows is more than the %u vertices a Matrix Market "
		        "file may declare",
		        name, line, (unsigned long long)rows, WP_IMPORT_MAX_DECLARED);
	r->n = rows;
	r->size_line = r->in.line;
	return WP_OK;
fail:
	return st;
}

static wp_status entry(reader *r, char *p, char *err)
{
	wp_status st = WP_OK;
	bool q, open;
	const char *name = r->in.src->name;
	unsigned long long line = (unsigned long long)r->in.line;
	uint64_t i = 0, j = 0;
	double v = 1.0;
	char *a = wpi_token(&p, &q, &open), *b = wpi_token(&p, &q, &open);
	char *c = wpi_token(&p, &q, &open), *extra = wpi_token(&p, &q, &open);
	int want = r->field == F_PATTERN ? 2 : 3;
	int got = (a != NULL) + (b != NULL) + (c != NULL) + (extra != NULL);
	if (++r->entries > r->nnz)
		WP_FAIL(WP_EINPUT,
		        "%s:%llu: more entries than the %llu the size line (line %llu) "
		        "declares",
		        name, line, (unsigned long long)r->nnz, (unsigned long long)r->size_line);
	if (got != want)
		WP_FAIL(WP_EINPUT, "%s:%llu: expected %d fields (%s), got %d%s", name, line, want,
		        want == 2 ? "row column" : "row column value", got,
		        got == 4 ? " or more" : "");
	if (!wpi_index(a, r->n, &i) || !wpi_index(b, r->n, &j))
		WP_FAIL(WP_EINPUT, "%s:%llu: index '%.40s' is not a number in 1..%llu", name, line,
		        wpi_index(a, r->n, &i) ? b : a, (unsigned long long)r->n);
	if (c != NULL) {
		char *end = NULL;
		if (r->field == F_INTEGER) {
			errno = 0;
			long long k = strtoll(c, &end, 10);
			if (*end != '\0' || end == c || errno == ERANGE)
				WP_FAIL(WP_EINPUT, "%s:%llu: value '%.40s' is not an integer", name,
				        line, c);
			v = (double)k;
		} else if (!wpi_number(&r->in, c, &v)) {
			WP_FAIL(WP_EINPUT, "%s:%llu: value '%.40s' is not a finite number", name,
			        line, c);
		}
		if (v > 3.4028234663852886e38 || v < -3.4028234663852886e38)
			WP_FAIL(WP_EINPUT, "%s:%llu: value '%.40s' is too large for a 32-bit float",
			        name, line, c);
	}
	wp_vertex u = (wp_vertex)(i - 1), w = (wp_vertex)(j - 1);
	if (r->sym == Y_SKEW && u == w)
		WP_FAIL(WP_EINPUT, "%s:%llu: a skew-symmetric matrix has no diagonal entries", name,
		        line);
	if (c == NULL) {
		WP_TRY(wp_edgebuf_push(r->eb, u, w, err));
	} else {
		WP_TRY(wp_edgebuf_push_weighted(r->eb, u, w, (float)v, err));
		if (r->sym == Y_SKEW)
			WP_TRY(wp_edgebuf_push_weighted(r->eb, w, u, (float)-v, err));
	}
	if (c == NULL && r->sym == Y_SKEW)
		WP_TRY(wp_edgebuf_push(r->eb, w, u, err));
	return WP_OK;
fail:
	return st;
}

wp_status wp_import_mtx(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb, bool *directed,
                        char *err)
{
	wp_status st = WP_OK;
	reader r;
	(void)opts; /* the banner says whether the matrix is symmetric */
	memset(&r, 0, sizeof(r));
	r.eb = eb;
	WP_TRY(wpi_lines_init(&r.in, src, err));
	for (;;) {
		char *s = NULL;
		size_t len = 0;
		bool got = false;
		WP_TRY(wpi_lines_next(&r.in, &s, &len, &got, err));
		if (!got)
			break;
		if (r.in.line == 1) {
			WP_TRY(banner(&r, s, err));
			continue;
		}
		/* The same white space as wpi_token's: a line of only \v is blank, not a record. */
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\v' || *s == '\f')
			s++;
		if (*s == '\0' || *s == '%')
			continue;
		if (r.size_line == 0)
			WP_TRY(size_line(&r, s, err));
		else
			WP_TRY(entry(&r, s, err));
	}
	if (r.in.line == 0)
		WP_FAIL(WP_EINPUT, "%s:1: empty file, expected a Matrix Market banner", src->name);
	if (r.size_line == 0)
		WP_FAIL(WP_EINPUT, "%s:%llu: no size line 'rows columns entries'", src->name,
		        (unsigned long long)r.in.line);
	if (r.entries < r.nnz)
		WP_FAIL(WP_EINPUT,
		        "%s:%llu: %llu entries, but the size line (line %llu) declares "
		        "%llu (is the file truncated?)",
		        src->name, (unsigned long long)r.in.line, (unsigned long long)r.entries,
		        (unsigned long long)r.size_line, (unsigned long long)r.nnz);
	WP_TRY(wpi_number_labels(&eb->labels, r.n, 1, err));
	*directed = r.sym != Y_SYMMETRIC;
	wpi_lines_free(&r.in);
	return WP_OK;
fail:
	wpi_lines_free(&r.in);
	return st;
}
