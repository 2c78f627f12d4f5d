/* intro_targets.c - `warmpath intro`'s targets: --to, --to-company and the rows of --targets.
 *
 * A CSV row is resolved by its strongest key (LinkedIn profile, e-mail, "name (company)", name)
 * through wp_workspace_people_find_ids, which answers profiles, e-mails and #IDs from the key
 * index without reading each person; a row that fits nobody or several people is reported as
 * "file:line: reason" (with the resolver's suggestions) and skipped. Companies are matched by
 * company key against a sorted index of every vertex's current company, built once per run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/intro_internal.h"
#include "engine/identity.h"
#include "importers/csvfile.h"
#include "importers/source.h"

/* A vertex's company key, to sort by key (ties by vertex, so the order is the same on every
 * libc). */
typedef struct key_vertex {
	char *key;
	wp_vertex v;
} key_vertex;

static int key_cmp(const void *a, const void *b)
{
	const key_vertex *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c != 0 ? c : (x->v > y->v) - (x->v < y->v);
}

wp_status intro_company_index_build(const intro_run *r, company_index *ci, char *err)
{
	wp_status st = WP_OK;
	char key[WP_KEY_LEN];
	uint32_t n = r->g->n, k = 0;
	memset(ci, 0, sizeof(*ci)); /* written only on success */
	key_vertex *pairs = malloc(((size_t)n + 1) * sizeof(*pairs));
	char **keys = calloc((size_t)n + 1, sizeof(*keys));
	wp_vertex *ids = malloc(((size_t)n + 1) * sizeof(*ids));
	if (pairs == NULL || keys == NULL || ids == NULL)
		WP_FAIL(WP_ENOMEM, "out of memory for the company index");
	for (wp_vertex v = 0; v < n; v++) {
		if (!wp_identity_company_key(intro_company(r, v), key) || key[0] == '\0')
			continue;
		pairs[k].key = strdup(key);
		if (pairs[k].key == NULL)
			WP_FAIL(WP_ENOMEM, "out of memory for the company index");
		pairs[k].v = v;
		k++;
	}
	qsort(pairs, k, sizeof(*pairs), key_cmp);
	for (uint32_t i = 0; i < k; i++) {
		keys[i] = pairs[i].key;
		ids[i] = pairs[i].v;
	}
	free(pairs);
	ci->keys = keys;
	ci->ids = ids;
	ci->n = k;
	return WP_OK;
fail:
	for (uint32_t i = 0; pairs != NULL && i < k; i++)
		free(pairs[i].key);
	free(pairs);
	free(keys);
	free(ids);
	return st;
}

void intro_company_index_free(company_index *ci)
{
	for (uint32_t i = 0; ci->keys && i < ci->n; i++)
		free(ci->keys[i]);
	free(ci->keys);
	free(ci->ids);
	memset(ci, 0, sizeof(*ci));
}

/* Everyone whose company key equals ORG's key, or failing that starts with it followed by a
 * space ("kestrel" finds "Kestrel Analytics"). Empty when nobody matches. */
