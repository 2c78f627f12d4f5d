/* test_labels.c - Criterion tests for engine/labels.c: interning, lookup and re-indexing.
 *
 * Labels get dense ids in order of first appearance; canonical decimals below
 * WP_LABELS_NUMERIC_MAX go through the numeric index and everything else through the hash table,
 * so every test mixes both kinds, including the boundaries between them ("007" vs "7", values
 * just below and above the limit, more than eight digits).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/labels.h"

static wp_vertex intern(wp_labels *l, const char *s, bool *is_new)
{
	char err[WP_ERR_LEN] = "";
	wp_vertex id = WP_NO_VERTEX;
	wp_status st = wp_labels_intern(l, s, strlen(s), &id, is_new, err);
	cr_assert(eq(int, st, WP_OK), "interning '%s' failed: %s", s, err);
	cr_assert(eq(str, err, ""));
	return id;
}

static wp_vertex lookup(wp_labels *l, const char *s)
{
	char err[WP_ERR_LEN] = "";
	wp_vertex id = WP_NO_VERTEX;
	wp_status st = wp_labels_lookup(l, s, strlen(s), &id, err);
	cr_assert(eq(int, st, WP_OK), "looking up '%s' failed: %s", s, err);
	return id;
}

static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

Test(labels, assigns_dense_ids_in_order_of_first_appearance)
{
	wp_labels l = {0};
	const char *input[] = {"alice", "bob", "alice", "42", "carol", "bob", "42", "dave"};
	const wp_vertex want[] = {0, 1, 0, 2, 3, 1, 2, 4};
	const bool want_new[] = {true, true, false, true, true, false, false, true};
	for (size_t i = 0; i < sizeof(input) / sizeof(input[0]); i++) {
		bool is_new = !want_new[i];
		cr_assert(eq(u32, intern(&l, input[i], &is_new), want[i]), "label %s", input[i]);
		cr_assert(eq(int, is_new, want_new[i]), "label %s", input[i]);
	}
	cr_assert(eq(u32, wp_labels_count(&l), 5));
	const char *names[] = {"alice", "bob", "42", "carol", "dave"};
	for (wp_vertex v = 0; v < 5; v++) {
		cr_assert(eq(str, (char *)wp_labels_name(&l, v), (char *)names[v]));
		cr_assert(eq(sz, wp_labels_len(&l, v), strlen(names[v])));
	}
	wp_labels_free(&l);
}

Test(labels, keeps_text_exactly_so_leading_zeros_make_distinct_labels)
{
	wp_labels l = {0};
	const char *input[] = {"7", "007", "07", "0", "00", "-7", "+7", "7.0", " 7", "7 "};
	size_t count = sizeof(input) / sizeof(input[0]);
	for (size_t i = 0; i < count; i++)
		cr_assert(eq(u32, intern(&l, input[i], NULL), (wp_vertex)i), "label '%s'",
		          input[i]);
	for (size_t i = 0; i < count; i++) {
		cr_assert(eq(u32, lookup(&l, input[i]), (wp_vertex)i), "label '%s'", input[i]);
		cr_assert(eq(str, (char *)wp_labels_name(&l, (wp_vertex)i), (char *)input[i]));
	}
	wp_labels_free(&l);
}

Test(labels, accepts_arbitrary_bytes_other_than_nul)
{
	wp_labels l = {0};
	const char *input[] = {"Zoë Çelik", "a\tb", "line\nbreak", "名前", "\xff\xfe", "x y"};
	size_t count = sizeof(input) / sizeof(input[0]);
	for (size_t i = 0; i < count; i++)
		cr_assert(eq(u32, intern(&l, input[i], NULL), (wp_vertex)i));
	for (size_t i = 0; i < count; i++)
		cr_assert(eq(u32, lookup(&l, input[i]), (wp_vertex)i));
	wp_labels_free(&l);
}

/* Numbers on both sides of the numeric index's limits: WP_LABELS_NUMERIC_MAX itself and anything
 * longer than eight digits must go to the hash table and still be found. */
Test(labels, finds_numbers_below_and_above_the_numeric_limit)
{
	wp_labels l = {0};
	char max_minus_one[16], max[16], max_plus_one[16];
	snprintf(max_minus_one, sizeof(max_minus_one), "%u", WP_LABELS_NUMERIC_MAX - 1);
	snprintf(max, sizeof(max), "%u", WP_LABELS_NUMERIC_MAX);
	snprintf(max_plus_one, sizeof(max_plus_one), "%u", WP_LABELS_NUMERIC_MAX + 1);
	const char *input[] = {"0",          "1",           "1023",
	                       "1024",       max_minus_one, max,
	                       max_plus_one, "99999999",    "100000000",
	                       "4294967295", "4294967296",  "18446744073709551616",
	                       "5"};
	size_t count = sizeof(input) / sizeof(input[0]);
	for (size_t i = 0; i < count; i++)
		cr_assert(eq(u32, intern(&l, input[i], NULL), (wp_vertex)i), "label %s", input[i]);
	for (size_t i = 0; i < count; i++) {
		bool is_new = true;
		cr_assert(eq(u32, intern(&l, input[i], &is_new), (wp_vertex)i), "label %s",
		          input[i]);
		cr_assert(not(is_new));
		cr_assert(eq(u32, lookup(&l, input[i]), (wp_vertex)i), "label %s", input[i]);
	}
	cr_assert(eq(u32, wp_labels_count(&l), (uint32_t)count));
	wp_labels_free(&l);
}

