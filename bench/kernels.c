/* kernels.c - the bench registry and runner (see kernels.h), and the traversal kernels: load,
 * bfs, path and cc. The centrality kernels are in kernels_centrality.c.
 */
#include "bench/kernels.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/generate_internal.h"
#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "importers/import.h"
#include "queries/components.h"
#include "queries/paths.h"

double bench_now(void)
{
	return wp_wtime();
}

/* ---- The input ------------------------------------------------------------------------------- */

wp_status bench_input_init(bench_input *in, const wp_graph *g, const char *name, const char *tmpdir,
                           uint64_t seed, char *err)
{
	wp_status st = WP_OK;
	wp_components c = {0};
	memset(in, 0, sizeof(*in));
	in->g = g;
	in->name = name;
	in->tmpdir = tmpdir;
	in->seed = seed;
	in->sample = 64;
	in->pairs = 1000;
	in->eps = 0.01;
	in->small = wp_graph_edges(g) <= BENCH_SMALL_EDGES;
	WP_TRY(wp_components_find(g, &c, err));
	in->pool = malloc(((size_t)c.largest_size + 1) * sizeof(*in->pool));
	if (in->pool == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u vertices", c.largest_size);
	for (wp_vertex v = 0; v < g->n; v++)
		if (c.membership[v] == c.largest)
			in->pool[in->pool_len++] = v;
	wp_components_free(&c);
	return WP_OK;
fail:
	wp_components_free(&c);
	bench_input_free(in);
	return st;
}

wp_status bench_input_igraph(bench_input *in, const igraph_t **ig, char *err)
{
	if (!in->has_ig) {
		wp_status st = wp_igraph_from_graph(in->g, &in->ig, NULL, err);
		if (st != WP_OK)
			return st;
		in->has_ig = true;
	}
	*ig = &in->ig;
	return WP_OK;
}

/* Writes every edge of g once as "label label" lines. */
static wp_status write_edges(const wp_graph *g, const char *path, char *err)
{
	FILE *f = fopen(path, "w");
	if (f == NULL)
		return wp_error(err, WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	for (wp_vertex u = 0; u < g->n; u++)
		for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++)
			if (g->directed || u < g->targets[e])
				fprintf(f, "%s %s\n", wp_labels_name(&g->labels, u),
				        wp_labels_name(&g->labels, g->targets[e]));
	if (ferror(f) | (fclose(f) != 0)) {
		remove(path);
		return wp_error(err, WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	}
	return WP_OK;
}

wp_status bench_input_file(bench_input *in, char *err)
{
	if (in->path != NULL)
		return WP_OK;
	static unsigned counter;
	char *path = malloc(4096);
	if (path == NULL)
		return wp_error(err, WP_ENOMEM, "cannot allocate a file name");
	snprintf(path, 4096, "%s/warmpath-bench-%ld-%u.el", in->tmpdir ? in->tmpdir : "/tmp",
	         (long)getpid(), counter++);
	wp_status st = write_edges(in->g, path, err);
	if (st != WP_OK) {
		free(path);
		return st;
	}
	/* igraph's reader takes 0-based integers as vertex ids: true of generated graphs. */
	bool numeric = true;
	char text[16];
	for (wp_vertex v = 0; v < in->g->n && numeric; v++) {
		snprintf(text, sizeof(text), "%u", v);
		numeric = strcmp(text, wp_labels_name(&in->g->labels, v)) == 0;
	}
	in->path = path;
	in->path_is_temp = true;
	in->path_numeric = numeric;
	return WP_OK;
}

void bench_input_free(bench_input *in)
{
	free(in->pool);
	if (in->has_ig)
		igraph_destroy(&in->ig);
	if (in->path_is_temp) {
		remove(in->path);
		free((char *)in->path);
	}
	memset(in, 0, sizeof(*in));
}

wp_vertex bench_input_pick(const bench_input *in, uint64_t stream, uint64_t i)
{
	uint64_t x = in->seed ^ (stream * 0x9E3779B97F4A7C15ull);
	x = wpi_splitmix64(&x) ^ (i * 0xD1B54A32D192ED03ull);
	uint64_t h = wpi_splitmix64(&x);
	return in->pool_len ? in->pool[h % in->pool_len] : 0;
}

/* ---- load: wp_import_graph of the graph's file; igraph_read_graph_edgelist ------------------- */

typedef struct load_state {
	wp_graph last;
} load_state;

static wp_status load_setup(void *st_, bench_input *in, char *err)
{
	(void)st_;
	return bench_input_file(in, err);
}

static wp_status load_run(void *st_, bench_input *in, int threads, uint32_t trial, double *seconds,
                          uint64_t *edges, char *err)
{
	load_state *s = st_;
	(void)threads, (void)trial;
	wp_graph_free(&s->last);
	wp_import_opts o = WP_IMPORT_DEFAULTS;
	o.directed = in->g->directed;
	double t0 = bench_now();
	wp_status st = wp_import_graph(&s->last, in->path, WP_FORMAT_AUTO, &o, err);
	*seconds = bench_now() - t0;
	*edges = 0;
	return st;
}

static wp_status load_baseline(void *st_, bench_input *in, uint32_t trial, double *seconds,
                               char *note, size_t note_len, char *err)
{
	wp_status st = WP_OK;
	(void)st_, (void)trial;
	igraph_t ig;
	if (!in->path_numeric) {
		*seconds = NAN;
		snprintf(note, note_len, "none: igraph reads only 0-based integer edge lists");
		return WP_OK;
	}
	FILE *f = fopen(in->path, "r");
	if (f == NULL)
		return wp_error(err, WP_EIO, "%s: cannot read: %s", in->path, strerror(errno));
	double t0 = bench_now();
	WP_IGRAPH_TRY(igraph_read_graph_edgelist(&ig, f, 0, in->g->directed));
	*seconds = bench_now() - t0;
	igraph_destroy(&ig);
	fclose(f);
	snprintf(note, note_len, "igraph_read_graph_edgelist (no deduplication)");
	return WP_OK;
fail:
	fclose(f);
	return st;
}

static wp_status load_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	load_state *s = st_;
	(void)err;
	/* The file holds g's edges once each: the load must give the same edge count, and the
	 * same degree sequence under the labels (ids may differ: first appearance). */
	const wp_graph *a = in->g, *b = &s->last;
	uint64_t with_edges = 0;
	for (wp_vertex v = 0; v < a->n; v++)
		with_edges += wp_graph_degree(a, v) > 0;
	bool ok = wp_graph_edges(a) == wp_graph_edges(b) && b->n == with_edges;
	for (wp_vertex v = 0; ok && v < b->n; v++) {
		wp_vertex w = WP_NO_VERTEX;
		const char *label = wp_labels_name(&b->labels, v);
		if (wp_labels_lookup((wp_labels *)&a->labels, label, strlen(label), &w, NULL) !=
		            WP_OK ||
		    wp_graph_degree(a, w) != wp_graph_degree(b, v))
			ok = false;
	}
	chk->verdict = ok ? BENCH_VERIFIED : BENCH_FAILED;
	snprintf(chk->how, sizeof(chk->how), "%s: %llu edges and every vertex's degree as built",
	         ok ? "same" : "differs", (unsigned long long)wp_graph_edges(b));
	return WP_OK;
}

static void load_cleanup(void *st_)
{
	wp_graph_free(&((load_state *)st_)->last);
}

static const bench_kernel kernel_load = {"load",
                                         "read the graph's file and build the CSR",
                                         sizeof(load_state),
                                         load_setup,
                                         load_run,
                                         load_baseline,
                                         load_verify,
                                         load_cleanup};

/* ---- bfs: a full breadth-first search from a random source of the largest component -------- */

typedef struct bfs_state {
	wp_path_tree tree;
	wp_vertex root;
	double *ig_dist; /* igraph's distances from root, kept for verification (small graphs) */
	wp_vertex ig_root;
} bfs_state;

static wp_status bfs_run(void *st_, bench_input *in, int threads, uint32_t trial, double *seconds,
                         uint64_t *edges, char *err)
{
	bfs_state *s = st_;
	(void)threads;
	s->root = bench_input_pick(in, 1, trial);
	wp_path_opts o = WP_PATH_DEFAULTS;
	double t0 = bench_now();
	wp_status st = wp_path_tree_build(in->g, &s->root, 1, &o, &s->tree, err);
	*seconds = bench_now() - t0;
	/* Graph500's count: the edges of the component searched. */
	uint64_t arcs = 0;
	for (wp_vertex v = 0; st == WP_OK && v < in->g->n; v++)
		if (s->tree.hops[v] != WP_NO_PATH)
			arcs += wp_graph_out_degree(in->g, v);
	*edges = in->g->directed ? arcs : arcs / 2;
	return st;
}

static wp_status bfs_baseline(void *st_, bench_input *in, uint32_t trial, double *seconds,
                              char *note, size_t note_len, char *err)
{
	wp_status st = WP_OK;
	(void)st_;
	const igraph_t *ig = NULL;
	igraph_vector_int_t order, parents;
	bool have_order = false, have_parents = false;
	WP_TRY(bench_input_igraph(in, &ig, err));
	WP_IGRAPH_TRY(igraph_vector_int_init(&order, 0));
	have_order = true;
	WP_IGRAPH_TRY(igraph_vector_int_init(&parents, 0));
	have_parents = true;
	double t0 = bench_now();
	WP_IGRAPH_TRY(igraph_bfs_simple(ig, bench_input_pick(in, 1, trial), IGRAPH_OUT, &order,
	                                NULL, &parents));
	*seconds = bench_now() - t0;
	snprintf(note, note_len, "igraph_bfs_simple (order and parents), same sources");
fail:
	if (have_order)
		igraph_vector_int_destroy(&order);
	if (have_parents)
		igraph_vector_int_destroy(&parents);
	return st;
}

/* Graph500's validation (the reference code's validate_bfs_result): the root is its own parent
 * at level 0; every other reached vertex's parent is reached, one level up, and joined to it by
 * an arc; every arc joins levels at most one apart, and never a reached vertex to an unreached
 * one (undirected), or leads from a reached vertex to one at most a level further (directed).
 * On small graphs the levels must also equal igraph's distances. */
static wp_status bfs_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	wp_status st = WP_OK;
	bfs_state *s = st_;
	const wp_graph *g = in->g;
	const uint32_t *hops = s->tree.hops;
	const wp_vertex *parent = s->tree.parent;
	igraph_matrix_t dist;
	bool have_dist = false;
	const char *bad = NULL;
	if (hops[s->root] != 0 || parent[s->root] != s->root)
		bad = "the root is not its own parent at level 0";
	for (wp_vertex v = 0; !bad && v < g->n; v++) {
		if (hops[v] == WP_NO_PATH) {
			if (parent[v] != WP_NO_VERTEX)
				bad = "an unreached vertex has a parent";
			continue;
		}
		if (v != s->root) {
			wp_vertex p = parent[v];
			if (p >= g->n || hops[p] == WP_NO_PATH || hops[p] + 1 != hops[v] ||
			    wp_graph_find_arc(g, p, v) == UINT64_MAX)
				bad = "a tree arc is missing or skips a level";
		}
		for (uint64_t e = g->offsets[v]; !bad && e < g->offsets[v + 1]; e++) {
			uint32_t h = hops[g->targets[e]];
			if (h == WP_NO_PATH || h > hops[v] + 1 || (!g->directed && h + 1 < hops[v]))
				bad = "an arc joins levels more than one apart or leaves the "
				      "search";
		}
	}
	if (!bad && in->small) {
		const igraph_t *ig = NULL;
		WP_TRY(bench_input_igraph(in, &ig, err));
		WP_IGRAPH_TRY(igraph_matrix_init(&dist, 0, 0));
		have_dist = true;
		WP_IGRAPH_TRY(igraph_distances(ig, &dist, igraph_vss_1(s->root), igraph_vss_all(),
		                               IGRAPH_OUT));
		for (wp_vertex v = 0; !bad && v < g->n; v++) {
			double d = MATRIX(dist, 0, v);
			if (isfinite(d) ? hops[v] != (uint32_t)d : hops[v] != WP_NO_PATH)
				bad = "a level differs from igraph_distances";
		}
	}
	chk->verdict = bad ? BENCH_FAILED : BENCH_VERIFIED;
	snprintf(chk->how, sizeof(chk->how), "%s%s", bad ? bad : "Graph500 parent checks",
	         !bad && in->small ? "; levels = igraph_distances" : "");
fail:
	if (have_dist)
		igraph_matrix_destroy(&dist);
	return st;
}

