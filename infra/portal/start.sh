#!/usr/bin/env bash
# `make start`: the local event pipeline first (best effort: Kafka, ClickHouse, the ingester and
# the load generator at a demo rate, see infra/pipeline/demo.sh), then the portal in development
# mode. If the pipeline cannot start (no Java, no apt, a busy port), the portal still starts and
# the pipeline is reported unavailable; the reason is printed here. PLINTH_SKIP_INFRA=1 skips it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. infra/bootstrap/env.sh

pipeline_up=0
if [[ "${PLINTH_SKIP_INFRA:-}" == "1" ]]; then
  echo "PLINTH_SKIP_INFRA=1: not starting Kafka, ClickHouse or the demo pipeline" >&2
elif infra/pipeline/demo.sh up; then
  pipeline_up=1
else
  echo "warning: the local pipeline (Kafka, ClickHouse, ingester, load generator) did not start (see the messages above); the portal runs without a live pipeline. Fix the cause and run 'make pipeline-up'." >&2
fi

stop_pipeline() {
  if [[ $pipeline_up == 1 ]]; then
    echo "Stopping the local pipeline ..." >&2
    infra/pipeline/demo.sh down || true
  fi
}
trap stop_pipeline EXIT
trap 'exit 130' INT TERM

yarn start
