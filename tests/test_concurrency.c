/* test_concurrency.c - two warmpath processes on one workspace.
 *
 * - Two imports started at the same moment serialise: SQLite's write lock plus the workspace's
 *   busy timeout make the second wait for the first, both succeed, and the result is what the
 *   two imports give one after the other (either order). (A writer that waits longer than the
 *   busy timeout fails cleanly: test_workspace.c's a_busy_workspace_fails_cleanly_... test.)
 * - A reader polling the workspace while an import runs in another process sees, every time,
 *   exactly the state before the import or the state after it, never one in between: its
 *   statistics and the derived graph are each read inside one read transaction, and WAL mode
 *   gives it the last committed snapshot.
 *
 * Importers run as separate `warmpath` processes ($WARMPATH), started with fork and exec, so the
 * readers here and the writers share nothing but the file.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/workspace.h"
#include "tests/support/cli_run.h"

#define SAMPLE "examples/sample/"
#define ZOE "Zoë Brandt", SAMPLE "01-zoe-brandt/Basic_LinkedInDataExport_11-20-2026.zip"
#define LEILA "Leïla Haddad", SAMPLE "02-leila-haddad/Basic_LinkedInDataExport_06-14-2024.zip"
#define BJORN "Björn Lindqvist", SAMPLE "04-bjorn-lindqvist/Basic_LinkedInDataExport_02-11-2020.zip"

static cli_run_result R;
static char dir[64];

static void setup(void)
{
	cli_run_tmpdir(dir, "concurrency");
}

static void teardown(void)
{
	cli_run_rmdir(dir);
}

static const char *binary(void)
{
	const char *b = getenv("WARMPATH");
	return b ? b : "build/warmpath";
}

/* Starts `warmpath import` into ws in the background, its stderr to errfile; returns its pid. */
static pid_t start_import(const char *ws, const char *member, const char *path, const char *errfile)
{
	char cmd[2048];
	snprintf(cmd, sizeof(cmd),
	         "WARMPATH_NOW=%s exec %s import --workspace '%s' --member '%s' '%s' >/dev/null "
	         "2>'%s'",
	         CLI_RUN_NOW, binary(), ws, member, path, errfile);
	pid_t pid = fork();
	cr_assert(ge(int, pid, 0));
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int finish(pid_t pid)
{
	int status = 0;
	cr_assert(eq(int, waitpid(pid, &status, 0), pid));
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	cr_assert(not(eq(ptr, f, NULL)));
	char *buf = calloc(1, 65536);
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The workspace's content as the CLI reports it (counts, not ids: ids follow the import order). */
static char *summary(const char *ws)
{
	cli_run(&R, "stats --workspace '%s' --format json", ws);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
	json_t *top = cli_run_json(R.out), *o = json_object_get(top, "workspace");
	cr_assert(not(eq(ptr, o, NULL)));
	char *s = NULL;
	cr_assert(lt(int, 0,
	             asprintf(&s, "%lld members %lld people %lld ties",
	                      (long long)cli_run_jint(o, "members"),
	                      (long long)cli_run_jint(o, "people"),
	                      (long long)cli_run_jint(o, "ties"))));
	json_decref(top);
	return s;
}

static void import_now(const char *ws, const char *member, const char *path)
{
	cli_run(&R, "import --workspace '%s' --member '%s' '%s' >/dev/null", ws, member, path);
	cr_assert(eq(int, R.status, 0), "%s", R.err);
}

Test(concurrency, two_imports_at_once_serialise_and_both_land, .init = setup, .fini = teardown,
     .timeout = 120)
{
	char ws[128], ab[128], ba[128], err1[128], err2[128];
	snprintf(ws, sizeof(ws), "%s/w.db", dir);
	snprintf(ab, sizeof(ab), "%s/ab.db", dir);
	snprintf(ba, sizeof(ba), "%s/ba.db", dir);
	snprintf(err1, sizeof(err1), "%s/err1", dir);
	snprintf(err2, sizeof(err2), "%s/err2", dir);
	/* The serial results, in both orders. */
	import_now(ab, ZOE);
	import_now(ab, LEILA);
	import_now(ba, LEILA);
	import_now(ba, ZOE);
	char *want_ab = summary(ab), *want_ba = summary(ba);

	for (int round = 0; round < 3; round++) {
		unlink(ws);
		pid_t p1 = start_import(ws, ZOE, err1);
		pid_t p2 = start_import(ws, LEILA, err2);
		int s1 = finish(p1), s2 = finish(p2);
		char *e1 = slurp(err1), *e2 = slurp(err2);
		cr_assert(eq(int, s1, 0), "round %d, first import: %s", round, e1);
		cr_assert(eq(int, s2, 0), "round %d, second import: %s", round, e2);
		char *got = summary(ws);
		cr_assert(strcmp(got, want_ab) == 0 || strcmp(got, want_ba) == 0,
		          "round %d: %s, serial imports give %s or %s", round, got, want_ab,
		          want_ba);
		free(got);
		free(e1);
		free(e2);
		char cmd[700];
		snprintf(cmd, sizeof(cmd), "rm -f '%s' '%s-wal' '%s-shm' '%s.wpg'", ws, ws, ws, ws);
		cr_assert(eq(int, system(cmd), 0));
	}
	free(want_ab);
	free(want_ba);
}

typedef struct observed {
	uint64_t members, people, ties, mentions, imports, data_version;
	uint32_t n;
	uint64_t m;
} observed;

static bool same(const observed *a, const observed *b)
{
	return a->members == b->members && a->people == b->people && a->ties == b->ties &&
	       a->mentions == b->mentions && a->imports == b->imports &&
	       a->data_version == b->data_version && a->n == b->n && a->m == b->m;
}

/* One observation through a fresh connection, as another warmpath would make it: statistics
 * (one read transaction) and the graph (another), which must agree with each other too. */
static observed observe(const char *ws, bool with_graph)
{
	wp_workspace *w = NULL;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_workspace_open(&w, ws, false, err), WP_OK), "%s", err);
	wp_workspace_stats st;
	cr_assert(eq(int, wp_workspace_stats_get(w, &st, err), WP_OK), "%s", err);
	observed o = {.members = st.members,
	              .people = st.people,
	              .ties = st.ties,
	              .mentions = st.mentions,
	              .imports = st.imports,
	              .data_version = st.data_version};
	if (with_graph) {
		wp_graph g;
		cr_assert(eq(int, wp_workspace_graph(w, &g, err), WP_OK), "%s", err);
		o.n = g.n;
		o.m = g.m;
		wp_graph_free(&g);
	}
	wp_workspace_close(w);
	return o;
}

