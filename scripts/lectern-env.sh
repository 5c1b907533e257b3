#!/usr/bin/env bash
# Lectern set-up: makes sure the build stack (Qt 6.8, KF6 KSyntaxHighlighting, Catch2 3,
# SQLite/FTS5, GCC 14, clang, Google Benchmark) is present, then runs one command with it.
#
#   scripts/lectern-env.sh run        set up, build, start the app
#   scripts/lectern-env.sh test       set up, build, run every test (ctest)
#   scripts/lectern-env.sh build      set up and build
#   scripts/lectern-env.sh exec CMD   set up, then run CMD in the build environment
#
# On a host whose apt offers the stack (Debian 13, Ubuntu 24.04+) the packages are installed
# natively. Otherwise (Debian 12) a Debian 13 build root is created once in
# $LECTERN_BUILDROOT (default /var/cache/lectern/debian13) and every command runs inside it
# through `unshare --mount` + `chroot`, with the tree, ../shared, /proc, /dev and the X11
# socket bind-mounted at the same paths, so no mount outlives the command.
set -euo pipefail

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$(cd "$TREE/.." && pwd)/shared
BUILDROOT=${LECTERN_BUILDROOT:-/var/cache/lectern/debian13}
BUILD_DIR=${LECTERN_BUILD_DIR:-$TREE/build}
JOBS=${LECTERN_JOBS:-2}

# Everything the project needs, all from Debian 13 packages. Changing this list recreates
# the build root.
PACKAGES=(
  g++ cmake ninja-build pkgconf git ca-certificates
  qt6-base-dev qt6-svg-dev qt6-qpa-plugins libqt6sql6-sqlite libqt6svg6
  libkf6syntaxhighlighting-dev
  catch2 libbenchmark-dev libsqlite3-dev sqlite3
  clang libclang-rt-19-dev clang-format
  xvfb xauth fonts-dejavu-core fonts-noto-cjk fonts-stix
  liblinear-dev desktop-file-utils appstream ccache
)

step() { printf '\n==> [lectern-env] %s\n' "$*" >&2; }
fail() { printf '[lectern-env] FAILED at step: %s\n' "$*" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || fail "need root or sudo to install packages"
  SUDO=(sudo)
fi

pkg_hash() { printf '%s\n' "${PACKAGES[@]}" | sha256sum | cut -c1-16; }

host_has_stack() {
  # The stack is native when apt can install KF6 KSyntaxHighlighting and Qt >= 6.5.
  command -v apt-cache >/dev/null || return 1
  local cand
  cand=$(apt-cache policy libkf6syntaxhighlighting-dev 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ -n "$cand" ] && [ "$cand" != "(none)" ]
}

setup_native() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    step "installing ${#missing[@]} missing packages natively: ${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
      || fail "apt-get install (native)"
  else
    step "all ${#PACKAGES[@]} packages already installed natively"
  fi
}

setup_buildroot() {
  local want stamp
  want=$(pkg_hash)
  stamp="$BUILDROOT/.lectern-packages"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    step "reusing Debian 13 build root $BUILDROOT"
    return
  fi
  if ! command -v debootstrap >/dev/null; then
    step "installing debootstrap on the host"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap || fail "install debootstrap"
  fi
  local tmp="$BUILDROOT.new"
  step "creating Debian 13 build root in $tmp (debootstrap minbase trixie; a few minutes)"
  "${SUDO[@]}" rm -rf "$tmp"
  "${SUDO[@]}" mkdir -p "$(dirname "$BUILDROOT")"
  "${SUDO[@]}" debootstrap --variant=minbase trixie "$tmp" || fail "debootstrap trixie into $tmp"
  "${SUDO[@]}" cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
  step "installing ${#PACKAGES[@]} packages in the build root"
  "${SUDO[@]}" unshare --mount --propagation private sh -c '
      mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" &&
      chroot "$1" sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $2 && apt-get clean"' \
      sh "$tmp" "${PACKAGES[*]}" || fail "apt-get install inside the build root"
  echo "$want" | "${SUDO[@]}" tee "$tmp/.lectern-packages" >/dev/null
  "${SUDO[@]}" rm -rf "$BUILDROOT"
  "${SUDO[@]}" mv "$tmp" "$BUILDROOT"
}

