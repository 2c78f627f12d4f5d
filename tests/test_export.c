/* test_export.c - the writers: vertex result columns, GraphML, GEXF 1.3, Pajek, DOT and CSV.
 *
 * Every writer is checked by an independent reader: igraph's GraphML and Pajek readers (n, m,
 * neighbour sets, weights and typed attribute values), libxml2 for GEXF (the structure Gephi
 * needs: namespace, version, attributes declared before use, edge endpoints declared), Graphviz's
 * agread for DOT, libcsv for CSV, and our own readers where they exist. The graphs carry hostile
 * labels (quotes, ampersands, angle brackets, newlines, tabs, commas, backslashes, non-ASCII) and
 * walk the edge-case ladder (null graph, one vertex, isolated vertices, directed, undirected).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <csv.h>
#include <graphviz/cgraph.h>
#include <igraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exporters/dot.h"
#include "exporters/gexf.h"
#include "exporters/graphml.h"
#include "exporters/pajek.h"
#include "exporters/vertex_csv.h"
#include "exporters/vertex_values.h"
#include "importers/import.h"

/* Labels that break naive writers; all valid UTF-8 without control characters but \t \n. */
static const char *const hostile[] = {
        "he said \"hi\"", "a & b <c> 'd'", "line\nbreak", "Zoë Ünicode 😀", "comma, here",
        "back\\slash",    "tab\there",     " spaced ",    "#hash",         "plain"};
#define HOSTILE 10

/* A graph over labels[0..n) with the given edges and (optional) weights. */
static void build(wp_graph *g, const char *const *labels, uint32_t n, const uint32_t (*edges)[2],
                  size_t m, const float *weights, bool directed)
{
	char err[WP_ERR_LEN] = "";
	wp_edgebuf eb = {0};
	wp_vertex v;
	for (uint32_t i = 0; i < n; i++)
		cr_assert(eq(int,
		             wp_labels_intern(&eb.labels, labels[i], strlen(labels[i]), &v, NULL,
		                              err),
		             WP_OK),
		          "%s", err);
	for (size_t i = 0; i < m; i++)
		cr_assert(eq(int,
		             weights ? wp_edgebuf_push_weighted(&eb, edges[i][0], edges[i][1],
		                                                weights[i], err)
		                     : wp_edgebuf_push(&eb, edges[i][0], edges[i][1], err),
		             WP_OK),
		          "%s", err);
	cr_assert(eq(int, wp_graph_build(g, &eb, directed, err), WP_OK), "%s", err);
}

static const uint32_t hostile_edges[][2] = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5},
                                            {5, 6}, {6, 7}, {0, 8}, {2, 5}};
static const float hostile_weights[] = {0.1f, 2.5f, 1.0f / 3.0f, 7, 0.25f, 1e-3f, 42, 0.5f, 3};
#define HOSTILE_EDGES 9 /* vertex 9 ("plain") is isolated */

/* Result columns over g: a double with NaN and an irrational, a long, a bool and text. */
static void results(const wp_graph *g, wp_vertex_values *vv)
{
	char err[WP_ERR_LEN] = "";
	double *x = malloc((g->n + 1) * sizeof(*x));
	wp_strtab text = {0};
	wp_vertex_values_init(vv, g->n);
	for (wp_vertex v = 0; v < g->n; v++)
		x[v] = v == 1 ? NAN : (v + 1) / 3.0;
	cr_assert(eq(int, wp_vertex_values_add_numbers(vv, "betweenness", WP_VALUE_DOUBLE, x, err),
	             WP_OK));
	for (wp_vertex v = 0; v < g->n; v++)
		x[v] = (double)v * 1000003 - 5;
	cr_assert(eq(int, wp_vertex_values_add_numbers(vv, "community", WP_VALUE_LONG, x, err),
	             WP_OK));
	for (wp_vertex v = 0; v < g->n; v++)
		x[v] = v % 2;
	cr_assert(
	        eq(int, wp_vertex_values_add_numbers(vv, "member", WP_VALUE_BOOL, x, err), WP_OK));
	for (wp_vertex v = 0; v < g->n; v++) {
		const char *s = v == 2 ? "" : hostile[(v + 3) % HOSTILE];
		cr_assert(eq(int, wp_strtab_append(&text, s, strlen(s), err), WP_OK));
	}
	cr_assert(eq(int, wp_vertex_values_add_text(vv, "company & co", &text, err), WP_OK));
	free(x);
}

static void hostile_graph(wp_graph *g, bool directed, bool weighted)
{
	build(g, hostile, HOSTILE, hostile_edges, HOSTILE_EDGES, weighted ? hostile_weights : NULL,
	      directed);
}

/* ---- vertex_values --------------------------------------------------------------------- */

