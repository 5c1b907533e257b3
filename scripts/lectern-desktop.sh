# shellcheck shell=bash
# Per-user desktop installation for scripts/lectern-env.sh (sourced by it; not a program):
#
#   lectern-env.sh install      build, then install for the invoking user (no root once the
#                               build root exists)
#   lectern-env.sh uninstall    remove exactly what `install` wrote (its manifest)
#   lectern-env.sh launch PROG ARGS…   (used by the wrappers) run an installed program
#
# What `install` writes (DATA = ${XDG_DATA_HOME:-~/.local/share}):
#   ~/.local/lib/lectern/         `cmake --install` of the build (bin/, share/), a copy of
#                                 this script and lectern-env.sh (libexec/), the manifest.
#                                 The programs live here, not in a build/ folder that may go.
#   ~/.local/bin/lectern, ~/.local/bin/lectern-cli   wrappers: `launch` through bubblewrap
#                                 with the build root's /usr (natively where the host has the
#                                 stack)
#   DATA/applications/io.github.lectern.Lectern.desktop   Exec= the wrapper
#   DATA/icons/hicolor/*/apps/io.github.lectern.Lectern.{png,svg}
#   DATA/mime/packages/lectern-digest.xml
# then refreshes the desktop and MIME databases (update-desktop-database,
# update-mime-database: the host's, else the build root's).
#
# The wrappers run the programs as the user, with: the home folder (read-write), the XDG_*
# folders, /tmp (X11 sockets; single-instance sockets), the runtime folder (Wayland, D-Bus),
# XAUTHORITY, the session bus, the files and folders given as arguments read-only and the
# folder of --db read-write. Nothing else of the host is visible.

APP_ID=io.github.lectern.Lectern
ICON_SIZES=(16 32 48 64 128 256)

# Sets the install locations for RUN_HOME: PREFIX, BIN_DIR, DATA_DIR, MANIFEST.
desktop_paths() {
  PREFIX=$RUN_HOME/.local/lib/lectern
  BIN_DIR=$RUN_HOME/.local/bin
  DATA_DIR=${XDG_DATA_HOME:-$RUN_HOME/.local/share}
  MANIFEST=$PREFIX/install-manifest.txt
}

# --- writing, with a manifest --------------------------------------------------------------

# mkdir_logged DIR: makes DIR and its missing parents, recording each one made ("d PATH").
mkdir_logged() {
  local d=$1 missing=()
  while [ ! -d "$d" ]; do
    missing=("$d" "${missing[@]}")
    d=$(dirname "$d")
  done
  for d in "${missing[@]}"; do
    mkdir "$d" || fail "cannot create $d"
    printf 'd %s\n' "$d" >>"$NEW_MANIFEST"
  done
}

# put_file SOURCE DEST [MODE]: copies a file to DEST (refusing to replace a file install did
# not write) and records it ("f PATH").
put_file() {
  local src=$1 dest=$2 mode=${3:-644}
  if [ -e "$dest" ] || [ -L "$dest" ]; then
    fail "$dest exists and was not written by 'lectern-env.sh install'; move it away first"
  fi
  mkdir_logged "$(dirname "$dest")"
  install -m "$mode" "$src" "$dest" || fail "cannot write $dest"
  printf 'f %s\n' "$dest" >>"$NEW_MANIFEST"
}

