#!/usr/bin/env bash
# Deploying the Debian bookworm minbase commit: `strata admin deploy` vs `ostree admin deploy`,
# side by side on the same sysroot and repository, alternating, RUNS runs each (default 5).
# Each run checks out the commit, merges /etc, writes the boot entries and garbage-collects the
# oldest deployment, for both tools alike. Prints per-run times, medians and the ratio.
# Needs: a built Strata (./strata builds it), ostree, a debootstrap minbase (the test cache, or
# MINBASE=DIR; made with debootstrap if missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
minbase="${MINBASE:-${STRATA_TEST_CACHE:-$HOME/.cache/strata-tests}/minbase-bookworm}"
work="$(mktemp -d /var/tmp/strata-bench-deploy.XXXXXX)"
cleanup() {
  find "$work" -maxdepth 6 -type d -regextype posix-extended -regex '.*/[0-9a-f]{64}\.[0-9]+' -exec chattr -i {} + 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
strata="$here/strata"

if [ ! -d "$minbase/usr" ]; then
  mirror="$(apt-get indextargets --format '$(URI)' 'Created-By: Packages' 2>/dev/null | head -1 | sed 's#/dists/.*##')"
  echo "making a minbase with debootstrap from $mirror" >&2
  debootstrap --variant=minbase bookworm "$work/minbase" "$mirror" >/dev/null
  minbase="$work/minbase"
fi

"$strata" --version >/dev/null   # builds the jar if needed
cp -a "$minbase" "$work/tree"
mkdir -p "$work/tree/usr/lib/modules/6.1.0-bench"
printf 'STAND-IN KERNEL\n' > "$work/tree/usr/lib/modules/6.1.0-bench/vmlinuz"
printf 'STAND-IN INITRAMFS\n' > "$work/tree/usr/lib/modules/6.1.0-bench/initramfs.img"

sys="$work/sys"
"$strata" admin init-fs "$sys"
"$strata" --sysroot="$sys" admin os-init debian >/dev/null
"$strata" compose import --repo="$sys/ostree/repo" -b debian/bookworm --version=12 "$work/tree" >/dev/null 2>&1
ostree fsck --repo="$sys/ostree/repo" >/dev/null
# two deployments first, so every timed run also removes one
ostree admin deploy --sysroot="$sys" --os=debian --karg=root=LABEL=root --karg=rw debian/bookworm >/dev/null
"$strata" --sysroot="$sys" admin deploy --os=debian debian/bookworm >/dev/null 2>&1

now() { date +%s.%N; }
declare -a ts to
for i in $(seq 1 "$runs"); do
  sync
  a=$(now); "$strata" --sysroot="$sys" admin deploy --os=debian debian/bookworm >/dev/null 2>&1; b=$(now)
  ts+=("$(echo "$b - $a" | bc)")
  sync
  a=$(now); ostree admin deploy --sysroot="$sys" --os=debian debian/bookworm >/dev/null 2>&1; b=$(now)
  to+=("$(echo "$b - $a" | bc)")
  echo "run $i: strata ${ts[-1]} s, ostree ${to[-1]} s" >&2
done
ostree admin status --sysroot="$sys" >/dev/null

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
ms=$(median "${ts[@]}")
mo=$(median "${to[@]}")
ratio=$(echo "scale=2; $ms / $mo" | bc)
echo "deploy minbase ($runs runs each): strata median ${ms} s, ostree median ${mo} s, ratio ${ratio}x"
