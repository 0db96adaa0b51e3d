#!/usr/bin/env bash
# The reference event pipeline running locally: Kafka, ClickHouse, an ingester and a load
# generator at a modest rate, so the pipeline-health page has a live workload to watch.
#
#   infra/pipeline/demo.sh up        start Kafka + topics, ClickHouse + schema, then the ingester
#                                    and the load generator in the background. Repeatable.
#   infra/pipeline/demo.sh down      stop the load generator, let the ingester drain, then stop
#                                    Kafka and ClickHouse (--keep-infra leaves those running).
#   infra/pipeline/demo.sh status    processes, and the ingester's last stats line.
#
# Environment:
#   PIPELINE_DEMO_RATE           events/s of the load generator (default 100: ~8.6M events/day,
#                                about 2 GB/day in Kafka (24 h retention) and 1 GB/day in ClickHouse)
#   PIPELINE_DEMO_INVALID_EVERY  make every N-th event invalid to exercise the dead-letter path
#                                (default 0 = never)
#   PIPELINE_DEMO_BATCH_WAIT     the ingester's --max-batch-wait (default 100ms: at most ten
#                                inserts a second, so ClickHouse is not busy merging tiny parts)
#   Kafka/ClickHouse ports as for infra/kafka/kafka.sh and infra/clickhouse/clickhouse.sh
#   (KAFKA_PORT, CLICKHOUSE_HTTP_PORT); PLINTH_VERBOSE=1 for progress messages.
#   PIPELINE_DEMO_DIR            where the logs and pidfiles go (default .cache/pipeline); a
#                                second demo on other ports needs its own (infra/pipeline/e2e.sh)
#
# Logs and pidfiles: $PIPELINE_DEMO_DIR/{ingester,loadgen}.{log,pid}
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=pipeline
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$HERE/../lib/common.sh"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

cmd=${1:-}
[[ -n $cmd ]] || usage 2
shift
[[ $cmd == -h || $cmd == --help || $cmd == help ]] && usage 0
keep_infra=0
while (($#)); do
  case $1 in
    --keep-infra) keep_infra=1; shift ;;
    -h | --help) usage 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done

# Absolute: the components start from the package folder.
DIR=$(realpath -m -- "${PIPELINE_DEMO_DIR:-$PLINTH_CACHE/pipeline}")
PKG=$PLINTH_REPO/packages/event-pipeline
RATE=${PIPELINE_DEMO_RATE:-100}
INVALID_EVERY=${PIPELINE_DEMO_INVALID_EVERY:-0}
BATCH_WAIT=${PIPELINE_DEMO_BATCH_WAIT:-100ms}
KAFKA=$PLINTH_REPO/infra/kafka/kafka.sh
CLICKHOUSE=$PLINTH_REPO/infra/clickhouse/clickhouse.sh
if ! [[ $RATE =~ ^[0-9]+$ ]] || ((RATE == 0)); then
  die "PIPELINE_DEMO_RATE must be a positive number, got '$RATE'"
fi

# The command of a package.json script (so the demo runs exactly what `yarn <name>` runs,
# as one process we can signal; yarn would put itself in between).
script_of() {
  (cd "$PKG" && node -p "require('./package.json').scripts['$1']")
}

component_pid() {
  read_pidfile "$DIR/$1.pid" "src/cli/$1.ts" 2>/dev/null
}

# start_component NAME ARGS...: run the package script NAME with ARGS in the background.
start_component() {
  local name=$1 command
  shift
  if component_pid "$name" >/dev/null; then
    info "$name already running"
    return 0
  fi
  command="$(script_of "$name") $*"
  rotate_log "$DIR/$name.log"
  (cd "$PKG" && start_daemon "$DIR/$name.pid" "$DIR/$name.log" bash -c "exec $command")
}

# wait_for_line NAME TEXT: until the component logs TEXT, or dies.
wait_for_line() {
  local name=$1 text=$2 deadline=$((SECONDS + 90))
  until grep -qF -- "$text" "$DIR/$name.log" 2>/dev/null; do
    component_pid "$name" >/dev/null || die_with_log "$DIR/$name.log" "$name exited during start-up"
    ((SECONDS < deadline)) || die_with_log "$DIR/$name.log" "$name did not start within 90 s"
    sleep 0.5
  done
}

cmd_up() {
  mkdir -p "$DIR"
  "$KAFKA" up
  "$KAFKA" topics
  "$CLICKHOUSE" up
  # shellcheck disable=SC1091
  . "$PLINTH_REPO/infra/bootstrap/env.sh"
  set -a
  eval "$("$KAFKA" env)"
  eval "$("$CLICKHOUSE" env)"
  set +a
  start_component ingester --max-batch-wait "$BATCH_WAIT" --stats-interval 30s
  wait_for_line ingester '"msg":"ingester started"'
  # --linger 100ms: ten produce requests a second instead of a hundred at the demo rate.
  start_component loadgen --rate "$RATE" --invalid-every "$INVALID_EVERY" --payload-bytes 64 \
    --linger 100ms --source events-loadgen --report-interval 60s
  wait_for_line loadgen '"msg":"loadgen started"'
  say "up: loadgen at $RATE events/s -> $KAFKA_EVENTS_TOPIC -> ingester -> $CLICKHOUSE_URL ($CLICKHOUSE_DATABASE.events); logs in ${DIR#"$PLINTH_REPO"/}"
}

stop_component() {
  local name=$1 timeout=$2 pid
  pid=$(component_pid "$name") || return 0
  stop_pids "$timeout" "$pid" || die "could not stop $name (pid $pid)"
  rm -f "$DIR/$name.pid"
  info "stopped $name"
}

cmd_down() {
  # Producer first, so the ingester's drain has a fixed end.
  stop_component loadgen 15
  stop_component ingester 45
  if ((!keep_infra)); then
    "$KAFKA" down
    "$CLICKHOUSE" down
  fi
  say "down"
}

cmd_status() {
  local name pid rc=0
  for name in loadgen ingester; do
    if pid=$(component_pid "$name"); then
      echo "$name: running pid $pid, rss $(rss_mib "$pid") MiB, log ${DIR#"$PLINTH_REPO"/}/$name.log"
    else
      echo "$name: stopped"
      rc=3
    fi
  done
  local last
  last=$(grep -F '"msg":"ingester stats"' "$DIR/ingester.log" 2>/dev/null | tail -n1 || true)
  [[ -n $last ]] && echo "last ingester stats: $last"
  return "$rc"
}

case $cmd in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) die "unknown command '$cmd' (up, down, status)" ;;
esac
