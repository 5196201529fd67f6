package io.threebot.deployer.deploy;

import io.threebot.deployer.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.model.Flavor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the owner asked for.
 *
 * @param farms  the farms the location policy allows
 * @param nodeId the node the owner chose, when they chose one
 * @param days   how long the capacity pool is bought for
 */
public record DeployOrder(String deploymentId, String owner, String name, Flavor flavor, String sshKey,
                          List<EligibleFarm> farms, Optional<String> nodeId, int days) {
    public DeployOrder {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flavor, "flavor");
        sshKey = sshKey == null ? "" : sshKey;
        farms = List.copyOf(farms);
        nodeId = nodeId == null ? Optional.empty() : nodeId;
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1");
        }
    }

    public String identityName() {
        return IdentityService.identityName(owner, name);
    }

    /** The 3Bot's solution uuid: the deployment id without dashes. */
    public String solutionUuid() {
        return deploymentId.replace("-", "");
    }
}
