package io.threebot.deployer.ssh;

import io.threebot.deployer.model.Secret;
import java.util.Optional;

/** The backup accounts of one server, managed through its shell. */
final class BackupAccounts {
    /** htpasswd -v: 3 for a wrong password, 6 for an unknown user. */
    private static final int WRONG_PASSWORD = 3;
    private static final int NO_SUCH_USER = 6;

    private final BackupServerConfig server;
    private final HtpasswdCommands commands;
    private final RemoteShell shell;

    BackupAccounts(BackupServerConfig server, RemoteShell shell) {
        this.server = server;
        this.commands = server.commands();
        this.shell = shell;
    }

    String name() {
        return server.name();
    }

    String address() {
        return server.address();
    }

    /** The account's current line of the password file, to put back if a change has to be undone. */
    Optional<Secret> entry(BackupAccountName account) {
        CommandResult result = expectSuccess(commands.entry(account), Optional.empty(), "read the password file");
        String line = result.stdout().strip();
        return line.isEmpty() ? Optional.empty() : Optional.of(Secret.of(line));
    }

    void create(BackupAccountName account, Secret password) {
        expectSuccess(commands.create(account), Optional.of(password), "create the account");
    }

    boolean verify(BackupAccountName account, Secret password) {
        CommandResult result = shell.run(commands.verify(account), Optional.of(password));
        if (result.exitStatus() == WRONG_PASSWORD || result.exitStatus() == NO_SUCH_USER) {
            return false;
        }
        if (!result.succeeded()) {
            throw failure("check the password", result);
        }
        return true;
    }

    void delete(BackupAccountName account) {
        expectSuccess(commands.delete(account), Optional.empty(), "delete the account");
    }

    /** Puts the account back as {@link #entry} found it: the old line, or no account. */
    void restore(BackupAccountName account, Optional<Secret> previous) {
        if (previous.isPresent()) {
            expectSuccess(commands.restore(account), previous, "restore the account");
        } else {
            expectSuccess(commands.removeEntry(account), Optional.empty(), "remove the new account");
        }
    }

    private CommandResult expectSuccess(String command, Optional<Secret> stdin, String what) {
        CommandResult result = shell.run(command, stdin);
        if (!result.succeeded()) {
            throw failure(what, result);
        }
        return result;
    }

    private SshBackupException failure(String what, CommandResult result) {
        return new SshBackupException("backup server " + server.name() + " could not " + what + " (exit "
                + result.exitStatus() + "): " + result.reason());
    }
}
