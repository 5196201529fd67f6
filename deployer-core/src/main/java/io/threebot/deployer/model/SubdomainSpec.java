package io.threebot.deployer.model;

import java.util.List;
import java.util.Objects;

/** A DNS subdomain on a gateway, pointing at the given IPs. */
public record SubdomainSpec(String domain, List<String> ips) implements WorkloadSpec {
    public SubdomainSpec {
        Objects.requireNonNull(domain, "domain");
        ips = List.copyOf(ips);
    }

    @Override
    public WorkloadType type() {
        return WorkloadType.SUBDOMAIN;
    }
}
