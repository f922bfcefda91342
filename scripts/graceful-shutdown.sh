#!/usr/bin/env bash
# Graceful shutdown (README "Performance and crash safety"): claims from several concurrent
# clients, SIGTERM in the middle of them. Checks that
#  1. readiness (management port) reports DOWN before the process exits, while the API still answers;
#  2. every request is answered (200 with its decisionId, or 503) or refused at connect once the port
#     is closed: none is cut off mid-flight (reset, empty reply, timeout) and none gets another status.
#     One limit of Quarkus 3.33 is reported, not failed (STRICT=1 fails it too): its graceful shutdown
#     waits for the requests whose handling has started ("All HTTP requests complete") and then closes
#     the HTTP server; a request already on an accepted connection but not yet read by a busy event
#     loop is not waited for, and when the server closes its connection ends without an answer (it may
#     have been decided and recorded: look it up). Such requests, ended after that log line, are counted
#     apart as "cut after the drain"; one cut before it fails the check;
#  3. after a restart, the decision of every 200 is in the audit trail (GET /api/v1/decisions/{id});
#  4. the audit chain verifies.
# Usage: scripts/graceful-shutdown.sh   (embedded H2 in target/graceful-shutdown; needs a packaged jar:
# ./mvnw -DskipTests package) — CLIENTS=8 TERM_AFTER=300 SHUTDOWN_DELAY=3s PORT MANAGEMENT_PORT change it.
# Traffic goes to 127.0.0.1 only and is bounded (MAX_PER_CLIENT requests a client, 2 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18085}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19085}
CLIENTS=${CLIENTS:-8}
TERM_AFTER=${TERM_AFTER:-300}
MAX_PER_CLIENT=${MAX_PER_CLIENT:-1000}
SHUTDOWN_DELAY=${SHUTDOWN_DELAY:-3s}
WORK=target/graceful-shutdown
RUN=$(date +%s)-$$
AUTH="graceful:graceful-$RUN"
BODY=src/test/resources/worked-example.json
rm -rf "$WORK" && mkdir -p "$WORK"

start() {
    java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
         -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" \
         -Dquarkus.shutdown.delay="$SHUTDOWN_DELAY" -Daudit.h2-file="./$WORK/decisions" -Daudit.checkpoint.file="./$WORK/audit-checkpoints.log" \
         -Dsecurity.initial-users="graceful:caller+auditor:graceful-$RUN" -Dsecurity.bcrypt-cost=4 \
         -Daudit.person-id-key=graceful-shutdown -Daudit.chain-id=graceful -jar target/quarkus-app/quarkus-run.jar >> "$WORK/service.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 240); do
        curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" > /dev/null && return 0
        sleep 0.5
    done
    echo "FAIL: the service did not become ready (see $WORK/service.log)"; exit 1
}
now() { date +%s%N; }

# One client: claims one after another, a connection each, until the port refuses it three times.
# A line per request: started ended curl-exit-code http-status decisionId.
client() {
    local out="$WORK/requests.$1" body="$WORK/body.$1" refused=0 rc code started id
    for _ in $(seq 1 "$MAX_PER_CLIENT"); do
        rm -f "$body"
        started=$(now)
        rc=0
        code=$(curl -s -o "$body" -w '%{http_code}' --max-time 60 -u "$AUTH" -H 'content-type: application/json' \
               --data-binary @"$BODY" "http://127.0.0.1:$PORT/api/v1/decisions/claim") || rc=$?
        id=$( (grep -o '"decisionId":"[0-9a-f-]*"' "$body" 2>/dev/null || true) | head -1 | cut -d'"' -f4)
        echo "$started $(now) $rc $code ${id:--}" >> "$out"
        if [ "$rc" -eq 7 ]; then
            refused=$((refused + 1))
            [ "$refused" -ge 3 ] && return 0
            sleep 0.2
        fi
    done
}
# Readiness every 100 ms until the port refuses: time, curl exit code, status.
poll_readiness() {
    local refused=0 rc code
    for _ in $(seq 1 1200); do
        rc=0
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready") || rc=$?
        echo "$(now) $rc $code" >> "$WORK/readiness.txt"
        if [ "$rc" -eq 7 ]; then refused=$((refused + 1)); [ "$refused" -ge 3 ] && return 0; fi
        sleep 0.1
    done
}
answered() { cat "$WORK"/requests.* 2>/dev/null | awk '$3 == 0 && $4 == 200' | wc -l; }

start
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT   # under set -e, wait's 143 must not become the script's status
poll_readiness &
POLLER=$!
CLIENT_PIDS=()
for n in $(seq 1 "$CLIENTS"); do client "$n" & CLIENT_PIDS+=($!); done
for _ in $(seq 1 1200); do
    [ "$(answered)" -ge "$TERM_AFTER" ] && break
    sleep 0.1
