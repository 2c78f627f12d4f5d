/* test_snapshot.c - Criterion tests for engine/snapshot.c: round trips, atomic writing, refusal.
 *
 * Round trips cover the igraph edge-case ladder (null graph, one vertex, self-loops, multi-edges,
 * isolated vertices, directed and undirected, weighted or not, with attribute columns) and
 * compare the loaded graph with the built one array by array. The refusal tests damage real
 * snapshots every way a disk, a transfer or an attacker could: every single byte flipped, every
 * truncation length, and a table of crafted files whose checksums were recomputed so that only
 * the structural checks stand between them and a crash. Each test works in its own temporary
 * directory (Criterion runs every test in its own process).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "engine/graph.h"
#include "engine/parallel.h"
#include "engine/snapshot.h"

/* Header fields and the section table, as docs/snapshot.md lays them out. */
enum {
	H_ENDIAN = 8,
	H_VERSION = 12,
	H_FILE_SIZE = 16,
	H_FLAGS = 24,
	H_N = 28,
	H_M = 32,
	H_LABEL_BYTES = 40,
	H_ATTR_COUNT = 48,
	H_SECTION_COUNT = 52,
	H_DATA_CRC = 72,
	H_HEADER_CRC = 76,
	H_SIZE = 128
};
enum {
	S_OFFSETS,
	S_TARGETS,
	S_WEIGHTS,
	S_IN_OFFSETS,
	S_IN_TARGETS,
	S_IN_WEIGHTS,
	S_LABEL_OFFSETS,
	S_LABEL_BYTES,
	S_ATTR0_NAME,
	S_ATTR0_OFFSETS,
	S_ATTR0_BYTES
};

static char dir[512];

static void make_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/wp_snapshot_XXXXXX", tmp && *tmp ? tmp : "/tmp");
	cr_assert(not(eq(ptr, mkdtemp(dir), NULL)), "mkdtemp: %s", strerror(errno));
}

static void remove_dir(void)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct dirent *e;
	char path[1024];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

TestSuite(snapshot, .init = make_dir, .fini = remove_dir);

static void in_dir(char *path, const char *name)
{
	snprintf(path, 1024, "%s/%s", dir, name);
}

static int entries_in_dir(void)
{
	DIR *d = opendir(dir);
	cr_assert(not(eq(ptr, d, NULL)));
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		count += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return count;
}

/* ---------------------------------------------------------------------------------------------
 * Graphs
 */

static wp_vertex intern(wp_edgebuf *eb, const char *s)
{
	char err[WP_ERR_LEN] = "";
	wp_vertex id = WP_NO_VERTEX;
	cr_assert(eq(int, wp_labels_intern(&eb->labels, s, strlen(s), &id, NULL, err), WP_OK), "%s",
	          err);
	return id;
}

static void push(wp_edgebuf *eb, wp_vertex u, wp_vertex v, float w, bool weighted)
{
	char err[WP_ERR_LEN] = "";
	wp_status st = weighted ? wp_edgebuf_push_weighted(eb, u, v, w, err)
	                        : wp_edgebuf_push(eb, u, v, err);
	cr_assert(eq(int, st, WP_OK), "%s", err);
}

static void set_attr(wp_edgebuf *eb, const char *name, wp_vertex v, const char *value)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_attrs_set(&eb->attrs, name, v, value, strlen(value), err), WP_OK),
	          "%s", err);
}

static void build(wp_graph *g, wp_edgebuf *eb, bool directed)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_graph_build(g, eb, directed, err), WP_OK), "%s", err);
}

static const char *const sample_labels[] = {"alice", "bob",       "carol",   "42",
                                            "007",   "Zoë Çelik", "isolated"};
enum { SAMPLE_N = 7 };

/* Seven vertices with text and numeric labels, a self-loop, a duplicate edge, an edge and its
 * reverse (merged when undirected), an isolated vertex; optionally weights and two attribute
 * columns, one of them sparse. */
static void build_sample(wp_graph *g, bool directed, bool weighted, bool attrs)
{
	wp_edgebuf eb = {0};
	for (int i = 0; i < SAMPLE_N; i++)
		cr_assert(eq(u32, intern(&eb, sample_labels[i]), (wp_vertex)i));
	static const struct {
		wp_vertex u, v;
		float w;
	} edges[] = {{0, 1, 2.5f}, {1, 2, 1.0f}, {2, 0, 0.5f}, {0, 3, 3.0f}, {3, 4, 4.25f},
	             {4, 5, 5.0f}, {1, 0, 7.0f}, {2, 2, 1.0f}, {0, 1, 1.5f}, {5, 3, 0.125f}};
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		push(&eb, edges[i].u, edges[i].v, edges[i].w, weighted);
	if (attrs) {
		for (int i = 0; i < SAMPLE_N; i++)
			set_attr(&eb, "org", (wp_vertex)i, i % 2 ? "Acme" : "Globex, Inc.");
		set_attr(&eb, "email", 1, "bob@example.org");
		set_attr(&eb, "email", 5, "zoe@example.org");
	}
	build(g, &eb, directed);
}

static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A random graph on n vertices with labels "v0".."v{n-1}" (every third one numeric). */
static void build_random(wp_graph *g, uint32_t n, uint64_t edges, bool directed, bool weighted,
                         uint64_t seed)
{
	wp_edgebuf eb = {0};
	char name[32], err[WP_ERR_LEN] = "";
	for (uint32_t i = 0; i < n; i++) {
		snprintf(name, sizeof(name), i % 3 ? "v%u" : "%u", i);
		cr_assert(eq(u32, intern(&eb, name), i));
	}
	cr_assert(eq(int, wp_edgebuf_reserve(&eb, edges, err), WP_OK), "%s", err);
	for (uint64_t i = 0; i < edges; i++) {
		uint64_t r = rng_next(&seed);
		push(&eb, (wp_vertex)(r % n), (wp_vertex)((r >> 32) % n), (float)(r >> 56) / 8.0f,
		     weighted);
	}
	build(g, &eb, directed);
}

