/* cmd_ties.c - `warmpath ties` and `warmpath ties-import`: a person's ties with their warmth and
 * the evidence behind it, and strengths set by hand from a ties.csv file.
 *
 * ties-import checks the whole file first (every row's two people resolve to exactly one person
 * each, every strength parses) and changes nothing if any row is wrong; only then does it set the
 * strengths, one workspace call per row.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "cli/table.h"
#include "importers/csvfile.h"
#include "importers/source.h"

static const char ties_usage[] =
        "usage: warmpath ties --workspace FILE PERSON [--limit N] [--format table|csv|json]\n"
        "\n"
        "Lists PERSON's ties, warmest first: each tie's warmth (0 to 1) and bucket (weak, known,\n"
        "familiar, strong), the evidence behind it (connection date, messages both ways and when,\n"
        "group threads, invitations, recommendations, endorsements, notes, address books, shared\n"
        "employers, a strength set by hand) and which members' exports report it. PERSON is a\n"
        "name, #ID, LinkedIn profile URL or e-mail address.\n"
        "\n"
        "  --workspace FILE         the workspace\n"
        "  --limit N                only the N warmest ties (default: all)\n"
        "  --format table|csv|json  output format (default: table)\n";

static const char import_usage[] =
        "usage: warmpath ties-import --workspace FILE [--format table|csv|json] TIES.csv\n"
        "\n"
        "Sets the strength of ties by hand, overriding the warmth computed from evidence. Each\n"
        "row of TIES.csv names two people (name, #ID, LinkedIn URL or e-mail) and a strength: a\n"
        "number in (0, 1], or weak, known, familiar or strong; 0 removes a strength set before. A\n"
        "header row (person_a,person_b,strength) is optional; further columns are ignored. The\n"
        "file is checked whole first: if any row is wrong, nothing is changed.\n";

/* One line describing the evidence of a tie, from the asked person's side. */
static void evidence_text(const wp_tie_info *t, char *buf, size_t cap)
{
	const wp_tie_evidence *e = &t->ev;
	char d1[16], d2[16];
	size_t n = 0;
	buf[0] = '\0';
#define PART(...)                                                                     \
	do {                                                                          \
		if (n < cap)                                                          \
			n += (size_t)snprintf(buf + n, cap - n, "%s", n ? "; " : ""); \
		if (n < cap)                                                          \
			n += (size_t)snprintf(buf + n, cap - n, __VA_ARGS__);         \
	} while (0)
	if (e->manual > 0)
		PART("set by hand to %.2f", e->manual);
	if (e->connections > 0)
		PART("connected %s", e->connected_on ? cli_date(e->connected_on, d1) : "");
	if (e->msg_sent + e->msg_received > 0)
		PART("messages %u sent, %u received, last %s", e->msg_sent, e->msg_received,
		     cli_date(e->msg_last, d1));
	if (e->threads > 0)
		PART("%u group thread%s, last %s", e->threads, e->threads == 1 ? "" : "s",
		     cli_date(e->thread_last, d2));
	if (e->inv_sent > 0)
		PART("invited them");
	if (e->inv_received > 0)
		PART("invited by them");
	if (e->rec_given > 0)
		PART("recommended them");
	if (e->rec_received > 0)
		PART("recommended by them");
	if (e->end_given + e->end_received > 0)
		PART("endorsements %u given, %u received", e->end_given, e->end_received);
	if (e->notes > 0)
		PART("%u note%s", e->notes, e->notes == 1 ? "" : "s");
	if (e->book_a + e->book_b > 0)
		PART("in an address book");
	if (e->related > 0)
		PART("related (vCard)");
	if (e->shared_employer) {
		if (e->shared_months > 0)
			PART("both at %s (%u months)",
			     t->shared_company[0] ? t->shared_company : "an employer",
			     e->shared_months);
		else
			PART("both at %s",
			     t->shared_company[0] ? t->shared_company : "an employer");
	}
#undef PART
}

/* "Zoë Brandt, Siobhán O'Connor": the members reporting a tie. */
static void sources_text(const wp_tie_info *t, char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = '\0';
	for (uint32_t i = 0; i < t->sources_count && n < cap; i++)
		n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? ", " : "",
		                      t->sources[i].member);
}

static json_t *date_json(int64_t t)
{
	char d[16];
	return t ? json_string(cli_date(t, d)) : json_null();
}

