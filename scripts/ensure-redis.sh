#!/usr/bin/env bash
# Prints the path of a redis-server binary, installing Debian's package when it is
# missing and the machine allows; prints nothing when impossible.
set -u
if command -v redis-server >/dev/null 2>&1; then command -v redis-server; exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's redis-server package…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2 || true
fi
command -v redis-server 2>/dev/null || true
