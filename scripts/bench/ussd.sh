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
# shellcheck source-path=SCRIPTDIR source=../lib/dev-keys.sh
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
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/bench/lib.sh
bench_build registration-service,bonus-service
bench_postgres registration,bonus
urls=(KOPILKA_BONUS_URL="http://localhost:$BONUS_PORT" KOPILKA_REGISTRATION_URL="http://localhost:$REG_PORT")
echo "== start registration-service on $REG_PORT and bonus-service on $BONUS_PORT"
bench_service bonus "$BONUS_PORT" "${urls[@]}"
BONUS_PID=$SERVICE_PID
bench_service registration "$REG_PORT" "${urls[@]}"
REG_PID=$SERVICE_PID
bench_ready bonus "$BONUS_PORT"
bench_ready registration "$REG_PORT"

echo "== $MEMBERS active members (MSISDN 79000000000 + i) with a balance"
PGPASSWORD=bonus psql -q -h localhost -p "$PG_PORT" -U bonus -d bonus -v ON_ERROR_STOP=1 <<SQL
insert into account (membership_id, msisdn, status, joined_on, balance, opened_at)
select gen_random_uuid(), (79000000000 + i)::text, 'OPEN', date '2024-01-01', 100 + i % 900, now()
from generate_series(1, $MEMBERS) i;
insert into ledger_entry (id, account_id, points, reason, reference, description, created_at)
select nextval('ledger_entry_seq'), a.id, a.balance, 'ACCRUAL', 'bench-' || a.id, 'Услуги связи', now()
from account a;
insert into lot (account_id, expires_at, points, remaining)
select id, timestamptz '2027-01-01 00:00+03', balance, balance from account;
vacuum analyze account, ledger_entry, lot;
SQL
PGPASSWORD=registration psql -q -h localhost -p "$PG_PORT" -U registration -d registration -v ON_ERROR_STOP=1 <<SQL
insert into membership (id, msisdn, status, channel, applied_at, activated_at)
select gen_random_uuid(), (79000000000 + i)::text, 'ACTIVE', 'USSD', now(), now()
from generate_series(1, $MEMBERS) i;
vacuum analyze membership;
SQL

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
