#!/usr/bin/env bash
# Two instances of the service on one PostgreSQL (README "Scaling out"):
#  1. both decide concurrently, and every answered decision is recorded exactly once;
#  2. the audit chains (one per instance) verify;
#  3. a ruleset activated on one instance is live on the other within seconds.
# Needs a jar built with the pg profile (./mvnw -DskipTests package -Dquarkus.profile=pg),
# PostgreSQL on 127.0.0.1:5432 (database test, user postgres) and curl, python3.
# Traffic goes to 127.0.0.1 only and is bounded: REQUESTS per instance.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-150}
PORT_A=${PORT_A:-18081}
PORT_B=${PORT_B:-18082}
RUN=$(date +%s)-$$
CLAIM_ID="two-instances-$RUN"
WORK=target/two-instances
USERS="tester:caller+analyst+auditor:two-instances-$RUN"
AUTH="tester:two-instances-$RUN"
mkdir -p "$WORK"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

start() {  # name port (its management interface, with /q/health, on port + 1000)
    java -Dquarkus.profile=pg -Dquarkus.http.port="$2" -Dquarkus.management.port=$(($2 + 1000)) -Daudit.chain-id="$1" -Drules.sync-interval=1s \
         -Dsecurity.initial-users="$USERS" -Dsecurity.bcrypt-cost=4 -Daudit.person-id-key=two-instances \
         -jar target/quarkus-app/quarkus-run.jar > "$WORK/$1.log" 2>&1 &
    echo $!
}
ready() {  # port
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$(($1 + 1000))/q/health/ready" > /dev/null && return 0
        sleep 1
    done
    echo "instance on port $1 did not become ready"; return 1
}
claim() {  # port
    sed "s/\"worked-example\"/\"$CLAIM_ID\"/" src/test/resources/worked-example.json |
        curl -s -o /dev/null -w '%{http_code}\n' -u "$AUTH" -H 'content-type: application/json' -d @- "http://127.0.0.1:$1/api/v1/decisions/claim"
}
export -f claim
export CLAIM_ID AUTH

PID_A=$(start node-a "$PORT_A")
ready "$PORT_A"
PID_B=$(start node-b "$PORT_B")
trap 'kill $PID_A $PID_B 2>/dev/null || true' EXIT
ready "$PORT_B"
echo "two instances up: node-a on $PORT_A, node-b on $PORT_B"

# 1. Concurrent decisions on both instances.
( seq "$REQUESTS" | xargs -P 4 -I{} bash -c "claim $PORT_A" > "$WORK/a.codes" ) &
( seq "$REQUESTS" | xargs -P 4 -I{} bash -c "claim $PORT_B" > "$WORK/b.codes" ) &
wait %1 %2 2>/dev/null || wait
OK=$(cat "$WORK/a.codes" "$WORK/b.codes" | grep -c '^200$' || true)
RECORDED=$(curl -sf -u "$AUTH" "http://127.0.0.1:$PORT_B/api/v1/decisions?claimId=$CLAIM_ID&size=1" | json "d['total']")
echo "answered 200: $OK of $((2 * REQUESTS)); recorded: $RECORDED"
[ "$OK" -eq $((2 * REQUESTS)) ] || { echo "FAIL: some decisions were not answered 200"; exit 1; }
[ "$RECORDED" -eq "$OK" ] || { echo "FAIL: recorded $RECORDED decisions for $OK answers"; exit 1; }

# 2. The audit chains verify.
VERIFY=$(curl -sf -u "$AUTH" "http://127.0.0.1:$PORT_A/api/v1/audit/verify")
echo "verify: $VERIFY"
[ "$(echo "$VERIFY" | json "d['ok']")" = "True" ] || { echo "FAIL: the audit chains do not verify"; exit 1; }

# 3. Activate a changed ratio on node-a; node-b follows.
BEFORE=$(curl -sf -u "$AUTH" "http://127.0.0.1:$PORT_B/api/v1/rulesets" | json "[r['version'] for r in d if r['active']][0]")
python3 - "$WORK/draft.json" <<'PY'
import json, sys
dmn = open('rules-dmn/payout.dmn', encoding='utf-8').read().replace('<text>0.93</text>', '<text>0.95</text>')
tests = open('rules-tests/payout.yaml', encoding='utf-8').read().replace(
    'baseRatio: 0.93, ratio: 0.93, payable: 9.77', 'baseRatio: 0.95, ratio: 0.95, payable: 9.98')
json.dump({'files': {'rules-dmn/payout.dmn': dmn, 'rules-tests/payout.yaml': tests}}, open(sys.argv[1], 'w'))
PY
DRAFT=$(curl -sf -u "$AUTH" -H 'content-type: application/json' -d @"$WORK/draft.json" "http://127.0.0.1:$PORT_A/api/v1/rulesets/drafts" | json "d['version']")
curl -sf -u "$AUTH" -X POST "http://127.0.0.1:$PORT_A/api/v1/rulesets/$DRAFT/activate" > /dev/null
START=$(date +%s%N)
FOLLOWED=""
for _ in $(seq 1 300); do
    NOW=$(curl -sf -u "$AUTH" "http://127.0.0.1:$PORT_B/api/v1/rulesets" | json "[r['version'] for r in d if r['active']][0]")
    if [ "$NOW" = "$DRAFT" ]; then FOLLOWED=yes; break; fi
    sleep 0.1
done
ELAPSED_MS=$(( ($(date +%s%N) - START) / 1000000 ))
curl -sf -u "$AUTH" -X POST "http://127.0.0.1:$PORT_A/api/v1/rulesets/$BEFORE/activate" > /dev/null
[ -n "$FOLLOWED" ] || { echo "FAIL: node-b did not pick up the activation on node-a within 30 s"; exit 1; }
echo "node-b picked up the version activated on node-a in ${ELAPSED_MS} ms"
echo "two instances: 3 passed, 0 failed"
