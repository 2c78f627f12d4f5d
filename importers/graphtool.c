/* graphtool.c - graph-tool's binary .gt reader (and .gt.gz, through wp_source).
 *
 * The format (graph-tool's documentation, "The gt file format"; version 1): the magic bytes
 * E2 9B BE 20 67 74 ("⛾ gt"), a version byte (1), an endianness byte (0 little, 1 big: every
 * integer and float after it is in that order), a comment string, a directedness byte, the vertex
 * count N (uint64), then the adjacency: for each vertex its out-degree (uint64) and its
 * out-neighbours, each an index in the smallest unsigned width that holds N (1 byte if N <= 255,
 * 2 if N <= 65535, 4 if N <= 2^32 - 1, else 8); an undirected graph lists each edge once. Then
 * the property maps: their count (uint64), and for each a key type byte (0 graph, 1 vertex,
 * 2 edge), a name, a value type byte and the values: one for a graph map, N for a vertex map, one
 * per edge in adjacency order for an edge map. Strings are a uint64 length and the bytes.
 * Value types: 0 bool (1 byte), 1 int16, 2 int32, 3 int64, 4 double, 5 long double (16 bytes),
 * 6 string, 7..12 vectors of those (a uint64 count, then the elements), 13 vector<string>,
 * 14 python::object (a pickle, stored as a string).
 *
 * What is kept: vertices are named by their index ("0".."N-1", as graph-tool numbers them);
 * vertex maps of scalar type (bool, integers, double, long double where the platform's matches,
 * string) become vertex attributes named like the map, numbers as text; the edge map named
 * weight, value or strength (that order of preference, any case; graph-tool's collection names its
 * weights "value") with a scalar numeric type gives the edge weights, unless one of its values
 * is not a finite float (then the map is not used, and the next best one may be).
 * Everything else (graph maps, vector and object maps, other edge maps) is skipped, whatever its
 * type, by reading past it.
 *
 * Nothing is allocated from a count in the file: edges go into the edge buffer as they are read,
 * a count that runs past the end of the file is reported as a truncated file ("name: byte
 * OFFSET: file ends inside ..."), and the N labels are made only after the adjacency (at least
 * 8 bytes per vertex) has been read. Errors name the byte offset in the uncompressed stream.
 * O(bytes of input).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importers/import.h"
#include "importers/lines_internal.h"

#define BUF (1u << 20)
#define MAX_NAME 4096
#define MAX_VALUE (1u << 20)

static const unsigned char magic[6] = {0xe2, 0x9b, 0xbe, 0x20, 0x67, 0x74};

enum { T_BOOL, T_I16, T_I32, T_I64, T_DOUBLE, T_LDOUBLE, T_STRING, T_VSTRING = 13, T_OBJECT };

/* Element sizes of the fixed-size types and of the vectors' elements (0 = a string). */
static const unsigned type_size[15] = {1, 2, 4, 8, 8, 16, 0, 1, 2, 4, 8, 8, 16, 0, 0};
typedef struct reader {
	wp_source *src;
	wp_edgebuf *eb;
	unsigned char *buf;
	size_t have, pos;
	uint64_t offset; /* bytes consumed before buf[pos] */
	uint64_t n, m;
	bool big; /* big-endian file */
	bool eof;
	char *text; /* a string value (MAX_VALUE + 1 bytes) */
} reader;

/* Makes len (<= BUF) bytes available at buf + pos; false if the input ends first. */
static wp_status fill(reader *r, size_t len, bool *ok, char *err)
{
	wp_status st = WP_OK;
	*ok = true;
	if (r->have - r->pos >= len)
		return WP_OK;
	memmove(r->buf, r->buf + r->pos, r->have - r->pos);
	r->have -= r->pos;
	r->pos = 0;
	while (r->have < len && !r->eof) {
		size_t got = 0;
		WP_TRY(wp_source_read(r->src, r->buf + r->have, BUF - r->have, &got, err));
		if (got == 0)
			r->eof = true;
		r->have += got;
	}
	*ok = r->have >= len;
	return WP_OK;
fail:
	return st;
}

/* WP_EINPUT, returned as a constant (not as wp_error's result, which the analyser cannot see
 * is an error): take()'s callers rely on it to know their bytes were not read. */
static wp_status truncated(const reader *r, const char *what, char *err)
{
	wp_error(err, WP_EINPUT, "%s: byte %llu: file ends inside %s (is it truncated?)",
	         r->src->name, (unsigned long long)r->offset + (r->have - r->pos), what);
	return WP_EINPUT;
}

