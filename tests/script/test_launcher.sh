#!/usr/bin/env bash
# The launcher as a file manager uses it: `lectern-env.sh install` into a fake HOME, then,
# under Xvfb and a private D-Bus session, `gio open DIGEST` (what a double-click does) must
# start Lectern, whose window then shows with the digest imported. Runs on the host; skips
# with a message when Xvfb, gio, dbus-run-session or xdotool is absent, or lectern is not
# built. `uninstall` runs at the end.
#
#   tests/script/test_launcher.sh [SCREENSHOT.png]   (keeps a screenshot of the screen)
set -uo pipefail

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENV_SH=${LECTERN_ENV_SCRIPT:-$TREE/scripts/lectern-env.sh}
BUILD_DIR=${LECTERN_BUILD_DIR:-$TREE/build}
SHOT=${1:-}
unset SUDO_USER LECTERN_DB QT_QPA_PLATFORM XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME \
  XDG_RUNTIME_DIR WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS XAUTHORITY

skip_all() {
  printf 'SKIP  launcher: %s\nlauncher test: skipped\n' "$1"
  exit 0
}
for tool in Xvfb gio dbus-run-session xdotool; do
  command -v $tool >/dev/null || skip_all "no $tool on this host"
done
[ -x "$BUILD_DIR/app/lectern" ] || skip_all "$BUILD_DIR/app/lectern is not built"

T=$(mktemp -d /tmp/lectern-launcher-test.XXXXXX)
chmod 755 "$T"
H=$T/home
mkdir -p "$H"
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  HOME=$H "$ENV_SH" uninstall >/dev/null 2>&1
  rm -rf "$T"
}
trap cleanup EXIT
failed() {
  printf 'FAIL  %s\n' "$1"
  [ -f "$T/session.log" ] && sed 's/^/        /' "$T/session.log" | tail -n 15
  echo "launcher test: FAILED"
  exit 1
}

HOME=$H "$ENV_SH" install >"$T/install.log" 2>&1 || { cat "$T/install.log"; failed "install into $H"; }
printf 'PASS  install into a fake HOME\n'

cat >"$T/2024-03-05.md" <<'EOF'
# 2024-03-05

# Table of Contents
* [Launched by a Double Click](#Launched-by-a-Double-Click)

## Launched by a Double Click

>Authors: Ann Author

>2024-03-04

> http://arxiv.org/abs/2403.00002v1

Opened through the desktop entry.

EOF

# A display of its own (the first free number), then the session as a desktop would run it.
exec 3>"$T/display"
Xvfb -displayfd 3 -screen 0 1500x950x24 -nolisten tcp >"$T/xvfb.log" 2>&1 &
XVFB_PID=$!
exec 3>&-
for _ in $(seq 50); do [ -s "$T/display" ] && break; sleep 0.1; done
[ -s "$T/display" ] || failed "Xvfb did not start"
DISPLAY=:$(cat "$T/display")
export DISPLAY

# Inside the session: which application gio picks for the digest, then gio open it and wait
# for a window named Lectern (the window title), printing its name.
# shellcheck disable=SC2016 # expanded by the session's shell
SESSION='
digest=$1
echo "type: $(gio info -a standard::content-type "$digest" | sed -n "s/.*content-type: //p")"
gio mime text/x-arxiv-digest | head -n 2
gio open "$digest" || exit 1
for i in $(seq 120); do
  w=$(xdotool search --name "^Lectern" 2>/dev/null | head -n 1)
  [ -n "$w" ] && break
  sleep 0.5
done
[ -n "$w" ] || { echo "no Lectern window after 60 s"; exit 1; }
sleep 3
echo "window: $(xdotool getwindowname "$w")"
echo "pid: $(xdotool getwindowpid "$w" 2>/dev/null)"
'
HOME=$H XDG_DATA_DIRS=/usr/local/share:/usr/share \
  timeout 120 dbus-run-session -- bash -c "$SESSION" session "$T/2024-03-05.md" >"$T/session.log" 2>&1
rc=$?
sed 's/^/        /' "$T/session.log"
[ $rc = 0 ] || failed "gio open DIGEST starts Lectern and its window shows"
printf 'PASS  gio open DIGEST starts Lectern and its window shows\n'
if [ -n "$SHOT" ] && command -v import >/dev/null; then
  import -window root "$SHOT" && printf 'screenshot: %s\n' "$SHOT"
fi
pid=$(sed -n 's/^pid: //p' "$T/session.log")
# The digest went into the default library in the (fake) home, as a dropped file would.
out=$(HOME=$H "$H/.local/bin/lectern-cli" list 2>&1)
[ -n "$pid" ] && kill "$pid" 2>/dev/null
[[ $out == *"Launched by a Double Click"* ]] || { echo "        $out"; failed "the opened digest is in the library"; }
printf 'PASS  the opened digest is in the library\n'
echo "launcher test: passed"
