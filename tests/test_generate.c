/* test_generate.c - Criterion tests for the benchmark graph generators (bench/generate.c).
 *
 * The generators promise exact edge counts, ids below n with labels "0" .. "n-1", results fixed
 * by the seed (and different for another seed) whatever the thread count, and the right shape:
 * a Kronecker graph has hubs far above its mean degree, a uniform one does not. The edge-list
 * writer must format every id exactly and its file must read back, through our importer, as the
 * same edges in the same order.
 *
 * The random models (generate_models.c) are checked against what their mathematics says:
 * Barabasi-Albert's degree CCDF against the exact m (m + 1) / (k (k + 1)) of Bollobas et al.,
 * Watts-Strogatz's rewired fraction against p and its degrees against k, G(n, p)'s edge count
 * and mean degree against the binomial's mean within 5 standard deviations (the seeds are fixed,
 * so the tests are deterministic; the bounds are what a correct generator meets for any seed).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/generate.h"
#include "engine/parallel.h"
#include "engine/graph.h"
#include "engine/snapshot.h"
#include "importers/import.h"

typedef enum gen_kind { KRON, UNI } gen_kind;

static void gen(wp_edgebuf *eb, gen_kind k, int scale, int edge_factor, uint64_t seed)
{
	char err[WP_ERR_LEN] = "";
	memset(eb, 0, sizeof(*eb));
	wp_status st = k == KRON ? wp_generate_kronecker(eb, scale, edge_factor, seed, err)
	                         : wp_generate_uniform(eb, scale, edge_factor, seed, err);
	cr_assert(eq(int, st, WP_OK), "%s", err);
	cr_assert(eq(str, err, ""));
}

static bool same_edges(const wp_edgebuf *a, const wp_edgebuf *b)
{
	return a->count == b->count && memcmp(a->src, b->src, a->count * sizeof(*a->src)) == 0 &&
	       memcmp(a->dst, b->dst, a->count * sizeof(*a->dst)) == 0;
}

/* Degrees (out + in) of the 2^scale vertices. */
static uint64_t *degrees(const wp_edgebuf *eb, uint64_t n)
{
	uint64_t *deg = calloc(n, sizeof(*deg));
	cr_assert(not(eq(ptr, deg, NULL)));
	for (uint64_t i = 0; i < eb->count; i++) {
		deg[eb->src[i]]++;
		deg[eb->dst[i]]++;
	}
	return deg;
}

static uint64_t max_of(const uint64_t *a, uint64_t n, uint64_t *where)
{
	uint64_t best = 0;
	*where = 0;
	for (uint64_t i = 0; i < n; i++)
		if (a[i] > best) {
			best = a[i];
			*where = i;
		}
	return best;
}

typedef struct size_case {
	gen_kind kind;
	int scale;
	int edge_factor;
} size_case;

