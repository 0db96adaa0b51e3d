#!/usr/bin/env bash
# make bench-scaffold: the adoption scorecard over the ownership benchmark's synthetic
# catalog (10,000 components), in one process with the Tech Insights backend, Plinth's
# scorecard module and the ownership backend (bench/scaffold/scoreCatalog.ts).
#   bench/scaffold/run.sh [--no-results] [scoreCatalog.ts options, e.g. --components 1000]
# Not measured yet (planned): the browser part, Create -> entity visible -> scorecard.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../../infra/bootstrap/env.sh
. infra/bootstrap/env.sh
out="$ROOT/bench/scaffold/results"
save=true
extra=()
for a in "$@"; do
  case "$a" in
    --no-results) save=false ;;
    *) extra+=("$a") ;;
  esac
done
export NODE_OPTIONS="--max-old-space-size=4096"
tmp="$(mktemp /tmp/plinth-bench-scaffold-XXXX.json)"
trap 'rm -f "$tmp"' EXIT
echo "== scorecard over the synthetic catalog (load: $(uptime | sed 's/.*load average: //'))" >&2
sucrase-node bench/scaffold/scoreCatalog.ts "${extra[@]}" >"$tmp"
cat "$tmp"
if $save; then
  mkdir -p "$out"
  cp "$tmp" "$out/score-catalog.json"
  prettier --write "$out/score-catalog.json" >/dev/null
fi
