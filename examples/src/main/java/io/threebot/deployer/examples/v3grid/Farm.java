package io.threebot.deployer.examples.v3grid;

import java.util.List;
import java.util.Objects;

/**
 * A farm ({@code tfchain_support::types::Farm}).
 *
 * @param id              the farm id
 * @param name            its unique name
 * @param twinId          the farmer's twin
 * @param pricingPolicyId the pricing policy its nodes are billed by
 * @param publicIps       its public IPv4 addresses
 * @param dedicated       whether its nodes are rented whole only
 */
public record Farm(long id, String name, long twinId, long pricingPolicyId, List<PublicIp> publicIps,
        boolean dedicated) {
    /** @throws NullPointerException when a part is null */
    public Farm {
        Objects.requireNonNull(name, "name");
        publicIps = List.copyOf(publicIps);
    }

    Farm withPublicIps(List<PublicIp> ips) {
        return new Farm(id, name, twinId, pricingPolicyId, ips, dedicated);
    }
}
