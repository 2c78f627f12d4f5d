/* snapshot.c - writing and mmap-loading the .wpg binary snapshot (see snapshot.h).
 *
 * Layout (docs/snapshot.md has the table): a 128-byte header, a section table of (offset,
 * length) pairs in a fixed order, then the sections, each starting on a 64-byte boundary so the
 * mapped arrays are aligned for any element type and for cache lines. Everything is written in
 * the machine's byte order, marked by 0x01020304; a reader of the other byte order refuses the
 * file instead of swapping, because swapping would mean copying, and the point is not to copy.
 *
 * The writer lays the file out in memory first (sizes only), checksums the data in place, then
 * streams header, table and arrays with write(2) into a temporary file that is fsync-ed and
 * renamed over the destination, so a crash or a full disk never leaves a half-written snapshot.
 * The loader maps the file and distrusts it in this order, never reading a byte it has not shown
 * to lie inside the file: magic, byte order, version, size, header CRC-32, data CRC-32, section
 * table (every offset and length checked with overflow-safe arithmetic), then the structure of
 * every array. Both CRCs are zlib's crc32; the data CRC is computed in parallel chunks combined
 * with crc32_combine, which gives the same value as a serial pass for any thread count. Structural
 * checks are one parallel pass over vertices and strings: O(n + m + string bytes).
 */
#include "engine/snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "engine/parallel.h"

#define SNAP_MAGIC "WPGRAPH" /* with its NUL: 8 bytes */
#define SNAP_ENDIAN 0x01020304u
#define SNAP_ENDIAN_SWAPPED 0x04030201u
#define SNAP_HEADER_SIZE 128u
#define SNAP_ALIGN 64u
#define SNAP_FLAG_DIRECTED 1u
#define SNAP_FLAG_WEIGHTED 2u
#define SNAP_FIXED_SECTIONS 8u
#define SNAP_SECTIONS_PER_ATTR 3u
#define SNAP_MAX_ATTRS (1u << 16)
/* Bytes of data each checksum or validation thread should get at least. */
#define SNAP_CRC_GRAIN (8u << 20)
#define SNAP_CHECK_GRAIN (1u << 16)

/* The fixed header. Every field sits at its natural alignment, so the struct has no padding and
 * its layout is the file's; docs/snapshot.md lists the offsets. */
typedef struct snap_header {
	char magic[8];      /* "WPGRAPH\0" */
	uint32_t endian;    /* SNAP_ENDIAN in the writer's byte order */
	uint32_t version;   /* WP_SNAPSHOT_VERSION */
	uint64_t file_size; /* total bytes */
	uint32_t flags;     /* SNAP_FLAG_* */
	uint32_t n;
	uint64_t m;
	uint64_t label_bytes; /* size of the label arena */
	uint32_t attr_count;
	uint32_t section_count; /* SNAP_FIXED_SECTIONS + SNAP_SECTIONS_PER_ATTR * attr_count */
	uint64_t self_loops_removed;
	uint64_t multi_edges_merged;
	uint32_t data_crc;          /* crc32 of bytes [SNAP_HEADER_SIZE, file_size) */
	uint32_t header_crc;        /* crc32 of the header with this field zero */
	unsigned char reserved[48]; /* written as zero, ignored by readers of version 1 */
} snap_header;

_Static_assert(sizeof(snap_header) == SNAP_HEADER_SIZE, "the header is 128 bytes");
/* Magic, byte order, version and size stay at these offsets in every future version, so that any
 * reader can say why it refuses a file. */
_Static_assert(offsetof(snap_header, endian) == 8 && offsetof(snap_header, version) == 12 &&
                       offsetof(snap_header, file_size) == 16,
               "the fields every version keeps in place");

/* One entry of the section table, which follows the header. */
typedef struct snap_section {
	uint64_t offset; /* from the start of the file; a multiple of SNAP_ALIGN */
	uint64_t length; /* in bytes, padding not counted */
} snap_section;

_Static_assert(sizeof(snap_section) == 16, "a section table entry is 16 bytes");

/* The fixed sections, in file order. */
enum {
	SNAP_SEC_OFFSETS,
	SNAP_SEC_TARGETS,
	SNAP_SEC_WEIGHTS,
	SNAP_SEC_IN_OFFSETS,
	SNAP_SEC_IN_TARGETS,
	SNAP_SEC_IN_WEIGHTS,
	SNAP_SEC_LABEL_OFFSETS,
	SNAP_SEC_LABEL_BYTES
};