static void assert_same_array(const void *a, const void *b, size_t bytes, const char *what)
{
	if (bytes == 0)
		return;
	cr_assert(not(eq(ptr, (void *)b, NULL)), "%s missing", what);
	cr_assert(eq(int, memcmp(a, b, bytes), 0), "%s differ", what);
}

static void assert_same_strtab(const wp_strtab *a, const wp_strtab *b, uint32_t n, const char *what)
{
	cr_assert(eq(u32, b->count, n), "%s", what);
	cr_assert(eq(u32, a->count, n), "%s", what);
	for (uint32_t v = 0; v < n; v++) {
		cr_assert(eq(str, (char *)wp_strtab_get(b, v), (char *)wp_strtab_get(a, v)),
		          "%s of vertex %u", what, v);
		cr_assert(eq(sz, wp_strtab_len(b, v), wp_strtab_len(a, v)), "%s of vertex %u", what,
		          v);
	}
}

/* Asserts that loaded (from a snapshot) equals built, array by array, and lives in its mapping. */
static void assert_same_graph(const wp_graph *built, const wp_graph *loaded)
{
	uint32_t n = built->n;
	uint64_t m = built->m;
	cr_assert(eq(u32, loaded->n, n));
	cr_assert(eq(u64, loaded->m, m));
	cr_assert(eq(int, loaded->directed, built->directed));
	cr_assert(eq(u64, loaded->self_loops_removed, built->self_loops_removed));
	cr_assert(eq(u64, loaded->multi_edges_merged, built->multi_edges_merged));
	assert_same_array(built->offsets, loaded->offsets, ((size_t)n + 1) * 8, "offsets");
	assert_same_array(built->targets, loaded->targets, (size_t)m * 4, "targets");
	cr_assert(eq(int, loaded->weights == NULL, built->weights == NULL));
	if (built->weights)
		assert_same_array(built->weights, loaded->weights, (size_t)m * 4, "weights");
	if (built->directed) {
		assert_same_array(built->in_offsets, loaded->in_offsets, ((size_t)n + 1) * 8,
		                  "in_offsets");
		assert_same_array(built->in_targets, loaded->in_targets, (size_t)m * 4,
		                  "in_targets");
		cr_assert(eq(int, loaded->in_weights == NULL, built->in_weights == NULL));
		if (built->in_weights)
			assert_same_array(built->in_weights, loaded->in_weights, (size_t)m * 4,
			                  "in_weights");
	} else {
		/* Exactly like wp_graph_build: the reverse arrays are the forward ones. */
		cr_assert(eq(ptr, loaded->in_offsets, loaded->offsets));
		cr_assert(eq(ptr, loaded->in_targets, loaded->targets));
		cr_assert(eq(ptr, loaded->in_weights, loaded->weights));
	}
	assert_same_strtab(&built->labels.names, &loaded->labels.names, n, "label");
	cr_assert(eq(u32, loaded->attrs.count, built->attrs.count));
	for (uint32_t c = 0; c < built->attrs.count; c++) {
		const wp_attr_column *a = &built->attrs.cols[c], *b = &loaded->attrs.cols[c];
		cr_assert(eq(str, b->name, a->name));
		cr_assert(eq(ptr, b->owners, NULL));
		cr_assert(b->values.borrowed);
		assert_same_strtab(&a->values, &b->values, n, a->name);
	}

	/* Borrowed from the mapping, not copied. */
	uintptr_t lo = (uintptr_t)loaded->mapping, hi = lo + loaded->mapping_len;
	cr_assert(not(eq(ptr, loaded->mapping, NULL)));
	cr_assert(ge(uptr, (uintptr_t)loaded->offsets, lo));
	cr_assert(lt(uptr, (uintptr_t)loaded->offsets, hi));
	if (n > 0) {
		cr_assert(ge(uptr, (uintptr_t)loaded->labels.names.bytes, lo));
		cr_assert(lt(uptr, (uintptr_t)loaded->labels.names.bytes, hi));
	}
	cr_assert(loaded->labels.names.borrowed);
	cr_assert(not(loaded->labels.indexed));
	for (uint32_t c = 0; c < loaded->attrs.count; c++) {
		uintptr_t name = (uintptr_t)loaded->attrs.cols[c].name;
		cr_assert(not(eq(int, name >= lo && name < hi, 1)),
		          "attribute names are copied out of the mapping");
	}
}

static void write_ok(const wp_graph *g, const char *path)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_snapshot_write(g, path, err), WP_OK), "%s", err);
	cr_assert(eq(str, err, ""));
}

static void load_ok(wp_graph *g, const char *path)
{
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_snapshot_load(g, path, err), WP_OK), "%s", err);
	cr_assert(eq(str, err, ""));
}

/* Loading path fails with st and exactly the message path + ": " + msg; the output is zeroed. */
static void expect_refused(const char *path, wp_status st, const char *msg)
{
	char err[WP_ERR_LEN] = "", want[WP_ERR_LEN + 1100];
	wp_graph g;
	memset(&g, 0xA5, sizeof(g));
	snprintf(want, sizeof(want), "%s: %s", path, msg);
	cr_assert(eq(int, wp_snapshot_load(&g, path, err), st), "%s", err);
	cr_assert(eq(str, err, want));
	cr_assert(eq(u32, g.n, 0));
	cr_assert(eq(ptr, g.offsets, NULL));
	cr_assert(eq(ptr, g.mapping, NULL));
}

/* ---------------------------------------------------------------------------------------------
 * Files as bytes
 */

