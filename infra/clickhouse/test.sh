#!/usr/bin/env bash
# End-to-end check of the local ClickHouse scripts, on test ports so it can run next to a
# dev server: install (and its message when it cannot), up, up again, schema present, missing
# columns added, users and SQL subset (selftest), down, no stray server process.
#
#   infra/clickhouse/test.sh   (CLICKHOUSE_TEST_HTTP_PORT, default 18123; TCP +1, interserver +2)
#
# Ends with the line "clickhouse-infra: N passed, N failed"; exit 0 only if none failed.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=clickhouse-test
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$HERE/../lib/common.sh"

C=$HERE/clickhouse.sh
HTTP=${CLICKHOUSE_TEST_HTTP_PORT:-18123}
ARGS=(--name test --http-port "$HTTP" --tcp-port $((HTTP + 1)) --interserver-port $((HTTP + 2)))
passed=0 failed=0

check() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then
    echo "ok - $name"
    passed=$((passed + 1))
  else
    echo "not ok - $name"
    printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

tables_present() {
  local got
  got=$("$C" client "${ARGS[@]}" -q "SELECT name FROM system.tables WHERE database = 'plinth_events' ORDER BY name FORMAT TSV")
  [[ $got == $'dead_letters\nevents\ningest_batches' ]] || {
    echo "tables: $got"
    return 1
  }
}

# A table from before a schema/*.columns change gets the missing columns on the next `up`.
columns_migrated() {
  "$C" client "${ARGS[@]}" -q "ALTER TABLE plinth_events.ingest_batches DROP COLUMN latency_counts" || return 1
  "$C" up "${ARGS[@]}" || return 1
  local got
  got=$("$C" client "${ARGS[@]}" -q "SELECT type FROM system.columns WHERE database = 'plinth_events' AND table = 'ingest_batches' AND name = 'latency_counts' FORMAT TSV")
  [[ $got == 'Array(UInt64)' ]] || {
    echo "latency_counts after up: '$got'"
    return 1
  }
}

# Not installed (and no apt allowed): one line saying what to install, non-zero exit.
missing_server_message() {
  local bin out rc=0
  bin=$(path_without clickhouse-server clickhouse-client clickhouse)
  out=$(PATH=$bin PLINTH_NO_APT=1 "$HERE/install.sh" 2>&1) || rc=$?
  rm -rf "$bin"
  [[ $rc != 0 && $out == *"ClickHouse is not installed"*"sudo apt-get update && sudo apt-get install -y clickhouse-server clickhouse-client"* ]] || {
    echo "exit $rc, output: '$out'"
    return 1
  }
}

no_stray() {
  local pids
  pids=$(pids_with_cmdline "$PLINTH_CACHE/clickhouse/test/")
  [[ -z $pids ]] || {
    echo "stray processes: $pids"
    return 1
  }
}

"$C" down --wipe "${ARGS[@]}" >/dev/null 2>&1

check "install (idempotent)" "$HERE/install.sh"
check "not installed, no apt: says what to install, exits non-zero" missing_server_message
check "up" "$C" up "${ARGS[@]}"
check "up again is a no-op and re-applies the schema" "$C" up "${ARGS[@]}"
check "status says running" "$C" status "${ARGS[@]}"
check "schema: plinth_events has its tables" tables_present
check "schema: missing columns are added on up" columns_migrated
check "users and SQL subset (selftest)" "$C" selftest "${ARGS[@]}"
check "down" "$C" down --wipe "${ARGS[@]}"
check "no stray process" no_stray

echo "clickhouse-infra: $passed passed, $failed failed"
((failed == 0))
