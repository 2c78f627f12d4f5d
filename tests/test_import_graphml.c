/* test_import_graphml.c - the GraphML reader and writer: real writers' files, safety, errors. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "exporters/graphml.h"
#include "importers/import.h"

#define FIXTURES "tests/fixtures/graphml/"
#define HEAD "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"

typedef struct loaded {
	wp_status st;
	char err[WP_ERR_LEN];
	bool directed;
	uint64_t edges_read; /* edges in the buffer before the build */
	wp_graph g;
} loaded;

/* Imports src and, on success, builds the graph. */
static void load_source(wp_source *src, loaded *r)
{
	wp_edgebuf eb = {0};
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	memset(r, 0, sizeof(*r));
	r->st = wp_import_graphml(src, &o, &eb, &r->directed, r->err);
	r->edges_read = eb.count;
	if (r->st == WP_OK)
		r->st = wp_graph_build(&r->g, &eb, r->directed, r->err);
	wp_edgebuf_free(&eb);
}

static void load_stream(FILE *f, const char *name, loaded *r)
{
	wp_source src;
	wp_source_from_file(&src, f, name);
	load_source(&src, r);
}

/* Reads text[0..len) as a file named "g.graphml". */
static void load_n(const char *text, size_t len, loaded *r)
{
	/* fmemopen refuses a zero-length buffer; an empty file is /dev/null. */
	FILE *f = len ? fmemopen((void *)text, len, "r") : fopen("/dev/null", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	load_stream(f, "g.graphml", r);
	fclose(f);
}

static void load_text(const char *text, loaded *r)
{
	load_n(text, strlen(text), r);
}

static void load_file(const char *path, loaded *r)
{
	wp_source src;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_source_open(&src, path, err), WP_OK), "%s", err);
	load_source(&src, r);
	wp_source_close(&src);
}

static wp_vertex id_of(const loaded *r, const char *label)
{
	wp_vertex v = WP_NO_VERTEX;
	cr_assert(eq(int,
	             wp_labels_lookup((wp_labels *)&r->g.labels, label, strlen(label), &v, NULL),
	             WP_OK),
	          "label %s missing", label);
	return v;
}

static uint64_t arc(const loaded *r, const char *a, const char *b)
{
	return wp_graph_find_arc(&r->g, id_of(r, a), id_of(r, b));
}

static bool has_edge(const loaded *r, const char *a, const char *b)
{
	return arc(r, a, b) != UINT64_MAX;
}

static float weight(const loaded *r, const char *a, const char *b)
{
	uint64_t i = arc(r, a, b);
	cr_assert(not(eq(u64, i, UINT64_MAX)), "no edge %s -> %s", a, b);
	cr_assert(not(eq(ptr, r->g.weights, NULL)));
	return r->g.weights[i];
}

/* Attribute `name` of the vertex labelled `label`. */
static const char *attr(const loaded *r, const char *name, const char *label)
{
	int c = wp_attrs_find(&r->g.attrs, name);
	cr_assert(c >= 0, "no attribute %s", name);
	return wp_attrs_get(&r->g.attrs, c, id_of(r, label));
}

Test(import_graphml, reads_igraph_output_with_names_and_weights)
{
	loaded r;
	load_file(FIXTURES "igraph.graphml", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(eq(u32, r.g.n, 5));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 4));
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 0), "n0"));
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 4), "n4"));
	cr_assert(eq(str, (char *)attr(&r, "name", "n2"), "carol"));
	cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "age"), -1), "age is not label-like");
	cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "title"), -1), "title is a graph key there");
	cr_assert(eq(flt, weight(&r, "n0", "n1"), 0.5f));
	cr_assert(eq(flt, weight(&r, "n2", "n0"), 2.5f));
	cr_assert(eq(flt, weight(&r, "n3", "n2"), 3.5f));
	cr_assert(eq(u64, wp_graph_degree(&r.g, id_of(&r, "n4")), 0));
	wp_graph_free(&r.g);
}

Test(import_graphml, reads_networkx_output_with_one_weight_key_per_type)
{
	loaded r;
	load_file(FIXTURES "networkx.graphml", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed);
	cr_assert(eq(u32, r.g.n, 3));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 3));
	cr_assert(eq(str, (char *)attr(&r, "label", "alice"), "Alice Smith"));
	cr_assert(eq(str, (char *)attr(&r, "label", "carol"), ""));
	cr_assert(eq(flt, weight(&r, "alice", "bob"), 2.5f), "the double key d2");
	cr_assert(eq(flt, weight(&r, "bob", "carol"), 1.0f), "the long key d4");
	cr_assert(eq(flt, weight(&r, "carol", "alice"), 1.0f), "no data: weight 1");
	cr_assert(not(has_edge(&r, "bob", "alice")));
	wp_graph_free(&r.g);
}

