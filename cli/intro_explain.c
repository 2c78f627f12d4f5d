/* intro_explain.c - `warmpath intro`: each chain explained hop by hop from the evidence.
 *
 * For every tie of a chain the workspace gives the combined evidence of all members' exports
 * (wp_workspace_tie_evidence, oriented along the chain). It is put in words a fundraiser can
 * act on: how long the two have been connected, how much and how recently they wrote to each
 * other, whether they worked together (and where, how long), recommendations, endorsements,
 * and a strength set by hand, which overrides the rest. E-mail addresses and profile URLs are
 * never printed: the names are enough to act on, and the user's tool of choice has the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/intro_internal.h"
#include "cli/session.h"
#include "engine/parallel.h"

const char *intro_name(const intro_run *r, wp_vertex v)
{
	return wp_labels_name(&r->g->labels, v);
}

const char *intro_company(const intro_run *r, wp_vertex v)
{
	const char *s = r->company_col >= 0 ? wp_attrs_get(&r->g->attrs, r->company_col, v) : NULL;
	return s ? s : "";
}

bool intro_is_member(const intro_run *r, wp_vertex v)
{
	const char *s = r->member_col >= 0 ? wp_attrs_get(&r->g->attrs, r->member_col, v) : NULL;
	return s != NULL && strcmp(s, "1") == 0;
}

uint32_t intro_weakest(const intro_run *r, const intro_target *t, uint32_t i)
{
	uint32_t best = 0;
	if (t->tie_ix == NULL || t->tie_ix[i] == NULL)
		return 0;
	for (uint32_t k = 1; k < t->res.chains[i].hops; k++)
		if (intro_tie_at(r, t, i, k)->info.warmth <
		    intro_tie_at(r, t, i, best)->info.warmth)
			best = k;
	return best;
}

static int u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

/* Explains pairs [lo, hi) of r->pairs into r->ties with handle ws. */
static wp_status explain_range(intro_run *r, wp_workspace *ws, size_t lo, size_t hi, char *err)
{
	wp_status st = WP_OK;
	size_t n = hi - lo;
	int64_t *a = malloc((n + 1) * sizeof(*a)), *b = malloc((n + 1) * sizeof(*b));
	wp_tie_info *info = calloc(n + 1, sizeof(*info));
	bool *found = calloc(n + 1, sizeof(*found));
	if (a == NULL || b == NULL || info == NULL || found == NULL)
		WP_FAIL(WP_ENOMEM, "out of memory for the chains' evidence");
	for (size_t i = 0; i < n; i++) {
		a[i] = wp_workspace_vertex_person(r->g, (wp_vertex)(r->pairs[lo + i] >> 32));
		b[i] = wp_workspace_vertex_person(r->g,
		                                  (wp_vertex)(r->pairs[lo + i] & 0xffffffffu));
	}
	WP_TRY(wp_workspace_tie_evidence_many(ws, a, b, n, info, found, err));
	for (size_t i = 0; i < n; i++) {
		intro_tie *x = &r->ties[lo + i];
		x->info = info[i];
		x->found = found[i];
		if (!found[i]) {
			/* The cached graph is older than the workspace: its warmth is all we have.
			 */
			wp_vertex u = (wp_vertex)(r->pairs[lo + i] >> 32);
			wp_vertex v = (wp_vertex)(r->pairs[lo + i] & 0xffffffffu);
			uint64_t arc = wp_graph_find_arc(r->g, u, v);
			x->info.warmth =
			        arc != UINT64_MAX && r->g->weights ? r->g->weights[arc] : 0.0;
			x->info.bucket = wp_warmth_bucket(x->info.warmth);
		}
	}
fail:
	free(a);
	free(b);
	free(info);
	free(found);
	return st;
}

