/* intro_output.c - `warmpath intro`'s output: table, CSV, JSON, and the chains drawn by
 * Graphviz (SVG, or DOT written by Graphviz's cgraph).
 *
 * Every writer has the cli_writer signature so that --out goes through cli_write_atomic. The
 * table is for people: per target a block with each chain, the action it asks for, and each tie
 * with its warmth and evidence, the weakest marked; with --targets a plan summary follows. JSON
 * has one object per target ({"target", "fate", "assigned", "chains"}), and with --targets
 * {"results": [...], "plan": {...}}. The drawing has one node per person (members as boxes,
 * targets filled), one edge per tie labelled with its warmth, the weakest tie of each chain red.
 */
#include <gvc.h>
#include <stdlib.h>
#include <string.h>

#include "cli/intro_internal.h"

#define DRAW_MAX_TARGETS 200 /* dot's layout is superlinear: a picture of more is unreadable */

/* The target's display: a person's label, or "anyone at ORG (N people)". */
static void target_text(const intro_run *r, const intro_target *t, char *buf, size_t cap)
{
	if (t->person != 0 && t->to_count == 1) {
		const char *co = intro_company(r, t->to[0]);
		if (*co && strstr(intro_name(r, t->to[0]), co) == NULL)
			snprintf(buf, cap, "%s (%s)", intro_name(r, t->to[0]), co);
		else
			snprintf(buf, cap, "%s", intro_name(r, t->to[0]));
	} else {
		snprintf(buf, cap, "anyone at %s (%u %s)", t->company ? t->company : t->query,
		         t->to_count, t->to_count == 1 ? "person" : "people");
	}
}

static wp_status io_error(FILE *f, const char *fname, char *err)
{
	if (ferror(f))
		return wp_error(err, WP_EIO, "%s: cannot write", fname);
	return WP_OK;
}

/* The targets whose fate is f, as "name (file:line)", comma-separated, at most 20. */
static void list_fate(FILE *f, const intro_run *r, wp_intro_fate fate, const char *title)
{
	uint32_t shown = 0, total = 0;
	char who[1024];
	for (size_t i = 0; i < r->count; i++)
		total += r->targets[i].fate == fate;
	if (total == 0)
		return;
	fprintf(f, "  %s (%u):", title, total);
	for (size_t i = 0; i < r->count && shown < 20; i++) {
		const intro_target *t = &r->targets[i];
		if (t->fate != fate)
			continue;
		target_text(r, t, who, sizeof(who));
		fprintf(f, "%s %s%s%s%s", shown ? "," : "", who, t->where ? " [" : "",
		        t->where ? t->where : "", t->where ? "]" : "");
		shown++;
	}
	fprintf(f, "%s\n", total > shown ? ", ..." : "");
}

/* Indices of the busiest introducers, most asks first (ties by vertex), at most k. */
static uint32_t busiest(const intro_run *r, wp_vertex *top, uint32_t k)
{
	uint32_t got = 0;
	for (wp_vertex v = 0; v < r->plan.people; v++) {
		if (r->plan.asks[v] == 0)
			continue;
		uint32_t pos = got < k ? got++ : k;
		if (pos == k && r->plan.asks[top[k - 1]] >= r->plan.asks[v])
			continue;
		if (pos == k)
			pos = k - 1;
		while (pos > 0 && r->plan.asks[top[pos - 1]] < r->plan.asks[v]) {
			top[pos] = top[pos - 1];
			pos--;
		}
		top[pos] = v;
	}
	return got;
}

