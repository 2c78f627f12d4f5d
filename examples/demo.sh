#!/bin/sh
# demo.sh - what `make demo` runs: statistics of the bundled sample network, a snapshot of it,
# and an introduction chain between two people in different circles.
set -eu
bin=${1:-build/warmpath}
sample=examples/sample-network.csv
out=build/demo
mkdir -p "$out"

echo "== warmpath stats $sample"
"$bin" stats "$sample"
echo
echo "== warmpath convert $sample $out/sample.wpg   (a snapshot that reloads instantly)"
"$bin" convert "$sample" "$out/sample.wpg"
echo
echo "== warmpath path $out/sample.wpg --from 'Priya Tanaka' --to 'Aiko Diallo'"
"$bin" path "$out/sample.wpg" --from "Priya Tanaka" --to "Aiko Diallo"
echo
echo "== warmpath path $sample --from 'Priya Tanaka' --to 'Ruth Abebe' --format json"
"$bin" path "$sample" --from "Priya Tanaka" --to "Ruth Abebe" --format json
