/* workspace_internal.h - what the workspace's files share: the handle, SQL helpers, the schema's
 * evidence columns, hash maps and the identity-key cache.
 *
 * The workspace is split by concern: workspace.c (open, schema, statements, members, stats, log),
 * workspace_map.c (hash maps), workspace_keys.c (identity keys and their cache, person
 * representatives), workspace_import.c (import and forget), workspace_people.c (references,
 * search, merge, split, duplicates), workspace_ties.c (evidence rows, ties, manual strengths,
 * shared employers) and workspace_graph.c (the derived CSR and its cache). Nothing here is part
 * of the public API.
 */
#ifndef WP_WORKSPACE_INTERNAL_H
#define WP_WORKSPACE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "engine/identity.h"
#include "engine/strtab.h"
#include "engine/warmth.h"
#include "engine/workspace.h"

/* ---- Hash maps ------------------------------------------------------------------------------ */

/* Strings to int64 values: open addressing over entries whose text lives in one arena. Keys may
 * be any bytes but NUL. Expected O(length) per operation. */
typedef struct wpi_smap {
	uint64_t *slots; /* hash tag << 32 | entry index + 1, 0 = empty */
	uint64_t mask;   /* slot count - 1 */
	struct wpi_sentry {
		uint64_t hash;
		uint64_t off; /* into arena */
		uint32_t len;
		int64_t value;
	} * entries;
	uint32_t count, cap;
	char *arena;
	uint64_t used, arena_cap;
} wpi_smap;

bool wpi_smap_get(const wpi_smap *m, const char *s, size_t len, int64_t *value);
/* Inserts s or overwrites its value. */
wp_status wpi_smap_put(wpi_smap *m, const char *s, size_t len, int64_t value, char *err);
void wpi_smap_free(wpi_smap *m);

/* Non-zero uint64 keys to uint64 values (person ids, person pairs lo << 32 | hi). */
typedef struct wpi_imap {
	uint64_t *keys; /* 0 = empty */
	uint64_t *values;
	uint64_t mask;
	uint64_t count;
} wpi_imap;

/* The splitmix64 finaliser, the maps' integer hash. */
static inline uint64_t wpi_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* Starts loading key's home slot into the cache: a loop that knows its next keys hides the
 * memory latency of a map far bigger than the cache. */
static inline void wpi_imap_prefetch(const wpi_imap *m, uint64_t key)
{
	if (m->keys != NULL) {
		uint64_t i = wpi_mix64(key) & m->mask;
		__builtin_prefetch(&m->keys[i]);
		__builtin_prefetch(&m->values[i]);
	}
}

bool wpi_imap_get(const wpi_imap *m, uint64_t key, uint64_t *value);
/* Inserts key or overwrites its value; key must not be 0. */
wp_status wpi_imap_put(wpi_imap *m, uint64_t key, uint64_t value, char *err);
/* Finds key, inserting it with value 0 if absent (*existed says which); *value points at its
 * value until the next insertion. One probe sequence instead of a get and a put. */
wp_status wpi_imap_upsert(wpi_imap *m, uint64_t key, uint64_t **value, bool *existed, char *err);
/* Makes room for n keys without rehashing. */
wp_status wpi_imap_reserve(wpi_imap *m, uint64_t n, char *err);
void wpi_imap_free(wpi_imap *m);

/* Two independent hashes of s: a non-zero 64-bit map key and a 32-bit check, together 96 bits
 * (for about two million keys, the chance that two of them agree is about 1e-17). */
void wpi_hash96(const char *s, size_t len, uint64_t *key, uint32_t *check);

static inline uint64_t wpi_pair(int64_t a, int64_t b)
{
	return a < b ? ((uint64_t)a << 32) | (uint64_t)b : ((uint64_t)b << 32) | (uint64_t)a;
}

/* ---- The handle ------------------------------------------------------------------------------ */