static void bfs_cleanup(void *st_)
{
	wp_path_tree_free(&((bfs_state *)st_)->tree);
}

static const bench_kernel kernel_bfs = {
        "bfs",
        "a full BFS (parents and levels) from a random source, serial",
        sizeof(bfs_state),
        NULL,
        bfs_run,
        bfs_baseline,
        bfs_verify,
        bfs_cleanup};

/* ---- path: point-to-point fewest-hop queries between random pairs --------------------------- */

typedef struct path_state {
	wp_vertex *from, *to;
	uint32_t *hops;
	uint32_t *ig_hops; /* igraph's answers on the checked pairs, WP_NO_PATH where none */
	uint32_t ig_count; /* pairs igraph answered (the baseline's, or all on small graphs) */
} path_state;

static wp_status path_setup(void *st_, bench_input *in, char *err)
{
	path_state *s = st_;
	uint32_t k = in->pairs;
	s->from = malloc((size_t)k * sizeof(*s->from));
	s->to = malloc((size_t)k * sizeof(*s->to));
	s->hops = malloc((size_t)k * sizeof(*s->hops));
	s->ig_hops = malloc((size_t)k * sizeof(*s->ig_hops));
	if (!s->from || !s->to || !s->hops || !s->ig_hops)
		return wp_error(err, WP_ENOMEM, "cannot allocate %u pairs", k);
	for (uint32_t i = 0; i < k; i++) {
		s->from[i] = bench_input_pick(in, 2, 2 * (uint64_t)i);
		s->to[i] = bench_input_pick(in, 2, 2 * (uint64_t)i + 1);
	}
	return WP_OK;
}

