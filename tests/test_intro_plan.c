/* test_intro_plan.c - batch planning of introductions under a cap (queries/intro_plan.c).
 *
 * Every plan must respect the cap (asks recomputed here from the choices, and equal to the
 * plan's own counts), report each target's fate consistently with its choice, and, when every
 * candidate has at most one introducer, keep exactly as many targets as the optimum found by
 * brute force over every assignment of tiny random instances. With several introducers per
 * candidate the plan must keep at least as many as the plain greedy pass (computed here), and
 * hand-made cases pin down a repair and the reporting of losers.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "queries/intro_plan.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t next_rand(uint32_t bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % bound);
}

/* A batch under construction: up to 16 targets, 64 candidates, 256 introducers. */
typedef struct inst {
	uint32_t cand_first[17];
	uint64_t intro_first[65];
	wp_vertex intro[256];
	uint32_t targets, cands;
	size_t len;
	wp_intro_batch b;
} inst;

static void inst_begin(inst *x, uint32_t people, uint32_t cap)
{
	memset(x, 0, sizeof(*x));
	x->b.people = people;
	x->b.max_asks = cap;
}

static void inst_target(inst *x)
{
	x->targets++;
	x->cand_first[x->targets] = x->cands;
}

/* Adds a candidate to the last target begun with inst_target (call inst_target first, then add
 * its candidates: the row end is updated as candidates come). */
static void inst_cand(inst *x, uint32_t k, const wp_vertex *who)
{
	for (uint32_t i = 0; i < k; i++)
		x->intro[x->len++] = who[i];
	x->cands++;
	x->intro_first[x->cands] = x->len;
	x->cand_first[x->targets] = x->cands;
}

static const wp_intro_batch *inst_batch(inst *x)
{
	x->b.targets = x->targets;
	x->b.cand_first = x->cand_first;
	x->b.intro_first = x->intro_first;
	x->b.introducers = x->intro;
	return &x->b;
}

/* Checks the invariants every plan must satisfy; returns the targets kept. */
static uint32_t check_plan(const inst *x, const wp_intro_plan *p)
{
	uint32_t load[64] = {0}, kept = 0, best = 0, dem = 0, cap = 0, none = 0, maxl = 0;
	for (uint32_t t = 0; t < x->targets; t++) {
		uint32_t n = x->cand_first[t + 1] - x->cand_first[t];
		if (n == 0) {
			cr_assert(eq(u32, p->choice[t], WP_INTRO_NONE));
			cr_assert(eq(int, p->fate[t], WP_INTRO_NO_CHAIN));
			none++;
			continue;
		}
		if (p->choice[t] == WP_INTRO_NONE) {
			cr_assert(eq(int, p->fate[t], WP_INTRO_CAPPED));
			cap++;
			continue;
		}
		cr_assert(lt(u32, p->choice[t], n));
		cr_assert(
		        eq(int, p->fate[t], p->choice[t] == 0 ? WP_INTRO_BEST : WP_INTRO_DEMOTED));
		best += p->choice[t] == 0;
		dem += p->choice[t] != 0;
		kept++;
		uint32_t c = x->cand_first[t] + p->choice[t];
		for (uint64_t k = x->intro_first[c]; k < x->intro_first[c + 1]; k++)
			load[x->intro[k]]++;
	}
	for (uint32_t q = 0; q < x->b.people; q++) {
		cr_assert(eq(u32, load[q], p->asks[q]), "person %u", q);
		if (x->b.max_asks)
			cr_assert(le(u32, load[q], x->b.max_asks), "person %u over the cap", q);
		maxl = load[q] > maxl ? load[q] : maxl;
	}
	cr_assert(eq(u32, p->kept_best, best));
	cr_assert(eq(u32, p->demoted, dem));
	cr_assert(eq(u32, p->capped, cap));
	cr_assert(eq(u32, p->no_chain, none));
	cr_assert(eq(u32, p->max_load, maxl));
	return kept;
}

/* The most targets any assignment keeps under the cap: every choice tried (none or a
 * candidate per target). */
static uint32_t brute(const inst *x, uint32_t t, uint32_t *load)
{
	if (t == x->targets)
		return 0;
	uint32_t bestv = brute(x, t + 1, load); /* t without a chain */
	for (uint32_t c = x->cand_first[t]; c < x->cand_first[t + 1]; c++) {
		bool ok = true;
		for (uint64_t k = x->intro_first[c]; k < x->intro_first[c + 1]; k++)
			ok &= load[x->intro[k]] < x->b.max_asks;
		if (!ok)
			continue;
		for (uint64_t k = x->intro_first[c]; k < x->intro_first[c + 1]; k++)
			load[x->intro[k]]++;
		uint32_t v = 1 + brute(x, t + 1, load);
		for (uint64_t k = x->intro_first[c]; k < x->intro_first[c + 1]; k++)
			load[x->intro[k]]--;
		bestv = v > bestv ? v : bestv;
	}
	return bestv;
}

