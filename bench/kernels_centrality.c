/* kernels_centrality.c - the bench's centrality kernels (see kernels.h): exact and approximate
 * betweenness, closeness, harmonic centrality, PageRank and coreness, each beside igraph's.
 *
 * igraph runs every source serially, so on a big graph its all-source kernels would take hours:
 * there the baseline runs from in->sample sources (or on in->sample vertices) drawn from the
 * largest component and is scaled by n / sample, which is fair because each source costs one
 * search of the component, and the note says so. Small graphs (at most BENCH_SMALL_EDGES edges)
 * run igraph on everything, and the results are compared value by value.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/kernels.h"
#include "engine/igraph_bridge.h"
#include "queries/betweenness.h"
#include "queries/closeness.h"
#include "queries/pagerank.h"
#include "queries/structure.h"

#define REL_TOL 1e-9

/* Shared state: our last values, and igraph's on the checked vertices or sources. */
typedef struct cent_state {
	double *ours;     /* n */
	double *ref;      /* igraph's values (n on small graphs) */
	wp_vertex *picks; /* the sampled vertices or sources */
	uint32_t npicks;
	bool have_ref;
	wp_closeness clo;
} cent_state;

static bool close_enough(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= REL_TOL * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static wp_status cent_setup(void *st_, bench_input *in, char *err)
{
	cent_state *s = st_;
	uint32_t n = in->g->n;
	s->ours = calloc((size_t)n + 1, sizeof(*s->ours));
	s->ref = calloc((size_t)n + 1, sizeof(*s->ref));
	s->npicks = in->sample < in->pool_len ? in->sample : in->pool_len;
	s->picks = malloc(((size_t)s->npicks + 1) * sizeof(*s->picks));
	if (!s->ours || !s->ref || !s->picks)
		return wp_error(err, WP_ENOMEM, "cannot allocate %u values", n);
	/* Distinct picks: a source listed twice would count twice in betweenness_subset. */
	uint32_t got = 0;
	for (uint64_t i = 0; got < s->npicks; i++) {
		wp_vertex v = bench_input_pick(in, 3, i);
		bool seen = false;
		for (uint32_t j = 0; j < got && !seen; j++)
			seen = s->picks[j] == v;
		if (!seen)
			s->picks[got++] = v;
	}
	return WP_OK;
}

static void cent_cleanup(void *st_)
{
	cent_state *s = st_;
	free(s->ours), free(s->ref), free(s->picks);
	wp_closeness_free(&s->clo);
}

/* igraph on the vertex ids picks[0 .. count) as an igraph_vs_t view. */
static igraph_vs_t picks_vs(igraph_vector_int_t *view, const cent_state *s)
{
	igraph_vector_int_init(view, s->npicks);
	for (uint32_t i = 0; i < s->npicks; i++)
		VECTOR(*view)[i] = s->picks[i];
	return igraph_vss_vector(view);
}

/* ---- bc: exact betweenness --------------------------------------------------------------------
 */

static wp_status bc_run(void *st_, bench_input *in, int threads, uint32_t trial, double *seconds,
                        uint64_t *edges, char *err)
{
	cent_state *s = st_;
	(void)trial;
	wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
	o.threads = threads;
	double t0 = bench_now();
	wp_status st = wp_betweenness_exact_opts(in->g, &o, s->ours, err);
	*seconds = bench_now() - t0;
	*edges = 0;
	return st;
}

static wp_status bc_baseline(void *st_, bench_input *in, uint32_t trial, double *seconds,
                             char *note, size_t note_len, char *err)
{
	wp_status st = WP_OK;
	cent_state *s = st_;
	(void)trial;
	const igraph_t *ig = NULL;
	igraph_vector_t res;
	igraph_vector_int_t view;
	bool have_res = false, have_view = false;
	WP_TRY(bench_input_igraph(in, &ig, err));
	WP_IGRAPH_TRY(igraph_vector_init(&res, 0));
	have_res = true;
	double t0 = bench_now();
	if (in->small) {
		WP_IGRAPH_TRY(igraph_betweenness(ig, &res, igraph_vss_all(), true, NULL));
		*seconds = bench_now() - t0;
		snprintf(note, note_len, "igraph_betweenness, all sources");
	} else {
		igraph_vs_t sources = picks_vs(&view, s);
		have_view = true;
		t0 = bench_now();
		WP_IGRAPH_TRY(igraph_betweenness_subset(ig, &res, igraph_vss_all(), true, sources,
		                                        igraph_vss_all(), NULL));
		*seconds = (bench_now() - t0) * in->g->n / s->npicks;
		snprintf(note, note_len, "igraph_betweenness_subset from %u sources, scaled x n/%u",
		         s->npicks, s->npicks);
	}
	for (uint32_t v = 0; v < in->g->n; v++)
		s->ref[v] = VECTOR(res)[v];
	s->have_ref = true;
fail:
	if (have_res)
		igraph_vector_destroy(&res);
	if (have_view)
		igraph_vector_int_destroy(&view);
	return st;
}

static wp_status bc_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	wp_status st = WP_OK;
	cent_state *s = st_;
	double *sub = NULL;
	const double *mine = s->ours;
	if (!s->have_ref) {
		double sec;
		char note[160];
		WP_TRY(bc_baseline(st_, in, 0, &sec, note, sizeof(note), err));
	}
	if (!in->small) {
		/* Compare like with like: ours from the same sampled sources. */
		sub = malloc((size_t)in->g->n * sizeof(*sub));
		if (sub == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %u values", in->g->n);
		wp_betweenness_opts o = WP_BETWEENNESS_DEFAULTS;
		o.sources = s->picks;
		o.source_count = s->npicks;
		WP_TRY(wp_betweenness_exact_opts(in->g, &o, sub, err));
		mine = sub;
	}
	uint32_t differ = 0;
	for (uint32_t v = 0; v < in->g->n; v++)
		differ += !close_enough(mine[v], s->ref[v]);
	chk->verdict = differ ? BENCH_FAILED : BENCH_VERIFIED;
	snprintf(chk->how, sizeof(chk->how), "%s (%u of %u vertices differ beyond 1e-9)",
	         in->small ? "= igraph_betweenness" : "from the sampled sources = igraph's subset",
	         differ, in->g->n);
fail:
	free(sub);
	return st;
}

const bench_kernel bench_kernel_bc = {"bc",
                                      "exact betweenness (Brandes), every source",
                                      sizeof(cent_state),
                                      cent_setup,
                                      bc_run,
                                      bc_baseline,
                                      bc_verify,
                                      cent_cleanup};

/* ---- bc-approx: KADABRA ------------------------------------------------------------------------
 */

static wp_status bca_run(void *st_, bench_input *in, int threads, uint32_t trial, double *seconds,
                         uint64_t *edges, char *err)
{
	cent_state *s = st_;
	(void)trial;
	wp_kadabra_opts o = WP_KADABRA_DEFAULTS;
	o.eps = in->eps;
	o.seed = in->seed;
	o.threads = threads;
	double t0 = bench_now();
	wp_status st = wp_betweenness_approx_opts(in->g, &o, s->ours, NULL, err);
	*seconds = bench_now() - t0;
	*edges = 0;
	return st;
}

static wp_status bca_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	wp_status st = WP_OK;
	cent_state *s = st_;
	const igraph_t *ig = NULL;
	igraph_vector_t res;
	bool have_res = false;
	uint32_t n = in->g->n, out = 0;
	for (uint32_t v = 0; v < n; v++)
		out += !(s->ours[v] >= 0.0 && s->ours[v] <= 1.0);
	if (!in->small || out) {
		chk->verdict = out ? BENCH_FAILED : BENCH_UNCHECKED;
		snprintf(chk->how, sizeof(chk->how),
		         "%u estimates outside [0, 1]; exact values too costly to compare", out);
		return WP_OK;
	}
	/* KADABRA's guarantee: |estimate - B(v) / (n (n - 1))| <= eps for the ordered sum, with
	 * probability 1 - delta (0.1); igraph's undirected B counts each pair once. */
	WP_TRY(bench_input_igraph(in, &ig, err));
	WP_IGRAPH_TRY(igraph_vector_init(&res, 0));
	have_res = true;
	WP_IGRAPH_TRY(igraph_betweenness(ig, &res, igraph_vss_all(), true, NULL));
	double scale = n > 1 ? (in->g->directed ? 1.0 : 2.0) / ((double)n * (n - 1)) : 0.0,
	       worst = 0;
	for (uint32_t v = 0; v < n; v++)
		worst = fmax(worst, fabs(s->ours[v] - VECTOR(res)[v] * scale));
	chk->verdict = worst <= in->eps ? BENCH_VERIFIED : BENCH_FAILED;
	snprintf(chk->how, sizeof(chk->how),
	         "largest error %.2g against igraph_betweenness (eps %g)", worst, in->eps);
fail:
	if (have_res)
		igraph_vector_destroy(&res);
	return st;
}

