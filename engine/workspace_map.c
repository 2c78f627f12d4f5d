/* workspace_map.c - the open-addressing hash maps the workspace uses in memory.
 *
 * wpi_smap maps strings (identity keys, labels) to int64 values; wpi_imap maps non-zero uint64
 * keys (person ids, person pairs) to uint64 values. Both use linear probing at a load of at most
 * one half and never delete, which is all an import or a graph build needs: the maps live for one
 * operation (or as a cache that is dropped whole). Strings are hashed with FNV-1a 64; integers
 * with a splitmix64 finaliser.
 */
#include "engine/workspace_internal.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_u64(uint64_t x)
{
	return wpi_mix64(x);
}

/* FNV-1a over the bytes, then the splitmix64 finaliser: FNV's multiplications only carry
 * upwards, so without it the low bits (the slot) would depend on the low bits of each byte. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return hash_u64(h);
}

/* A slot holds the entry index + 1 in its low half and the hash's high half above, so a probe
 * rejects other keys without touching their entries (one cache miss instead of three). */
#define SLOT_TAG(h) ((h)&0xffffffff00000000ull)
#define SLOT_ENTRY(x) ((uint32_t)(x)-1)

void wpi_hash96(const char *s, size_t len, uint64_t *key, uint32_t *check)
{
	uint64_t h = 1469598103934665603ull, g = 0x6a09e667f3bcc909ull ^ len;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
		g ^= (unsigned char)s[i];
		g *= 0x9e3779b97f4a7c15ull;
		g ^= g >> 29;
	}
	*key = hash_u64(h) | 1; /* never 0: wpi_imap keys are non-zero */
	*check = (uint32_t)(hash_u64(g) >> 32);
}

/* Slot of s in m: the slot holding it, or the empty slot where it would go. */
static uint64_t smap_find(const wpi_smap *m, const char *s, size_t len, uint64_t h)
{
	uint64_t i = h & m->mask;
	while (m->slots[i] != 0) {
		if (SLOT_TAG(m->slots[i]) == SLOT_TAG(h)) {
			const struct wpi_sentry *e = &m->entries[SLOT_ENTRY(m->slots[i])];
			if (e->hash == h && e->len == len && memcmp(m->arena + e->off, s, len) == 0)
				return i;
		}
		i = (i + 1) & m->mask;
	}
	return i;
}

bool wpi_smap_get(const wpi_smap *m, const char *s, size_t len, int64_t *value)
{
	if (m->count == 0)
		return false;
	uint64_t i = smap_find(m, s, len, hash_bytes(s, len));
	if (m->slots[i] == 0)
		return false;
	*value = m->entries[SLOT_ENTRY(m->slots[i])].value;
	return true;
}

static wp_status smap_grow(wpi_smap *m, char *err)
{
	wp_status st = WP_OK;
	uint64_t slots = m->mask ? (m->mask + 1) * 2 : 1024;
	if (slots == 0 || slots > (UINT64_MAX >> 4))
		WP_FAIL(WP_ELIMIT, "a key map cannot grow beyond %llu slots",
		        (unsigned long long)(m->mask + 1));
	uint64_t *s = calloc(slots, sizeof(*s));
	if (s == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a key map of %llu slots",
		        (unsigned long long)slots);
	free(m->slots);
	m->slots = s;
	m->mask = slots - 1;
	for (uint32_t e = 0; e < m->count; e++) {
		uint64_t i = m->entries[e].hash & m->mask;
		while (m->slots[i] != 0)
			i = (i + 1) & m->mask;
		m->slots[i] = SLOT_TAG(m->entries[e].hash) | (e + 1);
	}
	return WP_OK;
fail:
	return st;
}

