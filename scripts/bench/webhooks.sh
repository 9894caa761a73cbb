#!/usr/bin/env bash
# The partner-webhook benchmark: cashback-service, registration-service and bonus-service on one
# embedded PostgreSQL, measuring Standard-Webhooks-signed conversion reports
# (POST /webhooks/v1/partners/{partnerId}/conversions). 300 members join by USSD (*111*455*1#)
# and each makes a click to one partner; then every order is reported PENDING and, a little
# later, APPROVED, so half the deliveries approve a conversion and queue its credit in the outbox,
# which the relay takes to bonus-service (every second by default); once bonus-service has taken a
# credit, the member's SMS goes out through registration-service. Each delivery has its own
# webhook-id and is signed by the driver when it is sent.
#
# Two figures: conversions per second in a closed loop of 16 workers, and latency at fixed
# arrival rates (500 deliveries/s by default; open model, measured from each delivery's intended
# send time).
# After each, the script waits until the outbox is empty (credits and SMS delivered); at the end
# it checks that every order is one APPROVED conversion, that bonus-service holds exactly one
# cashback credit per approved conversion, and that the ledger audit is clean.
#
#   scripts/bench/webhooks.sh                                   # 60 s warm-up, 30 s per figure
#   BENCH_WARMUP=20 BENCH_SECONDS=10 scripts/bench/webhooks.sh  # shorter
#   WEBHOOK_WORKERS=32 WEBHOOK_RATE='500 250' scripts/bench/webhooks.sh  # open model at each rate
#   BENCH_SERVICE_ENV='VAR=VALUE ...' ...   # extra settings for all three services, e.g.
#                                          # KOPILKA_TRUSTED_PROXIES=10.0.0.0/8,127.0.0.1,::1/128
#                                          # (see docs/performance.md, "Partner webhooks")
#   BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/jfr/' ...  # extra JVM options; an
#                                          # existing directory gets one recording per service
#
# Prints the RESULT lines, the checks and table rows; exits 1 if a check fails. The outbox must
# drain within BENCH_DRAIN_TIMEOUT seconds (900) after each figure. docs/performance.md holds the
# last results.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=../lib/dev-keys.sh
source scripts/lib/dev-keys.sh
kopilka_dev_keys

MEMBERS=${MEMBERS:-300}
SECS=${BENCH_SECONDS:-30}
WARM=${BENCH_WARMUP:-60}
WORKERS=${WEBHOOK_WORKERS:-16}
# one or more arrival rates for the open model, e.g. "500 250"
read -r -a RATES <<<"${WEBHOOK_RATE:-500}"
PG_PORT=${BENCH_PG_PORT:-25432}
REG_PORT=${BENCH_REGISTRATION_PORT:-18081}
BONUS_PORT=${BENCH_HTTP_PORT:-18082}
CASHBACK_PORT=${BENCH_CASHBACK_PORT:-18083}
RELAY_EVERY=${BENCH_RELAY_EVERY:-1s}
# extra VAR=VALUE settings for all three services (see the usage above)
read -r -a EXTRA_ENV <<<"${BENCH_SERVICE_ENV:-}"
DRAIN_TIMEOUT=${BENCH_DRAIN_TIMEOUT:-900}
PARTNER=bench-shop
WORK=$ROOT/.dev/bench-webhooks
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/bench/lib.sh
bench_build registration-service,bonus-service,cashback-service
bench_postgres registration,bonus,cashback
urls=(KOPILKA_BONUS_URL="http://localhost:$BONUS_PORT" KOPILKA_REGISTRATION_URL="http://localhost:$REG_PORT"
  KOPILKA_CATALOG_URL="http://localhost:9" ${EXTRA_ENV[@]+"${EXTRA_ENV[@]}"})
echo "== start bonus-service on $BONUS_PORT, registration-service on $REG_PORT, cashback-service on $CASHBACK_PORT"
bench_service bonus "$BONUS_PORT" "${urls[@]}"
BONUS_PID=$SERVICE_PID
bench_service registration "$REG_PORT" "${urls[@]}"
REG_PID=$SERVICE_PID
bench_service cashback "$CASHBACK_PORT" "${urls[@]}" KOPILKA_JOBS_OUTBOX_RELAY_EVERY="$RELAY_EVERY"
CASHBACK_PID=$SERVICE_PID
bench_ready bonus "$BONUS_PORT"
bench_ready registration "$REG_PORT"
bench_ready cashback "$CASHBACK_PORT"

sql() { # DATABASE SQL -> rows, columns separated by '|'
  PGPASSWORD=$1 psql -h localhost -p "$PG_PORT" -U "$1" -d "$1" -v ON_ERROR_STOP=1 -At -c "$2"
}