const bench_kernel bench_kernel_bc_approx = {
        "bc-approx",
        "betweenness within eps (KADABRA, eps 0.01, delta 0.1); igraph has none",
        sizeof(cent_state),
        cent_setup,
        bca_run,
        NULL,
        bca_verify,
        cent_cleanup};

/* ---- closeness and harmonic: one multi-source BFS gives both -----------------------------------
 */

static wp_status clo_run(void *st_, bench_input *in, int threads, uint32_t trial, double *seconds,
                         uint64_t *edges, char *err)
{
	cent_state *s = st_;
	(void)trial;
	wp_closeness_free(&s->clo);
	wp_closeness_opts o = WP_CLOSENESS_DEFAULTS;
	o.threads = threads;
	double t0 = bench_now();
	wp_status st = wp_closeness_compute_opts(in->g, &o, &s->clo, err);
	*seconds = bench_now() - t0;
	*edges = 0;
	return st;
}

/* igraph's closeness or harmonic on every vertex (small graphs) or the sample, into ref. */
static wp_status clo_igraph(cent_state *s, bench_input *in, bool harmonic, double *seconds,
                            char *note, size_t note_len, char *err)
{
	wp_status st = WP_OK;
	const igraph_t *ig = NULL;
	igraph_vector_t res;
	igraph_vector_int_t view;
	bool have_res = false, have_view = false;
	WP_TRY(bench_input_igraph(in, &ig, err));
	WP_IGRAPH_TRY(igraph_vector_init(&res, 0));
	have_res = true;
	igraph_vs_t vids = igraph_vss_all();
	if (!in->small) {
		vids = picks_vs(&view, s);
		have_view = true;
	}
	double t0 = bench_now();
	if (harmonic)
		WP_IGRAPH_TRY(igraph_harmonic_centrality(ig, &res, vids, IGRAPH_OUT, NULL, false));
	else
		WP_IGRAPH_TRY(
		        igraph_closeness(ig, &res, NULL, NULL, vids, IGRAPH_OUT, NULL, false));
	double t = bench_now() - t0;
	const char *fn = harmonic ? "igraph_harmonic_centrality" : "igraph_closeness";
	if (in->small) {
		*seconds = t;
		snprintf(note, note_len, "%s, every vertex", fn);
		for (uint32_t v = 0; v < in->g->n; v++)
			s->ref[v] = VECTOR(res)[v];
	} else {
		*seconds = t * in->g->n / s->npicks;
		snprintf(note, note_len, "%s on %u vertices, scaled x n/%u", fn, s->npicks,
		         s->npicks);
		for (uint32_t i = 0; i < s->npicks; i++)
			s->ref[i] = VECTOR(res)[i];
	}
	s->have_ref = true;
fail:
	if (have_res)
		igraph_vector_destroy(&res);
	if (have_view)
		igraph_vector_int_destroy(&view);
	return st;
}