Test(vertex_values, formats_shortest_round_trip_numbers_and_types)
{
	char buf[WP_VALUE_BUF], err[WP_ERR_LEN] = "";
	wp_vertex_values vv;
	double x[] = {0.1, 1.0 / 3.0, NAN, INFINITY, -2.5e-300, 1e21};
	wp_vertex_values_init(&vv, 6);
	cr_assert(eq(int, wp_vertex_values_add_numbers(&vv, "d", WP_VALUE_DOUBLE, x, err), WP_OK));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 0, 0, buf), "0.1"));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 0, 1, buf), "0.3333333333333333"));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 0, 2, buf), ""));
	cr_assert(wp_vertex_values_missing(&vv, 0, 2));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 0, 3, buf), "INF"));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 0, 4, buf), "-2.5e-300"));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 0, 5, buf), "1e+21"));
	for (int i = 0; i < 6; i++)
		if (i != 2 && i != 3)
			cr_assert(eq(dbl, strtod(wp_vertex_values_format(&vv, 0, i, buf), NULL),
			             x[i]));

	double l[] = {42, -7, NAN, 0, 9007199254740991.0, 1};
	cr_assert(eq(int, wp_vertex_values_add_numbers(&vv, "l", WP_VALUE_LONG, l, err), WP_OK));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 1, 0, buf), "42"));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 1, 1, buf), "-7"));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 1, 4, buf), "9007199254740991"));
	cr_assert(eq(int, wp_vertex_values_add_numbers(&vv, "b", WP_VALUE_BOOL, l, err), WP_OK));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 2, 0, buf), "true"));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 2, 3, buf), "false"));
	cr_assert(eq(str, (char *)wp_vertex_values_format(&vv, 2, 2, buf), ""));
	wp_vertex_values_free(&vv);
}

Test(vertex_values, replaces_a_column_of_the_same_name_in_place_and_rejects_bad_columns)
{
	char err[WP_ERR_LEN] = "";
	wp_vertex_values vv;
	double a[] = {1, 2}, b[] = {3, 4.5};
	wp_strtab t = {0};
	wp_vertex_values_init(&vv, 2);
	cr_assert(eq(int, wp_vertex_values_add_numbers(&vv, "x", WP_VALUE_DOUBLE, a, err), WP_OK));
	cr_assert(eq(int, wp_vertex_values_add_numbers(&vv, "y", WP_VALUE_DOUBLE, a, err), WP_OK));
	cr_assert(eq(int, wp_vertex_values_add_numbers(&vv, "x", WP_VALUE_DOUBLE, b, err), WP_OK));
	cr_assert(eq(u32, vv.count, 2));
	cr_assert(eq(int, wp_vertex_values_find(&vv, "x"), 0));
	cr_assert(eq(dbl, vv.cols[0].numbers[1], 4.5));
	cr_assert(eq(int, wp_vertex_values_add_numbers(&vv, "z", WP_VALUE_LONG, b, err), WP_EARG));
	cr_assert(eq(str, err, "column 'z': value 4.5 of vertex 1 is not an integer"));
	err[0] = '\0';
	cr_assert(eq(int, wp_strtab_append(&t, "only one", 8, err), WP_OK));
	cr_assert(eq(int, wp_vertex_values_add_text(&vv, "t", &t, err), WP_EARG));
	cr_assert(eq(str, err, "column 't' has 1 values for 2 vertices"));
	cr_assert(eq(u32, t.count, 0), "the text was taken over and released");
	cr_assert(eq(u32, vv.count, 2), "nothing was added");
	wp_vertex_values_free(&vv);
	wp_vertex_values_free(&vv); /* freeing twice is harmless */
}

/* ---- GraphML through igraph ------------------------------------------------------------ */

static FILE *written(wp_status (*write)(const wp_graph *, const wp_vertex_values *, FILE *,
                                        const char *, char *),
                     const wp_graph *g, const wp_vertex_values *vv)
{
	char err[WP_ERR_LEN] = "";
	FILE *f = tmpfile();
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, write(g, vv, f, "out", err), WP_OK), "%s", err);
	rewind(f);
	return f;
}

/* igraph 0.10.2's GraphML reader takes XML attribute values (node ids) from libxml2's SAX2
 * interface without decoding the character reference it is handed for '&', so an id "a & b"
 * comes back as "a &#38; b" (element text is decoded). libxml2's tree parser and our reader see
 * "a & b". This is what igraph is expected to return for label s. */
static void igraph_id_of(const char *s, char *out, size_t len)
{
	size_t k = 0;
	for (; *s && k + 6 < len; s++) {
		if (*s == '&') {
			memcpy(out + k, "&#38;", 5);
			k += 5;
		} else {
			out[k++] = *s;
		}
	}
	out[k] = '\0';
}

/* Checks that ig (read back from GraphML) has g's vertices (their ids in attribute attr),
 * edges and weights. */