/* Copies the next len bytes (len <= BUF) into out (may be NULL to skip them). */
static wp_status take(reader *r, void *out, size_t len, const char *what, char *err)
{
	wp_status st = WP_OK;
	bool ok = false;
	WP_TRY(fill(r, len, &ok, err));
	if (!ok)
		return truncated(r, what, err);
	if (out != NULL)
		memcpy(out, r->buf + r->pos, len);
	r->pos += len;
	r->offset += len;
	return WP_OK;
fail:
	return st;
}

/* Skips len bytes, however many. */
static wp_status skip(reader *r, uint64_t len, const char *what, char *err)
{
	wp_status st = WP_OK;
	while (len > 0) {
		size_t k = len > BUF ? BUF : (size_t)len;
		WP_TRY(take(r, NULL, k, what, err));
		len -= k;
	}
	return WP_OK;
fail:
	return st;
}

/* An unsigned integer of `width` bytes in the file's byte order. */
static uint64_t decode(const reader *r, const unsigned char *p, unsigned width)
{
	uint64_t x = 0;
	for (unsigned i = 0; i < width; i++)
		x |= (uint64_t)p[r->big ? width - 1 - i : i] << (8 * i);
	return x;
}

static wp_status u64(reader *r, uint64_t *x, const char *what, char *err)
{
	wp_status st = WP_OK;
	unsigned char b[8];
	WP_TRY(take(r, b, 8, what, err));
	*x = decode(r, b, 8);
	return WP_OK;
fail:
	return st;
}

static wp_status byte(reader *r, unsigned *x, const char *what, char *err)
{
	wp_status st = WP_OK;
	unsigned char b;
	WP_TRY(take(r, &b, 1, what, err));
	*x = b;
	return WP_OK;
fail:
	return st;
}

static wp_status header(reader *r, bool *directed, char *err)
{
	wp_status st = WP_OK;
	unsigned char m[6];
	unsigned version = 0, endian = 0, dir = 0;
	uint64_t comment = 0;
	bool ok = false;
	WP_TRY(fill(r, 6, &ok, err));
	if (!ok || memcmp(r->buf, magic, 6) != 0)
		WP_FAIL(WP_EINPUT,
		        "%s: byte 0: not a graph-tool file (no \"\xe2\x9b\xbe gt\" magic)",
		        r->src->name);
	WP_TRY(take(r, m, 6, "the magic", err));
	WP_TRY(byte(r, &version, "the header", err));
	if (version != 1)
		WP_FAIL(WP_EINPUT, "%s: byte 6: format version %u is not supported (only 1)",
		        r->src->name, version);
	WP_TRY(byte(r, &endian, "the header", err));
	if (endian > 1)
		WP_FAIL(WP_EINPUT, "%s: byte 7: endianness flag %u is neither 0 nor 1",
		        r->src->name, endian);
	r->big = endian == 1;
	WP_TRY(u64(r, &comment, "the comment", err));
	WP_TRY(skip(r, comment, "the comment", err));
	uint64_t at = r->offset;
	WP_TRY(byte(r, &dir, "the header", err));
	if (dir > 1)
		WP_FAIL(WP_EINPUT, "%s: byte %llu: directedness flag %u is neither 0 nor 1",
		        r->src->name, (unsigned long long)at, dir);
	*directed = dir == 1;
	at = r->offset;
	WP_TRY(u64(r, &r->n, "the header", err));
	if (r->n > WP_MAX_VERTICES)
		WP_FAIL(WP_ELIMIT, "%s: byte %llu: %llu vertices, more than the %u supported",
		        r->src->name, (unsigned long long)at, (unsigned long long)r->n,
		        WP_MAX_VERTICES);
	return WP_OK;
fail:
	return st;
}

static wp_status adjacency(reader *r, char *err)
{
	wp_status st = WP_OK;
	unsigned width = r->n <= 0xff ? 1 : r->n <= 0xffff ? 2 : r->n <= 0xffffffffu ? 4 : 8;
	for (uint64_t v = 0; v < r->n; v++) {
		uint64_t k = 0;
		WP_TRY(u64(r, &k, "the adjacency list", err));
		for (uint64_t i = 0; i < k; i++) {
			bool ok = false;
			WP_TRY(fill(r, width, &ok, err));
			if (!ok)
				return truncated(r, "the adjacency list", err);
			uint64_t t = decode(r, r->buf + r->pos, width);
			if (t >= r->n)
				WP_FAIL(WP_EINPUT,
				        "%s: byte %llu: neighbour %llu of vertex %llu is not below "
				        "the "
				        "vertex count %llu",
				        r->src->name, (unsigned long long)r->offset,
				        (unsigned long long)t, (unsigned long long)v,
				        (unsigned long long)r->n);
			r->pos += width;
			r->offset += width;
			WP_TRY(wp_edgebuf_push(r->eb, (wp_vertex)v, (wp_vertex)t, err));
		}
	}
	r->m = r->eb->count;
	return WP_OK;
fail:
	return st;
}

