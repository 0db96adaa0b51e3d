# shellcheck shell=bash
# Sourced by the Makefile and scripts: puts the project's Node, Yarn and TechDocs tools on PATH.
# Usage: . infra/bootstrap/env.sh   (installs Node 22 into .cache/ first if needed)
PLINTH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PLINTH_ROOT
_plinth_node_bin="$("$PLINTH_ROOT/infra/bootstrap/node.sh")" || return 1
export PATH="$PLINTH_ROOT/infra/bootstrap/bin:$_plinth_node_bin:$PLINTH_ROOT/node_modules/.bin:$PLINTH_ROOT/.cache/techdocs-venv/bin:$PATH"
unset _plinth_node_bin
export NO_MKDOCS_2_WARNING=1
