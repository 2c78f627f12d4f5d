/* workspace_graph.c - the people graph derived from a workspace, its labels and its cache.
 *
 * Vertices are all people in ascending id order; an edge per tie (wpi_ties_scan: every member's
 * reports of a pair combined, plus shared employers and manual strengths) weighted by its warmth
 * at the requested time. Labels are display names made unique: a name one person bears stays as
 * it is; a name several people bear becomes "Name (Company)" where a company is known; a label
 * still taken (same name and company, or no company) gets " #2", " #3", ... in id order.
 *
 * Building costs one scan of the people and one of every tie report, O(people + reports), then
 * wp_graph_build. The result is cached as a snapshot next to the workspace (path.wpg, mode 0600)
 * plus a key file (path.wpg.key) naming the workspace's data_version, the day the warmth was
 * computed for, and the snapshot's device, inode, size and modification time, so that checking
 * the cache costs a meta read and two stats; a snapshot replaced behind the key's back is not
 * trusted.
 */
#include "engine/workspace.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/snapshot.h"
#include "engine/workspace_internal.h"

#define CACHE_MAGIC "warmpath graph cache 1"

void wpi_labels_free(wp_workspace *ws)
{
	free(ws->label_ids);
	ws->label_ids = NULL;
	ws->label_count = 0;
	wp_strtab_free(&ws->label_names);
	wp_strtab_free(&ws->label_companies);
	wpi_smap_free(&ws->label_index);
	ws->label_index_valid = false;
	ws->labels_valid = false;
}

/* Index of person p in the label arrays, or UINT32_MAX. */
static uint32_t label_slot(const wp_workspace *ws, int64_t p)
{
	uint32_t lo = 0, hi = ws->label_count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ws->label_ids[mid] == p)
			return mid;
		if (ws->label_ids[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return UINT32_MAX;
}

const char *wpi_label(const wp_workspace *ws, int64_t p)
{
	uint32_t at = ws->labels_valid ? label_slot(ws, p) : UINT32_MAX;
	return at == UINT32_MAX ? "" : wp_strtab_get(&ws->label_names, at);
}

wp_status wpi_label_person(wp_workspace *ws, const char *label, int64_t *person, char *err)
{
	wp_status st = WP_OK;
	*person = 0;
	if (!ws->labels_valid)
		return WP_OK;
	if (!ws->label_index_valid) {
		for (uint32_t i = 0; i < ws->label_count; i++) {
			const char *l = wp_strtab_get(&ws->label_names, i);
			WP_TRY(wpi_smap_put(&ws->label_index, l, strlen(l), ws->label_ids[i], err));
		}
		ws->label_index_valid = true;
	}
	wpi_smap_get(&ws->label_index, label, strlen(label), person);
	return WP_OK;
fail:
	wpi_smap_free(&ws->label_index);
	return st;
}

/* 64-bit hash of a name, never 0 (wpi_imap keys are non-zero). */
static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	h ^= h >> 31;
	h *= 0x9e3779b97f4a7c15ull;
	h ^= h >> 29;
	return h ? h : 1;
}

/* Appends label to the label table, growing buf as needed: base, then " #k" for k > 1. */
static wp_status make_label(char **buf, size_t *cap, const char *name, const char *company, int k,
                            char *err)
{
	wp_status st = WP_OK;
	size_t need = strlen(name) + strlen(company) + 32;
	if (need > *cap) {
		char *l = realloc(*buf, need);
		if (l == NULL)
			WP_FAIL(WP_ENOMEM, "cannot label people");
		*buf = l;
		*cap = need;
	}
	char num[16] = "";
	if (k > 1)
		snprintf(num, sizeof(num), " #%d", k);
	if (*company)
		wpi_join(*buf, *cap, (const char *const[]){name, " (", company, ")", num},
		         k > 1 ? 5 : 4);
	else
		wpi_join(*buf, *cap, (const char *const[]){name, num}, k > 1 ? 2 : 1);
	return WP_OK;
fail:
	return st;
}

