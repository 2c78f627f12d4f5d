/* test_import_mtx.c - the Matrix Market coordinate reader: SuiteSparse- and scipy-style files,
 * random matrices checked entry by entry, malformed input with its exact errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/import_readers.h"

#define FIXTURES "tests/fixtures/mtx/"

Test(import_mtx, reads_a_suitesparse_pattern_symmetric_graph)
{
	loaded r;
	load_path(wp_import_mtx, FIXTURES "suitesparse-symmetric.mtx", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(eq(u32, r.g.n, 5));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 4));
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 0), "1"), "1-based labels");
	cr_assert(has_arc(&r, "1", "2") && has_arc(&r, "2", "1"));
	cr_assert(has_arc(&r, "4", "5"));
	cr_assert(eq(ptr, r.g.weights, NULL), "pattern: unweighted");
	wp_graph_free(&r.g);
}

Test(import_mtx, reads_a_general_real_matrix_as_a_directed_weighted_graph)
{
	loaded r;
	load_path(wp_import_mtx, FIXTURES "general-real.mtx", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed);
	cr_assert(eq(u32, r.g.n, 4));
	cr_assert(eq(u64, r.g.m, 3), "the diagonal entry is a self-loop, dropped");
	cr_assert(eq(u64, r.g.self_loops_removed, 1));
	cr_assert(eq(flt, arc_weight(&r, "1", "2"), 1.5f), "row -> column");
	cr_assert(not(has_arc(&r, "2", "1")));
	cr_assert(eq(flt, arc_weight(&r, "2", "3"), 2.0f));
	cr_assert(eq(flt, arc_weight(&r, "4", "1"), -3.0f));
	wp_graph_free(&r.g);
}

Test(import_mtx, reads_skew_symmetric_integers_with_upper_case_banner)
{
	loaded r;
	load_path(wp_import_mtx, FIXTURES "integer-skew.mtx", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed);
	cr_assert(eq(flt, arc_weight(&r, "2", "1"), 4.0f));
	cr_assert(eq(flt, arc_weight(&r, "1", "2"), -4.0f), "a_ji = -a_ij");
	cr_assert(eq(flt, arc_weight(&r, "3", "1"), -2.0f));
	cr_assert(eq(flt, arc_weight(&r, "1", "3"), 2.0f));
	cr_assert(eq(u64, r.g.m, 4));
	wp_graph_free(&r.g);
}

Test(import_mtx, reads_an_empty_matrix_and_crlf)
{
	loaded r;
	load_text(wp_import_mtx, "g.mtx",
	          "%%MatrixMarket matrix coordinate real general\r\n3 3 0\r\n", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, 3));
	cr_assert(eq(u64, r.g.m, 0));
	wp_graph_free(&r.g);
	load_text(wp_import_mtx, "g.mtx", "%%MatrixMarket matrix coordinate real general\n0 0 0",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, 0));
	wp_graph_free(&r.g);
}

/* A random general matrix with repeated entries, written here and checked against the entries
 * themselves: every (i, j) off the diagonal is an arc weighing the largest of its values. */
Test(import_mtx, agrees_with_the_entries_of_random_matrices)
{
	enum { N = 40, NNZ = 600 };
	static float best[N][N];
	static bool seen[N][N];
	char *text = NULL;
	size_t len = 0;
	srand(12345);
	memset(seen, 0, sizeof(seen));
	FILE *f = open_memstream(&text, &len);
	fprintf(f, "%%%%MatrixMarket matrix coordinate real general\n%% random\n%d %d %d\n", N, N,
	        NNZ);
	uint64_t distinct = 0;
	for (int k = 0; k < NNZ; k++) {
		int i = rand() % N, j = rand() % N;
		float v = (float)(rand() % 1000) / 8.0f;
		fprintf(f, "%d %d %.9g\n", i + 1, j + 1, (double)v);
		if (i == j)
			continue;
		if (!seen[i][j]) {
			seen[i][j] = true;
			best[i][j] = v;
			distinct++;
		} else if (v > best[i][j]) {
			best[i][j] = v;
		}
	}
	fclose(f);
	loaded r;
	load_mem(wp_import_mtx, "r.mtx", text, len, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.g.m, distinct));
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			uint64_t a = wp_graph_find_arc(&r.g, (wp_vertex)i, (wp_vertex)j);
			cr_assert(eq(int, a != UINT64_MAX, seen[i][j]), "(%d, %d)", i + 1, j + 1);
			if (seen[i][j])
				cr_assert(eq(flt, r.g.weights[a], best[i][j]));
		}
	wp_graph_free(&r.g);
	free(text);
}

typedef struct bad_case {
	char text[128];
	int status;
	char message[200];
} bad_case;

