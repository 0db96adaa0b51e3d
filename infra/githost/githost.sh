#!/usr/bin/env bash
# Run Plinth's development git host (packages/dev-git-host) on loopback: bare repositories
# served over HTTP by git http-backend, browsable, with an admin API for the scaffolder.
#
#   infra/githost/githost.sh up|down|status|serve|env [options]
#
#   up       start it (detached; log and pid in .cache/githost/p<port>/) and wait until it
#            answers /health. Safe to repeat (says so when it already runs).
#   down     stop it (SIGTERM, then SIGKILL after $GITHOST_STOP_TIMEOUT s). --all: every
#            instance.
#   status   print state; exit 0 running, 3 stopped.
#   serve    run it in the foreground (no pid file; for a supervisor such as Playwright's
#            webServer, which stops it at the end).
#   env      print PLINTH_GITHOST_URL and PLINTH_GITHOST_TOKEN for the portal's config.
#
# Options (or environment):
#   --port N       GITHOST_PORT           default 7010
#   --root DIR     GITHOST_ROOT           default .cache/githost/repos (the repositories)
#   PLINTH_GITHOST_TOKEN (plinth-dev-git-token: pushes and the admin API need it),
#   GITHOST_READY_TIMEOUT (30 s), GITHOST_STOP_TIMEOUT (10 s), PLINTH_VERBOSE=1 for progress.
#
# A development git host: the default token is public on purpose, and reads need no token.
# Never expose it beyond loopback.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=githost
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

PORT=${GITHOST_PORT:-7010}
ROOT_DIR=${GITHOST_ROOT:-$PLINTH_CACHE/githost/repos}
TOKEN=${PLINTH_GITHOST_TOKEN:-plinth-dev-git-token}
READY_TIMEOUT=${GITHOST_READY_TIMEOUT:-30}
STOP_TIMEOUT=${GITHOST_STOP_TIMEOUT:-10}
all=0
while (($#)); do
  case $1 in
    --port) PORT=${2:?--port needs a number}; shift 2 ;;
    --root) ROOT_DIR=${2:?--root needs a directory}; shift 2 ;;
    --all) all=1; shift ;;
    -h | --help) usage 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
check_port "$PORT" "git host port"
[[ $READY_TIMEOUT =~ ^[0-9]+$ ]] || die "GITHOST_READY_TIMEOUT must be a number of seconds"
[[ -n $TOKEN ]] || die "PLINTH_GITHOST_TOKEN must not be empty"

DIR=$PLINTH_CACHE/githost/p$PORT
PIDFILE=$DIR/githost.pid
LOG=$DIR/githost.log
BASE_URL=http://127.0.0.1:$PORT
SERVE_TS=$PLINTH_REPO/packages/dev-git-host/src/cli/serve.ts
HTTP_BACKEND=/usr/lib/git-core/git-http-backend
# The command line of our server names this instance's port: a stale pidfile never matches
# another process, and `down` finds a server whose pidfile was lost.
NEEDLE="$SERVE_TS --port $PORT"

running_pid() {
  local pid
  pid=$(read_pidfile "$PIDFILE" "$NEEDLE" 2>/dev/null) && echo "$pid" && return 0
  pid=$(pids_with_cmdline "$NEEDLE" | head -n1)
  [[ -n $pid ]] && echo "$pid"
}

health_ok() { curl -fsS --max-time 2 -o /dev/null "$BASE_URL/health" 2>/dev/null; }

node_bin() {
  if ! command -v node >/dev/null 2>&1 || [[ $(node -p 'process.versions.node.split(".")[0]') -lt 22 ]]; then
    # shellcheck source-path=SCRIPTDIR source=../bootstrap/env.sh
    . "$PLINTH_REPO/infra/bootstrap/env.sh" || die "Node 22 is not available (infra/bootstrap/node.sh failed)"
  fi
  command -v node
}

host_command() {
  local node
  node=$(node_bin)
  HOST_COMMAND=("$node" --require "$PLINTH_REPO/node_modules/@backstage/cli-node/config/nodeTransform.cjs"
    "$SERVE_TS" --port "$PORT" --root "$ROOT_DIR")
}

check_can_start() {
  tcp_open 127.0.0.1 "$PORT" && die "port $PORT is in use by another program; choose another with --port N or GITHOST_PORT"
  [[ -x $HTTP_BACKEND ]] || die "$HTTP_BACKEND is missing; install git (Debian: apt-get install git)"
  [[ -d $PLINTH_REPO/node_modules/@backstage/cli-node ]] || die "dependencies are not installed; run: make bootstrap"
  mkdir -p "$ROOT_DIR"
}

# The token goes through the environment, not the command line (visible in ps).
export_secrets() { export PLINTH_GITHOST_TOKEN=$TOKEN; }

cmd_serve() {
  check_can_start
  host_command
  export_secrets
  exec "${HOST_COMMAND[@]}"
}

cmd_up() {
  local pid started
  if pid=$(running_pid); then
    health_ok || die "a git host process ($pid) runs on port $PORT but does not answer $BASE_URL/health; run: infra/githost/githost.sh down --port $PORT"
    say "already running at $BASE_URL (pid $pid)"
    return 0
  fi
  check_can_start
  host_command
  mkdir -p "$DIR"
  rotate_log "$LOG"
  started=$(now_ms)
  info "starting on $BASE_URL (log: $LOG)"
  export_secrets
  start_daemon "$PIDFILE" "$LOG" "${HOST_COMMAND[@]}"
  read -r pid <"$PIDFILE"
  local deadline=$((SECONDS + READY_TIMEOUT))
  until health_ok; do
    pid_alive "$pid" || die_with_log "$LOG" "the git host exited during start-up"
    ((SECONDS < deadline)) || {
      stop_pids "$STOP_TIMEOUT" "$pid" || true
      die_with_log "$LOG" "no answer from $BASE_URL/health after ${READY_TIMEOUT}s"
    }
    sleep 0.2
  done
  say "up at $BASE_URL in $(elapsed "$started") (repositories in $ROOT_DIR; log $LOG)"
}

cmd_down() {
  local pids=() pid dir
  if ((all)); then
    for dir in "$PLINTH_CACHE"/githost/p*; do
      [[ -d $dir ]] || continue
      while read -r pid; do [[ -n $pid ]] && pids+=("$pid"); done < <(pids_with_cmdline "$SERVE_TS --port ${dir##*/p}")
    done
  else
    while read -r pid; do [[ -n $pid ]] && pids+=("$pid"); done < <(running_pid || true)
  fi
  if ((${#pids[@]} == 0)); then
    info "not running"
    return 0
  fi
  stop_pids "$STOP_TIMEOUT" "${pids[@]}" || die "could not stop the git host (${pids[*]})"
  rm -f "$PIDFILE"
  say "stopped (pid ${pids[*]})"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    if health_ok; then
      echo "githost: running at $BASE_URL (pid $pid)"
      return 0
    fi
    echo "githost: process $pid runs but $BASE_URL/health does not answer"
    return 1
  fi
  echo "githost: stopped (port $PORT)"
  return 3
}

case $cmd in
  up) cmd_up ;;
  serve) cmd_serve ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env)
    echo "PLINTH_GITHOST_URL=$BASE_URL"
    echo "PLINTH_GITHOST_TOKEN=$TOKEN"
    ;;
  *) die "unknown command '$cmd' (up, down, status, serve, env)" ;;
esac
