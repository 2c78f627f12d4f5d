/* test_import_gt.c - graph-tool's binary .gt reader: files built byte by byte here (both byte
 * orders, every value type to skip), files written by graph-tool 2.45 itself, and malformed or
 * hostile headers with their exact errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/import_readers.h"

#define FIXTURES "tests/fixtures/gt/"
#define COLLECTION "/usr/lib/python3/dist-packages/graph_tool/collection/"

/* A .gt file under construction. */
typedef struct gtb {
	unsigned char b[8192];
	size_t len;
	bool big;
} gtb;

static void put(gtb *g, const void *p, size_t n)
{
	cr_assert(g->len + n <= sizeof(g->b));
	memcpy(g->b + g->len, p, n);
	g->len += n;
}

static void put_u(gtb *g, uint64_t x, unsigned width)
{
	unsigned char b[8];
	for (unsigned i = 0; i < width; i++)
		b[g->big ? width - 1 - i : i] = (unsigned char)(x >> (8 * i));
	put(g, b, width);
}

static void put_byte(gtb *g, unsigned x)
{
	put_u(g, x, 1);
}

static void put_str(gtb *g, const char *s)
{
	put_u(g, strlen(s), 8);
	put(g, s, strlen(s));
}

static void put_double(gtb *g, double d)
{
	uint64_t x;
	memcpy(&x, &d, sizeof(x));
	put_u(g, x, 8);
}

static void start(gtb *g, bool big, bool directed, uint64_t n)
{
	static const unsigned char magic[] = {0xe2, 0x9b, 0xbe, 0x20, 0x67, 0x74};
	memset(g, 0, sizeof(*g));
	g->big = big;
	put(g, magic, 6);
	put_byte(g, 1);
	put_byte(g, big);
	put_str(g, "graph-tool binary file (test) stats: made by hand");
	put_byte(g, directed);
	put_u(g, n, 8);
}

/* A property map header: key type (0 graph, 1 vertex, 2 edge), name, value type. */
static void prop(gtb *g, unsigned key, const char *name, unsigned type)
{
	put_byte(g, key);
	put_str(g, name);
	put_byte(g, type);
}

/* Three vertices, arcs 0->1, 0->2, 2->1, and one map of every kind that must be skipped around
 * the ones that are kept. */
static void build_sample(gtb *g, bool big)
{
	start(g, big, true, 3);
	put_u(g, 2, 8), put_byte(g, 1), put_byte(g, 2); /* vertex 0 */
	put_u(g, 0, 8);                                 /* vertex 1 */
	put_u(g, 1, 8), put_byte(g, 1);                 /* vertex 2 */
	put_u(g, 12, 8);
	prop(g, 0, "description", 6), put_str(g, "graph map");
	prop(g, 1, "name", 6), put_str(g, "Ann"), put_str(g, "Bo"), put_str(g, "");
	prop(g, 1, "age", 1), put_u(g, 30, 2), put_u(g, (uint16_t)-4, 2), put_u(g, 7, 2);
	prop(g, 1, "pos", 11); /* vector<double> */
	for (int v = 0; v < 3; v++)
		put_u(g, 2, 8), put_double(g, v), put_double(g, -v);
	prop(g, 1, "obj", 14); /* python::object: a pickle in a string */
	for (int v = 0; v < 3; v++)
		put_str(g, "\x80\x04K\x01.");
	prop(g, 1, "tags", 13); /* vector<string> */
	put_u(g, 2, 8), put_str(g, "a"), put_str(g, "bc");
	put_u(g, 0, 8);
	put_u(g, 1, 8), put_str(g, "d");
	prop(g, 2, "vi", 9); /* vector<int32_t> */
	for (int e = 0; e < 3; e++)
		put_u(g, 1, 8), put_u(g, (uint64_t)e, 4);
	prop(g, 2, "ld", 5); /* long double, 16 bytes */
	for (int e = 0; e < 3; e++)
		put_u(g, 0, 8), put_u(g, 0, 8);
	prop(g, 2, "weight", 4), put_double(g, 0.5), put_double(g, 1.5), put_double(g, 2.5);
	prop(g, 0, "flag", 0), put_byte(g, 1);
	prop(g, 1, "flag", 0), put_byte(g, 1), put_byte(g, 0), put_byte(g, 1);
	prop(g, 1, "score", 4), put_double(g, 0.25), put_double(g, -1e-3), put_double(g, 3);
}

