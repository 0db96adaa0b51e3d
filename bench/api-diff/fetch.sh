#!/usr/bin/env bash
# Puts the inputs of the api-diff benchmark into .cache/bench (never into the workspace):
#   .cache/bench/octokit/<version>.json   GitHub's REST API description from @octokit/openapi
#   .cache/bench/bin/oasdiff              oasdiff, built from the Go module proxy
#   bench/api-diff/fetch.sh <version>...
# Each step is skipped when its output exists, so reruns cost nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OASDIFF_VERSION="v1.38.0"
cache="$ROOT/.cache/bench"
mkdir -p "$cache/octokit" "$cache/bin"

for version in "$@"; do
  json="$cache/octokit/$version.json"
  [[ -s "$json" ]] && continue
  echo "== @octokit/openapi@$version" >&2
  tmp="$(mktemp -d "$cache/octokit/pack-XXXX")"
  # npm pack prints the tarball's file name on stdout; progress goes to stderr.
  tarball="$(cd "$tmp" && npm pack --silent "@octokit/openapi@$version" | tail -n 1)"
  # Only the one member is extracted: the unpacked package is 100-570 MB.
  tar -xzf "$tmp/$tarball" -O package/generated/api.github.com.json >"$json.part"
  mv "$json.part" "$json"
  rm -rf "$tmp"
done

if [[ ! -x "$cache/bin/oasdiff" ]]; then
  echo "== oasdiff $OASDIFF_VERSION (go install, about a minute)" >&2
  GOTOOLCHAIN=local GOFLAGS=-mod=mod GOBIN="$cache/bin" \
    go install "github.com/oasdiff/oasdiff@$OASDIFF_VERSION"
fi
