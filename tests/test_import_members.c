/* test_import_members.c - wp_import_members: many members' exports, read ahead on a thread.
 *
 * The oracle is the plain loop it replaces: parse a member, import the batch, next member. Both
 * run on the bundled sample's five archives into fresh workspaces, and every count and the
 * people graph's edges must agree; then the failure paths: a member whose file is missing or who
 * has no files is reported and skipped while the others land, in order, and a run of nobody is
 * a no-op.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/contacts.h"
#include "engine/workspace.h"
#include "importers/exports.h"
#include "importers/import_members.h"

#define SAMPLE "examples/sample"
#define MAX_MEMBERS 8

/* The sample's members, from members.tsv, with their archive paths. */
typedef struct sample {
	char names[MAX_MEMBERS][128], urls[MAX_MEMBERS][256], paths[MAX_MEMBERS][300];
	const char *path_ptrs[MAX_MEMBERS];
	wp_member_export members[MAX_MEMBERS];
	size_t count;
} sample;

static void load_sample(sample *s)
{
	FILE *f = fopen(SAMPLE "/members.tsv", "r");
	char line[1024];
	memset(s, 0, sizeof(*s));
	cr_assert(not(eq(ptr, f, NULL)));
	cr_assert(not(eq(ptr, fgets(line, sizeof(line), f), NULL)));
	while (s->count < MAX_MEMBERS && fgets(line, sizeof(line), f)) {
		size_t i = s->count++;
		char *save = NULL;
		char *path = strtok_r(line, "\t\n", &save);
		char *name = strtok_r(NULL, "\t\n", &save);
		char *url = strtok_r(NULL, "\t\n", &save);
		cr_assert(path && name && url);
		snprintf(s->paths[i], sizeof(s->paths[i]), SAMPLE "/%s", path);
		snprintf(s->names[i], sizeof(s->names[i]), "%s", name);
		snprintf(s->urls[i], sizeof(s->urls[i]), "%s", url);
		s->path_ptrs[i] = s->paths[i];
		s->members[i] = (wp_member_export){.name = s->names[i],
		                                   .url = s->urls[i],
		                                   .paths = &s->path_ptrs[i],
		                                   .paths_count = 1};
	}
	fclose(f);
	cr_assert(eq(sz, s->count, 5));
}

static wp_workspace *fresh_workspace(char *path)
{
	char err[WP_ERR_LEN] = "";
	wp_workspace *ws = NULL;
	strcpy(path, "/tmp/wp_impmem_XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	close(fd);
	unlink(path);
	cr_assert(eq(int, wp_workspace_open(&ws, path, true, err), WP_OK), "%s", err);
	wp_workspace_set_clock(ws, 1795478400); /* 2026-11-24 */
	return ws;
}

static void remove_workspace(const char *path)
{
	char p[128];
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s.wpg", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s.wpg.key", path);
	unlink(p);
}

/* What the report callback saw. */
typedef struct seen {
	size_t order[MAX_MEMBERS];
	wp_status status[MAX_MEMBERS];
	char err[MAX_MEMBERS][WP_ERR_LEN];
	uint64_t ties[MAX_MEMBERS];
	size_t calls;
} seen;

static void on_member(void *ctx, const wp_member_result *r)
{
	seen *s = ctx;
	cr_assert(lt(sz, s->calls, MAX_MEMBERS));
	s->order[s->calls] = r->index;
	s->status[s->calls] = r->status;
	snprintf(s->err[s->calls], WP_ERR_LEN, "%s", r->status == WP_OK ? "" : r->err);
	s->ties[s->calls] = r->summary ? r->summary->ties : 0;
	cr_assert(eq(int, r->summary != NULL, r->status == WP_OK));
	cr_assert(not(eq(ptr, (void *)r->batch, NULL)));
	s->calls++;
}

static void stats_of(wp_workspace *ws, wp_workspace_stats *st)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_stats_get(ws, st, err), WP_OK), "%s", err);
}

