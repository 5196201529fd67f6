package io.threebot.deployer.model;

import java.util.List;

/** A peer of a network resource. */
public record WireGuardPeer(String publicKey, String endpoint, String ipRange, List<String> allowedIpRanges) {
    public WireGuardPeer {
        endpoint = endpoint == null ? "" : endpoint;
        allowedIpRanges = List.copyOf(allowedIpRanges);
    }
}
