#!/usr/bin/env bash
# The load benchmark (README "Performance"): starts the service, warms up, drives it from a
# second process on 127.0.0.1 with the shipped scenarios' claims and filings at several
# concurrency levels, prints decisions/s, p50/p95/p99, errors and the ratio to the no-op
# endpoint measured in the same run, and checks that every answered decision was recorded.
# Then the DMN table scaling benchmark (100, 1,000 and 16,000 rows).
#
#   bench/run.sh            embedded H2 (a fresh database under target/bench)
#   bench/run.sh --pg       PostgreSQL on 127.0.0.1:5432/test
# LEVELS=1,4,16,64 BENCH_SECONDS=10 MAX_REQUESTS=200000 to change the run; every run is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=prod
if [ "${1:-}" = "--pg" ]; then PROFILE=pg; fi
LEVELS=${LEVELS:-1,4,16,64}
SECONDS_PER_LEVEL=${BENCH_SECONDS:-10}   # not SECONDS: bash counts the seconds since its start in it
MAX_REQUESTS=${MAX_REQUESTS:-200000}
PORT=${PORT:-18090}
WORK=target/bench
RUN=$(date +%s)-$$
rm -rf "$WORK" && mkdir -p "$WORK"

echo "== building ($PROFILE)"
./mvnw -B -q -DskipTests package -Dquarkus.profile="$PROFILE"
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test > /dev/null
CLASSPATH="target/classes:target/test-classes:$(cat "$WORK/classpath.txt")"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
java -Dquarkus.profile="$PROFILE" -Dquarkus.http.port="$PORT" \
     -Dquarkus.datasource.jdbc.url="$( [ "$PROFILE" = pg ] && echo "jdbc:postgresql://127.0.0.1:5432/test" || echo "jdbc:h2:file:./$WORK/decisions;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0")" \
     -Dsecurity.initial-users="bench:caller+auditor:bench-$RUN" -Daudit.person-id-key=bench -Daudit.chain-id="bench-$RUN" \
     -Dquarkus.log.category.\"cn.yibao.crossregion.decision\".level=WARN \
     -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null && break; sleep 0.5; done

echo "== load: levels $LEVELS, ${SECONDS_PER_LEVEL}s per level, at most $MAX_REQUESTS requests per level"
java -cp "$CLASSPATH" bench/LoadGenerator.java "http://127.0.0.1:$PORT" "bench:bench-$RUN" "$LEVELS" "$SECONDS_PER_LEVEL" "$MAX_REQUESTS" "$PID"
kill $PID

echo
echo "== DMN table scaling"
java -cp "$CLASSPATH" bench/DmnTableScaling.java
