/* test_chart.c - the SVG charts of cli/chart.c: well-formed XML, escaped names, round ticks.
 *
 * Each chart is parsed with libxml2 (no network, no entities) and queried with XPath: one bar or
 * marker per point carrying its value, y ticks that start at 0, cover the largest value and step
 * by 1, 2 or 5 times a power of ten, the title and axis labels present, names with markup, quotes,
 * control characters and invalid UTF-8 kept as text, and "no data" for an empty series.
 *
 * The CLI's objects are not in libwarmpath.a, which the tests link, so the module is compiled in
 * here; it depends only on the C library.
 */
#include "cli/chart.c"

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdlib.h>

typedef struct svg_doc {
	char *text;
	size_t len;
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
} svg_doc;

/* Draws c into memory and parses the result; fails the test if it is not well-formed. */
static void render(svg_doc *d, const cli_chart *c)
{
	memset(d, 0, sizeof(*d));
	FILE *f = open_memstream(&d->text, &d->len);
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, cli_chart_svg(f, c), 0));
	cr_assert(eq(int, fclose(f), 0));
	d->doc = xmlReadMemory(d->text, (int)d->len, "chart.svg", NULL,
	                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	cr_assert(not(eq(ptr, d->doc, NULL)), "not well-formed XML:\n%s", d->text);
	xmlNodePtr root = xmlDocGetRootElement(d->doc);
	cr_assert(eq(str, (char *)root->name, "svg"));
	cr_assert(not(eq(ptr, root->ns, NULL)));
	cr_assert(eq(str, (char *)root->ns->href, "http://www.w3.org/2000/svg"));
	d->xp = xmlXPathNewContext(d->doc);
	xmlXPathRegisterNs(d->xp, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
}

static void release(svg_doc *d)
{
	xmlXPathFreeContext(d->xp);
	xmlFreeDoc(d->doc);
	free(d->text);
}

/* The nodes matching an XPath expression; the caller frees the result. */
static xmlXPathObjectPtr query(svg_doc *d, const char *expr)
{
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, d->xp);
	cr_assert(not(eq(ptr, r, NULL)), "bad XPath %s", expr);
	return r;
}

static int count(svg_doc *d, const char *expr)
{
	xmlXPathObjectPtr r = query(d, expr);
	int k = r->nodesetval ? r->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(r);
	return k;
}

/* The data-value attributes of the nodes matching expr, in document order. */
static int values(svg_doc *d, const char *expr, double *out, int cap)
{
	xmlXPathObjectPtr r = query(d, expr);
	int k = r->nodesetval ? r->nodesetval->nodeNr : 0;
	cr_assert(k <= cap);
	for (int i = 0; i < k; i++) {
		xmlChar *v = xmlGetProp(r->nodesetval->nodeTab[i], BAD_CAST "data-value");
		cr_assert(not(eq(ptr, v, NULL)));
		out[i] = strtod((const char *)v, NULL);
		xmlFree(v);
	}
	xmlXPathFreeObject(r);
	return k;
}

/* True when step is 1, 2 or 5 times a power of ten. */
static bool round_step(double step)
{
	double p = pow(10.0, floor(log10(step)));
	double m = step / p;
	return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9 ||
	       fabs(m - 10) < 1e-9;
}

/* Checks the ticks of one axis: evenly spaced by a round step, from lo_max or below to hi_min or
 * above, between 3 and 12 of them. */
static void check_ticks(svg_doc *d, const char *expr, double lo_max, double hi_min)
{
	double t[64];
	int k = values(d, expr, t, 64);
	cr_assert(k >= 3 && k <= 12, "%d ticks", k);
	double step = t[1] - t[0];
	cr_assert(step > 0);
	cr_assert(round_step(step), "step %g is not round", step);
	for (int i = 1; i < k; i++)
		cr_assert(epsilon_eq(dbl, t[i] - t[i - 1], step, step * 1e-9));
	cr_assert(t[0] <= lo_max, "first tick %g above %g", t[0], lo_max);
	cr_assert(t[k - 1] >= hi_min, "last tick %g below %g", t[k - 1], hi_min);
	/* Loose but not wasteful: the data reach past the last-but-one tick. */
	cr_assert(t[k - 2] < hi_min || hi_min <= 0, "axis %g..%g too long for %g", t[0], t[k - 1],
	          hi_min);
}

