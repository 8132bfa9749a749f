#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed: the console's browser tests drive it with Playwright
# (no browser download). Installs it with apt-get when run as root; otherwise says what to install.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "Chromium is missing (browser tests need it); installing it with apt-get..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  echo "Chromium installed." >&2
else
  echo "Chromium is missing (browser tests need it). Install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
