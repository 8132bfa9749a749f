#!/usr/bin/env bash
# Load test of POST /v1/checks against a throwaway local service and database, with two reference
# points measured in the same run: the floor (GET /health/live on the same host) and the database's
# ceiling (pgbench running the same write transaction, pgbench-check.sql).
#
#   bench/load/run-checks.sh            # full run: 10 s warm-up + 60 s per phase, ~12 minutes
#   DURATION=5 WARMUP=2 bench/load/run-checks.sh   # smoke run
#
# Environment: DURATION (60), WARMUP (10), RATE (1000), CUSTOMERS (3000), CONCURRENCIES ("16 32 64"),
# SETTLE (1: VACUUM ANALYZE and CHECKPOINT before each checks phase; 0 runs them back to back), PHASES (which to run; default "floor checks-rate checks-saturated checks-hot pgbench"), WAL_WARMUP (1; 0 measures
# a cold cluster, see below), PGDATA_PARENT (where the
# throwaway PostgreSQL cluster lives; default the work directory under /tmp, e.g. /dev/shm for RAM),
# PGBENCH_CLIENTS (16), BUILD (1; 0 runs the Release binaries already built), OUT (a results directory; default a new one under /tmp), API_ENV (extra
# environment for the service only, e.g. "DOTNET_gcServer=0"), API_ARGS (extra service arguments),
# PG_SETTINGS (extra settings for the local cluster, e.g. "commit_delay=20 commit_siblings=5"; the
# settings that decide durability are printed at the start and in the summary, which says
# "NOT DURABLE" when they give up crash safety), HOT_RATE (500), HOT_CUSTOMERS (20) and
# HOT_SHARE (0.9) for the checks-hot phase: that share of the checks goes to that many customers, and
# HOT_HISTORY (0) velocity entries of the last 30 days are seeded for each of them first;
# CASES (100000) and CASES_RATE (200) for the cases-list phase: the first page of an inbox holding
# that many cases (a quarter in each state), requested at that rate.
# Only 127.0.0.1 is ever contacted. Everything started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-10}"
RATE="${RATE:-1000}"
CUSTOMERS="${CUSTOMERS:-3000}"
CONCURRENCIES="${CONCURRENCIES:-16 32 64}"
PGBENCH_CLIENTS="${PGBENCH_CLIENTS:-16}"
PHASES="${PHASES:-floor checks-rate checks-saturated checks-hot pgbench cases-list}"
CASES="${CASES:-100000}"
CASES_RATE="${CASES_RATE:-200}"
HOT_RATE="${HOT_RATE:-500}"
HOT_CUSTOMERS="${HOT_CUSTOMERS:-20}"
HOT_SHARE="${HOT_SHARE:-0.9}"
PG_ARGS=()
i=0
for setting in ${PG_SETTINGS:-}; do PG_ARGS+=("--Database:LocalServerSettings:$i=$setting"); i=$((i + 1)); done
wants() { [[ " $PHASES " == *" $1 "* ]]; }
WORK="$(mktemp -d /tmp/compliance-load.XXXXXX)"
OUT="${OUT:-$WORK/out}"
mkdir -p "$OUT"
PGDATA_DIR="$(mktemp -d "${PGDATA_PARENT:-$WORK}/compliance-pgdata.XXXXXX")"
API_PID=""

cleanup() {
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill -TERM "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$API_PID" 2>/dev/null || true
  fi
  rm -rf "$PGDATA_DIR" "$WORK/keys" "$WORK/pgb"
}
trap cleanup EXIT INT TERM

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
# tree_cpu PID: CPU seconds of PID and its descendants (utime + stime + waited-for children's), from /proc.
tree_cpu() {
  for f in /proc/[0-9]*/stat; do cat "$f" 2>/dev/null; echo; done | awk -v root="$1" '
    NF { p = $1; s = $0; sub(/^.*\) /, "", s); split(s, f, " "); ppid[p] = f[2]; ticks[p] = f[12] + f[13] + f[14] + f[15] }
    END { inTree[root] = 1; do { grew = 0; for (p in ppid) if (!(p in inTree) && (ppid[p] in inTree)) { inTree[p] = 1; grew = 1 } } while (grew)
          for (p in inTree) total += ticks[p]; printf "%.2f\n", total / 100 }'
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    ss -Htln "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GB; $(dotnet --version) SDK; $(/usr/bin/pgbench --version)"
if [[ "${BUILD:-1}" == 1 ]]; then
  log "building Release"
  dotnet build -c Release "$ROOT/src/Compliance.Api" -v q -nologo > "$OUT/build.log"
  dotnet build -c Release "$ROOT/bench/Compliance.LoadTest" -v q -nologo >> "$OUT/build.log"
