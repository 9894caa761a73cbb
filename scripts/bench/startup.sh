#!/usr/bin/env bash
# The start-up benchmark: for each service, one at a time with nothing else running but one
# embedded PostgreSQL, the time from `java -jar` until /q/health/ready answers 200 (polled every
# 25 ms), the CPU time the JVM used until then, Quarkus' own "started in" figure, and the
# resident memory (VmRSS) after 10 s idle and after a short load. Each service is measured
# STARTUP_RUNS times in two variants:
#   plain  its normal fast-jar (target/quarkus-app);
#   cds    the same application packaged with a flat class path (quarkus.package.jar.type=aot-jar,
#          in target/cds-app) and started with a class-data-sharing archive (app-cds.jsa) that a
#          training run made: one start of that copy against the benchmark database, through
#          readiness and the load, with -XX:ArchiveClassesAtExit. The archive holds the classes a
#          real start loads, already parsed and verified. It is made anew in every run, by the
#          same JVM that uses it (an archive works only with the JVM build that made it).
#
#   scripts/bench/startup.sh                               # 3 runs per service and variant
#   STARTUP_RUNS=1 STARTUP_SERVICES='catalog bonus' scripts/bench/startup.sh
#   STARTUP_VARIANTS=plain scripts/bench/startup.sh        # plain, cds or both (default)
#   STARTUP_JAVA_OPTS='-XX:+UseSerialGC -Xmx96m' ...        # other JVM options (default below)
#
# The default JVM options are those of a pod of the Helm chart: its heap is 70 %
# (maxRamPercentage) of the 512 MiB memory limit, reproduced here without a container by
# -XX:MaxRAM=512m -XX:MaxRAMPercentage=70; the image's -XX:+ExitOnOutOfMemoryError and
# -XX:TrimNativeHeapInterval=5000; and -XX:+UseSerialGC, the collector the chart sets
# (gcOptions, GC_CONTAINER_OPTIONS of the image's run-java.sh).
# The load is STARTUP_LOAD_REQUESTS (2,000) GETs of /q/health/ready (management port; it runs the
# datasource check) from 8 curl processes on keep-alive connections: a light, uniform load that
# every service answers anonymously, not a workload of the API. STARTUP_IDLE_SECONDS (10) is the
# wait before the idle RSS. Logs: .dev/bench-startup/logs/<service>-<variant>-<run>.log.
# docs/performance.md holds the last run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../lib/dev-keys.sh
source scripts/lib/dev-keys.sh
kopilka_dev_keys

read -r -a SERVICES <<<"${STARTUP_SERVICES:-registration bonus cashback catalog gifting}"
read -r -a VARIANTS <<<"${STARTUP_VARIANTS:-plain cds}"
RUNS=${STARTUP_RUNS:-3}
IDLE=${STARTUP_IDLE_SECONDS:-10}
LOAD=${STARTUP_LOAD_REQUESTS:-2000}
JAVA_OPTS=${STARTUP_JAVA_OPTS:--XX:MaxRAM=512m -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000 -XX:+UseSerialGC}
PG_PORT=${BENCH_PG_PORT:-25432}
PORT=${STARTUP_HTTP_PORT:-18090}
WORK=$ROOT/.dev/bench-startup
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/bench/lib.sh

began=$SECONDS
modules=$(printf '%s-service,' "${SERVICES[@]}")
modules=${modules%,}
bench_build "$modules"

if [[ " ${VARIANTS[*]} " == *" cds "* ]]; then
  echo "== package $modules with a flat class path into target/cds-app"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl "$modules" -am \
    -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=cds-app
fi

databases=$(printf '%s,' "${SERVICES[@]}")
bench_postgres "${databases%,}"
mkdir -p "$WORK/logs"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
# the other services are not running: calls to them fail at once; and, as in a pod, no demo
# partners (the local profile would load them at every start)
peers=(KOPILKA_CASHBACK_DEMO_PARTNERS=false)
for name in registration bonus cashback catalog gifting; do
  peers+=("KOPILKA_$(tr '[:lower:]' '[:upper:]' <<<"$name")_URL=http://localhost:9")
done

tick_ms=$((1000 / $(getconf CLK_TCK)))
cpu_ms() { awk -v t="$tick_ms" '{print ($14 + $15) * t}' "/proc/$1/stat"; }

