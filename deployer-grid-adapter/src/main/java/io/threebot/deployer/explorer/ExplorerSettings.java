package io.threebot.deployer.explorer;

import io.threebot.deployer.spi.GridIdentity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the explorer adapter talks to an explorer. Build with {@link #builder(URI)}.
 *
 * @param baseUrl        the explorer's API root, e.g. {@code https://explorer.testnet.grid.tf/api/v1}
 * @param reader         the identity that signs read requests (the deployer's own); reads go unsigned without one
 * @param retries        how many times a failed read (5xx, timeout, refused connection) is tried again; writes are
 *                       tried again only when the connection was refused, since the explorer may have acted on them
 * @param backoff        the pause before the first retry; it doubles each time
 * @param pageFetchers   how many further pages of a listing are fetched at once
 */
public record ExplorerSettings(URI baseUrl, Optional<GridIdentity> reader, Duration connectTimeout,
                               Duration requestTimeout, int retries, Duration backoff, int pageFetchers, Clock clock) {
    public ExplorerSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String text = baseUrl.toString();
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            throw new IllegalArgumentException("the explorer URL must be http(s): " + baseUrl);
        }
        baseUrl = URI.create(text.replaceAll("/+$", ""));
        reader = reader == null ? Optional.empty() : reader;
        if (retries < 0 || pageFetchers < 1) {
            throw new IllegalArgumentException("retries must be >= 0 and pageFetchers >= 1");
        }
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** Builds {@link ExplorerSettings}: 5 s to connect, 30 s a request, 3 retries from 200 ms, 4 page fetchers. */
    public static final class Builder {
        private final URI baseUrl;
        private Optional<GridIdentity> reader = Optional.empty();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int retries = 3;
        private Duration backoff = Duration.ofMillis(200);
        private int pageFetchers = 4;
        private Clock clock = Clock.systemUTC();

        private Builder(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        public Builder reader(GridIdentity value) {
            this.reader = Optional.of(value);
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        public Builder backoff(Duration value) {
            this.backoff = value;
            return this;
        }

        public Builder pageFetchers(int value) {
            this.pageFetchers = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public ExplorerSettings build() {
            return new ExplorerSettings(baseUrl, reader, connectTimeout, requestTimeout, retries, backoff,
                    pageFetchers, clock);
        }
    }
}
