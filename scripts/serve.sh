#!/usr/bin/env bash
# Installs whatever is missing, builds the release web app and serves it on 127.0.0.1.
#
#   scripts/serve.sh                 -> http://127.0.0.1:8080/
#   scripts/serve.sh --port 9000     (or PORT=9000 scripts/serve.sh)
# Options: SKIP_SETUP=1 skips scripts/setup.sh; JOBS=<n> build jobs (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
DD_LOG_TAG=serve
# shellcheck source=lib/build.sh
source scripts/lib/build.sh

PORT=${PORT:-8080}
while [ $# -gt 0 ]; do
  case $1 in
    --port) PORT=${2:?--port needs a number}; shift 2 ;;
    --port=*) PORT=${1#--port=}; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
case $PORT in ''|*[!0-9]*) echo "serve.sh: port must be a number, got '$PORT'" >&2; exit 2 ;; esac

[ "${SKIP_SETUP:-0}" = 1 ] || scripts/setup.sh
dd_env
dd_log "building the release web app in $DD_WEB_BUILD"
dd_build_web
# Sizes are printed for information here; scripts/test.sh is the one that enforces the budget.
scripts/sizes.sh "$DD_WEB_BUILD/app" || dd_log "warning: see the size budget above"

dd_log "serving $DD_WEB_BUILD/app"
exec node scripts/static-server.mjs --root "$DD_WEB_BUILD/app" --port "$PORT" --quiet
