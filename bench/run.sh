#!/usr/bin/env bash
# The load benchmark (README "Performance"): starts the service on a fresh database, warms it up,
# drives it from wrk on 127.0.0.1 with claims and filings made from the shipped scenarios at
# several connection counts, each followed by the no-op endpoint at the same count, then at half
# the best rate with paced requests; prints decisions/s, p50/p95/p99, errors, the ratio to the
# no-op rate and CPU per request, and checks that every answered decision was recorded.
# Then the peer: Camunda 7.24 DMN with history FULL (../shared/peers/camunda-dmn), built in a copy and
# run after the service has stopped (never both at once on two cores), and a side-by-side table.
# Then the DMN table scaling benchmark (100, 1,000 and 16,000 rows).
#
#   bench/run.sh            embedded H2 (a fresh database under target/bench)
#   bench/run.sh --pg       PostgreSQL on 127.0.0.1:5432 (user postgres), a fresh database
#                           crossregion_bench (PG_DATABASE), dropped and created by psql
# LEVELS=1,4,16,64,256 BENCH_SECONDS=10 PACED_CONNECTIONS=32 WARMUP_ROUNDS=48 BODIES=5000 WRK_THREADS=1
# change the run; every wrk run is bounded by its duration. LOAD_ONLY=1 skips the table benchmarks;
# EXTRA_JAVA_OPTS="-Dkey=value …" starts the service with more settings. PEER=0 skips the peer;
# PEER_DIR (../shared/peers/camunda-dmn), PEER_ARGS (modes=full tables=small threads=2 warmup=60
# measure=10) change it.
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=prod
DATABASE=()
if [ "${1:-}" = "--pg" ]; then
    PROFILE=pg
    # Its own database, not the test suite's: hundreds of thousands of decisions there would make
    # the tests' audit verification walk them all.
    PG_DATABASE=${PG_DATABASE:-crossregion_bench}
    psql -h 127.0.0.1 -U postgres -d postgres -q -c "drop database if exists $PG_DATABASE" -c "create database $PG_DATABASE" \
        || { echo "bench/run.sh --pg needs psql and PostgreSQL on 127.0.0.1:5432 (user postgres)" >&2; exit 1; }
    DATABASE=(-Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$PG_DATABASE?reWriteBatchedInserts=true")
fi
LEVELS=${LEVELS:-1,4,16,64,256}
SECONDS_PER_LEVEL=${BENCH_SECONDS:-10}   # not SECONDS: bash counts the seconds since its start in it
PACED_CONNECTIONS=${PACED_CONNECTIONS:-32}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-48}
BODIES=${BODIES:-5000}
WRK_THREADS=${WRK_THREADS:-1}   # one keeps up with the no-op endpoint on a fifth of a core; two gave no more
PORT=${PORT:-18090}
URL="http://127.0.0.1:$PORT"
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19090}   # health and metrics (quarkus.management.port)
READY="http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready"
WORK=target/bench
RUN=$(date +%s)-$$
PASSWORD="bench-$RUN"
AUTH="Authorization: Basic $(printf '%s' "bench:$PASSWORD" | base64)"
rm -rf "$WORK" && mkdir -p "$WORK"

if ! command -v wrk > /dev/null; then
    echo "== installing wrk (Debian package), the load generator"
    SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo "sudo")
    $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q wrk \
        || { echo "bench/run.sh needs wrk: apt-get install wrk (Debian, Ubuntu)" >&2; exit 1; }
fi

# The bench profile adds the no-op endpoint (api.NoopResource), which production builds do not have.
PROFILE="$PROFILE,bench"
echo "== building ($PROFILE)"
./mvnw -B -q -DskipTests package -Dquarkus.profile="$PROFILE"
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test > /dev/null
CLASSPATH="target/classes:target/test-classes:$(cat "$WORK/classpath.txt")"

