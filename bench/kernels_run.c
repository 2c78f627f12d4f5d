/* kernels_run.c - the runner of kernels.h: baseline, warm-up, trials, peak memory, verification.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/kernels.h"
#include "engine/parallel.h"

#define BASELINE_BUDGET 20.0 /* seconds of igraph trials after which no more are started */

double bench_peak_rss_mb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (f == NULL)
		return NAN;
	char line[256];
	double mb = NAN;
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long kb = 0;
		if (sscanf(line, "VmHWM: %lu kB", &kb) == 1) {
			mb = (double)kb / 1024.0;
			break;
		}
	}
	fclose(f);
	return mb;
}

void bench_reset_peak_rss(void)
{
	/* "5" resets the peak resident set size to the current one (Linux 4.0+). */
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (f != NULL) {
		fputs("5", f);
		fclose(f);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, uint32_t count)
{
	qsort(v, count, sizeof(*v), cmp_double);
	return count % 2 ? v[count / 2] : (v[count / 2 - 1] + v[count / 2]) / 2;
}

wp_status bench_measure(const bench_kernel *k, bench_input *in, const int *threads, size_t nthreads,
                        uint32_t trials, bool baseline, bench_row *rows, char *err)
{
	wp_status st = WP_OK;
	void *state = calloc(1, k->state_size ? k->state_size : 1);
	double *times = calloc(trials > 3 ? trials : 3, sizeof(*times));
	double baseline_s = NAN;
	char note[160] = "";
	if (state == NULL || times == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate the %s kernel's state", k->name);
	if (trials < 1)
		WP_FAIL(WP_EARG, "%s: at least one trial is needed", k->name);
	if (k->setup != NULL)
		WP_TRY(k->setup(state, in, err));

	/* igraph first, serially, as many trials as ours (the same work whatever our thread
	 * count), but no more once its trials have taken BASELINE_BUDGET seconds: on a big graph
	 * one or two runs of a slow baseline say enough, and the median of few runs is kept. */
	if (baseline && k->baseline != NULL) {
		uint32_t done = 0;
		double spent = 0;
		for (uint32_t t = 0; t < trials && (t == 0 || spent < BASELINE_BUDGET); t++) {
			double s = NAN, t0 = bench_now();
			WP_TRY(k->baseline(state, in, t, &s, note, sizeof(note), err));
			spent += bench_now() - t0;
			if (isnan(s))
				break;
			times[done++] = s;
		}
		if (done > 0)
			baseline_s = median(times, done);
	} else if (k->baseline == NULL) {
		snprintf(note, sizeof(note), "none: igraph has no such kernel");
	} else {
		snprintf(note, sizeof(note), "not run (--no-baseline)");
	}

	for (size_t i = 0; i < nthreads; i++) {
		bench_row *r = &rows[i];
		memset(r, 0, sizeof(*r));
		snprintf(r->dataset, sizeof(r->dataset), "%s", in->name);
		snprintf(r->kernel, sizeof(r->kernel), "%s", k->name);
		r->n = in->g->n;
		r->m = wp_graph_edges(in->g);
		r->threads = threads[i];
		r->trials = trials;
		wp_set_threads(threads[i]);
		double s = 0;
		uint64_t edges = 0, edge_sum = 0;
		WP_TRY(k->run(state, in, threads[i], 0, &s, &edges, err)); /* warm-up */
		bench_reset_peak_rss();
		for (uint32_t t = 0; t < trials; t++) {
			WP_TRY(k->run(state, in, threads[i], t, &times[t], &edges, err));
			edge_sum += edges;
		}
		r->rss_mb = bench_peak_rss_mb();
		r->min_s = r->max_s = times[0];
		for (uint32_t t = 1; t < trials; t++) {
			r->min_s = fmin(r->min_s, times[t]);
			r->max_s = fmax(r->max_s, times[t]);
		}
		/* MTEPS as Graph500 reports it: edges over time per trial, here the mean edges per
		 * trial over the median time. */
		double mean_edges = (double)edge_sum / trials;
		r->median_s = median(times, trials);
		r->mteps = edge_sum > 0 && r->median_s > 0 ? mean_edges / r->median_s / 1e6 : NAN;
		r->baseline_s = baseline_s;
		snprintf(r->baseline_note, sizeof(r->baseline_note), "%s", note);
		r->ratio = !isnan(baseline_s) && r->median_s > 0 ? baseline_s / r->median_s : NAN;
		r->speedup = NAN;
		for (size_t j = 0; j <= i; j++)
			if (rows[j].threads == 1 && r->median_s > 0)
				r->speedup = rows[j].median_s / r->median_s;
		bench_check chk = {BENCH_UNCHECKED, ""};
		if (k->verify != NULL)
			WP_TRY(k->verify(state, in, &chk, err));
		r->verified = chk.verdict;
		snprintf(r->check, sizeof(r->check), "%s", chk.how);
	}
	if (k->cleanup != NULL)
		k->cleanup(state);
	free(state);
	free(times);
	return WP_OK;
fail:
	if (state != NULL && k->cleanup != NULL)
		k->cleanup(state);
	free(state);
	free(times);
	return st;
}
