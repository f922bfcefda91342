#!/usr/bin/env bash
# Two instances of the service on one PostgreSQL (README "Scaling out"):
#  1. both decide concurrently, and every answered decision is recorded exactly once;
#  2. both get the same Idempotency-Keys concurrently, and each key makes one decision, answered to all;
#  3. the audit chains (one per instance) verify;
#  4. a ruleset activated on one instance is live on the other within seconds;
#  5. the policy timeline is one: an entry scheduled on one decides on the other; withdrawn there, it is gone here.
#  6. each chain is a signed log of its own: each instance's checkpoints and a proof of one of its decisions verify offline.
# Needs a jar built with the pg profile (./mvnw -DskipTests package -Dquarkus.profile=pg),
# PostgreSQL on 127.0.0.1:5432 (database test, user postgres; JDBC_URL=jdbc:postgresql://… for another) and curl, python3.
# Traffic goes to 127.0.0.1 only and is bounded: REQUESTS per instance, then KEYS keys × PER_KEY requests.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-150}
KEYS=${KEYS:-20}
PER_KEY=${PER_KEY:-6}
PORT_A=${PORT_A:-18081}
PORT_B=${PORT_B:-18082}
MANAGEMENT_PORT_A=${MANAGEMENT_PORT_A:-19081}   # health and metrics (quarkus.management.port)
MANAGEMENT_PORT_B=${MANAGEMENT_PORT_B:-19082}
RUN=$(date +%s)-$$
CLAIM_ID="two-instances-$RUN"
WORK=target/two-instances
USERS="tester:caller+analyst+auditor:two-instances-$RUN"
AUTH="tester:two-instances-$RUN"
mkdir -p "$WORK"
rm -f "$WORK"/node-?-checkpoints.log   # this run's checkpoints only (its database is not emptied: older links stay, and verify)
# Both instances sign with one key, as production's share AUDIT_SIGNING_KEY: the key the test suite made, so that the
# checkpoints a suite run on the same database left verify too (or node-a makes it).
mkdir -p target/test-data

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

start() {  # name port management-port
    java -Dquarkus.profile=pg ${JDBC_URL:+-Dquarkus.datasource.jdbc.url=$JDBC_URL} -Dquarkus.http.port="$2" -Dquarkus.management.port="$3" -Daudit.chain-id="$1" -Drules.sync-interval=1s \
         -Dsecurity.initial-users="$USERS" -Dsecurity.bcrypt-cost=4 -Daudit.person-id-key=two-instances \
         -Daudit.signing-key-file=target/test-data/checkpoint-signing.key -Daudit.checkpoint.file="$WORK/$1-checkpoints.log" \
         -jar target/quarkus-app/quarkus-run.jar > "$WORK/$1.log" 2>&1 &
    echo $!
}
ready() {  # management port
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$1/q/health/ready" > /dev/null && return 0
        sleep 1
    done
    echo "instance on port $1 did not become ready"; return 1
}
claim() {  # port
    sed "s/\"worked-example\"/\"$CLAIM_ID\"/" src/test/resources/worked-example.json |
        curl -s -o /dev/null -w '%{http_code}\n' -u "$AUTH" -H 'content-type: application/json' -d @- "http://127.0.0.1:$1/api/v1/decisions/claim"
}
keyed() {  # port key-number → "key-number http-code decisionId"
    local out
    out=$(sed "s/\"worked-example\"/\"$CLAIM_ID-key-$2\"/" src/test/resources/worked-example.json |
        curl -s -w '\n%{http_code}' -u "$AUTH" -H 'content-type: application/json' -H "Idempotency-Key: $CLAIM_ID-key-$2" \
             -d @- "http://127.0.0.1:$1/api/v1/decisions/claim")
    echo "$2 ${out##*$'\n'} $(echo "${out%$'\n'*}" | json "d.get('decisionId', '-')" 2>/dev/null || echo -)"
}
export -f claim keyed json
export CLAIM_ID AUTH

