#!/usr/bin/env bash
# make bench-scaffold: issue 11's two figures.
#   1. The adoption scorecard over the ownership benchmark's synthetic catalog (10,000
#      components), in one process with the Tech Insights backend, Plinth's scorecard module
#      and the ownership backend (bench/scaffold/scoreCatalog.ts).
#   2. In the browser: Create pressed on the golden-path template -> the entity in the
#      catalog API, on its page, and its scorecard computed (bench/scaffold/createToScored.ts:
#      the built portal and a local git host on free loopback ports, Debian's Chromium).
#
#   bench/scaffold/run.sh [--no-catalog] [--no-browser] [--samples N] [--no-results]
#                         [scoreCatalog.ts options, e.g. --components 1000]
# Results: bench/scaffold/results/score-catalog.json and create-to-scored.json.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../../infra/bootstrap/env.sh
. infra/bootstrap/env.sh
out="$ROOT/bench/scaffold/results"
save=true
catalog=true
browser=true
samples=5
extra=()
while (($#)); do
  case "$1" in
    --no-results) save=false; shift ;;
    --no-catalog) catalog=false; shift ;;
    --no-browser) browser=false; shift ;;
    --samples) samples=${2:?--samples needs a number}; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done
export NODE_OPTIONS="--max-old-space-size=4096"
tmp="$(mktemp /tmp/plinth-bench-scaffold-XXXX.json)"
trap 'rm -f "$tmp"' EXIT

# Writes the JSON in $tmp to results/$1, in the repository's format (prettier:check).
keep() {
  if $save; then
    mkdir -p "$out"
    cp "$tmp" "$out/$1"
    prettier --write "$out/$1" >/dev/null
  fi
}

if $catalog; then
  echo "== scorecard over the synthetic catalog (load: $(uptime | sed 's/.*load average: //'))" >&2
  sucrase-node bench/scaffold/scoreCatalog.ts "${extra[@]}" >"$tmp"
  cat "$tmp"
  keep score-catalog.json
fi

if $browser; then
  infra/bootstrap/apt.sh chromium
  # Measure the frontend as it is now, not an older build.
  yarn workspace @plinth/app build >&2
  echo "== Create -> catalog -> scorecard in the browser, $samples services (load: $(uptime | sed 's/.*load average: //'))" >&2
  sucrase-node bench/scaffold/createToScored.ts --samples "$samples" >"$tmp"
  cat "$tmp"
  keep create-to-scored.json
fi
