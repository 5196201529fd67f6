#!/usr/bin/env bash
# Builds the project and deploys a 3Bot on the embedded simulated grid, answering the deploy chat from the
# options given (see --help) and asking on the terminal for the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -DskipTests install
mvn -B -q -Dstyle.color=never -pl examples dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
    io.threebot.deployer.examples.DemoDeploy "$@"