Test(labels, rejects_an_empty_label_and_adds_nothing)
{
	wp_labels l = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex id = 12345;
	bool is_new = true;
	intern(&l, "first", NULL);
	wp_status st = wp_labels_intern(&l, "", 0, &id, &is_new, err);
	cr_assert(eq(int, st, WP_EINPUT));
	cr_assert(eq(str, err, "empty vertex label"));
	cr_assert(eq(u32, id, 12345));
	cr_assert(eq(u32, wp_labels_count(&l), 1));
	cr_assert(eq(u32, intern(&l, "second", NULL), 1));
	wp_labels_free(&l);
}

Test(labels, reports_a_missing_label_as_not_found_with_its_text)
{
	wp_labels l = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex id = 0;
	intern(&l, "alice", NULL);
	intern(&l, "17", NULL);

	cr_assert(eq(int, wp_labels_lookup(&l, "bob", 3, &id, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, "no vertex labelled 'bob'"));
	cr_assert(eq(u32, id, WP_NO_VERTEX));

	err[0] = '\0';
	cr_assert(eq(int, wp_labels_lookup(&l, "18", 2, &id, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, "no vertex labelled '18'"));

	/* A number beyond the numeric index seen so far, and a label longer than the message cap.
	 */
	err[0] = '\0';
	cr_assert(eq(int, wp_labels_lookup(&l, "9999999", 7, &id, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, "no vertex labelled '9999999'"));
	char long_label[301], want[WP_ERR_LEN];
	memset(long_label, 'x', 300);
	long_label[300] = '\0';
	snprintf(want, sizeof(want), "no vertex labelled '%.200s'", long_label);
	err[0] = '\0';
	cr_assert(eq(int, wp_labels_lookup(&l, long_label, 300, &id, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, want));
	cr_assert(eq(u32, wp_labels_count(&l), 2));
	wp_labels_free(&l);
}

Test(labels, lookup_in_empty_labels_is_not_found)
{
	wp_labels l = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex id = 0;
	cr_assert(eq(int, wp_labels_lookup(&l, "x", 1, &id, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, "no vertex labelled 'x'"));
	err[0] = '\0';
	cr_assert(eq(int, wp_labels_lookup(&l, "3", 1, &id, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, "no vertex labelled '3'"));
	wp_labels_free(&l);
}

/* Label number i, unique by construction, in four styles: small numbers (numeric index), numbers
 * above the numeric limit, numbers with a leading zero, and words (the last three hashed). */
static void make_label(char *buf, size_t len, uint32_t i, uint64_t salt)
{
	switch (i % 4) {
	case 0:
		snprintf(buf, len, "%u", i);
		break;
	case 1:
		snprintf(buf, len, "%u", 40000000u + i);
		break;
	case 2:
		snprintf(buf, len, "0%u", i);
		break;
	default:
		snprintf(buf, len, "user-%08x-%u", (unsigned)(salt >> 40), i);
		break;
	}
}

Test(labels, round_trips_a_hundred_thousand_random_labels)
{
	enum { N = 100000 };
	wp_labels l = {0};
	uint32_t *order = malloc(N * sizeof(*order));
	uint64_t *salt = malloc(N * sizeof(*salt));
	cr_assert(not(zero(ptr, order)));
	cr_assert(not(zero(ptr, salt)));
	uint64_t rng = 20240601;
	for (uint32_t i = 0; i < N; i++) {
		order[i] = i;
		salt[i] = rng_next(&rng);
	}
	for (uint32_t i = N - 1; i > 0; i--) {
		uint32_t j = (uint32_t)(rng_next(&rng) % (i + 1));
		uint32_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}

	/* Intern in shuffled order: the k-th distinct label gets id k. */
	char buf[64];
	for (uint32_t k = 0; k < N; k++) {
		bool is_new = false;
		make_label(buf, sizeof(buf), order[k], salt[order[k]]);
		cr_assert(eq(u32, intern(&l, buf, &is_new), k), "label %s", buf);
		cr_assert(eq(int, is_new, 1));
	}
	cr_assert(eq(u32, wp_labels_count(&l), N));

	/* Every label is found again, by intern and by lookup, and its text is unchanged. */
	for (uint32_t k = 0; k < N; k++) {
		bool is_new = true;
		make_label(buf, sizeof(buf), order[k], salt[order[k]]);
		cr_assert(eq(u32, intern(&l, buf, &is_new), k), "label %s", buf);
		cr_assert(not(is_new));
		cr_assert(eq(u32, lookup(&l, buf), k));
		cr_assert(eq(str, (char *)wp_labels_name(&l, k), buf));
	}
	cr_assert(lt(u64, 0, wp_labels_memory(&l)));
	free(order);
	free(salt);
	wp_labels_free(&l);
}

/* A snapshot loads only the names and clears `indexed`; the first lookup or intern rebuilds the
 * indexes from the names. Simulated here by dropping both indexes. */
Test(labels, rebuilds_the_index_after_it_is_cleared)
{
	wp_labels l = {0};
	char buf[32];
	for (uint32_t i = 0; i < 5000; i++) {
		make_label(buf, sizeof(buf), i, 0x1234567890ABCDEFull);
		cr_assert(eq(u32, intern(&l, buf, NULL), i));
	}
	free(l.slots);
	free(l.numeric);
	l.slots = NULL;
	l.numeric = NULL;
	l.slot_mask = l.hashed = 0;
	l.numeric_len = 0;
	l.indexed = false;

	for (uint32_t i = 0; i < 5000; i += 7) {
		make_label(buf, sizeof(buf), i, 0x1234567890ABCDEFull);
		cr_assert(eq(u32, lookup(&l, buf), i), "label %s", buf);
	}
	cr_assert(l.indexed);

	/* Again, this time with intern as the first call: old labels keep their ids, new ones
	 * continue the sequence. */
	l.indexed = false;
	bool is_new = true;
	make_label(buf, sizeof(buf), 4001, 0x1234567890ABCDEFull);
	cr_assert(eq(u32, intern(&l, buf, &is_new), 4001));
	cr_assert(not(is_new));
	cr_assert(eq(u32, intern(&l, "brand new", &is_new), 5000));
	cr_assert(is_new);
	cr_assert(eq(u32, intern(&l, "5000000", &is_new), 5001));
	cr_assert(is_new);
	cr_assert(eq(u32, lookup(&l, "brand new"), 5000));
	wp_labels_free(&l);
}

/* The first few lookups on unindexed labels (a freshly loaded snapshot) scan the names instead
 * of building an index that a two-label query would never repay. */
Test(labels, answers_the_first_lookups_on_unindexed_labels_by_scanning)
{
	wp_labels l = {0};
	char buf[32], err[WP_ERR_LEN] = "";
	wp_vertex id;
	for (uint32_t i = 0; i < 1000; i++) {
		make_label(buf, sizeof(buf), i, 0x42ull);
		cr_assert(eq(u32, intern(&l, buf, NULL), i));
	}
	free(l.slots);
	free(l.numeric);
	l.slots = NULL;
	l.numeric = NULL;
	l.slot_mask = l.hashed = 0;
	l.numeric_len = 0;
	l.indexed = false;

	make_label(buf, sizeof(buf), 777, 0x42ull);
	cr_assert(eq(u32, lookup(&l, buf), 777));
	cr_assert(eq(int, wp_labels_lookup(&l, "absent", 6, &id, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, "no vertex labelled 'absent'"));
	cr_assert(not(l.indexed), "two lookups must not build the index");
	cr_assert(eq(ptr, l.slots, NULL));

	for (uint32_t i = 0; i < 20; i++) {
		make_label(buf, sizeof(buf), i * 37, 0x42ull);
		cr_assert(eq(u32, lookup(&l, buf), i * 37));
	}
	cr_assert(l.indexed, "a batch of lookups builds the index once");
	wp_labels_free(&l);
}

Test(labels, keeps_the_numeric_index_small_when_ids_are_sparse)
{
	wp_labels l = {0};
	cr_assert(eq(u32, intern(&l, "1", NULL), 0));
	cr_assert(eq(u32, intern(&l, "33554431", NULL), 1));
	cr_assert(eq(u32, intern(&l, "30000000", NULL), 2));
	cr_assert(le(u32, l.numeric_len, 1u << 16), "one large id must not cost a 128 MB array");
	cr_assert(eq(u32, lookup(&l, "33554431"), 1));
	cr_assert(eq(u32, lookup(&l, "30000000"), 2));
	cr_assert(eq(u32, lookup(&l, "1"), 0));
	/* Dense ids that arrive later still use the array, and the sparse ones stay findable. */
	char buf[16];
	for (uint32_t i = 2; i < 200000; i++) {
		snprintf(buf, sizeof(buf), "%u", i);
		cr_assert(eq(u32, intern(&l, buf, NULL), i + 1));
	}
	cr_assert(ge(u32, l.numeric_len, 200000));
	cr_assert(eq(u32, lookup(&l, "33554431"), 1));
	cr_assert(eq(u32, lookup(&l, "199999"), 200000));
	wp_labels_free(&l);
}

Test(labels, move_empties_the_source_and_free_is_idempotent)
{
	wp_labels a = {0}, b = {0};
	intern(&a, "x", NULL);
	intern(&a, "9", NULL);
	wp_labels_move(&b, &a);
	cr_assert(eq(u32, wp_labels_count(&a), 0));
	cr_assert(zero(ptr, a.slots));
	cr_assert(eq(u32, wp_labels_count(&b), 2));
	cr_assert(eq(u32, lookup(&b, "9"), 1));
	wp_labels_free(&b);
	wp_labels_free(&b);
	wp_labels_free(&a);
	cr_assert(eq(u32, wp_labels_count(&b), 0));
}