/* Prepared statements, prepared on first use and kept for the handle's life. */
typedef enum wpi_query {
	WPI_Q_META_GET,
	WPI_Q_META_SET,
	WPI_Q_MEMBER_BY_KEY,
	WPI_Q_MEMBER_INSERT,
	WPI_Q_MEMBER_UPDATE,
	WPI_Q_MEMBERS_ALL,
	WPI_Q_MENTION_GET,
	WPI_Q_MENTION_RANGE,
	WPI_Q_MENTION_PUT,
	WPI_Q_MENTION_INSERT,
	WPI_Q_MENTION_DELETE,
	WPI_Q_LINK_RANGE,
	WPI_Q_LINK_GET,
	WPI_Q_LINK_PUT,
	WPI_Q_LINK_DELETE,
	WPI_Q_PERSON_GET,
	WPI_Q_PERSON_INSERT,
	WPI_Q_PERSON_UPDATE,
	WPI_Q_PERSON_DELETE,
	WPI_Q_PERSON_MAX,
	WPI_Q_LOG_INSERT,
	WPI_Q_COUNT
} wpi_query;

struct wp_workspace {
	sqlite3 *db;
	char *path;
	int64_t clock; /* fixed clock, 0 = real time */
	int busy_ms;   /* busy timeout */
	sqlite3_stmt *stmts[WPI_Q_COUNT];
	/* The identity-key cache (see workspace_keys.c): valid while no other connection wrote. */
	bool keys_valid;
	int64_t keys_seen_version; /* PRAGMA data_version when the cache was last known good */
	wpi_imap keys;             /* wpi_hash96 of an identity key -> check << 32 | person id
	                            * (0xffffffff: ambiguous) */
	wpi_imap slugged;          /* person id -> 1 for people with a slug */
	wpi_imap reps;             /* person id -> rank << 40 | have << 32 | member: the
	                            * representative mention's rank and member, and which
	                            * fields (WPI_HAVE_*) some mention of theirs fills */
	/* Labels of every person (workspace_graph.c), valid for labels_version: people in id order,
	 * their labels and companies; the label -> person index is built on first use. */
	uint64_t labels_version;
	bool labels_valid;
	int64_t *label_ids; /* ascending */
	uint32_t label_count;
	wp_strtab label_names;
	wp_strtab label_companies;
	bool label_index_valid;
	wpi_smap label_index; /* label -> person id */
};

#define WPI_AMBIGUOUS (-1)

/* Mention flags stored in mentions.flags and people.flags. WPI_NEVER_MERGE equals contacts.h's
 * WP_PERSON_NEVER_MERGE (workspace_import.c checks), which engine headers cannot include. */
#define WPI_NEVER_MERGE 1u
#define WPI_MENTION_SELF 2u /* the member's mention of themself */

/* rowid of a mention: member id in the high half, person id in the low half. */
static inline int64_t wpi_mention_id(int64_t member, int64_t person)
{
	return (int64_t)(((uint64_t)member << 32) | (uint64_t)person);
}

/* A prepared statement for q, reset and with bindings cleared; NULL on error (err set). */
sqlite3_stmt *wpi_stmt(wp_workspace *ws, wpi_query q, char *err);

/* Runs SQL without results. */
wp_status wpi_exec(wp_workspace *ws, const char *sql, char *err);

/* Prepares a one-off statement. */
wp_status wpi_prepare(wp_workspace *ws, const char *sql, sqlite3_stmt **stmt, char *err);

/* The error of the last SQLite call as a wp_status: "path: what: sqlite message" (WP_EIO), with
 * "busy" spelled out for SQLITE_BUSY and WP_ENOMEM for SQLITE_NOMEM. */
wp_status wpi_sqlerr(wp_workspace *ws, char *err, const char *what);

/* Steps a statement that returns no row (SQLITE_DONE expected). */
wp_status wpi_step_done(wp_workspace *ws, sqlite3_stmt *s, char *err, const char *what);

/* Transactions: BEGIN IMMEDIATE (waits up to WP_WORKSPACE_BUSY_MS for another writer), COMMIT,
 * ROLLBACK (which also drops the caches that might hold uncommitted state). */