static unsigned char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	cr_assert(not(eq(ptr, f, NULL)), "%s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *buf = malloc((size_t)len + 1);
	cr_assert(not(eq(ptr, buf, NULL)));
	cr_assert(eq(sz, fread(buf, 1, (size_t)len, f), (size_t)len));
	fclose(f);
	*size = (size_t)len;
	return buf;
}

static void spit(const char *path, const void *buf, size_t size)
{
	FILE *f = fopen(path, "wb");
	cr_assert(not(eq(ptr, f, NULL)), "%s: %s", path, strerror(errno));
	cr_assert(eq(sz, fwrite(buf, 1, size, f), size));
	cr_assert(eq(int, fclose(f), 0));
}

static uint32_t get32(const unsigned char *b, size_t at)
{
	uint32_t x;
	memcpy(&x, b + at, 4);
	return x;
}

static uint64_t get64(const unsigned char *b, size_t at)
{
	uint64_t x;
	memcpy(&x, b + at, 8);
	return x;
}

static void put32(unsigned char *b, size_t at, uint32_t x)
{
	memcpy(b + at, &x, 4);
}
static void put64(unsigned char *b, size_t at, uint64_t x)
{
	memcpy(b + at, &x, 8);
}

static uint64_t sec_off(const unsigned char *b, int i)
{
	return get64(b, H_SIZE + 16 * (size_t)i);
}
static uint64_t sec_len(const unsigned char *b, int i)
{
	return get64(b, H_SIZE + 16 * (size_t)i + 8);
}

static uint32_t data_crc(const unsigned char *b, size_t size)
{
	return (uint32_t)crc32(0, b + H_SIZE, (uInt)(size - H_SIZE));
}

static uint32_t head_crc(const unsigned char *b)
{
	unsigned char h[H_SIZE];
	memcpy(h, b, H_SIZE);
	put32(h, H_HEADER_CRC, 0);
	return (uint32_t)crc32(0, h, H_SIZE);
}

/* Recomputes both checksums after a deliberate change, as a forger would. */
static void reseal(unsigned char *b, size_t size)
{
	put32(b, H_DATA_CRC, data_crc(b, size));
	put32(b, H_HEADER_CRC, head_crc(b));
}

/* ---------------------------------------------------------------------------------------------
 * Round trips
 */

typedef struct shape {
	bool directed, weighted, attrs;
	uint32_t random_n; /* 0: the sample graph; else a random graph (with attrs: a path graph)
	                    * of this many vertices */
} shape;

ParameterizedTestParameters(snapshot, round_trip_keeps_every_arc_label_and_weight)
{
	static shape shapes[] = {
	        {false, false, false, 0},   {false, true, false, 0},    {true, false, false, 0},
	        {true, true, false, 0},     {false, false, true, 0},    {true, true, true, 0},
	        {false, true, false, 3000}, {true, false, false, 3000}, {true, true, true, 1000},
	};
	return cr_make_param_array(shape, shapes, sizeof(shapes) / sizeof(shapes[0]));
}

/* A path graph p0 - p1 - ... with a dense attribute column ("" for every seventh vertex). */
static void build_path_with_titles(wp_graph *g, uint32_t n, bool directed, bool weighted)
{
	wp_edgebuf eb = {0};
	char text[32];
	for (uint32_t i = 0; i < n; i++) {
		snprintf(text, sizeof(text), "p%u", i);
		intern(&eb, text);
		snprintf(text, sizeof(text), i % 7 ? "member %u" : "", i);
		set_attr(&eb, "title", i, text);
		if (i)
			push(&eb, i - 1, i, (float)i, weighted);
	}
	build(g, &eb, directed);
}

ParameterizedTest(shape *s, snapshot, round_trip_keeps_every_arc_label_and_weight)
{
	wp_graph built, loaded;
	char path[1024];
	in_dir(path, "g.wpg");
	if (s->random_n && s->attrs)
		build_path_with_titles(&built, s->random_n, s->directed, s->weighted);
	else if (s->random_n)
		build_random(&built, s->random_n, 10ull * s->random_n, s->directed, s->weighted,
		             s->random_n);
	else
		build_sample(&built, s->directed, s->weighted, s->attrs);
	write_ok(&built, path);
	load_ok(&loaded, path);
	assert_same_graph(&built, &loaded);
	wp_graph_free(&loaded);
	wp_graph_free(&built);
}

Test(snapshot, loaded_sample_graph_has_the_merged_edges_and_maximum_weights)
{
	wp_graph built, g;
	char path[1024];
	in_dir(path, "g.wpg");
	build_sample(&built, false, true, false);
	write_ok(&built, path);
	wp_graph_free(&built);
	load_ok(&g, path);
	/* 10 input edges: one self-loop dropped, 0-1 three times (0-1, 1-0, 0-1) merged into one.
	 */
	cr_assert(eq(u64, wp_graph_edges(&g), 7));
	cr_assert(eq(u64, g.self_loops_removed, 1));
	cr_assert(eq(u64, g.multi_edges_merged, 2));
	uint64_t a = wp_graph_find_arc(&g, 1, 0);
	cr_assert(not(eq(u64, a, UINT64_MAX)));
	cr_assert(eq(flt, g.weights[a], 7.0f));
	cr_assert(eq(u64, wp_graph_degree(&g, 6), 0));
	cr_assert(eq(u64, wp_graph_degree(&g, 0), 3));
	wp_graph_free(&g);
}

