package io.threebot.deployer.model;

import java.util.List;
import java.util.Objects;

/** One node's part of a private network. The private key is encrypted for the node by the grid adapter. */
public record NetworkResourceSpec(String name, String networkIpRange, String ipRange, Secret wireguardPrivateKey,
                                  String wireguardPublicKey, int wireguardListenPort, List<WireGuardPeer> peers)
        implements WorkloadSpec {
    public NetworkResourceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(networkIpRange, "networkIpRange");
        Objects.requireNonNull(ipRange, "ipRange");
        peers = List.copyOf(peers);
    }

    @Override
    public WorkloadType type() {
        return WorkloadType.NETWORK_RESOURCE;
    }
}
