#!/bin/sh
# demo.sh - what `make demo` runs. First the workspace: the bundled sample archives of five members
# of a fictional non-profit (examples/sample/, see its README) imported into a fresh workspace,
# its members, one person's ties with their evidence and warmth, likely duplicates, its
# statistics, an introduction explained hop by hop, brokers, a campaign's reach and the degrees
# of separation. Then the graph files: statistics of the bundled sample network, a snapshot of
# it, a chain between two people in different circles, and an export for Gephi.
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
# members.csv names each member's archive; members.tsv says who they are and which layout their
# export has (examples/sample/README.md).
tab=$(printf '\t')
tail -n +2 "$archives/members.tsv" | while IFS="$tab" read -r path name url role era exported; do
	echo "   $name: $role, exported $exported in the $era layout"
done
echo "== warmpath import --workspace $ws --members $archives/members.csv"
"$bin" import --workspace "$ws" --members "$archives/members.csv"
echo
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
echo "== warmpath intro --workspace $ws --to 'Aaron Romero' --from 'Zoë Brandt' --alternatives 2"
echo "   (who asks whom, how each pair knows each other, and who else if someone says no)"
"$bin" intro --workspace "$ws" --to "Aaron Romero" --from "Zoë Brandt" --alternatives 2
echo
echo "== warmpath intro --workspace $ws --to 'Aron Romero'   (a typo: suggestions, exit status 2)"
"$bin" intro --workspace "$ws" --to "Aron Romero" || true
echo
echo "== warmpath brokers --workspace $ws --non-members --top 5   (ambassadors to recruit)"
"$bin" brokers --workspace "$ws" --non-members --top 5
echo
echo "== warmpath reach --workspace $ws --members --hops 2 --rate 1:0.05,2:0.01 --gift 25"
"$bin" reach --workspace "$ws" --members --hops 2 --rate 1:0.05,2:0.01 --gift 25
echo
echo "== warmpath separation --workspace $ws"
"$bin" separation --workspace "$ws"
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
echo
echo "== warmpath export $sample $out/sample.gexf --with centrality=betweenness --with communities=leiden"
echo "   (open it in Gephi: the results are columns of the Data Laboratory)"
"$bin" export "$sample" "$out/sample.gexf" --with centrality=betweenness --with communities=leiden
head -n 12 "$out/sample.gexf"
