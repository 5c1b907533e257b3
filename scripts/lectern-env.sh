#!/usr/bin/env bash
# Lectern set-up: makes sure the build stack (Qt 6.8, KF6 KSyntaxHighlighting, Catch2 3,
# SQLite/FTS5, GCC 14, clang, Google Benchmark) is present, then runs one command with it.
#
#   scripts/lectern-env.sh run [FILES...]  set up, build, start the app (with FILES)
#   scripts/lectern-env.sh test            set up, build, run every test (ctest), then the
#                                          script's own tests (tests/script, on the host)
#                                          and, as root, the package test
#   scripts/lectern-env.sh build [TARGETS] set up and build (everything, or the targets)
#   scripts/lectern-env.sh setup           set up only
#   scripts/lectern-env.sh exec CMD ARGS…  set up, then run CMD with ARGS in the tree folder
#                                          (no shell: use `exec bash -c '…'` for a shell line)
#   scripts/lectern-env.sh install         build, then install for you: ~/.local/bin/lectern,
#                                          lectern-cli, the launcher, icon and MIME type
#                                          (scripts/lectern-desktop.sh describes it)
#   scripts/lectern-env.sh uninstall       remove exactly what install wrote
#   scripts/lectern-env.sh package-test    build the .deb and try it in a minimal Debian 13
#                                          root (scripts/package-test.sh)
#
# Commands run as the invoking user (SUDO_USER when started through sudo, else whoever runs
# the script) with that user's real HOME and XDG_* folders, so the app keeps its library and
# settings where it would natively. Arguments are passed as arguments, never through a shell
# command line.
#
# On a host whose apt offers the stack (Debian 13, Ubuntu 24.04+) the packages are installed
# natively. Otherwise (Debian 12) a Debian 13 build root is created once in
# $LECTERN_BUILDROOT (default /var/cache/lectern/debian13; needs root or sudo, only this
# once) and every command runs from it rootless through bubblewrap: the root's /usr, /etc and
# /var read-only, the host's other top-level folders (/home, /root, /tmp, /srv, …, with the
# tree) at the same paths, /var/tmp, the X11/Wayland/D-Bus sockets, XAUTHORITY.
#
# Variables: LECTERN_BUILDROOT, LECTERN_BUILD_DIR (default TREE/build), LECTERN_JOBS (2),
# LECTERN_FORCE_BUILDROOT=1 (make a build root even where the host has the stack; a current
# build root is always used when it exists),
# LECTERN_APP (the program `run` starts; default BUILD_DIR/app/lectern). Passed into the
# environment when set and non-empty: LECTERN_DB, CI, QT_QPA_PLATFORM, DISPLAY,
# WAYLAND_DISPLAY, XAUTHORITY, DBUS_SESSION_BUS_ADDRESS, TERM, XDG_DATA_HOME,
# XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR. The compiler cache is
# ${XDG_CACHE_HOME:-~/.cache}/lectern/ccache of the invoking user.
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
  bibtool dpkg-dev file python3 linux-perf
)

# Top-level folders that come from the build root (or from bubblewrap), never from the host.
SYSTEM_DIRS=" usr etc var bin sbin lib lib32 lib64 libx32 boot proc sys dev run lost+found "
# Variables passed into the environment only when set and non-empty (an empty
# QT_QPA_PLATFORM would override the platform Qt picks by itself).
PASS_VARS=(LECTERN_DB CI QT_QPA_PLATFORM DISPLAY WAYLAND_DISPLAY XAUTHORITY
  DBUS_SESSION_BUS_ADDRESS TERM XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
  LECTERN_ARXIV_API_URL LECTERN_ARXIV_PDF_URL LECTERN_BACKUPS)

step() { printf '\n==> [lectern-env] %s\n' "$*" >&2; }
fail() { printf '[lectern-env] FAILED at step: %s\n' "$*" >&2; exit 1; }

# as_root WHY CMD ARGS...: runs CMD as root (directly, or through sudo).
as_root() {
  local why=$1
  shift
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    command -v sudo >/dev/null || fail "need root or sudo to $why"
    sudo "$@"
  fi
}

pkg_hash() { printf '%s\n' "${PACKAGES[@]}" | sha256sum | cut -c1-16; }

# --- who runs the commands -----------------------------------------------------------------

