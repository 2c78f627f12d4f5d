/* test_limits.c - every documented input limit (docs/limits.md), each exceeded by a generated
 * input, fails with its one-line error and the limit named; and the UTF-8 policy: CSV text is
 * repaired (U+FFFD), edge-list labels and XML are refused.
 *
 * Huge inputs are never held in memory here: a generator stream (fopencookie) yields a head, then
 * a unit repeated up to a byte count, then a tail, so the reader meets a 20 MiB line or a 300 MiB
 * address book without the test allocating it.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "engine/contacts.h"
#include "engine/graph.h"
#include "engine/snapshot.h"
#include "importers/addressbook.h"
#include "importers/csvfile.h"
#include "importers/import.h"
#include "importers/linkedin.h"

/* ---- generated streams ------------------------------------------------------------------------
 */

typedef struct gen {
	const char *head, *unit, *tail;
	uint64_t body; /* bytes of repeated unit after the head */
	uint64_t pos;  /* bytes delivered */
} gen;

static ssize_t gen_read(void *cookie, char *buf, size_t size)
{
	gen *g = cookie;
	size_t head = strlen(g->head), unit = strlen(g->unit), tail = strlen(g->tail);
	size_t out = 0;
	while (out < size) {
		uint64_t p = g->pos;
		if (p < head) {
			buf[out++] = g->head[p];
		} else if (p < head + g->body) {
			/* Copy as much of the repeated unit as fits, for speed. */
			uint64_t off = (p - head) % unit;
			size_t n = unit - (size_t)off;
			if (n > size - out)
				n = size - out;
			if (n > head + g->body - p)
				n = (size_t)(head + g->body - p);
			memcpy(buf + out, g->unit + off, n);
			out += n;
			g->pos += n;
			continue;
		} else if (p < head + g->body + tail) {
			buf[out++] = g->tail[p - head - g->body];
		} else {
			break;
		}
		g->pos++;
	}
	return (ssize_t)out;
}

static FILE *gen_open(gen *g)
{
	FILE *f = fopencookie(g, "r", (cookie_io_functions_t){.read = gen_read});
	cr_assert(not(eq(ptr, f, NULL)));
	return f;
}

static FILE *mem(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	cr_assert(not(eq(ptr, f, NULL)));
	return f;
}

/* ---- edge lists -------------------------------------------------------------------------------
 */

static wp_status edgelist(FILE *f, char *err)
{
	wp_source src;
	wp_edgebuf eb = {0};
	wp_import_opts opts = WP_IMPORT_DEFAULTS;
	wp_source_from_file(&src, f, "e.txt");
	wp_status st = wp_import_edgelist(&src, &opts, &eb, err);
	wp_edgebuf_free(&eb);
	fclose(f);
	return st;
}

Test(limits, an_edge_list_line_over_16_mib_is_refused_with_its_line)
{
	gen g = {.head = "a b\nc d\n", .unit = "x", .body = (16u << 20) + 10, .tail = " y\n"};
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, edgelist(gen_open(&g), err), WP_ELIMIT));
	cr_assert(eq(str, err, "e.txt:3: line longer than 16777216 bytes"));
	/* It stopped near the limit rather than reading everything. */
	cr_assert(le(u64, g.pos, (uint64_t)(40u << 20)));
}

Test(limits, edge_list_labels_must_be_utf8)
{
	const char *bad[] = {"a b\nAnn\xff c\n",          /* a byte that never starts UTF-8 */
	                     "a b\n\xc0\xaf c\n",         /* overlong '/' */
	                     "a b\n\xed\xa0\x80 c\n",     /* a UTF-16 surrogate */
	                     "a b\nc \xf4\x90\x80\x80\n", /* over U+10FFFF */
	                     "a b\nc Jos\xc3\n"};         /* cut short */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char err[WP_ERR_LEN] = "";
		cr_assert(eq(int, edgelist(mem(bad[i]), err), WP_EINPUT), "case %zu", i);
		cr_assert(
		        eq(str, err,
		           "e.txt:2: a vertex label is not valid UTF-8; convert the file to UTF-8"),
		        "case %zu", i);
	}
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int,
	             edgelist(mem("Jos\xc3\xa9 Zo\xc3\xab\n\xe6\x9d\xb1 \xf0\x9f\x98\x80\n"), err),
	             WP_OK),
	          "%s", err);
}

