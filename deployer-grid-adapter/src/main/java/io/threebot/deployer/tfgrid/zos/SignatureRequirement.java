package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Which twins must sign the deployment and the weight their signatures must reach (zosbase
 * {@code gridtypes.SignatureRequirement}).
 *
 * @param requests       the twins that may sign
 * @param weightRequired the total weight of valid signatures the node requires
 * @param signatures     the signatures made
 * @param signatureStyle how the hash was signed: {@code ""} (the raw 16-byte MD5, the default) or
 *                       {@code "polka-wallet"} ({@code <Bytes>hex of the MD5</Bytes>}); part of the challenge
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"requests", "weight_required", "signatures", "signature_style"})
public record SignatureRequirement(
        @JsonProperty("requests") List<SignatureRequest> requests,
        @JsonProperty("weight_required") long weightRequired,
        @JsonProperty("signatures") List<Signature> signatures,
        @JsonProperty("signature_style") String signatureStyle) {

    /** The default signature style: the raw MD5 challenge hash is signed. */
    public static final String STYLE_DEFAULT = "";
    /** The polka-wallet style: {@code <Bytes>hex</Bytes>} around the hex of the hash is signed. */
    public static final String STYLE_POLKA_WALLET = "polka-wallet";

    public SignatureRequirement {
        requests = Check.list("signature_requirement.requests", requests);
        Check.uint64("signature_requirement.weight_required", weightRequired);
        signatures = Check.list("signature_requirement.signatures", signatures);
        signatureStyle = Check.text("signature_requirement.signature_style", signatureStyle);
    }

    /** The usual requirement: one twin, required, weight 1 of 1, default style, no signatures yet. */
    public static SignatureRequirement singleTwin(long twinId) {
        return new SignatureRequirement(List.of(new SignatureRequest(twinId, true, 1)), 1, List.of(), STYLE_DEFAULT);
    }
}
