#!/bin/sh
# demo.sh - what `make demo` runs. First the workspace: the bundled sample archives of five members
# of a fictional non-profit (examples/sample/, see its README) imported into a fresh workspace,
# its members, one person's ties with their evidence and warmth, likely duplicates, and its
# statistics. Then the graph files: statistics of the bundled sample network, a snapshot of it,
# and an introduction chain between two people in different circles.
set -eu
bin=${1:-build/warmpath}
sample=examples/sample-network.csv
archives=examples/sample
out=build/demo
ws=$out/lumen.wpw
mkdir -p "$out"

# Warmth decays with time since the last interaction: fix "now" so the demo's output is stable.
WARMPATH_NOW=2026-11-24
export WARMPATH_NOW

rm -f "$ws" "$ws-wal" "$ws-shm" "$ws.wpg" "$ws.wpg.key"
tab=$(printf '\t')
# members.tsv: path, name, profile URL, role, era of the export, export date.
tail -n +2 "$archives/members.tsv" | while IFS="$tab" read -r path name url role era exported; do
	echo "== warmpath import --workspace $ws --member '$name' --member-url $url $archives/$path"
	echo "   ($role; exported $exported in the $era layout)"
	# The summary after the table of files read.
	"$bin" import --workspace "$ws" --member "$name" --member-url "$url" "$archives/$path" |
		awk 'shown; /^$/ { shown = 1 }'
	echo
done
echo "== warmpath members --workspace $ws"
"$bin" members --workspace "$ws"
echo
echo "== warmpath ties 'Björn Lindqvist' --workspace $ws --limit 8"
"$bin" ties "Björn Lindqvist" --workspace "$ws" --limit 8
echo
echo "== warmpath people --workspace $ws --search haddad"
"$bin" people --workspace "$ws" --search haddad
echo
echo "== warmpath people --duplicates --workspace $ws | head -n 6"
"$bin" people --duplicates --workspace "$ws" | head -n 6
echo
echo "== warmpath stats --workspace $ws"
"$bin" stats --workspace "$ws"
echo
echo "== warmpath path $ws.wpg --from 'Zoë Brandt' --to 'Aaron Romero' --rank warmth --alternatives 2"
echo "   (the workspace's graph, cached as a snapshot with warmth as weights: who can introduce"
echo "   Zoë to a prospect, and who else if that person says no)"
"$bin" path "$ws.wpg" --from "Zoë Brandt" --to "Aaron Romero" --rank warmth --alternatives 2
echo

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
