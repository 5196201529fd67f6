package io.threebot.deployer.ssh;

import java.util.List;

/**
 * What {@link BackupServerSetup} did on one server; nothing when the server was ready.
 *
 * @param server  the server's name
 * @param changes one line per change, in order
 */
public record SetupReport(String server, List<String> changes) {
    public SetupReport {
        changes = List.copyOf(changes);
    }

    /** True when the server was not ready and something was done. */
    public boolean changed() {
        return !changes.isEmpty();
    }
}
