package io.threebot.deployer.internal.deploy;

/**
 * A node's place in a private network, with the WireGuard keys of its current network resource (the private key
 * sealed).
 *
 * @param endpoint the node's public address for WireGuard peers, or empty when it has none
 */
public record NetworkMember(String nodeId, String subnet, String endpoint, int listenPort, String publicKey,
                            String sealedPrivateKey) {

    public NetworkMember withKeys(String newPublicKey, String newSealedPrivateKey) {
        return new NetworkMember(nodeId, subnet, endpoint, listenPort, newPublicKey, newSealedPrivateKey);
    }
}
