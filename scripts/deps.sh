#!/bin/sh
# deps.sh - installs the Debian packages warmpath needs to build, test and run its demo.
#
# Called by the Makefile before every build; quick when everything is present (one pkg-config
# call per library). As root it installs what is missing with apt-get; otherwise it says exactly
# what to install and fails. `deps.sh --check` only reports.
set -eu

# pkg-config module -> Debian package
LIBS="igraph:libigraph-dev libxml-2.0:libxml2-dev criterion:libcriterion-dev zlib:zlib1g-dev jansson:libjansson-dev
sqlite3:libsqlite3-dev libzip:libzip-dev libutf8proc:libutf8proc-dev libgvc:libgraphviz-dev"
# header -> Debian package, for libraries without a pkg-config file
HEADERS="/usr/include/csv.h:libcsv-dev"
# command -> Debian package
TOOLS="gcc:gcc make:make pkg-config:pkg-config"

missing=""
for pair in $TOOLS; do
	cmd=${pair%%:*}
	command -v "$cmd" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
if command -v pkg-config >/dev/null 2>&1; then
	for pair in $LIBS; do
		pkg-config --exists "${pair%%:*}" 2>/dev/null || missing="$missing ${pair#*:}"
	done
else
	for pair in $LIBS; do missing="$missing ${pair#*:}"; done
fi

for pair in $HEADERS; do
	[ -f "${pair%%:*}" ] || missing="$missing ${pair#*:}"
done

[ -z "$missing" ] && exit 0
if [ "${1:-}" = "--check" ]; then
	echo "missing packages:$missing"
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "warmpath needs these Debian packages:$missing" >&2
	echo "install them with: sudo apt-get install$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
