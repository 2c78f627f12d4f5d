/* source.h - a byte stream that importers read: a file (gzip-compressed or not) or a FILE *.
 *
 * Every importer reads through wp_source, so each format handles `.gz` for free (zlib reads
 * uncompressed files transparently) and tests can feed strings through fmemopen(). The source
 * also reports progress to an optional callback, so importers need not.
 */
#ifndef WP_SOURCE_H
#define WP_SOURCE_H

#include <stdint.h>
#include <stdio.h>

#include "engine/status.h"

/* Called now and then while reading: bytes of the underlying file consumed so far, and its total
 * size (0 if unknown). */
typedef void (*wp_progress_fn)(void *ctx, uint64_t done, uint64_t total);

typedef struct wp_source {
	char name[256];       /* what error messages call the input (the path as given) */
	void *gz;             /* gzFile when opened from a path */
	FILE *file;           /* borrowed stream (wp_source_from_file) */
	uint64_t total;       /* size of the file in bytes, or 0 */
	uint64_t next_report; /* bytes read after which progress is reported again */
	uint64_t read;        /* uncompressed bytes delivered so far */
	wp_progress_fn progress;
	void *progress_ctx;
} wp_source;

/* Opens the file at path for reading (gzip or plain). On error s is zeroed and err says why. */
wp_status wp_source_open(wp_source *s, const char *path, char *err);

/* Wraps an open stream, which the caller keeps and closes; name is used in messages. */
void wp_source_from_file(wp_source *s, FILE *f, const char *name);

/* Reads up to len bytes into buf; stores the count in *got (0 at end of input). */
wp_status wp_source_read(wp_source *s, void *buf, size_t len, size_t *got, char *err);

/* Closes what wp_source_open opened; accepts a zeroed or closed source. */
void wp_source_close(wp_source *s);

#endif
