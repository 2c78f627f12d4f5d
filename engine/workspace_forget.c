/* workspace_forget.c - forgetting a member: their contributions, the people only they knew, and
 * every byte of it in the file.
 *
 * One transaction deletes the member's mentions, links, positions, file reports, log entries and
 * member row (with secure_delete on, so freed cells are zeroed), re-derives or deletes every
 * person they mentioned, recomputes shared employers, and deletes decisions whose keys nobody
 * holds any more (a decision naming a forgotten contact's e-mail would keep it). Then VACUUM
 * rebuilds the file without free pages and a TRUNCATE checkpoint empties the WAL, which still
 * held copies of the old pages, and the cached graph files are removed.
 */
#include "engine/workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/identity.h"
#include "engine/workspace_internal.h"

/* Lists the members' names into buf, for "no member called X" errors. */
static void member_names(wp_workspace *ws, char *buf, size_t len)
{
	wpi_members m = {0};
	size_t used = 0;
	buf[0] = '\0';
	if (wpi_members_load(ws, &m, NULL) != WP_OK)
		return;
	for (size_t i = 0; i < m.count && used + 1 < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", m.items[i].name);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	if (m.count == 0)
		snprintf(buf, len, "none yet");
	wpi_members_free(&m);
}

/* Deletes decisions whose keys nobody holds any more: they would keep a forgotten member's
 * knowledge (an e-mail address, a name) in the file. */
static wp_status prune_decisions(wp_workspace *ws, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *q = NULL, *d = NULL;
	int rc;
	WP_TRY(wpi_keys_refresh(ws, err));
	WP_TRY(wpi_prepare(ws, "SELECT id, key_a, key_b FROM decisions", &q, err));
	WP_TRY(wpi_prepare(ws, "DELETE FROM decisions WHERE id = ?", &d, err));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (wpi_keys_lookup(ws, wpi_col_text(q, 1)) != 0 &&
		    wpi_keys_lookup(ws, wpi_col_text(q, 2)) != 0)
			continue;
		sqlite3_bind_int64(d, 1, sqlite3_column_int64(q, 0));
		WP_TRY(wpi_step_done(ws, d, err, "cannot delete a decision"));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read decisions"));
	st = WP_OK;
fail:
	sqlite3_finalize(q);
	sqlite3_finalize(d);
	return st;
}

static wp_status forget_rows(wp_workspace *ws, int64_t member, wp_import_summary *sum, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *q = NULL;
	wpi_members members = {0};
	int64_t *people = NULL;
	size_t count = 0, cap = 0;
	int rc;
	static const char *const deletes[] = {
	        "DELETE FROM mentions WHERE id BETWEEN ?1 << 32 AND (?1 << 32) + 4294967295",
	        "DELETE FROM links WHERE member_id = ?1",
	        "DELETE FROM log WHERE member_id = ?1",
	        "DELETE FROM members WHERE id = ?1",
	};

	WP_TRY(wpi_prepare(ws,
	                   "SELECT id, w_points > 0 OR w_manual > 0 FROM mentions "
	                   "WHERE id BETWEEN ?1 << 32 AND (?1 << 32) + 4294967295",
	                   &q, err));
	sqlite3_bind_int64(q, 1, member);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 256;
			int64_t *p = realloc(people, cap * sizeof(*p));
			if (p == NULL)
				WP_FAIL(WP_ENOMEM, "cannot hold %zu people", cap);
			people = p;
		}
		people[count++] = sqlite3_column_int64(q, 0) & 0xffffffff;
		sum->ties_removed += sqlite3_column_int(q, 1) != 0;
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read mentions"));
	sqlite3_finalize(q);
	q = NULL;
	WP_TRY(wpi_prepare(ws, "SELECT count(*) FROM links WHERE member_id = ?", &q, err));
	sqlite3_bind_int64(q, 1, member);
	if (sqlite3_step(q) == SQLITE_ROW)
		sum->ties_removed += (uint64_t)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	q = NULL;
	for (size_t i = 0; i < sizeof(deletes) / sizeof(deletes[0]); i++) {
		WP_TRY(wpi_prepare(ws, deletes[i], &q, err));
		sqlite3_bind_int64(q, 1, member);
		WP_TRY(wpi_step_done(ws, q, err, "cannot forget a member"));
		sqlite3_finalize(q);
		q = NULL;
	}
	WP_TRY(wpi_members_load(ws, &members, err));
	for (size_t i = 0; i < count; i++) {
		bool deleted;
		WP_TRY(wpi_person_refresh(ws, &members, people[i], &deleted, err));
		sum->people_removed += deleted;
	}
	st = WP_OK;
fail:
	sqlite3_finalize(q);
	free(people);
	wpi_members_free(&members);
	return st;
}

