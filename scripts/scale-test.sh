#!/usr/bin/env bash
# The scale test of CI (issue 17): a trail of N decisions (default 100,000) filled through the real
# decide-and-record path (the bench build's bench.TrailFiller, evaluated over the past year), then
# scripts/ScaleCheck.java: the whole trail walked by cursor (each decision once, newest first), a
# replay job of every decision against the version that decided it (all compared, none changed),
# and the full chain check as a job (ok, every record). Fails naming the check.
#
#   scripts/scale-test.sh [N]          embedded H2 (a fresh file under target/scale-test)
#   scripts/scale-test.sh [N] --pg     PostgreSQL on 127.0.0.1:5432 (user postgres), a fresh database
#                                      crossregion_scale (PG_DATABASE), dropped and created by psql
# SKIP_BUILD=1 reuses the last build of the same database kind. Bounded: the fill by FILL_MINUTES (20).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-100000}
PROFILE=prod
DATABASE=()
WORK=target/scale-test
if [ "${2:-}" = "--pg" ]; then
    PROFILE=pg
    PG_DATABASE=${PG_DATABASE:-crossregion_scale}
    psql -h 127.0.0.1 -U postgres -d postgres -q -c "drop database if exists $PG_DATABASE" -c "create database $PG_DATABASE" \
        || { echo "scripts/scale-test.sh --pg needs psql and PostgreSQL on 127.0.0.1:5432 (user postgres)" >&2; exit 1; }
    DATABASE=(-Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$PG_DATABASE?reWriteBatchedInserts=true")
    WORK=target/scale-test-pg
fi
APP=quarkus-app-scale-${PROFILE}
FILL_MINUTES=${FILL_MINUTES:-20}
PORT=${PORT:-18093}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19093}
URL="http://127.0.0.1:$PORT"
READY="http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready"
RUN=$(date +%s)-$$
PASSWORD="scale-$RUN"
rm -rf "$WORK" && mkdir -p "$WORK"

if [ "${SKIP_BUILD:-}" != 1 ]; then
    echo "== building ($PROFILE,bench)"
    ./mvnw -B -q -Dskip.webui=true -DskipTests package -Dquarkus.profile="$PROFILE,bench" -Dquarkus.package.output-directory="$APP"
fi

java -Dquarkus.profile="$PROFILE,bench" "${DATABASE[@]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
     -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" \
     -Daudit.h2-file="./$WORK/decisions" -Daudit.checkpoint.file="./$WORK/audit-checkpoints.log" \
     -Daudit.signing-key-file="./$WORK/checkpoint-signing.key" -Dquarkus.log.category.\"cn.yibao.crossregion.decision\".level=WARN \
     -Dsecurity.initial-users="scale:caller+auditor+analyst:$PASSWORD" -Daudit.person-id-key=scale -Daudit.chain-id="scale-$RUN" \
     -jar "target/$APP/quarkus-run.jar" > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "$READY" > /dev/null && break; sleep 0.5; done
curl -sf "$READY" > /dev/null || { echo "FAILED scale test: the service did not start, see $WORK/service.log" >&2; exit 1; }

echo "== filling $N decisions over the past year"
started=$SECONDS
curl -sf -u "scale:$PASSWORD" -X POST "$URL/api/v1/bench/trail?count=$N&days=365" > /dev/null
deadline=$((SECONDS + FILL_MINUTES * 60))
while true; do
    sleep 5
    progress=$(curl -sf -u "scale:$PASSWORD" "$URL/api/v1/bench/trail")
    [[ $progress == *'"running":false'* ]] && break
    [ $SECONDS -lt $deadline ] || { echo "FAILED scale test: the fill did not end within $FILL_MINUTES minutes: $progress" >&2; exit 1; }
done
echo "$progress ($((SECONDS - started)) s)"
[[ $progress == *"\"recorded\":$N,"* && $progress == *'"failed":0'* ]] \
    || { echo "FAILED scale test: the fill did not record $N decisions: $progress" >&2; exit 1; }

java scripts/ScaleCheck.java "$URL" scale "$PASSWORD" "$N"
