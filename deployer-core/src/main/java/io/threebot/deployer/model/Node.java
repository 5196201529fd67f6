package io.threebot.deployer.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A grid node that runs workloads.
 *
 * @param updated   the node's last heartbeat; a node is up while it is younger than {@link #UP_WINDOW}
 * @param publicIpv4 the node's public IPv4 configuration (CIDR), when it is an access node
 * @param publicIpv6 the node's public IPv6 (CIDR), when it has one
 * @param publicKeyHex the node's ed25519 public key, used to encrypt secrets for it
 */
public record Node(String nodeId, long farmId, Location location, ResourceUnits total, ResourceUnits used,
                   ResourceUnits reserved, Instant updated, Optional<String> publicIpv4,
                   Optional<String> publicIpv6, String publicKeyHex, boolean freeToUse) {
    /** How recent a heartbeat must be for a node to count as up. */
    public static final Duration UP_WINDOW = Duration.ofMinutes(10);

    public Node {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(total, "total");
        used = used == null ? ResourceUnits.ZERO : used;
        reserved = reserved == null ? ResourceUnits.ZERO : reserved;
        Objects.requireNonNull(updated, "updated");
        publicIpv4 = publicIpv4 == null ? Optional.empty() : publicIpv4;
        publicIpv6 = publicIpv6 == null ? Optional.empty() : publicIpv6;
        publicKeyHex = publicKeyHex == null ? "" : publicKeyHex;
    }

    public boolean isUp(Clock clock) {
        return updated.isAfter(clock.instant().minus(UP_WINDOW));
    }

    /** Capacity still free: total minus reserved, never below zero. */
    public ResourceUnits free() {
        ResourceUnits f = total.minus(reserved);
        return new ResourceUnits(Math.max(0, f.cru()), Math.max(0, f.mru()), Math.max(0, f.sru()),
                Math.max(0, f.hru()));
    }

    public Node withReserved(ResourceUnits newReserved) {
        return new Node(nodeId, farmId, location, total, used, newReserved, updated, publicIpv4, publicIpv6,
                publicKeyHex, freeToUse);
    }

    public Node withUpdated(Instant heartbeat) {
        return new Node(nodeId, farmId, location, total, used, reserved, heartbeat, publicIpv4, publicIpv6,
                publicKeyHex, freeToUse);
    }
}
