package io.threebot.deployer.tfgrid.proxy;

import java.util.Optional;

/**
 * A node's public network configuration, as its farmer set it: what makes a node an access node (public IPs) or a
 * gateway (a domain). Each part is empty when not set.
 *
 * @param domain the gateway domain names are served under (e.g. {@code gent01.grid.tf})
 * @param ipv4   the public IPv4 address with its prefix (e.g. {@code 185.206.122.33/24})
 * @param ipv6   the public IPv6 address with its prefix
 * @param gw4    the IPv4 gateway
 * @param gw6    the IPv6 gateway
 */
public record PublicConfig(Optional<String> domain, Optional<String> ipv4, Optional<String> ipv6,
                           Optional<String> gw4, Optional<String> gw6) {
    /** Whether anything is set. */
    public boolean isEmpty() {
        return domain.isEmpty() && ipv4.isEmpty() && ipv6.isEmpty() && gw4.isEmpty() && gw6.isEmpty();
    }

    static PublicConfig read(JsonFields json) {
        return new PublicConfig(json.optionalText("domain"), json.optionalText("ipv4"), json.optionalText("ipv6"),
                json.optionalText("gw4"), json.optionalText("gw6"));
    }
}
