#!/usr/bin/env bash
# `make start`: the local event pipeline first (best effort: Kafka, ClickHouse, the ingester and
# the load generator at a demo rate, see infra/pipeline/demo.sh), then the portal in development
# mode. If the pipeline cannot start (no Java, no apt, a busy port), the portal still starts and
# the pipeline is reported unavailable; the reason is printed here. PLINTH_SKIP_INFRA=1 skips it.
# Sign-in: guest by default; PLINTH_AUTH=oidc starts the development OIDC provider
# (infra/oidc/oidc.sh, http://127.0.0.1:7777) and runs the portal with app-config.oidc.yaml
# layered on top: sign in as an example user (password plinth-dev), no guest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. infra/bootstrap/env.sh

PLINTH_AUTH=${PLINTH_AUTH:-guest}
case $PLINTH_AUTH in
  guest | oidc) ;;
  *)
    echo "error: PLINTH_AUTH must be guest (the default) or oidc, got '$PLINTH_AUTH'" >&2
    exit 2
    ;;
esac

pipeline_up=0
if [[ "${PLINTH_SKIP_INFRA:-}" == "1" ]]; then
  echo "PLINTH_SKIP_INFRA=1: not starting Kafka, ClickHouse or the demo pipeline" >&2
elif infra/pipeline/demo.sh up; then
  pipeline_up=1
else
  echo "warning: the local pipeline (Kafka, ClickHouse, ingester, load generator) did not start (see the messages above); the portal runs without a live pipeline. Fix the cause and run 'make pipeline-up'." >&2
fi

# The local git host the scaffolder publishes new services to (infra/githost/githost.sh,
# http://127.0.0.1:7010). Best effort like the pipeline: without it, only publishing fails,
# with a message that names the command to start it. One that already ran is left running.
githost_up=0
if infra/githost/githost.sh status >/dev/null 2>&1; then
  :
elif infra/githost/githost.sh up; then
  githost_up=1
else
  echo "warning: the local git host did not start (see above); templates cannot publish new services. Fix the cause and run 'infra/githost/githost.sh up'." >&2
fi

oidc_up=0
stop_infra() {
  if [[ $githost_up == 1 ]]; then
    infra/githost/githost.sh down || true
  fi
  if [[ $oidc_up == 1 ]]; then
    infra/oidc/oidc.sh down || true
  fi
  if [[ $pipeline_up == 1 ]]; then
    echo "Stopping the local pipeline ..." >&2
    infra/pipeline/demo.sh down || true
  fi
}
trap stop_infra EXIT
trap 'exit 130' INT TERM

# No --config: yarn start loads app-config.yaml (and app-config.local.yaml if present).
configs=()
if [[ $PLINTH_AUTH == oidc ]]; then
  # Unlike the pipeline, sign-in is not optional: without the IdP nobody could sign in.
  # An IdP that already ran before is left running at the end.
  infra/oidc/oidc.sh status >/dev/null 2>&1 || oidc_up=1
  infra/oidc/oidc.sh up || {
    echo "error: PLINTH_AUTH=oidc needs the development identity provider, which did not start (see above)" >&2
    exit 1
  }
  # Absolute paths: each package resolves --config from its own directory.
  configs+=(--config "$ROOT/app-config.yaml")
  [[ -f $ROOT/app-config.local.yaml ]] && configs+=(--config "$ROOT/app-config.local.yaml")
  configs+=(--config "$ROOT/app-config.oidc.yaml")
  echo "Sign-in: OIDC through the development IdP at http://127.0.0.1:7777 (any example user from examples/org/users.yaml, password: ${PLINTH_DEV_IDP_PASSWORD:-plinth-dev})" >&2
fi

yarn start "${configs[@]}"
