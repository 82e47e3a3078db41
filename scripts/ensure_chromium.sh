#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work offline).
# Installs it when missing and we are root; otherwise says how, and the browser tests skip
# unless JIYUE_REQUIRE_BROWSER=1 (set by CI), where a missing browser fails the run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is not installed: run 'sudo apt-get install -y chromium' to enable browser tests." >&2
if [ "${JIYUE_REQUIRE_BROWSER:-0}" = "1" ]; then
  exit 1
fi
