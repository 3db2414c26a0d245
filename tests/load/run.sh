#!/usr/bin/env bash
# Load test of `ringfence serve` on loopback with wrk: a book of N isolated positions (default 10^5, seeded through
# `ringfence host`), then requests/s and latency percentiles for a position read, an estimate, a margin change and a
# trade. Bounded in time: DURATION seconds per run (default 10). Results: docs/performance.md, "The service".
#   bash tests/load/run.sh [POSITIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
positions=${1:-100000}
duration=${DURATION:-10}
connections=${CONNECTIONS:-32}
command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build -c Release "$root/src/Ringfence.Cli" -v q -nologo > /dev/null
ringfence=(dotnet "$root/src/Ringfence.Cli/bin/Release/net10.0/ringfence.dll")
python3 "$here/seed.py" "$positions" > "$work/seed.jsonl"
"${ringfence[@]}" host --db "$work/load.db" --max-batch 4096 < "$work/seed.jsonl" > /dev/null
# The trader key's rate limit (1,200 a minute) would answer most requests 429: the load test lifts it.
Ringfence__TraderRequestsPerMinute=100000000 "${ringfence[@]}" serve --db "$work/load.db" --urls http://127.0.0.1:5088 > "$work/serve.log" 2>&1 &
server=$!
until curl -sf http://127.0.0.1:5088/readyz > /dev/null; do sleep 0.5; done
export TRADER_KEY VENUE_KEY
TRADER_KEY=$("${ringfence[@]}" keys create --db "$work/load.db" --role trader --account t0 2>/dev/null)
VENUE_KEY=$("${ringfence[@]}" keys create --db "$work/load.db" --role venue 2>/dev/null)
sleep 3 # the server reloads keys every 2 s
# Each request once first: every run below must be all 2xx.
curl -sf -H "X-Api-Key: $TRADER_KEY" http://127.0.0.1:5088/v1/positions/t0~BTCUSDT~isolated > /dev/null
curl -sf -H "X-Api-Key: $VENUE_KEY" -d '{"symbol":"BTCUSDT","price":"20000","quantity":"0.001","buyer":{"account":"carol","scope":"cross","leverage":"2"},"seller":{"account":"mm","scope":"cross","leverage":"2"}}' http://127.0.0.1:5088/v1/trades > /dev/null
for script in read estimate margin trade; do
  echo "== $script ($positions positions, $connections connections, ${duration}s)"
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$here/$script.lua" http://127.0.0.1:5088 | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
done