Test(import_graphml, reads_graph_tool_output_with_vertex_ids_and_hex_weights)
{
	loaded r;
	load_file(FIXTURES "graph-tool.graphml", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(eq(u32, r.g.n, 3));
	cr_assert(eq(str, (char *)attr(&r, "_graphml_vertex_id", "n0"), "alice"));
	cr_assert(eq(str, (char *)attr(&r, "_graphml_vertex_id", "n2"), "carol"));
	cr_assert(eq(int, wp_attrs_find(&r.g.attrs, "pos"), -1));
	cr_assert(eq(flt, weight(&r, "n1", "n0"), 1.5f));
	cr_assert(eq(flt, weight(&r, "n1", "n2"), 0.1f));
	wp_graph_free(&r.g);
}

Test(import_graphml, reads_gephi_output_with_its_label_key)
{
	loaded r;
	load_file(FIXTURES "gephi.graphml", &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed);
	cr_assert(eq(u32, r.g.n, 3));
	cr_assert(eq(str, (char *)attr(&r, "label", "0"), "Myriel"));
	cr_assert(eq(str, (char *)attr(&r, "label", "2"), "Mlle.Baptistine"));
	cr_assert(eq(u32, r.g.attrs.count, 1), "only the label is kept");
	cr_assert(eq(flt, weight(&r, "1", "0"), 1.0f));
	cr_assert(eq(flt, weight(&r, "2", "0"), 8.0f));
	cr_assert(not(has_edge(&r, "0", "2")));
	wp_graph_free(&r.g);
}

Test(import_graphml, reads_edges_declared_before_their_nodes)
{
	loaded r;
	load_text(HEAD "<graph edgedefault=\"undirected\">\n"
	               "<edge source=\"x\" target=\"y\"/>\n"
	               "<edge source=\"y\" target=\"z\"/>\n"
	               "<node id=\"z\"/><node id=\"y\"/><node id=\"x\"/><node id=\"w\"/>\n"
	               "</graph>\n</graphml>\n",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, 4));
	/* ids follow the first appearance: the edges came first */
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 0), "x"));
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 1), "y"));
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 2), "z"));
	cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 3), "w"));
	cr_assert(has_edge(&r, "z", "y"));
	cr_assert(not(has_edge(&r, "x", "z")));
	cr_assert(eq(ptr, r.g.weights, NULL), "no weight key: unweighted");
	wp_graph_free(&r.g);
}

Test(import_graphml, reads_edgedefault_and_treats_its_absence_as_undirected)
{
	loaded r;
	load_text(HEAD "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>"
	               "<edge source=\"a\" target=\"b\"/></graph></graphml>",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(r.directed);
	cr_assert(has_edge(&r, "a", "b"));
	cr_assert(not(has_edge(&r, "b", "a")));
	wp_graph_free(&r.g);

	load_text(HEAD "<graph><node id=\"a\"/><node id=\"b\"/>"
	               "<edge source=\"a\" target=\"b\" directed=\"false\"/></graph></graphml>",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(has_edge(&r, "b", "a"));
	wp_graph_free(&r.g);
}

Test(import_graphml, passes_self_loops_and_parallel_edges_to_the_builder)
{
	loaded r;
	load_text(HEAD "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
	               "<graph edgedefault=\"undirected\"><node id=\"a\"/><node id=\"b\"/>\n"
	               "<edge source=\"a\" target=\"b\"><data key=\"w\">2</data></edge>\n"
	               "<edge source=\"b\" target=\"a\"><data key=\"w\">5</data></edge>\n"
	               "<edge source=\"a\" target=\"a\"/>\n"
	               "</graph></graphml>",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u64, r.edges_read, 3));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 1));
	cr_assert(eq(u64, r.g.self_loops_removed, 1));
	cr_assert(eq(u64, r.g.multi_edges_merged, 1));
	cr_assert(eq(flt, weight(&r, "a", "b"), 5.0f), "the builder keeps the largest weight");
	wp_graph_free(&r.g);
}

