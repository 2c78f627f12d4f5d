/* chart.c - simple labelled SVG charts (see chart.h).
 *
 * The y axis always starts at 0 (the values are counts or coverage, and a bar chart whose axis
 * does not start at 0 misleads) and ends at a "nice" round value at or above the largest y, with
 * ticks at round steps chosen by Heckbert's loose labelling ("Nice numbers for graph labels",
 * Graphics Gems, 1990): steps are 1, 2 or 5 times a power of ten. A line chart's x axis is
 * labelled the same way over [min x, max x]; a bar chart labels each bar with its x value.
 *
 * Every point's value is in the document: as a <title> on its bar or marker (shown as a tooltip)
 * and as a data-value attribute. Visible value labels are thinned when points are too close for
 * them to be read (about 28 pixels apart at least), always keeping the first, last and highest.
 * Tick labels carry data-value too, so tools (and tests) can read them without parsing "2.5M".
 *
 * Text is written as XML character data: & < > " ' escaped, control characters XML 1.0 forbids
 * replaced by spaces, and invalid UTF-8 replaced by U+FFFD, so any name yields a well-formed
 * document.
 */
#include "cli/chart.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Canvas and plot area, in SVG user units (pixels). */
#define WIDTH 720.0
#define HEIGHT 420.0
#define LEFT 86.0
#define RIGHT 30.0
#define TOP 56.0
#define BOTTOM 72.0
#define PLOT_W (WIDTH - LEFT - RIGHT)
#define PLOT_H (HEIGHT - TOP - BOTTOM)
#define TARGET_TICKS 6
#define MIN_LABEL_GAP 28.0 /* pixels between visible value labels */

/* Writes s as XML character data (valid in text and in double-quoted attributes). */
static void put_escaped(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		unsigned c = *p;
		if (c < 0x80) {
			switch (c) {
			case '&':
				fputs("&amp;", f);
				break;
			case '<':
				fputs("&lt;", f);
				break;
			case '>':
				fputs("&gt;", f);
				break;
			case '"':
				fputs("&quot;", f);
				break;
			case '\'':
				fputs("&apos;", f);
				break;
			default:
				/* XML 1.0 allows only tab, newline and carriage return below 0x20.
				 */
				fputc(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' '
				                                                      : (int)c,
				      f);
			}
			p++;
			continue;
		}
		/* A multi-byte sequence: validate it (no overlongs, no surrogates, <= U+10FFFF). */
		int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
		if (c > 0xF4)
			len = 0;
		uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
		for (int i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80) {
				len = 0;
				break;
			}
			cp = cp << 6 | (p[i] & 0x3F);
		}
		bool ok = len > 0 && !(len == 3 && cp < 0x800) && !(len == 4 && cp < 0x10000) &&
		          cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE &&
		          cp != 0xFFFF;
		if (ok) {
			fwrite(p, 1, (size_t)len, f);
			p += len;
		} else {
			fputs("\xEF\xBF\xBD", f); /* U+FFFD for one bad byte, then resynchronise */
			p++;
		}
	}
}

/* Heckbert's nicenum: a 1, 2, 5 or 10 times 10^k close to x (rounded, or at least x). */
static double nice_num(double x, bool round_it)
{
	double e = floor(log10(x));
	double p = pow(10.0, e);
	double fr = x / p;
	double nf;
	if (round_it)
		nf = fr < 1.5 ? 1 : fr < 3 ? 2 : fr < 7 ? 5 : 10;
	else
		nf = fr <= 1 ? 1 : fr <= 2 ? 2 : fr <= 5 ? 5 : 10;
	return nf * p;
}

typedef struct axis {
	double lo, hi, step;
} axis;

/* A loose axis over [lo, hi]: its ends are multiples of a nice step and enclose the data. */
static axis nice_axis(double lo, double hi)
{
	axis a;
	if (!(hi > lo)) { /* one value (or none): widen around it */
		double w = lo == 0 ? 1 : fabs(lo) * 0.5;
		hi = lo + w;
		lo = lo >= 0 && lo - w < 0 ? 0 : lo - w;
	}
	double range = nice_num(hi - lo, false);
	a.step = nice_num(range / (TARGET_TICKS - 1), true);
	a.lo = floor(lo / a.step) * a.step;
	a.hi = ceil(hi / a.step) * a.step;
	/* Guard against floating-point rounding leaving the top tick just below the data. */
	while (a.hi < hi)
		a.hi += a.step;
	return a;
}

