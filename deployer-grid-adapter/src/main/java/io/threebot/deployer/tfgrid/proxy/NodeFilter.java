package io.threebot.deployer.tfgrid.proxy;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Which nodes {@code /nodes} (or {@code /gateways}) lists: built with {@link #builder()}, each setter checked at once
 * ({@link io.threebot.deployer.errors.InvalidInputException} naming the parameter). Resources are in bytes (memory
 * {@code mru}, SSD {@code sru}, HDD {@code hru}); {@code free_*} asks for at least that much reservable space.
 *
 * <pre>{@code
 * NodeFilter filter = NodeFilter.builder()
 *         .status(NodeStatus.UP).healthy(true).availableFor(twinId)
 *         .freeMru(4L << 30).freeSru(50L << 30).country("Belgium")
 *         .build();
 * }</pre>
 */
public final class NodeFilter extends ProxyFilter {
    private NodeFilter(QueryParams parameters) {
        super(parameters);
    }

    /** A filter with no parameters: every node. */
    public static NodeFilter any() {
        return builder().build();
    }

    /** A new builder with no parameters set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this filter's parameters, to change some. */
    public Builder toBuilder() {
        return new Builder(new QueryParams(queryParameters()));
    }

    /** Builds a {@link NodeFilter}; a parameter set twice keeps its last value. */
    public static final class Builder {
        private final QueryParams params;

        private Builder() {
            this(new QueryParams());
        }

        private Builder(QueryParams params) {
            this.params = params;
        }

        /** {@code status}: nodes in any of these statuses (e.g. {@code UP, STANDBY}). */
        public Builder status(NodeStatus... statuses) {
            statuses(params, "status", statuses);
            return this;
        }

        /** {@code healthy}: nodes that did (or did not) answer an RMB call in the last minutes. */
        public Builder healthy(boolean healthy) {
            params.flag("healthy", healthy);
            return this;
        }

        /** {@code free_mru}: at least this many bytes of reservable memory free. */
        public Builder freeMru(long bytes) {
            params.count("free_mru", bytes);
            return this;
        }

        /** {@code free_sru}: at least this many bytes of SSD free. */
        public Builder freeSru(long bytes) {
            params.count("free_sru", bytes);
            return this;
        }

        /** {@code free_hru}: at least this many bytes of HDD free. */
        public Builder freeHru(long bytes) {
            params.count("free_hru", bytes);
            return this;
        }

        /** {@code free_ips}: the node's farm has at least this many public IPv4 addresses free. */
        public Builder freeIps(long count) {
            params.count("free_ips", count);
            return this;
        }

        /** {@code total_cru}: at least this many CPU cores in all. */
        public Builder totalCru(long cores) {
            params.count("total_cru", cores);
            return this;
        }

        /** {@code total_mru}: at least this many bytes of memory in all. */
        public Builder totalMru(long bytes) {
            params.count("total_mru", bytes);
            return this;
        }

        /** {@code total_sru}: at least this many bytes of SSD in all. */
        public Builder totalSru(long bytes) {
            params.count("total_sru", bytes);
            return this;
        }

        /** {@code total_hru}: at least this many bytes of HDD in all. */
        public Builder totalHru(long bytes) {
            params.count("total_hru", bytes);
            return this;
        }

        /** {@code farm_ids}: nodes of any of these farms. */
        public Builder farmIds(long... farmIds) {
            params.ids("farm_ids", idList(farmIds));
            return this;
        }

        /** {@code farm_ids}: nodes of any of these farms. */
        public Builder farmIds(Collection<Long> farmIds) {
            params.ids("farm_ids", farmIds);
            return this;
        }

        /** {@code farm_name}: nodes of the farm of this name. */
        public Builder farmName(String name) {
            params.text("farm_name", name);
            return this;
        }

        /** {@code country}: nodes in this country (its English name, e.g. {@code Belgium}). */
        public Builder country(String country) {
            params.text("country", country);
            return this;
        }

        /** {@code city}: nodes in this city. */
        public Builder city(String city) {
            params.text("city", city);
            return this;
        }

        /** {@code region}: nodes in this region (a continent, e.g. {@code Europe}). */
        public Builder region(String region) {
            params.text("region", region);
            return this;
        }

        /** {@code domain}: nodes with (or without) a public domain, as gateways have. */
        public Builder domain(boolean hasDomain) {
            params.flag("domain", hasDomain);
            return this;
        }

        /** {@code ipv4}: nodes with (or without) a public IPv4 configuration. */
        public Builder ipv4(boolean hasIpv4) {
            params.flag("ipv4", hasIpv4);
            return this;
        }

        /** {@code ipv6}: nodes with (or without) a public IPv6 configuration. */
        public Builder ipv6(boolean hasIpv6) {
            params.flag("ipv6", hasIpv6);
            return this;
        }

        /** {@code has_ipv6}: nodes whose network offers (or does not offer) IPv6. */
        public Builder hasIpv6(boolean hasIpv6) {
            params.flag("has_ipv6", hasIpv6);
            return this;
        }

        /** {@code dedicated}: dedicated nodes only (or none). */
        public Builder dedicated(boolean dedicated) {
            params.flag("dedicated", dedicated);
            return this;
        }

        /** {@code in_dedicated_farm}: nodes of dedicated farms only (or none). */
        public Builder inDedicatedFarm(boolean inDedicatedFarm) {
            params.flag("in_dedicated_farm", inDedicatedFarm);
            return this;
        }

        /** {@code rentable}: nodes free to rent (or not). */
        public Builder rentable(boolean rentable) {
            params.flag("rentable", rentable);
            return this;
        }

        /** {@code rented}: rented nodes (or not). */
        public Builder rented(boolean rented) {
            params.flag("rented", rented);
            return this;
        }

        /** {@code rented_by}: nodes rented by this twin. */
        public Builder rentedBy(long twinId) {
            params.id("rented_by", twinId);
            return this;
        }

        /** {@code available_for}: nodes this twin may deploy on (not rented, or rented by it). */
        public Builder availableFor(long twinId) {
            params.id("available_for", twinId);
            return this;
        }

        /** {@code rentable_or_rented_by}: nodes free to rent or rented by this twin. */
        public Builder rentableOrRentedBy(long twinId) {
            params.id("rentable_or_rented_by", twinId);
            return this;
        }

        /** {@code owned_by}: nodes whose farm belongs to this twin. */
        public Builder ownedBy(long twinId) {
            params.id("owned_by", twinId);
            return this;
        }

        /** {@code node_id}: the node of this id. */
        public Builder nodeId(long nodeId) {
            params.id("node_id", nodeId);
            return this;
        }

        /** {@code twin_id}: the node of this twin. */
        public Builder twinId(long twinId) {
            params.id("twin_id", twinId);
            return this;
        }

        /** {@code excluded}: none of these nodes (say, ones that just failed a deployment). */
        public Builder excluded(long... nodeIds) {
            params.ids("excluded", idList(nodeIds));
            return this;
        }

        /** {@code certification_type}: as the gridproxy spells it ({@code Certified}, {@code DIY}). */
        public Builder certificationType(String type) {
            params.text("certification_type", type);
            return this;
        }

        /** {@code has_gpu}: nodes with (or without) a GPU. */
        public Builder hasGpu(boolean hasGpu) {
            params.flag("has_gpu", hasGpu);
            return this;
        }

        /** {@code gpu_available}: nodes with (or without) a GPU not in use. */
        public Builder gpuAvailable(boolean available) {
            params.flag("gpu_available", available);
            return this;
        }

        /** {@code features}: nodes that support every one of these zos features (e.g. {@code zmachine}). */
        public Builder features(String... features) {
            params.list("features", features == null ? List.of() : Arrays.asList(features), feature -> feature);
            return this;
        }

        /** The filter. */
        public NodeFilter build() {
            return new NodeFilter(params);
        }
    }
}