/* Attribute column c owns sections SNAP_FIXED_SECTIONS + 3c + these. */
enum { SNAP_SEC_ATTR_NAME, SNAP_SEC_ATTR_OFFSETS, SNAP_SEC_ATTR_BYTES };

static const char *const fixed_section_names[SNAP_FIXED_SECTIONS] = {
        "offsets",    "targets",    "weights",       "in_offsets",
        "in_targets", "in_weights", "label offsets", "label arena"};

static uint64_t align_up(uint64_t x)
{
	return (x + SNAP_ALIGN - 1) & ~(uint64_t)(SNAP_ALIGN - 1);
}

/* ---------------------------------------------------------------------------------------------
 * Checksums
 */

/* CRC-32 of p[0..len), continuing from crc: parallel blocks, one per thread, combined in order
 * with crc32_combine, so the value equals a serial crc32 for any thread count. */
static uint32_t crc_update(uint32_t crc, const unsigned char *p, uint64_t len)
{
	enum { MAX_BLOCKS = 256 };
	uint32_t crcs[MAX_BLOCKS];
	uint64_t lens[MAX_BLOCKS];
	int used = 1;
	int threads = wp_threads_for(len, SNAP_CRC_GRAIN);

	if (threads > MAX_BLOCKS)
		threads = MAX_BLOCKS;
	if (len == 0)
		return crc;
	if (threads <= 1)
		return (uint32_t)crc32_z(crc, p, (z_size_t)len);

#pragma omp parallel num_threads(threads)
	{
		int t = wp_thread_id(), nt = wp_num_threads();
		uint64_t lo = len * (uint64_t)t / (uint64_t)nt;
		uint64_t hi = len * (uint64_t)(t + 1) / (uint64_t)nt;
		crcs[t] = (uint32_t)crc32_z(0, p + lo, (z_size_t)(hi - lo));
		lens[t] = hi - lo;
		if (t == 0)
			used = nt;
	}
	for (int t = 0; t < used; t++)
		crc = (uint32_t)crc32_combine(crc, crcs[t], (z_off_t)lens[t]);
	return crc;
}

static uint32_t header_crc(const snap_header *hd)
{
	snap_header copy = *hd;
	copy.header_crc = 0;
	return (uint32_t)crc32_z(0, (const unsigned char *)&copy, sizeof(copy));
}

/* ---------------------------------------------------------------------------------------------
 * Writing
 */

typedef struct piece {
	const void *data;
	uint64_t len;
} piece;

/* Writes all of buf; returns 0 or an errno value. */
static int write_all(int fd, const void *buf, uint64_t len)
{
	const unsigned char *p = buf;
	while (len > 0) {
		size_t chunk = len > (1u << 30) ? (1u << 30) : (size_t)len;
		ssize_t w = write(fd, p, chunk);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (w == 0)
			return EIO;
		p += w;
		len -= (uint64_t)w;
	}
	return 0;
}

/* The sections of g in file order, after checking that g is a complete graph. */
static wp_status collect_sections(const wp_graph *g, const char *path, piece *sec, char *err)
{
	wp_status st = WP_OK;
	uint32_t n = g->n;
	uint64_t offsets_len = ((uint64_t)n + 1) * sizeof(uint64_t);
	uint64_t arcs_len = g->m * sizeof(wp_vertex);
	const wp_strtab *names = &g->labels.names;

	if (g->offsets == NULL || (g->m > 0 && g->targets == NULL) ||
	    (g->directed && (g->in_offsets == NULL || (g->m > 0 && g->in_targets == NULL))) ||
	    (g->directed && (g->weights == NULL) != (g->in_weights == NULL)))
		WP_FAIL(WP_EARG, "%s: cannot write: the graph is not built", path);
	if (names->count != n || (n > 0 && (names->offsets == NULL || names->bytes == NULL)))
		WP_FAIL(WP_EARG, "%s: cannot write: the graph has %u labels for %u vertices", path,
		        names->count, n);
	sec[SNAP_SEC_OFFSETS] = (piece){g->offsets, offsets_len};
	sec[SNAP_SEC_TARGETS] = (piece){g->targets, arcs_len};
	sec[SNAP_SEC_WEIGHTS] = (piece){g->weights, g->weights ? g->m * sizeof(float) : 0};
	sec[SNAP_SEC_IN_OFFSETS] = (piece){g->in_offsets, g->directed ? offsets_len : 0};
	sec[SNAP_SEC_IN_TARGETS] = (piece){g->in_targets, g->directed ? arcs_len : 0};
	sec[SNAP_SEC_IN_WEIGHTS] =
	        (piece){g->in_weights, g->directed && g->in_weights ? g->m * sizeof(float) : 0};
	sec[SNAP_SEC_LABEL_OFFSETS] = (piece){names->offsets, n > 0 ? offsets_len : 0};
	sec[SNAP_SEC_LABEL_BYTES] = (piece){names->bytes, n > 0 ? names->offsets[n] : 0};
	for (uint32_t c = 0; c < g->attrs.count; c++) {
		const wp_attr_column *col = &g->attrs.cols[c];
		piece *s = sec + SNAP_FIXED_SECTIONS + (size_t)SNAP_SECTIONS_PER_ATTR * c;
		if (col->name == NULL || col->owners != NULL || col->values.count != n ||
		    (n > 0 && (col->values.offsets == NULL || col->values.bytes == NULL)))
			WP_FAIL(WP_EARG,
			        "%s: cannot write: attribute column %u is not finalized for %u "
			        "vertices",
			        path, c, n);
		s[SNAP_SEC_ATTR_NAME] = (piece){col->name, strlen(col->name) + 1};
		s[SNAP_SEC_ATTR_OFFSETS] = (piece){col->values.offsets, n > 0 ? offsets_len : 0};
		s[SNAP_SEC_ATTR_BYTES] =
		        (piece){col->values.bytes, n > 0 ? col->values.offsets[n] : 0};
	}
	return WP_OK;
fail:
	return st;
}