wp_status intro_explain(intro_run *r, char *err)
{
	wp_status st = WP_OK;
	size_t total = 0, n = 0;
	for (size_t i = 0; i < r->count; i++)
		for (uint32_t c = 0; c < r->targets[i].res.count; c++)
			total += r->targets[i].res.chains[c].hops;
	r->pairs = malloc((total + 1) * sizeof(*r->pairs));
	if (r->pairs == NULL)
		WP_FAIL(WP_ENOMEM, "out of memory for the chains' evidence");
	for (size_t i = 0; i < r->count; i++) {
		const intro_target *t = &r->targets[i];
		for (uint32_t c = 0; c < t->res.count; c++) {
			const wp_vertex *v = intro_chain(t, c);
			for (uint32_t h = 0; h < t->res.chains[c].hops; h++)
				r->pairs[n++] = (uint64_t)v[h] << 32 | v[h + 1];
		}
	}
	qsort(r->pairs, n, sizeof(*r->pairs), u64_cmp);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || r->pairs[i] != r->pairs[u - 1])
			r->pairs[u++] = r->pairs[i];
	r->npairs = u;
	r->ties = calloc(u + 1, sizeof(*r->ties));
	if (r->ties == NULL)
		WP_FAIL(WP_ENOMEM, "out of memory for the chains' evidence");

	/* Each thread explains a contiguous share with its own handle; thread 0 uses r->ws. */
	int nt = r->threads > 0 ? r->threads : wp_max_threads();
	if ((size_t)nt > u / 256 + 1)
		nt = (int)(u / 256 + 1);
	wp_status tst[64] = {WP_OK};
	char terr[64][WP_ERR_LEN];
	if (nt > 64)
		nt = 64;

#pragma omp parallel num_threads(nt)
	{
		int id = wp_thread_id(), k = wp_num_threads();
		size_t lo = u * (size_t)id / (size_t)k, hi = u * (size_t)(id + 1) / (size_t)k;
		wp_workspace *ws = r->ws;
		terr[id][0] = '\0';
		if (id > 0) {
			tst[id] = wp_workspace_open(&ws, r->ws_path, false, terr[id]);
			if (tst[id] == WP_OK)
				wp_workspace_set_clock(ws, wp_workspace_now(r->ws));
		}
		if (tst[id] == WP_OK && lo < hi)
			tst[id] = explain_range(r, ws, lo, hi, terr[id]);
		if (id > 0)
			wp_workspace_close(ws);
	}
	for (int i = 0; i < nt; i++)
		if (tst[i] != WP_OK)
			WP_FAIL(tst[i], "%s", terr[i]);

	/* Each hop of each chain points at its pair's explanation. */
	for (size_t i = 0; i < r->count; i++) {
		intro_target *t = &r->targets[i];
		if (t->res.count == 0)
			continue;
		t->tie_ix = calloc(t->res.count, sizeof(*t->tie_ix));
		if (t->tie_ix == NULL)
			WP_FAIL(WP_ENOMEM, "out of memory for the chains' evidence");
		for (uint32_t c = 0; c < t->res.count; c++) {
			const wp_vertex *v = intro_chain(t, c);
			uint32_t hops = t->res.chains[c].hops;
			t->tie_ix[c] = malloc((hops + 1) * sizeof(uint32_t));
			if (t->tie_ix[c] == NULL)
				WP_FAIL(WP_ENOMEM, "out of memory for the chains' evidence");
			for (uint32_t h = 0; h < hops; h++) {
				uint64_t key = (uint64_t)v[h] << 32 | v[h + 1];
				const uint64_t *at =
				        bsearch(&key, r->pairs, u, sizeof(key), u64_cmp);
				t->tie_ix[c][h] = (uint32_t)(at - r->pairs);
			}
		}
	}
	return WP_OK;
fail:
	return st;
}

#define PART(...)                                                                     \
	do {                                                                          \
		if (n < cap)                                                          \
			n += (size_t)snprintf(buf + n, cap - n, "%s", n ? "; " : ""); \
		if (n < cap)                                                          \
			n += (size_t)snprintf(buf + n, cap - n, __VA_ARGS__);         \
	} while (0)

