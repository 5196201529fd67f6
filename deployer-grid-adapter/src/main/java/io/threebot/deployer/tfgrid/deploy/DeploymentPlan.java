package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.errors.InvalidInputException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything a 3Bot's deploy sends, chosen once ({@link BotTwin#plan}) so that every attempt of it builds the very
 * same deployments: the same hashes, which a resumed deploy finds its contracts by. A caller persists the plan before
 * the first attempt. It holds secrets (the environment, the WireGuard private keys): keep it as such.
 *
 * <p>The network is {@code 10.<rangeOctet>.0.0/16}: the VM's node has subnet {@code .<vmSubnet>.0/24} (2, or 5 after
 * a move to another node) and the VM is host {@code vmHost} in it (2, or 3 beside it after a resize on the same
 * node); the gateway node has {@code .3.0/24} and the user's WireGuard peer {@code .4.0/24}. The gateway node, which
 * has a public IPv4, is the one the user's peer and the VM's node dial.
 *
 * @param name        the 3Bot's name: its name contract and the first label of its address
 * @param twinId      the 3Bot's twin, which owns every contract
 * @param size        the VM's size
 * @param placement   its node and gateway
 * @param flist       the flist the VM boots
 * @param env         the VM's environment (visible to the node: v3 has no secret environment)
 * @param rangeOctet  the second octet of the network's range, 16 to 254
 * @param vmNodeKey   the WireGuard key of the VM node's end of the network
 * @param vmNodePort  its WireGuard port
 * @param gatewayKey  the WireGuard key of the gateway node's end
 * @param gatewayPort its WireGuard port
 * @param userKey     the user's own WireGuard peer ({@link #userWireguardConfig()})
 * @param vmSubnet    the third octet of the VM node's subnet: 2 or 5
 * @param vmHost      the VM's host number in that subnet: 2 or 3
 */
public record DeploymentPlan(String name, long twinId, BotSize size, Placement placement, String flist,
        Map<String, String> env, int rangeOctet, WireguardKey vmNodeKey, int vmNodePort, WireguardKey gatewayKey,
        int gatewayPort, WireguardKey userKey, int vmSubnet, int vmHost) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,48}[a-z0-9]");

    /**
     * @throws InvalidInputException when the name is not 3 to 50 lower-case letters, digits and inner dashes, or a
     *                               number is out of range
     */
    public DeploymentPlan {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "a 3Bot's name is 3 to 50 lower-case letters, digits and dashes "
                    + "inside");
        }
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(placement, "placement");
        if (flist == null || !flist.startsWith("https://")) {
            throw new InvalidInputException("flist", "the flist is an https URL");
        }
        env = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(env, "env")));
        if (rangeOctet < 16 || rangeOctet > 254) {
            throw new InvalidInputException("rangeOctet", "the network's range octet is 16 to 254");
        }
        Objects.requireNonNull(vmNodeKey, "vmNodeKey");
        Objects.requireNonNull(gatewayKey, "gatewayKey");
        Objects.requireNonNull(userKey, "userKey");
        if (vmSubnet != 2 && vmSubnet != 5 || vmHost != 2 && vmHost != 3) {
            throw new InvalidInputException("vmSubnet", "the VM's subnet is 2 or 5 and its host 2 or 3");
        }
        port(vmNodePort, "vmNodePort");
        port(gatewayPort, "gatewayPort");
    }

    private static void port(int port, String field) {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(field, "a WireGuard port is 1 to 65535");
        }
    }

    /** The 3Bot's address: {@code name.<gateway domain>}. */
    public String fqdn() {
        return placement.fqdn(name);
    }

    /** The network's range, {@code 10.<rangeOctet>.0.0/16}. */
    public String ipRange() {
        return "10." + rangeOctet + ".0.0/16";
    }

    /** The VM's address in the network. */
    public String vmIp() {
        return "10." + rangeOctet + "." + vmSubnet + "." + vmHost;
    }

    /**
     * The plan of a VM moved beside this one: on the same node (a resize) the other host of the same subnet, on
     * another node the other subnet with that node's WireGuard end. The name, gateway, network range, environment
     * and the user's peer stay.
     */
    DeploymentPlan movedTo(BotSize newSize, Placement to, WireguardKey newNodeKey, int newNodePort) {
        if (to.nodeId() == placement.nodeId()) {
            return new DeploymentPlan(name, twinId, newSize, to, flist, env, rangeOctet, vmNodeKey, vmNodePort,
                    gatewayKey, gatewayPort, userKey, vmSubnet, vmHost == 2 ? 3 : 2);
        }
        return new DeploymentPlan(name, twinId, newSize, to, flist, env, rangeOctet, newNodeKey, newNodePort,
                gatewayKey, gatewayPort, userKey, vmSubnet == 2 ? 5 : 2, 2);
    }

    /**
     * The plan with the VM on another node before it ever ran (its node refused it): name, gateway, network range,
     * environment, size and the user's peer stay, and so does the gateway node's WireGuard end (key and port), so that
     * {@link #userWireguardConfig()} is the same. The new node gets {@code newNodeKey} and {@code newNodePort} unless
     * it is the gateway node, which keeps its end.
     */
    DeploymentPlan placedAgain(Placement to, WireguardKey newNodeKey, int newNodePort) {
        WireguardKey accessKey = vmOnGateway() ? vmNodeKey : gatewayKey;
        int accessPort = vmOnGateway() ? vmNodePort : gatewayPort;
        boolean onGateway = to.nodeId() == to.gatewayNodeId();
        return new DeploymentPlan(name, twinId, size, to, flist, env, rangeOctet,
                onGateway ? accessKey : newNodeKey, onGateway ? accessPort : newNodePort, accessKey, accessPort,
                userKey, vmSubnet, vmHost);
    }

    /** Whether the VM runs on the gateway node itself (then one network deployment serves both). */
    public boolean vmOnGateway() {
        return placement.nodeId() == placement.gatewayNodeId();
    }

    /** A WireGuard configuration for the user's own peer, to reach the 3Bot's network (the "download"). */
    public String userWireguardConfig() {
        WireguardKey access = vmOnGateway() ? vmNodeKey : gatewayKey;
        int port = vmOnGateway() ? vmNodePort : gatewayPort;
        return "[Interface]\n"
                + "Address = 100.64." + rangeOctet + ".4/32\n"
                + "PrivateKey = " + userKey.privateKey() + "\n\n"
                + "[Peer]\n"
                + "PublicKey = " + access.publicKey() + "\n"
                + "AllowedIPs = " + ipRange() + ", 100.64.0.0/16\n"
                + "PersistentKeepalive = 25\n"
                + "Endpoint = " + placement.gatewayIp() + ":" + port + "\n";
    }

    /** Without the environment's values and the private keys. */
    @Override
    public String toString() {
        return "DeploymentPlan[name=" + name + ", twinId=" + twinId + ", size=" + size + ", placement=" + placement
                + ", flist=" + flist + ", env=" + env.keySet() + ", range=" + ipRange() + "]";
    }
}
