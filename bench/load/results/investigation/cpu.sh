#!/usr/bin/env bash
# prints "api_ticks pg_ticks" (clock ticks, 100/s) for the service and its PostgreSQL cluster
api=$(cat /tmp/lt-inv/api.pid)
pm=$(head -1 /tmp/lt-inv/data/postmaster.pid)
t() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null || echo 0; }
a=$(t $api)
p=$(( $(t $pm) + $(awk "{print \$16+\$17}" /proc/$pm/stat) )); for c in $(pgrep -P $pm); do p=$((p + $(t $c))); done
echo "$a $p"
