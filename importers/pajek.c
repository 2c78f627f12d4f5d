/* pajek.c - the Pajek .net reader, as Pajek, igraph, networkx and Gephi write it.
 *
 * A network is `*Vertices n` followed by up to n vertex lines `k ["label"] [x y [z]] [shape and
 * colour parameters]`, then sections of edges: `*Arcs` and `*Edges` (one `u v [weight] [params]`
 * per line), `*Arcslist` and `*Edgeslist` (`u v1 v2 ...`: one arc or edge from u to each). What is
 * read, and how:
 * - Keywords start with '*' and are case-insensitive (networkx writes `*vertices`); `*Network`
 *   names are ignored, and so is a relation number after *Arcs or *Edges (`*Arcs :2 "likes"`).
 *   A two-mode `*Vertices 10 4` is read as one vertex set. `*Matrix`, `*Partition` and `*Vector`
 *   sections are errors (they belong to .paj projects and matrices, not networks).
 * - Vertices are numbered 1..n. A vertex line's label (quoted, or one bare token as networkx
 *   writes it) becomes the vertex attribute "label", and numeric coordinates the attributes x, y
 *   (and z). If every one of the n vertices has a label and no two labels are equal, the labels
 *   name the vertices; otherwise their numbers do ("1".."n"), so names are never silently merged.
 * - Weights: the token after the endpoints, when it is a finite number that fits a float; lines
 *   without one weigh 1. Other trailing parameters (`c Blue`, `l "text"`) are ignored.
 * - A file with *Arcs or *Arcslist is directed; then each *Edges line is read as two arcs, as a
 *   mixed graph means. Lines starting with '%' are comments; blank lines are skipped; CRLF ends are
 *   accepted.
 * - The declared count is checked before anything depends on it: at most WP_IMPORT_MAX_DECLARED
 *   (a `*Vertices 4000000000` is an error, not an allocation), and nothing is sized from it
 *   until the whole file has been read.
 * One pass, O(bytes + n).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importers/import.h"
#include "importers/lines_internal.h"

typedef enum section { S_NONE, S_VERTICES, S_ARCS, S_EDGES, S_ARCSLIST, S_EDGESLIST } section;

typedef struct reader {
	wpi_lines in;
	wp_edgebuf *eb;
	wpi_dirs dirs;
	wp_strtab names;   /* vertex labels as read, names[0] = "" */
	uint32_t *name_of; /* name_of[k - 1]: index in names, 0 = no label line yet */
	uint64_t name_cap;
	uint64_t n;           /* declared vertices */
	uint64_t vertex_line; /* line of *Vertices (0 = not seen) */
	uint64_t labelled;    /* vertices with a non-empty label */
	section sec;
	bool vertex_seen_twice;
} reader;

static bool is_keyword(const char *tok, const char *word)
{
	return strcasecmp(tok, word) == 0;
}

static wp_status on_keyword(reader *r, char *p, char *err)
{
	wp_status st = WP_OK;
	bool quoted, open;
	const char *name = r->in.src->name;
	unsigned long long line = (unsigned long long)r->in.line;
	char *kw = wpi_token(&p, &quoted, &open);
	if (is_keyword(kw, "*vertices")) {
		char *count = wpi_token(&p, &quoted, &open);
		uint64_t n = 0;
		if (r->vertex_line != 0)
			WP_FAIL(WP_EINPUT, "%s:%llu: a second *Vertices line (first on line %llu)",
			        name, line, (unsigned long long)r->vertex_line);
		if (count == NULL)
			WP_FAIL(WP_EINPUT, "%s:%llu: *Vertices needs the number of vertices", name,
			        line);
		if (strcmp(count, "0") != 0 && !wpi_index(count, UINT64_MAX / 10, &n))
			WP_FAIL(WP_EINPUT, "%s:%llu: *Vertices count '%.40s' is not a number", name,
			        line, count);
		if (n > WP_IMPORT_MAX_DECLARED)
			WP_FAIL(WP_ELIMIT,
			        "%s:%llu: *Vertices %llu is more than the %u vertices a Pajek file "
			        "may declare",
			        name, line, (unsigned long long)n, WP_IMPORT_MAX_DECLARED);
		r->n = n;
		r->vertex_line = r->in.line;
		r->sec = S_VERTICES;
		return WP_OK;
	}
	if (is_keyword(kw, "*network"))
		return WP_OK;
	section s = S_NONE;
	if (is_keyword(kw, "*arcs"))
		s = S_ARCS;
	else if (is_keyword(kw, "*edges"))
		s = S_EDGES;
	else if (is_keyword(kw, "*arcslist"))
		s = S_ARCSLIST;
	else if (is_keyword(kw, "*edgeslist"))
		s = S_EDGESLIST;
	else if (is_keyword(kw, "*matrix"))
		WP_FAIL(WP_EINPUT,
		        "%s:%llu: *Matrix sections are not supported (write *Arcs or *Edges)", name,
		        line);
	else
		WP_FAIL(WP_EINPUT,
		        "%s:%llu: unknown section '%.40s' (expected *Vertices, *Arcs, "
		        "*Edges, *Arcslist or *Edgeslist)",
		        name, line, kw);
	if (r->vertex_line == 0)
		WP_FAIL(WP_EINPUT, "%s:%llu: %s before *Vertices", name, line, kw);
	r->sec = s;
	return WP_OK;
fail:
	return st;
}

