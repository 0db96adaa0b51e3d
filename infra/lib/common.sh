# shellcheck shell=bash
# Shared helpers for the infra/* scripts. Source it, don't run it.
#
# Conventions: quiet when things are fine (one summary line per state change), errors go to
# stderr with the tail of the relevant log, every command is safe to repeat.

PLINTH_REPO=${PLINTH_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PLINTH_CACHE=${PLINTH_CACHE:-$PLINTH_REPO/.cache}
PLINTH_COMPONENT=${PLINTH_COMPONENT:-infra}

say() { printf '%s: %s\n' "$PLINTH_COMPONENT" "$*" >&2; }
# Progress chatter: shown only with PLINTH_VERBOSE=1.
info() { [[ ${PLINTH_VERBOSE:-0} == 1 ]] && say "$@"; return 0; }
die() {
  say "error: $*"
  exit 1
}

# log_tail FILE [LINES]: print the end of a log to stderr, indented.
log_tail() {
  local file=$1 lines=${2:-40}
  if [[ -s $file ]]; then
    say "last $lines lines of $file:"
    tail -n "$lines" "$file" | sed 's/^/  | /' >&2
  fi
}

# die_with_log FILE MESSAGE...
die_with_log() {
  local file=$1
  shift
  say "error: $*"
  log_tail "$file" 40
  exit 1
}

is_root() { [[ $(id -u) == 0 ]]; }

# may_install: this process may install Debian packages (root, and PLINTH_NO_APT is not 1;
# PLINTH_NO_APT=1 makes the scripts say what to install instead of installing it).
may_install() { is_root && [[ ${PLINTH_NO_APT:-} != 1 ]]; }

# path_without NAME...: a PATH under which the named commands are not found (everything
# else in the current PATH still is), for tests of the "tool missing" messages.
path_without() {
  local dir f name skip out
  out=$(mktemp -d)
  IFS=: read -ra dirs <<<"$PATH"
  for dir in "${dirs[@]}"; do
    for f in "$dir"/*; do
      name=${f##*/}
      [[ -x $f && ! -e $out/$name ]] || continue
      for skip in "$@"; do [[ $name == "$skip" ]] && continue 2; done
      ln -s "$f" "$out/$name"
    done
  done
  echo "$out"
}

# now_ms: wall clock in milliseconds (bash 5's EPOCHREALTIME, no fork).
now_ms() {
  local t=${EPOCHREALTIME/./}
  echo $((t / 1000))
}

# elapsed START_MS: seconds since START_MS with one decimal.
elapsed() {
  local d=$(($(now_ms) - $1))
  printf '%d.%ds' $((d / 1000)) $(((d % 1000) / 100))
}

# check_port VALUE WHAT: a TCP port we may bind without root, and that is not the portal's.
check_port() {
  local value=$1 what=$2
  if ! [[ $value =~ ^[0-9]+$ ]] || ((value < 1024 || value > 65535)); then
    die "$what must be a port number between 1024 and 65535, got '$value'"
  fi
  case $value in
    3000 | 7007) die "$what=$value clashes with the portal (3000 frontend, 7007 backend)" ;;
  esac
}

# check_name VALUE WHAT: names end up in paths; keep them boring.
check_name() {
  [[ $1 =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$ ]] ||
    die "$2 must match [A-Za-z0-9][A-Za-z0-9_.-]*, got '$1'"
}

# tcp_open HOST PORT: true if something accepts TCP connections there.
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# pid_alive PID: running and not a zombie.
pid_alive() {
  local pid=$1 state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/stat ]] || return 1
  state=$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z && $state != X ]]
}

# pid_cmdline_has PID NEEDLE: guards against a recycled pid in a stale pidfile.
pid_cmdline_has() {
  [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# read_pidfile FILE NEEDLE: prints the pid if the file names a live process whose command
# line contains NEEDLE.
read_pidfile() {
  local file=$1 needle=$2 pid
  [[ -s $file ]] || return 1
  read -r pid <"$file" || return 1
  pid_alive "$pid" && pid_cmdline_has "$pid" "$needle" && echo "$pid"
}

# pids_with_cmdline NEEDLE: every live process whose command line contains NEEDLE (a path
# unique to one of our instances), so a lost pidfile never leaves a stray server behind.
pids_with_cmdline() {
  local needle=$1 d pid
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    pid_cmdline_has "$pid" "$needle" && pid_alive "$pid" && echo "$pid"
  done
  return 0
}

# rss_mib PID: resident set size in MiB.
rss_mib() {
  local kb
  kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 1
  [[ -n $kb ]] && echo $((kb / 1024))
}

# stop_pids TIMEOUT_S PID...: SIGTERM, wait up to TIMEOUT_S, then SIGKILL and wait again.
# Returns 0 when all are gone; says so when it had to use SIGKILL.
stop_pids() {
  local timeout=$1 pid deadline left
  shift
  (($# > 0)) || return 0
  kill -TERM "$@" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while :; do
    left=()
    for pid in "$@"; do pid_alive "$pid" && left+=("$pid"); done
    ((${#left[@]} == 0)) && return 0
    ((SECONDS >= deadline)) && break
    sleep 0.2
  done
  say "still running after ${timeout}s, sending SIGKILL to ${left[*]}"
  kill -KILL "${left[@]}" 2>/dev/null || true
  deadline=$((SECONDS + 10))
  while ((SECONDS < deadline)); do
    left=()
    for pid in "$@"; do pid_alive "$pid" && left+=("$pid"); done
    ((${#left[@]} == 0)) && return 0
    sleep 0.2
  done
  say "error: processes ${left[*]} survived SIGKILL"
  return 1
}

# rotate_log FILE: keep one previous log so a restart does not erase the evidence.
rotate_log() {
  [[ -s $1 ]] && mv -f "$1" "$1.1"
  : >"$1"
}

# start_daemon PIDFILE LOGFILE CMD...: start CMD in its own session, detached from our
# stdio, and write its pid (the exec'd command's, not a wrapper's) to PIDFILE.
start_daemon() {
  local pidfile=$1 logfile=$2
  shift 2
  rm -f "$pidfile"
  # The wrapper closes every inherited descriptor above 2 (a caller's flock on fd 9 must not
  # live on in the server), records its own pid, then execs the server in its place.
  # shellcheck disable=SC2016
  setsid bash -c '
    for fd in /proc/$$/fd/*; do
      fd=${fd##*/}
      ((fd > 2)) && eval "exec $fd>&-"
    done 2>/dev/null
    echo $$ >"$0"
    exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  local _
  for _ in $(seq 1 50); do
    [[ -s $pidfile ]] && return 0
    sleep 0.05
  done
  die_with_log "$logfile" "could not start: $*"
}

# apt_install PKG...: install Debian packages (root only), quietly, logging to $APT_LOG.
# Runs `apt-get update` only when a package has no install candidate yet, or when the
# install fails (stale lists), then retries once.
apt_install() {
  local log=${APT_LOG:-/dev/null} p need_update=0
  may_install || die "cannot install $* here (not root, or PLINTH_NO_APT=1). Run: sudo apt-get update && sudo apt-get install -y $*"
  for p in "$@"; do
    apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]' || need_update=1
  done
  if ((need_update)); then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$log" 2>&1 ||
      die_with_log "$log" "apt-get update failed"
  fi
  local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@")
  if ! "${install[@]}" >>"$log" 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$log" 2>&1 ||
      die_with_log "$log" "apt-get update failed"
    "${install[@]}" >>"$log" 2>&1 || die_with_log "$log" "apt-get install $* failed"
  fi
}
