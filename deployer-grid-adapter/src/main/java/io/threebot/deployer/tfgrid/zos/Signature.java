package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A twin's signature of the deployment's challenge hash.
 *
 * @param twinId        the signing twin
 * @param signature     the 64-byte signature, hex
 * @param signatureType the key type, {@code ed25519} (zos also takes {@code sr25519}, which this library does not make)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"twin_id", "signature", "signature_type"})
public record Signature(
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("signature") String signature,
        @JsonProperty("signature_type") String signatureType) {
    /** The key type of the signatures this library makes. */
    public static final String ED25519 = "ed25519";
    /** The other key type zos takes. */
    public static final String SR25519 = "sr25519";

    public Signature {
        Check.uint32("signature_requirement.signatures.twin_id", twinId);
        signature = Check.text("signature_requirement.signatures.signature", signature);
        signatureType = Check.text("signature_requirement.signatures.signature_type", signatureType);
    }
}
