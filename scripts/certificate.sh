#!/usr/bin/env bash
# Builds the project and gets a certificate for the deployer's domain from a local pebble ACME server, printing
# its subject, issuer and expiry:  ./scripts/certificate.sh [domain ...]   (needs Debian's pebble package)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -DskipTests install
mvn -B -q -Dstyle.color=never -pl examples dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
    io.threebot.deployer.examples.CertificateDemo "$@"