/* ---- CSV (LinkedIn files) ---------------------------------------------------------------------
 */

/* Reads every row of f; returns the status and the last row's first field in first. */
static wp_status csv_all(FILE *f, char *first, size_t cap, char *err)
{
	wp_source src;
	wp_csvfile c;
	wp_source_from_file(&src, f, "c.csv");
	wp_status st = wp_csvfile_open(&c, &src, err);
	bool got = true;
	while (st == WP_OK && got) {
		st = wp_csvfile_next(&c, &got, err);
		if (st == WP_OK && got && first != NULL)
			snprintf(first, cap, "%s", c.fields[0]);
	}
	wp_csvfile_close(&c);
	fclose(f);
	return st;
}

Test(limits, a_csv_line_over_16_mib_is_refused)
{
	gen g = {.head = "First Name,Last Name\nAda,Lovelace\n",
	         .unit = "x",
	         .body = 40u << 20,
	         .tail = ",y\n"};
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, csv_all(gen_open(&g), NULL, 0, err), WP_ELIMIT));
	cr_assert(eq(str, err, "c.csv:3: line longer than 16777216 bytes"));
}

Test(limits, a_quoted_field_that_never_ends_is_refused_at_the_row_limit)
{
	/* Short lines, so only the row limit can stop it: without it libcsv would buffer the whole
	 * file as one field. */
	gen g = {.head = "First Name,Last Name\n\"Ada",
	         .unit = "line\n",
	         .body = 40u << 20,
	         .tail = "\"\n"};
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, csv_all(gen_open(&g), NULL, 0, err), WP_ELIMIT));
	cr_assert(eq(str, err,
	             "c.csv:2: row longer than 16777216 bytes (a quoted field that never ends?)"));
	cr_assert(lt(u64, g.pos, (uint64_t)(30u << 20)));
}

Test(limits, more_than_4096_fields_in_a_row_is_refused)
{
	gen g = {.head = "a,b\n", .unit = "x,", .body = 2 * 5000, .tail = "x\n"};
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, csv_all(gen_open(&g), NULL, 0, err), WP_ELIMIT));
	cr_assert(eq(str, err, "c.csv:2: more than 4096 fields in one row"));
}

Test(limits, invalid_utf8_in_csv_fields_becomes_the_replacement_character)
{
	struct {
		const char *in, *want;
	} cases[] = {
	        {"Ann\xffLee", "Ann\xef\xbf\xbdLee"},
	        {"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"}, /* overlong: both bytes */
	        {"Jos\xc3", "Jos\xef\xbf\xbd"},           /* cut short at the end */
	        {"\xed\xa0\x80x", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx"},       /* surrogate */
	        {"Jos\xc3\xa9 \xf0\x9f\x98\x80", "Jos\xc3\xa9 \xf0\x9f\x98\x80"}, /* valid: kept */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[128], first[128] = "", err[WP_ERR_LEN] = "";
		snprintf(text, sizeof(text), "Name,x\n%s,1\n", cases[i].in);
		cr_assert(eq(int, csv_all(mem(text), first, sizeof(first), err), WP_OK), "%s", err);
		cr_assert(eq(str, first, (char *)cases[i].want), "case %zu", i);
	}
}

static char dir[256];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/wp-test-limits-XXXXXX");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)));
}

static void teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", dir);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert(not(eq(ptr, f, NULL)));
	fputs(text, f);
	fclose(f);
}

Test(limits, a_linkedin_name_with_a_stray_byte_is_kept_repaired, .init = setup, .fini = teardown)
{
	char path[400], err[WP_ERR_LEN] = "";
	snprintf(path, sizeof(path), "%s/Connections.csv", dir);
	write_file(path, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
	                 "Ren\xe9,Descartes,https://www.linkedin.com/in/rene-d,,Acme,CEO,"
	                 "01 Jan 2020\n");
	wp_contacts c;
	cr_assert(eq(int, wp_contacts_init(&c, "Ada Lovelace", NULL, NULL), WP_OK));
	cr_assert(eq(int, wp_import_linkedin(path, &c, err), WP_OK), "%s", err);
	cr_assert(eq(u32, c.people_count, 2));
	cr_assert(eq(str, (char *)wp_contacts_text(&c, c.people[1].full),
	             "Ren\xef\xbf\xbd Descartes"));
	wp_contacts_free(&c);
}

/* ---- XML --------------------------------------------------------------------------------------
 */

