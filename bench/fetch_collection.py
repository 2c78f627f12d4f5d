#!/usr/bin/python3
"""fetch_collection.py - writes networks of graph-tool's collection as plain edge lists.

Usage: /usr/bin/python3 bench/fetch_collection.py DIR [NAME ...]

For each NAME (default: email-Enron cond-mat-2005) loads graph_tool.collection.data[NAME] from
Debian's python3-graph-tool (apt-get install python3-graph-tool), keeps its largest connected
component as a simple undirected graph (no self-loops, no parallel edges, directions dropped),
numbers its vertices 0..n-1 and writes DIR/NAME.el, one "u v" line per edge with u < v, sorted.
A file that exists is left alone. Only the benchmarks use this; the tests never need Python.
"""
import os
import sys

try:
    import graph_tool.all as gt
except ImportError:
    sys.exit("fetch_collection.py: graph_tool not found; apt-get install python3-graph-tool "
             "and run this with /usr/bin/python3")


def write(name, path):
    g = gt.collection.data[name]
    g = gt.GraphView(g, directed=False)
    comp = gt.label_largest_component(g)
    g = gt.Graph(gt.GraphView(g, vfilt=comp), prune=True)
    gt.remove_self_loops(g)
    gt.remove_parallel_edges(g)
    edges = sorted({(min(int(u), int(v)), max(int(u), int(v))) for u, v in g.iter_edges()})
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        for u, v in edges:
            f.write("%d %d\n" % (u, v))
    os.rename(tmp, path)
    print("%s: %d vertices, %d edges" % (path, g.num_vertices(), len(edges)))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    names = sys.argv[2:] or ["email-Enron", "cond-mat-2005"]
    os.makedirs(out, exist_ok=True)
    for name in names:
        path = os.path.join(out, name + ".el")
        if os.path.exists(path) and os.path.getsize(path) > 0:
            print("%s: exists" % path)
            continue
        write(name, path)


if __name__ == "__main__":
    main()
