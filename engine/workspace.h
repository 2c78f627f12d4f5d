/* workspace.h - the workspace: the durable store of people, ties, evidence and provenance.
 *
 * A workspace is one SQLite file (WAL journal, foreign keys on, mode 0600 because it holds
 * personal data) into which members' contact exports (engine/contacts.h batches) are merged.
 * It keeps, per member, what that member's export said: which people it mentions (mentions) and
 * the evidence of each tie it reports (contributions), plus the member's work history, the files
 * read and an import log. People are resolved across exports (one person per real individual:
 * LinkedIn slug, then e-mail, then name + company), and ties are derived: a tie exists while some
 * member reports evidence for it or someone set its strength by hand. docs/workspace.md describes
 * the schema and the rules.
 *
 * Every change is one transaction: an import that fails or is killed leaves the workspace exactly
 * as it was. Re-importing the same export changes nothing; a newer export of a member replaces
 * what that member said before and leaves other members' evidence alone. Queries never see
 * SQLite: wp_workspace_graph() hands them a wp_graph (weights = warmth) and the vertex attributes
 * "person_id", "company" and "member".
 *
 * Person references (the `ref` arguments), as a user types them: "#123" (a person id), a LinkedIn
 * profile URL, an e-mail address, a display name (compared by name key, so case and accents do
 * not matter), or a graph label such as "John Smith (Acme)" or "John Smith #2" (see
 * wp_workspace_graph). A reference that fits several people is an error (WP_EINPUT) that lists
 * the candidates with their ids; one that fits nobody is WP_ENOTFOUND.
 *
 * A wp_workspace handle is not thread-safe; use one per thread. Several processes may use one
 * file: writers take turns (each waits up to WP_WORKSPACE_BUSY_MS for the other, then fails with
 * WP_EIO "... is busy"), readers never block.
 */
#ifndef WP_WORKSPACE_H
#define WP_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"
#include "engine/warmth.h"

struct wp_contacts; /* engine/contacts.h */

/* The schema version this warmpath writes (PRAGMA user_version); newer files are refused. */
#define WP_WORKSPACE_SCHEMA 1
/* How long a writer waits for another writer before giving up. */
#define WP_WORKSPACE_BUSY_MS 10000

typedef struct wp_workspace wp_workspace;

/* ---- Opening --------------------------------------------------------------------------- */

/* Opens the workspace at path into *ws. If the file does not exist: with create, it is created
 * (mode 0600, via open(O_CREAT | O_EXCL) before SQLite touches it; the -wal and -shm files get
 * the same mode) and the schema is written; without create, WP_ENOTFOUND "path: no such
 * workspace". Errors: WP_EINPUT "path: not a warmpath workspace" (another SQLite file or not a
 * database), WP_EINPUT "path was written by a newer warmpath (workspace schema N; this warmpath
 * reads up to 1)", WP_EIO. On error *ws is NULL. */
wp_status wp_workspace_open(wp_workspace **ws, const char *path, bool create, char *err);

/* Closes the workspace (checkpointing its WAL); accepts NULL. */
void wp_workspace_close(wp_workspace *ws);

/* The path the workspace was opened with (valid until close). */
const char *wp_workspace_path(const wp_workspace *ws);

/* Fixes the clock this handle uses (Unix seconds) for import dates, "still employed" tenures and
 * graph warmth; 0 returns to the real clock. For tests and reproducible runs. */
void wp_workspace_set_clock(wp_workspace *ws, int64_t now);

/* Sets how long this handle's writes wait for another process's write to finish, in
 * milliseconds (default WP_WORKSPACE_BUSY_MS); 0 fails at once. */
void wp_workspace_set_busy_timeout(wp_workspace *ws, int ms);

/* The handle's clock: the fixed time if set, else time(NULL). */
int64_t wp_workspace_now(const wp_workspace *ws);

/* ---- Importing and forgetting -------------------------------------------------------------- */

/* What an import (or a forget) did. People counts are per person of the batch after in-batch
 * duplicates are folded. */
