/* test_brokers.c - betweenness restricted to sources and targets (the kernel behind `warmpath
 * brokers`) against two independent oracles.
 *
 * Small random graphs (G(n,p) of 7-11 vertices; undirected and directed; hop counts and integer
 * lengths, so that equal lengths are exact): every simple path between each source and target is
 * enumerated by depth-first search, the shortest ones kept, and each inner vertex credited with
 * its share; our subset betweenness must equal that sum within 1e-9, for 1, 2, 4 and 7 threads
 * bitwise alike. Larger graphs (Barabasi-Albert and sparse disconnected ones, 1,500-3,000
 * vertices) in the brokers' shape (a few members as sources, everyone else as targets) must equal
 * igraph_betweenness_subset. Hand-checked cases pin the convention: an undirected pair is counted
 * once and halved (igraph's), so a disjoint member-prospect pair gives 1/2 per unit.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/igraph_bridge.h"
#include "queries/betweenness.h"

#define MAXN 12

static void init(void)
{
	wp_igraph_setup();
	igraph_rng_seed(igraph_rng_default(), 20261124);
}

static bool close_enough(double a, double b)
{
	double scale = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= 1e-9 * scale || scale < 1e-12;
}

/* The brute force: every simple s-t path by DFS; best length, number of best paths, and per
 * vertex the best paths through it (as inner vertex). */
typedef struct brute {
	const wp_graph *g;
	const float *len; /* NULL: hops */
	wp_vertex t;
	bool on_path[MAXN];
	wp_vertex path[MAXN];
	uint32_t depth;
	double best;
	double count;
	double through[MAXN];
} brute;

static void dfs(brute *b, wp_vertex u, double length)
{
	if (u == b->t) {
		if (length < b->best) {
			b->best = length;
			b->count = 0;
			memset(b->through, 0, sizeof(b->through));
		}
		if (length == b->best) {
			b->count += 1;
			/* path[0] is s and path[depth - 1] is t: only inner vertices count. */
			for (uint32_t i = 1; i + 1 < b->depth; i++)
				b->through[b->path[i]] += 1;
		}
		return;
	}
	for (uint64_t e = b->g->offsets[u]; e < b->g->offsets[u + 1]; e++) {
		wp_vertex w = b->g->targets[e];
		if (b->on_path[w])
			continue;
		b->on_path[w] = true;
		b->path[b->depth++] = w;
		dfs(b, w, length + (b->len ? (double)b->len[e] : 1.0));
		b->depth--;
		b->on_path[w] = false;
	}
}

/* Subset betweenness by enumeration, halved for undirected graphs as igraph does. */
static void brute_subset(const wp_graph *g, const float *len, const bool *is_source,
                         const bool *is_target, double *out)
{
	brute b;
	memset(out, 0, g->n * sizeof(*out));
	for (wp_vertex s = 0; s < g->n; s++) {
		if (!is_source[s])
			continue;
		for (wp_vertex t = 0; t < g->n; t++) {
			if (!is_target[t] || t == s)
				continue;
			memset(&b, 0, sizeof(b));
			b.g = g;
			b.len = len;
			b.t = t;
			b.best = INFINITY;
			b.on_path[s] = true;
			b.path[0] = s;
			b.depth = 1;
			dfs(&b, s, 0.0);
			if (b.count == 0)
				continue; /* t unreachable */
			for (wp_vertex v = 0; v < g->n; v++)
				out[v] += b.through[v] / b.count;
		}
	}
	if (!g->directed)
		for (wp_vertex v = 0; v < g->n; v++)
			out[v] /= 2;
}

typedef struct small_case {
	char name[32];
	bool directed;
	bool lengths; /* integer lengths 1..3 */
	double p;
} small_case;

