/* workspace_decide.c - a person's decisions about identity: merge two people, split one.
 *
 * Both change the workspace at once and record a decision (table decisions) in terms of identity
 * keys, not person ids, so that it outlives the rows it was made on: a merge of A and B stores
 * (key of A, key of B), and a later import routes records carrying B's key to the merged person
 * even if every mention of B had been deleted in between (workspace_import.c, rule d). A split
 * regroups a person's mentions by LinkedIn slug and e-mail (each member's mention without either
 * is a group of its own), gives every group but the first its own person, deletes merge
 * decisions inside the person and records split decisions between the groups' keys; later
 * imports refuse to join a record to a person a split keeps it apart from (rule c), and the
 * shared name key, now held by two people, is ambiguous. Mentions are the unit: what one member's
 * export said about one person stays together.
 */
#include "engine/workspace_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MENTION_SQL_COLS                                                                  \
	"name, name_key, company, company_key, position, slug, email, flags, tag, file, " \
	"line, " WPI_EV_NAMES_SQL

/* One mention of the person being merged or split, copied out of SQLite. */
typedef struct mrow {
	int64_t member;
	char *text[7]; /* name, name_key, company, company_key, position, slug, email */
	uint32_t flags, tag, file, line;
	wpi_ev ev;
	char *company; /* ev.company's copy */
	wpi_keys keys;
	int group;
} mrow;

static void mrow_free(mrow *m)
{
	for (int i = 0; i < 7; i++)
		free(m->text[i]);
	free(m->company);
	memset(m, 0, sizeof(*m));
}

/* Reads mention (member, p) into *out; *found false if there is none. */
static wp_status mention_read(wp_workspace *ws, const wpi_member *member, int64_t p, mrow *out,
                              bool *found, char *err)
{
	wp_status st = WP_OK;
	memset(out, 0, sizeof(*out));
	*found = false;
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_MENTION_GET, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot read a mention");
	sqlite3_bind_int64(s, 1, wpi_mention_id(member->id, p));
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*found = true;
		out->member = member->id;
		for (int i = 0; i < 7 && st == WP_OK; i++)
			st = wpi_strdup(wpi_col_text(s, i), &out->text[i], err);
		out->file = (uint32_t)sqlite3_column_int64(s, 9);
		out->flags = (uint32_t)sqlite3_column_int64(s, 7);
		out->tag = (uint32_t)sqlite3_column_int64(s, 8);
		out->line = (uint32_t)sqlite3_column_int64(s, 10);
		wpi_ev_read(s, 11, &out->ev);
		if (st == WP_OK)
			st = wpi_strdup(out->ev.company, &out->company, err);
		out->ev.company = out->company;
	} else if (rc != SQLITE_DONE) {
		st = wpi_sqlerr(ws, err, "cannot read a mention");
	}
	sqlite3_reset(s);
	WP_TRY(st);
	if (*found)
		wpi_keys_make(&out->keys, out->text[5], out->text[6], out->text[1], out->text[3],
		              member->name_key, (out->flags & WPI_NEVER_MERGE) != 0);
	return WP_OK;
fail:
	mrow_free(out);
	*found = false;
	return st;
}

