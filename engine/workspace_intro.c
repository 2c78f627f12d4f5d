/* workspace_intro.c - read-only workspace queries for explaining introductions in bulk.
 *
 * `warmpath intro --targets` resolves thousands of prospects and explains tens of thousands of
 * ties. wp_workspace_people_find and wp_workspace_tie_evidence answer one question each, in a
 * transaction of their own, and fill every person they touch with wpi_person_fill, whose
 * mention count costs one statement per member: with 200 members, a few hundred statements per
 * tie. The functions here give the same answers without that: one read transaction for a whole
 * batch, members loaded once, and people read by one indexed statement (names and companies
 * only: a tie's explanation needs no mention counts). They never write.
 *
 * wp_workspace_tie_evidence_many collects exactly the reports wp_workspace_tie_evidence does for
 * a pair (workspace_ties.c: collect_ties with b > 0): each member's mention of the other person
 * when one of the two is that member, the links between members, and the shared-employer and
 * manual rows of the pair; reports are combined the same way (wpi_ev_combine, wp_warmth_combine,
 * the shared company of the longest overlap, one source per member report).
 */
#include "engine/workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/identity.h"
#include "engine/workspace_internal.h"

wp_status wp_workspace_people_find_ids(wp_workspace *ws, const char *ref, int64_t **ids,
                                       size_t *count, char *err)
{
	wp_status st = WP_OK;
	wp_people p = {0};
	char key[WP_KEY_LEN], buf[WP_KEY_LEN + 8];
	int64_t one = 0;
	*ids = NULL;
	*count = 0;
	while (*ref == ' ' || *ref == '\t')
		ref++;
	if (*ref == '\0')
		return WP_OK;
	if (ref[0] == '#' && ref[1] >= '0' && ref[1] <= '9') {
		char *end;
		long long id = strtoll(ref + 1, &end, 10);
		if (*end == '\0') {
			sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_PERSON_GET, err);
			if (s == NULL)
				WP_FAIL(WP_EIO, "cannot read a person");
			sqlite3_bind_int64(s, 1, id);
			int rc = sqlite3_step(s);
			sqlite3_reset(s);
			if (rc != SQLITE_ROW && rc != SQLITE_DONE)
				WP_TRY(wpi_sqlerr(ws, err, "cannot read a person"));
			one = rc == SQLITE_ROW ? id : 0;
			goto single;
		}
	}
	if (strstr(ref, "linkedin.com/") != NULL || strchr(ref, '@') != NULL) {
		bool url = strchr(ref, '@') == NULL;
		if (url ? wp_identity_slug(ref, key) : wp_identity_email(ref, key)) {
			snprintf(buf, sizeof(buf), "%s%s", url ? "s:" : "e:", key);
			WP_TRY(wpi_keys_refresh(ws, err));
			int64_t v = wpi_keys_lookup(ws, buf);
			if (v != WPI_AMBIGUOUS) {
				one = v > 0 ? v : 0;
				goto single;
			}
		}
	}
	/* Names, labels and shared keys: the general resolver. */
	WP_TRY(wp_workspace_people_find(ws, ref, &p, err));
	if (p.count > 0) {
		*ids = malloc(p.count * sizeof(**ids));
		if (*ids == NULL)
			WP_FAIL(WP_ENOMEM, "cannot list %zu people", p.count);
		for (size_t i = 0; i < p.count; i++)
			(*ids)[i] = p.items[i].id;
		*count = p.count;
	}
	wp_people_free(&p);
	return WP_OK;
single:
	if (one > 0) {
		*ids = malloc(sizeof(**ids));
		if (*ids == NULL)
			WP_FAIL(WP_ENOMEM, "cannot list a person");
		(*ids)[0] = one;
		*count = 1;
	}
	return WP_OK;
fail:
	wp_people_free(&p);
	return st;
}

