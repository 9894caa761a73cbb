#!/usr/bin/env bash
# Scale curves: how the cost of four things grows with the rows behind them. bonus-service and
# cashback-service on one embedded PostgreSQL (databases bonus and cashback); for each size N:
#
# - history first page and balance of one member whose history holds N entries
#   (GET /api/v1/accounts/me/history?limit=20, GET /api/v1/accounts/me/balance), open model at a
#   fixed rate, p50 and p99 measured from each request's intended send time, and the same SQL
#   run by pgbench (one client, mean latency), which the HTTP figures' queueing does not blur:
#   should stay flat;
# - the expiry job (POST /api/v1/admin/bonus/jobs/expiry) over the lots of N / 10 members (ten
#   accruals each), all ended with the past year, run once as of 00:05 on 1 January (Moscow):
#   time until it answers, per 1,000 members; should grow linearly;
# - the conversion-overdue job (POST /api/v1/admin/cashback/jobs/conversion-overdue) over N
#   pending conversions past their window, run once as of now: time per 1,000 conversions;
#   should grow linearly.
#
# Each size is loaded with SQL into emptied tables (scale-bonus.sql, scale-cashback.sql say what),
# vacuumed and analysed, then measured, so every size is measured on its own data. Both jobs
# answer only when all their work is committed; the script checks that it was done. The services
# run with their scheduler off, so no scheduled run touches the data.
#
#   scripts/bench/scale.sh                                   # 10k, 100k and 1M rows
#   SCALE_SIZES='1000 10000' BENCH_SECONDS=5 BENCH_WARMUP=5 scripts/bench/scale.sh   # a quick run
#   SCALE_RATE=500 ...            # reads per second for history and balance (200)
#   SCALE_PGBENCH_SECONDS=10 ...  # seconds of pgbench per read (10)
#   SCALE_JOB_WARMUP=50000 ...    # both jobs run once on this many rows before the first size
#   SCALE_PG_PORT=26432 SCALE_BONUS_PORT=19082 SCALE_CASHBACK_PORT=19083 ...   # ports
#   SCALE_MANAGEMENT_OFFSET=100 ...   # management ports: the HTTP port + this
#
# Prints each figure, the checks and a table; exits 1 if a check fails. docs/performance.md holds
# the last table.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../lib/dev-keys.sh
source scripts/lib/dev-keys.sh
kopilka_dev_keys

read -r -a SIZES <<<"${SCALE_SIZES:-10000 100000 1000000}"
SECS=${BENCH_SECONDS:-20}
WARM=${BENCH_WARMUP:-30}
RATE=${SCALE_RATE:-200}
PGBENCH_SECS=${SCALE_PGBENCH_SECONDS:-10}
JOB_WARMUP=${SCALE_JOB_WARMUP:-50000}
PG_PORT=${SCALE_PG_PORT:-26432}
BONUS_PORT=${SCALE_BONUS_PORT:-19082}
CASHBACK_PORT=${SCALE_CASHBACK_PORT:-19083}
BENCH_MANAGEMENT_OFFSET=${SCALE_MANAGEMENT_OFFSET:-100}
MEMBER=79999999999
WORK=$ROOT/.dev/bench-scale
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/bench/lib.sh
command -v pgrep >/dev/null || { echo "pgrep is needed: apt-get install -y procps" >&2; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is needed: apt-get install -y postgresql-client" >&2; exit 1; }
bench_build bonus-service,cashback-service
bench_postgres bonus,cashback
echo "== start bonus-service on $BONUS_PORT and cashback-service on $CASHBACK_PORT (scheduler off)"
bench_service bonus "$BONUS_PORT" QUARKUS_SCHEDULER_ENABLED=false
BONUS_PID=$SERVICE_PID
bench_service cashback "$CASHBACK_PORT" QUARKUS_SCHEDULER_ENABLED=false
CASHBACK_PID=$SERVICE_PID
bench_ready bonus "$BONUS_PORT"
bench_ready cashback "$CASHBACK_PORT"
PG_PID=$(pgrep -f "bin/postgres .*-p $PG_PORT( |$)" | head -1)

sql() { # DATABASE SQL -> rows, columns separated by '|'
  PGPASSWORD=$1 psql -h localhost -p "$PG_PORT" -U "$1" -d "$1" -v ON_ERROR_STOP=1 -At -c "$2"
}
pg_cpu_ms() { # CPU time of PostgreSQL so far: its server process, live backends and ended ones
  # (a process that ends while being read makes cat fail)
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v hz="$(getconf CLK_TCK)" -v pm="$PG_PID" '
    $2 == "(postgres)" && ($1 == pm || $4 == pm) {t += $14 + $15 + ($1 == pm ? $16 + $17 : 0)}
    END {print int(t * 1000 / hz)}'
}
label() { # 10000 -> 10k, 1000000 -> 1M
  awk -v n="$1" 'BEGIN {
    if (n >= 1000000 && n % 1000000 == 0) print n / 1000000 "M"
    else if (n >= 1000 && n % 1000 == 0) print n / 1000 "k"
    else print n }'
}
machine_cpu_ms() { # CPU time of the whole machine so far, every process's
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print int(($2 + $3 + $4 + $7 + $8 + $9) * 1000 / hz)}' /proc/stat
}
per_k() { awk -v v="$1" -v n="$2" 'BEGIN {printf "%.1f", v * 1000 / n}'; } # VALUE ROWS -> per 1,000 rows

