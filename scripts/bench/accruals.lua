-- Single accruals for wrk (Debian's wrk 4.x), the closed loop the benchmarks measure them with:
--
--   wrk -t2 -c16 -d20s -s scripts/bench/accruals.lua -H "Authorization: Bearer $TOKEN" \
--     http://localhost:18082 -- ACCOUNTS RUN
--
-- wrk is a small C client, as pgbench is for the SQL the accrual runs, so the two figures that are
-- compared take about as much of the shared cores for their client (LoadDriver's Java threads
-- took three times wrk's CPU per accrual; see docs/performance.md). Each request is the
-- LoadDriver's accrual: a unique event id (RUN, the thread and a counter), a random member among
-- 79000000001..79000000000+ACCOUNTS, the four kinds in turn, 1-1,000 rubles spent now. Prints the
-- LoadDriver's RESULT line; errors are answers other than 2xx and failed connections.

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

local kinds = { "TELECOM", "SHOP", "TAXI", "CARD" }
local accounts, prefix
local sequence = 0

function init(args)
  accounts = tonumber(args[1] or "100000")
  prefix = "wrk-" .. (args[2] or tostring(os.time())) .. "-" .. thread_id .. "-"
  math.randomseed(os.time() * 100 + thread_id)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sequence = sequence + 1
  wrk.body = string.format(
    '{"eventId":"%s%d","msisdn":"%d","kind":"%s","amountKopecks":%d,"occurredAt":"%s"}',
    prefix, sequence, 79000000000 + math.random(accounts), kinds[sequence % 4 + 1],
    math.random(100, 100099), os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format(nil, "/api/v1/accruals")
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT mode=accrual driver=wrk requests=%d errors=%d rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f sent=%d\n",
    summary.requests - e.status, e.status + e.connect + e.read + e.write + e.timeout,
    summary.requests / summary.duration * 1e6, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests))
end
