#!/usr/bin/env bash
# Builds the project and deploys a 3Bot on the embedded simulated grid, answering the deploy chat from the
# options given (see --help) and asking on the terminal for the rest.
exec "$(dirname "$0")/run-example.sh" io.threebot.deployer.examples.DemoDeploy "$@"
