/* edgelist.h - writing a graph as an edge list that importers/edgelist.c reads back exactly. */
#ifndef WP_EXPORT_EDGELIST_H
#define WP_EXPORT_EDGELIST_H

#include <stdio.h>

#include "engine/graph.h"

/* Writes one line per edge, "source target" or "source target weight" (weights printed with
 * enough digits to read back the same float), with a `#` comment header stating the counts and
 * direction. Undirected edges are written once (lower vertex id first). Labels that contain
 * spaces, tabs, commas, quotes or start with `#`/`%` are double-quoted with "" for a quote.
 * Isolated vertices cannot be expressed in an edge list and are lost (the header says how many).
 * Returns WP_EIO ("name: cannot write: reason") if a write fails. O(n + m). */
wp_status wp_export_edgelist(const wp_graph *g, FILE *out, const char *name, char *err);

#endif