/* A short form of v: "12", "0.25", "3.5k", "1.2M"; big counts get a suffix so labels fit. */
static void format_number(char *buf, size_t len, double v)
{
	static const char *const suffix[] = {"", "k", "M", "G", "T", "P", "E"};
	if (!isfinite(v)) {
		snprintf(buf, len, "n/a");
		return;
	}
	double a = fabs(v);
	if (a < 10000) {
		if (v == floor(v) || a >= 100)
			snprintf(buf, len, "%.0f", v);
		else
			snprintf(buf, len, "%.3g", v);
		return;
	}
	int k = 0;
	while (a >= 1000 && k < 6) {
		a /= 1000;
		v /= 1000;
		k++;
	}
	snprintf(buf, len, "%.3g%s", v, suffix[k]);
}

/* A y value as drawn: negative or non-finite values sit on the axis. */
static double clean(double y)
{
	return isfinite(y) && y > 0 ? y : 0;
}

static void text(FILE *f, double x, double y, const char *anchor, const char *cls, const char *s)
{
	fprintf(f, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", cls, x, y,
	        anchor);
	put_escaped(f, s);
	fputs("</text>\n", f);
}

/* Which points get a visible value label: every k-th, plus the first, the last and the highest. */
static bool labelled(const cli_chart *c, size_t i, size_t every, size_t top)
{
	return i % every == 0 || i == c->n - 1 || i == top;
}

static void draw_points(FILE *f, const cli_chart *c, axis xa, axis ya)
{
	double slot = PLOT_W / (double)c->n; /* bars: one slot per point */
	double xpos_prev = 0;
	size_t top = 0;
	for (size_t i = 0; i < c->n; i++)
		if (clean(c->y[i]) > clean(c->y[top]))
			top = i;
	double spacing =
	        c->kind == CLI_CHART_BARS ? slot : PLOT_W / (double)(c->n > 1 ? c->n - 1 : 1);
	size_t every = spacing >= MIN_LABEL_GAP ? 1 : (size_t)ceil(MIN_LABEL_GAP / spacing);
	char num[64], tip[64];

	if (c->kind == CLI_CHART_LINE && c->n > 0) {
		fputs("<polyline class=\"series\" fill=\"none\" stroke=\"#1f77b4\" "
		      "stroke-width=\"2\" "
		      "points=\"",
		      f);
		for (size_t i = 0; i < c->n; i++) {
			double px = LEFT + (c->x[i] - xa.lo) / (xa.hi - xa.lo) * PLOT_W;
			double py = TOP + PLOT_H - clean(c->y[i]) / ya.hi * PLOT_H;
			fprintf(f, "%s%.1f,%.1f", i ? " " : "", px, py);
		}
		fputs("\"/>\n", f);
	}
	for (size_t i = 0; i < c->n; i++) {
		double y = clean(c->y[i]);
		double py = TOP + PLOT_H - y / ya.hi * PLOT_H;
		double px;
		format_number(num, sizeof(num), c->y[i]);
		format_number(tip, sizeof(tip), c->x[i]);
		if (c->kind == CLI_CHART_BARS) {
			double gap = slot > 6 ? slot * 0.15 : 0;
			px = LEFT + slot * (double)i + slot / 2;
			fprintf(f,
			        "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
			        "height=\"%.2f\" "
			        "fill=\"#1f77b4\" data-x=\"%.17g\" data-value=\"%.17g\"><title>",
			        LEFT + slot * (double)i + gap, py, slot - 2 * gap,
			        TOP + PLOT_H - py, c->x[i], c->y[i]);
		} else {
			px = LEFT + (c->x[i] - xa.lo) / (xa.hi - xa.lo) * PLOT_W;
			fprintf(f,
			        "<circle class=\"marker\" cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\" "
			        "fill=\"#1f77b4\" "
			        "data-x=\"%.17g\" data-value=\"%.17g\"><title>",
			        px, py, c->x[i], c->y[i]);
		}
		if (c->point_labels && c->point_labels[i]) {
			put_escaped(f, c->point_labels[i]);
			fputs(" at ", f);
		}
		fprintf(f, "%s: %s</title></%s>\n", tip, num,
		        c->kind == CLI_CHART_BARS ? "rect" : "circle");
		/* The category under each bar (thinned like the value labels). */
		if (c->kind == CLI_CHART_BARS && i % every == 0)
			text(f, px, TOP + PLOT_H + 18, "middle", "xtick", tip);
		if (!labelled(c, i, every, top))
			continue;
		/* Keep a forced label (last, highest) from sitting on top of the previous one. */
		if (i > 0 && i % every != 0 && px - xpos_prev < MIN_LABEL_GAP && i != top)
			continue;
		xpos_prev = px;
		const char *label =
		        c->point_labels && c->point_labels[i] ? c->point_labels[i] : num;
		text(f, px, py - 6, "middle", "value", label);
	}
}

