/* test_cli_export.c - `warmpath export` and the new outputs of `warmpath convert`, end to end.
 *
 * Runs the built binary ($WARMPATH) on Zachary's karate club and on a workspace imported from
 * examples/sample. The exported values are checked against independent computations: igraph's
 * betweenness and degree on the same graph, and the CSV that `warmpath centrality` and
 * `warmpath communities` print (the same kernels, so the export must not change a value). Also:
 * the output is 0600, the format follows the extension, unknown measures and formats are usage
 * errors that list the valid names, and a failed export leaves no file (and no temporary file).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <graphviz/cgraph.h>
#include <igraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/support/cli_run.h"

#define KARATE "tests/fixtures/edgelist/karate.txt"
#define SAMPLE "examples/sample"

static cli_run_result R; /* too big for the stack */

static igraph_t read_graphml(const char *path)
{
	igraph_t ig;
	FILE *f = fopen(path, "r");
	cr_assert(not(eq(ptr, f, NULL)), "%s", path);
	igraph_set_attribute_table(&igraph_cattribute_table);
	cr_assert(eq(int, igraph_read_graph_graphml(&ig, f, 0), IGRAPH_SUCCESS));
	fclose(f);
	return ig;
}

static int file_mode(const char *path)
{
	struct stat sb;
	cr_assert(eq(int, stat(path, &sb), 0), "%s exists", path);
	return (int)(sb.st_mode & 0777);
}

/* Entries of dir (besides . and ..). */
static int entries(const char *dir)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;
	cr_assert(eq(int, fscanf(p, "%d", &n), 1));
	pclose(p);
	return n;
}

/* Value of vertex label in a `vertex,value` CSV printed by a warmpath command, by line scan. */
static double csv_value(const char *csv, const char *label)
{
	char key[64];
	snprintf(key, sizeof(key), "\n%s,", label);
	const char *p = strstr(csv, key);
	cr_assert(p != NULL, "%s in the CSV", label);
	return strtod(p + strlen(key), NULL);
}

Test(cli_export, graphml_carries_centralities_and_communities_igraph_agrees_with)
{
	char dir[64], out[128];
	cli_run_tmpdir(dir, "cliexp");
	snprintf(out, sizeof(out), "%s/karate.graphml", dir);
	cli_run(&R,
	        "export " KARATE " %s --with centrality=betweenness,pagerank,degree "
	        "--with communities=leiden --threads 2",
	        out);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(str, R.err, ""));
	cr_assert(eq(int, file_mode(out), 0600), "results may be personal: owner-only");
	cr_assert(eq(int, entries(dir), 1), "no temporary file left");

	igraph_t ig = read_graphml(out);
	cr_assert(eq(i64, igraph_vcount(&ig), 34));
	cr_assert(eq(i64, igraph_ecount(&ig), 78));
	igraph_vector_t bc, deg_ref;
	igraph_vector_init(&bc, 0);
	igraph_vector_init(&deg_ref, 0);
	igraph_betweenness(&ig, &bc, igraph_vss_all(), false, NULL);
	igraph_strength(&ig, &deg_ref, igraph_vss_all(), IGRAPH_ALL, false, NULL);
	for (igraph_integer_t v = 0; v < 34; v++) {
		cr_assert(epsilon_eq(dbl, VAN(&ig, "betweenness", v), VECTOR(bc)[v], 1e-9));
		cr_assert(eq(dbl, VAN(&ig, "degree", v), VECTOR(deg_ref)[v]));
	}
	/* The same values `warmpath centrality` and `communities` print. */
	static cli_run_result C;
	cli_run(&C, "centrality " KARATE " --measure pagerank --format csv");
	cr_assert(eq(int, C.status, 0), "%s", C.err);
	for (igraph_integer_t v = 0; v < 34; v++)
		cr_assert(eq(dbl, VAN(&ig, "pagerank", v), csv_value(C.out, VAS(&ig, "id", v))),
		          "exact, not rounded");
	cli_run(&C, "communities " KARATE " --format csv");
	cr_assert(eq(int, C.status, 0), "%s", C.err);
	double top = 0;
	for (igraph_integer_t v = 0; v < 34; v++) {
		double c = VAN(&ig, "community", v);
		cr_assert(eq(dbl, c, csv_value(C.out, VAS(&ig, "id", v))));
		top = c > top ? c : top;
	}
	cr_assert(lt(dbl, 0, top), "karate splits into several communities");
	igraph_vector_destroy(&bc);
	igraph_vector_destroy(&deg_ref);
	igraph_destroy(&ig);
	cli_run_rmdir(dir);
}