static wp_status graphml(FILE *f, char *err)
{
	wp_source src;
	wp_edgebuf eb = {0};
	bool directed = false;
	wp_import_opts opts = WP_IMPORT_DEFAULTS;
	wp_source_from_file(&src, f, "g.graphml");
	wp_status st = wp_import_graphml(&src, &opts, &eb, &directed, err);
	wp_edgebuf_free(&eb);
	fclose(f);
	return st;
}

Test(limits, graphml_nested_deeper_than_libxml2s_256_levels_is_refused_with_its_line)
{
	gen g = {
	        .head = "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/"
	                "xmlns\"><graph edgedefault=\"undirected\">\n<node id=\"a\"/>\n",
	        .unit = "<x>",
	        .body = 3 * 100000,
	        .tail = "\n"};
	char err[WP_ERR_LEN] = "";
	wp_status st = graphml(gen_open(&g), err);
	cr_assert(eq(int, st, WP_EINPUT), "%s", err);
	cr_assert(eq(int, strncmp(err, "g.graphml:4: ", 13), 0), "%s", err);
	cr_assert(not(eq(ptr, strstr(err, "depth"), NULL)), "%s", err);
	cr_assert(eq(ptr, strchr(err, '\n'), NULL), "%s", err);
}

Test(limits, graphml_that_is_not_utf8_is_refused_with_its_line)
{
	char err[WP_ERR_LEN] = "";
	const char *text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
	                   "<graph edgedefault=\"undirected\">\n"
	                   "<node id=\"Ren\xe9\"/><node id=\"b\"/>\n"
	                   "<edge source=\"b\" target=\"b\"/></graph></graphml>\n";
	cr_assert(eq(int, graphml(mem(text), err), WP_EINPUT), "%s", err);
	cr_assert(eq(int, strncmp(err, "g.graphml:4: ", 13), 0), "%s", err);
}

/* ---- address books and vCards -----------------------------------------------------------------
 */

static wp_status vcard(FILE *f, char *err)
{
	wp_source src;
	wp_contacts c;
	cr_assert(eq(int, wp_contacts_init(&c, "Ada Lovelace", NULL, NULL), WP_OK));
	wp_source_from_file(&src, f, "v.vcf");
	wp_status st = wp_import_vcard(&src, &c, err);
	wp_contacts_free(&c);
	fclose(f);
	return st;
}

Test(limits, vcard_limits_on_lines_properties_and_cards)
{
	char err[WP_ERR_LEN] = "";
	gen line = {.head = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nNOTE:",
	            .unit = "n",
	            .body = (8u << 20) + 1,
	            .tail = "\nEND:VCARD\n"};
	cr_assert(eq(int, vcard(gen_open(&line), err), WP_ELIMIT));
	cr_assert(eq(str, err, "v.vcf:4: line longer than 8388608 bytes"));

	/* A kept property (FN), folded over many short lines so only the property limit applies. */
	err[0] = '\0';
	gen prop = {.head = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann",
	            .unit = "\n Lee",
	            .body = 5 * 30000,
	            .tail = "\nEND:VCARD\n"};
	cr_assert(eq(int, vcard(gen_open(&prop), err), WP_ELIMIT));
	cr_assert(eq(int, strncmp(err, "v.vcf:3: ", 9), 0), "%s", err);
	cr_assert(not(eq(ptr, strstr(err, "longer than 65536 bytes"), NULL)), "%s", err);

	err[0] = '\0';
	gen props = {.head = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\n",
	             .unit = "TEL:1\n",
	             .body = 6 * 6000,
	             .tail = "END:VCARD\n"};
	cr_assert(eq(int, vcard(gen_open(&props), err), WP_ELIMIT));
	cr_assert(not(eq(ptr, strstr(err, "more than 5000 properties in the card begun on line 1"),
	                 NULL)),
	          "%s", err);

	/* A skipped property (a photo) may be long, but not the card: 40 MiB in 1 MiB lines. */
	err[0] = '\0';
	static char unit[1u << 20];
	memset(unit, 'A', sizeof(unit) - 1);
	unit[0] = ' ';
	unit[sizeof(unit) - 2] = '\n';
	gen card = {.head = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nPHOTO;ENCODING=b:A\n",
	            .unit = unit,
	            .body = 40ull << 20,
	            .tail = "END:VCARD\n"};
	cr_assert(eq(int, vcard(gen_open(&card), err), WP_ELIMIT));
	cr_assert(not(eq(ptr, strstr(err, "the card begun on line 1 is larger than 32 MiB"), NULL)),
	          "%s", err);
}

