package io.threebot.deployer.tfgrid.proxy;

/** Which twins {@code /twins} lists. Built with {@link #builder()}; each setter is checked at once. */
public final class TwinFilter extends ProxyFilter {
    private TwinFilter(QueryParams parameters) {
        super(parameters);
    }

    /** A filter with no parameters: every twin. */
    public static TwinFilter any() {
        return builder().build();
    }

    /** A new builder with no parameters set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TwinFilter}; a parameter set twice keeps its last value. */
    public static final class Builder {
        private final QueryParams params = new QueryParams();

        private Builder() {
        }

        /** {@code twin_id}: the twin of this id. */
        public Builder twinId(long twinId) {
            params.id("twin_id", twinId);
            return this;
        }

        /** {@code account_id}: the twin of this account (its SS58 address). */
        public Builder accountId(String ss58Address) {
            params.text("account_id", ss58Address);
            return this;
        }

        /** {@code relay}: twins reachable through this relay (e.g. {@code relay.grid.tf}). */
        public Builder relay(String relay) {
            params.text("relay", relay);
            return this;
        }

        /** {@code public_key}: the twin of this end-to-end public key (hex). */
        public Builder publicKey(String publicKey) {
            params.text("public_key", publicKey);
            return this;
        }

        /** The filter. */
        public TwinFilter build() {
            return new TwinFilter(params);
        }
    }
}
