package io.threebot.deployer.tfgrid.zos;

/**
 * The {@code data} of a workload, one record per workload type this library writes: {@link Network}
 * ({@code network}), {@link ZMachine} ({@code zmachine}), {@link ZMount} ({@code zmount}), {@link PublicIp}
 * ({@code ip}), {@link GatewayNameProxy} ({@code gateway-name-proxy}), {@link GatewayFqdnProxy}
 * ({@code gateway-fqdn-proxy}); any other type a node reports is kept as it came ({@link OtherWorkloadData}), and has
 * no challenge here. Each record reads and writes the JSON that zos reads (zosbase {@code pkg/gridtypes/zos}).
 */
public sealed interface WorkloadData
        permits Network, ZMachine, ZMount, PublicIp, GatewayNameProxy, GatewayFqdnProxy, OtherWorkloadData {

    /** The workload type this is the data of, as the workload's {@code type} field names it. */
    String workloadType();
}
