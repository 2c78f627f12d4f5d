/* generate.h - seeded synthetic graphs for the benchmarks: Kronecker (R-MAT) and uniform random.
 *
 * Both generators write 2^scale * edge_factor edges straight into an edge buffer, in parallel,
 * and the result depends only on (scale, edge_factor, seed), never on the thread count: edges
 * are made in fixed blocks, each block with its own random stream derived from (seed, block
 * index). Vertices are labelled "0" .. "n-1" in id order (n = 2^scale), so a vertex's id is its
 * label and a file written by wp_generate_write_edgelist() reads back with the same ids for every
 * vertex that has an edge. Self-loops and duplicate edges are kept, as GAPBS and Graph500 produce
 * them; the graph builder removes and counts them.
 *
 * The graphs are those of GAPBS's `-g` and `-u` options (Beamer, Asanovic, Patterson, "The GAP
 * Benchmark Suite", arXiv:1508.03619) and of Graph500's reference generator: R-MAT (Chakrabarti,
 * Zhan, Faloutsos, SDM 2004) with A = 0.57, B = C = 0.19, D = 0.05, vertex ids scrambled by a
 * seeded random permutation. The numbers differ from theirs (another random generator), the
 * distributions do not.
 */
#ifndef WP_GENERATE_H
#define WP_GENERATE_H

#include <stdint.h>

#include "engine/edgebuf.h"
#include "engine/status.h"

/* Largest scale the generators accept: vertex ids are 32-bit (see labels.h). */
#define WP_GENERATE_MAX_SCALE 31

/* Fills eb, which must be empty (zeroed or freed), with a Kronecker graph: 2^scale vertices
 * labelled by their decimal ids, 2^scale * edge_factor edges each chosen by `scale` recursive
 * quadrant choices with the Graph500 probabilities, then every vertex id mapped through one
 * seeded random permutation of 0 .. 2^scale - 1. scale is 1 .. WP_GENERATE_MAX_SCALE,
 * edge_factor at least 1. Errors: WP_EARG for a non-empty eb or bad parameters, WP_ENOMEM; on
 * error eb is left empty. O(m scale) work in parallel plus an O(n) serial shuffle; 8 bytes per
 * edge and about 17 bytes per vertex. Call outside OpenMP parallel regions. */
wp_status wp_generate_kronecker(wp_edgebuf *eb, int scale, int edge_factor, uint64_t seed,
                                char *err);

/* Fills eb (empty, as above) with a uniform random graph: 2^scale vertices labelled by their
 * decimal ids and 2^scale * edge_factor edges whose endpoints are both drawn uniformly (GAPBS
 * `-u`, an Erdos-Renyi-like multigraph). Parameters, errors and memory as for
 * wp_generate_kronecker(); O(m) work in parallel. */
wp_status wp_generate_uniform(wp_edgebuf *eb, int scale, int edge_factor, uint64_t seed, char *err);

/* Writes eb's edges to path (created or truncated) as a plain edge list, one "source target\n"
 * line per edge in buffer order, vertices as decimal ids (which are the labels of a generated
 * buffer; other buffers' labels are not consulted) and weights ignored. Formats in large blocks
 * without stdio's per-call cost. Errors: WP_EIO "path: cannot write: reason" (the partial file
 * is removed), WP_ENOMEM. O(m). */
wp_status wp_generate_write_edgelist(const wp_edgebuf *eb, const char *path, char *err);

#endif