/* A vertex number within 1..n, as a vertex id. */
static wp_status vertex(reader *r, const char *tok, const char *what, wp_vertex *v, char *err)
{
	wp_status st = WP_OK;
	uint64_t k = 0;
	if (tok == NULL)
		WP_FAIL(WP_EINPUT, "%s:%llu: expected a %s number", r->in.src->name,
		        (unsigned long long)r->in.line, what);
	if (!wpi_index(tok, r->n, &k)) {
		uint64_t big = 0;
		if (wpi_index(tok, UINT64_MAX / 10, &big) || strcmp(tok, "0") == 0)
			WP_FAIL(WP_EINPUT,
			        "%s:%llu: %s %.40s is not between 1 and %llu (*Vertices "
			        "on line %llu)",
			        r->in.src->name, (unsigned long long)r->in.line, what, tok,
			        (unsigned long long)r->n, (unsigned long long)r->vertex_line);
		WP_FAIL(WP_EINPUT, "%s:%llu: %s '%.40s' is not a vertex number", r->in.src->name,
		        (unsigned long long)r->in.line, what, tok);
	}
	*v = (wp_vertex)(k - 1);
	return WP_OK;
fail:
	return st;
}

static wp_status on_vertex(reader *r, char *p, char *err)
{
	wp_status st = WP_OK;
	bool quoted, open;
	wp_vertex v = 0;
	const char *tok = wpi_token(&p, &quoted, &open);
	WP_TRY(vertex(r, tok, "vertex", &v, err));
	if (v >= r->name_cap) {
		uint64_t cap = r->name_cap ? r->name_cap * 2 : 1024;
		while (cap <= v)
			cap *= 2;
		uint32_t *a = realloc(r->name_of, cap * sizeof(*a));
		if (a == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %llu vertex labels",
			        (unsigned long long)cap);
		memset(a + r->name_cap, 0, (cap - r->name_cap) * sizeof(*a));
		r->name_of = a;
		r->name_cap = cap;
	}
	if (r->name_of[v] != 0)
		WP_FAIL(WP_EINPUT, "%s:%llu: vertex %s is described twice", r->in.src->name,
		        (unsigned long long)r->in.line, tok);
	char *label = wpi_token(&p, &quoted, &open);
	if (open)
		WP_FAIL(WP_EINPUT, "%s:%llu: unterminated quoted label", r->in.src->name,
		        (unsigned long long)r->in.line);
	size_t len = label ? strlen(label) : 0;
	r->name_of[v] = r->names.count;
	WP_TRY(wp_strtab_append(&r->names, label ? label : "", len, err));
	if (len > 0) {
		r->labelled++;
		WP_TRY(wp_attrs_set(&r->eb->attrs, "label", v, label, len, err));
	}
	static const char *const axes[] = {"x", "y", "z"};
	for (int i = 0; i < 3; i++) {
		double d;
		char *c = wpi_token(&p, &quoted, &open);
		if (c == NULL || quoted || !wpi_number(&r->in, c, &d))
			break;
		WP_TRY(wp_attrs_set(&r->eb->attrs, axes[i], v, c, strlen(c), err));
	}
	return WP_OK;
fail:
	return st;
}

static wp_status push(reader *r, wp_vertex u, wp_vertex v, bool weighted, float w, char *err)
{
	wp_status st = WP_OK;
	bool undirected = r->sec == S_EDGES || r->sec == S_EDGESLIST;
	if (weighted)
		WP_TRY(wp_edgebuf_push_weighted(r->eb, u, v, w, err));
	else
		WP_TRY(wp_edgebuf_push(r->eb, u, v, err));
	WP_TRY(wpi_dirs_mark(&r->dirs, r->eb->count - 1, undirected, err));
	return WP_OK;
fail:
	return st;
}

/* Whether a token is meant as a number (so that "1.5x" or "nan" is an error, while a parameter
 * such as "c" or "Blue" is not a weight at all). */
