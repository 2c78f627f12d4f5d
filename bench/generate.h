/* generate.h - seeded synthetic graphs for the benchmarks: Kronecker (R-MAT), uniform random,
 * Barabasi-Albert, Watts-Strogatz and G(n, p).
 *
 * Every generator writes its edges straight into an edge buffer, in parallel, and the result
 * depends only on its parameters and seed, never on the thread count. Kronecker and uniform
 * (generate.c) write 2^scale * edge_factor edges straight into an edge buffer, in parallel,
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

/* Builds eb into an undirected graph (wp_graph_build: self-loops dropped, duplicates merged;
 * eb is left empty whatever happens) and writes it as a snapshot (.wpg) to path, atomically.
 * Errors: those of wp_graph_build and wp_snapshot_write. O(m log) plus the write. */
wp_status wp_generate_write_snapshot(wp_edgebuf *eb, const char *path, char *err);

/* ---- Random graph models (generate_models.c) ------------------------------------------------
 * Vertices are labelled "0" .. "n-1" by id, n is 1 .. WP_GENERATE_MAX_VERTICES, and eb must be
 * empty (WP_EARG otherwise, or for parameters outside the ranges below; WP_ELIMIT for more than
 * 2^40 edges; WP_ENOMEM). On error eb is left empty. Call outside OpenMP parallel regions. */
#define WP_GENERATE_MAX_VERTICES (UINT32_C(1) << 31)

/* Barabasi-Albert preferential attachment: vertex v (in id order) adds `edges_per_vertex` edges
 * (1 .. 1024), each to an earlier endpoint drawn in proportion to degree, exactly
 * n x edges_per_vertex edges in the buffer (edge j = v x edges_per_vertex + i has source v). The
 * model is Batagelj and Brandes's linear-time one ("Efficient generation of large random
 * networks", Phys. Rev. E 71, 036113, 2005: the list M of endpoints, M[2j] = source of edge j,
 * M[2j+1] = M[r] for r uniform in [0, 2j]), made parallel as Sanders and Schulz do ("Scalable
 * generation of scale-free graphs", IPL 116(7), 2016): r for edge j is a hash of (seed, j), so
 * any thread resolves any edge by following r until it lands on a source slot, 2 steps on
 * average, without reading memory. As in Batagelj-Brandes, an edge may close a self-loop or
 * repeat an edge (the builder drops and counts them; few for n >> edges_per_vertex), and the
 * degree distribution has the model's power-law tail P(k) ~ k^-3. */
wp_status wp_generate_barabasi(wp_edgebuf *eb, uint32_t n, uint32_t edges_per_vertex, uint64_t seed,
                               char *err);

/* Watts-Strogatz small world: the ring lattice joining each vertex v to v + 1 .. v + k/2 (mod n),
 * k even with 2 <= k < n, exactly n x k / 2 edges, each of whose far end is replaced with
 * probability p (0 <= p <= 1) by a vertex drawn uniformly among the others (no self-loop; a
 * repeated edge may result and is merged by the builder). Each vertex keeps its own k/2 edges,
 * so its degree is at least k/2 and the mean is k less the merged repeats. O(m) in parallel. */
wp_status wp_generate_watts_strogatz(wp_edgebuf *eb, uint32_t n, uint32_t k, double p,
                                     uint64_t seed, char *err);

/* Erdos-Renyi G(n, p): every unordered pair {v, w}, v != w, is an edge with probability p
 * (0 <= p <= 1), independently, each edge once (source > target), no self-loops or repeats.
 * Geometric skipping (Batagelj and Brandes 2005, algorithm G(n,p)): the gap to the next edge
 * among the pairs in order is drawn from the geometric distribution, so the cost is O(n + m),
 * not O(n^2). The pairs are cut into at most 2^20 ranges of about 2^16 expected edges, each
 * with its own stream (the gaps are memoryless, so the cut changes nothing in distribution);
 * a counting pass and a writing pass give every range its place in the buffer. The edge count is
 * Binomial(n (n - 1) / 2, p). */
wp_status wp_generate_gnp(wp_edgebuf *eb, uint32_t n, double p, uint64_t seed, char *err);

#endif
