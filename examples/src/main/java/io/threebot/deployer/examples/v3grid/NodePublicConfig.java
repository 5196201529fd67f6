package io.threebot.deployer.examples.v3grid;

import java.util.Objects;
import java.util.Optional;

/**
 * A node's public network configuration ({@code tfchain_support::types::PublicConfig}); a gateway node has a
 * domain.
 *
 * @param ip4    the IPv4 address with prefix
 * @param gw4    the IPv4 gateway
 * @param ip6    the IPv6 address with prefix, when any
 * @param gw6    the IPv6 gateway, when any
 * @param domain the gateway domain, when the node is a gateway
 */
public record NodePublicConfig(String ip4, String gw4, Optional<String> ip6, Optional<String> gw6,
        Optional<String> domain) {
    /** @throws NullPointerException when a part is null */
    public NodePublicConfig {
        Objects.requireNonNull(ip4, "ip4");
        Objects.requireNonNull(gw4, "gw4");
        Objects.requireNonNull(ip6, "ip6");
        Objects.requireNonNull(gw6, "gw6");
        Objects.requireNonNull(domain, "domain");
    }
}
