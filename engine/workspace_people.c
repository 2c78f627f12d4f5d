/* workspace_people.c - people as users name them: references, search, suggestions and
 * duplicates.
 *
 * A reference is resolved in this order: "#ID"; a LinkedIn URL (by slug, through the identity
 * key map); an e-mail address; a graph label exactly as wp_workspace_graph() prints it ("John
 * Smith (Acme)", "John Smith #2"); "Name (Company)" by name key and company key; a display name
 * by name key. Suggestions rank every person by a similarity of name keys (shared words, then
 * edit distance), O(people). Merge and split live in workspace_decide.c.
 */
#include "engine/workspace_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wp_person_info_free(wp_person_info *p)
{
	free(p->name);
	free(p->company);
	free(p->position);
	free(p->slug);
	free(p->email);
	free(p->label);
	memset(p, 0, sizeof(*p));
}

void wp_people_free(wp_people *p)
{
	for (size_t i = 0; i < p->count; i++)
		wp_person_info_free(&p->items[i]);
	free(p->items);
	memset(p, 0, sizeof(*p));
}

/* Fills out from person id's row (no tie count); WP_ENOTFOUND if there is none. */
wp_status wpi_person_fill(wp_workspace *ws, int64_t id, wp_person_info *out, char *err)
{
	wp_status st = WP_OK;
	wpi_members members = {0};
	memset(out, 0, sizeof(*out));
	WP_TRY(wpi_labels_refresh(ws, err));
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_PERSON_GET, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot read a person");
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			WP_TRY(wpi_sqlerr(ws, err, "cannot read a person"));
		WP_FAIL(WP_ENOTFOUND, "no person #%lld", (long long)id);
	}
	out->id = id;
	st = wpi_strdup(wpi_col_text(s, 0), &out->name, err);
	if (st == WP_OK)
		st = wpi_strdup(wpi_col_text(s, 2), &out->company, err);
	if (st == WP_OK)
		st = wpi_strdup(wpi_col_text(s, 4), &out->position, err);
	if (st == WP_OK)
		st = wpi_strdup(wpi_col_text(s, 5), &out->slug, err);
	if (st == WP_OK)
		st = wpi_strdup(wpi_col_text(s, 6), &out->email, err);
	out->never_merge = (sqlite3_column_int64(s, 7) & WPI_NEVER_MERGE) != 0;
	sqlite3_reset(s);
	WP_TRY(st);
	WP_TRY(wpi_strdup(wpi_label(ws, id), &out->label, err));
	WP_TRY(wpi_members_load(ws, &members, err));
	out->member = wpi_members_by_person(&members, id) != NULL;
	for (size_t i = 0; i < members.count; i++) {
		s = wpi_stmt(ws, WPI_Q_MENTION_GET, err);
		if (s == NULL)
			WP_FAIL(WP_EIO, "cannot read a mention");
		sqlite3_bind_int64(s, 1, wpi_mention_id(members.items[i].id, id));
		out->mentions += sqlite3_step(s) == SQLITE_ROW;
		sqlite3_reset(s);
	}
	wpi_members_free(&members);
	return WP_OK;
fail:
	wpi_members_free(&members);
	wp_person_info_free(out);
	return st;
}

wp_status wp_workspace_person_get(wp_workspace *ws, int64_t id, wp_person_info *out, char *err)
{
	wp_status st = WP_OK;
	wp_ties ties = {0};
	WP_TRY(wpi_person_fill(ws, id, out, err));
	WP_TRY(wp_workspace_ties(ws, id, &ties, err));
	out->ties = (uint32_t)ties.count;
	wp_ties_free(&ties);
	return WP_OK;
fail:
	wp_person_info_free(out);
	return st;
}

/* Appends person id to out. */
static wp_status people_push(wp_workspace *ws, wp_people *out, size_t *cap, int64_t id, char *err)
{
	wp_status st = WP_OK;
	for (size_t i = 0; i < out->count; i++)
		if (out->items[i].id == id)
			return WP_OK;
	if (out->count == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		wp_person_info *p = realloc(out->items, c * sizeof(*p));
		if (p == NULL)
			WP_FAIL(WP_ENOMEM, "cannot list %zu people", c);
		out->items = p;
		*cap = c;
	}
	WP_TRY(wpi_person_fill(ws, id, &out->items[out->count], err));
	out->count++;
	return WP_OK;
fail:
	return st;
}