# The peer is built now, before the service starts, and run once the service has stopped.
PEER=${PEER:-1}
PEER_DIR=${PEER_DIR:-../shared/peers/camunda-dmn}
PEER_ARGS=${PEER_ARGS:-modes=full tables=small threads=2 warmup=60 measure=10}
if [ "$PEER" != 0 ]; then
    [ -f "$PEER_DIR/pom.xml" ] || { echo "no peer benchmark at $PEER_DIR (PEER=0 skips it)" >&2; exit 1; }
    PEER_COPY=$(mktemp -d)   # ../shared is read-only: build a copy, as its README says
    cp -r "$PEER_DIR/." "$PEER_COPY"
    echo "== building the peer (Camunda 7.24 DMN, FEEL 1.19.5) in $PEER_COPY"
    mvn -B -q -f "$PEER_COPY/pom.xml" package -DskipTests -Dfeel.version=1.19.5 > "$WORK/peer-build.log" 2>&1 \
        || { cat "$WORK/peer-build.log" >&2; exit 1; }
fi

echo "== $(date -R)"
echo "== machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "== $(java -version 2>&1 | head -1); $( (wrk -v 2>&1 || true) | head -1)"
java -cp "$CLASSPATH" bench/WrkRequests.java "$WORK/requests.txt" "$BODIES"

