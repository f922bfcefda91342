#!/usr/bin/env bash
# The mutation check of the rules (README "Mutation check"): changes each number of the DMN
# tables (rules-dmn/) and of rules-drl/parameters.yaml one at a time, compiles each mutant with the
# service's compiler, runs every scenario of rules-tests/ on it in-process, and prints which
# changes no scenario notices, with the score. The table is also in target/mutation/report.md.
#
#   bench/mutation.sh                        report only; exits 0 whatever survives
#   bench/mutation.sh --require-all-killed   exits non-zero when a mutant survives (CI)
#
# Runs RuleMutationCheck, which the normal suite leaves out (its name does not end in Test).
set -uo pipefail
cd "$(dirname "$0")/.."

REQUIRE=false
[ "${1:-}" = "--require-all-killed" ] && REQUIRE=true
started=$(date +%s)
mkdir -p target && rm -f target/mutation/report.md
./mvnw -B -q test -Dskip.webui=true -Dtest=RuleMutationCheck -Dsurefire.failIfNoSpecifiedTests=false \
    -Dmutation.require-all-killed="$REQUIRE" > target/mutation.log 2>&1
status=$?
if [ -f target/mutation/report.md ]; then
    cat target/mutation/report.md
else
    tail -50 target/mutation.log
fi
echo "wall time $(( $(date +%s) - started )) s (Maven, start-up and every mutant); log: target/mutation.log"
if [ "$REQUIRE" = true ]; then
    exit $status
fi
[ $status -eq 0 ] || echo "the check failed (see the log): the shipped rules may not pass their own scenarios" >&2
exit 0