static wp_status mention_write(wp_workspace *ws, int64_t member, int64_t p, const mrow *m,
                               char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_MENTION_PUT, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot write a mention");
	sqlite3_bind_int64(s, 1, wpi_mention_id(member, p));
	for (int i = 0; i < 7; i++)
		sqlite3_bind_text(s, 2 + i, m->text[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, m->flags);
	sqlite3_bind_int64(s, 10, m->tag);
	sqlite3_bind_int64(s, 11, m->file);
	sqlite3_bind_int64(s, 12, m->line);
	wpi_ev_bind(s, 13, &m->ev);
	WP_TRY(wpi_step_done(ws, s, err, "cannot write a mention"));
	return WP_OK;
fail:
	return st;
}

static wp_status mention_delete(wp_workspace *ws, int64_t member, int64_t p, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_MENTION_DELETE, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot delete a mention");
	sqlite3_bind_int64(s, 1, wpi_mention_id(member, p));
	WP_TRY(wpi_step_done(ws, s, err, "cannot delete a mention"));
	return WP_OK;
fail:
	return st;
}

/* The strongest key of a mention: slug, e-mail, name + company, member-qualified name. */
static const char *best_key(const wpi_keys *k)
{
	if (k->slug[0])
		return k->slug;
	if (k->email[0])
		return k->email;
	if (k->name[0])
		return k->name;
	return k->member;
}

/* Moves member's links that involve person `from` to person `to` (member 0: every member's),
 * combining with links already there and dropping ties that became a person with themself. */
static wp_status repoint_links(wp_workspace *ws, int64_t member, int64_t from, int64_t to,
                               char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	struct moved {
		int64_t member, lo, hi;
		wpi_ev ev;
		char *company;
	} *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;
	WP_TRY(wpi_prepare(ws,
	                   "SELECT member_id, lo, hi, " WPI_EV_NAMES_SQL " FROM links "
	                   "WHERE (lo = ?1 OR hi = ?1) AND (?2 = 0 OR member_id = ?2)",
	                   &s, err));
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, member);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct moved *r = realloc(rows, cap * sizeof(*r));
			if (r == NULL)
				WP_FAIL(WP_ENOMEM, "cannot move %zu ties", cap);
			rows = r;
		}
		struct moved *r = &rows[n];
		r->member = sqlite3_column_int64(s, 0);
		r->lo = sqlite3_column_int64(s, 1);
		r->hi = sqlite3_column_int64(s, 2);
		wpi_ev_read(s, 3, &r->ev);
		r->company = strdup(r->ev.company);
		if (r->company == NULL)
			WP_FAIL(WP_ENOMEM, "cannot move ties");
		r->ev.company = r->company;
		n++;
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read links"));
	sqlite3_finalize(s);
	s = NULL;
	for (size_t i = 0; i < n; i++) {
		struct moved *r = &rows[i];
		sqlite3_stmt *d = wpi_stmt(ws, WPI_Q_LINK_DELETE, err);
		if (d == NULL)
			WP_FAIL(WP_EIO, "cannot move ties");
		sqlite3_bind_int64(d, 1, r->member);
		sqlite3_bind_int64(d, 2, r->lo);
		sqlite3_bind_int64(d, 3, r->hi);
		WP_TRY(wpi_step_done(ws, d, err, "cannot move ties"));
		int64_t other = r->lo == from ? r->hi : r->lo;
		if (other == to)
			continue;
		/* Orient as to -> other, then as the new lo -> hi. */
		if (r->lo != from)
			wpi_ev_reverse(&r->ev.ev);
		if (other < to)
			wpi_ev_reverse(&r->ev.ev);
		int64_t lo = to < other ? to : other, hi = to < other ? other : to;
		sqlite3_stmt *g = wpi_stmt(ws, WPI_Q_LINK_GET, err);
		if (g == NULL)
			WP_FAIL(WP_EIO, "cannot move ties");
		sqlite3_bind_int64(g, 1, r->member);
		sqlite3_bind_int64(g, 2, lo);
		sqlite3_bind_int64(g, 3, hi);
		if (sqlite3_step(g) == SQLITE_ROW) {
			wpi_ev there;
			wpi_ev_read(g, 0, &there);
			wpi_ev_accumulate(&r->ev.ev, &there.ev);
		}
		sqlite3_reset(g);
		wp_warmth_reduce(&r->ev.ev, &r->ev.parts);
		sqlite3_stmt *p = wpi_stmt(ws, WPI_Q_LINK_PUT, err);
		if (p == NULL)
			WP_FAIL(WP_EIO, "cannot move ties");
		sqlite3_bind_int64(p, 1, r->member);
		sqlite3_bind_int64(p, 2, lo);
		sqlite3_bind_int64(p, 3, hi);
		wpi_ev_bind(p, 4, &r->ev);
		WP_TRY(wpi_step_done(ws, p, err, "cannot move ties"));
	}
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	for (size_t i = 0; i < n; i++)
		free(rows[i].company);
	free(rows);
	return st;
}

