package io.threebot.deployer.ssh;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link BackupServerSetup} prepares a server.
 *
 * @param restServerPath     where the rest-server binary goes
 * @param restServerBinary   a local binary to upload; when empty the server downloads {@code restServerDownload}
 * @param restServerDownload the release the server downloads ({@code .gz} files are unpacked)
 * @param listenPort         the port rest-server serves on
 * @param serviceUnitPath    the systemd unit written for rest-server; empty to write none
 * @param startService       enable and (re)start the unit with systemctl
 * @param installHtpasswd    install {@code apache2-utils} with apt-get when {@code htpasswd} is missing
 */
public record SetupOptions(String restServerPath, Optional<Path> restServerBinary, URI restServerDownload,
                           int listenPort, Optional<String> serviceUnitPath, boolean startService,
                           boolean installHtpasswd) {
    /** The rest-server release the original servers ran. */
    public static final URI DEFAULT_DOWNLOAD = URI.create(
            "https://github.com/restic/rest-server/releases/download/v0.9.7/rest-server-0.9.7-linux-amd64.gz");

    public SetupOptions {
        Objects.requireNonNull(restServerPath, "restServerPath");
        Objects.requireNonNull(restServerBinary, "restServerBinary");
        Objects.requireNonNull(restServerDownload, "restServerDownload");
        Objects.requireNonNull(serviceUnitPath, "serviceUnitPath");
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SetupOptions}: by default {@code /usr/bin/rest-server} v0.9.7 on port 8000, run by systemd. */
    public static final class Builder {
        private String restServerPath = "/usr/bin/rest-server";
        private Path restServerBinary;
        private URI restServerDownload = DEFAULT_DOWNLOAD;
        private int listenPort = 8000;
        private String serviceUnitPath = "/etc/systemd/system/rest-server.service";
        private boolean startService = true;
        private boolean installHtpasswd = true;

        private Builder() {
        }

        public Builder restServerPath(String value) {
            this.restServerPath = value;
            return this;
        }

        public Builder restServerBinary(Path value) {
            this.restServerBinary = value;
            return this;
        }

        public Builder restServerDownload(URI value) {
            this.restServerDownload = value;
            return this;
        }

        public Builder listenPort(int value) {
            this.listenPort = value;
            return this;
        }

        /** Where the systemd unit goes; {@code null} to write none. */
        public Builder serviceUnitPath(String value) {
            this.serviceUnitPath = value;
            return this;
        }

        public Builder startService(boolean value) {
            this.startService = value;
            return this;
        }

        public Builder installHtpasswd(boolean value) {
            this.installHtpasswd = value;
            return this;
        }

        public SetupOptions build() {
            return new SetupOptions(restServerPath, Optional.ofNullable(restServerBinary), restServerDownload,
                    listenPort, Optional.ofNullable(serviceUnitPath), startService, installHtpasswd);
        }
    }
}