static void same_graph_as_igraph(const wp_graph *g, const igraph_t *ig, const char *attr,
                                 const char *weight_attr)
{
	cr_assert(eq(i64, igraph_vcount(ig), g->n));
	cr_assert(eq(i64, igraph_ecount(ig), (int64_t)wp_graph_edges(g)));
	cr_assert(eq(int, igraph_is_directed(ig), g->directed));
	char want[256];
	for (wp_vertex v = 0; v < g->n; v++) {
		igraph_id_of(wp_labels_name(&g->labels, v), want, sizeof(want));
		cr_assert(eq(str, (char *)VAS(ig, attr, v), want),
		          "vertex order and labels are kept");
	}
	for (igraph_integer_t e = 0; e < igraph_ecount(ig); e++) {
		igraph_integer_t from, to;
		igraph_edge(ig, e, &from, &to);
		uint64_t arc = wp_graph_find_arc(g, (wp_vertex)from, (wp_vertex)to);
		cr_assert(not(eq(u64, arc, UINT64_MAX)), "edge %d-%d exists", (int)from, (int)to);
		if (g->weights != NULL)
			cr_assert(eq(flt, (float)EAN(ig, weight_attr, e), g->weights[arc]));
	}
	/* Each igraph edge is an edge of g and the counts match; with no multi-edges in either
	 * (igraph would keep duplicates, and the count would then differ), the sets are equal. */
	igraph_bool_t multi = true;
	igraph_has_multiple(ig, &multi);
	cr_assert(not(multi));
}

static void check_graphml_with_igraph(bool directed)
{
	wp_graph g;
	wp_vertex_values vv;
	hostile_graph(&g, directed, true);
	results(&g, &vv);
	FILE *f = written(wp_export_graphml_values, &g, &vv);
	igraph_t ig;
	igraph_set_attribute_table(&igraph_cattribute_table);
	cr_assert(eq(int, igraph_read_graph_graphml(&ig, f, 0), IGRAPH_SUCCESS));
	fclose(f);
	same_graph_as_igraph(&g, &ig, "id", "weight");
	for (wp_vertex v = 0; v < g.n; v++) {
		double b = VAN(&ig, "betweenness", v);
		if (v == 1)
			cr_assert(isnan(b), "a missing value reads back as NaN");
		else
			cr_assert(eq(dbl, b, vv.cols[0].numbers[v]), "doubles are exact");
		cr_assert(eq(dbl, VAN(&ig, "community", v), vv.cols[1].numbers[v]));
		cr_assert(eq(int, (int)VAB(&ig, "member", v), v % 2));
		char name[64];
		igraph_id_of("company & co", name, sizeof(name)); /* an XML attribute value, too */
		cr_assert(eq(str, (char *)VAS(&ig, name, v),
		             (char *)wp_strtab_get(vv.cols[3].text, v)));
	}
	igraph_destroy(&ig);
	wp_vertex_values_free(&vv);
	wp_graph_free(&g);
}

Test(export_graphml, typed_columns_and_hostile_labels_read_back_by_igraph_undirected)
{
	check_graphml_with_igraph(false);
}

Test(export_graphml, typed_columns_and_hostile_labels_read_back_by_igraph_directed)
{
	check_graphml_with_igraph(true);
}

/* Writes g with write to a named temporary file and reads it back with our reader. */
static void our_reader(const wp_graph *g, const wp_vertex_values *vv,
                       wp_status (*write)(const wp_graph *, const wp_vertex_values *, FILE *,
                                          const char *, char *),
                       const char *ext, wp_format format, wp_graph *r)
{
	char path[64], err[WP_ERR_LEN] = "";
	snprintf(path, sizeof(path), "/tmp/wp_export_XXXXXX%s", ext);
	int fd = mkstemps(path, (int)strlen(ext));
	cr_assert(fd >= 0);
	FILE *f = fdopen(fd, "w");
	cr_assert(eq(int, write(g, vv, f, path, err), WP_OK), "%s", err);
	fclose(f);
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	cr_assert(eq(int, wp_import_graph(r, path, format, &o, err), WP_OK), "%s", err);
	unlink(path);
}

/* Our readers must give back g exactly: vertex order, labels, CSR and weights. */
static void same_graph(const wp_graph *g, const wp_graph *r)
{
	cr_assert(eq(u32, r->n, g->n));
	cr_assert(eq(u64, r->m, g->m));
	cr_assert(eq(int, r->directed, g->directed));
	for (wp_vertex v = 0; v < g->n; v++)
		cr_assert(eq(str, (char *)wp_labels_name(&r->labels, v),
		             (char *)wp_labels_name(&g->labels, v)));
	for (wp_vertex v = 0; v <= g->n; v++)
		cr_assert(eq(u64, r->offsets[v], g->offsets[v]));
	for (uint64_t i = 0; i < g->m; i++) {
		cr_assert(eq(u32, r->targets[i], g->targets[i]));
		if (g->weights != NULL)
			cr_assert(eq(flt, r->weights[i], g->weights[i]));
	}
}

static wp_status gexf_writer(const wp_graph *g, const wp_vertex_values *vv, FILE *f,
                             const char *name, char *err)
{
	return wp_export_gexf(g, vv, f, name, err);
}