/* Moves manual strengths of person `from` to `to` (an existing value of `to` wins). */
static wp_status repoint_manual(wp_workspace *ws, int64_t from, int64_t to, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	char sql[512];
	snprintf(sql, sizeof(sql),
	         "INSERT OR IGNORE INTO manual(lo, hi, strength, at) "
	         "SELECT min(%lld, CASE lo WHEN %lld THEN hi ELSE lo END), "
	         "max(%lld, CASE lo WHEN %lld THEN hi ELSE lo END), strength, at FROM manual "
	         "WHERE (lo = %lld OR hi = %lld) AND lo + hi - %lld <> %lld",
	         (long long)to, (long long)from, (long long)to, (long long)from, (long long)from,
	         (long long)from, (long long)from, (long long)to);
	WP_TRY(wpi_exec(ws, sql, err));
	WP_TRY(wpi_prepare(ws, "DELETE FROM manual WHERE lo = ?1 OR hi = ?1", &s, err));
	sqlite3_bind_int64(s, 1, from);
	WP_TRY(wpi_step_done(ws, s, err, "cannot move manual strengths"));
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	return st;
}

static wp_status decide(wp_workspace *ws, const char *kind, const char *a, const char *b, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	if (*a == '\0' || *b == '\0' || strcmp(a, b) == 0)
		return WP_OK;
	WP_TRY(wpi_prepare(ws,
	                   "INSERT OR IGNORE INTO decisions(kind, key_a, key_b, at) "
	                   "VALUES (?, ?, ?, ?)",
	                   &s, err));
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, b, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, wp_workspace_now(ws));
	WP_TRY(wpi_step_done(ws, s, err, "cannot record a decision"));
	sqlite3_finalize(s);
	s = NULL;
	/* The opposite decision about the same keys is void now. */
	WP_TRY(wpi_prepare(
	        ws,
	        "DELETE FROM decisions WHERE kind <> ?1 AND ((key_a = ?2 AND key_b = ?3) "
	        "OR (key_a = ?3 AND key_b = ?2))",
	        &s, err));
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, b, -1, SQLITE_STATIC);
	WP_TRY(wpi_step_done(ws, s, err, "cannot record a decision"));
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	return st;
}

static wp_status finish(wp_workspace *ws, const char *action, const char *detail, char *err)
{
	wp_status st = WP_OK;
	bool changed;
	WP_TRY(wpi_shared_refresh(ws, wp_workspace_now(ws), &changed, err));
	WP_TRY(wpi_log(ws, action, 0, "", "", detail, err));
	WP_TRY(wpi_touch(ws, err));
	WP_TRY(wpi_commit(ws, err));
	wpi_keys_invalidate(ws);
	return WP_OK;
fail:
	return st;
}