fi
LOADTEST=(dotnet "$ROOT/bench/Compliance.LoadTest/bin/Release/net10.0/Compliance.LoadTest.dll")

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
ADMIN_KEY="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
mkdir -p "$WORK/keys"
chmod 777 "$WORK" "$PGDATA_DIR"
log "starting the service on $BASE (data in $PGDATA_DIR, $(df --output=fstype "$PGDATA_DIR" | tail -1))"
env ${API_ENV:-} COMPLIANCE_BOOTSTRAP_ADMIN_KEY="$ADMIN_KEY" Database__LocalDataDirectory="$PGDATA_DIR" Vault__KeyDirectory="$WORK/keys" \
  dotnet "$ROOT/src/Compliance.Api/bin/Release/net10.0/Compliance.Api.dll" serve --urls "$BASE" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Compliance.Api.Storage=Information "${PG_ARGS[@]}" ${API_ARGS:-} > "$OUT/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 120); do
  curl -sf "$BASE/health/live" > /dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { cat "$OUT/api.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$BASE/health/live" > /dev/null
PG_PORT="$(grep -o 'Started local PostgreSQL in .* on port [0-9]*' "$OUT/api.log" | grep -o '[0-9]*$' | head -1 || true)"
log "service up (pid $API_PID; extra environment: ${API_ENV:-none}); local PostgreSQL on port ${PG_PORT:-unknown}"
# CPU per request of the service and of PostgreSQL (the postmaster and its backends), per phase.
WATCH=(--watch "api=$API_PID")
POSTMASTER="$(head -1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)"
[ -n "$POSTMASTER" ] && WATCH+=(--watch "postgres=$POSTMASTER")
DURABILITY="unknown (no local PostgreSQL)"
if [ -n "${PG_PORT:-}" ]; then
  SETTINGS="$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE name IN
    ('fsync', 'full_page_writes', 'synchronous_commit', 'wal_sync_method', 'commit_delay', 'commit_siblings', 'wal_compression', 'max_wal_size',
     'min_wal_size', 'wal_buffers', 'shared_buffers', 'checkpoint_timeout', 'wal_writer_delay', 'wal_init_zero', 'max_connections')")"
  if psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc "SELECT current_setting('fsync') = 'on' AND current_setting('full_page_writes') = 'on' AND current_setting('synchronous_commit') <> 'off'" | grep -q t; then
    DURABILITY="durable"
  else
    DURABILITY="NOT DURABLE: these figures trade crash safety for speed and are not the service's"
  fi
  log "database: $DURABILITY; $SETTINGS"
fi

API_KEY="$(curl -sf -X POST "$BASE/v1/admin/api-keys" -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
  -d '{"name":"load","roles":["checks:write","cases:read"],"rateLimitPerSecond":1000000}' | jq -r .key)"
[[ -n "$API_KEY" && "$API_KEY" != null ]] || { log "could not create an API key"; exit 1; }
export COMPLIANCE_LOAD_API_KEY="$API_KEY"

: > "$OUT/results.tsv"
: > "$OUT/cpu.tsv"
# run NAME ARGS...: one load-test phase; keeps its output and its RESULT line with the load average before and after.
run() {
  local name="$1"; shift
  local before; before="$(load_avg)"
  log "phase $name (load average $before)"
  local status=0
  "${LOADTEST[@]}" --url "$BASE" --label "$name" --warmup "$WARMUP" --duration "$DURATION" "${WATCH[@]}" "$@" > "$OUT/$name.txt" 2>&1 || status=$?
  cat "$OUT/$name.txt" >&2
  local line; line="$(grep '^RESULT' "$OUT/$name.txt" || printf 'RESULT\t%s\tfailed (exit %s)' "$name" "$status")"
  printf '%s\t%s\t%s\n' "$line" "$before" "$(load_avg)" >> "$OUT/results.tsv"
  grep '^CPU' "$OUT/$name.txt" >> "$OUT/cpu.tsv" || true
}

