#!/usr/bin/env bash
# The whole-suite benchmark: the five services on one embedded PostgreSQL with 100,000 members
# and a year of history. For each operation a member, a gateway or a partner makes, it measures
# in one run:
#   - the database's ceiling: pgbench running the SQL the operation issues (scripts/bench/sql/);
#   - the suite's capacity: a closed loop of BENCH_WORKERS workers, and its ratio to the ceiling;
#   - latency in an open model at a fixed arrival rate, from each request's intended send time;
#   - the CPU each service used per request.
# Operations: single and batch accruals, balance by API and by USSD, signed partner webhooks,
# redemptions, and gifts (request and confirmation with the code from the SMS).
#
#   scripts/bench/suite.sh                                        # 100,000 members, 20 s per figure
#   MEMBERS=10000 BENCH_WARMUP=10 BENCH_SECONDS=5 scripts/bench/suite.sh   # a quick run
#   SUITE_OPS='balance ussd' scripts/bench/suite.sh               # some operations only
#   BENCH_JAVA_OPTS='-XX:+UseSerialGC' scripts/bench/suite.sh     # extra JVM options for the services
#
# Arrival rates of the open model: RATE_ACCRUAL (300), RATE_BATCH (1 batch of 1,000 events a
# second), RATE_BALANCE (1000), RATE_USSD (200), RATE_WEBHOOK (500), RATE_REDEEM (50),
# RATE_GIFT (20). Prints the RESULT lines and a table; docs/performance.md holds the last one.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../lib/dev-keys.sh
source scripts/lib/dev-keys.sh
kopilka_dev_keys

MEMBERS=${MEMBERS:-100000}
SECS=${BENCH_SECONDS:-20}
GIFT_WARM=$((${BENCH_WARMUP:-180} < 30 ? ${BENCH_WARMUP:-180} : 30))
WORKERS=${BENCH_WORKERS:-16}
CLIENTS=${BENCH_CLIENTS:-8}
OPS=${SUITE_OPS:-accrual batch balance ussd webhook redeem gift}
CLICKERS=${CLICK_MEMBERS:-2000}
DRAIN_TIMEOUT=${BENCH_DRAIN_TIMEOUT:-900}
PG_PORT=${BENCH_PG_PORT:-25432}
PORT_BASE=${BENCH_PORT_BASE:-18080}
declare -A PORT=([registration]=$((PORT_BASE + 1)) [bonus]=$((PORT_BASE + 2)) [cashback]=$((PORT_BASE + 3))
  [catalog]=$((PORT_BASE + 4)) [gifting]=$((PORT_BASE + 5)))
declare -A RATE=([accrual]=${RATE_ACCRUAL:-300} [batch]=${RATE_BATCH:-1} [balance]=${RATE_BALANCE:-1000}
  [ussd]=${RATE_USSD:-200} [webhook]=${RATE_WEBHOOK:-500} [redeem]=${RATE_REDEEM:-50} [gift]=${RATE_GIFT:-20})
