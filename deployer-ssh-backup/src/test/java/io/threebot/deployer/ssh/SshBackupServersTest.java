package io.threebot.deployer.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.model.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshBackupServersTest {
    /** A shell that records what it is sent and answers like htpasswd. */
    private static final class RecordingShell implements RemoteShell {
        final List<String> commands = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();

        @Override
        public synchronized CommandResult run(String command, Optional<Secret> stdin) {
            commands.add(command);
            stdin.ifPresent(s -> inputs.add(s.value()));
            return new CommandResult(0, "", "");
        }
    }

    @Test
    void passwordsTravelOnStandardInputOnly() {
        Map<BackupServerConfig, RemoteShell> shells = new LinkedHashMap<>();
        RecordingShell one = new RecordingShell();
        RecordingShell two = new RecordingShell();
        shells.put(config("backup1"), one);
        shells.put(config("backup2"), two);
        try (SshBackupServers servers = SshBackupServers.over(shells)) {
            servers.createUser("alice_mybot", Secret.of("hunter2 'quoted'"));
            servers.verifyUser("alice_mybot", Secret.of("hunter2 'quoted'"));
        }
        for (RecordingShell shell : List.of(one, two)) {
            assertThat(shell.commands).hasSize(3).noneMatch(c -> c.contains("hunter2"));
            assertThat(shell.inputs).containsExactly("hunter2 'quoted'", "hunter2 'quoted'");
        }
    }

    private static BackupServerConfig config(String name) {
        return BackupServerConfig.builder(name).host(name + ".example").keyFile(Path.of("id"))
                .knownHostsFile(Path.of("known_hosts")).build();
    }
}