if wants floor; then
  run floor-rate --target live --rate "$RATE"
  run floor-saturated --target live --saturate --concurrency 32
fi
"${LOADTEST[@]}" --url "$BASE" --target checks --seed-customers "$CUSTOMERS" --rate 200 --duration 1 --warmup 0 --label seed > "$OUT/seed.txt" 2>&1 \
  || { cat "$OUT/seed.txt" >&2; exit 1; }
# Most payers have a verified identity: nine in ten seeded customers get approved KYC (set in the
# database directly: the KYC providers are not part of this test); otherwise every check would fire KycNotVerified.
if [ -n "${PG_PORT:-}" ]; then
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "UPDATE customers SET kyc_status = 'approved', kyc_level = 'full', kyc_verified_at = now() - interval '90 days', created_at = now() - interval '400 days' WHERE random() < 0.9" > /dev/null
fi
# A database that has been running a while recycles WAL segments (a rename) at each switch; a fresh
# cluster creates and zero-fills each new 16 MB segment while committers wait, which put 20-280 ms
# stalls into the p99 of the first minutes (bench/load/RESULTS.md). Bring the WAL to that steady state
# first: write ~250 MB of WAL and checkpoint, so the segments it leaves are recycled during the run.
if [[ -n "${PG_PORT:-}" && "${WAL_WARMUP:-1}" == 1 ]]; then
  log "WAL warm-up (250 MB of WAL, then CHECKPOINT)"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q \
    -c "CREATE TABLE wal_warmup AS SELECT repeat('x', 1000) AS filler FROM generate_series(1, 250000)" \
    -c "DROP TABLE wal_warmup" -c "CHECKPOINT" > /dev/null
fi
# settle: before each checks phase, VACUUM ANALYZE what the previous phases wrote and CHECKPOINT, and
# wait for autovacuum to finish, so that a phase is measured on a settled database rather than inside
# the previous phase's aftermath (its dirty buffers being written, autovacuum of its decisions). The
# checks-hot phase came right after two saturation phases and its p99 moved 21 → 48 ms from that
# alone (RESULTS.md). SETTLE=0 runs the phases back to back.
settle() {
  [[ -n "${PG_PORT:-}" && "${SETTLE:-1}" == 1 ]] || return 0
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -c "VACUUM (ANALYZE)" -c "CHECKPOINT" > /dev/null
  for _ in $(seq 1 60); do
    [ "$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" = 0 ] && break
    sleep 1
  done
  log "settled (VACUUM ANALYZE, CHECKPOINT, no autovacuum running)"
}
if wants checks-rate; then
  settle
  run checks-rate --target checks --customers "$CUSTOMERS" --rate "$RATE"
fi
if wants checks-saturated; then
  for c in $CONCURRENCIES; do
    settle
    run "checks-saturated-c$c" --target checks --customers "$CUSTOMERS" --saturate --concurrency "$c"
  done
fi
# Hot customers: most checks on a few customers (a merchant or a wallet under a burst), which
# queue on each other's customer lock.
if wants checks-hot; then
  # A merchant is hot every day, not only in this phase: HOT_HISTORY velocity entries per hot customer,
  # spread over the last 30 days, written in SQL first with their hour totals (velocity_hours), as
  # the check's statement would have kept them.
  if [[ -n "${PG_PORT:-}" && "${HOT_HISTORY:-0}" -gt 0 ]]; then
    log "seeding $HOT_HISTORY velocity entries over 30 days for each of the $HOT_CUSTOMERS hot customers"
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 -c "
      INSERT INTO velocity_entries (transaction_id, customer_id, occurred_at, amount_base, type, channel, counterparty_key)
      SELECT 'history-' || c || '-' || g, 'load-c-' || c, now() - interval '30 days' * g / ($HOT_HISTORY + 1), 1 + g % 400, 'transfer', 'web',
             decode(md5(c || ':' || (g % 500)), 'hex')
      FROM generate_series(1, $HOT_CUSTOMERS) c, generate_series(1, $HOT_HISTORY) g" \
      -c "INSERT INTO velocity_hours AS h (customer_id, hour, entries, amount, withdrawals, withdrawn)
      SELECT customer_id, date_trunc('hour', occurred_at, 'UTC'), count(*), sum(amount_base), 0, 0
      FROM velocity_entries WHERE transaction_id LIKE 'history-%' GROUP BY 1, 2
      ON CONFLICT (customer_id, hour) DO UPDATE SET entries = h.entries + EXCLUDED.entries, amount = h.amount + EXCLUDED.amount" > /dev/null
  fi
  settle
  run checks-hot --target checks --customers "$CUSTOMERS" --rate "$HOT_RATE" --hot-customers "$HOT_CUSTOMERS" --hot-share "$HOT_SHARE"
