/* test_import_edgelist.c - the SNAP-style edge-list reader: quirks, labels and exact errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "importers/import.h"

typedef struct parsed {
	wp_status st;
	char err[WP_ERR_LEN];
	wp_graph g;
} parsed;

/* Reads text[0..len) as an edge list named "e.txt" and, on success, builds the graph. */
static void parse_n(const char *text, size_t len, bool directed, parsed *p)
{
	wp_source src;
	wp_edgebuf eb = {0};
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	/* fmemopen refuses a zero-length buffer; an empty file is /dev/null. */
	FILE *f = len ? fmemopen((void *)text, len, "r") : fopen("/dev/null", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	memset(p, 0, sizeof(*p));
	o.directed = directed;
	wp_source_from_file(&src, f, "e.txt");
	p->st = wp_import_edgelist(&src, &o, &eb, p->err);
	if (p->st == WP_OK)
		p->st = wp_graph_build(&p->g, &eb, directed, p->err);
	wp_edgebuf_free(&eb);
	fclose(f);
}

static void parse(const char *text, bool directed, parsed *p)
{
	parse_n(text, strlen(text), directed, p);
}

static wp_vertex id_of(parsed *p, const char *label)
{
	wp_vertex v = WP_NO_VERTEX;
	cr_assert(eq(int, wp_labels_lookup(&p->g.labels, label, strlen(label), &v, NULL), WP_OK),
	          "label %s missing", label);
	return v;
}

static bool has_edge(parsed *p, const char *a, const char *b)
{
	return wp_graph_find_arc(&p->g, id_of(p, a), id_of(p, b)) != UINT64_MAX;
}

Test(import_edgelist, reads_snap_comments_tabs_and_crlf)
{
	parsed p;
	parse("# Directed graph: example\n% konect comment\n\n1\t2\r\n2 3\n  3,1\n", false, &p);
	cr_assert(eq(int, p.st, WP_OK), "%s", p.err);
	cr_assert(eq(u32, p.g.n, 3));
	cr_assert(eq(u64, wp_graph_edges(&p.g), 3));
	cr_assert(has_edge(&p, "1", "2"));
	cr_assert(has_edge(&p, "2", "3"));
	cr_assert(has_edge(&p, "3", "1"));
	wp_graph_free(&p.g);
}

Test(import_edgelist, keeps_numeric_labels_as_text_in_first_appearance_order)
{
	parsed p;
	parse("100 7\n007 100\n", false, &p);
	cr_assert(eq(int, p.st, WP_OK), "%s", p.err);
	cr_assert(eq(u32, p.g.n, 3));
	cr_assert(eq(str, (char *)wp_labels_name(&p.g.labels, 0), "100"));
	cr_assert(eq(str, (char *)wp_labels_name(&p.g.labels, 1), "7"));
	cr_assert(eq(str, (char *)wp_labels_name(&p.g.labels, 2), "007"));
	cr_assert(not(has_edge(&p, "7", "007")));
	wp_graph_free(&p.g);
}

Test(import_edgelist, reads_weights_and_keeps_the_maximum_of_parallel_edges)
{
	parsed p;
	parse("a b 0.5\nb a 2.5\na c\n", false, &p);
	cr_assert(eq(int, p.st, WP_OK), "%s", p.err);
	cr_assert(not(eq(ptr, p.g.weights, NULL)));
	cr_assert(eq(u64, p.g.multi_edges_merged, 1));
	uint64_t ab = wp_graph_find_arc(&p.g, id_of(&p, "a"), id_of(&p, "b"));
	uint64_t ac = wp_graph_find_arc(&p.g, id_of(&p, "a"), id_of(&p, "c"));
	cr_assert(epsilon_eq(flt, p.g.weights[ab], 2.5f, 1e-6));
	cr_assert(epsilon_eq(flt, p.g.weights[ac], 1.0f, 1e-6), "an edge without weight weighs 1");
	wp_graph_free(&p.g);
}

Test(import_edgelist, counts_self_loops_and_duplicates)
{
	parsed p;
	parse("a a\na b\na b\nb a\n", false, &p);
	cr_assert(eq(int, p.st, WP_OK), "%s", p.err);
	cr_assert(eq(u64, p.g.self_loops_removed, 1));
	cr_assert(eq(u64, p.g.multi_edges_merged, 2));
	cr_assert(eq(u64, wp_graph_edges(&p.g), 1));
	wp_graph_free(&p.g);
}

Test(import_edgelist, directed_keeps_both_directions_apart)
{
	parsed p;
	parse("a b\nb a\nb c\n", true, &p);
	cr_assert(eq(int, p.st, WP_OK), "%s", p.err);
	cr_assert(p.g.directed);
	cr_assert(eq(u64, wp_graph_edges(&p.g), 3));
	cr_assert(eq(u64, p.g.multi_edges_merged, 0));
	cr_assert(has_edge(&p, "b", "c"));
	cr_assert(not(has_edge(&p, "c", "b")));
	cr_assert(eq(u64, wp_graph_in_degree(&p.g, id_of(&p, "c")), 1));
	wp_graph_free(&p.g);
}

Test(import_edgelist, reads_quoted_labels_and_a_csv_header)
{
	parsed p;
	parse("Source,Target,Weight\n\"Doe, Jane\",\"Sam \"\"Ace\"\" Lee\",3\n", false, &p);
	cr_assert(eq(int, p.st, WP_OK), "%s", p.err);
	cr_assert(eq(u32, p.g.n, 2));
	cr_assert(has_edge(&p, "Doe, Jane", "Sam \"Ace\" Lee"));
	wp_graph_free(&p.g);
}

Test(import_edgelist, ignores_columns_after_the_weight)
{
	parsed p;
	parse("1 2 1 1136074971\n", false, &p);
	cr_assert(eq(int, p.st, WP_OK), "%s", p.err);
	cr_assert(eq(u64, wp_graph_edges(&p.g), 1));
	wp_graph_free(&p.g);
}

Test(import_edgelist, reads_a_last_line_without_newline_and_long_lines_across_blocks)
{
	/* A 3 MB label crosses the 1 MiB read blocks. */
	size_t big = 3u << 20;
	char *text = malloc(big + 64);
	cr_assert(not(eq(ptr, text, NULL)));
	memset(text, 'x', big);
	strcpy(text + big, " y\nlast z");
	parsed p;
	parse(text, false, &p);
	cr_assert(eq(int, p.st, WP_OK), "%s", p.err);
	cr_assert(eq(u32, p.g.n, 4));
	cr_assert(eq(u64, wp_labels_len(&p.g.labels, 0), big));
	cr_assert(has_edge(&p, "last", "z"));
	wp_graph_free(&p.g);
	free(text);
}

/* Criterion runs each parameter in a fresh process of a position-independent binary, so the
 * strings live inside the struct rather than behind pointers. */
typedef struct bad_case {
	char text[32];
	wp_status st;
	char err[96];
	size_t len; /* 0: strlen(text); set for texts with an embedded NUL */
} bad_case;

static bad_case bad_cases[] = {
        {"", WP_EINPUT, "e.txt:1: no edges: the file is empty or holds only comments", 0},
        {"# only a comment\n\n", WP_EINPUT,
         "e.txt:1: no edges: the file is empty or holds only comments", 0},
        {"1 2\n3\n", WP_EINPUT, "e.txt:2: expected two vertex labels, got 1", 0},
        {"1 2\n1 2 heavy\n", WP_EINPUT, "e.txt:2: bad weight 'heavy': expected a number", 0},
        {"1 2 nan\n", WP_EINPUT, "e.txt:1: weight 'nan' is not a finite single-precision number",
         0},
        {"1 2 1e39\n", WP_EINPUT, "e.txt:1: weight '1e39' is not a finite single-precision number",
         0},
        {"a,,b\n", WP_EINPUT, "e.txt:1: empty field after a comma", 0},
        {"a b\n\"open c\n", WP_EINPUT, "e.txt:2: unterminated quoted label", 0},
        {"\"\" b\n", WP_EINPUT, "e.txt:1: empty vertex label", 0},
        {"a b\nc\0d e\n", WP_EINPUT, "e.txt:2: NUL byte in a vertex label (is this a binary file?)",
         10},
};

ParameterizedTestParameters(import_edgelist, rejects_malformed_input_with_file_and_line)
{
	return cr_make_param_array(bad_case, bad_cases, sizeof(bad_cases) / sizeof(bad_cases[0]));
}

ParameterizedTest(bad_case *c, import_edgelist, rejects_malformed_input_with_file_and_line)
{
	parsed p;
	parse_n(c->text, c->len ? c->len : strlen(c->text), false, &p);
	cr_assert(eq(int, p.st, c->st));
	cr_assert(eq(str, p.err, c->err));
	wp_graph_free(&p.g);
}

Test(import_edgelist, reads_gzip_files_by_path_and_picks_the_format_from_the_name)
{
	char path[] = "/tmp/wp_test_XXXXXX.txt.gz";
	int fd = mkstemps(path, 7);
	cr_assert(fd >= 0);
	gzFile gz = gzdopen(fd, "wb");
	gzputs(gz, "alice bob\nbob carol\n");
	gzclose(gz);

	wp_graph g;
	char err[WP_ERR_LEN] = "";
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	cr_assert(eq(int, wp_import_graph(&g, path, WP_FORMAT_AUTO, &o, err), WP_OK), "%s", err);
	cr_assert(eq(u32, g.n, 3));
	cr_assert(eq(u64, wp_graph_edges(&g), 2));
	wp_graph_free(&g);
	unlink(path);
}

Test(import_edgelist, reports_a_missing_file_and_an_unknown_extension)
{
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	cr_assert(eq(int, wp_import_graph(&g, "/nonexistent/x.txt", WP_FORMAT_AUTO, &o, err),
	             WP_EIO));
	cr_assert(eq(str, err, "/nonexistent/x.txt: cannot open: No such file or directory"));
	err[0] = '\0';
	cr_assert(eq(int, wp_import_graph(&g, "graph.xyz", WP_FORMAT_AUTO, &o, err), WP_EARG));
	cr_assert(eq(str, err,
	             "graph.xyz: cannot tell the format from the file name; name it with "
	             "--input-format edgelist|graphml|gexf|pajek|mtx|gt|wpg"));
	cr_assert(eq(u32, g.n, 0));
}
