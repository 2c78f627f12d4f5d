/* import.h - reading graph files into a wp_graph: format detection and the shared options.
 *
 * Each format has its own file (edgelist.c, graphml.c) that streams a wp_source into a
 * wp_edgebuf; wp_import_graph() picks the format, reads the file and builds the graph. Formats
 * are chosen from the extension (a trailing .gz is looked through) or named explicitly.
 */
#ifndef WP_IMPORT_H
#define WP_IMPORT_H

#include <stdbool.h>

#include "engine/edgebuf.h"
#include "engine/graph.h"
#include "importers/source.h"

typedef enum wp_format {
	WP_FORMAT_AUTO = 0,
	WP_FORMAT_EDGELIST,
	WP_FORMAT_GRAPHML,
	WP_FORMAT_SNAPSHOT,
	WP_FORMAT_GEXF,
	WP_FORMAT_PAJEK,
	WP_FORMAT_MTX,
	WP_FORMAT_GT
} wp_format;

typedef struct wp_import_opts {
	bool directed;           /* edge lists: read edges as directed (default undirected);
	                          * GraphML follows its own edgedefault */
	wp_progress_fn progress; /* optional progress callback (see source.h) */
	void *progress_ctx;
} wp_import_opts;

#define WP_IMPORT_DEFAULTS ((wp_import_opts){.directed = false, .progress = NULL})

/* The format named by an extension-free name ("edgelist", "graphml", "wpg", "gexf", "pajek",
 * "mtx", "gt"); WP_EARG if unknown,
 * with the accepted names in err. */
wp_status wp_format_parse(const char *name, wp_format *format, char *err);

/* The format implied by path's extension (.txt .el .edges .tsv .csv .graphml .wpg .gexf .net
 * .pajek .mtx .mm .gt, each optionally followed by .gz); WP_EARG naming the extension if there is
 * none or it is unknown. */
wp_status wp_format_from_path(const char *path, wp_format *format, char *err);

/* A format's name as wp_format_parse() accepts it. */
const char *wp_format_name(wp_format format);

/* Reads an edge list (SNAP style: `#` and `%` comments, fields separated by spaces, tabs or
 * commas, an optional third weight column) from src into eb. On a malformed line returns
 * WP_EINPUT with "name:line: what is wrong"; eb then holds what was read so far and the caller
 * frees it. */
wp_status wp_import_edgelist(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb, char *err);

/* Reads GraphML from src into eb (streaming, libxml2's xmlTextReader, no network, no DTD, no
 * entity expansion) and sets *directed from the graph's edgedefault. Node ids become labels;
 * <data> whose key is named like a label or name becomes a vertex attribute; a weight-like edge
 * key becomes the edge weight. Errors as for wp_import_edgelist, with the XML line. */
wp_status wp_import_graphml(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb,
                            bool *directed, char *err);

/* Reads GEXF 1.1draft, 1.2draft, 1.3draft or 1.3 from src into eb (streaming, the same XML
 * safety as GraphML) and sets *directed (importers/gexf.c has the rules: node ids are labels,
 * attvalues and labels vertex attributes, weight from the edge's weight attribute or an attvalue
 * titled weight; a graph mixing directed and undirected edges is directed, each undirected edge
 * read as two arcs). Errors as for wp_import_edgelist, with the XML line. */
wp_status wp_import_gexf(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb, bool *directed,
                         char *err);

/* Reads a Pajek .net file (importers/pajek.c) into eb and sets *directed (*Arcs present). */
wp_status wp_import_pajek(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb,
                          bool *directed, char *err);

/* Reads a Matrix Market coordinate file (importers/matrixmarket.c) into eb; *directed unless
 * the matrix is symmetric. */
wp_status wp_import_mtx(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb, bool *directed,
                        char *err);

/* Reads graph-tool's binary .gt format (importers/graphtool.c) into eb and sets *directed.
 * Errors say "name: byte OFFSET: what is wrong". */
wp_status wp_import_gt(wp_source *src, const wp_import_opts *opts, wp_edgebuf *eb, bool *directed,
                       char *err);

/* Most vertices a Pajek *Vertices line or a Matrix Market size line may declare: their vertices
 * are numbered, so each declared vertex costs a label even when no line mentions it. */
#define WP_IMPORT_MAX_DECLARED (1u << 27)

/* Reads the file at path (format may be WP_FORMAT_AUTO) and builds g. Snapshots are mapped, not
 * parsed. On error g is zeroed and nothing is left allocated. */
wp_status wp_import_graph(wp_graph *g, const char *path, wp_format format,
                          const wp_import_opts *opts, char *err);

#endif