PID_A=$(start node-a "$PORT_A" "$MANAGEMENT_PORT_A")
ready "$MANAGEMENT_PORT_A"
PID_B=$(start node-b "$PORT_B" "$MANAGEMENT_PORT_B")
trap 'kill $PID_A $PID_B 2>/dev/null || true' EXIT
ready "$MANAGEMENT_PORT_B"
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

# 2. Concurrent requests with shared keys, half to each instance: one decision per key, answered to every request.
for k in $(seq "$KEYS"); do
    for r in $(seq "$PER_KEY"); do
        if [ $((r % 2)) -eq 0 ]; then echo "$PORT_A $k"; else echo "$PORT_B $k"; fi
    done
done | xargs -P 8 -n 2 bash -c 'keyed "$0" "$1"' > "$WORK/keyed.answers"
python3 - "$WORK/keyed.answers" "$KEYS" "$PER_KEY" <<'PY' || { echo "FAIL: a key made more or fewer than one decision"; exit 1; }
import collections, sys
answers = [line.split() for line in open(sys.argv[1]) if line.strip()]
keys, per_key = int(sys.argv[2]), int(sys.argv[3])
bad = [a for a in answers if a[1] != '200']
ids = collections.defaultdict(set)
for key, code, decision in answers:
    ids[key].add(decision)
split = {k: v for k, v in ids.items() if len(v) != 1}
print(f"keyed: {len(answers)} answers for {keys} keys, {len(bad)} not 200, {len(split)} keys with other than one decision")
sys.exit(1 if bad or split or len(answers) != keys * per_key or len(ids) != keys else 0)
PY
for k in $(seq "$KEYS"); do
    N=$(curl -sf -u "$AUTH" "http://127.0.0.1:$PORT_A/api/v1/decisions?claimId=$CLAIM_ID-key-$k&size=1" | json "d['total']")
    [ "$N" -eq 1 ] || { echo "FAIL: key $k has $N decisions recorded"; exit 1; }
done
echo "each of $KEYS keys sent $PER_KEY times to both instances is one recorded decision"

# 3. The audit chains verify.
VERIFY=$(curl -sf -u "$AUTH" "http://127.0.0.1:$PORT_A/api/v1/audit/verify")
echo "verify: $VERIFY"
[ "$(echo "$VERIFY" | json "d['ok']")" = "True" ] || { echo "FAIL: the audit chains do not verify"; exit 1; }

# 4. Activate a changed ratio on node-a; node-b follows.
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

# 5. One timeline: an entry scheduled on node-a decides on node-b; withdrawn on node-b, it is gone on node-a too.
curl -sf -u "$AUTH" -H 'content-type: application/json' -d '{"effectiveFrom":"2998-01-01","note":"two-instances"}' \
    -X POST "http://127.0.0.1:$PORT_A/api/v1/rulesets/$DRAFT/activate" > /dev/null
entry_status() {  # port -> the status of the newest entry of 2998-01-01
    curl -sf -u "$AUTH" "http://127.0.0.1:$1/api/v1/rulesets/timeline" \
        | json "[e['status'] for e in d['entries'] if e['effectiveFrom'] == '2998-01-01'][-1]"
}
decided_by() {  # port admission-date -> the version that decided a claim of that day
    python3 - "$2" <<'PY' > "$WORK/dated-claim.json"
import json, sys, datetime
day = datetime.date.fromisoformat(sys.argv[1])
claim = json.load(open('src/test/resources/worked-example.json', encoding='utf-8'))
claim['claimId'] = 'two-instances-' + sys.argv[1]
claim['treatment']['admissionDate'] = str(day)
claim['treatment']['dischargeDate'] = str(day + datetime.timedelta(days=10))
claim['filing']['filedDate'] = str(day - datetime.timedelta(days=30))
claim['filing']['residenceStartDate'] = str(day - datetime.timedelta(days=300))
claim['filing']['referral']['transferDate'] = str(day)
claim['submittedDate'] = str(day + datetime.timedelta(days=10))
json.dump(claim, sys.stdout)
PY
    curl -sf -u "$AUTH" -H 'content-type: application/json' -d @"$WORK/dated-claim.json" "http://127.0.0.1:$1/api/v1/decisions/claim" \
        | json "d['rulesetVersion']"
}
for _ in $(seq 1 300); do
    [ "$(entry_status "$PORT_B")" = "SCHEDULED" ] && break
    sleep 0.1
