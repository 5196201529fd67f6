package io.threebot.deployer.ssh;

import io.threebot.deployer.support.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How the deployer talks to its backup servers.
 *
 * @param connectTimeout    the limit for connecting, key exchange and login
 * @param commandTimeout    the limit for one remote command
 * @param keepAliveInterval how often an idle pooled connection is kept alive; zero turns it off
 */
public record SshSettings(Duration connectTimeout, Duration commandTimeout, Duration keepAliveInterval) {
    public SshSettings {
        Durations.requirePositive(connectTimeout, "connectTimeout");
        Durations.requirePositive(commandTimeout, "commandTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        if (keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval must not be negative");
        }
    }

    /** 10 s to connect, 30 s per command, keep-alive every 30 s. */
    public static SshSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SshSettings}; every value has a default. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration commandTimeout = Duration.ofSeconds(30);
        private Duration keepAliveInterval = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            this.commandTimeout = value;
            return this;
        }

        public Builder keepAliveInterval(Duration value) {
            this.keepAliveInterval = value;
            return this;
        }

        public SshSettings build() {
            return new SshSettings(connectTimeout, commandTimeout, keepAliveInterval);
        }
    }
}
