package io.threebot.deployer.internal.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A one-time token that lets a new 3Bot create its backup account. Only its SHA-256 is stored.
 *
 * @param identityName the 3Bot identity the token is for; it is good for no other
 * @param consumed     true once a backup account was created with it
 */
public record BackupToken(String identityName, String tokenSha256, Instant expiresAt, boolean consumed) {
    /** The store kind tokens are kept under, one per identity. */
    public static final String KIND = "backup-tokens";

    /** A token record for the plain token, which is not kept. */
    static BackupToken of(String identityName, String token, Instant expiresAt) {
        return new BackupToken(identityName, sha256(token), expiresAt, false);
    }

    /** True when {@code token} is this one (compared in constant time), whether or not it was used. */
    public boolean isFor(String token) {
        return MessageDigest.isEqual(tokenSha256.getBytes(StandardCharsets.US_ASCII),
                sha256(token).getBytes(StandardCharsets.US_ASCII));
    }

    BackupToken withConsumed(boolean value) {
        return new BackupToken(identityName, tokenSha256, expiresAt, value);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
