#!/usr/bin/env bash
# `make start`: local infrastructure first (best effort), then the portal in development mode.
# If Kafka or ClickHouse cannot start (no Java, no apt, a busy port), the portal still starts
# and the pipeline is reported unavailable; the reason is printed here.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. infra/bootstrap/env.sh

pipeline_up=0
if [[ "${PLINTH_SKIP_INFRA:-}" == "1" ]]; then
  echo "PLINTH_SKIP_INFRA=1: not starting Kafka or ClickHouse" >&2
elif make --no-print-directory infra-up; then
  pipeline_up=1
else
  echo "warning: local Kafka/ClickHouse did not start (see the messages above); the portal runs without a live pipeline. Fix the cause and run 'make infra-up'." >&2
fi

stop_infra() {
  if [[ $pipeline_up == 1 ]]; then
    echo "Stopping local infrastructure ..." >&2
    make --no-print-directory infra-down || true
  fi
}
trap stop_infra EXIT
trap 'exit 130' INT TERM

yarn start
