/* test_warmth.c - Criterion tests for engine/warmth.c: the warmth formula and its buckets.
 *
 * A known-answer table of typical ties (one-way contact, a fresh connection, a long reciprocal
 * conversation, a recommendation, shared employment, a manual override) against their buckets,
 * then the properties docs/warmth.md promises: warmth stays in (0, 1] for any evidence, never
 * rises as time passes, never falls when evidence is added, floors and manual strengths hold
 * however old the tie is, combining reports is a commutative field-wise maximum, and the
 * recency multiplier hits DotAlign's anchor points.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/warmth.h"

#define DAY 86400LL
#define YEAR (36525LL * DAY / 100)
#define NOW 1750000000LL

typedef struct known_case {
	char name[48];
	uint32_t connected;    /* 1 = a LinkedIn connection */
	int64_t connected_ago; /* seconds before NOW */
	uint32_t sent, received;
	int64_t first_ago, last_ago;
	uint32_t rec, shared_months, book;
	double manual;
	int bucket;
} known_case;

ParameterizedTestParameters(warmth, buckets_of_typical_ties)
{
	static known_case cases[] = {
	        {"fresh connection, nothing else", 1, 30 * DAY, 0, 0, 0, 0, 0, 0, 0, 0,
	         WP_BUCKET_WEAK},
	        {"one-way messages are weak", 1, YEAR, 40, 0, 3 * YEAR, DAY, 0, 0, 0, 0,
	         WP_BUCKET_WEAK},
	        {"a few recent replies", 1, YEAR, 4, 3, YEAR, 10 * DAY, 0, 0, 0, 0,
	         WP_BUCKET_KNOWN},
	        {"a long recent conversation", 1, 4 * YEAR, 30, 28, 4 * YEAR, 7 * DAY, 0, 0, 0, 0,
	         WP_BUCKET_STRONG},
	        {"the same conversation gone cold", 1, 9 * YEAR, 30, 28, 9 * YEAR, 6 * YEAR, 0, 0,
	         0, 0, WP_BUCKET_KNOWN},
	        {"a dozen replies, the last a year ago", 1, 3 * YEAR, 12, 10, 3 * YEAR, YEAR, 0, 0,
	         0, 0, WP_BUCKET_KNOWN},
	        {"a dozen replies, the last this month", 1, 3 * YEAR, 12, 10, 3 * YEAR, 20 * DAY, 0,
	         0, 0, 0, WP_BUCKET_FAMILIAR},
	        {"a recommendation long ago", 1, 12 * YEAR, 0, 0, 0, 0, 1, 0, 0, 0,
	         WP_BUCKET_STRONG},
	        {"two years side by side", 0, 0, 0, 0, 0, 0, 0, 30, 0, 0, WP_BUCKET_STRONG},
	        {"a year side by side", 0, 0, 0, 0, 0, 0, 0, 12, 0, 0, WP_BUCKET_FAMILIAR},
	        {"in each other's address books", 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, WP_BUCKET_KNOWN},
	        {"manual weak beats a recommendation", 1, DAY, 0, 0, 0, 0, 1, 0, 0, 0.05,
	         WP_BUCKET_WEAK},
	        {"manual strong beats silence", 1, 10 * YEAR, 0, 0, 0, 0, 0, 0, 0, 0.9,
	         WP_BUCKET_STRONG},
	};
	return cr_make_param_array(known_case, cases, sizeof(cases) / sizeof(cases[0]));
}

static wp_tie_evidence evidence_of(const known_case *c)
{
	wp_tie_evidence ev = {0};
	ev.connections = c->connected;
	ev.connected_on = c->connected ? NOW - c->connected_ago : 0;
	ev.msg_sent = c->sent;
	ev.msg_received = c->received;
	ev.msg_first = c->sent || c->received ? NOW - c->first_ago : 0;
	ev.msg_last = c->sent || c->received ? NOW - c->last_ago : 0;
	ev.rec_received = c->rec;
	ev.rec_last = c->rec ? NOW - c->connected_ago : 0;
	ev.shared_months = c->shared_months;
	ev.shared_employer = c->shared_months > 0;
	ev.book_a = ev.book_b = c->book ? 1 : 0;
	ev.manual = c->manual;
	return ev;
}