Test(limits, an_address_book_over_256_mib_is_refused, .timeout = 120)
{
	gen g = {.head = "First Name,Last Name,E-mail Address\n",
	         .unit = "Ann,Lee,ann@example.org\n",
	         .body = 300ull << 20,
	         .tail = ""};
	wp_source src;
	wp_contacts c;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_contacts_init(&c, "Ada Lovelace", NULL, NULL), WP_OK));
	FILE *f = gen_open(&g);
	wp_source_from_file(&src, f, "book.csv");
	cr_assert(eq(int, wp_import_addressbook_csv(&src, NULL, &c, err), WP_ELIMIT));
	cr_assert(eq(str, err,
	             "book.csv: larger than 256 MiB, more than any address book holds: is it the "
	             "right file?"));
	/* It stopped just past the limit, without reading (or holding) the rest. */
	cr_assert(g.pos <= (256ull << 20) + (1u << 16), "read %llu bytes",
	          (unsigned long long)g.pos);
	fclose(f);
	wp_contacts_free(&c);
}

/* ---- zip archives -----------------------------------------------------------------------------
 */

static void make_zip(const char *path, const char *name, const char *data, size_t len,
                     uint32_t extra_entries)
{
	int code = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	cr_assert(not(eq(ptr, za, NULL)));
	zip_source_t *s = zip_source_buffer(za, data, len, 0);
	cr_assert(ge(i64, zip_file_add(za, name, s, ZIP_FL_OVERWRITE), 0));
	for (uint32_t i = 0; i < extra_entries; i++) {
		char other[32];
		snprintf(other, sizeof(other), "other/%u.txt", i);
		zip_source_t *e = zip_source_buffer(za, "x", 1, 0);
		cr_assert(ge(i64, zip_file_add(za, other, e, 0), 0));
	}
	cr_assert(eq(int, zip_close(za), 0));
}

static wp_status linkedin(const char *path, uint64_t max_entry_bytes, char *err)
{
	wp_contacts c;
	cr_assert(eq(int, wp_contacts_init(&c, "Ada Lovelace", NULL, NULL), WP_OK));
	wp_linkedin_opts opts = WP_LINKEDIN_DEFAULTS;
	if (max_entry_bytes)
		opts.max_entry_bytes = max_entry_bytes;
	wp_status st = wp_import_linkedin_opts(path, &opts, &c, err);
	wp_contacts_free(&c);
	return st;
}

#define HEADER "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
#define ROW "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,CEO,01 Jan 2020\n"

Test(limits, archives_with_too_many_entries_are_refused, .init = setup, .fini = teardown)
{
	char path[400], err[WP_ERR_LEN] = "", want[WP_ERR_LEN];
	snprintf(path, sizeof(path), "%s/export.zip", dir);
	make_zip(path, "Connections.csv", HEADER ROW, strlen(HEADER ROW), 10000);
	cr_assert(eq(int, linkedin(path, 0, err), WP_ELIMIT));
	snprintf(want, sizeof(want),
	         "%s: 10001 entries, over the limit of 10000 (a zip bomb?); refusing the archive",
	         path);
	cr_assert(eq(str, err, want));
	make_zip(path, "Connections.csv", HEADER ROW, strlen(HEADER ROW), 9999);
	err[0] = '\0';
	cr_assert(eq(int, linkedin(path, 0, err), WP_OK), "%s", err);
}

Test(limits, an_entry_claiming_more_than_the_limit_is_refused, .init = setup, .fini = teardown)
{
	char path[400], err[WP_ERR_LEN] = "", want[WP_ERR_LEN];
	char data[8192];
	snprintf(path, sizeof(path), "%s/export.zip", dir);
	size_t len = strlen(HEADER);
	memcpy(data, HEADER, len);
	while (len + strlen(ROW) < 5000) {
		memcpy(data + len, ROW, strlen(ROW));
		len += strlen(ROW);
	}
	make_zip(path, "Connections.csv", data, len, 0);
	cr_assert(eq(int, linkedin(path, 1000, err), WP_ELIMIT));
	snprintf(want, sizeof(want),
	         "%s: Connections.csv: %zu bytes uncompressed, over the limit of 1000 bytes (a zip "
	         "bomb?); refusing the archive",
	         path, len);
	cr_assert(eq(str, err, want));
}

