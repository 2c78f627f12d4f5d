/* labels.c - interning of vertex labels: a direct array for canonical decimals and an
 * open-addressing hash table (linear probing, load <= 1/2) for everything else (see labels.h).
 *
 * A hash slot stores the label's 32-bit hash beside its id, so a probe compares text only when
 * the hashes agree and the table grows without touching the arena (the slot index is derived
 * from the stored hash). Hand-written rather than a library map because edge-list loading spends
 * most of its time here: one probe per token, at 100 MB/s of input.
 */
#include "engine/labels.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* 32-bit hash of a byte string: 8 bytes per multiply, murmur3's finaliser for mixing. */
static uint32_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 29;
	}
	uint64_t tail = 0;
	memcpy(&tail, s + i, len - i);
	h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	return (uint32_t)h;
}

/* If s is a canonical decimal below WP_LABELS_NUMERIC_MAX, stores its value and returns true. */
static bool numeric_value(const char *s, size_t len, uint32_t *value)
{
	if (len == 0 || len > 8 || (s[0] == '0' && len > 1))
		return false;
	uint32_t v = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d > 9)
			return false;
		v = v * 10 + d;
	}
	if (v >= WP_LABELS_NUMERIC_MAX)
		return false;
	*value = v;
	return true;
}

static wp_status numeric_grow(wp_labels *l, uint32_t value, char *err)
{
	wp_status st = WP_OK;
	uint64_t len = l->numeric_len ? l->numeric_len : 1024;
	while (len <= value)
		len *= 2;
	if (len > WP_LABELS_NUMERIC_MAX)
		len = WP_LABELS_NUMERIC_MAX;
	uint32_t *a = realloc(l->numeric, len * sizeof(*a));
	if (a == NULL)
		WP_FAIL(WP_ENOMEM, "cannot grow the numeric label index to %llu entries",
		        (unsigned long long)len);
	memset(a + l->numeric_len, 0xFF, (len - l->numeric_len) * sizeof(*a));
	l->numeric = a;
	l->numeric_len = (uint32_t)len;
	return WP_OK;
fail:
	return st;
}

/* Slot of label s with hash h: either the slot holding it or the empty slot where it belongs. */
static uint64_t probe(const wp_labels *l, const char *s, size_t len, uint32_t h)
{
	assert(l->slots != NULL);
	uint64_t i = h & l->slot_mask;
	for (;;) {
		uint64_t e = l->slots[i];
		if (e == 0)
			return i;
		if ((uint32_t)(e >> 32) == h) {
			wp_vertex id = (wp_vertex)(e & 0xFFFFFFFFu) - 1;
			if (wp_labels_len(l, id) == len &&
			    memcmp(wp_labels_name(l, id), s, len) == 0)
				return i;
		}
		i = (i + 1) & l->slot_mask;
	}
}

static wp_status table_grow(wp_labels *l, char *err)
{
	wp_status st = WP_OK;
	uint64_t old_count = l->slot_mask ? l->slot_mask + 1 : 0;
	uint64_t count = old_count ? old_count * 2 : 1024;
	uint64_t *slots = calloc(count, sizeof(*slots));
	if (slots == NULL)
		WP_FAIL(WP_ENOMEM, "cannot grow the label hash table to %llu slots",
		        (unsigned long long)count);
	for (uint64_t i = 0; i < old_count; i++) {
		uint64_t e = l->slots[i];
		if (e == 0)
			continue;
		uint64_t j = (e >> 32) & (count - 1);
		while (slots[j] != 0)
			j = (j + 1) & (count - 1);
		slots[j] = e;
	}
	free(l->slots);
	l->slots = slots;
	l->slot_mask = count - 1;
	return WP_OK;
fail:
	return st;
}

/* Whether the numeric array may cover value v: it may hold at most 8 entries per label (32 bytes),
 * so one large id in a small file does not cost a huge array; such ids go to the hash table. */
static bool numeric_fits(const wp_labels *l, uint32_t v)
{
	if (l->numeric != NULL && v < l->numeric_len)
		return true;
	uint64_t allowed = 8 * ((uint64_t)wp_labels_count(l) + 1);
	return (uint64_t)v < (allowed > (1u << 16) ? allowed : (1u << 16));
}

/* Records that label s (id `id`) is found at the right index. When the numeric array grows
 * while canonical decimals sit in the hash table (they arrived when the array was too sparse to
 * cover them), `reroute` rebuilds the index so they move into the array: the busiest vertices of
 * a graph tend to appear first, and they should take the fast path. The array only doubles, so
 * the rebuilds cost O(count) amortised. */