/* Creates a fresh temporary file next to path (O_EXCL, mode 0600) and stores its name in *tmp.
 * Returns the descriptor, or -1 with errno set. */
static int create_temp(const char *path, char **tmp)
{
	size_t len = strlen(path) + 64;
	char *name = malloc(len);
	if (name == NULL) {
		errno = ENOMEM;
		return -1;
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		snprintf(name, len, "%s.tmp-%ld-%lx", path, (long)getpid(),
		         (unsigned long)ts.tv_nsec + attempt);
		int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			*tmp = name;
			return fd;
		}
		if (errno != EEXIST)
			break;
	}
	int saved = errno;
	free(name);
	errno = saved;
	return -1;
}

/* Flushes the directory holding path, so the rename survives a crash. Best effort: some file
 * systems refuse fsync on directories, and the snapshot is already complete at this point. */
static void sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = NULL;
	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		return;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

wp_status wp_snapshot_write(const wp_graph *g, const char *path, char *err)
{
	wp_status st = WP_OK;
	piece *sec = NULL;
	snap_section *table = NULL;
	unsigned char *head = NULL;
	char *tmp = NULL;
	int fd = -1, e = 0;

	if (g->attrs.count > SNAP_MAX_ATTRS)
		WP_FAIL(WP_ELIMIT, "%s: cannot write: more than %u attribute columns", path,
		        SNAP_MAX_ATTRS);
	uint32_t sections = SNAP_FIXED_SECTIONS + SNAP_SECTIONS_PER_ATTR * g->attrs.count;
	uint64_t table_len = (uint64_t)sections * sizeof(snap_section);
	uint64_t data_start = align_up(SNAP_HEADER_SIZE + table_len);
	sec = calloc(sections, sizeof(*sec));
	table = calloc(sections, sizeof(*table));
	head = calloc(1, (size_t)data_start);
	if (sec == NULL || table == NULL || head == NULL)
		WP_FAIL(WP_ENOMEM, "%s: cannot write: out of memory for the section table", path);
	WP_TRY(collect_sections(g, path, sec, err));

	/* Lay out the sections, then checksum everything after the header in file order. */
	uint64_t pos = data_start;
	for (uint32_t i = 0; i < sections; i++) {
		pos = align_up(pos);
		table[i].offset = pos;
		table[i].length = sec[i].len;
		pos += sec[i].len;
	}
	memcpy(head + SNAP_HEADER_SIZE, table, (size_t)table_len);
	static const unsigned char zeros[SNAP_ALIGN];
	uint32_t crc = crc_update(0, head + SNAP_HEADER_SIZE, data_start - SNAP_HEADER_SIZE);
	uint64_t at = data_start;
	for (uint32_t i = 0; i < sections; i++) {
		crc = crc_update(crc, zeros, table[i].offset - at);
		crc = crc_update(crc, sec[i].data, sec[i].len);
		at = table[i].offset + sec[i].len;
	}

	snap_header hd;
	memset(&hd, 0, sizeof(hd));
	memcpy(hd.magic, SNAP_MAGIC, sizeof(hd.magic));
	hd.endian = SNAP_ENDIAN;
	hd.version = WP_SNAPSHOT_VERSION;
	hd.file_size = pos;
	hd.flags = (g->directed ? SNAP_FLAG_DIRECTED : 0) | (g->weights ? SNAP_FLAG_WEIGHTED : 0);
	hd.n = g->n;
	hd.m = g->m;
	hd.label_bytes = sec[SNAP_SEC_LABEL_BYTES].len;
	hd.attr_count = g->attrs.count;
	hd.section_count = sections;
	hd.self_loops_removed = g->self_loops_removed;
	hd.multi_edges_merged = g->multi_edges_merged;
	hd.data_crc = crc;
	hd.header_crc = header_crc(&hd);
	memcpy(head, &hd, sizeof(hd));

	fd = create_temp(path, &tmp);
	if (fd < 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	if ((e = write_all(fd, head, data_start)) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(e));
	at = data_start;
	for (uint32_t i = 0; i < sections; i++) {
		if ((e = write_all(fd, zeros, table[i].offset - at)) != 0 ||
		    (e = write_all(fd, sec[i].data, sec[i].len)) != 0)
			WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(e));
		at = table[i].offset + sec[i].len;
	}
	/* fsync reports a full disk on file systems that allocate late; close can report it too. */
	if (fsync(fd) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	e = close(fd);
	fd = -1;
	if (e != 0 || rename(tmp, path) != 0)
		WP_FAIL(WP_EIO, "%s: cannot write: %s", path, strerror(errno));
	free(tmp); /* renamed: nothing left to remove */
	tmp = NULL;
	sync_parent(path);
	free(sec);
	free(table);
	free(head);
	return WP_OK;
fail:
	if (fd >= 0)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(sec);
	free(table);
	free(head);
	return st;
}

/* ---------------------------------------------------------------------------------------------
 * Loading
 */

/* Checks everything the fixed header alone can tell: magic, byte order, version, size, header
 * CRC, flags and counts. size is the file's; map holds size bytes. */
static wp_status check_header(const unsigned char *map, uint64_t size, const char *path,
                              snap_header *out, char *err)
{
	wp_status st = WP_OK;
	snap_header hd;
	memset(&hd, 0, sizeof(hd));
	memcpy(&hd, map, size < SNAP_HEADER_SIZE ? (size_t)size : SNAP_HEADER_SIZE);
	unsigned long long y = (unsigned long long)size;

	if (size == 0 || memcmp(hd.magic, SNAP_MAGIC, size < 8 ? (size_t)size : 8) != 0)
		WP_FAIL(WP_EINPUT, "%s: not a warmpath snapshot (bad magic)", path);
	if (size >= 12 && hd.endian != SNAP_ENDIAN) {
		const uint32_t probe = SNAP_ENDIAN;
		bool little = *(const unsigned char *)&probe == 0x04;
		if (hd.endian == SNAP_ENDIAN_SWAPPED)
			WP_FAIL(WP_EINPUT,
			        "%s: snapshot was written on a %s-endian machine and cannot "
			        "be read on this %s-endian one; rebuild it from the source "
			        "graph",
			        path, little ? "big" : "little", little ? "little" : "big");
		WP_FAIL(WP_EINPUT, "%s: corrupt snapshot: bad byte-order marker", path);
	}
	if (size >= 16 && hd.version != WP_SNAPSHOT_VERSION)
		WP_FAIL(WP_EINPUT,
		        "%s: snapshot version %u is not supported (this warmpath reads "
		        "version %u)",
		        path, hd.version, WP_SNAPSHOT_VERSION);
	if (size < SNAP_HEADER_SIZE) {
		/* The size field (offset 16) is readable from 24 bytes on; before that, only the
		 * header's own size is known. */
		if (size >= 24 && hd.file_size > size)
			WP_FAIL(WP_EINPUT,
			        "%s: truncated snapshot: expected %llu bytes, file has %llu", path,
			        (unsigned long long)hd.file_size, y);
		WP_FAIL(WP_EINPUT,
		        "%s: truncated snapshot: expected at least %u bytes, file has %llu", path,
		        SNAP_HEADER_SIZE, y);
	}
	if (header_crc(&hd) != hd.header_crc)
		WP_FAIL(WP_EINPUT, "%s: corrupt snapshot: checksum mismatch", path);
	if (hd.file_size > size)
		WP_FAIL(WP_EINPUT, "%s: truncated snapshot: expected %llu bytes, file has %llu",
		        path, (unsigned long long)hd.file_size, y);
	if (hd.file_size < size)
		WP_FAIL(WP_EINPUT, "%s: corrupt snapshot: expected %llu bytes, file has %llu", path,
		        (unsigned long long)hd.file_size, y);
	if ((hd.flags & ~(SNAP_FLAG_DIRECTED | SNAP_FLAG_WEIGHTED)) != 0)
		WP_FAIL(WP_EINPUT, "%s: corrupt snapshot: unknown flags 0x%x", path, hd.flags);
	if (hd.n > WP_MAX_VERTICES)
		WP_FAIL(WP_EINPUT, "%s: corrupt snapshot: %u vertices (at most %u)", path, hd.n,
		        (unsigned)WP_MAX_VERTICES);
	if (!(hd.flags & SNAP_FLAG_DIRECTED) && hd.m % 2 != 0)
		WP_FAIL(WP_EINPUT,
		        "%s: corrupt snapshot: an undirected graph with an odd number "
		        "of arcs (%llu)",
		        path, (unsigned long long)hd.m);
	if (hd.attr_count > SNAP_MAX_ATTRS ||
	    hd.section_count != SNAP_FIXED_SECTIONS + SNAP_SECTIONS_PER_ATTR * hd.attr_count)
		WP_FAIL(WP_EINPUT, "%s: corrupt snapshot: %u sections for %u attributes", path,
		        hd.section_count, hd.attr_count);
	if ((uint64_t)hd.section_count * sizeof(snap_section) > size - SNAP_HEADER_SIZE)
		WP_FAIL(WP_EINPUT,
		        "%s: corrupt snapshot: the section table runs past the end of "
		        "the file",
		        path);
	*out = hd;
	return WP_OK;
fail:
	return st;
}

/* a * b into *out, false on overflow. */
static bool mul_ok(uint64_t a, uint64_t b, uint64_t *out)
{
	if (b != 0 && a > UINT64_MAX / b)
		return false;
	*out = a * b;
	return true;
}

static void section_name(uint32_t i, char *buf, size_t len)
{
	if (i < SNAP_FIXED_SECTIONS) {
		snprintf(buf, len, "%s", fixed_section_names[i]);
		return;
	}
	static const char *const kinds[SNAP_SECTIONS_PER_ATTR] = {"name", "value offsets",
	                                                          "values"};
	uint32_t c = (i - SNAP_FIXED_SECTIONS) / SNAP_SECTIONS_PER_ATTR;
	snprintf(buf, len, "attribute %u %s", c,
	         kinds[(i - SNAP_FIXED_SECTIONS) % SNAP_SECTIONS_PER_ATTR]);
}

/* Reads the section table into table[0 .. section_count) and checks that every section lies
 * inside the file, in order, aligned, without overlap, with the length the header implies
 * (string arenas and attribute names may have any length, but arenas are empty without
 * vertices). */
static wp_status check_sections(const unsigned char *map, uint64_t size, const snap_header *hd,
                                const char *path, snap_section *table, char *err)
{
	wp_status st = WP_OK;
	char name[64];
	bool directed = hd->flags & SNAP_FLAG_DIRECTED, weighted = hd->flags & SNAP_FLAG_WEIGHTED;
	uint64_t offsets_len = ((uint64_t)hd->n + 1) * sizeof(uint64_t), arcs_len = 0;
	uint64_t prev_end =
	        align_up(SNAP_HEADER_SIZE + (uint64_t)hd->section_count * sizeof(snap_section));

	if (!mul_ok(hd->m, sizeof(wp_vertex), &arcs_len))
		WP_FAIL(WP_EINPUT, "%s: corrupt snapshot: %llu arcs cannot fit in a file", path,
		        (unsigned long long)hd->m);
	memcpy(table, map + SNAP_HEADER_SIZE, (size_t)hd->section_count * sizeof(*table));
	for (uint32_t i = 0; i < hd->section_count; i++) {
		uint64_t off = table[i].offset, len = table[i].length, want = 0;
		/* Whether the length is prescribed. A flag, not a sentinel length: a header may
		 * claim any 64-bit label_bytes, UINT64_MAX included (found by fuzzing, which then
		 * read past the arena). */
		bool fixed = true;
		switch (i) {
		case SNAP_SEC_OFFSETS:
			want = offsets_len;
			break;
		case SNAP_SEC_TARGETS:
			want = arcs_len;
			break;
		case SNAP_SEC_WEIGHTS:
			want = weighted ? arcs_len : 0;
			break;
		case SNAP_SEC_IN_OFFSETS:
			want = directed ? offsets_len : 0;
			break;
		case SNAP_SEC_IN_TARGETS:
			want = directed ? arcs_len : 0;
			break;
		case SNAP_SEC_IN_WEIGHTS:
			want = directed && weighted ? arcs_len : 0;
			break;
		case SNAP_SEC_LABEL_OFFSETS:
			want = hd->n > 0 ? offsets_len : 0;
			break;
		case SNAP_SEC_LABEL_BYTES:
			want = hd->n > 0 ? hd->label_bytes : 0;
			break;
		default: {
			uint32_t kind = (i - SNAP_FIXED_SECTIONS) % SNAP_SECTIONS_PER_ATTR;
			if (kind == SNAP_SEC_ATTR_OFFSETS)
				want = hd->n > 0 ? offsets_len : 0;
			else if (kind == SNAP_SEC_ATTR_BYTES && hd->n == 0)
				want = 0;
			else
				fixed = false;
			break;
		}
		}
		section_name(i, name, sizeof(name));
		if (off % SNAP_ALIGN != 0 || off < prev_end || off > size || len > size - off)
			WP_FAIL(WP_EINPUT,
			        "%s: corrupt snapshot: section %u (%s) at offset %llu, "
			        "length %llu, is misplaced in a file of %llu bytes",
			        path, i, name, (unsigned long long)off, (unsigned long long)len,
			        (unsigned long long)size);
		if (fixed && len != want)
			WP_FAIL(WP_EINPUT,
			        "%s: corrupt snapshot: section %u (%s) has %llu bytes, "
			        "expected %llu",
			        path, i, name, (unsigned long long)len, (unsigned long long)want);
		prev_end = off + len;
	}
	return WP_OK;
fail:
	return st;
}

/* True when v's list targets[offsets[v] .. offsets[v+1]) lies inside 0..m, is strictly
 * ascending, stays below n and does not contain v. Reads nothing outside the arrays. */
static bool list_ok(const uint64_t *offsets, const wp_vertex *targets, uint32_t n, uint64_t m,
                    uint32_t v)
{
	uint64_t lo = offsets[v], hi = offsets[v + 1];
	if (lo > hi || hi > m)
		return false;
	for (uint64_t i = lo; i < hi; i++) {
		wp_vertex w = targets[i];
		if (w >= n || w == v || (i > lo && w <= targets[i - 1]))
			return false;
	}
	return true;
}

/* Checks one direction of the CSR; `arc` names its arcs in messages ("arc" or "in-arc"). */
static wp_status check_csr(const uint64_t *offsets, const wp_vertex *targets, uint32_t n,
                           uint64_t m, const char *arc, const char *path, char *err)
{
	wp_status st = WP_OK;
	uint64_t bad = UINT64_MAX;
	int threads = wp_threads_for((uint64_t)n + m, SNAP_CHECK_GRAIN);
	(void)threads; /* read only by the pragma, so unused in a serial build */

	if (offsets[0] != 0 || offsets[n] != m)
		WP_FAIL(WP_EINPUT,
		        "%s: corrupt snapshot: %s offsets run from %llu to %llu, not from "
		        "0 to %llu",
		        path, arc, (unsigned long long)offsets[0], (unsigned long long)offsets[n],
		        (unsigned long long)m);

#pragma omp parallel for schedule(dynamic, 1024) reduction(min : bad) num_threads(threads)
	for (uint32_t v = 0; v < n; v++)
		if (!list_ok(offsets, targets, n, m, v) && v < bad)
			bad = v;
	if (bad == UINT64_MAX)
		return WP_OK;

	/* Say exactly what is wrong with the first bad list; it is known to be in bounds or not. */
	wp_vertex v = (wp_vertex)bad;
	uint64_t lo = offsets[v], hi = offsets[v + 1];
	if (lo > hi || hi > m)
		WP_FAIL(WP_EINPUT,
		        "%s: corrupt snapshot: %s offsets of vertex %u (%llu..%llu) are out "
		        "of order",
		        path, arc, v, (unsigned long long)lo, (unsigned long long)hi);
	for (uint64_t i = lo; i < hi; i++) {
		wp_vertex w = targets[i];
		if (w >= n)
			WP_FAIL(WP_EINPUT,
			        "%s: corrupt snapshot: %s %llu of vertex %u points to vertex "
			        "%u, but the graph has %u vertices",
			        path, arc, (unsigned long long)i, v, w, n);
		if (w == v)
			WP_FAIL(WP_EINPUT,
			        "%s: corrupt snapshot: %s %llu of vertex %u is a self-loop", path,
			        arc, (unsigned long long)i, v);
		if (i > lo && w <= targets[i - 1])
			WP_FAIL(WP_EINPUT,
			        "%s: corrupt snapshot: the %s list of vertex %u is not "
			        "strictly ascending",
			        path, arc, v);
	}
	WP_FAIL(WP_EINPUT, "%s: corrupt snapshot: %s list of vertex %u is invalid", path, arc, v);
fail:
	return st;
}

/* True when string i of a table is inside the arena, NUL-terminated, without an inner NUL and
 * at least min_len bytes long. */
static bool string_ok(const uint64_t *offsets, const char *bytes, uint64_t arena, uint32_t i,
                      uint64_t min_len)
{
	uint64_t lo = offsets[i], hi = offsets[i + 1];
	if (lo >= hi || hi > arena || hi - lo - 1 < min_len || bytes[hi - 1] != '\0')
		return false;
	return memchr(bytes + lo, '\0', (size_t)(hi - lo - 1)) == NULL;
}

/* Checks a table of count strings over an arena of `arena` bytes (empty when count is 0);
 * returns the first bad string, or UINT64_MAX when all are good. offsets[0] != 0 is reported as
 * string 0, offsets[count] != arena as string count - 1. */
static uint64_t first_bad_string(const uint64_t *offsets, const char *bytes, uint64_t arena,
                                 uint32_t count, uint64_t min_len)
{
	uint64_t bad = UINT64_MAX;
	if (count == 0)
		return UINT64_MAX;
	if (offsets[0] != 0)
		return 0;
	if (offsets[count] != arena)
		return count - 1;
	int threads = wp_threads_for((uint64_t)count + arena, SNAP_CHECK_GRAIN);
	(void)threads; /* read only by the pragma, so unused in a serial build */

#pragma omp parallel for schedule(dynamic, 4096) reduction(min : bad) num_threads(threads)
	for (uint32_t i = 0; i < count; i++)
		if (!string_ok(offsets, bytes, arena, i, min_len) && i < bad)
			bad = i;
	return bad;
}

/* Start of section i in the mapping (checked by check_sections). */
static void *section_at(unsigned char *map, const snap_section *table, uint32_t i)
{
	return map + table[i].offset;
}

wp_status wp_snapshot_load(wp_graph *g, const char *path, char *err)
{
	wp_status st = WP_OK;
	int fd = -1;
	unsigned char *map = NULL;
	uint64_t size = 0;
	snap_section *table = NULL;
	wp_graph h;
	snap_header hd;
	struct stat sb;

	memset(g, 0, sizeof(*g));
	memset(&h, 0, sizeof(h));
	memset(&hd, 0, sizeof(hd));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		WP_FAIL(errno == ENOENT ? WP_ENOTFOUND : WP_EIO, "%s: cannot open: %s", path,
		        strerror(errno));
	if (fstat(fd, &sb) != 0)
		WP_FAIL(WP_EIO, "%s: cannot read: %s", path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		WP_FAIL(WP_EIO, "%s: cannot read: not a regular file", path);
	size = (uint64_t)sb.st_size;
	if (size == 0)
		WP_FAIL(WP_EINPUT, "%s: not a warmpath snapshot (bad magic)", path);
	if (size > SIZE_MAX)
		WP_FAIL(WP_ELIMIT, "%s: snapshot of %llu bytes is too large to map", path,
		        (unsigned long long)size);
	/* No MAP_POPULATE: the checksum pass faults every page in anyway, from all threads, and
	 * measured no slower on a 365 MB snapshot in the page cache. */
	void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		WP_FAIL(WP_EIO, "%s: cannot map: %s", path, strerror(errno));
	map = p;
	close(fd);
	fd = -1;

	WP_TRY(check_header(map, size, path, &hd, err));
	if (crc_update(0, map + SNAP_HEADER_SIZE, size - SNAP_HEADER_SIZE) != hd.data_crc)
		WP_FAIL(WP_EINPUT, "%s: corrupt snapshot: checksum mismatch", path);
	table = calloc(SNAP_FIXED_SECTIONS + (size_t)SNAP_SECTIONS_PER_ATTR * hd.attr_count,
	               sizeof(*table)); /* == section_count, checked */
	if (table == NULL)
		WP_FAIL(WP_ENOMEM, "%s: cannot allocate the section table", path);
	WP_TRY(check_sections(map, size, &hd, path, table, err));

	/* Every section is now known to be inside the mapping, aligned and of the right size. */
	uint32_t n = hd.n;
	h.n = n;
	h.m = hd.m;
	h.directed = hd.flags & SNAP_FLAG_DIRECTED;
	h.offsets = section_at(map, table, SNAP_SEC_OFFSETS);
	h.targets = section_at(map, table, SNAP_SEC_TARGETS);
	h.weights = hd.flags & SNAP_FLAG_WEIGHTED ? section_at(map, table, SNAP_SEC_WEIGHTS) : NULL;
	if (h.directed) {
		h.in_offsets = section_at(map, table, SNAP_SEC_IN_OFFSETS);
		h.in_targets = section_at(map, table, SNAP_SEC_IN_TARGETS);
		h.in_weights = h.weights ? section_at(map, table, SNAP_SEC_IN_WEIGHTS) : NULL;
	} else {
		h.in_offsets = h.offsets;
		h.in_targets = h.targets;
		h.in_weights = h.weights;
	}
	h.self_loops_removed = hd.self_loops_removed;
	h.multi_edges_merged = hd.multi_edges_merged;
	WP_TRY(check_csr(h.offsets, h.targets, n, h.m, "arc", path, err));
	if (h.directed)
		WP_TRY(check_csr(h.in_offsets, h.in_targets, n, h.m, "in-arc", path, err));

	wp_strtab *names = &h.labels.names;
	names->bytes = n > 0 ? section_at(map, table, SNAP_SEC_LABEL_BYTES) : NULL;
	names->offsets = n > 0 ? section_at(map, table, SNAP_SEC_LABEL_OFFSETS) : NULL;
	names->count = names->cap = n;
	names->used = names->bytes_cap = hd.label_bytes;
	names->borrowed = true;
	h.labels.indexed = false;
	uint64_t bad = first_bad_string(names->offsets, names->bytes, hd.label_bytes, n, 1);
	if (bad != UINT64_MAX)
		WP_FAIL(WP_EINPUT,
		        "%s: corrupt snapshot: the label of vertex %llu is not a "
		        "non-empty NUL-terminated string inside the label arena",
		        path, (unsigned long long)bad);

	if (hd.attr_count > 0) {
		h.attrs.cols = calloc(hd.attr_count, sizeof(*h.attrs.cols));
		if (h.attrs.cols == NULL)
			WP_FAIL(WP_ENOMEM, "%s: cannot allocate %u attribute columns", path,
			        hd.attr_count);
		h.attrs.cap = hd.attr_count;
	}
	for (uint32_t c = 0; c < hd.attr_count; c++) {
		uint32_t s = SNAP_FIXED_SECTIONS + SNAP_SECTIONS_PER_ATTR * c;
		const char *name = section_at(map, table, s + SNAP_SEC_ATTR_NAME);
		uint64_t name_len = table[s + SNAP_SEC_ATTR_NAME].length;
		uint64_t arena = table[s + SNAP_SEC_ATTR_BYTES].length;
		if (name_len == 0 || name[name_len - 1] != '\0' ||
		    memchr(name, '\0', (size_t)name_len - 1) != NULL)
			WP_FAIL(WP_EINPUT,
			        "%s: corrupt snapshot: the name of attribute %u is not a "
			        "NUL-terminated string",
			        path, c);
		wp_attr_column *col = &h.attrs.cols[c];
		col->name = malloc((size_t)name_len);
		if (col->name == NULL)
			WP_FAIL(WP_ENOMEM, "%s: cannot allocate an attribute name", path);
		memcpy(col->name, name, (size_t)name_len);
		h.attrs.count = c + 1;
		col->values.bytes = n > 0 ? section_at(map, table, s + SNAP_SEC_ATTR_BYTES) : NULL;
		col->values.offsets =
		        n > 0 ? section_at(map, table, s + SNAP_SEC_ATTR_OFFSETS) : NULL;
		col->values.count = col->values.cap = n;
		col->values.used = col->values.bytes_cap = arena;
		col->values.borrowed = true;
		bad = first_bad_string(col->values.offsets, col->values.bytes, arena, n, 0);
		if (bad != UINT64_MAX)
			WP_FAIL(WP_EINPUT,
			        "%s: corrupt snapshot: attribute '%.100s' of vertex %llu is "
			        "not a NUL-terminated string inside its arena",
			        path, col->name, (unsigned long long)bad);
	}

	h.mapping = map;
	h.mapping_len = (size_t)size;
	free(table);
	*g = h;
	return WP_OK;
fail:
	if (fd >= 0)
		close(fd);
	wp_attrs_free(&h.attrs);
	if (map != NULL)
		munmap(map, (size_t)size);
	free(table);
	return st;
}