static wp_status path_run(void *st_, bench_input *in, int threads, uint32_t trial, double *seconds,
                          uint64_t *edges, char *err)
{
	path_state *s = st_;
	(void)threads, (void)trial;
	double t0 = bench_now();
	wp_status st = wp_path_batch(in->g, s->from, s->to, in->pairs, s->hops, err);
	*seconds = bench_now() - t0;
	*edges = 0;
	return st;
}

/* igraph_get_shortest_path on pairs [0, count) into s->ig_hops. */
static wp_status path_igraph(path_state *s, bench_input *in, uint32_t count, char *err)
{
	wp_status st = WP_OK;
	const igraph_t *ig = NULL;
	igraph_vector_int_t vertices;
	bool have = false;
	WP_TRY(bench_input_igraph(in, &ig, err));
	WP_IGRAPH_TRY(igraph_vector_int_init(&vertices, 0));
	have = true;
	for (uint32_t i = 0; i < count; i++) {
		WP_IGRAPH_TRY(igraph_get_shortest_path(ig, &vertices, NULL, s->from[i], s->to[i],
		                                       IGRAPH_OUT));
		igraph_integer_t len = igraph_vector_int_size(&vertices);
		s->ig_hops[i] = len == 0 ? WP_NO_PATH : (uint32_t)(len - 1);
	}
	if (count > s->ig_count)
		s->ig_count = count;
fail:
	if (have)
		igraph_vector_int_destroy(&vertices);
	return st;
}

