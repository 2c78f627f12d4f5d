/* workspace_import.c - importing a member's export into the workspace.
 *
 * An import is one BEGIN IMMEDIATE transaction in five steps:
 *  1. resolve: each record of the batch becomes a person id (workspace_resolve.c);
 *  2. collapse: records of one person fold into one mention (first non-empty value of each
 *     field, in batch order) and the evidence into one report per tie, member-to-contact
 *     evidence on the mention, other pairs in links;
 *  3. diff: the member's previous mentions and links are read (one range scan each: rowids and
 *     keys start with the member id) and only differences are written, so a repeated import
 *     writes nothing and keeps every id;
 *  4. people: new people are inserted, the representative row of people whose mentions changed
 *     is refreshed, people no export mentions any more are deleted;
 *  5. positions, file reports, shared employers (member-to-member tenure overlaps), the log.
 * After the commit, the key cache learns the new mentions' keys when the import only added
 * mentions, and is dropped otherwise.
 */
#include "engine/workspace_import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/identity.h"

_Static_assert(WPI_NEVER_MERGE == WP_PERSON_NEVER_MERGE, "never-merge flags must agree");

/* ---- Loading what the member said before ----------------------------------------------------- */

static void old_tuple(const wpi_import *s, const wpi_oldm *o, char *buf, size_t len)
{
	wpi_make_tuple(buf, len, (o->flags & WPI_NEVER_MERGE) != 0, wpi_tx(s, o->name), o->tag,
	               wpi_tx(s, o->slug), wpi_tx(s, o->email), wpi_tx(s, o->name_key),
	               wpi_tx(s, o->company_key));
}

static wp_status load_old(wpi_import *s, char *err)
{
	wp_status st = WP_OK;
	char tuple[4 * WP_KEY_LEN + 16];
	int rc;
	sqlite3_stmt *q = wpi_stmt(s->ws, WPI_Q_MENTION_RANGE, err);
	if (q == NULL)
		WP_FAIL(WP_EIO, "cannot read mentions");
	sqlite3_bind_int64(q, 1, wpi_mention_id(s->member_id, 0));
	sqlite3_bind_int64(q, 2, wpi_mention_id(s->member_id, 0xffffffff));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (s->old_count == s->old_cap) {
			uint32_t cap = s->old_cap ? s->old_cap * 2 : 256;
			wpi_oldm *o = realloc(s->old, cap * sizeof(*o));
			if (o == NULL)
				WP_FAIL(WP_ENOMEM, "cannot hold %u mentions", cap);
			s->old = o;
			s->old_cap = cap;
		}
		wpi_oldm *o = &s->old[s->old_count];
		memset(o, 0, sizeof(*o));
		o->person = sqlite3_column_int64(q, 0) & 0xffffffff;
		WP_TRY(wpi_text_add(s, wpi_col_text(q, 1), &o->name, err));
		WP_TRY(wpi_text_add(s, wpi_col_text(q, 2), &o->name_key, err));
		WP_TRY(wpi_text_add(s, wpi_col_text(q, 3), &o->company, err));
		WP_TRY(wpi_text_add(s, wpi_col_text(q, 4), &o->company_key, err));
		WP_TRY(wpi_text_add(s, wpi_col_text(q, 5), &o->position, err));
		WP_TRY(wpi_text_add(s, wpi_col_text(q, 6), &o->slug, err));
		WP_TRY(wpi_text_add(s, wpi_col_text(q, 7), &o->email, err));
		o->flags = (uint32_t)sqlite3_column_int64(q, 8);
		o->tag = (uint32_t)sqlite3_column_int64(q, 9);
		o->file = (uint32_t)sqlite3_column_int64(q, 10);
		o->line = (uint32_t)sqlite3_column_int64(q, 11);
		wpi_ev_read(q, 12, &o->ev);
		WP_TRY(wpi_text_add(s, o->ev.company, &o->emp_company, err));
		o->ev.company = NULL;
		WP_TRY(wpi_imap_put(&s->old_index, (uint64_t)o->person, s->old_count, err));
		old_tuple(s, o, tuple, sizeof(tuple));
		WP_TRY(wpi_smap_put(&s->sticky, tuple, strlen(tuple), o->person, err));
		s->old_count++;
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(s->ws, err, "cannot read mentions"));
	sqlite3_reset(q);
	return WP_OK;
