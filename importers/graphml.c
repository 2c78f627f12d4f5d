/* graphml.c - the GraphML reader: libxml2's streaming xmlTextReader into an edge buffer.
 *
 * The document is pulled node by node (xmlReaderForIO over wp_source_read, so `.gz` files and
 * fmemopen() streams both work); nothing but the current element is kept, so memory is the edge
 * buffer plus 8 bytes per vertex and one <data> value. O(bytes of input).
 *
 * What is read, and how:
 * - <key id for attr.name attr.type>: a key's name is its attr.name (its id when there is none).
 *   A node key (for="node" or "all") named label, name, title or _graphml_vertex_id (graph-tool's
 *   original vertex id), in any case, makes its <data> a vertex attribute of that name; other
 *   node keys are ignored. An edge key named weight, value or strength (in that order of
 *   preference; the most preferred name present wins, and every key with that name counts, since
 *   networkx writes one "weight" key per value type) whose attr.type is numeric or absent gives
 *   the edge weight: a finite number that fits a float, in C syntax (hex floats, as graph-tool
 *   writes them, included). A weight key's <default> applies to edges without the <data>;
 *   defaults of attribute keys are not applied (such vertices get "").
 * - <graph edgedefault>: "directed" or "undirected"; absent means undirected, as networkx reads
 *   it. Only the first <graph> is read: a second one is an error rather than silently dropped.
 * - <node id>: the id is the vertex label, interned in order of first appearance (an edge may name
 *   a node before its <node>); declaring a node twice is an error, and so is an edge naming a
 *   node that no <node> declares (reported at the first such edge).
 * - <edge source target [directed]>: one edge; parallel edges and self-loops are kept for the
 *   graph builder. An edge whose `directed` disagrees with edgedefault is an error: mixed graphs
 *   are not supported.
 * - Hyperedges, ports and nested graphs are errors. Other elements (desc, locator, yEd's
 *   graphics, anything in another namespace) are skipped with their content.
 *
 * Safety: XML_PARSE_NONET, no DTD loading, no entity substitution, no XML_PARSE_HUGE (libxml2's
 * own size limits stay on). A DOCTYPE that declares entities is rejected outright ("entity
 * declarations are not accepted"): it is the only way to an entity-expansion attack (billion
 * laughs) or an external entity (XXE), and no GraphML writer needs one. A DOCTYPE without
 * entities (the old graphml.dtd reference) is accepted and not read. libxml2's errors go to a
 * per-reader handler; the first one is reported with its line.
 *
 * Line numbers are those of libxml2's element nodes: the line where the start tag ends (see
 * node_line() for lines past 65534, which libxml2 2.9 does not keep for elements).
 */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "importers/import.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define MAX_VALUE (1u << 20) /* longest id or <data> value accepted, in bytes */
#define MAX_DEPTH 8

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_ptr;
#else
typedef xmlErrorPtr xml_error_ptr;
#endif

/* Where the reader is: the GraphML elements open around the current node. */
typedef enum context {
	C_GRAPHML,
	C_KEY,
	C_DEFAULT, /* <default> of a weight key */
	C_GRAPH,
	C_NODE,
	C_EDGE,
	C_DATA /* a <data> whose value is kept */
} context;

enum { FOR_NODE = 1, FOR_EDGE = 2 };
enum { ROLE_NONE, ROLE_ATTR, ROLE_WEIGHT };

typedef struct gkey {
	char *name;      /* attr.name, or the id when there is none */
	unsigned domain; /* FOR_NODE | FOR_EDGE */
	int role;
	int rank; /* weight keys: 0 weight, 1 value, 2 strength */
	bool has_default;
	float default_weight;
} gkey;

