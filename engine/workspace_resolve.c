/* workspace_resolve.c - identity resolution of a batch's records, and the batch's evidence.
 *
 * Resolution of a record, first match wins:
 *  a. a record of this batch already resolved that shares a key (slug, e-mail, name+company,
 *     or, for records with neither slug nor e-mail, the same name and company or lack of one);
 *  b. this member's previous mention with exactly the same identity (slug, e-mail, name key,
 *     company key; for never-merge records the name and its ordinal), so that re-imports and
 *     earlier merge or split decisions keep their people;
 *  c. the workspace's key map: slug, then e-mail, then name key + company key; a key two people
 *     hold is ambiguous and skipped; a match by e-mail or name is refused if both sides have
 *     different LinkedIn slugs, or if a split decision keeps the two apart;
 *  d. a recorded merge decision: a key merged with one that resolves;
 *  e. for the member's own record: the member's current person;
 *  f. a new person.
 * Never-merge records (LinkedIn Member, opted-out, unnamed) skip a, c and d. Records without any
 * evidence (other than the member's) are not stored.
 *
 * Keys are made with wpi_keys_make (workspace_keys.c); lookups in the batch go through a small
 * string map, lookups in the workspace through the key cache. Evidence is folded per pair: the
 * member's tie with each person on that person's batch record, other pairs in links, one report
 * per pair with counts summed within the batch (one member's two files about one tie add up).
 */
#include "engine/workspace_import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/identity.h"
#include "engine/parallel.h"

wp_status wpi_text_add(wpi_import *s, const char *t, uint32_t *id, char *err)
{
	wp_status st = WP_OK;
	if (t == NULL || *t == '\0') {
		*id = 0;
		return WP_OK;
	}
	*id = s->text.count;
	WP_TRY(wp_strtab_append(&s->text, t, strlen(t), err));
	return WP_OK;
fail:
	return st;
}

/* The normalised slug of a profile URL or of a slug: contacts.h's slugs are already normal
 * (wp_identity_slug), so a plain lower-case slug is taken as it is and only anything else pays
 * for normalisation. */
void wpi_normal_slug(const char *s, char *out)
{
	char url[WP_KEY_LEN + 64];
	bool plain = true;
	out[0] = '\0';
	if (*s == '\0')
		return;
	for (const char *p = s; *p && plain; p++)
		plain = !(*p == '/' || *p == '%' || *p == '?' || *p == '#' || *p == ':' ||
		          (*p >= 'A' && *p <= 'Z'));
	size_t len = strlen(s);
	if (plain && len < WP_KEY_LEN) {
		memcpy(out, s, len + 1);
		return;
	}
	if (strstr(s, "linkedin.com") != NULL) {
		wp_identity_slug(s, out);
		return;
	}
	wpi_join(url, sizeof(url), (const char *const[]){"https://www.linkedin.com/in/", s}, 2);
	wp_identity_slug(url, out);
}

/* The identity tuple a previous mention is recognised by: never-merge mentions by name and
 * ordinal, others by slug, e-mail, name key and company key. */
void wpi_make_tuple(char *buf, size_t len, bool never, const char *name, uint32_t tag,
                    const char *slug, const char *email, const char *name_key,
                    const char *company_key)
{
	char num[16];
	if (never) {
		snprintf(num, sizeof(num), "%u", tag);
		wpi_join(buf, len, (const char *const[]){"x:", name, "#", num}, 4);
		return;
	}
	wpi_join(buf, len,
	         (const char *const[]){"t:", slug, "\x1f", email, "\x1f", name_key, "\x1f",
	                               company_key},
	         8);
}

