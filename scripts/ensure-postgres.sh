#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries are installed (the service and the tests start their
# own throwaway cluster from them). Installs them with apt-get when run as root; otherwise says
# exactly what to install.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null \
   && id postgres >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "PostgreSQL server binaries are missing; installing them with apt-get..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  echo "PostgreSQL installed." >&2
else
  echo "PostgreSQL server binaries are missing. Install them with: sudo apt-get install -y postgresql" >&2
  exit 1
fi
