package io.threebot.deployer.ssh;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The deployer's backup servers and how to reach them. Build it in code, or read it from a properties or JSON file
 * with {@link #load(Path)}.
 */
public record SshBackupConfig(List<BackupServerConfig> servers, SshSettings settings) {
    public SshBackupConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(settings, "settings");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one backup server is needed");
        }
        var names = new HashSet<String>();
        for (BackupServerConfig server : servers) {
            if (!names.add(server.name())) {
                throw new IllegalArgumentException("two backup servers are named '" + server.name() + "'");
            }
        }
    }

    /** The servers with {@link SshSettings#defaults()}. */
    public static SshBackupConfig of(List<BackupServerConfig> servers) {
        return new SshBackupConfig(servers, SshSettings.defaults());
    }

    /**
     * Reads the configuration from a {@code .properties} or {@code .json} file (chosen by its name); the README's
     * "Backup servers" section shows both.
     *
     * @throws SshBackupConfigException when the file cannot be read or a value is missing or wrong, naming it
     */
    public static SshBackupConfig load(Path file) {
        return BackupConfigFile.read(file);
    }
}