ParameterizedTest(known_case *c, warmth, buckets_of_typical_ties)
{
	wp_tie_evidence ev = evidence_of(c);
	double w = wp_warmth(&ev, NOW);
	cr_assert(lt(dbl, 0.0, w), "%s: warmth %g", c->name, w);
	cr_assert(le(dbl, w, 1.0), "%s: warmth %g", c->name, w);
	cr_assert(eq(str, (char *)wp_bucket_name(wp_warmth_bucket(w)),
	             (char *)wp_bucket_name((wp_bucket)c->bucket)),
	          "%s: warmth %.4f", c->name, w);
}

Test(warmth, no_evidence_is_no_tie)
{
	wp_tie_evidence ev = {0};
	wp_warmth_parts p;
	wp_warmth_reduce(&ev, &p);
	cr_assert(eq(dbl, p.points, 0.0));
	cr_assert(eq(dbl, wp_warmth_at(&p, NOW), 0.0));
}

Test(warmth, an_old_bare_connection_keeps_the_minimum)
{
	wp_tie_evidence ev = {.connections = 1, .connected_on = NOW - 20 * YEAR};
	cr_assert(epsilon_eq(dbl, wp_warmth(&ev, NOW), WP_WARMTH_MIN, 1e-12));
}

Test(warmth, a_connection_earns_one_point_undecayed)
{
	wp_tie_evidence ev = {.connections = 1, .connected_on = NOW};
	cr_assert(epsilon_eq(dbl, wp_warmth(&ev, NOW), 1.0 - exp(-1.0 / 25.0), 1e-6));
}

Test(warmth, reciprocity_counts_the_smaller_direction)
{
	wp_tie_evidence a = {.connections = 1,
	                     .connected_on = NOW,
	                     .msg_sent = 50,
	                     .msg_received = 5,
	                     .msg_first = NOW,
	                     .msg_last = NOW};
	wp_tie_evidence b = a;
	b.msg_sent = 5;
	cr_assert(epsilon_eq(dbl, wp_warmth(&a, NOW), wp_warmth(&b, NOW), 1e-12));
	b.msg_received = 0;
	wp_tie_evidence bare = {.connections = 1, .connected_on = NOW};
	cr_assert(epsilon_eq(dbl, wp_warmth(&b, NOW), wp_warmth(&bare, NOW), 1e-12));
}

Test(warmth, one_way_messages_do_not_refresh_an_old_tie)
{
	wp_tie_evidence ev = {.connections = 1,
	                      .connected_on = NOW - 10 * YEAR,
	                      .msg_sent = 9,
	                      .msg_first = NOW - DAY,
	                      .msg_last = NOW - DAY};
	cr_assert(epsilon_eq(dbl, wp_warmth(&ev, NOW), WP_WARMTH_MIN, 1e-12));
}

Test(warmth, recency_multiplier_hits_dotalign_anchor_points)
{
	const wp_warmth_params p = WP_WARMTH_DEFAULTS;
	cr_assert(epsilon_eq(dbl, wp_warmth_recency(&p, 0), 1.0, 1e-12));
	cr_assert(epsilon_eq(dbl, wp_warmth_recency(&p, -(double)YEAR), 1.0, 1e-12));
	cr_assert(epsilon_eq(dbl, wp_warmth_recency(&p, (double)YEAR), 0.625, 1e-9));
	cr_assert(epsilon_eq(dbl, wp_warmth_recency(&p, 2.0 * (double)YEAR), 0.25, 1e-9));
	cr_assert(epsilon_eq(dbl, wp_warmth_recency(&p, 5.0 * (double)YEAR), 0.125, 1e-9));
	cr_assert(epsilon_eq(dbl, wp_warmth_recency(&p, 8.0 * (double)YEAR), 0.0, 1e-9));
	cr_assert(epsilon_eq(dbl, wp_warmth_recency(&p, 30.0 * (double)YEAR), 0.0, 1e-12));
}

Test(warmth, never_rises_as_time_passes)
{
	wp_tie_evidence ev = {.connections = 1,
	                      .connected_on = NOW - 3 * YEAR,
	                      .msg_sent = 25,
	                      .msg_received = 20,
	                      .msg_first = NOW - 3 * YEAR,
	                      .msg_last = NOW};
	double prev = 2.0;
	for (int64_t t = NOW - 30 * DAY; t < NOW + 12 * YEAR; t += 45 * DAY) {
		double w = wp_warmth(&ev, t);
		cr_assert(le(dbl, w, prev), "warmth rose at t = %lld", (long long)t);
		cr_assert(ge(dbl, w, WP_WARMTH_MIN));
		prev = w;
	}
}

