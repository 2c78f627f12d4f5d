/* workspace.c - opening a workspace, its schema, statements and transactions, and the listings
 * that are plain counts (members, stats, log).
 *
 * The file is created with mode 0600 by open(O_CREAT | O_EXCL) before SQLite sees it, so there is
 * no moment when personal data sits in a world-readable file; SQLite gives the -wal and -shm files
 * the database's mode, and open() checks them anyway. Settings: WAL journal (readers never block
 * the importer), synchronous=NORMAL (a commit is durable once the WAL is synced at checkpoint; a
 * crash loses at most the last transactions, never consistency), checkpoints every 8192 pages
 * (128 MiB: a page rewritten by several imports is copied into the file once, which saves about a
 * tenth of a 200-member import), 16 KiB pages for a new file, foreign keys on, a busy timeout so
 * that two importers take turns. PRAGMA user_version holds the schema version and
 * application_id marks the file as ours, so another SQLite file is refused, and a file from a newer
 * warmpath is refused rather than damaged. docs/workspace.md describes every table.
 */
#include "engine/workspace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engine/workspace_internal.h"

#define APPLICATION_ID 0x5750574b /* "WPWK" */

/* Version 1 of the schema. Mentions and links carry no secondary indexes on purpose: every
 * import appends a member's rows in key order (mention rowid = member << 32 | person; links by
 * member first), so a 5,000-contact import touches a few hundred pages instead of one page per
 * row of each index; identity lookups go through an in-memory key map instead (workspace_keys.c).
 * Foreign keys are declared where the child side is indexed or small. */
static const char *const schema_sql[] = {
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;",
        "CREATE TABLE people(\n"
        " id INTEGER PRIMARY KEY,\n"
        " name TEXT NOT NULL, name_key TEXT NOT NULL,\n"
        " company TEXT NOT NULL, company_key TEXT NOT NULL,\n"
        " position TEXT NOT NULL, slug TEXT NOT NULL, email TEXT NOT NULL,\n"
        " flags INTEGER NOT NULL, rep_member INTEGER NOT NULL, rep_rank INTEGER NOT NULL);",
        "CREATE TABLE members(\n"
        " id INTEGER PRIMARY KEY,\n"
        " name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,\n"
        " person_id INTEGER REFERENCES people(id),\n"
        " url TEXT NOT NULL,\n"
        " first_import INTEGER NOT NULL, last_import INTEGER NOT NULL, imports INTEGER NOT NULL);",
        "CREATE TABLE mentions(\n"
        " id INTEGER PRIMARY KEY,\n"
        " member_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,\n"
        " person_id INTEGER GENERATED ALWAYS AS (id & 4294967295) VIRTUAL,\n"
        " name TEXT NOT NULL, name_key TEXT NOT NULL,\n"
        " company TEXT NOT NULL, company_key TEXT NOT NULL,\n"
        " position TEXT NOT NULL, slug TEXT NOT NULL, email TEXT NOT NULL,\n"
        " flags INTEGER NOT NULL, tag INTEGER NOT NULL, file INTEGER NOT NULL, line INTEGER NOT "
        "NULL,\n" WPI_EV_DEFS_SQL ");",
        "CREATE TABLE links(\n"
        " member_id INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL,\n" WPI_EV_DEFS_SQL
        ",\n PRIMARY KEY(member_id, lo, hi)) WITHOUT ROWID;",
        "CREATE TABLE shared(\n"
        " lo INTEGER NOT NULL, hi INTEGER NOT NULL,\n"
        " months INTEGER NOT NULL, company TEXT NOT NULL,\n"
        " PRIMARY KEY(lo, hi)) WITHOUT ROWID;",
        "CREATE TABLE manual(\n"
        " lo INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
        " hi INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
        " strength REAL NOT NULL, at INTEGER NOT NULL,\n"
        " PRIMARY KEY(lo, hi)) WITHOUT ROWID;",
        "CREATE INDEX manual_hi ON manual(hi);",
        "CREATE TABLE positions(\n"
        " member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,\n"
        " ord INTEGER NOT NULL,\n"
        " company TEXT NOT NULL, company_key TEXT NOT NULL, title TEXT NOT NULL,\n"
        " start_month INTEGER NOT NULL, end_month INTEGER NOT NULL,\n"
        " PRIMARY KEY(member_id, ord)) WITHOUT ROWID;",
        "CREATE TABLE files(\n"
        " member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,\n"
        " ord INTEGER NOT NULL,\n"
        " name TEXT NOT NULL, kind TEXT NOT NULL,\n"
        " rows INTEGER NOT NULL, used INTEGER NOT NULL, skipped INTEGER NOT NULL,\n"
        " hidden INTEGER NOT NULL,\n"
        " PRIMARY KEY(member_id, ord)) WITHOUT ROWID;",
        "CREATE TABLE decisions(\n"
        " id INTEGER PRIMARY KEY,\n"
        " kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),\n"
        " key_a TEXT NOT NULL, key_b TEXT NOT NULL, at INTEGER NOT NULL,\n"
        " UNIQUE(kind, key_a, key_b));",
        "CREATE TABLE log(\n"
        " id INTEGER PRIMARY KEY,\n"
        " at INTEGER NOT NULL, action TEXT NOT NULL,\n"
        " member_id INTEGER, member TEXT NOT NULL, source TEXT NOT NULL, detail TEXT NOT NULL);",
        "CREATE INDEX log_member ON log(member_id);\n",
};

