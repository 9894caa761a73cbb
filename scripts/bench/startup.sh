#!/usr/bin/env bash
# The start-up benchmark: for each service, one at a time with nothing else running but one
# embedded PostgreSQL, the time from `java -jar` until /q/health/ready answers 200 (polled every
# 25 ms), Quarkus' own "started in" figure, and the resident memory (VmRSS) after 10 s idle and
# after a short load. Each service is measured STARTUP_RUNS times from its normal fast-jar
# (target/quarkus-app) and as many times from a second build packaged with AppCDS
# (quarkus.package.jar.appcds.enabled, in target/appcds: app-cds.jsa next to quarkus-run.jar,
# run from that directory with -XX:SharedArchiveFile=app-cds.jsa).
#
#   scripts/bench/startup.sh                               # 3 runs per service and variant
#   STARTUP_RUNS=1 STARTUP_SERVICES='catalog bonus' scripts/bench/startup.sh
#   STARTUP_VARIANTS=plain scripts/bench/startup.sh        # plain, appcds or both (default)
#   STARTUP_JAVA_OPTS='-XX:+UseSerialGC -Xmx96m' ...        # other JVM options (default below)
#
# The default JVM options are those the Helm chart gives a pod: its heap is 70 %
# (maxRamPercentage) of the 512 MiB memory limit, reproduced here without a container by
# -XX:MaxRAM=512m -XX:MaxRAMPercentage=70, and the image's -XX:+ExitOnOutOfMemoryError.
# The load is STARTUP_LOAD_REQUESTS (2,000) GETs of /q/health/ready (management port; it runs the
# datasource check) from 8 curl processes on keep-alive connections: a light, uniform load that
# every service answers anonymously, not a workload of the API. STARTUP_IDLE_SECONDS (10) is the
# wait before the idle RSS. An AppCDS archive is rebuilt when missing, older than the sources or
# made by another JVM. Logs: .dev/bench-startup/logs/<service>-<variant>-<run>.log. docs/performance.md holds the last run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../lib/dev-keys.sh
source scripts/lib/dev-keys.sh
kopilka_dev_keys

read -r -a SERVICES <<<"${STARTUP_SERVICES:-registration bonus cashback catalog gifting}"
read -r -a VARIANTS <<<"${STARTUP_VARIANTS:-plain appcds}"
RUNS=${STARTUP_RUNS:-3}
IDLE=${STARTUP_IDLE_SECONDS:-10}
LOAD=${STARTUP_LOAD_REQUESTS:-2000}
JAVA_OPTS=${STARTUP_JAVA_OPTS:--XX:MaxRAM=512m -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError}
PG_PORT=${BENCH_PG_PORT:-25432}
PORT=${STARTUP_HTTP_PORT:-18090}
WORK=$ROOT/.dev/bench-startup
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/bench/lib.sh

began=$SECONDS
modules=$(printf '%s-service,' "${SERVICES[@]}")
modules=${modules%,}
bench_build "$modules"