wp_status wpi_load_decisions(wpi_import *s, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *q = NULL;
	char buf[3 * WP_KEY_LEN + 16];
	int rc;
	WP_TRY(wpi_prepare(s->ws, "SELECT kind, key_a, key_b FROM decisions", &q, err));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		/* Each direction: "kind\x1fkey" -> the other key's text id (one per key; later
		 * decisions about the same key win, which is the order they were made in). */
		for (int d = 0; d < 2; d++) {
			uint32_t other;
			snprintf(buf, sizeof(buf), "%s\x1f%s", wpi_col_text(q, 0),
			         wpi_col_text(q, 1 + d));
			WP_TRY(wpi_text_add(s, wpi_col_text(q, 2 - d), &other, err));
			WP_TRY(wpi_smap_put(&s->decisions, buf, strlen(buf), other, err));
		}
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(s->ws, err, "cannot read decisions"));
	st = WP_OK;
fail:
	sqlite3_finalize(q);
	return st;
}

/* ---- Resolution
 * ---------------------------------------------------------------------------------- */

/* The person holding key in this batch or (workspace) in the key map. */
static int64_t lookup(const wpi_import *s, const char *key, bool workspace)
{
	int64_t v = 0;
	if (*key == '\0')
		return 0;
	if (workspace)
		return wpi_keys_lookup(s->ws, key);
	if (!wpi_smap_get(&s->batch_keys, key, strlen(key), &v))
		return 0;
	return v;
}

/* Whether a split decision keeps a record with keys k apart from person p. */
static bool split_apart(const wpi_import *s, const wpi_keys *k, int64_t p)
{
	const char *keys[4] = {k->slug, k->email, k->name, k->member};
	char buf[3 * WP_KEY_LEN + 16];
	int64_t other;
	for (int i = 0; i < 4; i++) {
		if (*keys[i] == '\0')
			continue;
		wpi_join(buf, sizeof(buf), (const char *const[]){"split\x1f", keys[i]}, 2);
		if (!wpi_smap_get(&s->decisions, buf, strlen(buf), &other))
			continue;
		const char *ok = wpi_tx(s, (uint32_t)other);
		if (lookup(s, ok, true) == p || lookup(s, ok, false) == p)
			return true;
	}
	return false;
}

/* Whether person p (found by a key other than the slug) may take a record with keys k. */
static bool acceptable(const wpi_import *s, const wpi_keys *k, int64_t p, bool by_slug)
{
	uint64_t v;
	if (p <= 0)
		return false;
	if (!by_slug && k->slug[0] &&
	    (wpi_imap_get(&s->ws->slugged, (uint64_t)p, &v) ||
	     wpi_imap_get(&s->batch_slugged, (uint64_t)p, &v)))
		return false;
	return !split_apart(s, k, p);
}

/* Resolves keys k in the batch (workspace false) or the workspace map; sets *how. */
static int64_t resolve_keys(const wpi_import *s, const wpi_keys *k, bool workspace, wpi_how *how)
{
	/* Within the batch, the member key also counts: one member's records that carry only the
	 * same name (and company, or none) mean one person: a message thread and an endorsement
	 * naming "Elif Kovács". Across members a bare name proves nothing, so the workspace map
	 * never holds it. */
	const char *keys[4] = {k->slug, k->email, k->name, k->member};
	const wpi_how hows[4] = {WPI_HOW_SLUG, WPI_HOW_EMAIL, WPI_HOW_NAME, WPI_HOW_NAME};
	for (int i = 0; i < (workspace ? 3 : 4); i++) {
		int64_t p = lookup(s, keys[i], workspace);
		if (acceptable(s, k, p, i == 0)) {
			*how = workspace ? hows[i] : WPI_HOW_BATCH;
			return p;
		}
	}
	return 0;
}

/* A person through a recorded merge of one of the keys with a key that resolves. */
static int64_t resolve_merged(const wpi_import *s, const wpi_keys *k)
{
	const char *keys[4] = {k->slug, k->email, k->name, k->member};
	char buf[3 * WP_KEY_LEN + 16];
	int64_t other;
	for (int i = 0; i < 4; i++) {
		if (*keys[i] == '\0')
			continue;
		wpi_join(buf, sizeof(buf), (const char *const[]){"merge\x1f", keys[i]}, 2);
		if (!wpi_smap_get(&s->decisions, buf, strlen(buf), &other))
			continue;
		const char *ok = wpi_tx(s, (uint32_t)other);
		int64_t p = lookup(s, ok, false);
		if (p <= 0)
			p = lookup(s, ok, true);
		if (p > 0 && !split_apart(s, k, p))
			return p;
	}
	return 0;
}

