package io.threebot.deployer.model;

import java.time.Instant;
import java.util.Map;

/** A node's report on a workload, with result data such as a container's IPs. */
public record WorkloadResult(ResultState state, String message, Map<String, String> data, Instant at) {
    public WorkloadResult {
        message = message == null ? "" : message;
        data = Map.copyOf(data);
    }
}
