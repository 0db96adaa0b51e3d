#!/usr/bin/env bash
# make bench-api-diff: Plinth's diff engine next to oasdiff and openapi-diff on consecutive
# releases of GitHub's REST API description (@octokit/openapi), each tool as a child process.
#   bench/api-diff/run.sh [--quick] [--no-results] [bench.ts options, e.g. --pairs 22.0.0:23.0.0]
# --quick: one pair (21.0.0 -> 22.0.0) without openapi-diff, and results/ left alone.
# Inputs (tarballs, oasdiff) go to .cache/bench via fetch.sh, never into the workspace.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. infra/bootstrap/env.sh
out="$ROOT/bench/api-diff/results"
save=true
extra=()
for a in "$@"; do
  case "$a" in
    --no-results) save=false ;;
    --quick) save=false; extra+=("$a") ;;
    *) extra+=("$a") ;;
  esac
done

# GNU time measures every tool the same way (wall, CPU, peak RSS of the child).
infra/bootstrap/apt.sh time

tmp="$(mktemp /tmp/plinth-bench-api-diff-XXXX.json)"
trap 'rm -f "$tmp"' EXIT
echo "== api diff bench (plinth-api, oasdiff, openapi-diff on GitHub's REST API description)" >&2
sucrase-node bench/api-diff/src/bench.ts "${extra[@]}" >"$tmp"
cat "$tmp"
if $save; then
  mkdir -p "$out"
  cp "$tmp" "$out/api-diff.json"
  # The results are committed: keep them in the repository's format (prettier:check).
  prettier --write "$out/api-diff.json" >/dev/null
  echo "raw figures: bench/api-diff/results/api-diff.json" >&2
fi