static wp_status pajek_writer(const wp_graph *g, const wp_vertex_values *vv, FILE *f,
                              const char *name, char *err)
{
	(void)vv;
	return wp_export_pajek(g, f, name, err);
}

Test(export_graphml, our_reader_gets_the_same_graph_back)
{
	for (int d = 0; d < 2; d++) {
		wp_graph g, r;
		wp_vertex_values vv;
		hostile_graph(&g, d, true);
		results(&g, &vv);
		our_reader(&g, &vv, wp_export_graphml_values, ".graphml", WP_FORMAT_GRAPHML, &r);
		same_graph(&g, &r);
		wp_graph_free(&r);
		wp_vertex_values_free(&vv);
		wp_graph_free(&g);
	}
}

/* ---- Pajek ----------------------------------------------------------------------------- */

static void check_pajek(bool directed, bool weighted)
{
	wp_graph g;
	hostile_graph(&g, directed, weighted);
	FILE *f = written(pajek_writer, &g, NULL);
	igraph_t ig;
	igraph_set_attribute_table(&igraph_cattribute_table);
	cr_assert(eq(int, igraph_read_graph_pajek(&ig, f), IGRAPH_SUCCESS));
	fclose(f);
	cr_assert(eq(i64, igraph_vcount(&ig), g.n));
	cr_assert(eq(i64, igraph_ecount(&ig), (int64_t)wp_graph_edges(&g)));
	cr_assert(eq(int, igraph_is_directed(&ig), directed));
	for (wp_vertex v = 0; v < g.n; v++) {
		/* Quotes become single quotes and control characters spaces; nothing else. */
		char want[64];
		snprintf(want, sizeof(want), "%s", wp_labels_name(&g.labels, v));
		for (char *p = want; *p; p++)
			*p = *p == '"' ? '\'' : (unsigned char)*p < 0x20 ? ' ' : *p;
		cr_assert(eq(str, (char *)VAS(&ig, "id", v), want));
	}
	for (igraph_integer_t e = 0; e < igraph_ecount(&ig); e++) {
		igraph_integer_t from, to;
		igraph_edge(&ig, e, &from, &to);
		uint64_t arc = wp_graph_find_arc(&g, (wp_vertex)from, (wp_vertex)to);
		cr_assert(not(eq(u64, arc, UINT64_MAX)));
		if (weighted)
			cr_assert(eq(flt, (float)EAN(&ig, "weight", e), g.weights[arc]));
	}
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

Test(export_pajek, igraph_reads_vertices_edges_and_weights)
{
	check_pajek(false, true);
	check_pajek(true, true);
	check_pajek(false, false);
}

Test(export_pajek, our_reader_gets_the_same_structure_back)
{
	static const char *const labels[] = {"Ann Lee", "Zoë", "b", "isolated"};
	static const uint32_t e[][2] = {{0, 1}, {1, 2}, {2, 0}};
	static const float w[] = {0.5f, 2, 0.1f};
	for (int d = 0; d < 2; d++) {
		wp_graph g, r;
		build(&g, labels, 4, e, 3, w, d);
		our_reader(&g, NULL, pajek_writer, ".net", WP_FORMAT_PAJEK, &r);
		same_graph(&g, &r);
		wp_graph_free(&r);
		wp_graph_free(&g);
	}
}

Test(export_pajek, writes_the_exact_text)
{
	static const char *const labels[] = {"a \"b\"", "c"};
	static const uint32_t e[][2] = {{1, 0}};
	static const float w[] = {0.1f};
	wp_graph g;
	char err[WP_ERR_LEN] = "", *out = NULL;
	size_t len = 0;
	build(&g, labels, 2, e, 1, w, true);
	FILE *f = open_memstream(&out, &len);
	cr_assert(eq(int, wp_export_pajek(&g, f, "mem", err), WP_OK), "%s", err);
	fclose(f);
	cr_assert(eq(str, out, "*Vertices 2\n1 \"a 'b'\"\n2 \"c\"\n*Arcs\n2 1 0.1\n"));
	free(out);
	wp_graph_free(&g);
}

/* ---- GEXF through libxml2 -------------------------------------------------------------- */

static char *slurp(FILE *f, size_t *len)
{
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	char *s = malloc((size_t)size + 1);
	cr_assert(eq(sz, fread(s, 1, (size_t)size, f), (size_t)size));
	s[size] = '\0';
	*len = (size_t)size;
	return s;
}

static xmlNode *child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

static char *prop(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static bool prop_is(xmlNode *n, const char *name, const char *want)
{
	char *v = prop(n, name);
	bool ok = v != NULL && strcmp(v, want) == 0;
	xmlFree(v);
	return ok;
}

/* Parses GEXF text and checks what Gephi relies on; returns the vertex count seen. */
static void check_gexf(const wp_graph *g, const wp_vertex_values *vv, const char *text, size_t len)
{
	xmlDoc *doc = xmlReadMemory(text, (int)len, "out.gexf", NULL, XML_PARSE_NONET);
	cr_assert(not(eq(ptr, doc, NULL)), "well-formed XML");
	xmlNode *root = xmlDocGetRootElement(doc);
	cr_assert(eq(str, (char *)root->name, "gexf"));
	cr_assert(not(eq(ptr, root->ns, NULL)));
	cr_assert(eq(str, (char *)root->ns->href, "http://gexf.net/1.3"));
	cr_assert(prop_is(root, "version", "1.3"));
	xmlNode *graph = child(root, "graph");
	cr_assert(not(eq(ptr, graph, NULL)));
	cr_assert(prop_is(graph, "defaultedgetype", g->directed ? "directed" : "undirected"));

	/* Element order: <attributes> (if any) before <nodes> before <edges>. */
	int seen_attrs = -1, seen_nodes = -1, seen_edges = -1, i = 0;
	for (xmlNode *c = graph->children; c; c = c->next, i++) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "attributes") == 0)
			seen_attrs = i;
		else if (strcmp((const char *)c->name, "nodes") == 0)
			seen_nodes = i;
		else if (strcmp((const char *)c->name, "edges") == 0)
			seen_edges = i;
	}
	cr_assert(seen_nodes >= 0 && seen_edges > seen_nodes);
	uint32_t cols = vv ? vv->count : 0;
	char *titles[16] = {0}, *types[16] = {0};
	if (cols > 0) {
		cr_assert(seen_attrs >= 0 && seen_attrs < seen_nodes, "declared before use");
		xmlNode *attrs = child(graph, "attributes");
		cr_assert(prop_is(attrs, "class", "node"));
		uint32_t k = 0;
		for (xmlNode *a = attrs->children; a; a = a->next) {
			if (a->type != XML_ELEMENT_NODE)
				continue;
			char *id = prop(a, "id");
			cr_assert(eq(u32, (uint32_t)atoi(id), k));
			xmlFree(id);
			titles[k] = prop(a, "title");
			types[k] = prop(a, "type");
			cr_assert(eq(str, titles[k], vv->cols[k].name));
			k++;
		}
		cr_assert(eq(u32, k, cols));
	}

	/* Nodes: id and label are the vertex label, attvalues refer to declared ids and hold the
	 * value in its declared type. */
	uint32_t v = 0;
	char buf[WP_VALUE_BUF];
	for (xmlNode *n = child(graph, "nodes")->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		cr_assert(lt(u32, v, g->n));
		cr_assert(prop_is(n, "id", wp_labels_name(&g->labels, v)), "vertex %u", v);
		cr_assert(prop_is(n, "label", wp_labels_name(&g->labels, v)));
		bool got[16] = {false};
		for (xmlNode *av = child(child(n, "attvalues"), "attvalue"); av; av = av->next) {
			if (av->type != XML_ELEMENT_NODE)
				continue;
			char *for_ = prop(av, "for"), *value = prop(av, "value");
			uint32_t c = (uint32_t)atoi(for_);
			cr_assert(lt(u32, c, cols), "attvalue for an undeclared attribute");
			got[c] = true;
			cr_assert(eq(str, value, (char *)wp_vertex_values_format(vv, c, v, buf)));
			if (strcmp(types[c], "double") == 0)
				cr_assert(eq(dbl, strtod(value, NULL), vv->cols[c].numbers[v]));
			else if (strcmp(types[c], "long") == 0)
				cr_assert(eq(dbl, (double)strtoll(value, NULL, 10),
				             vv->cols[c].numbers[v]));
			else if (strcmp(types[c], "boolean") == 0)
				cr_assert(strcmp(value, "true") == 0 ||
				          strcmp(value, "false") == 0);
			else
				cr_assert(eq(str, types[c], "string"));
			xmlFree(for_);
			xmlFree(value);
		}
		for (uint32_t c = 0; c < cols; c++)
			cr_assert(eq(int, got[c], !wp_vertex_values_missing(vv, c, v)));
		v++;
	}
	cr_assert(eq(u32, v, g->n));

	/* Edges: every endpoint is a declared node; each edge of g once, with its weight. */
	uint64_t m = 0;
	wp_labels *labels = (wp_labels *)&g->labels;
	for (xmlNode *e = child(graph, "edges") ? child(graph, "edges")->children : NULL; e;
	     e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		char *s = prop(e, "source"), *t = prop(e, "target"), *w = prop(e, "weight");
		wp_vertex a, b;
		cr_assert(eq(int, wp_labels_lookup(labels, s, strlen(s), &a, NULL), WP_OK));
		cr_assert(eq(int, wp_labels_lookup(labels, t, strlen(t), &b, NULL), WP_OK));
		uint64_t arc = wp_graph_find_arc(g, a, b);
		cr_assert(not(eq(u64, arc, UINT64_MAX)));
		cr_assert(g->directed || a < b, "undirected edges once");
		if (g->weights != NULL)
			cr_assert(eq(flt, strtof(w, NULL), g->weights[arc]));
		else
			cr_assert(eq(ptr, w, NULL));
		xmlFree(s);
		xmlFree(t);
		xmlFree(w);
		m++;
	}
	cr_assert(eq(u64, m, wp_graph_edges(g)));
	for (uint32_t c = 0; c < cols; c++) {
		xmlFree(titles[c]);
		xmlFree(types[c]);
	}
	xmlFreeDoc(doc);
}

