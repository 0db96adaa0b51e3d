#!/usr/bin/env bash
# Fetch Apache Kafka's jars from Maven Central into $REPO/.cache/kafka/libs.
#
#   infra/kafka/fetch.sh [--force]
#
# Idempotent: a stamp file records the sha256 of pom.xml; with a matching stamp this exits
# at once. Needs java (17) and mvn; as root it installs the Debian packages when missing.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLINTH_COMPONENT=kafka-fetch
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$HERE/../lib/common.sh"

KAFKA_HOME_DIR=${KAFKA_HOME_DIR:-$PLINTH_CACHE/kafka}
LIBS=$KAFKA_HOME_DIR/libs
STAMP=$LIBS/.fetched
LOG=$KAFKA_HOME_DIR/fetch.log
POM=$HERE/pom.xml

force=0
for arg in "$@"; do
  case $arg in
    --force) force=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument '$arg' (try --help)" ;;
  esac
done

mkdir -p "$KAFKA_HOME_DIR"
want=$(sha256sum "$POM" | cut -d' ' -f1)
if ((!force)) && [[ -f $STAMP && $(<"$STAMP") == "$want" ]] && compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null; then
  exit 0
fi

# Tools. Java 17 runs the broker; Maven resolves the jars.
missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if ((${#missing[@]})); then
  if may_install; then
    say "installing ${missing[*]} (apt-get, log: $LOG)"
    APT_LOG=$LOG apt_install "${missing[@]}"
  else
    die "missing ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' (Debian), then retry"
  fi
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if ! [[ ${java_major%%.*} =~ ^[0-9]+$ ]] || ((${java_major%%.*} < 17)); then
  die "Kafka here needs Java 17 or newer, found '${java_major:-unknown}': apt-get install -y openjdk-17-jre-headless"
fi

start=$(now_ms)
tmp=$KAFKA_HOME_DIR/libs.tmp.$$
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
: >"$LOG"
# -B: no colours/progress in logs. Copy into a fresh folder and swap, so an interrupted
# fetch never leaves a half-filled libs/ behind a valid stamp.
if ! mvn -B -q -f "$POM" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$tmp" >>"$LOG" 2>&1; then
  die_with_log "$LOG" "mvn could not fetch Kafka's jars (is Maven Central reachable? proxy in ~/.m2/settings.xml?)"
fi
for jar in kafka_2.13 kafka-clients kafka-server kafka-metadata kafka-raft kafka-storage kafka-tools slf4j-reload4j reload4j; do
  compgen -G "$tmp/$jar-[0-9]*.jar" >/dev/null || die_with_log "$LOG" "fetched jars lack $jar"
done
rm -rf "$LIBS.old"
[[ -d $LIBS ]] && mv "$LIBS" "$LIBS.old"
mv "$tmp" "$LIBS"
rm -rf "$LIBS.old"
echo "$want" >"$STAMP"
say "fetched $(find "$LIBS" -name '*.jar' | wc -l) jars ($(du -sh "$LIBS" | cut -f1)) into $LIBS in $(elapsed "$start")"