wp_status wp_workspace_merge(wp_workspace *ws, const char *ref_a, const char *ref_b, char *err)
{
	wp_status st = WP_OK;
	wpi_members members = {0};
	mrow g = {0}, k = {0};
	wp_person_info pa = {0}, pb = {0};
	char key_keep[3 * WP_KEY_LEN + 8] = "", key_gone[3 * WP_KEY_LEN + 8] = "", detail[64];
	int64_t a = 0, b = 0;
	bool began = false, fg, fk, deleted;

	WP_TRY(wpi_begin(ws, err));
	began = true;
	WP_TRY(wp_workspace_person_resolve(ws, ref_a, &a, err));
	WP_TRY(wp_workspace_person_resolve(ws, ref_b, &b, err));
	if (a == b)
		WP_FAIL(WP_EINPUT, "\"%s\" and \"%s\" are already the same person (#%lld)", ref_a,
		        ref_b, (long long)a);
	WP_TRY(wpi_person_fill(ws, a, &pa, err));
	WP_TRY(wpi_person_fill(ws, b, &pb, err));
	if (pa.never_merge || pb.never_merge)
		WP_FAIL(WP_EINPUT,
		        "\"%s\" is never merged (a deleted, opted-out or unnamed account)",
		        pa.never_merge ? ref_a : ref_b);
	int64_t keep = a < b ? a : b, gone = a < b ? b : a;
	WP_TRY(wpi_members_load(ws, &members, err));

	for (size_t i = 0; i < members.count; i++) {
		const wpi_member *m = &members.items[i];
		WP_TRY(mention_read(ws, m, gone, &g, &fg, err));
		WP_TRY(mention_read(ws, m, keep, &k, &fk, err));
		if (fg && !key_gone[0])
			snprintf(key_gone, sizeof(key_gone), "%s", best_key(&g.keys));
		if (fk && !key_keep[0])
			snprintf(key_keep, sizeof(key_keep), "%s", best_key(&k.keys));
		if (fg) {
			mrow *to = fk ? &k : &g;
			if (fk) {
				/* One member said two things about one person: keep the first
				 * non-empty field of each and add up the evidence. */
				for (int t = 0; t < 7; t++)
					if (*k.text[t] == '\0') {
						char *x = k.text[t];
						k.text[t] = g.text[t];
						g.text[t] = x;
					}
				k.flags |= g.flags & WPI_MENTION_SELF;
				wpi_ev_accumulate(&k.ev.ev, &g.ev.ev);
				if (!*k.company) {
					char *x = k.company;
					k.company = g.company;
					g.company = x;
					k.ev.company = k.company;
				}
			}
			if (m->person == keep || m->person == gone) {
				/* The member's own mention: no tie with themself. */
				to->flags |= WPI_MENTION_SELF;
				to->ev = (wpi_ev){.company = ""};
			}
			wp_warmth_reduce(&to->ev.ev, &to->ev.parts);
			WP_TRY(mention_write(ws, m->id, keep, to, err));
			WP_TRY(mention_delete(ws, m->id, gone, err));
		}
		mrow_free(&g);
		mrow_free(&k);
	}
	sqlite3_stmt *s = NULL;
	WP_TRY(wpi_prepare(ws, "UPDATE members SET person_id = ?1 WHERE person_id = ?2", &s, err));
	sqlite3_bind_int64(s, 1, keep);
	sqlite3_bind_int64(s, 2, gone);
	st = wpi_step_done(ws, s, err, "cannot merge");
	sqlite3_finalize(s);
	WP_TRY(st);
	WP_TRY(repoint_links(ws, 0, gone, keep, err));
	WP_TRY(repoint_manual(ws, gone, keep, err));
	wpi_members_free(&members);
	WP_TRY(wpi_members_load(ws, &members, err));
	WP_TRY(wpi_person_refresh(ws, &members, gone, &deleted, err));
	WP_TRY(wpi_person_refresh(ws, &members, keep, &deleted, err));
	WP_TRY(decide(ws, "merge", key_keep, key_gone, err));
	snprintf(detail, sizeof(detail), "#%lld + #%lld", (long long)keep, (long long)gone);
	WP_TRY(finish(ws, "merge", detail, err));
	began = false;
	st = WP_OK;
fail:
	if (began)
		wpi_rollback(ws);
	mrow_free(&g);
	mrow_free(&k);
	wp_person_info_free(&pa);
	wp_person_info_free(&pb);
	wpi_members_free(&members);
	return st;
}

