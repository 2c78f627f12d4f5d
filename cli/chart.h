/* chart.h - simple labelled SVG charts: the pictures `reach`, `recruit` and `separation` draw.
 *
 * A chart is one series of (x, y) points drawn as bars (a distribution, such as people at each
 * distance) or as a line with markers (a curve, such as coverage against number of promoters),
 * with a title, axis labels, tick marks at round values and each point's value written beside
 * it. The SVG is self-contained (no scripts, no external fonts or styles), so it opens in a
 * browser, Inkscape or a slide, and every text is XML-escaped, since labels may be people's names.
 */
#ifndef WP_CLI_CHART_H
#define WP_CLI_CHART_H

#include <stddef.h>
#include <stdio.h>

typedef enum cli_chart_kind { CLI_CHART_BARS, CLI_CHART_LINE } cli_chart_kind;

typedef struct cli_chart {
	cli_chart_kind kind;
	const char *title;         /* drawn at the top */
	const char *x_label;       /* under the x axis, e.g. "distance (hops)" */
	const char *y_label;       /* beside the y axis, e.g. "pairs of people" */
	const double *x;           /* n x values (bars: the category under each bar) */
	const double *y;           /* n y values, >= 0 */
	const char **point_labels; /* NULL, or n labels written at the points (e.g. names) */
	size_t n;
} cli_chart;

/* Writes the chart as a complete SVG document to f. Returns 0, or -1 if writing failed. An
 * empty series (n = 0) draws the axes and "no data". */
int cli_chart_svg(FILE *f, const cli_chart *c);

#endif