static wp_status clo_verify_one(cent_state *s, bench_input *in, bool harmonic, bench_check *chk,
                                char *err)
{
	if (!s->have_ref) {
		double sec;
		char note[160];
		wp_status st = clo_igraph(s, in, harmonic, &sec, note, sizeof(note), err);
		if (st != WP_OK)
			return st;
	}
	const double *mine = harmonic ? s->clo.harmonic : s->clo.closeness;
	uint32_t count = in->small ? in->g->n : s->npicks, differ = 0;
	for (uint32_t i = 0; i < count; i++)
		differ += !close_enough(mine[in->small ? i : s->picks[i]], s->ref[i]);
	chk->verdict = differ ? BENCH_FAILED : BENCH_VERIFIED;
	snprintf(chk->how, sizeof(chk->how), "= igraph's on %u vertices (%u differ beyond 1e-9)",
	         count, differ);
	return WP_OK;
}

static wp_status clo_baseline(void *st_, bench_input *in, uint32_t trial, double *seconds,
                              char *note, size_t note_len, char *err)
{
	(void)trial;
	return clo_igraph(st_, in, false, seconds, note, note_len, err);
}

static wp_status clo_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	return clo_verify_one(st_, in, false, chk, err);
}

static wp_status har_baseline(void *st_, bench_input *in, uint32_t trial, double *seconds,
                              char *note, size_t note_len, char *err)
{
	(void)trial;
	return clo_igraph(st_, in, true, seconds, note, note_len, err);
}

