package io.threebot.deployer.model;

/** A container's attachment to a private network. */
public record NetworkConnection(String networkName, String ipAddress, boolean publicIpv6) {
}
