package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A {@code network} workload: this node's part of a user's wireguard network. IPs and CIDRs are kept in the text Go
 * writes for them (the challenge's text); the mycelium key in lower-case hex.
 *
 * @param ipRange             the whole network, an IPv4 /16 such as {@code 10.20.0.0/16}
 * @param subnet              this node's subnet of it, such as {@code 10.20.2.0/24}
 * @param wireguardPrivateKey this node's wireguard private key (base64), chosen by the user
 * @param wireguardListenPort this node's wireguard port, one not in {@code zos.network.list_wg_ports}
 * @param peers               the other peers of the network
 * @param mycelium            optional mycelium set-up, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"ip_range", "subnet", "wireguard_private_key", "wireguard_listen_port", "peers", "mycelium"})
public record Network(
        @JsonProperty("ip_range") String ipRange,
        @JsonProperty("subnet") String subnet,
        @JsonProperty("wireguard_private_key") String wireguardPrivateKey,
        @JsonProperty("wireguard_listen_port") int wireguardListenPort,
        @JsonProperty("peers") List<Peer> peers,
        @JsonProperty("mycelium") @JsonInclude(JsonInclude.Include.NON_NULL) Mycelium mycelium)
        implements WorkloadData {

    /** The workload type, {@code network}. */
    public static final String TYPE = "network";

    public Network {
        ipRange = IpText.cidr("data.ip_range", ipRange);
        subnet = IpText.cidr("data.subnet", subnet);
        wireguardPrivateKey = Check.text("data.wireguard_private_key", wireguardPrivateKey);
        Check.range("data.wireguard_listen_port", wireguardListenPort, 0, 65535);
        peers = Check.list("data.peers", peers);
    }

    @Override
    @JsonIgnore
    public String workloadType() {
        return TYPE;
    }

    /**
     * Another peer of the network.
     *
     * @param subnet             its subnet
     * @param wireguardPublicKey its wireguard public key
     * @param allowedIps         the ranges routed to it
     * @param endpoint           {@code host:port} where it is reached, or empty when it is not reachable
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"subnet", "wireguard_public_key", "allowed_ips", "endpoint"})
    public record Peer(
            @JsonProperty("subnet") String subnet,
            @JsonProperty("wireguard_public_key") String wireguardPublicKey,
            @JsonProperty("allowed_ips") List<String> allowedIps,
            @JsonProperty("endpoint") String endpoint) {
        public Peer {
            subnet = IpText.cidr("data.peers.subnet", subnet);
            wireguardPublicKey = Check.text("data.peers.wireguard_public_key", wireguardPublicKey);
            allowedIps = Check.list("data.peers.allowed_ips", allowedIps).stream()
                    .map(ip -> IpText.cidr("data.peers.allowed_ips", ip)).toList();
            endpoint = Check.text("data.peers.endpoint", endpoint);
        }
    }

    /**
     * The network's mycelium set-up.
     *
     * @param hexKey the mycelium key of this node's peer in the network (32 bytes), hex
     * @param peers  mycelium peers to use instead of the default list
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"hex_key", "peers"})
    public record Mycelium(@JsonProperty("hex_key") String hexKey, @JsonProperty("peers") List<String> peers) {
        public Mycelium {
            hexKey = Check.hex("data.mycelium.hex_key", hexKey);
            peers = Check.texts("data.mycelium.peers", peers);
        }
    }
}
