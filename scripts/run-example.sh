#!/usr/bin/env bash
# Builds the project (tests skipped) and runs one main class of the examples module with the given arguments:
#   ./scripts/run-example.sh io.threebot.deployer.examples.DemoDeploy --help
set -euo pipefail
cd "$(dirname "$0")/.."
main="$1"
shift
mvn -B -q -Dstyle.color=never -DskipTests install
mvn -B -q -Dstyle.color=never -pl examples dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" "$main" "$@"
