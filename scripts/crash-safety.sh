#!/usr/bin/env bash
# Crash safety (README "Performance and crash safety"): decisions from several concurrent
# clients, kill -9 in the middle, restart; every decision answered 200 must be in the audit
# trail with its full record, and the chain must verify.
# Usage: scripts/crash-safety.sh [--pg]   (H2 by default; --pg uses 127.0.0.1:5432/test)
# Needs a packaged jar of the same database kind (./mvnw -DskipTests package [-Dquarkus.profile=pg]).
# Traffic goes to 127.0.0.1 only and is bounded (MAX requests).
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=prod
if [ "${1:-}" = "--pg" ]; then PROFILE=pg; fi
PORT=${PORT:-18095}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19095}   # health and metrics (quarkus.management.port)
MAX=${MAX:-4000}
KILL_AFTER=${KILL_AFTER:-2000}
THREADS=${THREADS:-8}
WORK=target/crash-safety-$PROFILE
RUN=$(date +%s)-$$
AUTH="crash:crash-$RUN"
rm -rf "$WORK" && mkdir -p "$WORK"

# The signing key of the test suite and two-instances.sh: on PostgreSQL the database holds their
# checkpoints too, and verify must know the key that signed them.
start() {
    java -Dquarkus.profile="$PROFILE" -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$MANAGEMENT_PORT" \
         -Daudit.h2-file="./$WORK/decisions" -Daudit.checkpoint.file="./$WORK/audit-checkpoints.log" \
         -Daudit.signing-key-file=target/test-data/checkpoint-signing.key \
         -Dsecurity.initial-users="crash:caller+auditor:crash-$RUN" -Dsecurity.bcrypt-cost=4 -Daudit.person-id-key=crash-safety \
         -Daudit.chain-id="crash-$PROFILE" -jar target/quarkus-app/quarkus-run.jar >> "$WORK/service.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" > /dev/null && return 0
        sleep 0.5
    done
    echo "the service did not become ready"; exit 1
}

start
SINCE=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
java bench/CrashClient.java "http://127.0.0.1:$PORT" "$AUTH" src/test/resources/worked-example.json "$THREADS" "$MAX" "$WORK/answered.txt" "crash-$RUN" > "$WORK/client.txt" 2>&1 &
CLIENT=$!
# Kill it in the middle: once KILL_AFTER decisions have been answered (or after 60 s), clients still sending.
answered() { if [ -f "$WORK/answered.txt" ]; then wc -l < "$WORK/answered.txt"; else echo 0; fi; }
for _ in $(seq 1 600); do
    [ "$(answered)" -ge "$KILL_AFTER" ] && break
    sleep 0.1
done
kill -9 "$PID"
echo "killed the service (kill -9) after $(answered) answers, while $THREADS clients were deciding"
wait "$CLIENT" || true
ANSWERED=$(wc -l < "$WORK/answered.txt")
[ "$ANSWERED" -gt 0 ] || { echo "FAIL: no decision was answered before the kill"; exit 1; }

start
trap 'kill $PID 2>/dev/null || true' EXIT
curl -sf -u "$AUTH" "http://127.0.0.1:$PORT/api/v1/decisions/export?format=jsonl&from=$SINCE" > "$WORK/recorded.jsonl"
python3 - "$WORK/answered.txt" "$WORK/recorded.jsonl" <<'PY'
import json, sys
answered = set(open(sys.argv[1]).read().split())
records = {}
for line in open(sys.argv[2]):
    record = json.loads(line)
    records[record['decisionId']] = record
missing = answered - records.keys()
incomplete = [i for i in answered & records.keys()
              if not records[i]['response'].get('firedRules') or not records[i]['request'] or not records[i]['recordHash']]
print(f"answered 200 before the kill: {len(answered)}; recorded: {len(records)}; missing: {len(missing)}; incomplete: {len(incomplete)}")
sys.exit(1 if missing or incomplete else 0)
PY
# A client that lost its answer in the crash sends the same request with the same Idempotency-Key
# again: a decision recorded before the kill is answered as recorded (Idempotent-Replayed), never
# decided twice; one that was not recorded is decided now.
python3 - "$WORK/answered.txt.lost" "$WORK/recorded.jsonl" "http://127.0.0.1:$PORT" "$AUTH" src/test/resources/worked-example.json <<'PY'
import base64, json, sys, urllib.request
lost = open(sys.argv[1]).read().split()
recorded = {json.loads(line)['decisionId'] for line in open(sys.argv[2])}
url, auth, body = sys.argv[3] + "/api/v1/decisions/claim", base64.b64encode(sys.argv[4].encode()).decode(), open(sys.argv[5], 'rb').read()
replayed = new = wrong = 0
for key in lost[:500]:
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": "Basic " + auth, "Idempotency-Key": key})
    with urllib.request.urlopen(request, timeout=30) as response:
        decision = json.load(response)["decisionId"]
        if response.headers.get("Idempotent-Replayed") == "true":
            replayed += 1
            wrong += decision not in recorded
        else:
            new += 1
            wrong += decision in recorded
print(f"retried with their keys: {min(len(lost), 500)}; answered as recorded before the kill: {replayed}; decided anew: {new}; wrong: {wrong}")
sys.exit(1 if wrong else 0)
PY
VERIFY=$(curl -sf -u "$AUTH" "http://127.0.0.1:$PORT/api/v1/audit/verify")
echo "verify after restart: $VERIFY"
echo "$VERIFY" | grep -q '"ok":true' || { echo "FAIL: the audit chain does not verify after the crash"; exit 1; }
echo "crash safety ($PROFILE): 1 passed, 0 failed"
