/* warmpath.h - the public header of libwarmpath: the graph engine, graph-file import and
 * export, and the query kernels.
 *
 * Link with `pkg-config --cflags --libs warmpath`. Every fallible function returns a wp_status
 * and fills a caller-provided error buffer of WP_ERR_LEN bytes; nothing in the library prints or
 * exits. The igraph bridge (engine/igraph_bridge.h) is not included here because it needs
 * <igraph.h>; include it yourself when you use igraph.
 */
#ifndef WP_WARMPATH_H
#define WP_WARMPATH_H

#include "engine/status.h"
#include "engine/strtab.h"
#include "engine/labels.h"
#include "engine/attrs.h"
#include "engine/edgebuf.h"
#include "engine/graph.h"
#include "engine/snapshot.h"
#include "engine/contacts.h"
#include "engine/identity.h"
#include "engine/warmth.h"
#include "engine/workspace.h"
#include "importers/source.h"
#include "importers/import.h"
#include "importers/csvfile.h"
#include "importers/dates.h"
#include "importers/linkedin.h"
#include "importers/addressbook.h"
#include "importers/linkedin_xml.h"
#include "importers/exports.h"
#include "importers/import_members.h"
#include "exporters/edgelist.h"
#include "exporters/graphml.h"
#include "exporters/vertex_values.h"
#include "exporters/gexf.h"
#include "exporters/pajek.h"
#include "exporters/dot.h"
#include "exporters/vertex_csv.h"
#include "queries/components.h"
#include "queries/paths.h"
#include "queries/betweenness.h"
#include "queries/closeness.h"
#include "queries/pagerank.h"
#include "queries/structure.h"
#include "queries/intro_plan.h"

#endif
