package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An {@code ip} workload: a public IPv4 (one of the contract's) and/or IPv6 for a {@link ZMachine}, which names it in
 * its network's {@code public_ip}.
 *
 * @param v4 whether to take a public IPv4
 * @param v6 whether to take a public IPv6
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"v4", "v6"})
public record PublicIp(@JsonProperty("v4") boolean v4, @JsonProperty("v6") boolean v6) implements WorkloadData {
    /** The workload type, {@code ip}. */
    public static final String TYPE = "ip";

    @Override
    @JsonIgnore
    public String workloadType() {
        return TYPE;
    }
}