void intro_evidence_text(const intro_tie *x, char *buf, size_t cap)
{
	const wp_tie_evidence *e = &x->info.ev;
	const char *shared = x->info.shared_company && x->info.shared_company[0]
	                             ? x->info.shared_company
	                             : "the same employer";
	char d1[16], d2[16];
	size_t n = 0;
	buf[0] = '\0';
	if (!x->found) {
		PART("no evidence on record (the graph cache is older than the workspace)");
		return;
	}
	if (e->manual > 0)
		PART("strength set by hand: %.2f", e->manual);
	if (e->connections > 0) {
		if (e->connected_on)
			PART("connected since %s", cli_date(e->connected_on, d1));
		else
			PART("connected on LinkedIn");
	}
	if (e->msg_sent + e->msg_received > 0)
		PART("%u message%s (%u sent, %u received), last %s", e->msg_sent + e->msg_received,
		     e->msg_sent + e->msg_received == 1 ? "" : "s", e->msg_sent, e->msg_received,
		     e->msg_last ? cli_date(e->msg_last, d1) : "undated");
	if (e->threads > 0)
		PART("%u group conversation%s together, last %s", e->threads,
		     e->threads == 1 ? "" : "s",
		     e->thread_last ? cli_date(e->thread_last, d2) : "undated");
	if (e->shared_employer) {
		if (e->shared_months > 0)
			PART("both worked at %s (%u months together)", shared, e->shared_months);
		else
			PART("both at %s", shared);
	}
	if (e->rec_given > 0 && e->rec_received > 0)
		PART("recommended each other");
	else if (e->rec_given > 0)
		PART("wrote a recommendation for them");
	else if (e->rec_received > 0)
		PART("recommended by them");
	if (e->end_given + e->end_received > 0)
		PART("endorsements: %u given, %u received", e->end_given, e->end_received);
	if (e->inv_sent + e->inv_received > 0)
		PART("%s the LinkedIn invitation", e->inv_sent ? "sent" : "received");
	if (e->notes > 0)
		PART("%u note%s kept", e->notes, e->notes == 1 ? "" : "s");
	if (e->book_a + e->book_b > 0)
		PART("in an address book");
	if (e->related > 0)
		PART("related (address book)");
	if (n == 0)
		PART("mentioned in an export, nothing more");
}

void intro_action_text(const intro_run *r, const intro_target *t, uint32_t i, char *buf, size_t cap)
{
	const wp_vertex *c = intro_chain(t, i);
	uint32_t h = t->res.chains[i].hops;
	size_t n = 0;
	buf[0] = '\0';
#define ADD(...)                                                              \
	do {                                                                  \
		if (n < cap)                                                  \
			n += (size_t)snprintf(buf + n, cap - n, __VA_ARGS__); \
	} while (0)
	if (h == 0) {
		ADD("%s is one of your members.", intro_name(r, c[0]));
	} else if (h == 1) {
		ADD("%s knows %s directly and can reach out.", intro_name(r, c[0]),
		    intro_name(r, c[1]));
	} else {
		ADD("%s asks %s ", intro_name(r, c[0]), intro_name(r, c[1]));
		if (h == 2) {
			ADD("to introduce them to %s.", intro_name(r, c[2]));
		} else {
			ADD("to pass the request on to %s", intro_name(r, c[2]));
			for (uint32_t k = 3; k < h; k++)
				ADD(", then to %s", intro_name(r, c[k]));
			ADD(", who introduces %s to %s.", intro_name(r, c[0]), intro_name(r, c[h]));
		}
	}
#undef ADD
}

static json_t *date_json(int64_t t)
{
	char d[16];
	return t ? json_string(cli_date(t, d)) : json_null();
}

json_t *intro_tie_json(const intro_run *r, const intro_tie *x, bool weakest)
{
	(void)r;
	const wp_tie_info *t = &x->info;
	const wp_tie_evidence *e = &t->ev;
	char text[1024];
	intro_evidence_text(x, text, sizeof(text));
	json_t *by = json_array();
	for (uint32_t k = 0; by != NULL && k < t->sources_count; k++)
		json_array_append_new(by, json_string(t->sources[k].member));
	return json_pack(
	        "{s:s, s:s, s:f, s:s, s:b, s:s, s:o, s:i, s:i, s:o, s:i, s:s, s:i, s:i, s:i, s:i, "
	        "s:i, s:f, s:o}",
	        "from", t->a_name ? t->a_name : "", "to", t->b_name ? t->b_name : "", "warmth",
	        t->warmth, "bucket", wp_bucket_name(t->bucket), "weakest", weakest, "evidence",
	        text, "connected_on", date_json(e->connected_on), "messages_sent", (int)e->msg_sent,
	        "messages_received", (int)e->msg_received, "messages_last", date_json(e->msg_last),
	        "group_threads", (int)e->threads, "shared_company",
	        t->shared_company ? t->shared_company : "", "shared_months", (int)e->shared_months,
	        "recommendations_given", (int)e->rec_given, "recommendations_received",
	        (int)e->rec_received, "endorsements_given", (int)e->end_given,
	        "endorsements_received", (int)e->end_received, "manual", e->manual, "reported_by",
	        by ? by : json_array());
}