/* Adds one report to t (a tie being collected); member NULL: no source (shared, manual). */
static wp_status add_report(wp_tie_info *t, wp_warmth_parts *parts, uint32_t *best_months,
                            bool *any, const char *member, const wpi_ev *e, char *err)
{
	wp_status st = WP_OK;
	wpi_ev_combine(&t->ev, &e->ev);
	*parts = wp_warmth_combine(*parts, e->parts);
	*any = true;
	if (e->company && *e->company &&
	    (t->shared_company == NULL || e->ev.shared_months > *best_months)) {
		free(t->shared_company);
		t->shared_company = NULL;
		WP_TRY(wpi_strdup(e->company, &t->shared_company, err));
		*best_months = e->ev.shared_months;
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

/* Name and company of person p (for a tie's display). */
static wp_status person_names(wp_workspace *ws, int64_t p, char **name, char **company, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_PERSON_GET, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot read a person");
	sqlite3_bind_int64(s, 1, p);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st = wpi_strdup(wpi_col_text(s, 0), name, err);
		if (st == WP_OK && company != NULL)
			st = wpi_strdup(wpi_col_text(s, 2), company, err);
	} else if (rc == SQLITE_DONE) {
		st = wp_error(err, WP_ENOTFOUND, "no person #%lld", (long long)p);
	} else {
		st = wpi_sqlerr(ws, err, "cannot read a person");
	}
	sqlite3_reset(s);
	return st;
fail:
	return st;
}

/* The links rows of the requested pairs, read by one scan of the table (links are keyed by
 * member first and have no index on the pair), in table order within each pair. */
typedef struct link_row {
	uint64_t pair;
	size_t seq; /* position in the table scan */
	int64_t member_id;
	wpi_ev e;
	char *company; /* owned copy of e.company */
} link_row;

typedef struct link_rows {
	link_row *items;
	size_t count, cap;
} link_rows;

static int u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

static int link_cmp(const void *x, const void *y)
{
	const link_row *a = x, *b = y;
	if (a->pair != b->pair)
		return a->pair < b->pair ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq; /* qsort is not stable */
}

static void link_rows_free(link_rows *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i].company);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* Reads the links rows whose pair is among the count pairs (a[i], b[i]) into out, sorted by
 * pair and, within a pair, in table order. */
static wp_status links_load(wp_workspace *ws, const int64_t *a, const int64_t *b, size_t count,
                            link_rows *out, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	uint64_t *want = malloc((count + 1) * sizeof(*want));
	size_t nw = 0;
	int rc;
	if (want == NULL)
		WP_FAIL(WP_ENOMEM, "cannot list %zu ties", count);
	for (size_t i = 0; i < count; i++)
		if (a[i] > 0 && b[i] > 0 && a[i] != b[i])
			want[nw++] = wpi_pair(a[i], b[i]);
	qsort(want, nw, sizeof(*want), u64_cmp);
	WP_TRY(wpi_prepare(ws, "SELECT member_id, lo, hi, " WPI_EV_NAMES_SQL " FROM links", &s,
	                   err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		uint64_t pair = wpi_pair(sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2));
		if (nw == 0 || bsearch(&pair, want, nw, sizeof(*want), u64_cmp) == NULL)
			continue;
		if (out->count == out->cap) {
			size_t cap = out->cap ? 2 * out->cap : 64;
			link_row *items = realloc(out->items, cap * sizeof(*items));
			if (items == NULL)
				WP_FAIL(WP_ENOMEM, "cannot list %zu links", cap);
			out->items = items;
			out->cap = cap;
		}
		link_row *r = &out->items[out->count];
		r->pair = pair;
		r->seq = out->count;
		r->member_id = sqlite3_column_int64(s, 0);
		wpi_ev_read(s, 3, &r->e);
		r->company = NULL;
		WP_TRY(wpi_strdup(r->e.company, &r->company, err));
		r->e.company = r->company;
		out->count++;
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the links"));
	/* Sorting by (pair, seq) keeps table order within a pair. */
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), link_cmp);
	for (size_t i = 0; i < out->count; i++)
		out->items[i].e.company = out->items[i].company;
fail:
	sqlite3_finalize(s);
	free(want);
	return st;
}