wp_status wpi_begin(wp_workspace *ws, char *err);
wp_status wpi_commit(wp_workspace *ws, char *err);
void wpi_rollback(wp_workspace *ws);

/* meta values. */
wp_status wpi_meta_get(wp_workspace *ws, const char *key, int64_t *value, char *err);
wp_status wpi_meta_set(wp_workspace *ws, const char *key, int64_t value, char *err);
/* Bumps data_version (inside a write transaction): every change does, so caches notice. */
wp_status wpi_touch(wp_workspace *ws, char *err);

/* Appends to the log. member_id 0 = none. */
wp_status wpi_log(wp_workspace *ws, const char *action, int64_t member_id, const char *member,
                  const char *source, const char *detail, char *err);

/* strdup that records WP_ENOMEM; NULL in -> "". */
wp_status wpi_strdup(const char *s, char **out, char *err);

/* Text of column i ("" for NULL). */
static inline const char *wpi_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

/* ---- Members --------------------------------------------------------------------------------- */

typedef struct wpi_member {
	int64_t id;
	int64_t person;
	char *name;
	char *name_key;
} wpi_member;

typedef struct wpi_members {
	wpi_member *items;
	size_t count;
} wpi_members;

/* Every member (id order). */
wp_status wpi_members_load(wp_workspace *ws, wpi_members *out, char *err);
void wpi_members_free(wpi_members *m);
/* The member whose person is p, or NULL. */
const wpi_member *wpi_members_by_person(const wpi_members *m, int64_t p);
const wpi_member *wpi_members_by_id(const wpi_members *m, int64_t id);

/* ---- Evidence rows -----------------------------------------------------------------------------
 */

/* The evidence columns shared by mentions (the member -> person tie) and links (lo -> hi), in
 * schema order: X(column, wp_tie_evidence field, kind). docs/workspace.md lists their meaning. */
#define WPI_EV_COLUMNS(X)                 \
	X(conn, connections, U32)         \
	X(conn_on, connected_on, I64)     \
	X(msg_sent, msg_sent, U32)        \
	X(msg_recv, msg_received, U32)    \
	X(msg_first, msg_first, I64)      \
	X(msg_last, msg_last, I64)        \
	X(threads, threads, U32)          \
	X(thread_last, thread_last, I64)  \
	X(inv_sent, inv_sent, U32)        \
	X(inv_recv, inv_received, U32)    \
	X(inv_first, inv_first, I64)      \
	X(rec_given, rec_given, U32)      \
	X(rec_recv, rec_received, U32)    \
	X(rec_last, rec_last, I64)        \
	X(end_given, end_given, U32)      \
	X(end_recv, end_received, U32)    \
	X(end_first, end_first, I64)      \
	X(end_last, end_last, I64)        \
	X(notes, notes, U32)              \
	X(note_last, note_last, I64)      \
	X(book_a, book_a, U32)            \
	X(book_b, book_b, U32)            \
	X(related, related, U32)          \
	X(emp_months, shared_months, U32) \
	X(emp, shared_employer, BOOL)     \
	X(manual, manual, F64)

#define WPI_EV_COUNT 26
/* After the evidence columns: emp_company TEXT, then w_points, w_floor, w_manual, w_last. */
#define WPI_EV_ALL_COUNT (WPI_EV_COUNT + 5)

/* One member's evidence of one tie, as stored. */
typedef struct wpi_ev {
	wp_tie_evidence ev;
	const char *company; /* shared employer's name ("" if none); borrowed */
	wp_warmth_parts parts;
} wpi_ev;

/* SQL fragments built from the list: column definitions, names, "?" placeholders and
 * "x = excluded.x" updates, each for all WPI_EV_ALL_COUNT columns. */