Test(export_gexf, has_the_structure_gephi_needs)
{
	for (int d = 0; d < 2; d++) {
		wp_graph g;
		wp_vertex_values vv;
		hostile_graph(&g, d, d == 0);
		results(&g, &vv);
		FILE *f = written(wp_export_gexf, &g, &vv);
		size_t len;
		char *text = slurp(f, &len);
		fclose(f);
		check_gexf(&g, &vv, text, len);
		free(text);
		wp_vertex_values_free(&vv);
		wp_graph_free(&g);
	}
}

Test(export_gexf, our_reader_gets_the_same_graph_back)
{
	for (int d = 0; d < 2; d++) {
		wp_graph g, r;
		wp_vertex_values vv;
		hostile_graph(&g, d, true);
		results(&g, &vv);
		our_reader(&g, &vv, gexf_writer, ".gexf", WP_FORMAT_GEXF, &r);
		same_graph(&g, &r);
		wp_graph_free(&r);
		wp_vertex_values_free(&vv);
		wp_graph_free(&g);
	}
}

/* The edge-case ladder through GEXF and GraphML (igraph): null graph, one vertex, isolated
 * vertices only, without results. */
Test(export_gexf, null_graph_single_vertex_and_isolated_vertices)
{
	static const char *const labels[] = {"solo", "other"};
	for (uint32_t n = 0; n <= 2; n++)
		for (int d = 0; d < 2; d++) {
			wp_graph g;
			build(&g, labels, n, NULL, 0, NULL, d);
			FILE *f = written(wp_export_gexf, &g, NULL);
			size_t len;
			char *text = slurp(f, &len);
			fclose(f);
			check_gexf(&g, NULL, text, len);
			free(text);

			wp_vertex_values vv;
			wp_vertex_values_init(&vv, n);
			f = written(wp_export_graphml_values, &g, &vv);
			igraph_t ig;
			igraph_set_attribute_table(&igraph_cattribute_table);
			cr_assert(eq(int, igraph_read_graph_graphml(&ig, f, 0), IGRAPH_SUCCESS));
			fclose(f);
			cr_assert(eq(i64, igraph_vcount(&ig), n));
			cr_assert(eq(i64, igraph_ecount(&ig), 0));
			if (n > 0)
				same_graph_as_igraph(&g, &ig, "id", "weight");
			igraph_destroy(&ig);
			wp_graph_free(&g);
		}
}

