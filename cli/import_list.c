/* import_list.c - `warmpath import --members FILE`: many members' exports in one run.
 *
 * FILE is a CSV with a header naming the columns `member`, `path` and optionally `member_url`,
 * one export file per row; a member with several files has several rows (in any order). Relative
 * paths are relative to FILE's folder, so the list can travel with the archives. Every row is
 * checked, and every path must exist, before anything is imported; then each member is imported
 * in its own transaction (importers/import_members.h: the next member's files are parsed while
 * the current one is written), so a member whose files turn out to be unreadable is reported and
 * skipped without touching the others.
 */
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/import_list.h"
#include "cli/session.h"
#include "cli/table.h"
#include "engine/identity.h"
#include "importers/csvfile.h"
#include "importers/import_members.h"

/* The members of the list, their paths owned here. */
typedef struct member_list {
	wp_member_export *members;
	size_t count;
	char **strings; /* everything allocated for the members, freed together */
	size_t nstrings, strings_cap;
	char **paths; /* every member's paths, in member order (members point into it) */
	size_t npaths;
} member_list;

static void list_free(member_list *l)
{
	for (size_t i = 0; i < l->nstrings; i++)
		free(l->strings[i]);
	free(l->strings);
	free(l->members);
	free(l->paths);
	memset(l, 0, sizeof(*l));
}

/* Keeps s (a copy) for the list's lifetime; NULL when out of memory. */
static char *keep(member_list *l, const char *s, size_t len)
{
	if (l->nstrings == l->strings_cap) {
		size_t cap = l->strings_cap ? 2 * l->strings_cap : 64;
		char **p = realloc(l->strings, cap * sizeof(*p));
		if (p == NULL)
			return NULL;
		l->strings = p;
		l->strings_cap = cap;
	}
	char *c = malloc(len + 1);
	if (c == NULL)
		return NULL;
	memcpy(c, s, len);
	c[len] = '\0';
	l->strings[l->nstrings++] = c;
	return c;
}

/* One row as read, before rows are grouped by member. */
typedef struct row {
	const char *member, *url, *path;
	uint64_t line;
} row;

/* The index of columns named name in the header, or -1. */
static int column(const wp_csvfile *c, const char *name)
{
	for (uint32_t i = 0; i < c->count; i++)
		if (wp_csv_name_eq(c->fields[i], name))
			return (int)i;
	return -1;
}

/* path as given if absolute, else relative to the list's folder. */
static char *resolve_path(member_list *l, const char *dir, const char *path)
{
	if (path[0] == '/' || strcmp(dir, ".") == 0)
		return keep(l, path, strlen(path));
	size_t len = strlen(dir) + 1 + strlen(path);
	char *buf = malloc(len + 1);
	if (buf == NULL)
		return NULL;
	snprintf(buf, len + 1, "%s/%s", dir, path);
	char *kept = keep(l, buf, len);
	free(buf);
	return kept;
}