static wp_status batch_add_key(wpi_import *s, const char *key, int64_t p, char *err)
{
	int64_t have;
	if (*key == '\0')
		return WP_OK;
	if (wpi_smap_get(&s->batch_keys, key, strlen(key), &have) && have != p)
		return wpi_smap_put(&s->batch_keys, key, strlen(key), WPI_AMBIGUOUS, err);
	return wpi_smap_put(&s->batch_keys, key, strlen(key), p, err);
}

/* Folds record r into batch person b (the first non-empty value of each field wins). */
static void fold(wpi_bperson *b, const wpi_rec *r)
{
	if (!b->name)
		b->name = r->name;
	if (!b->name_key)
		b->name_key = r->name_key;
	if (!b->company) {
		b->company = r->company;
		b->company_key = r->company_key;
	}
	if (!b->position)
		b->position = r->position;
	if (!b->slug)
		b->slug = r->slug;
	if (!b->email)
		b->email = r->email;
}

static wp_status bp_of(wpi_import *s, int64_t p, uint32_t *at, bool *created, char *err)
{
	wp_status st = WP_OK;
	uint64_t v;
	*created = false;
	if (wpi_imap_get(&s->bp_index, (uint64_t)p, &v)) {
		*at = (uint32_t)v;
		return WP_OK;
	}
	if (s->bp_count == s->bp_cap) {
		uint32_t cap = s->bp_cap ? s->bp_cap * 2 : 256;
		wpi_bperson *b = realloc(s->bp, cap * sizeof(*b));
		if (b == NULL)
			WP_FAIL(WP_ENOMEM, "cannot hold %u people", cap);
		s->bp = b;
		s->bp_cap = cap;
	}
	memset(&s->bp[s->bp_count], 0, sizeof(*s->bp));
	s->bp[s->bp_count].id = p;
	WP_TRY(wpi_imap_put(&s->bp_index, (uint64_t)p, s->bp_count, err));
	*at = s->bp_count++;
	*created = true;
	return WP_OK;
fail:
	return st;
}

/* The display name of record i (its full name, or first and last joined into buf). */
static const char *record_name(const wp_contacts *c, uint32_t i, char *buf, size_t len)
{
	const wp_person_rec *p = &c->people[i];
	const char *name = wp_contacts_text(c, p->full);
	if (*name == '\0' && (p->first || p->last)) {
		snprintf(buf, len, "%s%s%s", wp_contacts_text(c, p->first),
		         p->first && p->last ? " " : "", wp_contacts_text(c, p->last));
		name = buf;
	}
	return name;
}

/* The company and title of record i: as given, or for the member (record 0) without one, their
 * current job in Positions.csv (the latest started). */
static void record_job(const wp_contacts *c, uint32_t i, const char **company,
                       const char **position)
{
	const wp_person_rec *p = &c->people[i];
	*company = wp_contacts_text(c, p->company);
	*position = wp_contacts_text(c, p->position);
	if (i != 0 || **company != '\0')
		return;
	const wp_position_rec *best = NULL;
	for (uint32_t j = 0; j < c->positions_count; j++) {
		const wp_position_rec *q = &c->positions[j];
		if (q->end_month == 0 && q->company &&
		    (best == NULL || q->start_month > best->start_month))
			best = q;
	}
	if (best != NULL) {
		*company = wp_contacts_text(c, best->company);
		*position = wp_contacts_text(c, best->title);
	}
}

/* The normal forms of record i that identity resolution compares: name key, company key,
 * normalised slug and e-mail (the order of wp_contacts.normal), each into its own buffer. */