Test(export_gexf, refuses_text_xml_cannot_hold_before_writing)
{
	static const char *const labels[] = {"a", "b\x01"};
	static const uint32_t e[][2] = {{0, 1}};
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	build(&g, labels, 2, e, 1, NULL, false);
	FILE *f = tmpfile();
	cr_assert(eq(int, wp_export_gexf(&g, NULL, f, "out.gexf", err), WP_EINPUT));
	cr_assert(eq(str, err,
	             "out.gexf: the label of vertex 1 contains U+0001, which XML 1.0 cannot "
	             "represent"));
	cr_assert(eq(long, ftell(f), 0L), "nothing was written");
	fclose(f);
	wp_graph_free(&g);

	static const char *const ok[] = {"a", "b"};
	build(&g, ok, 2, e, 1, NULL, false);
	wp_vertex_values vv;
	wp_strtab t = {0};
	wp_vertex_values_init(&vv, 2);
	cr_assert(eq(int, wp_strtab_append(&t, "fine", 4, err), WP_OK));
	cr_assert(eq(int, wp_strtab_append(&t, "bad \xff", 5, err), WP_OK));
	cr_assert(eq(int, wp_vertex_values_add_text(&vv, "company", &t, err), WP_OK));
	err[0] = '\0';
	f = tmpfile();
	cr_assert(eq(int, wp_export_gexf(&g, &vv, f, "out.gexf", err), WP_EINPUT));
	cr_assert(eq(str, err,
	             "out.gexf: attribute 'company' of vertex 1 is not valid UTF-8, which GEXF "
	             "requires"));
	cr_assert(eq(long, ftell(f), 0L));
	fclose(f);
	wp_vertex_values_free(&vv);

	wp_vertex_values_init(&vv, 3); /* does not match the graph */
	err[0] = '\0';
	f = tmpfile();
	cr_assert(eq(int, wp_export_gexf(&g, &vv, f, "out.gexf", err), WP_EARG));
	cr_assert(eq(str, err, "out.gexf: the results cover 3 vertices, the graph has 2"));
	fclose(f);
	wp_graph_free(&g);
}