ParameterizedTestParameters(import_gt, reads_a_hand_built_file_in_either_byte_order)
{
	static bool orders[] = {false, true};
	return cr_make_param_array(bool, orders, 2);
}

ParameterizedTest(bool *big, import_gt, reads_a_hand_built_file_in_either_byte_order)
{
	static gtb g;
	loaded r;
	build_sample(&g, *big);
	load_mem(wp_import_gt, "g.gt", g.b, g.len, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed);
	cr_assert(eq(u32, r.g.n, 3));
	cr_assert(eq(u64, r.g.m, 3));
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 2), "2"), "named by index");
	cr_assert(eq(flt, arc_weight(&r, "0", "1"), 0.5f));
	cr_assert(eq(flt, arc_weight(&r, "0", "2"), 1.5f));
	cr_assert(eq(flt, arc_weight(&r, "2", "1"), 2.5f));
	cr_assert(not(has_arc(&r, "1", "0")));
	cr_assert(eq(str, (char *)attr_of(&r, "name", "1"), "Bo"));
	cr_assert(eq(str, (char *)attr_of(&r, "name", "2"), ""));
	cr_assert(eq(str, (char *)attr_of(&r, "age", "1"), "-4"));
	cr_assert(eq(str, (char *)attr_of(&r, "flag", "1"), "false"));
	cr_assert(eq(str, (char *)attr_of(&r, "score", "1"), "-0.001"));
	cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "pos"), -1), "vectors are skipped");
	cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "tags"), -1));
	cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "obj"), -1));
	cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "description"), -1));
	wp_graph_free(&r.g);
}

Test(import_gt, uses_two_byte_indices_past_255_vertices_and_undirected_edges_once)
{
	static gtb g;
	loaded r;
	start(&g, false, false, 300);
	for (int v = 0; v < 300; v++) {
		if (v == 0)
			put_u(&g, 1, 8), put_u(&g, 299, 2);
		else if (v == 299)
			put_u(&g, 2, 8), put_u(&g, 5, 2), put_u(&g, 5, 2);
		else
			put_u(&g, 0, 8);
	}
	put_u(&g, 0, 8);
	load_mem(wp_import_gt, "g.gt", g.b, g.len, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(eq(u32, r.g.n, 300));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 2));
	cr_assert(eq(u64, r.g.multi_edges_merged, 1));
	cr_assert(has_arc(&r, "299", "0") && has_arc(&r, "5", "299"));
	wp_graph_free(&r.g);
}

Test(import_gt, prefers_weight_then_value_then_strength_and_skips_non_finite_maps)
{
	static gtb g;
	loaded r;
	start(&g, false, true, 2);
	put_u(&g, 1, 8), put_byte(&g, 1), put_u(&g, 0, 8);
	put_u(&g, 4, 8);
	prop(&g, 2, "strength", 2), put_u(&g, 9, 4);
	prop(&g, 2, "value", 3), put_u(&g, 6, 8);
	prop(&g, 2, "Weight", 4), put_double(&g, INFINITY); /* not usable: value stays */
	prop(&g, 2, "other", 4), put_double(&g, 2);
	load_mem(wp_import_gt, "g.gt", g.b, g.len, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(flt, arc_weight(&r, "0", "1"), 6.0f));
	wp_graph_free(&r.g);
}