#define MENTION_COLS                                                                      \
	"name, name_key, company, company_key, position, slug, email, flags, tag, file, " \
	"line, " WPI_EV_NAMES_SQL
#define PERSON_COLS \
	"name, name_key, company, company_key, position, slug, email, flags, rep_member, rep_rank"

static const char *const query_sql[WPI_Q_COUNT] = {
        [WPI_Q_META_GET] = "SELECT value FROM meta WHERE key = ?",
        [WPI_Q_META_SET] = "INSERT INTO meta(key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [WPI_Q_MEMBER_BY_KEY] = "SELECT id, name, person_id, url FROM members WHERE name_key = ?",
        [WPI_Q_MEMBER_INSERT] =
                "INSERT INTO members(name, name_key, person_id, url, "
                "first_import, last_import, imports) VALUES (?, ?, NULL, '', ?, ?, 0)",
        [WPI_Q_MEMBER_UPDATE] = "UPDATE members SET name = ?, person_id = ?, url = ?, "
                                "last_import = ?, imports = imports + 1 WHERE id = ?",
        [WPI_Q_MEMBERS_ALL] = "SELECT id, person_id, name, name_key FROM members ORDER BY id",
        [WPI_Q_MENTION_GET] = "SELECT " MENTION_COLS " FROM mentions WHERE id = ?",
        [WPI_Q_MENTION_RANGE] =
                "SELECT id, " MENTION_COLS " FROM mentions WHERE id BETWEEN ? AND ?",
        [WPI_Q_MENTION_PUT] = "INSERT OR REPLACE INTO mentions(id, " MENTION_COLS ") VALUES "
                              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " WPI_EV_PH_SQL ")",
        [WPI_Q_MENTION_INSERT] = "INSERT INTO mentions(id, " MENTION_COLS ") VALUES "
                                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " WPI_EV_PH_SQL ")",
        [WPI_Q_MENTION_DELETE] = "DELETE FROM mentions WHERE id = ?",
        [WPI_Q_LINK_RANGE] = "SELECT lo, hi, " WPI_EV_NAMES_SQL " FROM links WHERE member_id = ?",
        [WPI_Q_LINK_GET] = "SELECT " WPI_EV_NAMES_SQL " FROM links WHERE member_id = ? AND lo = ? "
                           "AND hi = ?",
        [WPI_Q_LINK_PUT] = "INSERT OR REPLACE INTO links(member_id, lo, hi, " WPI_EV_NAMES_SQL
                           ") VALUES (?, ?, ?, " WPI_EV_PH_SQL ")",
        [WPI_Q_LINK_DELETE] = "DELETE FROM links WHERE member_id = ? AND lo = ? AND hi = ?",
        [WPI_Q_PERSON_GET] = "SELECT " PERSON_COLS " FROM people WHERE id = ?",
        [WPI_Q_PERSON_INSERT] = "INSERT INTO people(id, " PERSON_COLS ") VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [WPI_Q_PERSON_UPDATE] =
                "UPDATE people SET name = ?2, name_key = ?3, company = ?4, "
                "company_key = ?5, position = ?6, slug = ?7, email = ?8, flags = ?9, "
                "rep_member = ?10, rep_rank = ?11 WHERE id = ?1",
        [WPI_Q_PERSON_DELETE] = "DELETE FROM people WHERE id = ?",
        [WPI_Q_PERSON_MAX] = "SELECT coalesce(max(id), 0) FROM people",
        [WPI_Q_LOG_INSERT] = "INSERT INTO log(at, action, member_id, member, source, detail) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
};