/* The reader's state; fields are grouped by size (clang-tidy's padding check). */
typedef struct parser {
	xmlTextReaderPtr reader;
	wp_source *src;
	wp_edgebuf *eb;
	locale_t c_locale; /* numbers are read in the "C" locale */

	/* keys, indexed by the id interned in key_ids */
	wp_labels key_ids;
	gkey *keys;

	/* vertices: line of the <node> (0 = not declared) and of the first edge naming it */
	uint32_t *decl_line;
	uint32_t *ref_line;

	char *text; /* value of the current <data> or <default>, NUL-terminated */
	size_t text_len, text_cap;

	unsigned long scan_line;   /* where the prolog scan is */
	unsigned long entity_line; /* line of the first <!ENTITY, or 0 */
	unsigned long xml_line;    /* line of the first libxml2 error */
	unsigned long root_line;
	unsigned long text_line; /* end line of the text node just before this node, or 0 */
	unsigned long data_line; /* line of the current <data> or <default> */

	wp_status io_status;   /* a read error, reported as end of input to libxml2 */
	int xml_code;          /* the first libxml2 error */
	unsigned entity_match; /* bytes of "<!ENTITY" matched so far */
	uint32_t keys_cap;
	uint32_t vcap;
	int weight_rank;      /* best weight rank declared, or 3 for none */
	float default_weight; /* valid if has_default_weight */
	int graphs;
	int depth;        /* of stack */
	int key;          /* key being declared (C_KEY, C_DEFAULT) */
	int data_key;     /* key of the <data> being read (C_DATA) */
	wp_vertex node;   /* current <node> */
	wp_vertex eu, ev; /* current <edge> */
	float edge_weight;
	context stack[MAX_DEPTH]; /* GraphML elements open around the current node */

	bool saw_content; /* a byte other than XML whitespace was read */
	bool eof;         /* the source has no more bytes */
	bool prolog_done; /* the scan for <!ENTITY stops at the first element start */
	bool prev_lt;
	bool xml_failed;
	bool cut_short; /* the input ended inside the document */
	bool has_default_weight;
	bool root_seen;
	bool directed;
	bool edge_weighted;
	char open_name[64]; /* the innermost open element when cut_short */
	char xml_msg[200];
	char io_err[WP_ERR_LEN];
} parser;

static const char *const attr_names[] = {"label", "name", "title", "_graphml_vertex_id"};
static const char *const weight_names[] = {"weight", "value", "strength"};

static bool is_xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
	       c >= 0x80;
}

/* Watches the prolog for "<!ENTITY", so that a rejected document can be blamed on the line of
 * its first entity declaration even when libxml2 stops on the declarations before the reader
 * reports the DOCTYPE. Stops at the first element start, so only the first bytes are scanned. */
static void scan_prolog(parser *p, const char *buf, size_t len)
{
	static const char pattern[] = "<!ENTITY";
	for (size_t i = 0; i < len && !p->prolog_done; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (!p->saw_content && !is_xml_space(c))
			p->saw_content = true;
		if (c == '\n')
			p->scan_line++;
		if (p->prev_lt && is_name_start(c)) {
			p->prolog_done = true;
			break;
		}
		p->prev_lt = c == '<';
		if (c == (unsigned char)pattern[p->entity_match]) {
			if (++p->entity_match == sizeof(pattern) - 1) {
				if (p->entity_line == 0)
					p->entity_line = p->scan_line;
				p->entity_match = 0;
			}
		} else {
			p->entity_match = c == '<' ? 1 : 0;
		}
	}
}

/* libxml2's read callback. A read error is recorded and reported as end of input: returning -1
 * would make libxml2 print through its global error handler. */
static int read_input(void *ctx, char *buf, int len)
{
	parser *p = ctx;
	size_t got = 0;
	if (p->io_status != WP_OK || len <= 0)
		return 0;
	p->io_status = wp_source_read(p->src, buf, (size_t)len, &got, p->io_err);
	if (p->io_status != WP_OK)
		return 0;
	if (got == 0)
		p->eof = true;
	if (!p->prolog_done)
		scan_prolog(p, buf, got);
	return (int)got;
}

static void on_xml_error(void *ctx, xml_error_ptr e)
{
	parser *p = ctx;
	if (e == NULL || e->level < XML_ERR_ERROR || p->xml_failed)
		return;
	p->xml_failed = true;
	p->xml_code = e->code;
	p->xml_line = e->line > 0 ? (unsigned long)e->line : 1;
	snprintf(p->xml_msg, sizeof(p->xml_msg), "%s", e->message ? e->message : "unknown error");

	size_t n = strlen(p->xml_msg);
	while (n > 0 && is_xml_space((unsigned char)p->xml_msg[n - 1]))
		p->xml_msg[--n] = '\0';
	/* A file cut short makes libxml2 report whatever construct it was in ("Couldn't find end
	 * of Start Tag", or "Extra content at the end of the document" between elements). It was
	 * cut short if the input is exhausted and the parser stopped at the very end of it, or
	 * reached the end with elements still open. */
	const xmlParserCtxt *pc = e->ctxt;
	if (e->domain != XML_FROM_PARSER || pc == NULL || !p->eof || pc->input == NULL ||
	    pc->input->cur == NULL || pc->input->end == NULL)
		return;
	if (pc->input->end - pc->input->cur == 0 ||
	    (e->code == XML_ERR_DOCUMENT_END && pc->nameNr > 0)) {
		p->cut_short = true;
		if (pc->nameNr > 0 && pc->name != NULL)
			snprintf(p->open_name, sizeof(p->open_name), "%s", (const char *)pc->name);
	}
}