/* Removes the graph cache files (they hold names too). */
static void remove_cache(const wp_workspace *ws)
{
	char buf[4096];
	if (snprintf(buf, sizeof(buf), "%s.wpg", ws->path) < (int)sizeof(buf))
		unlink(buf);
	if (snprintf(buf, sizeof(buf), "%s.wpg.key", ws->path) < (int)sizeof(buf))
		unlink(buf);
}

wp_status wp_workspace_forget(wp_workspace *ws, const char *member_name, wp_import_summary *out,
                              char *err)
{
	wp_status st = WP_OK;
	wp_import_summary sum = {0};
	char key[WP_KEY_LEN], names[256], detail[160];
	bool began = false, changed = false;
	sqlite3_stmt *q = NULL;
	int64_t member = 0;

	if (member_name == NULL || !wp_identity_name_key(member_name, key) || key[0] == '\0')
		WP_FAIL(WP_EARG, "which member? (a name is needed)");
	WP_TRY(wpi_exec(ws, "PRAGMA secure_delete = ON", err));
	WP_TRY(wpi_begin(ws, err));
	began = true;
	q = wpi_stmt(ws, WPI_Q_MEMBER_BY_KEY, err);
	if (q == NULL)
		WP_FAIL(WP_EIO, "cannot read members");
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		member = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (member == 0) {
		member_names(ws, names, sizeof(names));
		WP_FAIL(WP_ENOTFOUND, "no member called \"%s\" (members: %s)", member_name, names);
	}
	WP_TRY(forget_rows(ws, member, &sum, err));
	WP_TRY(wpi_shared_refresh(ws, wp_workspace_now(ws), &changed, err));
	wpi_keys_invalidate(ws);
	WP_TRY(prune_decisions(ws, err));
	snprintf(detail, sizeof(detail),
	         "a member was forgotten: %llu people and %llu ties removed",
	         (unsigned long long)sum.people_removed, (unsigned long long)sum.ties_removed);
	WP_TRY(wpi_log(ws, "forget", 0, "", "", detail, err));
	WP_TRY(wpi_touch(ws, err));
	WP_TRY(wpi_commit(ws, err));
	began = false;
	wpi_keys_invalidate(ws);
	remove_cache(ws);

	/* Scrub: rebuild the file without the freed pages, then empty the WAL, which still holds
	 * copies of the old pages. */
	WP_TRY(wpi_exec(ws, "VACUUM", err));
	int log_frames = 0, busy = 0;
	if (sqlite3_wal_checkpoint_v2(ws->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log_frames,
	                              NULL) != SQLITE_OK)
		busy = 1;
	if (busy)
		WP_FAIL(WP_EIO,
		        "%s: the member was forgotten, but another process has the workspace open, "
		        "so "
		        "old copies remain in %s-wal until it closes; run forget again then",
		        ws->path, ws->path);
	sqlite3_exec(ws->db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
	if (out != NULL)
		*out = sum;
	return WP_OK;
fail:
	if (began)
		wpi_rollback(ws);
	sqlite3_exec(ws->db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
	return st;
}
