#!/bin/sh
# run.sh - runs each fuzz target for a while: sh fuzz/run.sh FUZZ_DIR SECONDS [TARGET...]
#
# Each target's corpus lives in FUZZ_DIR/corpus/NAME (never in the source tree) and is seeded the
# first time from the glob in fuzz/targets.def; crashes, leaks, timeouts and out-of-memory inputs
# go to FUZZ_DIR/artifacts/NAME/. One line per target says how long it ran, how many inputs it
# executed and what it found; the status is 1 if anything was found. Targets run one at a time at
# nice 10 (the machine is shared); FUZZ_JOBS=2 runs two at a time.
set -u
dir=$1
seconds=$2
shift 2
targets=${*:-$(sed -n 's/^FUZZ_TARGET(\([a-z0-9_]*\),.*/\1/p' fuzz/targets.def)}
jobs=${FUZZ_JOBS:-1}
mkdir -p "$dir/logs"

run_one() {
	t=$1
	corpus="$dir/corpus/$t"
	art="$dir/artifacts/$t"
	mkdir -p "$corpus" "$art"
	if [ -z "$(ls -A "$corpus")" ]; then
		seeds=$(sed -n "s/^FUZZ_TARGET($t, *[a-z_]*, *\"[^\"]*\", *\"\([^\"]*\)\").*/\1/p" fuzz/targets.def)
		for f in $seeds; do [ -f "$f" ] && cp "$f" "$corpus/"; done
	fi
	start=$(date +%s)
	nice -n 10 "$dir/fuzz_$t" "$corpus" -max_total_time="$seconds" -timeout=20 \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$art/" >"$dir/logs/$t.log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/logs/$t.log")
	cov=$(grep -o 'cov: [0-9]*' "$dir/logs/$t.log" | tail -n 1)
	found=$(ls "$art" | wc -l)
	printf '%-20s %5ss %10s inputs, %s, corpus %s files, %s finding(s), exit %s\n' "$t" "$took" \
		"${execs:-?}" "${cov:-cov: ?}" "$(ls "$corpus" | wc -l)" "$found" "$rc" |
		tee -a "$dir/logs/summary.txt"
	[ "$found" -eq 0 ] && [ "$rc" -eq 0 ]
}

fail=0
running=0
for t in $targets; do
	if [ "$jobs" -gt 1 ]; then
		run_one "$t" || touch "$dir/logs/.failed" &
		running=$((running + 1))
		if [ "$running" -ge "$jobs" ]; then wait; running=0; fi
	else
		run_one "$t" || fail=1
	fi
done
wait
if [ -e "$dir/logs/.failed" ]; then rm -f "$dir/logs/.failed"; fail=1; fi
exit $fail
