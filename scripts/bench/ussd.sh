#!/usr/bin/env bash
# The USSD benchmark: registration-service and bonus-service on one embedded PostgreSQL with
# 10,000 members, measuring USSD balance requests (*111*455*0#) at a fixed arrival rate. Each
# request is an idempotent channel call that checks the membership, asks bonus-service for the
# balance over HTTP and queues the answer as an SMS (rule B1).
#
#   scripts/bench/ussd.sh                                  # 200 requests/s, 30 s measured
#   USSD_RATE=400 BENCH_SECONDS=10 scripts/bench/ussd.sh   # another rate, shorter
#   BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/x.jfr' ...  # extra JVM options
#
# Prints the RESULT lines and a table row; docs/performance.md holds the last results.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/dev-keys.sh
source scripts/lib/dev-keys.sh
kopilka_dev_keys

MEMBERS=${MEMBERS:-10000}
SECS=${BENCH_SECONDS:-30}
RATE=${USSD_RATE:-200}
WARM=${BENCH_WARMUP:-60}
PG_PORT=${BENCH_PG_PORT:-25432}
REG_PORT=${BENCH_REGISTRATION_PORT:-18081}
BONUS_PORT=${BENCH_HTTP_PORT:-18082}
WORK=$ROOT/.dev/bench-ussd
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

command -v psql >/dev/null || { echo "psql is needed: apt-get install -y postgresql-client" >&2; exit 1; }

echo "== build"
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package \
  -pl tools/local-postgres,registration-service,bonus-service -am
rm -rf "$WORK" && mkdir -p "$WORK/driver"
javac -d "$WORK/driver" scripts/bench/LoadDriver.java

echo "== start PostgreSQL on $PG_PORT"
"$KOPILKA_JAVA" -jar tools/local-postgres/target/kopilka-local-postgres.jar \
  --port "$PG_PORT" --data "$WORK/postgres" --databases registration,bonus >"$WORK/postgres.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q '^READY' "$WORK/postgres.log" && break; sleep 1; done
grep -q '^READY' "$WORK/postgres.log" || { tail -20 "$WORK/postgres.log"; exit 1; }

start_service() { # NAME PORT -> pid in SERVICE_PID
  QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_PORT=$(($2 + 1000)) QUARKUS_PROFILE=local \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/$1 \
  QUARKUS_DATASOURCE_USERNAME=$1 QUARKUS_DATASOURCE_PASSWORD=$1 \
  KOPILKA_JWT_PUBLIC_KEY=$KOPILKA_DEV_JWT_PUBLIC KOPILKA_JWT_PRIVATE_KEY=$KOPILKA_DEV_JWT_PRIVATE \
  KOPILKA_BONUS_URL=http://localhost:$BONUS_PORT KOPILKA_REGISTRATION_URL=http://localhost:$REG_PORT \
  QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    "$KOPILKA_JAVA" ${BENCH_JAVA_OPTS:-} -jar "$1-service/target/quarkus-app/quarkus-run.jar" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  SERVICE_PID=$!
}
await_ready() { # NAME PORT
  for _ in $(seq 1 120); do curl -sf "http://localhost:$(($2 + 1000))/q/health/ready" >/dev/null && return; sleep 1; done
  tail -40 "$WORK/$1.log"
  exit 1
}
echo "== start registration-service on $REG_PORT and bonus-service on $BONUS_PORT"
start_service bonus "$BONUS_PORT"
BONUS_PID=$SERVICE_PID
start_service registration "$REG_PORT"
REG_PID=$SERVICE_PID
await_ready bonus "$BONUS_PORT"
await_ready registration "$REG_PORT"

echo "== $MEMBERS active members (MSISDN 79000000000 + i) with a balance"
PGPASSWORD=bonus psql -q -h localhost -p "$PG_PORT" -U bonus -d bonus -v ON_ERROR_STOP=1 <<SQL
insert into account (membership_id, msisdn, status, joined_on, balance, opened_at)
select gen_random_uuid(), (79000000000 + i)::text, 'OPEN', date '2024-01-01', 100 + i % 900, now()
from generate_series(1, $MEMBERS) i;
insert into ledger_entry (id, account_id, points, reason, reference, description, created_at)
select nextval('ledger_entry_seq'), a.id, a.balance, 'ACCRUAL', 'bench-' || a.id, 'Услуги связи', now()
from account a;
insert into lot (id, account_id, entry_id, points, remaining, expires_at)
select nextval('lot_seq'), e.account_id, e.id, e.points, e.points, timestamptz '2027-01-01 00:00+03'
from ledger_entry e;
vacuum analyze account, ledger_entry, lot;
SQL
PGPASSWORD=registration psql -q -h localhost -p "$PG_PORT" -U registration -d registration -v ON_ERROR_STOP=1 <<SQL
insert into membership (id, msisdn, status, channel, applied_at, activated_at)
select gen_random_uuid(), (79000000000 + i)::text, 'ACTIVE', 'USSD', now(), now()
from generate_series(1, $MEMBERS) i;
vacuum analyze membership;
SQL

cpu_ms() { # PID -> CPU time used so far, in milliseconds
  awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
GATEWAY=$(scripts/token.sh channel-gateway)
drive() { # RATE SECONDS -> the RESULT line
  "$KOPILKA_JAVA" -cp "$WORK/driver" LoadDriver ussd --url "http://localhost:$REG_PORT" \
    --token "$GATEWAY" --accounts "$MEMBERS" --rate "$1" --seconds "$2" | grep '^RESULT'
}

# the JIT needs about a minute of load on two shared cores before the path runs at its speed
echo "== warm-up: ${WARM} s at $RATE requests/s"
drive "$RATE" "$WARM" >/dev/null
echo "== USSD balance, open model at $RATE requests/s for $SECS s"
reg_before=$(cpu_ms "$REG_PID"); bonus_before=$(cpu_ms "$BONUS_PID")
R=$(drive "$RATE" "$SECS")
reg_cpu=$(($(cpu_ms "$REG_PID") - reg_before)); bonus_cpu=$(($(cpu_ms "$BONUS_PID") - bonus_before))
echo "   $R"
sent=$(field sent "$R")
cat <<TABLE

| measure | result | target |
|---|---|---|
| USSD balance (*111*455*0#), open model $RATE req/s, incl. the call to bonus-service | p50 $(field p50_ms "$R") ms, p99 $(field p99_ms "$R") ms, max $(field max_ms "$R") ms, errors $(field errors "$R"); CPU per request ≈ $(awk -v c="$reg_cpu" -v n="$sent" 'BEGIN {printf "%.2f", c / n}') ms registration + $(awk -v c="$bonus_cpu" -v n="$sent" 'BEGIN {printf "%.2f", c / n}') ms bonus | p99 reported |
TABLE
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; members: $MEMBERS; $SECS s measured after ${WARM} s warm-up"