echo "== $MEMBERS members (MSISDN 79000000000 + i) join by USSD"
GATEWAY=$(scripts/token.sh channel-gateway)
join_member() { # I -> joins 79000000000 + I
  curl -sf -o /dev/null -H "Authorization: Bearer $GATEWAY" -H "Idempotency-Key: bench-join-$1" \
    -H 'Content-Type: application/json' -d "{\"msisdn\":\"$((79000000000 + $1))\",\"request\":\"*111*455*1#\"}" \
    "http://localhost:$REG_PORT/api/v1/channels/ussd" || echo "join of $((79000000000 + $1)) failed" >&2
}
export -f join_member
export GATEWAY REG_PORT
# shellcheck disable=SC2016 # $0 is expanded by the inner bash
seq 1 "$MEMBERS" | xargs -P 4 -n 1 bash -c 'join_member "$0"'
# registration-service opens their accounts in bonus-service through its outbox
for _ in $(seq 1 120); do
  [[ $(sql bonus "select count(*) from account where status = 'OPEN'") -ge $MEMBERS ]] && break
  sleep 1
done
accounts=$(sql bonus "select count(*) from account where status = 'OPEN'")
[[ $accounts -ge $MEMBERS ]] || { echo "only $accounts of $MEMBERS accounts opened" >&2; tail -20 "$WORK/registration.log"; exit 1; }

bench_partner "$CASHBACK_PORT" "$MEMBERS"