static int find_root(int *parent, int i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

wp_status wp_workspace_split(wp_workspace *ws, const char *ref, uint32_t *groups, char *err)
{
	wp_status st = WP_OK;
	wpi_members members = {0};
	mrow *rows = NULL;
	int *parent = NULL;
	int64_t *group_person = NULL;
	size_t n = 0;
	int64_t p = 0;
	bool began = false, found, deleted;
	char detail[64];
	sqlite3_stmt *s = NULL;

	WP_TRY(wpi_begin(ws, err));
	began = true;
	WP_TRY(wp_workspace_person_resolve(ws, ref, &p, err));
	WP_TRY(wpi_members_load(ws, &members, err));
	rows = calloc(members.count + 1, sizeof(*rows));
	parent = calloc(members.count + 1, sizeof(*parent));
	group_person = calloc(members.count + 1, sizeof(*group_person));
	if (rows == NULL || parent == NULL || group_person == NULL)
		WP_FAIL(WP_ENOMEM, "cannot split a person");
	for (size_t i = 0; i < members.count; i++) {
		WP_TRY(mention_read(ws, &members.items[i], p, &rows[n], &found, err));
		n += found;
	}
	if (n < 2)
		WP_FAIL(WP_EINPUT, "\"%s\" cannot be split: only one export mentions them", ref);

	/* Group by shared slug or e-mail; the rest stays one group per member. */
	for (size_t i = 0; i < n; i++)
		parent[i] = (int)i;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			const wpi_keys *x = &rows[i].keys, *y = &rows[j].keys;
			if ((x->slug[0] && strcmp(x->slug, y->slug) == 0) ||
			    (x->email[0] && strcmp(x->email, y->email) == 0))
				parent[find_root(parent, (int)j)] = find_root(parent, (int)i);
		}
	int keeper = -1;
	uint32_t count = 0;
	for (size_t i = 0; i < n; i++) {
		rows[i].group = find_root(parent, (int)i);
		if (rows[i].group == (int)i)
			count++;
		if (keeper < 0 && (rows[i].flags & WPI_MENTION_SELF))
			keeper = rows[i].group;
	}
	if (keeper < 0)
		keeper = rows[0].group;
	if (count < 2)
		WP_FAIL(WP_EINPUT,
		        "\"%s\" cannot be split: every mention has the same LinkedIn profile or "
		        "e-mail",
		        ref);

	sqlite3_stmt *max = wpi_stmt(ws, WPI_Q_PERSON_MAX, err);
	if (max == NULL || sqlite3_step(max) != SQLITE_ROW)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read people"));
	int64_t next = sqlite3_column_int64(max, 0) + 1;
	sqlite3_reset(max);
	for (size_t i = 0; i < n; i++) {
		int g = rows[i].group;
		if (g == keeper)
			continue;
		if (group_person[g] == 0)
			group_person[g] = next++;
		int64_t q = group_person[g];
		WP_TRY(mention_write(ws, rows[i].member, q, &rows[i], err));
		WP_TRY(mention_delete(ws, rows[i].member, p, err));
		WP_TRY(repoint_links(ws, rows[i].member, p, q, err));
		if (rows[i].flags & WPI_MENTION_SELF) {
			WP_TRY(wpi_prepare(ws, "UPDATE members SET person_id = ?1 WHERE id = ?2",
			                   &s, err));
			sqlite3_bind_int64(s, 1, q);
			sqlite3_bind_int64(s, 2, rows[i].member);
			WP_TRY(wpi_step_done(ws, s, err, "cannot split"));
			sqlite3_finalize(s);
			s = NULL;
		}
	}
	wpi_members_free(&members);
	WP_TRY(wpi_members_load(ws, &members, err));
	WP_TRY(wpi_person_refresh(ws, &members, p, &deleted, err));
	for (size_t i = 0; i < n; i++)
		if (group_person[rows[i].group] != 0 && rows[i].group == (int)i)
			WP_TRY(wpi_person_refresh(ws, &members, group_person[i], &deleted, err));

	/* Merges inside the person are void; split decisions keep the groups apart. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			if (rows[i].group == rows[j].group || i > j)
				continue;
			const wpi_keys *x = &rows[i].keys, *y = &rows[j].keys;
			const char *kx = x->slug[0] ? x->slug : x->email[0] ? x->email : x->member;
			const char *ky = y->slug[0] ? y->slug : y->email[0] ? y->email : y->member;
			WP_TRY(decide(ws, "split", kx, ky, err));
		}
	if (groups != NULL)
		*groups = count;
	snprintf(detail, sizeof(detail), "#%lld into %u people", (long long)p, count);
	WP_TRY(finish(ws, "split", detail, err));
	began = false;
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	if (began)
		wpi_rollback(ws);
	for (size_t i = 0; rows != NULL && i < n; i++)
		mrow_free(&rows[i]);
	free(rows);
	free(parent);
	free(group_person);
	wpi_members_free(&members);
	return st;
}
