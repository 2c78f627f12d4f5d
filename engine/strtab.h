/* strtab.h - an append-only table of strings packed in one arena.
 *
 * String i occupies bytes[offsets[i] .. offsets[i+1]-1) and is followed by a NUL, so it can be
 * used as a C string and its length is known in O(1). Memory: 8 bytes per string plus the bytes.
 * A table may borrow its arrays (from an mmap-ed snapshot); a borrowed table is read-only.
 */
#ifndef WP_STRTAB_H
#define WP_STRTAB_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/status.h"

typedef struct wp_strtab {
	char *bytes;       /* count strings, each NUL-terminated */
	uint64_t *offsets; /* count + 1 entries once count > 0; offsets[0] = 0 */
	uint32_t count;
	uint32_t cap;  /* capacity of offsets, in entries (count + 1 are used) */
	uint64_t used; /* bytes in use */
	uint64_t bytes_cap;
	bool borrowed; /* arrays belong to someone else (a mapping): never freed or grown */
} wp_strtab;

/* Appends s[0..len) (which must not contain NUL; s may be NULL when len is 0) as string number
 * t->count. On error the table is unchanged. Amortised O(len). */
wp_status wp_strtab_append(wp_strtab *t, const char *s, size_t len, char *err);

/* String i (NUL-terminated), valid until the table is freed or appended to. i < count. */
static inline const char *wp_strtab_get(const wp_strtab *t, uint32_t i)
{
	return t->bytes + t->offsets[i];
}

/* Length of string i, without its NUL. */
static inline size_t wp_strtab_len(const wp_strtab *t, uint32_t i)
{
	return (size_t)(t->offsets[i + 1] - t->offsets[i] - 1);
}

/* Bytes held by the table's arrays (capacity not counted). */
uint64_t wp_strtab_memory(const wp_strtab *t);

/* Releases the table's memory (unless borrowed) and zeroes it. Accepts a zeroed or freed table. */
void wp_strtab_free(wp_strtab *t);

#endif