enum { NORMAL_NAME, NORMAL_COMPANY, NORMAL_SLUG, NORMAL_EMAIL, NORMAL_FORMS };

static void normal_forms(const wp_contacts *c, uint32_t i, char out[NORMAL_FORMS][WP_KEY_LEN])
{
	char full[2 * WP_KEY_LEN];
	const char *company, *position;
	record_job(c, i, &company, &position);
	wp_identity_name_key(record_name(c, i, full, sizeof(full)), out[NORMAL_NAME]);
	wp_identity_company_key(company, out[NORMAL_COMPANY]);
	wpi_normal_slug(wp_contacts_text(c, c->people[i].slug), out[NORMAL_SLUG]);
	wp_identity_email(wp_contacts_text(c, c->people[i].email), out[NORMAL_EMAIL]);
}

wp_status wp_workspace_prepare_batch(wp_contacts *c, char *err)
{
	wp_status st = WP_OK;
	char forms[NORMAL_FORMS][WP_KEY_LEN];
	free(c->normal);
	c->normal_count = 0;
	c->normal = malloc((size_t)c->people_count * NORMAL_FORMS * sizeof(*c->normal));
	if (c->normal == NULL && c->people_count > 0)
		WP_FAIL(WP_ENOMEM, "cannot hold the normal forms of %u people", c->people_count);
	for (uint32_t i = 0; i < c->people_count; i++) {
		normal_forms(c, i, forms);
		for (int k = 0; k < NORMAL_FORMS; k++)
			WP_TRY(wp_contacts_str(c, forms[k], strlen(forms[k]),
			                       &c->normal[(size_t)i * NORMAL_FORMS + k], err));
	}
	c->normal_count = c->people_count;
	return WP_OK;
fail:
	free(c->normal);
	c->normal = NULL;
	return st;
}

/* Computes the text and keys of every record that will be resolved (those with evidence, and
 * the member). The normal forms (utf8proc for names and companies) are the costly part and
 * independent per record: a batch prepared by wp_workspace_prepare_batch brings them along;
 * otherwise they are computed here in parallel, each thread into its own string table, and
 * then copied into the import's table in record order. */
