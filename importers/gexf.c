/* gexf.c - the GEXF reader (1.1draft, 1.2draft, 1.3draft, 1.3): libxml2's streaming reader into
 * an edge buffer.
 *
 * The document is pulled node by node through importers/xmlsafe.c (no network, no DTD, no
 * entities), so memory is the edge buffer, the declared attributes and 8 bytes per vertex.
 * O(bytes of input). What is read, and how:
 * - <gexf> in any gexf.net namespace (or none); <meta> and every element in another namespace
 *   (Gephi's viz:color, viz:position, viz:size) are skipped with their content.
 * - <graph defaultedgetype>: directed, undirected (the default when absent, as the schema says)
 *   or mutual (a reciprocated pair: read as undirected). mode="dynamic" files are read with their
 *   time spells ignored. Only one <graph> per file.
 * - <attributes class="node|edge"> declare <attribute id title type>; values come in <attvalues>
 *   as <attvalue for="ID" value="..."> (`id` instead of `for` in 1.0-era files). Every node
 *   attvalue becomes a vertex attribute named by the attribute's title (its id when untitled),
 *   its value kept as text; later attvalues of a node for the same attribute (dynamic spells)
 *   replace earlier ones. <default> values are not applied (such vertices get ""), as for
 *   GraphML. An attvalue naming an undeclared attribute is an error.
 * - <node id label>: the id is the vertex label, interned in order of first appearance (edges
 *   may name nodes declared later); the label becomes the vertex attribute "label". Declaring a
 *   node twice is an error, and so is an edge naming a node no <node> declares (reported at the
 *   first such edge; Gephi would invent the node, we would rather say so). Hierarchical graphs
 *   (<nodes> inside a <node>, pid) are errors.
 * - <edge [id] source target [type] [weight] [label]>: ids are optional (1.3). The weight is the
 *   `weight` XML attribute or else an attvalue of a numeric edge attribute titled "weight" (any
 *   case); a finite number that fits a float (1.3 writes doubles). type is directed, undirected
 *   or mutual, defaulting to defaultedgetype. A graph with both directed and undirected edges is
 *   read as directed, each undirected or mutual edge as two arcs. Parallel edges and self-loops
 *   are kept for the graph builder (Gephi's "kind" of parallel edge is ignored).
 * Errors: "name:line: what is wrong" with the line of the element, WP_EINPUT.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importers/import.h"
#include "importers/lines_internal.h"
#include "importers/xmlsafe_internal.h"

#define MAX_VALUE (1u << 20) /* longest id or value accepted, in bytes */
#define MAX_DEPTH 12

typedef enum context {
	C_GEXF,
	C_GRAPH,
	C_ATTRS,
	C_NODES,
	C_NODE,
	C_NODE_VALUES,
	C_EDGES,
	C_EDGE,
	C_EDGE_VALUES
} context;

/* The attributes declared for one class (node or edge). */
typedef struct attr_table {
	wp_labels ids;
	char **titles;
	bool *weight; /* edge attributes: titled weight with a numeric type */
	uint32_t cap;
} attr_table;

typedef struct parser {
	wpi_xml x;
	wp_edgebuf *eb;
	locale_t c_locale;
	attr_table attrs[2]; /* [0] node, [1] edge */
	wpi_dirs dirs;
	uint32_t *decl_line; /* per vertex: line of its <node>, 0 = not declared */
	uint32_t *ref_line;  /* per vertex: line of the first edge naming it */
	uint32_t vcap;
	int depth;
	int graphs;
	int attrs_class; /* class of the open <attributes> */
	context stack[MAX_DEPTH];
	wp_vertex node, eu, ev;
	float weight;
	bool default_directed, edge_undirected, weight_from_xml, edge_weighted, root_seen;
} parser;

static uint32_t line32(unsigned long line)
{
	return line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
}

static wp_status parse_weight(parser *p, const char *s, unsigned long line, const char *what,
                              float *w, char *err)
{
	wp_status st = WP_OK;
	char *stop = NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	locale_t old = uselocale(p->c_locale);
	double d = strtod(s, &stop);
	uselocale(old);
	while (stop != NULL && (*stop == ' ' || *stop == '\t' || *stop == '\n' || *stop == '\r'))
		stop++;
	if (*s == '\0' || stop == NULL || *stop != '\0')
		WP_FAIL(WP_EINPUT, "%s:%lu: %s '%.40s' is not a number", p->x.src->name, line, what,
		        s);
	if (!isfinite(d) || fabs(d) > FLT_MAX)
		WP_FAIL(WP_EINPUT, "%s:%lu: %s '%.40s' is not a finite 32-bit float",
		        p->x.src->name, line, what, s);
	*w = (float)d;
	return WP_OK;
fail:
	return st;
}