Test(import_graphml, applies_the_default_of_the_weight_key)
{
	loaded r;
	load_text(
	        HEAD
	        "<key id=\"w\" for=\"edge\" attr.name=\"Weight\" attr.type=\"float\">"
	        "<default> 0.25 </default></key>\n"
	        "<key id=\"v\" for=\"edge\" attr.name=\"value\" attr.type=\"double\"/>\n"
	        "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/><node id=\"c\"/>\n"
	        "<edge source=\"a\" target=\"b\"/>\n"
	        "<edge source=\"b\" target=\"c\"><data key=\"w\">3</data>"
	        "<data key=\"v\">99</data></edge>\n"
	        "</graph></graphml>",
	        &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(flt, weight(&r, "a", "b"), 0.25f));
	cr_assert(eq(flt, weight(&r, "b", "c"), 3.0f), "weight is preferred over value");
	wp_graph_free(&r.g);
}

Test(import_graphml, decodes_character_references_cdata_and_utf8)
{
	loaded r;
	load_text(HEAD
	          "<key id=\"n\" for=\"all\" attr.name=\"Name\"/>\n"
	          "<graph><node id=\"a &amp; b&#10;c\"><data key=\"n\">x &lt; y <![CDATA[&z]]> "
	          "Zo\xc3\xab</data></node>\n"
	          "<node id=\"&#x263A;\"><data key=\"n\"/></node>\n"
	          "<edge source=\"a &amp; b&#10;c\" target=\"\xe2\x98\xba\"/></graph></graphml>",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(str, (char *)attr(&r, "Name", "a & b\nc"), "x < y &z Zo\xc3\xab"));
	cr_assert(eq(str, (char *)attr(&r, "Name", "\xe2\x98\xba"), ""));
	cr_assert(has_edge(&r, "\xe2\x98\xba", "a & b\nc"));
	wp_graph_free(&r.g);
}

Test(import_graphml, skips_unknown_elements_and_other_namespaces)
{
	loaded r;
	load_text("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
	          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
	          "xmlns:y=\"http://www.yworks.com/xml/graphml\">\n"
	          "<desc>yEd-like</desc>\n"
	          "<key for=\"node\" id=\"d6\" yfiles.type=\"nodegraphics\"/>\n"
	          "<key for=\"node\" id=\"d0\" attr.name=\"label\" attr.type=\"string\">"
	          "<desc>shown</desc><default>?</default></key>\n"
	          "<graph id=\"G\" edgedefault=\"directed\"><desc>g</desc>\n"
	          "<node id=\"n0\"><data key=\"d6\"><y:ShapeNode><y:NodeLabel>Ann</y:NodeLabel>"
	          "<node id=\"fake\"/></y:ShapeNode></data>"
	          "<data key=\"d0\">Ann<y:b>ignored</y:b>!</data></node>\n"
	          "<y:extra><edge source=\"n0\" target=\"ghost\"/></y:extra>\n"
	          "<node id=\"n1\"/><edge source=\"n0\" target=\"n1\"><desc>e</desc></edge>\n"
	          "</graph></graphml>",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, 2));
	cr_assert(eq(str, (char *)attr(&r, "label", "n0"), "Ann!"));
	cr_assert(eq(str, (char *)attr(&r, "label", "n1"), ""),
	          "attribute defaults are not applied");
	cr_assert(has_edge(&r, "n0", "n1"));
	wp_graph_free(&r.g);
}