/* The tie a -> b into t (zeroed on entry); *found false when no report exists. */
static wp_status one_tie(wp_workspace *ws, const wpi_members *members, const link_rows *links,
                         sqlite3_stmt *shared, int64_t a, int64_t b, wp_tie_info *t, bool *found,
                         char *err)
{
	wp_status st = WP_OK;
	wp_warmth_parts parts = {0};
	uint32_t best = 0;
	wpi_ev e;
	int rc;
	*found = false;
	t->a = a;
	t->b = b;
	if (a == b || a <= 0 || b <= 0)
		return WP_OK;
	/* The mentions: a member's export about the other person. */
	for (size_t i = 0; i < members->count; i++) {
		const wpi_member *m = &members->items[i];
		int64_t other = m->person == a ? b : m->person > 0 && m->person == b ? a : 0;
		if (other == 0)
			continue;
		sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_MENTION_GET, err);
		if (s == NULL)
			WP_FAIL(WP_EIO, "cannot read a mention");
		sqlite3_bind_int64(s, 1, wpi_mention_id(m->id, other));
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			wpi_ev_read(s, 11, &e);
			if (e.parts.points > 0 || e.parts.manual > 0) {
				if (other == a)
					wpi_ev_reverse(&e.ev);
				st = add_report(t, &parts, &best, found, m->name, &e, err);
			}
		} else if (rc != SQLITE_DONE) {
			st = wpi_sqlerr(ws, err, "cannot read a mention");
		}
		sqlite3_reset(s);
		WP_TRY(st);
	}
	/* Links between members, then shared employers and manual strengths of the pair. */
	int64_t lo = a < b ? a : b, hi = a < b ? b : a;
	uint64_t pair = wpi_pair(a, b);
	size_t first = 0, last = links->count;
	while (first < last) { /* the first row of the pair */
		size_t mid = first + (last - first) / 2;
		if (links->items[mid].pair < pair)
			first = mid + 1;
		else
			last = mid;
	}
	for (size_t i = first; i < links->count && links->items[i].pair == pair; i++) {
		const wpi_member *m = wpi_members_by_id(members, links->items[i].member_id);
		e = links->items[i].e;
		if (lo != a)
			wpi_ev_reverse(&e.ev);
		WP_TRY(add_report(t, &parts, &best, found, m ? m->name : "", &e, err));
	}
	sqlite3_bind_int64(shared, 1, lo);
	sqlite3_bind_int64(shared, 2, hi);
	while ((rc = sqlite3_step(shared)) == SQLITE_ROW) {
		wpi_ev x = {0};
		uint32_t months = (uint32_t)sqlite3_column_int64(shared, 0);
		double manual = sqlite3_column_double(shared, 2);
		if (manual > 0) {
			x.ev.manual = manual;
			x.parts.manual = (float)manual;
		} else {
			wp_tie_evidence only = {.shared_months = months, .shared_employer = true};
			x.ev = only;
			x.company = wpi_col_text(shared, 1);
			wp_warmth_reduce(&only, &x.parts);
		}
		st = add_report(t, &parts, &best, found, NULL, &x, err);
		if (st != WP_OK)
			break;
	}
	sqlite3_reset(shared);
	WP_TRY(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the ties"));
	if (!*found)
		return WP_OK;
	WP_TRY(person_names(ws, a, &t->a_name, NULL, err));
	WP_TRY(person_names(ws, b, &t->b_name, &t->b_company, err));
	if (t->shared_company == NULL)
		WP_TRY(wpi_strdup("", &t->shared_company, err));
	t->warmth = wp_warmth_at(&parts, wp_workspace_now(ws));
	t->bucket = wp_warmth_bucket(t->warmth);
	return WP_OK;
fail:
	return st;
}

wp_status wp_workspace_tie_evidence_many(wp_workspace *ws, const int64_t *a, const int64_t *b,
                                         size_t count, wp_tie_info *out, bool *found, char *err)
{
	wp_status st = WP_OK;
	wpi_members members = {0};
	link_rows links = {0};
	sqlite3_stmt *shared = NULL;
	bool began = false;
	memset(out, 0, count * sizeof(*out));
	WP_TRY(wpi_exec(ws, "BEGIN", err));
	began = true;
	WP_TRY(wpi_members_load(ws, &members, err));
	WP_TRY(links_load(ws, a, b, count, &links, err));
	WP_TRY(wpi_prepare(ws,
	                   "SELECT months, company, 0 FROM shared WHERE lo = ?1 AND hi = ?2 "
	                   "UNION ALL SELECT 0, '', strength FROM manual WHERE lo = ?1 AND hi = ?2",
	                   &shared, err));
	for (size_t i = 0; i < count; i++) {
		st = one_tie(ws, &members, &links, shared, a[i], b[i], &out[i], &found[i], err);
		if (st != WP_OK)
			goto fail;
	}
	sqlite3_finalize(shared);
	shared = NULL;
	WP_TRY(wpi_exec(ws, "COMMIT", err));
	wpi_members_free(&members);
	link_rows_free(&links);
	return WP_OK;
fail:
	link_rows_free(&links);
	sqlite3_finalize(shared);
	if (began)
		wpi_rollback(ws);
	wpi_members_free(&members);
	for (size_t i = 0; i < count; i++)
		wp_tie_info_free(&out[i]);
	return st;
}