/* ---- SQL helpers ----------------------------------------------------------------------------- */

wp_status wpi_sqlerr(wp_workspace *ws, char *err, const char *what)
{
	int code = sqlite3_extended_errcode(ws->db);
	int primary = code & 0xff;
	if (primary == SQLITE_NOMEM)
		return wp_error(err, WP_ENOMEM, "%s: %s: out of memory", ws->path, what);
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return wp_error(err, WP_EIO,
		                "%s is busy: another warmpath is writing it (waited %.1f s); try "
		                "again when it has finished",
		                ws->path, ws->busy_ms / 1000.0);
	/* ENOSPC reaches SQLite as SQLITE_FULL; a quota or a file-size limit (EDQUOT, EFBIG) as a
	 * write error whose errno is often gone by now. Either way the transaction was rolled back.
	 */
	int sys = sqlite3_system_errno(ws->db);
	if (primary == SQLITE_FULL || (primary == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT)))
		return wp_error(err, WP_EIO, "%s: %s: the disk is full; nothing was changed",
		                ws->path, what);
	if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
	    code == SQLITE_IOERR_TRUNCATE || (primary == SQLITE_IOERR && sys == EFBIG))
		return wp_error(
		        err, WP_EIO,
		        "%s: %s: cannot write to the disk (is it full?); nothing was changed",
		        ws->path, what);
	if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
		return wp_error(err, WP_EINPUT, "%s: not a warmpath workspace (%s)", ws->path,
		                sqlite3_errmsg(ws->db));
	return wp_error(err, WP_EIO, "%s: %s: %s", ws->path, what, sqlite3_errmsg(ws->db));
}

