package io.threebot.deployer.explorer;

import io.threebot.deployer.crypto.IdentityKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Signatures over workload challenges: the customer's signature when a workload is created, and the signature of
 * a delete request. Both sign the SHA-256 digest of their text, not the text.
 */
final class WorkloadSigner {
    private WorkloadSigner() {
    }

    /** {@code customer_signature}: hex of ed25519(SHA-256(challenge)). */
    public static String customerSignature(IdentityKeys keys, String challenge) {
        return HexFormat.of().formatHex(keys.sign(sha256(challenge)));
    }

    /** The signature of a delete request, over the challenge of the workload as the explorer stored it. */
    public static String deleteSignature(IdentityKeys keys, String storedChallenge, long tid) {
        return HexFormat.of().formatHex(keys.sign(sha256(storedChallenge + "delete" + tid)));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
