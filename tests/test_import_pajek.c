/* test_import_pajek.c - the Pajek .net reader: files as Pajek, igraph and networkx write them,
 * igraph's own writer as the oracle, malformed input with its exact errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "tests/import_readers.h"
#include "tests/support/cli_run.h"

#define FIXTURES "tests/fixtures/pajek/"

Test(import_pajek, reads_igraph_output_with_labels_and_weights)
{
	loaded r;
	load_path(wp_import_pajek, FIXTURES "igraph.net", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(eq(u32, r.g.n, 4));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 3));
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 0), "alpha"), "unique labels name");
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 3), "delta"));
	cr_assert(eq(flt, arc_weight(&r, "alpha", "beta"), 0.5f));
	cr_assert(eq(flt, arc_weight(&r, "gamma", "alpha"), 1.0f), "undirected: both ways");
	cr_assert(eq(flt, arc_weight(&r, "delta", "gamma"), 2.25f));
	cr_assert(eq(str, (char *)attr_of(&r, "label", "beta"), "beta"));
	wp_graph_free(&r.g);
}

Test(import_pajek, reads_networkx_output_with_bare_labels_and_coordinates)
{
	loaded r;
	load_path(wp_import_pajek, FIXTURES "networkx.net", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, 4));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 2));
	cr_assert(eq(flt, arc_weight(&r, "a b", "c"), 0.5f), "a quoted label with a space");
	cr_assert(eq(flt, arc_weight(&r, "c", "d"), 2.0f));
	cr_assert(eq(u64, wp_graph_degree(&r.g, id_of(&r, "e")), 0), "declared, isolated");
	cr_assert(eq(str, (char *)attr_of(&r, "x", "e"), "0.0"));
	cr_assert(eq(str, (char *)attr_of(&r, "y", "c"), "0.0"));
	cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "z"), -1), "'ellipse' is no coordinate");
	wp_graph_free(&r.g);
}

Test(import_pajek, mixes_arcs_edges_and_lists_with_crlf_and_case_insensitive_keywords)
{
	loaded r;
	load_path(wp_import_pajek, FIXTURES "pajek-mixed-crlf.net", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed, "*Arcs make the graph directed");
	cr_assert(eq(u32, r.g.n, 5));
	/* Vertices 4 and 5 have no label: every vertex is named by its number. */
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 0), "1"));
	cr_assert(eq(str, (char *)attr_of(&r, "label", "1"), "Ann Lee"));
	cr_assert(eq(str, (char *)attr_of(&r, "label", "4"), ""));
	cr_assert(eq(str, (char *)attr_of(&r, "x", "1"), "0.1"));
	cr_assert(eq(str, (char *)attr_of(&r, "z", "1"), "0.5"));
	cr_assert(eq(str, (char *)attr_of(&r, "y", "2"), "0.4"));
	cr_assert(eq(str, (char *)attr_of(&r, "z", "2"), ""));
	cr_assert(eq(flt, arc_weight(&r, "1", "2"), 2.5f), "'c Blue' after the weight ignored");
	cr_assert(not(has_arc(&r, "2", "1")));
	cr_assert(eq(flt, arc_weight(&r, "2", "3"), 1.0f));
	cr_assert(eq(flt, arc_weight(&r, "3", "4"), 1.5f), "an *Edges line is two arcs");
	cr_assert(eq(flt, arc_weight(&r, "4", "3"), 1.5f));
	cr_assert(has_arc(&r, "5", "1") && has_arc(&r, "5", "2"), "*arcslist");
	cr_assert(not(has_arc(&r, "1", "5")));
	cr_assert(eq(u64, r.g.m, 6));
	wp_graph_free(&r.g);
}