/* The line of the reader's current node. libxml2 2.9 keeps element lines in 16 bits; past line
 * 65534 an element preceded by whitespace takes the line of that text, which XML_PARSE_BIG_LINES
 * records in full and which ends where the element starts. Otherwise the reader's parse position
 * is used, which may be a few hundred bytes further on. */
static unsigned long node_line(const parser *p)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(p->reader);
	if (n != NULL && n->line > 0 && n->line < 65535)
		return n->line;
	if (n != NULL && n->type == XML_ELEMENT_NODE && p->text_line > 0)
		return p->text_line;
	int line = xmlTextReaderGetParserLineNumber(p->reader);
	return line > 0 ? (unsigned long)line : 1;
}

/* The error to report once libxml2 has failed (always an error status). */
static wp_status xml_failure(parser *p, char *err)
{
	const char *name = p->src->name;
	if (p->entity_line > 0)
		return wp_error(err, WP_EINPUT,
		                "%s:%lu: entity declarations are not accepted (DTDs are not read, "
		                "for safety)",
		                name, p->entity_line);
	if (!p->saw_content)
		return wp_error(err, WP_EINPUT, "%s:1: empty file, expected GraphML", name);
	if (!p->xml_failed)
		return wp_error(err, WP_EINPUT, "%s:%lu: malformed XML", name, node_line(p));
	if (p->xml_code == XML_ERR_DOCUMENT_EMPTY)
		return wp_error(err, WP_EINPUT, "%s:%lu: not an XML file, expected GraphML", name,
		                p->xml_line);
	if (p->cut_short && p->open_name[0] != '\0')
		return wp_error(
		        err, WP_EINPUT,
		        "%s:%lu: unexpected end of file inside <%s> (is the file truncated?)", name,
		        p->xml_line, p->open_name);
	if (p->cut_short)
		return wp_error(
		        err, WP_EINPUT,
		        "%s:%lu: unexpected end of file before the root element is complete "
		        "(is the file truncated?)",
		        name, p->xml_line);
	return wp_error(err, WP_EINPUT, "%s:%lu: malformed XML: %s", name, p->xml_line, p->xml_msg);
}

static bool in_graphml_ns(const xmlChar *ns)
{
	return ns == NULL || strncmp((const char *)ns, GRAPHML_NS, strlen(GRAPHML_NS)) == 0;
}

static bool is(const char *local, const char *name)
{
	return strcmp(local, name) == 0;
}

/* Attribute `name` of the current element (caller xmlFree()s it), or NULL. */
static char *get_attr(parser *p, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(p->reader, (const xmlChar *)name);
}

static wp_status push_context(parser *p, context c, char *err)
{
	wp_status st = WP_OK;
	if (p->depth == MAX_DEPTH)
		WP_FAIL(WP_EINPUT, "%s:%lu: elements nested too deeply", p->src->name,
		        node_line(p));
	p->stack[p->depth++] = c;
	return WP_OK;
fail:
	return st;
}