Test(import_members, reading_ahead_imports_exactly_what_the_plain_loop_does)
{
	sample s;
	seen got = {0};
	char err[WP_ERR_LEN] = "", p1[64], p2[64];
	load_sample(&s);

	wp_workspace *piped = fresh_workspace(p1);
	wp_import_members_opts opts = {.report = on_member, .ctx = &got};
	cr_assert(eq(int, wp_import_members(piped, s.members, s.count, &opts, err), WP_OK), "%s",
	          err);
	cr_assert(eq(sz, got.calls, s.count));
	for (size_t i = 0; i < s.count; i++) {
		cr_assert(eq(sz, got.order[i], i), "reports come in member order");
		cr_assert(eq(int, got.status[i], WP_OK), "%s", got.err[i]);
	}

	wp_workspace *plain = fresh_workspace(p2);
	for (size_t i = 0; i < s.count; i++) {
		wp_contacts c;
		wp_import_summary sum;
		cr_assert(eq(int, wp_contacts_init(&c, s.names[i], s.urls[i], err), WP_OK));
		wp_export_kind kind;
		cr_assert(eq(int, wp_export_kind_of(s.paths[i], &kind, err), WP_OK), "%s", err);
		cr_assert(eq(int, wp_export_read(s.paths[i], kind, NULL, &c, err), WP_OK), "%s",
		          err);
		cr_assert(eq(int, wp_workspace_import(plain, s.names[i], &c, s.paths[i], &sum, err),
		             WP_OK),
		          "%s", err);
		cr_assert(eq(u64, sum.ties, got.ties[i]), "member %zu", i);
		wp_contacts_free(&c);
	}

	wp_workspace_stats a, b;
	stats_of(piped, &a);
	stats_of(plain, &b);
	cr_assert(eq(u64, a.members, 5));
	cr_assert(eq(u64, a.people, b.people));
	cr_assert(eq(u64, a.ties, b.ties));
	cr_assert(eq(u64, a.mentions, b.mentions));
	cr_assert(eq(u64, a.contributions, b.contributions));
	for (int k = 0; k < WP_BUCKETS; k++)
		cr_assert(eq(u64, a.buckets[k], b.buckets[k]));

	wp_graph ga = {0}, gb = {0};
	cr_assert(eq(int, wp_workspace_graph(piped, &ga, err), WP_OK), "%s", err);
	cr_assert(eq(int, wp_workspace_graph(plain, &gb, err), WP_OK), "%s", err);
	cr_assert(eq(u32, ga.n, gb.n));
	cr_assert(eq(u64, wp_graph_edges(&ga), wp_graph_edges(&gb)));
	cr_assert(
	        eq(int, memcmp(ga.targets, gb.targets, ga.offsets[ga.n] * sizeof(*ga.targets)), 0));
	wp_graph_free(&ga);
	wp_graph_free(&gb);
	wp_workspace_close(piped);
	wp_workspace_close(plain);
	remove_workspace(p1);
	remove_workspace(p2);
}

Test(import_members, a_member_who_cannot_be_read_is_skipped_and_the_rest_imported)
{
	sample s;
	seen got = {0};
	char err[WP_ERR_LEN] = "", p[64];
	load_sample(&s);
	static const char *missing = SAMPLE "/no-such-archive.zip";
	s.members[1].paths = &missing; /* a file that is not there */
	s.members[3].paths_count = 0;  /* no files at all */

	wp_workspace *ws = fresh_workspace(p);
	wp_import_members_opts opts = {.report = on_member, .ctx = &got};
	wp_status st = wp_import_members(ws, s.members, s.count, &opts, err);
	cr_assert(eq(int, st, WP_EIO), "the first failure's status");
	cr_assert(not(eq(ptr, strstr(err, "no-such-archive.zip: cannot open"), NULL)), "%s", err);
	cr_assert(eq(sz, got.calls, 5));
	cr_assert(eq(int, got.status[0], WP_OK));
	cr_assert(eq(int, got.status[1], WP_EIO));
	cr_assert(eq(int, got.status[2], WP_OK));
	cr_assert(eq(int, got.status[3], WP_EARG));
	cr_assert(eq(str, got.err[3], (char *)"member \"Björn Lindqvist\" has no export files"));
	cr_assert(eq(int, got.status[4], WP_OK));

	wp_workspace_stats a;
	stats_of(ws, &a);
	cr_assert(eq(u64, a.members, 3));
	wp_workspace_close(ws);
	remove_workspace(p);
}

Test(import_members, nobody_to_import_is_a_no_op)
{
	char err[WP_ERR_LEN] = "", p[64];
	wp_workspace *ws = fresh_workspace(p);
	cr_assert(eq(int, wp_import_members(ws, NULL, 0, NULL, err), WP_OK));
	wp_workspace_stats a;
	stats_of(ws, &a);
	cr_assert(eq(u64, a.members, 0));
	wp_workspace_close(ws);
	remove_workspace(p);
}