Test(import_pajek, reads_edgeslist_and_keeps_isolated_vertices)
{
	loaded r;
	load_path(wp_import_pajek, FIXTURES "edgeslist.net", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(eq(u32, r.g.n, 6));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 4));
	cr_assert(has_arc(&r, "4", "1") && has_arc(&r, "5", "2"));
	cr_assert(eq(u64, wp_graph_degree(&r.g, id_of(&r, "6")), 0));
	cr_assert(eq(ptr, r.g.weights, NULL));
	wp_graph_free(&r.g);
}

Test(import_pajek, names_vertices_by_number_when_labels_repeat)
{
	loaded r;
	load_text(wp_import_pajek, "g.net", "*Vertices 2\n1 \"x\"\n2 \"x\"\n*Edges\n1 2\n", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(has_arc(&r, "1", "2"));
	cr_assert(eq(str, (char *)attr_of(&r, "label", "2"), "x"));
	wp_graph_free(&r.g);
}

Test(import_pajek, reads_the_null_graph_and_a_self_loop)
{
	loaded r;
	load_text(wp_import_pajek, "g.net", "*Vertices 0\n", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, 0));
	wp_graph_free(&r.g);
	load_text(wp_import_pajek, "g.net", "*Vertices 1\n*Arcs\n1 1\n", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, 1));
	cr_assert(eq(u64, r.g.m, 0));
	cr_assert(eq(u64, r.g.self_loops_removed, 1));
	wp_graph_free(&r.g);
}

/* Writes a random G(n, m) graph with igraph's Pajek writer, reads it back, and compares every
 * vertex's neighbour set and every weight with igraph's graph. */
static void check_igraph_round_trip(bool directed, igraph_integer_t n, igraph_integer_t m,
                                    unsigned seed)
{
	igraph_t ig;
	char *text = NULL;
	size_t len = 0;
	igraph_set_attribute_table(&igraph_cattribute_table);
	igraph_rng_seed(igraph_rng_default(), seed);
	cr_assert(eq(int, igraph_erdos_renyi_game_gnm(&ig, n, m, directed, false), IGRAPH_SUCCESS));
	for (igraph_integer_t e = 0; e < m; e++)
		cr_assert(eq(int, SETEAN(&ig, "weight", e, 0.25 * (double)(1 + e % 9)),
		             IGRAPH_SUCCESS));
	/* igraph writes the "id" attribute as the label, escaping quotes and backslashes. */
	char name[48];
	for (igraph_integer_t v = 0; v < n; v++) {
		snprintf(name, sizeof(name), "v %d \"q\" a\\b", (int)v);
		cr_assert(eq(int, SETVAS(&ig, "id", v, name), IGRAPH_SUCCESS));
	}
	FILE *f = open_memstream(&text, &len);
	cr_assert(eq(int, igraph_write_graph_pajek(&ig, f), IGRAPH_SUCCESS));
	fclose(f);

	loaded r;
	load_mem(wp_import_pajek, "igraph.net", text, len, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(int, r.directed, directed));
	cr_assert(eq(u32, r.g.n, (uint32_t)n));
	cr_assert(eq(u64, wp_graph_edges(&r.g), (uint64_t)m));
	igraph_vector_int_t nb;
	igraph_vector_int_init(&nb, 0);
	for (igraph_integer_t v = 0; v < n; v++) {
		snprintf(name, sizeof(name), "v %d \"q\" a\\b", (int)v);
		cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, (wp_vertex)v), name));
		cr_assert(eq(int, igraph_neighbors(&ig, &nb, v, IGRAPH_OUT), IGRAPH_SUCCESS));
		igraph_vector_int_sort(&nb);
		igraph_integer_t k = igraph_vector_int_size(&nb);
		cr_assert(eq(u64, wp_graph_out_degree(&r.g, (wp_vertex)v), (uint64_t)k));
		for (igraph_integer_t i = 0; i < k; i++)
			cr_assert(eq(u32, r.g.targets[r.g.offsets[v] + (uint64_t)i],
			             (uint32_t)VECTOR(nb)[i]));
	}
	for (igraph_integer_t e = 0; e < m; e++) {
		igraph_integer_t from, to;
		igraph_edge(&ig, e, &from, &to);
		uint64_t a = wp_graph_find_arc(&r.g, (wp_vertex)from, (wp_vertex)to);
		cr_assert(not(eq(u64, a, UINT64_MAX)));
		cr_assert(eq(flt, r.g.weights[a], (float)EAN(&ig, "weight", e)));
	}
	igraph_vector_int_destroy(&nb);
	igraph_destroy(&ig);
	wp_graph_free(&r.g);
	free(text);
}