Test(snapshot, null_graph_round_trips_with_an_empty_attribute_column)
{
	wp_graph built, loaded;
	wp_edgebuf eb = {0};
	char path[1024];
	in_dir(path, "null.wpg");
	/* A value for a vertex that never exists leaves a column of zero values. */
	set_attr(&eb, "name", 3, "ghost");
	build(&built, &eb, false);
	cr_assert(eq(u32, built.n, 0));
	write_ok(&built, path);
	load_ok(&loaded, path);
	assert_same_graph(&built, &loaded);
	cr_assert(eq(u64, loaded.offsets[0], 0));
	cr_assert(eq(u32, loaded.attrs.count, 1));
	cr_assert(eq(str, loaded.attrs.cols[0].name, "name"));
	wp_vertex v = 0;
	char err[WP_ERR_LEN] = "";
	cr_assert(eq(int, wp_labels_lookup(&loaded.labels, "x", 1, &v, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, "no vertex labelled 'x'"));
	wp_graph_free(&loaded);
	wp_graph_free(&built);
}

Test(snapshot, directed_null_graph_round_trips)
{
	wp_graph built, loaded;
	wp_edgebuf eb = {0};
	char path[1024];
	in_dir(path, "null.wpg");
	build(&built, &eb, true);
	write_ok(&built, path);
	load_ok(&loaded, path);
	assert_same_graph(&built, &loaded);
	cr_assert(loaded.directed);
	wp_graph_free(&loaded);
	wp_graph_free(&built);
}

Test(snapshot, one_vertex_graph_round_trips_with_its_dropped_self_loop)
{
	wp_graph built, loaded;
	wp_edgebuf eb = {0};
	char path[1024];
	in_dir(path, "one.wpg");
	push(&eb, intern(&eb, "solo"), 0, 2.0f, true);
	build(&built, &eb, true);
	write_ok(&built, path);
	load_ok(&loaded, path);
	assert_same_graph(&built, &loaded);
	cr_assert(eq(u32, loaded.n, 1));
	cr_assert(eq(u64, loaded.m, 0));
	cr_assert(eq(u64, loaded.self_loops_removed, 1));
	cr_assert(not(eq(ptr, loaded.weights, NULL)));
	cr_assert(eq(str, (char *)wp_labels_name(&loaded.labels, 0), "solo"));
	wp_graph_free(&loaded);
	wp_graph_free(&built);
}

Test(snapshot, labels_lookup_works_on_a_loaded_graph)
{
	wp_graph built, g;
	char path[1024], err[WP_ERR_LEN] = "";
	in_dir(path, "g.wpg");
	build_sample(&built, true, false, false);
	write_ok(&built, path);
	wp_graph_free(&built);
	load_ok(&g, path);
	for (int i = 0; i < SAMPLE_N; i++) {
		wp_vertex v = WP_NO_VERTEX;
		const char *s = sample_labels[i];
		cr_assert(eq(int, wp_labels_lookup(&g.labels, s, strlen(s), &v, err), WP_OK), "%s",
		          err);
		cr_assert(eq(u32, v, (wp_vertex)i), "label %s", s);
	}
	/* A handful of lookups scan the borrowed names; indexing them works as well. */
	cr_assert(eq(int, wp_labels_index(&g.labels, err), WP_OK), "%s", err);
	cr_assert(g.labels.indexed);
	cr_assert(g.labels.names.borrowed);
	wp_vertex v = 0;
	cr_assert(eq(int, wp_labels_lookup(&g.labels, "7", 1, &v, err), WP_ENOTFOUND));
	cr_assert(eq(str, err, "no vertex labelled '7'"));
	/* The index is the caller's memory; the names stay in the mapping. */
	cr_assert(eq(u64, wp_graph_find_arc(&g, 0, 3), g.offsets[0] + 1));
	wp_graph_free(&g);
}

Test(snapshot, free_of_a_loaded_graph_unmaps_and_zeroes_it_and_may_be_repeated)
{
	wp_graph built, g;
	char path[1024], err[WP_ERR_LEN] = "";
	in_dir(path, "g.wpg");
	build_sample(&built, true, true, true);
	write_ok(&built, path);
	wp_graph_free(&built);
	load_ok(&g, path);
	wp_vertex v;
	cr_assert(eq(int, wp_labels_lookup(&g.labels, "bob", 3, &v, err), WP_OK), "%s", err);
	wp_graph_free(&g); /* ASan (make CFG=asan) reports the index or a name if they leak */
	cr_assert(eq(ptr, g.mapping, NULL));
	cr_assert(eq(ptr, g.offsets, NULL));
	cr_assert(eq(u32, g.attrs.count, 0));
	cr_assert(eq(ptr, g.labels.slots, NULL));
	wp_graph_free(&g);
}

Test(snapshot, loaded_graph_can_be_written_again_even_over_its_own_file)
{
	wp_graph built, first, second;
	char path[1024];
	in_dir(path, "g.wpg");
	build_sample(&built, true, true, true);
	write_ok(&built, path);
	load_ok(&first, path);
	write_ok(&first, path); /* replaces the file; the old mapping stays valid */
	assert_same_graph(&built, &first);
	load_ok(&second, path);
	assert_same_graph(&built, &second);
	wp_graph_free(&second);
	wp_graph_free(&first);
	wp_graph_free(&built);
}

Test(snapshot, file_bytes_and_checksums_do_not_depend_on_the_thread_count)
{
	wp_graph built, g;
	char one[1024], seven[1024];
	size_t size1, size7;
	in_dir(one, "one.wpg");
	in_dir(seven, "seven.wpg");
	/* Large enough (over 16 MiB of targets) that both checksums run in parallel blocks. */
	build_random(&built, 300000, 2400000, false, false, 7);
	wp_set_threads(1);
	write_ok(&built, one);
	wp_set_threads(7);
	write_ok(&built, seven);
	unsigned char *a = slurp(one, &size1), *b = slurp(seven, &size7);
	cr_assert(eq(sz, size1, size7));
	cr_assert(eq(int, memcmp(a, b, size1), 0));
	cr_assert(eq(u32, get32(a, H_DATA_CRC), data_crc(a, size1)));
	cr_assert(eq(u32, get32(a, H_HEADER_CRC), head_crc(a)));
	free(a);
	free(b);
	static const int threads[] = {1, 2, 4, 7};
	for (size_t i = 0; i < sizeof(threads) / sizeof(threads[0]); i++) {
		wp_set_threads(threads[i]);
		load_ok(&g, one);
		assert_same_graph(&built, &g);
		wp_graph_free(&g);
	}
	wp_graph_free(&built);
}

/* ---------------------------------------------------------------------------------------------
 * Writing
 */

Test(snapshot, file_is_created_with_mode_0600_whatever_the_umask)
{
	wp_graph g;
	char path[1024];
	struct stat sb;
	in_dir(path, "g.wpg");
	build_sample(&g, false, false, true);
	umask(0);
	write_ok(&g, path);
	cr_assert(eq(int, stat(path, &sb), 0));
	cr_assert(eq(int, sb.st_mode & 07777, 0600));
	/* Replacing a world-readable file does not inherit its mode. */
	cr_assert(eq(int, chmod(path, 0644), 0));
	write_ok(&g, path);
	cr_assert(eq(int, stat(path, &sb), 0));
	cr_assert(eq(int, sb.st_mode & 07777, 0600));
	cr_assert(eq(int, entries_in_dir(), 1));
	wp_graph_free(&g);
}

Test(snapshot, write_leaves_no_temporary_file_behind)
{
	wp_graph g;
	char path[1024];
	in_dir(path, "g.wpg");
	build_sample(&g, true, true, true);
	for (int i = 0; i < 3; i++)
		write_ok(&g, path);
	cr_assert(eq(int, entries_in_dir(), 1));
	wp_graph_free(&g);
}

Test(snapshot, write_into_a_missing_directory_fails_with_eio_and_leaves_nothing)
{
	wp_graph g;
	char path[1024], want[1200], err[WP_ERR_LEN] = "";
	struct stat sb;
	in_dir(path, "missing/g.wpg");
	build_sample(&g, false, false, false);
	cr_assert(eq(int, wp_snapshot_write(&g, path, err), WP_EIO));
	snprintf(want, sizeof(want), "%s: cannot write: No such file or directory", path);
	cr_assert(eq(str, err, want));
	cr_assert(eq(int, stat(path, &sb), -1));
	cr_assert(eq(int, entries_in_dir(), 0));
	wp_graph_free(&g);
}

Test(snapshot, failed_write_removes_the_temporary_file_and_keeps_the_old_snapshot)
{
	wp_graph old, big, g;
	char path[1024], want[1200], err[WP_ERR_LEN] = "";
	struct rlimit saved, small;
	in_dir(path, "g.wpg");
	build_sample(&old, false, true, true);
	write_ok(&old, path);
	build_random(&big, 1000, 5000, true, true, 3);

	/* A file-size limit makes write(2) fail part-way, as a full disk would. */
	signal(SIGXFSZ, SIG_IGN);
	cr_assert(eq(int, getrlimit(RLIMIT_FSIZE, &saved), 0));
	small = saved;
	small.rlim_cur = 4096;
	cr_assert(eq(int, setrlimit(RLIMIT_FSIZE, &small), 0));
	wp_status st = wp_snapshot_write(&big, path, err);
	cr_assert(eq(int, setrlimit(RLIMIT_FSIZE, &saved), 0));

	cr_assert(eq(int, st, WP_EIO));
	snprintf(want, sizeof(want), "%s: cannot write: %s", path, strerror(EFBIG));
	cr_assert(eq(str, err, want));
	cr_assert(eq(int, entries_in_dir(), 1));
	load_ok(&g, path);
	assert_same_graph(&old, &g);
	wp_graph_free(&g);
	wp_graph_free(&big);
	wp_graph_free(&old);
}

Test(snapshot, write_refuses_a_graph_whose_labels_do_not_match_its_vertices)
{
	wp_graph g;
	char path[1024], want[1200], err[WP_ERR_LEN] = "";
	in_dir(path, "g.wpg");
	build_sample(&g, false, false, false);
	wp_graph bad = g;
	bad.labels.names.count = 3;
	cr_assert(eq(int, wp_snapshot_write(&bad, path, err), WP_EARG));
	snprintf(want, sizeof(want), "%s: cannot write: the graph has 3 labels for 7 vertices",
	         path);
	cr_assert(eq(str, err, want));
	cr_assert(eq(int, entries_in_dir(), 0));
	wp_graph_free(&g);
}

/* ---------------------------------------------------------------------------------------------
 * Refusal
 */

Test(snapshot, missing_file_is_not_found_and_a_directory_cannot_be_read)
{
	char path[1024];
	in_dir(path, "absent.wpg");
	expect_refused(path, WP_ENOTFOUND, "cannot open: No such file or directory");
	expect_refused(dir, WP_EIO, "cannot read: not a regular file");
}

Test(snapshot, file_of_another_kind_is_refused_with_bad_magic)
{
	char path[1024];
	in_dir(path, "edges.txt");
	static const char text[] = "# a SNAP edge list, not a snapshot\n1 2\n2 3\n3 1\n";
	spit(path, text, strlen(text));
	expect_refused(path, WP_EINPUT, "not a warmpath snapshot (bad magic)");
	spit(path, "", 0);
	expect_refused(path, WP_EINPUT, "not a warmpath snapshot (bad magic)");
}

Test(snapshot, flipped_data_byte_is_a_checksum_mismatch)
{
	wp_graph g;
	char path[1024];
	size_t size;
	in_dir(path, "g.wpg");
	build_sample(&g, false, true, false);
	write_ok(&g, path);
	wp_graph_free(&g);
	unsigned char *b = slurp(path, &size);
	uint64_t t = sec_off(b, S_TARGETS);
	b[t + 1] ^= 0x01; /* still a valid vertex id: only the checksum can tell */
	spit(path, b, size);
	expect_refused(path, WP_EINPUT, "corrupt snapshot: checksum mismatch");
	free(b);
}

Test(snapshot, every_single_flipped_byte_is_refused_with_the_right_message)
{
	wp_graph g;
	char path[1024], msg[256];
	size_t size;
	in_dir(path, "g.wpg");
	build_sample(&g, true, true, true);
	write_ok(&g, path);
	wp_graph_free(&g);
	unsigned char *b = slurp(path, &size);
	for (size_t i = 0; i < size; i++) {
		b[i] ^= 0xFF;
		spit(path, b, size);
		if (i < 8)
			snprintf(msg, sizeof(msg), "not a warmpath snapshot (bad magic)");
		else if (i < 12)
			snprintf(msg, sizeof(msg), "corrupt snapshot: bad byte-order marker");
		else if (i < 16)
			snprintf(msg, sizeof(msg),
			         "snapshot version %u is not supported (this "
			         "warmpath reads version 1)",
			         get32(b, H_VERSION));
		else
			snprintf(msg, sizeof(msg), "corrupt snapshot: checksum mismatch");
		expect_refused(path, WP_EINPUT, msg);
		b[i] ^= 0xFF;
	}
	spit(path, b, size);
	load_ok(&g, path);
	wp_graph_free(&g);
	free(b);
}

Test(snapshot, wrong_version_is_refused_before_anything_else)
{
	wp_graph g;
	char path[1024];
	size_t size;
	in_dir(path, "g.wpg");
	build_sample(&g, false, false, false);
	write_ok(&g, path);
	wp_graph_free(&g);
	unsigned char *b = slurp(path, &size);
	put32(b, H_VERSION, 2);
	reseal(b, size);
	spit(path, b, size);
	expect_refused(path, WP_EINPUT,
	               "snapshot version 2 is not supported (this warmpath reads version 1)");
	/* A future version may be laid out differently: the version wins over a truncation. */
	spit(path, b, 20);
	expect_refused(path, WP_EINPUT,
	               "snapshot version 2 is not supported (this warmpath reads version 1)");
	free(b);
}

Test(snapshot, snapshot_of_the_other_byte_order_is_refused_with_a_clear_message)
{
	wp_graph g;
	char path[1024];
	size_t size;
	in_dir(path, "g.wpg");
	build_sample(&g, false, false, false);
	write_ok(&g, path);
	wp_graph_free(&g);
	unsigned char *b = slurp(path, &size);
	put32(b, H_ENDIAN, 0x04030201u);
	spit(path, b, size);
	const uint32_t probe = 0x01020304u;
	bool little = *(const unsigned char *)&probe == 0x04;
	expect_refused(
	        path, WP_EINPUT,
	        little ? "snapshot was written on a big-endian machine and cannot be read on "
	                 "this little-endian one; rebuild it from the source graph"
	               : "snapshot was written on a little-endian machine and cannot be read "
	                 "on this big-endian one; rebuild it from the source graph");
	free(b);
}

Test(snapshot, truncation_at_every_length_is_refused)
{
	wp_graph g;
	char path[1024], cut[1024], msg[256];
	size_t size;
	in_dir(path, "g.wpg");
	in_dir(cut, "cut.wpg");
	build_sample(&g, true, true, true);
	write_ok(&g, path);
	wp_graph_free(&g);
	unsigned char *b = slurp(path, &size);
	cr_assert(eq(u64, get64(b, H_FILE_SIZE), size));
	for (size_t len = 0; len < size; len++) {
		spit(cut, b, len);
		if (len == 0)
			snprintf(msg, sizeof(msg), "not a warmpath snapshot (bad magic)");
		else if (len < 24)
			snprintf(msg, sizeof(msg),
			         "truncated snapshot: expected at least 128 bytes, file has %zu",
			         len);
		else
			snprintf(msg, sizeof(msg),
			         "truncated snapshot: expected %zu bytes, file has %zu", size, len);
		expect_refused(cut, WP_EINPUT, msg);
	}
	free(b);
}

Test(snapshot, trailing_bytes_after_the_snapshot_are_refused)
{
	wp_graph g;
	char path[1024], msg[256];
	size_t size;
	in_dir(path, "g.wpg");
	build_sample(&g, false, false, false);
	write_ok(&g, path);
	wp_graph_free(&g);
	unsigned char *b = slurp(path, &size);
	b = realloc(b, size + 1);
	cr_assert(not(eq(ptr, b, NULL)));
	b[size] = '\n';
	spit(path, b, size + 1);
	snprintf(msg, sizeof(msg), "corrupt snapshot: expected %zu bytes, file has %zu", size,
	         size + 1);
	expect_refused(path, WP_EINPUT, msg);
	free(b);
}

/* A crafted file: the directed, weighted sample with attributes, changed by `patch` and resealed
 * with valid checksums. patch writes the expected message (after "corrupt snapshot: "). */
typedef struct crafted {
	const char *what;
	void (*patch)(unsigned char *b, size_t size, char *expect);
} crafted;

/* Expected messages fit in EXPECT_LEN bytes. */
enum { EXPECT_LEN = 256 };
#define EXPECT(...) snprintf(expect, EXPECT_LEN, __VA_ARGS__)

/* File offset of the first arc of a targets section. In the sample, vertex 0 has arcs to 1 and 3
 * and in-arcs from 1 and 2, so the first arc of either direction is one of vertex 0's. */
static size_t arc0(const unsigned char *b, int section)
{
	return (size_t)sec_off(b, section);
}

static void target_out_of_range(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, arc0(b, S_TARGETS), 99);
	EXPECT("arc 0 of vertex 0 points to vertex 99, but the graph has 7 vertices");
}

