package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Optional;

/**
 * One workload of a deployment (zosbase {@code gridtypes.Workload}); its {@code type} names the kind of its
 * {@link #data()}.
 *
 * @param version     the deployment version in which it was last changed
 * @param name        unique in the deployment: 1 to 36 of {@code [a-zA-Z0-9_]}
 * @param type        the workload type ({@code zmachine}, {@code network}, ...)
 * @param data        the type's data
 * @param metadata    free text for the user's own systems
 * @param description free text for people
 * @param result      what the node reports of it, or null when it has not (or when sent)
 */
@JsonPropertyOrder({"version", "name", "type", "data", "metadata", "description", "result"})
@JsonDeserialize(using = WorkloadDeserializer.class)
public record Workload(
        @JsonProperty("version") long version,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("data") WorkloadData data,
        @JsonProperty("metadata") String metadata,
        @JsonProperty("description") String description,
        @JsonProperty("result") @JsonInclude(JsonInclude.Include.NON_NULL) WorkloadResult result) {

    public Workload {
        Check.uint32("workloads.version", version);
        name = Check.name("workloads.name", name);
        if (data == null) {
            throw new InvalidDeploymentException("workloads.data", "workload " + name + " has no data");
        }
        type = type == null ? data.workloadType() : Check.text("workloads.type", type);
        if (!type.equals(data.workloadType())) {
            throw new InvalidDeploymentException("workloads.type",
                    "workload " + name + " is of type " + type + " but holds " + data.workloadType() + " data");
        }
        metadata = Check.text("workloads.metadata", metadata);
        description = Check.text("workloads.description", description);
    }

    /** A workload to send: no result, its type taken from the data. */
    public static Workload of(long version, String name, WorkloadData data, String metadata, String description) {
        return new Workload(version, name, null, data, metadata, description, null);
    }

    /** This workload with another version (the one of the deployment update that changes it). */
    public Workload withVersion(long newVersion) {
        return new Workload(newVersion, name, type, data, metadata, description, result);
    }

    /** This workload without its result, as it is sent. */
    public Workload withoutResult() {
        return new Workload(version, name, type, data, metadata, description, null);
    }

    /** The result data, read for this workload's type; empty when there is none. */
    public Optional<WorkloadResult.Data> resultData() {
        return result == null ? Optional.empty() : result.dataOf(type);
    }
}