typedef struct wp_import_summary {
	int64_t member_person; /* the member's person id (import), or 0 */
	uint64_t people;       /* distinct people in the batch, the member included */
	uint64_t people_added; /* new people */
	uint64_t
	        people_matched; /* matched to people the workspace knew: the sum of the next four */
	uint64_t matched_previous; /* ... as this member's earlier import resolved them */
	uint64_t matched_slug;     /* ... by LinkedIn slug */
	uint64_t matched_email;    /* ... by e-mail address */
	uint64_t matched_name;     /* ... by name and company (or a recorded merge) */
	uint64_t people_merged;    /* batch records folded into another record of the same batch */
	uint64_t people_removed;   /* people deleted because no export mentions them any more */
	uint64_t ties;             /* ties this member reports after the import (0 after forget) */
	uint64_t ties_added;       /* ties this member did not report before */
	uint64_t ties_changed;     /* ties whose evidence from this member changed */
	uint64_t ties_removed;     /* ties this member no longer reports (forget: all of them) */
	uint64_t self_ties;        /* evidence between two records that resolved to one person */
	uint64_t rows_read;        /* from the batch's file reports */
	uint64_t rows_skipped;
	uint64_t rows_hidden;
	uint64_t warnings; /* the batch's warnings */
	bool unchanged;    /* nothing in the workspace changed (a repeated import) */
} wp_import_summary;

/* Imports one member's export in one transaction (BEGIN IMMEDIATE): resolves every person of the
 * batch against the workspace (rules in docs/workspace.md), replaces exactly what this member
 * contributed before (mentions, tie evidence, positions, file reports), derives shared-employer
 * evidence from Positions (member to member by overlapping tenures; member to contact when the
 * contact's current company is one of the member's employers), deletes people no export mentions
 * any more, and logs the import. member_name names the member (compared by name key, so "Zoë"
 * and "zoe" are one member); the batch's person 0 is that member (its slug may be a full profile
 * URL). source describes the input for the log (the paths; may be NULL). out (may be NULL) is
 * written on success. Importing the same batch again changes no row. Errors: WP_EARG for an empty
 * member name or a batch that refers to people it does not have, WP_EIO (including "busy") and
 * WP_ENOMEM; on error nothing changed. O(batch) statements plus O(members) for shared employers. */
wp_status wp_workspace_import(wp_workspace *ws, const char *member_name,
                              const struct wp_contacts *batch, const char *source,
                              wp_import_summary *out, char *err);

/* Computes the normal forms wp_workspace_import compares (Unicode-normalised name and company
 * keys, slugs, e-mails) and keeps them in the batch, so the import does not compute them: the
 * costly part of identity resolution, which can so run on another thread while an earlier batch
 * is imported (importers/import_members.c does). Optional; the result is the same either way.
 * A batch changed afterwards (people added) is simply resolved without them. Needs no
 * workspace. Errors: WP_ENOMEM (the batch is then as before, unprepared). */
wp_status wp_workspace_prepare_batch(struct wp_contacts *batch, char *err);

/* Deletes everything member_name contributed (mentions, evidence, positions, file reports, the
 * member's import-log entries, decisions about people only they knew) and the people no other
 * export mentions, recomputes the rows of the people they shared with others, then VACUUMs and
 * truncates the WAL so that none of it remains in the file's bytes, and removes the cached graph.
 * The log keeps one anonymous "forget" entry. out (may be NULL) counts people_removed and
 * ties_removed. Errors: WP_ENOTFOUND "no member called \"NAME\" (members: ...)"; WP_EIO if
 * another process holds the workspace open so that the WAL cannot be emptied (the forget itself
 * is committed; the message says to run it again later). */
wp_status wp_workspace_forget(wp_workspace *ws, const char *member_name, wp_import_summary *out,
                              char *err);

/* ---- People ---------------------------------------------------------------------------- */

