#!/usr/bin/env bash
# Builds the project and runs one of the benchmark programs in examples:
#   ./scripts/benchmark.sh ssh [commands]     pooled SSH connection against raw sshj exec and a fresh connection
#   ./scripts/benchmark.sh redis [lines]      log lines delivered to a subscriber against raw jedis
#   ./scripts/benchmark.sh acme [rounds]      certificate issuance against acme4j's minimal sequence, lego, certbot
#   ./scripts/benchmark.sh store [seconds]    PostgreSQL store against files; two instances against one
#   ./scripts/benchmark.sh deploy [files|postgres] [virtual] [N...]
#                                             one deploy against its critical path, N at once against one (200
#                                             and 1,000), on the file store and PostgreSQL; virtual: Java 21+
#   ./scripts/benchmark.sh start              a deployer's start on 100,000 stored sessions against an empty store
#   ./scripts/benchmark.sh tfgrid [seconds]   TFGrid v3 extrinsic and deployment signing against polkadot-js and
#                                             grid_client under Node (npm ci of the oracles' pinned packages)
#   ./scripts/benchmark.sh v3grid [clients] [n]  local TFGrid v3 deploys/min with 50 Java clients at once against one
#   ./scripts/benchmark.sh v3deploy [N...]    a 3Bot deployed on a local TFGrid v3 through the chat against the same
#                                             deploy straight through the v3 hosting, N at once against one (50, 200)
#   ./scripts/benchmark.sh all                every one of them, then one table of all their ratios
# Each starts its servers (sshd, redis-server, pebble, postgres) on loopback, and acme runs lego and certbot: the
# Debian packages are installed first when they are missing (nodejs and npm for tfgrid).
set -euo pipefail
. "$(dirname "$0")/packages.sh"
ensure_packages "the benchmarks" redis-server openssh-server apache2-utils pebble postgresql lego certbot nodejs npm
case "${1:-}" in
    ssh) main=io.threebot.deployer.examples.SshLatencyBenchmark ;;
    redis) main=io.threebot.deployer.examples.LogStreamBenchmark ;;
    acme) main=io.threebot.deployer.examples.CertificateBenchmark ;;
    store) main=io.threebot.deployer.examples.StoreBenchmark ;;
    deploy) main=io.threebot.deployer.examples.DeployBenchmark ;;
    start) main=io.threebot.deployer.examples.StartupBenchmark ;;
    tfgrid) main=io.threebot.deployer.examples.TfgridSigningBenchmark ;;
    v3grid) main=io.threebot.deployer.examples.V3GridBenchmark ;;
    v3deploy) main=io.threebot.deployer.examples.V3DeployBenchmark ;;
    all) main=io.threebot.deployer.examples.AllBenchmarks ;;
    *) echo "usage: $0 ssh|redis|acme|store|deploy|start|tfgrid|v3grid|v3deploy|all [count]" >&2; exit 2 ;;
esac
shift
exec "$(dirname "$0")/run-example.sh" "$main" "$@"