static json_t *evidence_json(const wp_tie_evidence *e)
{
	return json_pack(
	        "{s:o, s:i, s:i, s:i, s:o, s:o, s:i, s:o, s:i, s:i, s:o, s:i, s:i, s:o, s:i, s:i, "
	        "s:o, s:o, s:i, s:o, s:i, s:i, s:i, s:i, s:b, s:f}",
	        "connected_on", date_json(e->connected_on), "connections", (int)e->connections,
	        "messages_sent", (int)e->msg_sent, "messages_received", (int)e->msg_received,
	        "messages_first", date_json(e->msg_first), "messages_last", date_json(e->msg_last),
	        "group_threads", (int)e->threads, "group_thread_last", date_json(e->thread_last),
	        "invitations_sent", (int)e->inv_sent, "invitations_received", (int)e->inv_received,
	        "invitation_first", date_json(e->inv_first), "recommendations_given",
	        (int)e->rec_given, "recommendations_received", (int)e->rec_received,
	        "recommendation_last", date_json(e->rec_last), "endorsements_given",
	        (int)e->end_given, "endorsements_received", (int)e->end_received,
	        "endorsement_first", date_json(e->end_first), "endorsement_last",
	        date_json(e->end_last), "notes", (int)e->notes, "note_last",
	        date_json(e->note_last), "in_address_book", (int)e->book_a, "in_their_address_book",
	        (int)e->book_b, "related", (int)e->related, "shared_months", (int)e->shared_months,
	        "shared_employer", e->shared_employer, "manual", e->manual);
}

static int print_ties_json(const wp_person_info *who, const wp_ties *ties, size_t shown)
{
	json_t *a = json_array();
	bool ok = a != NULL;
	for (size_t i = 0; ok && i < shown; i++) {
		const wp_tie_info *t = &ties->items[i];
		json_t *src = json_array();
		for (uint32_t k = 0; src && k < t->sources_count; k++)
			json_array_append_new(src, json_pack("{s:s, s:o}", "member",
			                                     t->sources[k].member, "evidence",
			                                     evidence_json(&t->sources[k].ev)));
		json_t *o = json_pack(
		        "{s:I, s:s, s:s, s:f, s:s, s:s, s:o, s:o}", "id", (json_int_t)t->b, "name",
		        t->b_name, "company", t->b_company, "warmth", t->warmth, "bucket",
		        wp_bucket_name(t->bucket), "shared_company", t->shared_company, "evidence",
		        evidence_json(&t->ev), "reported_by", src ? src : json_array());
		ok = o != NULL && json_array_append_new(a, o) == 0;
	}
	json_t *root = ok ? json_pack("{s:{s:I, s:s, s:s, s:s, s:b}, s:I, s:o}", "person", "id",
	                              (json_int_t)who->id, "name", who->name, "company",
	                              who->company, "position", who->position, "member",
	                              who->member, "tie_count", (json_int_t)ties->count, "ties", a)
	                  : NULL;
	if (root == NULL)
		json_decref(a);
	ok = root != NULL && json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
	json_decref(root);
	if (!ok) {
		fprintf(stderr, "warmpath: cannot build the JSON output\n");
		return CLI_INTERNAL;
	}
	putchar('\n');
	return CLI_OK;
}