typedef struct wp_person_info {
	int64_t id;
	char *name;        /* display name ("" never: falls back to e-mail, slug or "(unnamed)") */
	char *company;     /* current company as best known, or "" */
	char *position;    /* current title, or "" */
	char *slug;        /* LinkedIn slug, or "" (URL: https://www.linkedin.com/in/<slug>) */
	char *email;       /* an e-mail address, or "" */
	char *label;       /* the person's vertex label in wp_workspace_graph */
	bool member;       /* the person is a member */
	bool never_merge;  /* "LinkedIn Member", opted-out or unnamed: never merged */
	uint32_t mentions; /* member exports that mention the person */
	uint32_t ties;     /* ties the person has (0 in search results, to keep them cheap) */
} wp_person_info;

typedef struct wp_people {
	wp_person_info *items;
	size_t count;
} wp_people;

/* Releases a list; accepts a zeroed or freed list. */
void wp_people_free(wp_people *p);

/* People whose display name, company, e-mail or slug contains text (compared by name key: case
 * and accents ignored; "" lists everyone), ordered by name then id, at most limit (0 = no
 * limit). out is cleared on entry. O(people). */
wp_status wp_workspace_people_search(wp_workspace *ws, const char *text, size_t limit,
                                     wp_people *out, char *err);

/* The people a reference could mean (see the top of this file): exactly one on a unique match,
 * several when it is ambiguous, none when nobody fits. Never fails for "not found". */
wp_status wp_workspace_people_find(wp_workspace *ws, const char *ref, wp_people *out, char *err);

/* Up to k people whose names are closest to text (token and edit-distance similarity on name
 * keys), best first: suggestions when a reference fits nobody. O(people). */
wp_status wp_workspace_people_suggest(wp_workspace *ws, const char *text, size_t k, wp_people *out,
                                      char *err);

/* Resolves a reference to exactly one person id. WP_ENOTFOUND "no person matches REF" (with
 * suggestions, "did you mean ...?"), WP_EINPUT "REF is ambiguous: #12 John Smith (Acme), #40 John
 * Smith (Globex); use #ID" when several fit. */
wp_status wp_workspace_person_resolve(wp_workspace *ws, const char *ref, int64_t *id, char *err);

/* One person by id (its ties counted). WP_ENOTFOUND if there is no such person. out is
 * overwritten; free it with wp_person_info_free. */
wp_status wp_workspace_person_get(wp_workspace *ws, int64_t id, wp_person_info *out, char *err);
void wp_person_info_free(wp_person_info *p);

/* ---- Merge, split, duplicates ----------------------------------------------------------- */

/* Records that references a and b are one person and merges them now: b's mentions and evidence
 * move to a (the lower id survives if a has the higher one). Later imports respect it: records
 * with b's keys resolve to the merged person, and a split removes the decision. Errors: references
 * as above; WP_EINPUT if both are the same person already, or if one never merges. */
wp_status wp_workspace_merge(wp_workspace *ws, const char *ref_a, const char *ref_b, char *err);

/* Splits a person: their mentions are regrouped by LinkedIn slug and e-mail only (matches made
 * by name and company and by recorded merges are undone; mentions with neither key are grouped
 * per member), and each group becomes a person (the group holding a member's own record, else
 * the earliest member's, keeps the id). Records the decision so later imports keep the groups
 * apart: merge decisions between them are deleted and split decisions recorded. *groups (may be
 * NULL) receives the number of people it became. WP_EINPUT "\"REF\" cannot be split: only one
 * export mentions them" or "...: every mention has the same LinkedIn profile or e-mail". */
wp_status wp_workspace_split(wp_workspace *ws, const char *ref, uint32_t *groups, char *err);

typedef struct wp_duplicate {
	wp_person_info a, b; /* a.id < b.id */
	char *reason;        /* "same name, different company (Acme / Globex)", "same e-mail,
	                      * different LinkedIn profile", "same name, one has no company",
	                      * "kept apart by a split" */
} wp_duplicate;

typedef struct wp_duplicates {
	wp_duplicate *items;
	size_t count;
} wp_duplicates;

void wp_duplicates_free(wp_duplicates *d);

/* Pairs of people who are probably one individual but were not merged: same name key with a
 * different or missing company, same e-mail with different slugs, same slug after a split.
 * Never-merge people are left out. Ordered by name, then ids. O(people log people). */
wp_status wp_workspace_duplicates(wp_workspace *ws, wp_duplicates *out, char *err);

