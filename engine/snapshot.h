/* snapshot.h - the versioned binary snapshot (.wpg) of a built graph, reloaded with mmap.
 *
 * A snapshot holds a wp_graph exactly as it sits in memory: the CSR arrays, the label arena and
 * the vertex attribute columns, each in its own 64-byte aligned section, behind a fixed header
 * with a magic, a format version, a byte-order marker, a section table and two CRC-32s (one over
 * the header, one over everything after it). Loading maps the file read-only and points the
 * graph's arrays into the mapping, so a big graph reloads without parsing or copying; the cost is
 * one pass over the file for the checksum and one for the structural checks, both O(n + m) and
 * parallel. docs/snapshot.md describes the layout byte by byte.
 */
#ifndef WP_SNAPSHOT_H
#define WP_SNAPSHOT_H

#include "engine/graph.h"
#include "engine/status.h"

/* The format version this warmpath writes and the only one it reads. */
#define WP_SNAPSHOT_VERSION 1u

/* Writes g to path atomically: the snapshot goes to a new temporary file in the same directory
 * (created with O_EXCL and mode 0600, since graphs hold personal data), is fsync-ed, then renamed
 * over path. Errors: WP_EIO "path: cannot write: reason" (including a full disk), WP_ENOMEM,
 * WP_ELIMIT for more than 65536 attribute columns, WP_EARG if g's labels or attributes do not
 * cover exactly its n vertices (a graph not made by wp_graph_build or wp_snapshot_load); on any
 * error the temporary file is removed and path is left as it was. g may itself be a loaded
 * snapshot, even of path (a process that has the old file mapped keeps a valid mapping).
 * O(n + m + label and attribute bytes); the checksum runs in parallel. */
wp_status wp_snapshot_write(const wp_graph *g, const char *path, char *err);

/* Loads the snapshot at path into *g (cleared on entry, written only on success). The file is
 * mapped read-only and g's arrays point into the mapping: labels and attribute values are
 * borrowed string tables (the label index is built lazily by the first wp_labels_lookup),
 * attribute names are copied. wp_graph_free unmaps it. Every section is checked against the file
 * size before it is touched, and the data against its checksum and the CSR invariants (offsets
 * non-decreasing from 0 to m, each neighbour list strictly ascending, targets below n without
 * self-loops, strings NUL-terminated inside their arena), so a damaged or crafted file is refused
 * rather than trusted. Not verified, as it costs more than O(n + m): that undirected lists are
 * symmetric and that the in-arrays are exactly the transpose (a forged file of that kind gives
 * wrong answers, so kernels must not rely on either for memory safety). Errors: WP_ENOTFOUND if
 * path does not exist, WP_EIO if it cannot be read, WP_EINPUT with one line naming path ("not a
 * warmpath snapshot (bad magic)", "snapshot version N is not supported ...", "truncated snapshot:
 * expected X bytes, file has Y", "corrupt snapshot: checksum mismatch", "corrupt snapshot:
 * <what>"), WP_ENOMEM. The file must not be truncated in place while loaded (the writer above never
 * does that; it replaces the file). O(file size), in parallel. */
wp_status wp_snapshot_load(wp_graph *g, const char *path, char *err);

#endif
