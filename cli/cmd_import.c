/* cmd_import.c - `warmpath import`: one member's contact exports into the workspace (or many
 * members' at once with --members FILE: cli/import_list.c).
 *
 * Every PATH is parsed into one contact batch (engine/contacts.h) before the workspace is
 * touched, then the batch is imported in one transaction (engine/workspace.h), so a file that
 * cannot be read leaves the workspace exactly as it was (and creates no workspace file). The parser
 * is chosen per PATH (importers/exports.h): a folder or a .zip is a LinkedIn archive; a .vcf or
 * .vcard is a vCard file; a .csv named like a file of a LinkedIn archive (Connections.csv,
 * messages.csv, ...) is that file; any other CSV is an address book (Google, Outlook or a people
 * CSV, or the columns --map names).
 * Bad rows are skipped and reported on stderr as `file:line: reason` (the first few, then a count);
 * --strict rejects the import instead.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "cli/table.h"
#include "engine/identity.h"
#include "cli/import_list.h"
#include "engine/contacts.h"
#include "importers/addressbook.h"
#include "importers/exports.h"

/* Warnings shown on stderr before the count of the rest. */
#define SHOWN_WARNINGS 5

static const char usage[] =
        "usage: warmpath import --workspace FILE --member \"Full Name\" [--member-url URL]\n"
        "                       [--strict] [--map COLUMN=FIELD]... [--format table|csv|json]\n"
        "                       PATH...\n"
        "       warmpath import --workspace FILE --members LIST.csv [--strict] [--map ...]\n"
        "\n"
        "Reads one member's contact exports and merges them into the workspace (created if it\n"
        "does not exist) in one transaction: people are matched across members' exports, and a\n"
        "newer export of the same member replaces what their earlier one said. Importing the same\n"
        "export again changes nothing.\n"
        "\n"
        "PATH is a LinkedIn data archive (the .zip as downloaded, its extracted folder, or one of\n"
        "its CSV files such as Connections.csv), an address-book CSV (Google Contacts, Outlook,\n"
        "or any CSV with name and e-mail columns) or a vCard file (.vcf). Several PATHs are\n"
        "imported as one export of the member.\n"
        "\n"
        "With --members, LIST.csv names many members' exports (columns member, path and\n"
        "optionally member_url; one row per file, paths relative to the list's folder). Each\n"
        "member is imported in its own transaction while the next one's files are read, so a\n"
        "member with unreadable files is reported and skipped without touching the others.\n"
        "\n"
        "  --workspace FILE       the workspace (a SQLite file, created with mode 0600)\n"
        "  --member NAME          whose export this is, as their name should appear\n"
        "  --member-url URL       their LinkedIn profile URL (recommended: it identifies them)\n"
        "  --members LIST.csv     import every member the list names (see above)\n"
        "  --strict               reject the import if any row is malformed (default: skip it)\n"
        "  --map COLUMN=FIELD     read an address-book CSV column as first, last, name, email,\n"
        "                         company, title or url (repeatable; replaces header detection)\n"
        "  --format table|csv|json  output format (default: table)\n"
        "\n"
        "Exit status: 0 imported, 1 usage error, 2 bad input (the workspace is unchanged), 3\n"
        "internal error.\n";

/* Shows the first warnings of the batch on stderr, then how many rows were skipped. */
static void show_warnings(const wp_contacts *c)
{
	uint32_t n = c->warnings.count;
	for (uint32_t i = 0; i < n && i < SHOWN_WARNINGS; i++)
		fprintf(stderr, "warmpath: warning: %s\n", wp_strtab_get(&c->warnings, i));
	if (n > SHOWN_WARNINGS)
		fprintf(stderr, "warmpath: warning: ... and %u more\n", n - SHOWN_WARNINGS);
	if (n > 0)
		fprintf(stderr,
		        "warmpath: %u bad row%s skipped (--strict rejects the import instead)\n", n,
		        n == 1 ? "" : "s");
}

static void print_files_table(const wp_contacts *c)
{
	static const cli_column cols[] = {{"file", false, 48},  {"kind", false, 0},
	                                  {"rows", true, 0},    {"used", true, 0},
	                                  {"skipped", true, 0}, {"hidden", true, 0}};
	cli_table t;
	cli_table_init(&t, cols, sizeof(cols) / sizeof(cols[0]));
	for (uint32_t i = 0; i < c->files_count; i++) {
		const wp_file_report *f = &c->files[i];
		cli_table_add(&t, wp_contacts_text(c, f->name));
		cli_table_add(&t, wp_contacts_text(c, f->kind));
		cli_table_addf(&t, "%llu", (unsigned long long)f->rows);
		cli_table_addf(&t, "%llu", (unsigned long long)f->used);
		cli_table_addf(&t, "%llu", (unsigned long long)f->skipped);
		cli_table_addf(&t, "%llu", (unsigned long long)f->hidden);
	}
	cli_table_print(&t, CLI_TABLE, stdout);
	cli_table_free(&t);
}

