/* bench_paths.c - the path benchmark: our chain queries against igraph's shortest paths.
 *
 * Graphs: a Kronecker graph (bench/generate.h, default 2^20 vertices x 16 edges per vertex, as
 * GAPBS's -g 20 -k 16) and a real social network: graph-tool's e-mail network (email-Enron, its
 * largest component, converted by bench/fetch_collection.py into DIR/email-Enron.el) when that
 * file exists, otherwise a Barabasi-Albert graph of 35,000 vertices and about 175,000 edges
 * (igraph_barabasi_game, 5 edges per new vertex) as a stand-in, which the output says. Edge
 * warmths for the weighted queries come from a hash of the edge's endpoints and the seed,
 * uniform in (0, 1] in steps of 1/1000, the same in both directions.
 *
 * On each graph: `--pairs` random pairs (fixed seed) drawn from the largest connected component,
 * so that every query is a real search. Per-query latency of our point-to-point hop query
 * (wp_path_shortest, one thread, one scratch reused), median and 99th percentile over all pairs;
 * a batch of all pairs on `--threads` threads (wp_path_batch), which must give the same hops;
 * igraph_get_shortest_path on the first `--igraph-pairs` pairs (igraph answers a point-to-point
 * query with a single-source search, so it is timed on a subset) with the hop counts checked
 * against ours, and the ratio of the medians over that same subset. Then the warmest chain
 * (wp_path_find_opts, WP_RANK_WARMTH) on `--weighted-pairs` pairs against
 * igraph_get_shortest_path_dijkstra on -ln(warmth) for the first `--igraph-weighted-pairs`, costs
 * checked within 1e-9.
 *
 * Prospects: the fundraiser's batch, "who of our members reaches each of 10,000 prospects", on a
 * Kronecker graph of about a million ties (scale 17, edge factor 8) standing in for a workspace:
 * 100 members (the source set of every query) and `--prospects` prospects, ranked fewest hops
 * then warmest (the default of `warmpath intro`), then warmest within 4 hops, then with 3
 * alternatives each, on `--threads` threads. Output is `key: value` lines; bench/README.md
 * explains each key.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench/generate.h"
#include "engine/graph.h"
#include "engine/igraph_bridge.h"
#include "engine/parallel.h"
#include "importers/import.h"
#include "queries/components.h"
#include "queries/paths.h"

typedef struct options {
	int scale, edge_factor;
	uint32_t pairs, igraph_pairs, weighted_pairs, igraph_weighted_pairs, prospects;
	uint32_t slow_prospects;
	int threads;
	uint64_t seed;
	const char *dir;
	const char *social;
	bool skip_kron;
} options;

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) of a[0..n), which is sorted in place. */
static double quantile(double *a, size_t n, double q)
{
	if (n == 0)
		return NAN;
	qsort(a, n, sizeof(*a), cmp_double);
	size_t i = (size_t)(q * (double)(n - 1) + 0.5);
	return a[i < n ? i : n - 1];
}

static double median_of(const double *a, size_t n, double *scratch)
{
	memcpy(scratch, a, n * sizeof(*a));
	return quantile(scratch, n, 0.5);
}

/* The warmth of edge {u, v}: a hash of the endpoints, in (0, 1] in steps of 1/1000. */
static float warmth_of(wp_vertex u, wp_vertex v, uint64_t seed)
{
	uint64_t x = seed ^ ((uint64_t)(u < v ? u : v) << 32 | (u < v ? v : u));
	return (float)(splitmix(&x) % 1000 + 1) / 1000.0f;
}

