/* contacts.h - what one member's contact export says, before identities are resolved.
 *
 * It lives in engine/ because it is the contract between importers/ (which fill it) and the
 * workspace (which stores it), and dependencies point from importers/ to engine/.
 *
 * Every contact importer (the LinkedIn archive's files, Google and Outlook CSV, vCard, a generic
 * people CSV) turns its input into a wp_contacts: the people it mentions, each as that file
 * describes them, and evidence of ties between them, with the exporting member as person 0.
 * Nothing here touches the workspace: engine/workspace.c resolves the people against those it
 * already knows and stores the evidence in one transaction. Message subjects and bodies never
 * enter this struct; only counts and dates do.
 *
 * Strings live in one table (string 0 is ""); records refer to them by index, which keeps a
 * 30,000-connection export in a few compact arrays.
 */
#ifndef WP_CONTACTS_H
#define WP_CONTACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/status.h"
#include "engine/strtab.h"

/* A person that must never be merged with anyone: "LinkedIn Member" (deleted accounts), rows
 * with no name, opted-out "private" people of the legacy API. */
#define WP_PERSON_NEVER_MERGE 1u

typedef struct wp_person_rec {
	uint32_t first, last; /* name parts as given (string ids; 0 = none) */
	uint32_t full;        /* display name: as given, or "first last" */
	uint32_t slug;        /* normalised LinkedIn slug (engine/identity.h), or 0 */
	uint32_t email;       /* lower-cased e-mail address, or 0 */
	uint32_t company;     /* current company as given, or 0 */
	uint32_t position;    /* current title as given, or 0 */
	uint32_t flags;       /* WP_PERSON_* */
	uint32_t file;        /* index in files[] that mentioned the person first */
	uint32_t line;        /* line of that mention */
} wp_person_rec;

typedef enum wp_evidence_kind {
	WP_EV_CONNECTION = 1,  /* first-degree LinkedIn connection; first = Connected On */
	WP_EV_MESSAGES,        /* direct messages: sent = a->b, received = b->a, first/last dates */
	WP_EV_GROUP_THREAD,    /* a and b were both in a group conversation: count threads in
	                        * `sent`, last = latest message; the one alter-to-alter signal */
	WP_EV_INVITATION,      /* a invited b (direction as exported); first = date */
	WP_EV_RECOMMENDATION,  /* a recommended b; first = date */
	WP_EV_ENDORSEMENT,     /* a endorsed b: sent = skills endorsed, first/last dates */
	WP_EV_NOTE,            /* a keeps a note about b (Notes.csv); first/last = created/edited */
	WP_EV_ADDRESS_BOOK,    /* b is in a's address book (Google, Outlook, vCard, people CSV) */
	WP_EV_RELATED,         /* vCard 4.0 RELATED: a says b is a relation of theirs */
	WP_EV_SHARED_EMPLOYER, /* derived by the workspace from Positions.csv: months of overlap
	                        * in `sent`; never produced by a parser */
	WP_EV_MANUAL           /* ties.csv: strength in (0, 1] given by hand; overrides the rest */
} wp_evidence_kind;

typedef struct wp_evidence_rec {
	uint32_t a, b; /* person indexes; a is the member for member-to-contact evidence */
	uint32_t kind; /* wp_evidence_kind */
	uint32_t sent, received; /* counts, meaning per kind (above) */
	int64_t first, last;     /* Unix seconds UTC; 0 = unknown */
	double strength;         /* WP_EV_MANUAL only, else 0 */
	uint32_t file, line;     /* where it was read */
} wp_evidence_rec;

/* A job in the member's own work history (Positions.csv), for shared-employer evidence. */
typedef struct wp_position_rec {
	uint32_t company;    /* string id */
	uint32_t title;      /* string id */
	int32_t start_month; /* year * 12 + month - 1; 0 = unknown */
	int32_t end_month;   /* same; 0 = still there */
} wp_position_rec;

/* What was read from one file, for the import log and the user's summary. */
typedef struct wp_file_report {
	uint32_t name;    /* string id: the file's name as the user would recognise it
	                   * (the archive member's name, or the path) */
	uint32_t kind;    /* string id: "connections", "messages", "vcard", ... */
	uint64_t rows;    /* data rows read */
	uint64_t used;    /* rows that produced a person or evidence */
	uint64_t skipped; /* bad rows reported in warnings */
	uint64_t hidden;  /* hidden-profile rows: counted, no person made */
} wp_file_report;

typedef struct wp_contacts {
	wp_strtab strings;     /* string 0 is "" */
	wp_person_rec *people; /* people[0] is the member whose export this is */
	uint32_t people_count, people_cap;
	wp_evidence_rec *evidence;
	uint64_t evidence_count, evidence_cap;
	wp_position_rec *positions; /* the member's own work history */
	uint32_t positions_count, positions_cap;
	wp_file_report *files;
	uint32_t files_count, files_cap;
	wp_strtab warnings; /* one "file:line: reason" per skipped row */
	bool strict;        /* --strict: the first bad row fails the whole import */
	/* NULL, or the normal forms identity resolution compares, 4 string ids per person (name
	 * key, company key, slug, e-mail), made by wp_workspace_prepare_batch for the first
	 * normal_count people; ignored unless that is still people_count. */
	uint32_t *normal;
	uint32_t normal_count;
} wp_contacts;

/* Starts a batch for the member called full_name (and their profile URL, which may be NULL);
 * the member becomes person 0. */
wp_status wp_contacts_init(wp_contacts *c, const char *full_name, const char *url, char *err);

/* Stores s[0..len) and returns its id in *id (0 for an empty string; no deduplication). */
wp_status wp_contacts_str(wp_contacts *c, const char *s, size_t len, uint32_t *id, char *err);

/* The text of string id. */
static inline const char *wp_contacts_text(const wp_contacts *c, uint32_t id)
{
	return wp_strtab_get(&c->strings, id);
}

/* Appends a person and returns its index. */
wp_status wp_contacts_add_person(wp_contacts *c, const wp_person_rec *p, uint32_t *index,
                                 char *err);

/* Appends evidence. */
wp_status wp_contacts_add_evidence(wp_contacts *c, const wp_evidence_rec *e, char *err);

/* Appends a position of the member. */
wp_status wp_contacts_add_position(wp_contacts *c, const wp_position_rec *p, char *err);

/* Starts the report of a file and returns its index. */
wp_status wp_contacts_add_file(wp_contacts *c, const char *name, const char *kind, uint32_t *index,
                               char *err);

/* Records a bad row as "file:line: reason" and counts it as skipped in file `file`. In strict
 * mode it instead fails with WP_EINPUT and that message in err (the caller stops). */
wp_status wp_contacts_warn(wp_contacts *c, uint32_t file, uint64_t line, char *err, const char *fmt,
                           ...) __attribute__((format(printf, 5, 6)));

/* Releases everything; accepts a zeroed or freed batch. */
void wp_contacts_free(wp_contacts *c);

#endif