static wp_status path_baseline(void *st_, bench_input *in, uint32_t trial, double *seconds,
                               char *note, size_t note_len, char *err)
{
	path_state *s = st_;
	(void)trial;
	uint32_t k = in->sample < in->pairs ? in->sample : in->pairs;
	const igraph_t *ig = NULL;
	wp_status st = bench_input_igraph(in, &ig, err); /* converted outside the timing */
	if (st != WP_OK)
		return st;
	double t0 = bench_now();
	st = path_igraph(s, in, k, err);
	*seconds = (bench_now() - t0) * in->pairs / k;
	snprintf(note, note_len, "igraph_get_shortest_path on %u of the %u pairs, scaled", k,
	         in->pairs);
	return st;
}

static wp_status path_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	wp_status st = WP_OK;
	path_state *s = st_;
	wp_path_scratch scratch = {0};
	if (in->small && s->ig_count < in->pairs)
		WP_TRY(path_igraph(s, in, in->pairs, err));
	uint32_t differ = 0;
	for (uint32_t i = 0; i < s->ig_count; i++)
		differ += s->ig_hops[i] != s->hops[i];
	/* Every chain of the first pairs must be a real walk of the batch's length. */
	WP_TRY(wp_path_scratch_init(&scratch, in->g, err));
	uint32_t walked = in->pairs < 100 ? in->pairs : 100, broken = 0;
	for (uint32_t i = 0; i < walked; i++) {
		wp_path_shortest(in->g, &scratch, s->from[i], s->to[i]);
		bool ok = scratch.hops == s->hops[i];
		if (ok && scratch.hops != WP_NO_PATH) {
			ok = scratch.path[0] == s->from[i] &&
			     scratch.path[scratch.hops] == s->to[i];
			for (uint32_t h = 0; ok && h < scratch.hops; h++)
				ok = wp_graph_find_arc(in->g, scratch.path[h],
				                       scratch.path[h + 1]) != UINT64_MAX;
		}
		broken += !ok;
	}
	chk->verdict = differ || broken ? BENCH_FAILED : BENCH_VERIFIED;
	snprintf(chk->how, sizeof(chk->how),
	         "hops = igraph's on %u pairs (%u differ); %u chains walked (%u broken)",
	         s->ig_count, differ, walked, broken);