ParameterizedTestParameters(brokers, subset_betweenness_equals_enumerated_shortest_paths)
{
	static small_case cases[] = {
	        {"undirected hops", false, false, 0.3}, {"undirected sparse", false, false, 0.18},
	        {"directed hops", true, false, 0.25},   {"undirected lengths", false, true, 0.35},
	        {"directed lengths", true, true, 0.3},
	};
	return cr_make_param_array(small_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(small_case *c, brokers, subset_betweenness_equals_enumerated_shortest_paths,
                  .init = init)
{
	char err[WP_ERR_LEN] = "";
	srand(7);
	for (int trial = 0; trial < 60; trial++) {
		int n = 7 + trial % 5;
		igraph_t ig;
		igraph_vector_t w;
		wp_graph g;
		igraph_erdos_renyi_game_gnp(&ig, n, c->p, c->directed, IGRAPH_NO_LOOPS);
		igraph_vector_init(&w, igraph_ecount(&ig));
		for (igraph_integer_t e = 0; e < igraph_ecount(&ig); e++)
			VECTOR(w)[e] = 1 + rand() % 3;
		cr_assert(
		        eq(int, wp_graph_from_igraph(&g, &ig, c->lengths ? &w : NULL, err), WP_OK),
		        "%s", err);
		/* Sources and targets at random; on even trials disjoint (the brokers' shape), on
		 * odd ones overlapping; sometimes all targets. */
		bool is_source[MAXN] = {0}, is_target[MAXN] = {0};
		wp_vertex sources[MAXN], targets[MAXN];
		uint32_t ns = 0, nt = 0;
		bool all_targets = trial % 7 == 3;
		for (int v = 0; v < n; v++) {
			int r = rand() % 3;
			is_source[v] = r == 0 || (trial % 2 && r == 1 && rand() % 2);
			is_target[v] = all_targets || r != 0 || (trial % 2 && rand() % 2);
			if (is_source[v])
				sources[ns++] = (wp_vertex)v;
			if (is_target[v])
				targets[nt++] = (wp_vertex)v;
		}
		double want[MAXN], got[MAXN], other[MAXN];
		brute_subset(&g, c->lengths ? g.weights : NULL, is_source, is_target, want);
		static const int threads[] = {1, 2, 4, 7};
		for (int i = 0; i < 4; i++) {
			wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
			o.weights = c->lengths ? g.weights : NULL;
			o.sources = sources;
			o.source_count = ns;
			o.targets = all_targets ? NULL : targets;
			o.target_count = all_targets ? 0 : nt;
			o.threads = threads[i];
			double *out = i == 0 ? got : other;
			cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, out, err), WP_OK), "%s",
			          err);
			if (i > 0)
				cr_assert(
				        eq(int, memcmp(got, other, (size_t)n * sizeof(double)), 0),
				        "%s trial %d: %d threads differ", c->name, trial,
				        threads[i]);
		}
		for (int v = 0; v < n; v++)
			cr_assert(close_enough(got[v], want[v]),
			          "%s trial %d vertex %d: ours %.17g, enumerated %.17g", c->name,
			          trial, v, got[v], want[v]);
		igraph_vector_destroy(&w);
		igraph_destroy(&ig);
		wp_graph_free(&g);
	}
}

typedef struct large_case {
	char name[32];
	char model[8]; /* "ba" or "gnm" */
	int n;
	bool directed;
	bool lengths;
	int members;
} large_case;