Test(import_gt, reads_files_written_by_graph_tool)
{
	static const char *const files[] = {FIXTURES "graph-tool-2.45.gt",
	                                    FIXTURES "graph-tool-2.45.gt.gz"};
	for (int i = 0; i < 2; i++) {
		loaded r;
		load_path(wp_import_gt, files[i], &r);
		cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
		cr_assert(r.directed);
		cr_assert(eq(u32, r.g.n, 4));
		cr_assert(eq(u64, r.edges_read, 5));
		cr_assert(eq(u64, r.g.m, 4));
		cr_assert(eq(flt, arc_weight(&r, "0", "1"), 4.5f), "parallel: the largest weight");
		cr_assert(eq(flt, arc_weight(&r, "3", "1"), 3.5f), "weight, not value");
		cr_assert(eq(str, (char *)attr_of(&r, "name", "3"), "Dee"));
		cr_assert(eq(str, (char *)attr_of(&r, "age", "1"), "-4"));
		cr_assert(eq(str, (char *)attr_of(&r, "flag", "0"), "true"));
		cr_assert(eq(str, (char *)attr_of(&r, "score", "3"), "0.75"));
		cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "obj"), -1));
		wp_graph_free(&r.g);
	}
	loaded r;
	load_path(wp_import_gt, FIXTURES "undirected-300.gt.gz", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(eq(u32, r.g.n, 300));
	cr_assert(has_arc(&r, "299", "0") && has_arc(&r, "6", "5") && has_arc(&r, "5", "299"));
	wp_graph_free(&r.g);
}

Test(import_gt, loads_the_graph_tool_collection_when_installed)
{
	if (access(COLLECTION "karate.gt.gz", R_OK) != 0)
		cr_skip_test("python3-graph-tool's collection is not installed");
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	cr_assert(eq(int, wp_import_graph(&g, COLLECTION "karate.gt.gz", WP_FORMAT_AUTO, &o, err),
	             WP_OK),
	          "%s", err);
	cr_assert(eq(u32, g.n, 34));
	cr_assert(eq(u64, wp_graph_edges(&g), 78));
	wp_graph_free(&g);
	cr_assert(eq(int,
	             wp_import_graph(&g, COLLECTION "netscience.gt.gz", WP_FORMAT_AUTO, &o, err),
	             WP_OK),
	          "%s", err);
	cr_assert(eq(u32, g.n, 1589));
	cr_assert(eq(u64, wp_graph_edges(&g), 2742));
	cr_assert(not(eq(ptr, g.weights, NULL)), "its \"value\" map weighs the edges");
	int c = wp_attrs_find(&g.attrs, "label");
	cr_assert(c >= 0);
	cr_assert(eq(str, (char *)wp_attrs_get(&g.attrs, c, 0), "ABRAMSON, G"));
	wp_graph_free(&g);
}

typedef struct bad_case {
	int kind;
	int status;
	char message[200];
} bad_case;

/* Builds malformed file number `kind` into g. */
static void build_bad(gtb *g, int kind)
{
	switch (kind) {
	case 0: /* not graph-tool at all */
		memset(g, 0, sizeof(*g));
		put(g, "graphml", 7);
		break;
	case 1: /* version 2 */
		start(g, false, true, 0);
		g->b[6] = 2;
		break;
	case 2: /* endianness flag 2 */
		start(g, false, true, 0);
		g->b[7] = 2;
		break;
	case 3: /* cut inside the comment */
		start(g, false, true, 0);
		g->len = 20;
		break;
	case 4: /* too many vertices for 32-bit ids */
		start(g, false, true, 1ull << 40);
		break;
	case 5: /* four billion vertices in a file of a few bytes */
		start(g, false, true, 4000000000ull);
		put_u(g, 0, 8);
		break;
	case 6: /* a neighbour index out of range */
		start(g, false, true, 2);
		put_u(g, 1, 8), put_byte(g, 2), put_u(g, 0, 8), put_u(g, 0, 8);
		break;
	case 7: /* an absurd out-degree */
		start(g, false, true, 2);
		put_u(g, 1ull << 60, 8), put_byte(g, 1);
		break;
	case 8: /* key type 3 */
		start(g, false, true, 1);
		put_u(g, 0, 8), put_u(g, 1, 8), prop(g, 3, "x", 4);
		break;
	case 9: /* value type 15 */
		start(g, false, true, 1);
		put_u(g, 0, 8), put_u(g, 1, 8), prop(g, 1, "x", 15);
		break;
	case 10: /* empty map name */
		start(g, false, true, 1);
		put_u(g, 0, 8), put_u(g, 1, 8), prop(g, 1, "", 4);
		break;
	case 11: /* a vector longer than any file */
		start(g, false, true, 1);
		put_u(g, 0, 8), put_u(g, 1, 8), prop(g, 1, "v", 12), put_u(g, 1ull << 62, 8);
		break;
	case 12: /* bytes after the last map */
		start(g, false, true, 1);
		put_u(g, 0, 8), put_u(g, 0, 8), put_byte(g, 0);
		break;
	case 13: /* a map cut short */
		start(g, false, true, 2);
		put_u(g, 0, 8), put_u(g, 0, 8), put_u(g, 1, 8), prop(g, 1, "name", 6),
		        put_str(g, "a"), put_u(g, 5, 8), put(g, "ab", 2);
		break;
	case 14: /* a non-finite weight is fine, but a huge string value is not kept */
		start(g, false, true, 1);
		put_u(g, 0, 8), put_u(g, 1, 8), prop(g, 1, "name", 6), put_u(g, 1ull << 40, 8);
		break;
	default: /* empty */
		memset(g, 0, sizeof(*g));
		break;
	}
}

