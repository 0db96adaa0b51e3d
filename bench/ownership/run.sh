#!/usr/bin/env bash
# make bench-ownership: the ownership matrix benchmark on SQLite, then on a throwaway Postgres.
#   bench/ownership/run.sh [--sqlite-only] [--components N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. infra/bootstrap/env.sh
out="$ROOT/bench/ownership/results"
mkdir -p "$out"
sqlite_only=false
extra=()
for a in "$@"; do
  if [[ "$a" == "--sqlite-only" ]]; then sqlite_only=true; else extra+=("$a"); fi
done

export NODE_OPTIONS="--max-old-space-size=4096"
echo "== ownership bench: SQLite" >&2
sucrase-node bench/ownership/bench.ts "${extra[@]}" | tee "$out/sqlite.json"

if ! $sqlite_only; then
  dir="$(mktemp -d /tmp/plinth-bench-pg-XXXX)"
  port="${BENCH_POSTGRES_PORT:-55433}"
  infra/postgres/postgres.sh up --dir "$dir" --port "$port" --password bench >&2
  trap 'infra/postgres/postgres.sh down --dir "$dir" >&2; rm -rf "$dir"' EXIT
  echo "== ownership bench: Postgres" >&2
  sucrase-node bench/ownership/bench.ts --postgres "postgresql://plinth:bench@127.0.0.1:$port/postgres" "${extra[@]}" \
    | tee "$out/postgres.json"
fi