# ---- the AppCDS copies: target/appcds, built by this JVM; target/quarkus-app stays as it is ----
jdk=$("$KOPILKA_JAVA" -version 2>&1 | tr '\n' ' ')
if [[ " ${VARIANTS[*]} " == *" appcds "* ]]; then
  stale=()
  for name in "${SERVICES[@]}"; do
    jsa=$name-service/target/appcds/app-cds.jsa
    if [[ ! -f $jsa || $(cat "$name-service/target/appcds/.jdk" 2>/dev/null) != "$jdk" ||
      -n $(find pom.xml common/pom.xml common/src "$name-service/pom.xml" "$name-service/src" \
        -type f -newer "$jsa" -print -quit) ]]; then
      stale+=("$name-service")
    fi
  done
  if ((${#stale[@]} > 0)); then
    echo "== AppCDS build of ${stale[*]}"
    list=$(printf '%s,' "${stale[@]}")
    # Quarkus starts each application once, up to the end of its static initialisation (no
    # database needed), with -XX:ArchiveClassesAtExit; the archive must come from this JVM
    ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl "${list%,}" -am \
      -Dquarkus.package.jar.appcds.enabled=true -Dquarkus.package.output-directory=appcds
    for name in "${stale[@]}"; do
      [[ -f $name/target/appcds/app-cds.jsa ]] || { echo "no $name/target/appcds/app-cds.jsa" >&2; exit 1; }
      printf '%s' "$jdk" >"$name/target/appcds/.jdk"
    done
  fi
fi

databases=$(printf '%s,' "${SERVICES[@]}")
bench_postgres "${databases%,}"
mkdir -p "$WORK/logs"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
# the other services are not running: calls to them fail at once
peers=()
for name in registration bonus cashback catalog gifting; do
  peers+=("KOPILKA_$(tr '[:lower:]' '[:upper:]' <<<"$name")_URL=http://localhost:9")
done

# measure NAME VARIANT RUN: one start, idle and load of NAME-service; prints and records a RESULT line
measure() {
  local name=$1 variant=$2 run=$3 start ready code="" pid started idle loaded
  local log=$WORK/logs/$name-$variant-$run.log
  if [[ $variant == appcds ]]; then
    BENCH_APP_DIR=appcds BENCH_JAVA_OPTS="-XX:SharedArchiveFile=app-cds.jsa $JAVA_OPTS"
  else
    BENCH_APP_DIR=quarkus-app BENCH_JAVA_OPTS=$JAVA_OPTS
  fi
  start=$(now_ms)
  bench_service "$name" "$PORT" "${peers[@]}"
  pid=$SERVICE_PID
  until [[ $code == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null || (($(now_ms) - start > 120000)); then
      tail -40 "$WORK/$name.log"
      echo "$name-service ($variant) did not become ready" >&2
      exit 1
    fi
    sleep 0.025
    code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://localhost:$((PORT + 1000))/q/health/ready" || true)
  done
  ready=$(($(now_ms) - start))
  sleep "$IDLE"
  idle=$(rss_mb "$pid")
  local t0 i rate curls=()
  t0=$(now_ms)
  for i in 1 2 3 4 5 6 7 8; do
    curl -s "http://localhost:$((PORT + 1000))/q/health/ready?c=$i&n=[1-$((LOAD / 8))]" >/dev/null &
    curls+=($!)
  done
  wait "${curls[@]}" || true
  rate=$((LOAD * 1000 / ($(now_ms) - t0 + 1)))
  loaded=$(rss_mb "$pid")
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  cp "$WORK/$name.log" "$log"
  started=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$log" | head -1)
  echo "RESULT service=$name variant=$variant run=$run ready_ms=$ready started_s=${started:-?} rss_idle_mb=$idle rss_load_mb=$loaded load_rps=$rate" |
    tee -a "$WORK/results.txt"
}

rm -f "$WORK/results.txt"
echo "== JVM: $jdk"
echo "== JVM options: $JAVA_OPTS"
for name in "${SERVICES[@]}"; do
  for variant in "${VARIANTS[@]}"; do
    for run in $(seq 1 "$RUNS"); do measure "$name" "$variant" "$run"; done
  done
done

# ---- the table: median (min-max) of the runs -------------------------------------------------
stat() { # SERVICE VARIANT FIELD -> "median (min-max)"
  grep " service=$1 variant=$2 " "$WORK/results.txt" | sed -n "s/.* $3=\([^ ]*\).*/\1/p" | sort -g |
    awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf (NR > 1 ? "%s (%s-%s)" : "%s"), m, v[1], v[NR]}'
}
echo
echo "$RUNS run(s) each; median (min-max). JVM options: $JAVA_OPTS"
echo "load: $LOAD GETs of /q/health/ready on the management port, 8 curl processes"
echo
echo "| service | variant | ready (ms) | Quarkus \"started in\" (s) | RSS idle (MB) | RSS after load (MB) | load (req/s) |"
echo "|---|---|---|---|---|---|---|"
for name in "${SERVICES[@]}"; do
  for variant in "${VARIANTS[@]}"; do
    echo "| $name | $variant | $(stat "$name" "$variant" ready_ms) | $(stat "$name" "$variant" started_s) |" \
      "$(stat "$name" "$variant" rss_idle_mb) | $(stat "$name" "$variant" rss_load_mb) | $(stat "$name" "$variant" load_rps) |"
  done
done
echo
echo "total $((SECONDS - began)) s"
