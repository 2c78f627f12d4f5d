/* warmth.c - warmth and bucket of a tie from its evidence (see warmth.h and docs/warmth.md).
 *
 * Two steps, so that the workspace can store the slow part and apply the clock cheaply: reduce
 * (evidence -> points, floor, manual, last interaction; time-independent) and at (parts + now ->
 * warmth). Points follow DotAlign's scheme (1 + reciprocated messages + ..., capped at 100) with
 * the predictors Gilbert & Karahalios found strongest (recency, duration, intensity); one-way
 * messages earn nothing and do not refresh the tie. The recency multiplier is DotAlign's: 75% of
 * the points go linearly over two years, the remaining 25% over the next six. Points become warmth
 * by 1 - exp(-points / 25), which saturates smoothly (no cliff at the cap) and keeps -ln(warmth),
 * the cost path queries use, finite and positive. Floors encode what does not fade with silence: a
 * recommendation, years of working side by side, a declared relation.
 */
#include "engine/warmth.h"

#include <math.h>
#include <stdlib.h>
#include <strings.h>

#define YEAR_SECONDS (365.25 * 86400.0)
#define POINTS_THREADS_CAP 20.0 /* group threads beyond this earn nothing more */
#define POINTS_SPAN_CAP 5.0     /* years of relationship span that earn a point each */

/* Earliest non-zero of two dates. */
static int64_t earliest(int64_t a, int64_t b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}

