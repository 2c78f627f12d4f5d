/* workspace_keys.c - identity keys, the in-memory key map, and each person's representative row.
 *
 * Identity resolution asks "who holds this key?" thousands of times per import. The mentions
 * table has no index on its keys (see the schema's comment in workspace.c); instead every key of
 * every mention is loaded once into a hash map (key -> person, or "ambiguous" when two people hold
 * it), which costs one sequential scan of the mentions (about 0.2 s per million) and then answers
 * in memory. The map stays valid across imports in one process: an import that only added
 * mentions adds their keys; anything that deleted or moved mentions (a replacement, a forget, a
 * merge or split) drops it, and so does a commit by another connection (PRAGMA data_version
 * changes), so the map never answers from a stale state.
 *
 * A person's row in people mirrors their best mention (wpi_attrs_rank: a member's own mention,
 * then one with a LinkedIn slug, then one with a company, then any; ties go to the earliest
 * member), so what is shown never depends on the order of imports, and forgetting a member
 * re-derives the row from what remains.
 */
#include "engine/workspace_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends the NUL-terminated parts to out (cap bytes, always terminated); snprintf costs more
 * than the rest of a key lookup, and keys are made for every record of every import. */
static void join(char *out, size_t cap, const char *const *parts, int n)
{
	size_t used = 0;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(parts[i]);
		if (len > cap - 1 - used)
			len = cap - 1 - used;
		memcpy(out + used, parts[i], len);
		used += len;
	}
	out[used] = '\0';
}

void wpi_keys_make(wpi_keys *k, const char *slug, const char *email, const char *name_key,
                   const char *company_key, const char *member_key, bool never_merge)
{
	k->slug[0] = k->email[0] = k->name[0] = k->member[0] = '\0';
	if (never_merge)
		return;
	if (*slug)
		join(k->slug, sizeof(k->slug), (const char *const[]){"s:", slug}, 2);
	if (*email)
		join(k->email, sizeof(k->email), (const char *const[]){"e:", email}, 2);
	if (*name_key && *company_key)
		join(k->name, sizeof(k->name),
		     (const char *const[]){"n:", name_key, "\t", company_key}, 4);
	if (!*slug && !*email && *name_key && member_key != NULL && *member_key)
		join(k->member, sizeof(k->member),
		     (const char *const[]){"m:", member_key, "|", name_key, "\t", company_key}, 6);
}

void wpi_join(char *out, size_t cap, const char *const *parts, int n)
{
	join(out, cap, parts, n);
}

void wpi_keys_invalidate(wp_workspace *ws)
{
	wpi_imap_free(&ws->keys);
	wpi_imap_free(&ws->slugged);
	wpi_imap_free(&ws->reps);
	ws->keys_valid = false;
}

#define AMBIGUOUS_ID 0xffffffffu

/* The map holds hashes, not the keys' text: one cache miss per probe instead of three, which is
 * most of an import's identity work. A second, independent 32-bit hash is checked on every hit;
 * two keys that agree on the first 64 bits but not on it are both marked ambiguous (never
 * merged by), so a collision can only cost a match, never make one. */
static wp_status add_key(wp_workspace *ws, const char *key, int64_t person, char *err)
{
	uint64_t h, have;
	uint32_t check;
	if (*key == '\0')
		return WP_OK;
	wpi_hash96(key, strlen(key), &h, &check);
	uint64_t mine = (uint64_t)check << 32 | (uint64_t)person, *slot;
	bool existed;
	wp_status st = wpi_imap_upsert(&ws->keys, h, &slot, &existed, err);
	if (st != WP_OK)
		return st;
	have = *slot;
	if (!existed)
		*slot = mine;
	else if (have != mine)
		*slot = (uint64_t)check << 32 | AMBIGUOUS_ID;
	return WP_OK;
}

wp_status wpi_keys_add(wp_workspace *ws, const wpi_keys *k, int64_t person, char *err)
{
	wp_status st = WP_OK;
	WP_TRY(add_key(ws, k->slug, person, err));
	WP_TRY(add_key(ws, k->email, person, err));
	WP_TRY(add_key(ws, k->name, person, err));
	WP_TRY(add_key(ws, k->member, person, err));
	if (k->slug[0])
		WP_TRY(wpi_imap_put(&ws->slugged, (uint64_t)person, 1, err));
	return WP_OK;
fail:
	return st;
}