static void draw_y_axis(FILE *f, axis ya)
{
	char num[64];
	for (int k = 0;; k++) {
		double v = ya.lo + ya.step * k;
		if (v > ya.hi + ya.step * 1e-9)
			break;
		double py = TOP + PLOT_H - (v - ya.lo) / (ya.hi - ya.lo) * PLOT_H;
		format_number(num, sizeof(num), v);
		fprintf(f,
		        "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		        "stroke=\"#dddddd\"/>\n",
		        LEFT, py, LEFT + PLOT_W, py);
		fprintf(f,
		        "<text class=\"ytick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		        "data-value=\"%.17g\">",
		        LEFT - 8, py + 4, v);
		put_escaped(f, num);
		fputs("</text>\n", f);
	}
}

static void draw_x_axis(FILE *f, axis xa)
{
	char num[64];
	for (int k = 0;; k++) {
		double v = xa.lo + xa.step * k;
		if (v > xa.hi + xa.step * 1e-9)
			break;
		double px = LEFT + (v - xa.lo) / (xa.hi - xa.lo) * PLOT_W;
		format_number(num, sizeof(num), v);
		fprintf(f,
		        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		        "stroke=\"#333333\"/>\n",
		        px, TOP + PLOT_H, px, TOP + PLOT_H + 5);
		fprintf(f,
		        "<text class=\"xtick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		        "data-value=\"%.17g\">",
		        px, TOP + PLOT_H + 18, v);
		put_escaped(f, num);
		fputs("</text>\n", f);
	}
}

int cli_chart_svg(FILE *f, const cli_chart *c)
{
	if (f == NULL || c == NULL || (c->n > 0 && (c->x == NULL || c->y == NULL)))
		return -1;
	double ymax = 0, xmin = 0, xmax = 0;
	for (size_t i = 0; i < c->n; i++) {
		ymax = fmax(ymax, clean(c->y[i]));
		double x = isfinite(c->x[i]) ? c->x[i] : 0;
		xmin = i == 0 ? x : fmin(xmin, x);
		xmax = i == 0 ? x : fmax(xmax, x);
	}
	axis ya = nice_axis(0, ymax);
	axis xa = nice_axis(xmin, xmax);

	fprintf(f,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	        "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
	        WIDTH, HEIGHT, WIDTH, HEIGHT);
	fputs("<title>", f);
	put_escaped(f, c->title);
	fputs("</title>\n", f);
	fprintf(f, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", WIDTH, HEIGHT);
	fprintf(f,
	        "<text class=\"title\" x=\"%.1f\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" "
	        "font-weight=\"bold\">",
	        WIDTH / 2);
	put_escaped(f, c->title);
	fputs("</text>\n", f);

	draw_y_axis(f, ya);
	if (c->kind == CLI_CHART_LINE && c->n > 0)
		draw_x_axis(f, xa);
	/* The axes themselves, over the grid. */
	fprintf(f,
	        "<path class=\"axes\" d=\"M%.1f %.1f V%.1f H%.1f\" fill=\"none\" "
	        "stroke=\"#333333\"/>\n",
	        LEFT, TOP, TOP + PLOT_H, LEFT + PLOT_W);
	text(f, LEFT + PLOT_W / 2, HEIGHT - 18, "middle", "xlabel", c->x_label);
	fprintf(f,
	        "<text class=\"ylabel\" x=\"0\" y=\"0\" text-anchor=\"middle\" "
	        "transform=\"translate(20 %.1f) rotate(-90)\">",
	        TOP + PLOT_H / 2);
	put_escaped(f, c->y_label);
	fputs("</text>\n", f);

	if (c->n == 0)
		text(f, LEFT + PLOT_W / 2, TOP + PLOT_H / 2, "middle", "nodata", "no data");
	else
		draw_points(f, c, xa, ya);
	fputs("</svg>\n", f);
	return ferror(f) ? -1 : 0;
}
