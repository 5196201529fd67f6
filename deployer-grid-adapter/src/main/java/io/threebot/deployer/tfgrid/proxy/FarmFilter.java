package io.threebot.deployer.tfgrid.proxy;

/**
 * Which farms {@code /farms} lists: by the farm's own fields, or by what its nodes offer ({@code node_*}). Built with
 * {@link #builder()}; each setter is checked at once.
 */
public final class FarmFilter extends ProxyFilter {
    private FarmFilter(QueryParams parameters) {
        super(parameters);
    }

    /** A filter with no parameters: every farm. */
    public static FarmFilter any() {
        return builder().build();
    }

    /** A new builder with no parameters set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FarmFilter}; a parameter set twice keeps its last value. */
    public static final class Builder {
        private final QueryParams params = new QueryParams();

        private Builder() {
        }

        /** {@code farm_id}: the farm of this id. */
        public Builder farmId(long farmId) {
            params.id("farm_id", farmId);
            return this;
        }

        /** {@code twin_id}: the farms of this twin. */
        public Builder twinId(long twinId) {
            params.id("twin_id", twinId);
            return this;
        }

        /** {@code name}: the farm of this name. */
        public Builder name(String name) {
            params.text("name", name);
            return this;
        }

        /** {@code name_contains}: farms whose name contains this. */
        public Builder nameContains(String part) {
            params.text("name_contains", part);
            return this;
        }

        /** {@code free_ips}: farms with at least this many public IPv4 addresses free. */
        public Builder freeIps(long count) {
            params.count("free_ips", count);
            return this;
        }

        /** {@code total_ips}: farms with at least this many public IPv4 addresses. */
        public Builder totalIps(long count) {
            params.count("total_ips", count);
            return this;
        }

        /** {@code pricing_policy_id}: farms under this pricing policy. */
        public Builder pricingPolicyId(long policyId) {
            params.id("pricing_policy_id", policyId);
            return this;
        }

        /** {@code certification_type}: as the gridproxy spells it ({@code Certified}, {@code DIY}). */
        public Builder certificationType(String type) {
            params.text("certification_type", type);
            return this;
        }

        /** {@code dedicated}: dedicated farms only (or none). */
        public Builder dedicated(boolean dedicated) {
            params.flag("dedicated", dedicated);
            return this;
        }

        /** {@code stellar_address}: the farm paid at this Stellar address. */
        public Builder stellarAddress(String address) {
            params.text("stellar_address", address);
            return this;
        }

        /** {@code country}: farms with nodes in this country. */
        public Builder country(String country) {
            params.text("country", country);
            return this;
        }

        /** {@code region}: farms with nodes in this region. */
        public Builder region(String region) {
            params.text("region", region);
            return this;
        }

        /** {@code node_free_mru}: farms with a node with at least this many bytes of memory free. */
        public Builder nodeFreeMru(long bytes) {
            params.count("node_free_mru", bytes);
            return this;
        }

        /** {@code node_free_sru}: farms with a node with at least this many bytes of SSD free. */
        public Builder nodeFreeSru(long bytes) {
            params.count("node_free_sru", bytes);
            return this;
        }

        /** {@code node_free_hru}: farms with a node with at least this many bytes of HDD free. */
        public Builder nodeFreeHru(long bytes) {
            params.count("node_free_hru", bytes);
            return this;
        }

        /** {@code node_total_cru}: farms with a node of at least this many CPU cores. */
        public Builder nodeTotalCru(long cores) {
            params.count("node_total_cru", cores);
            return this;
        }

        /** {@code node_status}: farms with a node in any of these statuses. */
        public Builder nodeStatus(NodeStatus... statuses) {
            statuses(params, "node_status", statuses);
            return this;
        }

        /** {@code node_available_for}: farms with a node this twin may deploy on. */
        public Builder nodeAvailableFor(long twinId) {
            params.id("node_available_for", twinId);
            return this;
        }

        /** {@code node_rented_by}: farms with a node rented by this twin. */
        public Builder nodeRentedBy(long twinId) {
            params.id("node_rented_by", twinId);
            return this;
        }

        /** {@code node_has_gpu}: farms with (or without) a node with a GPU. */
        public Builder nodeHasGpu(boolean hasGpu) {
            params.flag("node_has_gpu", hasGpu);
            return this;
        }

        /** {@code node_has_ipv6}: farms with (or without) a node offering IPv6. */
        public Builder nodeHasIpv6(boolean hasIpv6) {
            params.flag("node_has_ipv6", hasIpv6);
            return this;
        }

        /** {@code node_certified}: farms with (or without) a certified node. */
        public Builder nodeCertified(boolean certified) {
            params.flag("node_certified", certified);
            return this;
        }

        /** The filter. */
        public FarmFilter build() {
            return new FarmFilter(params);
        }
    }
}
