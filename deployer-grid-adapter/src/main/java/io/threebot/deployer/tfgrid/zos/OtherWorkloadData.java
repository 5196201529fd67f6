package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The data of a workload type this library does not model ({@code zdb}, {@code qsfs}, {@code zlogs}, ...), kept as
 * the node sent it so that a deployment read from a node can be shown and written back. A deployment holding one
 * has no challenge here.
 *
 * @param workloadType the workload's type
 * @param json         the data as it came
 */
public record OtherWorkloadData(@JsonIgnore String workloadType, JsonNode json) implements WorkloadData {
    public OtherWorkloadData {
        workloadType = Check.text("type", workloadType);
        json = json == null ? NullNode.getInstance() : json.deepCopy();
    }

    /** A copy of the data as it came. */
    @JsonValue
    public JsonNode json() {
        return json.deepCopy();
    }
}