# The X server's cookie, so the app inside the build root may connect to the display.
if [ -n "${DISPLAY:-}" ] && [ -z "${XAUTHORITY:-}" ] && [ -f "${HOME:-/nonexistent}/.Xauthority" ]; then
  export XAUTHORITY="$HOME/.Xauthority"
fi

MODE=native
setup() {
  if [ "${LECTERN_FORCE_BUILDROOT:-0}" != 1 ] && host_has_stack; then
    MODE=native; setup_native
  else
    MODE=buildroot; setup_buildroot
  fi
}

# Runs "$@" (a shell command line) in the build environment, in the tree.
in_env() {
  local cmd="$*"
  if [ "$MODE" = native ]; then
    (cd "$TREE" && bash -c "$cmd")
    return
  fi
  local binds=("$TREE")
  [ -d "$SHARED" ] && binds+=("$SHARED")
  [ "$BUILD_DIR" != "${BUILD_DIR#"$TREE"}" ] || binds+=("$BUILD_DIR")
  local x11=0
  [ -d /tmp/.X11-unix ] && x11=1
  local user_spec=""
  [ "$(id -u)" -ne 0 ] && user_spec="--userspec=$(id -u):$(id -g)"
  mkdir -p "$BUILD_DIR"
  "${SUDO[@]}" unshare --mount --propagation private bash -c '
    set -e
    root=$1; x11=$2; userspec=$3; cmd=$4; tree=$5; shift 5
    for d in "$@"; do mkdir -p "$root$d"; mount --rbind "$d" "$root$d"; done
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    if [ "$x11" = 1 ]; then mkdir -p "$root/tmp/.X11-unix"; mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"; fi
    if [ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ]; then
      mkdir -p "$root$(dirname "$XAUTHORITY")"; touch "$root$XAUTHORITY"; mount --bind "$XAUTHORITY" "$root$XAUTHORITY"
    fi
    # A clean environment; the host variables that matter pass only when set (an empty
    # QT_QPA_PLATFORM would override the platform Qt picks by itself).
    vars=(PATH=/usr/local/bin:/usr/bin:/bin HOME=/tmp LANG=C.UTF-8)
    # Compiler cache inside the root (kept with it; shared by every checkout of the tree).
    if [ -z "$userspec" ]; then vars+=(CCACHE_DIR=/var/cache/ccache CCACHE_BASEDIR="$(dirname "$tree")"); else vars+=(CCACHE_DISABLE=1); fi
    for v in DISPLAY WAYLAND_DISPLAY XAUTHORITY QT_QPA_PLATFORM CI LECTERN_DB; do
      if [ -n "${!v:-}" ]; then vars+=("$v=${!v}"); fi
    done
    exec chroot $userspec "$root" env -i "${vars[@]}" bash -c "cd \"$tree\" && $cmd"
  ' bash "$BUILDROOT" "$x11" "$user_spec" "$cmd" "$TREE" "${binds[@]}" \
    || return $?
}

# configure_and_build [TARGET...]: all targets when none is named.
configure_and_build() {
  local targets=""
  [ $# -gt 0 ] && targets="--target $*"
  step "configuring and building ${*:-everything} in $BUILD_DIR (Ninja, -j$JOBS)"
  in_env "cmake -S '$TREE' -B '$BUILD_DIR' -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLECTERN_WERROR=ON -DLECTERN_BENCH=ON >/dev/null && cmake --build '$BUILD_DIR' -j$JOBS $targets" \
    || fail "build"
}

cmd=${1:-}
[ -n "$cmd" ] && shift
case "$cmd" in
  run)
    setup; configure_and_build lectern lectern-cli
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "No display (neither DISPLAY nor WAYLAND_DISPLAY is set): built $BUILD_DIR/app/lectern; start it with: $0 exec xvfb-run -a build/app/lectern" >&2
      exit 0
    fi
    step "starting Lectern"
    in_env "'$BUILD_DIR/app/lectern' $(printf "'%s' " "$@")" || fail "lectern exited with an error"
    ;;
  test)
    setup; configure_and_build
    step "running the test suite (ctest)"
    in_env "QT_QPA_PLATFORM=offscreen ctest --test-dir '$BUILD_DIR' --output-on-failure -j$JOBS" || fail "tests"
    ;;
  build) setup; configure_and_build ;;
  setup) setup ;;
  exec) setup; in_env "$*" ;;
  *) echo "usage: $0 run [FILES...] | test | build | setup | exec CMD..." >&2; exit 2 ;;
esac