static wp_status intern_vertex(parser *p, const char *s, unsigned long line, const char *what,
                               wp_vertex *v, char *err)
{
	wp_status st = WP_OK;
	char inner[WP_ERR_LEN] = "";
	size_t len = strlen(s);
	if (len == 0)
		WP_FAIL(WP_EINPUT, "%s:%lu: %s is empty", p->x.src->name, line, what);
	if (len > MAX_VALUE)
		WP_FAIL(WP_ELIMIT, "%s:%lu: %s is longer than %u bytes", p->x.src->name, line, what,
		        MAX_VALUE);
	st = wp_labels_intern(&p->eb->labels, s, len, v, NULL, inner);
	if (st != WP_OK)
		WP_FAIL(st, "%s:%lu: %s", p->x.src->name, line, inner);
	if (*v >= p->vcap) {
		uint64_t cap = p->vcap ? (uint64_t)p->vcap * 2 : 1024;
		while (cap <= *v)
			cap *= 2;
		if (cap > (uint64_t)WP_MAX_VERTICES + 1)
			cap = (uint64_t)WP_MAX_VERTICES + 1;
		uint32_t *d = realloc(p->decl_line, cap * sizeof(*d));
		if (d == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow the node table");
		p->decl_line = d;
		uint32_t *r = realloc(p->ref_line, cap * sizeof(*r));
		if (r == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow the node table");
		p->ref_line = r;
		memset(p->decl_line + p->vcap, 0, (cap - p->vcap) * sizeof(*d));
		memset(p->ref_line + p->vcap, 0, (cap - p->vcap) * sizeof(*r));
		p->vcap = (uint32_t)cap;
	}
	return WP_OK;
fail:
	return st;
}

static bool numeric_type(const char *type)
{
	static const char *const types[] = {"integer", "long", "float",      "double",    "short",
	                                    "byte",    "int",  "bigdecimal", "biginteger"};
	if (type == NULL)
		return false;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(type, types[i]) == 0)
			return true;
	return false;
}

static wp_status on_attribute(parser *p, unsigned long line, char *err)
{
	wp_status st = WP_OK;
	char *id = wpi_xml_attr(&p->x, "id"), *title = wpi_xml_attr(&p->x, "title");
	char *type = wpi_xml_attr(&p->x, "type");
	attr_table *t = &p->attrs[p->attrs_class];
	wp_vertex k = 0;
	bool is_new = false;
	char inner[WP_ERR_LEN] = "";
	if (id == NULL || id[0] == '\0')
		WP_FAIL(WP_EINPUT, "%s:%lu: <attribute> has no id", p->x.src->name, line);
	if (strlen(id) > MAX_VALUE || (title != NULL && strlen(title) > MAX_VALUE))
		WP_FAIL(WP_ELIMIT, "%s:%lu: attribute id or title longer than %u bytes",
		        p->x.src->name, line, MAX_VALUE);
	st = wp_labels_intern(&t->ids, id, strlen(id), &k, &is_new, inner);
	if (st != WP_OK)
		WP_FAIL(st, "%s:%lu: %s", p->x.src->name, line, inner);
	if (!is_new)
		WP_FAIL(WP_EINPUT, "%s:%lu: %s attribute '%.100s' is declared twice",
		        p->x.src->name, line, p->attrs_class ? "edge" : "node", id);
	if (k >= t->cap) {
		uint32_t cap = t->cap ? t->cap * 2 : 16;
		char **titles = realloc(t->titles, cap * sizeof(*titles));
		if (titles == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %u attributes", cap);
		t->titles = titles;
		bool *w = realloc(t->weight, cap * sizeof(*w));
		if (w == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %u attributes", cap);
		t->weight = w;
		memset(t->titles + t->cap, 0, (cap - t->cap) * sizeof(*titles));
		t->cap = cap;
	}
	t->titles[k] = strdup(title != NULL && title[0] != '\0' ? title : id);
	if (t->titles[k] == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate an attribute title");
	t->weight[k] = p->attrs_class == 1 && strcasecmp(t->titles[k], "weight") == 0 &&
	               (type == NULL || numeric_type(type));
	xmlFree(id);
	xmlFree(title);
	xmlFree(type);
	return WP_OK;
fail:
	xmlFree(id);
	xmlFree(title);
	xmlFree(type);
	return st;
}

static wp_status on_graph(parser *p, unsigned long line, char *err)
{
	wp_status st = WP_OK;
	char *def = wpi_xml_attr(&p->x, "defaultedgetype");
	if (p->graphs++ > 0)
		WP_FAIL(WP_EINPUT, "%s:%lu: a second <graph>: only one graph per file is supported",
		        p->x.src->name, line);
	if (def == NULL || strcmp(def, "undirected") == 0 || strcmp(def, "mutual") == 0)
		p->default_directed = false;
	else if (strcmp(def, "directed") == 0)
		p->default_directed = true;
	else
		WP_FAIL(WP_EINPUT,
		        "%s:%lu: defaultedgetype must be directed, undirected or mutual, not "
		        "'%.40s'",
		        p->x.src->name, line, def);
	xmlFree(def);
	return WP_OK;
fail:
	xmlFree(def);
	return st;
}

static wp_status on_node(parser *p, unsigned long line, char *err)
{
	wp_status st = WP_OK;
	char *id = wpi_xml_attr(&p->x, "id"), *label = wpi_xml_attr(&p->x, "label");
	char *pid = wpi_xml_attr(&p->x, "pid");
	wp_vertex v = 0;
	if (id == NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: <node> has no id attribute", p->x.src->name, line);
	if (pid != NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: hierarchical graphs (pid) are not supported",
		        p->x.src->name, line);
	WP_TRY(intern_vertex(p, id, line, "<node> id", &v, err));
	if (p->decl_line[v] != 0)
		WP_FAIL(WP_EINPUT, "%s:%lu: node '%.100s' is declared twice (first on line %u)",
		        p->x.src->name, line, id, p->decl_line[v]);
	p->decl_line[v] = line32(line);
	p->node = v;
	if (label != NULL) {
		if (strlen(label) > MAX_VALUE)
			WP_FAIL(WP_ELIMIT, "%s:%lu: label longer than %u bytes", p->x.src->name,
			        line, MAX_VALUE);
		WP_TRY(wp_attrs_set(&p->eb->attrs, "label", v, label, strlen(label), err));
	}
	xmlFree(id);
	xmlFree(label);
	xmlFree(pid);
	return WP_OK;
fail:
	xmlFree(id);
	xmlFree(label);
	xmlFree(pid);
	return st;
}

static wp_status endpoint(parser *p, const char *label, unsigned long line, const char *what,
                          wp_vertex *v, char *err)
{
	wp_status st = WP_OK;
	WP_TRY(intern_vertex(p, label, line, what, v, err));
	if (p->decl_line[*v] == 0 && p->ref_line[*v] == 0)
		p->ref_line[*v] = line32(line);
	return WP_OK;
fail:
	return st;
}

static wp_status on_edge(parser *p, unsigned long line, char *err)
{
	wp_status st = WP_OK;
	char *source = wpi_xml_attr(&p->x, "source"), *target = wpi_xml_attr(&p->x, "target");
	char *type = wpi_xml_attr(&p->x, "type"), *weight = wpi_xml_attr(&p->x, "weight");
	if (source == NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: <edge> has no source attribute", p->x.src->name, line);
	if (target == NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: <edge> has no target attribute", p->x.src->name, line);
	WP_TRY(endpoint(p, source, line, "<edge> source", &p->eu, err));
	WP_TRY(endpoint(p, target, line, "<edge> target", &p->ev, err));
	p->edge_undirected = !p->default_directed;
	if (type != NULL) {
		if (strcmp(type, "directed") == 0)
			p->edge_undirected = false;
		else if (strcmp(type, "undirected") == 0 || strcmp(type, "mutual") == 0)
			p->edge_undirected = true;
		else
			WP_FAIL(WP_EINPUT,
			        "%s:%lu: edge type must be directed, undirected or mutual, not "
			        "'%.40s'",
			        p->x.src->name, line, type);
	}
	p->weight = 1.0f;
	p->edge_weighted = p->weight_from_xml = weight != NULL;
	if (weight != NULL)
		WP_TRY(parse_weight(p, weight, line, "edge weight", &p->weight, err));
	xmlFree(source);
	xmlFree(target);
	xmlFree(type);
	xmlFree(weight);
	return WP_OK;
fail:
	xmlFree(source);
	xmlFree(target);
	xmlFree(type);
	xmlFree(weight);
	return st;
}

static wp_status on_attvalue(parser *p, bool edge, unsigned long line, char *err)
{
	wp_status st = WP_OK;
	char *key = wpi_xml_attr(&p->x, "for"), *value = wpi_xml_attr(&p->x, "value");
	attr_table *t = &p->attrs[edge];
	wp_vertex k = 0;
	if (key == NULL)
		key = wpi_xml_attr(&p->x, "id");
	if (key == NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: <attvalue> has no for attribute", p->x.src->name, line);
	if (value == NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: <attvalue> has no value attribute", p->x.src->name,
		        line);
	if (key[0] == '\0' || wp_labels_lookup(&t->ids, key, strlen(key), &k, NULL) != WP_OK)
		WP_FAIL(WP_EINPUT,
		        "%s:%lu: <attvalue> refers to %s attribute '%.100s', which no <attribute> "
		        "declares",
		        p->x.src->name, line, edge ? "edge" : "node", key);
	if (strlen(value) > MAX_VALUE)
		WP_FAIL(WP_ELIMIT, "%s:%lu: value longer than %u bytes", p->x.src->name, line,
		        MAX_VALUE);
	if (!edge) {
		WP_TRY(wp_attrs_set(&p->eb->attrs, t->titles[k], p->node, value, strlen(value),
		                    err));
	} else if (t->weight[k] && !p->weight_from_xml) {
		WP_TRY(parse_weight(p, value, line, "edge weight", &p->weight, err));
		p->edge_weighted = true;
	}
	xmlFree(key);
	xmlFree(value);
	return WP_OK;
fail:
	xmlFree(key);
	xmlFree(value);
	return st;
}

static wp_status push_edge(parser *p, char *err)
{
	wp_status st = WP_OK;
	if (p->edge_weighted)
		WP_TRY(wp_edgebuf_push_weighted(p->eb, p->eu, p->ev, p->weight, err));
	else
		WP_TRY(wp_edgebuf_push(p->eb, p->eu, p->ev, err));
	WP_TRY(wpi_dirs_mark(&p->dirs, p->eb->count - 1, p->edge_undirected, err));
	return WP_OK;
fail:
	return st;
}

static bool is(const char *local, const char *name)
{
	return strcmp(local, name) == 0;
}

/* Whether an element belongs to GEXF (not to the viz namespace or another). */
static bool in_gexf(const xmlChar *ns)
{
	const char *s = (const char *)ns;
	return s == NULL || (strstr(s, "gexf.net/") != NULL && strstr(s, "viz") == NULL);
}

/* Handles an element start; *skip asks the caller to skip it with its content. */
static wp_status on_element(parser *p, bool *skip, char *err)
{
	wp_status st = WP_OK;
	const char *local = (const char *)xmlTextReaderConstLocalName(p->x.reader);
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(p->x.reader);
	bool empty = xmlTextReaderIsEmptyElement(p->x.reader) == 1;
	unsigned long line = wpi_xml_line(&p->x);
	context next = C_GEXF;
	bool enter = false;
	*skip = false;
	if (local == NULL)
		local = "";
	if (!p->root_seen) {
		p->root_seen = true;
		if (!is(local, "gexf") || !in_gexf(ns))
			WP_FAIL(WP_EINPUT,
			        "%s:%lu: the root element is <%.60s>%s%.80s%s, expected <gexf> (is "
			        "this a GEXF file?)",
			        p->x.src->name, line,
			        (const char *)xmlTextReaderConstName(p->x.reader),
			        ns ? " in namespace '" : "", ns ? (const char *)ns : "",
			        ns ? "'" : "");
		next = C_GEXF;
		enter = true;
	} else if (p->depth == 0 || !in_gexf(ns)) {
		*skip = !empty;
		return WP_OK;
	} else {
		switch (p->stack[p->depth - 1]) {
		case C_GEXF:
			if (is(local, "graph")) {
				WP_TRY(on_graph(p, line, err));
				next = C_GRAPH;
				enter = true;
			}
			break;
		case C_GRAPH:
			if (is(local, "attributes")) {
				char *cls = wpi_xml_attr(&p->x, "class");
				bool ok = cls != NULL && (is(cls, "node") || is(cls, "edge"));
				p->attrs_class = ok && is(cls, "edge") ? 1 : 0;
				xmlFree(cls);
				if (!ok) /* graph-class attributes (1.3) describe the graph only */
					break;
				next = C_ATTRS;
				enter = true;
			} else if (is(local, "nodes")) {
				next = C_NODES;
				enter = true;
			} else if (is(local, "edges")) {
				next = C_EDGES;
				enter = true;
			}
			break;
		case C_ATTRS:
			if (is(local, "attribute"))
				WP_TRY(on_attribute(p, line, err));
			break; /* its <default> and <options> are skipped */
		case C_NODES:
			if (is(local, "node")) {
				WP_TRY(on_node(p, line, err));
				next = C_NODE;
				enter = true;
			}
			break;
		case C_NODE:
			if (is(local, "attvalues")) {
				next = C_NODE_VALUES;
				enter = true;
			} else if (is(local, "nodes") || is(local, "edges")) {
				WP_FAIL(WP_EINPUT,
				        "%s:%lu: hierarchical graphs (<%s> inside a <node>) are "
				        "not "
				        "supported",
				        p->x.src->name, line, local);
			}
			break;
		case C_EDGES:
			if (is(local, "edge")) {
				WP_TRY(on_edge(p, line, err));
				next = C_EDGE;
				enter = true;
			}
			break;
		case C_EDGE:
			if (is(local, "attvalues")) {
				next = C_EDGE_VALUES;
				enter = true;
			}
			break;
		case C_NODE_VALUES:
		case C_EDGE_VALUES:
			if (is(local, "attvalue"))
				WP_TRY(on_attvalue(p, p->stack[p->depth - 1] == C_EDGE_VALUES, line,
				                   err));
			break;
		}
	}
	if (!enter) {
		*skip = !empty;
		return WP_OK;
	}
	if (empty) {
		if (next == C_EDGE)
			WP_TRY(push_edge(p, err));
		return WP_OK;
	}
	if (p->depth == MAX_DEPTH)
		WP_FAIL(WP_EINPUT, "%s:%lu: elements nested too deeply", p->x.src->name, line);
	p->stack[p->depth++] = next;
	return WP_OK;
fail:
	return st;
}

static wp_status finish(parser *p, bool *directed, char *err)
{
	wp_status st = WP_OK;
	uint32_t n = wp_labels_count(&p->eb->labels);
	wp_vertex worst = WP_NO_VERTEX;
	if (!p->root_seen)
		WP_FAIL(WP_EINPUT, "%s:1: no root element, expected GEXF", p->x.src->name);
	if (p->graphs == 0)
		WP_FAIL(WP_EINPUT, "%s:1: no <graph> element in the file", p->x.src->name);
	for (wp_vertex v = 0; v < n; v++)
		if (p->decl_line[v] == 0 &&
		    (worst == WP_NO_VERTEX || p->ref_line[v] < p->ref_line[worst]))
			worst = v;
	if (worst != WP_NO_VERTEX)
		WP_FAIL(WP_EINPUT, "%s:%u: edge names node '%.100s' that is never declared",
		        p->x.src->name, p->ref_line[worst], wp_labels_name(&p->eb->labels, worst));
	WP_TRY(wpi_dirs_finish(&p->dirs, p->eb, p->default_directed, directed, err));
	return WP_OK;
fail:
	return st;
}

static void parser_free(parser *p)
{
	wpi_xml_close(&p->x);
	for (int c = 0; c < 2; c++) {
		attr_table *t = &p->attrs[c];
		for (uint32_t i = 0; i < t->cap; i++)
			free(t->titles[i]);
		free(t->titles);
		free(t->weight);
		wp_labels_free(&t->ids);
	}
	wpi_dirs_free(&p->dirs);
	free(p->decl_line);
	free(p->ref_line);
	if (p->c_locale != (locale_t)0)
		freelocale(p->c_locale);
	memset(p, 0, sizeof(*p));
}

wp_status wp_import_gexf(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb, bool *directed,
                         char *err)
{
	wp_status st = WP_OK;
	parser p;
	bool skip = false, got = false;
	(void)opts; /* GEXF says itself whether it is directed */
	memset(&p, 0, sizeof(p));
	p.eb = eb;
	p.c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (p.c_locale == (locale_t)0)
		WP_FAIL(WP_ENOMEM, "cannot create the C locale");
	WP_TRY(wpi_xml_open(&p.x, src, "GEXF", err));
	for (;;) {
		WP_TRY(wpi_xml_next(&p.x, skip, &got, err));
		if (!got)
			break;
		skip = false;
		int type = xmlTextReaderNodeType(p.x.reader);
		if (type == XML_READER_TYPE_ELEMENT) {
			WP_TRY(on_element(&p, &skip, err));
		} else if (type == XML_READER_TYPE_END_ELEMENT && p.depth > 0) {
			if (p.stack[--p.depth] == C_EDGE)
				WP_TRY(push_edge(&p, err));
		}
	}
	WP_TRY(finish(&p, directed, err));
	parser_free(&p);
	return WP_OK;
fail:
	parser_free(&p);
	return st;
}
