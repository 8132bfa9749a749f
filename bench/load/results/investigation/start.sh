#!/usr/bin/env bash
# usage: start.sh PORT [extra env assignments via env]
cd /tmp/lt-inv
rm -rf data keys; mkdir -p data keys
ADMIN=adminkey-$RANDOM$RANDOM
echo "$ADMIN" > admin.txt
COMPLIANCE_BOOTSTRAP_ADMIN_KEY=$ADMIN Database__LocalDataDirectory=/tmp/lt-inv/data Vault__KeyDirectory=/tmp/lt-inv/keys DOTNET_PerfMapEnabled=1 \
  nohup dotnet /work/wt-load/src/Compliance.Api/bin/Release/net10.0/Compliance.Api.dll serve --urls http://127.0.0.1:$1 --Logging:LogLevel:Default=Warning --Logging:LogLevel:Compliance.Api.Storage=Information > api.log 2>&1 &
echo $! > api.pid
for i in $(seq 60); do curl -sf http://127.0.0.1:$1/health/live >/dev/null && break; sleep 0.5; done
grep -o 'on port [0-9]*' api.log | grep -o '[0-9]*' > pgport.txt
curl -sf -X POST http://127.0.0.1:$1/v1/admin/api-keys -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{"name":"load","roles":["checks:write"],"rateLimitPerSecond":1000000}' | jq -r .key > key.txt
echo "pid $(cat api.pid) pg $(cat pgport.txt) key $(wc -c < key.txt)"