fail:
	wp_path_scratch_free(&scratch);
	return st;
}

static void path_cleanup(void *st_)
{
	path_state *s = st_;
	free(s->from), free(s->to), free(s->hops), free(s->ig_hops);
}

static const bench_kernel kernel_path = {
        "path",
        "fewest-hop chains between random pairs (1,000 per trial), batch",
        sizeof(path_state),
        path_setup,
        path_run,
        path_baseline,
        path_verify,
        path_cleanup};

/* ---- cc: connected components -----------------------------------------------------------------
 */

typedef struct cc_state {
	wp_components c;
	igraph_vector_int_t membership;
	bool have_membership;
} cc_state;

static wp_status cc_run(void *st_, bench_input *in, int threads, uint32_t trial, double *seconds,
                        uint64_t *edges, char *err)
{
	cc_state *s = st_;
	(void)threads, (void)trial;
	wp_components_free(&s->c);
	double t0 = bench_now();
	wp_status st = wp_components_find(in->g, &s->c, err);
	*seconds = bench_now() - t0;
	*edges = 0;
	return st;
}

static wp_status cc_baseline(void *st_, bench_input *in, uint32_t trial, double *seconds,
                             char *note, size_t note_len, char *err)
{
	wp_status st = WP_OK;
	cc_state *s = st_;
	(void)trial;
	const igraph_t *ig = NULL;
	igraph_integer_t count = 0;
	WP_TRY(bench_input_igraph(in, &ig, err));
	if (!s->have_membership) {
		WP_IGRAPH_TRY(igraph_vector_int_init(&s->membership, 0));
		s->have_membership = true;
	}
	double t0 = bench_now();
	WP_IGRAPH_TRY(igraph_connected_components(ig, &s->membership, NULL, &count, IGRAPH_WEAK));
	*seconds = bench_now() - t0;
	snprintf(note, note_len, "igraph_connected_components (weak)");
fail:
	return st;
}

static wp_status cc_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	cc_state *s = st_;
	const wp_graph *g = in->g;
	(void)err;
	/* Invariant: every arc stays inside one component, numbered canonically. */
	uint32_t bad = 0;
	for (wp_vertex v = 0; v < g->n; v++)
		for (uint64_t e = g->offsets[v]; e < g->offsets[v + 1]; e++)
			bad += s->c.membership[v] != s->c.membership[g->targets[e]];
	/* igraph numbers components by their smallest vertex too: the vectors must be equal. */
	uint32_t differ = 0;
	if (s->have_membership)
		for (wp_vertex v = 0; v < g->n; v++)
			differ += (igraph_integer_t)s->c.membership[v] != VECTOR(s->membership)[v];
	chk->verdict = bad || differ ? BENCH_FAILED : BENCH_VERIFIED;
	snprintf(chk->how, sizeof(chk->how), "%u components; %s; %u arcs across components",
	         s->c.count,
	         s->have_membership
	                 ? (differ ? "membership differs from igraph's" : "membership = igraph's")
	                 : "no igraph run",
	         bad);
	return WP_OK;
}

static void cc_cleanup(void *st_)
{
	cc_state *s = st_;
	wp_components_free(&s->c);
	if (s->have_membership)
		igraph_vector_int_destroy(&s->membership);
}

static const bench_kernel kernel_cc = {"cc",
                                       "connected components (Afforest)",
                                       sizeof(cc_state),
                                       NULL,
                                       cc_run,
                                       cc_baseline,
                                       cc_verify,
                                       cc_cleanup};

/* ---- The registry ------------------------------------------------------------------------------
 */

const bench_kernel *const bench_kernels[] = {
        &kernel_load,
        &kernel_bfs,
        &kernel_path,
        &bench_kernel_bc,
        &bench_kernel_bc_approx,
        &bench_kernel_closeness,
        &bench_kernel_harmonic,
        &bench_kernel_pagerank,
        &kernel_cc,
        &bench_kernel_coreness,
};
const size_t bench_kernel_count = sizeof(bench_kernels) / sizeof(bench_kernels[0]);

const bench_kernel *bench_kernel_find(const char *name)
{
	for (size_t i = 0; i < bench_kernel_count; i++)
		if (strcmp(bench_kernels[i]->name, name) == 0)
			return bench_kernels[i];
	return NULL;
}
