#!/usr/bin/env bash
# The static-serving tests and `make bench` run Debian's nginx (and wrk for the benchmark).
# Installs them when missing and we are root; otherwise says how, and the nginx tests skip
# unless JIYUE_REQUIRE_BROWSER=1 (set by CI), where missing nginx fails the run.
set -euo pipefail
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
# Serves the .br files of the static tree when present; optional (gzip_static is built in).
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
if [ "${#missing[@]}" = "0" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} for the static-serving tests and benchmark…"
  # The package would start a system nginx on port 80; we only want the binary.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx wrk >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libnginx-mod-http-brotli-static >/dev/null 2>&1 || echo "brotli_static module unavailable; .br files will not be served" >&2
  exit 0
fi
echo "nginx/wrk are not installed: run 'sudo apt-get install -y nginx wrk' to enable the static-serving tests." >&2
if [ "${JIYUE_REQUIRE_BROWSER:-0}" = "1" ]; then
  exit 1
fi
