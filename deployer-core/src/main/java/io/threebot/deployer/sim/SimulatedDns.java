package io.threebot.deployer.sim;

import io.threebot.deployer.spi.DomainChecker;
import java.util.List;

/** DNS over the simulated grid: a name resolves once a live subdomain workload (or {@code takeDomain}) holds it. */
public final class SimulatedDns implements DomainChecker {
    private final SimulatedGrid grid;

    public SimulatedDns(SimulatedGrid grid) {
        this.grid = grid;
    }

    @Override
    public boolean isFree(String fqdn) {
        return !grid.resolves(fqdn);
    }

    @Override
    public List<String> resolve(String hostName) {
        return grid.addressOf(hostName).map(List::of).orElse(List.of());
    }
}
