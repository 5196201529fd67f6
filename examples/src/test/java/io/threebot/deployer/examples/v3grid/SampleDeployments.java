package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.Network;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.ZMachine;
import io.threebot.deployer.tfgrid.zos.ZMount;
import java.util.List;
import java.util.Map;

/** Deployments the local grid tests send, shaped as a 3Bot's: a network, a disk and a VM on them. */
public final class SampleDeployments {
    private static final long GIB = 1L << 30;

    private SampleDeployments() {
    }

    /** A VM with a private network interface at {@code ip} and a 10 GiB disk mounted at {@code /data}. */
    public static Deployment vm(long twinId, String metadata, String ip) {
        return Deployment.of(twinId, metadata, "a 3bot", List.of(
                Workload.of(0, "net", new Network("10.20.0.0/16", "10.20.2.0/24", "a2V5", 7777, List.of(), null),
                        "", ""),
                Workload.of(0, "disk", new ZMount(10 * GIB), "", ""),
                Workload.of(0, "vm", new ZMachine("https://hub.grid.tf/tf-official-apps/base:latest.flist",
                        new ZMachine.MachineNetwork("", true, null, List.of(new ZMachine.Interface("net", ip))),
                        5 * GIB, new ZMachine.ComputeCapacity(2, 2 * GIB),
                        List.of(new ZMachine.Mount("disk", "/data")), "/sbin/zinit init", Map.of(), false,
                        List.of()), "", "")));
    }
}
