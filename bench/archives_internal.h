/* archives_internal.h - what the archive generator's files share (see archives.h).
 *
 * Private to bench/archives.c (the API: writing zips and folders), bench/archives_world.c (the
 * virtual population, the members' careers and each member's connections) and
 * bench/archives_files.c (the CSV text of each file of an archive). Hashing, the random stream
 * and civil-calendar arithmetic are small inline functions: every file needs them.
 */
#ifndef WP_ARCHIVES_INTERNAL_H
#define WP_ARCHIVES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench/archives.h"

static inline uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A hash of (seed, a, b): the attribute b of entity a. */
static inline uint64_t hash3(uint64_t seed, uint64_t a, uint64_t b)
{
	return mix64(seed ^ mix64(a ^ mix64(b)));
}

typedef struct wpi_arch_rng {
	uint64_t s;
} wpi_arch_rng;

static inline uint64_t rng_next(wpi_arch_rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix64(r->s);
}

/* Uniform in [0, n); n > 0. */
static inline uint32_t rng_below(wpi_arch_rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability percent / 100. */
static inline bool rng_chance(wpi_arch_rng *r, uint32_t percent)
{
	return rng_below(r, 100) < percent;
}

static inline int64_t rng_between(wpi_arch_rng *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo));
}

/* Attribute fields hashed with hash3(seed, person, field). */
enum {
	WPI_H_FIRST = 1,
	WPI_H_LAST,
	WPI_H_SPECIAL,
	WPI_H_COMPANY0,
	WPI_H_COMPANY1,
	WPI_H_TITLE0,
	WPI_H_TITLE1,
	WPI_H_SWITCH,
	WPI_H_EMAIL,
	WPI_H_SLUG,
	WPI_H_ROLE,
	WPI_H_URL,
	WPI_H_PAIR,
	WPI_H_PAIR_DATE,
	WPI_H_STREAM,
	WPI_H_ORG,
	WPI_H_CAREER
};

#define WPI_DAY ((int64_t)86400)
#define WPI_MONTH_INDEX(y, m) ((int32_t)(y)*12 + (m)-1)

typedef struct wpi_arch_civil {
	int y, mo, d, h, mi, s, wday; /* wday: index into WEEKDAYS */
} wpi_arch_civil;

enum { WPI_ORG = 0 }; /* wpi_arch_companies[WPI_ORG] is the non-profit */

typedef enum wpi_arch_role { WPI_STAFF, WPI_BOARD, WPI_VOLUNTEER, WPI_ROLES } wpi_arch_role;

/* What an era's export looks like. */
typedef struct wpi_arch_era {
	const char *name;
	int year, month, day;  /* export date of the first member of this era */
	bool preamble;         /* the Notes: lines before Connections.csv's header */
	bool quoted_notes;     /* "Notes:" instead of Notes: */
	bool url;              /* URL column in Connections.csv */
	bool excel;            /* Connections.csv re-saved by Excel */
	bool final_newline;    /* a newline after the last row of Connections/messages */
	bool notes_file;       /* Notes.csv */
	bool invitation_urls;  /* inviterProfileUrl, inviteeProfileUrl */
	bool endorsement_urls; /* Endorser/Endorsee Public Url */
	int message_columns;   /* 9, 11 or 13 */
	bool quote_all;        /* every field of messages.csv quoted, header too */
	bool sponsored;        /* a sponsored message */
	const char *connections_file, *follows_file;
	int dirty_connections; /* rows with too few fields or a bad date */
	int dirty_messages;    /* messages with a bad DATE */
} wpi_arch_era;

#define WPI_ORG_THREAD_MAX 12      /* members in the org-wide group thread */
#define WPI_ORG_THREAD_MESSAGES 40 /* messages in it, 2019 .. 2026 */

#define WPI_NAMES_MAX 512 /* room for each list of first or last names */

/* Sizes derived from the options: where each pool lives in the person index space. */
typedef struct wpi_arch_world {
	wp_archives_opts o;
	uint32_t pool_comm; /* community pool size */
	uint32_t pool_role[WPI_ROLES];
	uint32_t base_comm, base_role[WPI_ROLES], base_personal;
	uint32_t personal_size; /* per member */
	uint32_t role_count[WPI_ROLES];
	uint32_t org_members[WPI_ORG_THREAD_MAX];
	uint32_t org_count;
	/* Name lists for generated members (indexes into the first and last names), distinct once
	 * accents and case are folded and never a fixed member's: every member's name is unique,
	 * as the workspace identifies members by name. */
	uint16_t member_first[WPI_NAMES_MAX], member_last[WPI_NAMES_MAX];
	uint32_t member_firsts, member_lasts;
} wpi_arch_world;

typedef struct wpi_arch_person {
	char first[96], last[128];
	char slug[192];                /* lower-case UTF-8, as LinkedIn holds it */
	uint32_t company[2], title[2]; /* [0] until switch_month, [1] from then */
	int32_t switch_month;
	bool email;
	bool member;
} wpi_arch_person;

/* A member's work history, newest first. */
typedef struct wpi_arch_job {
	uint32_t company, title;
	int32_t start, end; /* month indexes; end 0 = current */
} wpi_arch_job;

typedef struct wpi_arch_career {
	wpi_arch_job jobs[5];
	int count;
} wpi_arch_career;

/* How a URL is spelled in a file. */
typedef enum wpi_arch_url_form {
	WPI_U_CANONICAL, /* https://www.linkedin.com/in/<percent-encoded slug> */
	WPI_U_VARIANT,   /* a variant chosen by hash: upper case, trailing '/', query, http */
	WPI_U_RAW,       /* https://www.linkedin.com/in/<slug as UTF-8> */
	WPI_U_NO_SCHEME  /* www.linkedin.com/in/<slug> (endorsements) */
} wpi_arch_url_form;