/* ---- Ties and evidence ------------------------------------------------------------------- */

/* What one member's export says about a tie. */
typedef struct wp_tie_source {
	char *member;       /* the member's name */
	wp_tie_evidence ev; /* oriented like the tie (a -> b) */
} wp_tie_source;

typedef struct wp_tie_info {
	int64_t a, b;          /* person ids; a is the person asked about */
	char *a_name, *b_name; /* display names */
	char *b_company;
	wp_tie_evidence ev;   /* all reports combined (maxima of counts, earliest first dates,
	                       * latest last dates), the manual strength included */
	char *shared_company; /* the employer in common with the longest overlap, or "" */
	double warmth;        /* at the handle's clock, as in the graph */
	wp_bucket bucket;
	wp_tie_source *sources; /* one per member reporting it, by member name */
	uint32_t sources_count;
} wp_tie_info;

typedef struct wp_ties {
	wp_tie_info *items;
	size_t count;
} wp_ties;

void wp_tie_info_free(wp_tie_info *t);
void wp_ties_free(wp_ties *t);

/* Every tie of person id, warmest first (ties of equal warmth by the other's name), with every
 * piece of evidence and the members who reported it. out is cleared on entry. WP_ENOTFOUND if
 * there is no such person. */
wp_status wp_workspace_ties(wp_workspace *ws, int64_t id, wp_ties *out, char *err);

/* The tie between persons a and b, oriented a -> b: for explaining a chain hop by hop. out is
 * overwritten (free with wp_tie_info_free). WP_ENOTFOUND if the two have no tie. O(log ties). */
wp_status wp_workspace_tie_evidence(wp_workspace *ws, int64_t a, int64_t b, wp_tie_info *out,
                                    char *err);

/* Sets the strength of the tie between a and b by hand, in (0, 1] (wp_bucket_strength gives one
 * for a bucket name); it overrides the computed warmth and creates the tie if there was none.
 * strength 0 removes the manual value. For ties.csv: the CLI parses the file and calls this per
 * row (wp_warmth_parse_strength parses the third column). Errors: WP_EARG for a strength outside
 * [0, 1] or a == b; references as above. */
wp_status wp_workspace_set_manual(wp_workspace *ws, const char *ref_a, const char *ref_b,
                                  double strength, char *err);

/* ---- Members, stats and the log ------------------------------------------------------------ */

typedef struct wp_member_info {
	char *name;
	int64_t person_id;
	char *url;                         /* profile URL if known, or "" */
	int64_t first_import, last_import; /* Unix seconds */
	uint32_t imports;
	uint64_t people;    /* people the member's export mentions (the member included) */
	uint64_t ties;      /* ties the member's export reports */
	uint64_t positions; /* jobs in the member's work history */
	char *files;        /* the files last imported, "Connections.csv, messages.csv" */
} wp_member_info;

typedef struct wp_members {
	wp_member_info *items;
	size_t count;
} wp_members;

void wp_members_free(wp_members *m);

/* Every member, by name. out is cleared on entry. */
wp_status wp_workspace_members(wp_workspace *ws, wp_members *out, char *err);

typedef struct wp_workspace_stats {
	uint32_t schema;
	uint64_t data_version; /* bumped by every change; keys the graph cache */
	uint64_t members, people, ties, mentions, contributions, imports;
	uint64_t merges, splits, manual;
	uint64_t never_merge;         /* people kept apart as "LinkedIn Member" and the like */
	uint64_t buckets[WP_BUCKETS]; /* ties per bucket at the handle's clock */
	int64_t last_import;          /* 0 if never */
	uint64_t file_bytes;          /* the database file's size */
} wp_workspace_stats;

/* Counts of everything; O(ties) for the buckets. */
wp_status wp_workspace_stats_get(wp_workspace *ws, wp_workspace_stats *out, char *err);

typedef struct wp_log_entry {
	int64_t at;   /* Unix seconds */
	char *action; /* "import", "forget", "merge", "split", "manual" */
	char *member; /* "" for forget, merge, split and manual */
	char *detail; /* "+120 people, +340 ties, -2 ties, 3 rows skipped" or the refs */
} wp_log_entry;

