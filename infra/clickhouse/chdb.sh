#!/usr/bin/env bash
# chDB: a current ClickHouse engine (26.x) inside a Node.js process, for the two-engine SQL
# tests. It is ~570 MB (the engine ships inside @chdb/lib-linux-x64-gnu), so it lives in
# .cache/chdb, never in the workspace's dependencies or yarn.lock.
#
#   infra/clickhouse/chdb.sh install   install npm chdb@$CHDB_VERSION into .cache/chdb (once;
#                                      a stamp file makes repeats instant); prints the folder
#   infra/clickhouse/chdb.sh path      print the folder if installed; exit 3 if not
#
# Tests load it with packages/event-pipeline/src/testing/chdb.ts.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=chdb
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$HERE/../lib/common.sh"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

# Pinned: the engine version (and its quirks the tests name) comes with the package version.
CHDB_VERSION=3.4.0
PREFIX=$PLINTH_CACHE/chdb
STAMP=$PREFIX/.installed-chdb-$CHDB_VERSION

installed() {
  [[ -f $STAMP && -f $PREFIX/node_modules/chdb/package.json ]]
}

cmd_install() {
  if installed; then
    echo "$PREFIX"
    return 0
  fi
  # The project's Node 22 (chdb's native addon is built for the running Node's ABI).
  # shellcheck source-path=SCRIPTDIR source=../bootstrap/env.sh
  source "$HERE/../bootstrap/env.sh"
  command -v npm >/dev/null || die "npm is missing (apt-get install -y npm)"
  local node_dir start
  node_dir=$(dirname "$(dirname "$(command -v node)")")
  mkdir -p "$PREFIX"
  exec 9>"$PREFIX/.lock"
  flock -w 1800 9 || die "another chdb.sh install is running"
  if installed; then
    echo "$PREFIX"
    return 0
  fi
  rm -f "$PREFIX"/.installed-chdb-*
  # A private package.json keeps npm from walking up into the Yarn workspace.
  [[ -f $PREFIX/package.json ]] ||
    echo '{ "name": "plinth-chdb-cache", "private": true }' >"$PREFIX/package.json"
  start=$(now_ms)
  say "installing chdb@$CHDB_VERSION into $PREFIX (~570 MB, a few minutes the first time)"
  # nodedir: the machine's npm config points at Node 20's headers; a native build must use
  # the headers of the Node that will load it.
  (cd "$PREFIX" && npm_config_nodedir=$node_dir npm install --no-audit --no-fund \
    --no-save --loglevel=error "chdb@$CHDB_VERSION") >"$PREFIX/install.log" 2>&1 ||
    die_with_log "$PREFIX/install.log" "npm install chdb@$CHDB_VERSION failed"
  [[ -f $PREFIX/node_modules/chdb/package.json ]] ||
    die_with_log "$PREFIX/install.log" "npm finished but $PREFIX/node_modules/chdb is missing"
  # Loading it once proves the native addon and the engine library match this Node.
  (cd "$PREFIX" && node -e "require('chdb')") >>"$PREFIX/install.log" 2>&1 ||
    die_with_log "$PREFIX/install.log" "chdb installed but does not load with $(node -v)"
  touch "$STAMP"
  say "installed chdb@$CHDB_VERSION in $(elapsed "$start")"
  echo "$PREFIX"
}

cmd_path() {
  installed || {
    say "chdb@$CHDB_VERSION is not installed (make chdb)"
    exit 3
  }
  echo "$PREFIX"
}

cmd=${1:-}
case $cmd in
  install) cmd_install ;;
  path) cmd_path ;;
  -h | --help | help) usage 0 ;;
  '') usage 2 ;;
  *) die "unknown command '$cmd' (install, path)" ;;
esac