Test(cli_export, format_comes_from_the_extension_or_the_option)
{
	char dir[64], out[128];
	cli_run_tmpdir(dir, "cliexp");
	snprintf(out, sizeof(out), "%s/k.results", dir);
	cli_run(&R, "export " KARATE " %s --format csv --with centrality=coreness", out);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	FILE *f = fopen(out, "r");
	char line[256];
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL)));
	cr_assert(eq(str, line, "vertex,coreness\n"));
	int rows = 0;
	while (fgets(line, sizeof(line), f))
		rows++;
	fclose(f);
	cr_assert(eq(int, rows, 34));

	snprintf(out, sizeof(out), "%s/k.dot", dir);
	cli_run(&R, "export " KARATE " %s --with centrality=clustering", out);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	f = fopen(out, "r");
	Agraph_t *ag = agread(f, NULL);
	fclose(f);
	cr_assert(not(eq(ptr, ag, NULL)));
	cr_assert(eq(int, agnnodes(ag), 34));
	cr_assert(eq(int, agnedges(ag), 78));
	cr_assert(not(eq(ptr, agattr(ag, AGNODE, "clustering", NULL), NULL)));
	agclose(ag);

	snprintf(out, sizeof(out), "%s/k.net", dir);
	cli_run(&R, "export " KARATE " %s", out);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	f = fopen(out, "r");
	igraph_t ig;
	igraph_set_attribute_table(&igraph_cattribute_table);
	cr_assert(eq(int, igraph_read_graph_pajek(&ig, f), IGRAPH_SUCCESS));
	fclose(f);
	cr_assert(eq(i64, igraph_ecount(&ig), 78));
	igraph_destroy(&ig);
	cli_run_rmdir(dir);
}

Test(cli_export, unknown_measures_formats_and_misplaced_results_are_usage_errors)
{
	cli_run(&R, "export " KARATE " /tmp/never.graphml --with centrality=betweenness,fame");
	cr_assert(eq(int, R.status, 1));
	cr_assert(eq(str, R.err,
	             "warmpath export: unknown measure 'fame'; valid: betweenness, closeness, "
	             "harmonic, pagerank, degree, coreness, eigenvector, clustering\n"
	             "Try 'warmpath export --help'.\n"));
	cli_run(&R, "export " KARATE " /tmp/never.graphml --with communities=magic");
	cr_assert(eq(int, R.status, 1));
	cr_assert(not(eq(ptr,
	                 strstr(R.err, "unknown community method 'magic'; valid: leiden, "
	                               "louvain"),
	                 NULL)));
	cli_run(&R, "export " KARATE " /tmp/never.out --format gml");
	cr_assert(eq(int, R.status, 1));
	cr_assert(not(eq(ptr,
	                 strstr(R.err, "unknown format 'gml'; valid: graphml, gexf, pajek, "
	                               "edgelist, dot, csv"),
	                 NULL)));
	cli_run(&R, "export " KARATE " /tmp/never.xyz");
	cr_assert(eq(int, R.status, 1));
	cr_assert(not(eq(ptr, strstr(R.err, "/tmp/never.xyz: cannot tell the format"), NULL)));
	cli_run(&R, "export " KARATE " /tmp/never.net --with centrality=degree");
	cr_assert(eq(int, R.status, 1));
	cr_assert(not(eq(ptr, strstr(R.err, "Pajek files cannot hold vertex results"), NULL)));
	cli_run(&R, "export " KARATE);
	cr_assert(eq(int, R.status, 1));
	cr_assert(eq(int, access("/tmp/never.graphml", F_OK), -1));
}

