#!/usr/bin/env bash
# Compares `emcc --version` with emsdk-version.txt and says clearly when they differ.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(tr -d ' \n' < emsdk-version.txt)
if ! command -v emcc >/dev/null 2>&1; then
  echo "error: emcc not found; run scripts/setup.sh (installs Debian's emscripten $want)" >&2
  exit 1
fi
have=$(emcc --version 2>/dev/null | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
if [ "$have" != "$want" ]; then
  echo "error: emcc is $have but emsdk-version.txt pins $want." >&2
  echo "       Install Emscripten $want (Debian bookworm's package, or 'emsdk install $want && emsdk activate $want')," >&2
  echo "       or set DEALDECK_ALLOW_EMCC_MISMATCH=1 to build anyway at your own risk." >&2
  [ "${DEALDECK_ALLOW_EMCC_MISMATCH:-0}" = 1 ] || exit 1
fi
