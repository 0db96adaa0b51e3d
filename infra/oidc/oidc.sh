#!/usr/bin/env bash
# Run Plinth's development OpenID Connect provider (packages/dev-identity-provider) on loopback.
#
#   infra/oidc/oidc.sh up|down|status|serve|env [options]
#
#   up       start it (detached; log and pid in .cache/oidc/p<port>/) and wait until it serves
#            its discovery document. Safe to repeat (says so when it already runs).
#   down     stop it (SIGTERM, then SIGKILL after $OIDC_STOP_TIMEOUT s). --all: every instance.
#   status   print state; exit 0 running, 3 stopped.
#   serve    run it in the foreground (no pid file; for a supervisor such as Playwright's
#            webServer, which stops it at the end).
#   env      print OIDC_METADATA_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET for the portal's config.
#
# Options (or environment):
#   --port N               OIDC_PORT                     default 7777
#   --redirect-uri URI     OIDC_REDIRECT_URIS (spaces)   default
#                          http://localhost:7007/api/auth/oidc/handler/frame (repeatable)
#   --users FILE           OIDC_USERS_FILE               default examples/org/users.yaml
#   OIDC_CLIENT_ID (plinth-portal), OIDC_CLIENT_SECRET (plinth-dev-client-secret),
#   PLINTH_DEV_IDP_PASSWORD (plinth-dev: the one password of every development account),
#   OIDC_READY_TIMEOUT (30 s), OIDC_STOP_TIMEOUT (10 s), PLINTH_VERBOSE=1 for progress.
#
# A development identity provider: the password is public on purpose. Never point a real
# deployment at it.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=oidc
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

PORT=${OIDC_PORT:-7777}
USERS_FILE=${OIDC_USERS_FILE:-$PLINTH_REPO/examples/org/users.yaml}
CLIENT_ID=${OIDC_CLIENT_ID:-plinth-portal}
CLIENT_SECRET=${OIDC_CLIENT_SECRET:-plinth-dev-client-secret}
PASSWORD=${PLINTH_DEV_IDP_PASSWORD:-plinth-dev}
READY_TIMEOUT=${OIDC_READY_TIMEOUT:-30}
STOP_TIMEOUT=${OIDC_STOP_TIMEOUT:-10}
read -ra REDIRECT_URIS <<<"${OIDC_REDIRECT_URIS:-}"
redirect_from_args=() all=0
while (($#)); do
  case $1 in
    --port) PORT=${2:?--port needs a number}; shift 2 ;;
    --redirect-uri) redirect_from_args+=("${2:?--redirect-uri needs a URL}"); shift 2 ;;
    --users) USERS_FILE=${2:?--users needs a file}; shift 2 ;;
    --all) all=1; shift ;;
    -h | --help) usage 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