wp_status intro_company_targets(const company_index *ci, const char *org, intro_target *t,
                                char *err)
{
	wp_status st = WP_OK;
	char key[WP_KEY_LEN];
	if (!wp_identity_company_key(org, key) || key[0] == '\0')
		return WP_OK;
	size_t len = strlen(key);
	uint32_t lo = 0, hi = ci->n;
	while (lo < hi) { /* first key >= key */
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(ci->keys[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t exact = 0, prefix = 0;
	for (uint32_t i = lo; i < ci->n && strncmp(ci->keys[i], key, len) == 0; i++) {
		if (ci->keys[i][len] == '\0')
			exact++;
		else if (ci->keys[i][len] == ' ')
			prefix++;
	}
	uint32_t want = exact ? exact : prefix;
	if (want == 0)
		return WP_OK;
	t->to = malloc(want * sizeof(wp_vertex));
	if (t->to == NULL)
		WP_FAIL(WP_ENOMEM, "out of memory for the targets");
	for (uint32_t i = lo; i < ci->n && strncmp(ci->keys[i], key, len) == 0; i++)
		if (exact ? ci->keys[i][len] == '\0' : ci->keys[i][len] == ' ')
			t->to[t->to_count++] = ci->ids[i];
	return WP_OK;
fail:
	return st;
}

/* Sets t's target to person id. */
wp_status intro_person_target(const intro_run *r, int64_t id, intro_target *t, char *err)
{
	wp_status st = WP_OK;
	wp_vertex v = wp_workspace_vertex(r->g, id);
	if (v == WP_NO_VERTEX)
		WP_FAIL(WP_EINPUT, "#%lld is not in the workspace's graph", (long long)id);
	t->person = id;
	t->to = malloc(sizeof(wp_vertex));
	if (t->to == NULL)
		WP_FAIL(WP_ENOMEM, "out of memory for the targets");
	t->to[0] = v;
	t->to_count = 1;
	return WP_OK;
fail:
	return st;
}

/* The one person ref fits, or 0 (nobody, or several). */
static wp_status find_one(intro_run *r, const char *ref, int64_t *id, char *err)
{
	int64_t *ids = NULL;
	size_t n = 0;
	*id = 0;
	if (ref == NULL || *ref == '\0')
		return WP_OK;
	wp_status st = wp_workspace_people_find_ids(r->ws, ref, &ids, &n, err);
	if (st == WP_OK && n == 1)
		*id = ids[0];
	free(ids);
	return st;
}

bool intro_grow_targets(intro_run *r, size_t *cap)
{
	if (r->count < *cap)
		return true;
	size_t nc = *cap ? 2 * *cap : 64;
	intro_target *nt = realloc(r->targets, nc * sizeof(*nt));
	if (nt == NULL)
		return false;
	memset(nt + *cap, 0, (nc - *cap) * sizeof(*nt));
	r->targets = nt;
	*cap = nc;
	return true;
}

typedef struct csv_cols {
	int name, email, url, company;
} csv_cols;

static bool header_row(const wp_csvfile *c, csv_cols *k)
{
	bool any = false;
	*k = (csv_cols){-1, -1, -1, -1};
	for (uint32_t i = 0; i < c->count; i++) {
		const char *s = c->fields[i];
		int *slot = NULL;
		if (wp_csv_name_eq(s, "name") || wp_csv_name_eq(s, "person") ||
		    wp_csv_name_eq(s, "full name"))
			slot = &k->name;
		else if (wp_csv_name_eq(s, "email") || wp_csv_name_eq(s, "e-mail") ||
		         wp_csv_name_eq(s, "email address"))
			slot = &k->email;
		else if (wp_csv_name_eq(s, "linkedin") || wp_csv_name_eq(s, "url") ||
		         wp_csv_name_eq(s, "profile") || wp_csv_name_eq(s, "linkedin url"))
			slot = &k->url;
		else if (wp_csv_name_eq(s, "company") || wp_csv_name_eq(s, "organisation") ||
		         wp_csv_name_eq(s, "organization"))
			slot = &k->company;
		if (slot != NULL && *slot < 0) {
			*slot = (int)i;
			any = true;
		}
	}
	return any;
}

static const char *cell(const wp_csvfile *c, int i)
{
	return i >= 0 && (uint32_t)i < c->count ? c->fields[i] : "";
}

/* One row of the prospects file, as read. */
typedef struct row {
	char *name, *email, *url, *company, *where;
} row;

static void rows_free(row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].name);
		free(rows[i].email);
		free(rows[i].url);
		free(rows[i].company);
		free(rows[i].where);
	}
	free(rows);
}

/* A profile or e-mail the bulk resolver answered, or find_one for anything else. */
static wp_status key_or_find(intro_run *r, const char *ref, int64_t bulk, int64_t *id, char *err)
{
	*id = bulk;
	if (bulk != 0 || *ref == '\0' || strchr(ref, '@') != NULL ||
	    strstr(ref, "linkedin.com/") != NULL)
		return WP_OK;
	return find_one(r, ref, id, err);
}

/* Reads the prospects of path: each row becomes a target; a row that resolves to nobody is
 * reported as "path:line: reason" on stderr and skipped. Profiles and e-mails of all rows are
 * resolved in one pass (wp_workspace_people_find_keys), the rest row by row. */
