#!/usr/bin/env bash
# The whole test suite: types, unit and integration tests (Vitest, real PostgreSQL),
# then the browser tests (Playwright in Chromium against a production build), then the
# fault suite (test/faults: the app killed, Redis and PostgreSQL stopped, a reconnect storm).
# Needs no DATABASE_URL: an embedded PostgreSQL is started when none is given.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

[ -d node_modules ] || npm install --no-audit --no-fund
# A machine whose /tmp this user cannot write: temporary files go under .data/ instead.
if [ -z "${TMPDIR:-}" ] && ! [ -w /tmp ]; then
  export TMPDIR="$PWD/.data/tmp"
  mkdir -p "$TMPDIR"
fi
tmp="${TMPDIR:-/tmp}"
node scripts/prisma-generate.mjs > /dev/null

# Tests that need Redis get their own throwaway server when REDIS_URL is unset.
redis_pid=""
cleanup() { [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true; }
trap cleanup EXIT
if [ -z "${REDIS_URL:-}" ]; then
  redis_bin="$(bash scripts/ensure-redis.sh)"
  if [ -n "$redis_bin" ]; then
    redis_port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    "$redis_bin" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --loglevel warning > "$tmp/studyarena-test-redis.log" 2>&1 &
    redis_pid=$!
    export REDIS_URL="redis://127.0.0.1:$redis_port"
    echo "started redis-server for the tests on 127.0.0.1:$redis_port"
  else
    echo "no redis-server here and it could not be installed: the Redis tests will show as skipped"
  fi
fi

step "typecheck"
npx tsc --noEmit

step "unit and integration tests"
NODE_OPTIONS="--require ./test/node-polyfills.cjs ${NODE_OPTIONS:-}" npx vitest run

step "production build"
npx next build > "$tmp/studyarena-build.log" 2>&1 || { cat "$tmp/studyarena-build.log"; exit 1; }
tail -n 5 "$tmp/studyarena-build.log"

step "browser tests"
chromium_path="$(bash scripts/ensure-chromium.sh)"
if [ -z "$chromium_path" ]; then
  echo "SKIPPED browser tests and the fault suite: no Chromium here and it could not be installed (needs apt-get as root). Install Debian's chromium package or set CHROMIUM_PATH."
else
  CHROMIUM_PATH="$chromium_path" npx playwright test
  # Kills, outages and restarts against real app processes on loopback (test/faults).
  step "fault suite"
  CHROMIUM_PATH="$chromium_path" NODE_OPTIONS="--require ./test/node-polyfills.cjs ${NODE_OPTIONS:-}" npm run --silent test:faults
fi

step "done"