static wp_status index_one(wp_labels *l, const char *s, size_t len, wp_vertex id, bool reroute,
                           char *err)
{
	wp_status st = WP_OK;
	uint32_t v;
	bool numeric = numeric_value(s, len, &v);
	if (numeric && numeric_fits(l, v)) {
		if (l->numeric == NULL || v >= l->numeric_len) {
			if (reroute && l->hashed_numeric > 0)
				WP_TRY(wp_labels_index(l, err));
			if (l->numeric == NULL || v >= l->numeric_len)
				WP_TRY(numeric_grow(l, v, err));
		}
		assert(l->numeric != NULL && v < l->numeric_len);
		l->numeric[v] = id;
		return WP_OK;
	}
	l->hashed_numeric += numeric;
	if (l->slots == NULL || 2 * (l->hashed + 1) > l->slot_mask + 1)
		WP_TRY(table_grow(l, err));
	assert(l->slots != NULL);
	uint32_t h = hash_bytes(s, len);
	l->slots[probe(l, s, len, h)] = ((uint64_t)h << 32) | ((uint64_t)id + 1);
	l->hashed++;
	return WP_OK;
fail:
	return st;
}

/* The id of s, or WP_NO_VERTEX; the index must be built. */
static wp_vertex find(const wp_labels *l, const char *s, size_t len)
{
	uint32_t v;
	/* A canonical decimal is in the array if the array covered it when it was added; otherwise
	 * it is in the hash table. */
	if (numeric_value(s, len, &v) && v < l->numeric_len && l->numeric[v] != WP_NO_VERTEX)
		return l->numeric[v];
	if (l->slot_mask == 0)
		return WP_NO_VERTEX;
	uint64_t e = l->slots[probe(l, s, len, hash_bytes(s, len))];
	return e ? (wp_vertex)(e & 0xFFFFFFFFu) - 1 : WP_NO_VERTEX;
}

wp_status wp_labels_index(wp_labels *l, char *err)
{
	wp_status st = WP_OK;
	free(l->slots);
	free(l->numeric);
	l->slots = NULL;
	l->numeric = NULL;
	l->slot_mask = l->hashed = l->hashed_numeric = 0;
	l->numeric_len = 0;
	for (wp_vertex id = 0; id < wp_labels_count(l); id++)
		WP_TRY(index_one(l, wp_labels_name(l, id), wp_labels_len(l, id), id, false, err));
	l->indexed = true;
	return WP_OK;
fail:
	return st;
}

wp_status wp_labels_intern(wp_labels *l, const char *s, size_t len, wp_vertex *id, bool *is_new,
                           char *err)
{
	wp_status st = WP_OK;
	if (len == 0)
		WP_FAIL(WP_EINPUT, "empty vertex label");
	if (!l->indexed && wp_labels_count(l) > 0)
		WP_TRY(wp_labels_index(l, err));
	l->indexed = true;
	wp_vertex found = find(l, s, len);
	if (found != WP_NO_VERTEX) {
		*id = found;
		if (is_new)
			*is_new = false;
		return WP_OK;
	}
	if (wp_labels_count(l) >= WP_MAX_VERTICES)
		WP_FAIL(WP_ELIMIT, "more than %u vertices; warmpath's vertex ids are 32-bit",
		        (unsigned)WP_MAX_VERTICES);
	wp_vertex fresh = wp_labels_count(l);
	/* Index first: if that fails the name is not appended, so nothing changes. */
	WP_TRY(index_one(l, s, len, fresh, true, err));
	st = wp_strtab_append(&l->names, s, len, err);
	if (st != WP_OK) {
		/* Roll the index entry back by rebuilding; the names are unchanged. */
		wp_labels_index(l, NULL);
		goto fail;
	}
	*id = fresh;
	if (is_new)
		*is_new = true;
	return WP_OK;
fail:
	return st;
}

/* Lookups answered by a scan before the index is built: a command that names two vertices of a
 * snapshot never pays for indexing, a batch of queries pays once. */
#define SCANS_BEFORE_INDEX 8

/* The id of s by a pass over the names (the arena is NUL-separated and in id order). */
static wp_vertex scan(const wp_labels *l, const char *s, size_t len)
{
	for (wp_vertex id = 0; id < wp_labels_count(l); id++)
		if (wp_labels_len(l, id) == len && memcmp(wp_labels_name(l, id), s, len) == 0)
			return id;
	return WP_NO_VERTEX;
}

wp_status wp_labels_lookup(wp_labels *l, const char *s, size_t len, wp_vertex *id, char *err)
{
	wp_status st = WP_OK;
	if (!l->indexed && l->scans < SCANS_BEFORE_INDEX) {
		l->scans++;
		*id = scan(l, s, len);
	} else {
		if (!l->indexed)
			WP_TRY(wp_labels_index(l, err));
		*id = find(l, s, len);
	}
	if (*id == WP_NO_VERTEX)
		WP_FAIL(WP_ENOTFOUND, "no vertex labelled '%.*s'", (int)(len > 200 ? 200 : len), s);
	return WP_OK;
fail:
	return st;
}

uint64_t wp_labels_memory(const wp_labels *l)
{
	return wp_strtab_memory(&l->names) +
	       (l->slot_mask ? (l->slot_mask + 1) * sizeof(uint64_t) : 0) +
	       (uint64_t)l->numeric_len * sizeof(uint32_t);
}

void wp_labels_move(wp_labels *to, wp_labels *from)
{
	*to = *from;
	memset(from, 0, sizeof(*from));
}

void wp_labels_free(wp_labels *l)
{
	wp_strtab_free(&l->names);
	free(l->slots);
	free(l->numeric);
	memset(l, 0, sizeof(*l));
}
