/* recruit_imm.c - influence maximisation under the independent cascade model: IMM, and the
 * Monte-Carlo estimate of a seed set's spread.
 *
 * IMM (Tang, Shi & Xiao, SIGMOD 2015). A random reverse-reachable (RR) set is the set of vertices
 * that reach a uniformly random root along a random live-arc graph (each arc u -> v live with
 * probability p(u, v)), found by a reverse BFS that flips each in-arc's coin as it meets it. For
 * any S, n x Pr[S meets a random RR set] is S's expected spread, so greedy maximum coverage of
 * many RR sets (NodeSelection) approximates the best S. With n vertices, c candidates, k seeds
 * and l <- l (1 + ln 2 / ln n):
 *   eps' = sqrt(2) eps,
 *   lambda' = (2 + 2 eps' / 3) (ln C(c, k) + l ln n + ln log2 n) n / eps'^2          (eq. 9)
 *   for i = 1 .. log2(n) - 1: x = n / 2^i, sample up to lambda' / x RR sets, S_i =
 *     NodeSelection; if n F(S_i) >= (1 + eps') x then LB = n F(S_i) / (1 + eps') and stop
 *     (LB = 1 if no i succeeds)                                                  (Algorithm 2)
 *   alpha = sqrt(l ln n + ln 2), beta = sqrt((1 - 1/e) (ln C(c, k) + l ln n + ln 2)),
 *   lambda* = 2 n ((1 - 1/e) alpha + beta)^2 / eps^2, theta = lambda* / LB         (eq. 6)
 * and NodeSelection over theta RR sets returns S with spread >= (1 - 1/e - eps) OPT with
 * probability >= 1 - 1/n^l (Theorem 3). As Chen ("An issue in the martingale analysis of the
 * influence maximization algorithm IMM", 2018) shows, reusing the sampling phase's sets in the
 * final selection breaks the martingale argument; his fix, followed here, draws the theta final
 * sets afresh. Using only candidates in NodeSelection replaces C(n, k) by C(c, k): the guarantee
 * is then against the best k candidates.
 *
 * Determinism: RR set i of phase f and cascade i draw from a splitmix64 stream keyed by (seed,
 * f, i); sets are generated in parallel in fixed chunks and concatenated in index order, and
 * NodeSelection is serial with ties to the lowest vertex id, so the result does not depend on
 * the thread count.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"
#include "queries/recruit.h"

#define CHUNK 2048 /* RR sets per parallel work unit */
#define DEFAULT_MAX_RR (1ull << 32)

/* ---- random streams ----------------------------------------------------------------------- */

static inline uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

typedef struct rng {
	uint64_t x;
} rng;

static inline rng stream(uint64_t seed, uint64_t phase, uint64_t i)
{
	return (rng){
	        mix(mix(seed ^ 0x6a09e667f3bcc909ull) + mix(phase * 0x9e3779b97f4a7c15ull + i))};
}

static inline uint64_t next64(rng *r)
{
	return mix(r->x += 0x9e3779b97f4a7c15ull);
}

static inline double uniform(rng *r)
{
	return (double)(next64(r) >> 11) * 0x1.0p-53;
}

static inline uint32_t below(rng *r, uint32_t n)
{
	__extension__ typedef unsigned __int128 u128;
	return (uint32_t)(((u128)next64(r) * n) >> 64);
}

/* ---- RR sets -------------------------------------------------------------------------------- */

/* A growable list of RR sets in CSR form (only candidate vertices are stored). */
typedef struct rrsets {
	uint64_t count;
	uint64_t *off; /* count + 1 */
	wp_vertex *v;
	uint64_t cap_sets, cap_v;
} rrsets;

