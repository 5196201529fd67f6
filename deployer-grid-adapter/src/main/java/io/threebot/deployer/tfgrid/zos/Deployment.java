package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * A zos deployment: the workloads one twin runs on one node under one node contract (zosbase
 * {@code gridtypes.Deployment}), read and written as zos reads it in JSON ({@link ZosJson}).
 *
 * <p>Its {@link #challengeHash() hash} is the MD5 of its {@link #challenge() challenge} text; a node contract holds the
 * hash's lower-case hex ({@link #challengeHashHex()}) and the node refuses a deployment whose hash differs.
 * {@link #signed} adds the twin's ed25519 signature of the hash as zos verifies it.
 *
 * @param version              0 when created, one more on each update
 * @param twinId               the owning twin
 * @param contractId           the node contract (set once it exists; not part of the hash)
 * @param metadata             free text for the user's own systems
 * @param description          free text for people
 * @param expiration           deprecated by zos, kept for the hash (usually 0)
 * @param signatureRequirement who signs it
 * @param workloads            its workloads, names unique
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"version", "twin_id", "contract_id", "metadata", "description", "expiration",
        "signature_requirement", "workloads"})
public record Deployment(
        @JsonProperty("version") long version,
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("contract_id") long contractId,
        @JsonProperty("metadata") String metadata,
        @JsonProperty("description") String description,
        @JsonProperty("expiration") long expiration,
        @JsonProperty("signature_requirement") SignatureRequirement signatureRequirement,
        @JsonProperty("workloads") List<Workload> workloads) {

    public Deployment {
        Check.uint32("version", version);
        Check.uint32("twin_id", twinId);
        Check.uint64("contract_id", contractId);
        metadata = Check.text("metadata", metadata);
        description = Check.text("description", description);
        signatureRequirement = signatureRequirement == null
                ? new SignatureRequirement(List.of(), 0, List.of(), "") : signatureRequirement;
        workloads = Check.list("workloads", workloads);
        Set<String> names = new HashSet<>();
        for (Workload w : workloads) {
            if (!names.add(w.name())) {
                throw new InvalidDeploymentException("workloads.name", "two workloads are named " + w.name());
            }
        }
    }

    /** A new deployment (version 0, no contract yet) of one twin, which signs it alone. */
    public static Deployment of(long twinId, String metadata, String description, List<Workload> workloads) {
        return new Deployment(0, twinId, 0, metadata, description, 0, SignatureRequirement.singleTwin(twinId),
                workloads);
    }

    /** The challenge text zos hashes; an {@link OtherWorkloadData} workload makes it an error. */
    public String challenge() {
        return Challenge.of(this);
    }

    /** The 16-byte MD5 of the challenge's UTF-8 bytes (zosbase {@code ChallengeHash}). */
    public byte[] challengeHash() {
        try {
            return MessageDigest.getInstance("MD5").digest(challenge().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** The hash as lower-case hex: what a node contract's {@code deployment_hash} holds. */
    public String challengeHashHex() {
        return HexFormat.of().formatHex(challengeHash());
    }

    /** The bytes a twin signs: the raw hash, or {@code <Bytes>hex</Bytes>} for the polka-wallet style. */
    private byte[] signedMessage() {
        byte[] hash = challengeHash();
        if (SignatureRequirement.STYLE_POLKA_WALLET.equals(signatureRequirement.signatureStyle())) {
            return ("<Bytes>" + HexFormat.of().formatHex(hash) + "</Bytes>").getBytes(StandardCharsets.UTF_8);
        }
        return hash;
    }

    /**
     * This deployment with the twin's ed25519 signature of its challenge hash: replacing the twin's signature if it
     * has one (as zosbase {@code Deployment.Sign} does), else added with type {@code ed25519}.
     */
    public Deployment signed(long signingTwin, Ed25519KeyPair key) {
        Check.uint32("twin_id", signingTwin);
        String signature = HexFormat.of().formatHex(key.sign(signedMessage()));
        List<Signature> signatures = new ArrayList<>();
        boolean replaced = false;
        for (Signature s : signatureRequirement.signatures()) {
            if (!replaced && s.twinId() == signingTwin) {
                signatures.add(new Signature(signingTwin, signature, s.signatureType()));
                replaced = true;
            } else {
                signatures.add(s);
            }
        }
        if (!replaced) {
            signatures.add(new Signature(signingTwin, signature, Signature.ED25519));
        }
        SignatureRequirement r = signatureRequirement;
        return new Deployment(version, twinId, contractId, metadata, description, expiration,
                new SignatureRequirement(r.requests(), r.weightRequired(), signatures, r.signatureStyle()), workloads);
    }

    /**
     * Checks the signatures as a node does (zosbase {@code Deployment.Verify}): every requested twin's signature must
     * verify with its key (the deployment's own twin must be among the requests), and their weights must reach the
     * required weight. Only ed25519 signatures are checked here; an sr25519 one fails.
     *
     * @param publicKeyOfTwin a twin's 32-byte ed25519 public key (its account id), or null when it has none
     * @throws InvalidDeploymentException (field {@code signature_requirement}) when they do not satisfy it
     */
    public void verifySignatures(LongFunction<byte[]> publicKeyOfTwin) {
        byte[] message = signedMessage();
        boolean originatorFound = false;
        long weight = 0;
        for (SignatureRequest request : signatureRequirement.requests()) {
            boolean required = request.required();
            if (request.twinId() == twinId) {
                originatorFound = true;
                required = true;
            }
            Signature signature = null;
            for (Signature s : signatureRequirement.signatures()) {
                if (s.twinId() == request.twinId()) {
                    signature = s;
                    break;
                }
            }
            if (signature == null && required) {
                throw refused("missing required signature for twin " + request.twinId());
            }
            byte[] key = publicKeyOfTwin.apply(request.twinId());
            if (key == null) {
                throw refused("no public key for twin " + request.twinId());
            }
            if (signature != null && Signature.SR25519.equals(signature.signatureType())) {
                throw refused("sr25519 signatures are not checked here (twin " + request.twinId() + ")");
            }
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(signature == null ? "" : signature.signature());
            } catch (IllegalArgumentException e) {
                throw refused("the signature of twin " + request.twinId() + " is not hex");
            }
            if (!Ed25519KeyPair.verify(key, message, bytes)) {
                throw refused("the signature of twin " + request.twinId() + " does not verify");
            }
            weight += request.weight();
        }
        if (!originatorFound) {
            throw refused("the deployment's twin must be among the signature requests");
        }
        if (Long.compareUnsigned(weight, signatureRequirement.weightRequired()) < 0) {
            throw refused("the required signature weight is not reached");
        }
    }

    private static InvalidDeploymentException refused(String message) {
        return new InvalidDeploymentException("signature_requirement", message);
    }

    /** This deployment with the contract id set (after the contract is created; the hash does not change). */
    public Deployment withContractId(long newContractId) {
        return new Deployment(version, twinId, newContractId, metadata, description, expiration, signatureRequirement,
                workloads);
    }

    /** The workload of that name, or null. */
    public Workload workload(String name) {
        for (Workload w : workloads) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        return null;
    }
}
