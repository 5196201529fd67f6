package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A twin whose signature counts towards the deployment's required weight.
 *
 * @param twinId   the twin
 * @param required whether its signature is needed whatever the weight (the deployment's own twin always is)
 * @param weight   what its signature weighs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"twin_id", "required", "weight"})
public record SignatureRequest(
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("required") boolean required,
        @JsonProperty("weight") long weight) {
    public SignatureRequest {
        Check.uint32("signature_requirement.requests.twin_id", twinId);
        Check.uint64("signature_requirement.requests.weight", weight);
    }
}