# reset: empties what a size loads (the partner and the services' own rows stay)
reset() {
  sql bonus "truncate account, ledger_entry, lot, hold, accrual_event, accrual_remainder restart identity" >/dev/null
  sql cashback "truncate conversion, claim" >/dev/null
}
# load N: one size into both databases, vacuumed and analysed, and a checkpoint so that the load's
# writes are not flushed during the measurements
load() {
  reset
  PGPASSWORD=bonus psql -q -h localhost -p "$PG_PORT" -U bonus -d bonus -v n="$1" -f scripts/bench/scale-bonus.sql
  PGPASSWORD=cashback psql -q -h localhost -p "$PG_PORT" -U cashback -d cashback -v n="$1" \
    -f scripts/bench/scale-cashback.sql
  sql bonus "vacuum analyze account, ledger_entry, lot" >/dev/null
  sql cashback "vacuum analyze conversion" >/dev/null
  bench_checkpoint
}

ADMIN=$(scripts/token.sh admin)
# run_job SERVICE PORT JOB ASOF: runs the job once; sets JOB_MS (until it answered), JOB_PROCESSED,
# JOB_SUMMARY, JOB_CPU and PG_CPU (ms of CPU the service and PostgreSQL used meanwhile) and
# OTHER_CORES (cores that all other processes of the machine kept busy meanwhile)
run_job() {
  local pid out cpu0 pg0 machine0
  pid=$([[ $1 == bonus ]] && echo "$BONUS_PID" || echo "$CASHBACK_PID")
  cpu0=$(cpu_ms "$pid"); pg0=$(pg_cpu_ms); machine0=$(machine_cpu_ms)
  out=$(curl -sS --fail-with-body --max-time 7200 -X POST -H "Authorization: Bearer $ADMIN" \
    -w '\n%{time_total}' "http://localhost:$2/api/v1/admin/$1/jobs/$3?asOf=$4") \
    || { echo "job $3 failed: $out" >&2; exit 1; }
  JOB_CPU=$(($(cpu_ms "$pid") - cpu0)); PG_CPU=$(($(pg_cpu_ms) - pg0))
  JOB_MS=$(tail -1 <<<"$out" | awk '{printf "%d", $1 * 1000}')
  OTHER_CORES=$(awk -v m=$(($(machine_cpu_ms) - machine0 - JOB_CPU - PG_CPU)) -v t="$JOB_MS" \
    'BEGIN {printf "%.2f", (t > 0 && m > 0 ? m / t : 0)}')
  JOB_PROCESSED=$(sed -n 's/.*"processed" *: *\([0-9]*\).*/\1/p' <<<"$out")
  JOB_SUMMARY=$(sed -n 's/.*"summary" *: *"\([^"]*\)".*/\1/p' <<<"$out")
}
drive() { # MODE SECONDS -> the RESULT line of an open model at RATE on the member's history or balance
  "$KOPILKA_JAVA" -cp "$WORK/driver" LoadDriver "$1" --url "http://localhost:$BONUS_PORT" --msisdn "$MEMBER" \
    --rate "$RATE" --seconds "$2" --private-key "$KOPILKA_DEV_JWT_PRIVATE" | grep '^RESULT'
}
# the expiry job runs as of 00:05 on 1 January of the current year, in the programme's zone
EXPIRY_AS_OF=$(sql bonus "select to_char((date_trunc('year', now() at time zone 'Europe/Moscow')
  + interval '5 minutes') at time zone 'Europe/Moscow' at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
# the end of the current year, as the balance read asks for the points expiring then
YEAR_END=$(sql bonus "select to_char((date_trunc('year', now() at time zone 'Europe/Moscow')
  + interval '1 year') at time zone 'Europe/Moscow' at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
