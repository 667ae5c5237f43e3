#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, or explain what to install and fail.
set -u
# venv needs ensurepip too (Debian ships it separately as python3.x-venv).
check() { "$1" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
for name in python3.13 python3.12; do
  p=$(command -v "$name" 2>/dev/null) && candidates+=("$p")
done
for dir in "$HOME"/.pyenv/versions/3.13* "$HOME"/.pyenv/versions/3.12*; do
  [ -x "$dir/bin/python3" ] && candidates+=("$dir/bin/python3")
done
p=$(command -v python3 2>/dev/null) && candidates+=("$p")
for c in "${candidates[@]}"; do
  if check "$c"; then echo "$c"; exit 0; fi
done
cat >&2 <<'MSG'
Wuye needs Python 3.12 or newer (3.13 preferred), with the venv module, and none was found.
Install one of:
  Debian/Ubuntu:  sudo apt-get install python3.13 python3.13-venv   (or python3.12 python3.12-venv)
  pyenv:          pyenv install 3.13
  macOS:          brew install python@3.13
or point PYTHON at an interpreter:  make run PYTHON=/path/to/python3.13
MSG
exit 1
