/* intro_plan.c - batch planning of introductions under a cap on asks per person.
 *
 * See intro_plan.h for the problem, the two algorithms and their guarantees. Data layout: the
 * candidates of the batch in compressed rows (given), plus an inverse index built here: for each
 * person, the candidates that ask them (uses_first/uses), so "the targets assigned through p"
 * is a scan of p's candidates checking which one is its target's current choice.
 */
#include "queries/intro_plan.h"

#include <stdlib.h>
#include <string.h>

typedef struct planner {
	const wp_intro_batch *b;
	uint32_t cands;       /* candidates in all */
	uint32_t cap;         /* asks allowed per person (UINT32_MAX: none) */
	uint32_t *owner;      /* candidates: its target */
	uint32_t *chosen;     /* targets: global candidate id, or WP_INTRO_NONE */
	uint32_t *load;       /* people: asks */
	uint64_t *uses_first; /* people + 1 */
	uint32_t *uses;       /* candidates using each person */
	/* exact mode: search marks, kept across failed searches */
	uint32_t stamp;
	uint32_t *seen_t, *seen_p; /* stamps */
	uint32_t *via_p;           /* targets: the full person through which it was reached */
	uint32_t *via_c;           /* people: the candidate that asked for them in the search */
	uint32_t *queue;
	/* repair mode: undo log of tentative moves (target, previous choice) */
	uint32_t *undo;
	size_t undo_len;
} planner;

static inline uint32_t intro_count(const planner *pl, uint32_t c)
{
	return (uint32_t)(pl->b->intro_first[c + 1] - pl->b->intro_first[c]);
}

static inline const wp_vertex *intro_of(const planner *pl, uint32_t c)
{
	return pl->b->introducers + pl->b->intro_first[c];
}

/* Whether candidate c fits under the cap as things stand. */
static bool fits(const planner *pl, uint32_t c)
{
	const wp_vertex *in = intro_of(pl, c);
	for (uint32_t k = 0, n = intro_count(pl, c); k < n; k++)
		if (pl->load[in[k]] >= pl->cap)
			return false;
	return true;
}

static void assign(planner *pl, uint32_t t, uint32_t c)
{
	uint32_t old = pl->chosen[t];
	if (old != WP_INTRO_NONE) {
		const wp_vertex *in = intro_of(pl, old);
		for (uint32_t k = 0, n = intro_count(pl, old); k < n; k++)
			pl->load[in[k]]--;
	}
	if (c != WP_INTRO_NONE) {
		const wp_vertex *in = intro_of(pl, c);
		for (uint32_t k = 0, n = intro_count(pl, c); k < n; k++)
			pl->load[in[k]]++;
	}
	pl->chosen[t] = c;
}

/* Exact mode: one augmenting-path search from unassigned target t0 (all candidates have at most
 * one introducer). Returns whether t0 got a chain. */
static bool augment(planner *pl, uint32_t t0)
{
	const wp_intro_batch *b = pl->b;
	size_t head = 0, tail = 0;
	if (pl->seen_t[t0] == pl->stamp)
		return false; /* reached by a failed search since the last success: hopeless */
	pl->seen_t[t0] = pl->stamp;
	pl->via_p[t0] = WP_INTRO_NONE;
	pl->queue[tail++] = t0;
	while (head < tail) {
		uint32_t u = pl->queue[head++];
		uint32_t cur = pl->chosen[u];
		wp_vertex curp = cur != WP_INTRO_NONE && intro_count(pl, cur) ? intro_of(pl, cur)[0]
		                                                              : WP_INTRO_NONE;
		for (uint32_t c = b->cand_first[u]; c < b->cand_first[u + 1]; c++) {
			if (c == cur)
				continue;
			wp_vertex p = intro_count(pl, c) ? intro_of(pl, c)[0] : WP_INTRO_NONE;
			if (p == curp && p != WP_INTRO_NONE)
				continue; /* moving within one introducer frees nothing */
			if (p == WP_INTRO_NONE || pl->load[p] < pl->cap) {
				/* Flip the path: u takes c, the target before it takes the
				 * candidate that asked for u's freed person, and so on back to t0.
				 */
				uint32_t w = u, take = c;
				for (;;) {
					uint32_t freed = pl->via_p[w];
					assign(pl, w, take);
					if (freed == WP_INTRO_NONE)
						break;
					take = pl->via_c[freed];
					w = pl->owner[take];
				}
				pl->stamp++;
				return true;
			}
			if (pl->seen_p[p] == pl->stamp)
				continue;
			pl->seen_p[p] = pl->stamp;
			pl->via_c[p] = c;
			for (uint64_t k = pl->uses_first[p]; k < pl->uses_first[p + 1]; k++) {
				uint32_t d = pl->uses[k], w = pl->owner[d];
				if (pl->chosen[w] != d || pl->seen_t[w] == pl->stamp)
					continue;
				pl->seen_t[w] = pl->stamp;
				pl->via_p[w] = p;
				pl->queue[tail++] = w;
			}
		}
	}
	return false;
}