ParameterizedTestParameters(import_gt, rejects_malformed_files)
{
	static bad_case cases[] = {
	        {0, WP_EINPUT,
	         "g.gt: byte 0: not a graph-tool file (no \"\xe2\x9b\xbe gt\" magic)"},
	        {1, WP_EINPUT, "g.gt: byte 6: format version 2 is not supported (only 1)"},
	        {2, WP_EINPUT, "g.gt: byte 7: endianness flag 2 is neither 0 nor 1"},
	        {3, WP_EINPUT, "g.gt: byte 20: file ends inside the comment (is it truncated?)"},
	        {4, WP_ELIMIT,
	         "g.gt: byte 66: 1099511627776 vertices, more than the 4294967294 "
	         "supported"},
	        {5, WP_EINPUT,
	         "g.gt: byte 82: file ends inside the adjacency list (is it "
	         "truncated?)"},
	        {6, WP_EINPUT,
	         "g.gt: byte 82: neighbour 2 of vertex 0 is not below the vertex "
	         "count 2"},
	        {7, WP_EINPUT,
	         "g.gt: byte 83: file ends inside the adjacency list (is it "
	         "truncated?)"},
	        {8, WP_EINPUT,
	         "g.gt: byte 90: property map 0 has key type 3 (0 graph, 1 vertex or "
	         "2 edge expected)"},
	        {9, WP_EINPUT,
	         "g.gt: byte 100: property map 'x' has value type 15 (0 to 14 "
	         "expected)"},
	        {10, WP_EINPUT, "g.gt: byte 91: property map name of 0 bytes (1 to 4096 accepted)"},
	        {11, WP_EINPUT,
	         "g.gt: byte 101: a vector of 4611686018427387904 elements cannot "
	         "fit in a file"},
	        {12, WP_EINPUT, "g.gt: byte 90: unexpected data after the property maps"},
	        {13, WP_EINPUT, "g.gt: byte 131: file ends inside a string (is it truncated?)"},
	        {14, WP_ELIMIT,
	         "g.gt: byte 104: a vertex string of 1099511627776 bytes, over the "
	         "1048576 accepted"},
	        {15, WP_EINPUT,
	         "g.gt: byte 0: not a graph-tool file (no \"\xe2\x9b\xbe gt\" magic)"},
	};
	return cr_make_param_array(bad_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(bad_case *c, import_gt, rejects_malformed_files)
{
	static gtb g;
	loaded r;
	build_bad(&g, c->kind);
	load_mem(wp_import_gt, "g.gt", g.b, g.len, &r);
	cr_assert(eq(int, r.st, c->status), "%s", r.err);
	cr_assert(eq(str, r.err, c->message));
}

Test(import_gt, is_chosen_by_extension)
{
	wp_format fmt = WP_FORMAT_AUTO;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_format_from_path("karate.gt.gz", &fmt, err), WP_OK));
	cr_assert(eq(int, fmt, WP_FORMAT_GT));
	cr_assert(eq(int, wp_format_parse("gt", &fmt, err), WP_OK));
	cr_assert(eq(int, fmt, WP_FORMAT_GT));
}
