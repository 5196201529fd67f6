package io.threebot.deployer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.threebot.deployer.model.Secret;
import io.threebot.deployer.ssh.testkit.LocalSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two real OpenSSH servers standing for the two backup servers. */
class SshBackupServersIT {
    private static LocalSshd first;
    private static LocalSshd second;

    @BeforeAll
    static void startServers() {
        assertTrue(LocalSshd.available(), "OpenSSH server is not installed (scripts/test.sh installs it)");
        first = LocalSshd.start("backup1");
        second = LocalSshd.start("backup2");
    }

    @AfterAll
    static void stopServers() {
        if (first != null) {
            first.close();
            second.close();
        }
    }

    @BeforeEach
    void emptyPasswordFiles() {
        first.withEmptyPasswordFile();
        second.withEmptyPasswordFile();
        if (!isUp(second)) {
            second.restart();
        }
    }

    private static boolean isUp(LocalSshd sshd) {
        try (var socket = new java.net.Socket("127.0.0.1", sshd.port())) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private SshBackupServers servers() {
        return SshBackupServers.connect(new SshBackupConfig(List.of(first.server("backup1").address("10.1.0.1").build(),
                second.server("backup2").address("10.1.0.2").build()), fast()));
    }

    private static SshSettings fast() {
        return SshSettings.builder().connectTimeout(Duration.ofSeconds(3)).commandTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Test
    void anAccountIsCreatedVerifiedAndDeletedOnBothServers() throws IOException {
        try (SshBackupServers servers = servers()) {
            assertThat(servers.createUser("alice_mybot", Secret.of("correct horse"))).containsExactly("10.1.0.1",
                    "10.1.0.2");
            for (LocalSshd sshd : List.of(first, second)) {
                assertThat(sshd.htpasswdLines()).singleElement().asString().startsWith("alice_mybot:$2y$10$")
                        .doesNotContain("correct horse");
            }
            assertThat(servers.verifyUser("alice_mybot", Secret.of("correct horse"))).isTrue();
            assertThat(servers.verifyUser("alice_mybot", Secret.of("wrong"))).isFalse();
            assertThat(servers.verifyUser("bob_other", Secret.of("correct horse"))).isFalse();

            Path repository = first.directory().resolve("backup/alice_mybot");
            try (SshConnection asRestServer = new SshConnection(first.server("backup1").build(), fast())) {
                asRestServer.run("mkdir -p " + repository + "/data && echo restic > " + repository + "/config");
            }
            assertThat(repository.resolve("config")).exists();
            servers.deleteUser("alice_mybot");
            assertThat(first.htpasswdLines()).isEmpty();
            assertThat(second.htpasswdLines()).isEmpty();
            assertThat(repository).doesNotExist();
            servers.deleteUser("alice_mybot");
        }
    }

    @Test
    void oneConnectionPerServerServesEveryCommandAndCommandsRunAtOnce() throws Exception {
        SshSettings settings = fast();
        try (SshConnection connection = new SshConnection(first.server("backup1").build(), settings)) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            var results = new java.util.ArrayList<java.util.concurrent.Future<CommandResult>>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                results.add(pool.submit(() -> connection.run("echo " + n)));
            }
            for (int i = 0; i < 16; i++) {
                assertThat(results.get(i).get().stdout().strip()).isEqualTo(String.valueOf(i));
            }
            pool.shutdown();
            assertThat(connection.connects()).isEqualTo(1);
        }
    }

    @Test
    void theConnectionComesBackAfterTheServerRestarts() {
        try (SshConnection connection = new SshConnection(second.server("backup2").build(), fast())) {
            assertThat(connection.run("echo before").stdout()).isEqualTo("before\n");
            second.restart();
            assertThat(connection.run("echo after").stdout()).isEqualTo("after\n");
            assertThat(connection.connects()).isEqualTo(2);
        }
    }

    @Test
    void aCommandThatHangsTimesOut() {
        SshSettings settings = SshSettings.builder().commandTimeout(Duration.ofMillis(300)).build();
        try (SshConnection connection = new SshConnection(first.server("backup1").build(), settings)) {
            assertThatThrownBy(() -> connection.run("sleep 5"))
                    .isInstanceOf(SshCommandTimeoutException.class)
                    .hasMessageContaining("backup server backup1").hasMessageContaining("300 ms");
            assertThat(connection.run("echo still usable").stdout()).isEqualTo("still usable\n");
            assertThat(connection.connects()).isEqualTo(2);
        }
    }