# Sets RUN_USER, RUN_UID, RUN_GID, RUN_GROUPS (comma-separated), RUN_HOME and DROP (1 when
# the commands must switch from root to RUN_USER).
resolve_user() {
  local me
  me=$(id -u)
  if [ "$me" -eq 0 ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ] \
    && getent passwd "$SUDO_USER" >/dev/null; then
    RUN_USER=$SUDO_USER
    RUN_HOME=$(getent passwd "$SUDO_USER" | cut -d: -f6)
  else
    RUN_USER=$(id -un 2>/dev/null || echo "$me")
    RUN_HOME=${HOME:-}
    [ -n "$RUN_HOME" ] || RUN_HOME=$(getent passwd "$me" | cut -d: -f6)
  fi
  RUN_UID=$(id -u "$RUN_USER" 2>/dev/null || id -u)
  RUN_GID=$(id -g "$RUN_USER" 2>/dev/null || id -g)
  RUN_GROUPS=$( (id -G "$RUN_USER" 2>/dev/null || true) | tr ' ' ,)
  DROP=0
  [ "$RUN_UID" = "$me" ] || DROP=1
}

# The runtime folder of RUN_USER: XDG_RUNTIME_DIR when it is theirs, else /run/user/UID.
runtime_dir() {
  local d=${XDG_RUNTIME_DIR:-}
  if [ -n "$d" ] && [ -d "$d" ] && [ "$(stat -c %u "$d")" = "$RUN_UID" ]; then
    echo "$d"
  elif [ -d "/run/user/$RUN_UID" ]; then
    echo "/run/user/$RUN_UID"
  fi
}

# Fills ENV_VARS (NAME=VALUE...) with the environment of the commands.
build_env() {
  ENV_VARS=(HOME="$RUN_HOME" USER="$RUN_USER" LOGNAME="$RUN_USER")
  local v rt
  for v in "${PASS_VARS[@]}"; do
    if [ -n "${!v:-}" ]; then ENV_VARS+=("$v=${!v}"); fi
  done
  rt=$(runtime_dir)
  if [ -n "$rt" ]; then ENV_VARS+=(XDG_RUNTIME_DIR="$rt"); fi
  # The X server's cookie, so the app may connect to the display.
  if [ -n "${DISPLAY:-}" ] && [ -z "${XAUTHORITY:-}" ] && [ -f "$RUN_HOME/.Xauthority" ]; then
    ENV_VARS+=(XAUTHORITY="$RUN_HOME/.Xauthority")
  fi
  # Compiler cache of the invoking user, shared by every checkout beside this tree.
  ENV_VARS+=(CCACHE_DIR="${XDG_CACHE_HOME:-$RUN_HOME/.cache}/lectern/ccache")
  ENV_VARS+=(CCACHE_BASEDIR="$(dirname "$TREE")")
}

# --- host stack or build root --------------------------------------------------------------

host_has_stack() {
  # The stack is native when apt can install KF6 KSyntaxHighlighting and Qt >= 6.5.
  command -v apt-cache >/dev/null || return 1
  local cand
  cand=$(apt-cache policy libkf6syntaxhighlighting-dev 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ -n "$cand" ] && [ "$cand" != "(none)" ]
}

# Runs apt-get update when the package lists are missing or older than a day; succeeds only
# when it did (so the caller knows a second look may find more).
refresh_apt_lists() {
  command -v apt-get >/dev/null || return 1
  if find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | grep -q .; then
    return 1
  fi
  step "apt package lists missing or older than a day: apt-get update"
  as_root "run apt-get update" apt-get update -q || fail "apt-get update"
}

setup_native() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    step "installing ${#missing[@]} missing packages natively: ${missing[*]}"
    as_root "install packages" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${missing[@]}" || fail "apt-get install (native)"
  else
    step "all ${#PACKAGES[@]} packages already installed natively"
  fi
}

buildroot_current() {
  [ -f "$BUILDROOT/.lectern-packages" ] && [ "$(cat "$BUILDROOT/.lectern-packages")" = "$(pkg_hash)" ]
}

# A Lectern build root carries a marker: .lectern-root (written when it is created) or, for
# roots made before the marker existed, the package stamp .lectern-packages.
is_lectern_root() { [ -f "$1/.lectern-root" ] || [ -f "$1/.lectern-packages" ]; }