/* A weighted view of g: its arrays, plus warmths it owns. Free with free(view->weights) only. */
static wp_status weighted_view(const wp_graph *g, uint64_t seed, wp_graph *view, char *err)
{
	wp_status st = WP_OK;
	*view = *g;
	view->weights = malloc((g->m ? g->m : 1) * sizeof(float));
	if (view->weights == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %llu weights", (unsigned long long)g->m);
	for (wp_vertex u = 0; u < g->n; u++)
		for (uint64_t e = g->offsets[u]; e < g->offsets[u + 1]; e++)
			view->weights[e] = warmth_of(u, g->targets[e], seed);
	view->in_weights = view->weights; /* undirected */
	return WP_OK;
fail:
	return st;
}

/* Vertices of the largest component, as an array. */
static wp_status giant_vertices(const wp_graph *g, wp_vertex **out, uint32_t *count, char *err)
{
	wp_status st = WP_OK;
	wp_components c = {0};
	WP_TRY(wp_components_find(g, &c, err));
	*out = malloc(((size_t)c.largest_size + 1) * sizeof(**out));
	if (*out == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate the component");
	*count = 0;
	for (wp_vertex v = 0; v < g->n; v++)
		if (c.membership[v] == c.largest)
			(*out)[(*count)++] = v;
	wp_components_free(&c);
	return WP_OK;
fail:
	wp_components_free(&c);
	return st;
}

/* The hop and weighted measurements on one graph; keys are prefixed with `tag`. */
static wp_status bench_graph(const options *o, const char *tag, wp_graph *g, bool *verified,
                             char *err)
{
	wp_status st = WP_OK;
	wp_vertex *giant = NULL, *from = NULL, *to = NULL;
	uint32_t giant_n = 0, *hops = NULL, *batch = NULL;
	double *lat = NULL, *tmp = NULL, *ig_lat = NULL;
	wp_path_scratch s = {0}, ws = {0};
	wp_path_result res = {0};
	wp_graph wg = {0};
	igraph_t ig;
	igraph_vector_t iw;
	igraph_vector_int_t iv, ie;
	bool have_ig = false, have_iw = false, have_iv = false;
	uint32_t np = o->pairs;
	uint64_t rng = o->seed;

	printf("%s_vertices: %u\n", tag, g->n);
	printf("%s_edges: %llu\n", tag, (unsigned long long)wp_graph_edges(g));
	WP_TRY(giant_vertices(g, &giant, &giant_n, err));
	printf("%s_largest_component: %u\n", tag, giant_n);
	from = malloc(np * sizeof(*from));
	to = malloc(np * sizeof(*to));
	hops = malloc(np * sizeof(*hops));
	batch = malloc(np * sizeof(*batch));
	lat = malloc(np * sizeof(*lat));
	tmp = malloc(np * sizeof(*tmp));
	ig_lat = malloc((o->igraph_pairs + o->igraph_weighted_pairs + 1) * sizeof(*ig_lat));
	if (!from || !to || !hops || !batch || !lat || !tmp || !ig_lat)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u pairs", np);
	for (uint32_t i = 0; i < np; i++) {
		from[i] = giant[splitmix(&rng) % giant_n];
		to[i] = giant[splitmix(&rng) % giant_n];
	}
	printf("%s_pairs: %u (from the largest component, seed %llu)\n", tag, np,
	       (unsigned long long)o->seed);

	/* Our hop query, one thread. */
	WP_TRY(wp_path_scratch_init(&s, g, err));
	for (uint32_t i = 0; i < np && i < 200; i++)
		wp_path_shortest(g, &s, from[i], to[i]);
	double explored = 0;
	for (uint32_t i = 0; i < np; i++) {
		double t = wp_wtime();
		wp_path_shortest(g, &s, from[i], to[i]);
		lat[i] = wp_wtime() - t;
		hops[i] = s.hops;
		tmp[i] = (double)s.explored;
		explored += (double)s.explored;
	}
	printf("%s_hop_explored_arcs_median: %.0f (mean %.0f)\n", tag, quantile(tmp, np, 0.5),
	       explored / np);
	double hop_med = median_of(lat, np, tmp);
	printf("%s_hop_median_us: %.2f\n", tag, 1e6 * hop_med);
	printf("%s_hop_p99_us: %.2f\n", tag, 1e6 * quantile(tmp, np, 0.99));
	double sum = 0;
	for (uint32_t i = 0; i < np; i++)
		sum += lat[i];
	printf("%s_hop_mean_us: %.2f\n", tag, 1e6 * sum / np);

	/* The same pairs as batches on o->threads threads and on one: each trial runs the batch
	 * five times (a batch of 10,000 easy queries lasts only milliseconds), three trials each,
	 * interleaved; medians. */
	double bt[3], bt1[3], med3[3];
	bool batch_ok = true;
	for (int trial = 0; trial < 3; trial++) {
		for (int k = 0; k < 2; k++) {
			wp_set_threads(k == 0 ? o->threads : 1);
			double t0 = wp_wtime();
			for (int rep = 0; rep < 5; rep++)
				WP_TRY(wp_path_batch(g, from, to, np, batch, err));
			(k == 0 ? bt : bt1)[trial] = (wp_wtime() - t0) / 5;
			batch_ok = batch_ok && memcmp(batch, hops, np * sizeof(*hops)) == 0;
		}
	}
	wp_set_threads(o->threads);
	double bm = median_of(bt, 3, med3), bm1 = median_of(bt1, 3, med3);
	printf("%s_hop_batch_s: %.4f (%d threads; %.0f queries/s; 1 thread %.4f s, speed-up "
	       "%.2f)\n",
	       tag, bm, o->threads, np / bm, bm1, bm1 / bm);
	printf("%s_hop_batch_verified: %s\n", tag, batch_ok ? "yes" : "no");

	/* igraph on the first pairs. */
	uint32_t ni = o->igraph_pairs < np ? o->igraph_pairs : np;
	WP_TRY(weighted_view(g, o->seed, &wg, err));
	WP_TRY(wp_path_check_warmth(&wg, err));
	WP_IGRAPH_TRY(igraph_vector_init(&iw, 0));
	have_iw = true;
	double t0 = wp_wtime();
	WP_TRY(wp_igraph_from_graph(&wg, &ig, &iw, err));
	have_ig = true;
	for (igraph_integer_t e = 0; e < igraph_vector_size(&iw); e++)
		VECTOR(iw)[e] = -log(VECTOR(iw)[e]); /* the same floats as ours, as costs */
	printf("%s_igraph_convert_s: %.2f (not timed in the queries)\n", tag, wp_wtime() - t0);
	WP_IGRAPH_TRY(igraph_vector_int_init(&iv, 0));
	WP_IGRAPH_TRY(igraph_vector_int_init(&ie, 0));
	have_iv = true;
	bool hops_ok = true;
	for (uint32_t i = 0; i < ni; i++) {
		double t = wp_wtime();
		WP_IGRAPH_TRY(igraph_get_shortest_path(&ig, &iv, &ie, from[i], to[i], IGRAPH_OUT));
		ig_lat[i] = wp_wtime() - t;
		igraph_integer_t len = igraph_vector_int_size(&iv);
		uint32_t theirs = len == 0 ? WP_NO_PATH : (uint32_t)(len - 1);
		if (theirs != hops[i]) {
			if (hops_ok)
				printf("%s_hop_mismatch: pair %u: ours %u, igraph %u\n", tag, i,
				       hops[i], theirs);
			hops_ok = false;
		}
	}
	double ig_med = median_of(ig_lat, ni, tmp);
	double ours_sub = median_of(lat, ni, tmp);
	printf("%s_igraph_pairs: %u (the first of the pairs; igraph runs a single-source search)\n",
	       tag, ni);
	printf("%s_igraph_hop_median_us: %.1f\n", tag, 1e6 * ig_med);
	printf("%s_hop_median_same_pairs_us: %.2f\n", tag, 1e6 * ours_sub);
	printf("%s_hop_ratio: %.1f (igraph / ours, medians over the same %u pairs)\n", tag,
	       ig_med / ours_sub, ni);
	printf("%s_hop_verified: %s\n", tag, hops_ok ? "yes" : "no");

	/* Warmest chains. */
	uint32_t nw = o->weighted_pairs < np ? o->weighted_pairs : np;
	uint32_t niw = o->igraph_weighted_pairs < nw ? o->igraph_weighted_pairs : nw;
	WP_TRY(wp_path_scratch_init(&ws, &wg, err));
	wp_path_opts po = WP_PATH_DEFAULTS;
	po.rank = WP_RANK_WARMTH;
	double *costs = tmp; /* reuse: costs of the first niw, then latencies */
	double *wlat = malloc((nw + 1) * sizeof(*wlat));
	if (wlat == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate latencies");
	for (uint32_t i = 0; i < nw && i < 20; i++)
		WP_TRY(wp_path_find_opts(&wg, &ws, &from[i], 1, &to[i], 1, &po, &res, err));
	for (uint32_t i = 0; i < nw; i++) {
		double t = wp_wtime();
		st = wp_path_find_opts(&wg, &ws, &from[i], 1, &to[i], 1, &po, &res, err);
		wlat[i] = wp_wtime() - t;
		if (st != WP_OK) {
			free(wlat);
			goto fail;
		}
		if (i < niw)
			costs[i] = res.count ? res.chains[0].cost : INFINITY;
	}
	bool cost_ok = true;
	for (uint32_t i = 0; i < niw; i++) {
		double t = wp_wtime();
		igraph_error_t code = igraph_get_shortest_path_dijkstra(&ig, &iv, &ie, from[i],
		                                                        to[i], &iw, IGRAPH_OUT);
		ig_lat[i] = wp_wtime() - t;
		if (code != IGRAPH_SUCCESS) {
			free(wlat);
			st = wp_igraph_status(code, err);
			goto fail;
		}
		double c = igraph_vector_int_size(&iv) == 0 ? INFINITY : 0.0;
		for (igraph_integer_t k = 0; k < igraph_vector_int_size(&ie); k++)
			c += VECTOR(iw)[VECTOR(ie)[k]];
		if (!(fabs(c - costs[i]) <= 1e-9 || (c == INFINITY && costs[i] == INFINITY))) {
			if (cost_ok)
				printf("%s_weighted_mismatch: pair %u: ours %.17g, igraph %.17g\n",
				       tag, i, costs[i], c);
			cost_ok = false;
		}
	}
	double w_med = median_of(wlat, nw, tmp);
	printf("%s_weighted_pairs: %u\n", tag, nw);
	printf("%s_weighted_median_us: %.1f\n", tag, 1e6 * w_med);
	printf("%s_weighted_p99_us: %.1f\n", tag, 1e6 * quantile(tmp, nw, 0.99));
	double ig_w_med = median_of(ig_lat, niw, tmp);
	double ours_w_sub = median_of(wlat, niw, tmp);
	printf("%s_igraph_weighted_pairs: %u\n", tag, niw);
	printf("%s_igraph_weighted_median_us: %.1f\n", tag, 1e6 * ig_w_med);
	printf("%s_weighted_median_same_pairs_us: %.1f\n", tag, 1e6 * ours_w_sub);
	printf("%s_weighted_ratio: %.1f (igraph / ours, medians over the same %u pairs)\n", tag,
	       ig_w_med / ours_w_sub, niw);
	printf("%s_weighted_verified: %s\n", tag, cost_ok ? "yes" : "no");
	free(wlat);
	*verified = batch_ok && hops_ok && cost_ok;
	/* Success falls through: the cleanup is the same. */
fail:
	if (have_iv) {
		igraph_vector_int_destroy(&iv);
		igraph_vector_int_destroy(&ie);
	}
	if (have_iw)
		igraph_vector_destroy(&iw);
	if (have_ig)
		igraph_destroy(&ig);
	wp_path_result_free(&res);
	wp_path_scratch_free(&s);
	wp_path_scratch_free(&ws);
	free(wg.weights);
	free(giant);
	free(from);
	free(to);
	free(hops);
	free(batch);
	free(lat);
	free(tmp);
	free(ig_lat);
	return st;
}

static wp_status kronecker(int scale, int edge_factor, uint64_t seed, wp_graph *g, char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf eb = {0};
	WP_TRY(wp_generate_kronecker(&eb, scale, edge_factor, seed, err));
	WP_TRY(wp_graph_build(g, &eb, false, err));
	return WP_OK;
fail:
	wp_edgebuf_free(&eb);
	return st;
}

/* The social network: the file, or a Barabasi-Albert stand-in. */
static wp_status social_graph(const options *o, wp_graph *g, char *err)
{
	wp_status st = WP_OK;
	char path[1024];
	struct stat sb;
	igraph_t ig;
	if (o->social != NULL)
		snprintf(path, sizeof(path), "%s", o->social);
	else
		snprintf(path, sizeof(path), "%s/email-Enron.el", o->dir);
	if (stat(path, &sb) == 0 && sb.st_size > 0) {
		wp_import_opts io = WP_IMPORT_DEFAULTS;
		printf("social_graph: %s (graph-tool collection, largest component)\n", path);
		return wp_import_graph(g, path, WP_FORMAT_AUTO, &io, err);
	}
	if (o->social != NULL)
		WP_FAIL(WP_EIO, "%s: cannot read: %s", path, strerror(errno));
	printf("social_graph: barabasi-albert stand-in, 35000 vertices, 5 edges per new vertex "
	       "(%s not found; run bench/fetch_collection.py)\n",
	       path);
	igraph_rng_seed(igraph_rng_default(), o->seed);
	WP_IGRAPH_TRY(igraph_barabasi_game(&ig, 35000, 1, 5, NULL, true, 1, IGRAPH_UNDIRECTED,
	                                   IGRAPH_BARABASI_PSUMTREE, NULL));
	st = wp_graph_from_igraph(g, &ig, NULL, err);
	igraph_destroy(&ig);
	return st;
fail:
	return st;
}

/* The prospects batch on a Kronecker stand-in for a workspace of about a million ties. */
static wp_status bench_prospects(const options *o, bool *verified, char *err)
{
	wp_status st = WP_OK;
	wp_graph g = {0}, wg = {0};
	wp_vertex *giant = NULL, *targets = NULL, *path = NULL, members[100];
	wp_path_ends *ends = NULL;
	wp_chain *out = NULL;
	wp_path_tree tree = {0};
	uint32_t giant_n = 0, np = o->prospects;
	uint64_t rng = o->seed + 1;
	bool failed = false;

	*verified = true;
	WP_TRY(kronecker(17, 8, o->seed, &g, err));
	WP_TRY(weighted_view(&g, o->seed, &wg, err));
	WP_TRY(giant_vertices(&g, &giant, &giant_n, err));
	printf("prospects_graph: kronecker scale 17, edge factor 8: %u vertices, %llu ties "
	       "(a workspace stand-in)\n",
	       g.n, (unsigned long long)wp_graph_edges(&g));
	targets = malloc((np + 1) * sizeof(*targets));
	ends = malloc((np + 1) * sizeof(*ends));
	out = malloc((np + 1) * sizeof(*out));
	path = malloc(((size_t)g.n + 1) * sizeof(*path));
	if (!targets || !ends || !out || !path)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u prospects", np);
	for (int i = 0; i < 100; i++)
		members[i] = giant[splitmix(&rng) % giant_n];
	for (uint32_t i = 0; i < np; i++) {
		targets[i] = giant[splitmix(&rng) % giant_n];
		ends[i] = (wp_path_ends){members, 100, &targets[i], 1};
	}
	printf("prospects: %u (100 members as the sources of every query, %d threads)\n", np,
	       o->threads);
	static const struct {
		const char *key;
		wp_path_rank rank;
		uint32_t max_hops;
		bool slow; /* per-query batch on --slow-prospects only */
	} runs[] = {{"prospects_hops_warmth", WP_RANK_HOPS_WARMTH, 0, false},
	            {"prospects_warmth_max4", WP_RANK_WARMTH, 4, true},
	            {"prospects_warmth", WP_RANK_WARMTH, 0, true},
	            {"prospects_bottleneck_max4", WP_RANK_BOTTLENECK, 4, false}};
	for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
		wp_path_opts po = WP_PATH_DEFAULTS;
		po.rank = runs[r].rank;
		po.max_hops = runs[r].max_hops;
		po.threads = o->threads;
		uint32_t nq = runs[r].slow && o->slow_prospects < np ? o->slow_prospects : np;
		double t = wp_wtime();
		WP_TRY(wp_path_batch_opts(&wg, ends, nq, &po, out, err));
		t = wp_wtime() - t;
		uint32_t reached = 0;
		for (uint32_t i = 0; i < nq; i++)
			reached += out[i].hops != WP_NO_PATH;
		printf("%s_batch_s: %.3f (%u prospects, %.0f us each on %d threads; %u reached)\n",
		       runs[r].key, t, nq, 1e6 * t / nq * o->threads, o->threads, reached);
		if (runs[r].rank == WP_RANK_BOTTLENECK)
			continue;
		/* The same answers from one tree: one search from the members, then a chain per
		 * prospect (serial). */
		t = wp_wtime();
		WP_TRY(wp_path_tree_build(&wg, members, 100, &po, &tree, err));
		double built = wp_wtime() - t;
		uint64_t total_hops = 0;
		bool same = true;
		for (uint32_t i = 0; i < np; i++) {
			uint32_t h = wp_path_tree_chain(&tree, targets[i], path);
			if (h != WP_NO_PATH)
				total_hops += h;
			if (i >= nq)
				continue;
			if (runs[r].rank == WP_RANK_HOPS_WARMTH && h != out[i].hops)
				same = false;
			if (h != WP_NO_PATH && !(fabs(tree.cost[targets[i]] - out[i].cost) <= 1e-9))
				same = false;
		}
		t = wp_wtime() - t;
		printf("%s_tree_s: %.3f (all %u prospects, 1 thread: tree %.3f s, chains %.3f s; "
		       "mean "
		       "%.2f hops)\n",
		       runs[r].key, t, np, built, t - built, (double)total_hops / np);
		printf("%s_tree_verified: %s (against the batch, %u prospects)\n", runs[r].key,
		       same ? "yes" : "no", nq);
		*verified = *verified && same;
	}
	/* Three alternatives per prospect: a parallel loop of our own, one scratch per thread. */
	uint64_t chains = 0;
	double t = wp_wtime();
#pragma omp parallel num_threads(o->threads) reduction(+ : chains)
	{
		wp_path_scratch s;
		wp_path_result res = {0};
		char terr[WP_ERR_LEN] = "";
		bool ok = wp_path_scratch_init(&s, &wg, terr) == WP_OK;
		wp_path_opts po = WP_PATH_DEFAULTS;
		po.rank = WP_RANK_HOPS_WARMTH;
		po.alternatives = 3;
#pragma omp for schedule(dynamic, 16)
		for (uint32_t i = 0; i < np; i++) {
			if (!ok || wp_path_find_opts(&wg, &s, members, 100, &targets[i], 1, &po,
			                             &res, terr) != WP_OK) {
				ok = false;
				continue;
			}
			chains += res.count;
		}
		if (!ok) {
#pragma omp atomic write
			failed = true;
		}
		wp_path_result_free(&res);
		wp_path_scratch_free(&s);
	}
	t = wp_wtime() - t;
	if (failed)
		WP_FAIL(WP_ENOMEM, "the alternatives batch failed");
	printf("prospects_alternatives3_s: %.3f (%u prospects, hops-warmth, %.2f chains each)\n", t,
	       np, (double)chains / np);
	/* Success falls through: the cleanup is the same. */
fail:
	wp_path_tree_free(&tree);
	free(wg.weights);
	wp_graph_free(&g);
	free(giant);
	free(targets);
	free(ends);
	free(out);
	free(path);
	return st;
}

static void usage(FILE *out)
{
	fputs("usage: bench_paths [--scale S] [--edge-factor K] [--pairs N] [--igraph-pairs N]\n"
	      "         [--weighted-pairs N] [--igraph-weighted-pairs N] [--prospects N]\n"
	      "         [--slow-prospects N] [--threads T] [--seed X] [--dir DIR]\n"
	      "         [--social FILE] [--no-kron]\n"
	      "Times chain queries against igraph on a Kronecker graph and a social network\n"
	      "(defaults: S 20, K 16, 10000 pairs, 200 of them for igraph, 300 weighted, 10 of\n"
	      "them for igraph's Dijkstra, 10000 prospects, 1000 of them for the per-query\n"
	      "warmest batches, T 2, DIR build/bench-data, FILE DIR/email-Enron.el or else a\n"
	      "Barabasi-Albert stand-in). bench/README.md explains the output.\n",
	      out);
}

static bool parse_u32(const char *s, uint32_t lo, uint32_t hi, uint32_t *out)
{
	char *end = NULL;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = (uint32_t)v;
	return true;
}

int main(int argc, char **argv)
{
	char err[WP_ERR_LEN] = "";
	options o = {.scale = 20,
	             .edge_factor = 16,
	             .pairs = 10000,
	             .igraph_pairs = 200,
	             .weighted_pairs = 300,
	             .igraph_weighted_pairs = 10,
	             .prospects = 10000,
	             .slow_prospects = 1000,
	             .threads = 2,
	             .seed = 27491095,
	             .dir = "build/bench-data",
	             .social = NULL,
	             .skip_kron = false};
	static const struct option longopts[] = {
	        {"scale", required_argument, NULL, 's'},
	        {"edge-factor", required_argument, NULL, 'k'},
	        {"pairs", required_argument, NULL, 'p'},
	        {"igraph-pairs", required_argument, NULL, 'i'},
	        {"weighted-pairs", required_argument, NULL, 'w'},
	        {"igraph-weighted-pairs", required_argument, NULL, 'j'},
	        {"prospects", required_argument, NULL, 'r'},
	        {"slow-prospects", required_argument, NULL, 'l'},
	        {"threads", required_argument, NULL, 't'},
	        {"seed", required_argument, NULL, 'x'},
	        {"dir", required_argument, NULL, 'd'},
	        {"social", required_argument, NULL, 'g'},
	        {"no-kron", no_argument, NULL, 'n'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c, opt_index = 0;
	uint32_t u = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, &opt_index)) != -1) {
		bool ok = true;
		switch (c) {
		case 's':
			ok = parse_u32(optarg, 1, WP_GENERATE_MAX_SCALE, &u);
			o.scale = (int)u;
			break;
		case 'k':
			ok = parse_u32(optarg, 1, 1 << 20, &u);
			o.edge_factor = (int)u;
			break;
		case 'p':
			ok = parse_u32(optarg, 1, 100000000, &o.pairs);
			break;
		case 'i':
			ok = parse_u32(optarg, 0, 100000000, &o.igraph_pairs);
			break;
		case 'w':
			ok = parse_u32(optarg, 1, 100000000, &o.weighted_pairs);
			break;
		case 'j':
			ok = parse_u32(optarg, 0, 100000000, &o.igraph_weighted_pairs);
			break;
		case 'r':
			ok = parse_u32(optarg, 0, 100000000, &o.prospects);
			break;
		case 'l':
			ok = parse_u32(optarg, 1, 100000000, &o.slow_prospects);
			break;
		case 't':
			ok = parse_u32(optarg, 1, 1024, &u);
			o.threads = (int)u;
			break;
		case 'x': {
			char *end = NULL;
			errno = 0;
			o.seed = strtoull(optarg, &end, 0);
			ok = errno == 0 && end != optarg && *end == '\0';
			break;
		}
		case 'd':
			o.dir = optarg;
			break;
		case 'g':
			o.social = optarg;
			break;
		case 'n':
			o.skip_kron = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
		if (!ok) {
			fprintf(stderr, "bench_paths: bad value '%s' for --%s\n", optarg,
			        longopts[opt_index].name);
			return 1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 1;
	}
	wp_igraph_setup();
	wp_set_threads(o.threads);

	bool kron_ok = true, social_ok = false;
	wp_graph g = {0};
	printf("benchmark: paths\n");
	printf("threads: %d (batches; single queries run on one)\n", o.threads);
	printf("seed: %llu\n", (unsigned long long)o.seed);
	if (!o.skip_kron) {
		double t = wp_wtime();
		if (kronecker(o.scale, o.edge_factor, o.seed, &g, err) != WP_OK) {
			printf("error: %s\n", err);
			return 3;
		}
		printf("kron_graph: kronecker scale %d, edge factor %d (generated in %.1f s)\n",
		       o.scale, o.edge_factor, wp_wtime() - t);
		kron_ok = false;
		if (bench_graph(&o, "kron", &g, &kron_ok, err) != WP_OK) {
			printf("kron_error: %s\n", err);
			err[0] = '\0';
		}
		wp_graph_free(&g);
	}
	if (social_graph(&o, &g, err) != WP_OK ||
	    bench_graph(&o, "social", &g, &social_ok, err) != WP_OK) {
		printf("social_error: %s\n", err);
		err[0] = '\0';
	}
	wp_graph_free(&g);
	bool prospects_ok = true;
	if (o.prospects > 0 && bench_prospects(&o, &prospects_ok, err) != WP_OK) {
		printf("prospects_error: %s\n", err);
		prospects_ok = false;
	}
	kron_ok = kron_ok && prospects_ok;
	printf("verified: %s\n", kron_ok && social_ok ? "yes" : "no");
	return kron_ok && social_ok ? 0 : 2;
}
