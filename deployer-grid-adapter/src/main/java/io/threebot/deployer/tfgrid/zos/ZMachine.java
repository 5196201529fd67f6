package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code zmachine} workload: a VM (or a container flist run as one).
 *
 * @param flist           URL of the flist to boot
 * @param network         its networks
 * @param size            root disk size in bytes, 0 for the minimum
 * @param computeCapacity CPUs and memory
 * @param mounts          {@link ZMount} workloads of the same deployment to attach
 * @param entrypoint      the container's entrypoint, empty for the flist's own
 * @param env             environment variables (visible to the node: v3 has no secret env)
 * @param corex           whether to run corex as the entrypoint
 * @param gpu             GPU ids ({@code slot/vendor/device}) to attach, on dedicated nodes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"flist", "network", "size", "compute_capacity", "mounts", "entrypoint", "env", "corex", "gpu"})
public record ZMachine(
        @JsonProperty("flist") String flist,
        @JsonProperty("network") MachineNetwork network,
        @JsonProperty("size") long size,
        @JsonProperty("compute_capacity") ComputeCapacity computeCapacity,
        @JsonProperty("mounts") List<Mount> mounts,
        @JsonProperty("entrypoint") String entrypoint,
        @JsonProperty("env") Map<String, String> env,
        @JsonProperty("corex") boolean corex,
        @JsonProperty("gpu") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> gpu)
        implements WorkloadData {
    /** The workload type, {@code zmachine}. */
    public static final String TYPE = "zmachine";

    public ZMachine {
        flist = Check.text("data.flist", flist);
        network = network == null ? new MachineNetwork("", false, null, List.of()) : network;
        Check.uint64("data.size", size);
        computeCapacity = computeCapacity == null ? new ComputeCapacity(0, 0) : computeCapacity;
        mounts = Check.list("data.mounts", mounts);
        entrypoint = Check.text("data.entrypoint", entrypoint);
        env = env(env);
        gpu = Check.texts("data.gpu", gpu);
    }

    private static Map<String, String> env(Map<String, String> env) {
        if (env == null) {
            return Map.of();
        }
        if (env.size() > Check.MAX_ITEMS) {
            throw new InvalidDeploymentException("data.env", "data.env holds more than " + Check.MAX_ITEMS + " items");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        env.forEach((k, v) -> copy.put(Check.text("data.env", k), Check.text("data.env", v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    @JsonIgnore
    public String workloadType() {
        return TYPE;
    }

    /**
     * The machine's networks.
     *
     * @param publicIp   name of an {@link PublicIp} workload of the same deployment, or empty
     * @param planetary  whether to give it a planetary (yggdrasil, or mycelium when set) address
     * @param mycelium   optional mycelium address set-up, or null
     * @param interfaces the user networks (by {@link Network} workload name) it joins, with its IP on each
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"public_ip", "planetary", "mycelium", "interfaces"})
    public record MachineNetwork(
            @JsonProperty("public_ip") String publicIp,
            @JsonProperty("planetary") boolean planetary,
            @JsonProperty("mycelium") @JsonInclude(JsonInclude.Include.NON_NULL) MyceliumIp mycelium,
            @JsonProperty("interfaces") List<Interface> interfaces) {
        public MachineNetwork {
            publicIp = Check.text("data.network.public_ip", publicIp);
            interfaces = Check.list("data.network.interfaces", interfaces);
        }
    }

    /**
     * The machine on one user network.
     *
     * @param network the {@link Network} workload's name
     * @param ip      the machine's IP in this node's subnet of it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"network", "ip"})
    public record Interface(@JsonProperty("network") String network, @JsonProperty("ip") String ip) {
        public Interface {
            network = Check.text("data.network.interfaces.network", network);
            ip = IpText.ip("data.network.interfaces.ip", ip);
        }
    }

    /**
     * The machine's mycelium address.
     *
     * @param network the {@link Network} workload (with mycelium) it is derived in
     * @param hexSeed 6 random bytes, hex, from which the address is derived
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"network", "hex_seed"})
    public record MyceliumIp(
            // zos's Go struct has no JSON tag here, so Go writes "Network" (and reads either case)
            @JsonProperty("network") @JsonAlias("Network") String network,
            @JsonProperty("hex_seed") String hexSeed) {
        public MyceliumIp {
            network = Check.text("data.network.mycelium.network", network);
            hexSeed = Check.hex("data.network.mycelium.hex_seed", hexSeed);
        }
    }

    /**
     * CPUs and memory.
     *
     * @param cpu    virtual CPUs (0 to 255; zos wants at least 1)
     * @param memory memory in bytes (zos wants at least 250 MiB)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"cpu", "memory"})
    public record ComputeCapacity(@JsonProperty("cpu") int cpu, @JsonProperty("memory") long memory) {
        public ComputeCapacity {
            Check.range("data.compute_capacity.cpu", cpu, 0, 255);
            Check.uint64("data.compute_capacity.memory", memory);
        }
    }

    /**
     * A disk attached to the machine.
     *
     * @param name       the {@link ZMount} workload's name
     * @param mountpoint where it is mounted (in container mode)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"name", "mountpoint"})
    public record Mount(@JsonProperty("name") String name, @JsonProperty("mountpoint") String mountpoint) {
        public Mount {
            name = Check.text("data.mounts.name", name);
            mountpoint = Check.text("data.mounts.mountpoint", mountpoint);
        }
    }
}