int cmd_ties(int argc, char **argv)
{
	static const struct option longopts[] = {
	        CLI_WORKSPACE_OPTIONS, {"limit", required_argument, NULL, 'l'}, {NULL, 0, NULL, 0}};
	static const cli_column table_cols[] = {
	        {"warmth", true, 0},    {"bucket", false, 0},    {"person", false, 32},
	        {"company", false, 28}, {"evidence", false, 90}, {"reported_by", false, 40}};
	static const cli_column csv_cols[] = {{"id", true, 0},
	                                      {"name", false, 0},
	                                      {"company", false, 0},
	                                      {"warmth", true, 0},
	                                      {"bucket", false, 0},
	                                      {"connected_on", false, 0},
	                                      {"messages_sent", true, 0},
	                                      {"messages_received", true, 0},
	                                      {"messages_last", false, 0},
	                                      {"group_threads", true, 0},
	                                      {"shared_company", false, 0},
	                                      {"shared_months", true, 0},
	                                      {"manual", true, 0},
	                                      {"evidence", false, 0},
	                                      {"reported_by", false, 0}};
	const char *ws_path = NULL;
	cli_output out = CLI_TABLE;
	size_t limit = 0;
	char err[WP_ERR_LEN] = "", ev[1024], src[1024], d[16];
	wp_workspace *ws = NULL;
	wp_person_info who = {0};
	wp_ties ties = {0};
	int64_t id = 0;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'l': {
			char *end = NULL;
			long long v = strtoll(optarg, &end, 10);
			if (end == optarg || *end != '\0' || v < 1)
				return cli_usage_error("ties", "--limit needs a positive number");
			limit = (size_t)v;
			break;
		}
		case 'h':
			fputs(ties_usage, stdout);
			return CLI_OK;
		default:
			rc = cli_workspace_option("ties", opt, optarg, &ws_path, &out);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("ties", "unknown option") : rc;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("ties", "expected one PERSON");
	rc = cli_workspace_open("ties", ws_path, false, &ws);
	if (rc != CLI_OK)
		return rc;
	wp_status st = wp_workspace_person_resolve(ws, argv[optind], &id, err);
	if (st == WP_OK)
		st = wp_workspace_person_get(ws, id, &who, err);
	if (st == WP_OK)
		st = wp_workspace_ties(ws, id, &ties, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	size_t shown = limit && limit < ties.count ? limit : ties.count;
	if (out == CLI_JSON) {
		rc = print_ties_json(&who, &ties, shown);
		goto done;
	}
	cli_table t;
	if (out == CLI_CSV)
		cli_table_init(&t, csv_cols, sizeof(csv_cols) / sizeof(csv_cols[0]));
	else
		cli_table_init(&t, table_cols, sizeof(table_cols) / sizeof(table_cols[0]));
	for (size_t i = 0; i < shown; i++) {
		const wp_tie_info *ti = &ties.items[i];
		evidence_text(ti, ev, sizeof(ev));
		sources_text(ti, src, sizeof(src));
		if (out == CLI_CSV) {
			cli_table_addf(&t, "%lld", (long long)ti->b);
			cli_table_add(&t, ti->b_name);
			cli_table_add(&t, ti->b_company);
			cli_table_addf(&t, "%.4f", ti->warmth);
			cli_table_add(&t, wp_bucket_name(ti->bucket));
			cli_table_add(&t, cli_date(ti->ev.connected_on, d));
			cli_table_addf(&t, "%u", ti->ev.msg_sent);
			cli_table_addf(&t, "%u", ti->ev.msg_received);
			cli_table_add(&t, cli_date(ti->ev.msg_last, d));
			cli_table_addf(&t, "%u", ti->ev.threads);
			cli_table_add(&t, ti->shared_company);
			cli_table_addf(&t, "%u", ti->ev.shared_months);
			if (ti->ev.manual > 0)
				cli_table_addf(&t, "%.4f", ti->ev.manual);
			else
				cli_table_add(&t, "");
		} else {
			cli_table_addf(&t, "%.2f", ti->warmth);
			cli_table_add(&t, wp_bucket_name(ti->bucket));
			cli_table_addf(&t, "#%lld %s", (long long)ti->b, ti->b_name);
			cli_table_add(&t, ti->b_company);
		}
		cli_table_add(&t, ev);
		cli_table_add(&t, src);
	}
	if (out == CLI_TABLE) {
		printf("%s (#%lld)%s%s: %zu tie%s", who.name, (long long)who.id,
		       who.company[0] ? ", " : "", who.company, ties.count,
		       ties.count == 1 ? "" : "s");
		if (shown < ties.count)
			printf(", the %zu warmest shown", shown);
		printf("\n\n");
	}
	rc = cli_table_print(&t, out, stdout);
	cli_table_free(&t);
done:
	wp_ties_free(&ties);
	wp_person_info_free(&who);
	wp_workspace_close(ws);
	return rc;
}

/* A row of ties.csv, checked: the two people and the strength to set. */
typedef struct manual_row {
	int64_t a, b;
	double strength;
} manual_row;

/* Reads and checks the whole file: every row resolves. On error, err says
 * "file:line: why". */
static wp_status read_manual(wp_workspace *ws, const char *path, manual_row **rows, size_t *count,
                             char *err)
{
	wp_status st = WP_OK;
	wp_source src = {0};
	wp_csvfile csv = {0};
	manual_row *r = NULL;
	size_t n = 0, cap = 0;
	char inner[WP_ERR_LEN];
	bool got;

	WP_TRY(wp_source_open(&src, path, err));
	WP_TRY(wp_csvfile_open(&csv, &src, err));
	for (;;) {
		WP_TRY(wp_csvfile_next(&csv, &got, err));
		if (!got)
			break;
		if (wp_csvfile_blank(&csv))
			continue;
		uint64_t line = csv.row_line;
		if (csv.count < 3)
			WP_FAIL(WP_EINPUT,
			        "%s:%llu: expected person_a,person_b,strength, got %u field%s",
			        path, (unsigned long long)line, csv.count,
			        csv.count == 1 ? "" : "s");
		/* An optional header: the first row, if its strength cell is the word. */
		if (csv.rows == 1 && wp_csv_name_eq(csv.fields[2], "strength"))
			continue;
		if (n == cap) {
			size_t c = cap ? cap * 2 : 64;
			manual_row *g = realloc(r, c * sizeof(*g));
			if (g == NULL)
				WP_FAIL(WP_ENOMEM, "cannot allocate %zu rows", c);
			r = g;
			cap = c;
		}
		manual_row *row = &r[n];
		inner[0] = '\0';
		const char *s = csv.fields[2];
		wp_status rs = WP_OK;
		if (strcmp(s, "0") == 0)
			row->strength = 0;
		else
			rs = wp_warmth_parse_strength(s, &row->strength, inner);
		if (rs == WP_OK)
			rs = wp_workspace_person_resolve(ws, csv.fields[0], &row->a, inner);
		if (rs == WP_OK)
			rs = wp_workspace_person_resolve(ws, csv.fields[1], &row->b, inner);
		if (rs == WP_OK && row->a == row->b)
			rs = wp_error(inner, WP_EINPUT, "'%s' and '%s' are the same person",
			              csv.fields[0], csv.fields[1]);
		if (rs != WP_OK)
			WP_FAIL(rs == WP_ENOMEM ? WP_ENOMEM : WP_EINPUT, "%s:%llu: %s", path,
			        (unsigned long long)line, inner);
		n++;
	}
	if (n == 0)
		WP_FAIL(WP_EINPUT,
		        "%s: no ties in the file (expected rows person_a,person_b,strength)", path);
	wp_csvfile_close(&csv);
	wp_source_close(&src);
	*rows = r;
	*count = n;
	return WP_OK;
fail:
	wp_csvfile_close(&csv);
	wp_source_close(&src);
	free(r);
	return st;
}

int cmd_ties_import(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_WORKSPACE_OPTIONS, {NULL, 0, NULL, 0}};
	const char *ws_path = NULL;
	cli_output out = CLI_TABLE;
	char err[WP_ERR_LEN] = "", ra[32], rb[32];
	wp_workspace *ws = NULL;
	manual_row *rows = NULL;
	size_t count = 0, set = 0, cleared = 0;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(import_usage, stdout);
			return CLI_OK;
		default:
			rc = cli_workspace_option("ties-import", opt, optarg, &ws_path, &out);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("ties-import", "unknown option")
				              : rc;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("ties-import", "expected one TIES.csv file");
	rc = cli_workspace_open("ties-import", ws_path, false, &ws);
	if (rc != CLI_OK)
		return rc;
	wp_status st = read_manual(ws, argv[optind], &rows, &count, err);
	for (size_t i = 0; st == WP_OK && i < count; i++) {
		snprintf(ra, sizeof(ra), "#%lld", (long long)rows[i].a);
		snprintf(rb, sizeof(rb), "#%lld", (long long)rows[i].b);
		st = wp_workspace_set_manual(ws, ra, rb, rows[i].strength, err);
		if (st == WP_OK)
			*(rows[i].strength > 0 ? &set : &cleared) += 1;
	}
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	if (out == CLI_JSON) {
		json_t *o = json_pack("{s:s, s:I, s:I}", "file", argv[optind], "set",
		                      (json_int_t)set, "cleared", (json_int_t)cleared);
		if (o == NULL || json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
			fprintf(stderr, "warmpath: cannot build the JSON output\n");
			rc = CLI_INTERNAL;
		} else {
			putchar('\n');
		}
		json_decref(o);
	} else if (out == CLI_CSV)
		printf("set,cleared\n%zu,%zu\n", set, cleared);
	else
		printf("%zu tie strength%s set by hand, %zu cleared\n", set, set == 1 ? "" : "s",
		       cleared);
done:
	free(rows);
	wp_workspace_close(ws);
	return rc;
}