static wp_status har_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	return clo_verify_one(st_, in, true, chk, err);
}

const bench_kernel bench_kernel_closeness = {
        "closeness",
        "exact closeness, every vertex (MS-BFS; computes harmonic too)",
        sizeof(cent_state),
        cent_setup,
        clo_run,
        clo_baseline,
        clo_verify,
        cent_cleanup};

const bench_kernel bench_kernel_harmonic = {
        "harmonic",
        "exact harmonic centrality, every vertex (the same MS-BFS as closeness)",
        sizeof(cent_state),
        cent_setup,
        clo_run,
        har_baseline,
        har_verify,
        cent_cleanup};

/* ---- pagerank -----------------------------------------------------------------------------------
 */

static wp_status pr_run(void *st_, bench_input *in, int threads, uint32_t trial, double *seconds,
                        uint64_t *edges, char *err)
{
	cent_state *s = st_;
	(void)trial;
	wp_pagerank_opts o = WP_PAGERANK_DEFAULTS;
	o.threads = threads;
	double t0 = bench_now();
	wp_status st = wp_pagerank_compute_opts(in->g, &o, s->ours, NULL, err);
	*seconds = bench_now() - t0;
	*edges = 0;
	return st;
}

static wp_status pr_baseline(void *st_, bench_input *in, uint32_t trial, double *seconds,
                             char *note, size_t note_len, char *err)
{
	wp_status st = WP_OK;
	cent_state *s = st_;
	(void)trial;
	const igraph_t *ig = NULL;
	igraph_vector_t res;
	bool have_res = false;
	igraph_real_t value = 0;
	WP_TRY(bench_input_igraph(in, &ig, err));
	WP_IGRAPH_TRY(igraph_vector_init(&res, 0));
	have_res = true;
	double t0 = bench_now();
	WP_IGRAPH_TRY(igraph_pagerank(ig, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value,
	                              igraph_vss_all(), true, 0.85, NULL, NULL));
	*seconds = bench_now() - t0;
	snprintf(note, note_len, "igraph_pagerank (PRPACK, tolerance 1e-10; ours 1e-8)");
	for (uint32_t v = 0; v < in->g->n; v++)
		s->ref[v] = VECTOR(res)[v];
	s->have_ref = true;
fail:
	if (have_res)
		igraph_vector_destroy(&res);
	return st;
}

