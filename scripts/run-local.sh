#!/usr/bin/env bash
# Runs the Kopilka services present in this checkout on one local PostgreSQL 17 started from
# embedded binaries (no Docker, no system install). Needs only JDK 17 (and network to Maven
# Central on the first build).
#
#   scripts/run-local.sh            build if needed, start everything, print the URLs, run until Ctrl-C
#   scripts/run-local.sh --check    start everything, verify it is ready, print the URLs, stop, exit
#                                   (same as KOPILKA_RUN_CHECK=1)
#   scripts/run-local.sh --rebuild  build even when the jars look up to date
#
# Services listen on their API port (registration 8081, bonus 8082, ...) and serve health and
# metrics on a management port 1000 above it (9081, 9082, ...).
#
# State lives in .dev/ (git-ignored): postgres/ (data, kept between runs), jwt/ (dev keys, see
# lib/dev-keys.sh), logs/<name>.log. Environment: KOPILKA_PG_PORT (15432), KOPILKA_READY_TIMEOUT
# (120 s), KOPILKA_HTTP_HOST (127.0.0.1: services listen on loopback only), JAVA_OPTS (extra JVM
# options for the services), QUARKUS_LOG_CONSOLE_JSON_ENABLED (false: plain-text logs; true gives
# the production JSON lines), QUARKUS_PROFILE (local: outgoing SMS go to registration-service's dev
# sink and e-mails are only logged; prod needs a real SMS provider and SMTP server). Other
# QUARKUS_* variables reach the services unchanged.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/dev-keys.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/dev-keys.sh"
ROOT=$KOPILKA_ROOT
cd "$ROOT"

# Every service of the suite: "name port". Its code lives in <name>-service/; its database and
# database user are <name>. Adding a service is one line here; only services whose directory
# exists are built and started.
ALL_SERVICES=(
  "registration 8081"
  "bonus 8082"
  "cashback 8083"
  "catalog 8084"
  "gifting 8085"
)
# health and metrics listen on a management port of their own: the API port + 1000
MANAGEMENT_OFFSET=1000

PG_PORT=${KOPILKA_PG_PORT:-15432}
READY_TIMEOUT=${KOPILKA_READY_TIMEOUT:-120}
HTTP_HOST=${KOPILKA_HTTP_HOST:-127.0.0.1}
# where this script probes the services: a wildcard listen address is reached on loopback
case $HTTP_HOST in
  0.0.0.0 | :: | '[::]') PROBE_HOST=127.0.0.1 ;;
  *) PROBE_HOST=$HTTP_HOST ;;
esac
CHECK=${KOPILKA_RUN_CHECK:-0}
REBUILD=0
DEV=$ROOT/.dev
LOG_DIR=$DEV/logs
LOCAL_PG_JAR=tools/local-postgres/target/kopilka-local-postgres.jar

log() { printf '==> %s\n' "$*"; }
die() {
  printf 'run-local.sh: %s\n' "$*" >&2
  exit 1
}
usage() {
  sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit "${1:-0}"
}

for arg in "$@"; do
  case $arg in
    --check) CHECK=1 ;;
    --rebuild) REBUILD=1 ;;
    -h | --help) usage 0 ;;
    *) usage 2 >&2 ;;
  esac
done

# ---- processes we start, stopped again on exit, Ctrl-C or SIGTERM -------------------------------
PG_PID=
SERVICE_PIDS=()

