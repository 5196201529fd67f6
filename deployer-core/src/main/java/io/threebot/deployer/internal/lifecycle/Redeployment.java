package io.threebot.deployer.internal.lifecycle;

import static io.threebot.deployer.internal.lifecycle.OperationRules.deploymentOf;

import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.deploy.DeployOrder;
import io.threebot.deployer.internal.deploy.PaidPurchase;
import io.threebot.deployer.internal.deploy.Placement;
import io.threebot.deployer.internal.deploy.Saga;
import io.threebot.deployer.internal.deploy.ThreebotDeployment;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.lifecycle.RedeployFailedException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StateStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Deploys a 3Bot again, for a start, restart, change of size or move. A running 3Bot is relocated without downtime:
 * the new container comes up beside the old one, joins the gateway the old one serves through, and only once it
 * answers is the old one removed; a new one that fails is removed and the old one keeps running.
 */
final class Redeployment {
    private final ThreebotDeployment deployment;
    private final WorkloadRemoval removal;
    private final OwnerAccess access;
    private final ThreebotRepository threebots;
    private final StateStore store;
    private final Clock clock;

    Redeployment(ThreebotDeployment deployment, WorkloadRemoval removal, OwnerAccess access,
                 ThreebotRepository threebots, StateStore store, Clock clock) {
        this.deployment = deployment;
        this.removal = removal;
        this.access = access;
        this.threebots = threebots;
        this.store = store;
        this.clock = clock;
    }

    /** Deploys the 3Bot again on the first of {@code farms}, on its pool when that is its farm, else a new one. */
    Threebot redeploy(String operation, Threebot threebot, String password, Flavor flavor,
                      List<EligibleFarm> farms, Optional<String> nodeId, int days,
                      Optional<PaidPurchase> paid, Progress progress) {
        return redeploy(operation, threebot, password, flavor, farms, nodeId,
                farms.get(0).id() == threebot.farmId() ? threebot.poolId() : 0, days, paid, progress);
    }

    /**
     * Deploys the 3Bot again on the farm, using pool {@code poolId} there (0 to buy a new one). A 3Bot that runs is
     * not taken down for it: the new container is deployed beside the old one, joins the gateway the old one serves
     * through, and is asked directly whether it answers; only then is the old container removed with its network.
     * When the new one fails or does not answer in time, it is removed and the 3Bot keeps running as it was. A 3Bot
     * that is live but cannot keep serving (its deployment does not say how) is stopped first.
     */
    Threebot redeploy(String operation, Threebot before, String password, Flavor flavor,
                      List<EligibleFarm> farms, Optional<String> nodeId, long poolId, int days,
                      Optional<PaidPurchase> paid, Progress progress) {
        Saga previous = Saga.open(store, deploymentOf(before), before.owner(), before.name(), clock);
        Optional<Placement> old = previous.done("placement", Placement.class);
        Optional<DeployOrder.LiveGateway> live = liveGateway(before, previous);
        Threebot threebot = live.isPresent() ? before : removal.runnable(before, password);
        DeployOrder order = new DeployOrder(operation, threebot.owner(), threebot.name(), flavor,
                threebot.sshKey(), farms, nodeId, days, Optional.of(new DeployOrder.Redeploy(threebot.uuid(), poolId,
                old.map(Placement::gateway), old.map(Placement::gatewayPoolId).orElse(0L),
                threebot.passwordHash(), live)), paid);
        String keepsRunning = live.isPresent() ? " Your 3Bot keeps running as it was." : "";
        try {
            deployment.setUp(order, password, progress);
            Threebot next = deployment.reserve(order, password, progress);
            if (live.isEmpty()) {
                removal.removeNetwork(threebot, access.identity(threebot, password));
                return deployment.awaitReady(order, progress);
            }
            try {
                next = deployment.awaitReady(order, progress);
            } catch (StopFlowException notAnswering) {
                progress.update("The new container did not answer; removing it. Your 3Bot keeps running.");
                removal.retire(next, access.identity(next, password));
                threebots.delete(next.uuid());
                throw notAnswering;
            }
            progress.update("The new container answers; removing the old one.");
            removal.retire(threebot, access.identity(threebot, password));
            threebots.delete(threebot.uuid());
            return next;
        } catch (StopFlowException e) {
            throw new RedeployFailedException(e.getMessage() + keepsRunning, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("Interrupted while deploying 3Bot '" + threebot.name() + "' again.", e);
        }
    }

    /**
     * What a running 3Bot's new container joins to serve without downtime: its subdomain and proxy and the secret
     * its container connects to the proxy with; empty when it is not running, or its deployment does not say.
     */
    private static Optional<DeployOrder.LiveGateway> liveGateway(Threebot threebot, Saga deployment) {
        if (threebot.state() != ThreebotState.RUNNING || threebot.workloadIds().size() != 3) {
            return Optional.empty();
        }
        return deployment.done("trc-secret", String.class).map(sealed -> new DeployOrder.LiveGateway(
                        threebot.workloadIds().get(0), threebot.workloadIds().get(1), sealed, threebot.ipAddress()));
    }
}
