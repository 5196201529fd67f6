package io.threebot.deployer.backup;

import io.threebot.deployer.internal.backup.BackupService;
import java.util.Objects;
import java.util.Optional;

/**
 * What a 3Bot sends to get its backup account: its identity name, its backup password sealed for the deployer,
 * and for a new account the one-time token it was deployed with.
 *
 * @param threebotName      the 3Bot's grid identity, {@code <owner>_<name>} (a {@code .3bot} suffix is ignored)
 * @param encryptedPassword base64 of a NaCl box (nonce ‖ MAC ‖ ciphertext) from the 3Bot's key to
 *                          {@link BackupService#publicKey()}
 * @param newAccount        true to create (or reset) the account, false to check the password of an existing one
 * @param token             the one-time backup token; required when {@code newAccount}
 */
public record BackupInitRequest(String threebotName, String encryptedPassword, boolean newAccount,
                                Optional<String> token) {
    public BackupInitRequest {
        Objects.requireNonNull(threebotName, "threebotName");
        Objects.requireNonNull(encryptedPassword, "encryptedPassword");
        Objects.requireNonNull(token, "token");
    }

    /** A request for a new account. */
    public static BackupInitRequest create(String threebotName, String encryptedPassword, String token) {
        return new BackupInitRequest(threebotName, encryptedPassword, true, Optional.of(token));
    }

    /** A request to reach an existing account. */
    public static BackupInitRequest existing(String threebotName, String encryptedPassword) {
        return new BackupInitRequest(threebotName, encryptedPassword, false, Optional.empty());
    }

    @Override
    public String toString() {
        return "BackupInitRequest[threebotName=" + threebotName + ", newAccount=" + newAccount + "]";
    }
}