# shellcheck disable=SC2086  # EXTRA_JAVA_OPTS: more -D settings, split on spaces (bench/checkpoint-cost.sh)
java -Dquarkus.profile="$PROFILE" "${DATABASE[@]}" ${EXTRA_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
     -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" \
     -Daudit.h2-file="./$WORK/decisions" -Daudit.checkpoint.file="./$WORK/audit-checkpoints.log" \
     -Dsecurity.initial-users="bench:caller+auditor:$PASSWORD" -Daudit.person-id-key=bench -Daudit.chain-id="bench-$RUN" \
     -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; [ -z "${PEER_COPY:-}" ] || rm -rf "$PEER_COPY"' EXIT
for _ in $(seq 1 120); do curl -sf "$READY" > /dev/null && break; sleep 0.5; done
curl -sf "$READY" > /dev/null || { echo "the service did not start, see $WORK/service.log" >&2; exit 1; }
# The CPU column is this process's: the JVM of the service, not a shell or wrapper around it.
grep -qa quarkus-run.jar "/proc/$PID/cmdline" || { echo "process $PID is not the service" >&2; exit 1; }
# Decisions recorded so far, exactly: the daily counts the audit writer keeps in each batch's own
# transaction (a list's total stops being exact at 10,000: API.md "Audit trail at volume").
recorded() {
    curl -sf -H "$AUTH" "$URL/api/v1/decisions/stats?groupBy=outcome" \
        | python3 -c "import json,sys; print(sum(g['count'] for g in json.load(sys.stdin)['groups']))"
}
RECORDED_BEFORE=$(recorded)

# CPU ticks of the service so far, less its JIT compiler threads: they compile for minutes and
# are not the cost of a decision. Holds when the machine is busy with something else.
ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "$@" 2> /dev/null || echo 0; }
service_ticks() {
    local total compiler=0 task
    total=$(ticks "/proc/$PID/stat")
    for task in "/proc/$PID"/task/*; do
        if [[ $(cat "$task/comm" 2> /dev/null) == *CompilerThre* ]]; then compiler=$((compiler + $(ticks "$task/stat"))); fi
    done
    echo $((total - compiler))
}
TICKS_PER_SECOND=$(getconf CLK_TCK)
# The same ticks by thread group: where a decision's CPU goes (the audit writer and its acknowledger
# are the recording's database side; the event loops decide, write JSON and deflate).
thread_ticks() {
    local task comm
    for task in "/proc/$PID"/task/*; do
        comm=$(cat "$task/comm" 2> /dev/null) || continue
        case "$comm" in
            *CompilerThre*) continue ;;
            audit-writer) comm=audit-writer ;;
            audit-acknowle*) comm=audit-acknowledger ;;
            vert.x-eventloo*) comm=event-loops ;;
            H2-*|MVStore*) comm=h2-background ;;
            GC\ Thread*|G1\ *|VM\ Thread) comm=gc+vm ;;
            *) comm=other ;;
        esac
        echo "$comm $(ticks "$task/stat")"
    done | awk '{t[$1] += $2} END {for (k in t) print k, t[k]}' | sort
}

# load decisions|noop CONNECTIONS SECONDS [RATE]: one wrk run; its numbers land in R[...], and a
# decision run adds to the 200s and to the requests sent without an answer.
ANSWERED=0 UNANSWERED=0
declare -A R
load() {
    local mode=$1 connections=$2 seconds=$3 rate=${4:-0} threads=$((WRK_THREADS < $2 ? WRK_THREADS : $2)) before kv
    before=$(service_ticks)
    thread_ticks > "$WORK/threads.before"
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -H "$AUTH" -s bench/load.lua "$URL" \
        -- "$WORK/requests.txt" "$mode" "$threads" "$rate" > "$WORK/wrk.out" 2>&1 || { cat "$WORK/wrk.out" >&2; exit 1; }
    grep -q '^result ' "$WORK/wrk.out" || { cat "$WORK/wrk.out" >&2; exit 1; }
    for kv in $(grep '^result ' "$WORK/wrk.out" | cut -d' ' -f2-); do R[${kv%%=*}]=${kv#*=}; done
    R[rate]=$(awk -v n="${R[requests]}" -v s="${R[seconds]}" 'BEGIN {printf "%.0f", n / s}')
    R[errors]=$((R[status] + R[connect] + R[read] + R[write] + R[timeout]))
    R[cpu_ms]=$(awk -v t=$(($(service_ticks) - before)) -v n="${R[requests]}" -v hz="$TICKS_PER_SECOND" 'BEGIN {printf "%.2f", n ? t * 1000 / hz / n : 0}')
    thread_ticks > "$WORK/threads.after"
    R[threads]=$(awk -v n="${R[requests]}" -v hz="$TICKS_PER_SECOND" 'NR == FNR {b[$1] = $2; next}
        {printf "%s%s %.3f", sep, $1, n ? ($2 - b[$1]) * 1000 / hz / n : 0; sep = ", "}' "$WORK/threads.before" "$WORK/threads.after")
    if [ "$mode" = decisions ]; then
        # wrk counts a response in requests when it is read whole (timeouts included: they are late
        # answers), non-2xx/3xx in status; a request sent without an answer (cut by a socket error
        # or in flight when the run ended) may have been decided and recorded all the same.
        ANSWERED=$((ANSWERED + R[requests] - R[status]))
        UNANSWERED=$((UNANSWERED + R[unanswered]))
    fi
}

# The JIT compiles for about five minutes under load (tens of thousands of methods: Drools, the DMN
# engine, Hibernate, H2), on the same two cores; measuring before it is done measures the compiler,
# and the decision rate climbs in steps, so a steady rate says nothing. Rounds of 10 s at 64
# connections, decisions and no-op alike, until a round costs the JIT under 0.2 s of compiling
# (jstat, from the JDK).
jit_ms() { jstat -compiler "$PID" | awk 'NR == 2 {printf "%.0f", $4 * 1000}'; }
echo "== warm-up: rounds of 10 s at 64 connections until the JIT has compiled what it needs (at most $WARMUP_ROUNDS rounds)"
for round in $(seq 1 "$WARMUP_ROUNDS"); do
    compiled_before=$(jit_ms)
    load decisions 64 10
    rate=${R[rate]}
    load noop 64 2
    compiling=$(($(jit_ms) - compiled_before))
    echo "warm-up round $round: $rate decisions/s, JIT compiled for $compiling ms"
    if [ "$compiling" -lt 200 ]; then break; fi
done

echo
echo "== load: connections $LEVELS, ${SECONDS_PER_LEVEL}s of decisions then ${SECONDS_PER_LEVEL}s of no-op each (wrk, $WRK_THREADS thread(s))"
printf '%11s %12s %8s %8s %8s %7s %9s %6s %19s %15s\n' connections decisions/s "p50 ms" "p95 ms" "p99 ms" errors no-op/s ratio "service CPU ms/dec" "wrk CPU µs/req"
best=0 best_connections=0 best_cpu=0
for connections in ${LEVELS//,/ }; do
    load decisions "$connections" "$SECONDS_PER_LEVEL"
    declare -A D; for k in "${!R[@]}"; do D[$k]=${R[$k]}; done
    load noop "$connections" "$SECONDS_PER_LEVEL"
    printf '%11s %12s %8s %8s %8s %7s %9s %5s%% %19s %15s\n' "$connections" "${D[rate]}" "${D[p50]}" "${D[p95]}" "${D[p99]}" "${D[errors]}" \
        "${R[rate]}" "$((100 * D[rate] / (R[rate] > 0 ? R[rate] : 1)))" "${D[cpu_ms]}" "${D[wrk_us]} / ${R[wrk_us]}"
    echo "            service CPU ms/decision by thread: ${D[threads]}"
    if [ "${D[rate]}" -gt "$best" ]; then best=${D[rate]} best_connections=$connections best_cpu=${D[cpu_ms]}; fi
done
echo "(wrk CPU: per decision / per no-op request, of its threads while sending)"

target=$((best / 2))
echo
echo "== paced: $target decisions/s (half the best), $PACED_CONNECTIONS connections, ${SECONDS_PER_LEVEL}s"
load decisions "$PACED_CONNECTIONS" "$SECONDS_PER_LEVEL" "$target"
echo "achieved ${R[rate]}/s ($((100 * R[rate] / (target > 0 ? target : 1)))% of the target), p50 ${R[p50]} ms, p95 ${R[p95]} ms, p99 ${R[p99]} ms, errors ${R[errors]}"
declare -A P; for k in "${!R[@]}"; do P[$k]=${R[$k]}; done

sleep 2  # the answers of requests still in flight when a run ended
RECORDED=$(( $(recorded) - RECORDED_BEFORE )) || { echo "cannot read the number of recorded decisions" >&2; exit 1; }
echo
if [ "$RECORDED" -lt "$ANSWERED" ] || [ "$RECORDED" -gt $((ANSWERED + UNANSWERED)) ]; then
    echo "answered 200: $ANSWERED; sent without an answer: $UNANSWERED; recorded since the start: $RECORDED — MISMATCH"
    exit 1
fi
echo "answered 200: $ANSWERED; recorded since the start: $RECORDED — every answered decision is recorded"
if [ "$RECORDED" -gt "$ANSWERED" ]; then
    echo "($((RECORDED - ANSWERED)) of the $UNANSWERED requests that wrk sent without an answer, in flight when a run ended or cut by a socket error, are recorded too)"
fi
kill $PID && wait $PID 2> /dev/null || true

if [ "$PEER" != 0 ]; then
    echo
    echo "== peer: Camunda 7.24 DMN, history FULL, in-process, no HTTP ($PEER_ARGS), the service stopped"
    # shellcheck disable=SC2086  # PEER_ARGS: key=value arguments
    java -jar "$PEER_COPY/target/bench.jar" $PEER_ARGS > "$WORK/peer.out" 2>&1 || { cat "$WORK/peer.out" >&2; exit 1; }
    awk '/^\| mode/ {table = 1} table && /^\|/ {print} /^history / {print}' "$WORK/peer.out"
    # | full | small (16) | 2 | 2,621 | 679.0 | 3,777.0 | 26,210 |: the largest thread count's rate
    peer_rate=$(awk -F'|' '$2 ~ /full/ {gsub(/[ ,]/, "", $5); rate = $5} END {print rate + 0}' "$WORK/peer.out")
    echo
    echo "== side by side (same run; the service over HTTP with wrk on the same cores, the peer in-process)"
    printf '%-58s %s\n' "service, audited decisions/s (best: $best_connections connections)" "$best" \
        "Camunda 7.24 DMN history FULL, evaluations/s (2 threads)" "$peer_rate" \
        "ratio service / Camunda (goal ≥ 2)" "$(awk -v a="$best" -v b="$peer_rate" 'BEGIN {printf "%.2f", b ? a / b : 0}')" \
        "service p99 ms at half the best rate (goal < 50)" "${P[p99]} (achieved ${P[rate]}/s)" \
        "service CPU ms per decision (best level / half rate)" "$best_cpu / ${P[cpu_ms]}"
fi

[ -z "${LOAD_ONLY:-}" ] || exit 0
echo
echo "== DMN table scaling"
java -cp "$CLASSPATH" bench/DmnTableScaling.java

echo
echo "== heap held by a compiled ruleset version (README \"Policy in time\")"
java -Xmx3g -cp "$CLASSPATH" bench/RulesetMemory.java 2> /dev/null