static void rr_free(rrsets *r)
{
	free(r->off);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static bool rr_reserve(rrsets *r, uint64_t sets, uint64_t verts)
{
	if (sets + 1 > r->cap_sets) {
		uint64_t c = r->cap_sets ? r->cap_sets : 1024;
		while (c < sets + 1)
			c *= 2;
		uint64_t *o = realloc(r->off, c * sizeof(*o));
		if (o == NULL)
			return false;
		if (r->cap_sets == 0)
			o[0] = 0;
		r->off = o;
		r->cap_sets = c;
	}
	if (verts > r->cap_v) {
		uint64_t c = r->cap_v ? r->cap_v : 4096;
		while (c < verts)
			c *= 2;
		wp_vertex *v = realloc(r->v, c * sizeof(*v));
		if (v == NULL)
			return false;
		r->v = v;
		r->cap_v = c;
	}
	return true;
}

typedef struct ctx {
	const wp_graph *g;
	const wp_imm_opts *o;
	const uint8_t *is_cand; /* NULL: every vertex */
} ctx;

typedef struct tscratch {
	uint32_t *stamp;
	wp_vertex *queue;
	uint32_t gen;
	rrsets out; /* the chunk being built */
} tscratch;

static inline uint32_t next_gen(tscratch *t, uint32_t n)
{
	if (++t->gen == 0) {
		memset(t->stamp, 0, (size_t)n * sizeof(*t->stamp));
		t->gen = 1;
	}
	return t->gen;
}

/* Appends RR set `index` of `phase` to t->out; false if memory ran out. */
static bool rr_one(const ctx *c, uint64_t phase, uint64_t index, tscratch *t)
{
	const wp_graph *g = c->g;
	rng r = stream(c->o->seed, phase, index);
	uint32_t gen = next_gen(t, g->n);
	wp_vertex root = below(&r, g->n);
	size_t head = 0, tail = 0;
	t->stamp[root] = gen;
	t->queue[tail++] = root;
	while (head < tail) {
		wp_vertex x = t->queue[head++];
		for (uint64_t a = g->in_offsets[x]; a < g->in_offsets[x + 1]; a++) {
			wp_vertex u = g->in_targets[a];
			double p = c->o->use_weights ? (double)g->in_weights[a] : c->o->p;
			if (t->stamp[u] == gen || uniform(&r) >= p)
				continue;
			t->stamp[u] = gen;
			t->queue[tail++] = u;
		}
	}
	rrsets *o = &t->out;
	if (!rr_reserve(o, o->count + 1, o->off[o->count] + tail))
		return false;
	uint64_t w = o->off[o->count];
	for (size_t i = 0; i < tail; i++)
		if (c->is_cand == NULL || c->is_cand[t->queue[i]])
			o->v[w++] = t->queue[i];
	o->off[++o->count] = w;
	return true;
}

/* Extends R (holding sets 0 .. R->count of phase) to `want` sets, in parallel. */
static wp_status rr_extend(const ctx *c, uint64_t phase, rrsets *R, uint64_t want, tscratch *ts,
                           int threads, char *err)
{
	wp_status st = WP_OK;
	uint64_t from = R->count;
	if (want <= from)
		return WP_OK;
	uint64_t chunks = (want - from + CHUNK - 1) / CHUNK;
	rrsets *parts = calloc(chunks, sizeof(*parts));
	int failed = 0;
	if (parts == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %llu RR set chunks",
		        (unsigned long long)chunks);

#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) reduction(| : failed)
	for (uint64_t k = 0; k < chunks; k++) {
		tscratch *t = &ts[wp_thread_id()];
		t->out = (rrsets){0};
		if (!rr_reserve(&t->out, CHUNK, 4 * (uint64_t)CHUNK)) {
			failed = 1;
			continue;
		}
		uint64_t lo = from + k * CHUNK, hi = lo + CHUNK < want ? lo + CHUNK : want;
		for (uint64_t i = lo; i < hi && !failed; i++)
			failed |= !rr_one(c, phase, i, t);
		parts[k] = t->out;
		t->out = (rrsets){0};
	}
	uint64_t sets = R->count, verts = R->count ? R->off[R->count] : 0;
	for (uint64_t k = 0; k < chunks; k++)
		sets += parts[k].count, verts += parts[k].count ? parts[k].off[parts[k].count] : 0;
	if (failed || !rr_reserve(R, sets, verts))
		WP_FAIL(WP_ENOMEM, "cannot allocate %llu RR sets", (unsigned long long)want);
	for (uint64_t k = 0; k < chunks; k++) {
		uint64_t base = R->off[R->count],
		         len = parts[k].count ? parts[k].off[parts[k].count] : 0;
		memcpy(R->v + base, parts[k].v, len * sizeof(*R->v));
		for (uint64_t s = 1; s <= parts[k].count; s++)
			R->off[R->count + s] = base + parts[k].off[s];
		R->count += parts[k].count;
	}
fail:
	for (uint64_t k = 0; parts != NULL && k < chunks; k++)
		rr_free(&parts[k]);
	free(parts);
	return st;
}

/* ---- NodeSelection -------------------------------------------------------------------------- */

/* Greedy maximum coverage of R's sets by k vertices among the candidates; picks[i] and
 * newly[i] (sets first covered by pick i). Returns the number of sets covered, or UINT64_MAX
 * if memory ran out. Ties: lowest vertex id. */
static uint64_t node_selection(const wp_graph *g, const uint8_t *is_cand, const rrsets *R,
                               uint32_t k, wp_vertex *picks, uint64_t *newly)
{
	const uint32_t n = g->n;
	uint64_t total = R->count ? R->off[R->count] : 0, covered = 0;
	uint64_t *deg = calloc((size_t)n + 1, sizeof(*deg));
	uint64_t *start = calloc((size_t)n + 2, sizeof(*start));
	/* Filled completely below (deg counts the slots); zeroed as the analyser cannot tell. */
	uint64_t *sets = calloc(total + 1, sizeof(*sets));
	uint8_t *done = calloc(R->count + 1, 1), *taken = calloc((size_t)n + 1, 1);
	if (!deg || !start || !sets || !done || !taken) {
		covered = UINT64_MAX;
		goto out;
	}
	for (uint64_t i = 0; i < total; i++)
		deg[R->v[i]]++;
	for (uint32_t v = 0; v < n; v++)
		start[v + 1] = start[v] + deg[v];
	for (uint64_t s = 0; s < R->count; s++)
		for (uint64_t i = R->off[s]; i < R->off[s + 1]; i++)
			sets[start[R->v[i]]++] = s;
	for (uint32_t v = n; v > 0; v--)
		start[v] = start[v - 1];
	start[0] = 0;
	for (uint32_t j = 0; j < k; j++) {
		wp_vertex best = WP_NO_VERTEX;
		for (uint32_t v = 0; v < n; v++)
			if (!taken[v] && (is_cand == NULL || is_cand[v]) &&
			    (best == WP_NO_VERTEX || deg[v] > deg[best]))
				best = v;
		if (best == WP_NO_VERTEX)
			break;
		taken[best] = 1;
		picks[j] = best;
		newly[j] = deg[best];
		covered += deg[best];
		for (uint64_t a = start[best]; a < start[best + 1]; a++) {
			uint64_t s = sets[a];
			if (done[s])
				continue;
			done[s] = 1;
			for (uint64_t i = R->off[s]; i < R->off[s + 1]; i++)
				deg[R->v[i]]--;
		}
	}
out:
	free(deg);
	free(start);
	free(sets);
	free(done);
	free(taken);
	return covered;
}

static double log_binomial(double n, double k)
{
	return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/* ---- Monte-Carlo ---------------------------------------------------------------------------- */

static uint32_t cascade(const wp_graph *g, const wp_imm_opts *o, const wp_vertex *seeds,
                        uint32_t count, uint64_t index, tscratch *t)
{
	rng r = stream(o->seed, 3, index);
	uint32_t gen = next_gen(t, g->n);
	size_t head = 0, tail = 0;
	for (uint32_t i = 0; i < count; i++)
		if (t->stamp[seeds[i]] != gen) {
			t->stamp[seeds[i]] = gen;
			t->queue[tail++] = seeds[i];
		}
	while (head < tail) {
		wp_vertex x = t->queue[head++];
		for (uint64_t a = g->offsets[x]; a < g->offsets[x + 1]; a++) {
			wp_vertex u = g->targets[a];
			double p = o->use_weights ? (double)g->weights[a] : o->p;
			if (t->stamp[u] == gen || uniform(&r) >= p)
				continue;
			t->stamp[u] = gen;
			t->queue[tail++] = u;
		}
	}
	return (uint32_t)tail;
}

static wp_status check_model(const wp_graph *g, const wp_imm_opts *o, char *err)
{
	if (o->use_weights && g->weights == NULL && g->m > 0)
		return wp_error(err, WP_EARG, "the graph has no weights to use as probabilities");
	if (!o->use_weights && !(o->p > 0 && o->p <= 1))
		return wp_error(err, WP_EARG, "the probability p must be in (0, 1], not %g", o->p);
	return WP_OK;
}

static wp_status scratch_alloc(tscratch **ts, int threads, uint32_t n, char *err)
{
	*ts = calloc((size_t)threads, sizeof(**ts));
	if (*ts == NULL)
		return wp_error(err, WP_ENOMEM, "cannot allocate scratch for %d threads", threads);
	for (int t = 0; t < threads; t++) {
		(*ts)[t].stamp = calloc((size_t)n + 1, sizeof(uint32_t));
		(*ts)[t].queue = malloc(((size_t)n + 1) * sizeof(wp_vertex));
		if ((*ts)[t].stamp == NULL || (*ts)[t].queue == NULL)
			return wp_error(err, WP_ENOMEM, "cannot allocate scratch of %u vertices",
			                n);
	}
	return WP_OK;
}

static void scratch_release(tscratch *ts, int threads)
{
	for (int t = 0; ts != NULL && t < threads; t++) {
		free(ts[t].stamp);
		free(ts[t].queue);
	}
	free(ts);
}

wp_status wp_recruit_spread(const wp_graph *g, const wp_vertex *seeds, uint32_t count,
                            const wp_imm_opts *opts, uint32_t runs, double *mean, double *half,
                            char *err)
{
	wp_status st = WP_OK;
	tscratch *ts = NULL;
	uint32_t *size = NULL;
	int threads = opts->threads > 0 ? opts->threads : wp_max_threads();
	*mean = *half = 0;
	WP_TRY(check_model(g, opts, err));
	for (uint32_t i = 0; i < count; i++)
		if (seeds[i] >= g->n)
			WP_FAIL(WP_EARG, "seed %u is not a vertex", seeds[i]);
	if (runs == 0 || count == 0)
		goto fail;
	size = malloc((size_t)runs * sizeof(*size));
	if (size == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u cascades", runs);
	WP_TRY(scratch_alloc(&ts, threads, g->n, err));

#pragma omp parallel for num_threads(threads) schedule(dynamic, 16)
	for (uint32_t i = 0; i < runs; i++)
		size[i] = cascade(g, opts, seeds, count, i, &ts[wp_thread_id()]);
	/* Serial sums in index order: the same doubles for any thread count. */
	double sum = 0, sq = 0;
	for (uint32_t i = 0; i < runs; i++)
		sum += size[i];
	*mean = sum / runs;
	for (uint32_t i = 0; i < runs; i++)
		sq += (size[i] - *mean) * (size[i] - *mean);
	*half = runs > 1 ? 1.96 * sqrt(sq / (runs - 1) / runs) : 0;
fail:
	scratch_release(ts, threads);
	free(size);
	return st;
}

/* ---- IMM ------------------------------------------------------------------------------------ */

wp_status wp_recruit_imm(const wp_graph *g, const wp_vertex *cands, uint32_t cand_count,
                         const wp_imm_opts *opts, wp_recruit *res, char *err)
{
	wp_status st = WP_OK;
	wp_imm_opts o = opts ? *opts : WP_IMM_DEFAULTS;
	const uint32_t n = g->n;
	uint8_t *is_cand = NULL;
	tscratch *ts = NULL;
	rrsets R = {0};
	uint64_t *newly = NULL;
	int threads = o.threads > 0 ? o.threads : wp_max_threads();
	uint64_t max_rr = o.max_rr ? o.max_rr : DEFAULT_MAX_RR;

	memset(res, 0, sizeof(*res));
	if (o.budget == 0)
		WP_FAIL(WP_EARG, "the budget must be at least 1");
	if (!(o.eps > 0 && o.eps < 1))
		WP_FAIL(WP_EARG, "eps must be in (0, 1), not %g", o.eps);
	if (!(o.ell > 0 && o.ell <= 100))
		WP_FAIL(WP_EARG, "l must be in (0, 100], not %g", o.ell);
	WP_TRY(check_model(g, &o, err));
	uint32_t c = cands ? cand_count : n;
	if (cands) {
		is_cand = calloc((size_t)n + 1, 1);
		if (is_cand == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %u flags", n);
		for (uint32_t i = 0; i < cand_count; i++) {
			if (cands[i] >= n)
				WP_FAIL(WP_EARG, "candidate %u is not a vertex", cands[i]);
			if (is_cand[cands[i]])
				WP_FAIL(WP_EARG, "candidate %u is given twice", cands[i]);
			is_cand[cands[i]] = 1;
		}
	}
	uint32_t k = o.budget < c ? o.budget : c;
	res->picks = malloc(((size_t)k + 1) * sizeof(*res->picks));
	res->gain = malloc(((size_t)k + 1) * sizeof(*res->gain));
	res->covered = malloc(((size_t)k + 1) * sizeof(*res->covered));
	newly = malloc(((size_t)k + 1) * sizeof(*newly));
	if (!res->picks || !res->gain || !res->covered || !newly)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u picks", k);
	if (k == 0)
		goto fail;
	WP_TRY(scratch_alloc(&ts, threads, n, err));

	const double dn = n, ln_n = log(dn > 1 ? dn : 2), e1 = 1 - exp(-1.0);
	const double ell = o.ell * (1 + log(2.0) / ln_n), lc = log_binomial(c, k);
	const double eps1 = sqrt(2.0) * o.eps;
	const double log2n = log2(dn > 2 ? dn : 2);
	const double lambda1 =
	        (2 + 2 * eps1 / 3) * (lc + ell * ln_n + log(log2n)) * dn / (eps1 * eps1);
	const ctx cx = {g, &o, is_cand};
	double lb = 1;
	for (int i = 1; i < (int)log2n; i++) {
		double x = dn / pow(2.0, i), theta_i = ceil(lambda1 / x);
		if (theta_i > (double)max_rr)
			WP_FAIL(WP_ELIMIT,
			        "IMM needs %.0f RR sets, more than the limit %llu; raise eps",
			        theta_i, (unsigned long long)max_rr);
		WP_TRY(rr_extend(&cx, 1, &R, (uint64_t)theta_i, ts, threads, err));
		uint64_t cov = node_selection(g, is_cand, &R, k, res->picks, newly);
		if (cov == UINT64_MAX)
			WP_FAIL(WP_ENOMEM, "cannot allocate the node selection");
		double est = dn * (double)cov / (double)R.count;
		if (est >= (1 + eps1) * x) {
			lb = est / (1 + eps1);
			break;
		}
	}
	rr_free(&R);
	const double alpha = sqrt(ell * ln_n + log(2.0));
	const double beta = sqrt(e1 * (lc + ell * ln_n + log(2.0)));
	const double lstar = 2 * dn * pow(e1 * alpha + beta, 2) / (o.eps * o.eps);
	double theta = ceil(lstar / lb);
	if (theta > (double)max_rr)
		WP_FAIL(WP_ELIMIT, "IMM needs %.0f RR sets, more than the limit %llu; raise eps",
		        theta, (unsigned long long)max_rr);
	WP_TRY(rr_extend(&cx, 2, &R, (uint64_t)theta, ts, threads, err));
	uint64_t cov = node_selection(g, is_cand, &R, k, res->picks, newly);
	if (cov == UINT64_MAX)
		WP_FAIL(WP_ENOMEM, "cannot allocate the node selection");
	double sum = 0;
	for (uint32_t j = 0; j < k; j++) {
		res->gain[j] = dn * (double)newly[j] / (double)R.count;
		sum += (double)newly[j];
		res->covered[j] = dn * sum / (double)R.count;
	}
	res->count = k;
	res->rr_sets = R.count;
	res->lower_bound = lb;
	res->approximation = e1 - o.eps;
	res->probability = 1 - pow(dn > 1 ? dn : 2, -o.ell);
	if (o.mc_runs > 0) {
		WP_TRY(wp_recruit_spread(g, res->picks, k, &o, o.mc_runs, &res->mc_mean,
		                         &res->mc_half_width, err));
		res->mc_runs = o.mc_runs;
	}
fail:
	if (st != WP_OK)
		wp_recruit_free(res);
	scratch_release(ts, threads);
	rr_free(&R);
	free(is_cand);
	free(newly);
	return st;
}
