/* labels.h - vertex labels: the text that names each vertex, mapped to dense vertex ids.
 *
 * Every vertex has a label (a GraphML node id, an edge-list token, a person's key). Labels are
 * interned in order of first appearance, so vertex ids are dense (0..count-1) and follow the
 * input. The text is kept exactly as given: "007" and "7" are different vertices.
 *
 * Two indexes answer "which id has this text": canonical decimals below WP_LABELS_NUMERIC_MAX
 * (no sign, no leading zero) go through a direct array indexed by their value, which makes
 * SNAP-style numeric edge lists fast, as long as the array stays dense (at most 8 entries per
 * label); every other label goes through an open-addressing hash table over the string arena.
 * A lookup of a canonical decimal tries the array, then the table, so each label is found
 * wherever it was stored. Memory: the arena (8 bytes per label plus its text), 8 bytes per hash
 * slot (load <= 1/2), and at most 32 bytes per label for the numeric array.
 */
#ifndef WP_LABELS_H
#define WP_LABELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/status.h"
#include "engine/strtab.h"

typedef uint32_t wp_vertex;
#define WP_NO_VERTEX UINT32_MAX
#define WP_MAX_VERTICES (UINT32_MAX - 1)
#define WP_LABELS_NUMERIC_MAX (1u << 25)

typedef struct wp_labels {
	wp_strtab names;         /* label text by vertex id */
	uint64_t *slots;         /* hash table: 0 = empty, else (hash32 << 32) | (id + 1) */
	uint64_t slot_mask;      /* slot count - 1 (a power of two), or 0 when there is no table */
	uint64_t hashed;         /* labels held in the hash table */
	uint64_t hashed_numeric; /* canonical decimals among them (too sparse for the array then) */
	uint32_t *numeric;       /* numeric[value] = id, or WP_NO_VERTEX */
	uint32_t numeric_len;
	bool indexed;   /* false after loading from a snapshot until the index pays off */
	uint32_t scans; /* lookups answered by scanning the names while not indexed */
} wp_labels;

/* Returns the id of label s[0..len), adding it with the next free id if it is new (and setting
 * *is_new, which may be NULL). Labels may not contain NUL bytes and may not be empty.
 * On error nothing is added. Expected O(len). */
wp_status wp_labels_intern(wp_labels *l, const char *s, size_t len, wp_vertex *id, bool *is_new,
                           char *err);

/* Finds label s[0..len) and stores its id in *id; WP_ENOTFOUND (with a message naming the label)
 * if it does not exist. On labels loaded from a snapshot, the first few lookups scan the names
 * (one pass over the arena, far cheaper than indexing millions of labels for a single query);
 * later ones build the index once and use it. */
wp_status wp_labels_lookup(wp_labels *l, const char *s, size_t len, wp_vertex *id, char *err);

/* Rebuilds both indexes from the names (after the names were loaded or borrowed). O(count). */
wp_status wp_labels_index(wp_labels *l, char *err);

static inline uint32_t wp_labels_count(const wp_labels *l)
{
	return l->names.count;
}

/* The label of vertex v (< count), NUL-terminated, valid while l lives unchanged. */
static inline const char *wp_labels_name(const wp_labels *l, wp_vertex v)
{
	return wp_strtab_get(&l->names, v);
}

static inline size_t wp_labels_len(const wp_labels *l, wp_vertex v)
{
	return wp_strtab_len(&l->names, v);
}

/* Bytes held by the names and both indexes. */
uint64_t wp_labels_memory(const wp_labels *l);

/* Moves *from into *to (which must be free); *from is left empty. */
void wp_labels_move(wp_labels *to, wp_labels *from);

/* Releases everything; accepts a zeroed or already freed struct. */
void wp_labels_free(wp_labels *l);

#endif
