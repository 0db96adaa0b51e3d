#!/usr/bin/env bash
# Run a local Apache Kafka cluster (KRaft, combined broker+controller nodes) on loopback.
#
#   infra/kafka/kafka.sh COMMAND [options]
#
#   up                  fetch jars if needed, format storage on first start, start every
#                       node, wait until all brokers are in the cluster metadata. Repeatable.
#   down [--wipe]       stop every node (SIGTERM, SIGKILL after $KAFKA_STOP_TIMEOUT s);
#                       --wipe deletes the cluster's data. --all: every cluster in .cache/kafka.
#   status [--all]      print state; exit 0 all running, 1 partly, 3 stopped.
#   topics              create events-raw (--partitions, default 6) and events-dlq
#                       (--dlq-partitions, default 1) if missing.
#   smoke               produce one message to a throwaway topic and consume it back.
#   peek TOPIC [--max N]  print the first N (default 20) messages of TOPIC from the beginning,
#                       with partition, offset and headers (e.g. the dead-letter topic).
#   restart-broker N    stop node N and start it again (failover tests); also
#   stop-broker N [--kill] / start-broker N.
#   bootstrap | env     print the bootstrap servers / KAFKA_* lines for other tools.
#
# Options (or environment):
#   --brokers 1|3        KAFKA_BROKERS         default 1
#   --base-port N        KAFKA_PORT            default 9092. Node i listens on N+2(i-1) (broker)
#                                              and N+2(i-1)+1 (controller): 1 node = 9092/9093,
#                                              3 nodes = 9092/9093, 9094/9095, 9096/9097.
#   --name NAME          KAFKA_CLUSTER_NAME    default b<brokers>-p<base-port>; data in
#                                              .cache/kafka/<name>/
#   KAFKA_HEAP_OPTS (default -Xmx512m -Xms256m, 3 nodes -Xmx256m -Xms128m each),
#   KAFKA_READY_TIMEOUT (90 s), KAFKA_STOP_TIMEOUT (30 s), KAFKA_EVENTS_TOPIC (events-raw),
#   KAFKA_DLQ_TOPIC (events-dlq), KAFKA_EVENTS_PARTITIONS, KAFKA_DLQ_PARTITIONS,
#   PLINTH_VERBOSE=1 for progress messages.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=kafka
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

KAFKA_ROOT=$PLINTH_CACHE/kafka
LIBS=$KAFKA_ROOT/libs
BROKERS=${KAFKA_BROKERS:-}
BASE_PORT=${KAFKA_PORT:-}
NAME=${KAFKA_CLUSTER_NAME:-}
READY_TIMEOUT=${KAFKA_READY_TIMEOUT:-90}
STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}
EVENTS_TOPIC=${KAFKA_EVENTS_TOPIC:-events-raw}
DLQ_TOPIC=${KAFKA_DLQ_TOPIC:-events-dlq}
EVENTS_PARTITIONS=${KAFKA_EVENTS_PARTITIONS:-6}
DLQ_PARTITIONS=${KAFKA_DLQ_PARTITIONS:-1}
wipe=0 all=0 hard_kill=0 node_arg='' peek_topic='' peek_max=20
STARTED=() STOPPED=0

case $cmd in
  restart-broker | stop-broker | start-broker)
    node_arg=${1:-}
    [[ $node_arg =~ ^[1-9][0-9]*$ ]] || die "$cmd needs a node number (1..brokers)"
    shift
    ;;
  peek)
    peek_topic=${1:-}
    [[ -n $peek_topic && $peek_topic != -* ]] || die "peek needs a topic name, e.g. 'peek $DLQ_TOPIC'"
    check_name "$peek_topic" "topic name"
    shift
    ;;
esac
while (($#)); do
  case $1 in
    --brokers) BROKERS=${2:?--brokers needs 1 or 3}; shift 2 ;;
    --base-port) BASE_PORT=${2:?--base-port needs a port}; shift 2 ;;
    --name) NAME=${2:?--name needs a value}; shift 2 ;;
    --partitions) EVENTS_PARTITIONS=${2:?--partitions needs a number}; shift 2 ;;
    --dlq-partitions) DLQ_PARTITIONS=${2:?--dlq-partitions needs a number}; shift 2 ;;
    --wipe) wipe=1; shift ;;
    --all) all=1; shift ;;
    --kill) hard_kill=1; shift ;;
    --max) peek_max=${2:?--max needs a number}; shift 2 ;;
    -h | --help) usage 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done

