#!/usr/bin/env bash
# The audit trail at volume (README "Performance", issue 17): builds the service with the bench profile, starts it
# on a fresh database (127.0.0.1 only), fills the trail with N decisions through the real decide-and-record path
# (bench.TrailFiller: many persons, all regions, outcomes and reasons in realistic shares, evaluated over the past
# year), then measures every read (bench/TrailReads.java: each search filter alone and combined, stats, a cursor
# walk, export, verify) with p50/p95, and the bytes on disk per decision; then the query plans of the main queries.
#
#   bench/trail.sh N            embedded H2 (a fresh file under target/bench-trail)
#   bench/trail.sh N --pg       PostgreSQL on 127.0.0.1:5432 (user postgres), a fresh database (PG_DATABASE,
#                               default crossregion_trail), dropped and created by psql
# REPEAT=20 runs each read that many times. Every step is bounded: the fill by FILL_MINUTES (default 90).
# REUSE=1 keeps the trail of the last run with the same N and database and measures the reads again (after a change
# to the read side: migrations still run, the fill is skipped). SCALE_CHECK=0 leaves out the final scale check. BULK=1 measures only the exports and the verify.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:?usage: bench/trail.sh N [--pg]}
PROFILE=prod
DATABASE=()
WORK=target/bench-trail
if [ "${2:-}" = "--pg" ]; then
    PROFILE=pg
    PG_DATABASE=${PG_DATABASE:-crossregion_trail}
    if [ "${REUSE:-}" != 1 ]; then
        psql -h 127.0.0.1 -U postgres -d postgres -q -c "drop database if exists $PG_DATABASE" -c "create database $PG_DATABASE" \
            || { echo "bench/trail.sh --pg needs psql and PostgreSQL on 127.0.0.1:5432 (user postgres)" >&2; exit 1; }
    fi
    DATABASE=(-Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$PG_DATABASE?reWriteBatchedInserts=true")
    WORK=target/bench-trail-pg
fi
# Each database its own build, so that an H2 run and a PostgreSQL run can overlap.
APP=quarkus-app-trail-${PROFILE}
REPEAT=${REPEAT:-20}
FILL_MINUTES=${FILL_MINUTES:-90}
PORT=${PORT:-18091}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19091}
URL="http://127.0.0.1:$PORT"
READY="http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready"
RUN=$(date +%s)-$$
PASSWORD="bench-$RUN"
if [ "${REUSE:-}" = 1 ]; then
    [ "$(cat "$WORK/filled" 2>/dev/null)" = "$N" ] || { echo "REUSE=1: $WORK holds no trail of $N decisions" >&2; exit 1; }
    RUN=$(cat "$WORK/run")
    PASSWORD="bench-$RUN"
else
    rm -rf "$WORK" && mkdir -p "$WORK" && echo "$RUN" > "$WORK/run"
fi

PROFILE="$PROFILE,bench"
if [ "${SKIP_BUILD:-}" != 1 ]; then
    echo "== building ($PROFILE)"
    ./mvnw -B -q -Dskip.webui=true -DskipTests package -Dquarkus.profile="$PROFILE" -Dquarkus.package.output-directory="$APP"
fi
echo "== $(date -R); $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"

java -Dquarkus.profile="$PROFILE" "${DATABASE[@]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
     -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" \
     -Daudit.h2-file="./$WORK/decisions" -Daudit.checkpoint.file="./$WORK/audit-checkpoints.log" -Dquarkus.log.category.\"cn.yibao.crossregion.decision\".level=WARN \
     -Dsecurity.initial-users="bench:caller+auditor+analyst:$PASSWORD" -Daudit.person-id-key=bench -Daudit.chain-id="bench-$RUN" \
     -jar "target/$APP/quarkus-run.jar" > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "$READY" > /dev/null && break; sleep 0.5; done
curl -sf "$READY" > /dev/null || { echo "the service did not start, see $WORK/service.log" >&2; exit 1; }

if [ "${REUSE:-}" != 1 ]; then
echo "== filling $N decisions over the past year"
curl -sf -u "bench:$PASSWORD" -X POST "$URL/api/v1/bench/trail?count=$N&days=365" > /dev/null
deadline=$((SECONDS + FILL_MINUTES * 60))
while true; do
    sleep 10
    progress=$(curl -sf -u "bench:$PASSWORD" "$URL/api/v1/bench/trail")
    echo "$(date +%T) $progress"
    [[ $progress == *'"running":false'* ]] && break
    [ $SECONDS -lt $deadline ] || { echo "the fill did not end within $FILL_MINUTES minutes" >&2; exit 1; }
done
curl -sf -u "bench:$PASSWORD" "$URL/api/v1/bench/trail/persons?count=$REPEAT" > "$WORK/persons.txt"
echo "$N" > "$WORK/filled"
fi