static void undo_push(planner *pl, uint32_t t)
{
	pl->undo[pl->undo_len++] = t;
	pl->undo[pl->undo_len++] = pl->chosen[t];
}

static void undo_all(planner *pl, size_t to)
{
	while (pl->undo_len > to) {
		pl->undo_len -= 2;
		assign(pl, pl->undo[pl->undo_len], pl->undo[pl->undo_len + 1]);
	}
}

/* Repair mode: frees one ask of full person p by moving one target assigned through p (not t)
 * to another of its candidates that fits and does not ask p. Tentative: logged for undo. */
static bool free_one(planner *pl, uint32_t t, wp_vertex p)
{
	const wp_intro_batch *b = pl->b;
	for (uint64_t k = pl->uses_first[p]; k < pl->uses_first[p + 1]; k++) {
		uint32_t d = pl->uses[k], w = pl->owner[d];
		if (w == t || pl->chosen[w] != d)
			continue;
		for (uint32_t e = b->cand_first[w]; e < b->cand_first[w + 1]; e++) {
			if (e == d)
				continue;
			bool asks_p = false;
			for (uint32_t j = 0; j < intro_count(pl, e); j++)
				asks_p |= intro_of(pl, e)[j] == p;
			if (asks_p)
				continue;
			/* Fits once w's current asks are released. */
			undo_push(pl, w);
			assign(pl, w, WP_INTRO_NONE);
			if (fits(pl, e)) {
				assign(pl, w, e);
				return true;
			}
			assign(pl, w, d);
			pl->undo_len -= 2;
		}
	}
	return false;
}

static bool repair(planner *pl, uint32_t t)
{
	const wp_intro_batch *b = pl->b;
	for (uint32_t c = b->cand_first[t]; c < b->cand_first[t + 1]; c++) {
		size_t mark = pl->undo_len;
		bool ok = true;
		const wp_vertex *in = intro_of(pl, c);
		for (uint32_t k = 0, n = intro_count(pl, c); ok && k < n; k++)
			if (pl->load[in[k]] >= pl->cap)
				ok = free_one(pl, t, in[k]);
		if (ok && fits(pl, c)) {
			assign(pl, t, c);
			pl->undo_len = mark;
			return true;
		}
		undo_all(pl, mark);
	}
	return false;
}

