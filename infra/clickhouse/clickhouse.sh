#!/usr/bin/env bash
# Run the project's own ClickHouse server on loopback.
#
#   infra/clickhouse/clickhouse.sh up|down|status|selftest|client|env [options]
#
#   up         install if needed (install.sh), write config from the repo's templates into
#              .cache/clickhouse/<name>/, start clickhouse-server, wait for GET /ping,
#              apply schema/*.sql as the admin user. Safe to repeat.
#   down       stop it (SIGTERM, then SIGKILL after $CLICKHOUSE_STOP_TIMEOUT s). --wipe also
#              deletes its data folder; --all stops every instance under .cache/clickhouse.
#   status     print state; exit 0 running, 3 stopped. --all: every instance.
#   selftest   check users and the SQL subset against the running server (writer inserts,
#              dashboard reads and is refused writes, FINAL, quantiles, system tables).
#   client     clickhouse-client connected to it: client [--as admin|writer|dashboard] [ARGS]
#   env        print CLICKHOUSE_URL/CLICKHOUSE_*_USER/... lines for other tools.
#
# Options (or environment):
#   --http-port N         CLICKHOUSE_HTTP_PORT          default 8123
#   --tcp-port N          CLICKHOUSE_TCP_PORT           default 9000 (HTTP port + 1 when the
#                                                       HTTP port is not 8123)
#   --interserver-port N  CLICKHOUSE_INTERSERVER_PORT   default 9009 (HTTP port + 2 likewise)
#   --name NAME           CLICKHOUSE_NAME               default p<http-port>
#   CLICKHOUSE_WRITER_PASSWORD (default plinth-writer-dev), CLICKHOUSE_DASHBOARD_PASSWORD
#   (default plinth-dashboard-dev), CLICKHOUSE_ADMIN_PASSWORD (default empty: the `default`
#   user is loopback-only), CLICKHOUSE_READY_TIMEOUT (30 s), CLICKHOUSE_QUERY_LOG_FLUSH_MS
#   (7500, like a stock server), PLINTH_VERBOSE=1 for progress messages.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=clickhouse
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

HTTP_PORT=${CLICKHOUSE_HTTP_PORT:-8123}
TCP_PORT=${CLICKHOUSE_TCP_PORT:-}
INTERSERVER_PORT=${CLICKHOUSE_INTERSERVER_PORT:-}
NAME=${CLICKHOUSE_NAME:-}
wipe=0 all=0
client_as='admin'
client_args=()
while (($#)); do
  case $1 in
    --http-port) HTTP_PORT=${2:?--http-port needs a value}; shift 2 ;;
    --tcp-port) TCP_PORT=${2:?--tcp-port needs a value}; shift 2 ;;
    --interserver-port) INTERSERVER_PORT=${2:?--interserver-port needs a value}; shift 2 ;;
    --name) NAME=${2:?--name needs a value}; shift 2 ;;
    --wipe) wipe=1; shift ;;
    --all) all=1; shift ;;
    --as) client_as=${2:?--as needs admin, writer or dashboard}; shift 2 ;;
    -h | --help) usage 0 ;;
    --)
      shift
      client_args+=("$@")
      break
      ;;
    *)
      [[ $cmd == client ]] || die "unknown option '$1' (try --help)"
      client_args+=("$1")
      shift
      ;;
  esac
done

check_port "$HTTP_PORT" "HTTP port"
if [[ -z $TCP_PORT ]]; then
  if ((HTTP_PORT == 8123)); then TCP_PORT=9000; else TCP_PORT=$((HTTP_PORT + 1)); fi
fi
if [[ -z $INTERSERVER_PORT ]]; then
  if ((HTTP_PORT == 8123)); then INTERSERVER_PORT=9009; else INTERSERVER_PORT=$((HTTP_PORT + 2)); fi
