package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.GatewayNameProxy;
import io.threebot.deployer.tfgrid.zos.Network;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.ZMachine;
import io.threebot.deployer.tfgrid.zos.ZMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployments of a plan, built the same way every time (their hashes are how a resumed deploy finds its
 * contracts): the network's part on the VM's node and on the gateway node, the VM with its disk, the gateway name
 * proxy. Shaped as the official grid client shapes them (workload names, metadata with the project name).
 */
final class BotWorkloads {
    static final String NETWORK = "net3bot";
    static final String VM = "vm";
    static final String DISK = "data";
    static final String GATEWAY = "gw";
    static final String DATA_MOUNT = "/data";
    static final int HTTP_PORT = 80;

    private BotWorkloads() {
    }

    /** The network deployment on the VM's node. */
    static Deployment vmNodeNetwork(DeploymentPlan plan) {
        List<Network.Peer> peers = new ArrayList<>();
        if (plan.vmOnGateway()) {
            peers.add(userPeer(plan));
        } else {
            peers.add(new Network.Peer(subnet(plan, 3), plan.gatewayKey().publicKey(),
                    List.of(subnet(plan, 3), wgIp(plan, 3), subnet(plan, 4), wgIp(plan, 4)),
                    plan.placement().gatewayIp() + ":" + plan.gatewayPort()));
        }
        Network network = new Network(plan.ipRange(), subnet(plan, plan.vmSubnet()), plan.vmNodeKey().privateKey(),
                plan.vmNodePort(), peers, null);
        return deployment(plan, "network", List.of(Workload.of(0, NETWORK, network, "", "3Bot network")));
    }

    /** The network deployment on the gateway node, the access point of the user's peer (not when the VM is there). */
    static Deployment gatewayNetwork(DeploymentPlan plan) {
        return gatewayNetwork(plan, List.of(plan), 0);
    }

    /**
     * The network deployment on the gateway node peering with the VM nodes of these plans (during a move, the old
     * VM's node and the new one's), at this version.
     */
    static Deployment gatewayNetwork(DeploymentPlan plan, List<DeploymentPlan> vmNodes, long version) {
        List<Network.Peer> peers = new ArrayList<>();
        for (DeploymentPlan vmNode : vmNodes) {
            peers.add(new Network.Peer(subnet(plan, vmNode.vmSubnet()), vmNode.vmNodeKey().publicKey(),
                    List.of(subnet(plan, vmNode.vmSubnet()), wgIp(plan, vmNode.vmSubnet())), ""));
        }
        peers.add(userPeer(plan));
        Network network = new Network(plan.ipRange(), subnet(plan, 3), plan.gatewayKey().privateKey(),
                plan.gatewayPort(), peers, null);
        return deployment(plan, "network", version,
                List.of(Workload.of(version, NETWORK, network, "", "3Bot network")));
    }

    /** The VM and its data disk on the VM's node. */
    static Deployment vm(DeploymentPlan plan) {
        BotSize size = plan.size();
        ZMachine machine = new ZMachine(plan.flist(),
                new ZMachine.MachineNetwork("", false, null, List.of(new ZMachine.Interface(NETWORK, plan.vmIp()))),
                BotSize.ROOT_FS_BYTES, new ZMachine.ComputeCapacity(size.cpu(), size.memoryBytes()),
                List.of(new ZMachine.Mount(DISK, DATA_MOUNT)), "", plan.env(), false, List.of());
        return deployment(plan, "vm", List.of(
                Workload.of(0, DISK, new ZMount(size.diskBytes()), "", "3Bot data"),
                Workload.of(0, VM, machine, "", "3Bot " + plan.name())));
    }

    /** The gateway name proxy on the gateway node, forwarding to the VM's HTTP port over the network. */
    static Deployment gateway(DeploymentPlan plan) {
        return gateway(plan, 0);
    }

    /** The gateway name proxy forwarding to the plan's VM, at this version (a move switches the backend). */
    static Deployment gateway(DeploymentPlan plan, long version) {
        GatewayNameProxy proxy = new GatewayNameProxy(plan.name(), false,
                List.of("http://" + plan.vmIp() + ":" + HTTP_PORT), NETWORK);
        return deployment(plan, "gateway", version,
                List.of(Workload.of(version, GATEWAY, proxy, "", "3Bot " + plan.name())));
    }

    private static Network.Peer userPeer(DeploymentPlan plan) {
        return new Network.Peer(subnet(plan, 4), plan.userKey().publicKey(), List.of(subnet(plan, 4), wgIp(plan, 4)),
                "");
    }

    private static Deployment deployment(DeploymentPlan plan, String type, List<Workload> workloads) {
        return deployment(plan, type, 0, workloads);
    }

    private static Deployment deployment(DeploymentPlan plan, String type, long version, List<Workload> workloads) {
        String metadata = "{\"type\":\"" + type + "\",\"name\":\"" + plan.name() + "\",\"projectName\":\"3bot/"
                + plan.name() + "\"}";
        Deployment first = Deployment.of(plan.twinId(), metadata, "3Bot " + plan.name(), workloads);
        return new Deployment(version, first.twinId(), 0, first.metadata(), first.description(), first.expiration(),
                first.signatureRequirement(), first.workloads());
    }

    private static String subnet(DeploymentPlan plan, int third) {
        return "10." + plan.rangeOctet() + "." + third + ".0/24";
    }

    private static String wgIp(DeploymentPlan plan, int third) {
        return "100.64." + plan.rangeOctet() + "." + third + "/32";
    }
}