fi

# The review queue: the first page of one inbox holding CASES cases, seeded in SQL (the cases the
# checks phases opened are in other inboxes).
if wants cases-list && [ -n "${PG_PORT:-}" ]; then
  log "seeding $CASES cases in inbox bench"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 -c "
    INSERT INTO cases (id, kind, customer_id, inbox, state, resolution, resolution_reason, priority, assignee, reason_codes, opened_at, updated_at, due_at, closed_at)
    SELECT gen_random_uuid(), 'review', 'bench-c-' || (g % 20000), 'bench', s.state,
           CASE WHEN s.state = 'closed' THEN 'approved' END, CASE WHEN s.state = 'closed' THEN 'seeded' END, 1 + g % 3,
           CASE WHEN s.state <> 'open' THEN 'officer-' || (g % 10) END, ARRAY['AMOUNT_LARGE'], now() - g * interval '1 second', now(),
           now() + (g % 86400) * interval '1 second', CASE WHEN s.state = 'closed' THEN now() END
    FROM generate_series(1, $CASES) g, LATERAL (SELECT (ARRAY['open', 'in_review', 'escalated', 'closed'])[1 + g % 4] AS state) s" \
    -c "ANALYZE cases" > /dev/null
  run cases-list --target cases --inbox bench --rate "$CASES_RATE"
fi

# The velocity read's time bounds as the service computes them for a check made now (CheckStatements.Velocity).
velocity_bounds() {
  local now; now="$(date -u +%s)"
  local day; day="$(date -u -d "@$now" +%Y-%m-%d)"
  local month; month="$(date -u -d "@$now" +%Y-%m-01)"
  local t7d=$((now - 7 * 86400)) t30d=$((now - 30 * 86400))
  local h7d=$((t7d - t7d % 3600)) h30d=$((t30d - t30d % 3600))
  local month_s; month_s="$(date -u -d "$month" +%s)"
  iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
  printf -- '-D T1h=%s -D T24h=%s -D T7d=%s -D T30d=%s -D Day=%s -D NextDay=%s -D Month=%s -D NextMonth=%s -D HFrom=%s -D H7d=%s -D H7dEnd=%s -D H30d=%s -D H30dEnd=%s' \
    "$(iso $((now - 3600)))" "$(iso $((now - 86400)))" "$(iso "$t7d")" "$(iso "$t30d")" "${day}T00:00:00Z" \
    "$(date -u -d "$day + 1 day" +%Y-%m-%dT00:00:00Z)" "${month}T00:00:00Z" "$(date -u -d "$month + 1 month" +%Y-%m-%dT00:00:00Z)" \
    "$(iso $((h30d < month_s ? h30d : month_s)))" "$(iso "$h7d")" "$(iso $((h7d + 3600)))" "$(iso "$h30d")" "$(iso $((h30d + 3600)))"
}

