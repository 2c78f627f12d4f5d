/* intro_internal.h - what the files of `warmpath intro` share (cli/cmd_intro.c: options,
 * targets, searches and the plan; cli/intro_explain.c: evidence in words and JSON;
 * cli/intro_targets.c: resolving targets; cli/intro_output.c: table, CSV, JSON, and the
 * Graphviz drawing).
 */
#ifndef WP_CLI_INTRO_INTERNAL_H
#define WP_CLI_INTRO_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"
#include "engine/workspace.h"
#include "queries/intro_plan.h"
#include "queries/paths.h"

/* One explained tie of a chain, oriented along the chain (a asks b, or a introduces to b). */
typedef struct intro_tie {
	wp_tie_info info; /* from wp_workspace_tie_evidence; info.ev is oriented a -> b */
	bool found;       /* false if the workspace had no record (should not happen) */
} intro_tie;

/* One target of the run: a person (--to, a CSV row) or everyone at a company. */
typedef struct intro_target {
	char *query;    /* what the user gave: the reference or the company */
	char *where;    /* "file:line" of its CSV row, or NULL */
	int64_t person; /* the person's id, or 0 for a company */
	char *company;  /* the company of --to-company (or a CSV row with only a company) */
	wp_vertex *to;  /* target vertices */
	uint32_t to_count;
	wp_path_result res; /* the chains found, best first */
	uint32_t **tie_ix;  /* res.count arrays of hops indices into intro_run.ties */
	uint32_t chosen;    /* index of the chain the plan assigns, or WP_INTRO_NONE */
	wp_intro_fate fate;
	wp_status st; /* the search's status */
	char err[WP_ERR_LEN];
} intro_target;

/* The whole run, handed to the output writers. */
typedef struct intro_run {
	wp_workspace *ws;
	const wp_graph *g;
	wp_path_rank rank;
	uint32_t max_hops, alternatives, max_asks;
	bool batch;   /* --targets: a "plan" summary follows the targets */
	bool planned; /* a plan was made (batch mode) */
	intro_target *targets;
	size_t count;
	wp_intro_plan plan;
	uint32_t skipped;                        /* bad CSV rows */
	int person_col, company_col, member_col; /* graph attribute columns */
	const char *ws_path;                     /* for the explaining threads' own handles */
	int threads;
	intro_tie *ties; /* the distinct ties of all chains, explained once each */
	uint64_t *pairs; /* their (from << 32 | to) vertex pairs, sorted */
	size_t npairs;
} intro_run;

/* Tie h of chain c of target t. */
static inline const intro_tie *intro_tie_at(const intro_run *r, const intro_target *t, uint32_t c,
                                            uint32_t h)
{
	return &r->ties[t->tie_ix[c][h]];
}

/* Company keys of every vertex, sorted, for --to-company and CSV rows naming only a company. */
typedef struct company_index {
	char **keys;    /* n keys (strdup'd), parallel to order */
	wp_vertex *ids; /* vertices sorted by key */
	uint32_t n;
} company_index;

wp_status intro_company_index_build(const intro_run *r, company_index *ci, char *err);
void intro_company_index_free(company_index *ci);

/* Everyone whose company key equals ORG's, or failing that starts with it followed by a word,
 * into t->to (empty when nobody matches). */
wp_status intro_company_targets(const company_index *ci, const char *org, intro_target *t,
                                char *err);

/* Sets t's target to person id (WP_EINPUT if the graph lacks them). */
wp_status intro_person_target(const intro_run *r, int64_t id, intro_target *t, char *err);

/* Makes room for one more target in r->targets (capacity *cap); false when out of memory. */
bool intro_grow_targets(intro_run *r, size_t *cap);

/* Reads the prospects of the CSV at path into r->targets (skipping bad rows with a
 * "path:line: reason" line on stderr, counted in r->skipped); ci is built on first need.
 * WP_EINPUT if no row is usable. */
wp_status intro_read_targets(intro_run *r, const char *path, company_index *ci, char *err);

/* The display label of vertex v (unique in the graph). */
const char *intro_name(const intro_run *r, wp_vertex v);

/* The company attribute of vertex v, or "". */
const char *intro_company(const intro_run *r, wp_vertex v);

/* Whether vertex v is a member. */
bool intro_is_member(const intro_run *r, wp_vertex v);

/* Chain i of target t: its vertices (hops + 1). */
static inline const wp_vertex *intro_chain(const intro_target *t, uint32_t i)
{
	return t->res.vertices + t->res.chains[i].first;
}

/* Index of the weakest tie of chain i (the first among equals). */
uint32_t intro_weakest(const intro_run *r, const intro_target *t, uint32_t i);

/* Reads the evidence of every distinct tie of every chain (r->ties) and points each chain's
 * hops at them (tie_ix): the distinct pairs are split among r->threads threads, each with its
 * own read-only workspace handle (a handle is not thread-safe; readers never block). */
wp_status intro_explain(intro_run *r, char *err);

/* One line of evidence of tie x in words: "connected since 2021-03-02; 12 messages (5 sent,
 * 7 received), last 2026-10-01; both at Acme for 26 months". */
void intro_evidence_text(const intro_tie *x, char *buf, size_t cap);

/* The action a chain asks for, in words: "Zoë Brandt asks Élodie Marchand to introduce her to
 * Aaron Romero." */
void intro_action_text(const intro_run *r, const intro_target *t, uint32_t i, char *buf,
                       size_t cap);

/* The JSON object of tie x: from, to, warmth, bucket, evidence fields, reported_by. */
json_t *intro_tie_json(const intro_run *r, const intro_tie *x, bool weakest);

/* The writers (cli_writer signature: ctx is the intro_run). */
wp_status intro_write_table(FILE *f, const char *path, void *ctx, char *err);
wp_status intro_write_csv(FILE *f, const char *path, void *ctx, char *err);
wp_status intro_write_json(FILE *f, const char *path, void *ctx, char *err);
wp_status intro_write_svg(FILE *f, const char *path, void *ctx, char *err);
wp_status intro_write_dot(FILE *f, const char *path, void *ctx, char *err);

#endif