Test(import_graphml, accepts_a_doctype_without_entities_and_does_not_read_it)
{
	loaded r;
	load_text("<?xml version=\"1.0\"?>\n"
	          "<!DOCTYPE graphml SYSTEM \"http://graphml.graphdrawing.org/dtds/graphml.dtd\">\n"
	          "<graphml><graph edgedefault=\"undirected\"><node id=\"a\"/><node id=\"b\"/>"
	          "<edge source=\"a\" target=\"b\"/></graph></graphml>\n",
	          &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(has_edge(&r, "a", "b"));
	wp_graph_free(&r.g);
}

Test(import_graphml, reports_exact_lines_past_65535)
{
	/* libxml2 2.9 keeps element lines in 16 bits; the reader must not report 65535 or a line
	 * further on. */
	size_t cap = 3000000, len = 0;
	char *text = malloc(cap);
	cr_assert(not(eq(ptr, text, NULL)));
	len += (size_t)snprintf(text + len, cap - len, HEAD "<graph>\n");
	for (int i = 0; i < 100000; i++)
		len += (size_t)snprintf(text + len, cap - len, "<node id=\"v%d\"/>\n", i);
	len += (size_t)snprintf(text + len, cap - len,
	                        "<edge source=\"v1\" target=\"ghost\"/>\n</graph>\n</graphml>\n");
	loaded r;
	load_n(text, len, &r);
	free(text);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(
	        eq(str, r.err, "g.graphml:100004: edge names node 'ghost' that is never declared"));
}

Test(import_graphml, reads_gzip_files_by_path_and_picks_the_format_from_the_name)
{
	char path[] = "/tmp/wp_test_XXXXXX.graphml.gz";
	int fd = mkstemps(path, 11);
	cr_assert(fd >= 0);
	close(fd);
	gzFile z = gzopen(path, "wb");
	cr_assert(not(eq(ptr, z, NULL)));
	gzputs(z, HEAD "<graph edgedefault=\"undirected\">\n");
	for (int i = 0; i < 2000; i++)
		gzprintf(z, "<node id=\"v%d\"/><edge source=\"v%d\" target=\"v%d\"/>\n", i, i,
		         (i + 1) % 2000);
	gzputs(z, "</graph>\n</graphml>\n");
	cr_assert(eq(int, gzclose(z), Z_OK));

	loaded r;
	load_file(path, &r);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(u32, r.g.n, 2000));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 2000));
	cr_assert(has_edge(&r, "v1999", "v0"));
	wp_graph_free(&r.g);

	wp_import_opts o = WP_IMPORT_DEFAULTS;
	o.directed = true; /* ignored: GraphML's edgedefault decides */
	cr_assert(eq(int, wp_import_graph(&r.g, path, WP_FORMAT_AUTO, &o, r.err), WP_OK), "%s",
	          r.err);
	unlink(path);
	cr_assert(not(r.g.directed));
	cr_assert(eq(u64, wp_graph_edges(&r.g), 2000));
	wp_graph_free(&r.g);
}

Test(import_graphml, reads_what_igraph_writes)
{
	igraph_t ig;
	igraph_set_attribute_table(&igraph_cattribute_table);
	cr_assert(eq(int, igraph_famous(&ig, "Zachary"), IGRAPH_SUCCESS));
	igraph_integer_t m = igraph_ecount(&ig);
	for (igraph_integer_t e = 0; e < m; e++)
		cr_assert(eq(int, SETEAN(&ig, "weight", e, 0.5 + (double)(e % 7)), IGRAPH_SUCCESS));
	FILE *f = tmpfile();
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, igraph_write_graph_graphml(&ig, f, true), IGRAPH_SUCCESS));
	rewind(f);

	loaded r;
	load_stream(f, "zachary.graphml", &r);
	fclose(f);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(not(r.directed));
	cr_assert(eq(u32, r.g.n, (uint32_t)igraph_vcount(&ig)));
	cr_assert(eq(u64, wp_graph_edges(&r.g), (uint64_t)m));
	for (igraph_integer_t e = 0; e < m; e++) {
		igraph_integer_t from, to;
		char a[32], b[32];
		igraph_edge(&ig, e, &from, &to);
		snprintf(a, sizeof(a), "n%d", (int)from);
		snprintf(b, sizeof(b), "n%d", (int)to);
		cr_assert(eq(u32, id_of(&r, a), (uint32_t)from), "igraph's order is kept");
		cr_assert(eq(flt, weight(&r, a, b), (float)(0.5 + (double)(e % 7))));
		cr_assert(eq(flt, weight(&r, b, a), (float)(0.5 + (double)(e % 7))));
	}
	igraph_destroy(&ig);
	wp_graph_free(&r.g);
}

/* Criterion runs each parameter in a fresh process of a position-independent binary, so the
 * strings live inside the struct rather than behind pointers. */
typedef struct bad_case {
	char text[320];
	wp_status st;
	char err[128];
} bad_case;