Test(warmth, floors_and_manual_strengths_do_not_fade)
{
	wp_tie_evidence rec = {.rec_given = 1, .rec_last = NOW - 15 * YEAR};
	wp_tie_evidence both = {.rec_given = 1, .rec_received = 1, .rec_last = NOW - 15 * YEAR};
	wp_tie_evidence work = {.shared_months = 40, .shared_employer = true};
	wp_tie_evidence hand = {.connections = 1, .connected_on = NOW, .manual = 0.3};
	for (int64_t t = NOW; t < NOW + 20 * YEAR; t += YEAR) {
		cr_assert(ge(dbl, wp_warmth(&rec, t), 0.65 - 1e-6));
		cr_assert(ge(dbl, wp_warmth(&both, t), 0.75 - 1e-6));
		cr_assert(ge(dbl, wp_warmth(&work, t), 0.65 - 1e-6));
		cr_assert(epsilon_eq(dbl, wp_warmth(&hand, t), 0.3, 1e-6));
	}
}

Test(warmth, adding_evidence_never_cools_a_tie)
{
	wp_tie_evidence ev = {.connections = 1, .connected_on = NOW - 2 * YEAR};
	double prev = wp_warmth(&ev, NOW);
	uint32_t *fields[] = {&ev.msg_sent,     &ev.msg_received,  &ev.threads,  &ev.end_given,
	                      &ev.end_received, &ev.notes,         &ev.book_a,   &ev.book_b,
	                      &ev.related,      &ev.shared_months, &ev.rec_given};
	ev.msg_first = ev.msg_last = NOW - 2 * YEAR;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		*fields[i] += 3;
		double w = wp_warmth(&ev, NOW);
		cr_assert(ge(dbl, w, prev), "adding field %zu cooled the tie: %g < %g", i, w, prev);
		prev = w;
	}
}

Test(warmth, stays_in_range_for_any_evidence)
{
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 20000; i++) {
		uint32_t r[12];
		for (int j = 0; j < 12; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			r[j] = (uint32_t)x;
		}
		wp_tie_evidence ev = {
		        .connections = r[0] & 1,
		        .connected_on = (r[0] & 2) ? NOW - (int64_t)(r[1] % (30 * 365)) * DAY : 0,
		        .msg_sent = r[2] % 1000,
		        .msg_received = r[3] % 1000,
		        .msg_first = NOW - (int64_t)(r[4] % (30 * 365)) * DAY,
		        .msg_last = NOW - (int64_t)(r[5] % (40 * 365)) * DAY + 400 * DAY,
		        .threads = r[6] % 50,
		        .thread_last = NOW - (int64_t)(r[7] % 5000) * DAY,
		        .rec_given = (r[8] & 7) == 0,
		        .end_given = r[8] % 5,
		        .book_a = r[9] & 1,
		        .shared_months = r[10] % 100,
		        .manual = (r[11] & 15) == 0 ? (double)(r[11] % 1000 + 1) / 1000.0 : 0.0,
		};
		double w = wp_warmth(&ev, NOW);
		if (w == 0.0) {
			cr_assert(eq(u32,
			             ev.connections + ev.msg_sent + ev.msg_received + ev.threads +
			                     ev.rec_given + ev.end_given + ev.book_a +
			                     ev.shared_months,
			             0));
			continue;
		}
		cr_assert(lt(dbl, 0.0, w));
		cr_assert(le(dbl, w, 1.0));
	}
}

Test(warmth, combining_reports_is_a_commutative_fieldwise_maximum)
{
	wp_warmth_parts a = {.points = 12, .floor = 0.2f, .manual = 0, .last = NOW - YEAR};
	wp_warmth_parts b = {.points = 3, .floor = 0.65f, .manual = 0, .last = NOW - DAY};
	wp_warmth_parts ab = wp_warmth_combine(a, b), ba = wp_warmth_combine(b, a);
	cr_assert(eq(flt, ab.points, ba.points));
	cr_assert(eq(flt, ab.floor, ba.floor));
	cr_assert(eq(flt, ab.manual, ba.manual));
	cr_assert(eq(i64, ab.last, ba.last));
	cr_assert(eq(flt, ab.points, 12.0f));
	cr_assert(eq(flt, ab.floor, 0.65f));
	cr_assert(eq(i64, ab.last, NOW - DAY));
	cr_assert(ge(dbl, wp_warmth_at(&ab, NOW), wp_warmth_at(&a, NOW)));
	cr_assert(ge(dbl, wp_warmth_at(&ab, NOW), wp_warmth_at(&b, NOW)));
}