# Escapes a path for a desktop entry's Exec key (quoted argument, spec "Exec key").
desktop_quote() {
  local s=$1
  s=${s//\\/\\\\\\\\}
  s=${s//\"/\\\\\"}
  s=${s//\`/\\\\\`}
  s=${s//\$/\\\\\$}
  s=${s//%/%%}
  printf '"%s"' "$s"
}

# write_wrapper PROGRAM: ~/.local/bin/PROGRAM, running PREFIX/bin/PROGRAM through `launch`.
write_wrapper() {
  local tmp=$STAGE/$1
  {
    echo '#!/bin/bash'
    echo "# Lectern: written by 'lectern-env.sh install'; removed by 'lectern-env.sh uninstall'."
    printf 'LECTERN_BUILDROOT=%q exec %q launch %q "$@"\n' "$BUILDROOT" \
      "$PREFIX/libexec/lectern-env.sh" "$PREFIX/bin/$1"
  } >"$tmp"
  put_file "$tmp" "$BIN_DIR/$1" 755
}

write_desktop_entry() {
  local tmp=$STAGE/$APP_ID.desktop exe line found=0
  exe=$(desktop_quote "$BIN_DIR/lectern")
  while IFS= read -r line; do
    case $line in
      "Exec=lectern "*) line="Exec=$exe ${line#Exec=lectern }" found=1 ;;
      TryExec=*) continue ;;
    esac
    printf '%s\n' "$line"
  done <"$PREFIX/share/applications/$APP_ID.desktop" >"$tmp"
  [ $found = 1 ] || fail "the desktop entry has no 'Exec=lectern ' line to point at the wrapper"
  put_file "$tmp" "$DATA_DIR/applications/$APP_ID.desktop"
}

# refresh_databases: the desktop and MIME caches under DATA_DIR.
refresh_databases() {
  local tool dir as_user=()
  # Started through sudo: the caches are written as the user.
  if [ "$DROP" = 1 ]; then
    drop_prefix
    as_user=("${DROP_CMD[@]}")
  fi
  for tool in update-desktop-database update-mime-database; do
    dir=$DATA_DIR/applications
    [ $tool = update-mime-database ] && dir=$DATA_DIR/mime
    [ -d "$dir" ] || continue
    if command -v $tool >/dev/null; then
      "${as_user[@]}" $tool "$dir" >/dev/null 2>&1 || echo "[lectern-env] $tool $dir failed (ignored)" >&2
    elif [ "$MODE" = buildroot ] && [ -x "$BUILDROOT/usr/bin/$tool" ]; then
      in_env "$tool" "$dir" >/dev/null 2>&1 || echo "[lectern-env] $tool $dir failed (ignored)" >&2
    else
      echo "[lectern-env] no $tool: $dir not refreshed" >&2
    fi
  done
}

# The files install writes outside PREFIX.
installed_files() {
  local size
  printf '%s\n' "$BIN_DIR/lectern" "$BIN_DIR/lectern-cli" "$DATA_DIR/applications/$APP_ID.desktop" \
    "$DATA_DIR/mime/packages/lectern-digest.xml" "$DATA_DIR/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in "${ICON_SIZES[@]}"; do
    printf '%s\n' "$DATA_DIR/icons/hicolor/${size}x$size/apps/$APP_ID.png"
  done
}

# Fails, before anything is written, when a file install would write is there and is not
# from the previous installation.
check_targets() {
  local f
  while IFS= read -r f; do
    if [ -e "$f" ] || [ -L "$f" ]; then
      [ -f "$MANIFEST" ] && grep -qxF "f $f" "$MANIFEST" && continue
      fail "$f exists and was not written by 'lectern-env.sh install'; move it away first"
    fi
  done < <(installed_files)
  if [ -e "$PREFIX" ] && [ ! -f "$MANIFEST" ]; then
    fail "$PREFIX exists and was not written by 'lectern-env.sh install'; move it away first"
  fi
}

cmd_install() {
  setup
  resolve_user
  desktop_paths
  visible_inside "$RUN_HOME" || fail "the home folder $RUN_HOME is inside a system folder"
  check_targets
  configure_and_build lectern lectern-cli lectern_icons
  [ -f "$MANIFEST" ] && { step "replacing the previous installation"; remove_installed; }
  step "installing into $PREFIX and $BIN_DIR, $DATA_DIR"
  STAGE=$(mktemp -d)
  NEW_MANIFEST=$STAGE/manifest
  : >"$NEW_MANIFEST"
  mkdir_logged "$PREFIX"
  if [ "$DROP" = 1 ]; then chown "$RUN_UID:$RUN_GID" "$PREFIX"; fi
  # From here on the manifest is in place, so `uninstall` undoes even a failed install.
  install -m 644 "$NEW_MANIFEST" "$MANIFEST"
  NEW_MANIFEST=$MANIFEST
  # The build, installed as the user (their files, under their home).
  in_env cmake --install "$BUILD_DIR" --prefix "$PREFIX" >/dev/null || fail "cmake --install"
  mkdir -p "$PREFIX/libexec"
  install -m 755 "$TREE/scripts/lectern-env.sh" "$PREFIX/libexec/lectern-env.sh"
  install -m 644 "$TREE/scripts/lectern-desktop.sh" "$PREFIX/libexec/lectern-desktop.sh"
  write_wrapper lectern
  write_wrapper lectern-cli
  write_desktop_entry
  local size share=$PREFIX/share
  for size in "${ICON_SIZES[@]}"; do
    put_file "$share/icons/hicolor/${size}x$size/apps/$APP_ID.png" \
      "$DATA_DIR/icons/hicolor/${size}x$size/apps/$APP_ID.png"
  done
  put_file "$share/icons/hicolor/scalable/apps/$APP_ID.svg" "$DATA_DIR/icons/hicolor/scalable/apps/$APP_ID.svg"
  put_file "$share/mime/packages/lectern-digest.xml" "$DATA_DIR/mime/packages/lectern-digest.xml"
  # A desktop cache that install brings into being ("g PATH") goes with uninstall.
  [ -e "$DATA_DIR/applications/mimeinfo.cache" ] \
    || printf 'g %s\n' "$DATA_DIR/applications/mimeinfo.cache" >>"$MANIFEST"
  # Started through sudo: what install wrote belongs to the user (nothing else is touched).
  if [ "$DROP" = 1 ]; then
    chown -R "$RUN_UID:$RUN_GID" "$PREFIX"
    cut -c3- "$MANIFEST" | while IFS= read -r p; do
      if [ -e "$p" ]; then chown "$RUN_UID:$RUN_GID" "$p"; fi
    done
  fi
  rm -rf "$STAGE"
  refresh_databases
  step "installed: $BIN_DIR/lectern, $BIN_DIR/lectern-cli, the launcher entry 'Lectern' (manifest: $MANIFEST)"
  case ":$PATH:" in *":$BIN_DIR:"*) ;; *) echo "Note: $BIN_DIR is not in PATH" >&2 ;; esac
}

# Removes what the manifest lists: files, PREFIX, the caches install brought into being, then
# the folders install made when empty (the generated MIME database inside a mime/ folder
# install made goes with it).
remove_installed() {
  local kind path dirs=() generated=()
  while read -r kind path; do
    case $kind in
      f) rm -f -- "$path" ;;
      d) dirs=("$path" "${dirs[@]}") ;;
      g) generated+=("$path") ;;
    esac
  done <"$MANIFEST"
  rm -rf -- "$PREFIX"
  refresh_databases
  for path in "${generated[@]}"; do rm -f -- "$path"; done
  for path in "${dirs[@]}"; do
    [ -d "$path" ] || continue
    case $path in
      */applications) rm -f -- "$path/mimeinfo.cache" ;;
      */mime) [ -d "$path/packages" ] || rm -rf -- "$path" ;;
    esac
    rmdir -- "$path" 2>/dev/null || true
  done
  return 0
}

