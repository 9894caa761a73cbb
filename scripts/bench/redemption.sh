#!/usr/bin/env bash
# The redemption benchmark: catalog-service and bonus-service on one embedded PostgreSQL with
# 10,000 members, measuring completed orders per second end to end. Each order is
# POST /api/v1/redemptions for reward 32 (30 MB, 50 points) with its own Idempotency-Key, and
# runs the whole saga before it answers 201: hold the points in bonus-service over HTTP, activate
# the package through the provisioning gateway (catalog-service's own stand-in at
# /dev/provisioning, `local` profile), capture the hold, and queue the confirmation SMS in the
# outbox. registration-service is not started and the outbox relay runs once an hour, so the SMS
# stay queued. BENCH_RELAY_EVERY=1s turns the relay on: it then retries up to 50 SMS a second
# against the closed port, a cost per second rather than per order.
#
#   scripts/bench/redemption.sh                                    # 16 workers, 60 s warm-up, 30 s measured
#   REDEEM_WORKERS=32 BENCH_SECONDS=10 scripts/bench/redemption.sh # more workers, shorter
#   BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/jfr/' ...  # extra JVM options; an
#                                                  # existing directory gets one recording per service
#
# Prints the RESULT lines, a table row, the ledger audit and the orders' steps;
# docs/performance.md holds the last results.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../lib/dev-keys.sh
source scripts/lib/dev-keys.sh
kopilka_dev_keys

MEMBERS=${MEMBERS:-10000}
POINTS=${MEMBER_POINTS:-1000000}
SECS=${BENCH_SECONDS:-30}
WARM=${BENCH_WARMUP:-60}
WORKERS=${REDEEM_WORKERS:-16}
PG_PORT=${BENCH_PG_PORT:-25432}
BONUS_PORT=${BENCH_HTTP_PORT:-18082}
CATALOG_PORT=${BENCH_CATALOG_PORT:-18084}
# nothing listens here: the confirmation SMS stay in catalog-service's outbox
REG_PORT=${BENCH_REGISTRATION_PORT:-18091}
RELAY_EVERY=${BENCH_RELAY_EVERY:-1h}
WORK=$ROOT/.dev/bench-redemption
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/bench/lib.sh
bench_build bonus-service,catalog-service
bench_postgres bonus,catalog
urls=(KOPILKA_BONUS_URL="http://localhost:$BONUS_PORT" KOPILKA_REGISTRATION_URL="http://localhost:$REG_PORT"
  KOPILKA_JOBS_OUTBOX_RELAY_EVERY="$RELAY_EVERY")
echo "== start bonus-service on $BONUS_PORT and catalog-service on $CATALOG_PORT"
bench_service bonus "$BONUS_PORT" "${urls[@]}"
BONUS_PID=$SERVICE_PID
# catalog-service activates rewards through its own stand-in gateway on its own port
bench_service catalog "$CATALOG_PORT" "${urls[@]}" \
  QUARKUS_REST_CLIENT_PROVISIONING_URL="http://localhost:$CATALOG_PORT/dev/provisioning"
CATALOG_PID=$SERVICE_PID
bench_ready bonus "$BONUS_PORT"
bench_ready catalog "$CATALOG_PORT"

echo "== $MEMBERS members (MSISDN 79000000000 + i) with $POINTS points each"
PGPASSWORD=bonus psql -q -h localhost -p "$PG_PORT" -U bonus -d bonus -v ON_ERROR_STOP=1 <<SQL
insert into account (membership_id, msisdn, status, joined_on, balance, opened_at)
select gen_random_uuid(), (79000000000 + i)::text, 'OPEN', date '2024-01-01', $POINTS, now()
from generate_series(1, $MEMBERS) i;
insert into ledger_entry (id, account_id, points, reason, reference, description, created_at)
select nextval('ledger_entry_seq'), a.id, a.balance, 'ACCRUAL', 'bench-' || a.id, 'Услуги связи', now()
from account a;
insert into lot (account_id, expires_at, points, remaining)
select id, timestamptz '2027-01-01 00:00+03', balance, balance from account;
vacuum analyze account, ledger_entry, lot;
SQL

