#!/usr/bin/env bash
# Runs every test of every module. The integration tests start redis-server, OpenSSH sshd (with htpasswd from
# apache2-utils), pebble and a PostgreSQL cluster of their own on loopback, and drive the web page in headless
# Chromium; the TFGrid v3 tests install the official polkadot-js clients with npm (pinned by
# deployer-grid-adapter/src/test/node/package-lock.json) and compare with them under Node. The Debian packages are
# installed first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/packages.sh
ensure_packages "the integration tests" redis-server openssh-server apache2-utils pebble postgresql chromium \
    chromium-driver nodejs npm

# two modules at once where they do not depend on each other (the log streams, backups and certificates beside
# the grid adapter)
mvn -B -T 2 verify