wp_status intro_write_table(FILE *f, const char *fname, void *ctx, char *err)
{
	const intro_run *r = ctx;
	char who[1024], text[2048];
	for (size_t i = 0; i < r->count; i++) {
		const intro_target *t = &r->targets[i];
		target_text(r, t, who, sizeof(who));
		fprintf(f, "%sTo %s%s%s%s\n", i ? "\n" : "", who, t->where ? "  [" : "",
		        t->where ? t->where : "", t->where ? "]" : "");
		if (t->res.count == 0) {
			fprintf(f, "  no chain within %u hops%s\n", r->max_hops,
			        r->rank == WP_RANK_BOTTLENECK ? "" : " (try --max-hops)");
			continue;
		}
		if (t->fate == WP_INTRO_CAPPED)
			fprintf(f,
			        "  every chain asks someone already at --max-asks %u; it stays "
			        "unplanned\n",
			        r->max_asks);
		for (uint32_t c = 0; c < t->res.count; c++) {
			const wp_chain *ch = &t->res.chains[c];
			const wp_vertex *v = intro_chain(t, c);
			uint32_t weak = intro_weakest(r, t, c);
			fprintf(f, "  chain %u: %u hop%s, warmth %.3g", c + 1, ch->hops,
			        ch->hops == 1 ? "" : "s", ch->warmth);
			if (ch->hops > 0)
				fprintf(f, ", weakest tie %.2f (%s - %s)", ch->weakest,
				        intro_name(r, v[weak]), intro_name(r, v[weak + 1]));
			if (!ch->disjoint)
				fprintf(f, "; shares introducers with an earlier chain");
			if (r->planned && t->chosen == c)
				fprintf(f, "  <- planned%s",
				        c > 0 ? " (the cap took the better ones)" : "");
			fputc('\n', f);
			intro_action_text(r, t, c, text, sizeof(text));
			fprintf(f, "    %s\n", text);
			for (uint32_t h = 0; h < ch->hops; h++) {
				const intro_tie *x = intro_tie_at(r, t, c, h);
				intro_evidence_text(x, text, sizeof(text));
				fprintf(f, "    %u. %s - %s: %.2f %s%s; %s\n", h + 1,
				        intro_name(r, v[h]), intro_name(r, v[h + 1]),
				        x->info.warmth, wp_bucket_name(x->info.bucket),
				        h == weak ? ", the weakest" : "", text);
			}
		}
		if (t->res.fallback)
			fprintf(f, "  note: no further chain avoids the introducers above; later "
			           "chains "
			           "reuse some\n");
	}
	if (r->planned) {
		const wp_intro_plan *p = &r->plan;
		fprintf(f, "\nPlan: %zu target%s", r->count, r->count == 1 ? "" : "s");
		if (r->max_asks)
			fprintf(f, ", nobody asked for more than %u introduction%s", r->max_asks,
			        r->max_asks == 1 ? "" : "s");
		fprintf(f, " (%s)\n", p->exact ? "assignment maximum" : "greedy with repair");
		fprintf(f,
		        "  keep their best chain: %u; a later chain: %u; lost every chain to the "
		        "cap: %u; no chain within %u hops: %u",
		        p->kept_best, p->demoted, p->capped, r->max_hops, p->no_chain);
		if (r->skipped)
			fprintf(f, "; rows skipped: %u", r->skipped);
		fputc('\n', f);
		list_fate(f, r, WP_INTRO_DEMOTED, "lost their best chain to the cap");
		list_fate(f, r, WP_INTRO_CAPPED, "left without a chain by the cap");
		wp_vertex top[5];
		uint32_t k = busiest(r, top, 5);
		if (k > 0) {
			fprintf(f, "  most asked:");
			for (uint32_t i = 0; i < k; i++)
				fprintf(f, "%s %s (%u)", i ? "," : "", intro_name(r, top[i]),
				        r->plan.asks[top[i]]);
			fputc('\n', f);
		}
	}
	return io_error(f, fname, err);
}

wp_status intro_write_csv(FILE *f, const char *fname, void *ctx, char *err)
{
	const intro_run *r = ctx;
	char who[1024], text[2048];
	fputs("target,row,chain,hops,warmth,weakest,planned,fate,people,action\n", f);
	for (size_t i = 0; i < r->count; i++) {
		const intro_target *t = &r->targets[i];
		target_text(r, t, who, sizeof(who));
		for (uint32_t c = 0; c < (t->res.count ? t->res.count : 1); c++) {
			cli_csv_field(f, who);
			fputc(',', f);
			cli_csv_field(f, t->where ? t->where : "");
			if (t->res.count == 0) {
				fprintf(f, ",,,,,,%s,,\n", wp_intro_fate_name(t->fate));
				continue;
			}
			const wp_chain *ch = &t->res.chains[c];
			const wp_vertex *v = intro_chain(t, c);
			fprintf(f, ",%u,%u,%.6g,%.6g,%s,%s,", c + 1, ch->hops, ch->warmth,
			        ch->weakest, t->chosen == c ? "yes" : "no",
			        wp_intro_fate_name(t->fate));
			size_t n = 0;
			text[0] = '\0';
			for (uint32_t h = 0; h <= ch->hops && n < sizeof(text); h++)
				n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s",
				                      h ? " > " : "", intro_name(r, v[h]));
			cli_csv_field(f, text);
			fputc(',', f);
			intro_action_text(r, t, c, text, sizeof(text));
			cli_csv_field(f, text);
			fputc('\n', f);
		}
	}
	return io_error(f, fname, err);
}

/* A warmth for JSON: six significant digits, not the float's binary expansion. */
static json_t *warmth_json(double w)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%.6g", w);
	return json_real(strtod(buf, NULL));
}

