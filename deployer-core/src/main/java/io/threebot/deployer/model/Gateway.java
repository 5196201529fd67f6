package io.threebot.deployer.model;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A gateway node: it hosts subdomains of its managed domains and the reverse tunnels (TCP router) to 3Bots.
 */
public record Gateway(String nodeId, long farmId, Location location, List<String> managedDomains,
                      List<String> dnsNameservers, int tcpRouterPort, Instant updated, String publicKeyHex) {
    public Gateway {
        Objects.requireNonNull(nodeId, "nodeId");
        managedDomains = List.copyOf(managedDomains);
        dnsNameservers = List.copyOf(dnsNameservers);
        Objects.requireNonNull(updated, "updated");
        publicKeyHex = publicKeyHex == null ? "" : publicKeyHex;
    }

    public boolean isUp(Clock clock) {
        return updated.isAfter(clock.instant().minus(Node.UP_WINDOW));
    }

    public Gateway withUpdated(Instant heartbeat) {
        return new Gateway(nodeId, farmId, location, managedDomains, dnsNameservers, tcpRouterPort, heartbeat,
                publicKeyHex);
    }
}