Test(chart, bars_are_well_formed_with_one_bar_per_point_and_its_value)
{
	double x[] = {1, 2, 3, 4, 5}, y[] = {34, 512, 2048, 130, 3};
	cli_chart c = {CLI_CHART_BARS,
	               "Degrees of separation",
	               "distance (hops)",
	               "pairs of people",
	               x,
	               y,
	               NULL,
	               5};
	svg_doc d;
	render(&d, &c);
	double v[8];
	cr_assert(eq(int, values(&d, "//s:rect[@class='bar']", v, 8), 5));
	for (int i = 0; i < 5; i++)
		cr_assert(eq(dbl, v[i], y[i]));
	cr_assert(eq(int, count(&d, "//s:text[@class='title' and .='Degrees of separation']"), 1));
	cr_assert(eq(int, count(&d, "//s:text[@class='xlabel' and .='distance (hops)']"), 1));
	cr_assert(eq(int, count(&d, "//s:text[@class='ylabel' and .='pairs of people']"), 1));
	/* Every value is written beside its bar, and each bar's category under it. */
	cr_assert(eq(int, count(&d, "//s:text[@class='value' and .='2048']"), 1));
	cr_assert(eq(int, count(&d, "//s:text[@class='value']"), 5));
	cr_assert(eq(int, count(&d, "//s:text[@class='xtick' and .='3']"), 1));
	/* Heights are proportional to the values. */
	xmlXPathObjectPtr r = query(&d, "//s:rect[@class='bar']");
	double h[5];
	for (int i = 0; i < 5; i++) {
		xmlChar *a = xmlGetProp(r->nodesetval->nodeTab[i], BAD_CAST "height");
		h[i] = strtod((const char *)a, NULL);
		xmlFree(a);
	}
	xmlXPathFreeObject(r);
	for (int i = 1; i < 5; i++)
		cr_assert(epsilon_eq(dbl, h[i] / y[i], h[2] / y[2], 0.01 / y[i]));
	cr_assert(eq(ptr, strstr(d.text, "<script"), NULL));
	check_ticks(&d, "//s:text[@class='ytick']", 0, 2048);
	release(&d);
}

Test(chart, names_are_escaped_and_read_back_as_text)
{
	double x[] = {1, 2, 3, 4}, y[] = {1, 2, 3, 4};
	const char *names[] = {"<script>alert('x')</script>", "Smith & \"Jones\"",
	                       "bad\x01\x1f utf8 \xff\xc3 end", "Zoë Ångström"};
	cli_chart c = {CLI_CHART_LINE,
	               "Reach <of> & \"promoters\"",
	               "promoters",
	               "people",
	               x,
	               y,
	               names,
	               4};
	svg_doc d;
	render(&d, &c);
	cr_assert(eq(int, count(&d, "//s:script"), 0));
	cr_assert(eq(int, count(&d, "//s:circle[@class='marker']"), 4));
	cr_assert(eq(int, count(&d, "//s:polyline[@class='series']"), 1));
	xmlXPathObjectPtr r = query(&d, "//s:text[@class='value']");
	cr_assert(eq(int, r->nodesetval->nodeNr, 4));
	const char *want[] = {names[0], names[1], "bad   utf8 \xEF\xBF\xBD\xEF\xBF\xBD end",
	                      names[3]};
	for (int i = 0; i < 4; i++) {
		xmlChar *s = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
		cr_assert(eq(str, (char *)s, (char *)want[i]));
		xmlFree(s);
	}
	xmlXPathFreeObject(r);
	cr_assert(eq(int, count(&d, "//s:text[@class='title' and .='Reach <of> & \"promoters\"']"),
	             1));
	release(&d);
}