# pgbench: latency percentiles from the per-transaction log (column 3, microseconds; with --rate
# it counts from the scheduled start, like the tool above).
pgbench_phase() {
  local name="$1"; shift
  local bounds; read -ra bounds <<< "$(velocity_bounds)"
  local before; before="$(load_avg)"
  log "phase $name (load average $before)"
  rm -rf "$WORK/pgb"; mkdir -p "$WORK/pgb"
  /usr/bin/pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -f "$ROOT/bench/load/pgbench-check.sql" -j 2 -T "$WARMUP" "${bounds[@]}" "$@" pgbench_check > /dev/null 2>&1 || true
  local cpu_before; cpu_before="$(tree_cpu "$POSTMASTER")"
  /usr/bin/pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -f "$ROOT/bench/load/pgbench-check.sql" -j 2 -T "$DURATION" -r \
    -l --log-prefix="$WORK/pgb/tx" "${bounds[@]}" "$@" pgbench_check > "$OUT/$name.txt" 2>&1 || true
  local cpu_after; cpu_after="$(tree_cpu "$POSTMASTER")"
  cat "$OUT/$name.txt" >&2
  local failed; failed="$(grep -o 'number of failed transactions: [0-9]*' "$OUT/$name.txt" | grep -o '[0-9]*$' || echo '?')"
  cat "$WORK"/pgb/tx* | awk '{print $3}' | sort -n | awk -v name="$name" -v mode="$*" -v secs="$DURATION" -v failed="$failed" '
    { v[NR] = $1 }
    function p(q,  i) { i = int(q / 100 * NR + 0.999999); if (i < 1) i = 1; return v[i] / 1000 }
    END { printf "RESULT\t%s\tpgbench\tpgbench %s\t%d\t%s\t0\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", name, mode, NR, failed, NR / secs, p(50), p(90), p(99), p(99.9), v[NR] / 1000 }' \
    > "$OUT/$name.result"
  printf '%s\t%s\t%s\n' "$(cat "$OUT/$name.result")" "$before" "$(load_avg)" >> "$OUT/results.tsv"
  local transactions; transactions="$(cat "$WORK"/pgb/tx* | wc -l)"
  [ "$transactions" -gt 0 ] && awk -v n="$name" -v a="$cpu_before" -v b="$cpu_after" -v t="$transactions" \
    'BEGIN { printf "CPU\t%s\tpostgres=%.3f\n", n, (b - a) * 1000 / t }' >> "$OUT/cpu.tsv"
}

if ! wants pgbench; then
  :
elif [[ -n "$PG_PORT" ]]; then
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc 'CREATE DATABASE pgbench_check' > /dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d pgbench_check -q -v ON_ERROR_STOP=1 -f "$ROOT/bench/load/pgbench-setup.sql" > /dev/null
  pgbench_phase pgbench-rate -c 8 -R "$RATE"
  pgbench_phase pgbench-saturated -c "$PGBENCH_CLIENTS"
else
  log "no PostgreSQL port in the service log: pgbench skipped"
fi

{
  printf '\n%-22s %-8s %-38s %8s %6s %5s %8s %8s %8s %8s %8s %8s  %-16s %s\n' phase target mode requests errors skip "rate/s" p50 p90 p99 p99.9 max "load before" "load after"
  while IFS=$'\t' read -r _ name target mode requests errors skipped rate p50 p90 p99 p999 max before after; do
    printf '%-22s %-8s %-38s %8s %6s %5s %8s %8s %8s %8s %8s %8s  %-16s %s\n' "$name" "$target" "$mode" "$requests" "$errors" "$skipped" "$rate" "$p50" "$p90" "$p99" "$p999" "$max" "$before" "$after"
  done < "$OUT/results.tsv"
  printf '(latencies in ms; results in %s)\n' "$OUT"
  if [ -s "$OUT/cpu.tsv" ]; then
    printf '\nCPU ms per request (service, PostgreSQL, load generator):\n'
    sed 's/^CPU\t//' "$OUT/cpu.tsv"
  fi
  printf 'database: %s\n' "$DURABILITY"
  printf 'settle before checks phases: %s\n' "$([[ "${SETTLE:-1}" == 1 ]] && echo yes || echo no)"
  [ -n "${SETTINGS:-}" ] && printf 'settings: %s\n' "$SETTINGS"
  # The service's best saturated rate against the same transaction driven by pgbench on the same cluster.
  awk -F'\t' '$2 ~ /^checks-saturated/ && $8 > best { best = $8 } $2 == "pgbench-saturated" { pg = $8 }
    END { if (best > 0 && pg > 0) printf "saturation: checks %.0f/s, pgbench %.0f/s, ratio %.2f\n", best, pg, best / pg }' "$OUT/results.tsv"
} | tee "$OUT/summary.txt"