static wp_status prepare_records(wpi_import *s, char *err)
{
	wp_status st = WP_OK;
	const wp_contacts *c = s->batch;
	const uint32_t n = c->people_count;
	const bool ready = c->normal != NULL && c->normal_count == n;
	const int threads = ready ? 1 : wp_threads_for(n, 1024);
	wp_strtab *tables = calloc((size_t)threads, sizeof(*tables));
	/* Where record i's forms are: ids in tables[thread[i]], or in the batch's strings. */
	uint32_t *ids = ready ? NULL : calloc((size_t)n * NORMAL_FORMS, sizeof(*ids));
	int *thread = ready ? NULL : calloc(n, sizeof(*thread));
	int failed = 0;
	if (tables == NULL || (!ready && (ids == NULL || thread == NULL)))
		WP_FAIL(WP_ENOMEM, "cannot hold %u people", n);

	if (!ready) {
#pragma omp parallel num_threads(threads)
		{
			const int t = wp_thread_id();
			char forms[NORMAL_FORMS][WP_KEY_LEN];
			wp_strtab *tab = &tables[t];
			wp_status ok = WP_OK;

#pragma omp for schedule(static)
			for (int64_t j = 0; j < (int64_t)n; j++) {
				uint32_t i = (uint32_t)j;
				if ((i != 0 && !s->recs[i].has_ev) || ok != WP_OK)
					continue;
				normal_forms(c, i, forms);
				thread[i] = t;
				for (int k = 0; k < NORMAL_FORMS && ok == WP_OK; k++) {
					ids[(size_t)i * NORMAL_FORMS + k] = tab->count;
					ok = wp_strtab_append(tab, forms[k], strlen(forms[k]),
					                      NULL);
				}
			}
			if (ok != WP_OK) {
#pragma omp atomic write
				failed = 1;
			}
		}
		if (failed)
			WP_FAIL(WP_ENOMEM, "cannot hold the normal forms of %u people", n);
	}

	for (uint32_t i = 0; i < n; i++) {
		wpi_rec *r = &s->recs[i];
		if (i != 0 && !r->has_ev)
			continue;
		const char *form[NORMAL_FORMS];
		for (int k = 0; k < NORMAL_FORMS; k++)
			form[k] =
			        ready ? wp_contacts_text(c, c->normal[(size_t)i * NORMAL_FORMS + k])
			              : wp_strtab_get(&tables[thread[i]],
			                              ids[(size_t)i * NORMAL_FORMS + k]);
		char full[2 * WP_KEY_LEN];
		const char *company, *position;
		const char *name = record_name(c, i, full, sizeof(full));
		const char *slug = form[NORMAL_SLUG];
		record_job(c, i, &company, &position);
		if (i == 0 && *slug == '\0')
			slug = s->member_slug;
		WP_TRY(wpi_text_add(s, name, &r->name, err));
		WP_TRY(wpi_text_add(s, form[NORMAL_NAME], &r->name_key, err));
		WP_TRY(wpi_text_add(s, company, &r->company, err));
		WP_TRY(wpi_text_add(s, form[NORMAL_COMPANY], &r->company_key, err));
		WP_TRY(wpi_text_add(s, position, &r->position, err));
		WP_TRY(wpi_text_add(s, slug, &r->slug, err));
		WP_TRY(wpi_text_add(s, form[NORMAL_EMAIL], &r->email, err));
		r->never = i != 0 && ((c->people[i].flags & WP_PERSON_NEVER_MERGE) ||
		                      wp_identity_never_merge(name));
	}
	st = WP_OK;
fail:
	for (int t = 0; tables != NULL && t < threads; t++)
		wp_strtab_free(&tables[t]);
	free(tables);
	free(ids);
	free(thread);
	return st;
}

