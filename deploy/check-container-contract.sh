#!/usr/bin/env bash
# Runs the service the way the Dockerfile and compose.yaml do, on a machine without a container
# engine: the same `dotnet publish`, then, as uid 1654 on a read-only view of the whole root
# filesystem with only /tmp (a tmpfs) and the key directory writable,
#   1. `migrate` as the schema owner (compose's migrate service),
#   2. `serve` as compliance_api, a login role in compliance_app, with MigrateOnStart=false (the api service),
# against a durable PostgreSQL initialised with deploy/postgres/init-roles.sh, and drives it over HTTP:
# readiness, the printed bootstrap admin key, an API key, a customer, a check, the metrics scrape.
# What it cannot show: the image build itself (base images, layers), which needs an engine.
# Needs root (mount namespace, chroot, setpriv) and the PostgreSQL server binaries. Usage: sudo deploy/check-container-contract.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
app_uid=1654
work=$(mktemp -d /var/tmp/compliance-contract.XXXXXX)
chmod 755 "$work"
pg_bin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")
port=$((20000 + RANDOM % 20000))
api_port=$((40000 + RANDOM % 20000))
owner_password=$(openssl rand -hex 16)
api_password=$(openssl rand -hex 16)
service_pid=""

step() { printf '== %s\n' "$*" >&2; }
service_process() { pgrep -u "$app_uid" -f "Compliance.Api.dll serve" || true; }
cleanup() {
  [ -n "$(service_process)" ] && kill -KILL $(service_process) 2>/dev/null || true
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The build stage, read from the Dockerfile and replayed in an empty directory: its COPY lines
# (bin/ and obj/ left out, as .dockerignore does) and its RUN lines, /app redirected to $work/app.
# A file the build needs but the Dockerfile does not copy fails here as it would in `docker build`.
step "replay the Dockerfile's build stage in an empty context"
context=$work/context
mkdir -p "$context"
awk '/^FROM .* AS build/{b=1;next} /^FROM /{b=0} b && /^(COPY|RUN) /' Dockerfile | while read -r instruction rest; do
  case $instruction in
    COPY)
      read -ra parts <<<"$rest"
      destination=$context/${parts[-1]}
      mkdir -p "$destination"
      for source in "${parts[@]:0:${#parts[@]}-1}"; do
        if [ -d "$root/$source" ]; then
          tar -C "$root/$source" --exclude=./bin --exclude=./obj --exclude='*/bin' --exclude='*/obj' -cf - . | tar -C "$destination" -xf -
        else
          cp "$root/$source" "$destination/"
        fi
      done ;;
    RUN)
      (cd "$context" && eval "${rest//\/app/$work/app}") >&2 ;;
  esac
done
[ -f "$work/app/Compliance.Api.dll" ] || { echo "FAILED: the build stage produced no Compliance.Api.dll" >&2; exit 1; }

step "durable PostgreSQL on port $port, roles from deploy/postgres/init-roles.sh"
mkdir -p "$work/pg" && chown postgres "$work/pg"
printf '%s\n' "$owner_password" > "$work/pwfile" && chown postgres "$work/pwfile"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U compliance_owner --pwfile="$work/pwfile" -A scram-sha-256 >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on" start >/dev/null
export PGHOST=127.0.0.1 PGPORT=$port PGPASSWORD=$owner_password
psql -q -U compliance_owner -d postgres -c "CREATE DATABASE compliance" >/dev/null
POSTGRES_USER=compliance_owner POSTGRES_DB=compliance COMPLIANCE_API_PASSWORD=$api_password bash deploy/postgres/init-roles.sh >/dev/null

mkdir -p "$work/keys" && chown "$app_uid:$app_uid" "$work/keys" && chmod 700 "$work/keys"

