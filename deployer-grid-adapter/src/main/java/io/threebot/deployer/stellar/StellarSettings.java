package io.threebot.deployer.stellar;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the deployer reaches Stellar: the network (Horizon, passphrase, TFT issuer, each replaceable, e.g. by the
 * {@code HorizonDouble} of this module's testkit jar), the operator's secret, and the deadlines of every Horizon call.
 * Built with {@link #builder()}.
 */
public final class StellarSettings {
    private final StellarNetwork network;
    private final URI horizonUrl;
    private final String passphrase;
    private final String tftIssuer;
    private final OperatorSecret operator;
    private final Duration requestTimeout;
    private final Duration submitTimeout;
    private final Duration transactionLifetime;
    private final Duration confirmationMargin;
    private final Duration freshness;
    private final long baseFeeStroops;
    private final int pageLimit;
    private final int maxAnswerBytes;

    private StellarSettings(Builder b) {
        this.network = b.network;
        this.horizonUrl = URI.create(b.horizonUrl.orElse(b.network.horizonUrl()));
        this.passphrase = b.passphrase.orElse(b.network.passphrase());
        this.tftIssuer = b.tftIssuer.orElse(b.network.tftIssuer());
        this.operator = Objects.requireNonNull(b.operator, "the operator's secret (operator(...)) is required");
        this.requestTimeout = b.requestTimeout;
        this.submitTimeout = b.submitTimeout;
        this.transactionLifetime = b.transactionLifetime;
        this.confirmationMargin = b.confirmationMargin;
        this.freshness = b.freshness;
        this.baseFeeStroops = b.baseFeeStroops;
        this.pageLimit = b.pageLimit;
        this.maxAnswerBytes = b.maxAnswerBytes;
        String scheme = horizonUrl.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("Horizon URL must be http(s): " + horizonUrl);
        }
    }

    /** A builder for the public network; name the operator's secret with {@link Builder#operator}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The network whose defaults were taken. */
    public StellarNetwork network() {
        return network;
    }

    /** The Horizon server's base URL. */
    public URI horizonUrl() {
        return horizonUrl;
    }

    /** The network passphrase transactions are signed for. */
    public String passphrase() {
        return passphrase;
    }

    /** The TFT issuer's account. */
    public String tftIssuer() {
        return tftIssuer;
    }

    /** The operator's secret: the receiving account and the signer of refunds and pool payments. */
    public OperatorSecret operator() {
        return operator;
    }

    /** Deadline of a Horizon read (connect, read and call). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Deadline of a transaction submission (Horizon answers once the ledger closed). */
    public Duration submitTimeout() {
        return submitTimeout;
    }

    /** How long a signed transaction may be applied (its time bounds); after that it never can be. */
    public Duration transactionLifetime() {
        return transactionLifetime;
    }

    /**
     * How long past a transaction's last chance (its time bounds, or a rejected resubmission) Horizon is given to
     * show it, before one that is not found is taken as never applied and a new one is signed.
     */
    public Duration confirmationMargin() {
        return confirmationMargin;
    }

    /** How old the followed payments may be when {@code observe} is called before Horizon is read again. */
    public Duration freshness() {
        return freshness;
    }

    /** The fee offered per operation, in stroops of XLM. */
    public long baseFeeStroops() {
        return baseFeeStroops;
    }

    /** Payments read per page. */
    public int pageLimit() {
        return pageLimit;
    }

    /** The largest Horizon answer taken; a larger one is refused as hostile. */
    public int maxAnswerBytes() {
        return maxAnswerBytes;
    }

    /** Names the network and Horizon; never the secret. */
    @Override
    public String toString() {
        return "StellarSettings[" + network + ", " + horizonUrl + ", operator " + operator.accountId() + "]";
    }

    /** Builds {@link StellarSettings}. */
    public static final class Builder {
        private StellarNetwork network = StellarNetwork.PUBLIC;
        private Optional<String> horizonUrl = Optional.empty();
        private Optional<String> passphrase = Optional.empty();
        private Optional<String> tftIssuer = Optional.empty();
        private OperatorSecret operator;
        private Duration requestTimeout = Duration.ofSeconds(20);
        private Duration submitTimeout = Duration.ofSeconds(60);
        private Duration transactionLifetime = Duration.ofMinutes(5);
        private Duration confirmationMargin = Duration.ofMinutes(1);
        private Duration freshness = Duration.ofSeconds(2);
        private long baseFeeStroops = 300;
        private int pageLimit = 200;
        private int maxAnswerBytes = 2 * 1024 * 1024;

        private Builder() {
        }

        /** The network whose Horizon, passphrase and TFT issuer are taken unless replaced (default PUBLIC). */
        public Builder network(StellarNetwork value) {
            this.network = Objects.requireNonNull(value, "network");
            return this;
        }

        /** Another Horizon server of the same network (one's own, or a double). */
        public Builder horizonUrl(String value) {
            this.horizonUrl = Optional.of(value);
            return this;
        }

        /** Another network passphrase (a private network or a double). */
        public Builder passphrase(String value) {
            this.passphrase = Optional.of(value);
            return this;
        }

        /** Another TFT issuer (a private network or a double). */
        public Builder tftIssuer(String value) {
            this.tftIssuer = Optional.of(value);
            return this;
        }

        /** The operator's secret seed. */
        public Builder operator(OperatorSecret value) {
            this.operator = Objects.requireNonNull(value, "operator");
            return this;
        }

        /** Deadline of a Horizon read (default 20 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive(value, "requestTimeout");
            return this;
        }

        /** Deadline of a submission (default 60 s). */
        public Builder submitTimeout(Duration value) {
            this.submitTimeout = positive(value, "submitTimeout");
            return this;
        }

        /** How long a signed transaction stays valid (default 5 minutes). */
        public Builder transactionLifetime(Duration value) {
            this.transactionLifetime = positive(value, "transactionLifetime");
            return this;
        }

        /** Time given to Horizon to show a transaction before it is taken as never applied (default 1 minute). */
        public Builder confirmationMargin(Duration value) {
            this.confirmationMargin = Objects.requireNonNull(value, "confirmationMargin");
            return this;
        }

        /** How stale followed payments may be when observed (default 2 s). */
        public Builder freshness(Duration value) {
            this.freshness = Objects.requireNonNull(value, "freshness");
            return this;
        }

        /** The fee per operation in stroops (default 300, as ThreeFold's bridge offers). */
        public Builder baseFeeStroops(long value) {
            if (value < 100) {
                throw new IllegalArgumentException("Stellar's minimum base fee is 100 stroops");
            }
            this.baseFeeStroops = value;
            return this;
        }

        /** Payments read per page, 1 to 200 (default 200). */
        public Builder pageLimit(int value) {
            if (value < 1 || value > 200) {
                throw new IllegalArgumentException("Horizon pages hold 1 to 200 records");
            }
            this.pageLimit = value;
            return this;
        }

        /** The largest answer taken from Horizon, in bytes (default 2 MiB). */
        public Builder maxAnswerBytes(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("at least 1024 bytes");
            }
            this.maxAnswerBytes = value;
            return this;
        }

        /**
         * The settings.
         *
         * @throws NullPointerException     when no operator secret was given
         * @throws IllegalArgumentException when the Horizon URL is not http(s)
         */
        public StellarSettings build() {
            return new StellarSettings(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
