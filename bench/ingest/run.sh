#!/usr/bin/env bash
# make bench-ingest: the ingestion benchmark (see bench/ingest/README.md).
#
#   bench/ingest/run.sh [--phase-seconds 20] [--backlog 600000] [--paths ingester,kafka-engine,naive]
#                       [--no-results] [--keep]
#
# Starts its own Kafka (127.0.0.1:49092) and ClickHouse (127.0.0.1:48123), runs the three
# ingestion paths one after the other, prints the table and rewrites the bench-ingest section
# of bench/RESULTS.md. Raw figures: .cache/bench/ingest/last-run.json; the ingester's CPU
# profile: .cache/bench/ingest/profile/*.cpuprofile (open it in Chrome DevTools).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../../infra/bootstrap/env.sh
. infra/bootstrap/env.sh
cd packages/event-pipeline
exec node --require @backstage/cli-node/config/nodeTransform.cjs src/bench/runIngestBench.ts "$@"
