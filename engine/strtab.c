/* strtab.c - an append-only string arena with O(1) access by index (see strtab.h). */
#include "engine/strtab.h"

#include <stdlib.h>
#include <string.h>

wp_status wp_strtab_append(wp_strtab *t, const char *s, size_t len, char *err)
{
	wp_status st = WP_OK;

	if (t->borrowed)
		WP_FAIL(WP_EARG, "cannot append to a read-only string table");
	if (t->count == UINT32_MAX - 1)
		WP_FAIL(WP_ELIMIT, "more than %u strings", (unsigned)(UINT32_MAX - 1));
	if ((uint64_t)t->count + 2 > t->cap) {
		uint64_t cap = t->cap ? (uint64_t)t->cap * 2 : 1024;
		if (cap > UINT32_MAX)
			cap = UINT32_MAX;
		uint64_t *o = realloc(t->offsets, cap * sizeof(*o));
		if (o == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow a string table to %llu entries",
			        (unsigned long long)cap);
		if (t->offsets == NULL)
			o[0] = 0;
		t->offsets = o;
		t->cap = (uint32_t)cap;
	}
	if (t->used + len + 1 > t->bytes_cap) {
		uint64_t cap = t->bytes_cap ? t->bytes_cap * 2 : 16384;
		while (cap < t->used + len + 1)
			cap *= 2;
		char *b = realloc(t->bytes, cap);
		if (b == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow a string arena to %llu bytes",
			        (unsigned long long)cap);
		t->bytes = b;
		t->bytes_cap = cap;
	}
	if (len > 0) /* s may be NULL for an empty string */
		memcpy(t->bytes + t->used, s, len);
	t->bytes[t->used + len] = '\0';
	t->used += len + 1;
	t->count++;
	t->offsets[t->count] = t->used;
	return WP_OK;
fail:
	return st;
}

uint64_t wp_strtab_memory(const wp_strtab *t)
{
	return t->used + (t->count ? ((uint64_t)t->count + 1) * sizeof(uint64_t) : 0);
}

void wp_strtab_free(wp_strtab *t)
{
	if (!t->borrowed) {
		free(t->bytes);
		free(t->offsets);
	}
	memset(t, 0, sizeof(*t));
}
