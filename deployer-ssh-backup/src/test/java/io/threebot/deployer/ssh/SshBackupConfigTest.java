package io.threebot.deployer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshBackupConfigTest {
    @TempDir
    Path dir;

    @Test
    void propertiesAndJsonDescribeTheSameServers() throws IOException {
        Path properties = dir.resolve("backup.properties");
        Files.writeString(properties, """
                backup.servers = backup1, backup2
                backup.server.backup1.host = 10.0.0.1
                backup.server.backup1.key-file = keys/id_ed25519
                backup.server.backup1.known-hosts = /etc/deployer/known_hosts
                backup.server.backup2.host = 10.0.0.2
                backup.server.backup2.port = 2222
                backup.server.backup2.user = backup
                backup.server.backup2.address = backup2.example.org
                backup.server.backup2.key-file = keys/id_ed25519
                backup.server.backup2.known-hosts = /etc/deployer/known_hosts
                backup.server.backup2.repository-root = /srv/backup/
                ssh.connect-timeout = 5s
                ssh.command-timeout = PT1M
                ssh.keep-alive = 0
                """);
        Path json = dir.resolve("backup.json");
        Files.writeString(json, """
                {"servers": [
                  {"name": "backup1", "host": "10.0.0.1", "keyFile": "keys/id_ed25519",
                   "knownHosts": "/etc/deployer/known_hosts"},
                  {"name": "backup2", "host": "10.0.0.2", "port": 2222, "user": "backup",
                   "address": "backup2.example.org", "keyFile": "keys/id_ed25519",
                   "knownHosts": "/etc/deployer/known_hosts", "repositoryRoot": "/srv/backup/"}],
                 "ssh": {"connectTimeout": "5s", "commandTimeout": "PT1M", "keepAlive": 0}}
                """);

        SshBackupConfig fromProperties = SshBackupConfig.load(properties);
        assertThat(SshBackupConfig.load(json)).isEqualTo(fromProperties);

        BackupServerConfig first = fromProperties.servers().get(0);
        assertThat(first.port()).isEqualTo(22);
        assertThat(first.user()).isEqualTo("root");
        assertThat(first.address()).isEqualTo("10.0.0.1");
        assertThat(first.keyFile()).isEqualTo(dir.resolve("keys/id_ed25519"));
        assertThat(first.htpasswdFile()).isEqualTo("/root/backup/.htpasswd");
        BackupServerConfig second = fromProperties.servers().get(1);
        assertThat(second.endpoint()).isEqualTo("backup@10.0.0.2:2222");
        assertThat(second.repositoryRoot()).isEqualTo("/srv/backup");
        assertThat(second.htpasswdFile()).isEqualTo("/srv/backup/.htpasswd");
        assertThat(fromProperties.settings()).isEqualTo(new SshSettings(Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ZERO));
    }

    @Test
    void mistakesAreNamed() throws IOException {
        assertThatThrownBy(() -> load("backup.servers = a\nbackup.server.a.key-file = k\n"
                + "backup.server.a.known-hosts = h\n"))
                .isInstanceOf(SshBackupConfigException.class).hasMessageContaining("backup.server.a.host is missing");
        assertThatThrownBy(() -> load("backup.servers = a\nbackup.server.a.host = h\nbackup.server.a.key-file = k\n"
                + "backup.server.a.known-hosts = h\nbackup.server.a.prot = 22\n"))
                .hasMessageContaining("unknown keys [backup.server.a.prot]");
        assertThatThrownBy(() -> load("backup.servers = a\nbackup.server.a.host = h\nbackup.server.a.key-file = k\n"
                + "backup.server.a.known-hosts = h\nbackup.server.a.port = 70000\n"))
                .hasMessageContaining("port 70000 is not 1..65535");
        assertThatThrownBy(() -> load("backup.servers = a\nbackup.server.a.host = h\nbackup.server.a.key-file = k\n"
                + "backup.server.a.known-hosts = h\nssh.command-timeout = soon\n"))
                .hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> load("backup.servers =\n")).hasMessageContaining("backup.servers is missing");
        assertThatThrownBy(() -> SshBackupConfig.load(dir.resolve("absent.properties")))
                .isInstanceOf(SshBackupConfigException.class).hasMessageContaining("cannot read");
    }

    private SshBackupConfig load(String text) throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, text);
        return SshBackupConfig.load(file);
    }
}
