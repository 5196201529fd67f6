package io.threebot.deployer.model;

import java.util.Objects;

/** A reverse tunnel on a gateway: the 3Bot's TCP router client proves itself with the secret. */
public record ReverseProxySpec(String domain, Secret secret) implements WorkloadSpec {
    public ReverseProxySpec {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public WorkloadType type() {
        return WorkloadType.REVERSE_PROXY;
    }
}
