#!/usr/bin/env bash
# make bench-ingest: the ingestion benchmark (see bench/ingest/README.md).
#
#   bench/ingest/run.sh [--phase-seconds 20] [--backlog 600000] [--paths ingester,kafka-engine,naive]
#                       [--no-results] [--keep]
#
# Starts its own Kafka (127.0.0.1:49092) and ClickHouse (127.0.0.1:48123), runs the three
# ingestion paths one after the other, prints the table and rewrites the bench-ingest section
# of bench/RESULTS.md. Raw figures: bench/ingest/results/last-run.json (with --no-results
# only .cache/bench/ingest/last-run.json); the ingester's CPU profile:
# .cache/bench/ingest/profile/*.cpuprofile (open it in Chrome DevTools).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../../infra/bootstrap/env.sh
. infra/bootstrap/env.sh
recorded=true
for a in "$@"; do
  if [[ $a == --no-results ]]; then recorded=false; fi
done
(cd packages/event-pipeline &&
  node --require @backstage/cli-node/config/nodeTransform.cjs src/bench/runIngestBench.ts "$@")

# The raw figures of a recorded run sit next to its summary, as for every benchmark
# (bench/README.md), in the repository's format (prettier:check).
if $recorded; then
  mkdir -p bench/ingest/results
  cp .cache/bench/ingest/last-run.json bench/ingest/results/last-run.json
  prettier --write bench/ingest/results/last-run.json >/dev/null
fi
