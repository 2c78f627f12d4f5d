/* readers.c - feeding bytes to each reader through its public API, unchanged (see readers.h).
 *
 * Stream readers (address books, vCards, the legacy LinkedIn XML) get the bytes through
 * fmemopen. Path readers get a file: graph formats a memfd named by /proc/self/fd/N (so the
 * snapshot reader can mmap it); LinkedIn files a real file of the expected name in a private
 * directory made once per process, because the importer picks the parser from the name.
 *
 * Snapshots carry CRC-32s that random mutation almost never gets right, which would stop the
 * fuzzer at the checksum; the wpg runner therefore recomputes both checksums (and the size field)
 * before loading, so the structural checks behind them are what gets fuzzed.
 */
#define _GNU_SOURCE
#include "fuzz/readers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "engine/contacts.h"
#include "engine/graph.h"
#include "importers/addressbook.h"
#include "importers/import.h"
#include "importers/linkedin.h"
#include "importers/linkedin_xml.h"

static wp_status write_all(int fd, const uint8_t *data, size_t size, char *err)
{
	wp_status st = WP_OK;
	while (size > 0) {
		ssize_t w = write(fd, data, size);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			WP_FAIL(WP_EIO, "fuzz: cannot write the input: %s", strerror(errno));
		data += w;
		size -= (size_t)w;
	}
	return WP_OK;
fail:
	return st;
}

static void put_u32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v)); /* snapshots are little-endian, as this machine */
}

/* The snapshot header's file_size and both CRCs made consistent with the bytes (offsets from
 * docs/snapshot.md). */
static uint8_t *fix_snapshot(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	if (copy == NULL)
		return NULL;
	memcpy(copy, data, size);
	if (size < 128)
		return copy;
	uint64_t file_size = size;
	memcpy(copy + 16, &file_size, sizeof(file_size));
	put_u32(copy + 72, (uint32_t)crc32(0, copy + 128, (uInt)(size - 128)));
	put_u32(copy + 76, 0);
	put_u32(copy + 76, (uint32_t)crc32(0, copy, 128));
	return copy;
}

static wp_status run_graph(const char *format_name, const uint8_t *data, size_t size, char *err)
{
	wp_status st = WP_OK;
	wp_format format = WP_FORMAT_AUTO;
	uint8_t *fixed = NULL;
	wp_graph g;
	char path[64];
	int fd = -1;
	WP_TRY(wp_format_parse(format_name, &format, err));
	if (format == WP_FORMAT_SNAPSHOT) {
		fixed = fix_snapshot(data, size);
		if (fixed == NULL)
			WP_FAIL(WP_ENOMEM, "fuzz: out of memory");
		data = fixed;
	}
	fd = memfd_create("wp-fuzz", MFD_CLOEXEC);
	if (fd < 0)
		WP_FAIL(WP_EIO, "fuzz: memfd_create: %s", strerror(errno));
	WP_TRY(write_all(fd, data, size, err));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	wp_import_opts opts = WP_IMPORT_DEFAULTS;
	st = wp_import_graph(&g, path, format, &opts, err);
	if (st == WP_OK)
		wp_graph_free(&g);
fail:
	if (fd >= 0)
		close(fd);
	free(fixed);
	return st;
}

/* A private directory for this process's LinkedIn files, removed at exit. */
static char li_dir[128];
static char li_file[256];

static void remove_li_dir(void)
{
	if (li_file[0])
		unlink(li_file);
	if (li_dir[0])
		rmdir(li_dir);
}

static wp_status run_linkedin(const char *file_name, const uint8_t *data, size_t size, char *err)
{
	wp_status st = WP_OK;
	wp_contacts c = {0};
	int fd = -1;
	if (li_dir[0] == '\0') {
		const char *tmp = getenv("TMPDIR");
		snprintf(li_dir, sizeof(li_dir), "%s/wp-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (mkdtemp(li_dir) == NULL) {
			li_dir[0] = '\0';
			WP_FAIL(WP_EIO, "fuzz: mkdtemp: %s", strerror(errno));
		}
		atexit(remove_li_dir);
	}
	snprintf(li_file, sizeof(li_file), "%s/%s", li_dir, file_name);
	fd = open(li_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		WP_FAIL(WP_EIO, "fuzz: %s: %s", li_file, strerror(errno));
	WP_TRY(write_all(fd, data, size, err));
	close(fd);
	fd = -1;
	WP_TRY(wp_contacts_init(&c, "Fuzz Member", NULL, err));
	st = wp_import_linkedin(li_file, &c, err);
fail:
	if (fd >= 0)
		close(fd);
	wp_contacts_free(&c);
	return st;
}

/* fmemopen refuses a zero-length buffer, so empty input gets a one-byte buffer read as empty. */
static FILE *open_memory(const uint8_t *data, size_t size)
{
	static char empty[1];
	return size ? fmemopen((void *)data, size, "r") : fmemopen(empty, 1, "r");
}

static wp_status run_stream(const char *kind, const uint8_t *data, size_t size, char *err)
{
	wp_status st = WP_OK;
	wp_contacts c = {0};
	wp_source src;
	FILE *f = open_memory(data, size);
	if (f == NULL)
		WP_FAIL(WP_EIO, "fuzz: fmemopen: %s", strerror(errno));
	if (size == 0)
		fgetc(f); /* consume the placeholder byte */
	wp_source_from_file(&src, f, kind);
	WP_TRY(wp_contacts_init(&c, "Fuzz Member", NULL, err));
	if (strcmp(kind, "fuzz.vcf") == 0)
		st = wp_import_vcard(&src, &c, err);
	else if (strcmp(kind, "fuzz.xml") == 0)
		st = wp_import_linkedin_xml(&src, &c, err);
	else
		st = wp_import_addressbook_csv(&src, NULL, &c, err);
fail:
	if (f != NULL)
		fclose(f);
	wp_contacts_free(&c);
	return st;
}

static wp_status run_addressbook(const char *arg, const uint8_t *data, size_t size, char *err)
{
	(void)arg;
	return run_stream("fuzz.csv", data, size, err);
}

static wp_status run_vcard(const char *arg, const uint8_t *data, size_t size, char *err)
{
	(void)arg;
	return run_stream("fuzz.vcf", data, size, err);
}

static wp_status run_linkedin_xml(const char *arg, const uint8_t *data, size_t size, char *err)
{
	(void)arg;
	return run_stream("fuzz.xml", data, size, err);
}

const wp_fuzz_target wp_fuzz_targets[] = {
#define FUZZ_TARGET(name, runner, arg, seeds) {#name, arg, seeds, run_##runner},
#include "fuzz/targets.def"
#undef FUZZ_TARGET
        {NULL, NULL, NULL, NULL}};

const wp_fuzz_target *wp_fuzz_find(const char *name)
{
	for (const wp_fuzz_target *t = wp_fuzz_targets; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

wp_status wp_fuzz_run(const wp_fuzz_target *t, const uint8_t *data, size_t size, char *err)
{
	return t->run(t->arg, data, size, err);
}