wp_status wp_intro_plan_make(const wp_intro_batch *b, wp_intro_plan *plan, char *err)
{
	wp_status st = WP_OK;
	planner pl = {0};
	bool single = true;
	uint32_t maxk = 0;
	memset(plan, 0, sizeof(*plan));
	if (b == NULL || b->cand_first == NULL || b->intro_first == NULL || b->cand_first[0] != 0 ||
	    b->targets == UINT32_MAX)
		WP_FAIL(WP_EARG, "intro plan: malformed candidate rows");
	pl.b = b;
	pl.cands = b->cand_first[b->targets];
	pl.cap = b->max_asks ? b->max_asks : UINT32_MAX;
	for (uint32_t t = 0; t < b->targets; t++)
		if (b->cand_first[t + 1] < b->cand_first[t])
			WP_FAIL(WP_EARG, "intro plan: malformed candidate rows");
	for (uint32_t c = 0; c < pl.cands; c++) {
		if (b->intro_first[c + 1] < b->intro_first[c])
			WP_FAIL(WP_EARG, "intro plan: malformed introducer rows");
		single &= b->intro_first[c + 1] - b->intro_first[c] <= 1;
		if (b->intro_first[c + 1] - b->intro_first[c] > maxk)
			maxk = (uint32_t)(b->intro_first[c + 1] - b->intro_first[c]);
	}
	uint64_t total = b->intro_first[pl.cands] - b->intro_first[0];
	for (uint64_t k = b->intro_first[0]; k < b->intro_first[pl.cands]; k++)
		if (b->introducers[k] >= b->people)
			WP_FAIL(WP_EARG, "intro plan: introducer %u is not below %u",
			        b->introducers[k], b->people);

	size_t T = b->targets, P = b->people, C = pl.cands;
	pl.owner = malloc((C + 1) * sizeof(*pl.owner));
	pl.chosen = malloc((T + 1) * sizeof(*pl.chosen));
	pl.load = calloc(P + 1, sizeof(*pl.load));
	pl.uses_first = calloc(P + 2, sizeof(*pl.uses_first));
	pl.uses = malloc((total + 1) * sizeof(*pl.uses));
	pl.seen_t = calloc(T + 1, sizeof(*pl.seen_t));
	pl.seen_p = calloc(P + 1, sizeof(*pl.seen_p));
	pl.via_p = malloc((T + 1) * sizeof(*pl.via_p));
	pl.via_c = malloc((P + 1) * sizeof(*pl.via_c));
	pl.queue = malloc((T + 1) * sizeof(*pl.queue));
	/* One repair attempt moves at most one target per introducer of the candidate. */
	pl.undo = malloc((2 * (size_t)maxk + 2) * sizeof(*pl.undo));
	plan->choice = malloc((T + 1) * sizeof(*plan->choice));
	plan->fate = malloc((T + 1) * sizeof(*plan->fate));
	if (!pl.owner || !pl.chosen || !pl.load || !pl.uses_first || !pl.uses || !pl.seen_t ||
	    !pl.seen_p || !pl.via_p || !pl.via_c || !pl.queue || !pl.undo || !plan->choice ||
	    !plan->fate)
		WP_FAIL(WP_ENOMEM, "intro plan: out of memory for %zu targets", T);

	/* The inverse index: counting sort of (person, candidate). */
	for (uint32_t t = 0; t < T; t++)
		for (uint32_t c = b->cand_first[t]; c < b->cand_first[t + 1]; c++)
			pl.owner[c] = t;
	for (uint64_t k = b->intro_first[0]; k < b->intro_first[C]; k++)
		pl.uses_first[b->introducers[k] + 1]++;
	for (size_t p = 0; p < P; p++)
		pl.uses_first[p + 1] += pl.uses_first[p];
	for (uint32_t c = 0; c < C; c++)
		for (uint64_t k = b->intro_first[c]; k < b->intro_first[c + 1]; k++)
			pl.uses[pl.uses_first[b->introducers[k]]++] = c;
	for (size_t p = P; p > 0; p--)
		pl.uses_first[p] = pl.uses_first[p - 1];
	pl.uses_first[0] = 0;

	/* Greedy: each target its best candidate that fits. */
	for (uint32_t t = 0; t < T; t++) {
		pl.chosen[t] = WP_INTRO_NONE;
		for (uint32_t c = b->cand_first[t]; c < b->cand_first[t + 1]; c++)
			if (fits(&pl, c)) {
				assign(&pl, t, c);
				break;
			}
	}
	pl.stamp = 1;
	for (uint32_t t = 0; t < T; t++) {
		if (pl.chosen[t] != WP_INTRO_NONE || b->cand_first[t] == b->cand_first[t + 1])
			continue;
		if (single)
			augment(&pl, t);
		else
			repair(&pl, t);
	}

	plan->targets = (uint32_t)T;
	plan->people = (uint32_t)P;
	plan->exact = single;
	for (uint32_t t = 0; t < T; t++) {
		uint32_t c = pl.chosen[t];
		if (b->cand_first[t] == b->cand_first[t + 1]) {
			plan->choice[t] = WP_INTRO_NONE;
			plan->fate[t] = WP_INTRO_NO_CHAIN;
			plan->no_chain++;
		} else if (c == WP_INTRO_NONE) {
			plan->choice[t] = WP_INTRO_NONE;
			plan->fate[t] = WP_INTRO_CAPPED;
			plan->capped++;
		} else {
			plan->choice[t] = c - b->cand_first[t];
			plan->fate[t] = c == b->cand_first[t] ? WP_INTRO_BEST : WP_INTRO_DEMOTED;
			if (c == b->cand_first[t])
				plan->kept_best++;
			else
				plan->demoted++;
		}
	}
	for (size_t p = 0; p < P; p++)
		if (pl.load[p] > plan->max_load)
			plan->max_load = pl.load[p];
	plan->asks = pl.load;
	pl.load = NULL;
	goto done;
fail:
	wp_intro_plan_free(plan);
done:
	free(pl.owner);
	free(pl.chosen);
	free(pl.load);
	free(pl.uses_first);
	free(pl.uses);
	free(pl.seen_t);
	free(pl.seen_p);
	free(pl.via_p);
	free(pl.via_c);
	free(pl.queue);
	free(pl.undo);
	return st;
}

void wp_intro_plan_free(wp_intro_plan *plan)
{
	if (plan == NULL)
		return;
	free(plan->choice);
	free(plan->fate);
	free(plan->asks);
	memset(plan, 0, sizeof(*plan));
}

const char *wp_intro_fate_name(wp_intro_fate f)
{
	switch (f) {
	case WP_INTRO_BEST:
		return "best";
	case WP_INTRO_DEMOTED:
		return "demoted";
	case WP_INTRO_CAPPED:
		return "capped";
	case WP_INTRO_NO_CHAIN:
		return "no chain";
	}
	return "?";
}