ParameterizedTestParameters(brokers, member_to_prospect_betweenness_equals_igraph_subset)
{
	static large_case cases[] = {
	        {"ba undirected", "ba", 3000, false, false, 12},
	        {"ba directed", "ba", 2000, true, false, 20},
	        {"ba undirected lengths", "ba", 2000, false, true, 8},
	        {"disconnected", "gnm", 3000, false, false, 30},
	        {"one member", "ba", 1500, false, false, 1},
	};
	return cr_make_param_array(large_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(large_case *c, brokers, member_to_prospect_betweenness_equals_igraph_subset,
                  .init = init)
{
	igraph_t ig, clean;
	igraph_vector_t w0, w, res;
	igraph_vector_int_t sv, tv;
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	if (strcmp(c->model, "ba") == 0)
		igraph_barabasi_game(&ig, c->n, 1, 2, NULL, true, 1, c->directed,
		                     IGRAPH_BARABASI_PSUMTREE, NULL);
	else
		igraph_erdos_renyi_game_gnm(&ig, c->n, (igraph_integer_t)(0.8 * c->n), c->directed,
		                            IGRAPH_NO_LOOPS);
	igraph_vector_init(&w0, igraph_ecount(&ig));
	for (igraph_integer_t e = 0; e < igraph_ecount(&ig); e++)
		VECTOR(w0)[e] = 1 + (double)(e % 4);
	cr_assert(eq(int, wp_graph_from_igraph(&g, &ig, c->lengths ? &w0 : NULL, err), WP_OK), "%s",
	          err);
	igraph_vector_init(&w, 0);
	cr_assert(eq(int, wp_igraph_from_graph(&g, &clean, &w, err), WP_OK), "%s", err);

	/* Members: every (n / members)-th vertex from 5; prospects: everyone else. */
	wp_vertex *members = malloc((size_t)c->members * sizeof(*members));
	wp_vertex *prospects = malloc((size_t)g.n * sizeof(*prospects));
	bool *is_member = calloc(g.n, sizeof(*is_member));
	uint32_t np = 0;
	igraph_vector_int_init(&sv, c->members);
	for (int i = 0; i < c->members; i++) {
		members[i] = (wp_vertex)(5 + (size_t)i * (g.n - 5) / c->members);
		is_member[members[i]] = true;
		VECTOR(sv)[i] = members[i];
	}
	igraph_vector_int_init(&tv, 0);
	for (wp_vertex v = 0; v < g.n; v++)
		if (!is_member[v]) {
			prospects[np++] = v;
			igraph_vector_int_push_back(&tv, v);
		}
	igraph_vector_init(&res, 0);
	cr_assert(eq(int,
	             igraph_betweenness_subset(&clean, &res, igraph_vss_all(), true,
	                                       igraph_vss_vector(&sv), igraph_vss_vector(&tv),
	                                       c->lengths ? &w : NULL),
	             IGRAPH_SUCCESS));
	double *ours = malloc((size_t)g.n * sizeof(*ours));
	wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
	o.weights = c->lengths ? g.weights : NULL;
	o.sources = members;
	o.source_count = (uint32_t)c->members;
	o.targets = prospects;
	o.target_count = np;
	o.threads = 2;
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, ours, err), WP_OK), "%s", err);
	double total = 0;
	for (wp_vertex v = 0; v < g.n; v++) {
		cr_assert(close_enough(ours[v], VECTOR(res)[v]),
		          "%s vertex %u: ours %.17g, igraph %.17g", c->name, v, ours[v],
		          VECTOR(res)[v]);
		total += ours[v];
	}
	cr_assert(lt(dbl, 0.0, total), "%s: a test that cannot fail", c->name);
	free(members);
	free(prospects);
	free(is_member);
	free(ours);
	igraph_vector_int_destroy(&sv);
	igraph_vector_int_destroy(&tv);
	igraph_vector_destroy(&res);
	igraph_vector_destroy(&w);
	igraph_vector_destroy(&w0);
	igraph_destroy(&clean);
	igraph_destroy(&ig);
	wp_graph_free(&g);
}

/* Builds an undirected or directed graph on n vertices from a list of edges. */
static void small_graph(wp_graph *g, uint32_t n, const wp_vertex (*edges)[2], int m, bool directed)
{
	char err[WP_ERR_LEN] = "";
	igraph_t ig;
	igraph_vector_int_t ev;
	igraph_vector_int_init(&ev, 2 * m);
	for (int i = 0; i < m; i++) {
		VECTOR(ev)[2 * i] = edges[i][0];
		VECTOR(ev)[2 * i + 1] = edges[i][1];
	}
	igraph_create(&ig, &ev, n, directed);
	cr_assert(eq(int, wp_graph_from_igraph(g, &ig, NULL, err), WP_OK), "%s", err);
	igraph_vector_int_destroy(&ev);
	igraph_destroy(&ig);
}

