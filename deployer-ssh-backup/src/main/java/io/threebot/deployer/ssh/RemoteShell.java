package io.threebot.deployer.ssh;

import io.threebot.deployer.model.Secret;
import java.util.Optional;

/** Runs shell lines on one server. */
public interface RemoteShell {

    /**
     * Runs the command, sending {@code stdin} (followed by a newline) on its standard input when present.
     *
     * @throws SshBackupException when the command could not be run or did not finish in time; a command that ran and
     *                            failed is a result with a non-zero exit status
     */
    CommandResult run(String command, Optional<Secret> stdin);

    /** Runs a command that reads nothing. */
    default CommandResult run(String command) {
        return run(command, Optional.empty());
    }
}
