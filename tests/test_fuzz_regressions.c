/* test_fuzz_regressions.c - replays every file under tests/fuzz-regressions/<target>/ through the
 * reader that fuzz target drives (fuzz/readers.c, the very code the libFuzzer harness calls), with
 * no libFuzzer: each must come back with a status and, if it is an error, a one-line message.
 * A crash, a sanitizer report (in the asan build) or a hang fails the test. Directory names must
 * be targets of fuzz/targets.def, so a misnamed folder cannot be silently skipped.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The harness's readers, compiled into this test (they are not part of the library). */
#include "fuzz/readers.c"

#define REGRESSIONS "tests/fuzz-regressions"

static uint8_t *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	cr_assert(not(eq(ptr, f, NULL)), "%s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
	cr_assert(eq(sz, fread(buf, 1, (size_t)n, f), (size_t)n));
	fclose(f);
	*size = (size_t)n;
	return buf;
}

static bool known_status(wp_status st)
{
	return st == WP_OK || st == WP_ENOMEM || st == WP_EIO || st == WP_EINPUT ||
	       st == WP_ELIMIT || st == WP_EARG || st == WP_ENOTFOUND;
}

Test(fuzz_regressions, every_saved_input_gets_a_clean_status, .timeout = 300)
{
	DIR *top = opendir(REGRESSIONS);
	cr_assert(not(eq(ptr, top, NULL)));
	struct dirent *d;
	int files = 0;
	while ((d = readdir(top)) != NULL) {
		if (d->d_name[0] == '.' || strcmp(d->d_name, "README.md") == 0)
			continue;
		const wp_fuzz_target *t = wp_fuzz_find(d->d_name);
		cr_assert(t != NULL, "%s/%s is not a target of fuzz/targets.def", REGRESSIONS,
		          d->d_name);
		char sub[512];
		snprintf(sub, sizeof(sub), "%s/%s", REGRESSIONS, d->d_name);
		DIR *in = opendir(sub);
		cr_assert(not(eq(ptr, in, NULL)));
		struct dirent *e;
		while ((e = readdir(in)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			char path[1024];
			snprintf(path, sizeof(path), "%s/%s", sub, e->d_name);
			size_t size = 0;
			uint8_t *data = read_all(path, &size);
			char err[WP_ERR_LEN] = "";
			wp_status st = wp_fuzz_run(t, data, size, err);
			cr_assert(known_status(st), "%s: status %d", path, (int)st);
			if (st != WP_OK) {
				cr_assert(not(eq(str, err, "")), "%s: error %d without a message",
				          path, (int)st);
				cr_assert(eq(ptr, strchr(err, '\n'), NULL), "%s: '%s'", path, err);
			}
			cr_log_info("%s: %s", path, st == WP_OK ? "ok" : err);
			free(data);
			files++;
		}
		closedir(in);
	}
	closedir(top);
	cr_assert(files > 0, "no regression files");
}

/* The runners themselves: a known-good seed of each kind reads cleanly, so a regression file
 * that passes is not passing because its runner never reached the reader. */
Test(fuzz_regressions, the_runners_reach_their_readers)
{
	struct {
		const char *target, *file;
	} good[] = {{"edgelist", "tests/fixtures/edgelist/karate.txt"},
	            {"graphml", "tests/fixtures/graphml/igraph.graphml"},
	            {"wpg", "fuzz/seeds/wpg/attrs.wpg"},
	            {"li_connections", "tests/fixtures/linkedin/archive-2019/Connections.csv"},
	            {"li_messages", "tests/fixtures/linkedin/archive-2019/messages.csv"},
	            {"li_zip", "fuzz/seeds/zip/export.zip"},
	            {"addressbook", "tests/fixtures/addressbook/google-contacts.csv"},
	            {"vcard", "tests/fixtures/vcard/rfc6350-4.0.vcf"},
	            {"gexf", "tests/fixtures/gexf/networkx.gexf"},
	            {"pajek", "tests/fixtures/pajek/networkx.net"},
	            {"mtx", "tests/fixtures/mtx/general-real.mtx"},
	            {"gt", "tests/fixtures/gt/graph-tool-2.45.gt.gz"},
	            {"linkedin_xml", "tests/fixtures/linkedin_xml/connections.xml"}};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const wp_fuzz_target *t = wp_fuzz_find(good[i].target);
		cr_assert(t != NULL, "%s", good[i].target);
		size_t size = 0;
		uint8_t *data = read_all(good[i].file, &size);
		char err[WP_ERR_LEN] = "";
		cr_assert(eq(int, wp_fuzz_run(t, data, size, err), WP_OK), "%s: %s", good[i].file,
		          err);
		/* One byte flipped in the middle of a snapshot is refused, not trusted: the runner
		 * recomputes the checksums, so the structural checks are what refuse it. */
		if (strcmp(good[i].target, "wpg") == 0) {
			data[size / 2] ^= 0xff;
			err[0] = '\0';
			wp_status st = wp_fuzz_run(t, data, size, err);
			cr_assert(st == WP_OK || st == WP_EINPUT, "%d: %s", st, err);
		}
		free(data);
	}
}