/* Ids of the rows a one-off query returns (bound to text a and b), pushed onto out. */
static wp_status push_query(wp_workspace *ws, const char *sql, const char *a, const char *b,
                            wp_people *out, size_t *cap, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	int64_t *ids = NULL;
	size_t n = 0, ncap = 0;
	int rc;
	WP_TRY(wpi_prepare(ws, sql, &s, err));
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == ncap) {
			ncap = ncap ? ncap * 2 : 8;
			int64_t *p = realloc(ids, ncap * sizeof(*p));
			if (p == NULL)
				WP_FAIL(WP_ENOMEM, "cannot list %zu people", ncap);
			ids = p;
		}
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot find people"));
	sqlite3_finalize(s);
	s = NULL;
	for (size_t i = 0; i < n; i++)
		WP_TRY(people_push(ws, out, cap, ids[i], err));
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	free(ids);
	return st;
}

wp_status wp_workspace_people_find(wp_workspace *ws, const char *ref, wp_people *out, char *err)
{
	wp_status st = WP_OK;
	char key[WP_KEY_LEN], ckey[WP_KEY_LEN], buf[2 * WP_KEY_LEN + 8];
	size_t cap = 0;
	int64_t v;
	memset(out, 0, sizeof(*out));
	while (*ref == ' ' || *ref == '\t')
		ref++;
	if (*ref == '\0')
		return WP_OK;

	if (ref[0] == '#' && isdigit((unsigned char)ref[1])) {
		char *end;
		long long id = strtoll(ref + 1, &end, 10);
		if (*end == '\0') {
			wp_person_info p;
			if (wpi_person_fill(ws, id, &p, NULL) == WP_OK) {
				WP_TRY(people_push(ws, out, &cap, id, err));
				wp_person_info_free(&p);
			}
			return WP_OK;
		}
	}
	if (strstr(ref, "linkedin.com/") != NULL || strchr(ref, '@') != NULL) {
		bool url = strchr(ref, '@') == NULL;
		if (url ? wp_identity_slug(ref, key) : wp_identity_email(ref, key)) {
			snprintf(buf, sizeof(buf), "%s%s", url ? "s:" : "e:", key);
			WP_TRY(wpi_keys_refresh(ws, err));
			v = wpi_keys_lookup(ws, buf);
			if (v > 0)
				return people_push(ws, out, &cap, v, err);
			if (v == WPI_AMBIGUOUS)
				return push_query(
				        ws,
				        url ? "SELECT DISTINCT id & 4294967295 FROM mentions "
				              "WHERE slug = ?1 ORDER BY 1"
				            : "SELECT DISTINCT id & 4294967295 FROM mentions "
				              "WHERE email = ?1 ORDER BY 1",
				        key, NULL, out, &cap, err);
			return WP_OK;
		}
	}
	/* A made label ("John Smith (Acme)", "John Smith #2") names one person; a label that is
	 * just a display name may be shared: then everyone with that name key, the label's
	 * person first. */
	WP_TRY(wpi_labels_refresh(ws, err));
	WP_TRY(wpi_label_person(ws, ref, &v, err));
	if (v > 0) {
		WP_TRY(people_push(ws, out, &cap, v, err));
		if (out->count == 0 || strcmp(out->items[0].name, ref) != 0)
			return WP_OK;
		wp_identity_name_key(ref, key);
		if (*key)
			WP_TRY(push_query(ws,
			                  "SELECT id FROM people WHERE name_key = ?1 ORDER BY id",
			                  key, NULL, out, &cap, err));
		return WP_OK;
	}

	/* "Name (Company)" */
	size_t len = strlen(ref);
	const char *open = strrchr(ref, '(');
	if (len > 2 && ref[len - 1] == ')' && open != NULL && open > ref) {
		char name[WP_KEY_LEN], company[WP_KEY_LEN];
		snprintf(name, sizeof(name), "%.*s", (int)(open - ref), ref);
		snprintf(company, sizeof(company), "%.*s", (int)(ref + len - 1 - open - 1),
		         open + 1);
		wp_identity_name_key(name, key);
		wp_identity_company_key(company, ckey);
		if (*key && *ckey) {
			WP_TRY(push_query(ws,
			                  "SELECT id FROM people WHERE name_key = ?1 AND "
			                  "company_key = ?2 ORDER BY id",
			                  key, ckey, out, &cap, err));
			if (out->count > 0)
				return WP_OK;
		}
	}
	wp_identity_name_key(ref, key);
	if (*key)
		WP_TRY(push_query(ws, "SELECT id FROM people WHERE name_key = ?1 ORDER BY id", key,
		                  NULL, out, &cap, err));
	/* Not a display name: perhaps a name someone else's export uses for them (after a
	 * merge, say). One scan of the mentions. */
	if (*key && out->count == 0)
		WP_TRY(push_query(
		        ws,
		        "SELECT DISTINCT id & 4294967295 FROM mentions WHERE name_key = ?1 "
		        "AND flags & 1 = 0 ORDER BY 1",
		        key, NULL, out, &cap, err));
	return WP_OK;
fail:
	wp_people_free(out);
	return st;
}