typedef struct wp_log {
	wp_log_entry *items;
	size_t count;
} wp_log;

void wp_log_free(wp_log *l);

/* The import log, oldest first. */
wp_status wp_workspace_log(wp_workspace *ws, wp_log *out, char *err);

/* ---- The derived graph --------------------------------------------------------------------- */

typedef struct wp_workspace_graph_options {
	int64_t now;    /* warmth as of this time; 0 = the handle's clock */
	bool use_cache; /* reuse and write the snapshot cache (default true) */
} wp_workspace_graph_options;

#define WP_WORKSPACE_GRAPH_DEFAULTS ((wp_workspace_graph_options){.now = 0, .use_cache = true})

/* Builds the undirected people graph into g (cleared on entry): vertex v is the v-th person in
 * ascending id order (so person ids ascend with vertex ids: wp_workspace_vertex() is a binary
 * search), an edge per tie, weight = warmth in (0, 1] at opts.now (weights is NULL when there is
 * no tie at all). Labels are display names made
 * unique: a name borne by one person stays as is; otherwise "Name (Company)" where a company is
 * known, and any label still taken gets " #2", " #3", ... in id order. Vertex attributes:
 * "person_id" (decimal), "company", "member" ("1" for members, else ""). With use_cache the graph
 * is cached as a snapshot at path + ".wpg" (mode 0600) with a small key file path + ".wpg.key",
 * reused while the workspace's data_version and the day of opts.now are unchanged and the
 * snapshot is the file the key was written for. *from_cache (may be NULL) says whether the cache
 * was used. A failure to write the cache is not an error. O(people + ties). */
wp_status wp_workspace_graph(wp_workspace *ws, wp_graph *g, char *err);
wp_status wp_workspace_graph_opts(wp_workspace *ws, const wp_workspace_graph_options *opts,
                                  wp_graph *g, bool *from_cache, char *err);

/* The vertex of person id in a graph built by wp_workspace_graph, or WP_NO_VERTEX. O(log n). */
wp_vertex wp_workspace_vertex(const wp_graph *g, int64_t person_id);

/* The person id of vertex v of such a graph (0 if the graph has no "person_id" column). */
int64_t wp_workspace_vertex_person(const wp_graph *g, wp_vertex v);

/* ---- Bulk reads for explaining introductions (workspace_intro.c) ----------------------------- */

/* The ids of the people ref could mean: the same answer as wp_workspace_people_find, without
 * reading each person's details (#ID, LinkedIn URL and e-mail answered from the key index;
 * names through wp_workspace_people_find). *ids is malloc'ed (NULL when *count is 0); the
 * caller frees it. Read-only. */
wp_status wp_workspace_people_find_ids(wp_workspace *ws, const char *ref, int64_t **ids,
                                       size_t *count, char *err);

/* Resolves count LinkedIn profile URLs and e-mail addresses at once: ids[i] is the one person
 * refs[i] names by the same key index wp_workspace_people_find uses, or 0 (nobody, several
 * people, or a reference that is neither; ask wp_workspace_people_find_ids for those). One scan
 * of the mentions for the whole batch instead of building the workspace's key index: for
 * batches of prospects. Read-only. */
wp_status wp_workspace_people_find_keys(wp_workspace *ws, const char *const *refs, size_t count,
                                        int64_t *ids, char *err);

/* The ties a[i] -> b[i] for i < count, as wp_workspace_tie_evidence gives them (the same
 * reports, combined the same way), into out[i] with found[i] true, or out[i] zeroed (a and b
 * set) with found[i] false where the two have no tie. One read transaction for the batch,
 * members and the links of the requested pairs read once: O(count x members) indexed lookups
 * plus one scan of the links table. Free each out[i] with wp_tie_info_free. On error every
 * out[i] is freed. Read-only; use one handle per thread. */
wp_status wp_workspace_tie_evidence_many(wp_workspace *ws, const int64_t *a, const int64_t *b,
                                         size_t count, wp_tie_info *out, bool *found, char *err);

#endif
