#!/usr/bin/env bash
# Installs Debian packages that are missing: `apt.sh chromium postgresql graphviz`.
# Only runs apt when something is actually missing, and says how to fix it when it can't.
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "error: missing Debian packages: ${missing[*]}, and apt-get is not available. Install them with your package manager and rerun." >&2
  exit 1
fi
sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "error: missing Debian packages: ${missing[*]}. Run as root or install them: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists at most once an hour: apt-get update is slow and usually unneeded.
if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -60 2>/dev/null | head -1)" ]]; then
  $sudo apt-get update -qq >/dev/null
fi
log="$(mktemp)"
if ! $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
  tail -30 "$log" >&2
  echo "error: apt-get install ${missing[*]} failed (full log: $log)" >&2
  exit 1
fi
rm -f "$log"
