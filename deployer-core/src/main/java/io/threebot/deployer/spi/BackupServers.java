package io.threebot.deployer.spi;

import io.threebot.deployer.model.Secret;
import java.util.List;

/**
 * The servers that keep 3Bots' backups: one account per 3Bot identity on every server.
 *
 * <p>Called from several lifecycle operations and backup requests at once.
 */
public interface BackupServers {

    /** The servers' addresses, as a 3Bot reaches them, in a fixed order. */
    List<String> addresses();

    /** Creates (or resets) the account on every server, or on none; returns {@link #addresses()}. */
    List<String> createUser(String user, Secret password);

    /** True when the password is the account's on every server. */
    boolean verifyUser(String user, Secret password);

    /** Removes the account and its data from every server. */
    void deleteUser(String user);
}
