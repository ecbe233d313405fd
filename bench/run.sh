#!/usr/bin/env bash
# ./ticker bench [scenario…] [--quick] [--input FILE]…
#
# The launcher runs this script; it can also be run directly (bench/run.sh --quick). It
#   1. raises the open-file limit (thousands of SSE connections; the stack inherits it when started here),
#   2. builds bench/target/ticker-bench.jar when it is missing or older than its sources,
#   3. starts the stack with ./ticker up -d unless ./ticker status --json shows every component ready
#      (TICKER_BENCH_NO_UP=1 skips this and measures whatever answers),
#   4. runs news.ticker.bench.Bench, which writes bench/results/<timestamp>/ (see bench/README.md).
# --compare A B skips 3: it compares two runs already written (bench/README.md, "Comparing two runs").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf 'bench: %s\n' "$*" >&2; }

# 1. Open files: as many as allowed, up to 65536.
want=65536
hard="$(ulimit -Hn)"
if [ "$hard" = unlimited ] || [ "$hard" -ge "$want" ]; then
  ulimit -n "$want"
else
  ulimit -n "$hard"
  log "open-file limit raised to the hard limit $hard (wanted $want)"
fi

# 2. Build when stale (sources of the bench, the event contract it encodes with, the timeline code its replay fold
#    limit calls, or the poms changed). -Dquarkus.build.skip: the timeline is needed only as its plain jar, and its
#    quarkus-app (which a running stack executes) must not be rewritten under it.
JAR=bench/target/ticker-bench.jar
stale=false
if [ ! -f "$JAR" ] || [ ! -d bench/target/lib ] || [ ! -f "bench/target/lib/ticker-events-0.1.0-SNAPSHOT.jar" ]; then
  stale=true
elif [ -n "$(find pom.xml bench/pom.xml bench/src/main events/pom.xml events/src/main platform/pom.xml platform/src/main \
  timeline-service/pom.xml timeline-service/src/main -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  stale=true
fi
if $stale; then
  log "building the bench (./mvnw -pl bench -am package)…"
  rm -rf bench/target/lib
  if ! ./mvnw -q -B -o -pl bench -am package -DskipTests -Dquarkus.build.skip=true >&2; then
    log "offline build failed; retrying online"
    ./mvnw -q -B -pl bench -am package -DskipTests -Dquarkus.build.skip=true >&2
  fi
fi

# Usage needs no stack.
for arg in "$@"; do
  case "$arg" in
    -h|--help|help) exec java -cp "$JAR:bench/target/lib/*" news.ticker.bench.Bench --help ;;
  esac
done

# --compare A B reads two runs' results.json and measures nothing: no stack either.
for arg in "$@"; do
  if [ "$arg" = --compare ]; then
    exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Dticker.root="$ROOT" \
      -cp "$JAR:bench/target/lib/*" news.ticker.bench.Bench "$@"
  fi
done

# 3. The stack.
if [ "${TICKER_BENCH_NO_UP:-}" = 1 ]; then
  log "TICKER_BENCH_NO_UP=1: not starting the stack"
elif [ -x ./ticker ]; then
  status="$(./ticker status --json 2>/dev/null || true)"
  if [ -z "$status" ] || printf '%s' "$status" | grep -Eq '"ready"[[:space:]]*:[[:space:]]*false'; then
    log "starting the stack: ./ticker up -d"
    ./ticker up -d >&2
  fi
else
  log "no ./ticker launcher: measuring whatever answers on the configured ports"
fi

# 4. Run.
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" \
  -Xms512m -Xmx1536m \
  -XX:+UseG1GC \
  -Dticker.root="$ROOT" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error \
  -Dvertx.disableFileCPResolving=true \
  -cp "$JAR:bench/target/lib/*" \
  news.ticker.bench.Bench "$@"