fail:
	if (q != NULL)
		sqlite3_reset(q);
	return st;
}

/* ---- Writing ----------------------------------------------------------------------------------
 */

static bool has_ev(const wpi_ev *e)
{
	return e->parts.points > 0 || e->parts.manual > 0;
}

/* Whether batch person b's mention equals the stored one o. */
static bool mention_equal(const wpi_import *s, const wpi_bperson *b, const wpi_oldm *o)
{
	wpi_ev oe = o->ev;
	oe.company = wpi_tx(s, o->emp_company);
	return strcmp(wpi_tx(s, b->name), wpi_tx(s, o->name)) == 0 &&
	       strcmp(wpi_tx(s, b->name_key), wpi_tx(s, o->name_key)) == 0 &&
	       strcmp(wpi_tx(s, b->company), wpi_tx(s, o->company)) == 0 &&
	       strcmp(wpi_tx(s, b->company_key), wpi_tx(s, o->company_key)) == 0 &&
	       strcmp(wpi_tx(s, b->position), wpi_tx(s, o->position)) == 0 &&
	       strcmp(wpi_tx(s, b->slug), wpi_tx(s, o->slug)) == 0 &&
	       strcmp(wpi_tx(s, b->email), wpi_tx(s, o->email)) == 0 && b->flags == o->flags &&
	       b->tag == o->tag && b->file == o->file && b->line == o->line &&
	       wpi_ev_equal(&b->star, &oe);
}

static wpi_attrs bp_attrs(const wpi_import *s, const wpi_bperson *b)
{
	return (wpi_attrs){.name = wpi_tx(s, b->name),
	                   .name_key = wpi_tx(s, b->name_key),
	                   .company = wpi_tx(s, b->company),
	                   .company_key = wpi_tx(s, b->company_key),
	                   .position = wpi_tx(s, b->position),
	                   .slug = wpi_tx(s, b->slug),
	                   .email = wpi_tx(s, b->email),
	                   .flags = b->flags};
}

/* Writes b's mention: a plain INSERT when the member had none (most of a first import: OR
 * REPLACE would cost one more B-tree search per row), else a replacement. */
static wp_status put_mention(wpi_import *s, const wpi_bperson *b, bool fresh, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *q = wpi_stmt(s->ws, fresh ? WPI_Q_MENTION_INSERT : WPI_Q_MENTION_PUT, err);
	if (q == NULL)
		WP_FAIL(WP_EIO, "cannot write a mention");
	sqlite3_bind_int64(q, 1, wpi_mention_id(s->member_id, b->id));
	sqlite3_bind_text(q, 2, wpi_tx(s, b->name), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, wpi_tx(s, b->name_key), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, wpi_tx(s, b->company), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, wpi_tx(s, b->company_key), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, wpi_tx(s, b->position), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, wpi_tx(s, b->slug), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 8, wpi_tx(s, b->email), -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 9, b->flags);
	sqlite3_bind_int64(q, 10, b->tag);
	sqlite3_bind_int64(q, 11, b->file);
	sqlite3_bind_int64(q, 12, b->line);
	wpi_ev_bind(q, 13, &b->star);
	WP_TRY(wpi_step_done(s->ws, q, err, "cannot write a mention"));
	return WP_OK;
fail:
	return st;
}

static wp_status write_people_and_mentions(wpi_import *s, wp_import_summary *sum, char *err)
{
	wp_status st = WP_OK;
	uint64_t v;

	for (uint32_t i = 0; i < s->bp_count; i++) {
		wpi_bperson *b = &s->bp[i];
		if (!b->is_new)
			continue;
		wpi_attrs a = bp_attrs(s, b);
		WP_TRY(wpi_person_write(s->ws, b->id, &a, s->member_id, wpi_attrs_rank(&a), true,
		                        err));
		s->changed = true;
	}
	for (uint32_t i = 0; i < s->bp_count; i++) {
		wpi_bperson *b = &s->bp[i];
		bool had = wpi_imap_get(&s->old_index, (uint64_t)b->id, &v);
		wpi_oldm *o = had ? &s->old[v] : NULL;
		if (o != NULL)
			o->kept = true;
		bool now_tie = b->has_star && has_ev(&b->star);
		bool was_tie = o != NULL && has_ev(&o->ev);
		sum->ties += now_tie;
		sum->ties_added += now_tie && !was_tie;
		sum->ties_removed += was_tie && !now_tie;
		if (o != NULL && mention_equal(s, b, o))
			continue;
		if (o != NULL) {
			s->only_inserts = false;
			b->replaced = true;
			wpi_ev oe = o->ev;
			oe.company = wpi_tx(s, o->emp_company);
			if (has_ev(&b->star) && has_ev(&oe) && !wpi_ev_equal(&b->star, &oe))
				sum->ties_changed++;
		}
		WP_TRY(put_mention(s, b, o == NULL, err));
		b->written = true;
		s->changed = true;
	}
	return WP_OK;
fail:
	return st;
}

