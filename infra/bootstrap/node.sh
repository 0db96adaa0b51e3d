#!/usr/bin/env bash
# Ensures a Node.js >= 22 is available and prints the directory holding its `node` binary.
# Current Backstage needs Node 22 or 24; when the system Node is older we install the
# `node@22` package from the npm registry into .cache/ (no other download source is reachable).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_PREFIX="$ROOT/.cache/node"
NODE_VERSION_SPEC="${PLINTH_NODE_VERSION:-22}"

major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

cached_bin() {
  local d
  for d in "$NODE_PREFIX"/node_modules/node/node_modules/node-linux-*/bin; do
    [[ -d $d ]] && echo "$d" && return 0
  done
  return 1
}

bin="$(cached_bin || true)"
if [[ -n "$bin" && -x "$bin/node" && "$(major_of "$bin/node")" -ge 22 ]]; then
  echo "$bin"; exit 0
fi

if command -v node >/dev/null && [[ "$(major_of node)" -ge 22 ]]; then
  dirname "$(command -v node)"; exit 0
fi

if ! command -v npm >/dev/null; then
  echo "error: Node.js >= 22 is required and npm is missing to install it. Install Debian's nodejs and npm (apt-get install -y nodejs npm) and rerun." >&2
  exit 1
fi

echo "Installing Node.js ${NODE_VERSION_SPEC} from the npm registry into .cache/node (system Node is $(node -v 2>/dev/null || echo absent))" >&2
npm install --silent --no-audit --no-fund --prefix "$NODE_PREFIX" "node@${NODE_VERSION_SPEC}" >&2
bin="$(cached_bin || true)"
if [[ -z "$bin" || ! -x "$bin/node" ]]; then
  echo "error: npm installed node@${NODE_VERSION_SPEC} but no node binary was found under $NODE_PREFIX" >&2
  exit 1
fi
echo "$bin"