static json_t *target_json(const intro_run *r, const intro_target *t)
{
	char who[1024];
	target_text(r, t, who, sizeof(who));
	json_t *tg = json_pack("{s:s}", "display", who);
	if (tg == NULL)
		return NULL;
	/* A person is named by id and name, not by the e-mail or URL the user may have typed. */
	if (t->person != 0) {
		json_object_set_new(tg, "id", json_integer(t->person));
		json_object_set_new(tg, "name", json_string(intro_name(r, t->to[0])));
		json_object_set_new(tg, "company", json_string(intro_company(r, t->to[0])));
	} else {
		json_object_set_new(tg, "company", json_string(t->company ? t->company : ""));
		json_object_set_new(tg, "people", json_integer(t->to_count));
	}
	if (t->where)
		json_object_set_new(tg, "row", json_string(t->where));
	json_t *chains = json_array();
	for (uint32_t c = 0; chains != NULL && c < t->res.count; c++) {
		const wp_chain *ch = &t->res.chains[c];
		const wp_vertex *v = intro_chain(t, c);
		uint32_t weak = intro_weakest(r, t, c);
		char action[2048];
		json_t *people = json_array(), *ties = json_array();
		for (uint32_t h = 0; people && h <= ch->hops; h++)
			json_array_append_new(people, json_string(intro_name(r, v[h])));
		for (uint32_t h = 0; ties && h < ch->hops; h++)
			json_array_append_new(
			        ties, intro_tie_json(r, intro_tie_at(r, t, c, h), h == weak));
		intro_action_text(r, t, c, action, sizeof(action));
		json_array_append_new(chains,
		                      json_pack("{s:i, s:o, s:o, s:b, s:s, s:o, s:o}", "hops",
		                                (int)ch->hops, "warmth", warmth_json(ch->warmth),
		                                "weakest", warmth_json(ch->weakest), "disjoint",
		                                ch->disjoint, "action", action, "people",
		                                people ? people : json_array(), "ties",
		                                ties ? ties : json_array()));
	}
	return json_pack("{s:o, s:s, s:o, s:b, s:o}", "target", tg, "fate",
	                 wp_intro_fate_name(t->fate), "assigned",
	                 t->chosen == WP_INTRO_NONE ? json_null() : json_integer(t->chosen),
	                 "fallback", t->res.fallback, "chains", chains ? chains : json_array());
}

static json_t *names_of_fate(const intro_run *r, wp_intro_fate fate)
{
	json_t *a = json_array();
	char who[1024];
	for (size_t i = 0; a != NULL && i < r->count; i++) {
		const intro_target *t = &r->targets[i];
		if (t->fate != fate)
			continue;
		target_text(r, t, who, sizeof(who));
		json_array_append_new(
		        a, json_pack("{s:s, s:s}", "target", who, "row", t->where ? t->where : ""));
	}
	return a ? a : json_array();
}

static json_t *plan_json(const intro_run *r)
{
	const wp_intro_plan *p = &r->plan;
	wp_vertex top[10];
	uint32_t k = busiest(r, top, 10);
	json_t *b = json_array();
	for (uint32_t i = 0; b != NULL && i < k; i++)
		json_array_append_new(b, json_pack("{s:s, s:i}", "name", intro_name(r, top[i]),
		                                   "asks", (int)p->asks[top[i]]));
	return json_pack(
	        "{s:i, s:o, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:o, s:o, s:o}", "targets",
	        (int)r->count, "max_asks", r->max_asks ? json_integer(r->max_asks) : json_null(),
	        "method", p->exact ? "maximum assignment" : "greedy with repair", "kept_best",
	        (int)p->kept_best, "demoted", (int)p->demoted, "capped", (int)p->capped, "no_chain",
	        (int)p->no_chain, "rows_skipped", (int)r->skipped, "max_load", (int)p->max_load,
	        "lost_best_chain", names_of_fate(r, WP_INTRO_DEMOTED), "left_without_chain",
	        names_of_fate(r, WP_INTRO_CAPPED), "most_asked", b ? b : json_array());
}

wp_status intro_write_json(FILE *f, const char *fname, void *ctx, char *err)
{
	const intro_run *r = ctx;
	json_t *root = NULL;
	bool ok = true;
	if (r->batch) {
		json_t *a = json_array();
		for (size_t i = 0; a != NULL && ok && i < r->count; i++) {
			json_t *o = target_json(r, &r->targets[i]);
			ok = o != NULL && json_array_append_new(a, o) == 0;
		}
		root = a && ok ? json_pack("{s:o, s:o}", "results", a, "plan", plan_json(r)) : NULL;
		if (root == NULL)
			json_decref(a);
	} else {
		root = target_json(r, &r->targets[0]);
	}
	ok = root != NULL && json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
	json_decref(root);
	if (!ok)
		return wp_error(err, WP_ENOMEM, "intro: cannot build the JSON output");
	fputc('\n', f);
	return io_error(f, fname, err);
}

/* ---- Graphviz ----------------------------------------------------------------------------- */

