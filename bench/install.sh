#!/usr/bin/env bash
# Layering strace (+ libunwind8) on the Debian bookworm minbase, packages already cached, up to the
# new deployment for next boot: `strata install strace` vs the same job by hand with the anchors
# (ostree checkout by hardlinks, dpkg -i in bubblewrap, ostree commit --link-checkout-speedup,
# ostree admin deploy), on the same sysroot and repository, alternating, RUNS runs each (default 3).
# The packages come from a local signed file: mirror (apt's own InRelease and Packages plus the
# .debs apt-get download fetched). Prints per-run times, medians and the ratio.
# Needs: a built Strata (./strata builds it), ostree, bwrap, dpkg, and the test cache
# (STRATA_TEST_CACHE, default ~/.cache/strata-tests: minbase-bookworm, index-bookworm, debs/);
# run the layering tests once (or DebianArchive) to fill it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
cache="${STRATA_TEST_CACHE:-$HOME/.cache/strata-tests}"
minbase="$cache/minbase-bookworm"
index="$cache/index-bookworm"
for need in "$minbase/usr" "$index/dists/bookworm/InRelease"; do
  [ -e "$need" ] || { echo "missing $need: run the layering tests once to fill the cache" >&2; exit 1; }
done
debs=()
for p in strace libunwind8; do
  f=$(ls "$cache"/debs/${p}_*.deb 2>/dev/null | head -1)
  [ -n "$f" ] || { (cd "$cache/debs" && apt-get download -q "$p" >/dev/null); f=$(ls "$cache"/debs/${p}_*.deb | head -1); }
  debs+=("$f")
done
work="$(mktemp -d /var/tmp/strata-bench-install.XXXXXX)"
cleanup() {
  find "$work" -maxdepth 6 -type d -regextype posix-extended -regex '.*/[0-9a-f]{64}\.[0-9]+' -exec chattr -i {} + 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
strata="$here/strata"
"$strata" --version >/dev/null   # builds the jar if needed

# the mirror: apt's signed index, the .debs at their pool paths
mirror="$work/mirror"
mkdir -p "$mirror/dists/bookworm/main/binary-amd64"
cp "$index/dists/bookworm/InRelease" "$mirror/dists/bookworm/"
ln "$index/dists/bookworm/main/binary-amd64/Packages" "$mirror/dists/bookworm/main/binary-amd64/Packages" 2>/dev/null \
  || cp "$index/dists/bookworm/main/binary-amd64/Packages" "$mirror/dists/bookworm/main/binary-amd64/Packages"
for f in "${debs[@]}"; do
  name=$(dpkg-deb -f "$f" Package)
  rel=$(awk -v p="$name" '/^Package: /{cur=$2} /^Filename: /{ if (cur==p) {print $2; exit} }' "$mirror/dists/bookworm/main/binary-amd64/Packages")
  mkdir -p "$mirror/$(dirname "$rel")"
  cp "$f" "$mirror/$rel"
done

cp -a "$minbase" "$work/tree"
mkdir -p "$work/tree/usr/lib/modules/6.1.0-bench"
printf 'STAND-IN KERNEL\n' > "$work/tree/usr/lib/modules/6.1.0-bench/vmlinuz"
printf 'STAND-IN INITRAMFS\n' > "$work/tree/usr/lib/modules/6.1.0-bench/initramfs.img"
rm -f "$work/tree/etc/apt/sources.list"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] file://$mirror bookworm main" \
  > "$work/tree/etc/apt/sources.list.d/local.list"

sys="$work/sys"
repo="$sys/ostree/repo"
"$strata" admin init-fs "$sys"
"$strata" --sysroot="$sys" admin os-init debian >/dev/null
"$strata" compose import --repo="$repo" -b debian/bookworm --version=12 "$work/tree" >/dev/null 2>&1
"$strata" --sysroot="$sys" admin deploy --os=debian debian/bookworm >/dev/null 2>&1
base=$(ostree rev-parse --repo="$repo" debian/bookworm)
# warm the caches (parsed metadata, package cache commits), as "packages already cached"
"$strata" --sysroot="$sys" install strace >/dev/null 2>&1
"$strata" --sysroot="$sys" uninstall strace >/dev/null 2>&1
mkdir -p "$work/debs"; cp "${debs[@]}" "$work/debs/"

manual() {
  local co="$repo/tmp/bench-co"
  rm -rf "$co"
  ostree checkout --repo="$repo" "$base" "$co"
  mkdir -p "$co/var/lib" "$co/var/log" "$co/etc"
  ln -s ../../usr/share/dpkg/database "$co/var/lib/dpkg"
  bwrap --bind "$co" / --bind "$co/usr/etc" /etc --proc /proc --dev /dev --tmpfs /tmp --tmpfs /run \
    --ro-bind "$work/debs" /debs --unshare-net --unshare-pid --unshare-ipc --unshare-uts --die-with-parent \
    --clearenv --setenv PATH /usr/sbin:/usr/bin:/sbin:/bin \
    dpkg -i "/debs/$(basename "${debs[1]}")" "/debs/$(basename "${debs[0]}")" >/dev/null
  rm "$co/var/lib/dpkg"; rmdir "$co/etc"
  ostree commit --repo="$repo" -b bench/manual --link-checkout-speedup --tree=dir="$co" >/dev/null
  ostree admin deploy --sysroot="$sys" --os=debian bench/manual >/dev/null
  rm -rf "$co"
}

now() { date +%s.%N; }
declare -a ts tm
for i in $(seq 1 "$runs"); do
  sync
  a=$(now); STRATA_TIMING=1 "$strata" --sysroot="$sys" install strace >/dev/null 2>"$work/strata.log"; b=$(now)
  grep -E "^timing|plan cache" "$work/strata.log" | tr '\n' ' ' >&2 || true; echo >&2
  ts+=("$(echo "$b - $a" | bc)")
  "$strata" --sysroot="$sys" uninstall strace >/dev/null 2>&1
  sync
  a=$(now); manual; b=$(now)
  tm+=("$(echo "$b - $a" | bc)")
  ostree admin undeploy --sysroot="$sys" 0 >/dev/null
  echo "run $i: strata ${ts[-1]} s, manual ${tm[-1]} s" >&2
done
ostree fsck --repo="$repo" >/dev/null

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
ms=$(median "${ts[@]}")
mm=$(median "${tm[@]}")
ratio=$(echo "scale=2; $ms / $mm" | bc)
echo "install strace ($runs runs each): strata median ${ms} s, manual pipeline median ${mm} s, ratio ${ratio}x"