Test(cli_export, a_failure_leaves_no_file_and_keeps_an_existing_one)
{
	char dir[64], in[128], out[128], bad[128];
	cli_run_tmpdir(dir, "cliexp");
	snprintf(in, sizeof(in), "%s/in.txt", dir);
	snprintf(out, sizeof(out), "%s/out.gexf", dir);
	snprintf(bad, sizeof(bad), "%s/bad.txt", dir);
	/* A label with a control character: readable as an edge list, not writable as XML. The
	 * betweenness is computed first, then the writer refuses before writing. */
	FILE *f = fopen(in, "w");
	fputs("a b\nb c\x01\n", f);
	fclose(f);
	cli_run(&R, "export %s %s --with centrality=betweenness", in, out);
	cr_assert(eq(int, R.status, 2), "%s", R.err);
	char want[256];
	snprintf(want, sizeof(want),
	         "warmpath: %s: the label of vertex 2 contains U+0001, which XML 1.0 cannot "
	         "represent\n",
	         out);
	cr_assert(eq(str, R.err, want));
	cr_assert(eq(int, access(out, F_OK), -1), "no partial file");
	cr_assert(eq(int, entries(dir), 1), "no temporary file either");

	/* An existing output survives a failed export untouched. */
	f = fopen(out, "w");
	fputs("keep me\n", f);
	fclose(f);
	cli_run(&R, "export %s %s", in, out);
	cr_assert(eq(int, R.status, 2));
	f = fopen(out, "r");
	char line[64] = "";
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL)));
	fclose(f);
	cr_assert(eq(str, line, "keep me\n"));

	/* Malformed input: the reader's error, nothing written. */
	f = fopen(bad, "w");
	fputs("a b\nonly-one\n", f);
	fclose(f);
	snprintf(out, sizeof(out), "%s/never.graphml", dir);
	cli_run(&R, "export %s %s", bad, out);
	cr_assert(eq(int, R.status, 2));
	cr_assert(not(eq(ptr, strstr(R.err, "bad.txt:2:"), NULL)), "%s", R.err);
	cr_assert(eq(int, access(out, F_OK), -1));
	cli_run_rmdir(dir);
}

static xmlNode *child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

Test(cli_export, a_workspace_exports_people_with_company_position_member_and_warmth)
{
	char dir[64], ws[128], out[128], csv[128];
	cli_run_tmpdir(dir, "cliexpws");
	snprintf(ws, sizeof(ws), "%s/lumen.wpw", dir);
	snprintf(out, sizeof(out), "%s/people.gexf", dir);
	snprintf(csv, sizeof(csv), "%s/people.csv", dir);
	cli_run(&R,
	        "import --workspace %s --member 'Zoë Brandt' --member-url "
	        "https://www.linkedin.com/in/zoe-brandt " SAMPLE
	        "/01-zoe-brandt/Basic_LinkedInDataExport_11-20-2026.zip",
	        ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cli_run(&R, "export --workspace %s %s --with centrality=degree --with communities=louvain",
	        ws, out);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cr_assert(eq(int, file_mode(out), 0600));

	xmlDoc *doc = xmlReadFile(out, NULL, XML_PARSE_NONET);
	cr_assert(not(eq(ptr, doc, NULL)));
	xmlNode *graph = child(xmlDocGetRootElement(doc), "graph");
	const char *want[] = {"person_id", "company", "position", "member", "degree", "community"};
	const char *types[] = {"long", "string", "string", "boolean", "long", "long"};
	int k = 0;
	for (xmlNode *a = child(child(graph, "attributes"), "attribute"); a; a = a->next) {
		if (a->type != XML_ELEMENT_NODE)
			continue;
		cr_assert(lt(int, k, 6));
		xmlChar *title = xmlGetProp(a, (const xmlChar *)"title");
		xmlChar *type = xmlGetProp(a, (const xmlChar *)"type");
		cr_assert(eq(str, (char *)title, (char *)want[k]));
		cr_assert(eq(str, (char *)type, (char *)types[k]));
		xmlFree(title);
		xmlFree(type);
		k++;
	}
	cr_assert(eq(int, k, 6));
	int nodes = 0, members = 0, positions = 0, edges = 0;
	for (xmlNode *n = child(child(graph, "nodes"), "node"); n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		nodes++;
		for (xmlNode *av = child(child(n, "attvalues"), "attvalue"); av; av = av->next) {
			if (av->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *f = xmlGetProp(av, (const xmlChar *)"for");
			xmlChar *v = xmlGetProp(av, (const xmlChar *)"value");
			members += strcmp((char *)f, "3") == 0 && strcmp((char *)v, "true") == 0;
			positions += strcmp((char *)f, "2") == 0;
			xmlFree(f);
			xmlFree(v);
		}
	}
	for (xmlNode *e = child(child(graph, "edges"), "edge"); e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *w = xmlGetProp(e, (const xmlChar *)"weight");
		cr_assert(not(eq(ptr, w, NULL)), "every tie has its warmth");
		double x = strtod((char *)w, NULL);
		cr_assert(x > 0 && x <= 1, "warmth %g in (0, 1]", x);
		xmlFree(w);
		edges++;
	}
	xmlFreeDoc(doc);
	cr_assert(eq(int, members, 1), "one member imported");
	cr_assert(lt(int, 0, positions), "positions come from the people table");

	/* The same graph as `stats --workspace` counts. */
	cli_run(&R, "stats --workspace %s --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *o = cli_run_json(R.out);
	cr_assert(eq(i64, cli_run_jint(o, "vertices"), nodes));
	cr_assert(eq(i64, cli_run_jint(o, "edges"), edges));
	json_decref(o);

	/* CSV of the same: header and one row per person. */
	cli_run(&R, "export --workspace %s %s --with centrality=degree", ws, csv);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	FILE *f = fopen(csv, "r");
	char line[512];
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL)));
	cr_assert(eq(str, line, "vertex,person_id,company,position,member,degree\n"));
	fclose(f);
	cli_run_rmdir(dir);
}

