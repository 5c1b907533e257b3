#!/usr/bin/env bash
# Packaging test: builds the Debian package (CPack DEB) in the build environment, installs it
# with `apt-get install ./lectern_VERSION_ARCH.deb` into a throwaway minimal Debian 13 root and
# runs the installed programs there:
#
#   scripts/package-test.sh [--root-only | --gui]   (also: scripts/lectern-env.sh package-test)
#
# The minimal root (debootstrap --variant=minbase trixie) is made once and cached in
# $LECTERN_PKGTEST_ROOT (default /var/cache/lectern/debian13-pkgtest, marked .lectern-pkgtest);
# it is never the build root. Each run installs into a fresh overlay on top of it (upper layer
# in a temporary folder, dropped afterwards), so installs never accumulate; downloaded
# packages are kept in $LECTERN_PKGTEST_ROOT-archives to make later runs fast. Needs root or
# sudo (debootstrap, chroot, mounts) and the network (apt). --root-only makes the cached root
# and stops. --gui (with DISPLAY=:N, a local X server such as Xvfb) also tries the package as
# a user would: installs gio and D-Bus there, double-clicks the sample digest
# (`gio open` in a D-Bus session) and waits for the Lectern window on that display.
# Prints every step's output and the time taken.
set -euo pipefail

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$(cd "$TREE/.." && pwd)/shared
ENV_SH=$TREE/scripts/lectern-env.sh
BUILD_DIR=${LECTERN_BUILD_DIR:-$TREE/build}
PKGROOT=${LECTERN_PKGTEST_ROOT:-/var/cache/lectern/debian13-pkgtest}
PKGROOT=${PKGROOT%/}
ARCHIVES=$PKGROOT-archives
BUILDROOT=${LECTERN_BUILDROOT:-/var/cache/lectern/debian13}
START=$SECONDS

step() { printf '\n==> [package-test] %s (%ds)\n' "$*" $((SECONDS - START)) >&2; }
fail() { printf '[package-test] FAILED: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    command -v sudo >/dev/null || fail "need root or sudo (debootstrap, chroot, mounts)"
    sudo "$@"
  fi
}

case $PKGROOT in
  /?*) ;;
  *) fail "LECTERN_PKGTEST_ROOT must be an absolute path other than /" ;;
esac
[ "$PKGROOT" != "${BUILDROOT%/}" ] || fail "LECTERN_PKGTEST_ROOT must not be the build root $BUILDROOT"

# Makes the cached minimal root once. A folder there without our marker is refused.
ensure_root() {
  if [ -f "$PKGROOT/.lectern-pkgtest" ]; then
    step "reusing the package-test root $PKGROOT"
    return
  fi
  [ ! -e "$PKGROOT" ] || fail "$PKGROOT exists and is not a Lectern package-test root (no .lectern-pkgtest); remove it yourself or set LECTERN_PKGTEST_ROOT"
  local tmp=$PKGROOT.new
  if [ -e "$tmp" ] && [ ! -f "$tmp/.lectern-pkgtest" ]; then
    fail "$tmp exists and is not a Lectern package-test root; refusing to delete it"
  fi
  command -v debootstrap >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap
  step "creating the package-test root in $tmp (debootstrap --variant=minbase trixie)"
  as_root rm -rf "$tmp"
  as_root mkdir -p "$tmp"
  echo "Lectern package-test root" | as_root tee "$tmp/.lectern-pkgtest" >/dev/null
  as_root debootstrap --variant=minbase trixie "$tmp" >"${TMPDIR:-/tmp}/lectern-pkgtest-debootstrap.log" 2>&1 \
    || fail "debootstrap trixie into $tmp (log: ${TMPDIR:-/tmp}/lectern-pkgtest-debootstrap.log)"
  as_root cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
  as_root rm -f "$tmp/var/cache/apt/archives/"*.deb
  as_root mv "$tmp" "$PKGROOT"
}

# Builds the programs and the .deb in the build environment; sets DEB.
build_deb() {
  step "building lectern, lectern-cli and the .deb (cpack -G DEB) in $BUILD_DIR"
  "$ENV_SH" build lectern lectern-cli lectern_icons >/dev/null 2>"${TMPDIR:-/tmp}/lectern-pkgtest-build.log" \
    || fail "build (log: ${TMPDIR:-/tmp}/lectern-pkgtest-build.log)"
  rm -f "$BUILD_DIR"/package/lectern_*.deb
  "$ENV_SH" exec cpack --config "$BUILD_DIR/CPackConfig.cmake" -G DEB -B "$BUILD_DIR/package" 2>&1 \
    | grep -v '^$' >&2 || fail "cpack"
  local debs=("$BUILD_DIR"/package/lectern_*.deb)
  [ -f "${debs[0]}" ] || fail "cpack made no lectern_*.deb in $BUILD_DIR/package"
  DEB=${debs[0]}
  step "built $(basename "$DEB"): $(du -h "$DEB" | cut -f1)"
  "$ENV_SH" exec dpkg-deb --field "$DEB" Package Version Architecture Depends Section Maintainer 2>/dev/null
}