static int print_summary(const char *ws_path, const char *member, const wp_contacts *c,
                         const wp_import_summary *s, cli_output out)
{
	typedef unsigned long long ull;
	if (out == CLI_JSON) {
		json_t *files = json_array();
		for (uint32_t i = 0; files && i < c->files_count; i++) {
			const wp_file_report *f = &c->files[i];
			json_array_append_new(files, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}",
			                                       "name", wp_contacts_text(c, f->name),
			                                       "kind", wp_contacts_text(c, f->kind),
			                                       "rows", (json_int_t)f->rows, "used",
			                                       (json_int_t)f->used, "skipped",
			                                       (json_int_t)f->skipped, "hidden",
			                                       (json_int_t)f->hidden));
		}
		json_t *o = json_pack(
		        "{s:s, s:s, s:I, s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I, "
		        "s:I}, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b}",
		        "workspace", ws_path, "member", member, "member_person_id",
		        (json_int_t)s->member_person, "files", files ? files : json_array(),
		        "rows_read", (json_int_t)s->rows_read, "rows_skipped",
		        (json_int_t)s->rows_skipped, "rows_hidden", (json_int_t)s->rows_hidden,
		        "warnings", (json_int_t)s->warnings, "people", (json_int_t)s->people,
		        "people_added", (json_int_t)s->people_added, "people_matched",
		        (json_int_t)s->people_matched, "matched", "previous",
		        (json_int_t)s->matched_previous, "slug", (json_int_t)s->matched_slug,
		        "email", (json_int_t)s->matched_email, "name", (json_int_t)s->matched_name,
		        "people_merged", (json_int_t)s->people_merged, "people_removed",
		        (json_int_t)s->people_removed, "ties", (json_int_t)s->ties, "ties_added",
		        (json_int_t)s->ties_added, "ties_changed", (json_int_t)s->ties_changed,
		        "ties_removed", (json_int_t)s->ties_removed, "self_ties",
		        (json_int_t)s->self_ties, "unchanged", s->unchanged);
		if (o == NULL || json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
			json_decref(o);
			fprintf(stderr, "warmpath: cannot build the JSON output\n");
			return CLI_INTERNAL;
		}
		putchar('\n');
		json_decref(o);
		return CLI_OK;
	}
	if (out == CLI_CSV) {
		printf("key,value\n");
		printf("workspace,");
		cli_csv_field(stdout, ws_path);
		printf("\nmember,");
		cli_csv_field(stdout, member);
		printf("\nfiles,%u\nrows_read,%llu\nrows_skipped,%llu\nrows_hidden,%llu\n",
		       c->files_count, (ull)s->rows_read, (ull)s->rows_skipped,
		       (ull)s->rows_hidden);
		printf("people,%llu\npeople_added,%llu\npeople_matched,%llu\nmatched_previous,%"
		       "llu\n"
		       "matched_slug,%llu\nmatched_email,%llu\nmatched_name,%llu\n"
		       "people_merged,%llu\npeople_removed,%llu\n",
		       (ull)s->people, (ull)s->people_added, (ull)s->people_matched,
		       (ull)s->matched_previous, (ull)s->matched_slug, (ull)s->matched_email,
		       (ull)s->matched_name, (ull)s->people_merged, (ull)s->people_removed);
		printf("ties,%llu\nties_added,%llu\nties_changed,%llu\nties_removed,%llu\n"
		       "unchanged,%s\n",
		       (ull)s->ties, (ull)s->ties_added, (ull)s->ties_changed, (ull)s->ties_removed,
		       s->unchanged ? "yes" : "no");
		return CLI_OK;
	}
	print_files_table(c);
	putchar('\n');
	printf("%-18s %s\n", "member", member);
	printf("%-18s %s%s\n", "workspace", ws_path,
	       s->unchanged ? " (unchanged: same export)" : "");
	printf("%-18s %llu read, %llu skipped, %llu hidden profiles\n", "rows", (ull)s->rows_read,
	       (ull)s->rows_skipped, (ull)s->rows_hidden);
	printf("%-18s %llu in this export: %llu added, %llu matched\n", "people", (ull)s->people,
	       (ull)s->people_added, (ull)s->people_matched);
	if (s->people_matched > 0)
		printf("%-18s %llu LinkedIn profile, %llu e-mail, %llu name and company, %llu as "
		       "in the member's earlier import\n",
		       "matched by", (ull)s->matched_slug, (ull)s->matched_email,
		       (ull)s->matched_name, (ull)s->matched_previous);
	if (s->people_removed > 0)
		printf("%-18s %llu no longer mentioned by any export, removed\n", "",
		       (ull)s->people_removed);
	printf("%-18s %llu reported by this member: %llu added, %llu changed, %llu removed\n",
	       "ties", (ull)s->ties, (ull)s->ties_added, (ull)s->ties_changed,
	       (ull)s->ties_removed);
	return CLI_OK;
}

