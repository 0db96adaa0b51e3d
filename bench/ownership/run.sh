#!/usr/bin/env bash
# make bench-ownership: the ownership matrix API benchmark on SQLite, the Ownership page in
# Chromium (time to first rows), then the API benchmark on a throwaway Postgres.
#   bench/ownership/run.sh [--sqlite-only] [--no-page] [--components N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. infra/bootstrap/env.sh
out="$ROOT/bench/ownership/results"
mkdir -p "$out"
sqlite_only=false
page=true
extra=()
for a in "$@"; do
  case "$a" in
    --sqlite-only) sqlite_only=true ;;
    --no-page) page=false ;;
    *) extra+=("$a") ;;
  esac
done

export NODE_OPTIONS="--max-old-space-size=4096"
echo "== ownership bench: SQLite" >&2
sucrase-node bench/ownership/bench.ts "${extra[@]}" | tee "$out/sqlite.json"

if $page; then
  echo "== ownership bench: Ownership page, time to first rows (Chromium)" >&2
  infra/bootstrap/apt.sh chromium
  # Measure the frontend as it is now, not an older build.
  yarn workspace @plinth/app build >&2
  sucrase-node bench/ownership/firstRows.ts "${extra[@]}" | tee "$out/page.json"
fi

if ! $sqlite_only; then
  dir="$(mktemp -d /tmp/plinth-bench-pg-XXXX)"
  port="${BENCH_POSTGRES_PORT:-55433}"
  infra/postgres/postgres.sh up --dir "$dir" --port "$port" --password bench >&2
  trap 'infra/postgres/postgres.sh down --dir "$dir" >&2; rm -rf "$dir"' EXIT
  echo "== ownership bench: Postgres" >&2
  sucrase-node bench/ownership/bench.ts --postgres "postgresql://plinth:bench@127.0.0.1:$port/postgres" "${extra[@]}" \
    | tee "$out/postgres.json"
fi

# The results are committed: keep them in the repository's format (prettier:check).
prettier --write "$out"/*.json >/dev/null
