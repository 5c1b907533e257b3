#!/usr/bin/env bash
# Tests of scripts/lectern-env.sh. Runs on the host (never inside the build root) and never
# creates a build root: it uses the existing one, or the native stack.
#
#   tests/script/test_lectern_env.sh      (also run by `scripts/lectern-env.sh test`)
#
# Checks that arguments reach the program unchanged through `exec` and `run` (quotes, spaces,
# $(), backticks, a leading -, an empty one) and that nothing in them is executed; that
# LECTERN_DB and the display variables pass and an empty QT_QPA_PLATFORM does not; that a
# LECTERN_BUILDROOT which is not a Lectern root is refused and left untouched; that commands
# run as the invoking user with the real HOME (as root: also as a temporary unprivileged
# user, directly and as the SUDO_USER of a root run), and that lectern-cli --db in that
# user's home works. LECTERN_ENV_SCRIPT picks another script to test (default: the tree's).
# shellcheck disable=SC2016 # single-quoted lines are expanded by the shell inside
set -uo pipefail

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENV_SH=${LECTERN_ENV_SCRIPT:-$TREE/scripts/lectern-env.sh}
BUILD_DIR=${LECTERN_BUILD_DIR:-$TREE/build}
CLI=$BUILD_DIR/app/lectern-cli
# Injected commands leave a trace in the build folder, which every variant of the script
# shows to the program (a /tmp of the host may not be).
PWN="$BUILD_DIR/.lectern-env-test-$$-pwned"
# This test decides who runs what; a SUDO_USER of the caller would change it.
unset SUDO_USER LECTERN_DB QT_QPA_PLATFORM

PASSED=0
FAILED=0
SKIPPED=0
pass() { PASSED=$((PASSED + 1)); printf 'PASS  %s\n' "$1"; }
skip() { SKIPPED=$((SKIPPED + 1)); printf 'SKIP  %s: %s\n' "$1" "$2"; }
fail() {
  FAILED=$((FAILED + 1))
  printf 'FAIL  %s\n' "$1"
  shift
  [ $# -gt 0 ] && printf '        %s\n' "$@"
  return 0
}
# check NAME EXPECTED ACTUAL
check() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected: $(printf %q "$2")" "actual:   $(printf %q "$3")"; fi
}

T=$(mktemp -d /tmp/lectern-env-test.XXXXXX)
chmod 755 "$T"
TEST_USER=""
cleanup() {
  [ -n "$TEST_USER" ] && userdel "$TEST_USER" >/dev/null 2>&1
  rm -rf "$T"
  rm -f "$PWN"*
}
trap cleanup EXIT

# A program that writes its arguments, one [ARG] per line, to the file $ARGV_OUT.
cat >"$T/argv" <<EOF
#!/bin/sh
for a in "\$@"; do printf '[%s]\n' "\$a"; done >"$T/argv.out"
EOF
chmod 755 "$T/argv"

NAMES=("a'b.md" "two  words.md" "a'\$(touch $PWN-1)'.md" "\$(touch $PWN-2).md"
  "\`touch $PWN-3\`.md" "-leading.md" "--db" "x;touch $PWN-4;'\".md" "")
EXPECTED=$(printf '[%s]\n' "${NAMES[@]}")

not_executed() {
  local found
  found=$(ls "$PWN"* 2>/dev/null)
  check "$1: nothing in the names was executed" "" "$found"
}

test_exec_arguments() {
  rm -f "$T/argv.out"
  "$ENV_SH" exec "$T/argv" "${NAMES[@]}" >"$T/out" 2>&1 || fail "exec runs the program" "$(tail -5 "$T/out")"
  check "exec passes names with ', spaces, \$(), \`, a leading - and an empty one unchanged" \
    "$EXPECTED" "$(cat "$T/argv.out" 2>/dev/null)"
  not_executed exec
  check "exec runs a command, not a shell line" "[\$(id)]" \
    "$("$ENV_SH" exec "$T/argv" '$(id)' 2>/dev/null; cat "$T/argv.out" 2>/dev/null)"
  check "exec bash -c runs a shell line with its own arguments" "x|y  z" \
    "$("$ENV_SH" exec bash -c 'printf "%s|%s\n" "$0" "$1"' x 'y  z' 2>/dev/null)"
}

