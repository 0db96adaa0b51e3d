#!/usr/bin/env bash
# End-to-end check of the local Kafka scripts, on test ports so it can run next to a dev
# cluster: the message when java/mvn are missing; 1 node (up, topics twice, produce/consume,
# peek, down) and 3 nodes (up, topics, replica settings, restart-broker 2, produce/consume,
# down), then no stray broker process.
#
#   infra/kafka/test.sh        (KAFKA_TEST_PORT, default 19092; the 3-node cluster uses +10)
#
# Ends with the line "kafka-infra: N passed, N failed"; exit status 0 only if none failed.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=kafka-test
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$HERE/../lib/common.sh"

K=$HERE/kafka.sh
PORT1=${KAFKA_TEST_PORT:-19092}
PORT3=$((PORT1 + 10))
ONE=(--name test-b1 --brokers 1 --base-port "$PORT1")
THREE=(--name test-b3 --brokers 3 --base-port "$PORT3")
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

no_stray() {
  local pids
  pids=$(pids_with_cmdline "$PLINTH_CACHE/kafka/$1/")
  [[ -z $pids ]] || {
    echo "stray processes: $pids"
    return 1
  }
}

topic_layout() {
  # "<partitions> <replicas of partition 0>" for one topic, from the describe output.
  java -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j.configuration="file:$HERE/tools-log4j.properties" \
    -cp "$PLINTH_CACHE/kafka/libs/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$1" --describe --topic "$2" 2>/dev/null |
    awk '/PartitionCount/ {for (i = 1; i <= NF; i++) if ($i == "PartitionCount:") p = $(i + 1)}
         /Partition: 0/ {for (i = 1; i <= NF; i++) if ($i == "Replicas:") r = $(i + 1)}
         END {print p, r}'
}

# expect_layout BOOTSTRAP TOPIC PARTITIONS REPLICAS: partition count and replica count.
expect_layout() {
  local got parts replicas n
  got=$(topic_layout "$1" "$2")
  read -r parts replicas <<<"$got"
  n=$(tr ',' '\n' <<<"${replicas:-}" | grep -c .)
  [[ $parts == "$3" && $n == "$4" ]] || {
    echo "want $3 partitions x $4 replicas, got '$got'"
    return 1
  }
}

# peek_roundtrip BOOTSTRAP: a message with a header on events-dlq is printed by `peek` with
# its partition, offset and header.
peek_roundtrip() {
  printf 'plinth.source-offset:42\tpoison #1\n' |
    java -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j.configuration="file:$HERE/tools-log4j.properties" \
      -cp "$PLINTH_CACHE/kafka/libs/*" kafka.tools.ConsoleProducer --bootstrap-server "$1" \
      --topic events-dlq --property parse.headers=true >/dev/null 2>&1 || {
    echo "could not produce to events-dlq"
    return 1
  }
  local out
  out=$("$K" peek events-dlq --max 1 "${ONE[@]}")
  [[ $out == *"Partition:0"*"Offset:0"*"plinth.source-offset:42"*"poison #1"* ]] || {
    echo "peek printed: '$out'"
    return 1
  }
}

# Without java and mvn (and no apt allowed): one line naming the packages, non-zero exit.
missing_tools_message() {
  local bin tmp out rc=0
  bin=$(path_without java mvn)
  tmp=$(mktemp -d)
  out=$(PATH=$bin PLINTH_NO_APT=1 KAFKA_HOME_DIR=$tmp "$HERE/fetch.sh" --force 2>&1) || rc=$?
  rm -rf "$bin" "$tmp"
  [[ $rc != 0 && $out == *"missing openjdk-17-jre-headless maven: run 'sudo apt-get install -y openjdk-17-jre-headless maven'"* ]] || {
    echo "exit $rc, output: '$out'"
    return 1
  }
}

# Leftovers of an interrupted earlier run.
"$K" down --wipe "${ONE[@]}" >/dev/null 2>&1
"$K" down --wipe "${THREE[@]}" >/dev/null 2>&1

check "fetch jars (idempotent)" "$HERE/fetch.sh"
check "no java/mvn: says what to install, exits non-zero" missing_tools_message
check "1 node: up" "$K" up "${ONE[@]}"
check "1 node: up again is a no-op" "$K" up "${ONE[@]}"
check "1 node: status says running" "$K" status "${ONE[@]}"
check "1 node: create topics" "$K" topics "${ONE[@]}"
check "1 node: create topics again (idempotent)" "$K" topics "${ONE[@]}"
check "1 node: events-raw has 6 partitions, 1 replica" expect_layout "127.0.0.1:$PORT1" events-raw 6 1
check "1 node: produce and consume" "$K" smoke "${ONE[@]}"
check "1 node: peek prints partition, offset and headers" peek_roundtrip "127.0.0.1:$PORT1"
check "1 node: down" "$K" down --wipe "${ONE[@]}"
check "1 node: no stray process" no_stray test-b1

check "3 nodes: up" "$K" up "${THREE[@]}"
check "3 nodes: create topics" "$K" topics "${THREE[@]}" --partitions 3
check "3 nodes: events-raw replicated 3 ways" expect_layout "127.0.0.1:$PORT3" events-raw 3 3
check "3 nodes: restart-broker 2" "$K" restart-broker 2 "${THREE[@]}"
check "3 nodes: all running after restart" "$K" status "${THREE[@]}"
check "3 nodes: produce and consume after failover" "$K" smoke "${THREE[@]}"
check "3 nodes: down" "$K" down --wipe "${THREE[@]}"
check "3 nodes: no stray process" no_stray test-b3

echo "kafka-infra: $passed passed, $failed failed"
((failed == 0))