# Fails unless PATH is absent or a Lectern build root: nothing else is ever deleted.
check_removable() {
  if [ -e "$1" ] || [ -L "$1" ]; then
    is_lectern_root "$1" && return 0
    fail "$1 exists and is not a Lectern build root (no .lectern-root marker); refusing to delete it. Set LECTERN_BUILDROOT to a new folder or remove that one yourself"
  fi
}

check_buildroot_path() {
  BUILDROOT=${BUILDROOT%/}
  case $BUILDROOT in
    /?*) ;;
    *) fail "LECTERN_BUILDROOT must be an absolute path other than / (got '${LECTERN_BUILDROOT:-}')" ;;
  esac
  check_removable "$BUILDROOT"
  check_removable "$BUILDROOT.new"
}

ensure_host_tool() { # COMMAND PACKAGE
  command -v "$1" >/dev/null && return
  step "installing $2 on the host"
  as_root "install $2" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" || fail "install $2"
}

# Installs PACKAGES inside the root ROOT (as root, with its own /proc and /dev).
install_in_root() {
  # shellcheck disable=SC2016 # expanded by the inner shells
  as_root "install packages in the build root" unshare --mount --propagation private sh -c '
      root=$1; shift
      mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
      chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive /bin/sh -c \
        "apt-get update -q && apt-get install -y -q --no-install-recommends \"\$@\" && apt-get clean" \
        sh "$@"' sh "$1" "${PACKAGES[@]}"
}

create_buildroot() {
  check_buildroot_path
  ensure_host_tool debootstrap debootstrap
  local tmp="$BUILDROOT.new"
  step "creating Debian 13 build root in $tmp (debootstrap minbase trixie; a few minutes)"
  as_root "remove $tmp" rm -rf "$tmp"
  as_root "create $tmp" mkdir -p "$tmp"
  echo "Lectern build root" | as_root "mark $tmp" tee "$tmp/.lectern-root" >/dev/null
  as_root "debootstrap" debootstrap --variant=minbase trixie "$tmp" || fail "debootstrap trixie into $tmp"
  as_root "copy resolv.conf" cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
  step "installing ${#PACKAGES[@]} packages in the build root"
  install_in_root "$tmp" || fail "apt-get install inside the build root"
  pkg_hash | as_root "stamp $tmp" tee "$tmp/.lectern-packages" >/dev/null
  check_buildroot_path
  as_root "replace $BUILDROOT" rm -rf "$BUILDROOT"
  as_root "replace $BUILDROOT" mv "$tmp" "$BUILDROOT"
}

MODE=native
# A current build root is used whenever it exists (it was made because the host lacked the
# stack, or on request); otherwise the host's packages when apt offers them; otherwise a new
# build root. Only installing packages and creating the root need root or sudo.
setup() {
  resolve_user
  if buildroot_current; then
    MODE=buildroot
    step "reusing Debian 13 build root $BUILDROOT"
  elif [ "${LECTERN_FORCE_BUILDROOT:-0}" != 1 ] && { host_has_stack || { refresh_apt_lists && host_has_stack; }; }; then
    MODE=native
    setup_native
    return
  else
    MODE=buildroot
    create_buildroot
  fi
  ensure_host_tool bwrap bubblewrap
}

# --- running a command ---------------------------------------------------------------------

# True when PATH is visible at the same place inside the build environment.
visible_inside() {
  local top=${1#/}
  top=${top%%/*}
  case $1 in /var/tmp | /var/tmp/*) return 0 ;; esac
  [[ $SYSTEM_DIRS != *" $top "* ]]
}

# Fills BWRAP_ARGS with the mounts of the build root and of the host folders.
bwrap_mounts() {
  BWRAP_ARGS=(--die-with-parent
    --ro-bind "$BUILDROOT/usr" /usr --ro-bind "$BUILDROOT/etc" /etc --ro-bind "$BUILDROOT/var" /var)
  local e name
  for e in "$BUILDROOT"/*; do
    name=${e##*/}
    if [ -L "$e" ]; then BWRAP_ARGS+=(--symlink "$(readlink "$e")" "/$name"); fi
  done
  BWRAP_ARGS+=(--proc /proc --dev /dev --dev-bind-try /dev/dri /dev/dri --ro-bind-try /sys /sys
    --tmpfs /run)
  # The host's own folders (home, /root, /tmp, /srv, /mnt, the tree…) at the same paths, so
  # every path the user can write outside the system folders works (--db, files to import).
  for e in /*; do
    name=${e##*/}
    [[ $SYSTEM_DIRS == *" $name "* ]] && continue
    if [ -L "$e" ]; then
      BWRAP_ARGS+=(--symlink "$(readlink "$e")" "$e")
    elif [ -d "$e" ]; then
      BWRAP_ARGS+=(--bind "$e" "$e")
    fi
  done
  BWRAP_ARGS+=(--bind-try /var/tmp /var/tmp --bind "$TREE" "$TREE")
  [ -d "$SHARED" ] && BWRAP_ARGS+=(--ro-bind "$SHARED" "$SHARED")
  bwrap_sockets
}