/* A hash and the person it belongs to, sorted by hash to find equal names without a hash
 * table (sequential passes instead of a cache miss per person). */
typedef struct hashed {
	uint64_t h;
	uint32_t i;
} hashed;

/* LSD radix sort by h, 8 bits a pass; tmp holds n entries. */
static void radix_sort(hashed *a, hashed *tmp, size_t n)
{
	if (n < 2)
		return;
	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[257] = {0};
		for (size_t i = 0; i < n; i++)
			count[((a[i].h >> shift) & 0xff) + 1]++;
		for (int d = 0; d < 256; d++)
			count[d + 1] += count[d];
		for (size_t i = 0; i < n; i++)
			tmp[count[(a[i].h >> shift) & 0xff]++] = a[i];
		memcpy(a, tmp, n * sizeof(*a));
	}
}

/* A sorted hash array with a direct index on the hashes' top bits: a lookup reads one index
 * entry and a run of about one element (hashes are uniform), not log n scattered ones. */
typedef struct hindex {
	const hashed *a;
	size_t n;
	uint32_t *start; /* 2^bits + 1 entries: first element of each top-bits bucket */
	int shift;       /* 64 - bits */
} hindex;

static wp_status hindex_build(hindex *x, const hashed *a, size_t n, char *err)
{
	wp_status st = WP_OK;
	int bits = 8;
	while (((size_t)1 << bits) < n && bits < 24)
		bits++;
	x->a = a;
	x->n = n;
	x->shift = 64 - bits;
	x->start = malloc((((size_t)1 << bits) + 1) * sizeof(*x->start));
	if (x->start == NULL)
		WP_FAIL(WP_ENOMEM, "cannot index %zu labels", n);
	size_t j = 0;
	for (size_t b = 0; b <= (size_t)1 << bits; b++) {
		while (j < n && (a[j].h >> x->shift) < b)
			j++;
		x->start[b] = (uint32_t)j;
	}
	return WP_OK;
fail:
	return st;
}

static bool hindex_has(const hindex *x, uint64_t h)
{
	size_t b = (size_t)(h >> x->shift);
	for (uint32_t i = x->start[b]; i < x->start[b + 1]; i++)
		if (x->a[i].h == h)
			return true;
	return false;
}

/* Flag in base_runs: the base is also someone's plain name (by hash). */
#define NAMED 0x80000000u

/* For sorted a[0..n), the size of each entry's run of equal hashes, stored by person index. */
static void run_sizes(const hashed *a, size_t n, uint32_t *size)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && a[j].h == a[i].h)
			j++;
		for (size_t k = i; k < j; k++)
			size[a[k].i] = (uint32_t)(j - i);
		i = j;
	}
}

/* Labels (see the top of the file), from hashes sorted once:
 *  1. names: a name borne by one person is that person's label;
 *  2. bases, over people whose name is shared: base = "Name (Company)", or the name;
 *  3. a base borne once that is nobody's plain name is the label; the rest (same name and
 *     company, or a base equal to someone's name) go through an exact set of the labels made so
 *     far, taking base, base #2, ... while the candidate is taken or (by hash) might be someone
 *     else's label.
 * A hash collision can only make a label longer than needed, never two labels equal. O(people)
 * plus O(log people) per person with a shared name. */
