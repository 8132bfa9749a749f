#!/usr/bin/env bash
# exp.sh NAME [ENV=VAL ...]: restart the service with the env, seed, warm up, measure CPU/check at 300/s, then saturation c32
cd /tmp/lt-inv
name=$1; shift
[ -f api.pid ] && kill -TERM $(cat api.pid) 2>/dev/null; sleep 3
env "$@" DOTNET_EnableWriteXorExecute=0 ./start.sh 28555 > /dev/null
export COMPLIANCE_LOAD_API_KEY=$(cat key.txt)
LT="dotnet /work/wt-load/bench/Compliance.LoadTest/bin/Release/net10.0/Compliance.LoadTest.dll --url http://127.0.0.1:28555 --target checks --customers 3000"
$LT --seed-customers 3000 --rate 300 --duration 10 --warmup 0 > /dev/null
echo "== $name ($*)"
./measure.sh --target checks --rate 300 --duration 30 --warmup 0 | grep -E "latency|api cpu|^load"
pgp=$(cat pgport.txt)
( for i in $(seq 10); do sleep 2; psql -h 127.0.0.1 -p $pgp -U postgres -Atc "select coalesce(wait_event_type,'CPU'), coalesce(wait_event,'-'), state, count(*) from pg_stat_activity where backend_type='client backend' and pid<>pg_backend_pid() group by 1,2,3 order by 4 desc" ; done > waits-$name.txt ) &
./measure.sh --target checks --saturate --concurrency 32 --duration 30 --warmup 5 | grep -E "achieved|api cpu|^load"
wait
sort waits-$name.txt | awk -F'|' '{s[$1"|"$2"|"$3]+=$4} END {for (k in s) print s[k], k}' | sort -rn | head -8