typedef struct series_case {
	double y[6];
	int n;
	double ymax;
} series_case;

ParameterizedTestParameters(chart, ticks_are_round_and_cover_the_data)
{
	static series_case cases[] = {
	        {{3, 7, 2}, 3, 7},
	        {{0.37, 0.12, 0.05}, 3, 0.37},
	        {{0, 0, 0}, 3, 0},
	        {{1}, 1, 1},
	        {{100}, 1, 100},
	        {{1.6e13, 4.2e12, 9e9}, 3, 1.6e13},
	        {{99999, 100001, 5}, 3, 100001},
	        {{1, 2, 3, 4, 5, 6}, 6, 6},
	        {{123456789, 1}, 2, 123456789},
	        {{-5, 7, NAN}, 3, 7},
	};
	return cr_make_param_array(series_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(series_case *sc, chart, ticks_are_round_and_cover_the_data)
{
	double x[6];
	for (int i = 0; i < sc->n; i++)
		x[i] = i + 1;
	for (int kind = 0; kind < 2; kind++) {
		cli_chart c = {kind ? CLI_CHART_LINE : CLI_CHART_BARS,
		               "t",
		               "x",
		               "y",
		               x,
		               sc->y,
		               NULL,
		               (size_t)sc->n};
		svg_doc d;
		render(&d, &c);
		check_ticks(&d, "//s:text[@class='ytick']", 0, sc->ymax);
		double t[64];
		values(&d, "//s:text[@class='ytick']", t, 64);
		cr_assert(eq(dbl, t[0], 0));
		if (kind == 1 && sc->n > 1)
			check_ticks(&d, "//s:text[@class='xtick']", 1, sc->n);
		release(&d);
	}
}

Test(chart, empty_series_draws_axes_and_no_data)
{
	for (int kind = 0; kind < 2; kind++) {
		cli_chart c = {kind ? CLI_CHART_LINE : CLI_CHART_BARS,
		               "Nothing yet",
		               "x",
		               "y",
		               NULL,
		               NULL,
		               NULL,
		               0};
		svg_doc d;
		render(&d, &c);
		cr_assert(eq(int, count(&d, "//s:text[@class='nodata' and .='no data']"), 1));
		cr_assert(eq(int, count(&d, "//s:rect[@class='bar'] | //s:circle"), 0));
		cr_assert(eq(int, count(&d, "//s:path[@class='axes']"), 1));
		release(&d);
	}
}

Test(chart, many_points_keep_every_value_but_thin_the_visible_labels)
{
	enum { N = 1000 };
	static double x[N], y[N];
	for (int i = 0; i < N; i++) {
		x[i] = i + 1;
		y[i] = 1000.0 * (1 - exp(-i / 100.0)) + (i == 500 ? 5000 : 0);
	}
	for (int kind = 0; kind < 2; kind++) {
		cli_chart c = {
		        kind ? CLI_CHART_LINE : CLI_CHART_BARS, "t", "x", "y", x, y, NULL, N};
		svg_doc d;
		render(&d, &c);
		cr_assert(eq(int, count(&d, "//s:*[@data-x]"), N));
		int shown = count(&d, "//s:text[@class='value']");
		cr_assert(shown >= 10 && shown <= 40, "%d labels", shown);
		/* The highest point is always labelled. */
		cr_assert(eq(int, count(&d, "//s:text[@class='value' and .='5993']"), 1), "%s",
		          "peak label missing");
		release(&d);
	}
}

Test(chart, reports_a_failed_write)
{
	double x[] = {1}, y[] = {1};
	cli_chart c = {CLI_CHART_BARS, "t", "x", "y", x, y, NULL, 1};
	FILE *f = fopen("/dev/null", "r");
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(eq(int, cli_chart_svg(f, &c), -1));
	fclose(f);
	cr_assert(eq(int, cli_chart_svg(stdout, NULL), -1));
	cli_chart bad = {CLI_CHART_BARS, "t", "x", "y", NULL, y, NULL, 1};
	cr_assert(eq(int, cli_chart_svg(stdout, &bad), -1));
}
