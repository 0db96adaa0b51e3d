#!/usr/bin/env bash
# Runs a throwaway PostgreSQL server from Debian's packages on a loopback port.
#   postgres.sh up   --dir DIR --port PORT [--password PW]   init (first time) + start, waits until ready
#   postgres.sh down --dir DIR                               fast shutdown, no stray process
# The server listens on 127.0.0.1 only; the superuser is `plinth` with the given password.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cmd="${1:-}"; shift || true
DIR="$ROOT/.cache/postgres/dev"; PORT="${POSTGRES_PORT:-5433}"; PASSWORD="${POSTGRES_PASSWORD:-plinth-dev}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --password) PASSWORD="$2"; shift 2 ;;
    *) echo "postgres.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

# The newest installed major version (the glob stays literal when none is installed).
newest_bin() { printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1; }
bin="$(newest_bin)"
if [[ ! -x "$bin/pg_ctl" ]]; then
  "$ROOT/infra/bootstrap/apt.sh" postgresql
  bin="$(newest_bin)"
fi

# PostgreSQL refuses to run as root: when we are root, run it as the `postgres` system
# user that Debian's package creates.
as_owner=()
if [[ "$(id -u)" -eq 0 ]]; then as_owner=(runuser -u postgres --); fi

case "$cmd" in
  up)
    mkdir -p "$DIR"
    [[ ${#as_owner[@]} -gt 0 ]] && chown postgres: "$DIR"
    if [[ ! -f "$DIR/data/PG_VERSION" ]]; then
      pwfile="$(mktemp)"; printf '%s' "$PASSWORD" > "$pwfile"
      [[ ${#as_owner[@]} -gt 0 ]] && chown postgres: "$pwfile"
      "${as_owner[@]}" "$bin/initdb" -D "$DIR/data" -U plinth --pwfile="$pwfile" \
        --auth=scram-sha-256 -E UTF8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; rm -f "$pwfile"; exit 1; }
      rm -f "$pwfile"
    fi
    "${as_owner[@]}" "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $PORT -k $DIR/data -c fsync=off -c max_connections=200" start >/dev/null \
      || { tail -20 "$DIR/server.log" >&2; exit 1; }
    echo "postgres ready on 127.0.0.1:$PORT (data $DIR/data)"
    ;;
  down)
    if [[ -f "$DIR/data/postmaster.pid" ]]; then
      "${as_owner[@]}" "$bin/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >/dev/null
    fi
    ;;
  *)
    echo "usage: postgres.sh up|down [--dir DIR] [--port PORT] [--password PW]" >&2; exit 2 ;;
esac
