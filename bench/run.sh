#!/bin/sh
# run.sh - the quick benchmark suite behind `make bench`: each driver once, output teed to a log.
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
		echo "run.sh: $bin is missing; build it with make bench" >&2
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

exit $status
