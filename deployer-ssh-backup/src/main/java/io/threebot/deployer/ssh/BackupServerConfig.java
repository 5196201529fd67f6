package io.threebot.deployer.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One backup server: where to reach it over SSH, how to trust it, and where its rest-server keeps accounts.
 *
 * @param name           a short name used in messages and logs, e.g. {@code backup1}
 * @param host           the SSH host
 * @param port           the SSH port
 * @param user           the SSH user, one allowed to change the password file
 * @param keyFile        the private key the deployer logs in with (OpenSSH format)
 * @param knownHostsFile an OpenSSH {@code known_hosts} file that must hold the server's host key
 * @param address        the address 3Bots reach the rest-server at (port 8000); the host unless set
 * @param htpasswdFile   the rest-server's password file
 * @param repositoryRoot the directory holding one repository per account
 */
public record BackupServerConfig(String name, String host, int port, String user, Path keyFile, Path knownHostsFile,
                                 String address, String htpasswdFile, String repositoryRoot) {
    public static final String DEFAULT_REPOSITORY_ROOT = "/root/backup";

    public BackupServerConfig {
        requireText(name, "name");
        requireText(host, "host");
        requireText(user, "user");
        requireText(address, "address");
        requireText(htpasswdFile, "htpasswdFile");
        requireText(repositoryRoot, "repositoryRoot");
        Objects.requireNonNull(keyFile, "keyFile of backup server " + name);
        Objects.requireNonNull(knownHostsFile, "knownHostsFile of backup server " + name);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("backup server " + name + ": port " + port + " is not 1..65535");
        }
    }

    /** The SSH endpoint, for messages. */
    public String endpoint() {
        return user + "@" + host + ":" + port;
    }

    /** The commands that manage this server's accounts. */
    HtpasswdCommands commands() {
        return new HtpasswdCommands(htpasswdFile, repositoryRoot);
    }

    /** A builder for the server of that name (used in messages and logs). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a backup server needs a " + field);
        }
    }

    /** Builds a {@link BackupServerConfig}; host, key file and known-hosts file are required. */
    public static final class Builder {
        private final String name;
        private String host;
        private int port = 22;
        private String user = "root";
        private Path keyFile;
        private Path knownHostsFile;
        private String address;
        private String htpasswdFile;
        private String repositoryRoot = DEFAULT_REPOSITORY_ROOT;

        private Builder(String name) {
            this.name = name;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** The SSH port; 22 by default. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The SSH user; {@code root} by default. */
        public Builder user(String value) {
            this.user = value;
            return this;
        }

        public Builder keyFile(Path value) {
            this.keyFile = value;
            return this;
        }

        public Builder knownHostsFile(Path value) {
            this.knownHostsFile = value;
            return this;
        }

        /** The address handed to 3Bots; the host by default. */
        public Builder address(String value) {
            this.address = value;
            return this;
        }

        /** The password file; {@code <repositoryRoot>/.htpasswd} by default. */
        public Builder htpasswdFile(String value) {
            this.htpasswdFile = value;
            return this;
        }

        /** The repositories' directory; {@value #DEFAULT_REPOSITORY_ROOT} by default. */
        public Builder repositoryRoot(String value) {
            this.repositoryRoot = value;
            return this;
        }

        public BackupServerConfig build() {
            String root = repositoryRoot == null ? null : repositoryRoot.replaceAll("(.)/+$", "$1");
            return new BackupServerConfig(name, host, port, user, keyFile, knownHostsFile,
                    address != null ? address : host, htpasswdFile != null ? htpasswdFile : root + "/.htpasswd",
                    root);
        }
    }
}
