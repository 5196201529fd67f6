package io.threebot.deployer.tfgrid.proxy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A node as the gridproxy lists it ({@code /nodes}, {@code /gateways}, {@code /nodes/{id}}). Deploy to it over RMB by
 * its {@link #twinId()}; a node with a {@link PublicConfig#domain()} is a gateway.
 *
 * @param nodeId            the node's id on tfchain
 * @param farmId            its farm
 * @param farmName          its farm's name
 * @param twinId            the node's own twin, the RMB destination of deployments
 * @param country           its country (English name)
 * @param city              its city
 * @param status            up, down or standby
 * @param healthy           whether it answered an RMB call in the last minutes
 * @param totalResources    all it has
 * @param usedResources     what contracts reserved on it
 * @param publicConfig      its public network configuration, when its farmer set one
 * @param certificationType as the gridproxy spells it ({@code Certified}, {@code DIY})
 * @param dedicated         whether it is rented whole only
 * @param inDedicatedFarm   whether its farm is dedicated
 * @param rentable          whether it can be rented now
 * @param rented            whether it is rented
 * @param rentContractId    its rent contract, 0 when none
 * @param rentedByTwinId    the twin renting it, 0 when none
 * @param farmFreeIps       public IPv4 addresses free in its farm
 * @param numGpu            its GPUs
 * @param extraFee          the farmer's extra fee for renting it (mUSD a month, as tfchain keeps it)
 * @param priceUsd          its monthly price in USD as the gridproxy computes it
 * @param gridVersion       the grid version it runs
 * @param uptime            how long it has been up
 * @param created           when it was registered
 * @param updatedAt         when it last reported
 * @param features          the zos features it supports (e.g. {@code zmachine}, {@code network})
 */
public record GridNode(long nodeId, long farmId, String farmName, long twinId, String country, String city,
                       NodeStatus status, boolean healthy, Resources totalResources, Resources usedResources,
                       Optional<PublicConfig> publicConfig, String certificationType, boolean dedicated,
                       boolean inDedicatedFarm, boolean rentable, boolean rented, long rentContractId,
                       long rentedByTwinId, long farmFreeIps, long numGpu, long extraFee, double priceUsd,
                       long gridVersion, Duration uptime, Instant created, Instant updatedAt, List<String> features) {
    /** Copies the list. */
    public GridNode {
        features = List.copyOf(features);
    }

    /** What is not reserved yet: total less used, each at least 0 (the proxy's {@code free_*} filters keep a margin). */
    public Resources freeResources() {
        return totalResources.minus(usedResources);
    }

    /** The gateway domain, when this node is a gateway. */
    public Optional<String> domain() {
        return publicConfig.flatMap(PublicConfig::domain);
    }

    /**
     * Reads a node from {@code /nodes} (resources at the top) or {@code /nodes/{id}} (resources under
     * {@code capacity}); {@code nodeId}, {@code farmId}, {@code twinId}, {@code status} and both resources are
     * required.
     */
    static GridNode read(JsonFields json) {
        JsonFields resources = json.object("capacity").orElse(json);
        PublicConfig config = json.object("publicConfig").map(PublicConfig::read).orElse(null);
        return new GridNode(json.requiredCount("nodeId"), json.requiredCount("farmId"), json.text("farmName"),
                json.requiredCount("twinId"), json.text("country"), json.text("city"),
                NodeStatus.fromWire(json.requiredText("status")), json.flag("healthy"),
                Resources.read(resources.requiredObject("total_resources")),
                Resources.read(resources.requiredObject("used_resources")),
                config == null || config.isEmpty() ? Optional.empty() : Optional.of(config),
                json.text("certificationType"), json.flag("dedicated"), json.flag("inDedicatedFarm"),
                json.flag("rentable"), json.flag("rented"), json.count("rentContractId"),
                json.count("rentedByTwinId"), json.count("farm_free_ips"), json.count("num_gpu"),
                json.count("extraFee"), json.number("price_usd"), json.count("gridVersion"),
                Duration.ofSeconds(json.count("uptime")), json.instant("created"),
                json.instant("updatedAt"), json.texts("features"));
    }
}
