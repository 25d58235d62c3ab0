#!/usr/bin/env bash
# Measures the WhatsApp webhook end to end against a running Omnicase (default run): signature check, parse, case
# intake (customer, case, stored message, events) until the 200. Prints throughput and latency percentiles.
# Usage: bench/channels-webhooks.sh [base-url] [messages] [parallel]   (defaults: http://localhost:8080 400 4)
set -euo pipefail
BASE=${1:-http://localhost:8080}
N=${2:-400}
P=${3:-4}
SECRET=${WHATSAPP_APP_SECRET:-demo-whatsapp-app-secret}
RUN=$(date +%s%N)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

one() {
  local i=$1
  # A new customer every 4 messages, so intake both opens cases and adds to them.
  local phone="4917$(( 10000000 + (RUN / 1000 % 80000000) + i / 4 ))"
  local body="{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\"100000000000001\"},\"contacts\":[{\"profile\":{\"name\":\"Bench\"},\"wa_id\":\"$phone\"}],\"messages\":[{\"from\":\"$phone\",\"id\":\"wamid.bench.$RUN.$i\",\"timestamp\":\"1732550000\",\"type\":\"text\",\"text\":{\"body\":\"Benchmark message $i about my order\"}}]}}]}]}"
  local sig="sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/.* //')"
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
       -H "X-Hub-Signature-256: $sig" -d "$body" "$BASE/api/webhooks/whatsapp"
}
export -f one
export RUN SECRET BASE

start=$(date +%s%N)
seq 1 "$N" | xargs -P "$P" -I{} bash -c 'one {}' > "$WORK/results"
end=$(date +%s%N)

ok=$(grep -c '^200 ' "$WORK/results" || true)
seconds=$(echo "scale=3; ($end - $start) / 1000000000" | bc)
echo "messages: $N, parallel: $P, answered 200: $ok, wall time: ${seconds}s, cores: $(nproc)"
echo "throughput: $(echo "scale=1; $N / $seconds" | bc) messages/s"
sort -n -k2 "$WORK/results" | awk '{t[NR]=$2} END {printf "latency p50: %.1f ms, p95: %.1f ms, p99: %.1f ms\n", t[int(NR*0.5)]*1000, t[int(NR*0.95)]*1000, t[int(NR*0.99)]*1000}'