# A named cluster remembers its shape, so `down --name X` needs no ports.
load_cluster() {
  local dir=$KAFKA_ROOT/$1 b='' p='' shape
  [[ -f $dir/cluster.env ]] || return 1
  # cluster.env is written by `up` for each cluster, so there is no file to follow here.
  # shellcheck disable=SC1091
  shape=$(. "$dir/cluster.env" && echo "$BROKERS $BASE_PORT")
  read -r b p <<<"$shape"
  if [[ -n $BROKERS && $BROKERS != "$b" ]] || [[ -n $BASE_PORT && $BASE_PORT != "$p" ]]; then
    die "cluster '$1' was created with --brokers $b --base-port $p; use those, another --name, or 'down --wipe --name $1'"
  fi
  BROKERS=$b BASE_PORT=$p
}

resolve_cluster() {
  if [[ -n $NAME ]]; then
    check_name "$NAME" "cluster name"
    load_cluster "$NAME" || true
  fi
  BROKERS=${BROKERS:-1}
  BASE_PORT=${BASE_PORT:-9092}
  [[ $BROKERS == 1 || $BROKERS == 3 ]] || die "--brokers must be 1 or 3, got '$BROKERS'"
  local port
  for ((port = BASE_PORT; port < BASE_PORT + 2 * BROKERS; port++)); do
    check_port "$port" "Kafka port (from --base-port $BASE_PORT)"
  done
  NAME=${NAME:-b$BROKERS-p$BASE_PORT}
  DIR=$KAFKA_ROOT/$NAME
  if ((BROKERS == 1)); then
    RF=1 MIN_ISR=1 HEAP=${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}
  else
    RF=3 MIN_ISR=2 HEAP=${KAFKA_HEAP_OPTS:--Xmx256m -Xms128m}
  fi
}

broker_port() { echo $((BASE_PORT + 2 * ($1 - 1))); }
controller_port() { echo $((BASE_PORT + 2 * ($1 - 1) + 1)); }
node_dir() { echo "$DIR/node-$1"; }
node_props() { echo "$DIR/node-$1/server.properties"; }
node_log() { echo "$DIR/node-$1.log"; }
node_pidfile() { echo "$DIR/node-$1.pid"; }

bootstrap() {
  local i out=()
  for ((i = 1; i <= BROKERS; i++)); do out+=("127.0.0.1:$(broker_port "$i")"); done
  (IFS=,; echo "${out[*]}")
}

node_pid() {
  local props pid
  props=$(node_props "$1")
  pid=$(read_pidfile "$(node_pidfile "$1")" "$props" 2>/dev/null) && echo "$pid" && return 0
  pid=$(pids_with_cmdline "kafka.Kafka $props" | head -n1)
  [[ -n $pid ]] && echo "$pid"
}

# tool CLASS ARGS...: run a Kafka command-line tool from the fetched jars, tuned for a
# short-lived JVM.
tool() {
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dlog4j.configuration="file:$HERE/tools-log4j.properties" \
    -cp "$LIBS/*" "$@"
}

lock_cluster() {
  mkdir -p "$DIR"
  exec 9>"$DIR/.lock"
  flock -w 120 9 || die "another kafka.sh is working on cluster $NAME"
}