/* A big compressible member whose sizes in both headers are rewritten to claim 100 bytes: the
 * reader must count what it inflates, not trust the claim. */
Test(limits, an_entry_lying_about_its_size_is_stopped_by_what_it_inflates, .init = setup,
     .fini = teardown)
{
	char path[400], err[WP_ERR_LEN] = "";
	snprintf(path, sizeof(path), "%s/export.zip", dir);
	size_t len = 3u << 20;
	char *data = malloc(len);
	memcpy(data, HEADER, strlen(HEADER));
	for (size_t at = strlen(HEADER); at < len; at += strlen(ROW))
		memcpy(data + at, ROW, at + strlen(ROW) <= len ? strlen(ROW) : len - at);
	make_zip(path, "Connections.csv", data, len, 0);
	free(data);
	FILE *f = fopen(path, "r+b");
	cr_assert(not(eq(ptr, f, NULL)));
	unsigned char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf), f);
	uint32_t claim = 100;
	cr_assert(eq(int, memcmp(buf, "PK\3\4", 4), 0));
	memcpy(buf + 22, &claim, 4); /* local header: uncompressed size */
	int patched = 0;
	for (size_t i = 0; i + 46 < n; i++)
		if (memcmp(buf + i, "PK\1\2", 4) == 0) {
			memcpy(buf + i + 24, &claim, 4); /* central directory: uncompressed size */
			patched++;
		}
	cr_assert(eq(int, patched, 1));
	rewind(f);
	cr_assert(eq(sz, fwrite(buf, 1, n, f), n));
	fclose(f);
	wp_status st = linkedin(path, 1u << 20, err);
	cr_assert(st == WP_ELIMIT || st == WP_EIO, "status %d: %s", st, err);
	char want[WP_ERR_LEN];
	snprintf(want, sizeof(want), "%s: Connections.csv: ", path);
	cr_assert(eq(int, strncmp(err, want, strlen(want)), 0), "%s", err);
}

Test(limits, a_member_inflating_over_200_times_its_size_is_refused, .init = setup, .fini = teardown)
{
	char path[400], err[WP_ERR_LEN] = "", want[WP_ERR_LEN];
	snprintf(path, sizeof(path), "%s/export.zip", dir);
	size_t len = 40u << 20;
	char *data = malloc(len);
	memcpy(data, HEADER, strlen(HEADER));
	memset(data + strlen(HEADER), ' ', len - strlen(HEADER));
	make_zip(path, "Connections.csv", data, len, 0);
	free(data);
	cr_assert(eq(int, linkedin(path, 0, err), WP_ELIMIT), "%s", err);
	snprintf(want, sizeof(want),
	         "%s: Connections.csv: inflates to more than 200 times its compressed size (a zip "
	         "bomb?); refusing the archive",
	         path);
	cr_assert(eq(str, err, want));
}

/* ---- snapshots --------------------------------------------------------------------------------
 */

Test(limits, a_snapshot_declaring_too_many_vertices_is_refused, .init = setup, .fini = teardown)
{
	char path[400], err[WP_ERR_LEN] = "", want[WP_ERR_LEN];
	unsigned char buf[4096];
	FILE *f = fopen("fuzz/seeds/wpg/small.wpg", "rb");
	cr_assert(not(eq(ptr, f, NULL)));
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	cr_assert(lt(sz, 128, n));
	uint32_t big = UINT32_MAX, zero = 0;
	memcpy(buf + 28, &big, 4);
	uint32_t data_crc = (uint32_t)crc32(0, buf + 128, (uInt)(n - 128));
	memcpy(buf + 72, &data_crc, 4);
	memcpy(buf + 76, &zero, 4);
	uint32_t header_crc = (uint32_t)crc32(0, buf, 128);
	memcpy(buf + 76, &header_crc, 4);
	snprintf(path, sizeof(path), "%s/big.wpg", dir);
	f = fopen(path, "wb");
	fwrite(buf, 1, n, f);
	fclose(f);
	wp_graph g;
	cr_assert(eq(int, wp_snapshot_load(&g, path, err), WP_EINPUT));
	snprintf(want, sizeof(want), "%s: corrupt snapshot: %u vertices (at most %u)", path,
	         UINT32_MAX, WP_MAX_VERTICES);
	cr_assert(eq(str, err, want));
}
