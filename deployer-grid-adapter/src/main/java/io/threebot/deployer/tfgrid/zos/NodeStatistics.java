package io.threebot.deployer.tfgrid.zos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A node's counters, as {@code zos.statistics.get} answers them (zosbase {@code pkg.Counters}).
 *
 * @param total           the node's whole capacity
 * @param used            capacity in use, users' and the system's
 * @param system          capacity zos keeps for itself
 * @param users           the users' deployments and workloads
 * @param openConnections open connections on the node (0 when the node does not say)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"total", "used", "system", "users", "open_connections"})
public record NodeStatistics(
        @JsonProperty("total") Capacity total,
        @JsonProperty("used") Capacity used,
        @JsonProperty("system") Capacity system,
        @JsonProperty("users") Users users,
        @JsonProperty("open_connections") long openConnections) {

    public NodeStatistics {
        total = total == null ? Capacity.ZERO : total;
        used = used == null ? Capacity.ZERO : used;
        system = system == null ? Capacity.ZERO : system;
        users = users == null ? new Users(0, 0, 0) : users;
        Check.uint64("open_connections", openConnections);
    }

    /** What is free for users: the total less what is used, never below zero. */
    public Capacity free() {
        return new Capacity(Math.max(0, total.cru() - used.cru()), Math.max(0, total.sru() - used.sru()),
                Math.max(0, total.hru() - used.hru()), Math.max(0, total.mru() - used.mru()),
                Math.max(0, total.ipv4u() - used.ipv4u()));
    }

    /**
     * An amount of capacity (zosbase {@code gridtypes.Capacity}).
     *
     * @param cru   virtual cores
     * @param sru   SSD bytes
     * @param hru   HDD bytes
     * @param mru   memory bytes
     * @param ipv4u public IPv4 addresses
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"cru", "sru", "hru", "mru", "ipv4u"})
    public record Capacity(
            @JsonProperty("cru") long cru,
            @JsonProperty("sru") long sru,
            @JsonProperty("hru") long hru,
            @JsonProperty("mru") long mru,
            @JsonProperty("ipv4u") long ipv4u) {
        /** No capacity. */
        public static final Capacity ZERO = new Capacity(0, 0, 0, 0, 0);

        public Capacity {
            Check.uint64("cru", cru);
            Check.uint64("sru", sru);
            Check.uint64("hru", hru);
            Check.uint64("mru", mru);
            Check.uint64("ipv4u", ipv4u);
        }
    }

    /**
     * The users' share of a node.
     *
     * @param deployments             how many deployments
     * @param workloads               how many workloads
     * @param lastDeploymentTimestamp unix seconds of the last deployment (0 when none or not said)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"deployments", "workloads", "last_deployment_timestamp"})
    public record Users(
            @JsonProperty("deployments") long deployments,
            @JsonProperty("workloads") long workloads,
            @JsonProperty("last_deployment_timestamp") long lastDeploymentTimestamp) {
        public Users {
            Check.uint64("deployments", deployments);
            Check.uint64("workloads", workloads);
        }
    }
}