static void in_target_out_of_range(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, arc0(b, S_IN_TARGETS), 0xFFFFFFFFu);
	EXPECT("in-arc 0 of vertex 0 points to vertex 4294967295, but the graph has 7 "
	       "vertices");
}

static void self_loop(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, arc0(b, S_TARGETS), 0);
	EXPECT("arc 0 of vertex 0 is a self-loop");
}

static void unsorted_list(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	size_t t = arc0(b, S_TARGETS);
	uint32_t x = get32(b, t), y = get32(b, t + 4);
	put32(b, t, y);
	put32(b, t + 4, x);
	EXPECT("the arc list of vertex 0 is not strictly ascending");
}

static void duplicate_arc(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	size_t t = arc0(b, S_TARGETS);
	put32(b, t + 4, get32(b, t));
	EXPECT("the arc list of vertex 0 is not strictly ascending");
}

static void offset_past_m(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	uint64_t m = get64(b, H_M);
	put64(b, sec_off(b, S_OFFSETS) + 8, m + 5);
	EXPECT("arc offsets of vertex 0 (0..%llu) are out of order", (unsigned long long)m + 5);
}

static void offsets_decreasing(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	uint64_t o = sec_off(b, S_IN_OFFSETS), start = get64(b, o + 8);
	put64(b, o + 16, start - 1);
	EXPECT("in-arc offsets of vertex 1 (%llu..%llu) are out of order",
	       (unsigned long long)start, (unsigned long long)start - 1);
}

