# shellcheck shell=bash
# What the service benchmarks share: the build, a PostgreSQL from embedded binaries, services
# started from their jars, warm-up to a steady speed, and stopping everything on exit.
# The caller sets ROOT, WORK and PG_PORT and has sourced scripts/lib/dev-keys.sh; it may set
# BENCH_MANAGEMENT_OFFSET, the distance of each service's management port from its HTTP port (1000).

BENCH_PIDS=()

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap bench_cleanup EXIT INT TERM

command -v psql >/dev/null || { echo "psql is needed: apt-get install -y postgresql-client" >&2; exit 1; }

# bench_build MODULES: packages the modules (comma-separated) and compiles the load driver
bench_build() {
  echo "== build"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl "tools/local-postgres,$1" -am
  rm -rf "$WORK" && mkdir -p "$WORK/driver"
  javac -d "$WORK/driver" scripts/bench/LoadDriver.java
}

# bench_postgres DATABASES: starts PostgreSQL on PG_PORT with these databases (user = password = name)
# and the settings of BENCH_PG_SETTINGS (name=value, space-separated). The default sizes the server
# for the benchmark's data as docs/deploy.md sizes a production one: shared buffers that hold the
# hot indexes (PostgreSQL's default of 128 MB holds a tenth of the ledger's, and every insert at a
# random member's page then wrote a dirty page out to read another in), and checkpoints spaced
# out so that a write after each one logs its whole page less often.
bench_postgres() {
  local setting settings=()
  for setting in ${BENCH_PG_SETTINGS:-shared_buffers=4GB max_wal_size=8GB checkpoint_timeout=15min}; do
    settings+=(--set "$setting")
  done
  echo "== start PostgreSQL on $PG_PORT (${settings[*]})"
  "$KOPILKA_JAVA" -jar tools/local-postgres/target/kopilka-local-postgres.jar \
    --port "$PG_PORT" --data "$WORK/postgres" --databases "$1" "${settings[@]}" >"$WORK/postgres.log" 2>&1 &
  BENCH_PIDS+=($!)
  for _ in $(seq 1 120); do grep -q '^READY' "$WORK/postgres.log" && break; sleep 1; done
  grep -q '^READY' "$WORK/postgres.log" || { tail -20 "$WORK/postgres.log"; exit 1; }
}

# bench_checkpoint: writes out what loading the data dirtied. With shared buffers of gigabytes the
# load leaves most of its pages dirty, and the checkpoint that writes them out would otherwise
# fall into the first measurements.
bench_checkpoint() {
  PGPASSWORD=postgres psql -q -h localhost -p "$PG_PORT" -U postgres -d postgres -c checkpoint
}

# bench_settle DATABASE...: vacuums and analyses the databases, then checkpoints, so that what the
# work before left to autovacuum and the checkpointer (dead rows, stale statistics, dirty pages)
# is not paid for during the next measurement: one measurement would pay for it and the next not
bench_settle() {
  local db
  for db in "$@"; do
    PGPASSWORD=postgres psql -q -h localhost -p "$PG_PORT" -U postgres -d "$db" -c 'vacuum analyze'
  done
  bench_checkpoint
}

# bench_service NAME PORT [VAR=VALUE ...]: starts NAME-service in the local profile on PORT (its
# management port is PORT + BENCH_MANAGEMENT_OFFSET) with the extra environment given; its pid is
# in SERVICE_PID. It runs from its application directory, NAME-service/target/$BENCH_APP_DIR
# (quarkus-app by default), as an AppCDS archive there (-XX:SharedArchiveFile=app-cds.jsa) requires.
bench_service() {
  local name=$1 port=$2
  shift 2
  (
    cd "$name-service/target/${BENCH_APP_DIR:-quarkus-app}" || exit 1
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
    exec env QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT=$((port + ${BENCH_MANAGEMENT_OFFSET:-1000})) QUARKUS_PROFILE=local \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$name" \
      QUARKUS_DATASOURCE_USERNAME="$name" QUARKUS_DATASOURCE_PASSWORD="$name" \
      KOPILKA_JWT_PUBLIC_KEY="$KOPILKA_DEV_JWT_PUBLIC" KOPILKA_JWT_PRIVATE_KEY="$KOPILKA_DEV_JWT_PRIVATE" \
      QUARKUS_LOG_CONSOLE_JSON_ENABLED=false "$@" \
      "$KOPILKA_JAVA" ${BENCH_JAVA_OPTS:-} -jar quarkus-run.jar
  ) >"$WORK/$name.log" 2>&1 &
  BENCH_PIDS+=($!)
  # shellcheck disable=SC2034 # read by the caller
  SERVICE_PID=$!
}