static wp_status write_links(wpi_import *s, wp_import_summary *sum, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *q = NULL;
	wpi_imap seen = {0};
	wpi_ev e;
	uint64_t v, *gone = NULL, gone_count = 0, gone_cap = 0;
	int rc;

	q = wpi_stmt(s->ws, WPI_Q_LINK_RANGE, err);
	if (q == NULL)
		WP_FAIL(WP_EIO, "cannot read links");
	sqlite3_bind_int64(q, 1, s->member_id);
	/* Old links first: deletions and changes; then the new ones. Deletions are collected
	 * because the range statement is still open. */
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t lo = sqlite3_column_int64(q, 0), hi = sqlite3_column_int64(q, 1);
		uint64_t key = wpi_pair(lo, hi);
		wpi_ev_read(q, 2, &e);
		WP_TRY(wpi_imap_put(&seen, key, 1, err));
		if (wpi_imap_get(&s->link_index, key, &v)) {
			if (!wpi_ev_equal(&e, &s->links[v].ev))
				sum->ties_changed++;
			else
				s->links[v].same = true;
			continue;
		}
		if (gone_count == gone_cap) {
			gone_cap = gone_cap ? gone_cap * 2 : 64;
			uint64_t *g = realloc(gone, gone_cap * sizeof(*g));
			if (g == NULL) {
				free(gone);
				WP_FAIL(WP_ENOMEM, "cannot hold %llu ties",
				        (unsigned long long)gone_cap);
			}
			gone = g;
		}
		gone[gone_count++] = key;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(s->ws, err, "cannot read links"));
	for (uint64_t i = 0; i < gone_count; i++) {
		sqlite3_stmt *d = wpi_stmt(s->ws, WPI_Q_LINK_DELETE, err);
		if (d == NULL)
			WP_FAIL(WP_EIO, "cannot delete a link");
		sqlite3_bind_int64(d, 1, s->member_id);
		sqlite3_bind_int64(d, 2, (int64_t)(gone[i] >> 32));
		sqlite3_bind_int64(d, 3, (int64_t)(gone[i] & 0xffffffff));
		WP_TRY(wpi_step_done(s->ws, d, err, "cannot delete a link"));
		sum->ties_removed++;
		s->changed = true;
	}
	for (uint64_t i = 0; i < s->links_count; i++) {
		wpi_blink *l = &s->links[i];
		sum->ties++;
		if (l->same)
			continue;
		if (!wpi_imap_get(&seen, wpi_pair(l->lo, l->hi), &v))
			sum->ties_added++;
		sqlite3_stmt *p = wpi_stmt(s->ws, WPI_Q_LINK_PUT, err);
		if (p == NULL)
			WP_FAIL(WP_EIO, "cannot write a link");
		sqlite3_bind_int64(p, 1, s->member_id);
		sqlite3_bind_int64(p, 2, l->lo);
		sqlite3_bind_int64(p, 3, l->hi);
		wpi_ev_bind(p, 4, &l->ev);
		WP_TRY(wpi_step_done(s->ws, p, err, "cannot write a link"));
		s->changed = true;
	}
	st = WP_OK;
fail:
	if (q != NULL)
		sqlite3_reset(q);
	free(gone);
	wpi_imap_free(&seen);
	return st;
}

/* Deletes the mentions the member no longer makes, then refreshes the representative rows of
 * existing people whose mentions changed (deleting people nobody mentions any more). */
