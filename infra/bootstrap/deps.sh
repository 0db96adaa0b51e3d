#!/usr/bin/env bash
# Installs the workspace's JavaScript dependencies with the committed Yarn release.
# A stamp keyed on yarn.lock + package.json files makes reruns a no-op.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
shopt -s nullglob
releases=(.yarn/releases/yarn-*.cjs)
((${#releases[@]})) || { echo "error: no Yarn release in .yarn/releases (see .yarnrc.yml)" >&2; exit 1; }
YARN_RELEASE=${releases[0]}
STAMP="$ROOT/node_modules/.plinth-deps-stamp"

# Every workspace's manifest (root package.json "workspaces"): a changed dependency anywhere
# must trigger an install.
manifests=(yarn.lock package.json packages/*/package.json plugins/*/package.json bench/*/package.json)
want="$( (node -v; cat "${manifests[@]}") | sha256sum | cut -d' ' -f1)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
  exit 0
fi

# Native modules (better-sqlite3) compile from source against the running Node's headers:
# prebuilt-binary downloads are not reachable from these machines.
node_root="$(dirname "$(dirname "$(command -v node)")")"
if [[ -d "$node_root/include/node" ]]; then
  export npm_config_nodedir="$node_root"
fi

# @scarf/scarf (pulled in by Spectral, via @backstage/repo-tools and asyncapi) reports installs to
# its vendor from a postinstall script; nothing but the package registries is contacted here.
export SCARF_ANALYTICS=false

args=(install)
if [[ "${CI:-}" == "true" ]]; then
  args+=(--immutable)
fi
echo "Installing dependencies (yarn ${args[*]}) ..." >&2
node "$YARN_RELEASE" "${args[@]}" >&2
echo "$want" > "$STAMP"