wp_status wpi_smap_put(wpi_smap *m, const char *s, size_t len, int64_t value, char *err)
{
	wp_status st = WP_OK;
	uint64_t h = hash_bytes(s, len);
	if (m->count > 0) {
		uint64_t i = smap_find(m, s, len, h);
		if (m->slots[i] != 0) {
			m->entries[SLOT_ENTRY(m->slots[i])].value = value;
			return WP_OK;
		}
	}
	if (m->count == UINT32_MAX - 1)
		WP_FAIL(WP_ELIMIT, "more than %u keys in one map", UINT32_MAX - 1);
	if (((uint64_t)m->count + 1) * 2 > m->mask + 1)
		WP_TRY(smap_grow(m, err));
	if (m->count == m->cap) {
		uint32_t cap =
		        m->cap ? (m->cap > UINT32_MAX / 2 ? UINT32_MAX - 1 : m->cap * 2) : 512;
		struct wpi_sentry *e = realloc(m->entries, (size_t)cap * sizeof(*e));
		if (e == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow a key map to %u entries", cap);
		m->entries = e;
		m->cap = cap;
	}
	if (m->used + len + 1 > m->arena_cap) {
		uint64_t cap = m->arena_cap ? m->arena_cap * 2 : 16384;
		while (cap < m->used + len + 1)
			cap *= 2;
		char *a = realloc(m->arena, cap);
		if (a == NULL)
			WP_FAIL(WP_ENOMEM, "cannot grow a key map's text to %llu bytes",
			        (unsigned long long)cap);
		m->arena = a;
		m->arena_cap = cap;
	}
	memcpy(m->arena + m->used, s, len);
	m->arena[m->used + len] = '\0';
	m->entries[m->count] = (struct wpi_sentry){
	        .hash = h, .off = m->used, .len = (uint32_t)len, .value = value};
	m->used += len + 1;
	m->count++;
	m->slots[smap_find(m, s, len, h)] = SLOT_TAG(h) | m->count;
	return WP_OK;
fail:
	return st;
}

void wpi_smap_free(wpi_smap *m)
{
	free(m->slots);
	free(m->entries);
	free(m->arena);
	memset(m, 0, sizeof(*m));
}

bool wpi_imap_get(const wpi_imap *m, uint64_t key, uint64_t *value)
{
	if (m->count == 0)
		return false;
	uint64_t i = hash_u64(key) & m->mask;
	while (m->keys[i] != 0) {
		if (m->keys[i] == key) {
			*value = m->values[i];
			return true;
		}
		i = (i + 1) & m->mask;
	}
	return false;
}

static wp_status imap_rehash(wpi_imap *m, uint64_t slots, char *err)
{
	wp_status st = WP_OK;
	uint64_t *k = calloc(slots, sizeof(*k));
	uint64_t *v = malloc(slots * sizeof(*v));
	if (k == NULL || v == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a map of %llu slots",
		        (unsigned long long)slots);
	uint64_t mask = slots - 1;
	for (uint64_t j = 0; m->keys != NULL && j <= m->mask; j++) {
		if (m->keys[j] == 0)
			continue;
		uint64_t i = hash_u64(m->keys[j]) & mask;
		while (k[i] != 0)
			i = (i + 1) & mask;
		k[i] = m->keys[j];
		v[i] = m->values[j];
	}
	free(m->keys);
	free(m->values);
	m->keys = k;
	m->values = v;
	m->mask = mask;
	return WP_OK;
fail:
	free(k);
	free(v);
	return st;
}

wp_status wpi_imap_reserve(wpi_imap *m, uint64_t n, char *err)
{
	uint64_t slots = m->keys ? m->mask + 1 : 0;
	uint64_t want = 64;
	while (want < 2 * n + 2)
		want *= 2;
	if (want <= slots)
		return WP_OK;
	return imap_rehash(m, want, err);
}

wp_status wpi_imap_upsert(wpi_imap *m, uint64_t key, uint64_t **value, bool *existed, char *err)
{
	wp_status st = WP_OK;
	if (m->keys == NULL || (m->count + 1) * 2 > m->mask + 1)
		WP_TRY(wpi_imap_reserve(m, m->count + 1 > 32 ? (m->count + 1) * 2 : 32, err));
	if (m->keys == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a map");
	uint64_t i = hash_u64(key) & m->mask;
	while (m->keys[i] != 0 && m->keys[i] != key)
		i = (i + 1) & m->mask;
	*existed = m->keys[i] == key;
	if (!*existed) {
		m->keys[i] = key;
		m->values[i] = 0;
		m->count++;
	}
	*value = &m->values[i];
	return WP_OK;
fail:
	return st;
}

wp_status wpi_imap_put(wpi_imap *m, uint64_t key, uint64_t value, char *err)
{
	wp_status st = WP_OK;
	if (m->keys == NULL || (m->count + 1) * 2 > m->mask + 1)
		WP_TRY(wpi_imap_reserve(m, m->count + 1 > 32 ? (m->count + 1) * 2 : 32, err));
	if (m->keys == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a map");
	uint64_t i = hash_u64(key) & m->mask;
	while (m->keys[i] != 0) {
		if (m->keys[i] == key) {
			m->values[i] = value;
			return WP_OK;
		}
		i = (i + 1) & m->mask;
	}
	m->keys[i] = key;
	m->values[i] = value;
	m->count++;
	return WP_OK;
fail:
	return st;
}

void wpi_imap_free(wpi_imap *m)
{
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}
