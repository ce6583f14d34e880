#!/usr/bin/env bash
# WuyeDesk developer entry point: sets everything up, then runs what you ask for.
#   scripts/dev.sh gui     set up, fill a demo database (once), open the window on it
#   scripts/dev.sh gui F   set up, open the window on database file F (a new one: set-up wizard)
#   scripts/dev.sh test    set up, run ruff and the whole test suite (what CI runs)
#   scripts/dev.sh setup   set up only
# Set-up installs Debian packages with apt-get (as root, or through sudo) and the Python
# packages of pyproject.toml, at the versions pinned in constraints.txt, into .venv; it is
# quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
PYTHON=${PYTHON:-python3}

APT_PACKAGES=(
  python3-venv python3-pip
  # Qt offscreen and on a desktop (PLATFORM.md)
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libcups2
  # CJK fonts: without one every Chinese character is an empty box (TrueType: PDFs embed them)
  fonts-wqy-zenhei fonts-arphic-uming fonts-arphic-ukai
  # looking at what users see: PDFs to PNG, a virtual screen
  poppler-utils poppler-data xvfb xauth
  # the city aggregate on PostgreSQL: the tests start a throwaway server from these binaries
  postgresql
  # build_installer.py: PyInstaller needs objdump/strip and a shared libpython
  binutils
)

setup_system() {
  command -v dpkg-query >/dev/null || { echo "not a Debian system: install ${APT_PACKAGES[*]} yourself" >&2; return 0; }
  # Debian's python3 links libpython statically; PyInstaller bundles the shared library.
  APT_PACKAGES+=("libpython$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

setup_python() {
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  local stamp="$VENV/.wuyedesk-installed"
  local want
  # The exact versions of constraints.txt (scripts/lock.sh): a change to either file reinstalls.
  want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -c constraints.txt -e ".[test]"
    echo "$want" > "$stamp"
  fi
}

setup() { setup_system; setup_python; }

case "${1:-}" in
  setup)
    setup ;;
  gui)
    setup
    export LANG=${LANG:-C.UTF-8}
    if [ $# -gt 1 ]; then
      exec "$VENV/bin/wuye" --db "$2" gui
    fi
    DEMO_DB="$ROOT/var/demo.sqlite"
    if [ ! -s "$DEMO_DB" ]; then
      mkdir -p "$ROOT/var"
      "$VENV/bin/wuye" --db "$DEMO_DB" demo --seed 1
    fi
    exec "$VENV/bin/wuye" --db "$DEMO_DB" gui ;;
  test)
    setup
    shift
    export LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen
    "$VENV/bin/ruff" check .
    exec "$VENV/bin/python" -m pytest "$@" ;;
  *)
    sed -n '2,9p' "$0" >&2
    exit 2 ;;
esac