static bool looks_numeric(const char *t)
{
	if (*t == '+' || *t == '-')
		t++;
	if (*t == '.')
		t++;
	return (*t >= '0' && *t <= '9') || strncasecmp(t, "nan", 3) == 0 ||
	       strncasecmp(t, "inf", 3) == 0;
}

static wp_status on_edge(reader *r, char *p, char *err)
{
	wp_status st = WP_OK;
	bool quoted, open;
	wp_vertex u = 0, v = 0;
	const char *name = r->in.src->name;
	unsigned long long line = (unsigned long long)r->in.line;
	const char *a = wpi_token(&p, &quoted, &open);
	const char *b = wpi_token(&p, &quoted, &open);
	if (b == NULL)
		WP_FAIL(WP_EINPUT, "%s:%llu: expected two vertex numbers, got 1", name, line);
	WP_TRY(vertex(r, a, "vertex", &u, err));
	if (r->sec == S_ARCSLIST || r->sec == S_EDGESLIST) {
		for (; b != NULL; b = wpi_token(&p, &quoted, &open)) {
			WP_TRY(vertex(r, b, "vertex", &v, err));
			WP_TRY(push(r, u, v, false, 1.0f, err));
		}
		return WP_OK;
	}
	WP_TRY(vertex(r, b, "vertex", &v, err));
	const char *wt = wpi_token(&p, &quoted, &open);
	double d = 1.0;
	bool weighted = wt != NULL && !quoted && wpi_number(&r->in, wt, &d);
	if (weighted && (d > 3.4028234663852886e38 || d < -3.4028234663852886e38))
		WP_FAIL(WP_EINPUT, "%s:%llu: weight '%.40s' is too large for a 32-bit float", name,
		        line, wt);
	if (wt != NULL && !weighted && !quoted && looks_numeric(wt))
		WP_FAIL(WP_EINPUT, "%s:%llu: bad weight '%.40s': expected a finite number", name,
		        line, wt);
	WP_TRY(push(r, u, v, weighted, (float)d, err));
	return WP_OK;
fail:
	return st;
}

/* Names the n vertices: their labels if all are present and distinct, else their numbers. */
static wp_status name_vertices(reader *r, char *err)
{
	wp_status st = WP_OK;
	wp_labels *l = &r->eb->labels;
	if (r->n > 0 && r->labelled == r->n) {
		bool unique = true;
		for (uint64_t k = 0; k < r->n && unique; k++) {
			uint32_t i = r->name_of[k];
			wp_vertex v = 0;
			bool is_new = false;
			WP_TRY(wp_labels_intern(l, wp_strtab_get(&r->names, i),
			                        wp_strtab_len(&r->names, i), &v, &is_new, err));
			unique = is_new;
		}
		if (unique)
			return WP_OK;
		wp_labels_free(l);
	}
	WP_TRY(wpi_number_labels(l, r->n, 1, err));
	return WP_OK;
fail:
	return st;
}

wp_status wp_import_pajek(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb,
                          bool *directed, char *err)
{
	wp_status st = WP_OK;
	reader r;
	(void)opts; /* *Arcs say whether the graph is directed */
	memset(&r, 0, sizeof(r));
	r.eb = eb;
	WP_TRY(wpi_lines_init(&r.in, src, err));
	WP_TRY(wp_strtab_append(&r.names, "", 0, err));
	for (;;) {
		char *s = NULL;
		size_t len = 0;
		bool got = false;
		WP_TRY(wpi_lines_next(&r.in, &s, &len, &got, err));
		if (!got)
			break;
		/* The same white space as wpi_token's: a line of only \v is blank, not a record. */
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\v' || *s == '\f')
			s++;
		if (*s == '\0' || *s == '%')
			continue;
		if (*s == '*')
			WP_TRY(on_keyword(&r, s, err));
		else if (r.sec == S_NONE)
			WP_FAIL(WP_EINPUT, "%s:%llu: expected *Vertices before any data", src->name,
			        (unsigned long long)r.in.line);
		else if (r.sec == S_VERTICES)
			WP_TRY(on_vertex(&r, s, err));
		else
			WP_TRY(on_edge(&r, s, err));
	}
	if (r.vertex_line == 0)
		WP_FAIL(WP_EINPUT, "%s:%llu: no *Vertices line: is this a Pajek file?", src->name,
		        (unsigned long long)(r.in.line ? r.in.line : 1));
	WP_TRY(name_vertices(&r, err));
	WP_TRY(wpi_dirs_finish(&r.dirs, eb, false, directed, err));
	wpi_lines_free(&r.in);
	wp_strtab_free(&r.names);
	free(r.name_of);
	return WP_OK;
fail:
	wpi_lines_free(&r.in);
	wpi_dirs_free(&r.dirs);
	wp_strtab_free(&r.names);
	free(r.name_of);
	return st;
}