sqlite3_stmt *wpi_stmt(wp_workspace *ws, wpi_query q, char *err)
{
	sqlite3_stmt *s = ws->stmts[q];
	if (s == NULL) {
		if (sqlite3_prepare_v3(ws->db, query_sql[q], -1, SQLITE_PREPARE_PERSISTENT, &s,
		                       NULL) != SQLITE_OK) {
			wpi_sqlerr(ws, err, "cannot prepare a statement");
			return NULL;
		}
		ws->stmts[q] = s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

wp_status wpi_prepare(wp_workspace *ws, const char *sql, sqlite3_stmt **stmt, char *err)
{
	if (sqlite3_prepare_v2(ws->db, sql, -1, stmt, NULL) != SQLITE_OK) {
		*stmt = NULL;
		return wpi_sqlerr(ws, err, "cannot prepare a statement");
	}
	return WP_OK;
}

wp_status wpi_exec(wp_workspace *ws, const char *sql, char *err)
{
	if (sqlite3_exec(ws->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return wpi_sqlerr(ws, err, "cannot update");
	return WP_OK;
}

wp_status wpi_step_done(wp_workspace *ws, sqlite3_stmt *s, char *err, const char *what)
{
	int rc = sqlite3_step(s);
	wp_status st = rc == SQLITE_DONE ? WP_OK : wpi_sqlerr(ws, err, what);
	sqlite3_reset(s);
	return st;
}

wp_status wpi_begin(wp_workspace *ws, char *err)
{
	return wpi_exec(ws, "BEGIN IMMEDIATE", err);
}

wp_status wpi_commit(wp_workspace *ws, char *err)
{
	return wpi_exec(ws, "COMMIT", err);
}

void wpi_rollback(wp_workspace *ws)
{
	if (!sqlite3_get_autocommit(ws->db))
		sqlite3_exec(ws->db, "ROLLBACK", NULL, NULL, NULL);
	wpi_keys_invalidate(ws);
	ws->labels_valid = false;
}

wp_status wpi_meta_get(wp_workspace *ws, const char *key, int64_t *value, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_META_GET, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot read meta");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int64(s, 0);
	else if (rc == SQLITE_DONE)
		*value = 0;
	else
		WP_TRY(wpi_sqlerr(ws, err, "cannot read meta"));
	sqlite3_reset(s);
	return WP_OK;
fail:
	if (s != NULL)
		sqlite3_reset(s);
	return st;
}

wp_status wpi_meta_set(wp_workspace *ws, const char *key, int64_t value, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_META_SET, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot write meta");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, value);
	WP_TRY(wpi_step_done(ws, s, err, "cannot write meta"));
	return WP_OK;
fail:
	return st;
}

wp_status wpi_touch(wp_workspace *ws, char *err)
{
	wp_status st = WP_OK;
	int64_t v = 0;
	WP_TRY(wpi_meta_get(ws, "data_version", &v, err));
	WP_TRY(wpi_meta_set(ws, "data_version", v + 1, err));
	ws->labels_valid = false;
	return WP_OK;
fail:
	return st;
}

wp_status wpi_log(wp_workspace *ws, const char *action, int64_t member_id, const char *member,
                  const char *source, const char *detail, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_LOG_INSERT, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot log");
	sqlite3_bind_int64(s, 1, wp_workspace_now(ws));
	sqlite3_bind_text(s, 2, action, -1, SQLITE_STATIC);
	if (member_id > 0)
		sqlite3_bind_int64(s, 3, member_id);
	sqlite3_bind_text(s, 4, member ? member : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, source ? source : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, detail ? detail : "", -1, SQLITE_STATIC);
	WP_TRY(wpi_step_done(ws, s, err, "cannot write the import log"));
	return WP_OK;
fail:
	return st;
}

wp_status wpi_strdup(const char *s, char **out, char *err)
{
	wp_status st = WP_OK;
	*out = strdup(s ? s : "");
	if (*out == NULL)
		WP_FAIL(WP_ENOMEM, "cannot copy a string of %zu bytes", strlen(s ? s : ""));
	return WP_OK;
fail:
	return st;
}

/* ---- Opening -----------------------------------------------------------------------------------
 */

/* Makes path's companion file (path + suffix) private if it exists. */
static void chmod_companion(const char *path, const char *suffix)
{
	char buf[4096];
	if (snprintf(buf, sizeof(buf), "%s%s", path, suffix) < (int)sizeof(buf))
		chmod(buf, 0600);
}

static wp_status pragma_int(wp_workspace *ws, const char *sql, int64_t *value, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	WP_TRY(wpi_prepare(ws, sql, &s, err));
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int64(s, 0);
	else if (rc == SQLITE_DONE)
		*value = 0;
	else
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the workspace"));
	sqlite3_finalize(s);
	return WP_OK;
fail:
	sqlite3_finalize(s);
	return st;
}

/* Checks the schema version and writes the schema into an empty database (in one transaction,
 * so two processes creating one workspace do not both write it). */
static wp_status check_schema(wp_workspace *ws, bool create, char *err)
{
	wp_status st = WP_OK;
	int64_t version = 0, app = 0, tables = 0;
	bool began = false;

	WP_TRY(pragma_int(ws, "PRAGMA user_version", &version, err));
	if (version > WP_WORKSPACE_SCHEMA)
		WP_FAIL(WP_EINPUT,
		        "%s was written by a newer warmpath (workspace schema %lld; this warmpath "
		        "reads up to %d); upgrade warmpath to use it",
		        ws->path, (long long)version, WP_WORKSPACE_SCHEMA);
	WP_TRY(pragma_int(ws, "PRAGMA application_id", &app, err));
	if (version > 0 && app == APPLICATION_ID)
		return WP_OK;

	/* Decided again under the write lock: another process creating this workspace right now
	 * may have committed between the two reads above (version 0, then the application id),
	 * which would make a new workspace look like another program's database. */
	WP_TRY(wpi_begin(ws, err));
	began = true;
	WP_TRY(pragma_int(ws, "PRAGMA user_version", &version, err));
	WP_TRY(pragma_int(ws, "PRAGMA application_id", &app, err));
	if (version > 0 && app == APPLICATION_ID) {
		WP_TRY(wpi_commit(ws, err));
		return WP_OK;
	}
	if (version > 0 || app != 0)
		WP_FAIL(WP_EINPUT, "%s: not a warmpath workspace (another program's database)",
		        ws->path);
	if (version == 0) {
		WP_TRY(pragma_int(ws, "SELECT count(*) FROM sqlite_schema", &tables, err));
		if (tables != 0)
			WP_FAIL(WP_EINPUT,
			        "%s: not a warmpath workspace (another program's database)",
			        ws->path);
		if (!create)
			WP_FAIL(WP_EINPUT, "%s: not a warmpath workspace (an empty database)",
			        ws->path);
		char pragmas[128];
		snprintf(pragmas, sizeof(pragmas),
		         "PRAGMA user_version = %d; PRAGMA application_id = %d",
		         WP_WORKSPACE_SCHEMA, APPLICATION_ID);
		for (size_t i = 0; i < sizeof(schema_sql) / sizeof(schema_sql[0]); i++)
			WP_TRY(wpi_exec(ws, schema_sql[i], err));
		WP_TRY(wpi_exec(ws, pragmas, err));
		WP_TRY(wpi_meta_set(ws, "data_version", 1, err));
		WP_TRY(wpi_meta_set(ws, "created_at", wp_workspace_now(ws), err));
	}
	WP_TRY(wpi_commit(ws, err));
	return WP_OK;
fail:
	if (began)
		wpi_rollback(ws);
	return st;
}

wp_status wp_workspace_open(wp_workspace **out, const char *path, bool create, char *err)
{
	wp_status st = WP_OK;
	wp_workspace *ws = NULL;
	struct stat sb;

	*out = NULL;
	if (path == NULL || *path == '\0')
		WP_FAIL(WP_EARG, "no workspace path given");
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			WP_FAIL(WP_EIO, "%s: cannot open: %s", path, strerror(errno));
		if (!create)
			WP_FAIL(WP_ENOTFOUND, "%s: no such workspace", path);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			WP_FAIL(WP_EIO, "%s: cannot create: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
	} else if (S_ISDIR(sb.st_mode)) {
		WP_FAIL(WP_EINPUT, "%s: is a directory, not a workspace", path);
	}

	ws = calloc(1, sizeof(*ws));
	if (ws == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a workspace handle");
	ws->path = strdup(path);
	if (ws->path == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a workspace handle");
	if (sqlite3_open_v2(path, &ws->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		if (ws->db == NULL)
			WP_FAIL(WP_ENOMEM, "%s: cannot open: out of memory", path);
		WP_TRY(wpi_sqlerr(ws, err, "cannot open"));
	}
	sqlite3_extended_result_codes(ws->db, 1);
	ws->busy_ms = WP_WORKSPACE_BUSY_MS;
	sqlite3_busy_timeout(ws->db, ws->busy_ms);
	/* 16 KiB pages for a new file (ignored for an existing one): imports append rows, and
	 * the graph scans whole tables, both of which bigger pages make cheaper (about 5-10% on
	 * a 200-member import). */
	WP_TRY(wpi_exec(ws, "PRAGMA page_size = 16384", err));
	WP_TRY(check_schema(ws, create, err));
	/* journal_mode is persistent; the rest is per connection. */
	WP_TRY(wpi_exec(ws,
	                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
	                "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
	                "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192",
	                err));
	chmod_companion(path, "-wal");
	chmod_companion(path, "-shm");
	*out = ws;
	return WP_OK;
fail:
	wp_workspace_close(ws);
	return st;
}

void wp_workspace_close(wp_workspace *ws)
{
	if (ws == NULL)
		return;
	for (int i = 0; i < WPI_Q_COUNT; i++)
		sqlite3_finalize(ws->stmts[i]);
	if (ws->db != NULL)
		sqlite3_close(ws->db);
	wpi_keys_invalidate(ws);
	wpi_labels_free(ws);
	free(ws->path);
	free(ws);
}

const char *wp_workspace_path(const wp_workspace *ws)
{
	return ws->path;
}

void wp_workspace_set_clock(wp_workspace *ws, int64_t now)
{
	ws->clock = now;
}

void wp_workspace_set_busy_timeout(wp_workspace *ws, int ms)
{
	ws->busy_ms = ms < 0 ? 0 : ms;
	sqlite3_busy_timeout(ws->db, ws->busy_ms);
}

int64_t wp_workspace_now(const wp_workspace *ws)
{
	return ws->clock ? ws->clock : (int64_t)time(NULL);
}

int32_t wpi_month_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (gmtime_r(&tt, &tm) == NULL)
		return 0;
	return (int32_t)((tm.tm_year + 1900) * 12 + tm.tm_mon);
}

/* ---- Members ------------------------------------------------------------------------------------
 */

void wpi_members_free(wpi_members *m)
{
	for (size_t i = 0; i < m->count; i++) {
		free(m->items[i].name);
		free(m->items[i].name_key);
	}
	free(m->items);
	memset(m, 0, sizeof(*m));
}

wp_status wpi_members_load(wp_workspace *ws, wpi_members *out, char *err)
{
	wp_status st = WP_OK;
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = wpi_stmt(ws, WPI_Q_MEMBERS_ALL, err);
	if (s == NULL)
		WP_FAIL(WP_EIO, "cannot list members");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->count == cap) {
			cap = cap ? cap * 2 : 16;
			wpi_member *m = realloc(out->items, cap * sizeof(*m));
			if (m == NULL)
				WP_FAIL(WP_ENOMEM, "cannot list %zu members", cap);
			out->items = m;
		}
		wpi_member *m = &out->items[out->count];
		memset(m, 0, sizeof(*m));
		out->count++;
		m->id = sqlite3_column_int64(s, 0);
		m->person = sqlite3_column_int64(s, 1);
		WP_TRY(wpi_strdup(wpi_col_text(s, 2), &m->name, err));
		WP_TRY(wpi_strdup(wpi_col_text(s, 3), &m->name_key, err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot list members"));
	sqlite3_reset(s);
	return WP_OK;
fail:
	if (s != NULL)
		sqlite3_reset(s);
	wpi_members_free(out);
	return st;
}

const wpi_member *wpi_members_by_person(const wpi_members *m, int64_t p)
{
	for (size_t i = 0; i < m->count; i++)
		if (m->items[i].person == p)
			return &m->items[i];
	return NULL;
}

const wpi_member *wpi_members_by_id(const wpi_members *m, int64_t id)
{
	for (size_t i = 0; i < m->count; i++)
		if (m->items[i].id == id)
			return &m->items[i];
	return NULL;
}

void wp_members_free(wp_members *m)
{
	for (size_t i = 0; i < m->count; i++) {
		free(m->items[i].name);
		free(m->items[i].url);
		free(m->items[i].files);
	}
	free(m->items);
	memset(m, 0, sizeof(*m));
}

wp_status wp_workspace_members(wp_workspace *ws, wp_members *out, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof(*out));
	WP_TRY(wpi_prepare(
	        ws,
	        "SELECT m.id, m.name, coalesce(m.person_id, 0), m.url, m.first_import, "
	        "m.last_import, m.imports, "
	        "(SELECT count(*) FROM mentions WHERE id BETWEEN m.id << 32 AND (m.id << 32) + "
	        "4294967295), "
	        "(SELECT count(*) FROM mentions WHERE id BETWEEN m.id << 32 AND (m.id << 32) + "
	        "4294967295 AND (w_points > 0 OR w_manual > 0)) + "
	        "(SELECT count(*) FROM links WHERE member_id = m.id), "
	        "(SELECT count(*) FROM positions WHERE member_id = m.id), "
	        "(SELECT coalesce(group_concat(name, ', '), '') FROM "
	        "(SELECT name FROM files WHERE member_id = m.id ORDER BY ord)) "
	        "FROM members m ORDER BY m.name, m.id",
	        &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->count == cap) {
			cap = cap ? cap * 2 : 16;
			wp_member_info *m = realloc(out->items, cap * sizeof(*m));
			if (m == NULL)
				WP_FAIL(WP_ENOMEM, "cannot list %zu members", cap);
			out->items = m;
		}
		wp_member_info *m = &out->items[out->count];
		memset(m, 0, sizeof(*m));
		out->count++;
		WP_TRY(wpi_strdup(wpi_col_text(s, 1), &m->name, err));
		m->person_id = sqlite3_column_int64(s, 2);
		WP_TRY(wpi_strdup(wpi_col_text(s, 3), &m->url, err));
		m->first_import = sqlite3_column_int64(s, 4);
		m->last_import = sqlite3_column_int64(s, 5);
		m->imports = (uint32_t)sqlite3_column_int64(s, 6);
		m->people = (uint64_t)sqlite3_column_int64(s, 7);
		m->ties = (uint64_t)sqlite3_column_int64(s, 8);
		m->positions = (uint64_t)sqlite3_column_int64(s, 9);
		WP_TRY(wpi_strdup(wpi_col_text(s, 10), &m->files, err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot list members"));
	sqlite3_finalize(s);
	return WP_OK;
fail:
	sqlite3_finalize(s);
	wp_members_free(out);
	return st;
}

/* ---- Stats and log ----------------------------------------------------------------------------
 */

struct stats_ctx {
	wp_workspace_stats *out;
	int64_t now;
};

static wp_status count_tie(void *ctx, int64_t lo, int64_t hi, const wp_warmth_parts *parts,
                           char *err)
{
	struct stats_ctx *c = ctx;
	(void)lo;
	(void)hi;
	(void)err;
	c->out->ties++;
	c->out->buckets[wp_warmth_bucket(wp_warmth_at(parts, c->now))]++;
	return WP_OK;
}

wp_status wp_workspace_stats_get(wp_workspace *ws, wp_workspace_stats *out, char *err)
{
	wp_status st = WP_OK;
	wp_workspace_stats r = {0};
	int64_t v = 0;
	struct stats_ctx ctx = {.out = &r, .now = wp_workspace_now(ws)};
	bool began = false;
	static const struct {
		const char *sql;
		size_t off;
	} counts[] = {
	        {"SELECT count(*) FROM members", offsetof(wp_workspace_stats, members)},
	        {"SELECT count(*) FROM people", offsetof(wp_workspace_stats, people)},
	        {"SELECT count(*) FROM mentions", offsetof(wp_workspace_stats, mentions)},
	        {"SELECT (SELECT count(*) FROM mentions WHERE w_points > 0 OR w_manual > 0) + "
	         "(SELECT count(*) FROM links)",
	         offsetof(wp_workspace_stats, contributions)},
	        {"SELECT count(*) FROM log WHERE action = 'import'",
	         offsetof(wp_workspace_stats, imports)},
	        {"SELECT count(*) FROM decisions WHERE kind = 'merge'",
	         offsetof(wp_workspace_stats, merges)},
	        {"SELECT count(*) FROM decisions WHERE kind = 'split'",
	         offsetof(wp_workspace_stats, splits)},
	        {"SELECT count(*) FROM manual", offsetof(wp_workspace_stats, manual)},
	        {"SELECT count(*) FROM people WHERE flags & 1",
	         offsetof(wp_workspace_stats, never_merge)},
	};

	/* One read transaction, so every count sees the same state. */
	WP_TRY(wpi_exec(ws, "BEGIN", err));
	began = true;
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		WP_TRY(pragma_int(ws, counts[i].sql, &v, err));
		*(uint64_t *)((char *)&r + counts[i].off) = (uint64_t)v;
	}
	WP_TRY(pragma_int(ws, "SELECT coalesce(max(last_import), 0) FROM members", &v, err));
	r.last_import = v;
	WP_TRY(wpi_meta_get(ws, "data_version", &v, err));
	r.data_version = (uint64_t)v;
	WP_TRY(pragma_int(ws, "PRAGMA user_version", &v, err));
	r.schema = (uint32_t)v;
	WP_TRY(wpi_ties_scan(ws, count_tie, &ctx, err));
	WP_TRY(wpi_exec(ws, "COMMIT", err));
	struct stat sb;
	if (stat(ws->path, &sb) == 0)
		r.file_bytes = (uint64_t)sb.st_size;
	*out = r;
	return WP_OK;
fail:
	if (began)
		wpi_rollback(ws);
	return st;
}

void wp_log_free(wp_log *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].action);
		free(l->items[i].member);
		free(l->items[i].detail);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

wp_status wp_workspace_log(wp_workspace *ws, wp_log *out, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof(*out));
	WP_TRY(wpi_prepare(ws, "SELECT at, action, member, detail FROM log ORDER BY id", &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->count == cap) {
			cap = cap ? cap * 2 : 16;
			wp_log_entry *e = realloc(out->items, cap * sizeof(*e));
			if (e == NULL)
				WP_FAIL(WP_ENOMEM, "cannot list %zu log entries", cap);
			out->items = e;
		}
		wp_log_entry *e = &out->items[out->count];
		memset(e, 0, sizeof(*e));
		out->count++;
		e->at = sqlite3_column_int64(s, 0);
		WP_TRY(wpi_strdup(wpi_col_text(s, 1), &e->action, err));
		WP_TRY(wpi_strdup(wpi_col_text(s, 2), &e->member, err));
		WP_TRY(wpi_strdup(wpi_col_text(s, 3), &e->detail, err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read the log"));
	sqlite3_finalize(s);
	return WP_OK;
fail:
	sqlite3_finalize(s);
	wp_log_free(out);
	return st;
}