/* Levenshtein distance of a and b (each at most WP_KEY_LEN bytes), capped at cap. */
static size_t edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[WP_KEY_LEN + 1];
	if (la > WP_KEY_LEN)
		la = WP_KEY_LEN;
	if (lb > WP_KEY_LEN)
		lb = WP_KEY_LEN;
	if ((la > lb ? la - lb : lb - la) >= cap)
		return cap;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best = row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (up + 1 < v)
				v = up + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best >= cap)
			return cap;
	}
	return row[lb] < cap ? row[lb] : cap;
}

/* Similarity of two name keys in [0, 1]: the best of shared words (Jaccard) and 1 - edit
 * distance / length. */
static double similarity(const char *q, const char *k)
{
	size_t lq = strlen(q), lk = strlen(k), longest = lq > lk ? lq : lk;
	if (longest == 0)
		return 0;
	double edit = 1.0 - (double)edit_distance(q, k, longest) / (double)longest;
	unsigned shared = 0, words_q = 0, words_k = 0;
	for (const char *a = q; *a;) {
		size_t n = strcspn(a, " ");
		words_q++;
		for (const char *b = k; *b;) {
			size_t m = strcspn(b, " ");
			if (m == n && memcmp(a, b, n) == 0) {
				shared++;
				break;
			}
			b += m;
			b += *b == ' ';
		}
		a += n;
		a += *a == ' ';
	}
	for (const char *b = k; *b;) {
		size_t m = strcspn(b, " ");
		words_k++;
		b += m;
		b += *b == ' ';
	}
	double jac = words_q + words_k > shared ? (double)shared / (words_q + words_k - shared) : 0;
	return jac > edit ? jac : edit;
}

typedef struct scored {
	double score;
	int64_t id;
	char *name;
} scored;