cmd_uninstall() {
  resolve_user
  desktop_paths
  [ -f "$MANIFEST" ] || fail "no installation found ($MANIFEST is absent)"
  MODE=native
  buildroot_current && MODE=buildroot
  remove_installed
  step "uninstalled Lectern from $PREFIX, $BIN_DIR and $DATA_DIR"
}

# --- running an installed program ----------------------------------------------------------

# Fills BWRAP_ARGS for an installed program: the build root's system folders and only the
# user's folders, sockets and the arguments (see the top of this file).
bwrap_app_mounts() {
  BWRAP_ARGS=(--die-with-parent
    --ro-bind "$BUILDROOT/usr" /usr --ro-bind "$BUILDROOT/etc" /etc --ro-bind "$BUILDROOT/var" /var)
  local e name v d
  for e in "$BUILDROOT"/*; do
    name=${e##*/}
    if [ -L "$e" ]; then BWRAP_ARGS+=(--symlink "$(readlink "$e")" "/$name"); fi
  done
  BWRAP_ARGS+=(--proc /proc --dev /dev --dev-bind-try /dev/dri /dev/dri --ro-bind-try /sys /sys
    --tmpfs /run --bind /tmp /tmp --bind "$RUN_HOME" "$RUN_HOME")
  for v in XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME; do
    d=${!v:-}
    if [ -n "$d" ] && [ -d "$d" ] && visible_inside "$d"; then BWRAP_ARGS+=(--bind "$d" "$d"); fi
  done
  bwrap_sockets
}

