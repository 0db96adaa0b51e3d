#!/usr/bin/env bash
# Install Debian's ClickHouse (clickhouse-server + clickhouse-client, 18.16.1 on bookworm).
#
#   infra/clickhouse/install.sh
#
# Idempotent: exits at once when both binaries are there. The project runs its own server
# process (infra/clickhouse/clickhouse.sh), so the system service is kept from starting
# during the install and disabled afterwards; if apt started it anyway, it is stopped.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=clickhouse-install
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$HERE/../lib/common.sh"

LOG_DIR=$PLINTH_CACHE/clickhouse
LOG=$LOG_DIR/install.log
PACKAGES=(clickhouse-server clickhouse-client)

case ${1:-} in
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  '') ;;
  *) die "unknown argument '$1' (try --help)" ;;
esac

if command -v clickhouse-server >/dev/null 2>&1 && command -v clickhouse-client >/dev/null 2>&1; then
  exit 0
fi

if ! may_install; then
  die "ClickHouse is not installed and installing needs root (and PLINTH_NO_APT unset): run 'sudo apt-get update && sudo apt-get install -y ${PACKAGES[*]}' (Debian bookworm), then retry"
fi
grep -qs 'bookworm' /etc/os-release ||
  say "warning: Debian's clickhouse-server is only in bookworm (not trixie/sid); trying anyway"

mkdir -p "$LOG_DIR"
: >"$LOG"
start=$(now_ms)

# Keep maintainer scripts from starting the system service: the standard policy-rc.d
# switch, installed only for this run and only if the machine has none of its own.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  own_policy=1
fi
cleanup() { ((own_policy)) && rm -f "$policy"; return 0; }
trap cleanup EXIT

APT_LOG=$LOG apt_install "${PACKAGES[@]}"

# Not a boot-time service here: the project's own process owns ports and data.
if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
  systemctl disable --now clickhouse-server >>"$LOG" 2>&1 || true
elif command -v update-rc.d >/dev/null 2>&1 && [[ -e /etc/init.d/clickhouse-server ]]; then
  update-rc.d clickhouse-server disable >>"$LOG" 2>&1 || true
fi
# If a service instance came up anyway (a machine without policy-rc.d), stop exactly it:
# it is the one reading the system config.
mapfile -t service_pids < <(pids_with_cmdline /etc/clickhouse-server/config.xml)
if ((${#service_pids[@]})); then
  stop_pids 30 "${service_pids[@]}" || true
fi

command -v clickhouse-server >/dev/null 2>&1 || die_with_log "$LOG" "clickhouse-server missing after install"
version=$(dpkg-query -W -f='${Version}' clickhouse-server 2>/dev/null || true)
say "installed clickhouse-server ${version} in $(elapsed "$start")"
