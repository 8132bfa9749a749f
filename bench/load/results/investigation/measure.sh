#!/usr/bin/env bash
# measure.sh ARGS...: runs the load tool with ARGS, prints CPU ms per request for api and pg over the whole run
cd /tmp/lt-inv
export COMPLIANCE_LOAD_API_KEY=$(cat key.txt)
read a0 p0 < <(./cpu.sh)
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
out=$(dotnet /work/wt-load/bench/Compliance.LoadTest/bin/Release/net10.0/Compliance.LoadTest.dll --url http://127.0.0.1:28555 --customers 3000 "$@")
read a1 p1 < <(./cpu.sh)
echo "$out" | grep -v '^Running'
# requests incl. warm-up are unknown to us here; use the RESULT count scaled by (warmup+duration)/duration given as env W
n=$(echo "$out" | awk -F'\t' '/^RESULT/ {print $5}')
echo "api cpu s $(( (a1-a0) )) /100, pg cpu s $(( (p1-p0) ))/100 ; measured requests $n; load $(cut -d' ' -f1-3 /proc/loadavg)"