Test(warmth, undated_evidence_takes_the_undated_multiplier)
{
	wp_tie_evidence ev = {.book_a = 1};
	double expect = 1.0 - exp(-(1.0 + 3.0) * 0.75 / 25.0);
	cr_assert(epsilon_eq(dbl, wp_warmth(&ev, NOW), expect, 1e-6));
}

Test(warmth, buckets_have_their_thresholds)
{
	cr_assert(eq(int, wp_warmth_bucket(0.0), WP_BUCKET_WEAK));
	cr_assert(eq(int, wp_warmth_bucket(0.0999), WP_BUCKET_WEAK));
	cr_assert(eq(int, wp_warmth_bucket(0.10), WP_BUCKET_KNOWN));
	cr_assert(eq(int, wp_warmth_bucket(0.2999), WP_BUCKET_KNOWN));
	cr_assert(eq(int, wp_warmth_bucket(0.30), WP_BUCKET_FAMILIAR));
	cr_assert(eq(int, wp_warmth_bucket(0.5999), WP_BUCKET_FAMILIAR));
	cr_assert(eq(int, wp_warmth_bucket(0.60), WP_BUCKET_STRONG));
	cr_assert(eq(int, wp_warmth_bucket(1.0), WP_BUCKET_STRONG));
	for (int b = 0; b < WP_BUCKETS; b++)
		cr_assert(eq(int, wp_warmth_bucket(wp_bucket_strength((wp_bucket)b)), b));
}

Test(warmth, bucket_names_round_trip)
{
	wp_bucket b;
	char err[WP_ERR_LEN] = "";
	for (int i = 0; i < WP_BUCKETS; i++) {
		cr_assert(eq(int, wp_bucket_parse(wp_bucket_name((wp_bucket)i), &b, err), WP_OK));
		cr_assert(eq(int, b, i));
	}
	cr_assert(eq(int, wp_bucket_parse("STRONG", &b, err), WP_OK));
	cr_assert(eq(int, b, WP_BUCKET_STRONG));
	cr_assert(eq(int, wp_bucket_parse("warm", &b, err), WP_EINPUT));
	cr_assert(eq(str, err,
	             "unknown strength bucket \"warm\" (use weak, known, familiar or strong)"));
}

Test(warmth, ties_csv_strengths_parse_as_numbers_or_buckets)
{
	double s = 0;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_warmth_parse_strength("0.5", &s, err), WP_OK));
	cr_assert(eq(dbl, s, 0.5));
	cr_assert(eq(int, wp_warmth_parse_strength(" 1 ", &s, err), WP_OK));
	cr_assert(eq(dbl, s, 1.0));
	cr_assert(eq(int, wp_warmth_parse_strength("familiar", &s, err), WP_OK));
	cr_assert(eq(dbl, s, 0.45));
	cr_assert(eq(int, wp_warmth_parse_strength("1.5", &s, err), WP_EINPUT));
	cr_assert(
	        eq(str, err,
	           "strength \"1.5\" must be a number in (0, 1] or weak, known, familiar, strong"));
	err[0] = '\0';
	cr_assert(eq(int, wp_warmth_parse_strength("0", &s, err), WP_EINPUT));
	err[0] = '\0';
	cr_assert(eq(int, wp_warmth_parse_strength("nan", &s, err), WP_EINPUT));
	err[0] = '\0';
	cr_assert(eq(int, wp_warmth_parse_strength("close", &s, err), WP_EINPUT));
	cr_assert(eq(str, err,
	             "strength \"close\" must be a number in (0, 1] or weak, known, familiar, "
	             "strong"));
}

Test(warmth, interactions_dated_in_the_future_count_as_now)
{
	wp_tie_evidence a = {.connections = 1, .connected_on = NOW + 100 * DAY};
	wp_tie_evidence b = {.connections = 1, .connected_on = NOW};
	cr_assert(epsilon_eq(dbl, wp_warmth(&a, NOW), wp_warmth(&b, NOW), 1e-12));
}
