#!/usr/bin/env bash
# Builds the project and gets a certificate for the deployer's domain from a local pebble ACME server, printing
# its subject, issuer and expiry:  ./scripts/certificate.sh [domain ...]   (needs Debian's pebble package)
exec "$(dirname "$0")/run-example.sh" io.threebot.deployer.examples.CertificateDemo "$@"