/* Reads every row of the list, checking each. */
static wp_status read_rows(const char *file, member_list *l, row **rows_out, size_t *nrows,
                           char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	wp_csvfile csv = {0};
	row *rows = NULL;
	size_t n = 0, cap = 0;
	bool got;
	char *dir_buf = strdup(file);
	if (dir_buf == NULL)
		WP_FAIL(WP_ENOMEM, "cannot copy a file name");
	const char *dir = dirname(dir_buf);
	WP_TRY(wp_source_open(&src, file, err));
	WP_TRY(wp_csvfile_open(&csv, &src, err));
	WP_TRY(wp_csvfile_next(&csv, &got, err));
	if (!got)
		WP_FAIL(WP_EINPUT,
		        "%s:1: the list is empty; expected a header: member,member_url,path", file);
	int cm = column(&csv, "member"), cu = column(&csv, "member_url"), cp = column(&csv, "path");
	if (cm < 0 || cp < 0)
		WP_FAIL(WP_EINPUT,
		        "%s:%llu: expected a header naming the columns member and path (and "
		        "optionally member_url)",
		        file, (unsigned long long)csv.row_line);
	for (;;) {
		WP_TRY(wp_csvfile_next(&csv, &got, err));
		if (!got)
			break;
		if (wp_csvfile_blank(&csv))
			continue;
		unsigned long long line = (unsigned long long)csv.row_line;
		const char *m = (uint32_t)cm < csv.count ? csv.fields[cm] : "";
		const char *p = (uint32_t)cp < csv.count ? csv.fields[cp] : "";
		const char *u = cu >= 0 && (uint32_t)cu < csv.count ? csv.fields[cu] : "";
		char slug[WP_KEY_LEN];
		if (m[0] == '\0')
			WP_FAIL(WP_EINPUT, "%s:%llu: the member's name is empty", file, line);
		if (p[0] == '\0')
			WP_FAIL(WP_EINPUT, "%s:%llu: the path is empty", file, line);
		if (u[0] != '\0' && !wp_identity_slug(u, slug))
			WP_FAIL(WP_EINPUT,
			        "%s:%llu: member_url must be a LinkedIn profile URL "
			        "(https://www.linkedin.com/in/...)",
			        file, line);
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			row *r = realloc(rows, cap * sizeof(*r));
			if (r == NULL)
				WP_FAIL(WP_ENOMEM, "cannot hold %zu rows", n + 1);
			rows = r;
		}
		row *r = &rows[n];
		r->line = line;
		r->member = keep(l, m, strlen(m));
		r->url = u[0] ? keep(l, u, strlen(u)) : NULL;
		r->path = resolve_path(l, dir, p);
		if (r->member == NULL || (u[0] && r->url == NULL) || r->path == NULL)
			WP_FAIL(WP_ENOMEM, "cannot hold the list");
		struct stat sb;
		if (stat(r->path, &sb) != 0)
			WP_FAIL(WP_EINPUT, "%s:%llu: %s: cannot open: %s", file, line, r->path,
			        strerror(errno));
		n++;
	}
	if (n == 0)
		WP_FAIL(WP_EINPUT, "%s: the list names no member (one row per export file)", file);
	*rows_out = rows;
	*nrows = n;
	rows = NULL;
fail:
	free(rows);
	wp_csvfile_close(&csv);
	wp_source_close(&src);
	free(dir_buf);
	return st;
}

/* Groups the rows by member name, in order of first appearance. */
static wp_status group_rows(const char *file, const row *rows, size_t n, member_list *l, char *err)
{
	wp_status st = WP_OK;
	/* n + 1: read_rows refuses an empty list, but never ask calloc for zero bytes. */
	bool *taken = calloc(n + 1, sizeof(*taken));
	l->members = calloc(n + 1, sizeof(*l->members));
	l->paths = calloc(n + 1, sizeof(*l->paths));
	if (taken == NULL || l->members == NULL || l->paths == NULL)
		WP_FAIL(WP_ENOMEM, "cannot hold %zu members", n);
	for (size_t i = 0; i < n; i++) {
		if (taken[i])
			continue;
		wp_member_export *m = &l->members[l->count++];
		m->name = rows[i].member;
		m->url = rows[i].url;
		m->paths = (const char *const *)&l->paths[l->npaths];
		for (size_t j = i; j < n; j++) {
			if (taken[j] || strcmp(rows[j].member, m->name) != 0)
				continue;
			if (rows[j].url != NULL && m->url != NULL &&
			    strcmp(rows[j].url, m->url) != 0)
				WP_FAIL(WP_EINPUT,
				        "%s:%llu: member \"%s\" has another member_url on an "
				        "earlier "
				        "row; give one URL per member",
				        file, (unsigned long long)rows[j].line, m->name);
			if (m->url == NULL)
				m->url = rows[j].url;
			taken[j] = true;
			l->paths[l->npaths++] = (char *)rows[j].path;
			m->paths_count++;
		}
	}
fail:
	free(taken);
	return st;
}

/* Collects each member's outcome for the report, and prints failures as they happen. */
typedef struct outcome {
	bool reported; /* false: the run stopped before this member */
	wp_status status;
	char *reason;
	uint32_t files;
	uint64_t rows, skipped;
	wp_import_summary sum;
	double read_s, write_s;
} outcome;

typedef struct run {
	const member_list *list;
	outcome *out;
} run;