fi
check_port "$TCP_PORT" "TCP port"
check_port "$INTERSERVER_PORT" "interserver port"
((HTTP_PORT != TCP_PORT && HTTP_PORT != INTERSERVER_PORT && TCP_PORT != INTERSERVER_PORT)) ||
  die "HTTP, TCP and interserver ports must differ ($HTTP_PORT, $TCP_PORT, $INTERSERVER_PORT)"
NAME=${NAME:-p$HTTP_PORT}
check_name "$NAME" "name"

WRITER_PASSWORD=${CLICKHOUSE_WRITER_PASSWORD:-plinth-writer-dev}
DASHBOARD_PASSWORD=${CLICKHOUSE_DASHBOARD_PASSWORD:-plinth-dashboard-dev}
ADMIN_PASSWORD=${CLICKHOUSE_ADMIN_PASSWORD:-}
READY_TIMEOUT=${CLICKHOUSE_READY_TIMEOUT:-30}
STOP_TIMEOUT=${CLICKHOUSE_STOP_TIMEOUT:-30}
QUERY_LOG_FLUSH_MS=${CLICKHOUSE_QUERY_LOG_FLUSH_MS:-7500}
[[ $QUERY_LOG_FLUSH_MS =~ ^[0-9]+$ ]] || die "CLICKHOUSE_QUERY_LOG_FLUSH_MS must be a number"

DIR=$PLINTH_CACHE/clickhouse/$NAME
CONFIG=$DIR/config.xml
PIDFILE=$DIR/clickhouse-server.pid
OUT_LOG=$DIR/clickhouse-server.out.log
ERR_LOG=$DIR/clickhouse-server.err.log
SERVER_LOG=$DIR/clickhouse-server.log
SCHEMA_LOG=$DIR/schema.log
[[ $DIR != *[\<\>\&\"\']* ]] || die "the repository path must not contain XML special characters: $DIR"

server_bin() {
  local b
  for b in "${CLICKHOUSE_SERVER_BIN:-}" "$(command -v clickhouse-server 2>/dev/null || true)" /usr/sbin/clickhouse-server /usr/bin/clickhouse-server; do
    [[ -n $b && -x $b ]] && echo "$b" && return 0
  done
  return 1
}

client_bin() {
  command -v clickhouse-client 2>/dev/null || die "clickhouse-client missing: run infra/clickhouse/install.sh"
}

running_pid() {
  local pid
  pid=$(read_pidfile "$PIDFILE" "$CONFIG" 2>/dev/null) && echo "$pid" && return 0
  pid=$(pids_with_cmdline "--config-file=$CONFIG" | head -n1)
  [[ -n $pid ]] && echo "$pid"
}

# ping: true when GET /ping answers "Ok." (bash's /dev/tcp: no curl needed).
ping_ok() {
  # The inner script is single-quoted on purpose: the child bash expands its own $0.
  # shellcheck disable=SC2016
  timeout 2 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "GET /ping HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3
    grep -q "^Ok\." <&3' "$HTTP_PORT" 2>/dev/null
}

sha256_hex() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# client_config ROLE: a per-role clickhouse-client config (mode 600), so passwords never
# appear on a command line.
client_config() {
  local role=$1 user password file
  case $role in
    admin) user=default password=$ADMIN_PASSWORD ;;
    writer) user=plinth_writer password=$WRITER_PASSWORD ;;
    dashboard) user=plinth_dashboard password=$DASHBOARD_PASSWORD ;;
    *) die "unknown role '$role' (admin, writer, dashboard)" ;;
  esac
  file=$DIR/client-$role.xml
  (
    umask 077
    {
      echo '<?xml version="1.0"?>'
      echo '<config>'
      echo "  <host>127.0.0.1</host>"
      echo "  <port>$TCP_PORT</port>"
      echo "  <user>$user</user>"
      printf '  <password>%s</password>\n' "$(xml_escape "$password")"
      echo '</config>'
    } >"$file.tmp"
    mv -f "$file.tmp" "$file"
  )
  echo "$file"
}