test_run_arguments() {
  if [ ! -x "$CLI" ]; then
    skip "run passes file names unchanged" "$CLI is not built (run scripts/lectern-env.sh build first)"
    return
  fi
  rm -f "$T/argv.out" "$PWN"*
  LECTERN_APP="$T/argv" DISPLAY=:lectern-test "$ENV_SH" run "${NAMES[@]}" >"$T/out" 2>&1 \
    || fail "run starts the program" "$(tail -5 "$T/out")"
  check "run passes file names with ', spaces, \$(), \`, a leading - and an empty one unchanged" \
    "$EXPECTED" "$(cat "$T/argv.out" 2>/dev/null)"
  not_executed run
}

test_variables() {
  local got
  got=$(QT_QPA_PLATFORM='' CI='' LECTERN_DB="$T/it's here.sqlite" DISPLAY=:7 XDG_DATA_HOME="$T/data" \
    "$ENV_SH" exec /bin/sh -c 'echo "qpa=${QT_QPA_PLATFORM-unset} ci=${CI-unset} db=$LECTERN_DB display=$DISPLAY data=$XDG_DATA_HOME"' 2>/dev/null)
  check "LECTERN_DB, DISPLAY, XDG_DATA_HOME pass; empty QT_QPA_PLATFORM and CI do not" \
    "qpa=unset ci=unset db=$T/it's here.sqlite display=:7 data=$T/data" "$got"
}