webhooks=(--url "http://localhost:$CASHBACK_PORT" --partner "$PARTNER" --secret "$SECRET" --clicks "$WORK/clicks.txt")
closed() { # SECONDS -> the RESULT line
  "$KOPILKA_JAVA" -cp "$WORK/driver" LoadDriver webhook "${webhooks[@]}" --workers "$WORKERS" --seconds "$1" | grep '^RESULT'
}
open_model() { # RATE SECONDS -> the RESULT line
  "$KOPILKA_JAVA" -cp "$WORK/driver" LoadDriver webhook-open "${webhooks[@]}" --rate "$1" --seconds "$2" | grep '^RESULT'
}
backlog() { # -> outbox messages not yet delivered, approved conversions whose SMS is not yet queued
  sql cashback "select (select count(*) from outbox_message where status = 'PENDING') || ' '
    || (select count(*) from conversion where status = 'APPROVED' and credited_at is null)"
}
credits_delivered() {
  sql cashback "select count(*) from outbox_message where destination = 'bonus' and status = 'DELIVERED'"
}
drain() { # waits until the outbox is empty; sets DRAINED (seconds, or "timeout")
  local started=$SECONDS
  while [[ $(backlog) != "0 0" ]]; do
    if ((SECONDS - started > DRAIN_TIMEOUT)); then
      DRAINED=timeout
      echo "   the outbox did not drain in $DRAIN_TIMEOUT s: $(backlog) (messages, unnotified)" >&2
      return
    fi
    sleep 1
  done
  DRAINED=$((SECONDS - started))
}
commits() { sql cashback "select xact_commit from pg_stat_database where datname = 'cashback'"; }
per() { awk -v c="$1" -v n="$2" 'BEGIN {printf "%.2f", (n > 0 ? c / n : 0)}'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
PG_PID=$(pgrep -f "bin/postgres .*-p $PG_PORT( |$)" | head -1)
# CPU time used so far (ms): cashback, bonus, registration, the whole machine (all processes, ours
# or not), PostgreSQL (its server process, the live backends and those that have ended)
cpu_all() {
  echo "$(cpu_ms "$CASHBACK_PID") $(cpu_ms "$BONUS_PID") $(cpu_ms "$REG_PID")" \
    "$(awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print int(($2 + $3 + $4 + $7 + $8 + $9) * 1000 / hz)}' /proc/stat)" \
    "$(cat /proc/[0-9]*/stat 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" -v pm="$PG_PID" '
        $2 == "(postgres)" && ($1 == pm || $4 == pm) {t += $14 + $15 + ($1 == pm ? $16 + $17 : 0)}
        END {print int(t * 1000 / hz)}')"
}
cores() { awk -v c="$1" -v t="$2" 'BEGIN {printf "%.2f", c / t}'; } # CPU ms / elapsed ms
ORDERS=0 REDELIVERIES=0 UNFINISHED=0
COSTS=() # table rows: what each figure cost
count_orders() { # RESULT-LINE: adds its orders, redeliveries and unfinished orders to the totals
  ORDERS=$((ORDERS + $(field orders "$1")))
  REDELIVERIES=$((REDELIVERIES + $(field redeliveries "$1")))
  UNFINISHED=$((UNFINISHED + $(field unfinished "$1")))
}
IDLE=(0 0 0) # CPU ms per second each service uses with nothing to do: measured after the warm-up
# measure NAME COMMAND...: runs the figure, then waits for the outbox; sets R and the CPU figures
measure() {
  local name=$1 cpu0 cpu1 cpu2 credits0 xacts0 t0 t1 t2 backlog_after
  shift
  read -r -a cpu0 <<<"$(cpu_all)"
  credits0=$(credits_delivered); xacts0=$(commits); t0=$(now_ms)
  R=$("$@")
  read -r -a cpu1 <<<"$(cpu_all)"
  t1=$(now_ms)
  local relayed=$(($(credits_delivered) - credits0))
  backlog_after=$(backlog)
  drain
  read -r -a cpu2 <<<"$(cpu_all)"
  t2=$(now_ms)
  sleep 11 # idle sessions report their commits within 10 s
  local xacts=$(($(commits) - xacts0))
  echo "   $R"
  local sent orders i work=()
  sent=$(field sent "$R"); orders=$(field orders "$R")
  count_orders "$R"
  # per order: what each service used from the start of the run until the outbox was empty, less
  # what it uses idle in as much time
  for i in 0 1 2; do
    work[i]=$(awk -v c=$((cpu2[i] - cpu0[i])) -v idle="${IDLE[i]}" -v t=$((t2 - t0)) 'BEGIN {print c - idle * t / 1000}')
  done
  RUN_CPU="$(per $((cpu1[0] - cpu0[0])) "$sent") ms cashback, $(per $((cpu1[1] - cpu0[1])) "$sent") ms bonus"
  ORDER_CPU="$(per "${work[0]}" "$orders") ms cashback, $(per "${work[1]}" "$orders") ms bonus, $(per "${work[2]}" "$orders") ms registration"
  RELAY="$relayed credits relayed during the $(((t1 - t0) / 1000)) s run ($(per "$relayed" $(((t1 - t0) / 1000)))/s); outbox backlog $(cut -d' ' -f1 <<<"$backlog_after") messages at its end, drained in ${DRAINED} s"
  echo "   $name: CPU per delivery during the run (incl. the warm-up or 3 s ramp and the final approvals): $RUN_CPU"
  local driver machine ours
  driver=$(field driver_cpu_ms "$R")
  machine=$((cpu1[3] - cpu0[3]))
  ours=$((cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1] + cpu1[2] - cpu0[2] + cpu1[4] - cpu0[4] + driver))
  BUSY="$(cores "$machine" $((t1 - t0))) of $(nproc) cores: $(cores $((cpu1[0] - cpu0[0])) $((t1 - t0))) cashback,"
  BUSY+=" $(cores $((cpu1[1] - cpu0[1])) $((t1 - t0))) bonus, $(cores $((cpu1[2] - cpu0[2])) $((t1 - t0))) registration,"
  BUSY+=" $(cores $((cpu1[4] - cpu0[4])) $((t1 - t0))) PostgreSQL, $(cores "$driver" $((t1 - t0))) driver,"
  BUSY+=" $(cores $((machine - ours)) $((t1 - t0))) other processes"
  echo "   $name: CPU busy during the run: $BUSY"
  echo "   $name: CPU per order (2 deliveries, its credit and SMS), run + drain, less idle: $ORDER_CPU"
  echo "   $name: $RELAY"
  echo "   $name: $(per "$xacts" "$orders") committed transactions in cashback per order, run + drain"
  COSTS+=("| $name | $RUN_CPU | $BUSY | $ORDER_CPU | $RELAY |")
}

echo "== warm-up: ${WARM} s, closed loop of $WORKERS workers"
W=$(closed "$WARM")
echo "   $W"
count_orders "$W"
if [[ $(field requests "$W") == 0 ]]; then
  echo "no delivery succeeded during the warm-up; the log:" >&2
  tail -30 "$WORK/cashback.log" >&2
  exit 1
fi
drain
echo "   outbox drained in ${DRAINED} s"
read -r -a idle0 <<<"$(cpu_all)"
sleep 11 # also lets idle sessions report their commits (within 10 s)
read -r -a idle1 <<<"$(cpu_all)"
for i in 0 1 2; do IDLE[i]=$(awk -v c=$((idle1[i] - idle0[i])) 'BEGIN {print c / 11}'); done
echo "   idle: ${IDLE[0]} ms/s cashback, ${IDLE[1]} ms/s bonus, ${IDLE[2]} ms/s registration;" \
  "whole machine $(cores $((idle1[3] - idle0[3])) 11000) cores busy"

echo "== throughput: closed loop of $WORKERS workers for $SECS s"
measure "closed loop, $WORKERS workers" closed "$SECS"
ROWS=("| Signed conversion reports (PENDING, then APPROVED), closed loop $WORKERS workers | $(field rate "$R") deliveries/s, p50 $(field p50_ms "$R") ms, p90 $(field p90_ms "$R") ms, p99 $(field p99_ms "$R") ms, errors $(field errors "$R") | ≥ 1,000/s |")