Test(import_pajek, agrees_with_igraph_writer_on_random_graphs)
{
	check_igraph_round_trip(false, 60, 150, 7);
	check_igraph_round_trip(true, 80, 400, 11);
	check_igraph_round_trip(false, 1, 0, 3);
}

Test(import_pajek, igraph_reads_our_fixture_alike)
{
	/* The oracle the other way: igraph's reader on a plain undirected fixture. */
	igraph_t ig;
	FILE *f = fopen(FIXTURES "igraph.net", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	igraph_set_attribute_table(&igraph_cattribute_table);
	cr_assert(eq(int, igraph_read_graph_pajek(&ig, f), IGRAPH_SUCCESS));
	fclose(f);
	loaded r;
	load_path(wp_import_pajek, FIXTURES "igraph.net", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, (uint32_t)igraph_vcount(&ig)));
	cr_assert(eq(u64, wp_graph_edges(&r.g), (uint64_t)igraph_ecount(&ig)));
	for (igraph_integer_t e = 0; e < igraph_ecount(&ig); e++) {
		igraph_integer_t from, to;
		igraph_edge(&ig, e, &from, &to);
		uint64_t a = wp_graph_find_arc(&r.g, (wp_vertex)from, (wp_vertex)to);
		cr_assert(not(eq(u64, a, UINT64_MAX)));
		cr_assert(eq(flt, r.g.weights[a], (float)EAN(&ig, "weight", e)));
	}
	igraph_destroy(&ig);
	wp_graph_free(&r.g);
}

typedef struct bad_case {
	char text[96];
	int status;
	char message[200];
} bad_case;