Test(concurrency, readers_during_an_import_see_before_or_after_never_between, .init = setup,
     .fini = teardown, .timeout = 120)
{
	char ws[128], after_ws[128], errfile[128];
	snprintf(ws, sizeof(ws), "%s/w.db", dir);
	snprintf(after_ws, sizeof(after_ws), "%s/after.db", dir);
	snprintf(errfile, sizeof(errfile), "%s/err", dir);
	import_now(ws, ZOE);
	import_now(after_ws, ZOE);
	import_now(after_ws, BJORN);
	observed before = observe(ws, true), after = observe(after_ws, true);
	/* data_version counts changes, so it matches across the two files only if each import is
	 * one change; compare it only between observations of the same file. */
	cr_assert(not(same(&before, &after)));

	int rounds = 0, saw_before = 0, saw_after = 0, while_running = 0;
	for (int round = 0; round < 6; round++) {
		char cmd[400];
		snprintf(cmd, sizeof(cmd), "rm -f '%s/r.db'* && cp '%s' '%s/r.db'", dir, ws, dir);
		cr_assert(eq(int, system(cmd), 0));
		char r[128];
		snprintf(r, sizeof(r), "%s/r.db", dir);
		observed start = observe(r, false);
		pid_t pid = start_import(r, BJORN, errfile);
		int status = 0;
		observed last = start;
		for (;;) {
			pid_t done = waitpid(pid, &status, WNOHANG);
			bool graph = rounds % 4 == 0; /* the graph costs more: one time in four */
			observed o = observe(r, graph);
			rounds++;
			/* The statistics and the graph are two reads (two transactions), so the
			 * commit may fall between them: each must be before or after on its own. */
			bool is_before = o.members == before.members && o.people == before.people &&
			                 o.ties == before.ties && o.mentions == before.mentions &&
			                 o.imports == before.imports;
			bool is_after = o.members == after.members && o.people == after.people &&
			                o.ties == after.ties && o.mentions == after.mentions &&
			                o.imports == after.imports;
			bool graph_ok = !graph || (o.n == before.n && o.m == before.m) ||
			                (o.n == after.n && o.m == after.m);
			cr_assert(graph_ok,
			          "round %d: graph of %u vertices and %llu arcs: neither "
			          "before (%u/%llu) nor after (%u/%llu)",
			          round, o.n, (unsigned long long)o.m, before.n,
			          (unsigned long long)before.m, after.n,
			          (unsigned long long)after.m);
			cr_assert(is_before || is_after,
			          "round %d: %llu members, %llu people, %llu ties, %llu mentions, "
			          "%llu imports: neither before nor after",
			          round, (unsigned long long)o.members,
			          (unsigned long long)o.people, (unsigned long long)o.ties,
			          (unsigned long long)o.mentions, (unsigned long long)o.imports);
			/* Once after, never before again. */
			bool back = is_before && last.imports == after.imports;
			cr_assert(not(back), "round %d: before again after after", round);
			saw_before += is_before && done == 0;
			saw_after += is_after;
			while_running += done == 0;
			last = o;
			if (done == pid)
				break;
		}
		bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
		cr_assert(ok, "round %d: the import failed", round);
	}
	cr_log_info("%d observations (%d while importing): %d before while importing, %d after",
	            rounds, while_running, saw_before, saw_after);
	/* Readers were not blocked by the writer: they read the old state while it ran. */
	cr_assert(saw_before > 0 && saw_after > 0, "%d / %d / %d", saw_before, saw_after,
	          while_running);
}
