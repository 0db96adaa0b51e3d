#!/usr/bin/env bash
# Install the TechDocs toolchain: Graphviz (`dot`, renders docs/**/*.dot at build time) and
# mkdocs + mkdocs-techdocs-core, pinned in infra/techdocs/requirements.txt, in a project-local
# virtual environment at .cache/techdocs-venv.
#
#   infra/techdocs/install.sh            install what is missing; a no-op when up to date
#   infra/techdocs/install.sh --rebuild  recreate the virtual environment from scratch
#
# The Makefile (infra/bootstrap/env.sh) puts .cache/techdocs-venv/bin on PATH, where the
# portal's TechDocs generator (techdocs.generator.runIn: local) finds `mkdocs`.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=techdocs-install
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$HERE/../lib/common.sh"

REQUIREMENTS=$HERE/requirements.txt
VENV=$PLINTH_CACHE/techdocs-venv
# Written last, only after a complete install: a half-built venv never passes for a good one.
STAMP=$VENV/.plinth-requirements.sha256
LOG_DIR=$PLINTH_CACHE/techdocs
LOG=$LOG_DIR/install.log

rebuild=0
case ${1:-} in
  -h | --help)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  --rebuild) rebuild=1 ;;
  '') ;;
  *) die "unknown argument '$1' (try --help)" ;;
esac

PLUGIN_DIR=$HERE/mkdocs-plinth-graphviz
# The stamp covers the pins and our own plugin's source, so editing either reinstalls.
wanted=$(cat "$REQUIREMENTS" "$PLUGIN_DIR/pyproject.toml" "$PLUGIN_DIR"/plinth_graphviz/*.py | sha256sum | cut -d' ' -f1)

venv_current() {
  [[ -x $VENV/bin/mkdocs && -s $STAMP && $(<"$STAMP") == "$wanted" ]] &&
    # The venv's python runs only while the interpreter it was made from still exists.
    "$VENV/bin/python" -c '' 2>/dev/null
}

# Fast path: nothing to do, print nothing.
if ((!rebuild)) && command -v dot >/dev/null 2>&1 && venv_current; then
  exit 0
fi

mkdir -p "$LOG_DIR"
: >"$LOG"
start=$(now_ms)

# apt_install PKG... with the checks a non-Debian or non-root machine needs first.
install_debian_packages() {
  command -v apt-get >/dev/null 2>&1 ||
    die "missing $*, and apt-get is not available: install them with your package manager (e.g. 'brew install graphviz', 'dnf install graphviz') and rerun"
  is_root ||
    die "missing $*; installing needs root: run 'sudo apt-get update && sudo apt-get install -y --no-install-recommends $*', then rerun"
  say "installing Debian packages: $*"
  APT_LOG=$LOG apt_install "$@"
}

# 1. Graphviz: the plinth-graphviz mkdocs plugin (mkdocs-plinth-graphviz/) runs `dot -Tsvg`.
if ! command -v dot >/dev/null 2>&1; then
  install_debian_packages graphviz
  command -v dot >/dev/null 2>&1 || die_with_log "$LOG" "'dot' is still missing after installing graphviz"
fi

# 2. Python with venv + ensurepip (Debian splits them into python3-venv).
if ! command -v python3 >/dev/null 2>&1; then
  install_debian_packages python3 python3-venv
elif ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  install_debian_packages python3-venv
fi
python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' ||
  die "mkdocs-techdocs-core needs Python >= 3.9, found $(python3 --version 2>&1)"

# 3. The virtual environment, rebuilt from scratch whenever requirements.txt changes, so a
#    package dropped from the pins does not linger.
if ((rebuild)) || ! venv_current; then
  # One installer at a time (`make start` and `make test` may both get here).
  exec 9>"$LOG_DIR/install.lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if ((rebuild)) || ! venv_current; then
    rm -rf "$VENV"
    # --copies: TechDocs refuses to build a docs tree containing symlinks that point outside
    # it, and the portal's own docs are built from the repo root (techdocs-ref dir:.), which
    # contains this venv; a default venv links bin/python to the system interpreter.
    python3 -m venv --copies "$VENV" >>"$LOG" 2>&1 ||
      die_with_log "$LOG" "could not create $VENV with $(command -v python3) (on Debian: apt-get install python3-venv)"
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
      "$VENV/bin/python" -m pip install --quiet --requirement "$REQUIREMENTS" >>"$LOG" 2>&1 ||
      die_with_log "$LOG" "pip install -r $REQUIREMENTS failed"
    # Our Graphviz plugin, from the repo (pip builds it with setuptools from PyPI).
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
      "$VENV/bin/python" -m pip install --quiet --no-deps "$PLUGIN_DIR" >>"$LOG" 2>&1 ||
      die_with_log "$LOG" "pip install $PLUGIN_DIR failed"
    "$VENV/bin/python" -m pip check >>"$LOG" 2>&1 ||
      die_with_log "$LOG" "the pinned requirements are inconsistent (pip check)"
    "$VENV/bin/python" -c 'import techdocs_core.core' >>"$LOG" 2>&1 ||
      die_with_log "$LOG" "mkdocs-techdocs-core does not import"
    echo "$wanted" >"$STAMP"
  fi
fi

say "ready: $("$VENV/bin/mkdocs" --version | cut -d' ' -f1-3), mkdocs-techdocs-core $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("mkdocs-techdocs-core"))'), $(dot -V 2>&1 | cut -d' ' -f1-5) in $(elapsed "$start")"