#define WPI_SQLTYPE_U32 "INTEGER"
#define WPI_SQLTYPE_I64 "INTEGER"
#define WPI_SQLTYPE_BOOL "INTEGER"
#define WPI_SQLTYPE_F64 "REAL"
#define WPI_EV_DEF_(c, f, k) #c " " WPI_SQLTYPE_##k " NOT NULL DEFAULT 0,\n"
#define WPI_EV_NAME_(c, f, k) #c ", "
#define WPI_EV_PH_(c, f, k) "?, "
#define WPI_EV_DEFS_SQL                           \
	WPI_EV_COLUMNS(WPI_EV_DEF_)               \
	"emp_company TEXT NOT NULL DEFAULT '',\n" \
	"w_points REAL NOT NULL DEFAULT 0,\n"     \
	"w_floor REAL NOT NULL DEFAULT 0,\n"      \
	"w_manual REAL NOT NULL DEFAULT 0,\n"     \
	"w_last INTEGER NOT NULL DEFAULT 0"
#define WPI_EV_NAMES_SQL \
	WPI_EV_COLUMNS(WPI_EV_NAME_) "emp_company, w_points, w_floor, w_manual, w_last"
#define WPI_EV_PH_SQL WPI_EV_COLUMNS(WPI_EV_PH_) "?, ?, ?, ?, ?"

/* Binds the evidence columns of e from parameter first on (WPI_EV_ALL_COUNT parameters). */
void wpi_ev_bind(sqlite3_stmt *s, int first, const wpi_ev *e);
/* Reads them from column first on; e->company points into the statement's row (valid until the
 * next step). */
void wpi_ev_read(sqlite3_stmt *s, int first, wpi_ev *e);
/* Field-by-field equality (company compared as text). */
bool wpi_ev_equal(const wpi_ev *a, const wpi_ev *b);
/* Adds one member's records about the same tie: sums counts, earliest first, latest last. */
void wpi_ev_accumulate(wp_tie_evidence *to, const wp_tie_evidence *from);
/* Combines two members' reports of one tie: maxima of counts (connections are summed: they
 * count exports), earliest first, latest last. */
void wpi_ev_combine(wp_tie_evidence *to, const wp_tie_evidence *from);
/* Swaps the direction of evidence (a -> b becomes b -> a). */
void wpi_ev_reverse(wp_tie_evidence *e);

/* ---- Identity keys (workspace_keys.c) ------------------------------------------------------- */

/* Identity keys of one mention, as strings: "s:<slug>", "e:<email>", "n:<name key>\t<company
 * key>" (both keys non-empty), and for mentions with neither slug nor e-mail "m:<member name
 * key>|<name key>\t<company key>" (the key split decisions use). Empty strings when absent. */
typedef struct wpi_keys {
	char slug[WP_KEY_LEN + 2];
	char email[WP_KEY_LEN + 2];
	char name[2 * WP_KEY_LEN + 3];
	char member[3 * WP_KEY_LEN + 4];
} wpi_keys;

/* Builds the keys of a mention (slug and email already normalised; name_key and company_key as
 * identity.h makes them). never_merge gives no keys at all. */
void wpi_keys_make(wpi_keys *k, const char *slug, const char *email, const char *name_key,
                   const char *company_key, const char *member_key, bool never_merge);

/* Concatenates n strings into out (cap bytes), truncating; faster than snprintf. */
void wpi_join(char *out, size_t cap, const char *const *parts, int n);

/* Makes the key cache current: reloads it from the mentions unless it is valid and no other
 * connection wrote since. Call inside the write transaction. O(mentions) on reload. */
wp_status wpi_keys_refresh(wp_workspace *ws, char *err);

/* Drops the cache (after deletions, merges, splits or a rollback). */
void wpi_keys_invalidate(wp_workspace *ws);

/* Records that person holds keys k (ambiguous if another person does). */
wp_status wpi_keys_add(wp_workspace *ws, const wpi_keys *k, int64_t person, char *err);

/* Prefetches the key-cache slots of keys k (see wpi_imap_prefetch). */
void wpi_keys_prefetch(const wp_workspace *ws, const wpi_keys *k);

/* The person holding key s: >0, 0 = nobody, WPI_AMBIGUOUS. */
int64_t wpi_keys_lookup(const wp_workspace *ws, const char *s);

/* Whether a mention of rank `rank` by `member` beats representative rep (rank << 32 | member):
 * a higher rank, or the same rank from an earlier member. */