SERVICES=(registration bonus cashback catalog gifting)
PARTNER=bench-shop
WORK=$ROOT/.dev/bench-suite
command -v pgbench >/dev/null || { echo "pgbench is needed: apt-get install -y postgresql-client" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/bench/lib.sh

bench_build registration-service,bonus-service,cashback-service,catalog-service,gifting-service
bench_postgres "$(IFS=,; echo "${SERVICES[*]}")"
urls=()
for svc in "${SERVICES[@]}"; do urls+=("KOPILKA_${svc^^}_URL=http://localhost:${PORT[$svc]}"); done
echo "== start the five services on ${PORT[registration]}-${PORT[gifting]}"
declare -A PID
for svc in "${SERVICES[@]}"; do
  svc_env=()
  # catalog-service activates rewards through its own stand-in gateway on its own port
  [[ $svc == catalog ]] && svc_env=(QUARKUS_REST_CLIENT_PROVISIONING_URL="http://localhost:${PORT[catalog]}/dev/provisioning")
  bench_service "$svc" "${PORT[$svc]}" "${urls[@]}" ${svc_env[@]+"${svc_env[@]}"}
  PID[$svc]=$SERVICE_PID
done
for svc in "${SERVICES[@]}"; do bench_ready "$svc" "${PORT[$svc]}"; done

sql() { # DATABASE SQL -> rows, columns separated by '|'
  PGPASSWORD=$1 psql -h localhost -p "$PG_PORT" -U "$1" -d "$1" -v ON_ERROR_STOP=1 -At -c "$2"
}

echo "== load $MEMBERS members (MSISDN 79000000000 + i) with a year of history"
started=$SECONDS
PGPASSWORD=bonus psql -q -h localhost -p "$PG_PORT" -U bonus -d bonus -v accounts="$MEMBERS" \
  -f scripts/bench/load.sql 2>&1 | grep -v "permission denied to vacuum" || true
# enough points for every redemption and gift of the run
PGPASSWORD=bonus psql -q -h localhost -p "$PG_PORT" -U bonus -d bonus -v points=10000 -f scripts/bench/sql/points.sql
PGPASSWORD=registration psql -q -h localhost -p "$PG_PORT" -U registration -d registration -v ON_ERROR_STOP=1 <<SQL
insert into membership (id, msisdn, status, channel, applied_at, activated_at)
select md5('member-' || i)::uuid, (79000000000 + i)::text, 'ACTIVE', (array['WEB', 'USSD', 'SMS'])[1 + i % 3],
       timestamptz '2022-01-01 12:00+03' + (i % 1400) * interval '1 day',
       timestamptz '2022-01-01 12:00+03' + (i % 1400) * interval '1 day'
from generate_series(1, $MEMBERS) i;
vacuum analyze membership;
SQL
echo "   $(sql bonus 'select count(*) from account') accounts, $(sql bonus 'select count(*) from ledger_entry') ledger entries, $(sql registration 'select count(*) from membership') memberships in $((SECONDS - started)) s"

bench_partner "${PORT[cashback]}" "$CLICKERS"
for db in "${SERVICES[@]}"; do
  PGPASSWORD=$db psql -q -h localhost -p "$PG_PORT" -U "$db" -d "$db" -c 'analyze' 2>&1 | grep -v 'permission denied' || true
done
bench_checkpoint

BILLING=$(scripts/token.sh billing)
GATEWAY=$(scripts/token.sh channel-gateway)
KEY=$KOPILKA_DEV_JWT_PRIVATE
# the driver's arguments for each operation: the service it calls, then the mode's options
declare -A ARGS=(
  [accrual]="bonus accrual --token $BILLING"
  [batch]="bonus batch --token $BILLING --batch 1000"
  [balance]="bonus balance --private-key $KEY"
  [ussd]="registration ussd --token $GATEWAY"
  [redeem]="catalog redeem --private-key $KEY --pool 5000"
  [webhook]="cashback webhook --partner $PARTNER --secret $SECRET --clicks $WORK/clicks.txt"
  [gift]="gifting gift --private-key $KEY --sms-url http://localhost:${PORT[registration]}"
)
# the SQL each operation runs: scripts/bench/sql/NAME-DATABASE.pgbench (see its README), and
# how many of the operation's units one pgbench transaction is (a webhook order is two
# deliveries, a batch script run 100 events)
declare -A SQL_OF=([accrual]=accrual-bonus [batch]=batch-bonus [balance]=balance-bonus
  [ussd]="ussd-registration ussd-bonus" [webhook]=webhook-cashback
  [redeem]="redemption-catalog redemption-bonus" [gift]="gift-gifting gift-bonus gift-registration")
declare -A UNITS=([webhook-cashback]=2 [batch-bonus]=100)

drive() { # OP MODEL-ARGS... -> the RESULT line
  local op=$1 svc mode
  shift
  read -r svc mode rest <<<"${ARGS[$op]}"
  # shellcheck disable=SC2086 # rest holds several options
  "$KOPILKA_JAVA" -cp "$WORK/driver" LoadDriver "$mode" --url "http://localhost:${PORT[$svc]}" \
    --accounts "$MEMBERS" $rest "$@" | grep '^RESULT'
}
closed() { # OP SECONDS -> the RESULT line of a closed loop
  case $1 in
    gift) echo "RESULT mode=gift (no closed loop: each gift waits for its code by SMS)" ;;
    batch) drive batch --workers 2 --seconds "$2" ;;
    accrual) bench_accruals "http://localhost:${PORT[bonus]}" "$BILLING" "$MEMBERS" "$WORKERS" "$2" ;;
    *) drive "$1" --workers "$WORKERS" --seconds "$2" ;;
  esac
}
open_model() { # OP SECONDS -> the RESULT line of the open model at the operation's rate
  case $1 in
    webhook)
      read -r _ _ rest <<<"${ARGS[webhook]}"
      # shellcheck disable=SC2086
      "$KOPILKA_JAVA" -cp "$WORK/driver" LoadDriver webhook-open --url "http://localhost:${PORT[cashback]}" \
        $rest --rate "${RATE[webhook]}" --seconds "$2" | grep '^RESULT' ;;
    *) drive "$1" --rate "${RATE[$1]}" --seconds "$2" ;;
  esac
}
backlog() { # -> outbox messages waiting in all services, and approved conversions not yet notified
  local total=0 db
  for db in "${SERVICES[@]}"; do
    total=$((total + $(sql "$db" "select count(*) from outbox_message where status = 'PENDING'")))
  done
  # (pgbench's orders, pgb-..., never get their credit: their messages are deleted)
  echo $((total + $(sql cashback "select count(*) from conversion where status = 'APPROVED' and credited_at is null
    and order_id not like 'pgb-%'")))
}
drain() { # waits until every outbox is empty; prints how long it took
  local started=$SECONDS
  while [[ $(backlog) != 0 ]]; do
    ((SECONDS - started > DRAIN_TIMEOUT)) && { echo "timeout ($(backlog) left)"; return; }
    sleep 1
  done
  echo "$((SECONDS - started)) s"
}
cpu_all() { # -> the CPU milliseconds each service has used so far, in SERVICES order
  local svc
  for svc in "${SERVICES[@]}"; do printf '%s ' "$(cpu_ms "${PID[$svc]}")"; done
}
cpu_per() { # BEFORE AFTER REQUESTS -> "svc ms, ..." for the services that used ≥ 0.05 ms a request
  local -a was now
  read -r -a was <<<"$1"
  read -r -a now <<<"$2"
  local i out=""
  for i in "${!SERVICES[@]}"; do
    out+=$(awk -v d=$((now[i] - was[i])) -v n="$3" -v s="${SERVICES[$i]}" \
      'BEGIN {if (n > 0 && d / n >= 0.05) printf "%s %.2f, ", s, d / n}')
  done
  echo "${out%, }"
}
pg() { # NAME -> operations/s of scripts/bench/sql/NAME.pgbench against the database after the dash
  local db=${1##*-} started tps
  started=$(sql "$db" "select now()")
  tps=$(PGPASSWORD=$db pgbench -h localhost -p "$PG_PORT" -U "$db" -n -M prepared -c "$CLIENTS" -j 2 -T "$SECS" \
    -D accounts="$MEMBERS" -f "scripts/bench/sql/$1.pgbench" "$db" 2>&1 | awk '/^tps/ {print $3; exit}')
  # the messages the script queued are no one's: the relays must not deliver them
  sql "$db" "delete from outbox_message where status = 'PENDING' and created_at >= '$started'" >/dev/null
  awk -v t="${tps:-0}" -v u="${UNITS[$1]:-1}" 'BEGIN {print t * u}'
}
ceiling() { # OP -> "CEILING (NAME RATE, ...)": 1 / (1/rate_a + 1/rate_b ...) over its scripts
  local name parts=() detail=""
  for name in ${SQL_OF[$1]}; do
    parts+=("$(pg "$name")")
    detail+="$name ${parts[-1]}, "
  done
  printf '%s\n' "${parts[@]}" | awk -v d="${detail%, }" \
    '{ if ($1 > 0) s += 1 / $1; else bad = 1 } END { printf "%s (%s)\n", (bad || s == 0) ? "-" : sprintf("%.0f", 1 / s), d }'
}

declare -A CEIL CLOSED OPEN CPU
for op in $OPS; do
  [[ -n ${ARGS[$op]:-} ]] || { echo "unknown operation $op: use ${!ARGS[*]}" >&2; exit 1; }
  echo "== $op"
  # until the path runs at its steady speed (gifts have no closed loop: 30 s of their open model)
  if [[ $op == gift ]]; then
    W=$(drive gift --rate "${RATE[gift]}" --seconds "$GIFT_WARM")
  else
    W="rounds $(bench_warm closed "$op")"
  fi
  echo "   warm-up: $W; drained in $(drain)"
  bench_settle "${SERVICES[@]}"
  CLOSED[$op]=$(closed "$op" "$SECS")
  echo "   closed: ${CLOSED[$op]}; drained in $(drain)"
  before=$(cpu_all)
  OPEN[$op]=$(open_model "$op" "$SECS")
  after=$(cpu_all)
  CPU[$op]=$(cpu_per "$before" "$after" "$(field sent "${OPEN[$op]}")")
  echo "   open: ${OPEN[$op]}"
  echo "   CPU per request (ms): ${CPU[$op]}; drained in $(drain)"
  # last: the scripts' rows (gifts, holds) must not count against the members' limits above
  bench_settle "${SERVICES[@]}"
  c=$(ceiling "$op")
  CEIL[$op]=${c%% *}
  echo "   SQL ceiling: $c"
done

echo "== checks"
audit=$(curl -sf -H "Authorization: Bearer $(scripts/token.sh admin)" \
  "http://localhost:${PORT[bonus]}/api/v1/admin/bonus/audit" || true)
grep -q '"clean" *: *true' <<<"$audit" && echo "   audit clean=true" || echo "   audit clean=false ${audit:-(no answer)}"
for db in "${SERVICES[@]}"; do
  echo "   $db outbox: $(sql "$db" "select coalesce(string_agg(status || ' ' || n, ', '), 'empty') from (select status, count(*) n from outbox_message group by status order by status) s")"
done
echo "   gifts: $(sql gifting "select string_agg(status || ' ' || n, ', ') from (select status, count(*) n from gift group by status order by status) s")"
echo "   redemptions: $(sql catalog "select string_agg(step || ' ' || n, ', ') from (select step, count(*) n from redemption group by step order by step) s")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }
echo
echo "| operation | SQL ceiling (pgbench, $CLIENTS clients) | closed loop | closed / ceiling | open model | p50 | p99 | errors | CPU per request (ms) |"
echo "|---|---|---|---|---|---|---|---|---|"
for op in $OPS; do
  c=${CLOSED[$op]} o=${OPEN[$op]}
  rate=$(field rate "$c")
  unit="/s"
  [[ $op == batch ]] && unit=" events/s"
  extra=""
  [[ $op == gift ]] && extra="; confirmation p50 $(field confirm_p50_ms "$o") ms, p99 $(field confirm_p99_ms "$o") ms, code by SMS p50 $(field code_p50_ms "$o") ms, unconfirmed $(field unconfirmed "$o")"
  echo "| $op | ${CEIL[$op]} tx/s | ${rate:--}${rate:+$unit} | $(ratio "${rate:--}" "${CEIL[$op]}") | ${RATE[$op]}/s | $(field p50_ms "$o") ms | $(field p99_ms "$o") ms | $(field errors "$o") | ${CPU[$op]}$extra |"
done
echo
target() { # NAME VALUE OP LIMIT: one target line, where VALUE is known
  [[ $2 == - || -z $2 ]] && return
  echo "- $1: $2 (target $3 $4): $(awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN {
    ok = (op == ">=") ? v >= l : v <= l; print ok ? "met" : "missed" }')"
}
echo "Targets:"
[[ -n ${CLOSED[accrual]:-} ]] && target "single accruals / their SQL's ceiling" "$(ratio "$(field rate "${CLOSED[accrual]}")" "${CEIL[accrual]}")" ">=" 0.5
[[ -n ${CLOSED[batch]:-} && -n ${CEIL[accrual]:-} ]] && target "batch events/s / the single accrual SQL's ceiling" "$(ratio "$(field rate "${CLOSED[batch]}")" "${CEIL[accrual]}")" ">=" 10
[[ -n ${OPEN[balance]:-} ]] && target "API balance p99 at ${RATE[balance]}/s, ms" "$(field p99_ms "${OPEN[balance]}")" "<=" 10
[[ -n ${CLOSED[webhook]:-} ]] && target "webhook deliveries/s, closed loop" "$(field rate "${CLOSED[webhook]}")" ">=" 1000
[[ -n ${OPEN[webhook]:-} ]] && target "webhook p99 at ${RATE[webhook]}/s, ms" "$(field p99_ms "${OPEN[webhook]}")" "<=" 50
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; members: $MEMBERS; warm-up until steady (at most ${BENCH_WARMUP:-180} s), $SECS s per figure; $WORKERS workers; commit $(git rev-parse --short HEAD)"