static void offsets_end_short(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	uint64_t m = get64(b, H_M);
	put64(b, sec_off(b, S_OFFSETS) + 8 * 7, m - 1);
	EXPECT("arc offsets run from 0 to %llu, not from 0 to %llu", (unsigned long long)m - 1,
	       (unsigned long long)m);
}

static void offsets_start_not_zero(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put64(b, sec_off(b, S_OFFSETS), 1);
	EXPECT("arc offsets run from 1 to %llu, not from 0 to %llu",
	       (unsigned long long)get64(b, H_M), (unsigned long long)get64(b, H_M));
}

static void label_without_nul(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	b[sec_off(b, S_LABEL_BYTES) + sec_len(b, S_LABEL_BYTES) - 1] = 'x';
	EXPECT("the label of vertex 6 is not a non-empty NUL-terminated string inside the "
	       "label arena");
}

static void label_with_inner_nul(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	b[sec_off(b, S_LABEL_BYTES) + 2] = '\0'; /* "al\0ce" */
	EXPECT("the label of vertex 0 is not a non-empty NUL-terminated string inside the "
	       "label arena");
}

static void label_offset_past_arena(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put64(b, sec_off(b, S_LABEL_OFFSETS) + 8 * 3, sec_len(b, S_LABEL_BYTES) + 100);
	EXPECT("the label of vertex 2 is not a non-empty NUL-terminated string inside the "
	       "label arena");
}