wp_status wpi_resolve(wpi_import *s, wp_import_summary *sum, char *err)
{
	wp_status st = WP_OK;
	const wp_contacts *c = s->batch;
	char tuple[4 * WP_KEY_LEN + 16];
	wpi_keys k;
	int64_t v;

	WP_TRY(prepare_records(s, err));
	for (uint32_t i = 0; i < c->people_count; i++) {
		wpi_rec *r = &s->recs[i];
		if (i != 0 && !r->has_ev)
			continue;
		wpi_keys_make(&k, wpi_tx(s, r->slug), wpi_tx(s, r->email), wpi_tx(s, r->name_key),
		              wpi_tx(s, r->company_key), s->member_key, r->never);
		int64_t p = 0;
		wpi_how how = WPI_HOW_NONE;
		if (r->never) {
			int64_t seen = 0;
			wpi_smap_get(&s->never_seen, wpi_tx(s, r->name), strlen(wpi_tx(s, r->name)),
			             &seen);
			r->tag = (uint32_t)++seen;
			WP_TRY(wpi_smap_put(&s->never_seen, wpi_tx(s, r->name),
			                    strlen(wpi_tx(s, r->name)), seen, err));
			wpi_make_tuple(tuple, sizeof(tuple), true, wpi_tx(s, r->name), r->tag, "",
			               "", "", "");
			if (wpi_smap_get(&s->sticky, tuple, strlen(tuple), &v)) {
				p = v;
				how = WPI_HOW_PREVIOUS;
			}
		} else {
			p = resolve_keys(s, &k, false, &how);
			if (p == 0) {
				wpi_make_tuple(tuple, sizeof(tuple), false, "", 0,
				               wpi_tx(s, r->slug), wpi_tx(s, r->email),
				               wpi_tx(s, r->name_key), wpi_tx(s, r->company_key));
				if (wpi_smap_get(&s->sticky, tuple, strlen(tuple), &v)) {
					p = v;
					how = WPI_HOW_PREVIOUS;
				}
			}
			if (p == 0)
				p = resolve_keys(s, &k, true, &how);
			if (p == 0 && (p = resolve_merged(s, &k)) != 0)
				how = WPI_HOW_NAME;
			if (p == 0 && i == 0 && s->member_person > 0) {
				p = s->member_person;
				how = WPI_HOW_PREVIOUS;
			}
		}
		if (p == 0) {
			p = s->next_person++;
			how = WPI_HOW_ADDED;
		}
		r->person = p;
		r->how = how;

		uint32_t at = 0;
		bool created;
		WP_TRY(bp_of(s, p, &at, &created, err));
		wpi_bperson *b = &s->bp[at];
		if (created) {
			b->is_new = how == WPI_HOW_ADDED;
			b->how = how;
			b->tag = r->tag;
			b->flags = r->never ? WPI_NEVER_MERGE : 0;
			b->file = c->people[i].file;
			b->line = c->people[i].line;
			switch (how) {
			case WPI_HOW_ADDED:
				sum->people_added++;
				break;
			case WPI_HOW_PREVIOUS:
				sum->matched_previous++;
				break;
			case WPI_HOW_SLUG:
				sum->matched_slug++;
				break;
			case WPI_HOW_EMAIL:
				sum->matched_email++;
				break;
			default:
				sum->matched_name++;
				break;
			}
		} else {
			sum->people_merged++;
		}
		if (i == 0)
			b->flags = (b->flags & ~WPI_NEVER_MERGE) | WPI_MENTION_SELF;
		fold(b, r);
		WP_TRY(batch_add_key(s, k.slug, p, err));
		WP_TRY(batch_add_key(s, k.email, p, err));
		WP_TRY(batch_add_key(s, k.name, p, err));
		WP_TRY(batch_add_key(s, k.member, p, err));
		if (k.slug[0])
			WP_TRY(wpi_imap_put(&s->batch_slugged, (uint64_t)p, 1, err));
	}
	sum->people = s->bp_count;
	sum->people_matched =
	        sum->matched_previous + sum->matched_slug + sum->matched_email + sum->matched_name;
	return WP_OK;
fail:
	return st;
}

/* ---- Evidence ------------------------------------------------------------------------------- */

/* The evidence record e as a -> b. */
static wp_status evidence_of(const wp_evidence_rec *e, uint64_t index, wp_tie_evidence *x,
                             bool *use, char *err)
{
	wp_status st = WP_OK;
	uint32_t n = e->sent ? e->sent : 1;
	int64_t when = e->last ? e->last : e->first;
	memset(x, 0, sizeof(*x));
	*use = true;
	switch ((wp_evidence_kind)e->kind) {
	case WP_EV_CONNECTION:
		x->connections = 1;
		x->connected_on = e->first;
		break;
	case WP_EV_MESSAGES:
		x->msg_sent = e->sent;
		x->msg_received = e->received;
		x->msg_first = e->first;
		x->msg_last = when;
		break;
	case WP_EV_GROUP_THREAD:
		x->threads = n;
		x->thread_last = when;
		break;
	case WP_EV_INVITATION:
		x->inv_sent = n;
		x->inv_first = e->first;
		break;
	case WP_EV_RECOMMENDATION:
		x->rec_given = n;
		x->rec_last = when;
		break;
	case WP_EV_ENDORSEMENT:
		x->end_given = n;
		x->end_first = e->first;
		x->end_last = when;
		break;
	case WP_EV_NOTE:
		x->notes = 1;
		x->note_last = when;
		break;
	case WP_EV_ADDRESS_BOOK:
		x->book_a = 1;
		break;
	case WP_EV_RELATED:
		x->related = 1;
		break;
	case WP_EV_SHARED_EMPLOYER:
		*use = false;
		break; /* the workspace derives these itself */
	case WP_EV_MANUAL:
		if (!(e->strength > 0.0 && e->strength <= 1.0))
			WP_FAIL(WP_EARG,
			        "evidence record %llu: manual strength %g is outside (0, 1]",
			        (unsigned long long)index, e->strength);
		x->manual = e->strength;
		break;
	default:
		WP_FAIL(WP_EARG, "evidence record %llu has an unknown kind %u",
		        (unsigned long long)index, e->kind);
	}
	return WP_OK;
fail:
	return st;
}