static wp_status settle_people(wpi_import *s, wp_import_summary *sum, char *err)
{
	wp_status st = WP_OK;
	for (uint32_t i = 0; i < s->old_count; i++) {
		if (s->old[i].kept)
			continue;
		sqlite3_stmt *q = wpi_stmt(s->ws, WPI_Q_MENTION_DELETE, err);
		if (q == NULL)
			WP_FAIL(WP_EIO, "cannot delete a mention");
		sqlite3_bind_int64(q, 1, wpi_mention_id(s->member_id, s->old[i].person));
		WP_TRY(wpi_step_done(s->ws, q, err, "cannot delete a mention"));
		if (has_ev(&s->old[i].ev))
			sum->ties_removed++;
		s->changed = true;
		s->only_inserts = false;
	}
	WP_TRY(wpi_members_load(s->ws, &s->members, err));

	/* Existing people whose mention by this member appeared, changed or went. A new mention
	 * that neither beats the representative nor fills a field the person lacks changes
	 * nothing (the key cache knows both); any other new mention is merged into the row as it
	 * stands (wpi_person_absorb, one read); a changed or deleted mention (it may have filled a
	 * field) recomputes the row from all the person's mentions (one read per member). */
	for (uint32_t pass = 0; pass < 2; pass++) {
		uint32_t n = pass == 0 ? s->bp_count : s->old_count;
		for (uint32_t i = 0; i < n; i++) {
			int64_t p;
			if (pass == 0) {
				const wpi_bperson *b = &s->bp[i];
				if (b->is_new || !b->written)
					continue;
				p = b->id;
				wpi_attrs a = bp_attrs(s, b);
				uint64_t rep;
				if (!b->replaced && s->ws->keys_valid &&
				    wpi_imap_get(&s->ws->reps, (uint64_t)p, &rep) &&
				    (int64_t)(rep & 0xffffffff) != s->member_id &&
				    !wpi_rep_wins(wpi_attrs_rank(&a), s->member_id, rep) &&
				    (wpi_attrs_have(&a) & ~(unsigned)(rep >> 32) & 0xfu) == 0)
					continue;
				if (!b->replaced) {
					WP_TRY(wpi_person_absorb(s->ws, p, &a, s->member_id, err));
					continue;
				}
			} else {
				if (s->old[i].kept)
					continue;
				p = s->old[i].person;
			}
			bool deleted;
			WP_TRY(wpi_person_refresh(s->ws, &s->members, p, &deleted, err));
			sum->people_removed += deleted;
		}
	}
	return WP_OK;
fail:
	return st;
}

