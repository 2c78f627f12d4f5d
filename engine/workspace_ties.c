/* workspace_ties.c - tie evidence as stored, the ties derived from it, manual strengths and
 * shared employers.
 *
 * A tie is not a row: it is the union of what members report. The member-to-contact evidence
 * sits in the member's mention of the contact (mentions.conn ... w_last), evidence between two
 * other people in links (group threads, say), member-to-member tenure overlaps in shared, and
 * hand-set strengths in manual. Each stored report carries its reduced warmth parts
 * (warmth.h), so listing every tie (wpi_ties_scan) reads five numbers per report and combines
 * reports of the same pair in a hash map: O(reports). Explaining one tie reads at most one row
 * per member (primary-key lookups).
 */
#include "engine/workspace_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Evidence rows ----------------------------------------------------------------------------
 */

#define BIND_U32(s, i, v) sqlite3_bind_int64(s, i, (sqlite3_int64)(v))
#define BIND_I64(s, i, v) sqlite3_bind_int64(s, i, (sqlite3_int64)(v))
#define BIND_BOOL(s, i, v) sqlite3_bind_int64(s, i, (v) ? 1 : 0)
#define BIND_F64(s, i, v) sqlite3_bind_double(s, i, (double)(v))
#define READ_U32(s, i) (uint32_t) sqlite3_column_int64(s, i)
#define READ_I64(s, i) (int64_t) sqlite3_column_int64(s, i)
#define READ_BOOL(s, i) (sqlite3_column_int64(s, i) != 0)
#define READ_F64(s, i) sqlite3_column_double(s, i)

void wpi_ev_bind(sqlite3_stmt *s, int first, const wpi_ev *e)
{
	int i = first;
#define BIND_ONE(c, f, k) BIND_##k(s, i++, e->ev.f);
	WPI_EV_COLUMNS(BIND_ONE)
#undef BIND_ONE
	sqlite3_bind_text(s, i++, e->company ? e->company : "", -1, SQLITE_STATIC);
	sqlite3_bind_double(s, i++, e->parts.points);
	sqlite3_bind_double(s, i++, e->parts.floor);
	sqlite3_bind_double(s, i++, e->parts.manual);
	sqlite3_bind_int64(s, i, e->parts.last);
}

void wpi_ev_read(sqlite3_stmt *s, int first, wpi_ev *e)
{
	int i = first;
	memset(e, 0, sizeof(*e));
#define READ_ONE(c, f, k) e->ev.f = READ_##k(s, i++);
	WPI_EV_COLUMNS(READ_ONE)
#undef READ_ONE
	e->company = wpi_col_text(s, i++);
	e->parts.points = (float)sqlite3_column_double(s, i++);
	e->parts.floor = (float)sqlite3_column_double(s, i++);
	e->parts.manual = (float)sqlite3_column_double(s, i++);
	e->parts.last = sqlite3_column_int64(s, i);
}

bool wpi_ev_equal(const wpi_ev *a, const wpi_ev *b)
{
#define SAME(c, f, k)           \
	if (a->ev.f != b->ev.f) \
		return false;
	WPI_EV_COLUMNS(SAME)
#undef SAME
	return strcmp(a->company ? a->company : "", b->company ? b->company : "") == 0 &&
	       a->parts.points == b->parts.points && a->parts.floor == b->parts.floor &&
	       a->parts.manual == b->parts.manual && a->parts.last == b->parts.last;
}

static uint32_t add_sat(uint32_t a, uint32_t b)
{
	return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}
static uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}
static int64_t min_date(int64_t a, int64_t b)
{
	return a == 0 ? b : (b == 0 || a < b ? a : b);
}
static int64_t max_date(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/* Dates: fields named *_first and connected_on take the earliest, the others the latest. */
#define DATES(X)                  \
	X(connected_on, min_date) \
	X(msg_first, min_date)    \
	X(msg_last, max_date)     \
	X(thread_last, max_date)  \
	X(inv_first, min_date)    \
	X(rec_last, max_date)     \
	X(end_first, min_date)    \
	X(end_last, max_date)     \
	X(note_last, max_date)
/* clang-format off */
#define COUNTS(X)                                                                                  \
	X(msg_sent) X(msg_received) X(threads) X(inv_sent) X(inv_received) X(rec_given)            \
	X(rec_received) X(end_given) X(end_received) X(notes) X(book_a) X(book_b) X(related)
/* clang-format on */

void wpi_ev_accumulate(wp_tie_evidence *to, const wp_tie_evidence *from)
{
#define DATE(f, op) to->f = op(to->f, from->f);
#define COUNT(f) to->f = add_sat(to->f, from->f);
	DATES(DATE)
	COUNTS(COUNT)
#undef COUNT
	to->connections = max_u32(to->connections, from->connections);
	to->book_a = max_u32(to->book_a ? 1 : 0, from->book_a ? 1 : 0);
	to->book_b = max_u32(to->book_b ? 1 : 0, from->book_b ? 1 : 0);
	to->related = max_u32(to->related ? 1 : 0, from->related ? 1 : 0);
	to->shared_months = max_u32(to->shared_months, from->shared_months);
	to->shared_employer = to->shared_employer || from->shared_employer;
	if (from->manual > to->manual)
		to->manual = from->manual;
}

void wpi_ev_combine(wp_tie_evidence *to, const wp_tie_evidence *from)
{
#define COUNT(f) to->f = max_u32(to->f, from->f);
	DATES(DATE)
	COUNTS(COUNT)
#undef COUNT
#undef DATE
	to->connections = add_sat(to->connections, from->connections);
	to->shared_months = max_u32(to->shared_months, from->shared_months);
	to->shared_employer = to->shared_employer || from->shared_employer;
	if (from->manual > to->manual)
		to->manual = from->manual;
}

void wpi_ev_reverse(wp_tie_evidence *e)
{
	uint32_t t;
#define SWAP(x, y)   \
	t = e->x;    \
	e->x = e->y; \
	e->y = t;
	SWAP(msg_sent, msg_received)
	SWAP(inv_sent, inv_received)
	SWAP(rec_given, rec_received)
	SWAP(end_given, end_received)
	SWAP(book_a, book_b)
#undef SWAP
}

/* ---- Every tie ------------------------------------------------------------------------------ */

typedef struct pair_table {
	wpi_imap index; /* pair -> position in pairs/parts */
	uint64_t *pairs;
	wp_warmth_parts *parts;
	uint64_t count, cap;
} pair_table;

static wp_status pairs_add(pair_table *t, int64_t a, int64_t b, const wp_warmth_parts *parts,
                           char *err)
{
	wp_status st = WP_OK;
	uint64_t key = wpi_pair(a, b), at;
	if (a == b)
		return WP_OK;
	if (wpi_imap_get(&t->index, key, &at) && at < t->count) {
		t->parts[at] = wp_warmth_combine(t->parts[at], *parts);
		return WP_OK;
	}
	if (t->count == t->cap) {
		uint64_t cap = t->cap ? t->cap * 2 : 4096;
		uint64_t *p = realloc(t->pairs, cap * sizeof(*p));
		if (p == NULL)
			WP_FAIL(WP_ENOMEM, "cannot hold %llu ties", (unsigned long long)cap);
		t->pairs = p;
		wp_warmth_parts *w = realloc(t->parts, cap * sizeof(*w));
		if (w == NULL)
			WP_FAIL(WP_ENOMEM, "cannot hold %llu ties", (unsigned long long)cap);
		t->parts = w;
		t->cap = cap;
	}
	WP_TRY(wpi_imap_put(&t->index, key, t->count, err));
	t->pairs[t->count] = key;
	t->parts[t->count] = *parts;
	t->count++;
	return WP_OK;
fail:
	return st;
}

static void parts_from_row(sqlite3_stmt *s, int first, wp_warmth_parts *p)
{
	p->points = (float)sqlite3_column_double(s, first);
	p->floor = (float)sqlite3_column_double(s, first + 1);
	p->manual = (float)sqlite3_column_double(s, first + 2);
	p->last = sqlite3_column_int64(s, first + 3);
}

/* Parts of shared employment of `months` months. */
static wp_warmth_parts shared_parts(uint32_t months)
{
	wp_tie_evidence ev = {.shared_months = months, .shared_employer = true};
	wp_warmth_parts p;
	wp_warmth_reduce(&ev, &p);
	return p;
}

/* Reports are combined per pair in a hash map only where a pair can have several: links,
 * shared employers, manual strengths, and member-to-contact reports where the contact is a
 * member too (both may report the tie) or the member's person is shared by two members. Every
 * other report is the only one of its pair (a member mentions a person once) and goes straight
 * to fn, which keeps a million-tie scan free of a million-entry hash map. The small map is
 * filled first so that the straight path can check it. */
wp_status wpi_ties_scan(wp_workspace *ws, wpi_tie_fn fn, void *ctx, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	wpi_members members = {0};
	pair_table t = {0};
	int64_t *member_person = NULL; /* member id -> person */
	uint8_t *mark = NULL;          /* person id -> MEMBER | SHARED | SMALL bits */
	int64_t max_member = 0, max_person = 0;
	enum { MEMBER = 1, SHARED = 2, SMALL = 4 };
	uint64_t at;
	int rc;

	WP_TRY(wpi_members_load(ws, &members, err));
	for (size_t i = 0; i < members.count; i++)
		if (members.items[i].id > max_member)
			max_member = members.items[i].id;
	sqlite3_stmt *q = wpi_stmt(ws, WPI_Q_PERSON_MAX, err);
	if (q == NULL || sqlite3_step(q) != SQLITE_ROW)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read people"));
	max_person = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	member_person = calloc((size_t)max_member + 1, sizeof(*member_person));
	mark = calloc((size_t)max_person + 1, 1);
	if (member_person == NULL || mark == NULL)
		WP_FAIL(WP_ENOMEM, "cannot index %lld people", (long long)max_person);
	for (size_t i = 0; i < members.count; i++) {
		const wpi_member *m = &members.items[i];
		if (m->person <= 0 || m->person > max_person)
			continue;
		member_person[m->id] = m->person;
		mark[m->person] |= (mark[m->person] & MEMBER) ? SHARED : MEMBER;
	}

	WP_TRY(wpi_prepare(ws,
	                   "SELECT lo, hi, w_points, w_floor, w_manual, w_last FROM links "
	                   "UNION ALL SELECT lo, hi, 0, 0, strength, 0 FROM manual "
	                   "UNION ALL SELECT lo, hi, -1, months, 0, 0 FROM shared",
	                   &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t lo = sqlite3_column_int64(s, 0), hi = sqlite3_column_int64(s, 1);
		wp_warmth_parts p;
		if (sqlite3_column_double(s, 2) < 0)
			p = shared_parts((uint32_t)sqlite3_column_int64(s, 3));
		else
			parts_from_row(s, 2, &p);
		if (lo <= 0 || hi <= 0 || lo > max_person || hi > max_person)
			continue;
		mark[lo] |= SMALL;
		mark[hi] |= SMALL;
		WP_TRY(pairs_add(&t, lo, hi, &p, err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the ties"));
	sqlite3_finalize(s);
	s = NULL;

	WP_TRY(wpi_prepare(ws,
	                   "SELECT id, w_points, w_floor, w_manual, w_last FROM mentions "
	                   "WHERE w_points > 0 OR w_manual > 0",
	                   &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0), p = id & 0xffffffff, m = id >> 32;
		int64_t mp = m <= max_member ? member_person[m] : 0;
		wp_warmth_parts parts;
		if (mp <= 0 || mp == p || p > max_person)
			continue;
		parts_from_row(s, 1, &parts);
		uint64_t pair = wpi_pair(mp, p);
		if ((mark[mp] & SHARED) || (mark[p] & MEMBER) ||
		    ((mark[mp] & SMALL) && (mark[p] & SMALL) &&
		     wpi_imap_get(&t.index, pair, &at))) {
			WP_TRY(pairs_add(&t, mp, p, &parts, err));
			continue;
		}
		WP_TRY(fn(ctx, (int64_t)(pair >> 32), (int64_t)(pair & 0xffffffff), &parts, err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the ties"));
	sqlite3_finalize(s);
	s = NULL;

	for (uint64_t i = 0; i < t.count; i++)
		WP_TRY(fn(ctx, (int64_t)(t.pairs[i] >> 32), (int64_t)(t.pairs[i] & 0xffffffff),
		          &t.parts[i], err));
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	wpi_members_free(&members);
	free(member_person);
	free(mark);
	wpi_imap_free(&t.index);
	free(t.pairs);
	free(t.parts);
	return st;
}

/* ---- One person's ties -------------------------------------------------------------------- */

void wp_tie_info_free(wp_tie_info *t)
{
	free(t->a_name);
	free(t->b_name);
	free(t->b_company);
	free(t->shared_company);
	for (uint32_t i = 0; i < t->sources_count; i++)
		free(t->sources[i].member);
	free(t->sources);
	memset(t, 0, sizeof(*t));
}

void wp_ties_free(wp_ties *t)
{
	for (size_t i = 0; i < t->count; i++)
		wp_tie_info_free(&t->items[i]);
	free(t->items);
	memset(t, 0, sizeof(*t));
}

/* Collects reports into tie infos keyed by the other person. */
typedef struct collector {
	int64_t a;
	wpi_imap index; /* other person -> item */
	wp_ties *out;
	size_t cap;
	wp_warmth_parts *parts; /* per item */
	uint32_t *best_months;  /* longest overlap seen per item, for shared_company */
} collector;

static wp_status collect(collector *c, int64_t b, const char *member, const wpi_ev *e, char *err)
{
	wp_status st = WP_OK;
	uint64_t at;
	wp_tie_info *t;
	if (!wpi_imap_get(&c->index, (uint64_t)b, &at)) {
		if (c->out->count == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 16;
			wp_tie_info *items = realloc(c->out->items, cap * sizeof(*items));
			if (items == NULL)
				WP_FAIL(WP_ENOMEM, "cannot list %zu ties", cap);
			c->out->items = items;
			wp_warmth_parts *parts = realloc(c->parts, cap * sizeof(*parts));
			if (parts == NULL)
				WP_FAIL(WP_ENOMEM, "cannot list %zu ties", cap);
			c->parts = parts;
			uint32_t *months = realloc(c->best_months, cap * sizeof(*months));
			if (months == NULL)
				WP_FAIL(WP_ENOMEM, "cannot list %zu ties", cap);
			c->best_months = months;
			c->cap = cap;
		}
		if (c->parts == NULL || c->best_months == NULL)
			WP_FAIL(WP_ENOMEM, "cannot list ties");
		at = c->out->count++;
		t = &c->out->items[at];
		memset(t, 0, sizeof(*t));
		t->a = c->a;
		t->b = b;
		c->parts[at] = (wp_warmth_parts){0};
		c->best_months[at] = 0;
		WP_TRY(wpi_imap_put(&c->index, (uint64_t)b, at, err));
	}
	if (c->parts == NULL || c->best_months == NULL || at >= c->out->count)
		WP_FAIL(WP_EIO, "inconsistent tie list");
	t = &c->out->items[at];
	wpi_ev_combine(&t->ev, &e->ev);
	c->parts[at] = wp_warmth_combine(c->parts[at], e->parts);
	if (e->company && *e->company &&
	    (t->shared_company == NULL || e->ev.shared_months > c->best_months[at])) {
		free(t->shared_company);
		t->shared_company = NULL;
		WP_TRY(wpi_strdup(e->company, &t->shared_company, err));
		c->best_months[at] = e->ev.shared_months;
	}
	if (member != NULL) {
		wp_tie_source *src = realloc(t->sources, (t->sources_count + 1) * sizeof(*src));
		if (src == NULL)
			WP_FAIL(WP_ENOMEM, "cannot list the sources of a tie");
		t->sources = src;
		src[t->sources_count].member = NULL;
		src[t->sources_count].ev = e->ev;
		t->sources_count++;
		WP_TRY(wpi_strdup(member, &src[t->sources_count - 1].member, err));
	}
	return WP_OK;
fail:
	return st;
}

/* Reads one mention's evidence (member m about person p) into e if it has any. */
static wp_status mention_ev(wp_workspace *ws, int64_t m, int64_t p, wpi_ev *e, bool *found,
                            char **company, char *err)
{
	wp_status st = WP_OK;
	*found = false;
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_MENTION_GET, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot read a mention");
	sqlite3_bind_int64(s, 1, wpi_mention_id(m, p));
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		wpi_ev_read(s, 11, e);
		*found = e->parts.points > 0 || e->parts.manual > 0;
		WP_TRY(wpi_strdup(e->company, company, err));
		e->company = *company;
	} else if (rc != SQLITE_DONE) {
		WP_TRY(wpi_sqlerr(ws, err, "cannot read a mention"));
	}
	sqlite3_reset(s);
	return WP_OK;
fail:
	if (s != NULL)
		sqlite3_reset(s);
	return st;
}

/* Adds the shared-employer and manual rows of pairs involving a (and b if b > 0). */
static wp_status collect_shared_manual(wp_workspace *ws, collector *c, int64_t b, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	int rc;
	WP_TRY(wpi_prepare(ws,
	                   "SELECT lo, hi, months, company, 0 FROM shared WHERE lo = ?1 OR hi = ?1 "
	                   "UNION ALL SELECT lo, hi, 0, '', strength FROM manual "
	                   "WHERE lo = ?1 OR hi = ?1",
	                   &s, err));
	sqlite3_bind_int64(s, 1, c->a);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t lo = sqlite3_column_int64(s, 0), hi = sqlite3_column_int64(s, 1);
		int64_t other = lo == c->a ? hi : lo;
		if (b > 0 && other != b)
			continue;
		wpi_ev e = {0};
		uint32_t months = (uint32_t)sqlite3_column_int64(s, 2);
		double manual = sqlite3_column_double(s, 4);
		if (manual > 0) {
			e.ev.manual = manual;
			e.parts.manual = (float)manual;
		} else {
			e.ev.shared_months = months;
			e.ev.shared_employer = true;
			e.company = wpi_col_text(s, 3);
			e.parts = shared_parts(months);
		}
		WP_TRY(collect(c, other, NULL, &e, err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the ties"));
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	return st;
}

/* Collects every report of a tie between c->a and b (b = 0: any other person). */
static wp_status collect_ties(wp_workspace *ws, collector *c, int64_t b, char *err)
{
	wp_status st = WP_OK;
	wpi_members members = {0};
	sqlite3_stmt *s = NULL;
	char *company = NULL;
	int rc;
	bool found;
	wpi_ev e;

	WP_TRY(wpi_members_load(ws, &members, err));
	for (size_t i = 0; i < members.count; i++) {
		const wpi_member *m = &members.items[i];
		if (m->person == c->a) {
			/* a's own export: every contact, or just b. */
			if (b > 0) {
				WP_TRY(mention_ev(ws, m->id, b, &e, &found, &company, err));
				if (found)
					WP_TRY(collect(c, b, m->name, &e, err));
				free(company);
				company = NULL;
				continue;
			}
			WP_TRY(wpi_prepare(ws,
			                   "SELECT id, " WPI_EV_NAMES_SQL " FROM mentions WHERE id "
			                   "BETWEEN ? AND ? AND (w_points > 0 OR w_manual > 0)",
			                   &s, err));
			sqlite3_bind_int64(s, 1, wpi_mention_id(m->id, 0));
			sqlite3_bind_int64(s, 2, wpi_mention_id(m->id, 0xffffffff));
			while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
				int64_t p = sqlite3_column_int64(s, 0) & 0xffffffff;
				wpi_ev_read(s, 1, &e);
				if (p != c->a)
					WP_TRY(collect(c, p, m->name, &e, err));
			}
			if (rc != SQLITE_DONE)
				WP_TRY(wpi_sqlerr(ws, err, "cannot read the ties"));
			sqlite3_finalize(s);
			s = NULL;
		} else if (m->person > 0 && (b <= 0 || m->person == b)) {
			/* Another member's export that mentions a. */
			WP_TRY(mention_ev(ws, m->id, c->a, &e, &found, &company, err));
			if (found) {
				wpi_ev_reverse(&e.ev);
				WP_TRY(collect(c, m->person, m->name, &e, err));
			}
			free(company);
			company = NULL;
		}
	}

	WP_TRY(wpi_prepare(ws,
	                   "SELECT member_id, lo, hi, " WPI_EV_NAMES_SQL " FROM links "
	                   "WHERE lo = ?1 OR hi = ?1",
	                   &s, err));
	sqlite3_bind_int64(s, 1, c->a);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const wpi_member *m = wpi_members_by_id(&members, sqlite3_column_int64(s, 0));
		int64_t lo = sqlite3_column_int64(s, 1), hi = sqlite3_column_int64(s, 2);
		int64_t other = lo == c->a ? hi : lo;
		if (b > 0 && other != b)
			continue;
		wpi_ev_read(s, 3, &e);
		if (lo != c->a)
			wpi_ev_reverse(&e.ev);
		WP_TRY(collect(c, other, m ? m->name : "", &e, err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the ties"));
	sqlite3_finalize(s);
	s = NULL;
	WP_TRY(collect_shared_manual(ws, c, b, err));
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	free(company);
	wpi_members_free(&members);
	return st;
}

/* Fills names, warmth and bucket of the collected ties. */
static wp_status finish_ties(wp_workspace *ws, collector *c, char *err)
{
	wp_status st = WP_OK;
	wp_person_info a = {0}, b = {0};
	int64_t now = wp_workspace_now(ws);
	WP_TRY(wpi_person_fill(ws, c->a, &a, err));
	for (size_t i = 0; i < c->out->count; i++) {
		wp_tie_info *t = &c->out->items[i];
		WP_TRY(wpi_person_fill(ws, t->b, &b, err));
		WP_TRY(wpi_strdup(a.name, &t->a_name, err));
		WP_TRY(wpi_strdup(b.name, &t->b_name, err));
		WP_TRY(wpi_strdup(b.company, &t->b_company, err));
		if (t->shared_company == NULL)
			WP_TRY(wpi_strdup("", &t->shared_company, err));
		t->warmth = wp_warmth_at(&c->parts[i], now);
		t->bucket = wp_warmth_bucket(t->warmth);
		wp_person_info_free(&b);
	}
	st = WP_OK;
fail:
	wp_person_info_free(&a);
	wp_person_info_free(&b);
	return st;
}

static void collector_free(collector *c)
{
	wpi_imap_free(&c->index);
	free(c->parts);
	free(c->best_months);
}

static int tie_order(const void *x, const void *y)
{
	const wp_tie_info *a = x, *b = y;
	if (a->warmth != b->warmth)
		return a->warmth > b->warmth ? -1 : 1;
	int c = strcmp(a->b_name, b->b_name);
	if (c != 0)
		return c;
	return a->b < b->b ? -1 : a->b > b->b;
}

wp_status wp_workspace_ties(wp_workspace *ws, int64_t id, wp_ties *out, char *err)
{
	wp_status st = WP_OK;
	collector c = {.a = id, .out = out};
	bool began = false;
	memset(out, 0, sizeof(*out));
	WP_TRY(wpi_exec(ws, "BEGIN", err));
	began = true;
	WP_TRY(collect_ties(ws, &c, 0, err));
	WP_TRY(finish_ties(ws, &c, err));
	WP_TRY(wpi_exec(ws, "COMMIT", err));
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), tie_order);
	collector_free(&c);
	return WP_OK;
fail:
	if (began)
		wpi_rollback(ws);
	collector_free(&c);
	wp_ties_free(out);
	return st;
}

wp_status wp_workspace_tie_evidence(wp_workspace *ws, int64_t a, int64_t b, wp_tie_info *out,
                                    char *err)
{
	wp_status st = WP_OK;
	wp_ties list = {0};
	collector c = {.a = a, .out = &list};
	bool began = false;
	memset(out, 0, sizeof(*out));
	if (a == b || a <= 0 || b <= 0)
		WP_FAIL(WP_ENOTFOUND, "no tie between #%lld and #%lld", (long long)a, (long long)b);
	WP_TRY(wpi_exec(ws, "BEGIN", err));
	began = true;
	WP_TRY(collect_ties(ws, &c, b, err));
	if (list.count == 0)
		WP_FAIL(WP_ENOTFOUND, "no tie between #%lld and #%lld", (long long)a, (long long)b);
	WP_TRY(finish_ties(ws, &c, err));
	WP_TRY(wpi_exec(ws, "COMMIT", err));
	*out = list.items[0];
	free(list.items);
	collector_free(&c);
	return WP_OK;
fail:
	if (began)
		wpi_rollback(ws);
	collector_free(&c);
	wp_ties_free(&list);
	return st;
}

/* ---- Manual strengths ------------------------------------------------------------------------ */

wp_status wp_workspace_set_manual(wp_workspace *ws, const char *ref_a, const char *ref_b,
                                  double strength, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	int64_t a = 0, b = 0;
	bool began = false;
	char detail[128];

	if (!(strength >= 0.0 && strength <= 1.0))
		WP_FAIL(WP_EARG, "strength %g is outside [0, 1]", strength);
	WP_TRY(wpi_begin(ws, err));
	began = true;
	WP_TRY(wp_workspace_person_resolve(ws, ref_a, &a, err));
	WP_TRY(wp_workspace_person_resolve(ws, ref_b, &b, err));
	if (a == b)
		WP_FAIL(WP_EARG, "\"%s\" and \"%s\" are the same person", ref_a, ref_b);
	uint64_t pair = wpi_pair(a, b);
	if (strength > 0) {
		WP_TRY(wpi_prepare(
		        ws,
		        "INSERT INTO manual(lo, hi, strength, at) VALUES (?, ?, ?, ?) "
		        "ON CONFLICT(lo, hi) DO UPDATE SET strength = excluded.strength, "
		        "at = excluded.at",
		        &s, err));
		sqlite3_bind_double(s, 3, strength);
		sqlite3_bind_int64(s, 4, wp_workspace_now(ws));
	} else {
		WP_TRY(wpi_prepare(ws, "DELETE FROM manual WHERE lo = ? AND hi = ?", &s, err));
	}
	sqlite3_bind_int64(s, 1, (int64_t)(pair >> 32));
	sqlite3_bind_int64(s, 2, (int64_t)(pair & 0xffffffff));
	WP_TRY(wpi_step_done(ws, s, err, "cannot set a tie's strength"));
	snprintf(detail, sizeof(detail), "#%lld - #%lld: %s%g", (long long)a, (long long)b,
	         strength > 0 ? "" : "removed, was ", strength);
	WP_TRY(wpi_log(ws, "manual", 0, "", "", detail, err));
	WP_TRY(wpi_touch(ws, err));
	WP_TRY(wpi_commit(ws, err));
	sqlite3_finalize(s);
	return WP_OK;
fail:
	sqlite3_finalize(s);
	if (began)
		wpi_rollback(ws);
	return st;
}

/* ---- Shared employers --------------------------------------------------------------------- */

typedef struct tenure {
	int64_t member;
	char *company, *company_key;
	int32_t start, end;
} tenure;

static int tenure_order(const void *x, const void *y)
{
	const tenure *a = x, *b = y;
	if (a->member != b->member)
		return a->member < b->member ? -1 : 1;
	int c = strcmp(a->company_key, b->company_key);
	if (c != 0)
		return c;
	return a->start < b->start ? -1 : a->start > b->start;
}

static int tenure_by_company(const void *x, const void *y)
{
	const tenure *a = x, *b = y;
	int c = strcmp(a->company_key, b->company_key);
	if (c != 0)
		return c;
	if (a->member != b->member)
		return a->member < b->member ? -1 : 1;
	return a->start < b->start ? -1 : a->start > b->start;
}

wp_status wpi_shared_refresh(wp_workspace *ws, int64_t now, bool *changed, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL, *put = NULL, *del = NULL;
	wpi_members members = {0};
	tenure *ten = NULL;
	size_t count = 0, cap = 0;
	wpi_imap want = {0}, best = {0}, have = {0};
	int32_t now_month = wpi_month_of(now);
	int rc;
	*changed = false;

	WP_TRY(wpi_members_load(ws, &members, err));
	WP_TRY(wpi_prepare(ws,
	                   "SELECT member_id, company, company_key, start_month, end_month "
	                   "FROM positions WHERE company_key <> '' AND start_month > 0",
	                   &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			tenure *t = realloc(ten, cap * sizeof(*t));
			if (t == NULL)
				WP_FAIL(WP_ENOMEM, "cannot hold %zu positions", cap);
			ten = t;
		}
		tenure *t = &ten[count];
		memset(t, 0, sizeof(*t));
		count++;
		t->member = sqlite3_column_int64(s, 0);
		WP_TRY(wpi_strdup(wpi_col_text(s, 1), &t->company, err));
		WP_TRY(wpi_strdup(wpi_col_text(s, 2), &t->company_key, err));
		t->start = (int32_t)sqlite3_column_int64(s, 3);
		t->end = (int32_t)sqlite3_column_int64(s, 4);
		if (t->end == 0 || t->end > now_month)
			t->end = now_month;
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read positions"));
	sqlite3_finalize(s);
	s = NULL;
	if (count > 1)
		qsort(ten, count, sizeof(*ten), tenure_order);

	/* Each member's tenures at one company merged into disjoint intervals, so overlapping
	 * titles at one employer do not count twice. */
	size_t w = 0;
	for (size_t i = 0; i < count; i++) {
		tenure *prev = w > 0 ? &ten[w - 1] : NULL;
		if (prev != NULL && prev->member == ten[i].member &&
		    strcmp(prev->company_key, ten[i].company_key) == 0 &&
		    ten[i].start <= prev->end + 1) {
			if (ten[i].end > prev->end)
				prev->end = ten[i].end;
			free(ten[i].company);
			free(ten[i].company_key);
			continue;
		}
		ten[w++] = ten[i];
	}
	count = w;

	/* Months of overlap per pair of members' people, summed over companies (want), and the
	 * company of the longest single overlap (best: months << 32 | tenure index). Sorted by
	 * company, so only tenures at one company are compared. */
	if (count > 1)
		qsort(ten, count, sizeof(*ten), tenure_by_company);
	for (size_t i = 0; i < count; i++) {
		for (size_t j = i + 1;
		     j < count && strcmp(ten[i].company_key, ten[j].company_key) == 0; j++) {
			if (ten[j].member == ten[i].member)
				continue;
			const wpi_member *mi = wpi_members_by_id(&members, ten[i].member);
			const wpi_member *mj = wpi_members_by_id(&members, ten[j].member);
			if (mi == NULL || mj == NULL || mi->person <= 0 || mj->person <= 0 ||
			    mi->person == mj->person)
				continue;
			int32_t lo = ten[i].start > ten[j].start ? ten[i].start : ten[j].start;
			int32_t hi = ten[i].end < ten[j].end ? ten[i].end : ten[j].end;
			if (hi < lo)
				continue;
			uint64_t months = (uint64_t)((int64_t)hi - lo + 1), v = 0, b = 0;
			uint64_t key = wpi_pair(mi->person, mj->person);
			wpi_imap_get(&want, key, &v);
			WP_TRY(wpi_imap_put(&want, key, v + months, err));
			if (!wpi_imap_get(&best, key, &b) || (b >> 32) < months)
				WP_TRY(wpi_imap_put(&best, key, months << 32 | i, err));
		}
	}

	/* Compare with the table: delete what is no longer true, write what changed. */
	WP_TRY(wpi_prepare(ws, "SELECT lo, hi, months, company FROM shared", &s, err));
	WP_TRY(wpi_prepare(ws, "DELETE FROM shared WHERE lo = ? AND hi = ?", &del, err));
	WP_TRY(wpi_prepare(ws,
	                   "INSERT INTO shared(lo, hi, months, company) VALUES (?, ?, ?, ?) "
	                   "ON CONFLICT(lo, hi) DO UPDATE SET months = excluded.months, "
	                   "company = excluded.company",
	                   &put, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t lo = sqlite3_column_int64(s, 0), hi = sqlite3_column_int64(s, 1);
		uint64_t key = wpi_pair(lo, hi), v, b = 0;
		WP_TRY(wpi_imap_put(&have, key, 1, err));
		bool wanted = wpi_imap_get(&want, key, &v);
		wpi_imap_get(&best, key, &b);
		const char *company = ten != NULL ? ten[b & 0xffffffff].company : "";
		if (wanted && (uint64_t)sqlite3_column_int64(s, 2) == v &&
		    strcmp(wpi_col_text(s, 3), company) == 0)
			continue;
		if (!wanted) {
			sqlite3_bind_int64(del, 1, lo);
			sqlite3_bind_int64(del, 2, hi);
			WP_TRY(wpi_step_done(ws, del, err, "cannot update shared employers"));
		} else {
			sqlite3_bind_int64(put, 1, lo);
			sqlite3_bind_int64(put, 2, hi);
			sqlite3_bind_int64(put, 3, (int64_t)v);
			sqlite3_bind_text(put, 4, company, -1, SQLITE_STATIC);
			WP_TRY(wpi_step_done(ws, put, err, "cannot update shared employers"));
		}
		*changed = true;
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read shared employers"));
	for (uint64_t i = 0; want.keys != NULL && i <= want.mask; i++) {
		uint64_t key = want.keys[i], v = want.values[i], seen, b = 0;
		if (key == 0 || wpi_imap_get(&have, key, &seen))
			continue;
		wpi_imap_get(&best, key, &b);
		sqlite3_bind_int64(put, 1, (int64_t)(key >> 32));
		sqlite3_bind_int64(put, 2, (int64_t)(key & 0xffffffff));
		sqlite3_bind_int64(put, 3, (int64_t)v);
		sqlite3_bind_text(put, 4, ten != NULL ? ten[b & 0xffffffff].company : "", -1,
		                  SQLITE_STATIC);
		WP_TRY(wpi_step_done(ws, put, err, "cannot update shared employers"));
		*changed = true;
	}
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	for (size_t i = 0; i < count; i++) {
		free(ten[i].company);
		free(ten[i].company_key);
	}
	free(ten);
	wpi_imap_free(&want);
	wpi_imap_free(&best);
	wpi_imap_free(&have);
	wpi_members_free(&members);
	return st;
}