static bad_case bad_cases[] = {
        {HEAD "<graph edgedefault=\"undirected\">\n<node id=\"a\"/>\n"
              "<edge source=\"a\" target=\"b\"/>\n<edge source=\"b\" target=\"c\"/>\n"
              "</graph>\n</graphml>\n",
         WP_EINPUT, "g.graphml:5: edge names node 'b' that is never declared"},
        {HEAD "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
              "<graph><node id=\"a\"/><node id=\"b\"/>\n"
              "<edge source=\"a\" target=\"b\">\n<data key=\"w\">2,5</data></edge>\n"
              "</graph></graphml>",
         WP_EINPUT, "g.graphml:6: edge weight '2,5' is not a number"},
        {HEAD "<key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n"
              "<graph><node id=\"a\"/><node id=\"b\"/>\n"
              "<edge source=\"a\" target=\"b\"><data key=\"w\"> </data></edge></graph></graphml>",
         WP_EINPUT, "g.graphml:5: edge weight '' is not a number"},
        {HEAD
         "<key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n"
         "<graph><node id=\"a\"/><node id=\"b\"/>\n"
         "<edge source=\"a\" target=\"b\"><data key=\"w\">-inf</data></edge></graph></graphml>",
         WP_EINPUT, "g.graphml:5: edge weight '-inf' is not finite"},
        {HEAD
         "<key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n"
         "<graph><node id=\"a\"/><node id=\"b\"/>\n"
         "<edge source=\"a\" target=\"b\"><data key=\"w\">1e39</data></edge></graph></graphml>",
         WP_EINPUT, "g.graphml:5: edge weight '1e39' is too large for a 32-bit float"},
        {HEAD "<key id=\"w\" for=\"edge\" attr.name=\"weight\">\n<default>heavy</default></key>\n"
              "<graph/></graphml>",
         WP_EINPUT, "g.graphml:4: default weight 'heavy' is not a number"},
        {HEAD "<graph edgedefault=\"undirected\">\n<node id=\"a\"/>\n<node id=\"b\"/>\n"
              "<edge source=\"a\" target=\"b\"/>\n</graph>\n",
         WP_EINPUT,
         "g.graphml:7: unexpected end of file inside <graphml> (is the file truncated?)"},
        {HEAD "<graph edgedefault=\"undirected\">\n<node id=\"a\"/>\n<node id=\"b\"/>\n"
              "<edge source=\"a\" targ",
         WP_EINPUT, "g.graphml:6: unexpected end of file inside <graph> (is the file truncated?)"},
        {HEAD "<graph>\n<node id=\"a\">\n</graph>\n</graphml>\n", WP_EINPUT,
         "g.graphml:5: malformed XML: Opening and ending tag mismatch: node line 4 and graph"},
        {"<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n"
         "<!ENTITY % ext SYSTEM \"http://example.com/x.dtd\">\n%ext;\n]>\n"
         "<graphml><graph/></graphml>\n",
         WP_EINPUT,
         "g.graphml:3: entity declarations are not accepted (DTDs are not read, for safety)"},
        {HEAD "<graph><node id=\"a&foo;\"/></graph></graphml>\n", WP_EINPUT,
         "g.graphml:3: malformed XML: Entity 'foo' not defined"},
        {"", WP_EINPUT, "g.graphml:1: empty file, expected GraphML"},
        {" \n\t\n", WP_EINPUT, "g.graphml:1: empty file, expected GraphML"},
        {"1 2\n2 3\n", WP_EINPUT, "g.graphml:1: not an XML file, expected GraphML"},
        {"<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\"><graph/></gexf>\n",
         WP_EINPUT,
         "g.graphml:2: the root element is <gexf>, expected <graphml> (is this a GraphML file?)"},
        {"<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://example.com/g\"><graph/></graphml>\n",
         WP_EINPUT,
         "g.graphml:2: the root element is in namespace 'http://example.com/g', not GraphML's "
         "(http://graphml.graphdrawing.org/xmlns)"},
        {HEAD "</graphml>\n", WP_EINPUT, "g.graphml:2: no <graph> element in the file"},
        {HEAD "<graph>\n<node id=\"a\"/>\n<edge target=\"a\"/>\n</graph></graphml>", WP_EINPUT,
         "g.graphml:5: <edge> has no source attribute"},
        {HEAD "<graph>\n<node id=\"a\"/>\n<edge source=\"a\"/>\n</graph></graphml>", WP_EINPUT,
         "g.graphml:5: <edge> has no target attribute"},
        {HEAD "<graph>\n<node id=\"a\"/>\n<edge source=\"a\" target=\"\"/>\n</graph></graphml>",
         WP_EINPUT, "g.graphml:5: <edge> target is empty"},
        {HEAD "<graph>\n<node/>\n</graph></graphml>", WP_EINPUT,
         "g.graphml:4: <node> has no id attribute"},
        {HEAD "<graph>\n<node id=\"a\"/>\n\n<node id=\"a\"/>\n</graph></graphml>", WP_EINPUT,
         "g.graphml:6: node 'a' is declared twice (first on line 4)"},
        {HEAD "<graph>\n<node id=\"a\">\n<data>x</data></node>\n</graph></graphml>", WP_EINPUT,
         "g.graphml:5: <data> has no key attribute"},
        {HEAD "<graph>\n<node id=\"a\">\n<data key=\"d9\">x</data></node>\n</graph></graphml>",
         WP_EINPUT, "g.graphml:5: <data> refers to key 'd9', which no <key> declares"},
        {HEAD "<key for=\"node\"/>\n<graph/></graphml>", WP_EINPUT,
         "g.graphml:3: <key> has no id attribute"},
        {HEAD "<key id=\"d0\" for=\"node\"/>\n<key id=\"d0\" for=\"edge\"/>\n<graph/></graphml>",
         WP_EINPUT, "g.graphml:4: key 'd0' is declared twice"},
        {HEAD "<graph edgedefault=\"undirected\">\n<node id=\"a\"/><node id=\"b\"/>\n"
              "<edge source=\"a\" target=\"b\" directed=\"true\"/>\n</graph></graphml>",
         WP_EINPUT,
         "g.graphml:5: mixed directed and undirected edges are not supported (this edge is "
         "directed in an undirected graph)"},
        {HEAD "<graph>\n<node id=\"a\"/>\n<edge source=\"a\" target=\"a\" directed=\"yes\"/>\n"
              "</graph></graphml>",
         WP_EINPUT, "g.graphml:5: <edge> directed must be true or false, not 'yes'"},
        {HEAD "<graph edgedefault=\"mutual\">\n</graph></graphml>", WP_EINPUT,
         "g.graphml:3: edgedefault must be 'directed' or 'undirected', not 'mutual'"},
        {HEAD "<graph>\n<node id=\"a\"/>\n<hyperedge><endpoint node=\"a\"/></hyperedge>\n"
              "</graph></graphml>",
         WP_EINPUT, "g.graphml:5: hyperedges are not supported"},
        {HEAD "<graph>\n<node id=\"a\">\n<graph id=\"a:\"/></node>\n</graph></graphml>", WP_EINPUT,
         "g.graphml:5: nested graphs are not supported"},
        {HEAD "<graph>\n<node id=\"a\">\n<port name=\"p\"/></node>\n</graph></graphml>", WP_EINPUT,
         "g.graphml:5: ports are not supported"},
        {HEAD "<graph id=\"G1\"/>\n<graph id=\"G2\"/>\n</graphml>", WP_EINPUT,
         "g.graphml:4: a second <graph>: only one graph per file is supported"},
};

