package io.threebot.deployer.grid;

import io.threebot.deployer.model.WorkloadType;
import java.util.Locale;

/** A workload did not come up: the node reported an error, refused it, was down, or did not answer in time. */
public class WorkloadFailedException extends GridException {
    private final long workloadId;
    private final WorkloadType type;
    private final String nodeId;

    public WorkloadFailedException(long workloadId, WorkloadType type, String nodeId, String reason) {
        super(type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " workload " + workloadId + " on " + nodeId
                + " failed: " + reason);
        this.workloadId = workloadId;
        this.type = type;
        this.nodeId = nodeId;
    }

    public long workloadId() {
        return workloadId;
    }

    public WorkloadType type() {
        return type;
    }

    public String nodeId() {
        return nodeId;
    }
}