wp_status wpi_rep_note(wp_workspace *ws, int64_t person, int rank, unsigned have, int64_t member,
                       char *err)
{
	uint64_t rep, v = (uint64_t)rank << 40 | (uint64_t)have << 32 | (uint64_t)member;
	if (wpi_imap_get(&ws->reps, (uint64_t)person, &rep)) {
		if (!wpi_rep_wins(rank, member, rep))
			v = (rep & ~(0xfull << 32)) |
			    ((rep | (uint64_t)have << 32) & (0xfull << 32));
		else
			v |= rep & (0xfull << 32);
	}
	return wpi_imap_put(&ws->reps, (uint64_t)person, v, err);
}

unsigned wpi_attrs_have(const wpi_attrs *a)
{
	return (*a->company_key ? WPI_HAVE_COMPANY : 0) | (*a->position ? WPI_HAVE_POSITION : 0) |
	       (*a->slug ? WPI_HAVE_SLUG : 0) | (*a->email ? WPI_HAVE_EMAIL : 0);
}

void wpi_keys_prefetch(const wp_workspace *ws, const wpi_keys *k)
{
	const char *keys[4] = {k->slug, k->email, k->name, k->member};
	for (int i = 0; i < 4; i++) {
		uint64_t h;
		uint32_t check;
		if (*keys[i] == '\0')
			continue;
		wpi_hash96(keys[i], strlen(keys[i]), &h, &check);
		wpi_imap_prefetch(&ws->keys, h);
	}
}

int64_t wpi_keys_lookup(const wp_workspace *ws, const char *s)
{
	uint64_t h, v;
	uint32_t check;
	if (*s == '\0')
		return 0;
	wpi_hash96(s, strlen(s), &h, &check);
	if (!wpi_imap_get(&ws->keys, h, &v))
		return 0;
	if ((uint32_t)v == AMBIGUOUS_ID || (uint32_t)(v >> 32) != check)
		return WPI_AMBIGUOUS;
	return (int64_t)(uint32_t)v;
}

static wp_status data_version(wp_workspace *ws, int64_t *v, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	WP_TRY(wpi_prepare(ws, "PRAGMA data_version", &s, err));
	if (sqlite3_step(s) != SQLITE_ROW)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the data version"));
	*v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return WP_OK;
fail:
	sqlite3_finalize(s);
	return st;
}