# start NAME: starts NAME-service from $BENCH_APP_DIR with $BENCH_JAVA_OPTS and waits until it is
# ready; SERVICE_PID, READY (ms since java -jar) and CPU (ms of CPU time until then)
start() {
  local name=$1 code="" begin
  begin=$(now_ms)
  bench_service "$name" "$PORT" "${peers[@]}"
  until [[ $code == 200 ]]; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null || (($(now_ms) - begin > 120000)); then
      tail -40 "$WORK/$name.log"
      echo "$name-service ($BENCH_APP_DIR) did not become ready" >&2
      exit 1
    fi
    sleep 0.025
    code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://localhost:$((PORT + 1000))/q/health/ready" || true)
  done
  READY=$(($(now_ms) - begin))
  CPU=$(cpu_ms "$SERVICE_PID")
}

# load: the GETs from 8 keep-alive curl processes; RATE (req/s)
load() {
  local t0 i curls=()
  t0=$(now_ms)
  for i in 1 2 3 4 5 6 7 8; do
    curl -s "http://localhost:$((PORT + 1000))/q/health/ready?c=$i&n=[1-$((LOAD / 8))]" >/dev/null &
    curls+=($!)
  done
  wait "${curls[@]}" || true
  RATE=$((LOAD * 1000 / ($(now_ms) - t0 + 1)))
}

stop() {
  kill -TERM "$SERVICE_PID"
  wait "$SERVICE_PID" 2>/dev/null || true
}

# train NAME: the training run of the cds variant; the JVM writes app-cds.jsa when it exits
train() {
  local name=$1 jsa=$1-service/target/cds-app/app-cds.jsa
  rm -f "$jsa"
  BENCH_APP_DIR=cds-app BENCH_JAVA_OPTS="-XX:ArchiveClassesAtExit=app-cds.jsa $JAVA_OPTS"
  start "$name"
  load
  stop
  cp "$WORK/$name.log" "$WORK/logs/$name-training.log"
  [[ -f $jsa ]] || { tail -20 "$WORK/$name.log"; echo "no $jsa" >&2; exit 1; }
  echo "== $name-service: archive of the training run, $(($(stat -c %s "$jsa") / 1048576)) MB"
}

# measure NAME VARIANT RUN: one start, idle and load of NAME-service; prints and records a RESULT line
measure() {
  local name=$1 variant=$2 run=$3 idle loaded started
  local log=$WORK/logs/$name-$variant-$run.log
  if [[ $variant == cds ]]; then
    # -Xshare:on: a start without the archive fails instead of being measured as if it had it
    BENCH_APP_DIR=cds-app BENCH_JAVA_OPTS="-Xshare:on -XX:SharedArchiveFile=app-cds.jsa $JAVA_OPTS"
  else
    BENCH_APP_DIR=quarkus-app BENCH_JAVA_OPTS=$JAVA_OPTS
  fi
  start "$name"
  sleep "$IDLE"
  idle=$(rss_mb "$SERVICE_PID")
  load
  loaded=$(rss_mb "$SERVICE_PID")
  stop
  cp "$WORK/$name.log" "$log"
  started=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$log" | head -1)
  echo "RESULT service=$name variant=$variant run=$run ready_ms=$READY cpu_ms=$CPU started_s=${started:-?} rss_idle_mb=$idle rss_load_mb=$loaded load_rps=$RATE" |
    tee -a "$WORK/results.txt"
}

rm -f "$WORK/results.txt"
echo "== JVM: $("$KOPILKA_JAVA" -version 2>&1 | tr '\n' ' ')"
echo "== JVM options: $JAVA_OPTS"
for name in "${SERVICES[@]}"; do
  # the training run comes first and migrates the empty database: every measured start validates
  if [[ " ${VARIANTS[*]} " == *" cds "* ]]; then train "$name"; fi
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
echo "| service | variant | ready (ms) | CPU until ready (ms) | Quarkus \"started in\" (s) | RSS idle (MB) | RSS after load (MB) | load (req/s) |"
echo "|---|---|---|---|---|---|---|---|"
for name in "${SERVICES[@]}"; do
  for variant in "${VARIANTS[@]}"; do
    echo "| $name | $variant | $(stat "$name" "$variant" ready_ms) | $(stat "$name" "$variant" cpu_ms) | $(stat "$name" "$variant" started_s) |" \
      "$(stat "$name" "$variant" rss_idle_mb) | $(stat "$name" "$variant" rss_load_mb) | $(stat "$name" "$variant" load_rps) |"
  done
done
echo
echo "total $((SECONDS - began)) s"