ParameterizedTestParameters(generate, push_exactly_2_to_the_scale_times_edge_factor_edges)
{
	static size_case cases[] = {
	        {KRON, 1, 1}, {KRON, 2, 3}, {KRON, 7, 1}, {KRON, 10, 16}, {KRON, 15, 5},
	        {UNI, 1, 1},  {UNI, 2, 3},  {UNI, 7, 1},  {UNI, 10, 16},  {UNI, 15, 5},
	};
	return cr_make_param_array(size_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(size_case *c, generate, push_exactly_2_to_the_scale_times_edge_factor_edges)
{
	wp_edgebuf eb;
	uint64_t n = UINT64_C(1) << c->scale;
	gen(&eb, c->kind, c->scale, c->edge_factor, 42);
	cr_assert(eq(u64, eb.count, n * (uint64_t)c->edge_factor));
	cr_assert(eq(u32, wp_labels_count(&eb.labels), (uint32_t)n));
	cr_assert(eq(ptr, eb.weights, NULL));
	for (uint64_t i = 0; i < eb.count; i++) {
		cr_assert(lt(u32, eb.src[i], (uint32_t)n), "edge %llu", (unsigned long long)i);
		cr_assert(lt(u32, eb.dst[i], (uint32_t)n), "edge %llu", (unsigned long long)i);
	}
	wp_edgebuf_free(&eb);
}

Test(generate, labels_every_vertex_with_its_decimal_id)
{
	wp_edgebuf eb;
	char text[16], err[WP_ERR_LEN] = "";
	gen(&eb, KRON, 12, 2, 7);
	for (uint32_t v = 0; v < 4096; v++) {
		snprintf(text, sizeof(text), "%u", v);
		cr_assert(eq(str, (char *)wp_labels_name(&eb.labels, v), text));
		wp_vertex id = WP_NO_VERTEX;
		cr_assert(
		        eq(int, wp_labels_lookup(&eb.labels, text, strlen(text), &id, err), WP_OK));
		cr_assert(eq(u32, id, v));
	}
	wp_edgebuf_free(&eb);
}

Test(generate, the_same_seed_reproduces_the_buffer_and_another_seed_changes_it)
{
	for (int k = KRON; k <= UNI; k++) {
		wp_edgebuf a, b, c;
		gen(&a, (gen_kind)k, 13, 8, 12345);
		gen(&b, (gen_kind)k, 13, 8, 12345);
		gen(&c, (gen_kind)k, 13, 8, 12346);
		cr_assert(same_edges(&a, &b), "kind %d: same seed, different edges", k);
		cr_assert(not(same_edges(&a, &c)), "kind %d: different seeds, same edges", k);
		/* Not merely a shifted copy: most edges differ position by position. */
		uint64_t differ = 0;
		for (uint64_t i = 0; i < a.count; i++)
			differ += a.src[i] != c.src[i] || a.dst[i] != c.dst[i];
		cr_assert(lt(u64, a.count * 9 / 10, differ), "kind %d: only %llu edges differ", k,
		          (unsigned long long)differ);
		wp_edgebuf_free(&a);
		wp_edgebuf_free(&b);
		wp_edgebuf_free(&c);
	}
}

Test(generate, gives_identical_buffers_with_1_2_4_and_7_threads)
{
	static const int threads[] = {1, 2, 4, 7};
	for (int k = KRON; k <= UNI; k++) {
		wp_edgebuf ref, eb;
		wp_set_threads(1);
		/* 2^15 * 9 edges: 18 blocks, so every thread count splits them differently. */
		gen(&ref, (gen_kind)k, 15, 9, 99);
		for (size_t t = 1; t < sizeof(threads) / sizeof(threads[0]); t++) {
			wp_set_threads(threads[t]);
			gen(&eb, (gen_kind)k, 15, 9, 99);
			cr_assert(same_edges(&ref, &eb), "kind %d: %d threads differ from 1", k,
			          threads[t]);
			wp_edgebuf_free(&eb);
		}
		wp_edgebuf_free(&ref);
	}
}

Test(generate, kronecker_has_hubs_and_uniform_does_not)
{
	const int scale = 14, edge_factor = 16;
	const uint64_t n = UINT64_C(1) << scale, mean = 2 * (uint64_t)edge_factor;
	wp_edgebuf kron, uni;
	uint64_t where = 0;
	gen(&kron, KRON, scale, edge_factor, 5);
	gen(&uni, UNI, scale, edge_factor, 5);

	uint64_t *dk = degrees(&kron, n), *du = degrees(&uni, n);
	uint64_t kron_max = max_of(dk, n, &where), uni_max = max_of(du, n, &where);
	/* R-MAT, A = 0.57: the top vertex expects degree 2m 0.76^scale, about 11,000 here. */
	cr_assert(lt(u64, 50 * mean, kron_max), "Kronecker max degree %llu",
	          (unsigned long long)kron_max);
	/* Poisson(32) over 16384 vertices: the maximum is about 60. */
	cr_assert(lt(u64, uni_max, 3 * mean), "uniform max degree %llu",
	          (unsigned long long)uni_max);
	cr_assert(lt(u64, mean, uni_max));
	/* R-MAT leaves many vertices isolated; uniform almost none (e^-32 each). */
	uint64_t kron_isolated = 0, uni_isolated = 0;
	for (uint64_t v = 0; v < n; v++) {
		kron_isolated += dk[v] == 0;
		uni_isolated += du[v] == 0;
	}
	cr_assert(lt(u64, n / 10, kron_isolated));
	cr_assert(eq(u64, uni_isolated, 0));
	free(dk);
	free(du);
	wp_edgebuf_free(&kron);
	wp_edgebuf_free(&uni);
}

Test(generate, kronecker_scrambles_ids_with_a_seeded_permutation)
{
	/* Unscrambled, R-MAT's hub is vertex 0 (the all-A corner); the permutation moves it, and
	 * a different seed moves it elsewhere. */
	const int scale = 16;
	const uint64_t n = UINT64_C(1) << scale;
	uint64_t hubs[3];
	for (int s = 0; s < 3; s++) {
		wp_edgebuf eb;
		gen(&eb, KRON, scale, 8, 1000 + (uint64_t)s);
		uint64_t *deg = degrees(&eb, n);
		max_of(deg, n, &hubs[s]);
		free(deg);
		wp_edgebuf_free(&eb);
	}
	cr_assert(not(eq(u64, hubs[0], hubs[1])));
	cr_assert(not(eq(u64, hubs[1], hubs[2])));
	cr_assert(lt(int, (hubs[0] == 0) + (hubs[1] == 0) + (hubs[2] == 0), 2));
}

Test(generate, refuses_bad_parameters_and_a_non_empty_buffer)
{
	wp_edgebuf eb = {0};
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_generate_kronecker(&eb, 0, 16, 1, err), WP_EARG));
	cr_assert(eq(str, err, "Kronecker generator: scale 0 is outside 1..31"));
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_uniform(&eb, 32, 16, 1, err), WP_EARG));
	cr_assert(eq(str, err, "uniform generator: scale 32 is outside 1..31"));
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_uniform(&eb, 4, 0, 1, err), WP_EARG));
	cr_assert(eq(str, err, "uniform generator: edge factor 0 is below 1"));
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_kronecker(&eb, 31, 1 << 20, 1, err), WP_ELIMIT));
	cr_assert(eq(str, err, "Kronecker generator: 2^31 x 1048576 edges is too many"));
	cr_assert(eq(u64, eb.count, 0));

	gen(&eb, UNI, 4, 1, 1);
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_kronecker(&eb, 4, 1, 1, err), WP_EARG));
	cr_assert(eq(str, err, "Kronecker generator: the edge buffer must be empty"));
	cr_assert(eq(u64, eb.count, 16), "the refused call left the buffer alone");
	wp_edgebuf_free(&eb);
}