wp_status wpi_labels_refresh(wp_workspace *ws, char *err)
{
	wp_status st = WP_OK;
	sqlite3_stmt *s = NULL;
	wpi_smap made = {0};
	wp_strtab plain = {0};
	hashed *names = NULL, *bases = NULL, *tmp = NULL;
	hindex name_index = {0}, base_index = {0};
	uint32_t *name_runs = NULL, *base_runs = NULL;
	uint64_t *base_hash = NULL;
	size_t cap = 0, label_cap = 0, nb = 0;
	int64_t version = 0, have;
	char *label = NULL;
	int rc;

	WP_TRY(wpi_meta_get(ws, "data_version", &version, err));
	if (ws->labels_valid && ws->labels_version == (uint64_t)version)
		return WP_OK;
	wpi_labels_free(ws);
	WP_TRY(wpi_prepare(ws, "SELECT id, name, company FROM people ORDER BY id", &s, err));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (ws->label_count == cap) {
			cap = cap ? cap * 2 : 1024;
			int64_t *x = realloc(ws->label_ids, cap * sizeof(*x));
			if (x == NULL)
				WP_FAIL(WP_ENOMEM, "cannot label %zu people", cap);
			ws->label_ids = x;
		}
		const char *name = wpi_col_text(s, 1), *company = wpi_col_text(s, 2);
		ws->label_ids[ws->label_count++] = sqlite3_column_int64(s, 0);
		WP_TRY(wp_strtab_append(&plain, name, strlen(name), err));
		WP_TRY(wp_strtab_append(&ws->label_companies, company, strlen(company), err));
	}
	if (rc != SQLITE_DONE)
		WP_TRY(wpi_sqlerr(ws, err, "cannot read people"));
	sqlite3_finalize(s);
	s = NULL;
	size_t n = ws->label_count;
	assert(plain.count == n && (n == 0 || plain.offsets != NULL));
	names = malloc((n + 1) * sizeof(*names));
	tmp = malloc((n + 1) * sizeof(*tmp));
	bases = malloc((n + 1) * sizeof(*bases));
	name_runs = calloc(n + 1, sizeof(*name_runs));
	base_runs = calloc(n + 1, sizeof(*base_runs));
	base_hash = calloc(n + 1, sizeof(*base_hash));
	if (names == NULL || tmp == NULL || bases == NULL || name_runs == NULL ||
	    base_runs == NULL || base_hash == NULL)
		WP_FAIL(WP_ENOMEM, "cannot label %zu people", n);
	for (uint32_t i = 0; i < n; i++)
		names[i] = (hashed){.h = name_hash(wp_strtab_get(&plain, i)), .i = i};
	radix_sort(names, tmp, n);
	run_sizes(names, n, name_runs);

	for (uint32_t i = 0; i < n; i++) {
		if (name_runs[i] == 1)
			continue;
		WP_TRY(make_label(&label, &label_cap, wp_strtab_get(&plain, i),
		                  wp_strtab_get(&ws->label_companies, i), 1, err));
		base_hash[i] = name_hash(label);
		bases[nb++] = (hashed){.h = base_hash[i], .i = i};
	}
	radix_sort(bases, tmp, nb);
	run_sizes(bases, nb, base_runs);
	/* Which bases are also someone's name: one merge walk of the two sorted arrays. */
	for (size_t x = 0, y = 0; x < nb; x++) {
		while (y < n && names[y].h < bases[x].h)
			y++;
		if (y < n && names[y].h == bases[x].h)
			base_runs[bases[x].i] |= NAMED;
	}
	WP_TRY(hindex_build(&name_index, names, n, err));
	WP_TRY(hindex_build(&base_index, bases, nb, err));

	for (uint32_t i = 0; i < n; i++) {
		const char *name = wp_strtab_get(&plain, i);
		const char *company = wp_strtab_get(&ws->label_companies, i);
		if (name_runs[i] == 1) {
			WP_TRY(wp_strtab_append(&ws->label_names, name, strlen(name), err));
			continue;
		}
		WP_TRY(make_label(&label, &label_cap, name, company, 1, err));
		if (label == NULL)
			WP_FAIL(WP_ENOMEM, "cannot label people");
		bool is_name = !*company;
		if ((base_runs[i] & ~NAMED) == 1 && (is_name || !(base_runs[i] & NAMED))) {
			WP_TRY(wp_strtab_append(&ws->label_names, label, strlen(label), err));
			continue;
		}
		/* made[base] remembers the next suffix to try, so a group of d people with one
		 * base costs O(d), not O(d^2). */
		int64_t next = 1;
		size_t base_len = strlen(label);
		char *base = strdup(label);
		if (base == NULL)
			WP_FAIL(WP_ENOMEM, "cannot label people");
		if (wpi_smap_get(&made, base, base_len, &next) && next < 2)
			next = 2;
		int k = (int)next;
		for (;; k++) {
			if (k > 1)
				st = make_label(&label, &label_cap, name, company, k, err);
			if (st != WP_OK)
				break;
			bool taken = wpi_smap_get(&made, label, strlen(label), &have);
			if (!taken && k == 1)
				taken = !is_name && (base_runs[i] & NAMED);
			if (!taken && k > 1) {
				uint64_t h = name_hash(label);
				taken = hindex_has(&name_index, h) || hindex_has(&base_index, h);
			}
			if (!taken)
				break;
		}
		if (st == WP_OK)
			st = wpi_smap_put(&made, base, base_len, k + 1, err);
		free(base);
		WP_TRY(st);
		if (k > 1)
			WP_TRY(wpi_smap_put(&made, label, strlen(label), 0, err));
		WP_TRY(wp_strtab_append(&ws->label_names, label, strlen(label), err));
	}
	ws->labels_valid = true;
	ws->labels_version = (uint64_t)version;
	st = WP_OK;
