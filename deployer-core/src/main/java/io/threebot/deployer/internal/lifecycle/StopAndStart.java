package io.threebot.deployer.internal.lifecycle;

import static io.threebot.deployer.internal.lifecycle.OperationRules.NOT_DELETED;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireState;
import static io.threebot.deployer.internal.lifecycle.OperationRules.sameFarm;
import static io.threebot.deployer.internal.lifecycle.ThreebotService.MIN_TIME_TO_START;

import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.internal.deploy.PaidPurchase;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.Progress;
import java.util.List;
import java.util.Optional;

/**
 * Stops a 3Bot (its workloads removed, its backups kept) and starts it again, on its farm, pool, gateway and domain,
 * or restarts it; a start buys days when the owner paid for them, and needs them when the pool ran dry.
 */
final class StopAndStart {
    private final OperationGuard guard;
    private final OwnerAccess access;
    private final ThreebotLookup lookup;
    private final WorkloadRemoval removal;
    private final PaidOperationRunner paid;
    private final Redeployment redeployment;

    StopAndStart(OperationGuard guard, OwnerAccess access, ThreebotLookup lookup, WorkloadRemoval removal,
                 PaidOperationRunner paid, Redeployment redeployment) {
        this.guard = guard;
        this.access = access;
        this.lookup = lookup;
        this.removal = removal;
        this.paid = paid;
        this.redeployment = redeployment;
    }

    /** Removes the 3Bot's workloads and waits (all at once) until the grid confirms; backups are kept. */
    Threebot stop(String owner, String uuid, String password) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, ThreebotState::isLive, "stop");
            return removal.stopped(threebot, access.identity(threebot, password));
        });
    }

    /**
     * Deploys a stopped 3Bot again, on its farm, pool, gateway and domain, with a new solution id.
     *
     * @param paymentId a paid request for {@link Purchase#start} (days added to its pool), or empty to add none
     */
    Threebot start(String owner, String uuid, String password, Optional<String> paymentId, Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, state -> state == ThreebotState.STOPPED, "start");
            requireTimeOrPayment(threebot, paymentId);
            return paid.run(threebot, PurchaseKind.START, threebot.flavor(), paymentId,
                    PaidOperations.Rerun.of(password), (operation, days) -> redeployment.redeploy(operation, threebot,
                            password, threebot.flavor(), List.of(sameFarm(threebot)), Optional.empty(), days,
                            paymentId.map(id -> new PaidPurchase(id, PurchaseKind.START)), progress));
        });
    }

    /** Stops the 3Bot if it runs, then starts it again; {@code paymentId} as for {@link #start}. */
    Threebot restart(String owner, String uuid, String password, Optional<String> paymentId, Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot before = access.verify(owner, uuid, password);
            requireState(before, NOT_DELETED, "restart");
            requireTimeOrPayment(before, paymentId);
            return paid.run(before, PurchaseKind.RESTART, before.flavor(), paymentId,
                    PaidOperations.Rerun.of(password), (operation, days) -> {
                Threebot threebot = removal.runnable(before, password);
                return redeployment.redeploy(operation, threebot, password, threebot.flavor(),
                        List.of(sameFarm(threebot)), Optional.empty(), days,
                        paymentId.map(id -> new PaidPurchase(id, PurchaseKind.RESTART)), progress);
            });
        });
    }

    /** A start that buys nothing needs a pool with time left; one that ran dry would leave the 3Bot dead. */
    private void requireTimeOrPayment(Threebot threebot, Optional<String> paymentId) {
        if (paymentId.isEmpty() && lookup.poolTimeLeft(threebot).compareTo(MIN_TIME_TO_START) < 0) {
            throw new PaymentRequiredException("The capacity pool of 3Bot '" + threebot.name() + "' ran dry (or has "
                    + "less than an hour left): buy at least 1 day to start it.");
        }
    }
}
