/* warmth.h - how warm a tie is: one number in (0, 1] and a bucket, from the tie's evidence.
 *
 * This is the only place that turns evidence into warmth; docs/warmth.md gives the formula, the
 * defaults and why. In short (DotAlign-style points, Gilbert & Karahalios' predictors):
 *
 *   points  = 1 + min(sent, received) + group threads/2 + endorsements, notes, address books,
 *             an invitation, and the span of the relationship in years (capped at 100)
 *   decayed = points x recency(now - last interaction)   (-75% over 2 years, the rest over 6)
 *   warmth  = max(floor, 1 - exp(-decayed / 25)), at least 0.01
 *   floor   = 0.65 for a recommendation (0.75 both ways), 0.65 x min(months, 24) / 24 for shared
 *             employment, 0.40 for a vCard RELATED
 *   manual  = a strength given by hand replaces all of it
 *
 * Warmth depends on "now" only through the recency of the last interaction, so the evidence is
 * first reduced to wp_warmth_parts (time-independent: points, floor, last, manual) that the
 * workspace stores per member and per tie, and warmth at any moment is wp_warmth_at(parts, now):
 * a few flops, cheap enough to apply to a million ties while the graph is loaded. Several members'
 * observations of one tie combine by taking the strongest (wp_warmth_combine), never the sum: two
 * exports of the same conversation must not count it twice.
 *
 * Everything here is a pure function; "now" is always passed in, so results are reproducible.
 */
#ifndef WP_WARMTH_H
#define WP_WARMTH_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/status.h"

/* Buckets as products show them, weakest first. Thresholds on warmth: weak < 0.10 <= known <
 * 0.30 <= familiar < 0.60 <= strong. */
typedef enum wp_bucket {
	WP_BUCKET_WEAK = 0,
	WP_BUCKET_KNOWN,
	WP_BUCKET_FAMILIAR,
	WP_BUCKET_STRONG
} wp_bucket;

#define WP_BUCKETS 4
#define WP_WARMTH_MIN 0.01 /* the warmth of a tie with evidence but nothing recent or strong */

/* The evidence of one tie, oriented from person a to person b ("sent" = a to b). Dates are Unix
 * seconds UTC, 0 = unknown or none. Counts are per kind of evidence (contacts.h's
 * wp_evidence_kind); when several members report the same tie, the workspace combines their reports
 * field by field (maximum of counts and last dates, minimum of first dates) for display. */
typedef struct wp_tie_evidence {
	int64_t connected_on;  /* LinkedIn connection date (earliest reported); 0 = none */
	uint32_t connections;  /* exports that list the connection (0 = not connected) */
	uint32_t msg_sent;     /* direct messages a -> b */
	uint32_t msg_received; /* direct messages b -> a */
	int64_t msg_first, msg_last;
	uint32_t threads; /* group conversations both were in */
	int64_t thread_last;
	uint32_t inv_sent;     /* invitations a -> b */
	uint32_t inv_received; /* invitations b -> a */
	int64_t inv_first;
	uint32_t rec_given;    /* recommendations a wrote for b */
	uint32_t rec_received; /* recommendations b wrote for a */
	int64_t rec_last;
	uint32_t end_given;    /* skills a endorsed for b */
	uint32_t end_received; /* skills b endorsed for a */
	int64_t end_first, end_last;
	uint32_t notes; /* notes either keeps about the other */
	int64_t note_last;
	uint32_t book_a;        /* b is in a's address book */
	uint32_t book_b;        /* a is in b's address book */
	uint32_t related;       /* vCard RELATED, either way */
	uint32_t shared_months; /* months both worked at the same employer (Positions.csv) */
	bool shared_employer;   /* an employer in common, even if the overlap is unknown */
	double manual;          /* strength given by hand in (0, 1]; 0 = none */
} wp_tie_evidence;

