#!/usr/bin/env bash
# The ledger benchmark: bonus-service on an embedded PostgreSQL with 100,000 members and a
# year of history, measured side by side with pgbench running the same SQL on the same server.
#
#   scripts/bench/ledger.sh                                                    # 100,000 accounts, 20 s per measurement
#   ACCOUNTS=10000 BENCH_WARMUP=30 BENCH_SECONDS=5 scripts/bench/ledger.sh   # a quick run
#
# Prints each figure and the ratios; docs/performance.md holds the last table.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=../lib/dev-keys.sh
source scripts/lib/dev-keys.sh
kopilka_dev_keys

ACCOUNTS=${ACCOUNTS:-100000}
SECS=${BENCH_SECONDS:-20}
PG_PORT=${BENCH_PG_PORT:-25432}
HTTP_PORT=${BENCH_HTTP_PORT:-18082}
CLIENTS=${BENCH_CLIENTS:-8}
WORK=$ROOT/.dev/bench
command -v pgbench >/dev/null || { echo "pgbench is needed: apt-get install -y postgresql-client" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/bench/lib.sh

bench_build bonus-service
bench_postgres bonus
echo "== start bonus-service on $HTTP_PORT"
bench_service bonus "$HTTP_PORT"
bench_ready bonus "$HTTP_PORT"

export PGPASSWORD=bonus
PSQL=(psql -q -h localhost -p "$PG_PORT" -U bonus -d bonus)
echo "== load $ACCOUNTS accounts with a year of history"
start=$(date +%s)
"${PSQL[@]}" -v accounts="$ACCOUNTS" -f scripts/bench/load.sql 2>&1 | grep -v "permission denied to vacuum" || true
bench_checkpoint
echo "   loaded in $(($(date +%s) - start)) s: $("${PSQL[@]}" -tAc 'select count(*) from ledger_entry') entries"

pg() { # pgbench SCRIPT -> transactions per second
  pgbench -h localhost -p "$PG_PORT" -U bonus -n -M prepared -c "$CLIENTS" -j 2 -T "$SECS" \
    -D accounts="$ACCOUNTS" -f "scripts/bench/sql/$1" bonus 2>&1 | awk '/^tps/ {print $3; exit}'
}
with_cpu() { # COMMAND... -> its RESULT line, with the CPU time the service used meanwhile
  local before result after
  before=$(cpu_ms "$SERVICE_PID")
  result=$("$@")
  after=$(cpu_ms "$SERVICE_PID")
  echo "$result service_cpu_ms=$((after - before))"
}
drive() { # MODE ARGS... -> LoadDriver's RESULT line, with the service's CPU time
  with_cpu load_driver "$@"
}
load_driver() {
  "$KOPILKA_JAVA" -cp "$WORK/driver" LoadDriver "$1" --url "http://localhost:$HTTP_PORT" \
    --accounts "$ACCOUNTS" --seconds "$SECS" "${@:2}" | grep '^RESULT'
}
accruals() { # [SECONDS] -> wrk's RESULT line of single accruals (16 connections), with the service's CPU time
  with_cpu bench_accruals "http://localhost:$HTTP_PORT" "$BILLING" "$ACCOUNTS" 16 "${1:-$SECS}"
}
per_request() { # RESULT-LINE -> service CPU ms per request sent (warm-up included on both sides)
  awk -v cpu="$(field service_cpu_ms "$1")" -v n="$(field sent "$1")" 'BEGIN {printf "%.2f", cpu / n}'
}

BILLING=$(scripts/token.sh billing)
echo "== warm-up of each path until it runs at its steady speed (rates of successive rounds)"
echo "   accrual: $(bench_warm accruals)"
echo "   batch: $(bench_warm drive batch --token "$BILLING" --workers 2 --batch 1000 --seconds)"
echo "   balance: $(bench_warm drive get --path /api/v1/accounts/me/balance --private-key "$KOPILKA_DEV_JWT_PRIVATE" --seconds)"
echo "   history: $(bench_warm drive get --path /api/v1/accounts/me/history --private-key "$KOPILKA_DEV_JWT_PRIVATE" --seconds)"

# each measurement that writes starts on a vacuumed, analysed and checkpointed database
echo "== (a) pgbench: the SQL of one accrual"; bench_settle bonus; A=$(pg accrual-bonus.pgbench); echo "   $A tps"
echo "== (e) pgbench: the SQL of a balance read"; E=$(pg balance-bonus.pgbench); echo "   $E tps"
echo "== (b) HTTP single accruals"; bench_settle bonus; B=$(accruals); echo "   $B"
echo "== (c) HTTP batch accruals"; bench_settle bonus; C=$(drive batch --token "$BILLING" --workers 2 --batch 1000); echo "   $C"
echo "== (d) HTTP balance at 1,000 requests/s"
D=$(drive balance --rate 1000 --private-key "$KOPILKA_DEV_JWT_PRIVATE"); echo "   $D"
echo "== history first page: 10 entries vs 1,000,000 entries"
H10=$(drive history --rate 200 --seconds 10 --msisdn 79999999990 --private-key "$KOPILKA_DEV_JWT_PRIVATE"); echo "   $H10"
H1M=$(drive history --rate 200 --seconds 10 --msisdn 79999999991 --private-key "$KOPILKA_DEV_JWT_PRIVATE"); echo "   $H1M"

b=$(field rate "$B"); c=$(field rate "$C")
cat <<TABLE

| measure | result | target |
|---|---|---|
| (a) pgbench, accrual SQL ($CLIENTS clients) | $A tx/s | |
| (b) HTTP single accruals (wrk, 16 connections) | $b accruals/s, p50 $(field p50_ms "$B") ms, p99 $(field p99_ms "$B") ms; service CPU ≈ $(per_request "$B") ms each | |
| (b)/(a) | $(awk -v b="$b" -v a="$A" 'BEGIN {printf "%.2f", b / a}') | ≥ 0.5 |
| (c) HTTP batch accruals (2 × 1,000 events) | $c events/s; service CPU ≈ $(per_request "$C") ms per batch | |
| (c)/(a) | $(awk -v c="$c" -v a="$A" 'BEGIN {printf "%.1f", c / a}') | ≥ 10 |
| (d) HTTP balance, open model 1,000 req/s | p50 $(field p50_ms "$D") ms, p99 $(field p99_ms "$D") ms, max $(field max_ms "$D") ms, errors $(field errors "$D"); service CPU ≈ $(per_request "$D") ms each | p99 ≤ 10 ms |
| (e) pgbench, balance SQL ($CLIENTS clients) | $E tx/s | |
| history first page, 10 entries (200 req/s) | p50 $(field p50_ms "$H10") ms, p99 $(field p99_ms "$H10") ms | |
| history first page, 1,000,000 entries (200 req/s) | p50 $(field p50_ms "$H1M") ms, p99 $(field p99_ms "$H1M") ms | as fast as 10 |
TABLE
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; accounts: $ACCOUNTS; $SECS s per measurement"
