#!/usr/bin/env bash
# Runs the service on http://127.0.0.1:8080 (override with --urls). With no ConnectionStrings__Postgres
# or DATABASE_URL set, it starts a local PostgreSQL under .data/ and stops it again on Ctrl-C.
# Extra arguments go to the service, e.g. ./run.sh --urls http://127.0.0.1:9000
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

if [ -z "${ConnectionStrings__Postgres:-}${DATABASE_URL:-}" ]; then
  scripts/ensure-postgres.sh
fi

dotnet build src/Compliance.Api/Compliance.Api.csproj -c Release -nologo -v q -clp:NoSummary
exec dotnet src/Compliance.Api/bin/Release/net10.0/Compliance.Api.dll serve "$@"