static void empty_label(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	/* Label 0 becomes "" by moving the end of label 0 and the start of label 1 to 1... which
	 * also breaks label 1; the first bad one is reported. */
	b[sec_off(b, S_LABEL_BYTES)] = '\0';
	put64(b, sec_off(b, S_LABEL_OFFSETS) + 8, 1);
	EXPECT("the label of vertex 0 is not a non-empty NUL-terminated string inside the "
	       "label arena");
}

static void attr_value_without_nul(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	b[sec_off(b, S_ATTR0_BYTES) + sec_len(b, S_ATTR0_BYTES) - 1] = '!';
	EXPECT("attribute 'org' of vertex 6 is not a NUL-terminated string inside its "
	       "arena");
}

static void attr_offsets_past_arena(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put64(b, sec_off(b, S_ATTR0_OFFSETS) + 8 * 7, 1u << 30);
	EXPECT("attribute 'org' of vertex 6 is not a NUL-terminated string inside its "
	       "arena");
}

static void attr_name_without_nul(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	b[sec_off(b, S_ATTR0_NAME) + sec_len(b, S_ATTR0_NAME) - 1] = 'g';
	EXPECT("the name of attribute 0 is not a NUL-terminated string");
}

static void section_past_end(unsigned char *b, size_t size, char *expect)
{
	uint64_t off = (size + 63) / 64 * 64 + 64;
	put64(b, H_SIZE + 16 * S_TARGETS, off);
	EXPECT("section 1 (targets) at offset %llu, length %llu, is misplaced in a file of "
	       "%zu bytes",
	       (unsigned long long)off, (unsigned long long)sec_len(b, S_TARGETS), size);
}

static void section_length_wraps(unsigned char *b, size_t size, char *expect)
{
	uint64_t off = sec_off(b, S_LABEL_BYTES);
	put64(b, H_SIZE + 16 * S_LABEL_BYTES + 8, UINT64_MAX - off + 1);
	EXPECT("section 7 (label arena) at offset %llu, length %llu, is misplaced in a file "
	       "of %zu bytes",
	       (unsigned long long)off, (unsigned long long)(UINT64_MAX - off + 1), size);
}

static void section_misaligned(unsigned char *b, size_t size, char *expect)
{
	uint64_t off = sec_off(b, S_WEIGHTS) + 4;
	put64(b, H_SIZE + 16 * S_WEIGHTS, off);
	EXPECT("section 2 (weights) at offset %llu, length %llu, is misplaced in a file of "
	       "%zu bytes",
	       (unsigned long long)off, (unsigned long long)sec_len(b, S_WEIGHTS), size);
}

static void sections_overlap(unsigned char *b, size_t size, char *expect)
{
	uint64_t off = sec_off(b, S_OFFSETS);
	put64(b, H_SIZE + 16 * S_TARGETS, off);
	EXPECT("section 1 (targets) at offset %llu, length %llu, is misplaced in a file of "
	       "%zu bytes",
	       (unsigned long long)off, (unsigned long long)sec_len(b, S_TARGETS), size);
}