# The display, runtime-folder and session-bus sockets, when there are any.
bwrap_sockets() {
  local rt bus
  rt=$(runtime_dir)
  [ -n "$rt" ] && BWRAP_ARGS+=(--bind "$rt" "$rt")
  if [ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ]; then
    BWRAP_ARGS+=(--ro-bind "$XAUTHORITY" "$XAUTHORITY")
  fi
  bus=${DBUS_SESSION_BUS_ADDRESS:-}
  if [[ $bus == unix:path=/* ]]; then
    bus=${bus#unix:path=}
    bus=${bus%%,*}
    [ -S "$bus" ] && BWRAP_ARGS+=(--bind "$bus" "$bus")
  fi
  return 0
}

# True when bubblewrap can run without root here (unprivileged user namespaces).
bwrap_rootless() { bwrap --ro-bind / / --dev /dev true 2>/dev/null; }

# The command that switches from root to RUN_USER (inside the root: its own setpriv).
drop_prefix() {
  local groups=--clear-groups
  [ -n "$RUN_GROUPS" ] && groups=--groups=$RUN_GROUPS
  DROP_CMD=(setpriv --reuid="$RUN_UID" --regid="$RUN_GID" "$groups" --)
}

# in_bwrap DIR CMD ARGS...: runs CMD with ARGS from the build root, in DIR, as RUN_USER.
in_bwrap() {
  local dir=$1 v
  shift
  bwrap_mounts
  local env_args=(--clearenv --setenv PATH /usr/local/bin:/usr/bin:/bin --setenv LANG C.UTF-8)
  for v in "${ENV_VARS[@]}"; do env_args+=(--setenv "${v%%=*}" "${v#*=}"); done
  local pre=() drop=0
  if [ "$(id -u)" -ne 0 ] && ! bwrap_rootless; then
    # No user namespaces for us: bubblewrap through sudo, then back to the user inside.
    command -v sudo >/dev/null || fail "bubblewrap cannot run rootless here, and there is no sudo"
    pre=(sudo)
    drop=1
  elif [ "$DROP" = 1 ]; then
    drop=1
  fi
  DROP_CMD=()
  [ "$drop" = 1 ] && drop_prefix
  if [ ${#pre[@]} -eq 0 ] && ! grep -q "^[^:]*:[^:]*:$RUN_UID:" "$BUILDROOT/etc/passwd"; then
    # Give the user a name inside (whoami, git): the root's passwd and group plus theirs.
    "${pre[@]}" bwrap "${BWRAP_ARGS[@]}" "${env_args[@]}" \
      --perms 0644 --ro-bind-data 8 /etc/passwd --perms 0644 --ro-bind-data 9 /etc/group \
      --chdir "$dir" \
      -- "${DROP_CMD[@]}" "$@" \
      8< <(cat "$BUILDROOT/etc/passwd"; getent passwd "$RUN_USER") \
      9< <(cat "$BUILDROOT/etc/group"; getent group "$RUN_GID")
  else
    "${pre[@]}" bwrap "${BWRAP_ARGS[@]}" "${env_args[@]}" --chdir "$dir" -- "${DROP_CMD[@]}" "$@"
  fi
}

# in_native DIR CMD ARGS...: runs CMD with ARGS on the host, in DIR, as RUN_USER.
in_native() {
  local dir=$1
  shift
  # shellcheck disable=SC2016 # expanded by that bash, with DIR and the command as arguments
  local run=(bash -c 'cd -- "$1" && shift && exec "$@"' lectern-env "$dir" "$@")
  if [ "$DROP" = 1 ]; then
    drop_prefix
    "${DROP_CMD[@]}" env -i PATH=/usr/local/bin:/usr/bin:/bin LANG="${LANG:-C.UTF-8}" \
      "${ENV_VARS[@]}" "${run[@]}"
  else
    local unset=()
    [ -n "${QT_QPA_PLATFORM:-}" ] || unset=(-u QT_QPA_PLATFORM)
    env "${unset[@]}" "${ENV_VARS[@]}" "${run[@]}"
  fi
}

# in_env CMD ARGS...: runs CMD with ARGS (as given, no shell) in the build environment, in
# the tree folder (in ENV_CWD when set).
in_env() {
  build_env
  local dir=${ENV_CWD:-$TREE}
  if [ "$MODE" = native ]; then
    in_native "$dir" "$@"
  else
    in_bwrap "$dir" "$@"
  fi
}

# configure_and_build [TARGET...]: all targets when none is named.
configure_and_build() {
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  step "configuring and building ${*:-everything} in $BUILD_DIR (Ninja, -j$JOBS)"
  in_env cmake -S "$TREE" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLECTERN_WERROR=ON -DLECTERN_BENCH=ON >/dev/null || fail "configure"
  in_env cmake --build "$BUILD_DIR" -j"$JOBS" "${targets[@]}" || fail "build"
}

run_tests() {
  local ctest_rc=0 script_rc=0 pkg_rc=0
  step "running the test suite (ctest)"
  QT_QPA_PLATFORM=offscreen in_env ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$JOBS" \
    || ctest_rc=$?
  step "running the set-up script's tests (tests/script, on the host)"
  "$TREE/tests/script/test_lectern_env.sh" || script_rc=$?
  "$TREE/tests/script/test_launcher.sh" || script_rc=$?
  run_package_test || pkg_rc=$?
  step "summary: ctest $([ $ctest_rc = 0 ] && echo passed || echo FAILED)," \
    "script tests $([ $script_rc = 0 ] && echo passed || echo FAILED)," \
    "package test $([ $pkg_rc = 0 ] && echo "passed or skipped" || echo FAILED)"
  if [ $ctest_rc != 0 ] || [ $script_rc != 0 ] || [ $pkg_rc != 0 ]; then fail "tests"; fi
}

# The .deb in a minimal Debian 13 root (about 100 s once that root is cached): only with root
# or password-less sudo, and not with LECTERN_PACKAGE_TEST=0.
run_package_test() {
  if [ "${LECTERN_PACKAGE_TEST:-1}" = 0 ]; then
    echo "SKIP  package test: LECTERN_PACKAGE_TEST=0" >&2
  elif [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    echo "SKIP  package test: needs root or password-less sudo (run scripts/package-test.sh)" >&2
  else
    step "running the package test (scripts/package-test.sh)"
    "$TREE/scripts/package-test.sh"
  fi
}

cmd_run() {
  setup
  configure_and_build lectern lectern-cli
  local app=${LECTERN_APP:-$BUILD_DIR/app/lectern}
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display (neither DISPLAY nor WAYLAND_DISPLAY is set): built $app; start it with: $0 exec xvfb-run -a $app" >&2
    exit 0
  fi
  step "starting Lectern"
  # File names are relative to where the script was started.
  local ENV_CWD=$TREE
  visible_inside "$PWD" && ENV_CWD=$PWD
  in_env "$app" "$@" || fail "lectern exited with an error"
}

# install, uninstall, launch: the per-user desktop installation.
# shellcheck source=scripts/lectern-desktop.sh
. "$(dirname "${BASH_SOURCE[0]}")/lectern-desktop.sh"

usage() {
  echo "usage: $0 run [FILES...] | test | build | setup | exec CMD [ARGS...] | install | uninstall | package-test" >&2
  exit 2
}

cmd=${1:-}
[ -n "$cmd" ] && shift
case "$cmd" in
  run) cmd_run "$@" ;;
  test)
    setup
    configure_and_build
    run_tests
    ;;
  build) setup && configure_and_build "$@" ;;
  setup) setup ;;
  exec)
    [ $# -gt 0 ] || usage
    setup
    in_env "$@"
    ;;
  install) cmd_install ;;
  uninstall) cmd_uninstall ;;
  launch)
    [ $# -gt 0 ] || usage
    cmd_launch "$@"
    ;;
  package-test) exec "$TREE/scripts/package-test.sh" "$@" ;;
  *) usage ;;
esac
