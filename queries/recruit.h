/* recruit.h - whom to recruit as promoters: maximum coverage of H-hop neighbourhoods (greedy,
 * lazy), and influence maximisation under the independent cascade model (IMM).
 *
 * Coverage. Let N_H[v] be v and every vertex at most H arcs from v (forward arcs in a directed
 * graph). The coverage of a set P is |U_{v in P} N_H[v]|: the people the promoters reach,
 * promoters included (so it is monotone and submodular; the reach of P with the promoters left
 * out, as queries/reach.h counts it, is coverage - |P|). Choosing K candidates of maximum
 * coverage is NP-hard; the greedy algorithm, which repeatedly adds the candidate of largest
 * marginal gain, is within a factor 1 - 1/e of the optimum (Nemhauser, Wolsey & Fisher 1978),
 * and no polynomial algorithm does better unless P = NP (Feige 1998). Ties go to the lowest
 * vertex id, so the picks are a function of the graph alone. The lazy (CELF) evaluation of
 * Leskovec et al. (KDD 2007) keeps each candidate's last gain as an upper bound of its current
 * one (submodularity) and recomputes only the top of a priority queue; the picks equal those of
 * the plain greedy exactly. Initial bounds come from degrees (see recruit.c), gains are exact
 * truncated BFS counts computed in parallel batches.
 *
 * Independent cascade: see wp_recruit_imm below (recruit_imm.c).
 */
#ifndef WP_RECRUIT_H
#define WP_RECRUIT_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

#define WP_RECRUIT_MAX_HOPS 250

typedef struct wp_recruit_opts {
	uint32_t budget; /* K >= 1: picks wanted */
	uint32_t hops;   /* H, 1 .. WP_RECRUIT_MAX_HOPS */
	bool naive;      /* recompute every candidate's gain every round (the plain greedy, a
	                  * baseline for tests and benchmarks); same picks, slower */
	int threads;     /* OpenMP threads; 0: wp_max_threads() */
} wp_recruit_opts;

#define WP_RECRUIT_DEFAULTS ((wp_recruit_opts){.budget = 10, .hops = 2, .naive = false})

/* The picks in order: the reach curve. */
typedef struct wp_recruit {
	uint32_t count;       /* picks made: min(budget, candidates), fewer if every remaining
	                       * candidate would add nothing */
	wp_vertex *picks;     /* count */
	double *gain;         /* count: each pick's marginal gain (coverage: a whole number) */
	double *covered;      /* count: cumulative coverage after each pick */
	uint64_t evaluations; /* coverage: exact gains computed (CELF's saving shows here) */
	/* IMM only (zero for coverage): */
	uint64_t rr_sets;     /* reverse-reachable sets in the final sample */
	double lower_bound;   /* IMM's lower bound LB of the optimal spread */
	double approximation; /* 1 - 1/e - eps */
	double probability;   /* at least 1 - 1/n^l */
	double mc_mean;       /* Monte-Carlo estimate of the picks' expected spread */
	double mc_half_width; /* its 95% confidence half-width (1.96 standard errors) */
	uint32_t mc_runs;
} wp_recruit;

/* Greedy maximum coverage of H-hop neighbourhoods over cands[0 .. cand_count) (distinct
 * vertices; cands NULL: every vertex) into res (cleared on entry; free with wp_recruit_free).
 * Errors: WP_EARG for budget 0, hops out of range, a repeated or out-of-range candidate;
 * WP_ENOMEM. On error res is zeroed. Time: O(n + m) for the bounds plus, per exact gain, the
 * arcs of the H-hop ball explored; memory 9 bytes per vertex per thread plus 17 per vertex. */
wp_status wp_recruit_coverage(const wp_graph *g, const wp_vertex *cands, uint32_t cand_count,
                              const wp_recruit_opts *opts, wp_recruit *res, char *err);

/* Independent cascade: every arc u -> v, once u is active, activates v with probability p(u, v);
 * the spread of S is the expected number of active vertices when S starts active. */
typedef struct wp_imm_opts {
	uint32_t budget;  /* K >= 1 */
	double p;         /* probability of every arc, in (0, 1]; ignored with use_weights */
	bool use_weights; /* p(u, v) = the arc's weight (a warmth in (0, 1]) */
	double eps;       /* approximation slack, in (0, 1) */
	double ell;       /* confidence exponent l > 0: success with probability >= 1 - 1/n^l */
	uint64_t seed;    /* the result depends only on (graph, options, seed) */
	uint32_t mc_runs; /* Monte-Carlo cascades to estimate the picks' spread (0: none) */
	uint64_t max_rr;  /* refuse (WP_ELIMIT) if IMM would need more RR sets than this; 0: 2^32 */
	int threads;
} wp_imm_opts;

#define WP_IMM_DEFAULTS                      \
	((wp_imm_opts){.budget = 10,         \
	               .p = 0.1,             \
	               .use_weights = false, \
	               .eps = 0.5,           \
	               .ell = 1.0,           \
	               .seed = 1,            \
	               .mc_runs = 10000,     \
	               .max_rr = 0,          \
	               .threads = 0})

/* Chooses K seeds among cands (NULL: every vertex) by IMM (Tang, Shi & Xiao, "Influence
 * maximization in near-linear time: a martingale approach", SIGMOD 2015): random
 * reverse-reachable (RR) sets, a sampling phase that finds a lower bound LB of the optimum
 * spread, theta = lambda* / LB RR sets, and greedy maximum coverage of those sets. With
 * probability at least 1 - 1/n^l the picks' spread is at least (1 - 1/e - eps) times the best
 * K-subset's. gain and covered are spread estimates from the RR sets (n x fraction covered);
 * mc_mean and mc_half_width the picks' spread by mc_runs forward cascades. RR set i and cascade
 * i use random streams derived from (seed, i), so the result is the same for any thread count.
 * Errors: WP_EARG for bad options or candidates, WP_ELIMIT (see max_rr), WP_ENOMEM. */
wp_status wp_recruit_imm(const wp_graph *g, const wp_vertex *cands, uint32_t cand_count,
                         const wp_imm_opts *opts, wp_recruit *res, char *err);

/* The spread of seeds[0 .. count) under the cascade of opts (p, use_weights) by runs forward
 * simulations in parallel (cascade i from the stream (seed, i)): *mean and the 95% confidence
 * half-width *half. Errors: WP_EARG, WP_ENOMEM. */
wp_status wp_recruit_spread(const wp_graph *g, const wp_vertex *seeds, uint32_t count,
                            const wp_imm_opts *opts, uint32_t runs, double *mean, double *half,
                            char *err);

/* Releases res and zeroes it; accepts a zeroed or freed result. */
void wp_recruit_free(wp_recruit *res);

#endif