# The commands run inside the fresh root, as root there (the package's own test).
# shellcheck disable=SC2016 # expanded by the shell inside the root
INSIDE='
set -e
deb=$1 seed=$2
export DEBIAN_FRONTEND=noninteractive
echo "--- apt-get update"
apt-get update -q >/tmp/apt-update.log 2>&1 || { cat /tmp/apt-update.log; exit 1; }
echo "--- apt-get install $deb"
apt-get install -y -q --no-install-recommends "$deb" 2>&1 | tail -n 3
echo "--- dpkg -L lectern"
dpkg -L lectern | grep -E "/bin/.|\.(desktop|xml|svg|md)\$|256x256/apps/."
echo "--- lectern-cli --version"
lectern-cli --version
if [ -n "$seed" ]; then
  echo "--- lectern-cli parse $seed (summary)"
  lectern-cli parse "$seed" | head -c 600; echo
  echo "--- lectern-cli import + list (library in /tmp)"
  lectern-cli import --create --db /tmp/lib.sqlite "$seed"
  lectern-cli list --db /tmp/lib.sqlite | head -n 3
fi
echo "--- QT_QPA_PLATFORM=offscreen lectern --version"
QT_QPA_PLATFORM=offscreen lectern --version
if [ -n "$3" ]; then
  echo "--- the desktop: apt-get install libglib2.0-bin dbus-daemon xdotool shared-mime-info desktop-file-utils (what a desktop has)"
  apt-get install -y -q --no-install-recommends libglib2.0-bin dbus-daemon dbus-bin xdotool shared-mime-info desktop-file-utils 2>&1 | tail -n 1
  echo "--- gio mime text/markdown; DISPLAY=$3 gio open /usr/share/lectern/sample-digest.md"
  DISPLAY=$3 HOME=/root dbus-run-session -- sh -c "
    gio mime text/markdown | head -n 1
    gio open /usr/share/lectern/sample-digest.md || exit 1
    for i in \$(seq 60); do
      w=\$(xdotool search --name ^Lectern 2>/dev/null | head -n 1); [ -n \"\$w\" ] && break; sleep 0.5
    done
    [ -n \"\$w\" ] || { echo no Lectern window; exit 1; }
    sleep 3; echo window: \$(xdotool getwindowname \$w)
    kill \$(xdotool getwindowpid \$w)"
fi
echo "--- all passed"
'

run_in_overlay() {
  local work seed_arg=""
  work=$(mktemp -d "${TMPDIR:-/tmp}/lectern-pkgtest.XXXXXX")
  mkdir -p "$work/upper" "$work/work" "$work/merged" "$work/upper/tmp"
  as_root mkdir -p "$ARCHIVES/partial"
  cp "$DEB" "$work/upper/tmp/"
  if [ -d "$SHARED/seeds" ]; then
    local seed
    seed=$(find "$SHARED/seeds" -maxdepth 1 -type f | sort | head -n 1)
    if [ -n "$seed" ]; then
      cp "$seed" "$work/upper/tmp/seed.md"
      seed_arg=/tmp/seed.md
      step "seed for parse: $seed"
    fi
  fi
  local display=""
  if [ "$GUI" = 1 ]; then
    display=${DISPLAY:-}
    if [[ $display != :* ]] || [ ! -d /tmp/.X11-unix ]; then
      fail "--gui needs DISPLAY=:N of a local X server"
    fi
    mkdir -p "$work/upper/tmp/.X11-unix"
  fi
  if [ -z "$seed_arg" ]; then
    echo "[package-test] no seed in $SHARED/seeds: parsing the package's own sample digest instead" >&2
    seed_arg=/usr/share/lectern/sample-digest.md
  fi
  step "installing $(basename "$DEB") into a fresh overlay of $PKGROOT"
  local rc=0
  # shellcheck disable=SC2016 # expanded by the inner shell
  as_root unshare --mount --propagation private sh -c '
      root=$1 work=$2 archives=$3; shift 3
      mount -t overlay overlay -o "lowerdir=$root,upperdir=$work/upper,workdir=$work/work" "$work/merged" &&
      mount -t proc proc "$work/merged/proc" && mount --rbind /dev "$work/merged/dev" &&
      mount --bind "$archives" "$work/merged/var/cache/apt/archives" &&
      { [ -z "$5" ] || mount --bind /tmp/.X11-unix "$work/merged/tmp/.X11-unix"; } &&
      chroot "$work/merged" /bin/sh -c "$@"' sh "$PKGROOT" "$work" "$ARCHIVES" \
    "$INSIDE" sh "/tmp/$(basename "$DEB")" "$seed_arg" "$display" || rc=$?
  as_root rm -rf "$work"
  [ $rc -eq 0 ] || fail "inside the package-test root (exit $rc)"
}

GUI=0
[ "${1:-}" = --gui ] && GUI=1
ensure_root
[ "${1:-}" = --root-only ] && exit 0
build_deb
run_in_overlay
step "package test passed in $((SECONDS - START)) s"