# bench_ready NAME PORT: waits until the service is ready, or shows its log and fails
bench_ready() {
  for _ in $(seq 1 120); do curl -sf "http://localhost:$(($2 + ${BENCH_MANAGEMENT_OFFSET:-1000}))/q/health/ready" >/dev/null && return; sleep 1; done
  tail -40 "$WORK/$1.log"
  exit 1
}

# bench_partner CASHBACK_PORT MEMBERS: creates partner $PARTNER (RETAIL, 5%) through the admin API
# and a click of each of members 1..MEMBERS (ids in $WORK/clicks.txt); the webhook secret is in SECRET
bench_partner() {
  local created result
  echo "== partner $PARTNER (RETAIL, 5%) and a click of each of $2 members"
  created=$(curl -sf -X PUT -H "Authorization: Bearer $(scripts/token.sh partner-admin)" -H 'Content-Type: application/json' \
    -d '{"name":"Бенчмарк","category":"RETAIL","rateBasisPoints":500,"confirmationDays":30,"redirectUrlTemplate":"https://shop.example/?click={clickId}"}' \
    "http://localhost:$1/api/v1/admin/cashback/partners/$PARTNER")
  SECRET=$(sed -n 's/.*"secret" *: *"\(whsec_[^"]*\)".*/\1/p' <<<"$created")
  [[ -n $SECRET ]] || { echo "no secret in: $created" >&2; exit 1; }
  result=$("$KOPILKA_JAVA" -cp "$WORK/driver" LoadDriver clicks --url "http://localhost:$1" \
    --partner "$PARTNER" --private-key "$KOPILKA_DEV_JWT_PRIVATE" --accounts "$2" --out "$WORK/clicks.txt" | grep '^RESULT')
  echo "   $result"
  [[ $(field errors "$result") == 0 ]] || exit 1
}

# bench_accruals URL TOKEN ACCOUNTS CONNECTIONS SECONDS: single accruals in a closed loop of
# CONNECTIONS from wrk (scripts/bench/accruals.lua), as billing (TOKEN) for random members among
# ACCOUNTS; prints the RESULT line. A C client like pgbench, whose rate for the same SQL the
# accruals' rate is compared with: LoadDriver's Java threads took three times wrk's CPU an accrual
# on the two cores they share with the service and PostgreSQL.
bench_accruals() {
  wrk -t2 -c"$4" -d"$5s" -s scripts/bench/accruals.lua -H "Authorization: Bearer $2" "$1" \
    -- "$3" "$(date +%s%N)" | grep '^RESULT'
}

# bench_warm COMMAND ARGS...: loads a path until it runs at its steady speed, and prints the rate
# of each round. `COMMAND ARGS... SECONDS` must run a closed loop for that long and print its
# RESULT line. On two shared cores the JIT needs one to two minutes of load before a path stops
# getting faster, and the rate can dip on the way (single accruals went 720 → 624/s in their first
# two rounds), so a fixed warm-up either wastes time or measures a path still being compiled.
# Rounds of BENCH_WARMUP_ROUND seconds (15) run until, after at least three and BENCH_WARMUP_MIN
# seconds (90), one is within 5% of the one before it and of the best so far, or until
# BENCH_WARMUP seconds (180) have been spent. Without the best, two rounds of a dip held (webhooks
# 781 → 713 → 726/s; another run warmed them up to 1,947/s). Without the minimum, a pause in the
# climb held: single accruals stopped at 1,137 → 1,866 → 1,815/s after 45 s, and their closed loop
# then ran at 2,146/s while the JIT was still compiling (other runs climbed for 105 s).
bench_warm() {
  local max=${BENCH_WARMUP:-180} min=${BENCH_WARMUP_MIN:-90} round=${BENCH_WARMUP_ROUND:-15}
  local spent=0 rounds=0 rate last="" best=0 rates=""
  while ((spent < max)); do
    ((round > max - spent)) && round=$((max - spent))
    rate=$(field rate "$("$@" "$round")")
    spent=$((spent + round)) rounds=$((rounds + 1))
    rates+="${rates:+ → }${rate%.*}"
    ((rounds >= 3 && spent >= min)) && awk -v r="$rate" -v l="$last" -v b="$best" \
      'BEGIN { exit !(r > l * 0.95 && r < l * 1.05 && r > b * 0.95) }' && break
    last=$rate
    best=$(awk -v r="$rate" -v b="$best" 'BEGIN { print (r > b) ? r : b }')
  done
  echo "$rates/s in $spent s"
}

# cpu_ms PID: CPU time the process used so far, in milliseconds
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"
}

# field NAME LINE: the value of NAME= in a RESULT line
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