/* ---- DOT through Graphviz -------------------------------------------------------------- */

static void check_dot(bool directed, bool weighted)
{
	wp_graph g;
	wp_vertex_values vv;
	char buf[WP_VALUE_BUF];
	hostile_graph(&g, directed, weighted);
	results(&g, &vv);
	FILE *f = written(wp_export_dot, &g, &vv);
	Agraph_t *ag = agread(f, NULL);
	fclose(f);
	cr_assert(not(eq(ptr, ag, NULL)), "Graphviz parses it");
	cr_assert(eq(int, agisdirected(ag) != 0, directed));
	cr_assert(eq(int, agnnodes(ag), (int)g.n));
	cr_assert(eq(int, agnedges(ag), (int)wp_graph_edges(&g)));
	for (wp_vertex v = 0; v < g.n; v++) {
		Agnode_t *n = agnode(ag, (char *)wp_labels_name(&g.labels, v), 0);
		cr_assert(not(eq(ptr, n, NULL)), "node '%s' read back by name",
		          wp_labels_name(&g.labels, v));
		for (uint32_t c = 0; c < vv.count; c++) {
			char *got = agget(n, vv.cols[c].name);
			cr_assert(not(eq(ptr, got, NULL)));
			cr_assert(eq(str, got, (char *)wp_vertex_values_format(&vv, c, v, buf)));
		}
	}
	for (wp_vertex u = 0; u < g.n; u++)
		for (uint64_t i = g.offsets[u]; i < g.offsets[u + 1]; i++) {
			wp_vertex v = g.targets[i];
			Agnode_t *a = agnode(ag, (char *)wp_labels_name(&g.labels, u), 0);
			Agnode_t *b = agnode(ag, (char *)wp_labels_name(&g.labels, v), 0);
			Agedge_t *e = agedge(ag, a, b, NULL, 0);
			cr_assert(not(eq(ptr, e, NULL)));
			if (weighted)
				cr_assert(eq(flt, strtof(agget(e, "weight"), NULL), g.weights[i]));
		}
	agclose(ag);
	wp_vertex_values_free(&vv);
	wp_graph_free(&g);
}

Test(export_dot, graphviz_reads_names_attributes_and_edges)
{
	check_dot(false, true);
	check_dot(true, false);
}

/* DOT cannot write an odd run of backslashes right before a quote, a newline or the end of a
 * string: Graphviz then reads one more backslash (dot.h). Every other backslash is exact. */
Test(export_dot, backslashes_are_exact_except_before_a_quote_a_newline_or_the_end)
{
	static const char *const labels[] = {"a\\",  "b\\\\\"c", "d\\\"e",  "f\\\\",
	                                     "g\\h", "n\\\nx",   "m\\\\\ny"};
	static const char *const back[] = {"a\\\\", "b\\\\\"c", "d\\\\\"e", "f\\\\",
	                                   "g\\h",  "n\\\\\nx", "m\\\\\ny"};
	wp_graph g;
	build(&g, labels, 7, NULL, 0, NULL, false);
	FILE *f = written(wp_export_dot, &g, NULL);
	Agraph_t *ag = agread(f, NULL);
	fclose(f);
	cr_assert(not(eq(ptr, ag, NULL)));
	cr_assert(eq(int, agnnodes(ag), 7));
	for (int i = 0; i < 7; i++)
		cr_assert(not(eq(ptr, agnode(ag, (char *)back[i], 0), NULL)), "%s", back[i]);
	agclose(ag);
	wp_graph_free(&g);
}

/* ---- CSV through libcsv ---------------------------------------------------------------- */

typedef struct csv_rows {
	char *cell[16][8];
	int row, col;
} csv_rows;

static void on_field(void *s, size_t len, void *ctx)
{
	csv_rows *r = ctx;
	cr_assert(lt(int, r->row, 16));
	cr_assert(lt(int, r->col, 8));
	r->cell[r->row][r->col] = strndup(s ? s : "", len);
	r->col++;
}

static void on_row(int c, void *ctx)
{
	(void)c;
	csv_rows *r = ctx;
	r->row++;
	r->col = 0;
}

