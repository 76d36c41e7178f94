#!/usr/bin/env bash
# Release build without tests or serving (what GitHub Pages deploys; serve.sh and test.sh use
# the same steps through scripts/lib/build.sh). Run scripts/setup.sh once before.
#
#   scripts/build.sh web      -> build/web/app/ (index.html, dealdeck.js/.wasm/.data), sizes printed
#   scripts/build.sh native   -> build/native/ (libraries, doctest suites, benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
DD_LOG_TAG=build
# shellcheck source=lib/build.sh
source scripts/lib/build.sh
dd_env
case ${1:-web} in
  web) dd_build_web; scripts/sizes.sh "$DD_WEB_BUILD/app" ;;
  native) dd_build_native ;;
  *) echo "usage: scripts/build.sh [web|native]" >&2; exit 2 ;;
esac
