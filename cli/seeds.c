/* seeds.c - the graph `reach` and `recruit` run on, and people sets from files or members. */
#include "cli/seeds.h"

#include <stdlib.h>
#include <string.h>

#include "cli/session.h"
#include "importers/csvfile.h"
#include "importers/source.h"

int cli_source_open(const char *cmd, const char *graph_path, const char *ws_path,
                    const cli_graph_opts *go, cli_source *s)
{
	char err[WP_ERR_LEN] = "";
	wp_status st;
	memset(s, 0, sizeof(*s));
	if (ws_path != NULL) {
		int rc = cli_workspace_open(cmd, ws_path, false, &s->ws);
		if (rc != CLI_OK)
			return rc;
		st = wp_workspace_graph(s->ws, &s->g, err);
	} else {
		st = cli_load_graph(graph_path, go, &s->g, err);
	}
	if (st != WP_OK) {
		cli_source_close(s);
		return cli_fail(st, err);
	}
	return CLI_OK;
}

void cli_source_close(cli_source *s)
{
	wp_graph_free(&s->g);
	wp_workspace_close(s->ws);
	s->ws = NULL;
}

void cli_seeds_free(cli_seeds *seeds)
{
	free(seeds->ids);
	memset(seeds, 0, sizeof(*seeds));
}

/* Adds v unless it is there already (seen marks members). */
static wp_status push(cli_seeds *out, uint8_t *seen, wp_vertex v, uint32_t *cap, char *err)
{
	wp_status st = WP_OK;
	if (seen[v]) {
		out->duplicates++;
		return WP_OK;
	}
	if (out->count == *cap) {
		uint32_t c = *cap ? 2 * *cap : 64;
		wp_vertex *ids = realloc(out->ids, (size_t)c * sizeof(*ids));
		if (ids == NULL)
			WP_FAIL(WP_ENOMEM, "cannot allocate %u people", c);
		out->ids = ids;
		*cap = c;
	}
	seen[v] = 1;
	out->ids[out->count++] = v;
	return WP_OK;
fail:
	return st;
}

/* Resolves one name to a vertex; inner gets the reason when it fits nobody. */
static wp_status resolve(cli_source *s, const char *text, size_t len, wp_vertex *v, char *inner)
{
	if (s->ws == NULL) {
		wp_status st = wp_labels_lookup(&s->g.labels, text, len, v, NULL);
		if (st != WP_OK)
			return wp_error(inner, st, "no vertex labelled '%s'", text);
		return WP_OK;
	}
	int64_t id = 0;
	wp_status st = wp_workspace_person_resolve(s->ws, text, &id, inner);
	if (st != WP_OK)
		return st;
	*v = wp_workspace_vertex(&s->g, id);
	if (*v == WP_NO_VERTEX)
		return wp_error(inner, WP_ENOTFOUND, "'%s' is not in the workspace's graph", text);
	return WP_OK;
}

static bool header_word(const char *s)
{
	static const char *words[] = {"label",  "name",      "seed",  "person",
	                              "vertex", "candidate", "seeds", "candidates"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (wp_csv_name_eq(s, words[i]))
			return true;
	return false;
}

wp_status cli_seeds_read(cli_source *s, const char *path, cli_seeds *out, char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	wp_csvfile csv = {0};
	uint8_t *seen = calloc((size_t)s->g.n + 1, 1);
	uint32_t cap = 0;
	bool got = false, first = true;
	char inner[WP_ERR_LEN];

	memset(out, 0, sizeof(*out));
	if (seen == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u flags", s->g.n);
	WP_TRY(wp_source_open(&src, path, err));
	WP_TRY(wp_csvfile_open(&csv, &src, err));
	for (;;) {
		WP_TRY(wp_csvfile_next(&csv, &got, err));
		if (!got)
			break;
		if (wp_csvfile_blank(&csv) || csv.count == 0 || csv.fields[0][0] == '#')
			continue;
		unsigned long long line = (unsigned long long)csv.row_line;
		const char *name = csv.fields[0];
		size_t len = csv.lens[0];
		while (len > 0 && (*name == ' ' || *name == '\t'))
			name++, len--;
		while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
			len--;
		char *copy = strndup(name, len);
		if (copy == NULL)
			WP_FAIL(WP_ENOMEM, "cannot copy a name");
		wp_vertex v = WP_NO_VERTEX;
		inner[0] = '\0';
		wp_status rs = len == 0 ? wp_error(inner, WP_EINPUT, "empty name")
		                        : resolve(s, copy, len, &v, inner);
		bool header = first && rs != WP_OK && header_word(copy);
		free(copy);
		first = false;
		if (header)
			continue;
		if (rs != WP_OK)
			WP_FAIL(rs == WP_ENOMEM ? WP_ENOMEM : WP_EINPUT, "%s:%llu: %s", path, line,
			        inner);
		WP_TRY(push(out, seen, v, &cap, err));
	}
	if (out->count == 0)
		WP_FAIL(WP_EINPUT, "%s: names nobody (expected one name per line)", path);
	wp_csvfile_close(&csv);
	wp_source_close(&src);
	free(seen);
	return WP_OK;
fail:
	wp_csvfile_close(&csv);
	wp_source_close(&src);
	free(seen);
	cli_seeds_free(out);
	return st;
}

wp_status cli_seeds_members(cli_source *s, cli_seeds *out, char *err)
{
	wp_status st = WP_OK;
	wp_members m = {0};
	uint8_t *seen = calloc((size_t)s->g.n + 1, 1);
	uint32_t cap = 0;

	memset(out, 0, sizeof(*out));
	if (seen == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %u flags", s->g.n);
	WP_TRY(wp_workspace_members(s->ws, &m, err));
	for (size_t i = 0; i < m.count; i++) {
		wp_vertex v = wp_workspace_vertex(&s->g, m.items[i].person_id);
		if (v != WP_NO_VERTEX)
			WP_TRY(push(out, seen, v, &cap, err));
	}
	if (out->count == 0)
		WP_FAIL(WP_EINPUT, "%s: the workspace has no members", wp_workspace_path(s->ws));
	wp_members_free(&m);
	free(seen);
	return WP_OK;
fail:
	wp_members_free(&m);
	free(seen);
	cli_seeds_free(out);
	return st;
}