# A LECTERN_BUILDROOT that is not a Lectern root: refused before anything is deleted.
# Stand-ins for debootstrap (makes its target), unshare and apt-get let a script that would go
# on reach its rm -rf quickly, inside the test folder.
test_foreign_buildroot() {
  local fake="$T/fakebin" name dir out rc
  mkdir -p "$fake"
  for name in unshare apt-get sudo; do printf '#!/bin/sh\nexit 0\n' >"$fake/$name"; done
  # debootstrap ... TARGET: makes TARGET, so a script that goes on reaches its rm -rf.
  printf '#!/bin/sh\nfor a; do t=$a; done; mkdir -p "$t"\n' >"$fake/debootstrap"
  chmod 755 "$fake"/*
  # The root itself foreign, then an absent root whose ROOT.new (scratch folder) is foreign.
  for name in foreign fresh.new; do
    dir="$T/$name"
    mkdir -p "$dir/sub"
    echo keep >"$dir/sub/keep.txt"
    rc=0
    out=$(PATH="$fake:$PATH" LECTERN_FORCE_BUILDROOT=1 LECTERN_BUILDROOT="$T/${name%.new}" \
      "$ENV_SH" setup 2>&1) || rc=$?
    if [ "$rc" -ne 0 ] && [[ $out == *"not a Lectern build root"* ]]; then
      pass "a foreign folder ($name) at LECTERN_BUILDROOT is refused with a message"
    else
      fail "a foreign folder ($name) at LECTERN_BUILDROOT is refused with a message" "exit $rc: $(tail -3 <<<"$out")"
    fi
    check "a foreign folder ($name) at LECTERN_BUILDROOT is left untouched" keep "$(cat "$dir/sub/keep.txt" 2>/dev/null)"
  done
}

write_digest() {
  mkdir -p "$T/digests"
  cat >"$T/digests/2024-03-05.md" <<'EOF'
# 2024-03-05

# Table of Contents
* [Rootless Builds for Everyone](#Rootless-Builds-for-Everyone)

## Rootless Builds for Everyone

>Authors: Ann Author, Bob Builder

>2024-03-04

> http://arxiv.org/abs/2403.00001v1

We build **software** without root.

EOF
  chmod -R a+rX "$T/digests"
}

# Prints what a command run through the script sees: uid, user name, HOME.
whoami_line='echo "$(id -u) $(id -un 2>/dev/null || echo ?) $HOME"'

test_invoking_user() {
  check "as $(id -un), commands run as $(id -un) with HOME=$HOME" "$(id -u) $(id -un) $HOME" \
    "$("$ENV_SH" exec /bin/sh -c "$whoami_line" 2>/dev/null)"
}

make_test_user() {
  [ "$(id -u)" -eq 0 ] || { skip "unprivileged user" "not root: cannot create a user to run as"; return 1; }
  command -v useradd >/dev/null || { skip "unprivileged user" "no useradd"; return 1; }
  TEST_USER=lectenv$$
  mkdir -p "$T/home"
  if ! useradd --home-dir "$T/home" --no-create-home --shell /bin/sh --user-group "$TEST_USER" >/dev/null 2>&1; then
    TEST_USER=""
    skip "unprivileged user" "useradd failed"
    return 1
  fi
  chown "$TEST_USER:" "$T/home"
  chmod 700 "$T/home"
}

# as_user CMD ARGS...: runs CMD as the test user with a login-like environment.
as_user() {
  setpriv --reuid="$TEST_USER" --regid="$TEST_USER" --init-groups \
    env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME="$T/home" "$@"
}

test_unprivileged_user() {
  make_test_user || return 0
  local uid want
  uid=$(id -u "$TEST_USER")
  want="$uid $TEST_USER $T/home"
  if ! as_user test -r "$ENV_SH" -a -x "$TREE" -a -r "$BUILD_DIR"; then
    skip "unprivileged user" "$TEST_USER cannot read the tree $TREE"
    return 0
  fi
  check "as an unprivileged user, commands run as that user with the real HOME" "$want" \
    "$(as_user "$ENV_SH" exec /bin/sh -c "$whoami_line" 2>"$T/err")"
  check "started through sudo (SUDO_USER), commands run as that user with the real HOME" "$want" \
    "$(SUDO_USER="$TEST_USER" HOME=/root "$ENV_SH" exec /bin/sh -c "$whoami_line" 2>/dev/null)"
  check "through sudo, LECTERN_DB and DISPLAY pass" "$T/home/env.sqlite :5" \
    "$(SUDO_USER="$TEST_USER" LECTERN_DB="$T/home/env.sqlite" DISPLAY=:5 "$ENV_SH" exec /bin/sh -c 'echo "$LECTERN_DB $DISPLAY"' 2>/dev/null)"
  test_db_in_home
}

test_db_in_home() {
  if [ ! -x "$CLI" ]; then
    skip "--db in the user's home" "$CLI is not built (run scripts/lectern-env.sh build first)"
    return
  fi
  write_digest
  local db="$T/home/my library.sqlite" out
  out=$(SUDO_USER="$TEST_USER" "$ENV_SH" exec "$CLI" import --create --db "$db" "$T/digests/2024-03-05.md" 2>&1) \
    || fail "lectern-cli import --db in the user's home (through sudo)" "$(tail -3 <<<"$out")"
  check "the library in the user's home belongs to the user" "$TEST_USER" "$(stat -c %U "$db" 2>/dev/null)"
  out=$(as_user "$ENV_SH" exec "$CLI" list --db "$db" 2>&1)
  if [[ $out == *"Rootless Builds for Everyone"* ]]; then
    pass "lectern-cli list --db in the user's home, as the user, finds the imported paper"
  else
    fail "lectern-cli list --db in the user's home, as the user, finds the imported paper" "$(tail -3 <<<"$out")"
  fi
}

# A snapshot of a folder tree: every path with its type and, for files, a checksum.
tree_state() {
  (cd "$1" && find . -printf '%y %p\n' | sort && find . -type f -exec sha256sum {} + | sort -k2)
}

# `install` into a fake HOME, the wrappers, then `uninstall` leaves the home as it was.
test_install_uninstall() {
  if [ ! -x "$CLI" ]; then
    skip "install/uninstall" "$CLI is not built (run scripts/lectern-env.sh build first)"
    return
  fi
  local H="$T/fake home" out before rc
  mkdir -p "$H/.local/share/applications" "$H/.config"
  echo "[Desktop Entry]" >"$H/.local/share/applications/other.desktop"
  before=$(tree_state "$H")
  out=$(env -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME="$H" "$ENV_SH" install 2>&1)
  rc=$?
  check "install into a fake HOME succeeds" "0" "$rc"
  [ $rc = 0 ] || { printf '        %s\n' "$(tail -5 <<<"$out")"; return; }
  local f missing=""
  for f in .local/bin/lectern .local/bin/lectern-cli .local/lib/lectern/bin/lectern \
    .local/lib/lectern/bin/lectern-cli .local/share/applications/io.github.lectern.Lectern.desktop \
    .local/share/mime/packages/lectern-digest.xml \
    .local/share/icons/hicolor/scalable/apps/io.github.lectern.Lectern.svg \
    .local/share/icons/hicolor/{16x16,32x32,48x48,64x64,128x128,256x256}/apps/io.github.lectern.Lectern.png; do
    [ -e "$H/$f" ] || missing+=" $f"
  done
  check "install writes the wrappers, programs, desktop entry, MIME type and icons" "" "$missing"
  check "the desktop entry starts the wrapper" "Exec=\"$H/.local/bin/lectern\" %F" \
    "$(grep '^Exec=' "$H/.local/share/applications/io.github.lectern.Lectern.desktop")"
  out=$("$ENV_SH" exec desktop-file-validate "$H/.local/share/applications/io.github.lectern.Lectern.desktop" 2>/dev/null)
  check "the installed desktop entry passes desktop-file-validate" "0 " "$? $out"
  if command -v update-mime-database >/dev/null; then
    check "the MIME database knows text/x-arxiv-digest" yes \
      "$([ -f "$H/.local/share/mime/text/x-arxiv-digest.xml" ] && echo yes)"
  fi
  check "the desktop database maps the digest type to Lectern" yes \
    "$(grep -q '^text/x-arxiv-digest=.*io.github.lectern.Lectern.desktop' "$H/.local/share/applications/mimeinfo.cache" 2>/dev/null && echo yes)"
  test_wrappers "$H"
  out=$(env -u XDG_DATA_HOME HOME="$H" "$ENV_SH" install 2>&1)
  check "install again replaces the previous installation" "0" "$?"
  out=$(env -u XDG_DATA_HOME HOME="$H" "$ENV_SH" uninstall 2>&1)
  check "uninstall succeeds" "0" "$?"
  check "uninstall leaves the home exactly as before install" "$before" "$(tree_state "$H")"
  # A file install did not write is never replaced.
  mkdir -p "$H/.local/bin"
  echo mine >"$H/.local/bin/lectern-cli"
  out=$(env -u XDG_DATA_HOME HOME="$H" "$ENV_SH" install 2>&1)
  rc=$?
  if [ $rc != 0 ] && [[ $out == *"was not written by"* ]]; then
    pass "install refuses to replace a file it did not write"
  else
    fail "install refuses to replace a file it did not write" "exit $rc: $(tail -2 <<<"$out")"
  fi
  check "that file is left untouched" mine "$(cat "$H/.local/bin/lectern-cli")"
  rm -f "$H/.local/bin/lectern-cli"
  rmdir "$H/.local/bin"
  check "a refused install writes nothing" "$before" "$(tree_state "$H")"
}

# The installed wrappers: version, a digest outside home and /tmp (bound read-only), a
# relative name, --db in a folder outside home.
test_wrappers() {
  local H=$1 out outside="$BUILD_DIR/.lectern-env-test-$$ dir"
  out=$(HOME="$H" "$H/.local/bin/lectern-cli" --version 2>&1)
  if [[ $out == "lectern-cli "[0-9]* ]]; then pass "the lectern-cli wrapper runs ($out)"; else fail "the lectern-cli wrapper runs" "$out"; fi
  out=$(HOME="$H" QT_QPA_PLATFORM=offscreen "$H/.local/bin/lectern" --version 2>&1)
  if [[ $out == *[0-9].[0-9]* ]]; then pass "the lectern wrapper runs ($out)"; else fail "the lectern wrapper runs" "$out"; fi
  write_digest
  mkdir -p "$outside"
  cp "$T/digests/2024-03-05.md" "$outside/digest's name.md"
  out=$(HOME="$H" "$H/.local/bin/lectern-cli" parse "$outside/digest's name.md" 2>&1)
  if [[ $out == *"1 papers, 0 warnings, 0 errors"* ]]; then
    pass "the wrapper reads a digest given by path outside home"
  else
    fail "the wrapper reads a digest given by path outside home" "$(tail -3 <<<"$out")"
  fi
  out=$(cd "$outside" && HOME="$H" "$H/.local/bin/lectern-cli" parse "digest's name.md" 2>&1)
  if [[ $out == *"1 papers, 0 warnings, 0 errors"* ]]; then
    pass "the wrapper reads a digest given by a relative name"
  else
    fail "the wrapper reads a digest given by a relative name" "$(tail -3 <<<"$out")"
  fi
  out=$(HOME="$H" "$H/.local/bin/lectern-cli" import --create --db "$outside/lib.sqlite" "$outside/digest's name.md" 2>&1)
  check "the wrapper writes a --db outside home" yes "$([ -s "$outside/lib.sqlite" ] && echo yes)"
  check "a digest given as argument is read-only inside" yes \
    "$(HOME="$H" "$ENV_SH" launch /bin/sh -c 'touch "$1" 2>/dev/null || echo yes' sh "$outside/digest's name.md" 2>/dev/null)"
  rm -rf "$outside" "$H/lib.sqlite"
}

start=$SECONDS
printf 'Testing %s\n' "$ENV_SH"
test_exec_arguments
test_run_arguments
test_variables
test_foreign_buildroot
test_invoking_user
test_unprivileged_user
test_install_uninstall
printf '\nscript tests: %d passed, %d failed, %d skipped (%ds)\n' "$PASSED" "$FAILED" "$SKIPPED" $((SECONDS - start))
if [ "$FAILED" -ne 0 ]; then
  echo "script tests: FAILED"
  exit 1
fi
echo "script tests: passed"