done
[ "$(entry_status "$PORT_B")" = "SCHEDULED" ] || { echo "FAIL: node-b does not show the entry scheduled on node-a"; exit 1; }
[ "$(decided_by "$PORT_B" 2998-01-01)" = "$DRAFT" ] || { echo "FAIL: node-b did not decide care of 2998-01-01 by the scheduled version"; exit 1; }
[ "$(decided_by "$PORT_B" 2997-12-31)" = "$BEFORE" ] || { echo "FAIL: node-b did not decide care of the day before by the version in force"; exit 1; }
curl -sf -u "$AUTH" -X DELETE "http://127.0.0.1:$PORT_B/api/v1/rulesets/timeline/2998-01-01" > /dev/null
for _ in $(seq 1 300); do
    [ "$(decided_by "$PORT_A" 2998-01-01)" = "$BEFORE" ] && break
    sleep 0.1
done
[ "$(decided_by "$PORT_A" 2998-01-01)" = "$BEFORE" ] || { echo "FAIL: node-a still decides by the entry withdrawn on node-b"; exit 1; }
[ "$(entry_status "$PORT_A")" = "WITHDRAWN" ] || { echo "FAIL: node-a does not show the entry withdrawn on node-b"; exit 1; }
echo "one timeline: scheduled on node-a, decided by on node-b; withdrawn on node-b, gone on node-a"
# 6. Each chain is a log of its own (the origin names it), signed with the one key both instances share.
curl -sf -u "$AUTH" "http://127.0.0.1:$PORT_A/api/v1/audit/public-key" > "$WORK/key.json"
for node in a b; do
    if [ "$node" = a ]; then port=$PORT_A; else port=$PORT_B; fi
    decision=$(sed "s/\"worked-example\"/\"$CLAIM_ID-proof-$node\"/" src/test/resources/worked-example.json |
        curl -sf -u "$AUTH" -H 'content-type: application/json' -d @- "http://127.0.0.1:$port/api/v1/decisions/claim" | json "d['decisionId']")
    for _ in $(seq 1 100); do
        code=$(curl -s -o "$WORK/proof-$node.json" -w '%{http_code}' -u "$AUTH" "http://127.0.0.1:$port/api/v1/decisions/$decision/proof")
        [ "$code" = 200 ] && break
        sleep 0.1
    done
    [ "$code" = 200 ] || { echo "FAIL: no proof of decision $decision of node-$node within 10 s ($code)"; exit 1; }
    [ "$(json "d['chain']" < "$WORK/proof-$node.json")" = "node-$node" ] || { echo "FAIL: the proof of a decision of node-$node is not of chain node-$node"; exit 1; }
    curl -sf -u "$AUTH" "http://127.0.0.1:$port/api/v1/audit/checkpoint?chain=node-$node" | head -1 | grep -q "/node-$node\$" ||
        { echo "FAIL: the checkpoint of chain node-$node does not name it"; exit 1; }
    scripts/verify-decision "$WORK/proof-$node.json" "$WORK/key.json" || { echo "FAIL: the proof of decision $decision does not verify"; exit 1; }
    scripts/verify-decision checkpoints "$WORK/node-$node-checkpoints.log" "$WORK/key.json" ||
        { echo "FAIL: the checkpoint file of node-$node does not verify"; exit 1; }
done
VERIFY=$(curl -sf -u "$AUTH" "http://127.0.0.1:$PORT_B/api/v1/audit/verify")
[ "$(echo "$VERIFY" | json "d['ok']")" = "True" ] || { echo "FAIL: verify after the proofs: $VERIFY"; exit 1; }
echo "each chain's checkpoints and a proof of one of its decisions verify offline"
echo "two instances: 6 passed, 0 failed"