# Sends SIGTERM to the given pids, waits up to 30 s for them to exit, then SIGKILLs what is left.
stop_pids() {
  local pid deadline=$((SECONDS + 30))
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "run-local.sh: pid $pid did not stop in time; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}

cleanup() {
  local status=$?
  # finish stopping even if Ctrl-C is pressed again
  trap - EXIT
  trap '' INT TERM HUP
  if ((${#SERVICE_PIDS[@]} > 0)); then
    log "Stopping services"
    stop_pids "${SERVICE_PIDS[@]}"
  fi
  # PostgreSQL last: the services close their connections first
  if [[ -n $PG_PID ]]; then
    log "Stopping PostgreSQL"
    stop_pids "$PG_PID"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Prints the last lines of a log and fails.
fail_with_log() {
  local file=$1
  shift
  {
    printf '\nrun-local.sh: %s\n--- last lines of %s ---\n' "$*" "${file#"$ROOT"/}"
    tail -n 60 "$file" 2>/dev/null || true
    printf -- '--- end of %s ---\n' "${file#"$ROOT"/}"
  } >&2
  exit 1
}

# Prints the HTTP status of GET http://$PROBE_HOST:$1$2, or 000 (or nothing) when nothing answers.
http_status() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "http://$PROBE_HOST:$1$2" || true
  else
    # bash's /dev/tcp, for machines without curl
    (
      exec 3<>"/dev/tcp/$PROBE_HOST/$1" || exit 0
      printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3
      read -r -t 5 _ code _ <&3 && printf '%s' "$code"
    ) 2>/dev/null || true
  fi
}

# True when something accepts connections on localhost:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when artifact $1 is missing or older than any file under the other arguments.
stale() {
  local artifact=$1
  shift
  [[ -f $artifact ]] || return 0
  [[ -n $(find "$@" -type f -newer "$artifact" -print -quit 2>/dev/null) ]]
}

# ---- the services in this checkout --------------------------------------------------------------
NAMES=()
PORTS=()
for entry in "${ALL_SERVICES[@]}"; do
  read -r name port <<<"$entry"
  if [[ -f $name-service/pom.xml ]]; then
    NAMES+=("$name")
    PORTS+=("$port")
  fi
  # every service finds the others on their local ports
  upper=$(printf '%s' "$name" | tr '[:lower:]-' '[:upper:]_')
  export "KOPILKA_${upper}_URL=http://localhost:$port"
done
((${#NAMES[@]} > 0)) || die "no <name>-service directory found in $ROOT"

command -v "$KOPILKA_JAVA" >/dev/null 2>&1 || die "java not found: install JDK 17 or set JAVA_HOME"
[[ $PG_PORT =~ ^[0-9]+$ && $READY_TIMEOUT =~ ^[0-9]+$ ]] || die "KOPILKA_PG_PORT and KOPILKA_READY_TIMEOUT must be numbers"
for port in "$PG_PORT" "${PORTS[@]}" $(for p in "${PORTS[@]}"; do echo $((p + MANAGEMENT_OFFSET)); done); do
  if port_in_use "$port"; then
    die "port $port is already in use (another run-local.sh, or a service started by hand?)"
  fi
done

# ---- dev keys -----------------------------------------------------------------------------------
kopilka_dev_keys
export KOPILKA_JWT_PUBLIC_KEY=$KOPILKA_DEV_JWT_PUBLIC
export KOPILKA_JWT_PRIVATE_KEY=$KOPILKA_DEV_JWT_PRIVATE

# ---- build when needed --------------------------------------------------------------------------
build=$REBUILD
if stale "$LOCAL_PG_JAR" pom.xml tools/local-postgres/pom.xml tools/local-postgres/src \
  || [[ ! -d tools/local-postgres/target/lib ]]; then
  build=1
fi
modules=tools/local-postgres
artifacts=("$LOCAL_PG_JAR")
for name in "${NAMES[@]}"; do
  modules+=",$name-service"
  artifacts+=("$name-service/target/quarkus-app/quarkus-run.jar")
  if stale "$name-service/target/quarkus-app/quarkus-run.jar" pom.xml common/pom.xml common/src \
    "$name-service/pom.xml" "$name-service/src"; then
    build=1
  fi
done
if ((build)); then
  log "Building $modules (and what they need); the first build downloads Maven and dependencies"
  # formatting is checked by the real build; it must not stop a local run
  ./mvnw -q -DskipTests -Dspotless.check.skip=true package -pl "$modules" -am
  # the jar plugin leaves an unchanged jar untouched: mark the artifacts as built now
  touch "${artifacts[@]}"
fi

# ---- PostgreSQL ---------------------------------------------------------------------------------
mkdir -p "$LOG_DIR" "$DEV/postgres"
databases=$(
  IFS=,
  printf '%s' "${NAMES[*]}"
)
log "Starting PostgreSQL on port $PG_PORT (data in .dev/postgres) with databases $databases"
"$KOPILKA_JAVA" -jar "$LOCAL_PG_JAR" --port "$PG_PORT" --data "$DEV/postgres" --databases "$databases" \
  >"$LOG_DIR/postgres.log" 2>&1 &
PG_PID=$!
deadline=$((SECONDS + READY_TIMEOUT))
until grep -q '^READY ' "$LOG_DIR/postgres.log" 2>/dev/null; do
  kill -0 "$PG_PID" 2>/dev/null || fail_with_log "$LOG_DIR/postgres.log" "PostgreSQL did not start"
  ((SECONDS < deadline)) || fail_with_log "$LOG_DIR/postgres.log" "PostgreSQL not ready after ${READY_TIMEOUT}s"
  sleep 0.5
done

# ---- services -----------------------------------------------------------------------------------
java_opts=()
if [[ -n ${JAVA_OPTS:-} ]]; then
  read -r -a java_opts <<<"$JAVA_OPTS"
fi
for i in "${!NAMES[@]}"; do
  name=${NAMES[$i]}
  port=${PORTS[$i]}
  log "Starting $name-service on port $port (log: .dev/logs/$name.log)"
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/$name \
    QUARKUS_DATASOURCE_USERNAME=$name \
    QUARKUS_DATASOURCE_PASSWORD=$name \
    QUARKUS_HTTP_PORT=$port \
    QUARKUS_MANAGEMENT_PORT=$((port + MANAGEMENT_OFFSET)) \
    QUARKUS_MANAGEMENT_HOST=$HTTP_HOST \
    QUARKUS_PROFILE=${QUARKUS_PROFILE:-local} \
    QUARKUS_HTTP_HOST=$HTTP_HOST \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=${QUARKUS_LOG_CONSOLE_JSON_ENABLED:-false} \
    "$KOPILKA_JAVA" ${java_opts[@]+"${java_opts[@]}"} -jar "$name-service/target/quarkus-app/quarkus-run.jar" \
    >"$LOG_DIR/$name.log" 2>&1 &
  SERVICE_PIDS+=($!)
done

# wait until every service is ready (database reachable, migrations done)
deadline=$((SECONDS + READY_TIMEOUT))
for i in "${!NAMES[@]}"; do
  name=${NAMES[$i]}
  until [[ $(http_status $((PORTS[i] + MANAGEMENT_OFFSET)) /q/health/ready) == 200 ]]; do
    kill -0 "${SERVICE_PIDS[$i]}" 2>/dev/null || fail_with_log "$LOG_DIR/$name.log" "$name-service exited during startup"
    ((SECONDS < deadline)) || fail_with_log "$LOG_DIR/$name.log" "$name-service not ready after ${READY_TIMEOUT}s"
    sleep 1
  done
  log "$name-service is ready"
done

if ((CHECK)); then
  # the URLs printed below must answer too
  for i in "${!NAMES[@]}"; do
    for target in "$((PORTS[i] + MANAGEMENT_OFFSET)) /q/health" "${PORTS[$i]} /q/openapi" "${PORTS[$i]} /q/swagger-ui/"; do
      read -r port path <<<"$target"
      status=$(http_status "$port" "$path")
      [[ $status == 200 ]] || fail_with_log "$LOG_DIR/${NAMES[$i]}.log" "GET $path on ${NAMES[$i]}-service returned $status"
    done
  done
fi

# ---- what runs where ----------------------------------------------------------------------------
row() { printf '%-14s %-30s %-38s %-32s %s\n' "$@"; }
echo
row SERVICE API "SWAGGER UI" HEALTH LOG
for i in "${!NAMES[@]}"; do
  base=http://localhost:${PORTS[$i]}
  row "${NAMES[$i]}" "$base/api/v1" "$base/q/swagger-ui" "http://localhost:$((PORTS[i] + MANAGEMENT_OFFSET))/q/health" ".dev/logs/${NAMES[$i]}.log"
done
cat <<EOF

PostgreSQL:  jdbc:postgresql://localhost:$PG_PORT/<service>  (user = password = <service>)  log: .dev/logs/postgres.log

Tokens (dev keys in .dev/jwt; roles: member billing service admin support channel-gateway partner-admin):
  TOKEN=\$(scripts/token.sh member 79161234567)
  curl -H "Authorization: Bearer \$TOKEN" http://localhost:8082/api/v1/accounts/me/balance
  curl -H "Authorization: Bearer \$(scripts/token.sh admin)" http://localhost:8082/api/v1/admin/bonus/audit
Sent SMS (login codes included), when registration-service runs:
  curl http://localhost:8081/dev/sms-gateway/messages?to=79161234567

EOF

if ((CHECK)); then
  log "Check passed: everything started and is ready; stopping"
  exit 0
fi

log "Running; press Ctrl-C to stop"
# watch the children; leave (and stop everything) when one of them dies
while true; do
  kill -0 "$PG_PID" 2>/dev/null || fail_with_log "$LOG_DIR/postgres.log" "PostgreSQL exited"
  for i in "${!NAMES[@]}"; do
    kill -0 "${SERVICE_PIDS[$i]}" 2>/dev/null || fail_with_log "$LOG_DIR/${NAMES[$i]}.log" "${NAMES[$i]}-service exited"
  done
  sleep 1
done