commits() { # DATABASE -> transactions committed in it so far (idle sessions report within 10 s)
  PGPASSWORD=$1 psql -h localhost -p "$PG_PORT" -U "$1" -d "$1" -At \
    -c "select xact_commit from pg_stat_database where datname = '$1'"
}
per() { awk -v c="$1" -v n="$2" 'BEGIN {printf "%.2f", (n > 0 ? c / n : 0)}'; }
drive() { # SECONDS -> the RESULT line
  "$KOPILKA_JAVA" -cp "$WORK/driver" LoadDriver redeem --url "http://localhost:$CATALOG_PORT" \
    --private-key "$KOPILKA_DEV_JWT_PRIVATE" --accounts "$MEMBERS" --workers "$WORKERS" \
    --seconds "$1" | grep '^RESULT'
}

echo "== warm-up: ${WARM} s, $WORKERS workers"
W=$(drive "$WARM")
echo "   $W"
if [[ $(field requests "$W") == 0 ]]; then
  echo "no order completed during the warm-up; the logs:" >&2
  tail -30 "$WORK/catalog.log" >&2
  exit 1
fi
echo "== redemptions, closed loop of $WORKERS workers for $SECS s"
sleep 11
catalog_xacts=$(commits catalog); bonus_xacts=$(commits bonus)
catalog_before=$(cpu_ms "$CATALOG_PID"); bonus_before=$(cpu_ms "$BONUS_PID")
R=$(drive "$SECS")
catalog_cpu=$(($(cpu_ms "$CATALOG_PID") - catalog_before)); bonus_cpu=$(($(cpu_ms "$BONUS_PID") - bonus_before))
sleep 11
catalog_xacts=$(($(commits catalog) - catalog_xacts)); bonus_xacts=$(($(commits bonus) - bonus_xacts))
echo "   $R"
sent=$(field sent "$R")
echo "   CPU per redemption (measured run, incl. its 3 s ramp): $(per "$catalog_cpu" "$sent") ms catalog-service, $(per "$bonus_cpu" "$sent") ms bonus-service"
echo "   database transactions per redemption: $(per "$catalog_xacts" "$sent") catalog, $(per "$bonus_xacts" "$sent") bonus"

echo "== checks"
audit=$(curl -sf -H "Authorization: Bearer $(scripts/token.sh admin)" \
  "http://localhost:$BONUS_PORT/api/v1/admin/bonus/audit" || true)
if grep -q '"clean" *: *true' <<<"$audit"; then
  echo "audit clean=true"
else
  echo "audit clean=false ${audit:-(no answer)}"
fi
echo "orders by step:"
PGPASSWORD=catalog psql -h localhost -p "$PG_PORT" -U catalog -d catalog -v ON_ERROR_STOP=1 -At -F ' ' \
  -c "select step, count(*) from redemption group by step order by step" | sed 's/^/   /'
echo "outbox (confirmation SMS, left queued on purpose):"
PGPASSWORD=catalog psql -h localhost -p "$PG_PORT" -U catalog -d catalog -v ON_ERROR_STOP=1 -At -F ' ' \
  -c "select destination, status, count(*) from outbox_message group by 1, 2 order by 1, 2" | sed 's/^/   /'
echo "HTTP requests served since start (uri status count):"
for svc in "catalog $CATALOG_PORT" "bonus $BONUS_PORT"; do
  read -r name port <<<"$svc"
  curl -sf "http://localhost:$((port + 1000))/q/metrics" \
    | sed -n 's/^http_server_requests_seconds_count{\(.*\)} \([0-9.E]*\)$/\1 \2/p' \
    | sed -n 's/.*status="\([0-9]*\)".*uri="\([^"]*\)".* \([0-9.E]*\)$/\2 \1 \3/p' \
    | grep -v '^/q/' | sed "s/^/   $name /" || true
done

cat <<TABLE

| measure | result | target |
|---|---|---|
| Redemptions end to end (POST /api/v1/redemptions, reward 32: hold, activation, capture, SMS queued), closed loop $WORKERS workers | $(field rate "$R") redemptions/s, p50 $(field p50_ms "$R") ms, p99 $(field p99_ms "$R") ms, errors $(field errors "$R"); CPU per redemption ≈ $(per "$catalog_cpu" "$sent") ms catalog + $(per "$bonus_cpu" "$sent") ms bonus | reported |
TABLE
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; members: $MEMBERS; $SECS s measured after ${WARM} s warm-up; outbox relay every $RELAY_EVERY"
