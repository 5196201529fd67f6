#!/usr/bin/env bash
# Builds the project (tests skipped) and runs one main class of the examples module with the given arguments:
#   ./scripts/run-example.sh io.threebot.deployer.examples.DemoDeploy --help
set -euo pipefail
cd "$(dirname "$0")/.."
main="$1"
shift
# the build's output (Maven 3.8 writes colour resets even in batch mode) is shown only when it fails, so the
# program's own output starts clean
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { mvn -B -q -DskipTests install &&
       mvn -B -q -pl examples dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
           -Dmdep.includeScope=runtime; } >"$log" 2>&1; then
    cat "$log"
    exit 1
fi
rm -f "$log"
trap - EXIT
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" "$main" "$@"