wp_status wpi_gather_evidence(wpi_import *s, int64_t mp, wp_import_summary *sum, char *err)
{
	wp_status st = WP_OK;
	const wp_contacts *c = s->batch;
	uint32_t *keys = NULL; /* company key (text id) of each position */
	wp_tie_evidence x;
	bool use;
	uint64_t v;

	for (uint64_t i = 0; i < c->evidence_count; i++) {
		const wp_evidence_rec *e = &c->evidence[i];
		WP_TRY(evidence_of(e, i, &x, &use, err));
		if (!use)
			continue;
		int64_t pa = s->recs[e->a].person, pb = s->recs[e->b].person;
		if (pa == pb) {
			sum->self_ties++;
			continue;
		}
		if (pa == mp || pb == mp) {
			if (pa != mp)
				wpi_ev_reverse(&x);
			wpi_imap_get(&s->bp_index, (uint64_t)(pa == mp ? pb : pa), &v);
			wpi_ev_accumulate(&s->bp[v].star.ev, &x);
			s->bp[v].has_star = true;
			continue;
		}
		if (pa > pb)
			wpi_ev_reverse(&x);
		uint64_t key = wpi_pair(pa, pb);
		if (!wpi_imap_get(&s->link_index, key, &v)) {
			if (s->links_count == s->links_cap) {
				uint64_t cap = s->links_cap ? s->links_cap * 2 : 64;
				wpi_blink *l = realloc(s->links, cap * sizeof(*l));
				if (l == NULL)
					WP_FAIL(WP_ENOMEM, "cannot hold %llu ties",
					        (unsigned long long)cap);
				s->links = l;
				s->links_cap = cap;
			}
			v = s->links_count++;
			memset(&s->links[v], 0, sizeof(*s->links));
			s->links[v].lo = pa < pb ? pa : pb;
			s->links[v].hi = pa < pb ? pb : pa;
			s->links[v].ev.company = "";
			WP_TRY(wpi_imap_put(&s->link_index, key, v, err));
		}
		wpi_ev_accumulate(&s->links[v].ev.ev, &x);
	}

	/* Member to contact: the contact's current company is one of the member's employers. */
	keys = calloc((size_t)c->positions_count + 1, sizeof(*keys));
	if (keys == NULL)
		WP_FAIL(WP_ENOMEM, "cannot hold %u positions", c->positions_count);
	for (uint32_t j = 0; j < c->positions_count; j++) {
		char key[WP_KEY_LEN];
		wp_identity_company_key(wp_contacts_text(c, c->positions[j].company), key);
		WP_TRY(wpi_text_add(s, key, &keys[j], err));
	}
	for (uint32_t i = 0; i < s->bp_count; i++) {
		wpi_bperson *b = &s->bp[i];
		b->star.company = "";
		if (!b->has_star || !b->company_key)
			continue;
		for (uint32_t j = 0; j < c->positions_count; j++) {
			if (keys[j] && strcmp(wpi_tx(s, keys[j]), wpi_tx(s, b->company_key)) == 0) {
				b->star.ev.shared_employer = true;
				b->star.company = wp_contacts_text(c, c->positions[j].company);
				break;
			}
		}
	}
	for (uint32_t i = 0; i < s->bp_count; i++)
		if (s->bp[i].has_star)
			wp_warmth_reduce(&s->bp[i].star.ev, &s->bp[i].star.parts);
	for (uint64_t i = 0; i < s->links_count; i++)
		wp_warmth_reduce(&s->links[i].ev.ev, &s->links[i].ev.parts);
	st = WP_OK;
fail:
	free(keys);
	return st;
}
