package io.threebot.deployer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.threebot.deployer.model.Secret;
import io.threebot.deployer.ssh.testkit.LocalSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupServerSetupIT {
    private static LocalSshd sshd;

    @BeforeAll
    static void start() {
        assertTrue(LocalSshd.available(), "OpenSSH server is not installed (scripts/test.sh installs it)");
        sshd = LocalSshd.start("setup");
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void aFreshServerIsPreparedOnceAndThenLeftAlone(@TempDir Path local) throws IOException {
        Path binary = local.resolve("rest-server");
        Files.writeString(binary, "#!/bin/sh\necho rest-server 0.9.7\n");
        Path remote = sshd.newDirectory("fresh");
        BackupServerConfig server = sshd.server("fresh").repositoryRoot(remote.resolve("backup").toString()).build();
        SetupOptions options = SetupOptions.builder().restServerBinary(binary)
                .restServerPath(remote.resolve("bin-rest-server").toString())
                .serviceUnitPath(remote.resolve("rest-server.service").toString()).startService(false).build();

        try (SshConnection connection = new SshConnection(server, SshSettings.defaults())) {
            SetupReport first = new BackupServerSetup(connection, options).prepare();
            assertThat(first.changes()).containsExactly("created " + remote.resolve("backup"),
                    "created an empty " + remote.resolve("backup/.htpasswd"),
                    "installed rest-server at " + remote.resolve("bin-rest-server"),
                    "wrote " + remote.resolve("rest-server.service"));
            assertThat(Files.readString(remote.resolve("backup/.htpasswd"))).isEmpty();
            assertThat(connection.run(remote.resolve("bin-rest-server").toString()).stdout())
                    .isEqualTo("rest-server 0.9.7\n");
            assertThat(Files.readString(remote.resolve("rest-server.service")))
                    .contains("ExecStart=" + remote.resolve("bin-rest-server") + " --private-repos --path "
                            + remote.resolve("backup") + " --listen :8000")
                    .contains("Restart=always").contains("WantedBy=multi-user.target");

            SetupReport second = new BackupServerSetup(connection, options).prepare();
            assertThat(second.changed()).isFalse();

            // the prepared server takes accounts
            try (SshBackupServers servers = SshBackupServers.over(java.util.Map.of(server, connection))) {
                servers.createUser("alice_mybot", Secret.of("pw"));
                assertThat(Files.readAllLines(remote.resolve("backup/.htpasswd"))).hasSize(1);
            }
            SetupReport third = new BackupServerSetup(connection, SetupOptions.builder().restServerBinary(binary)
                    .restServerPath(remote.resolve("bin-rest-server").toString()).listenPort(8001)
                    .serviceUnitPath(remote.resolve("rest-server.service").toString()).startService(false).build())
                    .prepare();
            assertThat(third.changes()).containsExactly("wrote " + remote.resolve("rest-server.service"));
            assertThat(Files.readAllLines(remote.resolve("backup/.htpasswd"))).hasSize(1);
        }
    }

    @Test
    void aStepThatFailsIsNamed() {
        BackupServerConfig server = sshd.server("broken").repositoryRoot("/proc/not-here/backup").build();
        try (SshConnection connection = new SshConnection(server, SshSettings.defaults())) {
            assertThatThrownBy(() -> new BackupServerSetup(connection, SetupOptions.builder().startService(false)
                    .serviceUnitPath(null).build()).prepare())
                    .isInstanceOf(SshBackupException.class)
                    .hasMessageContaining("backup server broken could not create the repositories");
        }
    }
}