wp_status wpi_keys_refresh(wp_workspace *ws, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	wpi_members members = {0};
	wpi_keys k;
	int64_t version = 0;
	int rc;

	WP_TRY(data_version(ws, &version, err));
	if (ws->keys_valid && version == ws->keys_seen_version)
		return WP_OK;
	wpi_keys_invalidate(ws);
	WP_TRY(wpi_members_load(ws, &members, err));
	WP_TRY(wpi_prepare(ws,
	                   "SELECT id, slug, email, name_key, company_key, flags, position <> '' "
	                   "FROM mentions",
	                   &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		int64_t person = id & 0xffffffff;
		const wpi_member *m = wpi_members_by_id(&members, id >> 32);
		uint32_t flags = (uint32_t)sqlite3_column_int64(s, 5);
		wpi_attrs a = {.name_key = wpi_col_text(s, 3),
		               .company_key = wpi_col_text(s, 4),
		               .slug = wpi_col_text(s, 1),
		               .email = wpi_col_text(s, 2),
		               .position = sqlite3_column_int(s, 6) ? "x" : "",
		               .flags = flags};
		wpi_keys_make(&k, a.slug, wpi_col_text(s, 2), a.name_key, a.company_key,
		              m ? m->name_key : "", (flags & WPI_NEVER_MERGE) != 0);
		WP_TRY(wpi_keys_add(ws, &k, person, err));
		WP_TRY(wpi_rep_note(ws, person, wpi_attrs_rank(&a), wpi_attrs_have(&a), id >> 32,
		                    err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the mentions"));
	sqlite3_finalize(s);
	wpi_members_free(&members);
	ws->keys_valid = true;
	ws->keys_seen_version = version;
	return WP_OK;
fail:
	sqlite3_finalize(s);
	wpi_members_free(&members);
	wpi_keys_invalidate(ws);
	return st;
}

/* ---- People rows ---------------------------------------------------------------------------- */

int wpi_attrs_rank(const wpi_attrs *a)
{
	return ((a->flags & WPI_MENTION_SELF) ? 8 : 0) + (*a->slug ? 4 : 0) +
	       (*a->company_key ? 2 : 0) + (*a->name_key ? 1 : 0);
}

/* The display name of attributes a: the name, else the e-mail, the slug, "(unnamed)". */
static const char *display_name(const wpi_attrs *a)
{
	if (*a->name)
		return a->name;
	if (*a->email)
		return a->email;
	if (*a->slug)
		return a->slug;
	return "(unnamed)";
}

wp_status wpi_person_write(wp_workspace *ws, int64_t p, const wpi_attrs *a, int64_t member,
                           int rank, bool insert, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = wpi_stmt(ws, insert ? WPI_Q_PERSON_INSERT : WPI_Q_PERSON_UPDATE, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot write a person");
	sqlite3_bind_int64(s, 1, p);
	sqlite3_bind_text(s, 2, display_name(a), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->name_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, a->company, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, a->company_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, a->position, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, a->slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, a->email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, a->flags & WPI_NEVER_MERGE);
	sqlite3_bind_int64(s, 10, member);
	sqlite3_bind_int64(s, 11, rank);
	WP_TRY(wpi_step_done(ws, s, err, "cannot write a person"));
	return WP_OK;
fail:
	return st;
}

/* Whether row s (PERSON_GET columns) already holds exactly a as member's representative. */
static bool person_row_equal(sqlite3_stmt *s, const wpi_attrs *a, int64_t member, int rank)
{
	return strcmp(wpi_col_text(s, 0), display_name(a)) == 0 &&
	       strcmp(wpi_col_text(s, 1), a->name_key) == 0 &&
	       strcmp(wpi_col_text(s, 2), a->company) == 0 &&
	       strcmp(wpi_col_text(s, 3), a->company_key) == 0 &&
	       strcmp(wpi_col_text(s, 4), a->position) == 0 &&
	       strcmp(wpi_col_text(s, 5), a->slug) == 0 &&
	       strcmp(wpi_col_text(s, 6), a->email) == 0 &&
	       sqlite3_column_int64(s, 7) == (a->flags & WPI_NEVER_MERGE) &&
	       sqlite3_column_int64(s, 8) == member && sqlite3_column_int64(s, 9) == rank;
}

wp_status wpi_person_absorb(wp_workspace *ws, int64_t p, const wpi_attrs *a, int64_t member,
                            char *err)
{
	wp_status st = WP_OK;
	char *f[7] = {NULL};
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_PERSON_GET, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot read a person");
	sqlite3_bind_int64(s, 1, p);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			WP_TRY(wpi_sqlerr(ws, err, "cannot read a person"));
		WP_FAIL(WP_EIO, "%s: person #%lld has mentions but no row", ws->path, (long long)p);
	}
	for (int k = 0; k < 7 && st == WP_OK; k++)
		st = wpi_strdup(wpi_col_text(s, k), &f[k], err);
	uint32_t flags = (uint32_t)sqlite3_column_int64(s, 7);
	int64_t rep_member = sqlite3_column_int64(s, 8);
	int rep_rank = (int)sqlite3_column_int64(s, 9);
	sqlite3_reset(s);
	WP_TRY(st);

	/* The row holds, field by field, the first non-empty value in rank order of the old
	 * mentions; with one more mention that order gains one place, so the merge needs the row
	 * and the mention only. (A row whose name fell back to the e-mail or slug has an empty
	 * name key: the mention's name then takes its place.) */
	int rank = wpi_attrs_rank(a);
	bool wins = rank > rep_rank || (rank == rep_rank && member < rep_member);
	const char *row[7] = {*f[1] ? f[0] : "", f[1], f[2], f[3], f[4], f[5], f[6]};
	const char *mine[7] = {a->name,     a->name_key, a->company, a->company_key,
	                       a->position, a->slug,     a->email};
	const char *const *hi = wins ? mine : row, *const *lo = wins ? row : mine;
	const char *m[7];
	bool name_hi = *hi[1] != '\0' || (*hi[0] && !*lo[1]);
	m[0] = name_hi ? hi[0] : lo[0];
	m[1] = name_hi ? hi[1] : lo[1];
	m[2] = *hi[2] ? hi[2] : lo[2];
	m[3] = *hi[2] ? hi[3] : lo[3];
	for (int k = 4; k < 7; k++)
		m[k] = *hi[k] ? hi[k] : lo[k];
	wpi_attrs merged = {.name = m[0],
	                    .name_key = m[1],
	                    .company = m[2],
	                    .company_key = m[3],
	                    .position = m[4],
	                    .slug = m[5],
	                    .email = m[6],
	                    .flags = wins ? a->flags : flags};
	WP_TRY(wpi_person_write(ws, p, &merged, wins ? member : rep_member, wins ? rank : rep_rank,
	                        false, err));
	st = WP_OK;
fail:
	for (int k = 0; k < 7; k++)
		free(f[k]);
	return st;
}

/* A mention of the person being refreshed, copied out of its row. */
typedef struct cand {
	int64_t member;
	int rank;
	char *f[7]; /* name, name_key, company, company_key, position, slug, email */
	uint32_t flags;
} cand;

static int cand_order(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank > b->rank ? -1 : 1;
	return a->member < b->member ? -1 : a->member > b->member;
}

wp_status wpi_person_refresh(wp_workspace *ws, const wpi_members *members, int64_t p, bool *deleted,
                             char *err)
{
	wp_status st = WP_OK;
	cand *c = NULL;
	size_t n = 0;
	*deleted = false;
	c = calloc(members->count + 1, sizeof(*c));
	if (c == NULL)
		WP_FAIL(WP_ENOMEM, "cannot refresh a person");
	for (size_t i = 0; i < members->count; i++) {
		sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_MENTION_GET, err);
		if (s == NULL)
			WP_FAIL(WP_EIO, "cannot read a mention");
		sqlite3_bind_int64(s, 1, wpi_mention_id(members->items[i].id, p));
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			cand *x = &c[n++];
			x->member = members->items[i].id;
			x->flags = (uint32_t)sqlite3_column_int64(s, 7);
			for (int f = 0; f < 7 && st == WP_OK; f++)
				st = wpi_strdup(wpi_col_text(s, f), &x->f[f], err);
			wpi_attrs a = {.name = x->f[0] ? x->f[0] : "",
			               .name_key = x->f[1] ? x->f[1] : "",
			               .company_key = x->f[3] ? x->f[3] : "",
			               .slug = x->f[5] ? x->f[5] : "",
			               .flags = x->flags};
			x->rank = st == WP_OK ? wpi_attrs_rank(&a) : 0;
		} else if (rc != SQLITE_DONE) {
			st = wpi_sqlerr(ws, err, "cannot read a mention");
		}
		sqlite3_reset(s);
		WP_TRY(st);
	}
	if (n == 0) {
		sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_PERSON_DELETE, err);
		if (s == NULL)
			WP_FAIL(WP_EIO, "cannot delete a person");
		sqlite3_bind_int64(s, 1, p);
		WP_TRY(wpi_step_done(ws, s, err, "cannot delete a person"));
		*deleted = true;
		goto done;
	}
	if (n > 1)
		qsort(c, n, sizeof(*c), cand_order);

	/* The best mention's fields, each empty one filled from the next best that has it (a
	 * company with its key). */
	const char *f[7];
	for (int k = 0; k < 7; k++)
		f[k] = c[0].f[k];
	for (size_t i = 1; i < n; i++) {
		if (!*f[0])
			f[0] = c[i].f[0], f[1] = c[i].f[1];
		if (!*f[2])
			f[2] = c[i].f[2], f[3] = c[i].f[3];
		for (int k = 4; k < 7; k++)
			if (!*f[k])
				f[k] = c[i].f[k];
	}
	wpi_attrs a = {.name = f[0],
	               .name_key = f[1],
	               .company = f[2],
	               .company_key = f[3],
	               .position = f[4],
	               .slug = f[5],
	               .email = f[6],
	               .flags = c[0].flags};

	sqlite3_stmt *cur = wpi_stmt(ws, WPI_Q_PERSON_GET, err);
	if (cur == NULL)
		WP_FAIL(WP_EIO, "cannot read a person");
	sqlite3_bind_int64(cur, 1, p);
	int rc = sqlite3_step(cur);
	bool exists = rc == SQLITE_ROW;
	bool same = exists && person_row_equal(cur, &a, c[0].member, c[0].rank);
	sqlite3_reset(cur);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read a person"));
	if (!same)
		WP_TRY(wpi_person_write(ws, p, &a, c[0].member, c[0].rank, !exists, err));
done:
	st = WP_OK;
fail:
	for (size_t i = 0; c != NULL && i < n; i++)
		for (int k = 0; k < 7; k++)
			free(c[i].f[k]);
	free(c);
	return st;
}