pgb() { # SCRIPT -> mean latency (ms) of one pgbench client running it for the member
  PGPASSWORD=bonus pgbench -h localhost -p "$PG_PORT" -U bonus -n -M prepared -c 1 -T "$PGBENCH_SECS" \
    -D msisdn="$MEMBER" -D year_end="$YEAR_END" -f "scripts/bench/$1" bonus 2>&1 \
    | awk '/^latency average/ {print $4; exit}'
}

failed=()
check() { # WHAT EXPECTED ACTUAL
  if [[ $2 == "$3" ]]; then
    echo "   ok: $1 = $3"
  else
    echo "   FAILED: $1 = $3, expected $2"
    failed+=("$1 ($(label "$N"))")
  fi
}

if ((JOB_WARMUP > 0)); then
  echo "== warm-up: both jobs once on $JOB_WARMUP rows"
  load "$JOB_WARMUP"
  run_job bonus "$BONUS_PORT" expiry "$EXPIRY_AS_OF"
  echo "   expiry: $JOB_MS ms, $JOB_SUMMARY"
  run_job cashback "$CASHBACK_PORT" conversion-overdue "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "   conversion-overdue: $JOB_MS ms, $JOB_SUMMARY"
fi

declare -A V # measure|size -> value
MEASURES=()
put() { # MEASURE VALUE: the figure of the current size
  [[ -n ${V["$1|${SIZES[0]}"]+set} ]] || MEASURES+=("$1")
  V[$1|$N]=$2
}
first=1
for N in "${SIZES[@]}"; do
  echo "== size $(label "$N"): load"
  t0=$SECONDS
  load "$N"
  echo "   loaded in $((SECONDS - t0)) s: bonus $(sql bonus "select count(*) from ledger_entry") entries," \
    "$(sql bonus "select count(*) from lot") lots ($(sql bonus "select count(*) from lot where remaining > 0") live)," \
    "$(sql bonus "select count(*) from account") accounts; cashback $(sql cashback "select count(*) from conversion") conversions"
  echo "   member $MEMBER: $(sql bonus "select count(*) from ledger_entry e join account a on a.id = e.account_id
    where a.msisdn = '$MEMBER'") entries, $(sql bonus "select count(*) from lot l join account a on a.id = l.account_id
    where a.msisdn = '$MEMBER'") lots"

  TOKEN=$(scripts/token.sh member "$MEMBER")
  page=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://localhost:$BONUS_PORT/api/v1/accounts/me/history?limit=20")
  check "history first page: entries" 20 "$(grep -o '"reason"' <<<"$page" | wc -l)"
  balance=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://localhost:$BONUS_PORT/api/v1/accounts/me/balance")
  expected=$(sql bonus "select balance from account where msisdn = '$MEMBER'")
  check "member balance, of it expiring at the year end" "$expected $expected" \
    "$(sed -n 's/.*"balance" *: *\([0-9]*\).*"expiringAtYearEnd" *: *\([0-9]*\).*/\1 \2/p' <<<"$balance")"
  if ((first)); then
    echo "== warm-up: $WARM s of history and of balance reads at $RATE/s"
    drive history "$WARM" >/dev/null
    drive balance "$WARM" >/dev/null
    first=0
  fi
  echo "== size $(label "$N"): history first page at $RATE/s for $SECS s"
  H=$(drive history "$SECS"); echo "   $H"
  echo "== size $(label "$N"): balance at $RATE/s for $SECS s"
  B=$(drive balance "$SECS"); echo "   $B"
  PH=$(pgb scale-history.pgbench); PB=$(pgb scale-balance.pgbench)
  echo "   pgbench, 1 client, mean latency: history SQL $PH ms, balance SQL $PB ms"
  check "history errors" 0 "$(field errors "$H")"
  check "balance errors" 0 "$(field errors "$B")"
  put "history first page p50 (ms)" "$(field p50_ms "$H")"
  put "history first page p99 (ms)" "$(field p99_ms "$H")"
  put "balance p50 (ms)" "$(field p50_ms "$B")"
  put "balance p99 (ms)" "$(field p99_ms "$B")"
  put "history SQL, pgbench mean (ms)" "$PH"
  put "balance SQL, pgbench mean (ms)" "$PB"

  echo "== size $(label "$N"): expiry job over the lots of $((N / 10)) members, as of $EXPIRY_AS_OF"
  due=$(sql bonus "select coalesce(sum(remaining), 0) from lot where remaining > 0 and expires_at <= '$EXPIRY_AS_OF'")
  member_balance=$(sql bonus "select balance from account where msisdn = '$MEMBER'")
  run_job bonus "$BONUS_PORT" expiry "$EXPIRY_AS_OF"
  echo "   $JOB_MS ms: $JOB_SUMMARY; CPU $JOB_CPU ms bonus-service, $PG_CPU ms PostgreSQL;" \
    "other processes kept $OTHER_CORES cores busy"
  check "expiry: accounts processed" $((N / 10)) "$JOB_PROCESSED"
  check "expiry: EXPIRY entries, points" "$((N / 10))|$due" \
    "$(sql bonus "select count(*), coalesce(-sum(points), 0) from ledger_entry where reason = 'EXPIRY'")"
  check "expiry: ended lots left (used up, so deleted)" 0 \
    "$(sql bonus "select count(*) from lot where expires_at <= '$EXPIRY_AS_OF'")"
  check "expiry: their members' balances" "0" \
    "$(sql bonus "select coalesce(sum(balance), 0) from account where msisdn <> '$MEMBER'")"
  check "expiry: the measured member's balance" "$member_balance" \
    "$(sql bonus "select balance from account where msisdn = '$MEMBER'")"
  audit=$(curl -sf -H "Authorization: Bearer $ADMIN" "http://localhost:$BONUS_PORT/api/v1/admin/bonus/audit" || true)
  check "ledger audit clean" true "$(sed -n 's/.*"clean" *: *\([a-z]*\).*/\1/p' <<<"$audit")"
  put "expiry job (s)" "$(awk -v ms="$JOB_MS" 'BEGIN {printf "%.2f", ms / 1000}')"
  put "expiry job, ms per 1,000 members" "$(per_k "$JOB_MS" $((N / 10)))"
  put "expiry job, bonus-service CPU ms per 1,000 members" "$(per_k "$JOB_CPU" $((N / 10)))"
  put "expiry job, PostgreSQL CPU ms per 1,000 members" "$(per_k "$PG_CPU" $((N / 10)))"

  as_of=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  echo "== size $(label "$N"): conversion-overdue job over $N pending conversions past their window, as of $as_of"
  run_job cashback "$CASHBACK_PORT" conversion-overdue "$as_of"
  echo "   $JOB_MS ms: $JOB_SUMMARY; CPU $JOB_CPU ms cashback-service, $PG_CPU ms PostgreSQL;" \
    "other processes kept $OTHER_CORES cores busy"
  check "conversion-overdue: processed" "$N" "$JOB_PROCESSED"
  check "conversions OVERDUE|PENDING|APPROVED" "$N|$((N / 10))|$N" "$(sql cashback "select
    count(*) filter (where status = 'OVERDUE'), count(*) filter (where status = 'PENDING'),
    count(*) filter (where status = 'APPROVED') from conversion")"
  check "conversion-overdue: pending left past their window" 0 \
    "$(sql cashback "select count(*) from conversion where status = 'PENDING' and due_at < '$as_of'")"
  put "conversion-overdue job (s)" "$(awk -v ms="$JOB_MS" 'BEGIN {printf "%.2f", ms / 1000}')"
  put "conversion-overdue job, ms per 1,000 conversions" "$(per_k "$JOB_MS" "$N")"
  put "conversion-overdue job, PostgreSQL CPU ms per 1,000 conversions" "$(per_k "$PG_CPU" "$N")"
done

if ((${#failed[@]})); then
  echo "checks FAILED: ${failed[*]}"
else
  echo "checks passed"
fi

small=${SIZES[0]}
large=${SIZES[${#SIZES[@]} - 1]}
echo
header="| measure |"
rule="|---|"
for N in "${SIZES[@]}"; do header+=" $(label "$N") |"; rule+="---|"; done
echo "$header growth $(label "$small")→$(label "$large") |"
echo "$rule---|"
for m in "${MEASURES[@]}"; do
  row="| $m |"
  for N in "${SIZES[@]}"; do row+=" ${V[$m|$N]} |"; done
  row+=" $(awk -v a="${V[$m|$small]}" -v b="${V[$m|$large]}" 'BEGIN {if (a > 0) printf "×%.2f", b / a; else printf "–"}') |"
  echo "$row"
done
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; reads at $RATE/s, $SECS s measured" \
  "after ${WARM} s of warm-up; jobs warmed up on $JOB_WARMUP rows; accruals per expiring member: 10, in one lot"
((${#failed[@]} == 0))
