package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.IdentityNames;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the owner asked for.
 *
 * @param farms  the farms the location policy allows
 * @param nodeId the node the owner chose, when they chose one
 * @param days   how long the capacity pool is bought for
 * @param paid   the user's payment for those days; without one the operator pays for nothing
 */
public record DeployOrder(String deploymentId, String owner, String name, Flavor flavor, String sshKey,
                          List<EligibleFarm> farms, Optional<String> nodeId, int days, Optional<Redeploy> redeploy,
                          Optional<PaidPurchase> paid) {

    /**
     * A 3Bot deployed again (start, resize, move): it keeps its domain and recovery-password hash, and reuses its
     * pool when it stays on the same farm.
     *
     * @param poolId        the pool to extend and use, or 0 to buy a new one on the chosen farm
     * @param gateway       the gateway and domain it had, when known
     * @param live          set while the 3Bot still runs (a resize or move without downtime): the new container
     *                      joins the gateway workloads it has, and the old one is removed only once the new one
     *                      answers
     */
    public record Redeploy(String previousUuid, long poolId, Optional<GatewayChoice> gateway, long gatewayPoolId,
                           io.threebot.deployer.model.PasswordHash passwordHash, Optional<LiveGateway> live) {
        public Redeploy(String previousUuid, long poolId, Optional<GatewayChoice> gateway, long gatewayPoolId,
                        io.threebot.deployer.model.PasswordHash passwordHash) {
            this(previousUuid, poolId, gateway, gatewayPoolId, passwordHash, Optional.empty());
        }
    }

    /**
     * The gateway workloads of a 3Bot that keeps running while it is deployed again: its subdomain and reverse
     * proxy, the (sealed) secret its containers connect to the proxy with, and the private address of the running
     * container, which the new one does not take so that each can be asked on its own.
     */
    public record LiveGateway(long subdomainId, long proxyId, String sealedTrcSecret, String containerIp) {
    }

    public DeployOrder(String deploymentId, String owner, String name, Flavor flavor, String sshKey,
                       List<EligibleFarm> farms, Optional<String> nodeId, int days, Optional<PaidPurchase> paid) {
        this(deploymentId, owner, name, flavor, sshKey, farms, nodeId, days, Optional.empty(), paid);
    }

    public DeployOrder {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flavor, "flavor");
        sshKey = sshKey == null ? "" : sshKey;
        farms = List.copyOf(farms);
        nodeId = nodeId == null ? Optional.empty() : nodeId;
        redeploy = redeploy == null ? Optional.empty() : redeploy;
        paid = paid == null ? Optional.empty() : paid;
        if (days < (redeploy.isPresent() ? 0 : 1)) {
            throw new IllegalArgumentException("days must be at least " + (redeploy.isPresent() ? 0 : 1));
        }
    }

    public String identityName() {
        return IdentityNames.of(owner, name);
    }

    /** The 3Bot's solution uuid: the deployment id without dashes. */
    public String solutionUuid() {
        return deploymentId.replace("-", "");
    }
}