    @Test
    void aNameWithShellMetacharactersIsRefusedBeforeAnyConnection() {
        try (SshBackupServers servers = servers()) {
            assertThatThrownBy(() -> servers.createUser("alice_x;touch /tmp/owned", Secret.of("pw")))
                    .isInstanceOf(SshBackupException.class).hasMessageContaining("not a valid backup account name");
            assertThatThrownBy(() -> servers.deleteUser("alice_$(id)"))
                    .isInstanceOf(SshBackupException.class).hasMessageContaining("not a valid backup account name");
        }
        assertThat(Path.of("/tmp/owned")).doesNotExist();
    }

    @Test
    void aServerDownBeforeCreateLeavesNoAccountAnywhere() {
        second.stop();
        try (SshBackupServers servers = servers()) {
            assertThatThrownBy(() -> servers.createUser("alice_mybot", Secret.of("pw")))
                    .isInstanceOfSatisfying(BackupServerFailureException.class, e ->
                            assertThat(e.failedServers()).containsExactly("backup2"))
                    .hasMessageContaining("backup server backup2").hasMessageContaining("nothing was changed");
        }
        assertThat(first.htpasswdLines()).isEmpty();
    }

    @Test
    void aServerFailingDuringCreatePutsTheOtherBackAsItWas() {
        BackupServerConfig broken = second.server("backup2").htpasswdFile(
                second.directory().resolve("missing/dir/.htpasswd").toString()).build();
        try (SshBackupServers servers = servers();
             SshBackupServers half = SshBackupServers.connect(new SshBackupConfig(
                     List.of(first.server("backup1").build(), broken), fast()))) {
            servers.createUser("alice_mybot", Secret.of("old password"));
            List<String> before = first.htpasswdLines();

            assertThatThrownBy(() -> half.createUser("alice_mybot", Secret.of("new password")))
                    .isInstanceOfSatisfying(BackupServerFailureException.class, e ->
                            assertThat(e.failedServers()).containsExactly("backup2"))
                    .hasMessageContaining("could not create the account")
                    .hasMessageContaining("put back as it was on [backup1]");
            assertThat(first.htpasswdLines()).isEqualTo(before);
            assertThat(servers.verifyUser("alice_mybot", Secret.of("old password"))).isTrue();

            assertThatThrownBy(() -> half.createUser("bob_fresh", Secret.of("pw")))
                    .isInstanceOf(BackupServerFailureException.class);
            assertThat(first.htpasswdLines()).noneMatch(line -> line.startsWith("bob_fresh:"));
        }
    }

    @Test
    void aDeleteThatFailsOnOneServerSaysWhereItIsDone() {
        try (SshBackupServers servers = servers()) {
            servers.createUser("alice_mybot", Secret.of("pw"));
            second.stop();
            assertThatThrownBy(() -> servers.deleteUser("alice_mybot"))
                    .isInstanceOfSatisfying(BackupServerFailureException.class, e ->
                            assertThat(e.failedServers()).containsExactly("backup2"))
                    .hasMessageContaining("deleted on [backup1]; deleting again finishes the job");
            assertThat(first.htpasswdLines()).isEmpty();
            second.restart();
            servers.deleteUser("alice_mybot");
            assertThat(second.htpasswdLines()).isEmpty();
        }
    }

    @Test
    void aServerWithAnotherHostKeyIsRefused() throws IOException {
        Path otherKnownHosts = first.directory().resolve("other_known_hosts");
        Files.writeString(otherKnownHosts, Files.readString(second.knownHosts())
                .replace("[127.0.0.1]:" + second.port(), "[127.0.0.1]:" + first.port()));
        BackupServerConfig impostor = first.server("backup1").knownHostsFile(otherKnownHosts).build();
        try (SshBackupServers servers = SshBackupServers.connect(SshBackupConfig.of(List.of(impostor)))) {
            assertThatThrownBy(() -> servers.createUser("alice_mybot", Secret.of("pw")))
                    .hasRootCauseInstanceOf(net.schmizz.sshj.transport.TransportException.class)
                    .hasMessageContaining("host key is not the one in");
        }
        BackupServerConfig unknown = first.server("backup1").knownHostsFile(first.directory().resolve("empty"))
                .build();
        try (SshConnection connection = new SshConnection(unknown, fast())) {
            assertThatThrownBy(() -> connection.run("true")).isInstanceOf(SshHostKeyException.class);
        }
        assertThat(first.htpasswdLines()).isEmpty();
    }
}
