#!/usr/bin/env bash
# Times Strata's repository against the real ostree, side by side in one run, on a Debian bookworm
# minbase tree (debootstrap, cached by the test fixtures). Prints a Markdown table of medians and ratios.
#
# usage: bench/store.sh [RUNS]     (default 3 runs per operation; runs of the two tools alternate)
# env:   STRATA_BENCH_TREE=DIR  use another tree instead of the cached minbase
#        STRATA_BENCH_WORK=DIR  scratch directory (default: a new one under /var/tmp)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
strata="$here/strata"
src="${STRATA_BENCH_TREE:-${STRATA_TEST_CACHE:-$HOME/.cache/strata-tests}/minbase-bookworm}"
command -v ostree >/dev/null || { echo "error: ostree is not installed; run 'apt-get install ostree'" >&2; exit 1; }
[ -d "$src" ] || { echo "error: no tree at $src; run the store tests once (they build the minbase cache) or set STRATA_BENCH_TREE" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "error: run as root (bare repositories keep file ownership)" >&2; exit 1; }

work="${STRATA_BENCH_WORK:-$(mktemp -d /var/tmp/strata-bench.XXXXXX)}"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
"$strata" --version >/dev/null   # builds the jar if needed, outside the timings

tree="$work/tree"
cp -a "$src" "$tree"
# ostree cannot store device nodes: drop them from the copy (Strata could use --skip-special-files instead)
find "$tree" \( -type b -o -type c -o -type p -o -type s \) -delete
files=$(find "$tree" -type f | wc -l); links=$(find "$tree" -type l | wc -l); dirs=$(find "$tree" -type d | wc -l)
size=$(du -sm "$tree" | cut -f1)

now() { date +%s%N; }
# t CMD...: runs CMD with output discarded, prints wall seconds
t() { local s e; s=$(now); "$@" >/dev/null 2>&1; e=$(now); echo "scale=3; ($e - $s) / 1000000000" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

declare -A S O
record() { S[$1]+="$2 "; O[$1]+="$3 "; }

fresh() { rm -rf "$1"; ostree init --repo="$1" --mode="$2"; }

for i in $(seq 1 "$runs"); do
  echo "run $i/$runs" >&2
  for mode in bare-user archive bare; do
    fresh "$work/s-$mode" "$mode"; fresh "$work/o-$mode" "$mode"
    sync
    if (( i % 2 )); then
      ts=$(t "$strata" repo commit --repo="$work/s-$mode" -b bench "$tree")
      to=$(t ostree commit --repo="$work/o-$mode" -b bench --tree=dir="$tree")
    else
      to=$(t ostree commit --repo="$work/o-$mode" -b bench --tree=dir="$tree")
      ts=$(t "$strata" repo commit --repo="$work/s-$mode" -b bench "$tree")
    fi
    record "commit $mode" "$ts" "$to"
  done
  # both tools read the same repositories (the ones Strata wrote)
  rm -rf "$work/co-s" "$work/co-o"
  ts=$(t "$strata" repo checkout --repo="$work/s-bare" bench "$work/co-s")
  to=$(t ostree checkout --repo="$work/s-bare" bench "$work/co-o")
  inproc=$("$strata" repo checkout --repo="$work/s-bare" bench "$work/co-s2" 2>&1 | sed -n 's/.* in \([0-9]*\) ms$/\1/p')
  rm -rf "$work/co-s2"
  record "hardlink checkout (bare)" "$ts" "$to"
  S["checkout in-process (ms)"]+="$inproc "
  for mode in bare-user archive; do
    ts=$(t "$strata" repo fsck --repo="$work/s-$mode")
    to=$(t ostree fsck --repo="$work/s-$mode")
    record "fsck $mode" "$ts" "$to"
  done
  startup=$(t "$strata" --version)
  S["JVM start (strata --version)"]+="$startup "
done

echo
echo "Tree: $files files, $links symlinks, $dirs directories, ${size} MB; $runs runs; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| operation | Strata (s) | ostree (s) | ratio |"
echo "|---|---|---|---|"
for op in "commit bare-user" "commit archive" "commit bare" "hardlink checkout (bare)" "fsck bare-user" "fsck archive"; do
  ms=$(echo "${S[$op]}" | tr ' ' '\n' | grep . | median)
  mo=$(echo "${O[$op]}" | tr ' ' '\n' | grep . | median)
  echo "| $op | $ms | $mo | $(echo "scale=2; $ms / $mo" | bc) |"
done
echo "| JVM start (\`strata --version\`) | $(echo "${S["JVM start (strata --version)"]}" | tr ' ' '\n' | grep . | median) | | |"
echo "| checkout inside the process (ms) | $(echo "${S["checkout in-process (ms)"]}" | tr ' ' '\n' | grep . | median) | | |"
echo
echo "Raw Strata: $(for k in "${!S[@]}"; do echo -n "[$k: ${S[$k]}] "; done)"
echo "Raw ostree: $(for k in "${!O[@]}"; do echo -n "[$k: ${O[$k]}] "; done)"