ParameterizedTestParameters(import_graphml, rejects_malformed_input_with_file_and_line)
{
	return cr_make_param_array(bad_case, bad_cases, sizeof(bad_cases) / sizeof(bad_cases[0]));
}

ParameterizedTest(bad_case *c, import_graphml, rejects_malformed_input_with_file_and_line)
{
	loaded r;
	load_text(c->text, &r);
	cr_assert(eq(int, r.st, c->st));
	cr_assert(eq(str, r.err, (char *)c->err));
	wp_graph_free(&r.g);
}

Test(import_graphml, rejects_billion_laughs_without_expanding_anything)
{
	loaded r;
	load_file(FIXTURES "billion-laughs.graphml", &r);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err,
	             "tests/fixtures/graphml/billion-laughs.graphml:3: entity declarations are not "
	             "accepted (DTDs are not read, for safety)"));
}

Test(import_graphml, rejects_external_entities)
{
	loaded r;
	load_file(FIXTURES "xxe.graphml", &r);
	cr_assert(eq(int, r.st, WP_EINPUT));
	cr_assert(eq(str, r.err,
	             "tests/fixtures/graphml/xxe.graphml:2: entity declarations are not accepted "
	             "(DTDs are not read, for safety)"));
}

Test(import_graphml, rejects_data_values_over_one_mebibyte)
{
	size_t big = (1u << 20) + 1;
	const char *head = HEAD "<key id=\"d0\" for=\"node\" attr.name=\"label\"/>\n<graph>\n"
	                        "<node id=\"a\">\n<data key=\"d0\">";
	const char *tail = "</data></node></graph></graphml>\n";
	size_t len = strlen(head) + big + strlen(tail);
	char *text = malloc(len + 1);
	cr_assert(not(eq(ptr, text, NULL)));
	strcpy(text, head);
	memset(text + strlen(head), 'x', big);
	strcpy(text + strlen(head) + big, tail);

	loaded r;
	load_n(text, len, &r);
	free(text);
	cr_assert(eq(int, r.st, WP_ELIMIT));
	cr_assert(eq(str, r.err, "g.graphml:6: <data> value longer than 1048576 bytes"));
}