/* Reads a string value into r->text (NUL-terminated) if it fits, else fails. */
static wp_status string_value(reader *r, size_t *len, char *err)
{
	wp_status st = WP_OK;
	uint64_t k = 0, at = r->offset;
	WP_TRY(u64(r, &k, "a string", err));
	if (k > MAX_VALUE)
		WP_FAIL(WP_ELIMIT,
		        "%s: byte %llu: a vertex string of %llu bytes, over the %u "
		        "accepted",
		        r->src->name, (unsigned long long)at, (unsigned long long)k, MAX_VALUE);
	WP_TRY(take(r, r->text, (size_t)k, "a string", err));
	if (memchr(r->text, '\0', (size_t)k) != NULL)
		WP_FAIL(WP_EINPUT, "%s: byte %llu: a vertex string holds a NUL byte", r->src->name,
		        (unsigned long long)at);
	r->text[k] = '\0';
	*len = (size_t)k;
	return WP_OK;
fail:
	return st;
}

/* Skips one value of type t. */
static wp_status skip_value(reader *r, unsigned t, char *err)
{
	wp_status st = WP_OK;
	uint64_t k = 0, at = r->offset;
	if (t <= T_LDOUBLE)
		return skip(r, type_size[t], "a property value", err);
	WP_TRY(u64(r, &k, "a property value", err));
	if (t == T_STRING || t == T_OBJECT)
		return skip(r, k, "a string", err);
	if (t == T_VSTRING) {
		for (uint64_t i = 0; i < k; i++) {
			uint64_t len = 0;
			WP_TRY(u64(r, &len, "a vector of strings", err));
			WP_TRY(skip(r, len, "a vector of strings", err));
		}
		return WP_OK;
	}
	if (k > UINT64_MAX / 16)
		WP_FAIL(WP_EINPUT, "%s: byte %llu: a vector of %llu elements cannot fit in a file",
		        r->src->name, (unsigned long long)at, (unsigned long long)k);
	return skip(r, k * type_size[t], "a vector", err);
fail:
	return st;
}

/* Reads one scalar numeric value of type t as a double (long double: only where the platform's
 * is the 16-byte x87 format of the file's byte order; *ok false otherwise). */
static wp_status number_value(reader *r, unsigned t, double *d, bool *ok, char *err)
{
	wp_status st = WP_OK;
	unsigned char b[16];
	WP_TRY(take(r, b, type_size[t], "a property value", err));
	*ok = true;
	uint64_t x = decode(r, b, t == T_LDOUBLE ? 8 : type_size[t]);
	switch (t) {
	case T_BOOL:
		*d = b[0] != 0;
		break;
	case T_I16:
		*d = (int16_t)x;
		break;
	case T_I32:
		*d = (int32_t)x;
		break;
	case T_I64:
		*d = (double)(int64_t)x;
		break;
	case T_DOUBLE:
		memcpy(d, &x, sizeof(*d));
		break;
	default: {
		long double ld = 0;
		*ok = sizeof(long double) == 16 && LDBL_MANT_DIG == 64 && !r->big;
		if (*ok) {
			memcpy(&ld, b, sizeof(ld));
			*d = (double)ld;
		}
		break;
	}
	}
	return WP_OK;
fail:
	return st;
}

static int weight_rank(const char *name)
{
	static const char *const names[] = {"weight", "value", "strength"};
	for (int i = 0; i < 3; i++)
		if (strcasecmp(name, names[i]) == 0)
			return i;
	return 3;
}

static wp_status vertex_map(reader *r, const char *name, unsigned t, char *err)
{
	wp_status st = WP_OK;
	char num[40];
	for (uint64_t v = 0; v < r->n; v++) {
		size_t len = 0;
		const char *s = num;
		if (t == T_STRING) {
			WP_TRY(string_value(r, &len, err));
			s = r->text;
		} else {
			double d = 0;
			bool ok = false;
			WP_TRY(number_value(r, t, &d, &ok, err));
			if (!ok)
				continue;
			if (t == T_BOOL)
				len = (size_t)snprintf(num, sizeof(num), "%s",
				                       d != 0 ? "true" : "false");
			else if (t <= T_I64)
				len = (size_t)snprintf(num, sizeof(num), "%.0f", d);
			else
				len = (size_t)snprintf(num, sizeof(num), "%.17g", d);
		}
		if (len > 0)
			WP_TRY(wp_attrs_set(&r->eb->attrs, name, (wp_vertex)v, s, len, err));
	}
	return WP_OK;
fail:
	return st;
}

/* Reads an edge map of scalar numeric type t as the weights. A map holding a value that is not a
 * finite float (graph-tool's own cond-mat-2005 has inf in its "value" map) cannot weigh edges:
 * it is read past and *used is false, leaving any earlier weights in place. */