if [ "$PROFILE" = "pg,bench" ]; then
    # What autovacuum does in production (it is off on some development servers): statistics for the planner and a
    # visibility map for index-only scans.
    psql -h 127.0.0.1 -U postgres -d "$PG_DATABASE" -q -c "vacuum analyze" > /dev/null
fi
echo
echo "== reads, $REPEAT times each (wall time at the client, 127.0.0.1)"
java bench/TrailReads.java "$URL" bench "$PASSWORD" "$WORK/persons.txt" "$REPEAT"

echo
echo "== the whole trail by cursor, replayed as a job against its own version, verified as a job (scripts/ScaleCheck.java)"
[ "${SCALE_CHECK:-1}" = 0 ] || JOB_MINUTES=${JOB_MINUTES:-60} java scripts/ScaleCheck.java "$URL" bench "$PASSWORD" "$N" || echo "SCALE CHECK FAILED at $N (above)"

echo
echo "== bytes on disk per decision"
if [ "$PROFILE" = "pg,bench" ]; then
    psql -h 127.0.0.1 -U postgres -d "$PG_DATABASE" -q -c "vacuum analyze" > /dev/null
    psql -h 127.0.0.1 -U postgres -d "$PG_DATABASE" -At -F' ' -c "
        select relname, pg_total_relation_size(oid), pg_relation_size(oid), pg_indexes_size(oid)
        from pg_class where relkind = 'r' and relname like 'decision%' order by 2 desc" | \
    awk -v n="$N" '{printf "%-24s total %7.0f MB  table %7.0f MB  indexes %6.0f MB  %6.0f bytes/decision\n", $1, $2/1e6, $3/1e6, $4/1e6, $2/n; sum += $2}
                   END {printf "all decision tables: %.0f bytes per decision (indexes and TOAST included)\n", sum/n}'
    psql -h 127.0.0.1 -U postgres -d "$PG_DATABASE" -At -c "
        select indexrelid::regclass, pg_relation_size(indexrelid) from pg_index where indrelid = 'decision_record'::regclass order by 2 desc" | \
    awk -F'|' -v n="$N" '{printf "  index %-36s %6.0f bytes/decision\n", $1, $2/n}'
    echo
    echo "== plans (PostgreSQL EXPLAIN ANALYZE)"
    for sql in \
        "select evaluated_at, id from decision_record where person_id_hash = (select person_id_hash from decision_record limit 1) order by person_id_hash desc, evaluated_at desc, id desc limit 21" \
        "select evaluated_at, id from decision_record where treatment_region = '500103' and outcome = 'REJECTED' order by treatment_region desc, evaluated_at desc, id desc limit 21" \
        "select evaluated_at, id from decision_record where trace_id = (select trace_id from decision_trace_reason where code = 'EXCL_ABROAD' limit 1) order by trace_id desc, evaluated_at desc, id desc limit 21" \
        "select evaluated_at, id from decision_record where outcome = 'REJECTED' order by evaluated_at desc, id desc limit 21" \
        "select count(*) from (select 1 from decision_record where outcome = 'REJECTED' limit 10001) capped" \
        "select stat_key, sum(decisions), sum(payable) from decision_stat where dimension = 'reasonCode' group by stat_key"; do
        echo "-- $sql"
        psql -h 127.0.0.1 -U postgres -d "$PG_DATABASE" -At -c "explain (analyze, costs off, timing on) $sql"
        echo
    done
else
    kill $PID && wait $PID 2> /dev/null || true
    bytes=$(stat -c %s "$WORK/decisions.mv.db")
    echo "H2 file while running: $bytes bytes, $((bytes / N)) bytes per decision"
    H2_JAR=$(find ~/.m2/repository/com/h2database/h2 -name 'h2-*.jar' | sort | tail -1)
    java -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:./$WORK/decisions" -user sa -sql "
        select count(*) as decisions from decision_record;
        explain select evaluated_at, id from decision_record use index (decision_record_person) where person_id_hash = 'x' order by person_id_hash desc, evaluated_at desc, id desc limit 21;
        explain select evaluated_at, id from decision_record use index (decision_record_treatment_region) where treatment_region = '500103' and outcome = 'REJECTED' order by treatment_region desc, evaluated_at desc, id desc limit 21;
        explain select evaluated_at, id from decision_record use index (decision_record_trace) where trace_id = 'x' order by trace_id desc, evaluated_at desc, id desc limit 21;
        explain select evaluated_at, id from decision_record use index (decision_record_time) where outcome = 'REJECTED' order by evaluated_at desc, id desc limit 21;
        explain select stat_key, sum(decisions), sum(payable) from decision_stat where dimension = 'reasonCode' group by stat_key" | grep -v '^(' 
    java -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:./$WORK/decisions" -user sa -sql "shutdown compact" > /dev/null
    bytes=$(stat -c %s "$WORK/decisions.mv.db")
    echo "H2 file after SHUTDOWN COMPACT: $bytes bytes, $((bytes / N)) bytes per decision"
fi
