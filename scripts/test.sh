#!/usr/bin/env bash
# Runs every test of every module. The integration tests start redis-server, OpenSSH sshd (with htpasswd from
# apache2-utils), pebble and a PostgreSQL cluster of their own on loopback, and drive the web page in headless
# Chromium; the Debian packages are installed first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v pebble >/dev/null 2>&1 || missing+=(pebble)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} for the integration tests"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mvn -B verify
