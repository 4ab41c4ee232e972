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
# The jar is run as the launcher runs it (same JVM options and class-data archive), without the
# launcher's staleness check.
(cd "$here" && mvn -B -q -o -DskipTests package -pl cli -am >&2 || mvn -B -q -DskipTests package -pl cli -am >&2)
strata_jar="$here/cli/target/strata-cli.jar"
"$here/strata" --version >/dev/null   # the launcher's class-data archive, made once per build
cds=()
[ -z "${STRATA_JAVA_OPTS:-}" ] && [ -f "$here/cli/target/strata.jsa" ] &&
  cds=(-XX:SharedArchiveFile="$here/cli/target/strata.jsa" -Xlog:disable -Xlog:all=warning:stderr)
strata() { java ${STRATA_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto} "${cds[@]}" -jar "$strata_jar" "$@"; }

if [ ! -d "$minbase/usr" ]; then
  mirror="$(apt-get indextargets --format '$(URI)' 'Created-By: Packages' 2>/dev/null | head -1 | sed 's#/dists/.*##')"
  echo "making a minbase with debootstrap from $mirror" >&2
  debootstrap --variant=minbase bookworm "$work/minbase" "$mirror" >/dev/null
  minbase="$work/minbase"
fi

cp -a "$minbase" "$work/tree"
mkdir -p "$work/tree/usr/lib/modules/6.1.0-bench"
printf 'STAND-IN KERNEL\n' > "$work/tree/usr/lib/modules/6.1.0-bench/vmlinuz"
printf 'STAND-IN INITRAMFS\n' > "$work/tree/usr/lib/modules/6.1.0-bench/initramfs.img"

load0="$(cut -d' ' -f1-3 /proc/loadavg)"
sys="$work/sys"
strata admin init-fs "$sys"
strata --sysroot="$sys" admin os-init debian >/dev/null
strata compose import --repo="$sys/ostree/repo" -b debian/bookworm --version=12 "$work/tree" >/dev/null 2>&1
ostree fsck --repo="$sys/ostree/repo" >/dev/null
# two deployments first, so every timed run also removes one
ostree admin deploy --sysroot="$sys" --os=debian --karg=root=LABEL=root --karg=rw debian/bookworm >/dev/null
strata --sysroot="$sys" admin deploy --os=debian debian/bookworm >/dev/null 2>&1

# wall and CPU (user+sys) seconds of one command, from GNU time
timed() { /usr/bin/time -o "$work/time" -f '%e %U %S' "$@" >/dev/null 2>&1; awk '{printf "%s %.2f\n", $1, $2+$3}' "$work/time"; }
declare -a ts to cs co
for i in $(seq 1 "$runs"); do
  sync
  read -r w c < <(timed java ${STRATA_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto} \
      -jar "$strata_jar" --sysroot="$sys" admin deploy --os=debian debian/bookworm)
  ts+=("$w"); cs+=("$c")
  sync
  read -r w c < <(timed ostree admin deploy --sysroot="$sys" --os=debian debian/bookworm)
  to+=("$w"); co+=("$c")
  echo "run $i: strata ${ts[-1]} s (cpu ${cs[-1]} s), ostree ${to[-1]} s (cpu ${co[-1]} s)" >&2
done
ostree admin status --sysroot="$sys" >/dev/null

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
ms=$(median "${ts[@]}")
mo=$(median "${to[@]}")
ratio=$(echo "scale=2; $ms / $mo" | bc)
mcs=$(median "${cs[@]}")
mco=$(median "${co[@]}")
cratio=$(echo "scale=2; $mcs / $mco" | bc)
echo "load average before: $load0"
echo "deploy minbase ($runs runs each): wall strata median ${ms} s, ostree median ${mo} s, ratio ${ratio}x"
echo "deploy minbase ($runs runs each): cpu  strata median ${mcs} s, ostree median ${mco} s, ratio ${cratio}x"