static char *temp_path(void)
{
	static char path[64];
	snprintf(path, sizeof(path), "/tmp/wp_test_generate_XXXXXX");
	int fd = mkstemp(path);
	cr_assert(ge(int, fd, 0));
	close(fd);
	return path;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert(not(eq(ptr, f, NULL)));
	char *buf = malloc(1 << 16);
	*len = fread(buf, 1, (1 << 16) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

Test(generate, writer_formats_every_id_width_exactly)
{
	static const wp_vertex ids[][2] = {
	        {0, 9},
	        {10, 99},
	        {100, 999},
	        {1000, 65535},
	        {100000, 1000000},
	        {12345678, 99999999},
	        {100000000, 4294967295u},
	};
	wp_edgebuf eb = {0};
	char err[WP_ERR_LEN] = "";
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		cr_assert(eq(int, wp_edgebuf_push(&eb, ids[i][0], ids[i][1], err), WP_OK));
	char *path = temp_path();
	cr_assert(eq(int, wp_generate_write_edgelist(&eb, path, err), WP_OK), "%s", err);
	size_t len = 0;
	char *text = slurp(path, &len);
	cr_assert(eq(str, text,
	             "0 9\n10 99\n100 999\n1000 65535\n100000 1000000\n12345678 99999999\n"
	             "100000000 4294967295\n"));
	free(text);
	unlink(path);
	wp_edgebuf_free(&eb);
}

Test(generate, writer_output_reads_back_as_the_same_edges)
{
	wp_edgebuf eb, back = {0};
	wp_source src;
	wp_import_opts opts = WP_IMPORT_DEFAULTS;
	char err[WP_ERR_LEN] = "";
	/* 2^16 * 80 edges: about 12 MB of text, several of the writer's 4 MiB blocks. */
	gen(&eb, KRON, 16, 80, 3);
	char *path = temp_path();
	cr_assert(eq(int, wp_generate_write_edgelist(&eb, path, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_source_open(&src, path, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_import_edgelist(&src, &opts, &back, err), WP_OK), "%s", err);
	wp_source_close(&src);
	unlink(path);

	cr_assert(eq(u64, back.count, eb.count));
	for (uint64_t i = 0; i < eb.count; i++) {
		/* The reader numbers vertices by first appearance; the text is our id. */
		unsigned long u = strtoul(wp_labels_name(&back.labels, back.src[i]), NULL, 10);
		unsigned long v = strtoul(wp_labels_name(&back.labels, back.dst[i]), NULL, 10);
		cr_assert(eq(ulong, u, eb.src[i]), "edge %llu", (unsigned long long)i);
		cr_assert(eq(ulong, v, eb.dst[i]), "edge %llu", (unsigned long long)i);
	}
	wp_edgebuf_free(&back);
	wp_edgebuf_free(&eb);
}

Test(generate, writer_reports_an_unwritable_path)
{
	wp_edgebuf eb;
	char err[WP_ERR_LEN] = "";
	gen(&eb, UNI, 3, 1, 1);
	cr_assert(eq(int, wp_generate_write_edgelist(&eb, "/nonexistent-dir/x.el", err), WP_EIO));
	cr_assert(eq(str, err, "/nonexistent-dir/x.el: cannot write: No such file or directory"));
	wp_edgebuf_free(&eb);
}

/* ---- Barabasi-Albert, Watts-Strogatz, G(n, p) -------------------------------------------------
 */

typedef enum model_kind { BA, WS, GNP } model_kind;

/* Fills eb with model k: BA (n, a = edges per vertex), WS (n, a = k, p), GNP (n, p). */
static void gen_model(wp_edgebuf *eb, model_kind k, uint32_t n, uint32_t a, double p, uint64_t seed)
{
	char err[WP_ERR_LEN] = "";
	memset(eb, 0, sizeof(*eb));
	wp_status st = k == BA   ? wp_generate_barabasi(eb, n, a, seed, err)
	               : k == WS ? wp_generate_watts_strogatz(eb, n, a, p, seed, err)
	                         : wp_generate_gnp(eb, n, p, seed, err);
	cr_assert(eq(int, st, WP_OK), "%s", err);
	cr_assert(eq(u32, wp_labels_count(&eb->labels), n));
	for (uint64_t i = 0; i < eb->count; i++)
		cr_assert(eb->src[i] < n && eb->dst[i] < n, "edge %llu out of range",
		          (unsigned long long)i);
}

/* Builds eb (consumed) into an undirected graph. */
static void build(wp_graph *g, wp_edgebuf *eb)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_graph_build(g, eb, false, err), WP_OK), "%s", err);
}

Test(generate, barabasi_albert_pushes_n_times_m_edges_each_to_an_earlier_vertex)
{
	static const uint32_t sizes[][2] = {{1, 1}, {2, 3}, {10, 1}, {1000, 4}, {40000, 7}};
	for (size_t c = 0; c < sizeof(sizes) / sizeof(sizes[0]); c++) {
		wp_edgebuf eb;
		uint32_t n = sizes[c][0], m = sizes[c][1];
		gen_model(&eb, BA, n, m, 0, 5);
		cr_assert(eq(u64, eb.count, (uint64_t)n * m));
		for (uint64_t j = 0; j < eb.count; j++) {
			/* Edge j belongs to vertex j / m and copies an endpoint already in the
			 * list, which is that vertex or an earlier one. */
			cr_assert(eq(u32, eb.src[j], (uint32_t)(j / m)));
			cr_assert(le(u32, eb.dst[j], eb.src[j]));
		}
		wp_edgebuf_free(&eb);
	}
}

/* The fraction of vertices of degree >= k. */
static double ccdf(const wp_graph *g, uint64_t k)
{
	uint64_t count = 0;
	for (wp_vertex v = 0; v < g->n; v++)
		count += wp_graph_degree(g, v) >= k;
	return (double)count / g->n;
}

Test(generate, barabasi_albert_degrees_follow_the_models_power_law_tail)
{
	/* For the Barabasi-Albert model with m edges per vertex, P(D >= k) = m (m + 1) /
	 * (k (k + 1)) for k >= m (Bollobas, Riordan, Spencer and Tusnady, Random Structures &
	 * Algorithms 18(3), 2001): a k^-2 tail of the CCDF, a k^-3 density. 200,000 vertices
	 * leave thousands of vertices above 8m, so the counts are well inside 20%. */
	wp_edgebuf eb;
	wp_graph g = {0};
	uint32_t m = 4;
	gen_model(&eb, BA, 200000, m, 0, 11);
	build(&g, &eb);
	static const uint64_t ks[] = {8, 16, 32, 64};
	for (size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		double k = (double)ks[i], want = m * (m + 1.0) / (k * (k + 1.0));
		double got = ccdf(&g, ks[i]);
		cr_assert(ge(dbl, got, want * 0.8), "P(D >= %g) = %g, the model's %g", k, got,
		          want);
		cr_assert(le(dbl, got, want * 1.2), "P(D >= %g) = %g, the model's %g", k, got,
		          want);
	}
	/* The slope of the CCDF between 16 and 64 is about -2 on a log-log plot. */
	double slope = log(ccdf(&g, 16) / ccdf(&g, 64)) / log(4.0);
	cr_assert(ge(dbl, slope, 1.7), "slope %g", slope);
	cr_assert(le(dbl, slope, 2.3), "slope %g", slope);
	/* Hubs: the oldest vertices grow like m sqrt(n / i); a G(n, p) of this mean has none
	 * above about 30. */
	uint64_t top = 0;
	for (wp_vertex v = 0; v < g.n; v++)
		top = wp_graph_degree(&g, v) > top ? wp_graph_degree(&g, v) : top;
	cr_assert(lt(u64, 500, top));
	wp_graph_free(&g);
}

Test(generate, watts_strogatz_without_rewiring_is_the_ring_lattice)
{
	wp_edgebuf eb;
	wp_graph g = {0};
	uint32_t n = 1000, k = 6;
	gen_model(&eb, WS, n, k, 0.0, 3);
	cr_assert(eq(u64, eb.count, (uint64_t)n * k / 2));
	build(&g, &eb);
	cr_assert(eq(u64, wp_graph_edges(&g), (uint64_t)n * k / 2));
	for (wp_vertex v = 0; v < n; v++) {
		cr_assert(eq(u64, wp_graph_degree(&g, v), k));
		for (uint32_t d = 1; d <= k / 2; d++)
			cr_assert(not(eq(u64, wp_graph_find_arc(&g, v, (v + d) % n), UINT64_MAX)));
	}
	wp_graph_free(&g);
}

Test(generate, watts_strogatz_rewires_about_p_of_the_edges_and_keeps_degrees_near_k)
{
	wp_edgebuf eb;
	wp_graph g = {0};
	uint32_t n = 100000, k = 10;
	double p = 0.2;
	gen_model(&eb, WS, n, k, p, 8);
	uint64_t m = eb.count, moved = 0;
	cr_assert(eq(u64, m, (uint64_t)n * k / 2));
	for (uint64_t e = 0; e < m; e++) {
		uint32_t v = eb.src[e], d = (uint32_t)(e % (k / 2)) + 1;
		cr_assert(eq(u32, v, (uint32_t)(e / (k / 2))));
		cr_assert(not(eq(u32, eb.dst[e], v)), "a self-loop");
		moved += eb.dst[e] != (v + d) % n;
	}
	/* Rewired ~ Binomial(m, p (n - 2) / (n - 1)): within 5 standard deviations. */
	double mean = m * p, sd = sqrt(m * p * (1 - p));
	cr_assert(lt(dbl, fabs((double)moved - mean), 5 * sd), "%llu rewired of %llu",
	          (unsigned long long)moved, (unsigned long long)m);
	build(&g, &eb);
	double avg = 2.0 * wp_graph_edges(&g) / n;
	cr_assert(lt(dbl, k - 0.01, avg), "mean degree %g", avg); /* few repeats merged */
	cr_assert(le(dbl, avg, k));
	for (wp_vertex v = 0; v < n; v++)
		cr_assert(ge(u64, wp_graph_degree(&g, v), k / 2 - 1), "vertex %u", v);
	wp_graph_free(&g);
}

Test(generate, gnp_edge_count_and_mean_degree_are_within_a_few_standard_deviations)
{
	static const struct {
		uint32_t n;
		double p;
	} cases[] = {{2000, 0.01}, {50000, 0.0002}, {3000, 0.5}, {300000, 1e-5}};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		wp_edgebuf eb;
		wp_graph g = {0};
		uint32_t n = cases[c].n;
		double p = cases[c].p, pairs = (double)n * (n - 1) / 2;
		gen_model(&eb, GNP, n, 0, p, 21 + c);
		uint64_t m = eb.count, low = 0;
		for (uint64_t i = 0; i < m; i++) {
			cr_assert(lt(u32, eb.dst[i], eb.src[i]), "pair %llu not (larger, smaller)",
			          (unsigned long long)i);
			low += eb.src[i] < n / 2;
		}
		double sd = sqrt(pairs * p * (1 - p));
		cr_assert(lt(dbl, fabs((double)m - pairs * p), 5 * sd), "n %u p %g: %llu edges", n,
		          p, (unsigned long long)m);
		/* Uniform over the pairs: those inside the first half are about a quarter. */
		double q = (n / 2.0) * (n / 2.0 - 1) / 2 / pairs;
		cr_assert(lt(dbl, fabs((double)low - m * q), 5 * sqrt(m * q * (1 - q)) + 1),
		          "n %u: %llu of %llu edges in the first half", n, (unsigned long long)low,
		          (unsigned long long)m);
		build(&g, &eb);
		cr_assert(eq(u64, wp_graph_edges(&g), m), "G(n, p) has no repeats or self-loops");
		cr_assert(eq(u64, g.self_loops_removed + g.multi_edges_merged, 0));
		double mean = 2.0 * m / n, want = p * (n - 1);
		cr_assert(lt(dbl, fabs(mean - want), 5 * 2 * sd / n), "mean degree %g, want %g",
		          mean, want);
		wp_graph_free(&g);
	}
}

