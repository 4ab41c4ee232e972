#!/usr/bin/env bash
# Depsolver benchmark (issue 5): Strata vs libsolv's testsolv vs apt-get --simulate on the full
# bookworm main index and a debootstrap bookworm minbase, for strace, gnome-core and
# task-gnome-desktop, without recommends.
#
#   Strata cold: no metadata cache (verifies InRelease, hashes and indexes the 50 MB Packages text,
#                writes the cache image, solves)
#   Strata warm: from Strata's cache image (memory-mapped and CRC-checked; InRelease still read and
#                hashed, its earlier verification reused)
#   testsolv:    .solv files made by deb2solv beforehand; the time includes loading them
#   apt cold:    apt-get --simulate in a chroot with its pkgcache removed first (parses the lists)
#   apt warm:    apt-get --simulate with its pkgcache present
# Strata runs with -Xmx512m. Prints a Markdown table of medians (wall and user+sys CPU seconds).
#
# Needs the test caches (run the depsolver tests once) and root (chroot).
# Usage: bench/solve.sh [RUNS]   (default 3)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
cache="${STRATA_TEST_CACHE:-$HOME/.cache/strata-tests}"
minbase="$cache/minbase-bookworm"
index="$cache/index-bookworm"
[ -d "$minbase" ] && [ -d "$index" ] || {
  echo "error: $minbase or $index missing; run 'mvn -pl depsolver -am verify' once to build them" >&2
  exit 1
}
for t in testsolv deb2solv apt-get chroot java; do command -v "$t" >/dev/null || {
  echo "error: $t is not installed" >&2; exit 1; }; done

work="$(mktemp -d /tmp/strata-bench-solve.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "setting up in $work" >&2
cp -a "$minbase" "$work/tree"
mkdir -p "$work/mirror"
cp -r "$index/dists" "$work/mirror/"
mkdir -p "$work/tree$work"
cp -r "$work/mirror" "$work/tree$work/mirror"
rm -f "$work/tree/etc/apt/sources.list"
printf 'Types: deb\nURIs: file:%s\nSuites: bookworm\nComponents: main\nSigned-By: %s\n' \
  "$work/mirror" /usr/share/keyrings/debian-archive-keyring.gpg > "$work/tree/etc/apt/sources.list.d/mirror.sources"
lists="$work/tree/var/lib/apt/lists"
find "$lists" -maxdepth 1 -type f -name '*_dists_*' -delete
prefix="$(echo "$work/mirror" | tr / _)_dists_bookworm_"
cp "$work/mirror/dists/bookworm/InRelease" "$lists/${prefix}InRelease"
cp "$work/mirror/dists/bookworm/main/binary-amd64/Packages" "$lists/${prefix}main_binary-amd64_Packages"

(cd "$here" && mvn -B -q -o -Dstyle.color=never -DskipTests package -pl cli -am >&2)
cp_jars="$here/cli/target/strata-cli.jar"
"$here/strata" --version >/dev/null   # the launcher's class-data archive, made once per build
# the launcher's JVM options (and its class-data archive), plus the heap limit under test
java_opts=(-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)
[ -f "$here/cli/target/strata.jsa" ] && java_opts+=(-XX:SharedArchiveFile="$here/cli/target/strata.jsa" -Xlog:disable -Xlog:all=warning:stderr)

deb2solv -r < "$work/mirror/dists/bookworm/main/binary-amd64/Packages" > "$work/main.solv"
deb2solv -r < "$work/tree/var/lib/dpkg/status" > "$work/installed.solv"

# time_cmd LABEL CMD... : appends "LABEL wall cpu" to $work/times
time_cmd() {
  local label="$1"; shift
  /usr/bin/time -f '%e %U %S' "$@" >/dev/null 2>"$work/err" || true
  local last; last="$(tail -1 "$work/err")"
  read -r wall user sys <<<"$last"
  echo "$label $wall $(echo "$user + $sys" | bc)" >> "$work/times"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for pkg in strace gnome-core task-gnome-desktop; do
  cat > "$work/$pkg.t" <<EOT
repo system 0 solv installed.solv
repo bookworm 0 solv main.solv
system amd64 deb system
solverflags ignorerecommended
job install name $pkg
result transaction,problems <inline>
EOT
  n_strata=$(java "${java_opts[@]}" -jar "$cp_jars" install --dry-run --json --root="$work/tree" \
    --cache-dir="$work/cache-count" "$pkg" | grep -c '"name"')
  n_solv=$( (cd "$work" && testsolv -r "$pkg.t") | grep -c '^install ' || true)
  n_apt=$(chroot "$work/tree" apt-get --simulate --no-install-recommends -o Debug::NoLocking=1 install "$pkg" | grep -c '^Inst ' || true)
  echo "$pkg packages strata=$n_strata testsolv=$n_solv apt=$n_apt" >> "$work/counts"
  for i in $(seq "$runs"); do
    echo "run $i: $pkg" >&2
    rm -rf "$work/cache"
    time_cmd "$pkg strata-cold" java "${java_opts[@]}" -jar "$cp_jars" install --dry-run \
      --root="$work/tree" --cache-dir="$work/cache" "$pkg"
    time_cmd "$pkg strata-warm" java "${java_opts[@]}" -jar "$cp_jars" install --dry-run \
      --root="$work/tree" --cache-dir="$work/cache" "$pkg"
    time_cmd "$pkg testsolv" sh -c "cd '$work' && testsolv -r '$pkg.t'"
    rm -f "$work/tree/var/cache/apt/"*.bin
    time_cmd "$pkg apt-cold" chroot "$work/tree" apt-get --simulate --no-install-recommends \
      -o Debug::NoLocking=1 -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= install "$pkg"
    time_cmd "$pkg apt-warm" chroot "$work/tree" apt-get --simulate --no-install-recommends \
      -o Debug::NoLocking=1 install "$pkg"
  done
done
# heap: one warm and one cold run of the largest request under -Xmx512m with GC logging
rm -rf "$work/cache"
java "${java_opts[@]}" -Xlog:gc:file="$work/gc.log" -jar "$cp_jars" install --dry-run \
  --root="$work/tree" --cache-dir="$work/cache" task-gnome-desktop >/dev/null
peak=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -1)

echo
echo "| request | Strata cold | Strata warm | testsolv | apt cold | apt warm | cold/apt cold | warm/testsolv |"
echo "|---|---|---|---|---|---|---|---|"
for pkg in strace gnome-core task-gnome-desktop; do
  row="| $pkg"
  declare -A w c
  for tool in strata-cold strata-warm testsolv apt-cold apt-warm; do
    w[$tool]=$(grep "^$pkg $tool " "$work/times" | awk '{print $3}' | median)
    c[$tool]=$(grep "^$pkg $tool " "$work/times" | awk '{print $4}' | median)
    row="$row | ${w[$tool]} s (cpu ${c[$tool]})"
  done
  r1=$(echo "scale=2; ${w[strata-cold]} / ${w[apt-cold]}" | bc)
  r2=$(echo "scale=2; ${w[strata-warm]} / ${w[testsolv]}" | bc)
  r1c=$(echo "scale=2; ${c[strata-cold]} / ${c[apt-cold]}" | bc)
  r2c=$(echo "scale=2; ${c[strata-warm]} / ${c[testsolv]}" | bc)
  echo "$row | $r1 (cpu $r1c) | $r2 (cpu $r2c) |"
done
echo
cat "$work/counts"
echo "peak Java heap before a GC, task-gnome-desktop cold run, -Xmx512m: ${peak:-no GC happened} MB"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