/* The kinds of Connections.csv rows. */
typedef enum wpi_arch_row_kind {
	WPI_R_PERSON,  /* a connection */
	WPI_R_HIDDEN,  /* a hidden profile: only the date */
	WPI_R_SHORT,   /* dirty: too few fields */
	WPI_R_BAD_DATE /* dirty: Connected On is not a date */
} wpi_arch_row_kind;

typedef struct wpi_arch_conn {
	int64_t t;     /* Connected On */
	uint32_t p;    /* the person */
	uint32_t kind; /* wpi_arch_row_kind */
} wpi_arch_conn;

typedef struct wpi_arch_sbuf {
	char *data;
	size_t len, cap;
	bool oom;
} wpi_arch_sbuf;

#define WPI_MAX_FILES 16

typedef struct wpi_arch_file {
	const char *name;
	wpi_arch_sbuf b;
	uint64_t rows;
} wpi_arch_file;

typedef struct wpi_arch_archive {
	const wpi_arch_world *w;
	uint32_t m;
	const wpi_arch_era *e;
	int64_t exported;
	wpi_arch_person me;
	char my_name[256], my_url[256];
	wpi_arch_conn *rows;
	uint32_t count;
	uint32_t *people; /* indexes into rows of WPI_R_PERSON rows */
	uint32_t people_count;
	wpi_arch_rng r;
	wpi_arch_file files[WPI_MAX_FILES];
	int nfiles;
	uint64_t hidden, dirty, bad_message_dates, connection_rows, message_rows;
} wpi_arch_archive;

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm, proleptic Gregorian). */
static inline int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t cycle = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - cycle * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return cycle * 146097 + doe - 719468;
}

static inline void civil_from_time(int64_t t, wpi_arch_civil *c)
{
	int64_t z = t >= 0 ? t / WPI_DAY : (t - WPI_DAY + 1) / WPI_DAY;
	int64_t secs = t - z * WPI_DAY;
	c->wday = (int)(((z % 7) + 7) % 7);
	z += 719468;
	int64_t cycle = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - cycle * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	c->d = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->mo = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->y = (int)(yoe + cycle * 400 + (c->mo <= 2));
	c->h = (int)(secs / 3600);
	c->mi = (int)(secs / 60 % 60);
	c->s = (int)(secs % 60);
}

static inline int64_t time_of(int y, int m, int d)
{
	return days_from_civil(y, m, d) * WPI_DAY;
}

static inline int32_t month_of(int64_t t)
{
	wpi_arch_civil c;
	civil_from_time(t, &c);
	return WPI_MONTH_INDEX(c.y, c.mo);
}

/* The company names (wpi_arch_companies[WPI_ORG] is the non-profit), job titles and role names
 * that people records index. */
extern const char *const wpi_arch_companies[];
extern const uint32_t wpi_arch_companies_count;
extern const char *const wpi_arch_titles[];
extern const uint32_t wpi_arch_titles_count;
extern const char *const wpi_arch_role_names[WPI_ROLES];

/* Derives the pools' sizes and places from the options (which wp_archives_check accepted). */
void wpi_arch_world_init(const wp_archives_opts *o, wpi_arch_world *w);

/* Member m's role, era and export time (noon UTC of the export date). */
wpi_arch_role wpi_arch_member_role(const wpi_arch_world *w, uint32_t m);
const wpi_arch_era *wpi_arch_member_era(uint32_t m);
int64_t wpi_arch_export_time(uint32_t m);

/* Member m's work history, newest first: the current job (and a board seat at the org), the
 * employer shared with member m ^ 1 with overlapping tenures, and a first job. */
void wpi_arch_member_career(const wpi_arch_world *w, uint32_t m, wpi_arch_career *c);

/* Person p: a member (p < members) or a pooled or personal contact. A pure function of
 * (seed, p). */
void wpi_arch_person_get(const wpi_arch_world *w, uint32_t p, wpi_arch_person *out);

/* The person's company and title at time t. */
const char *wpi_arch_person_company(const wpi_arch_person *ps, int64_t t);
const char *wpi_arch_person_title(const wpi_arch_person *ps, int64_t t);

/* "First Last" into out (cap bytes). */
void wpi_arch_person_name(const wpi_arch_person *ps, char *out, size_t cap);

/* The person's profile URL spelled as form says (variant picks a WPI_U_VARIANT spelling) into
 * out, which holds 256 bytes. */
void wpi_arch_person_url(const wpi_arch_person *ps, wpi_arch_url_form form, uint64_t variant,
                         char *out);

/* first.last@example.com (or @lumen.example.org for the org's staff) into out. */
void wpi_arch_person_email(const wpi_arch_person *ps, bool member_at_org, char *out, size_t cap);

/* Appends s folded to lower-case ASCII letters and digits to the string out (cap bytes); other
 * characters become `space` (or are dropped when space is 0), never two in a row. */
void wpi_arch_fold_append(char *out, size_t cap, const char *s, char space);

/* Member m's Connections.csv rows, newest first, into rows (room for o.connections) and
 * *count: the other members they know, draws from the community, role and personal pools, and
 * hidden-profile and dirty rows. */
void wpi_arch_member_connections(const wpi_arch_world *w, uint32_t m, wpi_arch_rng *r,
                                 wpi_arch_conn *rows, uint32_t *count);

/* Writes the text of every file of archive a (whose member, rows and stream are set) into
 * a->files, counting rows into a's counters. Out of memory shows as a file's b.oom. */
void wpi_arch_files(wpi_arch_archive *a);

#endif