static void section_over_header(unsigned char *b, size_t size, char *expect)
{
	put64(b, H_SIZE + 16 * S_OFFSETS, 0);
	EXPECT("section 0 (offsets) at offset 0, length 64, is misplaced in a file of %zu "
	       "bytes",
	       size);
}

static void section_wrong_length(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	uint64_t len = sec_len(b, S_IN_TARGETS);
	put64(b, H_SIZE + 16 * S_IN_TARGETS + 8, len - 4);
	EXPECT("section 4 (in_targets) has %llu bytes, expected %llu", (unsigned long long)len - 4,
	       (unsigned long long)len);
}

static void huge_n(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, H_N, 0xFFFFFFF0u);
	EXPECT("section 0 (offsets) has 64 bytes, expected %llu", (0xFFFFFFF0ull + 1) * 8);
}

static void n_is_no_vertex(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, H_N, 0xFFFFFFFFu);
	EXPECT("4294967295 vertices (at most 4294967294)");
}

static void huge_m(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put64(b, H_M, 1ull << 62);
	EXPECT("4611686018427387904 arcs cannot fit in a file");
}

static void unknown_flag(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, H_FLAGS, get32(b, H_FLAGS) | 0x10);
	EXPECT("unknown flags 0x13");
}

static void undirected_with_directed_sections(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, H_FLAGS, get32(b, H_FLAGS) & ~1u);
	EXPECT("section 3 (in_offsets) has 64 bytes, expected 0");
}

static void extra_attribute(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, H_ATTR_COUNT, 3);
	EXPECT("14 sections for 3 attributes");
}

static void table_past_end(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, H_ATTR_COUNT, 60000);
	put32(b, H_SECTION_COUNT, 8 + 3 * 60000);
	EXPECT("the section table runs past the end of the file");
}

static void too_many_attributes(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	put32(b, H_ATTR_COUNT, 0x55555555u);
	put32(b, H_SECTION_COUNT, 8 + 3 * 0x55555555u); /* wraps to 7 */
	EXPECT("7 sections for 1431655765 attributes");
}

static void label_bytes_disagree(unsigned char *b, size_t size, char *expect)
{
	(void)size;
	uint64_t len = sec_len(b, S_LABEL_BYTES);
	put64(b, H_LABEL_BYTES, len + 1);
	EXPECT("section 7 (label arena) has %llu bytes, expected %llu", (unsigned long long)len,
	       (unsigned long long)len + 1);
}

/* The parameters are indexes into this table: Criterion runs each test in a fresh process, where
 * function pointers taken in the parent are meaningless. */
static const crafted crafted_cases[] = {
        {"target out of range", target_out_of_range},
        {"in-target out of range", in_target_out_of_range},
        {"self-loop", self_loop},
        {"unsorted list", unsorted_list},
        {"duplicate arc", duplicate_arc},
        {"offset past m", offset_past_m},
        {"decreasing in-offsets", offsets_decreasing},
        {"offsets end short of m", offsets_end_short},
        {"offsets start above 0", offsets_start_not_zero},
        {"label without NUL", label_without_nul},
        {"label with inner NUL", label_with_inner_nul},
        {"label offset past arena", label_offset_past_arena},
        {"empty label", empty_label},
        {"attribute value without NUL", attr_value_without_nul},
        {"attribute offsets past arena", attr_offsets_past_arena},
        {"attribute name without NUL", attr_name_without_nul},
        {"section past the end", section_past_end},
        {"section length wraps around", section_length_wraps},
        {"misaligned section", section_misaligned},
        {"overlapping sections", sections_overlap},
        {"section over the header", section_over_header},
        {"section of the wrong length", section_wrong_length},
        {"huge n", huge_n},
        {"n = WP_NO_VERTEX", n_is_no_vertex},
        {"huge m", huge_m},
        {"unknown flag", unknown_flag},
        {"undirected flag with reverse arrays", undirected_with_directed_sections},
        {"attribute count without sections", extra_attribute},
        {"section table past the end", table_past_end},
        {"attribute count that wraps the section count", too_many_attributes},
        {"label arena size disagrees", label_bytes_disagree},
};
enum { CRAFTED_COUNT = sizeof(crafted_cases) / sizeof(crafted_cases[0]) };

ParameterizedTestParameters(snapshot, crafted_file_with_valid_checksums_is_refused)
{
	static size_t indexes[CRAFTED_COUNT];
	for (size_t i = 0; i < CRAFTED_COUNT; i++)
		indexes[i] = i;
	return cr_make_param_array(size_t, indexes, CRAFTED_COUNT);
}

ParameterizedTest(size_t *index, snapshot, crafted_file_with_valid_checksums_is_refused)
{
	const crafted *c = &crafted_cases[*index];
	wp_graph g;
	char path[1024], expect[EXPECT_LEN], msg[EXPECT_LEN + 32];
	size_t size;
	in_dir(path, "g.wpg");
	build_sample(&g, true, true, true);
	cr_assert(eq(u32, g.attrs.count, 2));
	cr_assert(eq(str, g.attrs.cols[0].name, "org"));
	cr_assert(eq(u32, g.targets[g.offsets[0]], 1));
	cr_assert(eq(u32, g.targets[g.offsets[0] + 1], 3));
	write_ok(&g, path);
	wp_graph_free(&g);
	unsigned char *b = slurp(path, &size);
	c->patch(b, size, expect);
	reseal(b, size);
	spit(path, b, size);
	snprintf(msg, sizeof(msg), "corrupt snapshot: %s", expect);
	cr_log_info("crafted case: %s", c->what);
	expect_refused(path, WP_EINPUT, msg);
	free(b);
}