static wp_status pr_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	cent_state *s = st_;
	if (!s->have_ref) {
		double sec;
		char note[160];
		wp_status st = pr_baseline(st_, in, 0, &sec, note, sizeof(note), err);
		if (st != WP_OK)
			return st;
	}
	/* At tolerance 1e-8 the distance to the exact vector is below 1e-8 x 0.85 / 0.15. */
	double l1 = 0;
	for (uint32_t v = 0; v < in->g->n; v++)
		l1 += fabs(s->ours[v] - s->ref[v]);
	chk->verdict = l1 <= 1e-6 ? BENCH_VERIFIED : BENCH_FAILED;
	snprintf(chk->how, sizeof(chk->how), "L1 distance to PRPACK %.2g (at most 1e-6)", l1);
	return WP_OK;
}

const bench_kernel bench_kernel_pagerank = {"pagerank",
                                            "PageRank, damping 0.85, tolerance 1e-8 (L1 change)",
                                            sizeof(cent_state),
                                            cent_setup,
                                            pr_run,
                                            pr_baseline,
                                            pr_verify,
                                            cent_cleanup};

/* ---- coreness: ours is igraph's behind the bridge, so the ratio shows the conversion's cost ----
 */

static wp_status core_run(void *st_, bench_input *in, int threads, uint32_t trial, double *seconds,
                          uint64_t *edges, char *err)
{
	cent_state *s = st_;
	(void)threads, (void)trial;
	uint32_t *cores = (uint32_t *)s->ours; /* n doubles hold n uint32 */
	double t0 = bench_now();
	wp_status st = wp_structure_coreness(in->g, WP_STRUCTURE_ALL, cores, err);
	*seconds = bench_now() - t0;
	*edges = 0;
	return st;
}

static wp_status core_baseline(void *st_, bench_input *in, uint32_t trial, double *seconds,
                               char *note, size_t note_len, char *err)
{
	wp_status st = WP_OK;
	cent_state *s = st_;
	(void)trial;
	const igraph_t *ig = NULL;
	igraph_vector_int_t cores;
	bool have = false;
	WP_TRY(bench_input_igraph(in, &ig, err));
	WP_IGRAPH_TRY(igraph_vector_int_init(&cores, 0));
	have = true;
	double t0 = bench_now();
	WP_IGRAPH_TRY(igraph_coreness(ig, &cores, IGRAPH_ALL));
	*seconds = bench_now() - t0;
	snprintf(note, note_len, "igraph_coreness (ours converts and calls it)");
	for (uint32_t v = 0; v < in->g->n; v++)
		s->ref[v] = (double)VECTOR(cores)[v];
	s->have_ref = true;
fail:
	if (have)
		igraph_vector_int_destroy(&cores);
	return st;
}

static wp_status core_verify(void *st_, bench_input *in, bench_check *chk, char *err)
{
	cent_state *s = st_;
	const wp_graph *g = in->g;
	const uint32_t *cores = (const uint32_t *)s->ours;
	(void)err;
	/* The k-core property: v has at least cores[v] neighbours of coreness >= cores[v]. */
	uint32_t bad = 0, differ = 0;
	for (wp_vertex v = 0; v < g->n; v++) {
		uint64_t up = 0;
		for (uint64_t e = g->offsets[v]; e < g->offsets[v + 1]; e++)
			up += cores[g->targets[e]] >= cores[v];
		for (uint64_t e = g->in_offsets[v]; g->directed && e < g->in_offsets[v + 1]; e++)
			up += cores[g->in_targets[e]] >= cores[v];
		bad += up < cores[v];
		differ += s->have_ref && (double)cores[v] != s->ref[v];
	}
	chk->verdict = bad || differ ? BENCH_FAILED : BENCH_VERIFIED;
	snprintf(chk->how, sizeof(chk->how), "k-core property (%u fail); %s (%u differ)", bad,
	         s->have_ref ? "= igraph_coreness" : "no igraph run", differ);
	return WP_OK;
}

const bench_kernel bench_kernel_coreness = {
        "coreness",         "k-core number of every vertex (igraph's, through the bridge)",
        sizeof(cent_state), cent_setup,
        core_run,           core_baseline,
        core_verify,        cent_cleanup};