Test(generate, gnp_with_p_1_is_complete_and_with_p_0_empty)
{
	wp_edgebuf eb;
	wp_graph g = {0};
	gen_model(&eb, GNP, 300, 0, 1.0, 1);
	cr_assert(eq(u64, eb.count, 300 * 299 / 2));
	build(&g, &eb);
	for (wp_vertex v = 0; v < g.n; v++)
		cr_assert(eq(u64, wp_graph_degree(&g, v), 299));
	wp_graph_free(&g);
	gen_model(&eb, GNP, 300, 0, 0.0, 1);
	cr_assert(eq(u64, eb.count, 0));
	wp_edgebuf_free(&eb);
	gen_model(&eb, GNP, 1, 0, 0.5, 1);
	cr_assert(eq(u64, eb.count, 0));
	wp_edgebuf_free(&eb);
}

Test(generate, models_reproduce_their_seed_whatever_the_thread_count)
{
	static const int threads[] = {1, 2, 4, 7};
	for (int k = BA; k <= GNP; k++) {
		wp_edgebuf ref, eb, other;
		uint32_t n = 60000;
		uint32_t a = k == BA ? 3 : 8;
		double p = k == WS ? 0.3 : k == GNP ? 0.004 : 0;
		wp_set_threads(1);
		gen_model(&ref, (model_kind)k, n, a, p, 77);
		for (size_t t = 1; t < sizeof(threads) / sizeof(threads[0]); t++) {
			wp_set_threads(threads[t]);
			gen_model(&eb, (model_kind)k, n, a, p, 77);
			cr_assert(same_edges(&ref, &eb), "model %d: %d threads differ from 1", k,
			          threads[t]);
			wp_edgebuf_free(&eb);
		}
		gen_model(&other, (model_kind)k, n, a, p, 78);
		cr_assert(not(same_edges(&ref, &other)), "model %d: another seed, same edges", k);
		wp_edgebuf_free(&other);
		wp_edgebuf_free(&ref);
	}
}