/* The plain greedy pass: each target in order its best candidate that fits. */
static uint32_t greedy(const inst *x)
{
	uint32_t load[64] = {0}, kept = 0;
	for (uint32_t t = 0; t < x->targets; t++)
		for (uint32_t c = x->cand_first[t]; c < x->cand_first[t + 1]; c++) {
			bool ok = true;
			for (uint64_t k = x->intro_first[c]; k < x->intro_first[c + 1]; k++)
				ok &= load[x->intro[k]] < x->b.max_asks;
			if (!ok)
				continue;
			for (uint64_t k = x->intro_first[c]; k < x->intro_first[c + 1]; k++)
				load[x->intro[k]]++;
			kept++;
			break;
		}
	return kept;
}

/* A random instance: up to max_t targets, 0..3 candidates each, each with 0..max_k distinct
 * introducers among `people`. */
static void random_inst(inst *x, uint32_t max_t, uint32_t people, uint32_t max_k, uint32_t cap)
{
	inst_begin(x, people, cap);
	uint32_t T = 1 + next_rand(max_t);
	for (uint32_t t = 0; t < T; t++) {
		inst_target(x);
		uint32_t nc = next_rand(4);
		for (uint32_t c = 0; c < nc; c++) {
			wp_vertex who[8];
			uint32_t k = next_rand(max_k + 1), got = 0;
			for (uint32_t i = 0; i < k; i++) {
				wp_vertex v = next_rand(people);
				bool dup = false;
				for (uint32_t j = 0; j < got; j++)
					dup |= who[j] == v;
				if (!dup)
					who[got++] = v;
			}
			inst_cand(x, got, who);
		}
	}
}

Test(intro_plan, a_second_target_moves_to_its_other_introducer)
{
	/* Both targets' best chain goes through person 0; target 1 also has one through 1. With
	 * cap 1, greedy gives target 0 its best and target 1 its second: both keep a chain. */
	inst x;
	wp_intro_plan p = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex a = 0, b = 1;
	inst_begin(&x, 2, 1);
	inst_target(&x);
	inst_cand(&x, 1, &a);
	inst_target(&x);
	inst_cand(&x, 1, &a);
	inst_cand(&x, 1, &b);
	cr_assert(eq(int, wp_intro_plan_make(inst_batch(&x), &p, err), WP_OK), "%s", err);
	cr_assert(eq(u32, check_plan(&x, &p), 2));
	cr_assert(eq(u32, p.choice[0], 0));
	cr_assert(eq(u32, p.choice[1], 1));
	cr_assert(eq(int, p.fate[1], WP_INTRO_DEMOTED));
	cr_assert(p.exact);
	wp_intro_plan_free(&p);
}

Test(intro_plan, an_augmenting_path_moves_an_earlier_target)
{
	/* Target 0 can go through 0 or 1 and greedily takes 0; target 1 can only go through 0.
	 * Cap 1: only moving target 0 to person 1 keeps both. */
	inst x;
	wp_intro_plan p = {0};
	wp_vertex a = 0, b = 1;
	inst_begin(&x, 2, 1);
	inst_target(&x);
	inst_cand(&x, 1, &a);
	inst_cand(&x, 1, &b);
	inst_target(&x);
	inst_cand(&x, 1, &a);
	cr_assert(eq(int, wp_intro_plan_make(inst_batch(&x), &p, NULL), WP_OK));
	cr_assert(eq(u32, check_plan(&x, &p), 2));
	cr_assert(eq(u32, p.choice[0], 1));
	cr_assert(eq(u32, p.choice[1], 0));
	cr_assert(eq(u32, p.kept_best, 1));
	cr_assert(eq(u32, p.demoted, 1));
	wp_intro_plan_free(&p);
}

Test(intro_plan, losers_are_reported_as_capped_or_without_chain)
{
	/* Three targets only through person 0, cap 2; a fourth with no candidate; a fifth with a
	 * direct tie (no introducer), which costs nobody anything. */
	inst x;
	wp_intro_plan p = {0};
	wp_vertex a = 0;
	inst_begin(&x, 1, 2);
	for (int i = 0; i < 3; i++) {
		inst_target(&x);
		inst_cand(&x, 1, &a);
	}
	inst_target(&x);
	inst_target(&x);
	inst_cand(&x, 0, NULL);
	cr_assert(eq(int, wp_intro_plan_make(inst_batch(&x), &p, NULL), WP_OK));
	cr_assert(eq(u32, check_plan(&x, &p), 3));
	cr_assert(eq(u32, p.capped, 1));
	cr_assert(eq(int, p.fate[2], WP_INTRO_CAPPED));
	cr_assert(eq(int, p.fate[3], WP_INTRO_NO_CHAIN));
	cr_assert(eq(int, p.fate[4], WP_INTRO_BEST));
	cr_assert(eq(u32, p.asks[0], 2));
	cr_assert(eq(str, (char *)wp_intro_fate_name(WP_INTRO_CAPPED), "capped"));
	wp_intro_plan_free(&p);
}