static wp_status text_append(parser *p, const char *s, size_t len, char *err)
{
	wp_status st = WP_OK;
	if (len > MAX_VALUE || p->text_len + len > MAX_VALUE)
		WP_FAIL(WP_ELIMIT, "%s:%lu: <data> value longer than %u bytes", p->src->name,
		        p->data_line, MAX_VALUE);
	if (p->text_len + len + 1 > p->text_cap) {
		size_t cap = p->text_cap ? p->text_cap : 256;
		while (cap < p->text_len + len + 1)
			cap *= 2;
		char *t = realloc(p->text, cap);
		if (t == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %zu bytes for a <data> value", cap);
		p->text = t;
		p->text_cap = cap;
	}
	memcpy(p->text + p->text_len, s, len);
	p->text_len += len;
	p->text[p->text_len] = '\0';
	return WP_OK;
fail:
	return st;
}

static void text_reset(parser *p, unsigned long line)
{
	p->text_len = 0;
	if (p->text != NULL)
		p->text[0] = '\0';
	p->data_line = line;
}

/* Parses s (NUL-terminated, surrounding whitespace allowed) as a weight, in the "C" locale (so
 * the decimal point is '.' whatever the program's locale). */
static wp_status parse_weight(parser *p, const char *s, unsigned long line, const char *what,
                              float *w, char *err)
{
	wp_status st = WP_OK;
	const char *end = s + strlen(s);
	char *stop = NULL;
	while (is_xml_space((unsigned char)*s))
		s++;
	while (end > s && is_xml_space((unsigned char)end[-1]))
		end--;
	locale_t old = uselocale(p->c_locale);
	double d = strtod(s, &stop);
	uselocale(old);
	if (end == s || stop != end)
		WP_FAIL(WP_EINPUT, "%s:%lu: %s '%.*s' is not a number", p->src->name, line, what,
		        (int)(end - s > 40 ? 40 : end - s), s);
	if (!isfinite(d))
		WP_FAIL(WP_EINPUT, "%s:%lu: %s '%.*s' is not finite", p->src->name, line, what,
		        (int)(end - s > 40 ? 40 : end - s), s);
	if (fabs(d) > FLT_MAX)
		WP_FAIL(WP_EINPUT, "%s:%lu: %s '%.*s' is too large for a 32-bit float",
		        p->src->name, line, what, (int)(end - s > 40 ? 40 : end - s), s);
	*w = (float)d;
	return WP_OK;
fail:
	return st;
}

/* Interns label s as a vertex and makes room for its bookkeeping. */
static wp_status intern_vertex(parser *p, const char *s, unsigned long line, const char *what,
                               wp_vertex *v, char *err)
{
	wp_status st = WP_OK;
	char inner[WP_ERR_LEN] = "";
	size_t len = strlen(s);
	if (len == 0)
		WP_FAIL(WP_EINPUT, "%s:%lu: %s is empty", p->src->name, line, what);
	if (len > MAX_VALUE)
		WP_FAIL(WP_ELIMIT, "%s:%lu: %s is longer than %u bytes", p->src->name, line, what,
		        MAX_VALUE);
	st = wp_labels_intern(&p->eb->labels, s, len, v, NULL, inner);
	if (st != WP_OK)
		WP_FAIL(st, "%s:%lu: %s", p->src->name, line, inner);
	if (*v >= p->vcap) {
		uint64_t cap = p->vcap ? (uint64_t)p->vcap * 2 : 1024;
		while (cap <= *v)
			cap *= 2;
		if (cap > (uint64_t)WP_MAX_VERTICES + 1)
			cap = (uint64_t)WP_MAX_VERTICES + 1;
		uint32_t *d = realloc(p->decl_line, cap * sizeof(*d));
		if (d == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow the node table to %llu entries",
			        (unsigned long long)cap);
		p->decl_line = d;
		uint32_t *r = realloc(p->ref_line, cap * sizeof(*r));
		if (r == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow the node table to %llu entries",
			        (unsigned long long)cap);
		p->ref_line = r;
		memset(p->decl_line + p->vcap, 0, (cap - p->vcap) * sizeof(*d));
		memset(p->ref_line + p->vcap, 0, (cap - p->vcap) * sizeof(*r));
		p->vcap = (uint32_t)cap;
	}
	return WP_OK;
fail:
	return st;
}

static uint32_t line32(unsigned long line)
{
	return line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
}

/* Recomputes which weight keys count and the default weight after a key changed. */
static void update_weight_keys(parser *p)
{
	uint32_t n = wp_labels_count(&p->key_ids);
	p->weight_rank = 3;
	p->has_default_weight = false;
	for (uint32_t i = 0; i < n; i++)
		if (p->keys[i].role == ROLE_WEIGHT && p->keys[i].rank < p->weight_rank)
			p->weight_rank = p->keys[i].rank;
	for (uint32_t i = 0; i < n && !p->has_default_weight; i++)
		if (p->keys[i].role == ROLE_WEIGHT && p->keys[i].rank == p->weight_rank &&
		    p->keys[i].has_default) {
			p->has_default_weight = true;
			p->default_weight = p->keys[i].default_weight;
		}
}

static bool numeric_type(const char *type)
{
	static const char *const types[] = {"int",   "long",   "short",
	                                    "float", "double", "long double"};
	if (type == NULL)
		return true;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(type, types[i]) == 0)
			return true;
	return false;
}