ParameterizedTestParameters(import_pajek, rejects_malformed_files)
{
	static bad_case cases[] = {
	        {"", WP_EINPUT, "g.net:1: no *Vertices line: is this a Pajek file?"},
	        {"% only a comment\n", WP_EINPUT,
	         "g.net:1: no *Vertices line: is this a Pajek file?"},
	        {"*Vertices 4000000000\n", WP_ELIMIT,
	         "g.net:1: *Vertices 4000000000 is more than the 134217728 vertices a Pajek file "
	         "may declare"},
	        {"*Vertices x\n", WP_EINPUT, "g.net:1: *Vertices count 'x' is not a number"},
	        {"*Vertices\n", WP_EINPUT, "g.net:1: *Vertices needs the number of vertices"},
	        {"*Vertices 2\n*Vertices 2\n", WP_EINPUT,
	         "g.net:2: a second *Vertices line (first on line 1)"},
	        {"1 2\n", WP_EINPUT, "g.net:1: expected *Vertices before any data"},
	        {"*Edges\n1 2\n", WP_EINPUT, "g.net:1: *Edges before *Vertices"},
	        {"*Vertices 3\n*Foo\n", WP_EINPUT,
	         "g.net:2: unknown section '*Foo' (expected *Vertices, *Arcs, *Edges, *Arcslist or "
	         "*Edgeslist)"},
	        {"*Vertices 3\n*Matrix\n", WP_EINPUT,
	         "g.net:2: *Matrix sections are not supported (write *Arcs or *Edges)"},
	        {"*Vertices 3\n*Edges\n1 4\n", WP_EINPUT,
	         "g.net:3: vertex 4 is not between 1 and 3 (*Vertices on line 1)"},
	        {"*Vertices 3\n*Edges\n0 1\n", WP_EINPUT,
	         "g.net:3: vertex 0 is not between 1 and 3 (*Vertices on line 1)"},
	        {"*Vertices 3\n*Edges\na 1\n", WP_EINPUT,
	         "g.net:3: vertex 'a' is not a vertex number"},
	        {"*Vertices 3\n*Edges\n1\n", WP_EINPUT,
	         "g.net:3: expected two vertex numbers, got 1"},
	        {"*Vertices 3\n*Edges\r\n1 2 1.5x\r\n", WP_EINPUT,
	         "g.net:3: bad weight '1.5x': expected a finite number"},
	        {"*Vertices 3\n*Arcs\n1 2 nan\n", WP_EINPUT,
	         "g.net:3: bad weight 'nan': expected a finite number"},
	        {"*Vertices 3\n*Arcs\n1 2 1e39\n", WP_EINPUT,
	         "g.net:3: weight '1e39' is too large for a 32-bit float"},
	        {"*Vertices 3\n1 \"open\n", WP_EINPUT, "g.net:2: unterminated quoted label"},
	        {"*Vertices 3\n1 a\n1 b\n", WP_EINPUT, "g.net:3: vertex 1 is described twice"},
	        {"*Vertices 3\n7 a\n", WP_EINPUT,
	         "g.net:2: vertex 7 is not between 1 and 3 (*Vertices on line 1)"},
	};
	return cr_make_param_array(bad_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(bad_case *c, import_pajek, rejects_malformed_files)
{
	loaded r;
	load_text(wp_import_pajek, "g.net", c->text, &r);
	cr_assert(eq(int, r.st, c->status), "%s", r.err);
	cr_assert(eq(str, r.err, c->message));
}

Test(import_pajek, rejects_a_binary_file)
{
	static const char bin[] = "*Vertices 2\n\0\1\2\n";
	loaded r;
	load_mem(wp_import_pajek, "g.net", bin, sizeof(bin) - 1, &r);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err, "g.net:2: NUL byte (is this a binary file?)"));
}

Test(import_pajek, is_chosen_by_extension_and_reads_gzip)
{
	char path[] = "/tmp/wp_pajek_XXXXXX";
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	close(fd);
	char gz[64];
	snprintf(gz, sizeof(gz), "%s.net.gz", path);
	gzFile z = gzopen(gz, "wb");
	cr_assert(not(eq(ptr, z, NULL)));
	gzputs(z, "*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Arcs\n1 2\n2 3 4\n");
	gzclose(z);
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	cr_assert(eq(int, wp_import_graph(&g, gz, WP_FORMAT_AUTO, &o, err), WP_OK), "%s", err);
	cr_assert(g.directed);
	cr_assert(eq(u64, g.m, 2));
	wp_graph_free(&g);
	wp_format fmt = WP_FORMAT_AUTO;
	cr_assert(eq(int, wp_format_from_path("x.pajek", &fmt, err), WP_OK));
	cr_assert(eq(int, fmt, WP_FORMAT_PAJEK));
	cr_assert(eq(int, wp_format_parse("pajek", &fmt, err), WP_OK));
	cr_assert(eq(int, fmt, WP_FORMAT_PAJEK));
	unlink(gz);
	unlink(path);
}

Test(import_pajek, cli_exits_2_with_the_line_on_bad_input)
{
	static cli_run_result R;
	char dir[64], path[128];
	cli_run_tmpdir(dir, "pajek");
	snprintf(path, sizeof(path), "%s/bad.net", dir);
	FILE *f = fopen(path, "w");
	fputs("*Vertices 2\n*Edges\n1 3\n", f);
	fclose(f);
	cli_run(&R, "stats %s", path);
	cr_assert(eq(int, R.status, 2));
	cr_assert(not(eq(ptr, strstr(R.err, "bad.net:3: vertex 3 is not between 1 and 2"), NULL)),
	          "%s", R.err);
	cli_run(&R, "stats --input-format pajek %s/bad.net --format json", dir);
	cr_assert(eq(int, R.status, 2));
	cli_run_rmdir(dir);
}