Test(export_csv, libcsv_reads_every_label_and_value_back)
{
	wp_graph g;
	wp_vertex_values vv;
	char buf[WP_VALUE_BUF];
	hostile_graph(&g, false, false);
	results(&g, &vv);
	FILE *f = written(wp_export_vertex_csv, &g, &vv);
	size_t len;
	char *text = slurp(f, &len);
	fclose(f);
	struct csv_parser p;
	static csv_rows r;
	cr_assert(eq(int, csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0));
	cr_assert(eq(sz, csv_parse(&p, text, len, on_field, on_row, &r), len), "%s",
	          csv_strerror(csv_error(&p)));
	cr_assert(eq(int, csv_fini(&p, on_field, on_row, &r), 0));
	csv_free(&p);
	cr_assert(eq(int, r.row, (int)g.n + 1));
	cr_assert(eq(str, r.cell[0][0], "vertex"));
	for (uint32_t c = 0; c < vv.count; c++)
		cr_assert(eq(str, r.cell[0][c + 1], vv.cols[c].name));
	for (wp_vertex v = 0; v < g.n; v++) {
		cr_assert(eq(str, r.cell[v + 1][0], (char *)wp_labels_name(&g.labels, v)));
		for (uint32_t c = 0; c < vv.count; c++) {
			const char *want = wp_vertex_values_missing(&vv, c, v) &&
			                                   vv.cols[c].type != WP_VALUE_TEXT
			                           ? "NaN"
			                           : wp_vertex_values_format(&vv, c, v, buf);
			cr_assert(eq(str, r.cell[v + 1][c + 1], (char *)want));
		}
	}
	for (int i = 0; i < r.row; i++)
		for (int c = 0; c < 8; c++)
			free(r.cell[i][c]);
	free(text);
	wp_vertex_values_free(&vv);
	wp_graph_free(&g);
}

Test(export_csv, quotes_only_what_rfc_4180_needs)
{
	static const char *const labels[] = {"plain", "a,b", "say \"x\"", "two\nlines", " pad"};
	wp_graph g;
	char err[WP_ERR_LEN] = "", *out = NULL;
	size_t len = 0;
	build(&g, labels, 5, NULL, 0, NULL, false);
	FILE *f = open_memstream(&out, &len);
	cr_assert(eq(int, wp_export_vertex_csv(&g, NULL, f, "mem", err), WP_OK), "%s", err);
	fclose(f);
	cr_assert(eq(str, out,
	             "vertex\nplain\n\"a,b\"\n\"say \"\"x\"\"\"\n\"two\nlines\"\n\" pad\"\n"));
	free(out);
	wp_graph_free(&g);
}

Test(export_csv, refuses_a_column_called_vertex_before_writing)
{
	static const char *const labels[] = {"a"};
	wp_graph g;
	wp_vertex_values vv;
	char err[WP_ERR_LEN] = "";
	double x[] = {1};
	build(&g, labels, 1, NULL, 0, NULL, false);
	wp_vertex_values_init(&vv, 1);
	cr_assert(eq(int, wp_vertex_values_add_numbers(&vv, "vertex", WP_VALUE_DOUBLE, x, err),
	             WP_OK));
	FILE *f = tmpfile();
	cr_assert(eq(int, wp_export_vertex_csv(&g, &vv, f, "out.csv", err), WP_EINPUT));
	cr_assert(eq(str, err,
	             "out.csv: a column is called \"vertex\", like the column of labels; rename "
	             "the attribute"));
	cr_assert(eq(long, ftell(f), 0L));
	fclose(f);
	wp_vertex_values_free(&vv);
	wp_graph_free(&g);
}

Test(export_gexf, writes_the_exact_text)
{
	static const char *const labels[] = {"a&b", "c"};
	static const uint32_t e[][2] = {{1, 0}};
	static const float w[] = {0.5f};
	wp_graph g;
	wp_vertex_values vv;
	char err[WP_ERR_LEN] = "", *out = NULL;
	size_t len = 0;
	double x[] = {0.25, NAN};
	build(&g, labels, 2, e, 1, w, false);
	wp_vertex_values_init(&vv, 2);
	cr_assert(eq(int, wp_vertex_values_add_numbers(&vv, "pagerank", WP_VALUE_DOUBLE, x, err),
	             WP_OK));
	FILE *f = open_memstream(&out, &len);
	cr_assert(eq(int, wp_export_gexf(&g, &vv, f, "mem", err), WP_OK), "%s", err);
	fclose(f);
	cr_assert(eq(str, out,
	             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	             "<gexf xmlns=\"http://gexf.net/1.3\" "
	             "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	             "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
	             "version=\"1.3\">\n"
	             "  <meta>\n    <creator>warmpath " WP_VERSION "</creator>\n  </meta>\n"
	             "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n"
	             "    <attributes class=\"node\" mode=\"static\">\n"
	             "      <attribute id=\"0\" title=\"pagerank\" type=\"double\"/>\n"
	             "    </attributes>\n"
	             "    <nodes>\n"
	             "      <node id=\"a&amp;b\" label=\"a&amp;b\">\n"
	             "        <attvalues>\n"
	             "          <attvalue for=\"0\" value=\"0.25\"/>\n"
	             "        </attvalues>\n"
	             "      </node>\n"
	             "      <node id=\"c\" label=\"c\"/>\n"
	             "    </nodes>\n"
	             "    <edges>\n"
	             "      <edge id=\"0\" source=\"a&amp;b\" target=\"c\" weight=\"0.5\"/>\n"
	             "    </edges>\n"
	             "  </graph>\n"
	             "</gexf>\n"));
	free(out);
	wp_vertex_values_free(&vv);
	wp_graph_free(&g);
}