#define BANNER "%%MatrixMarket matrix coordinate real general\n"

ParameterizedTestParameters(import_mtx, rejects_malformed_files)
{
	static bad_case cases[] = {
	        {"", WP_EINPUT, "g.mtx:1: empty file, expected a Matrix Market banner"},
	        {"1 1 0\n", WP_EINPUT,
	         "g.mtx:1: expected the banner %%MatrixMarket matrix coordinate ...: is this a "
	         "Matrix Market file?"},
	        {"%%MatrixMarket matrix coordinate real\n", WP_EINPUT,
	         "g.mtx:1: the banner needs 4 words after %%MatrixMarket (object, format, field, "
	         "symmetry)"},
	        {"%%MatrixMarket vector coordinate real general\n", WP_EINPUT,
	         "g.mtx:1: object 'vector' is not supported (only matrix)"},
	        {"%%MatrixMarket matrix array real general\n", WP_EINPUT,
	         "g.mtx:1: the dense array format is not supported (only coordinate)"},
	        {"%%MatrixMarket matrix coordinate complex general\n", WP_EINPUT,
	         "g.mtx:1: field 'complex' is not supported (pattern, real or integer)"},
	        {"%%MatrixMarket matrix coordinate real hermitian\n", WP_EINPUT,
	         "g.mtx:1: symmetry 'hermitian' is not supported (general, symmetric or "
	         "skew-symmetric)"},
	        {BANNER, WP_EINPUT, "g.mtx:1: no size line 'rows columns entries'"},
	        {BANNER "3 3\n", WP_EINPUT,
	         "g.mtx:2: expected the size line 'rows columns entries'"},
	        {BANNER "3 4 1\n", WP_EINPUT,
	         "g.mtx:2: the matrix is 3 x 4: only a square matrix is a graph"},
	        {BANNER "4000000000 4000000000 1\n", WP_ELIMIT,
	         "g.mtx:2: 4000000000 rows is more than the 134217728 vertices a Matrix Market "
	         "file "
	         "may declare"},
	        {BANNER "3 3 1\n1 2 1\n2 3 1\n", WP_EINPUT,
	         "g.mtx:4: more entries than the 1 the size line (line 2) declares"},
	        {BANNER "3 3 3\n1 2 1\n", WP_EINPUT,
	         "g.mtx:3: 1 entries, but the size line (line 2) declares 3 (is the file "
	         "truncated?)"},
	        {BANNER "3 3 1\n1 4 1\n", WP_EINPUT, "g.mtx:3: index '4' is not a number in 1..3"},
	        {BANNER "3 3 1\n0 1 1\n", WP_EINPUT, "g.mtx:3: index '0' is not a number in 1..3"},
	        {BANNER "3 3 1\n1 2\n", WP_EINPUT,
	         "g.mtx:3: expected 3 fields (row column value), got 2"},
	        {BANNER "3 3 1\n1 2 x\n", WP_EINPUT, "g.mtx:3: value 'x' is not a finite number"},
	        {BANNER "3 3 1\n1 2 1e300\n", WP_EINPUT,
	         "g.mtx:3: value '1e300' is too large for a 32-bit float"},
	        {"%%MatrixMarket matrix coordinate pattern general\n3 3 1\n1 2 5\n", WP_EINPUT,
	         "g.mtx:3: expected 2 fields (row column), got 3"},
	        {"%%MatrixMarket matrix coordinate integer general\n3 3 1\n1 2 1.5\n", WP_EINPUT,
	         "g.mtx:3: value '1.5' is not an integer"},
	        {"%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 1\n2 2 1\n", WP_EINPUT,
	         "g.mtx:3: a skew-symmetric matrix has no diagonal entries"},
	};
	return cr_make_param_array(bad_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(bad_case *c, import_mtx, rejects_malformed_files)
{
	loaded r;
	load_text(wp_import_mtx, "g.mtx", c->text, &r);
	cr_assert(eq(int, r.st, c->status), "%s", r.err);
	cr_assert(eq(str, r.err, c->message));
}

Test(import_mtx, is_chosen_by_extension)
{
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	cr_assert(eq(int, wp_import_graph(&g, FIXTURES "general-real.mtx", WP_FORMAT_AUTO, &o, err),
	             WP_OK),
	          "%s", err);
	cr_assert(g.directed);
	wp_graph_free(&g);
	wp_format fmt = WP_FORMAT_AUTO;
	cr_assert(eq(int, wp_format_from_path("a/b.mm.gz", &fmt, err), WP_OK));
	cr_assert(eq(int, fmt, WP_FORMAT_MTX));
	cr_assert(eq(int, wp_format_parse("MTX", &fmt, err), WP_OK));
	cr_assert(eq(int, fmt, WP_FORMAT_MTX));
}
