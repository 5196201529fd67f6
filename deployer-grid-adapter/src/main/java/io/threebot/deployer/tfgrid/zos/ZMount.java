package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@code zmount} workload: a disk for a {@link ZMachine} in the same deployment.
 *
 * @param size its size in bytes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ZMount(@JsonProperty("size") long size) implements WorkloadData {
    /** The workload type, {@code zmount}. */
    public static final String TYPE = "zmount";

    public ZMount {
        Check.uint64("data.size", size);
    }

    @Override
    @JsonIgnore
    public String workloadType() {
        return TYPE;
    }
}
