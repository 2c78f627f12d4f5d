/* workspace_import_internal.h - the state of one import, shared by workspace_import.c (what
 * the member said before, writing the differences) and workspace_resolve.c (identity resolution
 * and the batch's evidence).
 *
 * Includes engine/contacts.h, the batch contract: a data-only header whose only dependencies
 * are engine headers, so it belongs to both sides of the importer/engine boundary.
 */
#ifndef WP_WORKSPACE_IMPORT_INTERNAL_H
#define WP_WORKSPACE_IMPORT_INTERNAL_H

#include "engine/workspace_internal.h"
#include "engine/contacts.h"

/* How a record of the batch found its person. */
typedef enum wpi_how {
	WPI_HOW_NONE,
	WPI_HOW_ADDED,    /* a new person */
	WPI_HOW_PREVIOUS, /* this member's earlier mention with the same identity */
	WPI_HOW_SLUG,
	WPI_HOW_EMAIL,
	WPI_HOW_NAME, /* name and company, or a recorded merge */
	WPI_HOW_BATCH /* an earlier record of the same batch */
} wpi_how;

/* One record (person) of the batch. */
typedef struct wpi_rec {
	uint32_t name, name_key, company, company_key, position, slug, email; /* text ids */
	bool never, has_ev;
	uint32_t tag; /* never-merge: ordinal of this name among such records */
	int64_t person;
	wpi_how how;
} wpi_rec;

/* One person of the batch: the mention to store and the member's evidence of the tie. */
typedef struct wpi_bperson {
	int64_t id;
	bool is_new;
	wpi_how how;
	uint32_t name, name_key, company, company_key, position, slug, email, tag, flags;
	uint32_t file, line; /* first mention: batch file index, line */
	wpi_ev star;         /* the member -> person tie */
	bool has_star;
	bool written;  /* mention inserted or changed */
	bool replaced; /* ... and it was a change of a previous mention */
} wpi_bperson;

/* A tie between two people other than the member, as this batch reports it. */
typedef struct wpi_blink {
	int64_t lo, hi;
	wpi_ev ev;
	bool same; /* stored exactly so already */
} wpi_blink;

/* A previous mention of this member, as stored. */
typedef struct wpi_oldm {
	int64_t person;
	uint32_t name, name_key, company, company_key, position, slug, email, emp_company;
	uint32_t flags, tag, file, line;
	wpi_ev ev;
	bool kept;
} wpi_oldm;

/* Everything one import works with. */
typedef struct wpi_import {
	wp_workspace *ws;
	const wp_contacts *batch;
	int64_t now;
	int64_t member_id;
	int64_t member_person;        /* current, before the import */
	char member_slug[WP_KEY_LEN]; /* the member's stored profile slug, or "" */
	char member_key[WP_KEY_LEN];
	wp_strtab text; /* string 0 = "" */
	wpi_rec *recs;
	wpi_bperson *bp;
	uint32_t bp_count, bp_cap;
	wpi_imap bp_index;      /* person -> bp index */
	wpi_smap batch_keys;    /* key -> person, this batch */
	wpi_imap batch_slugged; /* person -> 1 when a batch record of theirs has a slug */
	wpi_smap sticky;        /* identity tuple -> person, previous mentions */
	wpi_smap never_seen;    /* never-merge name -> count so far */
	wpi_oldm *old;
	uint32_t old_count, old_cap;
	wpi_imap old_index; /* person -> old index */
	wpi_blink *links;
	uint64_t links_count, links_cap;
	wpi_imap link_index; /* pair -> links index */
	wpi_smap decisions;  /* "merge\x1f"/"split\x1f" + key -> id list joined by \x1e */
	wpi_members members;
	int64_t next_person;
	bool changed;
	bool only_inserts; /* no mention was changed or deleted (the key cache stays valid) */
} wpi_import;

/* Copies t into the import's text table and returns its id in *id (0 for NULL or ""). */
wp_status wpi_text_add(wpi_import *s, const char *t, uint32_t *id, char *err);

/* Text of id in the import's table. */
static inline const char *wpi_tx(const wpi_import *s, uint32_t id)
{
	return wp_strtab_get(&s->text, id);
}

/* The normalised slug of a profile URL or a slug into out (WP_KEY_LEN bytes), or "". */
void wpi_normal_slug(const char *s, char *out);

/* The identity tuple a previous mention is recognised by (see workspace_resolve.c). */
void wpi_make_tuple(char *buf, size_t len, bool never, const char *name, uint32_t tag,
                    const char *slug, const char *email, const char *name_key,
                    const char *company_key);

/* Loads the merge and split decisions into s->decisions. */
wp_status wpi_load_decisions(wpi_import *s, char *err);

/* Resolves every record that has evidence (and the member's) to a person, filling s->recs,
 * s->bp and the people counts of sum. */
wp_status wpi_resolve(wpi_import *s, wp_import_summary *sum, char *err);

/* Turns the batch's evidence into the member's reports: member-to-person evidence on s->bp,
 * other pairs in s->links, shared employers by company, warmth parts reduced. mp is the
 * member's person. */
wp_status wpi_gather_evidence(wpi_import *s, int64_t mp, wp_import_summary *sum, char *err);

#endif