static wp_status weight_map(reader *r, unsigned t, bool *used, char *err)
{
	wp_status st = WP_OK;
	wp_edgebuf *eb = r->eb;
	float *w = malloc((size_t)(r->m ? r->m : 1) * sizeof(*w));
	*used = true;
	if (w == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate %llu edge weights", (unsigned long long)r->m);
	for (uint64_t e = 0; e < r->m; e++) {
		double d = 1;
		bool ok = false;
		WP_TRY(number_value(r, t, &d, &ok, err));
		if (!ok || !isfinite(d) || fabs(d) > 3.4028234663852886e38)
			*used = false;
		w[e] = (float)d;
	}
	if (*used) {
		if (eb->weights == NULL) {
			eb->weights =
			        malloc((size_t)(eb->cap ? eb->cap : 1) * sizeof(*eb->weights));
			if (eb->weights == NULL)
				WP_FAIL(WP_ENOMEM, "cannot allocate %llu edge weights",
				        (unsigned long long)eb->cap);
		}
		if (r->m > 0)
			memcpy(eb->weights, w, (size_t)r->m * sizeof(*w));
	}
	free(w);
	return WP_OK;
fail:
	free(w);
	return st;
}

static wp_status properties(reader *r, char *err)
{
	wp_status st = WP_OK;
	uint64_t count = 0;
	int best = 3;
	char name[MAX_NAME + 1];
	WP_TRY(u64(r, &count, "the property maps", err));
	for (uint64_t i = 0; i < count; i++) {
		unsigned key = 0, t = 0;
		uint64_t len = 0, at = r->offset;
		WP_TRY(byte(r, &key, "a property map", err));
		if (key > 2)
			WP_FAIL(WP_EINPUT,
			        "%s: byte %llu: property map %llu has key type %u (0 "
			        "graph, 1 vertex or 2 edge expected)",
			        r->src->name, (unsigned long long)at, (unsigned long long)i, key);
		at = r->offset;
		WP_TRY(u64(r, &len, "a property map name", err));
		if (len > MAX_NAME || len == 0)
			WP_FAIL(WP_EINPUT,
			        "%s: byte %llu: property map name of %llu bytes (1 to %d "
			        "accepted)",
			        r->src->name, (unsigned long long)at, (unsigned long long)len,
			        MAX_NAME);
		WP_TRY(take(r, name, (size_t)len, "a property map name", err));
		name[len] = '\0';
		if (memchr(name, '\0', (size_t)len) != NULL)
			WP_FAIL(WP_EINPUT, "%s: byte %llu: property map name holds a NUL byte",
			        r->src->name, (unsigned long long)at);
		at = r->offset;
		WP_TRY(byte(r, &t, "a property map", err));
		if (t > T_OBJECT)
			WP_FAIL(WP_EINPUT,
			        "%s: byte %llu: property map '%.100s' has value type %u "
			        "(0 to 14 expected)",
			        r->src->name, (unsigned long long)at, name, t);
		if (key == 1 && t <= T_STRING) {
			WP_TRY(vertex_map(r, name, t, err));
		} else if (key == 2 && t < T_STRING && weight_rank(name) < best) {
			bool used = false;
			WP_TRY(weight_map(r, t, &used, err));
			if (used)
				best = weight_rank(name);
		} else {
			uint64_t values = key == 0 ? 1 : key == 1 ? r->n : r->m;
			for (uint64_t k = 0; k < values; k++)
				WP_TRY(skip_value(r, t, err));
		}
	}
	bool ok = false;
	WP_TRY(fill(r, 1, &ok, err));
	if (ok)
		WP_FAIL(WP_EINPUT, "%s: byte %llu: unexpected data after the property maps",
		        r->src->name, (unsigned long long)r->offset);
	return WP_OK;
fail:
	return st;
}

wp_status wp_import_gt(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb, bool *directed,
                       char *err)
{
	wp_status st = WP_OK;
	reader r;
	(void)opts; /* the file says whether it is directed */
	memset(&r, 0, sizeof(r));
	r.src = src;
	r.eb = eb;
	r.buf = malloc(BUF);
	r.text = malloc(MAX_VALUE + 1);
	if (r.buf == NULL || r.text == NULL)
		WP_FAIL(WP_ENOMEM, "cannot allocate a read buffer");
	WP_TRY(header(&r, directed, err));
	WP_TRY(adjacency(&r, err));
	WP_TRY(properties(&r, err));
	WP_TRY(wpi_number_labels(&eb->labels, r.n, 0, err));
	free(r.buf);
	free(r.text);
	return WP_OK;
fail:
	free(r.buf);
	free(r.text);
	return st;
}