/* Replaces the member's positions if they differ from the batch's. */
static wp_status write_positions(wpi_import *s, char *err)
{
	wp_status st = WP_OK;
	const wp_contacts *c = s->batch;
	sqlite3_stmt *q = NULL;
	uint32_t n = 0;
	bool same = true;
	int rc;
	char key[WP_KEY_LEN];

	WP_TRY(wpi_prepare(s->ws,
	                   "SELECT company, title, start_month, end_month FROM positions "
	                   "WHERE member_id = ? ORDER BY ord",
	                   &q, err));
	sqlite3_bind_int64(q, 1, s->member_id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (n >= c->positions_count) {
			same = false;
			break;
		}
		const wp_position_rec *p = &c->positions[n++];
		if (strcmp(wpi_col_text(q, 0), wp_contacts_text(c, p->company)) != 0 ||
		    strcmp(wpi_col_text(q, 1), wp_contacts_text(c, p->title)) != 0 ||
		    sqlite3_column_int64(q, 2) != p->start_month ||
		    sqlite3_column_int64(q, 3) != p->end_month)
			same = false;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		WP_TRY(wpi_sqlerr(s->ws, err, "cannot read positions"));
	sqlite3_finalize(q);
	q = NULL;
	if (same && n == c->positions_count)
		return WP_OK;
	s->changed = true;
	WP_TRY(wpi_prepare(s->ws, "DELETE FROM positions WHERE member_id = ?", &q, err));
	sqlite3_bind_int64(q, 1, s->member_id);
	WP_TRY(wpi_step_done(s->ws, q, err, "cannot replace positions"));
	sqlite3_finalize(q);
	q = NULL;
	WP_TRY(wpi_prepare(s->ws,
	                   "INSERT INTO positions(member_id, ord, company, company_key, title, "
	                   "start_month, end_month) VALUES (?, ?, ?, ?, ?, ?, ?)",
	                   &q, err));
	for (uint32_t i = 0; i < c->positions_count; i++) {
		const wp_position_rec *p = &c->positions[i];
		wp_identity_company_key(wp_contacts_text(c, p->company), key);
		sqlite3_bind_int64(q, 1, s->member_id);
		sqlite3_bind_int64(q, 2, i);
		sqlite3_bind_text(q, 3, wp_contacts_text(c, p->company), -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, wp_contacts_text(c, p->title), -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 6, p->start_month);
		sqlite3_bind_int64(q, 7, p->end_month);
		WP_TRY(wpi_step_done(s->ws, q, err, "cannot replace positions"));
	}
	st = WP_OK;
fail:
	sqlite3_finalize(q);
	return st;
}

/* Replaces the member's file reports if they differ from the batch's. */
static wp_status write_files(wpi_import *s, char *err)
{
	wp_status st = WP_OK;
	const wp_contacts *c = s->batch;
	sqlite3_stmt *q = NULL;
	uint32_t n = 0;
	bool same = true;
	int rc;

	WP_TRY(wpi_prepare(s->ws,
	                   "SELECT name, kind, rows, used, skipped, hidden FROM files "
	                   "WHERE member_id = ? ORDER BY ord",
	                   &q, err));
	sqlite3_bind_int64(q, 1, s->member_id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (n >= c->files_count) {
			same = false;
			break;
		}
		const wp_file_report *f = &c->files[n++];
		if (strcmp(wpi_col_text(q, 0), wp_contacts_text(c, f->name)) != 0 ||
		    strcmp(wpi_col_text(q, 1), wp_contacts_text(c, f->kind)) != 0 ||
		    (uint64_t)sqlite3_column_int64(q, 2) != f->rows ||
		    (uint64_t)sqlite3_column_int64(q, 3) != f->used ||
		    (uint64_t)sqlite3_column_int64(q, 4) != f->skipped ||
		    (uint64_t)sqlite3_column_int64(q, 5) != f->hidden)
			same = false;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		WP_TRY(wpi_sqlerr(s->ws, err, "cannot read file reports"));
	sqlite3_finalize(q);
	q = NULL;
	if (same && n == c->files_count)
		return WP_OK;
	s->changed = true;
	WP_TRY(wpi_prepare(s->ws, "DELETE FROM files WHERE member_id = ?", &q, err));
	sqlite3_bind_int64(q, 1, s->member_id);
	WP_TRY(wpi_step_done(s->ws, q, err, "cannot replace file reports"));
	sqlite3_finalize(q);
	q = NULL;
	WP_TRY(wpi_prepare(s->ws,
	                   "INSERT INTO files(member_id, ord, name, kind, rows, used, skipped, "
	                   "hidden) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	                   &q, err));
	for (uint32_t i = 0; i < c->files_count; i++) {
		const wp_file_report *f = &c->files[i];
		sqlite3_bind_int64(q, 1, s->member_id);
		sqlite3_bind_int64(q, 2, i);
		sqlite3_bind_text(q, 3, wp_contacts_text(c, f->name), -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, wp_contacts_text(c, f->kind), -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 5, (int64_t)f->rows);
		sqlite3_bind_int64(q, 6, (int64_t)f->used);
		sqlite3_bind_int64(q, 7, (int64_t)f->skipped);
		sqlite3_bind_int64(q, 8, (int64_t)f->hidden);
		WP_TRY(wpi_step_done(s->ws, q, err, "cannot replace file reports"));
	}
	st = WP_OK;
fail:
	sqlite3_finalize(q);
	return st;
}

/* Finds the member (by name key) or adds them; loads their stored profile slug. */
static wp_status find_member(wpi_import *s, const char *member_name, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *q = wpi_stmt(s->ws, WPI_Q_MEMBER_BY_KEY, err);
	if (q == NULL)
		WP_FAIL(WP_EIO, "cannot read members");
	sqlite3_bind_text(q, 1, s->member_key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		s->member_id = sqlite3_column_int64(q, 0);
		s->member_person = sqlite3_column_int64(q, 2);
		wpi_normal_slug(wpi_col_text(q, 3), s->member_slug);
		sqlite3_reset(q);
		return WP_OK;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(s->ws, err, "cannot read members"));
	q = wpi_stmt(s->ws, WPI_Q_MEMBER_INSERT, err);
	if (q == NULL)
		WP_FAIL(WP_EIO, "cannot add a member");
	sqlite3_bind_text(q, 1, member_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, s->member_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, s->now);
	sqlite3_bind_int64(q, 4, s->now);
	WP_TRY(wpi_step_done(s->ws, q, err, "cannot add a member"));
	s->member_id = sqlite3_last_insert_rowid(s->ws->db);
	s->changed = true;
	return WP_OK;
fail:
	return st;
}

static wp_status update_member(wpi_import *s, const char *member_name, int64_t mp, char *err)
{
	wp_status st = WP_OK;
	char url[WP_KEY_LEN + 64] = "";
	const char *slug = wpi_tx(s, s->recs[0].slug);
	if (*slug)
		snprintf(url, sizeof(url), "https://www.linkedin.com/in/%s", slug);
	if (mp != s->member_person)
		s->changed = true;
	sqlite3_stmt *q = wpi_stmt(s->ws, WPI_Q_MEMBER_UPDATE, err);
	if (q == NULL)
		WP_FAIL(WP_EIO, "cannot update a member");
	sqlite3_bind_text(q, 1, member_name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, mp);
	sqlite3_bind_text(q, 3, url, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, s->now);
	sqlite3_bind_int64(q, 5, s->member_id);
	WP_TRY(wpi_step_done(s->ws, q, err, "cannot update a member"));
	return WP_OK;
fail:
	return st;
}

/* Adds the keys and representatives of the mentions this import wrote to the key cache. The
 * cache is far bigger than the processor's caches, so the keys of the mention PREFETCH places
 * ahead are made and their slots prefetched before each insertion. */
static wp_status cache_new_keys(wp_workspace *ws, const wpi_import *s, char *err)
{
	enum { PREFETCH = 8 };
	wp_status st = WP_OK;
	wpi_keys *ring = malloc(PREFETCH * sizeof(*ring));
	uint32_t *at = malloc(PREFETCH * sizeof(*at));
	uint32_t next = 0, queued = 0;
	if (ring == NULL || at == NULL)
		WP_FAIL(WP_ENOMEM, "cannot update the key cache");
	for (uint32_t done = 0;;) {
		while (queued - done < PREFETCH && next < s->bp_count) {
			const wpi_bperson *b = &s->bp[next++];
			if (!b->written)
				continue;
			wpi_keys *k = &ring[queued % PREFETCH];
			wpi_keys_make(k, wpi_tx(s, b->slug), wpi_tx(s, b->email),
			              wpi_tx(s, b->name_key), wpi_tx(s, b->company_key),
			              s->member_key, (b->flags & WPI_NEVER_MERGE) != 0);
			wpi_keys_prefetch(ws, k);
			wpi_imap_prefetch(&ws->reps, (uint64_t)b->id);
			at[queued % PREFETCH] = next - 1;
			queued++;
		}
		if (done == queued)
			break;
		const wpi_bperson *b = &s->bp[at[done % PREFETCH]];
		wpi_attrs a = bp_attrs(s, b);
		WP_TRY(wpi_keys_add(ws, &ring[done % PREFETCH], b->id, err));
		WP_TRY(wpi_rep_note(ws, b->id, wpi_attrs_rank(&a), wpi_attrs_have(&a), s->member_id,
		                    err));
		done++;
	}
	st = WP_OK;
fail:
	free(ring);
	free(at);
	return st;
}

static void state_free(wpi_import *s)
{
	wp_strtab_free(&s->text);
	free(s->recs);
	free(s->bp);
	wpi_imap_free(&s->bp_index);
	wpi_smap_free(&s->batch_keys);
	wpi_imap_free(&s->batch_slugged);
	wpi_smap_free(&s->sticky);
	wpi_smap_free(&s->never_seen);
	free(s->old);
	wpi_imap_free(&s->old_index);
	free(s->links);
	wpi_imap_free(&s->link_index);
	wpi_smap_free(&s->decisions);
	wpi_members_free(&s->members);
}

/* Checks the batch's references before anything is touched. */
static wp_status check_batch(const wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	if (c == NULL || c->people_count == 0)
		WP_FAIL(WP_EARG, "the batch has no people (not even its member)");
	for (uint64_t i = 0; i < c->evidence_count; i++) {
		const wp_evidence_rec *e = &c->evidence[i];
		if (e->a >= c->people_count || e->b >= c->people_count)
			WP_FAIL(WP_EARG, "evidence record %llu refers to person %u of %u",
			        (unsigned long long)i, e->a >= c->people_count ? e->a : e->b,
			        c->people_count);
	}
	return WP_OK;
fail:
	return st;
}

wp_status wp_workspace_import(wp_workspace *ws, const char *member_name,
                              const struct wp_contacts *batch, const char *source,
                              wp_import_summary *out, char *err)
{
	wp_status st = WP_OK;
	wpi_import s = {0};
	wp_import_summary sum = {0};
	bool began = false;
	char detail[256];

	if (member_name == NULL || !wp_identity_name_key(member_name, s.member_key) ||
	    s.member_key[0] == '\0')
		WP_FAIL(WP_EARG, "a member needs a name");
	WP_TRY(check_batch(batch, err));
	s.ws = ws;
	s.batch = batch;
	s.now = wp_workspace_now(ws);
	s.only_inserts = true;
	WP_TRY(wp_strtab_append(&s.text, "", 0, err));
	s.recs = calloc(batch->people_count, sizeof(*s.recs));
	if (s.recs == NULL)
		WP_FAIL(WP_ENOMEM, "cannot hold %u people", batch->people_count);
	for (uint64_t i = 0; i < batch->evidence_count; i++)
		s.recs[batch->evidence[i].a].has_ev = s.recs[batch->evidence[i].b].has_ev = true;
	WP_TRY(wpi_imap_reserve(&s.bp_index, batch->people_count, err));
	WP_TRY(wpi_imap_reserve(&s.batch_slugged, batch->people_count, err));

	WP_TRY(wpi_begin(ws, err));
	began = true;
	WP_TRY(wpi_keys_refresh(ws, err));
	WP_TRY(find_member(&s, member_name, err));
	WP_TRY(load_old(&s, err));
	WP_TRY(wpi_load_decisions(&s, err));
	sqlite3_stmt *q = wpi_stmt(ws, WPI_Q_PERSON_MAX, err);
	if (q == NULL || sqlite3_step(q) != SQLITE_ROW)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read people"));
	s.next_person = sqlite3_column_int64(q, 0) + 1;
	sqlite3_reset(q);

	WP_TRY(wpi_resolve(&s, &sum, err));
	int64_t mp = s.recs[0].person;
	sum.member_person = mp;
	WP_TRY(wpi_gather_evidence(&s, mp, &sum, err));
	WP_TRY(write_people_and_mentions(&s, &sum, err));
	WP_TRY(update_member(&s, member_name, mp, err));
	WP_TRY(write_links(&s, &sum, err));
	WP_TRY(settle_people(&s, &sum, err));
	WP_TRY(write_positions(&s, err));
	WP_TRY(write_files(&s, err));
	bool shared_changed = false;
	WP_TRY(wpi_shared_refresh(ws, s.now, &shared_changed, err));
	s.changed = s.changed || shared_changed;

	for (uint32_t i = 0; i < batch->files_count; i++) {
		sum.rows_read += batch->files[i].rows;
		sum.rows_skipped += batch->files[i].skipped;
		sum.rows_hidden += batch->files[i].hidden;
	}
	sum.warnings = batch->warnings.count;
	sum.unchanged = !s.changed;
	snprintf(detail, sizeof(detail),
	         "%llu people (+%llu new, %llu removed), %llu ties (+%llu, -%llu, %llu changed), "
	         "%llu rows skipped%s",
	         (unsigned long long)sum.people, (unsigned long long)sum.people_added,
	         (unsigned long long)sum.people_removed, (unsigned long long)sum.ties,
	         (unsigned long long)sum.ties_added, (unsigned long long)sum.ties_removed,
	         (unsigned long long)sum.ties_changed, (unsigned long long)sum.rows_skipped,
	         sum.unchanged ? ", nothing changed" : "");
	WP_TRY(wpi_log(ws, "import", s.member_id, member_name, source, detail, err));
	if (s.changed)
		WP_TRY(wpi_touch(ws, err));
	WP_TRY(wpi_commit(ws, err));

	/* Keep the key cache warm when this import only added mentions. */
	if (s.only_inserts && sum.people_removed == 0 && ws->keys_valid) {
		if (cache_new_keys(ws, &s, NULL) != WP_OK)
			wpi_keys_invalidate(ws);
	} else {
		wpi_keys_invalidate(ws);
	}
	state_free(&s);
	if (out != NULL)
		*out = sum;
	return WP_OK;
fail:
	if (began)
		wpi_rollback(ws);
	state_free(&s);
	return st;
}
