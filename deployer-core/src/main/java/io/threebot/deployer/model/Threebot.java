package io.threebot.deployer.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the deployer remembers of a deployed 3Bot.
 *
 * @param uuid          the solution id; a redeploy gives a new one
 * @param owner         the owner's user name without the {@code .3bot} suffix
 * @param identityName  the 3Bot's own grid identity, {@code <owner>_<name>}
 * @param workloadIds   subdomain, reverse proxy and container, in that order
 * @param expiresAt     when the pool runs dry; empty while unknown
 * @param deploymentId  the deployment (journal) that created this record
 * @param sshKey        the SSH key the owner gave, for redeploys
 */
public record Threebot(String uuid, String name, String owner, String identityName, long identityTid, Flavor flavor,
                       long farmId, String farmName, String continent, String nodeId, long poolId, String domain,
                       String ipAddress, ThreebotState state, List<Long> workloadIds, PasswordHash passwordHash,
                       Instant createdAt, Optional<Instant> expiresAt, String deploymentId, String sshKey) {
    public Threebot {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(flavor, "flavor");
        continent = continent == null ? "" : continent;
        Objects.requireNonNull(state, "state");
        workloadIds = List.copyOf(workloadIds);
        Objects.requireNonNull(passwordHash, "passwordHash");
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        deploymentId = deploymentId == null ? "" : deploymentId;
        sshKey = sshKey == null ? "" : sshKey;
    }

    /**
     * The state's name as stored for the store's index ({@code status}, one of its indexed fields), so the 3Bots in
     * one state are found without reading the others, the destroyed ones above all.
     */
    @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
    public String status() {
        return state.name();
    }

    /** The address the 3Bot answers on. */
    public String url() {
        return "https://" + domain + "/admin";
    }

    public Threebot withState(ThreebotState newState) {
        return new Threebot(uuid, name, owner, identityName, identityTid, flavor, farmId, farmName, continent, nodeId,
                poolId, domain, ipAddress, newState, workloadIds, passwordHash, createdAt, expiresAt, deploymentId,
                sshKey);
    }

    /**
     * This 3Bot resized or moved in place, as a grid that hosts whole 3Bots does it (it keeps its id, address and
     * journal): its new size, farm, node and private address.
     */
    public Threebot withPlacement(Flavor newFlavor, long newFarmId, String newFarmName, String newContinent,
                                  String newNodeId, String newIpAddress) {
        return new Threebot(uuid, name, owner, identityName, identityTid, newFlavor, newFarmId, newFarmName,
                newContinent, newNodeId, poolId, domain, newIpAddress, state, workloadIds, passwordHash, createdAt,
                expiresAt, deploymentId, sshKey);
    }

    public Threebot withExpiresAt(Optional<Instant> newExpiry) {
        return new Threebot(uuid, name, owner, identityName, identityTid, flavor, farmId, farmName, continent, nodeId,
                poolId, domain, ipAddress, state, workloadIds, passwordHash, createdAt, newExpiry, deploymentId,
                sshKey);
    }
}