wp_status intro_read_targets(intro_run *r, const char *path, company_index *ci, char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	wp_csvfile csv = {0};
	bool got = false, first = true, src_open = false;
	csv_cols k = {0, -1, -1, 1};
	size_t cap = 0, n = 0, ncap = 0;
	row *rows = NULL;
	const char **refs = NULL;
	int64_t *bulk = NULL;
	char where[WP_ERR_LEN], msg[WP_ERR_LEN], ref[2 * WP_KEY_LEN];
	WP_TRY(wp_source_open(&src, path, err));
	src_open = true;
	WP_TRY(wp_csvfile_open(&csv, &src, err));
	for (;;) {
		WP_TRY(wp_csvfile_next(&csv, &got, err));
		if (!got)
			break;
		if (first) {
			first = false;
			if (header_row(&csv, &k))
				continue;
			k = (csv_cols){0, -1, -1, 1};
		}
		if (wp_csvfile_blank(&csv))
			continue;
		if (n == ncap) {
			ncap = ncap ? 2 * ncap : 256;
			row *nr = realloc(rows, ncap * sizeof(*nr));
			if (nr == NULL)
				WP_FAIL(WP_ENOMEM, "out of memory for the targets");
			rows = nr;
		}
		snprintf(where, sizeof(where), "%s:%llu", path, (unsigned long long)csv.row_line);
		row *w = &rows[n++];
		w->name = strdup(cell(&csv, k.name));
		w->email = strdup(cell(&csv, k.email));
		w->url = strdup(cell(&csv, k.url));
		w->company = strdup(cell(&csv, k.company));
		w->where = strdup(where);
		if (!w->name || !w->email || !w->url || !w->company || !w->where)
			WP_FAIL(WP_ENOMEM, "out of memory for the targets");
	}
	refs = malloc((2 * n + 1) * sizeof(*refs));
	bulk = malloc((2 * n + 1) * sizeof(*bulk));
	if (refs == NULL || bulk == NULL)
		WP_FAIL(WP_ENOMEM, "out of memory for the targets");
	for (size_t i = 0; i < n; i++) {
		refs[2 * i] = rows[i].url;
		refs[2 * i + 1] = rows[i].email;
	}
	WP_TRY(wp_workspace_people_find_keys(r->ws, refs, 2 * n, bulk, err));

	for (size_t i = 0; i < n; i++) {
		const char *name = rows[i].name, *email = rows[i].email;
		const char *url = rows[i].url, *company = rows[i].company;
		int64_t id = 0;
		msg[0] = '\0';
		/* The strongest key first: a profile, an e-mail, a name at a company, a name. */
		WP_TRY(key_or_find(r, url, bulk[2 * i], &id, err));
		if (id == 0)
			WP_TRY(key_or_find(r, email, bulk[2 * i + 1], &id, err));
		if (id == 0 && *name && *company) {
			snprintf(ref, sizeof(ref), "%s (%s)", name, company);
			WP_TRY(find_one(r, ref, &id, err));
		}
		if (id == 0)
			WP_TRY(find_one(r, name, &id, err));
		if (!intro_grow_targets(r, &cap))
			WP_FAIL(WP_ENOMEM, "out of memory for the targets");
		intro_target *t = &r->targets[r->count];
		const char *q = *name ? name : *email ? email : *url ? url : company;
		if (id != 0) {
			WP_TRY(intro_person_target(r, id, t, err));
		} else if (!*name && !*email && !*url && *company) {
			if (ci->keys == NULL)
				WP_TRY(intro_company_index_build(r, ci, err));
			WP_TRY(intro_company_targets(ci, company, t, err));
			if (t->to_count == 0)
				snprintf(msg, sizeof(msg),
				         "nobody's current company matches \"%s\"", company);
			else
				t->company = strdup(company);
		} else if (!*q) {
			snprintf(msg, sizeof(msg), "no name, e-mail, profile or company");
		} else {
			/* For the message only: the resolver says why, with suggestions. */
			int64_t dummy;
			if (wp_workspace_person_resolve(r->ws, q, &dummy, msg) == WP_OK)
				snprintf(msg, sizeof(msg), "\"%s\" fits several people", q);
		}
		if (msg[0]) {
			fprintf(stderr, "%s: %s\n", rows[i].where, msg);
			free(t->to);
			memset(t, 0, sizeof(*t));
			r->skipped++;
			continue;
		}
		t->query = strdup(q);
		t->where = strdup(rows[i].where);
		if (t->query == NULL || t->where == NULL)
			WP_FAIL(WP_ENOMEM, "out of memory for the targets");
		r->count++;
	}
	if (r->count == 0)
		WP_FAIL(WP_EINPUT, "%s: no usable prospect%s", path,
		        r->skipped ? " (every row was skipped)" : "");
fail:
	rows_free(rows, n);
	free(refs);
	free(bulk);
	wp_csvfile_close(&csv);
	if (src_open)
		wp_source_close(&src);
	return st;
}
