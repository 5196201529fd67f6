package io.threebot.deployer.deploy;

import java.time.Instant;

/**
 * A one-time token that lets a new 3Bot create its backup account. Only its SHA-256 is stored.
 *
 * @param identityName the 3Bot identity the token is for; it is good for no other
 */
public record BackupToken(String identityName, String tokenSha256, Instant expiresAt, boolean consumed) {
    /** The store kind tokens are kept under, one per identity. */
    public static final String KIND = "backup-tokens";
}