/* Builds a small graph with awkward labels, two attribute columns and weights. */
static void build_awkward(wp_graph *g, bool directed)
{
	static const char *const labels[] = {"alice",      "bob & <co>", "\"quoted\"\n\ttab\r",
	                                     "Zo\xc3\xab", "isolated",   "e"};
	static const char *const names[] = {"Alice A.", "", "Q", "Zo\xc3\xab Z.", "I", ""};
	static const int edges[][2] = {{0, 1}, {1, 2}, {2, 0}, {3, 0}, {5, 3}, {0, 5}};
	static const float weights[] = {0.1f, 2.5f, 1e-7f, 3.0f, 123456.78f, 1.0f};
	char err[WP_ERR_LEN] = "";
	wp_edgebuf eb = {0};
	for (size_t i = 0; i < 6; i++) {
		wp_vertex v;
		cr_assert(eq(
		        int,
		        wp_labels_intern(&eb.labels, labels[i], strlen(labels[i]), &v, NULL, err),
		        WP_OK));
		cr_assert(eq(int,
		             wp_attrs_set(&eb.attrs, "name", v, names[i], strlen(names[i]), err),
		             WP_OK));
	}
	cr_assert(eq(int, wp_attrs_set(&eb.attrs, "label", 4, "lonely", 6, err), WP_OK));
	for (size_t i = 0; i < 6; i++)
		cr_assert(eq(int,
		             wp_edgebuf_push_weighted(&eb, (wp_vertex)edges[i][0],
		                                      (wp_vertex)edges[i][1], weights[i], err),
		             WP_OK));
	cr_assert(eq(int, wp_graph_build(g, &eb, directed, err), WP_OK), "%s", err);
}

static void round_trip(bool directed)
{
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	build_awkward(&g, directed);
	FILE *f = tmpfile();
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, wp_export_graphml(&g, f, "out.graphml", err), WP_OK), "%s", err);
	rewind(f);
	loaded r;
	load_stream(f, "out.graphml", &r);
	fclose(f);
	cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
	cr_assert(eq(int, r.directed, directed));
	cr_assert(eq(u32, r.g.n, g.n));
	cr_assert(eq(u64, r.g.m, g.m));
	for (wp_vertex v = 0; v < g.n; v++)
		cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, v),
		             (char *)wp_labels_name(&g.labels, v)));
	cr_assert(eq(u32, r.g.attrs.count, g.attrs.count));
	for (uint32_t c = 0; c < g.attrs.count; c++) {
		int rc = wp_attrs_find(&r.g.attrs, g.attrs.cols[c].name);
		cr_assert(rc >= 0, "attribute %s lost", g.attrs.cols[c].name);
		for (wp_vertex v = 0; v < g.n; v++)
			cr_assert(eq(str, (char *)wp_attrs_get(&r.g.attrs, rc, v),
			             (char *)wp_attrs_get(&g.attrs, (int)c, v)));
	}
	for (wp_vertex v = 0; v <= g.n; v++)
		cr_assert(eq(u64, r.g.offsets[v], g.offsets[v]));
	cr_assert(not(eq(ptr, r.g.weights, NULL)));
	for (uint64_t i = 0; i < g.m; i++) {
		cr_assert(eq(u32, r.g.targets[i], g.targets[i]));
		cr_assert(eq(flt, r.g.weights[i], g.weights[i]), "weights are exact");
	}
	wp_graph_free(&r.g);
	wp_graph_free(&g);
}

Test(export_graphml, round_trips_an_undirected_graph)
{
	round_trip(false);
}

Test(export_graphml, round_trips_a_directed_graph)
{
	round_trip(true);
}

Test(export_graphml, round_trips_the_null_graph_and_a_single_vertex)
{
	for (uint32_t n = 0; n <= 1; n++) {
		char err[WP_ERR_LEN] = "";
		wp_edgebuf eb = {0};
		wp_graph g;
		wp_vertex v;
		if (n == 1)
			cr_assert(eq(int, wp_labels_intern(&eb.labels, "solo", 4, &v, NULL, err),
			             WP_OK));
		cr_assert(eq(int, wp_graph_build(&g, &eb, true, err), WP_OK), "%s", err);
		FILE *f = tmpfile();
		cr_assert(not(eq(ptr, f, NULL)));
		cr_assert(eq(int, wp_export_graphml(&g, f, "out.graphml", err), WP_OK), "%s", err);
		rewind(f);
		loaded r;
		load_stream(f, "out.graphml", &r);
		fclose(f);
		cr_assert(eq(int, r.st, WP_OK), "%s", r.err);
		cr_assert(r.directed);
		cr_assert(eq(u32, r.g.n, n));
		cr_assert(eq(u64, r.g.m, 0));
		if (n == 1)
			cr_assert(eq(str, (char *)wp_labels_name(&r.g.labels, 0), "solo"));
		wp_graph_free(&r.g);
		wp_graph_free(&g);
	}
}