fail:
	sqlite3_finalize(s);
	wpi_smap_free(&made);
	wp_strtab_free(&plain);
	free(names);
	free(bases);
	free(tmp);
	free(name_runs);
	free(base_runs);
	free(base_hash);
	free(name_index.start);
	free(base_index.start);
	free(label);
	if (st != WP_OK)
		wpi_labels_free(ws);
	return st;
}

/* ---- Building ------------------------------------------------------------------------------ */

typedef struct build_ctx {
	wp_edgebuf *eb;
	const uint32_t *vertex; /* person id -> vertex, WP_NO_VERTEX for none */
	int64_t max_id;
	int64_t now;
} build_ctx;

static wp_status add_edge(void *ctx, int64_t lo, int64_t hi, const wp_warmth_parts *parts,
                          char *err)
{
	build_ctx *c = ctx;
	double w = wp_warmth_at(parts, c->now);
	if (w <= 0 || lo > c->max_id || hi > c->max_id || c->vertex[lo] == WP_NO_VERTEX ||
	    c->vertex[hi] == WP_NO_VERTEX)
		return WP_OK;
	return wp_edgebuf_push_weighted(c->eb, c->vertex[lo], c->vertex[hi], (float)w, err);
}

/* Writes the decimal digits of v >= 0 into buf (at least 21 bytes) and returns their count. */
static size_t decimal(int64_t v, char *buf)
{
	char tmp[24];
	size_t n = 0;
	uint64_t u = (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

/* Copies table from into the empty table to. */
static wp_status copy_strtab(wp_strtab *to, const wp_strtab *from, char *err)
{
	wp_status st = WP_OK;
	memset(to, 0, sizeof(*to));
	if (from->count == 0)
		return WP_OK;
	to->offsets = malloc(((size_t)from->count + 1) * sizeof(*to->offsets));
	to->bytes = malloc(from->used ? from->used : 1);
	if (to->offsets == NULL || to->bytes == NULL)
		WP_FAIL(WP_ENOMEM, "cannot copy %u labels", from->count);
	memcpy(to->offsets, from->offsets, ((size_t)from->count + 1) * sizeof(*to->offsets));
	memcpy(to->bytes, from->bytes, from->used);
	to->count = from->count;
	to->cap = from->count + 1;
	to->used = to->bytes_cap = from->used;
	return WP_OK;
fail:
	free(to->offsets);
	free(to->bytes);
	memset(to, 0, sizeof(*to));
	return st;
}

/* Adds a dense attribute column (one value per vertex, in vertex order), moving *values in.
 * The column is complete, so wp_attrs_finalize leaves it as it is (owners == NULL). */
static wp_status add_column(wp_attrs *a, const char *name, wp_strtab *values, char *err)
{
	wp_status st = WP_OK;
	if (a->count == a->cap) {
		uint32_t cap = a->cap ? a->cap * 2 : 4;
		wp_attr_column *cols = realloc(a->cols, cap * sizeof(*cols));
		if (cols == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate attribute columns");
		a->cols = cols;
		a->cap = cap;
	}
	wp_attr_column *col = &a->cols[a->count];
	memset(col, 0, sizeof(*col));
	col->name = strdup(name);
	if (col->name == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate an attribute name");
	col->values = *values;
	memset(values, 0, sizeof(*values));
	a->count++;
	return WP_OK;
fail:
	return st;
}

static wp_status build(wp_workspace *ws, int64_t now, wp_graph *g, char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf eb = {0};
	wpi_members members = {0};
	wp_strtab ids = {0}, member = {0}, companies = {0};
	uint32_t *vertex = NULL;
	bool began = false;
	char num[32];

	WP_TRY(wpi_exec(ws, "BEGIN", err));
	began = true;
	WP_TRY(wpi_labels_refresh(ws, err));
	WP_TRY(wpi_members_load(ws, &members, err));
	uint32_t n = ws->label_count;
	int64_t max_id = n ? ws->label_ids[n - 1] : 0;
	if (n >= 0x80000000u)
		WP_FAIL(WP_ELIMIT, "%s: more than 2^31 people", ws->path);
	vertex = malloc(((size_t)max_id + 1) * sizeof(*vertex));
	if (vertex == NULL)
		WP_FAIL(WP_ENOMEM, "cannot index %lld people", (long long)max_id);
	memset(vertex, 0xff, ((size_t)max_id + 1) * sizeof(*vertex));
	for (uint32_t v = 0; v < n; v++)
		vertex[ws->label_ids[v]] = v;
	for (size_t i = 0; i < members.count; i++)
		if (members.items[i].person > 0 && members.items[i].person <= max_id &&
		    vertex[members.items[i].person] != WP_NO_VERTEX)
			vertex[members.items[i].person] |= 0x80000000u; /* marks members, below */
	/* The labels are unique by construction: they go in as a plain table, indexed on first
	 * lookup (as a loaded snapshot's are) rather than hashed here for nothing. */
	WP_TRY(copy_strtab(&eb.labels.names, &ws->label_names, err));
	eb.labels.indexed = false;
	for (uint32_t v = 0; v < n; v++) {
		bool is_member = (vertex[ws->label_ids[v]] & 0x80000000u) != 0;
		vertex[ws->label_ids[v]] = v;
		size_t len = decimal(ws->label_ids[v], num);
		WP_TRY(wp_strtab_append(&ids, num, len, err));
		WP_TRY(wp_strtab_append(&member, "1", is_member ? 1 : 0, err));
	}
	if (n > 0) {
		for (uint32_t v = 0; v < n; v++) {
			const char *c = wp_strtab_get(&ws->label_companies, v);
			WP_TRY(wp_strtab_append(&companies, c, strlen(c), err));
		}
		WP_TRY(add_column(&eb.attrs, "person_id", &ids, err));
		WP_TRY(add_column(&eb.attrs, "company", &companies, err));
		WP_TRY(add_column(&eb.attrs, "member", &member, err));
	}
	build_ctx ctx = {.eb = &eb, .vertex = vertex, .max_id = max_id, .now = now};
	WP_TRY(wpi_ties_scan(ws, add_edge, &ctx, err));
	WP_TRY(wpi_exec(ws, "COMMIT", err));
	began = false;
	WP_TRY(wp_graph_build(g, &eb, false, err));
	st = WP_OK;
fail:
	if (began)
		wpi_rollback(ws);
	wp_edgebuf_free(&eb);
	wp_strtab_free(&ids);
	wp_strtab_free(&member);
	wp_strtab_free(&companies);
	free(vertex);
	wpi_members_free(&members);
	return st;
}

/* ---- The cache ------------------------------------------------------------------------------- */

static bool cache_paths(const wp_workspace *ws, char *snap, char *key, size_t len)
{
	return snprintf(snap, len, "%s.wpg", ws->path) < (int)len &&
	       snprintf(key, len, "%s.wpg.key", ws->path) < (int)len;
}

static void cache_line(char *buf, size_t len, uint64_t version, int64_t day, const struct stat *sb)
{
	snprintf(buf, len, CACHE_MAGIC " %" PRIu64 " %" PRId64 " %llu %llu %lld %lld %ld\n",
	         version, day, (unsigned long long)sb->st_dev, (unsigned long long)sb->st_ino,
	         (long long)sb->st_size, (long long)sb->st_mtim.tv_sec, (long)sb->st_mtim.tv_nsec);
}

static bool cache_load(wp_workspace *ws, uint64_t version, int64_t day, wp_graph *g)
{
	char snap[4096], key[4096], want[256], have[256];
	struct stat sb;
	if (!cache_paths(ws, snap, key, sizeof(snap)) || stat(snap, &sb) != 0)
		return false;
	FILE *f = fopen(key, "r");
	if (f == NULL)
		return false;
	bool ok = fgets(have, sizeof(have), f) != NULL;
	fclose(f);
	cache_line(want, sizeof(want), version, day, &sb);
	if (!ok || strcmp(want, have) != 0)
		return false;
	if (wp_snapshot_load(g, snap, NULL) != WP_OK)
		return false;
	if (wp_attrs_find(&g->attrs, "person_id") < 0 && g->n > 0) {
		wp_graph_free(g);
		return false;
	}
	return true;
}

/* Writes the snapshot and its key; failures leave no key (so no stale cache is trusted). */
static void cache_store(wp_workspace *ws, uint64_t version, int64_t day, const wp_graph *g)
{
	char snap[4096], key[4096], tmp[4200], line[256];
	struct stat sb;
	if (!cache_paths(ws, snap, key, sizeof(snap)))
		return;
	unlink(key);
	if (wp_snapshot_write(g, snap, NULL) != WP_OK || stat(snap, &sb) != 0)
		return;
	cache_line(line, sizeof(line), version, day, &sb);
	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", key, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	size_t len = strlen(line);
	bool ok = write(fd, line, len) == (ssize_t)len;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, key) != 0)
		unlink(tmp);
}

wp_status wp_workspace_graph_opts(wp_workspace *ws, const wp_workspace_graph_options *opts,
                                  wp_graph *g, bool *from_cache, char *err)
{
	wp_status st = WP_OK;
	int64_t version = 0;
	int64_t now = opts->now ? opts->now : wp_workspace_now(ws);
	int64_t day = now / 86400;
	memset(g, 0, sizeof(*g));
	if (from_cache != NULL)
		*from_cache = false;
	WP_TRY(wpi_meta_get(ws, "data_version", &version, err));
	if (opts->use_cache && cache_load(ws, (uint64_t)version, day, g)) {
		if (from_cache != NULL)
			*from_cache = true;
		return WP_OK;
	}
	WP_TRY(build(ws, now, g, err));
	/* The version read before building may be older than what was built if another process
	 * wrote in between; keying the cache with it only causes one needless rebuild later. */
	if (opts->use_cache)
		cache_store(ws, (uint64_t)version, day, g);
	return WP_OK;
fail:
	return st;
}

wp_status wp_workspace_graph(wp_workspace *ws, wp_graph *g, char *err)
{
	const wp_workspace_graph_options opts = WP_WORKSPACE_GRAPH_DEFAULTS;
	return wp_workspace_graph_opts(ws, &opts, g, NULL, err);
}

int64_t wp_workspace_vertex_person(const wp_graph *g, wp_vertex v)
{
	int c = wp_attrs_find(&g->attrs, "person_id");
	if (c < 0 || v >= g->n)
		return 0;
	return strtoll(wp_attrs_get(&g->attrs, c, v), NULL, 10);
}

wp_vertex wp_workspace_vertex(const wp_graph *g, int64_t person_id)
{
	int c = wp_attrs_find(&g->attrs, "person_id");
	if (c < 0)
		return WP_NO_VERTEX;
	uint32_t lo = 0, hi = g->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int64_t p = strtoll(wp_attrs_get(&g->attrs, c, mid), NULL, 10);
		if (p == person_id)
			return mid;
		if (p < person_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return WP_NO_VERTEX;
}
