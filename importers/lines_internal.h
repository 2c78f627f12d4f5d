/* lines_internal.h - what the text interchange readers (Pajek, Matrix Market) share.
 *
 * wpi_lines hands out the lines of a wp_source one at a time, without their line end (LF or
 * CRLF), NUL-terminated and writable in place, with their 1-based number; the input is read in
 * 1 MiB blocks, so memory is one block plus the longest line. wpi_number parses a number in the
 * "C" locale. wpi_dirs records which edges of a buffer are undirected, for formats that mix arcs
 * and edges in one file (Pajek's *Arcs and *Edges, GEXF's per-edge type): a graph with both is
 * read as directed, with every undirected edge doubled into two arcs.
 */
#ifndef WP_LINES_INTERNAL_H
#define WP_LINES_INTERNAL_H

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>

#include "engine/edgebuf.h"
#include "importers/source.h"

/* Longest line accepted, in bytes. */
#define WPI_MAX_LINE (16u << 20)

typedef struct wpi_lines {
	wp_source *src;
	char *buf;
	size_t cap, have, pos;
	uint64_t line; /* number of the line last returned (0 before the first) */
	locale_t c_locale;
	bool eof;
} wpi_lines;

/* Starts reading src. On error r is left freed. */
wp_status wpi_lines_init(wpi_lines *r, wp_source *src, char *err);

/* The next line in *s (NUL-terminated, line end removed) and its length; *got is false at the
 * end of the input. A line over WPI_MAX_LINE is WP_ELIMIT; a NUL byte is WP_EINPUT (a binary
 * file). The line stays valid until the next call. */
wp_status wpi_lines_next(wpi_lines *r, char **s, size_t *len, bool *got, char *err);

void wpi_lines_free(wpi_lines *r);

/* Parses the whole of token s (NUL-terminated) as a finite double in the "C" locale; false if it
 * is not one. */
bool wpi_number(const wpi_lines *r, const char *s, double *d);

/* Parses s as a decimal integer in [1, max]; false otherwise (sign, junk, overflow). */
bool wpi_index(const char *s, uint64_t max, uint64_t *v);

/* The next whitespace-separated token of *p (advanced past it), NUL-terminated in place, or NULL
 * at the end of the line. A token starting with a double quote runs to the next double quote
 * (the quotes are removed, and igraph's escapes \" \\ \n undone); *unterminated is set if there
 * is none. */
char *wpi_token(char **p, bool *quoted, bool *unterminated);

typedef struct wpi_dirs {
	uint64_t *bits; /* bit i set: edge i of the buffer is undirected */
	uint64_t words;
	uint64_t directed, undirected; /* edges of each kind */
} wpi_dirs;

/* Records that edge `index` of the buffer (the one just pushed) is undirected or not. */
wp_status wpi_dirs_mark(wpi_dirs *d, uint64_t index, bool undirected, char *err);

/* Decides the direction of the graph: directed if any edge is (or, with no edges, if
 * default_directed), and in a directed graph appends the reverse arc of every undirected edge
 * (with its weight). Frees d. */
wp_status wpi_dirs_finish(wpi_dirs *d, wp_edgebuf *eb, bool default_directed, bool *directed,
                          char *err);

void wpi_dirs_free(wpi_dirs *d);

/* Interns "1".."n" (first = 1) or "0".."n-1" (first = 0) as the labels of vertices 0..n-1 of an
 * empty label set: formats whose vertices are numbers. O(n). */
wp_status wpi_number_labels(wp_labels *l, uint64_t n, unsigned first, char *err);

#endif
