package io.threebot.deployer.internal.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A 3Bot's private network: one /24 per member node inside {@code 10.100.0.0/16}, plus a WireGuard peer for the
 * owner's machine. The client's private key is kept sealed.
 *
 * @param generation how many times the members' network resources were deployed
 */
public record ManagementNetwork(String name, String ipRange, String accessNodeId, String peerSubnet,
                                String clientPublicKey, String sealedClientPrivateKey, List<NetworkMember> members,
                                List<String> usedIps, int generation) {
    public ManagementNetwork {
        members = List.copyOf(members);
        usedIps = List.copyOf(usedIps);
    }

    public Optional<NetworkMember> member(String nodeId) {
        return members.stream().filter(m -> m.nodeId().equals(nodeId)).findFirst();
    }

    /** The first free /24 after the ones taken by members and the client peer. */
    public String nextSubnet() {
        for (int third = 0; third < 256; third++) {
            String subnet = "10.100." + third + ".0/24";
            if (!subnet.equals(peerSubnet) && members.stream().noneMatch(m -> m.subnet().equals(subnet))) {
                return subnet;
            }
        }
        throw new IllegalStateException("network " + name + " has no free /24 left");
    }

    /** The first free host of a member's /24, skipping .0 and .1. */
    public String freeIp(String nodeId) {
        NetworkMember m = member(nodeId).orElseThrow(() -> new IllegalStateException(nodeId + " is not in " + name));
        String prefix = m.subnet().substring(0, m.subnet().lastIndexOf('.') + 1);
        for (int host = 2; host < 255; host++) {
            if (!usedIps.contains(prefix + host)) {
                return prefix + host;
            }
        }
        throw new IllegalStateException("subnet " + m.subnet() + " is full");
    }

    public ManagementNetwork withMember(NetworkMember member) {
        List<NetworkMember> copy = new ArrayList<>(members);
        copy.add(member);
        return new ManagementNetwork(name, ipRange, accessNodeId, peerSubnet, clientPublicKey, sealedClientPrivateKey,
                copy, usedIps, generation);
    }

    public ManagementNetwork withUsedIp(String ip) {
        List<String> copy = new ArrayList<>(usedIps);
        copy.add(ip);
        return new ManagementNetwork(name, ipRange, accessNodeId, peerSubnet, clientPublicKey, sealedClientPrivateKey,
                members, copy, generation);
    }

    public ManagementNetwork nextGeneration() {
        return new ManagementNetwork(name, ipRange, accessNodeId, peerSubnet, clientPublicKey, sealedClientPrivateKey,
                members, usedIps, generation + 1);
    }

    public ManagementNetwork withMembers(List<NetworkMember> newMembers) {
        return new ManagementNetwork(name, ipRange, accessNodeId, peerSubnet, clientPublicKey, sealedClientPrivateKey,
                newMembers, usedIps, generation);
    }

    /** The wg-quick configuration for the owner's machine. */
    public String wireGuardConfig(String clientPrivateKey) {
        NetworkMember access = member(accessNodeId).orElseThrow();
        String[] octets = peerSubnet.split("[./]");
        return "[Interface]\n"
                + "Address = 100.64." + octets[1] + "." + octets[2] + "/32\n"
                + "PrivateKey = " + clientPrivateKey + "\n"
                + "[Peer]\n"
                + "PublicKey = " + access.publicKey() + "\n"
                + "AllowedIPs = " + ipRange + ", 100.64.0.0/16\n"
                + "PersistentKeepalive = 25\n"
                + "Endpoint = " + access.endpoint() + ":" + access.listenPort() + "\n";
    }
}
