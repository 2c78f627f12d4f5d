/* intro_plan.h - batch planning of introductions: who is asked for how many introductions.
 *
 * A batch of targets (prospects) each has a few candidate chains, best first. Asking for an
 * introduction is a favour: the people in the interior of a chain (its introducers) are each
 * asked once by that chain. The plan picks at most one candidate per target so that nobody is
 * asked more than max_asks times across the batch, and so that as many targets as possible keep
 * a chain; among plans that keep the same number, it prefers each target's better candidates.
 * Candidates without introducers (a direct tie from a member) cost nobody anything.
 *
 * Algorithm. Start greedily: each target, in order, takes its best candidate that still fits
 * under the cap. Then:
 *
 * - Exact, when every candidate has at most one introducer. The problem is then a bipartite
 *   b-matching (targets on one side, introducers of capacity max_asks on the other), i.e. a
 *   maximum flow source -> target (1) -> introducer (1 per candidate) -> sink (max_asks). Each
 *   target left without a chain searches for an augmenting path in the residual graph by
 *   breadth-first search: introducer p is full, so some target u assigned through p moves to
 *   another of its candidates, whose introducer may in turn be full, and so on until a
 *   candidate with room (or without introducer) is reached; the path is then flipped. By the
 *   augmenting-path theorem (Berge 1957; Ford and Fulkerson 1956 for flows) the assignment is
 *   maximum once no unassigned target has an augmenting path, and a target whose search fails
 *   never gains one later, so one search per target suffices; marks of failed searches are
 *   kept until the next success (nothing changed in between), so each success costs O(E) and
 *   failures share that bound: O(T x E) in the worst case, near O(E) in practice. Augmenting
 *   paths move other targets to a worse candidate only when that lets one more target keep a
 *   chain; targets that keep their greedy choice keep their best fitting candidate.
 * - Greedy with repair, when some candidate has two or more introducers (then the problem
 *   contains set packing and is NP-hard): after the greedy pass, each target without a chain
 *   tries each of its candidates in order; for each introducer of the candidate that is full,
 *   it looks for one target assigned through that introducer that can move to another of its
 *   own candidates fitting under the cap (with the candidate's other asks accounted for); if
 *   every full introducer of the candidate can be freed that way, the moves are made and the
 *   target takes the candidate. Every step keeps the cap, and no step removes a target's
 *   chain, so the result keeps at least as many targets as the greedy pass; it is not
 *   guaranteed maximum (plan->exact is false).
 *
 * Pure graph-level code: introducers are plain vertex ids, no workspace needed.
 */
#ifndef WP_INTRO_PLAN_H
#define WP_INTRO_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/graph.h"
#include "engine/status.h"

#define WP_INTRO_NONE UINT32_MAX

/* The candidates of a batch, in compressed rows. Target t's candidates are
 * cand_first[t] .. cand_first[t + 1] - 1 (global candidate ids), best first; candidate c's
 * introducers are introducers[intro_first[c] .. intro_first[c + 1]), each < people, without
 * duplicates within a candidate. */
typedef struct wp_intro_batch {
	uint32_t targets;
	const uint32_t *cand_first;  /* targets + 1 */
	const uint64_t *intro_first; /* candidates + 1 */
	const wp_vertex *introducers;
	uint32_t people;   /* introducer ids are < people */
	uint32_t max_asks; /* asks allowed per person; 0: no cap */
} wp_intro_batch;

/* What happened to a target. */
typedef enum wp_intro_fate {
	WP_INTRO_BEST = 0, /* keeps its best candidate */
	WP_INTRO_DEMOTED,  /* keeps a chain, but not its best: the cap took the best */
	WP_INTRO_CAPPED,   /* had candidates, but the cap left none */
	WP_INTRO_NO_CHAIN  /* had no candidate at all */
} wp_intro_fate;

typedef struct wp_intro_plan {
	uint32_t *choice;    /* targets: the rank of the chosen candidate among the target's
	                      * (0 = best), or WP_INTRO_NONE */
	wp_intro_fate *fate; /* targets */
	uint32_t *asks;      /* people: introductions each person is asked for */
	uint32_t targets, people;
	uint32_t kept_best, demoted, capped, no_chain; /* targets per fate */
	uint32_t max_load;                             /* the most asks of anyone */
	bool exact; /* every candidate had at most one introducer: the count kept is maximum */
} wp_intro_plan;

/* Plans batch b into plan (cleared on entry, written on success). Errors: WP_EARG for an
 * introducer >= people or a malformed row array, WP_ENOMEM; on error plan is zeroed. Time:
 * greedy O(total introducers); exact mode O(T x E) worst case (see above); repair mode
 * O(unassigned x candidates x introducers x assigned per introducer x candidates). Memory
 * O(people + targets + candidates). Serial. */
wp_status wp_intro_plan_make(const wp_intro_batch *b, wp_intro_plan *plan, char *err);

/* Releases plan and zeroes it; accepts a zeroed or already freed plan. */
void wp_intro_plan_free(wp_intro_plan *plan);

/* "best", "demoted", "capped", "no chain". */
const char *wp_intro_fate_name(wp_intro_fate f);

#endif