static int scored_order(const void *x, const void *y)
{
	const scored *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

/* Scores every person against text (by fn) and keeps those with score > 0, best first. */
static wp_status score_people(wp_workspace *ws, const char *text, bool search, scored **out,
                              size_t *count, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	scored *list = NULL;
	size_t n = 0, cap = 0;
	char key[WP_KEY_LEN], low[WP_KEY_LEN];
	int rc;
	wp_identity_name_key(text, key);
	size_t i;
	for (i = 0; text[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)tolower((unsigned char)text[i]);
	low[i] = '\0';
	WP_TRY(wpi_prepare(ws, "SELECT id, name, name_key, company_key, email, slug FROM people",
	                   &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		double score;
		const char *nk = wpi_col_text(s, 2);
		if (search)
			score = *key == '\0' || strstr(nk, key) ||
			                        strstr(wpi_col_text(s, 3), key) ||
			                        (*low && (strstr(wpi_col_text(s, 4), low) ||
			                                  strstr(wpi_col_text(s, 5), low)))
			                ? 1.0
			                : 0.0;
		else
			score = *key ? similarity(key, nk) : 0.0;
		if (score <= (search ? 0.0 : 0.34))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			scored *l = realloc(list, cap * sizeof(*l));
			if (l == NULL)
				WP_FAIL(WP_ENOMEM, "cannot rank %zu people", cap);
			list = l;
		}
		list[n].score = score;
		list[n].id = sqlite3_column_int64(s, 0);
		list[n].name = strdup(wpi_col_text(s, 1));
		if (list[n].name == NULL)
			WP_FAIL(WP_ENOMEM, "cannot rank people");
		n++;
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read people"));
	sqlite3_finalize(s);
	if (n > 1)
		qsort(list, n, sizeof(*list), scored_order);
	*out = list;
	*count = n;
	return WP_OK;
fail:
	sqlite3_finalize(s);
	for (size_t j = 0; j < n; j++)
		free(list[j].name);
	free(list);
	return st;
}

static wp_status ranked(wp_workspace *ws, const char *text, bool search, size_t limit,
                        wp_people *out, char *err)
{
	wp_status st = WP_OK;
	scored *list = NULL;
	size_t n = 0, cap = 0;
	memset(out, 0, sizeof(*out));
	WP_TRY(score_people(ws, text ? text : "", search, &list, &n, err));
	for (size_t i = 0; i < n && (limit == 0 || i < limit); i++)
		WP_TRY(people_push(ws, out, &cap, list[i].id, err));
	st = WP_OK;
fail:
	for (size_t i = 0; i < n; i++)
		free(list[i].name);
	free(list);
	if (st != WP_OK)
		wp_people_free(out);
	return st;
}

wp_status wp_workspace_people_search(wp_workspace *ws, const char *text, size_t limit,
                                     wp_people *out, char *err)
{
	return ranked(ws, text, true, limit, out, err);
}

wp_status wp_workspace_people_suggest(wp_workspace *ws, const char *text, size_t k, wp_people *out,
                                      char *err)
{
	return ranked(ws, text, false, k, out, err);
}

wp_status wp_workspace_person_resolve(wp_workspace *ws, const char *ref, int64_t *id, char *err)
{
	wp_status st = WP_OK;
	wp_people found = {0}, sugg = {0};
	char list[WP_ERR_LEN];
	size_t used = 0;
	list[0] = '\0';
	WP_TRY(wp_workspace_people_find(ws, ref, &found, err));
	if (found.count == 1) {
		*id = found.items[0].id;
		wp_people_free(&found);
		return WP_OK;
	}
	if (found.count == 0) {
		WP_TRY(wp_workspace_people_suggest(ws, ref, 3, &sugg, err));
		for (size_t i = 0; i < sugg.count && used + 1 < sizeof(list); i++) {
			int n = snprintf(list + used, sizeof(list) - used, "%s\"%s\"",
			                 i ? ", " : "", sugg.items[i].label);
			if (n > 0)
				used += (size_t)n;
		}
		if (sugg.count > 0)
			WP_FAIL(WP_ENOTFOUND, "no person matches \"%s\"; did you mean %s?", ref,
			        list);
		WP_FAIL(WP_ENOTFOUND, "no person matches \"%s\"", ref);
	}
	for (size_t i = 0; i < found.count && used + 1 < sizeof(list); i++) {
		int n = snprintf(list + used, sizeof(list) - used, "%s#%lld %s", i ? ", " : "",
		                 (long long)found.items[i].id, found.items[i].label);
		if (n > 0)
			used += (size_t)n;
	}
	WP_FAIL(WP_EINPUT, "\"%s\" is ambiguous: %s; use #ID", ref, list);
fail:
	wp_people_free(&found);
	wp_people_free(&sugg);
	return st;
}

/* ---- Duplicates ----------------------------------------------------------------------------- */

void wp_duplicates_free(wp_duplicates *d)
{
	for (size_t i = 0; i < d->count; i++) {
		wp_person_info_free(&d->items[i].a);
		wp_person_info_free(&d->items[i].b);
		free(d->items[i].reason);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}

typedef struct prow {
	int64_t id;
	char *name, *name_key, *company, *company_key, *slug, *email;
} prow;

static int prow_by_name(const void *x, const void *y)
{
	const prow *a = x, *b = y;
	int c = strcmp(a->name_key, b->name_key);
	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

static int prow_by_email(const void *x, const void *y)
{
	const prow *a = x, *b = y;
	int c = strcmp(a->email, b->email);
	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

static int dup_order(const void *x, const void *y)
{
	const wp_duplicate *a = x, *b = y;
	int c = strcmp(a->a.name, b->a.name);
	if (c)
		return c;
	if (a->a.id != b->a.id)
		return a->a.id < b->a.id ? -1 : 1;
	return a->b.id < b->b.id ? -1 : a->b.id > b->b.id;
}

/* Pairs a split decision keeps apart (lo << 32 | hi -> 1). */
static wp_status split_pairs(wp_workspace *ws, wpi_imap *apart, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	int rc;
	WP_TRY(wpi_keys_refresh(ws, err));
	WP_TRY(wpi_prepare(ws, "SELECT key_a, key_b FROM decisions WHERE kind = 'split'", &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t a = wpi_keys_lookup(ws, wpi_col_text(s, 0));
		int64_t b = wpi_keys_lookup(ws, wpi_col_text(s, 1));
		if (a > 0 && b > 0 && a != b)
			WP_TRY(wpi_imap_put(apart, wpi_pair(a, b), 1, err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read decisions"));
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	return st;
}

static wp_status add_dup(wp_workspace *ws, wp_duplicates *out, size_t *cap, wpi_imap *seen,
                         const prow *a, const prow *b, const char *reason, char *err)
{
	wp_status st = WP_OK;
	uint64_t v, key = wpi_pair(a->id, b->id);
	if (wpi_imap_get(seen, key, &v))
		return WP_OK;
	WP_TRY(wpi_imap_put(seen, key, 1, err));
	if (out->count == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		wp_duplicate *d = realloc(out->items, c * sizeof(*d));
		if (d == NULL)
			WP_FAIL(WP_ENOMEM, "cannot list %zu duplicates", c);
		out->items = d;
		*cap = c;
	}
	wp_duplicate *d = &out->items[out->count];
	memset(d, 0, sizeof(*d));
	out->count++;
	if (a->id > b->id) {
		const prow *t = a;
		a = b;
		b = t;
	}
	WP_TRY(wpi_person_fill(ws, a->id, &d->a, err));
	WP_TRY(wpi_person_fill(ws, b->id, &d->b, err));
	WP_TRY(wpi_strdup(reason, &d->reason, err));
	return WP_OK;
fail:
	return st;
}

/* People sharing a name key (or an e-mail) come in groups; groups larger than this are common
 * names ("John Smith"), not duplicates worth listing pair by pair. */
#define DUP_GROUP_MAX 8

wp_status wp_workspace_duplicates(wp_workspace *ws, wp_duplicates *out, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	prow *rows = NULL;
	size_t n = 0, cap = 0, dcap = 0;
	wpi_imap seen = {0}, apart = {0};
	char reason[2 * WP_KEY_LEN + 64];
	int rc;
	memset(out, 0, sizeof(*out));

	WP_TRY(split_pairs(ws, &apart, err));
	WP_TRY(wpi_prepare(
	        ws,
	        "SELECT id, name, name_key, company, company_key, slug, email FROM people "
	        "WHERE flags & 1 = 0 AND name_key <> ''",
	        &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			prow *r = realloc(rows, cap * sizeof(*r));
			if (r == NULL)
				WP_FAIL(WP_ENOMEM, "cannot hold %zu people", cap);
			rows = r;
		}
		prow *r = &rows[n];
		memset(r, 0, sizeof(*r));
		n++;
		r->id = sqlite3_column_int64(s, 0);
		WP_TRY(wpi_strdup(wpi_col_text(s, 1), &r->name, err));
		WP_TRY(wpi_strdup(wpi_col_text(s, 2), &r->name_key, err));
		WP_TRY(wpi_strdup(wpi_col_text(s, 3), &r->company, err));
		WP_TRY(wpi_strdup(wpi_col_text(s, 4), &r->company_key, err));
		WP_TRY(wpi_strdup(wpi_col_text(s, 5), &r->slug, err));
		WP_TRY(wpi_strdup(wpi_col_text(s, 6), &r->email, err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read people"));
	sqlite3_finalize(s);
	s = NULL;

	for (int pass = 0; pass < 2; pass++) {
		if (n > 1)
			qsort(rows, n, sizeof(*rows), pass == 0 ? prow_by_name : prow_by_email);
		for (size_t i = 0; i < n;) {
			size_t j = i + 1;
			const char *gi = pass == 0 ? rows[i].name_key : rows[i].email;
			while (j < n &&
			       strcmp(gi, pass == 0 ? rows[j].name_key : rows[j].email) == 0)
				j++;
			if (*gi == '\0' || j - i < 2 || j - i > DUP_GROUP_MAX) {
				i = j;
				continue;
			}
			for (size_t x = i; x < j; x++) {
				for (size_t y = x + 1; y < j; y++) {
					const prow *a = &rows[x], *b = &rows[y];
					uint64_t v;
					if (wpi_imap_get(&apart, wpi_pair(a->id, b->id), &v))
						continue;
					if (pass == 1) {
						if (!*a->slug || !*b->slug ||
						    !strcmp(a->slug, b->slug))
							continue;
						snprintf(reason, sizeof(reason),
						         "same e-mail, different LinkedIn profiles "
						         "(%s / %s)",
						         a->slug, b->slug);
					} else if (*a->company_key && *b->company_key &&
					           strcmp(a->company_key, b->company_key) != 0) {
						snprintf(reason, sizeof(reason),
						         "same name, different company (%s / %s)",
						         a->company, b->company);
					} else if (!*a->company_key || !*b->company_key) {
						snprintf(reason, sizeof(reason),
						         "same name, one has no company");
					} else {
						snprintf(
						        reason, sizeof(reason),
						        "same name and company, different LinkedIn "
						        "profiles");
					}
					WP_TRY(add_dup(ws, out, &dcap, &seen, a, b, reason, err));
				}
			}
			i = j;
		}
	}
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), dup_order);
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	for (size_t i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].name_key);
		free(rows[i].company);
		free(rows[i].company_key);
		free(rows[i].slug);
		free(rows[i].email);
	}
	free(rows);
	wpi_imap_free(&seen);
	wpi_imap_free(&apart);
	if (st != WP_OK)
		wp_duplicates_free(out);
	return st;
}