/* The time-independent reduction of a tie's evidence. */
typedef struct wp_warmth_parts {
	float points; /* undecayed points, in [1, 100] for any evidence, 0 for none */
	float floor;  /* warmth the tie keeps however old it is, in [0, 1) */
	float manual; /* strength given by hand in (0, 1], or 0 */
	int64_t last; /* latest dated interaction, 0 if nothing is dated */
} wp_warmth_parts;

/* The parameters of the formula. WP_WARMTH_DEFAULTS is what warmpath uses; docs/warmth.md
 * explains each value. */
typedef struct wp_warmth_params {
	double scale;           /* points giving warmth 1 - 1/e (25) */
	double points_cap;      /* points are capped here (100, DotAlign) */
	double fast_decay;      /* share of points lost linearly over the first period (0.75) */
	double fast_years;      /* length of that period (2) */
	double slow_years;      /* years over which the rest is lost (6) */
	double undated;         /* recency multiplier when nothing is dated (0.75) */
	double recommendation;  /* floor for a recommendation one way (0.65) */
	double recommendation2; /* floor for recommendations both ways (0.75) */
	double shared_strong;   /* floor for shared employment of shared_months_strong+ (0.65) */
	double shared_months_strong; /* months of overlap that make a tie strong (24) */
	double related;              /* floor for a vCard RELATED (0.40) */
} wp_warmth_params;

#define WP_WARMTH_DEFAULTS                                \
	((wp_warmth_params){.scale = 25.0,                \
	                    .points_cap = 100.0,          \
	                    .fast_decay = 0.75,           \
	                    .fast_years = 2.0,            \
	                    .slow_years = 6.0,            \
	                    .undated = 0.75,              \
	                    .recommendation = 0.65,       \
	                    .recommendation2 = 0.75,      \
	                    .shared_strong = 0.65,        \
	                    .shared_months_strong = 24.0, \
	                    .related = 0.40})

/* Reduces evidence to its time-independent parts (default parameters). Evidence with nothing in
 * it gives all-zero parts. O(1). */
void wp_warmth_reduce(const wp_tie_evidence *ev, wp_warmth_parts *out);
void wp_warmth_reduce_opts(const wp_tie_evidence *ev, const wp_warmth_params *p,
                           wp_warmth_parts *out);

/* Combines two observations of the same tie: the field-wise maximum (points, floor, manual,
 * last). Commutative and associative, so the order of members does not matter. */
wp_warmth_parts wp_warmth_combine(wp_warmth_parts x, wp_warmth_parts y);

/* Warmth at time now (Unix seconds) in [WP_WARMTH_MIN, 1] for parts of a tie with any evidence,
 * 0 for all-zero parts (no tie). A manual strength is returned as is. Interactions dated after
 * now count as happening now. O(1). */
double wp_warmth_at(const wp_warmth_parts *parts, int64_t now);
double wp_warmth_at_opts(const wp_warmth_parts *parts, const wp_warmth_params *p, int64_t now);

/* Shorthand: wp_warmth_at of wp_warmth_reduce. */
double wp_warmth(const wp_tie_evidence *ev, int64_t now);

/* The recency multiplier for an interaction age_seconds old (1 for now or the future, 0.25 at
 * fast_years, 0 at fast_years + slow_years and beyond). */
double wp_warmth_recency(const wp_warmth_params *p, double age_seconds);

/* The bucket of a warmth value (0 counts as weak). */
wp_bucket wp_warmth_bucket(double warmth);

/* "weak", "known", "familiar", "strong". */
const char *wp_bucket_name(wp_bucket b);

/* Parses a bucket name (case-insensitive); WP_EINPUT naming the accepted words otherwise. */
wp_status wp_bucket_parse(const char *s, wp_bucket *b, char *err);

/* The strength a manual bucket stands for (weak 0.05, known 0.20, familiar 0.45, strong 0.80):
 * the middle of the bucket, so ties.csv may say "strong" instead of a number. */
double wp_bucket_strength(wp_bucket b);

/* Parses a ties.csv strength: a number in (0, 1] or a bucket name. WP_EINPUT otherwise, with a
 * message that quotes s. */
wp_status wp_warmth_parse_strength(const char *s, double *strength, char *err);

#endif
