package io.threebot.deployer.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A workload on the grid.
 *
 * @param id        the workload id (wid); 0 before the grid assigned one
 * @param nodeId    the node, or the gateway for gateway workloads
 * @param reference a client-chosen key; the deployer puts its idempotency key here
 * @param metadata  the deployer's metadata (JSON), encrypted by the grid adapter
 * @param result    the node's report, once it answered
 */
public record Workload(long id, String nodeId, long poolId, long customerTid, String reference, String description,
                       String metadata, Instant epoch, NextAction nextAction, WorkloadSpec spec,
                       Optional<WorkloadResult> result) {
    public Workload {
        Objects.requireNonNull(nodeId, "nodeId");
        reference = reference == null ? "" : reference;
        description = description == null ? "" : description;
        metadata = metadata == null ? "" : metadata;
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(nextAction, "nextAction");
        Objects.requireNonNull(spec, "spec");
        result = result == null ? Optional.empty() : result;
    }

    /** A workload ready to be sent to the grid. */
    public static Workload draft(String nodeId, long poolId, String reference, String metadata, Instant epoch,
                                 WorkloadSpec spec) {
        return new Workload(0, nodeId, poolId, 0, reference, "", metadata, epoch, NextAction.DEPLOY, spec,
                Optional.empty());
    }

    public WorkloadType type() {
        return spec.type();
    }

    public Workload withId(long newId, long customer) {
        return new Workload(newId, nodeId, poolId, customer, reference, description, metadata, epoch, nextAction,
                spec, result);
    }

    public Workload withNextAction(NextAction action) {
        return new Workload(id, nodeId, poolId, customerTid, reference, description, metadata, epoch, action, spec,
                result);
    }

    public Workload withResult(WorkloadResult newResult) {
        return new Workload(id, nodeId, poolId, customerTid, reference, description, metadata, epoch, nextAction,
                spec, Optional.of(newResult));
    }
}