Test(intro_plan, repair_frees_a_full_introducer_of_a_long_chain)
{
	/* Target 0: chain through {0, 1} (best) or {2}. Target 1: only {0, 3}. Cap 1. Greedy gives
	 * target 0 {0, 1} and leaves target 1 out; repair moves target 0 to {2}. */
	inst x;
	wp_intro_plan p = {0};
	wp_vertex c01[] = {0, 1}, c2[] = {2}, c03[] = {0, 3};
	inst_begin(&x, 4, 1);
	inst_target(&x);
	inst_cand(&x, 2, c01);
	inst_cand(&x, 1, c2);
	inst_target(&x);
	inst_cand(&x, 2, c03);
	cr_assert(eq(int, wp_intro_plan_make(inst_batch(&x), &p, NULL), WP_OK));
	cr_assert(not(p.exact));
	cr_assert(eq(u32, check_plan(&x, &p), 2));
	cr_assert(eq(u32, p.choice[0], 1));
	wp_intro_plan_free(&p);
}

Test(intro_plan, no_cap_gives_everyone_their_best)
{
	inst x;
	wp_intro_plan p = {0};
	random_inst(&x, 16, 8, 3, 0);
	cr_assert(eq(int, wp_intro_plan_make(inst_batch(&x), &p, NULL), WP_OK));
	check_plan(&x, &p);
	cr_assert(eq(u32, p.demoted + p.capped, 0));
	wp_intro_plan_free(&p);
}

Test(intro_plan, single_introducer_plans_keep_as_many_as_brute_force)
{
	for (int trial = 0; trial < 3000; trial++) {
		inst x;
		wp_intro_plan p = {0};
		uint32_t load[64] = {0};
		random_inst(&x, 8, 1 + next_rand(4), 1, 1 + next_rand(2));
		cr_assert(eq(int, wp_intro_plan_make(inst_batch(&x), &p, NULL), WP_OK));
		cr_assert(p.exact);
		uint32_t kept = check_plan(&x, &p);
		cr_assert(eq(u32, kept, brute(&x, 0, load)), "trial %d", trial);
		wp_intro_plan_free(&p);
	}
}

Test(intro_plan, multi_introducer_plans_respect_the_cap_and_beat_greedy)
{
	uint32_t better = 0;
	for (int trial = 0; trial < 3000; trial++) {
		inst x;
		wp_intro_plan p = {0};
		uint32_t load[64] = {0};
		random_inst(&x, 8, 2 + next_rand(4), 3, 1 + next_rand(2));
		cr_assert(eq(int, wp_intro_plan_make(inst_batch(&x), &p, NULL), WP_OK));
		uint32_t kept = check_plan(&x, &p), g = greedy(&x);
		cr_assert(ge(u32, kept, g), "trial %d", trial);
		cr_assert(le(u32, kept, brute(&x, 0, load)), "trial %d", trial);
		better += kept > g;
		wp_intro_plan_free(&p);
	}
	cr_assert(lt(u32, 0, better), "repair never helped: it is not running");
}

Test(intro_plan, an_introducer_out_of_range_is_refused)
{
	inst x;
	wp_intro_plan p = {0};
	char err[WP_ERR_LEN] = "";
	wp_vertex a = 5;
	inst_begin(&x, 3, 1);
	inst_target(&x);
	inst_cand(&x, 1, &a);
	cr_assert(eq(int, wp_intro_plan_make(inst_batch(&x), &p, err), WP_EARG));
	cr_assert(eq(str, err, "intro plan: introducer 5 is not below 3"));
	cr_assert(eq(ptr, p.choice, NULL));
	wp_intro_plan_free(&p);
}

Test(intro_plan, an_empty_batch_is_an_empty_plan)
{
	inst x;
	wp_intro_plan p = {0};
	inst_begin(&x, 0, 1);
	cr_assert(eq(int, wp_intro_plan_make(inst_batch(&x), &p, NULL), WP_OK));
	cr_assert(eq(u32, p.targets, 0));
	wp_intro_plan_free(&p);
	wp_intro_plan_free(&p);
}