xml_escape() {
  local s=$1
  s=${s//&/&amp;}
  s=${s//</&lt;}
  s=${s//>/&gt;}
  s=${s//\"/&quot;}
  s=${s//\'/&apos;}
  printf '%s' "$s"
}

# render TEMPLATE OUT: fill the @NAME@ placeholders; write only when the content changed.
render() {
  local text admin_element
  text=$(<"$1")
  if [[ -n $ADMIN_PASSWORD ]]; then
    admin_element="<password_sha256_hex>$(sha256_hex "$ADMIN_PASSWORD")</password_sha256_hex>"
  else
    admin_element='<password></password>'
  fi
  text=${text//@DIR@/$DIR}
  text=${text//@HTTP_PORT@/$HTTP_PORT}
  text=${text//@TCP_PORT@/$TCP_PORT}
  text=${text//@INTERSERVER_PORT@/$INTERSERVER_PORT}
  text=${text//@QUERY_LOG_FLUSH_MS@/$QUERY_LOG_FLUSH_MS}
  text=${text//@ADMIN_PASSWORD_ELEMENT@/$admin_element}
  text=${text//@WRITER_PASSWORD_SHA256@/$(sha256_hex "$WRITER_PASSWORD")}
  text=${text//@DASHBOARD_PASSWORD_SHA256@/$(sha256_hex "$DASHBOARD_PASSWORD")}
  [[ ! $text =~ @[A-Z_]+@ ]] || die "unfilled placeholder ${BASH_REMATCH[0]} in $1"
  if [[ ! -f $2 || $(<"$2") != "$text" ]]; then
    printf '%s\n' "$text" >"$2.tmp"
    mv -f "$2.tmp" "$2"
    return 0
  fi
  return 1
}

apply_schema() {
  local f cfg client
  cfg=$(client_config admin)
  client=$(client_bin)
  : >"$SCHEMA_LOG"
  for f in "$HERE"/schema/*.sql; do
    [[ -e $f ]] || continue
    echo "-- $f" >>"$SCHEMA_LOG"
    "$client" --config-file="$cfg" --multiquery <"$f" >>"$SCHEMA_LOG" 2>&1 ||
      die_with_log "$SCHEMA_LOG" "schema $(basename "$f") failed"
  done
  add_missing_columns "$client" "$cfg"
}

# Columns added to a table after it first shipped: CREATE TABLE IF NOT EXISTS leaves an
# existing table as it was, and 18.16 has no ADD COLUMN IF NOT EXISTS, so each line of
# schema/*.columns ("database.table column Type") is added when system.columns lacks it.
add_missing_columns() {
  local client=$1 cfg=$2 f file table column type db name have
  for f in "$HERE"/schema/*.columns; do
    [[ -e $f ]] || continue
    file=$(basename "$f")
    while read -r table column type; do
      [[ -z $table || $table == \#* ]] && continue
      # The table match goes last: BASH_REMATCH holds the groups of the last =~.
      [[ $column =~ ^[a-z_][a-z0-9_]*$ && $type =~ ^[A-Za-z0-9()]+$ && $table =~ ^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$ ]] ||
        die "$file: bad line '$table $column $type' (want: database.table column Type)"
      db=${BASH_REMATCH[1]} name=${BASH_REMATCH[2]}
      have=$("$client" --config-file="$cfg" -q "SELECT count() FROM system.columns WHERE database = '$db' AND table = '$name' AND name = '$column'" 2>>"$SCHEMA_LOG") ||
        die_with_log "$SCHEMA_LOG" "schema $file: could not read system.columns"
      ((have == 0)) || continue
      echo "-- $f: ALTER TABLE $table ADD COLUMN $column $type" >>"$SCHEMA_LOG"
      "$client" --config-file="$cfg" -q "ALTER TABLE $table ADD COLUMN $column $type" >>"$SCHEMA_LOG" 2>&1 ||
        die_with_log "$SCHEMA_LOG" "schema $file: adding $table.$column failed"
    done <"$f"
  done
}

check_ports_free() {
  local port
  for port in "$HTTP_PORT" "$TCP_PORT" "$INTERSERVER_PORT"; do
    tcp_open 127.0.0.1 "$port" &&
      die "port $port is already in use by another process (see: ss -ltnp 'sport = :$port'); pick other ports with --http-port/--tcp-port/--interserver-port"
  done
  return 0
}

cmd_up() {
  "$HERE/install.sh"
  local bin pid start config_changed=0
  bin=$(server_bin) || die "clickhouse-server not found after install (set CLICKHOUSE_SERVER_BIN)"
  if ! running_pid >/dev/null; then check_ports_free; fi
  mkdir -p "$DIR"/{data,tmp,user_files,format_schemas}
  exec 9>"$DIR/.lock"
  flock -w 60 9 || die "another clickhouse.sh is working on $NAME"

  render "$HERE/config.xml.tmpl" "$CONFIG" && config_changed=1
  # users.xml is watched by the server: a password change applies without a restart.
  render "$HERE/users.xml.tmpl" "$DIR/users.xml" || true

  if pid=$(running_pid); then
    ((config_changed)) && say "warning: config.xml changed while running; run down, then up, to apply it"
    ping_ok || die_with_log "$ERR_LOG" "running (pid $pid) but not answering /ping on 127.0.0.1:$HTTP_PORT"
    apply_schema
    return 0
  fi

  check_ports_free
  start=$(now_ms)
  rotate_log "$OUT_LOG"
  info "starting $bin on 127.0.0.1:$HTTP_PORT (tcp $TCP_PORT)"
  start_daemon "$PIDFILE" "$OUT_LOG" "$bin" "--config-file=$CONFIG"
  read -r pid <"$PIDFILE"
  local deadline=$((SECONDS + READY_TIMEOUT))
  until ping_ok; do
    if ! pid_alive "$pid"; then
      log_tail "$OUT_LOG" 20
      die_with_log "$ERR_LOG" "clickhouse-server exited during start-up"
    fi
    if ((SECONDS >= deadline)); then
      log_tail "$ERR_LOG" 20
      stop_pids 10 "$pid" || true
      die_with_log "$SERVER_LOG" "no answer on http://127.0.0.1:$HTTP_PORT/ping after ${READY_TIMEOUT}s"
    fi
    sleep 0.1
  done
  local ready
  ready=$(elapsed "$start")
  apply_schema
  say "up: http://127.0.0.1:$HTTP_PORT tcp 127.0.0.1:$TCP_PORT (pid $pid, ready in $ready, data $DIR)"
}

# for_each_instance FUNCTION: run it for every instance folder, with that instance's ports
# (read back from its config.xml).
for_each_instance() {
  local cfg rc=0 name http tcp inter
  for cfg in "$PLINTH_CACHE"/clickhouse/*/config.xml; do
    [[ -e $cfg ]] || continue
    name=$(basename "$(dirname "$cfg")")
    http=$(sed -nE 's:.*<http_port>([0-9]+)</http_port>.*:\1:p' "$cfg")
    tcp=$(sed -nE 's:.*<tcp_port>([0-9]+)</tcp_port>.*:\1:p' "$cfg")
    inter=$(sed -nE 's:.*<interserver_http_port>([0-9]+)</interserver_http_port>.*:\1:p' "$cfg")
    local extra=()
    ((wipe)) && extra+=(--wipe)
    "$0" "$1" --name "$name" --http-port "$http" --tcp-port "$tcp" --interserver-port "$inter" "${extra[@]}" || rc=$?
  done
  return "$rc"
}

cmd_down() {
  ((all)) && {
    for_each_instance down
    return
  }
  local pids=()
  [[ -d $DIR ]] || return 0
  exec 9>"$DIR/.lock"
  flock -w 60 9 || die "another clickhouse.sh is working on $NAME"
  mapfile -t pids < <({ read_pidfile "$PIDFILE" "$CONFIG" || true; pids_with_cmdline "--config-file=$CONFIG"; } | sort -u)
  if ((${#pids[@]})); then
    local start
    start=$(now_ms)
    stop_pids "$STOP_TIMEOUT" "${pids[@]}" || die_with_log "$ERR_LOG" "could not stop clickhouse-server ${pids[*]}"
    say "down: stopped $NAME (pid ${pids[*]}) in $(elapsed "$start")"
  fi
  rm -f "$PIDFILE"
  if ((wipe)); then
    rm -rf "$DIR"
    say "wiped $DIR"
  fi
}

cmd_status() {
  ((all)) && {
    for_each_instance status
    return
  }
  local pid
  if pid=$(running_pid); then
    local health=ping-failed
    ping_ok && health=Ok.
    echo "clickhouse $NAME: running pid $pid, http 127.0.0.1:$HTTP_PORT ($health), tcp 127.0.0.1:$TCP_PORT, rss $(rss_mib "$pid") MiB, data $DIR"
    [[ $health == Ok. ]] || return 1
    return 0
  fi
  echo "clickhouse $NAME: stopped (ports $HTTP_PORT/$TCP_PORT)"
  return 3
}

cmd_env() {
  echo "CLICKHOUSE_URL=http://127.0.0.1:$HTTP_PORT"
  echo "CLICKHOUSE_HTTP_PORT=$HTTP_PORT"
  echo "CLICKHOUSE_TCP_PORT=$TCP_PORT"
  echo "CLICKHOUSE_DATABASE=plinth_events"
  echo "CLICKHOUSE_WRITER_USER=plinth_writer"
  echo "CLICKHOUSE_DASHBOARD_USER=plinth_dashboard"
}

cmd_client() {
  running_pid >/dev/null || die "$NAME is not running (infra/clickhouse/clickhouse.sh up)"
  local cfg
  cfg=$(client_config "$client_as")
  exec "$(client_bin)" --config-file="$cfg" "${client_args[@]}"
}

cmd_selftest() {
  running_pid >/dev/null || die "$NAME is not running (infra/clickhouse/clickhouse.sh up)"
  local client admin writer dash passed=0 failed=0 out table now_s
  client=$(client_bin)
  admin=$(client_config admin)
  writer=$(client_config writer)
  dash=$(client_config dashboard)
  table=plinth_events.selftest_$$_$RANDOM
  # One statement per call: 18.16's client in --multiquery mode ends INSERT ... VALUES data
  # at the first newline.
  q() { "$client" --config-file="$1" -q "$2" 2>&1; }
  pass() { echo "ok - $1"; passed=$((passed + 1)); }
  fail() {
    echo "not ok - $1"
    [[ -n ${2:-} ]] && printf '%s\n' "$2" | head -n 5 | sed 's/^/    /'
    failed=$((failed + 1))
  }
  # expect NAME WANT CONFIG SQL: output must equal WANT exactly.
  expect() {
    local got
    got=$(q "$3" "$4") || true
    if [[ $got == "$2" ]]; then pass "$1"; else fail "$1" "want: $2"$'\n'"got:  $got"; fi
  }
  # refused NAME CONFIG SQL PATTERN: must fail with an error matching PATTERN.
  refused() {
    local got
    if got=$(q "$2" "$3"); then
      fail "$1" "unexpectedly succeeded: $got"
    elif grep -qiE "$4" <<<"$got"; then
      pass "$1"
    else
      fail "$1" "$got"
    fi
  }

  now_s=$(date +%s)
  # The writer may create tables in plinth_events: a throwaway copy of the events table.
  if out=$(q "$writer" "CREATE TABLE $table AS plinth_events.events"); then
    pass "writer creates a table in plinth_events"
  else
    fail "writer creates a table in plinth_events" "$out"
  fi
  # 3 events, event a delivered twice (older copy ingested first).
  local t=$((now_s * 1000))
  local cols='event_id, type, source, tenant, occurred_at_ms, ingested_at_ms, payload, topic, kafka_partition, kafka_offset'
  if out=$(q "$writer" "INSERT INTO $table ($cols) VALUES ('a', 'deploy', 'selftest', 't1', $((t - 100)), $((t - 60)), '{}', 'events-raw', 0, 10), ('b', 'deploy', 'selftest', 't1', $((t - 100)), $((t - 20)), '{}', 'events-raw', 1, 11), ('c', 'alert', 'selftest', 't2', $((t - 100)), $((t - 40)), '{}', 'events-raw', 2, 12)") &&
    out=$(q "$writer" "INSERT INTO $table ($cols) VALUES ('a', 'deploy', 'selftest', 't1', $((t - 100)), $((t - 10)), '{}', 'events-raw', 0, 10)"); then
    pass "writer inserts (two batches, one duplicate event)"
  else
    fail "writer inserts" "$out"
  fi
  refused "writer cannot touch other databases" "$writer" "CREATE TABLE default.selftest_nope (a UInt8) ENGINE = Memory" 'denied'

  # count() is 4 until a background merge collapses the duplicate, then 3.
  expect "dashboard counts rows, count(DISTINCT), uniqExact" $'1\t3\t3' "$dash" \
    "SELECT count() IN (3, 4), count(DISTINCT event_id), uniqExact(event_id) FROM $table"
  expect "FINAL collapses the duplicate and keeps the newest ingest" $'3\t90' "$dash" \
    "SELECT count(), max(ingested_at_ms - occurred_at_ms) FROM $table FINAL WHERE tenant = 't1' OR tenant = 't2'"
  expect "latency quantiles over a recent window" '[80,90]' "$dash" \
    "SELECT quantilesExact(0.5, 0.99)(ingested_at_ms - occurred_at_ms) FROM $table
     WHERE ingested_at_ms >= (toUInt64(now()) - 300) * 1000 AND occurred_at_ms >= (toUInt64(now()) - 3600) * 1000"
  if out=$(q "$dash" "SELECT quantiles(0.5, 0.95, 0.99)(ingested_at_ms - occurred_at_ms) FROM $table WHERE ingested_at_ms >= (toUInt64(now()) - 300) * 1000") &&
    [[ $out =~ ^\[[0-9.,]+\]$ ]]; then
    pass "approximate quantiles() run"
  else
    fail "approximate quantiles() run" "$out"
  fi
  expect "system.parts: max active parts per partition" 1 "$dash" \
    "SELECT max(parts) BETWEEN 1 AND 2 FROM (SELECT partition, count() AS parts FROM system.parts
     WHERE active AND database = 'plinth_events' AND table = '${table#plinth_events.}' GROUP BY partition)"
  out=$(q "$admin" "SYSTEM FLUSH LOGS") || fail "admin flushes logs" "$out"
  if out=$(q "$dash" "SELECT count() > 0, max(query_duration_ms) < 10000 FROM system.query_log
     WHERE event_date >= yesterday() AND event_time >= now() - 600
       AND user = 'plinth_dashboard' AND toUInt8(type) = 2") &&
    [[ $out == $'1\t1' ]]; then
    pass "system.query_log with a time filter shows dashboard queries"
  else
    fail "system.query_log with a time filter" "$out"
  fi
  refused "dashboard cannot INSERT" "$dash" \
    "INSERT INTO $table (event_id) VALUES ('x')" 'readonly|read only|Cannot execute'
  refused "dashboard cannot DROP" "$dash" "DROP TABLE $table" 'readonly|read only|Cannot execute'
  refused "dashboard cannot lift its limits" "$dash" \
    "SELECT 1 SETTINGS max_execution_time = 1000" 'readonly|Cannot modify'
  refused "dashboard cannot read other databases" "$dash" "SELECT count() FROM default.any_table" 'denied'
  if out=$(q "$writer" "DROP TABLE $table"); then
    pass "writer drops its table"
  else
    fail "writer drops its table" "$out"
  fi

  echo "selftest: $passed passed, $failed failed"
  ((failed == 0))
}

case $cmd in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  client) cmd_client ;;
  selftest) cmd_selftest ;;
  *) die "unknown command '$cmd' (up, down, status, selftest, client, env)" ;;
esac