static void on_member(void *ctx, const wp_member_result *r)
{
	run *rn = ctx;
	outcome *o = &rn->out[r->index];
	const wp_member_export *m = &rn->list->members[r->index];
	o->reported = true;
	o->status = r->status;
	o->read_s = r->read_s;
	o->write_s = r->write_s;
	o->files = r->batch->files_count;
	for (uint32_t i = 0; i < r->batch->files_count; i++) {
		o->rows += r->batch->files[i].rows;
		o->skipped += r->batch->files[i].skipped;
	}
	if (r->summary != NULL)
		o->sum = *r->summary;
	if (r->status != WP_OK) {
		o->reason = strdup(r->err);
		fprintf(stderr, "warmpath: %s: not imported: %s\n", m->name, r->err);
	} else if (r->batch->warnings.count > 0) {
		fprintf(stderr, "warmpath: %s: %u bad row%s skipped (the first: %s)\n", m->name,
		        r->batch->warnings.count, r->batch->warnings.count == 1 ? "" : "s",
		        wp_strtab_get(&r->batch->warnings, 0));
	}
}

static int print_outcomes(const member_list *l, const outcome *out, cli_output fmt)
{
	static const cli_column cols[] = {{"member", false, 32},     {"status", false, 60},
	                                  {"files", true, 0},        {"rows", true, 0},
	                                  {"skipped", true, 0},      {"people", true, 0},
	                                  {"people_added", true, 0}, {"ties", true, 0},
	                                  {"ties_added", true, 0},   {"ties_removed", true, 0}};
	cli_table t;
	cli_table_init(&t, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < l->count; i++) {
		const outcome *o = &out[i];
		typedef unsigned long long ull;
		cli_table_add(&t, l->members[i].name);
		if (!o->reported)
			cli_table_add(&t, "not imported: the run stopped before this member");
		else if (o->status != WP_OK)
			cli_table_add(&t, o->reason ? o->reason : wp_status_name(o->status));
		else
			cli_table_add(&t, o->sum.unchanged ? "unchanged" : "imported");
		cli_table_addf(&t, "%u", o->files);
		cli_table_addf(&t, "%llu", (ull)o->rows);
		cli_table_addf(&t, "%llu", (ull)o->skipped);
		if (o->reported && o->status == WP_OK) {
			cli_table_addf(&t, "%llu", (ull)o->sum.people);
			cli_table_addf(&t, "%llu", (ull)o->sum.people_added);
			cli_table_addf(&t, "%llu", (ull)o->sum.ties);
			cli_table_addf(&t, "%llu", (ull)o->sum.ties_added);
			cli_table_addf(&t, "%llu", (ull)o->sum.ties_removed);
		} else {
			for (int k = 0; k < 5; k++)
				cli_table_add(&t, "");
		}
	}
	int rc = cli_table_print(&t, fmt, stdout);
	cli_table_free(&t);
	return rc;
}

int cli_import_list(const char *ws_path, const char *list_path, const wp_import_members_opts *base,
                    cli_output fmt)
{
	char err[WP_ERR_LEN] = "";
	member_list l = {0};
	row *rows = NULL;
	size_t nrows = 0;
	outcome *out = NULL;
	wp_workspace *ws = NULL;
	int rc;
	wp_status st = read_rows(list_path, &l, &rows, &nrows, err);
	if (st == WP_OK)
		st = group_rows(list_path, rows, nrows, &l, err);
	free(rows);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	out = calloc(l.count + 1, sizeof(*out)); /* + 1: as in group_rows */
	if (out == NULL) {
		rc = cli_fail(WP_ENOMEM, "cannot hold the members' outcomes");
		goto done;
	}
	rc = cli_workspace_open("import", ws_path, true, &ws);
	if (rc != CLI_OK)
		goto done;
	run rn = {.list = &l, .out = out};
	wp_import_members_opts opts = *base;
	opts.report = on_member;
	opts.ctx = &rn;
	st = wp_import_members(ws, l.members, l.count, &opts, err);
	rc = print_outcomes(&l, out, fmt);
	if (st != WP_OK) {
		size_t failed = 0;
		for (size_t i = 0; i < l.count; i++)
			failed += !out[i].reported || out[i].status != WP_OK;
		fprintf(stderr,
		        "warmpath: %zu of %zu members not imported (see above); the others "
		        "are in the workspace\n",
		        failed, l.count);
		rc = cli_exit_code(st);
	}
done:
	for (size_t i = 0; out != NULL && i < l.count; i++)
		free(out[i].reason);
	free(out);
	wp_workspace_close(ws);
	list_free(&l);
	return rc;
}
