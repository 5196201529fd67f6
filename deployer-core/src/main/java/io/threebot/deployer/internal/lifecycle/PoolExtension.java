package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.internal.deploy.AccountFunding;
import io.threebot.deployer.spi.HostedThreebot;
import java.util.function.Supplier;
import static io.threebot.deployer.internal.lifecycle.OperationRules.NOT_DELETED;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireState;

import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.PaidPurchase;
import io.threebot.deployer.internal.deploy.PoolProvisioner;
import io.threebot.deployer.internal.deploy.Saga;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.model.Capacity;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Buys more capacity for a 3Bot's pool, so it runs as many days longer as the user paid for; an extension that fails
 * gives back what it bought and the user is refunded in full.
 */
final class PoolExtension {
    private final OperationGuard guard;
    private final OwnerAccess access;
    private final PaidOperationRunner paid;
    private final GridClient grid;
    private final PoolProvisioner pools;
    private final ThreebotRepository threebots;
    private final StateStore store;
    private final Clock clock;
    private final HostedOperations hosted;
    private final Optional<AccountFunding> accounts;

    /**
     * @param hosted   tells a hosted 3Bot (TFGrid v3) apart; its extension tops up its account instead of a pool
     * @param accounts funds hosted 3Bots' accounts, when the deployer has a hosting grid
     */
    PoolExtension(OperationGuard guard, OwnerAccess access, PaidOperationRunner paid, GridClient grid,
                  PoolProvisioner pools, ThreebotRepository threebots, StateStore store, Clock clock,
                  HostedOperations hosted, Optional<AccountFunding> accounts) {
        this.hosted = hosted;
        this.accounts = accounts;
        this.guard = guard;
        this.access = access;
        this.paid = paid;
        this.grid = grid;
        this.pools = pools;
        this.threebots = threebots;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Buys more capacity for the 3Bot's pool, so it runs as many days longer as the payment bought; the payment is
     * refunded in full when the extension fails.
     *
     * @param paymentId a paid request for {@link Purchase#extend}
     */
    Threebot extend(String owner, String uuid, String password, String paymentId, Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, NOT_DELETED, "extend");
            return paid.run(threebot, PurchaseKind.EXTEND, threebot.flavor(), Optional.of(paymentId),
                    PaidOperations.Rerun.of(password), (operation, days) -> extendPool(operation, threebot,
                            () -> access.identity(threebot, password), paymentId, days, progress));
        });
    }

    /**
     * Buys the days: a pool's capacity on the explorer grid, a top-up of the account on a hosting grid.
     *
     * @param identity the 3Bot's explorer identity, asked for only on the explorer grid
     */
    Threebot extendPool(String operation, Threebot threebot, Supplier<GridIdentity> identity, String paymentId,
                        int days, Progress progress) {
        Capacity capacity = threebot.flavor().capacity();
        Duration period = Duration.ofDays(days);
        Saga saga = Saga.open(store, operation, threebot.owner(), threebot.name(), clock);
        Optional<HostedThreebot> onHost = hosted.of(threebot);
        Optional<Pool> pool = onHost.isPresent() ? Optional.empty() : Optional.of(grid.getPool(threebot.poolId())
                .orElseThrow(() -> new InvalidStateException("The pool of 3Bot '" + threebot.name()
                        + "' is gone; start the 3Bot again instead.")));
        try {
            if (saga.journal().outcome().undoing()) {
                // taken up again after a runner began undoing it: it finishes the undoing
                throw new StopFlowException(saga.journal().failure());
            }
            pools.fund(saga, threebot.owner(), new PaidPurchase(paymentId, PurchaseKind.EXTEND), threebot.uuid(),
                    threebot.name(), threebot.flavor(), days);
            if (onHost.isPresent()) {
                accounts.orElseThrow().fund(saga, onHost.get().account(), progress);
            } else {
                pools.provision(saga, "pool", identity.get(), pool.get().poolId(), pool.get().nodeIds(),
                        capacity.computeUnitSeconds(period), capacity.storageUnitSeconds(period), progress);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("Interrupted while extending 3Bot '" + threebot.name() + "'.", e);
        } catch (RuntimeException e) {
            if (StoreUnavailableException.findIn(e).isPresent() || FenceScope.leaseLost(e)) {
                throw e; // nothing is undone for an outage or by a runner that lost the operation
            }
            saga.beginUndoing(e.getMessage() == null ? "The extension failed." : e.getMessage());
            pools.refundAll(saga, "pool extension " + saga.id() + " failed");
            saga.end(DeploymentJournal.Outcome.COMPENSATED, e.getMessage());
            throw new LifecycleException("Extending 3Bot '" + threebot.name() + "' failed: " + e.getMessage(), e);
        }
        saga.end(DeploymentJournal.Outcome.SUCCEEDED, "");
        // the payment is made final by the operation (paid) once the 3Bot shows its new time
        if (onHost.isPresent()) {
            Duration left = HostedOperations.timeLeft(hosted.hosting(), threebot, onHost.get());
            return threebots.update(threebot.uuid(), t -> t.withExpiresAt(Optional.of(clock.instant().plus(left))));
        }
        return threebots.update(threebot.uuid(), t -> t.withExpiresAt(grid.getPool(t.poolId())
                .flatMap(Pool::emptyAt).or(t::expiresAt)));
    }
}