/* A wanted key of wp_workspace_people_find_keys: its text and the index of its reference. */
typedef struct wanted_key {
	const char *key;
	size_t at;
} wanted_key;

static int wanted_cmp(const void *x, const void *y)
{
	const wanted_key *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->at > b->at) - (a->at < b->at);
}

/* Notes person for every reference whose wanted key equals key (-1 once two people share it). */
static void wanted_each(const wanted_key *w, size_t n, const char *key, int64_t person,
                        int64_t *ids)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(w[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(w[lo].key, key) == 0; lo++) {
		int64_t *id = &ids[w[lo].at];
		*id = *id == 0 ? person : *id == person ? person : -1;
	}
}

wp_status wp_workspace_people_find_keys(wp_workspace *ws, const char *const *refs, size_t count,
                                        int64_t *ids, char *err)
{
	wp_status st = WP_OK;
	wanted_key *slugs = calloc(count + 1, sizeof(*slugs));
	wanted_key *emails = calloc(count + 1, sizeof(*emails));
	char *keys = malloc((count + 1) * WP_KEY_LEN);
	sqlite3_stmt *s = NULL;
	size_t ns = 0, ne = 0;
	bool began = false;
	int rc;
	if (slugs == NULL || emails == NULL || keys == NULL)
		WP_FAIL(WP_ENOMEM, "cannot resolve %zu references", count);
	for (size_t i = 0; i < count; i++) {
		const char *r = refs[i];
		char *k = keys + i * WP_KEY_LEN;
		ids[i] = 0;
		if (r == NULL || *r == '\0')
			continue;
		if (strchr(r, '@') != NULL) {
			if (wp_identity_email(r, k) && *k)
				emails[ne++] = (wanted_key){k, i};
		} else if (strstr(r, "linkedin.com/") != NULL) {
			if (wp_identity_slug(r, k) && *k)
				slugs[ns++] = (wanted_key){k, i};
		}
	}
	qsort(slugs, ns, sizeof(*slugs), wanted_cmp);
	qsort(emails, ne, sizeof(*emails), wanted_cmp);
	if (ns + ne > 0) {
		/* The key index's rule (workspace_keys.c): every mention not marked never-merge
		 * gives its person's slug and e-mail keys; a key of two people is ambiguous. */
		WP_TRY(wpi_exec(ws, "BEGIN", err));
		began = true;
		WP_TRY(wpi_prepare(ws, "SELECT id, slug, email, flags FROM mentions", &s, err));
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			if ((uint32_t)sqlite3_column_int64(s, 3) & WPI_NEVER_MERGE)
				continue;
			int64_t person = sqlite3_column_int64(s, 0) & 0xffffffff;
			const char *slug = wpi_col_text(s, 1), *email = wpi_col_text(s, 2);
			if (ns && *slug)
				wanted_each(slugs, ns, slug, person, ids);
			if (ne && *email)
				wanted_each(emails, ne, email, person, ids);
		}
		if (rc != SQLITE_DONE)
			WP_TRY(wpi_sqlerr(ws, err, "cannot read the mentions"));
		sqlite3_finalize(s);
		s = NULL;
		WP_TRY(wpi_exec(ws, "COMMIT", err));
		began = false;
	}
	for (size_t i = 0; i < count; i++)
		if (ids[i] < 0)
			ids[i] = 0;
fail:
	sqlite3_finalize(s);
	if (began)
		wpi_rollback(ws);
	free(slugs);
	free(emails);
	free(keys);
	return st;
}
