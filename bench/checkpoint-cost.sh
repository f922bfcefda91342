#!/usr/bin/env bash
# What signed checkpoints cost the decision rate (issue 18: less than 5%): the load benchmark at one
# connection count twice in one session, with checkpoints every 2 s (as shipped) and with them
# out of the way (an interval of a day), and both rates side by side. Noisy machines move a rate
# by more than 5% from run to run: read several pairs, not one.
#   bench/checkpoint-cost.sh [--pg]      CONNECTIONS=64 BENCH_SECONDS=20 PAIRS=1
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
PAIRS=${PAIRS:-1}
DATABASE_FLAG=${1:-}
mkdir -p target
rate() {  # settings -> the decisions/s of bench/run.sh's one level
    # shellcheck disable=SC2086  # an empty flag is no argument
    LOAD_ONLY=1 LEVELS="$CONNECTIONS" BENCH_SECONDS="${BENCH_SECONDS:-20}" WARMUP_ROUNDS="${WARMUP_ROUNDS:-16}" \
        EXTRA_JAVA_OPTS="$1" bench/run.sh $DATABASE_FLAG > target/checkpoint-cost.out 2>&1 || { cat target/checkpoint-cost.out >&2; exit 1; }
    awk -v c="$CONNECTIONS" '$1 == c && $2 ~ /^[0-9]+$/ { print $2; exit }' target/checkpoint-cost.out
}
printf '%6s %22s %22s %8s\n' pair "with checkpoints/s" "without/s" cost
for pair in $(seq 1 "$PAIRS"); do
    with=$(rate "-Daudit.checkpoint.interval=2s")
    without=$(rate "-Daudit.checkpoint.interval=24h")
    printf '%6s %22s %22s %7s%%\n' "$pair" "$with" "$without" "$(( (without - with) * 100 / (without > 0 ? without : 1) ))"
done