Test(generate, models_refuse_bad_parameters_and_leave_a_full_buffer_alone)
{
	wp_edgebuf eb = {0};
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_generate_barabasi(&eb, 10, 0, 1, err), WP_EARG));
	cr_assert(eq(str, err, "Barabasi-Albert generator: 0 edges per vertex is outside 1..1024"));
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_barabasi(&eb, 0, 2, 1, err), WP_EARG));
	cr_assert(eq(str, err, "Barabasi-Albert generator: 0 vertices is outside 1..2147483648"));
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_watts_strogatz(&eb, 10, 3, 0.1, 1, err), WP_EARG));
	cr_assert(eq(str, err,
	             "Watts-Strogatz generator: k = 3 must be even, at least 2 and below n = 10"));
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_watts_strogatz(&eb, 10, 4, 1.5, 1, err), WP_EARG));
	cr_assert(eq(str, err, "Watts-Strogatz generator: p = 1.5 is outside [0, 1]"));
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_gnp(&eb, 10, -0.1, 1, err), WP_EARG));
	cr_assert(eq(str, err, "G(n, p) generator: p = -0.1 is outside [0, 1]"));
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_gnp(&eb, 2000000000u, 0.5, 1, err), WP_ELIMIT));
	cr_assert(eq(u64, eb.count, 0));

	gen_model(&eb, WS, 10, 2, 0.5, 1);
	err[0] = '\0';
	cr_assert(eq(int, wp_generate_gnp(&eb, 10, 0.5, 1, err), WP_EARG));
	cr_assert(eq(str, err, "G(n, p) generator: the edge buffer must be empty"));
	cr_assert(eq(u64, eb.count, 10), "the refused call left the buffer alone");
	wp_edgebuf_free(&eb);
}

Test(generate, snapshot_writer_round_trips_the_built_graph)
{
	wp_edgebuf eb, again;
	wp_graph built = {0}, loaded = {0};
	char err[WP_ERR_LEN] = "";
	gen_model(&eb, BA, 5000, 3, 0, 4);
	gen_model(&again, BA, 5000, 3, 0, 4);
	char *path = temp_path();
	cr_assert(eq(int, wp_generate_write_snapshot(&eb, path, err), WP_OK), "%s", err);
	cr_assert(eq(u64, eb.count, 0), "the buffer is consumed");
	cr_assert(eq(int, wp_snapshot_load(&loaded, path, err), WP_OK), "%s", err);
	build(&built, &again);
	cr_assert(eq(u32, loaded.n, built.n));
	cr_assert(eq(u64, loaded.m, built.m));
	cr_assert(eq(int, memcmp(loaded.offsets, built.offsets, (built.n + 1) * sizeof(uint64_t)),
	             0));
	cr_assert(eq(int, memcmp(loaded.targets, built.targets, built.m * sizeof(wp_vertex)), 0));
	wp_graph_free(&loaded);
	wp_graph_free(&built);
	unlink(path);
}
