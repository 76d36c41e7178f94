#!/usr/bin/env bash
# Runs every test of Dealdeck and prints one summary; `.ci/run` calls exactly this.
#
#   1. scripts/setup.sh          installs whatever is missing (nothing is downloaded twice)
#   2. native build + ctest      doctest suites of the core and the UI (build/native)
#   3. WASM build + ctest        the release web app (build/web/app) and core_tests_wasm: the
#                                core's doctest suite compiled with Emscripten, run under Node
#   4. size budget               scripts/sizes.sh: js/wasm/data sizes, wasm <= 1.0 MB gzip
#   5. browser tests             tests/e2e/*.test.mjs: node --test, playwright-core, Debian Chromium
#
# Every suite runs even when an earlier one failed (a failed build skips only what needs it).
# Exit status is non-zero when anything failed, and also when a suite ran no test at all.
# The last line printed is always "<N> passed, <N> failed", totals over all suites.
# Options: SKIP_SETUP=1 skips step 1; JOBS=<n> build jobs (default 2).
set -uo pipefail
cd "$(dirname "$0")/.."
DD_LOG_TAG=test
# shellcheck source=lib/build.sh
source scripts/lib/build.sh

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
record() { # suite passed failed note
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
  local verdict=ok
  [ "$3" -gt 0 ] && verdict=FAILED
  SUMMARY+=("$(printf '  %-26s %-7s %5s passed %5s failed   %s' "$1" "$verdict" "$2" "$3" "$4")")
}
step_start() { STEP_T0=$SECONDS; printf '\n\033[1m==== %s ====\033[0m\n' "$1"; }
step_time() { echo "$((SECONDS - STEP_T0)) s"; }
# Steps that are not tests (set-up, builds) show their time in the summary, uncounted.
note_time() { SUMMARY+=("$(printf '  %-26s %-7s %32s   %s' "$1" ok "" "$(step_time)")"); }

finish() {
  printf '\n\033[1m==== summary (%d s in all) ====\033[0m\n' "$SECONDS"
  printf '%s\n' "${SUMMARY[@]}"
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
  [ "$TOTAL_FAILED" -eq 0 ] && [ "$TOTAL_PASSED" -gt 0 ]
  exit $?
}

# ctest in one build folder; counts doctest test cases (scripts/lib/count-tests.mjs).
# A folder where ctest finds no test, or lacks a test it must have, counts as a failure.
run_ctest() { # suite build-dir required-test...
  local suite=$1 dir=$2; shift 2
  step_start "$suite"
  local listing; listing=$(ctest --test-dir "$dir" -N 2>&1)
  local count; count=$(sed -n 's/^Total Tests: *//p' <<<"$listing")
  if [ "${count:-0}" -eq 0 ]; then
    echo "ctest found no tests in $dir"
    record "$suite" 0 1 "ctest found 0 tests"
    return
  fi
  for t in "$@"; do
    if ! grep -qE "Test +#[0-9]+: $t\$" <<<"$listing"; then
      echo "ctest in $dir has no test named $t"
      record "$suite" 0 1 "test $t is not registered"
      return
    fi
  done
  rm -f "$dir/Testing/Temporary/LastTest.log"
  # Each suite takes seconds (~10 s natively, ~7 s in WASM here): a hung test is cut off after
  # 5 minutes, not left to eat the CI's time.
  ctest --test-dir "$dir" --output-on-failure --timeout 300
  local rc=$?
  local passed=0 failed=0
  if [ -f "$dir/Testing/Temporary/LastTest.log" ]; then
    read -r passed failed < <(node scripts/lib/count-tests.mjs ctest "$dir/Testing/Temporary/LastTest.log")
  fi
  [ $rc -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
  [ $((passed + failed)) -eq 0 ] && failed=1
  record "$suite" "$passed" "$failed" "$count ctest tests, doctest cases counted, $(step_time)"
}

# --- 1. set-up --------------------------------------------------------------------------------
if [ "${SKIP_SETUP:-0}" != 1 ]; then
  step_start "set-up (scripts/setup.sh)"
  if ! scripts/setup.sh; then
    record "set-up" 0 1 "scripts/setup.sh failed"
    finish
  fi
  note_time "set-up"
fi
dd_env

# --- 2. native ------------------------------------------------------------------------------
step_start "native build ($DD_NATIVE_BUILD)"
if dd_build_native; then
  note_time "native build"
  run_ctest "native doctest (ctest)" "$DD_NATIVE_BUILD" core_tests
else
  record "native build" 0 1 "build failed, native tests not run"
fi

# --- 3. WASM ----------------------------------------------------------------------------------
step_start "WASM build ($DD_WEB_BUILD)"
web_ok=0
if dd_build_web; then
  web_ok=1
  note_time "WASM build"
  run_ctest "WASM core tests (ctest)" "$DD_WEB_BUILD" core_tests_wasm
else
  record "WASM build" 0 1 "build failed, WASM and browser tests not run"
fi

# --- 4. sizes ---------------------------------------------------------------------------------
if [ $web_ok = 1 ]; then
  step_start "size budget (scripts/sizes.sh)"
  if scripts/sizes.sh "$DD_WEB_BUILD/app"; then
    record "size budget" 1 0 "wasm <= 1.0 MB gzip"
  else
    record "size budget" 0 1 "see the size table above"
  fi
fi

# --- 5. browser tests -------------------------------------------------------------------------
if [ $web_ok = 1 ]; then
  step_start "browser tests (tests/e2e, headless Chromium)"
  report=tests/e2e/test-results/report.tap
  mkdir -p tests/e2e/test-results && rm -f "$report"
  shopt -s nullglob
  e2e_files=(tests/e2e/*.test.mjs)
  if [ ${#e2e_files[@]} -eq 0 ]; then
    record "browser tests" 0 1 "no tests/e2e/*.test.mjs"
  elif [ ! -d tests/e2e/node_modules/playwright-core ]; then
    record "browser tests" 0 1 "playwright-core not installed (scripts/setup.sh runs npm ci)"
  else
    # One file at a time: each test runs its own Chromium on a 2-core machine.
    (cd tests/e2e && DEALDECK_APP_DIR="$DD_WEB_BUILD/app" node --test --test-concurrency=1 \
      --test-timeout=180000 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination=test-results/report.tap \
      "${e2e_files[@]#tests/e2e/}")
    rc=$?
    passed=0 failed=0
    [ -f "$report" ] && read -r passed failed < <(node scripts/lib/count-tests.mjs tap "$report")
    [ $rc -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
    [ $((passed + failed)) -eq 0 ] && failed=1
    record "browser tests" "$passed" "$failed" "${#e2e_files[@]} files, node --test, $(step_time)"
  fi
fi

finish
