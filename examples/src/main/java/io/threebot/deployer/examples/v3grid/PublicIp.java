package io.threebot.deployer.examples.v3grid;

import java.util.Objects;

/**
 * A farm's public IPv4 address ({@code tfchain_support::types::PublicIP}).
 *
 * @param ip         the address with its prefix, e.g. {@code 185.206.122.33/24}
 * @param gateway    its gateway
 * @param contractId the node contract it is reserved for, 0 when free
 */
public record PublicIp(String ip, String gateway, long contractId) {
    /** @throws NullPointerException when a part is null */
    public PublicIp {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(gateway, "gateway");
    }

    PublicIp reservedFor(long contract) {
        return new PublicIp(ip, gateway, contract);
    }
}
