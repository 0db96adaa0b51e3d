#!/usr/bin/env bash
# API gate: the OpenAPI document must pass the platform's lint, and must not break its
# clients compared with the base branch unless info.version got a new major version.
# Plain shell so any CI can run it (.github/workflows/ci.yaml does).
#
#   SPEC       the document (default openapi/openapi.yaml); no document: nothing to check
#   BASE_REF   what to compare with (default origin/main); needs the full history fetched
#   PLINTH_API the platform's plinth-api command (default: plinth-api on PATH)
set -euo pipefail

SPEC=${SPEC:-openapi/openapi.yaml}
BASE_REF=${BASE_REF:-origin/main}
read -r -a plinth_api <<<"${PLINTH_API:-plinth-api}"

if [[ ! -f $SPEC ]]; then
  echo "api-gate: no $SPEC in this repository, nothing to check"
  exit 0
fi

echo "api-gate: lint $SPEC"
"${plinth_api[@]}" lint "$SPEC" --fail-on error

if ! git cat-file -e "$BASE_REF:$SPEC" 2>/dev/null; then
  echo "api-gate: $SPEC does not exist on $BASE_REF yet, no breaking-change check"
  exit 0
fi

base=$(mktemp)
trap 'rm -f "$base"' EXIT
git show "$BASE_REF:$SPEC" >"$base"

echo "api-gate: diff $BASE_REF:$SPEC -> $SPEC"
"${plinth_api[@]}" diff "$base" "$SPEC" --fail-on breaking