static inline bool wpi_rep_wins(int rank, int64_t member, uint64_t rep)
{
	int rep_rank = (int)(rep >> 40);
	return rank > rep_rank || (rank == rep_rank && (uint64_t)member < (rep & 0xffffffff));
}

/* Records in the cache that member's mention of person (of rank `rank`, filling fields `have`)
 * exists, making it the representative if it wins. */
wp_status wpi_rep_note(wp_workspace *ws, int64_t person, int rank, unsigned have, int64_t member,
                       char *err);

/* ---- People rows (workspace_keys.c) ------------------------------------------------------- */

/* A mention's identity attributes (borrowed strings). */
typedef struct wpi_attrs {
	const char *name, *name_key, *company, *company_key, *position, *slug, *email;
	uint32_t flags; /* WP_PERSON_NEVER_MERGE | WPI_MENTION_SELF */
} wpi_attrs;

/* How good a mention is as the person's representative (higher is better): a member's own
 * mention, then one with a slug, a company, a name (judged by the keys, so that the key cache
 * can rank mentions from the columns it loads). */
int wpi_attrs_rank(const wpi_attrs *a);

/* Fields a mention fills, for the representative cache. */
#define WPI_HAVE_COMPANY 1u
#define WPI_HAVE_POSITION 2u
#define WPI_HAVE_SLUG 4u
#define WPI_HAVE_EMAIL 8u
unsigned wpi_attrs_have(const wpi_attrs *a);

/* Recomputes person p's row from its remaining mentions (one lookup per member): the best
 * mention's fields (wpi_attrs_rank), each empty one filled from the next best; deletes the
 * person if no mention is left and sets *deleted. */
wp_status wpi_person_refresh(wp_workspace *ws, const wpi_members *members, int64_t p, bool *deleted,
                             char *err);

/* Updates person p's row for one more mention (attributes a, by member) without reading the
 * other mentions: the row already is their merge. Only for added mentions; a changed or deleted
 * one needs wpi_person_refresh. */
wp_status wpi_person_absorb(wp_workspace *ws, int64_t p, const wpi_attrs *a, int64_t member,
                            char *err);

/* Writes person p's row from attributes a, whose best mention is member's of rank `rank`
 * (insert or update). */
wp_status wpi_person_write(wp_workspace *ws, int64_t p, const wpi_attrs *a, int64_t member,
                           int rank, bool insert, char *err);

/* Fills out from person id's row without counting ties (no transaction of its own);
 * WP_ENOTFOUND if there is no such person. */
wp_status wpi_person_fill(wp_workspace *ws, int64_t id, wp_person_info *out, char *err);

/* ---- Ties (workspace_ties.c) ----------------------------------------------------------------- */

/* Recomputes the shared-employer table (member to member tenure overlaps) from every member's
 * positions at time now; writes only differences and sets *changed. */
wp_status wpi_shared_refresh(wp_workspace *ws, int64_t now, bool *changed, char *err);

/* Calls fn for every tie (combined over members, manual and shared employers): pairs in no
 * particular order. Used by the graph, the stats and the listings. */
typedef wp_status (*wpi_tie_fn)(void *ctx, int64_t lo, int64_t hi, const wp_warmth_parts *parts,
                                char *err);
wp_status wpi_ties_scan(wp_workspace *ws, wpi_tie_fn fn, void *ctx, char *err);

/* ---- Labels (workspace_graph.c) ------------------------------------------------------------ */

/* Makes the label cache current (every person's unique label). */
wp_status wpi_labels_refresh(wp_workspace *ws, char *err);
/* Person p's label after a refresh ("" if unknown). O(log people). */
const char *wpi_label(const wp_workspace *ws, int64_t p);
/* The person labelled exactly `label` (after a refresh), or 0. */
wp_status wpi_label_person(wp_workspace *ws, const char *label, int64_t *person, char *err);
void wpi_labels_free(wp_workspace *ws);

/* Month number (year * 12 + month - 1) of Unix time t. */
int32_t wpi_month_of(int64_t t);

#endif
