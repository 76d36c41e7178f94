#!/usr/bin/env bash
# Compares `emcc --version` with emsdk-version.txt and says clearly when they differ.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(tr -d ' \n' < emsdk-version.txt)
if ! command -v emcc >/dev/null 2>&1; then
  echo "error: emcc not found; run scripts/setup.sh (installs Debian's emscripten $want)" >&2
  exit 1
fi
# No `| head` on emcc's output: under pipefail, emcc writing into a closed pipe fails the script
# now and then (seen: set-up failing silently). sed reads all of it.
first_line=$(emcc --version 2>/dev/null | sed -n 1p)
have=$(grep -oE -m1 '[0-9]+\.[0-9]+\.[0-9]+' <<<"$first_line" | sed -n 1p)
if [ "$have" != "$want" ]; then
  echo "error: emcc is $have but emsdk-version.txt pins $want." >&2
  echo "       Install Emscripten $want (Debian bookworm's package, or 'emsdk install $want && emsdk activate $want')," >&2
  echo "       or set DEALDECK_ALLOW_EMCC_MISMATCH=1 to build anyway at your own risk." >&2
  [ "${DEALDECK_ALLOW_EMCC_MISMATCH:-0}" = 1 ] || exit 1
fi