Test(export_graphml, writes_keys_nodes_and_each_undirected_edge_once)
{
	char err[WP_ERR_LEN] = "";
	wp_edgebuf eb = {0};
	wp_graph g;
	wp_vertex a, b, c;
	cr_assert(eq(int, wp_labels_intern(&eb.labels, "a", 1, &a, NULL, err), WP_OK));
	cr_assert(eq(int, wp_labels_intern(&eb.labels, "b<", 2, &b, NULL, err), WP_OK));
	cr_assert(eq(int, wp_labels_intern(&eb.labels, "c", 1, &c, NULL, err), WP_OK));
	cr_assert(eq(int, wp_attrs_set(&eb.attrs, "name", a, "Ann & co", 8, err), WP_OK));
	cr_assert(eq(int, wp_edgebuf_push_weighted(&eb, b, a, 0.1f, err), WP_OK));
	cr_assert(eq(int, wp_graph_build(&g, &eb, false, err), WP_OK), "%s", err);

	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, wp_export_graphml(&g, f, "mem", err), WP_OK), "%s", err);
	fclose(f);
	cr_assert(
	        eq(str, out,
	           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
	           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	           "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
	           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
	           "  <key id=\"v0\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
	           "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
	           "  <graph id=\"G\" edgedefault=\"undirected\">\n"
	           "    <node id=\"a\">\n"
	           "      <data key=\"v0\">Ann &amp; co</data>\n"
	           "    </node>\n"
	           "    <node id=\"b&lt;\"/>\n"
	           "    <node id=\"c\"/>\n"
	           "    <edge source=\"a\" target=\"b&lt;\">\n"
	           "      <data key=\"weight\">0.1</data>\n"
	           "    </edge>\n"
	           "  </graph>\n"
	           "</graphml>\n"));
	free(out);
	wp_graph_free(&g);
}

Test(export_graphml, rejects_text_that_xml_cannot_hold_before_writing)
{
	char err[WP_ERR_LEN] = "";
	wp_edgebuf eb = {0};
	wp_graph g;
	wp_vertex a, b;
	cr_assert(eq(int, wp_labels_intern(&eb.labels, "a", 1, &a, NULL, err), WP_OK));
	cr_assert(eq(int, wp_labels_intern(&eb.labels, "b\x01", 2, &b, NULL, err), WP_OK));
	cr_assert(eq(int, wp_edgebuf_push(&eb, a, b, err), WP_OK));
	cr_assert(eq(int, wp_graph_build(&g, &eb, false, err), WP_OK), "%s", err);
	FILE *f = tmpfile();
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, wp_export_graphml(&g, f, "out.graphml", err), WP_EINPUT));
	cr_assert(eq(str, err,
	             "out.graphml: the label of vertex 1 contains U+0001, which XML 1.0 cannot "
	             "represent"));
	cr_assert(eq(long, ftell(f), 0L), "nothing was written");
	fclose(f);
	wp_graph_free(&g);

	err[0] = '\0';
	cr_assert(eq(int, wp_labels_intern(&eb.labels, "a", 1, &a, NULL, err), WP_OK));
	cr_assert(eq(int, wp_attrs_set(&eb.attrs, "name", a, "Jos\xe9", 4, err), WP_OK));
	cr_assert(eq(int, wp_graph_build(&g, &eb, false, err), WP_OK), "%s", err);
	f = tmpfile();
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, wp_export_graphml(&g, f, "out.graphml", err), WP_EINPUT));
	cr_assert(eq(str, err,
	             "out.graphml: attribute 'name' of vertex 0 is not valid UTF-8, which GraphML "
	             "requires"));
	fclose(f);
	wp_graph_free(&g);
}

Test(export_graphml, reports_write_errors)
{
	char err[WP_ERR_LEN] = "";
	wp_edgebuf eb = {0};
	wp_graph g;
	wp_vertex a, b;
	FILE *f = fopen("/dev/full", "w");
	if (f == NULL)
		cr_skip_test("no /dev/full here");
	cr_assert(eq(int, wp_labels_intern(&eb.labels, "a", 1, &a, NULL, err), WP_OK));
	cr_assert(eq(int, wp_labels_intern(&eb.labels, "b", 1, &b, NULL, err), WP_OK));
	cr_assert(eq(int, wp_edgebuf_push(&eb, a, b, err), WP_OK));
	cr_assert(eq(int, wp_graph_build(&g, &eb, false, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_export_graphml(&g, f, "full.graphml", err), WP_EIO));
	cr_assert(eq(str, err, "full.graphml: cannot write: No space left on device"));
	fclose(f);
	wp_graph_free(&g);
}