#if defined(__SANITIZE_ADDRESS__)
/* Graphviz 2.42 leaks inside gvContext (gvconfig keeps the plugin configuration text, allocated
 * by libgvc's gmalloc; libgvc has no frame pointers, so the fast unwinder sees only gmalloc) and
 * its pango text layout leaks fontconfig's caches: memory we cannot free. LeakSanitizer reads
 * these suppressions in sanitizer builds only; our cgraph graphs are still checked (agclose). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:gvconfig\nleak:gmalloc\nleak:libfontconfig.so\n";
}
#endif

static Agnode_t *node_of(Agraph_t *g, const intro_run *r, wp_vertex v)
{
	Agnode_t *n = agnode(g, (char *)intro_name(r, v), 0);
	if (n != NULL)
		return n;
	n = agnode(g, (char *)intro_name(r, v), 1);
	if (n != NULL && intro_is_member(r, v))
		agsafeset(n, (char *)"shape", (char *)"box", (char *)"");
	return n;
}

/* The chains as a cgraph graph: one node per person, one edge per tie (strict: shared ties
 * drawn once), warmth on each edge, targets filled, each chain's weakest tie red. */
static Agraph_t *build_drawing(const intro_run *r, char *err)
{
	Agraph_t *g = agopen((char *)"introductions", Agstrictundirected, NULL);
	char w[32];
	size_t drawn = 0;
	if (g == NULL) {
		wp_error(err, WP_ENOMEM, "intro: Graphviz cannot create a graph");
		return NULL;
	}
	agattr(g, AGRAPH, (char *)"rankdir", (char *)"LR");
	agattr(g, AGNODE, (char *)"fontname", (char *)"Helvetica");
	agattr(g, AGEDGE, (char *)"fontname", (char *)"Helvetica");
	for (size_t i = 0; i < r->count && drawn < DRAW_MAX_TARGETS; i++) {
		const intro_target *t = &r->targets[i];
		if (t->res.count == 0)
			continue;
		drawn++;
		for (uint32_t c = 0; c < t->res.count; c++) {
			const wp_chain *ch = &t->res.chains[c];
			const wp_vertex *v = intro_chain(t, c);
			uint32_t weak = intro_weakest(r, t, c);
			Agnode_t *end = node_of(g, r, v[ch->hops]);
			if (end == NULL)
				goto oom;
			agsafeset(end, (char *)"style", (char *)"filled", (char *)"");
			agsafeset(end, (char *)"fillcolor", (char *)"#ffe08a", (char *)"");
			for (uint32_t h = 0; h < ch->hops; h++) {
				Agnode_t *a = node_of(g, r, v[h]), *b = node_of(g, r, v[h + 1]);
				Agedge_t *e = a && b ? agedge(g, a, b, NULL, 1) : NULL;
				if (e == NULL)
					goto oom;
				snprintf(w, sizeof(w), "%.2f",
				         intro_tie_at(r, t, c, h)->info.warmth);
				agsafeset(e, (char *)"label", w, (char *)"");
				if (h == weak && ch->hops > 1)
					agsafeset(e, (char *)"color", (char *)"#c0392b",
					          (char *)"");
			}
		}
	}
	if (drawn == DRAW_MAX_TARGETS && r->count > DRAW_MAX_TARGETS)
		fprintf(stderr, "warmpath intro: drew the chains of the first %d targets only\n",
		        DRAW_MAX_TARGETS);
	return g;
oom:
	agclose(g);
	wp_error(err, WP_ENOMEM, "intro: Graphviz ran out of memory");
	return NULL;
}

wp_status intro_write_dot(FILE *f, const char *fname, void *ctx, char *err)
{
	Agraph_t *g = build_drawing(ctx, err);
	if (g == NULL)
		return WP_ENOMEM;
	int rc = agwrite(g, f);
	agclose(g);
	if (rc != 0)
		return wp_error(err, WP_EIO, "%s: cannot write", fname);
	return io_error(f, fname, err);
}

wp_status intro_write_svg(FILE *f, const char *fname, void *ctx, char *err)
{
	wp_status st = WP_OK;
	GVC_t *gvc = gvContext();
	Agraph_t *g = gvc ? build_drawing(ctx, err) : NULL;
	if (gvc == NULL)
		st = wp_error(err, WP_ENOMEM, "intro: cannot start Graphviz");
	else if (g == NULL)
		st = WP_ENOMEM;
	else if (gvLayout(gvc, g, "dot") != 0)
		st = wp_error(err, WP_EIO, "intro: Graphviz's dot layout failed");
	else {
		if (gvRender(gvc, g, "svg", f) != 0)
			st = wp_error(err, WP_EIO,
			              "intro: Graphviz cannot render SVG (is its svg plugin "
			              "installed?)");
		gvFreeLayout(gvc, g);
	}
	if (g != NULL)
		agclose(g);
	if (gvc != NULL)
		gvFreeContext(gvc);
	return st != WP_OK ? st : io_error(f, fname, err);
}
