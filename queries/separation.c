/* separation.c - the distance distribution and its summaries (separation.h): chooses the exact
 * or the HyperANF kernel and derives pairs, average distance, effective diameter and degrees of
 * separation from the neighbourhood function, the same way for both. */
#include "queries/separation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parallel.h"
#include "queries/separation_internal.h"

bool wp_separation_exact_feasible(const wp_graph *g)
{
	return (double)g->n * (double)g->m <= WP_SEPARATION_EXACT_LIMIT;
}

double wp_separation_effective_diameter(const double *N, uint32_t len, double alpha)
{
	if (len == 0)
		return 0;
	double target = alpha * N[len - 1];
	uint32_t d = 0;
	while (d < len - 1 && N[d] < target)
		d++;
	if (d == 0 || N[d] <= N[d - 1])
		return (double)d;
	return (double)d - 1 + (target - N[d - 1]) / (N[d] - N[d - 1]);
}

void wp_separation_free(wp_separation *res)
{
	free(res->pairs);
	free(res->neighbourhood);
	memset(res, 0, sizeof(*res));
}

wp_status wp_separation_compute(const wp_graph *g, const wp_separation_opts *opts,
                                wp_separation *res, char *err)
{
	wp_status st = WP_OK;
	wp_separation_opts o = opts ? *opts : WP_SEPARATION_DEFAULTS;
	uint64_t *hist = NULL;
	double *nf = NULL, *pairs = NULL;
	uint32_t len = 0, iterations = 0;
	const double n = (double)g->n;
	const double per_pair = g->directed ? 1.0 : 0.5; /* unordered pairs when undirected */

	memset(res, 0, sizeof(*res));
	if (o.method != WP_SEPARATION_AUTO && o.method != WP_SEPARATION_EXACT &&
	    o.method != WP_SEPARATION_HYPERANF)
		WP_FAIL(WP_EARG, "separation: unknown method %d", (int)o.method);
	if (o.log2_registers < WP_SEPARATION_MIN_LOG2 || o.log2_registers > WP_SEPARATION_MAX_LOG2)
		WP_FAIL(WP_EARG, "separation: --registers %u is out of range (%d to %d)",
		        o.log2_registers, WP_SEPARATION_MIN_LOG2, WP_SEPARATION_MAX_LOG2);
	bool exact = o.method == WP_SEPARATION_EXACT ||
	             (o.method == WP_SEPARATION_AUTO && wp_separation_exact_feasible(g));

	if (exact) {
		uint32_t depth = 0;
		WP_TRY(wpi_separation_exact(g, o.threads, &hist, &depth, &iterations, err));
		nf = malloc(((size_t)depth + 1) * sizeof(double));
		pairs = malloc((depth ? depth : 1) * sizeof(double));
		if (nf == NULL || pairs == NULL)
			WP_FAIL(WP_ENOMEM, "separation: cannot allocate %u distances", depth);
		/* Integer counts: N(t) exact (below 2^53), pairs halved exactly when undirected
		 * (every unordered pair was found from both ends). */
		uint64_t cum = g->n;
		nf[0] = n;
		for (uint32_t d = 1; d <= depth; d++) {
			cum += hist[d - 1];
			nf[d] = (double)cum;
			pairs[d - 1] = (double)(g->directed ? hist[d - 1] : hist[d - 1] / 2);
		}
		len = depth + 1;
		free(hist);
		hist = NULL;
	} else {
		WP_TRY(wpi_separation_hyperanf(g, o.log2_registers, o.seed, o.threads, &nf, &len,
		                               &iterations, err));
		uint32_t depth = len ? len - 1 : 0;
		pairs = malloc((depth ? depth : 1) * sizeof(double));
		if (pairs == NULL)
			WP_FAIL(WP_ENOMEM, "separation: cannot allocate %u distances", depth);
		/* Estimates: a step's increase cannot be negative in truth, though the switch
		 * from linear counting to the raw estimate could make it so by a hair. */
		for (uint32_t d = 1; d < len; d++)
			pairs[d - 1] = fmax(0.0, nf[d] - nf[d - 1]) * per_pair;
	}

	res->exact = exact;
	res->directed = g->directed;
	res->max_distance = len ? len - 1 : 0;
	res->iterations = iterations;
	res->log2_registers = exact ? 0 : o.log2_registers;
	res->relative_standard_error = exact ? 0 : 1.04 / sqrt(ldexp(1.0, (int)o.log2_registers));
	double weighted = 0, total = 0;
	for (uint32_t d = 1; d < len; d++) {
		weighted += (double)d * pairs[d - 1];
		total += pairs[d - 1];
	}
	double all_pairs = n * (n - 1) * per_pair;
	res->reachable = total;
	res->unconnected = fmax(0.0, all_pairs - total);
	res->average_distance = total > 0 ? weighted / total : NAN;
	res->degrees_of_separation = res->average_distance - 1;
	res->effective_diameter = total > 0 ? wp_separation_effective_diameter(nf, len, 0.9) : 0;
	res->pairs = pairs;
	res->neighbourhood = len ? nf : NULL;
	if (len == 0) {
		free(nf);
		nf = NULL;
	}
	return WP_OK;
fail:
	free(hist);
	free(nf);
	free(pairs);
	return st;
}
