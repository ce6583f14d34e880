#!/usr/bin/env bash
# Pin the exact version of every Python package (PySide6 and its parts included) in
# constraints.txt, which scripts/dev.sh and build_installer.py install from:
#   scripts/lock.sh add       after adding a dependency to pyproject.toml: keep every current
#                             pin, resolve only what is new, and pin it too
#   scripts/lock.sh upgrade   resolve everything afresh to the newest versions pyproject.toml
#                             allows, and pin those
# Either way: run `scripts/dev.sh test` on the new pins, then commit constraints.txt with the
# change that needed it. Packages come from the index pip is configured with; a fresh venv in
# a temporary folder is used, so .venv is not touched until dev.sh installs the new pins.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
mode=${1:-}
case "$mode" in
  add) keep=(-c constraints.txt) ;;
  upgrade) keep=() ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PYTHON" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --upgrade pip
"$tmp/venv/bin/python" -m pip install -q "${keep[@]}" -e ".[test]"
{
  echo "# The versions the test suite passes on: scripts/dev.sh and build_installer.py install"
  echo "# with \`pip install -c constraints.txt\`. Made by scripts/lock.sh (see README, Installs);"
  echo "# do not edit by hand. Python $("$tmp/venv/bin/python" -c 'import platform; print(platform.python_version())'), $(date -u +%Y-%m-%d)."
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable | LC_ALL=C sort -f
} > constraints.txt.new
mv constraints.txt.new constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages pinned; now run scripts/dev.sh test"