Test(cli_convert, writes_gexf_pajek_and_dot_that_read_back)
{
	char dir[64], out[128];
	cli_run_tmpdir(dir, "cliconv");
	const char *exts[] = {"gexf", "net", "dot"};
	for (int i = 0; i < 3; i++) {
		snprintf(out, sizeof(out), "%s/k.%s", dir, exts[i]);
		cli_run(&R, "convert " KARATE " %s", out);
		cr_assert(eq(int, R.status, 0), "%s: %s", exts[i], R.err);
		cr_assert(eq(int, file_mode(out), 0600));
		if (i < 2) { /* our readers */
			cli_run(&R, "stats %s --format json", out);
			cr_assert(eq(int, R.status, 0), "%s", R.err);
			json_t *o = cli_run_json(R.out);
			cr_assert(eq(i64, cli_run_jint(o, "vertices"), 34));
			cr_assert(eq(i64, cli_run_jint(o, "edges"), 78));
			json_decref(o);
		} else {
			FILE *f = fopen(out, "r");
			Agraph_t *ag = agread(f, NULL);
			fclose(f);
			cr_assert(not(eq(ptr, ag, NULL)));
			cr_assert(eq(int, agnedges(ag), 78));
			agclose(ag);
		}
	}
	cli_run(&R, "convert " KARATE " %s/k.mtx", dir);
	cr_assert(eq(int, R.status, 1));
	cr_assert(not(eq(ptr, strstr(R.err, "cannot write mtx"), NULL)), "%s", R.err);
	cli_run_rmdir(dir);
}

Test(cli_export, the_file_does_not_depend_on_the_thread_count)
{
	char dir[64], a[128], b[128];
	cli_run_tmpdir(dir, "cliexp");
	snprintf(a, sizeof(a), "%s/one.gexf", dir);
	snprintf(b, sizeof(b), "%s/seven.gexf", dir);
	cli_run(&R,
	        "export " KARATE " %s --threads 1 --with centrality=betweenness,closeness,"
	        "harmonic,pagerank,coreness,eigenvector,clustering --with communities=leiden",
	        a);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	cli_run(&R,
	        "export " KARATE " %s --threads 7 --with centrality=betweenness,closeness,"
	        "harmonic,pagerank,coreness,eigenvector,clustering --with communities=leiden",
	        b);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "cmp -s '%s' '%s'", a, b);
	cr_assert(eq(int, system(cmd), 0), "byte-identical");
	cli_run_rmdir(dir);
}
