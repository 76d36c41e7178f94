#!/usr/bin/env bash
# Prints the size of the built web app's files, raw and gzip (gzip -9, what a static host sends),
# and enforces the budget: the .wasm must be at most 1.0 MB (1,000,000 bytes) gzip. Fonts do not
# count against it: they ship in the .data package, not in the .wasm.
#
#   scripts/sizes.sh [app-folder]      (default build/web/app)
# Exit status: 0 within budget, 1 over budget, 2 nothing to measure.
# DD_WASM_GZIP_BUDGET=<bytes> overrides the budget (for experiments, never in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
APP=${1:-build/web/app}
BUDGET=${DD_WASM_GZIP_BUDGET:-1000000}

human() { awk -v b="$1" 'BEGIN { if (b >= 1000000) printf "%.2f MB", b/1000000; else printf "%.1f KB", b/1000 }'; }
gzip_size() { gzip -9 -c "$1" | wc -c; }

shopt -s nullglob
files=("$APP"/*.js "$APP"/*.wasm "$APP"/*.data)
wasm=("$APP"/*.wasm)
if [ ${#wasm[@]} -eq 0 ]; then
  echo "sizes: no .wasm in $APP: build the web app first" >&2
  exit 2
fi

printf '%-24s %12s %12s\n' "web app file" "raw" "gzip -9"
for f in "${files[@]}"; do
  printf '%-24s %12s %12s\n' "$(basename "$f")" "$(human "$(stat -c %s "$f")")" "$(human "$(gzip_size "$f")")"
done

status=0
for w in "${wasm[@]}"; do
  gz=$(gzip_size "$w")
  if [ "$gz" -le "$BUDGET" ]; then
    echo "size budget: $(basename "$w") is $(human "$gz") gzip, within $(human "$BUDGET"): ok"
  else
    echo "size budget: $(basename "$w") is $(human "$gz") gzip, OVER the $(human "$BUDGET") budget: FAIL"
    status=1
  fi
done
exit $status