write_node_config() {
  local i=$1 voters='' j text
  for ((j = 1; j <= BROKERS; j++)); do
    voters+="${voters:+,}$j@127.0.0.1:$(controller_port "$j")"
  done
  mkdir -p "$(node_dir "$i")/data"
  text=$(<"$HERE/server.properties.tmpl")
  text=${text//@NODE_ID@/$i}
  text=${text//@VOTERS@/$voters}
  text=${text//@BROKER_PORT@/$(broker_port "$i")}
  text=${text//@CONTROLLER_PORT@/$(controller_port "$i")}
  text=${text//@DATA_DIR@/$(node_dir "$i")/data}
  text=${text//@REPLICATION_FACTOR@/$RF}
  text=${text//@MIN_ISR@/$MIN_ISR}
  [[ ! $text =~ @[A-Z_]+@ ]] || die "unfilled placeholder ${BASH_REMATCH[0]} in server.properties.tmpl"
  printf '%s\n' "$text" >"$(node_props "$i")"
}

# Kafka's Uuid format: 16 random bytes, URL-safe base64 without padding, not starting '-'.
new_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    [[ $id != -* && $id != AAAAAAAAAAAAAAAAAAAAA* ]] && echo "$id" && return 0
  done
}

format_node() {
  local i=$1 log
  log=$(node_log "$i")
  [[ -f $(node_dir "$i")/data/meta.properties ]] && return 0
  info "formatting storage of node $i"
  tool kafka.tools.StorageTool format --ignore-formatted -t "$(<"$DIR/cluster.id")" -c "$(node_props "$i")" >>"$log" 2>&1 ||
    die_with_log "$log" "kafka.tools.StorageTool format failed for node $i"
}

# check_ports_free NODE...: fail before touching anything if another process has a port.
check_ports_free() {
  local i port
  for i in "$@"; do
    node_pid "$i" >/dev/null && continue
    for port in "$(broker_port "$i")" "$(controller_port "$i")"; do
      tcp_open 127.0.0.1 "$port" &&
        die "port $port (node $i) is already in use by another process (see: ss -ltnp 'sport = :$port'); choose another --base-port"
    done
  done
  return 0
}

# If a start fails, stop what this run started: a failed `up` leaves no stray broker.
stop_started_on_failure() {
  local rc=$?
  ((rc != 0 && ${#STARTED[@]} > 0)) || return 0
  say "stopping node(s) ${STARTED[*]} started by this run"
  stop_nodes "${STARTED[@]}" || true
}

start_node() {
  local i=$1 log
  if node_pid "$i" >/dev/null; then return 0; fi
  check_ports_free "$i"
  log=$(node_log "$i")
  rotate_log "$log"
  format_node "$i"
  # shellcheck disable=SC2086 # HEAP is a list of JVM flags
  start_daemon "$(node_pidfile "$i")" "$log" \
    java $HEAP -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$HERE/log4j.properties" -Dkafka.logs.dir="$(node_dir "$i")" \
    -cp "$LIBS/*" kafka.Kafka "$(node_props "$i")"
  STARTED+=("$i")
}

# metadata_brokers: how many brokers the cluster metadata lists (asks every node).
metadata_brokers() {
  tool kafka.admin.BrokerApiVersionsCommand --bootstrap-server "$(bootstrap)" 2>/dev/null |
    grep -cE '^127\.0\.0\.1:[0-9]+ \(id: [0-9]+' || true
}

# wait_ready: every node's process alive and port open, then all brokers in the metadata.
wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT)) i pid n
  for ((i = 1; i <= BROKERS; i++)); do
    until tcp_open 127.0.0.1 "$(broker_port "$i")"; do
      if ! pid=$(node_pid "$i"); then
        die_with_log "$(node_log "$i")" "node $i exited during start-up"
      fi
      ((SECONDS < deadline)) || die_with_log "$(node_log "$i")" "node $i: no listener on 127.0.0.1:$(broker_port "$i") after ${READY_TIMEOUT}s"
      sleep 0.2
    done
  done
  while :; do
    n=$(metadata_brokers)
    ((n == BROKERS)) && return 0
    for ((i = 1; i <= BROKERS; i++)); do
      node_pid "$i" >/dev/null || die_with_log "$(node_log "$i")" "node $i exited during start-up"
    done
    if ((SECONDS >= deadline)); then
      for ((i = 1; i < BROKERS; i++)); do log_tail "$(node_log "$i")" 15; done
      die_with_log "$(node_log "$BROKERS")" "only $n of $BROKERS brokers in the cluster metadata after ${READY_TIMEOUT}s"
    fi
    sleep 1
  done
}

cmd_up() {
  resolve_cluster
  local start i pids=() nodes=()
  start=$(now_ms)
  for ((i = 1; i <= BROKERS; i++)); do nodes+=("$i"); done
  check_ports_free "${nodes[@]}"
  "$HERE/fetch.sh"
  lock_cluster
  STARTED=()
  trap stop_started_on_failure EXIT
  if [[ ! -f $DIR/cluster.id ]]; then
    new_cluster_id >"$DIR/cluster.id"
    printf 'BROKERS=%s\nBASE_PORT=%s\n' "$BROKERS" "$BASE_PORT" >"$DIR/cluster.env"
  fi
  for ((i = 1; i <= BROKERS; i++)); do
    write_node_config "$i"
    start_node "$i"
  done
  if ((${#STARTED[@]} == 0)); then
    # Already running: a cheap liveness check only.
    for ((i = 1; i <= BROKERS; i++)); do
      tcp_open 127.0.0.1 "$(broker_port "$i")" || die_with_log "$(node_log "$i")" "node $i runs but does not listen on $(broker_port "$i")"
    done
    return 0
  fi
  wait_ready
  for ((i = 1; i <= BROKERS; i++)); do pids+=("$(node_pid "$i")"); done
  say "up: $NAME, bootstrap $(bootstrap) ($BROKERS node(s), pid ${pids[*]}, ready in $(elapsed "$start"))"
}

stop_nodes() {
  local i pids=() p
  for i in "$@"; do
    while read -r p; do [[ -n $p ]] && pids+=("$p"); done < <({
      read_pidfile "$(node_pidfile "$i")" "$(node_props "$i")" || true
      pids_with_cmdline "kafka.Kafka $(node_props "$i")"
    } | sort -u)
  done
  ((${#pids[@]})) || return 0
  # All at once: a KRaft node waits for the controller quorum during controlled shutdown.
  stop_pids "$STOP_TIMEOUT" "${pids[@]}" || die "could not stop ${pids[*]}"
  for i in "$@"; do rm -f "$(node_pidfile "$i")"; done
  STOPPED=$((STOPPED + ${#pids[@]}))
}

cluster_names() {
  local d
  for d in "$KAFKA_ROOT"/*/cluster.env; do
    [[ -e $d ]] && basename "$(dirname "$d")"
  done
  return 0
}

# on_cluster NAME CMD: CMD for the named cluster alone. Call it in a subshell, ( ... ), so
# that the cluster's settings it loads stay there.
on_cluster() {
  NAME=$1 BROKERS='' BASE_PORT='' all=0
  "$2"
}

cmd_down() {
  if ((all)); then
    local n
    for n in $(cluster_names); do
      (on_cluster "$n" cmd_down)
    done
    return 0
  fi
  resolve_cluster
  [[ -d $DIR ]] || return 0
  lock_cluster
  local start nodes=() i
  start=$(now_ms)
  STOPPED=0
  for ((i = 1; i <= BROKERS; i++)); do nodes+=("$i"); done
  stop_nodes "${nodes[@]}"
  ((STOPPED)) && say "down: $NAME stopped in $(elapsed "$start")"
  if ((wipe)); then
    rm -rf "$DIR"
    say "wiped $DIR"
  fi
  return 0
}

cmd_status() {
  if ((all)); then
    local n rc=0
    for n in $(cluster_names); do
      (on_cluster "$n" cmd_status) || rc=$?
    done
    return "$rc"
  fi
  resolve_cluster
  local i pid up=0 running=0 lines=()
  for ((i = 1; i <= BROKERS; i++)); do
    if pid=$(node_pid "$i"); then
      running=$((running + 1))
      local listening='not listening yet'
      tcp_open 127.0.0.1 "$(broker_port "$i")" && listening=listening && up=$((up + 1))
      lines+=("  node $i: running pid $pid, broker 127.0.0.1:$(broker_port "$i") ($listening), controller 127.0.0.1:$(controller_port "$i"), rss $(rss_mib "$pid") MiB")
    else
      lines+=("  node $i: stopped (broker 127.0.0.1:$(broker_port "$i"))")
    fi
  done
  local state=running
  ((up < BROKERS)) && state=degraded
  ((running == 0)) && state=stopped
  echo "kafka $NAME: $state ($up/$BROKERS), bootstrap $(bootstrap), data $DIR"
  printf '%s\n' "${lines[@]}"
  case $state in running) return 0 ;; degraded) return 1 ;; *) return 3 ;; esac
}

require_running() {
  local i
  for ((i = 1; i <= BROKERS; i++)); do
    node_pid "$i" >/dev/null || die "cluster $NAME: node $i is not running (infra/kafka/kafka.sh up$( ((BROKERS > 1)) && echo " --brokers $BROKERS"))"
  done
}

topic_partitions() {
  # "Topic: events-raw  TopicId: ...  PartitionCount: 6  ..." -> 6
  tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$(bootstrap)" --describe --topic "$1" 2>/dev/null |
    sed -nE 's/^Topic: *[^ ]+.*PartitionCount: *([0-9]+).*/\1/p' | head -n1
}

cmd_topics() {
  resolve_cluster
  require_running
  [[ $EVENTS_PARTITIONS =~ ^[1-9][0-9]*$ && $DLQ_PARTITIONS =~ ^[1-9][0-9]*$ ]] ||
    die "partition counts must be positive numbers"
  local log=$DIR/topics.log existing spec topic parts have created=()
  : >"$log"
  existing=$(tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$(bootstrap)" --list 2>>"$log") ||
    die_with_log "$log" "could not list topics on $(bootstrap)"
  for spec in "$EVENTS_TOPIC:$EVENTS_PARTITIONS" "$DLQ_TOPIC:$DLQ_PARTITIONS"; do
    topic=${spec%:*} parts=${spec##*:}
    [[ $topic =~ ^[A-Za-z0-9._-]{1,249}$ ]] || die "invalid topic name '$topic'"
    if grep -qxF -- "$topic" <<<"$existing"; then
      have=$(topic_partitions "$topic")
      [[ $have == "$parts" ]] ||
        say "warning: $topic has ${have:-?} partitions, not the $parts asked for; left as it is (Kafka can add partitions, never remove them; 'down --wipe' starts over)"
      continue
    fi
    tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$(bootstrap)" --create --if-not-exists \
      --topic "$topic" --partitions "$parts" --replication-factor "$RF" >>"$log" 2>&1 ||
      die_with_log "$log" "could not create topic $topic"
    created+=("$topic($parts)")
  done
  ((${#created[@]})) && say "topics: created ${created[*]} on $NAME (replication factor $RF)"
  return 0
}

cmd_smoke() {
  resolve_cluster
  require_running
  local topic message got log=$DIR/smoke.log start
  start=$(now_ms)
  topic="plinth-smoke-$(date +%s)-$$"
  message="plinth smoke $RANDOM$RANDOM"
  : >"$log"
  tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$(bootstrap)" --create \
    --topic "$topic" --partitions 1 --replication-factor "$RF" >>"$log" 2>&1 ||
    die_with_log "$log" "smoke: could not create $topic"
  printf '%s\n' "$message" | tool kafka.tools.ConsoleProducer --bootstrap-server "$(bootstrap)" \
    --topic "$topic" --producer-property acks=all >>"$log" 2>&1 ||
    die_with_log "$log" "smoke: produce failed"
  got=$(tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$(bootstrap)" \
    --topic "$topic" --from-beginning --max-messages 1 --timeout-ms 30000 2>>"$log") || true
  tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$(bootstrap)" --delete --topic "$topic" >>"$log" 2>&1 || true
  [[ $got == "$message" ]] || die_with_log "$log" "smoke: consumed '$got', expected '$message'"
  say "smoke: produced and consumed one message on $NAME in $(elapsed "$start")"
}

cmd_peek() {
  resolve_cluster
  require_running
  [[ $peek_max =~ ^[1-9][0-9]*$ ]] || die "--max must be a positive number, got '$peek_max'"
  # Ends after --max messages or 10 s without one; stderr only says how many it read.
  tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$(bootstrap)" \
    --topic "$peek_topic" --from-beginning --max-messages "$peek_max" --timeout-ms 10000 \
    --property print.partition=true --property print.offset=true \
    --property print.headers=true --property print.key=true 2>/dev/null || true
}

cmd_node() {
  resolve_cluster
  ((node_arg <= BROKERS)) || die "cluster $NAME has nodes 1..$BROKERS, not $node_arg"
  lock_cluster
  local start
  start=$(now_ms)
  STOPPED=0 STARTED=()
  case $cmd in
    stop-broker | restart-broker)
      if ((hard_kill)); then
        local pid
        pid=$(node_pid "$node_arg") && kill -KILL "$pid" && stop_pids 10 "$pid" && STOPPED=1
      else
        stop_nodes "$node_arg"
      fi
      ;;
  esac
  trap stop_started_on_failure EXIT
  case $cmd in
    start-broker | restart-broker)
      write_node_config "$node_arg"
      start_node "$node_arg"
      ((${#STARTED[@]})) && wait_ready
      ;;
  esac
  say "$cmd $node_arg: done on $NAME in $(elapsed "$start")"
}

case $cmd in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  topics) cmd_topics ;;
  smoke) cmd_smoke ;;
  peek) cmd_peek ;;
  restart-broker | stop-broker | start-broker) cmd_node ;;
  bootstrap) resolve_cluster && bootstrap ;;
  env)
    resolve_cluster
    echo "KAFKA_BOOTSTRAP_SERVERS=$(bootstrap)"
    echo "KAFKA_EVENTS_TOPIC=$EVENTS_TOPIC"
    echo "KAFKA_DLQ_TOPIC=$DLQ_TOPIC"
    ;;
  *) die "unknown command '$cmd' (try --help)" ;;
esac
