#!/usr/bin/env bash
# make bench-health: pipeline health at 2,000 partitions (200 topics x 10, 200 consumer
# groups) on one real Kafka broker, Plinth's pipeline-health backend next to the community
# Kafka plugin in the same run, then the Pipelines page of the built portal in Chromium.
#   bench/health/run.sh [--no-page] [--no-results] [bench.ts options, e.g. --topics 20 --samples 20]
# The bench stops Kafka, both backends and the portal itself, also when it fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. infra/bootstrap/env.sh
out="$ROOT/bench/health/results"
page=true
save=true
extra=()
for a in "$@"; do
  case "$a" in
    --no-page) page=false ;;
    --no-results) save=false ;;
    *) extra+=("$a") ;;
  esac
done

if $page; then
  infra/bootstrap/apt.sh chromium
  # Measure the frontend as it is now, not an older build.
  yarn workspace @plinth/app build >&2
  extra+=(--page)
fi

export NODE_OPTIONS="--max-old-space-size=4096"
tmp="$(mktemp /tmp/plinth-bench-health-XXXX.json)"
trap 'rm -f "$tmp"' EXIT
echo "== pipeline health bench (Kafka on loopback, Plinth and the community plugin)" >&2
sucrase-node bench/health/bench.ts "${extra[@]}" >"$tmp"
cat "$tmp"
if $save; then
  mkdir -p "$out"
  cp "$tmp" "$out/health.json"
  # The results are committed: keep them in the repository's format (prettier:check).
  prettier --write "$out/health.json" >/dev/null
fi