static wp_status on_key(parser *p, unsigned long line, char *err)
{
	wp_status st = WP_OK;
	char *id = get_attr(p, "id"), *domain = get_attr(p, "for");
	char *attr_name = get_attr(p, "attr.name"), *type = get_attr(p, "attr.type");
	char inner[WP_ERR_LEN] = "";
	const char *name = NULL;
	wp_vertex k = 0;
	bool is_new = false;
	gkey *key = NULL;

	if (id == NULL || id[0] == '\0')
		WP_FAIL(WP_EINPUT, "%s:%lu: <key> has no id attribute", p->src->name, line);
	if (strlen(id) > MAX_VALUE)
		WP_FAIL(WP_ELIMIT, "%s:%lu: key id is longer than %u bytes", p->src->name, line,
		        MAX_VALUE);
	st = wp_labels_intern(&p->key_ids, id, strlen(id), &k, &is_new, inner);
	if (st != WP_OK)
		WP_FAIL(st, "%s:%lu: %s", p->src->name, line, inner);
	if (!is_new)
		WP_FAIL(WP_EINPUT, "%s:%lu: key '%.100s' is declared twice", p->src->name, line,
		        id);
	if (k >= p->keys_cap) {
		uint32_t cap = p->keys_cap ? p->keys_cap * 2 : 16;
		gkey *keys = realloc(p->keys, cap * sizeof(*keys));
		if (keys == NULL) /* parser_free() frees names only below keys_cap */
			WP_FAIL(WP_ENOMEM, "cannot allocate %u GraphML keys", cap);
		memset(keys + p->keys_cap, 0, (cap - p->keys_cap) * sizeof(*keys));
		p->keys = keys;
		p->keys_cap = cap;
	}
	key = &p->keys[k];
	name = attr_name != NULL ? attr_name : id;
	key->name = strdup(name);
	if (key->name == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a key name");
	if (domain == NULL || strcmp(domain, "all") == 0)
		key->domain = FOR_NODE | FOR_EDGE;
	else if (strcmp(domain, "node") == 0)
		key->domain = FOR_NODE;
	else if (strcmp(domain, "edge") == 0)
		key->domain = FOR_EDGE;
	if (key->domain & FOR_NODE)
		for (size_t i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
			if (strcasecmp(name, attr_names[i]) == 0)
				key->role = ROLE_ATTR;
	if ((key->domain & FOR_EDGE) && key->role == ROLE_NONE && numeric_type(type))
		for (int i = 0; i < 3; i++)
			if (strcasecmp(name, weight_names[i]) == 0) {
				key->role = ROLE_WEIGHT;
				key->rank = i;
			}
	p->key = (int)k;
	update_weight_keys(p);
	xmlFree(id);
	xmlFree(domain);
	xmlFree(attr_name);
	xmlFree(type);
	return WP_OK;
fail:
	xmlFree(id);
	xmlFree(domain);
	xmlFree(attr_name);
	xmlFree(type);
	return st;
}

static wp_status on_graph(parser *p, unsigned long line, char *err)
{
	wp_status st = WP_OK;
	char *def = NULL;
	if (p->graphs > 0)
		WP_FAIL(WP_EINPUT, "%s:%lu: a second <graph>: only one graph per file is supported",
		        p->src->name, line);
	p->graphs++;
	def = get_attr(p, "edgedefault");
	if (def == NULL || strcmp(def, "undirected") == 0)
		p->directed = false;
	else if (strcmp(def, "directed") == 0)
		p->directed = true;
	else
		WP_FAIL(WP_EINPUT,
		        "%s:%lu: edgedefault must be 'directed' or 'undirected', not '%.40s'",
		        p->src->name, line, def);
	xmlFree(def);
	return WP_OK;
fail:
	xmlFree(def);
	return st;
}

static wp_status on_node(parser *p, unsigned long line, char *err)
{
	wp_status st = WP_OK;
	char *id = get_attr(p, "id");
	wp_vertex v = 0;
	if (id == NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: <node> has no id attribute", p->src->name, line);
	WP_TRY(intern_vertex(p, id, line, "<node> id", &v, err));
	if (p->decl_line[v] != 0)
		WP_FAIL(WP_EINPUT, "%s:%lu: node '%.100s' is declared twice (first on line %u)",
		        p->src->name, line, id, p->decl_line[v]);
	p->decl_line[v] = line32(line);
	p->node = v;
	xmlFree(id);
	return WP_OK;
fail:
	xmlFree(id);
	return st;
}

/* Interns an edge endpoint, remembering the first edge that names a node not yet declared. */
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
	char *source = get_attr(p, "source"), *target = get_attr(p, "target");
	char *dir = get_attr(p, "directed");
	if (source == NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: <edge> has no source attribute", p->src->name, line);
	if (target == NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: <edge> has no target attribute", p->src->name, line);
	if (dir != NULL) {
		bool d = false;
		if (strcmp(dir, "true") == 0 || strcmp(dir, "1") == 0)
			d = true;
		else if (strcmp(dir, "false") != 0 && strcmp(dir, "0") != 0)
			WP_FAIL(WP_EINPUT,
			        "%s:%lu: <edge> directed must be true or false, not '%.40s'",
			        p->src->name, line, dir);
		if (d != p->directed)
			WP_FAIL(WP_EINPUT,
			        "%s:%lu: mixed directed and undirected edges are not supported "
			        "(this edge is %s in an %s graph)",
			        p->src->name, line, d ? "directed" : "undirected",
			        p->directed ? "directed" : "undirected");
	}
	WP_TRY(endpoint(p, source, line, "<edge> source", &p->eu, err));
	WP_TRY(endpoint(p, target, line, "<edge> target", &p->ev, err));
	p->edge_weighted = p->has_default_weight;
	p->edge_weight = p->default_weight;
	xmlFree(source);
	xmlFree(target);
	xmlFree(dir);
	return WP_OK;
fail:
	xmlFree(source);
	xmlFree(target);
	xmlFree(dir);
	return st;
}

static wp_status push_edge(parser *p, char *err)
{
	if (p->edge_weighted)
		return wp_edgebuf_push_weighted(p->eb, p->eu, p->ev, p->edge_weight, err);
	return wp_edgebuf_push(p->eb, p->eu, p->ev, err);
}

/* A <data> in a node or an edge: *keep says whether its value is wanted. */
static wp_status on_data(parser *p, unsigned domain, unsigned long line, bool *keep, char *err)
{
	wp_status st = WP_OK;
	char *key = get_attr(p, "key");
	wp_vertex k = 0;
	*keep = false;
	if (key == NULL)
		WP_FAIL(WP_EINPUT, "%s:%lu: <data> has no key attribute", p->src->name, line);
	if (key[0] == '\0' || wp_labels_lookup(&p->key_ids, key, strlen(key), &k, NULL) != WP_OK)
		WP_FAIL(WP_EINPUT, "%s:%lu: <data> refers to key '%.100s', which no <key> declares",
		        p->src->name, line, key);
	const gkey *gk = &p->keys[k];
	if (domain == FOR_NODE)
		*keep = (gk->domain & FOR_NODE) && gk->role == ROLE_ATTR;
	else
		*keep = (gk->domain & FOR_EDGE) && gk->role == ROLE_WEIGHT &&
		        gk->rank == p->weight_rank;
	p->data_key = (int)k;
	text_reset(p, line);
	xmlFree(key);
	return WP_OK;
fail:
	xmlFree(key);
	return st;
}

/* Called when an element of context c ends (at once for an empty element). */
static wp_status on_end(parser *p, context c, char *err)
{
	wp_status st = WP_OK;
	context parent = p->depth > 0 ? p->stack[p->depth - 1] : C_GRAPHML;
	switch (c) {
	case C_DEFAULT: {
		gkey *key = &p->keys[p->key];
		WP_TRY(parse_weight(p, p->text ? p->text : "", p->data_line, "default weight",
		                    &key->default_weight, err));
		key->has_default = true;
		update_weight_keys(p);
		break;
	}
	case C_EDGE:
		WP_TRY(push_edge(p, err));
		break;
	case C_DATA:
		if (parent == C_NODE) {
			WP_TRY(wp_attrs_set(&p->eb->attrs, p->keys[p->data_key].name, p->node,
			                    p->text ? p->text : "", p->text_len, err));
		} else {
			WP_TRY(parse_weight(p, p->text ? p->text : "", p->data_line, "edge weight",
			                    &p->edge_weight, err));
			p->edge_weighted = true;
		}
		break;
	default:
		break;
	}
	return WP_OK;
fail:
	return st;
}

/* Handles an element start; *skip asks the caller to skip the element and its content. */
static wp_status on_element(parser *p, bool *skip, char *err)
{
	wp_status st = WP_OK;
	const char *local = (const char *)xmlTextReaderConstLocalName(p->reader);
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(p->reader);
	bool empty = xmlTextReaderIsEmptyElement(p->reader) == 1;
	unsigned long line = node_line(p);
	context next = C_GRAPHML;
	bool enter = false;

	*skip = false;
	if (local == NULL)
		local = "";
	if (!p->root_seen) {
		p->root_seen = true;
		p->prolog_done = true;
		if (is(local, "graphml") && !in_graphml_ns(ns))
			WP_FAIL(WP_EINPUT,
			        "%s:%lu: the root element is in namespace '%.100s', not GraphML's "
			        "(" GRAPHML_NS ")",
			        p->src->name, line, (const char *)ns);
		if (!is(local, "graphml"))
			WP_FAIL(WP_EINPUT,
			        "%s:%lu: the root element is <%.60s>, expected <graphml> "
			        "(is this a GraphML file?)",
			        p->src->name, line,
			        (const char *)xmlTextReaderConstName(p->reader));
		p->root_line = line;
		if (!empty)
			WP_TRY(push_context(p, C_GRAPHML, err));
		return WP_OK;
	}
	if (p->depth == 0 || !in_graphml_ns(ns)) {
		*skip = true;
		return WP_OK;
	}
	switch (p->stack[p->depth - 1]) {
	case C_GRAPHML:
		if (is(local, "key")) {
			WP_TRY(on_key(p, line, err));
			next = C_KEY;
			enter = true;
		} else if (is(local, "graph")) {
			WP_TRY(on_graph(p, line, err));
			next = C_GRAPH;
			enter = true;
		}
		break;
	case C_KEY:
		if (is(local, "default") && p->keys[p->key].role == ROLE_WEIGHT) {
			text_reset(p, line);
			next = C_DEFAULT;
			enter = true;
		}
		break;
	case C_GRAPH:
		if (is(local, "node")) {
			WP_TRY(on_node(p, line, err));
			next = C_NODE;
			enter = true;
		} else if (is(local, "edge")) {
			WP_TRY(on_edge(p, line, err));
			next = C_EDGE;
			enter = true;
		} else if (is(local, "hyperedge")) {
			WP_FAIL(WP_EINPUT, "%s:%lu: hyperedges are not supported", p->src->name,
			        line);
		} else if (is(local, "graph")) {
			WP_FAIL(WP_EINPUT, "%s:%lu: nested graphs are not supported", p->src->name,
			        line);
		}
		break;
	case C_NODE:
	case C_EDGE:
		if (is(local, "data")) {
			WP_TRY(on_data(p, p->stack[p->depth - 1] == C_NODE ? FOR_NODE : FOR_EDGE,
			               line, &enter, err));
			next = C_DATA;
		} else if (is(local, "graph")) {
			WP_FAIL(WP_EINPUT, "%s:%lu: nested graphs are not supported", p->src->name,
			        line);
		} else if (is(local, "port")) {
			WP_FAIL(WP_EINPUT, "%s:%lu: ports are not supported", p->src->name, line);
		}
		break;
	default: /* elements inside a value are not part of it */
		break;
	}
	if (!enter) {
		*skip = !empty;
		return WP_OK;
	}
	if (empty)
		WP_TRY(on_end(p, next, err));
	else
		WP_TRY(push_context(p, next, err));
	return WP_OK;
fail:
	return st;
}

/* The DOCTYPE: accepted only if it declares no entities (see the file comment). */
static wp_status on_doctype(parser *p, char *err)
{
	wp_status st = WP_OK;
	const xmlDtd *dtd = (const xmlDtd *)xmlTextReaderCurrentNode(p->reader);
	if (dtd != NULL && dtd->type == XML_DTD_NODE &&
	    (dtd->entities != NULL || dtd->pentities != NULL))
		WP_FAIL(WP_EINPUT,
		        "%s:%lu: entity declarations are not accepted (DTDs are not read, for "
		        "safety)",
		        p->src->name, p->entity_line ? p->entity_line : node_line(p));
	return WP_OK;
fail:
	return st;
}

static wp_status on_reader_node(parser *p, bool *skip, char *err)
{
	wp_status st = WP_OK;
	int type = xmlTextReaderNodeType(p->reader);
	*skip = false;
	switch (type) {
	case XML_READER_TYPE_ELEMENT:
		WP_TRY(on_element(p, skip, err));
		break;
	case XML_READER_TYPE_END_ELEMENT:
		if (p->depth > 0) {
			context c = p->stack[--p->depth];
			WP_TRY(on_end(p, c, err));
		}
		break;
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_WHITESPACE:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		if (p->depth > 0 &&
		    (p->stack[p->depth - 1] == C_DATA || p->stack[p->depth - 1] == C_DEFAULT)) {
			const char *v = (const char *)xmlTextReaderConstValue(p->reader);
			if (v != NULL)
				WP_TRY(text_append(p, v, strlen(v), err));
		}
		break;
	case XML_READER_TYPE_DOCUMENT_TYPE:
		WP_TRY(on_doctype(p, err));
		break;
	case XML_READER_TYPE_ENTITY_REFERENCE:
		WP_FAIL(WP_EINPUT,
		        "%s:%lu: entity references are not accepted (DTDs are not read, "
		        "for safety)",
		        p->src->name, node_line(p));
	default:
		break;
	}
	p->text_line = 0;
	if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_WHITESPACE ||
	    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
		long line = xmlGetLineNo(xmlTextReaderCurrentNode(p->reader));
		p->text_line = line > 0 ? (unsigned long)line : 0;
	}
	return WP_OK;
fail:
	return st;
}

/* Checks made once the whole document is read. */
static wp_status finish(parser *p, char *err)
{
	wp_status st = WP_OK;
	uint32_t n = wp_labels_count(&p->eb->labels);
	wp_vertex worst = WP_NO_VERTEX;
	if (p->graphs == 0)
		WP_FAIL(WP_EINPUT, "%s:%lu: no <graph> element in the file", p->src->name,
		        p->root_line);
	for (wp_vertex v = 0; v < n; v++)
		if (p->decl_line[v] == 0 &&
		    (worst == WP_NO_VERTEX || p->ref_line[v] < p->ref_line[worst]))
			worst = v;
	if (worst != WP_NO_VERTEX)
		WP_FAIL(WP_EINPUT, "%s:%u: edge names node '%.100s' that is never declared",
		        p->src->name, p->ref_line[worst], wp_labels_name(&p->eb->labels, worst));
	return WP_OK;
fail:
	return st;
}

static void parser_free(parser *p)
{
	if (p->reader != NULL)
		xmlFreeTextReader(p->reader);
	for (uint32_t i = 0; i < wp_labels_count(&p->key_ids) && i < p->keys_cap; i++)
		free(p->keys[i].name);
	free(p->keys);
	wp_labels_free(&p->key_ids);
	free(p->decl_line);
	free(p->ref_line);
	free(p->text);
	if (p->c_locale != (locale_t)0)
		freelocale(p->c_locale);
	memset(p, 0, sizeof(*p));
}

wp_status wp_import_graphml(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb,
                            bool *directed, char *err)
{
	wp_status st = WP_OK;
	parser p;
	int ret = 0;

	(void)opts; /* GraphML says itself whether it is directed; progress is on src */
	memset(&p, 0, sizeof(p));
	p.src = src;
	p.eb = eb;
	p.scan_line = 1;
	p.weight_rank = 3;
	p.c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (p.c_locale == (locale_t)0)
		WP_FAIL(WP_ENOMEM, "cannot create the C locale");

	/* No XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE (file comment). */
	p.reader = xmlReaderForIO(read_input, NULL, &p, NULL, NULL,
	                          XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES);
	if (p.reader == NULL)
		WP_FAIL(p.io_status != WP_OK ? p.io_status : WP_ENOMEM,
		        "%s: cannot start the XML reader%s%s", src->name,
		        p.io_status != WP_OK ? ": " : "", p.io_status != WP_OK ? p.io_err : "");
	xmlTextReaderSetStructuredErrorHandler(p.reader, on_xml_error, &p);

	ret = xmlTextReaderRead(p.reader);
	while (ret == 1 && !p.xml_failed && p.io_status == WP_OK) {
		bool skip = false;
		WP_TRY(on_reader_node(&p, &skip, err));
		ret = skip ? xmlTextReaderNext(p.reader) : xmlTextReaderRead(p.reader);
	}
	if (p.io_status != WP_OK)
		WP_FAIL(p.io_status, "%s", p.io_err);
	if (ret != 0 || p.xml_failed) {
		st = xml_failure(&p, err);
		goto fail;
	}
	if (!p.root_seen) {
		st = xml_failure(&p, err);
		goto fail;
	}
	WP_TRY(finish(&p, err));
	*directed = p.directed;
	parser_free(&p);
	return WP_OK;
fail:
	parser_free(&p);
	return st;
}