# Rewrites LAUNCH_ARGS: existing files and folders become absolute and are bound read-only;
# the folder of --db PATH (or --db=PATH) is bound read-write.
bind_arguments() {
  local a out=() db_next=0 p
  for a in "${LAUNCH_ARGS[@]}"; do
    if [ "$db_next" = 1 ] || [[ $a == --db=* ]]; then
      p=${a#--db=}
      p=$(realpath -m -- "$p")
      visible_inside "$(dirname "$p")" && [ -d "$(dirname "$p")" ] \
        && BWRAP_ARGS+=(--bind "$(dirname "$p")" "$(dirname "$p")")
      if [ "$db_next" = 1 ]; then out+=("$p"); else out+=("--db=$p"); fi
      db_next=0
      continue
    fi
    [ "$a" = --db ] && db_next=1
    if [[ $a != -* ]] && [ -e "$a" ]; then
      p=$(realpath -- "$a")
      visible_inside "$p" && BWRAP_ARGS+=(--ro-bind "$p" "$p")
      out+=("$p")
    else
      out+=("$a")
    fi
  done
  LAUNCH_ARGS=("${out[@]}")
}

cmd_launch() {
  local program=$1
  shift
  LAUNCH_ARGS=("$@")
  resolve_user
  if ! buildroot_current; then
    if host_has_stack; then exec "$program" "$@"; fi
    fail "the Debian 13 build root $BUILDROOT is missing or outdated; run scripts/lectern-env.sh install again"
  fi
  bwrap_app_mounts
  bind_arguments
  local env_args=(--clearenv --setenv PATH /usr/local/bin:/usr/bin:/bin --setenv LANG C.UTF-8
    --setenv HOME "$RUN_HOME" --setenv USER "$RUN_USER" --setenv LOGNAME "$RUN_USER") v rt
  for v in "${PASS_VARS[@]}" XDG_STATE_HOME XDG_CURRENT_DESKTOP XDG_SESSION_TYPE QT_SCALE_FACTOR; do
    if [ -n "${!v:-}" ]; then env_args+=(--setenv "$v" "${!v}"); fi
  done
  rt=$(runtime_dir)
  [ -n "$rt" ] && env_args+=(--setenv XDG_RUNTIME_DIR "$rt")
  local dir=$RUN_HOME
  [ -d "$PWD" ] && visible_inside "$PWD" && [[ $PWD == "$RUN_HOME"* || $PWD == /tmp* ]] && dir=$PWD
  exec bwrap "${BWRAP_ARGS[@]}" "${env_args[@]}" \
    --perms 0644 --ro-bind-data 8 /etc/passwd --perms 0644 --ro-bind-data 9 /etc/group \
    --chdir "$dir" -- "$program" "${LAUNCH_ARGS[@]}" \
    8< <(cat "$BUILDROOT/etc/passwd"; getent passwd "$RUN_USER") \
    9< <(cat "$BUILDROOT/etc/group"; getent group "$RUN_GID")
}
