/* test_import_gexf.c - the GEXF reader: files as Gephi 0.10 and networkx write them, 1.2draft,
 * 1.3draft and 1.3, weights as attribute or attvalue, mixed directions, safety and exact errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/import_readers.h"

#define FIXTURES "tests/fixtures/gexf/"
#define HEAD "<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"

Test(import_gexf, reads_gephi_output_with_attributes_and_viz)
{
	loaded r;
	load_path(wp_import_gexf, FIXTURES "gephi-0.10.gexf", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(eq(u32, r.g.n, 4));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 4));
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 0), "0"), "node ids are labels");
	cr_assert(eq(str, (char *)attr_of(&r, "label", "0"), "Myriel"));
	cr_assert(eq(str, (char *)attr_of(&r, "Modularity Class", "2"), "2"), "named by title");
	cr_assert(eq(str, (char *)attr_of(&r, "Betweenness Centrality", "2"), "0.5"));
	cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "kind"), -1), "edge attributes are not kept");
	cr_assert(eq(flt, arc_weight(&r, "0", "1"), 1.0f));
	cr_assert(eq(flt, arc_weight(&r, "0", "2"), 8.0f));
	cr_assert(eq(flt, arc_weight(&r, "2", "3"), 6.0f));
	wp_graph_free(&r.g);
}

Test(import_gexf, reads_networkx_output_1_2draft)
{
	loaded r;
	load_path(wp_import_gexf, FIXTURES "networkx.gexf", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed);
	cr_assert(eq(u32, r.g.n, 3));
	cr_assert(eq(str, (char *)attr_of(&r, "label", "alice"), "Alice Smith"));
	cr_assert(eq(str, (char *)attr_of(&r, "age", "bob"), "27"));
	cr_assert(eq(str, (char *)attr_of(&r, "age", "carol"), ""));
	cr_assert(eq(flt, arc_weight(&r, "alice", "bob"), 2.5f));
	cr_assert(eq(flt, arc_weight(&r, "carol", "alice"), 1.0f), "no weight: 1");
	cr_assert(not(has_arc(&r, "bob", "alice")));
	wp_graph_free(&r.g);
}

Test(import_gexf, mixes_directed_undirected_and_mutual_edges)
{
	loaded r;
	load_path(wp_import_gexf, FIXTURES "mixed-1.3.gexf", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed, "one directed edge makes the graph directed");
	cr_assert(eq(flt, arc_weight(&r, "a", "b"), 2.0f));
	cr_assert(not(has_arc(&r, "b", "a")));
	cr_assert(has_arc(&r, "b", "c") && has_arc(&r, "c", "b"), "default undirected: two arcs");
	cr_assert(eq(flt, arc_weight(&r, "d", "c"), 0.25f), "mutual: two arcs, same weight");
	cr_assert(eq(flt, arc_weight(&r, "c", "d"), 0.25f));
	cr_assert(eq(u64, r.g.m, 5));
	wp_graph_free(&r.g);
}

Test(import_gexf, takes_the_weight_from_an_attvalue_and_nodes_declared_after_edges)
{
	loaded r;
	load_path(wp_import_gexf, FIXTURES "attvalue-weight-1.3draft.gexf", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed);
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 0), "x"), "first named by an edge");
	cr_assert(eq(flt, arc_weight(&r, "x", "y"), 3.5f), "attvalue titled Weight");
	cr_assert(eq(flt, arc_weight(&r, "y", "z"), 7.0f), "the weight attribute wins");
	cr_assert(eq(str, (char *)attr_of(&r, "organisation", "x"), "Acme"));
	cr_assert(eq(str, (char *)attr_of(&r, "organisation", "z"), ""), "defaults not applied");
	cr_assert(eq(str, (char *)attr_of(&r, "label", "y"), "Y"));
	wp_graph_free(&r.g);
}

Test(import_gexf, reads_optional_edge_ids_self_loops_and_parallel_edges)
{
	loaded r;
	load_text(wp_import_gexf, "g.gexf",
	          HEAD
	          "<graph defaultedgetype=\"directed\"><nodes><node id=\"1\"/><node id=\"2\"/>"
	          "<node id=\"3\"/></nodes><edges><edge source=\"1\" target=\"2\" weight=\"1\"/>"
	          "<edge source=\"1\" target=\"2\" weight=\"4\"/><edge source=\"2\" "
	          "target=\"2\"/></edges></graph></gexf>",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.edges_read, 3));
	cr_assert(eq(u64, r.g.m, 1));
	cr_assert(eq(flt, arc_weight(&r, "1", "2"), 4.0f), "parallel edges keep the largest");
	cr_assert(eq(u64, r.g.self_loops_removed, 1));
	cr_assert(eq(u64, wp_graph_degree(&r.g, id_of(&r, "3")), 0));
	wp_graph_free(&r.g);
	load_text(wp_import_gexf, "g.gexf", HEAD "<graph/></gexf>", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, 0), "the null graph");
	cr_assert(not(r.directed), "undirected by default");
	wp_graph_free(&r.g);
}

typedef struct bad_case {
	char text[400];
	int status;
	char message[200];
} bad_case;

#define G1 "<graph defaultedgetype=\"directed\">"

ParameterizedTestParameters(import_gexf, rejects_malformed_files)
{
	static bad_case cases[] = {
	        {"", WP_EINPUT, "g.gexf:1: empty file, expected GEXF"},
	        {"<?xml version=\"1.0\"?>\n<graphml/>\n", WP_EINPUT,
	         "g.gexf:2: the root element is <graphml>, expected <gexf> (is this a GEXF file?)"},
	        {"<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://example.com/x\"/>\n", WP_EINPUT,
	         "g.gexf:2: the root element is <gexf> in namespace 'http://example.com/x', "
	         "expected <gexf> (is this a GEXF file?)"},
	        {HEAD "</gexf>", WP_EINPUT, "g.gexf:1: no <graph> element in the file"},
	        {HEAD "<graph/>\n<graph/></gexf>", WP_EINPUT,
	         "g.gexf:4: a second <graph>: only one graph per file is supported"},
	        {HEAD "<graph defaultedgetype=\"both\"/></gexf>", WP_EINPUT,
	         "g.gexf:3: defaultedgetype must be directed, undirected or mutual, not 'both'"},
	        {HEAD G1 "<nodes><node id=\"a\"/>\n<node id=\"a\"/></nodes></graph></gexf>",
	         WP_EINPUT, "g.gexf:4: node 'a' is declared twice (first on line 3)"},
	        {HEAD G1 "<nodes><node id=\"a\"/></nodes>\n<edges><edge source=\"a\" "
	                 "target=\"b\"/></edges></graph></gexf>",
	         WP_EINPUT, "g.gexf:4: edge names node 'b' that is never declared"},
	        {HEAD G1 "<nodes><node id=\"a\"/></nodes><edges>\n<edge source=\"a\"/></edges>"
	                 "</graph></gexf>",
	         WP_EINPUT, "g.gexf:4: <edge> has no target attribute"},
	        {HEAD G1 "<nodes><node id=\"a\"/></nodes><edges>\n<edge source=\"a\" target=\"a\" "
	                 "type=\"both\"/></edges></graph></gexf>",
	         WP_EINPUT,
	         "g.gexf:4: edge type must be directed, undirected or mutual, not 'both'"},
	        {HEAD G1 "<nodes><node id=\"a\"/></nodes><edges>\n<edge source=\"a\" target=\"a\" "
	                 "weight=\"heavy\"/></edges></graph></gexf>",
	         WP_EINPUT, "g.gexf:4: edge weight 'heavy' is not a number"},
	        {HEAD G1 "<nodes><node id=\"a\"/></nodes><edges>\n<edge source=\"a\" target=\"a\" "
	                 "weight=\"1e40\"/></edges></graph></gexf>",
	         WP_EINPUT, "g.gexf:4: edge weight '1e40' is not a finite 32-bit float"},
	        {HEAD G1 "<nodes><node id=\"a\">\n<attvalues><attvalue for=\"x\" value=\"1\"/>"
	                 "</attvalues></node></nodes></graph></gexf>",
	         WP_EINPUT,
	         "g.gexf:4: <attvalue> refers to node attribute 'x', which no <attribute> "
	         "declares"},
	        {HEAD G1 "<attributes class=\"node\"><attribute id=\"x\" title=\"X\"/>\n<attribute "
	                 "id=\"x\" title=\"Y\"/></attributes></graph></gexf>",
	         WP_EINPUT, "g.gexf:4: node attribute 'x' is declared twice"},
	        {HEAD G1 "<nodes>\n<node id=\"a\" pid=\"b\"/></nodes></graph></gexf>", WP_EINPUT,
	         "g.gexf:4: hierarchical graphs (pid) are not supported"},
	        {HEAD G1 "<nodes><node id=\"a\">\n<nodes/></node></nodes></graph></gexf>",
	         WP_EINPUT,
	         "g.gexf:4: hierarchical graphs (<nodes> inside a <node>) are not supported"},
	        {HEAD G1 "<nodes>\n<node/></nodes></graph></gexf>", WP_EINPUT,
	         "g.gexf:4: <node> has no id attribute"},
	        {HEAD G1 "<nodes>\n<node id=\"\"/></nodes></graph></gexf>", WP_EINPUT,
	         "g.gexf:4: <node> id is empty"},
	        {HEAD G1 "<nodes>\n<node id=\"a\"", WP_EINPUT,
	         "g.gexf:4: unexpected end of file inside <nodes> (is the file truncated?)"},
	        {HEAD G1 "<nodes><node id=\"a\"/></nodes>\n<edges>", WP_EINPUT,
	         "g.gexf:4: unexpected end of file inside <edges> (is the file truncated?)"},
	        {HEAD G1 "<nodes><node id=\"a\" id=\"b\"/></nodes></graph></gexf>", WP_EINPUT,
	         "g.gexf:3: malformed XML: Attribute id redefined"},
	};
	return cr_make_param_array(bad_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(bad_case *c, import_gexf, rejects_malformed_files)
{
	loaded r;
	load_text(wp_import_gexf, "g.gexf", c->text, &r);
	cr_assert(eq(int, r.st, c->status), "%s", r.err);
	cr_assert(eq(str, r.err, c->message));
}

Test(import_gexf, refuses_entities_xxe_and_billion_laughs)
{
	static const char xxe[] =
	        "<?xml version=\"1.0\"?>\n<!DOCTYPE gexf [\n<!ENTITY x SYSTEM "
	        "\"file:///etc/passwd\">\n"
	        "]>\n<gexf xmlns=\"http://gexf.net/1.3\"><graph><nodes><node id=\"&x;\"/></nodes>"
	        "</graph></gexf>\n";
	static const char laughs[] =
	        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
	        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
	        "<gexf xmlns=\"http://gexf.net/1.3\"><graph><nodes><node id=\"&lol3;\"/></nodes>"
	        "</graph></gexf>\n";
	loaded r;
	load_text(wp_import_gexf, "g.gexf", xxe, &r);
	cr_assert(eq(int, r.st, WP_EINPUT), "%s", r.err);
	cr_assert(eq(str, r.err,
	             "g.gexf:3: entity declarations are not accepted (DTDs are not read, for "
	             "safety)"));
	load_text(wp_import_gexf, "g.gexf", laughs, &r);
	cr_assert(eq(int, r.st, WP_EINPUT), "%s", r.err);
	cr_assert(eq(str, r.err,
	             "g.gexf:3: entity declarations are not accepted (DTDs are not read, for "
	             "safety)"));
}

Test(import_gexf, is_chosen_by_extension)
{
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	cr_assert(eq(int, wp_import_graph(&g, FIXTURES "gephi-0.10.gexf", WP_FORMAT_AUTO, &o, err),
	             WP_OK),
	          "%s", err);
	cr_assert(eq(u32, g.n, 4));
	wp_graph_free(&g);
	wp_format fmt = WP_FORMAT_AUTO;
	cr_assert(eq(int, wp_format_parse("gexf", &fmt, err), WP_OK));
	cr_assert(eq(int, fmt, WP_FORMAT_GEXF));
}