for rate in "${RATES[@]}"; do
  echo "== latency: open model at $rate deliveries/s for $SECS s (after 5 s at the rate)"
  measure "open model, $rate/s" open_model "$rate" "$SECS"
  target=
  [[ $rate != 500 ]] || target='p99 ≤ 50 ms'
  ROWS+=("| the same, open model $rate deliveries/s | p50 $(field p50_ms "$R") ms, p90 $(field p90_ms "$R") ms, p99 $(field p99_ms "$R") ms, max $(field max_ms "$R") ms, errors $(field errors "$R") | $target |")
done

echo "== checks"
failed=()
IFS='|' read -r conversions approved points <<<"$(sql cashback \
  "select count(*), count(*) filter (where status = 'APPROVED'), coalesce(sum(points) filter (where status = 'APPROVED'), 0)
   from conversion where partner_id = '$PARTNER'")"
echo "   orders reported: $ORDERS (approvals delivered again after a failure: $REDELIVERIES, orders the driver" \
  "gave up on: $UNFINISHED); conversions: $conversions, of which APPROVED: $approved ($points points)"
[[ $conversions == "$ORDERS" && $approved == "$ORDERS" ]] || failed+=("orders vs conversions")
deliveries=$(sql cashback "select count(*) from webhook_delivery where partner_id = '$PARTNER'")
unattributed=$(sql cashback "select count(*) from attribution_failure where partner_id = '$PARTNER'")
# a failed PENDING report is not repeated, so fewer than 2 per order after errors
echo "   deliveries recorded: $deliveries (2 per order: $((2 * ORDERS))); attribution failures: $unattributed"
[[ $deliveries -le $((2 * ORDERS)) && $unattributed == 0 ]] || failed+=("deliveries")
IFS='|' read -r credits credited <<<"$(sql bonus \
  "select count(*), coalesce(sum(points), 0) from ledger_entry where reason = 'CASHBACK'")"
echo "   bonus-service cashback credits: $credits ($credited points)"
[[ $credits == "$approved" && $credited == "$points" ]] || failed+=("credits in bonus-service")
echo "   cashback outbox (destination status count, of which needed more than one attempt):"
sql cashback "select destination, status, count(*), count(*) filter (where attempts > 1) from outbox_message
  group by 1, 2 order by 1, 2" | tr '|' ' ' | sed 's/^/     /'
echo "   registration outbox (destination status count, of which needed more than one attempt):"
sql registration "select destination, status, count(*), count(*) filter (where attempts > 1) from outbox_message
  group by 1, 2 order by 1, 2" | tr '|' ' ' | sed 's/^/     /'
for name in cashback registration bonus; do
  n=$(grep -c 'OutboxRelay.*failed (attempt' "$WORK/$name.log" || true)
  ((n == 0)) || echo "   $name's outbox relay: $n failed attempts, e.g. $(grep -m1 'OutboxRelay.*failed (attempt' "$WORK/$name.log" | sed 's/.*) Outbox/Outbox/')"
done
audit=$(curl -sf -H "Authorization: Bearer $(scripts/token.sh admin)" \
  "http://localhost:$BONUS_PORT/api/v1/admin/bonus/audit" || true)
if grep -q '"clean" *: *true' <<<"$audit"; then
  echo "   audit clean=true"
else
  echo "   audit clean=false ${audit:-(no answer)}"
  failed+=("audit")
fi
echo "   HTTP requests served since start (uri status count):"
for svc in "cashback $CASHBACK_PORT" "bonus $BONUS_PORT"; do
  read -r name port <<<"$svc"
  curl -sf "http://localhost:$((port + 1000))/q/metrics" \
    | sed -n 's/^http_server_requests_seconds_count{\(.*\)} \([0-9.E]*\)$/\1 \2/p' \
    | sed -n 's/.*status="\([0-9]*\)".*uri="\([^"]*\)".* \([0-9.E]*\)$/\2 \1 \3/p' \
    | grep -v '^/q/' | sed "s/^/     $name /" || true
done
if ((${#failed[@]})); then
  echo "checks FAILED: ${failed[*]}"
else
  echo "checks passed"
fi

echo
echo "| measure | result | target |"
echo "|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "| figure | CPU per delivery during the run (incl. ramp or warm-up, final approvals) | CPU busy during the run | CPU per order incl. its credit and SMS (run + drain, less idle) | outbox relay |"
echo "|---|---|---|---|---|"
printf '%s\n' "${COSTS[@]}"
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; members: $MEMBERS; $SECS s measured per figure after ${WARM} s warm-up; outbox relay every $RELAY_EVERY"
((${#failed[@]} == 0))
