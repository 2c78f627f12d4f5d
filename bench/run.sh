#!/bin/sh
# run.sh - the per-family drivers behind `make bench-drivers`: each driver once, output teed to
# a log. (`make bench` runs bench/suites/quick.suite through `warmpath bench` instead.)
#
# Usage: sh bench/run.sh OUT, where OUT is the build directory holding bench/bench_* (`build`
# for the release configuration). Each driver's `key: value` output goes to the terminal and to
# OUT/bench-results/NAME.txt; generated inputs are cached in OUT/bench-data and reused by later
# runs. Results are never written into source folders. The quick defaults keep the whole suite
# under about three minutes on a 2-core machine; bench/README.md shows how to run larger graphs.
# Extra arguments for the loader benchmark may be given in BENCH_LOAD_ARGS (e.g. "--scale 22").
# Exits non-zero if any driver fails or cannot verify its results.
set -eu

OUT=${1:-build}
RESULTS="$OUT/bench-results"
DATA="$OUT/bench-data"
mkdir -p "$RESULTS" "$DATA"

status=0

# run NAME ARGS...: runs OUT/bench/bench_NAME ARGS..., teeing its output to RESULTS/NAME.txt.
run() {
	name=$1
	shift
	bin="$OUT/bench/bench_$name"
	log="$RESULTS/$name.txt"
	rc_file="$RESULTS/.$name.rc"
	if [ ! -x "$bin" ]; then
		echo "run.sh: $bin is missing; build it with make bench-drivers" >&2
		status=1
		return
	fi
	echo "== bench_$name $*"
	{
		echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
		echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)"
		echo "cpus: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo unknown)"
		# POSIX sh has no pipefail: the driver's exit status travels through a file.
		rc=0
		"$bin" "$@" 2>&1 || rc=$?
		echo "$rc" >"$rc_file"
	} | tee "$log"
	rc=$(cat "$rc_file" 2>/dev/null || echo 1)
	rm -f "$rc_file"
	if [ "$rc" -ne 0 ]; then
		echo "run.sh: bench_$name exited with status $rc (see $log)" >&2
		status=1
	fi
}

# The loader: Kronecker scale 20 (edge factor 16, about 230 MB of text) and GraphML scale 16.
# shellcheck disable=SC2086
run load --scale 20 --edge-factor 16 --trials 3 --graphml-scale 16 --dir "$DATA" ${BENCH_LOAD_ARGS:-}

# Centrality: exact betweenness on graph-tool's astro-ph co-authorship network (when Debian's
# python3-graph-tool is installed, bench/fetch_collection.py converts it once) and on a Kronecker
# graph of scale 14, igraph timed on 256 sampled sources; KADABRA on Kronecker scale 18. The
# issue's larger figures (the e-mail and co-authorship networks, KADABRA at scale 22) are in
# bench/README.md. Extra arguments in BENCH_CENTRALITY_ARGS.
if /usr/bin/python3 -c "import graph_tool" 2>/dev/null; then
	/usr/bin/python3 bench/fetch_collection.py "$DATA" astro-ph || true
fi
if [ -s "$DATA/astro-ph.el" ]; then
	set -- --graph "$DATA/astro-ph.el"
else
	echo "run.sh: no astro-ph.el (apt-get install python3-graph-tool); Kronecker graphs only" >&2
	set --
fi
# shellcheck disable=SC2086
run centrality "$@" --scale 14 --kadabra-scale 18 --sources 256 --threads 1,2 ${BENCH_CENTRALITY_ARGS:-}

# Import: 200 members' synthetic LinkedIn archives x 5,000 connections (about 1.4 M CSV rows with
# their messages; generated once into $DATA/archives-*) into a fresh workspace. No baseline exists
# (nothing we use imports contact exports): the driver compares with the 10 s target.
# Extra arguments in BENCH_IMPORT_ARGS.
# shellcheck disable=SC2086
run import --members 200 --connections 5000 --dir "$DATA" ${BENCH_IMPORT_ARGS:-}

# Introductions, reach and separation at quick sizes (the issue sizes: bench/README.md).
run intro --members 40 --connections 2000 --prospects 2000 --dir "$DATA"
run reach --scale 16 --recruit-scale 14 --small-scale 10 --igraph-seeds 3 --igraph-sizes 20 --trials 1
run separation --scale 18 --accuracy-scales 13 --trials 1

# Paths: chain queries on Kronecker scale 20 and graph-tool's e-mail network (email-Enron,
# converted once by bench/fetch_collection.py when python3-graph-tool is installed; otherwise a
# Barabasi-Albert stand-in), 10,000 pairs, igraph timed on 100 of them (3 for its Dijkstra on the
# Kronecker graph, seconds each); then 10,000 prospects against 100 members on a million-tie
# Kronecker graph. Extra arguments in BENCH_PATHS_ARGS.
if /usr/bin/python3 -c "import graph_tool" 2>/dev/null; then
	/usr/bin/python3 bench/fetch_collection.py "$DATA" email-Enron || true
fi
# shellcheck disable=SC2086
run paths --dir "$DATA" --igraph-pairs 100 --weighted-pairs 100 --igraph-weighted-pairs 3 \
	${BENCH_PATHS_ARGS:-}

exit $status
