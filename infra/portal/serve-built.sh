#!/usr/bin/env bash
# Serves the production build of the frontend from the real backend on one port,
# as the browser tests and `make start-built` use it: serve-built.sh [PORT]
# The frontend must have been built first (yarn workspace @plinth/app build).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/infra/bootstrap/env.sh"
PORT="${1:-${PLINTH_PORT:-7007}}"
[[ $# -gt 0 ]] && shift
if [[ ! -f "$ROOT/packages/app/dist/index.html" ]]; then
  echo "error: no frontend build in packages/app/dist; run: yarn workspace @plinth/app build" >&2
  exit 1
fi
export NODE_ENV="${NODE_ENV:-development}"
export APP_CONFIG_app_baseUrl="http://localhost:$PORT"
export APP_CONFIG_backend_baseUrl="http://localhost:$PORT"
export APP_CONFIG_backend_listen_port="$PORT"
export APP_CONFIG_backend_cors_origin="http://localhost:$PORT"
cd "$ROOT/packages/backend"
exec node --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" src/index.ts \
  --config "$ROOT/app-config.yaml" "$@"
