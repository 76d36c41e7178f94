#!/usr/bin/env bash
# Installs everything Dealdeck needs on a fresh Debian/Ubuntu machine, and nothing twice.
# Debian packages (Emscripten, CMake, headers, fonts, Chromium), the Dear ImGui 1.86 source
# package (unpacked into .deps/, never committed) and the pinned npm packages of the browser tests.
# Safe to re-run: each step checks first and downloads nothing that is already here.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DEPS=$ROOT/.deps

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export DEBIAN_FRONTEND=noninteractive

# --- Debian packages -------------------------------------------------------------------
# DEALDECK_SETUP_BUILD_ONLY=1 (the GitHub Pages job) leaves out what only the tests need.
BUILD_ONLY=${DEALDECK_SETUP_BUILD_ONLY:-0}
PKGS=(cmake ninja-build g++ make python3 gzip xz-utils dpkg-dev
      nlohmann-json3-dev doctest-dev fonts-inter fonts-font-awesome
      node-acorn)
[ "$BUILD_ONLY" = 1 ] || PKGS+=(chromium)
# An Emscripten SDK that is already active (EMSDK set, emcc on PATH) is used as it is.
if [ -n "${EMSDK:-}" ] && command -v emcc >/dev/null 2>&1; then
  log "using the active Emscripten SDK at $EMSDK"
else
  PKGS+=(emscripten binaryen)
fi
command -v node >/dev/null 2>&1 || PKGS+=(nodejs)
command -v npm  >/dev/null 2>&1 || PKGS+=(npm)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
apt_updated=0
apt_update() { [ "$apt_updated" = 1 ] || { as_root apt-get update -qq; apt_updated=1; }; }
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  apt_update
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- Dear ImGui 1.86 sources (Debian's source package) --------------------------------------
IMGUI_VERSION=1.86
IMGUI_DIR=$DEPS/imgui-$IMGUI_VERSION
if [ ! -f "$IMGUI_DIR/imgui.cpp" ]; then
  mkdir -p "$DEPS"
  tarball=$(ls "$DEPS"/imgui_${IMGUI_VERSION}*.orig.tar.* 2>/dev/null | head -1 || true)
  if [ -z "$tarball" ]; then
    # The binary libimgui-dev has no imgui.cpp; the source package has. Enable deb-src for the
    # same mirror the machine already uses, then download (not build) the source package.
    if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      log "enabling deb-src entries to fetch the imgui source package"
      if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
          | as_root tee /etc/apt/sources.list.d/dealdeck-deb-src.sources >/dev/null
      else
        grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
          | as_root tee /etc/apt/sources.list.d/dealdeck-deb-src.list >/dev/null
      fi
      apt_updated=0
    fi
    apt_update
    log "downloading the imgui $IMGUI_VERSION source package"
    (cd "$DEPS" && apt-get source --download-only "imgui=${IMGUI_VERSION}*" >/dev/null 2>&1 \
      || (cd "$DEPS" && apt-get source --download-only imgui))
    tarball=$(ls "$DEPS"/imgui_${IMGUI_VERSION}*.orig.tar.* | head -1)
  fi
  rm -rf "$IMGUI_DIR.tmp" && mkdir -p "$IMGUI_DIR.tmp"
  tar -xf "$tarball" -C "$IMGUI_DIR.tmp" --strip-components=1
  mv "$IMGUI_DIR.tmp" "$IMGUI_DIR"
  log "imgui sources in $IMGUI_DIR"
fi

# --- npm packages of the browser tests (pinned by tests/e2e/package-lock.json) -----------------
if [ "$BUILD_ONLY" != 1 ] && [ -f tests/e2e/package-lock.json ]; then
  if [ ! -d tests/e2e/node_modules/playwright-core ] || \
     ! cmp -s tests/e2e/package-lock.json tests/e2e/node_modules/.package-lock.json.installed; then
    log "installing browser-test packages (npm ci)"
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error \
      && cp package-lock.json node_modules/.package-lock.json.installed)
  fi
fi

# --- Check the Emscripten version against the pin ---------------------------------------------
"$ROOT/scripts/check-emscripten.sh"
log "set-up complete"