done
TERM_AT=$(now)
kill -TERM "$PID"
echo "SIGTERM after $(answered) answers, while $CLIENTS clients were deciding"
EXIT_CODE=0
wait "$PID" || EXIT_CODE=$?
EXITED_AT=$(now)
echo "the service exited with code $EXIT_CODE, $(( (EXITED_AT - TERM_AT) / 1000000 )) ms after SIGTERM"
wait "${CLIENT_PIDS[@]}" || true
wait "$POLLER" || true
cat "$WORK"/requests.* > "$WORK/requests.txt"
awk '$3 == 0 && $4 == 200 {print $5}' "$WORK/requests.txt" > "$WORK/answered.txt"

start
curl -sf -u "$AUTH" "http://127.0.0.1:$PORT/api/v1/audit/verify" > "$WORK/verify.json" || echo '{"ok":"unreachable"}' > "$WORK/verify.json"
python3 - "$WORK" "$TERM_AT" "$EXITED_AT" "$PORT" "$AUTH" <<'PY'
import base64, datetime, http.client, json, os, sys
work, term_at, exited_at, port, auth = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
ms = lambda nanos: nanos / 1e6
requests = [line.split() for line in open(f"{work}/requests.txt")]
ok = [r for r in requests if r[2] == "0" and r[3] == "200" and r[4] != "-"]
busy = [r for r in requests if r[2] == "0" and r[3] == "503"]
refused = [r for r in requests if r[2] == "7"]
# The first run's log, up to its stop: when Quarkus found no request in flight any more.
first_run = open(f"{work}/service.log", encoding="utf-8", errors="replace").read().split("stopped in", 1)[0].splitlines()
logged_at = lambda line: int(datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp() * 1e9)
drained = [logged_at(line) for line in first_run if "All HTTP requests complete" in line]
drained_at = drained[-1] if drained else None
others = [r for r in requests if r not in ok and r not in busy and r not in refused]
after_drain = [r for r in others if r[2] in ("52", "56") and drained_at is not None and int(r[1]) >= drained_at]
cut = [r for r in others if r not in after_drain]
strict = os.environ.get("STRICT") == "1"
after_term = [r for r in ok if int(r[0]) >= term_at]
readiness = [line.split() for line in open(f"{work}/readiness.txt")]
down = [int(t) for t, rc, code in readiness if rc == "0" and code == "503" and int(t) >= term_at]
up_after_term = [int(t) for t, rc, code in readiness if rc == "0" and code == "200" and int(t) >= term_at]
first_down = min(down) if down else None
answered_while_down = [r for r in ok if first_down is not None and int(r[1]) > first_down]

print(f"requests: {len(requests)}; answered 200: {len(ok)} ({len(after_term)} sent after SIGTERM, "
      f"{len(answered_while_down)} answered after readiness went DOWN); 503: {len(busy)}; refused at connect: {len(refused)}; "
      f"cut after the drain (Quarkus closing, not waited for): {len(after_drain)}; cut off before it or other: {len(cut)}")
for r in (cut + after_drain)[:10]:
    print(f"  {'cut after the drain' if r in after_drain else 'cut off or other'}: curl exit code {r[2]}, status {r[3]}")
if first_down is None:
    print("readiness never reported DOWN between SIGTERM and exit")
else:
    print(f"readiness: UP for {ms(max(up_after_term) - term_at) if up_after_term else 0:.0f} ms after SIGTERM, "
          f"DOWN {ms(first_down - term_at):.0f} ms after SIGTERM, {ms(exited_at - first_down):.0f} ms before the process exited")

connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
header = {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()}
missing = []
for decision_id in {r[4] for r in ok}:
    connection.request("GET", f"/api/v1/decisions/{decision_id}", headers=header)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200 or json.loads(body).get("decisionId") != decision_id:
        missing.append(decision_id)
print(f"answered 200: {len(ok)}; in the audit trail after restart: {len(ok) - len(missing)}; missing: {len(missing)}")
verify = json.load(open(f"{work}/verify.json"))
print(f"verify after restart: {json.dumps(verify)} (checked counts the decisions recorded, answered or not)")

checks = {
    "readiness DOWN before exit": first_down is not None and first_down < exited_at,
    "no request cut off" + (" (strict)" if strict else " before the drain"): not cut and len(ok) > 0 and not (strict and after_drain),
    "every 200 recorded": not missing,
    "the chain verifies": verify.get("ok") is True,
}
for name, passed in checks.items():
    print(f"  {'ok  ' if passed else 'FAIL'} {name}")
failed = sum(1 for passed in checks.values() if not passed)
print(f"graceful shutdown: {len(checks) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