int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_WORKSPACE_OPTIONS,
	                                         {"member", required_argument, NULL, 'm'},
	                                         {"member-url", required_argument, NULL, 'u'},
	                                         {"strict", no_argument, NULL, 's'},
	                                         {"map", required_argument, NULL, 'M'},
	                                         {"members", required_argument, NULL, 'L'},
	                                         {NULL, 0, NULL, 0}};
	const char *ws_path = NULL, *member = NULL, *member_url = NULL, *list = NULL;
	cli_output out = CLI_TABLE;
	bool strict = false;
	wp_addressbook_map map = {0};
	char err[WP_ERR_LEN] = "";
	char slug[WP_KEY_LEN];
	wp_contacts c = {0};
	wp_workspace *ws = NULL;
	wp_import_summary sum = {0};
	char *source = NULL;
	wp_export_kind *kinds = NULL;
	wp_status st;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			member = optarg;
			break;
		case 'u':
			member_url = optarg;
			break;
		case 's':
			strict = true;
			break;
		case 'L':
			list = optarg;
			break;
		case 'M':
			if (wp_addressbook_map_add(&map, optarg, err) != WP_OK)
				return cli_usage_error("import", "%s", err);
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			rc = cli_workspace_option("import", opt, optarg, &ws_path, &out);
			if (rc != CLI_OK)
				return rc < 0 ? cli_usage_error("import", "unknown option") : rc;
		}
	}
	if (ws_path == NULL)
		return cli_usage_error("import", "--workspace FILE is required");
	if (list != NULL) {
		if (member != NULL || member_url != NULL || optind < argc)
			return cli_usage_error("import",
			                       "--members LIST.csv names the members and "
			                       "their files: give no --member, --member-url "
			                       "or PATH with it");
		wp_import_members_opts lo = {.map = map.count ? &map : NULL, .strict = strict};
		return cli_import_list(ws_path, list, &lo, out);
	}
	if (member == NULL || member[0] == '\0')
		return cli_usage_error("import",
		                       "--member \"Full Name\" is required: whose export is this?");
	if (member_url != NULL && !wp_identity_slug(member_url, slug))
		return cli_usage_error("import",
		                       "--member-url must be a LinkedIn profile URL "
		                       "(https://www.linkedin.com/in/...), got '%s'",
		                       member_url);
	if (optind >= argc)
		return cli_usage_error("import", "expected at least one PATH to import");

	/* Check every PATH and the parsers they need before reading any. */
	kinds = calloc((size_t)argc, sizeof(*kinds));
	if (kinds == NULL) {
		rc = cli_fail(WP_ENOMEM, "cannot allocate the list of inputs");
		goto done;
	}
	bool any_csv = false;
	for (int i = optind; i < argc; i++) {
		st = wp_export_kind_of(argv[i], &kinds[i], err);
		if (st != WP_OK) {
			rc = cli_fail(st, err);
			goto done;
		}
		any_csv |= kinds[i] == WP_EXPORT_ADDRESSBOOK;
	}
	if (map.count > 0 && !any_csv) {
		rc = cli_usage_error("import",
		                     "--map applies to address-book CSV files, and no PATH is one");
		goto done;
	}

	st = wp_contacts_init(&c, member, member_url, err);
	if (st == WP_OK)
		c.strict = strict;
	for (int i = optind; st == WP_OK && i < argc; i++)
		st = wp_export_read(argv[i], kinds[i], map.count ? &map : NULL, &c, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}

	/* The log records which files were imported. */
	size_t len = 1;
	for (int i = optind; i < argc; i++)
		len += strlen(argv[i]) + 2;
	source = malloc(len);
	if (source == NULL) {
		rc = cli_fail(WP_ENOMEM, "cannot allocate the source description");
		goto done;
	}
	size_t used = 0;
	source[0] = '\0';
	for (int i = optind; i < argc; i++)
		used += (size_t)snprintf(source + used, len - used, "%s%s", i > optind ? ", " : "",
		                         argv[i]);

	rc = cli_workspace_open("import", ws_path, true, &ws);
	if (rc != CLI_OK)
		goto done;
	st = wp_workspace_import(ws, member, &c, source, &sum, err);
	if (st != WP_OK) {
		rc = cli_fail(st, err);
		goto done;
	}
	show_warnings(&c);
	rc = print_summary(ws_path, member, &c, &sum, out);
done:
	wp_workspace_close(ws);
	wp_contacts_free(&c);
	free(source);
	free(kinds);
	return rc;
}
