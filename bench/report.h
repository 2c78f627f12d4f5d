/* report.h - `warmpath bench` results as JSON, CSV or Markdown: one row per measurement.
 *
 * Every row carries dataset, n, m, kernel, threads, trials, min/median/max seconds, MTEPS, peak
 * RSS, igraph's median, the ratio, the thread speed-up, the verification, and the machine, git
 * revision and date of the run, so rows from several runs can be concatenated and still say
 * where they came from. Numbers that do not apply (no baseline, not a traversal) are null in
 * JSON, empty in CSV and "-" in Markdown.
 */
#ifndef WP_BENCH_REPORT_H
#define WP_BENCH_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "bench/kernels.h"
#include "engine/status.h"

typedef enum bench_format { BENCH_JSON, BENCH_CSV, BENCH_MARKDOWN } bench_format;

/* Where and when the run happened. */
typedef struct bench_meta {
	char machine[256]; /* CPU model, online CPUs, load average at the start, OMP_WAIT_POLICY */
	char revision[64]; /* `git rev-parse --short HEAD` (with "-dirty" if the tree has
	                    * changes), or WARMPATH_REVISION, or "unknown" */
	char date[32];     /* UTC, ISO 8601 */
} bench_meta;

/* Fills m from /proc/cpuinfo, /proc/loadavg, git and the clock. Never fails. */
void bench_meta_collect(bench_meta *m);

/* The format of an output path by its extension: .json, .csv, .md. WP_EINPUT otherwise. */
wp_status bench_format_from_path(const char *path, bench_format *fmt, char *err);

/* "yes", "no" or "n/a". */
const char *bench_verdict_name(bench_verdict v);

/* Writes rows[0 .. count) to f in fmt. Errors: WP_EIO if f fails, WP_ENOMEM (JSON). */
wp_status bench_report_write(FILE *f, bench_format fmt, const bench_row *rows, size_t count,
                             const bench_meta *meta, char *err);

#endif
