package io.threebot.deployer.backup;

import java.util.List;

/**
 * The deployer's side of a 3Bot's backups, as a host serves it to its 3Bots: a 3Bot proves it holds its identity key
 * by sealing its backup password for the deployer's key, and gets an account on every backup server (new 3Bots, with
 * their one-time token) or has its password checked there (restored 3Bots). {@link BackupHttpHandler} serves it over
 * HTTP. Both methods may be called concurrently.
 */
public interface Backups {

    /** The deployer's curve25519 public key, base64: what a 3Bot seals its password for. */
    String publicKey();

    /**
     * Creates the 3Bot's account on every backup server, or checks its password there, and returns the servers'
     * addresses. A token is used up only when the account was made; if a server fails, it stays good for a retry.
     *
     * @throws InvalidBackupRequestException    a malformed name or password, or a new account without a token
     * @throws BackupIdentityNotFoundException  the identity is not on the grid
     * @throws BackupCredentialsException       the password was not sealed by that identity, or is not the account's
     * @throws BackupAccessDeniedException      the token is wrong, expired or used
     */
    List<String> init(BackupInitRequest request);
}