((${#redirect_from_args[@]} == 0)) || REDIRECT_URIS=("${redirect_from_args[@]}")
((${#REDIRECT_URIS[@]} > 0)) || REDIRECT_URIS=(http://localhost:7007/api/auth/oidc/handler/frame)
check_port "$PORT" "OIDC port"
[[ $READY_TIMEOUT =~ ^[0-9]+$ ]] || die "OIDC_READY_TIMEOUT must be a number of seconds"

DIR=$PLINTH_CACHE/oidc/p$PORT
PIDFILE=$DIR/idp.pid
LOG=$DIR/idp.log
ISSUER=http://127.0.0.1:$PORT
METADATA_URL=$ISSUER/.well-known/openid-configuration
SERVE_TS=$PLINTH_REPO/packages/dev-identity-provider/src/cli/serve.ts
# The command line of our server names this instance's port: a stale pidfile never matches
# another process, and `down` finds a server whose pidfile was lost.
NEEDLE="$SERVE_TS --port $PORT"

running_pid() {
  local pid
  pid=$(read_pidfile "$PIDFILE" "$NEEDLE" 2>/dev/null) && echo "$pid" && return 0
  pid=$(pids_with_cmdline "$NEEDLE" | head -n1)
  [[ -n $pid ]] && echo "$pid"
}

discovery_ok() { curl -fsS --max-time 2 -o /dev/null "$METADATA_URL" 2>/dev/null; }

node_bin() {
  if ! command -v node >/dev/null 2>&1 || [[ $(node -p 'process.versions.node.split(".")[0]') -lt 22 ]]; then
    # shellcheck source-path=SCRIPTDIR source=../bootstrap/env.sh
    . "$PLINTH_REPO/infra/bootstrap/env.sh" || die "Node 22 is not available (infra/bootstrap/node.sh failed)"
  fi
  command -v node
}

# idp_command: the node command line of the server (also the needle running_pid looks for).
idp_command() {
  local node uri
  node=$(node_bin)
  IDP_COMMAND=("$node" --require "$PLINTH_REPO/node_modules/@backstage/cli-node/config/nodeTransform.cjs"
    "$SERVE_TS" --port "$PORT" --users "$USERS_FILE")
  for uri in "${REDIRECT_URIS[@]}"; do IDP_COMMAND+=(--redirect-uri "$uri"); done
}

check_can_start() {
  tcp_open 127.0.0.1 "$PORT" && die "port $PORT is in use by another program; choose another with --port N or OIDC_PORT"
  [[ -f $USERS_FILE ]] || die "users file $USERS_FILE does not exist (--users or OIDC_USERS_FILE)"
  [[ -d $PLINTH_REPO/node_modules/oidc-provider ]] || die "dependencies are not installed; run: make bootstrap"
}

# Secrets go through the environment, not the command line (visible in ps).
export_secrets() {
  export PLINTH_DEV_IDP_PASSWORD=$PASSWORD PLINTH_DEV_IDP_CLIENT_ID=$CLIENT_ID
  export PLINTH_DEV_IDP_CLIENT_SECRET=$CLIENT_SECRET
}

cmd_serve() {
  check_can_start
  idp_command
  export_secrets
  exec "${IDP_COMMAND[@]}"
}

cmd_up() {
  local pid started
  if pid=$(running_pid); then
    discovery_ok || die "a dev IdP process ($pid) runs on port $PORT but does not answer $METADATA_URL; run: infra/oidc/oidc.sh down --port $PORT"
    say "already running at $ISSUER (pid $pid)"
    return 0
  fi
  check_can_start
  idp_command
  mkdir -p "$DIR"
  rotate_log "$LOG"
  started=$(now_ms)
  info "starting on $ISSUER (log: $LOG)"
  export_secrets
  start_daemon "$PIDFILE" "$LOG" "${IDP_COMMAND[@]}"
  read -r pid <"$PIDFILE"
  local deadline=$((SECONDS + READY_TIMEOUT))
  until discovery_ok; do
    pid_alive "$pid" || die_with_log "$LOG" "the dev IdP exited during start-up"
    ((SECONDS < deadline)) || {
      stop_pids "$STOP_TIMEOUT" "$pid" || true
      die_with_log "$LOG" "no discovery document at $METADATA_URL after ${READY_TIMEOUT}s"
    }
    sleep 0.2
  done
  say "up at $ISSUER in $(elapsed "$started") (client $CLIENT_ID, redirect ${REDIRECT_URIS[*]}; log $LOG)"
}

cmd_down() {
  local pids=() pid dir
  if ((all)); then
    for dir in "$PLINTH_CACHE"/oidc/p*; do
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
  stop_pids "$STOP_TIMEOUT" "${pids[@]}" || die "could not stop the dev IdP (${pids[*]})"
  rm -f "$PIDFILE"
  say "stopped (pid ${pids[*]})"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    if discovery_ok; then
      echo "oidc: running at $ISSUER (pid $pid)"
      return 0
    fi
    echo "oidc: process $pid runs but $METADATA_URL does not answer"
    return 1
  fi
  echo "oidc: stopped (port $PORT)"
  return 3
}

case $cmd in
  up) cmd_up ;;
  serve) cmd_serve ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env)
    echo "OIDC_METADATA_URL=$METADATA_URL"
    echo "OIDC_CLIENT_ID=$CLIENT_ID"
    echo "OIDC_CLIENT_SECRET=$CLIENT_SECRET"
    ;;
  *) die "unknown command '$cmd' (up, down, status, serve, env)" ;;
esac
