#!/usr/bin/env bash
# The reference pipeline for the pipeline-health browser tests, in the foreground: its own
# Kafka, ClickHouse, ingester and load generator on the ports given, with their own data,
# logs and pidfiles, so it never touches a developer's `make start` / `make pipeline-up`.
#
#   infra/pipeline/e2e.sh --kafka-port N --clickhouse-port N [--rate EVENTS_PER_S]
#
# Starts everything (infra/pipeline/demo.sh up with its own PIPELINE_DEMO_DIR), waits until
# the ingester has committed a batch to ClickHouse (the whole path runs), prints one line
# "pipeline-e2e: ready ..." on stdout, and then waits. On SIGTERM, SIGINT or any exit it
# stops what it started and deletes its data: Playwright's webServer (gracefulShutdown
# SIGTERM) owns its lifetime. It refuses to start when one of its ports is already in use,
# so whatever it stops is its own.
#
#   --kafka-port N       broker port; the controller listens on N+1
#   --clickhouse-port N  HTTP port; native TCP on N+1, interserver on N+2
#   --rate N             load generator events/s (default 50)
#   PLINTH_VERBOSE=1 for progress messages.
#
# State: .cache/pipeline-e2e/k<kafka-port>/ (demo logs), .cache/kafka/e2e-p<kafka-port>/,
# .cache/clickhouse/e2e-p<clickhouse-port>/; all removed on exit.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=pipeline-e2e
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$HERE/../lib/common.sh"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

kafka_port='' clickhouse_port='' rate=50
while (($#)); do
  case $1 in
    --kafka-port) kafka_port=${2:?--kafka-port needs a port}; shift 2 ;;
    --clickhouse-port) clickhouse_port=${2:?--clickhouse-port needs a port}; shift 2 ;;
    --rate) rate=${2:?--rate needs events per second}; shift 2 ;;
    -h | --help) usage 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
[[ -n $kafka_port && -n $clickhouse_port ]] || die "--kafka-port and --clickhouse-port are required (try --help)"
check_port "$kafka_port" --kafka-port
check_port "$clickhouse_port" --clickhouse-port
((kafka_port < 65535 && clickhouse_port < 65534)) || die "the ports need one (Kafka) and two (ClickHouse) free ports above them"
[[ $rate =~ ^[1-9][0-9]*$ ]] || die "--rate must be a positive number, got '$rate'"

ports=("$kafka_port" $((kafka_port + 1)) "$clickhouse_port" $((clickhouse_port + 1)) $((clickhouse_port + 2)))
if (($(printf '%s\n' "${ports[@]}" | sort -u | wc -l) != ${#ports[@]})); then
  die "the Kafka ports ($kafka_port, +1) and the ClickHouse ports ($clickhouse_port, +1, +2) overlap"
fi
for p in "${ports[@]}"; do
  # Someone else's server on one of our ports would be reused by kafka.sh/clickhouse.sh and
  # then stopped by our cleanup: refuse instead.
  if tcp_open 127.0.0.1 "$p"; then
    die "port $p is in use; pick other ports (infra/bootstrap/bin/free-port)"
  fi
done

export KAFKA_PORT=$kafka_port KAFKA_CLUSTER_NAME=e2e-p$kafka_port KAFKA_BROKERS=1
export CLICKHOUSE_HTTP_PORT=$clickhouse_port CLICKHOUSE_NAME=e2e-p$clickhouse_port
export PIPELINE_DEMO_DIR=$PLINTH_CACHE/pipeline-e2e/k$kafka_port PIPELINE_DEMO_RATE=$rate
DEMO=$HERE/demo.sh
KAFKA=$PLINTH_REPO/infra/kafka/kafka.sh
CLICKHOUSE=$PLINTH_REPO/infra/clickhouse/clickhouse.sh

stopping=0 sleeper=''
cleanup() {
  local rc=$?
  ((stopping)) && return
  stopping=1
  trap '' TERM INT
  [[ -z $sleeper ]] || kill "$sleeper" 2>/dev/null || true
  local stop_start
  stop_start=$(now_ms)
  say "stopping (load generator, ingester, Kafka, ClickHouse) and deleting their data"
  "$DEMO" down --keep-infra || rc=1
  "$KAFKA" down --wipe || rc=1
  "$CLICKHOUSE" down --wipe || rc=1
  rm -rf "$PIPELINE_DEMO_DIR"
  say "stopped in $(elapsed "$stop_start")"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# Data left by a run that was killed (SIGKILL skips the cleanup): start from empty, so the
# numbers the tests watch start at zero.
"$KAFKA" down --wipe >/dev/null
"$CLICKHOUSE" down --wipe >/dev/null

start=$(now_ms)
"$DEMO" up

# The pipeline runs once the ingester has committed a batch: Kafka, the topic, the load
# generator, the ingester and ClickHouse all took part. The `default` user is loopback-only.
deadline=$((SECONDS + 90))
batches=0
until ((batches > 0)); do
  batches=$(curl -fsS --max-time 5 "http://127.0.0.1:$clickhouse_port/" \
    --data-binary 'SELECT count() FROM plinth_events.ingest_batches' 2>/dev/null || echo 0)
  ((batches > 0)) && break
  ((SECONDS < deadline)) || die_with_log "$PIPELINE_DEMO_DIR/ingester.log" "no batch reached ClickHouse within 90 s"
  sleep 0.5
done
echo "pipeline-e2e: ready in $(elapsed "$start"): Kafka 127.0.0.1:$kafka_port, ClickHouse http://127.0.0.1:$clickhouse_port, loadgen $rate events/s"

# Wait in the background so that a signal runs the trap at once.
while :; do
  sleep 3600 &
  sleeper=$!
  wait "$sleeper" || true
done
