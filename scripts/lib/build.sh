# Shared by scripts/serve.sh, scripts/test.sh and the benchmark scripts: the environment and the builds.
# Source it from a script that has already done `cd` to the repository root.
#
#   build/native : g++ Release, doctest suites + benchmarks, run by ctest
#   build/web    : emcmake Release, the app in build/web/app/ and core_tests as WASM (ctest)
# Both use Ninja with at most 2 jobs (JOBS overrides): the machine has 2 cores.

DD_ROOT=${DD_ROOT:-$PWD}
DD_NATIVE_BUILD=${DD_NATIVE_BUILD:-$DD_ROOT/build/native}
DD_WEB_BUILD=${DD_WEB_BUILD:-$DD_ROOT/build/web}
DD_JOBS=${JOBS:-2}

dd_log() { printf '\033[1m[%s]\033[0m %s\n' "${DD_LOG_TAG:-dealdeck}" "$*"; }

# Environment every build and test step needs.
dd_env() {
  # Emscripten 3.1.6 runs acorn through Node for -O2 and up; Debian's node-acorn lives here and
  # Node does not look there by itself (docs: /work/shared/toolchain.md).
  case ":${NODE_PATH:-}:" in
    *:/usr/share/nodejs:*) ;;
    *) export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH} ;;
  esac
  export CMAKE_BUILD_PARALLEL_LEVEL=$DD_JOBS
  # An Emscripten SDK that is already active (EMSDK set, emcc on PATH) wins; setup.sh then
  # leaves Debian's emscripten out. Otherwise Debian's /usr/bin/emcc is the one on PATH.
  if [ -n "${EMSDK:-}" ] && command -v emcc >/dev/null 2>&1; then
    dd_log "using the active Emscripten SDK: $(command -v emcc)"
  fi
}

# Configures once (re-running cmake on an existing build only re-checks), then builds.
dd_build_native() {
  if [ ! -f "$DD_NATIVE_BUILD/build.ninja" ]; then
    cmake -S "$DD_ROOT" -B "$DD_NATIVE_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release || return 1
  fi
  cmake --build "$DD_NATIVE_BUILD" -j "$DD_JOBS"
}

dd_build_web() {
  if [ ! -f "$DD_WEB_BUILD/build.ninja" ]; then
    # Benchmarks are native programs for this build's purpose; scripts/bench.sh builds its own.
    emcmake cmake -S "$DD_ROOT" -B "$DD_WEB_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DDEALDECK_BUILD_BENCH=OFF || return 1
  fi
  cmake --build "$DD_WEB_BUILD" -j "$DD_JOBS"
}

# A benchmark target built natively and with Emscripten in folders of its own (Release, -O3),
# so the figures never come from a debug or a test build. Used by scripts/bench*.sh.
dd_build_bench_pair() { # native-dir wasm-dir target
  local native=$1 wasm=$2 target=$3
  dd_log "native build of $target in $native"
  [ -f "$native/build.ninja" ] || cmake -S "$DD_ROOT" -B "$native" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$native" -j "$DD_JOBS" --target "$target"
  dd_log "WASM build of $target in $wasm"
  [ -f "$wasm/build.ninja" ] || emcmake cmake -S "$DD_ROOT" -B "$wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DDEALDECK_BUILD_TESTS=OFF >/dev/null
  cmake --build "$wasm" -j "$DD_JOBS" --target "$target"
}