# As in the container: uid 1654, everything read-only but a fresh /tmp and the key directory, no HOME.
contained() {
  unshare --mount --fork -- sh -c '
    set -e
    r=$1; shift; keys=$1; shift
    mkdir -p "$r"
    mount --rbind / "$r"
    mount -o remount,bind,ro "$r"
    mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
    mkdir -p "$r/tmp/keys"
    mount --bind "$keys" "$r/tmp/keys"
    exec chroot "$r" setpriv --reuid '"$app_uid"' --regid '"$app_uid"' --clear-groups --no-new-privs \
      env -i PATH=/usr/bin:/bin HOME=/nonexistent "$@"
  ' contained "$work/root" "$work/keys" "$@"
}
common=(Database__StartLocalWhenUnconfigured=false Vault__KeyDirectory=/tmp/keys ASPNETCORE_ENVIRONMENT=Production)

step "migrate as compliance_owner"
contained "${common[@]}" "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$port;Database=compliance;Username=compliance_owner;Password=$owner_password" \
  sh -c "cd $work/app && exec /usr/share/dotnet/dotnet Compliance.Api.dll migrate" >&2

step "serve as compliance_api on 127.0.0.1:$api_port"
contained "${common[@]}" Database__MigrateOnStart=false "Urls=http://127.0.0.1:$api_port" \
  "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$port;Database=compliance;Username=compliance_api;Password=$api_password" \
  sh -c "cd $work/app && exec /usr/share/dotnet/dotnet Compliance.Api.dll serve" > "$work/service.out" 2>&1 &
service_pid=$!
base=http://127.0.0.1:$api_port
for _ in $(seq 1 120); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.out" >&2; echo "FAILED: the service exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$base/health/ready" >/dev/null || { cat "$work/service.out" >&2; echo "FAILED: not ready" >&2; exit 1; }
admin=$(sed -n 's/^Bootstrap admin API key (shown once, store it now): //p' "$work/service.out")
[ -n "$admin" ] || { cat "$work/service.out" >&2; echo "FAILED: no bootstrap admin key printed" >&2; exit 1; }

step "drive it: API key, customer, check, metrics"
auth=(-H "Authorization: Bearer $admin" -H 'Content-Type: application/json')
writer=$(curl -fsS "${auth[@]}" -d '{"name":"contract","roles":["checks:write"]}' "$base/v1/admin/api-keys" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
wauth=(-H "Authorization: Bearer $writer" -H 'Content-Type: application/json')
curl -fsS "${wauth[@]}" -d '{"id":"contract-1","fullName":"Ada Contract","country":"GB","riskRating":"low"}' "$base/v1/customers" >/dev/null
decision=$(curl -fsS "${wauth[@]}" -d '{"transactionId":"contract-tx-1","customerId":"contract-1","type":"transfer","direction":"outbound","amount":25.00,"currency":"GBP","channel":"online","counterparty":{"name":"Payee Ltd","country":"GB","account":"GB33BUKB20201555555555"}}' "$base/v1/checks")
echo "$decision" | grep -Eq '"decision":"(allow|review|block)"' || { echo "FAILED: unexpected check answer: $decision" >&2; exit 1; }
metrics=$(curl -fsS -H "Authorization: Bearer $admin" "$base/metrics")
grep -q '^compliance_checks_decisions_total' <<<"$metrics" || { echo "FAILED: metrics scrape" >&2; exit 1; }
[ -s "$work/keys/blind-index-root.key" ] || { echo "FAILED: no key generated in the key directory" >&2; exit 1; }

# Stop as `docker stop` does (SIGTERM), and expect a clean exit within compose's grace period.
kill -TERM $(service_process)
wait "$service_pid" || { echo "FAILED: the service did not exit cleanly on SIGTERM" >&2; exit 1; }
service_pid=""
if grep -E -i "read-only file system|permission denied|unhandled" "$work/service.out" >&2; then
  echo "FAILED: the service tried to write outside /tmp and the key directory, or failed" >&2; exit 1
fi
echo "OK: migrated as compliance_owner; served as compliance_api, uid $app_uid, read-only root, writes only to /tmp and the key directory; ready; check answered $(grep -o '"decision":"[a-z]*"' <<<"$decision"); metrics scraped; stopped cleanly on SIGTERM"
