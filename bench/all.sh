#!/usr/bin/env bash
# Runs every benchmark one after another (the figures in docs/PERFORMANCE.md come from one such run
# on an otherwise idle machine) and keeps each script's output under OUT (default: a new directory
# under /var/tmp). Prints the load average before each script, since the ratios only mean something
# when nothing else runs.
#
# usage: bench/all.sh [OUT]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$(mktemp -d /var/tmp/strata-bench-all.XXXXXX)}"
mkdir -p "$out"
for b in store:3 deploy:5 pkgread:5 solve:3 install:3 dbdiff:11; do
  name="${b%%:*}" runs="${b##*:}"
  echo "== $name ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/summary.txt" >&2
  case "$name" in
    store|solve|dbdiff) bash "$here/$name.sh" "$runs" >"$out/$name.txt" 2>"$out/$name.err" ;;
    *) RUNS="$runs" bash "$here/$name.sh" >"$out/$name.txt" 2>"$out/$name.err" ;;
  esac
  echo "   exit $? -> $out/$name.txt" | tee -a "$out/summary.txt" >&2
done
echo "$out"
