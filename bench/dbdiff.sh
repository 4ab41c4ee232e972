#!/usr/bin/env bash
# Times `strata db diff` between two deployments of a 3,000-package Debian tree, whole process (JVM
# start included), next to the same question answered with the real tools (ostree cat of both dpkg
# status files, dpkg-query on each, comm). Prints a Markdown table of medians.
#
# usage: bench/dbdiff.sh [RUNS]   (default 11)
# env:   STRATA_BENCH_WORK=DIR  scratch directory (default: a new one under /var/tmp)
#        STRATA_BENCH_KEEP=1    keep the scratch directory
#        STRATA_JAVA_OPTS       JVM flags for the launcher (default: the launcher's own)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-11}"
strata="$here/strata"
for t in ostree dpkg-query bc; do
  command -v "$t" >/dev/null || { echo "error: $t is not installed; install it and run again" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "error: run as root (bare repositories keep file ownership)" >&2; exit 1; }
work="${STRATA_BENCH_WORK:-$(mktemp -d /var/tmp/strata-bench-dbdiff.XXXXXX)}"
mkdir -p "$work"
cleanup() {
  [ -z "${STRATA_BENCH_KEEP:-}" ] || return 0
  # deployment directories carry the immutable flag, as ostree sets it
  for d in "$work"/sys/ostree/deploy/*/deploy/*.[0-9]*; do [ -d "$d" ] && chattr -i "$d" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
"$strata" --version >/dev/null   # builds the jar if needed, outside the timings

# tree N: a tiny bootable tree whose dpkg database lists 3,000 packages; version 2 upgrades every
# 10th, downgrades every 50th, drops every 100th and adds 25 packages.
mktree() {
  local dir="$1" v="$2"
  mkdir -p "$dir/boot" "$dir/usr/bin" "$dir/etc" "$dir/var/lib/dpkg/info"
  echo "FAKE KERNEL $v" >"$dir/boot/vmlinuz-6.1.0-bench"
  echo "FAKE INITRD $v" >"$dir/boot/initrd.img-6.1.0-bench"
  echo "PRETTY_NAME=\"Bench $v\"" >"$dir/etc/os-release"
  awk -v v="$v" 'BEGIN {
    for (i = 0; i < 3000; i++) {
      ver = "1:" i ".0~rc1-1"
      if (v == 2 && i % 100 == 0) continue
      if (v == 2 && i % 50 == 0) ver = "1:" i ".0~beta-1"
      else if (v == 2 && i % 10 == 0) ver = "1:" i ".0-1"
      printf "Package: pkg%04d\nStatus: install ok installed\nPriority: optional\nMaintainer: Bench <bench@localhost>\nArchitecture: amd64\n", i
      printf "Version: %s\nDescription: bench package %d\n long text\n\n", ver, i
    }
    if (v == 2) for (i = 0; i < 25; i++)
      printf "Package: new%02d\nStatus: install ok installed\nMaintainer: Bench <bench@localhost>\nArchitecture: all\nVersion: 0.%d-1\nDescription: new package\n\n", i, i
  }' >"$dir/var/lib/dpkg/status"
}

sys="$work/sys"
"$strata" admin init-fs "$sys" >/dev/null
"$strata" --sysroot="$sys" admin os-init bench >/dev/null
for v in 1 2; do
  mktree "$work/tree$v" "$v"
  "$strata" compose import --repo="$sys/ostree/repo" -b bench/base --version="$v" "$work/tree$v" >/dev/null 2>&1
  "$strata" --sysroot="$sys" admin deploy --os=bench bench/base >/dev/null 2>&1
done
c1=$("$strata" --sysroot="$sys" status --json | sed -n 's/.*"checksum": "\(.*\)".*/\1/p' | tail -1)
c2=$("$strata" --sysroot="$sys" status --json | sed -n 's/.*"checksum": "\(.*\)".*/\1/p' | head -1)
# the same two trees committed by plain ostree: no package list metadata, read from the dpkg status
ostree init --repo="$work/plain" --mode=bare
p1=$(ostree commit --repo="$work/plain" -b p1 --tree=dir="$work/tree1")
p2=$(ostree commit --repo="$work/plain" -b p2 --tree=dir="$work/tree2")

expected="240 upgraded, 30 downgraded, 30 removed, 25 added"
summary() { awk '/^Upgraded:/{s="u"} /^Downgraded:/{s="d"} /^Removed:/{s="r"} /^Added:/{s="a"} /^  /{n[s]++}
  END {printf "%d upgraded, %d downgraded, %d removed, %d added\n", n["u"], n["d"], n["r"], n["a"]}'; }
got=$("$strata" --sysroot="$sys" db diff | summary)
[ "$got" = "$expected" ] || { echo "error: strata db diff says '$got', expected '$expected'" >&2; exit 1; }
got=$("$strata" db diff --repo="$work/plain" p1 p2 | summary)
[ "$got" = "$expected" ] || { echo "error: strata db diff (plain ostree) says '$got', expected '$expected'" >&2; exit 1; }

tools_diff() {
  local r="$1" a="$2" b="$3" d="$work/tools"
  mkdir -p "$d/a" "$d/b"
  ostree cat --repo="$r" "$a" /usr/share/dpkg/database/status >"$d/a/status"
  ostree cat --repo="$r" "$b" /usr/share/dpkg/database/status >"$d/b/status"
  dpkg-query --admindir="$d/a" -W -f='${Package} ${Version} ${Architecture}\n' | sort >"$d/a.txt"
  dpkg-query --admindir="$d/b" -W -f='${Package} ${Version} ${Architecture}\n' | sort >"$d/b.txt"
  comm -3 "$d/a.txt" "$d/b.txt"
}
[ "$(tools_diff "$sys/ostree/repo" "$c1" "$c2" | wc -l)" -gt 300 ] || { echo "error: the tools pipeline found no changes" >&2; exit 1; }

now() { date +%s%N; }
declare -A T
# t CMD...: runs CMD with output discarded, prints "wall cpu" seconds (cpu = user + sys of the children)
t() {
  local s e c0 c1 me=$BASHPID
  c0=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  s=$(now); "$@" >/dev/null 2>&1; e=$(now)
  c1=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  echo "$(echo "scale=3; ($e - $s) / 1000000000" | bc) $(echo "scale=3; ($c1 - $c0) / $(getconf CLK_TCK)" | bc)"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {if (NR%2) printf "%.3f\n", a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
declare -A C
# rec KEY CMD...: one timed run, wall into T[KEY], cpu into C[KEY]
rec() { local k="$1" r; shift; r=$(t "$@"); T[$k]+="${r% *} "; C[$k]+="${r#* } "; }
java_cmd=(java ${STRATA_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto} -version)
for i in $(seq 1 "$runs"); do
  echo "run $i/$runs" >&2
  rec a "$strata" --sysroot="$sys" db diff
  rec b "$strata" --sysroot="$sys" db diff --format=json
  rec c "$strata" --sysroot="$sys" db diff 1 0
  rec d "$strata" db diff --repo="$work/plain" p1 p2
  rec h env STRATA_CDS=0 "$strata" --sysroot="$sys" db diff
  rec e tools_diff "$sys/ostree/repo" "$c1" "$c2"
  rec f "$strata" --version
  rec g "${java_cmd[@]}"
done
row() { echo "| $1 | $(echo "${T[$2]}" | median) | $(echo "${C[$2]}" | median) |"; }
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
echo "| what (3,000 packages, $runs runs) | median wall s | median cpu s (user+sys) |"
echo "|---|---|---|"
row "strata db diff (default: rollback -> default deployment, block)" a
row "strata db diff --format=json" b
row "strata db diff 1 0 (deployment indexes)" c
row "strata db diff of plain ostree commits (dpkg status read from the trees)" d
row "strata db diff without the class data archive (STRATA_CDS=0)" h
row "anchor: ostree cat x2 + dpkg-query x2 + comm" e
row "floor: strata --version (JVM start, picocli)" f
row "floor: java -version" g
