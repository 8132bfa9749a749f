#!/usr/bin/env bash
# Runs every test. The tests start their own throwaway PostgreSQL cluster (or use the server in
# COMPLIANCE_TEST_DATABASE); this script only makes sure the server binaries and Debian's Chromium
# (for the console's browser tests) are installed.
# Extra arguments go to dotnet test, e.g. ./test.sh --filter FullyQualifiedName~Migration
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${COMPLIANCE_TEST_DATABASE:-}" ]; then
  scripts/ensure-postgres.sh
fi
scripts/ensure-chromium.sh

dotnet test Compliance.sln -nologo "$@"