Test(brokers, hand_checked_chains_split_between_routes, .init = init)
{
	/* 0 - 1 - 3 - 4 and 0 - 2 - 3: member 0, prospects 3 and 4. The pair (0, 3) has two
	 * routes (1 and 2 each carry half); (0, 4) has two routes through 3 (3 carries all, 1
	 * and 2 half each). Undirected, halved: 1 -> (0.5 + 0.5) / 2, 3 -> 1 / 2. */
	static const wp_vertex edges[][2] = {{0, 1}, {1, 3}, {3, 4}, {0, 2}, {2, 3}};
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	small_graph(&g, 5, edges, 5, false);
	wp_vertex member = 0, prospects[] = {3, 4};
	wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
	o.sources = &member;
	o.source_count = 1;
	o.targets = prospects;
	o.target_count = 2;
	double b[5];
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, b, err), WP_OK), "%s", err);
	cr_assert(epsilon_eq(dbl, b[0], 0.0, 1e-15));
	cr_assert(epsilon_eq(dbl, b[1], 0.5, 1e-15));
	cr_assert(epsilon_eq(dbl, b[2], 0.5, 1e-15));
	cr_assert(epsilon_eq(dbl, b[3], 0.5, 1e-15));
	cr_assert(epsilon_eq(dbl, b[4], 0.0, 1e-15));

	/* Directed the same way: no halving, and nothing flows against the arcs. */
	wp_graph_free(&g);
	small_graph(&g, 5, edges, 5, true);
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, b, err), WP_OK), "%s", err);
	cr_assert(epsilon_eq(dbl, b[1], 1.0, 1e-15));
	cr_assert(epsilon_eq(dbl, b[2], 1.0, 1e-15));
	cr_assert(epsilon_eq(dbl, b[3], 1.0, 1e-15));
	member = 4; /* 4 reaches nobody along the arcs */
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, b, err), WP_OK), "%s", err);
	for (int v = 0; v < 5; v++)
		cr_assert(epsilon_eq(dbl, b[v], 0.0, 1e-15));
	wp_graph_free(&g);
}

Test(brokers, no_sources_or_targets_give_zero_and_unset_subsets_change_nothing, .init = init)
{
	static const wp_vertex edges[][2] = {{0, 1}, {1, 2}, {2, 3}, {1, 4}};
	wp_graph g;
	char err[WP_ERR_LEN] = "";
	small_graph(&g, 5, edges, 4, false);
	wp_vertex none = 0, all[] = {0, 1, 2, 3, 4};
	double b[5], full[5], listed[5];
	wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
	o.sources = &none;
	o.source_count = 0;
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, b, err), WP_OK), "%s", err);
	for (int v = 0; v < 5; v++)
		cr_assert(eq(dbl, b[v], 0.0));
	/* All sources and targets listed equal the unrestricted values (by hand: 1 separates {0},
	 * {4} and {2, 3}, 5 pairs; 2 separates 3 from the three others, 3 pairs). */
	cr_assert(eq(int, wp_betweenness_exact(&g, full, err), WP_OK), "%s", err);
	o.sources = all;
	o.source_count = 5;
	o.targets = all;
	o.target_count = 5;
	cr_assert(eq(int, wp_betweenness_exact_opts(&g, &o, listed, err), WP_OK), "%s", err);
	static const double want[] = {0, 5, 3, 0, 0};
	for (int v = 0; v < 5; v++) {
		cr_assert(epsilon_eq(dbl, full[v], want[v], 1e-12));
		cr_assert(epsilon_eq(dbl, listed[v], want[v], 1e-12));
	}
	wp_graph_free(&g);
}