static int64_t latest(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static bool has_evidence(const wp_tie_evidence *ev)
{
	return ev->connections || ev->connected_on || ev->msg_sent || ev->msg_received ||
	       ev->threads || ev->inv_sent || ev->inv_received || ev->rec_given ||
	       ev->rec_received || ev->end_given || ev->end_received || ev->notes || ev->book_a ||
	       ev->book_b || ev->related || ev->shared_months || ev->shared_employer ||
	       ev->manual > 0;
}

void wp_warmth_reduce_opts(const wp_tie_evidence *ev, const wp_warmth_params *p,
                           wp_warmth_parts *out)
{
	*out = (wp_warmth_parts){0};
	if (!has_evidence(ev))
		return;

	uint32_t reciprocated = ev->msg_sent < ev->msg_received ? ev->msg_sent : ev->msg_received;
	double threads = ev->threads < POINTS_THREADS_CAP ? ev->threads : POINTS_THREADS_CAP;
	double points = 1.0 + reciprocated + 0.5 * threads;
	points += ev->end_given ? 2.0 : 0.0;
	points += ev->end_received ? 2.0 : 0.0;
	points += ev->notes ? 2.0 : 0.0;
	points += ev->book_a ? 3.0 : 0.0;
	points += ev->book_b ? 3.0 : 0.0;
	points += ev->inv_sent || ev->inv_received ? 1.0 : 0.0;
	points += ev->shared_employer || ev->shared_months ? 2.0 : 0.0;

	/* Interactions that show a relationship: one-way messages are left out, so they neither
	 * lengthen the relationship nor make it look recent. */
	int64_t first = 0, last = 0;
	first = earliest(first, ev->connected_on);
	last = latest(last, ev->connected_on);
	if (reciprocated > 0) {
		first = earliest(first, ev->msg_first);
		last = latest(last, ev->msg_last);
	}
	if (ev->threads) {
		first = earliest(first, ev->thread_last);
		last = latest(last, ev->thread_last);
	}
	first = earliest(first, ev->inv_first);
	last = latest(last, ev->inv_first);
	first = earliest(first, ev->rec_last);
	last = latest(last, ev->rec_last);
	first = earliest(first, ev->end_first);
	last = latest(last, latest(ev->end_last, ev->end_first));
	first = earliest(first, ev->note_last);
	last = latest(last, ev->note_last);
	if (first != 0 && last > first) {
		double span = (double)(last - first) / YEAR_SECONDS;
		points += span < POINTS_SPAN_CAP ? span : POINTS_SPAN_CAP;
	}
	if (points > p->points_cap)
		points = p->points_cap;

	double floor = 0.0;
	if (ev->rec_given && ev->rec_received)
		floor = p->recommendation2;
	else if (ev->rec_given || ev->rec_received)
		floor = p->recommendation;
	if (ev->shared_months) {
		double m = ev->shared_months < p->shared_months_strong ? ev->shared_months
		                                                       : p->shared_months_strong;
		double f = p->shared_strong * m / p->shared_months_strong;
		floor = f > floor ? f : floor;
	}
	if (ev->related && p->related > floor)
		floor = p->related;

	out->points = (float)points;
	out->floor = (float)floor;
	out->manual = ev->manual > 1.0 ? 1.0f : (float)ev->manual;
	out->last = last;
}

void wp_warmth_reduce(const wp_tie_evidence *ev, wp_warmth_parts *out)
{
	const wp_warmth_params p = WP_WARMTH_DEFAULTS;
	wp_warmth_reduce_opts(ev, &p, out);
}

wp_warmth_parts wp_warmth_combine(wp_warmth_parts x, wp_warmth_parts y)
{
	wp_warmth_parts r;
	r.points = x.points > y.points ? x.points : y.points;
	r.floor = x.floor > y.floor ? x.floor : y.floor;
	r.manual = x.manual > y.manual ? x.manual : y.manual;
	r.last = x.last > y.last ? x.last : y.last;
	return r;
}

double wp_warmth_recency(const wp_warmth_params *p, double age_seconds)
{
	if (age_seconds <= 0)
		return 1.0;
	double years = age_seconds / YEAR_SECONDS;
	if (years <= p->fast_years)
		return 1.0 - p->fast_decay * years / p->fast_years;
	if (years <= p->fast_years + p->slow_years)
		return (1.0 - p->fast_decay) * (1.0 - (years - p->fast_years) / p->slow_years);
	return 0.0;
}

double wp_warmth_at_opts(const wp_warmth_parts *parts, const wp_warmth_params *p, int64_t now)
{
	if (parts->manual > 0)
		return parts->manual > 1.0f ? 1.0 : (double)parts->manual;
	if (parts->points <= 0 && parts->floor <= 0)
		return 0.0;
	double mult = parts->last ? wp_warmth_recency(p, (double)(now - parts->last)) : p->undated;
	double w = 1.0 - exp(-(double)parts->points * mult / p->scale);
	if (w < parts->floor)
		w = parts->floor;
	if (w < WP_WARMTH_MIN)
		w = WP_WARMTH_MIN;
	return w > 1.0 ? 1.0 : w;
}

double wp_warmth_at(const wp_warmth_parts *parts, int64_t now)
{
	const wp_warmth_params p = WP_WARMTH_DEFAULTS;
	return wp_warmth_at_opts(parts, &p, now);
}

double wp_warmth(const wp_tie_evidence *ev, int64_t now)
{
	wp_warmth_parts parts;
	wp_warmth_reduce(ev, &parts);
	return wp_warmth_at(&parts, now);
}

wp_bucket wp_warmth_bucket(double warmth)
{
	if (warmth >= 0.60)
		return WP_BUCKET_STRONG;
	if (warmth >= 0.30)
		return WP_BUCKET_FAMILIAR;
	if (warmth >= 0.10)
		return WP_BUCKET_KNOWN;
	return WP_BUCKET_WEAK;
}

static const char *const bucket_names[WP_BUCKETS] = {"weak", "known", "familiar", "strong"};
static const double bucket_strengths[WP_BUCKETS] = {0.05, 0.20, 0.45, 0.80};

const char *wp_bucket_name(wp_bucket b)
{
	return (unsigned)b < WP_BUCKETS ? bucket_names[b] : "?";
}

wp_status wp_bucket_parse(const char *s, wp_bucket *b, char *err)
{
	wp_status st = WP_OK;
	for (int i = 0; i < WP_BUCKETS; i++)
		if (strcasecmp(s, bucket_names[i]) == 0) {
			*b = (wp_bucket)i;
			return WP_OK;
		}
	WP_FAIL(WP_EINPUT, "unknown strength bucket \"%s\" (use weak, known, familiar or strong)",
	        s);
fail:
	return st;
}

double wp_bucket_strength(wp_bucket b)
{
	return (unsigned)b < WP_BUCKETS ? bucket_strengths[b] : 0.0;
}

wp_status wp_warmth_parse_strength(const char *s, double *strength, char *err)
{
	wp_status st = WP_OK;
	wp_bucket b = WP_BUCKET_WEAK;
	char *end = NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	double v = strtod(s, &end);
	if (end != s) {
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end != '\0' || !(v > 0.0 && v <= 1.0))
			WP_FAIL(WP_EINPUT,
			        "strength \"%s\" must be a number in (0, 1] or weak, known, "
			        "familiar, "
			        "strong",
			        s);
		*strength = v;
		return WP_OK;
	}
	if (wp_bucket_parse(s, &b, NULL) != WP_OK)
		WP_FAIL(WP_EINPUT,
		        "strength \"%s\" must be a number in (0, 1] or weak, known, familiar, "
		        "strong",
		        s);
	*strength = wp_bucket_strength(b);
	return WP_OK;
fail:
	return st;
}
